package licences_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

func TestFindNumbersRecognisesEveryCitedFormat(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // normalised numbers
		texts      []string // the quoted spans
	}{
		{"OEPL No. with space", "Jobs in Dubai. OEPL No. 4859/LHR. Apply now", []string{"4859/LHR"}, []string{"OEPL No. 4859/LHR"}},
		{"OEPL No. without space", "OEPL No.2056/RWP", []string{"2056/RWP"}, []string{"OEPL No.2056/RWP"}},
		{"OEP No.", "Licensed by BEOE, OEP No.1788/RWP", []string{"1788/RWP"}, []string{"OEP No.1788/RWP"}},
		{"Lic#", "Lic# 0848/LHR", []string{"0848/LHR"}, []string{"Lic# 0848/LHR"}},
		{"stray period", "3768./RWP", []string{"3768/RWP"}, []string{"3768./RWP"}},
		{"MPD prefix", "MPD/2671/LHR", []string{"2671/LHR"}, []string{"MPD/2671/LHR"}},
		{"MPD prefix and year suffix", "Ref MPD/1250/RWP/92 dated", []string{"1250/RWP"}, []string{"MPD/1250/RWP/92"}},
		{"Urdu digits", "۴۸۵۹/LHR", []string{"4859/LHR"}, []string{"۴۸۵۹/LHR"}},
		{"Arabic-Indic digits", "٤٨٥٩/LHR", []string{"4859/LHR"}, []string{"٤٨٥٩/LHR"}},
		{"zero padded with spaces", "Licence 0008  / RWP", []string{"0008/RWP"}, []string{"Licence 0008  / RWP"}},
		{"bare zero padded with spaces", "0008  / RWP", []string{"0008/RWP"}, []string{"0008  / RWP"}},
		{"lower-case region, short number", "Licence No. 848/lhr", []string{"0848/LHR"}, []string{"Licence No. 848/lhr"}},
		{"License No colon", "License No: 12/KAR", []string{"0012/KAR"}, []string{"License No: 12/KAR"}},
		{"Lic.No.", "Lic.No. 0848/LHR", []string{"0848/LHR"}, []string{"Lic.No. 0848/LHR"}},
		{"Urdu keyword", "ہمارا لائسنس نمبر ۴۸۵۹/LHR ہے", []string{"4859/LHR"}, []string{"لائسنس نمبر ۴۸۵۹/LHR"}},
		{"region in Urdu", "۴۸۵۹/لاہور", []string{"4859/LHR"}, []string{"۴۸۵۹/لاہور"}},
		{"region code spelled in Urdu letters", "لائسنس نمبر ۱۲۳۴/ایل ایچ آر اصلی ہے؟", []string{"1234/LHR"}, []string{"لائسنس نمبر ۱۲۳۴/ایل ایچ آر"}},
		{"region code spelled without a keyword", "۰۵۶۷/آر ڈبلیو پی", []string{"0567/RWP"}, []string{"۰۵۶۷/آر ڈبلیو پی"}},
		{"region in Urdu with Arabic he", "۴۸۵۹/لاهور", []string{"4859/LHR"}, []string{"۴۸۵۹/لاهور"}},
		{"unknown region after keyword", "OEPL No. 0123/GRW", []string{"0123/GRW"}, []string{"OEPL No. 0123/GRW"}},
		{"two numbers in order", "OEPL 0848/LHR and 2600/RWP", []string{"0848/LHR", "2600/RWP"}, []string{"OEPL 0848/LHR", "2600/RWP"}},
		{"duplicates reported once", "0848/LHR ... OEPL No. 848/lhr", []string{"0848/LHR"}, []string{"0848/LHR"}},
		{"licence then permission", "OEPL No. 0848/LHR, Permission No. 5512/LHR", []string{"0848/LHR"}, []string{"OEPL No. 0848/LHR"}},
		{"permission then licence", "Permission No. 5512/LHR, OEPL 0848/LHR", []string{"0848/LHR"}, []string{"OEPL 0848/LHR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := licences.FindNumbers(tt.text)
			var numbers, texts []string
			for _, c := range got {
				numbers = append(numbers, c.Number)
				texts = append(texts, c.Text)
				if c.Text != tt.text[c.Start:c.End] {
					t.Errorf("Text %q != text[%d:%d] %q", c.Text, c.Start, c.End, tt.text[c.Start:c.End])
				}
			}
			if !reflect.DeepEqual(numbers, tt.want) || !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("FindNumbers(%q) = %q %q, want %q %q", tt.text, numbers, texts, tt.want, tt.texts)
			}
		})
	}
}

