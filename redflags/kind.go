package redflags

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a message is, decided before any verdict: only a job ad or offer gets a scam
// verdict; every other kind gets the answer that helps with it.
type Kind string

// The message kinds of the JSON contract (`tasdeeq check --json`, "kind").
const (
	KindAd            Kind = "ad"             // a job ad or offer: the verdict
	KindLicenceQuery  Kind = "licence_query"  // a licence number or an agency name: the register's answer
	KindVictim        Kind = "victim"         // someone who paid or lost documents: what to do now
	KindAdvisory      Kind = "advisory"       // a warning passed on: it is advice, not an offer
	KindQuestion      Kind = "question"       // about the process: a short answer from the bot's facts
	KindOtherLanguage Kind = "other_language" // a language the rules do not read
	KindOther         Kind = "other"          // chat, receipts, OTPs, news: what the bot does
)

// Topic is what a question is about, so that the bot can answer it from its own facts.
type Topic string

// The question topics.
const (
	TopicFees      Topic = "fees"       // how much an agent may charge, and how
	TopicCheck     Topic = "check"      // how to check an agency or an ad
	TopicComplain  Topic = "complain"   // where to complain or report
	TopicProtector Topic = "protector"  // the Protector of Emigrants' offices
	TopicVisitVisa Topic = "visit_visa" // whether one may go to work on a visit, tourist or Umrah visa
	TopicAbroad    Topic = "abroad"     // a worker's papers and rights abroad: iqama, sponsor, contract, pay
	TopicPrepare   Topic = "prepare"    // the steps before leaving: the medical, papers, tests, how long
)

// signals are the whole-message facts the kind is decided from.
type signals struct {
	demand     bool // money or documents asked for (a payment sign, or a fee amount asked)
	fee        bool // a fee is named and asked for (UPFRONT_FEE): a registration, joining or visa fee
	jobSign    bool // a sign only a job offer shows (jobOnlySign): "your application has been accepted"
	channel    bool // asked to be paid to a person or in cash, or documents asked for
	endsAsking bool // the text ends with a question mark: it asks, where an ad's opening question is a hook
	hook       bool // the text opens with a short question and goes on without asking: "Greece jana hai? …"
	own        bool // speaks for an offer of the writer's own: "we", "our", "ہمارا"
	warnings   int  // the warning words among advisory: "fraud", "beware", "do not pay", "جعلی"
	contact    bool // a way to pay or get in touch: a phone number, an address, a link, "WhatsApp"
	reach      bool // a way in that is more than a word: a phone number, a link, an e-mail address
	offer      bool // words that invite an application: "apply now", "send CV", "zaroorat hai"
	strong     bool // a strong sign other than a licence sign
	abroad     bool // names a country abroad, a visa or an agent: where a job offer is about
	mobile     bool // gives a Pakistani mobile number (03xx, +92)
	account    bool // gives a number with an account word: a bank account or a wallet to pay into
	payHook    bool // pay that is the bait: too good to be true, or by the task
	signs      bool // any sign other than a licence sign
	linkOnly   bool // the only sign is a borrowed or shortened link
	work       bool // names work itself: a job, employment, a salary, a work visa
	earns      bool // promises earnings: "earn", "kamayein", "income", "we pay"
	self       bool // the writer speaks of themselves: "I", "my", "maine", "میں نے"
	inviting   bool // ends on an invitation put as a question: "Interested?"
	asker      bool // asks about someone else's demand: "the agent asks ...", "is this legal?"
	quoted     bool // tells what someone asked of the writer: "keh raha hai", "is asking", "بتا رہا ہے"
	pasted     bool // holds someone's message word for word: a quote of eight words or more, or a block pasted below
	poster     bool // laid out in four lines or more, as a poster or a pasted post is
	checklist  bool // three points or more marked ❌ or ⚠ beside a warning word
	charity    bool // an appeal for donations: "اپیل برائے امداد", "sadqa", "donate"
	othersDo   bool // tells what some people do: "kuch log ... bech rahe hain", "aise logon se", "kisi ne bola"
	handed     bool // tells of money or a passport given or stuck: "diya tha", "paid", "پھنس گئے"
	disowned   bool // calls the offer in it a scam: "the above ad is fake", "ye ad fake hai", "یہ اشتہار جعلی ہے"
	// officialReach is set when the only way to reach anyone is a government's own site ("verify it
	// on beoe.gov.pk"): an advisory's pointer, where no one can be paid.
	officialReach bool
	notPaidYet    bool // says nothing is paid yet: "abhi kuch nahi diya", "I haven't paid yet"
	// ownLoss is set when the writer tells of money taken from them: "he took Rs 3.5 lakh from
	// me", "اس نے مجھ سے ... 11 لاکھ روپے لیے", or in a complaint to the FIA.
	ownLoss    bool
	chat       bool  // a pasted chat: three lines or more open on a time in brackets or a name and a colon
	employer   bool  // a worker asks about their own employer abroad: "my boss", "my sponsor", "میرا کفیل"
	sale       bool  // sells a tour, an Umrah package, a course, a plot or job alerts, not a job
	relayed    bool  // warns of someone else's demand: "a gang is asking for ..., do not pay"
	helpline   bool  // names a helpline or where to complain: the number given is an authority's
	jobCues    int   // distinct job-ad words
	advisory   int   // advisory markers and warning words that warn
	news       int   // words of a news report: "arrested", "according to", "گرفتار", "ملزم"
	reported   int   // the news words that only report speech: "said", "according to", "بتایا"
	advice     int   // the advisory count without the warning words that accuse ("fraud", "جعلی")
	victim     int   // first-person words of loss: "I paid", "took my passport", "phone band hai"
	question   bool  // asks something
	topic      Topic // what a question is about ("" when it asks nothing the bot answers)
	licenceCue bool  // licence words: licence, OEP, لائسنس
	receipt    bool  // a one-time code or a bank, wallet or telco notice with its amount or code
	// process is set when the message carries on the reader's own application or employment and
	// offers no post: "we have received your application", "your interview is moved to Monday",
	// "your appointment at the Visa Application Centre is confirmed", "Dear Employee, your tax
	// certificate is attached".
	process bool
	// familyTrip is set when a visit abroad is for a family's occasion and nothing in the text is
	// work: "Mamoo ki beti ki shaadi Dubai mein hai ... visit visa ke liye passport ki scan bhej dein".
	familyTrip bool
	// fraud is set when the text names fraud itself: "fraud", "scam", "fake", "دھوکہ", "جعلی"
	// (fraudCue). ("Alert" and "avoid" warn of anything: a bill, the rain.)
	fraud bool
	// group is set when the text addresses a group to warn it: "bhaiyo", "sab ko bataya", "توجہ
	// کریں", "ittila", "خبردار" (groupCue).
	group bool
	// migration is set when the text names migration's own business or its crimes: smugglers,
	// trafficking, emigration, the Bureau, the Protector, the OEC ("FIA ne insani smugglers ki red
	// book jari ki").
	migration bool
	// borrows is set when the writer asks for money and promises it back, with no visa and nowhere
	// abroad in the text: "بھائی 5000 روپے جاز کیش کر دو ... تنخواہ آتے ہی واپس کر دوں گا". (An
	// agent's "job na mili to paise wapas kar dunga" promises a refund of a visa's price.)
	borrows bool
	// passOn is set when the text asks to be passed on ("یہ میسج اپنے سب گروپوں میں آگے بھیجیں",
	// "share kar dein"), cautions its readers and asks nothing for the writer.
	passOn bool
	// titled is set when the text calls itself an advisory or a public notice: "ایڈوائزری",
	// "Public Notice", "اطلاع عام".
	titled bool
	// bankNotice is set for a bank's or a wallet's notice of a transaction or a salary credited.
	bankNotice bool
	// card is set for a visiting card: an agency's name and licence with its proprietor's title,
	// offering nothing.
	card bool
	// askedWarnings counts the warning words in clauses that ask: "sahi hai ya fraud?".
	askedWarnings int
	// wanted is set when a trade is named as wanted: "mason chahiye", "hiring forklift operators".
	wanted bool
	// addressed is set when the text speaks to its reader: "aap", "are you", "آپ" (readerCue).
	addressed bool
	// checks is set when the text asks for something to be checked or its status told: "ek number
	// check karna tha: 2605/FSD", "یہ نمبر دیکھ لیں", "please flag any that are expired".
	checks bool
	words  int
}

// receiptCue marks the messages phones receive from banks, wallets and telcos: one-time codes,
// money received or sent, balances, bills and bundles. With a code or an amount and no word of a
// job, such a message is neither advice nor an offer, whatever "do not share" or "alert" it says.
var receiptCue = newPhraseSet([]string{"otp", "one time password", "one-time password", "verification code",
	"security code", "your code", "code is", "code", "pin code", "credited", "debited", "received", "transferred", "sent to",
	"txn", "trx", "tid", "trans id", "transaction", "transaction id", "avl bal", "available balance", "balance",
	"your account", "a/c", "card", "bill", "recharge", "bundle", "subscribed", "subscription", "due date",
	"موصول", "منتقل", "بیلنس", "ٹرانزیکشن", "بل", "او ٹی پی", "تصدیقی کوڈ", "کوڈ", "ری چارج", "بنڈل",
	"wasool", "mausool", "balance check",
	// A telco's service priced by the day: "*6528# milaen ... (Rs.2.2/Day Inc.Tax)".
	"inc tax", "incl tax", "including tax", "inclusive of tax"})

// classify decides the message kind. The order is the precedence of the contract: a text that
// asks for money or documents and gives a way to pay or get in touch is an ad whatever warning
// words it also carries; then a victim's account; a licence question; a warning passed on; any
// other text that reads as a job ad; a question about the process; anything else.
func classify(s signals, licenceNumbers int) Kind {
	switch {
	case s.notPaidYet && s.question && s.victim == 0 && !s.reach && licenceNumbers == 0 && !(s.chat && s.strong) && !s.asksOfPastedOffer():
		// Someone who has paid nothing yet and asks about a demand ("ایجنٹ ۱ لاکھ ۸۰ ہزار فیس مانگ
		// رہا ہے۔ کیا یہ مناسب ہے؟ ہم نے ابھی کچھ نہیں دیا") asks before paying: the answer is what the
		// law allows and how to check, not a verdict on an ad they did not send. One who pastes the
		// chat in which the agent makes a strong sign's demand, or quotes the offer word for word,
		// did send the offer: it gets the verdict.
		return KindQuestion
	case s.disowned && s.victim == 0:
		// A text that calls the offer in it a scam ("The above ad is fake. Never pay 'file
		// charges'", "👆 Received this today. Classic fraud.", "ye ad fake hai bhai log") passes
		// the offer on to warn: no offer calls itself a fraud. ("No fraud", "ye fraud nahi" are
		// not among these words.)
		return KindAdvisory
	case s.charity && s.victim == 0 && s.jobCues == 0 && !s.work && !s.earns:
		// An appeal for a child's operation or a mosque's roof, with a wallet to give to ("اپیل برائے
		// امداد ... رقم بھیجیں: ایزی پیسہ ..."): charity asks for a gift, no fee for a job.
		return KindOther
	case s.borrows && s.victim == 0:
		// A loan asked of a brother or a friend, to be paid back ("salary aate hi wapas kar dunga"):
		// no job's fee, whatever wallet it goes to. (A job's "refundable" deposit is promised back
		// by the one who takes it, "wapas mil jayega", not by the one who asks.)
		return KindOther
	case s.bankNotice && s.receipt && !(s.jobSign && s.payHook) && (!s.strong && !s.offer || !s.mobile) && licenceNumbers == 0 && s.victim == 0 && s.words <= 60:
		// A bank's own notice of a transfer, a debit, a deposit or a salary credited ("PKR 95,000
		// debited from A/C ****6630 via IBFT to AL-KARAM OVERSEAS EMPLOYMENT PROMOTERS", "Cash
		// deposit of Rs 20,000 into Account ****1094 (ALI RAZA) ... successful") tells what was done,
		// whoever it names: no one is asked for anything, and an agency's name in it is no job.
		// (Its words may read as a sign, "cash deposit ... into Account (ALI RAZA)", or as pay, "35,000
		// روپے تنخواہ جمع ہوئی"; a scam dressed as a bank's notice gives a mobile number to pay to.)
		return KindOther
	case s.asksToBePaid():
		return KindAd
	case s.employer:
		// A worker's dispute with their own employer (the visa's cost charged, the passport held,
		// the pay cut) is for the embassy's welfare attaché and the labour ministry there: a
		// question about rights abroad, not a scam to report.
		return KindQuestion
	case s.victimsAccount():
		return KindVictim
	case s.receipt && !(s.jobSign && s.payHook) && (s.jobCues == 0 || s.jobCues == 1 && s.words <= 30 && !s.demand && !(s.advice >= 3 && s.work)) && !s.offer && licenceNumbers == 0 &&
		!(s.advisory >= 5 && s.words >= 60):
		// An OTP or a wallet receipt says "do not share" and "alert": it is still a receipt,
		// also when its few words name the bank's "staff". (Not when it credits a salary: "your
		// salary of Rs 5,000 has been credited, withdraw at …" is a task scam's bait. Nor when
		// it advises again and again about jobs: "PTA Alert: Beware of fake job offers asking for a
		// registration fee. Report fraud SMS to 9000. Never share your OTP" quotes no code. Nor when
		// warning after warning fills a long text: an authority's notice of fake SMS quotes the
		// messages received and its own short code. Nor when a sign only a job offer shows comes
		// with pay for the task: "You have been chosen as a Mystery Shopper. Enclosed is a
		// cashier's check. Deposit it, keep $300 as your fee" is the fake-cheque job, whatever its
		// words of banking.)
		return KindOther
	case s.citesOwnLicence(licenceNumbers):
		return KindAd
	case s.asksAboutLicence(licenceNumbers) && !(s.warns() && s.onTopic() && !s.question && !s.checks && !s.card):
		// A warning that names licences and asks nothing ("the Bureau has cancelled the
		// licences of Mehran HR (3084/KHI) and ...", "خبردار! ۲۳۴۵/RWP کا لائسنس منسوخ ہو چکا ہے")
		// passes the register's news on: it is advice, which the register's answer would only
		// repeat with a risk the warning does not carry.
		return KindLicenceQuery
	case s.asksOfPastedOffer():
		return KindAd
	case s.asksOfQuoted():
		return KindQuestion
	case s.readsAsPosting():
		return KindAd
	case s.asksAboutADemand():
		return KindQuestion
	case s.asksTheBot():
		return KindQuestion
	case s.warns() && s.onTopic():
		return KindAdvisory
	case s.news >= 2:
		return KindOther
	case s.topic != "" && !s.offer && !s.demand && !s.contact:
		return KindQuestion
	case s.endsAsking && s.question && s.words <= 20 && !s.contact && !s.demand && s.strong && !(s.own && s.offer):
		// A short question about a strong sign ("Azad visa kya hota hai? Kya sach mein aisa koi
		// visa hota hai?") asks; an offer gives a way in or names its price, or is the writer's
		// own ("We have remote jobs paying $300-$800 daily. Interested?").
		return KindQuestion
	case s.sale:
		// An Umrah package, a tour, a course or a plot with its price and a number to book is a
		// sale, not a job offer: the price is what the goods cost, not a fee for a job.
		return KindOther
	case s.process && !s.signs && !s.demand && !s.strong:
		// The application's own correspondence (received, rescheduled, a survey afterwards, the
		// visa centre's appointment, the payroll's notice) offers nothing to judge: a fake offer
		// letter shows its signs or asks for money, and is judged by them.
		return KindOther
	case s.familyTrip:
		// A wedding or a family's visit abroad, its visas and its passports: travel, not work.
		return KindOther
	case s.invites(licenceNumbers):
		return KindAd
	case s.topic != "":
		return KindQuestion
	}
	return KindOther
}

// asksToBePaid reports a text that asks for money or documents with a way to reach the asker.
// Money asked with a mobile number to reach the asker, or an account number to pay into ("2 lakh
// advance is account mein: Meezan Bank ... 0123…"), and a strong sign or a wallet, a person or
// cash to pay, is an offer however many warnings it opens with ("خبردار! جعلی ایجنٹوں سے بچیں۔
// ہمارے پاس ویزا پکا ہے، 40 ہزار جاز کیش 0300-… پر بھیجیں"): advisories give helplines, not mobile
// numbers to pay. Beside warnings, the way in must be a number, a link or an address: "call",
// "Telegram" and "رابطہ کریں" are what advisories say too, and a news report tells of the smugglers'
// rates and their WhatsApp groups without a number to reach them. Money asked to a wallet with no word of
// a job, a visa, abroad, earning or a named fee is a friend's or a relative's request ("shaadi ke
// liye 5000 JazzCash kar dein"), not an offer. A fee named with no job, no earnings, no work and
// nowhere abroad is a lender's or a lottery's ("your loan is approved, processing fee Rs 1,500",
// "you have won 2 lakh, registration fee Rs 5000"), also when it says "rabta karein" ("Jeeto
// Pakistan lucky draw mein select hua hai ... inaam hasil karne ke liye rabta karein. Registration
// fees Rs 2,500"). A government's own site ("verify it on beoe.gov.pk") is no way to pay anyone;
// nor is a helpline in a notice that advises again and again and gives no mobile number (a
// Bureau's public notice lists the promises and the wallets the scammers use, then its own UAN).
func (s signals) asksToBePaid() bool {
	return s.demand && (s.reach && !s.officialReach || s.contact && s.advisory < 2 && s.news < 2) &&
		(s.jobCues > 0 || s.strong && (s.abroad || s.payHook || s.offer && !s.fee || s.fee && (s.earns || s.work))) &&
		s.victim == 0 && !s.sale && !s.relayed && !(s.helpline && !s.mobile && s.advice >= 3) &&
		(s.advisory < 3 || s.offer && s.news < 2 || (s.mobile || s.account) && (s.channel || s.strong))
}

// asksOfPastedOffer reports a question about an offer that shows a strong scam sign, quoted word
// for word or pasted below the question with no way to reach its maker ("Agent ne phone pe ye
// bola hai: 'Romania ka work permit 9 lakh, 3 lakh abhi do ... interview ki zaroorat nahi'. Dena
// chahiye?", a pasted poster "100% GUARANTEED VISA ... Processing charges Rs 8 lakh (4 lakh now)"
// and "should she apply?").
// The one who asks holds the offer and is about to pay: the verdict names its signs, which the
// general answer about fees cannot. A demand told in the asker's own words ("agent keh raha hai
// azad visa 5 lakh ka hai, kya ye legal hai?") asks about the law, and gets its answer. An
// advisory and a news report quote such offers too, and a victim's account tells of them after
// the money went. A chat with the agent pasted whole, its lines opening on times or names, is the
// offer held word for word when it names the job; so is a pasted poster that names the job again
// and again ("Lithuania C+E drivers required, 3,000 EUR net ... 3 lakh to start").
func (s signals) asksOfPastedOffer() bool {
	return s.pasted && s.question && s.demand && s.strong && (s.jobSign || s.jobCues >= 2 && s.chat || s.jobCues >= 4 && s.poster) && s.victim == 0 && !s.disowned &&
		s.advisory == 0 && s.news == 0 && !s.sale && !s.relayed
}

