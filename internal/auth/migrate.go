package auth

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
)

// oldPrefix started the console's keys before issue 19 gave them a hash tag.
const oldPrefix = "tasdeeq:console:"

// MigrateLayout moves the console's sessions and login counters from the key names used before
// issue 19 to the tagged ones, keeping their values and expiries, so that an upgrade neither logs
// everyone out nor forgets the failed logins being counted. It returns how many keys it moved.
// serve runs it once at start on a single Redis node (keymove.ErrCluster on a cluster client);
// a second run moves nothing.
//
// Where a key of the new layout exists already (a login counter started by this version), it
// wins and the old key is deleted: both are short-lived, and the window of the newer one is the
// one running.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient) (moved int, err error) {
	moved, err = keymove.RenameNewerWins(ctx, rdb, oldPrefix+"*", keymove.Prefix(oldPrefix, keyPrefix))
	if err != nil {
		return moved, fmt.Errorf("console sessions: move to the tagged key layout: %w", err)
	}
	return moved, nil
}
