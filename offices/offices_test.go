package offices_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/offices"
)

func bundled(t testing.TB) *offices.Directory {
	t.Helper()
	d, err := offices.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNearestFindsACityInAnyScript: a city or district in English, Urdu script or Roman Urdu,
// in any case, spacing or common spelling, leads to its office; a district without one leads to
// the nearest confirmed office; words that only look like places lead nowhere.
func TestNearestFindsACityInAnyScript(t *testing.T) {
	d := bundled(t)
	for _, tc := range []struct {
		text, want string // want: office id, "" for none
	}{
		{"Protector office in Lahore?", "poe-lahore"},
		{"protector office lahore kahan hai", "poe-lahore"},
		{"پروٹیکٹر آفس لاہور کہاں ہے؟", "poe-lahore"},
		{"LAHORE", "poe-lahore"},
		{"lahor", "poe-lahore"},
		{"LHR", "poe-lahore"},
		{"protector office pindi", "poe-rawalpindi"},
		{"Rawalpindi", "poe-rawalpindi"},
		{"rawal pindi", "poe-rawalpindi"},
		{"راولپنڈی", "poe-rawalpindi"},
		{"Islamabad", "poe-islamabad"},
		{"اسلام آباد", "poe-islamabad"},
		{"اسلام\u200cآباد", "poe-islamabad"}, // with a zero-width non-joiner
		{"karachi", "poe-karachi"},
		{"کراچی", "poe-karachi"},
		{"krachi", "poe-karachi"},
		{"Peshawar", "poe-peshawar"},
		{"peshawer", "poe-peshawar"}, // consonant skeleton
		{"پشاور", "poe-peshawar"},
		{"Multaan", "poe-multan"},
		{"ملتان", "poe-multan"},
		{"Faisalabad", "poe-lahore"}, // no confirmed office in Faisalabad: the nearest confirmed one
		{"faisalabaad", "poe-lahore"},
		{"فیصل آباد", "poe-lahore"},
		{"Sialkot", "poe-sialkot"},
		{"سیالکوٹ", "poe-sialkot"},
		{"Gujranwala", "poe-sialkot"},
		{"گوجرانوالہ", "poe-sialkot"},
		{"Gujrat", "poe-sialkot"},
		{"Mirpur", "poe-rawalpindi"},
		{"DG Khan", "poe-dgkhan"},
		{"D.G. Khan", "poe-dgkhan"},
		{"dera ghazi khan", "poe-dgkhan"},
		{"ڈیرہ غازی خان", "poe-dgkhan"},
		{"Quetta", "poe-quetta"},
		{"queta", "poe-quetta"},
		{"کوئٹہ", "poe-quetta"},
		{"Swat", "poe-malakand"},
		{"سوات", "poe-malakand"},
		{"Malakand", "poe-malakand"},
		{"Mardan", "poe-peshawar"},
		{"Bannu", "poe-peshawar"},
		{"Kohat", "poe-peshawar"},
		{"Abbottabad", "poe-rawalpindi"}, // announced there, opening not confirmed
		{"abbotabad", "poe-rawalpindi"},
		{"Turbat", "poe-karachi"},
		{"bina interview pakka visa", ""}, // "bina" is not Bannu
		{"mera pind", ""},
		{"protector office", ""},
	} {
		m, ok := d.Nearest(tc.text, offices.Protector)
		got := ""
		if ok {
			got = m.Office.ID
		}
		if got != tc.want {
			t.Errorf("Nearest(%q) = %q (place %q), want %q", tc.text, got, m.Place, tc.want)
		}
	}
}

// TestUnconfirmedFactsAreNeverHanded out: the Lahore address and phone in the file come from an
// undated blog, so the office is named without them; offices not confirmed open are not listed.
func TestUnconfirmedFactsAreNeverHandedOut(t *testing.T) {
	d := bundled(t)
	m, ok := d.Nearest("Lahore", offices.Protector)
	if !ok {
		t.Fatal("no Lahore office")
	}
	if m.Office.Address != nil || m.Office.Phone != nil {
		t.Errorf("unconfirmed facts handed out: %+v", m.Office)
	}
	raw, _ := d.Office("poe-lahore")
	if raw.Address == nil || raw.Address.Shown() {
		t.Error("the file should keep the unconfirmed Lahore address, hidden")
	}
	var cities []string
	for _, o := range d.List(offices.Protector) {
		cities = append(cities, o.City)
		if !o.Shown() || o.Source == "" || o.CheckedOn().IsZero() {
			t.Errorf("listed without a source or date: %+v", o)
		}
	}
	for _, hidden := range []string{"Sukkur", "Abbottabad", "Gwadar", "Faisalabad", "Gujrat", "Mirpur", "Turbat"} {
		for _, c := range cities {
			if c == hidden {
				t.Errorf("%s is listed, but its office is not confirmed", hidden)
			}
		}
	}
	for _, want := range []string{"Lahore", "Rawalpindi", "Islamabad", "Karachi", "Peshawar", "Quetta", "Multan", "Malakand", "Dera Ghazi Khan", "Sialkot"} {
		found := false
		for _, c := range cities {
			found = found || c == want
		}
		if !found {
			t.Errorf("%s is not listed", want)
		}
	}
	fb := d.Fallback()
	if fb.ID != "beoe" || fb.Web == nil || fb.Web.Value != "beoe.gov.pk" {
		t.Errorf("fallback %+v", fb)
	}
	var phones []string
	for _, h := range d.List(offices.Helpline) {
		phones = append(phones, h.Phone.Value)
	}
	if got := strings.Join(phones, " "); !strings.Contains(got, "111-247-786") || !strings.Contains(got, "1799") {
		t.Errorf("national helplines %q lack FIA or NCCIA", got)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Dera  Ghazi-Khan": "deraghazikhan",
		"D.G. Khan":        "dgkhan",
		"MULTAAN":          "multan",
		"فيصل آباد":        "فیصلاباد", // Arabic yeh, madda
		"كوئٹه":            "کوئٹہ",    // Arabic kaf and heh
		"لاہَور":           "لاہور",    // a diacritic
	} {
		if got := offices.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseRefusesABadDirectory: each mistake an operator could make in their own file is a
// startup error that says what is wrong.
func TestParseRefusesABadDirectory(t *testing.T) {
	const office = "[[office]]\nid = \"beoe\"\nkind = \"beoe\"\nname = \"BEOE\"\nname_ur = \"بیورو\"\nconfirmed = true\nsource = \"https://beoe.gov.pk\"\nchecked = \"2026-12-01\"\n"
	for name, tc := range map[string]struct{ toml, want string }{
		"not toml":            {"fallback = ", "help directory"},
		"unknown key":         {"fallback = \"beoe\"\ncolour = 1\n" + office, "unknown key colour"},
		"no fallback":         {office, "fallback"},
		"kind":                {"fallback = \"beoe\"\n" + strings.Replace(office, `kind = "beoe"`, `kind = "embassy"`, 1), "unknown kind"},
		"confirmed unsourced": {"fallback = \"beoe\"\n" + strings.Replace(office, `source = "https://beoe.gov.pk"`, "", 1), "without a source"},
		"bad date":            {"fallback = \"beoe\"\n" + strings.Replace(office, "2026-12-01", "1 Dec", 1), "YYYY-MM-DD"},
		"duplicate":           {"fallback = \"beoe\"\n" + office + office, "twice"},
		"phone unsourced":     {"fallback = \"beoe\"\n" + office + "phone = { value = \"051-1234567\", confirmed = true }\n", "phone is confirmed without"},
		"place to nowhere":    {"fallback = \"beoe\"\n" + office + "[[place]]\nnames = [\"Lahore\"]\noffices = [\"poe-lahore\"]\n", "no office \"poe-lahore\""},
		"place twice":         {"fallback = \"beoe\"\n" + office + "[[place]]\nnames = [\"Lahore\", \"LAHORE\"]\noffices = [\"beoe\"]\n", "given twice"},
	} {
		_, err := offices.Parse([]byte(tc.toml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, tc.want)
		}
	}
}

func TestLoadAnOperatorsFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "offices.toml")
	data := `fallback = "beoe"
[[office]]
id = "beoe"
kind = "beoe"
name = "BEOE"
name_ur = "بیورو"
confirmed = true
source = "https://beoe.gov.pk"
checked = "2026-12-01"
web = { value = "beoe.gov.pk", confirmed = true, source = "https://beoe.gov.pk", checked = "2026-12-01" }
[[office]]
id = "poe-x"
kind = "protector"
name = "Protector of Emigrants, Exampleton"
name_ur = "پروٹیکٹر دفتر"
city = "Exampleton"
city_ur = "مثال پور"
confirmed = true
source = "https://example.org/poe"
checked = "2026-12-01"
phone = { value = "000-0000000", confirmed = true, source = "https://example.org/poe", checked = "2026-12-01" }
[[place]]
names = ["Exampleton", "مثال پور"]
offices = ["poe-x"]
`
	if err := os.WriteFile(good, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := offices.Load(good)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := d.Nearest("protector office مثال پور", offices.Protector); !ok || m.Office.Phone == nil {
		t.Errorf("operator's office not found: %+v %v", m, ok)
	}
	if _, err := offices.Load(filepath.Join(dir, "missing.toml")); err == nil || !strings.Contains(err.Error(), "TASDEEQ_HELP_DIRECTORY") {
		t.Errorf("missing file: %v", err)
	}
}

// BenchmarkNearest looks up the office for a typical forwarded ad: every ad answer does this, so
// it must cost far less than the analysis of the ad.
func BenchmarkNearest(b *testing.B) {
	d := bundled(b)
	ad := "URGENT: Dubai cleaners needed, salary AED 4500. Pay Rs 40,000 processing fee to this account " +
		"before interview. Limited seats! Interviews at our office near Liberty Market, Gulberg. WhatsApp 0300-5551234"
	for b.Loop() {
		d.Nearest(ad, offices.Protector)
	}
}
