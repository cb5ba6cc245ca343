package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/internal/keymove/keymovetest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/shards"
)

var patterns = []string{"tasdeeq:{console}:*"}

// TestSessionsAndLimitsShareTheConsoleTag runs the sessions and login limits through their
// transactions and checks that every key they leave carries the console's hash tag, so that each
// transaction, and the MGET of both login counters, stays in one Redis Cluster slot.
func TestSessionsAndLimitsShareTheConsoleTag(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := auth.NewSessions(b.RDB, 0, 0, nil)
		token, sess, err := s.Create(ctx, "ayesha.k")
		if err != nil {
			t.Fatal(err)
		}
		if got, ok, err := s.Get(ctx, token); !ok || err != nil || got.Username != "ayesha.k" || got.CSRF != sess.CSRF {
			t.Fatalf("get: %+v %v %v", got, ok, err)
		}
		second, _, err := s.Create(ctx, "ayesha.k")
		if err != nil {
			t.Fatal(err)
		}
		l := auth.NewLimiter(b.RDB)
		for range auth.DefaultFailuresPerUser {
			if err := l.Failed(ctx, "Ayesha.K", "203.0.113.9"); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := l.Allowed(ctx, "ayesha.k", "198.51.100.1"); ok || err != nil {
			t.Fatalf("allowed after %d failures: %v %v", auth.DefaultFailuresPerUser, ok, err)
		}
		if b.MR != nil {
			keys := b.MR.Keys()
			if len(keys) != 5 {
				t.Errorf("keys %v; want two sessions, the account's set and two login counters", keys)
			}
			for _, k := range keys {
				if !strings.HasPrefix(k, shards.Fixed("console")) {
					t.Errorf("key %s lacks the console's tag", k)
				}
			}
		}
		if err := s.End(ctx, sess); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Get(ctx, token); ok {
			t.Fatal("an ended session is still live")
		}
		if err := s.EndAll(ctx, "ayesha.k"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Get(ctx, second); ok {
			t.Fatal("EndAll left a session live")
		}
		if err := l.Succeeded(ctx, "ayesha.k"); err != nil {
			t.Fatal(err)
		}
		if ok, err := l.Allowed(ctx, "ayesha.k", "198.51.100.1"); !ok || err != nil {
			t.Fatalf("not allowed after a good login: %v %v", ok, err)
		}
	})
}

func TestMigrateLayout(t *testing.T) {
	withTTL := func(ttl time.Duration, write func(context.Context, redis.Cmdable, string)) func(context.Context, redis.Cmdable, string) {
		return func(ctx context.Context, rdb redis.Cmdable, key string) {
			write(ctx, rdb, key)
			rdb.Expire(ctx, key, ttl)
		}
	}
	counter := withTTL(15*time.Minute, func(ctx context.Context, rdb redis.Cmdable, key string) { rdb.Set(ctx, key, 3, 0) })
	const digest = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"
	moves := []keymovetest.Move{
		{Old: "tasdeeq:console:session:" + digest, New: "tasdeeq:{console}:session:" + digest,
			Write: withTTL(2*time.Hour, func(ctx context.Context, rdb redis.Cmdable, key string) {
				rdb.HSet(ctx, key, "user", "ayesha.k", "csrf", "csrf-token", "created", time.Now().UTC().Format(time.RFC3339Nano))
			})},
		{Old: "tasdeeq:console:sessions:ayesha.k", New: "tasdeeq:{console}:sessions:ayesha.k",
			Write: withTTL(12*time.Hour, func(ctx context.Context, rdb redis.Cmdable, key string) { rdb.SAdd(ctx, key, digest) })},
		{Old: "tasdeeq:console:login:user:0123456789abcdef0123456789abcdef", New: "tasdeeq:{console}:login:user:0123456789abcdef0123456789abcdef", Write: counter},
		{Old: "tasdeeq:console:login:ip:fedcba9876543210fedcba9876543210", New: "tasdeeq:{console}:login:ip:fedcba9876543210fedcba9876543210", Write: counter},
	}
	rdb := keymovetest.Check(t, moves, auth.MigrateLayout)

	// A counter started under the new name meanwhile wins; the old one goes.
	ctx := context.Background()
	rdb.Set(ctx, "tasdeeq:console:login:ip:1", 9, time.Minute)
	rdb.Set(ctx, "tasdeeq:{console}:login:ip:1", 1, time.Minute)
	if moved, err := auth.MigrateLayout(ctx, rdb); moved != 0 || err != nil {
		t.Fatalf("MigrateLayout = %d, %v", moved, err)
	}
	if old, now := rdb.Exists(ctx, "tasdeeq:console:login:ip:1").Val(), rdb.Get(ctx, "tasdeeq:{console}:login:ip:1").Val(); old != 0 || now != "1" {
		t.Fatalf("taken name: old exists %d, new %q; want the old gone and the new kept", old, now)
	}
}
