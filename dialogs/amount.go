package dialogs

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// maxAmount bounds what ParseAmount accepts (Rs 10 trillion): more is a typing slip, and it keeps
// every accepted amount exact in an int64 and a float64.
const maxAmount = 1e13

// ParseAmount reads an amount of rupees as a jobseeker types it when asked "how much?": digits
// ("50000", "50,000", "1,50,000", "Rs. 50,000/-", Urdu "۵۰۰۰۰"), shorthand ("25k", "1.5 lac",
// "2 lakh", "30 hazar", "۵۰ ہزار"), and words in English ("fifty thousand", "one lakh fifty
// thousand"), Roman Urdu ("dedh lakh", "pachas hazar") and Urdu ("تیس ہزار", "ڈیڑھ لاکھ",
// "ڈھائی لاکھ", "سوا لاکھ", "پونے دو لاکھ", "پچاس ہزار روپے"). A few words around the amount
// ("Rs", "rupees", "روپے", "about", "I paid", "میں نے ... دیے") are allowed; anything else, a
// second amount, or a foreign currency makes it no amount, so that a pasted ad or a sum in riyals
// is asked again rather than misread. It does not judge the size: the caller refuses amounts too
// small to be a fee.
func ParseAmount(text string) (int64, bool) {
	var p amountParser
	for _, tok := range amountTokens(amountKey(text)) {
		if !p.add(tok) {
			return 0, false
		}
	}
	return p.result()
}

// amountParser adds up an amount the way it is spoken: numbers, optionally scaled by a hundred,
// then by a thousand, lakh, million or crore, each larger scale first ("2 lakh 50 hazar").
type amountParser struct {
	total   float64 // the finished groups: "2 lakh" in "2 lakh 50 hazar"
	current float64 // the group being read: "50" in "2 lakh 50 hazar"
	last    wordKind
	lastVal float64 // the value of the last number word (for "twenty five")
	scale   float64 // the last big scale used; the next must be smaller
	pending float64 // what سوا / ساڑھے / پونے add to the next number (0: none)
	seen    bool    // a number or a scale was read
}

// wordKind is what a token is to the parser.
type wordKind int

const (
	wNone      wordKind = iota
	wDigits             // "50000", "1.5"
	wNumber             // a number word: "fifty", "پچاس", "pachas"
	wTens               // an English tens word that a unit may follow: "twenty" (five)
	wFraction           // ڈیڑھ, ڈھائی, "half": a number that needs a scale after it
	wModifier           // سوا, ساڑھے, پونے: change the next number by a quarter or a half
	wHundred            // "hundred", "سو", "sau"
	wScale              // thousand, lakh, million, crore
	wScaleAbbr          // "k", "cr": only written after a number
	wFiller             // "rs", "روپے", "about", "paid": ignored
	wArticle            // "a", "an": one, or nothing after "half"
)

type amountWord struct {
	kind  wordKind
	value float64
}

func (p *amountParser) add(tok string) bool {
	w, ok := amountWords[tok]
	if !ok {
		v, isNum := parseDigits(tok)
		if !isNum {
			return false
		}
		w = amountWord{kind: wDigits, value: v}
	}
	switch w.kind {
	case wFiller:
		return true
	case wArticle:
		if p.last == wFraction {
			return true // "half a lakh"
		}
		w = amountWord{kind: wNumber, value: 1}
	}
	switch w.kind {
	case wDigits, wNumber, wTens, wFraction:
		return p.number(w)
	case wModifier:
		if p.pending != 0 || p.current != 0 {
			return false
		}
		p.pending, p.last = w.value, wModifier
		return true
	case wHundred:
		if p.current >= 100 || p.last == wHundred {
			return false
		}
		p.current = p.base() * 100
		p.last, p.seen = wHundred, true
		return true
	case wScale, wScaleAbbr:
		if w.kind == wScaleAbbr && p.current == 0 {
			return false // "k" alone is the Roman Urdu "ke", not a thousand
		}
		if p.scale != 0 && w.value >= p.scale || p.last == wScale {
			return false // "50 hazar 2 lakh", "lakh hazar"
		}
		p.total += p.base() * w.value
		p.current, p.scale, p.last, p.seen = 0, w.value, wScale, true
		return true
	}
	return false
}

