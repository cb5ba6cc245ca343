package outreach

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Campaign keys. A campaign's definition, which no user owns, has the fixed tag of its kind,
// shards.Fixed("campaigns"); its walk over the subscribers runs shard by shard, and each shard
// keeps its own progress of it, beside the subscribers and the broadcasts stream it walks:
//
//   - CampaignKeyPrefix + id: hash of the definition: id, mrc, created_at, text_en, text_ur,
//     done ("1" once every shard's walk is done), and for a campaign carried over from the
//     layout before shards (MigrateLayout) the counters of its old walk (legacy_queued,
//     legacy_blocked, legacy_failed) and where it had stopped (start_cursor).
//   - PendingKey: list of the ids of campaigns not yet fully queued, oldest first. One campaign is
//     queued at a time, the head of the list, in every shard.
//   - CampaignsIndexKey: sorted set of every campaign id by creation time (Unix ms), which Recent
//     reads instead of a SCAN.
//   - CampaignProgressKey(shard, id): hash of the campaign's walk in one shard: cursor, queued,
//     blocked, failed, total, done, and after_id/upto_id, the bounds of its entries on the shard's
//     broadcasts stream.
const (
	campaignsTag      = "tasdeeq:{campaigns}:" // shards.Fixed("campaigns")
	CampaignKeyPrefix = campaignsTag + "c:"
	PendingKey        = campaignsTag + "pending"
	CampaignsIndexKey = campaignsTag + "index"
)

// CampaignProgressKey is the progress of campaign id's walk over the subscribers of shard sh.
func CampaignProgressKey(sh shards.Shard, id string) string { return sh.Key("campaign:" + id) }

// UnsubscribeData is the callback data of the button under every broadcast; the bot answers it
// by unsubscribing the user (Subscribers.UnsubscribeCmds).
const UnsubscribeData = "unsub"

// Labels of the unsubscribe button, in the subscriber's language.
const (
	UnsubscribeLabelEN = "Unsubscribe"
	UnsubscribeLabelUR = "اطلاع بند کریں"
)

// MaxCampaignRunes bounds each text of a campaign (Telegram allows 4096 UTF-16 units).
const MaxCampaignRunes = 3500

// Campaign is one broadcast and its progress, added up over every shard.
//
// Counters, all per subscriber reached by the walk:
//   - Queued: messages put on the broadcasts streams so far.
//   - Sent: queued messages the sender has finished with: delivered, or dropped because
//     Telegram refused them (403 for a user who blocked the bot since, 400). The sender does not
//     report per campaign, so this is Queued − Remaining.
//   - Remaining: queued messages of this campaign still on the shards' broadcasts streams (unread
//     or in the sender's hands).
//   - Blocked: subscribers skipped, and unsubscribed, because the sender had marked their chat
//     blocked (outbox.Blocked) when the walk reached them.
//   - Failed: subscribers whose entry could not be used (not a chat id, or a chat of another
//     shard); normally 0.
//   - Total: subscribers walked so far plus those still ahead of the cursors (it moves as people
//     subscribe and unsubscribe during the campaign; exact once Done).
//
// Done means every shard's subscribers have been walked; messages may still be on the streams
// (Remaining > 0) until the sender catches up.
type Campaign struct {
	ID        string            `json:"id"`
	Text      map[string]string `json:"text"`
	MRC       string            `json:"mrc,omitempty"`
	CreatedAt time.Time         `json:"created_at"`
	Total     int64             `json:"total"`
	Queued    int64             `json:"queued"`
	Sent      int64             `json:"sent"`
	Failed    int64             `json:"failed"`
	Blocked   int64             `json:"blocked"`
	Remaining int64             `json:"remaining"`
	Done      bool              `json:"done"`
}

