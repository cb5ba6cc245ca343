package outreach

import "github.com/tasdeeq/tasdeeq/shards"

// The options of the stores that keep per-user data (Subscribers, Stats) and of the Broadcaster
// are interfaces, so that one option, WithShards, configures all three: serve builds one ring
// and passes outreach.WithShards(ring) to each.

// SubscribersOption configures a Subscribers list.
type SubscribersOption interface{ applySubscribers(*Subscribers) }

// StatsOption configures the attribution counters (Stats).
type StatsOption interface{ applyStats(*Stats) }

// BroadcastOption configures a Broadcaster.
type BroadcastOption interface{ applyBroadcast(*Broadcaster) }

// broadcastFunc is a BroadcastOption made of a function.
type broadcastFunc func(*Broadcaster)

func (f broadcastFunc) applyBroadcast(b *Broadcaster) { f(b) }

// ShardsOption sets the ring of shards of a deployment (see WithShards).
type ShardsOption struct{ ring shards.Ring }

// WithShards sets the ring whose shards hold per-user and per-chat data: a subscriber's sets in
// the shard of their chat, a user's attribution in the shard of their user id, a campaign's walk
// in every shard. The zero ring (the default) has shards.Default shards. Subscribers, Stats and
// the Broadcaster of a deployment must share one ring; a Broadcaster without this option uses
// its Subscribers' ring.
func WithShards(r shards.Ring) ShardsOption { return ShardsOption{ring: r} }

func (o ShardsOption) applySubscribers(s *Subscribers) { s.ring = o.ring }
func (o ShardsOption) applyStats(s *Stats)             { s.ring = o.ring }
func (o ShardsOption) applyBroadcast(b *Broadcaster)   { b.ring, b.ringSet = o.ring, true }
