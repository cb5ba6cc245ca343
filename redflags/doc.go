package redflags

import (
	"sort"
	"strings"
)

// doc is one text being analysed: the original, its normalised form and its clauses.
type doc struct {
	orig    string
	n       normalized
	toks    []token
	cues    *Cues
	clauses []clause
}

// clause is a sentence or line of the normalised text; warned clauses are warnings ("never pay a
// registration fee") whose red-flag words must not count against the ad.
type clause struct {
	start, end int
	warned     bool
}

func (a *Analyzer) newDoc(text string) *doc {
	d := &doc{orig: text, n: normalize(text), cues: &a.rules.Cues}
	d.toks = tokenize(d.n.text)
	d.splitClauses()
	return d
}

// splitClauses cuts the normalised text at line breaks and sentence ends. A full stop ends a
// sentence only when a space or the end follows, so "Rs 1.5 lakh" and "gmail.com" stay whole.
func (d *doc) splitClauses() {
	t := d.n.text
	start := 0
	cut := func(end int) {
		if end > start {
			d.clauses = append(d.clauses, clause{start: start, end: end})
		}
		start = end
	}
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '\n', '!', '?', ';', '|':
			cut(i + 1)
		case '.':
			if i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\n' {
				cut(i + 1)
			}
		case 0xD8: // ؟ (U+061F) is D8 9F
			if i+1 < len(t) && t[i+1] == 0x9F {
				cut(i + 2)
				i++
			}
		case 0xDB: // ۔ (U+06D4) is DB 94
			if i+1 < len(t) && t[i+1] == 0x94 {
				cut(i + 2)
				i++
			}
		case 0xE2: // • (U+2022) is E2 80 A2
			if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0xA2 {
				cut(i + 3)
				i += 2
			}
		}
	}
	cut(len(t))
	d.markWarnings()
}

// markWarnings marks clauses that warn, and lines under a warning heading ("Warning signs:",
// "in baaton se hoshiyar rahein:") until the next blank line.
func (d *doc) markWarnings() {
	t := d.n.text
	var cues []int // where warning phrases start
	d.cues.warning.each(d.toks, func(_ string, start, _ int) bool { cues = append(cues, start); return true })
	hasCue := func(from, to int) bool {
		for _, c := range cues {
			if c >= from && c < to {
				return true
			}
		}
		return len(d.cues.warning.symbols) > 0 && d.cues.warning.symbolIn(t[from:to])
	}
	inherit := false
	lineStart := 0
	ci := 0
	for lineStart <= len(t) {
		lineEnd := strings.IndexByte(t[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(t)
		} else {
			lineEnd += lineStart
		}
		line := strings.TrimSpace(t[lineStart:lineEnd])
		if line == "" {
			inherit = false
		}
		lineWarn := line != "" && hasCue(lineStart, lineEnd)
		for ; ci < len(d.clauses) && d.clauses[ci].start < lineEnd; ci++ {
			c := &d.clauses[ci]
			c.warned = inherit || hasCue(c.start, c.end)
		}
		if lineWarn && (strings.HasSuffix(line, ":") || strings.HasSuffix(line, ":-")) {
			inherit = true
		}
		lineStart = lineEnd + 1
	}
}

func (d *doc) clauseAt(pos int) clause {
	i := sort.Search(len(d.clauses), func(i int) bool { return d.clauses[i].end > pos })
	if i == len(d.clauses) {
		return clause{start: 0, end: len(d.n.text)}
	}
	return d.clauses[i]
}

// clauseEndOrig is the original byte offset where the clause holding pos ends.
func (d *doc) clauseEndOrig(pos int) int {
	c := d.clauseAt(pos)
	end := c.end
	for end > c.start && strings.ContainsRune(".!?;|\n ", rune(d.n.text[end-1])) {
		end--
	}
	if end <= c.start {
		return 0
	}
	_, oe := d.n.span(c.start, end)
	return oe
}

// suppressed reports whether a match is in a warning, or negated nearby: "no registration fee",
// "koi fees nahi", "کوئی فیس نہیں لی جاتی".
func (d *doc) suppressed(start, end int, negatable bool) bool {
	c := d.clauseAt(start)
	if c.warned {
		return true
	}
	if !negatable {
		return false
	}
	// A match may run past its clause; the words after it are those of the clause it ends in.
	after := d.clauseAt(max(start, end-1)).end
	return d.negatedBefore(c.start, start) || (end < after && d.negatedAfter(end, after))
}

const negationWindow = 4

func (d *doc) negatedBefore(from, to int) bool {
	if to <= from {
		return false // a match may start a clause, or run over its start
	}
	words := wordsBetween(d.n.text[from:to])
	for i, n := len(words)-1, 0; i >= 0 && n < negationWindow; i, n = i-1, n+1 {
		if words[i] == "," {
			return false
		}
		if d.cues.negBefore[words[i]] {
			return true
		}
	}
	return false
}

func (d *doc) negatedAfter(from, to int) bool {
	if to <= from {
		return false // a match may end its clause, or run past it
	}
	words := wordsBetween(d.n.text[from:to])
	for i := 0; i < len(words) && i < negationWindow; i++ {
		if words[i] == "," {
			return false
		}
		if d.cues.negAfter[words[i]] {
			return true
		}
	}
	return false
}

// wordsBetween splits s into words, keeping commas so negation stops there ("free food, visa fee").
func wordsBetween(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		if r == ',' {
			out = append(out, ",")
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// language tells English, Urdu, Roman Urdu and mixed text apart by script and by the small words
// that only Roman Urdu uses.
func (d *doc) language() Language {
	arabic, latin := 0, 0
	for _, r := range d.n.text {
		switch {
		case r >= 'a' && r <= 'z':
			latin++
		case r >= 0x0600 && r <= 0x06FF && isWordRune(r) && !(r >= 0x06F0 && r <= 0x06F9) && !(r >= 0x0660 && r <= 0x0669):
			arabic++
		}
	}
	total := arabic + latin
	if total == 0 {
		return English
	}
	share := float64(arabic) / float64(total)
	switch {
	case share >= 0.8:
		return Urdu
	case share > 0.2:
		return Mixed
	}
	words, roman := 0, 0
	for _, t := range d.toks {
		if t.w[0] >= 'a' && t.w[0] <= 'z' {
			words++
			if d.cues.romanMarkers[t.w] {
				roman++
			}
		}
	}
	if words > 0 && (roman*100 >= words*12 || roman >= 6 && roman*100 >= words*6) {
		return RomanUrdu
	}
	return English
}

// jobCues counts the distinct job-ad words in the text.
func (d *doc) jobCues() int {
	seen := map[string]bool{}
	d.cues.jobAd.each(d.toks, func(p string, _, _ int) bool { seen[p] = true; return len(seen) < 2 })
	return len(seen)
}

func (d *doc) overseas() bool { return d.cues.overseas.any(d.toks, d.n.text) }

// awareness reports whether the text is an awareness message rather than an offer: it carries
// an awareness marker or several warnings, and nothing that invites an application.
func (d *doc) awareness() bool {
	if d.cues.offer.any(d.toks, d.n.text) {
		return false
	}
	if d.cues.awareness.any(d.toks, d.n.text) {
		return true
	}
	warned := 0
	for _, c := range d.clauses {
		if c.warned {
			warned++
		}
	}
	return warned >= 2
}
