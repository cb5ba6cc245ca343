package sender_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/sender"
)

// Messages reach each chat in stream order, one call per chat at a time, as plain text with no
// link preview, with the buttons turned into an inline keyboard; each is acknowledged and
// deleted after delivery.
func TestSenderDeliversInOrderPerChat(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.SetDelay(2 * time.Millisecond) // widen the window in which two calls to a chat would overlap
		want := map[int][]string{}
		for n := range 4 {
			for c := range 3 {
				text := fmt.Sprintf("reply %d to chat %d: ویزا پکا ہے؟ <b>*not markup*</b> 👍", n, c)
				want[c] = append(want[c], text)
				o := outbox.Outgoing{ChatID: e.chat(c), Text: text, Kind: outbox.Reply, Enqueued: time.Now()}
				if c == 0 && n == 1 {
					o.Buttons = [][]outbox.Button{
						{{Text: "Yes", Data: "cf:y"}, {Text: "No", Data: "cf:n"}},
						{{Text: "BEOE", URL: "https://beoe.gov.pk"}, {Text: "broken"}},
					}
				}
				e.enqueue(o)
			}
		}
		e.start("s1")
		e.await("12 messages", func() bool {
			return len(e.delivered(0))+len(e.delivered(1))+len(e.delivered(2)) == 12
		})
		e.settled()
		for c := range 3 {
			if got := e.delivered(c); !slices.Equal(got, want[c]) {
				t.Errorf("chat %d got %q, want %q", c, got, want[c])
			}
			if n := e.tg.MaxConcurrent(e.chat(c)); n != 1 {
				t.Errorf("chat %d had %d calls in flight at once", c, n)
			}
		}
		msgs := e.tg.Messages(e.chat(0))
		if got := strings.Join(msgs[1].Buttons(), ","); got != "Yes|cf:y|,No|cf:n|,BEOE||https://beoe.gov.pk" {
			t.Errorf("keyboard = %s", got)
		}
		if msgs[0].Keyboard != nil {
			t.Errorf("message without buttons has a keyboard: %+v", msgs[0].Keyboard)
		}
		for _, m := range msgs {
			if m.Params["parse_mode"] != "" || !strings.Contains(m.Params["link_preview_options"], `"is_disabled":true`) {
				t.Errorf("params = %v", m.Params)
			}
		}
		if n := e.metric("tasdeeq_messages_sent_total", "kind", "reply"); n != 12 {
			t.Errorf("sent metric = %v", n)
		}
		if n := e.metric("tasdeeq_send_lag_seconds", "kind", "reply"); n != 12 {
			t.Errorf("lag observations = %v", n)
		}
		// Depth is sampled at start (before the first read) and then every 5 s.
		if n := e.metric("tasdeeq_send_queue_depth", "stream", "replies"); n != 12 {
			t.Errorf("replies depth = %v, want 12", n)
		}
		if n := e.metric("tasdeeq_send_shards_owned"); n != 64 {
			t.Errorf("shards owned = %v, want all 64", n)
		}
	})
}

// Replies go out before broadcasts that were queued earlier, and a reply queued in the middle
// of a campaign overtakes the broadcasts still waiting.
func TestSenderRepliesBeforeBroadcasts(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		for i := range 6 {
			e.enqueue(outbox.Outgoing{ChatID: e.chat(i), Text: fmt.Sprintf("campaign %d", i), Kind: outbox.Broadcast})
		}
		for i := range 3 {
			e.reply(i, fmt.Sprintf("verdict %d", i))
		}
		e.start("s1", sender.WithWorkers(1))
		e.await("9 messages", func() bool { return len(e.tg.CallsTo("sendMessage")) == 9 })
		var order []string
		for _, c := range e.tg.CallsTo("sendMessage") {
			order = append(order, c.Text()[:1])
		}
		if got := strings.Join(order, ""); got != "vvvcccccc" {
			t.Errorf("order = %s, want the 3 verdicts first", got)
		}
		e.settled()
	})
	backends(t, func(t *testing.T, e *env) {
		e.tg.SetDelay(10 * time.Millisecond)
		const campaign = 40
		for i := range campaign {
			e.enqueue(outbox.Outgoing{ChatID: e.chat(i), Text: fmt.Sprintf("campaign %d", i), Kind: outbox.Broadcast})
		}
		// Every shard waits for new replies in a blocking read (a client with a connection for
		// each), so the reply is read at once, not at the next 25 ms poll.
		e.start("s1", sender.WithWorkers(1), sender.WithReadClient(e.another(70), 64))
		e.await("3 broadcasts", func() bool { return len(e.tg.CallsTo("sendMessage")) >= 3 })
		at := len(e.tg.CallsTo("sendMessage"))
		e.reply(40, "urgent verdict")
		e.await("all", func() bool { return len(e.tg.CallsTo("sendMessage")) == campaign+1 })
		pos := slices.IndexFunc(e.tg.CallsTo("sendMessage"), func(c bottest.Call) bool { return c.Text() == "urgent verdict" })
		// Broadcasts go out at 30 a second, so a sender that kept stream order would send the
		// reply last, more than a second later. The slack of 8 places (about a quarter of a
		// second) is for the time the reply takes to be read on a loaded machine under the race
		// detector: CI saw it read 3 and 6 broadcasts late with a slack of 2.
		if pos < 0 || pos > at+8 {
			t.Errorf("reply queued after %d broadcasts went out at position %d", at, pos)
		}
		e.settled()
	})
}

