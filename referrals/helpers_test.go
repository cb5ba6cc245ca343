package referrals_test

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/logtest"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// backend is one Redis the tests run against.
type backend struct {
	rdb     redis.UniversalClient
	newRDB  func() redis.UniversalClient // another client on the same Redis
	mr      *miniredis.Miniredis         // nil on real Redis
	cluster bool                         // a Redis Cluster (REDIS_CLUSTER_URL)
}

// patterns are the keys the tests may write, deleted on real Redis before and after each test:
// the sharded layout's and, for the migration tests, the old one's.
var patterns = []string{"tasdeeq:{s*}:case:*", "tasdeeq:{s*}:cases:*", "tasdeeq:{s*}:referrals*", "tasdeeq:{s*}:u:*:cases",
	"tasdeeq:case:*", "tasdeeq:referrals*", "tasdeeq:u:*"}

// backends runs fn against miniredis, against the Redis of REDIS_URL (its database) when set,
// and against the Redis Cluster of REDIS_CLUSTER_URL (redis://h1:p1?addr=h2:p2) when set,
// deleting the package's keys before and after. Every client it makes fails the test
// when one atomic unit (a MULTI, a script, a command of several keys) names keys of two hash
// tags, which Redis Cluster refuses (see slotGuard).
func backends(t *testing.T, fn func(t *testing.T, b backend)) {
	t.Helper()
	backendsGuarded(t, true, fn)
}

// backendsGuarded is backends, with the slot guard or without it (the migration, which moves
// keys between slots on one node).
func backendsGuarded(t *testing.T, guard bool, fn func(t *testing.T, b backend)) {
	t.Helper()
	hook := func(t *testing.T, c *redis.Client) {
		if guard {
			c.AddHook(slotGuard{t})
		}
	}
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		mk := func() redis.UniversalClient {
			c := redis.NewClient(&redis.Options{Addr: mr.Addr()})
			hook(t, c)
			t.Cleanup(func() { _ = c.Close() })
			return c
		}
		fn(t, backend{rdb: mk(), newRDB: mk, mr: mr})
	})
	real := func(t *testing.T, mk func() redis.UniversalClient) {
		rdb := mk()
		if err := rdb.Ping(context.Background()).Err(); err != nil {
			t.Fatalf("redis: %v", err)
		}
		clean := func() {
			ctx := context.Background()
			scan := func(ctx context.Context, c redis.UniversalClient) error {
				for _, pat := range patterns {
					iter := c.Scan(ctx, 0, pat, 1000).Iterator()
					for iter.Next(ctx) {
						c.Del(ctx, iter.Val())
					}
					if err := iter.Err(); err != nil {
						return err
					}
				}
				return nil
			}
			var err error
			if cc, ok := rdb.(*redis.ClusterClient); ok {
				err = cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return scan(ctx, c) })
			} else {
				err = scan(ctx, rdb)
			}
			if err != nil {
				t.Fatalf("clean: %v", err)
			}
		}
		clean()
		t.Cleanup(clean)
		fn(t, backend{rdb: rdb, newRDB: mk, cluster: isCluster(rdb)})
	}
	if url := os.Getenv("REDIS_URL"); url != "" {
		t.Run("redis", func(t *testing.T) {
			opts, err := redis.ParseURL(url)
			if err != nil {
				t.Fatalf("REDIS_URL: %v", err)
			}
			real(t, func() redis.UniversalClient {
				c := redis.NewClient(opts)
				hook(t, c)
				t.Cleanup(func() { _ = c.Close() })
				return c
			})
		})
	}
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		t.Run("cluster", func(t *testing.T) {
			opts, err := redis.ParseClusterURL(url)
			if err != nil {
				t.Fatalf("REDIS_CLUSTER_URL: %v", err)
			}
			real(t, func() redis.UniversalClient { // a cluster refuses cross-slot work by itself
				c := redis.NewClusterClient(opts)
				t.Cleanup(func() { _ = c.Close() })
				return c
			})
		})
	}
}

func isCluster(c redis.UniversalClient) bool {
	_, ok := c.(*redis.ClusterClient)
	return ok
}

