package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/locales"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

const e2eSecret = "e2e-secret-token"

// e2e is the real program serving webhooks against a fake Bot API.
type e2e struct {
	t      *testing.T
	fake   *bottest.Server
	base   string
	nextID int64
	stop   func() error
	// redisURL is the Redis the service uses, when the test chose a real one.
	redisURL string
	// probes is the base URL of the probe listener, when TASDEEQ_PROBE_ADDR was set.
	probes chan string
}

// startServe runs `tasdeeq serve` as main would, on a port the system picks, with the sender
// speeded up (the per-chat limit is configuration) so the test does not wait a second a message.
func startServe(t *testing.T) *e2e { return startServeWith(t, nil) }

// startServeWith is startServe with more configuration.
func startServeWith(t *testing.T, extra map[string]string) *e2e {
	t.Helper()
	return startServeOn(t, bottest.New(t), extra)
}

// startServeOn is startServeWith against a given fake Bot API, so a test can restart the service.
func startServeOn(t *testing.T, fake *bottest.Server, extra map[string]string) *e2e {
	t.Helper()
	env := map[string]string{
		"TELEGRAM_TOKEN": bottest.Token, "TELEGRAM_API_URL": fake.URL(), "TELEGRAM_WEBHOOK_SECRET": e2eSecret,
		"TASDEEQ_ADDR": "127.0.0.1:0", "TASDEEQ_SEND_PER_CHAT": "5ms", "TASDEEQ_SEND_PER_SECOND": "500",
		"TASDEEQ_LOG_LEVEL": "error",
	}
	if url := redistest.URL(); url != "" && extra["REDIS_URL"] == "" {
		env["REDIS_URL"] = url
		cleanRedis(t, url)
	}
	for k, v := range extra {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"tasdeeq", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), pw)
		pw.Close()
		done <- err
	}()
	addr, probes := make(chan string, 1), make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				addr <- a
			}
			if a, ok := strings.CutPrefix(sc.Text(), "probes listening on "); ok {
				probes <- "http://" + a
			}
		}
	}()
	e := &e2e{t: t, fake: fake, nextID: 100 + 1000*int64(len(fake.Calls())), redisURL: env["REDIS_URL"], probes: probes}
	select {
	case a := <-addr:
		e.base = "http://" + a
	case err := <-done:
		cancel()
		t.Fatalf("serve exited: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("serve did not start")
	}
	e.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			return fmt.Errorf("serve did not stop within 30 s")
		}
	})
	t.Cleanup(func() { e.stop() })
	return e
}

// cleanRedis deletes Tasdeeq's keys from the Redis of url, on every primary of a cluster.
func cleanRedis(t *testing.T, url string) {
	t.Helper()
	rdb := testClient(t, url)
	if err := redistest.Delete(context.Background(), rdb, "tasdeeq:*"); err != nil {
		t.Fatalf("clean %s: %v", url, err)
	}
}

// testClient is a client of the Redis of url, of the kind serve makes for it, closed when the
// test ends. It carries the slot guard (unless TASDEEQ_SLOT_GUARD=0): what a test writes or
// reads itself must not span cluster slots either, on miniredis too.
func testClient(t *testing.T, url string) redis.UniversalClient {
	t.Helper()
	rdb, err := redisClient(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	if redistest.SlotGuardOn() {
		redistest.GuardSlots(t, rdb)
	}
	return rdb
}

// post sends one update to the webhook and returns the HTTP status.
func (e *e2e) post(u models.Update, secret string) int {
	e.t.Helper()
	body, err := json.Marshal(u)
	if err != nil {
		e.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, e.base+"/telegram/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (e *e2e) id() int64 { e.nextID++; return e.nextID }

func (e *e2e) text(chat int64, lang, text string) models.Update {
	u := models.Update{ID: e.id(), Message: &models.Message{ID: int(e.nextID), Date: int(time.Now().Unix()),
		From: &models.User{ID: chat, FirstName: "Test", LanguageCode: lang}, Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}, Text: text}}
	if strings.HasPrefix(text, "/") {
		u.Message.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: len(strings.Fields(text)[0])}}
	}
	return u
}