func TestFindNumbersIgnoresThingsThatAreNotLicences(t *testing.T) {
	for _, text := range []string{
		"Call 0300-1234567 now",
		"WhatsApp +92 300 1234567",
		"Interview on 15/06/2027 in Lahore",
		"Last date 15/JAN/2026",
		"Licence valid till 15/JAN/2026",
		"Salary 1500/month plus food",
		"Licence holders earn 1500/month",
		"Salary SAR 1500/- per month",
		"Support 24/7",
		"Permission No. 1234/LHR",
		"Protector permission no: 1234/RWP",
		"Ref 12345/LHR",
		"Room 0000/LHR",
		"Unknown code 1234/ABC without a keyword",
		"Code 12/ABCDEF after Licence",
	} {
		if got := licences.FindNumbers(text); len(got) != 0 {
			t.Errorf("FindNumbers(%q) = %+v, want none", text, got)
		}
	}
}

func TestParseNumberNormalisesTypedNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"0848/LHR":            "0848/LHR",
		"848/lhr":             "0848/LHR",
		" 848 / Lhr ":         "0848/LHR",
		"OEPL No. 0848 / LHR": "0848/LHR",
		"Lic# 848/LHR":        "0848/LHR",
		"لائسنس نمبر ۸۴۸/LHR": "0848/LHR",
		"۰۸۴۸/LHR":            "0848/LHR",
		"٠٨٤٨/lhr":            "0848/LHR",
		"MPD/1250/RWP/92":     "1250/RWP",
		"3768./RWP":           "3768/RWP",
		"1/GRW":               "0001/GRW",
		"0848/LHR.":           "0848/LHR",
		"۴۸۵۹/لاہور":          "4859/LHR",
		"00848/LHR":           "0848/LHR",
	} {
		got, err := licences.ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseNumberRefusesNonNumbers(t *testing.T) {
	for _, in := range []string{
		"", "0848", "0848/", "/LHR", "LHR", "12345/LHR", "0000/LHR", "0848/L", "0848/LHRXYZ",
		"0848/JAN", "1500/month", "hello 0848/LHR", "0848/LHR please", "0848/LHR1", "15/06/2027",
		"0848/\u212aAR", // Kelvin sign, which (?i) would fold to K
	} {
		if got, err := licences.ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %q, want an error", in, got)
		}
	}
}

func TestASCIIDigitMapsUrduAndArabicIndicDigits(t *testing.T) {
	for in, want := range map[rune]rune{'۰': '0', '۹': '9', '٠': '0', '٩': '9', '5': '5', 'x': 'x'} {
		if got := licences.ASCIIDigit(in); got != want {
			t.Errorf("ASCIIDigit(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEffectiveStatusExpiresLapsedActiveLicences(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d
	}
	now := day("2026-03-01")
	tests := []struct {
		name string
		rec  licences.Record
		want licences.Status
	}{
		{"active, expires later", licences.Record{Status: licences.Active, Expires: day("2027-06-30")}, licences.Active},
		{"active, expires today", licences.Record{Status: licences.Active, Expires: day("2026-03-01")}, licences.Active},
		{"active, lapsed", licences.Record{Status: licences.Active, Expires: day("2026-02-27")}, licences.Expired},
		{"active, no expiry date", licences.Record{Status: licences.Active}, licences.Active},
		{"suspended stays suspended", licences.Record{Status: licences.Suspended, Expires: day("2020-01-01")}, licences.Suspended},
	}
	for _, tt := range tests {
		if got := tt.rec.EffectiveStatus(now); got != tt.want {
			t.Errorf("%s: EffectiveStatus = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFindNumbersNeedsKeywordsToStandAlone(t *testing.T) {
	for text, want := range map[string]int{
		"XOEPL No. 0123/GRW":    0, // not the keyword OEPL: the unknown region needs one
		"x OEPL No. 0123/GRW":   1,
		"Developer 0123/GRW":    0,
		"shoep no. 0123/GRW":    0,
		"Public 0123/GRW":       0,
		"lic. no. 0123/GRW":     1,
		"mpd 0123/GRW":          1,
		"impd 0123/GRW":         0,
		"PERMISSION 0848/LHR":   0,
		"permissions: 0848/LHR": 0,
	} {
		if got := licences.FindNumbers(text); len(got) != want {
			t.Errorf("FindNumbers(%q) = %+v, want %d citations", text, got, want)
		}
	}
}

// TestIsRegionCode: two to five letters that are no month, unit or currency may be a region's
// code, known to the register or not.
func TestIsRegionCode(t *testing.T) {
	for code, want := range map[string]bool{"LHR": true, "MLN": true, "FSD": true, "rwp": true, "AB": true,
		"MONTH": false, "HR": false, "AED": false, "JAN": false, "L": false, "ABCDEF": false, "L1R": false, "": false} {
		if got := licences.IsRegionCode(code); got != want {
			t.Errorf("IsRegionCode(%q) = %v, want %v", code, got, want)
		}
	}
}
