package bot

import (
	"testing"
	"time"
)

// TestUsageTurnsWithTheMinuteAndTheDay: the counters of another minute or day count nothing.
func TestUsageTurnsWithTheMinuteAndTheDay(t *testing.T) {
	now := time.Date(2026, 12, 1, 23, 59, 30, 0, time.UTC)
	stored := "202612012359 7 3 20261201 40"
	for _, c := range []struct {
		name   string
		stored string
		at     time.Time
		want   usage
	}{
		{"same minute", stored, now, usage{"202612012359", "20261201", 7, 3, 40}},
		{"next minute, same day", "202612012358 7 3 20261201 40", now, usage{"202612012359", "20261201", 0, 0, 40}},
		{"next day", stored, now.Add(time.Minute), usage{"202612020000", "20261202", 0, 0, 0}},
		{"nothing stored", "", now, usage{"202612012359", "20261201", 0, 0, 0}},
		{"unreadable", "12 x", now, usage{"202612012359", "20261201", 0, 0, 0}},
	} {
		if got := parseUsage(c.stored, c.at); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
