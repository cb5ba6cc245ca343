package redistest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keyslot"
)

// TestKeysAndDeleteReachEveryPrimary: keys spread over many slots are all listed and all
// deleted, which on a cluster needs every primary scanned.
func TestKeysAndDeleteReachEveryPrimary(t *testing.T) {
	Each(t, []string{"redistest:spread:*"}, func(t *testing.T, b Backend) {
		ctx := context.Background()
		var want []string
		slots := map[int]bool{}
		for i := range 64 {
			k := fmt.Sprintf("redistest:spread:%02d", i)
			want = append(want, k)
			slots[keyslot.Of(k)] = true
			if err := b.RDB.Set(ctx, k, "v", 0).Err(); err != nil {
				t.Fatal(err)
			}
		}
		if len(slots) < 32 {
			t.Fatalf("the keys fall in %d slots only: the test would not spread them over primaries", len(slots))
		}
		got, err := Keys(ctx, b.RDB, "redistest:spread:*")
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("Keys = %v, %v; want %v", got, err, want)
		}
		if err := Delete(ctx, b.RDB, "redistest:spread:*"); err != nil {
			t.Fatal(err)
		}
		if got, err := Keys(ctx, b.RDB, "redistest:spread:*"); err != nil || len(got) != 0 {
			t.Fatalf("after Delete: %v, %v", got, err)
		}
	})
}

// recorder is a test whose errors are kept rather than failing it.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// guarded is a miniredis client with the slot guard reporting to the returned recorder.
func guarded(t *testing.T) (*redis.Client, *recorder) {
	rdb := redis.NewClient(&redis.Options{Addr: miniredis.RunT(t).Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	rec := &recorder{TB: t}
	GuardSlots(rec, rdb)
	return rdb, rec
}

// TestGuardCatchesCrossSlotWork: a transaction, a script and a multi-key command over keys of
// two slots are each reported once, with command names and keys but no values; the same work
// within one hash tag, and a plain pipeline over many slots, are not.
func TestGuardCatchesCrossSlotWork(t *testing.T) {
	ctx := context.Background()
	const secret = "a value that must not be logged"
	const src = `redis.call("SET", KEYS[1], ARGV[1]); return redis.call("GET", KEYS[2])`
	script := redis.NewScript(src)
	for _, c := range []struct {
		name string
		do   func(rdb *redis.Client) error
		want []string // parts of the one report; none when nil
	}{
		{"cross-slot MULTI", func(rdb *redis.Client) error {
			_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, "tasdeeq:a", secret, 0)
				p.HSet(ctx, "tasdeeq:b", "f", secret)
				p.Ping(ctx)
				return nil
			})
			return err
		}, []string{"MULTI/EXEC", "SET tasdeeq:a (slot 7928); HSET tasdeeq:b (slot 11931)"}},
		{"MULTI in one tag", func(rdb *redis.Client) error {
			_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, "tasdeeq:{s1}:a", secret, 0)
				p.HSet(ctx, "tasdeeq:{s1}:b", "f", secret)
				return nil
			})
			return err
		}, nil},
		{"cross-slot Watch", func(rdb *redis.Client) error {
			return rdb.Watch(ctx, func(tx *redis.Tx) error {
				_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
					p.Incr(ctx, "tasdeeq:{s1}:n")
					p.Incr(ctx, "tasdeeq:{s2}:n")
					return nil
				})
				return err
			}, "tasdeeq:{s1}:n")
		}, []string{"MULTI/EXEC", "INCR tasdeeq:{s1}:n", "INCR tasdeeq:{s2}:n"}},
		{"cross-slot EVAL", func(rdb *redis.Client) error {
			return rdb.Eval(ctx, src, []string{"tasdeeq:a", "tasdeeq:b"}, secret).Err()
		}, []string{"EVAL spans", "EVAL tasdeeq:a (slot", "tasdeeq:b (slot"}},
		{"cross-slot EVALSHA", func(rdb *redis.Client) error {
			// Loaded first, so that Run does not fall back to EVAL (which would be reported too).
			if err := script.Load(ctx, rdb).Err(); err != nil {
				return err
			}
			return script.Run(ctx, rdb, []string{"tasdeeq:a", "tasdeeq:b"}, secret).Err()
		}, []string{"EVALSHA spans", "EVALSHA tasdeeq:a (slot"}},
		{"EVAL in one tag", func(rdb *redis.Client) error {
			return rdb.Eval(ctx, src, []string{"x{t}", "y{t}"}, secret).Err()
		}, nil},
		{"cross-slot MGET", func(rdb *redis.Client) error {
			return rdb.MGet(ctx, "tasdeeq:a", "tasdeeq:b").Err()
		}, []string{"MGET spans"}},
		{"cross-slot WATCH", func(rdb *redis.Client) error {
			return rdb.Watch(ctx, func(*redis.Tx) error { return nil }, "tasdeeq:a", "tasdeeq:b")
		}, []string{"WATCH spans"}},
		{"cross-slot XREAD", func(rdb *redis.Client) error {
			err := rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"tasdeeq:a", "tasdeeq:b", "0", "0"}, Count: 1, Block: -1}).Err()
			if err == redis.Nil {
				err = nil
			}
			return err
		}, []string{"XREAD tasdeeq:a (slot", "tasdeeq:b (slot"}},
		{"XREAD of one stream", func(rdb *redis.Client) error {
			err := rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"tasdeeq:a", "0"}, Count: 1, Block: -1}).Err()
			if err == redis.Nil {
				err = nil
			}
			return err
		}, nil},
		{"plain pipeline", func(rdb *redis.Client) error {
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, "tasdeeq:a", secret, 0)
				p.Set(ctx, "tasdeeq:b", secret, 0)
				return nil
			})
			return err
		}, nil},
		{"cross-slot DEL in a pipeline", func(rdb *redis.Client) error {
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Del(ctx, "tasdeeq:a", "tasdeeq:b")
				return nil
			})
			return err
		}, []string{"DEL in a pipeline spans"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rdb, rec := guarded(t)
			for range 2 {
				if err := c.do(rdb); err != nil && err != redis.Nil {
					t.Fatal(err)
				}
			}
			if c.want == nil {
				if len(rec.errs) != 0 {
					t.Fatalf("reported %q", rec.errs)
				}
				return
			}
			if len(rec.errs) != 1 {
				t.Fatalf("%d reports, want one: %q", len(rec.errs), rec.errs)
			}
			got := rec.errs[0]
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("report %q lacks %q", got, w)
				}
			}
			if strings.Contains(got, secret) {
				t.Errorf("report %q holds a value", got)
			}
			if !strings.Contains(got, "redistest_test.go:") {
				t.Errorf("report %q does not point at the caller", got)
			}
		})
	}
}

