package sender_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/sender"
)

// testLease is the lease of the multi-sender tests: short, so that takeovers take a fraction of a
// second.
const testLease = 400 * time.Millisecond

// queueMany queues n numbered replies to each of chats chats, in turns, and returns what each
// chat must get, in order.
func queueMany(e *env, chats, n int, tag string) map[int][]string {
	want := map[int][]string{}
	for k := range n {
		for c := range chats {
			text := fmt.Sprintf("%s %d to chat %d", tag, k, c)
			want[c] = append(want[c], text)
			e.reply(c, text)
		}
	}
	return want
}

// checkOrder fails unless every chat got exactly its messages, in order, one call at a time.
func checkOrder(t *testing.T, e *env, want map[int][]string) {
	t.Helper()
	for c, w := range want {
		if got := e.delivered(c); !slices.Equal(got, w) {
			t.Errorf("chat %d got %q, want %q", c, got, w)
		}
		if n := e.tg.MaxConcurrent(e.chat(c)); n > 1 {
			t.Errorf("chat %d had %d calls in flight at once", c, n)
		}
	}
}

func deliveredAll(e *env, want map[int][]string) bool {
	for c, w := range want {
		if len(e.delivered(c)) < len(w) {
			return false
		}
	}
	return true
}

// Two senders on one Redis share the shards: each owns some, together all, each about half; a
// chat's messages are delivered once each, in order, whichever sender owns its shard, and both
// senders deliver.
func TestSendersShareTheShards(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		a := &recordingAPI{api: e.tg.Bot(t), now: time.Now}
		b := &recordingAPI{api: e.tg.Bot(t), now: time.Now}
		opts := []sender.Option{sender.WithLease(testLease), sender.WithRateLimits(0, 0), realClock()}
		e.startOn(e.rdb, a, "a", opts...)
		e.await("a owns every shard", func() bool { return e.owners()["a"] == 64 })
		e.startOn(e.rdb, b, "b", opts...)
		e.await("the shards shared", func() bool { o := e.owners(); return o["a"] == 32 && o["b"] == 32 })
		want := queueMany(e, 24, 5, "reply")
		e.await("every message", func() bool { return deliveredAll(e, want) })
		e.settled()
		checkOrder(t, e, want)
		if len(a.all()) == 0 || len(b.all()) == 0 {
			t.Errorf("calls by a %d, by b %d: both should deliver", len(a.all()), len(b.all()))
		}
		for _, c := range a.all() { // each chat's messages came from its shard's owner alone
			for _, d := range b.all() {
				if c.chat == d.chat {
					t.Fatalf("chat %d got messages from both senders", c.chat)
				}
			}
		}
	})
}

// A second sender joining while messages flow takes half the shards, which the first gives back
// only after its calls on them finished; the first then stops (cancelled) and the second takes
// over its shards and the entries it left pending. Every message arrives once, in order, and no
// chat ever has two calls in flight, across both handovers.
func TestSendersHandOverInOrder(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		e.tg.SetDelay(3 * time.Millisecond) // calls are in flight when a shard changes hands
		a := &recordingAPI{api: e.tg.Bot(t), now: time.Now}
		b := &recordingAPI{api: e.tg.Bot(t), now: time.Now}
		opts := []sender.Option{sender.WithLease(testLease), sender.WithRateLimits(0, 0), realClock(), sender.WithWorkers(4)}
		want := queueMany(e, 16, 25, "part")
		stopA := e.startOn(e.rdb, a, "a", opts...)
		e.await("some sent by a alone", func() bool { return len(a.all()) >= 40 })
		e.startOn(e.rdb, b, "b", opts...)
		e.await("b took half the shards", func() bool { o := e.owners(); return o["b"] == 32 })
		e.await("b sends", func() bool { return len(b.all()) >= 20 })
		stopA()
		if o := e.owners(); o["a"] != 0 {
			t.Errorf("a still holds %d leases after it stopped", o["a"])
		}
		e.await("b took every shard", func() bool { return e.owners()["b"] == 64 })
		e.await("every message", func() bool { return deliveredAll(e, want) })
		e.settled()
		checkOrder(t, e, want)
		if n := e.pendingOf("a"); n != 0 {
			t.Errorf("%d entries still pending with a", n)
		}
		if len(a.all())+len(b.all()) != 16*25 {
			t.Errorf("%d + %d calls, want %d: some message went twice", len(a.all()), len(b.all()), 16*25)
		}
	})
}

