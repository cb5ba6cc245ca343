package indicators

import (
	"math/big"
	"regexp"
	"strings"

	"github.com/tasdeeq/tasdeeq/redflags"
)

// Kind is what an indicator is.
type Kind string

// The kinds of indicator. A JazzCash or Easypaisa account is a mobile number, so it is a Phone.
const (
	Phone   Kind = "phone"
	Account Kind = "account" // a bank account number written near an account word
	IBAN    Kind = "iban"
	Domain  Kind = "domain" // a site's host, for sites that are not shared by everyone
	URL     Kind = "url"    // a link on a shared host (Facebook, wa.me, bit.ly, Google Forms)
	Email   Kind = "email"
	Ad      Kind = "ad" // the text itself, by its near-duplicate fingerprint
)

// Indicator is one thing found in a text that can be matched against reports.
type Indicator struct {
	Kind Kind
	// Value is the canonical form that is hashed: 923001234567 for every way of writing a
	// Pakistani mobile number, an upper-case IBAN, a lower-case host or address.
	Value string
	// Start and End are the byte span in the original text, for quoting it back to the user.
	Start, End int
}

// Extract finds the indicators in a text, each canonical value once, in the order they appear.
// Urdu and Arabic-Indic digits are read like ASCII ones.
func Extract(text string) []Indicator { return extract(redflags.NormalizeSpans(text)) }

// extract is Extract on a text already normalised.
func extract(n redflags.Normalized) []Indicator {
	t := n.Text
	var found []Indicator
	add := func(k Kind, v string, start, end int) {
		s, e := n.Span(start, end)
		found = append(found, Indicator{Kind: k, Value: v, Start: s, End: e})
	}
	// Addresses and links first: the digits inside them are not phone numbers.
	taken := make([]bool, len(t))
	take := func(start, end int) {
		for i := start; i < end; i++ {
			taken[i] = true
		}
	}
	// Each pattern runs only where a cheap scan finds what it must start with or contain: the
	// regexps try every position of the text, and most texts have no address, link or IBAN.
	var emails, links, ibans [][]int
	if strings.IndexByte(t, '@') >= 0 {
		emails = emailRe.FindAllStringIndex(t, -1)
	}
	if hasDotLetters(t) {
		links = linkRe.FindAllStringIndex(t, -1)
	}
	if hasIBANStart(t) {
		ibans = ibanRe.FindAllStringIndex(t, -1)
	}
	for _, m := range emails {
		addr := strings.TrimRight(t[m[0]:m[1]], ".")
		_, host, _ := strings.Cut(addr, "@")
		take(m[0], m[1])
		if official(host) {
			continue
		}
		add(Email, addr, m[0], m[0]+len(addr))
		if provider, _, _ := strings.Cut(host, "."); !freeMail[provider] {
			add(Domain, host, m[0]+len(addr)-len(host), m[0]+len(addr))
		}
	}
	for _, m := range links {
		if taken[m[0]] || (m[0] > 0 && (t[m[0]-1] == '@' || isWordByte(t[m[0]-1]))) {
			continue
		}
		link := strings.TrimRight(t[m[0]:m[1]], ".,;:!?)")
		end := m[0] + len(link)
		take(m[0], end)
		k, v, ok := classifyLink(link)
		if !ok {
			continue
		}
		if k == Phone {
			add(Phone, v, m[0], end)
			continue
		}
		add(k, v, m[0], end)
	}
	for _, m := range ibans {
		if taken[m[0]] {
			continue
		}
		v := strings.ToUpper(strings.ReplaceAll(t[m[0]:m[1]], " ", ""))
		if validIBAN(v) {
			take(m[0], m[1])
			add(IBAN, v, m[0], m[1])
		}
	}
	for _, m := range digitsRe.FindAllStringIndex(t, -1) {
		if taken[m[0]] {
			continue
		}
		for _, num := range numbers(t, m[0], m[1]) {
			add(num.kind, num.value, num.start, num.end)
		}
	}
	return dedupe(found)
}

