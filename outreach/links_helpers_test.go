package outreach_test

import (
	"context"
	"image"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
)

// linksBackend is one Redis the link, stats and admin tests run against.
type linksBackend struct {
	name string
	rdb  *redis.Client
	mr   *miniredis.Miniredis // nil for a real Redis
}

// linksBackends returns a fresh miniredis and, when REDIS_URL is set, that Redis with the keys
// of outreachPatterns deleted before and after the test. Tests using it must not
// run in parallel: on a real Redis they share those keys.
func linksBackends(t *testing.T) []linksBackend {
	t.Helper()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), MaxRetries: -1, DialerRetries: 1, DialTimeout: time.Second})
	t.Cleanup(func() { rdb.Close() })
	out := []linksBackend{{name: "miniredis", rdb: rdb, mr: mr}}
	if url := os.Getenv("REDIS_URL"); url != "" {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		real := redis.NewClient(opts)
		if err := real.Ping(context.Background()).Err(); err != nil {
			t.Fatalf("REDIS_URL: ping: %v", err)
		}
		linksCleanKeys(t, real)
		t.Cleanup(func() {
			linksCleanKeys(t, real)
			real.Close()
		})
		out = append(out, linksBackend{name: "redis", rdb: real})
	}
	return out
}

func linksCleanKeys(t *testing.T, rdb *redis.Client) {
	t.Helper()
	ctx := context.Background()
	for _, pattern := range outreachPatterns {
		iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
		var keys []string
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Fatalf("scan %s: %v", pattern, err)
		}
		if len(keys) > 0 {
			if err := rdb.Del(ctx, keys...).Err(); err != nil {
				t.Fatalf("delete %s: %v", pattern, err)
			}
		}
	}
}

// linksClock is a fake clock that moves one second forward on every reading.
type linksClock struct {
	mu sync.Mutex
	t  time.Time
}

func newLinksClock(start time.Time) *linksClock { return &linksClock{t: start} }

func (c *linksClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// decodeQR decodes a QR code PNG and returns its text and the image's bounds.
func decodeQR(t *testing.T, data []byte) (string, image.Image) {
	t.Helper()
	return qrtest.Decode(t, data)
}