// TestCmdKeys: the keys of commands whose keys are not simply their first argument.
func TestCmdKeys(t *testing.T) {
	for _, c := range []struct {
		args []any
		want []string
	}{
		{[]any{"get", "k"}, []string{"k"}},
		{[]any{"hset", "k", "f", "v"}, []string{"k"}},
		{[]any{"ping"}, nil},
		{[]any{"publish", "chan", "msg"}, nil},
		{[]any{"script", "load", "return 1"}, nil},
		{[]any{"mset", "a", "1", "b", "2"}, []string{"a", "b"}},
		{[]any{"del", "a", "b", "c"}, []string{"a", "b", "c"}},
		{[]any{"evalsha", "abc", 2, "a", "b", "argv"}, []string{"a", "b"}},
		{[]any{"evalsha_ro", "abc", "1", "a", "argv"}, []string{"a"}},
		{[]any{"eval", "return 1", 0, "argv"}, []string{}},
		{[]any{"zunionstore", "d", 2, "a", "b", "weights", 1, 2}, []string{"d", "a", "b"}},
		{[]any{"zunion", 2, "a", "b"}, []string{"a", "b"}},
		{[]any{"blmpop", 0, 2, "a", "b", "left"}, []string{"a", "b"}},
		{[]any{"blmove", "a", "b", "left", "right", 0}, []string{"a", "b"}},
		{[]any{"brpop", "a", "b", 5}, []string{"a", "b"}},
		{[]any{"xreadgroup", "group", "g", "c", "count", 10, "streams", "a", "b", ">", ">"}, []string{"a", "b"}},
		{[]any{"xgroup", "create", "s", "g", "$", "mkstream"}, []string{"s"}},
		{[]any{"bitop", "and", "d", "a", "b"}, []string{"d", "a", "b"}},
		{[]any{"copy", "a", "b", "replace"}, []string{"a", "b"}},
		{[]any{"set", []byte("raw"), "v"}, []string{"raw"}},
	} {
		if got := cmdKeys(c.args); !slices.Equal(got, c.want) {
			t.Errorf("cmdKeys(%v) = %q, want %q", c.args, got, c.want)
		}
	}
}

