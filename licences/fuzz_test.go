package licences_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/licences"
)

var normalisedNumber = regexp.MustCompile(`^[0-9]{4}/[A-Z]{2,5}$`)

// FuzzFindNumbers checks that FindNumbers never panics, that every citation's span is inside the
// input, that Text is exactly input[Start:End] with no surrounding white space, that Number is
// normalised, and that ParseNumber reads both the number and the quoted text back the same way.
func FuzzFindNumbers(f *testing.F) {
	for _, s := range []string{
		"OEPL No. 9859/LHR", "OEPL No.9056/RWP", "OEP No.9788/RWP", "Lic# 9848/LHR", "9768./RWP",
		"MPD/9671/LHR", "MPD/9250/RWP/92", "۹۸۵۹/LHR", "٩٨٥٩/LHR", "9008  / RWP", "Licence No. 9848/lhr",
		"License No: 12/KAR", "لائسنس نمبر ۹۸۵۹/LHR", "۴۸۵۹/لاہور", "Lic.No. 9848/LHR",
		"OEPL No. 9848/LHR, Permission No. 5512/LHR", "0300-1234567", "+92 300 1234567", "15/06/2027",
		"15/JAN/2026", "1500/month", "SAR 1500/-", "24/7", "Permission No. 1234/LHR",
		"Jobs in Saudi Arabia! Salary 1500/month. OEPL No. 9848/LHR, call 0300-1234567 (24/7)",
		"ہمارا لائسنس نمبر ۴۸۵۹/لاهور ہے", "OEPL\u00a0No.\u2003848 / lhr", "0848/\u212aAR", "\xff9848/LHR\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range licences.FindNumbers(text) {
			if c.Start < 0 || c.Start > c.End || c.End > len(text) {
				t.Fatalf("span [%d:%d] outside %d bytes", c.Start, c.End, len(text))
			}
			if c.Text != text[c.Start:c.End] || c.Text != strings.TrimSpace(c.Text) || c.Text == "" {
				t.Fatalf("Text %q, text[%d:%d] = %q", c.Text, c.Start, c.End, text[c.Start:c.End])
			}
			if !normalisedNumber.MatchString(c.Number) {
				t.Fatalf("Number %q is not normalised", c.Number)
			}
			if n, err := licences.ParseNumber(c.Number); err != nil || n != c.Number {
				t.Fatalf("ParseNumber(%q) = %q, %v", c.Number, n, err)
			}
			if n, err := licences.ParseNumber(c.Text); err != nil || n != c.Number {
				t.Fatalf("ParseNumber(Text %q) = %q, %v; want %q", c.Text, n, err, c.Number)
			}
		}
	})
}

// FuzzParseCSV checks that ParseCSV never panics and that whatever it accepts is consistent:
// at least one record, numbers normalised and unique, titles and statuses set, error lines
// within the file.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		sampleCSV, updatedCSV,
		"Licence No.,Licence Title,Status\n9848/LHR,Crescent,Active\nabc,x,Pending\n",
		"Status,Licence Title,Licence No.\r\nActive,\"Crescent, \"\"Star\"\"\",9848/lhr\r\n",
		"# c\n\nLicence No.,Licence Title,Status,Expiry Date\n\"0001/LHR\",\"a\nb\",Active,30/06/2027\n",
		"\ufeffLicense No,Title,STATUS\n9848/LHR,x,Canceled\n9848/LHR,y,Active\n",
		"Licence No.,Licence Title\n", "", "#", "\ufeff", "a,\"b\nc",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := licences.ParseCSV(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		if len(snap.Records) == 0 {
			t.Fatal("accepted a file without records")
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		seen := map[string]bool{}
		for _, r := range snap.Records {
			if !normalisedNumber.MatchString(r.Number) || seen[r.Number] || r.Title == "" || r.Status == "" {
				t.Fatalf("bad record %+v", r)
			}
			seen[r.Number] = true
		}
		for _, e := range snap.Errors {
			if e.Line < 1 || e.Line > lines || e.Err == nil {
				t.Fatalf("row error %v outside %d lines", e, lines)
			}
		}
	})
}

// FuzzNameScore checks that NameScore never panics, stays within [0, 1], is symmetric and scores
// a name against itself as 1 whenever it has any word.
func FuzzNameScore(f *testing.F) {
	for _, p := range [][2]string{
		{"Crescent Manpower", "کریسنٹ مین پاور"}, {"Al-Noor Overseas", "النور اوورسیز"},
		{"M/s Tala Gang Intl (Pvt) Ltd", "Talagang International"}, {"", "The"},
		{strings.Repeat("x", 100), strings.Repeat("kb", 70)}, {"\xff\xfe", "a b c d e f g h i j k l m n"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := licences.NameScore(a, b), licences.NameScore(b, a)
		if ab < 0 || ab > 1 || ab != ba {
			t.Fatalf("NameScore(%q, %q) = %v, reversed %v", a, b, ab, ba)
		}
		if len(licences.NameKeys(a)) > 0 {
			if self := licences.NameScore(a, a); self < 0.999 {
				t.Fatalf("NameScore(%q, itself) = %v", a, self)
			}
		}
	})
}
