package webhook

import (
	"sync"
	"time"
)

// rejectLogEvery is how often a refused request of one kind (status and route) is logged.
const rejectLogEvery = 10 * time.Second

// maxSampled bounds the sampler's memory: keys are status and route pattern, a handful in
// practice, but a bound means no input can grow the map.
const maxSampled = 256

// sampler lets through one event per key every interval and counts those it held back, so the
// next line can say how many were left out.
type sampler struct {
	every time.Duration
	now   func() time.Time
	mu    sync.Mutex
	keys  map[string]*sampled
}

type sampled struct {
	last       time.Time
	suppressed int
}

func newSampler(every time.Duration, now func() time.Time) *sampler {
	return &sampler{every: every, now: now, keys: map[string]*sampled{}}
}

// take reports whether an event of key should be logged now, and how many events of key were
// held back since the last one that was.
func (s *sampler) take(key string) (suppressed int, ok bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.keys[key]
	if e == nil && len(s.keys) >= maxSampled {
		key = "other"
		e = s.keys[key]
	}
	if e == nil {
		s.keys[key] = &sampled{last: now}
		return 0, true
	}
	if now.Sub(e.last) < s.every {
		e.suppressed++
		return 0, false
	}
	suppressed = e.suppressed
	e.last, e.suppressed = now, 0
	return suppressed, true
}

// allow is take without the count.
func (s *sampler) allow(key string) bool {
	_, ok := s.take(key)
	return ok
}
