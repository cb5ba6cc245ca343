package sender_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/sender"
)

// 429: the message waits retry_after and is then delivered once, before the chat's next
// message; only that chat waits (a 429 for one chat says nothing about the others), even with a
// single call in flight. (The two chats share a shard, so that a1 is read, and tried, first.)
func TestSenderHonoursRetryAfter(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.FailNext("sendMessage", 1, 429, 3)
		b := e.sameShard(0)
		e.reply(0, "a1")
		e.reply(0, "a2")
		e.reply(b, "b1")
		e.start("s1", sender.WithWorkers(1))
		e.await("3 messages", func() bool { return len(e.delivered(0))+len(e.delivered(b)) == 3 })
		e.settled()
		calls := e.api.all()
		if calls[0].err == nil || calls[0].text != "a1" {
			t.Fatalf("first call = %+v, want the 429 for a1", calls[0])
		}
		limited := calls[0].at
		for _, c := range calls[1:] {
			switch wait := c.at.Sub(limited); {
			case c.text == "b1" && wait >= time.Second:
				t.Errorf("b1 (another chat) sent %v after the 429, want at once", wait)
			case c.text != "b1" && wait < 3*time.Second:
				t.Errorf("call %q %v after the 429, want >= retry_after 3 s", c.text, wait)
			}
		}
		if calls[1].text != "b1" || calls[2].text != "a1" {
			t.Errorf("calls after the 429: %q, %q; want b1, then a1 again", calls[1].text, calls[2].text)
		}
		if got := e.delivered(0); !slices.Equal(got, []string{"a1", "a2"}) {
			t.Errorf("chat 0 got %q", got)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "sendMessage", "code", "429"); n != 1 {
			t.Errorf("429 errors = %v", n)
		}
		if f := e.metric("tasdeeq_send_slowdown_factor"); f != 1 {
			t.Errorf("slowdown factor after one chat's 429 = %v, want 1", f)
		}
	})
}

// 429s from several chats at once: Telegram limits the bot as a whole, so the calls in flight are
// halved (the slowdown factor says so) and every message still arrives once, in order.
func TestSenderSlowsDownOn429sFromManyChats(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.SetDelay(20 * time.Millisecond) // the 429s overlap
		e.tg.FailNext("sendMessage", 4, 429, 1)
		for i := range 8 {
			e.reply(i, fmt.Sprintf("m%d", i))
		}
		e.start("s1", sender.WithWorkers(8), realClock()) // the fake clock would spread the 429s over seconds
		e.await("8 messages", func() bool { return len(sentOK(e)) == 8 })
		e.settled()
		if f := e.metric("tasdeeq_send_slowdown_factor"); f != 2 {
			t.Errorf("slowdown factor = %v, want 2 after 429s from 4 chats at once", f)
		}
		for i := range 8 {
			if got := e.delivered(i); !slices.Equal(got, []string{fmt.Sprintf("m%d", i)}) {
				t.Errorf("chat %d got %q", i, got)
			}
		}
		if !strings.Contains(e.logs.String(), `msg="429s from several chats; slowing all sending"`) {
			t.Errorf("no log of the slowdown")
		}
	})
}

func sentOK(e *env) []string {
	var out []string
	for _, c := range e.tg.CallsTo("sendMessage") {
		if c.OK() {
			out = append(out, c.Text())
		}
	}
	return out
}

// 403: the chat is marked blocked for 30 days and its queued messages are dropped without
// calls; later broadcasts are dropped too; a reply queued after the block (the user wrote
// again) is tried and clears the mark.
func TestSenderBlockedChat(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.tg.BlockChat(e.chat(0))
		for n := range 3 {
			e.reply(0, fmt.Sprintf("a%d", n))
		}
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), Text: "campaign", Kind: outbox.Broadcast})
		e.reply(1, "b1")
		e.start("s1")
		e.await("b1", func() bool { return len(e.delivered(1)) == 1 })
		e.settled()
		if n := callsTo(e, 0); n != 1 {
			t.Errorf("%d calls to the blocked chat, want 1", n)
		}
		if blocked, err := outbox.Blocked(ctx, e.rdb, e.ring, e.chat(0)); err != nil || !blocked {
			t.Fatalf("Blocked = %v, %v", blocked, err)
		}
		ttl := e.rdb.TTL(ctx, outbox.BlockedKey(e.ring, e.chat(0))).Val()
		if ttl < 29*24*time.Hour || ttl > outbox.BlockedTTL {
			t.Errorf("blocked TTL = %v", ttl)
		}
		if blocked, _ := outbox.Blocked(ctx, e.rdb, e.ring, e.chat(1)); blocked {
			t.Errorf("chat 1 marked blocked")
		}
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "blocked"); n != 4 {
			t.Errorf("blocked drops = %v, want 4", n)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "sendMessage", "code", "403"); n != 1 {
			t.Errorf("403 errors = %v", n)
		}

		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), Text: "next campaign", Kind: outbox.Broadcast})
		e.settled()
		if n := callsTo(e, 0); n != 1 {
			t.Errorf("broadcast to a blocked chat was sent (%d calls)", n)
		}

		e.tg.UnblockChat(e.chat(0))
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), Text: "welcome back", Kind: outbox.Reply, Enqueued: e.clock.Now().Add(time.Minute)})
		e.await("reply after unblock", func() bool { return len(e.delivered(0)) == 1 })
		e.settled()
		if blocked, _ := outbox.Blocked(ctx, e.rdb, e.ring, e.chat(0)); blocked {
			t.Errorf("still marked blocked after a delivered reply")
		}
	})
}

