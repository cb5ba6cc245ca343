package redflags

import (
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

func newBuilder(n int) *builder {
	return &builder{buf: make([]byte, 0, n), from: make([]int32, 0, n), to: make([]int32, 0, n)}
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

func (w *builder) addRune(r rune, from32, to32 int) {
	from, to := int32(from32), int32(to32)
	if r < utf8.RuneSelf {
		w.buf = append(w.buf, byte(r))
		w.from = append(w.from, from)
		w.to = append(w.to, to)
		return
	}
	n := len(w.buf)
	w.buf = utf8.AppendRune(w.buf, r)
	for range len(w.buf) - n {
		w.from = append(w.from, from)
		w.to = append(w.to, to)
	}
}

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
	chars := foldChars(text)
	return foldWords(chars)
}

// foldChars is the character-level pass.
func foldChars(text string) normalized {
	w := newBuilder(len(text))
	lastSpace := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
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
		case unicode.IsSpace(r):
			if !lastSpace {
				w.addRune(' ', start, end)
			}
			lastSpace = true
		default:
			w.addRune(r, start, end)
			lastSpace = false
		}
	}
	return w.done()
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
		"guarantee": {"garanti", "guaranty", "guarranty", "gaurantee", "garantee", "guarentee", "gurantee", "garanty"},
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
		"karwayein": {"karwayen", "karwain", "karwaen", "krwayen", "krwain", "karwaein", "karwa", "krwa", "karwaye", "karwaden"},
	}
	for canon, variants := range groups {
		romanVariants[canon] = canon
		for _, v := range variants {
			romanVariants[v] = canon
		}
	}
}

// foldWords is the word-level pass: it rewrites Roman-Urdu variants to their canonical spelling,
// mapping every byte of the replacement to the whole original word.
func foldWords(n normalized) normalized {
	text := n.text
	var w *builder
	last := 0
	for i := 0; i < len(text); {
		if !isASCIILetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if j-i < 2 || j-i > maxVariantLen {
			i = j
			continue
		}
		canon, ok := romanVariants[text[i:j]]
		if ok && canon != text[i:j] && (j == len(text) || text[j] < 0x80) && (i == 0 || text[i-1] < 0x80) {
			if w == nil {
				w = newBuilder(len(text))
			}
			for k := last; k < i; k++ {
				w.buf = append(w.buf, text[k])
				w.from = append(w.from, n.from[k])
				w.to = append(w.to, n.to[k])
			}
			w.add(canon, int(n.from[i]), int(n.to[j-1]))
			last = j
		}
		i = j
	}
	if w == nil {
		return n
	}
	for k := last; k < len(text); k++ {
		w.buf = append(w.buf, text[k])
		w.from = append(w.from, n.from[k])
		w.to = append(w.to, n.to[k])
	}
	return w.done()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }
