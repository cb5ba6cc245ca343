// Package streams holds the plumbing every Redis stream consumer of Tasdeeq needs (the sender,
// the OCR worker, the referral worker, the broadcaster): creating a consumer group, noticing that
// it vanished, naming this process's consumer and sleeping with a context. Written once so that
// the consumers recover from a Redis restart the same way.
package streams

import (
	"context"
	"fmt"
	"os"
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
