package redflags

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/licences"
)

// checkLicences looks up every cited licence number and raises LICENCE_UNKNOWN (not on the
// register), LICENCE_NOT_VALID (not Active, or Active but past its expiry date) and
// LICENCE_NAME_MISMATCH (the ad names another agency than the register does for that number,
// the commonest way scammers borrow a real licence).
func (a *Analyzer) checkLicences(ctx context.Context, d *doc, reg Register) ([]Licence, []Flag, error) {
	cits := licences.FindNumbers(d.orig)
	out := make([]Licence, 0, len(cits))
	var flags []Flag
	now := a.now()
	for _, c := range cits {
		if exampleBefore(d.orig, c.Start+digitsAt(c.Text)) {
			// "لائسنس نمبر عموماً نمبر/شہر کی شکل میں ہوتا ہے جیسے 1234/LHR": an explainer's
			// example cites no agency's licence.
			continue
		}
		l := Licence{Text: c.Text, Number: c.Number, Status: licences.Unknown, Start: c.Start, End: c.End}
		if reg == nil {
			out = append(out, l)
			continue
		}
		rec, ok, err := reg.Lookup(ctx, c.Number)
		if err != nil {
			return nil, nil, fmt.Errorf("look up licence %s: %w", c.Number, err)
		}
		if ok {
			l = LicenceOf(rec, c.Number, now)
			l.Text, l.Start, l.End = c.Text, c.Start, c.End
		} else {
			l.Looked = true
		}
		if f, bad := registerFlag(l); bad {
			flags = append(flags, f)
		} else if f, bad := d.nameMismatch(rec.Title, a.titleScorer); bad {
			// An Active licence (registerFlag raised nothing, so the register holds it) cited
			// under another agency's name.
			flags = append(flags, f)
		}
		out = append(out, l)
	}
	return out, flags, nil
}

// exampleBefore reports a licence number that an explainer gives as the shape of one: the word
// right before it is "e.g.", "like", "such as", "جیسے", "مثلاً", "jaise".
func exampleBefore(text string, start int) bool {
	before := text[max(0, start-40):start]
	// The words are those strings.Fields cuts before at its spaces, read back from the last
	// without making the list: most numbers have a word before them that is neither an example
	// word nor one of the licence's own, and the first word read ends the search.
	end := len(before)
	// The example word may stand before the licence's own words: "e.g. licence 3456/ISB", "jaise
	// licence no 1234/LHR".
	for range 4 {
		end = lastNonSpace(before, end)
		if end == 0 {
			return false
		}
		from := lastSpaceEnd(before, end)
		w := Normalize(strings.Trim(before[from:end], ".,:;()\"'“”،"))
		if w == "example" && lastNonSpace(before, from) > 0 || exampleWords[w] {
			return true // "for example", "e.g.", "جیسے"
		}
		if !exampleSkipWords[w] {
			return false
		}
		end = from
	}
	return false
}

