package sender

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/outbox"
)

// entry is one stream entry held by the sender, from the read until its XACK.
type entry struct {
	stream string
	id     string
	kind   outbox.Kind // from the stream it came from
	msg    outbox.Outgoing
	seq    uint64        // arrival order, to break ties between lanes
	heldAt time.Time     // when the sender read it
	waited time.Duration // from heldAt until its chat was ready for it (pace, retry_after, backoff)
	busy   bool          // its call is in flight
}

func (e *entry) callback() bool { return e.msg.CallbackID != "" }

// whatsApp says the entry goes to the WhatsApp Cloud API rather than Telegram's Bot API.
func (e *entry) whatsApp() bool { return e.msg.Channel == outbox.ChannelWhatsApp }

// enqueued is when the entry entered the stream: outbox.Outgoing.Enqueued, or the time in its id.
func (e *entry) enqueued() time.Time {
	if !e.msg.Enqueued.IsZero() {
		return e.msg.Enqueued
	}
	return idTime(e.id)
}

func heldKey(stream, id string) string { return stream + " " + id }

// heldIDs lists the ids of stream held or spilled by this sender.
func (q *queue) heldIDs(stream string) []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var ids []string
	for _, e := range q.held {
		if e.stream == stream {
			ids = append(ids, e.id)
		}
	}
	for l := range q.spillingLanes() {
		for _, r := range l.spilled {
			if r.stream == stream {
				ids = append(ids, r.id)
			}
		}
	}
	return ids
}

// forget drops a queued (not busy) or spilled entry that is no longer pending for this
// consumer: someone else acknowledged or took it.
func (q *queue) forget(stream, id string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e := q.held[heldKey(stream, id)]
	if e == nil {
		ref := newSpillRef(stream, id)
		for l := range q.spillingLanes() {
			if i, found := slices.BinarySearchFunc(l.spilled, ref, cmpSpill); found {
				l.spilled = slices.Delete(l.spilled, i, i+1)
				q.spilled--
				q.settleLocked(l)
				return
			}
		}
		return
	}
	if e.busy {
		return
	}
	if l := q.lanes[keyOf(e)]; l != nil {
		f := l.fifo(e)
		if i := slices.Index(*f, e); i >= 0 {
			*f = slices.Delete(*f, i, i+1)
		}
		q.settleLocked(l)
	}
	q.unholdLocked(e)
	q.changed()
}

// cmpID compares stream ids ("ms-seq").
func cmpID(a, b string) int {
	switch {
	case idLess(a, b):
		return -1
	case idLess(b, a):
		return 1
	}
	return 0
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
