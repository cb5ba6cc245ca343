package redflags

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
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
	// The needs are, for each element every match takes a token for and that takes only named
	// words, the ids of those words as bits of an idSet: a text that holds none of one element's
	// words cannot match, which possible decides once per text instead of at every token. The
	// first element's come first, so that restNeeds can pass over them (matchRules tries a
	// pattern only where its first word is), then the others, fewest words first: a single word is
	// the likeliest to be missing.
	//
	// The needs are kept flat, one after the other in needBits, needEnds[k] being the end of the
	// k-th in it: possible reads one array, not a slice header and an array per need, and it is
	// asked of a few hundred patterns per text.
	needBits []idBits
	needEnds []int32
	// firstNeeds is how many of the needs are the first element's (0 or 1).
	firstNeeds int
}

// idBits is a word of an idSet: the ids at, and the bits of those ids in, word at.
type idBits struct {
	at   int32
	bits uint64
}

// possible reports whether the text whose word ids are present may hold a match: false when
// it lacks every word of an element the pattern needs.
func (wp *wordPattern) possible(present idSet) bool {
	return possibleIn(wp.needBits, wp.needEnds, 0, present)
}

// needBit is an idBits of a need that says whether it is the need's last.
type needBit struct {
	at   int32
	last bool
	bits uint64
}

// restNeeds lays out the needs of the pattern after its first element's, each marked at its last
// idBits, in one array: a text known to hold the pattern's first word may hold a match only when
// restPossibleIn says so of them.
func (wp *wordPattern) restNeeds() []needBit {
	from := 0
	if wp.firstNeeds > 0 {
		from = int(wp.needEnds[wp.firstNeeds-1])
	}
	var out []needBit
	for _, end := range wp.needEnds[wp.firstNeeds:] {
		if int(end) == from {
			// A need of no word is never met (possibleIn): an id no text holds stands for it.
			out = append(out, needBit{at: math.MaxInt32, last: true})
		}
		for k := from; k < int(end); k++ {
			out = append(out, needBit{at: wp.needBits[k].at, bits: wp.needBits[k].bits, last: k == int(end)-1})
		}
		from = int(end)
	}
	return out
}

// restPossibleIn reports whether present meets every need of rest (restNeeds): possibleIn over
// the needs after the first element's.
func restPossibleIn(rest []needBit, present idSet) bool {
	found := false
	for i := range rest {
		b := &rest[i]
		if int(b.at) < len(present) && present[b.at]&b.bits != 0 {
			found = true
		}
		if b.last {
			if !found {
				return false
			}
			found = false
		}
	}
	return true
}

