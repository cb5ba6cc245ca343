// Package keymove renames Redis keys from an old layout to a new one: the start-up migrations
// of issue 19, which give each kind of data a hash tag so that it can live on Redis Cluster.
//
// It works on one Redis node only (a single node, or the primary behind Sentinel): SCAN on a
// cluster client walks one primary, and RENAME between two slots is refused there. A deployment
// that starts on Cluster has no keys of the old layout, so it has nothing to move.
package keymove

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"
)

// ErrCluster is returned for a Redis Cluster client: the old layout only ever lived on one node.
var ErrCluster = errors.New("keymove: the old key layout is moved on a single Redis node, not on a cluster")

// Rename moves every key matching pattern (a SCAN MATCH pattern) to newName(key), skipping the
// keys for which newName returns "". RENAME keeps a key's value, type, expiry and, for a
// stream, its entry ids and consumer groups, so nothing about the data changes but its name.
//
// A key whose new name is already taken is not moved, so that data written under the new
// layout is never overwritten: Rename leaves it under its old name and lists it in taken, for
// the caller to drop (data that is soon rebuilt) or report (data that is not). A key that
// vanishes meanwhile (moved by another replica migrating at the same time, or expired) is
// skipped. Running Rename again moves only what is still under the old names.
func Rename(ctx context.Context, rdb redis.UniversalClient, pattern string, newName func(old string) string) (moved int, taken []string, err error) {
	if _, ok := rdb.(*redis.ClusterClient); ok {
		return 0, nil, ErrCluster
	}
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	for iter.Next(ctx) {
		old := iter.Val()
		to := newName(old)
		if to == "" || to == old {
			continue
		}
		ok, err := rdb.RenameNX(ctx, old, to).Result()
		switch {
		case err != nil && isNoSuchKey(err):
			continue
		case err != nil:
			return moved, taken, fmt.Errorf("keymove: rename %s: %w", old, err)
		case ok:
			moved++
		default:
			taken = append(taken, old)
		}
	}
	if err := iter.Err(); err != nil {
		return moved, taken, fmt.Errorf("keymove: scan %s: %w", pattern, err)
	}
	return moved, taken, nil
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

// RenameNewerWins moves keys as Rename does, and deletes each old key whose new name was taken
// meanwhile: for data the running version rewrites (sessions, counters), the newer value wins.
// The old keys are deleted one DEL each, in one pipeline: they share no hash tag.
func RenameNewerWins(ctx context.Context, rdb redis.UniversalClient, pattern string, newName func(old string) string) (int, error) {
	moved, taken, err := Rename(ctx, rdb, pattern, newName)
	if err != nil || len(taken) == 0 {
		return moved, err
	}
	_, err = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range taken {
			p.Del(ctx, k)
		}
		return nil
	})
	if err != nil {
		return moved, fmt.Errorf("keymove: drop the old keys replaced meanwhile: %w", err)
	}
	return moved, nil
}

// Scan lists the keys matching pattern, sorted and each once (SCAN may return a key twice): a
// migration reads them all before it moves any, so that the keys it writes are not met again.
func Scan(ctx context.Context, rdb redis.UniversalClient, pattern string) ([]string, error) {
	var out []string
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	for iter.Next(ctx) {
		out = append(out, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: %w", pattern, err)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Prefix is the newName of a family of keys that only changes its prefix: it maps oldPrefix+rest
// to newPrefix+rest, and any other key to "".
func Prefix(oldPrefix, newPrefix string) func(string) string {
	return func(key string) string {
		rest, ok := strings.CutPrefix(key, oldPrefix)
		if !ok {
			return ""
		}
		return newPrefix + rest
	}
}

// isNoSuchKey says whether RENAME failed because its source key is gone.
func isNoSuchKey(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "no such key")
}
