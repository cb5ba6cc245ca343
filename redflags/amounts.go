package redflags

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// amountRe reads money that starts at a digit: "15,000", "25 hazar", "1.5 lakh riyal", "۵۰ ہزار
// روپے" (digits are ASCII by now). It is anchored and run only where a number starts, because an
// unanchored pattern with an optional prefix costs a scan from every byte.
var amountRe = regexp.MustCompile(`^(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)\s*(k\b|lakh|hazar|crore|million|ہزار|لاکھ|کروڑ)?\s*(/-)?\s*(rs\b|pkr|rupees?|rupa[yi]e?|rupey|sar|riyals?|aed|dirhams?|qar|kwd|omr|bhd|usd|dollars?|euros?|ریال|درہم|روپے)?`)

// currencyBeforeRe reads a currency written before the number: "Rs. ", "SAR ", "$".
var currencyBeforeRe = regexp.MustCompile(`(rs\.?|pkr|rupees?|sar|riyals?|aed|dirhams?|qar|kwd|omr|bhd|usd|us\$|\$|eur|€|£|gbp|ریال|درہم|روپے)\s*$`)

// findAmounts returns every amount of money in normalised text.
func findAmounts(t string) []amount {
	var out []amount
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' || (i > 0 && (t[i-1] >= '0' && t[i-1] <= '9' || t[i-1] == ',' || t[i-1] == '.' || isASCIILetter(t[i-1]))) {
			continue
		}
		m := amountRe.FindStringSubmatchIndex(t[i:min(len(t), i+48)])
		if m == nil {
			continue
		}
		cur, start := "", i
		if c := currencyBeforeRe.FindStringSubmatchIndex(t[max(0, i-8):i]); c != nil {
			cur = t[max(0, i-8)+c[2] : max(0, i-8)+c[3]]
			start = max(0, i-8) + c[0]
		}
		if a, ok := parseAmount(t[i:], m, cur); ok {
			a.start, a.end = start, i+m[1]
			out = append(out, a)
		}
		i += m[1] - 1
	}
	return out
}

// pkrPer converts foreign currencies roughly to rupees; only the order of magnitude matters here.
var pkrPer = map[string]float64{
	"pkr": 1, "sar": 75, "aed": 76, "qar": 77, "kwd": 910, "omr": 730, "bhd": 745, "usd": 280, "eur": 305, "gbp": 355,
}

var currencyAlias = map[string]string{
	"rs": "pkr", "rs.": "pkr", "rupee": "pkr", "rupees": "pkr", "روپے": "pkr", "rupay": "pkr", "rupaye": "pkr", "rupey": "pkr",
	"riyal": "sar", "riyals": "sar", "ریال": "sar",
	"dirham": "aed", "dirhams": "aed", "درہم": "aed",
	"us$": "usd", "$": "usd", "dollar": "usd", "dollars": "usd",
	"€": "eur", "euro": "eur", "euros": "eur", "£": "gbp",
}

var multiplier = map[string]float64{"k": 1e3, "hazar": 1e3, "ہزار": 1e3, "lakh": 1e5, "لاکھ": 1e5, "crore": 1e7, "کروڑ": 1e7, "million": 1e6}

type amount struct {
	pkr        float64
	currency   string // "" when the ad names none
	start, end int
}

