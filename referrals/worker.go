package referrals

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// Sign returns the X-Tasdeeq-Signature value of a body: "sha256=" and the hex HMAC-SHA256.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Worker delivers outbox entries to the referral endpoints.
type Worker struct {
	store    *Store
	routing  *Routing
	client   *http.Client
	consumer string

	now          func() time.Time
	sleep        func(context.Context, time.Duration) error
	base, max    time.Duration
	giveUp       time.Duration
	minIdle      time.Duration
	claimEvery   time.Duration
	poll         time.Duration
	timeout      time.Duration
	batch        int64
	logger       *slog.Logger
	reg          prometheus.Registerer
	onDelivered  func(ctx context.Context, c Case, target, reference string)
	onDead       func(ctx context.Context, c Case, target, reason string)
	total        *prometheus.CounterVec
	depth, deadG prometheus.Gauge
}

// WorkerOption configures a Worker.
type WorkerOption func(*Worker)

// WithWorkerClock sets the clock and the sleep (which returns ctx.Err() when ctx ends).
func WithWorkerClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) WorkerOption {
	return func(w *Worker) {
		if now != nil {
			w.now = now
		}
		if sleep != nil {
			w.sleep = sleep
		}
	}
}

// WithBackoff sets the retry backoff: base doubling per attempt up to max, with full jitter
// (default 30 s to 1 h).
func WithBackoff(base, max time.Duration) WorkerOption {
	return func(w *Worker) { w.base, w.max = base, max }
}

// WithGiveUp sets how long after the case's CreatedAt failed deliveries are retried (default 48 h).
func WithGiveUp(d time.Duration) WorkerOption { return func(w *Worker) { w.giveUp = d } }

// WithClaim sets how long an entry must sit unacknowledged with another consumer before it is
// claimed (XAUTOCLAIM), and how often to look (default 5 min, 1 min).
func WithClaim(minIdle, every time.Duration) WorkerOption {
	return func(w *Worker) { w.minIdle, w.claimEvery = minIdle, every }
}

// WithPoll sets the pause when there is nothing to do (default 1 s).
func WithPoll(d time.Duration) WorkerOption { return func(w *Worker) { w.poll = d } }

// WithRequestTimeout sets the timeout of one POST (default 30 s).
func WithRequestTimeout(d time.Duration) WorkerOption { return func(w *Worker) { w.timeout = d } }

// WithWorkerLogger sets the logger (default slog.Default()).
func WithWorkerLogger(l *slog.Logger) WorkerOption { return func(w *Worker) { w.logger = l } }

// WithWorkerRegisterer registers the worker's metrics.
func WithWorkerRegisterer(r prometheus.Registerer) WorkerOption { return func(w *Worker) { w.reg = r } }

// WithOnDelivered is called after a delivery is recorded.
func WithOnDelivered(f func(ctx context.Context, c Case, target, reference string)) WorkerOption {
	return func(w *Worker) { w.onDelivered = f }
}

// WithOnDead is called after a delivery is recorded dead.
func WithOnDead(f func(ctx context.Context, c Case, target, reason string)) WorkerOption {
	return func(w *Worker) { w.onDead = f }
}

// NewWorker returns a worker reading the outbox as consumer (unique per process) of the
// "referrers" group. client nil means http.DefaultClient.
func NewWorker(store *Store, routing *Routing, client *http.Client, consumer string, opts ...WorkerOption) *Worker {
	if client == nil {
		client = http.DefaultClient
	}
	// A redirect is never followed: Go's client would turn a 302 into a GET without the body
	// (and a 200 from a login page would read as delivered), or re-POST the signed case to
	// whatever host a 307 names. The 3xx itself is the answer, a failed attempt like a 5xx.
	noRedirect := *client
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	client = &noRedirect
	w := &Worker{store: store, routing: routing, client: client, consumer: consumer,
		now: time.Now, sleep: streams.Sleep, base: 30 * time.Second, max: time.Hour, giveUp: 48 * time.Hour,
		minIdle: 5 * time.Minute, claimEvery: time.Minute, poll: time.Second, timeout: 30 * time.Second,
		batch: 10, logger: slog.Default()}
	for _, o := range opts {
		o(w)
	}
	if w.base <= 0 {
		w.base = time.Second
	}
	if w.max < w.base {
		w.max = w.base
	}
	w.total = webhook.RegisterOnce(w.reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tasdeeq_referrals_total", Help: "Referral delivery attempts by target and outcome (delivered, retry, dead).",
	}, []string{"target", "outcome"}))
	w.depth = webhook.RegisterOnce(w.reg, prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "tasdeeq_referral_outbox_depth", Help: "Referral deliveries waiting: outbox stream entries plus scheduled retries.",
	}))
	w.deadG = webhook.RegisterOnce(w.reg, prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "tasdeeq_referral_dead_letters", Help: "Entries in the referral dead-letter stream.",
	}))
	return w
}

