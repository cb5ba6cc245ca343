package sender

import (
	"sync"
	"time"
)

// limiter spaces broadcasts at least interval apart (Telegram's ~30 per second for bulk
// notifications) by handing out time slots, and holds them back during a pause. Slots alone are not
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

// nextSlot is the earliest time the next call may start.
func (l *limiter) nextSlot() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maxTime(l.next, l.paused)
}

// pause holds every call back until t (429s from many chats: the bot as a whole is limited).
func (l *limiter) pause(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.paused) {
		l.paused = t
	}
}

// The adaptive slowdown: 429s from waveChats chats within waveWindow halve the calls in flight;
// each raiseEvery without another wave gives back an eighth of the pool.
const (
	waveChats  = 3
	waveWindow = time.Second
	raiseEvery = 10 * time.Second
)

// throttle is the adaptive slowdown of all sending. A 429 carries no scope: one chat's 429 only
// holds that chat back (retry_after), but 429s from several chats at once mean Telegram is
// limiting the bot as a whole, so the number of calls in flight is halved, at most once a
// waveWindow and down to 1, then raised step by step while no new wave comes. Guarded by the
// queue's mutex.
type throttle struct {
	max, limit         int
	recent             []recent429
	lastCut, nextRaise time.Time
}

type recent429 struct {
	chat int64
	at   time.Time
}

// on429 records a 429 for chat at now and reports whether it cut the limit.
func (t *throttle) on429(chat int64, now time.Time) bool {
	kept := t.recent[:0]
	for _, r := range t.recent {
		if now.Sub(r.at) < waveWindow {
			kept = append(kept, r)
		}
	}
	t.recent = append(kept, recent429{chat, now})
	chats := map[int64]bool{}
	for _, r := range t.recent {
		chats[r.chat] = true
	}
	if len(chats) < waveChats || (!t.lastCut.IsZero() && now.Sub(t.lastCut) < waveWindow) {
		return false
	}
	t.limit = max(1, t.limit/2)
	t.lastCut, t.nextRaise = now, now.Add(raiseEvery)
	t.recent = t.recent[:0]
	return true
}

// raise gives back part of the pool when raiseEvery passed without a wave, and returns the
// current limit.
func (t *throttle) raise(now time.Time) int {
	if t.limit < t.max && !now.Before(t.nextRaise) {
		t.limit = min(t.max, t.limit+max(1, t.max/8))
		t.nextRaise = now.Add(raiseEvery)
	}
	return t.limit
}
