package referrals_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/referrals"
)

// MigrateLayout moves each kind of referral data of the old layout to its case's shard; a second
// run moves nothing; the worker then delivers what was waiting, the entries that were pending
// included.
func TestMigrateLayout(t *testing.T) {
	backendsGuarded(t, false, func(t *testing.T, b backend) {
		if b.cluster {
			t.Skip("the old layout lived on one node; MigrateLayout refuses a cluster (TestMigrateLayoutNotOnCluster)")
		}
		ctx := context.Background()
		clk := newClock()
		t0 := clk.Now()
		ep := newEndpoint(t, secret, clk)
		routing, err := referrals.SingleTarget(ep.srv.URL, secret)
		if err != nil {
			t.Fatal(err)
		}
		// Old ids fall in any shard: these are not drawn for their users.
		review, queued, dead, delivered := "TSQ-AAAAA1", "TSQ-BBBBB2", "TSQ-CCCCC3", "TSQ-DDDDD4"
		cases := map[string]referrals.Case{}
		for i, id := range []string{review, queued, dead, delivered} {
			c := sampleCase(id, t0.Add(time.Duration(i)*time.Minute))
			c.Status = []referrals.Status{referrals.StatusReview, referrals.StatusQueued, referrals.StatusDead, referrals.StatusDelivered}[i]
			if c.Status != referrals.StatusReview {
				c.Targets = []string{"default"}
				c.Deliveries = map[string]*referrals.Delivery{"default": {Status: c.Status}}
			}
			if id == delivered {
				c.UserID = 7
			}
			cases[id] = c
			data, _ := json.Marshal(c)
			b.rdb.Set(ctx, "tasdeeq:case:"+id, data, referrals.Retention-time.Hour)
		}
		b.rdb.SAdd(ctx, "tasdeeq:u:{424242}:cases", review, queued, dead)
		b.rdb.Expire(ctx, "tasdeeq:u:{424242}:cases", time.Hour)
		b.rdb.SAdd(ctx, "tasdeeq:u:{7}:cases", delivered)
		b.rdb.SAdd(ctx, referrals.UserKey(ring, 7), "TSQ-EEEEE5") // already under the new layout: merged
		b.rdb.ZAdd(ctx, "tasdeeq:referrals:review", redis.Z{Score: float64(t0.Unix()), Member: review})
		// The outbox: the queued case's entry, read and left pending by a worker that died, then
		// a second target's entry and a malformed one.
		b.rdb.XGroupCreateMkStream(ctx, "tasdeeq:referrals", referrals.OutboxGroup, "0")
		b.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:referrals", Values: []any{"c", queued, "t", "default"}})
		b.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: referrals.OutboxGroup, Consumer: "dead-worker", Streams: []string{"tasdeeq:referrals", ">"}, Count: 1, Block: -1})
		b.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:referrals", Values: []any{"c", queued, "t", "default"}})
		b.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:referrals", Values: []any{"x", "malformed"}})
		due := clk.Now().Add(time.Hour)
		b.rdb.ZAdd(ctx, "tasdeeq:referrals:retry", redis.Z{Score: float64(due.UnixMilli()), Member: dead + "|default"})
		b.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:referrals:dead", Values: []any{"c", dead, "t", "default", "reason", "HTTP 400", "at", "2026-03-01T10:00:00Z"}})

		moved, err := referrals.MigrateLayout(ctx, b.rdb, ring)
		// 4 cases, 2 case indexes, 3 outbox entries (one dropped), 1 dead letter, 1 retry.
		if err != nil || moved != 11 {
			t.Fatalf("MigrateLayout = %d, %v; want 11", moved, err)
		}
		if again, err := referrals.MigrateLayout(ctx, b.rdb, ring); err != nil || again != 0 {
			t.Fatalf("second run = %d, %v; want nothing moved", again, err)
		}
		for _, old := range []string{"tasdeeq:case:" + review, "tasdeeq:u:{424242}:cases", "tasdeeq:u:{7}:cases", "tasdeeq:referrals:review",
			"tasdeeq:referrals", "tasdeeq:referrals:retry", "tasdeeq:referrals:dead"} {
			if b.rdb.Exists(ctx, old).Val() != 0 {
				t.Errorf("%s left behind", old)
			}
		}

		store := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
		for id, want := range cases {
			got := get(t, store, id)
			if got.Status != want.Status || got.UserID != want.UserID || got.AdText != want.AdText {
				t.Errorf("case %s = %+v", id, got)
			}
			if ttl := b.rdb.TTL(ctx, referrals.CaseKey(ring, id)).Val(); ttl <= 0 || ttl > referrals.Retention-time.Hour {
				t.Errorf("case %s TTL %v, want the old one kept", id, ttl)
			}
		}
		if ids, _ := store.UserCases(ctx, 424242); !slices.Equal(ids, []string{review, queued, dead}) {
			t.Errorf("user's cases = %v", ids)
		}
		if ids, _ := store.UserCases(ctx, 7); !slices.Equal(ids, []string{delivered, "TSQ-EEEEE5"}) {
			t.Errorf("merged index = %v", ids)
		}
		if rev, _ := store.Review(ctx, 10); !slices.Equal(caseIDs(rev), []string{review}) {
			t.Errorf("review queue = %v", caseIDs(rev))
		}
		if all, _ := store.List(ctx, "", 10); !slices.Equal(caseIDs(all), []string{delivered, dead, queued, review}) {
			t.Errorf("List = %v", caseIDs(all))
		}
		retry := b.rdb.ZRangeWithScores(ctx, referrals.RetryKey(ring.OfString(dead)), 0, -1).Val()
		if len(retry) != 1 || retry[0].Member != dead+"|default" || retry[0].Score != float64(due.UnixMilli()) {
			t.Errorf("retries = %v", retry)
		}
		deadEntries := b.rdb.XRange(ctx, referrals.DeadStream(ring.OfString(dead)), "-", "+").Val()
		if len(deadEntries) != 1 || deadEntries[0].Values["reason"] != "HTTP 400" || deadEntries[0].Values["at"] != "2026-03-01T10:00:00Z" {
			t.Errorf("dead letters = %v", deadEntries)
		}
		out := b.rdb.XRange(ctx, referrals.OutboxStream(ring.OfString(queued)), "-", "+").Val()
		if len(out) != 2 || out[0].Values["c"] != queued || out[1].Values["t"] != "default" {
			t.Errorf("outbox of the queued case's shard = %v", out)
		}

		// The worker delivers the queued case (its pending entry too: the second is a duplicate).
		w := referrals.NewWorker(store, routing, nil, "w1", referrals.WithWorkerClock(clk.Now, clk.Sleep))
		stop := runWorker(t, w)
		waitFor(t, "the migrated case delivered", func() bool {
			c, _, _ := store.Get(ctx, queued)
			return c.Status == referrals.StatusDelivered && sum(b, b.rdb.XLen, referrals.OutboxStream) == 0
		})
		stop()
		if posts, keys, _, _ := ep.stats(); posts != 1 || keys[0] != queued {
			t.Errorf("%d POSTs (%v), want the queued case's one", posts, keys)
		}
	})
}

// The old layout only ever lived on one node: on a cluster client MigrateLayout refuses.
func TestMigrateLayoutNotOnCluster(t *testing.T) {
	c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"127.0.0.1:1"}})
	t.Cleanup(func() { _ = c.Close() })
	if _, err := referrals.MigrateLayout(context.Background(), c, ring); err == nil {
		t.Fatal("MigrateLayout on a cluster client: no error")
	}
}