// Broadcaster queues campaigns on the shards' broadcasts streams, where the sender delivers them
// behind replies and within Telegram's limits.
//
// The head campaign of the pending list is walked shard by shard, a batch from each shard in
// turn. Each batch is committed in one MULTI/EXEC inside its shard: the XADDs of its messages to
// the shard's broadcasts stream, the unsubscribes of blocked chats, the shard's new cursor and
// counters, under WATCH of the shard's progress hash. Every key of it carries the shard's tag, so
// it is one slot on Redis Cluster. A crash therefore resumes exactly after the last committed
// batch of each shard (no message lost, none queued twice), and two broadcasters running at once
// never queue the same batch twice. Once every shard's walk is done the campaign is marked done
// and leaves the pending list (a transaction on the campaigns tag), and the next one starts.
type Broadcaster struct {
	rdb        redis.UniversalClient
	subs       *Subscribers
	ring       shards.Ring
	ringSet    bool
	batch      int
	maxBacklog int
	poll       time.Duration
	now        func() time.Time
	log        *slog.Logger
	running    atomic.Bool

	// Used by the loop alone (one at a time, see running): the definition of the head campaign,
	// and the shard the walk tries first at the next step.
	head *campaignDef
	next int
}

// WithBatch sets how many subscribers one transaction handles (default 200).
func WithBatch(n int) BroadcastOption {
	return broadcastFunc(func(b *Broadcaster) {
		if n > 0 {
			b.batch = n
		}
	})
}

// WithMaxBacklog bounds the broadcasts streams of all shards together (default 500 entries): a
// batch is queued only when it fits under the bound with what every shard's stream already
// holds, otherwise the broadcaster waits for the sender. A short backlog keeps Redis small and
// progress honest; replies never wait for it (the sender reads them first). Two broadcasters
// running at once may each add a batch after reading the same backlog.
func WithMaxBacklog(n int) BroadcastOption {
	return broadcastFunc(func(b *Broadcaster) {
		if n > 0 {
			b.maxBacklog = n
		}
	})
}

// WithBroadcastClock replaces time.Now (creation times, Outgoing.Enqueued).
func WithBroadcastClock(now func() time.Time) BroadcastOption {
	return broadcastFunc(func(b *Broadcaster) {
		if now != nil {
			b.now = now
		}
	})
}

// WithBroadcastLogger sets the logger (default: discard). It logs campaign ids and counts, never
// message text or chat ids.
func WithBroadcastLogger(l *slog.Logger) BroadcastOption {
	return broadcastFunc(func(b *Broadcaster) {
		if l != nil {
			b.log = l
		}
	})
}

// WithBroadcastPoll sets how often Run looks for new campaigns and for room on the streams
// (default 250 ms).
func WithBroadcastPoll(d time.Duration) BroadcastOption {
	return broadcastFunc(func(b *Broadcaster) {
		if d > 0 {
			b.poll = d
		}
	})
}

// NewBroadcaster returns a broadcaster over subs. Its ring is subs' unless WithShards sets one
// (it must be the same: the walk reads the sets subs writes).
func NewBroadcaster(rdb redis.UniversalClient, subs *Subscribers, opts ...BroadcastOption) *Broadcaster {
	b := &Broadcaster{
		rdb:        rdb,
		subs:       subs,
		batch:      200,
		maxBacklog: 500,
		poll:       250 * time.Millisecond,
		now:        time.Now,
		log:        slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		o.applyBroadcast(b)
	}
	if !b.ringSet && subs != nil {
		b.ring = subs.ring
	}
	return b
}

// ErrInvalidCampaign wraps every validation error of Create and LoadCampaignFile.
var ErrInvalidCampaign = errors.New("invalid campaign")