// pastes reports a message held word for word: a quote of minQuoteWords words or more, or a block
// of as many pasted below a line that ends on a colon or below a blank line ("My mama sent me
// this:\n…", "Is this genuine? Friend shared\n\nRIYADH SEASON EVENT STAFF …").
func (d *doc) pastes() bool {
	quoted := false
	eachQuote(d.n.text, func(int, int) { quoted = true })
	if quoted {
		return true
	}
	for _, sep := range []string{"\n\n", ":\n"} {
		if i := strings.Index(d.n.text, sep); i > 0 && len(strings.Fields(d.n.text[i:])) >= minQuoteWords {
			return true
		}
	}
	return false
}

// victimsAccount reports a victim's account. Words that only report speech ("said", "بتایا") are
// how a victim's account reaches the news; the words of an arrest or a court case make it a report
// of what others did, unless the victims' own words match them in a text that gives no advice (a
// reporter's story of the mother whose sons the agent took to Turkey, "متاثرہ خاتون نے بتایا کہ
// ..."), or outweigh them two to one (survivors of a boat who tell of the smugglers who held
// them), or the victim speaks in it ("I", "مجھے") and the
// victim's words outnumber the news words (a worker's video quoted by the press: "مجھے یہاں اکیلا
// چھوڑ دیا گیا ہے", his passport held by the sponsor). Beside words of advice, the victim's words must
// outnumber them, two to one when the text calls itself advice again and again (a ministry's
// advisory tells what happens to those who were lured).
//
// Someone who tells of their own money taken and warns others of the one who took it ("WARNING to
// everyone: Mr X of Skyway Manpower took Rs 3.5 lakh from me", "اس شخص سے ہوشیار رہیں ... اس نے مجھ
// سے 11 لاکھ روپے لیے") is a victim whose warning is their own account, however many warning words
// it holds: they need the report, not a lesson.
func (s signals) victimsAccount() bool {
	news := s.news - s.reported
	return s.victim > 0 && !(s.checklist && !s.self) && !((s.titled || s.passOn) && !s.self && !s.ownLoss) && (news < 2 || s.victim >= news && s.advice == 0 || s.victim >= 2*news || s.self && s.victim > news) &&
		(s.advisory < 2 && s.advice == 0 || s.victim > s.advice && (s.advice < 3 || s.victim > 2*s.advice) || s.ownLoss)
}

// asksOfQuoted reports a short question about a demand someone made of the writer, told in
// their words ("wo keh raha hai passport aur 50 hazar jama karwao", "my cousin is asking 2.5
// lakh", "ایجنٹ ۴۰ ہزار بتا رہا ہے") with no way to reach anyone: the writer asks before paying, and
// the answer is what the law allows and how to check. An offer gives its number, its page or its
// office; it does not report what "he says".
func (s signals) asksOfQuoted() bool {
	// One who speaks of their own money or passport as given or stuck ("maine passport diya tha aur
	// 1.5 lakh", "میرے ۱ لاکھ پھنس گئے") may have paid already, unless they say they have not; "my
	// uncle says" and "I have to pay" tell of nothing handed over.
	return s.question && s.quoted && !s.reach && !s.contact && s.victim == 0 && !s.inviting && s.words <= 80 &&
		s.news < 2 && s.advisory < 2 && (!s.self || !s.handed || s.notPaidYet)
}

// asksAboutLicence reports a question about licence numbers: the numbers with a licence word or a
// question, or alone in a very short message, and no sign that the text is an ad citing them.
func (s signals) asksAboutLicence(licenceNumbers int) bool {
	return licenceNumbers > 0 && (s.licenceCue || s.question || s.words <= 6 || s.checks) && (s.question || !s.signs) &&
		!(s.jobCues >= 2 && (s.offer || s.contact) && !s.card)
}

// citesOwnLicence reports a posting that gives its licence number among the jobs it offers and
// asks nothing: "Hotel staff for Doha: waiters and room attendants. Interviews at our Lahore
// office. OEP No. 2056/RWP. We never take money in advance." is an ad, whose "never" is the
// agency's own promise, not a warning passed on, and whose licence the verdict checks. (A short
// text that asks for a check, "Verify: Emirates Link Overseas Employment Promoters, OEP
// 3877/LHR", and a visiting card ask about the licence, whatever job words the agency's name
// holds.) classify asks it before asksAboutLicence.
func (s signals) citesOwnLicence(licenceNumbers int) bool {
	return licenceNumbers > 0 && (s.jobCues >= 2 || s.wanted && !s.checks) && !(s.checks && s.words <= 25) && !s.card && !s.question && s.words >= 12 && s.news < 2 && s.advisory <= 1
}

// tradeWord names the trades Gulf and other employers recruit in Pakistan, singular and plural,
// in English, Roman Urdu and Urdu.
var tradeWord = wordSet([]string{"mason", "masons", "carpenter", "carpenters", "electrician", "electricians",
	"plumber", "plumbers", "welder", "welders", "driver", "drivers", "cook", "cooks", "chef", "chefs", "helper",
	"helpers", "labour", "labor", "labourer", "labourers", "laborer", "laborers", "mazdoor", "mazdur", "technician",
	"technicians", "fitter", "fitters", "operator", "operators", "nurse", "nurses", "cleaner", "cleaners", "waiter",
	"waiters", "guard", "guards", "mechanic", "mechanics", "painter", "painters", "tailor", "tailors", "barber",
	"barbers", "foreman", "foremen", "supervisor", "supervisors", "rigger", "riggers", "scaffolder", "scaffolders",
	"fixer", "fixers", "salesman", "salesmen", "cashier", "cashiers", "storekeeper", "storekeepers", "packer",
	"packers", "loader", "loaders", "caregiver", "caregivers", "housemaid", "housemaids", "maid", "maids", "nanny",
	"nannies", "baker", "bakers", "butcher", "butchers", "tiler", "tilers", "plasterer", "plasterers", "khansama",
	"engineer", "engineers", "accountant", "accountants", "pharmacist", "pharmacists", "steward", "stewards",
	"housekeeper", "housekeepers", "farmworker", "farmworkers", "pickers", "riders", "rider",
	"ڈرائیور", "ڈرائیورز", "مستری", "الیکٹریشن", "پلمبر", "ویلڈر", "کارپینٹر", "ترکھان", "باورچی", "کک", "ہیلپر",
	"ہیلپرز", "مزدور", "لیبر", "نرس", "نرسز", "ٹیکنیشن", "ٹیکنیشنز", "فٹر", "آپریٹر", "گارڈ", "گارڈز", "مکینک",
	"پینٹر", "درزی", "حجام", "ویٹر", "کلینر", "سیلزمین", "انجینئر", "اکاؤنٹنٹ"})

// tradeIDs is tradeWord by word id: a token is a trade exactly when its id is in it, which is
// cheaper to test at every token than looking its word up.
var tradeIDs = wordIDSet(tradeWord)

// wantedAfter says a trade is wanted when it follows the trade ("drivers chahiye", "ڈرائیور
// درکار", "masons required"); wantedBefore when it comes first ("needs 40 shuttering
// carpenters", "hiring forklift operators").
var wantedAfter = wordSet([]string{"chahiye", "chahiyen", "chahiay", "chahye", "chahie", "chahyein", "chahiyein",
	"needed", "wanted", "required", "reqd", "zaroorat", "zarurat", "درکار", "چاہیے", "چاہئیں", "چاہئے", "چاہیئے", "ضرورت"})
var wantedLink = wordSet([]string{"ki", "ke", "کی", "کے"})
var wantedBefore = wordSet([]string{"need", "needs", "hiring", "require", "requires", "required", "recruiting", "wanted"})

// wantedAfterIDs, wantedLinkIDs and wantedBeforeIDs are the ids of the three sets' words, which
// tradeWanted tests the words around every trade against.
var wantedAfterIDs, wantedLinkIDs, wantedBeforeIDs = wordIDSet(wantedAfter), wordIDSet(wantedLink), wordIDSet(wantedBefore)

// tradeWanted reports a trade named as wanted: the trade and a word of wanting right after it
// ("mason chahiye", "cooks ki zaroorat", "الیکٹریشن کی ضرورت"; not "driver job chahiye", which a
// jobseeker writes), or such a word within three words before it ("needs 40 shuttering
// carpenters").
func (d *doc) tradeWanted() bool {
	if !tradeIDs.meets(d.present) {
		return false // most texts name no trade: one test of their words' bits
	}
	for i, t := range d.toks {
		if !tradeIDs.has(t.id) {
			continue
		}
		if i+1 < len(d.toks) && wantedAfterIDs.has(d.toks[i+1].id) ||
			i+2 < len(d.toks) && wantedLinkIDs.has(d.toks[i+1].id) && wantedAfterIDs.has(d.toks[i+2].id) {
			return true
		}
		for j := max(0, i-3); j < i; j++ {
			if wantedBeforeIDs.has(d.toks[j].id) {
				return true
			}
		}
	}
	return false
}

// sparseWarnings reports a long text with fewer than three warning words in two hundred: it is
// not a warning. A company's posting says "advice", "awareness" or "verify" in passing, an
// advisory says little else (the advisories of the corpus have two or more in a hundred).
func (s signals) sparseWarnings() bool { return s.words > 200 && s.advisory*200 < s.words*3 }

// sparseNews reports a long text with fewer than one news word in a hundred and fifty: a company's
// posting says "the latest news" or "reports to the manager" in passing, a news report says
// "according to", "said" and "police" again and again.
func (s signals) sparseNews() bool { return s.words >= 300 && s.news*150 <= s.words }

// readsAsPosting reports a text that reads as a job posting: duties, requirements, skills,
// salary, benefits. Many such words with little warning and no news is an ad even when it gives no
// contact (a link or a job board carries that). A strong sign among them makes it an ad only when
// nothing in it warns (advisories quote the signs among the same words) and it invites or gives a
// way in: an explainer of visit visas and residence permits reads like a posting too, and an
// offer that shows a scam's sign wants to be answered. A long posting's question
// is its hook ("Want to build products people love?"); a text that ends asking, or a short one,
// asks.
func (s signals) readsAsPosting() bool {
	return (s.jobCues >= 5 || s.jobCues == 4 && s.words >= 100 && s.news == 0 && s.advisory == 0 && !s.question && !s.strong) &&
		!s.sale && (s.advisory*3 <= s.jobCues || s.sparseWarnings()) && (s.news <= 1 || s.sparseNews()) &&
		!(s.question && (s.endsAsking || s.words <= 60)) && (!s.strong || s.advisory == 0 && s.news == 0 && (s.offer || s.contact))
}

// asksTheBot reports a question about the process. "Where do I complain?" carries a warning word,
// but it asks; a short question asks even with two ("where can I complain against a fake agent?").
// A short question about a fee ("can an OEP take more than 30 thousand?", "the agent asks 3 lakh,
// is that legal?") asks what the law allows; no one is paid through it. A short text that ends
// asking may quote the offer it asks about ("I sent my CV for the Dubai driver job, salary 3000
// AED. Is this company genuine?"): an ad does not end on a question. A worker who tells what the
// boss demands and ends asking ("my boss says I have to pay Dh6000 for the visa cancellation. Is
// it legal?") asks too, at more length.
func (s signals) asksTheBot() bool {
	// Someone who ends asking, of themselves or of others' demand, with no number, link or address
	// to reach anyone, asks at any length: a reader's letter to a mufti or a columnist tells how
	// visas are sold and at what price before it asks whether that is lawful.
	// The channel an offer came by ("Someone on WhatsApp is asking Rs 2,000 to register me. Should
	// I pay?") is no way in either.
	heard := s.endsAsking && (s.self || s.asker) && !s.reach
	letter := heard && s.words <= 300
	// Questions that open an offer and end in it ("Iqama renewal ho nahi raha? Kafeel paise nahi de
	// raha? Hum 3500 riyal me renew karwa dete hain ... guarantee") hook; they ask the bot nothing.
	return s.topic != "" && !s.inviting && !(s.hook && s.strong && !s.endsAsking) && (s.advisory < 2 || s.question && s.words <= 20) && (!s.contact || heard) &&
		(s.news < 2 || s.endsAsking || s.words <= 40) &&
		(!s.offer || s.endsAsking && s.words <= 30 || letter) &&
		(!s.demand || s.endsAsking && (s.self || s.asker) && (s.words <= 25 || s.self && s.words <= 120) || letter)
}

// asksAboutADemand reports a short question about a fee that someone asked of the writer, with no
// way given to pay or reach anyone: "Is it legal for an agent to take his service charges before
// the visa? Mine wants Rs 50,000 upfront.", "Does OEC charge to register for EPS? Someone on
// WhatsApp asked me for Rs 15,000", "registration fee hoti hai kya? Ek Facebook page par likha hai
// Rs 10,000". By the contract's precedence an ad gives a way to pay or get in touch; the chat app
// a demand came by is none ("someone on WhatsApp asked me").
func (s signals) asksAboutADemand() bool {
	// A question that opens an offer in the writer's own voice ("Cruise ship pe job chahiye? Hum
	// STCW course bhi karwate hain ... 3.2 lakh") hooks; it is no question about another's demand.
	return s.question && s.topic == TopicFees && !s.reach && !s.mobile && !s.account && !s.channel &&
		(!s.contact || s.quoted) && !s.inviting && !s.offer && !s.own && s.words <= 60 &&
		(!s.hook || s.quoted || s.self || s.asker) && s.advisory == 0 && !s.addressed
}

// statusAskedCue asks for a number's standing: "need status for each", "flag any that are
// expired", "یہ نمبر دیکھ لیں".
var statusAskedCue = newPhraseSet([]string{"status", "expired", "cancelled", "suspended", "valid", "flag any",
	"dekh lein", "dekh len", "dekh lo", "دیکھ لیں", "دیکھ لو", "منظور شدہ", "جائز",
	// A check asked of whoever reads: "koi tasdeeq kar de please".
	"tasdeeq kar de", "tasdeeq kar do", "tasdeeq kar dein"})

// namesAddress reports an e-mail address or a web address in text: with a phone number, the ways
// to reach anyone (signals.reach, offerLines).
func namesAddress(text string) bool {
	return strings.Contains(text, "@") || strings.Contains(text, "http") || strings.Contains(text, "www")
}

// readerCue speaks to the reader as the one to go ("Aap Shahid bhai ke reference se ho na?", "are
// you looking for a job?"): the offerer's opening, not someone asking about a demand.
var readerCue = newPhraseSet([]string{"aap", "ap", "آپ", "tum", "tumhe", "tumhein", "تم", "تمہیں", "are you",
	"you are", "do you", "you have", "you can", "you will"})

// warns reports a warning passed on. A report of what others did (arrests, court cases,
// officials' statements) quotes warning words; it is advice only when the warnings outweigh the
// news.
//
// "Contact" and a number are an offer's way in, unless the number is a helpline's: "do not pay any
// advance; to complain, call the FIA helpline 111-345-786" invites a complaint, not an application.
func (s signals) warns() bool {
	invited := s.offer && !s.helpline
	// Others' demand relayed with "do not pay" and no number to pay is a warning however much of
	// the offer it quotes ("fraudiye ye msg bhej rahe hain: '... 25000 processing fee bhejein'.
	// Koi paise na bhejna"). With a number, the offer may be the sender's own (the invites below).
	return (s.relayed && !s.reach || s.advisory >= 2 && !(invited && s.reach) || s.advisory >= 4 || s.advisory >= 3 && !s.demand && s.jobCues < 4 ||
		s.advisory >= 1 && !invited && !s.demand || s.advisory >= 1 && s.othersDo && s.unreachable()) &&
		(s.news < 2 || s.advisory > s.news) && !s.sparseWarnings()
}

// onTopic reports a text about what the bot knows: jobs, work or earnings, going abroad, visas and
// agents, licences, a scam's signs, fraud itself, or migration's business and its crimes. A
// warning about anything else (a rain alert, dengue, a phone's PTA tax, a bill due) is the news of
// the day, not advice to pass on about recruiters.
func (s signals) onTopic() bool {
	return s.fraud || s.jobCues > 0 || s.abroad || s.work || s.earns || s.licenceCue || s.signs || s.strong ||
		s.demand || s.victim > 0 || s.topic != "" || s.migration
}

// fraudCue names fraud itself (signals.fraud).
var fraudCue = newPhraseSet([]string{"fraud", "frauds", "fraudster", "fraudsters", "fraudulent", "scam", "scams", "scammer",
	"scammers", "fake", "cheat", "cheating", "cheated", "dhoka", "dhokha", "dhokay", "dhoke", "thag", "thagi", "jaali",
	"jaaly", "فراڈ", "فراڈیے", "جعلی", "جعلساز", "جعل ساز", "جعلسازی", "جعل سازی", "دھوکہ", "دھوکا", "دھوکے", "نوسرباز", "ٹھگ",
	"ٹھگی", "otp",
	// Where fraud is reported: "FIA cyber crime pe complaint karo".
	"fia", "ایف آئی اے", "nccia", "cyber crime", "cybercrime"})

// groupCue addresses a family's, a village's or a WhatsApp group's members, as a warning passed
// on to them does.
var groupCue = newPhraseSet([]string{"bhaiyo", "bhaiyon", "bhai log", "sab bhai", "sab bhaiyon", "dosto", "doston", "yaaro",
	"rishtedaro", "rishtedaron", "sab ko", "sab ke liye", "sab log", "ittila", "dehaan dein", "dhyan dein", "dhyan den",
	"group admin", "admin", "warning", "alert", "zaroori", "بھائیو", "بھائیوں", "دوستو", "سب کو", "سب کے لیے", "توجہ",
	"اطلاع", "ایڈمن", "خبردار", "انتباہ", "ہوشیار", "دھیان", "ضروری", "رشتہ داروں", "والدین", "نوجوانو", "نوجوان توجہ",
	"all members", "group members", "dear members", "guys",
	// Asked to be passed on, it is addressed to all: "خواتین گروپ میں شیئر کریں".
	"share karein", "share karo", "share kar dein", "شیئر کریں", "forward karein", "آگے بھیجیں"})

