package dialogs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// maxMatches is how many agencies a name search offers as buttons.
const maxMatches = 5

// checkLicence answers a licence number or an agency name.
func (c *conv) checkLicence(query string) error {
	c.s.State = Idle
	lang := c.lang()
	meta, err := c.meta()
	if err != nil {
		return err
	}
	again := [][]Button{{{Text: c.t("button.check_licence_again", nil), Data: cbLicence}, {Text: c.t("button.check_ad", nil), Data: cbAgain}}}
	number, perr := licences.ParseNumber(query)
	if perr != nil {
		return c.searchLicence(query, meta, again)
	}
	rec, ok, err := c.deps.Register.Lookup(c.ctx, number)
	if err != nil {
		return fmt.Errorf("look up licence: %w", err)
	}
	var s strings.Builder
	active := false
	if ok {
		s.WriteString(RenderLicenceCard(c.deps.Bundle, lang, rec, number, c.deps.Now()))
		active = rec.EffectiveStatus(c.deps.Now()) == licences.Active
	} else {
		s.WriteString(RenderLicence(c.deps.Bundle, lang, redflags.Licence{Number: number, Status: licences.Unknown}))
	}
	writeLicenceAdvice(&s, c.deps.Bundle, lang, active, meta, c.deps.Now())
	c.say(s.String(), again)
	return nil
}

func (c *conv) searchLicence(name string, meta *licences.Meta, again [][]Button) error {
	matches, err := c.deps.Register.Search(c.ctx, name, maxMatches)
	if err != nil {
		return fmt.Errorf("search register: %w", err)
	}
	age := RenderRegisterAge(c.deps.Bundle, c.lang(), meta, c.deps.Now())
	if len(matches) == 0 {
		c.say(c.t("licence.search_none", nil)+"\n"+age, again)
		return nil
	}
	b, lang, now := c.deps.Bundle, c.lang(), c.deps.Now()
	var s strings.Builder
	exact := exactMatches(matches)
	switch {
	case len(exact) == 1:
		// The name is on the register: its details at once, and the other near names below.
		s.WriteString(RenderLicenceCard(b, lang, exact[0].Record, exact[0].Number, now))
		writeLicenceAdvice(&s, b, lang, exact[0].EffectiveStatus(now) == licences.Active, meta, now)
		matches = slices.DeleteFunc(matches, func(m licences.Match) bool { return m.Number == exact[0].Number })
		c.say(s.String(), append(licenceButtons(b, lang, matches, now), again...))
		return nil
	case len(exact) > 1:
		s.WriteString(b.T(lang, "licence.same_name", map[string]any{"Count": isolate(lang, strconv.Itoa(len(exact))), "Title": quote(exact[0].Title)}))
	default:
		top := matches[0]
		s.WriteString(b.T(lang, "licence.lookalike", map[string]any{"Query": quote(oneLine(name)), "Title": quote(top.Title), "Number": isolate(lang, top.Number)}))
	}
	s.WriteString("\n")
	for _, m := range matches {
		s.WriteString("• " + matchLine(b, lang, m, now) + "\n")
	}
	s.WriteString(age + "\n\n" + b.T(lang, "licence.choose", nil))
	c.say(s.String(), append(licenceButtons(b, lang, matches, now), again...))
	return nil
}

// RenderLicenceCard is what the register says about one licence: its number, title and status,
// then its proprietor and head office, so that the user can check them against the ad.
func RenderLicenceCard(b *locales.Bundle, lang locales.Lang, rec licences.Record, number string, now time.Time) string {
	var s strings.Builder
	s.WriteString(RenderLicence(b, lang, redflags.LicenceOf(rec, number, now)))
	if p := oneLine(rec.Proprietor); p != "" {
		s.WriteString("\n" + b.T(lang, "licence.proprietor", map[string]any{"Name": quote(p)}))
	}
	if h := oneLine(rec.HeadOffice); h != "" {
		s.WriteString("\n" + b.T(lang, "licence.head_office", map[string]any{"Address": quote(h)}))
	}
	return s.String()
}

