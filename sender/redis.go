package sender

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outbox"
)

// read reads up to count entries of stream (one of r's) into the queue: this consumer's own
// pending entries while the cursor is not at new ones, then new ones (waiting up to block when
// block > 0, through the client for blocking reads). It returns how many entries Redis returned,
// including ones already held.
func (s *Sender) read(ctx context.Context, r *shardRun, cur *streams.Cursor, stream string, count int, block time.Duration) (int, error) {
	id := cur.Pos(stream)
	args := &redis.XReadGroupArgs{Group: outbox.SenderGroup, Consumer: s.consumer, Streams: []string{stream, id}, Count: int64(count), Block: -1}
	c := s.rdb
	if id == ">" && block > 0 {
		args.Block, c = block, s.reads
	}
	res, err := c.XReadGroup(ctx, args).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, fmt.Errorf("read %s: %w", stream, err)
	}
	var msgs []redis.XMessage
	if len(res) > 0 {
		msgs = res[0].Messages
	}
	if cur.Advance(stream, msgs) { // own pending entries all read: go on with new ones
		return s.read(ctx, r, cur, stream, count, block)
	}
	s.hold(ctx, stream, stream == r.broadcasts, msgs)
	return len(msgs), nil
}

// hold decodes entries read from stream into the queue; unreadable ones are dropped.
func (s *Sender) hold(ctx context.Context, stream string, broadcast bool, msgs []redis.XMessage) {
	kind := outbox.Reply
	if broadcast {
		kind = outbox.Broadcast
	}
	for _, m := range msgs {
		e := &entry{stream: stream, id: m.ID, kind: kind}
		if err := decodeEntry(m, &e.msg, s.cfg.whatsApp != nil); err != nil {
			s.log.Warn("dropping unreadable send entry", "stream", stream, "id", m.ID, "err", err)
			s.metrics.dropped.WithLabelValues("invalid").Inc()
			s.ack(ctx, e)
			continue
		}
		s.q.add(e)
	}
}

// refill reads again up to n spilled replies of stream of chats that have room for them (XCLAIM
// to this consumer returns the entries and keeps them ours). An id no longer pending is not
// returned and simply forgotten.
func (s *Sender) refill(ctx context.Context, stream string, n int) error {
	if n <= 0 {
		return nil
	}
	refs := s.q.popSpilled(n, stream)
	if len(refs) == 0 {
		return nil
	}
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.id
	}
	slices.SortFunc(ids, cmpID)
	msgs, err := s.rdb.XClaim(ctx, &redis.XClaimArgs{Stream: stream, Group: outbox.SenderGroup, Consumer: s.consumer, Messages: ids}).Result()
	if err != nil {
		s.q.respill(stream, refs)
		return fmt.Errorf("read spilled replies: %w", err)
	}
	s.hold(ctx, stream, false, msgs)
	return nil
}

// decodeEntry reads the outbox.Outgoing of a stream entry written by outbox.Enqueue; whatsApp says
// whether the sender can deliver WhatsApp messages.
func decodeEntry(m redis.XMessage, o *outbox.Outgoing, whatsApp bool) error {
	raw, ok := m.Values[outbox.PayloadField].(string)
	if !ok {
		return errors.New("no payload (entry deleted or foreign)")
	}
	if err := json.Unmarshal([]byte(raw), o); err != nil {
		return fmt.Errorf("decode payload: %w", err)
	}
	switch {
	case o.Channel == outbox.ChannelWhatsApp && !whatsApp:
		return errors.New("a WhatsApp message, and the WhatsApp channel is off")
	case o.Channel == outbox.ChannelWhatsApp && o.CallbackID != "":
		return errors.New("a button answer on WhatsApp, which has none")
	case o.Channel != "" && o.Channel != outbox.ChannelTelegram && o.Channel != outbox.ChannelWhatsApp:
		return fmt.Errorf("unknown channel %q", o.Channel)
	case o.CallbackID != "":
	case o.ChatID == 0:
		return errors.New("no chat id")
	case o.Text == "":
		return errors.New("empty text")
	}
	return nil
}

