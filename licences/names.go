package licences

import (
	"unicode"
	"unicode/utf8"
)

// MatchThreshold is the lowest NameScore that Search reports as a match.
const MatchThreshold = 0.55

// Match is a register record found by name, with its NameScore against the query. In JSON the
// record's fields are inline, next to "score".
type Match struct {
	Record
	Score float64 `json:"score"`
}

// NameScore says how alike two agency names are, from 0 (nothing in common) to 1 (the same name
// up to case, punctuation, word order, boilerplate such as "(Pvt) Ltd" or "M/s", common spelling
// variants and Urdu versus English script). It is symmetric. Each name is cut into words, every
// word is reduced to a consonant skeleton that Urdu and Latin spellings share, and each word is
// paired with its most similar word (or pair of joined words) in the other name; common business
// words such as "Overseas" or "Manpower" count less than distinctive ones. The two directions
// are combined by their harmonic mean, so a name must both cover and be covered by the other.
func NameScore(a, b string) float64 { return NewNameScorer(b).Score(a) }

// NameScorer compares names with one name, whose words are keyed and indexed once: for a caller
// that compares many names with the same one, such as an agency's registered title with the
// names ads give for it. It is safe for concurrent use.
type NameScorer struct{ idx *nameIndex }

// NewNameScorer prepares b for comparison: NewNameScorer(b).Score(a) is NameScore(a, b).
func NewNameScorer(b string) *NameScorer { return &NameScorer{newNameIndex([]string{b})} }

// Score is NameScore(a, b) for the b the scorer was made with.
func (s *NameScorer) Score(a string) float64 {
	q := s.idx.prepare(a)
	defer s.idx.release(q)
	if sc := s.idx.scores(q, 0); len(sc) > 0 {
		return sc[0].score
	}
	return 0
}

// nameToken is one word of a name, reduced for matching.
type nameToken struct {
	key    string  // consonant skeleton, e.g. "krsnt" for "Crescent" and "کریسنٹ"
	weight float32 // commonWeight for common business words, else 1
}

// nameTokens cuts a name into weighted phonetic tokens: normalise, split, drop boilerplate, join
// articles and split compounds ("Man Power"), key, weigh.
func nameTokens(s string) []nameToken {
	words := splitWords(s)
	for i, w := range words {
		words[i] = FullWord(w)
	}
	kept := dropBoilerplate(words)
	if len(kept) == 0 {
		kept = words
	}
	out := make([]nameToken, 0, min(len(kept), maxNameTokens)) // a token a word at most
	for i := 0; i < len(kept) && len(out) < maxNameTokens; i++ {
		w := kept[i]
		key := phoneticKey(w)
		if articles[w] && i+1 < len(kept) {
			i++
			w = kept[i]
			key = joinKeys("l", phoneticKey(w))
		}
		if key == "" {
			continue
		}
		if i+1 < len(kept) && !articles[kept[i+1]] {
			if joined := joinKeys(key, phoneticKey(kept[i+1])); isCompound(w+kept[i+1], joined) {
				out = append(out, nameToken{key: joined, weight: commonWeight})
				i++
				continue
			}
		}
		weight := float32(1)
		if isCommon(w, key) {
			weight = commonWeight
		}
		out = append(out, nameToken{key: key, weight: weight})
	}
	return out
}

func isCommon(word, key string) bool {
	spellings, ok := commonKeys[key]
	if !ok {
		return false
	}
	if word == "" || word[0] >= utf8.RuneSelf {
		return true
	}
	for _, s := range spellings {
		if s[0] == word[0] {
			return true
		}
	}
	return false
}

// isCompound says whether two adjacent words written together are a common word split in two,
// such as "Man Power" or "Over Seas" (or "مین پاور"): the key must be a common one and, in Latin
// script, the joined spelling at most two edits from a common word's.
func isCompound(joined, key string) bool {
	spellings, ok := commonKeys[key]
	if !ok {
		return false
	}
	if joined[0] >= utf8.RuneSelf {
		return true
	}
	var m myers
	m.init(joined[:min(len(joined), maxKeyLen)])
	for _, s := range spellings {
		if m.distance(s) <= 2 {
			return true
		}
	}
	return false
}

// splitWords lower-cases s, folds letter variants, strips Arabic diacritics and apostrophes, and
// splits on everything that is not a letter or digit. The words are written one after another
// into one buffer and cut out of one string, so that a name costs two allocations (the string
// and the slice) rather than one a word.
func splitWords(s string) []string {
	var bufArr [128]byte // a name's words fit, and the buffer costs no allocation
	buf := bufArr[:0]
	var endsArr [maxNameTokens]int
	ends := endsArr[:0] // where each word ends in buf; the next starts there
	last := 0
	for i := 0; i < len(s); {
		var kind uint8
		var text string
		if c := s[i]; c < utf8.RuneSelf {
			kind, text = nameRuneKinds[c], nameRuneTexts[c]
			i++
		} else {
			// An invalid byte decodes to utf8.RuneError, one byte wide, as range reads it.
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if r < nameRuneTableSize {
				kind, text = nameRuneKinds[r], nameRuneTexts[r]
			} else {
				kind, text = nameRune(r)
			}
		}
		switch kind {
		case nameRuneWrite:
			buf = append(buf, text...)
		case nameRuneSplit:
			if len(buf) > last {
				ends = append(ends, len(buf))
				last = len(buf)
			}
		}
	}
	if len(buf) > last {
		ends = append(ends, len(buf))
	}
	if len(ends) == 0 {
		return nil
	}
	all := string(buf)
	words := make([]string, len(ends))
	start := 0
	for k, end := range ends {
		words[k] = all[start:end]
		start = end
	}
	return words
}

