package redflags

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/tasdeeq/tasdeeq/licences"
)

// checkLicences looks up every cited licence number and raises LICENCE_UNKNOWN (not on the
// register), LICENCE_NOT_VALID (not Active, or Active but past its expiry date) and
// LICENCE_NAME_MISMATCH (the ad names another agency than the register does for that number,
// the commonest way scammers borrow a real licence).
func (a *Analyzer) checkLicences(ctx context.Context, d *doc, reg Register) ([]Licence, []Flag, error) {
	cits := licences.FindNumbers(d.orig)
	out := make([]Licence, 0, len(cits))
	var flags []Flag
	now := a.now()
	for _, c := range cits {
		l := Licence{Text: c.Text, Number: c.Number, Status: licences.Unknown, Start: c.Start, End: c.End}
		if reg == nil {
			out = append(out, l)
			continue
		}
		rec, ok, err := reg.Lookup(ctx, c.Number)
		if err != nil {
			return nil, nil, fmt.Errorf("look up licence %s: %w", c.Number, err)
		}
		ev := Flag{Evidence: c.Text, Start: c.Start, End: c.End}
		switch {
		case !ok:
			ev.Code, ev.Rule = LicenceUnknown, "code.licence"
			flags = append(flags, ev)
		default:
			l.Title = rec.Title
			l.Status = rec.EffectiveStatus(now)
			if !rec.Expires.IsZero() {
				l.Expires = rec.Expires.Format("2006-01-02")
			}
			if l.Status != licences.Active {
				ev.Code, ev.Rule = LicenceNotValid, "code.licence"
				flags = append(flags, ev)
			} else if f, bad := d.nameMismatch(rec.Title); bad {
				flags = append(flags, f)
			}
		}
		out = append(out, l)
	}
	return out, flags, nil
}

var (
	// agencyRe finds agency names: "M/s Crescent Manpower", "Al Noor Overseas Employment
	// Promoters", "کریسنٹ مین پاور".
	agencyRe = regexp.MustCompile(`(?:m/s\.?\s+|messrs\.?\s+)((?:[a-z][a-z'&-]*\s+){0,3}[a-z][a-z'&-]*)|((?:[a-z][a-z'&-]*\s+){1,3}(?:overseas(?:\s+employment(?:\s+promoters?)?)?|manpower|man\s+power|international|recruiting\s+agency|recruitment\s+agency|travels?(?:\s+(?:and|&)\s+tours)?|consultants?|enterprises|associates|trading))\b|((?:[^\s\d.,:;!?()]+\s+){1,2}(?:اوورسیز|اورسیز|اوور\s+سیز|مین\s*پاور|انٹرنیشنل|ٹریولز|ٹریول|کنسلٹنٹس|انٹرپرائزز|ایجنسی))`)
	// notAgency are words that make a name an institution or a job, not an agency.
	notAgency = regexp.MustCompile(`ministry|bureau|protector|government|govt|pakistanis|foundation|corporation|embassy|airport|school|university|hospital|وزارت|بیورو|حکومت|پروٹیکٹر|سفارت`)
	// leadingFiller is stripped from the front of a candidate name.
	leadingFiller = map[string]bool{
		"for": true, "in": true, "the": true, "our": true, "your": true, "jobs": true, "job": true, "work": true, "best": true,
		"top": true, "leading": true, "reliable": true, "trusted": true, "genuine": true, "licensed": true, "registered": true,
		"by": true, "from": true, "at": true, "with": true, "of": true, "and": true, "a": true, "an": true, "apply": true,
		"contact": true, "join": true, "hiring": true, "required": true, "urgent": true, "pakistan": true, "pakistani": true,
		"is": true, "are": true, "we": true, "us": true, "to": true, "via": true, "through": true, "go": true, "all": true,
		"other": true, "any": true, "no": true, "new": true, "visit": true, "call": true, "overseas": true, "employment": true,
		"promoters": true, "promoter": true, "oep": true, "oepl": true, "licence": true, "license": true, "lic": true,
		"mein": true, "ki": true, "ka": true, "ke": true, "se": true, "aur": true, "hai": true,
	}
)

const (
	nameMatch    = 0.55 // at or above: the ad names the registered agency
	nameMismatch = 0.40 // every named agency below this: the ad names someone else
)

// nameMismatch reports whether the ad names an agency and none of the names it gives is the
// registered title. An ad that names no agency gets the benefit of the doubt.
func (d *doc) nameMismatch(title string) (Flag, bool) {
	t := d.n.text
	var worst *Flag
	best := 0.0
	for _, m := range agencyRe.FindAllStringSubmatchIndex(t, 8) {
		s, e := -1, -1
		for g := 1; g <= 3; g++ {
			if m[2*g] >= 0 {
				s, e = m[2*g], m[2*g+1]
			}
		}
		if s < 0 {
			continue
		}
		name := t[s:e]
		if notAgency.MatchString(name) || d.clauseAt(s).warned {
			continue
		}
		words := strings.Fields(name)
		for len(words) > 0 && leadingFiller[words[0]] {
			s += len(words[0]) + 1
			words = words[1:]
		}
		if len(words) == 0 || s >= e {
			continue
		}
		score := licences.NameScore(t[s:e], title)
		if score > best {
			best = score
		}
		if worst == nil && score < nameMismatch {
			f := d.flagAt(LicenceNameMismatch, "code.licence_name", s, e)
			worst = &f
		}
	}
	if worst == nil || best >= nameMatch {
		return Flag{}, false
	}
	if best >= nameMismatch {
		return Flag{}, false
	}
	return *worst, true
}
