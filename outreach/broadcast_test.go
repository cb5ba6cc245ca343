package outreach_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

var texts = map[string]string{"en": "Never pay cash to an agent.", "ur": "ایجنٹ کو نقد رقم ہرگز نہ دیں۔"}

// subscribeMany subscribes n chats from chatBase: even ones in English, odd ones in Urdu, seven
// at a time sharing a subscribe time (the walk must handle ties); mrc(i) gives the centre.
func subscribeMany(t *testing.T, rdb redis.UniversalClient, n int, mrc func(i int) string) *outreach.Subscribers {
	t.Helper()
	return subscribeManyIn(t, rdb, shards.Ring{}, n, mrc)
}

// subscribeManyIn is subscribeMany with the subscribers spread over ring's shards. Each
// subscription is a command of its chat's shard; they go in pipelines, not transactions.
func subscribeManyIn(t *testing.T, rdb redis.UniversalClient, ring shards.Ring, n int, mrc func(i int) string) *outreach.Subscribers {
	t.Helper()
	ctx := context.Background()
	s := outreach.NewSubscribers(rdb, outreach.WithShards(ring))
	t0 := time.UnixMilli(1_750_000_000_000)
	for lo := 0; lo < n; lo += 500 {
		_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
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
		// Each shard's stream has the first campaign's messages in subscribe order, then the
		// second's.
		ring := shards.Ring{}
		got := map[string]int{}
		total := 0
		for sh, msgs := range shardMessages(t, rdb, ring) {
			last, second := -1, false
			for i, m := range msgs {
				n := int(m.ChatID - chatBase)
				if ring.Of(m.ChatID).Index() != sh {
					t.Errorf("chat %d queued on shard %d's stream", n, sh)
				}
				lang := "en"
				if n%2 == 1 {
					lang = "ur"
				}
				wantText, wantButton := texts[lang], map[string]string{"en": "Unsubscribe", "ur": "اطلاع بند کریں"}[lang]
				if m.Text == "English only" {
					wantText = "English only"
					if n%3 != 0 {
						t.Errorf("LHR campaign reached chat %d", m.ChatID)
					}
					if !second {
						second, last = true, -1
					}
				} else if second {
					t.Errorf("shard %d: the first campaign's message %d after the second's", sh, i)
				}
				if n <= last {
					t.Errorf("shard %d: message %d went to subscriber %d after %d: not in subscribe order", sh, i, n, last)
				}
				last = n
				got[fmt.Sprint(n, second)]++
				if m.Kind != outbox.Broadcast || m.Text != wantText || len(m.Buttons) != 1 || len(m.Buttons[0]) != 1 ||
					m.Buttons[0][0] != (outbox.Button{Text: wantButton, Data: "unsub"}) || m.Enqueued.IsZero() ||
					m.Notice == nil || m.Notice.Kind != outbox.NoticeCampaign || m.Notice.Lang != lang || len(m.Notice.Params) != 0 {
					t.Errorf("shard %d message %d: %+v", sh, i, m)
				}
			}
			total += len(msgs)
		}
		if total != 40 {
			t.Fatalf("%d messages queued, want 40", total)
		}
		for n := range 30 {
			if got[fmt.Sprint(n, false)] != 1 || (n%3 == 0) != (got[fmt.Sprint(n, true)] == 1) {
				t.Errorf("subscriber %d: %d messages of the first campaign, %d of the second", n, got[fmt.Sprint(n, false)], got[fmt.Sprint(n, true)])
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
			// Nothing has been sent: every message is still on the streams.
			if !got.Done || got.Queued != c.queued || got.Total != c.queued || got.Remaining != c.queued || got.Sent != 0 {
				t.Errorf("campaign %s progress %+v", c.id, got)
			}
		}
		if n, _ := rdb.LLen(ctx, outreach.PendingKey).Result(); n != 0 {
			t.Fatalf("%d campaigns still pending", n)
		}
		// The sender acknowledges and deletes entries: progress follows. All of the first
		// campaign's, and five of the second's.
		left := 5
		for _, sh := range ring.All() {
			for _, e := range streamEntries(t, rdb, sh) {
				if e.msg.Text == "English only" {
					if left == 0 {
						continue
					}
					left--
				}
				rdb.XDel(ctx, outbox.BroadcastsStream(sh), e.id)
			}
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
			// Crash at a random moment within a window that widens with every crash: a few
			// milliseconds stop most runs mid-transaction, and on a slow machine (the race
			// detector, a loaded CI box) the wider windows still let every run make some progress.
			cctx, cancel := context.WithTimeout(ctx, time.Duration(rand.IntN(3000+10*crashes))*time.Microsecond)
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

// TestBroadcastCursorNamesNobody: the cursors kept with a campaign are subscribe times, never a
// chat id (a subscriber who asks to be forgotten must not stay in them), while batches still
// reach every subscriber once and, in each shard, in order, ties included; a walk that starts
// from a cursor of an earlier version ("<score>:<chat>", as MigrateLayout carries it over) is
// resumed exactly and leaves no chat id in the cursors when the campaign is done.
func TestBroadcastCursorNamesNobody(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		ring, _ := shards.New(4)                       // few shards: ties in each
		subs := subscribeManyIn(t, rdb, ring, 30, nil) // seven at a time share a subscribe time
		b := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(4), outreach.WithMaxBacklog(4), outreach.WithBroadcastPoll(2*time.Millisecond))
		c, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		// campaignFields are the definition's fields and every shard's progress.
		campaignFields := func(id string) map[string]string {
			t.Helper()
			out := map[string]string{}
			h, err := rdb.HGetAll(ctx, outreach.CampaignKeyPrefix+id).Result()
			if err != nil {
				t.Fatal(err)
			}
			maps.Copy(out, h)
			for _, sh := range ring.All() {
				for f, v := range rdb.HGetAll(ctx, outreach.CampaignProgressKey(sh, id)).Val() {
					out[fmt.Sprint(sh.Index(), ".", f)] = v
				}
			}
			return out
		}
		runCtx, stop := context.WithCancel(ctx)
		defer stop()
		ran := make(chan struct{})
		go func() { b.Run(runCtx); close(ran) }()
		got := map[int][]int64{}
		count := 0
		deadline := time.Now().Add(10 * time.Second)
		for {
			// Act as the sender: take the batches off the streams (only the entries read: the
			// broadcaster may append more meanwhile), then look at the cursors.
			empty := true
			for _, sh := range ring.All() {
				for _, e := range streamEntries(t, rdb, sh) {
					got[sh.Index()] = append(got[sh.Index()], e.msg.ChatID-chatBase)
					count++
					rdb.XDel(ctx, outbox.BroadcastsStream(sh), e.id)
				}
			}
			h := campaignFields(c.ID)
			for f, v := range h {
				if strings.Contains(v, "71000000") || strings.Contains(v, ":") && strings.HasSuffix(f, "cursor") {
					t.Fatalf("campaign field %s = %q names a subscriber", f, v)
				}
			}
			for _, sh := range ring.All() {
				if rdb.XLen(ctx, outbox.BroadcastsStream(sh)).Val() != 0 {
					empty = false
				}
			}
			if h["done"] == "1" && empty {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("campaign not done: %v, %d messages", h, count)
			}
			time.Sleep(3 * time.Millisecond)
		}
		stop()
		<-ran
		checkOrder := func(got map[int][]int64, from int) {
			t.Helper()
			seen := map[int64]int{}
			for sh, chats := range got {
				for i, n := range chats {
					seen[n]++
					if ring.Of(chatBase+n).Index() != sh {
						t.Errorf("subscriber %d reached through shard %d", n, sh)
					}
					if i > 0 && n <= chats[i-1] {
						t.Errorf("shard %d: not in subscribe order: %v", sh, chats)
					}
				}
			}
			for n := int64(0); n < 30; n++ {
				if want := map[bool]int{true: 1, false: 0}[n >= int64(from)]; seen[n] != want {
					t.Errorf("subscriber %d got %d messages, want %d", n, seen[n], want)
				}
			}
		}
		if count != 30 {
			t.Fatalf("%d messages, want 30: %v", count, got)
		}
		checkOrder(got, 0)

		// A campaign whose walk an earlier version had stopped inside the second group of ties
		// (7..13), after subscriber 9, having queued 10 messages.
		b2 := outreach.NewBroadcaster(rdb, subs, outreach.WithBatch(4))
		c2, err := b2.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		score := rdb.ZScore(ctx, outreach.SubsAllKey(ring.Of(chatBase+9)), fmt.Sprint(chatBase+9)).Val()
		legacy := strconv.FormatFloat(score, 'f', -1, 64) + ":" + fmt.Sprint(chatBase+9)
		rdb.HSet(ctx, outreach.CampaignKeyPrefix+c2.ID, "start_cursor", legacy, "legacy_queued", 10)
		if err := b2.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		got2 := map[int][]int64{}
		for sh, msgs := range shardMessages(t, rdb, ring) {
			for _, m := range msgs {
				got2[sh] = append(got2[sh], m.ChatID-chatBase)
			}
		}
		checkOrder(got2, 10)
		for f, v := range campaignFields(c2.ID) {
			if strings.HasSuffix(f, ".cursor") && (strings.Contains(v, ":") || v == "") {
				t.Errorf("cursor %s of the done campaign %q", f, v)
			}
		}
		if p, _, _ := b2.Get(ctx, c2.ID); !p.Done || p.Queued != 30 || p.Total != 30 || p.Remaining != 20 {
			t.Errorf("resumed campaign %+v, want 30 queued (10 before), 20 remaining", p)
		}
	})
}

// TestBroadcastAcrossShards: subscribers in every shard of a ring of 4 each get the campaign
// once, on their own shard's stream, in batches that each touch one shard only; blocked chats of
// two shards are skipped and unsubscribed there; Get and Recent add up every shard's progress
// without a SCAN.
func TestBroadcastAcrossShards(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		ring, _ := shards.New(4)
		chats := spreadIDs(t, ring, chatBase, 16)
		w := guardedClient(t, rdb)
		subs := outreach.NewSubscribers(w, outreach.WithShards(ring))
		t0 := time.UnixMilli(1_750_000_000_000)
		for i, chat := range chats {
			if err := subs.Subscribe(ctx, chat, []string{"en", "ur"}[i%2], "", t0.Add(time.Duration(i)*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
		}
		// Two blocked chats in two different shards.
		blocked := []int64{chats[0], chats[1]}
		if ring.Of(blocked[0]) == ring.Of(blocked[1]) {
			t.Fatal("the blocked chats share a shard")
		}
		for _, c := range blocked {
			if err := outbox.MarkBlocked(ctx, rdb, ring, c, t0); err != nil {
				t.Fatal(err)
			}
		}
		b := outreach.NewBroadcaster(w, subs, outreach.WithBatch(3), outreach.WithBroadcastPoll(time.Millisecond))
		c, err := b.Create(ctx, texts, "")
		if err != nil {
			t.Fatal(err)
		}
		if c.Total != int64(len(chats)) {
			t.Fatalf("Total at creation %d, want %d", c.Total, len(chats))
		}
		if err := b.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		byShard := shardMessages(t, rdb, ring)
		reached := map[int64]int{}
		for sh, msgs := range byShard {
			for _, m := range msgs {
				reached[m.ChatID]++
				if ring.Of(m.ChatID).Index() != sh {
					t.Errorf("chat %d on shard %d's stream", m.ChatID, sh)
				}
			}
		}
		if len(byShard) != 4 {
			t.Errorf("messages on %d shards' streams, want 4", len(byShard))
		}
		for _, chat := range chats {
			want := 1
			if slices.Contains(blocked, chat) {
				want = 0
			}
			if reached[chat] != want {
				t.Errorf("chat %d got %d messages, want %d", chat, reached[chat], want)
			}
		}
		if n, _ := subs.Count(ctx, ""); n != int64(len(chats)-len(blocked)) {
			t.Errorf("%d subscribers left, want %d", n, len(chats)-len(blocked))
		}
		for _, sh := range ring.All() {
			if rdb.HGet(ctx, outreach.CampaignProgressKey(sh, c.ID), "done").Val() != "1" {
				t.Errorf("shard %d's walk not done", sh.Index())
			}
		}

		reader := outreach.NewBroadcaster(readerClient(t, rdb), outreach.NewSubscribers(rdb), outreach.WithShards(ring))
		got, ok, err := reader.Get(ctx, c.ID)
		want := int64(len(chats) - len(blocked))
		if err != nil || !ok || !got.Done || got.Queued != want || got.Blocked != 2 || got.Total != int64(len(chats)) || got.Remaining != want || got.Sent != 0 {
			t.Fatalf("Get = %+v, %v, %v", got, ok, err)
		}
		// The sender delivers the messages of one shard.
		sh := ring.Of(chats[2])
		for _, e := range streamEntries(t, rdb, sh) {
			rdb.XDel(ctx, outbox.BroadcastsStream(sh), e.id)
		}
		recent, err := reader.Recent(ctx, "", 5)
		if err != nil || len(recent) != 1 || recent[0].ID != c.ID || recent[0].Sent != int64(len(byShard[sh.Index()])) || recent[0].Remaining != want-recent[0].Sent {
			t.Fatalf("Recent = %+v, %v", recent, err)
		}
	})
}
