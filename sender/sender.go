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
	"github.com/tasdeeq/tasdeeq/shards"
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
//   - an entry is acknowledged (XACK; the XDEL that keeps the stream small follows within a
//     second, many ids at once) only once delivered or deliberately dropped, so a crash
//     redelivers it: the sender re-reads its own pending entries before new ones, and takes
//     over the entries a dead consumer left on its shards.
//
// Each shard (package shards) has its own pair of streams, and a chat's messages all go to its
// shard's streams. Several replicas each run a sender; to keep each chat's messages in order,
// each shard is read by one sender at a time, which holds the shard's lease (streams.Leases: a
// heartbeat per sender, a lease key per shard renewed every fifth of WithLease). A sender takes
// free shards while it holds fewer than its share, ceil(shards/live senders); when another
// replica joins it gives back what is beyond its share: it stops reading those shards, lets the
// calls in flight finish and be acknowledged, leaves the rest pending and only then releases the
// lease. The next owner first takes over every entry left pending on the shard and reads them,
// in stream order, before new ones. A sender that stops renewing (it died) loses its shards when
// their leases expire; one that cannot reach Redis stops reading them half a lease before that.
//
// Each owned shard has a reader goroutine: it reads the shard's replies, then broadcasts when
// there are no replies, and waits for new replies with a blocking read, so a new reply is picked
// up at once (a blocking read holds a connection: see WithReadClient).
//
// Delivery is at least once: a call that reached Telegram but whose acknowledgement was lost
// is sent again by whoever picks the entry up.
type Sender struct {
	rdb      redis.UniversalClient
	reads    redis.UniversalClient // blocking reads
	api      API
	consumer string
	cfg      senderConfig
	log      *slog.Logger
	metrics  *senderMetrics
	running  atomic.Bool
	all      []shards.Shard // the ring's shards, by index

	// Per Run.
	q      *queue
	blocks *blockMemory
	lim    *limiter
	leases *streams.Leases
	slots  chan struct{} // one per blocking read in progress
	bmu    sync.Mutex    // one reader at a time reads broadcasts, so together they keep the cap
	// unread counts the owned shards whose replies have not been read through once since the
	// shard was taken: broadcasts wait for them, so that replies queued before go first.
	unread atomic.Int32
	mu     sync.Mutex
	owned  map[int]*shardRun // shards being read, or given back and draining

	done *doneIDs // delivered entries waiting for their XDEL
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
	reads := cfg.reads
	if reads == nil {
		reads = rdb
	}
	return &Sender{
		rdb:      rdb,
		reads:    reads,
		api:      api,
		consumer: consumer,
		cfg:      cfg,
		log:      cfg.log.With("consumer", consumer),
		metrics:  newSenderMetrics(cfg.reg, cfg.log),
		all:      cfg.ring.All(),
		done:     newDoneIDs(),
	}
}

// Run sends until ctx is cancelled, then waits for the calls in flight to finish and be
// acknowledged, gives its shards back, and returns nil. Entries read but not yet sent stay
// pending in Redis for the shard's next owner. Redis errors are logged and retried, never
// returned; Run returns an error only when it is already running.
func (s *Sender) Run(ctx context.Context) error {
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("sender already running")
	}
	defer s.running.Store(false)
	s.lim = newLimiter(s.cfg.overall, s.cfg.overallN)
	s.blocks = newBlockMemory()
	s.q = newQueue(s.cfg.now, s.lim, pacing{
		buffer: s.cfg.buffer, gap: s.cfg.perChat, burst: s.cfg.chatBurst, chatHeld: s.cfg.chatHeld, workers: s.cfg.workers,
	})
	conns := s.cfg.readConns
	if conns == 0 {
		conns = max(streams.PoolSize(s.rdb)/4, 1)
	}
	s.slots = make(chan struct{}, conns)
	s.owned = map[int]*shardRun{}
	s.unread.Store(0)
	s.leases = streams.NewLeases(s.rdb, streams.LeaseOptions{
		Members: s.cfg.membersKey(), Key: func(i int) string { return s.cfg.leaseKey(s.all[i]) },
		N: s.cfg.ring.N(), Holder: s.consumer, TTL: s.cfg.lease,
	})

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
	s.manage(ctx)
	wg.Wait()
	s.deleteDone(ctx, true)
	// Every call has finished and been acknowledged: the shards may go to another replica now.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := s.leases.Close(cctx); err != nil {
		s.log.Warn("giving the shards back failed; they are taken over when their leases expire", "err", err)
	}
	s.metrics.owned.Set(0)
	s.log.Info("sender stopped")
	return nil
}

