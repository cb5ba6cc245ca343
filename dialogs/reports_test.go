package dialogs_test

import (
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/rtl"
)

// reportedAd was reported by other users; repostOfReported is it again with other emojis, a
// new phone number and a changed word.
const (
	reportedAd = `🇸🇦 Saudi Arabia jobs for drivers in Riyadh. Salary SAR 2,200 plus overtime, accommodation and
transport by company. 100% visa guarantee, no interview. Registration fee Rs 25,000 must be sent
first on JazzCash 0301-5550123 to confirm your seat. Only a few seats are left.`
	repostOfReported = `Saudi Arabia jobs for drivers in Jeddah!! 🔥 Salary SAR 2,200 plus overtime, accommodation and
transport by company. 100% visa guarantee, no interview. Registration fee Rs 25,000 must be sent
first on JazzCash 0345-9876543 to confirm your seat. Only a few seats are left.`
	reportedUr = `سعودی عرب میں ڈرائیوروں کی فوری ضرورت ہے۔ تنخواہ 2200 ریال، رہائش اور ٹرانسپورٹ کمپنی کی طرف سے۔
سو فیصد ویزا گارنٹی، کوئی انٹرویو نہیں۔ رجسٹریشن فیس 25 ہزار روپے پہلے جاز کیش پر بھیجیں: 0301-5550123`
)

func TestCheckNamesEarlierReports(t *testing.T) {
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		t.Run(string(lang), func(t *testing.T) {
			d := mustDeps(t)
			dialogstest.Reports(t, &d, 2, 7, reportedAd)
			_, out := step(t, d, dialogs.Session{Lang: lang}, text(repostOfReported))
			got := allText(out)
			for _, id := range []string{"flag.REPORTED_BEFORE", "verdict.high"} {
				if want := d.Bundle.T(lang, id, nil); !strings.Contains(got, want) {
					t.Errorf("reply lacks %s %q:\n%s", id, want, got)
				}
			}
			want := d.Bundle.T(lang, "reported.ad", map[string]any{"Count": 2, "Since": dialogs.Date(d.Bundle, lang, dialogstest.Today.AddDate(0, 0, -27))})
			if !strings.Contains(got, want) {
				t.Errorf("reply lacks %q:\n%s", want, got)
			}
			if strings.Contains(got, "0301") {
				t.Errorf("the reported number, which the user did not send, is in the reply:\n%s", got)
			}
			// A bare phone number is no ad, but the user hears that it was reported.
			_, out = step(t, d, dialogs.Session{Lang: lang}, text("ye number sahi hai? ۰۳۰۱ ۵۵۵۰۱۲۳"))
			got = allText(out)
			// The number is quoted from the user's text: isolated in both languages.
			phone := d.Bundle.T(lang, "reported.phone", map[string]any{"Count": 2, "Since": dialogs.Date(d.Bundle, lang, dialogstest.Today.AddDate(0, 0, -27)), "Evidence": rtl.Quote("۰۳۰۱ ۵۵۵۰۱۲۳")})
			if !strings.Contains(got, phone) {
				t.Errorf("bare number: reply lacks %q:\n%s", phone, got)
			}
		})
	}
}

func TestOneReportIsACaution(t *testing.T) {
	d := mustDeps(t)
	dialogstest.Reports(t, &d, 1, 7, reportedUr)
	_, out := step(t, d, dialogs.Session{Lang: locales.UR}, text(reportedUr))
	got := allText(out)
	if !strings.Contains(got, d.Bundle.T(locales.UR, "reported.few", nil)) {
		t.Errorf("one report must say it is one person's:\n%s", got)
	}
	// The ad is high risk for its own signs; a single report adds a medium sign.
	var checked redflags.Risk
	for _, o := range out {
		if o.Kind == dialogs.Checked {
			checked = o.Risk
		}
	}
	if checked != redflags.High {
		t.Errorf("risk %q", checked)
	}
}

func TestNotScamIsForCounsellorsOnly(t *testing.T) {
	d := mustDeps(t)
	dialogstest.Reports(t, &d, 2, 7, reportedAd)
	// A user cannot use it to learn what was reported.
	_, out := step(t, d, dialogs.Session{Lang: locales.EN}, cmd("notscam", "0301-5550123"))
	if got := allText(out); !strings.Contains(got, d.Bundle.T(locales.EN, "command.unknown", nil)) || strings.Contains(got, "0301") {
		t.Errorf("user: %s", got)
	}
	for _, o := range out {
		if o.Kind == dialogs.MarkNotScam {
			t.Error("a user's /notscam marked something")
		}
	}
	counsellor := func(args string) []dialogs.Output {
		_, out := step(t, d, dialogs.Session{Lang: locales.UR}, dialogs.Input{Kind: dialogs.Command, ChatID: 7, UserID: 7, Command: "notscam", Args: args})
		return out
	}
	out = counsellor("دفتر کا نمبر 0301-5550123")
	var mark *dialogs.Mark
	for _, o := range out {
		if o.Kind == dialogs.MarkNotScam {
			mark = o.Mark
		}
	}
	if mark == nil || mark.Undo || mark.By != 7 || mark.Text != "دفتر کا نمبر 0301-5550123" {
		t.Fatalf("mark %+v", mark)
	}
	item := d.Bundle.T(locales.UR, "notscam.item", map[string]any{"What": d.Bundle.T(locales.UR, "indicator.phone", nil) + " " + rtl.Quote("0301-5550123"), "Count": 2})
	if got := allText(out); !strings.Contains(got, item) {
		t.Errorf("counsellor reply lacks %q:\n%s", item, got)
	}
	for _, args := range []string{"undo 0301-5550123", "واپس 0301-5550123"} {
		out = counsellor(args)
		if len(out) < 2 || out[0].Mark == nil || !out[0].Mark.Undo || out[0].Mark.Text != "0301-5550123" {
			t.Errorf("%q: %+v", args, out)
		}
	}
	if got := allText(counsellor("")); !strings.Contains(got, d.Bundle.T(locales.UR, "notscam.usage", nil)) {
		t.Errorf("no usage: %s", got)
	}
	if got := allText(counsellor("kuch bhi nahi")); !strings.Contains(got, d.Bundle.T(locales.UR, "notscam.nothing", nil)) {
		t.Errorf("nothing found: %s", got)
	}
}
