package redflags

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// doc is one text being analysed: the original, its normalised form and its clauses.
type doc struct {
	orig    string
	n       normalized
	toks    []token
	cues    *Cues
	clauses []clause
	commas  []int // offsets of the commas of the normalised text
	// warnings counts the warning words that warn (markWarnings finds them; the message kind
	// uses the count).
	warnings int
	// askedWarnings counts the warning words in clauses that ask ("sahi hai ya fraud?"): they
	// name a fear, they judge nothing.
	askedWarnings int
	// cautions counts the warnings among them that tell the reader what not to do ("do not go",
	// "never pay", "نہ بھیجیں", "mat dein") or to take care ("beware", "ہوشیار"): advice, where
	// "fraud" and "fake" only name what someone did.
	cautions int
	// cueCache holds each clause's cue words, keyed by the clause's start (see clauseCues).
	cueCache map[int]clauseCue
	// counts and jobAd are the whole-message cue lists read in one pass (see cueIndex.scan).
	counts [numCueSets]int
	jobAd  int
	// linked is set by checkLinks when the text holds a link that is not an e-mail address: a
	// way to apply or get in touch ("apply on oec.gov.pk").
	linked bool
	// unofficialLink is set by checkLinks when one of those links is not on a government's own
	// domain (officialHost): only such a link is a way to pay someone.
	unofficialLink bool
	// asks is set when the text has a question mark, Latin or Urdu; latin counts the Latin
	// letters and arabic the letters of the Arabic block, for language (splitClauses finds them).
	asks          bool
	latin, arabic int
	// lastQuery is the offset of the text's last question mark, Latin or Urdu (one in a link's
	// query string too), or -1: splitClauses finds it, and openingHook reads it.
	lastQuery int
	// phone caches hasPhoneNumber: 0 not yet known, 1 a number, -1 none.
	phone int8
	// feeChanged caches whether the text tells of a fee raised or cut (feeChangedCue), read once
	// per text however many sums ask it: 0 not yet known, 1 yes, -1 no.
	feeChanged int8
	// wordBuf holds the result of wordsBackIn and wordsForwardIn, which their callers read at
	// once: each call reuses it, so that looking around a match allocates nothing.
	wordBuf []string
	// back and fwd hold the last result of wordsBack and of wordsForward: the checks of a sum
	// (checkAmounts) read the words on either side of it a dozen times, a few words each.
	back, fwd wordCache
	// patDone, patChecked and ruleCtx are matchRules' tables of the patterns already tried, the
	// patterns the text may hold, and the rules whose context is known, one element per pattern or
	// rule.
	patDone, patChecked []bool
	ruleCtx             []int8
	// present has a bit for the id of every word of the text that the vocabulary numbers, so
	// that a pattern needing a word the text lacks is passed over once (see wordPattern.possible)
	// rather than tried at every token where it could start.
	present idSet
	// firstAt and nextAt chain the tokens of each word id: firstAt[id] is one more than the
	// index of the first token with that id (0 for none) and nextAt[i] one more than the index of
	// the next token with token i's id. anyOf reads them to go straight to the tokens a list's
	// phrases can start at, rather than test every token of the text. firstAt is as long as the
	// vocabulary and all zero between texts: release clears only the entries its tokens set.
	firstAt, nextAt []int32
	// chars and words hold the memory of normalisation (see normalizeWith); with toks, clauses
	// and commas they are kept from one text to the next (see docPool).
	chars, words builder
}

// docPool keeps docs between analyses, so that an ad costs no new memory for its normal form,
// its words and its clauses, which were most of what checking it allocated. Nothing of a doc
// outlives Analyze: a verdict quotes the original text, and the normalised text is a string of
// its own.
var docPool = sync.Pool{New: func() any { return new(doc) }}

// maxPooledText is the longest text whose doc goes back to the pool: a Telegram message is at
// most 4,096 characters, and the memory of a rare longer text is not kept for the short ones
// that follow.
const maxPooledText = 16 << 10

// clause is a sentence or line of the normalised text. warned is set on a whole clause under a
// warning heading ("Warning signs:" and the lines after it); warnSegs are the parts of a clause
// that a warning word governs ("never pay a registration fee", "beware of agents who ask for
// money"): red-flag words inside them are quoted, not offered.
type clause struct {
	start, end int
	warned     bool
	warnSegs   [][2]int
}

