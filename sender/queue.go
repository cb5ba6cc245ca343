package sender

import (
	"cmp"
	"container/heap"
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tasdeeq/tasdeeq/outbox"
)

// groupGap is the steady gap between two messages to a group: Telegram allows 20 a minute.
const groupGap = 3 * time.Second

// laneKey names a lane: one chat, or one callback answer (callbacks are not ordered per chat).
type laneKey struct {
	chat     int64
	callback string
}

// lane is the ordered work for one chat. Replies go before broadcasts; within each, stream
// order. A busy lane has one call in flight, so one chat never has two.
type lane struct {
	replies, broadcasts []*entry
	// spilled are this chat's replies read from Redis but not held, in stream order: every held
	// reply is older than every spilled one. They stay pending for this consumer and are read
	// again (refill) as the held ones go out. A chat's replies all come from its shard's stream.
	spilled  []spillRef
	busy     bool
	next     time.Time // not before: retry_after, backoff
	tat      time.Time // pacing (GCRA): the chat may get a message from tat - (burst-1)×gap
	failures int

	// Where the schedule keeps the lane (sched.go): its key, the heap it is in (nil when none)
	// and its index there, and the heap's key: when its head may go and the head's seq.
	key laneKey
	in  *laneHeap
	hi  int
	at  time.Time
	seq uint64
	// The heap of lanes whose oldest spilled reply is of the same stream, the index there, and
	// the heap's key: when the chat may next get a message (readyAt, as of the last change).
	sin *laneHeap
	si  int
	sat time.Time
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
	if e.kind == outbox.Broadcast {
		return &l.broadcasts
	}
	return &l.replies
}

// spillRef is a spilled reply: its stream and id, and the id's two numbers, read once (the
// schedule compares spilled ids all the time).
type spillRef struct {
	stream, id string
	ms, n      uint64
}

func newSpillRef(stream, id string) spillRef {
	ms, n := splitID(id)
	return spillRef{stream: stream, id: id, ms: ms, n: n}
}

// cmpSpill orders spilled replies by id (stream order), then stream.
func cmpSpill(a, b spillRef) int {
	switch {
	case a.ms != b.ms:
		return cmp.Compare(a.ms, b.ms)
	case a.n != b.n:
		return cmp.Compare(a.n, b.n)
	}
	return strings.Compare(a.stream, b.stream)
}

// pacing is the per-chat pace and the pool's size.
type pacing struct {
	buffer   int           // entries held at most (callback answers may go a little over)
	gap      time.Duration // steady gap for a private chat; 0: no per-chat pacing
	burst    int           // messages a private chat may get at once
	chatHeld int           // replies held per chat at most
	workers  int           // calls in flight at most (before any 429 slowdown)
}

// queue holds the lanes and hands them out, one call at a time per chat and at most limit calls
// in flight: callback answers first, then replies, then broadcasts (which also wait for the
// broadcast limiter and leave a quarter of the pool to replies); within a class, the lane that
// became ready first goes first, so a chat that keeps writing cannot hold back one that just
// wrote.
type queue struct {
	mu    sync.Mutex
	now   func() time.Time
	lim   *limiter // broadcasts only
	pace  pacing
	lanes map[laneKey]*lane
	// paced keeps the pace of chats whose lane emptied, so that take does not walk thousands of
	// idle lanes on every call (it did: 9% of serve's CPU at 2,000 ads a second); a new lane for
	// the chat starts from it. Entries whose pace has passed are swept once a second.
	paced      map[laneKey]pace
	sweptAt    time.Time
	held       map[string]*entry // stream + " " + id
	broadcasts int               // held broadcast entries
	spilled    int               // spilled reply ids over all lanes
	// closed are the streams of shards no longer read (given back or lost): their entries are
	// neither held nor put back, so that the shard's next owner alone sends them.
	closed map[string]bool
	// The schedule (sched.go): lanes with a head and no call in flight, by class; the broadcast
	// limiter's slot as last seen; lanes with spilled replies, by stream; lanes holding two
	// replies or more.
	ready           [2]*laneHeap
	bPending, bRipe *laneHeap
	slot            time.Time
	spillHeaps      map[string]*laneHeap // by the stream of each lane's oldest spilled reply
	multi           map[*lane]struct{}
	seq             uint64
	wake            context.Context // cancelled on every change
	signal          context.CancelFunc

	inFlight, bInFlight int // calls in flight; of them broadcasts
	throttle            throttle
}

