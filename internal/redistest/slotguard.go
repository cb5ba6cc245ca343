package redistest

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keyslot"
)

// SlotGuardOn reports whether Each (and Backends) put the slot guard on the clients they make: by
// default, so that a change whose transaction, script or multi-key command spans cluster slots
// fails on miniredis too, for a developer without a cluster. TASDEEQ_SLOT_GUARD=0 turns it off,
// to see whether a failure is the guard's alone; test helpers that make their own clients follow
// the same switch.
func SlotGuardOn() bool { return os.Getenv("TASDEEQ_SLOT_GUARD") != "0" }

// GuardSlots makes t fail (with t.Errorf, naming the commands and their keys but no values) when
// one atomic unit sent through rdb touches keys of more than one Redis Cluster slot, which a
// cluster refuses with CROSSSLOT: a MULTI/EXEC transaction (TxPipelined, and the EXEC of a Watch
// transaction), a script (EVAL, EVALSHA and their read-only forms, whose keys are its numkeys
// arguments), or one command of several keys (MGET, MSET, DEL, WATCH, RENAME, SUNIONSTORE,
// XREAD of several streams, LMOVE, COPY, ...). A plain pipeline may span slots, as a cluster
// client splits it by slot; its commands are checked one by one.
//
// The guard cannot tell the commands of a Watch transaction from the client's other commands
// (go-redis gives the transaction the same hooks), so it does not check that the keys read
// inside the transaction, or those of its EXEC, lie in the slot of the WATCH; a cluster does.
//
// Each violation is reported once per test, with the first caller outside go-redis. Reports
// stop when t ends, so a goroutine that outlives the test cannot make it panic. A fuzz test must
// not pass its *testing.F for a client used inside the fuzz target, where only the target's t
// may report.
//
// On a single node (not a cluster client), units sent with a context marked by SingleNode are
// let through: the guard cannot see that the code sending them never runs on a cluster.
func GuardSlots(t testing.TB, rdb redis.UniversalClient) {
	_, cluster := rdb.(*redis.ClusterClient)
	g := &slotGuard{t: t, cluster: cluster, seen: map[string]bool{}}
	t.Cleanup(func() {
		g.mu.Lock()
		g.done = true
		g.mu.Unlock()
	})
	rdb.AddHook(g)
}

type slotGuard struct {
	t       testing.TB
	cluster bool // the client is a cluster client, on which SingleNode lets nothing through
	mu      sync.Mutex
	done    bool
	seen    map[string]bool
}

// singleNodeKey marks a context of SingleNode.
type singleNodeKey struct{}

// SingleNode returns ctx marked for work that runs on one Redis node only, never on a cluster,
// and spans slots on purpose: the start-up migrations of the key layout before issue 19 (such as
// outreach.MigrateLayout), which refuse a cluster client, and move a key family between slots in
// one transaction so that an interrupted move neither loses nor doubles it. A test passes it to
// such a function alone; the slot guard of a single-node client then lets that work through,
// while the guard of a cluster client still reports it (a cluster would refuse it). Anything
// else the test sends, with its own context, stays guarded.
func SingleNode(ctx context.Context) context.Context {
	return context.WithValue(ctx, singleNodeKey{}, true)
}

// exempt reports whether the guard lets the units sent with ctx through: SingleNode work on a
// single node.
func (g *slotGuard) exempt(ctx context.Context) bool {
	return !g.cluster && ctx.Value(singleNodeKey{}) != nil
}

func (g *slotGuard) DialHook(next redis.DialHook) redis.DialHook { return next }

func (g *slotGuard) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if g.exempt(ctx) {
			return next(ctx, cmd)
		}
		if keys := cmdKeys(cmd.Args()); spansSlots(keys) {
			g.report(strings.ToUpper(cmd.Name()), describe(cmd.Name(), keys))
		}
		return next(ctx, cmd)
	}
}

func (g *slotGuard) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if g.exempt(ctx) {
			return next(ctx, cmds)
		}
		// go-redis hands the hook a transaction already wrapped in MULTI and EXEC.
		if n := len(cmds); n >= 2 && cmds[0].Name() == "multi" && cmds[n-1].Name() == "exec" {
			var all, parts []string
			for _, cmd := range cmds[1 : n-1] {
				if keys := cmdKeys(cmd.Args()); len(keys) > 0 {
					all = append(all, keys...)
					// A transaction may repeat one command hundreds of times (an XADD per
					// message): each command and its keys are listed once.
					if part := describe(cmd.Name(), keys); !slices.Contains(parts, part) {
						parts = append(parts, part)
					}
				}
			}
			if spansSlots(all) {
				if len(parts) > 12 {
					parts = append(parts[:12], fmt.Sprintf("and %d more", len(parts)-12))
				}
				g.report("MULTI/EXEC", strings.Join(parts, "; "))
			}
		} else {
			for _, cmd := range cmds {
				if keys := cmdKeys(cmd.Args()); spansSlots(keys) {
					g.report(strings.ToUpper(cmd.Name())+" in a pipeline", describe(cmd.Name(), keys))
				}
			}
		}
		return next(ctx, cmds)
	}
}

