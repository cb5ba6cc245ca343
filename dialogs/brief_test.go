package dialogs_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
)

// corpusAds reads the ads of the analyser's development corpus (redflags/testdata/corpus), the
// texts nobody on the project wrote among them.
func corpusAds(t *testing.T) []string {
	t.Helper()
	files, err := os.ReadDir("../redflags/testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var ads []string
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".jsonl") {
			continue
		}
		fh, err := os.Open("../redflags/testdata/corpus/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var row struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &row) == nil && row.Text != "" {
				ads = append(ads, row.Text)
			}
		}
		fh.Close()
	}
	return ads
}

// TestVerdictsFitOneScreen checks every corpus text that gets a verdict, in both languages: the
// reply is at most 900 characters (without the invisible isolate marks), names at most three
// signs, and says no line twice. The rest of the signs come with the "more" button.
func TestVerdictsFitOneScreen(t *testing.T) {
	d := mustDeps(t)
	ads := corpusAds(t)
	if len(ads) < 500 {
		t.Fatalf("only %d corpus texts", len(ads))
	}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		verdicts, longest, withMore := 0, 0, 0
		for _, ad := range ads {
			_, out := step(t, d, dialogs.Session{Lang: lang}, text(ad))
			var m *dialogs.Output
			for i := range out {
				if out[i].Kind == dialogs.SendMessage {
					m = &out[i]
				}
			}
			if m == nil || !isVerdict(d, lang, m.Text) {
				continue // not answered as an ad
			}
			verdicts++
			n := dialogs.Runes(m.Text)
			longest = max(longest, n)
			if n > dialogs.MaxVerdictRunes {
				t.Errorf("%s: %d characters:\n%s", lang, n, m.Text)
			}
			if signs := strings.Count(m.Text, "\n• "); signs > 3 {
				t.Errorf("%s: %d signs named:\n%s", lang, signs, m.Text)
			}
			seen := map[string]bool{}
			for _, line := range strings.Split(m.Text, "\n") {
				if line = strings.TrimSpace(line); line != "" && seen[line] {
					t.Errorf("%s: %q said twice:\n%s", lang, line, m.Text)
				}
				seen[line] = true
			}
			if strings.Contains(buttons(*m), "more:") {
				withMore++
			}
		}
		t.Logf("%s: %d verdicts, longest %d characters, %d with a \"more\" button", lang, verdicts, longest, withMore)
		if verdicts < 200 {
			t.Errorf("%s: only %d verdicts checked", lang, verdicts)
		}
	}
}

func buttons(o dialogs.Output) string { return strings.Join(buttonData(o), " ") }

// isVerdict reports whether reply is a verdict on an ad: it starts with a risk headline.
func isVerdict(d dialogs.Deps, lang locales.Lang, reply string) bool {
	for _, risk := range []string{"high", "medium", "low"} {
		if strings.HasPrefix(reply, d.Bundle.T(lang, "verdict."+risk, nil)) {
			return true
		}
	}
	return false
}

// TestMoreSignsShowsTheRest presses "more" under a verdict with four signs: the fourth is shown
// with its evidence, the first three are not repeated, in both languages; a forged count or no
// ad gets the stale-button answer.
func TestMoreSignsShowsTheRest(t *testing.T) {
	d := mustDeps(t)
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		s, out := step(t, d, dialogs.Session{Lang: lang}, text(scamAd))
		first := messages(out)[0].Text
		var more string
		for _, b := range buttonData(messages(out)[0]) {
			if strings.HasPrefix(b, "more:") {
				more = b
			}
		}
		if more == "" {
			t.Fatalf("%s: no more button: %v", lang, buttonData(messages(out)[0]))
		}
		_, out = step(t, d, s, press(more))
		m := messages(out)
		if len(m) != 1 {
			t.Fatalf("%s: %+v", lang, out)
		}
		rest := m[0].Text
		if !strings.Contains(rest, d.Bundle.T(lang, "verdict.more_title", nil)) || strings.Count(rest, "• ") != 1 {
			t.Errorf("%s: more signs:\n%s", lang, rest)
		}
		for _, line := range strings.Split(rest, "\n") {
			if strings.HasPrefix(line, "• ") && strings.Contains(first, line) {
				t.Errorf("%s: %q was already in the verdict", lang, line)
			}
		}
		_, out = step(t, d, dialogs.Session{Lang: lang}, press(more))
		if m := messages(out); len(m) != 1 || m[0].Text != d.Bundle.T(lang, "button.stale", nil) {
			t.Errorf("%s: more without an ad: %+v", lang, out)
		}
	}
}
