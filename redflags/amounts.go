package redflags

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// findAmounts reads the money in the ad from its words: "Rs 15,000", "25 hazar", "1.5 lakh
// riyal", "۵۰ ہزار روپے", "$800", "SAR 1500/-". A bare number with no currency, multiplier or
// "/-" is not money: it is a phone number, a count or a year.
func (d *doc) findAmounts() []amount {
	toks, t := d.toks, d.n.text
	var out []amount
	near := func(a, b int) bool { // tokens a and b stand side by side on one line, in one sentence
		gap := t[toks[a].end:toks[b].start]
		// A full stop ends the sentence ("تنخواہ 7000 ریال۔ 1 لاکھ 60 ہزار جمع کروائیں", "salary
		// 1500 riyal. 2 lakh advance"): the currency before it is not the next sum's. After a
		// short abbreviation it is the abbreviation's ("Rs. 50,000", "Dhs. 2,000").
		return len(gap) <= 3 && !sentenceBreaks.in(gap) &&
			(!strings.Contains(gap, ".") || len(toks[a].w) <= 3)
	}
	for i := 0; i < len(toks); i++ {
		start := i
		var v float64
		if isDigitByte(toks[i].w[0]) {
			var err error
			if v, err = strconv.ParseFloat(strings.ReplaceAll(toks[i].w, ",", ""), 64); err != nil || v == 0 {
				continue
			}
		} else {
			// "ایک لاکھ", "ساڑھے چار لاکھ", "do lakh": a number in words counts only before
			// lakh, hazar or crore, where it can only be money. (Most words are no number:
			// one bit read, not a call.)
			if !spelledWords.has(toks[i].id) {
				continue
			}
			n, end, ok := spelledNumber(toks, i)
			if !ok || end+1 >= len(toks) || !near(end, end+1) || !spelledMultiplier[toks[end+1].w] {
				continue
			}
			if sum := (amount{start: toks[i].start, end: toks[end+1].end}); !d.pricedBefore(toks[i].start) && !d.feeNear(sum) &&
				!(end+2 < len(toks) && near(end+1, end+2) && currencyWords.has(toks[end+2].id)) && !d.pricedAfter(sum) {
				// "ایک لاکھ ویزے" counts visas: spelled out, a sum is money only with its
				// currency, the fee or price it is, or the words of a price after it ("نو لاکھ
				// لگیں گے", "پچاس ہزار پہلے").
				continue
			}
			v, i = n, end
		}
		first, last, cur, mult := start, i, "", false
		if start > 0 && near(start-1, start) {
			if c, ok := tokenCurrency(toks[start-1]); ok {
				first, cur = start-1, c
				if p := start - 2; c == "usd" && toks[start-1].w == "$" && p >= 0 && toks[p].end == toks[start-1].start {
					// "US$500", "CAD$69,500", "A$ 4,000": the letters written onto the dollar sign
					// say whose dollar it is.
					if d, ok := dollarPrefix[toks[p].w]; ok {
						first, cur = p, d
					}
				}
			} else if toks[start-1].w == "n" && toks[start-1].end == toks[start].start {
				first, cur = start-1, "ngn" // "N5,000": Nigerian job ads write the naira as N
			}
		}
		if j := last + 1; j < len(toks) && near(last, j) {
			// "k" counts only written onto the number ("50k"): "401(k)" is a pension plan.
			if m, ok := multiplierOf(toks[j]); ok && (toks[j].w != "k" || toks[j].start == toks[last].end && toks[last].w != "401") {
				v *= m
				last, mult = j, true
			} else if m := newsMillions[toks[j].w]; m != 0 && cur == "pkr" && toks[j].start == toks[last].end {
				// "Rs1.5m", "Rs2.5mn": Pakistan's papers write a victim's millions so, onto the
				// rupees. (Alone, "5m" is as likely five metres, and "AED 2M+" a property's price.)
				v *= m
				last, mult = j, true
			}
		}
		slashDash := last+1 < len(toks) && strings.Contains(t[toks[last].end:toks[last+1].start], "/-") ||
			strings.HasPrefix(t[toks[last].end:], "/-")
		if j := last + 1; cur == "" && j < len(toks) && near(last, j) {
			if c, ok := tokenCurrency(toks[j]); ok {
				last, cur = j, c
			} else if k, nation := j+1, nationOf(toks[j]); nation != "" && k < len(toks) && near(j, k) {
				// "2200 قطری ریال", "1500 Saudi riyals": the country names the currency.
				if _, ok := tokenCurrency(toks[k]); ok {
					last, cur = k, nation
				}
			}
		}
		if cur == "" && !slashDash && (!mult || toks[last].w == "million" || toks[last].w == "thousand") &&
			(mult || !bareSum(toks[start].w, v) || !feeNamedBefore(toks, start, near) && !onlyPriced(toks, start, near) && !earningNamed(t, toks, start, last, near) && !sentNamed(toks, start, last, near)) {
			// Money needs a currency, "lakh"/"hazar" (said only of money in these ads) or "/-":
			// "20 million API requests" and "5 million readers" are counts. A bare sum counts
			// right after the fee or the cost it is: "visa processing 95,000", "Registration 25000".
			continue
		}
		if (mult || cur == "") && countedAfter(t, toks, last) {
			i = last
			continue // "دس لاکھ ویزے", "20 لاکھ likes", "2 lakh workers": a count, not money
		}
		if glued(t, toks[first].start, toks[last].end) {
			i = last
			continue // part of a longer run of letters and digits: a hash, a code, a reference
		}
		rate, ok := pkrPer[cur]
		if !ok {
			rate = 1
		}
		out = append(out, amount{pkr: v * rate, currency: cur, start: toks[first].start, end: toks[last].end})
		i = last
	}
	return out
}

// bareSum reports whether a number written without a currency has the shape of a sum in rupees:
// a thousand or more, grouped by commas ("95,000", "1,20,000") or of four to six digits, with no
// leading zero (a phone number's) and not a year ("visa 2026").
func bareSum(w string, v float64) bool {
	if v < 1000 || w[0] == '0' {
		return false
	}
	if strings.IndexByte(w, ',') >= 0 {
		return true
	}
	return len(w) <= 6 && !(v >= 1900 && v <= 2100) && strings.IndexByte(w, '.') < 0
}

// feeNamedBefore reports whether one of the two words just before token i, on its line, names a
// fee or a cost ("registration", "processing", "visa", "ticket", "package").
func feeNamedBefore(toks []token, i int, near func(a, b int) bool) bool {
	for j := i - 1; j >= 0 && j >= i-2 && near(j, j+1); j-- {
		if w := toks[j].w; feeWords.has(w) || costWords.has(w) {
			return true
		}
	}
	return false
}

// onlyPriced reports a bare sum grouped by commas right after "only" ("Sirf 85,000 aur passport",
// "صرف 1,20,000"): a price, put as a bargain, of whatever the text sells. Counts are rarely
// grouped and said to be "only" so.
func onlyPriced(toks []token, i int, near func(a, b int) bool) bool {
	return i > 0 && near(i-1, i) && onlyWords[toks[i-1].w] && strings.IndexByte(toks[i].w, ',') >= 0
}

// earningNamed reports whether a word of earning stands just before token first ("kamayen
// 50,000", "earn 50,000") or a period of pay just after token last ("50,000 mahana", "50,000 per
// month", "3000 daily"), on its line: a bare sum so placed is money the reader is told they earn.
func earningNamed(t string, toks []token, first, last int, near func(a, b int) bool) bool {
	for j := first - 1; j >= 0 && j >= first-2 && near(j, j+1); j-- {
		if earnVerbs[toks[j].w] {
			return true
		}
	}
	j := last + 1
	if j < len(toks) && near(last, j) && (toks[j].w == "per" || toks[j].w == "a" || toks[j].w == "every") {
		j++
	}
	if j >= len(toks) || !near(j-1, j) || periodWords[toks[j].w] == "" || periodWords[toks[j].w] == "hour" {
		return false
	}
	// "50,000 daily orders", "20,000 monthly views": a period that qualifies the noun after it
	// counts things. The sum is pay when the period ends its phrase or a small word follows.
	k := j + 1
	return k >= len(toks) || strings.TrimSpace(t[toks[j].end:toks[k].start]) != "" || earnVerbs[toks[k].w] ||
		afterPeriod[toks[k].w]
}

// sentNamed reports whether a word of sending or paying stands just after token last ("35000
// bhej dein", "50000 jama karwayen") or just before token first ("send 35000", "pay 25000"), on
// its line: a bare sum so placed is money the reader is asked for.
func sentNamed(toks []token, first, last int, near func(a, b int) bool) bool {
	if j := last + 1; j < len(toks) && near(last, j) && sendAfter[toks[j].w] {
		return true
	}
	j := first - 1
	return j >= 0 && near(j, first) && sendBefore[toks[j].w]
}

// sendAfter follow a sum asked for in Roman Urdu and Urdu; sendBefore come before it in English.
var sendAfter, sendBefore = wordSet([]string{"bhej", "bhejein", "bhejen", "bhejo", "bhejiye", "jama", "transfer",
	"send", "bhijwa", "bhijwaen", "بھیج", "بھیجیں", "بھیجو", "جمع", "ٹرانسفر", "ادا"}),
	wordSet([]string{"send", "pay", "transfer", "deposit", "remit"})

// afterPeriod are the small words that may follow the period of pay ("per month from home",
// "mahana ghar baithe", "روزانہ کمائیں").
var afterPeriod = wordSet([]string{"from", "for", "in", "at", "with", "and", "plus", "only", "se", "tak", "ki", "ke",
	"ka", "mein", "aur", "sirf", "ghar", "سے", "تک", "کی", "کے", "کا", "میں", "اور", "صرف", "گھر"})

// earnVerbs tell the reader they will earn the sum after them.
var earnVerbs = wordSet([]string{"earn", "earning", "earnings", "kamayen", "kamayein", "kamain", "kamao", "kamaen",
	"کمائیں", "کمائے", "کماؤ", "income", "aamdani", "آمدنی"})

// glued reports whether the text [start, end) is stuck to a letter or digit on either side
// ("…8796bd3a7c…" in a link's hash): an amount stands apart from the words around it.
func glued(t string, start, end int) bool {
	alnum := func(c byte) bool { return isDigitByte(c) || isASCIILetter(c) }
	return start > 0 && alnum(t[start-1]) || end < len(t) && alnum(t[end])
}

// countedAfter reports whether one of the four words after toks[last] names what a lakh or a
// hazar counts (visas, workers, people, likes) before any word of money does: "ایک لاکھ کے
// حساب سے ویزوں" counts visas, "5 lakh fees for visas" is money.
func countedAfter(t string, toks []token, last int) bool {
	for j := last + 1; j < len(toks) && j <= last+4; j++ {
		if lineOrSentenceBreaks.in(t[toks[j-1].end:toks[j].start]) {
			// "فی ویزا ۴ لاکھ / سنجیدہ لوگ رابطہ کریں": the people are the next line's.
			return false
		}
		w := toks[j].w
		if countedNouns[w] {
			return true
		}
		if feeWords.has(w) || costWords.has(w) || isCurrency(w) {
			return false
		}
	}
	return false
}

// countedNouns are the plural nouns that lakh and hazar count in news and posts.
var countedNouns = wordSet([]string{"visas", "workers", "people", "persons", "jobs", "vacancies", "posts", "likes", "views",
	"followers", "subscribers", "pakistanis", "migrants", "labourers", "students", "ویزے", "ویزوں", "افراد",
	"لوگ", "لوگوں", "ملازمین", "آسامیاں", "اسامیاں", "نوکریاں", "ورکرز", "پاکستانی", "پاکستانیوں", "لائکس", "ویوز",
	"مزدور", "مزدوروں", "شہری", "شہریوں", "طلبہ", "log", "afraad"})

// currencyWords, multiplierWords and nationWords are the ids of currencyOf's words (currencyAlias
// and pkrPer), of multiplier's and of currencyNation's: a token is tested by its id, one bit,
// before its word is looked up, and most tokens beside a number are none of them.
var (
	currencyWords   = keyIDs(keyIDs(nil, currencyAlias), pkrPer)
	multiplierWords = keyIDs(nil, multiplier)
	nationWords     = keyIDs(nil, currencyNation)
)

// tokenCurrency is currencyOf(t.w).
func tokenCurrency(t token) (string, bool) {
	if !currencyWords.has(t.id) {
		return "", false
	}
	return currencyOf(t.w)
}

// multiplierOf is multiplier[t.w] and whether t.w is one.
func multiplierOf(t token) (float64, bool) {
	if !multiplierWords.has(t.id) {
		return 0, false
	}
	m, ok := multiplier[t.w]
	return m, ok
}

// nationOf is currencyNation[t.w].
func nationOf(t token) string {
	if !nationWords.has(t.id) {
		return ""
	}
	return currencyNation[t.w]
}

// isCurrency reports whether w is a currency word.
func isCurrency(w string) bool { _, ok := currencyOf(w); return ok }

// currencyOf reads a currency word.
func currencyOf(w string) (string, bool) {
	if a, ok := currencyAlias[w]; ok {
		return a, true
	}
	if _, ok := pkrPer[w]; ok {
		return w, true
	}
	return "", false
}