// newDoc returns the doc of text, which the caller gives back with release when done with it.
func (a *Analyzer) newDoc(text string) *doc {
	d := docPool.Get().(*doc)
	d.orig, d.cues = text, &a.rules.Cues
	d.n = normalizeWith(text, &d.chars, &d.words)
	if cap(d.toks) == 0 {
		d.toks = make([]token, 0, len(d.n.text)/5)
	}
	if len(d.n.text) > maxPooledText && cap(d.toks) < len(d.n.text)*2/3 {
		// A long text gets room for its words at once: growing a slice of a million tokens by
		// doubling copies it twenty times over, and "$1 $1 $1 …" has two words in three bytes.
		d.toks = make([]token, 0, len(d.n.text)*2/3+1)
	}
	d.toks = tokenizeInto(d.n.text, d.toks[:0])
	cardNetworks(d.toks)
	d.present = resetSlice((*[]uint64)(&d.present), vocabularyNow().size()/64+1)
	if len(d.firstAt) < len(d.present)*64 {
		// Every token's id is below the vocabulary's size when it was tokenised, which present
		// has room for.
		d.firstAt = make([]int32, len(d.present)*64)
	}
	d.nextAt = resetSlice(&d.nextAt, len(d.toks))
	for i := len(d.toks) - 1; i >= 0; i-- {
		if id := d.toks[i].id; id != 0 {
			d.present[id>>6] |= 1 << (id & 63)
			d.nextAt[i], d.firstAt[id] = d.firstAt[id], int32(i+1)
		}
	}
	d.counts, d.jobAd = d.cues.whole.scan(d.toks)
	d.splitClauses()
	return d
}

// cardNetworks renames the word "visa" where it names the card network, not a visa: "NEO VISA
// Debit Card ending 1234 for AED 125.50", "Card: *4321 - VISA", "Visa Platinum". A bank's
// receipt is no visa sold, and the rules, which name the visa by its word, pass it by.
func cardNetworks(toks []token) {
	for i := range toks {
		if toks[i].w != "visa" {
			continue
		}
		network := i+1 < len(toks) && (cardWords[toks[i+1].w] ||
			// "Visa card ending 1234", "Visa card holders": not "Saudi visa card ready".
			toks[i+1].w == "card" && i+2 < len(toks) && (cardAfter[toks[i+2].w] || isDigitByte(toks[i+2].w[0])))
		if !network && i >= 2 {
			// The card, its masked number, then its network: "Card: *4321 - VISA", "card
			// ending 1234 visa".
			network = toks[i-2].w == "card" && isDigitByte(toks[i-1].w[0]) ||
				i >= 3 && toks[i-3].w == "card" && toks[i-2].w == "ending" && isDigitByte(toks[i-1].w[0])
		}
		if network {
			toks[i].w, toks[i].id = "visa-card", 0
		}
	}
}

// cardWords follow the network's name on a payment card.
var cardWords = wordSet([]string{"debit", "credit", "prepaid", "platinum", "signature", "infinite", "electron",
	"contactless"})

// cardAfter follow "Visa card" when it is a payment card: its number, its holder.
var cardAfter = wordSet([]string{"ending", "no", "number", "holder", "holders", "xxxx"})

// release empties d and returns it to docPool.
func (d *doc) release() {
	if len(d.orig) > maxPooledText {
		return
	}
	for _, t := range d.toks {
		d.firstAt[t.id] = 0
	}
	clear(d.toks) // the words point into the normalised text, which must not be kept alive
	clear(d.clauses)
	clear(d.cueCache)
	clear(d.wordBuf[:cap(d.wordBuf)])
	clear(d.back.words[:cap(d.back.words)])
	clear(d.fwd.words[:cap(d.fwd.words)])
	*d = doc{
		toks: d.toks[:0], clauses: d.clauses[:0], commas: d.commas[:0], cueCache: d.cueCache,
		wordBuf: d.wordBuf[:0], back: wordCache{words: d.back.words[:0]}, fwd: wordCache{words: d.fwd.words[:0]}, patDone: d.patDone, patChecked: d.patChecked, ruleCtx: d.ruleCtx, present: d.present, chars: d.chars, words: d.words,
		firstAt: d.firstAt, nextAt: d.nextAt[:0],
	}
	docPool.Put(d)
}

