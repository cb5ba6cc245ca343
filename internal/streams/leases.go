package streams

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Leases shares N items (shards) among the live replicas of a consumer, when each item must be
// worked on by one replica at a time, with Redis as the only coordinator:
//
//   - every replica keeps a heartbeat in a sorted set (member: the holder's name, score: Redis's
//     time), and counts the live holders from it;
//   - a replica holds an item by a lease key, SET holder NX PX ttl, which it renews with a
//     check-and-set script (one key, so one slot) every tick;
//   - it takes free items only while it holds fewer than its fair share, ceil(N/live), and gives
//     back the items beyond its share (Change.Surplus) once another replica has joined;
//   - a lease not renewed (the replica died, or lost Redis) expires after ttl and another replica
//     takes the item at its next tick.
//
// The caller works on an item only while it holds it: it starts on Gained items, stops at once
// on Lost ones, and for Surplus ones stops taking new work, finishes the work in hand and then
// calls Release, so that the next holder never overlaps with it. A holder that cannot renew
// counts a lease as lost half the ttl after its last renewal, well before it expires in Redis,
// so it has stopped before another replica may take the item; only a replica stalled (a pause)
// for longer than that can still finish work the next holder also does.
//
// Its methods are safe for concurrent use: an item may be Released (its work finished) while a
// Tick runs.
type Leases struct {
	rdb   redis.UniversalClient
	o     LeaseOptions
	order []int // items in this holder's order of preference
	mu    sync.Mutex
	held  map[int]*held
}

// LeaseOptions configure Leases.
type LeaseOptions struct {
	// Members is the sorted set of live holders; one key of a fixed hash tag.
	Members string
	// Key is the lease key of item i, 0 <= i < N (on Cluster: in item i's own slot).
	Key func(i int) string
	// N is the number of items.
	N int
	// Holder names this replica; unique among the live ones (a stream consumer's name).
	Holder string
	// TTL is how long a lease and a heartbeat last without renewal; Tick must run several
	// times within it (every TTL/5 is a good pace).
	TTL time.Duration
	// Now is the clock validity is measured on (default time.Now).
	Now func() time.Time
}

type held struct {
	until    time.Time // past it, without a renewal, the lease counts as lost
	draining bool      // given back (Surplus): renewed until Released, never counted as active
}

// Change is what a Tick changed.
type Change struct {
	// Gained are the items newly held: the caller takes over their work.
	Gained []int
	// Lost are the items no longer held (the lease was taken or expired): stop at once.
	Lost []int
	// Surplus are held items beyond the fair share: stop taking work on them, finish the work in
	// hand, then Release them. They are still renewed meanwhile and not reported again.
	Surplus []int
	// Live is the number of live holders seen (0 when the heartbeat failed).
	Live int
}

// NewLeases returns the leases of holder o.Holder; it holds nothing until the first Tick.
func NewLeases(rdb redis.UniversalClient, o LeaseOptions) *Leases {
	if o.Now == nil {
		o.Now = time.Now
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(o.Holder))
	offset := int(h.Sum32() % uint32(max(o.N, 1)))
	order := make([]int, o.N)
	for k := range order {
		order[k] = (offset + k) % o.N
	}
	return &Leases{rdb: rdb, o: o, order: order, held: map[int]*held{}}
}