// normalizeCampaign checks a campaign's texts and centre: only "en" and "ur", at least one of
// them non-blank, each at most MaxCampaignRunes runes and 4096 UTF-16 units.
func normalizeCampaign(text map[string]string, mrc string) (map[string]string, string, error) {
	out := map[string]string{}
	for lang, t := range text {
		if lang != "en" && lang != "ur" {
			return nil, "", fmt.Errorf("%w: text.%s: languages are en and ur", ErrInvalidCampaign, lang)
		}
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if !utf8.ValidString(t) {
			return nil, "", fmt.Errorf("%w: text.%s is not valid UTF-8", ErrInvalidCampaign, lang)
		}
		if n := utf8.RuneCountInString(t); n > MaxCampaignRunes {
			return nil, "", fmt.Errorf("%w: text.%s has %d characters, at most %d", ErrInvalidCampaign, lang, n, MaxCampaignRunes)
		}
		if n := len(utf16.Encode([]rune(t))); n > 4096 {
			return nil, "", fmt.Errorf("%w: text.%s is %d UTF-16 units, Telegram allows 4096", ErrInvalidCampaign, lang, n)
		}
		out[lang] = t
	}
	if len(out) == 0 {
		return nil, "", fmt.Errorf("%w: text.en or text.ur is required", ErrInvalidCampaign)
	}
	mrc = subsMRC(mrc)
	if !subsValidMRC(mrc) {
		return nil, "", fmt.Errorf("%w: mrc %q: letters, digits, - and _, at most 16", ErrInvalidCampaign, mrc)
	}
	return out, mrc, nil
}

// Create validates and stores a campaign, indexes it by creation time and puts it at the end of
// the pending list, in one transaction on the campaigns tag; Run queues it once the campaigns
// before it are done. Total is the audience when it was created.
func (b *Broadcaster) Create(ctx context.Context, text map[string]string, mrc string) (Campaign, error) {
	text, mrc, err := normalizeCampaign(text, mrc)
	if err != nil {
		return Campaign{}, err
	}
	total, err := countSubscribers(ctx, b.rdb, b.ring, mrc)
	if err != nil {
		return Campaign{}, err
	}
	c := Campaign{ID: newCampaignID(), Text: text, MRC: mrc, CreatedAt: b.now().UTC(), Total: total}
	_, err = b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, CampaignKeyPrefix+c.ID,
			"id", c.ID, "mrc", c.MRC, "created_at", c.CreatedAt.Format(time.RFC3339Nano),
			"text_en", text["en"], "text_ur", text["ur"], "done", 0)
		p.ZAdd(ctx, CampaignsIndexKey, redis.Z{Score: float64(c.CreatedAt.UnixMilli()), Member: c.ID})
		p.RPush(ctx, PendingKey, c.ID)
		return nil
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("store campaign: %w", err)
	}
	b.log.Info("campaign created", "campaign", c.ID, "mrc", c.MRC, "subscribers", total)
	return c, nil
}

// campaignDef is a campaign's definition, as stored under CampaignKeyPrefix.
type campaignDef struct {
	id, mrc string
	text    map[string]string
	created time.Time
	done    bool
	// What the walk before the sharded layout had done (see MigrateLayout), and where it stopped:
	// every shard's walk starts after startCursor.
	legacyQueued, legacyBlocked, legacyFailed int64
	startCursor                               string
}

func decodeCampaignDef(h map[string]string) campaignDef {
	num := func(k string) int64 { n, _ := strconv.ParseInt(h[k], 10, 64); return n }
	d := campaignDef{id: h["id"], mrc: h["mrc"], text: map[string]string{}, done: h["done"] == "1", startCursor: h["start_cursor"]}
	d.legacyQueued, d.legacyBlocked, d.legacyFailed = num("legacy_queued"), num("legacy_blocked"), num("legacy_failed")
	d.created, _ = time.Parse(time.RFC3339Nano, h["created_at"])
	for _, l := range []string{"en", "ur"} {
		if t := h["text_"+l]; t != "" {
			d.text[l] = t
		}
	}
	return d
}

// shardProgress is a campaign's walk in one shard, as stored under CampaignProgressKey.
type shardProgress struct {
	started                        bool
	cursor                         string
	queued, blocked, failed, total int64
	done                           bool
	afterID, uptoID                string
}

func decodeShardProgress(h map[string]string) shardProgress {
	num := func(k string) int64 { n, _ := strconv.ParseInt(h[k], 10, 64); return n }
	return shardProgress{
		started: len(h) > 0, cursor: h["cursor"],
		queued: num("queued"), blocked: num("blocked"), failed: num("failed"), total: num("total"),
		done: h["done"] == "1", afterID: h["after_id"], uptoID: h["upto_id"],
	}
}