// failingAPI answers every call with a 502 and records when it was called.
type failingAPI struct {
	mu sync.Mutex
	at []time.Time
}

func (f *failingAPI) fail(method string) error {
	f.mu.Lock()
	f.at = append(f.at, time.Now())
	f.mu.Unlock()
	return errors.New("error response from telegram for method " + method + ", 502 Bad Gateway")
}

func (f *failingAPI) last() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.at) == 0 {
		return time.Time{}
	}
	return f.at[len(f.at)-1]
}

func (f *failingAPI) SendMessage(context.Context, *tg.SendMessageParams) (*models.Message, error) {
	return nil, f.fail("sendMessage")
}

func (f *failingAPI) AnswerCallbackQuery(context.Context, *tg.AnswerCallbackQueryParams) (bool, error) {
	return false, f.fail("answerCallbackQuery")
}

func (f *failingAPI) SendPhoto(context.Context, *tg.SendPhotoParams) (*models.Message, error) {
	return nil, f.fail("sendPhoto")
}

// A sender that dies (it loses Redis and so stops renewing its leases) with entries pending: once
// its leases expire the other sender takes its shards and delivers those entries, each chat's in
// order. The dead one, which cannot renew, stops calling the Bot API for them before that. (The
// lease is longer here: the dead one has half of it to notice, and a busy test machine can be
// slow at that by a tenth of a second.)
func TestSenderTakesOverFromDeadSender(t *testing.T) {
	backends(t, func(t *testing.T, e *env) {
		const testLease = time.Second
		opts := []sender.Option{sender.WithLease(testLease), sender.WithRateLimits(0, 0), realClock(),
			sender.WithBackoff(10*time.Millisecond, 20*time.Millisecond)}
		want := queueMany(e, 12, 4, "reply")
		// The doomed sender has its own connection to Redis and gets nothing through.
		rdbA := e.another(0)
		dead := &failingAPI{}
		e.startOn(rdbA, dead, "dead", opts...)
		e.await("every entry read by the doomed sender", func() bool { return e.pendingOf("dead") == 48 })
		heir := &recordingAPI{api: e.tg.Bot(t), now: time.Now}
		e.startOn(e.rdb, heir, "heir", opts...)
		e.await("half the shards given to the heir", func() bool { o := e.owners(); return o["heir"] == 32 && o["dead"] == 32 })

		deadShards := map[int]bool{}
		for _, sh := range e.ring.All() {
			if e.rdb.Get(context.Background(), e.leaseKey(sh)).Val() == "dead" {
				deadShards[sh.Index()] = true
			}
		}
		_ = rdbA.Close() // dies: no more renewals, reads or acknowledgements
		killed := time.Now()
		if e.mr != nil {
			// miniredis expires keys only when told to; the leases are let go once their time is up.
			time.Sleep(testLease)
			for _, sh := range e.ring.All() {
				if deadShards[sh.Index()] {
					e.rdb.Del(context.Background(), e.leaseKey(sh))
				}
			}
		}
		e.await("the heir took every shard", func() bool { return e.owners()["heir"] == 64 })
		e.await("every message", func() bool { return deliveredAll(e, want) })
		e.settled()
		checkOrder(t, e, want)
		var first time.Time // the heir's first call on a shard the dead sender held
		for _, c := range heir.all() {
			if deadShards[e.ring.Of(c.chat).Index()] {
				first = c.at
				break
			}
		}
		if first.IsZero() {
			t.Fatal("the heir never sent to a chat of the dead sender's shards")
		}
		if last := dead.last(); !last.Before(first) {
			t.Errorf("the dead sender called the Bot API %v after it died, after the heir took over (%v)", last.Sub(killed), first.Sub(killed))
		}
		if len(heir.all()) != 48 {
			t.Errorf("the heir made %d calls, want 48", len(heir.all()))
		}
	})
}
