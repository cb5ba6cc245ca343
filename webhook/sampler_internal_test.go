package webhook

import (
	"fmt"
	"testing"
	"time"
)

func TestSamplerPassesOneEventPerIntervalAndCountsTheRest(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s := newSampler(10*time.Second, func() time.Time { return now })
	if n, ok := s.take("401 /telegram/webhook"); !ok || n != 0 {
		t.Fatalf("first event: ok=%v suppressed=%d", ok, n)
	}
	for range 99 {
		if _, ok := s.take("401 /telegram/webhook"); ok {
			t.Fatal("an event inside the interval was let through")
		}
	}
	if _, ok := s.take("404 "); !ok {
		t.Fatal("another key shares the first key's interval")
	}
	now = now.Add(10 * time.Second)
	if n, ok := s.take("401 /telegram/webhook"); !ok || n != 99 {
		t.Fatalf("after the interval: ok=%v suppressed=%d, want true 99", ok, n)
	}
	// No input grows the map past its bound: new keys beyond it share one.
	for i := range 10 * maxSampled {
		s.take(fmt.Sprint("key ", i))
	}
	if len(s.keys) > maxSampled+1 {
		t.Fatalf("%d keys kept, bound is %d", len(s.keys), maxSampled)
	}
}
