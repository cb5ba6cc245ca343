// Package dialogs holds Tasdeeq's conversations in Urdu and English: what the bot says, built
// from locales, about verdicts and licences.
package dialogs

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/rtl"
)

// SampleSource is the register source name of the bundled sample register; replies name it in
// the user's language instead.
const SampleSource = "sample"

// RenderVerdict explains a verdict in plain words: the headline, each flag with the words that
// raised it, each licence with its status, how old the register is, and what to do next.
//
// A message that is not an ad gets the answer for its kind: the register's answer to a licence
// question, what to do now to a victim, a word that an advisory is advice, a short answer to a
// question about the process, the languages understood, what prize and benefit frauds are to a
// message that promises a windfall for a fee, or a pointer to what the bot does.
func RenderVerdict(b *locales.Bundle, lang locales.Lang, v redflags.Verdict, reg *licences.Meta, now time.Time) string {
	var s strings.Builder
	switch v.Kind {
	case redflags.KindLicenceQuery:
		return withTopic(b, lang, renderLicenceAnswer(b, lang, v.Licences, reg, now), v.Topic)
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
		if v.Topic == redflags.TopicWindfall {
			// A prize, a BISP payment or a held parcel that asks for a fee or a call first is no job
			// ad, but the user who forwards it is about to pay: what such messages are, and where
			// to report them, instead of a dead end.
			return b.T(lang, "kind.windfall", nil)
		}
		s.WriteString(b.T(lang, "verdict.not_ad", nil))
		return s.String()
	}
	brief, shown := renderBrief(b, lang, v, reg, now, "")
	s.WriteString(brief)
	if more := signsOf(v.Flags); shown < len(more) {
		s.WriteString("\n\n")
		s.WriteString(RenderMoreSigns(b, lang, v.Flags, shown))
	}
	return s.String()
}

// withTopic follows a licence answer with the answer to the question asked beside it: an
// agency's demand asked about with its name ("Anarkali Overseas walon ne 50 hazar maange hain,
// kya ye jaiz hai?") gets the register's answer, then what the law allows an agency to charge.
func withTopic(b *locales.Bundle, lang locales.Lang, answer string, topic redflags.Topic) string {
	if topic == "" {
		return answer
	}
	return answer + "\n\n" + b.T(lang, "question."+string(topic), nil)
}

// MaxVerdictRunes bounds a verdict so that it fits one phone screen: counted in characters, not
// bytes, and without the invisible isolate marks.
const MaxVerdictRunes = 900

// maxShownSigns is how many signs a verdict names; the rest are behind the "more" button.
const maxShownSigns = 3

// sign is one warning sign as the user reads it: a flag, or every REPORTED_BEFORE flag under
// one heading.
type sign struct {
	code  redflags.Code
	flags []redflags.Flag
}

// signsOf groups flags into signs, strongest first (the analyser orders flags by weight).
func signsOf(flags []redflags.Flag) []sign {
	var out []sign
	reported := -1
	for _, f := range flags {
		if f.Code == redflags.ReportedBefore {
			if reported < 0 {
				reported = len(out)
				out = append(out, sign{code: f.Code})
			}
			out[reported].flags = append(out[reported].flags, f)
			continue
		}
		out = append(out, sign{code: f.Code, flags: []redflags.Flag{f}})
	}
	return out
}

// render writes the sign, its evidence cut to evidence characters (none when 0, or when an
// earlier sign quoted the same words: two signs raised by one sentence quote it once).
func (g sign) render(s *strings.Builder, b *locales.Bundle, lang locales.Lang, evidence int, quoted map[string]bool) {
	fmt.Fprintf(s, "• %s\n", b.T(lang, "flag."+string(g.code), nil))
	if g.code == redflags.ReportedBefore && g.flags[0].Reports != nil {
		s.WriteString(renderReports(b, lang, g.flags))
		return
	}
	ev := oneLine(g.flags[0].Evidence)
	if ev == "" || evidence <= 0 || quoted[ev] {
		return
	}
	quoted[ev] = true
	fmt.Fprintf(s, "  %s\n", b.T(lang, "flag.evidence", map[string]any{"Evidence": quote(excerpt(ev, evidence))}))
}

// Runes counts what a reader sees of s: characters, without the invisible isolate marks.
func Runes(s string) int { return utf8.RuneCountInString(rtl.StripControls(s)) }

// renderBrief is the one-screen verdict: the headline, the strongest signs with the words that
// raised them, the licences cited, and one thing to do (with office, the nearest Protector of
// Emigrants office, when the thing to do is to ask there). It returns how many signs it named;
// the rest are for the "more" button. Evidence is shortened, then fewer signs named, until the
// verdict fits MaxVerdictRunes.
func renderBrief(b *locales.Bundle, lang locales.Lang, v redflags.Verdict, reg *licences.Meta, now time.Time, office string) (string, int) {
	signs := signsOf(v.Flags)
	var text string
	shown := 0
	for _, try := range []struct{ n, evidence int }{{maxShownSigns, 70}, {maxShownSigns, 45}, {maxShownSigns, 0}, {2, 0}, {1, 0}} {
		shown = min(try.n, len(signs))
		text = briefWith(b, lang, v, reg, now, signs, shown, try.evidence, office)
		if Runes(text) <= MaxVerdictRunes {
			break
		}
	}
	return text, shown
}

