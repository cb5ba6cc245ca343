package redflags

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalized is the text the rules run on, with a map back to the original so that evidence
// quotes what the user actually wrote. from[i] and to[i] are the original byte span that produced
// byte i of text.
type normalized struct {
	text     string
	from, to []int32
}

// span maps a byte range of the normalised text back to the original text.
func (n *normalized) span(start, end int) (int, int) {
	if start >= len(n.from) || end <= start {
		return 0, 0
	}
	return int(n.from[start]), int(n.to[end-1])
}

type builder struct {
	buf      []byte
	from, to []int32
}

// reset empties the builder for a text of about n bytes, keeping its memory when it has enough.
// A new from and to share one allocation; a text that normalising makes longer than n bytes
// (presentation forms can expand) makes append give each an array of its own.
func (w *builder) reset(n int) {
	if cap(w.buf) < n || cap(w.from) < n || cap(w.to) < n {
		offsets := make([]int32, 2*n)
		w.buf, w.from, w.to = make([]byte, 0, n), offsets[:0:n], offsets[n:n:2*n]
		return
	}
	w.buf, w.from, w.to = w.buf[:0], w.from[:0], w.to[:0]
}

// add appends s, produced by the original bytes [from, to). Offsets are int32: ads are bounded
// far below 2 GiB by the callers (1 MiB), and half the memory makes normalising faster.
func (w *builder) add(s string, from32, to32 int) {
	from, to := int32(from32), int32(to32)
	w.buf = append(w.buf, s...)
	for range len(s) {
		w.from = append(w.from, from)
		w.to = append(w.to, to)
	}
}

func (w *builder) addByte(c byte, from, to int32) {
	w.buf = append(w.buf, c)
	w.from = append(w.from, from)
	w.to = append(w.to, to)
}

// room is how many bytes the builder holds without growing: the least capacity of its buffer and
// its offsets.
func (w *builder) room() int { return min(cap(w.buf), cap(w.from), cap(w.to)) }

func (w *builder) addRune(r rune, from32, to32 int) {
	from, to := int32(from32), int32(to32)
	if r < utf8.RuneSelf {
		w.addByte(byte(r), from, to)
		return
	}
	if r < 0x800 { // two bytes, as the letters of Urdu: encoded in line
		w.buf = append(w.buf, byte(0xC0|r>>6), byte(0x80|r&0x3F))
		w.from = append(w.from, from, from)
		w.to = append(w.to, to, to)
		return
	}
	n := len(w.buf)
	w.buf = utf8.AppendRune(w.buf, r)
	for range len(w.buf) - n {
		w.from = append(w.from, from)
		w.to = append(w.to, to)
	}
}

// done returns the normalised text. The text is a copy, so the builder may be reused; from and
// to are the builder's own arrays, so a builder that is reused must not outlive its result.
func (w *builder) done() normalized {
	return normalized{text: string(w.buf), from: w.from, to: w.to}
}

// Normalize returns the form of text that rules match against: Arabic and Persian letter
// variants folded to the Urdu letters, diacritics, tatweel and invisible characters dropped,
// Urdu and Arabic-Indic digits made ASCII, Latin case and accents folded, runs of spaces made one,
// and Roman-Urdu spelling variants made canonical (pehly → pehle, lac → lakh).
func Normalize(text string) string { return normalize(text).text }

// Normalized is a text in normal form with the way back to the original.
type Normalized struct {
	Text string
	n    normalized
}

// NormalizeSpans is Normalize keeping the map from normalised bytes back to the original, so
// that something found in the normal form can be quoted as the user wrote it.
func NormalizeSpans(text string) Normalized {
	n := normalize(text)
	return Normalized{Text: n.text, n: n}
}

// Span maps the byte range [start, end) of Text back to the original text.
func (n Normalized) Span(start, end int) (int, int) { return n.n.span(start, end) }

func normalize(text string) normalized {
	var chars, words builder
	return normalizeWith(text, &chars, &words)
}