// parseAmount reads one amountRe match; before is the currency written before the number.
func parseAmount(t string, m []int, before string) (amount, bool) {
	num := strings.ReplaceAll(t[m[2]:m[3]], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v == 0 {
		return amount{}, false
	}
	cur := before
	if cur == "" && m[8] >= 0 {
		cur = t[m[8]:m[9]]
	}
	if a, ok := currencyAlias[cur]; ok {
		cur = a
	}
	if m[4] >= 0 {
		v *= multiplier[t[m[4]:m[5]]]
	}
	if cur == "" && m[4] < 0 && m[6] < 0 {
		return amount{}, false // a bare number: a phone, a count, a year
	}
	rate, ok := pkrPer[cur]
	if !ok {
		rate = 1
	}
	return amount{pkr: v * rate, currency: cur}, true
}

// Word lists that tell what an amount is for. They are matched on whole words, which costs far
// less than regexps over every clause.
var (
	salaryCue = newPhraseSet([]string{"salary", "salaries", "tankhwah", "تنخواہ", "per month", "a month", "monthly", "month",
		"p.m", "pm", "mahana", "ماہانہ", "maheena", "mahina", "مہینہ", "income", "earn", "earning", "earnings", "kamayein",
		"کمائیں", "pay", "wage", "wages"})
	serviceCue = newPhraseSet([]string{"service charge", "service charges", "سروس چارجز", "خدمات"})
	feeCue     = newPhraseSet([]string{"fees", "charges", "advance", "jama", "deposit", "pay", "send", "bhejein", "payment",
		"جمع", "فیس", "ایڈوانس", "بھیجیں", "بھیج", "ادا", "ادائیگی"})
	unskilledCue = newPhraseSet([]string{"driver", "drivers", "helper", "helpers", "labour", "labor", "labourer", "labourers",
		"mazdoor", "cleaner", "cleaners", "waiter", "waiters", "security guard", "security guards", "guard", "guards",
		"packer", "packers", "packing", "loader", "loaders", "farm", "farmer", "construction", "mason", "masons",
		"ڈرائیور", "ہیلپر", "مزدور", "لیبر", "کلینر", "ویٹر", "گارڈ", "پیکنگ", "فارم"})
	channelCue = newPhraseSet([]string{"jazzcash", "jazz cash", "جاز کیش", "جازکیش", "easypaisa", "easy paisa", "ایزی پیسہ",
		"ایزی پیسا", "bank", "بینک", "cash", "نقد", "کیش", "naqd"})
)

// tokensIn returns the tokens that lie in [from, to) of the normalised text.
func (d *doc) tokensIn(from, to int) []token {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= from })
	j := sort.Search(len(d.toks), func(j int) bool { return d.toks[j].start >= to })
	return d.toks[i:j]
}

// Thresholds for pay that is too good to be true for unskilled work abroad (PKR a month), and
// the legal ceiling of an OEP's service charge.
const (
	unrealisticUnskilledPKR = 400_000
	unrealisticAnyPKR       = 1_500_000
	serviceChargeCapPKR     = 15_000
)

type payCheck struct {
	flags   []Flag
	payment *Payment
}

// checkAmounts reads the amounts in the text: salaries that are too good to be true, service
// charges above the legal cap, and the largest sum the ad asks for.
func (d *doc) checkAmounts() payCheck {
	t := d.n.text
	var out payCheck
	unskilled := sync.OnceValue(func() bool { return unskilledCue.any(d.toks, t) })
	for _, a := range findAmounts(t) {
		c := d.clauseAt(a.start)
		if c.warned {
			continue
		}
		cl := d.tokensIn(c.start, c.end)
		fee, service := feeCue.any(cl, ""), serviceCue.any(cl, "")
		switch {
		case salaryCue.any(cl, "") && !fee:
			if a.pkr >= unrealisticAnyPKR || (a.pkr >= unrealisticUnskilledPKR && unskilled()) {
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay", a.start, a.end))
			}
		case fee || service:
			if service && a.pkr > serviceChargeCapPKR && !d.negatedAfter(a.end, c.end) {
				out.flags = append(out.flags, d.flagAt(UpfrontFee, "code.service_charge_cap", a.start, a.end))
			}
			if d.negatedBefore(c.start, a.start) || d.negatedAfter(a.end, c.end) {
				continue
			}
			if out.payment == nil {
				out.payment = &Payment{}
			}
			if int64(a.pkr) > out.payment.AmountPKR {
				out.payment.AmountPKR = int64(a.pkr)
			}
		}
	}
	if out.payment != nil {
		channelCue.each(d.toks, func(ch string, _, _ int) bool {
			out.payment.Channel = channelName(ch)
			return false
		})
	}
	return out
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