// pkrPer converts foreign currencies roughly to rupees; only the order of magnitude matters here.
var pkrPer = map[string]float64{
	"pkr": 1, "sar": 75, "aed": 76, "qar": 77, "kwd": 910, "omr": 730, "bhd": 745, "usd": 280, "eur": 305, "gbp": 355,
	"brl": 50, "inr": 3.3, "myr": 60, "kes": 2.2, "ngn": 0.18, "cad": 205, "aud": 185,
	"php": 4.8, "bdt": 2.3, "npr": 2.1, "lkr": 0.95, "ghs": 18, "ugx": 0.075, "zar": 15, "egp": 5.7,
	// Europe's other currencies, which fake offer letters from Nordic hospitals quote ("96000 NOK
	// per month"), and the Far East's.
	"nok": 26, "sek": 26, "dkk": 41, "chf": 320, "pln": 70, "ron": 61, "nzd": 165, "sgd": 210, "jpy": 1.8,
	"krw": 0.2, "cny": 39,
}

var currencyAlias = map[string]string{
	"rs": "pkr", "rs.": "pkr", "rupee": "pkr", "rupees": "pkr", "روپے": "pkr", "rupay": "pkr", "rupaye": "pkr", "rupey": "pkr",
	"riyal": "sar", "riyals": "sar", "ریال": "sar", "rial": "omr", "rials": "omr",
	"dirham": "aed", "dirhams": "aed", "درہم": "aed",
	"$": "usd", "dollar": "usd", "dollars": "usd", "rupya": "pkr", "ڈالر": "usd", "یورو": "eur",
	"€": "eur", "euro": "eur", "euros": "eur", "£": "gbp",
	"reais": "brl", "brl": "brl", "₹": "inr", "inr": "inr", "rm": "myr", "ringgit": "myr", "ksh": "kes", "kes": "kes",
	"bd": "bhd", "kd": "kwd", "bucks": "usd", "naira": "ngn", "₦": "ngn", "₱": "php", "peso": "php", "pesos": "php",
	// Bangladesh's papers write the taka "Tk 5 lakh"; Roman Urdu's "tk" (tak, "up to") beside a
	// number reads as taka too, which changes a sum by a factor of two, not its order.
	"৳": "bdt", "taka": "bdt", "tk": "bdt", "cedi": "ghs", "cedis": "ghs", "ghc": "ghs", "shillings": "kes", "shilling": "kes",
	// Nepal's rupee as its papers write it ("NRs 1,20,000"), and the cedi's "GH¢", whose cent sign
	// is no letter.
	"nrs": "npr", "gh": "ghs",
	// The Gulf's own short forms, read only beside a number: "RO 250" (Oman), "QR 1,800", "SR 1500",
	// "Dhs 3,000".
	"ro": "omr", "qr": "qar", "sr": "sar", "dhs": "aed", "dh": "aed",
	"zloty": "pln", "lei": "ron", "yen": "jpy", "¥": "jpy", "won": "krw", "yuan": "cny", "rmb": "cny",
	// East Africa's papers write the shilling "Sh5,000", "Sh200,000" (Kenya's, read as Kenya's).
	"sh": "kes",
	// The coin task scams are paid and paid into in: "top up 100 USDT", "joining 50 usdt".
	"usdt": "usd", "tether": "usd",
}

// dollarPrefix reads the letters written onto a dollar sign ("US$", "CAD$", "C$", "A$", "NZ$",
// "S$") as the currency they name.
var dollarPrefix = map[string]string{"us": "usd", "usd": "usd", "cad": "cad", "c": "cad", "ca": "cad", "au": "aud",
	"aud": "aud", "a": "aud", "nz": "nzd", "nzd": "nzd", "s": "sgd", "sg": "sgd", "sgd": "sgd"}

// currencyNation maps the country adjectives said between an amount and its currency ("قطری
// ریال") to the currency they make it.
var currencyNation = func() map[string]string {
	m := map[string]string{}
	for w, c := range map[string]string{"saudi": "sar", "qatari": "qar", "emirati": "aed", "uae": "aed", "omani": "omr",
		"kuwaiti": "kwd", "bahraini": "bhd", "us": "usd", "malaysian": "myr", "سعودی": "sar", "قطری": "qar",
		"اماراتی": "aed", "عمانی": "omr", "کویتی": "kwd", "بحرینی": "bhd", "امریکی": "usd", "ملائیشین": "myr"} {
		m[Normalize(w)] = c
	}
	return m
}()

// spelledNumber reads a number written in words at toks[i] ("ایک", "ڈھائی", "ساڑھے چار",
// "sawa do", "one"), returning its value and the index of its last word.
func spelledNumber(toks []token, i int) (float64, int, bool) {
	if !spelledWords.has(toks[i].id) {
		return 0, 0, false // most words are no number: one bit read, not two map lookups
	}
	if f, ok := numberFraction[toks[i].w]; ok && i+1 < len(toks) {
		if n, ok := numberWords[toks[i+1].w]; ok {
			return n + f, i + 1, true
		}
		if isDigitByte(toks[i+1].w[0]) {
			if n, err := strconv.ParseFloat(toks[i+1].w, 64); err == nil {
				return n + f, i + 1, true
			}
		}
		if f != 0.5 && spelledMultiplier[toks[i+1].w] {
			// "سوا لاکھ", "sawa lakh" (a quarter more than one lakh) and "پونے لاکھ" (a quarter
			// less): said before the lakh alone, the quarter is of one.
			return 1 + f, i, true
		}
		return 0, 0, false
	}
	n, ok := numberWords[toks[i].w]
	return n, i, ok
}

// numberWords are the numbers said before lakh or hazar in Urdu, Roman Urdu and English;
// numberFraction the words that add or take a quarter or a half ("ساڑھے چار" is 4.5).
var numberWords, numberFraction, spelledMultiplier = normalizedKeys(map[string]float64{
	"ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "سات": 7, "آٹھ": 8, "نو": 9, "دس": 10,
	"گیارہ": 11, "بارہ": 12, "پندرہ": 15, "بیس": 20, "پچیس": 25, "تیس": 30, "چالیس": 40, "پچاس": 50,
	"ڈیڑھ": 1.5, "ڈھائی": 2.5,
	// The tens and teens a fee is said in: "ساٹھ ہزار روپے جمع کروائیں", "saath hazar rupay".
	"تیرہ": 13, "چودہ": 14, "سولہ": 16, "سترہ": 17, "اٹھارہ": 18, "انیس": 19, "پینتیس": 35, "پینتالیس": 45,
	"ساٹھ": 60, "ستر": 70, "اسی": 80, "نوے": 90,
	"ek": 1, "aik": 1, "do": 2, "teen": 3, "char": 4, "chaar": 4, "panch": 5, "paanch": 5, "chay": 6, "chhe": 6,
	"saat": 7, "aath": 8, "nau": 9, "das": 10, "gyarah": 11, "barah": 12, "pandrah": 15, "bees": 20, "pachees": 25,
	"tees": 30, "chalees": 40, "chalis": 40, "pachas": 50, "pachaas": 50, "saath": 60, "sattar": 70, "assi": 80,
	"dedh": 1.5, "derh": 1.5, "dhai": 2.5, "dhaai": 2.5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}), normalizedKeys(map[string]float64{
	"ساڑھے": 0.5, "سوا": 0.25, "پونے": -0.25, "sarhe": 0.5, "saadhe": 0.5, "sadhe": 0.5, "sarhay": 0.5,
	"sawa": 0.25, "pone": -0.25, "paune": -0.25,
}), wordSet([]string{"lakh", "لاکھ", "hazar", "ہزار", "crore", "کروڑ", "lac", "lacs", "lakhs", "thousand"})

// spelledWords are the ids of numberWords and numberFraction, numbered in the vocabulary when the
// package starts, so that every token's id says whether it can begin a spelled number.
var spelledWords = func() idSet {
	var s idSet
	for _, m := range []map[string]float64{numberWords, numberFraction} {
		for w := range m {
			s.add(wordIDOf(w))
		}
	}
	return s
}()

// normalizedKeys returns m with its keys normalised as the analyser's words are.
func normalizedKeys(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[Normalize(k)] = v
	}
	return out
}

var multiplier = map[string]float64{"k": 1e3, "hazar": 1e3, "ہزار": 1e3, "lakh": 1e5, "لاکھ": 1e5, "crore": 1e7, "کروڑ": 1e7, "million": 1e6, "thousand": 1e3}

// newsMillions are the multipliers newspapers write onto a sum in rupees: "Rs1.5m", "Rs2.5mn",
// "Rs3bn".
var newsMillions = map[string]float64{"m": 1e6, "mn": 1e6, "bn": 1e9}

type amount struct {
	pkr        float64
	currency   string // "" when the ad names none
	start, end int
}

