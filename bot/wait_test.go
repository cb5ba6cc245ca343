package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// TestReplicaWaitRefusesAnUpdateNotReplicated: with TASDEEQ_REDIS_WAIT, an update whose commit no
// replica took in time is answered 503 although it was written; Telegram's retry then finds it
// done and is answered 200 without a second reply. The Redis of REDIS_URL has no replicas, so
// WAIT 1 always times out there; with no wait asked the same update goes through.
func TestReplicaWaitRefusesAnUpdateNotReplicated(t *testing.T) {
	for _, r := range redises(t) {
		if r.mr != nil {
			continue // miniredis has no replication, nor WAIT
		}
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			p.Wait = bot.ReplicaWait{Replicas: 1, Timeout: 20 * time.Millisecond}
			start := time.Now()
			err := p.Process(ctx, textUpdate(9901, 71, scamAd))
			if !errors.Is(err, webhook.ErrUnavailable) {
				t.Fatalf("an update no replica has: %v, want ErrUnavailable", err)
			}
			if took := time.Since(start); took < 20*time.Millisecond {
				t.Errorf("answered in %v: WAIT did not wait", took)
			}
			if n := len(streamMessages(t, r.rdb)); n != 1 {
				t.Fatalf("%d replies queued, want the 1 the commit wrote", n)
			}
			if err := p.Process(ctx, textUpdate(9901, 71, scamAd)); err != nil {
				t.Fatalf("the retry: %v, want it found done", err)
			}
			if n := len(streamMessages(t, r.rdb)); n != 1 {
				t.Errorf("%d replies after the retry, want still 1", n)
			}
			p.Wait = bot.ReplicaWait{}
			if err := p.Process(ctx, textUpdate(9902, 72, scamAd)); err != nil {
				t.Fatalf("without a wait: %v", err)
			}
		})
	}
}
