package indicators_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/tasdeeq/tasdeeq/indicators"
)

// synthetic makes job-ad-like texts that share phrases the way scam templates do ("visa
// guaranteed", "send the fee on JazzCash"), so that unrelated ads have word pairs in common and
// the LSH buckets see realistic collisions, not only random noise.
type synthetic struct {
	phrases [][]string
	vocab   []string
}

func newSynthetic() *synthetic {
	r := rand.New(rand.NewPCG(7, 7))
	s := &synthetic{}
	letters := []rune("abcdefghijklmnopqrstuvwxyzابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہیے")
	word := func() string {
		n := 3 + r.IntN(6)
		w := make([]rune, n)
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		return string(w)
	}
	for range 5000 {
		s.vocab = append(s.vocab, word())
	}
	for range 300 {
		p := make([]string, 3+r.IntN(4))
		for i := range p {
			p[i] = s.vocab[r.IntN(200)] // phrases draw on the commonest words
		}
		s.phrases = append(s.phrases, p)
	}
	return s
}

// ad is the i-th synthetic ad: six template phrases and twenty words of its own.
func (s *synthetic) ad(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	var w []string
	for range 6 {
		w = append(w, s.phrases[r.IntN(len(s.phrases))]...)
		for range 3 {
			w = append(w, s.vocab[r.IntN(len(s.vocab))])
		}
	}
	for range 2 {
		w = append(w, s.vocab[r.IntN(len(s.vocab))])
	}
	return strings.Join(w, " ")
}

// repost changes three words of an ad and adds emojis.
func repostOf(text string, r *rand.Rand) string {
	w := strings.Fields(text)
	for range 3 {
		w[r.IntN(len(w))] = "بدلا"
	}
	return "🔥 " + strings.Join(w, " ") + " ✅✅"
}

func usedMemory(b *testing.B, rdb *redis.Client) int64 {
	info, err := rdb.Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	b.Fatal("no used_memory in INFO")
	return 0
}

// BenchmarkMatch measures a check against many stored fingerprints on a real Redis: the
// latency of Match for reposts of stored ads and for new ads, the share of reposts found and of
// new ads wrongly matched, and Redis memory per stored fingerprint. It needs REDIS_URL, and it
// fills that database: point it at a Redis of its own. TASDEEQ_BENCH_FINGERPRINTS sets how many
// (default 100,000; the README's figure is for 1,000,000). A database already filled by an
// earlier run is reused.
//
//	redis-server --port 6391 --save "" --daemonize yes
//	REDIS_URL=redis://127.0.0.1:6391/0 TASDEEQ_BENCH_FINGERPRINTS=1000000 go test ./indicators -run '^$' -bench Match -benchtime 4000x -timeout 1h
func BenchmarkMatch(b *testing.B) {
	url := os.Getenv("REDIS_URL")
	if url == "" {
		b.Skip("needs REDIS_URL: a real Redis, filled with fingerprints")
	}
	n := 100_000
	if v := os.Getenv("TASDEEQ_BENCH_FINGERPRINTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		b.Fatal(err)
	}
	opts.PoolSize = 64
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	ctx := context.Background()
	s, err := indicators.NewStore(rdb, secret)
	if err != nil {
		b.Fatal(err)
	}
	gen := newSynthetic()
	stored, _ := rdb.Get(ctx, "tasdeeq:{crowd}:bench:loaded").Int()
	if stored < n {
		before := usedMemory(b, rdb)
		start := time.Now()
		var next atomic.Int64
		next.Store(int64(stored))
		var wg sync.WaitGroup
		for range 32 {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= n {
						return
					}
					if err := s.Record(ctx, indicators.Report{Text: gen.ad(i), Reporter: int64(i), Case: strconv.Itoa(i)}); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		took := time.Since(start)
		rdb.Set(ctx, "tasdeeq:{crowd}:bench:loaded", n, 0)
		after := usedMemory(b, rdb)
		b.Logf("recorded %d ads in %s (%.0f/s); Redis memory %d -> %d bytes, %.0f bytes per fingerprint",
			n-stored, took.Round(time.Millisecond), float64(n-stored)/took.Seconds(), before, after, float64(after-before)/float64(n-stored))
		rdb.Set(ctx, "tasdeeq:{crowd}:bench:bytes", float64(after-before)/float64(n-stored), 0)
	}
	perFP, _ := rdb.Get(ctx, "tasdeeq:{crowd}:bench:bytes").Float64()
	r := rand.New(rand.NewPCG(3, 4))
	var lat []time.Duration
	found, reposts, falseMatch, fresh := 0, 0, 0, 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		var text string
		isRepost := i%2 == 0
		if isRepost {
			text = repostOf(gen.ad(r.IntN(n)), r)
		} else {
			text = gen.ad(n + 1_000_000 + i) // never stored
		}
		t0 := time.Now()
		flags, err := s.Match(ctx, text)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if isRepost {
			reposts++
			if len(flags) > 0 {
				found++
			}
		} else {
			fresh++
			if len(flags) > 0 {
				falseMatch++
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(n), "fingerprints")
	b.ReportMetric(perFP, "bytes/fingerprint")
	if reposts > 0 && fresh > 0 {
		b.ReportMetric(100*float64(found)/float64(reposts), "%reposts-found")
		b.ReportMetric(100*float64(falseMatch)/float64(fresh), "%new-ads-matched")
	}
	_ = fmt.Sprint()
}
