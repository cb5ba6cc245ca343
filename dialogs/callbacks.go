package dialogs

import (
	"regexp"
	"strings"

	"github.com/tasdeeq/tasdeeq/locales"
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

// verdictButtons follow every verdict.
func (c *conv) verdictButtons(lang locales.Lang) [][]Button {
	b := c.deps.Bundle
	rows := [][]Button{
		{{Text: b.T(lang, "button.report", nil), Data: cbReport}},
		{{Text: b.T(lang, "button.check_another", nil), Data: cbAgain}, {Text: b.T(lang, "button.check_licence", nil), Data: cbLicence}},
	}
	if !c.s.Subscribed {
		rows = append(rows, []Button{{Text: b.T(lang, "button.subscribe", nil), Data: cbSubscribe}})
	}
	return rows
}
