package sender

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outbox"
)

// Delivered entries are acknowledged at once (XACK) and deleted later, many ids in one XDEL per
// stream, instead of an XDEL per message: that is one Redis command per message of the sender's
// two (issue 16 counts the commands per update). An acknowledged entry is never read again: new
// reads start after the group's last delivered id, and it is no longer pending, so neither a
// restart nor a take-over sends it. The delay only makes a stream's length (outbox.Backlog, the
// depth gauge, a campaign's backlog) count delivered entries for up to deleteWait; the ids of
// entries a crash left undeleted are trimmed when the shard is next taken (trimDelivered).
const (
	// deleteWait is how long a delivered entry may wait for its XDEL.
	deleteWait = time.Second
	// deleteBatch is how many ids of a stream are deleted at once without waiting further.
	deleteBatch = 256
)

// doneIDs holds the ids of delivered (acknowledged) entries not yet deleted, by stream.
type doneIDs struct {
	mu    sync.Mutex
	ids   map[string][]string
	first map[string]time.Time // when the oldest id of the stream was added
}

func newDoneIDs() *doneIDs {
	return &doneIDs{ids: map[string][]string{}, first: map[string]time.Time{}}
}

// add records ids of stream as acknowledged.
func (d *doneIDs) add(stream string, now time.Time, ids ...string) {
	if len(ids) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.ids[stream]) == 0 {
		d.first[stream] = now
	}
	d.ids[stream] = append(d.ids[stream], ids...)
}

// take removes and returns the ids of the given streams that are due at now (all of them when
// force is set), or of every stream when none is given.
func (d *doneIDs) take(now time.Time, force bool, streams ...string) map[string][]string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out map[string][]string // made only when something is due: readers call this per read
	due := func(st string) {
		ids := d.ids[st]
		if len(ids) == 0 {
			return
		}
		if force || len(ids) >= deleteBatch || now.Sub(d.first[st]) >= deleteWait {
			if out == nil {
				out = map[string][]string{}
			}
			out[st] = ids
			delete(d.ids, st)
			delete(d.first, st)
		}
	}
	if len(streams) == 0 {
		for st := range d.ids {
			due(st)
		}
	}
	for _, st := range streams {
		due(st)
	}
	return out
}

// deleteDone deletes the delivered entries of the given streams (of every stream when none is
// given) that have waited deleteWait or fill a batch, or all of them when force is set. It runs
// even after ctx is cancelled: the caller may be a reader or a sender that is stopping. Ids
// Redis did not delete are kept for the next try.
func (s *Sender) deleteDone(ctx context.Context, force bool, streams ...string) {
	due := s.done.take(time.Now(), force, streams...)
	if len(due) == 0 {
		return
	}
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	p := s.rdb.Pipeline()
	for st, ids := range due {
		p.XDel(dctx, st, ids...)
	}
	if _, err := p.Exec(dctx); err != nil {
		now := time.Now()
		for st, ids := range due {
			s.done.add(st, now, ids...)
		}
		s.log.Warn("deleting delivered send entries failed; retrying later", "streams", len(due), "err", err)
	}
}

// trimDelivered removes from stream the entries left there acknowledged but not deleted (by a
// sender that stopped before its XDEL): everything older than both the oldest pending entry
// and the group's last delivered id has been delivered to a consumer and acknowledged. It trims
// nothing when the stream has another group than the sender's, whose reading it cannot know.
func (s *Sender) trimDelivered(ctx context.Context, stream string) error {
	p := s.rdb.Pipeline()
	pend := p.XPending(ctx, stream, outbox.SenderGroup)
	groups := p.XInfoGroups(ctx, stream)
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("read what %s delivered: %w", stream, err)
	}
	gs, err := groups.Result()
	if err != nil || len(gs) != 1 || gs[0].Name != outbox.SenderGroup {
		return nil
	}
	limit, ok := nextID(gs[0].LastDeliveredID)
	if !ok {
		return nil
	}
	pr, err := pend.Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil
	}
	if pr != nil && pr.Count > 0 {
		if cmpID(pr.Lower, limit) < 0 {
			limit = pr.Lower
		}
	}
	if err := s.rdb.XTrimMinID(ctx, stream, limit).Err(); err != nil {
		return fmt.Errorf("trim delivered entries of %s: %w", stream, err)
	}
	return nil
}

// nextID is the stream id right after id ("ms-seq"), false when id cannot be read.
func nextID(id string) (string, bool) {
	ms, seq, ok := strings.Cut(id, "-")
	if !ok {
		return "", false
	}
	var m, n uint64
	if _, err := fmt.Sscan(ms, &m); err != nil {
		return "", false
	}
	if _, err := fmt.Sscan(seq, &n); err != nil {
		return "", false
	}
	if n == ^uint64(0) {
		return fmt.Sprintf("%d-0", m+1), true
	}
	return fmt.Sprintf("%d-%d", m, n+1), true
}
