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
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/sender"
)

// env is one sender test: a Redis (miniredis, or the real one at REDIS_URL), the fake Bot API,
// the real go-telegram/bot client pointed at it (wrapped to record call times on a fake clock),
// a metrics registry and a log buffer.
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
	custom bool // own stream names (real Redis): enqueue with a mirror of Enqueue's XADD

	replies, broadcasts string

	mu    sync.Mutex
	texts []string // every text enqueued, to check the logs never show one
}

// backends runs fn against miniredis, and against real Redis when REDIS_URL is set. On real
// Redis each test uses its own stream names (WithStreams) and chat ids, so tests never share
// state and nothing but their own keys is deleted.
func backends(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Run("miniredis", func(t *testing.T) {
		mr := miniredis.RunT(t)
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		t.Cleanup(func() { _ = rdb.Close() })
		e := newEnv(t, rdb, 1000)
		e.mr = mr
		e.replies, e.broadcasts = outbox.RepliesStream, outbox.BroadcastsStream
		fn(t, e)
	})
	url := os.Getenv("REDIS_URL")
	if url == "" {
		return
	}
	t.Run("redis", func(t *testing.T) {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		rdb := redis.NewClient(opts)
		t.Cleanup(func() { _ = rdb.Close() })
		e := newEnv(t, rdb, 1_000_000_000+rand.Int64N(1_000_000_000))
		prefix := fmt.Sprintf("tasdeeq:test:%d:", rand.Int64())
		e.replies, e.broadcasts, e.custom = prefix+"replies", prefix+"broadcasts", true
		t.Cleanup(func() {
			ctx := context.Background()
			rdb.Del(ctx, e.replies, e.broadcasts)
			for i := range int64(100) {
				rdb.Del(ctx, "tasdeeq:blocked:"+fmt.Sprint(e.chat0+i))
			}
		})
		fn(t, e)
	})
}

func newEnv(t *testing.T, rdb redis.UniversalClient, chat0 int64) *env {
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis: %v", err)
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

func (e *env) streamOf(o outbox.Outgoing) string {
	if o.Kind == outbox.Broadcast {
		return e.broadcasts
	}
	return e.replies
}

// enqueue queues o the way the webhook does: outbox.Enqueue in a transaction on the real stream
// names; on custom names an XADD of the same format (the miniredis runs prove the two agree).
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
	if !e.custom {
		_, err := e.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { return outbox.Enqueue(ctx, p, o) })
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
	if err := e.rdb.XAdd(ctx, &redis.XAddArgs{Stream: e.streamOf(o), Values: []any{"m", data}}).Err(); err != nil {
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
	base := []sender.Option{
		sender.WithClock(e.clock.Now, e.clock.Sleep),
		sender.WithPollInterval(10 * time.Millisecond),
		sender.WithRegisterer(e.reg),
		sender.WithLogger(slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	}
	if e.custom {
		base = append(base, sender.WithStreams(e.replies, e.broadcasts))
	}
	s := sender.New(e.rdb, e.api, consumer, append(base, opts...)...)
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

// pending is the number of entries read but not acknowledged, on both streams.
func (e *env) pending() int64 {
	var n int64
	for _, st := range []string{e.replies, e.broadcasts} {
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
	for _, st := range []string{e.replies, e.broadcasts} {
		p, err := e.rdb.XPending(context.Background(), st, outbox.SenderGroup).Result()
		if err == nil && p != nil {
			n += p.Consumers[consumer]
		}
	}
	return n
}

// streamLen is XLEN of both streams: entries not yet acknowledged (acked ones are deleted).
func (e *env) streamLen() int64 {
	var n int64
	for _, st := range []string{e.replies, e.broadcasts} {
		n += e.rdb.XLen(context.Background(), st).Val()
	}
	return n
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
