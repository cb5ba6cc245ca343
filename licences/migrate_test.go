package licences_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove/keymovetest"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/shards"
)

func TestDefaultPrefixIsTheRegistersTag(t *testing.T) {
	if licences.DefaultPrefix != shards.Fixed("licences") {
		t.Fatalf("DefaultPrefix %q, want %q", licences.DefaultPrefix, shards.Fixed("licences"))
	}
}

func TestWithPrefixKeepsTheKeysInOneSlot(t *testing.T) {
	for _, tc := range []struct{ prefix, want string }{
		{"tasdeeq:{licences}:", "tasdeeq:{licences}:"},
		{"tasdeeq-test:{0a1b2c}:", "tasdeeq-test:{0a1b2c}:"},
		{"tasdeeq-test:0a1b2c:", "{tasdeeq-test:0a1b2c}:"},
		{"tasdeeq-test:0a1b2c", "{tasdeeq-test:0a1b2c}:"},
		{"x:{}:", "{x:{}}:"}, // an empty tag is no tag: Redis hashes the whole key
		{"x:}{:", "{x:}{}:"}, // nor is a "}" before the "{"
	} {
		if got := licences.WithTag(tc.prefix); got != tc.want {
			t.Errorf("WithPrefix(%q) keeps %q, want %q", tc.prefix, got, tc.want)
		}
	}
}

// oldRecords writes a version's records as the store wrote them before issue 19.
func oldRecords(ttl time.Duration) func(context.Context, redis.Cmdable, string) {
	return func(ctx context.Context, rdb redis.Cmdable, key string) {
		rdb.HSet(ctx, key, "9848/LHR", `{"number":"9848/LHR","title":"Crescent Manpower Services","status":"Active"}`)
		if ttl > 0 {
			rdb.Expire(ctx, key, ttl)
		}
	}
}

func TestMigrateLayout(t *testing.T) {
	const cur, old, orphan = "20261201T090000.000000000Z-0a0b0c0d", "20261130T090000.000000000Z-01020304", "20261101T090000.000000000Z-deadbeef"
	set := func(v string) func(context.Context, redis.Cmdable, string) {
		return func(ctx context.Context, rdb redis.Cmdable, key string) { rdb.Set(ctx, key, v, 0) }
	}
	moves := []keymovetest.Move{
		{Old: "tasdeeq:licences:current", New: "tasdeeq:{licences}:current", Write: set(cur)},
		{Old: "tasdeeq:licences:meta", New: "tasdeeq:{licences}:meta",
			Write: set(`{"version":"` + cur + `","imported_at":"2026-12-01T09:00:00Z","source":"register.csv","rows":1,"skipped":0,"active":1}`)},
		{Old: "tasdeeq:licences:v:" + cur + ":records", New: "tasdeeq:{licences}:v:" + cur + ":records", Write: oldRecords(0)},
		{Old: "tasdeeq:licences:v:" + old + ":records", New: "tasdeeq:{licences}:v:" + old + ":records", Write: oldRecords(10 * time.Minute)},
		{Old: "tasdeeq:licences:v:" + orphan + ":records", New: "tasdeeq:{licences}:v:" + orphan + ":records", Write: oldRecords(0)},
	}
	rdb := keymovetest.Check(t, moves, licences.MigrateLayout)

	ctx := context.Background()
	vs, _ := rdb.SMembers(ctx, "tasdeeq:{licences}:versions").Result()
	slices.Sort(vs)
	if want := []string{orphan, old, cur}; !slices.Equal(vs, want) {
		t.Errorf("versions listed %v, want %v", vs, want)
	}
	s := licences.NewStore(rdb)
	if rec, ok, err := s.Lookup(ctx, "9848/LHR"); !ok || err != nil || rec.Title != "Crescent Manpower Services" {
		t.Fatalf("lookup after the migration: %+v %v %v", rec, ok, err)
	}
	// The orphan, listed now, is retired by the next import.
	if _, err := s.Import(ctx, mustParse(t, sampleCSV)); err != nil {
		t.Fatal(err)
	}
	if ttl := rdb.TTL(ctx, "tasdeeq:{licences}:v:"+orphan+":records").Val(); ttl <= 0 {
		t.Errorf("the orphan from before the migration has TTL %v after an import, want an expiry", ttl)
	}
}

func TestMigrateLayoutKeepsBothRegistersWhenTheNewNamesAreTaken(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	rdb.Set(ctx, "tasdeeq:licences:current", "the real register", 0)
	rdb.Set(ctx, "tasdeeq:licences:meta", "{}", 0)
	rdb.Set(ctx, "tasdeeq:{licences}:current", "the sample, seeded before the migration", 0)
	moved, err := licences.MigrateLayout(ctx, rdb)
	if err == nil || !strings.Contains(err.Error(), "a register under the old key names") || moved != 0 {
		t.Fatalf("MigrateLayout = %d, %v; want nothing moved and an error", moved, err)
	}
	if n := rdb.Exists(ctx, "tasdeeq:{licences}:meta").Val(); n != 0 {
		t.Fatal("the old meta moved beside the new pointer")
	}
	if old, cur := rdb.Get(ctx, "tasdeeq:licences:current").Val(), rdb.Get(ctx, "tasdeeq:{licences}:current").Val(); old != "the real register" || cur != "the sample, seeded before the migration" {
		t.Fatalf("old pointer %q, new %q; want both kept", old, cur)
	}
}
