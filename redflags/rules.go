package redflags

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed rules/*.toml
var rulesFS embed.FS

// Rule is one reviewable red-flag rule: when any of its trigger words is in the normalised text,
// its patterns are matched, and a match (not negated, not inside a warning) raises its flag.
type Rule struct {
	ID       string   `toml:"id"`
	Flag     Code     `toml:"flag"`
	Lang     string   `toml:"lang"`     // the language the rule was written for: en, ur or roman-ur
	Source   string   `toml:"source"`   // where the sign comes from (design.md §1 and its sources)
	Triggers []string `toml:"triggers"` // whole normalised words; the patterns run only when one is present
	Patterns []string `toml:"patterns"` // RE2 over the normalised text
	Context  []string `toml:"context"`  // if set, one of these must match somewhere in the text
	Unless   []string `toml:"unless"`   // if one of these matches anywhere in the text, the rule does not fire
	Requires []Code   `toml:"requires"` // if set, the flag stands only when one of these flags fired too
	// Negatable is true unless the rule says otherwise: "no registration fee" is not a fee demand.
	Negatable *bool    `toml:"negatable"`
	Examples  []string `toml:"examples"` // texts the rule must fire on (tested)
	Counter   []string `toml:"counter"`  // texts the rule must not fire on (tested)

	patterns []*regexp.Regexp
	literals [][]string // per pattern: the prefilter of requiredLiterals, or nil
	widths   []int      // per pattern: maxWidth
	context  []*regexp.Regexp
	unless   []*regexp.Regexp
}

// Cues are the word lists that decide context: negation around a match, warnings in a clause,
// awareness texts and real offers. They live in rules/context.toml so a counsellor can extend them.
type Cues struct {
	NegationBefore []string `toml:"negation_before"`
	NegationAfter  []string `toml:"negation_after"`
	Warning        []string `toml:"warning"`
	Awareness      []string `toml:"awareness"`
	Offer          []string `toml:"offer"`
	JobAd          []string `toml:"job_ad"`
	Overseas       []string `toml:"overseas"`
	RomanMarkers   []string `toml:"roman_markers"`

	negBefore, negAfter map[string]bool
	romanMarkers        map[string]bool
	warning             phraseSet
	awareness           phraseSet
	offer               phraseSet
	jobAd               phraseSet
	overseas            phraseSet
}

// Rules is a compiled rule set.
type Rules struct {
	Rules []*Rule
	Cues  Cues
	// byTrigger indexes rules by their trigger words so one pass over the text's words picks the
	// few rules worth running.
	byTrigger map[string][]int
	always    []int
}

type ruleFile struct {
	Rule    []*Rule `toml:"rule"`
	Context *Cues   `toml:"context"`
}

// DefaultRules loads the embedded rule files. It fails only if a shipped rule is broken, which
// the tests catch.
func DefaultRules() (*Rules, error) {
	var files []ruleFile
	err := fs.WalkDir(rulesFS, "rules", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := rulesFS.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		var f ruleFile
		if _, err := toml.Decode(string(data), &f); err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return compile(files)
}

func compile(files []ruleFile) (*Rules, error) {
	rs := &Rules{byTrigger: map[string][]int{}}
	seen := map[string]bool{}
	for _, f := range files {
		if f.Context != nil {
			rs.Cues = *f.Context
		}
		for _, r := range f.Rule {
			if seen[r.ID] {
				return nil, fmt.Errorf("rule %s: duplicate id", r.ID)
			}
			seen[r.ID] = true
			if !r.Flag.Valid() {
				return nil, fmt.Errorf("rule %s: unknown flag %q", r.ID, r.Flag)
			}
			var err error
			if r.patterns, err = compileAll(r.Patterns); err != nil {
				return nil, fmt.Errorf("rule %s: %w", r.ID, err)
			}
			for _, p := range r.Patterns {
				r.literals = append(r.literals, requiredLiterals(foldPattern(p)))
				r.widths = append(r.widths, maxWidth(foldPattern(p)))
			}
			if len(r.patterns) == 0 {
				return nil, fmt.Errorf("rule %s: no patterns", r.ID)
			}
			if r.context, err = compileAll(r.Context); err != nil {
				return nil, fmt.Errorf("rule %s context: %w", r.ID, err)
			}
			if r.unless, err = compileAll(r.Unless); err != nil {
				return nil, fmt.Errorf("rule %s unless: %w", r.ID, err)
			}
			i := len(rs.Rules)
			rs.Rules = append(rs.Rules, r)
			if len(r.Triggers) == 0 {
				rs.always = append(rs.always, i)
			}
			for _, t := range r.Triggers {
				t = Normalize(t)
				if !slices.Contains(rs.byTrigger[t], i) {
					rs.byTrigger[t] = append(rs.byTrigger[t], i)
				}
			}
		}
	}
	if err := rs.Cues.compile(); err != nil {
		return nil, err
	}
	return rs, nil
}

// foldPattern normalises the non-ASCII letters of a pattern the way text is normalised, so a rule
// written with آ or ي still matches; ASCII is left alone because it carries the regex syntax.
func foldPattern(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if f := foldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

func compileAll(ps []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(ps))
	for _, p := range ps {
		re, err := regexp.Compile(foldPattern(p))
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

func (c *Cues) compile() error {
	c.negBefore = wordSet(c.NegationBefore)
	c.negAfter = wordSet(c.NegationAfter)
	c.romanMarkers = wordSet(c.RomanMarkers)
	for _, x := range []struct {
		dst   *phraseSet
		words []string
		name  string
	}{
		{&c.warning, c.Warning, "warning"}, {&c.awareness, c.Awareness, "awareness"}, {&c.offer, c.Offer, "offer"},
		{&c.jobAd, c.JobAd, "job_ad"}, {&c.overseas, c.Overseas, "overseas"},
	} {
		if len(x.words) == 0 {
			return fmt.Errorf("context.%s: empty list", x.name)
		}
		*x.dst = newPhraseSet(x.words)
	}
	return nil
}

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Normalize(w)] = true
	}
	return m
}