// Word lists that tell what an amount is for. They are matched on whole words, which costs far
// less than regexps over every clause.
var (
	salaryCue = newPhraseSet([]string{"salary", "salaries", "tankhwah", "تنخواہ", "per month", "a month", "monthly", "month",
		"p.m", "pm", "mahana", "ماہانہ", "maheena", "mahina", "مہینہ", "income", "earn", "earning", "earnings", "kamayein",
		"کمائیں", "pay", "wage", "wages", "per week", "a week", "weekly", "week", "hafta", "ہفتہ", "ہفتے",
		// An allowance is pay: "کھانے کا الاؤنس 300 ریال", "food allowance SAR 300".
		"allowance", "allowances", "الاؤنس", "الاونس"})
	annualCue = newPhraseSet([]string{"per annum", "annum", "annual", "annually", "per year", "a year", "yearly", "pa", "salana", "سالانہ"})
	hourlyCue = newPhraseSet([]string{"per hour", "an hour", "hourly", "hour", "hr", "ph"})
	// pieceCue is pay by the page or the form typed: the data-entry and form-filling scam pays
	// (or promises) many times what such typing earns, then asks for a fee or a fine.
	pieceCue = newPhraseSet([]string{"per page", "a page", "each page", "every page", "per form", "a form", "each form",
		"every form", "per entry", "per captcha", "per assignment", "har page", "fi page", "har form", "fi form",
		"فی صفحہ", "ہر صفحے", "فی فارم", "ہر فارم"})
	monthlyCue = newPhraseSet([]string{"per month", "a month", "monthly", "month", "pm", "p.m", "mahana", "ماہانہ",
		"مہینہ", "mahina", "maheena"})
	// dailyCue marks pay by the day: "earn $300 a day" is the task scams' signature.
	dailyCue = newPhraseSet([]string{"per day", "a day", "daily", "every day", "each day", "day", "roz", "rozana",
		"روزانہ", "یومیہ", "روز"})
	// earnCue marks money the reader gets rather than pays: "we pay you", "earn".
	earnCue = newPhraseSet([]string{"we pay", "will pay", "pay you", "get paid", "be paid", "paid daily", "earn",
		"earning", "earnings", "kamayein", "kamayen", "kamain", "kamao", "kamai", "کمائیں", "کمائی", "آمدنی", "income",
		"make", "salary", "salaries", "tankhwah",
		"تنخواہ", "commission", "profit", "profits", "wage", "wages", "کماؤ", "کماو", "کمائیے",
		// Money that comes for the task: "videos dekh k paise milte hain".
		"paise milte", "paisay milte", "paise milenge", "paisay milenge", "پیسے ملتے", "پیسے ملیں گے"})
	// explicitFeeCue names a fee outright; with it an amount is asked for, whatever else the clause says.
	// ("Security" alone is not one: "Security guard - 1800 QAR" is the most common Gulf job; a
	// security deposit or fee is caught by "deposit" and "fee".)
	explicitFeeCue = newPhraseSet([]string{"fees", "charges", "advance", "deposit", "jama", "registration", "رجسٹریشن",
		"processing", "refundable", "zamanat", "فیس", "ایڈوانس", "جمع", "چارجز", "ضمانت",
		"token", "bayana", "biyana", "ٹوکن", "بیعانہ",
		// A sum someone asks of the reader: "asked for Rs 50,000", "1 lakh mang rahe hain".
		"asked", "asking", "demanding", "demands", "mang", "maang", "mange", "maange", "مانگ", "مانگے",
		"مانگتے"})
	// homeWorkCue marks work from home, online or part time: daily pay there is not a wage.
	homeWorkCue = newPhraseSet([]string{"from home", "at home", "work from home", "online", "part time", "part-time",
		"mobile", "your phone", "smartphone", "ghar baithe", "گھر بیٹھے", "آن لائن", "ان لائن", "simple", "easy", "no experience"})
	// chatAppCue names the chat apps a remote-job scam is run from.
	chatAppCue = newPhraseSet(append([]string{"whats app", "what'sapp", "watsapp", "واٹس ایپ", "ٹیلی گرام"}, chatApps...))
	// minutesCue says the work takes minutes a day: no work that short earns a month's wage.
	minutesCue = newPhraseSet(minutesADay)
	// spareTimeCue says the work fits in spare minutes (see fewHours for hours counted).
	spareTimeCue = newPhraseSet(append([]string{"spare time", "free time"}, minutesADay...))
	// costCue prices the journey to the job: the visa, the ticket, the package, the total, the
	// instalments. An OEP may charge the worker at most its service charge (Rs 15,000, design.md
	// §1), through a bank in the company's name; the employer bears the visa and the ticket. A
	// larger sum put on these is money the ad asks for, whatever it is called.
	costCue = newPhraseSet([]string{"visa", "visas", "ticket", "tickets", "processing", "package", "total", "cost",
		"costs", "price", "kharcha", "kharchay", "kharch", "expenses", "expense", "instalment", "instalments",
		"installment", "installments", "qist", "aqsat", "half", "file", "work permit", "permit", "iqama",
		// The medical test and the Protector's fees cost the worker a few thousand rupees (GAMCA,
		// BEOE): above an OEP's service charge, "medical and protector Rs 2,50,000" is the fee.
		"medical", "protector", "میڈیکل", "پروٹیکٹر",
		"ویزا", "ویزہ", "ویزے", "ٹکٹ", "پیکج", "خرچہ", "خرچ", "اخراجات", "لاگت", "قیمت", "قسط", "قسطوں", "اقساط",
		"ایڈوانس", "آدھے", "آدھی", "فائل", "ورک پرمٹ", "اقامہ"})
	// visaOfferCue offers a visa itself, as goods: "visa available", "visa ready hai", "ویزا
	// دستیاب ہے".
	visaOfferCue = newPhraseSet([]string{"visa available", "visas available", "visa ready", "visas ready",
		"visa for sale", "visas for sale", "visa mojood", "visa maujood", "visa mil raha", "visa milega",
		"ویزا دستیاب", "ویزے دستیاب", "ویزہ دستیاب", "ویزا موجود", "ویزے موجود", "ویزا تیار", "ویزے تیار",
		// Sold outright, and the sponsorship a UK work visa needs sold as one: "ویزے فروخت کے لیے",
		// "CoS for sale, GBP 9,000", "اسپانسرشپ (COS) دستیاب".
		"ویزے فروخت", "ویزا فروخت", "ویزہ فروخت", "visa sale", "visas sale", "cos for sale", "cos available",
		// "کویت کا ویزا برائے فروخت", "Naukri baraye farokht": a visa or a job for sale, by the
		// classifieds' own words.
		"ویزا برائے فروخت", "ویزے برائے فروخت", "ویزہ برائے فروخت", "visa baraye farokht", "naukri baraye farokht",
		"job baraye farokht", "job for sale", "jobs for sale", "نوکری برائے فروخت",
		// Visas left over in one person's hands: "mere paas Qatar ki company ke visa bache hain".
		"visa bache", "visa bachay", "ویزے بچے", "ویزا بچے",
		"sponsorship available", "sponsorship for sale", "اسپانسرشپ", "سپانسرشپ",
		// Held and offered by one person: "UK ka CoS hai mere paas, 2 bache hain".
		"cos hai mere paas", "cos hai mere pas", "mere paas cos", "mere pas cos", "cos bache", "cos bachay",
		// A Gulf company's work visas sold in bulk or one by one: "Saudi company ka block visa aya
		// hai 20 seat, ek visa 4.5 lakh", "قطر کمپنی ویزا برائے فروخت".
		"block visa", "block visas", "company visa", "company visas", "company ka visa", "company ke visa",
		"بلاک ویزا", "بلاک ویزے", "کمپنی ویزا", "کمپنی ویزے", "کمپنی کا ویزا",
		// A visa named by its trade is a work visa sold: "Riyadh cook visa 3.2 lac. 50k advance".
		"cook visa", "driver visa", "labour visa", "labor visa", "mason visa", "helper visa", "cleaner visa",
		"electrician visa", "plumber visa", "welder visa", "nurse visa", "house driver visa", "security guard visa",
		"ڈرائیور ویزا", "لیبر ویزا", "مزدور ویزا"})
	// visaWordCue names a visa.
	visaWordCue = newPhraseSet([]string{"visa", "visas", "ویزا", "ویزہ", "ویزے"})
	// paidCue tells of money already paid or taken: a report of what happened, not a demand.
	// ("liye" and "لیے" alone are "for": "Qatar ke liye".)
	paidCue = newPhraseSet([]string{"paid", "gave", "given", "spent", "took", "taken", "charged", "borrowed", "lost",
		"diye", "le liye", "dye", "دیے", "دیئے", "دئیے", "لے لیے", "ادا کیے", "ادا کئے", "وصول", "خرچ کیے", "خرچ کئے",
		"bought", "purchased", "kharid kar", "khareed kar", "خرید کر", "خریدا", "خریدے"})
	// unpaidWordsCue holds the words of paying that tell of no payment made. One points to details
	// before or after it ("the account given below", "نیچے دیے گئے اکاؤنٹ میں جمع کروائیں", "diye gaye
	// number par bhejein"): its "given" is the writer's, of an account or a number. One puts the
	// payment to the reader as a term ("Fee: USD 260 paid in advance", "CAD 950 must be paid by the
	// applicant"): a demand, not money anyone paid.
	unpaidWordsCue = newPhraseSet([]string{"paid in advance", "paid upfront", "paid up front", "paid before",
		"paid first", "be paid", "must be paid", "to be paid", "should be paid", "has to be paid",
		"given below", "given above", "details given", "account given",
		"number given", "نیچے دیے", "نیچے دیئے", "نیچے دئیے", "اوپر دیے", "اوپر دیئے", "دیے گئے اکاؤنٹ",
		"دیئے گئے اکاؤنٹ", "دیے گئے نمبر", "دیئے گئے نمبر", "دیے ہوئے نمبر", "دیے ہوئے اکاؤنٹ",
		"niche diye", "neeche diye", "upar diye", "diye gaye number", "diye gaye account", "diye hue number",
		"diye huay number"})
	// freeCue says the employer pays, or the item costs the worker nothing, or the sum is what the
	// worker gets ("benefits package", "bonus"). "Company" alone is not one: a "company visa" is a
	// kind of visa, sold like any other.
	freeCue = newPhraseSet([]string{"free", "provided", "by company", "by the company", "company will pay",
		"company pays", "paid by", "by employer", "by the employer", "employer will pay", "employer pays",
		"by sponsor", "sponsor will pay", "company ki taraf se", "company de gi", "company dey gi", "muft",
		"benefits", "benefit", "compensation", "bonus", "bonuses", "commission",
		"مفت", "فری", "کمپنی کی طرف سے", "کمپنی دے گی", "کمپنی ادا", "کمپنی کے ذمے", "آجر", "فراہم"})
	// officialFeeCue names the state's own fees on emigration: the Protector's fee, the OPF
	// welfare fund, State Life insurance, the OEC fee, paid by challan at a bank (about Rs 9,000
	// to 25,000 in all). An advisory that lists them asks for nothing.
	officialFeeCue = newPhraseSet([]string{"protector fee", "protector fees", "protectorate fee", "opf", "challan",
		// The medical the Gulf states require, paid by the candidate at an approved centre (about
		// Rs 20,000-30,000): "Medical GAMCA centre pe (taqreeban Rs 23,000)".
		"gamca", "wafid", "medical centre", "medical center", "میڈیکل سنٹر", "میڈیکل سینٹر", "گیمکا", "وافد",
		"insurance premium", "state life", "پروٹیکٹر فیس", "محافظ فیس", "پروٹیکٹر", "محافظ", "او پی ایف", "چالان",
		"انشورنس پریمیم", "اسٹیٹ لائف"})
	serviceCue = newPhraseSet([]string{"service charge", "service charges", "سروس چارجز", "خدمات"})
	feeCue     = newPhraseSet([]string{"fees", "charges", "advance", "jama", "deposit", "pay", "send", "bhejein", "payment",
		"token", "bayana", "biyana", "ٹوکن", "بیعانہ",
		"جمع", "فیس", "ایڈوانس", "بھیجیں", "بھیج", "ادا", "ادائیگی"})
	unskilledCue = newPhraseSet([]string{"driver", "drivers", "helper", "helpers", "labour", "labor", "labourer", "labourers",
		"mazdoor", "cleaner", "cleaners", "waiter", "waiters", "security guard", "security guards", "guard", "guards",
		"packer", "packers", "packing", "loader", "loaders", "farm", "farmer", "construction", "mason", "masons",
		"ڈرائیور", "ہیلپر", "مزدور", "لیبر", "کلینر", "ویٹر", "گارڈ", "پیکنگ", "فارم",
		// Work that asks no experience pays what unskilled work pays, whatever it is called.
		"no experience", "no experience needed", "no experience required", "experience not required",
		"without experience", "tajurba ki zaroorat nahi", "بغیر تجربہ", "تجربے کی ضرورت نہیں", "تجربہ ضروری نہیں",
		"tajurba nahi chahiye", "tajurba zaroori nahi", "تجربہ نہیں چاہیے", "تجربے کی ضرورت",
		// The work the traffickers of women name (FIA, UNODC): a spa, a massage centre, a lounge's
		// hostess, a dancer, a waitress, a "sales girl" or a model, offered at a wage no such work pays.
		"spa", "massage", "hostess", "hostesses", "dance", "dancer", "dancers", "waitress", "waitresses", "sales girl",
		"sales girls", "model", "models", "lounge", "club", "مساج", "سپا", "ہوسٹس", "ڈانسر", "ویٹرس", "ماڈل",
		"ماڈلنگ", "سیلز گرل", "لاؤنج", "کلب"})
	// professionCue names work that takes years of training and is paid accordingly abroad
	// (doctors, nurses, engineers, senior posts): the thresholds for pay too good to be true are
	// about the semi-skilled and unskilled jobs scams offer, not about a psychiatrist in Sydney.
	professionCue = newPhraseSet([]string{"doctor", "doctors", "physician", "physicians", "surgeon", "surgeons",
		"psychiatrist", "psychiatry", "registrar", "consultant", "consultants", "specialist", "specialists", "nurse",
		"nurses", "pharmacist", "pharmacists", "engineer", "engineers", "architect", "professor", "lecturer",
		"director", "senior", "manager", "scientist", "attorney", "lawyer", "dentist", "anaesthetist", "radiologist",
		// Salaried professions the Gulf pays as much: "General Practitioner, QAR 30,000-38,000",
		// "First Officer A320, AED 30,000-35,000", "Cybersecurity Analyst, QAR 22,000-26,000".
		"practitioner", "practitioners", "pilot", "pilots", "first officer", "analyst", "analysts", "developer",
		"developers", "programmer", "accountant", "accountants", "auditor", "actuary", "cardiologist",
		"anesthetist", "anesthesiologist", "veterinarian", "teacher", "teachers", "head of", "chief", "ceo", "cfo", "cto",
		// Long-haul truck drivers in Europe: an international route pays EUR 2,000-3,000 with
		// its daily allowance ("C+E drivers, international route", "code 95", "HGV Class 1").
		"c+e", "code 95", "hgv", "international route", "international routes",
		"ڈاکٹر", "ڈاکٹرز", "ڈاکٹروں", "نرس", "نرسز", "نرسوں", "انجینئر", "انجینئرز", "اسپیشلسٹ", "سپیشلسٹ", "کنسلٹنٹ",
		"پروفیسر", "لیکچرر", "فارماسسٹ", "سرجن"})
	channelCue = newPhraseSet([]string{"jazzcash", "jazz cash", "جاز کیش", "جازکیش", "easypaisa", "easy paisa", "ایزی پیسہ",
		"ایزی پیسا", "bank", "بینک", "cash", "نقد", "کیش", "naqd"})
)

// minutesADay are the words of work that takes minutes a day (minutesCue, spareTimeCue).
var minutesADay = []string{"minutes a day", "minutes daily", "minutes per day", "minutes every day", "minutes each day",
	"few minutes", "chand minute", "chand mint", "چند منٹ"}

// tokensIn returns the tokens that lie in [from, to) of the normalised text.
func (d *doc) tokensIn(from, to int) []token {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= from })
	j := sort.Search(len(d.toks), func(j int) bool { return d.toks[j].start >= to })
	return d.toks[i:j]
}

// Thresholds for pay that is too good to be true for unskilled work abroad (PKR a month), and
// the legal ceiling of an OEP's service charge. The unskilled threshold (about USD 1,800, AED
// 6,500, EUR 1,650) is three times a Gulf driver's or labourer's pay and above what Europe's
// lawful seasonal and warehouse jobs pay (Poland's and Italy's 1,000-1,400 euros a month).
const (
	unrealisticUnskilledPKR = 500_000
	unrealisticAnyPKR       = 1_500_000
	serviceChargeCapPKR     = 15_000
	// serviceChargeReachPKR is the most an OEP's service charge is read to reach, with a margin
	// for its extras: journeyPriced leaves sums up to it to the fee rules, smallSumSent reads them
	// when they are asked at once, and only a sum paid above it is a victim's fee.
	serviceChargeReachPKR = serviceChargeCapPKR + 5_000
	// unrealisticDailyPKR is pay by the day (about USD 30) that simple work at home never earns.
	unrealisticDailyPKR = 8_000
	// officialFeesPKR is about the most the state's emigration fees come to together (Protector,
	// OPF, insurance, OEC; Rs 22,200 through an OEP in 2024): a larger sum named beside them is
	// more than the state asks.
	officialFeesPKR = 30_000
	// unrealisticProfessionPKR (about USD 50,000 a month) is pay no profession is offered abroad.
	unrealisticProfessionPKR = 14_000_000
	// noSalaryPKR (about USD 1 million) is a sum no wage reaches: a company's revenue or an
	// investment named beside a job, not pay.
	noSalaryPKR = 280_000_000
	// unrealisticHourlyPKR is pay by the hour (about USD 20) that work needing no skill or
	// experience does not earn from home.
	unrealisticHourlyPKR = 5_500
	// unrealisticPiecePKR is pay for one page or form typed (about USD 1.80) that data entry
	// does not earn: real rates are cents a form.
	unrealisticPiecePKR = 500
	// unrealisticMinutesPKR is about half Pakistan's monthly minimum wage (Rs 37,000 in 2024-25):
	// more than that a month for minutes a day is no wage.
	unrealisticMinutesPKR = 15_000
	// unrealisticPartTimePKR is about twice Pakistan's monthly minimum wage for full-time work:
	// work of a few hours a day at home that needs no profession does not pay it.
	unrealisticPartTimePKR = 75_000
)

