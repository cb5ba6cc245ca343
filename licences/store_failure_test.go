package licences_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/licences"
)

func TestStoreFailedImportLeavesOldSnapshotCurrent(t *testing.T) {
	for _, mode := range []struct {
		name      string
		fault     fault
		leftovers int // version keys left besides the current one (with an expiry)
	}{
		{"write fails half-way", faultHalfWrite, 0},
		{"switch fails", faultSwitch, 1},
	} {
		for _, b := range newStores(t) {
			t.Run(mode.name+"/"+b.name, func(t *testing.T) {
				ctx := context.Background()
				s := b.newStore(t)
				before, err := s.Import(ctx, mustParse(t, sampleCSV))
				if err != nil {
					t.Fatal(err)
				}
				big := &licences.Snapshot{Source: "big.csv", Records: genAgencies(3000)}
				b.hook.mode.Store(int32(mode.fault))
				if _, err := s.Import(ctx, big); err == nil || !errors.Is(err, errInjected) {
					t.Fatalf("Import with %s: err = %v", mode.name, err)
				}
				b.hook.mode.Store(int32(faultNone))
				fresh := b.newStore(t)
				if meta, ok, err := fresh.Meta(ctx); err != nil || !ok || meta.Version != before.Version {
					t.Errorf("after failed import Meta = %+v %v %v, want version %s", meta, ok, err, before.Version)
				}
				for _, st := range []*licences.Store{s, fresh} {
					if got := lookupTitle(t, st, "9660/RWP"); got != "Talagang International" {
						t.Errorf("after failed import, 9660/RWP = %q", got)
					}
					if got := lookupTitle(t, st, big.Records[0].Number); got != "" {
						t.Errorf("after failed import, a new record is visible: %q", got)
					}
				}
				keys := b.versionKeys(t)
				if len(keys) != 1+mode.leftovers {
					t.Errorf("version keys = %v, want current plus %d", keys, mode.leftovers)
				}
				for _, k := range keys {
					if ttl, _ := b.rdb.TTL(ctx, k).Result(); k != b.recordsKey(before.Version) && ttl <= 0 {
						t.Errorf("leftover %s has no expiry", k)
					}
				}
			})
		}
	}
}

func TestStoreImportWithRedisDownKeepsOldSnapshot(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.newStore(t)
			before, err := s.Import(ctx, mustParse(t, sampleCSV))
			if err != nil {
				t.Fatal(err)
			}
			// miniredis really stops; real Redis is cut off by the fault hook.
			if b.mr != nil {
				b.mr.Close()
			} else {
				b.hook.mode.Store(int32(faultDown))
			}
			if _, err := s.Import(ctx, mustParse(t, updatedCSV)); err == nil {
				t.Fatal("Import with Redis down succeeded")
			}
			if b.mr != nil {
				if err := b.mr.Restart(); err != nil {
					t.Fatal(err)
				}
			}
			b.hook.mode.Store(int32(faultNone))
			fresh := b.newStore(t)
			if meta, _, err := fresh.Meta(ctx); err != nil || meta.Version != before.Version {
				t.Errorf("Meta after failed import = %+v %v", meta, err)
			}
			if got := lookupTitle(t, fresh, "9660/RWP"); got != "Talagang International" {
				t.Errorf("9660/RWP = %q", got)
			}
		})
	}
}

func TestStoreReportsUnreachableServer(t *testing.T) {
	ctx := context.Background()
	dead := licences.NewStore(redis.NewClient(&redis.Options{Addr: freePort(t), MaxRetries: -1, DialerRetries: 1, DialerRetryTimeout: time.Millisecond}))
	if _, err := dead.Import(ctx, mustParse(t, sampleCSV)); err == nil || !strings.Contains(err.Error(), "import licences") {
		t.Errorf("Import to a dead server: %v", err)
	}
	if _, _, err := dead.Lookup(ctx, "9848/LHR"); err == nil {
		t.Error("Lookup on a dead server reported no error")
	}
	if _, err := dead.Empty(ctx); err == nil {
		t.Error("Empty on a dead server reported no error")
	}
}

func TestStoreCacheServesHitsWithoutRedis(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer := b.newStore(t)
			if _, err := writer.Import(ctx, mustParse(t, sampleCSV)); err != nil {
				t.Fatal(err)
			}
			s := b.newStore(t)
			if got := lookupTitle(t, s, "9848/LHR"); got == "" {
				t.Fatal("warm-up lookup missed")
			}
			if got := lookupTitle(t, s, "9999/LHR"); got != "" {
				t.Fatal("warm-up miss found something")
			}
			// Redis goes away: for miniredis the server stops, for real Redis every command fails.
			if b.mr != nil {
				b.mr.Close()
			}
			b.hook.mode.Store(int32(faultDown))
			calls := b.hook.calls.Load()
			for range 3 {
				if got := lookupTitle(t, s, "9848/lhr"); got != "Crescent Manpower Services" {
					t.Errorf("cached hit without Redis = %q", got)
				}
				if got := lookupTitle(t, s, "9999/LHR"); got != "" {
					t.Errorf("cached miss without Redis = %q", got)
				}
			}
			if n := b.hook.calls.Load() - calls; n != 0 {
				t.Errorf("cached lookups made %d Redis calls", n)
			}
			if _, _, err := s.Lookup(ctx, "9600/RWP"); err == nil {
				t.Error("uncached lookup without Redis reported no error")
			}
			// Past the refresh interval the pointer cannot be re-read; cached answers still stand.
			b.clock.Advance(time.Minute)
			if got := lookupTitle(t, s, "9848/LHR"); got != "Crescent Manpower Services" {
				t.Errorf("cached hit after refresh failure = %q", got)
			}
			if meta, ok, err := s.Meta(ctx); err != nil || !ok || meta.Rows != 5 {
				t.Errorf("Meta after refresh failure = %+v %v %v", meta, ok, err)
			}
		})
	}
}

func TestStoreRefusesBadSnapshots(t *testing.T) {
	rec := licences.Record{Number: "9848/LHR", Title: "x", Status: licences.Active}
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.newStore(t)
			for name, snap := range map[string]*licences.Snapshot{
				"nil":            nil,
				"no records":     {Source: "x"},
				"not normalised": {Records: []licences.Record{{Number: "9848/lhr", Title: "x"}}},
				"duplicate":      {Records: []licences.Record{rec, rec}},
			} {
				if _, err := s.Import(context.Background(), snap); err == nil {
					t.Errorf("%s: Import succeeded", name)
				}
			}
			if keys := b.versionKeys(t); len(keys) != 0 {
				t.Errorf("refused imports left keys %v", keys)
			}
		})
	}
}
