// Package streams holds the plumbing every Redis stream consumer of Tasdeeq needs (the sender,
// the OCR worker, the referral worker, the broadcaster): creating a consumer group, noticing that
// it vanished, naming this process's consumer and sleeping with a context. Written once so that
// the consumers recover from a Redis restart the same way.
//
// On Redis Cluster each shard (package shards) has its own streams, in its own slot, and one
// XREADGROUP may not name streams of two slots. A consumer of every shard's stream therefore
// reads them with one command each, pipelined (go-redis sends a pipeline to each node in
// parallel):
//
//   - EnsureGroups creates the group on every stream at once;
//   - Cursor and Poll read, without blocking, each stream's own pending entries (after a restart
//     or a claim) and then new ones: what a worker for rare jobs (referrals, pictures) calls every
//     tick;
//   - ClaimIdle takes over the entries a dead consumer left pending on one stream;
//   - EvalEach runs a script once per shard, pipelined, each run on one shard's keys;
//   - Leases shares the shards among the live replicas when each shard must be consumed by one
//     replica at a time (the sender, to keep each chat's messages in order);
//   - PoolSize tells how many connections a client may hold, which bounds how many blocking
//     reads a consumer may keep waiting at once (each holds a connection for its whole wait).
//
// A worker that moves to per-shard streams (the OCR worker, for one) typically keeps one Cursor
// over the streams of every shard (or of the shards it owns), calls EnsureGroups at start and
// again when an error satisfies IsNoGroup, calls Poll every tick (Poll returns at once; sleep a
// short while when nothing came), and every claim interval calls ClaimIdle on each stream and
// Rewind on those where it took something over.
package streams

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// EnsureGroup creates a consumer group (and its stream) unless it exists, reading from the start
// so that entries queued before the first consumer ran are delivered too.
func EnsureGroup(ctx context.Context, rdb redis.Cmdable, stream, group string) error {
	err := rdb.XGroupCreateMkStream(ctx, stream, group, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("create consumer group %s on %s: %w", group, stream, err)
	}
	return nil
}

// EnsureGroups creates group on every stream, as EnsureGroup does, in one pipeline: on Redis
// Cluster the streams of different shards live on different nodes, and one command each is the
// only way.
func EnsureGroups(ctx context.Context, rdb redis.Cmdable, group string, streams ...string) error {
	if len(streams) == 0 {
		return nil
	}
	p := rdb.Pipeline()
	cmds := make([]*redis.StatusCmd, len(streams))
	for i, st := range streams {
		cmds[i] = p.XGroupCreateMkStream(ctx, st, group, "0")
	}
	_, _ = p.Exec(ctx) // each command's error is looked at below
	for i, c := range cmds {
		if err := c.Err(); err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
			return fmt.Errorf("create consumer group %s on %s: %w", group, streams[i], err)
		}
	}
	return nil
}

// IsNoGroup reports a missing consumer group (Redis restarted empty, or the stream deleted),
// also when the error has been wrapped with context. The consumer then calls EnsureGroup again.
func IsNoGroup(err error) bool { return err != nil && strings.Contains(err.Error(), "NOGROUP") }

// ConsumerName tells this process's consumer apart from other replicas': hostname-pid.
func ConsumerName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "tasdeeq"
	}
	return host + "-" + strconv.Itoa(os.Getpid())
}

// PoolSize is how many connections c may open (to each node, on a cluster client): go-redis's
// PoolSize, 10 per GOMAXPROCS unless configured. A blocking read holds one of them for its whole
// wait, so a consumer that keeps several blocking reads waiting must leave most of the pool to
// everything else. For a client of another kind it returns 10.
func PoolSize(c redis.UniversalClient) int {
	n := 10
	switch c := c.(type) {
	case *redis.Client:
		n = c.Options().PoolSize
	case *redis.ClusterClient:
		n = c.Options().PoolSize // left zero when not set: each node's pool takes the default
	}
	if n <= 0 {
		n = 10 * runtime.GOMAXPROCS(0)
	}
	return n
}

// Sleep waits d on the wall clock or until ctx is done, and returns ctx.Err() in that case.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
