package indicators

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
)

// oldPrefix started the crowd reports' keys before issue 19 gave them a hash tag.
const oldPrefix = "tasdeeq:crowd:"

// MigrateLayout moves every key of the crowd reports (indicators, fingerprints, the index, marks,
// reporters' lists, the id sequence, and the key that serve generates when none is configured)
// from the names used before issue 19 to those under the crowd tag, keeping values and expiries.
// It returns how many keys it moved. serve runs it once at start, before it opens the store and
// before MigrateBuckets (which then finds the older bucket layout under the new prefix), on a
// single Redis node (keymove.ErrCluster on a cluster client); a second run moves nothing.
//
// A key whose new name already exists is left under its old name and reported as an error:
// reports are not rebuilt, and two fingerprint sequences or HMAC keys cannot be merged, so which
// to keep is for an operator to say.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient) (moved int, err error) {
	moved, taken, err := keymove.Rename(ctx, rdb, oldPrefix+"*", keymove.Prefix(oldPrefix, keyPrefix))
	if err != nil {
		return moved, fmt.Errorf("indicators: move to the tagged key layout: %w", err)
	}
	if len(taken) > 0 {
		return moved, fmt.Errorf("indicators: %d keys of the crowd reports left under their old names (%s*): their new names exist already", len(taken), oldPrefix)
	}
	return moved, nil
}
