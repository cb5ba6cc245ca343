package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr/ocrtest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

const (
	waAppSecret   = "whatsapp-app-secret-for-tests"
	waVerifyToken = "whatsapp-verify-token-for-tests"
)

// waE2E is the real program serving both webhooks, against the fake Bot API and the fake Graph
// API (which refuses any message Meta would refuse).
type waE2E struct {
	*e2e
	wa *whatsapptest.Server
}

// startWhatsApp runs serve with the WhatsApp channel on, templates configured.
func startWhatsApp(t *testing.T, extra map[string]string) *waE2E {
	t.Helper()
	wa := whatsapptest.New(t)
	env := map[string]string{
		"WHATSAPP_TOKEN": whatsapptest.Token, "WHATSAPP_PHONE_NUMBER_ID": whatsapptest.PhoneNumberID,
		"WHATSAPP_APP_SECRET": waAppSecret, "WHATSAPP_VERIFY_TOKEN": waVerifyToken,
		"WHATSAPP_API_URL": wa.URL(), "WHATSAPP_API_VERSION": whatsapptest.Version,
		"WHATSAPP_TEMPLATE_CASE": "tasdeeq_case_update", "WHATSAPP_TEMPLATE_CAMPAIGN": "tasdeeq_safety_tip",
		"TASDEEQ_ADMIN_TOKEN": e2eAdminToken, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot",
	}
	for k, v := range extra {
		env[k] = v
	}
	return &waE2E{e2e: startServeWith(t, env), wa: wa}
}

// notify posts a notification of msgs from user, signed with secret, and returns the status.
func (w *waE2E) notify(user, secret string, msgs ...whatsapp.Message) int {
	w.t.Helper()
	return w.postRaw(whatsapptest.Body(whatsapptest.Notification(user, "Test User", msgs)), secret)
}

func (w *waE2E) postRaw(body []byte, secret string) int {
	w.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, w.base+"/whatsapp/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(whatsapp.SignatureHeader, whatsapptest.Sign(secret, body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// say sends one message from user and waits until user has received n messages in all. Writing
// opens the user's 24-hour window, as on WhatsApp.
func (w *waE2E) say(user string, m whatsapp.Message, n int) []whatsapptest.Sent {
	w.t.Helper()
	w.wa.OpenWindow(user)
	if code := w.notify(user, waAppSecret, m); code != http.StatusOK {
		w.t.Fatalf("%s: HTTP %d", m.Type, code)
	}
	return w.wa.Wait(w.t, user, n)
}

// choice is the id of the choice of msg whose title contains title (fails when none does).
func choice(t *testing.T, msg whatsapptest.Sent, title string) string {
	t.Helper()
	for _, c := range msg.Buttons {
		if strings.Contains(c.Title, title) || strings.Contains(c.Description, title) {
			return c.ID
		}
	}
	t.Fatalf("no choice %q in %+v", title, msg.Buttons)
	return ""
}

// TestWhatsAppWebhookRefusesAndRetries: the handshake, a wrong or missing signature (401,
// nothing answered), a notification delivered twice (answered once), Meta's rate limit on the
// way back (the answer arrives once, later).
func TestWhatsAppWebhookRefusesAndRetries(t *testing.T) {
	w := startWhatsApp(t, nil)
	q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {waVerifyToken}, "hub.challenge": {"987654321"}}
	resp, err := http.Get(w.base + "/whatsapp/webhook?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || body.String() != "987654321" {
		t.Fatalf("handshake: %d %q", resp.StatusCode, body.String())
	}
	q.Set("hub.verify_token", "wrong")
	if resp, err := http.Get(w.base + "/whatsapp/webhook?" + q.Encode()); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("handshake with a wrong token: %v %v", resp.StatusCode, err)
	}
	const user = "923001110001"
	msg := whatsapptest.Text(user, e2eScam)
	if code := w.notify(user, "", msg); code != http.StatusUnauthorized {
		t.Errorf("unsigned: %d", code)
	}
	if code := w.notify(user, "not-the-app-secret", msg); code != http.StatusUnauthorized {
		t.Errorf("wrong signature: %d", code)
	}
	// Telegram's secret opens nothing here, and WhatsApp's nothing on Telegram's route.
	if code := w.post(w.text(1, "en", "hi"), waAppSecret); code != http.StatusUnauthorized {
		t.Errorf("Telegram route with the WhatsApp secret: %d", code)
	}
	w.wa.Fail(user, 1, 400, whatsapp.CodeRateLimit) // the first answer meets Meta's rate limit
	for range 3 {
		if code := w.notify(user, waAppSecret, msg); code != http.StatusOK {
			t.Fatalf("signed: %d", code)
		}
	}
	w.wa.Wait(t, user, 1)
	time.Sleep(300 * time.Millisecond) // a second answer, if any, would have come by now
	if got := w.wa.To(user); len(got) != 1 || !strings.Contains(got[0].Body, "High risk") {
		t.Fatalf("answers %+v", got)
	}
	if refused := w.wa.Refused(); len(refused) != 1 || refused[0].Code != whatsapp.CodeRateLimit {
		t.Errorf("refused %v: only the injected rate limit", refused)
	}
}

