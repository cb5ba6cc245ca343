package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/logtest"
)

// lockedBuffer collects logs from concurrent writers.
type lockedBuffer = logtest.Buffer

// TestLogsCarryNoPersonalData runs a whole session at debug level, with a failing Bot API call
// and a report with a shared phone number, and fails on any message text, phone number, CNIC or
// secret in the logs.
func TestLogsCarryNoPersonalData(t *testing.T) {
	var logs lockedBuffer
	logOutput = &logs
	defer func() { logOutput = stderr }()
	e := startServeWith(t, map[string]string{"TASDEEQ_LOG_LEVEL": "debug", "TASDEEQ_ADMIN_TOKEN": e2eAdminToken})
	const chat = 9001
	e.fake.FailNext("sendMessage", 1, http.StatusInternalServerError, 0)
	ad := "Saudi visa ready, 100% guarantee. Send CNIC 35202-1234567-1 and fee to JazzCash 0300-5551234. Zahid Hussain"
	for _, u := range []models.Update{e.text(chat, "en", ad), e.press(chat, "en", "report"), e.press(chat, "en", "rep:saw")} {
		e.post(u, e2eSecret)
	}
	e.waitMessages(chat, 3)
	share := e.text(chat, "en", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: "+923005550177", FirstName: "Ayesha", UserID: chat}
	e.post(share, e2eSecret)
	e.post(e.press(chat, "en", "rep:yes"), e2eSecret)
	e.waitMessages(chat, 6)
	e.post(e.text(chat, "en", "/forget"), e2eSecret)
	e.waitMessages(chat, 7)
	e.post(e.text(chat, "en", "hello"), "wrong-secret")
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	if strings.Count(out, "level=") < 10 {
		t.Fatalf("no logs captured")
	}
	for _, secret := range []string{"Saudi visa ready", "35202-1234567-1", "0300-5551234", "Zahid", "+923005550177", "Ayesha",
		bottest.Token, e2eSecret, e2eAdminToken, "wrong-secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
}

func TestRedactor(t *testing.T) {
	r := &redactor{}
	r.add("123456:TOKENVALUE-abc", "short", "")
	if got := r.scrub(`Post "https://api.telegram.org/bot123456:TOKENVALUE-abc/sendMessage": short`); strings.Contains(got, "TOKENVALUE") || !strings.Contains(got, "short") {
		t.Errorf("scrub: %q", got)
	}
}
