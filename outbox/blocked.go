package outbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// BlockedTTL is how long a chat stays marked blocked after Telegram answered 403 for it.
const BlockedTTL = 30 * 24 * time.Hour

// BlockedKey marks a chat whose user blocked the bot; the sender drops messages to it. The value
// is the time of the 403 in Unix milliseconds. It lives in the chat's shard (for a private chat,
// its user's), beside the session it is read with.
func BlockedKey(r shards.Ring, chatID int64) string {
	return r.Of(chatID).Key("blocked:" + strconv.FormatInt(chatID, 10))
}

// Blocked reports whether the user of chatID blocked the bot (Telegram answered 403 within
// BlockedTTL and no reply has gone through since).
func Blocked(ctx context.Context, rdb redis.Cmdable, r shards.Ring, chatID int64) (bool, error) {
	n, err := rdb.Exists(ctx, BlockedKey(r, chatID)).Result()
	if err != nil {
		return false, fmt.Errorf("check blocked chat: %w", err)
	}
	return n > 0, nil
}

// BlockedSince returns when chatID was marked blocked, and whether it is.
func BlockedSince(ctx context.Context, rdb redis.Cmdable, r shards.Ring, chatID int64) (time.Time, bool, error) {
	v, err := rdb.Get(ctx, BlockedKey(r, chatID)).Result()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("check blocked chat: %w", err)
	}
	ms, _ := strconv.ParseInt(v, 10, 64) // unreadable: blocked since the epoch
	return time.UnixMilli(ms), true, nil
}

// MarkBlocked marks chatID blocked as of at (Telegram answered 403), for BlockedTTL.
func MarkBlocked(ctx context.Context, rdb redis.Cmdable, r shards.Ring, chatID int64, at time.Time) error {
	if err := rdb.Set(ctx, BlockedKey(r, chatID), at.UnixMilli(), BlockedTTL).Err(); err != nil {
		return fmt.Errorf("mark chat blocked: %w", err)
	}
	return nil
}

// Unblock removes the mark: a message to the chat went through again.
func Unblock(ctx context.Context, rdb redis.Cmdable, r shards.Ring, chatID int64) error {
	if err := rdb.Del(ctx, BlockedKey(r, chatID)).Err(); err != nil {
		return fmt.Errorf("unmark blocked chat: %w", err)
	}
	return nil
}
