package redflags

import "github.com/tasdeeq/tasdeeq/licences"

// Risk is the overall verdict. It never says "safe": low means a cited licence is Active on the
// register and no warning sign was found, and the user is still told to confirm with the
// Protector of Emigrants before paying.
type Risk string

// The three risk levels of the JSON contract.
const (
	High   Risk = "high"
	Medium Risk = "medium"
	Low    Risk = "low"
)

// Language is the language an ad is written in.
type Language string

// The languages of the JSON contract.
const (
	English   Language = "en"
	Urdu      Language = "ur"
	RomanUrdu Language = "roman-ur"
	Mixed     Language = "mixed"
)

// Flag is one red flag with the evidence that raised it.
type Flag struct {
	Code     Code   `json:"code"`
	Evidence string `json:"evidence"` // a span of the original text, quoted back to the user
	Start    int    `json:"start"`    // byte offset of Evidence in the input
	End      int    `json:"end"`      // byte offset just past Evidence
	Rule     string `json:"rule,omitempty"`
	// Reports is set on REPORTED_BEFORE flags only.
	Reports *Reports `json:"reports,omitempty"`
	// strong is set when the rule that raised the flag says its sign is strong (Rule.Strong).
	strong bool
}

// Licence is a licence number cited in the ad with what the register says about it.
type Licence struct {
	Text    string          `json:"text"`
	Number  string          `json:"number"`
	Status  licences.Status `json:"status"`
	Title   string          `json:"title,omitempty"`
	Expires string          `json:"expires,omitempty"`
	Start   int             `json:"-"`
	End     int             `json:"-"`
	// Looked is set when the register was asked: an Unknown licence then is not on it.
	Looked bool `json:"-"`
	// Query is the agency name the message gave when the licence was found by that name, and
	// Exact says whether the register's title is that name (up to case, script and
	// boilerplate): a near name is another agency until the user checks, and the answer says so.
	Query string `json:"-"`
	Exact bool   `json:"-"`
}

// Payment is the largest amount the ad asks the jobseeker to pay, and how, where the ad says.
// Referrals carry it to the authorities.
type Payment struct {
	AmountPKR int64  `json:"amount_pkr,omitempty"`
	Channel   string `json:"channel,omitempty"` // jazzcash, easypaisa, bank, cash
}

// Verdict is what the analyser concludes about one text.
type Verdict struct {
	Kind     Kind      `json:"kind"`
	Risk     Risk      `json:"risk"`
	Score    int       `json:"score"`
	Language Language  `json:"language"`
	JobAd    bool      `json:"job_ad"`
	Flags    []Flag    `json:"flags"`
	Licences []Licence `json:"licences"`
	Payment  *Payment  `json:"payment,omitempty"`
	// Topic is what a question is about (Kind question only).
	Topic Topic `json:"topic,omitempty"`
	// OtherLanguage names the language of a text the rules do not read (Kind other_language):
	// ar, fa, ps, sd, pa, hi, bn, zh, ru, ...
	OtherLanguage string `json:"other_language,omitempty"`
}

// Has reports whether the verdict carries the flag.
func (v Verdict) Has(c Code) bool { return hasCode(v.Flags, c) }

// hasCode reports whether one of fs has code c.
func hasCode(fs []Flag, c Code) bool {
	for _, f := range fs {
		if f.Code == c {
			return true
		}
	}
	return false
}
