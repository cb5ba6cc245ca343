package referrals_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/referrals"
)

const secret = "s3cret-hmac-key"

// calls records the worker's callbacks.
type calls struct {
	mu        sync.Mutex
	delivered []string // "id target reference"
	dead      []string // "id target reason"
}

func (c *calls) onDelivered(_ context.Context, cs referrals.Case, target, ref string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.delivered = append(c.delivered, cs.ID+" "+target+" "+ref)
}

func (c *calls) onDead(_ context.Context, cs referrals.Case, target, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dead = append(c.dead, cs.ID+" "+target+" "+reason)
}

func (c *calls) get() (delivered, dead []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.delivered...), append([]string(nil), c.dead...)
}

func TestDelivery(t *testing.T) {
	type check struct {
		status    referrals.Status
		posts     int
		attempts  int
		reference string
		deadWhy   string // substring of the dead reason
		minGap    time.Duration
		maxGap    time.Duration // 0: no bound
	}
	for _, tc := range []struct {
		name    string
		answer  func(n int, w http.ResponseWriter, r *http.Request) int
		opts    []referrals.WorkerOption
		want    check
		metrics map[string]float64 // outcome -> count
	}{
		{
			name:    "503 three times then accepted",
			answer:  func(n int, _ http.ResponseWriter, _ *http.Request) int { return map[bool]int{true: 503}[n <= 3] },
			want:    check{status: referrals.StatusDelivered, posts: 4, attempts: 4, reference: "REF-1", maxGap: 8 * time.Second},
			metrics: map[string]float64{"delivered": 1, "retry": 3, "dead": 0},
		},
		{
			name:    "408 and 500 are retried",
			answer:  func(n int, _ http.ResponseWriter, _ *http.Request) int { return map[int]int{1: 408, 2: 500}[n] },
			want:    check{status: referrals.StatusDelivered, posts: 3, attempts: 3, reference: "REF-1"},
			metrics: map[string]float64{"delivered": 1, "retry": 2},
		},
		{
			name: "timeout, then accepted (the first POST was accepted too: same key, one case)",
			answer: func(n int, _ http.ResponseWriter, _ *http.Request) int {
				if n == 1 {
					time.Sleep(400 * time.Millisecond) // past the worker's 100 ms timeout
				}
				return 0
			},
			opts:    []referrals.WorkerOption{referrals.WithRequestTimeout(100 * time.Millisecond)},
			want:    check{status: referrals.StatusDelivered, posts: 2, attempts: 2, reference: "REF-1"},
			metrics: map[string]float64{"delivered": 1, "retry": 1},
		},
		{
			name:    "400 is dead at once",
			answer:  func(int, http.ResponseWriter, *http.Request) int { return 400 },
			want:    check{status: referrals.StatusDead, posts: 1, attempts: 1, deadWhy: "HTTP 400"},
			metrics: map[string]float64{"dead": 1, "retry": 0},
		},
		{
			name: "429 with Retry-After is honoured",
			answer: func(n int, w http.ResponseWriter, _ *http.Request) int {
				if n == 1 {
					w.Header().Set("Retry-After", "600")
					return 429
				}
				return 0
			},
			// A 10 s poll: the worker needs 60 ticks, not 600, to reach the retry (each polls 64 shards).
			opts:    []referrals.WorkerOption{referrals.WithPoll(10 * time.Second)},
			want:    check{status: referrals.StatusDelivered, posts: 2, attempts: 2, reference: "REF-1", minGap: 600 * time.Second},
			metrics: map[string]float64{"delivered": 1, "retry": 1},
		},
		{
			name:   "gives up after the window",
			answer: func(int, http.ResponseWriter, *http.Request) int { return 503 },
			opts: []referrals.WorkerOption{referrals.WithGiveUp(time.Hour),
				referrals.WithBackoff(10*time.Minute, 20*time.Minute), referrals.WithPoll(20 * time.Second)},
			want: check{status: referrals.StatusDead, deadWhy: "gave up after 1h0m0s: HTTP 503"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			backends(t, func(t *testing.T, b backend) {
				clk := newClock()
				ep := newEndpoint(t, secret, clk)
				ep.answer = tc.answer
				store, routing, c := queueCase(t, b, clk, ep.srv.URL)

				var logs syncBuffer
				var cb calls
				reg := prometheus.NewRegistry()
				opts := append([]referrals.WorkerOption{
					referrals.WithWorkerClock(clk.Now, clk.Sleep),
					referrals.WithBackoff(time.Second, 8*time.Second),
					referrals.WithPoll(time.Second),
					referrals.WithWorkerLogger(newLogger(&logs)),
					referrals.WithWorkerRegisterer(reg),
					referrals.WithOnDelivered(cb.onDelivered),
					referrals.WithOnDead(cb.onDead),
				}, tc.opts...)
				w := referrals.NewWorker(store, routing, &http.Client{}, "w1", opts...)
				// A second worker on the same registerer must not panic (AlreadyRegistered tolerated).
				_ = referrals.NewWorker(store, routing, nil, "w2", referrals.WithWorkerRegisterer(reg))
				stop := runWorker(t, w)
				waitFinal(t, store, c.ID)
				stop()
				t.Cleanup(func() {
					checkLogs(t, logs.String())
					if t.Failed() {
						t.Logf("logs:\n%s", logs.String())
					}
				})

				got := get(t, store, c.ID)
				d := got.Deliveries["default"]
				posts, keys, accepted, badSig := ep.stats()
				if got.Status != tc.want.status || d.Status != tc.want.status {
					t.Errorf("status = %s / %s, want %s", got.Status, d.Status, tc.want.status)
				}
				if badSig != 0 {
					t.Errorf("%d POSTs had a bad signature or key", badSig)
				}
				for _, k := range keys {
					if k != c.ID {
						t.Errorf("Idempotency-Key %q, want %q", k, c.ID)
					}
				}
				if tc.want.posts != 0 && posts != tc.want.posts {
					t.Errorf("endpoint got %d POSTs, want %d", posts, tc.want.posts)
				}
				if tc.want.attempts != 0 && d.Attempts != tc.want.attempts {
					t.Errorf("attempts = %d, want %d", d.Attempts, tc.want.attempts)
				}
				delivered, dead := cb.get()
				deadStream := entries(b, referrals.DeadStream)
				switch tc.want.status {
				case referrals.StatusDelivered:
					if len(accepted) != 1 || d.Reference != tc.want.reference || d.DeliveredAt.IsZero() || d.LastError != "" {
						t.Errorf("accepted = %v, delivery = %+v", accepted, d)
					}
					if len(delivered) != 1 || delivered[0] != c.ID+" default "+tc.want.reference || len(dead) != 0 {
						t.Errorf("OnDelivered calls = %v, OnDead = %v", delivered, dead)
					}
					if len(deadStream) != 0 {
						t.Errorf("dead stream = %v", deadStream)
					}
				case referrals.StatusDead:
					if len(accepted) != 0 || !strings.Contains(d.LastError, tc.want.deadWhy) {
						t.Errorf("accepted = %v, delivery = %+v", accepted, d)
					}
					if len(dead) != 1 || !strings.Contains(dead[0], tc.want.deadWhy) || len(delivered) != 0 {
						t.Errorf("OnDead calls = %v, OnDelivered = %v", dead, delivered)
					}
					if len(deadStream) != 1 || deadStream[0].Values["c"] != c.ID || deadStream[0].Values["t"] != "default" ||
						!strings.Contains(deadStream[0].Values["reason"].(string), tc.want.deadWhy) {
						t.Errorf("dead stream = %v", deadStream)
					}
					if tc.want.deadWhy != "HTTP 400" {
						gaveUpAt := ep.at[len(ep.at)-1]
						if gaveUpAt.Sub(c.CreatedAt) < time.Hour || posts < 3 {
							t.Errorf("gave up at +%v after %d POSTs", gaveUpAt.Sub(c.CreatedAt), posts)
						}
					}
				}
				if tc.want.minGap > 0 || tc.want.maxGap > 0 {
					for i := 1; i < len(ep.at); i++ {
						gap := ep.at[i].Sub(ep.at[i-1])
						if gap < tc.want.minGap || (tc.want.maxGap > 0 && gap > tc.want.maxGap+2*time.Second) {
							t.Errorf("gap before POST %d = %v, want [%v, %v]", i+1, gap, tc.want.minGap, tc.want.maxGap)
						}
					}
				}
				// The outbox is empty and fully acknowledged; no retry is left scheduled.
				if n := sum(b, b.rdb.XLen, referrals.OutboxStream); n != 0 {
					t.Errorf("outbox has %d entries", n)
				}
				if n := pendingAll(b); n != 0 {
					t.Errorf("%d entries pending", n)
				}
				if n := sum(b, b.rdb.ZCard, referrals.RetryKey); n != 0 {
					t.Errorf("%d retries left", n)
				}
				for outcome, want := range tc.metrics {
					if got := counter(t, reg, "default", outcome); got != want {
						t.Errorf("tasdeeq_referrals_total{outcome=%q} = %v, want %v", outcome, got, want)
					}
				}
			})
		})
	}
}

