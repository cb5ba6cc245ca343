package sender

import (
	"sync"
	"time"
)

// blockMemory remembers the 403s this sender got, so that a reply needs no read of its chat's
// blocked mark in Redis before its call: that read was a round trip for every message sent, about
// 5% of serve's CPU under load. The memory is enough for a reply only when no one else can have
// marked its chat blocked after the reply was queued. A chat's messages are sent by the one sender
// that holds its shard's lease, so that holds for a reply queued after this sender began to read
// the shard plus a margin (a sender that lost the lease may not notice at once, and its calls in
// flight finish: its 403s can come that much later), and for a reply queued after the last 403 the
// memory let go of. Other replies, and every broadcast, read the mark.
type blockMemory struct {
	mu sync.Mutex
	// at is when each chat's 403 came (this sender's clock).
	at map[int64]time.Time
	// from is, by replies stream, from when a reply queued is known to the memory.
	from map[string]time.Time
	// forgot is the latest 403 the memory let go of; prunedAt when it last let go.
	forgot, prunedAt time.Time
}

// blockKeep is how long the memory keeps a 403: replies queued before it are seldom still
// waiting an hour later, and those that are read the mark.
const blockKeep = time.Hour

func newBlockMemory() *blockMemory {
	return &blockMemory{at: map[int64]time.Time{}, from: map[string]time.Time{}}
}

// own records that this sender reads stream from now on: replies queued from from on are known
// to the memory.
func (m *blockMemory) own(stream string, from time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.from[stream] = from
}

// lookup returns, for a reply of stream to chat queued at queued, when the chat was marked
// blocked and whether it is, and whether the memory knows (if not, the mark must be read).
func (m *blockMemory) lookup(stream string, chat int64, queued time.Time) (since time.Time, blocked, known bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	from, ok := m.from[stream]
	if !ok || !queued.After(from) || !queued.After(m.forgot) {
		return time.Time{}, false, false
	}
	since, blocked = m.at[chat]
	return since, blocked, true
}

// mark records a 403 for chat at at, and lets go of the 403s older than blockKeep (at most once
// a minute).
func (m *blockMemory) mark(chat int64, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at[chat] = at
	if at.Sub(m.prunedAt) < time.Minute {
		return
	}
	m.prunedAt = at
	for c, t := range m.at {
		if at.Sub(t) > blockKeep {
			delete(m.at, c)
			if t.After(m.forgot) {
				m.forgot = t
			}
		}
	}
}

// unmark forgets chat's 403: a message to it went through.
func (m *blockMemory) unmark(chat int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.at, chat)
}
