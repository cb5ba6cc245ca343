package outreach_test

import (
	"image"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

// linksBackend is one Redis the link, stats and admin tests run against.
type linksBackend struct {
	name string
	rdb  redis.UniversalClient
	mr   *miniredis.Miniredis // nil for a real Redis
}

// linksBackends returns a fresh miniredis and, when REDIS_URL or REDIS_CLUSTER_URL is set, that
// Redis or Redis Cluster with the keys of outreachPatterns deleted before and after the test
// (redistest.Backends), each client with the slot guard. Tests using it must not run in
// parallel: on a real Redis they share those keys.
func linksBackends(t *testing.T) []linksBackend {
	t.Helper()
	var out []linksBackend
	for _, b := range redistest.Backends(t, outreachPatterns) {
		if b.MR != nil {
			out = append(out, linksMiniredisOf(t, b))
			continue
		}
		out = append(out, linksBackend{name: b.Name, rdb: b.RDB})
	}
	return out
}

// linksMiniredis is a fresh miniredis alone, for a test that closes it or needs no other Redis.
func linksMiniredis(t *testing.T) linksBackend {
	t.Helper()
	return linksMiniredisOf(t, redistest.Miniredis(t))
}

// linksMiniredisOf is the backend of b's miniredis, with a client that fails at once, without
// retries, once a test has closed it.
func linksMiniredisOf(t *testing.T, b redistest.Backend) linksBackend {
	rdb := b.Client(t, func(o *redis.Options) { o.MaxRetries, o.DialerRetries, o.DialTimeout = -1, 1, time.Second })
	return linksBackend{name: b.Name, rdb: rdb, mr: b.MR}
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
