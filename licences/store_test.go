package licences_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

// updatedCSV is the register after a change: one title changed, one licence dropped, one added.
const updatedCSV = "Licence No.,Licence Title,Status\n" +
	"9848/LHR,Crescent Manpower Services (Renamed),Suspended\n" +
	"9600/RWP,Talagang International,Active\n" +
	"0001/KAR,Karachi Star Overseas,Active\n"

func lookupTitle(t *testing.T, s *licences.Store, number string) string {
	t.Helper()
	rec, ok, err := s.Lookup(context.Background(), number)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", number, err)
	}
	if !ok {
		return ""
	}
	return rec.Title
}

func TestStoreImportsAndAnswersLookupMetaAndSearch(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.newStore(t)
			if empty, err := s.Empty(ctx); err != nil || !empty {
				t.Fatalf("Empty before import = %v, %v", empty, err)
			}
			if _, ok, err := s.Meta(ctx); ok || err != nil {
				t.Fatalf("Meta before import = %v, %v", ok, err)
			}
			if _, _, err := s.Lookup(ctx, "9848/LHR"); !errors.Is(err, licences.ErrNoSnapshot) {
				t.Fatalf("Lookup before import: err = %v", err)
			}
			if _, err := s.Search(ctx, "Crescent", 5); !errors.Is(err, licences.ErrNoSnapshot) {
				t.Fatalf("Search before import: err = %v", err)
			}
			snap := mustParse(t, sampleCSV)
			snap.Errors = []licences.RowError{{Line: 99, Err: errors.New("x")}}
			meta, err := s.Import(ctx, snap)
			if err != nil {
				t.Fatal(err)
			}
			if meta.Rows != 5 || meta.Skipped != 1 || meta.Active != 2 || meta.Source != "sample.csv" ||
				!meta.ImportedAt.Equal(b.clock.Now()) || meta.Version == "" {
				t.Errorf("Import meta = %+v", meta)
			}
			// A second Store on the same Redis sees the same snapshot.
			other := b.newStore(t)
			if got, ok, err := other.Meta(ctx); err != nil || !ok || got.Version != meta.Version || got.Rows != 5 ||
				!got.ImportedAt.Equal(meta.ImportedAt) {
				t.Errorf("Meta = %+v %v %v, want %+v", got, ok, err, meta)
			}
			if empty, err := other.Empty(ctx); err != nil || empty {
				t.Errorf("Empty after import = %v, %v", empty, err)
			}
			rec, ok, err := other.Lookup(ctx, "OEPL No. 9848/lhr")
			want := snap.Records[0]
			if err != nil || !ok || rec != want {
				t.Errorf("Lookup = %+v %v %v, want %+v", rec, ok, err, want)
			}
			for _, n := range []string{"9999/LHR", "rubbish", ""} {
				if _, ok, err := other.Lookup(ctx, n); ok || err != nil {
					t.Errorf("Lookup(%q) = %v, %v; want not found", n, ok, err)
				}
			}
			matches, err := other.Search(ctx, "Talagang Intl", 10)
			if err != nil || len(matches) != 2 || matches[0].Number != "9600/RWP" || matches[1].Number != "9660/RWP" {
				t.Errorf("Search = %+v, %v", matches, err)
			}
			// Once the snapshot is loaded for search, lookups are served from it.
			if got := lookupTitle(t, other, "9788/RWP"); got != "Al-Falah Overseas (Pvt) Ltd" {
				t.Errorf("Lookup after Search = %q", got)
			}
		})
	}
}

func TestStoreSecondImportReplacesFirstAtomically(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.newStore(t)
			first, err := s.Import(ctx, mustParse(t, sampleCSV))
			if err != nil {
				t.Fatal(err)
			}
			if got := lookupTitle(t, s, "9660/RWP"); got != "Talagang International" {
				t.Fatalf("before: %q", got)
			}
			b.clock.Advance(time.Second)
			second, err := s.Import(ctx, mustParse(t, updatedCSV))
			if err != nil {
				t.Fatal(err)
			}
			if second.Version <= first.Version {
				t.Errorf("versions not increasing: %q then %q", first.Version, second.Version)
			}
			for number, want := range map[string]string{
				"9848/LHR": "Crescent Manpower Services (Renamed)", "9660/RWP": "", "0001/KAR": "Karachi Star Overseas",
			} {
				if got := lookupTitle(t, s, number); got != want {
					t.Errorf("after second import, %s = %q, want %q", number, got, want)
				}
			}
			if m, err := s.Search(ctx, "Talagang", 0); err != nil || len(m) != 1 {
				t.Errorf("Search after second import = %+v %v", m, err)
			}
			// The old version stays readable for the grace period, then expires.
			ttl, err := b.rdb.TTL(ctx, b.recordsKey(first.Version)).Result()
			if err != nil || ttl <= 0 || ttl > 10*time.Minute {
				t.Errorf("old version TTL = %v, %v; want within the 10 minute grace", ttl, err)
			}
			if ttl, _ := b.rdb.TTL(ctx, b.recordsKey(second.Version)).Result(); ttl != -1 {
				t.Errorf("current version TTL = %v, want none", ttl)
			}
			if b.mr != nil {
				b.mr.FastForward(11 * time.Minute)
				if keys := b.versionKeys(t); len(keys) != 1 || keys[0] != b.recordsKey(second.Version) {
					t.Errorf("after the grace period, version keys = %v", keys)
				}
			}
			// With no grace period the old version goes at once.
			quick := b.newStore(t, licences.WithGrace(0))
			third, err := quick.Import(ctx, mustParse(t, sampleCSV))
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := b.rdb.Exists(ctx, b.recordsKey(second.Version)).Result(); n != 0 {
				t.Errorf("previous version still there with WithGrace(0)")
			}
			if got := lookupTitle(t, quick, "9660/RWP"); got != "Talagang International" {
				t.Errorf("after third import: %q (version %s)", got, third.Version)
			}
			// The set of versions lists the versions there are, and no more: those gone leave it.
			if listed, there := b.versions(t), b.versionKeys(t); !slices.Equal(listed, there) {
				t.Errorf("versions listed %v, but the version keys are %v", listed, there)
			}
		})
	}
}

