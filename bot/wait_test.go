package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// TestReplicaWaitRefusesAnUpdateNotReplicated: with TASDEEQ_REDIS_WAIT, an update whose commit no
// replica took in time is answered 503 although it was written; Telegram's retry then finds it
// done and is answered 200 without a second reply. The Redis of REDIS_URL has no replicas, so
// WAIT 1 always times out there; on a cluster, whose primaries have replicas, the test asks for
// one more than they have, and checks that as many as they have are waited for and found. With
// no wait asked the same update goes through.
func TestReplicaWaitRefusesAnUpdateNotReplicated(t *testing.T) {
	for _, r := range redises(t) {
		if r.mr != nil {
			continue // miniredis has no replication, nor WAIT
		}
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			have := fewestReplicas(t, r.rdb)
			if have > 0 {
				p := newProcessor(t, r.rdb)
				p.Wait = bot.ReplicaWait{Replicas: have, Timeout: 5 * time.Second}
				if err := p.Process(ctx, textUpdate(9900, 70, scamAd)); err != nil {
					t.Fatalf("an update the %d replicas have: %v", have, err)
				}
			}
			p := newProcessor(t, r.rdb)
			p.Wait = bot.ReplicaWait{Replicas: have + 1, Timeout: 20 * time.Millisecond}
			start := time.Now()
			err := p.Process(ctx, textUpdate(9901, 71, scamAd))
			if !errors.Is(err, webhook.ErrUnavailable) {
				t.Fatalf("an update no replica has: %v, want ErrUnavailable", err)
			}
			if took := time.Since(start); took < 20*time.Millisecond {
				t.Errorf("answered in %v: WAIT did not wait", took)
			}
			if n := len(repliesTo(t, r.rdb, 71)); n != 1 {
				t.Fatalf("%d replies queued, want the 1 the commit wrote", n)
			}
			if err := p.Process(ctx, textUpdate(9901, 71, scamAd)); err != nil {
				t.Fatalf("the retry: %v, want it found done", err)
			}
			if n := len(repliesTo(t, r.rdb, 71)); n != 1 {
				t.Errorf("%d replies after the retry, want still 1", n)
			}
			p.Wait = bot.ReplicaWait{}
			if err := p.Process(ctx, textUpdate(9902, 72, scamAd)); err != nil {
				t.Fatalf("without a wait: %v", err)
			}
		})
	}
}

// fewestReplicas is the smallest number of replicas a primary of rdb has: 0 for a single Redis
// without replicas; on a cluster, of every primary (any may take the commit).
func fewestReplicas(t *testing.T, rdb redis.UniversalClient) int {
	t.Helper()
	ctx := context.Background()
	var (
		mu     sync.Mutex
		fewest = -1
	)
	count := func(ctx context.Context, c redis.UniversalClient) error {
		info, err := c.InfoMap(ctx, "replication").Result()
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(info["Replication"]["connected_slaves"])
		if err != nil {
			return fmt.Errorf("connected_slaves: %w", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if fewest < 0 || n < fewest {
			fewest = n
		}
		return nil
	}
	var err error
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		err = cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return count(ctx, c) })
	} else {
		err = count(ctx, rdb)
	}
	if err != nil || fewest < 0 {
		t.Fatalf("replicas: %d, %v", fewest, err)
	}
	return fewest
}

// repliesTo are the replies queued for chat.
func repliesTo(t *testing.T, rdb redis.UniversalClient, chat int64) []outbox.Outgoing {
	t.Helper()
	var out []outbox.Outgoing
	for _, m := range streamMessages(t, rdb) {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}
