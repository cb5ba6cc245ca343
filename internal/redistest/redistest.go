// Package redistest runs a test against every Redis it can: an embedded miniredis always, the
// real Redis at REDIS_URL when it is set (as CI sets it), and the Redis Cluster at
// REDIS_CLUSTER_URL when that is set, cleaning the test's keys on the real ones.
//
// With TASDEEQ_SLOT_GUARD=1 the miniredis and single-node clients also carry the slot guard
// (GuardSlots), which fails a test whose transaction, script or multi-key command would span
// Redis Cluster slots, so that such code is caught without a cluster.
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
// moved. RDB is a *redis.Client, or a *redis.ClusterClient in the "cluster" subtest.
type Backend struct {
	RDB redis.UniversalClient
	MR  *miniredis.Miniredis
}

// Each runs fn as the subtest "miniredis", as the subtest "redis" when REDIS_URL is set, and as
// the subtest "cluster" when REDIS_CLUSTER_URL is set, deleting the keys that match patterns on
// the real Redis and on every primary of the cluster before and after.
func Each(t *testing.T, patterns []string, fn func(t *testing.T, b Backend)) {
	t.Helper()
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		t.Cleanup(func() { _ = rdb.Close() })
		if SlotGuardOn() {
			GuardSlots(t, rdb)
		}
		fn(t, Backend{RDB: rdb, MR: mr})
	})
	if url := os.Getenv("REDIS_URL"); url != "" {
		t.Run("redis", func(t *testing.T) {
			opts, err := redis.ParseURL(url)
			if err != nil {
				t.Fatalf("REDIS_URL: %v", err)
			}
			rdb := redis.NewClient(opts)
			t.Cleanup(func() { _ = rdb.Close() })
			run(t, rdb, patterns, fn)
		})
	}
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		t.Run("cluster", func(t *testing.T) {
			rdb := ClusterClient(t, url)
			run(t, rdb, patterns, fn)
		})
	}
}

// run is fn on a real Redis, its keys of patterns deleted before and after. The slot guard goes
// on a single node only: a cluster refuses cross-slot work by itself.
func run(t *testing.T, rdb redis.UniversalClient, patterns []string, fn func(t *testing.T, b Backend)) {
	t.Helper()
	ctx := context.Background()
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("redis: %v", err)
	}
	clean := func() {
		if err := Delete(ctx, rdb, patterns...); err != nil {
			t.Fatalf("clean: %v", err)
		}
	}
	clean()
	t.Cleanup(clean)
	if _, cluster := rdb.(*redis.ClusterClient); !cluster && SlotGuardOn() {
		GuardSlots(t, rdb)
	}
	fn(t, Backend{RDB: rdb})
}

// ClusterClient is a client of the Redis Cluster at url (the form REDIS_CLUSTER_URL takes:
// redis://h1:p1?addr=h2:p2&addr=h3:p3), closed when the test ends.
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