// counter finds tasdeeq_referrals_total{target,outcome} in reg (0 when absent).
func counter(t *testing.T, reg *prometheus.Registry, target, outcome string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	v := 0.0
	for _, mf := range mfs {
		if mf.GetName() != "tasdeeq_referrals_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["target"] == target && labels["outcome"] == outcome {
				v = m.GetCounter().GetValue()
			}
		}
	}
	return v
}

// TestKillMidDelivery: the endpoint accepts a POST, then the worker dies before it records
// the success (its Redis connection is gone). The entry stays pending; a restarted worker (same
// consumer, own pending first) or another worker (XAUTOCLAIM after minIdle) POSTs it again with
// the same Idempotency-Key, and the idempotent endpoint ends with exactly one case.
func TestKillMidDelivery(t *testing.T) {
	for _, tc := range []struct {
		name      string
		consumer2 string
	}{
		{"restart, own pending first", "w1"},
		{"other worker claims", "w2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			backends(t, func(t *testing.T, b backend) {
				ctx := context.Background()
				clk := newClock()
				ep := newEndpoint(t, secret, clk)
				routing, _ := referrals.SingleTarget(ep.srv.URL, secret)
				c := sampleCase(newID(424242), clk.Now())
				c.Status, c.Targets = referrals.StatusQueued, []string{"default"}
				add(t, referrals.NewStore(b.rdb), b.rdb, c)

				var logs syncBuffer
				t.Cleanup(func() { checkLogs(t, logs.String()) })
				var cb calls
				common := []referrals.WorkerOption{
					referrals.WithWorkerClock(clk.Now, clk.Sleep), referrals.WithPoll(time.Second),
					referrals.WithClaim(150*time.Millisecond, time.Second),
					referrals.WithWorkerLogger(newLogger(&logs)),
					referrals.WithOnDelivered(cb.onDelivered), referrals.WithOnDead(cb.onDead),
				}

				// Worker 1 on its own connection, which dies right after the endpoint accepted.
				rdb1 := b.newRDB()
				killed := make(chan struct{})
				ep.afterAccept = func(n int) {
					if n == 1 {
						_ = rdb1.Close()
						close(killed)
					}
				}
				w1 := referrals.NewWorker(referrals.NewStore(rdb1), routing, &http.Client{}, "w1", common...)
				stop1 := runWorker(t, w1)
				select {
				case <-killed:
				case <-time.After(10 * time.Second):
					t.Fatal("endpoint never reached")
				}
				stop1()
				ep.afterAccept = nil

				store := referrals.NewStore(b.rdb)
				if got := get(t, store, c.ID); got.Status != referrals.StatusQueued {
					t.Fatalf("dead worker recorded %s", got.Status)
				}
				if n := pendingAll(b); n != 1 {
					t.Fatalf("pending = %d, want 1", n)
				}

				w2 := referrals.NewWorker(store, routing, &http.Client{}, tc.consumer2, common...)
				stop2 := runWorker(t, w2)
				waitFor(t, "delivery", func() bool {
					got, _, _ := store.Get(ctx, c.ID)
					return got.Status == referrals.StatusDelivered
				})
				stop2()

				posts, keys, accepted, badSig := ep.stats()
				if posts != 2 || badSig != 0 || keys[0] != c.ID || keys[1] != c.ID {
					t.Errorf("posts = %d, keys = %v, bad = %d", posts, keys, badSig)
				}
				if len(accepted) != 1 || accepted[c.ID] != "REF-1" {
					t.Errorf("endpoint accepted %v, want exactly one case", accepted)
				}
				got := get(t, store, c.ID)
				if d := got.Deliveries["default"]; d.Reference != "REF-1" || d.Status != referrals.StatusDelivered {
					t.Errorf("delivery = %+v", d)
				}
				if delivered, dead := cb.get(); len(delivered) != 1 || len(dead) != 0 {
					t.Errorf("OnDelivered = %v, OnDead = %v", delivered, dead)
				}
				if n := pendingAll(b); n != 0 {
					t.Errorf("pending after redelivery = %d", n)
				}
			})
		})
	}
}