// processed is how many subscribers the shard's walk has been through.
func (p shardProgress) processed() int64 { return p.queued + p.blocked + p.failed }

// Get returns a campaign and its progress.
func (b *Broadcaster) Get(ctx context.Context, id string) (Campaign, bool, error) {
	if !validCampaignID(id) {
		return Campaign{}, false, nil
	}
	cs, err := b.load(ctx, []string{id})
	if err != nil || len(cs) == 0 {
		return Campaign{}, false, err
	}
	return cs[0], true, nil
}

// countPage is how many stream entries one XRANGE of the progress count reads.
const countPage = 1000

// load reads campaigns and adds up their progress over every shard, in three pipelines whatever
// their number: the definitions; every shard's progress, backlog and (for a campaign not done)
// the subscribers ahead of where its walk starts; and the entries still on the streams. Unknown
// ids are left out; the order of ids is kept.
func (b *Broadcaster) load(ctx context.Context, ids []string) ([]Campaign, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	p := b.rdb.Pipeline()
	hs := make([]*redis.MapStringStringCmd, len(ids))
	for i, id := range ids {
		hs[i] = p.HGetAll(ctx, CampaignKeyPrefix+id)
	}
	if _, err := p.Exec(ctx); err != nil {
		return nil, fmt.Errorf("read campaigns: %w", err)
	}
	var defs []campaignDef
	for _, h := range hs {
		if len(h.Val()) > 0 {
			defs = append(defs, decodeCampaignDef(h.Val()))
		}
	}
	if len(defs) == 0 {
		return nil, nil
	}

	all := b.ring.All()
	p = b.rdb.Pipeline()
	lens := make([]*redis.IntCmd, len(all))
	for i, sh := range all {
		lens[i] = p.XLen(ctx, outbox.BroadcastsStream(sh))
	}
	progress := make([][]*redis.MapStringStringCmd, len(defs))
	ahead := make([][]*redis.IntCmd, len(defs))
	for d, def := range defs {
		progress[d] = make([]*redis.MapStringStringCmd, len(all))
		for i, sh := range all {
			progress[d][i] = p.HGetAll(ctx, CampaignProgressKey(sh, def.id))
		}
		if !def.done {
			ahead[d] = make([]*redis.IntCmd, len(all))
			for i, sh := range all {
				ahead[d][i] = p.ZCount(ctx, SubsSetKey(sh, def.mrc), cursorMin(def.startCursor), "+inf")
			}
		}
	}
	if _, err := p.Exec(ctx); err != nil {
		return nil, fmt.Errorf("read campaign progress: %w", err)
	}

	type pending struct {
		campaign int
		stream   string
		upto     string
		limit    int64
		cmd      *redis.XMessageSliceCmd
	}
	var left []pending
	p = b.rdb.Pipeline()
	out := make([]Campaign, len(defs))
	for d, def := range defs {
		c := Campaign{ID: def.id, Text: def.text, MRC: def.mrc, CreatedAt: def.created, Done: def.done,
			Queued: def.legacyQueued, Blocked: def.legacyBlocked, Failed: def.legacyFailed}
		c.Total = c.Queued + c.Blocked + c.Failed
		for i, sh := range all {
			pr := decodeShardProgress(progress[d][i].Val())
			c.Queued += pr.queued
			c.Blocked += pr.blocked
			c.Failed += pr.failed
			switch {
			case pr.started:
				c.Total += pr.total
			case !def.done:
				c.Total += ahead[d][i].Val()
			}
			if pr.afterID == "" || pr.queued == 0 || lens[i].Val() == 0 {
				continue
			}
			upto := pr.uptoID
			if upto == "" {
				upto = "+"
			}
			stream := outbox.BroadcastsStream(sh)
			left = append(left, pending{campaign: d, stream: stream, upto: upto, limit: pr.queued,
				cmd: p.XRangeN(ctx, stream, "("+pr.afterID, upto, min(pr.queued, countPage))})
		}
		out[d] = c
	}
	if len(left) > 0 {
		if _, err := p.Exec(ctx); err != nil {
			return nil, fmt.Errorf("count queued messages: %w", err)
		}
	}
	for _, l := range left {
		es := l.cmd.Val()
		n := int64(len(es))
		if n == countPage && n < l.limit { // a long stream: read on
			more, err := b.countEntries(ctx, l.stream, es[len(es)-1].ID, l.upto, l.limit-n)
			if err != nil {
				return nil, err
			}
			n += more
		}
		out[l.campaign].Remaining += n
	}
	for i := range out {
		out[i].Sent = max(out[i].Queued-out[i].Remaining, 0)
	}
	return out, nil
}

