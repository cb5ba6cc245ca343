package licences

import (
	"strings"
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
	var out []nameToken
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
// splits on everything that is not a letter or digit.
func splitWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isDiacritic(r) || r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == '`':
			continue
		case isDigitLike(r):
			b.WriteRune(ASCIIDigit(r))
		case unicode.IsLetter(r):
			r = unicode.ToLower(r)
			if f, ok := letterFolds[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			flush()
		}
	}
	flush()
	return words
}

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
	key := make([]byte, 0, len(w))
	emit := func(c byte) {
		if len(key) == 0 || key[len(key)-1] != c {
			key = append(key, c)
		}
	}
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if r >= utf8.RuneSelf {
			if c, ok := arabicKeys[r]; ok {
				if c != 0 {
					emit(c)
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
			if d, ok := digraphs[c]; ok {
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
