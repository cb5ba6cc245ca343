package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

// TestForgetLeavesNoKeyOfTheUser walks a user through everything that stores something (a
// counsellor link, a language, checks, a report with a phone number, a subscription), then
// /forget, and scans Redis for the user's id in any key or value.
func TestForgetLeavesNoKeyOfTheUser(t *testing.T) {
	mr := miniredis.RunT(t)
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": "redis://" + mr.Addr(), "TASDEEQ_ADMIN_TOKEN": e2eAdminToken, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot"})
	code, body := e.admin(http.MethodPost, "/admin/links", map[string]string{"mrc": "SKT", "label": "Desk"})
	if code != http.StatusCreated {
		t.Fatalf("%d %s", code, body)
	}
	payload := body[strings.Index(string(body), "start=c_")+6:]
	payload = payload[:strings.IndexByte(string(payload), '"')]
	const user = 777123456
	n := 0
	step := func(u models.Update) {
		n++
		e.post(u, e2eSecret)
		e.waitMessages(user, n)
	}
	e.post(e.text(user, "ur", "/start "+string(payload)), e2eSecret)
	n = 1
	e.waitMessages(user, 1)
	step(e.press(user, "ur", "lang:ur"))
	step(e.text(user, "ur", e2eScamUr))
	step(e.press(user, "ur", "sub"))
	step(e.press(user, "ur", "report"))
	step(e.press(user, "ur", "rep:saw"))
	share := e.text(user, "ur", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: "+923005550188", FirstName: "Test", UserID: user}
	e.post(share, e2eSecret)
	n += 2
	e.waitMessages(user, n)
	step(e.press(user, "ur", "rep:yes"))
	step(e.text(user, "ur", "/forget"))

	id := strconv.Itoa(user)
	for _, key := range mr.Keys() {
		if strings.Contains(key, id) {
			t.Errorf("key %s names the user after /forget", key)
			continue
		}
		switch mr.Type(key) {
		case "string":
			if v, _ := mr.Get(key); strings.Contains(v, id) || strings.Contains(v, "5550188") {
				t.Errorf("key %s holds the user's id or number", key)
			}
		case "set":
			if m, _ := mr.Members(key); strings.Contains(strings.Join(m, ","), id) {
				t.Errorf("set %s holds the user's id", key)
			}
		case "zset":
			if m, _ := mr.ZMembers(key); strings.Contains(strings.Join(m, ","), id) {
				t.Errorf("sorted set %s holds the user's id", key)
			}
		case "hash":
			fields, _ := mr.HKeys(key)
			for _, f := range fields {
				if strings.Contains(f, id) || strings.Contains(mr.HGet(key, f), id) {
					t.Errorf("hash %s holds the user's id", key)
				}
			}
		}
	}
}

// TestForgetAfterEveryFeature is the red-team case of /forget: a user with a distinctive id
// starts through two counsellor links, checks an ad, sends a picture that is read, another that
// is still being read when they leave, subscribes and receives a campaign, reports a scam with
// their number, has the report confirmed by a counsellor, then sends /forget. Afterwards no key,
// field, member, stream entry or value in Redis holds their id or their number. It runs on
// miniredis, on the real Redis of REDIS_URL when that is set, and on the Redis Cluster of
// REDIS_CLUSTER_URL when that is set.
func TestForgetAfterEveryFeature(t *testing.T) {
	t.Run("miniredis", func(t *testing.T) {
		forgetAfterEveryFeature(t, "redis://"+miniredis.RunT(t).Addr())
	})
	t.Run("redis", func(t *testing.T) {
		url := os.Getenv("REDIS_URL")
		if url == "" {
			t.Skip("REDIS_URL not set")
		}
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		// A database of its own, so that other tests on the same server neither see nor add keys.
		opts.DB = 11
		url = fmt.Sprintf("redis://%s/%d", opts.Addr, opts.DB)
		if opts.Password != "" {
			url = fmt.Sprintf("redis://:%s@%s/%d", opts.Password, opts.Addr, opts.DB)
		}
		cleanRedis(t, url)
		forgetAfterEveryFeature(t, url)
	})
	t.Run("cluster", func(t *testing.T) {
		// A cluster has only database 0: CI gives the cluster run one of its own.
		url := os.Getenv("REDIS_CLUSTER_URL")
		if url == "" {
			t.Skip("REDIS_CLUSTER_URL not set")
		}
		cleanRedis(t, url)
		forgetAfterEveryFeature(t, url)
	})
}

