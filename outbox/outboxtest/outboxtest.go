// Package outboxtest reads the send streams of every shard in tests, in the order the messages
// were queued, so that a test need not know which shard a chat falls in.
package outboxtest

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Entries reads the stream of every shard of r (stream names a shard's stream, as
// outbox.RepliesStream does), oldest entry first. Entries of different shards are ordered by
// their ids, which are their times in milliseconds; those of one millisecond keep the shards'
// order.
func Entries(tb testing.TB, rdb redis.Cmdable, r shards.Ring, stream func(shards.Shard) string) []redis.XMessage {
	tb.Helper()
	ctx := context.Background()
	var entries []redis.XMessage
	for _, sh := range r.All() {
		es, err := rdb.XRange(ctx, stream(sh), "-", "+").Result()
		if err != nil {
			tb.Fatalf("read %s: %v", stream(sh), err)
		}
		entries = append(entries, es...)
	}
	slices.SortStableFunc(entries, func(a, b redis.XMessage) int { return CompareIDs(a.ID, b.ID) })
	return entries
}

// Replies decodes the replies waiting in every shard, oldest first.
func Replies(tb testing.TB, rdb redis.Cmdable, r shards.Ring) []outbox.Outgoing {
	tb.Helper()
	return Decode(tb, Entries(tb, rdb, r, outbox.RepliesStream))
}

// Broadcasts decodes the broadcasts waiting in every shard, oldest first.
func Broadcasts(tb testing.TB, rdb redis.Cmdable, r shards.Ring) []outbox.Outgoing {
	tb.Helper()
	return Decode(tb, Entries(tb, rdb, r, outbox.BroadcastsStream))
}

// Decode reads the messages of send stream entries.
func Decode(tb testing.TB, entries []redis.XMessage) []outbox.Outgoing {
	tb.Helper()
	out := make([]outbox.Outgoing, 0, len(entries))
	for _, e := range entries {
		var o outbox.Outgoing
		raw, _ := e.Values[outbox.PayloadField].(string)
		if err := json.Unmarshal([]byte(raw), &o); err != nil {
			tb.Fatalf("entry %s: %v", e.ID, err)
		}
		out = append(out, o)
	}
	return out
}

// Len counts the entries of a stream in every shard, in one pipeline.
func Len(tb testing.TB, rdb redis.Cmdable, r shards.Ring, stream func(shards.Shard) string) int64 {
	tb.Helper()
	ctx := context.Background()
	pipe := rdb.Pipeline()
	cmds := make([]*redis.IntCmd, 0, r.N())
	for _, sh := range r.All() {
		cmds = append(cmds, pipe.XLen(ctx, stream(sh)))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		tb.Fatalf("count stream entries: %v", err)
	}
	var n int64
	for _, c := range cmds {
		n += c.Val()
	}
	return n
}

// CompareIDs orders stream entry ids ("<ms>-<seq>") numerically.
func CompareIDs(a, b string) int {
	am, as, _ := strings.Cut(a, "-")
	bm, bs, _ := strings.Cut(b, "-")
	ai, _ := strconv.ParseUint(am, 10, 64)
	bi, _ := strconv.ParseUint(bm, 10, 64)
	if c := cmp.Compare(ai, bi); c != 0 {
		return c
	}
	aj, _ := strconv.ParseUint(as, 10, 64)
	bj, _ := strconv.ParseUint(bs, 10, 64)
	return cmp.Compare(aj, bj)
}

// Pending counts the entries of a stream read by a sender and not yet acknowledged, in every
// shard (a shard whose group does not exist yet has none).
func Pending(tb testing.TB, rdb redis.Cmdable, r shards.Ring, stream func(shards.Shard) string) int64 {
	tb.Helper()
	var n int64
	for _, sh := range r.All() {
		p, err := rdb.XPending(context.Background(), stream(sh), outbox.SenderGroup).Result()
		if err == nil {
			n += p.Count
		}
	}
	return n
}
