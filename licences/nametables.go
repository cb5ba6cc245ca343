package licences

import "unicode/utf8"

// commonWeight is the weight of a common business word; distinctive words weigh 1.
const commonWeight = 0.35

// commonWords are business words that many agencies share, so they weigh less in NameScore.
var commonWords = []string{
	"overseas", "manpower", "international", "services", "service", "travel", "travels", "tours",
	"recruiting", "recruitment", "recruiters", "consultants", "consultant", "consultancy",
	"enterprises", "enterprise", "employment", "promoters", "promoter", "agency", "agencies",
	"group", "corporation", "trading", "traders", "company", "associates", "solutions", "resources",
	// Urdu spellings.
	"اوورسیز", "اورسیز", "مینپاور", "انٹرنیشنل", "سروسز", "ٹریولز", "ٹریول", "ایمپلائمنٹ",
	"پروموٹرز", "ایجنسی", "گروپ", "کارپوریشن", "کنسلٹنٹس", "انٹرپرائزز",
}

// commonKeys maps the phonetic key of each common word to its Latin spellings. A Latin word
// counts as common only when it also starts with the same letter as one of them, so that "Raees"
// (key "rs") is not taken for "Overseas"; Arabic-script words count as common on the key alone.
var commonKeys = func() map[string][]string {
	m := map[string][]string{}
	for _, w := range commonWords {
		k := phoneticKey(w)
		if w[0] < utf8.RuneSelf {
			m[k] = append(m[k], w)
		} else if _, ok := m[k]; !ok {
			m[k] = nil
		}
	}
	return m
}()

// boilerplate are word sequences dropped from names before matching (already normalised: lower
// case, Urdu letters in their Urdu forms).
var boilerplate = [][]string{
	{"overseas", "employment", "promoters"}, {"overseas", "employment", "promoter"},
	{"employment", "promoters"}, {"m", "s"}, {"and", "co"}, {"messrs"}, {"messers"}, {"pvt"},
	{"private"}, {"pvtltd"}, {"ltd"}, {"limited"}, {"co"}, {"the"}, {"oep"}, {"oepl"}, {"smc"},
	{"inc"}, {"llc"},
	{"اوورسیز", "ایمپلائمنٹ", "پروموٹرز"}, {"میسرز"}, {"پرائیویٹ"}, {"پرائیوٹ"}, {"لمیٹڈ"}, {"لمیٹیڈ"},
}

// nameAbbreviations are the short forms people type for the words of agencies' names:
// "Talagang Intl" is "Talagang International".
var nameAbbreviations = map[string]string{"intl": "international", "int'l": "international", "svcs": "services",
	"mgmt": "management", "mfg": "manufacturing", "cons": "consultants", "ent": "enterprises"}

// FullWord returns the word an abbreviation of agencies' names stands for ("intl" is
// "international"), or w itself.
func FullWord(w string) string {
	if full, ok := nameAbbreviations[w]; ok {
		return full
	}
	return w
}

// SoundsAlike reports whether two words of agencies' names are one word in other spellings or
// another script: "Margala" and "Margalla", "انارکلی" and "Anarkali" share their phonetic key.
// Words whose keys are shorter than three letters are compared as they are.
func SoundsAlike(a, b string) bool {
	if a == b {
		return true
	}
	ka, kb := phoneticKey(FullWord(a)), phoneticKey(FullWord(b))
	return len(ka) >= 3 && ka == kb
}

// articles are joined to the word after them, so "Al Noor", "Al-Noor", "Alnoor" and "النور" agree.
var articles = map[string]bool{"al": true, "el": true, "ul": true, "ال": true}

// letterFolds maps Arabic and Persian letter variants to their Urdu forms and Latin letters with
// diacritics to plain ones.
var letterFolds = map[rune]string{
	'ي': "ی", 'ى': "ی", 'ئ': "ئ", 'ٸ': "ئ", 'ك': "ک", 'ه': "ہ", 'ة': "ہ", 'ۂ': "ہ", 'ۀ': "ہ",
	'أ': "ا", 'إ': "ا", 'ٱ': "ا", 'آ': "ا",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ç': "c", 'è': "e",
	'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
}

// arabicKeys maps Urdu and Arabic letters to the consonant classes of Latin keys; letters mapped
// to 0 are vowels or silent in transliteration and are dropped. Upper-case class letters stand for
// the digraphs: S sh, C ch, X kh, G gh.
var arabicKeys = map[rune]byte{
	'ب': 'b', 'پ': 'p', 'ت': 't', 'ط': 't', 'ٹ': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ز': 's',
	'ذ': 's', 'ض': 's', 'ظ': 's', 'ژ': 's', 'ج': 'j', 'چ': 'C', 'ح': 0, 'ہ': 0, 'ھ': 0, 'ع': 0,
	'ء': 0, 'ا': 0, 'و': 0, 'ی': 0, 'ے': 0, 'ئ': 0, 'ؤ': 0, 'ۓ': 0, 'خ': 'X', 'د': 'd', 'ڈ': 'd',
	'ر': 'r', 'ڑ': 'r', 'ش': 'S', 'غ': 'G', 'ف': 'f', 'ق': 'k', 'ک': 'k', 'گ': 'g', 'ل': 'l',
	'م': 'm', 'ن': 'n', 'ں': 'n',
}

// digraphs are the Latin letter pairs ending in h that are one sound in transliterated Urdu.
var digraphs = map[byte]byte{'s': 'S', 'c': 'C', 'k': 'X', 'g': 'G', 't': 't', 'p': 'f'}
