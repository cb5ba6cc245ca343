package keymove_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
)

func TestRename(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })

	rdb.Set(ctx, "old:a", "1", time.Hour)
	rdb.HSet(ctx, "old:b", "f", "v")
	rdb.SAdd(ctx, "old:c", "x", "y")
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "old:s", ID: "5-1", Values: []any{"k", "first"}})
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "old:s", ID: "7-0", Values: []any{"k", "second"}})
	rdb.Set(ctx, "old:taken", "old value", 0)
	rdb.Set(ctx, "new:taken", "new value", 0)
	rdb.Set(ctx, "old:skip", "kept", 0)
	rdb.Set(ctx, "other:a", "untouched", 0)
	rdb.Set(ctx, "old:vanish", "moved by another replica", 0)

	newName := func(k string) string {
		switch k {
		case "old:skip":
			return ""
		case "old:vanish":
			// Another replica, migrating at the same time, moves it first.
			rdb.Rename(ctx, k, "new:vanish")
		}
		return keymove.Prefix("old:", "new:")(k)
	}
	moved, taken, err := keymove.Rename(ctx, rdb, "old:*", newName)
	if err != nil || moved != 4 || !slices.Equal(taken, []string{"old:taken"}) {
		t.Fatalf("Rename = %d, %v, %v; want 4, [old:taken], nil", moved, taken, err)
	}
	if v := rdb.Get(ctx, "new:a").Val(); v != "1" {
		t.Errorf("new:a = %q", v)
	}
	if ttl := rdb.TTL(ctx, "new:a").Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("new:a lost its expiry: %v", ttl)
	}
	if v := rdb.HGet(ctx, "new:b", "f").Val(); v != "v" {
		t.Errorf("new:b = %q", v)
	}
	if m := rdb.SMembers(ctx, "new:c").Val(); len(m) != 2 {
		t.Errorf("new:c = %v", m)
	}
	entries := rdb.XRange(ctx, "new:s", "-", "+").Val()
	if len(entries) != 2 || entries[0].ID != "5-1" || entries[1].Values["k"] != "second" {
		t.Errorf("new:s = %+v; want both entries, ids and order kept", entries)
	}
	for key, want := range map[string]string{"new:taken": "new value", "old:taken": "old value", "old:skip": "kept", "other:a": "untouched"} {
		if v := rdb.Get(ctx, key).Val(); v != want {
			t.Errorf("%s = %q, want %q", key, v, want)
		}
	}
	for _, gone := range []string{"old:a", "old:b", "old:c", "old:s"} {
		if rdb.Exists(ctx, gone).Val() != 0 {
			t.Errorf("%s still exists", gone)
		}
	}

	// Again: nothing left to move but the key whose new name is taken.
	moved, taken, err = keymove.Rename(ctx, rdb, "old:*", newName)
	if err != nil || moved != 0 || len(taken) != 1 {
		t.Fatalf("second Rename = %d, %v, %v; want 0, [old:taken], nil", moved, taken, err)
	}
}

func TestRenameRefusesACluster(t *testing.T) {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"127.0.0.1:1"}})
	t.Cleanup(func() { _ = rdb.Close() })
	if _, _, err := keymove.Rename(context.Background(), rdb, "old:*", keymove.Prefix("old:", "new:")); !errors.Is(err, keymove.ErrCluster) {
		t.Fatalf("Rename on a cluster client: %v, want ErrCluster", err)
	}
}
