package redflags

import (
	"net"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// linkRe finds web addresses with or without a scheme; the TLD list keeps "Rs.15" and "p.m" out.
var linkRe = regexp.MustCompile(`(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|pk|info|xyz|online|site|top|club|biz|co|in|io|me|ly|gl|gd|at|cc|tk|ml|ga|cf|gq|app|page|link|live|shop|store|ae|sa|qa|om|kw|bh|uk|us|eu|jobs|work|ru|cn|id|to|su|icu|vip|buzz|cfd|sbs|click|cyou|dev|gle|ca|au|de|ke|ng|ph|np|lk|bd|my|sg|za|edu|gov|tv|fun|space|website|tech|news|today|world)(?:/[^\s]*)?\b|https?://\d{1,3}(?:\.\d{1,3}){3}\S*`)

// shorteners hide where a link goes; scam ads use them to dodge filters and look-alike checks.
var shorteners = map[string]bool{
	"bit.ly": true, "tinyurl.com": true, "goo.gl": true, "is.gd": true, "cutt.ly": true, "rb.gy": true,
	"shorturl.at": true, "tiny.cc": true, "ow.ly": true, "s.id": true, "t.ly": true, "rebrand.ly": true,
	"bitly.com": true, "shorte.st": true, "adf.ly": true, "v.gd": true, "t.co": true, "urlz.fr": true,
	"lnkd.in": true, "u.to": true, "clck.ru": true, "tny.im": true,
}

// officialWords appear in look-alike domains that pretend to be the government.
var officialWords = []string{"beoe", "oec", "ophrd", "emigration", "protector", "govt", "gov", "ministry", "nccia", "fia", "overseaspakistan", "opf"}

// officialOrgHosts are the Pakistani state's own bodies that are not under .gov.pk: the Overseas
// Pakistanis Foundation of the Ministry of Overseas Pakistanis writes from opf.org.pk, so a link
// there is its own, not one that borrows its name.
var officialOrgHosts = []string{"opf.org.pk"}

// lookalikeDigits catches letters swapped for digits: be0e, 0ec, g0v.
var lookalikeDigits = regexp.MustCompile(`be0e|0ec|g0v|beo3|mini5try`)

// freeMail are the free e-mail providers; a company hires from its own domain.
var freeMail = map[string]bool{
	"gmail": true, "yahoo": true, "hotmail": true, "outlook": true, "live": true, "ymail": true, "aol": true,
	"proton": true, "protonmail": true, "gmx": true, "yandex": true, "icloud": true, "rocketmail": true,
	// mail.com's free addresses, under its vanity domains: chevron.ksa.hr@consultant.com.
	"mail": true, "email": true, "consultant": true, "engineer": true, "accountant": true, "usa": true, "post": true,
}

// hiringWords in the part before the @ make a free address pose as a recruiter, a ministry or
// an agency: hr.gulfjobs@gmail.com, beoe.registration@yahoo.com.
var hiringWords = []string{"hr", "job", "recruit", "career", "hiring", "manpower", "overseas", "visa", "vacanc",
	"employment", "ministry", "beoe", "oec", "gov", "official", "admin", "placement", "agency", "consultant"}

// checkEmails raises FREE_EMAIL for a free-mail address that poses as a hiring office
// (hr.gulfjobs@gmail.com), that is a person's own (a name and a number: ali1234@gmail.com), or
// that is the only address beside a chat app: a recruiter with no office, no website and no
// company mail is a person, whatever company the ad names (FTC and NCCIA on job scams). found
// are the signs already raised: WHATSAPP_ONLY says the chat app is the way in.
func (d *doc) checkEmails(found []Flag) []Flag {
	t := d.n.text
	chatOnly := hasCode(found, WhatsAppOnly)
	for off := 0; ; {
		k := strings.IndexByte(t[off:], '@')
		if k < 0 {
			return nil
		}
		at := off + k
		off = at + 1
		start := at
		for start > 0 && isEmailByte(t[start-1]) {
			start--
		}
		end := at + 1
		for end < len(t) && (isEmailByte(t[end]) && t[end] != '@') {
			end++
		}
		local, domain := t[start:at], strings.TrimRight(t[at+1:end], ".")
		provider, _, ok := strings.Cut(domain, ".")
		if !ok || local == "" || !freeMail[provider] || d.warnedAt(start) {
			continue
		}
		flag := []Flag{d.flagAt(FreeEmail, "code.email", start, start+len(local)+1+len(domain))}
		for _, b := range brandLocals {
			if strings.Contains(local, b) {
				// "qatarenergy.careers.hr@gmail.com": a famous employer's name on a free mailbox is
				// borrowed; such employers write from their own domains.
				return append(flag, d.flagAt(Impersonation, "code.email_brand", start, start+len(local)+1+len(domain)))
			}
		}
		if chatOnly || personalLocal(local) || d.remoteHiring() || d.middlemanBefore(start) {
			return flag
		}
		for _, w := range hiringWords {
			if strings.Contains(local, w) {
				return flag
			}
		}
	}
}

// remoteHiring reports whether the text hires for work from home or online: a remote employer
// that names no domain of its own and takes applications at a free-mail address is the fake
// remote job's shape (US FTC, "Job scams"; the recruiter "nickygatesk3@gmail.com" of a
// "CatchyTechSolutions" project manager role). A shop or a school in Pakistan that hires at its
// Gmail address is not remote.
func (d *doc) remoteHiring() bool {
	return d.counts[cueRemote] > 0 && d.jobAd > 0
}

// middlemanBefore reports a free-mail address given as the one of a go-between the worker is sent
// to: "contact our travel agent Mr. John at john.travels@gmail.com", "obtain your work permit
// through our approved immigration lawyer, barrister.smith@outlook.com". A fake offer letter hands
// the worker to a "designated" agent or lawyer, who then asks for the visa's and the permit's fees
// (FTC, "Job scams"; UK Home Office, "Visa and immigration fraud"); an employer's own office writes
// from its own domain.
//
// The words are read across sentences ("our approved immigration lawyer. Contact barrister…",
// "our travel agent Mr. John at …"), not across a paragraph's end.
func (d *doc) middlemanBefore(start int) bool {
	i, _ := slices.BinarySearchFunc(d.toks, start, func(t token, off int) int { return t.start - off })
	for j := i - 1; j >= 0 && j >= i-middlemanWindow; j-- {
		next := start
		if j+1 < len(d.toks) {
			next = d.toks[j+1].start
		}
		if strings.Contains(d.n.text[d.toks[j].end:next], "\n\n") {
			return false
		}
		if middlemanWords[d.toks[j].w] {
			return true
		}
	}
	return false
}

// middlemanWindow is how many words before an address are read for the go-between it belongs to.
const middlemanWindow = 12

// middlemanWords name the go-betweens of a fake offer: a travel agent, a visa agent, a lawyer.
var middlemanWords = wordSet([]string{"lawyer", "lawyers", "barrister", "attorney", "solicitor", "advocate",
	"travel", "immigration", "agent", "agents", "وکیل", "ایجنٹ", "wakeel", "vakeel"})

// brandLocals are famous employers' names as they are run together in an address's local part.
var brandLocals = []string{"qatarairways", "qatarenergy", "qatargas", "emirates", "etihad", "flydubai", "aramco",
	"adnoc", "sabic", "almarai", "kuwaitoil", "dpworld", "amazon", "google", "microsoft", "unicef", "unhcr", "undp",
	"unitednations", "deloitte", "nesma", "binladin", "saudia", "qatarfoundation", "hamadmedical"}

// personalLocal reports whether the part of an address before the @ is a person's: letters
// followed by three digits or more (bluedragon1234, flame1234), the shape free-mail providers
// hand out when a name is taken.
func personalLocal(local string) bool {
	digits := 0
	for i := len(local) - 1; i >= 0 && isDigitByte(local[i]); i-- {
		digits++
	}
	return digits >= 3 && digits < len(local) && isASCIILetter(local[0])
}

func isEmailByte(c byte) bool {
	return isASCIILetter(c) || isDigitByte(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// checkLinks raises SUSPICIOUS_LINK for shortened links, raw IP addresses, punycode and domains
// that borrow an official name without being under .gov.pk.
func (d *doc) checkLinks() []Flag {
	t := d.n.text
	// Whether the text claims a government's recruitment is read once, for the first link that
	// needs it: a text of many links must not read its words once per link.
	govClaim := lazily(func() bool { return d.anyOf(govRecruitCue) })
	for _, m := range findLinks(t) {
		if m[0] > 0 && (t[m[0]-1] == '@' || t[m[0]-1] == '.' || isASCIILetter(t[m[0]-1]) || strings.IndexByte(t[m[0]:m[1]], '@') >= 0) {
			continue // an e-mail domain or the tail of a longer word
		}
		d.linked = true
		host := hostOf(t[m[0]:m[1]])
		if !officialHost(host) {
			d.unofficialLink = true
		}
		if d.warnedAt(m[0]) {
			continue
		}
		if suspiciousHost(host) || !officialHost(host) && !strings.HasSuffix(host, ".pk") && govClaim() {
			// A government recruits on its own domain (.gov.pk, .gov.ng, .go.ke, .gc.ca): a
			// "Ministry of Health recruitment" form on moh-recruit.com.ng is a borrowed link.
			// Pakistan's testing services (nts.org.pk, pts.org.pk) and job boards (.pk) carry
			// the government's own posts.
			return []Flag{d.flagAt(SuspiciousLink, "code.links", m[0], m[1])}
		}
	}
	return nil
}

// govRecruitCue is a text's claim that a government, its forces or its services are recruiting.
// ("Govt jobs" is left out: Pakistan's job boards list the government's posts under it.)
var govRecruitCue = newPhraseSet([]string{"government recruitment", "govt recruitment", "ministry of health recruitment", "ministry recruitment",
	"federal government recruitment", "municipality is hiring", "municipality hiring", "police recruitment",
	"army recruitment", "navy recruitment", "air force recruitment", "immigration service recruitment",
	"customs recruitment", "civil defence recruitment", "civil defense recruitment", "government is recruiting",
	"govt is recruiting", "government of canada", "canadian government",
	"government job recruitment", "govt job recruitment", "railway recruitment", "railways recruitment"})

// officialHost reports whether a host is a government's own: .gov or .mil at the end, or a
// government label (gov, gob, gouv, govt, go, mil, gc, nic, gv) just before a two-letter country
// code (.gov.pk, .go.ke, .gc.ca, .nic.in); canada.ca is Canada's. "jobs.go.com" is not.
func officialHost(host string) bool {
	if host == "canada.ca" || strings.HasSuffix(host, ".canada.ca") {
		return true
	}
	for _, h := range officialOrgHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	if n >= 2 && (labels[n-1] == "gov" || labels[n-1] == "mil") {
		return true
	}
	if n >= 2 && len(labels[n-1]) == 2 {
		// "GOV.UK" itself is the British government's site, as www.gov.uk is.
		switch labels[n-2] {
		case "gov", "gob", "gouv", "govt", "go", "mil", "gc", "nic", "gv":
			return true
		}
	}
	return false
}

// findLinks runs linkRe only on the words that could be links (they hold a dot followed by a
// letter), because an unanchored scan of the whole ad costs more than all the rest. Words end at
// spaces and line breaks; the dots are found with strings.IndexByte rather than by walking every
// byte of every word, and the word of a dot that is followed by a letter is read from there.
func findLinks(t string) [][2]int {
	var out [][2]int
	for from := 0; from < len(t); {
		k := strings.IndexByte(t[from:], '.')
		if k < 0 {
			break
		}
		k += from
		if k+1 == len(t) || !isASCIILetter(t[k+1]) {
			from = k + 1
			continue
		}
		i, j := k, k+1
		for i > 0 && t[i-1] != ' ' && t[i-1] != '\n' {
			i--
		}
		for j < len(t) && t[j] != ' ' && t[j] != '\n' {
			j++
		}
		for _, m := range linkRe.FindAllStringIndex(t[i:j], 4) {
			out = append(out, [2]int{i + m[0], i + m[1]})
		}
		from = j + 1
	}
	return out
}

func hostOf(link string) string {
	link = strings.TrimPrefix(strings.TrimPrefix(link, "http://"), "https://")
	if i := strings.IndexAny(link, "/?#"); i >= 0 {
		link = link[:i]
	}
	return strings.TrimPrefix(link, "www.")
}

// siteBuilders host free sites under their own domain: a company that hires has its own, and a
// recruitment page on a free builder is what job-scam and phishing SMS link to (FTC on job scams;
// APWG phishing reports name the same hosts).
var siteBuilders = []string{".wixsite.com", ".weebly.com", ".blogspot.com", ".wordpress.com", ".web.app",
	".firebaseapp.com", ".netlify.app", ".vercel.app", ".github.io", ".000webhostapp.com", ".godaddysites.com",
	".yolasite.com", ".jimdosite.com", ".glitch.me", ".pages.dev", ".herokuapp.com", ".ngrok.io", ".ngrok-free.app"}

// cheapTLDs are the top-level domains sold for a dollar or given away, which Spamhaus and
// Interisle's phishing studies rank as the most abused; no employer's careers page uses them.
var cheapTLDs = map[string]bool{"xyz": true, "top": true, "icu": true, "buzz": true, "cc": true, "tk": true, "ml": true,
	"ga": true, "cf": true, "gq": true, "vip": true, "su": true, "cfd": true, "sbs": true, "click": true, "cyou": true,
	// Interisle's Phishing Landscape 2023 adds the new generic domains sold at a discount.
	"site": true, "online": true, "live": true, "fun": true, "bond": true, "rest": true, "lol": true, "quest": true,
	"monster": true, "win": true, "loan": true, "bid": true}

func suspiciousHost(host string) bool {
	if shorteners[host] || strings.Contains(host, "xn--") || net.ParseIP(host) != nil {
		return true
	}
	if host == "sites.google.com" {
		return true
	}
	for _, b := range siteBuilders {
		if strings.HasSuffix(host, b) {
			return true
		}
	}
	if i := strings.LastIndexByte(host, '.'); i >= 0 && cheapTLDs[host[i+1:]] {
		return true
	}
	if strings.HasSuffix(host, ".gov.pk") || officialHost(host) {
		return false
	}
	if lookalikeDigits.MatchString(host) {
		return true
	}
	labels := strings.FieldsFunc(host, func(r rune) bool { return r == '.' || r == '-' })
	for _, l := range labels[:max(0, len(labels)-1)] {
		if strings.Contains(l, "job") {
			continue // "pakgovtjobs.com": a job board that lists government posts, not a look-alike
		}
		for _, w := range officialWords {
			if l == w || (len(w) > 3 && strings.Contains(l, w)) {
				return true
			}
		}
	}
	return false
}

// chatApps are the chat apps a remote-job scam is run from, as their names are written before a
// handle; chatAppCue adds the other spellings.
var chatApps = []string{"telegram", "whatsapp", "signal", "viber"}

// chatHandle finds a chat app's handle given as the way in: "Telegram: @hiring_mgr", "my telegram
// @HR123456". It returns the span from the app's name to the end of the handle, or ok false.
// An @ inside an e-mail address is no handle.
func (d *doc) chatHandle() (start, end int, ok bool) {
	t := d.n.text
	for off := 0; ; {
		k := strings.IndexByte(t[off:], '@')
		if k < 0 {
			return 0, 0, false
		}
		at := off + k
		off = at + 1
		if at > 0 && isEmailByte(t[at-1]) {
			continue // name@domain
		}
		e := at + 1
		for e < len(t) && (isASCIILetter(t[e]) || isDigitByte(t[e]) || t[e] == '_') {
			e++
		}
		if e-at-1 < 4 {
			continue
		}
		from := max(0, at-40)
		for _, app := range chatApps {
			if i := strings.LastIndex(t[from:at], app); i >= 0 {
				return from + i, e, true
			}
		}
	}
}

// accountTitleWords are the words that name an account's title: "Account title:", "A/C title",
// "اکاؤنٹ ٹائٹل", normalised as the text is. (Not "account holder": a bank's receipt says "Dear
// ACCOUNT HOLDER".)
var accountTitleWords = wordSet([]string{"title", "ٹائٹل"})

// accountTitleIDs is accountTitleWords by word id: a token is one of them exactly when its id is
// in it, which checkAccountTitle tests at every token instead of looking the word up.
var accountTitleIDs = wordIDSet(accountTitleWords)

// accountWords are the words before them: "account", "a/c", "اکاؤنٹ".
var accountWords = wordSet([]string{"account", "a/c", "ac", "acc", "acct", "اکاؤنٹ", "اکاونٹ", "کھاتہ"})

// businessNameWords are words that only a business's or an organisation's name holds: an account
// titled with one is theirs, not a person's.
var businessNameWords = wordSet([]string{"pvt", "ltd", "private", "limited", "overseas", "international", "enterprises",
	"enterprise", "traders", "trading", "services", "service", "promoters", "promoter", "manpower", "travel",
	"travels", "tours", "agency", "company", "corporation", "corp", "group", "associates", "consultants",
	"consultancy", "solutions", "smc", "llc", "inc", "co", "foundation", "trust", "bank", "employment",
	"recruitment", "recruiting", "institute", "college", "school", "university", "government", "govt", "oep",
	"oepl",
	"اوورسیز", "انٹرنیشنل", "انٹرپرائزز", "ٹریڈرز", "سروسز", "پروموٹرز", "مین پاور", "ٹریولز", "ٹریول", "کمپنی",
	"ایجنسی", "پرائیویٹ", "لمیٹڈ", "گروپ", "فاؤنڈیشن", "ٹرسٹ", "حکومت", "سرکار",
	// An organisation's: a mosque's committee, a welfare society.
	"masjid", "mosque", "committee", "society", "welfare", "madrassa", "club", "مسجد", "کمیٹی", "سوسائٹی",
	"ویلفیئر", "مدرسہ"})

// checkAccountTitle raises PERSONAL_PAYMENT for a bank account given with a person's name as its
// title ("Account title: Naveed Ahmed, account no 0147-…", "اکاؤنٹ ٹائٹل: نوید احمد"): an OEP takes
// its fee only into an account in the company's name (design.md §1). A title with any word of a
// business's name ("Al-Noor Overseas Employment Promoters (Pvt) Ltd") is a company's; the words
// read are those of the title's line, at most four. Only about work or going abroad: a mosque's
// appeal for donations gives its trustee's account too.
func (d *doc) checkAccountTitle() []Flag {
	t := d.n.text
	if d.counts[cueWork] == 0 && d.jobAd == 0 && !d.overseas() {
		return nil
	}
	if !accountTitleIDs.meets(d.present) {
		return nil // no title word: most texts
	}
	for i := 1; i+1 < len(d.toks); i++ {
		if !accountTitleIDs.has(d.toks[i].id) || !d.accountBefore(i) || d.warnedAt(d.toks[i].start) {
			continue
		}
		end, words := 0, 0
		for k := i + 1; k < len(d.toks) && words < 4; k++ {
			if gap := t[d.toks[k-1].end:d.toks[k].start]; strings.IndexByte(t[d.toks[i].end:d.toks[k].start], '\n') >= 0 ||
				words > 0 && strings.ContainsAny(gap, ",،;|(") {
				break // the title's line or its name ended: "Naveed Ahmed, Meezan Bank 0147-…"
			}
			w := d.toks[k].w
			if businessNameWords[w] {
				return nil
			}
			if !isWordLetters(w) {
				break // a number or a mark ends the name
			}
			words++
			end = d.toks[k].end
		}
		if words >= 2 {
			return []Flag{d.flagAt(PersonalPayment, "code.account_title", d.toks[i-1].start, end)}
		}
	}
	return nil
}

// accountBefore reports whether an account word stands right before the title word at i, or
// with only the account's number between: "A/C 0056-1002233445 (Title: Nadeem Akhtar)".
func (d *doc) accountBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if accountWords[d.toks[j].w] || d.slashAC(j) {
			return true
		}
		if !isDigitByte(d.toks[j].w[0]) {
			return false
		}
	}
	return false
}

// slashAC reports whether token j is the "c" of "A/C" (the tokeniser splits the slash): an
// account's abbreviation.
func (d *doc) slashAC(j int) bool {
	return d.toks[j].w == "c" && j > 0 && d.toks[j-1].w == "a" && d.n.text[d.toks[j-1].end:d.toks[j].start] == "/"
}

// isWordLetters reports whether w is made of letters only.
func isWordLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}
