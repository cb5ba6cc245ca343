package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
)

const e2eAdminToken = "admin-token-for-tests"

func (e *e2e) admin(method, path string, body any) (int, []byte) {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.base+path, r)
	req.Header.Set("Authorization", "Bearer "+e2eAdminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// TestLinkAttribution: a link made through the admin API, scanned as a QR code and started by
// three users shows up in /admin/stats under its MRC, with the check one of them made.
func TestLinkAttribution(t *testing.T) {
	e := startServeWith(t, map[string]string{"TASDEEQ_ADMIN_TOKEN": e2eAdminToken, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot"})
	code, body := e.admin(http.MethodPost, "/admin/links", map[string]string{"mrc": "LHR", "label": "Job fair", "licence": "9848/LHR"})
	if code != http.StatusCreated {
		t.Fatalf("POST /admin/links: %d %s", code, body)
	}
	var link struct{ ID, URL, QR string }
	if err := json.Unmarshal(body, &link); err != nil {
		t.Fatal(err)
	}
	code, img := e.admin(http.MethodGet, link.QR, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", link.QR, code)
	}
	// Scan it: the QR code must decode back to the link.
	text, _ := qrtest.Decode(t, img)
	if text != link.URL {
		t.Fatalf("QR decodes to %q, want %s", text, link.URL)
	}
	u, _ := url.Parse(text)
	payload := u.Query().Get("start")
	for i, user := range []int64{5001, 5002, 5003} {
		e.post(e.text(user, "ur", "/start "+payload), e2eSecret)
		msgs := e.waitMessages(user, 2) // greeting, then the licence the link opens on
		if !strings.Contains(msgs[1].Text(), "9848/LHR") {
			t.Errorf("user %d: the link did not open on its licence: %q", i, msgs[1].Text())
		}
	}
	e.post(e.text(5001, "ur", "/start "+payload), e2eSecret) // the same user again: counted once
	e.post(e.text(5002, "ur", e2eScamUr), e2eSecret)
	e.waitMessages(5002, 3)
	e.waitMessages(5001, 4)
	code, body = e.admin(http.MethodGet, "/admin/stats", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /admin/stats: %d %s", code, body)
	}
	var stats map[string]struct {
		Totals struct{ Users, Checks, High, Reports int64 } `json:"totals"`
	}
	if err := json.Unmarshal(body, &stats); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if got := stats["LHR"].Totals; got.Users != 3 || got.Checks != 1 || got.High != 1 {
		t.Fatalf("LHR stats %+v\n%s", got, body)
	}
	if code, _ := e.admin(http.MethodGet, "/admin/stats", nil); code != http.StatusOK {
		t.Fatal("admin down")
	}
	req, _ := http.NewRequest(http.MethodGet, e.base+"/admin/stats", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("no token: %v %v", resp.StatusCode, err)
	}
}

// TestCounsellorAndCampaign: a counsellor gets a link's QR code and the numbers in Telegram; a
// user subscribes from a verdict, receives a campaign through the admin API in their language with
// a one-tap unsubscribe, and taps it; forged deep links get the normal greeting.
func TestCounsellorAndCampaign(t *testing.T) {
	e := startServeWith(t, map[string]string{"TASDEEQ_ADMIN_TOKEN": e2eAdminToken, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot", "TASDEEQ_COUNSELLORS": "6000"})
	if code, body := e.admin(http.MethodPost, "/admin/links", map[string]string{"mrc": "PWR", "label": "Village session"}); code != http.StatusCreated {
		t.Fatalf("%d %s", code, body)
	}
	// The counsellor asks for the link in Telegram and gets the QR code as a photo.
	e.post(e.text(6000, "en", "/link PWR"), e2eSecret)
	msgs := e.waitMessages(6000, 1)
	if msgs[0].Method != "sendPhoto" || len(msgs[0].Files["photo"]) < 100 || !strings.Contains(msgs[0].Text(), "https://t.me/tasdeeq_test_bot?start=c_") {
		t.Fatalf("counsellor /link: %s %q", msgs[0].Method, msgs[0].Text())
	}
	e.post(e.text(6000, "en", "/stats"), e2eSecret)
	if m := e.waitMessages(6000, 2); !strings.Contains(m[1].Text(), "Nobody has come") && !strings.Contains(m[1].Text(), "PWR") {
		t.Errorf("/stats: %q", m[1].Text())
	}
	// Not a counsellor: /link is unknown.
	e.post(e.text(6001, "ur", "/link PWR"), e2eSecret)
	if m := e.waitMessages(6001, 1); m[0].Method == "sendPhoto" {
		t.Fatal("a non-counsellor got a link")
	}
	// Forged, over-long and unknown payloads: the normal greeting, nothing else.
	for i, p := range []string{"c_zzzzzzzzzzzz", "c_" + strings.Repeat("a", 80), "<script>", "lic_9999"} {
		chat := int64(6100 + i)
		e.post(e.text(chat, "en", "/start "+p), e2eSecret)
		if m := e.waitMessages(chat, 1); !strings.Contains(m[0].Text(), "I am Tasdeeq") {
			t.Errorf("payload %q: %q", p, m[0].Text())
		}
	}
	time.Sleep(100 * time.Millisecond)
	for i := range 4 {
		if n := len(e.fake.Messages(int64(6100 + i))); n != 1 {
			t.Errorf("payload %d: %d messages", i, n)
		}
	}
	// A user subscribes from a verdict's button, in Urdu.
	e.post(e.text(6200, "ur", e2eScamUr), e2eSecret)
	e.waitMessages(6200, 1)
	e.post(e.press(6200, "ur", "sub"), e2eSecret)
	e.waitMessages(6200, 2)
	code, body := e.admin(http.MethodPost, "/admin/campaigns", map[string]any{"text": map[string]string{"en": "Never pay a visa fee.", "ur": "ویزا فیس کبھی نہ دیں۔"}})
	if code != http.StatusAccepted {
		t.Fatalf("POST /admin/campaigns: %d %s", code, body)
	}
	var created struct{ ID string }
	json.Unmarshal(body, &created)
	m := e.waitMessages(6200, 3)
	if m[2].Text() != "ویزا فیس کبھی نہ دیں۔" || len(m[2].Buttons()) != 1 || !strings.Contains(m[2].Buttons()[0], "|unsub|") {
		t.Fatalf("campaign message: %q %v", m[2].Text(), m[2].Buttons())
	}
	code, body = e.admin(http.MethodGet, "/admin/campaigns/"+created.ID, nil)
	if code != http.StatusOK || !strings.Contains(string(body), `"queued":1`) {
		t.Errorf("progress: %d %s", code, body)
	}
	e.post(e.press(6200, "ur", "unsub"), e2eSecret)
	if m := e.waitMessages(6200, 4); !strings.Contains(m[3].Text(), "حفاظتی مشورے نہیں ملیں گے") {
		t.Errorf("unsubscribe: %q", m[3].Text())
	}
}
