package sender_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/sender"
	"github.com/tasdeeq/tasdeeq/shards"
)

// env is one sender test: a Redis (miniredis, or the real one at REDIS_URL), the fake Bot API,
// the real go-telegram/bot client pointed at it (wrapped to record call times on a fake clock),
// a metrics registry and a log buffer. The streams are those of every shard of ring.
type env struct {
	t      *testing.T
	rdb    redis.UniversalClient
	mr     *miniredis.Miniredis // nil on real Redis
	tg     *bottest.Server
	api    *recordingAPI
	clock  *fakeClock
	reg    *prometheus.Registry
	logs   *syncBuffer
	chat0  int64
	ring   shards.Ring
	prefix string // "" : outbox's stream names; else the test's own (real Redis)

	mu    sync.Mutex
	texts []string // every text enqueued, to check the logs never show one
}

// backends runs fn against miniredis, against real Redis when REDIS_URL is set, and against a
// Redis Cluster when REDIS_CLUSTER_URL is set (redis://h1:p1?addr=h2:p2). On real Redis each test
// puts its keys under its own prefix (WithKeyPrefix) and uses its own chat ids, so tests never
// share state and nothing but their own keys is deleted. All use the default ring of 64 shards.
func backends(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		t.Cleanup(func() { _ = rdb.Close() })
		e := newEnv(t, rdb, 1000)
		e.mr = mr
		fn(t, e)
	})
	real := func(t *testing.T, rdb redis.UniversalClient) {
		t.Cleanup(func() { _ = rdb.Close() })
		e := newEnv(t, rdb, 1_000_000_000+rand.Int64N(1_000_000_000))
		e.prefix = fmt.Sprintf("tasdeeq:test:%d:", rand.Int64())
		t.Cleanup(func() {
			ctx := context.Background()
			keys := e.streams()
			for _, sh := range e.ring.All() {
				keys = append(keys, e.prefix+sh.Tag()+":send:owner")
			}
			keys = append(keys, e.prefix+"{send}:senders")
			for i := range int64(100) {
				keys = append(keys, outbox.BlockedKey(e.ring, e.chat0+i))
			}
			for _, k := range keys { // one at a time: on a cluster they are in many slots
				rdb.Del(ctx, k)
			}
		})
		fn(t, e)
	}
	if url := os.Getenv("REDIS_URL"); url != "" {
		t.Run("redis", func(t *testing.T) {
			opts, err := redis.ParseURL(url)
			if err != nil {
				t.Fatalf("REDIS_URL: %v", err)
			}
			real(t, redis.NewClient(opts))
		})
	}
	if url := os.Getenv("REDIS_CLUSTER_URL"); url != "" {
		t.Run("cluster", func(t *testing.T) {
			opts, err := redis.ParseClusterURL(url)
			if err != nil {
				t.Fatalf("REDIS_CLUSTER_URL: %v", err)
			}
			real(t, redis.NewClusterClient(opts))
		})
	}
}

// another is a second client of the test's Redis, closed when the test ends; pool is its pool
// size (0: go-redis's default).
func (e *env) another(pool int) redis.UniversalClient {
	var c redis.UniversalClient
	switch r := e.rdb.(type) {
	case *redis.Client:
		c = redis.NewClient(&redis.Options{Addr: r.Options().Addr, DB: r.Options().DB, PoolSize: pool})
	case *redis.ClusterClient:
		c = redis.NewClusterClient(&redis.ClusterOptions{Addrs: r.Options().Addrs, PoolSize: pool})
	default:
		e.t.Fatalf("no second client for a %T", e.rdb)
	}
	e.t.Cleanup(func() { _ = c.Close() })
	if redistest.SlotGuardOn() {
		redistest.GuardSlots(e.t, c)
	}
	return c
}