// splitClauses cuts the normalised text at line breaks and sentence ends. A full stop ends a
// sentence only when a space or the end follows, so "Rs 1.5 lakh" and "gmail.com" stay whole.
// The same pass over the bytes lists the Latin and Urdu commas, notes question marks and counts
// the letters language reads.
func (d *doc) splitClauses() {
	t := d.n.text
	start := 0
	cut := func(end int) {
		if end > start {
			d.clauses = append(d.clauses, clause{start: start, end: end})
		}
		start = end
	}
	latin := 0
	d.lastQuery = -1
	for i := 0; i < len(t); i++ {
		c := t[i]
		k := textByte[c]
		latin += int(k & latinByte) // added, not branched on: letters and spaces alternate
		switch k {
		case 0, latinByte:
			// Most bytes are Latin letters, spaces and other ASCII that neither ends a clause nor
			// is a comma, or Urdu letters: the run of them is passed over in a loop of one table
			// read a byte (and one an Urdu letter, which arabicCount counts). The loop leaves at a
			// byte that ends a clause or is a comma, Latin or Urdu, as the switch reads them.
			for i+1 < len(t) {
				if k = textByte[t[i+1]]; k <= latinByte {
					latin += int(k)
					i++
					continue
				}
				if k != arabicByte || i+2 >= len(t) {
					break
				}
				if c, next := t[i+1], t[i+2]; c == 0xD8 && (next == 0x9F || next == 0x8C) || c == 0xDB && next == 0x94 {
					break
				}
				d.arabic += int(arabicCount[int(t[i+1]&3)<<6|int(t[i+2]&0x3F)])
				i += 2
			}
			continue
		case arabicByte:
			// The normal form is valid UTF-8, so a continuation byte follows. ؟ (U+061F) is
			// D8 9F, ، (U+060C) is D8 8C and ۔ (U+06D4) is DB 94.
			if i+1 == len(t) {
				continue
			}
			next := t[i+1]
			if r := rune(c&0x1F)<<6 | rune(next&0x3F); isWordRune(r) && !(r >= 0x06F0 && r <= 0x06F9) && !(r >= 0x0660 && r <= 0x0669) {
				d.arabic++
			}
			switch {
			case c == 0xD8 && next == 0x9F:
				d.asks = true
				d.lastQuery = i
				cut(i + 2)
			case c == 0xD8 && next == 0x8C:
				d.commas = append(d.commas, i)
			case c == 0xDB && next == 0x94:
				cut(i + 2)
			}
			i++
			continue
		}
		switch c {
		case '?':
			d.lastQuery = i
			if i+1 < len(t) && queryByte(t[i+1]) && i > 0 && t[i-1] != ' ' {
				// "index.php?id=5973026": a link's query string, not a question.
				continue
			}
			d.asks = true
			cut(i + 1)
		case '\n', '!', ';', '|':
			cut(i + 1)
		case '.':
			if i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\n' {
				cut(i + 1)
			}
		case ',':
			d.commas = append(d.commas, i)
		case 0xE2: // • (U+2022) is E2 80 A2
			if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0xA2 {
				cut(i + 3)
				i += 2
			}
		}
	}
	cut(len(t))
	d.latin = latin
	d.markWarnings()
}

// The kinds of byte that splitClauses acts on. They are bits, so that latinByte can be added in
// without a test.
const (
	latinByte  = 1 // a-z
	arabicByte = 2 // the first byte of a rune of the Arabic block (U+0600-U+06FF)
	clauseByte = 4 // a byte that ends a clause or is a comma, or the first byte of •
)

// textByte is the kind of each byte of the normal form, 0 for the bytes splitClauses skips.
var textByte = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = latinByte
	}
	for c := 0xD8; c <= 0xDB; c++ {
		t[c] = arabicByte
	}
	for _, c := range []byte{'\n', '!', '?', ';', '|', '.', ',', 0xE2} {
		t[c] = clauseByte
	}
	return t
}()