// At most one message per second to a chat, on the sender's clock (with a burst of 1); callback
// answers for the same chat are not held back by that gap.
func TestSenderPerChatRateLimit(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), CallbackID: "cb-1"})
		for n := range 4 {
			e.reply(0, fmt.Sprintf("a%d", n))
		}
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), CallbackID: "cb-2", Text: "Saved"})
		// Chat b shares chat 0's shard: one reader holds every entry before the (fake) clock moves
		// on to the next message's second.
		b := e.sameShard(0)
		for n := range 2 {
			e.reply(b, fmt.Sprintf("b%d", n))
		}
		t0 := e.clock.Now()
		e.start("s1", sender.WithWorkers(4), sender.WithChatBurst(1))
		e.await("8 calls", func() bool { return len(e.api.all()) == 8 })
		times := map[string][]time.Time{}
		for _, c := range e.api.all() {
			key := fmt.Sprint(c.chat)
			if c.cb != "" {
				key = "cb"
			}
			times[key] = append(times[key], c.at)
		}
		for _, chat := range []int64{e.chat(0), e.chat(b)} {
			ts := times[fmt.Sprint(chat)]
			for i := 1; i < len(ts); i++ {
				if gap := ts[i].Sub(ts[i-1]); gap < time.Second {
					t.Errorf("chat %d: messages %d and %d only %v apart", chat, i-1, i, gap)
				}
			}
		}
		if len(times["cb"]) != 2 {
			t.Fatalf("callback answers = %v", times["cb"])
		}
		for _, at := range times["cb"] {
			if at.Sub(t0) >= time.Second {
				t.Errorf("callback answer waited %v behind the chat's messages", at.Sub(t0))
			}
		}
		if got := e.delivered(0); !slices.Equal(got, []string{"a0", "a1", "a2", "a3"}) {
			t.Errorf("chat 0 got %q", got)
		}
		e.settled()
	})
}

// By default a private chat gets the replies of one step together (a burst of 3), then one a
// second; a group (negative chat id) gets at most 20 a minute: one every 3 s.
func TestSenderChatBurstAndGroupPace(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		for n := range 6 {
			e.reply(0, fmt.Sprintf("a%d", n))
		}
		t0 := e.clock.Now()
		e.start("s1")
		e.await("6 calls", func() bool { return len(e.api.all()) == 6 })
		e.settled()
		var ats []time.Time
		for _, c := range e.api.all() {
			ats = append(ats, c.at)
		}
		for i, at := range ats {
			switch {
			case i < 3 && at.Sub(t0) >= time.Second:
				t.Errorf("message %d of the burst waited %v", i, at.Sub(t0))
			case i >= 3 && at.Sub(ats[i-1]) < time.Second:
				t.Errorf("messages %d and %d only %v apart after the burst", i-1, i, at.Sub(ats[i-1]))
			}
			for j := i + 4; j < len(ats); j++ { // in any window of k seconds, at most 3 + k
				if ats[j].Sub(at) < time.Duration(j-i-3)*time.Second {
					t.Errorf("messages %d..%d within %v", i, j, ats[j].Sub(at))
				}
			}
		}
		if got := e.delivered(0); !slices.Equal(got, []string{"a0", "a1", "a2", "a3", "a4", "a5"}) {
			t.Errorf("delivered %q", got)
		}
	})
	backends(t, func(t *testing.T, e *env) {
		group := -e.chat(1)
		for n := range 3 {
			e.enqueue(outbox.Outgoing{ChatID: group, Text: fmt.Sprintf("g%d", n), Kind: outbox.Reply})
		}
		e.start("s1")
		e.await("3 calls", func() bool { return len(e.api.all()) == 3 })
		e.settled()
		calls := e.api.all()
		for i := 1; i < len(calls); i++ {
			if gap := calls[i].at.Sub(calls[i-1].at); gap < 3*time.Second {
				t.Errorf("group messages %d and %d only %v apart, want >= 3 s (20 a minute)", i-1, i, gap)
			}
		}
	})
}