// clauseCue says which cue words a clause holds; computed once per clause, so an ad with a
// thousand amounts in one clause reads that clause once, not a thousand times.
type clauseCue struct {
	fee, service, salary, hourly, piece, annual, daily, monthly, earn, explicitFee bool
	// weekly: the sum is paid by the week (set only from the words after it, see periodAfter).
	weekly bool
	// cost: the clause prices the journey (visa, ticket, package, total, instalments); paid: it
	// tells of money already paid or taken ("we gave", "paid the agent"); free: it says the
	// employer pays or the item is free.
	cost, paid, free bool
	// official: the clause names the state's emigration fees (officialFeeCue).
	official bool
}

func (d *doc) clauseCues(c clause) clauseCue {
	if d.cueCache == nil {
		d.cueCache = map[int]clauseCue{}
	}
	if cc, ok := d.cueCache[c.start]; ok {
		return cc
	}
	b := clauseIndex.present(d.tokensIn(c.start, c.end))
	has := func(set int) bool { return b&(1<<set) != 0 }
	earn := has(clauseEarn)
	cc := clauseCue{
		fee: has(clauseFee), service: has(clauseService), salary: earn || has(clauseSalary),
		hourly: has(clauseHourly), piece: has(clausePiece), annual: has(clauseAnnual), daily: has(clauseDaily),
		monthly: has(clauseMonthly), earn: earn, explicitFee: has(clauseExplicitFee),
		cost: has(clauseCost), paid: has(clausePaid), free: has(clauseFree), official: has(clauseOfficial),
	}
	if cc.paid && unpaidWordsCue.startsIn(d.present) {
		cc.paid = !onlyWithin(d.tokensIn(c.start, c.end), paidCue, unpaidWordsCue)
	}
	d.cueCache[c.start] = cc
	return cc
}

// onlyWithin reports whether every match of ps in toks lies inside a match of within.
func onlyWithin(toks []token, ps, within phraseSet) bool {
	var spans [][2]int
	within.each(toks, func(_ string, start, end int) bool { spans = append(spans, [2]int{start, end}); return true })
	all := true
	ps.each(toks, func(_ string, start, end int) bool {
		all = slices.ContainsFunc(spans, func(sp [2]int) bool { return sp[0] <= start && end <= sp[1] })
		return all
	})
	return all
}

// The lists a clause is read for, in clauseIndex's order.
const (
	clauseEarn = iota
	clauseFee
	clauseService
	clauseSalary
	clauseHourly
	clausePiece
	clauseAnnual
	clauseDaily
	clauseMonthly
	clauseExplicitFee
	clauseCost
	clausePaid
	clauseFree
	clauseOfficial
)

// clauseIndex reads the fourteen clause lists in one pass over a clause's words: fourteen passes
// cost a twentieth of an ad check.
var clauseIndex = newCueIndex([]phraseSet{earnCue, feeCue, serviceCue, salaryCue, hourlyCue, pieceCue, annualCue,
	dailyCue, monthlyCue, explicitFeeCue, costCue, paidCue, freeCue, officialFeeCue})

type payCheck struct {
	flags   []Flag
	payment *Payment
	// earnDaily is the span of the first amount the reader is said to earn by the day, the task
	// scam's hook (see checkEasyMoney); its end is 0 when there is none.
	earnDaily [2]int
	// paidFee is the span of the first sum the text says was already paid for the journey (a
	// visa, a ticket, a package) above an OEP's service charge; its end is 0 when there is none.
	paidFee [2]int
	// amounts is how many amounts of money the text names; salaries how many of them are pay.
	amounts, salaries int
}

// checkAmounts reads the amounts in the text: salaries that are too good to be true, service
// charges above the legal cap, and the largest sum the ad asks for.
func (d *doc) checkAmounts() payCheck {
	var out payCheck
	amounts := d.findAmounts()
	out.amounts = len(amounts)
	if len(amounts) == 0 {
		return out // a text that names no money needs none of the cue tests below
	}
	unskilled := lazily(func() bool { return d.anyIn(unskilledCue) })
	homeWork := lazily(func() bool { return d.anyIn(homeWorkCue) })
	// A short post that names a visa and a number to call offers the visa: "Kuwait cleaning company
	// visa. Kal last date hai. 3.2 lac. 0322-…" prices it in a sentence of its own.
	visaOffered := lazily(func() bool {
		return d.anyIn(visaOfferCue) || len(d.toks) <= 40 && d.anyIn(visaWordCue) && d.pakistaniMobile()
	})
	// A short post that offers a visa or a job abroad and names no one who reports or warns prices
	// it in rupees: "کرغزستان جاب ویزا ... ساڑھے 3 لاکھ", "Cyprus study visa ... 7 lakh me sab
	// kuch". (Its dirhams and riyals are the pay: "Light Drivers – AED 2,200".)
	shortVisaPost := lazily(func() bool {
		return len(d.toks) <= 60 && d.anyIn(visaWordCue) && d.counts[cueOffer]+d.counts[cueJobAd] > 0 &&
			d.counts[cueNews] == 0 && d.counts[cueAdvisory] == 0 && d.counts[cueAwareness] == 0 && d.warnings == 0
	})
	fewHours := lazily(d.fewHours)
	// The words that lostAround, the allowance test and payOrdered look for beside each sum are read
	// beside it only when the text has them at all: a text of a thousand sums costs one pass each.
	anyLoss := lazily(func() bool { return d.anyOf(lossNearCue) })
	anyAllowance := lazily(func() bool { return d.anyOf(allowanceCue) })
	anyPayOrder := lazily(func() bool { return d.anyOf(payOrderCue) })
	minutes := lazily(func() bool { return d.anyIn(minutesCue) })
	profession := lazily(func() bool { return d.anyIn(professionCue) })
	chatApp := lazily(func() bool { return d.anyIn(chatAppCue) })
	// An explainer gives no number to call: with one, "visa paid by the employer, only ticket and
	// medical 1.5 lakh, 0300-…" is a price.
	reachable := lazily(func() bool { return d.hasPhoneNumber() || chatApp() })
	statePaid := lazily(func() bool { return d.anyIn(statePaidCue) && !reachable() })
	// The ceiling reads every word for the hours a day: once per text, not once per amount.
	ceiling := -1.0
	partTimeCeiling := func() float64 {
		if ceiling < 0 {
			ceiling = d.partTimeCeiling()
		}
		return ceiling
	}
	for i, a := range amounts {
		if i > 0 && d.conversionOf(amounts[i-1], a) {
			// "Rs300,000 (Dh10,800)", "$500 (about Rs 140,000)": the same sum in another
			// currency, already read as what the first one is.
			continue
		}
		// Whether a fee's name stands beside the sum is asked by up to three of the cases
		// below; it is read once.
		feeBeside := lazily(func() bool { return d.feeNear(a) && !d.creditedAfter(a) })
		c := d.clauseAt(a.start)
		if d.warnedAt(a.start) || d.reportedLevel(a, reachable) {
			continue
		}
		cl := d.clauseCues(c)
		per := d.periodAfter(a)
		if per != "" {
			// "1 hour daily, earn 200 to 500 USD per day": the words right after a sum say what
			// period it is paid for, whatever periods the rest of its sentence names.
			cl.daily, cl.hourly, cl.weekly = per == "day", per == "hour", per == "week"
			cl.monthly, cl.annual = per == "month", per == "year"
		}
		fee, service := cl.fee, cl.service
		if per == "" && (cl.daily || cl.hourly) && d.packageAfter(a) {
			// "SAR 1,400–1,800 + 2 hrs OT daily": the period after the plus is the overtime's, not
			// the pay's.
			cl.daily, cl.hourly = false, false
		}
		if rest := d.rangeEndAfter(a); service && strings.HasPrefix(rest, "+") &&
			strings.HasPrefix(strings.TrimLeft(rest[1:], " "), "service") {
			// "Room Attendant — AED 1,300 + service charge": a hotel's service charge added to the
			// pay, not an agent's charged to the worker. ("Service charge ₹30,000 + GST" is the
			// agent's, its tax added.)
			service = false
		}
		if cl.official && a.pkr <= officialFeesPKR {
			continue // the Protector's fee and its funds, paid by challan: the state's, not an agent's
		}
		if cl.paid && !cl.free && out.paidFee[1] == 0 && a.pkr > serviceChargeReachPKR && per == "" &&
			!d.payNamedBefore(a.start) {
			// "He charged each of us Rs 370,000", "ایجنٹوں نے دو لاکھ روپے وصول کئے": a sum told
			// as paid or taken, which a victim's account reports as the fee (see Analyze). A sum
			// by the month or named a salary is the pay they were promised, not what they paid.
			out.paidFee = [2]int{a.start, a.end}
		}
		if d.arrivedAfter(a) {
			// "Aap ke account mein 25000 rupay tankhwah jama ho gayi hai", "۲۵۰۰۰ روپے جمع ہو گئے":
			// money that has arrived is a receipt's, asked of no one.
			continue
		}
		if anyLoss() && d.lostAround(a) {
			// "ویزہ مسترد ہونے پر 1500 سے 2000 درہم تک کا نقصان", "a loss of Rs 3 lakh": a sum
			// lost is reported, asked of no one. (A victim's loss is kept as paidFee above.)
			continue
		}
		if d.balanceBeside(a) {
			// "Ledger Balance Rs.53964", "Rs.53964 Total Balance", "Avl Bal: 1,200": an account's
			// balance in a bank's or a wallet's message is what the reader holds, asked of no one.
			continue
		}
		if d.takenFromOthers(a) {
			// "asked for Rs 8 lakh from each of the 12 men": a report of what others were charged,
			// asked of no reader (a victim's account keeps it as paidFee above).
			continue
		}
		if cl.piece && !cl.explicitFee && d.counts[cueTask] > 0 {
			// "$30 per page you work on", "Rs 500 per form": typing and form filling do not pay
			// that much a page anywhere; below it, a piece rate is still pay, not a fee.
			out.salaries++
			if a.pkr >= unrealisticPiecePKR {
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay_piece", a.start, a.end))
			}
			continue
		}
		if statePaid() && !feeBeside() && a.pkr <= statePaidMaxPKR {
			// "Entry permit AED 1,500, medical AED 320 ... all paid by the employer", "30 days AED
			// 350, apply through ICP or a typing centre": the state's fees, paid by the employer
			// or at the state's own counter, listed with no fee word of an agent's beside them.
			continue
		}
		if anyAllowance() && slices.ContainsFunc(d.wordsBack(a.start, 2), func(w string) bool { return allowanceWords[w] }) {
			// "+ food allowance SAR 300", "housing allowance QAR 500": an allowance added to the pay,
			// by the month, whatever period its sentence names for the overtime.
			out.salaries++
			continue
		}
		if ws := d.wordsBack(a.start, 1); len(ws) == 1 && ownSumWords[ws[0]] {
			// "Meri 4,000 riyal hai": the writer's own pay or money, named by "my" alone before it,
			// is asked of no one. ("Meri fees 25 hazar" names the fee between.)
			continue
		}
		if gulfCurrency[a.currency] && d.packageBefore(a.start) {
			// "Package: QAR 9,000 – 11,000 all-inclusive, family status": a Gulf employer's pay
			// package, in its own currency. (An agent's "total package Rs 2,40,000 including
			// ticket and visit visa" is priced in rupees.)
			out.salaries++
			continue
		}
		if (d.pricedBefore(a.start) || d.pricedAfter(a) && !d.payNamedBefore(a.start)) && !d.priceMoved(a) &&
			(per == "" || per == "year" && !annualByDefault(a) || feeBeside()) {
			// "salary 2,000 riyals, visa and ticket Rs 4.5 lakh": the words just before the amount
			// say what it is for, whatever else its sentence names. (A sum by the month or the
			// week is pay, whatever it is called: "Package: MYR 5,500/month".)
			d.journeyPriced(&out, a, c, cl)
			continue
		}
		switch {
		case per == "" && anyPayOrder() && !d.payNamedBefore(a.start) && !d.priceMoved(a) && d.payOrdered(a):
			// "Please pay GBP 450 to our insurance partner", "send EUR 1,500 to the account of our
			// consultant", "the sum of CAD 1,450 must be paid to our lawyer": the reader told to
			// pay a sum is asked for it, whatever it is called and whatever pay its sentence names.
			d.journeyPriced(&out, a, c, cl)
		case d.payNamedBefore(a.start) && !feeBeside() ||
			cl.salary && (!fee || cl.earn && !cl.explicitFee) && !feeBeside() || (cl.daily || cl.hourly || cl.weekly) && !cl.explicitFee ||
			per != "" && per != "year" && !feeBeside():
			// "salary 2000 dirham, visa free, medical ki fees khud deni hogi": the word just
			// before the amount says it is pay, whatever fee its sentence names later.
			// Money by the day or the hour is pay unless a fee is named: "300 to 800 euros per
			// day", "Pay: AED 1000 daily", "Hourly pay rate: $25/hr" (no agent charges a fee by
			// the day or the hour).
			if a.pkr >= noSalaryPKR {
				continue // "$40 million reinvested", "a $10M facility": no one's pay
			}
			out.salaries++
			if cl.hourly {
				// An hourly rate says nothing about a month, but a Western wage by the hour offered
				// for work anyone can do from home is the remote-job scam's bait (FTC): real
				// entry-level remote work pays less, and asks for skills.
				if a.pkr >= unrealisticHourlyPKR && (d.counts[cueRemote] > 0 || chatApp()) && d.counts[cueEasy] > 0 {
					out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay_hourly", a.start, a.end))
				}
				continue
			}
			monthly := a.pkr
			switch {
			case cl.annual:
				monthly /= 12
			case !cl.daily && !cl.monthly && annualByDefault(a):
				monthly /= 12 // "$40,000 - $50,000" or "£15,750 + car": a Western salary is quoted by the year
			case cl.weekly && !cl.monthly:
				monthly = monthly * 13 / 3 // a month is 4.3 weeks
			case cl.daily && !cl.monthly:
				if out.earnDaily[1] == 0 {
					out.earnDaily = [2]int{a.start, a.end}
				}
				// Pay by the day for simple work at home is how task scams hook people; a
				// consultant's daily rate on a part-time contract is a profession's pay.
				if a.pkr >= unrealisticDailyPKR && homeWork() && !profession() {
					out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay_daily", a.start, a.end))
					continue
				}
				monthly *= 26
			}
			// The thresholds are about work abroad offered to Pakistani workers, and about work at
			// home: a senior post in Pakistan or an employer's ad at home may pay that much.
			if monthly >= unrealisticMinutesPKR && minutes() {
				// "Spend a few minutes every day, you can earn 30,000 rupees per month": a
				// month's minimum wage for minutes a day is the task scam's hook, at home or abroad.
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay_minutes", a.start, a.end))
				continue
			}
			if fewHours() && monthly >= partTimeCeiling() && homeWork() && !profession() {
				// "Data entry from home, 2 hours daily, Rs 80,000 a month": more than twice a
				// full-time minimum wage for three hours a day at home, or as much by the hour for
				// fewer, is the task scam's hook, not part-time pay.
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay_part_time", a.start, a.end))
				continue
			}
			if (monthly >= unrealisticAnyPKR || (monthly >= unrealisticUnskilledPKR && (unskilled() || fewHours()))) && (d.overseas() || homeWork() || fewHours()) &&
				!(profession() && !fewHours() && monthly < unrealisticProfessionPKR) {
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay", a.start, a.end))
			}
		case cl.cost && !fee && !service && !annualByDefault(a) && !d.priceMoved(a):
			// A Western salary ("$52,000-65,000") in a sentence that also names a package or
			// a visa is still a salary.
			d.journeyPriced(&out, a, c, cl)
		case !fee && !service && !cl.salary && !cl.daily && !d.priceMoved(a) && (visaOffered() || (a.currency == "" || a.currency == "pkr") && shortVisaPost()):
			// "Kuwait ka visa ready hai. 3.5 lac.": in an ad that offers a visa, a sum that is no
			// pay is its price.
			d.journeyPriced(&out, a, c, cl)
		case !fee && !service && !cl.salary && !cl.earn && per == "" && d.depositAsked(a, c):
			// "1 لاکھ 60 ہزار عائشہ ٹریولز کے اکاؤنٹ میں جمع کروائیں", "50 hazar is account mein
			// jama karwayen": a sum the reader is told to put into an account is asked of them,
			// whatever its name.
			d.askedSum(&out, a, c, cl, true)
		case fee || service || cl.explicitFee && feeBeside():
			// A word that names a fee beside the sum asks for it even when no word of paying does:
			// "Registration Rs 25,000", "processing 40 hazar".
			if service && a.pkr > serviceChargeCapPKR && !withinForeignCap(a) && !d.negatedAfter(a.end, c.end) {
				out.flags = append(out.flags, d.flagAt(UpfrontFee, "code.service_charge_cap", a.start, a.end))
			}
			if d.negatedBefore(c.start, a.start) || d.negatedAfter(a.end, c.end) {
				continue
			}
			if deposit := d.depositAsked(a, c); (cl.cost || feeBeside() || deposit) && !service {
				// "Charges 7 lakh", "visa processing 2 lakh": named as a fee or put on the
				// journey, a sum above an OEP's service charge is asked of the worker; a smaller
				// one told to be sent at once is asked now, before any visa.
				d.askedSum(&out, a, c, cl, deposit || a.pkr <= serviceChargeReachPKR && d.namedUpfront(a))
				continue
			}
			out.asked(a)
		}
	}
	if out.payment != nil {
		d.eachIn(channelCue, func(ch string, _, _ int) bool {
			out.payment.Channel = channelName(ch)
			return false
		})
	}
	return out
}

