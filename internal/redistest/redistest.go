// Package redistest runs a test against every Redis it can: an embedded miniredis always, the
// real Redis at REDIS_URL when it is set (as CI sets it), and the Redis Cluster at
// REDIS_CLUSTER_URL when that is set, cleaning the test's keys on the real ones.
//
// Every client it makes carries the slot guard (GuardSlots) unless TASDEEQ_SLOT_GUARD=0: a test
// whose transaction, script or multi-key command would span Redis Cluster slots fails on
// miniredis too, so that such code is caught without a cluster.
package redistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Backend is one Redis a test runs against; MR is nil on a real Redis, whose clock cannot be
// moved. RDB is a *redis.Client, or a *redis.ClusterClient on the "cluster" backend.
type Backend struct {
	// Name is "miniredis", "redis" (REDIS_URL) or "cluster" (REDIS_CLUSTER_URL): the subtest
	// Each runs the backend as.
	Name string
	RDB  redis.UniversalClient
	MR   *miniredis.Miniredis
	url  string // the real Redis's URL, for Client; "" on miniredis
}

// Cluster reports whether b is a Redis Cluster.
func (b Backend) Cluster() bool {
	_, ok := b.RDB.(*redis.ClusterClient)
	return ok
}

// Each runs fn as the subtest "miniredis", as the subtest "redis" when REDIS_URL is set, and as
// the subtest "cluster" when REDIS_CLUSTER_URL is set, deleting the keys that match patterns on
// the real Redis and on every primary of the cluster before and after. The slot guard is on
// every client, reporting to the subtest.
func Each(t *testing.T, patterns []string, fn func(t *testing.T, b Backend)) {
	t.Helper()
	t.Run("miniredis", func(t *testing.T) { fn(t, Miniredis(t)) })
	if url := os.Getenv("REDIS_URL"); url != "" {
		t.Run("redis", func(t *testing.T) { fn(t, real(t, "redis", url, patterns)) })
	}
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		t.Run("cluster", func(t *testing.T) { fn(t, real(t, "cluster", url, patterns)) })
	}
}

// Backends returns the backends Each runs on, ready for t: for test helpers that hand out a list
// (for _, b := range Backends(t, patterns) { t.Run(b.Name, ...) }), or a benchmark. The keys
// matching patterns are deleted from the real ones before and after t, and the slot guard of
// every client reports to t (so a violation fails t, the test that called Backends, with the
// subtest's command in its message).
func Backends(t testing.TB, patterns []string) []Backend {
	t.Helper()
	out := []Backend{Miniredis(t)}
	if url := os.Getenv("REDIS_URL"); url != "" {
		out = append(out, real(t, "redis", url, patterns))
	}
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		out = append(out, real(t, "cluster", url, patterns))
	}
	return out
}

// Miniredis is a new miniredis and a client of it, with the slot guard unless it is off, both
// closed when t ends: for a test that needs miniredis itself (its clock, injected errors, a
// restart) and so runs on no other Redis.
func Miniredis(t testing.TB) Backend {
	t.Helper()
	b := Backend{Name: "miniredis", MR: miniredis.RunT(t)}
	b.RDB = b.Client(t, nil)
	return b
}

// real is the backend of the Redis (name "redis") or the Redis Cluster (name "cluster") of url,
// its keys of patterns deleted before and after t.
func real(t testing.TB, name, url string, patterns []string) Backend {
	t.Helper()
	b := Backend{Name: name, url: url}
	b.RDB = b.Client(t, nil)
	ctx := context.Background()
	if err := b.RDB.Ping(ctx).Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	clean := func() {
		if err := Delete(ctx, b.RDB, patterns...); err != nil {
			t.Fatalf("clean: %v", err)
		}
	}
	clean()
	t.Cleanup(clean)
	return b
}

// Client returns another client of b's Redis, with the slot guard (reporting to t) unless it is
// off, closed when t ends: a second replica's client, or one that carries hooks of its own after
// the guard's. tune, when not nil, adjusts its options first; on a cluster they are those of its
// client of each node (timeouts, dialling, the pool), the cluster client keeping its defaults.
func (b Backend) Client(t testing.TB, tune func(*redis.Options)) redis.UniversalClient {
	t.Helper()
	var c redis.UniversalClient
	switch {
	case b.MR != nil:
		opts := &redis.Options{Addr: b.MR.Addr()}
		if tune != nil {
			tune(opts)
		}
		c = redis.NewClient(opts)
	case b.Name == "cluster":
		opts, err := redis.ParseClusterURL(b.url)
		if err != nil {
			t.Fatalf("REDIS_CLUSTER_URL: %v", err)
		}
		if tune != nil {
			opts.NewClient = func(o *redis.Options) *redis.Client {
				tune(o)
				return redis.NewClient(o)
			}
		}
		c = redis.NewClusterClient(opts)
	default:
		opts, err := redis.ParseURL(b.url)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		if tune != nil {
			tune(opts)
		}
		c = redis.NewClient(opts)
	}
	t.Cleanup(func() { _ = c.Close() })
	if SlotGuardOn() {
		GuardSlots(t, c)
	}
	return c
}

