// Package rtltest checks, with GNU FriBidi (the reference-grade implementation of the Unicode
// bidirectional algorithm that phones follow), that numbers in replies are shown in the order
// they were written.
package rtltest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/rtl"
)

// numberRun is what must read left to right: digits (ASCII, Urdu, Arabic) in groups joined by
// separators or single spaces, with attached Latin letters (0848/LHR, 25k), and commands.
var numberRun = regexp.MustCompile(`[+]?[0-9۰-۹٠-٩]+(?:(?:[-/.,:]|\s)?[0-9۰-۹٠-٩A-Za-z]+)*|(?:^|\s)/[a-z]+`)

// Violation is a number shown in another order than written.
type Violation struct {
	Line, Visual, Number string
}

func (v Violation) String() string {
	return fmt.Sprintf("%q is shown out of order in line %q (displayed: %q)", v.Number, v.Line, v.Visual)
}

// ErrNoFriBidi is returned when the fribidi command is not installed.
var ErrNoFriBidi = errors.New("fribidi is not installed (Debian package libfribidi-bin)")

// Check renders each line with FriBidi, the paragraph direction taken from the line's first
// strong character as a phone does, and returns every number whose displayed characters are not
// in the order written. checked counts the numbers of more than one group (those that can come
// out reversed).
func Check(lines []string) (checked int, bad []Violation, err error) {
	path, err := exec.LookPath("fribidi")
	if err != nil {
		return 0, nil, ErrNoFriBidi
	}
	var in bytes.Buffer
	var kept []string
	for _, l := range lines {
		for _, line := range strings.Split(l, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			kept = append(kept, line)
			in.WriteString(line)
			in.WriteByte('\n')
		}
	}
	if len(kept) == 0 {
		return 0, nil, nil
	}
	cmd := exec.Command(path, "--nopad", "--nobreak", "--charset", "UTF-8")
	cmd.Stdin = &in
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return 0, nil, fmt.Errorf("fribidi: %w: %s", err, stderr.String())
	}
	visual := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(visual) != len(kept) {
		return 0, nil, fmt.Errorf("fribidi gave %d lines for %d", len(visual), len(kept))
	}
	for i, line := range kept {
		shown := rtl.StripControls(visual[i])
		for _, n := range numberRun.FindAllString(rtl.StripControls(line), -1) {
			n = strings.TrimSpace(n)
			if !strings.ContainsAny(n, "-/.,: ") && !strings.HasPrefix(n, "+") {
				continue // one group reads the same either way
			}
			checked++
			if !strings.Contains(shown, n) {
				bad = append(bad, Violation{Line: line, Visual: visual[i], Number: n})
			}
		}
	}
	return checked, bad, nil
}

// Require is Check for tests: it fails t on every violation and logs how many numbers it
// checked. Without fribidi the test is skipped, unless TASDEEQ_FRIBIDI_REQUIRED=1 (CI) makes it
// fail, so CI can never pass without running it.
func Require(t testing.TB, lines []string) int {
	t.Helper()
	checked, bad, err := Check(lines)
	if errors.Is(err, ErrNoFriBidi) && os.Getenv("TASDEEQ_FRIBIDI_REQUIRED") != "1" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range bad {
		t.Error(v)
	}
	t.Logf("display order checked for %d numbers in %d replies", checked, len(lines))
	return checked
}

// Outside is the text of s outside any isolate (what the bot wrote itself around quotes,
// numbers and names), for tests that look for English in an Urdu reply.
func Outside(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == rtl.LRI || r == rtl.RLI || r == rtl.FSI:
			depth++
		case r == rtl.PDI:
			depth = max(0, depth-1)
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
