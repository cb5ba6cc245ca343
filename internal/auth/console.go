package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
)

// Cookie names of the console. Both are HttpOnly and SameSite=Lax, and Secure unless the service
// listens on loopback only (a laptop, a test), where there is no TLS to require.
const (
	SessionCookie   = "tasdeeq_session"
	LoginCSRFCookie = "tasdeeq_login_csrf"
	// CSRFField is the hidden field of every console form; CSRFHeader may carry the same token
	// for a request made by script.
	CSRFField  = "csrf"
	CSRFHeader = "X-CSRF-Token"
	// MaxForm bounds a console POST body: the largest is a register CSV upload.
	MaxForm = 16 << 20
)

// AccountGetter finds an account by username; *accounts.Store is one.
type AccountGetter interface {
	Get(ctx context.Context, username string) (accounts.Account, error)
}

// Console authenticates the pages under /console/ with a session cookie.
type Console struct {
	Sessions *Sessions
	Accounts AccountGetter
	// Secure marks the cookies Secure; false only when the service listens on loopback.
	Secure bool
	// Path is where the console is mounted ("/console"): the cookies' path, and the login page
	// is Path+"/login".
	Path   string
	Logger *slog.Logger
}

// Context keys of the authenticated account and its session.
const (
	accountKey = "tasdeeq.auth.account"
	sessionKey = "tasdeeq.auth.session"
)

// AccountOf is the account a request was authenticated as (the zero Account outside Require).
func AccountOf(c *echo.Context) accounts.Account {
	a, _ := c.Get(accountKey).(accounts.Account)
	return a
}

// SessionOf is the session a request came with (the zero Session outside Require).
func SessionOf(c *echo.Context) Session {
	s, _ := c.Get(sessionKey).(Session)
	return s
}

// Headers is the middleware of the whole /console group: pages are never cached (they show
// reports), never framed, and load scripts, styles and forms from the console alone.
func (a *Console) Headers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		if c.Request().Method == http.MethodPost {
			c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, MaxForm)
		}
		return next(c)
	}
}

// Require is the middleware of every console page but the login form: a live session of an
// enabled account (GET: otherwise to the login form; anything else: 403), and on every request
// that changes something the session's CSRF token, compared in constant time (403 without it).
func (a *Console) Require(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		r := c.Request()
		sess, acc, ok, err := a.current(c)
		if err != nil {
			return err
		}
		if !ok {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				return c.Redirect(http.StatusSeeOther, a.Path+"/login?next="+url.QueryEscape(r.URL.RequestURI()))
			}
			return echo.ErrForbidden
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			got := r.Header.Get(CSRFHeader)
			if got == "" {
				got = c.FormValue(CSRFField)
			}
			if !sameToken(got, sess.CSRF) {
				a.log().Warn("console: request without a valid CSRF token refused", "path", c.Path())
				return echo.ErrForbidden
			}
		}
		c.Set(sessionKey, sess)
		c.Set(accountKey, acc)
		return next(c)
	}
}

func (a *Console) log() *slog.Logger {
	if a.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.Logger
}

// current finds the session of the request's cookie and its account; ok is false when there is
// none, it ended, or the account is gone or disabled (then the session is ended too).
func (a *Console) current(c *echo.Context) (Session, accounts.Account, bool, error) {
	ck, err := c.Cookie(SessionCookie)
	if err != nil {
		return Session{}, accounts.Account{}, false, nil
	}
	ctx := c.Request().Context()
	sess, ok, err := a.Sessions.Get(ctx, ck.Value)
	if err != nil || !ok {
		return Session{}, accounts.Account{}, false, err
	}
	acc, err := a.Accounts.Get(ctx, sess.Username)
	if errors.Is(err, accounts.ErrNotFound) || (err == nil && acc.Disabled) {
		return Session{}, accounts.Account{}, false, a.Sessions.End(ctx, sess)
	}
	if err != nil {
		return Session{}, accounts.Account{}, false, err
	}
	return sess, acc, true, nil
}

// sameToken compares two tokens in constant time; an empty one matches nothing.
func sameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// cookie is a console cookie with the flags every one of them has.
func (a *Console) cookie(name, value, path string, maxAge time.Duration) *http.Cookie {
	ck := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: a.Secure, SameSite: http.SameSiteLaxMode}
	switch {
	case maxAge > 0:
		ck.MaxAge = int(maxAge.Seconds())
	case maxAge < 0:
		ck.MaxAge = -1
	}
	return ck
}

// Login starts a session for an account that has just proved its password, and sets its cookie.
// The login form's CSRF cookie is dropped: it has done its work.
func (a *Console) Login(c *echo.Context, acc accounts.Account) error {
	token, _, err := a.Sessions.Create(c.Request().Context(), acc.Username)
	if err != nil {
		return err
	}
	c.SetCookie(a.cookie(SessionCookie, token, a.Path, a.Sessions.MaxLifetime()))
	c.SetCookie(a.cookie(LoginCSRFCookie, "", a.Path+"/login", -1))
	return nil
}

// Logout ends the request's session and clears its cookie.
func (a *Console) Logout(c *echo.Context) error {
	c.SetCookie(a.cookie(SessionCookie, "", a.Path, -1))
	return a.Sessions.End(c.Request().Context(), SessionOf(c))
}

// LoginToken is the CSRF token of the login form. Before a session exists there is nothing to
// keep it in, so it travels twice: in a cookie only this site can set, and in the form; a POST
// whose two copies differ did not come from the form (CheckLogin).
func (a *Console) LoginToken(c *echo.Context) (string, error) {
	if ck, err := c.Cookie(LoginCSRFCookie); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
		return ck.Value, nil
	}
	token, err := randomToken()
	if err != nil {
		return "", err
	}
	c.SetCookie(a.cookie(LoginCSRFCookie, token, a.Path+"/login", time.Hour))
	return token, nil
}

// CheckLogin says whether a login POST carries the token of its form.
func (a *Console) CheckLogin(c *echo.Context) bool {
	ck, err := c.Cookie(LoginCSRFCookie)
	return err == nil && sameToken(c.FormValue(CSRFField), ck.Value)
}

// LoopbackOnly says whether a listen address accepts connections from this machine alone
// ("127.0.0.1:8080", "[::1]:0", "localhost:8080"); the console's cookies are Secure otherwise.
func LoopbackOnly(addr string) bool {
	host := addr
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		host = addr[:i]
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	if host == "" {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