func (e *e2e) press(chat int64, lang, data string) models.Update {
	return models.Update{ID: e.id(), CallbackQuery: &models.CallbackQuery{ID: fmt.Sprintf("cb%d", e.nextID), Data: data,
		From:    models.User{ID: chat, LanguageCode: lang},
		Message: models.MaybeInaccessibleMessage{Message: &models.Message{ID: 1, Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}}}
}

// waitMessages waits until chat has received n messages.
func (e *e2e) waitMessages(chat int64, n int) []bottest.Call {
	e.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := e.fake.Messages(chat)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("chat %d: %d messages, want %d", chat, len(got), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// step is one user action in a transcript and how many bot messages it brings.
type step struct {
	say, press string
	replies    int
}

// transcript plays steps against the running service and writes what the user sees.
func (e *e2e) transcript(chat int64, lang string, steps []step) string {
	var b strings.Builder
	seen := 0
	for _, s := range steps {
		u := e.text(chat, lang, s.say)
		label := "> " + s.say
		if s.press != "" {
			u = e.press(chat, lang, s.press)
			label = "[press " + s.press + "]"
		}
		if code := e.post(u, e2eSecret); code != http.StatusOK {
			e.t.Fatalf("%s: HTTP %d", label, code)
		}
		msgs := e.waitMessages(chat, seen+s.replies)
		fmt.Fprintf(&b, "%s\n", label)
		for _, m := range msgs[seen:] {
			fmt.Fprintf(&b, "%s\n", indent(m.Text()))
			for _, btn := range m.Buttons() {
				fmt.Fprintf(&b, "    (%s)\n", btn)
			}
		}
		b.WriteString("\n")
		seen += s.replies
	}
	// The register is imported when the service starts, so its date is today's: write it as a
	// placeholder so that the golden files hold on any day.
	return strings.ReplaceAll(b.String(), time.Now().Format("2006-01-02"), "<today>")
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("transcript %s differs from the golden file (go test ./cmd/tasdeeq -run TestServe -update to accept):\n%s", name, diff(string(want), got))
	}
}

func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}

const (
	e2eScam   = "Saudi Arabia jobs. 100% visa guarantee! Registration fee Rs 25,000 on JazzCash 0300-5551234."
	e2eScamUr = "سعودی عرب میں ڈرائیوروں کی ضرورت ہے۔ سو فیصد ویزا گارنٹی۔ رجسٹریشن فیس ۲۵ ہزار روپے جاز کیش پر بھیجیں۔"
	e2eLawful = "Crescent Manpower Services, OEPL No. 9848/LHR. Drivers for Saudi Arabia, salary SAR 1800. Interview at Office 4, Mall Road, Lahore. Permission No. PE/LHR/2026/1187."
)

// TestServeTranscripts is the end-to-end test: the real HTTP server, dialogs, Redis transaction,
// sender and Bot API client against a fake Telegram, in English and in Urdu, compared with golden
// transcripts.
func TestServeTranscripts(t *testing.T) {
	e := startServe(t)
	en := e.transcript(1001, "en", []step{
		{say: "/start", replies: 1}, {press: "lang:en", replies: 1}, {say: e2eScam, replies: 1}, {press: "report", replies: 1},
		// An ad typed where the report waits for a button asks again and keeps the report; "Don't
		// report" ends it, and the ad is then checked.
		{say: e2eLawful, replies: 1}, {press: "rep:no", replies: 1},
		{say: e2eLawful, replies: 1}, {press: "lic", replies: 1}, {say: "Talagang International", replies: 1},
		{press: "licsel:9600/RWP", replies: 1}, {say: "/tips", replies: 1}, {say: "/forget", replies: 1},
	})
	golden(t, "transcript.en.golden", en)
	ur := e.transcript(1002, "ur", []step{
		{say: "/start lic_9848_LHR", replies: 2}, {press: "lang:ur", replies: 1}, {say: e2eScamUr, replies: 1},
		{say: "السلام علیکم", replies: 1}, {press: "lic", replies: 1}, {say: "9999/LHR", replies: 1}, {say: "/help", replies: 1},
	})
	golden(t, "transcript.ur.golden", ur)

	// Every button press was answered.
	for _, c := range e.fake.CallsTo("answerCallbackQuery") {
		if !c.OK() {
			t.Errorf("answerCallbackQuery failed: %+v", c)
		}
	}
	if got := len(e.fake.CallsTo("answerCallbackQuery")); got != 7 {
		t.Errorf("%d callback answers, want 7", got)
	}
	if err := e.stop(); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
}

// TestServeRefusesAndRetries covers the webhook's contract with Telegram end to end.
func TestServeRefusesAndRetries(t *testing.T) {
	e := startServe(t)
	u := e.text(2001, "en", e2eScam)
	if code := e.post(u, "wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: %d", code)
	}
	if code := e.post(u, ""); code != http.StatusUnauthorized {
		t.Errorf("no secret: %d", code)
	}
	// Telegram throttles the first send: the reply still arrives, once.
	e.fake.FailNext("sendMessage", 1, http.StatusTooManyRequests, 1)
	for range 3 { // Telegram retries an update it thinks failed: answered once
		if code := e.post(u, e2eSecret); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	msgs := e.waitMessages(2001, 1)
	time.Sleep(1500 * time.Millisecond)
	if got := len(e.fake.Messages(2001)); got != 1 || !strings.Contains(msgs[0].Text(), "High risk") {
		t.Fatalf("%d messages after retries and a 429", got)
	}
	// A user who blocked the bot gets nothing more, and the sender does not stall on them.
	e.fake.BlockChat(2002)
	e.post(e.text(2002, "en", "/help"), e2eSecret)
	e.post(e.text(2003, "en", "/help"), e2eSecret)
	e.waitMessages(2003, 1)
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
}

func TestWebhookSet(t *testing.T) {
	fake := bottest.New(t)
	env := map[string]string{"TELEGRAM_TOKEN": bottest.Token, "TELEGRAM_API_URL": fake.URL(), "TELEGRAM_WEBHOOK_SECRET": e2eSecret, "TASDEEQ_LOG_LEVEL": "error"}
	if _, err := runCmd(t, env, "", "webhook", "set", "--url", "http://insecure.example"); err == nil {
		t.Fatal("accepted an http:// webhook")
	}
	out, err := runCmd(t, env, "", "webhook", "set", "--url", "https://tasdeeq.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if fake.WebhookURL() != "https://tasdeeq.example.org/telegram/webhook" || !strings.Contains(out, "Webhook set") {
		t.Fatalf("webhook %q, out %q", fake.WebhookURL(), out)
	}
	set := fake.CallsTo("setWebhook")[0].Params
	if set["secret_token"] != e2eSecret || set["max_connections"] != "40" || !strings.Contains(set["allowed_updates"], "callback_query") {
		t.Errorf("setWebhook params %v", set)
	}
	menus := fake.CallsTo("setMyCommands")
	if len(menus) != 2 || menus[1].Params["language_code"] != "ur" || !strings.Contains(menus[1].Params["commands"], "زبان بدلیں") || !strings.Contains(menus[0].Params["commands"], "Safety tips") {
		t.Errorf("command menus %+v", menus)
	}
}

// TestServePolling runs serve --polling: updates come from getUpdates instead of the webhook.
func TestServePolling(t *testing.T) {
	fake := bottest.New(t)
	env := map[string]string{"TELEGRAM_TOKEN": bottest.Token, "TELEGRAM_API_URL": fake.URL(), "TASDEEQ_LOG_LEVEL": "error", "TASDEEQ_SEND_PER_CHAT": "5ms"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"tasdeeq", "serve", "--polling"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard)
	}()
	e := &e2e{t: t, fake: fake, nextID: 500}
	fake.AddUpdate(e.text(3001, "ur", e2eScamUr))
	msgs := e.waitMessages(3001, 1)
	if !strings.Contains(msgs[0].Text(), "خطرہ زیادہ ہے") {
		t.Errorf("reply %q", msgs[0].Text())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve --polling did not stop")
	}
}