func forgetAfterEveryFeature(t *testing.T, redisURL string) {
	const (
		user       = 7777123456789
		counsellor = 4242
		phone      = "+923005550188"
	)
	needles := []string{strconv.FormatInt(user, 10), "5550188"}
	rdb := testClient(t, redisURL)

	// A tesseract that reads any picture as the English scam poster, and takes its time while
	// the file hold exists, so a picture is still being read when the user leaves.
	dir := t.TempDir()
	hold := filepath.Join(dir, "hold")
	fake := filepath.Join(dir, "tesseract")
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of available languages (2):\\neng\\nurd\\n'; exit 0; fi\n" +
		"cat >/dev/null\nif [ -e " + hold + " ]; then exec sleep 30; fi\n" +
		"printf 'SAUDI ARABIA JOBS\\nDrivers needed, 100%% visa guarantee.\\nRegistration fee Rs 25,000 to JazzCash 0301-5550123 before interview.\\n'\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": redisURL, "TASDEEQ_ADMIN_TOKEN": e2eAdminToken,
		"TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot", "TASDEEQ_COUNSELLORS": strconv.Itoa(counsellor),
		"TASDEEQ_REFERRAL_REVIEW": "counsellor", "TASDEEQ_OCR_COMMAND": fake, "TASDEEQ_OCR_TIMEOUT": "20s"})
	if hits := redisHolding(t, rdb, needles); len(hits) > 0 {
		t.Fatalf("Redis names the user before they came: %v", hits)
	}

	var payloads []string
	for _, l := range []map[string]string{{"mrc": "SKT", "label": "Desk"}, {"mrc": "LHR", "label": "Job fair"}} {
		code, body := e.admin(http.MethodPost, "/admin/links", l)
		if code != http.StatusCreated {
			t.Fatalf("%d %s", code, body)
		}
		p := body[strings.Index(string(body), "start=c_")+6:]
		payloads = append(payloads, string(p[:strings.IndexByte(string(p), '"')]))
	}
	n := 0
	do := func(u models.Update, replies int) []bottest.Call {
		t.Helper()
		if code := e.post(u, e2eSecret); code != http.StatusOK {
			t.Fatalf("HTTP %d", code)
		}
		n += replies
		return e.waitMessages(user, n)
	}
	do(e.text(user, "ur", "/start "+payloads[0]), 1)
	do(e.text(user, "ur", "/start "+payloads[1]), 1)
	do(e.press(user, "ur", "lang:ur"), 1)
	do(e.text(user, "ur", e2eScamUr), 1)
	png := testImage(t, "en-scam.png")
	e.fake.AddFile("AgAD-forget", png)
	do(e.photo(user, "ur", "AgAD-forget", "یہ دیکھیں", len(png)), 3) // reading…, the lines read, the verdict
	do(e.press(user, "ur", "sub"), 1)
	code, body := e.admin(http.MethodPost, "/admin/campaigns", map[string]any{"text": map[string]string{"en": "Never pay a visa fee.", "ur": "ویزا فیس کبھی نہ دیں۔"}})
	if code != http.StatusAccepted {
		t.Fatalf("POST /admin/campaigns: %d %s", code, body)
	}
	n++
	if m := e.waitMessages(user, n); m[n-1].Text() != "ویزا فیس کبھی نہ دیں۔" {
		t.Fatalf("campaign message: %q", m[n-1].Text())
	}
	do(e.text(user, "ur", e2eScamUr), 1)
	do(e.press(user, "ur", "report"), 1)
	do(e.press(user, "ur", "rep:saw"), 1)
	share := e.text(user, "ur", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: phone, FirstName: "Test", UserID: user}
	do(share, 2)
	held := do(e.press(user, "ur", "rep:yes"), 1)[n-1].Text()
	caseID := regexp.MustCompile(`TSQ-[0-9A-Z]+`).FindString(held)
	if caseID == "" {
		t.Fatalf("no case id in %q", held)
	}
	// A counsellor confirms the report; the user hears of it.
	e.post(e.press(counsellor, "en", "rvok:"+caseID), e2eSecret)
	e.waitMessages(counsellor, 1)
	n++
	e.waitMessages(user, n)
	// A picture still being read when the user leaves.
	if err := os.WriteFile(hold, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	do(e.photo(user, "ur", "AgAD-forget", "اور یہ", len(png)), 1)
	if !e.fake.Await(10*time.Second, func() bool { return len(e.fake.CallsTo("getFile")) == 2 }) {
		t.Fatal("the second picture was not fetched")
	}
	if hits := redisHolding(t, rdb, needles); len(hits) == 0 {
		t.Fatal("the scan finds nothing before /forget: it cannot be trusted after")
	}
	do(e.text(user, "ur", "/forget"), 1)
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	for _, h := range redisHolding(t, rdb, needles) {
		t.Errorf("after /forget: %s", h)
	}
}

// redisHolding lists every place in Redis (a key's name, a string, a hash field or value, a
// member of a set or sorted set, a list item, a stream entry's field or value) holding any of
// needles.
func redisHolding(t *testing.T, rdb redis.UniversalClient, needles []string) []string {
	t.Helper()
	ctx := context.Background()
	var hits []string
	check := func(where, s string) {
		for _, n := range needles {
			if strings.Contains(s, n) {
				hits = append(hits, fmt.Sprintf("%s holds %s: %.200q", where, n, s))
			}
		}
	}
	keys, err := redistest.Keys(ctx, rdb, "*") // every primary of a cluster
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range keys {
		check("key name "+key, key)
		typ, err := rdb.Type(ctx, key).Result()
		if err != nil {
			t.Fatal(err)
		}
		var vals []string
		switch typ {
		case "none":
			continue
		case "string":
			v, _ := rdb.Get(ctx, key).Result()
			vals = []string{v}
		case "hash":
			h, err := rdb.HGetAll(ctx, key).Result()
			if err != nil {
				t.Fatal(err)
			}
			for f, v := range h {
				vals = append(vals, f, v)
			}
		case "set":
			vals, err = rdb.SMembers(ctx, key).Result()
		case "zset":
			vals, err = rdb.ZRange(ctx, key, 0, -1).Result()
		case "list":
			vals, err = rdb.LRange(ctx, key, 0, -1).Result()
		case "stream":
			var es []redis.XMessage
			es, err = rdb.XRange(ctx, key, "-", "+").Result()
			for _, m := range es {
				for f, v := range m.Values {
					vals = append(vals, f, fmt.Sprint(v))
				}
			}
		default:
			t.Fatalf("key %s of type %s: the scan does not know it", key, typ)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			check(typ+" "+key, v)
		}
	}
	return hits
}
