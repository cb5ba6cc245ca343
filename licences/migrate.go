package licences

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
)

// oldPrefix started the register's keys before issue 19 gave them a hash tag.
const oldPrefix = "tasdeeq:licences:"

// MigrateLayout moves the register (the current-version pointer, its meta and every version's
// records) from the key names used before issue 19 to those under DefaultPrefix, keeping values
// and expiries, and lists every version it finds in the set of versions, so that the next import
// retires the stale ones. It returns how many keys it moved. serve runs it once at start on a
// single Redis node (keymove.ErrCluster on a cluster client); a second run moves nothing.
//
// Where a key of the new layout exists already, it was written by an import of this version,
// which is newer than anything under the old names: it wins, and the old key is deleted.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient) (moved int, err error) {
	moved, taken, err := keymove.Rename(ctx, rdb, oldPrefix+"*", keymove.Prefix(oldPrefix, DefaultPrefix))
	if err != nil {
		return moved, fmt.Errorf("licences: move to the tagged key layout: %w", err)
	}
	// One DEL per key: the old keys have no common tag.
	_, err = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range taken {
			p.Del(ctx, k)
		}
		return nil
	})
	if err != nil {
		return moved, fmt.Errorf("licences: drop the old keys replaced meanwhile: %w", err)
	}
	s := NewStore(rdb)
	iter := rdb.Scan(ctx, 0, DefaultPrefix+"v:*:records", 1000).Iterator()
	for iter.Next(ctx) {
		version := strings.TrimSuffix(strings.TrimPrefix(iter.Val(), DefaultPrefix+"v:"), ":records")
		if err := rdb.SAdd(ctx, s.versionsKey(), version).Err(); err != nil {
			return moved, fmt.Errorf("licences: list version %s: %w", version, err)
		}
	}
	if err := iter.Err(); err != nil {
		return moved, fmt.Errorf("licences: list the versions: %w", err)
	}
	return moved, nil
}