// arabicCount is 1 for the runes of the Arabic block (U+0600-U+06FF) that language counts as
// Urdu letters (word runes other than digits) and 0 for the rest, indexed by the low two bits of
// the rune's lead byte (D8-DB) and the low six of its second: splitClauses adds it in rather than
// testing each letter.
var arabicCount = func() (t [256]uint8) {
	for i := range t {
		if r := rune(0x0600 + i); isWordRune(r) && !(r >= 0x06F0 && r <= 0x06F9) && !(r >= 0x0660 && r <= 0x0669) {
			t[i] = 1
		}
	}
	return t
}()

// warningCue is one warning word or phrase found in the text.
type warningCue struct{ start, end int }

// warningCues finds the warning words that warn. A warning word that is itself negated is a
// reassurance, not a warning (only words that accuse are read so; "hargiz na", "never pay"
// carry their own negation): "no fraud", "not a scam", "dhoka nahi", "کوئی فراڈ نہیں" are what
// scammers add to an offer, and they must not make the offer read as a warning.
func (d *doc) warningCues() []warningCue {
	var cues []warningCue
	d.cautions = 0
	d.eachIn(d.cues.warning, func(phrase string, start, end int) bool {
		if !d.cues.accusation[phrase] || !d.negatedWithin(start, end, 2) {
			cues = append(cues, warningCue{start, end})
			if d.cues.caution[phrase] && !d.saidOfSelf(start) {
				d.cautions++
			}
		}
		return true
	})
	return cues
}

// cautionFirst start a warning addressed to the reader ("do not go", "never pay", "beware of"),
// cautionLast end one in Urdu and Roman Urdu after its negation ("پیسے نہ بھیجیں", "mat dein").
// A law stated ("not allowed", "اجازت نہیں") or a denial ("does not exist") is not one.
var (
	cautionFirst = wordSet([]string{"do", "don't", "dont", "never", "beware", "avoid", "careful", "caution",
		"hoshiyar", "khabardar", "bachein", "bachen", "bachain", "ehtiyat", "ہوشیار", "خبردار", "احتیاط", "بچیں"})
	cautionLast = wordSet([]string{"دیں", "بھیجیں", "کریں", "جائیں", "dein", "bhejein", "karein", "jayein"})
)

// saidOfSelf reports a warning the writer says of themselves ("I would never go back", "I should
// be careful"): what they resolve, not advice to the reader.
func (d *doc) saidOfSelf(start int) bool {
	for _, w := range d.wordsBack(start, 3) {
		if w == "i" || w == "we" || w == "main" || w == "hum" {
			return true
		}
	}
	return false
}

// cautionPhrase reports a warning phrase that tells the reader what not to do, or to take care
// (Cues.compile reads each warning phrase with it once).
func cautionPhrase(c *Cues, phrase string) bool {
	ws := strings.Fields(phrase)
	if len(ws) == 0 {
		return false
	}
	if cautionFirst[ws[0]] {
		return true
	}
	if !cautionLast[ws[len(ws)-1]] {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if c.negBefore.has(w) || c.negAfter.has(w) {
			return true
		}
	}
	return false
}

// negatedWithin reports whether a negation stands within n words before or after [start, end).
func (d *doc) negatedWithin(start, end, n int) bool {
	before := d.wordsBack(start, n)
	for _, w := range before {
		if d.cues.negBefore.has(w) || d.cues.negAfter.has(w) {
			return true
		}
	}
	for _, w := range d.wordsForward(end, n) {
		if d.cues.negAfter.has(w) {
			return true
		}
	}
	return false
}

// markWarnings marks what warnings govern: the comma-separated part of the clause that holds the
// warning word (and the part before it when the warning points back, as Urdu warnings do: "…
// مانگے، تو ہوشیار رہیں"), and the lines under a warning heading ("Warning signs:", "in baaton se
// hoshiyar rahein:") until the next blank line. A warning word does not govern the whole clause,
// so "⚠ send the fee on JazzCash" or "pay the fee first, no fraud" stay offers.
func (d *doc) markWarnings() {
	t := d.n.text
	cues := d.warningCues()
	d.warnings = len(cues)
	d.askedWarnings = 0
	for _, c := range cues {
		if d.clauseAsks(d.clauseAt(c.start)) {
			d.askedWarnings++
		}
	}
	ci := 0 // next cue
	inherit := false
	lineStart := 0
	cl := 0 // next clause
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
		lineWarn := false
		for ; cl < len(d.clauses) && d.clauses[cl].start < lineEnd; cl++ {
			c := &d.clauses[cl]
			c.warned = inherit
			for ci < len(cues) && cues[ci].start < c.end {
				if cues[ci].start >= c.start {
					c.warnSegs = addSpan(c.warnSegs, d.segmentGoverned(*c, cues[ci]))
					lineWarn = true
				}
				ci++
			}
		}
		if lineWarn && (strings.HasSuffix(line, ":") || strings.HasSuffix(line, ":-")) {
			inherit = true
		}
		lineStart = lineEnd + 1
	}
}