// statePaidCue says a visa's fees are the employer's or are paid at the state's own counter (the
// UAE's ICP and GDRFA, Amer and typing centres, visa application centres): an explainer of a
// visa's costs, not an agent's price.
var statePaidCue = newPhraseSet([]string{"paid by the employer", "paid by employer", "paid by the sponsor",
	"borne by the employer", "covered by the employer", "employer pays", "employer will pay", "employer bears",
	"sponsor pays", "sponsor will pay", "icp", "gdrfa", "amer centre", "amer center", "typing centre",
	"typing centres", "typing center", "visa application centre", "visa application center", "qatar visa centre",
	"qatar visa center", "vfs global", "آجر ادا کرے گا", "کفیل ادا کرے گا", "کمپنی ادا کرے گی"})

// maxJourneyPKR (2 crore, about USD 70,000) is more than any route abroad is sold for (Europe by
// the dunki for 25-40 lakh, a UK certificate of sponsorship or a Canadian LMIA for 60-70): a
// larger sum beside a "ticket" or a "visa" is a prize, a budget or a company's deal.
const maxJourneyPKR = 20_000_000

// statePaidMaxPKR is the most a state's visa fees come to (about AED 5,000 for a UAE employment
// visa with its medical and ID): a larger sum beside them is no state's fee.
const statePaidMaxPKR = 400_000

// takenFromOthers reports whether the words after amount a say it was taken from others: "from
// each of the 12 men", "from every youth", "from them", "from the victims".
func (d *doc) takenFromOthers(a amount) bool {
	ws := d.wordsForward(a.end, 2)
	return len(ws) == 2 && ws[0] == "from" && fromOthers[ws[1]]
}

var fromOthers = wordSet([]string{"each", "every", "them", "all", "victims", "people", "men", "women", "youths",
	"youngsters", "families", "applicants", "candidates", "workers", "students", "citizens"})

// changedVerbs report a fee or a wage changed to a new level: "raised to AED 1,200", "reduced from
// Rs 25,000 to Rs 15,000". The sum is the level reported, asked of no one.
var changedVerbs = wordSet([]string{"raised", "increased", "reduced", "cut", "revised", "hiked", "slashed", "lowered",
	"decreased", "fixed", "set"})

// reportedLevel reports whether amount a is the level a fee or a wage was changed to or from.
func (d *doc) reportedLevel(a amount, contact func() bool) bool {
	ws := d.wordsBack(a.start, 9)
	for i, w := range ws {
		if w != "to" && w != "from" && w != "at" {
			continue
		}
		// A headline drops "has been": "visa fee increased to 90 euros", "fee set at SAR 2,000".
		// Only with no number to call: a seller's "reduced to 3 lakh, call 0300-…", or "increased
		// to 4 lakh from next month, book now, 0300-…", asks.
		if i+1 < len(ws) && !contact() {
			if v := ws[i+1]; w == "at" && (v == "set" || v == "fixed") || w != "at" && raisedVerbs[v] {
				return true
			}
		}
		// "raised to", "reduced from Rs 25,000 to": the verb stands before "to" or "from",
		// with at most the earlier sum between, and it is told as done ("has been raised",
		// "was cut"): "price reduced to 3 lakh, book now" is a seller's hook, and its sum is asked.
		for j := i + 1; j < min(len(ws), i+5); j++ {
			if !changedVerbs[ws[j]] {
				continue
			}
			for _, aux := range ws[j+1 : min(len(ws), j+3)] {
				if auxiliaries[aux] {
					return true
				}
			}
			return false
		}
		return false
	}
	return false
}

// raisedVerbs report an authority's change of a fee without an auxiliary: "increased to", "reduced
// to" (and "set at", "fixed at", read beside them).
var raisedVerbs = wordSet([]string{"increased", "raised", "hiked", "revised", "reduced", "cut", "lowered", "slashed"})

// auxiliaries tell a change as done: "has been raised", "was cut", "have reduced".
var auxiliaries = wordSet([]string{"has", "have", "had", "was", "were", "been", "is", "are"})

// periodWords are the words that say, right after a sum, the period it is paid for.
var periodWords = map[string]string{"daily": "day", "day": "day", "hourly": "hour", "hour": "hour", "hr": "hour",
	"روزانہ": "day", "یومیہ": "day", "rozana": "day", "ماہانہ": "month", "mahana": "month", "maheena": "month",
	"weekly": "week", "week": "week", "monthly": "month", "month": "month", "mo": "month", "yearly": "year",
	"year": "year", "annually": "year", "annum": "year", "annual": "year"}

// periodAfter reads the period a sum is paid for from the words just after it ("$500 per day",
// "Rs 3000 daily", "$1,500 a week", "$35/hr"): "day", "hour", "week", "month", "year", or "" when
// they name none.
func (d *doc) periodAfter(a amount) string {
	// The period after a range is its lower end's too: "USD 1,400–1,800/month".
	rest := d.rangeEndAfter(a)
	if r, ok := strings.CutPrefix(rest, "("); ok {
		// The same sum in another currency, in brackets, comes between: "CAD$69,500 (KSh5,370,000)
		// per year".
		if j := strings.IndexByte(r, ')'); j >= 0 && j <= maxConversionBytes {
			rest = strings.TrimLeft(r[j+1:], " ")
		}
	}
	end := len(d.n.text) - len(rest)
	if ws := d.wordsForward(end, 4); len(ws) > 0 {
		if len(ws) > 2 && (ws[0] == "and" || ws[0] == "or") && (ws[1] == "above" || ws[1] == "more" || ws[1] == "over") {
			ws = ws[2:] // "$69,500 and above per year", "Rs 80,000 or more a month"
		}
		w := ws[0]
		if (w == "per" || w == "a" || w == "an" || w == "each" || w == "every") && len(ws) > 1 {
			w = ws[1]
		}
		if p := periodWords[w]; p != "" {
			return p
		}
	}
	// "weekly pay $1,500", "weekly pay up to $800", "daily income Rs 5000": the period named just
	// before the sum.
	ws := d.wordsBack(a.start, 4)
	for len(ws) > 0 && (ws[0] == "to" || ws[0] == "up" || ws[0] == "upto") {
		ws = ws[1:]
	}
	if len(ws) > 1 && periodPaid[ws[0]] {
		ws = ws[1:]
	}
	if len(ws) > 0 && periodAdjectives[ws[0]] {
		return periodWords[ws[0]]
	}
	return ""
}

// maxConversionBytes is the longest bracket read as a sum's conversion: "(KSh5,370,000)", "(about
// Rs 1.4 lakh)".
const maxConversionBytes = 32

// periodAdjectives name a period before the pay they qualify ("weekly pay"), periodPaid the pay.
var periodAdjectives = wordSet([]string{"daily", "hourly", "weekly", "monthly", "yearly", "annual",
	"روزانہ", "یومیہ", "rozana", "ماہانہ", "mahana", "maheena"})
var periodPaid = wordSet([]string{"pay", "salary", "income", "wage", "wages", "earnings", "earning", "rate", "payout"})

// lazily returns a function that calls f the first time it is called and then returns what f
// returned. checkAmounts tests the cues of an amount only when one needs them; unlike
// sync.OnceValue, which it used, this is not safe for concurrent use and allocates nothing, as
// the functions it returns stay within checkAmounts.
func lazily(f func() bool) func() bool {
	var known, v bool
	return func() bool {
		if !known {
			v, known = f(), true
		}
		return v
	}
}

// costWords are the one-word cost cues, payWords the words of pay, and feeWords the words that
// name a fee outright, that pricedBefore and feeNear read.
var costWords, payWords, feeWords = newShapedSet(singleWords(costCue)), newShapedSet(singleWords(salaryCue)),
	newShapedSet(singleWords(explicitFeeCue))

// feeNear reports whether a word that names a fee stands within three words before an amount or
// two after it, in its comma-separated part: "charges 7 lakh", "2 lakh advance". Further away,
// the fee word may be about something else ("koi fees nahi" after the salary).
func (d *doc) feeNear(a amount) bool {
	for _, w := range d.wordsBack(a.start, 3) {
		if feeWords.has(w) {
			return true
		}
	}
	for _, w := range d.wordsForward(a.end, 2) {
		if feeWords.has(w) {
			return true
		}
	}
	return false
}

// ownSumWords are "my" and "mine" in the three languages, right before a sum.
var ownSumWords = wordSet([]string{"my", "meri", "mera", "mere", "میری", "میرا", "میرے"})

// gulfCurrency are the Gulf states' currencies, in which their employers state pay packages. (A
// "package" in euros, pounds or Australian dollars is what an agent sells a European or an
// Australian visa for.)
var gulfCurrency = map[string]bool{"qar": true, "aed": true, "sar": true, "omr": true, "kwd": true, "bhd": true}

// packageBefore reports a pay package named within three words before pos: "Package: QAR 9,000".
func (d *doc) packageBefore(pos int) bool {
	for _, w := range d.wordsBack(pos, 3) {
		if w == "package" || w == "packages" {
			return true
		}
	}
	return false
}

// priceMoved reports a sum that a price has risen or fallen to, as a report tells it: "a one-way
// Lahore-Dubai ticket crossing Rs 90,000", "fares soared to Rs 1.2 lakh". A fare's news asks no one
// for it.
func (d *doc) priceMoved(a amount) bool {
	for _, w := range d.wordsBack(a.start, 3) {
		if priceMoveWords[w] {
			return true
		}
	}
	return false
}

