package redflags

import (
	"slices"
	"time"
)

// ReportedBefore is raised when an ad, or a phone number, account, link or address in it, matches
// scams that other users reported (see package indicators). It is not in Weights' rule-driven list
// of text signs: its weight depends on how many people reported it.
const ReportedBefore Code = "REPORTED_BEFORE"

// Reports says how often something an ad carries was reported before.
type Reports struct {
	// Indicator is what matched: "ad" (the text, or one almost like it), "phone", "account",
	// "iban", "domain", "url" or "email".
	Indicator string `json:"indicator"`
	// Count is the number of independent reporters; Confirmed the cases a counsellor confirmed.
	Count      int       `json:"count"`
	Confirmed  int       `json:"confirmed"`
	Since      time.Time `json:"since"`                // the first report
	Last       time.Time `json:"last"`                 // the latest report
	Similarity float64   `json:"similarity,omitempty"` // "ad" only: the estimated share of wording in common
	// Established says the reports reach the configured count (by default two independent
	// reports, or one confirmed by a counsellor): the ad is then high risk whatever else it says.
	Established bool `json:"established"`
}

// ReportedWeight is the score of a REPORTED_BEFORE flag below the established count: one person's
// report is a reason for care, not proof, because a report can be mistaken or malicious.
const ReportedWeight = 25

// WithReports adds REPORTED_BEFORE flags to a verdict and scores it again. Each flag must carry
// its Reports. A text that matches reports is treated as an ad even when it reads like a bare
// phone number, so that the user hears about the reports.
func (v Verdict) WithReports(flags []Flag) Verdict {
	if len(flags) == 0 {
		return v
	}
	out := v
	out.Flags = make([]Flag, 0, len(v.Flags)+len(flags))
	for _, f := range flags {
		if f.Code == ReportedBefore && f.Reports != nil {
			out.Flags = append(out.Flags, f)
		}
	}
	// Established reports first, then the most reported: they are what the user must see first.
	slices.SortStableFunc(out.Flags, func(a, b Flag) int {
		if a.Reports.Established != b.Reports.Established {
			if a.Reports.Established {
				return -1
			}
			return 1
		}
		return b.Reports.Count - a.Reports.Count
	})
	for _, f := range v.Flags {
		if f.Code != ReportedBefore {
			out.Flags = append(out.Flags, f)
		}
	}
	// What the user sent was reported as a scam: whatever kind of message it was (a bare number, a
	// question about it), it is answered as a checked offer, with the reports at the top. A
	// victim's account stays one, with the reports among its signs.
	if out.Kind == KindVictim {
		out.Score, _ = score(Verdict{JobAd: true, Flags: out.Flags})
		out.Risk = High
		return out
	}
	out.Kind, out.JobAd, out.Topic = KindAd, true, ""
	out.Score, out.Risk = score(out)
	return out
}

// weight is a flag's score and whether it makes an ad high risk on its own.
func (f Flag) weight() (int, bool) {
	if f.Code == ReportedBefore {
		if f.Reports != nil && f.Reports.Established {
			return StrongWeight, true
		}
		return ReportedWeight, false
	}
	if f.strong {
		return StrongWeight, true // the rule says its sign is strong (Rule.Strong)
	}
	return Weights[f.Code], f.Code.Strong()
}
