// Package outreach is the outreach side of Tasdeeq: counsellor links and QR codes, attribution
// of what people do after following a link, subscriptions, and the "Aware Migrant, Safe Migrant"
// broadcasts.
package outreach

import "time"

// Link is a deep link a Migrant Resource Centre counsellor hands out.
type Link struct {
	ID        string    `json:"id"`      // unguessable, [a-z0-9], 12 characters
	MRC       string    `json:"mrc"`     // the centre's code, e.g. LHR
	Label     string    `json:"label"`   // e.g. "Job fair"
	Licence   string    `json:"licence"` // optional: the link opens on this licence ("9848/LHR")
	Payload   string    `json:"payload"` // the /start payload: "c_" + ID
	CreatedAt time.Time `json:"created_at"`
}

// Source is where a user came from, kept with their preferences so their later checks and
// reports are counted for that centre and link.
type Source struct {
	MRC    string `json:"mrc"`
	LinkID string `json:"link"`
}

// Event is what attribution counts.
type Event string

// The events counted per MRC and per link, per day.
const (
	EventUser   Event = "users"   // a user started the bot through the link (counted once per user)
	EventCheck  Event = "checks"  // an ad checked
	EventHigh   Event = "high"    // a high-risk verdict
	EventReport Event = "reports" // a consented report
)