// addSpan adds s to spans, which stay sorted and disjoint: overlapping spans merge, so that
// warnedAt can search them and a clause of a million warnings keeps a short list.
func addSpan(spans [][2]int, s [2]int) [][2]int {
	for len(spans) > 0 {
		last := spans[len(spans)-1]
		if last[1] < s[0] {
			break
		}
		s = [2]int{min(s[0], last[0]), max(s[1], last[1])}
		spans = spans[:len(spans)-1]
	}
	return append(spans, s)
}

// commaBefore is the offset just past the last comma in [from, to), or -1; commaFrom is the
// offset of the first comma in [from, to), or -1. Both search the doc's commas, found once.
func (d *doc) commaBefore(from, to int) int {
	i := sort.SearchInts(d.commas, to) - 1
	if i >= 0 && d.commas[i] >= from {
		return d.commas[i] + commaLen(d.n.text, d.commas[i])
	}
	return -1
}

func (d *doc) commaFrom(from, to int) int {
	i := sort.SearchInts(d.commas, from)
	if i < len(d.commas) && d.commas[i] < to {
		return d.commas[i]
	}
	return -1
}

// commaPart is the comma-separated part of clause c that holds the span [start, end).
func (d *doc) commaPart(c clause, start, end int) (from, to int) {
	from, to = c.start, c.end
	if i := d.commaBefore(c.start, start); i >= 0 {
		from = i
	}
	if i := d.commaFrom(end, c.end); i >= 0 {
		to = i
	}
	return from, to
}

func commaLen(t string, i int) int {
	if t[i] == ',' {
		return 1
	}
	return 2 // ، U+060C
}

// segmentGoverned is the part of clause c that the warning word at cue governs.
func (d *doc) segmentGoverned(c clause, cue warningCue) [2]int {
	from, to := d.commaPart(c, cue.start, cue.end)
	// A short warning that ends the clause is its predicate, as in Urdu and Roman Urdu ("…،
	// فراڈیا ہے", "…, dhoka hai", "…, it's a scam"): it governs the whole clause.
	if to == c.end && from > c.start && len(d.wordsForwardIn(from, to, 4)) <= 3 {
		return [2]int{c.start, to}
	}
	// A warning that points back ("…, to hoshiyar rahein", "…، ایسے لوگوں سے بچیں") governs the
	// part before it too.
	if from > c.start {
		if w := d.wordsForward(from, 1); len(w) == 1 && d.cues.backRef[w[0]] {
			if i := d.commaBefore(c.start, from-1); i >= 0 {
				from = i
			} else {
				from = c.start
			}
		}
	}
	return [2]int{from, to}
}

func (d *doc) clauseAt(pos int) clause {
	i := sort.Search(len(d.clauses), func(i int) bool { return d.clauses[i].end > pos })
	if i == len(d.clauses) {
		return clause{start: 0, end: len(d.n.text)}
	}
	return d.clauses[i]
}

// warnedAt reports whether the normalised offset pos lies under a warning.
func (d *doc) warnedAt(pos int) bool {
	c := d.clauseAt(pos)
	if c.warned {
		return true
	}
	i := sort.Search(len(c.warnSegs), func(i int) bool { return c.warnSegs[i][1] > pos })
	return i < len(c.warnSegs) && pos >= c.warnSegs[i][0]
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
	if d.warnedAt(start) {
		return true
	}
	if !negatable {
		return false
	}
	c := d.clauseAt(start)
	// A match may run past its clause; the words after it are those of the clause it ends in.
	after := d.clauseAt(max(start, end-1)).end
	// A match that opens on its own negation ("no interview", "bina interview") is one of a list
	// of them, not negated by the one before: "no IELTS no interview" offers both.
	if first := d.wordsForward(start, 1); len(first) == 1 && d.cues.negBefore.has(first[0]) {
		return end < after && d.negatedAfter(end, after)
	}
	return d.negatedBefore(c.start, start) || (end < after && d.negatedAfter(end, after))
}