// manage keeps the shard leases until ctx is done: it starts a reader on each shard it takes,
// stops the reader of a shard it lost, and gives back the shards beyond its share; it also
// samples the queue depth. When ctx is done it stops every reader and returns.
func (s *Sender) manage(ctx context.Context) {
	var drains sync.WaitGroup
	var nextDepth time.Time
	var failing bool
	for ctx.Err() == nil {
		ch, err := s.leases.Tick(ctx)
		var stopped []*shardRun
		for _, i := range ch.Lost {
			s.log.Warn("lost the lease of a send shard; stopped reading it", "shard", i)
			if r := s.stopShard(i); r != nil {
				stopped = append(stopped, r)
			}
		}
		for _, r := range stopped {
			<-r.done
		}
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			s.log.Warn("renewing send shard leases failed; retrying", "err", err)
			failing = true
		case err == nil && failing:
			s.log.Info("send shard leases renewed again")
			failing = false
		}
		if now := time.Now(); !now.Before(nextDepth) {
			// Before new readers start: at start the depth is what was waiting.
			s.updateDepth(ctx)
			nextDepth = now.Add(5 * time.Second)
		}
		for _, i := range ch.Gained {
			s.startShard(ctx, i)
		}
		for _, i := range ch.Surplus {
			drains.Go(func() { s.giveBack(ctx, i) })
		}
		if len(ch.Gained)+len(ch.Surplus) > 0 {
			s.log.Info("send shards shared", "live_senders", ch.Live, "taken", len(ch.Gained), "given_back", len(ch.Surplus), "held", len(s.leases.Held()))
		}
		s.metrics.owned.Set(float64(s.readCount()))
		// Deletes left by calls that finished after their shard's reader stopped.
		s.deleteDone(ctx, false)
		_ = streams.Sleep(ctx, s.cfg.lease/5)
	}
	s.mu.Lock()
	runs := make([]*shardRun, 0, len(s.owned))
	for _, r := range s.owned {
		runs = append(runs, r)
	}
	s.mu.Unlock()
	for _, r := range runs {
		r.cancel()
	}
	for _, r := range runs {
		<-r.done
	}
	drains.Wait()
}

// readCount is the number of shards being read (not given back).
func (s *Sender) readCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.owned {
		if !r.stopping {
			n++
		}
	}
	return n
}

// startShard starts reading shard i, just taken.
func (s *Sender) startShard(ctx context.Context, i int) {
	sh := s.all[i]
	rctx, cancel := context.WithCancel(ctx)
	r := &shardRun{i: i, sh: sh, replies: s.cfg.replies(sh), broadcasts: s.cfg.broadcasts(sh), cancel: cancel, done: make(chan struct{})}
	s.mu.Lock()
	old := s.owned[i]
	s.mu.Unlock()
	if old != nil { // given back, and taken again before the old reader was done
		old.cancel()
		<-old.done
	}
	// Replies queued from now on are known to the block memory once a sender that held the
	// shard before would have seen it lost and finished its calls.
	s.blocks.own(r.replies, s.cfg.now().Add(s.cfg.lease+s.cfg.callTimeout))
	// Under s.mu, so that a giveBack of the old run, which closes the streams only while it
	// still owns the shard, cannot close them after this opens them.
	s.mu.Lock()
	s.owned[i] = r
	s.q.open(r.replies, r.broadcasts)
	s.mu.Unlock()
	s.unread.Add(1)
	go s.readShard(rctx, r)
}

// stopShard stops sending for shard i at once (its lease is lost): the entries queued for it
// are forgotten (they stay pending, for the new owner), no call for it starts any more, and calls
// already made finish on their own. It cancels the shard's reader and returns it, for the caller
// to wait for (nil when the shard was not read).
func (s *Sender) stopShard(i int) *shardRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.owned[i]
	if r == nil {
		return nil
	}
	delete(s.owned, i)
	// First: the reader may take a while to notice its cancellation (a Redis call that is
	// failing slowly), and nothing of the shard may be sent meanwhile.
	s.q.close(r.replies, r.broadcasts)
	r.cancel()
	return r
}

// giveBack hands shard i over to another replica without breaking any chat's order: it stops
// reading the shard, forgets the entries queued for it (they stay pending in Redis), waits for
// the calls in flight to finish and be acknowledged, and only then releases the lease, which
// stays renewed meanwhile. When ctx ends first the lease is released by Run; when the lease is
// lost meanwhile there is nothing to release.
func (s *Sender) giveBack(ctx context.Context, i int) {
	s.mu.Lock()
	r := s.owned[i]
	if r != nil {
		r.stopping = true
	}
	s.mu.Unlock()
	if r == nil {
		return
	}
	mine := func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.owned[i] == r
	}
	s.mu.Lock()
	if s.owned[i] != r {
		s.mu.Unlock()
		return
	}
	s.q.close(r.replies, r.broadcasts)
	s.mu.Unlock()
	r.cancel()
	<-r.done
	for s.q.heldIn(r.replies, r.broadcasts) > 0 {
		if ctx.Err() != nil || !mine() {
			return // Run waits for the calls and then releases every lease
		}
		s.q.waitChange(ctx, s.cfg.poll)
	}
	s.deleteDone(ctx, true, r.replies, r.broadcasts)
	s.mu.Lock()
	still := s.owned[i] == r
	if still {
		delete(s.owned, i)
	}
	s.mu.Unlock()
	if !still {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := s.leases.Release(rctx, i); err != nil {
		s.log.Warn("giving a send shard back failed; it is taken over when its lease expires", "shard", i, "err", err)
	}
}

// reportCalls updates the in-flight and slowdown gauges.
func (s *Sender) reportCalls() {
	n, f := s.q.calls()
	s.metrics.inFlight.Set(float64(n))
	s.metrics.slowdown.Set(f)
}

// maxSpilled bounds the ids of spilled replies kept in memory (about 60 bytes each): 64 times
// the buffer. Past it the sender stops reading new replies until some are delivered.
func (s *Sender) maxSpilled() int { return 64 * s.cfg.buffer }
