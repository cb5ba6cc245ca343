package sender_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/sender"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

// waEnv is a sender test with the WhatsApp channel: the fake Graph API and the real client,
// wrapped to record when each message was sent on the fake clock.
type waEnv struct {
	*env
	fake *whatsapptest.Server
	api  *timedWhatsApp
	user string // a wa_id, different on each run so that real Redis keys never clash
	chat int64
}

type timedWhatsApp struct {
	c   *whatsapp.Client
	now func() time.Time

	mu  sync.Mutex
	at  []time.Time
	err []error
}

func (w *timedWhatsApp) Send(ctx context.Context, o outbox.Outgoing) error {
	at := w.now()
	err := w.c.Send(ctx, o)
	w.mu.Lock()
	w.at, w.err = append(w.at, at), append(w.err, err)
	w.mu.Unlock()
	return err
}

func (w *timedWhatsApp) calls() ([]time.Time, []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Time(nil), w.at...), append([]error(nil), w.err...)
}

func withWhatsApp(t *testing.T, e *env, templates whatsapp.Templates) *waEnv {
	t.Helper()
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	fake := whatsapptest.New(t)
	c, err := whatsapp.NewClient(whatsapp.ClientConfig{APIURL: fake.URL(), Version: whatsapptest.Version, Token: whatsapptest.Token,
		PhoneNumberID: whatsapptest.PhoneNumberID, Templates: templates, Bundle: b})
	if err != nil {
		t.Fatal(err)
	}
	user := "92300" + strconv.Itoa(1_000_000+rand.IntN(8_000_000))
	chat, err := outbox.WhatsAppChat(user)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.rdb.Del(context.Background(), outbox.BlockedKey(e.ring, chat)) })
	t.Cleanup(func() {
		if logs := e.logs.String(); strings.Contains(logs, user) || strings.Contains(logs, strconv.FormatInt(chat, 10)) {
			t.Errorf("the sender's logs name the WhatsApp user:\n%s", logs)
		}
	})
	return &waEnv{env: e, fake: fake, api: &timedWhatsApp{c: c, now: e.clock.Now}, user: user, chat: chat}
}

func (w *waEnv) send(text string) {
	w.enqueue(outbox.Outgoing{ChatID: w.chat, Text: text, Kind: outbox.Reply, Channel: outbox.ChannelWhatsApp})
}

// TestSenderDeliversWhatsApp: WhatsApp entries go to the Cloud API, Telegram's to the Bot API,
// through the same streams, each in order.
func TestSenderDeliversWhatsApp(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		w := withWhatsApp(t, e, whatsapp.Templates{})
		w.send("first answer")
		e.reply(0, "telegram answer")
		w.enqueue(outbox.Outgoing{ChatID: w.chat, Text: "second answer", Kind: outbox.Reply, Channel: outbox.ChannelWhatsApp,
			Buttons: [][]outbox.Button{{{Text: "Report this ad", Data: "report"}, {Text: "Check another ad", Data: "again"}}}})
		e.start("s1", sender.WithWhatsApp(w.api))
		got := w.fake.Wait(t, w.user, 2)
		e.await("the Telegram reply", func() bool { return len(e.delivered(0)) == 1 })
		e.settled()
		if got[0].Body != "first answer" || !got[0].NoPreview || got[1].Type != "interactive" || len(got[1].Buttons) != 2 {
			t.Errorf("WhatsApp got %+v", got)
		}
		if n := len(e.tg.Messages(w.chat)); n != 0 {
			t.Errorf("%d WhatsApp messages reached Telegram", n)
		}
		if n := e.metric("tasdeeq_messages_sent_total", "kind", "reply"); n != 3 {
			t.Errorf("sent = %v, want 3", n)
		}
	})
}