// priceMoveWords say a price moved.
var priceMoveWords = wordSet([]string{"crossing", "crossed", "soared", "soaring", "rose", "risen", "jumped", "surged",
	"climbed", "doubled", "dropped", "fell", "fallen", "touched", "touching"})

// creditedAfter reports a sum told as already put into an account, in the passive or the
// perfect: "تنخواہ PKR 62,300 جمع کر دی گئی ہے", "50,000 jama ho gaye", "Rs 5,000 credited". A
// bank's notice of a deposit made asks no one for it.
func (d *doc) creditedAfter(a amount) bool {
	ws := d.wordsForward(a.end, 4)
	for i, w := range ws {
		if creditedWords[w] || i > 0 && (w == "گئی" || w == "گئے" || w == "گیا" || w == "gayi" || w == "gaye" || w == "gaya" ||
			w == "چکی" || w == "چکے" || w == "chuki" || w == "chuke") {
			return true
		}
	}
	return false
}

// creditedWords say a sum has reached an account.
var creditedWords = wordSet([]string{"credited", "received", "deposited", "transferred", "موصول", "wasool"})

// singleWords returns the one-word phrases of a set.
func singleWords(ps phraseSet) map[string]bool {
	m := map[string]bool{}
	for first, phrases := range ps.byFirst {
		for _, words := range phrases {
			if len(words) == 1 {
				m[first] = true
			}
		}
	}
	return m
}

// pricedBefore reports whether the three words before an amount, in its comma-separated part,
// name a cost of the journey and no pay: "visa and ticket Rs 4.5 lakh", "kharcha 3 lakh",
// "ویزا اور ٹکٹ کے 3 لاکھ".
func (d *doc) pricedBefore(pos int) bool {
	cost := false
	for _, w := range d.wordsBack(pos, 3) {
		if payWords.has(w) {
			return false
		}
		cost = cost || costWords.has(w)
	}
	return cost
}

// pricedAfter reports whether the words just after an amount say it is paid for the journey,
// and when: "Rs 2.5 lakh before departure", "50,000 in advance", "25 lakh mein" (for 25 lakh),
// "3 lakh lagenge" (3 lakh will be needed), "2 لاکھ پہلے", "pay 3 lakh now and 5 lakh after visa".
// No wage is said to be due before the flight, now, or after the visa: these words put the sum
// on the worker.
func (d *doc) pricedAfter(a amount) bool {
	ws := d.wordsForward(a.end, 2)
	if len(ws) == 0 {
		return false
	}
	switch w := ws[0]; {
	case forWords[w]:
		// "25 lakh mein" ends the part or names what is bought ("25 lakh mein visa"); in "2 lakh
		// mein ghar ki chhat dalwayi" it tells what the money went on.
		return len(ws) == 1 || costWords.has(ws[1])
	case priceAfterWords[w]:
		return true
	case w == "before" || w == "in" || w == "up" || w == "after":
		// "before departure", "in advance", "up front"; and the instalment "5 lakh after visa".
		return len(ws) > 1 && beforeWhat[ws[1]]
	}
	return false
}

// priceAfterWords follow a sum to say it is needed or due first.
var priceAfterWords = wordSet([]string{"lagenge", "lagen", "lagega", "lagay", "lagain",
	"lagte", "lagta", "lagein", "لگیں", "لگے", "لگتے", "لگتا", "upfront", "pehle", "pehlay", "پہلے", "advance",
	"ایڈوانس", "now", "abhi", "ابھی",
	// "3 lakh shuru mein, baqi 12 lakh wahan pohanch ke": at the start.
	"shuru", "شروع"})

// feeSet reports whether the words around an amount say a fee was set or changed to it: "set at",
// "raised to", "fixed at" before it, "مقرر" after it.
func (d *doc) feeSet(a amount) bool {
	if slices.Contains(d.wordsForward(a.end, 2), "مقرر") {
		return true
	}
	if d.feeChanged == 0 {
		d.feeChanged = -1
		if d.anyOf(feeChangedCue) {
			d.feeChanged = 1
		}
	}
	if d.feeChanged == 1 {
		return true
	}
	ws := d.wordsBack(a.start, 3)
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "at" || ws[i] == "to") && setVerbs[ws[i+1]] {
			return true
		}
	}
	return false
}

// feeChangedCue reports a fee raised or cut, as news tells it: "شینگن ویزا فیس میں اضافہ ... 80 یورو
// سے بڑھا کر 90 یورو", "visa fee increased".
var feeChangedCue = newPhraseSet([]string{"فیس میں اضافہ", "فیس میں کمی", "فیسوں میں اضافہ", "سے بڑھا کر", "سے کم کر کے",
	"fee increased", "fees increased", "fee hike", "fee hiked", "fee raised", "fees raised", "fee revised", "fees revised",
	"fee cut", "fees cut", "fee reduced", "fees reduced"})

var setVerbs = wordSet([]string{"set", "fixed", "increased", "raised", "reduced", "cut", "revised", "hiked", "lowered"})

// conversionOf reports whether amount b, right after amount a, only restates it in another
// currency: in brackets, with at most a word such as "about" before it ("Rs300,000 (Dh10,800)",
// "$500 (about Rs 140,000)", "AED 1,500 / Rs 115,000").
func (d *doc) conversionOf(a, b amount) bool {
	if a.end > b.start || b.start-a.end > 24 || a.currency == b.currency {
		return false
	}
	gap := strings.TrimSpace(d.n.text[a.end:b.start])
	bracket := strings.HasPrefix(gap, "(") || strings.HasPrefix(gap, "/") || strings.HasPrefix(gap, "=")
	if !bracket {
		return false
	}
	rest := strings.TrimSpace(strings.TrimLeft(gap, "(/="))
	switch rest {
	case "", "about", "approx", "approx.", "approximately", "around", "roughly", "nearly", "almost", "some", "i.e.", "or",
		"تقریباً", "تقریبا", "لگ بھگ", "qareeban", "taqreeban":
		return true
	}
	return false
}

// balanceBeside reports whether a bank's word for an account's balance stands right before or
// after an amount: a qualifier and "balance" ("ledger balance", "total balance", "avl bal"), or
// Urdu's "بیلنس". "Balance" alone is also what is left to pay ("50% now, balance Rs 2 lakh after
// the visa"), which is a fee's second instalment: it needs the qualifier.
func (d *doc) balanceBeside(a amount) bool {
	isPair := func(ws []string, nearestFirst bool) bool {
		for i, w := range ws {
			if w == "بیلنس" {
				return true
			}
			if !balanceNouns.has(w) {
				continue
			}
			// The qualifier is the word before "balance" in reading order.
			j := i - 1
			if nearestFirst {
				j = i + 1
			}
			if j >= 0 && j < len(ws) && balanceQualifiers[ws[j]] {
				return true
			}
		}
		return false
	}
	return isPair(d.wordsBack(a.start, 3), true) || isPair(d.wordsForward(a.end, 3), false)
}

var (
	balanceNouns      = shapedWordSet([]string{"balance", "bal"})
	balanceQualifiers = wordSet([]string{"ledger", "available", "avl", "avail", "current", "closing", "opening",
		"account", "total", "wallet", "new", "updated", "your", "cleared", "book", "net", "a/c", "ac"})
)

// arrivedAfter reports whether the words after an amount, in its clause, say the money has
// arrived: a deposit or receipt verb in the completed passive ("jama ho gayi hai", "جمع ہو گئے ہیں",
// "موصول ہو گئے", "has been credited", "was received"). "Will be credited" is a promise, not a
// receipt.
func (d *doc) arrivedAfter(a amount) bool {
	ws := d.wordsForward(a.end, 6)
	for i, w := range ws {
		if arrivedWords.has(w) && i > 0 && i < 4 && (ws[i-1] == "been" || ws[i-1] == "was" || ws[i-1] == "were") {
			return true
		}
		if (depositWords.has(w) || arrivedWords.has(w)) && i+2 < len(ws) && (ws[i+1] == "ho" || ws[i+1] == "ہو") && doneWords.has(ws[i+2]) {
			return true
		}
	}
	return false
}

var (
	arrivedWords = shapedWordSet([]string{"credited", "received", "mosool", "mausool", "wasool", "موصول"})
	depositWords = shapedWordSet([]string{"jama", "جمع", "transfer", "ٹرانسفر", "منتقل"})
	doneWords    = shapedWordSet([]string{"gaya", "gayi", "gaye", "gai", "chuka", "chuki", "chuke", "hui", "hue", "gya",
		"گیا", "گئی", "گئے", "چکا", "چکی", "چکے", "ہوئی", "ہوئے"})
)

// forWords are "for" after a price in Roman Urdu and Urdu.
var forWords = wordSet([]string{"mein", "main", "me", "میں"})

// beforeWhat are the steps of the journey a sum can be due before, and "in advance", "up front".
var beforeWhat = wordSet([]string{"departure", "visa", "flight", "travel", "ticket", "interview", "processing",
	"medical", "protector", "advance", "front", "joining", "boarding"})

// salaryNouns name a wage as a thing. ("Pay" is not one: "pay Rs 400,000 in advance" asks.)
var salaryNouns = shapedWordSet([]string{"salary", "salaries", "tankhwah", "tankhwa", "tankha", "تنخواہ", "wage", "wages",
	"basic",
	// The other words for pay: "a remuneration package of CAD 69,500", "compensation: $30/hr",
	// "اجرت 1500 ریال", "mushahra 80 hazar".
	"remuneration", "compensation", "stipend", "emoluments", "اجرت", "مشاہرہ", "ujrat", "mushahra", "mushahira"})

// payNamedBefore reports whether the words just before pos say that the amount there is pay
// ("salary 2000 dirham", "tankhwah 1500 riyal"): a salary noun among the three words before it,
// with no word of a cost nearer to it.
func (d *doc) payNamedBefore(pos int) bool {
	for _, w := range d.wordsBack(pos, 3) {
		if costWords.has(w) {
			return false
		}
		if salaryNouns.has(w) {
			return true
		}
	}
	return false
}

// journeyPriced flags an amount put on the journey to the job ("visa 3 lakh, half now", "18 lakh
// package, payment in 3 instalments"): above what an OEP may charge, it is asked of the worker,
// unless the clause tells who already paid it or says the employer pays.
func (d *doc) journeyPriced(out *payCheck, a amount, c clause, cl clauseCue) {
	if a.pkr <= serviceChargeReachPKR || a.pkr >= maxJourneyPKR || cl.paid || cl.free && d.freeAround(a, c) ||
		d.negatedBefore(c.start, a.start) || d.negatedAfter(a.end, c.end) || givenPerfect(d.wordsForward(a.end, 4)) {
		return // a sum already paid is recorded as paidFee by checkAmounts, not asked
	}
	if d.packageAfter(a) {
		// "AED 2,200 basic + AED 500 allowances", "OMR 180 – 230 + overtime, free accommodation":
		// a sum that benefits are added to is the job's pay.
		return
	}
	if a.currency != "" && a.currency != "pkr" && (d.rangeEnd(a) || d.rangeStart(a)) {
		// "tandoor cook ⏎ 2000-2500 AED", "KWD 600–900 depending on grade": a range in the
		// destination's money is the pay a job offers; a price is named as one sum.
		return
	}
	if d.anyOf(levyCue) && !d.hasPhoneNumber() {
		// "The monthly levy on dependents remains SAR 400 per person, payable in advance": a
		// state's levy on expatriates, told as news, is no journey's price.
		return
	}
	if d.ownVisaFee(a) {
		// "Aap ko apni visa fee (£298) aur ticket khud deni hogi": the worker's own visa fee,
		// paid to the state at its counter, is the state's fee, not an agent's price.
		return
	}
	if d.goodsPriced(a) {
		// "فی تولہ 2 لاکھ 91 ہزار روپے", "Rs 280 per litre": the price of gold or fuel, by its
		// weight or measure, is market news, no journey's price.
		return
	}
	if d.saidToCost(a) {
		// "ہر کوئی 15، 20 لاکھ بتا رہا ہے", "sab log 15 lakh bol rahe hain": what others say a
		// thing costs, asked of no reader; an offer names its price, it does not report it.
		return
	}
	if d.feeSet(a) && !d.linked && !d.hasPhoneNumber() {
		// "نئی فیس 650 ریال مقرر", "the fee has been raised to SAR 650": a fee the state has
		// set is news of a fee, asked of no reader. (With a number to call, "fee set at 3 lakh"
		// is an agent's price.)
		return
	}
	if d.jobAd == 0 && d.counts[cueWork] == 0 && !d.agent() && (!d.overseas() || !d.anyOf(visaWordCue) && d.anyOf(householdCue)) {
		// A total with no job, no work, nowhere abroad and no agent or visa in the whole text is
		// a shop's or a biller's ("Order #113 confirmed! Total: $2249.78"), no journey's price;
		// named for an operation, a wedding or a school with no visa named, it is the family's
		// bill, however far away the one asked is ("Amma's operation ... 1.5 lakh lagenge total.
		// Can you arrange something from Jeddah?").
		return
	}
	out.flags = append(out.flags, d.flagAt(UpfrontFee, "code.journey_priced", a.start, a.end))
	out.asked(a)
}

// askedSum reads a sum asked of the reader: one within serviceChargeReachPKR told to be paid now
// (sentNow) by smallSumSent, any other by journeyPriced.
func (d *doc) askedSum(out *payCheck, a amount, c clause, cl clauseCue, sentNow bool) {
	if sentNow && a.pkr <= serviceChargeReachPKR {
		d.smallSumSent(out, a, c, cl)
		return
	}
	d.journeyPriced(out, a, c, cl)
}

