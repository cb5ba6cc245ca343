package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// benchServer is the webhook route with the real processor over the last Redis of redises (the
// real one when REDIS_URL is set).
func benchServer(b *testing.B) *httptest.Server {
	rs := redises(b)
	r := rs[len(rs)-1]
	p := bot.NewProcessor(r.rdb, testDeps(b), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	h, err := webhook.New(webhook.Config{Secret: "s", Processor: p, Registry: prometheus.NewRegistry(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	b.Logf("redis: %s", r.name)
	return srv
}

var benchTexts = []string{
	scamAd,
	"سعودی عرب میں ڈرائیوروں کی ضرورت ہے۔ سو فیصد ویزا گارنٹی۔ رجسٹریشن فیس ۲۵ ہزار روپے جاز کیش پر بھیجیں۔",
	"Crescent Manpower Services, OEPL No. 9848/LHR. Drivers for Saudi Arabia, salary SAR 1800. Interview at Office 4, Mall Road, Lahore.",
	"Dubai mein naukri, visa pakka hai, pehle 50 hazar jama karwayen",
	"/start",
}

var updateSeq atomic.Int64

// benchUpdate is a new update of a user (one of 10,000): one of benchTexts.
func benchUpdate() *models.Update {
	id := updateSeq.Add(1) + time.Now().UnixNano()%1_000_000_000*1000
	user := 1 + id%10_000
	text := benchTexts[id%int64(len(benchTexts))]
	if text == "/start" {
		return commandUpdate(id, user, text)
	}
	return textUpdate(id, user, text)
}

// postUpdate sends one update of a user (one of 10,000) and returns the latency.
func postUpdate(b *testing.B, client *http.Client, url string) time.Duration {
	body, _ := json.Marshal(benchUpdate())
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return 0
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Errorf("status %d", resp.StatusCode)
	}
	return time.Since(start)
}

// BenchmarkUpdateEndToEnd: HTTP in, decode, step, session saved, reply queued, update marked
// done, flat out from 16 concurrent clients (target 2,000 updates/s with real Redis).
func BenchmarkUpdateEndToEnd(b *testing.B) {
	srv := benchServer(b)
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			postUpdate(b, client, srv.URL+"/telegram/webhook")
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkProcess is the processor alone, without HTTP: decode, read, step, commit, from 16
// goroutines. The difference from BenchmarkUpdateEndToEnd is the webhook's cost.
func BenchmarkProcess(b *testing.B) {
	rs := redises(b)
	r := rs[len(rs)-1]
	p := bot.NewProcessor(r.rdb, testDeps(b), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	b.Logf("redis: %s", r.name)
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := p.Process(context.Background(), benchUpdate()); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkUpdateLatencyAt500 paces updates at 500 a second for each b.N batch of 1,000 and
// reports the latency percentiles (target p99 ≤ 25 ms).
func BenchmarkUpdateLatencyAt500(b *testing.B) {
	srv := benchServer(b)
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	var mu sync.Mutex
	var lat []time.Duration
	for b.Loop() {
		var wg sync.WaitGroup
		tick := time.NewTicker(2 * time.Millisecond)
		for range 1000 {
			<-tick.C
			wg.Go(func() {
				d := postUpdate(b, client, srv.URL+"/telegram/webhook")
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			})
		}
		tick.Stop()
		wg.Wait()
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.Logf("%d updates at 500/s: %s", len(lat), fmt.Sprintf("p50 %.1f ms, p99 %.1f ms", pct(0.5), pct(0.99)))
}
