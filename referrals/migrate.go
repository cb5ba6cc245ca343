package referrals

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
	"github.com/tasdeeq/tasdeeq/shards"
)

// The key names before the sharded layout (issue 19).
const (
	oldCasePrefix = "tasdeeq:case:"
	oldReview     = "tasdeeq:referrals:review"
	oldOutbox     = "tasdeeq:referrals"
	oldRetry      = "tasdeeq:referrals:retry"
	oldDead       = "tasdeeq:referrals:dead"
)

// migrateBatch is how many entries one MULTI of the migration moves.
const migrateBatch = 500

// MigrateLayout moves the referral data of the layout before issue 19 to the shards of r, and
// returns how many keys and entries it moved:
//
//   - each case "tasdeeq:case:<id>" to CaseKey(r, id) (RENAME: the TTL is kept), indexed by
//     status (StatusKey) in the same MULTI. Case ids are part of a contract (reporters and
//     agencies know them) and keep their value, so an old case lives in the shard of its id,
//     which is usually not its reporter's: on one Redis node that changes nothing, and only new
//     cases (Store.NewID) are guaranteed to share their reporter's shard;
//   - each user's case index "tasdeeq:u:{<id>}:cases" to UserKey(r, id) (merged into it if it
//     exists);
//   - the review queue: its cases are indexed from the cases themselves, so it is deleted;
//   - the outbox stream's entries, in order, to the outbox stream of their case's shard, and the
//     old stream deleted. Its consumer group goes with it, so the entries that were pending (read
//     but not acknowledged) are delivered again: at least once, as ever, and the endpoints are
//     idempotent by case id;
//   - the scheduled retries and the dead letters to their case's shard.
//
// Every batch moves in one MULTI (adding the new entries and deleting the old), so a migration
// cut short is completed by the next run, and a run with nothing left to move moves nothing. It
// is meant for serve at start, on one Redis node (or the primary behind Sentinel): on a cluster
// client it returns an error, the old layout never having lived on a cluster.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (moved int, err error) {
	if _, ok := rdb.(*redis.ClusterClient); ok {
		return 0, errors.New("referrals: migrate layout: not on a cluster client (it has no data of the old layout)")
	}
	steps := []struct {
		name string
		run  func(context.Context, redis.UniversalClient, shards.Ring) (int, error)
	}{
		{"cases", migrateCases},
		{"case indexes", migrateUserIndexes},
		{"review queue", func(ctx context.Context, rdb redis.UniversalClient, _ shards.Ring) (int, error) {
			return 0, rdb.Del(ctx, oldReview).Err()
		}},
		{"outbox", func(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
			return migrateStream(ctx, rdb, oldOutbox, func(id string) string { return OutboxStream(r.OfString(id)) })
		}},
		{"dead letters", func(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
			return migrateStream(ctx, rdb, oldDead, func(id string) string { return DeadStream(r.OfString(id)) })
		}},
		{"retries", migrateRetries},
	}
	for _, s := range steps {
		n, err := s.run(ctx, rdb, r)
		moved += n
		if err != nil {
			return moved, fmt.Errorf("referrals: migrate %s: %w", s.name, err)
		}
	}
	return moved, nil
}

// migrateCases renames each old case key and indexes the case by its status, in one MULTI. A
// case whose new name is taken (impossible unless a case was made under the new layout with the
// same id before the migration ran) stays under its old name, untouched.
func migrateCases(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, oldCasePrefix+"*")
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, old := range keys {
		id := NormalizeID(strings.TrimPrefix(old, oldCasePrefix))
		if id == "" {
			continue
		}
		raw, err := rdb.Get(ctx, old).Bytes()
		if errors.Is(err, redis.Nil) {
			continue // expired meanwhile
		}
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", old, err)
		}
		var c Case
		if err := json.Unmarshal(raw, &c); err != nil || !KnownStatus(c.Status) {
			c = Case{Status: StatusDead} // unreadable: kept, listed among the dead for a look
		}
		var rn *redis.BoolCmd
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			rn = p.RenameNX(ctx, old, CaseKey(r, id))
			p.ZAdd(ctx, StatusKey(r.OfString(id), c.Status), redis.Z{Score: float64(c.CreatedAt.UnixMilli()), Member: id})
			return nil
		})
		switch {
		case err != nil && strings.Contains(strings.ToLower(err.Error()), "no such key"):
			continue // expired meanwhile; the index entry is dropped when a reader meets it
		case err != nil:
			return moved, fmt.Errorf("move %s: %w", old, err)
		case rn.Val():
			moved++
		}
	}
	return moved, nil
}

// migrateUserIndexes moves each user's case index, merging it into a new one already there.
func migrateUserIndexes(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, "tasdeeq:u:{*}:cases")
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, old := range keys {
		idText, ok := strings.CutSuffix(strings.TrimPrefix(old, "tasdeeq:u:{"), "}:cases")
		user, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil {
			continue
		}
		to := UserKey(r, user)
		done, err := rdb.RenameNX(ctx, old, to).Result()
		if err != nil {
			if strings.Contains(strings.ToLower(err.Error()), "no such key") {
				continue
			}
			return moved, fmt.Errorf("move %s: %w", old, err)
		}
		if !done {
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.SUnionStore(ctx, to, to, old)
				p.Expire(ctx, to, Retention)
				p.Del(ctx, old)
				return nil
			})
			if err != nil {
				return moved, fmt.Errorf("merge %s: %w", old, err)
			}
		}
		moved++
	}
	return moved, nil
}

// migrateStream moves the entries of an old stream, in order, to the stream to(case id) of
// their case's shard, with their fields, in batches of one MULTI each (new entries added, old
// ones deleted); an entry with no valid case id is dropped. The old stream, emptied, is deleted
// with its consumer group.
func migrateStream(ctx context.Context, rdb redis.UniversalClient, old string, to func(id string) string) (int, error) {
	moved := 0
	for {
		msgs, err := rdb.XRangeN(ctx, old, "-", "+", migrateBatch).Result()
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", old, err)
		}
		if len(msgs) == 0 {
			return moved, rdb.Del(ctx, old).Err()
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			ids := make([]string, len(msgs))
			for i, m := range msgs {
				ids[i] = m.ID
				id, _ := m.Values["c"].(string)
				if id = NormalizeID(id); id != "" {
					p.XAdd(ctx, &redis.XAddArgs{Stream: to(id), Values: m.Values})
				}
			}
			p.XDel(ctx, old, ids...)
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move entries of %s: %w", old, err)
		}
		moved += len(msgs)
	}
}

// migrateRetries moves the scheduled retries, "<id>|<target>" due at their score, to their
// case's shard.
func migrateRetries(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	moved := 0
	for {
		zs, err := rdb.ZRangeWithScores(ctx, oldRetry, 0, migrateBatch-1).Result()
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", oldRetry, err)
		}
		if len(zs) == 0 {
			return moved, nil
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for _, z := range zs {
				m, _ := z.Member.(string)
				id, _, _ := strings.Cut(m, "|")
				if id = NormalizeID(id); id != "" {
					p.ZAdd(ctx, RetryKey(r.OfString(id)), z)
				}
				p.ZRem(ctx, oldRetry, m)
			}
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move %s: %w", oldRetry, err)
		}
		moved += len(zs)
	}
}
