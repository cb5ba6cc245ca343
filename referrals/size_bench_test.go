package referrals_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// BenchmarkCaseBytes measures what Redis holds per referral case: the case (a realistic one,
// with an ad of 300 characters, a verdict with two flags and a licence, a contact), its place in
// its reporter's index, the review queue and the status index. Each iteration files one case held
// for review; the benchmark reports used_memory growth per case. It needs a real Redis (REDIS_URL
// or REDIS_CLUSTER_URL); docs/scaling.md holds its figure:
//
//	REDIS_URL=redis://127.0.0.1:6379/9 go test ./referrals -run '^$' -bench CaseBytes -benchtime 20000x
func BenchmarkCaseBytes(b *testing.B) {
	rdb := redistest.Real(b)
	if rdb == nil {
		b.Skip("needs a real Redis: set REDIS_URL or REDIS_CLUSTER_URL")
	}
	ctx := context.Background()
	clean := func() {
		if err := redistest.Delete(ctx, rdb, "tasdeeq:*"); err != nil {
			b.Fatal(err)
		}
	}
	clean()
	b.Cleanup(clean)
	var ring shards.Ring
	store := referrals.NewStore(rdb, referrals.WithShards(ring))
	ad := strings.Repeat("Saudi Arabia driver jobs, visa pakka, salary 1800 riyal. Pehle 50,000 fee JazzCash par. ", 4)[:300]
	before := usedMemory(b, rdb)
	b.ResetTimer()
	for i := range b.N {
		user := int64(7_000_000 + i)
		c := referrals.Case{
			ID: referrals.NewIDFor(ring, user), CreatedAt: time.Now(), UserID: user, ChatID: user, Lang: "ur", AdText: ad,
			Verdict: referrals.Verdict{Risk: "high", Flags: []referrals.Flag{{Code: "UPFRONT_FEE", Evidence: "Pehle 50,000 fee"}, {Code: "PERSONAL_PAYMENT", Evidence: "JazzCash"}},
				Licences: []referrals.Licence{{Number: "9848/LHR", Status: "cancelled", Title: "Crescent Manpower"}}},
			Happened: "paid", AmountPKR: 50000, Channel: "jazzcash",
			Contact: &referrals.Contact{Phone: "+9232" + strconv.Itoa(10000000+i), Name: "Ahmed Raza"},
			Targets: []string{"FIA"}, Status: referrals.StatusReview,
		}
		if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { return store.AddCmds(ctx, p, c) }); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(usedMemory(b, rdb)-before)/float64(b.N), "B/case")
}

// usedMemory is used_memory over every primary.
func usedMemory(tb testing.TB, rdb redis.UniversalClient) int64 {
	tb.Helper()
	n, err := redistest.UsedMemory(context.Background(), rdb)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