// possibleIn reports whether present meets every need whose end is in ends, the first of them
// starting at needBits[from].
func possibleIn(needBits []idBits, ends []int32, from int, present idSet) bool {
	k := from
	for _, end := range ends {
		found := false
		for ; k < int(end); k++ {
			if b := needBits[k]; int(b.at) < len(present) && present[b.at]&b.bits != 0 {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		k = int(end)
	}
	return true
}

// flatNeeds lays needs out one after the other (see wordPattern.needBits).
func flatNeeds(needs [][]idBits) (needBits []idBits, needEnds []int32) {
	for _, need := range needs {
		needBits = append(needBits, need...)
		needEnds = append(needEnds, int32(len(needBits)))
	}
	return needBits, needEnds
}

// needsOf lists the elements of es that every match takes a word for (a word, or a group whose
// every alternative starts with a word), each as the words of an idSet that hold their ids.
func needsOf(es []elem) [][]idBits {
	var out [][]idBits
	for _, ids := range neededIDs(es) {
		var need []idBits
		for _, id := range ids {
			k := slices.IndexFunc(need, func(b idBits) bool { return b.at == id>>6 })
			if k < 0 {
				need, k = append(need, idBits{at: id >> 6}), len(need)
			}
			need[k].bits |= 1 << (id & 63)
		}
		out = append(out, need)
	}
	return out
}

// bitCount counts the ids of a need.
func bitCount(need []idBits) int {
	n := 0
	for _, b := range need {
		n += bits.OnesCount64(b.bits)
	}
	return n
}

// neededIDs lists, for each element of es that every match takes a word for, the ids of the
// words it takes.
func neededIDs(es []elem) [][]wordID {
	var out [][]wordID
	for _, e := range es {
		if e.optional {
			continue
		}
		switch e.kind {
		case elemWord:
			out = append(out, []wordID{e.id})
		case elemAlt:
			var ids []wordID
			for _, alt := range e.alts {
				if alt[0].kind != elemWord {
					ids = nil
					break
				}
				if !slices.Contains(ids, alt[0].id) {
					ids = append(ids, alt[0].id)
				}
			}
			if ids != nil {
				out = append(out, ids)
			}
		}
	}
	return out
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
	id       wordID   // elemWord: the word's id in the vocabulary
	alts     [][]elem // elemAlt
	runs     []altRun // elemAlt: the alternatives as matchSeq tries them (see bindAlts)
	gap      int      // elemGap
	optional bool
	// first (elemAlt) has bit id%256 set for the id of every word an alternative can start
	// with, or is nil when an alternative starts with a prefix or a number, which have no id.
	first *[4]uint64
}

// altRun is a run of alternatives that are each one word, tried as one set (words), or a single
// alternative of any other shape (seq).
type altRun struct {
	words []wordID
	// sieve has bit id%256 set for every id of words: most tokens are turned away by one bit
	// test, and only the rest are looked for among the words.
	sieve [4]uint64
	seq   []elem
}

// has reports whether id is one of the run's words.
func (r *altRun) has(id wordID) bool {
	return r.sieve[id>>6&3]&(1<<(id&63)) != 0 && slices.Contains(r.words, id)
}

// bindAlts numbers the words of es and groups the one-word alternatives of each group into runs,
// so that "(rs|pkr|sar|aed|usd)" is one test of the token's id instead of five comparisons. The
// order of the alternatives is kept: only neighbours are grouped, and every one-word alternative
// moves matching to the same next token, so the first that matches gives the same result.
func bindAlts(es []elem) {
	for i := range es {
		e := &es[i]
		switch e.kind {
		case elemWord:
			e.id = wordIDOf(e.word)
		case elemAlt:
			e.runs, e.first = nil, new([4]uint64)
			for _, alt := range e.alts {
				bindAlts(alt)
				if len(alt) == 1 && alt[0].kind == elemWord && !alt[0].optional {
					if n := len(e.runs); n == 0 || e.runs[n-1].seq != nil {
						e.runs = append(e.runs, altRun{})
					}
					run := &e.runs[len(e.runs)-1]
					run.words = append(run.words, alt[0].id)
					run.sieve[alt[0].id>>6&3] |= 1 << (alt[0].id & 63)
				} else {
					e.runs = append(e.runs, altRun{seq: alt})
				}
				if e.first != nil {
					switch a := &alt[0]; a.kind {
					case elemWord:
						e.first[a.id>>6&3] |= 1 << (a.id & 63)
					case elemAlt:
						if a.first == nil {
							e.first = nil
						} else {
							for k := range e.first {
								e.first[k] |= a.first[k]
							}
						}
					default:
						e.first = nil
					}
				}
			}
		}
	}
}

// mayStartAlt reports whether an alternative of the group e may start with token t: false
// when t's id is none of the words they start with.
func (e *elem) mayStartAlt(t *token) bool {
	return e.first == nil || e.first[t.id>>6&3]&(1<<(t.id&63)) != 0
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
	bindAlts(elems)
	first, rest := needsOf(elems[:1]), needsOf(elems[1:])
	slices.SortStableFunc(rest, func(a, b []idBits) int { return bitCount(a) - bitCount(b) })
	needBits, needEnds := flatNeeds(append(first, rest...))
	return wordPattern{src: src, elems: elems, needBits: needBits, needEnds: needEnds, firstNeeds: len(first)}, nil
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
	e, rest := &es[0], es[1:]
	switch e.kind {
	case elemGap:
		for k := 0; k <= e.gap && i+k <= len(toks); k++ {
			if len(rest) > 0 && !rest[0].mayStart(toks, i+k) {
				continue // the common case, decided without a call
			}
			if end, ok := matchSeq(rest, toks, i+k); ok {
				return end, true
			}
		}
		return 0, false
	case elemAlt:
		if i >= len(toks) || !e.mayStartAlt(&toks[i]) {
			break // every alternative starts with an element that takes this token
		}
		for k := range e.runs {
			run := &e.runs[k]
			if run.seq == nil {
				if run.has(toks[i].id) {
					if end, ok := matchSeq(rest, toks, i+1); ok {
						return end, true
					}
				}
				continue
			}
			if j, ok := matchSeq(run.seq, toks, i); ok {
				if end, ok := matchSeq(rest, toks, j); ok {
					return end, true
				}
			}
		}
	default:
		if i < len(toks) && e.matches(&toks[i]) {
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

// mayStart reports whether a sequence that starts with e may match at token j: false only
// when it surely does not, because e needs a token and toks[j] is not one it takes.
func (e *elem) mayStart(toks []token, j int) bool {
	if e.optional || e.kind == elemGap {
		return true
	}
	if j >= len(toks) {
		return false // every other element, and every alternative's first, takes a token
	}
	if e.kind != elemAlt {
		return e.matches(&toks[j])
	}
	if !e.mayStartAlt(&toks[j]) {
		return false
	}
	for k := range e.runs {
		run := &e.runs[k]
		if run.seq == nil && run.has(toks[j].id) || run.seq != nil && run.seq[0].mayStart(toks, j) {
			return true
		}
	}
	return false
}

// matches reports whether a one-word element matches token t.
func (e *elem) matches(t *token) bool {
	switch e.kind {
	case elemWord:
		return t.id == e.id
	case elemPrefix:
		return strings.HasPrefix(t.w, e.word)
	case elemNumber:
		return isDigitByte(t.w[0])
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
