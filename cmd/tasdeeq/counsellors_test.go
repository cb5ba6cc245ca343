package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

// testRedisURL is a Redis that several commands can share: the real one of REDIS_CLUSTER_URL or
// REDIS_URL (cleaned; see redistest.URL), or a miniredis of the test's own (the embedded default
// would be a new one per command).
func testRedisURL(t *testing.T) string {
	t.Helper()
	if url := redistest.URL(); url != "" {
		cleanRedis(t, url)
		return url
	}
	return "redis://" + miniredis.RunT(t).Addr()
}

// TestCounsellorsCommands: accounts are made, listed (without any hash), disabled and given a new
// password from the command line, the password always read from standard input.
func TestCounsellorsCommands(t *testing.T) {
	env := map[string]string{"REDIS_URL": testRedisURL(t)}
	if _, err := runCmd(t, map[string]string{}, "a long password\n", "counsellors", "add", "ayesha", "--mrc", "LHR"); err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("without REDIS_URL: %v", err)
	}
	out, err := runCmd(t, env, "a long password\nsecond line\n", "counsellors", "add", "Ayesha", "--mrc", "lhr")
	if err != nil || !strings.Contains(out, "Added ayesha (counsellor, LHR)") {
		t.Fatalf("add: %v %s", err, out)
	}
	if _, err := runCmd(t, env, "", "counsellors", "add", "bilal", "--mrc", "PWR"); err == nil || !strings.Contains(err.Error(), "standard input") {
		t.Fatalf("add without a password: %v", err)
	}
	if _, err := runCmd(t, env, "short\n", "counsellors", "add", "bilal", "--mrc", "PWR"); err == nil || !strings.Contains(err.Error(), "at least 10") {
		t.Fatalf("short password: %v", err)
	}
	if _, err := runCmd(t, env, "a long password\n", "counsellors", "add", "bilal"); err == nil || !strings.Contains(err.Error(), "--mrc") {
		t.Fatalf("no mrc: %v", err)
	}
	if _, err := runCmd(t, env, "a long password\n", "counsellors", "add", "ayesha", "--mrc", "LHR"); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("twice: %v", err)
	}
	if out, err := runCmd(t, env, "operator password\n", "counsellors", "add", "ops", "--mrc", "ISB", "--role", "admin", "--telegram", "6000"); err != nil {
		t.Fatalf("add admin: %v %s", err, out)
	}
	out, err = runCmd(t, env, "", "counsellors", "list")
	if err != nil || !strings.Contains(out, "ayesha") || !regexp.MustCompile(`ops\s+admin\s+ISB\s+enabled\s+telegram 6000`).MatchString(out) ||
		strings.Contains(out, "argon2") || strings.Contains(out, "password") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if _, err := runCmd(t, env, "", "counsellors", "disable", "ayesha"); err != nil {
		t.Fatal(err)
	}
	if out, _ := runCmd(t, env, "", "counsellors", "list"); !regexp.MustCompile(`ayesha\s+counsellor\s+LHR\s+disabled`).MatchString(out) {
		t.Fatalf("after disable:\n%s", out)
	}
	if _, err := runCmd(t, env, "", "counsellors", "disable", "nobody"); err == nil || !strings.Contains(err.Error(), "no such account") {
		t.Fatalf("disable unknown: %v", err)
	}
	if _, err := runCmd(t, env, "another long one\n", "counsellors", "passwd", "ops"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, env, "", "counsellors", "telegram", "ops", "0"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, env, "", "counsellors", "frobnicate"); err == nil {
		t.Fatal("unknown subcommand accepted")
	}
}

// TestConsoleLoginOnServe: the two commands of the README, `tasdeeq counsellors add` and
// `tasdeeq serve`, give a console a counsellor logs in to, on the same router as the webhook.
func TestConsoleLoginOnServe(t *testing.T) {
	url := testRedisURL(t)
	if _, err := runCmd(t, map[string]string{"REDIS_URL": url}, "lahore centre pass\n", "counsellors", "add", "ayesha", "--mrc", "LHR"); err != nil {
		t.Fatal(err)
	}
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": url})
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(path string) string {
		resp, err := client.Get(e.base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	form := get("/console/login")
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if m == nil {
		t.Fatalf("login form: %s", form)
	}
	resp, err := client.PostForm(e.base+"/console/login", urlValues("csrf", m[1], "username", "ayesha", "password", "lahore centre pass"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/console/review" {
		t.Fatalf("after login at %s (%d)", resp.Request.URL, resp.StatusCode)
	}
}

func urlValues(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
