package redflags_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/redflags"
)

// adversarial are texts built to make a careless analyser quadratic: many amounts in one clause,
// many numbers, licence-like patterns, links and addresses, negations and warnings, Urdu words.
var adversarial = []struct {
	name string
	unit string
}{
	{"amounts", "$1 "},
	{"hourly-pay", "$30/hr easy "},
	{"rupees", "Rs 15,000 fee "},
	{"numbers", "0300-1234567 "},
	{"licences", "OEPL No. 9848/LHR "},
	{"licence-like", "12/ab 3./x "},
	{"links", "bit.ly/x hr@gmail.com www.example.com "},
	// Links that are neither short nor cheap: each asks whether the text claims a government's
	// recruitment, which must be read once, not once per link.
	{"plain-links", "www.example.com jobs.example.org "},
	{"amount-periods", "earn $500 per day weekly pay $90 "},
	// Pay for a few hours a day at home: the hours are read once per text, not once per amount.
	{"part-time-pay", "ghar baithe 2 ghante roz kamayen 50,000 mahana online "},
	// Sums priced by the words after them, and bare sums beside a word of earning.
	{"priced-after", "25 lakh mein 3 lakh lagenge earn 50,000 per month "},
	{"negations", "no fee not nahi "},
	{"warnings", "beware fraud registration fee "},
	{"urdu", "ویزا فیس ۸۰ ہزار جاز کیش "},
	// Colons that introduce a message passed on, each before a passage too short to be one: the
	// paragraph's end is looked for once per colon, not to the end of the text each time.
	{"colon-intros", "ye msg aya hai: x\n\n"},
	{"one-long-word", "a"},
	{"punctuation", ",.;:!?"},
}

// grow repeats unit to n bytes, then ends with a strong sign so that the whole text must be read.
func grow(unit string, n int) string {
	const tail = "\nJobs in Dubai, apply now. Visa 100% guaranteed, send Rs 50,000 registration fee on JazzCash 0301-5550123 first."
	var b strings.Builder
	for b.Len()+len(unit) < n-len(tail) {
		b.WriteString(unit)
	}
	b.WriteString(tail)
	return b.String()
}

// BenchmarkAdversarial analyses each adversarial text at 4 KB, 64 KB and 1 MiB. ns/op divided by
// the size must stay flat (linear time); the sign at the end must still be found.
func BenchmarkAdversarial(b *testing.B) {
	a, reg := mustAnalyzer(b), sampleRegister(b)
	for _, adv := range adversarial {
		for _, size := range []int{4 << 10, 64 << 10, 1 << 20} {
			text := grow(adv.unit, size)
			b.Run(fmt.Sprintf("%s/%dKB", adv.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					v, err := a.Analyze(context.Background(), text, reg)
					if err != nil {
						b.Fatal(err)
					}
					if !v.Has(redflags.Guaranteed) {
						b.Fatalf("the sign at the end of %d bytes was not found: %v", len(text), v.Flags)
					}
				}
			})
		}
	}
}

// TestAdversarialIsLinear checks growth, not speed: a 1 MiB adversarial text may take at most
// 4 × (the 256 KB time) × 3, so a machine that is slow or busy does not fail it, but quadratic
// work (16 × the time) does; under 200 ms nothing fails. The sign at the end is still found.
func TestAdversarialIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 11 MiB of adversarial text")
	}
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, adv := range adversarial {
		t.Run(adv.name, func(t *testing.T) {
			small, big := grow(adv.unit, 256<<10), grow(adv.unit, 1<<20)
			timeIt := func(text string, runs int) time.Duration {
				best := time.Duration(1<<63 - 1)
				for range runs {
					start := time.Now()
					v, err := a.Analyze(context.Background(), text, reg)
					if err != nil {
						t.Fatal(err)
					}
					if !v.Has(redflags.Guaranteed) {
						t.Fatalf("the sign at the end of %d bytes was not found: %v", len(text), v.Flags)
					}
					best = min(best, time.Since(start))
				}
				return best
			}
			ts, tb := timeIt(small, 3), timeIt(big, 3)
			t.Logf("%-14s 256 KB %9v   1 MiB %9v   ratio %.1f (linear: 4)", adv.name, ts, tb, float64(tb)/float64(ts))
			if limit := 4 * 3 * ts; tb > limit && tb > 200*time.Millisecond {
				t.Errorf("1 MiB took %v, 256 KB %v: growth is worse than linear", tb, ts)
			}
			if tb > time.Second {
				t.Logf("1 MiB took %v: more than the 1 s budget on this machine", tb)
			}
		})
	}
}
