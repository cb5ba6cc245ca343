package streams_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/internal/streams"
)

// prefix isolates a test's keys on a shared Redis.
func prefix() string { return fmt.Sprintf("tasdeeq:test:streams:%d:", rand.Int64()) }

var patterns = []string{"tasdeeq:test:streams:*"}

// Poll reads each stream's own pending entries first, then new ones, in one call per stream
// pipelined; a missing group is an error IsNoGroup recognises, and EnsureGroups fixes it.
func TestPollOwnPendingThenNew(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		p := prefix()
		a, c := p+"{s0}:jobs", p+"{s1}:jobs"
		if _, err := streams.Poll(ctx, b.RDB, "g", "me", streams.NewCursor(a, c), []string{a, c}, 10); !streams.IsNoGroup(err) {
			t.Fatalf("Poll without a group: %v, want NOGROUP", err)
		}
		for range 2 { // twice: an existing group is no error
			if err := streams.EnsureGroups(ctx, b.RDB, "g", a, c); err != nil {
				t.Fatal(err)
			}
		}
		add := func(st, v string) {
			if err := b.RDB.XAdd(ctx, &redis.XAddArgs{Stream: st, Values: []any{"v", v}}).Err(); err != nil {
				t.Fatal(err)
			}
		}
		add(a, "a1")
		add(a, "a2")
		add(c, "c1")
		// A first consumer life reads a1 and c1 and dies with them pending.
		old := streams.NewCursor(a, c)
		old.Advance(a, nil)
		old.Advance(c, nil)
		got, err := streams.Poll(ctx, b.RDB, "g", "me", old, []string{a, c}, 1)
		if err != nil || values(got) != "a1 c1" {
			t.Fatalf("first life read %q, %v", values(got), err)
		}
		add(c, "c2")
		// The restarted consumer gets its pending entries back first, then new ones.
		cur := streams.NewCursor(a, c)
		got, err = streams.Poll(ctx, b.RDB, "g", "me", cur, []string{a, c}, 10)
		if err != nil || values(got) != "a1 c1" {
			t.Fatalf("own pending: %q, %v", values(got), err)
		}
		got, err = streams.Poll(ctx, b.RDB, "g", "me", cur, []string{a, c}, 10)
		if err != nil || values(got) != "a2 c2" || cur.Pos(a) != ">" || cur.Pos(c) != ">" {
			t.Fatalf("then new: %q, %v (positions %s %s)", values(got), err, cur.Pos(a), cur.Pos(c))
		}
		if got, _ := streams.Poll(ctx, b.RDB, "g", "me", cur, []string{a, c}, 10); len(got) != 0 {
			t.Fatalf("nothing left, read %q", values(got))
		}
		// Another consumer takes over the idle entries; ClaimIdle with 0 takes every one.
		ids, err := streams.ClaimIdle(ctx, b.RDB, a, "g", "heir", 0, 0)
		if err != nil || len(ids) != 2 {
			t.Fatalf("claimed %v, %v", ids, err)
		}
		heir := streams.NewCursor(a)
		got, _ = streams.Poll(ctx, b.RDB, "g", "heir", heir, []string{a}, 10)
		if values(got) != "a1 a2" {
			t.Errorf("heir read %q, want its claimed entries in order", values(got))
		}
		b.RDB.Del(ctx, a) // one key at a time: they are in two slots
		b.RDB.Del(ctx, c)
		if _, err := streams.Poll(ctx, b.RDB, "g", "me", cur, []string{a, c}, 10); !streams.IsNoGroup(err) {
			t.Errorf("Poll after the streams vanished: %v, want NOGROUP", err)
		}
	})
}

func values(xs []redis.XStream) string {
	var out []string
	for _, x := range xs {
		for _, m := range x.Messages {
			out = append(out, fmt.Sprint(m.Values["v"]))
		}
	}
	slices.Sort(out)
	s := fmt.Sprint(out)
	return s[1 : len(s)-1]
}

