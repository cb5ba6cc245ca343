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
// When there is a register under both names, it moves nothing and returns an error. The one
// under the new names was written before the migration: a newer import (by the command line), or
// the sample that serve seeds into an empty register; the first should win, the second must
// not, and only an operator can tell them apart. So serve must run MigrateLayout before it seeds
// the register.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient) (moved int, err error) {
	oldCurrent, err := rdb.Exists(ctx, oldPrefix+"current").Result()
	if err != nil {
		return 0, fmt.Errorf("licences: move to the tagged key layout: %w", err)
	}
	newCurrent, err := rdb.Exists(ctx, DefaultPrefix+"current").Result()
	if err != nil {
		return 0, fmt.Errorf("licences: move to the tagged key layout: %w", err)
	}
	if oldCurrent > 0 && newCurrent > 0 {
		return 0, fmt.Errorf("licences: a register under the old key names (%s*) and one under the new (%s*): "+
			"delete the old keys to keep the one imported since the upgrade, or the new keys to move the old one, and start again", oldPrefix, DefaultPrefix)
	}
	moved, taken, err := keymove.Rename(ctx, rdb, oldPrefix+"*", keymove.Prefix(oldPrefix, DefaultPrefix))
	if err != nil {
		return moved, fmt.Errorf("licences: move to the tagged key layout: %w", err)
	}
	if len(taken) > 0 {
		return moved, fmt.Errorf("licences: %d keys of the register left under their old names (%s*): their new names exist already", len(taken), oldPrefix)
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
