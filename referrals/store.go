package referrals

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis keys and names.
const (
	casePrefix   = "tasdeeq:case:"
	ReviewKey    = "tasdeeq:referrals:review" // sorted set, score = created unix seconds
	OutboxStream = "tasdeeq:referrals"        // fields c = case id, t = target
	OutboxGroup  = "referrers"
	RetryKey     = "tasdeeq:referrals:retry" // sorted set of "<id>|<target>", score = due unix ms
	DeadStream   = "tasdeeq:referrals:dead"  // fields c, t, reason, at
)

// Errors of the store.
var (
	ErrNotFound    = errors.New("referrals: case not found")
	ErrNothingDead = errors.New("referrals: no dead delivery to retry")
	// ErrNotHeld: the case is not waiting for a counsellor (decided by someone else meanwhile,
	// forgotten by its reporter, purged, or never held).
	ErrNotHeld = errors.New("referrals: the case is not waiting for a counsellor")
)

// CaseKey is the Redis key of a case.
func CaseKey(id string) string { return casePrefix + id }

// Key is the Redis key of case id (TEMPORARY until the sharded store lands).
func (s *Store) Key(id string) string { return CaseKey(id) }

// UserKey is the Redis key of a user's case index.
func UserKey(userID int64) string { return fmt.Sprintf("tasdeeq:u:{%d}:cases", userID) }

// Store keeps cases, the review queue and the outbox in Redis.
type Store struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// StoreOption configures a Store.
type StoreOption func(*Store)

// WithStoreClock sets the store's clock (default time.Now).
func WithStoreClock(now func() time.Time) StoreOption { return func(s *Store) { s.now = now } }

// NewStore returns a store on rdb.
func NewStore(rdb redis.UniversalClient, opts ...StoreOption) *Store {
	s := &Store{rdb: rdb, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// NewID returns a case id not used by a stored case (ids are 30 bits, so a collision with a
// live case is rare but possible).
func (s *Store) NewID(ctx context.Context) (string, error) {
	for range 20 {
		id := NewID()
		n, err := s.rdb.Exists(ctx, CaseKey(id)).Result()
		if err != nil {
			return "", err
		}
		if n == 0 {
			return id, nil
		}
	}
	return "", errors.New("referrals: no free case id")
}

func xaddCase(ctx context.Context, p redis.Pipeliner, id, target string) {
	p.XAdd(ctx, &redis.XAddArgs{Stream: OutboxStream, Values: []any{"c", id, "t", target}})
}

func queue(c *Case, targets []string) {
	c.Targets = slices.Clone(targets)
	c.Status = StatusQueued
	if c.Deliveries == nil {
		c.Deliveries = map[string]*Delivery{}
	}
	for _, t := range targets {
		if c.Deliveries[t] == nil {
			c.Deliveries[t] = &Delivery{Status: StatusQueued}
		} else if c.Deliveries[t].Status != StatusDelivered {
			c.Deliveries[t].Status = StatusQueued
		}
	}
}

// AddCmds queues, inside the caller's MULTI, the commands that record a new case: the case
// (TTL Retention), the user index (TTL refreshed), and by c.Status either the review queue
// (StatusReview) or one outbox entry per target (StatusQueued, Deliveries initialised).
// A zero CreatedAt is set to the store's clock.
func (s *Store) AddCmds(ctx context.Context, p redis.Pipeliner, c Case) error {
	if !ValidID(c.ID) {
		return fmt.Errorf("referrals: bad case id %q", c.ID)
	}
	c.ID = strings.ToUpper(c.ID)
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now()
	}
	switch c.Status {
	case StatusReview:
	case StatusQueued:
		if len(c.Targets) == 0 {
			return fmt.Errorf("referrals: case %s queued with no target", c.ID)
		}
		queue(&c, c.Targets)
	default:
		return fmt.Errorf("referrals: case %s: new case status %q (want review or queued)", c.ID, c.Status)
	}
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	p.Set(ctx, CaseKey(c.ID), data, Retention)
	if c.Status == StatusReview {
		p.ZAdd(ctx, ReviewKey, redis.Z{Score: float64(c.CreatedAt.Unix()), Member: c.ID})
	} else {
		for _, t := range c.Targets {
			xaddCase(ctx, p, c.ID, t)
		}
	}
	uk := UserKey(c.UserID)
	p.SAdd(ctx, uk, c.ID)
	p.Expire(ctx, uk, Retention)
	return nil
}

// Get loads a case; ok is false when there is none (forgotten, purged, or not an id).
func (s *Store) Get(ctx context.Context, id string) (Case, bool, error) {
	id = NormalizeID(id)
	if id == "" {
		return Case{}, false, nil
	}
	raw, err := s.rdb.Get(ctx, CaseKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, err
	}
	var c Case
	if err := json.Unmarshal(raw, &c); err != nil {
		return Case{}, false, fmt.Errorf("referrals: case %s: %w", id, err)
	}
	return c, true, nil
}

// UserCases returns the ids in a user's case index, sorted (some may have expired).
func (s *Store) UserCases(ctx context.Context, userID int64) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, UserKey(userID)).Result()
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return ids, nil
}

