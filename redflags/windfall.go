package redflags

// TopicWindfall marks a message that is no job offer but promises money to be claimed (a prize, a
// lucky draw, a BISP or Ehsaas payment, a grant, a gift, a parcel held at customs) and asks for a
// fee, the reader's details or a call to a private number first: the prize and benefit frauds
// that reach every Pakistani phone. The bot answers that it is no job ad, and says what such
// messages are and where to report them, instead of a dead end.
const TopicWindfall Topic = "windfall"

var (
	// prizeCue is money or goods promised to the reader for nothing: won, a prize, a draw, a
	// government benefit, a grant, a gift.
	prizeCue = newPhraseSet([]string{"won", "winner", "winners", "prize", "lucky draw", "jackpot", "lottery", "grant",
		"award", "gift", "bisp", "b.i.s.p", "b/i/s/p", "benazir income support", "benazir kafalat", "ehsaas", "imdad", "emdad",
		"imdadi", "wazifa", "inaam", "inam", "inami", "jeeta", "jeeti", "jeet", "jeete", "tohfa", "qurandazi", "qura andazi",
		"8171",
		"انعام", "انعامی", "نعام", "جیتا", "جیتی", "جیت", "جیتے", "قرعہ اندازی", "لکی ڈرا", "بی آئی ایس پی", "بینظیر انکم سپورٹ",
		"بینظیر کفالت", "احساس", "امداد", "امدادی", "وظیفہ", "تحفہ", "گفٹ"})
	// parcelCue is a parcel or a package said to be held.
	parcelCue = newPhraseSet([]string{"parcel", "package", "shipment", "courier", "پارسل", "پیکج", "کورئیر"})
	// claimCue is what a prize's claim asks: a fee, a tax, the reader's details, a message or a
	// call to a private number.
	claimCue = newPhraseSet([]string{"fee", "fees", "tax", "charges", "charge", "load", "balance", "send", "details", "cnic",
		"account number", "bank details", "contact", "call", "rabta", "rabita", "rbta", "whatsapp", "whats app", "bhejein",
		"bhejen", "bhejain", "bhej dein", "jama", "easypaisa", "easy paisa", "jazzcash", "jazz cash", "claim", "register",
		"verify",
		"فیس", "ٹیکس", "چارجز", "لوڈ", "بیلنس", "بھیجیں", "رابطہ", "کال", "واٹس ایپ", "تفصیلات", "شناختی کارڈ", "جمع", "ایزی پیسہ",
		"جاز کیش"})
	// dueCue is what a held parcel's fraud asks: a duty, a fee or the address "updated" through its link.
	dueCue = newPhraseSet([]string{"fee", "fees", "duty", "customs", "tax", "charges", "clearance", "pay", "payment", "update",
		"فیس", "ڈیوٹی", "کسٹم", "کسٹمز", "ٹیکس", "چارجز", "کلیئرنس", "ادائیگی", "ادا", "اپ ڈیٹ"})
	// yourCue is the reader as the one who won or is owed: "your number has won", "aap ki raqam",
	// "آپ کا پارسل". A reward promised to whoever finds a lost buffalo names no reader.
	yourCue = newPhraseSet([]string{"you", "your", "ur", "aap", "ap", "apka", "apki", "apke", "apko", "aapka", "aapki", "aapke", "aapko",
		"آپ", "آپکا", "آپکی", "آپکے", "آپکو"})
)

// windfallClaim reports a message that is no job offer and promises the reader money or goods to
// be claimed by paying, sending details or contacting a private number, or holds their parcel
// against a fee (TopicWindfall). The way to claim must be a mobile number or a link: a telco's
// "you have won 1 GB, dial *123#" gives none, a courier's note that the rider will call again asks
// nothing, a bank's notice is a receipt and an appeal for a sick child's operation asks a gift.
func (d *doc) windfallClaim(s signals) bool {
	if !(s.mobile || s.reach) || s.bankNotice || s.charity || s.jobCues > 0 || s.work || s.advisory > 0 || s.news >= 2 ||
		!d.anyOf(yourCue) {
		return false
	}
	return d.anyOf(prizeCue) && (s.demand || d.anyOf(claimCue)) || d.anyOf(parcelCue) && d.anyOf(dueCue)
}
