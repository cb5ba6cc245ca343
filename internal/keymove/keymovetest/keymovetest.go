// Package keymovetest checks a start-up migration made with keymove: that every key of the old
// layout arrives under its new name with its type, value and expiry, and that a second run moves
// nothing.
package keymovetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Move is one key of a migration table: Write puts it under its Old name as the code before the
// migration wrote it, and the migration must leave it under New.
type Move struct {
	Old, New string
	Write    func(ctx context.Context, rdb redis.Cmdable, key string)
}

// Check writes every Old key on a fresh miniredis, runs migrate, and fails t unless each key is
// under its New name with the same dump (see Dump) and its Old name is gone, migrate reported
// len(moves) keys moved, and a second run moved none and changed nothing. It returns the client,
// for the caller's own checks on the migrated data.
func Check(t *testing.T, moves []Move, migrate func(context.Context, redis.UniversalClient) (int, error)) *redis.Client {
	t.Helper()
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	want := map[string]string{}
	for _, m := range moves {
		m.Write(ctx, rdb, m.Old)
		want[m.New] = Dump(t, rdb, m.Old)
	}
	for run := 1; run <= 2; run++ {
		moved, err := migrate(ctx, rdb)
		if wantMoved := map[int]int{1: len(moves), 2: 0}[run]; err != nil || moved != wantMoved {
			t.Fatalf("run %d: moved %d, %v; want %d, nil", run, moved, err, wantMoved)
		}
		for _, m := range moves {
			if n := rdb.Exists(ctx, m.Old).Val(); n != 0 {
				t.Errorf("run %d: %s is still there", run, m.Old)
			}
			if got := Dump(t, rdb, m.New); got != want[m.New] {
				t.Errorf("run %d: %s = %s, want %s (the old %s)", run, m.New, got, want[m.New], m.Old)
			}
		}
	}
	return rdb
}

// Dump is a key's type, expiry and value as text: equal dumps, equal keys.
func Dump(t testing.TB, rdb *redis.Client, key string) string {
	t.Helper()
	ctx := context.Background()
	typ, err := rdb.Type(ctx, key).Result()
	if err != nil {
		t.Fatalf("type %s: %v", key, err)
	}
	var val any
	switch typ {
	case "none":
		return "none"
	case "string":
		val = rdb.Get(ctx, key).Val()
	case "hash":
		val = sorted(rdb.HGetAll(ctx, key).Val())
	case "set":
		m := rdb.SMembers(ctx, key).Val()
		slices.Sort(m)
		val = m
	case "zset":
		val = rdb.ZRangeWithScores(ctx, key, 0, -1).Val()
	case "list":
		val = rdb.LRange(ctx, key, 0, -1).Val()
	case "stream":
		var entries []string
		for _, e := range rdb.XRange(ctx, key, "-", "+").Val() {
			entries = append(entries, e.ID+" "+sorted(e.Values))
		}
		val = entries
	default:
		t.Fatalf("dump %s: type %s", key, typ)
	}
	ttl := rdb.PTTL(ctx, key).Val()
	if ttl > 0 {
		ttl = ttl.Round(time.Second)
	}
	return fmt.Sprintf("%s ttl=%v %v", typ, ttl, val)
}

func sorted[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v ", k, m[k])
	}
	return b.String()
}
