package bot

import (
	"sync"
	"time"
)

// limiter spaces all Bot API calls at least interval apart (Telegram's ~30 per second overall)
// by handing out time slots, and holds every call back during a 429 pause. Slots alone are not
// enough: a call that wakes late from its slot (a starved goroutine on a busy machine) bunches up
// with the calls after it, and CI saw 32 calls reach the Bot API within one second. So each call
// is also admitted against the times the last n calls really started: never n+1 in a window of
// n×interval (30 in 1.1 s at the default rate).
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
	paused   time.Time
	starts   []time.Time // ring of the last n real start times
	at       int
}

func newLimiter(interval time.Duration, n int) *limiter {
	l := &limiter{interval: interval}
	if interval > 0 && n > 0 {
		l.starts = make([]time.Time, n)
	}
	return l
}

// admit records a call starting at now, or says how much longer it must wait because the last
// n calls started within the window.
func (l *limiter) admit(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.starts) == 0 {
		return 0
	}
	window := time.Duration(len(l.starts)) * l.interval
	if oldest := l.starts[l.at]; !oldest.IsZero() && now.Sub(oldest) < window {
		return oldest.Add(window).Sub(now)
	}
	l.starts[l.at] = now
	l.at = (l.at + 1) % len(l.starts)
	return 0
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