// smallSumSent flags a sum within an OEP's service charge that the reader is told to send at
// once, with no fee named, in a text about a job, a visa or an agent: "Korea EPS me naam dalwana
// hai to 20 hazar bhejo". A licensed OEP's charge comes after the visa, by bank challan, and is
// named; the state's fees (the Protector's challan, the medical) are named too, and a sum sent
// that the clause says was paid, is free or comes after the visa is not asked now.
func (d *doc) smallSumSent(out *payCheck, a amount, c clause, cl clauseCue) {
	if a.pkr < 1_000 || cl.official || cl.paid || cl.free || d.negatedBefore(c.start, a.start) ||
		d.negatedAfter(a.end, c.end) || !(d.overseas() || d.agent() || d.jobAd > 0) {
		return
	}
	if after := d.wordsForward(a.end, 4); len(after) >= 2 && sentPastWords[after[1]] || givenPerfect(after) {
		// "maine tumhe 15 hazar bheje the": sent already, the past folded into the order's
		// spelling ("bheje" is normalised "bhejein") and told by the tense after it; "فیس ۲۸
		// ہزار جمع کروا دی ہے": deposited, the perfect after the helper.
		return
	}
	if d.anyOf(laterPaidCue) || d.anyOf(serviceChargeWordsCue) || d.warnings > 0 || d.anyOf(quotedDemandCue) || d.anyOf(officialFeeCue) {
		// Named as the service charge, or asked after the visa ("آپ کا ویزا جاری ہو گیا ہے ... سروس
		// چارج ۱۵،۰۰۰ روپے کمپنی اکاؤنٹ میں"), it is the lawful charge, whose cap the fee rules
		// read; beside the state's fees (the Protector's registration fee is Rs 2,500) it may be
		// one of them; told as what others say ("kehte hain 15 hazar bhejo"), or beside a
		// warning, it is reported, not asked.
		return
	}
	out.flags = append(out.flags, d.flagAt(UpfrontFee, "code.sum_sent", a.start, a.end))
	out.asked(a)
}

// namedUpfront reports a sum named, in the three words before it, as a charge made before any
// visa: "Sirf registration 10,000", "file 5000", "token 2,000", "advance ۵ ہزار". (The service
// charge and the state's fees are named otherwise, and read as such.)
func (d *doc) namedUpfront(a amount) bool {
	return slices.ContainsFunc(d.wordsBack(a.start, 3), func(w string) bool { return upfrontWords[w] })
}

// upfrontWords name charges made before any visa.
var upfrontWords = wordSet([]string{"registration", "رجسٹریشن", "processing", "file", "form", "booking", "token",
	"bayana", "biyana", "joining", "advance", "ایڈوانس", "ٹوکن", "بیعانہ", "فائل", "بکنگ"})

// givenPerfect reports "given" in the perfect or the past among words: "جمع کروا دی ہے", "jama
// karwa diye the", "bhej diya hai".
func givenPerfect(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		if gaveWords[words[i]] && sentPastWords[words[i+1]] {
			return true
		}
	}
	return false
}

// gaveWords are the participles of "give" that make a helper verb's perfect ("dee", "diye"), and
// those of "send", which make the past on their own ("Saudi se 1500 riyal bheje the": a
// remittance that came, not a sum asked).
var gaveWords = wordSet([]string{"دی", "دیے", "دیئے", "دیا", "di", "diye", "diya", "dia", "dye",
	"bheje", "bheja", "bheji", "بھیجے", "بھیجا", "بھیجی"})

// sentPastWords put a sending in the past or the perfect: "bheje the", "bheje hain", "بھیجے تھے".
var sentPastWords = wordSet([]string{"the", "thay", "thi", "tha", "hain", "hai", "hein", "تھے", "تھی", "تھا", "ہیں", "ہے"})

// serviceChargeWordsCue names an OEP's service charge, or says that the visa has come, after which
// the charge is due.
var serviceChargeWordsCue = newPhraseSet([]string{"service charge", "service charges", "سروس چارج", "سروس چارجز",
	"ویزا جاری ہو گیا", "visa has been issued", "visa aa gaya", "visa lag gaya"})

// laterPaidCue says a sum is paid after the visa or on selection, as the law has it.
var laterPaidCue = newPhraseSet([]string{"after visa", "after the visa", "visa ke baad", "visa aane ke baad",
	"visa milne ke baad", "visa lagne ke baad", "ویزا کے بعد", "ویزہ کے بعد", "ویزا آنے کے بعد", "ویزہ آنے کے بعد",
	"after selection", "selection ke baad", "select hone ke baad", "منتخب ہونے کے بعد"})

// rangeEnd reports an amount that is the upper end of a range: "2000-2500 AED", "1800 – 2500".
func (d *doc) rangeEnd(a amount) bool {
	before := strings.TrimRight(d.n.text[:a.start], " ")
	for _, dash := range rangeDashes {
		if b, ok := strings.CutSuffix(before, dash); ok {
			b = strings.TrimRight(b, " ")
			return b != "" && isDigitByte(b[len(b)-1])
		}
	}
	return false
}

// rangeStart reports an amount that opens a range: "KWD 600–900", "SAR 1,800 - 2,500".
func (d *doc) rangeStart(a amount) bool {
	return d.rangeEndAfter(a) != strings.TrimLeft(d.n.text[a.end:], " ")
}

// levyCue names a state's charge on expatriates and their families.
var levyCue = newPhraseSet([]string{"levy", "levies", "dependent fee", "dependents fee", "expat levy", "ٹیکس لیوی", "لیوی"})

// householdCue names a family's own costs: treatment, a wedding, schooling, rent and bills.
var householdCue = newPhraseSet([]string{"operation", "hospital", "doctor", "treatment", "ilaj", "dawai", "medicine",
	"wedding", "shaadi", "shadi", "jahez", "school fee", "school fees", "tuition", "rent", "kiraya", "bill",
	"آپریشن", "ہسپتال", "ڈاکٹر", "علاج", "دوائی", "شادی", "جہیز", "کرایہ",
	// The house's upkeep: "باقی گھر کے خرچے کے لیے", "chhat ki marammat".
	"گھر کے خرچے", "گھر کا خرچ", "ghar ke kharche", "ghar ka kharcha", "مرمت", "marammat",
	// The house built, the college's fee, the family's committee: "مکان کی چھت کے لیے", "عمر کی
	// کالج فیس", "committee ki kisht".
	"مکان", "چھت", "makan", "chhat", "college fee", "college fees", "university fee", "کالج فیس", "کالج کی فیس",
	"سکول فیس", "اسکول فیس", "سکول کی فیس", "committee ki", "کمیٹی کی"})

// ownVisaFee reports an amount named, in the four words before it, as the worker's own visa fee:
// "own visa fee", "apni visa fee", "اپنی ویزا فیس".
func (d *doc) ownVisaFee(a amount) bool {
	own, visa, fee := false, false, false
	for _, w := range d.wordsBack(a.start, 4) {
		own = own || ownWords[w]
		visa = visa || w == "visa" || w == "ویزا" || w == "ویزہ"
		fee = fee || w == "fee" || w == "fees" || w == "فیس"
	}
	return own && visa && fee
}

// ownWords say that what follows is the reader's own: "own", "apni", "اپنی".
var ownWords = wordSet([]string{"own", "apni", "apna", "apne", "اپنی", "اپنا", "اپنے"})

// depositAsked reports a sum followed at once by an order to send it ("25000 bhejein"), or in its
// clause, within eight words, by an account and then a word of paying in ("... اکاؤنٹ میں جمع
// کروائیں", "... account mein jama karwayen"). A deposit told as done ("جمع کروائے تھے") is the
// clause's paid cue, which journeyPriced reads.
func (d *doc) depositAsked(a amount, c clause) bool {
	if a.end >= c.end {
		return false // the sum ends its clause (or runs past it): nothing follows it there
	}
	toks := d.tokensIn(a.end, c.end)
	account := false
	for i, t := range toks {
		if i >= 8 {
			return false
		}
		switch {
		case i == 0 && (sendOrder[t.w] || sendAfter[t.w] && len(toks) > 1 && sendOrderHelper[toks[1].w]):
			// The sum and the order to send it: "Passport ki pic aur 25000 bhejein booking ke
			// liye", "25000 jama karwayen", "۲۵ ہزار بھیج دیں".
			return true
		case depositAccountWords[t.w] || t.w == "c" && i > 0 && toks[i-1].w == "a":
			account = true // "A/C" is tokenised "a", "c"
		case account && sendAfter[t.w]:
			return true
		}
	}
	return false
}

// payOrdered reports a sum the reader is told to pay: an order to pay just before it ("please
// pay", "you must send", "kindly transfer", or the order opening its clause) or the payment put
// as a duty just after it ("must be paid", "to be paid", "paid in advance").
func (d *doc) payOrdered(a amount) bool {
	// The verb is the sum's word or the one before it ("pay GBP 450", "send the EUR 1,500"), nearest
	// first; the word before the verb makes it an order.
	back := d.wordsBack(a.start, 3)
	for i := 0; i < min(2, len(back)); i++ {
		if !payVerbs[back[i]] {
			continue
		}
		if i+1 == len(back) && len(back) < 3 {
			return true // the order opens the clause: "Send EUR 1,500 to ..."
		}
		if i+1 < len(back) && payOrderBefore[back[i+1]] {
			// Not the employer's own promise: "company to pay AED 500 for the medical".
			return i+2 >= len(back) || !payerWords[back[i+2]]
		}
	}
	fwd := d.wordsForward(a.end, 5)
	for i, w := range fwd {
		if w != "paid" {
			continue
		}
		next := ""
		if i+1 < len(fwd) {
			next = fwd[i+1]
		}
		switch {
		case i >= 2 && fwd[i-1] == "be" && dutyWords[fwd[i-2]]:
			// "must be paid to our lawyer", "has to be paid by the applicant": a duty, and to
			// whom or how. ("Salary to be paid at the end of the month" is the worker's.)
			return paidToWords[next]
		case next == "upfront" || next == "in" && i+2 < len(fwd) && fwd[i+2] == "advance":
			return true // "USD 260 paid in advance to the clinic"
		}
		return false
	}
	return false
}

// payVerbs order a payment; payOrderBefore come before the order ("please pay", "must send",
// "need to transfer"); dutyWords make "be paid" a duty ("must be paid").
var (
	payVerbList    = []string{"pay", "send", "deposit", "transfer", "remit", "wire"}
	payVerbs       = wordSet(payVerbList)
	payOrderCue    = newPhraseSet(append(slices.Clone(payVerbList), "paid")) // the words payOrdered reads
	payOrderBefore = wordSet([]string{"please", "kindly", "must", "to", "should", "you", "need", "then", "and", "now"})
	dutyWords      = wordSet([]string{"must", "to", "should", "shall"})
	payerWords     = wordSet([]string{"employer", "employers", "company", "we", "they", "sponsor", "hospital"})
	paidToWords    = wordSet([]string{"to", "by", "before", "upfront", "via", "through", "into", "in"})
)

// sendOrder are orders to send money by themselves ("bhejein", "بھیجیں", "send"); sendOrderHelper
// make one of a stem that follows a sum ("jama karwayen", "bhej dein", "بھیج دیں").
var sendOrder = wordSet([]string{"bhejein", "bhejo", "bhejiye", "send", "transfer", "بھیجیں", "بھیجو", "بھیجئے"})
var sendOrderHelper = wordSet([]string{"karwayen", "karwayein", "karwaen", "karwao", "krwao", "karain", "karein", "dein", "den", "do",
	"کروائیں", "کرائیں", "دیں", "دو", "کریں"})

// depositAccountWords name where a deposit goes.
var depositAccountWords = wordSet([]string{"account", "acc", "a/c", "khata", "khate", "اکاؤنٹ", "اکاونٹ", "کھاتے",
	"کھاتہ"})

// foreignServiceCaps are the service charges other sending countries let a licensed agent take, in
// their own currency: India's ₹30,000 plus GST (Emigration Rules 1983 as amended), Nepal's Rs
// 10,000 under its "free visa, free ticket" policy. A charge within them is that country's lawful
// fee, not an advance above Pakistan's cap.
var foreignServiceCaps = map[string]float64{"inr": 30_000, "npr": 10_000}

// withinForeignCap reports a sum in another sending country's currency within its lawful service
// charge.
func withinForeignCap(a amount) bool {
	limit, ok := foreignServiceCaps[a.currency]
	return ok && a.pkr <= limit*pkrPer[a.currency]
}

// packageAfter reports a sum followed by a plus sign and, within three words after it, a benefit of
// the job: "+ accommodation", "+ overtime", "+ fuel + medical", "+ AED 500 allowances".
func (d *doc) packageAfter(a amount) bool {
	rest := d.n.text[a.end:min(len(d.n.text), a.end+40)]
	plus := strings.IndexByte(rest, '+')
	if plus < 0 || strings.ContainsAny(rest[:plus], ".\n") {
		return false
	}
	// The benefit comes after the plus: in "USD 650 for medical + transit visa" the medical is
	// what the sum is asked for.
	return slices.ContainsFunc(d.wordsForward(a.end+plus+1, 5), func(w string) bool { return benefitWords[w] })
}

// allowanceCue names an allowance added to the pay; allowanceWords are its words.
var allowanceCue = newPhraseSet([]string{"allowance", "allowances", "الاؤنس", "alowance"})
var allowanceWords = singleWords(allowanceCue)

// rangeDashes join the ends of a range of sums: "1,800–2,500", "2000-2500".
var rangeDashes = []string{"–", "-", "—"}

