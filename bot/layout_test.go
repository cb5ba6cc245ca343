package bot_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/shards"
)

// TestMigrateLayoutMovesUpdateStateToShards: a Redis written before issue 19 keeps its users'
// sessions, counters, blocked marks, unsent replies and queued pictures once serve moves them to
// the sharded layout, with their lifetimes; a second run moves nothing.
func TestMigrateLayoutMovesUpdateStateToShards(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	ctx := context.Background()
	r, _ := shards.New(8)

	mr.Set("tasdeeq:u:{501}:prefs", `{"lang":"ur","subscribed":true}`)
	mr.SetTTL("tasdeeq:u:{501}:prefs", 300*24*time.Hour)
	mr.Set("tasdeeq:u:{501}:dialog", `{"state":"await_licence"}`)
	mr.Set("tasdeeq:u:{501}:cases", "left for package referrals")
	mr.Set("tasdeeq:rl:{501}", "202612020101 3 1 20261202 1")
	mr.Set("tasdeeq:rl:{501}:u:202612020101", "3") // issue 16's counters: deleted
	mr.Set("tasdeeq:blocked:502", "1764633600000")
	mr.Set("tasdeeq:update:9001", "1") // left to expire
	for _, o := range []outbox.Outgoing{{ChatID: 501, Text: "one", Kind: outbox.Reply}, {ChatID: 502, Text: "two", Kind: outbox.Reply}, {ChatID: 501, Text: "three", Kind: outbox.Reply}} {
		data, _ := json.Marshal(o)
		rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:send:replies", Values: []any{outbox.PayloadField, data}})
	}
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:send:broadcasts", Values: []any{outbox.PayloadField, `{"chat_id":503,"text":"tip","kind":"broadcast"}`}})
	job, _ := json.Marshal(bot.OCRJob{ID: "77", ChatID: 504, UserID: 504})
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: "tasdeeq:ocr:jobs", Values: []any{"m", job}})
	mr.Set("tasdeeq:ocr:attempts:77", "2")

	n, err := bot.MigrateLayout(ctx, rdb, r)
	if err != nil {
		t.Fatal(err)
	}
	// 2 session halves, 1 counter, 1 deleted, 1 blocked mark, 3 replies, 1 broadcast, 1 job, 1 attempt counter.
	if n != 11 {
		t.Errorf("moved %d, want 11", n)
	}
	s, err := dialogs.Load(ctx, rdb, r, 501)
	if err != nil || s.Lang != "ur" || !s.Subscribed || s.State != dialogs.AwaitLicence {
		t.Errorf("session after the move: %+v %v", s, err)
	}
	if ttl := mr.TTL(dialogs.Keys(r, 501)[0]); ttl != 300*24*time.Hour {
		t.Errorf("prefs lifetime %v, want it kept", ttl)
	}
	if got, _ := mr.Get(r.Of(501).Key("rl:501")); got != "202612020101 3 1 20261202 1" {
		t.Errorf("counters %q", got)
	}
	if blocked, err := outbox.Blocked(ctx, rdb, r, 502); err != nil || !blocked {
		t.Errorf("blocked mark lost: %v %v", blocked, err)
	}
	replies := outboxtest.Replies(t, rdb, r)
	if len(replies) != 3 {
		t.Fatalf("replies after the move: %+v", replies)
	}
	for _, o := range replies {
		if n := rdb.XLen(ctx, outbox.RepliesStream(r.Of(o.ChatID))).Val(); n == 0 {
			t.Errorf("reply to %d is not in its chat's shard", o.ChatID)
		}
	}
	var to501 []string
	for _, o := range replies {
		if o.ChatID == 501 {
			to501 = append(to501, o.Text)
		}
	}
	if len(to501) != 2 || to501[0] != "one" || to501[1] != "three" {
		t.Errorf("one chat's replies after the move: %q, want [one three] in order", to501)
	}
	if b := outboxtest.Broadcasts(t, rdb, r); len(b) != 1 || b[0].ChatID != 503 {
		t.Errorf("broadcasts %+v", b)
	}
	if n := rdb.XLen(ctx, bot.OCRStream(r.Of(504))).Val(); n != 1 {
		t.Errorf("%d jobs in the user's shard, want 1", n)
	}
	if got, _ := mr.Get(r.Of(504).Key("ocr:attempts:77")); got != "2" {
		t.Errorf("attempts %q", got)
	}
	for _, gone := range []string{"tasdeeq:u:{501}:prefs", "tasdeeq:u:{501}:dialog", "tasdeeq:rl:{501}", "tasdeeq:rl:{501}:u:202612020101",
		"tasdeeq:blocked:502", "tasdeeq:send:replies", "tasdeeq:send:broadcasts", "tasdeeq:ocr:jobs", "tasdeeq:ocr:attempts:77"} {
		if mr.Exists(gone) {
			t.Errorf("%s left behind", gone)
		}
	}
	for _, kept := range []string{"tasdeeq:u:{501}:cases", "tasdeeq:update:9001"} {
		if !mr.Exists(kept) {
			t.Errorf("%s moved, but it is not this migration's", kept)
		}
	}
	if n, err := bot.MigrateLayout(ctx, rdb, r); n != 0 || err != nil {
		t.Errorf("second run moved %d (%v)", n, err)
	}
}
