package console

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/locales"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticRoot embed.FS

var staticFS = echo.MustSubFS(staticRoot, "static")

// pages are the parsed templates: each page is the layout with the page's own "content".
type pages struct {
	bundle *locales.Bundle
	byName map[string]*template.Template
}

func parsePages(b *locales.Bundle) (*pages, error) {
	// The layout and the parts pages share (files named _*.html) make the base of every page.
	layout, err := template.New("layout.html").Funcs(funcs(b, locales.EN)).ParseFS(templateFS, "templates/layout.html", "templates/_*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{bundle: b, byName: map[string]*template.Template{}}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" || strings.HasPrefix(base, "_") {
			continue
		}
		if strings.HasPrefix(base, "bare_") {
			// A page of its own, without the layout (the printable poster).
			t, err := template.New(base).Funcs(funcs(b, locales.EN)).ParseFS(templateFS, name)
			if err != nil {
				return nil, err
			}
			p.byName[strings.TrimSuffix(base, ".html")] = t
			continue
		}
		t, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFS, name); err != nil {
			return nil, err
		}
		p.byName[strings.TrimSuffix(base, ".html")] = t
	}
	return p, nil
}

// funcs are the templates' functions in one language: t renders a message of the locales
// bundle ({{t "console.nav.review"}}, {{t "console.cases.found" "Count" 3}}), date writes a day
// out, when a day and a time.
func funcs(b *locales.Bundle, lang locales.Lang) template.FuncMap {
	return template.FuncMap{
		"t": func(id string, kv ...any) string {
			var data map[string]any
			if len(kv) > 0 {
				data = map[string]any{}
				for i := 0; i+1 < len(kv); i += 2 {
					data[fmt.Sprint(kv[i])] = kv[i+1]
				}
			}
			return b.T(lang, id, data)
		},
		"agency": func(target string) string {
			if msg, err := b.Lookup(lang, "agency."+target, nil); err == nil {
				return msg
			}
			return target
		},
		"rupees": func(n int64) string { return rupees(lang, n) },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return dialogs.Date(b, lang, t.In(pkt))
		},
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return dialogs.Date(b, lang, t.In(pkt)) + " " + t.In(pkt).Format("15:04")
		},
	}
}

// pkt is the time zone of every date the console shows: the centres are in Pakistan.
var pkt = time.FixedZone("PKT", 5*60*60)

// view is what every page is rendered with: the language and direction, the account, the
// session's CSRF token for the forms, which section of the menu is open, and the page's data.
type view struct {
	Lang    locales.Lang
	Dir     string
	Title   string // message id of the page title
	Nav     string // the menu entry to mark
	Path    string // the page's path, for the language switch
	Account accounts.Account
	CSRF    string
	Notice  string // a message id to show at the top (an action's outcome)
	Error   string // a message id of an error to show at the top
	Data    any
}

// render writes a page in the request's language.
func (s *Console) render(c *echo.Context, status int, page string, v view) error {
	t, ok := s.pages.byName[page]
	if !ok {
		return fmt.Errorf("console: no page %q", page)
	}
	lang := s.lang(c)
	v.Lang, v.Dir = lang, "ltr"
	if lang == locales.UR {
		v.Dir = "rtl"
	}
	v.Path = c.Request().URL.Path
	v.Account = auth.AccountOf(c)
	v.CSRF = auth.SessionOf(c).CSRF
	t, err := t.Clone()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Funcs(funcs(s.pages.bundle, lang)).ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return fmt.Errorf("console: render %s: %w", page, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// renderBare writes a page made without the layout (templates/bare_NAME.html) with data.
func (s *Console) renderBare(c *echo.Context, name string, data any) error {
	t, ok := s.pages.byName["bare_"+name]
	if !ok {
		return fmt.Errorf("console: no page %q", name)
	}
	t, err := t.Clone()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Funcs(funcs(s.pages.bundle, s.lang(c))).Execute(&buf, data); err != nil {
		return fmt.Errorf("console: render %s: %w", name, err)
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// LangCookie keeps the language a user chose with the switch, for a year.
const LangCookie = "tasdeeq_lang"

// lang is the page language: ?lang= (which the switch links set, and which is then kept in a
// cookie), else the cookie, else the browser's first choice; English unless it is Urdu.
func (s *Console) lang(c *echo.Context) locales.Lang {
	if q := c.QueryParam("lang"); q != "" {
		lang := locales.Parse(q)
		c.SetCookie(&http.Cookie{Name: LangCookie, Value: string(lang), Path: Path, MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
		return lang
	}
	if ck, err := c.Cookie(LangCookie); err == nil {
		return locales.Parse(ck.Value)
	}
	return locales.Parse(c.Request().Header.Get("Accept-Language"))
}

// rupees writes an amount as Pakistanis read it: "Rs 25,000", "25,000 روپے".
func rupees(lang locales.Lang, n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if lang == locales.UR {
		return s + " روپے"
	}
	return "Rs " + s
}
