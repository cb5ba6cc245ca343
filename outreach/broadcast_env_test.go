package outreach_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
)

// chatBase is the first chat id the tests use; on a real Redis, blocked marks of these chats are
// deleted before and after each test.
const chatBase int64 = 7_100_000_000

// backends runs fn against miniredis and, when REDIS_URL is set, against that Redis. The
// broadcaster writes to outbox.BroadcastsStream, so on a real Redis the test deletes the keys it
// owns (tasdeeq:subs*, tasdeeq:campaign*, tasdeeq:send:*, the test chats' blocked marks) before
// and after: use a database of its own (REDIS_URL=redis://127.0.0.1:6379/6).
func backends(t *testing.T, fn func(t *testing.T, rdb redis.UniversalClient)) {
	t.Helper()
	patterns := []string{"tasdeeq:subs*", "tasdeeq:campaign*", "tasdeeq:send:*", "tasdeeq:blocked:71000*"}
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) { fn(t, b.RDB) })
}

// streamMessages decodes every entry left on the broadcasts stream.
func streamMessages(t *testing.T, rdb redis.UniversalClient) []outbox.Outgoing {
	t.Helper()
	es, err := rdb.XRange(context.Background(), outbox.BroadcastsStream, "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]outbox.Outgoing, 0, len(es))
	for _, e := range es {
		var o outbox.Outgoing
		if err := json.Unmarshal([]byte(e.Values["m"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}