// migrationCue names migration's business and its crimes (signals.migration).
var migrationCue = newPhraseSet([]string{"smuggler", "smugglers", "smuggling", "trafficking", "trafficker", "traffickers",
	"migrant", "migrants", "migration", "emigration", "emigrant", "emigrants", "oec", "beoe", "protector", "bureau of emigration",
	"dunki", "dunky", "donkey route", "insani smuggling", "insani smugglers",
	"اسمگلر", "اسمگلروں", "اسمگلرز", "سمگلر", "سمگلروں", "سمگلرز", "اسمگلنگ", "سمگلنگ", "ڈنکی", "تارکین وطن", "امیگریشن",
	"پروٹیکٹر", "بیورو آف امیگریشن", "او ای سی", "ہجرت",
	// Its middlemen and its illegal ways (its papers are visaWordCue's, read with it in gather).
	"agent", "agents", "ایجنٹ", "ایجنٹوں", "غیر قانونی راستے", "illegal route", "illegal routes", "ghair qanooni"})

// othersDoCue tells of what some people do, the way a warning speaks of scammers: "kuch log
// Faisalabad mein bech rahe hain", "aise logon se bacho", "kisi ne bola", "some people are
// selling".
var othersDoCue = newPhraseSet([]string{"bech rahe hain", "bech rahe", "bechte hain", "kuch log", "aise log", "aise logon",
	"kisi ne bola", "kuch agent", "kuch agents", "giroh", "بیچ رہے ہیں", "کچھ لوگ", "ایسے لوگ", "ایسے لوگوں", "گروہ",
	// Some bodies or agents, and what they are taking or tell people to do, in the progressive or
	// the habitual: "کچھ ادارے ... 3 سے 5 لاکھ روپے پیشگی لے رہے ہیں", "لوگوں سے ... لاکھ روپے لیے جا
	// رہے ہیں", "900 ڈالر ... بھیجنے کا کہتے ہیں".
	"کچھ ادارے", "کچھ ایجنٹ", "بعض ایجنٹ", "بعض لوگ", "بعض ادارے", "کچھ عناصر", "kuch idaray", "kuch idare",
	"لیے جا رہے ہیں", "لئے جا رہے ہیں", "لے رہے ہیں", "وصول کر رہے ہیں", "کا کہتے ہیں", "liye ja rahe hain",
	"le rahe hain", "are being charged", "are charging", "are taking", "are demanding",
	"some people", "these people", "such people", "such agents", "some agents", "scammers are", "fraudsters are"})

// unreachable reports a text of some length that gives no way to reach anyone and invites no one:
// no number, link, address, chat handle or word of contact. Beside a warning word it tells of a
// demand others make ("kisi ne bola Japan ka SSW visa 7 lakh mein confirm karwa deta hun ... aise
// logon se bacho"); an offer gives its way in.
func (s signals) unreachable() bool {
	return !s.reach && !s.contact && !s.inviting && !s.offer && s.words >= 25
}

// invites reports an offer that invites the reader: a way to apply or get in touch, or money
// asked. A text that only explains what an "azad visa" is, or that a visa fee was cut, invites no
// one. A short fragment with a strong sign is an offer quoted bare ("visa pakka, 50 hazar
// advance"). Pay too good to be true with an invitation ("earn 30,000 a month for minutes a day,
// reply 1 to join us") is the task scam's offer, whatever job it leaves unnamed.
func (s signals) invites(licenceNumbers int) bool {
	quiet := s.news == 0 && s.advisory == 0
	// A short link is how banks and shops send their offers too ("Apply now for a credit card,
	// T&Cs apply, bit.ly/…"): beside it one job-ad word is not enough unless it names work.
	if s.question && !s.endsAsking && !s.contact && s.news > 0 && s.words > 30 {
		// A question answered by what an office said, with no way to reach anyone: a readers'
		// column ("کیا مقیم غیر ملکی گھریلو عملہ بلوا سکتے ہیں؟ مساند نے کہا ہے کہ ...") explains
		// the rules; the sums in it are what the rules require, asked of no reader.
		return false
	}
	// A trade wanted abroad is a job named: "Saudi me driver chahiye, rabta sirf whatsapp pe".
	jobWords := s.jobCues >= 1 && !(s.linkOnly && s.jobCues < 2 && !s.work) || s.offer && s.abroad && quiet
	// Beside words that report or warn, an offer word alone ("hotel booking aur return ticket
	// lazmi", "warned job seekers against offers") invites no one: the offer gives a way in or a price.
	return (s.signs && (jobWords || s.jobSign) || s.strong && (s.abroad || s.payHook) || s.jobCues >= 2) &&
		(s.offer && (quiet || s.reach || s.mobile) || s.contact || s.demand || licenceNumbers > 0) ||
		// Short, and not a question unless it gives a way in: "یو کے کیئر ویزا کے لیے کیا سچ میں CoS
		// کے پیسے لگتے ہیں؟ ہر کوئی 15، 20 لاکھ بتا رہا ہے" asks what a CoS costs; "Italy jana hai?
		// 15 din me visa, DM karo" offers one.
		(s.signs && jobWords || s.strong && (s.abroad || s.payHook)) && s.words <= 30 && quiet && (!s.question || s.contact || s.hook && s.strong) ||
		s.payHook && (s.jobCues >= 2 || s.offer) && quiet && !s.question ||
		s.offer && s.mobile && s.jobCues >= 1 && (s.work || s.earns) && quiet && !s.question && !s.sale
}

