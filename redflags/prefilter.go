package redflags

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// maxLiterals bounds a prefilter; a pattern that needs more alternatives is run without one.
const maxLiterals = 48

// requiredLiterals returns strings of which every match of the pattern contains at least one, or
// nil when there is no such short list. The analyser looks for these with strings.Index before it
// runs the regexp, because Go's regexp costs per byte scanned and most patterns cannot match
// most ads.
func requiredLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := literals(re.Simplify())
	if !ok {
		return nil
	}
	slices.Sort(lits)
	return slices.Compact(lits)
}

// literals implements requiredLiterals on one node; ok is false when the node guarantees no
// literal (it can match without one).
func literals(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		s := string(re.Rune)
		return []string{s}, len(s) >= 2
	case syntax.OpCapture, syntax.OpPlus:
		return literals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literals(re.Sub[0])
		}
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l, ok := literals(sub)
			if !ok {
				return nil, false
			}
			all = append(all, l...)
		}
		return all, len(all) <= maxLiterals
	case syntax.OpConcat:
		// Any one part's literals are required; take the most selective: the one whose
		// shortest literal is longest. Runs of parts with a small exact set ("o" then
		// "ec|verseas") are joined first, so the parser's factoring does not leave "ec".
		var best []string
		bestLen := 0
		consider := func(l []string) {
			if m := minLen(l); l != nil && m > bestLen {
				best, bestLen = l, m
			}
		}
		var run []string
		for _, sub := range re.Sub {
			if ex, ok := exact(sub); ok {
				if run == nil {
					run = ex
				} else if run = cross(run, ex); run == nil {
					run = ex
				}
				if minLen(run) >= 2 {
					consider(run)
				}
				continue
			}
			if sub.Op == syntax.OpAlternate && minLen(run) >= 1 {
				// "o" then (verseas…|ec): distribute the prefix over the branches.
				if l, ok := distribute(run, sub); ok {
					consider(l)
				}
			}
			run = nil
			if l, ok := literals(sub); ok {
				consider(l)
			}
		}
		return best, best != nil
	}
	return nil, false
}

// distribute returns the literals of prefix+alt, branch by branch.
func distribute(prefixes []string, alt *syntax.Regexp) ([]string, bool) {
	var all []string
	for _, b := range alt.Sub {
		for _, p := range prefixes {
			lit := &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune(p)}
			l, ok := literals(&syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{lit, b}})
			if !ok {
				return nil, false
			}
			all = append(all, l...)
		}
	}
	return all, len(all) <= maxLiterals
}

// exact returns the finite set of strings re matches, when it is small; assertions such as \b
// match the empty string.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		ex, ok := exact(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append(ex, ""), true
	case syntax.OpCharClass:
		// A class of a few single runes, such as [sz] or s?: spell each out.
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) >= 4 {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			ex, ok := exact(sub)
			if !ok {
				return nil, false
			}
			all = append(all, ex...)
		}
		return all, len(all) <= maxLiterals
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			ex, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = cross(out, ex); out == nil {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// cross returns every a+b, or nil when there would be more than maxLiterals.
func cross(as, bs []string) []string {
	if len(as)*len(bs) > maxLiterals {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
}

func minLen(ss []string) int {
	m := -1
	for _, s := range ss {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return m
}

// wordBytes is the widest run of word characters the width estimate allows for \w+, \S+ and the
// like: longer than any Urdu or English word in an ad.
const wordBytes = 48

// maxWidth estimates in bytes the longest text a match of the pattern can span, so that the
// regexp need only run near each required literal. Unbounded repeats of a character class count
// as one word (or as the two bytes of normalised white space for \s+).
func maxWidth(pattern string) int {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return windowReach
	}
	return min(width(re.Simplify()), 4*windowReach)
}

func width(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(string(re.Rune))
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 4
	case syntax.OpCapture:
		return width(re.Sub[0])
	case syntax.OpQuest:
		return width(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if isSpaceClass(re.Sub[0]) {
			return 2
		}
		return wordBytes
	case syntax.OpRepeat:
		n := re.Max
		if n < 0 {
			n = re.Min + 1
		}
		return n * width(re.Sub[0])
	case syntax.OpAlternate:
		w := 0
		for _, s := range re.Sub {
			w = max(w, width(s))
		}
		return w
	case syntax.OpConcat:
		w := 0
		for _, s := range re.Sub {
			w += width(s)
		}
		return w
	}
	return 0
}

func isSpaceClass(re *syntax.Regexp) bool {
	if re.Op != syntax.OpCharClass {
		return false
	}
	for i := 0; i+1 < len(re.Rune); i += 2 {
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			if r != ' ' && r != '\t' && r != '\n' && r != '\f' && r != '\r' && r != '\v' {
				return false
			}
		}
	}
	return true
}

// literalWindows returns the windows around every occurrence of the literals in t, sorted and
// merged.
func literalWindows(t string, lits []string, reach int) [][2]int {
	var spans [][2]int
	for _, l := range lits {
		for off := 0; ; {
			i := strings.Index(t[off:], l)
			if i < 0 {
				break
			}
			spans = append(spans, [2]int{off + i, off + i + len(l)})
			off += i + len(l)
		}
	}
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var ws [][2]int
	for _, s := range spans {
		ws = addWindow(ws, t, s[0], s[1], reach)
	}
	return ws
}