// ClusterClient is a client of the Redis Cluster at url (the form REDIS_CLUSTER_URL takes:
// redis://h1:p1?addr=h2:p2&addr=h3:p3), closed when the test ends. It has no slot guard: use
// Backends, or GuardSlots, for one that has.
func ClusterClient(t testing.TB, url string) *redis.ClusterClient {
	t.Helper()
	opts, err := redis.ParseClusterURL(url)
	if err != nil {
		t.Fatalf("REDIS_CLUSTER_URL: %v", err)
	}
	rdb := redis.NewClusterClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// URL is the real Redis an end-to-end test of the program should give it as REDIS_URL: the
// cluster of REDIS_CLUSTER_URL when that is set, else the Redis of REDIS_URL, else "" (the test
// then starts a miniredis of its own). CI sets one of the two per run.
func URL() string {
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		return url
	}
	return os.Getenv("REDIS_URL")
}

// Real is a client of the real Redis URL names (the cluster of REDIS_CLUSTER_URL, else the Redis
// of REDIS_URL), closed when the test or benchmark ends, or nil when neither is set.
func Real(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		return ClusterClient(tb, url)
	}
	url := os.Getenv("REDIS_URL")
	if url == "" {
		return nil
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		tb.Fatalf("REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opts)
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// Keys lists the keys matching pattern, sorted. SCAN on a cluster client reaches one primary
// only; Keys scans every one of them.
func Keys(ctx context.Context, rdb redis.UniversalClient, pattern string) ([]string, error) {
	var (
		mu   sync.Mutex
		keys []string
	)
	err := eachPrimary(ctx, rdb, func(ctx context.Context, c redis.UniversalClient) error {
		iter := c.Scan(ctx, 0, pattern, 1000).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			keys = append(keys, iter.Val())
			mu.Unlock()
		}
		return iter.Err()
	})
	slices.Sort(keys)
	return keys, err
}

// Delete deletes the keys matching any of patterns, on every primary of a cluster.
func Delete(ctx context.Context, rdb redis.UniversalClient, patterns ...string) error {
	return eachPrimary(ctx, rdb, func(ctx context.Context, c redis.UniversalClient) error {
		for _, pat := range patterns {
			iter := c.Scan(ctx, 0, pat, 1000).Iterator()
			for iter.Next(ctx) {
				// One key at a time: the keys a scan finds may lie in different slots.
				if err := c.Del(ctx, iter.Val()).Err(); err != nil {
					return fmt.Errorf("delete %s: %w", iter.Val(), err)
				}
			}
			if err := iter.Err(); err != nil {
				return fmt.Errorf("scan %s: %w", pat, err)
			}
		}
		return nil
	})
}

// CommandsProcessed is the number of commands b's Redis has run, those run by scripts included:
// miniredis's count, or the sum of total_commands_processed in INFO stats over every primary of
// a cluster. On a real Redis the count includes what other clients sent, and each primary counts
// the INFO of the previous call: a test compares two calls, less Primaries(b) for those INFOs.
func CommandsProcessed(ctx context.Context, b Backend) (int, error) {
	if b.MR != nil {
		return b.MR.CommandCount(), nil
	}
	var (
		mu    sync.Mutex
		total int
	)
	err := eachPrimary(ctx, b.RDB, func(ctx context.Context, c redis.UniversalClient) error {
		stats, err := c.InfoMap(ctx, "stats").Result()
		if err != nil {
			return fmt.Errorf("INFO stats: %w", err)
		}
		var n int
		if _, err := fmt.Sscan(stats["Stats"]["total_commands_processed"], &n); err != nil {
			return fmt.Errorf("INFO stats: total_commands_processed: %w", err)
		}
		mu.Lock()
		total += n
		mu.Unlock()
		return nil
	})
	return total, err
}

// Primaries is the number of primaries of b's Redis: 1 but on a cluster.
func Primaries(ctx context.Context, b Backend) (int, error) {
	var (
		mu sync.Mutex
		n  int
	)
	err := eachPrimary(ctx, b.RDB, func(context.Context, redis.UniversalClient) error {
		mu.Lock()
		n++
		mu.Unlock()
		return nil
	})
	return n, err
}

// eachPrimary calls fn with every primary of a cluster, or with rdb itself when it is not one.
func eachPrimary(ctx context.Context, rdb redis.UniversalClient, fn func(context.Context, redis.UniversalClient) error) error {
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return fn(ctx, c) })
	}
	return fn(ctx, rdb)
}

// UsedMemory is Redis's used_memory (INFO memory), summed over every primary of a cluster: what
// the memory benchmarks measure before and after their writes.
func UsedMemory(ctx context.Context, rdb redis.UniversalClient) (int64, error) {
	var mu sync.Mutex
	var total int64
	err := eachPrimary(ctx, rdb, func(ctx context.Context, c redis.UniversalClient) error {
		info, err := c.Info(ctx, "memory").Result()
		if err != nil {
			return err
		}
		for _, line := range strings.Split(info, "\r\n") {
			if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return fmt.Errorf("used_memory %q: %w", v, err)
				}
				mu.Lock()
				total += n
				mu.Unlock()
				return nil
			}
		}
		return errors.New("no used_memory in INFO memory")
	})
	return total, err
}
