package redflags

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// token is one word of the normalised text.
type token struct {
	w          string
	start, end int
	// id numbers w among the words that rules and cue lists name (see vocabulary), 0 when none
	// names it: comparing ids is cheaper than comparing words, and an id indexes tables.
	id wordID
}

// tokenize splits normalised text into words. A number keeps its separators ("15,000", "1.5"),
// and % and $ are words of their own, so that patterns can say "100 %" and "$ #".
func tokenize(s string) []token {
	return tokenizeInto(s, make([]token, 0, len(s)/5))
}

// tokenizeInto is tokenize appending to toks, so that a caller can reuse its memory.
func tokenizeInto(s string, toks []token) []token {
	ids := vocabularyNow()
	start, prevDigit := -1, false
	flush := func(end int) {
		if start >= 0 {
			// A possessive is its word: "movie's review" and "employees' pay" read as "movie
			// review" and "employees pay".
			w := s[start:end]
			if len(w) > 2 && w[len(w)-2] == '\'' && w[len(w)-1] == 's' {
				w = w[:len(w)-2]
			}
			for len(w) > 0 && w[len(w)-1] == '\'' {
				w = w[:len(w)-1]
			}
			if w != "" {
				toks = append(toks, token{w, start, start + len(w), ids.idAt(s, start, len(w))})
			}
			start = -1
		}
	}
	for i, size := 0, 0; i < len(s); i += size {
		r := rune(s[i])
		if r < utf8.RuneSelf {
			size = 1
			if class := asciiWordClass[r]; class != 0 {
				// A run of ASCII letters (or of ASCII digits) is one word, or the rest of one:
				// read to its end at once, as the runes one by one would be.
				digit := class == asciiDigitClass
				if start >= 0 && prevDigit != digit {
					flush(i) // "22لاکھ", "Rs2", "4ہزار": a number written onto its word is two words
				}
				if start < 0 {
					start = i
				}
				prevDigit = digit
				for i+size < len(s) && asciiWordClass[s[i+size]] == class {
					size++
				}
				continue
			}
		} else if r, size = decodeTwoByte(s, i); size == 0 { // Urdu's letters, in line
			r, size = utf8.DecodeRuneInString(s[i:])
		} else if wordTable[r] {
			// A run of two-byte word runes (an Urdu word, or the rest of one) is read to its end
			// at once, as the runes one by one would be: none of them is a digit (the digits of
			// the normal form are ASCII), so only a number before the run parts it.
			if start >= 0 && prevDigit {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			prevDigit = false
			for {
				next, n := decodeTwoByte(s, i+size)
				if n == 0 || !wordTable[next] {
					break
				}
				size += n
			}
			continue
		}
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
		case r == '%' || r == '$' || r == '€' || r == '£' || r == '₹' || r == '₦' || r == '₱' || r == '৳':
			flush(i)
			n := len(string(r))
			toks = append(toks, token{s[i : i+n], i, i + n, ids.id(s[i : i+n])})
		default:
			if start >= 0 { // tested here too: most runes between words are spaces, and a call costs
				flush(i)
			}
		}
	}
	flush(len(s))
	return toks
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// The classes of asciiWordClass.
const (
	asciiNoWordClass = iota // a byte that is no word rune, or not ASCII
	asciiLetterClass        // an ASCII word rune that is not a digit: a letter, an apostrophe
	asciiDigitClass         // an ASCII digit
)

// asciiWordClass classes every byte for tokenizeInto, whose runs of ASCII letters and of ASCII
// digits are words: one table read a byte tells whether the run goes on, where it was three tests
// (ASCII, a word rune, a digit as the run's first byte).
var asciiWordClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case isDigitByte(byte(c)):
			t[c] = asciiDigitClass
		case wordTable[c]:
			t[c] = asciiLetterClass
		}
	}
	return t
}()

// phraseSet matches lists of words and phrases against the tokens of a text in one pass. It
// replaces alternations of hundreds of literals, which Go's regexp runs slowly.
type phraseSet struct {
	byFirst map[string][][]string
	symbols []string // cues with no letters, such as ❌, matched as substrings
	// firsts holds the ids of the words phrases start with, and byRank the phrases by that id,
	// in the order of the ids: a token that starts none costs one bit test. rank[w] counts the
	// ids of firsts in its words before firsts[w], so that the phrases of an id of firsts are
	// found by counting bits (phrasesOf), not by a map lookup.
	firsts idSet
	rank   []int32
	byRank [][]phrase
	// firstWords lists, in order, the indexes of the words of firsts that are not zero: anyOf
	// reads only those, where the set's ids are a few dozen spread over thousands.
	firstWords []int32
}

// phrase is one phrase of a phraseSet: the ids of its words and its words joined by spaces.
type phrase struct {
	ids  []wordID
	text string
}

