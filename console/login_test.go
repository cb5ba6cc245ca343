package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/tasdeeq/tasdeeq/console"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

func TestLoginAndLogout(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		anon := f.browser()
		if p := anon.get("/console/audit"); p.code != http.StatusSeeOther || p.location != "/console/login?next=%2Fconsole%2Faudit" {
			t.Fatalf("no session: %d %q", p.code, p.location)
		}
		form := anon.get("/console/login")
		if form.code != http.StatusOK || !strings.Contains(form.body, `name="username"`) || !strings.Contains(form.body, `name="password"`) ||
			!strings.Contains(form.body, `<html lang="en" dir="ltr">`) {
			t.Fatalf("login form: %d %s", form.code, form.body)
		}
		if form.header.Get("Cache-Control") != "no-store" || !strings.Contains(form.header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("headers %v", form.header)
		}
		// A login POST without the form's token is refused before the password is looked at.
		if p := anon.post("/console/login", url.Values{"username": {"ayesha"}, "password": {counsellorPW}}); p.code != http.StatusForbidden {
			t.Fatalf("login without csrf: %d", p.code)
		}
		if p := anon.login("ayesha", "wrong password"); p.code != http.StatusUnauthorized || !strings.Contains(p.body, "Wrong username or password") {
			t.Fatalf("wrong password: %d %s", p.code, p.body)
		}
		if p := anon.login("nobody", counsellorPW); p.code != http.StatusUnauthorized || !strings.Contains(p.body, "Wrong username or password") {
			t.Fatalf("unknown user: %d", p.code)
		}
		p := anon.login("Ayesha", counsellorPW)
		if p.code != http.StatusSeeOther || p.location != "/console/review" {
			t.Fatalf("login: %d %q %s", p.code, p.location, p.body)
		}
		var session *http.Cookie
		for _, c := range anon.client.Jar.Cookies(mustURL(f.srv.URL + "/console/")) {
			if c.Name == auth.SessionCookie {
				session = c
			}
		}
		if session == nil {
			t.Fatal("no session cookie")
		}
		if sc := setCookie(p, auth.SessionCookie); !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") ||
			strings.Contains(sc, "Secure") || !strings.Contains(sc, "Path=/console") {
			t.Errorf("session cookie on loopback: %s", sc)
		}
		// A counsellor does not read the audit log; an admin does, and sees the logins.
		if p := anon.get("/console/audit"); p.code != http.StatusForbidden {
			t.Fatalf("counsellor on audit: %d", p.code)
		}
		admin := f.loggedIn("ops", adminPW)
		audit := admin.get("/console/audit")
		if audit.code != http.StatusOK || !strings.Contains(audit.body, "logged in") || !strings.Contains(audit.body, "login refused") {
			t.Fatalf("audit: %d %s", audit.code, audit.body)
		}
		if strings.Contains(audit.body, "nobody") {
			t.Error("the audit log kept a username that does not exist (often a password typed in the wrong field)")
		}
		// Logging out needs the CSRF token too.
		if p := anon.post("/console/logout", nil); p.code != http.StatusForbidden {
			t.Fatalf("logout without csrf: %d", p.code)
		}
	})
}

func TestLogoutEndsTheSession(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		admin := f.loggedIn("ops", adminPW)
		if p := admin.submit("/console/audit", "/console/logout", nil); p.code != http.StatusSeeOther || p.location != "/console/login" {
			t.Fatalf("logout: %d %q", p.code, p.location)
		}
		if p := admin.get("/console/audit"); p.code != http.StatusSeeOther {
			t.Fatalf("after logout: %d", p.code)
		}
		// A disabled account's session ends at its next request.
		admin = f.loggedIn("ops", adminPW)
		if err := f.store.SetDisabled(context.Background(), "ops", true); err != nil {
			t.Fatal(err)
		}
		if p := admin.get("/console/audit"); p.code != http.StatusSeeOther {
			t.Fatalf("disabled account: %d", p.code)
		}
		if p := f.browser().login("ops", adminPW); p.code != http.StatusUnauthorized {
			t.Fatalf("disabled account logs in: %d", p.code)
		}
	})
}

func TestLoginLimits(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		guesser := f.browser()
		for i := range auth.DefaultFailuresPerUser {
			if p := guesser.login("ayesha", "guess number "+string(rune('a'+i))); p.code != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i, p.code)
			}
		}
		// The account is locked for a while, even with its password, and says so.
		p := f.browser().login("ayesha", counsellorPW)
		if p.code != http.StatusTooManyRequests || !strings.Contains(p.body, "Too many wrong tries") {
			t.Fatalf("after %d failures: %d", auth.DefaultFailuresPerUser, p.code)
		}
		// Another account from the same address still logs in (the address's limit is higher).
		if p := f.browser().login("ops", adminPW); p.code != http.StatusSeeOther {
			t.Fatalf("other account: %d", p.code)
		}
		// Guessing across many accounts from one address hits the address's limit.
		for i := range auth.DefaultFailuresPerIP {
			guesser.login("user"+string(rune('a'+i%26))+"x", "nope nope nope")
		}
		if p := f.browser().login("ops", adminPW); p.code != http.StatusTooManyRequests {
			t.Fatalf("address over its limit: %d", p.code)
		}
	})
}

func TestUrduPages(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		anon := f.browser()
		p := anon.get("/console/login?lang=ur")
		if !strings.Contains(p.body, `<html lang="ur" dir="rtl">`) || !strings.Contains(p.body, "پاس ورڈ") || strings.Contains(p.body, "Password") {
			t.Fatalf("Urdu login: %s", p.body)
		}
		// The choice is kept.
		if p := anon.get("/console/login"); !strings.Contains(p.body, `dir="rtl"`) {
			t.Fatal("the language choice was not kept")
		}
		if p := f.browser().do(withHeader(f.srv.URL+"/console/login", "Accept-Language", "ur-PK,ur;q=0.9")); !strings.Contains(p.body, `dir="rtl"`) {
			t.Fatal("Accept-Language ur not honoured")
		}
		admin := f.loggedIn("ops", adminPW)
		if p := admin.get("/console/audit?lang=ur"); !strings.Contains(p.body, "کارروائیوں کا ریکارڈ") || !strings.Contains(p.body, "داخل ہوئے") {
			t.Fatalf("Urdu audit: %s", p.body)
		}
	})
}

func TestSecureCookiesOffLoopback(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b, func(_ redis.UniversalClient, cfg *console.Config) { cfg.Secure = true })
		form := f.browser().get("/console/login")
		if sc := setCookie(form, auth.LoginCSRFCookie); !strings.Contains(sc, "Secure") || !strings.Contains(sc, "HttpOnly") {
			t.Fatalf("login csrf cookie: %s", sc)
		}
	})
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "[::1]:0": true, "localhost:8080": true, ":8080": false, "0.0.0.0:8080": false, "10.0.0.5:80": false} {
		if got := auth.LoopbackOnly(addr); got != want {
			t.Errorf("LoopbackOnly(%q) = %v", addr, got)
		}
	}
}

func setCookie(p page, name string) string {
	for _, sc := range p.header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, name+"=") {
			return sc
		}
	}
	return ""
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func withHeader(u, k, v string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set(k, v)
	return req
}