// gather reads the whole-message signals from the text and the signs already found.
func (d *doc) gather(found []Flag, pay payCheck, cited bool) signals {
	c := d.cues
	s := signals{words: len(d.toks)}
	passportKept := false
	for _, f := range found {
		if f.Code.licence() {
			continue
		}
		switch f.Code {
		case UpfrontFee:
			s.demand, s.fee = true, true
		case PersonalPayment, CashPayment, PersonalData:
			s.demand, s.channel = true, true
		case PassportRetention:
			passportKept = true
		case TaskScam:
			s.demand = s.demand || f.Rule != easyMoneyRule // the shape of a task scam asks nothing yet
			s.payHook = true
		case UnrealisticPay:
			s.payHook = true
		}
		s.signs = true
		_, strong := f.weight()
		s.strong = s.strong || strong
	}
	s.demand = s.demand || pay.payment != nil
	s.linkOnly = onlyAmong(found, SuspiciousLink)
	// A selection the reader never applied for ("your application has been accepted") is a job
	// offer's sign beside another sign (a borrowed link, a fee); alone it is also a quiz's
	// "Congratulations! You have passed the first round".
	s.jobSign = jobOnlySign(found) && !onlyCode(found, NoInterview)
	// Whether the text names a country abroad, and an agent, a visa or a job: read once, for the
	// offer and for a victim's account below.
	// A cited licence number names a promoter, whose business is jobs abroad, as an agent's name
	// does ("۲۵۸۹/لاہور والوں نے ۲ لاکھ لے لیے").
	overseas, agent := d.overseas(), d.agent() || cited
	n, jobAd := d.counts, d.jobAd
	for i := 1; i < len(d.toks) && n[cueTook] > 0; i++ {
		if d.toks[i].w == "by" && d.toks[i-1].w == "demanded" {
			// "skills demanded by Saudi employers" is what the market wants, no sum taken.
			n[cueTook]--
		}
	}
	if n[cueTook] > 0 {
		// A taking denied is the rule an offer states, not a loss: "No fee is charged for
		// admission", "nothing is taken at registration". Nor is time taken: "the process via
		// ICP took about 3 weeks".
		d.eachIn(d.cues.took, func(_ string, start, end int) bool {
			if d.negatedBefore(d.clauseAt(start).start, start) || d.tookTime(end) {
				n[cueTook] = max(0, n[cueTook]-1)
			}
			return true
		})
	}
	// A country named beside money (a wallet, cash, a ticket's price), a relative, and no other
	// sign, no job and no agent or visa, is where the relative works or comes from: "بیٹا سعودیہ
	// سے پیسے جاز کیش کر دو", "Dubai se bhai ne 50,000 bheje hain Western Union se", "Dubai se
	// mamu aa rahe hain, ticket 1.5 lakh ka mila". Families abroad send and are asked for money
	// every day; "Qatar jane ke liye 25 hazar JazzCash karein" names no relative.
	// An agent who calls the reader "beta" and offers to send him ("Beta Dubai bhej denge, 3 lakh
	// lagenge") is still an agent.
	s.abroad = agent || overseas && !(onlyAmong(found, PersonalPayment, CashPayment, UpfrontFee) && jobAd == 0 &&
		(d.anyOf(relativeCue) || d.anyOf(remittanceCue)) && (onlyAmong(found, PersonalPayment, CashPayment) || !d.anyOf(sendingCue)))
	s.mobile = d.pakistaniMobile()
	s.reach = d.linked || d.hasPhoneNumber() || namesAddress(d.n.text)
	s.officialReach = d.linked && !d.unofficialLink && !d.hasPhoneNumber() && !strings.Contains(d.n.text, "@")
	if s.reach && !d.linked && d.hasPhoneNumber() && authorityNumber(d.n.text) && onlyAuthorityPhones(d.n.text) &&
		!namesAddress(d.n.text) {
		// The only number is an authority's complaint line ("شکایت: 111-247-786"): like a
		// government's own site, it is where to report, not a way to pay anyone.
		s.officialReach = true
	}
	s.contact = s.reach || n[cueContact] > 0
	s.account = s.reach && d.anyOf(accountCue)
	s.offer = n[cueOffer] > 0 || pay.salaries > 0
	s.jobCues = jobAd
	s.bankNotice = d.anyOf(bankNoticeCue)
	// An advisory that names itself one tells of victims as its reason: the people it warns of
	// are no one writing for help. (Their own loss, told in the first person, still is.)
	s.titled = d.anyOf(advisoryTitleCue) || d.warningHeadline()
	// A visiting card (an agency's name, its licence, its proprietor's title, numbers and address)
	// offers no job: sent to the bot it asks whether the licence is real.
	s.card = d.anyOf(cardTitleCue) && !s.offer && !s.demand && pay.salaries == 0 && s.words <= 60
	// "Oman k liye mason chahiye", "needs 40 shuttering carpenters", "الیکٹریشن درکار": a trade
	// wanted names the job an ad offers.
	s.wanted = d.tradeWanted()
	s.work = n[cueWork] > 0
	s.earns = n[cueEarn] > 0
	if n[cueFirstPerson] > 0 && d.onlyFirstPersonMe() && d.language() == RomanUrdu {
		// Roman Urdu's "me" is "in" ("bank me jama", "Multan office me hoga"): alone among the
		// first person's words it says no one spoke of themselves.
		n[cueFirstPerson] = 0
	}
	s.self = n[cueFirstPerson] > 0
	if passportKept && (!s.self || d.anyOf(willKeepCue)) {
		// The passport asked to be left with the agent is a document demanded, as a CNIC copy
		// is: "apna asal passport office mein jama karwa dein, visa lagne tak hamare paas rahega".
		// Told by the one whose passport is kept ("the company retains my passport") it is a
		// loss, not a demand; kept in the future tense, by the agent's own "we", it is the
		// offer's term ("پاسپورٹ ہمارے پاس رہے گا جب تک ساری رقم ادا نہ ہو").
		s.demand, s.channel = true, true
	}
	s.advisory = d.warnings + n[cueAwareness] + n[cueAdvisory]
	if s.advisory > 0 && !s.mobile && !s.reach && !s.addressed && d.signedByMission() {
		// A notice that opens with the mission or the office that sends it ("Embassy of Pakistan,
		// Doha: Qatar business and tourist visas do not permit employment. Agents selling a
		// 'business visa + job' package ...", "سفارتخانہ پاکستان کویت") and warns tells what agents
		// sell in order to warn of it. One that gives a number or a link to reach it, or tells the
		// reader they were selected, borrows the name.
		s.advisory += 2
		s.titled = true
	}
	s.warnings = d.warnings
	s.askedWarnings = d.askedWarnings
	// A caution is a warning word (counted once in advisory) that advises.
	s.advice = n[cueAwareness] + n[cueAdvisory] + d.cautions
	if n[cueAdvisory] > 0 {
		// Advice asked for is not given: "Hey, need advice", "please advise what to do".
		d.eachIn(adviceAskedCue, func(string, int, int) bool {
			s.advice, s.advisory = max(0, s.advice-1), max(0, s.advisory-1)
			return true
		})
	}
	if s.advisory > 0 {
		// "❌" and "⚠" mark a warning's points beside its words; alone they are an ad's style
		// ("Greece by road ✈️❌🚗✅ ... guarantee ke sath").
		marks := 0
		for _, sym := range c.advisory.symbols {
			marks += strings.Count(d.n.text, sym)
		}
		s.advisory += marks
		// Three marked points or more beside a warning word are a checklist of what not to do
		// ("❌ Personal JazzCash / Easypaisa ❌ 'Half payment advance' ❌ Passport agent ke paas
		// rakhna"): its points name losses to avoid, not ones suffered.
		s.checklist = marks >= 3
	}
	s.news, s.victim, s.licenceCue = n[cueNews], n[cueVictim], n[cueLicence] > 0
	if s.victim > 0 {
		// "Residents who have been defrauded can register their complaints", "جو لوگ انسانی
		// اسمگلروں کو رقم دے چکے ہیں": the victims of a notice are a class it addresses, no one's
		// account.
		d.eachIn(c.victim, func(_ string, start, _ int) bool {
			if back := d.wordsBack(start, 4); slices.ContainsFunc(back, func(w string) bool { return genericWho[w] }) ||
				slices.Contains(back, "جو") && slices.Contains(back, "لوگ") || slices.Contains(back, "jo") && slices.Contains(back, "log") {
				s.victim--
			}
			return true
		})
	}
	if t := n[cueThreat]; t > 0 {
		// What will happen ("those found working on visit visas will be arrested and deported")
		// is no report of an arrest: its news words do not count. Told to the public it is a
		// warning's threat and counts as advice; told by someone of their own ("my brother ...
		// will be deported next week, please help") it is what they fear.
		s.news = max(0, s.news-t)
		if !s.self {
			s.advice += t
			s.advisory += t
		}
	}
	// "According to the rules" is what a lawful ad says of its charges ("سروس چارجز حکومتی قواعد
	// کے مطابق", "protector fee hukumat ke mutabiq"): no one is quoted, so it is no news word.
	if s.news > 0 {
		d.eachIn(rulesCue, func(string, int, int) bool { s.news = max(0, s.news-1); return true })
	}
	if deceivedVerbs.startsIn(d.present) { // hedgedPassives counts only at these words
		s.victim += hedgedPassives(d.toks)
	}
	s.reported = min(n[cueReporting], s.news)
	// The way abroad: smugglers, agents, the boat, the illegal route, going for work, a job in a
	// country abroad, a scam compound's country.
	journey := n[cueJourney] > 0 || hasCode(found, IrregularRoute) || hasCode(found, HighRiskDestination) ||
		n[cueWork] > 0 && overseas
	// The writer says "I" and that someone paid, gave or lost: "maine ... diye", "I paid", "who
	// had paid Rs 300,000 ... I travelled". A payment in the passive ("the cost of the visa is to
	// be paid by the sponsor") tells who should pay, not that anyone did.
	// A helpline's message often drops the "I": "Sent 15,000 to the Easypaisa number for ...",
	// "paid 3 lakh for UK care visa CoS, turned out fake".
	bareSum := lazily(d.hasBareSum) // read at most once, and only where the cues before it do not decide
	saysPaid := n[cueFirstPerson] > 0 && n[cuePaid] > 0 && d.paidActively() ||
		len(d.toks) > 0 && droppedSubject[d.toks[0].w] && (n[cueMoney] > 0 || pay.amounts > 0 || bareSum()) ||
		d.paidUnsaidSubject() && (n[cueMoney] > 0 || pay.amounts > 0 || bareSum())
	paidForTask := lazily(func() bool {
		return (n[cueTask] > 0 || n[cueEarn] > 0 || d.anyOf(investedCue)) && (n[cueFirstPerson] > 0 || d.anyOf(relativeCue)) && s.news == 0
	})
	// Money sent home from abroad for the family's needs ("آپ نے جو دبئی سے پیسے بھیجے تھے ان سے
	// ہسپتال کا سارا بل ادا ہو گیا") is a remittance, not money paid for the way abroad.
	if journey || s.signs || agent || n[cueWork] > 0 || paidForTask() || overseas && (n[cueMoney] > 0 || pay.amounts > 0 || bareSum()) && !d.remitted() {
		// Words of loss ("I lost", "I paid", "kya karun", "no reply from") are a victim's only
		// about a job, a visa, an agent, a task or an "investment" the writer or a relative paid
		// into, money for going abroad or the way there: a lost phone,
		// a lost match and an electricity bill paid are not this bot's to answer as a scam.
		s.victim += n[cueVictimGone]
		if n[cueMoney] > 0 || pay.amounts > 0 || bareSum() || d.anyOf(lostCue) {
			// ... and about money or documents: "the company asked me to send my CV, I sent it,
			// when is the interview?" asks about an application, it tells of no loss.
			s.victim += n[cueVictimLoss] + d.paidSums()
			if (s.victim > 0 || saysPaid || n[cueTook] > 0) && d.anyOf(helpAskedCue) || saysPaid && d.anyOf(complainAskedCue) {
				// "What should I do?" after a loss is the victim's; after a demand still to be
				// paid ("the agent asks 3 lakh, 1 lakh before the visa, kya karun?") it asks
				// whether to pay.
				s.victim++
			}
		}
	} else if n[cueVictimGone] > 0 && (saysPaid || n[cueVictimLoss] > 0) && (n[cueMoney] > 0 || (pay.amounts > 0 || bareSum()) && len(d.toks) <= 10) ||
		n[cueVictimLoss] > 0 && n[cueMoney] > 0 && len(d.toks) <= 6 {
		// Money the writer paid, and the one paid gone: "maine paise diye the, ab phone band hai",
		// "50 hazar jazzcash kiye the registration k liye. ab block kar diya". A loss in a few
		// words is a plea too: "2 lakh kha gaya".
		// A bare sum counts in a plea too short to name what it was for ("paid 80k, number off",
		// "۴ لاکھ دیے، اب دفتر بند ہے"): this bot's users send it of an agent. Told at more length, a
		// sum paid for a match or a phone says so, and is not this bot's to answer.
		s.victim += max(1, n[cueVictimGone])
	}
	if journey || overseas && d.anyOf(sponsorCue) {
		// Stranded, held, beaten, an appeal for help: a victim's words only on the way abroad, or
		// at its far end, by the sponsor ("kafeel ne kamre mein band kiya hua hai").
		s.victim += n[cueVictimHarm]
	}
	if journey {
		if overseas && s.advice == 0 && (hasCode(found, IrregularRoute) || d.anyOf(routeCue)) {
			// Drowned, shot at the border, frozen in the mountains: the irregular route kills, and
			// a report of the dead on it tells what the smugglers sold them (the FIA's and the
			// IOM's figures of the boat route). A worker's death in a road accident abroad is
			// news: the deaths count only on the smugglers' route. An advisory tells of the
			// dead too, to warn: beside its words the deaths are its argument, not an account.
			d.eachIn(deathCue, func(string, int, int) bool { s.victim++; return true })
		}
	}

	if storyOf(n) && (journey || agent || s.signs) && (n[cueMoney] > 0 || pay.amounts > 0 || s.signs) && s.advisory == 0 {
		// Someone else's story, told in the past ("he jumped at the chance", "she had paid the
		// agent", "he was told the visa was ready"), of the way abroad and of money or an
		// offer's signs: what happened to a victim, in words no list holds. An offer speaks to
		// its reader ("you", "your") of what will be. With a warning word the same story is
		// also how advisories tell a case ("beware: he paid ..."), and the story does not count.
		s.victim++
	}
	if s.victim > 0 && !s.signs && !d.anyOf(recruiterCue) && d.anyOf(jobEndedCue) {
		// A worker whose job of years abroad ended without the gratuity or the last months' pay
		// ("services were terminated ... not given even his due gratuity") has a dispute with the
		// employer, for the labour court and the welfare attaché: no one recruited him by a lie.
		s.victim = 0
	}
	// Money lost on a plot, a car, a policy, a tenant or tickets for a wedding ("property dealer ne
	// bayana le liya", "the insurance agent", "the estate agent who brought him") is a dispute for
	// the police, the consumer court or the regulator: with no job, no work, no visa and no way
	// abroad, the agent in it recruited no one. ("Agent" is a word of the journey too: the
	// journey is not asked here.) Read only where someone lost something.
	trade := lazily(func() bool {
		return jobAd == 0 && n[cueWork] == 0 && !overseas && !d.anyOf(visaWordCue) && !hasCode(found, IrregularRoute) &&
			!hasCode(found, HighRiskDestination) && d.anyOf(tradeCue)
	})
	if s.victim > 0 && trade() {
		s.victim = 0
	}
	if s.victim > 0 && !s.signs && jobAd == 0 && n[cueWork] == 0 && d.anyOf(pilgrimCue) {
		// Pilgrims stranded by their tour's leader ("بغداد ایئرپورٹ پر پھنسے پاکستانی زائرین")
		// were sold a pilgrimage, not a job: no word of work, no sign of a job offer.
		s.victim = 0
	}
	// Only a text with a question mark can end on one: splitClauses noted every Urdu mark and
	// every Latin one but a link's, and one byte search finds those.
	endsAsking := (d.asks || strings.IndexByte(d.n.text, '?') >= 0) && endsOnQuestion(d.n.text) || d.endsOnAskingWords()
	s.notPaidYet = d.anyOf(notPaidCue)
	if s.victim > 0 && s.self && n[cueTook]+n[cueVictimGone] == 0 && s.notPaidYet {
		// "ابھی میں نے پیسے نہیں دیے، صرف شک ہے": the one who has not paid yet asks before a loss.
		s.victim = 0
	}
	opensOnCondition := len(d.toks) > 0 && conditionalCue.any(d.toks[:1], "")
	if s.victim > 0 && !saysPaid && (n[cueTook]+n[cueVictimGone]+n[cueVictimLoss] == 0 && len(d.toks) <= 30 && endsAsking ||
		opensOnCondition && (endsAsking || strings.ContainsAny(d.n.text, "?؟"))) && d.anyOf(conditionalCue) {
		// "complain kahan karun agar agent paise le kar bhaag jaye?": a loss supposed, to ask
		// where to turn, is a question; the one who lost says what was paid, taken or gone
		// ("agent ne 3 lakh le liye, agar wapas na de to kya karun?"). A question that opens on
		// its condition supposes all that follows it: "اگر ایجنٹ پیسے لے کر غائب ہو جائے تو شکایت
		// کہاں درج ہوتی ہے؟".
		s.victim = 0
	}
	// Read whole, not by the counts: a warning's scope ("WARNING to everyone: Mr X ... took Rs 3.5
	// lakh from me") drops the words under it from them.
	if d.anyOf(fromMeCue) && (n[cueMoney] > 0 || pay.amounts > 0 || bareSum()) &&
		(journey || agent || jobAd > 0 || n[cueWork] > 0 || s.signs) && d.takenFromMe() && !trade() {
		s.ownLoss = true
		s.victim = max(s.victim, 1)
	}
	if s.victim > 0 && s.self && d.anyOf(complaintCue) {
		// A complaint written to the FIA or the Protector ("بخدمت جناب ڈپٹی ڈائریکٹر ... گزارش ہے کہ
		// میں نے ..."): its "accused", "case" and "request" are the complainant's own, not a
		// report of others' arrest nor advice to the public.
		s.ownLoss = true
		s.news = s.reported
	}
	if s.victim > 0 && !s.self && !s.ownLoss && d.tellsHowItGoes(s.advice > 0) {
		// How it goes, in the habitual present ("log paise le kar bhaag jaate hain", "agent
		// passport rok ke aur paise mangte hain", "ہر سال ہزاروں نوجوان ... جاتے ہیں"), is an
		// explainer's or a warning's account of the racket, not what happened to someone.
		s.victim = 0
	}
	s.chat = pastedChat(d.n.text)
	s.receipt = n[cueReceipt] > 0 && (pay.amounts > 0 || d.hasCode())
	if s.victim == 0 && !(s.self && s.notPaidYet) && (saysPaid || n[cueTook] > 0 && s.advisory+s.news-s.reported == 0 && (agent || s.self || !s.contact && (jobAd > 0 || n[cueWork] > 0))) &&
		(n[cueMoney] > 0 || pay.amounts > 0 || bareSum() || n[cueTook] > 0 && s.self && d.anyOf(lostCue)) &&
		(!s.demand || saysPaid || n[cueTook] > 0 && !s.contact) &&
		!(s.offer && s.contact) && jobAd < 4 && (jobAd > 0 || s.abroad && !d.remitted() || agent || n[cueTask] > 0 || n[cueWork] > 0 ||
		d.anyOf(investedCue)) && !trade() && !(d.anyOf(borrowCue) && jobAd <= 1 && !agent) {
		// "I" paid money for a job, a visa, a task or to an agent, or the agent or the company
		// took it or the passport ("پہنچے تو کمپنی نے پاسپورٹ رکھ لیے"), or someone with no way to
		// reach him took it ("ایک شخص نے ... رجسٹریشن فیس ایزی پیسہ پر لے لی"), in words the victim list
		// lacks. Told by someone else it is what news and advisories also tell, so it counts only
		// when no word of either is there. Money put in an app for its "profit" is online fraud,
		// the NCCIA's to hear, as much as a job's fee is. Asked for more after paying ("I deposited Rs 90,000
		// ... now they say pay 40,000 more to withdraw"), the one who paid is still the victim.
		s.victim = 1
	}
	if s.victim == 0 && saysPaid && !(s.self && s.notPaidYet) && d.anyOf(remedyAskedCue) &&
		(journey || agent || jobAd > 0 || n[cueWork] > 0 || n[cueTask] > 0 || n[cueEarn] > 0 || s.abroad || d.anyOf(investedCue)) && !trade() {
		// The writer paid, for a job, a visa or a way abroad, and asks what can be done: a
		// victim's plea, however much of the offer it retells (see remedyAskedCue).
		s.victim = 1
	}
	if s.victim > 0 && s.receipt && n[cueFirstPerson] == 0 && n[cueVictimGone]+n[cueVictimLoss] == 0 && d.anyOf(youReceivedCue) {
		// "ایزی پیسہ: آپ نے 2,000 روپے وصول کیے 0300-… سے": the reader received money; nothing
		// was taken from anyone.
		s.victim = 0
	}
	if s.victim > 0 && n[cueVictimGone]+n[cueVictimLoss]+n[cueTook] == 0 && d.anyOf(successCue) {
		// "I got my 10-year golden visa ... govt fees around AED 4,000. Didn't use any agent":
		// money paid for what came is no loss.
		s.victim = 0
	}
	// A sale of goods that are not work (a tour, Umrah, a course, admission, a plot) with no word
	// of a job, and none of the signs only a job offer shows, is no job ad: its price is no fee.
	// A telco's job-alert subscription ("Reply SUB to join Zong Career Portal @ Rs 1.3+t/Day")
	// sells alerts about jobs: it names jobs, but offers none and asks no fee for one.
	// A work visa is no goods: "Kuwait visa for sale, 5 lakh, 2 saal ka iqama" sells the way to a
	// job, which only an employer may give and no one may sell (design.md §1). A visit, tourist,
	// Umrah or study visa is a travel agent's to sell; a passage by an irregular route, or a visit
	// visa sold for work, is a smuggler's or a fake recruiter's, whatever it is called ("Oman ka visit
	// visa, wahan se Iran kashti se ... 50 hazar booking bhejo").
	s.sale = (n[cueSale] > 0 && n[cueWork] == 0 && jobAd < 2 || n[cueSubscription] > 0 && !s.strong) &&
		!jobOnlySign(found) && !(d.anyIn(visaOfferCue) && !d.anyOf(travelVisaCue)) &&
		!d.anyOf(noTestCue) && !hasCode(found, IrregularRoute) && !hasCode(found, VisitVisaWork)
	s.process = d.anyOf(processCue) && !d.anyOf(postOfferedCue)
	s.addressed = d.anyOf(readerCue)
	s.checks = d.anyOf(checkAsked) || d.anyOf(statusAskedCue)
	s.borrows = d.anyOf(borrowCue) && !s.abroad && jobAd <= 1 && !d.anyOf(visaWordCue)
	s.charity = d.anyOf(charityCue)
	// A visa named is migration's business too: "Beware of the number ... Asks Rs 14,500 for 'visa
	// file opening'".
	s.migration = d.anyOf(migrationCue) || d.anyOf(visaWordCue)
	s.group = d.anyOf(groupCue)
	s.fraud = d.anyOf(fraudCue)
	s.familyTrip = d.anyOf(familyOccasionCue) && n[cueWork] == 0 && n[cueEarn] == 0 && jobAd <= 2 && pay.salaries == 0 && !s.strong
	// Others' demand told with advice and no offer of the writer's own: a warning passed on. The
	// offer words may be the relayed ad's own when the reader is told not to pay ("an ad is
	// circulating claiming 'Jobs in Saudi Arabia, salary 2 lakh, fee on JazzCash 0300-…'. Do not
	// send money."); the writer's own offer says "we", "our", "ہمارے".
	s.relayed = n[cueRelayed] > 0 && (s.advice > 0 || n[cueDontPay] > 0) && (!s.offer || n[cueDontPay] > 0) &&
		n[cueOwn] == 0
	// A helpline is an authority's: a landline or a short code, not a mobile, and not "our".
	s.helpline = !s.mobile && n[cueOwn] == 0 && (d.anyOf(helplineCue) || authorityNumber(d.n.text))
	asksForHelp := d.anyOf(askCue)
	s.question = d.asks || (len(d.toks) > 0 && c.questionStart[d.toks[0].w]) || asksForHelp || endsAsking && !s.contact
	s.endsAsking = endsAsking
	s.hook = d.openingHook()
	s.own = n[cueOwn] > 0
	if s.endsAsking && endsInviting(d.toks) {
		// "Dubai visa, fee only 50,000, half now. Interested?": the offer's closing question
		// invites the reader; it asks the bot nothing.
		s.endsAsking, s.inviting = false, true
	}
	// Whether someone is asked to be right ("theek hain?"): read once, only in a text that asks
	// (one that ends asking asks).
	asksIfRight := d.asks && d.anyOf(rightCue)
	if !s.endsAsking && (asksIfRight || d.asks && n[cueRelayed] > 0 && !s.contact) && s.words <= 30 {
		// "Al Noor Overseas wale theek hain? Saudi ka visa de rahe hain 3 lakh ka": a short
		// message that asks whether someone is right, then tells what they ask, asks about it.
		// So does one that asks what the law allows and then tells what the agent is asking:
		// "Saudi work visa ki total fees kitni hoti hai? Agent 4 lakh mang raha hai".
		s.endsAsking = true
	}
	s.quoted = d.asks && d.anyOf(quotedDemandCue)
	s.pasted = d.asks && d.pastes()
	s.poster = strings.Count(d.n.text, "\n") >= 3
	// Read only where it can count: beside a warning word, with no way to reach anyone (warns).
	s.othersDo = s.advisory >= 1 && s.unreachable() && d.anyOf(othersDoCue)
	s.disowned = d.disowns()
	s.handed = s.quoted && (n[cuePaid] > 0 || d.anyOf(handedCue))
	// Only a text that ends asking can be asking about someone's demand: read for it alone.
	s.asker = s.endsAsking && (asksIfRight || d.anyOf(askerCue))
	// A worker who asks about "my employer" or "my sponsor", with no agent or recruiter in it,
	// asks about a job already held abroad.
	s.employer = s.endsAsking && s.words <= 150 && d.anyOf(employerCue) && !d.anyOf(recruiterCue)
	if s.employer {
		s.question, s.topic = true, TopicAbroad
	} else if s.question {
		s.topic = d.topic()
		if s.topic == "" && s.fee && s.endsAsking && !s.reach && !s.contact && s.words <= 30 {
			// "3 lakh for Saudi visa, ok??": a sum asked about, in a few words, asks what may be
			// charged.
			s.topic = TopicFees
		}
		if s.topic == TopicCheck && s.demand && !s.channel && s.endsAsking {
			// "The agent asks 5 lakh, is that legal?" asks what an agent may charge.
			s.topic = TopicFees
		}
		if s.topic == TopicAbroad && !s.endsAsking && !asksForHelp && s.words > 40 {
			// An explainer's headline asks ("رومانیہ کا ورک ویزا کیسے حاصل کیا جائے؟") and its
			// body answers: the asker of a question about papers abroad ends on the question, or
			// asks for help in so many words ("any tips would be greatly appreciated").
			s.topic = ""
		}
	} else if s.words <= 8 && d.anyOf(c.topicProtector) {
		// "Protector office Lahore", "protector office lahore kahan hai": asking where the office
		// is needs no question mark, and no ad is that short.
		s.topic = TopicProtector
	}
	// A story forwarded from group to group to warn: it asks to be passed on, tells its readers what
	// not to do, and asks no help, no number and no remedy for anyone in it. (A family that asks
	// for the embassy's number, or help, in the same words is a victim's.)
	s.passOn = s.advice > 0 && d.anyOf(passOnCue) && !d.anyOf(helpAskedCue) && !d.anyOf(remedyAskedCue) &&
		!d.anyOf(complainAskedCue) && !s.question
	return s
}

// rulesCue says "according to the rules": each holds a news word ("according to", "کے مطابق")
// that quotes no one.
var rulesCue = newPhraseSet([]string{"according to the rules", "according to rules", "according to government",
	"according to govt", "according to the government rules", "according to law", "according to the law",
	"قواعد کے مطابق", "حکومت کے مطابق", "قانون کے مطابق", "ضوابط کے مطابق", "قواعد و ضوابط کے مطابق",
	"qawaid ke mutabiq", "hukumat ke mutabiq", "qanoon ke mutabiq", "govt ke mutabiq", "government ke mutabiq",
	"rules ke mutabiq"})

// accountCue names an account to pay into; with a number in the text, the number is where the
// money goes.
var accountCue = newPhraseSet([]string{"account", "a/c", "acc no", "account no", "account number", "iban",
	"account title", "title of account", "bank account", "khata", "اکاؤنٹ", "اکاونٹ", "اکاؤنٹ نمبر", "کھاتہ",
	"آئی بین"})

// noTestCue promises a visa without the language test: "Canada ka visa bina IELTS ke", "UK work
// permit, no IELTS". A course sells the test; the promise to skip it sells the way abroad, which
// is what immigration and job scams sell (the IELTS it names is no course for sale).
var noTestCue = newPhraseSet([]string{"without ielts", "bina ielts", "no ielts", "ielts ke baghair",
	"ielts ke bagair", "ielts not required", "ielts not needed", "ielts ki zaroorat nahi", "بغیر آئلٹس", "ielts نہ",
	"آئلٹس نہ", "ielts na ho", "ielts nahi",
	"بنا آئلٹس", "آئلٹس کے بغیر", "آئیلٹس کے بغیر", "بغیر آئیلٹس"})

// askingWords start or carry a question in Urdu and Roman Urdu, which people often type without
// a question mark: "mera agent 2 lakh mang raha h kia ye theek h", "agent rasid nahi de raha, kia
// karun".
var askingWords = wordSet([]string{"kya", "kia", "kahan", "kahaan", "kaise", "kaisay", "kitni", "kitna",
	"kitne", "kon", "kaun", "kyun", "kyon", "konsa", "konsi", "کہاں", "کیسے", "کتنی", "کتنا", "کتنے", "کون", "کیوں", "کونسا",
	"کونسی", "کونسے"})

// askAfterKya are the words that follow an asking "کیا" and not a "کیا" that is "did".
var askAfterKya = wordSet([]string{"اب", "یہ", "وہ", "ہم", "آپ", "کوئی", "واقعی", "اس", "ان", "میں", "میرا", "میری", "میرے"})

// orWords and notWords end a question asked either way: "ya nahi", "کہ نہیں", "or not".
var (
	orWords  = wordSet([]string{"ya", "یا", "کہ", "or"})
	notWords = wordSet([]string{"nahi", "نہیں", "not"})
)

// becauseWords make "why" into "because": "kyun ke", "کیوں کہ".
var becauseWords = wordSet([]string{"ke", "k", "kay", "ki", "کہ", "کے"})

// askingWordIDs and becauseWordIDs are the ids of askingWords and becauseWords, which
// endsOnAskingWords tests the last words of a text against.
var askingWordIDs, becauseWordIDs = wordIDSet(askingWords), wordIDSet(becauseWords)

// urduIsWord are the forms of "to be" (habitual) that follow "کیا" when it asks what something is.
var urduIsWord = map[string]bool{"ہوتا": true, "ہوتی": true, "ہوتے": true}

