package bot

import (
	"sync"
	"time"
)

// limiter spaces all Bot API calls at least interval apart (Telegram's ~30 per second overall)
// by handing out time slots, and holds every call back during a 429 pause.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
	paused   time.Time
}

// reserve returns the slot for one call: not before now, the previous slot plus interval, or
// the end of a pause.
func (l *limiter) reserve(now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := now
	if l.next.After(t) {
		t = l.next
	}
	if l.paused.After(t) {
		t = l.paused
	}
	l.next = t.Add(l.interval)
	return t
}

// pause holds every call back until t (Telegram's 429 may apply to the whole bot).
func (l *limiter) pause(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.paused) {
		l.paused = t
	}
}

func (l *limiter) pausedUntil() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.paused
}
