package outreach_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/outreach"
)

// TestReadyCampaigns loads the shipped messages: both languages, Urdu without Latin words (a
// licence number such as 9848/LHR aside), and the facts each one must carry.
func TestReadyCampaigns(t *testing.T) {
	files, err := filepath.Glob("../deploy/campaigns/*.toml")
	if err != nil || len(files) < 6 {
		t.Fatalf("ready campaigns: %v %v", files, err)
	}
	must := map[string][]string{
		"fees.toml":             {"15,000", "6,000"},
		"licence-check.toml":    {"9848/LHR"},
		"azad-visa.toml":        {},
		"visit-visa.toml":       {},
		"dunki.toml":            {"111-247-786"},
		"call-centre-jobs.toml": {"111-247-786", "1799"},
	}
	latin := regexp.MustCompile(`[A-Za-z]+`)
	licence := regexp.MustCompile(`\d{4}/[A-Z]{2,5}`)
	for _, f := range files {
		text, mrc, err := outreach.LoadCampaignFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		name := filepath.Base(f)
		if mrc != "" || text["en"] == "" || text["ur"] == "" {
			t.Errorf("%s: mrc %q, languages %d", name, mrc, len(text))
		}
		if w := latin.FindAllString(licence.ReplaceAllString(text["ur"], ""), -1); len(w) > 0 {
			t.Errorf("%s: Latin words in the Urdu text: %v", name, w)
		}
		facts, ok := must[name]
		if !ok {
			continue
		}
		delete(must, name)
		for _, fact := range facts {
			if !strings.Contains(text["en"], fact) || !strings.Contains(text["ur"], fact) {
				t.Errorf("%s: %q missing in a language", name, fact)
			}
		}
	}
	for name := range must {
		t.Errorf("%s missing", name)
	}
}

func TestLoadCampaignFileErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"typo.toml":     "[text]\nen = \"hi\"\nue = \"x\"\n",
		"unknown.toml":  "name = \"x\"\n[text]\nen = \"hi\"\n",
		"empty.toml":    "mrc = \"LHR\"\n",
		"badmrc.toml":   "mrc = \"L/R\"\n[text]\nur = \"سلام\"\n",
		"toolong.toml":  "[text]\nen = \"" + strings.Repeat("a", 3501) + "\"\n",
		"nottoml.toml":  "text = [",
		"whitespc.toml": "[text]\nen = \"   \"\n",
	}
	for name, body := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, err := outreach.LoadCampaignFile(p)
		if err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "nottoml.toml" && !errors.Is(err, outreach.ErrInvalidCampaign) {
			t.Errorf("%s: %v is not ErrInvalidCampaign", name, err)
		}
	}
	p := filepath.Join(dir, "ok.toml")
	_ = os.WriteFile(p, []byte("mrc = \"lhr\"\n[text]\nur = \"\"\"\nسلام\n\"\"\"\n"), 0o600)
	text, mrc, err := outreach.LoadCampaignFile(p)
	if err != nil || mrc != "LHR" || text["ur"] != "سلام" || len(text) != 1 {
		t.Fatalf("ok.toml: %v %q %q", err, mrc, text)
	}
	if _, _, err := outreach.LoadCampaignFile(filepath.Join(dir, "missing.toml")); err == nil {
		t.Fatal("missing file: no error")
	}
}
