package accounts

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
)

// Key names before issue 19 gave the accounts and the audit log hash tags.
const (
	oldAccountPrefix  = "tasdeeq:account:"
	oldAllKey         = "tasdeeq:accounts"
	oldTelegramPrefix = "tasdeeq:accounts:telegram:"
	oldAuditStream    = "tasdeeq:audit"
)

// MigrateLayout moves the accounts, their Telegram links and the audit log from the key names
// used before issue 19 to the tagged ones of this version, keeping every value (and the audit
// log's entry ids and order). It returns how many keys it moved. serve runs it once at start,
// before it serves, on a single Redis node (keymove.ErrCluster on a cluster client); a second
// run moves nothing.
//
// A key whose new name already exists is left under its old name and reported as an error:
// accounts and the audit log are not rebuilt, so which copy to keep is for an operator to say.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient) (moved int, err error) {
	families := []struct {
		pattern string
		newName func(string) string
	}{
		{oldAccountPrefix + "*", keymove.Prefix(oldAccountPrefix, accountPrefix)},
		{oldTelegramPrefix + "*", keymove.Prefix(oldTelegramPrefix, telegramPrefix)},
		{oldAllKey, func(string) string { return allKey }},
		{oldAuditStream, func(string) string { return AuditStream }},
	}
	taken := 0
	for _, f := range families {
		n, t, err := keymove.Rename(ctx, rdb, f.pattern, f.newName)
		moved, taken = moved+n, taken+len(t)
		if err != nil {
			return moved, fmt.Errorf("accounts: move to the tagged key layout: %w", err)
		}
	}
	if taken > 0 {
		return moved, fmt.Errorf("accounts: %d keys of accounts or the audit log left under their old names (tasdeeq:account*, tasdeeq:audit): their new names exist already", taken)
	}
	return moved, nil
}
