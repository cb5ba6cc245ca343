package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// BenchmarkStateBytesPerUser measures what Redis holds per user after a typical first contact:
// /start (half of them through a counsellor's link, so counted for a centre), an ad checked, and
// one in three subscribing to the campaign. Each iteration is one new user; the benchmark reports
// Redis's used_memory growth per user over every primary, and logs the average size of each kind
// of key (MEMORY USAGE of a sample). It needs a real Redis: REDIS_URL, or REDIS_CLUSTER_URL for a
// cluster. docs/scaling.md holds its figures for 100,000 users:
//
//	REDIS_URL=redis://127.0.0.1:6379/9 go test ./bot -run '^$' -bench StateBytesPerUser -benchtime 100000x
func BenchmarkStateBytesPerUser(b *testing.B) {
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

	deps := dialogstest.Deps(b, 0)
	links, stats := outreach.NewLinks(rdb), outreach.NewStats(rdb)
	subs := outreach.NewSubscribers(rdb)
	deps.Links, deps.Stats = links, stats
	link, err := links.Create(ctx, "LHR", "benchmark poster", "")
	if err != nil {
		b.Fatal(err)
	}
	p := bot.NewProcessor(rdb, deps, "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	p.Attribution, p.Subscriptions, p.Limits = stats, subs, bot.DefaultLimits

	before := usedMemory(b, rdb)
	b.ResetTimer()
	for i := range b.N {
		user := int64(5_000_000 + i)
		start := "/start"
		if i%2 == 0 {
			start = "/start " + link.Payload
		}
		updates := [][2]string{{"cmd", start}, {"text", scamAd}}
		if i%3 == 0 {
			updates = append(updates, [2]string{"cmd", "/subscribe"})
		}
		for j, u := range updates {
			id := int64(i)*4 + int64(j) + 1
			upd := textUpdate(id, user, u[1])
			if u[0] == "cmd" {
				upd = commandUpdate(id, user, u[1])
			}
			if err := p.Process(ctx, upd); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	// The replies would have been sent and deleted: they are not what a user costs.
	for _, k := range keysLike(b, rdb, "tasdeeq:{s*}:send:*") {
		rdb.Del(ctx, k)
	}
	after := usedMemory(b, rdb)
	b.ReportMetric(float64(after-before)/float64(b.N), "B/user")
	logKeySizes(b, rdb)
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

// keysLike lists the keys matching pattern on every primary.
func keysLike(tb testing.TB, rdb redis.UniversalClient, pattern string) []string {
	tb.Helper()
	keys, err := redistest.Keys(context.Background(), rdb, pattern)
	if err != nil {
		tb.Fatal(err)
	}
	return keys
}

// logKeySizes logs, per kind of key (its name with ids and shard tags replaced), how many there
// are and their average MEMORY USAGE over a sample of up to 200.
func logKeySizes(b *testing.B, rdb redis.UniversalClient) {
	ctx := context.Background()
	kinds := map[string][]string{}
	for _, k := range keysLike(b, rdb, "tasdeeq:*") {
		kinds[keyKind(k)] = append(kinds[keyKind(k)], k)
	}
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	var lines []string
	for _, n := range names {
		keys := kinds[n]
		sample := keys[:min(len(keys), 200)]
		var sum int64
		for _, k := range sample {
			sum += rdb.MemoryUsage(ctx, k).Val()
		}
		lines = append(lines, fmt.Sprintf("%-40s %8d keys  %6d B each", n, len(keys), sum/int64(len(sample))))
	}
	// Printed rather than logged: the testing package cuts a benchmark's log short.
	fmt.Printf("keys after %d users:\n%s\n", b.N, strings.Join(lines, "\n"))
}

// keyKind replaces the shard tag and the numbers of a key by placeholders.
func keyKind(k string) string {
	parts := strings.Split(k, ":")
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, "{s") && strings.HasSuffix(p, "}"):
			parts[i] = "{sK}"
		case p != "" && strings.Trim(p, "0123456789-") == "":
			parts[i] = "<n>"
		}
	}
	return strings.Join(parts, ":")
}