// normalizeWith normalises text with two builders that may hold memory from an earlier text:
// chars receives the character-level pass and words the word-level pass when it rewrites a
// word. The result uses the arrays of one of them.
func normalizeWith(text string, chars, words *builder) normalized {
	foldChars(text, chars)
	return foldWords(chars, words)
}

// asciiFold is foldRune for ASCII, byte for byte; 0 drops the byte (NUL).
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = byte(foldRune(c))
	}
	return t
}()

// foldChars is the character-level pass, written into w.
func foldChars(text string, w *builder) {
	w.reset(len(text))
	lastSpace := true
	spaced := letterSpaced(text)
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if f := asciiFold[c]; f > ' ' && len(w.buf) < w.room() {
				// A run of ASCII bytes that are neither spaces nor dropped (a word and its
				// punctuation), the bulk of a Latin text, is written in place up to the room the
				// builder has, rather than appended three times a byte.
				n, room := len(w.buf), w.room()
				buf, from, to := w.buf[:room], w.from[:room], w.to[:room]
				for {
					buf[n], from[n], to[n] = f, int32(i), int32(i+1)
					n++
					i++
					if n == room || i == len(text) || text[i] >= utf8.RuneSelf {
						break
					}
					if f = asciiFold[text[i]]; f <= ' ' {
						break
					}
				}
				w.buf, w.from, w.to = buf[:n], from[:n], to[:n]
				lastSpace = false
				continue
			}
			// Most of an ad is ASCII: one table read, no decoding. foldRune made \t, \r, \f and
			// \v spaces, and no other ASCII byte is a space.
			at := int32(i)
			i++
			switch c = asciiFold[c]; c {
			case 0:
			case '\n':
				w.addByte('\n', at, at+1)
				lastSpace = true
			case ' ':
				if spaced && !lastSpace {
					// A poster read by OCR letter by letter: one space splits a word, a run of
					// them parts two. The split closes up; the run becomes one space.
					j := i
					for j < len(text) && text[j] == ' ' {
						j++
					}
					last, _ := utf8.DecodeLastRune(w.buf)
					if class := spacedClass(last); j == i && class != 0 && spacedClass(nextRune(text, j)) == class {
						continue
					}
					w.addByte(' ', at, at+1)
					lastSpace = true
					i = j
					continue
				}
				if !lastSpace {
					w.addByte(' ', at, at+1)
				}
				lastSpace = true
			default:
				w.addByte(c, at, at+1)
				lastSpace = false
			}
			continue
		}
		// Urdu's letters are two bytes each: decoded here, in line, as decodeRune does.
		r, size := decodeTwoByte(text, i)
		if size == 0 {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		start, end := i, i+size
		i = end
		if r == utf8.RuneError && size == 1 {
			continue
		}
		if isPresentationForm(r) {
			// Presentation forms come from PDFs and old keyboards; NFKC gives the plain letter.
			for _, q := range norm.NFKC.String(string(r)) {
				w.addRune(foldRune(q), start, end)
			}
			lastSpace = false
			continue
		}
		if r < foldTableSize {
			r = foldTable[r]
		} else {
			r = foldRune(r)
		}
		switch {
		case r == 0:
			continue
		case r == '\n':
			w.addRune('\n', start, end)
			lastSpace = true
		case r >= 0x100 && r < 0x800:
			// A letter of the Arabic script, most of an Urdu text, and no space (isSpace has
			// none from U+0100 to U+167F): its two bytes written in line, as addRune would.
			lastSpace = false
			n, room := len(w.buf), w.room()
			if n+2 > room {
				w.buf = append(w.buf, byte(0xC0|r>>6), byte(0x80|r&0x3F))
				w.from = append(w.from, int32(start), int32(start))
				w.to = append(w.to, int32(end), int32(end))
				continue
			}
			// The run of two-byte runes that fold to such letters (an Urdu word) is written in
			// place, up to the room the builder has, as the ASCII runs above are. No two-byte
			// rune is a presentation form or an invalid byte, and foldTable holds them all.
			buf, from, to := w.buf[:room], w.from[:room], w.to[:room]
			for {
				buf[n], buf[n+1] = byte(0xC0|r>>6), byte(0x80|r&0x3F)
				from[n], from[n+1] = int32(start), int32(start)
				to[n], to[n+1] = int32(end), int32(end)
				n += 2
				if n+2 > room {
					break
				}
				next, size := decodeTwoByte(text, i)
				if size == 0 {
					break
				}
				if next = foldTable[next]; next < 0x100 || next >= 0x800 {
					break
				}
				r, start, end = next, i, i+2
				i += 2
			}
			w.buf, w.from, w.to = buf[:n], from[:n], to[:n]
		case isSpace(r):
			if !lastSpace {
				w.addRune(' ', start, end)
			}
			lastSpace = true
		default:
			w.addRune(r, start, end)
			lastSpace = false
		}
	}
}

