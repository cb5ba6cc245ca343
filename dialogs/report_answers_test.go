package dialogs_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
)

// The report flow's answers to what people actually type (issue 15, item 7), in both languages.

var victimText = map[locales.Lang]string{
	locales.EN: "I paid the agent Rs 2 lakh for a Saudi visa and now his phone is off. What should I do?",
	locales.UR: "میں نے ایجنٹ کو سعودی ویزے کے لیے دو لاکھ روپے دیے اور اب اس کا فون بند ہے۔ کیا کروں؟",
}

func adIn(lang locales.Lang) string {
	if lang == locales.UR {
		return scamAdUr
	}
	return scamAd
}

func bothLanguages(t *testing.T, f func(t *testing.T, lang locales.Lang)) {
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		t.Run(string(lang), func(t *testing.T) { f(t, lang) })
	}
}

func lastMessage(t *testing.T, out []dialogs.Output) dialogs.Output {
	t.Helper()
	m := messages(out)
	if len(m) == 0 {
		t.Fatal("no message")
	}
	return m[len(m)-1]
}

func hasKind(out []dialogs.Output, k dialogs.OutputKind) bool {
	return slices.ContainsFunc(out, func(o dialogs.Output) bool { return o.Kind == k })
}

func TestReportAmountsInWords(t *testing.T) {
	d := reportDeps(t)
	amounts := []struct {
		typed string
		want  int64
	}{
		{"تیس ہزار", 30000}, {"ڈیڑھ لاکھ", 150000}, {"ڈھائی لاکھ", 250000}, {"سوا لاکھ", 125000},
		{"پچاس ہزار روپے", 50000}, {"25k", 25000}, {"1.5 lac", 150000}, {"2 lakh", 200000},
		{"fifty thousand", 50000}, {"30 hazar", 30000}, {"۵۰ ہزار", 50000},
	}
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		for _, a := range amounts {
			s, out := walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:asked"), text(a.typed))
			if s.State != dialogs.ReportChannel || s.Report == nil || s.Report.AmountPKR != a.want {
				t.Errorf("%q: state %q, report %+v; want Rs %d\n%s", a.typed, s.State, s.Report, a.want, allText(out))
				continue
			}
			_, out = walk(t, d, s, press("rep:ch:skip"), text(d.Bundle.T(lang, "button.no_contact", nil)), press("rep:yes"))
			if c := referred(out); c == nil || c.AmountPKR != a.want {
				t.Errorf("%q: case %+v", a.typed, c)
			}
		}
	})
}

func TestReportAmountBelow100IsAskedAgain(t *testing.T) {
	d := reportDeps(t)
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		s, _ := walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:paid"))
		for _, small := range []string{"1", "50", "0", "Rs 99"} {
			s2, out := step(t, d, s, text(small))
			m := lastMessage(t, out)
			if s2.State != dialogs.ReportAmount || s2.Report == nil || s2.Report.AmountPKR != 0 {
				t.Fatalf("%q accepted: state %q, report %+v", small, s2.State, s2.Report)
			}
			if !strings.Contains(m.Text, firstWords(d.Bundle.T(lang, "report.amount_small", map[string]any{"Amount": ""}))) ||
				!slices.Contains(buttonData(m), "rep:amt:skip") || !slices.Contains(buttonData(m), "rep:no") {
				t.Errorf("%q: %q %v", small, m.Text, buttonData(m))
			}
		}
		// Words that are no amount are asked again too, with the buttons.
		s2, out := step(t, d, s, text("the agent took it"))
		if m := lastMessage(t, out); s2.State != dialogs.ReportAmount || m.Text != d.Bundle.T(lang, "report.amount_again", nil) ||
			!slices.Contains(buttonData(m), "rep:amt:ad") {
			t.Errorf("not an amount: state %q, %q %v", s2.State, m.Text, buttonData(m))
		}
		s, _ = step(t, d, s2, text("100"))
		if s.State != dialogs.ReportChannel || s.Report.AmountPKR != 100 {
			t.Errorf("Rs 100 refused: %q %+v", s.State, s.Report)
		}
	})
}

