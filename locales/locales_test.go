package locales_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/rtl"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

// sampleData fills every template with values in no Latin letters, so any Latin letter left in an
// Urdu reply came from the message itself.
var sampleData = map[string]any{
	"Score": 80, "Evidence": "ثبوت", "Number": "0848", "Title": "نام", "Expires": "2028-02-28",
	"Source": "ماخذ", "Date": "2026-11-01", "Days": 28, "Count": 3, "Amount": "25,000", "Agencies": "ادارے",
	"Ad": "اشتہار", "Phone": "0300", "Name": "نام", "Query": "سوال", "MRC": "مرکز", "Users": 1, "Checks": 2, "High": 3, "Reports": 4, "Channel": "بینک", "Agency": "ادارہ", "Reference": "123", "ID": "123", "Risk": "زیادہ",
	"Since": "2 نومبر 2026", "What": "نمبر", "When": "آج",
	"Place": "شہر", "Value": "قدر", "Address": "پتا", "Cities": "شہر", "Contact": "رابطہ", // help.*.toml
	"Rows": 2750, "Active": 2700, "Added": 5, "Removed": 2, "Changed": 3, "From": "چالو", "To": "منسوخ", // console.*.toml
}

// allowedLatin are the Latin words an Urdu message may itself contain: the official web addresses
// (the Bureau's and OEC's), bot commands (Telegram only knows them in Latin) and a sample licence
// number.
var allowedLatin = regexp.MustCompile(`(beoe|oec)\.gov\.pk|/[a-z_]+|\d{4}/[A-Z]{2,5}|TSQ-[0-9A-Z]{6}`)

// bilingual are messages meant to be read in both languages: the way back to the language menu
// must make sense to someone who cannot read the current one.
var bilingual = map[string]bool{"button.language": true}

func TestEveryMessageInBothLanguages(t *testing.T) {
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.IDs()) < 40 {
		t.Fatalf("only %d messages", len(b.IDs()))
	}
	for _, id := range b.IDs() {
		for _, lang := range []locales.Lang{locales.EN, locales.UR} {
			msg, err := b.Lookup(lang, id, sampleData)
			if err != nil {
				t.Errorf("%s/%s: %v", lang, id, err)
				continue
			}
			if strings.Contains(msg, "{{") || strings.Contains(msg, "<no value>") {
				t.Errorf("%s/%s: template leaked: %q", lang, id, msg)
			}
			if lang == locales.UR && !bilingual[id] {
				rest := allowedLatin.ReplaceAllString(rtl.StripControls(msg), "")
				for _, r := range rest {
					if r < 0x80 && unicode.IsLetter(r) {
						t.Errorf("ur/%s: Latin letters in an Urdu reply: %q", id, msg)
						break
					}
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]locales.Lang{"ur": locales.UR, "ur-PK": locales.UR, "en": locales.EN, "": locales.EN, "pa": locales.EN} {
		if got := locales.Parse(in); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestUrduMessagesShowNumbersInOrder renders every Urdu message through the Unicode bidi
// algorithm (GNU FriBidi) and fails when a helpline, licence number, amount or command would be
// shown in another order than written (ایف آئی اے 111-247-786 shown as 786-247-111).
func TestUrduMessagesShowNumbersInOrder(t *testing.T) {
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, id := range b.IDs() {
		lines = append(lines, b.T(locales.UR, id, sampleData))
	}
	if n := rtltest.Require(t, lines); n < 10 {
		t.Fatalf("only %d numbers checked: the catalogue has more", n)
	}
}

// TestUrduFollowsTheWordList enforces the tested lines of WORDS.md on every Urdu message.
func TestUrduFollowsTheWordList(t *testing.T) {
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	we := regexp.MustCompile(`(^|[\s،۔(])(ہم|ہمیں|ہمارا|ہماری|ہمارے)([\s،۔)]|$)`)
	gendered := regexp.MustCompile(`(چکا|چکی|سکتا|سکتی|رہا|رہی) ہوں`)
	for _, id := range b.IDs() {
		msg := rtl.StripControls(b.T(locales.UR, id, sampleData))
		if we.MatchString(msg) {
			t.Errorf("ur/%s speaks as «ہم»; the bot is «میں» (WORDS.md): %q", id, msg)
		}
		if strings.HasPrefix(id, "button.") || strings.HasPrefix(id, "rep.") || strings.Contains(id, ".option") {
			if gendered.MatchString(msg) {
				t.Errorf("ur/%s: a button the user presses must be sayable by a woman and a man (WORDS.md): %q", id, msg)
			}
		}
		if strings.Contains(msg, "او ای پی") && !strings.Contains(msg, "بیرونِ ملک بھرتی") {
			t.Errorf("ur/%s: «او ای پی» without «بیرونِ ملک بھرتی کا لائسنس» (WORDS.md): %q", id, msg)
		}
		if strings.Contains(msg, "او ای سی") && !strings.Contains(msg, "اوورسیز ایمپلائمنٹ کارپوریشن") {
			t.Errorf("ur/%s: «او ای سی» without its name (WORDS.md): %q", id, msg)
		}
		if regexp.MustCompile(`(^|\D)0 دن`).MatchString(msg) {
			t.Errorf("ur/%s: «0 دن» (WORDS.md): %q", id, msg)
		}
	}
}
