package bot

import (
	"context"
	"sync"
	"time"
)

// laneKey names a lane: one chat, or one callback answer (callbacks are not ordered per chat).
type laneKey struct {
	chat     int64
	callback string
}

// lane is the ordered work for one chat. Replies go before broadcasts; within each, stream
// order. A busy lane belongs to one worker, so one chat never has two calls in flight.
type lane struct {
	replies, broadcasts []*entry
	busy                bool
	next                time.Time // not before: per-chat gap, retry_after, backoff
	failures            int
}

func (l *lane) head() (*entry, int) {
	switch {
	case len(l.replies) > 0:
		return l.replies[0], 1
	case len(l.broadcasts) > 0:
		return l.broadcasts[0], 2
	}
	return nil, 0
}

func (l *lane) fifo(e *entry) *[]*entry {
	if e.kind == Broadcast {
		return &l.broadcasts
	}
	return &l.replies
}

// queue holds the lanes and hands them to workers: callback answers first, then replies, then
// broadcasts, oldest first within a class; a lane waits until its next time and the global pause.
type queue struct {
	mu         sync.Mutex
	now        func() time.Time
	lim        *limiter
	lanes      map[laneKey]*lane
	held       map[string]*entry // stream + " " + id
	broadcasts int               // held broadcast entries
	seq        uint64
	wake       context.Context // cancelled on every change
	signal     context.CancelFunc
}

func newQueue(now func() time.Time, lim *limiter) *queue {
	q := &queue{now: now, lim: lim, lanes: map[laneKey]*lane{}, held: map[string]*entry{}}
	q.wake, q.signal = context.WithCancel(context.Background())
	return q
}

// changed wakes every waiter. q.mu is held.
func (q *queue) changed() {
	q.signal()
	q.wake, q.signal = context.WithCancel(context.Background())
}

// add queues e unless it is already held; it keeps each lane in stream order even when a claimed
// older entry arrives after newer ones.
func (q *queue) add(e *entry) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := heldKey(e.stream, e.id)
	if q.held[k] != nil {
		return false
	}
	q.held[k] = e
	if e.kind == Broadcast {
		q.broadcasts++
	}
	q.seq++
	e.seq = q.seq
	key := laneKey{chat: e.msg.ChatID}
	if e.callback() {
		key = laneKey{callback: k}
	}
	l := q.lanes[key]
	if l == nil {
		l = &lane{}
		q.lanes[key] = l
	}
	f := l.fifo(e)
	i := len(*f)
	for i > 0 && idLess(e.id, (*f)[i-1].id) {
		i--
	}
	*f = append(*f, nil)
	copy((*f)[i+1:], (*f)[i:])
	(*f)[i] = e
	q.changed()
	return true
}

// counts returns how many entries are held, and how many of them are broadcasts.
func (q *queue) counts() (all, broadcasts int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.held), q.broadcasts
}

// take blocks until a lane is ready and returns it (now busy) with its head entry, or nil when
// ctx is done.
func (q *queue) take(ctx context.Context, sleep func(context.Context, time.Duration) error) (*lane, *entry) {
	for {
		q.mu.Lock()
		if ctx.Err() != nil {
			q.mu.Unlock()
			return nil, nil
		}
		now, pause := q.now(), q.lim.pausedUntil()
		var best *lane
		var bestE *entry
		bestClass := 3
		var earliest time.Time
		for k, l := range q.lanes {
			if l.busy {
				continue
			}
			e, class := l.head()
			if e == nil {
				if !l.next.After(now) {
					delete(q.lanes, k) // nothing queued and no gap left to keep
				}
				continue
			}
			if k.callback != "" {
				class = 0
			}
			at := l.next
			if pause.After(at) {
				at = pause
			}
			if at.After(now) {
				if earliest.IsZero() || at.Before(earliest) {
					earliest = at
				}
				continue
			}
			if class < bestClass || (class == bestClass && e.seq < bestE.seq) {
				best, bestE, bestClass = l, e, class
			}
		}
		if best != nil {
			best.busy, bestE.busy = true, true
			f := best.fifo(bestE)
			*f = (*f)[1:]
			q.mu.Unlock()
			return best, bestE
		}
		wake := q.wake
		q.mu.Unlock()
		if earliest.IsZero() {
			select {
			case <-ctx.Done():
			case <-wake.Done():
			}
			continue
		}
		sctx, cancel := context.WithCancel(ctx)
		stop := context.AfterFunc(wake, cancel)
		_ = sleep(sctx, earliest.Sub(now))
		stop()
		cancel()
	}
}

// putBack returns a taken entry to the front of its lane, not to be tried before at.
func (q *queue) putBack(l *lane, e *entry, at time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	f := l.fifo(e)
	*f = append([]*entry{e}, *f...)
	e.busy = false
	if at.After(l.next) {
		l.next = at
	}
	l.busy = false
	q.changed()
}

// failed counts a failed attempt on the lane and returns how many failed in a row.
func (q *queue) failed(l *lane) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	l.failures++
	return l.failures
}

// finish releases the lane after e was delivered or dropped (and acknowledged); next is the
// earliest time for the lane's next message.
func (q *queue) finish(l *lane, e *entry, next time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.unholdLocked(e)
	if next.After(l.next) {
		l.next = next
	}
	l.failures = 0
	l.busy = false
	q.changed()
}

// drain removes every queued entry of a busy lane enqueued at or before t, for the caller to
// drop; they stay held until release.
func (q *queue) drain(l *lane, t time.Time) []*entry {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []*entry
	for _, f := range []*[]*entry{&l.replies, &l.broadcasts} {
		kept := (*f)[:0]
		for _, e := range *f {
			if e.enqueued().After(t) {
				kept = append(kept, e)
			} else {
				out = append(out, e)
			}
		}
		*f = kept
	}
	return out
}

// release forgets entries that were acknowledged outside a lane.
func (q *queue) release(es ...*entry) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, e := range es {
		q.unholdLocked(e)
	}
	q.changed()
}

func (q *queue) unholdLocked(e *entry) {
	k := heldKey(e.stream, e.id)
	if q.held[k] == e {
		delete(q.held, k)
		if e.kind == Broadcast {
			q.broadcasts--
		}
	}
}

// waitChange waits until the queue changes, d passes or ctx is done.
func (q *queue) waitChange(ctx context.Context, d time.Duration) {
	q.mu.Lock()
	wake := q.wake
	q.mu.Unlock()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-wake.Done():
	case <-t.C:
	}
}