// messageKinds are one message of each kind in each language with the locale message its reply
// must carry; the serve transcript and the terminal chat are both held to them.
var messageKinds = []struct {
	lang   locales.Lang
	say    string
	answer string // the locale message the reply must carry
}{
	{locales.EN, "Is licence 9848 real?", "kind.licence_title"},
	{locales.EN, "Khyber Pass Manpower Agency", "kind.licence_title"},
	{locales.EN, "I paid the agent Rs 2 lakh for a Saudi visa and now his phone is off. What should I do?", "kind.victim"},
	{locales.EN, "BEOE advisory: beware of fake agents who ask for a registration fee. The public is advised to verify every licence.", "kind.advisory"},
	{locales.EN, "How much fee can an agent legally charge?", "question.fees"},
	{locales.EN, "مطلوب سائقين للعمل في الرياض براتب ممتاز مع السكن", "kind.other_language"},
	{locales.EN, "hello, good morning", "verdict.not_ad"},
	{locales.EN, "Is it safe to go to Dubai on a visit visa and find a job there?", "question.visit_visa"},
	{locales.EN, "My iqama has expired and my kafeel is not renewing it. Can I change my sponsor?", "question.abroad"},
	{locales.EN, "How long does the Saudi visa take after the medical?", "question.prepare"},
	{locales.EN, "Dear customer, your JazzCash OTP is 482910. Do not share it with anyone.", "verdict.not_ad"},
	{locales.EN, "Congratulations! Your number has won Rs 25,00,000 in the Jeeto Pakistan lucky draw. To claim, call 0300-5550123 and pay Rs 3,000 tax.", "kind.windfall"},
	{locales.UR, "لائسنس نمبر ۹۸۴۸ کیا یہ اصلی ہے؟", "kind.licence_title"},
	{locales.UR, "میں نے ایجنٹ کو سعودی ویزے کے لیے دو لاکھ روپے دیے اور اب اس کا فون بند ہے۔ کیا کروں؟", "kind.victim"},
	{locales.UR, "خبردار! جعلی ایجنٹوں سے ہوشیار رہیں، آزاد ویزا کا کوئی وجود نہیں۔ عوام سے گزارش ہے کہ لائسنس کی تصدیق کریں۔", "kind.advisory"},
	{locales.UR, "ایجنٹ کے خلاف شکایت کہاں کروں؟", "question.complain"},
	{locales.UR, "Saudi visa ke liye agent kitni fees le sakta hai?", "question.fees"},
	{locales.UR, "کیا وزٹ ویزے پر دبئی جا کر نوکری ڈھونڈنا ٹھیک ہے؟", "question.visit_visa"},
	{locales.UR, "اقامہ ختم ہو گیا ہے اور کفیل نیا نہیں بنوا رہا، کیا میں کفالت تبدیل کر سکتا ہوں؟", "question.abroad"},
	{locales.UR, "میڈیکل میں ان فٹ آ جاؤں تو کیا دوبارہ ٹیسٹ ہو سکتا ہے؟", "question.prepare"},
	{locales.UR, "آپ کے JazzCash اکاؤنٹ میں 5000 روپے موصول ہوئے۔ ٹرانزیکشن آئی ڈی 123456789۔", "verdict.not_ad"},
	{locales.UR, "مبارک ہو! آپ کی بینظیر انکم سپورٹ پروگرام کی 25000 روپے کی رقم منظور ہو گئی ہے۔ وصولی کے لیے اس نمبر پر رابطہ کریں 03405550123", "kind.windfall"},
}

