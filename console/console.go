// Package console is the web console of tasdeeq serve for Migrant Resource Centre counsellors
// and operators, under /console/: server-rendered pages (html/template, a few lines of plain
// script at most), in Urdu (right to left) and English, that work on an office PC and a phone.
//
// Authentication, sessions, CSRF tokens and login limits are package auth's; this package owns
// the pages and writes every action to the audit log (package accounts).
package console

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/locales"
)

// Path is where the console is mounted.
const Path = "/console"

// Accounts is what the console needs of the account store; *accounts.Store is one.
type Accounts interface {
	auth.AccountGetter
	Authenticate(ctx context.Context, username, password string) (accounts.Account, error)
}

// Audit is the audit log; *accounts.Audit is one.
type Audit interface {
	Record(ctx context.Context, e accounts.Entry) error
	Recent(ctx context.Context, limit int, who, caseID string) ([]accounts.Entry, error)
}

// Config is what the console is built from.
type Config struct {
	Accounts    Accounts
	Audit       Audit
	Sessions    *auth.Sessions
	Limiter     *auth.Limiter
	Bundle      *locales.Bundle
	Cases       Cases
	Decider     Decider
	Links       Links
	Stats       Stats
	Campaigns   Campaigns
	Subscribers Subscribers
	Register    Register
	// BotUsername is asked on each request: it may become known after start ("" until then).
	BotUsername func() string
	// Now is the console's clock (nil: time.Now).
	Now func() time.Time
	// Secure marks the cookies Secure: true unless the service listens on loopback only.
	Secure bool
	Logger *slog.Logger
}

// Console serves the pages.
type Console struct {
	cfg   Config
	auth  *auth.Console
	pages *pages
	log   *slog.Logger
}

// New checks the configuration and parses the templates.
func New(cfg Config) (*Console, error) {
	if cfg.Accounts == nil || cfg.Audit == nil || cfg.Sessions == nil || cfg.Limiter == nil || cfg.Bundle == nil ||
		cfg.Cases == nil || cfg.Decider == nil || cfg.Links == nil || cfg.Stats == nil || cfg.Campaigns == nil || cfg.Subscribers == nil || cfg.Register == nil {
		return nil, errors.New("console: accounts, audit, sessions, limiter, bundle, cases, decider, links, stats, campaigns, subscribers and register are required")
	}
	if cfg.BotUsername == nil {
		cfg.BotUsername = func() string { return "" }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	p, err := parsePages(cfg.Bundle)
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	return &Console{
		cfg:   cfg,
		auth:  &auth.Console{Sessions: cfg.Sessions, Accounts: cfg.Accounts, Secure: cfg.Secure, Path: Path, Logger: cfg.Logger},
		pages: p,
		log:   cfg.Logger,
	}, nil
}

// Routes adds every page to g, the router's /console group; this is the only place console
// routes are listed.
func (s *Console) Routes(g *echo.Group) {
	g.Use(s.auth.Headers)
	// The stylesheet and the few lines of script, from the binary.
	g.GET("/static/*", echo.StaticDirectoryHandler(staticFS, false))
	// The login form (fields username and password) and its POST: no session yet, so its CSRF
	// token travels in a cookie of its own.
	g.GET("/login", s.loginForm)
	g.POST("/login", s.login)
	in := g.Group("", s.auth.Require)
	// Home: the review queue is the first thing a counsellor works on.
	in.GET("", s.home)
	in.GET("/", s.home)
	// Log out (POST, with the session's CSRF token).
	in.POST("/logout", s.logout)
	// Review: the reports held for a counsellor; Confirm (refer) or Dismiss with a reason.
	in.GET("/review", s.review)
	in.POST("/review/:id/confirm", s.decide(true))
	in.POST("/review/:id/dismiss", s.decide(false))
	// Cases: search by id, status or agency reference; one case; retry a dead one (admins).
	in.GET("/cases", s.cases)
	in.GET("/cases/:id", s.caseDetail)
	in.POST("/cases/:id/retry", s.retry, adminOnly)
	// Links: make a deep link for a centre, event or licence; its QR code and A4 poster.
	in.GET("/links", s.links)
	in.POST("/links", s.createLink)
	in.GET("/links/:id", s.linkDetail)
	in.GET("/links/:id/qr.png", s.linkQR)
	in.GET("/links/:id/poster", s.poster)
	// Numbers per centre and per link, by day, with charts; the same as CSV.
	in.GET("/stats", s.stats)
	in.GET("/stats.csv", s.statsCSV)
	// Campaigns: compose in both languages with a preview, choose the audience, send, watch.
	in.GET("/campaigns", s.campaigns)
	in.POST("/campaigns", s.sendCampaign)
	in.GET("/campaigns/:id", s.campaign)
	// The licence register (admins): its snapshot's date; upload a CSV, read what it changes,
	// then apply it.
	in.GET("/register", s.register, adminOnly)
	in.POST("/register", s.uploadRegister, adminOnly)
	in.POST("/register/apply", s.applyRegister, adminOnly)
	// The audit log: who did what and when (admins).
	in.GET("/audit", s.audit, adminOnly)
	// Anything else under /console/: 404, after authentication, so the console's pages are not
	// mapped by strangers.
	in.Any("/*", func(c *echo.Context) error { return echo.ErrNotFound })
}

// adminOnly refuses a counsellor (403).
func adminOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if !auth.AccountOf(c).IsAdmin() {
			return echo.ErrForbidden
		}
		return next(c)
	}
}

// home sends to the review queue.
func (s *Console) home(c *echo.Context) error {
	return c.Redirect(http.StatusSeeOther, Path+"/review")
}

// now is the console's clock.
func (s *Console) now() time.Time { return s.cfg.Now() }

// record writes an action to the audit log; the action is done, so a failure to log it is logged
// and not shown to the counsellor.
func (s *Console) record(c *echo.Context, e accounts.Entry) {
	if e.Who == "" {
		e.Who = auth.AccountOf(c).Username
	}
	if err := s.cfg.Audit.Record(c.Request().Context(), e); err != nil {
		s.log.Error("console: audit log", "action", e.Action, "err", err)
	}
}
