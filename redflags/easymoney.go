package redflags

import "strings"

// The task scam has a shape rather than a phrase: work at home, online or part time; pay by the
// day or by the task; and work that anyone can do (liking videos, rating hotels, copying and
// pasting). NCCIA and consumer agencies describe the same three facts in every advisory; the
// words change with each wave ("optimise merchants", "boost movies", "missions"), so the
// analyser looks for the three facts together instead of listing waves.
var (
	// remoteCue is work not tied to a workplace.
	remoteCue = newPhraseSet([]string{"from home", "at home", "work from home", "home based", "online job", "online jobs",
		"online work", "work online", "working online", "online working", "online part time", "part time", "parttime", "remote", "remotely", "from anywhere", "work anywhere",
		"anytime and anywhere", "your phone", "your mobile", "on mobile", "from mobile", "smartphone", "minutes a day",
		"minutes daily", "hours a day", "hours daily", "hours per day", "hours a week", "hours per week", "spare time",
		"free time", "ghar baithe", "ghar bethe", "ghar se", "mobile se", "online kaam", "گھر بیٹھے", "گھر سے", "آن لائن",
		"home based", "from the internet", "through internet", "through the internet", "on the internet", "internet job",
		"internet jobs",
		"پارٹ ٹائم", "موبائل سے"})
	// easyCue is work that needs nothing: no skill, no experience, a few minutes.
	easyCue = newPhraseSet([]string{"simple", "easy", "easily", "no experience", "without experience", "anyone can",
		"no exp", "no experience needed", "no experience required", "no skills",
		"students", "parents", "anyone", "housewives", "housewife", "just need", "only need", "all you have to do", "all you need",
		"asaan", "aasan", "bina tajurba", "آسان", "طلبہ", "گھریلو خواتین", "تجربے کی ضرورت نہیں"})
	// taskCue is the busywork task scams pay for.
	taskCue = newPhraseSet([]string{"like", "likes", "liking", "subscribe", "subscribing", "rating", "ratings", "5 stars",
		"five stars", "review", "reviews", "reviewing", "copy paste", "copy and paste", "data entry", "typing",
		"form filling", "fill forms", "filling forms", "click", "clicking", "clicks", "watch videos", "watching videos",
		"type karne", "typing karne",
		"boost", "boosting", "optimize", "optimise", "optimizing", "optimising", "task", "tasks", "mission", "missions",
		"captcha", "لائک", "ٹاسک", "سبسکرائب", "ریویو", "کاپی پیسٹ", "ڈیٹا انٹری", "ٹائپنگ"})
	// busyworkCue is work that no employer pays a wage for: copying and pasting, filling forms,
	// typing captchas, liking, subscribing to or watching videos, clicking ads. Offered for money,
	// it is the task scam whatever the pay period ("Earn Rs 25,000 a month, simple copy paste").
	busyworkCue = newPhraseSet([]string{"copy paste", "copy and paste", "copy pasting", "copying and pasting",
		"form filling", "fill forms", "filling forms", "captcha", "captchas", "like videos", "liking videos",
		"like posts", "like pages", "subscribe channels", "subscribe to channels", "watch videos", "watching videos",
		"watch ads", "watching ads", "click ads", "clicking ads", "view ads", "rate hotels", "rating hotels",
		"online surveys", "paid surveys", "take surveys", "fill surveys", "filling surveys",
		"rate products", "rating products", "rate movies", "boost movies", "boost products", "optimize products",
		"optimise products", "video like", "videos like", "like karein", "like karen", "copy paste ka kaam",
		"کاپی پیسٹ", "فارم بھرنے", "ویڈیوز دیکھ", "ویڈیو دیکھ", "ویڈیوز لائک", "ویڈیو لائک", "لائک کریں", "اشتہار دیکھ"})
	// quickPayCue is pay by the task or by the day, the hook of every task scam.
	quickPayCue = newPhraseSet([]string{"paid daily", "daily payment", "daily payout", "daily income", "daily earning",
		"daily earnings", "daily commission", "paid on the same day", "paid the same day", "per task", "per review",
		"per like", "per click", "per video", "per form", "commission per", "har task par", "har task pe",
		"rozana kamai", "روزانہ کمائی", "روزانہ ادائیگی", "فی ٹاسک", "ہر ٹاسک پر"})
)

