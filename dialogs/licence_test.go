package dialogs_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
)

// TestLicenceAnswersShowTheRegistersDetails: a licence number, typed alone, after /licence, or
// asked about in a sentence, is answered with the register's title, status, proprietor and head
// office, in both languages (sample register: fictitious agencies).
func TestLicenceAnswersShowTheRegistersDetails(t *testing.T) {
	d := mustDeps(t)
	want := map[locales.Lang][]string{
		locales.EN: {"Crescent Manpower Services", "is active", "Proprietor: \u2068Farhan Khayali\u2069", "Head office: \u2068Office 12, 2nd Floor, Imaginary Arcade, Main Boulevard Gulberg, Lahore\u2069"},
		locales.UR: {"Crescent Manpower Services", "چالو", "مالک: \u2068Farhan Khayali\u2069", "مرکزی دفتر: \u2068Office 12, 2nd Floor, Imaginary Arcade, Main Boulevard Gulberg, Lahore\u2069"},
	}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		for _, in := range []dialogs.Input{text("9848/LHR"), cmd("licence", "9848/lhr"), text("Is licence 9848 real?"), text("Crescent Manpower Services")} {
			m := oneReply(t, d, lang, in)
			for _, w := range want[lang] {
				if !strings.Contains(m.Text, w) {
					t.Errorf("%s %q %q: reply lacks %q:\n%s", lang, in.Text, in.Args, w, m.Text)
				}
			}
		}
	}
	// A licence that is not Active still shows who holds it, and the advice not to pay.
	m := oneReply(t, d, locales.EN, text("9777/KAR"))
	for _, w := range []string{"Golden Gulf Manpower", "cancelled", "Aslam Khayali", "M.A. Jinnah Road, Karachi", "Do not pay this agency"} {
		if !strings.Contains(m.Text, w) {
			t.Errorf("9777/KAR lacks %q:\n%s", w, m.Text)
		}
	}
}

// TestLicenceNameSearch: a name held by several licences lists each with the city of its head
// office; a name that is only like a registered one says plainly that the names differ; an exact
// name answers with the details at once.
func TestLicenceNameSearch(t *testing.T) {
	d := mustDeps(t)
	awaiting := func(lang locales.Lang) dialogs.Session {
		return dialogs.Session{Lang: lang, State: dialogs.AwaitLicence}
	}
	cases := []struct {
		name    string
		lang    locales.Lang
		query   string
		want    []string
		buttons []string
	}{
		{"several licences, each with its city", locales.EN, "Talagang International",
			[]string{"2 licences on the register carry the name \u2068Talagang International\u2069", "9600/RWP · \u2068Talagang International\u2069 · \u2068Rawalpindi\u2069 · active", "9660/RWP · \u2068Talagang International\u2069 · \u2068Chakwal\u2069 · active"},
			[]string{"licsel:9600/RWP", "licsel:9660/RWP"}},
		{"several licences in Urdu", locales.UR, "Talagang International",
			[]string{"\u20682\u2069 لائسنس", "\u2068Rawalpindi\u2069", "\u2068Chakwal\u2069"},
			[]string{"licsel:9600/RWP", "licsel:9660/RWP"}},
		{"a look-alike name", locales.EN, "Khyber Manpower",
			[]string{"No agency on the register is called \u2068Khyber Manpower\u2069", "\u2068Khyber Pass Manpower Agency\u2069 (9457/PWR)", "the names differ", "not the registered name", "\u2068Peshawar\u2069"},
			[]string{"licsel:9457/PWR"}},
		{"a look-alike name in Urdu", locales.UR, "Khyber Manpower",
			[]string{"رجسٹر میں \u2068Khyber Manpower\u2069 کے نام سے کوئی ادارہ نہیں", "\u2068Khyber Pass Manpower Agency\u2069 (\u20689457/PWR\u2069)", "دونوں نام الگ ہیں", "رجسٹر والا نام نہیں"},
			[]string{"licsel:9457/PWR"}},
		{"an exact name, written another way", locales.EN, "M/s Crescent Manpower Services (Pvt) Ltd",
			[]string{"9848/LHR (Crescent Manpower Services) is active", "Proprietor: \u2068Farhan Khayali\u2069", "Head office:"},
			nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, out := step(t, d, awaiting(tc.lang), text(tc.query))
			m := messages(out)
			if s.State != dialogs.Idle || len(m) != 1 {
				t.Fatalf("%+v %+v", s, out)
			}
			checkQuotesAreIsolated(t, tc.name, m[0].Text)
			for _, w := range tc.want {
				if !strings.Contains(m[0].Text, w) {
					t.Errorf("reply lacks %q:\n%s", w, m[0].Text)
				}
			}
			got := buttonData(m[0])
			for _, b := range tc.buttons {
				if !slices.Contains(got, b) {
					t.Errorf("buttons %v lack %s", got, b)
				}
			}
			if tc.lang == locales.EN && strings.Contains(m[0].Text, "names differ") != strings.Contains(tc.name, "look-alike") {
				t.Errorf("says the names differ when they do not, or the reverse:\n%s", m[0].Text)
			}
		})
	}
}

