package whatsapp_test

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/shards"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

const scamAd = "Saudi Arabia jobs. 100% visa guarantee! Registration fee Rs 25,000 on JazzCash 0300-5551234."

// live is the webhook handler over the real processor on a Redis.
type live struct {
	t    *testing.T
	rdb  redis.UniversalClient
	p    *bot.Processor
	h    http.Handler
	chat int64
}

func newLive(t *testing.T, rdb redis.UniversalClient) *live {
	t.Helper()
	p := bot.NewProcessor(rdb, dialogstest.Deps(t, 0), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	p.Limits = bot.DefaultLimits
	chat, _ := outbox.WhatsAppChat(user)
	return &live{t: t, rdb: rdb, p: p, h: handlerOf(t, p), chat: chat}
}

// handlerOf is the webhook handler stepping messages with p.
func handlerOf(t *testing.T, p whatsapp.Processor) http.Handler {
	t.Helper()
	h, err := whatsapp.NewHandler(whatsapp.HandlerConfig{AppSecret: appSecret, VerifyToken: verifyToken,
		PhoneNumberID: whatsapptest.PhoneNumberID, Processor: p, Registry: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// readingDeps are the dialogs' dependencies with pictures read.
func readingDeps(t *testing.T) dialogs.Deps {
	d := dialogstest.Deps(t, 0)
	d.ReadImages = true
	return d
}

// send posts a signed notification of msgs and returns the status.
func (l *live) send(msgs ...whatsapp.Message) int {
	l.t.Helper()
	body := whatsapptest.Body(whatsapptest.Notification(user, "Amna", msgs))
	return post(l.h, body, whatsapptest.Sign(appSecret, body)).Code
}

// queued is what waits on the replies stream.
func (l *live) queued() []outbox.Outgoing {
	l.t.Helper()
	return outboxtest.Replies(l.t, l.rdb, shards.Ring{})
}

var patterns = []string{"tasdeeq:*"}

// TestEveryMessageIsAnsweredOnce: Meta delivering a notification again (after a timeout, or a
// 503) gets 200 and no second answer; each message of a batch is answered once.
func TestEveryMessageIsAnsweredOnce(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		l := newLive(t, b.RDB)
		ad, hi := whatsapptest.Text(user, scamAd), whatsapptest.Text(user, "hi")
		for range 3 {
			if code := l.send(hi, ad); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}
		got := l.queued()
		if len(got) != 2 {
			t.Fatalf("%d replies, want 2 (greeting, verdict): %+v", len(got), got)
		}
		for _, o := range got {
			if o.ChatID != l.chat || o.Channel != outbox.ChannelWhatsApp || o.CallbackID != "" {
				t.Errorf("reply %+v", o)
			}
		}
		if !strings.Contains(got[1].Text, "High risk") {
			t.Errorf("verdict %q", got[1].Text)
		}
		// A button press answers nothing on WhatsApp's behalf of a spinner: no callback answer.
		if code := l.send(whatsapptest.Press(user, "again", "Check another ad", true)); code != http.StatusOK {
			t.Fatalf("press: %d", code)
		}
		for _, o := range l.queued() {
			if o.CallbackID != "" {
				t.Errorf("a callback answer was queued for WhatsApp: %+v", o)
			}
		}
	})
}

// TestUsersArePerChannel: a Telegram user whose id happens to be the WhatsApp user's number is
// someone else: their sessions, language and counters are apart.
func TestUsersArePerChannel(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		l := newLive(t, b.RDB)
		if code := l.send(whatsapptest.Press(user, "lang:ur", "اردو", false)); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		telegramID, _ := strconv.ParseInt(user, 10, 64)
		u := &models.Update{ID: 77, Message: &models.Message{ID: 1, From: &models.User{ID: telegramID, LanguageCode: "en"},
			Chat: models.Chat{ID: telegramID, Type: models.ChatTypePrivate}, Text: scamAd}}
		if err := l.p.Process(ctx, u); err != nil {
			t.Fatal(err)
		}
		wa, err := dialogs.Load(ctx, b.RDB, shards.Ring{}, l.chat)
		if err != nil {
			t.Fatal(err)
		}
		tg, err := dialogs.Load(ctx, b.RDB, shards.Ring{}, telegramID)
		if err != nil {
			t.Fatal(err)
		}
		if wa.Lang != "ur" || tg.Lang != "" || tg.LastAd == nil || wa.LastAd != nil {
			t.Errorf("sessions mixed: whatsapp %+v, telegram %+v", wa, tg)
		}
		var toTelegram, toWhatsApp int
		for _, o := range l.queued() {
			switch o.Channel {
			case outbox.ChannelTelegram:
				toTelegram++
				if o.ChatID != telegramID {
					t.Errorf("telegram reply to %d", o.ChatID)
				}
			case outbox.ChannelWhatsApp:
				toWhatsApp++
			}
		}
		if toTelegram != 1 || toWhatsApp != 1 {
			t.Errorf("%d Telegram replies, %d WhatsApp replies", toTelegram, toWhatsApp)
		}
	})
}

