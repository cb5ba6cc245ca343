package sender

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Option configures a Sender.
type Option func(*senderConfig)

type senderConfig struct {
	ring          shards.Ring
	prefix        string // "" : the names of package outbox; else a test's own key prefix
	lease         time.Duration
	reads         redis.UniversalClient // blocking reads; nil: the sender's client
	readConns     int                   // blocking reads at once; 0: a quarter of the pool
	workers       int                   // Bot API calls in flight at most
	buffer        int                   // stream entries held in memory at most
	chatHeld      int                   // reply entries held in memory per chat at most; the rest wait in Redis
	perChat       time.Duration         // steady gap between two messages to one private chat
	chatBurst     int                   // messages a private chat may get at once before perChat applies
	overall       time.Duration         // least gap between two broadcasts
	overallN      int                   // the most broadcasts in any window of overallN×overall
	paidBroadcast bool                  // broadcasts carry allow_paid_broadcast
	now           func() time.Time
	sleep         func(context.Context, time.Duration) error
	minIdle       time.Duration
	claimEvery    time.Duration
	backoffBase   time.Duration
	backoffMax    time.Duration
	poll          time.Duration
	callTimeout   time.Duration
	staleConsumer time.Duration
	log           *slog.Logger
	reg           prometheus.Registerer
	whatsApp      WhatsApp // nil: the WhatsApp channel is off
}

func defaultSenderConfig() senderConfig {
	return senderConfig{
		lease:       15 * time.Second,
		workers:     32,
		buffer:      1024,
		chatHeld:    8,
		perChat:     time.Second,
		chatBurst:   3,
		overall:     spacing(30),
		overallN:    30,
		now:         time.Now,
		sleep:       streams.Sleep,
		minIdle:     time.Minute,
		claimEvery:  30 * time.Second,
		backoffBase: 500 * time.Millisecond,
		backoffMax:  30 * time.Second,
		poll:        500 * time.Millisecond,
		callTimeout: 30 * time.Second,
		// Consumers with nothing pending and silent this long are removed from the group.
		staleConsumer: 24 * time.Hour,
		log:           slog.New(slog.DiscardHandler),
	}
}

// WithShards sets the deployment's shards (default: the zero shards.Ring, 64 shards): the sender
// reads the replies and broadcasts streams of each shard it owns (see Sender). Every replica and
// every writer must use the same ring.
func WithShards(r shards.Ring) Option {
	return func(c *senderConfig) { c.ring = r }
}

// WithKeyPrefix puts every key the sender reads or coordinates with under prefix instead of
// "tasdeeq:" (the streams become prefix+"{sK}:send:replies" and so on), so that tests on a shared
// Redis do not meet other data. Entries must still have outbox.Enqueue's format. Blocked marks
// keep outbox's names.
func WithKeyPrefix(prefix string) Option {
	return func(c *senderConfig) {
		if prefix != "tasdeeq:" {
			c.prefix = prefix
		}
	}
}

// WithLease sets how long a replica owns a shard without renewing its lease (default 15 s; it
// renews every fifth of it): when a replica dies, its shards are read again by the others after
// about this long. Shorter means a faster takeover and more Redis calls.
func WithLease(d time.Duration) Option {
	return func(c *senderConfig) {
		if d > 0 {
			c.lease = d
		}
	}
}

// WithReadClient makes the blocking reads of new replies (one per owned shard, waiting up to the
// poll interval) go through rdb, at most conns of them at once: each holds one of the client's
// connections for its whole wait. Give the sender a client of its own with a pool of at least
// the number of shards (plus a few) to have every owned shard woken at once by a new reply.
//
// Without it the blocking reads share the sender's client and take at most a quarter of its
// pool (streams.PoolSize), leaving the rest to the webhook; the owned shards that find no free
// slot poll for new replies every 25 ms instead, which adds up to that much to a first reply.
func WithReadClient(rdb redis.UniversalClient, conns int) Option {
	return func(c *senderConfig) {
		c.reads = rdb
		c.readConns = max(conns, 1)
	}
}

// WithWorkers sets how many Bot API calls may be in flight at once (default 32), that is how many
// chats are served concurrently. One chat never has two calls in flight.
func WithWorkers(n int) Option {
	return func(c *senderConfig) {
		if n > 0 {
			c.workers = n
		}
	}
}

// WithBuffer bounds how many stream entries the sender holds in memory (default 1024); at most
// half of them may be broadcasts, so replies always find room. One chat holds at most 8 replies;
// the sender reads past the rest of a busy chat's replies (they stay pending in Redis, and only
// their ids are kept) so that other chats' replies behind them in the stream are not held up.
func WithBuffer(n int) Option {
	return func(c *senderConfig) {
		if n >= 2 {
			c.buffer = n
		}
	}
}

// WithRateLimits sets the steady gap between two messages to one private chat (default 1 s, after
// a burst of WithChatBurst; groups get at most 20 a minute; 0 disables both) and the most
// broadcasts per second over all chats (default 30; 0 or less disables). Replies and callback
// answers have no overall cap: Telegram limits them per chat.
func WithRateLimits(perChat time.Duration, overallPerSecond float64) Option {
	return func(c *senderConfig) {
		c.perChat = max(perChat, 0)
		c.overall = spacing(overallPerSecond)
		c.overallN = max(int(overallPerSecond), 1)
	}
}