// TestWhatsAppUserDoesEverything is issue 18's "done when", in English: greet, choose the
// language, check an ad, check a licence, report it with consent (the agency gets the report
// and the user's number; the update reaches the user as the case template when the 24-hour
// window has closed), subscribe, get a campaign as its template, stop it, and /forget, after
// which nothing in Redis names the number.
func TestWhatsAppUserDoesEverything(t *testing.T) {
	ag := &agency{downFor: 1 << 30, accepted: map[string][]byte{}} // down until the window has closed
	endpoint := httptest.NewServer(ag)
	defer endpoint.Close()
	extra := map[string]string{"REFERRAL_URL": endpoint.URL, "REFERRAL_SECRET": "referral-secret", "TASDEEQ_REFERRAL_RETRY": "20ms"}
	if redistest.URL() == "" {
		// A Redis the test can scan after /forget (the embedded one lives inside serve).
		extra["REDIS_URL"] = "redis://" + miniredis.RunT(t).Addr()
	}
	var logs lockedBuffer
	logOutput = &logs
	defer func() { logOutput = stderr }()
	extra["TASDEEQ_LOG_LEVEL"] = "debug"
	w := startWhatsApp(t, extra)
	const user = "923001110002"
	defer func() {
		// Nothing of the user reaches the logs: not the number (nor the chat id it makes, nor a
		// message id, which encodes it), the name, the text, or a token.
		if err := w.stop(); err != nil {
			t.Error(err)
		}
		if !strings.Contains(logs.String(), "the WhatsApp channel is on") || !strings.Contains(logs.String(), "/whatsapp/webhook") {
			t.Errorf("the run logged nothing of WhatsApp: the check below proves nothing")
		}
		chat, _ := outbox.WhatsAppChat(user)
		for _, secret := range []string{user, strconv.FormatInt(chat, 10), "wamid", "Test User", "JazzCash", "Registration fee",
			whatsapptest.Token, waAppSecret, waVerifyToken} {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("the logs contain %q", secret)
			}
		}
	}()

	got := w.say(user, whatsapptest.Text(user, "Hi"), 1)
	if !strings.Contains(got[0].Body, "Assalam o alaikum") || len(got[0].Buttons) != 2 || got[0].List != "" {
		t.Fatalf("greeting %+v", got[0])
	}
	got = w.say(user, whatsapptest.Press(user, choice(t, got[0], "English"), "English", false), 2)
	if choice(t, got[1], "Check a licence") != "lic" {
		t.Fatalf("menu %+v", got[1])
	}
	got = w.say(user, whatsapptest.Text(user, e2eScam), 3)
	verdict := got[2]
	if !strings.Contains(verdict.Body, "High risk") || verdict.List == "" || len(verdict.Buttons) < 4 {
		t.Fatalf("verdict %+v", verdict)
	}
	got = w.say(user, whatsapptest.Text(user, "9848/LHR"), 4)
	if !strings.Contains(got[3].Body, "9848/LHR") {
		t.Fatalf("licence answer %q", got[3].Body)
	}
	// The report: on the ad checked before the licence, as in Telegram.
	got = w.say(user, whatsapptest.Text(user, e2eScam), 5)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[4], "Report this ad"), "Report this ad", true), 6)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[5], "They asked me to pay"), "They asked me to pay", true), 7)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[6], "as in the ad"), "as in the ad", true), 8)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[7], "JazzCash"), "JazzCash", true), 9)
	share := choice(t, got[8], "Share my phone number")
	if share != whatsapp.ShareContactID {
		t.Fatalf("share button id %q", share)
	}
	got = w.say(user, whatsapptest.Press(user, share, "📱 Share my phone number", true), 11) // "Noted.", then the summary
	summary := got[10]
	if !strings.Contains(summary.Body, "+"+user) || !strings.Contains(summary.Body, "Do you agree") {
		t.Fatalf("summary %q", summary.Body)
	}
	got = w.say(user, whatsapptest.Press(user, choice(t, summary, "Yes, send it"), "Yes, send it", false), 12)
	if !strings.Contains(got[11].Body, "Your report") {
		t.Errorf("report sent: %q", got[11].Body)
	}
	// A day passes before the agency answers: only a template can reach the user now.
	w.wa.CloseWindow(user)
	ag.mu.Lock()
	ag.downFor = 0
	ag.mu.Unlock()
	got = w.wa.Wait(t, user, 13)
	update := got[12]
	if update.Template != "tasdeeq_case_update" || update.Language != "en" || !strings.HasPrefix(update.Body, "TSQ-") ||
		update.Payloads[0] != "/case "+update.Body {
		t.Fatalf("case update outside the window %+v", update)
	}
	ag.mu.Lock()
	var delivered []byte
	for _, b := range ag.accepted {
		delivered = b
	}
	ag.mu.Unlock()
	if !bytes.Contains(delivered, []byte("+"+user)) || !bytes.Contains(delivered, []byte("Registration fee")) {
		t.Errorf("the agency got %s", delivered)
	}
	// The user taps "Show my report" on the template, which reopens the window.
	w.wa.OpenWindow(user)
	got = w.say(user, whatsapptest.QuickReply(user, update.Payloads[0], "Show my report"), 14)
	if !strings.Contains(got[13].Body, update.Body) {
		t.Errorf("case status %q", got[13].Body)
	}

	// Safety tips: subscribe, get a campaign (a template, never free text), stop it.
	got = w.say(user, whatsapptest.Text(user, "/subscribe"), 15)
	if !strings.Contains(got[14].Body, "tips") {
		t.Errorf("subscribed: %q", got[14].Body)
	}
	const telegramUser = 7001
	w.post(w.text(telegramUser, "en", "/subscribe"), e2eSecret)
	w.waitMessages(telegramUser, 1)
	code, body := w.admin(http.MethodPost, "/admin/campaigns", map[string]any{"text": map[string]string{
		"en": "Aware Migrant, Safe Migrant.\nNever pay an agent in cash.", "ur": "محفوظ تارکِ وطن۔"}})
	if code != http.StatusAccepted {
		t.Fatalf("campaign: %d %s", code, body)
	}
	got = w.wa.Wait(t, user, 16)
	tip := got[15]
	if tip.Template != "tasdeeq_safety_tip" || tip.Body != "Aware Migrant, Safe Migrant. Never pay an agent in cash." || tip.Payloads[0] != "unsub" {
		t.Fatalf("campaign on WhatsApp %+v", tip)
	}
	if msgs := w.waitMessages(telegramUser, 2); !strings.Contains(msgs[1].Text(), "Never pay an agent in cash.") {
		t.Errorf("campaign on Telegram %q", msgs[1].Text())
	}
	got = w.say(user, whatsapptest.QuickReply(user, "unsub", "Stop tips"), 17)
	if !strings.Contains(strings.ToLower(got[16].Body), "tips") {
		t.Errorf("unsubscribed: %q", got[16].Body)
	}

	got = w.say(user, whatsapptest.Text(user, "/forget"), 18)
	if !strings.Contains(got[17].Body, "deleted everything") {
		t.Fatalf("forget: %q", got[17].Body)
	}
	w.assertForgotten(user)
}

