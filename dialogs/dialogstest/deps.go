// Package dialogstest builds the real dependencies of the dialogs for tests in other packages:
// the analyser, the bundled sample register and the messages, on a fixed day.
package dialogstest

import (
	"bytes"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// Today is the day the tests run on, so that licence expiry dates give the same answers always.
var Today = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// Deps returns the real analyser, the bundled sample register (imported registerAge before
// Today) and the real messages, with the clock on Today.
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
	return dialogs.Deps{Analyzer: a, Register: licences.NewMemory(snap, Today.Add(-registerAge)), Bundle: b, Now: func() time.Time { return Today }}
}
