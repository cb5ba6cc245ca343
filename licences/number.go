package licences

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation is one licence number found in free text. Text is always exactly text[Start:End]: it
// starts at the licence keyword when one precedes the number ("OEPL No. 848/lhr") and never has
// leading or trailing white space.
type Citation struct {
	Text   string // the matched span of the original text, e.g. "OEPL No. 848/lhr"
	Number string // normalised, e.g. "0848/LHR"
	Start  int    // byte offset of Text in the original
	End    int    // byte offset just past Text
}

// KnownRegions are the BEOE protectorate codes seen on licences. Any 2-5 letter code is accepted
// after a licence keyword; a bare "NNNN/XXX" without a keyword is taken only with one of these, so
// that "1500/month" or "15/JAN" are not read as licences.
var KnownRegions = map[string]bool{"RWP": true, "LHR": true, "KAR": true, "PWR": true, "SKT": true, "MLK": true, "ISB": true, "MUL": true, "QTA": true}

// notRegions are letter codes that follow a number in ads without being a region: months (dates
// such as 15/JAN/2026), time and pay units (1500/month, 8/hr) and currencies. They are refused
// even after a licence keyword.
var notRegions = map[string]bool{
	"JAN": true, "FEB": true, "MAR": true, "APR": true, "MAY": true, "JUN": true, "JUL": true,
	"AUG": true, "SEP": true, "SEPT": true, "OCT": true, "NOV": true, "DEC": true,
	"MONTH": true, "MNTH": true, "MO": true, "DAY": true, "DAYS": true, "WEEK": true, "WK": true,
	"YEAR": true, "YR": true, "YRS": true, "HOUR": true, "HR": true, "HRS": true, "AM": true,
	"PM": true, "RS": true, "PKR": true, "SAR": true, "AED": true, "USD": true, "QAR": true,
	"OMR": true, "KWD": true, "BHD": true, "EUR": true, "GBP": true, "MYR": true, "PER": true,
}

// IsRegionCode reports whether code (2-5 ASCII letters) may be a region's code on a licence:
// not a month, a unit of time or pay, or a currency. Codes no register uses ("MLN", "FSD") are
// still codes: a licence cited with one is looked up under it and not found.
func IsRegionCode(code string) bool {
	if len(code) < 2 || len(code) > 5 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return !notRegions[strings.ToUpper(code)]
}

// urduRegions maps city names written in Urdu (and their Arabic-letter spellings) to their
// register codes, and the codes spelled letter by letter in Urdu, as people copy "1234/LHR" from an
// ad into an Urdu message: "۱۲۳۴/ایل ایچ آر", "۰۵۶۷/آر ڈبلیو پی".
var urduRegions = withArabicVariants(map[string]string{
	"لاہور": "LHR", "راولپنڈی": "RWP", "کراچی": "KAR", "پشاور": "PWR", "سیالکوٹ": "SKT", "ملاکنڈ": "MLK",
	"اسلام آباد": "ISB", "ملتان": "MUL", "کوئٹہ": "QTA",
	"ایل ایچ آر": "LHR", "آر ڈبلیو پی": "RWP", "کے اے آر": "KAR", "پی ڈبلیو آر": "PWR", "ایس کے ٹی": "SKT",
	"ایم ایل کے": "MLK", "آئی ایس بی": "ISB", "ایم یو ایل": "MUL", "کیو ٹی اے": "QTA",
})

const (
	digitClass = `[0-9۰-۹٠-٩]`
	// keywordWords are the words that introduce a licence number, in English and Urdu.
	keywordWords = `oepl?|lic(?:en[cs]e)?|لائسنس|لائسینس|لاءسنس|لایسنس|لاٸسنس`
)