// What splitWords does with a rune (nameRune).
const (
	nameRuneSplit = iota // ends a word
	nameRuneSkip         // dropped inside a word: a diacritic, a mark, an apostrophe
	nameRuneWrite        // written, folded
)

// nameRune says what splitWords does with r and, for a rune it writes, what it writes: a digit
// of any script as ASCII, a letter in lower case with letterFolds applied.
func nameRune(r rune) (uint8, string) {
	switch {
	case isDiacritic(r) || r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == '`':
		return nameRuneSkip, ""
	case isDigitLike(r):
		return nameRuneWrite, string(ASCIIDigit(r))
	case unicode.IsLetter(r):
		r = unicode.ToLower(r)
		if f, ok := letterFolds[r]; ok {
			return nameRuneWrite, f
		}
		return nameRuneWrite, string(r)
	case unicode.Is(unicode.Mn, r):
		return nameRuneSkip, ""
	}
	return nameRuneSplit, ""
}

// nameRuneTableSize bounds the runes whose nameRune is read from nameRuneKinds and nameRuneTexts:
// Latin and the Arabic script, the letters of names, cost one table read rather than a map
// lookup and Unicode's tables.
const nameRuneTableSize = 0x800

var nameRuneKinds, nameRuneTexts = func() (k [nameRuneTableSize]uint8, t [nameRuneTableSize]string) {
	for r := range rune(nameRuneTableSize) {
		k[r], t[r] = nameRune(r)
	}
	return k, t
}()

func isDiacritic(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || (r >= 0x06D6 && r <= 0x06ED) ||
		(r >= 0x0610 && r <= 0x061A)
}

func dropBoilerplate(words []string) []string {
	out := make([]string, 0, len(words))
next:
	for i := 0; i < len(words); {
		for _, p := range boilerplate {
			if i+len(p) <= len(words) && equalWords(words[i:i+len(p)], p) {
				i += len(p)
				continue next
			}
		}
		out = append(out, words[i])
		i++
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phoneticKey reduces one normalised word to its consonant skeleton: Latin digraphs sh ch kh gh
// th ph become one class, c is s before e/i/y and k elsewhere, q is k, z is s, x is ks, and the
// vowels, w, v, h and y are dropped; Urdu letters map through arabicKeys. Repeats collapse, so
// "Noor", "Nur" and "نور" all give "nr".
func phoneticKey(w string) string {
	// The key is built on the stack: only the string returned is allocated.
	var keyArr [maxKeyLen]byte
	key := keyArr[:0]
	emit := func(c byte) {
		if len(key) == 0 || key[len(key)-1] != c {
			key = append(key, c)
		}
	}
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if r >= utf8.RuneSelf {
			if c := arabicKeyOf(r); c >= 0 {
				if c != 0 {
					emit(byte(c))
				}
			} else {
				for j := 0; j < size; j++ {
					emit(w[i+j])
				}
			}
			i += size
			continue
		}
		c, next := w[i], byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		i++
		if next == 'h' {
			if d := digraphTable[c]; d != 0 {
				emit(d)
				i++
				continue
			}
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'v', 'h':
		case 'c':
			if next == 'e' || next == 'i' || next == 'y' {
				emit('s')
			} else {
				emit('k')
			}
		case 'q':
			emit('k')
		case 'z':
			emit('s')
		case 'x':
			emit('k')
			emit('s')
		default:
			emit(c)
		}
	}
	if len(key) > maxKeyLen {
		key = key[:maxKeyLen]
	}
	return string(key)
}

// arabicKeyTable is arabicKeys as an array over the runes below U+0800, -1 for a rune it lacks:
// phoneticKey reads every letter of an Urdu name, and a read costs less than a map lookup.
var arabicKeyTable = func() (t [0x800]int16) {
	for r := range t {
		t[r] = -1
	}
	for r, c := range arabicKeys {
		t[r] = int16(c)
	}
	return t
}()

// arabicKeyOf is arabicKeys[r] as arabicKeyTable holds it: -1 when arabicKeys lacks r.
func arabicKeyOf(r rune) int16 {
	if r < 0 || int(r) >= len(arabicKeyTable) {
		return -1
	}
	return arabicKeyTable[r]
}

// digraphTable is digraphs as an array (0 for a byte it lacks: no digraph maps to 0).
var digraphTable = func() (t [256]byte) {
	for c, d := range digraphs {
		t[c] = d
	}
	return t
}()