// hasDotLetters says whether t has a dot followed by two letters, which every match of linkRe
// has (its top-level domain).
func hasDotLetters(t string) bool {
	for i := strings.IndexByte(t, '.'); i >= 0 && i+2 < len(t); {
		if isLower(t[i+1]) && isLower(t[i+2]) {
			return true
		}
		j := strings.IndexByte(t[i+1:], '.')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// hasIBANStart says whether t has two letters followed by two digits, with which every match of
// ibanRe starts.
func hasIBANStart(t string) bool {
	for i := 0; i+3 < len(t); i++ {
		if isLower(t[i]) && isLower(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3]) {
			return true
		}
	}
	return false
}

func isLower(b byte) bool { return 'a' <= b && b <= 'z' }
func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func dedupe(in []Indicator) []Indicator {
	seen := map[Kind]map[string]bool{}
	out := in[:0]
	for _, ind := range in {
		if seen[ind.Kind] == nil {
			seen[ind.Kind] = map[string]bool{}
		}
		if seen[ind.Kind][ind.Value] {
			continue
		}
		seen[ind.Kind][ind.Value] = true
		out = append(out, ind)
	}
	// In text order, which Extract's passes do not keep.
	sortByStart(out)
	return out
}

func sortByStart(s []Indicator) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

var (
	// emailRe runs on the normalised text, which is lower case.
	emailRe = regexp.MustCompile(`[a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)
	// linkRe finds a link with or without a scheme: example.com/jobs, https://bit.ly/x.
	linkRe = regexp.MustCompile(`(?:https?://)?(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:/[^\s]*)?`)
	// ibanRe finds an IBAN, written solid or in groups of four; validIBAN checks its digits.
	ibanRe = regexp.MustCompile(`\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?\b`)
	// digitsRe finds runs of digits with the separators people put inside phone numbers.
	digitsRe = regexp.MustCompile(`\+?\(?\d[\d\-. ()]*\d`)
	// accountWords precede a bank account number.
	accountWords = []string{"account", "a/c", "acc ", "acc.", "acc#", "acct", "iban", "bank", "اکاونٹ", "اکاؤنٹ", "کھاتہ", "کھاتا", "بینک", "khata"}
)

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// freeMail are providers anyone can open an address with: their domain is no indicator.
var freeMail = map[string]bool{"gmail": true, "googlemail": true, "yahoo": true, "ymail": true, "hotmail": true, "outlook": true, "live": true, "msn": true, "aol": true, "icloud": true, "proton": true, "protonmail": true, "gmx": true, "mail": true, "yandex": true, "zoho": true, "rocketmail": true}

// sharedHosts are sites where everybody has pages: the host says nothing, the full link does.
var sharedHosts = map[string]bool{
	"facebook.com": true, "fb.com": true, "fb.me": true, "m.facebook.com": true, "web.facebook.com": true,
	"instagram.com": true, "tiktok.com": true, "youtube.com": true, "youtu.be": true, "twitter.com": true, "x.com": true,
	"linkedin.com": true, "t.me": true, "telegram.me": true, "chat.whatsapp.com": true, "whatsapp.com": true,
	"bit.ly": true, "tinyurl.com": true, "cutt.ly": true, "rb.gy": true, "shorturl.at": true, "is.gd": true, "t.co": true, "goo.gl": true,
	"forms.gle": true, "docs.google.com": true, "drive.google.com": true, "sites.google.com": true, "blogspot.com": true,
	"wordpress.com": true, "rozee.pk": true, "indeed.com": true, "olx.com.pk": true, "google.com": true,
}

// techNames look like hosts but are the names of technologies in job ads.
var techNames = map[string]bool{"asp.net": true, "vb.net": true, "ado.net": true, "node.js": true, "vue.js": true, "react.js": true, "next.js": true}

// commonTLD are the endings of the sites that job ads, real and fake, point to.
var commonTLD = map[string]bool{
	"com": true, "net": true, "org": true, "info": true, "biz": true, "pk": true, "ae": true, "sa": true, "qa": true,
	"om": true, "kw": true, "bh": true, "uk": true, "co": true, "io": true, "me": true, "xyz": true, "online": true,
	"site": true, "top": true, "jobs": true, "ly": true, "gl": true, "gle": true,
}

// official says whether a host belongs to government: an ad that quotes beoe.gov.pk must never
// make the BEOE's site look reported.
func official(host string) bool {
	return host == "gov.pk" || strings.HasSuffix(host, ".gov.pk") || strings.HasSuffix(host, ".gov") || strings.HasSuffix(host, ".gov.sa") || strings.HasSuffix(host, ".gov.ae") || host == "tasdeeq.pk"
}

// classifyLink turns a link into an indicator: a wa.me number is a phone, a shared host keeps
// its path, any other host is a domain.
func classifyLink(link string) (Kind, string, bool) {
	rest := strings.TrimPrefix(strings.TrimPrefix(link, "https://"), "http://")
	host, path, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	host = strings.TrimPrefix(host, "www.")
	if official(host) || !strings.Contains(host, ".") || techNames[host] {
		return "", "", false
	}
	if host == "wa.me" || host == "api.whatsapp.com" {
		digits := onlyDigits(path)
		if v, ok := canonicalPhone(digits, true); ok {
			return Phone, v, true
		}
		return "", "", false
	}
	if !strings.Contains(link, "://") && !strings.HasPrefix(rest, "www.") && !commonTLD[host[strings.LastIndexByte(host, '.')+1:]] {
		// "growth.responsibilities" is two sentences without a space, not a website: without a
		// scheme or www., only the endings that ads really use make a link.
		return "", "", false
	}
	base := registrable(host)
	if sharedHosts[host] || sharedHosts[base] {
		path = strings.TrimRight(path, "/")
		if path == "" {
			return "", "", false // a bare facebook.com says nothing
		}
		return URL, host + "/" + path, true
	}
	return Domain, host, true
}

// registrable is the host without its subdomains, roughly: the last two labels, or three for
// second-level country domains such as com.pk.
func registrable(host string) string {
	labels := strings.Split(host, ".")
	n := 2
	if len(labels) >= 3 && len(labels[len(labels)-1]) == 2 && map[string]bool{"com": true, "net": true, "org": true, "co": true, "edu": true}[labels[len(labels)-2]] {
		n = 3
	}
	if len(labels) <= n {
		return host
	}
	return strings.Join(labels[len(labels)-n:], ".")
}

type number struct {
	kind       Kind
	value      string
	start, end int
}

// numbers reads the phone and account numbers in one run of digits and separators. A run can
// hold several numbers ("Rs 50000 0300 1234567"), so the groups of digits are tried from each
// start, longest first.
func numbers(t string, start, end int) []number {
	type group struct {
		digits     string
		start, end int
		plus       bool
	}
	var groups []group
	for i := start; i < end; {
		if t[i] < '0' || t[i] > '9' {
			i++
			continue
		}
		j := i
		for j < end && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		g := group{digits: t[i:j], start: i, end: j}
		g.plus = (i > 0 && t[i-1] == '+') || (i > 1 && t[i-1] == '(' && t[i-2] == '+')
		groups = append(groups, g)
		i = j
	}
	var out []number
	for i := 0; i < len(groups); {
		matched := false
		for j := len(groups) - 1; j >= i; j-- {
			var b strings.Builder
			for _, g := range groups[i : j+1] {
				b.WriteString(g.digits)
			}
			digits := b.String()
			intl := groups[i].plus || strings.HasPrefix(digits, "00")
			v, ok := canonicalPhone(digits, intl)
			if ok && !intl && len(digits) == 10 && digits[0] == '3' {
				// 300 1234567 is a Pakistani mobile without its 0; 386-320-3924 is an American
				// number of the same length. Only the Pakistani groupings count.
				ok = j == i || (j == i+1 && len(groups[i].digits) == 3)
			}
			if ok {
				s := groups[i].start
				if groups[i].plus {
					s--
				}
				out = append(out, number{kind: Phone, value: v, start: s, end: groups[j].end})
				i, matched = j+1, true
				break
			}
			if len(digits) >= 10 && len(digits) <= 20 && accountContext(t, groups[i].start) {
				out = append(out, number{kind: Account, value: digits, start: groups[i].start, end: groups[j].end})
				i, matched = j+1, true
				break
			}
		}
		if !matched {
			i++
		}
	}
	return out
}

// canonicalPhone gives one form to every way of writing a phone number: 923001234567 for
// 0300-1234567, +92 300 1234567 and 0092 300 1234567; the digits after + or 00 for other
// countries. intl says the digits followed + or started with 00.
func canonicalPhone(d string, intl bool) (string, bool) {
	d = strings.TrimPrefix(d, "00")
	switch {
	case len(d) == 12 && strings.HasPrefix(d, "923"):
		return d, true
	case len(d) == 11 && strings.HasPrefix(d, "03"):
		return "92" + d[1:], true
	case len(d) == 10 && strings.HasPrefix(d, "3") && !intl:
		return "92" + d, true
	case intl && len(d) >= 8 && len(d) <= 15 && d[0] != '0':
		return d, true
	case !intl && (len(d) == 10 || len(d) == 11) && d[0] == '0' && d[1] != '0':
		// A landline with its area code (042-35761234), or a Gulf mobile written locally
		// (050 123 4567): either way one canonical form for one way of dialling it.
		return "92" + d[1:], true
	}
	return "", false
}

// accountContext says whether an account word comes shortly before position i.
func accountContext(t string, i int) bool {
	from := max(0, i-48)
	for from > 0 && from < len(t) && t[from]&0xC0 == 0x80 {
		from-- // not inside a UTF-8 sequence
	}
	window := t[from:i]
	for _, w := range accountWords {
		if strings.Contains(window, w) {
			return true
		}
	}
	return false
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		} else if b.Len() > 0 && c != ' ' && c != '-' {
			break
		}
	}
	return b.String()
}

// validIBAN checks an IBAN's length and its ISO 13616 mod-97 check digits, so that a run of
// letters and digits that only looks like one is not taken for an account.
func validIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	if strings.HasPrefix(s, "PK") && len(s) != 24 {
		return false
	}
	r := s[4:] + s[:4]
	var b strings.Builder
	for _, c := range r {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			b.WriteString(big.NewInt(int64(c - 'A' + 10)).String())
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}