// Broadcasts: no more than 30 in any second overall, with a reply flow beside them that the cap
// does not slow down.
func TestSenderOverallRateLimit(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		const n, replies = 75, 45
		for i := range n {
			e.enqueue(outbox.Outgoing{ChatID: e.chat(i), Text: fmt.Sprintf("campaign %d", i), Kind: outbox.Broadcast})
		}
		for i := range replies {
			if i%5 == 4 {
				e.enqueue(outbox.Outgoing{ChatID: e.chat(n + i), CallbackID: fmt.Sprintf("cb-%d", i)})
				continue
			}
			e.reply(n+i, fmt.Sprintf("verdict %d", i))
		}
		t0 := e.clock.Now()
		// One call at a time: the fake clock, advanced by every sleeper, would otherwise move between
		// a broadcast's admission and the moment the recorder reads it.
		e.start("s1", sender.WithWorkers(1), sender.WithRateLimits(time.Second, 30))
		e.await("all calls", func() bool { return len(e.api.all()) == n+replies })
		var bcast []time.Time
		var lastReply time.Time
		for _, c := range e.api.all() {
			if strings.HasPrefix(c.text, "campaign") {
				bcast = append(bcast, c.at)
			} else {
				lastReply = maxT(lastReply, c.at)
			}
		}
		for i := 30; i < len(bcast); i++ {
			if span := bcast[i].Sub(bcast[i-30]); span < time.Second {
				t.Fatalf("broadcasts %d..%d (31 calls) within %v", i-30, i, span)
			}
		}
		if total := bcast[n-1].Sub(t0); total > 3*time.Second {
			t.Errorf("75 broadcasts took %v of sender time, want about 2.5 s", total)
		}
		if d := lastReply.Sub(t0); d >= time.Second {
			t.Errorf("the last of %d replies went out after %v: the broadcast cap held replies back", replies, d)
		}
		e.settled()
	})
	// With several calls in flight the slots still hold: 60 broadcasts cannot all start before 59/30 s.
	backends(t, func(t *testing.T, e *env) {
		for i := range 60 {
			e.enqueue(outbox.Outgoing{ChatID: e.chat(i), Text: fmt.Sprintf("campaign %d", i), Kind: outbox.Broadcast})
		}
		t0 := e.clock.Now()
		e.start("s1", sender.WithWorkers(8))
		e.await("all calls", func() bool { return len(e.api.all()) == 60 })
		var last time.Time
		for _, c := range e.api.all() {
			last = maxT(last, c.at)
		}
		if span := last.Sub(t0); span < 59*time.Second/30 {
			t.Errorf("60 calls within %v", span)
		}
		e.settled()
	})
}

func maxT(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Callback answers reach answerCallbackQuery with their text; a rejected one (query too old)
// is dropped, not retried.
func TestSenderCallbackAnswers(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.FailNext("answerCallbackQuery", 1, 400, 0)
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), CallbackID: "old"})
		e.start("s1")
		e.await("rejected answer", func() bool { return len(e.tg.CallsTo("answerCallbackQuery")) == 1 })
		e.settled()
		e.enqueue(outbox.Outgoing{ChatID: e.chat(0), CallbackID: "cb-1", Text: "Saved"})
		e.enqueue(outbox.Outgoing{CallbackID: "cb-2"})
		e.await("answers", func() bool { return len(e.tg.CallsTo("answerCallbackQuery")) == 3 })
		e.settled()
		calls := e.tg.CallsTo("answerCallbackQuery")
		got := map[string]string{}
		for _, c := range calls[1:] {
			if !c.OK() {
				t.Errorf("call %v failed", c.Params)
			}
			got[c.Params["callback_query_id"]] = c.Params["text"]
		}
		if len(got) != 2 || got["cb-1"] != "Saved" || got["cb-2"] != "" {
			t.Errorf("answers = %v", got)
		}
		if n := e.metric("tasdeeq_messages_sent_total", "kind", "callback"); n != 2 {
			t.Errorf("sent callbacks = %v", n)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "answerCallbackQuery", "code", "400"); n != 1 {
			t.Errorf("400 errors = %v", n)
		}
		if len(e.tg.CallsTo("sendMessage")) != 0 {
			t.Errorf("callback answers sent messages")
		}
	})
}