// number reads a number: a group's first, a unit after an English tens word ("twenty five"), or
// what follows a hundred ("ایک سو پچاس", "one hundred fifty").
func (p *amountParser) number(w amountWord) bool {
	v := w.value
	if p.pending != 0 {
		if w.kind == wFraction {
			return false // "سوا ڈیڑھ"
		}
		v += p.pending
		p.pending = 0
		w.kind = wFraction // "سوا دو" is 2.25: it needs a scale after it, like ڈیڑھ
	}
	switch {
	case p.current == 0 && p.last != wHundred:
		p.current = v
	case p.last == wHundred && v < 100 && w.kind != wFraction:
		p.current += v
	case p.last == wTens && w.kind == wNumber && v < 10 && p.lastVal >= 20 && isEnglishUnit(v):
		p.current += v
	default:
		return false // two numbers in a row: "50 60", "ek 50"
	}
	p.last, p.lastVal, p.seen = w.kind, v, true
	return true
}

// base is the number a scale multiplies: the group read so far, or 1 for "lakh" alone, or what a
// pending سوا / پونے makes of one ("سوا لاکھ" is 1.25 lakh).
func (p *amountParser) base() float64 {
	b := p.current
	if b == 0 {
		b = 1
	}
	if p.pending != 0 {
		b += p.pending
		p.pending = 0
	}
	return b
}

func (p *amountParser) result() (int64, bool) {
	if !p.seen || p.pending != 0 || p.last == wFraction || p.last == wModifier {
		return 0, false // nothing read, or "ڈیڑھ" with no lakh after it
	}
	v := p.total + p.current
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > maxAmount {
		return 0, false
	}
	return int64(math.Round(v)), true
}

func isEnglishUnit(v float64) bool { return v >= 1 && v <= 9 && v == math.Trunc(v) }

// parseDigits reads "50000", "50,000", "1,50,000", "1.5": digits with thousands commas anywhere
// (Pakistanis group by lakh) and at most one decimal point.
func parseDigits(tok string) (float64, bool) {
	if tok == "" || !isASCIIDigit(rune(tok[0])) || len(tok) > 24 {
		return 0, false
	}
	s := strings.ReplaceAll(tok, ",", "")
	if strings.Count(s, ".") > 1 || strings.HasSuffix(s, ".") {
		return 0, false
	}
	for _, r := range s {
		if r != '.' && !isASCIIDigit(r) {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// amountKey folds what people type into one spelling: Urdu and Arabic-Indic digits to ASCII, the
// Arabic letter variants of Urdu (ي ك ه ة) to the Urdu ones, ھ and ہ to one letter (phones
// type either), hamza and madda forms to their bare letters, and case; diacritics, tatweel,
// joiners and bidi controls are dropped. The word table goes through the same folding.
func amountKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r == '٫':
			r = '.'
		case r == '٬' || r == '،':
			r = ','
		case r >= '\u064b' && r <= '\u065f', r == '\u0670', r == '\u0640', r == '\u200c', r == '\u200d',
			r == '\u200e', r == '\u200f', r == '\u061c', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			continue
		}
		switch r {
		case 'ي', 'ى', 'ې', 'ئ':
			r = 'ی'
		case 'ك':
			r = 'ک'
		case 'ه', 'ھ', 'ة', 'ۀ', 'ۂ', 'ۃ':
			r = 'ہ'
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ؤ':
			r = 'و'
		case 'ۓ':
			r = 'ے'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// amountTokens splits folded text into words and numbers: "25k" is "25" and "k", "Rs.50,000/-"
// is "rs" and "50,000"; a comma or a point belongs to a number only between two digits, and a
// currency sign is a token of its own (so "$800" is not read as rupees).
func amountTokens(s string) []string {
	const (
		sep = iota
		digit
		letter
		sign
	)
	rs := []rune(s)
	class := func(i int) int {
		r := rs[i]
		switch {
		case isASCIIDigit(r):
			return digit
		case (r == ',' || r == '.') && i > 0 && i+1 < len(rs) && isASCIIDigit(rs[i-1]) && isASCIIDigit(rs[i+1]):
			return digit
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			return letter
		case unicode.Is(unicode.Sc, r):
			return sign
		}
		return sep
	}
	var toks []string
	start, prev := -1, sep
	for i := range rs {
		c := class(i)
		latin := func(j int) bool { return rs[j] < 0x250 }
		if c != prev || c == sign || c == letter && i > 0 && latin(i) != latin(i-1) {
			if start >= 0 {
				toks = append(toks, string(rs[start:i]))
				start = -1
			}
			if c != sep {
				start = i
			}
		}
		prev = c
	}
	if start >= 0 {
		toks = append(toks, string(rs[start:]))
	}
	return toks
}