// telcoCue is a mobile operator's offer to its subscribers.
var telcoCue = newPhraseSet([]string{"subscriber", "subscribers", "tariff", "on net", "onnet", "off net", "offnet",
	"on-net", "off-net", "prepaid", "postpaid", "sms bundle", "call rate", "call rates"})

// easyMoneyRule names the flags checkEasyMoney raises from the shape of a task scam, which asks
// for nothing yet; payInRule names those it raises at money the worker is asked to put in, which
// is a demand.
const (
	easyMoneyRule = "code.easy_money"
	payInRule     = "code.pay_to_work"
)

// checkEasyMoney raises TASK_SCAM when a text offers remote work, pays it by the day or the task,
// and says the work is trivial. The pay is the first amount checkAmounts found earned by the day,
// or else the first "per task", "paid daily" outside a warning. It also raises it for the way
// task and other remote-job scams open (FTC, NCCIA): easy work from home offered for money to
// anyone, with no employer to apply to, only a chat app, a free mail address or a borrowed link;
// found are the signs already raised, which say how to get in touch.
func (d *doc) checkEasyMoney(pc payCheck, found []Flag) []Flag {
	n := &d.counts
	if n[cueWork] == 0 && d.anyOf(telcoCue) {
		// A telco's offer to its subscribers ("dial *108# on mobile to subscribe, Rs 20 daily
		// usage, Rs 2+tax") prices calls by the day and names no work: its sums are spent, not
		// earned.
		return nil
	}
	if n[cueRemote] > 0 && n[cueEasy] > 0 && (n[cueEarn] > 0 || pc.amounts > 0) &&
		(hasCode(found, WhatsAppOnly) || hasCode(found, FreeEmail) || hasCode(found, SuspiciousLink)) {
		if flag := d.firstUnwarned(easyCue); flag != nil {
			return flag
		}
	}
	if n[cueRemote] > 0 && n[cueEarn] > 0 && pc.amounts > 0 && contactSigns(found) >= 2 && d.jobAd < 3 {
		// Earnings offered for work online or from home, reached only through a free mail
		// address and a borrowed or shortened link or a chat app ("ONLINE HOME BASED PROJECTS,
		// EARN $300-$3500, see this blogspot, gmail, 0092…"): no employer recruits that way. A
		// posting that names the job, its duties and its skills is judged by its other signs.
		if flag := d.firstUnwarned(remoteCue); flag != nil {
			return flag
		}
	}
	if n[cueBusywork] > 0 && n[cueEarn] > 0 && (pc.amounts > 0 || d.hasSum()) {
		// Money offered for busywork: the first such task named outside a warning.
		if flag := d.firstUnwarned(busyworkCue); flag != nil {
			return flag
		}
	}
	if n[cueEarn]+n[cueRemote]+n[cueTask]+n[cueBusywork] > 0 && (pc.amounts > 0 || d.hasSum()) {
		// The worker pays before the work pays: a joining fee, a deposit or a top-up to unlock the
		// tasks, a VIP level, a kit or a card to buy (NCCIA's and the FTC's advisories: "you have to
		// pay to get paid" is the task scam's and the fake work-from-home job's turn).
		if flag := d.firstPayIn(); flag != nil {
			return flag
		}
	}
	pay := pc.earnDaily
	// A stranger's opening message ("Hello, I'm Sarah from a recruitment agency") stands for the
	// trivial work: the task scam's first message offers pay by the day for free time before it
	// names any task (FTC, NCCIA).
	if n[cueRemote] == 0 || n[cueTask]+n[cueEasy] == 0 && !hasRule(found, unsolicitedRule) || pay[1] == 0 && n[cueQuickPay] == 0 {
		return nil // the common case, decided from the counts of the one pass over the words
	}
	if pay[1] == 0 {
		d.eachIn(quickPayCue, func(_ string, start, end int) bool {
			if d.warnedAt(start) {
				return true
			}
			pay = [2]int{start, end}
			return false
		})
	}
	if pay[1] == 0 {
		return nil
	}
	return []Flag{d.flagAt(TaskScam, easyMoneyRule, pay[0], pay[1])}
}

// contactSigns counts the distinct signs of a way in that no employer uses: a chat app only, a free
// mail address, a borrowed or shortened link.
func contactSigns(found []Flag) int {
	n := 0
	for _, c := range []Code{WhatsAppOnly, FreeEmail, SuspiciousLink} {
		if hasCode(found, c) {
			n++
		}
	}
	return n
}