// countEntries counts entries of a broadcasts stream after after (exclusive) up to upto, at most
// limit (the streams are short: the broadcaster keeps them under its backlog bound).
func (b *Broadcaster) countEntries(ctx context.Context, stream, after, upto string, limit int64) (int64, error) {
	var n int64
	start := "(" + after
	for n < limit {
		es, err := b.rdb.XRangeN(ctx, stream, start, upto, min(limit-n, countPage)).Result()
		if err != nil {
			return 0, fmt.Errorf("count queued messages: %w", err)
		}
		n += int64(len(es))
		if len(es) < countPage {
			break
		}
		start = "(" + es[len(es)-1].ID
	}
	return n, nil
}

// recentPage is how many ids of the index Recent reads at a time.
const recentPage = 100

// Recent returns up to limit campaigns (every one when limit <= 0), newest first, with their
// progress; mrc keeps only one centre's ("" keeps all). The ids come from the index by creation
// time, newest first; with a centre, their definitions' centres are read a page at a time until
// limit match.
func (b *Broadcaster) Recent(ctx context.Context, mrc string, limit int) ([]Campaign, error) {
	want := subsMRC(mrc)
	var ids []string
	for start := int64(0); limit <= 0 || len(ids) < limit; start += recentPage {
		page, err := b.rdb.ZRevRange(ctx, CampaignsIndexKey, start, start+recentPage-1).Result()
		if err != nil {
			return nil, fmt.Errorf("list campaigns: %w", err)
		}
		if want == "" {
			ids = append(ids, page...)
		} else if len(page) > 0 {
			p := b.rdb.Pipeline()
			mrcs := make([]*redis.StringCmd, len(page))
			for i, id := range page {
				mrcs[i] = p.HGet(ctx, CampaignKeyPrefix+id, "mrc")
			}
			if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
				return nil, fmt.Errorf("list campaigns: %w", err)
			}
			for i, id := range page {
				if mrcs[i].Val() == want {
					ids = append(ids, id)
				}
			}
		}
		if len(page) < recentPage {
			break
		}
	}
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	out, err := b.load(ctx, ids)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Campaign) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

// Run queues pending campaigns, one at a time in creation order, until ctx is cancelled; then it
// returns nil (the committed cursors are where the next Run resumes). Redis errors are logged and
// retried. It returns an error only when this Broadcaster is already running.
func (b *Broadcaster) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("broadcaster already running")
	}
	defer b.running.Store(false)
	_ = b.loop(ctx, false)
	return nil
}

// Drain is Run that returns once no campaign is pending (nil), or ctx.Err() when cancelled first.
// The messages may still be on the streams: Get's Remaining says how many.
func (b *Broadcaster) Drain(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("broadcaster already running")
	}
	defer b.running.Store(false)
	return b.loop(ctx, true)
}

type stepResult int

const (
	stepIdle     stepResult = iota // nothing pending
	stepWait                       // the streams are full
	stepProgress                   // a batch was committed (or a conflict lost: try again)
)

func (b *Broadcaster) loop(ctx context.Context, drain bool) error {
	errWait := 100 * time.Millisecond
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := b.step(ctx)
		if err != nil {
			if ctx.Err() != nil {
				continue
			}
			b.log.Warn("broadcast step failed; retrying", "err", err, "wait", errWait)
			_ = streams.Sleep(ctx, errWait)
			errWait = min(2*errWait, 5*time.Second)
			continue
		}
		errWait = 100 * time.Millisecond
		switch res {
		case stepIdle:
			if drain {
				return nil
			}
			_ = streams.Sleep(ctx, b.poll)
		case stepWait:
			_ = streams.Sleep(ctx, b.poll)
		}
	}
}