// TestDeliveryEdges: several targets, a forgotten case, an unknown target, a non-JSON answer,
// and Run finishing the POST in flight when its context ends.
func TestDeliveryEdges(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		clk := newClock()
		fia := newEndpoint(t, "fia-key", clk)
		nccia := newEndpoint(t, "nccia-key", clk)
		path := writeFile(t, `fallback = "FIA"
[[target]]
name = "FIA"
url = "`+fia.srv.URL+`"
secret_env = "FIA_KEY"
[[target]]
name = "NCCIA"
url = "`+nccia.srv.URL+`/in"
secret_env = "NCCIA_KEY"
[[route]]
target = "NCCIA"
channels = ["jazzcash"]
[[route]]
target = "FIA"
any_flags = ["IRREGULAR_ROUTE"]
`)
		routing, err := referrals.LoadRouting(path, env(map[string]string{"FIA_KEY": "fia-key", "NCCIA_KEY": "nccia-key"}))
		if err != nil {
			t.Fatal(err)
		}
		store := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))

		// Two targets; NCCIA answers plain text.
		nccia.plain = true
		both := sampleCase(newID(424242), clk.Now())
		both.Verdict.Flags = append(both.Verdict.Flags, referrals.Flag{Code: "IRREGULAR_ROUTE"})
		both.Status, both.Targets = referrals.StatusQueued, routing.Route(both)
		if len(both.Targets) != 2 {
			t.Fatalf("targets = %v", both.Targets)
		}
		add(t, store, b.rdb, both)
		// Forgotten before delivery.
		gone := sampleCase(newID(99), clk.Now())
		gone.UserID, gone.Status, gone.Targets = 99, referrals.StatusQueued, []string{"FIA"}
		add(t, store, b.rdb, gone)
		if _, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			store.ForgetCmds(ctx, p, 99, []string{gone.ID})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// A target the routing no longer knows.
		stale := sampleCase(newID(424242), clk.Now())
		stale.Status, stale.Targets = referrals.StatusQueued, []string{"OLD"}
		add(t, store, b.rdb, stale)

		var logs syncBuffer
		t.Cleanup(func() { checkLogs(t, logs.String()) })
		w := referrals.NewWorker(store, routing, nil, "w1", referrals.WithWorkerClock(clk.Now, clk.Sleep),
			referrals.WithWorkerLogger(newLogger(&logs)))
		stop := runWorker(t, w)
		waitFor(t, "all handled", func() bool {
			a, _, _ := store.Get(ctx, both.ID)
			s, _, _ := store.Get(ctx, stale.ID)
			return a.Status == referrals.StatusDelivered && s.Status == referrals.StatusDead
		})
		stop()
		a := get(t, store, both.ID)
		if a.Deliveries["FIA"].Reference != "REF-1" || a.Deliveries["NCCIA"].Reference != "" || a.Deliveries["NCCIA"].Status != referrals.StatusDelivered {
			t.Errorf("deliveries = %+v %+v", a.Deliveries["FIA"], a.Deliveries["NCCIA"])
		}
		fp, _, _, fbad := fia.stats()
		np, _, _, nbad := nccia.stats()
		if fp != 1 || np != 1 || fbad != 0 || nbad != 0 {
			t.Errorf("FIA posts %d (bad %d), NCCIA posts %d (bad %d)", fp, fbad, np, nbad)
		}
		if !strings.Contains(string(fia.bodies[0]), `"target":"FIA"`) || !strings.Contains(string(nccia.bodies[0]), `"target":"NCCIA"`) {
			t.Errorf("bodies do not name their target")
		}
		if s := get(t, store, stale.ID); s.Deliveries["OLD"].LastError != "unknown target" {
			t.Errorf("stale = %+v", s.Deliveries["OLD"])
		}
		if n := sum(b, b.rdb.XLen, referrals.OutboxStream); n != 0 {
			t.Errorf("outbox has %d entries (forgotten case not dropped?)", n)
		}

		// Cancelled mid-POST: Run returns only after recording the delivery.
		slow := sampleCase(newID(424242), clk.Now())
		slow.Status, slow.Targets = referrals.StatusQueued, []string{"FIA"}
		started := make(chan struct{})
		fia.answer = func(int, http.ResponseWriter, *http.Request) int {
			close(started)
			time.Sleep(200 * time.Millisecond)
			return 0
		}
		w2 := referrals.NewWorker(store, routing, nil, "w1", referrals.WithWorkerClock(clk.Now, clk.Sleep),
			referrals.WithWorkerLogger(newLogger(&logs)))
		stop2 := runWorker(t, w2)
		add(t, store, b.rdb, slow)
		<-started
		stop2()
		if s := get(t, store, slow.ID); s.Status != referrals.StatusDelivered {
			t.Errorf("after cancel mid-POST: %s", s.Status)
		}
	})
}

