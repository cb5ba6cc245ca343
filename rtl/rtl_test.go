package rtl_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/rtl"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

func TestIsolateNumbers(t *testing.T) {
	const i, p = "\u2066", "\u2069"
	tests := []struct{ in, want string }{
		{"ایف آئی اے 111-247-786 (ویزا)", "ایف آئی اے " + i + "111-247-786" + p + " (ویزا)"},
		{"نمبر 0848/LHR لکھیں۔", "نمبر " + i + "0848/LHR" + p + " لکھیں۔"},
		{"فون 0301 5550123 پر", "فون " + i + "0301 5550123" + p + " پر"},
		{"۰۳۰۱ ۵۵۵۰۱۲۳ پر", i + "۰۳۰۱ ۵۵۵۰۱۲۳" + p + " پر"},
		{"فیس 25,000 روپے۔", "فیس " + i + "25,000" + p + " روپے۔"},
		{"25k دیں", i + "25k" + p + " دیں"},
		{"2 نومبر 2026", i + "2" + p + " نومبر " + i + "2026" + p},
		{"لکھیں /case اور", "لکھیں\u200e /case اور"},
		{"/start سے شروع", "/start سے شروع"},
		{"• /tips: طریقے", "•\u200e /tips: طریقے"},
		{"+92 300 1234567", i + "+92" + p + " " + i + "300 1234567" + p},
		{"already \u2068 0848/LHR \u2069 isolated", "already \u2068 0848/LHR \u2069 isolated"},
		{"JazzCash2 and a/b", "JazzCash2 and a/b"},
		{"شکایت TSQ-7K3F9Q اور COVID-19", "شکایت TSQ-7K3F9Q اور COVID-19"},
		{"no numbers here", "no numbers here"},
		{"سال 2026۔", "سال " + i + "2026" + p + "۔"},
	}
	for _, tt := range tests {
		if got := rtl.IsolateNumbers(tt.in); got != tt.want {
			t.Errorf("IsolateNumbers(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if twice := rtl.IsolateNumbers(rtl.IsolateNumbers(tt.in)); twice != tt.want {
			t.Errorf("not idempotent on %q: %q", tt.in, twice)
		}
	}
}

func TestQuoteStripsControlsAndIsolates(t *testing.T) {
	got := rtl.Quote("فیس \u202e0300-5551234\u202c پر")
	want := "\u2068فیس \u20660300-5551234\u2069 پر\u2069"
	if got != want {
		t.Fatalf("Quote = %q, want %q", got, want)
	}
	if got := rtl.Quote("Call 0300-5551234 \u202enow"); got != "\u2068Call 0300-5551234 now\u2069" {
		t.Fatalf("Quote of Latin text isolated its numbers: %q", got)
	}
	if rtl.Quote("\u202e") != "" {
		t.Fatal("a quote of controls alone is not empty")
	}
}

// TestCheckerCatchesReversedNumbers shows the display check fails on the lines the issue found
// (a helpline, a licence number, a phone number in groups, a command) and passes once they are
// isolated: a check that cannot fail would prove nothing.
func TestCheckerCatchesReversedNumbers(t *testing.T) {
	bad := []string{
		"شکایت کریں: ایف آئی اے 111-247-786 (ویزا فراڈ)",
		"لائسنس نمبر لکھیں، جیسے 0848/LHR",
		"اس نمبر ۰۳۰۱ ۵۵۵۰۱۲۳ کی شکایت آئی ہے",
		"شکایت دیکھنے کے لیے /case لکھیں",
	}
	checked, violations, err := rtltest.Check(bad)
	if err == rtltest.ErrNoFriBidi {
		rtltest.Require(t, nil) // skips, or fails in CI
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if checked != 4 || len(violations) != 4 {
		t.Fatalf("checked %d, violations %v: want all 4 unisolated lines caught", checked, violations)
	}
	var fixed []string
	for _, l := range bad {
		fixed = append(fixed, rtl.IsolateNumbers(l))
	}
	if n := rtltest.Require(t, fixed); n != 4 {
		t.Fatalf("checked %d numbers, want 4", n)
	}
	if !strings.Contains(violations[0].String(), "111-247-786") {
		t.Errorf("violation text %q", violations[0])
	}
}

func FuzzIsolateNumbers(f *testing.F) {
	f.Add("ایف آئی اے 111-247-786 (ویزا)")
	f.Add("\u2068 0848/LHR \u2069 /case +92 300")
	f.Fuzz(func(t *testing.T, s string) {
		out := rtl.IsolateNumbers(s)
		if !utf8.ValidString(s) {
			return // Telegram text is valid UTF-8; invalid bytes only must not panic
		}
		plain := func(x string) string { return strings.ReplaceAll(rtl.StripControls(x), "\u200e", "") }
		if plain(out) != plain(s) {
			t.Fatalf("IsolateNumbers changed the text itself: %q -> %q", s, out)
		}
		if rtl.IsolateNumbers(out) != out {
			t.Fatalf("not idempotent: %q", s)
		}
	})
}