func newPhraseSet(phrases []string) phraseSet {
	ps := phraseSet{byFirst: map[string][][]string{}}
	byID := map[wordID][]phrase{}
	for _, p := range phrases {
		words := strings.Fields(strings.Join(wordsOf(Normalize(p)), " "))
		if len(words) == 0 {
			ps.symbols = append(ps.symbols, p)
			continue
		}
		ps.byFirst[words[0]] = append(ps.byFirst[words[0]], words)
		ids := wordIDs(words)
		ps.firsts.add(ids[0])
		byID[ids[0]] = append(byID[ids[0]], phrase{ids, strings.Join(words, " ")})
	}
	ps.rank = make([]int32, len(ps.firsts))
	for w, b := range ps.firsts {
		ps.rank[w] = int32(len(ps.byRank))
		if b != 0 {
			ps.firstWords = append(ps.firstWords, int32(w))
		}
		for ; b != 0; b &= b - 1 {
			ps.byRank = append(ps.byRank, byID[wordID(w)<<6|wordID(bits.TrailingZeros64(b))])
		}
	}
	return ps
}

// byFirstID calls fn with every word id phrases start with, in the order of the ids, and the
// phrases that start with it.
func (ps *phraseSet) byFirstID(fn func(first wordID, phrases []phrase)) {
	k := 0
	for w, b := range ps.firsts {
		for ; b != 0; b &= b - 1 {
			fn(wordID(w)<<6|wordID(bits.TrailingZeros64(b)), ps.byRank[k])
			k++
		}
	}
}

// phrasesOf returns the phrases that start with the word id, which must be in ps.firsts.
func (ps *phraseSet) phrasesOf(id wordID) []phrase {
	w := id >> 6
	return ps.byRank[int(ps.rank[w])+bits.OnesCount64(ps.firsts[w]&(1<<(id&63)-1))]
}

func wordsOf(s string) []string {
	var out []string
	forEachWord(s, func(w string, _, _ int) { out = append(out, w) })
	return out
}

// each calls fn with the byte span of every phrase found in toks; fn returns false to stop.
func (ps phraseSet) each(toks []token, fn func(phrase string, start, end int) bool) {
	for i, t := range toks {
		if !ps.firsts.has(t.id) {
			continue
		}
		for _, p := range ps.phrasesOf(t.id) {
			if idsAt(toks, i, p.ids) && !fn(p.text, t.start, toks[i+len(p.ids)-1].end) {
				return
			}
		}
	}
}

// eachIn is ps.each over the whole text, passed over at once when the text holds none of the
// words its phrases start with.
func (d *doc) eachIn(ps phraseSet, fn func(phrase string, start, end int) bool) {
	if ps.startsIn(d.present) {
		ps.each(d.toks, fn)
	}
}

// startsIn is ps.firsts.meets(present), reading only the words of firsts that are not zero.
func (ps *phraseSet) startsIn(present idSet) bool {
	for _, w := range ps.firstWords {
		if int(w) >= len(present) {
			return false
		}
		if ps.firsts[w]&present[w] != 0 {
			return true
		}
	}
	return false
}

// anyOf is ps.any over the whole text with no symbols looked for. It reads only the words that
// both the text holds and ps's phrases start with (a text's words are a few dozen ids of
// thousands), and for each only the tokens of that word (see doc.firstAt): gather asks dozens of
// lists of every text, and testing every token for each cost a twentieth of the analysis.
func (d *doc) anyOf(ps phraseSet) bool {
	for _, w := range ps.firstWords {
		if int(w) >= len(d.present) {
			break
		}
		for m := ps.firsts[w] & d.present[w]; m != 0; m &= m - 1 {
			id := w<<6 | wordID(bits.TrailingZeros64(m))
			phrases := ps.phrasesOf(id)
			for i := d.firstAt[id] - 1; i >= 0; i = d.nextAt[i] - 1 {
				for _, p := range phrases {
					if idsAt(d.toks, int(i), p.ids) {
						return true
					}
				}
			}
		}
	}
	return ps.symbolIn("") // as any is with no text: true only for an empty symbol
}

// anyIn is ps.any over the whole text, symbols and all.
func (d *doc) anyIn(ps phraseSet) bool { return d.anyOf(ps) || ps.symbolIn(d.n.text) }

// any reports whether a phrase occurs in toks, or a symbol in text.
func (ps phraseSet) any(toks []token, text string) bool {
	for i, t := range toks {
		if !ps.firsts.has(t.id) {
			continue
		}
		for _, p := range ps.phrasesOf(t.id) {
			if idsAt(toks, i, p.ids) {
				return true
			}
		}
	}
	return ps.symbolIn(text)
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
	cueReporting
	cueJourney
	cueVictimLoss
	cueVictimGone
	cueVictimHarm
	cueWork
	cueSale
	cueSubscription
	cueRelayed
	cueOwn
	cueDontPay
	cueThirdPerson
	cueSecondPerson
	cuePastTense
	cueThreat
	numCueSets
)