// TestSenderWhatsAppRateLimits: Meta's pair rate limit (131056, no retry-after) holds that user
// back about 6 s; the message then arrives once, and other chats do not wait.
func TestSenderWhatsAppRateLimits(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		w := withWhatsApp(t, e, whatsapp.Templates{})
		w.fake.Fail(w.user, 1, 400, whatsapp.CodePairRateLimit)
		w.send("limited once")
		e.reply(0, "telegram at once")
		e.start("s1", sender.WithWhatsApp(w.api))
		w.fake.Wait(t, w.user, 1)
		e.settled()
		at, errs := w.api.calls()
		if len(at) != 2 || errs[0] == nil || errs[1] != nil {
			t.Fatalf("calls %v %v", at, errs)
		}
		if wait := at[1].Sub(at[0]); wait < 6*time.Second {
			t.Errorf("sent again %v after 131056, want at least 6 s", wait)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "whatsapp.messages", "code", "131056"); n != 1 {
			t.Errorf("131056 errors = %v", n)
		}
		if n := len(w.fake.To(w.user)); n != 1 {
			t.Errorf("%d messages delivered, want 1", n)
		}
	})
}

// TestSenderWhatsAppOutsideWindow: a reply that finds the 24-hour window closed is dropped and
// counted, not retried; a case update goes as its template; without one it is dropped too.
func TestSenderWhatsAppOutsideWindow(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		w := withWhatsApp(t, e, whatsapp.Templates{Case: "tasdeeq_case_update", Languages: map[string]string{"en": "en", "ur": "ur"}})
		w.fake.CloseWindow(w.user)
		w.send("a late reply")
		w.enqueue(outbox.Outgoing{ChatID: w.chat, Text: "Your report TSQ-7K3F9Q reached FIA.", Kind: outbox.Reply, Channel: outbox.ChannelWhatsApp,
			Notice: &outbox.Notice{Kind: outbox.NoticeCase, Lang: "en", Params: []string{"TSQ-7K3F9Q"}}})
		e.start("s1", sender.WithWhatsApp(w.api))
		got := w.fake.Wait(t, w.user, 1)
		e.settled()
		if got[0].Template != "tasdeeq_case_update" || got[0].Body != "TSQ-7K3F9Q" {
			t.Errorf("sent %+v", got[0])
		}
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "outside_window"); n != 1 {
			t.Errorf("dropped outside the window = %v, want 1", n)
		}
		if at, _ := w.api.calls(); len(at) != 2 {
			t.Errorf("%d calls, want 2: the late reply is never retried", len(at))
		}
	})
}

// TestSenderWhatsAppErrors: a 5xx is retried until it goes; a user who stopped these messages
// (131050) has their chat marked blocked; without the channel a WhatsApp entry is dropped.
func TestSenderWhatsAppErrors(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		w := withWhatsApp(t, e, whatsapp.Templates{})
		w.fake.Fail(w.user, 2, 500, whatsapp.CodeUnknownError)
		w.send("after two failures")
		stop := e.start("s1", sender.WithWhatsApp(w.api), sender.WithBackoff(10*time.Millisecond, 50*time.Millisecond))
		w.fake.Wait(t, w.user, 1)
		e.settled()
		w.fake.Fail(w.user, 1, 400, whatsapp.CodeMarketingOptOut)
		w.send("to someone who opted out")
		e.await("the opt-out", func() bool {
			blocked, _ := outbox.Blocked(context.Background(), e.rdb, e.ring, w.chat)
			return blocked
		})
		e.settled()
		stop()

		e.rdb.Del(context.Background(), outbox.BlockedKey(e.ring, w.chat))
		before := e.metric("tasdeeq_messages_dropped_total", "reason", "invalid")
		w.send("with the channel off")
		e.start("s2")
		e.settled()
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "invalid") - before; n != 1 {
			t.Errorf("dropped as invalid with the channel off = %v, want 1", n)
		}
		if n := len(e.tg.Messages(w.chat)); n != 0 {
			t.Errorf("a WhatsApp message went to Telegram")
		}
	})
}