func (g *slotGuard) report(what, detail string) {
	msg := fmt.Sprintf("redistest: %s spans Redis Cluster slots (CROSSSLOT on a cluster): %s", what, detail)
	if at := caller(); at != "" {
		msg += "\n\tat " + at
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.done || g.seen[msg] {
		return
	}
	g.seen[msg] = true
	g.t.Errorf("%s", msg)
}

// caller is the first frame outside go-redis and the guard: the code that sent the command.
func caller() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "github.com/redis/go-redis/") &&
			!strings.HasPrefix(f.Function, "github.com/tasdeeq/tasdeeq/internal/redistest.(*slotGuard)") {
			return fmt.Sprintf("%s:%d (%s)", f.File, f.Line, f.Function)
		}
		if !more {
			return ""
		}
	}
}

// describe is a command and its keys with their slots, "DEL a (slot 15495), b (slot 3300)".
func describe(name string, keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s (slot %d)", k, keyslot.Of(k))
	}
	return strings.ToUpper(name) + " " + strings.Join(parts, ", ")
}

func spansSlots(keys []string) bool {
	for _, k := range keys[min(1, len(keys)):] {
		if keyslot.Of(k) != keyslot.Of(keys[0]) {
			return true
		}
	}
	return false
}

// keyless are the commands (among those the code sends) whose first argument is not a key, or
// that have none.
var keyless = map[string]bool{
	"ping": true, "echo": true, "hello": true, "auth": true, "select": true, "quit": true, "reset": true,
	"multi": true, "exec": true, "discard": true, "unwatch": true,
	"info": true, "dbsize": true, "flushdb": true, "flushall": true, "scan": true, "keys": true, "randomkey": true,
	"time": true, "lastsave": true, "save": true, "bgsave": true, "bgrewriteaof": true, "swapdb": true,
	"client": true, "cluster": true, "command": true, "config": true, "script": true, "function": true,
	"debug": true, "slowlog": true, "latency": true, "acl": true, "module": true, "role": true, "monitor": true,
	"publish": true, "subscribe": true, "psubscribe": true, "unsubscribe": true, "punsubscribe": true, "pubsub": true,
	"wait": true, "waitaof": true, "readonly": true, "readwrite": true, "replicaof": true, "slaveof": true,
	"failover": true, "shutdown": true, "lolwut": true,
}

// cmdKeys are the keys of a command given as its arguments (name first): every key of a
// multi-key command, the one key of an ordinary command, none of a keyless one.
func cmdKeys(args []any) []string {
	if len(args) == 0 {
		return nil
	}
	name := strings.ToLower(arg(args, 0))
	switch name {
	case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro",
		"zunionstore", "zinterstore", "zdiffstore", "blmpop", "bzmpop":
		// NAME x NUMKEYS key...: a script or function and its body, or a destination, or a timeout.
		return keysAfterCount(args, 2)
	case "zunion", "zinter", "zdiff", "zintercard", "sintercard", "lmpop", "zmpop":
		return keysAfterCount(args, 1) // NAME NUMKEYS key...
	case "mget", "del", "unlink", "exists", "touch", "watch", "sunion", "sinter", "sdiff",
		"sunionstore", "sinterstore", "sdiffstore", "pfcount", "pfmerge":
		return strs(args[1:])
	case "mset", "msetnx":
		var keys []string
		for i := 1; i < len(args); i += 2 {
			keys = append(keys, arg(args, i))
		}
		return keys
	case "rename", "renamenx", "smove", "lmove", "blmove", "rpoplpush", "brpoplpush", "copy":
		return strs(args[1:min(3, len(args))])
	case "blpop", "brpop", "bzpopmin", "bzpopmax":
		return strs(args[1:max(1, len(args)-1)]) // the last argument is the timeout
	case "bitop":
		return strs(args[min(2, len(args)):])
	case "xread", "xreadgroup":
		for i := 1; i < len(args); i++ {
			if strings.EqualFold(arg(args, i), "streams") {
				rest := args[i+1:]
				return strs(rest[:len(rest)/2]) // STREAMS key... id...
			}
		}
		return nil
	case "object", "xinfo", "xgroup", "memory":
		// A subcommand, then the key.
		if len(args) > 2 {
			return []string{arg(args, 2)}
		}
		return nil
	}
	if keyless[name] || len(args) < 2 {
		return nil
	}
	return []string{arg(args, 1)}
}

// keysAfterCount are the keys of a command whose argument at i is their number and which
// follow it; for ZUNIONSTORE, ZINTERSTORE and ZDIFFSTORE the destination before it too.
func keysAfterCount(args []any, i int) []string {
	if len(args) <= i {
		return nil
	}
	n, err := strconv.Atoi(arg(args, i))
	if err != nil || n < 0 || i+1+n > len(args) {
		return nil
	}
	keys := strs(args[i+1 : i+1+n])
	switch strings.ToLower(arg(args, 0)) {
	case "zunionstore", "zinterstore", "zdiffstore":
		keys = append([]string{arg(args, 1)}, keys...)
	}
	return keys
}

func strs(args []any) []string {
	out := make([]string, len(args))
	for i := range args {
		out[i] = arg(args, i)
	}
	return out
}

func arg(args []any, i int) string {
	switch v := args[i].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	default:
		return fmt.Sprint(v)
	}
}