// assertForgotten checks that no key or value of the service's Redis names the WhatsApp user
// (its wa_id or chat id), once the sender has delivered the last replies.
func (w *waE2E) assertForgotten(user string) {
	w.t.Helper()
	rdb := testClient(w.t, w.redisURL)
	chat, _ := outbox.WhatsAppChat(user)
	needles := []string{user, strconv.FormatInt(chat, 10)}
	deadline := time.Now().Add(10 * time.Second)
	for {
		hits := redisHolding(w.t, rdb, needles)
		if len(hits) == 0 {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("after /forget Redis still names the user:\n%s", strings.Join(hits, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestWhatsAppUrduUser: a user who greets in Urdu is answered in Urdu; an Urdu ad gets an Urdu
// verdict; a voice note is answered as on Telegram; a forwarded text is never a greeting; the
// report flow with a shared contact card, and a campaign as its Urdu template.
func TestWhatsAppUrduUser(t *testing.T) {
	w := startWhatsApp(t, nil)
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	const user = "923001110003"
	got := w.say(user, whatsapptest.Text(user, "السلام علیکم"), 1)
	if !strings.Contains(got[0].Body, "اپنی زبان چنیں") {
		t.Fatalf("Urdu greeting %q", got[0].Body)
	}
	w.say(user, whatsapptest.Press(user, choice(t, got[0], "اردو"), "اردو", false), 2)
	got = w.say(user, whatsapptest.Text(user, e2eScamUr), 3)
	if !strings.Contains(got[2].Body, b.T(locales.UR, "verdict.high", nil)) || got[2].List != b.T(locales.UR, "whatsapp.options", nil) {
		t.Fatalf("Urdu verdict %+v", got[2])
	}
	got = w.say(user, whatsapptest.Audio(user), 4)
	if !strings.Contains(got[3].Body, "آواز") {
		t.Errorf("voice note: %q", got[3].Body)
	}
	// A forwarded text is checked as someone else's text, even when it looks like a greeting.
	got = w.say(user, whatsapptest.Forwarded(user, "Salam"), 5)
	if strings.Contains(got[4].Body, "اپنی زبان چنیں") {
		t.Errorf("a forwarded 'Salam' was taken as a greeting")
	}

	// The report in Urdu, with the user's own contact card shared for it.
	got = w.say(user, whatsapptest.Text(user, e2eScamUr), 6)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[5], b.T(locales.UR, "button.report", nil)), "", true), 7)
	got = w.say(user, whatsapptest.Press(user, choice(t, got[6], b.T(locales.UR, "button.rep_saw", nil)), "", true), 8)
	if !strings.Contains(got[7].Body, b.T(locales.UR, "report.contact", nil)) {
		t.Fatalf("contact question %q", got[7].Body)
	}
	got = w.say(user, whatsapptest.ContactCard(user, "ثناء", "+92 300 1110003", user), 10) // "noted", then the summary
	summary := got[9]
	if !strings.Contains(summary.Body, "ثناء") || !strings.Contains(summary.Body, "1110003") {
		t.Fatalf("summary %q", summary.Body)
	}
	got = w.say(user, whatsapptest.Press(user, choice(t, summary, b.T(locales.UR, "button.rep_yes", nil)), "", false), 11)
	if !strings.Contains(got[10].Body, "TSQ-") {
		t.Errorf("report in Urdu: %q", got[10].Body)
	}

	// Safety tips in Urdu: the campaign goes as the template in Urdu.
	w.say(user, whatsapptest.Text(user, "/subscribe"), 12)
	code, body := w.admin(http.MethodPost, "/admin/campaigns", map[string]any{"text": map[string]string{
		"en": "Never pay in cash.", "ur": "محفوظ تارکِ وطن۔\nایجنٹ کو کبھی نقد رقم نہ دیں۔"}})
	if code != http.StatusAccepted {
		t.Fatalf("campaign: %d %s", code, body)
	}
	tip := w.wa.Wait(t, user, 13)[12]
	if tip.Template != "tasdeeq_safety_tip" || tip.Language != "ur" || tip.Body != "محفوظ تارکِ وطن۔ ایجنٹ کو کبھی نقد رقم نہ دیں۔" {
		t.Errorf("Urdu campaign %+v", tip)
	}
}

// TestWhatsAppPicture: a picture is answered at once, fetched from the Cloud API (GET
// /{media-id}, then its URL, both with the bearer token), read by Tesseract, and answered with
// the verdict, in the user's language.
func TestWhatsAppPicture(t *testing.T) {
	ocrtest.Require(t)
	w := startWhatsApp(t, nil)
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	const user = "923001110007"
	w.say(user, whatsapptest.Press(user, "lang:ur", "اردو", false), 1)
	pic := testImage(t, "ur-scam.png")
	w.wa.AddMedia("wamedia-ur-scam", pic, "image/png")
	got := w.say(user, whatsapptest.Image(user, "wamedia-ur-scam", "کیا یہ اصلی ہے؟"), 4)
	if !strings.Contains(got[1].Body, "تصویر پڑھی جا رہی ہے") || !strings.Contains(got[3].Body, b.T(locales.UR, "flag.UPFRONT_FEE", nil)) {
		t.Errorf("picture: %q / %q", got[1].Body, got[3].Body)
	}
	if w.wa.Downloads() != 1 {
		t.Errorf("%d downloads", w.wa.Downloads())
	}
}

// TestWhatsAppDeepLink: a counsellor's link has a wa.me form and a QR code of it; a user who
// sends the code is credited to the centre, as a Telegram /start payload is.
func TestWhatsAppDeepLink(t *testing.T) {
	w := startWhatsApp(t, nil)
	code, body := w.admin(http.MethodPost, "/admin/links", map[string]string{"mrc": "RWP", "label": "Protector desk", "licence": "9848/LHR"})
	if code != http.StatusCreated {
		t.Fatalf("POST /admin/links: %d %s", code, body)
	}
	var link struct {
		ID          string
		WhatsAppURL string `json:"whatsapp_url"`
		WhatsAppQR  string `json:"whatsapp_qr"`
	}
	if err := json.Unmarshal(body, &link); err != nil {
		t.Fatal(err)
	}
	if want := "https://wa.me/" + whatsapp.Digits(whatsapptest.DisplayNumber) + "?text=c_" + link.ID; link.WhatsAppURL != want {
		t.Fatalf("wa.me link %q, want %q (the number is asked of the Graph API)", link.WhatsAppURL, want)
	}
	code, img := w.admin(http.MethodGet, link.WhatsAppQR, nil)
	if code != http.StatusOK {
		t.Fatalf("QR: %d", code)
	}
	text, _ := qrtest.Decode(t, img)
	if text != link.WhatsAppURL {
		t.Fatalf("QR decodes to %q, want %q", text, link.WhatsAppURL)
	}
	u, _ := url.Parse(text)
	for i, user := range []string{"923001110004", "923001110005"} {
		got := w.say(user, whatsapptest.Text(user, u.Query().Get("text")), 2) // greeting, then the licence
		if !strings.Contains(got[1].Body, "9848/LHR") {
			t.Errorf("user %d: the link did not open on its licence: %q", i, got[1].Body)
		}
	}
	code, body = w.admin(http.MethodGet, "/admin/stats", nil)
	var stats map[string]struct {
		Totals struct{ Users int64 } `json:"totals"`
	}
	if err := json.Unmarshal(body, &stats); err != nil || code != http.StatusOK {
		t.Fatalf("stats %d %s", code, body)
	}
	if got := stats["RWP"].Totals.Users; got != 2 {
		t.Errorf("RWP users %d, want 2: %s", got, body)
	}
}

// TestTelegramAloneWithoutWhatsApp: with no WHATSAPP_* settings the route does not exist and
// Telegram answers as before.
func TestTelegramAloneWithoutWhatsApp(t *testing.T) {
	e := startServe(t)
	body := whatsapptest.Body(whatsapptest.Notification("923001110006", "x", []whatsapp.Message{whatsapptest.Text("923001110006", "hi")}))
	req, _ := http.NewRequest(http.MethodPost, e.base+"/whatsapp/webhook", bytes.NewReader(body))
	req.Header.Set(whatsapp.SignatureHeader, whatsapptest.Sign("anything", body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("WhatsApp route with the channel off: %d", resp.StatusCode)
	}
	e.post(e.text(8001, "en", e2eScam), e2eSecret)
	if msgs := e.waitMessages(8001, 1); !strings.Contains(msgs[0].Text(), "High risk") {
		t.Errorf("Telegram: %q", msgs[0].Text())
	}
}