// step commits one batch of the head campaign in one shard, if the streams have room for it, or
// marks the campaign done once every shard's walk is.
func (b *Broadcaster) step(ctx context.Context) (stepResult, error) {
	id, err := b.rdb.LIndex(ctx, PendingKey, 0).Result()
	if errors.Is(err, redis.Nil) {
		b.head = nil
		return stepIdle, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read pending campaigns: %w", err)
	}
	if b.head == nil || b.head.id != id {
		h, err := b.rdb.HGetAll(ctx, CampaignKeyPrefix+id).Result()
		if err != nil {
			return 0, fmt.Errorf("read campaign: %w", err)
		}
		if len(h) == 0 { // deleted: nothing to queue
			b.head = nil
			if err := b.rdb.LRem(ctx, PendingKey, 0, id).Err(); err != nil {
				return 0, fmt.Errorf("drop campaign: %w", err)
			}
			return stepProgress, nil
		}
		def := decodeCampaignDef(h)
		def.id = id
		b.head = &def
	}
	def := b.head

	// Every shard's backlog and whether its walk is done, in one round trip.
	all := b.ring.All()
	p := b.rdb.Pipeline()
	lens := make([]*redis.IntCmd, len(all))
	dones := make([]*redis.StringCmd, len(all))
	for i, sh := range all {
		lens[i] = p.XLen(ctx, outbox.BroadcastsStream(sh))
		dones[i] = p.HGet(ctx, CampaignProgressKey(sh, id), "done")
	}
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return 0, fmt.Errorf("read campaign progress: %w", err)
	}
	var backlog int64
	var open []int
	for i := range all {
		backlog += lens[i].Val()
		if !def.done && dones[i].Val() != "1" {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return stepProgress, b.finish(ctx, def)
	}
	limit := min(b.batch, b.maxBacklog)
	if backlog+int64(limit) > int64(b.maxBacklog) {
		return stepWait, nil
	}
	// The walk goes round the shards, a batch from each in turn, so a campaign reaches every
	// shard (and every primary of a cluster) at once rather than one after the other.
	pick := open[0]
	for _, i := range open {
		if i >= b.next {
			pick = i
			break
		}
	}
	b.next = pick + 1
	err = b.advance(ctx, def, all[pick], limit)
	if errors.Is(err, redis.TxFailedErr) { // another broadcaster moved the cursor: read again
		return stepProgress, nil
	}
	if err != nil {
		return 0, err
	}
	return stepProgress, nil
}

// finish marks a campaign whose every shard has been walked done and takes it off the pending
// list, in one transaction on the campaigns tag. Two broadcasters may both do it: it is
// idempotent.
func (b *Broadcaster) finish(ctx context.Context, def *campaignDef) error {
	_, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if !def.done {
			p.HSet(ctx, CampaignKeyPrefix+def.id, "done", 1)
		}
		p.LRem(ctx, PendingKey, 0, def.id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish campaign: %w", err)
	}
	b.head = nil
	if cs, err := b.load(ctx, []string{def.id}); err == nil && len(cs) == 1 && !def.done {
		c := cs[0]
		b.log.Info("campaign queued", "campaign", def.id, "queued", c.Queued, "blocked", c.Blocked, "failed", c.Failed)
	}
	return nil
}

type subsMember struct {
	id    string
	score float64
}

