package referrals

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// OutboxGroup is the referral workers' consumer group on every shard's outbox stream.
const OutboxGroup = "referrers"

// Errors of the store.
var (
	ErrNotFound    = errors.New("referrals: case not found")
	ErrNothingDead = errors.New("referrals: no dead delivery to retry")
	// ErrNotHeld: the case is not waiting for a counsellor (decided by someone else meanwhile,
	// forgotten by its reporter, purged, or never held).
	ErrNotHeld = errors.New("referrals: the case is not waiting for a counsellor")
)

// Key layout. Everything about a case lives in the shard of its id, ring.OfString(id): the case,
// its entries in the status indexes, the outbox, retry and dead-letter entries of its deliveries.
// A new case's id is drawn so that this is also its reporter's shard (Store.NewID), so the
// reporter's commit, which records the case and the user's case index, stays in one slot on
// Redis Cluster, and so does a decision on the case (WATCH of the case, the case's writes, the
// reporter's notice). Cases created before the sharded layout keep their ids, so their shard may
// differ from their reporter's (see MigrateLayout).

// CaseKey is the Redis key of a case: "tasdeeq:{sK}:case:<id>" in the shard of its id (the
// canonical, upper-case id: "tsq-7k3f9q" is the key of TSQ-7K3F9Q).
func CaseKey(r shards.Ring, id string) string {
	id = strings.ToUpper(id)
	return r.OfString(id).Key("case:" + id)
}

// UserKey is the Redis key of a user's case index (a set of case ids), in the user's shard.
func UserKey(r shards.Ring, userID int64) string {
	return r.Of(userID).Key("u:" + strconv.FormatInt(userID, 10) + ":cases")
}

// StatusKey is a shard's index of the cases in a status: a sorted set of case ids, score = the
// case's CreatedAt in Unix milliseconds. It replaces a SCAN of the case keys for List.
func StatusKey(sh shards.Shard, st Status) string { return sh.Key("cases:" + string(st)) }

// ReviewKey is a shard's review queue: its index of the cases waiting for a counsellor.
func ReviewKey(sh shards.Shard) string { return StatusKey(sh, StatusReview) }

// OutboxStream is a shard's referral outbox: one entry per delivery to make, fields c = case id,
// t = target; consumer group OutboxGroup.
func OutboxStream(sh shards.Shard) string { return sh.Key("referrals") }

// RetryKey is a shard's scheduled retries: a sorted set of "<id>|<target>", score = due Unix ms.
func RetryKey(sh shards.Shard) string { return sh.Key("referrals:retry") }

// DeadStream is a shard's dead letters: fields c, t, reason, at.
func DeadStream(sh shards.Shard) string { return sh.Key("referrals:dead") }

// statuses are every status a case can have, each with its index.
var statuses = []Status{StatusReview, StatusQueued, StatusDelivered, StatusDead, StatusDismissed}

// Store keeps cases, the review queue and the outbox in Redis.
type Store struct {
	rdb  redis.UniversalClient
	now  func() time.Time
	ring shards.Ring
}

// StoreOption configures a Store.
type StoreOption func(*Store)

// WithStoreClock sets the store's clock (default time.Now).
func WithStoreClock(now func() time.Time) StoreOption { return func(s *Store) { s.now = now } }

// WithShards sets the deployment's shards (default: the zero shards.Ring, 64 shards). A worker
// made from the store uses the same ones.
func WithShards(r shards.Ring) StoreOption { return func(s *Store) { s.ring = r } }

