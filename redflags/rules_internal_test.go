package redflags

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRuleExamples checks every rule against the examples and counter-examples written beside
// it, so a counsellor who edits a rule file learns at once whether the rule still does its job.
func TestRuleExamples(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.rules.Rules {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Examples) == 0 && len(r.Requires) == 0 {
				t.Errorf("rule has no examples")
			}
			for _, ex := range r.Examples {
				if !slices.Contains(ruleIDs(a, ex), r.ID) {
					t.Errorf("example %q: rule did not fire (fired: %v)", ex, ruleIDs(a, ex))
				}
			}
			for _, ex := range r.Counter {
				if slices.Contains(ruleIDs(a, ex), r.ID) {
					t.Errorf("counter-example %q: rule fired", ex)
				}
			}
		})
	}
}

func ruleIDs(a *Analyzer, text string) []string {
	var ids []string
	for _, f := range a.matchRules(a.newDoc(text), nil) {
		ids = append(ids, f.Rule)
	}
	return ids
}

// TestEveryCodeHasARule makes sure all 24 codes of design.md §3 can be raised: by a rule file or
// by one of the checks written in code.
func TestEveryCodeHasARule(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	inCode := map[Code]bool{NoLicence: true, LicenceNotValid: true, LicenceUnknown: true, LicenceNameMismatch: true, UnrealisticPay: true, SuspiciousLink: true, FreeEmail: true}
	for _, c := range AllCodes {
		if inCode[c] {
			continue
		}
		if !slices.ContainsFunc(a.rules.Rules, func(r *Rule) bool { return r.Flag == c }) {
			t.Errorf("%s: no rule raises it", c)
		}
	}
	if len(AllCodes) != 24 || len(Weights) != 24 {
		t.Errorf("codes: %d, weights: %d, want 24", len(AllCodes), len(Weights))
	}
}

func TestVariantLengths(t *testing.T) {
	for v := range romanVariants {
		if len(v) < 2 || len(v) > maxVariantLen {
			t.Errorf("variant %q: length %d outside 2..%d, foldWords would skip it", v, len(v), maxVariantLen)
		}
	}
}

// TestPossibleNeverHidesAMatch runs every pattern of the shipped rules (matches, contexts and
// unless lists) over every probe text at every token: a pattern that possible rules out for a text
// must match nowhere in it, or matchRules and anyMatch would miss a sign. It also checks that the
// filter rules out something, or it would cost without saving.
func TestPossibleNeverHidesAMatch(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := probeTexts(t)
	var pats []*wordPattern
	for _, r := range a.rules.Rules {
		for _, list := range [][]wordPattern{r.words, r.context, r.unless} {
			for i := range list {
				pats = append(pats, &list[i])
			}
		}
	}
	ruledOut := 0
	for _, text := range texts {
		d := a.newDoc(text)
		for _, p := range pats {
			if p.possible(d.present) {
				continue
			}
			ruledOut++
			for i := range d.toks {
				if _, ok := p.match(d.toks, i); ok {
					t.Fatalf("pattern %q ruled out of %q matches at word %d", p.src, text, i)
				}
			}
		}
		d.release()
	}
	if ruledOut == 0 {
		t.Fatal("possible ruled out no pattern of any text")
	}
}

// probeTexts reads the texts of testdata/probes.jsonl.
func probeTexts(tb testing.TB) []string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "probes.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for line := range strings.Lines(string(data)) {
		var p struct{ Text string }
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			tb.Fatal(err)
		}
		out = append(out, p.Text)
	}
	return out
}

// TestRequiresChain: a flag dropped for want of its own required flag satisfies no other rule's
// requirement. A dog groomer's posting that names "Part Time Employees" (a task-scam word that
// stands only beside a stranger's opener) and "Microsoft Office" (a brand that stands only beside
// a remote-job sign) raises neither.
func TestRequiresChain(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"en.task_scam.stranger", "en.impersonation.brand"} {
		if a.ruleByID(id) == nil || len(a.ruleByID(id).Requires) == 0 {
			t.Fatalf("%s: no such rule with requires", id)
		}
	}
	fs := []Flag{{Code: TaskScam, Rule: "en.task_scam.stranger"}, {Code: Impersonation, Rule: "en.impersonation.brand"},
		{Code: Urgency, Rule: "en.urgency"}}
	got := a.applyRequires(fs)
	if len(got) != 1 || got[0].Code != Urgency {
		t.Errorf("applyRequires kept %v, want only URGENCY", got)
	}
	fs = []Flag{{Code: TaskScam, Rule: "en.task_scam.stranger"}, {Code: Impersonation, Rule: "en.impersonation.brand"},
		{Code: NoInterview, Rule: "en.no_interview.unsolicited"}}
	if got := a.applyRequires(fs); len(got) != 3 {
		t.Errorf("applyRequires kept %v, want all three", got)
	}
}