func newQueue(now func() time.Time, lim *limiter, p pacing) *queue {
	q := &queue{now: now, lim: lim, pace: p, lanes: map[laneKey]*lane{}, paced: map[laneKey]pace{}, held: map[string]*entry{}, closed: map[string]bool{},
		ready:    [2]*laneHeap{newLaneHeap(byAt), newLaneHeap(byAt)},
		bPending: newLaneHeap(byAt), bRipe: newLaneHeap(bySeq),
		spillHeaps: map[string]*laneHeap{}, multi: map[*lane]struct{}{}}
	q.throttle = throttle{max: p.workers, limit: p.workers}
	q.wake, q.signal = context.WithCancel(context.Background())
	return q
}

// pace is what an idle lane keeps: its chat's pacing and any retry_after still to honour.
type pace struct{ next, tat time.Time }

// laneLocked returns the lane of key, making it (with the pace its chat kept) when there is none.
// q.mu is held.
func (q *queue) laneLocked(key laneKey) *lane {
	l := q.lanes[key]
	if l == nil {
		l = &lane{key: key, hi: -1, si: -1}
		if p, ok := q.paced[key]; ok {
			l.next, l.tat = p.next, p.tat
			delete(q.paced, key)
		}
		q.lanes[key] = l
	}
	return l
}

// idleLocked takes an idle lane (nothing queued, nothing spilled, no call) out of q.lanes,
// keeping its pace while it still matters. q.mu is held.
func (q *queue) idleLocked(k laneKey, l *lane, now time.Time) {
	delete(q.lanes, k)
	if l.next.After(now) || l.tat.After(now) {
		q.paced[k] = pace{next: l.next, tat: l.tat}
	}
}

// sweepLocked forgets, at most once a second, the kept paces that have passed. q.mu is held.
func (q *queue) sweepLocked(now time.Time) {
	if now.Sub(q.sweptAt) < time.Second {
		return
	}
	q.sweptAt = now
	for k, p := range q.paced {
		if !p.next.After(now) && !p.tat.After(now) {
			delete(q.paced, k)
		}
	}
}

// changed wakes every waiter. q.mu is held.
func (q *queue) changed() {
	q.signal()
	q.wake, q.signal = context.WithCancel(context.Background())
}

// gap is the steady gap and the burst for chat: groups (negative ids) 20 a minute, no burst.
func (q *queue) gap(chat int64) (time.Duration, int) {
	switch {
	case q.pace.gap <= 0:
		return 0, 1
	case chat < 0:
		return max(q.pace.gap, groupGap), 1
	}
	return q.pace.gap, max(q.pace.burst, 1)
}

// readyAt is the earliest time lane k may make its next call.
func (q *queue) readyAt(k laneKey, l *lane) time.Time {
	if k.callback != "" {
		return l.next
	}
	g, b := q.gap(k.chat)
	return maxTime(l.next, l.tat.Add(-time.Duration(b-1)*g))
}

// charge counts a message sent to lane k's chat at t against its pace. q.mu is held.
func (q *queue) charge(k laneKey, l *lane, t time.Time) {
	if g, _ := q.gap(k.chat); g > 0 && k.callback == "" && !t.IsZero() {
		l.tat = maxTime(l.tat, t).Add(g)
	}
}

func keyOf(e *entry) laneKey {
	if e.callback() {
		return laneKey{callback: heldKey(e.stream, e.id)}
	}
	return laneKey{chat: e.msg.ChatID}
}

// add holds e unless it is already held, or spills it (keeps only its id, the entry staying
// pending in Redis): when its chat has older replies spilled, already holds chatHeld replies, or
// already holds one while the buffer is full. A chat that holds nothing takes room from the chat
// holding the most. Each lane stays in stream order even when a claimed older entry arrives after
// newer ones. add reports whether e is now held.
func (q *queue) add(e *entry) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := heldKey(e.stream, e.id)
	if q.held[k] != nil || q.closed[e.stream] {
		return false
	}
	key := keyOf(e)
	l := q.laneLocked(key)
	spillable := e.kind == outbox.Reply && key.callback == ""
	if spillable {
		ref := newSpillRef(e.stream, e.id)
		i, found := slices.BinarySearchFunc(l.spilled, ref, cmpSpill)
		if found {
			q.settleLocked(l)
			return false // read again before its turn: refill brings it in order
		}
		if i > 0 {
			l.spilled = slices.Insert(l.spilled, i, ref)
			q.spilled++
			q.settleLocked(l)
			return false
		}
	}
	q.seq++
	e.seq, e.heldAt = q.seq, q.now()
	q.held[k] = e
	if e.kind == outbox.Broadcast {
		q.broadcasts++
	}
	f := l.fifo(e)
	i := len(*f)
	for i > 0 && idLess(e.id, (*f)[i-1].id) {
		i--
	}
	*f = slices.Insert(*f, i, e)
	held := true
	if spillable {
		full := len(q.held) > q.pace.buffer
		switch {
		case len(*f) > max(q.pace.chatHeld, 1), full && len(*f) > 1:
			held = q.spillLocked(l) != e
		case full:
			if v := q.victimLocked(l); v != nil {
				q.spillLocked(v)
				q.settleLocked(v)
			} else {
				held = q.spillLocked(l) != e
			}
		}
	}
	q.settleLocked(l)
	q.changed()
	return held
}

