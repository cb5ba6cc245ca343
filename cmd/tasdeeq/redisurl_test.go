package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keyslot"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

// TestRedisClientURL: the form of REDIS_URL chooses the kind of client (a single Redis,
// Sentinel, or Redis Cluster when there are addr= parameters without master_name=), and a bad URL
// is refused with an error that says which form it was read as, without its password.
func TestRedisClientURL(t *testing.T) {
	for _, c := range []struct {
		url   string
		kind  string   // "single", "sentinel" or "cluster"; "" for an error
		addrs []string // the seed nodes of a cluster
		err   string   // part of the error
	}{
		{url: "redis://127.0.0.1:6379", kind: "single"},
		{url: "redis://:pw@127.0.0.1:6379/13", kind: "single"},
		{url: "rediss://redis.example:6380/0", kind: "single"},
		{url: "redis://:pw@127.0.0.1:26379?master_name=mymaster&addr=127.0.0.1:26380", kind: "sentinel"},
		{url: "redis://:pw@s0:26379/0?master_name=mymaster&addr=s1:26379&addr=s2:26379&password=pw", kind: "sentinel"},
		{url: "redis://127.0.0.1:7101?addr=127.0.0.1:7102&addr=127.0.0.1:7103", kind: "cluster",
			addrs: []string{"127.0.0.1:7101", "127.0.0.1:7102", "127.0.0.1:7103"}},
		{url: "redis://:pw@h1:7000/0?addr=h2:7000", kind: "cluster", addrs: []string{"h1:7000", "h2:7000"}},
		{url: "rediss://h1:7000/?addr=h2:7000&dial_timeout=3", kind: "cluster", addrs: []string{"h1:7000", "h2:7000"}},

		{url: "redis://:pw@127.0.0.1:26379?master_name=mymaster&bogus=1", err: "REDIS_URL (sentinel): redis: unexpected option: bogus"},
		{url: "redis://h1:7000/3?addr=h2:7000", err: "REDIS_URL (cluster): database \"3\": a Redis Cluster has only database 0"},
		{url: "redis://h1:7000?addr=h2", err: "REDIS_URL (cluster): redis: unable to parse addr param: h2"},
		{url: "redis://h1:7000?addr=h2:7000&bogus=1", err: "REDIS_URL (cluster): redis: unexpected option: bogus"},
		{url: "http://h1:7000?addr=h2:7000", err: "REDIS_URL (cluster): redis: invalid URL scheme: http"},
		{url: "redis://127.0.0.1:6379?bogus=1", err: "REDIS_URL: redis: unexpected option: bogus"},
		{url: "http://nope", err: "REDIS_URL: redis: invalid URL scheme: http"},
		{url: "redis://:secret@h1:7000/%zz", err: "REDIS_URL: not a URL"},
	} {
		rdb, err := redisClient(c.url)
		if c.kind == "" {
			if err == nil {
				rdb.Close()
				t.Errorf("%s: accepted", c.url)
			} else if !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "secret") {
				t.Errorf("%s: error %q, want one with %q and no password", c.url, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		kind := "single"
		switch r := rdb.(type) {
		case *redis.ClusterClient:
			kind = "cluster"
			if got := r.Options().Addrs; !slices.Equal(got, c.addrs) {
				t.Errorf("%s: seed nodes %v, want %v", c.url, got, c.addrs)
			}
		case *redis.Client:
			// go-redis names a Sentinel client's address so; it learns the master's from the sentinels.
			if r.Options().Addr == "FailoverClient" {
				kind = "sentinel"
			}
		}
		if kind != c.kind {
			t.Errorf("%s: a %s client (%T), want %s", c.url, kind, rdb, c.kind)
		}
		rdb.Close()
	}
}

// TestClusterEpochKeys: the epoch keys of a cluster lie one in every block of 128 slots, so that
// whichever blocks a primary serves, it holds some.
func TestClusterEpochKeys(t *testing.T) {
	keys := clusterEpochKeys()
	if len(keys) != keyslot.Slots/128 {
		t.Fatalf("%d keys", len(keys))
	}
	for b, k := range keys {
		if got := keyslot.Of(k) / 128; got != b || !strings.HasPrefix(k, "tasdeeq:{epoch") {
			t.Errorf("key %d is %s, in block %d", b, k, got)
		}
	}
	if keys[0] != "tasdeeq:{epoch356}:epoch" {
		// The keys are part of the layout in Redis: a change makes every replica see a loss.
		t.Errorf("the first key is %s: the epoch keys changed", keys[0])
	}
	if got := epochKeys(redis.NewClient(&redis.Options{})); !slices.Equal(got, []string{epochKey}) {
		t.Errorf("a single Redis has the epoch keys %v", got)
	}
}

// TestEpochNoticesAnEmptiedPrimary: on the Redis Cluster of REDIS_CLUSTER_URL, one primary that
// loses its keys is noticed, however the slots are spread.
func TestEpochNoticesAnEmptiedPrimary(t *testing.T) {
	url := os.Getenv("REDIS_CLUSTER_URL")
	if url == "" {
		t.Skip("REDIS_CLUSTER_URL not set")
	}
	ctx := context.Background()
	rdb := redistest.ClusterClient(t, url)
	cleanRedis(t, url)
	if err := markEpoch(ctx, rdb); err != nil {
		t.Fatal(err)
	}
	if gone, err := epochGone(ctx, rdb); err != nil || gone {
		t.Fatalf("after markEpoch: gone %v, %v", gone, err)
	}
	// Every primary holds some of the keys, and each one emptied alone is noticed.
	var (
		mu        sync.Mutex
		primaries []*redis.Client
	)
	if err := rdb.ForEachMaster(ctx, func(_ context.Context, c *redis.Client) error {
		mu.Lock()
		defer mu.Unlock()
		primaries = append(primaries, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(primaries) < 2 {
		t.Fatalf("%d primaries: not a cluster to test on", len(primaries))
	}
	for _, p := range primaries {
		keys, err := redistest.Keys(ctx, p, "tasdeeq:*")
		if err != nil || len(keys) == 0 {
			t.Fatalf("the primary %s holds the epoch keys %v (%v)", p.Options().Addr, keys, err)
		}
		if err := redistest.Delete(ctx, p, "tasdeeq:*"); err != nil {
			t.Fatal(err)
		}
		if gone, err := epochGone(ctx, rdb); err != nil || !gone {
			t.Fatalf("after emptying %s: gone %v, %v", p.Options().Addr, gone, err)
		}
		if err := markEpoch(ctx, rdb); err != nil {
			t.Fatal(err)
		}
		if gone, err := epochGone(ctx, rdb); err != nil || gone {
			t.Fatalf("marked again: gone %v, %v", gone, err)
		}
	}
	cleanRedis(t, url)
}
