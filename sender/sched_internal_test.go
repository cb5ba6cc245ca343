package sender

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/outbox"
)

// walkNext is the schedule's definition, as take computed it before the heaps: walk every lane,
// skip busy and empty ones, and among those ready now take the lowest class, then the earliest
// (readyAt, the broadcast slot for broadcasts, and when the head was held), then the head held
// first; the earliest time a lane may go when none may now.
func walkNext(q *queue, now time.Time, withBroadcasts bool) (*lane, time.Time) {
	var best *lane
	var bestE *entry
	var bestAt, earliest time.Time
	bestClass := 3
	for k, l := range q.lanes {
		if l.busy {
			continue
		}
		e, class := l.head()
		if e == nil {
			continue
		}
		if k.callback != "" {
			class = 0
		}
		at := q.readyAt(k, l)
		if class == 2 {
			if !withBroadcasts {
				continue
			}
			at = maxTime(at, q.lim.nextSlot())
		}
		if at.After(now) {
			if earliest.IsZero() || at.Before(earliest) {
				earliest = at
			}
			continue
		}
		at = maxTime(at, e.heldAt)
		if class < bestClass || (class == bestClass && (at.Before(bestAt) || at.Equal(bestAt) && e.seq < bestE.seq)) {
			best, bestE, bestAt, bestClass = l, e, at, class
		}
	}
	if best != nil {
		return best, time.Time{}
	}
	return nil, earliest
}

// TestScheduleIsTheWalk drives a queue through random adds (replies, broadcasts and callback
// answers for a few dozen chats, some groups), takes, deliveries, retries with retry_after,
// spills and refills, and checks before every take that the heaps choose what walking every lane
// chooses, and that every lane is where settleLocked says it belongs.
func TestScheduleIsTheWalk(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			now := time.Unix(1_700_000_000, 0)
			q := newQueue(func() time.Time { return now }, newLimiter(100*time.Millisecond, 3),
				pacing{buffer: 40, gap: time.Second, burst: 3, chatHeld: 4, workers: 6})
			type taken struct {
				l *lane
				e *entry
			}
			var inFlight []taken
			id := 0
			maxSpilled, ripe, drained := 0, 0, false
			for step := range 3000 {
				switch op := rng.IntN(10); {
				case op < 2 || step < 300 && op < 6:
					id++
					chat := int64(rng.IntN(40) + 1)
					if rng.IntN(8) == 0 {
						chat = -chat
					}
					// A chat's replies come from its shard's stream: two shards here.
					kind, stream, msg := outbox.Reply, fmt.Sprint("r", chat&1), outbox.Outgoing{ChatID: chat}
					switch rng.IntN(6) {
					case 0:
						kind, stream = outbox.Broadcast, "b"
					case 1:
						msg.CallbackID = fmt.Sprint("cb", id)
					}
					q.add(&entry{stream: stream, id: fmt.Sprintf("%d-%d", 1_700_000_000_000+int64(id), 0), kind: kind, msg: msg})
				case op < 3:
					now = now.Add(time.Duration(rng.IntN(700)) * time.Millisecond)
				case op < 7:
					q.mu.Lock()
					limit := q.throttle.raise(now)
					if q.inFlight < limit {
						withB := q.bInFlight < max(1, limit*3/4)
						want, wantAt := walkNext(q, now, withB)
						got, gotAt := q.nextLocked(now, withB)
						if got != want || !gotAt.Equal(wantAt) {
							q.mu.Unlock()
							t.Fatalf("step %d: heaps chose %v (%v), the walk %v (%v)", step, got, gotAt, want, wantAt)
						}
					}
					q.mu.Unlock()
					for range 3 {
						if l, e := q.takeNow(now); l != nil {
							inFlight = append(inFlight, taken{l, e})
						}
					}
				case op < 9:
					for range min(3, len(inFlight)) {
						i := rng.IntN(len(inFlight))
						tk := inFlight[i]
						inFlight = append(inFlight[:i], inFlight[i+1:]...)
						if rng.IntN(6) == 0 {
							q.putBack(tk.l, tk.e, now.Add(time.Duration(rng.IntN(3))*time.Second), now)
						} else {
							q.finish(tk.l, tk.e, now)
						}
					}
				default:
					n, stream := rng.IntN(5)+1, fmt.Sprint("r", rng.IntN(2))
					want := walkSpilled(q, n, stream)
					got := q.popSpilled(n, stream)
					if !slices.Equal(got, want) {
						t.Fatalf("step %d: popSpilled took %v, the walk %v", step, got, want)
					}
					for _, r := range got {
						id++
						q.add(&entry{stream: stream, id: r.id, kind: outbox.Reply, msg: outbox.Outgoing{ChatID: r.chat}})
					}
				}
				q.checkSettled(t, step)
				_, _, sp := q.counts()
				if maxSpilled = max(maxSpilled, sp); maxSpilled > 0 && sp == 0 {
					drained = true
				}
				if q.bRipe.Len() > 0 {
					ripe++
				}
			}
			// The walk above is worth something only if the queue went through the states that
			// matter: replies spilled and read back until none were left, broadcasts ripe.
			if maxSpilled < 10 || !drained || ripe < 100 {
				t.Errorf("spilled at most %d, drained %v, %d steps with ripe broadcasts", maxSpilled, drained, ripe)
			}
		})
	}
}