// skipRangeEnd skips the upper end of a range after a sum ("–180 + service-charge share"), so that
// what follows the range is read as following the sum. low is the sum's own number as written.
func skipRangeEnd(rest string, low float64) string {
	for _, dash := range rangeDashes {
		if r, ok := strings.CutPrefix(rest, dash); ok {
			r = strings.TrimLeft(r, " ")
			// The upper end may repeat the currency: "SAR 1,500 - SAR 2,000 per month", "AED
			// 1000-AED 30000 daily", "Rs 50,000 – Rs 80,000". Written so, it must be the larger:
			// "Total fee $9,000 — $2,000 upfront" is a sum and a part of it, not a range.
			repeated := false
			if w := currencyLead(r); w != "" {
				r, repeated = strings.TrimLeft(r[len(w):], " "), true
			}
			i := 0
			for i < len(r) && (isDigitByte(r[i]) || r[i] == ',') {
				i++
			}
			if i > 0 && (!repeated || leadNumber(r[:i]) > low) {
				return strings.TrimLeft(r[i:], " ")
			}
		}
	}
	return rest
}

// rangeEndAfter is skipRangeEnd after the amount a.
func (d *doc) rangeEndAfter(a amount) string {
	return skipRangeEnd(strings.TrimLeft(d.n.text[a.end:], " "), leadNumber(d.n.text[a.start:a.end]))
}

// leadNumber reads the first number written in s ("sar 1,500" is 1500), 0 when there is none.
func leadNumber(s string) float64 {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0
	}
	j := i
	for j < len(s) && (isDigitByte(s[j]) || s[j] == ',' || s[j] == '.') {
		j++
	}
	v, _ := strconv.ParseFloat(strings.TrimRight(strings.ReplaceAll(s[i:j], ",", ""), "."), 64)
	return v
}

// currencyLead returns the currency word or sign that opens r ("sar 2,000", "$900", "rs. 80,000"),
// or "" when r opens on none.
func currencyLead(r string) string {
	i := 0
	for i < len(r) && i < 4 && isASCIILetter(r[i]) {
		i++
	}
	if i < len(r) && r[i] == '.' && i > 0 {
		i++ // "rs." and "dhs." are written with their dot
	}
	if i == 0 {
		// A sign of its own: "$", "£", "€", "₹".
		_, size := utf8.DecodeRuneInString(r)
		i = size
	}
	if i == 0 || !isCurrency(r[:i]) {
		return ""
	}
	return r[:i]
}

// benefitWords are what a job adds to its pay.
var benefitWords = wordSet([]string{"accommodation", "overtime", "ot", "allowance", "allowances", "fuel", "medical",
	"transport", "transportation", "food", "meals", "housing", "bonus", "benefits", "commission", "tips", "insurance",
	"rihaish", "khana", "رہائش", "کھانا", "اوور ٹائم", "الاؤنس",
	// The room and its other spellings: "SAR 1,500 + rehaish", "۱۸۰۰ ریال + کمرہ".
	"rehaish", "rahaish", "rehayesh", "room", "kamra", "کمرہ", "اوور", "اوورٹائم", "service-charge", "tips",
	// Paid by results on top: "OMR 200 basic + incentives".
	"incentive", "incentives"})

// goodsPriced reports a sum given by a unit of weight or measure, up to four words before it (past
// the lakh of "2 لاکھ 91 ہزار", read as two sums) or two after it: "فی تولہ 2 لاکھ", "Rs 2,500 per
// maund", "1 lakh 20 hazar fi tola".
func (d *doc) goodsPriced(a amount) bool {
	// wordsBack and wordsForward share their buffer: each is read before the other is called.
	return slices.ContainsFunc(d.wordsBack(a.start, 4), func(w string) bool { return goodsUnits[w] }) ||
		slices.ContainsFunc(d.wordsForward(a.end, 2), func(w string) bool { return goodsUnits[w] })
}

// goodsUnits are the units that goods are priced by in market news.
var goodsUnits = wordSet([]string{"تولہ", "tola", "tolas", "کلو", "kg", "kilo", "kilogram", "گرام", "gram", "grams",
	"لیٹر", "litre", "liter", "litres", "liters", "من", "maund", "maunds", "barrel", "barrels", "ounce", "ounces", "oz"})

// saidToCost reports a sum followed by words that report what others say it costs: "بتا رہا ہے",
// "bol rahe hain", "keh raha hai", "میں دے رہا ہے". (A sum someone asks of the writer, "50 ہزار
// مانگ رہے ہیں", is the offer's demand, and a question that tells it gets the offer's verdict.)
func (d *doc) saidToCost(a amount) bool {
	// "Sab log bol rahe hain 15-20 lakh": the saying may come first.
	for _, w := range d.wordsBack(a.start, 4) {
		if reportedPriceWords[w] {
			return true
		}
	}
	ws := d.wordsForward(a.end, 6)
	for i, w := range ws {
		if reportedPriceWords[w] && i < 2 {
			return true
		}
		// Someone else's offer in the third person: "ایک بندہ ۱۲ لاکھ میں دے رہا ہے". (An offer
		// speaks of itself: "hum de rahe hain", "2 lakh mein de raha hun".)
		if i > 0 && i < 3 && (ws[i-1] == "de" || ws[i-1] == "دے") && (w == "raha" || w == "رہا") &&
			!(i+1 < len(ws) && firstPersonAux[ws[i+1]]) {
			return true
		}
		// The going price: "جدہ کی ٹکٹ آج کل ایک لاکھ 15 ہزار روپے کی مل رہی ہے", "ticket 1.2 lakh ki mil rahi
		// hai", read past a second sum the first one runs into. (An offer sells; it does not say
		// what a thing fetches these days.)
		if i > 0 && (ws[i-1] == "mil" || ws[i-1] == "مل") && (w == "rahi" || w == "raha" || w == "rahe" ||
			w == "رہی" || w == "رہا" || w == "رہے") {
			return true
		}
	}
	return false
}

// lostAround reports a sum named a loss by the words just after it ("2000 درہم تک کا نقصان",
// "Rs 5 lakh ka nuqsan") or just before it ("a loss of Rs 3 lakh", "lost AED 4,000").
func (d *doc) lostAround(a amount) bool {
	// wordsForward and wordsBack share their buffer: each is read before the other is called.
	return slices.ContainsFunc(d.wordsForward(a.end, 3), func(w string) bool { return lossWords[w] }) ||
		slices.ContainsFunc(d.wordsBack(a.start, 3), func(w string) bool { return lossWords[w] || w == "lost" })
}

// lossWords name money lost; lossNearCue holds them and the "lost" lostAround reads before a sum,
// so that a text with neither is not read sum by sum.
var (
	lossList    = []string{"loss", "losses", "نقصان", "nuqsan", "nuqsaan", "nuksan", "nuksaan", "خسارہ", "خسارے", "khasara"}
	lossWords   = wordSet(lossList)
	lossNearCue = newPhraseSet(append(slices.Clone(lossList), "lost"))
)

// firstPersonAux ends a verb said by the writer: "de raha hun", "دے رہا ہوں".
var firstPersonAux = wordSet([]string{"hun", "hoon", "hu", "ہوں"})

// reportedPriceWords are the verbs of saying that follow a sum others quoted.
var reportedPriceWords = wordSet([]string{"بتا", "بتاتے", "بتاتا", "بتایا", "bata", "batate", "batata", "bataya",
	"bol", "bolte", "bolta", "kehte", "kehta", "کہتے", "کہتا", "بول", "بولتے", "بولتا", "keh", "kah", "کہہ",
	// In English: "one agent is telling 3.5 lakh", "they quoted 12 lakh".
	"telling", "told", "quoted", "quoting", "quotes"})

// freeAround reports whether the comma-separated part of clause c that holds amount a says the
// employer pays or the item is free: in "visa aur ticket free, sirf medical aur protector ke 1.5
// lakh" the visa is free and the 1.5 lakh is asked.
func (d *doc) freeAround(a amount, c clause) bool {
	from, to := d.commaPart(c, a.start, a.end)
	return freeCue.any(d.tokensIn(from, to), "")
}

// asked records a as a sum the ad asks for: the payment is the largest of them.
func (pc *payCheck) asked(a amount) {
	if pc.payment == nil {
		pc.payment = &Payment{}
	}
	pc.payment.AmountPKR = max(pc.payment.AmountPKR, int64(a.pkr))
}

// annualByDefault reports whether a salary with no period is a yearly one: dollar, euro and pound
// salaries of ten thousand or more are quoted by the year, and no job abroad open to Pakistani
// workers pays that by the month.
func annualByDefault(a amount) bool {
	switch a.currency {
	case "usd", "eur", "gbp", "cad", "aud":
		return a.pkr/pkrPer[a.currency] >= 10_000
	}
	return false
}

func channelName(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	switch s {
	case "jazzcash", "جازکیش":
		return "jazzcash"
	case "easypaisa", "ایزیپیسہ", "ایزیپیسا":
		return "easypaisa"
	case "bank", "بینک":
		return "bank"
	}
	return "cash"
}

// ParseAmount reads an amount of rupees typed by a user: "50000", "50,000", "Rs 50,000",
// "50 hazar", "1.5 lakh", "۵۰ ہزار". A foreign currency is converted roughly, like the analyser.
func ParseAmount(text string) (int64, bool) {
	d := &doc{n: normalize(text)}
	d.toks = tokenize(d.n.text)
	// The user was asked for an amount: a number in words before lakh or hazar is one, with or
	// without the currency the analyser needs in an ad ("ساڑھے چار لاکھ", "do lakh").
	for i := range d.toks {
		if n, end, ok := spelledNumber(d.toks, i); ok && end+1 < len(d.toks) && spelledMultiplier[d.toks[end+1].w] {
			return int64(n * multiplier[d.toks[end+1].w]), true
		}
	}
	for _, a := range d.findAmounts() {
		return int64(a.pkr), a.pkr >= 1
	}
	// A bare number is an amount here: the user was asked for one.
	for _, t := range d.toks {
		if isDigitByte(t.w[0]) {
			if v, err := strconv.ParseFloat(strings.ReplaceAll(t.w, ",", ""), 64); err == nil && v >= 1 {
				return int64(v), true
			}
		}
	}
	return 0, false
}

// fewHours reports whether the work is said to take a few hours: "2 to 3 hours per week" (up to
// 15 a week) or "2 hours a day" (up to 3), or spare minutes. No skill or experience earns a
// month's good wage in that, which is the remote-job scam's promise; "40 hours per week" is a
// full-time job.
func (d *doc) fewHours() bool {
	if d.anyOf(spareTimeCue) {
		return true
	}
	_, ok := d.hoursADay()
	return ok
}

// partTimeCeiling is the most a month's pay for work at home of a few hours a day may be before
// it is too good to be true: unrealisticPartTimePKR for three hours a day, in proportion for
// fewer ("50,000 mahana, sirf 2 ghante roz" is the same hourly rate as 75,000 for three hours).
func (d *doc) partTimeCeiling() float64 {
	if h, ok := d.hoursADay(); ok && h < 3 {
		return unrealisticPartTimePKR * max(h, 1) / 3
	}
	return unrealisticPartTimePKR
}

// hoursADay returns the fewest hours a day the text says the work takes, when it says three or
// fewer a day or fifteen or fewer a week (a week's hours counted over five days).
func (d *doc) hoursADay() (float64, bool) {
	word := func(i int) string {
		if i < 0 || i >= len(d.toks) {
			return ""
		}
		return d.toks[i].w
	}
	least, found := 0.0, false
	for i := 1; i < len(d.toks); i++ {
		if !hoursIDs.has(d.toks[i].id) {
			continue
		}
		n, err := strconv.Atoi(d.toks[i-1].w)
		if err != nil {
			continue
		}
		// "2 hours daily", "2 hours a day", "روزانہ 2 گھنٹے", "din mein 2 ghante": the period
		// stands after the hours in English and either side in Urdu.
		b := i - 2
		if onlyWords[word(b)] {
			b-- // "روزانہ صرف 2 گھنٹے"
		}
		next, after, before := word(i+1), word(i+2), word(b)
		// "2 hours/day" reads as "2 hours day" once the slash is gone.
		weekly := weekWords[next] || next == "week" || (next == "per" || next == "a" || next == "each") && after == "week" || weekWords[before]
		daily := dayWords[next] || next == "day" || (next == "per" || next == "a" || next == "each") && after == "day" || dayWords[before] ||
			(before == "mein" || before == "میں") && dayWords[word(b-1)]
		switch h := float64(n); {
		case daily && n <= 3 && (!found || h < least):
			least, found = h, true
		case weekly && n <= 15 && (!found || h/5 < least):
			least, found = h/5, true
		}
	}
	return least, found
}

// hoursWords, dayWords and weekWords are the words fewHours reads hours of work by, as the normal
// form spells them.
var hoursWords, dayWords, weekWords = wordSet([]string{"hours", "hrs", "ghante", "ghantay", "ghantey", "گھنٹے", "گھنٹہ"}),
	wordSet([]string{"daily", "rozana", "roz", "روزانہ", "روز", "یومیہ", "din", "دن"}),
	wordSet([]string{"weekly", "hafta", "haftay", "hafte", "ہفتہ", "ہفتے"})

// hoursIDs are the ids of hoursWords, which fewHours tests every word against.
var hoursIDs = wordIDSet(hoursWords)

// onlyWords are "only" in the three languages: it may stand between a period and its hours ("daily
// only 2 hours"), and before a price (onlyPriced).
var onlyWords = wordSet([]string{"only", "just", "sirf", "srf", "bas", "faqat", "صرف", "بس", "فقط"})
