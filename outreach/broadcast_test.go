package outreach_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
)

var texts = map[string]string{"en": "Never pay cash to an agent.", "ur": "ایجنٹ کو نقد رقم ہرگز نہ دیں۔"}

// subscribeMany subscribes n chats from chatBase: even ones in English, odd ones in Urdu, seven
// at a time sharing a subscribe time (the walk must handle ties); mrc(i) gives the centre.
func subscribeMany(t *testing.T, rdb redis.UniversalClient, n int, mrc func(i int) string) *outreach.Subscribers {
	t.Helper()
	ctx := context.Background()
	s := outreach.NewSubscribers(rdb)
	t0 := time.UnixMilli(1_750_000_000_000)
	for lo := 0; lo < n; lo += 500 {
		_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for i := lo; i < min(lo+500, n); i++ {
				lang := "en"
				if i%2 == 1 {
					lang = "ur"
				}
				m := ""
				if mrc != nil {
					m = mrc(i)
				}
				s.SubscribeCmds(ctx, p, chatBase+int64(i), lang, m, t0.Add(time.Duration(i/7)*time.Millisecond))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCreateValidation(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		b := outreach.NewBroadcaster(rdb, outreach.NewSubscribers(rdb))
		long := strings.Repeat("ب", outreach.MaxCampaignRunes+1)
		emoji := strings.Repeat("😀", 2100) // 2,100 runes but 4,200 UTF-16 units
		bad := []struct {
			name string
			text map[string]string
			mrc  string
		}{
			{"no text", nil, ""},
			{"blank", map[string]string{"en": "  \n", "ur": ""}, ""},
			{"other language", map[string]string{"en": "hi", "fr": "salut"}, ""},
			{"too long", map[string]string{"ur": long}, ""},
			{"too many UTF-16 units", map[string]string{"en": emoji}, ""},
			{"bad mrc", map[string]string{"en": "hi"}, "L H R"},
		}
		for _, c := range bad {
			if _, err := b.Create(ctx, c.text, c.mrc); !errors.Is(err, outreach.ErrInvalidCampaign) {
				t.Errorf("%s: err = %v, want ErrInvalidCampaign", c.name, err)
			}
		}
		if n, _ := rdb.LLen(ctx, outreach.PendingKey).Result(); n != 0 {
			t.Fatalf("invalid campaigns were queued: %d", n)
		}
		c, err := b.Create(ctx, map[string]string{"ur": " " + strings.Repeat("ب", outreach.MaxCampaignRunes) + "\n"}, " lhr")
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := b.Get(ctx, c.ID)
		if err != nil || !ok {
			t.Fatalf("Get: %v %v", ok, err)
		}
		if got.MRC != "LHR" || len([]rune(got.Text["ur"])) != outreach.MaxCampaignRunes || got.Text["en"] != "" || got.Done || got.CreatedAt.IsZero() {
			t.Fatalf("stored campaign %+v", got)
		}
		if _, ok, err := b.Get(ctx, "nosuchcampaign"); ok || err != nil {
			t.Fatalf("unknown id: %v %v", ok, err)
		}
		if _, ok, err := b.Get(ctx, "../x"); ok || err != nil {
			t.Fatalf("bad id: %v %v", ok, err)
		}
	})
}

// TestBroadcastQueue checks what lands on the stream, without a sender: language, fallback,
// button, centre filter, progress and the order of outreach.
func TestBroadcastQueue(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		subs := subscribeMany(t, rdb, 30, func(i int) string {
			if i%3 == 0 {
				return "LHR"
			}
			return ""
		})
		b := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(4), outreach.WithBroadcastPoll(5*time.Millisecond))
		all, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		enOnly, err := b.Create(ctx, map[string]string{"en": "English only"}, "lhr")
		if err != nil {
			t.Fatal(err)
		}
		if enOnly.Total != 10 || all.Total != 30 {
			t.Fatalf("totals %d %d, want 30 10", all.Total, enOnly.Total)
		}
		if err := b.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		msgs := streamMessages(t, rdb)
		if len(msgs) != 40 {
			t.Fatalf("%d messages queued, want 40", len(msgs))
		}
		for i, m := range msgs {
			n := int(m.ChatID - chatBase)
			lang := "en"
			if n%2 == 1 {
				lang = "ur"
			}
			wantText, wantButton := texts[lang], map[string]string{"en": "Unsubscribe", "ur": "اطلاع بند کریں"}[lang]
			if i >= 30 {
				wantText = "English only"
				if n%3 != 0 {
					t.Errorf("LHR campaign reached chat %d", m.ChatID)
				}
			} else if n != i {
				t.Errorf("message %d went to subscriber %d: not in subscribe order", i, n)
			}
			if m.Kind != outbox.Broadcast || m.Text != wantText || len(m.Buttons) != 1 || len(m.Buttons[0]) != 1 ||
				m.Buttons[0][0] != (outbox.Button{Text: wantButton, Data: "unsub"}) || m.Enqueued.IsZero() {
				t.Errorf("message %d: %+v", i, m)
			}
		}
		for _, c := range []struct {
			id     string
			queued int64
		}{{all.ID, 30}, {enOnly.ID, 10}} {
			got, _, err := b.Get(ctx, c.id)
			if err != nil {
				t.Fatal(err)
			}
			// Nothing has been sent: every message is still on the stream.
			if !got.Done || got.Queued != c.queued || got.Total != c.queued || got.Remaining != c.queued || got.Sent != 0 {
				t.Errorf("campaign %s progress %+v", c.id, got)
			}
		}
		if n, _ := rdb.LLen(ctx, outreach.PendingKey).Result(); n != 0 {
			t.Fatalf("%d campaigns still pending", n)
		}
		// The sender acknowledges and deletes entries: progress follows.
		es, _ := rdb.XRangeN(ctx, outbox.BroadcastsStream, "-", "+", 35).Result()
		for _, e := range es {
			rdb.XDel(ctx, outbox.BroadcastsStream, e.ID)
		}
		a, _, _ := b.Get(ctx, all.ID)
		l, _, _ := b.Get(ctx, enOnly.ID)
		if a.Sent != 30 || a.Remaining != 0 || l.Sent != 5 || l.Remaining != 5 {
			t.Fatalf("after 35 sent: %+v / %+v", a, l)
		}
	})
}