// A reply queued before its chat's 403 and read after it is dropped without a call: the sender
// remembers the 403s it got, so it need not read the chat's blocked mark before each reply. Here
// the mark is gone (as when the user wrote to the bot again): the reply answered a message from
// before the block, and the memory alone drops it.
func TestSenderRemembersItsBlocks(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.tg.BlockChat(e.chat(0))
		e.start("s1")
		e.await("every shard read", func() bool { return e.metric("tasdeeq_send_shards_owned") == float64(e.ring.N()) })
		// Past the time in which a sender that held the shards before could still get a 403.
		_ = e.clock.Sleep(ctx, 2*time.Minute)
		queued := e.clock.Now()
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), Text: "a0", Kind: outbox.Reply, Enqueued: queued})
		e.await("the 403", func() bool { return callsTo(e, 0) == 1 })
		e.settled()
		if err := e.rdb.Del(ctx, outbox.BlockedKey(e.ring, e.chat(0))).Err(); err != nil {
			t.Fatal(err)
		}
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), Text: "a1", Kind: outbox.Reply, Enqueued: queued})
		e.reply(1, "b1")
		e.await("b1", func() bool { return len(e.delivered(1)) == 1 })
		e.settled()
		if n := callsTo(e, 0); n != 1 {
			t.Errorf("%d calls to the blocked chat, want 1: a reply queued before its 403 went out", n)
		}
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "blocked"); n != 2 {
			t.Errorf("blocked drops = %v, want 2", n)
		}
	})
}

func callsTo(e *env, i int) int {
	n := 0
	for _, c := range e.tg.CallsTo("sendMessage") {
		if c.ChatID() == e.chat(i) {
			n++
		}
	}
	return n
}

// 5xx and network errors: retried with doubling backoff up to the cap, the entries staying
// pending meanwhile, then delivered in order, once each.
func TestSenderRetriesServerErrors(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.FailNext("sendMessage", 5, 500, 0)
		e.tg.FailNext("sendMessage", 2, 0, 0) // dropped connections
		for n := range 3 {
			e.reply(0, fmt.Sprintf("a%d", n))
		}
		var pendingWhileFailing atomic.Int64
		pendingWhileFailing.Store(-1)
		e.api.before = func(n int) {
			if n == 4 {
				pendingWhileFailing.Store(e.pending())
			}
		}
		e.start("s1", sender.WithWorkers(1), sender.WithRateLimits(0, 0), sender.WithBackoff(100*time.Millisecond, time.Second))
		e.await("3 messages", func() bool { return len(e.delivered(0)) == 3 })
		e.settled()
		if got := e.delivered(0); !slices.Equal(got, []string{"a0", "a1", "a2"}) {
			t.Errorf("delivered %q", got)
		}
		if n := pendingWhileFailing.Load(); n != 3 {
			t.Errorf("pending during the outage = %d, want 3", n)
		}
		calls := e.api.all()
		if len(calls) != 10 {
			t.Fatalf("%d calls, want 7 failures + 3", len(calls))
		}
		for k := 1; k <= 7; k++ { // gap before attempt k+1 of a0
			full := min(100*time.Millisecond<<(k-1), time.Second)
			if gap := calls[k].at.Sub(calls[k-1].at); gap < full*3/4 || gap > full {
				t.Errorf("backoff after failure %d = %v, want within [%v, %v]", k, gap, full*3/4, full)
			}
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "sendMessage", "code", "5xx"); n != 5 {
			t.Errorf("5xx errors = %v", n)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "sendMessage", "code", "network"); n != 2 {
			t.Errorf("network errors = %v", n)
		}
	})
}

