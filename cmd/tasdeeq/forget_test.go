package main

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

// TestForgetLeavesNoKeyOfTheUser walks a user through everything that stores something (a
// counsellor link, a language, checks, a report with a phone number, a subscription), then
// /forget, and scans Redis for the user's id in any key or value.
func TestForgetLeavesNoKeyOfTheUser(t *testing.T) {
	mr := miniredis.RunT(t)
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": "redis://" + mr.Addr(), "TASDEEQ_ADMIN_TOKEN": e2eAdminToken, "TELEGRAM_BOT_USERNAME": "tasdeeq_test_bot"})
	code, body := e.admin(http.MethodPost, "/admin/links", map[string]string{"mrc": "SKT", "label": "Desk"})
	if code != http.StatusCreated {
		t.Fatalf("%d %s", code, body)
	}
	payload := body[strings.Index(string(body), "start=c_")+6:]
	payload = payload[:strings.IndexByte(string(payload), '"')]
	const user = 777123456
	n := 0
	step := func(u models.Update) {
		n++
		e.post(u, e2eSecret)
		e.waitMessages(user, n)
	}
	e.post(e.text(user, "ur", "/start "+string(payload)), e2eSecret)
	n = 1
	e.waitMessages(user, 1)
	step(e.press(user, "ur", "lang:ur"))
	step(e.text(user, "ur", e2eScamUr))
	step(e.press(user, "ur", "sub"))
	step(e.press(user, "ur", "report"))
	step(e.press(user, "ur", "rep:saw"))
	share := e.text(user, "ur", "")
	share.Message.Text = ""
	share.Message.Contact = &models.Contact{PhoneNumber: "+923005550188", FirstName: "Test", UserID: user}
	e.post(share, e2eSecret)
	n += 2
	e.waitMessages(user, n)
	step(e.press(user, "ur", "rep:yes"))
	step(e.text(user, "ur", "/forget"))

	id := strconv.Itoa(user)
	for _, key := range mr.Keys() {
		if strings.Contains(key, id) {
			t.Errorf("key %s names the user after /forget", key)
			continue
		}
		switch mr.Type(key) {
		case "string":
			if v, _ := mr.Get(key); strings.Contains(v, id) || strings.Contains(v, "5550188") {
				t.Errorf("key %s holds the user's id or number", key)
			}
		case "set":
			if m, _ := mr.Members(key); strings.Contains(strings.Join(m, ","), id) {
				t.Errorf("set %s holds the user's id", key)
			}
		case "zset":
			if m, _ := mr.ZMembers(key); strings.Contains(strings.Join(m, ","), id) {
				t.Errorf("sorted set %s holds the user's id", key)
			}
		case "hash":
			fields, _ := mr.HKeys(key)
			for _, f := range fields {
				if strings.Contains(f, id) || strings.Contains(mr.HGet(key, f), id) {
					t.Errorf("hash %s holds the user's id", key)
				}
			}
		}
	}
}
