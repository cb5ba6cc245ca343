package streams

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cursor is where a consumer reads each of its streams: first its own pending entries (those it
// read before a restart, or took over with a claim), in stream order, then new ones. A position
// is "0" (own pending entries from the start), the id of the last own pending entry handed out,
// or ">" (new entries). It is not safe for concurrent use.
type Cursor struct{ pos map[string]string }

// NewCursor returns a cursor at the own pending entries of every stream.
func NewCursor(streams ...string) *Cursor {
	c := &Cursor{pos: make(map[string]string, len(streams))}
	for _, st := range streams {
		c.pos[st] = "0"
	}
	return c
}

// Pos is the position of stream ("0" for a stream the cursor has not seen).
func (c *Cursor) Pos(stream string) string {
	if p, ok := c.pos[stream]; ok {
		return p
	}
	return "0"
}

// Advance records what a read of stream from Pos returned: while reading own pending entries,
// the next read starts after the last one; an empty answer means they are all read, and the
// cursor moves on to new entries. It reports whether the cursor moved from pending to new.
func (c *Cursor) Advance(stream string, msgs []redis.XMessage) (switched bool) {
	if c.Pos(stream) == ">" {
		return false
	}
	if len(msgs) == 0 {
		c.pos[stream] = ">"
		return true
	}
	c.pos[stream] = msgs[len(msgs)-1].ID
	return false
}

// Rewind makes the next read of stream start again at the own pending entries: after a claim
// took entries over, so that they are read, in stream order, before new ones.
func (c *Cursor) Rewind(stream string) { c.pos[stream] = "0" }

// Forget drops a stream from the cursor (its shard is no longer read).
func (c *Cursor) Forget(stream string) { delete(c.pos, stream) }

// Poll reads up to count entries of each stream for consumer of group, from the cursor's
// position and without blocking, one XREADGROUP per stream in one pipeline; a stream whose own
// pending entries turn out to be all read is read again, for new entries, in a second pipeline.
// It returns the entries that came, one XStream per stream with entries, in the order of
// streams. The first failed read is returned as the error (wrapped, with its stream) after the
// others' entries have been taken into account: IsNoGroup tells a missing group.
func Poll(ctx context.Context, rdb redis.Cmdable, group, consumer string, cur *Cursor, streams []string, count int64) ([]redis.XStream, error) {
	got := make(map[string][]redis.XMessage, len(streams))
	var firstErr error
	todo := streams
	for round := 0; round < 2 && len(todo) > 0; round++ {
		p := rdb.Pipeline()
		cmds := make([]*redis.XStreamSliceCmd, len(todo))
		for i, st := range todo {
			cmds[i] = p.XReadGroup(ctx, &redis.XReadGroupArgs{Group: group, Consumer: consumer,
				Streams: []string{st, cur.Pos(st)}, Count: count, Block: -1})
		}
		_, _ = p.Exec(ctx) // each command's error is looked at below
		var again []string
		for i, cmd := range cmds {
			st := todo[i]
			res, err := cmd.Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				if firstErr == nil {
					firstErr = fmt.Errorf("read %s: %w", st, err)
				}
				continue
			}
			var msgs []redis.XMessage
			if len(res) > 0 {
				msgs = res[0].Messages
			}
			if cur.Advance(st, msgs) {
				again = append(again, st)
			}
			got[st] = append(got[st], msgs...)
		}
		todo = again
	}
	var out []redis.XStream
	for _, st := range streams {
		if msgs := got[st]; len(msgs) > 0 {
			out = append(out, redis.XStream{Stream: st, Messages: msgs})
		}
	}
	return out, firstErr
}

// ClaimIdle takes over, for consumer, the entries of stream that other consumers of group have
// left unacknowledged for at least minIdle (with minIdle 0, every pending entry: what a new
// owner of a shard does once the old one is gone), in stream order, up to max of them (0: no
// bound). It returns their ids; the caller reads them through its own pending entries (Cursor
// Rewind), which keeps them in stream order with what it already held.
func ClaimIdle(ctx context.Context, rdb redis.Cmdable, stream, group, consumer string, minIdle time.Duration, max int) ([]string, error) {
	var ids []string
	start := "0-0"
	for max <= 0 || len(ids) < max {
		count := int64(1000)
		if max > 0 {
			count = int64(min(1000, max-len(ids)))
		}
		got, next, err := rdb.XAutoClaimJustID(ctx, &redis.XAutoClaimArgs{
			Stream: stream, Group: group, Consumer: consumer, MinIdle: minIdle, Start: start, Count: count,
		}).Result()
		if err != nil {
			return ids, fmt.Errorf("claim idle entries of %s: %w", stream, err)
		}
		ids = append(ids, got...)
		if next == "0-0" || next == "" {
			break
		}
		start = next
	}
	return ids, nil
}