// endsOnAskingWords reports a text whose last sentence, short and with no phone number in it, asks
// in words rather than with a question mark.
func (d *doc) endsOnAskingWords() bool {
	t := strings.TrimRight(d.n.text, " \t\n")
	from := lastMark(t, ".!?\n", "۔")
	if from >= 0 && from == len(t)-1 {
		return false // ends on a full stop, an exclamation or a question mark of its own
	}
	if n := len(d.toks); n >= 2 && d.toks[n-1].start > from && orWords[d.toks[n-2].w] && notWords[d.toks[n-1].w] {
		return true // "... to dena chahiye ya nahi", "ٹھیک ہے کہ نہیں", "is it legal or not": asked either way
	}
	// A voice note typed out runs on without a mark: its one sentence is the whole text, and
	// it asks wherever its question word stands ("باہر نوکری کے لیے کون کون سے کاغذ چاہیے ہوتے
	// ہیں جی شناختی کارڈ پاسپورٹ تو ہے"). A marked text's last sentence asks in its last words.
	window := 20
	if from < 0 {
		window = 45
	}
	last := 0
	for i := len(d.toks) - 1; i >= 0 && d.toks[i].start > from; i-- {
		if w := d.toks[i].w; isDigitByte(w[0]) && (len(w) >= 7 || w[0] == '0' && len(w) >= 4) || last == window {
			return false // a phone number is an offer's way in: "Interested? Call 0300-…"
		}
		last++
	}
	if last > 0 && d.toks[len(d.toks)-last].w == "کیا" {
		return true // "کیا" asks at the head of a sentence; after a noun it is "did" ("اعلان کیا")
	}
	for i := len(d.toks) - last; i < len(d.toks); i++ {
		if askingWordIDs.has(d.toks[i].id) && !(i+1 < len(d.toks) && becauseWordIDs.has(d.toks[i+1].id)) {
			return true // ("kyun ke", "کیوں کہ" is "because")
		}
		// "آزاد ویزا کیا ہوتا ہے": "کیا" before "ہوتا" asks what a thing is, wherever it stands; before
		// a pronoun or "now" it opens a yes-or-no question ("میری کیا اب بھی باہر جا سکتا ہوں").
		if d.toks[i].w == "کیا" && i+1 < len(d.toks) && (urduIsWord[d.toks[i+1].w] || askAfterKya[d.toks[i+1].w]) {
			return true
		}
		// "I want to know the real amount": a request to be told, put without a question mark.
		if w := d.toks[i].w; (w == "want" || w == "wanna") && i+2 < len(d.toks) && d.toks[i+1].w == "to" && d.toks[i+2].w == "know" ||
			w == "wanna" && i+1 < len(d.toks) && d.toks[i+1].w == "know" {
			return true
		}
	}
	return false
}

// endsOnQuestion reports a text whose last sentence asks: it ends on a question mark, or on one
// followed by a sign-off of a few words with no number in them, as letters to an advice column
// end ("What action should I take to get my passport back? IE, Abu Dhabi", "...? Thanks"). A
// number after the question is an offer's way in ("Interested? Call 0300-…").
func endsOnQuestion(text string) bool {
	t := strings.TrimRightFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	// A text that ends on the mark has nothing after it: the same test covers both.
	i := max(strings.LastIndex(t, "?"), strings.LastIndex(t, "؟"))
	if i < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	rest := t[i+size:]
	return len(strings.Fields(rest)) <= 4 && !strings.ContainsAny(rest, "0123456789۰۱۲۳۴۵۶۷۸۹@/?!") &&
		!strings.Contains(rest, "\n\n")
}

// storyOf reports a story told of someone else: "he", "she", "his", "her" three times or more and
// more often than "you", "your", with "was", "were" or "had" at least twice. Job ads, postings
// and advisories address their reader; news of arrests and of the labour market speaks of
// "they", the police and the ministry; the accounts of victims follow one person.
func storyOf(n [numCueSets]int) bool {
	return n[cueThirdPerson] >= 3 && n[cueThirdPerson] > n[cueSecondPerson] && n[cuePastTense] >= 2
}

// thirdPersonCue, secondPersonCue and pastTenseCue are the English words storyOf counts.
var (
	thirdPersonCue  = newPhraseSet([]string{"he", "she", "his", "her", "him", "himself", "herself"})
	secondPersonCue = newPhraseSet([]string{"you", "your", "yours", "yourself"})
	pastTenseCue    = newPhraseSet([]string{"was", "were", "had"})
)

// deceivedVerbs are what was done to a victim, said in the passive ("they were tricked"); the
// victim list holds the plain forms, hedgedPassives the forms a reporter hedges.
var deceivedVerbs = newPhraseSet([]string{"tricked", "lured", "duped", "deceived", "cheated", "defrauded", "conned",
	"swindled", "scammed", "trafficked"})

// hedgedPassives counts a deception told in the passive with a word between the auxiliary and the
// verb: "were reportedly tricked", "was allegedly duped", "were all lured", "had been falsely
// promised". A reporter hedges what a victim says outright; the victim list matches the plain
// "were tricked" itself. A negation between ("were never tricked") tells of no deception.
func hedgedPassives(toks []token) int {
	count := 0
	for i, t := range toks {
		if i < 2 || !deceivedVerbs.firsts.has(t.id) {
			continue
		}
		for j := i - 2; j >= 0 && j >= i-3; j-- {
			switch toks[j].w {
			case "was", "were", "been", "got", "get", "being":
				if !slices.ContainsFunc(toks[j+1:i], func(m token) bool {
					return m.w == "not" || m.w == "never" || m.w == "n't"
				}) {
					count++
				}
			default:
				continue
			}
			break
		}
	}
	return count
}

// routeCue names the smugglers' way abroad: the boat, the dunki, the illegal crossing.
var routeCue = newPhraseSet([]string{"smuggler", "smugglers", "human smugglers", "traffickers", "trafficker",
	"boat", "dunki", "donkey route", "dunki route", "illegally", "illegal route", "illegal migration",
	"اسمگلر", "سمگلر", "اسمگلروں", "سمگلروں", "اسمگلرز", "سمگلرز", "انسانی اسمگلنگ", "انسانی سمگلنگ", "کشتی",
	"ڈنکی", "غیر قانونی طریقے", "غیر قانونی طور", "غیر قانونی راستے"})

// deathCue tells of deaths, in a reporter's words as much as a family's.
var deathCue = newPhraseSet([]string{"died", "drowned", "bodies", "capsized", "shipwreck", "lost their lives",
	"lost his life", "lost her life", "were killed", "was killed", "shot dead", "froze to death", "death toll",
	// Urdu in the past tense only: "بہت سے لوگ ڈوب جاتے ہیں" is how an advisory tells of the risk.
	"جاں بحق", "جان بحق", "ڈوب گئے", "ڈوب گیا", "ڈوب کر", "لاشیں", "ہلاک ہو گئے", "ہلاک ہوگئے", "ہلاک ہوئے",
	"دم توڑ گئے", "دم توڑ گیا", "دم توڑ دیا", "جان کی بازی ہار", "زندگی کی بازی ہار", "jaan bahaq", "doob gaye",
	"doob kar"})

// helpAskedCue asks what to do: a victim's words only beside a loss told.
var helpAskedCue = newPhraseSet([]string{"what should i do", "what can i do", "what do i do", "kya karun",
	"kya karein ab", "kya karein", "ab kya karun", "کیا کروں", "اب کیا کروں", "کیا کریں",
	// Help asked outright: "passport bhi le liya ... Please help", "madad karein".
	"please help", "plz help", "pls help", "madad karein", "madad karo", "madad kijiye",
	"مدد کریں", "مدد کیجیے", "مدد کی جائے",
	// What becomes of it, and the money asked back: "ab kya hoga", "kia paise wapis ho saktay
	// hain", "is there any way to recover it?", "کیا رسید سے پیسے واپس مل سکتے ہیں".
	"ab kya hoga", "اب کیا ہوگا", "اب کیا ہو گا", "wapas ho sakte", "wapas ho saktay", "wapas mil sakte",
	"wapas mil saktay", "wapas dilwa", "واپس مل سکتے", "واپس ہو سکتے", "واپس مل سکتی", "واپس دلوا",
	"recover it", "recover my", "recover the money", "get my money back", "get it back", "get the money back"})

// passOnCue asks the reader to pass the message on.
var passOnCue = newPhraseSet([]string{"share kar dein", "share karein", "share karo", "please share", "plz share",
	"pls share", "share this", "forward this", "pass this on", "aage bhejein", "aage bhejo", "forward karein",
	"forward kar dein", "آگے بھیجیں", "آگے ضرور", "سب گروپوں میں", "گروپوں میں بھیجیں", "شیئر کریں", "شئیر کریں"})

// advisoryTitleCue is what an advisory or a public notice calls itself.
var advisoryTitleCue = newPhraseSet([]string{"advisory", "public notice", "travel advisory", "ایڈوائزری",
	"اطلاع عام", "عوام الناس کو مطلع", "عوام کو آگاہ"})

// missionCue names Pakistan's missions abroad and its emigration offices, as the notices they send
// are signed at their head. (Not the OEC or the OPF: they post jobs of their own, signed the same
// way.)
var missionCue = newPhraseSet([]string{"embassy of pakistan", "pakistan embassy", "consulate general of pakistan",
	"pakistan consulate", "high commission for pakistan", "pakistan high commission", "protector of emigrants",
	"bureau of emigration", "سفارتخانہ پاکستان", "سفارت خانہ پاکستان", "پاکستانی سفارتخانہ", "پاکستانی سفارت خانہ",
	"قونصل خانہ پاکستان", "قونصلیٹ جنرل پاکستان", "ہائی کمیشن برائے پاکستان", "پاکستان ہائی کمیشن", "بیورو آف امیگریشن",
	"پروٹیکٹر آف امیگرینٹس"})

// signedByMission reports a text whose first words name one of Pakistan's missions or emigration
// offices: the sender of a notice.
func (d *doc) signedByMission() bool {
	head := d.toks
	if len(head) > 6 {
		head = head[:6]
	}
	return missionCue.any(head, "")
}

// warningHeadWords open a warning's headline: "Warning over visa scammers targeting students",
// "Beware of fake job offers on Facebook", "خبردار! جعلی ویزوں کا گروہ سرگرم". (Not "alert": a "Job
// alert" opens a list of vacancies.)
var warningHeadWords = wordSet([]string{"warning", "beware", "caution", "khabardar", "hoshiyar", "خبردار",
	"ہوشیار", "انتباہ"})

// warningHeadline reports a text headed by a warning: its first line, of a headline's length,
// opens on a warning word, and more text follows it. A report under such a headline tells of
// victims as the warning's reason, as an advisory that names itself does.
func (d *doc) warningHeadline() bool {
	if len(d.toks) == 0 || !warningHeadWords[d.toks[0].w] {
		return false
	}
	nl := strings.IndexByte(d.n.text, '\n')
	if nl < 0 {
		return false
	}
	words := 0
	for _, t := range d.toks {
		if t.start > nl {
			return words <= maxHeadlineWords
		}
		words++
	}
	return false // nothing follows the first line
}

// maxHeadlineWords is the longest first line read as a headline.
const maxHeadlineWords = 15

// bankNoticeCue marks a bank's or a wallet's notice of a transaction done: the words only such
// notices use.
var bankNoticeCue = newPhraseSet([]string{"debited", "credited", "ibft", "txn ref", "trx id", "txn id", "trans id",
	"transaction id", "not done by you", "if this transaction", "agar ye transaction", "salary slip", "net pay",
	"cash deposit of", "جمع ہوئی", "جمع ہو گئی", "منتقل ہو گئے", "منتقل کر دیے گئے", "transfer ho gaye"})

// cardTitleCue names the titles printed on an agency's visiting card under the owner's name.
var cardTitleCue = newPhraseSet([]string{"proprietor", "chief executive", "managing director", "director operations",
	"ceo", "پروپرائٹر", "پروپرائیٹر", "چیف ایگزیکٹو", "مینیجنگ ڈائریکٹر", "منیجنگ ڈائریکٹر"})

// genericWho opens a relative clause about anyone it fits: "those who", "anyone who" (and, read
// with its noun, "جو لوگ", "jo log").
var genericWho = wordSet([]string{"whoever", "those", "anyone", "anybody"})

// adviceAskedCue asks for advice rather than giving it.
var adviceAskedCue = newPhraseSet([]string{"need advice", "needs advice", "want advice", "need your advice",
	"any advice", "some advice", "advice please", "advice chahiye", "please advise", "kindly advise", "pls advise",
	"plz advise", "advise me"})

// remedyAskedCue asks what can be done about a loss: legal action, a complaint, the money back.
// After the writer's own payment it is a victim's plea, however much of the offer the account
// retells ("A recruitment company contacted me on WhatsApp ... salary SAR 9000. They took Rs
// 1,75,000 ... What legal action can we take?").
var remedyAskedCue = newPhraseSet([]string{"legal action", "what are my options", "what can we do", "what can i do",
	"what should i do", "what should we do", "file a complaint", "file complaint", "file a joint complaint",
	"reverse it", "get it back", "money back", "paise wapas", "paise wapis", "case kar sakta", "case kar sakte",
	"kya karein", "kya karun", "کیا کروں", "کیا کریں", "کیسے شکایت", "شکایت کروں", "شکایت کریں", "کیس کر سکتا",
	// Whether anyone can act, and how the money or the passport comes back: "Can BEOE do anything?",
	// "What else can we do?", "7 lakh kaise wapis lun", "passport wapis lene ka koi tareeqa hai?".
	"do anything", "what else can", "anything we can do", "kaise wapis", "kaise wapas", "wapis lene ka", "wapas lene ka",
	"koi tareeqa", "koi tarika", "واپس لینے کا", "کیسے واپس", "کوئی طریقہ"})

// complainAskedCue asks where to complain: after the writer's own payment it is a victim's plea
// ("Scammed by fake Aramco offer, paid 48,500 to a personal account. How to complain to FIA?");
// about an agent who took someone's money it asks the process.
var complainAskedCue = newPhraseSet([]string{"how to complain", "how do i complain", "where to complain",
	"where do i complain", "how to report", "complaint kaise", "complain kaise", "kahan complain", "kahan complaint",
	"شکایت کہاں", "شکایت کیسے"})

// willKeepCue puts the keeping of the passport in the future: an offer's term, not a loss told.
var willKeepCue = newPhraseSet([]string{"will keep", "will be kept", "will remain with", "will stay with", "رہے گا",
	"رہیں گے", "رکھیں گے", "rahega", "rahe ga", "rahenge", "rakhenge", "rakhen ge"})

// employerCue names the asker's own employer abroad.
var employerCue = newPhraseSet([]string{"my employer", "my boss", "my company", "my sponsor", "my kafeel", "my kafil",
	"my manager", "our employer", "our company", "our sponsor", "mera kafeel", "mera kafil", "mera sponsor",
	"meri company", "mera boss", "hamari company", "hamara kafeel", "میرا کفیل", "میری کمپنی", "میرا سپانسر",
	"میرا باس", "ہماری کمپنی", "ہمارا کفیل",
	// The end of a job held abroad: "my resignation was accepted", "end of service dues", "final
	// exit", "my iqama expired".
	"my resignation", "resignation was accepted", "end of service", "final settlement", "my gratuity", "final exit",
	"exit re-entry", "release letter", "my iqama", "میرا اقامہ", "ایگزٹ ری انٹری", "فائنل ایگزٹ", "mera iqama",
	// A contract cut by the employer abroad: "company wants me to sign a new contract with less
	// salary". (Wages unpaid for months and a passport the kafeel keeps are forced labour's signs:
	// those are victims' accounts, for the report.)
	"sign a new contract", "new contract with"})

// jobEndedCue names the end of a job held abroad: its dues, its termination.
var jobEndedCue = newPhraseSet([]string{"end of service", "gratuity", "services were terminated",
	"was terminated", "were terminated", "laid off", "final settlement", "ملازمت سے فارغ", "برطرف",
	"سروس کے اختتام", "اینڈ آف سروس"})

// pilgrimCue names pilgrims: a tour to the shrines or to Mecca, not a journey for work.
var pilgrimCue = newPhraseSet([]string{"pilgrims", "pilgrim", "زائرین", "زائر", "عازمین حج", "عازمین عمرہ", "حجاج",
	"معتمرین", "zaireen", "zaereen"})

// sponsorCue names the worker's sponsor or employer abroad: "kuwait me hun ... passport nahi
// denge", "company ilaj nahi karwa rahi".
var sponsorCue = newPhraseSet([]string{"kafeel", "kafil", "کفیل", "company", "kampni", "employer", "sponsor", "کمپنی"})

// remittanceCue names money sent home from abroad, as families and workers ask about it: "What's
// the cheapest way to send money from Saudi Arabia to a JazzCash wallet?".
var remittanceCue = newPhraseSet([]string{"send money from", "sending money from", "send money home", "sending money home",
	"remittance", "remittances", "roshan digital", "hundi", "ہنڈی", "ترسیلات"})

// remitted reports money sent to or for the family: a household's cost or a remittance named
// ("امی کو بتانا میں نے ۲۰۰۰ درہم بھیجے ہیں ... گھر کے خرچے کے لیے", "50 hazar maine bheje hain uski
// beti ki shadi ke liye"). Sent from abroad to home, it is no loss.
func (d *doc) remitted() bool {
	return d.anyOf(householdCue) || d.anyOf(remittanceCue)
}

// borrowCue: a loan, promised back by the borrower ("wapas kar dunga") or asked back by the
// lender ("maine tumhe 15 hazar bheje the, wapis kar sakte ho?").
var borrowCue = newPhraseSet([]string{"wapas kar dunga", "wapas kar dungi", "wapis kar dunga", "wapis kar dungi",
	"wapas kar sakte ho", "wapis kar sakte ho", "wapas kar sakti ho", "wapis kar sakti ho", "واپس کر سکتے ہو",
	"wapas kar doon ga", "wapas kardunga", "lauta dunga", "lota dunga", "return kar dunga", "واپس کر دوں گا",
	"واپس کر دوں گی", "واپس کردوں گا", "واپس کردوں گی", "لوٹا دوں گا", "ادھار", "udhaar", "udhar de", "qarz de",
	"قرض دے", "i will return it", "i'll return it", "pay you back", "will return the money"})

// tookTime reports a span of time right after a "took", with at most a count or an "about"
// between: "took about 3 weeks", "took two months". ("Took my money 3 months ago" took money.)
func (d *doc) tookTime(end int) bool {
	for _, w := range d.wordsForward(end, 4) {
		switch {
		case timeUnits[w]:
			return true
		case isDigitByte(w[0]) || spanWords[w]:
		default:
			return false
		}
	}
	return false
}

// spanWords stand between "took" and the time it took.
var spanWords = wordSet([]string{"about", "around", "only", "nearly", "almost", "over", "just", "a", "an", "some",
	"one", "two", "three", "four", "five", "six", "few", "several", "less", "more", "than"})

// timeUnits are the spans of time a process takes.
var timeUnits = wordSet([]string{"minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "months",
	"month", "years", "year", "din", "hafte", "mahine", "saal", "دن", "ہفتے", "مہینے", "سال"})

// youReceivedCue is a receipt's "you have received".
var youReceivedCue = newPhraseSet([]string{"آپ نے", "aap ne", "ap ne", "you have received", "you received"})

// successCue says the visa or the thing paid for came: "I got my golden visa", "visa mil gaya".
var successCue = newPhraseSet([]string{"i got my", "got my visa", "received my visa", "visa mil gaya", "visa lag gaya",
	"visa aa gaya", "ویزا مل گیا", "ویزا لگ گیا", "ویزا آ گیا", "arrived safely", "safely arrived", "sahi pohancha"})

