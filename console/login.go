package console

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
)

// loginData is the login form's.
type loginData struct {
	Username string
	Next     string
	CSRF     string
}

// loginForm shows the login form.
func (s *Console) loginForm(c *echo.Context) error {
	return s.showLogin(c, http.StatusOK, "", c.QueryParam("next"), "")
}

func (s *Console) showLogin(c *echo.Context, status int, username, next, errID string) error {
	token, err := s.auth.LoginToken(c)
	if err != nil {
		return err
	}
	return s.render(c, status, "login", view{Title: "console.login.title", Error: errID,
		Data: loginData{Username: username, Next: safeNext(next), CSRF: token}})
}

// login checks the form's CSRF token, the login limits, then the password, and starts a
// session. Every refusal looks the same to the person trying, whatever its reason, but for the
// limits, which say to wait.
func (s *Console) login(c *echo.Context) error {
	ctx := c.Request().Context()
	username, password, next := strings.TrimSpace(c.FormValue("username")), c.FormValue("password"), c.FormValue("next")
	if !s.auth.CheckLogin(c) {
		return echo.ErrForbidden
	}
	ip := c.RealIP()
	ok, err := s.cfg.Limiter.Allowed(ctx, username, ip)
	if err != nil {
		return err
	}
	if !ok {
		return s.showLogin(c, http.StatusTooManyRequests, username, next, "console.login.too_many")
	}
	acc, err := s.cfg.Accounts.Authenticate(ctx, username, password)
	switch {
	case errors.Is(err, accounts.ErrBadPassword) || errors.Is(err, accounts.ErrDisabled):
		if ferr := s.cfg.Limiter.Failed(ctx, username, ip); ferr != nil {
			return ferr
		}
		if known, gerr := s.cfg.Accounts.Get(ctx, username); gerr == nil {
			// Only an existing account's failures are audited: a username typed wrong is often
			// a password typed in the wrong field, and must not be kept.
			s.record(c, accounts.Entry{Who: known.Username, Action: accounts.ActionLoginRefused})
		}
		s.log.Info("console: login refused")
		return s.showLogin(c, http.StatusUnauthorized, username, next, "console.login.refused")
	case err != nil:
		return err
	}
	if err := s.cfg.Limiter.Succeeded(ctx, acc.Username); err != nil {
		return err
	}
	if err := s.auth.Login(c, acc); err != nil {
		return err
	}
	s.record(c, accounts.Entry{Who: acc.Username, Action: accounts.ActionLogin})
	s.log.Info("console: logged in")
	return c.Redirect(http.StatusSeeOther, safeNext(next))
}

// safeNext is where to go after logging in: a console page, never another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, Path+"/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") ||
		strings.HasPrefix(next, Path+"/login") {
		return Path + "/review"
	}
	return next
}

// logout ends the session.
func (s *Console) logout(c *echo.Context) error {
	if err := s.auth.Logout(c); err != nil {
		return err
	}
	s.record(c, accounts.Entry{Action: accounts.ActionLogout})
	return c.Redirect(http.StatusSeeOther, Path+"/login")
}

// audit shows the newest entries of the audit log, optionally of one account or case.
func (s *Console) audit(c *echo.Context) error {
	who, caseID := strings.ToLower(strings.TrimSpace(c.QueryParam("who"))), strings.ToUpper(strings.TrimSpace(c.QueryParam("case")))
	entries, err := s.cfg.Audit.Recent(c.Request().Context(), 200, who, caseID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "audit", view{Title: "console.audit.title", Nav: "audit",
		Data: struct {
			Who, Case string
			Entries   []accounts.Entry
		}{who, caseID, entries}})
}
