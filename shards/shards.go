// Package shards spreads per-user state over a fixed number of Redis hash-tag shards, so that
// Tasdeeq runs on Redis Cluster: every key one operation touches together carries the same hash
// tag, and so lives in one slot of one primary.
//
// A user's shard is fixed by their id (see Ring.Of): their session, done markers, counters, the
// blocked mark of their chat, their referral cases and the send, picture and referral streams of
// their shard share the tag "{sK}", so the commit of an update stays one MULTI/EXEC (or one
// script) on Cluster too. Data that no user owns (the register, links, campaigns, accounts, crowd
// reports) has a tag of its own per kind (see Fixed).
//
// The number of shards is chosen when a deployment is first started and must not change after it:
// a user's keys are found only under the shard their id hashes to. `serve` records it in Redis
// (MetaKey) and refuses to start with another.
package shards

import (
	"fmt"
	"hash/fnv"
	"strconv"
)

// Default is the number of shards when none is configured: enough to spread over tens of
// primaries, few enough that a worker polling every shard's stream stays cheap.
const Default = 64

// Max bounds the number of shards (each is polled by the stream workers).
const Max = 1024

// MetaKey holds the number of shards of the deployment, written by serve at its first start.
const MetaKey = "tasdeeq:{meta}:shards"

// Ring is a deployment's set of shards. Its zero value has Default shards.
type Ring struct{ n int }

// New returns a ring of n shards, 1 <= n <= Max.
func New(n int) (Ring, error) {
	if n < 1 || n > Max {
		return Ring{}, fmt.Errorf("shards: %d shards; want 1 to %d", n, Max)
	}
	return Ring{n: n}, nil
}

// N is the number of shards.
func (r Ring) N() int {
	if r.n == 0 {
		return Default
	}
	return r.n
}

// Of is the shard of a user or chat id: FNV-1a of its decimal form, modulo N. Part of the key
// layout: changing it loses every user's state.
func (r Ring) Of(id int64) Shard { return r.OfString(strconv.FormatInt(id, 10)) }

// OfString is the shard of a string id (a referral case id, an OCR job id).
func (r Ring) OfString(s string) Shard {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return Shard{i: int(h.Sum32() % uint32(r.N()))}
}

// All lists every shard, in order: what a reader of every shard's stream or set walks.
func (r Ring) All() []Shard {
	out := make([]Shard, r.N())
	for i := range out {
		out[i] = Shard{i: i}
	}
	return out
}

// Shard is one hash-tag shard.
type Shard struct{ i int }

// Index is the shard's number, 0 to N-1.
func (s Shard) Index() int { return s.i }

// Tag is the shard's hash tag, "{sK}".
func (s Shard) Tag() string { return "{s" + strconv.Itoa(s.i) + "}" }

// Key is a key of the shard: "tasdeeq:{sK}:" and rest.
func (s Shard) Key(rest string) string { return "tasdeeq:{s" + strconv.Itoa(s.i) + "}:" + rest }

// Fixed is the prefix of the keys of data no user owns, one tag per kind: "tasdeeq:{kind}:".
// Every key of a kind lives in one slot, so a script may touch any of them together.
func Fixed(kind string) string { return "tasdeeq:{" + kind + "}:" }
