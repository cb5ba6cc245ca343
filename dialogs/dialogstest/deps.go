// Package dialogstest builds the real dependencies of the dialogs for tests in other packages:
// the analyser, the bundled sample register and the messages, on a fixed day.
package dialogstest

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// Today is the day the tests run on, so that licence expiry dates give the same answers always.
var Today = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// Deps returns the real analyser, the bundled sample register (imported registerAge before
// Today), the real messages and the bundled directory of help, with the clock on Today.
func Deps(tb testing.TB, registerAge time.Duration) dialogs.Deps {
	tb.Helper()
	a, err := redflags.New(nil, redflags.WithClock(func() time.Time { return Today }))
	if err != nil {
		tb.Fatal(err)
	}
	snap, err := licences.ParseCSV(bytes.NewReader(deploy.SampleRegister), dialogs.SampleSource)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := locales.New()
	if err != nil {
		tb.Fatal(err)
	}
	dir, err := offices.Load("")
	if err != nil {
		tb.Fatal(err)
	}
	return dialogs.Deps{Analyzer: a, Register: licences.NewMemory(snap, Today.Add(-registerAge)), Bundle: b, Now: func() time.Time { return Today }, Offices: dir}
}

// Reports gives the deps a real store of reported scams on an embedded Redis, in which each of
// texts was reported by reporters different users on 2 November 2026, and makes counsellor a
// counsellor. It returns the store.
func Reports(tb testing.TB, d *dialogs.Deps, reporters int, counsellor int64, texts ...string) *indicators.Store {
	tb.Helper()
	// A miniredis whose client carries the slot guard, so that the store's work across cluster
	// slots fails the test.
	rdb := redistest.Miniredis(tb).RDB
	s, err := indicators.NewStore(rdb, []byte("dialogstest indicator key, 32 bytes"), indicators.WithClock(func() time.Time { return Today }))
	if err != nil {
		tb.Fatal(err)
	}
	for i, text := range texts {
		for r := range reporters {
			rep := indicators.Report{Text: text, Reporter: int64(1000 + r), Case: fmt.Sprintf("TSQ-%06d", i*100+r), At: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
			if err := s.Record(context.Background(), rep); err != nil {
				tb.Fatal(err)
			}
		}
	}
	d.Reports = s
	if d.Counsellors == nil {
		d.Counsellors = map[int64]bool{}
	}
	d.Counsellors[counsellor] = true
	return s
}
