package main

import (
	"context"
	"flag"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/qrtest"
)

// screenshots, when set, is the folder where the browser test writes a picture of every console
// page in both languages: go test ./cmd/tasdeeq -run TestConsoleInABrowser -screenshots ../../docs/console
var screenshots = flag.String("screenshots", "", "write a PNG of each console page in English and Urdu to this folder")

// requireChromium is Debian's chromium. Where it is missing the browser test is skipped, unless
// TASDEEQ_BROWSER_REQUIRED=1 (as CI sets it, after installing it), as the OCR tests do with
// Tesseract: CI can never pass without driving a real browser.
func requireChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("TASDEEQ_BROWSER_REQUIRED") == "1" {
		t.Fatal("TASDEEQ_BROWSER_REQUIRED=1 but no chromium in PATH (apt-get install chromium)")
	}
	t.Skip("no chromium in PATH (apt-get install chromium); set TASDEEQ_BROWSER_REQUIRED=1 to fail instead")
	return ""
}

// browserTab is one headless Chromium tab on the console of a running serve.
type browserTab struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func newBrowser(t *testing.T, base string, width, height int) *browserTab {
	t.Helper()
	exe := requireChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(width, height), chromedp.Flag("lang", "en-GB"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// Start the browser now, so the first step's timeout is not spent launching it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browserTab{t: t, ctx: ctx, base: base}
}

// run runs steps with a timeout, failing the test on an error.
func (b *browserTab) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	get(b, what, chromedp.Steps(steps...))
}

// get runs an action that gives a value, with a timeout, failing the test on an error.
func get[T any](b *browserTab, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		html, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		b.t.Fatalf("%s: %v\npage: %s", what, err, html)
	}
	return v
}

// open goes to a console path and waits for its page.
func (b *browserTab) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(chromedp.CSS("body")))
}

// text is the visible text of the page.
func (b *browserTab) text() string {
	b.t.Helper()
	return get(b, "read the page", chromedp.Text(chromedp.CSS("body")))
}

// path is the page's path and query.
func (b *browserTab) path() string {
	b.t.Helper()
	u, _ := url.Parse(get(b, "location", chromedp.Location()))
	return u.RequestURI()
}