func newEnv(t *testing.T, rdb redis.UniversalClient, chat0 int64) *env {
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis: %v", err)
	}
	// A transaction, script or command of several keys across cluster slots fails the test, on
	// miniredis too.
	if redistest.SlotGuardOn() {
		redistest.GuardSlots(t, rdb)
	}
	e := &env{t: t, rdb: rdb, tg: bottest.New(t), clock: &fakeClock{t: time.Now().Add(time.Hour)}, // ahead of Redis ids and Enqueued times, as a wall clock would be
		reg: prometheus.NewRegistry(), logs: &syncBuffer{}, chat0: chat0}
	e.api = &recordingAPI{api: e.tg.Bot(t), now: e.clock.Now}
	t.Cleanup(func() {
		logs := e.logs.String()
		for _, text := range e.texts {
			// Short texts ("a0") could match log words by chance; the tests' longer texts have spaces.
			if len(text) >= 8 && strings.Contains(text, " ") && strings.Contains(logs, text) {
				t.Errorf("logs contain message text %q", text)
			}
		}
		if t.Failed() {
			t.Logf("sender logs:\n%s", logs)
		}
	})
	return e
}

// chat returns the i-th chat id of this test.
func (e *env) chat(i int) int64 { return e.chat0 + int64(i) }

// sameShard returns the first chat index after i whose chat is in the same shard as chat i's:
// for tests whose chats must be read in one stream, in one order.
func (e *env) sameShard(i int) int {
	for j := i + 1; ; j++ {
		if e.ring.Of(e.chat(j)) == e.ring.Of(e.chat(i)) {
			return j
		}
	}
}

// repliesOf is the replies stream of chat i's shard.
func (e *env) repliesOf(i int) string { return e.stream(e.chat(i), outbox.Reply) }

// stream is the stream of the kind of message for chat.
func (e *env) stream(chat int64, kind outbox.Kind) string {
	sh := e.ring.Of(chat)
	if e.prefix == "" {
		if kind == outbox.Broadcast {
			return outbox.BroadcastsStream(sh)
		}
		return outbox.RepliesStream(sh)
	}
	if kind == outbox.Broadcast {
		return e.prefix + sh.Tag() + ":send:broadcasts"
	}
	return e.prefix + sh.Tag() + ":send:replies"
}

// streams lists every shard's two streams.
func (e *env) streams() []string {
	var out []string
	for _, sh := range e.ring.All() {
		if e.prefix == "" {
			out = append(out, outbox.RepliesStream(sh), outbox.BroadcastsStream(sh))
		} else {
			out = append(out, e.prefix+sh.Tag()+":send:replies", e.prefix+sh.Tag()+":send:broadcasts")
		}
	}
	return out
}

// enqueue queues o the way the webhook does: outbox.Enqueue in a transaction, into the shard of
// the chat, on the real stream names; on a test prefix an XADD of the same format (the miniredis
// runs prove the two agree).
func (e *env) enqueue(o outbox.Outgoing) {
	e.t.Helper()
	ctx := context.Background()
	if o.Kind == "" {
		o.Kind = outbox.Reply
	}
	e.mu.Lock()
	if o.Text != "" {
		e.texts = append(e.texts, o.Text)
	}
	e.mu.Unlock()
	if e.prefix == "" {
		_, err := e.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { return outbox.Enqueue(ctx, p, e.ring.Of(o.ChatID), o) })
		if err != nil {
			e.t.Fatalf("enqueue: %v", err)
		}
		return
	}
	if o.Channel == "" {
		o.Channel = outbox.ChannelTelegram
	}
	data, err := json.Marshal(o)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.rdb.XAdd(ctx, &redis.XAddArgs{Stream: e.stream(o.ChatID, o.Kind), Values: []any{"m", data}}).Err(); err != nil {
		e.t.Fatalf("xadd: %v", err)
	}
}

// reply queues a plain reply to chat i.
func (e *env) reply(i int, text string) {
	e.enqueue(outbox.Outgoing{ChatID: e.chat(i), Text: text, Kind: outbox.Reply})
}

// start runs a sender until the returned stop is called (or the test ends). stop cancels Run's
// context and waits for Run to return.
func (e *env) start(consumer string, opts ...sender.Option) (stop func()) {
	e.t.Helper()
	return e.startOn(e.rdb, e.api, consumer, opts...)
}