// letterSpaced reports a text in the Arabic script read off a poster by OCR that split its words
// into letters ("تنخو ا ہ   ۲۲۰۰   ریا ل"): single spaces inside the words, runs of spaces between
// them. In typed Urdu a run of spaces is rare beside the single space between every two words;
// here there is a run for every one to three single spaces.
func letterSpaced(text string) bool {
	if !doubleSpace(text) {
		return false // most texts: one pass, no counting
	}
	single, runs := 0, 0
	prev := rune(0)
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
		if r != ' ' {
			prev = r
			i += size
			continue
		}
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j < len(text) {
			next, _ := decodeRune(text, j)
			switch {
			case j-i == 1 && isArabicLetter(prev) && isArabicLetter(next):
				single++
			case j-i > 1 && (isArabicLetter(prev) || isArabicLetter(next)):
				runs++
			}
		}
		i = j
	}
	return runs >= 3 && runs*3 >= single
}

// doubleSpace is strings.Contains(s, "  ") for a text whose every fifth byte or so is a space, where
// strings.Contains finds each space and looks at the byte after it. It reads the text eight bytes
// at a time, each group one byte past the last, so that a pair of spaces that straddles two
// groups is whole in one: a byte that is a space is 0 in the group less spaces, and the bit test
// below marks every such byte (and sometimes a byte right after one, so marked pairs are read
// again byte by byte).
func doubleSpace(s string) bool {
	const spaces, ones, highs = 0x2020202020202020, 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 7 {
		b := s[i : i+8]
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		y := x ^ spaces
		if z := (y - ones) &^ y & highs; z&(z>>8) != 0 {
			for k := 0; k < 7; k++ {
				if b[k] == ' ' && b[k+1] == ' ' {
					return true
				}
			}
		}
	}
	for ; i+1 < len(s); i++ {
		if s[i] == ' ' && s[i+1] == ' ' {
			return true
		}
	}
	return false
}

// isArabicLetter reports a letter of the Arabic script's main block (Urdu's letters).
func isArabicLetter(r rune) bool { return r >= 0x0620 && r <= 0x06D3 && unicode.IsLetter(r) }