// EvalEach runs a script once per shard in one pipeline, also after the script cache was
// flushed (a Redis restart).
func TestEvalEach(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		p := prefix()
		incr := redis.NewScript(`return redis.call('INCRBY', KEYS[1], ARGV[1])`)
		keys := [][]string{{p + "{s0}:n"}, {p + "{s1}:n"}, {p + "{s2}:n"}}
		for round := range 2 {
			if err := b.RDB.ScriptFlush(ctx).Err(); err != nil {
				t.Fatal(err)
			}
			cmds, err := streams.EvalEach(ctx, b.RDB, incr, keys, 5)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range cmds {
				if n, _ := c.Int(); n != 5*(round+1) {
					t.Errorf("round %d, key %d = %d", round, i, n)
				}
			}
		}
	})
}

// leaseEnv is a set of lease holders over n items on one Redis.
type leaseEnv struct {
	t    *testing.T
	b    redistest.Backend
	p    string
	n    int
	ttl  time.Duration
	seen map[string]*streams.Leases
	// mrNow is miniredis's clock, moved by wait.
	mrNow time.Time
}

func (e *leaseEnv) holder(name string) *streams.Leases {
	l := streams.NewLeases(e.b.RDB, streams.LeaseOptions{
		Members: e.p + "{leases}:holders",
		Key:     func(i int) string { return fmt.Sprintf("%s{s%d}:owner", e.p, i) },
		N:       e.n, Holder: name, TTL: e.ttl,
	})
	e.seen[name] = l
	return l
}

func (e *leaseEnv) tick(l *streams.Leases) streams.Change {
	e.t.Helper()
	ch, err := l.Tick(context.Background())
	if err != nil {
		e.t.Fatalf("tick: %v", err)
	}
	return ch
}

// owners reads who holds each lease in Redis.
func (e *leaseEnv) owners() []string {
	out := make([]string, e.n)
	for i := range e.n {
		out[i] = e.b.RDB.Get(context.Background(), fmt.Sprintf("%s{s%d}:owner", e.p, i)).Val()
	}
	return out
}

// wait lets d pass for leases and heartbeats: miniredis's clock is moved (its TIME and its key
// expiry), real Redis is waited out.
func (e *leaseEnv) wait(d time.Duration) {
	if e.b.MR != nil {
		e.mrNow = e.mrNow.Add(d)
		e.b.MR.SetTime(e.mrNow)
		e.b.MR.FastForward(d)
		return
	}
	time.Sleep(d)
}

