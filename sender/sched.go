package sender

import (
	"container/heap"
	"iter"
	"time"
)

// The queue's schedule. take must find, among thousands of chats with replies waiting, the lane
// that may go first: it walked every lane on every call, which cost serve a third of its CPU
// once replies backed up (2,700 ads a second from 10,000 chats under wrk, 2026-12-05). Lanes
// with a head and no call in flight now sit in heaps, one per class, kept up to date whenever a
// lane changes (settleLocked), so take looks at the heads of three heaps.
//
// Callback answers (class 0) and replies (class 1) go by when their chat may next get a message
// (readyAt, or when the entry was held if later), then by the order entries were held.
// Broadcasts (class 2) also wait for the broadcast limiter's next slot, the same for all of
// them: every lane ready by that slot goes at the slot, in the order its entry was held
// (ripe, by seq); the others by when they are ready (pending). The slot only moves forward,
// so a lane ripens once.

// laneHeap is a heap of lanes; each lane knows its heap and index: lane.in and lane.hi in the
// heaps of lanes to send, lane.sin and lane.si in the heaps of lanes with spilled replies.
type laneHeap struct {
	ls    []*lane
	less  func(a, b *lane) bool
	spill bool // a heap of lanes with spilled replies
}

func newLaneHeap(less func(a, b *lane) bool) *laneHeap { return &laneHeap{less: less} }

func (h *laneHeap) Len() int           { return len(h.ls) }
func (h *laneHeap) Less(i, j int) bool { return h.less(h.ls[i], h.ls[j]) }
func (h *laneHeap) Swap(i, j int) {
	h.ls[i], h.ls[j] = h.ls[j], h.ls[i]
	h.place(h.ls[i], i)
	h.place(h.ls[j], j)
}

// place records that l is at index i of h (i < 0: in no heap of h's sort).
func (h *laneHeap) place(l *lane, i int) {
	in := h
	if i < 0 {
		in = nil
	}
	if h.spill {
		l.sin, l.si = in, i
	} else {
		l.in, l.hi = in, i
	}
}

func (h *laneHeap) Push(x any) {
	l := x.(*lane)
	h.place(l, len(h.ls))
	h.ls = append(h.ls, l)
}

func (h *laneHeap) Pop() any {
	n := len(h.ls) - 1
	l := h.ls[n]
	h.ls[n] = nil
	h.ls = h.ls[:n]
	h.place(l, -1)
	return l
}

func (h *laneHeap) top() *lane {
	if len(h.ls) == 0 {
		return nil
	}
	return h.ls[0]
}

// byAt orders lanes by when they may go, then by the order their heads were held.
func byAt(a, b *lane) bool { return a.at.Before(b.at) || a.at.Equal(b.at) && a.seq < b.seq }

// bySeq orders lanes by the order their heads were held.
func bySeq(a, b *lane) bool { return a.seq < b.seq }

// bySpilled orders lanes with spilled replies by when their chat may next get a message, then
// by their oldest spilled reply.
func bySpilled(a, b *lane) bool {
	if !a.sat.Equal(b.sat) {
		return a.sat.Before(b.sat)
	}
	return cmpSpill(a.spilled[0], b.spilled[0]) < 0
}

// settleLocked puts lane l where its state says after any change to it: in the heap of its class
// when it has a head and no call in flight, in none otherwise; among the lanes with spilled
// replies or with two replies or more queued; out of q.lanes (keeping only its pace) when it
// holds nothing at all. q.mu is held.
func (q *queue) settleLocked(l *lane) {
	e, class := l.head()
	if e != nil && l.key.callback != "" {
		class = 0
	}
	var want *laneHeap
	if e != nil && !l.busy {
		l.at, l.seq = maxTime(q.readyAt(l.key, l), e.heldAt), e.seq
		switch {
		case class < 2:
			want = q.ready[class]
		case l.at.After(q.slot):
			want = q.bPending
		default:
			want = q.bRipe
		}
	}
	rehome(l, l.in, l.hi, want)
	var wantS *laneHeap
	if len(l.spilled) > 0 {
		l.sat = q.readyAt(l.key, l)
		st := l.spilled[0].stream
		if wantS = q.spillHeaps[st]; wantS == nil {
			wantS = &laneHeap{less: bySpilled, spill: true}
			q.spillHeaps[st] = wantS
		}
	}
	rehome(l, l.sin, l.si, wantS)
	if len(l.replies) >= 2 {
		q.multi[l] = struct{}{}
	} else {
		delete(q.multi, l)
	}
	if e == nil && !l.busy && len(l.spilled) == 0 && q.lanes[l.key] == l {
		q.idleLocked(l.key, l, q.now()) // nothing queued: only its pace is kept
	}
}

// spillingLanes yields every lane with spilled replies: the lanes of the spill heaps. Whoever
// changes a lane it yields stops there, as the change moves lanes in the heaps. q.mu is held.
func (q *queue) spillingLanes() iter.Seq[*lane] {
	return func(yield func(*lane) bool) {
		for _, h := range q.spillHeaps {
			for _, l := range h.ls {
				if !yield(l) {
					return
				}
			}
		}
	}
}

// rehome moves lane l, at index i of heap cur (nil: in none), to heap want (nil: to none), or
// restores want's order after l's key changed when l stays in it.
func rehome(l *lane, cur *laneHeap, i int, want *laneHeap) {
	switch {
	case cur != want:
		if cur != nil {
			heap.Remove(cur, i)
		}
		if want != nil {
			heap.Push(want, l)
		}
	case want != nil:
		heap.Fix(want, i)
	}
}

// ripenLocked moves the broadcast lanes ready by the limiter's slot s to the ripe heap. q.mu is
// held.
func (q *queue) ripenLocked(s time.Time) {
	if !s.After(q.slot) {
		return
	}
	q.slot = s
	for l := q.bPending.top(); l != nil && !l.at.After(s); l = q.bPending.top() {
		heap.Pop(q.bPending)
		heap.Push(q.bRipe, l)
	}
}

// nextLocked is the lane that may go now, or nil and the earliest time one may (zero when none
// waits for a time: only a change can make one ready). Broadcasts are looked at only when
// withBroadcasts. q.mu is held.
func (q *queue) nextLocked(now time.Time, withBroadcasts bool) (*lane, time.Time) {
	var earliest time.Time
	wait := func(at time.Time) {
		if earliest.IsZero() || at.Before(earliest) {
			earliest = at
		}
	}
	for _, h := range q.ready {
		if l := h.top(); l != nil {
			if !l.at.After(now) {
				return l, time.Time{}
			}
			wait(l.at)
		}
	}
	if !withBroadcasts {
		return nil, earliest
	}
	slot := q.lim.nextSlot()
	q.ripenLocked(slot)
	if l := q.bRipe.top(); l != nil {
		if !slot.After(now) {
			return l, time.Time{}
		}
		wait(slot)
	} else if l := q.bPending.top(); l != nil {
		if !l.at.After(now) {
			return l, time.Time{}
		}
		wait(l.at)
	}
	return nil, earliest
}