// spacedClass is what a letter-spaced word is made of: 1 Arabic-script letters, 2 digits (ASCII or
// Urdu), 0 anything else, which a single space still parts.
func spacedClass(r rune) int {
	switch {
	case isArabicLetter(r):
		return 1
	case r >= '0' && r <= '9' || r >= 0x06F0 && r <= 0x06F9 || r >= 0x0660 && r <= 0x0669:
		return 2
	}
	return 0
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the two-byte runes of the Arabic script
// decoded in line (decodeTwoByte): Urdu is written in them.
func decodeRune(s string, i int) (rune, int) {
	if r, size := decodeTwoByte(s, i); size != 0 {
		return r, size
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeTwoByte decodes the rune at s[i] when it is of two bytes, as the letters of Urdu are, and
// returns a size of 0 for any other rune (ASCII, three or four bytes, an invalid byte), which the
// caller decodes with utf8. The loops over a text's runes call it rather than decodeRune: a
// function that also called utf8 would be over the compiler's inlining budget (a call alone costs
// most of it), and this one is inlined, so Urdu's letters cost no call.
func decodeTwoByte(s string, i int) (rune, int) {
	if i+1 < len(s) {
		if c, d := s[i], s[i+1]; c-0xC2 < 0xE0-0xC2 && d&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(d&0x3F), 2
		}
	}
	return 0, 0
}

// isSpace is unicode.IsSpace without a table search for the letters below U+1680, the first
// space after Latin-1.
func isSpace(r rune) bool {
	if r < 0x1680 {
		return r == ' ' || r >= '\t' && r <= '\r' || r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

// foldTable caches foldRune for the runes ads are written in (Latin, Arabic script, punctuation),
// so the hot loop does one array read per rune instead of map lookups.
const foldTableSize = 0x2100

var foldTable = func() (t [foldTableSize]rune) {
	for r := range rune(foldTableSize) {
		t[r] = foldRune(r)
	}
	return t
}()

func isPresentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC) || (r >= 0xFF01 && r <= 0xFF5E)
}

// foldRune maps one rune to its matching form; 0 means drop it.
func foldRune(r rune) rune {
	if r >= foldTableSize {
		// Past the table (emoji, CJK, symbols) only the byte order mark is dropped, and no
		// rune is in arabicFold or latinFold: the switch and the maps below are passed over.
		if r == 0xFEFF {
			return 0
		}
		return unicode.ToLower(r)
	}
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r == '\t' || r == '\r' || r == '\f' || r == '\v' {
			return ' '
		}
		return r
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED && r != 0x06E5 && r != 0x06E6):
		return 0 // harakat, Quranic marks: writers add them unevenly
	case r == 0x0640: // tatweel stretches a word without changing it
		return 0
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || r == 0xFEFF || r == 0x061C ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x00AD:
		return 0 // zero-width and bidirectional controls are invisible but split words
	case r == 0x00A0 || r == 0x2028 || r == 0x2029:
		return ' '
	}
	if f, ok := arabicFold[r]; ok {
		return f
	}
	if f, ok := latinFold[r]; ok {
		return f
	}
	return unicode.ToLower(r)
}

// arabicFold folds Arabic and Persian code points to the letters Urdu keyboards produce.
var arabicFold = map[rune]rune{
	'ي': 'ی', 'ى': 'ی', 'ئ': 'ئ', 'ې': 'ی', 'ۍ': 'ی',
	'ك': 'ک', 'ڪ': 'ک',
	'ه': 'ہ', 'ۃ': 'ہ', 'ة': 'ہ', 'ە': 'ہ',
	'ۓ': 'ے',
	'أ': 'ا', 'إ': 'ا', 'ٱ': 'ا', 'آ': 'ا',
	'ۀ': 'ہ',
	'،': ',', '؛': ';', '٪': '%', '٫': '.', '٬': ',',
}

// latinFold strips the accents people type in Roman Urdu ("baghér") and in names.
var latinFold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ā': 'a',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ō': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u',
	'ñ': 'n', 'ç': 'c',
	'À': 'a', 'Á': 'a', 'Â': 'a', 'Ä': 'a', 'È': 'e', 'É': 'e', 'Ê': 'e', 'Í': 'i', 'Ó': 'o', 'Ö': 'o', 'Ú': 'u', 'Ü': 'u',
	'‘': '\'', '’': '\'', '“': '"', '”': '"', '–': '-', '—': '-', '…': '.',
}

// maxVariantLen is the length of the longest spelling in romanVariants; longer words are skipped.
const maxVariantLen = 12