var (
	// numberRe finds the core "NNNN/REG" with the optional MPD/ prefix, stray period, spaces around
	// the slash and a /YY suffix. Latin regions are matched case-sensitively against ASCII only:
	// (?i)[a-z] would also accept the Kelvin sign and the long s.
	numberRe = regexp.MustCompile(`(?i)(?:mpd\s*/\s*)?(` + digitClass + `{1,5})\s*\.?\s*/\s*((?-i:[a-zA-Z]{2,6})|` + urduRegionAlternation() + `)((?:\s*/\s*` + digitClass + `{2,4})?)`)
	// keywordRe must end right before a number for it to count as cited after a licence keyword.
	// It and permissionRe define what keywordAt and permissionAt read by hand
	// (TestFindAfterAsRegexps holds them to it).
	keywordRe = regexp.MustCompile(`(?i)(?:\boepl?\b|\blic(?:en[cs]e)?\b|\bmpd\b|لائسنس|لائسینس|لاءسنس|لایسنس|لاٸسنس)[^0-9۰-۹٠-٩\n]{0,18}$`)
	// permissionRe marks the Protector's permission number, which is not a licence.
	permissionRe = regexp.MustCompile(`(?i)(?:permission|perm\.|اجازت|پرمیشن)[^\n]{0,24}$`)
	// keywordPrefixRe extends a citation's span back over the keyword so evidence quotes it:
	// "OEPL No. ", "OEP Licence No.", "Lic.No.", "Lic# ", "License No: ", "لائسنس نمبر ".
	keywordPrefixRe = regexp.MustCompile(`(?i)(?:` + keywordWords + `)(?:[\s.:#\-]*(?:lic(?:en[cs]e)?|no|number|نمبر|#))*[\s.:#\-]*$`)
	// parsePrefixRe is what ParseNumber accepts before the number: nothing, or a keyword phrase.
	parsePrefixRe = regexp.MustCompile(`(?i)^(?:(?:` + keywordWords + `)(?:[\s.:#\-]*(?:lic(?:en[cs]e)?|no|number|نمبر|#))*[\s.:#\-]*)?$`)
)

// lookBehind is how many bytes before a number are searched for a licence or permission keyword.
const lookBehind = 64

func urduRegionAlternation() string {
	names := make([]string, 0, len(urduRegions))
	for n := range urduRegions {
		names = append(names, regexp.QuoteMeta(n))
	}
	return strings.Join(names, "|")
}

// withArabicVariants adds, for every Urdu spelling, the spelling with Arabic letters (ي ك ه) that
// keyboards and copy-pasted text often produce.
func withArabicVariants(m map[string]string) map[string]string {
	r := strings.NewReplacer("ی", "ي", "ک", "ك", "ہ", "ه")
	out := make(map[string]string, 2*len(m))
	for k, v := range m {
		out[k] = v
		out[r.Replace(k)] = v
	}
	return out
}

// FindNumbers returns every licence number cited in text, in order of appearance, without
// duplicates. A number counts when it follows a licence keyword (OEPL, OEP, Lic, Licence,
// License, MPD, لائسنس) or, without a keyword, when its region is one of KnownRegions. A number
// cited as the Protector's permission number is skipped. It never panics and never reports a
// span outside text.
func FindNumbers(text string) []Citation {
	var out []Citation
	seen := map[string]bool{}
	for _, m := range slashMatches(text) {
		start, end := m[0], m[1]
		if !boundaryBefore(text, start) || !boundaryAfter(text, m[5]) {
			continue
		}
		if _, ok := normalise(text[m[2]:m[3]], text[m[4]:m[5]], true); !ok {
			continue // not a licence whatever comes before it ("1500/month", "12345/LHR")
		}
		lo := max(0, start-lookBehind)
		for lo > 0 && !utf8.RuneStart(text[lo]) {
			lo--
		}
		before := text[lo:start]
		kw := findAfter(before, keywordAt, keywordStarts)
		keyword := kw != nil || strings.HasPrefix(strings.ToLower(text[start:m[2]]), "mpd")
		if pm := findAfter(before, permissionAt, permissionStarts); pm != nil && (kw == nil || pm[0] > kw[0]) {
			continue
		}
		number, ok := normalise(text[m[2]:m[3]], text[m[4]:m[5]], keyword)
		if !ok || seen[number] {
			continue
		}
		if kw != nil {
			if loc := keywordPrefixRe.FindStringIndex(before[kw[0]:]); loc != nil {
				start = lo + kw[0] + loc[0]
			}
		}
		start += leadingSpace(text[start:end])
		seen[number] = true
		out = append(out, Citation{Text: text[start:end], Number: number, Start: start, End: end})
	}
	return out
}