// unsolicitedRule is the rule (rules/en.toml) that finds a stranger's opening message offering work.
const unsolicitedRule = "en.no_interview.unsolicited"

// hasRule reports whether one of fs was raised by the rule with the given id.
func hasRule(fs []Flag, id string) bool {
	for _, f := range fs {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// payInCue is money the worker must put in before the work pays: a joining fee, a deposit, a
// top-up, a level, a kit or a card to buy, money put in before the first task or to withdraw.
// ("Security", "joining", "VIP" and "unlock" alone are not: "security guard", "immediate joining", "a
// VIP family", "unlock value".)
var payInCue = newPhraseSet([]string{"joining fee", "joining fees", "joining charges", "joining charge", "joining amount",
	"security deposit", "security fee", "security amount", "security charges", "top up", "top-up", "topup", "recharge your account",
	"minimum deposit", "activation fee", "activation charges", "membership fee", "membership fees", "upgrade fee",
	"vip level", "vip join", "vip 1", "vip1", "vip membership", "vip account", "vip package", "vip upgrade", "vip lena",
	"starter kit", "marketing kit", "kit lena", "kit khareedna", "card lena", "card lene", "dalna hota", "dalna hai",
	"dalna parega", "dalna padega", "deposit karna", "deposit karwana", "withdrawal fee", "withdrawal charges",
	"withdraw k liye", "withdraw ke liye", "withdraw karne ke liye", "account banane ka", "account banane ki",
	"kaam lene se pehle", "kaam shuru karne se pehle", "before you start", "unlock tasks",
	"unlock karna", "unlock karein", "stock unlock",
	"جوائننگ فیس", "سیکیورٹی ڈپازٹ", "سکیورٹی ڈپازٹ", "سیکیورٹی فیس", "سامان کی سیکیورٹی", "ٹاپ اپ", "ممبرشپ فیس",
	"ایکٹیویشن فیس", "بیلنس ضروری", "بیلنس ہونا ضروری", "کام لینے سے پہلے", "کام شروع کرنے سے پہلے", "وی آئی پی"})

// firstPayIn raises TASK_SCAM at the first money the worker must put in (payInCue), outside a
// warning and not denied ("no joining fee"); also at "joining" followed by its sum ("Joining 500
// only").
func (d *doc) firstPayIn() []Flag {
	if flag := d.firstTaskSign(payInCue, payInRule, true); flag != nil {
		return flag
	}
	for i := 0; i+1 < len(d.toks); i++ {
		if t := d.toks[i]; t.w == "joining" && allDigits(strings.ReplaceAll(d.toks[i+1].w, ",", "")) && !d.suppressed(t.start, d.toks[i+1].end, true) {
			return []Flag{d.flagAt(TaskScam, payInRule, t.start, d.toks[i+1].end)}
		}
	}
	return nil
}

// firstUnwarned raises TASK_SCAM at the first phrase of ps outside a warning; nil when every
// one is warned about.
func (d *doc) firstUnwarned(ps phraseSet) []Flag { return d.firstTaskSign(ps, easyMoneyRule, false) }

// firstTaskSign raises TASK_SCAM under rule at the first phrase of ps that is not suppressed: in
// a warning, or, when negatable, denied nearby ("no joining fee"); nil when there is none.
func (d *doc) firstTaskSign(ps phraseSet, rule string, negatable bool) []Flag {
	var flag []Flag
	d.eachIn(ps, func(_ string, start, end int) bool {
		if d.suppressed(start, end, negatable) {
			return true
		}
		flag = []Flag{d.flagAt(TaskScam, rule, start, end)}
		return false
	})
	return flag
}

// hasSum reports whether the text names a sum without a currency ("15000 mahana kamayen"): a
// number of three digits or more that is not part of a phone number.
func (d *doc) hasSum() bool { return d.hasBareNumber(3, 7) }

// hasBareNumber reports whether a word of the text is a number of minLen to maxLen digits.
func (d *doc) hasBareNumber(minLen, maxLen int) bool {
	for _, t := range d.toks {
		if n := len(t.w); n >= minLen && n <= maxLen && allDigits(t.w) {
			return true
		}
	}
	return false
}
