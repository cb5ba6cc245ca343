package dialogs_test

import (
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// oneReply steps one input in lang and returns the single message sent, checking that its
// isolates are balanced and that an Urdu reply has no English outside them.
func oneReply(t *testing.T, d dialogs.Deps, lang locales.Lang, in dialogs.Input) dialogs.Output {
	t.Helper()
	_, out := step(t, d, dialogs.Session{Lang: lang}, in)
	m := messages(out)
	if len(m) != 1 {
		t.Fatalf("%s %q: %d messages: %+v", lang, in.Text, len(m), out)
	}
	checkQuotesAreIsolated(t, string(lang)+" "+in.Text, m[0].Text)
	if lang == locales.UR {
		rest := allowedInUrdu.ReplaceAllString(m[0].Text, "")
		if i := strings.IndexFunc(rest, func(r rune) bool { return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }); i >= 0 {
			t.Errorf("ur %q: English in an Urdu reply: %q", in.Text, m[0].Text)
		}
	}
	return m[0]
}

// TestOfficeQuestion: "Protector office in Lahore?" in English, Roman Urdu and Urdu script gets
// the Lahore office from the directory, in both reply languages, with the day it was checked and
// BEOE to ask, never "not a job ad", and never the Lahore address and phone that only an undated
// blog gives.
func TestOfficeQuestion(t *testing.T) {
	d := mustDeps(t)
	want := map[locales.Lang][]string{
		locales.EN: {"Protector of Emigrants, Lahore", "Checked on 1 December 2026", "beoe.gov.pk", "I do not have a checked address"},
		locales.UR: {"پروٹیکٹر آف امیگرنٹس دفتر، لاہور", "دسمبر", "beoe.gov.pk", "جانچا ہوا پتا"},
	}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		for _, q := range []string{"Protector office in Lahore?", "protector office lahore kahan hai", "پروٹیکٹر آفس لاہور کہاں ہے؟"} {
			m := oneReply(t, d, lang, text(q))
			for _, w := range want[lang] {
				if !strings.Contains(m.Text, w) {
					t.Errorf("%s %q: reply lacks %q:\n%s", lang, q, w, m.Text)
				}
			}
			for _, never := range []string{"Model Town", "9230338", d.Bundle.T(lang, "verdict.not_ad", nil)} {
				if strings.Contains(m.Text, never) {
					t.Errorf("%s %q: reply carries %q:\n%s", lang, q, never, m.Text)
				}
			}
		}
	}
}

// TestOfficeQuestionWithoutAConfirmedOffice: a district whose office is only announced is sent
// to the nearest confirmed one; a question without a city lists the confirmed cities.
func TestOfficeQuestionWithoutAConfirmedOffice(t *testing.T) {
	d := mustDeps(t)
	if m := oneReply(t, d, locales.EN, text("protector office abbottabad")); !strings.Contains(m.Text, "Protector of Emigrants, Rawalpindi") {
		t.Errorf("Abbottabad: %s", m.Text)
	}
	m := oneReply(t, d, locales.EN, text("Where is the protector office?"))
	for _, w := range []string{"Lahore", "Karachi", "Quetta", "Tell me your city"} {
		if !strings.Contains(m.Text, w) {
			t.Errorf("no city: reply lacks %q:\n%s", w, m.Text)
		}
	}
	if strings.Contains(m.Text, "Sukkur") || strings.Contains(m.Text, "Faisalabad") {
		t.Errorf("lists an unconfirmed office:\n%s", m.Text)
	}
	d.Offices = nil // no directory: the general advice, as before
	if m := oneReply(t, d, locales.EN, text("Protector office in Lahore?")); m.Text != d.Bundle.T(locales.EN, "question.protector", nil) {
		t.Errorf("without a directory: %s", m.Text)
	}
}

// TestHelpListsOfficesAndHelplines: /help names the cities with a confirmed office and the
// national numbers, in both languages, with every number in an isolate in Urdu.
func TestHelpListsOfficesAndHelplines(t *testing.T) {
	d := mustDeps(t)
	want := map[locales.Lang][]string{
		locales.EN: {"Protector of Emigrants offices: Lahore, Rawalpindi, Islamabad, Karachi", "111-247-786", "1799", "0304-1112123", "beoe.gov.pk"},
		locales.UR: {"لاہور، راولپنڈی، اسلام آباد، کراچی", "\u2068111-247-786\u2069", "\u20681799\u2069", "\u20680304-1112123\u2069", "beoe.gov.pk"},
	}
	for lang, ws := range want {
		m := oneReply(t, d, lang, cmd("help", ""))
		for _, w := range ws {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s /help lacks %q:\n%s", lang, w, m.Text)
			}
		}
	}
}