// NewStore returns a store on rdb.
func NewStore(rdb redis.UniversalClient, opts ...StoreOption) *Store {
	s := &Store{rdb: rdb, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Ring is the store's shards.
func (s *Store) Ring() shards.Ring { return s.ring }

// Key is the Redis key of case id (what a decision on it WATCHes).
func (s *Store) Key(id string) string { return CaseKey(s.ring, id) }

// shardOf is the shard of case id, where all its keys live.
func (s *Store) shardOf(id string) shards.Shard { return s.ring.OfString(strings.ToUpper(id)) }

// NewIDFor returns a fresh case id (see NewID) in the shard of userID: it draws ids until one
// falls there, about N draws for N shards. It does not check Redis for a collision
// (Store.NewID does).
func NewIDFor(r shards.Ring, userID int64) string {
	want := r.Of(userID)
	for {
		if id := NewID(); r.OfString(id) == want {
			return id
		}
	}
}

// NewID returns a case id for a case of userID that is in the user's shard (see NewIDFor) and
// not used by a stored case: within one shard ids have 24 bits left, so a collision with a live
// case is rare but possible.
func (s *Store) NewID(ctx context.Context, userID int64) (string, error) {
	for range 20 {
		id := NewIDFor(s.ring, userID)
		n, err := s.rdb.Exists(ctx, s.Key(id)).Result()
		if err != nil {
			return "", fmt.Errorf("referrals: check case id: %w", err)
		}
		if n == 0 {
			return id, nil
		}
	}
	return "", errors.New("referrals: no free case id")
}

// indexCmds moves case c from the index of status from (none when "") to that of c.Status, in
// c's shard, and drops from the latter the entries of cases too old to exist any more.
func (s *Store) indexCmds(ctx context.Context, p redis.Pipeliner, c Case, from Status) {
	sh := s.shardOf(c.ID)
	if from != "" && from != c.Status {
		p.ZRem(ctx, StatusKey(sh, from), c.ID)
	}
	key := StatusKey(sh, c.Status)
	p.ZAdd(ctx, key, redis.Z{Score: float64(c.CreatedAt.UnixMilli()), Member: c.ID})
	// Cases expire Retention after they were made; a day's margin for clocks and late writes.
	p.ZRemRangeByScore(ctx, key, "-inf", "("+strconv.FormatInt(s.now().Add(-Retention-24*time.Hour).UnixMilli(), 10))
}

func (s *Store) xaddCase(ctx context.Context, p redis.Pipeliner, id, target string) {
	p.XAdd(ctx, &redis.XAddArgs{Stream: OutboxStream(s.shardOf(id)), Values: []any{"c", id, "t", target}})
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
// (TTL Retention) and its status index, the user index (TTL refreshed), and by c.Status either
// the review queue (StatusReview) or one outbox entry per target (StatusQueued, Deliveries
// initialised). A zero CreatedAt is set to the store's clock. The case's keys are in the shard
// of its id and the index in the user's: one shard when the id came from NewID.
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
	p.Set(ctx, s.Key(c.ID), data, Retention)
	s.indexCmds(ctx, p, c, "")
	if c.Status == StatusQueued {
		for _, t := range c.Targets {
			s.xaddCase(ctx, p, c.ID, t)
		}
	}
	uk := UserKey(s.ring, c.UserID)
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
	raw, err := s.rdb.Get(ctx, s.Key(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return Case{}, false, nil
	}
	if err != nil {
		return Case{}, false, fmt.Errorf("referrals: get case %s: %w", id, err)
	}
	var c Case
	if err := json.Unmarshal(raw, &c); err != nil {
		return Case{}, false, fmt.Errorf("referrals: case %s: %w", id, err)
	}
	return c, true, nil
}

// UserCases returns the ids in a user's case index, sorted (some may have expired).
func (s *Store) UserCases(ctx context.Context, userID int64) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, UserKey(s.ring, userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("referrals: user's cases: %w", err)
	}
	slices.Sort(ids)
	return ids, nil
}

// ForgetCmds queues, inside the caller's MULTI, the deletion of a user's cases and case index
// and their removal from the status indexes (the review queue among them). Outbox entries of
// forgotten cases are dropped by the worker when it finds the case gone. Cases already delivered
// stay with the agencies. The commands are in the user's shard for every case made by NewID; a
// case from before the sharded layout may live in another shard (see MigrateLayout), which one
// Redis node allows and Redis Cluster does not.
func (s *Store) ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, caseIDs []string) {
	byShard := map[shards.Shard][]any{}
	for _, id := range caseIDs {
		if id = NormalizeID(id); id != "" {
			p.Del(ctx, s.Key(id))
			sh := s.shardOf(id)
			byShard[sh] = append(byShard[sh], id)
		}
	}
	p.Del(ctx, UserKey(s.ring, userID))
	for sh, ids := range byShard {
		for _, st := range statuses {
			p.ZRem(ctx, StatusKey(sh, st), ids...)
		}
	}
}

// Review returns up to limit cases waiting for review, oldest first, from every shard's review
// queue; ids of expired cases are removed from the queues on the way.
func (s *Store) Review(ctx context.Context, limit int) ([]Case, error) {
	if limit <= 0 {
		limit = 100
	}
	return s.walk(ctx, []Status{StatusReview}, true, limit)
}

var setKeep = redis.SetArgs{Mode: "XX", KeepTTL: true}

// ConfirmCmds queues, inside the caller's MULTI, review → queued: the case with its targets
// and deliveries, its move from the review queue to the queued index, one outbox entry per
// target; all in the case's shard.
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
	p.SetArgs(ctx, s.Key(c.ID), data, setKeep)
	s.indexCmds(ctx, p, c, StatusReview)
	for _, t := range c.Targets {
		s.xaddCase(ctx, p, c.ID, t)
	}
	return nil
}

