package outreach_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/sender"
	"github.com/tasdeeq/tasdeeq/shards"
)

// runSender runs the real sender against the fake until the test ends.
func runSender(t *testing.T, rdb redis.UniversalClient, fake *bottest.Server, opts ...sender.Option) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := sender.New(rdb, fake.Bot(t), "s1", append([]sender.Option{sender.WithPollInterval(10 * time.Millisecond)}, opts...)...)
	var wg sync.WaitGroup
	wg.Go(func() { _ = s.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func sentOK(fake *bottest.Server) []bottest.Call {
	var out []bottest.Call
	for _, c := range fake.CallsTo("sendMessage") {
		if c.OK() {
			out = append(out, c)
		}
	}
	return out
}

// TestBroadcastEndToEnd sends a campaign to 1,000 subscribers through the real sender at
// Telegram's real limits (about 34 s), crashing the broadcaster half-way, with replies to users
// arriving during the broadcast.
func TestBroadcastEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("34 s at 30 messages a second")
	}
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		const n = 1000
		ctx := context.Background()
		subs := subscribeMany(t, rdb, n, nil)
		fake := bottest.New(t)
		runSender(t, rdb, fake, sender.WithRateLimits(time.Second, 30))
		opts := []outreach.BroadcastOption{outreach.WithBatch(50), outreach.WithMaxBacklog(100), outreach.WithBroadcastPoll(10 * time.Millisecond)}
		b1 := outreach.NewBroadcaster(rdb, subs, opts...)
		c, err := b1.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		ctx1, crash := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Go(func() { _ = b1.Run(ctx1) })

		// Replies while the broadcast runs: one to a subscriber, one to someone else.
		if !fake.Await(20*time.Second, func() bool { return len(sentOK(fake)) >= 100 }) {
			t.Fatal("broadcast did not start")
		}
		replyTo := []int64{chatBase + 901, 42}
		enqueued := time.Now()
		_, err = rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // two chats, two shards
			for _, chat := range replyTo {
				if err := outbox.Enqueue(ctx, p, shards.Ring{}.Of(chat), outbox.Outgoing{ChatID: chat, Text: "verdict", Kind: outbox.Reply, Enqueued: enqueued}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		// Crash half-way, then a new broadcaster finishes.
		var atCrash outreach.Campaign
		if !fake.Await(30*time.Second, func() bool {
			atCrash, _, _ = b1.Get(ctx, c.ID)
			return atCrash.Queued >= n/2
		}) {
			t.Fatalf("never half-way: %+v", atCrash)
		}
		crash()
		wg.Wait()
		atCrash, _, _ = b1.Get(ctx, c.ID)
		t.Logf("crashed at queued=%d sent=%d remaining=%d", atCrash.Queued, atCrash.Sent, atCrash.Remaining)
		ctx2, stop := context.WithCancel(ctx)
		defer stop()
		wg.Go(func() { _ = outreach.NewBroadcaster(rdb, subs, opts...).Run(ctx2) })

		if !fake.Await(90*time.Second, func() bool { return len(sentOK(fake)) >= n+len(replyTo) }) {
			t.Fatalf("only %d messages delivered", len(sentOK(fake)))
		}
		elapsed := time.Since(start)
		time.Sleep(1500 * time.Millisecond) // anything sent twice would show up now
		stop()
		wg.Wait()

		for _, chat := range replyTo {
			var at time.Time
			for _, m := range fake.Messages(chat) {
				if m.Text() == "verdict" {
					at = m.At
				}
			}
			if lag := at.Sub(enqueued); at.IsZero() || lag > 2*time.Second {
				t.Errorf("reply to %d delivered after %v (at %v)", chat, lag, at)
			} else {
				t.Logf("reply to %d delivered after %v", chat, lag.Round(time.Millisecond))
			}
		}

		var ats []time.Time
		for _, call := range fake.Calls() {
			ats = append(ats, call.At)
		}
		slices.SortFunc(ats, func(a, b time.Time) int { return a.Compare(b) })
		worst, tightest := 0, time.Hour // most calls in a 1 s window; shortest span of 31 calls
		for i := range ats {
			if i+30 < len(ats) {
				tightest = min(tightest, ats[i+30].Sub(ats[i]))
			}
			j := i
			for j < len(ats) && ats[j].Sub(ats[i]) < time.Second {
				j++
			}
			worst = max(worst, j-i)
		}
		// The sender spaces calls with a 10% margin (bot/sender_options.go: spacing), so even a
		// call that reaches Telegram late does not put more than 30 into one second.
		if worst > 30 {
			t.Errorf("%d calls within one second, Telegram allows 30", worst)
		}

		var bcast []bottest.Call
		for i := range n {
			chat := chatBase + int64(i)
			var got []bottest.Call
			for _, m := range fake.Messages(chat) {
				if m.Text() != "verdict" {
					got = append(got, m)
				}
			}
			if len(got) != 1 {
				t.Errorf("chat %d got %d broadcast messages, want 1", chat, len(got))
				continue
			}
			lang, button := "en", "Unsubscribe"
			if i%2 == 1 {
				lang, button = "ur", "اطلاع بند کریں"
			}
			if got[0].Text() != texts[lang] || !slices.Equal(got[0].Buttons(), []string{button + "|unsub|"}) {
				t.Errorf("chat %d: %q %v", chat, got[0].Text(), got[0].Buttons())
			}
			bcast = append(bcast, got[0])
		}
		slices.SortFunc(bcast, func(a, b bottest.Call) int { return a.At.Compare(b.At) })
		span := bcast[len(bcast)-1].At.Sub(bcast[0].At)
		t.Logf("%d broadcast messages in %v (%.2f/s between first and last; %v from Create); max %d calls in any 1 s window; shortest span of 31 calls %v",
			len(bcast), span.Round(time.Millisecond), float64(len(bcast)-1)/span.Seconds(), elapsed.Round(time.Millisecond), worst, tightest.Round(time.Millisecond))

		if rate := float64(len(bcast)-1) / span.Seconds(); rate > 30 {
			t.Errorf("broadcast ran at %.2f messages a second, more than 30", rate)
		}

		got, _, err := b1.Get(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Done || got.Queued != n || got.Sent != n || got.Remaining != 0 || got.Total != n || got.Blocked != 0 || got.Failed != 0 {
			t.Errorf("final progress %+v", got)
		}
	})
}

// TestBroadcastBlocked: the sender marks chats whose users blocked the bot; the next campaign
// skips and unsubscribes them.
func TestBroadcastBlocked(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		subs := subscribeMany(t, rdb, 20, nil)
		fake := bottest.New(t)
		blocked := []int64{chatBase + 3, chatBase + 10, chatBase + 19}
		for _, c := range blocked {
			fake.BlockChat(c)
		}
		runSender(t, rdb, fake, sender.WithRateLimits(0, 0))
		b := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(6), outreach.WithBroadcastPoll(5*time.Millisecond))

		c1, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if !fake.Await(10*time.Second, func() bool {
			got, _, _ := b.Get(ctx, c1.ID)
			return got.Sent == 20
		}) {
			got, _, _ := b.Get(ctx, c1.ID)
			t.Fatalf("first campaign not sent: %+v", got)
		}
		if len(sentOK(fake)) != 17 {
			t.Fatalf("%d delivered, want 17", len(sentOK(fake)))
		}
		for _, c := range blocked {
			if ok, err := outbox.Blocked(ctx, rdb, shards.Ring{}, c); !ok || err != nil {
				t.Fatalf("chat %d not marked blocked (%v)", c, err)
			}
		}

		c2, err := b.Create(ctx, map[string]string{"ur": "دوسرا پیغام"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if !fake.Await(10*time.Second, func() bool { return len(sentOK(fake)) == 34 }) {
			t.Fatalf("%d delivered, want 34", len(sentOK(fake)))
		}
		got, _, _ := b.Get(ctx, c2.ID)
		if got.Blocked != 3 || got.Queued != 17 || got.Total != 20 || !got.Done {
			t.Fatalf("second campaign %+v, want 3 blocked, 17 queued", got)
		}
		if n, _ := subs.Count(ctx, ""); n != 17 {
			t.Fatalf("%d subscribers left, want 17", n)
		}
		for _, c := range blocked {
			if calls := len(fake.Messages(c)); calls != 0 {
				t.Errorf("blocked chat %d got %d messages", c, calls)
			}
			attempts := 0
			for _, call := range fake.CallsTo("sendMessage") {
				if call.ChatID() == c {
					attempts++
				}
			}
			if attempts != 1 {
				t.Errorf("blocked chat %d: %d attempts, want only the first campaign's", c, attempts)
			}
		}
	})
}
