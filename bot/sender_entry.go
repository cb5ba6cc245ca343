package bot

import (
	"strconv"
	"strings"
	"time"
)

// entry is one stream entry held by the sender, from the read until its XACK.
type entry struct {
	stream string
	id     string
	kind   Kind // from the stream it came from
	msg    Outgoing
	seq    uint64 // arrival order, for fairness between lanes
	busy   bool   // taken by a worker
}

func (e *entry) callback() bool { return e.msg.CallbackID != "" }

// enqueued is when the entry entered the stream: Outgoing.Enqueued, or the time in its id.
func (e *entry) enqueued() time.Time {
	if !e.msg.Enqueued.IsZero() {
		return e.msg.Enqueued
	}
	return idTime(e.id)
}

func heldKey(stream, id string) string { return stream + " " + id }

// heldIDs lists the ids of stream held by this sender.
func (q *queue) heldIDs(stream string) []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var ids []string
	for _, e := range q.held {
		if e.stream == stream {
			ids = append(ids, e.id)
		}
	}
	return ids
}

// forget drops a queued (not busy) entry that is no longer pending for this consumer: someone
// else acknowledged or took it.
func (q *queue) forget(stream, id string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e := q.held[heldKey(stream, id)]
	if e == nil || e.busy {
		return
	}
	key := laneKey{chat: e.msg.ChatID}
	if e.callback() {
		key = laneKey{callback: heldKey(stream, id)}
	}
	if l := q.lanes[key]; l != nil {
		f := l.fifo(e)
		for i, x := range *f {
			if x == e {
				*f = append((*f)[:i], (*f)[i+1:]...)
				break
			}
		}
	}
	q.unholdLocked(e)
	q.changed()
}

// idLess orders stream ids ("ms-seq").
func idLess(a, b string) bool {
	am, as := splitID(a)
	bm, bs := splitID(b)
	return am < bm || (am == bm && as < bs)
}

func splitID(id string) (ms, seq uint64) {
	m, s, _ := strings.Cut(id, "-")
	ms, _ = strconv.ParseUint(m, 10, 64)
	seq, _ = strconv.ParseUint(s, 10, 64)
	return ms, seq
}

// idTime is the time in a stream id.
func idTime(id string) time.Time {
	ms, _ := splitID(id)
	return time.UnixMilli(int64(ms))
}
