package sender

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		err  error
		out  outcome
		code string
		wait time.Duration
	}{
		{nil, delivered, "", 0},
		{&tg.TooManyRequestsError{Message: "too many requests", RetryAfter: 7}, pause, "429", 7 * time.Second},
		{&tg.TooManyRequestsError{Message: "too many requests"}, pause, "429", time.Second},
		{fmt.Errorf("%w, Forbidden: bot was blocked by the user", tg.ErrorForbidden), blockedChat, "403", 0},
		{fmt.Errorf("%w, Bad Request: chat not found", tg.ErrorBadRequest), rejected, "400", 0},
		{&tg.MigrateError{Message: "bad request", MigrateToChatID: 5}, rejected, "400", 0},
		{fmt.Errorf("%w, Unauthorized", tg.ErrorUnauthorized), retry, "401", 0},
		{fmt.Errorf("%w, Not Found", tg.ErrorNotFound), retry, "404", 0},
		{errors.New("error response from telegram for method sendMessage, 502 Bad Gateway"), retry, "5xx", 0},
		{errors.New("error response from telegram for method sendMessage, 418 I'm a teapot"), rejected, "4xx", 0},
		{errors.New("error do request for method sendMessage, dial tcp: connection refused"), retry, "network", 0},
		{context.DeadlineExceeded, retry, "network", 0},
	} {
		out, code, wait := classify(c.err)
		if out != c.out || code != c.code || wait != c.wait {
			t.Errorf("classify(%v) = %v, %q, %v; want %v, %q, %v", c.err, out, code, wait, c.out, c.code, c.wait)
		}
	}
}

func TestIDOrder(t *testing.T) {
	ids := []string{"1700000000010-2", "999-0", "1700000000010-10", "1700000000009-99"}
	slices.SortFunc(ids, func(a, b string) int {
		if idLess(a, b) {
			return -1
		}
		return 1
	})
	if want := []string{"999-0", "1700000000009-99", "1700000000010-2", "1700000000010-10"}; !slices.Equal(ids, want) {
		t.Errorf("sorted = %v", ids)
	}
	if got := idTime("1700000000123-4"); !got.Equal(time.UnixMilli(1700000000123)) {
		t.Errorf("idTime = %v", got)
	}
}

func TestLimiterSlots(t *testing.T) {
	l := &limiter{interval: spacing(30)}
	t0 := time.Unix(1000, 0)
	var slots []time.Time
	for range 31 {
		slots = append(slots, l.reserve(t0))
	}
	if span := slots[30].Sub(slots[0]); span < time.Second {
		t.Errorf("31 slots within %v", span)
	}
	l.pause(t0.Add(time.Hour))
	if s := l.reserve(t0); !s.Equal(t0.Add(time.Hour)) {
		t.Errorf("slot during pause = %v", s)
	}
}

func TestBackoffDoublesToCap(t *testing.T) {
	s := New(nil, nil, "x", WithBackoff(100*time.Millisecond, time.Second))
	for n, full := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		full *= time.Millisecond
		for range 20 {
			if d := s.backoff(n + 1); d < full*3/4 || d > full {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n+1, d, full*3/4, full)
			}
		}
	}
	if d := s.backoff(1000); d > time.Second {
		t.Errorf("backoff(1000) = %v", d)
	}
}

// Consumers with nothing pending that stayed silent are removed from the group; this consumer
// and consumers with pending entries stay.
func TestPruneConsumers(t *testing.T) {
	run := func(t *testing.T, rdb redis.UniversalClient, age func()) {
		ctx := context.Background()
		stream := fmt.Sprintf("tasdeeq:test:%d:prune", rand.Int64())
		t.Cleanup(func() { rdb.Del(ctx, stream) })
		s := New(rdb, nil, "me")
		s.cfg.staleConsumer = 50 * time.Millisecond
		if err := rdb.XGroupCreateMkStream(ctx, stream, outbox.SenderGroup, "0").Err(); err != nil {
			t.Fatal(err)
		}
		id := rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"m", "{}"}}).Val()
		for _, c := range []string{"busy", "old", "me"} {
			rdb.XGroupCreateConsumer(ctx, stream, outbox.SenderGroup, c)
			rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: outbox.SenderGroup, Consumer: c, Streams: []string{stream, ">"}, Count: 1, Block: -1})
			// XCLAIM marks the consumer seen (miniredis sets no idle time on XREADGROUP).
			claim := "0-1"
			if c == "busy" {
				claim = id
			}
			rdb.XClaimJustID(ctx, &redis.XClaimArgs{Stream: stream, Group: outbox.SenderGroup, Consumer: c, Messages: []string{claim}})
		}
		age()
		s.pruneConsumers(ctx, stream)
		cs, err := rdb.XInfoConsumers(ctx, stream, outbox.SenderGroup).Result()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{"busy", "me"}) {
			t.Errorf("consumers = %v, want busy and me", names)
		}
	}
	// On miniredis the consumers are aged by its clock, on a real Redis and a cluster by waiting.
	redistest.Each(t, nil, func(t *testing.T, b redistest.Backend) {
		age := func() { time.Sleep(100 * time.Millisecond) }
		if b.MR != nil {
			age = func() { b.MR.SetTime(time.Now().Add(time.Hour)) }
		}
		run(t, b.RDB, age)
	})
}

