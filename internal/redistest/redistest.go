// Package redistest runs a test against every Redis it can: an embedded miniredis always, and
// the real Redis at REDIS_URL when it is set (as CI sets it), cleaning the test's keys there.
package redistest

import (
	"context"
	"os"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Backend is one Redis a test runs against; MR is nil on a real Redis, whose clock cannot be
// moved.
type Backend struct {
	RDB *redis.Client
	MR  *miniredis.Miniredis
}

// Each runs fn as the subtest "miniredis" and, with REDIS_URL set, as the subtest "redis",
// deleting the keys that match patterns on the real Redis before and after.
func Each(t *testing.T, patterns []string, fn func(t *testing.T, b Backend)) {
	t.Helper()
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		t.Cleanup(func() { _ = rdb.Close() })
		fn(t, Backend{RDB: rdb, MR: mr})
	})
	url := os.Getenv("REDIS_URL")
	if url == "" {
		return
	}
	t.Run("redis", func(t *testing.T) {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		rdb := redis.NewClient(opts)
		t.Cleanup(func() { _ = rdb.Close() })
		if err := rdb.Ping(context.Background()).Err(); err != nil {
			t.Fatalf("redis: %v", err)
		}
		clean := func() {
			ctx := context.Background()
			for _, pat := range patterns {
				iter := rdb.Scan(ctx, 0, pat, 1000).Iterator()
				for iter.Next(ctx) {
					rdb.Del(ctx, iter.Val())
				}
				if err := iter.Err(); err != nil {
					t.Fatalf("clean %s: %v", pat, err)
				}
			}
		}
		clean()
		t.Cleanup(clean)
		fn(t, Backend{RDB: rdb})
	})
}
