// Package dialogs holds Tasdeeq's conversations in Urdu and English: what the bot says, built
// from locales, about verdicts and licences.
package dialogs

import (
	"fmt"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// SampleSource is the register source name of the bundled sample register; replies name it in
// the user's language instead.
const SampleSource = "sample"

// RenderVerdict explains a verdict in plain words: the headline, each flag with the words that
// raised it, each licence with its status, how old the register is, and what to do next.
//
// A message that is not an ad gets the answer for its kind: the register's answer to a licence
// question, what to do now to a victim, a word that an advisory is advice, a short answer to a
// question about the process, the languages understood, or a pointer to what the bot does.
func RenderVerdict(b *locales.Bundle, lang locales.Lang, v redflags.Verdict, reg *licences.Meta, now time.Time) string {
	var s strings.Builder
	switch v.Kind {
	case redflags.KindLicenceQuery:
		return renderLicenceAnswer(b, lang, v.Licences, reg, now)
	case redflags.KindVictim:
		return b.T(lang, "kind.victim", nil)
	case redflags.KindAdvisory:
		return b.T(lang, "kind.advisory", nil)
	case redflags.KindQuestion:
		if v.Topic != "" {
			return b.T(lang, "question."+string(v.Topic), nil)
		}
	case redflags.KindOtherLanguage:
		s.WriteString(b.T(lang, "kind.other_language", nil))
		if len(v.Licences) > 0 {
			s.WriteString("\n\n")
			s.WriteString(renderLicenceAnswer(b, lang, v.Licences, reg, now))
		}
		return s.String()
	}
	if !v.JobAd {
		s.WriteString(b.T(lang, "verdict.not_ad", nil))
		return s.String()
	}
	s.WriteString(b.T(lang, "verdict."+string(v.Risk), nil))
	s.WriteString("\n\n")
	if len(v.Flags) > 0 {
		s.WriteString(b.T(lang, "verdict.signs", nil))
		s.WriteString("\n")
		reported := false
		for _, f := range v.Flags {
			if f.Code == redflags.ReportedBefore {
				// All the reports under one heading, each with its count and date.
				if !reported {
					reported = true
					fmt.Fprintf(&s, "• %s\n%s", b.T(lang, "flag."+string(f.Code), nil), renderReports(b, lang, v.Flags))
				}
				continue
			}
			fmt.Fprintf(&s, "• %s\n", b.T(lang, "flag."+string(f.Code), nil))
			if f.Evidence != "" {
				fmt.Fprintf(&s, "  %s\n", b.T(lang, "flag.evidence", map[string]any{"Evidence": quote(oneLine(f.Evidence))}))
			}
		}
	} else {
		s.WriteString(b.T(lang, "verdict.no_signs", nil))
		s.WriteString("\n")
	}
	s.WriteString("\n")
	if len(v.Licences) == 0 {
		s.WriteString(b.T(lang, "licence.none", nil))
		s.WriteString("\n")
	}
	for _, l := range v.Licences {
		s.WriteString(RenderLicence(b, lang, l))
		s.WriteString("\n")
	}
	s.WriteString(RenderRegisterAge(b, lang, reg, now))
	s.WriteString("\n\n")
	s.WriteString(b.T(lang, "next.title", nil))
	s.WriteString("\n• " + b.T(lang, "next.protector", nil))
	s.WriteString("\n• " + b.T(lang, "next.never_cash", nil))
	if v.Risk == redflags.High {
		s.WriteString("\n• " + b.T(lang, "next.report", nil))
	}
	return s.String()
}

// renderLicenceAnswer is the register's answer about the licences a message asks about: each
// one's line, how old the register is, and what to do (never pay an agency that is not Active).
func renderLicenceAnswer(b *locales.Bundle, lang locales.Lang, ls []redflags.Licence, reg *licences.Meta, now time.Time) string {
	var s strings.Builder
	s.WriteString(b.T(lang, "kind.licence_title", nil))
	active := len(ls) > 0
	for _, l := range ls {
		s.WriteString("\n• ")
		s.WriteString(RenderLicence(b, lang, l))
		active = active && l.Status == licences.Active
	}
	writeLicenceAdvice(&s, b, lang, active, reg, now)
	return s.String()
}

// writeLicenceAdvice ends every answer about licences: how old the register is, and what to do
// (confirm before paying an Active agency; pay nothing to one that is not).
func writeLicenceAdvice(s *strings.Builder, b *locales.Bundle, lang locales.Lang, active bool, reg *licences.Meta, now time.Time) {
	s.WriteString("\n")
	s.WriteString(RenderRegisterAge(b, lang, reg, now))
	s.WriteString("\n\n")
	if active {
		s.WriteString(b.T(lang, "licence.advice_active", nil))
	} else {
		s.WriteString(b.T(lang, "licence.advice_not_active", nil))
	}
}

// RenderLicence is one line about one cited licence.
func RenderLicence(b *locales.Bundle, lang locales.Lang, l redflags.Licence) string {
	data := map[string]any{"Number": isolate(lang, l.Number), "Title": isolate(lang, l.Title), "Expires": isolate(lang, l.Expires)}
	id := "licence." + string(l.Status)
	if l.Status == licences.Active && l.Expires == "" {
		id = "licence.active_no_expiry"
	}
	return b.T(lang, id, data)
}

// RenderRegisterAge says which register snapshot answered and how old it is; every answer
// about a licence carries it because the BEOE list changes and we only have snapshots.
func RenderRegisterAge(b *locales.Bundle, lang locales.Lang, reg *licences.Meta, now time.Time) string {
	if reg == nil {
		return b.T(lang, "register.missing", nil)
	}
	src := isolate(lang, reg.Source)
	if reg.Source == SampleSource {
		src = b.T(lang, "register.sample_source", nil)
	}
	days := max(0, int(now.Sub(reg.ImportedAt).Hours()/24))
	return b.T(lang, "register.age", map[string]any{"Source": src, "Date": isolate(lang, reg.ImportedAt.Format("2006-01-02")), "Days": days})
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// isolate wraps text of our own making that runs left to right (a licence number, a case id, a
// date) in Unicode first-strong isolates inside an Urdu reply, so the right-to-left sentence
// around it is not reordered: without them "9848/LHR" can scramble the line. Text a user or
// anyone else wrote goes through quote instead.
func isolate(lang locales.Lang, s string) string {
	s = stripBidi(s)
	if lang != locales.UR || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// quote prepares text someone else wrote (the ad, a name, a number the user typed) for a reply
// in any language: its own bidi embedding, override and isolate controls are removed, and it is
// wrapped in a first-strong isolate. A U+202E (right-to-left override) in an ad would otherwise
// make the quoted evidence read differently from what was sent, and spill over the bot's own
// words after it; an English quote in an Urdu reply, or an Urdu one in an English reply, keeps
// its own direction without reordering the sentence around it.
func quote(s string) string {
	s = stripBidi(s)
	if s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// stripBidi removes the explicit directional formatting characters: the embeddings and
// overrides U+202A–U+202E and the isolates U+2066–U+2069. Marks (U+200E, U+200F, U+061C) stay:
// they cannot reorder anything outside the isolate quote puts around them.
func stripBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