// advance queues the next batch of campaign def in shard sh in one transaction of that shard, or
// marks the shard's walk done.
func (b *Broadcaster) advance(ctx context.Context, def *campaignDef, sh shards.Shard, limit int) error {
	key := CampaignProgressKey(sh, def.id)
	stream := outbox.BroadcastsStream(sh)
	return b.rdb.Watch(ctx, func(tx *redis.Tx) error {
		h, err := tx.HGetAll(ctx, key).Result()
		if err != nil {
			return fmt.Errorf("read campaign progress: %w", err)
		}
		pr := decodeShardProgress(h)
		if pr.done { // finished by someone else
			return nil
		}
		cursor := pr.cursor
		if !pr.started {
			cursor = def.startCursor
		}
		set := SubsSetKey(sh, def.mrc)
		ms, err := b.walk(ctx, set, cursor, limit)
		if err != nil {
			return err
		}

		// The subscribers' languages and blocked marks, in one round trip. A member that is not a
		// chat id of this shard (the ring it was written with was another) is counted failed and
		// left alone: its keys are in another slot.
		langs := make([]*redis.StringCmd, len(ms))
		blocked := make([]*redis.IntCmd, len(ms))
		chats := make([]int64, len(ms))
		var rest *redis.IntCmd
		pipe := b.rdb.Pipeline()
		for i, m := range ms {
			chat, err := strconv.ParseInt(m.id, 10, 64)
			if err != nil || chat == 0 || b.ring.Of(chat) != sh {
				continue
			}
			chats[i] = chat
			langs[i] = pipe.HGet(ctx, SubsLangKey(sh), m.id)
			blocked[i] = pipe.Exists(ctx, outbox.BlockedKey(b.ring, chat))
		}
		if len(ms) > 0 {
			rest = pipe.ZCount(ctx, set, "("+fmtSubsScore(ms[len(ms)-1].score), "+inf")
		}
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("read subscribers: %w", err)
		}

		// Where this campaign's entries start and end on the shard's stream (Get counts what is
		// left between the two). Only campaigns add broadcasts, one campaign at a time in every
		// shard, so every entry after the last one present before the shard's first batch is this
		// campaign's.
		after, upto := pr.afterID, pr.uptoID
		if after == "" || len(ms) == 0 {
			last, err := b.lastEntry(ctx, stream)
			if err != nil {
				return err
			}
			if after == "" {
				after = last
			}
			if len(ms) == 0 {
				upto = last
			}
		}

		now := b.now()
		var queued, skipped, failed int64
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for i := range ms {
				chat := chats[i]
				switch {
				case chat == 0:
					failed++
					continue
				case blocked[i].Val() > 0:
					unsubscribeCmds(ctx, p, sh, chat)
					skipped++
					continue
				}
				lang := subsLang(langs[i].Val())
				msg := outbox.Outgoing{
					ChatID:   chat,
					Text:     pickCampaignText(def.text, lang),
					Buttons:  [][]outbox.Button{{{Text: unsubscribeLabel(lang), Data: UnsubscribeData}}},
					Kind:     outbox.Broadcast,
					Enqueued: now,
					// On WhatsApp a campaign goes only as its approved template, with the text as
					// its parameter; Telegram ignores the notice.
					Notice: &outbox.Notice{Kind: outbox.NoticeCampaign, Lang: lang},
				}
				if err := outbox.Enqueue(ctx, p, sh, msg); err != nil {
					return err
				}
				queued++
			}
			p.HIncrBy(ctx, key, "queued", queued)
			p.HIncrBy(ctx, key, "blocked", skipped)
			p.HIncrBy(ctx, key, "failed", failed)
			processed := pr.processed() + queued + skipped + failed
			if pr.afterID == "" {
				p.HSet(ctx, key, "after_id", after)
			}
			if len(ms) == 0 {
				p.HSet(ctx, key, "done", 1, "upto_id", upto, "total", processed, "cursor", cursorScore(cursor))
				return nil
			}
			last := ms[len(ms)-1]
			p.HSet(ctx, key, "cursor", fmtSubsScore(last.score), "total", processed+rest.Val())
			return nil
		})
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			b.log.Debug("campaign shard walked", "campaign", def.id, "shard", sh.Index(), "queued", pr.queued, "blocked", pr.blocked, "failed", pr.failed)
		} else {
			b.log.Debug("campaign batch queued", "campaign", def.id, "shard", sh.Index(), "queued", queued, "blocked", skipped, "failed", failed)
		}
		return nil
	}, key)
}