// ForgetCmds queues, inside the caller's MULTI, the deletion of a user's cases and case index
// and their removal from the review queue. Outbox entries of forgotten cases are dropped by the
// worker when it finds the case gone. Cases already delivered stay with the agencies.
func (s *Store) ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, caseIDs []string) {
	keys := make([]string, 0, len(caseIDs)+1)
	members := make([]any, 0, len(caseIDs))
	for _, id := range caseIDs {
		if id = NormalizeID(id); id != "" {
			keys = append(keys, CaseKey(id))
			members = append(members, id)
		}
	}
	keys = append(keys, UserKey(userID))
	p.Del(ctx, keys...)
	if len(members) > 0 {
		p.ZRem(ctx, ReviewKey, members...)
	}
}

// Review returns up to limit cases waiting for review, oldest first; ids of expired cases are
// removed from the queue on the way.
func (s *Store) Review(ctx context.Context, limit int) ([]Case, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []Case
	var gone []any
	for start := int64(0); len(out) < limit; start += int64(limit) {
		ids, err := s.rdb.ZRange(ctx, ReviewKey, start, start+int64(limit)-1).Result()
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			c, ok, err := s.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if !ok || c.Status != StatusReview {
				gone = append(gone, id)
				continue
			}
			if len(out) < limit {
				out = append(out, c)
			}
		}
		if len(ids) < limit {
			break
		}
	}
	if len(gone) > 0 {
		if err := s.rdb.ZRem(ctx, ReviewKey, gone...).Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

var setKeep = redis.SetArgs{Mode: "XX", KeepTTL: true}

// ConfirmCmds queues, inside the caller's MULTI, review → queued: the case with its targets
// and deliveries, removal from the review queue, one outbox entry per target.
func (s *Store) ConfirmCmds(ctx context.Context, p redis.Pipeliner, c Case, targets []string) error {
	if len(targets) == 0 {
		return fmt.Errorf("referrals: confirm case %s with no target", c.ID)
	}
	if c.Status != StatusReview {
		return fmt.Errorf("referrals: confirm case %s in status %q", c.ID, c.Status)
	}
	queue(&c, targets)
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	p.SetArgs(ctx, CaseKey(c.ID), data, setKeep)
	p.ZRem(ctx, ReviewKey, c.ID)
	for _, t := range c.Targets {
		xaddCase(ctx, p, c.ID, t)
	}
	return nil
}

// DismissCmds queues, inside the caller's MULTI, review → dismissed.
func (s *Store) DismissCmds(ctx context.Context, p redis.Pipeliner, c Case) error {
	if c.Status != StatusReview {
		return fmt.Errorf("referrals: dismiss case %s in status %q", c.ID, c.Status)
	}
	c.Status = StatusDismissed
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	p.SetArgs(ctx, CaseKey(c.ID), data, setKeep)
	p.ZRem(ctx, ReviewKey, c.ID)
	return nil
}

// maxList bounds the keys List scans.
const maxList = 100_000

// List returns up to limit cases with the status (all when ""), newest first. It SCANs the case
// keys (at most 100,000), for the CLI and the admin API.
func (s *Store) List(ctx context.Context, status Status, limit int) ([]Case, error) {
	if limit <= 0 {
		limit = 100
	}
	var keys []string
	iter := s.rdb.Scan(ctx, 0, casePrefix+"*", 1000).Iterator()
	for iter.Next(ctx) && len(keys) < maxList {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	var out []Case
	for chunk := range slices.Chunk(keys, 500) {
		vals, err := s.rdb.MGet(ctx, chunk...).Result()
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			str, ok := v.(string)
			if !ok {
				continue
			}
			var c Case
			if json.Unmarshal([]byte(str), &c) != nil {
				continue
			}
			if status == "" || c.Status == status {
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Case) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(b.ID, a.ID))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// update runs fn on the stored case under WATCH and, when fn succeeds, writes the case back
// (keeping its TTL) together with the commands fn queued, in one MULTI. When the case is gone,
// gone (if not nil) queues its commands instead and ok is false.
func (s *Store) update(ctx context.Context, id string, fn func(c *Case, p redis.Pipeliner) error, gone func(p redis.Pipeliner)) (Case, bool, error) {
	key := CaseKey(id)
	var out Case
	var found bool
	txf := func(tx *redis.Tx) error {
		raw, err := tx.Get(ctx, key).Bytes()
		if errors.Is(err, redis.Nil) {
			found = false
			if gone == nil {
				return nil
			}
			_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error { gone(p); return nil })
			return err
		}
		if err != nil {
			return err
		}
		var c Case
		if err := json.Unmarshal(raw, &c); err != nil {
			return fmt.Errorf("referrals: case %s: %w", id, err)
		}
		found = true
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if err := fn(&c, p); err != nil {
				return err
			}
			data, err := json.Marshal(c)
			if err != nil {
				return err
			}
			p.SetArgs(ctx, key, data, setKeep)
			return nil
		})
		out = c
		return err
	}
	for range 50 {
		err := s.rdb.Watch(ctx, txf, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		return out, found, err
	}
	return Case{}, false, fmt.Errorf("referrals: case %s: too much contention", id)
}

// Retry requeues every dead delivery of a case (status queued, one outbox entry per target).
// It returns ErrNotFound for an unknown case and ErrNothingDead when no delivery is dead.
func (s *Store) Retry(ctx context.Context, id string) error {
	id = NormalizeID(id)
	if id == "" {
		return ErrNotFound
	}
	_, ok, err := s.update(ctx, id, func(c *Case, p redis.Pipeliner) error {
		var dead []string
		for _, t := range c.Targets {
			if d := c.Deliveries[t]; d != nil && d.Status == StatusDead {
				dead = append(dead, t)
			}
		}
		if len(dead) == 0 {
			return ErrNothingDead
		}
		for _, t := range dead {
			c.Deliveries[t].Status = StatusQueued
			xaddCase(ctx, p, c.ID, t)
		}
		c.Status = StatusQueued
		return nil
	}, nil)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotFound
	}
	return nil
}

// Save writes a case back, keeping its remaining TTL; ErrNotFound when it is gone.
func (s *Store) Save(ctx context.Context, c Case) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	res, err := s.rdb.SetArgs(ctx, CaseKey(c.ID), data, setKeep).Result()
	if errors.Is(err, redis.Nil) || (err == nil && res != "OK") {
		return ErrNotFound
	}
	return err
}

// caseStatus derives a case's status from its deliveries.
func caseStatus(c *Case) Status {
	all, queued := true, false
	for _, t := range c.Targets {
		d := c.Deliveries[t]
		if d == nil || d.Status != StatusDelivered {
			all = false
		}
		if d == nil || d.Status == StatusQueued {
			queued = true
		}
	}
	switch {
	case all:
		return StatusDelivered
	case queued:
		return StatusQueued
	default:
		return StatusDead
	}
}
