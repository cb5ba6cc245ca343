package redflags

import (
	"slices"
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
