package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

// startBareServer runs `tasdeeq loadtest --bare-server 127.0.0.1:0` through run and returns its
// base URL; it stops when the test ends.
func startBareServer(t *testing.T, secret string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	env := map[string]string{"TELEGRAM_WEBHOOK_SECRET": secret, "TASDEEQ_LOG_LEVEL": "error"}
	go func() {
		err := run(ctx, []string{"tasdeeq", "loadtest", "--bare-server", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), pw)
		pw.Close()
		done <- err
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				addr <- a
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		cancel()
		t.Fatalf("bare server exited: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("bare server did not start")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("bare server: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("bare server did not stop")
		}
	})
	return base
}

// TestLoadtestPacedAgainstBareServer: 2 s at 200 updates/s is 400 updates, all answered 200.
func TestLoadtestPacedAgainstBareServer(t *testing.T) {
	base := startBareServer(t, "lt-secret")
	env := map[string]string{"TELEGRAM_WEBHOOK_SECRET": "lt-secret"}
	start := time.Now()
	out, err := runCmd(t, env, "", "loadtest", "--url", base, "--rate", "200", "--duration", "2s", "--json")
	if err != nil {
		t.Fatalf("loadtest: %v\n%s", err, out)
	}
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("a 2 s run took %v", took)
	}
	var res loadResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if res.Mode != "paced" || res.Scheduled != 400 || res.Sent != 400 {
		t.Errorf("mode %s, %d scheduled, %d sent; want paced, 400, 400", res.Mode, res.Scheduled, res.Sent)
	}
	if res.OK < 390 || res.OK > 400 || len(res.Errors) != 0 {
		t.Errorf("%d ok, errors %v; want ~400 ok and none", res.OK, res.Errors)
	}
	if res.Throughput < 120 || res.Throughput > 260 {
		t.Errorf("throughput %.1f updates/s at a 200/s pace", res.Throughput)
	}
	if res.LatencyMS.P50 <= 0 || res.LatencyMS.P99 < res.LatencyMS.P50 || res.LatencyMS.Max < res.LatencyMS.P99 || res.FromScheduleMS == nil {
		t.Errorf("latency %+v, from schedule %+v", res.LatencyMS, res.FromScheduleMS)
	}

	// The readable report says the same.
	out, err = runCmd(t, env, "", "loadtest", "--url", base, "--rate", "100", "--duration", "500ms")
	if err != nil {
		t.Fatalf("loadtest: %v\n%s", err, out)
	}
	for _, want := range []string{"sent        50\n", "ok (2xx)    50\n", "errors      0\n", "throughput", "p99", "started late"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestLoadtestFlatOutAndWrongSecret: flat out stops by itself; a wrong secret is reported as
// 401s and the command fails.
func TestLoadtestFlatOutAndWrongSecret(t *testing.T) {
	base := startBareServer(t, "lt-secret")
	out, err := runCmd(t, nil, "", "loadtest", "--url", base, "--secret", "lt-secret", "--duration", "300ms", "--concurrency", "4", "--json")
	if err != nil {
		t.Fatalf("loadtest: %v\n%s", err, out)
	}
	var res loadResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Mode != "flat-out" || res.OK == 0 || res.OK != res.Sent || res.ElapsedS > 5 {
		t.Errorf("flat out: %+v", res)
	}
	out, err = runCmd(t, nil, "", "loadtest", "--url", base, "--secret", "wrong", "--count", "5", "--duration", "2s")
	if err == nil || !strings.Contains(out, "status 401: 5") {
		t.Errorf("wrong secret: err %v\n%s", err, out)
	}
}

// TestLoadtestRefusesRemote: load goes to this machine only, unless --allow-remote.
func TestLoadtestRefusesRemote(t *testing.T) {
	env := map[string]string{"TELEGRAM_WEBHOOK_SECRET": "s"}
	for _, u := range []string{"http://example.com", "https://10.0.0.5:8080", "http://192.168.1.10", "http://[2001:db8::1]:80", "http://127.0.0.1.example.com", "ftp://127.0.0.1"} {
		start := time.Now()
		_, err := runCmd(t, env, "", "loadtest", "--url", u, "--duration", "1s")
		if !errors.Is(err, errUsage) {
			t.Errorf("--url %s: err %v, want refused", u, err)
		}
		if time.Since(start) > 500*time.Millisecond {
			t.Errorf("--url %s: refusing took %v (did it send?)", u, time.Since(start))
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080", "http://127.3.4.5"} {
		if _, err := loadtestTarget(u, false); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	if got, err := loadtestTarget("http://example.com/", true); err != nil || got != "http://example.com/telegram/webhook" {
		t.Errorf("--allow-remote: %q, %v", got, err)
	}
}

// TestLoadtestUpdates: the generated updates decode as Telegram's, carry unique ids, and cover
// the mix the brief asks for.
func TestLoadtestUpdates(t *testing.T) {
	g := &updateGen{seed: 7, firstID: 1000, chats: 10_000, mix: "realistic"}
	ids := map[int64]bool{}
	chats := map[int64]bool{}
	seen := map[string]int{}
	for k := range int64(2000) {
		var u models.Update
		if err := json.Unmarshal(g.body(k), &u); err != nil {
			t.Fatalf("update %d: %v", k, err)
		}
		if ids[u.ID] {
			t.Fatalf("update id %d repeated", u.ID)
		}
		ids[u.ID] = true
		switch {
		case u.CallbackQuery != nil:
			seen["button "+u.CallbackQuery.Data]++
			chats[u.CallbackQuery.Message.Message.Chat.ID] = true
		case u.Message.ForwardOrigin != nil:
			seen["forward "+string(u.Message.ForwardOrigin.Type)]++
		case strings.HasPrefix(u.Message.Text, "/start lic_"):
			seen["start lic"]++
		case u.Message.Text == "/start":
			seen["start"]++
			if len(u.Message.Entities) != 1 || u.Message.Entities[0].Type != models.MessageEntityTypeBotCommand {
				t.Errorf("/start without a command entity")
			}
		case strings.ContainsAny(u.Message.Text, "۰۱۲۳۴۵۶۷۸۹"):
			seen["urdu digits"]++
		case strings.Contains(u.Message.Text, "hazar"):
			seen["roman urdu"]++
		case strings.Contains(u.Message.Text, "9848/LHR"):
			seen["licence"]++
		}
		if u.Message != nil {
			chats[u.Message.Chat.ID] = true
		}
	}
	for _, want := range []string{"button again", "button lic", "button report", "button lang:ur", "forward channel", "forward user",
		"forward hidden_user", "start", "start lic", "urdu digits", "roman urdu", "licence"} {
		if seen[want] == 0 {
			t.Errorf("no %q in 2,000 updates: %v", want, seen)
		}
	}
	if len(chats) < 1500 {
		t.Errorf("%d distinct chats in 2,000 updates", len(chats))
	}
	// The same seed gives the same updates.
	if a, b := g.body(42), g.body(42); string(a) != string(b) {
		t.Errorf("update 42 differs between calls")
	}
}

// TestLoadtestChatMixes: start, ad and start-ad visit every chat in turn.
func TestLoadtestChatMixes(t *testing.T) {
	for _, mix := range []string{"start", "ad", "start-ad"} {
		g := &updateGen{seed: 1, firstID: 1, chats: 3, mix: mix}
		var got []string
		for k := range int64(6) {
			u := g.update(k)
			kind := "ad"
			if u.Message.Text == "/start" {
				kind = "start"
			}
			got = append(got, fmt.Sprintf("%d:%s", u.Message.Chat.ID-chatBase, kind))
		}
		want := map[string]string{
			"start":    "0:start 1:start 2:start 0:start 1:start 2:start",
			"ad":       "0:ad 1:ad 2:ad 0:ad 1:ad 2:ad",
			"start-ad": "0:start 1:start 2:start 0:ad 1:ad 2:ad",
		}[mix]
		if strings.Join(got, " ") != want {
			t.Errorf("--mix %s: %s, want %s", mix, strings.Join(got, " "), want)
		}
	}
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestLoadtestSurgeAgainstServe: a tiny surge (20 new users/s for 1 s) end to end against
// serve, whose Bot API is the fake the load test runs (with 50 ms latency): every user gets a
// first reply, no message is sent twice, and the latencies are reported. The figures
// themselves are measured by hand (docs/loadtest.md), not asserted.
func TestLoadtestSurgeAgainstServe(t *testing.T) {
	api := freeAddr(t)
	// serve calls the Bot API only once it has something to send, so it may start before the
	// load test's fake listens.
	e := startServeOn(t, bottest.New(t), map[string]string{"TELEGRAM_API_URL": "http://" + api,
		"TASDEEQ_SEND_PER_CHAT": "1s", "TASDEEQ_SEND_PER_SECOND": "30", "TELEGRAM_BOT_USERNAME": "tasdeeq_bot"})
	env := map[string]string{"TELEGRAM_WEBHOOK_SECRET": e2eSecret}
	out, err := runCmd(t, env, "", "loadtest", "--url", e.base, "--surge", "20", "--duration", "1s",
		"--fake-api", api, "--api-latency", "50ms", "--quiet", "1500ms", "--drain", "60s", "--json")
	if err != nil {
		t.Fatalf("loadtest --surge: %v\n%s", err, out)
	}
	var res surgeResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if res.Mode != "surge" || res.Users != 20 || res.Sent != 40 || res.OK != 40 || len(res.Errors) != 0 {
		t.Errorf("mode %s, %d users, %d sent, %d ok, errors %v; want surge, 20, 40, 40, none", res.Mode, res.Users, res.Sent, res.OK, res.Errors)
	}
	if res.Answered != 20 || res.Unanswered != 0 || res.OtherChats != 0 {
		t.Errorf("%d answered, %d unanswered, %d messages to other chats; want every user answered", res.Answered, res.Unanswered, res.OtherChats)
	}
	if res.Duplicates != 0 || res.Replies < 2*res.Users || res.RepliesPerUser < 2 {
		t.Errorf("%d replies (%.2f a user), %d duplicates; want a welcome and a verdict each, none twice", res.Replies, res.RepliesPerUser, res.Duplicates)
	}
	f := res.FirstReplyMS
	if f.P50 <= 0 || f.P99 < f.P50 || f.Max < f.P99 || res.AllAnsweredS <= 0 || res.ReplyThroughput <= 0 || res.APILatencyMS != 50 {
		t.Errorf("first reply %+v, all answered %.2fs, %.1f replies/s, api latency %g ms", f, res.AllAnsweredS, res.ReplyThroughput, res.APILatencyMS)
	}
	if res.APICalls["sendMessage"] < res.Replies {
		t.Errorf("api calls %v for %d replies", res.APICalls, res.Replies)
	}
	// By default each user sends the ad once the welcome arrived; every ad is answered too.
	if a := res.AdReplyMS; res.AdAfter != "reply" || a == nil || res.AdsAnswered != 20 || a.P50 <= 0 || a.Max < a.P50 {
		t.Errorf("ad after %q, %d ads answered, ad -> reply %+v", res.AdAfter, res.AdsAnswered, a)
	}

	// The readable report, from a second surge on new chats (a later --first-update-id) whose
	// users send the ad as soon as the webhook answered their /start.
	out, err = runCmd(t, env, "", "loadtest", "--url", e.base, "--surge", "5", "--duration", "1s", "--ad-after", "answer",
		"--fake-api", api, "--quiet", "1500ms", "--first-update-id", fmt.Sprint(time.Now().Add(2*time.Second).UnixMilli()*1000))
	if err != nil {
		t.Fatalf("loadtest --surge: %v\n%s", err, out)
	}
	for _, want := range []string{"then an ad once the webhook answered", "users        5 started, 5 answered, 0 unanswered\n", "first reply  p50 ", "0 duplicates", "replies/s", "updates      10 sent, 10 ok (2xx), 0 errors\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestLoadtestSurgeUsage: surge mode refuses what it cannot honour, before sending anything.
func TestLoadtestSurgeUsage(t *testing.T) {
	env := map[string]string{"TELEGRAM_WEBHOOK_SECRET": "s"}
	for _, args := range [][]string{
		{"--surge", "10", "--rate", "5"},
		{"--surge", "10", "--count", "5"},
		{"--surge", "-1"},
		{"--surge", "0.5", "--duration", "1s"},     // no whole user
		{"--surge", "100000", "--duration", "10s"}, // too many users for one run's chats
		{"--surge", "10", "--api-latency", "-1ms"},
		{"--surge", "10", "--ad-after", "later"},
	} {
		_, err := runCmd(t, env, "", append([]string{"loadtest", "--url", "http://127.0.0.1:9"}, args...)...)
		if !errors.Is(err, errUsage) {
			t.Errorf("%v: err %v, want a usage error", args, err)
		}
	}
}

// TestSurgeWatch: messages are matched to the run's users; a repeat is a duplicate; a chat of
// another run is counted apart.
func TestSurgeWatch(t *testing.T) {
	w := &surgeWatch{firstChat: 1000, users: make([]surgeUser, 2), calls: map[string]int64{}}
	t0 := time.Now()
	w.users[0].posted, w.users[1].posted = t0, t0
	msg := func(chat int64, text string, at time.Duration) bottest.Call {
		return bottest.Call{Method: "sendMessage", Params: map[string]string{"chat_id": fmt.Sprint(chat), "text": text}, Status: 200, At: t0.Add(at)}
	}
	w.onCall(msg(1000, "welcome", 10*time.Millisecond))
	w.onCall(msg(1000, "verdict", 20*time.Millisecond))
	w.onCall(msg(1000, "verdict", 30*time.Millisecond)) // sent twice
	w.onCall(msg(5, "stray", 0))
	failed := msg(1001, "welcome", 5*time.Millisecond)
	failed.Status = 429
	w.onCall(failed)
	if w.replies != 3 || w.duplicates != 1 || w.other != 1 || w.calls["sendMessage"] != 5 {
		t.Errorf("replies %d, duplicates %d, other %d, calls %v", w.replies, w.duplicates, w.other, w.calls)
	}
	if w.users[0].first != t0.Add(10*time.Millisecond) || !w.users[1].first.IsZero() {
		t.Errorf("first replies %v, %v", w.users[0].first, w.users[1].first)
	}
}
