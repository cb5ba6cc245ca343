package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// TestReferralsCommands runs on the Redis of testRedisURL: the cluster or Redis of the CI run, or
// a miniredis.
func TestReferralsCommands(t *testing.T) {
	url := testRedisURL(t)
	rdb := testClient(t, url)
	store := referrals.NewStore(rdb)
	c := referrals.Case{ID: "TSQ-7K3F9Q", CreatedAt: time.Now(), UserID: 5, ChatID: 5, Lang: "en", AdText: "ad",
		Verdict: referrals.Verdict{Risk: "high"}, Happened: "saw", Targets: []string{"default"}, Status: referrals.StatusQueued}
	// The case id is fixed, so the case's shard is not its reporter's as a drawn id's would be:
	// its writes go in a plain pipeline, which a cluster client splits by slot.
	if _, err := rdb.Pipelined(context.Background(), func(p redis.Pipeliner) error { return store.AddCmds(context.Background(), p, c) }); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"REDIS_URL": url}
	out, err := runCmd(t, env, "", "referrals", "list")
	if err != nil || !strings.Contains(out, "TSQ-7K3F9Q") || !strings.Contains(out, "queued") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	out, err = runCmd(t, env, "", "referrals", "show", "tsq-7k3f9q")
	if err != nil || !strings.Contains(out, `"case_id": "TSQ-7K3F9Q"`) {
		t.Fatalf("show: %v\n%s", err, out)
	}
	if _, err := runCmd(t, env, "", "referrals", "retry", "TSQ-7K3F9Q"); err == nil {
		t.Error("retried a case with nothing dead")
	}
	if _, err := runCmd(t, env, "", "referrals", "show", "nonsense"); err == nil {
		t.Error("accepted a bad id")
	}
}

// TestLinksAndCampaignCommands runs on the Redis of testRedisURL, as TestReferralsCommands.
func TestLinksAndCampaignCommands(t *testing.T) {
	url := testRedisURL(t)
	dir := t.TempDir()
	env := map[string]string{"REDIS_URL": url, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot"}
	qr := dir + "/link.png"
	out, err := runCmd(t, env, "", "links", "new", "--mrc", "lhr", "--label", "Job fair", "--licence", "9848/lhr", "--qr", qr)
	if err != nil || !strings.Contains(out, "https://t.me/tasdeeq_test_bot?start=c_") || !strings.Contains(out, "LHR") {
		t.Fatalf("links new: %v\n%s", err, out)
	}
	if _, err := os.Stat(qr); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, env, "", "links", "new", "--mrc", "LHR", "--label", "x", "--licence", "not a licence"); err == nil {
		t.Error("accepted a bad licence")
	}
	// Two subscribers, then the ready "fees" message from deploy/outreach.
	rdb := testClient(t, url)
	subs := outreach.NewSubscribers(rdb)
	for i, lang := range []string{"en", "ur"} {
		if _, err := rdb.TxPipelined(context.Background(), func(p redis.Pipeliner) error {
			subs.SubscribeCmds(context.Background(), p, int64(700+i), lang, "", time.Now())
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	out, err = runCmd(t, env, "", "campaign", "send", "../../deploy/campaigns/fees.toml")
	if err != nil || !strings.Contains(out, "Done: 2 queued") || !strings.Contains(out, "100%") {
		t.Fatalf("campaign send: %v\n%s", err, out)
	}
}