// A sender killed with messages pending: a new consumer takes them over once they are idle
// past min-idle and delivers each once, in order per chat.
func TestSenderRestartClaimsFromDeadConsumer(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.FailNext("sendMessage", 1000, 500, 0) // the first sender gets nothing through
		for n := range 3 {
			e.reply(0, fmt.Sprintf("a%d", n))
		}
		e.reply(1, "b0")
		e.reply(1, "b1")
		e.enqueue(outbox.Outgoing{ChatID: e.chat(2), Text: "campaign", Kind: outbox.Broadcast})
		claim := sender.WithClaim(200*time.Millisecond, 100*time.Millisecond)
		stop := e.start("dead", claim, sender.WithWorkers(2))
		e.await("all read by the first sender", func() bool {
			return e.pendingOf("dead") == 6 && len(e.tg.CallsTo("sendMessage")) >= 3
		})
		stop()
		if n := e.pendingOf("dead"); n != 6 {
			t.Fatalf("pending after stop = %d, want 6", n)
		}
		e.tg.ClearFaults()
		e.idle(200 * time.Millisecond)
		e.start("heir", claim)
		e.await("all delivered", func() bool {
			return len(e.delivered(0)) == 3 && len(e.delivered(1)) == 2 && len(e.delivered(2)) == 1
		})
		e.settled()
		if got := e.delivered(0); !slices.Equal(got, []string{"a0", "a1", "a2"}) {
			t.Errorf("chat 0 got %q", got)
		}
		if got := e.delivered(1); !slices.Equal(got, []string{"b0", "b1"}) {
			t.Errorf("chat 1 got %q", got)
		}
	})
}

// A sender restarted under the same consumer name re-reads its own pending entries first, even
// when they are not idle long enough to be claimed.
func TestSenderRestartReadsOwnPending(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.FailNext("sendMessage", 1000, 500, 0)
		e.reply(0, "a0")
		e.reply(0, "a1")
		stop := e.start("s1")
		e.await("both read", func() bool { return e.pendingOf("s1") == 2 && len(e.tg.CallsTo("sendMessage")) >= 1 })
		stop()
		e.tg.ClearFaults()
		e.reply(0, "a2")
		e.start("s1", sender.WithClaim(time.Hour, 0))
		e.await("all delivered", func() bool { return len(e.delivered(0)) == 3 })
		e.settled()
		if got := e.delivered(0); !slices.Equal(got, []string{"a0", "a1", "a2"}) {
			t.Errorf("chat 0 got %q", got)
		}
	})
}

// Stopping mid-stream finishes and acknowledges the call in flight: nothing delivered stays
// pending, and the next sender delivers the rest, with no message twice.
func TestSenderGracefulStopThenResume(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.SetDelay(20 * time.Millisecond)
		var want []string
		for n := range 15 {
			want = append(want, fmt.Sprintf("part %d", n))
			e.reply(0, want[n])
		}
		claim := sender.WithClaim(200*time.Millisecond, 100*time.Millisecond)
		stop := e.start("first", claim, sender.WithRateLimits(0, 0))
		e.await("3 delivered", func() bool { return len(e.delivered(0)) >= 3 })
		stop()
		sent := len(e.delivered(0))
		if sent == 15 {
			t.Fatal("everything was sent before the stop; the test proves nothing")
		}
		if left := e.streamLen(); left != int64(15-sent) {
			t.Errorf("after stop: %d entries left for %d sent of 15 (a delivered one was not acknowledged)", left, sent)
		}
		e.idle(200 * time.Millisecond)
		e.start("second", claim, sender.WithRateLimits(0, 0))
		e.await("all delivered", func() bool { return len(e.delivered(0)) >= 15 })
		e.settled()
		if got := e.delivered(0); !slices.Equal(got, want) {
			t.Errorf("delivered %q", got)
		}
	})
}

// Run returns promptly when its context is cancelled, and a second concurrent Run is refused.
func TestSenderStops(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		s := sender.New(e.rdb, e.api, "s1", sender.WithKeyPrefix(e.prefix), sender.WithPollInterval(20*time.Millisecond))
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Run(ctx) }()
		time.Sleep(50 * time.Millisecond)
		if err := s.Run(ctx); err == nil {
			t.Errorf("second Run: no error")
		}
		start := time.Now()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Run took %v to stop", d)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Run did not stop")
		}
	})
}

// An entry this sender holds but another consumer acknowledged (it took it over while this one
// looked dead) is forgotten at the next refresh instead of being sent twice.
func TestSenderForgetsEntriesAckedElsewhere(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.tg.FailNext("sendMessage", 1_000_000, 500, 0)
		e.reply(0, "a0")
		e.reply(0, "a1")
		e.start("s1", sender.WithClaim(200*time.Millisecond, 50*time.Millisecond))
		e.await("both held", func() bool { return e.pendingOf("s1") == 2 && len(e.tg.CallsTo("sendMessage")) >= 2 })
		entries := e.rdb.XRange(ctx, e.repliesOf(0), "-", "+").Val()
		if len(entries) != 2 {
			t.Fatalf("entries = %v", entries)
		}
		e.rdb.XAck(ctx, e.repliesOf(0), outbox.SenderGroup, entries[1].ID) // a1, done elsewhere
		time.Sleep(150 * time.Millisecond)                                 // a refresh tick or two
		e.tg.ClearFaults()
		e.await("a0", func() bool { return len(e.delivered(0)) == 1 })
		e.await("nothing pending", func() bool { return e.pending() == 0 })
		time.Sleep(50 * time.Millisecond)
		if got := e.delivered(0); !slices.Equal(got, []string{"a0"}) {
			t.Errorf("delivered %q, want only a0", got)
		}
	})
}
