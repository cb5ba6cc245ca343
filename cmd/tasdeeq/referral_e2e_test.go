package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/go-telegram/bot/models"
)

// agency is a fake referral endpoint: down for its first attempts, then accepting, and
// checking every request's signature; it keeps what it accepted by Idempotency-Key.
type agency struct {
	mu       sync.Mutex
	downFor  int
	attempts int
	badSig   int
	accepted map[string][]byte
}

func (a *agency) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, []byte("referral-secret"))
	mac.Write(body)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.attempts++
	if r.Header.Get("X-Tasdeeq-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
		a.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if a.attempts <= a.downFor {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if _, dup := a.accepted[key]; !dup {
		a.accepted[key] = body
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"reference":"FIA-CCW-2026-0042"}`)
}

// TestReportReachesTheAgency: a report walked through in Telegram reaches an endpoint that was
// down for its first attempts, once, signed, with the ad, the flags and the consented contact, and
// the user hears back with the agency's reference.
func TestReportReachesTheAgency(t *testing.T) {
	ag := &agency{downFor: 3, accepted: map[string][]byte{}}
	endpoint := httptest.NewServer(ag)
	defer endpoint.Close()
	e := startServeWith(t, map[string]string{"REFERRAL_URL": endpoint.URL, "REFERRAL_SECRET": "referral-secret", "TASDEEQ_REFERRAL_RETRY": "20ms"})
	const chat = 4001
	steps := []models.Update{
		e.text(chat, "ur", e2eScamUr), e.press(chat, "ur", "report"), e.press(chat, "ur", "rep:paid"),
		e.text(chat, "ur", "۵۰ ہزار"), e.press(chat, "ur", "rep:ch:jazzcash"),
	}
	// Messages received after each step: "I already paid" brings what to do in the next hour,
	// then the amount question.
	seen := []int{1, 2, 4, 5, 6}
	for i, u := range steps {
		if code := e.post(u, e2eSecret); code != http.StatusOK {
			t.Fatalf("step %d: HTTP %d", i, code)
		}
		e.waitMessages(chat, seen[i])
	}
	share := e.text(chat, "ur", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: "+923005550177", FirstName: "Test", UserID: chat}
	e.post(share, e2eSecret)
	msgs := e.waitMessages(chat, 8)
	if !strings.Contains(msgs[2].Text(), "1799") || !strings.Contains(msgs[3].Text(), "کتنے پیسے دیے") {
		t.Fatalf("after paying: %q, then %q", msgs[2].Text(), msgs[3].Text())
	}
	if !strings.Contains(msgs[7].Text(), "+923005550177") || !strings.Contains(msgs[7].Text(), "50,000") {
		t.Fatalf("summary: %s", msgs[7].Text())
	}
	if !strings.Contains(msgs[5].Params["reply_markup"], `"request_contact":true`) {
		t.Fatalf("the contact question had no share button: %q", msgs[5].Params["reply_markup"])
	}
	e.post(e.press(chat, "ur", "rep:yes"), e2eSecret)
	msgs = e.waitMessages(chat, 10) // "on its way", then "reached, reference"
	if !strings.Contains(msgs[9].Text(), "FIA-CCW-2026-0042") {
		t.Errorf("no delivery notice with the reference: %q", msgs[9].Text())
	}

	// /forget removes the user's cases from the bot (the agency keeps its copy).
	e.post(e.text(chat, "ur", "/forget"), e2eSecret)
	msgs = e.waitMessages(chat, 11)
	if !strings.Contains(msgs[10].Text(), "شکایات") {
		t.Errorf("forget did not mention reports: %q", msgs[10].Text())
	}
	var caseID string
	ag.mu.Lock()
	for k := range ag.accepted {
		caseID = k
	}
	ag.mu.Unlock()
	out, err := runCmd(t, map[string]string{"REDIS_URL": e.redisURL}, "", "referrals", "show", caseID)
	if e.redisURL != "" && (err == nil || !strings.Contains(err.Error(), "no case")) {
		t.Errorf("case survived /forget: %v %s", err, out)
	}

	ag.mu.Lock()
	defer ag.mu.Unlock()
	if len(ag.accepted) != 1 || ag.badSig != 0 || ag.attempts < 4 {
		t.Fatalf("accepted %d cases, %d bad signatures, %d attempts", len(ag.accepted), ag.badSig, ag.attempts)
	}
	for key, body := range ag.accepted {
		var c map[string]any
		if err := json.Unmarshal(body, &c); err != nil {
			t.Fatal(err)
		}
		t.Logf("delivered case, Idempotency-Key %s:\n%s", key, body)
		if c["case_id"] != key || c["ad_text"] != e2eScamUr || !strings.Contains(string(body), "UPFRONT_FEE") ||
			!strings.Contains(string(body), "+923005550177") || strings.Contains(string(body), "user_id") || strings.Contains(string(body), "chat_id") {
			t.Errorf("body: %s", body)
		}
	}
}
