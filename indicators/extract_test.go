package indicators_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tasdeeq/tasdeeq/indicators"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // kind:value
	}{
		{"mobile dashed", "Call 0300-1234567 now", []string{"phone:923001234567"}},
		{"mobile solid", "WhatsApp 03001234567.", []string{"phone:923001234567"}},
		{"mobile spaced", "rabta: 0300 123 4567", []string{"phone:923001234567"}},
		{"plus 92", "+92 300 1234567", []string{"phone:923001234567"}},
		{"plus 92 dashed", "+92-300-123-4567", []string{"phone:923001234567"}},
		{"0092", "0092 300 1234567", []string{"phone:923001234567"}},
		{"92 without plus", "923001234567", []string{"phone:923001234567"}},
		{"without its 0", "300 1234567", []string{"phone:923001234567"}},
		{"american number", "Call (386) 320-3924", nil},
		{"technology", "ASP.NET and VB.NET developer", nil},
		{"sentences without a space", "growth.Responsibilities include", nil},
		{"brackets", "(0300) 1234567", []string{"phone:923001234567"}},
		{"urdu digits", "واٹس ایپ ۰۳۰۰۱۲۳۴۵۶۷ پر رابطہ کریں", []string{"phone:923001234567"}},
		{"arabic-indic digits", "رابطہ ٠٣٠٠-١٢٣٤٥٦٧", []string{"phone:923001234567"}},
		{"gulf number", "Dubai office +971 50 123 4567", []string{"phone:971501234567"}},
		{"landline", "Office 042-35761234", []string{"phone:924235761234"}},
		{"amount before number", "fees Rs 50000 0300 1234567", []string{"phone:923001234567"}},
		{"two numbers", "0300-1234567 ya 0321 7654321", []string{"phone:923001234567", "phone:923217654321"}},
		{"jazzcash", "JazzCash 0345-1112223 par fees bhejein", []string{"phone:923451112223"}},
		{"wa.me", "https://wa.me/923001234567 pe message", []string{"phone:923001234567"}},
		{"bank account", "Meezan Bank account no 0101-0123456789 mein jama", []string{"account:01010123456789"}},
		{"urdu account", "اکاؤنٹ نمبر 1234567890123 میں رقم جمع کرائیں", []string{"account:1234567890123"}},
		{"iban", "IBAN PK36 SCBL 0000 0011 2345 6702", []string{"iban:PK36SCBL0000001123456702"}},
		{"iban solid", "iban: PK36SCBL0000001123456702", []string{"iban:PK36SCBL0000001123456702"}},
		{"domain", "Apply at www.gulf-jobs-now.com/apply today", []string{"domain:gulf-jobs-now.com"}},
		{"shared host keeps path", "Form: https://forms.gle/AbC123xyz", []string{"url:forms.gle/abc123xyz"}},
		{"facebook page", "facebook.com/DubaiJobs2026 par visit karein", []string{"url:facebook.com/dubaijobs2026"}},
		{"free mail", "CV bhejein hr.dubaijobs@gmail.com", []string{"email:hr.dubaijobs@gmail.com"}},
		{"company mail has domain", "Send CV to jobs@fakeagency.pk", []string{"email:jobs@fakeagency.pk", "domain:fakeagency.pk"}},

		// Numbers that are not phone numbers or accounts.
		{"cnic", "CNIC 35202-1234567-1 ki copy", nil},
		{"date", "Last date 12-03-2026", nil},
		{"salary", "Salary 150000 - 200000 monthly", nil},
		{"indian format amount", "fees 1,50,000 rupay", nil},
		{"licence", "OEPL No. 9848/LHR", nil},
		{"government site", "Check www.beoe.gov.pk before paying", nil},
		{"government mail", "write to info@beoe.gov.pk", nil},
		{"bare facebook", "Follow us on facebook.com", nil},
		{"long number without account word", "Ref 1234567890123456", nil},
		// A mistyped IBAN is no IBAN, but the account number in it still counts.
		{"bad iban checksum", "IBAN PK00 SCBL 0000 0011 2345 6702", []string{"account:0000001123456702"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ind := range indicators.Extract(tt.text) {
				got = append(got, fmt.Sprintf("%s:%s", ind.Kind, ind.Value))
				if ind.Start < 0 || ind.End > len(tt.text) || ind.Start >= ind.End {
					t.Errorf("%s: span %d:%d outside the text", ind.Value, ind.Start, ind.End)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Extract(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestExtractQuotesTheOriginal checks that each indicator's span is what the user wrote, Urdu
// digits and all, so the reply quotes their own text.
func TestExtractQuotesTheOriginal(t *testing.T) {
	text := "نوکری دبئی، فیس جاز کیش ۰۳۰۰-۱۲۳۴۵۶۷ پر"
	got := indicators.Extract(text)
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	if q := text[got[0].Start:got[0].End]; q != "۰۳۰۰-۱۲۳۴۵۶۷" {
		t.Errorf("quoted %q, want the Urdu digits as written", q)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"0300-1234567", "+92 300 1234567", "IBAN PK36SCBL0000001123456702", "a@b.co www.x.com/y", "۰۳۰۰۱۲۳۴۵۶۷", "((+((0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, ind := range indicators.Extract(text) {
			if ind.Start < 0 || ind.End > len(text) || ind.Start > ind.End {
				t.Fatalf("span %d:%d outside %d bytes", ind.Start, ind.End, len(text))
			}
			if ind.Value == "" {
				t.Fatalf("empty value for %s", ind.Kind)
			}
		}
	})
}
