package dialogs

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// Callback data codes. They are short ASCII because Telegram allows 64 bytes.
const (
	cbLangPrefix   = "lang:"   // lang:ur, lang:en
	cbLanguageMenu = "lang"    // show the language choice
	cbAgain        = "again"   // check another ad
	cbLicence      = "lic"     // check a licence
	cbLicenceSel   = "licsel:" // licsel:9848/LHR, a search result
	cbReport       = "report"  // report this ad
	cbTips         = "tips"    // safety tips
	cbMore         = "more:"   // more:3, the signs of the last verdict after the first three
)

// payloadRe is what a deep-link payload may be (Telegram: up to 64 of A-Z a-z 0-9 _ -).
var payloadRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func (c *conv) callback() error {
	data := c.in.Data
	if ok, err := c.reportCallback(data); ok || err != nil {
		return err
	}
	if ok, err := c.reviewCallback(data); ok || err != nil {
		return err
	}
	switch {
	case strings.HasPrefix(data, cbLangPrefix):
		lang := locales.Lang(strings.TrimPrefix(data, cbLangPrefix))
		if lang != locales.UR && lang != locales.EN {
			c.answer(c.t("button.stale", nil))
			return nil
		}
		c.s.Lang = lang
		c.answer(c.t("language.set", nil))
		c.say(c.t("start.about", nil), c.menu())
	case data == cbLanguageMenu:
		c.answer("")
		c.chooseLanguage()
	case data == cbAgain:
		c.answer("")
		c.s.State = Idle
		c.say(c.t("check.prompt", nil), nil)
	case data == cbLicence:
		c.answer("")
		c.askLicence()
	case strings.HasPrefix(data, cbLicenceSel):
		c.answer("")
		return c.checkLicence(strings.TrimPrefix(data, cbLicenceSel))
	case data == cbReport:
		c.answer("")
		c.startReport()
	case data == cbSubscribe:
		c.answer("")
		c.subscribe()
	case data == cbUnsubscribe:
		c.answer("")
		c.unsubscribe()
	case data == cbTips:
		c.answer("")
		c.say(c.t("tips.text", nil), c.menu())
	case strings.HasPrefix(data, cbMore):
		shown, err := strconv.Atoi(strings.TrimPrefix(data, cbMore))
		if err != nil || shown < 0 || c.s.LastAd == nil {
			c.answer(c.t("button.stale", nil))
			c.say(c.t("button.stale", nil), c.menu())
			return nil
		}
		c.answer("")
		var flags []redflags.Flag
		for _, f := range c.s.LastAd.Verdict.Flags {
			flags = append(flags, redflags.Flag{Code: redflags.Code(f.Code), Evidence: f.Evidence})
		}
		c.say(RenderMoreSigns(c.deps.Bundle, c.lang(), flags, shown), c.verdictButtons(c.lang(), 0, 0))
	default:
		// A forged button, or one from a message of an older version of the bot.
		c.answer(c.t("button.stale", nil))
		c.say(c.t("button.stale", nil), c.menu())
	}
	return nil
}

// languageButtons offers both languages, each named in itself so anyone can find theirs; the
// preselected one (the user's choice, else Telegram's language code) comes first with a tick.
func languageButtons(pre locales.Lang) [][]Button {
	ur := Button{Text: "اردو", Data: cbLangPrefix + string(locales.UR)}
	en := Button{Text: "English", Data: cbLangPrefix + string(locales.EN)}
	if pre == locales.UR {
		ur.Text = "✓ " + ur.Text
		return [][]Button{{ur, en}}
	}
	en.Text = "✓ " + en.Text
	return [][]Button{{en, ur}}
}

func (c *conv) menu() [][]Button { return c.menuIn(c.lang()) }

// menuIn is the main menu in lang.
func (c *conv) menuIn(lang locales.Lang) [][]Button {
	b := c.deps.Bundle
	return [][]Button{
		{{Text: b.T(lang, "button.check_licence", nil), Data: cbLicence}, {Text: b.T(lang, "button.tips", nil), Data: cbTips}},
		{{Text: b.T(lang, "button.language", nil), Data: cbLanguageMenu}},
	}
}

// verdictButtons follow every verdict; hidden signs (after the shown ones) get a "more" button.
func (c *conv) verdictButtons(lang locales.Lang, hidden, shown int) [][]Button {
	b := c.deps.Bundle
	rows := [][]Button{{{Text: b.T(lang, "button.report", nil), Data: cbReport}}}
	if hidden > 0 {
		rows = append(rows, []Button{{Text: b.T(lang, "button.more_signs", map[string]any{"Count": hidden}), Data: cbMore + strconv.Itoa(shown)}})
	}
	rows = append(rows, []Button{{Text: b.T(lang, "button.check_another", nil), Data: cbAgain}, {Text: b.T(lang, "button.check_licence", nil), Data: cbLicence}})
	if !c.s.Subscribed {
		rows = append(rows, []Button{{Text: b.T(lang, "button.subscribe", nil), Data: cbSubscribe}})
	}
	return rows
}
