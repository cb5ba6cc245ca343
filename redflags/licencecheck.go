package redflags

import (
	"context"
	"fmt"
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

// agencySuffix are the words that end an agency's name ("Crescent Manpower", "Al Noor
// Overseas", "کریسنٹ مین پاور"); the words before them, on the same line, are the name.
var agencySuffix = map[string]bool{
	"overseas": true, "manpower": true, "power": true, "international": true, "recruiting": true, "recruitment": true,
	"recruiters": true, "travels": true, "travel": true, "consultants": true, "consultant": true, "enterprises": true,
	"associates": true, "trading": true,
	"اوورسیز": true, "اورسیز": true, "سیز": true, "پاور": true, "مینپاور": true, "انٹرنیشنل": true, "ٹریولز": true,
	"ٹریول": true, "کنسلٹنٹس": true, "انٹرپرائزز": true, "ایجنسی": true,
}

// notAgency are words that make a name an institution or a place, not an agency.
var notAgency = map[string]bool{
	"ministry": true, "bureau": true, "protector": true, "government": true, "govt": true, "pakistanis": true,
	"foundation": true, "corporation": true, "embassy": true, "airport": true, "school": true, "university": true,
	"hospital": true, "وزارت": true, "بیورو": true, "حکومت": true, "پروٹیکٹر": true, "سفارت": true,
}

// leadingFiller is stripped from the front of a candidate name.
var leadingFiller = map[string]bool{
	"for": true, "in": true, "the": true, "our": true, "your": true, "jobs": true, "job": true, "work": true, "best": true,
	"top": true, "leading": true, "reliable": true, "trusted": true, "genuine": true, "licensed": true, "registered": true,
	"by": true, "from": true, "at": true, "with": true, "of": true, "and": true, "a": true, "an": true, "apply": true,
	"contact": true, "join": true, "hiring": true, "required": true, "urgent": true, "pakistan": true, "pakistani": true,
	"is": true, "are": true, "we": true, "us": true, "to": true, "via": true, "through": true, "go": true, "all": true,
	"other": true, "any": true, "no": true, "new": true, "visit": true, "call": true, "overseas": true, "employment": true,
	"promoters": true, "promoter": true, "oep": true, "oepl": true, "licence": true, "license": true, "lic": true,
	"mein": true, "ki": true, "ka": true, "ke": true, "se": true, "aur": true, "hai": true, "m": true, "s": true,
	"میں": true, "کی": true, "کا": true, "کے": true, "سے": true, "اور": true, "ہے": true, "لیے": true,
}

// agencyNames finds the spans of agency names in the normalised text.
func (d *doc) agencyNames() [][2]int {
	t, toks := d.n.text, d.toks
	joined := func(a, b int) bool { // tokens a and b stand on one line, with only spaces, & or - between
		gap := t[toks[a].end:toks[b].start]
		return strings.Trim(gap, " &-'") == ""
	}
	var out [][2]int
	for i := range toks {
		first, last := -1, -1
		switch {
		case toks[i].w == "m" && i+1 < len(toks) && toks[i+1].w == "s" && t[toks[i].end:toks[i+1].start] == "/":
			// "M/s Crescent Manpower": up to four words after the honorific.
			first = i + 2
			for last = first; last+1 < len(toks) && last+1 < first+4 && joined(last, last+1); last++ {
			}
		case agencySuffix[toks[i].w] && (i+1 == len(toks) || !agencySuffix[toks[i+1].w] || !joined(i, i+1)):
			last = i
			for first = i; first > 0 && first > i-4 && joined(first-1, first) && !leadingFiller[toks[first-1].w]; first-- {
			}
		}
		if first < 0 || first >= len(toks) || last < first {
			continue
		}
		for first <= last && leadingFiller[toks[first].w] {
			first++
		}
		if first > last || (first == last && agencySuffix[toks[first].w]) {
			continue
		}
		bad := false
		for k := first; k <= last; k++ {
			bad = bad || notAgency[toks[k].w]
		}
		if !bad {
			out = append(out, [2]int{toks[first].start, toks[last].end})
		}
	}
	return out
}

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
	for _, span := range d.agencyNames() {
		s, e := span[0], span[1]
		if d.clauseAt(s).warned {
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