// walk returns the members of set after cursor in the set's order (by score, ties by member
// bytes): up to n, and then the rest of the last one's score, so that a batch never ends inside
// a group of subscribers who share a subscribe time and the cursor after it can be that score
// alone, which names nobody (a cursor is kept with the campaign, and a subscriber who asks to be
// forgotten must not stay in it); such a group can make a batch, and the stream, longer than the
// batch size and the backlog bound by its size. A cursor is "" for the start, "<score>" when
// every member up to that score was walked, or, as earlier versions wrote it, "<score>:<member>":
// then members that share the score are compared by member, so ties and members removed since
// are handled.
func (b *Broadcaster) walk(ctx context.Context, set, cursor string, n int) ([]subsMember, error) {
	minScore, after := "-inf", ""
	var cs float64
	tie := false
	if cursor != "" {
		s, m, withMember := strings.Cut(cursor, ":")
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("campaign cursor %q unreadable", cursor)
		}
		if withMember {
			minScore, after, cs, tie = s, m, f, true
		} else {
			minScore = "(" + s
		}
	}
	var out []subsMember
	for offset := int64(0); ; {
		zs, err := b.rdb.ZRangeByScoreWithScores(ctx, set, &redis.ZRangeBy{Min: minScore, Max: "+inf", Offset: offset, Count: int64(n)}).Result()
		if err != nil {
			return nil, fmt.Errorf("read subscribers: %w", err)
		}
		for _, z := range zs {
			m, _ := z.Member.(string)
			if tie && z.Score == cs && m <= after {
				continue
			}
			out = append(out, subsMember{id: m, score: z.Score})
		}
		if len(out) > 0 || len(zs) < n {
			break
		}
		offset += int64(len(zs)) // a full page of ties at or before the cursor
	}
	if len(out) == 0 {
		return nil, nil
	}
	last := out[len(out)-1]
	score := fmtSubsScore(last.score)
	same, err := b.rdb.ZRangeByScore(ctx, set, &redis.ZRangeBy{Min: score, Max: score}).Result()
	if err != nil {
		return nil, fmt.Errorf("read subscribers: %w", err)
	}
	for _, m := range same {
		if m > last.id {
			out = append(out, subsMember{id: m, score: last.score})
		}
	}
	return out, nil
}

// cursorScore is the score of a cursor, without the member that earlier versions kept in it.
func cursorScore(cursor string) string {
	s, _, _ := strings.Cut(cursor, ":")
	return s
}

// cursorMin is the ZCOUNT bound of the members after a cursor: exact for "" and "<score>"; for a
// cursor of an earlier version, "<score>:<member>", it leaves out the members of that score the
// walk has still to reach (an estimate of Total, no more).
func cursorMin(cursor string) string {
	if cursor == "" {
		return "-inf"
	}
	return "(" + cursorScore(cursor)
}

// lastEntry is the id of the newest entry on a broadcasts stream, "0-0" when it is empty.
func (b *Broadcaster) lastEntry(ctx context.Context, stream string) (string, error) {
	es, err := b.rdb.XRevRangeN(ctx, stream, "+", "-", 1).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("read broadcast stream: %w", err)
	}
	if len(es) == 0 {
		return "0-0", nil
	}
	return es[0].ID, nil
}

// pickCampaignText is the campaign text in lang, or in the other language when that one is missing.
func pickCampaignText(text map[string]string, lang string) string {
	if t := text[lang]; t != "" {
		return t
	}
	if lang == "en" {
		return text["ur"]
	}
	return text["en"]
}

func unsubscribeLabel(lang string) string {
	if lang == "en" {
		return UnsubscribeLabelEN
	}
	return UnsubscribeLabelUR
}

func fmtSubsScore(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

const campaignIDAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newCampaignID is 12 random characters of [a-z0-9].
func newCampaignID() string {
	var buf [12]byte
	_, _ = rand.Read(buf[:])
	for i, c := range buf {
		buf[i] = campaignIDAlphabet[int(c)%len(campaignIDAlphabet)]
	}
	return string(buf[:])
}

func validCampaignID(id string) bool {
	if id == "" || len(id) > 32 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