// WithChatBurst sets how many messages a private chat may get at once (default 3: the replies of
// one step go together) before the per-chat gap applies. Groups always get 1.
func WithChatBurst(n int) Option {
	return func(c *senderConfig) {
		if n > 0 {
			c.chatBurst = n
		}
	}
}

// WithPaidBroadcast marks broadcasts with allow_paid_broadcast, which lets a bot send up to 1,000
// messages a second for a fee in Telegram Stars; raise WithRateLimits' overall rate to use it.
func WithPaidBroadcast(on bool) Option {
	return func(c *senderConfig) { c.paidBroadcast = on }
}

// WithClock replaces time.Now and the sleep used for rate limits, retry_after and backoff, so
// tests can run them on a fake clock. sleep must return early with ctx.Err() when ctx is done.
// Redis polling and the claim interval stay on the wall clock.
func WithClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *senderConfig) {
		if now != nil {
			c.now = now
		}
		if sleep != nil {
			c.sleep = sleep
		}
	}
}

// WithClaim sets how long an entry must sit unacknowledged with another consumer before this
// one takes it over on a shard it owns (default 60 s), and how often each shard's reader looks for
// such entries and refreshes the idle time of the entries it holds (default 30 s; kept at most
// half of minIdle). Entries another sender left on a shard are taken over at once when the shard
// is taken (its lease says that sender no longer reads it); minIdle only matters for a sender
// that lost a lease without noticing it.
func WithClaim(minIdle, every time.Duration) Option {
	return func(c *senderConfig) {
		if minIdle > 0 {
			c.minIdle = minIdle
		}
		if every > 0 {
			c.claimEvery = every
		}
	}
}

// WithBackoff sets the first and the largest wait before retrying after a 5xx or network error
// (default 500 ms doubling up to 30 s).
func WithBackoff(base, maxWait time.Duration) Option {
	return func(c *senderConfig) {
		if base > 0 {
			c.backoffBase = base
		}
		if maxWait > 0 {
			c.backoffMax = maxWait
		}
	}
}

// WithPollInterval sets how long one blocking read waits for new replies (default 500 ms); it
// is also the longest a new broadcast waits to be noticed, and the longest Run takes to stop (or
// the sender to stop reading a shard it gives back).
func WithPollInterval(d time.Duration) Option {
	return func(c *senderConfig) {
		if d > 0 {
			c.poll = d
		}
	}
}

// WithCallTimeout bounds one Bot API call (default 30 s). Calls are not cut short when Run's
// context is cancelled, so a message that reaches Telegram is also acknowledged.
func WithCallTimeout(d time.Duration) Option {
	return func(c *senderConfig) {
		if d > 0 {
			c.callTimeout = d
		}
	}
}

// WithLogger sets the logger (default: discard). The sender logs chat ids, stream ids and error
// codes, never message text.
func WithLogger(l *slog.Logger) Option {
	return func(c *senderConfig) {
		if l != nil {
			c.log = l
		}
	}
}

// WithRegisterer registers the sender's metrics (nil: not registered). Registering a second
// sender on the same registry shares the first one's collectors.
func WithRegisterer(r prometheus.Registerer) Option {
	return func(c *senderConfig) { c.reg = r }
}

// spacing is the least gap between two calls for perSecond calls a second, with a 10% margin:
// a call that starts a little late (a GC or scheduler pause) must not put more than perSecond
// calls into any one-second window at Telegram's end.
func spacing(perSecond float64) time.Duration {
	if perSecond <= 0 {
		return 0
	}
	return time.Duration(math.Ceil(1.1 * float64(time.Second) / perSecond))
}

// WhatsApp is the part of the Cloud API client the sender calls for entries of channel
// whatsapp; *whatsapp.Client satisfies it. Its errors are classified by whatsapp.Classify.
type WhatsApp interface {
	Send(ctx context.Context, o outbox.Outgoing) error
}

// WithWhatsApp delivers the entries of channel whatsapp through api, with the same lanes, pacing,
// workers and acknowledgements as Telegram's. Without it such entries are dropped as invalid.
func WithWhatsApp(api WhatsApp) Option {
	return func(c *senderConfig) { c.whatsApp = api }
}

// replies is the replies stream of sh: outbox's, or under the test prefix.
func (c senderConfig) replies(sh shards.Shard) string {
	if c.prefix == "" {
		return outbox.RepliesStream(sh)
	}
	return c.prefix + sh.Tag() + ":send:replies"
}

// broadcasts is the broadcasts stream of sh.
func (c senderConfig) broadcasts(sh shards.Shard) string {
	if c.prefix == "" {
		return outbox.BroadcastsStream(sh)
	}
	return c.prefix + sh.Tag() + ":send:broadcasts"
}

// LeaseKey is the lease of a shard's send streams: the consumer name of the sender that reads
// them, in the shard's own slot ("tasdeeq:{sK}:send:owner").
func LeaseKey(sh shards.Shard) string { return sh.Key("send:owner") }

// SendersKey is the sorted set of live senders (their heartbeats), one key of its own tag.
var SendersKey = shards.Fixed("send") + "senders"

func (c senderConfig) leaseKey(sh shards.Shard) string {
	if c.prefix == "" {
		return LeaseKey(sh)
	}
	return c.prefix + sh.Tag() + ":send:owner"
}

func (c senderConfig) membersKey() string {
	if c.prefix == "" {
		return SendersKey
	}
	return c.prefix + "{send}:senders"
}