// TestLicenceQuestionByName: a question that names an agency ("X ka licence check karein") is
// answered from the register. A short form of a registered name gets its card; a name only like
// a registered one is told first that the names differ, in both languages: a scam agency may
// borrow a name close to a licensed one.
func TestLicenceQuestionByName(t *testing.T) {
	d := mustDeps(t)
	lookalike := map[locales.Lang]string{locales.EN: "No agency on the register is called", locales.UR: "کے نام سے کوئی ادارہ نہیں"}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		m := oneReply(t, d, lang, text("Al-Noor Overseas ka licence check karein"))
		if !strings.Contains(m.Text, "9122/KAR") || strings.Contains(m.Text, lookalike[lang]) {
			t.Errorf("%s: short form of a registered name:\n%s", lang, m.Text)
		}
		m = oneReply(t, d, lang, text("Is Zafar Overseas Employment Promoters licensed?"))
		if !strings.Contains(m.Text, lookalike[lang]) || !strings.Contains(m.Text, "Zafar Overseas Employment Promoters") {
			t.Errorf("%s: a name only like a registered one must be told apart:\n%s", lang, m.Text)
		}
	}
}

// TestLicenceQuestionByUnlistedName: an agency asked about by a name no registered title is near
// gets the register's answer that no agency has that name, in both languages; it is not told
// "this is not a job ad".
func TestLicenceQuestionByUnlistedName(t *testing.T) {
	d := mustDeps(t)
	none := map[locales.Lang]string{locales.EN: "No agency on the register has a name like that", locales.UR: "رجسٹر میں اس نام سے ملتا جلتا کوئی ادارہ نہیں"}
	notAd := map[locales.Lang]string{}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		notAd[lang] = d.Bundle.T(lang, "verdict.not_ad", nil)
		for _, q := range []string{"Falcon Overseas Employment Promoters ka licence check karein", "کیا الفلاح اوورسیز ایمپلائمنٹ پروموٹرز رجسٹرڈ ہے؟"} {
			m := oneReply(t, d, lang, text(q))
			if !strings.Contains(m.Text, none[lang]) || strings.Contains(m.Text, notAd[lang]) {
				t.Errorf("%s %q:\n%s", lang, q, m.Text)
			}
		}
	}
	// A question about jobs that names no agency is not a licence question.
	if m := oneReply(t, d, locales.EN, text("Any overseas jobs in Saudi?")); strings.Contains(m.Text, none[locales.EN]) {
		t.Errorf("no agency named:\n%s", m.Text)
	}
}

// TestAgencysDemandAskedWithItsName: a message that names an agency inside a longer sentence is
// answered with that agency's licence, not told the names differ; one that also asks whether its
// demand is lawful gets the fee rule after the register's answer, in both languages.
func TestAgencysDemandAskedWithItsName(t *testing.T) {
	d := mustDeps(t)
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		m := oneReply(t, d, lang, text("Anarkali Overseas walon ne 50 hazar maange hain visa ke, kya ye jaiz hai?"))
		fees := d.Bundle.T(lang, "question.fees", nil)
		if !strings.Contains(m.Text, "9987/LHR") || !strings.Contains(m.Text, fees) {
			t.Errorf("%s: reply lacks the licence or the fee rule:\n%s", lang, m.Text)
		}
		if strings.Contains(m.Text, "walon ne") {
			t.Errorf("%s: the answer quotes the whole sentence as the agency's name:\n%s", lang, m.Text)
		}
		m = oneReply(t, d, lang, text("Mujhe Talagang International ne bulaya hai interview ke liye, ye theek hain?"))
		if !strings.Contains(m.Text, "9600/RWP") || strings.Contains(m.Text, fees) {
			t.Errorf("%s: Talagang International asked about in a sentence:\n%s", lang, m.Text)
		}
	}
}