// urduVariants maps Urdu words as they are often misspelt, by those with little schooling or in a
// hurry, to their usual spelling: the broken "ئ" and "ئے", a dropped "ھ" or "ر" or "ن", words run
// together.
var urduVariants = map[string]string{
	"گیے": "گئے", "آے": "آئے", "جاے": "جائے", "بتاے": "بتائے", "آگیے": "آ گئے", "ہوگیے": "ہو گئے",
	"بیجا": "بھیجا", "بیجے": "بھیجے", "بیجیں": "بھیجیں", "بیجو": "بھیجو", "بھای": "بھائی",
	"پاسپوٹ": "پاسپورٹ", "پاسپوڑٹ": "پاسپورٹ", "سودیہ": "سعودیہ", "سودی": "سعودی", "مجسے": "مجھ سے",
	"مجے": "مجھے", "واٹسپ": "واٹس ایپ", "کیلیے": "کیلئے", "اکاونٹ": "اکاؤنٹ",
	"پھس": "پھنس", "درخاست": "درخواست", "مسلہ": "مسئلہ", "ایجینٹ": "ایجنٹ",
	// Words run together by those who write as they speak: "ہمنے دیدیا", "۹۵۰۰۰ لیکر بھیجا", "یہاں آکر
	// پتا چلا", "پاسپورٹ لے گۓ".
	"دیدیا": "دے دیا", "دیدی": "دے دی", "دیدیے": "دے دیے", "دیدئے": "دے دیے", "دیدیں": "دے دیں", "لیکر": "لے کر",
	"ہمنے": "ہم نے", "میںنے": "میں نے", "آکر": "آ کر", "جاکر": "جا کر", "گۓ": "گئے", "ہوگۓ": "ہو گئے", "آگۓ": "آ گئے",
}

// urduVariantAt reads the Arabic-script word at i: it returns the word's end and its usual
// spelling when that differs, "" when it does not. A word that ends on a bare "ئ" ("کوئ", "ہوئ",
// "بھائ") takes its "ی"; "لاک" after a number is "لاکھ" ("ساڑھے سات لاک", "ڈیڑھ لاک").
func urduVariantAt(text []byte, i int) (int, string) {
	j := i
	for j < len(text) && text[j] >= 0xD8 && text[j] <= 0xDB && j+1 < len(text) {
		j += 2
	}
	if j == i || j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '.' && text[j] != ',' {
		return i, ""
	}
	word := text[i:j]
	if urduVariantMay(word) {
		if canon, ok := urduVariants[string(word)]; ok {
			return j, canon
		}
	}
	if len(word) >= 4 && string(word[len(word)-2:]) == "ئ" {
		return j, string(word) + "ی"
	}
	if string(word) == "لاک" && i >= 2 && text[i-1] == ' ' {
		k := i - 1
		for k > 0 && text[k-1] != ' ' && text[k-1] != '\n' {
			k--
		}
		if isDigitByte(text[i-2]) || urduCounts[string(text[k:i-1])] {
			return j, "لاکھ"
		}
	}
	return i, ""
}

// urduVariantShape[n/2][c] has bit d set when a misspelling of urduVariants, n bytes long, has c
// and d as the low six bits of its first letter's second byte and of its last letter's second byte:
// foldWords looks an Urdu word up in the map only when its shape is one of theirs, and most words of
// a text in Urdu cost no map lookup. (Every letter of these words is two bytes.)
var urduVariantShape = func() (t [maxUrduVariantLen/2 + 1][64]uint64) {
	for w := range urduVariants {
		if len(w) > maxUrduVariantLen || len(w) < 2 {
			panic("redflags: urduVariants holds " + w + ", outside maxUrduVariantLen")
		}
		t[len(w)/2][w[1]&63] |= 1 << (w[len(w)-1] & 63)
	}
	return t
}()

// maxUrduVariantLen is the length in bytes of the longest misspelling of urduVariants.
const maxUrduVariantLen = 24

// urduVariantMay reports whether word, of two-byte letters, may be a misspelling of urduVariants:
// false only when it is surely none.
func urduVariantMay(word []byte) bool {
	return len(word) <= maxUrduVariantLen && len(word) >= 2 &&
		urduVariantShape[len(word)/2][word[1]&63]&(1<<(word[len(word)-1]&63)) != 0
}