// slashMatches finds the licence numbers of text from its slashes: every number has one. Going
// back from a slash over the digits by hand and matching the region with a regexp anchored at the
// slash costs a fraction of an unanchored scan of the whole ad. Each match has numberRe's layout:
// whole match, digits, region, suffix; offsets are into text.
func slashMatches(text string) [][8]int {
	var out [][8]int
	for from := 0; ; {
		k := strings.IndexByte(text[from:], '/')
		if k < 0 {
			return out
		}
		slash := from + k
		from = slash + 1
		dEnd := skipSpaceBack(text, slash)
		if dEnd > 0 && text[dEnd-1] == '.' {
			dEnd = skipSpaceBack(text, dEnd-1)
		}
		dStart, n := dEnd, 0
		for dStart > 0 && n <= 5 {
			r, size := utf8.DecodeLastRuneInString(text[:dStart])
			if !isDigitLike(r) {
				break
			}
			dStart -= size
			n++
		}
		if n == 0 || n > 5 {
			continue
		}
		start := dStart
		if p := skipSpaceBack(text, dStart); p > 0 && text[p-1] == '/' {
			if q := skipSpaceBack(text, p-1); q >= 3 && strings.EqualFold(text[q-3:q], "mpd") {
				start = q - 3
			}
		}
		m, ok := regionAfter(text[slash:min(len(text), slash+80)])
		if !ok {
			continue
		}
		out = append(out, [8]int{start, slash + m[1], dStart, dEnd, slash + m[2], slash + m[3], slash + m[4], slash + m[5]})
	}
}

// regionAfter reads what follows a licence number's slash, s starting at the slash: the region
// and an optional /YY suffix. It returns the submatch offsets that the regexp
// ^/\s*([a-zA-Z]{2,6}|<an urduRegions name>)((?:\s*/\s*[0-9۰-۹٠-٩]{2,4})?) would: the end of
// the match, the region's span and the suffix's span. It reads the bytes by hand, as that regexp
// would match them (no Urdu name is the start of another, so at most one of them can match), and
// is asked at every slash after a digit, where the regexp was most of the cost of finding
// licence numbers.
func regionAfter(s string) (m [6]int, ok bool) {
	i := skipSpace(s, 1)
	j := i
	for j < len(s) && j-i < 6 && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j-i < 2 {
		j = -1
		for _, name := range urduRegionNames {
			if strings.HasPrefix(s[i:], name) {
				j = i + len(name)
				break
			}
		}
		if j < 0 {
			return m, false
		}
	}
	m[2], m[3] = i, j
	m[4], m[5] = j, j
	if k := skipSpace(s, j); k < len(s) && s[k] == '/' {
		k = skipSpace(s, k+1)
		n, end := 0, k
		for n < 4 && end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isDigitLike(r) {
				break
			}
			end += size
			n++
		}
		if n >= 2 {
			m[5] = end
		}
	}
	m[1] = m[5]
	return m, true
}