const negationWindow = 4

// negatedBefore reports whether a negation stands among the last negationWindow words of
// [from, to), with no comma between it and to. It reads back from to, never the whole clause, so
// a clause of a million words costs the same as one of ten.
func (d *doc) negatedBefore(from, to int) bool {
	if to <= from {
		return false // a match may start a clause, or run over its start
	}
	extend := false
	for _, w := range d.wordsBackWithin(from, to, negationWindow) {
		if d.cues.negBefore.has(w) {
			return true
		}
		extend = extend || anyWords.has(w)
	}
	if !extend {
		return false
	}
	// "We do not charge tutors any registration or training fee": the negation reaches through
	// "any" to the list it opens, and may stand three words further back.
	for i, w := range d.wordsBackWithin(from, to, negationWindow+3) {
		if i >= negationWindow && d.cues.negBefore.has(w) {
			return true
		}
	}
	return false
}

// anyWords open what a negation before them denies: "not ... any", "koi", "کوئی"; "be" carries it
// through a passive.
var anyWords = newShapedSet(map[string]bool{"any": true, "koi": true, "kisi": true, "کوئی": true, "کسی": true,
	// The passive's helpers: "no money is to be paid before visa".
	"be": true})

// negatedAfter reports whether a negation stands among the first negationWindow words of
// [from, to), before any comma.
func (d *doc) negatedAfter(from, to int) bool {
	if to <= from {
		return false // a match may end its clause, or run past it
	}
	for i, w := range d.wordsForwardWithin(from, to, negationWindow) {
		// "Free", "maaf" and "مفت" say that what stands right before them costs nothing ("visa
		// free", "fees maaf"); a word later they are another thing's ("pakka kaam, rehaish free").
		if d.cues.negAfter.has(w) && (i == 0 || !priceFreeWords[w]) {
			return true
		}
	}
	return false
}

// priceFreeWords are the words of negation_after that say a thing is free rather than deny it.
var priceFreeWords = wordSet([]string{"free", "waived", "zero", "مفت", "معاف", "muft", "maaf"})

// wordsBack returns up to n words before pos in its clause, nearest first, stopping at a comma.
// Like wordsForward, wordsBackIn and wordsForwardIn, it returns d.wordBuf, which the next call
// overwrites.
func (d *doc) wordsBack(pos, n int) []string {
	if out, ok := d.back.get(d, pos, n); ok {
		return out
	}
	from := d.clauseAt(pos).start
	return d.back.put(pos, from, n, d.wordsBackIn(from, pos, n))
}

// wordsForward returns up to n words from pos in its clause, stopping at a comma.
func (d *doc) wordsForward(pos, n int) []string {
	if out, ok := d.fwd.get(d, pos, n); ok {
		return out
	}
	to := d.clauseAt(max(0, pos-1)).end
	return d.fwd.put(pos, to, n, d.wordsForwardIn(pos, to, n))
}

// wordsBackWithin is wordsBackIn, answered from wordsBack's last read when that read the same
// span: the negation before a sum or a match is looked for in the words its other checks read.
func (d *doc) wordsBackWithin(from, to, n int) []string {
	if d.back.bound == from {
		if out, ok := d.back.get(d, to, n); ok {
			return out
		}
	}
	return d.wordsBackIn(from, to, n)
}

// wordsForwardWithin is wordsForwardIn, answered from wordsForward's last read when that read
// the same span.
func (d *doc) wordsForwardWithin(from, to, n int) []string {
	if d.fwd.bound == to {
		if out, ok := d.fwd.get(d, from, n); ok {
			return out
		}
	}
	return d.wordsForwardIn(from, to, n)
}

// wordCache is the last result of wordsBack or of wordsForward. The words from a position are
// read in one order, nearest first, and a read stops after n words: the first n words of a read
// of more are the same, and a read that stopped short of its n (at the clause's end or a comma)
// holds every word there is for any n.
type wordCache struct {
	at       int // the position read from, plus one; 0 when the cache is empty
	bound    int // where the read had to stop: the start of the clause back, its end forward
	words    []string
	complete bool // the read stopped short of its n
}

