package redflags

import (
	"fmt"
	"strconv"
	"strings"
)

// A word pattern is how rules say what to look for: words of the normalised ad, in order.
//
//	fees                 the word "fees"
//	regist*              any word that starts with "regist"
//	(visit|tourist)      one of these; an alternative may be several words: (jazz cash|jazzcash)
//	(ki|ke)?             an element followed by ? may be left out
//	~3                   up to three words of anything
//	#                    a number: "15,000", "۲۰" (digits are ASCII after normalisation)
//	%                    the percent sign
//
// Patterns are matched word by word, starting only where their first element matches, which
// makes them cheap enough to run dozens per ad, and plainer to read than regular expressions.
type wordPattern struct {
	src   string
	elems []elem
}

type elemKind int

const (
	elemWord elemKind = iota
	elemPrefix
	elemAlt
	elemGap
	elemNumber
)

type elem struct {
	kind     elemKind
	word     string   // elemWord, elemPrefix
	alts     [][]elem // elemAlt
	gap      int      // elemGap
	optional bool
}

func parseWordPattern(src string) (wordPattern, error) {
	p := &wpParser{s: strings.TrimSpace(src)}
	elems, err := p.seq(false)
	if err != nil {
		return wordPattern{}, fmt.Errorf("pattern %q: %w", src, err)
	}
	if p.i < len(p.s) {
		return wordPattern{}, fmt.Errorf("pattern %q: unexpected %q", src, p.s[p.i:])
	}
	if len(elems) == 0 {
		return wordPattern{}, fmt.Errorf("pattern %q: empty", src)
	}
	if f := elems[0]; f.kind == elemGap || f.optional {
		return wordPattern{}, fmt.Errorf("pattern %q: must start with a word, not a gap or an optional element", src)
	}
	if l := elems[len(elems)-1]; l.kind == elemGap {
		return wordPattern{}, fmt.Errorf("pattern %q: must not end with a gap", src)
	}
	return wordPattern{src: src, elems: elems}, nil
}

type wpParser struct {
	s string
	i int
}

// seq parses elements up to the end, or up to | or ) inside a group.
func (p *wpParser) seq(inGroup bool) ([]elem, error) {
	var out []elem
	for {
		for p.i < len(p.s) && p.s[p.i] == ' ' {
			p.i++
		}
		if p.i == len(p.s) || (inGroup && (p.s[p.i] == '|' || p.s[p.i] == ')')) {
			return out, nil
		}
		var e elem
		switch c := p.s[p.i]; {
		case c == '(':
			p.i++
			for {
				alt, err := p.seq(true)
				if err != nil {
					return nil, err
				}
				if len(alt) == 0 {
					return nil, fmt.Errorf("empty alternative")
				}
				if alt[0].kind == elemGap || alt[0].optional {
					return nil, fmt.Errorf("an alternative must start with a word")
				}
				e.alts = append(e.alts, alt)
				if p.i == len(p.s) {
					return nil, fmt.Errorf("missing )")
				}
				p.i++
				if p.s[p.i-1] == ')' {
					break
				}
			}
			e.kind = elemAlt
		case c == '~':
			j := p.i + 1
			for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(p.s[p.i+1 : j])
			if err != nil || n < 1 || n > 12 {
				return nil, fmt.Errorf("gap %q: want ~1 to ~12", p.s[p.i:j])
			}
			e, p.i = elem{kind: elemGap, gap: n}, j
		case c == ')' || c == '|':
			return nil, fmt.Errorf("unexpected %q", string(c))
		default:
			j := p.i
			for j < len(p.s) && !strings.ContainsRune(" ()|?", rune(p.s[j])) {
				j++
			}
			w := p.s[p.i:j]
			p.i = j
			switch {
			case w == "#":
				e.kind = elemNumber
			case strings.HasSuffix(w, "*") && len(w) > 1:
				e.kind, e.word = elemPrefix, Normalize(strings.TrimSuffix(w, "*"))
			default:
				e.kind, e.word = elemWord, Normalize(w)
				if strings.ContainsAny(e.word, " \n") || e.word == "" {
					return nil, fmt.Errorf("%q is not one word after normalisation (%q)", w, e.word)
				}
			}
		}
		if p.i < len(p.s) && p.s[p.i] == '?' {
			e.optional = true
			p.i++
		}
		out = append(out, e)
	}
}

// match tries the pattern at token i and returns the index just past the match.
func (wp wordPattern) match(toks []token, i int) (int, bool) {
	return matchSeq(wp.elems, toks, i)
}

func matchSeq(es []elem, toks []token, i int) (int, bool) {
	if len(es) == 0 {
		return i, true
	}
	e, rest := es[0], es[1:]
	switch e.kind {
	case elemGap:
		for k := 0; k <= e.gap && i+k <= len(toks); k++ {
			if end, ok := matchSeq(rest, toks, i+k); ok {
				return end, true
			}
		}
		return 0, false
	case elemAlt:
		for _, alt := range e.alts {
			if j, ok := matchSeq(alt, toks, i); ok {
				if end, ok := matchSeq(rest, toks, j); ok {
					return end, true
				}
			}
		}
	default:
		if i < len(toks) && e.matches(toks[i].w) {
			if end, ok := matchSeq(rest, toks, i+1); ok {
				return end, true
			}
		}
	}
	if e.optional {
		return matchSeq(rest, toks, i)
	}
	return 0, false
}

// matches reports whether a one-word element matches word w.
func (e elem) matches(w string) bool {
	switch e.kind {
	case elemWord:
		return w == e.word
	case elemPrefix:
		return strings.HasPrefix(w, e.word)
	case elemNumber:
		return isDigitByte(w[0])
	}
	return false
}

// firstWords returns the words a match can start with, the prefixes it can start with, and
// whether it can start with a number; the analyser indexes patterns by them.
func firstWords(e elem) (words, prefixes []string, number bool) {
	switch e.kind {
	case elemWord:
		return []string{e.word}, nil, false
	case elemPrefix:
		return nil, []string{e.word}, false
	case elemNumber:
		return nil, nil, true
	case elemAlt:
		for _, alt := range e.alts {
			w, p, n := firstWords(alt[0])
			words, prefixes, number = append(words, w...), append(prefixes, p...), number || n
		}
	}
	return words, prefixes, number
}