// charityCue appeals for donations.
var charityCue = newPhraseSet([]string{"اپیل برائے امداد", "امداد کی اپیل", "صدقہ جاریہ", "صدقہ", "عطیہ", "عطیات",
	"زکوٰۃ", "زکوۃ", "مدد کرنا چاہیں", "donation", "donations", "donate", "charity", "sadqa", "sadqah", "zakat",
	"atiya", "madad karna chahein", "fundraiser", "fund raising"})

// familyOccasionCue names the family occasions people travel abroad for on a visit visa.
var familyOccasionCue = newPhraseSet([]string{"shaadi", "shadi", "mehndi", "mehendi", "barat", "baraat", "walima",
	"valima", "nikah", "wedding", "شادی", "مہندی", "بارات", "ولیمہ", "نکاح", "honeymoon", "family visit"})

// processCue carries on an application or a job the reader already has; postOfferedCue offers
// a post or its next step, which makes the message an offer to judge ("we are pleased to offer
// you", "you have been selected", "we'd like to invite you for an interview").
var (
	processCue = newPhraseSet([]string{"thank you for applying", "thanks for applying", "received your application",
		"your application has been received", "application received", "thank you for interviewing",
		"thanks for interviewing", "interview rescheduled", "reschedule your interview", "move your interview",
		"appointment confirmation", "appointment has been confirmed", "appointment is confirmed", "your appointment at",
		"your appointment is", "your appointment for", "appointment is scheduled", "your visa interview",
		// The Bureau's, the Protector's and the insurer's notices on the emigrant's own file: "your
		// online request for registration has been received", "Policy No. OEGI-24-...", "you have
		// passed EPS-TOPIK".
		"your online request", "has been registered", "registration no", "account has been created", "policy no",
		"your policy", "you have passed", "roll no", "roll number",
		"dear employee", "dear employees", "salary slip", "payslip", "pay slip", "tax deduction certificate",
		"leave application"})
	postOfferedCue = newPhraseSet([]string{"pleased to offer", "offer you", "offer of employment", "employment offer",
		"offer letter", "job offer", "selected", "appointment letter", "we are hiring", "vacancy", "vacancies",
		"apply now", "required for", "urgently required",
		// An invitation to an interview or to join is the next step of an offer, to be judged:
		// "We'd like to invite you for an on-site interview", "Walk-in interview kal 3 baje",
		// "Welcome aboard! Your joining date is Monday".
		"invite you", "invitation", "walk in", "welcome aboard", "joining date",
		// A notice of posts open to apply for: "Posts: Elementary School Teacher (BS-14) ... last date".
		"posts", "last date"})
)

// tellsHowItGoes reports a text told in the habitual present more than in the past: two
// habitual verbs or more, and more of them than past ones; one is enough beside advice ("aaj kal
// kuch log ... paise le kar bhaag jaate hain. ... tasdeeq zaroor karein").
func (d *doc) tellsHowItGoes(advises bool) bool {
	habitual, past := 0, 0
	d.eachIn(habitualCue, func(string, int, int) bool { habitual++; return true })
	if habitual < 2 && !(advises && habitual == 1) {
		return false
	}
	d.eachIn(pastCue, func(string, int, int) bool { past++; return true })
	return habitual > past
}

// habitualCue and pastCue are the endings of the habitual present and of the past, in Urdu and
// Roman Urdu.
var habitualCue = newPhraseSet([]string{"jaate hain", "jate hain", "dete hain", "lete hain", "karte hain", "kehte hain",
	// Going on now, to many: "CoS ke naam pe 15-20 lakh liye ja rahe hain".
	"ja rahe hain", "جا رہے ہیں",
	"mangte hain", "maangte hain", "bhejte hain", "hote hain", "hota hai", "hoti hai", "aate hain", "rakhte hain",
	"جاتے ہیں", "دیتے ہیں", "لیتے ہیں", "کرتے ہیں", "کہتے ہیں", "مانگتے ہیں", "بھیجتے ہیں", "ہوتے ہیں", "ہوتا ہے",
	"ہوتی ہے", "آتے ہیں", "رکھتے ہیں", "جاتی ہیں", "جاتا ہے"})
var pastCue = newPhraseSet([]string{"tha", "thi", "the", "thay", "gaya", "gayi", "gaye", "diye", "liye the", "kiya",
	"تھا", "تھی", "تھے", "گیا", "گئی", "گئے", "دیے", "کیا", "کیے"})

// openingHook reports whether the text opens with questions of at most ten words in all and
// goes on, three words or more, without asking again ("Iqama renewal ho nahi raha? Kafeel paise
// nahi de raha? Hum 3500 riyal me renew karwa dete hain"): "Greece jana hai? Iran Turkey raste se, guarantee ke
// sath, 14 lakh" hooks the reader; "کیا سچ میں CoS کے پیسے لگتے ہیں؟ ہر کوئی 15، 20 لاکھ بتا رہا ہے"
// asks, at more length, what is true.
func (d *doc) openingHook() bool {
	q := d.lastQuery
	if q < 0 {
		return false
	}
	before := 0
	for _, tok := range d.toks {
		if tok.start < q {
			before++
		}
	}
	return before <= 10 && len(d.toks)-before >= 3
}

// lastMark is strings.LastIndexAny(s, ascii+marks...) without its cost: given a set with a
// character outside ASCII, LastIndexAny decodes every rune of s backwards and looks each up in
// the set, which was a twentieth of all analysis time. ascii holds ASCII characters only and marks
// characters outside ASCII (the Urdu full stop and question mark). One pass from the end reads
// each byte once, ASCII against a bit set and a leading byte against the marks, and stops at the
// last mark, where a search for the ASCII marks and one for each Urdu mark read s again each
// (a string search backwards costs several times a byte test).
func lastMark(s, ascii string, marks ...string) int {
	var set [2]uint64
	for i := 0; i < len(ascii); i++ {
		c := ascii[i]
		set[c>>6&1] |= 1 << (c & 63)
	}
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < utf8.RuneSelf {
			if set[c>>6]&(1<<(c&63)) != 0 {
				return i
			}
			continue
		}
		if c < 0xC0 {
			continue // a continuation byte: no mark starts there
		}
		for _, m := range marks {
			if len(s)-i >= len(m) && s[i:i+len(m)] == m {
				return i
			}
		}
	}
	return -1
}

// pastedChat reports a chat log pasted as it was exported or copied: three lines or more that open
// on a time in brackets ("[9:31 pm] Rana Visa Center: …", "[15/06/24, 8:01 pm] …") or on a short
// name and a colon ("Agent: …", "Me: …").
func pastedChat(text string) bool {
	lines := 0
	for line := range strings.Lines(text) {
		line = strings.TrimLeft(line, " \t")
		// The bracket and the colon are looked for only where they may stand, not in the whole
		// line, and the words before the colon are counted, not listed.
		if strings.HasPrefix(line, "[") {
			if k := strings.IndexByte(line[:min(len(line), 30)], ']'); k > 3 && strings.ContainsAny(line[:k], "0123456789") {
				lines++
			}
		} else if k := strings.IndexByte(line[:min(len(line), 32)], ':'); k > 1 && !chatNameBreaks.in(line[:k]) &&
			fieldCount(line[:k]) <= 4 {
			lines++
		}
		if lines >= 3 {
			return true
		}
	}
	return false
}

// fieldCount is len(strings.Fields(s)), without the list: the runs of runes that are not spaces
// (unicode.IsSpace).
func fieldCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// onlyFirstPersonMe reports whether every first-person word of the text is "me", and none of them
// labels the writer's lines in a chat.
func (d *doc) onlyFirstPersonMe() bool {
	only := true
	d.eachIn(d.cues.firstPerson, func(p string, _, end int) bool {
		// "Me: bhej diye" is the writer's own line in a chat they pasted.
		only = p == "me" && !strings.HasPrefix(d.n.text[end:], ":")
		return only
	})
	return only
}

// fromMeCue is money or papers taken from the writer: "took Rs 6,50,000 from me", "مجھ سے اور
// میرے کزن سے ... لیے". ("Hum se" and "from us" are also an ad's "contact us": "hum se rabta
// karein".)
var fromMeCue = newPhraseSet([]string{"from me", "مجھ سے", "میرے سے", "mujh se", "mujhse", "mujh say", "mere se",
	"meray se"})

// takenFromMe reports a word of taking and "from me" in one sentence, at most twelve words apart:
// "he took Rs 6,50,000 from me", "اس نے مجھ سے ... 11 لاکھ روپے لیے".
func (d *doc) takenFromMe() bool {
	var mine []int
	d.eachIn(fromMeCue, func(_ string, start, _ int) bool { mine = append(mine, start); return true })
	found := false
	near := func(_ string, start, _ int) bool {
		for _, m := range mine {
			lo, hi := min(m, start), max(m, start)
			if gap := d.n.text[lo:hi]; len(d.tokensIn(lo, hi)) <= 12 && !sentenceBreaks.in(gap) &&
				!strings.Contains(gap, ". ") { // "Rs 3.5 lakh" has a point, not a full stop
				found = true
				return false
			}
		}
		return true
	}
	d.eachIn(d.cues.took, near)
	if !found {
		d.eachIn(sumTakenCue, near)
	}
	return found
}

// sumTakenCue is a sum and the bare "taken" after it, which alone is "for" ("Qatar ke liye"): "اس
// نے مجھ سے 11 لاکھ روپے لیے", "mujh se 3 lakh liye".
var sumTakenCue = newPhraseSet([]string{"روپے لیے", "لاکھ لیے", "ہزار لیے", "rupay liye", "rupees liye", "lakh liye",
	"hazar liye", "lakh lie", "hazar lie"})

// complaintCue opens or names a complaint written by the one who lost: "بخدمت جناب", "جناب عالی",
// "درخواست برائے اندراج مقدمہ", "the undersigned", "complaint against".
var complaintCue = newPhraseSet([]string{"بخدمت", "جناب عالی", "جناب والا", "درخواست برائے", "سائل", "سائلان",
	"the undersigned", "i the undersigned", "respectfully submitted", "complaint against", "my complaint",
	"bakhidmat", "janab e aali", "janab-e-aali", "darkhwast barae", "darkhwast baraye"})

// tradeCue names the goods and services people lose money over that are no job: property,
// cars, insurance, a tenancy, a wedding. (Not a loan or the rent: victims borrow for the journey
// and rent a room when the house is sold for it; not a "premium" or a "policy": the task scam's
// "premium task" and the fake offer letter's "company policy".)
var tradeCue = newPhraseSet([]string{"property", "property dealer", "plot", "estate agent", "real estate", "tenant",
	"landlord", "insurance", "showroom", "car", "gari", "gaari", "bike", "wedding", "shaadi", "bayana", "biyana",
	"mobile phone", "پراپرٹی", "پلاٹ", "بیعانہ", "کرایہ دار", "مالک مکان", "انشورنس", "شوروم", "گاڑی", "شادی",
	"surrender value", "rent tribunal"})

// recruiterCue names the go-betweens who send workers abroad (the agent list also names the
// company and the visa they sell).
var recruiterCue = newPhraseSet([]string{"agent", "agents", "agency", "agencies", "recruiter", "recruiters",
	"recruitment agency", "consultant", "broker", "middleman", "dalal", "oep", "ایجنٹ", "ایجنسی", "دلال", "ejent"})

// relativeCue names the family a message to or from a relative abroad speaks of.
var relativeCue = newPhraseSet([]string{"bhai", "bhaijan", "beta", "beti", "ammi", "ammy", "amma", "abbu",
	"abba", "abbaji", "mama", "mamu", "chacha", "chachu", "khala", "phuppo", "behen", "bhabhi", "baji",
	"shohar", "brother", "sister", "son", "daughter", "father", "mother", "dad", "mom", "uncle", "husband",
	"بھائی", "بیٹا", "بیٹی", "امی", "ابو", "ابا", "ماموں", "چچا", "خالہ", "پھوپھو", "بہن", "بھابھی", "باجی", "شوہر"})

// sendingCue offers to send or take the reader abroad, or to find them work there: what an agent
// promises for the sum, not what a relative says of a ticket.
var sendingCue = newPhraseSet([]string{"bhej denge", "bhej dein ge", "bhejenge", "bhej dunga", "bhijwa denge",
	"bhijwa dunga", "pohncha denge", "pohncha dunga", "pohnchayenge", "le jayenge", "le jaunga", "dila denge",
	"dila dunga", "lagwa denge", "lagwa dunga", "lagenge", "aadha pehle", "بھیج دیں گے", "بھجوا دیں گے",
	"پہنچا دیں گے", "لے جائیں گے", "دلا دیں گے", "لگوا دیں گے", "لگیں گے", "send you", "take you", "get you"})

// onlyAmong reports whether found has a sign other than a licence sign and every such sign has
// one of codes: only money (a sum, a wallet, cash), only a borrowed link.
func onlyAmong(found []Flag, codes ...Code) bool {
	seen := false
	for _, f := range found {
		switch {
		case f.Code.licence():
		case slices.Contains(codes, f.Code):
			seen = true
		default:
			return false
		}
	}
	return seen
}

// travelVisaCue names the visas a travel agent sells lawfully: to visit, tour, perform Umrah or
// study.
var travelVisaCue = newPhraseSet([]string{"visit visa", "visit visas", "tourist visa", "tourist visas", "tour visa",
	"umrah", "umra", "hajj", "ziyarat", "student visa", "study visa", "family visa", "وزٹ ویزا", "سیاحتی ویزا",
	"ٹورسٹ ویزا", "عمرہ", "عمرے", "حج", "زیارت", "سٹوڈنٹ ویزا", "اسٹوڈنٹ ویزا", "فیملی ویزا"})

// invitingEnd are the last words of an offer's closing question: "Interested?", "Available?",
// "tayyar hain?", "دلچسپی ہے؟".
var invitingEnd = wordSet([]string{"interested", "intrested", "available", "ready", "tayyar", "tayar", "dilchaspi",
	"تیار", "دلچسپی", "دلچسپ", "انٹرسٹڈ"})

// endsInviting reports whether the text's last word, or the one before a closing "hai", "hain",
// "ہے" or "ہیں", is an invitation's ("Interested?", "دلچسپی ہے؟").
func endsInviting(toks []token) bool {
	n := len(toks)
	if n == 0 {
		return false
	}
	if last := toks[n-1].w; n > 1 && (last == "hai" || last == "hain" || last == "ہے" || last == "ہیں" || last == "ho") {
		return invitingEnd[toks[n-2].w]
	}
	if sentOnEnd[toks[n-1].w] {
		// "Shall I send you the link?", "details bhej dun?": the offer's next step offered.
		return slices.ContainsFunc(toks[max(0, n-5):n-1], func(t token) bool { return sendWords[t.w] })
	}
	return invitingEnd[toks[n-1].w]
}

// sentOnEnd and sendWords end an offer's closing question that offers to send the next step:
// "Shall I send you the link?", "details share karun?".
var sentOnEnd, sendWords = wordSet([]string{"link", "links", "details", "form", "number"}),
	wordSet([]string{"send", "share", "bhejun", "bhejoon", "bhej", "bhejdun", "karun"})

// askerCue marks a question about someone else's demand: the agent or the company that asks,
// and the words that ask whether it is right ("is this legal?", "kya ye theek hai?"). An offer
// that ends on a question ("Who wants to go?") has neither.
var askerCue = newPhraseSet([]string{"agent", "agents", "agency", "company", "employer", "boss", "he", "she", "they",
	"is this", "is it", "is that", "are they", "can they", "can he", "can an", "can a", "should i", "kya ye", "kya yeh",
	"kya woh", "kya wo", "ایجنٹ", "کمپنی", "کیا یہ", "کیا وہ", "woh", "wo", "وہ",
	// People in general asking a price: "CoS ka kitna kharcha aata hai asal mein? Log 15 lakh maang rahe hain".
	"log", "people", "لوگ"})

// handedCue tells of a sum or a passport given, in the singular forms the paid list leaves out, or
// stuck: "passport diya tha", "ٹیکس دیا", "میرے ۱ لاکھ پھنس گئے".
var handedCue = newPhraseSet([]string{"diya", "diya tha", "de diya", "دیا", "دیا تھا", "دے دیا", "phans gaye", "phans gaya",
	"phas gaye", "phas gaya", "پھنس گئے", "پھنس گیا", "stuck"})

// disowns reports a text that calls the offer it carries a scam, as a statement: "kya ye dhoka hai?"
// and "is this a scam?" ask about the offer, and get its verdict.
func (d *doc) disowns() bool {
	if !d.anyOf(disownedCue) {
		return false
	}
	found := false
	d.eachIn(disownedCue, func(_ string, start, end int) bool {
		if d.negatedWithin(start, end, 2) {
			return true // "no scam post", "koi fraud alert nahi": a reassurance, an offer's own
		}
		rest := strings.TrimLeft(d.n.text[end:], " ")
		asked := strings.HasPrefix(rest, "?") || strings.HasPrefix(rest, "؟") ||
			slices.ContainsFunc(d.wordsBack(start, 2), func(w string) bool { return askingWords[w] || w == "is" || w == "کیا" })
		if ws := d.wordsForward(end, 1); len(ws) == 1 && (ws[0] == "na" || ws[0] == "نا" || ws[0] == "kya" || ws[0] == "کیا") {
			asked = true // "yeh fraud hai na?", "یہ دھوکہ ہے نا؟"
		}
		found = !asked
		return asked
	})
	return found
}

