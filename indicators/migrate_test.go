package indicators_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/keymove/keymovetest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/shards"
)

func TestMigrateLayout(t *testing.T) {
	const h = "5f2b8a0c9d1e3f4a5b6c7d8e9f0a1b2c"
	hash := func(ttl time.Duration, fv ...any) func(context.Context, redis.Cmdable, string) {
		return func(ctx context.Context, rdb redis.Cmdable, key string) {
			rdb.HSet(ctx, key, fv...)
			if ttl > 0 {
				rdb.Expire(ctx, key, ttl)
			}
		}
	}
	str := func(v string) func(context.Context, redis.Cmdable, string) {
		return func(ctx context.Context, rdb redis.Cmdable, key string) { rdb.Set(ctx, key, v, 0) }
	}
	decay := indicators.DefaultDecay
	moves := []keymovetest.Move{
		{Old: "tasdeeq:crowd:i:phone:" + h, New: "tasdeeq:{crowd}:i:phone:" + h, Write: hash(decay, "n", 2, "c", 0, "f", 1796115600, "l", 1796202000, "r:0123456789abcdef", 1796115600)},
		{Old: "tasdeeq:crowd:i:ad:7", New: "tasdeeq:{crowd}:i:ad:7", Write: hash(decay, "n", 1, "c", 1, "f", 1796115600, "l", 1796115600, "s", "\x01\x02\x03")},
		{Old: "tasdeeq:crowd:lsh", New: "tasdeeq:{crowd}:lsh", Write: hash(0, "0:abc", "7", "1:def", "3,7")},
		{Old: "tasdeeq:crowd:lsh:4:1a2b", New: "tasdeeq:{crowd}:lsh:4:1a2b", Write: hash(0, "123456", "2")},
		{Old: "tasdeeq:crowd:x:phone:" + h, New: "tasdeeq:{crowd}:x:phone:" + h, Write: str(`{"by":77,"at":1796115600}`)},
		{Old: "tasdeeq:crowd:by:0123456789abcdef", New: "tasdeeq:{crowd}:by:0123456789abcdef", Write: hash(decay, "phone:"+h, "", "ad:7", "")},
		{Old: "tasdeeq:crowd:adseq", New: "tasdeeq:{crowd}:adseq", Write: str("7")},
		{Old: "tasdeeq:crowd:key", New: "tasdeeq:{crowd}:key", Write: str("9f8e7d6c5b4a39281706f5e4d3c2b1a0")},
	}
	keymovetest.Check(t, moves, indicators.MigrateLayout)
}

// TestMigrateLayoutFindsReportsAgain records reports, moves their keys back to the names of the
// layout before issue 19 (which differed only in the tag), and checks that the store finds
// nothing there and everything again after MigrateLayout, the reporter's unlinking included.
func TestMigrateLayoutFindsReportsAgain(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	s := newStore(t, rdb)
	for i, text := range []string{scamAd, repost} {
		if err := s.Record(ctx, indicators.Report{Text: text, Reporter: int64(i + 1), Case: string(rune('A' + i)), At: day(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.MarkFalse(ctx, "0301-5550123", 77, false); err != nil {
		t.Fatal(err)
	}
	before := reported(t, s, repost)
	for _, k := range mr.Keys() {
		if err := rdb.Rename(ctx, k, "tasdeeq:crowd:"+strings.TrimPrefix(k, shards.Fixed("crowd"))).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if got := reported(t, s, repost); len(got) != 0 {
		t.Fatalf("found under the old names: %+v", got)
	}
	if moved, err := indicators.MigrateLayout(ctx, rdb); err != nil || moved < 10 {
		t.Fatalf("MigrateLayout = %d, %v", moved, err)
	}
	after := reported(t, s, repost)
	if len(after) != len(before) || after["ad"] == nil || after["ad"].Count != before["ad"].Count || after["ad"].Count != 2 {
		t.Fatalf("after the migration %+v, before it %+v", after, before)
	}
	if marked, err := s.Inspect(ctx, "0301-5550123"); err != nil || len(marked) != 1 || !marked[0].NotScam {
		t.Fatalf("the counsellor's mark after the migration: %+v %v", marked, err)
	}
	if err := s.Forget(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if n := len(rdb.Keys(ctx, "tasdeeq:{crowd}:by:*").Val()); n != 1 {
		t.Errorf("%d reporters' lists after forgetting one of two", n)
	}
}

func TestMigrateLayoutKeepsKeysWrittenUnderTheNewNames(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	rdb.Set(ctx, "tasdeeq:crowd:key", "the key the stored hashes were made with", 0)
	rdb.Set(ctx, "tasdeeq:{crowd}:key", "a key made since", 0)
	if _, err := indicators.MigrateLayout(ctx, rdb); err == nil || !strings.Contains(err.Error(), "1 keys") {
		t.Fatalf("MigrateLayout with a taken name: %v, want an error", err)
	}
	if old := rdb.Get(ctx, "tasdeeq:crowd:key").Val(); old != "the key the stored hashes were made with" {
		t.Fatalf("the old key is gone or changed: %q", old)
	}
}

// TestKeysShareTheCrowdTag checks that every key the store writes carries the crowd tag, so that
// each of its scripts touches one Redis Cluster slot.
func TestKeysShareTheCrowdTag(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	s := newStore(t, rdb)
	if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "A", Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkFalse(ctx, scamAd, 77, false); err != nil {
		t.Fatal(err)
	}
	keys := mr.Keys()
	if len(keys) < 10 {
		t.Fatalf("only %d keys written: %v", len(keys), keys)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, shards.Fixed("crowd")) {
			t.Errorf("key %s lacks the crowd tag", k)
		}
	}
}

// roundTrips counts the round trips a client makes: one per command or pipeline sent.
type roundTrips struct{ n int }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { r.n++; return next(ctx, cmd) }
}
func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { r.n++; return next(ctx, cmds) }
}

// TestCheckRoundTrips pins the cost of declaring every key a script touches: a check is one
// round trip, and a second one only when the index names fingerprints like the text's (to read
// them with their keys in KEYS, as Redis Cluster asks).
func TestCheckRoundTrips(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		checkRoundTrips(t, b.RDB)
	})
}

func checkRoundTrips(t *testing.T, rdb redis.UniversalClient) {
	ctx := context.Background()
	s := newStore(t, rdb)
	if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "A"}); err != nil {
		t.Fatal(err)
	}
	rt := &roundTrips{}
	rdb.AddHook(rt)
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"an ad like no reported one", "Office assistant wanted in Lahore for a software house, 9 to 5, Monday to Friday. Salary Rs 45,000 with medical cover. Apply with your CV by email, interviews next week at our Gulberg office.", 1},
		{"a repost of a reported ad", repost, 2},
	} {
		rt.n = 0
		if _, err := s.Match(ctx, tc.text); err != nil {
			t.Fatal(err)
		}
		if rt.n != tc.want {
			t.Errorf("%s: %d round trips, want %d", tc.name, rt.n, tc.want)
		}
	}
}
