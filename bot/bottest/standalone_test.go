package bottest_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

// TestStartLatencyAnyTokenObserver: a fake started outside a test answers every call after its
// latency, accepts another token when told to, shows calls to OnCall and keeps none when told.
func TestStartLatencyAnyTokenObserver(t *testing.T) {
	var mu sync.Mutex
	var seen []bottest.Call
	s, err := bottest.Start(bottest.Config{Latency: 50 * time.Millisecond, AnyToken: true, Discard: true, OnCall: func(c bottest.Call) {
		mu.Lock()
		seen = append(seen, c)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, err := bot.New("42:some-other-token", bot.WithServerURL(s.URL()), bot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 2 {
		start := time.Now()
		if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(7), Text: "hello"}); err != nil {
			t.Fatalf("SendMessage %d: %v", i, err)
		}
		if took := time.Since(start); took < 50*time.Millisecond {
			t.Errorf("call %d answered after %v, want at least the 50 ms latency", i, took)
		}
	}
	mu.Lock()
	if len(seen) != 2 || !seen[0].OK() || seen[0].ChatID() != 7 || seen[0].Text() != "hello" || seen[0].At.IsZero() {
		t.Errorf("OnCall saw %+v", seen)
	}
	mu.Unlock()
	if n := len(s.Calls()); n != 0 {
		t.Errorf("Discard kept %d calls", n)
	}

	// Without AnyToken another token is refused, as before.
	strict, err := bottest.Start(bottest.Config{})
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := bot.New("42:some-other-token", bot.WithServerURL(strict.URL()), bot.WithSkipGetMe())
	_, err = b2.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(7), Text: "hello"})
	if !errors.Is(err, bot.ErrorUnauthorized) {
		t.Errorf("another token: %v, want unauthorized", err)
	}
	if len(strict.Calls()) != 0 {
		t.Errorf("calls recorded before the token check: %d", len(strict.Calls()))
	}
	strict.Close()
	strict.Close() // twice is harmless

	// A long delay ends at Close instead of holding it.
	slow, err := bottest.Start(bottest.Config{Latency: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	b3, _ := bot.New(bottest.Token, bot.WithServerURL(slow.URL()), bot.WithSkipGetMe())
	go func() { _, _ = b3.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(7), Text: "x"}) }()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	slow.Close()
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Close waited %v for a delayed answer", took)
	}
}