// urduRegionNames are the keys of urduRegions, sorted, for regionAfter to try one after the other:
// ranging over a slice costs a fraction of ranging over the map, and no name is the start of
// another, so the order does not change which one matches.
var urduRegionNames = func() []string {
	names := make([]string, 0, len(urduRegions))
	for name := range urduRegions {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}()

// skipSpace returns the offset of the first byte of s from i on that is not a space as a
// regexp's \s has it (space, \t, \n, \f, \r).
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

func skipSpaceBack(text string, i int) int {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i
}

// keywordStarts and permissionStarts are what every match of keywordRe and permissionRe starts
// with, so that the regexps need only run from the first of them (all Urdu keyword spellings
// start with لا). ASCII entries are matched ignoring case.
var (
	keywordStarts    = []string{"oep", "lic", "mpd", "لا"}
	permissionStarts = []string{"perm", "اجازت", "پرمیشن"}
)

// findAfter returns what re.FindStringIndex(s) returns for keywordRe or permissionRe, the
// regexp whose match from a position to the end of s at reports: the leftmost match, which runs
// to the end. It tries only the places from the first where one of starts occurs (every match
// starts with one of them), and reads the bytes by hand: the regexps were most of the cost of
// finding licence numbers in Urdu text, where "لا" starts many words.
func findAfter(s string, at func(s string, p int) bool, starts []string) []int {
	first := -1
	for _, w := range starts {
		if i := indexFold(s, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	for p := first; p < len(s); p++ {
		if at(s, p) {
			return []int{p, len(s)}
		}
	}
	return nil
}

// keywordAt reports whether keywordRe matches s from p to its end: a licence keyword at p (the
// Latin ones whole words, as \b has them, in any case), then at most 18 runes to the end, none of
// them a digit or a line break.
func keywordAt(s string, p int) bool {
	end := -1
	switch s[p] | 0x20 {
	case 'o': // \boepl?\b
		if k := foldedAt(s, p, "oep"); k > 0 && wordStartAt(s, p) {
			if k < len(s) && s[k]|0x20 == 'l' {
				k++
			}
			if !isWordByteAt(s, k) {
				end = k
			}
		}
	case 'l': // \blic(?:en[cs]e)?\b
		if k := foldedAt(s, p, "lic"); k > 0 && wordStartAt(s, p) {
			if e := foldedAt(s, k, "en"); e > 0 {
				if e = csAt(s, e); e > 0 {
					if e = foldedAt(s, e, "e"); e > 0 && !isWordByteAt(s, e) {
						end = e
						break
					}
				}
			}
			if !isWordByteAt(s, k) {
				end = k
			}
		}
	case 'm': // \bmpd\b
		if k := foldedAt(s, p, "mpd"); k > 0 && wordStartAt(s, p) && !isWordByteAt(s, k) {
			end = k
		}
	default:
		for _, w := range urduLicenceWords {
			if strings.HasPrefix(s[p:], w) {
				end = p + len(w)
				break
			}
		}
	}
	return end >= 0 && tailOK(s[end:], 18, true)
}

// urduLicenceWords are keywordRe's spellings of "licence" in Urdu; none is the start of another.
var urduLicenceWords = []string{"لائسنس", "لائسینس", "لاءسنس", "لایسنس", "لاٸسنس"}

// permissionAt reports whether permissionRe matches s from p to its end: "permission" or "perm."
// in any case, "اجازت" or "پرمیشن" at p, then at most 24 runes to the end, no line break among
// them.
func permissionAt(s string, p int) bool {
	end := -1
	if k := foldedAt(s, p, "perm"); k > 0 {
		if e := foldedAt(s, k, "i"); e > 0 {
			if e = sAt(s, e); e > 0 {
				if e = sAt(s, e); e > 0 {
					if e = foldedAt(s, e, "ion"); e > 0 {
						end = e
					}
				}
			}
		}
		if end < 0 && k < len(s) && s[k] == '.' {
			end = k + 1
		}
	} else if strings.HasPrefix(s[p:], "اجازت") {
		end = p + len("اجازت")
	} else if strings.HasPrefix(s[p:], "پرمیشن") {
		end = p + len("پرمیشن")
	}
	return end >= 0 && tailOK(s[end:], 24, false)
}

// foldedAt returns the end of lower, a word of lower-case ASCII letters, found at p in s in any
// case, or 0 when it is not there.
func foldedAt(s string, p int, lower string) int {
	if len(s)-p < len(lower) {
		return 0
	}
	for i := 0; i < len(lower); i++ {
		if s[p+i]|0x20 != lower[i] {
			return 0
		}
	}
	return p + len(lower)
}

// sAt returns the end of an "s" at p as (?i)s matches it (the long s ſ too), or 0.
func sAt(s string, p int) int {
	switch {
	case p < len(s) && s[p]|0x20 == 's':
		return p + 1
	case strings.HasPrefix(s[p:], "ſ"):
		return p + len("ſ")
	}
	return 0
}

// csAt returns the end of a "c" or an "s" at p as (?i)[cs] matches them, or 0.
func csAt(s string, p int) int {
	if p < len(s) && s[p]|0x20 == 'c' {
		return p + 1
	}
	return sAt(s, p)
}

// wordStartAt is \b before the letter at p: the byte before it is no ASCII letter, digit or
// underscore.
func wordStartAt(s string, p int) bool { return !isWordByteAt(s, p-1) }

// isWordByteAt reports whether s[i] is an ASCII letter, digit or underscore (\w); false outside s.
func isWordByteAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// tailOK reports whether s has at most max runes, none a line break, nor a digit of any script
// when noDigits.
func tailOK(s string, max int, noDigits bool) bool {
	n := 0
	for _, r := range s {
		if n++; n > max || r == '\n' || noDigits && isDigitLike(r) {
			return false
		}
	}
	return true
}

// indexFold is the first index of sub in s, ignoring ASCII case (sub in lower case), or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && (s[i+j] == sub[j] || s[i+j]|0x20 == sub[j] && sub[j] >= 'a' && sub[j] <= 'z') {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

// ParseNumber normalises a licence number typed on its own, such as "848/lhr", "OEPL No. 0848 / LHR",
// "MPD/1250/RWP/92" or "۰۸۴۸/LHR". Any 2-5 letter region is accepted because the user means it as a
// licence; other words around the number are refused.
func ParseNumber(s string) (string, error) {
	if isCanonical(s) {
		return s, nil // the common case, from FindNumbers or the register: no regexp needed
	}
	s = strings.TrimSpace(s)
	m := numberRe.FindStringSubmatchIndex(s)
	if m == nil {
		return "", fmt.Errorf("%q is not a licence number: expected digits, a slash and a region, like 9848/LHR", s)
	}
	number, ok := normalise(s[m[2]:m[3]], s[m[4]:m[5]], true)
	rest := strings.TrimRight(s[m[1]:], " \t.,;")
	if !ok || !boundaryAfter(s, m[5]) || rest != "" || !parsePrefixRe.MatchString(s[:m[0]]) {
		return "", fmt.Errorf("%q is not a licence number: expected up to four digits and a 2-5 letter region, like 9848/LHR", s)
	}
	return number, nil
}

// normalise turns matched digits and region into "NNNN/REG". Without a licence keyword only a
// known region is accepted.
func normalise(digits, region string, keyword bool) (string, bool) {
	var b strings.Builder
	for _, r := range digits {
		b.WriteRune(ASCIIDigit(r))
	}
	d := strings.TrimLeft(b.String(), "0")
	if d == "" || len(d) > 4 {
		return "", false
	}
	if code, ok := urduRegions[region]; ok {
		region = code
	} else {
		region = strings.ToUpper(region)
		if len(region) < 2 || len(region) > 5 || notRegions[region] || !isASCIIUpper(region) {
			return "", false
		}
		if !keyword && !KnownRegions[region] {
			return "", false
		}
	}
	return strings.Repeat("0", 4-len(d)) + d + "/" + region, true
}

// isCanonical says whether s is already a normalised number such as "0848/LHR".
func isCanonical(s string) bool {
	if len(s) < 7 || len(s) > 10 || s[4] != '/' || s[:4] == "0000" {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return isASCIIUpper(s[5:]) && !notRegions[s[5:]]
}

func isASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// ASCIIDigit maps Urdu (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII and leaves other runes alone.
func ASCIIDigit(r rune) rune {
	switch {
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	}
	return r
}

func isDigitLike(r rune) bool { return ASCIIDigit(r) >= '0' && ASCIIDigit(r) <= '9' }

func boundaryBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !(isDigitLike(r) || unicode.IsLetter(r) || r == '/' || r == '-' || r == '+')
}

func boundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !(unicode.IsLetter(r) || isDigitLike(r))
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace)) }
