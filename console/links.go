package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// Links is what the console does with counsellors' deep links; *outreach.Links is one.
type Links interface {
	Create(ctx context.Context, mrc, label, licence string) (outreach.Link, error)
	List(ctx context.Context, mrc string) ([]outreach.Link, error)
	Get(ctx context.Context, id string) (outreach.Link, bool, error)
}

// linkView is a link with its deep link (empty while the bot's username is not known).
type linkView struct {
	outreach.Link
	URL string
}

func (s *Console) linkView(l outreach.Link) linkView {
	v := linkView{Link: l}
	if bot := s.cfg.BotUsername(); bot != "" {
		v.URL = outreach.LinkURL(bot, l)
	}
	return v
}

// scopeMRC is the centre a request may see: a counsellor's own, always; an admin's choice (""
// for all).
func scopeMRC(c *echo.Context, asked string) string {
	acc := auth.AccountOf(c)
	if !acc.IsAdmin() {
		return acc.MRC
	}
	if mrc, err := accounts.NormaliseMRC(asked); err == nil {
		return mrc
	}
	return ""
}

// linksPage is the links page's data: the form (as typed, after an error) and the links.
type linksPage struct {
	MRC, Label, Licence string
	Links               []linkView
}

// links lists the centre's links, newest first, under the form that makes one.
func (s *Console) links(c *echo.Context) error {
	return s.showLinks(c, http.StatusOK, linksPage{MRC: scopeMRC(c, c.QueryParam("mrc"))}, "")
}

func (s *Console) showLinks(c *echo.Context, status int, p linksPage, errID string) error {
	all, err := s.cfg.Links.List(c.Request().Context(), scopeMRC(c, p.MRC))
	if err != nil {
		return err
	}
	for _, l := range all {
		p.Links = append(p.Links, s.linkView(l))
	}
	if p.MRC == "" {
		p.MRC = auth.AccountOf(c).MRC
	}
	return s.render(c, status, "links", view{Title: "console.links.title", Nav: "links", Error: errID, Data: p})
}

// createLink makes a link for a centre (a counsellor's own), an event (its label) and, when
// given, a licence the link opens on.
func (s *Console) createLink(c *echo.Context) error {
	p := linksPage{MRC: c.FormValue("mrc"), Label: c.FormValue("label"), Licence: c.FormValue("licence")}
	if !auth.AccountOf(c).IsAdmin() {
		p.MRC = auth.AccountOf(c).MRC
	}
	if s.cfg.BotUsername() == "" {
		return s.showLinks(c, http.StatusServiceUnavailable, p, "console.links.no_bot")
	}
	link, err := s.cfg.Links.Create(c.Request().Context(), p.MRC, p.Label, p.Licence)
	if errors.Is(err, outreach.ErrInvalidLink) {
		return s.showLinks(c, http.StatusBadRequest, p, "console.links.invalid")
	}
	if err != nil {
		return err
	}
	s.record(c, accounts.Entry{Action: accounts.ActionLinkCreate, Object: link.ID, Detail: link.MRC})
	return c.Redirect(http.StatusSeeOther, Path+"/links/"+link.ID+"?done=created")
}

// link finds the link of the request's :id that the account may see (a counsellor: their
// centre's); ok is false after answering 404.
func (s *Console) link(c *echo.Context) (outreach.Link, bool, error) {
	l, ok, err := s.cfg.Links.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return l, false, err
	}
	if !ok || (!auth.AccountOf(c).IsAdmin() && l.MRC != auth.AccountOf(c).MRC) {
		return l, false, echo.ErrNotFound
	}
	return l, true, nil
}

// linkDetail shows one link: its QR code, its deep link and the way to its poster.
func (s *Console) linkDetail(c *echo.Context) error {
	l, ok, err := s.link(c)
	if !ok {
		return err
	}
	return s.render(c, http.StatusOK, "link", view{Title: "console.link.title", Nav: "links", Notice: notice(c, "console.link.done_"), Data: s.linkView(l)})
}

// qrSize is the side of the console's QR codes: sharp on an A4 poster, small to send.
const qrSize = 768

// linkQR is the link's QR code as a PNG.
func (s *Console) linkQR(c *echo.Context) error {
	l, ok, err := s.link(c)
	if !ok {
		return err
	}
	bot := s.cfg.BotUsername()
	if bot == "" {
		return echo.ErrServiceUnavailable
	}
	png, err := outreach.QRPNG(outreach.LinkURL(bot, l), qrSize)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="tasdeeq-%s-%s.png"`, strings.ToLower(l.MRC), l.ID))
	return c.Blob(http.StatusOK, "image/png", png)
}

// posterData is the poster's: the link, and its lines in both languages, whatever the page's.
type posterData struct {
	linkView
	EN, UR map[string]string
}

// poster is a print-ready A4 page: the QR code large, the bot's name, and one line in Urdu and
// one in English, for the notice board of a centre or a job fair's table.
func (s *Console) poster(c *echo.Context) error {
	l, ok, err := s.link(c)
	if !ok {
		return err
	}
	lines := func(lang locales.Lang) map[string]string {
		out := map[string]string{}
		for _, k := range []string{"headline", "line", "scan", "never"} {
			out[k] = s.cfg.Bundle.T(lang, "console.poster."+k, nil)
		}
		return out
	}
	return s.renderBare(c, "poster", posterData{linkView: s.linkView(l), EN: lines(locales.EN), UR: lines(locales.UR)})
}