// A 400 is dropped (acknowledged, counted) and the chat goes on; unreadable entries are dropped
// without a call.
func TestSenderDropsRejectedAndInvalid(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.tg.FailNext("sendMessage", 1, 400, 0)
		e.reply(0, "CNIC 35202-1234567-1, pay Rs 50,000 to JazzCash 0300-1234567")
		e.reply(0, "after")
		e.rdb.XAdd(ctx, rawEntry(e.repliesOf(0), "m", "not json"))
		e.rdb.XAdd(ctx, rawEntry(e.repliesOf(1), "other", "x"))
		e.enqueue(outbox.Outgoing{Text: "text without a chat"})
		e.start("s1")
		e.await("delivery", func() bool { return len(e.delivered(0)) == 1 })
		e.settled()
		if got := e.delivered(0); !slices.Equal(got, []string{"after"}) {
			t.Errorf("delivered %q", got)
		}
		if n := len(e.tg.CallsTo("sendMessage")); n != 2 {
			t.Errorf("%d calls, want 2 (the invalid entries make none)", n)
		}
		if n := e.metric("tasdeeq_bot_api_errors_total", "method", "sendMessage", "code", "400"); n != 1 {
			t.Errorf("400 errors = %v", n)
		}
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "invalid"); n != 3 {
			t.Errorf("invalid drops = %v", n)
		}
		if n := e.metric("tasdeeq_messages_dropped_total", "reason", "rejected"); n != 1 {
			t.Errorf("rejected drops = %v", n)
		}
	})
}

// Delivered entries are acknowledged one call at a time but deleted together: the sender's
// Redis commands per message are about one (the XACK), not two, and the streams still end
// empty.
func TestSenderDeletesDeliveredTogether(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		counts := &streamCommands{names: map[string]bool{"xack": true, "xdel": true}, keys: map[string]bool{}, n: map[string]int{}}
		for _, st := range e.streams() {
			counts.keys[st] = true
		}
		e.rdb.AddHook(counts)
		// Replies to 30 chats of one shard, so that they share its streams.
		const n = 30
		for i, c := 0, 0; i < n; i, c = i+1, e.sameShard(c) {
			e.reply(c, fmt.Sprintf("reply to chat %d", c))
		}
		e.start("s1")
		e.await("all delivered", func() bool { return len(e.tg.CallsTo("sendMessage")) >= n })
		e.settled()
		acks, dels := counts.get("xack"), counts.get("xdel")
		if acks < 1 || acks > n {
			t.Errorf("%d XACKs for %d messages", acks, n)
		}
		// Before, one XDEL per message; now the ids of a shard's stream wait for each other.
		if dels < 1 || dels > n/3 {
			t.Errorf("%d XDELs for %d messages, want them batched", dels, n)
		}
		t.Logf("%d messages: %d XACK, %d XDEL", n, acks, dels)
	})
}

// streamCommands counts the commands of the given names on the given keys, in pipelines too.
type streamCommands struct {
	mu    sync.Mutex
	names map[string]bool
	keys  map[string]bool
	n     map[string]int
}

func (c *streamCommands) count(cmds ...redis.Cmder) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cmd := range cmds {
		args := cmd.Args()
		if len(args) > 1 && c.names[cmd.Name()] && c.keys[fmt.Sprint(args[1])] {
			c.n[cmd.Name()]++
		}
	}
}

func (c *streamCommands) get(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[name]
}

func (c *streamCommands) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *streamCommands) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.count(cmd)
		return next(ctx, cmd)
	}
}

func (c *streamCommands) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.count(cmds...)
		return next(ctx, cmds)
	}
}