// Two holders share the items fairly and together hold all; when the second joins, the first
// gives back its surplus, which the second takes once released; a holder that stops renewing
// loses its items to the other, and learns it on its next tick; a closed holder's items are taken
// at once.
func TestLeasesShareAndTakeOver(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		e := &leaseEnv{t: t, b: b, p: prefix(), n: 7, ttl: 400 * time.Millisecond, seen: map[string]*streams.Leases{}, mrNow: time.Now()}
		if b.MR != nil {
			b.MR.SetTime(e.mrNow)
		}
		a := e.holder("a")
		first := e.tick(a)
		if len(first.Gained) != 7 || first.Live != 1 || len(a.Held()) != 7 {
			t.Fatalf("alone: %+v, held %v", first, a.Held())
		}
		bb := e.holder("b")
		if ch := e.tick(bb); len(ch.Gained) != 0 || ch.Live != 2 {
			t.Fatalf("b joined while a holds all: %+v", ch)
		}
		give := e.tick(a)
		if len(give.Surplus) != 3 || len(give.Gained) != 0 || len(give.Lost) != 0 {
			t.Fatalf("a after b joined: %+v, want 3 items to give back (7 = 4 + 3)", give)
		}
		if ch2 := e.tick(a); len(ch2.Surplus) != 0 {
			t.Errorf("surplus reported twice: %+v", ch2)
		}
		// Draining items are still a's (renewed) until released.
		if ch := e.tick(bb); len(ch.Gained) != 0 {
			t.Fatalf("b took items still draining: %+v", ch)
		}
		for _, i := range give.Surplus {
			if err := a.Release(ctx, i); err != nil {
				t.Fatal(err)
			}
		}
		if ch := e.tick(bb); !slices.Equal(sorted(ch.Gained), sorted(give.Surplus)) {
			t.Fatalf("b gained %v, want a's surplus %v", ch.Gained, give.Surplus)
		}
		own := e.owners()
		if countOf(own, "a") != 4 || countOf(own, "b") != 3 {
			t.Fatalf("owners %v, want 4 a and 3 b", own)
		}
		// A third holder: the share is 3, and c takes what a gives back beyond it.
		c := e.holder("c")
		e.tick(c)
		for _, l := range []*streams.Leases{a, bb} {
			for _, i := range e.tick(l).Surplus {
				_ = l.Release(ctx, i)
			}
		}
		e.tick(c)
		own = e.owners()
		if countOf(own, "a") != 3 || countOf(own, "b") != 3 || countOf(own, "c") != 1 {
			t.Fatalf("owners with three holders %v", own)
		}
		// c closes: its items are free at once and taken at the next ticks (share 4).
		if err := c.Close(ctx); err != nil {
			t.Fatal(err)
		}
		e.tick(a)
		e.tick(bb)
		own = e.owners()
		if countOf(own, "a")+countOf(own, "b") != 7 {
			t.Fatalf("after c closed: %v", own)
		}

		// b dies (stops ticking): after the ttl, a takes its items; b, back, finds them lost.
		bHeld := sorted(bb.Held())
		e.wait(e.ttl / 2)
		if ch := e.tick(a); len(ch.Gained)+len(ch.Lost) != 0 {
			t.Fatalf("a half a ttl after b's last tick: %+v", ch)
		}
		e.wait(e.ttl/2 + 50*time.Millisecond)
		ch := e.tick(a)
		if !slices.Equal(sorted(ch.Gained), bHeld) || ch.Live != 1 {
			t.Fatalf("a after b died: %+v, want b's %v", ch, bHeld)
		}
		if own := e.owners(); countOf(own, "a") != 7 {
			t.Fatalf("owners after takeover %v", own)
		}
		ch = e.tick(bb)
		if !slices.Equal(sorted(ch.Lost), bHeld) || len(ch.Gained) != 0 {
			t.Fatalf("b back: %+v, want lost %v and nothing free", ch, bHeld)
		}
	})
}

// A holder that cannot reach Redis counts its leases lost once their validity has run out, half
// the ttl after the last renewal, well before they expire for the others.
func TestLeasesLostWithoutRedis(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		p := prefix()
		now := time.Now()
		// A client of its own, to close: on the same Redis as the backend's.
		rdb := b.Client(t, nil)
		l := streams.NewLeases(rdb, streams.LeaseOptions{Members: p + "{leases}:holders",
			Key: func(i int) string { return fmt.Sprintf("%s{s%d}:owner", p, i) }, N: 3, Holder: "a", TTL: 4 * time.Second,
			Now: func() time.Time { return now }})
		if ch, err := l.Tick(context.Background()); err != nil || len(ch.Gained) != 3 {
			t.Fatalf("tick: %+v, %v", ch, err)
		}
		_ = rdb.Close()
		now = now.Add(1500 * time.Millisecond)
		if ch, err := l.Tick(context.Background()); err == nil || len(ch.Lost) != 0 {
			t.Fatalf("1.5 s without Redis: %+v, %v; want an error and nothing lost yet", ch, err)
		}
		now = now.Add(500 * time.Millisecond)
		if ch, err := l.Tick(context.Background()); err == nil || len(ch.Lost) != 3 || len(l.Held()) != 0 {
			t.Fatalf("2 s without Redis: %+v, %v; want all lost", ch, err)
		}
	})
}

func sorted(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func countOf(xs []string, s string) int {
	n := 0
	for _, x := range xs {
		if x == s {
			n++
		}
	}
	return n
}