// lastNonSpace returns the end of s[:end] with its trailing spaces (unicode.IsSpace) cut off.
func lastNonSpace(s string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// lastSpaceEnd returns where the word that ends s[:end] starts: just after the space before it,
// or 0.
func lastSpaceEnd(s string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// exampleSkipWords are the words between an example word and the number it gives.
var exampleSkipWords = wordSet([]string{"licence", "license", "lic", "oep", "no", "number", "#", "لائسنس", "نمبر"})

// digitsAt returns the byte offset of the first digit (ASCII, Urdu or Arabic-Indic) in a cited
// licence's text, which may open with its licence words ("licence number like 1234/LHR").
func digitsAt(s string) int {
	for i, r := range s {
		if f := foldRune(r); f >= '0' && f <= '9' {
			return i
		}
	}
	return 0
}

// exampleWords introduce an example in English, Urdu and Roman Urdu.
// They are in normal form, as exampleBefore reads the word ("مثلاً" folds to "مثلا").
var exampleWords = wordSet([]string{"e.g", "eg", "like", "جیسے", "جیسا", "مثلا", "jaise", "jese", "jaisay", "masalan", "as"})

// agencySuffix are the words that end an agency's name ("Crescent Manpower", "Al Noor
// Overseas", "کریسنٹ مین پاور"); the words before them, on the same line, are the name.
var agencySuffix = map[string]bool{
	"overseas": true, "manpower": true, "power": true, "international": true, "recruiting": true, "recruitment": true,
	"recruiters": true, "travels": true, "travel": true, "consultants": true, "consultant": true, "enterprises": true,
	"associates": true, "trading": true, "solutions": true, "سولیوشنز": true, "intl": true,
	"اوورسیز": true, "اورسیز": true, "سیز": true, "پاور": true, "مینپاور": true, "انٹرنیشنل": true, "ٹریولز": true,
	"ٹریول": true, "کنسلٹنٹس": true, "انٹرپرائزز": true, "ایجنسی": true,
}

// agencySuffixIDs are the ids of agencySuffix, which agencyNames tests every word against: a bit
// read costs less than hashing the word.
var agencySuffixIDs = wordIDSet(agencySuffix)

// notAgency are words that make a name an institution or a place, not an agency.
var notAgency = map[string]bool{
	"ministry": true, "bureau": true, "protector": true, "government": true, "govt": true, "pakistanis": true,
	"foundation": true, "corporation": true, "embassy": true, "airport": true, "school": true, "university": true,
	"hospital": true, "وزارت": true, "بیورو": true, "حکومت": true, "پروٹیکٹر": true, "سفارت": true,
}

// leadingFiller is stripped from the front of a candidate name.
var leadingFiller = map[string]bool{
	"for": true, "in": true, "the": true, "our": true, "your": true, "jobs": true, "job": true, "work": true, "best": true,
	"top": true, "leading": true, "reliable": true, "trusted": true, "genuine": true, "licensed": true, "registered": true,
	"by": true, "from": true, "at": true, "with": true, "of": true, "and": true, "a": true, "an": true, "apply": true,
	"contact": true, "join": true, "hiring": true, "required": true, "urgent": true, "pakistan": true, "pakistani": true,
	"is": true, "are": true, "we": true, "us": true, "to": true, "via": true, "through": true, "go": true, "all": true,
	"other": true, "any": true, "no": true, "new": true, "visit": true, "call": true, "overseas": true, "employment": true,
	"promoters": true, "promoter": true, "oep": true, "oepl": true, "licence": true, "license": true, "lic": true,
	"mein": true, "ki": true, "ka": true, "ke": true, "se": true, "aur": true, "hai": true, "m": true, "s": true,
	"میں": true, "کی": true, "کا": true, "کے": true, "سے": true, "اور": true, "ہے": true, "لیے": true,
	// "لائسنس یافتہ ایجنسی", "رجسٹرڈ ایجنسی", "کوئی اچھی ایجنسی": agencies in general, no one's name.
	"یافتہ": true, "لائسنس": true, "رجسٹرڈ": true, "منظور": true, "شدہ": true, "کوئی": true, "کسی": true,
	"کونسی": true, "کون": true, "اچھی": true, "قانونی": true, "جعلی": true, "سرکاری": true,
	// "جہاں ایجنسی کے بارے میں پوچھ سکیں": a place to ask about agencies, no agency's name.
	"جہاں": true, "جس": true, "ہر": true, "اس": true, "ان": true, "یہ": true, "وہ": true, "ایک": true,
	"اپنی": true, "اپنا": true, "kisi": true, "koi": true, "jahan": true, "har": true,
}

// agencyNames finds the spans of agency names in the normalised text.
func (d *doc) agencyNames() [][2]int {
	t, toks := d.n.text, d.toks
	joined := func(a, b int) bool { // tokens a and b stand on one line, with only spaces, & or - between
		gap := t[toks[a].end:toks[b].start]
		return strings.Trim(gap, " &-'") == ""
	}
	var out [][2]int
	for i := range toks {
		first, last := -1, -1
		switch {
		case toks[i].w == "m" && i+1 < len(toks) && toks[i+1].w == "s" && t[toks[i].end:toks[i+1].start] == "/":
			// "M/s Crescent Manpower": up to four words after the honorific.
			first = i + 2
			for last = first; last+1 < len(toks) && last+1 < first+4 && joined(last, last+1); last++ {
			}
		case agencySuffixIDs.has(toks[i].id) && (i+1 == len(toks) || !agencySuffix[toks[i+1].w] || !joined(i, i+1)):
			last = i
			for first = i; first > 0 && first > i-4 && joined(first-1, first) && !leadingFiller[toks[first-1].w]; first-- {
			}
		}
		if first < 0 || first >= len(toks) || last < first {
			continue
		}
		for first <= last && leadingFiller[toks[first].w] {
			first++
		}
		if first > last || (first == last && agencySuffix[toks[first].w]) {
			continue
		}
		bad := false
		for k := first; k <= last; k++ {
			bad = bad || notAgency[toks[k].w]
		}
		if !bad {
			out = append(out, [2]int{toks[first].start, toks[last].end})
		}
	}
	return out
}

const (
	nameMatch    = 0.55 // at or above: the ad names the registered agency
	nameMismatch = 0.40 // every named agency below this: the ad names someone else
)

// nameMismatch reports whether the ad names an agency and none of the names it gives is the
// registered title. An ad that names no agency gets the benefit of the doubt. scorer gives the
// title's prepared scorer (Analyzer.titleScorer), asked for only when the ad names an agency.
func (d *doc) nameMismatch(title string, scorer func(title string) *licences.NameScorer) (Flag, bool) {
	t := d.n.text
	var worst *Flag
	var titled *licences.NameScorer
	best := 0.0
	for _, span := range d.agencyNames() {
		s, e := span[0], span[1]
		if d.warnedAt(s) {
			continue
		}
		if titled == nil {
			titled = scorer(title)
		}
		score := titled.Score(t[s:e])
		if score > best {
			best = score
		}
		if worst == nil && score < nameMismatch {
			f := d.flagAt(LicenceNameMismatch, "code.licence_name", s, e)
			worst = &f
		}
	}
	if worst == nil || best >= nameMatch {
		return Flag{}, false
	}
	if best >= nameMismatch {
		return Flag{}, false
	}
	return *worst, true
}

// NameSearcher is the register's search by agency name. A register that has it lets the analyser
// answer a message that is only an agency's name, or asks about one.
type NameSearcher interface {
	Search(ctx context.Context, name string, limit int) ([]licences.Match, error)
}

// airportRegions are the protectorates' cities by their airports' codes, which people type for
// the region when they write the number without its slash ("4189 pew"). After a slash a code is
// the licence's own, whatever it is ("3210/MLN" is looked up under MLN).
var airportRegions = map[string]string{"pew": "PWR", "mux": "MUL"}

// cityRegions maps the cities of the BEOE protectorates, as people write them in English, Roman
// Urdu and Urdu (normalised), to their register codes.
var cityRegions = map[string]string{
	"lahore": "LHR", "lhr": "LHR", "rawalpindi": "RWP", "pindi": "RWP", "rwp": "RWP", "karachi": "KAR", "khi": "KAR",
	"kar": "KAR", "peshawar": "PWR", "pwr": "PWR", "sialkot": "SKT", "skt": "SKT", "malakand": "MLK", "mlk": "MLK",
	"islamabad": "ISB", "isb": "ISB", "multan": "MUL", "mul": "MUL", "quetta": "QTA", "qta": "QTA",
	"لاہور": "LHR", "راولپنڈی": "RWP", "پنڈی": "RWP", "کراچی": "KAR", "پشاور": "PWR", "سیالکوٹ": "SKT", "ملاکنڈ": "MLK",
	"اسلام": "ISB", "ملتان": "MUL", "کوئٹہ": "QTA",
}

// cityWords are the ids of cityRegions' names, whose every region is a code ("" for none).
var cityWords = keyIDs(nil, cityRegions)

// sumOrSpanWords are the ids of the words that make the number before them a sum (a currency, a
// multiplier such as "hazar") or a span of time ("weeks"), not a licence number.
var sumOrSpanWords = keyIDs(keyIDs(keyIDs(keyIDs(keyIDs(nil, currencyAlias), pkrPer), multiplier), spelledMultiplier),
	timeUnits)

// licenceWordIDs are the ids of the words without which licenceWordBefore and licenceWordAfter
// find none: licenceWords, licenceAbbrev, and the last of urduOEPWords. licenceNounIDs,
// licenceAbbrevIDs, licenceNumberWordIDs, licenceLinkerIDs and drivingWordIDs are the ids of
// licenceWords, licenceAbbrev, licenceNumberWords, licenceLinkers and drivingWords: the words
// around a number are tested by their ids.
var (
	licenceWordIDs       = keyIDs(keyIDs(keyIDs(nil, licenceWords), licenceAbbrev), map[string]bool{urduOEPWords[2]: true})
	licenceNounIDs       = keyIDs(nil, licenceWords)
	licenceAbbrevIDs     = keyIDs(nil, licenceAbbrev)
	licenceNumberWordIDs = keyIDs(nil, licenceNumberWords)
	licenceLinkerIDs     = keyIDs(nil, licenceLinkers)
	drivingWordIDs       = keyIDs(nil, drivingWords)
)

// bareLicences finds licence numbers written without their region, or with the city as a word:
// "licence 9848", "لائسنس نمبر ۹۸۴۸", "OEP 9848 Lahore", or a number that is the whole message.
// A number with a city is looked up there; one without is looked up in every known region, and
// every licence found is returned (two agencies can share a number in different regions). A
// number found nowhere comes back Unknown. Numbers already cited with their region are skipped.
func (a *Analyzer) bareLicences(ctx context.Context, d *doc, reg Register, cited []Licence) ([]Licence, error) {
	toks := d.toks
	var out []Licence
	seen := map[string]bool{}
	// A licence word before or after a number (licenceWordBefore, licenceWordAfter) is one of
	// licenceWordIDs: a text without any, most texts, asks neither at every number.
	named := d.present.meets(licenceWordIDs)
	for i, t := range toks {
		if !isDigitByte(t.w[0]) || len(t.w) > 4 || !allDigits(t.w) {
			continue
		}
		if i+1 < len(toks) && sumOrSpanWords.has(toks[i+1].id) {
			// "لائسنس یافتہ ایجنٹ 15 ہزار روپے": a sum, not a licence number; "My OEP says 2
			// weeks": a span of time.
			continue
		}
		if d.countedNumber(i) {
			continue // "400 سے زائد معطل", "20 کے لائسنس معطل": how many licences, not which
		}
		whole := len(toks) <= 2 && (len(toks) == 1 || cityWords.has(toks[len(toks)-1].id))
		code := d.regionCodeAfter(i)
		// The city may come first: "chenab manpower sialkot 9544 theek hai?", "seaview manpower
		// karachi 9050 ka status kia hai". Not a year ("Lahore 2025 ka mausam").
		cityFirst := ""
		if i > 0 && len(t.w) >= 3 && !yearLike(t.w) && !numberGapBreaks.in(d.n.text[toks[i-1].end:t.start]) {
			if w := toks[i-1].w; len(w) > 3 && cityWords.has(toks[i-1].id) {
				cityFirst = cityRegions[w] // a city's name: "kar" is also Roman Urdu's "do" ("likh kr 7071")
			}
		}
		// A number with a region's code after it ("4120 LHR kis company ka hai?", "check
		// 1987/KHI", "۳۲۱۰/MLN چیک کر دیں") in a short message or a question is a licence asked
		// about: sums and dates are not written with "LHR". In a long text the code needs a
		// licence word, as a city does; so does a number of one or two digits ("ATM DHA PH-5 LHR"
		// in a bank's SMS is a branch).
		// A city's name after the number asks as its code does: "سیالکوٹ اسکلز اوورسیز ۹۳۳۳ سیالکوٹ، کیا
		// یہ رجسٹر ہے؟", "9848 lahore ka check karein" (four digits, no year; a name, not "kar", which
		// is also Roman Urdu's "do": "5000 kar do").
		cityAfter := i+1 < len(toks) && cityWords.has(toks[i+1].id) && len(toks[i+1].w) > 3 && len(t.w) == 4 && !yearLike(t.w) &&
			!numberGapBreaks.in(d.n.text[t.end:toks[i+1].start])
		asked := (code != "" || cityFirst != "" || cityAfter) && len(t.w) >= 3 && (d.asks || len(toks) <= 12 || d.anyOf(checkAsked) || d.anyOf(statusAskedCue))
		if !whole && !asked && !(named && (d.licenceWordBefore(i) || d.licenceWordAfter(i))) {
			continue
		}
		if len(cited) > 0 && d.citedAt(t.start, cited) {
			continue
		}
		if os, _ := d.n.span(t.start, t.end); exampleBefore(d.orig, os) {
			continue // "a licence number like 1234/LHR": the shape of one, no agency's
		}
		region := ""
		end := t.end
		if i+1 < len(toks) && cityWords.has(toks[i+1].id) && !strings.Contains(d.n.text[t.end:toks[i+1].start], "\n") {
			region, end = cityRegions[toks[i+1].w], toks[i+1].end
		} else if code != "" {
			region, end = code, toks[i+1].end
		} else if cityFirst != "" && asked {
			region = cityFirst
		}
		digits := fmt.Sprintf("%04s", t.w)
		if seen[digits+region] {
			continue
		}
		seen[digits+region] = true
		os, oe := d.n.span(t.start, end)
		found, err := lookupBare(ctx, reg, digits, region, a.now())
		if err != nil {
			return nil, err
		}
		for i := range found {
			found[i].Text, found[i].Start, found[i].End = d.orig[os:oe], os, oe
		}
		out = append(out, found...)
	}
	return out, nil
}

func lookupBare(ctx context.Context, reg Register, digits, region string, now time.Time) ([]Licence, error) {
	asked := digits // the number as asked: with its region when the user gave the city
	if region != "" {
		asked += "/" + region
	}
	if reg == nil {
		return []Licence{{Number: asked, Status: licences.Unknown}}, nil
	}
	regions := []string{region}
	if region == "" {
		regions = regions[:0]
		for r := range licences.KnownRegions {
			regions = append(regions, r)
		}
		slices.Sort(regions)
	}
	var out []Licence
	for _, r := range regions {
		rec, ok, err := reg.Lookup(ctx, digits+"/"+r)
		if err != nil {
			return nil, fmt.Errorf("look up licence %s/%s: %w", digits, r, err)
		}
		if ok {
			out = append(out, LicenceOf(rec, digits+"/"+r, now))
		}
	}
	if len(out) == 0 {
		out = append(out, Licence{Number: asked, Status: licences.Unknown, Looked: true})
	}
	return out, nil
}

// LicenceOf is what the register's record says about a licence number.
func LicenceOf(rec licences.Record, number string, now time.Time) Licence {
	l := Licence{Number: number, Title: rec.Title, Status: rec.EffectiveStatus(now), Looked: true}
	if !rec.Expires.IsZero() {
		l.Expires = rec.Expires.Format("2006-01-02")
	}
	return l
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// licenceWords name a licence in the words around a bare number; licenceAbbrev are the short
// forms ("Lic. No.", "OEP", "OEPL"), which no driving licence goes by.
var licenceWords = wordSet([]string{"licence", "license", "لائسنس", "لاسنس"})

// licenceWordsOnlyIDs are the ids of licenceWords alone (licenceWordIDs holds more), which
// countedNumber tests the words after every number against.
var licenceWordsOnlyIDs = wordIDSet(licenceWords)
var licenceAbbrev = wordSet([]string{"lic", "oep", "oepl"})

// licenceDot reports whether the dot after token j shortens a licence's words: "Lic." and the
// "No." after it ("Lic. No. 4408", "lic no. 4408-LHR"). Elsewhere "No." may end a sentence or
// number an order.
func (d *doc) licenceDot(j int) bool {
	switch d.toks[j].w {
	case "lic":
		return true
	case "no", "nr", "num":
		// "Lic. No. 4408", "licence no. 1742", "OEP No. 2210".
		return j > 0 && (licenceNounIDs.has(d.toks[j-1].id) || licenceAbbrevIDs.has(d.toks[j-1].id))
	}
	return false
}

// licenceWordBefore reports whether a licence word stands within three words before token i.
// regionCodeAfter returns the region the token after the number at i names as a code: one of
// the register's codes or their aliases ("LHR", "KHI"), or, after a slash, any code of two to five
// capital letters ("1234/MLN"), as the design's register contract says; "" when there is none.
func (d *doc) regionCodeAfter(i int) string {
	if i+1 >= len(d.toks) {
		return ""
	}
	next := d.toks[i+1]
	gap := d.n.text[d.toks[i].end:next.start]
	if numberGapBreaks.in(gap) {
		return ""
	}
	os, oe := d.n.span(next.start, next.end)
	code := d.orig[os:oe]
	if code != strings.ToUpper(code) && (len(d.toks) > 12 || next.w == "kar") {
		// Written as a code, in capitals: "5000 kar do" is no region. A short message types it as
		// it comes ("lisence nmbr 1599 rwp sahi ha ya fake", "4189 pew"), and is a licence asked
		// about.
		return ""
	}
	if yearLike(d.toks[i].w) && !strings.Contains(gap, "/") && !d.licenceWordBefore(i) {
		return "" // "Toyota Corolla GLi 2016 ISB registered": a model year and the city it is registered in
	}
	if d.flightRoute(i + 1) {
		return "" // "SV 739 ISB–RUH", "EK 615 KHI-DXB": a flight and its route, no licence
	}
	if r := cityRegions[next.w]; r != "" && len(next.w) <= 3 {
		return r
	}
	if r := airportRegions[next.w]; r != "" && !strings.Contains(gap, "/") {
		return r // "4189 pew": Peshawar by its airport's code, typed without the slash
	}
	if strings.Contains(gap, "/") && licences.IsRegionCode(code) {
		return code
	}
	return ""
}

// flightRoute reports whether the code at token j is the first of two airport codes joined by a
// dash, as tickets and check-in messages write a route ("ISB–RUH", "KHI-DXB"): a city's code there
// is an airport's.
func (d *doc) flightRoute(j int) bool {
	if j+1 >= len(d.toks) || len(d.toks[j].w) != 3 || len(d.toks[j+1].w) != 3 {
		return false
	}
	gap := d.n.text[d.toks[j].end:d.toks[j+1].start]
	return gap == "-" || gap == "–" || gap == "—" || gap == " - " || gap == " – "
}

// urduOEP reports whether the tokens ending at j spell "OEP" in Urdu letters: "او ای پی".
func (d *doc) urduOEP(j int) bool {
	return j >= 2 && d.toks[j].w == urduOEPWords[2] && d.toks[j-1].w == urduOEPWords[1] && d.toks[j-2].w == urduOEPWords[0]
}

// urduOEPWords are "او ای پی", normalised.
var urduOEPWords = strings.Fields(Normalize("او ای پی"))

// yearLike reports whether a four-digit number reads as a year of this or the last century.
func yearLike(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}

// numberWords are the words that say a number follows: "لائسنس چیک کرنا ہے، نمبر ۵۱۰۹".
var licenceNumberWords = wordSet([]string{"number", "no", "nmbr", "nambar", "num", "نمبر"})

func (d *doc) licenceWordBefore(i int) bool {
	reach := 3
	if i > 0 && licenceNumberWordIDs.has(d.toks[i-1].id) {
		reach = 6 // "the licence I have to check, number 5109": the number word points back further
	}
	for j := i - 1; j >= 0 && j >= i-reach; j-- {
		if gap := d.n.text[d.toks[j].end:d.toks[j+1].start]; urduStopOrLine.in(gap) ||
			strings.IndexByte(gap, '.') >= 0 && !d.licenceDot(j) {
			// "apni bike aur license zaroori. Rozana 1200": the word is another sentence's. (The
			// dot of "Lic. No. 4408" shortens a word; it ends no sentence.)
			return false
		}
		switch id := d.toks[j].id; {
		case !licenceWordIDs.has(id):
		case licenceNounIDs.has(id):
			// "A valid driver's license 5." numbers a list: a driving licence is no OEP's.
			return !(j > 0 && drivingWordIDs.has(d.toks[j-1].id) || j > 1 && d.toks[j-1].w == "s" && drivingWordIDs.has(d.toks[j-2].id))
		case licenceAbbrevIDs.has(id) || d.urduOEP(j):
			return true
		}
	}
	return false
}

// licenceWordAfter reports whether a licence word follows the number at token i after its city
// or a linking word: "9848 lahore wala licence sahi hai?", "9848 کا لائسنس". Straight after the
// number the word counts licences ("134 لائسنس منسوخ", "108 licences issued").
func (d *doc) licenceWordAfter(i int) bool {
	for j := i + 1; j < len(d.toks) && j <= i+3; j++ {
		switch t := d.toks[j]; {
		case licenceNounIDs.has(t.id) || licenceAbbrevIDs.has(t.id) && t.w != "lic":
			return j > i+1
		case cityWords.has(t.id) || licenceLinkerIDs.has(t.id):
			continue
		default:
			return false
		}
	}
	return false
}

// countedNumber reports a number that counts rather than names: "more than" before it or "سے
// زائد" after it ("400 سے زائد معطل"), or, of three digits at most, licences acted on after it ("20
// کے لائسنس معطل", "134 licences cancelled"). A licence asked about by its four digits ("9848 ka
// licence cancel ho gaya?") is still asked.
func (d *doc) countedNumber(i int) bool {
	word := func(k int) string {
		if k >= 0 && k < len(d.toks) {
			return d.toks[k].w
		}
		return ""
	}
	if (word(i+1) == "سے" || word(i+1) == "se") && countMoreWords[word(i+2)] ||
		word(i-2) == "more" && word(i-1) == "than" || word(i-1) == "over" {
		return true
	}
	if len(d.toks[i].w) > 3 {
		return false
	}
	for j := i + 1; j <= i+3 && j < len(d.toks); j++ {
		if licenceWordsOnlyIDs.has(d.toks[j].id) {
			return licenceActionWords[word(j+1)]
		}
	}
	return false
}

// countMoreWords say "more" after "سے" / "se"; licenceActionWords are what a regulator does to
// licences.
var (
	countMoreWords     = wordSet([]string{"زائد", "زیادہ", "ذیادہ", "zyada", "ziada", "zaida", "zayed", "ziyada"})
	licenceActionWords = wordSet([]string{"منسوخ", "معطل", "جاری", "cancelled", "canceled", "suspended", "revoked",
		"issued", "mansookh", "muattal"})
)

// licenceLinkers join a number to the licence word after it: "9848 wala licence", "9848 کا لائسنس".
var licenceLinkers = wordSet([]string{"wala", "wali", "walay", "ka", "ki", "ke", "کا", "کی", "کے", "والا", "والی", "والے",
	"number", "no", "نمبر", "'s", "s"})

// drivingWords name a driving licence, which ads for drivers ask for with its number.
var drivingWords = wordSet([]string{"driver", "drivers", "driving", "ڈرائیور", "ڈرائیونگ", "ڈرائیوِنگ", "گاڑی"})

// citedAt reports whether the normalised offset lies inside a licence number cited with its
// region (licences.FindNumbers found it already). cited is in the order of the text.
func (d *doc) citedAt(pos int, cited []Licence) bool {
	os, _ := d.n.span(pos, pos+1)
	i := sort.Search(len(cited), func(i int) bool { return cited[i].End > os })
	return i < len(cited) && os >= cited[i].Start
}

// agencyByName answers a message that names an agency: the name alone ("Khyber Pass Manpower"),
// or inside a short question ("Al-Noor Overseas ka licence sahi hai?"). The words that are not
// the name are dropped, and only a close match counts, so that ordinary short messages are not
// read as names. unlisted reports a message that asks to check an agency whose name (with an
// agency's word: Overseas, Manpower, Travels) no registered title is close to: "Falcon Overseas
// Employment Promoters ka licence check karein" gets the register's answer, that no agency on it
// has that name.
func (a *Analyzer) agencyByName(ctx context.Context, d *doc, reg Register, sig signals) (_ []Licence, unlisted bool, _ error) {
	ns, ok := reg.(NameSearcher)
	if !ok || len(d.toks) == 0 || len(d.toks) > 24 {
		return nil, false, nil
	}
	var name []string
	var at []int // the index in d.toks of each word of name
	suffix := false
	first, last := -1, -1 // the span of the name as the user wrote it, for the answer
	// The name is read in the sentence that holds the agency's word: "Bhai ye Crescent Manpower
	// wale sahi hain? Saudi ka visa de rahe hain" asks about the first sentence's agency.
	from, to := 0, len(d.n.text)
	agencyWord := -1 // the index in d.toks of the first agency word
	for i, t := range d.toks {
		if agencySuffix[t.w] {
			c := d.clauseAt(t.start)
			from, to, agencyWord = c.start, c.end, i
			break
		}
	}
	// A name with a question around it is short: a longer message tells or offers something.
	// The sentence that names the agency may be followed by a short one of what it asks: "Kya Al
	// Falah Overseas ka licence sahi hai? Wo 4 lakh maang rahe hain Saudia ke liye".
	words := 0
	for _, t := range d.toks {
		if t.start >= from && t.start < to {
			words++
		}
	}
	if words > 16 {
		return nil, false, nil
	}
	for i, t := range d.toks {
		if t.start < from || t.start >= to {
			continue
		}
		// A city after the name says where the office is ("Crescent Manpower Services Lahore");
		// the register's titles do not carry it.
		if nameQueryFiller[t.w] || d.cues.questionStart[t.w] || cityRegions[t.w] != "" && len(name) > 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if leadingFiller[t.w] && !agencySuffix[t.w] {
			continue
		}
		suffix = suffix || agencySuffix[t.w]
		name = append(name, t.w)
		at = append(at, i)
	}
	if len(name) == 0 || !(suffix || len(d.toks) <= 5 || sig.question) {
		return nil, false, nil
	}
	matches, err := ns.Search(ctx, strings.Join(name, " "), 5)
	if err == nil && suffix && len(name) > 2 {
		// The message says more than the name: "Mujhe Talagang International ne bulaya hai
		// interview ke liye". A name stands just before its agency's word, so the one to three
		// words before it, with the agency's words after, are tried too; the best match wins,
		// and the answer quotes the words it was found by.
		var lo, hi int
		matches, lo, hi, err = searchNearSuffix(ctx, ns, name, matches)
		if hi > lo && (lo > 0 || hi < len(name)) {
			first, last = at[lo], at[hi-1]
		}
	}
	if err != nil {
		if errors.Is(err, licences.ErrNoSnapshot) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("search register: %w", err)
	}
	// Asked to check, with a name of its own beside the agency's word: "Any overseas jobs in
	// Saudi?" names no agency, "Is Falcon Overseas genuine?" does. A travel agent asked about for
	// Umrah or a tour is not on the emigration register, and need not be.
	distinct := 0
	for _, w := range name {
		if !agencySuffix[w] && !genericNameWords[w] {
			distinct++
		}
	}
	// A message that is the name and nothing more ("Al-Faisal Overseas Employment Promoters",
	// perhaps with its city) asks about it as much as "is it registered?" does: that is all a
	// jobseeker pastes from a poster or a visiting card.
	alone := len(d.toks) <= 8
	for i := 0; alone && i < len(d.toks); i++ {
		alone = slices.Contains(at, i) || cityRegions[d.toks[i].w] != "" || leadingFiller[d.toks[i].w]
	}
	asked := suffix && distinct > 0 && d.counts[cueSale] == 0 && (sig.licenceCue || alone || d.anyOf(checkAsked)) &&
		namedBefore(d, agencyWord, from)
	var out []Licence
	for _, m := range matches {
		if m.Score < nameQueryScore || m.Score < matches[0].Score-0.1 {
			continue
		}
		l := LicenceOf(m.Record, m.Number, a.now())
		l.Text = d.orig
		os, oe := d.n.span(d.toks[first].start, d.toks[last].end)
		l.Query = strings.TrimSpace(d.orig[os:oe])
		l.Exact = m.Score >= exactNameScore || shortFormOf(d.toks[first:last+1], m.Title)
		out = append(out, l)
	}
	return out, asked && len(out) == 0, nil
}

// namedBefore reports whether a word of a name stands right before the agency word at index i of
// d.toks, in its sentence (which starts at from): "Falcon Overseas", "Al Falah Overseas" name an
// agency; "an overseas employment agency", "ke overseas agency", "konsi overseas agency" ask about
// agencies in general.
func namedBefore(d *doc, i, from int) bool {
	if i < 1 || d.toks[i-1].start < from {
		return false
	}
	w := d.toks[i-1].w
	return !nameQueryFiller[w] && !leadingFiller[w] && !genericNameWords[w] && !d.cues.questionStart[w] &&
		!agencySuffix[w]
}

// searchNearSuffix searches the register for the name made of one to three words before the first
// agency word of name and the agency words that follow it, and returns whichever search found the
// closest title, with the range of name it searched: best, the matches for the whole name (the
// range 0 to len(name)), or one of these.
func searchNearSuffix(ctx context.Context, ns NameSearcher, name []string, best []licences.Match) (_ []licences.Match, lo, hi int, _ error) {
	lo, hi = 0, len(name)
	s := slices.IndexFunc(name, func(w string) bool { return agencySuffix[w] })
	if s < 0 {
		return best, lo, hi, nil
	}
	e := s + 1
	for e < len(name) && (agencySuffix[name[e]] || genericNameWords[name[e]]) {
		e++
	}
	for k := 1; k <= 3 && s-k >= 0; k++ {
		if s-k == 0 && e == len(name) {
			break // the whole name, searched already
		}
		ms, err := ns.Search(ctx, strings.Join(name[s-k:e], " "), 5)
		if err != nil {
			return nil, 0, 0, err
		}
		// Only a title that has every word searched: "Al Noor travel" is not "Al-Noor Overseas
		// Employment Promoters", whatever a lenient score says.
		// A title the words name exactly, in any script ("انارکلی اوورسیز ایمپلائمنٹ پروموٹرز"), needs
		// no word-by-word check.
		if len(ms) > 0 && (len(best) == 0 || ms[0].Score > best[0].Score) &&
			(ms[0].Score >= exactNameScore || titleHasAll(ms[0].Title, name[s-k:e])) {
			best, lo, hi = ms, s-k, e
		}
	}
	return best, lo, hi, nil
}

// checkAsked are the words of a request to check an agency: "is X genuine", "X ka licence check
// karein", "کیا X رجسٹرڈ ہے".
var checkAsked = newPhraseSet([]string{"check", "verify", "genuine", "legit", "legitimate", "registered", "real",
	"fake", "asli", "jaali", "sahi", "رجسٹرڈ", "رجسٹر", "تصدیق", "چیک", "اصلی", "جعلی",
	// Whether they can be trusted: "Al Noor Overseas wale theek hain?", "is Falcon Overseas reliable?".
	"theek", "thik", "bharosemand", "reliable", "trustworthy", "trusted", "ٹھیک", "صحیح", "قابل اعتماد",
	// What others know of them: "Al Noor Manpower ke baare mein kisi ko pata hai?", "Anyone know
	// about Gulf Star Overseas?", "الفلاح اوورسیز کیسی کمپنی ہے؟ کسی کا تجربہ ہے؟".
	"ke baare mein", "ke bare mein", "ke baray mein", "kisi ko pata", "anyone know", "anybody know", "any experience",
	"experience with", "کے بارے میں", "کسی کو پتا", "کسی کو پتہ", "کیسی کمپنی", "kaisi company", "کسی کا تجربہ",
	"kisi ka tajurba", "kaise log", "کیسے لوگ", "koi pata hai", "pata hai kisi ko", "kese hain", "kaise hain",
	"kesay hain", "kaisay hain", "کیسے ہیں", "کیسی ہے"})

// genericNameWords are words of agencies' names that name no one agency: "overseas employment
// promoters", "jobs".
var genericNameWords = map[string]bool{"employment": true, "promoters": true, "promoter": true, "services": true,
	"service": true, "jobs": true, "job": true, "company": true, "pvt": true, "ltd": true, "private": true,
	"limited": true, "and": true, "&": true, "any": true, "in": true, "for": true, "saudi": true, "dubai": true,
	"ایمپلائمنٹ": true, "پروموٹرز": true, "سروسز": true, "کمپنی": true}

// titleHasAll reports whether every one of words (normalised) is a word of title.
func titleHasAll(title string, words []string) bool {
	titleWords := strings.FieldsFunc(Normalize(title), func(r rune) bool { return !isWordRune(r) })
	for _, w := range words {
		// A word of the title in another spelling or script counts ("margala" for Margalla,
		// "انارکلی" for Anarkali); "Al Noor travel" still lacks the title's "travel".
		if !slices.ContainsFunc(titleWords, func(t string) bool { return licences.SoundsAlike(w, t) }) {
			return false
		}
	}
	return true
}

// shortFormOf reports whether every word of a name the user gave is a word of the registered
// title ("Al-Noor Overseas" of "Al-Noor Overseas Employment Promoters"): a short form of that
// name, not another agency's.
func shortFormOf(name []token, title string) bool {
	var words []string
	for _, t := range name {
		if !nameQueryFiller[t.w] {
			words = append(words, t.w)
		}
	}
	return len(name) > 0 && titleHasAll(title, words)
}

// exactNameScore is the NameScore from which a registered title is the name asked about (up to
// case, script, word order and boilerplate such as "(Pvt) Ltd").
const exactNameScore = 0.999

// nameQueryScore is the least name similarity at which a short message is taken for an agency's
// name; licences.MatchThreshold (0.55) is for a user who said they are typing a name.
const nameQueryScore = 0.8

// nameQueryFiller are the words of a question about an agency that are not its name.
var nameQueryFiller = map[string]bool{
	"real": true, "genuine": true, "fake": true, "legit": true, "legal": true, "licensed": true, "registered": true,
	"valid": true, "check": true, "verify": true, "this": true, "agency": true, "sahi": true, "asli": true, "jaali": true,
	"hai": true, "he": true, "ya": true, "nahi": true, "ka": true, "ki": true, "ke": true, "kya": true, "hain": true,
	"کیا": true, "ہے": true, "یا": true, "نہیں": true, "اصلی": true, "جعلی": true, "ٹھیک": true, "درست": true,
	"please": true, "plz": true, "pls": true, "about": true, "tell": true, "me": true, "bataein": true, "batayein": true,
	// Roman Urdu and Urdu asking words: "X ka licence check karein", "X کی تصدیق کریں".
	"karein": true, "karen": true, "karo": true, "kar": true, "dein": true, "den": true, "batain": true, "bataen": true,
	"btao": true, "batao": true, "chahiye": true, "hota": true, "کریں": true, "کرو": true, "چیک": true, "بتائیں": true,
	"بتا": true, "دیں": true, "تصدیق": true, "رجسٹرڈ": true, "رجسٹر": true, "ہیں": true,
	// Words of the question itself: "X ka licence theek hai?", "is the licence of X valid".
	"licence": true, "license": true, "lic": true, "theek": true, "thik": true, "number": true, "status": true,
	"is": true, "it": true, "the": true, "of": true, "a": true, "an": true, "ye": true, "yeh": true, "its": true,
	"لائسنس": true, "نمبر": true, "کا": true, "کی": true, "کے": true, "یہ": true,
	// "Bhai, ye Crescent Manpower wale sahi hain?": the ones of, and a word of address.
	"wale": true, "wala": true, "wali": true, "walay": true, "waale": true, "والے": true, "والا": true, "والی": true,
	"bhai": true, "bhaijan": true, "sir": true, "ji": true, "jee": true, "بھائی": true,
	// The words of a question about the process, which name no agency: "How can I check if an
	// overseas employment agency is licensed?", "کیسے پتہ کروں کہ ایجنسی رجسٹرڈ ہے".
	"how": true, "can": true, "could": true, "i": true, "we": true, "if": true, "whether": true, "do": true, "does": true,
	"should": true, "which": true, "what": true, "where": true, "my": true, "any": true, "kaise": true, "kese": true,
	"kaisay": true, "kaun": true, "konsi": true, "kon": true, "kis": true, "کیسے": true, "کون": true, "کونسی": true,
	// "licence kaise check karun kisi overseas agent ka?": any agent, no one's name.
	"kisi": true, "koi": true, "some": true, "کسی": true, "کوئی": true,
	"کس": true, "پتہ": true, "کروں": true, "کہ": true, "k": true, "keh": true, "pata": true, "karun": true,
	// Where its office is: "Saffron Overseas ka dafter Lahore mein hai".
	"dafter": true, "daftar": true, "office": true, "mein": true, "main": true, "se": true, "دفتر": true, "میں": true,
	"سے": true,
}