// firstWords is the part of a message before its first template value, to find it in a reply.
func firstWords(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".۔"); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// TestReportTextAtButtonStepsKeepsTheDraft: text typed where a button was expected asks the
// question again with its buttons and a way out, and never drops the report or checks the text
// as a new ad; the report then goes on with the buttons.
func TestReportTextAtButtonStepsKeepsTheDraft(t *testing.T) {
	d := reportDeps(t)
	steps := []struct {
		name   string
		script []string // buttons pressed after the ad and "report"
		state  dialogs.State
		want   []string // button data of the question asked again
	}{
		{"what happened", nil, dialogs.ReportWhat, []string{"rep:saw", "rep:asked", "rep:paid", "rep:no"}},
		{"channel", []string{"rep:asked", "rep:amt:skip"}, dialogs.ReportChannel, []string{"rep:ch:jazzcash", "rep:ch:skip", "rep:no"}},
		{"consent", []string{"rep:saw", ""}, dialogs.ReportConfirm, []string{"rep:yes", "rep:no"}},
	}
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		for _, st := range steps {
			script := []dialogs.Input{text(adIn(lang)), press("report")}
			for _, p := range st.script {
				if p == "" {
					script = append(script, text(d.Bundle.T(lang, "button.no_contact", nil)))
				} else {
					script = append(script, press(p))
				}
			}
			s, _ := walk(t, d, dialogs.Session{Lang: lang}, script...)
			if s.State != st.state {
				t.Fatalf("%s: state %q before typing", st.name, s.State)
			}
			draft := *s.Report
			for _, typed := range []string{"hello?", "ہاں", "Saudi Arabia jobs. Registration fee Rs 25,000 on JazzCash 0300-5551234."} {
				s2, out := step(t, d, s, text(typed))
				if s2.Report == nil || *s2.Report != draft || s2.State != st.state || s2.LastAd == nil {
					t.Fatalf("%s: %q dropped or changed the draft: state %q, report %+v", st.name, typed, s2.State, s2.Report)
				}
				if hasKind(out, dialogs.Checked) || hasKind(out, dialogs.Refer) {
					t.Errorf("%s: %q was checked or sent: %+v", st.name, typed, out)
				}
				m := lastMessage(t, out)
				if got := buttonData(m); !isSubset(st.want, got) {
					t.Errorf("%s: %q asked again with buttons %v, want %v", st.name, typed, got, st.want)
				}
				hint := "report.use_buttons"
				if st.state == dialogs.ReportConfirm {
					hint = "report.use_buttons_consent"
				}
				if !strings.HasPrefix(m.Text, d.Bundle.T(lang, hint, nil)) {
					t.Errorf("%s: %q answered %q", st.name, typed, m.Text)
				}
			}
		}
		// At the consent step, after typing, "yes" still sends the report.
		s, _ := walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:saw"),
			text(d.Bundle.T(lang, "button.no_contact", nil)), text("what happens now?"))
		_, out := step(t, d, s, press("rep:yes"))
		if referred(out) == nil {
			t.Fatalf("no case after typing at the consent step: %s", allText(out))
		}
		// The way out of a report asked again: nothing is sent, and how to report is said.
		s, _ = walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), text("hmm"))
		s, out = step(t, d, s, press("rep:no"))
		if s.Report != nil || s.State != dialogs.Idle || referred(out) != nil ||
			!strings.Contains(allText(out), d.Bundle.T(lang, "report.cancelled", nil)) {
			t.Errorf("cancel: %+v\n%s", s, allText(out))
		}
	})
}

// stripIsolates removes the bidi isolates the replies put around quotes and numbers.
func stripIsolates(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
}

func isSubset(want, got []string) bool {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}

// TestReportSummaryShowsTheWholeAd: the summary that says "exactly what I will send" shows the
// whole text, every line of it, not the first 160 characters cut mid-number.
func TestReportSummaryShowsTheWholeAd(t *testing.T) {
	d := reportDeps(t)
	long := map[locales.Lang]string{
		locales.EN: "Urgent! Drivers, helpers and cleaners wanted for Saudi Arabia, Dubai and Qatar. 100% visa guarantee, no interview.\n" +
			"Salary SAR 3000 plus food and a room. Registration fee Rs 25,000 to be paid in advance.\n" +
			"Send the fee on JazzCash 0300-5551234 (Muhammad Arshad) and WhatsApp your CNIC to 0301-5550199 today.",
		locales.UR: "فوری ضرورت! سعودی عرب، دبئی اور قطر کے لیے ڈرائیور، ہیلپر اور کلینر چاہئیں۔ سو فیصد ویزا گارنٹی، کوئی انٹرویو نہیں۔\n" +
			"تنخواہ تین ہزار ریال، کھانا اور رہائش مفت۔ رجسٹریشن فیس ۲۵ ہزار روپے پہلے جمع کروائیں۔\n" +
			"فیس جاز کیش نمبر 0300-5551234 (محمد ارشد) پر بھیجیں اور اپنا شناختی کارڈ 0301-5550199 پر واٹس ایپ کریں۔",
	}
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		ad := long[lang]
		s, out := walk(t, d, dialogs.Session{Lang: lang}, text(ad), press("report"), press("rep:saw"), text(d.Bundle.T(lang, "button.no_contact", nil)))
		if s.State != dialogs.ReportConfirm {
			t.Fatalf("state %q", s.State)
		}
		summary := lastMessage(t, out).Text
		plain := stripIsolates(summary)
		for _, line := range strings.Split(ad, "\n") {
			if !strings.Contains(plain, "› "+line+"\n") {
				t.Errorf("summary lacks the line %q:\n%s", line, summary)
			}
		}
		if strings.Contains(summary, "…") {
			t.Errorf("summary cuts the ad:\n%s", summary)
		}
		if !strings.Contains(summary, d.Bundle.T(lang, "report.summary_ad", nil)) {
			t.Errorf("summary does not say it is the whole ad:\n%s", summary)
		}
	})
}

