package dialogs

import (
	"fmt"
	"strings"

	"github.com/tasdeeq/tasdeeq/licences"
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
	l := redflags.Licence{Number: number, Status: licences.Unknown}
	if ok {
		l = redflags.LicenceOf(rec, number, c.deps.Now())
	}
	var s strings.Builder
	s.WriteString(RenderLicence(c.deps.Bundle, lang, l))
	writeLicenceAdvice(&s, c.deps.Bundle, lang, l.Status == licences.Active, meta, c.deps.Now())
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
	var buttons [][]Button
	for _, m := range matches {
		status := c.t("status."+string(m.EffectiveStatus(c.deps.Now())), nil)
		label := isolate(c.lang(), fmt.Sprintf("%s · %s", m.Number, m.Title))
		buttons = append(buttons, []Button{{Text: label + " · " + status, Data: cbLicenceSel + m.Number}})
	}
	c.say(c.t("licence.search_results", nil)+"\n"+age, append(buttons, again...))
	return nil
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
