package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/shards"
)

// TestGracefulShutdown: on SIGTERM (main cancels run's context) serve stops taking updates,
// finishes those in flight, lets the sender finish and ack the message it is sending, and
// leaves the rest queued in Redis; the next start delivers them, and no one gets a reply twice.
func TestGracefulShutdown(t *testing.T) {
	for _, tt := range []struct {
		name     string
		delay    time.Duration
		shutdown string
	}{
		{"drains the queue within the budget", 150 * time.Millisecond, "20s"},
		{"leaves the rest queued when Telegram is too slow", 900 * time.Millisecond, "2s"},
	} {
		t.Run(tt.name, func(t *testing.T) { testShutdown(t, tt.delay, tt.shutdown) })
	}
}

func testShutdown(t *testing.T, delay time.Duration, shutdown string) {
	url := testRedisURL(t) // the cluster or Redis of the CI run, or a miniredis
	fake := bottest.New(t)
	fake.SetDelay(delay) // Telegram is slow: the sender is mid-call at SIGTERM
	env := map[string]string{"REDIS_URL": url, "TASDEEQ_SHUTDOWN_TIMEOUT": shutdown}
	e := startServeOn(t, fake, env)
	const chats = 12
	codes := make(chan int, chats)
	for i := range chats {
		u := e.text(int64(8000+i), "en", e2eScam) // ids are handed out here, not in the goroutines
		go func() { codes <- e.post(u, e2eSecret) }()
	}
	for range chats {
		if c := <-codes; c != http.StatusOK {
			t.Fatalf("update refused: %d", c)
		}
	}
	time.Sleep(200 * time.Millisecond) // some replies are on their way
	start := time.Now()
	if err := e.stop(); err != nil {
		t.Fatalf("serve did not stop cleanly: %v", err)
	}
	t.Logf("stopped in %v", time.Since(start).Round(time.Millisecond))

	rdb := testClient(t, url)
	pending := outboxtest.Pending(t, rdb, shards.Ring{}, outbox.RepliesStream)
	queued := outboxtest.Len(t, rdb, shards.Ring{}, outbox.RepliesStream)
	delivered := 0
	for i := range chats {
		delivered += len(fake.Messages(int64(8000 + i)))
	}
	t.Logf("at shutdown: %d delivered, %d still queued (%d of them read by the sender, not yet sent)", delivered, queued, pending)
	// Entries still pending were read by the sender but not sent; a message that was sent must
	// have been acknowledged (and deleted), or the next start would send it twice.
	for _, en := range outboxtest.Entries(t, rdb, shards.Ring{}, outbox.RepliesStream) {
		var o outbox.Outgoing
		if err := json.Unmarshal([]byte(en.Values["m"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		if len(fake.Messages(o.ChatID)) > 0 {
			t.Errorf("chat %d was sent its reply but the entry is still in the stream: it would be sent twice", o.ChatID)
		}
	}
	if delivered+int(queued) != chats {
		t.Fatalf("%d delivered + %d queued != %d replies: something was lost", delivered, queued, chats)
	}

	// The next start delivers what was left, once.
	fake.SetDelay(0)
	e2 := startServeOn(t, fake, env)
	for i := range chats {
		e2.waitMessages(int64(8000+i), 1)
	}
	time.Sleep(300 * time.Millisecond)
	for i := range chats {
		if n := len(fake.Messages(int64(8000 + i))); n != 1 {
			t.Errorf("chat %d got %d replies", 8000+i, n)
		}
	}
	if err := e2.stop(); err != nil {
		t.Fatal(err)
	}
}
