// Package sender drains the send streams of package outbox into the Telegram Bot API, and the
// entries of WhatsApp chats into the WhatsApp Cloud API (WithWhatsApp): replies paced per chat and
// sent concurrently, broadcasts on spare capacity under an overall cap, 429s (and Meta's rate
// limits) and blocked chats handled, every entry acknowledged only once delivered or dropped.
package sender

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/streams"
)

// API is the part of the Bot API the sender calls; *bot.Bot from go-telegram/bot satisfies it.
type API interface {
	SendMessage(ctx context.Context, params *tg.SendMessageParams) (*models.Message, error)
	AnswerCallbackQuery(ctx context.Context, params *tg.AnswerCallbackQueryParams) (bool, error)
	SendPhoto(ctx context.Context, params *tg.SendPhotoParams) (*models.Message, error)
}

// Sender drains the send streams into the Bot API with consumer group outbox.SenderGroup:
//
//   - calls run concurrently, at most WithWorkers at a time (one per chat at a time), each
//     chat's messages in stream order;
//   - replies are paced per chat only: a burst of 3, then one a second in a private chat; 20 a
//     minute in a group. Callback answers are not paced. Broadcasts also keep an overall cap (30
//     a second by default) and take only spare capacity: a ready callback answer or reply always
//     goes first, and broadcasts never fill more than three quarters of the pool;
//   - fair between chats: the sender reads ahead into per-chat lanes (a busy chat's further
//     replies stay pending in Redis, only their ids in memory) and serves the lane that became
//     ready first, so a chat that keeps writing does not hold back a new one;
//   - 429 holds back the chat that got it for retry_after; 429s from several chats at once halve
//     the calls in flight (and pause broadcasts), given back step by step; 403 marks the chat
//     blocked (see outbox.Blocked) and drops its queued messages; other 4xx are dropped; 5xx and
//     network errors are retried with exponential backoff, in order;
//   - an entry is acknowledged (XACK, then XDEL to keep the stream small) only once delivered or
//     deliberately dropped, so a crash redelivers it: at start and every claim interval the
//     sender takes over entries another consumer left idle, and it re-reads its own pending
//     entries before new ones.
//
// Delivery is at least once: a call that reached Telegram but whose acknowledgement was lost
// is sent again by whoever picks the entry up.
type Sender struct {
	rdb      redis.UniversalClient
	api      API
	consumer string
	cfg      senderConfig
	log      *slog.Logger
	metrics  *senderMetrics
	running  atomic.Bool

	// Per Run.
	q      *queue
	lim    *limiter
	cursor map[string]string // per stream: own pending entries read up to this id, or ">"
}

// New returns a sender reading the send streams as consumer (unique per process; empty
// means hostname-pid) and calling api.
func New(rdb redis.UniversalClient, api API, consumer string, opts ...Option) *Sender {
	cfg := defaultSenderConfig()
	for _, o := range opts {
		o(&cfg)
	}
	cfg.claimEvery = min(cfg.claimEvery, cfg.minIdle/2)
	if consumer == "" {
		consumer = streams.ConsumerName()
	}
	return &Sender{
		rdb:      rdb,
		api:      api,
		consumer: consumer,
		cfg:      cfg,
		log:      cfg.log.With("consumer", consumer),
		metrics:  newSenderMetrics(cfg.reg, cfg.log),
	}
}

