package sender

import (
	"context"
	"time"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// shardRun is one owned shard being read.
type shardRun struct {
	i                   int
	sh                  shards.Shard
	replies, broadcasts string
	cancel              context.CancelFunc
	done                chan struct{} // closed when the reader has returned
	stopping            bool          // given back: draining (guarded by Sender.mu)
	read                bool          // its replies have been read through once (reader only)
	drained             bool          // the last read of new replies got less than it asked for (reader only)
	nextBroadcasts      time.Time     // when to look for broadcasts again after finding none (reader only)
}

// readShard reads one owned shard into the queue until ctx is done: first it creates the group
// and takes over every entry left pending on the shard (by its previous owner, or by this
// consumer before a restart), then it reads its own pending entries, in stream order, before new
// ones; every claim interval it refreshes the entries it holds and takes over idle ones.
func (s *Sender) readShard(ctx context.Context, r *shardRun) {
	defer close(r.done)
	defer r.markRead(s)
	defer s.deleteDone(ctx, true, r.replies, r.broadcasts)
	cur := streams.NewCursor(r.replies, r.broadcasts)
	var ready, tookOver bool
	var nextClaim time.Time
	errWait := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := func() error {
			if !ready {
				if err := streams.EnsureGroups(ctx, s.rdb, outbox.SenderGroup, r.replies, r.broadcasts); err != nil {
					return err
				}
				ready = true
			}
			if !tookOver {
				if err := s.takeOver(ctx, r, cur); err != nil {
					return err
				}
				tookOver = true
				nextClaim = time.Now().Add(s.cfg.claimEvery)
			}
			if now := time.Now(); !now.Before(nextClaim) {
				if err := s.maintain(ctx, r, cur); err != nil {
					return err
				}
				nextClaim = now.Add(s.cfg.claimEvery)
			}
			err := s.fill(ctx, r, cur)
			s.deleteDone(ctx, false, r.replies, r.broadcasts)
			return err
		}()
		if err == nil {
			errWait = 100 * time.Millisecond
			continue
		}
		if ctx.Err() != nil {
			return
		}
		if streams.IsNoGroup(err) {
			ready = false
		}
		s.log.Warn("send stream read failed; retrying", "shard", r.i, "err", err, "wait", errWait)
		_ = streams.Sleep(ctx, errWait)
		errWait = min(2*errWait, 5*time.Second)
	}
}

// markRead records that the shard's replies have been read through once (or that its reader
// stopped before), so that broadcasts need not wait for it.
func (r *shardRun) markRead(s *Sender) {
	if !r.read {
		r.read = true
		s.unread.Add(-1)
	}
}

// takeOver claims every entry pending on the shard's streams, whoever holds it: the shard's
// lease says no other sender reads it now, so these were left by its previous owner (gone, or
// given the shard back after finishing its calls). They are then read, in stream order, through
// this consumer's own pending entries.
func (s *Sender) takeOver(ctx context.Context, r *shardRun, cur *streams.Cursor) error {
	for _, st := range []string{r.replies, r.broadcasts} {
		if err := s.trimDelivered(ctx, st); err != nil {
			// Only the stream's length suffers: the next take-over tries again.
			s.log.Warn("trimming delivered send entries failed", "shard", r.i, "err", err)
		}
		ids, err := streams.ClaimIdle(ctx, s.rdb, st, outbox.SenderGroup, s.consumer, 0, 0)
		if err != nil {
			return err
		}
		if len(ids) > 0 {
			s.log.Info("took over pending send entries", "shard", r.i, "stream", kindName(st == r.broadcasts), "count", len(ids))
		}
		cur.Rewind(st)
	}
	return nil
}

// readBatch is the least count of one read of new replies: with the buffer full, reading goes on
// (the entries of chats already waiting are spilled) so that a new chat's reply is found.
const readBatch = 100

// idlePoll is how often a shard reader that finds no free connection for a blocking read looks
// for new replies.
const idlePoll = 25 * time.Millisecond

// fill reads the shard: own pending entries first, then new replies, even with the buffer full
// (see queue.add: busy chats' replies are spilled, a new chat's reply is held), up to maxSpilled
// ids in memory; then spilled replies of chats that have room again; broadcasts only when no
// reply was read, every owned shard's replies have been read through once and less than half the
// buffer holds broadcasts (after a read that found none, not again for a poll interval). A read
// that got less than it asked for is not followed by another that would find nothing: the next
// read of new replies is the blocking one. With nothing to read it waits for a new reply: a
// blocking read up to the poll interval when a connection slot is free and no reply of the shard
// is spilled, else a short sleep.
func (s *Sender) fill(ctx context.Context, r *shardRun, cur *streams.Cursor) error {
	held, _, spilled := s.q.counts()
	free := s.cfg.buffer - held
	if spilled >= s.maxSpilled() {
		if err := s.refill(ctx, r.replies, free); err != nil {
			return err
		}
		s.q.waitChange(ctx, s.cfg.poll)
		return nil
	}
	count := max(free, readBatch)
	var n int
	if r.drained {
		// The last read returned less than it asked for: the stream held nothing more then,
		// and the blocking read below returns at once with whatever came since. Reading again
		// now would be one more command per reply (and per idle poll) that finds nothing,
		// most of the time.
		r.drained = false
	} else {
		var err error
		if n, err = s.read(ctx, r, cur, r.replies, count, 0); err != nil {
			return err
		}
		r.drained = n > 0 && n < count && cur.Pos(r.replies) == ">"
	}
	held, _, _ = s.q.counts()
	if err := s.refill(ctx, r.replies, s.cfg.buffer-held); err != nil {
		return err
	}
	_, _, spilled = s.q.counts()
	s.metrics.spilled.Set(float64(spilled))
	if n > 0 {
		return nil
	}
	r.markRead(s)
	if now := time.Now(); s.unread.Load() <= 0 && !now.Before(r.nextBroadcasts) {
		n, err := s.readBroadcasts(ctx, r, cur)
		if err != nil || n > 0 {
			return err
		}
		// None waiting: look again after a poll interval rather than between every two
		// replies. A campaign's messages may wait that long; a reply never does.
		r.nextBroadcasts = now.Add(s.cfg.poll)
	}
	// Spilled replies wait for their chats' pace or for room: a blocking read would leave them
	// waiting up to the poll interval after they may go.
	if !s.q.spills(r.replies) {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
			n, err := s.read(ctx, r, cur, r.replies, count, s.cfg.poll)
			// Less than asked for, none at all included: the next blocking read finds what
			// comes meanwhile.
			r.drained = err == nil && n < count && cur.Pos(r.replies) == ">"
			return err
		default:
		}
	}
	_ = streams.Sleep(ctx, min(idlePoll, s.cfg.poll))
	return nil
}

// readBroadcasts reads the shard's broadcasts into the room they may take: less than half the
// buffer. One reader at a time, so that the readers of all shards together keep to it.
func (s *Sender) readBroadcasts(ctx context.Context, r *shardRun, cur *streams.Cursor) (int, error) {
	s.bmu.Lock()
	defer s.bmu.Unlock()
	held, broadcasts, _ := s.q.counts()
	bfree := min(s.cfg.buffer-held, s.cfg.buffer/2-broadcasts)
	if bfree <= 0 {
		return 0, nil
	}
	return s.read(ctx, r, cur, r.broadcasts, bfree, 0)
}

func kindName(broadcast bool) string {
	if broadcast {
		return "broadcasts"
	}
	return "replies"
}
