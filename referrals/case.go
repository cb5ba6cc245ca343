// Package referrals holds consent-checked scam cases, the durable Redis outbox that carries
// them, and the signed, idempotent delivery of each case to the referral endpoints (FIA, NCCIA,
// BEOE, ...) that deploy/routing.toml names.
package referrals

import (
	"crypto/rand"
	"encoding/json"
	"strings"
	"time"
)

// Retention is how long a case stays in the bot's Redis (cases delivered to an agency stay with it).
const Retention = 180 * 24 * time.Hour

// Happened is what the user says happened: "saw" (only saw the ad), "asked" (was asked to pay),
// "paid" (already paid).
type Happened string

const (
	HappenedSaw   Happened = "saw"
	HappenedAsked Happened = "asked"
	HappenedPaid  Happened = "paid"
)

// Contact is what the user agreed to share; nil in a Case means nothing.
type Contact struct {
	Phone string `json:"phone,omitempty"`
	Name  string `json:"name,omitempty"`
}

// Flag is one red flag of the verdict.
type Flag struct {
	Code     string `json:"code"`
	Evidence string `json:"evidence"`
}

// Licence is one licence the ad cites, as checked against the register.
type Licence struct {
	Number string `json:"number"`
	Status string `json:"status"`
	Title  string `json:"title,omitempty"`
}

// Verdict is the analyser's answer carried by the case.
type Verdict struct {
	Risk     string    `json:"risk"`
	Flags    []Flag    `json:"flags"`
	Licences []Licence `json:"licences"`
}

// Status is the state of a case, or of its delivery to one target.
type Status string

const (
	StatusReview    Status = "review"
	StatusQueued    Status = "queued"
	StatusDelivered Status = "delivered"
	StatusDead      Status = "dead"
	StatusDismissed Status = "dismissed"
)

// Case is one referral case as stored in Redis.
type Case struct {
	ID        string    `json:"case_id"`
	CreatedAt time.Time `json:"created_at"`
	UserID    int64     `json:"user_id"` // stored, NEVER in the POST body
	ChatID    int64     `json:"chat_id"` // stored, NEVER in the POST body
	Lang      string    `json:"language"`
	AdText    string    `json:"ad_text"`
	Verdict   Verdict   `json:"verdict"`
	Happened  Happened  `json:"happened"`
	AmountPKR int64     `json:"amount_pkr,omitempty"`
	Channel   string    `json:"channel,omitempty"` // jazzcash, easypaisa, bank, cash
	Contact   *Contact  `json:"contact,omitempty"` // only when the user consented to share it
	Targets   []string  `json:"targets"`
	Status    Status    `json:"status"`
	// Per target: delivered/dead state, the endpoint's reference, attempts, last error (no body
	// text), times.
	Deliveries map[string]*Delivery `json:"deliveries,omitempty"`
	// Review is a counsellor's decision on a held case made in the web console: who, when and,
	// for a dismissal, why. Never part of the POST body.
	Review *Review `json:"review,omitempty"`
}

// Review is a counsellor's decision on a held case.
type Review struct {
	By     string    `json:"by"`               // the console account
	At     time.Time `json:"at"`               // when
	Reason string    `json:"reason,omitempty"` // a dismissal's reason code: not_scam, not_enough, duplicate, other
	Note   string    `json:"note,omitempty"`   // a dismissal's note, for colleagues
}

// Delivery is the state of a case's delivery to one target.
type Delivery struct {
	Status      Status    `json:"status"`
	Reference   string    `json:"reference,omitempty"`
	Attempts    int       `json:"attempts"`
	LastError   string    `json:"last_error,omitempty"`
	DeliveredAt time.Time `json:"delivered_at,omitzero"`
}

// crockford is Crockford's base32 alphabet: no I, L, O or U.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewID returns a fresh case id, "TSQ-" and six Crockford base32 characters from crypto/rand.
// Six characters are 30 bits: ids are short enough to read out on a helpline but not unique
// forever (about one collision per 33,000 ids drawn is expected among 100k); Store.NewID
// checks Redis for a free one.
func NewID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	out := []byte("TSQ-......")
	for i, x := range b {
		out[4+i] = crockford[x&31]
	}
	return string(out)
}

// ValidID reports whether s is a case id, case-insensitively ("tsq-7k3f9q" is accepted).
func ValidID(s string) bool {
	if len(s) != 10 || !strings.EqualFold(s[:4], "TSQ-") {
		return false
	}
	for i := 4; i < 10; i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if strings.IndexByte(crockford, c) < 0 {
			return false
		}
	}
	return true
}

// NormalizeID returns the canonical (upper-case, trimmed) form of a case id, or "" when s is not one.
func NormalizeID(s string) string {
	s = strings.TrimSpace(s)
	if !ValidID(s) {
		return ""
	}
	return strings.ToUpper(s)
}

// Payment is the amount and channel asked for, in the POST body.
type Payment struct {
	AmountPKR int64  `json:"amount_pkr,omitempty"`
	Channel   string `json:"channel,omitempty"`
}

// body is the referral POST body (design.md §3). It has no user or chat id.
type body struct {
	CaseID   string   `json:"case_id"`
	Target   string   `json:"target"`
	Time     string   `json:"time"`
	SentAt   string   `json:"sent_at,omitempty"`
	Language string   `json:"language"`
	AdText   string   `json:"ad_text"`
	Verdict  Verdict  `json:"verdict"`
	Happened Happened `json:"happened,omitempty"`
	Payment  *Payment `json:"payment,omitempty"`
	Contact  *Contact `json:"contact,omitempty"`
}

// Body returns the JSON POST body of the case for one target: case_id, target, time (the case's
// CreatedAt, RFC 3339), sent_at (now, when not zero), language, ad_text, verdict, happened,
// payment {amount_pkr, channel} when known, and contact only when the user agreed to share it.
// The user and chat ids never leave.
func (c Case) Body(target string, now time.Time) ([]byte, error) {
	b := body{
		CaseID:   c.ID,
		Target:   target,
		Time:     c.CreatedAt.UTC().Format(time.RFC3339),
		Language: c.Lang,
		AdText:   c.AdText,
		Verdict:  c.Verdict,
		Happened: c.Happened,
	}
	if !now.IsZero() {
		b.SentAt = now.UTC().Format(time.RFC3339)
	}
	if b.Verdict.Flags == nil {
		b.Verdict.Flags = []Flag{}
	}
	if b.Verdict.Licences == nil {
		b.Verdict.Licences = []Licence{}
	}
	if c.AmountPKR > 0 || c.Channel != "" {
		b.Payment = &Payment{AmountPKR: c.AmountPKR, Channel: c.Channel}
	}
	if c.Contact != nil && (c.Contact.Phone != "" || c.Contact.Name != "") {
		ct := *c.Contact
		b.Contact = &ct
	}
	return json.Marshal(b)
}