// heartbeat records the holder as live at Redis's time, forgets holders silent for the ttl, and
// returns how many are live. The set expires when every holder is gone.
var heartbeat = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], 2 * ttl)
return redis.call('ZCARD', KEYS[1])
`)

// renew extends a lease that is still the holder's.
var renew = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// release deletes a lease that is still the holder's.
var release = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// validity is how long after a renewal was sent the holder may count on its lease: half the
// ttl, so that a holder that cannot renew (and learns it at its next tick, a fifth of the ttl
// later) has stopped well before the lease expires in Redis and another holder may take it.
func (l *Leases) validity() time.Duration { return l.o.TTL / 2 }

// Tick beats the heart, renews the held leases, takes free items up to the fair share and
// reports the items beyond it. On a Redis error it still reports as Lost the leases whose
// validity has run out, and returns the error.
func (l *Leases) Tick(ctx context.Context) (Change, error) {
	var ch Change
	start := l.o.Now()
	ttl := l.o.TTL.Milliseconds()
	live, err := heartbeat.Run(ctx, l.rdb, []string{l.o.Members}, l.o.Holder, ttl).Int()
	if err != nil {
		// Measured after the failure: a client failing slowly must not delay the verdict.
		ch.Lost = l.expire(l.o.Now())
		return ch, fmt.Errorf("heartbeat: %w", err)
	}
	ch.Live = live

	// Renew what is held.
	ids := l.Held()
	if len(ids) > 0 {
		keys := make([][]string, len(ids))
		for k, i := range ids {
			keys[k] = []string{l.o.Key(i)}
		}
		cmds, err := EvalEach(ctx, l.rdb, renew, keys, l.o.Holder, ttl)
		l.mu.Lock()
		for k, i := range ids {
			h := l.held[i]
			if h == nil {
				continue // released meanwhile
			}
			switch n, cerr := cmds[k].Int(); {
			case cerr == nil && n == 1:
				h.until = start.Add(l.validity())
			case cerr == nil || errors.Is(cerr, redis.Nil):
				delete(l.held, i) // taken by another holder, or expired
				ch.Lost = append(ch.Lost, i)
			}
		}
		l.mu.Unlock()
		if err != nil {
			ch.Lost = append(ch.Lost, l.expire(l.o.Now())...)
			return ch, fmt.Errorf("renew leases: %w", err)
		}
	}

	share := (l.o.N + live - 1) / max(live, 1)
	l.mu.Lock()
	n := len(l.held)
	l.mu.Unlock()
	if n < share {
		gained, err := l.acquire(ctx, share-n, start)
		ch.Gained = gained
		if err != nil {
			return ch, err
		}
	}

	// Give back what is beyond the share, the least preferred first.
	l.mu.Lock()
	var active []int
	for _, i := range l.order {
		if h := l.held[i]; h != nil && !h.draining {
			active = append(active, i)
		}
	}
	for len(active) > share {
		i := active[len(active)-1]
		active = active[:len(active)-1]
		l.held[i].draining = true
		ch.Surplus = append(ch.Surplus, i)
	}
	l.mu.Unlock()
	return ch, nil
}

// acquire takes up to want free items, in the holder's order of preference.
func (l *Leases) acquire(ctx context.Context, want int, start time.Time) ([]int, error) {
	var cands []int
	l.mu.Lock()
	for _, i := range l.order {
		if l.held[i] == nil {
			cands = append(cands, i)
		}
	}
	l.mu.Unlock()
	p := l.rdb.Pipeline()
	gets := make([]*redis.IntCmd, len(cands))
	for k, i := range cands {
		gets[k] = p.Exists(ctx, l.o.Key(i))
	}
	if _, err := p.Exec(ctx); err != nil {
		return nil, fmt.Errorf("look for free leases: %w", err)
	}
	var free []int
	for k, i := range cands {
		if gets[k].Val() == 0 {
			free = append(free, i)
		}
		if len(free) == want {
			break
		}
	}
	if len(free) == 0 {
		return nil, nil
	}
	p = l.rdb.Pipeline()
	sets := make([]*redis.BoolCmd, len(free))
	for k, i := range free {
		sets[k] = p.SetNX(ctx, l.o.Key(i), l.o.Holder, l.o.TTL)
	}
	_, err := p.Exec(ctx)
	var gained []int
	l.mu.Lock()
	for k, i := range free {
		// A SET whose answer was lost may have taken the lease: it expires unrenewed.
		if ok, cerr := sets[k].Result(); cerr == nil && ok {
			l.held[i] = &held{until: start.Add(l.validity())}
			gained = append(gained, i)
		}
	}
	l.mu.Unlock()
	if err != nil && !errors.Is(err, redis.Nil) {
		return gained, fmt.Errorf("take free leases: %w", err)
	}
	return gained, nil
}

// expire forgets, and returns, the leases whose validity ran out before now.
func (l *Leases) expire(now time.Time) []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	var lost []int
	for _, i := range l.order {
		if h := l.held[i]; h != nil && !now.Before(h.until) {
			delete(l.held, i)
			lost = append(lost, i)
		}
	}
	return lost
}

// Held lists the items held (draining ones included), in order of preference.
func (l *Leases) Held() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []int
	for _, i := range l.order {
		if l.held[i] != nil {
			out = append(out, i)
		}
	}
	return out
}

// Release gives item i back (deleting its lease if it is still the holder's), so that another
// replica may take it at once; call it only once its work in hand is finished.
func (l *Leases) Release(ctx context.Context, i int) error {
	l.mu.Lock()
	delete(l.held, i)
	l.mu.Unlock()
	if err := release.Run(ctx, l.rdb, []string{l.o.Key(i)}, l.o.Holder).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("release lease %d: %w", i, err)
	}
	return nil
}

// Close releases every lease still held and leaves the live set, so that the other replicas
// share the items at their next tick instead of waiting for the leases to expire.
func (l *Leases) Close(ctx context.Context) error {
	var errs []error
	for _, i := range l.Held() {
		errs = append(errs, l.Release(ctx, i))
	}
	if err := l.rdb.ZRem(ctx, l.o.Members, l.o.Holder).Err(); err != nil {
		errs = append(errs, fmt.Errorf("leave live holders: %w", err))
	}
	return errors.Join(errs...)
}