// get returns the words from pos as a read of n would, in d.wordBuf as such a read does, when the
// cache holds them.
func (c *wordCache) get(d *doc, pos, n int) ([]string, bool) {
	if c.at != pos+1 || n > len(c.words) && !c.complete {
		return nil, false
	}
	d.wordBuf = append(d.wordBuf[:0], c.words[:min(n, len(c.words))]...)
	return d.wordBuf, true
}

// put keeps out, the words read from pos up to bound with a limit of n, and returns it. Only
// wordsBack and wordsForward put, so that the position alone says what was read (the bound is
// its clause's).
func (c *wordCache) put(pos, bound, n int, out []string) []string {
	c.at, c.bound, c.words, c.complete = pos+1, bound, append(c.words[:0], out...), len(out) < n
	return out
}

func (d *doc) wordsBackIn(from, to, n int) []string {
	s := d.n.text
	out := d.wordBuf[:0]
	end := -1
	for i := to; i > from && len(out) < n; {
		// An ASCII byte is its rune, and a letter of Urdu's two bytes (a lead byte C2-DF, then
		// one continuation byte) is decoded in line; only other runes are decoded back by
		// utf8, which finds the same rune for these.
		r, size := rune(s[i-1]), 1
		if r >= utf8.RuneSelf {
			if c := s[i-1]; c&0xC0 == 0x80 && i-2 >= from && s[i-2] >= 0xC2 && s[i-2] < 0xE0 {
				r, size = rune(s[i-2]&0x1F)<<6|rune(c&0x3F), 2
			} else {
				r, size = utf8.DecodeLastRuneInString(s[from:i])
			}
		}
		if isWordRune(r) {
			if end < 0 {
				end = i
			}
		} else {
			if end >= 0 {
				out = append(out, s[i:end])
				end = -1
			}
			if r == ',' || r == '،' {
				d.wordBuf = out
				return out
			}
		}
		i -= size
	}
	if end >= 0 && len(out) < n {
		out = append(out, s[from:end])
	}
	d.wordBuf = out
	return out
}

func (d *doc) wordsForwardIn(from, to, n int) []string {
	s := d.n.text
	out := d.wordBuf[:0]
	start := -1
	for i := from; i < to && len(out) < n; {
		// Urdu's two-byte letters are decoded in line, as utf8 would decode them.
		r, size := decodeTwoByte(s[:to], i)
		if size == 0 {
			r, size = utf8.DecodeRuneInString(s[i:to])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			if r == ',' || r == '،' {
				d.wordBuf = out
				return out
			}
		}
		i += size
	}
	if start >= 0 && len(out) < n {
		out = append(out, s[start:to])
	}
	d.wordBuf = out
	return out
}

// language tells English, Urdu, Roman Urdu and mixed text apart by script (the letters
// splitClauses counted) and by the small words that only Roman Urdu uses.
func (d *doc) language() Language {
	arabic, latin := d.arabic, d.latin
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
			if d.cues.romanMarkers.has(t.id) {
				roman++
			}
		}
	}
	if words > 0 && (roman*100 >= words*12 || roman >= 6 && roman*100 >= words*6) {
		return RomanUrdu
	}
	return English
}

func (d *doc) overseas() bool {
	return d.counts[cueOverseas] > 0 || d.cues.overseas.symbolIn(d.n.text)
}

// agent reports whether the text names who takes a jobseeker's money: an agent, a company, a
// visa, a sponsor.
func (d *doc) agent() bool { return d.counts[cueAgent] > 0 || d.cues.agent.symbolIn(d.n.text) }

// gulfOfferCue marks a Gulf job offered to workers from abroad: pay in a Gulf currency, or the
// visa, ticket, iqama and lodging that go with it.
var gulfOfferCue = newPhraseSet([]string{"sar", "riyal", "riyals", "aed", "dirham", "dirhams", "dhs", "qar", "qr",
	"kwd", "kd", "omr", "bhd", "bd", "visa", "visas", "ticket", "tickets", "iqama", "accommodation", "lodging",
	"food", "transport", "transportation"})