// walkSpilled is what popSpilled takes, computed without the heaps and without taking it: walk
// every lane, keep those whose oldest spilled reply is of stream and whose chat may get a message
// within refillAhead, the one that may go first first (then by oldest spilled reply), and take
// from each as many as it may get by then, less what it holds.
func walkSpilled(q *queue, n int, stream string) []spilledRef {
	q.mu.Lock()
	defer q.mu.Unlock()
	t := q.now().Add(refillAhead)
	var cs []*lane
	for _, l := range q.lanes {
		if len(l.spilled) > 0 && l.spilled[0].stream == stream && !q.readyAt(l.key, l).After(t) {
			cs = append(cs, l)
		}
	}
	slices.SortFunc(cs, func(a, b *lane) int {
		if c := q.readyAt(a.key, a).Compare(q.readyAt(b.key, b)); c != 0 {
			return c
		}
		return cmpSpill(a.spilled[0], b.spilled[0])
	})
	var out []spilledRef
	for _, l := range cs {
		// As many as the chat may get by t: its burst less what its pace has used.
		may := q.pace.chatHeld
		if g, b := q.gap(l.key.chat); g > 0 {
			used := 0
			for at := l.tat; at.After(t); at = at.Add(-g) {
				used++
			}
			may = min(may, b-used)
		}
		if l.busy {
			may--
		}
		room := min(may-len(l.replies), len(l.spilled), n-len(out))
		for _, r := range l.spilled[:max(room, 0)] {
			if r.stream != stream {
				break
			}
			out = append(out, spilledRef{chat: l.key.chat, id: r.id})
		}
		if len(out) >= n {
			break
		}
	}
	return out
}

// takeNow is take without waiting: the lane that may go now, made busy, or nil.
func (q *queue) takeNow(now time.Time) (*lane, *entry) {
	q.mu.Lock()
	limit := q.throttle.raise(now)
	if q.inFlight >= limit {
		q.mu.Unlock()
		return nil, nil
	}
	l, _ := q.nextLocked(now, q.bInFlight < max(1, limit*3/4))
	q.mu.Unlock()
	if l == nil {
		return nil, nil
	}
	ctx, cancel := contextDone()
	defer cancel()
	return q.take(ctx, nil)
}

// checkSettled checks every lane is where settleLocked puts it.
func (q *queue) checkSettled(t *testing.T, step int) {
	t.Helper()
	q.mu.Lock()
	defer q.mu.Unlock()
	inHeaps := 0
	for _, h := range []*laneHeap{q.ready[0], q.ready[1], q.bPending, q.bRipe} {
		inHeaps += h.Len()
		for i, l := range h.ls {
			if l.in != h || l.hi != i || q.lanes[l.key] != l || l.busy {
				t.Fatalf("step %d: lane %v misplaced in a heap", step, l.key)
			}
			if i > 0 && h.less(l, h.ls[(i-1)/2]) {
				t.Fatalf("step %d: heap order broken at %d", step, i)
			}
		}
	}
	want, spilled := 0, 0
	for k, l := range q.lanes {
		if e, _ := l.head(); e != nil && !l.busy {
			want++
			if l.in == nil {
				t.Fatalf("step %d: lane %v has a head and is in no heap", step, k)
			}
		} else if !l.busy && e == nil && len(l.spilled) == 0 {
			t.Fatalf("step %d: idle lane %v kept", step, k)
		}
		if (len(l.spilled) > 0) != (l.sin != nil) {
			t.Fatalf("step %d: lane %v in a spill heap %v with %d spilled", step, k, l.sin != nil, len(l.spilled))
		}
		if len(l.spilled) > 0 {
			spilled++
		}
	}
	spilling := 0
	for st, h := range q.spillHeaps {
		spilling += h.Len()
		for i, l := range h.ls {
			if l.sin != h || l.si != i || len(l.spilled) == 0 || l.spilled[0].stream != st || q.lanes[l.key] != l {
				t.Fatalf("step %d: lane %v misplaced in a spill heap", step, l.key)
			}
			if i > 0 && h.less(l, h.ls[(i-1)/2]) {
				t.Fatalf("step %d: spill heap order broken at %d", step, i)
			}
		}
	}
	if spilling != spilled {
		t.Fatalf("step %d: %d lanes in spill heaps, %d with spilled replies", step, spilling, spilled)
	}
	if inHeaps != want {
		t.Fatalf("step %d: %d lanes in heaps, %d with a head", step, inHeaps, want)
	}
}

