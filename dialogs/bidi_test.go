package dialogs_test

import (
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
)

// checkQuotesAreIsolated fails when a reply carries a bidi embedding or override (U+202A–U+202E)
// or an isolate other than those the bot puts around quotes (first-strong) and numbers
// (left-to-right), or when those are unbalanced: a scammer's U+202E in the ad must not reorder the quoted evidence or the bot's
// own words after it.
func checkQuotesAreIsolated(t *testing.T, where, reply string) {
	t.Helper()
	depth := 0
	for _, r := range reply {
		switch {
		case r >= '\u202a' && r <= '\u202e', r == '\u2067':
			t.Errorf("%s: reply carries %U from the user's text:\n%q", where, r, reply)
			return
		case r == '\u2068', r == '\u2066':
			depth++
		case r == '\u2069':
			if depth--; depth < 0 {
				t.Errorf("%s: an isolate is closed that was never opened:\n%q", where, reply)
				return
			}
		case r == '\n' && depth != 0:
			t.Errorf("%s: an isolate runs past the end of its line:\n%q", where, reply)
			return
		}
	}
	if depth != 0 {
		t.Errorf("%s: %d isolates left open:\n%q", where, depth, reply)
	}
}

// TestQuotesCarryNoBidiControls sends ads laced with every explicit bidi control, in English and
// Urdu, and walks the verdict, the report summary and the case the user is told about.
func TestQuotesCarryNoBidiControls(t *testing.T) {
	d := reportDeps(t)
	ads := map[locales.Lang]string{
		locales.EN: "Jobs in Dubai. Visa 100% guaranteed. Send Rs 50,000 \u202eregistration fee\u202c on JazzCash 0300-5550101 \u2066today\u2069 \u202bfirst\u202c, \u2067no\u2069 \u2068interview\u2069.",
		locales.UR: "دبئی میں نوکری، ویزا پکا۔ \u202dرجسٹریشن فیس\u202c 50 ہزار جاز کیش 0300-5550101 پر \u2067بھیجیں\u2069، \u202aانٹرویو نہیں\u202c۔",
	}
	for lang, ad := range ads {
		t.Run(string(lang), func(t *testing.T) {
			_, out := walk(t, d, dialogs.Session{Lang: lang},
				text(ad), press("report"), press("rep:paid"), text("50 hazar"), press("rep:ch:jazzcash"), contactOf("+923005550101", true))
			if !strings.Contains(allText(out), "\u2068") {
				t.Fatal("nothing was quoted from the ad; the test would prove nothing")
			}
			for i, o := range out {
				checkQuotesAreIsolated(t, "output "+string(rune('0'+i)), o.Text)
			}
		})
	}
}
