package outreach_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
)

func TestSubscribers(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := outreach.NewSubscribers(rdb)
		t0 := time.UnixMilli(1_750_000_000_000)
		a, b, c := chatBase+1, chatBase+2, chatBase+3

		// Inside a caller's MULTI, with another command of theirs.
		_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "tasdeeq:subs:test-caller", "1", time.Minute)
			s.SubscribeCmds(ctx, p, a, "en", "", t0)
			s.SubscribeCmds(ctx, p, b, "ur", "lhr", t0.Add(time.Second))
			return nil
		})
		if err != nil {
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

		// Subscribing again changes language and centre but keeps the place in line.
		if err := s.Subscribe(ctx, a, "ur", "RWP", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Subscribe(ctx, b, "en", "RWP", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		score, _ := rdb.ZScore(ctx, outreach.SubsAllKey, strconv.FormatInt(a, 10)).Result()
		if int64(score) != t0.UnixMilli() {
			t.Fatalf("resubscribe moved the score to %v", score)
		}
		if rs, _ := rdb.ZScore(ctx, outreach.SubsMRCPrefix+"RWP", strconv.FormatInt(a, 10)).Result(); rs != score {
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
		if n, _ := rdb.HLen(ctx, outreach.SubsLangKey).Result(); n != 1 {
			t.Fatalf("language hash has %d entries, want 1", n)
		}
	})
}
