package dialogs

import (
	"strings"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
)

// RenderOfficeAnswer answers "Protector office in Lahore?": the office for the place named in
// text, with its address, phone and hours where a public source confirms them and the day they
// were checked; for a place with no confirmed office, or a question that names no place, the
// confirmed offices and the contact to ask (BEOE). It never names an unconfirmed office or fact.
func RenderOfficeAnswer(b *locales.Bundle, lang locales.Lang, dir *offices.Directory, text string) string {
	if dir == nil {
		return b.T(lang, "question.protector", nil)
	}
	var s strings.Builder
	m, ok := dir.Nearest(text, offices.Protector)
	switch {
	case ok:
		s.WriteString(b.T(lang, "office.found", map[string]any{"Place": quote(m.Place), "Name": officeName(lang, m.Office)}))
		if d := officeDetails(b, lang, m.Office); d != "" {
			s.WriteString("\n" + d)
		} else {
			s.WriteString("\n" + b.T(lang, "office.no_details", nil))
		}
		s.WriteString("\n" + b.T(lang, "office.checked", map[string]any{"Date": isolate(lang, Date(b, lang, m.Office.CheckedOn()))}))
		s.WriteString("\n\n" + b.T(lang, "office.why", nil))
	case m.Place != "":
		s.WriteString(b.T(lang, "office.none_for_place", map[string]any{"Place": quote(m.Place)}))
		s.WriteString("\n" + renderOfficeCities(b, lang, dir))
	default:
		s.WriteString(renderOfficeCities(b, lang, dir))
		s.WriteString("\n" + b.T(lang, "office.ask_city", nil))
	}
	s.WriteString("\n" + renderFallback(b, lang, dir))
	return s.String()
}

// RenderNearestOffice is one line naming the Protector of Emigrants office for the first of
// places that the directory knows (the ad's city, the user's MRC code from Session.Source, a
// city the user named), with its confirmed address and phone; when none is known or confirmed,
// the line names BEOE's confirmed contact instead. It is "" when dir is nil. Verdicts put it in
// their next steps.
func RenderNearestOffice(b *locales.Bundle, lang locales.Lang, dir *offices.Directory, places ...string) string {
	if dir == nil {
		return ""
	}
	for _, p := range places {
		if p == "" {
			continue
		}
		if m, ok := dir.Nearest(p, offices.Protector); ok {
			line := b.T(lang, "office.nearest", map[string]any{"Name": officeName(lang, m.Office)})
			if d := officeDetails(b, lang, m.Office); d != "" {
				line += " " + strings.ReplaceAll(d, "\n", " · ")
			}
			return line
		}
	}
	return renderFallback(b, lang, dir)
}

// nearestOffice is RenderNearestOffice for this conversation: the office for the city the ad
// names, else for the centre the user came through (Session.Source), else BEOE; "" without a
// directory.
func (c *conv) nearestOffice(lang locales.Lang, adText string) string {
	places := []string{adText}
	if c.s.Source != nil {
		places = append(places, c.s.Source.MRC)
	}
	return RenderNearestOffice(c.deps.Bundle, lang, c.deps.Offices, places...)
}

// renderHelpDirectory is the directory part of /help: the cities with a confirmed Protector
// office (with a phone where one is confirmed) and the national helplines.
func renderHelpDirectory(b *locales.Bundle, lang locales.Lang, dir *offices.Directory) string {
	var s strings.Builder
	s.WriteString(renderOfficeCities(b, lang, dir))
	var lines []string
	for _, h := range dir.List(offices.Helpline) {
		if h.Phone != nil {
			lines = append(lines, "• "+officeName(lang, h)+": "+isolate(lang, h.Phone.Value))
		}
	}
	if len(lines) > 0 {
		s.WriteString("\n" + b.T(lang, "office.helplines", nil) + "\n" + strings.Join(lines, "\n"))
	}
	s.WriteString("\n" + renderFallback(b, lang, dir))
	return s.String()
}

// renderOfficeCities lists the cities with a confirmed Protector office, each with its phone
// where one is confirmed.
func renderOfficeCities(b *locales.Bundle, lang locales.Lang, dir *offices.Directory) string {
	var cities []string
	for _, o := range dir.List(offices.Protector) {
		c := o.City
		if lang == locales.UR {
			c = o.CityUR
		}
		if o.Phone != nil {
			c += " " + isolate(lang, o.Phone.Value)
		}
		cities = append(cities, c)
	}
	sep := ", "
	if lang == locales.UR {
		sep = "، "
	}
	return b.T(lang, "office.cities", map[string]any{"Cities": strings.Join(cities, sep)})
}

// renderFallback names the contact to ask when nothing nearer is confirmed: BEOE, by its
// confirmed phone, else its website.
func renderFallback(b *locales.Bundle, lang locales.Lang, dir *offices.Directory) string {
	fb := dir.Fallback()
	var contact []string
	for _, f := range []*offices.Fact{fb.Phone, fb.Web} {
		if f != nil {
			contact = append(contact, isolate(lang, f.Value))
		}
	}
	return b.T(lang, "office.fallback", map[string]any{"Name": officeName(lang, fb), "Contact": strings.Join(contact, " · ")})
}

// officeDetails are an office's confirmed address, phone and hours, one a line ("" when none).
func officeDetails(b *locales.Bundle, lang locales.Lang, o offices.Office) string {
	var lines []string
	for _, f := range []struct {
		id   string
		fact *offices.Fact
	}{{"office.address", o.Address}, {"office.phone", o.Phone}, {"office.hours", o.Hours}} {
		if f.fact != nil {
			lines = append(lines, b.T(lang, f.id, map[string]any{"Value": isolate(lang, f.fact.Value)}))
		}
	}
	return strings.Join(lines, "\n")
}

func officeName(lang locales.Lang, o offices.Office) string {
	if lang == locales.UR {
		return o.NameUR
	}
	return o.Name
}