// DismissCmds queues, inside the caller's MULTI, review → dismissed (in the case's shard).
func (s *Store) DismissCmds(ctx context.Context, p redis.Pipeliner, c Case) error {
	if c.Status != StatusReview {
		return fmt.Errorf("referrals: dismiss case %s in status %q", c.ID, c.Status)
	}
	c.Status = StatusDismissed
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	p.SetArgs(ctx, s.Key(c.ID), data, setKeep)
	s.indexCmds(ctx, p, c, StatusReview)
	return nil
}

// List returns up to limit cases with the status (all when ""), newest first, for the console,
// the CLI and the admin API. It reads every shard's status index (no SCAN), pipelined.
func (s *Store) List(ctx context.Context, status Status, limit int) ([]Case, error) {
	if limit <= 0 {
		limit = 100
	}
	sts := statuses
	if status != "" {
		sts = []Status{status}
	}
	out, err := s.walk(ctx, sts, false, limit)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Case) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), strings.Compare(b.ID, a.ID))
	})
	return out, nil
}

// update runs fn on the stored case under WATCH and, when fn succeeds, writes the case back
// (keeping its TTL) together with the commands fn queued, in one MULTI. When the case is gone,
// gone (if not nil) queues its commands instead and ok is false.
//
// Everything fn and gone queue must be in the case's shard (its outbox, retry and dead-letter
// keys), so that the transaction is one slot's on Redis Cluster. A change of status moves the
// case between the status indexes in the same transaction.
func (s *Store) update(ctx context.Context, id string, fn func(c *Case, p redis.Pipeliner) error, gone func(p redis.Pipeliner)) (Case, bool, error) {
	key := s.Key(id)
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
		was := c.Status
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if err := fn(&c, p); err != nil {
				return err
			}
			data, err := json.Marshal(c)
			if err != nil {
				return err
			}
			p.SetArgs(ctx, key, data, setKeep)
			if c.Status != was {
				s.indexCmds(ctx, p, c, was)
			}
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
			s.xaddCase(ctx, p, c.ID, t)
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

// Save writes a case back, keeping its remaining TTL (and moving it between the status indexes
// when its status changed); ErrNotFound when it is gone.
func (s *Store) Save(ctx context.Context, c Case) error {
	id := NormalizeID(c.ID)
	if id == "" {
		return ErrNotFound
	}
	c.ID = id
	_, ok, err := s.update(ctx, id, func(cur *Case, _ redis.Pipeliner) error {
		*cur = c
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