// slotGuard fails the test when a MULTI/EXEC block, a script or one command names keys of more
// than one hash tag: on Redis Cluster they would be in different slots and the command refused.
// Keys are the arguments that start with "tasdeeq:" (values never do), a script's its KEYS.
type slotGuard struct{ t *testing.T }

func (g slotGuard) DialHook(next redis.DialHook) redis.DialHook { return next }

func (g slotGuard) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		g.check([]redis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (g slotGuard) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && cmds[0].Name() == "multi" {
			g.check(cmds)
		} else {
			for _, c := range cmds {
				g.check([]redis.Cmder{c})
			}
		}
		return next(ctx, cmds)
	}
}

// check fails unless the keys of cmds share one hash tag.
func (g slotGuard) check(cmds []redis.Cmder) {
	tags := map[string]bool{}
	for _, c := range cmds {
		args := c.Args()
		switch c.Name() {
		case "scan":
			continue
		case "eval", "evalsha":
			n, _ := strconv.Atoi(fmt.Sprint(args[2]))
			args = args[3 : 3+n]
		default:
			args = args[1:]
		}
		for _, a := range args {
			if s, ok := a.(string); ok && strings.HasPrefix(s, "tasdeeq:") {
				tags[hashTag(s)] = true
			}
		}
	}
	if len(tags) > 1 {
		names := make([]string, 0, len(cmds))
		for _, c := range cmds {
			names = append(names, fmt.Sprint(c.Args()))
		}
		g.t.Errorf("one atomic unit across hash tags %v (Redis Cluster refuses it): %s", tags, strings.Join(names, "; "))
	}
}

// hashTag is what Redis Cluster hashes of a key: the first {...} when not empty, else the key.
func hashTag(key string) string {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			return key[i+1 : i+1+j]
		}
	}
	return key
}

// ring is the tests' shards: the default.
var ring shards.Ring

// newID is a fresh case id of user's shard, as Store.NewID draws.
func newID(user int64) string { return referrals.NewIDFor(ring, user) }

// sum adds up a count over every shard's key.
func sum(b backend, count func(ctx context.Context, key string) *redis.IntCmd, key func(shards.Shard) string) int64 {
	var n int64
	for _, sh := range ring.All() {
		n += count(context.Background(), key(sh)).Val()
	}
	return n
}

// pendingAll counts the outbox entries read and not acknowledged, over every shard.
func pendingAll(b backend) int64 {
	var n int64
	for _, sh := range ring.All() {
		if p, err := b.rdb.XPending(context.Background(), referrals.OutboxStream(sh), referrals.OutboxGroup).Result(); err == nil {
			n += p.Count
		}
	}
	return n
}

// entries reads a kind of stream of every shard.
func entries(b backend, stream func(shards.Shard) string) []redis.XMessage {
	var out []redis.XMessage
	for _, sh := range ring.All() {
		out = append(out, b.rdb.XRange(context.Background(), stream(sh), "-", "+").Val()...)
	}
	return out
}

// clock is a fake clock whose Sleep advances it (and yields for a real millisecond).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.Advance(d)
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// endpoint is an idempotent referral endpoint: it verifies the signature and the
// Idempotency-Key, and accepts each key once (a repeat gets the same reference).
type endpoint struct {
	t      *testing.T
	srv    *httptest.Server
	secret string
	clock  *clock
	// answer decides the reply to the n-th POST (1-based) before acceptance: code 0 means accept.
	answer func(n int, w http.ResponseWriter, r *http.Request) int
	// afterAccept runs after a POST was accepted, before the reply.
	afterAccept func(n int)
	// plain answers "OK" as text instead of a JSON reference.
	plain bool

	mu       sync.Mutex
	posts    int
	keys     []string
	at       []time.Time
	accepted map[string]string // key -> reference
	bodies   [][]byte
	badSig   int
}