// TestLimiterAdmitsByRealStartTimes: calls that woke late from their slots and bunched up are held
// back so that no window of n×interval holds more than n real starts.
func TestLimiterAdmitsByRealStartTimes(t *testing.T) {
	l := newLimiter(10*time.Millisecond, 3) // at most 3 starts in any 30 ms
	t0 := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for i := range 3 {
		if d := l.admit(t0.Add(time.Duration(i) * time.Millisecond)); d != 0 {
			t.Fatalf("call %d held %v", i, d)
		}
	}
	if d := l.admit(t0.Add(3 * time.Millisecond)); d != 27*time.Millisecond {
		t.Fatalf("fourth call within the window: wait %v, want 27ms", d)
	}
	if d := l.admit(t0.Add(30 * time.Millisecond)); d != 0 {
		t.Fatalf("fourth call after the window: wait %v", d)
	}
	// The next must wait for the second start (1 ms) to leave the window, at 31 ms.
	if d := l.admit(t0.Add(30 * time.Millisecond)); d != time.Millisecond {
		t.Fatalf("fifth call: wait %v, want 1ms", d)
	}
	if d := l.admit(t0.Add(31 * time.Millisecond)); d != 0 {
		t.Fatalf("fifth call at 31 ms: wait %v", d)
	}
	if d := newLimiter(0, 30).admit(t0); d != 0 {
		t.Fatalf("no limit: wait %v", d)
	}
}

// One chat's 429s only hold that chat back; 429s from three chats within a second halve the
// calls in flight (once a second at most, never below 1), given back by an eighth every 10 s.
func TestThrottle(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	th := throttle{max: 32, limit: 32}
	for i := range 5 {
		if th.on429(7, t0.Add(time.Duration(i)*100*time.Millisecond)) {
			t.Fatalf("one chat's 429s cut the limit")
		}
	}
	if th.on429(8, t0.Add(500*time.Millisecond)) || !th.on429(9, t0.Add(600*time.Millisecond)) || th.limit != 16 {
		t.Fatalf("three chats: limit = %d, want 16", th.limit)
	}
	for c := range int64(3) { // the same wave goes on: no second cut within the second
		th.on429(10+c, t0.Add(700*time.Millisecond))
	}
	if th.limit != 16 {
		t.Fatalf("limit = %d after the same wave, want 16", th.limit)
	}
	if got := th.raise(t0.Add(5 * time.Second)); got != 16 {
		t.Errorf("raised after 5 s: %d", got)
	}
	if got := th.raise(t0.Add(11 * time.Second)); got != 20 {
		t.Errorf("after 10 s without a wave: %d, want 16 + 32/8", got)
	}
	for i := range 10 {
		th.raise(t0.Add(time.Duration(21+10*i) * time.Second))
	}
	if th.limit != 32 {
		t.Errorf("limit = %d, want back to 32", th.limit)
	}
	one := throttle{max: 1, limit: 1}
	one.on429(1, t0)
	one.on429(2, t0)
	if one.on429(3, t0); one.limit != 1 {
		t.Errorf("limit = %d, want never below 1", one.limit)
	}
}