// TestRedirectsAreNotFollowed: an endpoint answering 301/302/307/308 has not accepted the case.
// Go's client would follow the redirect (a 302 as a GET without the body, whose 200 looked like a
// delivery; a 307 re-posting the signed case to another host). The worker must count the 3xx
// as a failed attempt, retry, then dead-letter the case with the reason, and never reach the
// redirect's target.
func TestRedirectsAreNotFollowed(t *testing.T) {
	for _, code := range []int{301, 302, 307, 308} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			backends(t, func(t *testing.T, b backend) {
				clk := newClock()
				var trapped atomic.Int64
				trap := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					trapped.Add(1)
					_, _ = io.WriteString(w, `{"reference":"LOGIN-PAGE"}`)
				}))
				t.Cleanup(trap.Close)
				ep := newEndpoint(t, secret, clk)
				ep.answer = func(_ int, w http.ResponseWriter, _ *http.Request) int {
					w.Header().Set("Location", trap.URL+"/login")
					return code
				}
				store, routing, c := queueCase(t, b, clk, ep.srv.URL)
				var logs syncBuffer
				var cb calls
				w := referrals.NewWorker(store, routing, &http.Client{}, "w1",
					referrals.WithWorkerClock(clk.Now, clk.Sleep), referrals.WithGiveUp(time.Hour),
					referrals.WithBackoff(10*time.Minute, 20*time.Minute), referrals.WithPoll(20*time.Second),
					referrals.WithWorkerLogger(newLogger(&logs)), referrals.WithWorkerRegisterer(prometheus.NewRegistry()),
					referrals.WithOnDelivered(cb.onDelivered), referrals.WithOnDead(cb.onDead))
				stop := runWorker(t, w)
				waitFinal(t, store, c.ID)
				stop()
				got := get(t, store, c.ID)
				d := got.Deliveries["default"]
				want := fmt.Sprintf("HTTP %d: redirect not followed", code)
				if got.Status != referrals.StatusDead || !strings.Contains(d.LastError, want) {
					t.Errorf("status %s, last error %q; want dead with %q", got.Status, d.LastError, want)
				}
				posts, _, accepted, _ := ep.stats()
				if posts < 3 || len(accepted) != 0 {
					t.Errorf("%d POSTs (want retries), %d accepted", posts, len(accepted))
				}
				if n := trapped.Load(); n != 0 {
					t.Errorf("the redirect target was reached %d times", n)
				}
				if delivered, _ := cb.get(); len(delivered) != 0 {
					t.Errorf("the user was told the case was delivered: %v", delivered)
				}
			})
		})
	}
}