// disownedCue calls the offer a text carries a scam, in the words of one who passes it on to warn.
var disownedCue = newPhraseSet([]string{"the above ad is fake", "above ad is fake", "above message is fake",
	"the above is fake", "this ad is fake", "this message is fake", "this is a scam", "this is fake", "classic fraud",
	"classic scam", "it's a scam", "it is a scam", "ye ad fake", "yeh ad fake", "ye ad jaali", "ye msg fake",
	"ye message fake", "ye fraud hai", "yeh fraud hai", "ye sab fraud", "ye dhoka hai", "yeh dhoka hai",
	"یہ اشتہار جعلی", "یہ پیغام جعلی", "یہ جعلی ہے", "یہ فراڈ ہے", "یہ دھوکہ ہے", "یہ دھوکا ہے",
	// The offer above pointed at, and the reader told not to fall for it: "اوپر والا اشتہار جعلی ہے",
	// "upar wala ad fake hai", "Don't fall for this.", "it's fake. Ignore it".
	"اوپر والا اشتہار", "upar wala ad", "upar wali post", "the above post", "don't fall for this",
	"dont fall for this", "don't fall for it", "it's fake", "its fake", "is running a fake",
	"یہ سب دھوکہ", "یہ سب فراڈ", "ye sab dhoka",
	// The one whose name the offer uses disowns it: "our company has no connection whatsoever with
	// this advertisement", "woh college ki taraf se NAHI hai", "یہ اشتہار ہماری طرف سے نہیں".
	"no connection with this advertisement", "no connection with this ad", "no connection whatsoever",
	"nothing to do with this advertisement", "nothing to do with this ad", "not associated with this advertisement",
	"ki taraf se nahi hai", "ki taraf se nahi", "ki taraf se nahin", "hamari taraf se nahi", "ہماری طرف سے نہیں",
	"کی طرف سے نہیں", "اس اشتہار سے کوئی تعلق نہیں", "اشتہار سے ہمارا کوئی تعلق نہیں",
	// The numbers and pages the scammers use, disowned by the body they name: "OEC has no connection
	// with these pages or numbers", "یہ نمبر او ای سی کا نہیں ہے".
	"no connection with these", "no connection with such", "not associated with these", "nothing to do with these",
	"نمبر او ای سی کا نہیں", "نمبر ہمارا نہیں", "ان نمبروں سے کوئی تعلق نہیں", "ان پیجز سے کوئی تعلق نہیں",
	// A fact-check's verdict and a plain "it is a fraud": "یہ دعویٰ گمراہ کن ہے", "یہ صاف دھوکہ ہے".
	"یہ دعوی گمراہ کن", "یہ دعویٰ گمراہ کن", "دعوی جھوٹا ہے", "this claim is false", "the claim is false",
	"claim is misleading", "یہ صاف دھوکہ", "یہ صاف دھوکا", "100% fraud", "sau fisad fraud",
	// The verdict on what was pasted, short: "Fraud hai 100% ignore karo", "❌ SCAM POST ❌", "Is post
	// ko delete kar diya gaya", "Ye dunki hi hai bhai", "Mamu please don't send this to Faisal".
	"fraud hai", "scam hai", "scam post", "fake post", "fraud post", "scam alert",
	// "Ye ... wala ad fake hai guys", "FAKE ALERT 🚨", "Fake hai ye ⬇️". (Not "fake hai" alone: "FIA
	// walon ne kaha protector stamp fake hai" is a victim's document found false.)
	"ad fake", "fake hai ye", "fake hai yeh", "ye fake hai", "yeh fake hai", "jaali hai ye", "ye jaali hai",
	"fake alert", "fake ad",
	"fraud alert", "ignore karo", "ignore it", "post ko delete", "delete kar diya", "dunki hi hai",
	"don't send this", "dont send this", "do not send this", "this is how it starts", "فراڈ ہے",
	"جعلی پوسٹ"})

// quotedDemandCue tells what one person asked of the writer, in their words: "keh raha hai",
// "maang rahe", "he says", "is asking", "بتا رہا ہے". (A news report's "said" tells officials' words.)
var quotedDemandCue = newPhraseSet([]string{"keh raha", "keh rahe", "keh rahi", "kehta hai", "kehte hain", "kehti hai",
	"bol raha", "bol rahe", "bol rahi", "bola hai", "bola tha", "maang raha", "maang rahe", "maang rahi", "mang raha",
	"mang rahe", "mang rahi", "bata raha", "bata rahe", "bata rahi", "he says", "she says", "they say", "agent says",
	"agency says", "company says", "is asking", "are asking", "is demanding", "are demanding", "is charging",
	"are charging", "is telling", "told me", "told us", "asked me", "asked us", "agent wants", "agents want",
	"recruiter says", "recruiter wants", "he wants", "she wants", "they want", "uncle says", "someone offering",
	// Told in the past, of the offer the writer holds: "Agent said Qatar visa is 'azad visa' ...
	// 3.5 lakh. What is azad visa?", "someone called saying". ("Agent ne kaha tha visa agle hafte aa
	// jayega" tells a promise of the past, asked about by a mother.)
	"agent said", "he said", "she said", "they said", "called saying", "agent kehta", "ایجنٹ کہتا",
	"someone is offering", "کہہ رہا", "کہہ رہے", "کہہ رہی",
	"کہتا ہے", "کہتے ہیں", "بول رہا", "بول رہے", "مانگ رہا", "مانگ رہے", "مانگ رہی", "بتا رہا", "بتا رہے", "بتا رہی"})

// rightCue asks whether someone is right or genuine: "theek hain?", "sahi hai?", "asli hain?".
var rightCue = newPhraseSet([]string{"theek hain", "theek hai", "thik hain", "thik hai", "sahi hain", "sahi hai",
	"asli hain", "asli hai", "genuine hain", "genuine hai", "bharosemand hain", "ٹھیک ہیں", "ٹھیک ہے", "صحیح ہیں",
	"صحیح ہے", "اصلی ہیں", "اصلی ہے"})

// askCue asks the bot to tell or recommend, without a question mark: "koi achha agent batayen",
// "suggest a good agent".
var askCue = newPhraseSet([]string{"batayen", "bataen", "bataein", "batain", "bata dein", "bata den", "bataiye",
	"recommend", "suggest", "بتائیں", "بتا دیں", "بتایئے",
	// A forum post that asks for help in so many words: "I need help understanding sponsorship ...
	// any tips would be greatly appreciated".
	"i need help understanding", "any tips", "any advice", "please advise", "kindly advise", "need your advice",
	"rehnumai karein", "رہنمائی کریں", "رہنمائی فرمائیں"})

// helplineCue names an authority's number or where to complain (helplines, hotlines, complaint
// cells): advisories give them, recruiters do not.
var helplineCue = newPhraseSet([]string{"helpline", "help line", "hotline", "complaint cell", "complaints cell",
	"to complain", "for complaints", "file a complaint", "lodge a complaint", "report to", "report at", "report it to",
	"ہیلپ لائن", "ہاٹ لائن", "شکایت کے لیے", "شکایت کیلئے", "شکایات کے لیے", "شکایت درج", "shikayat ke liye",
	"shikayat ke liay", "helpline number"})

// authorityNumbers are the complaint lines of design.md §1, as their digits: the FIA's hotline
// (111-247-786) and its older helpline (111-345-786), the NCCIA's helpline (1799) and helpdesk
// (051-9106691). A text that gives one points to an authority, whatever words it wraps it in
// ("... ki shikayat 111-247-786 par karein"); "report karein" alone is also a lawful ad's ("if
// anyone asks you for money, report it").
var authorityNumbers = []string{"111247786", "111345786", "1799", "0519106691"}

// authorityNumber reports whether text gives one of authorityNumbers as a whole number, its
// groups joined by hyphens or spaces ("111-247-786", "051 9106691"), not inside a longer one.
func authorityNumber(text string) bool {
	if !strings.Contains(text, "1799") && !strings.Contains(text, "111") && !strings.Contains(text, "9106691") {
		return false // every authority number holds one of these: most texts are ruled out at once
	}
	found := false
	eachNumber(text, func(digits []byte) {
		found = found || isAuthorityNumber(digits)
	})
	return found
}

// onlyAuthorityPhones reports whether every phone number of text (seven digits or more, as
// findPhoneNumber counts them) is one of authorityNumbers: a notice that gives the FIA's hotline
// gives no way to reach whoever asks for money.
func onlyAuthorityPhones(text string) bool {
	only := true
	eachNumber(text, func(digits []byte) {
		only = only && (len(digits) < 7 || isAuthorityNumber(digits))
	})
	return only
}

// isAuthorityNumber reports whether digits are one of authorityNumbers (compared without
// allocating: a text of a million numbers is read in linear time and no garbage).
func isAuthorityNumber(digits []byte) bool {
	for _, a := range authorityNumbers {
		if string(digits) == a {
			return true
		}
	}
	return false
}

// eachNumber calls fn with the digits of each number in text, its groups joined by hyphens,
// spaces or a plus ("+92 300-1234567" is one number). The digits are fn's to read, not to keep.
func eachNumber(text string, fn func(digits []byte)) {
	var buf [32]byte
	b := buf[:0]
	for i := 0; i <= len(text); i++ {
		switch {
		case i < len(text) && isDigitByte(text[i]):
			if len(b) < cap(b) {
				b = append(b, text[i])
			} else {
				b = b[:cap(b)] // a run longer than any phone number: no authority's
			}
			continue
		case i+1 < len(text) && len(b) > 0 && (text[i] == '-' || text[i] == ' ' || text[i] == '+') && isDigitByte(text[i+1]):
			continue
		}
		if len(b) > 0 {
			fn(b)
			b = b[:0]
		}
	}
}

// investedCue names money put in for a return: the investment app's "daily profit".
var investedCue = newPhraseSet([]string{"investment", "invest", "invested", "profit", "crypto", "trading app",
	"investment app", "سرمایہ کاری", "منافع", "انویسٹمنٹ"})

// notPaidCue says the writer has not paid yet.
// ("Company ne 3 mahine se paise nahi diye" is wages withheld, a loss: only the writer's own
// payment denied counts.)
var notPaidCue = newPhraseSet([]string{"میں نے پیسے نہیں", "میں نے ابھی", "ابھی پیسے نہیں", "ابھی میں نے",
	"maine paise nahi", "maine abhi", "abhi paise nahi", "abhi maine", "i haven't paid", "i have not paid",
	// The same in other words and orders: "Kuch diya nahi abhi tak", "Haven't paid. Kya aisa possible
	// hai?", "پیسے ابھی نہیں دیے".
	"kuch diya nahi", "paise nahi diye", "haven't paid", "have not paid", "پیسے نہیں دیے", "پیسے ابھی نہیں",
	// "Main ne abhi nahi diye", "maine abhi tak nahi diye", "ابھی دیے نہیں".
	"main ne abhi", "abhi nahi diye", "abhi tak nahi diye", "abhi diye nahi", "ابھی دیے نہیں", "ابھی نہیں دیے",
	"humne kuch nahi diya", "hum ne kuch nahi diya", "humne abhi kuch nahi diya", "maine kuch nahi diya", "ہم نے کچھ نہیں دیا",
	"میں نے کچھ نہیں دیا",
	"not paid yet", "haven't paid anything", "have not paid anything",
	"abhi kuch nahi diya", "abhi kuch nahi bheja", "abhi tak kuch nahi diya", "ابھی کچھ نہیں دیا", "ابھی تک کچھ نہیں دیا",
	"ابھی کچھ نہیں بھیجا", "haven't paid yet", "have not paid yet", "not paid anything yet", "i have not sent",
	// The same with someone named or the words turned round: "abhi kisi ko kuch nahi diya", "Abhi
	// tak diya kuch nahi", "ابھی کسی کو کچھ نہیں دیا".
	"kisi ko kuch nahi diya", "kisi ko abhi kuch nahi diya", "abhi tak diya kuch nahi", "abhi diya kuch nahi",
	"diya kuch nahi", "کسی کو کچھ نہیں دیا", "ابھی تک کچھ نہیں دیا", "کچھ نہیں دیا ابھی", "haven't given anything",
	"have not given anything", "haven't sent anything", "have not sent anything",
	// Nothing deposited or asked yet: "I haven't deposited anything", "kuch paise nahi maange abhi tak".
	"haven't deposited", "have not deposited", "nothing deposited", "paise nahi maange", "paisay nahi maange",
	"kuch nahi maanga", "abhi tak kuch nahi maanga"})

// conditionalCue supposes: "agar" (typed "agr" too), "if", "اگر", "in case".
var conditionalCue = newPhraseSet([]string{"agar", "agr", "if", "in case", "اگر", "اگرچہ", "supposing"})

// droppedSubject are the verbs a message starts with when its writer leaves out "I": "Sent
// 15,000 to ...", "Paid 3 lakh for ...".
var droppedSubject = map[string]bool{"sent": true, "paid": true, "gave": true, "transferred": true, "deposited": true,
	"lost": true, "scammed": true, "cheated": true, "duped": true, "conned": true}

// paidUnsaidSubject reports money told as paid in Urdu's past perfect with no one named as the
// payer: "trading app me 80 hazar lagaye the", "agent ko 2 lakh diye the, ab phone band hai".
// Urdu names another payer with "ne" ("agent ne", "متاثرین نے"); without it the one who paid is
// the writer, as English drops the "I" of "Paid 2 lakh for Poland".
func (d *doc) paidUnsaidSubject() bool {
	if !d.anyOf(pastPaidCue) {
		return false
	}
	for _, t := range d.toks {
		if t.w == "ne" || t.w == "نے" {
			return false
		}
	}
	return true
}

// pastPaidCue is money paid, in the past perfect ("lagaye the", "diye the", "دیے تھے") or as a sum
// given ("4 lakh diye").
var pastPaidCue = newPhraseSet([]string{"lagaye the", "lagaye thay", "lagaye thy", "diye the", "diye thay", "diye thy",
	"bheje the", "bheje thay", "jama karwaye the", "jama karwaye thay", "jama karaye the", "de diye the",
	"لگائے تھے", "دیے تھے", "دیئے تھے", "بھیجے تھے", "جمع کروائے تھے", "جمع کرائے تھے", "دے دیے تھے",
	// A sum and "gave", the payer left out as in a hurried plea: "۴ لاکھ دیے، اب دفتر بند ہے".
	"لاکھ دیے", "ہزار دیے", "لاکھ دے دیے", "ہزار دے دیے", "lakh diye", "hazar diye", "lakh de diye", "hazar de diye"})

// groupedSum reports a number written in groups of thousands ("30,000", "1,20,000"), which phone
// numbers, years and licence numbers never are.
func groupedSum(w string) bool {
	return len(w) >= 5 && len(w) <= 11 && w[0] != '0' && strings.IndexByte(w, ',') > 0 && w[len(w)-1] != ',' &&
		allDigits(strings.ReplaceAll(w, ",", ""))
}

// hasBareSum reports a number of four to seven digits that is no phone number's part (those
// start with 0 or 92), or one grouped by thousands: how people who write to a helpline give the
// sum they lost, without a currency ("I paid 350000 to an agent", "15000 dalo", "I paid 30,000").
func (d *doc) hasBareSum() bool {
	for i, t := range d.toks {
		if n := len(t.w); n >= 4 && n <= 7 && allDigits(t.w) && t.w[0] != '0' && !strings.HasPrefix(t.w, "92") &&
			!d.licenceShaped(i) {
			return true
		}
		if groupedSum(t.w) {
			return true
		}
	}
	return false
}

// licenceShaped reports a number written as a licence is: before a slash ("2415/RWP") or after a
// licence word ("OEPL 2415").
func (d *doc) licenceShaped(i int) bool {
	t := d.toks[i]
	if rest := strings.TrimLeft(d.n.text[t.end:], " "); strings.HasPrefix(rest, "/") {
		return true
	}
	return i > 0 && (licenceWords[d.toks[i-1].w] || licenceAbbrev[d.toks[i-1].w])
}

// lostCue names what a victim loses besides money paid: documents, wages, the job or the visa.
var lostCue = newPhraseSet([]string{"passport", "passports", "iqama", "cnic", "documents", "visa", "visas",
	"work permit", "ورک پرمٹ", "appointment letter",
	"salary", "salaries", "wages", "tankhwah", "tankhwa", "tankha", "تنخواہ",
	"پاسپورٹ", "اقامہ", "شناختی کارڈ", "ویزا", "ویزہ", "ویزے", "kaghzat", "کاغذات"})

// paidActively reports whether a word of paying (the paid list) tells of a payment made: not in
// the passive, after "be", "is" or "been", or before "by" ("to be paid by the sponsor").
func (d *doc) paidActively() bool {
	found := false
	d.eachIn(d.cues.paid, func(_ string, start, end int) bool {
		if ws := d.wordsBack(start, 1); len(ws) == 1 && (passiveAux[ws[0]] || verbNegators[ws[0]]) {
			// Passive ("to be paid by the sponsor"), or denied in Urdu, where the negation stands
			// before the verb: "ابھی میں نے پیسے نہیں دیے", "maine paise nahi diye". (English "not
			// paid her salary" is a loss: wages withheld.)
			return true
		}
		if ws := d.wordsForward(end, 1); len(ws) == 1 && ws[0] == "by" {
			return true
		}
		if c := d.clauseAt(start); strings.ContainsAny(d.n.text[start:c.end], "?؟") && slices.ContainsFunc(d.wordsForward(c.start, 1), func(w string) bool { return passiveAux[w] }) {
			// Asked in the passive: "Is the SVP test fee paid in dollars?" asks how one pays.
			return true
		}
		found = true
		return false
	})
	return found
}

// paidSums counts the sums someone is told to have paid, in English: "youths who paid a
// consultancy Rs 10-12 lakh each", "Suresh paid a broker Rs 12 lakh", "lost 1.8 lakh. agent name
// Bilal". An offer names what is to be paid ("pay Rs 50,000", "fee will be paid after the visa"),
// and the pay it promises ("drivers are paid AED 2,000 a month") is passive or the salary's; the
// past tense of paying a sum is what a loss is told in.
func (d *doc) paidSums() int {
	count := 0
	for i, t := range d.toks {
		if !paidVerbIDs.has(t.id) || i > 0 && unpaidBefore[d.toks[i-1].w] {
			continue
		}
		for j := i + 1; j < len(d.toks) && j <= i+6; j++ {
			w := d.toks[j].w
			if w == "no" || w == "nothing" || salaryAfterPaid[w] || strings.ContainsAny(d.n.text[d.toks[j-1].end:d.toks[j].start], ".?!;\n") {
				break
			}
			if isCurrency(w) || w != "k" && multiplier[w] > 0 && j > i+1 && isDigitByte(d.toks[j-1].w[0]) {
				// Not the pay an ad promises ("paid seven hundred dollars wkly"), and with the one
				// paid, or the sum paid by each: "paid a broker Rs 12 lakh", "paid Rs 3 lakh to an
				// agent", "paid Rs 10 lakh each". A government or a company that paid or spent a
				// sum is news of its budget.
				if !slices.ContainsFunc(d.toks[j+1:min(len(d.toks), j+3)], func(t token) bool { return salaryAfterPaid[t.w] }) &&
					slices.ContainsFunc(d.toks[i+1:min(len(d.toks), j+5)], func(t token) bool { return paidToCue[t.w] }) {
					count++
				}
				break
			}
		}
	}
	return count
}

// paidVerbIDs are the ids of the past tenses a sum is told to have gone in: paid, spent, lost, gave, sent.
var paidVerbIDs = wordIDSet(wordSet([]string{"paid", "spent", "lost", "gave", "sent", "transferred", "deposited", "handed"}))

// unpaidBefore are the words before "paid" or "spent" that make it no one's payment of a sum:
// the passive of pay ("are paid", "will be paid"), its denial, and the pay of the job ("well paid",
// "overtime paid").
var unpaidBefore = wordSet([]string{"be", "is", "are", "been", "being", "get", "gets", "got", "getting", "was", "were",
	"will", "not", "never", "no", "well", "highly", "fully", "salary", "overtime", "time", "hours", "days", "leave"})

// salaryAfterPaid are the words after "paid", or after its sum, that make the sum the job's pay:
// "paid monthly", "paid leave", "paid per hour", "paid $700 weekly".
var salaryAfterPaid = wordSet([]string{"monthly", "weekly", "daily", "salary", "per", "hourly", "leave", "holidays",
	"overtime", "vacation", "wages", "wage", "time", "wkly", "week", "month", "hour", "hr", "day"})

