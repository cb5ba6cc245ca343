package main

import (
	"context"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

// TestReviewInTheBotIsAudited: a counsellor whose console account is linked to their Telegram
// user reviews a report with /review in the bot, and the audit log names their account, as it
// would for a decision made in the console: one identity for both.
func TestReviewInTheBotIsAudited(t *testing.T) {
	url := testRedisURL(t)
	if _, err := runCmd(t, map[string]string{"REDIS_URL": url}, "lahore centre pass\n", "counsellors", "add", "ayesha", "--mrc", "LHR", "--telegram", "6500"); err != nil {
		t.Fatal(err)
	}
	e := startServeOn(t, bottest.New(t), map[string]string{"REDIS_URL": url, "TASDEEQ_REFERRAL_REVIEW": "counsellor"})
	const reporter = 6600
	for i, u := range []models.Update{e.text(reporter, "en", e2eScamUr), e.press(reporter, "en", "report"), e.press(reporter, "en", "rep:saw")} {
		e.post(u, e2eSecret)
		e.waitMessages(reporter, i+1)
	}
	noContact := e.text(reporter, "en", "")
	noContact.Message.Contact = &models.Contact{PhoneNumber: "+923005550188", FirstName: "Test", UserID: reporter}
	e.post(noContact, e2eSecret)
	e.waitMessages(reporter, 5)
	e.post(e.press(reporter, "en", "rep:yes"), e2eSecret)
	e.waitMessages(reporter, 6)

	// The linked account is a counsellor in the bot without TASDEEQ_COUNSELLORS.
	e.post(e.text(6500, "en", "/review"), e2eSecret)
	queue := e.waitMessages(6500, 1)
	buttons := queue[0].Buttons()
	if len(buttons) != 1 || !strings.Contains(buttons[0], "rv:TSQ-") {
		t.Fatalf("/review: %q %v", queue[0].Text(), buttons)
	}
	caseID := buttons[0][strings.Index(buttons[0], "TSQ-"):][:10]
	e.post(e.press(6500, "en", "rvok:"+caseID), e2eSecret)
	e.waitMessages(reporter, 7)

	rdb := testClient(t, url)
	entries, err := accounts.NewAudit(rdb, nil).Recent(context.Background(), 10, "", caseID)
	if err != nil || len(entries) != 1 || entries[0].Who != "ayesha" || entries[0].Action != accounts.ActionConfirm || entries[0].Object != "telegram" {
		t.Fatalf("audit of the bot's review: %+v %v", entries, err)
	}
}