// TestBroadcastCrashes stops broadcasters at random moments (mid-transaction included), and runs
// two at once: every subscriber is queued exactly once.
func TestBroadcastCrashes(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		subs := subscribeMany(t, rdb, 300, nil)
		opts := []outreach.BroadcastOption{outreach.WithBatch(7), outreach.WithMaxBacklog(10_000), outreach.WithBroadcastPoll(time.Millisecond)}
		b := outreach.NewBroadcaster(rdb, subs, opts...)
		c, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		crashes := 0
		for ; ; crashes++ {
			got, _, err := b.Get(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Done {
				break
			}
			if crashes > 10_000 {
				t.Fatal("no progress")
			}
			cctx, cancel := context.WithTimeout(ctx, time.Duration(rand.IntN(3000))*time.Microsecond)
			_ = outreach.NewBroadcaster(rdb, subs, opts...).Run(cctx)
			cancel()
		}
		// A second campaign with two broadcasters racing.
		c2, err := b.Create(ctx, map[string]string{"en": "second"}, "")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if err := outreach.NewBroadcaster(rdb, subs, opts...).Drain(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()

		per := map[string]int{}
		for _, m := range streamMessages(t, rdb) {
			per[fmt.Sprint(m.ChatID, m.Text == "second")]++
		}
		for i := range 300 {
			for _, second := range []bool{false, true} {
				if n := per[fmt.Sprint(chatBase+int64(i), second)]; n != 1 {
					t.Errorf("chat %d campaign 2=%v: %d messages", i, second, n)
				}
			}
		}
		for _, id := range []string{c.ID, c2.ID} {
			got, _, _ := b.Get(ctx, id)
			if !got.Done || got.Queued != 300 || got.Total != 300 || got.Remaining != 300 {
				t.Errorf("progress %+v", got)
			}
		}
		t.Logf("%d crashes before the first campaign was done", crashes)
	})
}