// shoot writes the page (or the whole scrollable page) to the screenshots folder as NAME.LANG.png.
func (b *browserTab) shoot(name, lang string) {
	b.t.Helper()
	if *screenshots == "" {
		return
	}
	waitFor(b.t, "the pictures of "+name, func() bool {
		return get(b, "pictures loaded", chromedp.Evaluate[bool](`Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)`))
	})
	png := get(b, "screenshot "+name, chromedp.FullScreenshot(100))
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name+"."+lang+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// both shows path in English and in Urdu (checking the page is right to left in Urdu), with a
// screenshot of each, and comes back to English.
func (b *browserTab) both(name, path string) {
	b.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for _, lang := range []string{"ur", "en"} {
		b.open(path + sep + "lang=" + lang)
		dir := get(b, "direction", chromedp.Evaluate[string](`document.documentElement.dir`))
		htmlLang := get(b, "language", chromedp.Evaluate[string](`document.documentElement.lang`))
		want := map[string]string{"ur": "rtl", "en": "ltr"}[lang]
		if dir != want || htmlLang != lang {
			b.t.Errorf("%s in %s: <html lang=%q dir=%q>", name, lang, htmlLang, dir)
		}
		b.shoot(name, lang)
	}
}

// waitFor polls cond until it holds or 20 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestConsoleInABrowser drives the console in headless Chromium against the real serve, with a
// fake Bot API and a fake referral endpoint: log in (a wrong password refused), a report made
// through the bot appears in Review, is confirmed and reaches the endpoint, a link is made and its
// QR code decoded, people come through it, a campaign reaches the fake Bot API's subscribers, the
// numbers show them, a POST without a CSRF token is refused, and every page is right to left in
// Urdu.
func TestConsoleInABrowser(t *testing.T) {
	requireChromium(t)
	redisURL := testRedisURL(t)
	env := map[string]string{"REDIS_URL": redisURL}
	for _, acc := range [][]string{{"ayesha", "LHR", "counsellor", "lahore centre pass"}, {"ops", "ISB", "admin", "operator pass phrase"}} {
		if out, err := runCmd(t, env, acc[3]+"\n", "counsellors", "add", acc[0], "--mrc", acc[1], "--role", acc[2]); err != nil {
			t.Fatalf("counsellors add %s: %v %s", acc[0], err, out)
		}
	}
	ag := &agency{accepted: map[string][]byte{}}
	endpoint := httptest.NewServer(ag)
	defer endpoint.Close()
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": redisURL, "REFERRAL_URL": endpoint.URL,
		"REFERRAL_SECRET": "referral-secret", "TASDEEQ_REFERRAL_REVIEW": "counsellor", "TASDEEQ_REFERRAL_RETRY": "20ms",
		"TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot"})
	b := newBrowser(t, e.base, 1280, 900)

	// Log in: a wrong password is refused, the right one lands on Review.
	b.both("login", "/console/login")
	b.open("/console/login?lang=en")
	b.run("wrong password", chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "ayesha"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "not the password"),
		chromedp.Click(chromedp.CSS(`#login button`)), chromedp.WaitVisible(chromedp.CSS(`.error`)))
	if !strings.Contains(b.text(), "Wrong username or password") {
		t.Fatalf("wrong password: %s", b.text())
	}
	b.run("log in", chromedp.SetValue(chromedp.CSS(`input[name=username]`), "ayesha"), chromedp.SetValue(chromedp.CSS(`input[name=password]`), "lahore centre pass"),
		chromedp.Click(chromedp.CSS(`#login button`)), chromedp.WaitVisible(chromedp.CSS(`header nav`)))
	if p := b.path(); p != "/console/review" {
		t.Fatalf("after login at %s", p)
	}

	// A report made through the bot, with the reporter's consent and number, waits for review.
	const reporter = 9101
	steps := []struct {
		u    models.Update
		msgs int
	}{
		{e.text(reporter, "ur", e2eScamUr), 1}, {e.press(reporter, "ur", "report"), 2}, {e.press(reporter, "ur", "rep:saw"), 3},
	}
	for i, s := range steps {
		if code := e.post(s.u, e2eSecret); code != 200 {
			t.Fatalf("step %d: %d", i, code)
		}
		e.waitMessages(reporter, s.msgs)
	}
	share := e.text(reporter, "ur", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: "+923005550177", FirstName: "Test", UserID: reporter}
	e.post(share, e2eSecret)
	e.waitMessages(reporter, 5)
	e.post(e.press(reporter, "ur", "rep:yes"), e2eSecret)
	e.waitMessages(reporter, 6)

	b.both("review", "/console/review")
	if txt := b.text(); !strings.Contains(txt, "TSQ-") || !strings.Contains(txt, "923005550177") || !strings.Contains(txt, "Asks for money before a contract") {
		t.Fatalf("review page: %s", txt)
	}
	caseID := get(b, "case id", chromedp.Evaluate[string](`document.querySelector("section[id^=case-]").id.slice(5)`))
	b.run("confirm", chromedp.Click(chromedp.CSS(`button[name=confirm]`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	if !strings.Contains(b.text(), "Confirmed") {
		t.Fatalf("after confirm: %s", b.text())
	}
	waitFor(t, "the referral at the agency", func() bool {
		ag.mu.Lock()
		defer ag.mu.Unlock()
		_, ok := ag.accepted[caseID]
		return ok
	})
	if msgs := e.waitMessages(reporter, 7); !strings.Contains(msgs[6].Text(), caseID) {
		t.Errorf("the reporter was not told: %q", msgs[6].Text())
	}
	b.both("cases", "/console/cases?status=delivered")
	waitFor(t, "the case delivered", func() bool {
		b.open("/console/cases/" + caseID + "?lang=en")
		return strings.Contains(b.text(), "FIA-CCW-2026-0042")
	})
	b.both("case", "/console/cases/"+caseID)

	// A link for a job fair, its QR code read back from the page.
	b.open("/console/links?lang=en")
	b.run("make a link", chromedp.SendKeys(chromedp.CSS(`input[name=label]`), "Job fair, Lahore"), chromedp.SendKeys(chromedp.CSS(`input[name=licence]`), "9848/LHR"),
		chromedp.Click(chromedp.CSS(`#new-link button`)), chromedp.WaitVisible(chromedp.CSS(`#qr`)))
	deepLink := get(b, "deep link", chromedp.Text(chromedp.CSS(`#deep-link`)))
	if !strings.HasPrefix(deepLink, "https://t.me/tasdeeq_test_bot?start=c_") {
		t.Fatalf("deep link %q", deepLink)
	}
	// The picture is visible before it has loaded; a screenshot then shows an empty box.
	waitFor(t, "the QR code to load", func() bool {
		return get(b, "QR code loaded", chromedp.Evaluate[bool](`document.getElementById("qr").complete && document.getElementById("qr").naturalWidth > 0`))
	})
	// Under load (CI runs this with -race) a screenshot can catch the picture before its
	// final paint, so it is scanned a few times, as a phone's camera would; a code that reads
	// as anything but the deep link fails at once.
	var scanErr error
	for try := 0; try < 5; try++ {
		qrPNG := get(b, "QR code", chromedp.Screenshot(chromedp.CSS(`#qr`), chromedp.NodeVisible))
		var got string
		if got, _, scanErr = qrtest.Scan(qrPNG); scanErr == nil {
			if got != deepLink {
				t.Fatalf("the QR code on the page reads %q, want %q", got, deepLink)
			}
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if scanErr != nil {
		t.Fatalf("the QR code on the page, after 5 screenshots: %v", scanErr)
	}
	linkPath := b.path()
	linkPath = linkPath[:strings.Index(linkPath, "?")]
	b.both("links", "/console/links")
	b.both("link", linkPath)
	b.open(linkPath + "/poster")
	b.shoot("poster", "ur-en")

	// Two people come through the link; one checks an ad and subscribes from the verdict.
	payload := deepLink[strings.Index(deepLink, "start=")+len("start="):]
	for _, user := range []int64{9201, 9202} {
		e.post(e.text(user, "ur", "/start "+payload), e2eSecret)
		e.waitMessages(user, 2)
	}
	e.post(e.text(9201, "ur", e2eScamUr), e2eSecret)
	e.waitMessages(9201, 3)
	e.post(e.press(9201, "ur", "sub"), e2eSecret)
	e.waitMessages(9201, 4)

	// A campaign to the centre's subscribers, previewed, sent, and followed to the end.
	b.open("/console/campaigns?lang=en")
	b.run("compose", chromedp.SendKeys(chromedp.CSS(`#text_en`), "Never pay a visa fee before a contract."),
		chromedp.SendKeys(chromedp.CSS(`#text_ur`), "معاہدے سے پہلے ویزا فیس کبھی نہ دیں۔"))
	preview := get(b, "live preview", chromedp.Text(chromedp.CSS(`#preview_ur`)))
	if !strings.Contains(preview, "ویزا فیس") {
		t.Errorf("preview %q", preview)
	}
	b.shoot("campaigns", "en")
	b.run("send", chromedp.Click(chromedp.CSS(`#send`)), chromedp.WaitVisible(chromedp.CSS(`#progress`)))
	msgs := e.waitMessages(9201, 5)
	if msgs[4].Text() != "معاہدے سے پہلے ویزا فیس کبھی نہ دیں۔" {
		t.Fatalf("the subscriber got %q", msgs[4].Text())
	}
	campaignPath := b.path()
	campaignPath = campaignPath[:strings.Index(campaignPath, "?")]
	waitFor(t, "the campaign page to show it sent", func() bool {
		b.open(campaignPath + "?lang=en")
		return strings.Contains(b.text(), "Sent to everyone")
	})
	b.both("campaign", campaignPath)
	b.open("/console/campaigns?lang=ur")
	b.shoot("campaigns", "ur")

	// The numbers show them: two new users, one check, one high-risk verdict.
	b.both("stats", "/console/stats")
	b.open("/console/stats?lang=en")
	counts := get(b, "counts", chromedp.Text(chromedp.CSS(`#mrc-LHR table.counts`)))
	if fields := strings.Fields(counts); !strings.Contains(strings.Join(fields, " "), "New users 2 Ads checked 1 High risk 1") {
		t.Fatalf("LHR numbers: %q", counts)
	}

	// A POST without the CSRF token is refused, from the console's own origin too.
	status := get(b, "csrf-less POST", chromedp.Evaluate[int](`fetch("/console/links", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
		body: "label=Sneaky&mrc=LHR"}).then(r => r.status)`, chromedp.EvalAwaitPromise))
	if status != 403 {
		t.Fatalf("a POST without the CSRF token: %d", status)
	}

	// The admin: the register (upload, compare, apply) and the audit log.
	admin := newBrowser(t, e.base, 1280, 900)
	admin.open("/console/login?lang=en")
	admin.run("admin log in", chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "ops"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "operator pass phrase"),
		chromedp.Click(chromedp.CSS(`#login button`)), chromedp.WaitVisible(chromedp.CSS(`header nav`)))
	admin.both("register", "/console/register")
	csvPath := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(csvPath, []byte("Licence No.,Licence Title,Status\n9848/LHR,Crescent Manpower Services,Cancelled\n0001/KAR,New Horizons Overseas,Active\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	admin.open("/console/register?lang=en")
	admin.run("upload", chromedp.SetUploadFiles(chromedp.CSS(`input[name=csv]`), []string{csvPath}), chromedp.Click(chromedp.CSS(`#upload button`)), chromedp.WaitVisible(chromedp.CSS(`#diff`)))
	if txt := admin.text(); !strings.Contains(txt, "1 added") || !strings.Contains(txt, "active → cancelled") {
		t.Fatalf("register diff: %s", txt)
	}
	admin.shoot("register-diff", "en")
	admin.run("apply", chromedp.Click(chromedp.CSS(`#apply`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	admin.both("audit", "/console/audit")
	if txt := admin.text(); !strings.Contains(txt, "ayesha") || !strings.Contains(txt, caseID) {
		t.Fatalf("audit: %s", txt)
	}

	// On a phone.
	phone := newBrowser(t, e.base, 390, 844)
	phone.open("/console/login?lang=ur")
	phone.run("phone log in", chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "ayesha"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "lahore centre pass"),
		chromedp.Click(chromedp.CSS(`#login button`)), chromedp.WaitVisible(chromedp.CSS(`header nav`)))
	phone.open("/console/stats?lang=ur")
	phone.shoot("phone-stats", "ur")
	overflow := get(phone, "fits the phone", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if overflow {
		t.Error("the numbers page is wider than a phone")
	}
}