// TestRedisDownIs503: nothing is written and Meta is told to try again; once Redis is back, the
// same notification is answered, once.
func TestRedisDownIs503(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		if b.MR == nil {
			t.Skip("stopping a shared Redis would disturb other tests")
		}
		l := newLive(t, b.RDB)
		msg := whatsapptest.Text(user, scamAd)
		b.MR.Close()
		if code := l.send(msg); code != http.StatusServiceUnavailable {
			t.Fatalf("Redis down: status %d, want 503", code)
		}
		if err := b.MR.Restart(); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if code := l.send(msg); code != http.StatusOK {
				t.Fatalf("Redis back: status %d", code)
			}
		}
		if got := l.queued(); len(got) != 1 {
			t.Errorf("%d replies after the retries, want 1", len(got))
		}
	})
}

// TestForgetLeavesNothingNamingTheNumber: after /forget no key or value holds the wa_id, the chat
// id, or a message id (which encodes the number).
func TestForgetLeavesNothingNamingTheNumber(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		l := newLive(t, b.RDB)
		msgs := []whatsapp.Message{whatsapptest.Text(user, "hi"), whatsapptest.Press(user, "lang:en", "English", false),
			whatsapptest.Text(user, scamAd), whatsapptest.Press(user, "sub", "Send me safety tips", true)}
		for _, m := range msgs {
			if code := l.send(m); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}
		// The replies are the sender's to deliver; once delivered they leave the stream.
		b.RDB.Del(ctx, outbox.RepliesStream(shards.Ring{}.Of(l.chat)))
		if code := l.send(whatsapptest.Text(user, "/forget")); code != http.StatusOK {
			t.Fatalf("forget: %d", code)
		}
		b.RDB.Del(ctx, outbox.RepliesStream(shards.Ring{}.Of(l.chat))) // the confirmation
		chat := strconv.FormatInt(l.chat, 10)
		iter := b.RDB.Scan(ctx, 0, "tasdeeq:*", 1000).Iterator()
		for iter.Next(ctx) {
			k := iter.Val()
			dump := k + " " + dumpKey(ctx, b.RDB, k)
			for _, secret := range []string{user, chat, "HBg"} {
				if strings.Contains(dump, secret) {
					t.Errorf("%s still names the user (%s)", k, secret)
				}
			}
		}
	})
}

// dumpKey is every value a key holds, as text.
func dumpKey(ctx context.Context, rdb redis.UniversalClient, k string) string {
	switch rdb.Type(ctx, k).Val() {
	case "string":
		return rdb.Get(ctx, k).Val()
	case "hash":
		return strings.Join(flat(rdb.HGetAll(ctx, k).Val()), " ")
	case "set":
		return strings.Join(rdb.SMembers(ctx, k).Val(), " ")
	case "zset":
		return strings.Join(rdb.ZRange(ctx, k, 0, -1).Val(), " ")
	case "list":
		return strings.Join(rdb.LRange(ctx, k, 0, -1).Val(), " ")
	case "stream":
		var b strings.Builder
		for _, e := range rdb.XRange(ctx, k, "-", "+").Val() {
			for f, v := range e.Values {
				b.WriteString(f + "=" + v.(string) + " ")
			}
		}
		return b.String()
	}
	return ""
}

func flat(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}