func briefWith(b *locales.Bundle, lang locales.Lang, v redflags.Verdict, reg *licences.Meta, now time.Time, signs []sign, shown, evidence int, office string) string {
	parts := []string{b.T(lang, "verdict."+string(v.Risk), nil)}
	var s strings.Builder
	if len(signs) > 0 {
		s.WriteString(b.T(lang, "verdict.signs", nil))
		s.WriteString("\n")
		quoted := map[string]bool{}
		for _, g := range signs[:shown] {
			g.render(&s, b, lang, evidence, quoted)
		}
		if rest := len(signs) - shown; rest > 0 {
			s.WriteString(b.T(lang, "verdict.more_signs", map[string]any{"Count": rest}))
		}
	} else if v.Risk != redflags.Low {
		s.WriteString(b.T(lang, "verdict.no_signs", nil))
	}
	parts = append(parts, s.String())
	s.Reset()
	// The licence line, unless the NO_LICENCE sign already said there is none.
	if len(v.Licences) == 0 && !v.Has(redflags.NoLicence) {
		s.WriteString(b.T(lang, "licence.none", nil))
	}
	for _, l := range v.Licences {
		s.WriteString(RenderLicence(b, lang, l))
		s.WriteString("\n")
	}
	if len(v.Licences) > 0 {
		s.WriteString(RenderRegisterAge(b, lang, reg, now))
	}
	parts = append(parts, s.String())
	// One thing to do. A low verdict's headline already says it (confirm with the Protector), so
	// it gets only the nearest office.
	switch v.Risk {
	case redflags.High:
		parts = append(parts, b.T(lang, "next.high", nil))
	case redflags.Medium:
		parts = append(parts, strings.TrimSpace(b.T(lang, "next.medium", nil)+"\n"+office))
	case redflags.Low:
		parts = append(parts, office)
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimRight(p, "\n"); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// RenderMoreSigns lists the signs after the first shown ones (the "more" button), each with its
// evidence.
func RenderMoreSigns(b *locales.Bundle, lang locales.Lang, flags []redflags.Flag, shown int) string {
	signs := signsOf(flags)
	if shown >= len(signs) {
		return b.T(lang, "verdict.no_more_signs", nil)
	}
	var s strings.Builder
	s.WriteString(b.T(lang, "verdict.more_title", nil))
	s.WriteString("\n")
	quoted := map[string]bool{}
	for _, g := range signs[shown:] {
		g.render(&s, b, lang, 160, quoted)
	}
	return strings.TrimRight(s.String(), "\n")
}

// renderLicenceAnswer is the register's answer about the licences a message asks about: each
// one's line, how old the register is, and what to do (never pay an agency that is not Active).
func renderLicenceAnswer(b *locales.Bundle, lang locales.Lang, ls []redflags.Licence, reg *licences.Meta, now time.Time) string {
	var s strings.Builder
	s.WriteString(b.T(lang, "kind.licence_title", nil))
	if len(ls) == 0 {
		// An agency asked about by name that no registered title matches (redflags.Analyze).
		s.WriteString("\n" + b.T(lang, "licence.search_none", nil))
	}
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
	return b.T(lang, "register.age", map[string]any{"Source": src, "When": When(b, lang, reg.ImportedAt, now)})
}

// When says how long ago t was in words a reader with little schooling follows: "today",
// "yesterday", else the date written out with the days since ("on 2 November 2026 (5 days
// ago)"), never "0 days ago".
func When(b *locales.Bundle, lang locales.Lang, t, now time.Time) string {
	y1, m1, d1 := t.In(now.Location()).Date()
	y2, m2, d2 := now.Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days <= 0:
		return b.T(lang, "register.when_today", nil)
	case days == 1:
		return b.T(lang, "register.when_yesterday", nil)
	}
	return b.T(lang, "register.when_days", map[string]any{"Date": Date(b, lang, t), "Days": days})
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// isolate wraps text of our own making that runs left to right (a licence number, a case id, a
// date) in Unicode first-strong isolates inside an Urdu reply, so the right-to-left sentence
// around it is not reordered: without them "9848/LHR" can scramble the line. Text a user or
// anyone else wrote goes through quote instead.
func isolate(lang locales.Lang, s string) string {
	s = rtl.StripControls(s)
	if lang != locales.UR || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// quote prepares text someone else wrote (the ad, a name, a number the user typed) for a reply
// in any language (rtl.Quote): its own bidi embedding, override and isolate controls are
// removed, its numbers isolated, and the whole wrapped in a first-strong isolate. A U+202E in an
// ad would otherwise make the quoted evidence read differently from what was sent, and an
// Urdu quote's phone number would be shown with its groups reversed.
func quote(s string) string { return rtl.Quote(s) }