// maxJobCues is how many distinct job-ad phrases scan counts at most: enough to tell a job
// posting (duties, skills, salary, benefits) from a text that mentions a job.
const maxJobCues = 6

// cueIndex matches several phrase lists in one pass over a text's words: deciding a message's
// kind reads eight lists, and eight passes cost an ad check a seventh of its time.
type cueIndex struct {
	firsts  idSet
	byFirst [][]cuePhrase // by the id of the first word
	phrases []indexedPhrase
}

type indexedPhrase struct {
	ids    []wordID
	phrase string
	set    cueSet
}

// cuePhrase is a phrase of a cueIndex as a pass over a text first tests it: its second word's
// id, read in place, turns most phrases away from a token without reading their words, which lie
// elsewhere in memory (the phrases that start with "visa" or "job" are dozens).
type cuePhrase struct {
	second wordID // the id of the second word, 0 for a phrase of one word
	set    cueSet
	long   bool  // more than two words: the rest are read from phrases[at]
	at     int32 // the index of the phrase in phrases
}

func newCueIndex(sets []phraseSet) cueIndex {
	var ci cueIndex
	for set, ps := range sets {
		ps.byFirstID(func(first wordID, phrases []phrase) {
			if int(first) >= len(ci.byFirst) {
				ci.byFirst = append(ci.byFirst, make([][]cuePhrase, int(first)+1-len(ci.byFirst))...)
			}
			ci.firsts.add(first)
			for _, p := range phrases {
				cp := cuePhrase{set: cueSet(set), long: len(p.ids) > 2, at: int32(len(ci.phrases))}
				if len(p.ids) > 1 {
					cp.second = p.ids[1]
				}
				ci.phrases = append(ci.phrases, indexedPhrase{p.ids, p.text, cueSet(set)})
				ci.byFirst[first] = append(ci.byFirst[first], cp)
			}
		})
	}
	// The phrases of a first word are kept in the order of their second word's id (the phrases of
	// one word first, at 0): scan reads them only up to the next token's id. A count does not
	// depend on the order the phrases at a token are read in.
	for _, ps := range ci.byFirst {
		slices.SortStableFunc(ps, func(a, b cuePhrase) int { return cmp.Compare(a.second, b.second) })
	}
	return ci
}

// at reports whether the phrase p stands in toks from index i on, as idsAt does; the caller has
// matched the first word.
func (ci *cueIndex) at(p *cuePhrase, toks []token, i int) bool {
	if p.second == 0 {
		return true
	}
	if i+1 >= len(toks) || toks[i+1].id != p.second {
		return false
	}
	return !p.long || idsAt(toks, i, ci.phrases[p.at].ids)
}

// scan counts every match of every list in toks, as phraseSet.each would one list at a time,
// and the distinct job-ad phrases, up to maxJobCues.
func (ci cueIndex) scan(toks []token) (n [numCueSets]int, jobAd int) {
	var seen [maxJobCues]string
	for i, t := range toks {
		if !ci.firsts.has(t.id) {
			continue
		}
		next := wordID(0) // no phrase of two words or more matches past the end
		if i+1 < len(toks) {
			next = toks[i+1].id
		}
		ps := ci.byFirst[t.id]
		for k := range ps {
			p := &ps[k]
			if p.second > next {
				break // the phrases left need a later second word than the next token's
			}
			if p.second != 0 && (p.second != next || p.long && !idsAt(toks, i, ci.phrases[p.at].ids)) {
				continue
			}
			n[p.set]++
			if p.set == cueJobAd && jobAd < maxJobCues {
				if phrase := ci.phrases[p.at].phrase; !slices.Contains(seen[:jobAd], phrase) {
					seen[jobAd] = phrase
					jobAd++
				}
			}
		}
	}
	return n, jobAd
}

// present reports which of the index's lists occur in toks, one bit per list in the order they
// were given to newCueIndex, in one pass.
func (ci cueIndex) present(toks []token) uint32 {
	var bits uint32
	for i, t := range toks {
		if !ci.firsts.has(t.id) {
			continue
		}
		ps := ci.byFirst[t.id]
		for k := range ps {
			if p := &ps[k]; bits&(1<<p.set) == 0 && ci.at(p, toks, i) {
				bits |= 1 << p.set
			}
		}
	}
	return bits
}

// idsAt reports whether the words with ids stand in toks from index i on; the caller has
// matched the first.
func idsAt(toks []token, i int, ids []wordID) bool {
	if i+len(ids) > len(toks) {
		return false
	}
	for j := 1; j < len(ids); j++ {
		if toks[i+j].id != ids[j] {
			return false
		}
	}
	return true
}