// maintain keeps this consumer's held entries of shard r fresh (XCLAIM to itself resets their
// idle time) and forgets those no longer pending; then it takes over entries of other consumers
// idle longer than minIdle (a sender that lost the shard's lease without knowing it) and rewinds
// the cursor so they are read, in stream order, before new entries.
func (s *Sender) maintain(ctx context.Context, r *shardRun, cur *streams.Cursor) error {
	for _, st := range []string{r.replies, r.broadcasts} {
		ids := s.q.heldIDs(st)
		for len(ids) > 0 {
			batch := ids[:min(len(ids), 100)]
			ids = ids[len(batch):]
			kept, err := s.rdb.XClaimJustID(ctx, &redis.XClaimArgs{Stream: st, Group: outbox.SenderGroup, Consumer: s.consumer, Messages: batch}).Result()
			if err != nil {
				return fmt.Errorf("refresh held entries of %s: %w", st, err)
			}
			still := make(map[string]bool, len(kept))
			for _, id := range kept {
				still[id] = true
			}
			for _, id := range batch {
				if !still[id] {
					s.q.forget(st, id)
				}
			}
		}
		claimed, err := streams.ClaimIdle(ctx, s.rdb, st, outbox.SenderGroup, s.consumer, s.cfg.minIdle, 10_000) // bounded; the next tick goes on
		if err != nil {
			return err
		}
		if len(claimed) > 0 {
			s.log.Info("took over idle send entries", "shard", r.i, "stream", kindName(st == r.broadcasts), "count", len(claimed))
			cur.Rewind(st)
		}
		s.pruneConsumers(ctx, st)
	}
	return nil
}

// pruneConsumers removes from the group consumers with nothing pending that have been silent
// for staleConsumer (every restart adds a hostname-pid consumer). A live sender reads its shards
// every poll interval, and one that comes back is simply recreated by its next read.
func (s *Sender) pruneConsumers(ctx context.Context, stream string) {
	cs, err := s.rdb.XInfoConsumers(ctx, stream, outbox.SenderGroup).Result()
	if err != nil {
		return // best effort
	}
	for _, c := range cs {
		if c.Name != s.consumer && c.Pending == 0 && c.Idle > s.cfg.staleConsumer {
			if err := s.rdb.XGroupDelConsumer(ctx, stream, outbox.SenderGroup, c.Name).Err(); err == nil {
				s.log.Info("removed stale send consumer", "stream", stream, "stale_consumer", c.Name)
			}
		}
	}
}

// updateDepth sets the depth of each kind of stream, summed over the shards this sender holds.
func (s *Sender) updateDepth(ctx context.Context) {
	held := s.leases.Held()
	p := s.rdb.Pipeline()
	var replies, broadcasts []*redis.IntCmd
	for _, i := range held {
		sh := s.all[i]
		replies = append(replies, p.XLen(ctx, s.cfg.replies(sh)))
		broadcasts = append(broadcasts, p.XLen(ctx, s.cfg.broadcasts(sh)))
	}
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return
	}
	for name, cmds := range map[string][]*redis.IntCmd{"replies": replies, "broadcasts": broadcasts} {
		var n int64
		for _, c := range cmds {
			n += c.Val()
		}
		s.metrics.depth.WithLabelValues(name).Set(float64(n))
	}
}

// ack acknowledges delivered or dropped entries (one XACK per stream) and leaves their
// deletion to deleteDone. It runs even after ctx is cancelled (a delivered message must not stay
// pending) and retries briefly; if Redis stays unreachable the entries remain pending and will
// be sent again after a restart.
func (s *Sender) ack(ctx context.Context, es ...*entry) {
	if len(es) == 0 {
		return
	}
	byStream := make(map[string][]string, 1)
	for _, e := range es {
		byStream[e.stream] = append(byStream[e.stream], e.id)
	}
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	var err error
	for attempt := range 4 {
		pipe := s.rdb.Pipeline()
		for st, ids := range byStream {
			pipe.XAck(actx, st, outbox.SenderGroup, ids...)
		}
		if _, err = pipe.Exec(actx); err == nil {
			now := time.Now()
			for st, ids := range byStream {
				s.done.add(st, now, ids...)
			}
			return
		}
		if streams.Sleep(actx, time.Duration(100<<attempt)*time.Millisecond) != nil {
			break
		}
	}
	for _, e := range es {
		s.log.Error("acknowledge failed; entry stays pending and may be sent again", "stream", e.stream, "id", e.id, "err", err)
	}
}
