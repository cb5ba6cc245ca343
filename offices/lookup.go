package offices

import (
	"slices"
	"strings"
	"unicode"
)

// Match is the answer for a place: the place as the user wrote it, and the nearest shown office
// of the kind asked for.
type Match struct {
	Place  string // the words of the text that named the place
	Office Office // the nearest shown office; only its shown facts
}

// Nearest finds the first place named in text (a city or district, in English, Urdu script or
// Roman Urdu, or an MRC or licence region code such as LHR) and returns its nearest shown office
// of the given kind. ok is false when the text names no known place, or no shown office of that
// kind serves it; the caller then names Fallback.
func (d *Directory) Nearest(text string, kind Kind) (Match, bool) {
	words := foldWords(text)
	raw := rawWords(text)
	for i := range words {
		for n := min(d.longest, len(words)-i); n >= 1; n-- {
			ids, ok := d.lookup(words[i : i+n])
			if !ok {
				continue
			}
			place := strings.Join(raw[i:i+n], " ")
			for _, id := range ids {
				if o, ok := d.Office(id); ok && o.Kind == kind && o.Shown() {
					return Match{Place: place, Office: o.Visible()}, true
				}
			}
			// A place with no shown office of this kind: the nearest of another place in the
			// same row would be a guess, so stop here rather than read on.
			return Match{Place: place}, false
		}
	}
	return Match{}, false
}

// City returns the place named in text as the directory knows it (ok false when none).
func (d *Directory) City(text string) (string, bool) {
	words := foldWords(text)
	raw := rawWords(text)
	for i := range words {
		for n := min(d.longest, len(words)-i); n >= 1; n-- {
			if _, ok := d.lookup(words[i : i+n]); ok {
				return strings.Join(raw[i:i+n], " "), true
			}
		}
	}
	return "", false
}

// lookup finds a place by the folded words that name it: joined exactly, then, for long Latin
// names only, by their consonant skeleton ("faisalabaad", "peshawer"), so that short words of
// Roman Urdu ("bina", "pind") are never taken for a city.
func (d *Directory) lookup(words []string) ([]string, bool) {
	key := joinWords(words)
	if ids, ok := d.places[key]; ok {
		return ids, true
	}
	if len(key) < 7 || !isLatin(key) {
		return nil, false
	}
	sk := skeleton(key)
	if len(sk) < 4 {
		return nil, false
	}
	ids, ok := d.skeletons[key[:1]+sk]
	return ids, ok
}

// skeletonIndex indexes the long Latin place names by first letter and consonant skeleton. When
// two names share one, the first in sorted order wins, so the answer never depends on map order.
func skeletonIndex(places map[string][]string) map[string][]string {
	names := make([]string, 0, len(places))
	for name := range places {
		if len(name) >= 7 && isLatin(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	out := make(map[string][]string, len(names))
	for _, name := range names {
		k := name[:1] + skeleton(name)
		if _, taken := out[k]; !taken {
			out[k] = places[name]
		}
	}
	return out
}

// Fold is how place names are compared: lower case; Arabic letter variants in their Urdu forms
// (ي ى → ی, ك → ک, ه ة → ہ, أ إ آ kept apart from ا only by their marks, which go); diacritics,
// tatweel and zero-width joiners removed; letters doubled in Roman spellings ("Multaan",
// "Quetta") made single; everything but letters removed.
func Fold(s string) string { return joinWords(foldWords(s)) }

// foldWords cuts s into folded words.
func foldWords(s string) []string {
	var words []string
	for _, w := range rawWords(s) {
		if f := foldWord(w); f != "" {
			words = append(words, f)
		}
	}
	return words
}

// rawWords cuts s into words as written: runs of letters, marks and dots inside a word
// ("D.G." stays one word).
func rawWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '.' || r == '\u200c' || r == '\u200d' || r == 'ـ')
	})
}

func foldWord(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range strings.ToLower(w) {
		switch r {
		case 'ي', 'ى', 'ئ':
			if r == 'ئ' {
				// Hamza on a seat is written both ways ("کوئٹہ", "کویٹہ"); keep it as one letter.
				r = 'ئ'
			} else {
				r = 'ی'
			}
		case 'ك':
			r = 'ک'
		case 'ه', 'ة', 'ۃ':
			r = 'ہ'
		case 'أ', 'إ', 'آ':
			r = 'ا'
		}
		if !unicode.IsLetter(r) {
			continue // marks, dots, joiners
		}
		if r == last && r < unicode.MaxASCII {
			continue // "multaan", "quetta", "abbottabad"
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

func joinWords(words []string) string { return strings.Join(words, "") }

func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// skeleton is a Latin name without its vowels after the first letter: "faisalabad" → "fslbd".
func skeleton(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && strings.ContainsRune("aeiouy", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