// TestRenderNearestOffice is the line verdicts put in their next steps: the office for the ad's
// city or the user's MRC code, else BEOE.
func TestRenderNearestOffice(t *testing.T) {
	d := mustDeps(t)
	for _, tc := range []struct {
		lang   locales.Lang
		places []string
		want   string
	}{
		{locales.EN, []string{"Drivers needed in Dubai. Interview at our office in Gulberg, Lahore."}, "Nearest Protector of Emigrants office: Protector of Emigrants, Lahore."},
		{locales.EN, []string{"no city here", "KAR"}, "Protector of Emigrants, Karachi"},
		{locales.UR, []string{"", "PWR"}, "پروٹیکٹر آف امیگرنٹس دفتر، پشاور"},
		{locales.EN, []string{"Dubai"}, "Ask the Bureau of Emigration and Overseas Employment (BEOE): beoe.gov.pk"},
	} {
		if got := dialogs.RenderNearestOffice(d.Bundle, tc.lang, d.Offices, tc.places...); !strings.Contains(got, tc.want) {
			t.Errorf("%s %q: %q, want %q", tc.lang, tc.places, got, tc.want)
		}
	}
	if got := dialogs.RenderNearestOffice(d.Bundle, locales.EN, nil, "Lahore"); got != "" {
		t.Errorf("no directory: %q", got)
	}
	// A confirmed phone is shown with the office, in an isolate in Urdu.
	dir, err := offices.Parse([]byte(`fallback = "beoe"
[[office]]
id = "beoe"
kind = "beoe"
name = "BEOE"
name_ur = "بیورو"
confirmed = true
source = "https://beoe.gov.pk"
checked = "2026-12-01"
[[office]]
id = "poe-x"
kind = "protector"
name = "Protector X"
name_ur = "پروٹیکٹر ایکس"
city = "Lahore"
city_ur = "لاہور"
confirmed = true
source = "https://example.org"
checked = "2026-12-01"
phone = { value = "042-1234567", confirmed = true, source = "https://example.org", checked = "2026-12-01" }
hours = { value = "9:00-15:00", confirmed = false }
[[place]]
names = ["Lahore"]
offices = ["poe-x"]
`))
	if err != nil {
		t.Fatal(err)
	}
	got := dialogs.RenderNearestOffice(d.Bundle, locales.UR, dir, "Lahore")
	if !strings.Contains(got, "\u2068042-1234567\u2069") || strings.Contains(got, "9:00") {
		t.Errorf("phone: %q", got)
	}
	d.Offices = dir
	m := oneReply(t, d, locales.EN, text("Protector office Lahore"))
	if !strings.Contains(m.Text, "Phone: \u2068042-1234567\u2069") && !strings.Contains(m.Text, "Phone: 042-1234567") {
		t.Errorf("office answer lacks the confirmed phone:\n%s", m.Text)
	}
	if strings.Contains(m.Text, "9:00") || strings.Contains(m.Text, "I do not have a checked address") {
		t.Errorf("office answer shows unconfirmed hours or says nothing is known:\n%s", m.Text)
	}
}

// TestNearestOfficeFollowsTheUsersCentre: with no city in the ad, the office is the one for the
// centre the user's link came from.
func TestNearestOfficeFollowsTheUsersCentre(t *testing.T) {
	d := mustDeps(t)
	got := dialogs.NearestOfficeForTest(d, dialogs.Session{Source: &outreach.Source{MRC: "LHR", LinkID: "x1"}}, locales.EN, "Jobs in Dubai, visa pakka")
	if !strings.Contains(got, "Protector of Emigrants, Lahore") {
		t.Errorf("%q", got)
	}
	if got := dialogs.NearestOfficeForTest(d, dialogs.Session{}, locales.EN, "Jobs in Dubai"); !strings.Contains(got, "beoe.gov.pk") {
		t.Errorf("no city, no centre: %q", got)
	}
}