// spillLocked lets go of lane l's newest queued reply, keeping only its id, and returns it.
func (q *queue) spillLocked(l *lane) *entry {
	last := l.replies[len(l.replies)-1]
	l.replies = l.replies[:len(l.replies)-1]
	q.unholdLocked(last)
	l.spilled = slices.Insert(l.spilled, 0, newSpillRef(last.stream, last.id))
	q.spilled++
	return last
}

// victimLocked is the lane, other than l, holding the most queued replies, at least two; nil if
// none does.
func (q *queue) victimLocked(l *lane) *lane {
	var v *lane
	for x := range q.multi {
		if x != l && len(x.replies) >= 2 && (v == nil || len(x.replies) > len(v.replies)) {
			v = x
		}
	}
	return v
}

// spilledRef is a spilled reply taken out of its lane to be read again.
type spilledRef struct {
	chat int64
	id   string
}

// refillAhead is how far ahead a refill looks. It reads back the spilled replies of the chats
// that may get a message within it, as many as each may get by then, so that the replies held
// are the ones that can go. Reading back by age alone filled the buffer with the replies of
// chats that had just been sent one and had to wait their pace: with replies backed up in
// 10,000 chats, 1,024 held replies went out at about 700 a second, with the pool idle.
const refillAhead = 100 * time.Millisecond

// roomLocked is how many more replies lane l may hold when its chat is looked at by t: as many
// as it may get by then (its burst, less what its pace has used), at most chatHeld, less those
// it holds and the one in flight. q.mu is held.
func (q *queue) roomLocked(l *lane, t time.Time) int {
	if l.next.After(t) {
		return 0
	}
	n := q.pace.chatHeld
	if g, b := q.gap(l.key.chat); g > 0 {
		used := 0
		if d := l.tat.Sub(t); d > 0 {
			used = int((d + g - 1) / g)
		}
		n = min(n, b-used)
	}
	n -= len(l.replies)
	if l.busy {
		n--
	}
	return n
}

// popSpilled takes up to n spilled ids of stream, from the chats that may get a message within
// refillAhead, the chat that may go first first (then the one whose oldest spilled reply is
// oldest), from each as many as it has room for. The caller reads them (XCLAIM) and adds them
// back, or puts them back with respill on failure.
func (q *queue) popSpilled(n int, stream string) []spilledRef {
	q.mu.Lock()
	defer q.mu.Unlock()
	h := q.spillHeaps[stream]
	if h == nil {
		return nil
	}
	t := q.now().Add(refillAhead)
	// Each lane is looked at once: the ones taken from, and those with no room, leave the heap
	// until all is done, then settle back in by what they still hold. A lane with no room holds
	// a reply that can go, so at most as many are looked at as replies are held.
	var seen []*lane
	var out []spilledRef
	for len(out) < n && h.Len() > 0 && !h.top().sat.After(t) {
		l := heap.Pop(h).(*lane)
		seen = append(seen, l)
		room := min(q.roomLocked(l, t), len(l.spilled), n-len(out))
		took := 0
		for _, r := range l.spilled[:max(room, 0)] {
			if r.stream != stream {
				break
			}
			out = append(out, spilledRef{chat: l.key.chat, id: r.id})
			took++
		}
		l.spilled = l.spilled[took:]
		q.spilled -= took
	}
	for _, l := range seen {
		q.settleLocked(l)
	}
	return out
}

// spills says whether replies of stream are spilled.
func (q *queue) spills(stream string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	h := q.spillHeaps[stream]
	return h != nil && h.Len() > 0
}

// respill puts back ids of stream popSpilled took when reading them failed.
func (q *queue) respill(stream string, refs []spilledRef) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed[stream] {
		return
	}
	for _, r := range refs {
		l := q.laneLocked(laneKey{chat: r.chat})
		ref := newSpillRef(stream, r.id)
		if i, found := slices.BinarySearchFunc(l.spilled, ref, cmpSpill); !found {
			l.spilled = slices.Insert(l.spilled, i, ref)
			q.spilled++
		}
		q.settleLocked(l)
	}
}

// counts returns how many entries are held, how many of them are broadcasts, and how many
// replies are spilled.
func (q *queue) counts() (all, broadcasts, spilled int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.held), q.broadcasts, q.spilled
}