// Run sends until ctx is cancelled, then waits for the calls in flight to finish and be
// acknowledged, and returns nil. Entries read but not yet sent stay pending in Redis for the
// next start (or another consumer). Redis errors are logged and retried, never returned; Run
// returns an error only when it is already running.
func (s *Sender) Run(ctx context.Context) error {
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("sender already running")
	}
	defer s.running.Store(false)
	s.lim = newLimiter(s.cfg.overall, s.cfg.overallN)
	s.q = newQueue(s.cfg.now, s.lim, pacing{
		replies: s.cfg.replies, buffer: s.cfg.buffer, gap: s.cfg.perChat, burst: s.cfg.chatBurst, chatHeld: s.cfg.chatHeld, workers: s.cfg.workers,
	})
	s.cursor = map[string]string{s.cfg.replies: "0", s.cfg.broadcasts: "0"}

	// One goroutine picks the next call (the queue bounds how many are in flight) and each call
	// runs in its own goroutine.
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			l, e := s.q.take(ctx, s.cfg.sleep)
			if l == nil {
				return
			}
			s.reportCalls()
			wg.Go(func() {
				s.handle(ctx, l, e)
				s.reportCalls()
			})
		}
	})
	s.dispatch(ctx)
	wg.Wait()
	s.log.Info("sender stopped")
	return nil
}

// dispatch reads the streams into the queue until ctx is done.
func (s *Sender) dispatch(ctx context.Context) {
	var groupsReady bool
	var nextClaim, nextDepth time.Time
	errWait := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := func() error {
			if !groupsReady {
				if err := s.ensureGroups(ctx); err != nil {
					return err
				}
				groupsReady = true
			}
			if now := time.Now(); !now.Before(nextClaim) {
				if err := s.maintain(ctx); err != nil {
					return err
				}
				nextClaim = now.Add(s.cfg.claimEvery)
			}
			if now := time.Now(); !now.Before(nextDepth) {
				s.updateDepth(ctx)
				nextDepth = now.Add(5 * time.Second)
			}
			return s.fill(ctx)
		}()
		if err == nil {
			errWait = 100 * time.Millisecond
			continue
		}
		if ctx.Err() != nil {
			return
		}
		if streams.IsNoGroup(err) {
			groupsReady = false
		}
		s.log.Warn("send stream read failed; retrying", "err", err, "wait", errWait)
		_ = streams.Sleep(ctx, errWait)
		errWait = min(2*errWait, 5*time.Second)
	}
}

// reportCalls updates the in-flight and slowdown gauges.
func (s *Sender) reportCalls() {
	n, f := s.q.calls()
	s.metrics.inFlight.Set(float64(n))
	s.metrics.slowdown.Set(f)
}

// readBatch is the least count of one read of new replies: with the buffer full, reading goes on
// (the entries of chats already waiting are spilled) so that a new chat's reply is found.
const readBatch = 100

// fill reads the streams: own pending entries first, then new replies, even with the buffer full
// (see queue.add: busy chats' replies are spilled, a new chat's reply is held), up to
// maxSpilled ids in memory; then spilled replies of chats that have room again; broadcasts only
// when no reply was read and less than half the buffer holds broadcasts. With nothing to read it
// blocks up to the poll interval for a new reply.
func (s *Sender) fill(ctx context.Context) error {
	held, broadcasts, spilled := s.q.counts()
	free := s.cfg.buffer - held
	if spilled >= s.maxSpilled() {
		if err := s.refill(ctx, free); err != nil {
			return err
		}
		s.q.waitChange(ctx, s.cfg.poll)
		return nil
	}
	n, err := s.read(ctx, s.cfg.replies, max(free, readBatch), 0)
	if err != nil {
		return err
	}
	held, _, _ = s.q.counts()
	if err := s.refill(ctx, s.cfg.buffer-held); err != nil {
		return err
	}
	_, _, spilled = s.q.counts()
	s.metrics.spilled.Set(float64(spilled))
	if n > 0 {
		return nil
	}
	if bfree := min(free, s.cfg.buffer/2-broadcasts); bfree > 0 {
		n, err = s.read(ctx, s.cfg.broadcasts, bfree, 0)
		if err != nil || n > 0 {
			return err
		}
	}
	_, err = s.read(ctx, s.cfg.replies, max(free, readBatch), s.cfg.poll)
	return err
}

// maxSpilled bounds the ids of spilled replies kept in memory (about 60 bytes each): 64 times
// the buffer. Past it the sender stops reading new replies until some are delivered.
func (s *Sender) maxSpilled() int { return 64 * s.cfg.buffer }