// TestBroadcastCursorNamesNobody: the cursor kept with a campaign is a subscribe time, never a
// chat id (a subscriber who asks to be forgotten must not stay in it), while batches still
// reach every subscriber once and in order, ties included; a cursor of an earlier version
// ("<score>:<chat>") is resumed exactly and is left without its chat id when the campaign is done.
func TestBroadcastCursorNamesNobody(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		subs := subscribeMany(t, rdb, 30, nil) // seven at a time share a subscribe time
		b := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(4), outreach.WithMaxBacklog(4), outreach.WithBroadcastPoll(2*time.Millisecond))
		c, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		defer stop()
		ran := make(chan struct{})
		go func() { b.Run(runCtx); close(ran) }()
		var got []int64
		deadline := time.Now().Add(10 * time.Second)
		for {
			// Act as the sender: take the batch off the stream (only the entries read: the
			// broadcaster may append more meanwhile), then look at the cursor.
			es, err := rdb.XRange(ctx, outbox.BroadcastsStream, "-", "+").Result()
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				var o outbox.Outgoing
				if err := json.Unmarshal([]byte(e.Values["m"].(string)), &o); err != nil {
					t.Fatal(err)
				}
				got = append(got, o.ChatID-chatBase)
				rdb.XDel(ctx, outbox.BroadcastsStream, e.ID)
			}
			h, err := rdb.HGetAll(ctx, outreach.CampaignKeyPrefix+c.ID).Result()
			if err != nil {
				t.Fatal(err)
			}
			for f, v := range h {
				if strings.Contains(v, "71000000") || strings.Contains(v, ":") && f == "cursor" {
					t.Fatalf("campaign field %s = %q names a subscriber", f, v)
				}
			}
			if h["done"] == "1" && rdb.XLen(ctx, outbox.BroadcastsStream).Val() == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("campaign not done: %v, %d messages", h, len(got))
			}
			time.Sleep(3 * time.Millisecond)
		}
		stop()
		<-ran
		if len(got) != 30 {
			t.Fatalf("%d messages, want 30: %v", len(got), got)
		}
		for i, n := range got {
			if n != int64(i) {
				t.Fatalf("message %d went to subscriber %d: %v", i, n, got)
			}
		}

		// A campaign stopped by an earlier version inside the second group of ties (7..13),
		// after subscriber 9.
		rdb.Del(ctx, outbox.BroadcastsStream)
		b2 := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(4))
		c2, err := b2.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		score := rdb.ZScore(ctx, outreach.SubsAllKey, fmt.Sprint(chatBase+9)).Val()
		legacy := strconv.FormatFloat(score, 'f', -1, 64) + ":" + fmt.Sprint(chatBase+9)
		rdb.HSet(ctx, outreach.CampaignKeyPrefix+c2.ID, "cursor", legacy, "queued", 10)
		if err := b2.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		msgs := streamMessages(t, rdb)
		if len(msgs) != 20 || msgs[0].ChatID != chatBase+10 || msgs[19].ChatID != chatBase+29 {
			t.Fatalf("after the old cursor: %d messages, first %d", len(msgs), msgs[0].ChatID-chatBase)
		}
		if cur := rdb.HGet(ctx, outreach.CampaignKeyPrefix+c2.ID, "cursor").Val(); strings.Contains(cur, ":") || cur == "" {
			t.Errorf("cursor of the done campaign %q", cur)
		}
	})
}