// TestIdleLanesKeepTheirPace: a chat's lane leaves the scheduler's map once it is empty, so
// take does not walk idle chats; the chat's pace is kept aside, so a message for it a moment
// later still waits its turn, and the kept pace is forgotten once it has passed.
func TestIdleLanesKeepTheirPace(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	q := newQueue(func() time.Time { return now }, newLimiter(time.Second, 30), pacing{buffer: 100, gap: time.Second, burst: 1, chatHeld: 10, workers: 4})
	ctx := context.Background()
	take := func() (*lane, *entry) {
		t.Helper()
		ctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		return q.take(ctx, func(ctx context.Context, d time.Duration) error { <-ctx.Done(); return ctx.Err() })
	}
	for i := range 100 {
		e := &entry{stream: "s", id: fmt.Sprintf("%d-0", i+1), kind: outbox.Reply, msg: outbox.Outgoing{ChatID: int64(i + 1)}}
		if !q.add(e) {
			t.Fatalf("entry %d not held", i)
		}
		l, got := take()
		if got != e {
			t.Fatalf("took %v, want entry %d", got, i)
		}
		q.finish(l, got, now)
	}
	// One more take walks the emptied lanes once and sets them aside.
	if l, e := take(); l != nil || e != nil {
		t.Fatalf("took %v from an empty queue", e)
	}
	if len(q.lanes) != 0 || len(q.paced) != 100 {
		t.Fatalf("%d lanes, %d paces kept; want 0 and 100", len(q.lanes), len(q.paced))
	}
	// Chat 7 writes again 200 ms after its reply: the next must wait out the second.
	now = now.Add(200 * time.Millisecond)
	if !q.add(&entry{stream: "s", id: "101-0", kind: outbox.Reply, msg: outbox.Outgoing{ChatID: 7}}) {
		t.Fatal("entry not held")
	}
	if l, e := take(); l != nil || e != nil {
		t.Fatalf("chat 7 was sent to again after 200 ms: %v", e)
	}
	now = now.Add(time.Second)
	if l, e := take(); e == nil || e.id != "101-0" {
		t.Fatalf("chat 7's message did not go once its second passed: %v %v", l, e)
	}
	if len(q.paced) != 0 {
		t.Errorf("%d passed paces still kept after the sweep", len(q.paced))
	}
}

// TestTrimDelivered: a take-over trims only entries that were delivered and acknowledged, never
// one still pending (with any consumer) or not yet read, whatever their order in the stream.
func TestTrimDelivered(t *testing.T) {
	redistest.Each(t, nil, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		rdb := b.RDB
		stream := fmt.Sprintf("tasdeeq:test:%d:trim", rand.Int64())
		t.Cleanup(func() { rdb.Del(ctx, stream) })
		s := New(rdb, nil, "me")
		if err := rdb.XGroupCreateMkStream(ctx, stream, outbox.SenderGroup, "0").Err(); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i := range 5 {
			ids = append(ids, rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"m", fmt.Sprint(i)}}).Val())
		}
		// A sender that died read the first four, acknowledged 0 and 2 and deleted neither; 1
		// and 3 are still pending with it; 4 was never read.
		rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: outbox.SenderGroup, Consumer: "dead", Streams: []string{stream, ">"}, Count: 4, Block: -1})
		rdb.XAck(ctx, stream, outbox.SenderGroup, ids[0], ids[2])
		left := func() []string {
			t.Helper()
			msgs, err := rdb.XRange(ctx, stream, "-", "+").Result()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, m := range msgs {
				out = append(out, m.ID)
			}
			return out
		}
		if err := s.trimDelivered(ctx, stream); err != nil {
			t.Fatal(err)
		}
		if got := left(); !slices.Equal(got, ids[1:]) {
			t.Errorf("after the first trim the stream holds %v, want %v", got, ids[1:])
		}
		rdb.XAck(ctx, stream, outbox.SenderGroup, ids[1], ids[3])
		if err := s.trimDelivered(ctx, stream); err != nil {
			t.Fatal(err)
		}
		if got := left(); !slices.Equal(got, ids[4:]) {
			t.Errorf("with nothing pending the stream holds %v, want only the unread %v", got, ids[4:])
		}
		// A second group on the stream reads at its own pace: nothing is trimmed for it.
		rdb.XGroupCreate(ctx, stream, "other", "0")
		rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: outbox.SenderGroup, Consumer: "me", Streams: []string{stream, ">"}, Count: 1, Block: -1})
		rdb.XAck(ctx, stream, outbox.SenderGroup, ids[4])
		if err := s.trimDelivered(ctx, stream); err != nil {
			t.Fatal(err)
		}
		if got := left(); !slices.Equal(got, ids[4:]) {
			t.Errorf("with another group the stream holds %v, want %v", got, ids[4:])
		}
	})
}

func TestNextID(t *testing.T) {
	for in, want := range map[string]string{"0-0": "0-1", "1700000000123-4": "1700000000123-5", "5-18446744073709551615": "6-0"} {
		if got, ok := nextID(in); !ok || got != want {
			t.Errorf("nextID(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "12", "a-1", "1-b"} {
		if _, ok := nextID(bad); ok {
			t.Errorf("nextID(%q) read an id", bad)
		}
	}
}