// urduCounts are the number words that come before "lakh": "ساڑھے سات لاک", "ڈیڑھ لاک".
var urduCounts = map[string]bool{"ایک": true, "دو": true, "تین": true, "چار": true, "پانچ": true, "چھ": true,
	"سات": true, "آٹھ": true, "نو": true, "دس": true, "ڈیڑھ": true, "ڈھائی": true, "سوا": true, "بیس": true}

// romanVariants maps Roman-Urdu spellings to one canonical form each, so a rule names a word once.
var romanVariants = map[string]string{}

func init() {
	groups := map[string][]string{
		"bina":      {"bena", "baghair", "bagher", "bagair", "begair", "bghair", "baghar", "baghir", "baghayr", "bagheir", "beghair", "baghaer"},
		"pehle":     {"pehly", "pehlay", "pehley", "pahle", "pahly", "pehlai", "phele", "phle", "pehli", "pehlay", "pehlae", "pahlay"},
		"zaroorat":  {"zarurat", "zarorat", "zaroorath", "zaroort", "zarort", "zaroorut", "zarooratt", "zrorat"},
		"paisa":     {"paisay", "paise", "pese", "pesay", "paisey", "pesa", "paisy", "peisa", "paisae", "pesy", "paisee"},
		"hazar":     {"hazaar", "hzar", "hazzar", "hajar", "hazr", "hazhar"},
		"lakh":      {"lac", "lacs", "lakhs", "laakh", "lak", "lacks", "lakhh"},
		"crore":     {"crores", "karor", "karod", "krore", "caror"},
		"nahi":      {"nahin", "nahee", "nhi", "nahien", "nahii", "nahe", "nahein"},
		"visa":      {"veeza", "viza", "wisa", "vesa", "veza"},
		"interview": {"intervew", "intrview", "interveiw", "intervue", "intarview"},
		"guarantee": {"garanti", "guaranty", "guarranty", "gaurantee", "garantee", "guarentee", "gurantee", "garanty", "gauranty", "guranty", "gaurenty"},
		"jama":      {"jamaa", "jma", "jamma"},
		"rabta":     {"rabita", "raabta", "rabtah"},
		"pakka":     {"pakki", "paka", "pakky", "pakay", "pakke", "pakkay"},
		"naukri":    {"nokri", "nokary", "naukari", "nokari", "noukri", "naukry"},
		"azad":      {"azaad", "aazad", "aazaad", "azzad"},
		"tankhwah":  {"tankhwa", "tankhuwah", "tankhah", "tankha", "tankhwa", "tanqwa"},
		"bhejein":   {"bhejen", "bhejain", "bhejo", "bheje", "bhejyn", "bhejden", "bhijwaein", "bhijwain", "bhejwa"},
		"karein":    {"karen", "karain", "kren", "krein", "karyn", "krain", "karo"},
		"jaldi":     {"jldi", "jaldy"},
		"dunki":     {"dunky", "donki", "dunkey", "dunkie"},
		"fees":      {"fee", "fess", "feez"},
		"sirf":      {"srf", "sirif"},
		"seats":     {"seatain", "seaten", "seetain", "sitain", "seatein"},
		"mulk":      {"mulak", "mulq"},
		"khuda":     {"khudaa"},
		// The short forms SMS and WhatsApp are typed in: "theek hy?", "3 lakh mang rha hy", "kya
		// kron?", "select ho gya", "rabta kr lein".
		"hai":   {"hy", "hae"},
		"raha":  {"rha", "rhaa"},
		"rahe":  {"rhe"},
		"rahi":  {"rhi"},
		"karun": {"kron", "krun", "karoon", "karu", "kru"},
		"gaya":  {"gya", "gea"},
		// "froud hogya", "number bnd hai": a loss typed in a hurry.
		"hogaya": {"hogya", "hogea", "hogia"},
		"fraud":  {"froud", "frod", "farud", "fraad"},
		"band":   {"bnd", "bandh"},
		"gaye":   {"gye", "gae"},
		"gayi":   {"gyi"},
		"kar":    {"kr"},
		// "nikal dia", "le lia": the past of giving and taking typed short. ("kia" is also "kya",
		// what, and stays as it is.)
		"diya":  {"dia"},
		"liya":  {"lia"},
		"wapas": {"wapis", "wapus", "vapas", "vapis", "wapass"},
		"phone": {"fon", "fone"},
		// WhatsApp as it is typed in a hurry: "0309-… whtsp only", "watsap karein".
		"whatsapp": {"whtsp", "whtsap", "whtsapp", "wtsp", "wtsapp", "watsap", "whatsap", "whatsaap", "watsaap", "wattsapp"},
		// "Ghar baithy 50000 kamayein": the task scam's pitch in the spellings phones type.
		"baithe":    {"baithy", "bethe", "bethy", "baithay", "bethay", "baithey", "bethey", "baithae", "bethae"},
		"kamayein":  {"kamayen", "kamaen", "kamain", "kamaein", "kamaiye", "kamaye", "kamayn", "kamaien", "kamaayein", "kamaain", "kamao", "kamaiyen", "kmayen"},
		"karwayein": {"karwayen", "karwain", "karwaen", "krwayen", "krwain", "karwaein", "karwa", "krwa", "karwaye", "karwaden"},
		// The verbs and nouns of an offer typed in a hurry: "start krne k lye 2000 deposit", "driver
		// chahye", "slry 30k".
		"karne":   {"krne", "karny", "krny", "karnay"},
		"karna":   {"krna"},
		"liye":    {"lye", "liay", "liey", "liae", "leye"},
		"chahiye": {"chahye", "chaiye", "chahiay", "chahie", "chaheye", "chahyee", "chahiey"},
		"salary":  {"slry", "salry", "sallary", "salery"},
		// The wallets as typed in a hurry or read off a poster by OCR, an "l" for the "i":
		// "SEND RS 10,000 REG FEE TO EASYPAlSA".
		"easypaisa": {"easypalsa", "easypesa", "easypaise", "easypaisaa"},
		"jazzcash":  {"jazcash", "jazzcsh", "jaazcash", "jazzcach"},
	}
	for canon, variants := range groups {
		romanVariants[canon] = canon
		for _, v := range variants {
			romanVariants[v] = canon
		}
	}
}