// otherSendingCue names the other countries whose workers the Gulf recruits, their nationals and
// their emigration offices: an English ad or report that names them and no Pakistani word is
// about their recruitment, not about an unlicensed promoter in Pakistan. (India is left out: Gulf
// ads for Pakistani cooks ask for "Indian and Pakistani cuisine".)
var otherSendingCue = newPhraseSet([]string{"philippines", "filipino", "filipinos", "filipina", "poea", "dmw", "owwa",
	"nepal", "nepali", "nepalese", "dofe", "bangladesh", "bangladeshi",
	"bangladeshis", "bmet", "sri lanka", "sri lankan", "sri lankans", "slbfe", "kenya", "kenyan", "kenyans", "uganda",
	"ugandan", "ugandans", "ethiopia", "ethiopian", "ethiopians", "nigeria", "nigerian", "nigerians", "ghana",
	"ghanaian", "indonesia", "indonesian", "indonesians", "vietnam", "vietnamese", "omanis", "emiratis", "saudis",
	"qataris", "kuwaitis", "bahrainis"})

// standsAlone reports whether a token is not cut out of a longer run of letters and digits: the
// tokenizer splits "1f03705d" into "1", "f", "03705", "d", and a hash is no phone number.
func (d *doc) standsAlone(t token) bool {
	alnum := func(c byte) bool { return isASCIILetter(c) || isDigitByte(c) }
	return (t.start == 0 || !alnum(d.n.text[t.start-1])) && (t.end >= len(d.n.text) || !alnum(d.n.text[t.end]))
}

// recruitsInPakistan reports whether an ad recruits people in Pakistan, where only a
// BEOE-licensed promoter (or OEC) may recruit for work abroad: it is written in Urdu or Roman
// Urdu, or names Pakistan, a Pakistani city, rupees, a Pakistani phone number, or the Gulf and
// other countries that Pakistanis are recruited for. An employer's ad
// written for its own country's jobseekers is not bound by the Emigration Ordinance.
func (d *doc) recruitsInPakistan(lang Language) bool {
	if lang != English {
		return true
	}
	if d.anyOf(d.cues.pakistan) {
		return true
	}
	if d.anyOf(otherSendingCue) && !d.pakistaniMobile() {
		// "Saudi Arabia is recruiting 2,000 nurses from the Philippines through the POEA", "500
		// Omanis line up for jobs in Qatar": another country's workers, recruited under its laws.
		return false
	}
	if d.anyOf(inCountryCue) && !d.pakistaniMobile() {
		// "Visit visa holders can apply", "visa change inside UAE", "own visa": a Gulf employer
		// hiring those already in the country (lawful: MOHRE) recruits no one in Pakistan.
		return false
	}
	if d.anyOf(d.cues.gulf) && d.anyOf(gulfOfferCue) {
		// The Gulf alone is not enough: an airline's open day in Malta or a Dubai hospital's own
		// posting names it too. A Gulf job offered to workers from abroad names its pay in riyals
		// or dirhams, or the visa, ticket and room that come with it.
		return true
	}
	return d.pakistaniMobile()
}

// inCountryCue names candidates already in the Gulf country that hires them.
var inCountryCue = newPhraseSet([]string{"visit visa holders", "visit visa holder", "visit visa candidates",
	"inside uae", "inside the uae", "within uae", "within the uae", "candidates in uae", "candidates in the uae",
	"currently in uae", "currently in the uae", "in uae only", "uae residents", "uae resident", "own visa",
	"transferable visa", "cancelled visa holders", "residence visa holders", "visa change inside"})

// pakistaniMobile reports whether the text gives a Pakistani mobile number: 03xx, +92 or 0092
// starting a run of digits. Only at the start of a number made of digits: a link's hash or a
// reference can hold "0092" anywhere.
func (d *doc) pakistaniMobile() bool {
	for _, t := range d.toks {
		if !isDigitByte(t.w[0]) || !allDigits(t.w) || !d.standsAlone(t) { // tokens are never empty
			continue
		}
		if len(t.w) >= 4 && t.w[0] == '0' && t.w[1] == '3' ||
			strings.HasPrefix(t.w, "0092") ||
			strings.HasPrefix(t.w, "92") && t.start > 0 && d.n.text[t.start-1] == '+' {
			return true
		}
	}
	return false
}

// queryByte reports whether c can follow the "?" of a link's query string ("?id=", "?ref=",
// "?v=abc"): a question mark is followed by a space, the end or closing punctuation.
func queryByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '='
}
