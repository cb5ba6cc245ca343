package console_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/labstack/echo/v5"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/console"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/internal/logtest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// patterns are the keys the console's tests write: every key of Tasdeeq's (the console reads
// and writes every kind of data, under every fixed tag and in every shard).
var patterns = []string{"tasdeeq:*"}

const (
	counsellorPW = "lahore centre pass"
	adminPW      = "operator pass phrase"
)

// fixture is the console on a real HTTP server, with a counsellor (ayesha, LHR) and an admin
// (ops, ISB).
type fixture struct {
	t        *testing.T
	rdb      redis.UniversalClient
	srv      *httptest.Server
	store    *accounts.Store
	audit    *accounts.Audit
	cases    *referrals.Store
	subs     *outreach.Subscribers
	register *licences.Store
	logs     *logtest.Buffer
}

// deps lets a test add to the console's configuration before it is built.
type deps func(rdb redis.UniversalClient, cfg *console.Config)

func newFixture(t *testing.T, b redistest.Backend, more ...deps) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, rdb: b.RDB, store: accounts.NewStore(b.RDB), audit: accounts.NewAudit(b.RDB, nil), logs: &logtest.Buffer{}}
	if _, err := f.store.Add(ctx, accounts.Account{Username: "ayesha", MRC: "LHR"}, counsellorPW); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Add(ctx, accounts.Account{Username: "ops", MRC: "ISB", Role: accounts.Admin}, adminPW); err != nil {
		t.Fatal(err)
	}
	bundle, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	f.cases = referrals.NewStore(b.RDB)
	f.subs = outreach.NewSubscribers(b.RDB)
	f.register = licences.NewStore(b.RDB)
	// The bot's own processor decides reviews, as in serve: only the bundle and the case store
	// are needed for that.
	proc := bot.NewProcessor(b.RDB, dialogs.Deps{Bundle: bundle}, "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	proc.Cases = f.cases
	cfg := console.Config{Accounts: f.store, Audit: f.audit, Sessions: auth.NewSessions(b.RDB, 0, 0, nil),
		Limiter: auth.NewLimiter(b.RDB), Bundle: bundle, Cases: f.cases, Decider: proc,
		Links: outreach.NewLinks(b.RDB), Stats: outreach.NewStats(b.RDB), BotUsername: func() string { return "tasdeeq_test_bot" },
		Campaigns: outreach.NewBroadcaster(b.RDB, f.subs), Subscribers: f.subs, Register: f.register,
		Logger: slog.New(slog.NewTextHandler(f.logs, nil))}
	for _, d := range more {
		d(b.RDB, &cfg)
	}
	c, err := console.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	c.Routes(e.Group("/console"))
	f.srv = httptest.NewServer(e)
	t.Cleanup(f.srv.Close)
	return f
}

// browser is one person's cookie jar; it does not follow redirects, so tests see them.
type browser struct {
	f      *fixture
	client *http.Client
}

func (f *fixture) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{f: f, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is an answer: its status, Location and body.
type page struct {
	code     int
	location string
	body     string
	header   http.Header
}

func (b *browser) do(req *http.Request) page {
	b.f.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page{code: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body), header: resp.Header}
}

func (b *browser) get(path string) page {
	req, _ := http.NewRequest(http.MethodGet, b.f.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the CSRF token in a page's forms.
func (p page) csrf(t *testing.T) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no csrf field in %s", p.body)
	}
	return m[1]
}

// login logs in through the form.
func (b *browser) login(user, password string) page {
	b.f.t.Helper()
	form := b.get("/console/login")
	return b.post("/console/login", url.Values{"csrf": {form.csrf(b.f.t)}, "username": {user}, "password": {password}})
}

// loggedIn is a browser logged in as user.
func (f *fixture) loggedIn(user, password string) *browser {
	f.t.Helper()
	b := f.browser()
	if p := b.login(user, password); p.code != http.StatusSeeOther {
		f.t.Fatalf("login %s: %d %s", user, p.code, p.body)
	}
	return b
}

// submit posts a form with the session's CSRF token, taken from the page at from.
func (b *browser) submit(from, path string, form url.Values) page {
	b.f.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", b.get(from).csrf(b.f.t))
	return b.post(path, form)
}
