package redflags

import (
	"regexp"
	"strconv"
	"strings"
)

// amountRe finds money: "Rs 15,000", "25 hazar", "1.5 lakh", "SAR 1500", "۵۰ ہزار روپے", "$800".
var amountRe = regexp.MustCompile(`(?:(rs\.?|pkr|rupees?|sar|riyals?|aed|dirhams?|qar|kwd|omr|bhd|usd|us\$|\$|eur|€|£|gbp|ریال|درہم|روپے)\s*)?(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)\s*(k\b|lakh|hazar|crore|million|ہزار|لاکھ|کروڑ)?\s*(/-)?\s*(rs\b|pkr|rupees?|sar|riyals?|aed|dirhams?|qar|kwd|omr|bhd|usd|dollars?|euros?|ریال|درہم|روپے)?`)

// pkrPer converts foreign currencies roughly to rupees; only the order of magnitude matters here.
var pkrPer = map[string]float64{
	"pkr": 1, "sar": 75, "aed": 76, "qar": 77, "kwd": 910, "omr": 730, "bhd": 745, "usd": 280, "eur": 305, "gbp": 355,
}

var currencyAlias = map[string]string{
	"rs": "pkr", "rs.": "pkr", "rupee": "pkr", "rupees": "pkr", "روپے": "pkr",
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

// parseAmount reads one amountRe match.
func parseAmount(t string, m []int) (amount, bool) {
	num := strings.ReplaceAll(t[m[4]:m[5]], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v == 0 {
		return amount{}, false
	}
	cur := ""
	if m[2] >= 0 {
		cur = t[m[2]:m[3]]
	} else if m[10] >= 0 {
		cur = t[m[10]:m[11]]
	}
	if a, ok := currencyAlias[cur]; ok {
		cur = a
	}
	if m[6] >= 0 {
		v *= multiplier[t[m[6]:m[7]]]
	}
	if cur == "" && m[6] < 0 && m[8] < 0 {
		return amount{}, false // a bare number: a phone, a count, a year
	}
	rate, ok := pkrPer[cur]
	if !ok {
		rate = 1
	}
	return amount{pkr: v * rate, currency: cur, start: m[0], end: m[1]}, true
}

var (
	salaryCue    = regexp.MustCompile(`salary|tankhwah|تنخواہ|per month|monthly|/month|p\.m|mahana|ماہانہ|maheena|mahina|مہینہ|income|earn|kamayein|کمائیں|pay\b`)
	serviceCue   = regexp.MustCompile(`service\s+charges?|سروس\s+چارجز|خدمات`)
	feeCue       = regexp.MustCompile(`fees|charges|advance|jama|جمع|فیس|ایڈوانس|deposit|pay\s|send|bhejein|بھیج|payment|ادا`)
	unskilledCue = regexp.MustCompile(`driver|helper|labou?r|mazdoor|cleaner|waiter|security guard|packer|packing|loader|farm|construction|mason|ڈرائیور|ہیلپر|مزدور|لیبر|کلینر|ویٹر|گارڈ|پیکنگ|فارم`)
	channelRe    = regexp.MustCompile(`jazz\s*cash|جاز\s*کیش|easy\s*paisa|easypaisa|ایزی\s*پیسہ|ایزی\s*پیسا|bank|بینک|cash|نقد|کیش|naqd`)
)

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
	unskilled := unskilledCue.MatchString(t)
	for _, m := range amountRe.FindAllStringSubmatchIndex(t, 32) {
		a, ok := parseAmount(t, m)
		if !ok {
			continue
		}
		c := d.clauseAt(a.start)
		if c.warned {
			continue
		}
		cl := t[c.start:c.end]
		switch {
		case salaryCue.MatchString(cl) && !feeCue.MatchString(cl):
			if a.pkr >= unrealisticAnyPKR || (unskilled && a.pkr >= unrealisticUnskilledPKR) {
				out.flags = append(out.flags, d.flagAt(UnrealisticPay, "code.pay", a.start, a.end))
			}
		case feeCue.MatchString(cl) || serviceCue.MatchString(cl):
			if serviceCue.MatchString(cl) && a.pkr > serviceChargeCapPKR && !d.negatedAfter(a.end, c.end) {
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
	if ch := channelRe.FindString(t); ch != "" && out.payment != nil {
		out.payment.Channel = channelName(ch)
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