// variantShape[n][first] has bit last-'a' set when some spelling of n letters that starts with
// first and ends with last has another canonical form; foldWords looks a word up in
// romanVariants only then, so most words of an English ad cost no map lookup.
var variantShape [maxVariantLen + 1][26]uint32

func init() {
	for v, canon := range romanVariants {
		if v == canon || len(v) < 2 || len(v) > maxVariantLen || strings.IndexFunc(v, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue // foldWords would not rewrite it: it is canonical, or not a word it reads
		}
		variantShape[len(v)][v[0]-'a'] |= 1 << (v[len(v)-1] - 'a')
	}
}

// foldWords is the word-level pass: it rewrites Roman-Urdu variants to their canonical spelling,
// mapping every byte of the replacement to the whole original word. It reads the output of
// foldChars in in and writes into out only when a word changes.
func foldWords(in, out *builder) normalized {
	text := in.buf
	var w *builder
	last := 0
	// keep copies the unchanged bytes from last up to k into the output, starting it at the first
	// word that changes.
	keep := func(k int) {
		if w == nil {
			w = out
			w.reset(len(text) + 8)
		}
		w.buf = append(w.buf, text[last:k]...)
		w.from = append(w.from, in.from[last:k]...)
		w.to = append(w.to, in.to[last:k]...)
	}
	for i := 0; i < len(text); {
		if c := text[i]; !isASCIILetter(c) {
			if c < 0xD8 || c > 0xDB {
				// Only the lead bytes D8-DB start an Urdu word that is rewritten or split below:
				// every other byte, the second byte of every Urdu letter among them, is passed
				// over at once.
				i++
				continue
			}
			if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' {
				// An Urdu word as people with little schooling spell it: "پاسپوٹ", "کوئ", "بیجے".
				if j, canon := urduVariantAt(text, i); canon != "" {
					keep(i)
					w.add(canon, int(in.from[i]), int(in.to[j-1]))
					last = j
					i = j
					continue
				}
			}
			// Only ک and ہ (DA A9, DB 81) start a join: other letters, the other letters of
			// their lead bytes among them, skip the call.
			if !(c == 0xDA && i+1 < len(text) && text[i+1] == 0xA9 || c == 0xDB && i+1 < len(text) && text[i+1] == 0x81) {
				i++
				continue
			}
			if cut := joinedVerbAt(text, i); cut > 0 {
				// "کردیا" → "کر دیا": the light verb written onto its word is a word of its own.
				keep(cut)
				w.add(" ", int(in.from[cut]), int(in.from[cut]))
				last = cut
				i = cut
				continue
			}
			i++
			continue
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if j-i < 2 || j-i > maxVariantLen || variantShape[j-i][text[i]-'a']&(1<<(text[j-1]-'a')) == 0 {
			i = j
			continue
		}
		canon, ok := romanVariants[string(text[i:j])]
		if ok && canon != string(text[i:j]) && (j == len(text) || text[j] < 0x80) && (i == 0 || text[i-1] < 0x80) {
			keep(i)
			w.add(canon, int(in.from[i]), int(in.to[j-1]))
			last = j
		}
		i = j
	}
	if w == nil {
		return in.done()
	}
	keep(len(text))
	return w.done()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }

// Urdu writers often join the light verb to "کر" (do) or "ہو" (be): "کردیا", "کرلیا", "کرکے",
// "ہوگیا", "ہوگئے" for "کر دیا", "ہو گیا". Phrases and rules name the words apart, so the normal
// form splits them. Only these endings split: "کرنسی", "کروڑ", "ہوٹل", "ہوشیار" stay whole.
var (
	joinedKar = []string{"کر", "ہو"}
	lightVerb = map[string]bool{}
)

func init() {
	for _, v := range []string{"دیا", "دی", "دیے", "دیئے", "دئیے", "دئے", "دیں", "دینا", "دیتے", "دیتا", "دیتی",
		"لیا", "لی", "لیے", "لئے", "لیں", "لینا", "لیتے", "لیتا", "لیتی", "کے", "چکا", "چکے", "چکی",
		"رہا", "رہے", "رہی", "سکتا", "سکتے", "سکتی", "سکے", "گیا", "گئے", "گئی", "گئیں", "جائے", "جائیں",
		"جاتا", "جاتے", "جاتی", "جانا", "کر"} {
		lightVerb[v] = true
	}
}

// joinedVerbAt returns the offset at which a word starting at i splits into "کر"/"ہو" and its
// light verb, or 0 when the word at i is no such join.
func joinedVerbAt(t []byte, i int) int {
	if t[i] != 0xDA && t[i] != 0xDB {
		return 0 // neither ک (DA A9) nor ہ (DB 81)
	}
	if r, _ := utf8.DecodeLastRune(t[:i]); i > 0 && isWordRune(r) {
		return 0 // not the first letter of a word; after "،" or "۔" it is
	}
	for _, k := range joinedKar {
		if len(t)-i < len(k) || string(t[i:i+len(k)]) != k {
			continue
		}
		cut := i + len(k)
		end := cut
		for end < len(t) {
			r, n := utf8.DecodeRune(t[end:])
			if !isWordRune(r) || r < 0x80 {
				break
			}
			end += n
		}
		if end > cut && lightVerb[string(t[cut:end])] {
			return cut
		}
	}
	return 0
}