// TestVoiceNotes: a voice note gets a word that the bot cannot listen yet, with what to send
// instead; in a report it keeps the draft and asks the question again.
func TestVoiceNotes(t *testing.T) {
	voice := func(caption string) dialogs.Input {
		return dialogs.Input{Kind: dialogs.Voice, ChatID: chat, UserID: chat, Text: caption}
	}
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		d := reportDeps(t)
		s, out := step(t, d, dialogs.Session{Lang: lang}, voice(""))
		if m := messages(out); len(m) != 1 || m[0].Text != d.Bundle.T(lang, "voice.unsupported", nil) || s.State != dialogs.Idle {
			t.Fatalf("%+v", out)
		}
		d.ReadImages = true
		_, out = step(t, d, dialogs.Session{Lang: lang}, voice(""))
		if m := messages(out); len(m) != 1 || m[0].Text != d.Bundle.T(lang, "voice.unsupported_images", nil) {
			t.Fatalf("%+v", out)
		}
		// A caption that is a job ad is checked after the apology.
		_, out = step(t, d, dialogs.Session{Lang: lang}, voice(adIn(lang)))
		if m := messages(out); len(m) != 2 || !hasKind(out, dialogs.Checked) || !slices.Contains(buttonData(m[1]), "report") {
			t.Fatalf("caption not checked: %+v", out)
		}
		// In the middle of a report.
		s, _ = walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:paid"))
		draft := *s.Report
		s2, out := step(t, d, s, voice(""))
		m := messages(out)
		if s2.State != dialogs.ReportAmount || s2.Report == nil || *s2.Report != draft || len(m) != 2 ||
			m[0].Text != d.Bundle.T(lang, "voice.unsupported_images", nil) || !slices.Contains(buttonData(m[1]), "rep:amt:skip") {
			t.Fatalf("voice note in a report: %q %+v\n%s", s2.State, s2.Report, allText(out))
		}
	})
}

// TestAfterPayment: "I already paid" is answered first with what to do in the next hour, then the
// report asks how much and how they paid; a victim's own account gets the same advice with the
// report button, and not twice.
func TestAfterPayment(t *testing.T) {
	d := reportDeps(t)
	bothLanguages(t, func(t *testing.T, lang locales.Lang) {
		advice := d.Bundle.T(lang, "report.after_payment", nil)
		for _, must := range []string{"1799", "111-247-786"} {
			if !strings.Contains(advice, must) || !strings.Contains(d.Bundle.T(lang, "kind.victim", nil), must) {
				t.Errorf("advice lacks %s", must)
			}
		}
		s, out := walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:paid"))
		m := messages(out)
		if len(m) < 2 || m[len(m)-2].Text != advice || m[len(m)-1].Text != d.Bundle.T(lang, "report.amount_paid", nil) {
			t.Fatalf("no advice before the amount:\n%s", allText(out))
		}
		_, out = step(t, d, s, text("ڈیڑھ لاکھ"))
		if got := lastMessage(t, out).Text; got != d.Bundle.T(lang, "report.channel_paid", nil) {
			t.Errorf("after paying, the channel question is %q", got)
		}
		// Asked to pay, not paid: no advice, and the question is how they asked for it.
		_, out = walk(t, d, dialogs.Session{Lang: lang}, text(adIn(lang)), press("report"), press("rep:asked"), text("25k"))
		if strings.Contains(allText(out), advice) || lastMessage(t, out).Text != d.Bundle.T(lang, "report.channel", nil) {
			t.Errorf("asked to pay:\n%s", allText(out))
		}
		// A victim's message: the advice and the report button at once; the report does not
		// repeat the advice.
		s, out = step(t, d, dialogs.Session{Lang: lang}, text(victimText[lang]))
		m = messages(out)
		if len(m) != 1 || m[0].Text != d.Bundle.T(lang, "kind.victim", nil) || !slices.Contains(buttonData(m[0]), "report") {
			t.Fatalf("victim:\n%s", allText(out))
		}
		_, out = walk(t, d, s, press("report"), press("rep:paid"))
		if strings.Contains(allText(out), advice) {
			t.Errorf("advice given twice to a victim:\n%s", allText(out))
		}
	})
}

// TestReportUrduWords: the Urdu report buttons and questions can be said by a woman or a man,
// and name the authorities the way the bot does everywhere.
func TestReportUrduWords(t *testing.T) {
	d := reportDeps(t)
	_, out := walk(t, d, dialogs.Session{Lang: locales.UR}, text(scamAdUr), press("report"), press("rep:paid"), text("تیس ہزار"),
		press("rep:ch:jazzcash"), text("کچھ اور"))
	all := allText(out)
	for _, gendered := range []string{"چکا", "چکی", "چکے", "چاہتے", "چاہتی", "سکتے ہیں؟"} {
		if strings.Contains(all, gendered) {
			t.Errorf("gendered Urdu %q in the report flow:\n%s", gendered, all)
		}
	}
	if !strings.Contains(all, "سرکاری ادارے") {
		t.Errorf("the authorities are not named as سرکاری ادارے:\n%s", all)
	}
}
