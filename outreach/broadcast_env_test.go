package outreach_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// chatBase is the first chat id the tests use; on a real Redis, blocked marks of these chats are
// deleted before and after each test.
const chatBase int64 = 7_100_000_000

// outreachPatterns are the keys the outreach tests own, in the sharded layout and the one before
// it (the migration tests write that).
var outreachPatterns = []string{
	"tasdeeq:{s*}:subs:*", "tasdeeq:{campaigns}:*", "tasdeeq:{s*}:campaign:*", "tasdeeq:{s*}:send:*",
	"tasdeeq:{s*}:blocked:71000*", "tasdeeq:{links}:*", "tasdeeq:{s*}:stats:*", "tasdeeq:{s*}:u:*:links",
	"tasdeeq:subs*", "tasdeeq:campaign*", "tasdeeq:send:*", "tasdeeq:links*", "tasdeeq:stats*", "tasdeeq:u:{*}:links",
}

// backends runs fn against miniredis and, when REDIS_URL is set, against that Redis. The
// broadcaster writes to the shards' broadcasts streams, so on a real Redis the test deletes the
// keys it owns (outreachPatterns) before and after: use a database of its own
// (REDIS_URL=redis://127.0.0.1:6379/12).
func backends(t *testing.T, fn func(t *testing.T, rdb redis.UniversalClient)) {
	t.Helper()
	redistest.Each(t, outreachPatterns, func(t *testing.T, b redistest.Backend) { fn(t, b.RDB) })
}

// streamMessages decodes every entry left on the broadcasts streams of the default ring, shard
// after shard, each in stream order.
func streamMessages(t *testing.T, rdb redis.UniversalClient) []outbox.Outgoing {
	t.Helper()
	var out []outbox.Outgoing
	for _, msgs := range shardMessages(t, rdb, shards.Ring{}) {
		out = append(out, msgs...)
	}
	return out
}

// shardMessages decodes every entry left on each shard's broadcasts stream, by shard index.
func shardMessages(t *testing.T, rdb redis.UniversalClient, r shards.Ring) map[int][]outbox.Outgoing {
	t.Helper()
	out := map[int][]outbox.Outgoing{}
	for _, sh := range r.All() {
		for _, e := range streamEntries(t, rdb, sh) {
			out[sh.Index()] = append(out[sh.Index()], e.msg)
		}
	}
	return out
}

type streamEntry struct {
	id  string
	msg outbox.Outgoing
}

// streamEntries decodes a shard's broadcasts stream.
func streamEntries(t *testing.T, rdb redis.UniversalClient, sh shards.Shard) []streamEntry {
	t.Helper()
	es, err := rdb.XRange(context.Background(), outbox.BroadcastsStream(sh), "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]streamEntry, 0, len(es))
	for _, e := range es {
		var o outbox.Outgoing
		if err := json.Unmarshal([]byte(e.Values["m"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, streamEntry{e.ID, o})
	}
	return out
}

// guard is a go-redis hook that records what a client on a serving path must not send: a SCAN
// or KEYS, and an atomic unit (a MULTI/EXEC, a script, a command of several keys) whose keys
// are of more than one hash tag, which Redis Cluster refuses.
type guard struct {
	mu     sync.Mutex
	errors []string
}

func (g *guard) DialHook(next redis.DialHook) redis.DialHook { return next }

func (g *guard) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		g.check([]redis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (g *guard) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && strings.EqualFold(cmds[0].Name(), "multi") {
			g.check(cmds) // one atomic unit
		} else {
			for _, c := range cmds {
				g.check([]redis.Cmder{c})
			}
		}
		return next(ctx, cmds)
	}
}

// check records a SCAN, or keys of several tags in cmds, which run as one unit.
func (g *guard) check(cmds []redis.Cmder) {
	tags := map[string]bool{}
	for _, c := range cmds {
		switch name := strings.ToLower(c.Name()); name {
		case "scan", "keys", "hscan", "sscan", "zscan":
			g.add(name)
		}
		for _, k := range cmdKeys(c) {
			tags[hashTag(k)] = true
		}
	}
	if len(tags) > 1 {
		var names []string
		for _, c := range cmds {
			names = append(names, c.Name())
		}
		g.add(fmt.Sprintf("cross-slot %v over tags %v", names, tags))
	}
}

func (g *guard) add(e string) {
	g.mu.Lock()
	g.errors = append(g.errors, e)
	g.mu.Unlock()
}

// cmdKeys are the keys a command names (for a script, its KEYS and the key prefixes among its
// ARGV, which it completes into keys of the same tag).
func cmdKeys(c redis.Cmder) []string {
	args := c.Args()
	var out []string
	switch strings.ToLower(c.Name()) {
	case "multi", "exec", "discard", "ping", "unwatch", "scan", "keys":
		return nil
	case "eval", "evalsha":
		n, _ := args[2].(int)
		for i := range n {
			out = append(out, fmt.Sprint(args[3+i]))
		}
		for _, a := range args[3+n:] {
			if s, ok := a.(string); ok && strings.HasPrefix(s, "tasdeeq:") {
				out = append(out, s)
			}
		}
		return out
	case "mget", "del", "exists", "unlink", "watch", "touch":
		for _, a := range args[1:] {
			out = append(out, fmt.Sprint(a))
		}
		return out
	}
	if len(args) > 1 {
		out = append(out, fmt.Sprint(args[1]))
	}
	return out
}

// hashTag is what Redis Cluster hashes of a key: the part between the first { and the next },
// when not empty, else the whole key.
func hashTag(key string) string {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			return key[i+1 : i+1+j]
		}
	}
	return key
}

// guardedClient is a client on the same Redis as rdb that fails the test, at its end, if any
// command it sent was a SCAN or KEYS or an atomic unit crossed hash tags.
func guardedClient(t *testing.T, rdb redis.UniversalClient) redis.UniversalClient {
	t.Helper()
	var r redis.UniversalClient
	switch c := rdb.(type) {
	case *redis.Client:
		r = redis.NewClient(c.Options())
	case *redis.ClusterClient:
		r = redis.NewClusterClient(c.Options())
	default:
		t.Fatalf("guardedClient: %T is neither a one-node nor a cluster client", rdb)
	}
	g := &guard{}
	r.AddHook(g)
	t.Cleanup(func() {
		_ = r.Close()
		g.mu.Lock()
		defer g.mu.Unlock()
		if len(g.errors) > 0 {
			t.Errorf("guarded client: %v", g.errors)
		}
	})
	return r
}

// readerClient is a guardedClient for the readers: no SCAN, nothing across slots.
func readerClient(t *testing.T, rdb redis.UniversalClient) redis.UniversalClient {
	t.Helper()
	return guardedClient(t, rdb)
}

// spreadIDs returns n ids from base, chosen so that every shard of r gets at least one (n must be
// at least r.N()), in increasing order.
func spreadIDs(t *testing.T, r shards.Ring, base int64, n int) []int64 {
	t.Helper()
	var out []int64
	seen := map[int]bool{}
	for id := base; len(out) < n; id++ {
		sh := r.Of(id).Index()
		if len(seen) < r.N() && seen[sh] {
			continue // until every shard has one, take only ids of new shards
		}
		seen[sh] = true
		out = append(out, id)
		if id > base+1_000_000 {
			t.Fatal("spreadIDs: no spread")
		}
	}
	return out
}
