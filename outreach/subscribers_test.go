package outreach_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

func TestSubscribers(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		ring := shards.Ring{}
		s := outreach.NewSubscribers(rdb)
		t0 := time.UnixMilli(1_750_000_000_000)
		a, b, c := chatBase+1, chatBase+2, chatBase+3

		// Inside a caller's MULTI, with another command of theirs.
		_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, ring.Of(a).Key("subs:test-caller"), "1", time.Minute)
			s.SubscribeCmds(ctx, p, a, "en", "", t0)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			s.SubscribeCmds(ctx, p, b, "ur", "lhr", t0.Add(time.Second))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if err := s.Subscribe(ctx, c, "xx", "LHR", t0.Add(2*time.Second)); err != nil {
			t.Fatal(err)
		}
		count := func(mrc string) int64 {
			t.Helper()
			n, err := s.Count(ctx, mrc)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if got := [3]int64{count(""), count("LHR"), count("rwp")}; got != [3]int64{3, 2, 0} {
			t.Fatalf("counts all/LHR/RWP = %v, want [3 2 0]", got)
		}
		if ok, lang, _ := s.Subscribed(ctx, c); !ok || lang != "ur" {
			t.Fatalf("unknown language: subscribed %v lang %q, want true ur", ok, lang)
		}
		// Each chat is in its own shard's sets.
		for _, chat := range []int64{a, b, c} {
			if _, err := rdb.ZScore(ctx, outreach.SubsAllKey(ring.Of(chat)), strconv.FormatInt(chat, 10)).Result(); err != nil {
				t.Errorf("chat %d not in the set of its shard %d: %v", chat, ring.Of(chat).Index(), err)
			}
		}

		// Subscribing again changes language and centre but keeps the place in line.
		if err := s.Subscribe(ctx, a, "ur", "RWP", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Subscribe(ctx, b, "en", "RWP", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		sa := ring.Of(a)
		score, _ := rdb.ZScore(ctx, outreach.SubsAllKey(sa), strconv.FormatInt(a, 10)).Result()
		if int64(score) != t0.UnixMilli() {
			t.Fatalf("resubscribe moved the score to %v", score)
		}
		if rs, _ := rdb.ZScore(ctx, outreach.SubsMRCKey(sa, "rwp"), strconv.FormatInt(a, 10)).Result(); rs != score {
			t.Fatalf("centre set score %v, want %v", rs, score)
		}
		if ok, lang, _ := s.Subscribed(ctx, b); !ok || lang != "en" {
			t.Fatalf("b: subscribed %v lang %q, want true en", ok, lang)
		}
		if got := [3]int64{count(""), count("LHR"), count("RWP")}; got != [3]int64{3, 1, 2} {
			t.Fatalf("after moves all/LHR/RWP = %v, want [3 1 2]", got)
		}

		// Unsubscribe removes the user everywhere, in the caller's MULTI; twice is harmless.
		for range 2 {
			if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				s.UnsubscribeCmds(ctx, p, b)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Unsubscribe(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got := [3]int64{count(""), count("LHR"), count("RWP")}; got != [3]int64{1, 0, 1} {
			t.Fatalf("after unsubscribe all/LHR/RWP = %v, want [1 0 1]", got)
		}
		if ok, _, _ := s.Subscribed(ctx, b); ok {
			t.Fatal("b still subscribed")
		}
		var langs int64
		for _, sh := range ring.All() {
			langs += rdb.HLen(ctx, outreach.SubsLangKey(sh)).Val()
			if n := rdb.HLen(ctx, outreach.SubsSourceKey(sh)).Val(); n > 0 && sh != sa {
				t.Errorf("shard %d keeps %d centres of unsubscribed chats", sh.Index(), n)
			}
		}
		if langs != 1 {
			t.Fatalf("language hashes have %d entries, want 1", langs)
		}
	})
}

// TestSubscribersAcrossShards: with a ring of 4 shards and subscribers in every shard, each
// subscription writes only its chat's shard and the counts add up exactly, without a SCAN.
func TestSubscribersAcrossShards(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		ring, _ := shards.New(4)
		s := outreach.NewSubscribers(rdb, outreach.WithShards(ring))
		chats := spreadIDs(t, ring, chatBase, 13)
		t0 := time.UnixMilli(1_750_000_000_000)
		perShard := map[int]int64{}
		var lhr int64
		for i, chat := range chats {
			mrc := ""
			if i%3 == 0 {
				mrc, lhr = "LHR", lhr+1
			}
			// A MULTI holding only keys of the chat's shard, as the bot's commit.
			p := rdb.TxPipeline()
			s.SubscribeCmds(ctx, p, chat, "en", mrc, t0)
			for _, cmd := range queued(p) {
				assertShardKeys(t, cmd, ring.Of(chat))
			}
			if _, err := p.Exec(ctx); err != nil {
				t.Fatal(err)
			}
			perShard[ring.Of(chat).Index()]++
		}
		if len(perShard) != 4 {
			t.Fatalf("subscribers in %d shards, want 4", len(perShard))
		}
		for _, sh := range ring.All() {
			if n := rdb.ZCard(ctx, outreach.SubsAllKey(sh)).Val(); n != perShard[sh.Index()] {
				t.Errorf("shard %d holds %d subscribers, want %d", sh.Index(), n, perShard[sh.Index()])
			}
		}
		reader := outreach.NewSubscribers(readerClient(t, rdb), outreach.WithShards(ring))
		if n, err := reader.Count(ctx, ""); err != nil || n != int64(len(chats)) {
			t.Fatalf("Count = %d, %v; want %d", n, err, len(chats))
		}
		if n, err := reader.Count(ctx, "lhr"); err != nil || n != lhr {
			t.Fatalf("Count(LHR) = %d, %v; want %d", n, err, lhr)
		}
	})
}