func newEndpoint(t *testing.T, secret string, clk *clock) *endpoint {
	e := &endpoint{t: t, secret: secret, clock: clk, accepted: map[string]string{}}
	e.srv = httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *endpoint) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	want := referrals.Sign(e.secret, body)
	key := r.Header.Get("Idempotency-Key")
	var b struct {
		CaseID string `json:"case_id"`
	}
	_ = json.Unmarshal(body, &b)
	e.mu.Lock()
	e.posts++
	n := e.posts
	e.keys = append(e.keys, key)
	e.at = append(e.at, e.clock.Now())
	e.bodies = append(e.bodies, body)
	sigOK := hmac.Equal([]byte(r.Header.Get("X-Tasdeeq-Signature")), []byte(want))
	if !sigOK || key == "" || key != b.CaseID || r.Header.Get("Content-Type") != "application/json" {
		e.badSig++
		e.mu.Unlock()
		http.Error(w, "bad signature or key", http.StatusUnauthorized)
		return
	}
	e.mu.Unlock()
	if e.answer != nil {
		if code := e.answer(n, w, r); code != 0 {
			w.WriteHeader(code)
			return
		}
	}
	e.mu.Lock()
	ref, seen := e.accepted[key]
	if !seen {
		ref = fmt.Sprintf("REF-%d", len(e.accepted)+1)
		e.accepted[key] = ref
	}
	e.mu.Unlock()
	if e.afterAccept != nil {
		e.afterAccept(n)
	}
	if e.plain {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "OK")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, `{"reference": %q}`, ref)
}

func (e *endpoint) stats() (posts int, keys []string, accepted map[string]string, badSig int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	acc := map[string]string{}
	for k, v := range e.accepted {
		acc[k] = v
	}
	return e.posts, append([]string(nil), e.keys...), acc, e.badSig
}

// syncBuffer collects logs from concurrent writers.
type syncBuffer = logtest.Buffer

func newLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// waitFor polls cond for up to 10 real seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// runWorker starts w.Run and returns a stop function that cancels it and waits for it to return.
func runWorker(t *testing.T, w *referrals.Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// sampleCase is a case with private data that must never reach the logs.
func sampleCase(id string, created time.Time) referrals.Case {
	return referrals.Case{
		ID: id, CreatedAt: created, UserID: 424242, ChatID: 434343, Lang: "ur",
		AdText: "Dubai driver visa pakka, pehle 50000 fee JazzCash 03001234567 par bhejein",
		Verdict: referrals.Verdict{Risk: "high", Flags: []referrals.Flag{
			{Code: "UPFRONT_FEE", Evidence: "pehle 50000 fee"}, {Code: "PERSONAL_PAYMENT", Evidence: "JazzCash 03001234567"}}},
		Happened: "asked", AmountPKR: 50000, Channel: "jazzcash",
		Contact: &referrals.Contact{Phone: "+923219876543", Name: "Ahmed Raza"},
	}
}

// privateStrings are the sample case's texts that logs must never contain.
var privateStrings = []string{"pakka", "03001234567", "+923219876543", "3219876543", "Ahmed Raza", "50000"}

func checkLogs(t *testing.T, logs string) {
	t.Helper()
	for _, s := range privateStrings {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain private text %q:\n%s", s, logs)
		}
	}
}

// add stores a case in one MULTI.
func add(t *testing.T, s *referrals.Store, rdb redis.UniversalClient, c referrals.Case) {
	t.Helper()
	ctx := context.Background()
	_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { return s.AddCmds(ctx, p, c) })
	if err != nil {
		t.Fatalf("add %s: %v", c.ID, err)
	}
}

func get(t *testing.T, s *referrals.Store, id string) referrals.Case {
	t.Helper()
	c, ok, err := s.Get(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("get %s: ok=%v err=%v", id, ok, err)
	}
	return c
}

// queueCase routes a sample case to the one endpoint at url and queues it for delivery.
func queueCase(t *testing.T, b backend, clk *clock, url string) (*referrals.Store, *referrals.Routing, referrals.Case) {
	t.Helper()
	routing, err := referrals.SingleTarget(url, secret)
	if err != nil {
		t.Fatal(err)
	}
	store := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
	c := sampleCase(newID(424242), clk.Now())
	c.Status, c.Targets = referrals.StatusQueued, routing.Route(c)
	add(t, store, b.rdb, c)
	return store, routing, c
}

// waitFinal waits until the case is delivered or dead.
func waitFinal(t *testing.T, store *referrals.Store, id string) {
	t.Helper()
	waitFor(t, "a final state", func() bool {
		got, _, _ := store.Get(context.Background(), id)
		return got.Status == referrals.StatusDelivered || got.Status == referrals.StatusDead
	})
}