// close stops holding entries of streams (a shard no longer read): it drops their queued
// entries and spilled ids (they stay pending in Redis, for the shard's next owner), and from
// now on add refuses them and putBack forgets them. Entries in flight finish; heldIn counts
// them until then.
func (q *queue) close(streams ...string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, st := range streams {
		q.closed[st] = true
	}
	for _, l := range q.lanes {
		for _, f := range []*[]*entry{&l.replies, &l.broadcasts} {
			kept := (*f)[:0]
			for _, e := range *f {
				if q.closed[e.stream] {
					q.unholdLocked(e)
				} else {
					kept = append(kept, e)
				}
			}
			clear((*f)[len(kept):])
			*f = kept
		}
		kept := l.spilled[:0]
		for _, r := range l.spilled {
			if !q.closed[r.stream] {
				kept = append(kept, r)
			}
		}
		q.spilled -= len(l.spilled) - len(kept)
		l.spilled = kept
		q.settleLocked(l)
	}
	q.changed()
}

// isClosed says whether stream's shard is no longer read.
func (q *queue) isClosed(stream string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.closed[stream]
}

// open holds entries of streams again (their shard is read again).
func (q *queue) open(streams ...string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, st := range streams {
		delete(q.closed, st)
	}
}

// heldIn counts the entries of streams held (queued or in flight).
func (q *queue) heldIn(streams ...string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, e := range q.held {
		if slices.Contains(streams, e.stream) {
			n++
		}
	}
	return n
}

// take blocks until a lane is ready and the pool has room, and returns the lane (now busy) with
// its head entry, or nil when ctx is done. e.waited is how long the entry waited for its chat.
func (q *queue) take(ctx context.Context, sleep func(context.Context, time.Duration) error) (*lane, *entry) {
	for {
		q.mu.Lock()
		if ctx.Err() != nil {
			q.mu.Unlock()
			return nil, nil
		}
		now := q.now()
		q.sweepLocked(now)
		limit := q.throttle.raise(now)
		var best *lane
		var earliest time.Time
		if q.inFlight >= limit {
			if limit < q.throttle.max {
				earliest = q.throttle.nextRaise
			}
		} else {
			// Broadcasts leave a quarter of the pool to replies; when they fill their part, a
			// call finishing wakes us.
			best, earliest = q.nextLocked(now, q.bInFlight < max(1, limit*3/4))
		}
		if best != nil {
			bestE, _ := best.head()
			best.busy, bestE.busy = true, true
			f := best.fifo(bestE)
			*f = (*f)[1:]
			q.settleLocked(best)
			bestE.waited = max(q.readyAt(keyOf(bestE), best).Sub(bestE.heldAt), 0)
			q.inFlight++
			if bestE.kind == outbox.Broadcast {
				q.bInFlight++
				q.lim.reserve(now)
			}
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

// done ends the call of a taken entry. q.mu is held.
func (q *queue) doneLocked(l *lane, e *entry) {
	q.inFlight--
	if e.kind == outbox.Broadcast {
		q.bInFlight--
	}
	l.busy = false
	q.settleLocked(l)
	q.changed()
}

// putBack returns a taken entry to the front of its lane, not to be tried before at; sent, when
// set, is when a call for it was made, which counts against the chat's pace.
func (q *queue) putBack(l *lane, e *entry, at, sent time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e.busy = false
	if q.closed[e.stream] { // its shard was given back: the next owner sends it
		q.unholdLocked(e)
	} else {
		f := l.fifo(e)
		*f = append([]*entry{e}, *f...)
	}
	if at.After(l.next) {
		l.next = at
	}
	q.charge(keyOf(e), l, sent)
	q.doneLocked(l, e)
}

// failed counts a failed attempt on the lane and returns how many failed in a row.
func (q *queue) failed(l *lane) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	l.failures++
	return l.failures
}

// finish releases the lane after e was delivered or dropped (and acknowledged); sent, when set,
// is when its call was made, which counts against the chat's pace.
func (q *queue) finish(l *lane, e *entry, sent time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.unholdLocked(e)
	q.charge(keyOf(e), l, sent)
	l.failures = 0
	q.doneLocked(l, e)
}

// drain removes every queued entry of a busy lane enqueued at or before t, for the caller to
// drop; they stay held until release. Spilled replies are read again later and dropped then.
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
	q.settleLocked(l)
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
		if e.kind == outbox.Broadcast {
			q.broadcasts--
		}
	}
}

// calls returns the calls in flight and the slowdown factor (the pool's size over its current
// limit).
func (q *queue) calls() (inFlight int, slowdown float64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.inFlight, float64(q.throttle.max) / float64(q.throttle.limit)
}

// on429 records a 429 for chat; see throttle.
func (q *queue) on429(chat int64, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.throttle.on429(chat, now)
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