// moveDue moves a shard's due retries (score <= ARGV[1], at most ARGV[2]) back into its outbox,
// atomically: KEYS are the shard's retry set and outbox stream, one slot.
var moveDue = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do
  local sep = string.find(m, '|', 1, true)
  redis.call('ZREM', KEYS[1], m)
  if sep then
    redis.call('XADD', KEYS[2], '*', 'c', string.sub(m, 1, sep - 1), 't', string.sub(m, sep + 1))
  end
end
return #due
`)

// outboxStreams lists every shard's outbox stream.
func (s *Store) outboxStreams() []string {
	all := s.ring.All()
	out := make([]string, len(all))
	for i, sh := range all {
		out[i] = OutboxStream(sh)
	}
	return out
}

// EnsureGroup creates every shard's outbox stream and its consumer group when missing.
func (s *Store) EnsureGroup(ctx context.Context) error {
	return streams.EnsureGroups(ctx, s.rdb, OutboxGroup, s.outboxStreams()...)
}

// Run delivers until ctx ends, then returns nil, having finished and recorded the POST in flight.
// Redis errors are logged and retried after the poll interval.
//
// Referrals are rare, so every tick it polls every shard's outbox without blocking (one
// XREADGROUP per shard, pipelined ten shards at a time), its own pending entries first; moves
// the due retries of every shard back into its outbox (a script on each shard that has some);
// and every claim interval takes over, shard by shard, the entries another worker left idle,
// which it then reads first.
func (w *Worker) Run(ctx context.Context) error {
	for {
		if err := w.store.EnsureGroup(ctx); err == nil {
			break
		} else if ctx.Err() != nil {
			return nil
		} else {
			w.logger.Error("referrals: create consumer groups", "err", err)
		}
		if w.sleep(ctx, w.poll) != nil {
			return nil
		}
	}
	all := w.store.outboxStreams()
	cur := streams.NewCursor(all...) // own pending entries first
	var retryKeys [][]string
	for _, sh := range w.store.ring.All() {
		retryKeys = append(retryKeys, []string{RetryKey(sh), OutboxStream(sh)})
	}
	var nextClaim, nextGauges time.Time
	for ctx.Err() == nil {
		busy := false
		now := w.now()
		if !now.Before(nextClaim) {
			nextClaim = now.Add(w.claimEvery)
			if err := w.claim(ctx, all, cur); err != nil && ctx.Err() == nil {
				w.logger.Error("referrals: xautoclaim", "err", err)
			}
		}
		if err := w.moveDue(ctx, retryKeys); err != nil && ctx.Err() == nil {
			w.logger.Error("referrals: schedule retries", "err", err)
		}
		n, err := w.sweep(ctx, all, cur)
		busy = busy || n > 0
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if streams.IsNoGroup(err) {
				_ = w.store.EnsureGroup(ctx)
			}
			w.logger.Error("referrals: xreadgroup", "err", err)
		}
		if !busy {
			// The gauges read three keys of every shard: not on every idle tick.
			if now := w.now(); !now.Before(nextGauges) {
				w.gauges(ctx)
				nextGauges = now.Add(10 * time.Second)
			}
			if w.sleep(ctx, w.poll) != nil {
				return nil
			}
		}
	}
	return nil
}

// moveDue moves every shard's due retries back into its outbox: it counts them on every shard
// (pipelined) and runs the script only on the shards that have some. keys are each shard's retry
// set and outbox stream.
func (w *Worker) moveDue(ctx context.Context, keys [][]string) error {
	now := strconv.FormatInt(w.now().UnixMilli(), 10)
	p := w.store.rdb.Pipeline()
	counts := make([]*redis.IntCmd, len(keys))
	for i, k := range keys {
		counts[i] = p.ZCount(ctx, k[0], "-inf", now)
	}
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("count due retries: %w", err)
	}
	var due [][]string
	for i, c := range counts {
		if c.Val() > 0 {
			due = append(due, keys[i])
		}
	}
	_, err := streams.EvalEach(ctx, w.store.rdb, moveDue, due, now, 100)
	return err
}

// sweep reads every shard's outbox once and handles what came: batch shards at a time, one
// entry of each, so that at most batch entries are in hand at once (each may take a POST's
// timeout; entries held long enough look dead to the other workers, which would take them over).
func (w *Worker) sweep(ctx context.Context, all []string, cur *streams.Cursor) (int, error) {
	n := 0
	for lo := 0; lo < len(all); lo += int(w.batch) {
		read, err := streams.Poll(ctx, w.store.rdb, OutboxGroup, w.consumer, cur, all[lo:min(lo+int(w.batch), len(all))], 1)
		for _, st := range read {
			for _, m := range st.Messages {
				w.handle(ctx, st.Stream, m)
				n++
			}
		}
		if err != nil || ctx.Err() != nil {
			return n, err
		}
	}
	return n, nil
}

func (w *Worker) gauges(ctx context.Context) {
	p := w.store.rdb.Pipeline()
	var cmds, dead []*redis.IntCmd
	for _, sh := range w.store.ring.All() {
		cmds = append(cmds, p.XLen(ctx, OutboxStream(sh)), p.ZCard(ctx, RetryKey(sh)))
		dead = append(dead, p.XLen(ctx, DeadStream(sh)))
	}
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return
	}
	var n, d int64
	for _, c := range cmds {
		n += c.Val()
	}
	for _, c := range dead {
		d += c.Val()
	}
	w.depth.Set(float64(n))
	w.deadG.Set(float64(d))
}

// claim takes over, on every shard, the entries another (dead) consumer held longer than
// minIdle (and this worker's own entries whose handling failed that long ago), and rewinds the
// cursor of those shards so that they are read again first.
func (w *Worker) claim(ctx context.Context, all []string, cur *streams.Cursor) error {
	var errs []error
	for _, st := range all {
		// A few at a time: they are read one per shard per sweep, and must be handled before
		// they are idle long enough for another worker to take them back.
		ids, err := streams.ClaimIdle(ctx, w.store.rdb, st, OutboxGroup, w.consumer, w.minIdle, int(w.batch))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(ids) > 0 {
			w.logger.Info("referrals: claimed", "stream", st, "entries", len(ids))
			cur.Rewind(st)
		}
	}
	return errors.Join(errs...)
}

// result is what one POST came to.
type result struct {
	code       int
	reference  string
	err        error // network error or timeout
	retryAfter time.Duration
}

// entryRef is an outbox entry: its stream and id.
type entryRef struct{ stream, id string }

func (w *Worker) ack(ctx context.Context, p redis.Pipeliner, e entryRef) {
	p.XAck(ctx, e.stream, OutboxGroup, e.id)
	p.XDel(ctx, e.stream, e.id)
}

// handle delivers one outbox entry of stream and records the outcome. It runs to completion even
// when ctx ends (the POST in flight is finished and recorded).
func (w *Worker) handle(parent context.Context, stream string, m redis.XMessage) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), w.timeout+30*time.Second)
	defer cancel()
	e := entryRef{stream, m.ID}
	id, _ := m.Values["c"].(string)
	target, _ := m.Values["t"].(string)
	if id = NormalizeID(id); id == "" || target == "" {
		_, err := w.store.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { w.ack(ctx, p, e); return nil })
		if err != nil {
			w.logger.Error("referrals: ack malformed entry", "entry", m.ID, "err", err)
		}
		return
	}
	log := w.logger.With("case", id, "target", target)
	c, ok, err := w.store.Get(ctx, id)
	if err != nil {
		log.Error("referrals: load case", "err", err)
		return // stays pending; reclaimed later
	}
	if !ok {
		log.Info("referrals: case gone (forgotten or purged); dropped")
		w.dropEntry(ctx, log, e)
		return
	}
	if d := c.Deliveries[target]; d != nil && d.Status == StatusDelivered {
		log.Info("referrals: already delivered; duplicate entry dropped")
		w.dropEntry(ctx, log, e)
		return
	}
	t, ok := w.routing.Target(target)
	if !ok {
		w.record(ctx, log, e, c, target, result{}, "unknown target")
		return
	}
	res := w.post(ctx, c, t)
	w.record(ctx, log, e, c, target, res, "")
}

func (w *Worker) dropEntry(ctx context.Context, log *slog.Logger, e entryRef) {
	if _, err := w.store.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { w.ack(ctx, p, e); return nil }); err != nil {
		log.Error("referrals: ack", "err", err)
	}
}

func (w *Worker) post(ctx context.Context, c Case, t Target) result {
	body, err := c.Body(t.Name, w.now())
	if err != nil {
		return result{err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(body))
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tasdeeq-Signature", Sign(t.Secret, body))
	req.Header.Set("Idempotency-Key", c.ID)
	req.Header.Set("User-Agent", "tasdeeq-referrals/1")
	resp, err := w.client.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	res := result{code: resp.StatusCode}
	if resp.StatusCode/100 == 2 {
		// The endpoint accepted; a broken answer body does not undo that.
		var answer struct {
			Reference any `json:"reference"`
		}
		if err == nil && json.Unmarshal(raw, &answer) == nil && answer.Reference != nil {
			switch r := answer.Reference.(type) {
			case string:
				res.reference = r
			case float64:
				res.reference = strconv.FormatFloat(r, 'f', -1, 64)
			}
			if len(res.reference) > 200 {
				res.reference = res.reference[:200]
			}
		}
		return res
	}
	if v := resp.Header.Get("Retry-After"); v != "" && (resp.StatusCode == 429 || resp.StatusCode == 503) {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
			res.retryAfter = time.Duration(s) * time.Second
		} else if at, err := http.ParseTime(v); err == nil {
			res.retryAfter = at.Sub(w.now())
		}
	}
	return res
}

// backoff returns the jittered delay before retry number attempts (1-based).
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.base
	for i := 1; i < attempts && d < w.max; i++ {
		d *= 2
	}
	d = min(d, w.max)
	return time.Duration(rand.Int64N(int64(d))) + 1
}

// record stores the outcome of one POST (or a reason to give up at once) and acknowledges the
// entry in the same transaction, all in the case's shard. (An entry of another shard's stream,
// which only a hand-made entry can be, is acknowledged right after instead.)
func (w *Worker) record(ctx context.Context, log *slog.Logger, e entryRef, c Case, target string, res result, deadReason string) {
	sh := w.store.shardOf(c.ID)
	ackIn := func(p redis.Pipeliner) {
		if e.stream == OutboxStream(sh) {
			w.ack(ctx, p, e)
		}
	}

	now := w.now()
	var outcome, reason string
	var due time.Time
	switch {
	case deadReason != "":
		outcome, reason = "dead", deadReason
	case res.err == nil && res.code/100 == 2:
		outcome = "delivered"
	case res.err == nil && res.code/100 == 4 && res.code != 408 && res.code != 429:
		outcome, reason = "dead", fmt.Sprintf("HTTP %d", res.code)
	default:
		switch {
		case res.err != nil:
			reason = errText(res.err)
		case res.code/100 == 3:
			reason = fmt.Sprintf("HTTP %d: redirect not followed", res.code)
		default:
			reason = fmt.Sprintf("HTTP %d", res.code)
		}
		if now.Sub(c.CreatedAt) >= w.giveUp {
			outcome, reason = "dead", fmt.Sprintf("gave up after %s: %s", w.giveUp, reason)
		} else {
			outcome = "retry"
		}
	}
	var attempts int
	saved, found, err := w.store.update(ctx, c.ID, func(c *Case, p redis.Pipeliner) error {
		if c.Deliveries == nil {
			c.Deliveries = map[string]*Delivery{}
		}
		d := c.Deliveries[target]
		if d == nil {
			d = &Delivery{}
			c.Deliveries[target] = d
		}
		if deadReason == "" {
			d.Attempts++
		}
		attempts = d.Attempts
		switch outcome {
		case "delivered":
			d.Status, d.Reference, d.DeliveredAt, d.LastError = StatusDelivered, res.reference, now, ""
		case "dead":
			d.Status, d.LastError = StatusDead, reason
			p.XAdd(ctx, &redis.XAddArgs{Stream: DeadStream(sh), Values: []any{
				"c", c.ID, "t", target, "reason", reason, "at", now.UTC().Format(time.RFC3339)}})
		case "retry":
			d.Status, d.LastError = StatusQueued, reason
			wait := w.backoff(d.Attempts)
			if res.retryAfter > wait {
				wait = res.retryAfter
			}
			due = now.Add(wait)
			p.ZAdd(ctx, RetryKey(sh), redis.Z{Score: float64(due.UnixMilli()), Member: c.ID + "|" + target})
		}
		c.Status = caseStatus(c)
		ackIn(p)
		return nil
	}, ackIn)
	if err != nil {
		log.Error("referrals: record outcome; entry stays pending", "outcome", outcome, "status", res.code, "err", err)
		return
	}
	if e.stream != OutboxStream(sh) {
		w.dropEntry(ctx, log, e)
	}
	if !found {
		log.Info("referrals: case gone before the outcome was recorded; dropped", "outcome", outcome)
		return
	}
	w.total.WithLabelValues(target, outcome).Inc()
	switch outcome {
	case "delivered":
		log.Info("referrals: delivered", "status", res.code, "attempt", attempts)
		if w.onDelivered != nil {
			w.onDelivered(ctx, saved, target, res.reference)
		}
	case "dead":
		log.Warn("referrals: dead letter", "status", res.code, "attempt", attempts, "reason", reason)
		if w.onDead != nil {
			w.onDead(ctx, saved, target, reason)
		}
	case "retry":
		log.Info("referrals: retry scheduled", "status", res.code, "attempt", attempts, "reason", reason, "due", due)
	}
}

// errText describes a network error without the request body (the URL is ours, not the user's).
func errText(err error) string {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return "timeout"
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