// contextDone is a context that is not cancelled, for a take that finds its lane at once.
func contextDone() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// BenchmarkSchedule measures choosing the next lane with replies waiting in many chats: the
// heaps against the walk over every lane they replaced. Each op chooses, takes and finishes
// one reply and holds a new one for the same chat, so the backlog stays the same.
func BenchmarkSchedule(b *testing.B) {
	for _, chats := range []int{100, 1000, 10000} {
		for _, how := range []string{"heaps", "walk"} {
			b.Run(fmt.Sprintf("%s/%d", how, chats), func(b *testing.B) {
				now := time.Unix(1_700_000_000, 0)
				q := newQueue(func() time.Time { return now }, newLimiter(time.Second/30, 30),
					pacing{buffer: 4 * chats, gap: 0, burst: 1, chatHeld: 4, workers: 32})
				id := 0
				add := func(chat int64) {
					id++
					q.add(&entry{stream: "r", id: fmt.Sprintf("%d-0", 1_700_000_000_000+int64(id)), kind: outbox.Reply, msg: outbox.Outgoing{ChatID: chat}})
				}
				for c := range chats {
					add(int64(c + 1))
					add(int64(c + 1))
				}
				b.ResetTimer()
				for range b.N {
					q.mu.Lock()
					var l *lane
					if how == "heaps" {
						l, _ = q.nextLocked(now, true)
					} else {
						l, _ = walkNext(q, now, true)
					}
					e, _ := l.head()
					l.busy, e.busy = true, true
					*l.fifo(e) = (*l.fifo(e))[1:]
					q.settleLocked(l)
					q.inFlight++
					q.mu.Unlock()
					q.finish(l, e, now)
					add(l.key.chat)
				}
			})
		}
	}
}

// TestRefillTakesWhatCanGo checks that spilled replies are read back for the chats that may get
// a message now, as many as each may get, and not for a chat that has just been sent one and
// must wait its pace: reading back by age alone filled the buffer with replies that could not go
// while other chats' replies, which could, stayed in Redis.
func TestRefillTakesWhatCanGo(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	q := newQueue(func() time.Time { return now }, newLimiter(time.Second, 1),
		pacing{buffer: 2, gap: time.Second, burst: 1, chatHeld: 8, workers: 4})
	reply := func(id int, chat int64) *entry {
		return &entry{stream: "r", id: fmt.Sprintf("%d-0", 1_700_000_000_000+id), kind: outbox.Reply, msg: outbox.Outgoing{ChatID: chat}}
	}
	// Chat 1 writes three times, chat 2 and chat 3 once: the buffer holds two replies, chat 1's
	// first and chat 2's; chat 1's later ones and chat 3's are spilled.
	for i, chat := range []int64{1, 1, 1, 2, 3} {
		q.add(reply(i+1, chat))
	}
	if all, _, spilled := q.counts(); all != 2 || spilled != 3 {
		t.Fatalf("held %d, spilled %d; want 2 and 3", all, spilled)
	}
	for range 2 {
		l, e := q.takeNow(now)
		if l == nil {
			t.Fatal("nothing to take")
		}
		q.finish(l, e, now)
	}
	// Chats 1 and 2 were just sent a message and wait a second; chat 3 may go now.
	got := q.popSpilled(4, "r")
	if want := []spilledRef{{chat: 3, id: reply(5, 3).id}}; !slices.Equal(got, want) {
		t.Fatalf("refill took %v; want %v (chat 3's reply only)", got, want)
	}
	now = now.Add(time.Second)
	got = q.popSpilled(4, "r")
	if want := []spilledRef{{chat: 1, id: reply(2, 1).id}}; !slices.Equal(got, want) {
		t.Fatalf("a second later refill took %v; want %v (chat 1's next reply only: one a second)", got, want)
	}
}
