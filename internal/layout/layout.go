// Package layout moves Redis keys from an old layout to a new one when serve starts: the
// plumbing of each package's MigrateLayout (issue 19 put every key under a hash tag so that
// Tasdeeq runs on Redis Cluster). A migration runs on one Redis node (or a Sentinel primary),
// where keys of any slots may be renamed together, never on a cluster, which starts empty.
package layout

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Rename gives every key matching pattern the name to returns for it, keeping its value and time
// to live (RENAME). A key to refuses (ok false) is left alone. When the new name is taken already
// (written since the upgrade began), the new key wins and the old one is deleted. It returns how
// many keys were moved; running it again moves nothing more.
func Rename(ctx context.Context, rdb redis.UniversalClient, pattern string, to func(old string) (string, bool)) (int, error) {
	var olds []string
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	for iter.Next(ctx) {
		olds = append(olds, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return 0, fmt.Errorf("list %s: %w", pattern, err)
	}
	moved := 0
	for _, old := range olds {
		name, ok := to(old)
		if !ok || name == old {
			continue
		}
		done, err := rdb.RenameNX(ctx, old, name).Result()
		switch {
		case err != nil && isNoSuchKey(err):
			continue // gone meanwhile (expired)
		case err != nil:
			return moved, fmt.Errorf("move %s: %w", old, err)
		case !done:
			if err := rdb.Del(ctx, old).Err(); err != nil {
				return moved, fmt.Errorf("drop %s: %w", old, err)
			}
		default:
			moved++
		}
	}
	return moved, nil
}

// Delete deletes every key matching pattern, and returns how many there were.
func Delete(ctx context.Context, rdb redis.UniversalClient, pattern string) (int, error) {
	deleted := 0
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	for iter.Next(ctx) {
		if err := rdb.Del(ctx, iter.Val()).Err(); err != nil {
			return deleted, fmt.Errorf("delete %s: %w", iter.Val(), err)
		}
		deleted++
	}
	if err := iter.Err(); err != nil {
		return deleted, fmt.Errorf("list %s: %w", pattern, err)
	}
	return deleted, nil
}

// MoveStream moves the entries of stream old, oldest first, to the streams to names for each
// (an entry to refuses is dropped), then deletes old. The entries get new ids; old's consumer
// groups are not carried over, so an entry a consumer had read but not acknowledged is read again
// from the new stream (the streams are delivered at least once anyway). Each batch is copied and
// deleted from old in one transaction, so an interrupted move goes on where it stopped. It
// returns how many entries were moved.
func MoveStream(ctx context.Context, rdb redis.UniversalClient, old string, to func(redis.XMessage) (string, bool)) (int, error) {
	moved := 0
	for {
		es, err := rdb.XRangeN(ctx, old, "-", "+", 500).Result()
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", old, err)
		}
		if len(es) == 0 {
			break
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for _, e := range es {
				if name, ok := to(e); ok {
					values := make([]any, 0, 2*len(e.Values))
					for k, v := range e.Values {
						values = append(values, k, v)
					}
					p.XAdd(ctx, &redis.XAddArgs{Stream: name, Values: values})
					moved++
				}
				p.XDel(ctx, old, e.ID)
			}
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move entries of %s: %w", old, err)
		}
	}
	if err := rdb.Del(ctx, old).Err(); err != nil {
		return moved, fmt.Errorf("delete %s: %w", old, err)
	}
	return moved, nil
}

// isNoSuchKey reports RENAME's error for a key that is gone.
func isNoSuchKey(err error) bool {
	var rerr redis.Error
	return errors.As(err, &rerr) && rerr.Error() == "ERR no such key"
}
