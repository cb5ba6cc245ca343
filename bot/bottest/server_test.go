package bottest_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

func TestRealClientRoundTrip(t *testing.T) {
	s := bottest.New(t)
	ctx := context.Background()

	// getMe through bot.New without WithSkipGetMe.
	b, err := bot.New(bottest.Token, bot.WithServerURL(s.URL()))
	if err != nil {
		t.Fatalf("bot.New with getMe: %v", err)
	}
	me, err := b.GetMe(ctx)
	if err != nil || me.Username != bottest.Username || !me.IsBot {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}

	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{{Text: "Yes", CallbackData: "c:y"}, {Text: "No", CallbackData: "c:n"}},
		{{Text: "BEOE", URL: "https://beoe.gov.pk"}},
	}}
	text := "ہیلو 👋 <b>not html</b>"
	m1, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(42), Text: text, ReplyMarkup: kb})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	m2, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(42), Text: "second"})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	if m1.ID == 0 || m2.ID != m1.ID+1 || m1.Chat.ID != 42 || m1.Text != text || m1.Date == 0 {
		t.Fatalf("messages = %+v / %+v", m1, m2)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "cb1", Text: "Saved"}); err != nil || !ok {
		t.Fatalf("AnswerCallbackQuery = %v, %v", ok, err)
	}
	if ok, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://example.test/telegram/webhook", SecretToken: "s"}); err != nil || !ok {
		t.Fatalf("SetWebhook = %v, %v", ok, err)
	}
	if ok, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Start"}}}); err != nil || !ok {
		t.Fatalf("SetMyCommands = %v, %v", ok, err)
	}
	if s.WebhookURL() != "https://example.test/telegram/webhook" {
		t.Errorf("webhook URL = %q", s.WebhookURL())
	}

	msgs := s.Messages(42)
	if len(msgs) != 2 || msgs[0].Text() != text || msgs[1].Text() != "second" {
		t.Fatalf("Messages(42) = %+v", msgs)
	}
	if got := strings.Join(msgs[0].Buttons(), ","); got != "Yes|c:y|,No|c:n|,BEOE||https://beoe.gov.pk" {
		t.Errorf("buttons = %s", got)
	}
	if msgs[0].Params["parse_mode"] != "" {
		t.Errorf("parse_mode = %q", msgs[0].Params["parse_mode"])
	}
	cb := s.CallsTo("answerCallbackQuery")
	if len(cb) != 1 || cb[0].Params["callback_query_id"] != "cb1" || cb[0].Params["text"] != "Saved" {
		t.Errorf("answerCallbackQuery calls = %+v", cb)
	}
	var methods []string
	for _, c := range s.Calls() {
		methods = append(methods, c.Method)
	}
	if got := strings.Join(methods, ","); got != "getMe,getMe,sendMessage,sendMessage,answerCallbackQuery,setWebhook,setMyCommands" {
		t.Errorf("calls = %s", got)
	}
}

func TestFaults(t *testing.T) {
	s := bottest.New(t)
	b := s.Bot(t)
	ctx := context.Background()
	send := func(chat int64) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chat, Text: "x"})
		return err
	}

	s.FailNext("sendMessage", 1, http.StatusTooManyRequests, 7)
	s.FailNext("sendMessage", 1, http.StatusInternalServerError, 0)
	s.FailNext("sendMessage", 1, 0, 0)
	var tooMany *bot.TooManyRequestsError
	if err := send(1); !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Errorf("429: err = %v", err)
	}
	if err := send(1); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("500: err = %v", err)
	}
	if err := send(1); err == nil {
		t.Errorf("dropped connection: no error")
	}
	if err := send(1); err != nil {
		t.Errorf("after faults: %v", err)
	}

	s.BlockChat(2)
	if err := send(2); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("blocked: err = %v", err)
	}
	s.UnblockChat(2)
	if err := send(2); err != nil {
		t.Errorf("unblocked: %v", err)
	}

	// Telegram's validation.
	long := strings.Repeat("😀", bottest.MaxTextUTF16/2+1) // 2 UTF-16 units each
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: long}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("too long: err = %v", err)
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: strings.Repeat("😀", bottest.MaxTextUTF16/2)}); err != nil {
		t.Errorf("exactly 4096 units: %v", err)
	}
	bad := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "x", CallbackData: strings.Repeat("d", 65)}}}}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: "x", ReplyMarkup: bad}); err == nil || !strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
		t.Errorf("long callback data: err = %v", err)
	}
	noAction := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "x"}}}}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: "x", ReplyMarkup: noAction}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("button without action: err = %v", err)
	}

	var statuses []int
	for _, c := range s.CallsTo("sendMessage") {
		statuses = append(statuses, c.Status)
	}
	want := []int{429, 500, 0, 200, 403, 200, 400, 200, 400, 400}
	if len(statuses) != len(want) {
		t.Fatalf("statuses = %v, want %v", statuses, want)
	}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", statuses, want)
		}
	}
	if n := len(s.Messages(1)); n != 1 {
		t.Errorf("delivered to chat 1 = %d, want 1", n)
	}
}

func TestOtherEncodingsAndUpdates(t *testing.T) {
	s := bottest.New(t)
	base := s.URL() + "/bot" + bottest.Token + "/"

	resp, err := http.PostForm(base+"sendMessage", url.Values{"chat_id": {"7"}, "text": {"form"}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("urlencoded: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Post(base+"sendMessage", "application/json",
		bytes.NewReader([]byte(`{"chat_id":7,"text":"json","reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}}`)))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("json: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Post(s.URL()+"/botWRONG/sendMessage", "application/json", strings.NewReader(`{}`))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong token: %v %v", resp, err)
	}
	resp.Body.Close()
	msgs := s.Messages(7)
	if len(msgs) != 2 || msgs[0].Text() != "form" || msgs[1].Text() != "json" || strings.Join(msgs[1].Buttons(), ",") != "a|b|" {
		t.Fatalf("messages = %+v", msgs)
	}

	// getUpdates through the real client's polling loop, honouring offsets.
	var mu sync.Mutex
	var got []int64
	b := s.Bot(t, bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) {
		mu.Lock()
		got = append(got, u.ID)
		mu.Unlock()
	}), bot.WithNotAsyncHandlers())
	s.AddUpdate(models.Update{Message: &models.Message{ID: 1, Chat: models.Chat{ID: 9}, Text: "hi"}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	s.AddUpdate(models.Update{Message: &models.Message{ID: 2, Chat: models.Chat{ID: 9}, Text: "again"}})
	ok := s.Await(3*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 2 })
	cancel()
	<-done
	if !ok {
		t.Fatalf("updates handled = %v", got)
	}
	if got[0] != 1 || got[1] != 2 {
		t.Errorf("update ids = %v", got)
	}
}