// TestServeMessageKinds: every kind of message a user sends, through serve, in English and Urdu,
// gets the answer for its kind (issue 14): the register's answer to a licence number without its
// city and to an agency's name, next steps and the report button for a victim, a word that an
// advisory is advice, the fee rule for a question, the languages understood for Arabic, and a
// pointer for chat.
func TestServeMessageKinds(t *testing.T) {
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	e := startServe(t)
	var en, ur []step
	for _, k := range messageKinds {
		if k.lang == locales.EN {
			en = append(en, step{say: k.say, replies: 1})
		} else {
			ur = append(ur, step{say: k.say, replies: 1})
		}
	}
	gotEN := e.transcript(3001, "en", append([]step{{say: "/start", replies: 1}, {press: "lang:en", replies: 1}}, en...))
	gotUR := e.transcript(3002, "ur", append([]step{{say: "/start", replies: 1}, {press: "lang:ur", replies: 1}}, ur...))
	golden(t, "kinds.en.golden", gotEN)
	golden(t, "kinds.ur.golden", gotUR)
	for _, k := range messageKinds {
		got := map[locales.Lang]string{locales.EN: gotEN, locales.UR: gotUR}[k.lang]
		// The transcript holds the user's line, then the reply: find the reply after the message.
		i := strings.Index(got, "> "+k.say)
		if i < 0 {
			t.Fatalf("%q not in the transcript", k.say)
		}
		reply := got[i+len(k.say)+2:]
		if j := strings.Index(reply, "\n> "); j >= 0 {
			reply = reply[:j]
		}
		if !strings.Contains(reply, kindAnswer(b, k.lang, k.answer)) {
			t.Errorf("%s %q: reply lacks %s:\n%s", k.lang, k.say, k.answer, reply)
		}
		if k.answer == "kind.victim" && !strings.Contains(reply, "("+b.T(k.lang, "button.report", nil)+"|") {
			t.Errorf("%s victim: no report button:\n%s", k.lang, reply)
		}
	}
	if err := e.stop(); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
}

// kindAnswer is the line of the locale message key that a reply of its kind always carries: its
// first line (the rest may hold the register's entries or the user's numbers).
func kindAnswer(b *locales.Bundle, lang locales.Lang, key string) string {
	return firstLine(b.T(lang, key, nil))
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }
