package redflags

import (
	"slices"
	"strings"
)

// token is one word of the normalised text.
type token struct {
	w          string
	start, end int
}

// tokenize splits normalised text into words. A number keeps its separators ("15,000", "1.5"),
// and % and $ are words of their own, so that patterns can say "100 %" and "$ #".
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5)
	start, prevDigit := -1, false
	flush := func(end int) {
		if start >= 0 {
			// A possessive is its word: "movie's review" and "employees' pay" read as "movie
			// review" and "employees pay".
			w := s[start:end]
			if len(w) > 2 && strings.HasSuffix(w, "'s") {
				w = w[:len(w)-2]
			}
			if w = strings.TrimRight(w, "'"); w != "" {
				toks = append(toks, token{w, start, start + len(w)})
			}
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case isWordRune(r):
			digit := r >= '0' && r <= '9'
			if start >= 0 && prevDigit != digit {
				flush(i) // "22لاکھ", "Rs2", "4ہزار": a number written onto its word is two words
			}
			if start < 0 {
				start = i
			}
			prevDigit = digit
		case (r == ',' || r == '.') && start >= 0 && i > 0 && isDigitByte(s[i-1]) && i+1 < len(s) && isDigitByte(s[i+1]):
			// inside a number
		case r == '%' || r == '$' || r == '€' || r == '£' || r == '₹':
			flush(i)
			n := len(string(r))
			toks = append(toks, token{s[i : i+n], i, i + n})
		default:
			flush(i)
		}
	}
	flush(len(s))
	return toks
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// phraseSet matches lists of words and phrases against the tokens of a text in one pass. It
// replaces alternations of hundreds of literals, which Go's regexp runs slowly.
type phraseSet struct {
	byFirst map[string][][]string
	symbols []string // cues with no letters, such as ❌, matched as substrings
}

func newPhraseSet(phrases []string) phraseSet {
	ps := phraseSet{byFirst: map[string][][]string{}}
	for _, p := range phrases {
		words := strings.Fields(strings.Join(wordsOf(Normalize(p)), " "))
		if len(words) == 0 {
			ps.symbols = append(ps.symbols, p)
			continue
		}
		ps.byFirst[words[0]] = append(ps.byFirst[words[0]], words)
	}
	return ps
}

func wordsOf(s string) []string {
	var out []string
	forEachWord(s, func(w string, _, _ int) { out = append(out, w) })
	return out
}

// each calls fn with the byte span of every phrase found in toks; fn returns false to stop.
func (ps phraseSet) each(toks []token, fn func(phrase string, start, end int) bool) {
	for i, t := range toks {
		for _, words := range ps.byFirst[t.w] {
			if wordsAt(toks, i, words) && !fn(strings.Join(words, " "), t.start, toks[i+len(words)-1].end) {
				return
			}
		}
	}
}

// any reports whether a phrase occurs in toks, or a symbol in text.
func (ps phraseSet) any(toks []token, text string) bool {
	found := false
	ps.each(toks, func(string, int, int) bool { found = true; return false })
	return found || ps.symbolIn(text)
}

func (ps phraseSet) symbolIn(text string) bool {
	for _, s := range ps.symbols {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// cueSet names one of the whole-message cue lists that cueIndex reads together.
type cueSet uint8

const (
	cueOffer cueSet = iota
	cueContact
	cueJobAd
	cueAwareness
	cueAdvisory
	cueNews
	cueVictim
	cueLicence
	cueFirstPerson
	cuePaid
	cueTook
	cueMoney
	cueRemote
	cueEasy
	cueTask
	cueQuickPay
	cueAgent
	cueOverseas
	cueBusywork
	cueEarn
	cueReceipt
	numCueSets
)

// maxJobCues is how many distinct job-ad phrases scan counts at most: enough to tell a job
// posting (duties, skills, salary, benefits) from a text that mentions a job.
const maxJobCues = 6

// cueIndex matches several phrase lists in one pass over a text's words: deciding a message's
// kind reads eight lists, and eight passes cost an ad check a seventh of its time.
type cueIndex struct {
	byFirst map[string][]indexedPhrase
}

type indexedPhrase struct {
	words  []string
	phrase string
	set    cueSet
}

func newCueIndex(sets [numCueSets]phraseSet) cueIndex {
	ci := cueIndex{byFirst: map[string][]indexedPhrase{}}
	for set, ps := range sets {
		for first, phrases := range ps.byFirst {
			for _, words := range phrases {
				ci.byFirst[first] = append(ci.byFirst[first], indexedPhrase{words, strings.Join(words, " "), cueSet(set)})
			}
		}
	}
	return ci
}

// scan counts every match of every list in toks, as phraseSet.each would one list at a time,
// and the distinct job-ad phrases, up to maxJobCues.
func (ci cueIndex) scan(toks []token) (n [numCueSets]int, jobAd int) {
	var seen [maxJobCues]string
	for i, t := range toks {
		for _, p := range ci.byFirst[t.w] {
			if !wordsAt(toks, i, p.words) {
				continue
			}
			n[p.set]++
			if p.set == cueJobAd && jobAd < maxJobCues && !slices.Contains(seen[:jobAd], p.phrase) {
				seen[jobAd] = p.phrase
				jobAd++
			}
		}
	}
	return n, jobAd
}

// wordsAt reports whether words stand in toks from index i on.
func wordsAt(toks []token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for j := 1; j < len(words); j++ {
		if toks[i+j].w != words[j] {
			return false
		}
	}
	return true
}