// startOn runs a sender on its own client and Bot API.
func (e *env) startOn(rdb redis.UniversalClient, api sender.API, consumer string, opts ...sender.Option) (stop func()) {
	e.t.Helper()
	s := sender.New(rdb, api, consumer, append(e.options(), opts...)...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					e.t.Errorf("Run: %v", err)
				}
			case <-time.After(5 * time.Second):
				e.t.Errorf("Run did not return within 5 s of cancel")
			}
		})
	}
	e.t.Cleanup(stop)
	return stop
}

// options are every test sender's: the fake clock, a short poll, the registry and log buffer, and
// the test's key prefix.
func (e *env) options() []sender.Option {
	base := []sender.Option{
		sender.WithClock(e.clock.Now, e.clock.Sleep),
		sender.WithPollInterval(50 * time.Millisecond), // 64 shard readers: a short poll costs CPU, and new replies wake a blocking read anyway
		sender.WithRegisterer(e.reg),
		sender.WithLogger(slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	}
	if e.prefix != "" {
		base = append(base, sender.WithKeyPrefix(e.prefix))
	}
	return base
}

// await fails the test unless cond holds within 5 s.
func (e *env) await(what string, cond func() bool) {
	e.t.Helper()
	if !e.tg.Await(5*time.Second, cond) {
		e.t.Fatalf("timed out waiting for %s", what)
	}
}

// texts returns the texts delivered to chat i, in order.
func (e *env) delivered(i int) []string {
	var out []string
	for _, c := range e.tg.Messages(e.chat(i)) {
		out = append(out, c.Text())
	}
	return out
}

// pending is the number of entries read but not acknowledged, on every stream.
func (e *env) pending() int64 {
	var n int64
	for _, st := range e.streams() {
		p, err := e.rdb.XPending(context.Background(), st, outbox.SenderGroup).Result()
		if err != nil && !strings.HasPrefix(err.Error(), "NOGROUP") && !errors.Is(err, redis.Nil) {
			e.t.Fatalf("xpending: %v", err)
		}
		if p != nil {
			n += p.Count
		}
	}
	return n
}

// pendingOf is the number of pending entries owned by consumer.
func (e *env) pendingOf(consumer string) int64 {
	var n int64
	for _, st := range e.streams() {
		p, err := e.rdb.XPending(context.Background(), st, outbox.SenderGroup).Result()
		if err == nil && p != nil {
			n += p.Consumers[consumer]
		}
	}
	return n
}

// streamLen is XLEN of every stream: entries not yet acknowledged (acked ones are deleted).
func (e *env) streamLen() int64 {
	var n int64
	for _, st := range e.streams() {
		n += e.rdb.XLen(context.Background(), st).Val()
	}
	return n
}

// owners reads who holds each shard's lease.
func (e *env) owners() map[string]int {
	out := map[string]int{}
	for _, sh := range e.ring.All() {
		out[e.rdb.Get(context.Background(), e.leaseKey(sh)).Val()]++
	}
	return out
}

// leaseKey is the key of the lease of sh.
func (e *env) leaseKey(sh shards.Shard) string {
	if e.prefix != "" {
		return e.prefix + sh.Tag() + ":send:owner"
	}
	return sender.LeaseKey(sh)
}

// settled waits until every entry is acknowledged and deleted.
func (e *env) settled() {
	e.t.Helper()
	e.await("all entries acknowledged", func() bool { return e.pending() == 0 && e.streamLen() == 0 })
}

// idle makes pending entries look idle for longer than d to XAUTOCLAIM: miniredis moves its
// clock; real Redis is waited out.
func (e *env) idle(d time.Duration) {
	if e.mr != nil {
		e.mr.SetTime(time.Now().Add(d + time.Minute))
		return
	}
	time.Sleep(d + 50*time.Millisecond)
}

// metric returns the value of a counter or gauge (or a histogram's sample count) with labels.
func (e *env) metric(name string, labels ...string) float64 {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
	}
	var sum float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			for i := 0; i+1 < len(labels); i += 2 {
				found := false
				for _, lp := range m.GetLabel() {
					if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
						found = true
					}
				}
				if !found {
					continue metrics
				}
			}
			sum += m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum
}

// rawEntry is a stream entry not written by Enqueue.
func rawEntry(stream, field, value string) *redis.XAddArgs {
	return &redis.XAddArgs{Stream: stream, Values: []any{field, value}}
}
