package streams

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// EvalEach runs script once for each set of keys, in one pipeline, with the same args: a script
// that must run on every shard (each run on one shard's keys, so each stays in one slot). It
// sends EVALSHA first and, when a node does not know the script yet (after a restart), EVAL for
// those runs. It returns the commands in the order of keys; the error is the first run that
// failed.
func EvalEach(ctx context.Context, rdb redis.Cmdable, script *redis.Script, keys [][]string, args ...any) ([]*redis.Cmd, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	run := func(retry []int, eval bool, cmds []*redis.Cmd) {
		p := rdb.Pipeline()
		for _, i := range retry {
			if eval {
				cmds[i] = script.Eval(ctx, p, keys[i], args...)
			} else {
				cmds[i] = script.EvalSha(ctx, p, keys[i], args...)
			}
		}
		_, _ = p.Exec(ctx) // each command's error is looked at by the caller
	}
	cmds := make([]*redis.Cmd, len(keys))
	all := make([]int, len(keys))
	for i := range all {
		all[i] = i
	}
	run(all, false, cmds)
	var missing []int
	for i, c := range cmds {
		if redis.HasErrorPrefix(c.Err(), "NOSCRIPT") {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		run(missing, true, cmds)
	}
	for i, c := range cmds {
		if err := c.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return cmds, fmt.Errorf("script on %v: %w", keys[i], err)
		}
	}
	return cmds, nil
}