func TestStoreRefreshPicksUpNewVersionAfterInterval(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer := b.newStore(t)
			if _, err := writer.Import(ctx, mustParse(t, sampleCSV)); err != nil {
				t.Fatal(err)
			}
			reader := b.newStore(t, licences.WithRefresh(5*time.Second))
			if got := lookupTitle(t, reader, "9848/LHR"); got != "Crescent Manpower Services" {
				t.Fatalf("first lookup %q", got)
			}
			second, err := writer.Import(ctx, mustParse(t, updatedCSV))
			if err != nil {
				t.Fatal(err)
			}
			b.clock.Advance(4 * time.Second)
			if got := lookupTitle(t, reader, "9848/LHR"); got != "Crescent Manpower Services" {
				t.Errorf("within the refresh interval: %q, want the cached old title", got)
			}
			b.clock.Advance(2 * time.Second)
			if got := lookupTitle(t, reader, "9848/LHR"); got != "Crescent Manpower Services (Renamed)" {
				t.Errorf("after the refresh interval: %q, want the new title", got)
			}
			if meta, _, _ := reader.Meta(ctx); meta.Version != second.Version {
				t.Errorf("reader Meta version %q, want %q", meta.Version, second.Version)
			}
		})
	}
}

func TestStoreRereadsPointerWhenItsVersionVanished(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer := b.newStore(t, licences.WithGrace(0))
			if _, err := writer.Import(ctx, mustParse(t, sampleCSV)); err != nil {
				t.Fatal(err)
			}
			reader := b.newStore(t, licences.WithRefresh(time.Hour))
			if _, ok, err := reader.Meta(ctx); !ok || err != nil {
				t.Fatal("reader sees no snapshot")
			}
			if _, err := writer.Import(ctx, mustParse(t, updatedCSV)); err != nil {
				t.Fatal(err)
			}
			// The reader's pointer is stale and its version deleted: a miss must not be believed.
			if got := lookupTitle(t, reader, "0001/KAR"); got != "Karachi Star Overseas" {
				t.Errorf("lookup through a vanished version = %q", got)
			}
		})
	}
}

func TestStoreRetiresOrphanedVersions(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.newStore(t)
			first, err := s.Import(ctx, mustParse(t, sampleCSV))
			if err != nil {
				t.Fatal(err)
			}
			b.clock.Advance(time.Second)
			if _, err := s.Import(ctx, mustParse(t, updatedCSV)); err != nil {
				t.Fatal(err)
			}
			// As if the second import had died before it retired the first version.
			orphan := b.recordsKey(first.Version)
			if err := b.rdb.Persist(ctx, orphan).Err(); err != nil {
				t.Fatal(err)
			}
			b.clock.Advance(time.Second)
			if _, err := s.Import(ctx, mustParse(t, sampleCSV)); err != nil {
				t.Fatal(err)
			}
			if ttl, _ := b.rdb.TTL(ctx, orphan).Result(); ttl <= 0 {
				t.Errorf("orphaned version TTL = %v, want an expiry", ttl)
			}
		})
	}
}

func TestStoreConcurrentLookupsDuringImports(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer := b.newStore(t)
			if _, err := writer.Import(ctx, mustParse(t, sampleCSV)); err != nil {
				t.Fatal(err)
			}
			reader := b.newStore(t, licences.WithRefresh(0))
			var wg sync.WaitGroup
			errs := make(chan error, 100)
			for g := range 4 {
				wg.Go(func() {
					for i := range 50 {
						rec, ok, err := reader.Lookup(ctx, "9848/LHR")
						if err != nil || !ok || !strings.HasPrefix(rec.Title, "Crescent Manpower Services") {
							errs <- fmt.Errorf("goroutine %d lookup %d: %+v %v %v", g, i, rec, ok, err)
							return
						}
						if g == 0 {
							if _, err := reader.Search(ctx, "Crescent", 3); err != nil {
								errs <- err
								return
							}
						}
					}
				})
			}
			for i := range 6 {
				csv := sampleCSV
				if i%2 == 0 {
					csv = updatedCSV
				}
				if _, err := writer.Import(ctx, mustParse(t, csv)); err != nil {
					t.Error(err)
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}