// paidToCue names who a loss is paid to, or that each victim paid it.
var paidToCue = wordSet([]string{"agent", "agents", "broker", "brokers", "consultancy", "consultancies", "consultant",
	"recruiter", "recruiters", "middleman", "middlemen", "smuggler", "smugglers", "trafficker", "traffickers", "dalal",
	"agency", "fraudster", "fraudsters", "scammer", "scammers", "each", "apiece"})

// passiveAux are the auxiliaries of the passive before a participle of paying.
var passiveAux = wordSet([]string{"be", "is", "are", "been", "being"})

// hasCode reports whether the text holds a number of four to eight digits standing alone, the
// shape of a one-time code or a transaction id, or a six-digit code written in two halves
// ("614-029", "902 144"), as WhatsApp and the banks print theirs.
func (d *doc) hasCode() bool {
	if d.hasBareNumber(4, 8) {
		return true
	}
	// The tokenizer parts a number at a dash or a space, so the halves are two words.
	for i := 1; i < len(d.toks); i++ {
		a, b := d.toks[i-1], d.toks[i]
		if len(a.w) == 3 && len(b.w) == 3 && allDigits(a.w) && allDigits(b.w) && b.start == a.end+1 &&
			(d.n.text[a.end] == '-' || d.n.text[a.end] == ' ') && !numberGoesOn(d.n.text, a.start, b.end) {
			return true
		}
	}
	return false
}

// numberGoesOn reports whether the digits from start to end are part of a longer number: a digit
// or a dash right before or after them ("111-111-425" is a helpline, not a code in two halves).
func numberGoesOn(text string, start, end int) bool {
	part := func(c byte) bool { return c == '-' || isDigitByte(c) }
	return start > 0 && part(text[start-1]) || end < len(text) && part(text[end])
}

// hasPhoneNumber reports whether the text carries a run of at least seven digits (separators
// allowed): a phone, wallet or account number.
func (d *doc) hasPhoneNumber() bool {
	if d.phone == 0 {
		d.phone = -1
		if d.findPhoneNumber() {
			d.phone = 1
		}
	}
	return d.phone == 1
}

// findPhoneNumber is hasPhoneNumber's search, which several signs ask for: longDigitRun over the
// text from its first number. Every digit is in a word that starts with a digit, so the text is
// read only from each such word on, up to the first byte after the word that ends a run (a run
// goes on over the separators between numbers): the letters between numbers are not read. A
// word read only in part (the read ended at the comma inside "1,250,000") is read on from where
// the read ended, at a byte that ended the run.
func (d *doc) findPhoneNumber() bool {
	s := d.n.text
	read := 0 // the text before read has been read
	for _, t := range d.toks {
		if t.end <= read || !isDigitByte(t.w[0]) {
			continue
		}
		run, i := 0, max(t.start, read)
		for ; i < len(s); i++ {
			switch digitRunClass[s[i]] {
			case digitRunDigit:
			case digitRunSeparator:
				continue
			case digitRunDB:
				if i+1 < len(s) && s[i+1] >= 0xB0 && s[i+1] <= 0xB9 {
					i++
					break
				}
				fallthrough
			default:
				if i >= t.end {
					goto next // the run ended after the word: the bytes up to the next number end none
				}
				run = 0
				continue
			}
			if run++; run >= 7 {
				return true
			}
		}
	next:
		read = i
	}
	return false
}

// topic says what a question is about; "" when it is about nothing the bot answers.
func (d *doc) topic() Topic {
	c := d.cues
	switch {
	case d.anyOf(c.topicComplain):
		return TopicComplain
	case d.anyOf(c.topicProtector):
		return TopicProtector
	case d.anyOf(c.topicVisitVisa):
		// "Can I go on a visit visa and find work?" asks about the sign itself.
		return TopicVisitVisa
	case d.anyOf(c.topicFees):
		return TopicFees
	case d.anyOf(c.topicCheck):
		return TopicCheck
	case d.anyOf(c.topicAbroad):
		// "Can I change my sponsor when my iqama has expired?" is for the embassy's welfare
		// attaché to answer; the bot says so rather than that it is no job ad.
		return TopicAbroad
	case d.anyOf(c.topicPrepare) || d.anyOf(howLongCue) && (d.overseas() || d.jobAd > 0 || d.counts[cueWork] > 0):
		// "If I am found unfit at the medical, can I take it again?", "How long does a Qatar visa
		// take after the medical?": the steps before leaving, which the Migrant Resource Centres
		// explain free. How long something takes is such a step only beside a visa, a job or
		// abroad: "Apko kitna time lag jaye ga" asks a friend.
		return TopicPrepare
	}
	return ""
}

// howLongCue asks how long something takes.
var howLongCue = newPhraseSet([]string{"how long does", "how long will", "how long it takes", "how many days",
	"kitne din", "kitna time", "kitna waqt", "کتنے دن", "کتنا ٹائم", "کتنا وقت"})

// asciiLetters8 counts the ASCII letters among the eight bytes of x, all of them ASCII: a byte
// made lower case (b|0x20) is a letter when it is at least 'a' and not more than 'z', which
// adding 0x1F and 0x05 to it carries into its top bit (no byte below 0x80 carries into the next).
func asciiLetters8(x uint64) int {
	l := x | 0x2020202020202020
	atLeastA := l + 0x1F1F1F1F1F1F1F1F // 'a' is 0x61: 0x61+0x1F = 0x80
	pastZ := l + 0x0505050505050505    // 'z' is 0x7A: 0x7B+0x05 = 0x80
	return bits.OnesCount64(atLeastA &^ pastZ & 0x8080808080808080)
}

// scriptBlocks are the Unicode blocks of scripts that only other languages are written in.
var scriptBlocks = [...]struct {
	lo, hi rune
	lang   string
}{
	{0x0900, 0x097F, "hi"}, {0x0980, 0x09FF, "bn"}, {0x0A00, 0x0A7F, "pa"}, {0x0B80, 0x0BFF, "ta"},
	{0x0D80, 0x0DFF, "si"}, {0x0E00, 0x0E7F, "th"}, {0x0400, 0x04FF, "ru"}, {0x4E00, 0x9FFF, "zh"},
	{0x3040, 0x30FF, "zh"}, {0xAC00, 0xD7AF, "ko"},
	// The other scripts of the countries that send workers to the Gulf and of the scripts on
	// its streets: Malayalam, Gujarati, Odia, Telugu, Kannada, Burmese, Khmer, Lao, Georgian,
	// Ethiopic (Amharic, Tigrinya), Greek, Armenian, Hebrew.
	{0x0D00, 0x0D7F, "ml"}, {0x0A80, 0x0AFF, "gu"}, {0x0B00, 0x0B7F, "or"}, {0x0C00, 0x0C7F, "te"},
	{0x0C80, 0x0CFF, "kn"}, {0x1000, 0x109F, "my"}, {0x1780, 0x17FF, "km"}, {0x0E80, 0x0EFF, "lo"},
	{0x10A0, 0x10FF, "ka"}, {0x1200, 0x139F, "am"}, {0x0370, 0x03FF, "el"}, {0x0530, 0x058F, "hy"},
	{0x0590, 0x05FF, "he"},
}

// The letters of the Arabic block that tell the languages written in it apart: Urdu's own, and
// letters only Pashto, only Sindhi or only Arabic use.
const (
	otherArabicLetter = iota
	urduLetter
	pashtoLetter
	sindhiLetter
	arabicLetter
	numArabicLetterKinds
)

// arabicLetterKinds is the kind of each rune of the Arabic block (U+0600-U+06FF): one read per
// letter instead of a switch over forty. A letter on two lists would count for the first of
// Urdu, Pashto, Sindhi and Arabic, so the lists are entered in the reverse order.
var arabicLetterKinds = func() (t [0x100]uint8) {
	for _, l := range []struct {
		kind    uint8
		letters string
	}{{arabicLetter, "ةىإأ"}, {sindhiLetter, "ڄڃڇڏڙٺٽڦڪڳڻٻڀڱڊڍڌ"}, {pashtoLetter, "ټډړږښګڼۍېځڅ"}, {urduLetter, "ےںٹڈڑہھ"}} {
		for _, r := range l.letters {
			t[r-0x0600] = l.kind
		}
	}
	return t
}()

// arabicBlockClass is how otherLanguage counts each rune of the Arabic block (U+0600-U+06FF),
// indexed by the low two bits of its lead byte (D8-DB) and the low six of its second: 0 for a rune
// that is not a letter, else one more than its arabicLetterKinds ("۾", Sindhi's sign, counts as a
// Sindhi letter).
var arabicBlockClass = func() (t [0x100]uint8) {
	for k := range t {
		r := rune(0x0600 + k)
		switch {
		case r == 0x06FE:
			t[k] = sindhiLetter + 1
		case isLetter(r):
			t[k] = arabicLetterKinds[k] + 1
		}
	}
	return t
}()

// arabicWordRune says, for each rune of the Arabic block indexed as in arabicBlockClass, whether
// it is a letter or a mark: a rune of the words whose small words otherLanguage counts.
var arabicWordRune = func() (t [0x100]bool) {
	for k := range t {
		t[k] = isLetter(rune(0x0600+k)) || isMark(rune(0x0600+k))
	}
	return t
}()

// otherLanguage names the language of a text the rules cannot read, or "" for English, Urdu,
// Roman Urdu and mixes of them. It reads the original letters, before normalisation makes Arabic
// and Persian letters Urdu: Pashto and Sindhi have letters of their own, Arabic and Persian lack
// Urdu's (ے ں ٹ ڈ ڑ) and have their own small words, Punjabi in Shahmukhi shares Urdu's letters
// but not its small words, and other scripts are told by their Unicode blocks.
func otherLanguage(text string, c *Cues) string {
	var letters, arabicScript int
	var kinds [numArabicLetterKinds]int
	var blocks [len(scriptBlocks)]int
	// arabic counts the runes of the Arabic block by arabicBlockClass: most of an Urdu text,
	// read in a loop of their own and added up at the end.
	var arabic [numArabicLetterKinds + 1]int
	for i := 0; i < len(text); {
		if b := text[i]; b >= 0xD8 && b <= 0xDB {
			from := i
			for i+1 < len(text) {
				lead, next := text[i], text[i+1]
				if lead < 0xD8 || lead > 0xDB || next&0xC0 != 0x80 {
					break
				}
				arabic[arabicBlockClass[int(lead&3)<<6|int(next&0x3F)]]++
				i += 2
			}
			if i > from {
				continue
			}
			// A lead byte with no continuation byte after it is decoded below, as utf8 does.
		}
		if b := text[i]; b < utf8.RuneSelf {
			// An ASCII letter is Latin, which only counts as a letter: no decoding, no tables.
			// Eight bytes that are all ASCII, most of a Latin text, are counted at once.
			if i+8 <= len(text) {
				w := text[i : i+8]
				x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
					uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
				if x&0x8080808080808080 == 0 {
					letters += asciiLetters8(x)
					i += 8
					continue
				}
			}
			if l := b | 0x20; l >= 'a' && l <= 'z' {
				letters++
			}
			i++
			continue
		}
		r, size := decodeTwoByte(text, i)
		if size == 0 {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if r == 0x06FE {
			// "۾" (in), Sindhi's most frequent word, is a sign rather than a letter.
			letters++
			arabicScript++
			kinds[sindhiLetter]++
			continue
		}
		if !isLetter(r) {
			continue
		}
		letters++
		switch {
		case r >= 0x0600 && r <= 0x06FF:
			arabicScript++
			kinds[arabicLetterKinds[r-0x0600]]++
		case r >= 0xFB50 && r <= 0xFEFF:
			arabicScript++ // presentation forms: none is one of the letters that tell languages apart
		case r < 0x0370:
			// Latin: English and Roman Urdu.
		default:
			for i, sb := range scriptBlocks {
				if r >= sb.lo && r <= sb.hi {
					blocks[i]++
					break
				}
			}
		}
	}
	for k, n := range arabic[1:] {
		letters += n
		arabicScript += n
		kinds[k] += n
	}
	urduOnly, pashto, sindhi, arabicOnly := kinds[urduLetter], kinds[pashtoLetter], kinds[sindhiLetter], kinds[arabicLetter]
	if letters == 0 {
		return ""
	}
	// Chinese and Japanese share "zh" across two blocks: sum each language's letters.
	var perLang map[string]int
	for i, n := range blocks {
		if n > 0 {
			if perLang == nil {
				perLang = map[string]int{}
			}
			perLang[scriptBlocks[i].lang] += n
		}
	}
	for lang, n := range perLang {
		if n*2 > letters {
			return lang
		}
	}
	if arabicScript*2 <= letters || arabicScript < 8 {
		return ""
	}
	switch {
	case pashto >= 2 && pashto*40 >= arabicScript && pashto > sindhi:
		return "ps"
	case sindhi >= 2 && sindhi*40 >= arabicScript:
		return "sd"
	}
	// The words are the runs of letters and marks, read in place rather than split into a slice.
	// A word longer than every small word, or of a shape none of them has (Cues.smallShape), is
	// none (smallNone, whose count is not read): it is not looked up.
	var small [numSmallWordLangs]int
	start := -1
	for i, size := 0, 0; i < len(text); i += size {
		// The runes as range reads them, Urdu's two-byte letters decoded in line.
		r := rune(text[i])
		if r < utf8.RuneSelf {
			size = 1
		} else if r, size = decodeTwoByte(text, i); size == 0 {
			r, size = utf8.DecodeRuneInString(text[i:])
		} else if r >= 0x0600 && r <= 0x06FF && arabicWordRune[r-0x0600] {
			// A letter of the Arabic block: the run of such letters and marks that follows it,
			// the rest of an Urdu word, is read to its end at once.
			if start < 0 {
				start = i
			}
			for i+size+1 < len(text) {
				lead, next := text[i+size], text[i+size+1]
				if lead < 0xD8 || lead > 0xDB || next&0xC0 != 0x80 || !arabicWordRune[int(lead&3)<<6|int(next&0x3F)] {
					break
				}
				size += 2
			}
			continue
		}
		if isLetter(r) || isMark(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := text[start:i]; len(w) <= c.maxSmallWord && c.smallShape.may(w) {
				small[c.smallWords[w]]++
			}
			start = -1
		}
	}
	if w := text[max(start, 0):]; start >= 0 && len(w) <= c.maxSmallWord && c.smallShape.may(w) {
		small[c.smallWords[w]]++
	}
	ur, pa, ar, fa := small[smallUrdu], small[smallPunjabi], small[smallArabic], small[smallPersian]
	switch {
	case urduOnly == 0 && (ar > 0 || arabicOnly > 0) && ar+arabicOnly >= fa && (ar >= 2 || !strings.ContainsAny(text, "پچگژ")):
		// (Arabic's alphabet lacks پ, چ, گ and ژ: a text that has one and at most one word that
		// Arabic shares, "او ای پی لائسنس نمبر 1849 پشاور" with its "او", is Urdu or Persian.)
		return "ar"
	case urduOnly*30 < arabicScript && fa > ur && fa >= 2:
		return "fa"
	case urduOnly == 0 && fa >= 1 && ur == 0:
		return "fa"
	case pa >= 2 && pa > ur:
		return "pa"
	}
	return ""
}

// latinSmallWords are frequent short words of languages written in Latin letters other than
// English and Roman Urdu: Tagalog (Filipino workers' advisories and offers), German, French,
// Spanish and Indonesian or Malay ("id" for both). None is an English or a Roman Urdu word ("na",
// "ke", "di", "le", "pas", "con", "son" and "y" are left out for that reason).
var latinSmallWords = [...]struct {
	lang  string
	words []string
}{
	{"tl", []string{"ang", "ng", "mga", "ito", "nga", "kung", "hindi", "naman", "natin", "kayo", "sila", "ating", "upang", "lamang", "ninyo", "namin"}},
	{"de", []string{"der", "das", "und", "ist", "nicht", "mit", "wir", "ein", "eine", "fur", "auf", "dem", "sich", "von", "bei", "oder", "werden", "sind"}},
	{"fr", []string{"les", "des", "et", "est", "une", "dans", "vous", "nous", "sur", "avec", "qui", "aux", "ces", "sont"}},
	{"es", []string{"el", "los", "las", "que", "por", "una", "del", "su", "como", "pero", "esta"}},
	{"id", []string{"yang", "untuk", "dengan", "ini", "itu", "tidak", "ada", "kami", "akan", "dari", "pada", "atau", "bisa"}},
}

// latinHomeWords are frequent short words of English and Roman Urdu, which the rules read.
var latinHomeWords = wordIDSet(wordSet([]string{"the", "and", "of", "to", "is", "for", "you", "your", "with", "are", "this",
	"that", "will", "be", "we", "in", "on", "at", "our", "have", "hai", "hain", "ka", "ki", "ke", "ko", "se", "mein",
	"nahi", "aur", "kya", "karein", "ap", "aap"}))

// latinForeign numbers each foreign small word with its language's index in latinSmallWords,
// plus one; latinForeignAny holds them all.
var latinForeign, latinForeignAny = func() (map[wordID]int, idSet) {
	m, all := map[wordID]int{}, idSet{}
	for i, l := range latinSmallWords {
		for _, w := range l.words {
			id := wordIDOf(Normalize(w))
			m[id] = i + 1
			all.add(id)
		}
	}
	return m, all
}()

// latinLanguage names the language of a text in Latin letters that is neither English nor Roman
// Urdu: more of one such language's small words than of English and Roman Urdu together, and at
// least three. An English ad that quotes a French phrase stays English.
func (d *doc) latinLanguage() string {
	var counts [len(latinSmallWords)]int
	home := 0
	for _, t := range d.toks {
		switch {
		case latinHomeWords.has(t.id):
			home++
		case latinForeignAny.has(t.id):
			counts[latinForeign[t.id]-1]++
		}
	}
	for i, n := range counts {
		if n >= 3 && n > home {
			return latinSmallWords[i].lang
		}
	}
	return ""
}

// onlyCode reports whether every flag of fs has code c.
func onlyCode(fs []Flag, c Code) bool {
	for _, f := range fs {
		if f.Code != c {
			return false
		}
	}
	return true
}

// jobOnlySign reports whether one of the signs is one only a job offer shows: work on a visit
// or Umrah visa, an azad visa, a task scam, pay too good to be true, the irregular route, a scam
// compound's country, a job with no interview. A sale that shows one sells a job.
func jobOnlySign(found []Flag) bool {
	for _, f := range found {
		switch f.Code {
		case VisitVisaWork, AzadVisa, TaskScam, UnrealisticPay, IrregularRoute, HighRiskDestination, NoInterview:
			return true
		}
	}
	return false
}
