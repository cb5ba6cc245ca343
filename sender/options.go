package sender

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Option configures a Sender.
type Option func(*senderConfig)

type senderConfig struct {
	replies, broadcasts string
	workers             int           // Bot API calls in flight at most
	buffer              int           // stream entries held in memory at most
	chatHeld            int           // reply entries held in memory per chat at most; the rest wait in Redis
	perChat             time.Duration // steady gap between two messages to one private chat
	chatBurst           int           // messages a private chat may get at once before perChat applies
	overall             time.Duration // least gap between two broadcasts
	overallN            int           // the most broadcasts in any window of overallN×overall
	paidBroadcast       bool          // broadcasts carry allow_paid_broadcast
	now                 func() time.Time
	sleep               func(context.Context, time.Duration) error
	minIdle             time.Duration
	claimEvery          time.Duration
	backoffBase         time.Duration
	backoffMax          time.Duration
	poll                time.Duration
	callTimeout         time.Duration
	staleConsumer       time.Duration
	log                 *slog.Logger
	reg                 prometheus.Registerer
	whatsApp            WhatsApp // nil: the WhatsApp channel is off
}

func defaultSenderConfig() senderConfig {
	return senderConfig{
		replies:     outbox.RepliesStream(shards.Ring{}.Of(0)),
		broadcasts:  outbox.BroadcastsStream(shards.Ring{}.Of(0)),
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

// WithStreams reads other streams than outbox.RepliesStream and outbox.BroadcastsStream (tests
// on a shared Redis use their own names; the entries must have outbox.Enqueue's format).
func WithStreams(replies, broadcasts string) Option {
	return func(c *senderConfig) { c.replies, c.broadcasts = replies, broadcasts }
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
// one takes it over (default 60 s), and how often to look for such entries (default 30 s; it
// is kept at most half of minIdle, because the same tick keeps this consumer's own entries
// fresh).
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
// is also the longest a new broadcast waits to be noticed and the longest Run takes to stop.
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
