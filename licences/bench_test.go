package licences_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

// BenchmarkLookupCached measures lookups answered from the Store's in-memory cache.
func BenchmarkLookupCached(b *testing.B) {
	ctx := context.Background()
	backend := newStores(b)[0]
	s := backend.newStore(b, licences.WithClock(time.Now))
	recs := genAgencies(5000)
	if _, err := s.Import(ctx, &licences.Snapshot{Source: "gen", Records: recs}); err != nil {
		b.Fatal(err)
	}
	numbers := make([]string, 0, len(recs)+100)
	for _, r := range recs {
		numbers = append(numbers, r.Number)
	}
	for i := range 100 {
		numbers = append(numbers, fmt.Sprintf("%04d/ISB", i+1)) // misses
	}
	for _, n := range numbers {
		if _, _, err := s.Lookup(ctx, n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := s.Lookup(ctx, numbers[i%len(numbers)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "lookups/s")
}

// searchFixture is a 5,000-agency register and queries: mangled titles that should match and
// names that should not.
func searchFixture() (*licences.Memory, []string) {
	recs := genAgencies(5000)
	mem := licences.NewMemory(&licences.Snapshot{Source: "gen", Records: recs}, time.Now())
	var queries []string
	for i, r := range recs[:500] {
		q := strings.ToLower(strings.TrimSuffix(r.Title, " (Pvt) Ltd"))
		switch i % 4 {
		case 1:
			q = "M/s " + strings.ReplaceAll(q, "overseas", "oversease")
		case 2:
			words := strings.Fields(q)
			slices.Reverse(words)
			q = strings.Join(words, " ")
		case 3:
			q = fmt.Sprintf("Nonexistent Agency %d Travels", i)
		}
		queries = append(queries, q)
	}
	return mem, queries
}

// searchP99 times n searches one by one and returns the 99th percentile.
func searchP99(tb testing.TB, mem *licences.Memory, queries []string, n int) time.Duration {
	ctx := context.Background()
	for i := range 200 { // warm up the scratch pool and caches
		if _, err := mem.Search(ctx, queries[i%len(queries)], 10); err != nil {
			tb.Fatal(err)
		}
	}
	lat := make([]time.Duration, n)
	for i := range lat {
		start := time.Now()
		if _, err := mem.Search(ctx, queries[i%len(queries)], 10); err != nil {
			tb.Fatal(err)
		}
		lat[i] = time.Since(start)
	}
	slices.Sort(lat)
	return lat[n*99/100]
}

// BenchmarkSearch5000 measures a name search over 5,000 agencies; p99-ns is the 99th percentile
// of 1,000 searches timed one by one.
func BenchmarkSearch5000(b *testing.B) {
	mem, queries := searchFixture()
	ctx := context.Background()
	p99 := searchP99(b, mem, queries, 1000)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := mem.Search(ctx, queries[i%len(queries)], 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns")
}

func TestSearch5000FindsMangledTitles(t *testing.T) {
	mem, queries := searchFixture()
	ctx := context.Background()
	found := 0
	for i, q := range queries {
		m, err := mem.Search(ctx, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if i%4 != 3 && len(m) > 0 {
			found++
		}
	}
	if want := len(queries) * 3 / 4; found < want*95/100 {
		t.Errorf("found %d of %d mangled titles", found, want)
	}
	// How fast is BenchmarkSearch5000's to say (p99-ns): a timing assertion here failed whenever
	// other packages' tests loaded the machine, which says nothing about the search.
}

// BenchmarkImport5000 measures importing 5,000 records, into miniredis and, with REDIS_URL, into
// real Redis.
func BenchmarkImport5000(b *testing.B) {
	ctx := context.Background()
	snap := &licences.Snapshot{Source: "gen", Records: genAgencies(5000)}
	for _, backend := range newStores(b) {
		b.Run(backend.name, func(b *testing.B) {
			s := backend.newStore(b, licences.WithClock(time.Now), licences.WithGrace(0))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Import(ctx, snap); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFindNumbers measures citation extraction from a typical mixed-language ad.
func BenchmarkFindNumbers(b *testing.B) {
	ad := strings.Repeat("Urgent! Jobs in Saudi Arabia for drivers and electricians. Salary SAR 1500/month, "+
		"free food. OEPL No. 9848/LHR, Permission No. 5512/LHR. Interview 15/06/2027. "+
		"رابطہ کریں 0300-1234567 لائسنس نمبر ۹۸۵۹/LHR. ", 3)
	b.SetBytes(int64(len(ad)))
	for b.Loop() {
		if len(licences.FindNumbers(ad)) != 2 {
			b.Fatal("wrong citations")
		}
	}
}