// licenceQueryAnswer is the register's answer to a message that asks about licences ("Is 9848
// real?", an agency's name alone): each licence's card, with the proprietor and head office the
// register gives, a word when several licences carry one name, and the advice.
func (c *conv) licenceQueryAnswer(lang locales.Lang, ls []redflags.Licence, meta *licences.Meta) (string, error) {
	b, now := c.deps.Bundle, c.deps.Now()
	var s strings.Builder
	s.WriteString(b.T(lang, "kind.licence_title", nil))
	if len(ls) > 0 && ls[0].Query != "" && !slices.ContainsFunc(ls, func(l redflags.Licence) bool { return l.Exact }) {
		// Found by a name that is not the registered one: a scam agency may borrow a name close
		// to a licensed one, so the answer says the names differ before it shows the licence.
		s.WriteString("\n" + b.T(lang, "licence.lookalike", map[string]any{"Query": quote(oneLine(ls[0].Query)),
			"Title": quote(ls[0].Title), "Number": isolate(lang, ls[0].Number)}))
	}
	if len(ls) == 0 {
		// An agency asked about by name that no registered title matches (redflags.Analyze).
		s.WriteString("\n" + b.T(lang, "licence.search_none", nil))
	}
	active := len(ls) > 0
	titles := map[string]int{}
	for _, l := range ls {
		s.WriteString("\n• ")
		rec, ok := licences.Record{}, false
		if l.Looked && l.Status != licences.Unknown {
			var err error
			if rec, ok, err = c.deps.Register.Lookup(c.ctx, l.Number); err != nil {
				return "", fmt.Errorf("look up licence: %w", err)
			}
		}
		if ok {
			s.WriteString(strings.ReplaceAll(RenderLicenceCard(b, lang, rec, l.Number, now), "\n", "\n  "))
			titles[strings.ToLower(rec.Title)]++
		} else {
			s.WriteString(RenderLicence(b, lang, l))
		}
		active = active && l.Status == licences.Active
	}
	for _, n := range titles {
		if n > 1 {
			s.WriteString("\n" + b.T(lang, "licence.same_name_check", nil))
			break
		}
	}
	writeLicenceAdvice(&s, b, lang, active, meta, now)
	return s.String(), nil
}

// exactMatches are the matches whose registered name is the name searched for, up to case,
// punctuation, boilerplate such as "(Pvt) Ltd" and script.
func exactMatches(ms []licences.Match) []licences.Match {
	var out []licences.Match
	for _, m := range ms {
		if m.Score >= 0.999 {
			out = append(out, m)
		}
	}
	return out
}

// matchLine is one agency of a name search: number, title, the city of its head office, status.
func matchLine(b *locales.Bundle, lang locales.Lang, m licences.Match, now time.Time) string {
	parts := []string{isolate(lang, m.Number), quote(m.Title)}
	if city := headOfficeCity(m.HeadOffice); city != "" {
		parts = append(parts, quote(city))
	}
	parts = append(parts, b.T(lang, "status."+string(m.EffectiveStatus(now)), nil))
	return strings.Join(parts, " · ")
}

// licenceButtons offer each match; a button shows its number, title and head office's city.
func licenceButtons(b *locales.Bundle, lang locales.Lang, ms []licences.Match, now time.Time) [][]Button {
	var buttons [][]Button
	for _, m := range ms {
		label := m.Number + " · " + m.Title
		if city := headOfficeCity(m.HeadOffice); city != "" {
			label += " · " + city
		}
		status := b.T(lang, "status."+string(m.EffectiveStatus(now)), nil)
		buttons = append(buttons, []Button{{Text: isolate(lang, label) + " · " + status, Data: cbLicenceSel + m.Number}})
	}
	return buttons
}

// headOfficeCity is the city of a register address: its last part, past a province or a
// postcode ("…, Mirpur, AJK" → "Mirpur").
func headOfficeCity(addr string) string {
	parts := strings.Split(addr, ",")
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		switch strings.ToUpper(strings.Trim(p, ". ")) {
		case "", "AJK", "PAKISTAN", "PUNJAB", "SINDH", "KPK", "KP", "KHYBER PAKHTUNKHWA", "BALOCHISTAN", "ICT", "GB":
			continue
		}
		if strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			continue // a postcode
		}
		return oneLine(p)
	}
	return ""
}

// licenceFromPayload reads a deep link that opens on a licence: lic_9848_LHR.
func licenceFromPayload(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "lic_")
	if !ok {
		return "", false
	}
	number, err := licences.ParseNumber(strings.Replace(rest, "_", "/", 1))
	if err != nil {
		return "", false
	}
	return number, true
}
