// Package licences holds the register of Overseas Employment Promoters (OEPs) licensed by the
// Bureau of Emigration and Overseas Employment (BEOE): the CSV snapshot import, the Redis store,
// lookup by licence number, search by agency name, and the parser that finds licence numbers in
// free text.
package licences

import "time"

// Status is a licence's state on the register, lower case as in the JSON contract.
type Status string

// The statuses BEOE publishes, plus Unknown for a number that is not on the register.
const (
	Active      Status = "active"
	Expired     Status = "expired"
	Suspended   Status = "suspended"
	Cancelled   Status = "cancelled"
	Surrendered Status = "surrendered"
	Invalid     Status = "invalid"
	Unknown     Status = "unknown"
)

// Record is one row of the register.
type Record struct {
	Number     string    `json:"number"` // normalised, e.g. "9848/LHR"
	Title      string    `json:"title"`
	Proprietor string    `json:"proprietor,omitempty"`
	Status     Status    `json:"status"`
	Expires    time.Time `json:"expires,omitzero"`
	HeadOffice string    `json:"head_office,omitempty"`
}

// EffectiveStatus is the status a user should be told on the given day: a licence the register
// still lists as Active whose expiry date has passed is reported as expired, because a snapshot
// can be weeks old and an agency cannot recruit on a lapsed licence.
func (r Record) EffectiveStatus(now time.Time) Status {
	if r.Status == Active && !r.Expires.IsZero() && now.After(r.Expires.Add(24*time.Hour)) {
		return Expired
	}
	return r.Status
}