// TestSingleNodeLetsMarkedWorkThroughOnOneNodeOnly: a cross-slot transaction and RENAME sent with
// a SingleNode context pass the guard of a single-node client, the same work with the test's own
// context does not, and a cluster client's guard reports the marked work too.
func TestSingleNodeLetsMarkedWorkThroughOnOneNodeOnly(t *testing.T) {
	ctx := context.Background()
	crossSlot := func(ctx context.Context, rdb redis.UniversalClient) {
		_, _ = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "tasdeeq:old", "v", 0)
			p.Set(ctx, "tasdeeq:{new}:k", "v", 0)
			return nil
		})
		_ = rdb.Rename(ctx, "tasdeeq:old", "tasdeeq:{new}:k").Err()
	}

	rdb, rec := guarded(t)
	crossSlot(SingleNode(ctx), rdb)
	if len(rec.errs) != 0 {
		t.Fatalf("marked work on one node reported: %q", rec.errs)
	}
	crossSlot(ctx, rdb)
	if len(rec.errs) != 2 {
		t.Fatalf("unmarked work: %d reports, want 2: %q", len(rec.errs), rec.errs)
	}

	// A cluster client that reaches no cluster: the guard sees the commands before they fail.
	cc := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"127.0.0.1:1"}, MaxRedirects: -1, DialerRetries: 1})
	t.Cleanup(func() { _ = cc.Close() })
	crec := &recorder{TB: t}
	GuardSlots(crec, cc)
	crossSlot(SingleNode(ctx), cc)
	if len(crec.errs) != 2 {
		t.Fatalf("marked work on a cluster client: %d reports, want 2: %q", len(crec.errs), crec.errs)
	}
}

// TestBackendClient: another client of a backend reaches the same Redis, carries the guard unless
// it is off, and has the options tune sets; the command count and primaries can be read.
func TestBackendClient(t *testing.T) {
	ctx := context.Background()
	for _, b := range Backends(t, []string{"redistest:client:*"}) {
		t.Run(b.Name, func(t *testing.T) {
			if err := b.RDB.Set(ctx, "redistest:client:a", "1", 0).Err(); err != nil {
				t.Fatal(err)
			}
			var tuned bool
			c := b.Client(t, func(o *redis.Options) { o.MaxRetries, tuned = -1, true })
			if v, err := c.Get(ctx, "redistest:client:a").Result(); err != nil || v != "1" {
				t.Fatalf("the other client reads %q, %v", v, err)
			}
			if !tuned {
				t.Error("tune was not called")
			}
			if b.Cluster() != (b.Name == "cluster") {
				t.Errorf("%s: Cluster() = %v", b.Name, b.Cluster())
			}
			rec := &recorder{TB: t}
			_ = b.Client(rec, nil).MGet(ctx, "redistest:client:a", "redistest:client:b").Err()
			if want := map[bool]int{true: 1, false: 0}[SlotGuardOn()]; len(rec.errs) != want {
				t.Errorf("a cross-slot MGET: %d reports, want %d: %q", len(rec.errs), want, rec.errs)
			}
			n, err := CommandsProcessed(ctx, b)
			if err != nil || n <= 0 {
				t.Fatalf("CommandsProcessed = %d, %v", n, err)
			}
			if p, err := Primaries(ctx, b); err != nil || (p > 1) != b.Cluster() {
				t.Errorf("Primaries = %d, %v", p, err)
			}
		})
	}
}
