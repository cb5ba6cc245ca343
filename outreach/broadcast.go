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

// Campaign keys: CampaignKeyPrefix + id is a hash (fields below); PendingKey lists the ids of
// campaigns not yet fully queued, oldest first. One campaign is queued at a time, the head of
// the list.
const (
	CampaignKeyPrefix = "tasdeeq:campaign:"
	PendingKey        = "tasdeeq:campaigns:pending"
)

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

// Campaign is one broadcast and its progress.
//
// Counters, all per subscriber reached by the walk:
//   - Queued: messages put on the broadcasts stream so far.
//   - Sent: queued messages the sender has finished with: delivered, or dropped because
//     Telegram refused them (403 for a user who blocked the bot since, 400). The sender does not
//     report per campaign, so this is Queued − Remaining.
//   - Remaining: queued messages of this campaign still on the broadcasts stream (unread or in
//     the sender's hands).
//   - Blocked: subscribers skipped, and unsubscribed, because the sender had marked their chat
//     blocked (outbox.Blocked) when the walk reached them.
//   - Failed: subscribers whose entry could not be used (not a chat id); normally 0.
//   - Total: subscribers walked so far plus those still ahead of the cursor (it moves as people
//     subscribe and unsubscribe during the campaign; exact once Done).
//
// Done means every subscriber has been walked; messages may still be on the stream
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
	Cursor    string            `json:"cursor"`
	Done      bool              `json:"done"`
}

// Broadcaster queues campaigns on the broadcasts stream, where the bot sender delivers them
// behind replies and within Telegram's limits.
//
// Each batch of subscribers is committed in one MULTI/EXEC: the XADDs of its messages, the
// unsubscribes of blocked chats, the new cursor and counters, under WATCH of the campaign hash.
// A crash therefore resumes exactly after the last committed batch (no message lost, none
// queued twice), and two broadcasters running at once never queue the same batch twice.
type Broadcaster struct {
	rdb        redis.UniversalClient
	subs       *Subscribers
	batch      int
	maxBacklog int
	poll       time.Duration
	now        func() time.Time
	log        *slog.Logger
	stream     string
	running    atomic.Bool
}

// BroadcastOption configures a Broadcaster.
type BroadcastOption func(*Broadcaster)

// WithBatch sets how many subscribers one transaction handles (default 200).
func WithBatch(n int) BroadcastOption {
	return func(b *Broadcaster) {
		if n > 0 {
			b.batch = n
		}
	}
}

// WithMaxBacklog bounds the broadcasts stream (default 500 entries): a batch is queued only when
// it fits, otherwise the broadcaster waits for the sender. A short stream keeps Redis small and
// progress honest; replies never wait for it (the sender reads them first).
func WithMaxBacklog(n int) BroadcastOption {
	return func(b *Broadcaster) {
		if n > 0 {
			b.maxBacklog = n
		}
	}
}

// WithBroadcastClock replaces time.Now (creation times, Outgoing.Enqueued).
func WithBroadcastClock(now func() time.Time) BroadcastOption {
	return func(b *Broadcaster) {
		if now != nil {
			b.now = now
		}
	}
}

// WithBroadcastLogger sets the logger (default: discard). It logs campaign ids and counts, never
// message text or chat ids.
func WithBroadcastLogger(l *slog.Logger) BroadcastOption {
	return func(b *Broadcaster) {
		if l != nil {
			b.log = l
		}
	}
}

// WithBroadcastPoll sets how often Run looks for new campaigns and for room on the stream
// (default 250 ms).
func WithBroadcastPoll(d time.Duration) BroadcastOption {
	return func(b *Broadcaster) {
		if d > 0 {
			b.poll = d
		}
	}
}

// NewBroadcaster returns a broadcaster over subs.
func NewBroadcaster(rdb redis.UniversalClient, subs *Subscribers, opts ...BroadcastOption) *Broadcaster {
	b := &Broadcaster{
		rdb:        rdb,
		subs:       subs,
		batch:      200,
		maxBacklog: 500,
		poll:       250 * time.Millisecond,
		now:        time.Now,
		log:        slog.New(slog.DiscardHandler),
		stream:     outbox.BroadcastsStream(shards.Ring{}.Of(0)),
	}
	for _, o := range opts {
		o(b)
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

// Create validates and stores a campaign and puts it at the end of the pending list; Run queues
// it once the campaigns before it are done.
func (b *Broadcaster) Create(ctx context.Context, text map[string]string, mrc string) (Campaign, error) {
	text, mrc, err := normalizeCampaign(text, mrc)
	if err != nil {
		return Campaign{}, err
	}
	total, err := b.subs.Count(ctx, mrc)
	if err != nil {
		return Campaign{}, err
	}
	c := Campaign{ID: newCampaignID(), Text: text, MRC: mrc, CreatedAt: b.now().UTC(), Total: total}
	_, err = b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, CampaignKeyPrefix+c.ID,
			"id", c.ID, "mrc", c.MRC, "created_at", c.CreatedAt.Format(time.RFC3339Nano),
			"text_en", text["en"], "text_ur", text["ur"], "total", total,
			"queued", 0, "failed", 0, "blocked", 0, "cursor", "", "done", 0)
		p.RPush(ctx, PendingKey, c.ID)
		return nil
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("store campaign: %w", err)
	}
	b.log.Info("campaign created", "campaign", c.ID, "mrc", c.MRC, "subscribers", total)
	return c, nil
}

// Get returns a campaign and its progress.
func (b *Broadcaster) Get(ctx context.Context, id string) (Campaign, bool, error) {
	if !validCampaignID(id) {
		return Campaign{}, false, nil
	}
	h, err := b.rdb.HGetAll(ctx, CampaignKeyPrefix+id).Result()
	if err != nil {
		return Campaign{}, false, fmt.Errorf("read campaign: %w", err)
	}
	if len(h) == 0 {
		return Campaign{}, false, nil
	}
	c := decodeCampaignHash(h)
	if h["after_id"] != "" {
		upto := h["upto_id"]
		if upto == "" {
			upto = "+"
		}
		n, err := b.countEntries(ctx, h["after_id"], upto, c.Queued)
		if err != nil {
			return Campaign{}, false, err
		}
		c.Remaining = n
	}
	c.Sent = max(c.Queued-c.Remaining, 0)
	return c, true, nil
}

// countEntries counts entries of the broadcasts stream after after (exclusive) up to upto, at
// most limit (the stream is short: the broadcaster keeps it under its backlog bound).
func (b *Broadcaster) countEntries(ctx context.Context, after, upto string, limit int64) (int64, error) {
	var n int64
	start := "(" + after
	for n < limit {
		es, err := b.rdb.XRangeN(ctx, b.stream, start, upto, min(limit-n, 1000)).Result()
		if err != nil {
			return 0, fmt.Errorf("count queued messages: %w", err)
		}
		n += int64(len(es))
		if len(es) < 1000 {
			break
		}
		start = "(" + es[len(es)-1].ID
	}
	return n, nil
}

// Recent returns up to limit campaigns, newest first, with their progress; mrc keeps only one
// centre's ("" keeps all). The campaign hashes are found by SCAN: there are a few a month.
func (b *Broadcaster) Recent(ctx context.Context, mrc string, limit int) ([]Campaign, error) {
	var ids []string
	iter := b.rdb.Scan(ctx, 0, CampaignKeyPrefix+"*", 500).Iterator()
	for iter.Next(ctx) {
		if id := strings.TrimPrefix(iter.Val(), CampaignKeyPrefix); validCampaignID(id) {
			ids = append(ids, id)
		}
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	var out []Campaign
	for _, id := range ids {
		c, ok, err := b.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok && (mrc == "" || c.MRC == subsMRC(mrc)) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Campaign) int { return b.CreatedAt.Compare(a.CreatedAt) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func decodeCampaignHash(h map[string]string) Campaign {
	num := func(k string) int64 { n, _ := strconv.ParseInt(h[k], 10, 64); return n }
	c := Campaign{
		ID: h["id"], MRC: h["mrc"], Text: map[string]string{},
		Total: num("total"), Queued: num("queued"), Failed: num("failed"), Blocked: num("blocked"),
		Cursor: h["cursor"], Done: h["done"] == "1",
	}
	c.CreatedAt, _ = time.Parse(time.RFC3339Nano, h["created_at"])
	for _, l := range []string{"en", "ur"} {
		if t := h["text_"+l]; t != "" {
			c.Text[l] = t
		}
	}
	return c
}

// Run queues pending campaigns, one at a time in creation order, until ctx is cancelled; then it
// returns nil (the committed cursor is where the next Run resumes). Redis errors are logged and
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
// The messages may still be on the stream: Get's Remaining says how many.
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
	stepWait                       // the stream is full
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

// step commits one batch of the head campaign, if the stream has room for it.
func (b *Broadcaster) step(ctx context.Context) (stepResult, error) {
	id, err := b.rdb.LIndex(ctx, PendingKey, 0).Result()
	if errors.Is(err, redis.Nil) {
		return stepIdle, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read pending campaigns: %w", err)
	}
	limit := min(b.batch, b.maxBacklog)
	n, err := b.rdb.XLen(ctx, b.stream).Result()
	if err != nil {
		return 0, fmt.Errorf("read broadcast backlog: %w", err)
	}
	if n+int64(limit) > int64(b.maxBacklog) {
		return stepWait, nil
	}
	err = b.advance(ctx, id, limit)
	if errors.Is(err, redis.TxFailedErr) { // another broadcaster moved the cursor: read again
		return stepProgress, nil
	}
	if err != nil {
		return 0, err
	}
	return stepProgress, nil
}

type subsMember struct {
	id    string
	score float64
}

// advance queues the next batch of campaign id in one transaction, or marks it done.
func (b *Broadcaster) advance(ctx context.Context, id string, limit int) error {
	key := CampaignKeyPrefix + id
	return b.rdb.Watch(ctx, func(tx *redis.Tx) error {
		h, err := tx.HGetAll(ctx, key).Result()
		if err != nil {
			return fmt.Errorf("read campaign: %w", err)
		}
		if len(h) == 0 || h["done"] == "1" { // deleted, or finished by someone else
			_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.LRem(ctx, PendingKey, 0, id)
				return nil
			})
			return err
		}
		c := decodeCampaignHash(h)
		set := subsSetKey(c.MRC)
		ms, err := b.walk(ctx, set, c.Cursor, limit)
		if err != nil {
			return err
		}

		// The subscribers' languages and blocked marks, in one round trip.
		langs := make([]*redis.StringCmd, len(ms))
		blocked := make([]*redis.IntCmd, len(ms))
		chats := make([]int64, len(ms))
		var rest *redis.IntCmd
		pipe := b.rdb.Pipeline()
		for i, m := range ms {
			chat, err := strconv.ParseInt(m.id, 10, 64)
			if err != nil || chat == 0 {
				continue
			}
			chats[i] = chat
			langs[i] = pipe.HGet(ctx, SubsLangKey, m.id)
			blocked[i] = pipe.Exists(ctx, outbox.BlockedKey(shards.Ring{}, chat))
		}
		if len(ms) > 0 {
			rest = pipe.ZCount(ctx, set, "("+fmtSubsScore(ms[len(ms)-1].score), "+inf")
		}
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("read subscribers: %w", err)
		}

		// Where this campaign's entries start and end on the stream (Get counts what is left
		// between the two). Only campaigns add broadcasts, one at a time, so every entry after
		// the last one present before the first batch is this campaign's.
		after := h["after_id"]
		if after == "" || len(ms) == 0 {
			last, err := b.lastEntry(ctx)
			if err != nil {
				return err
			}
			if after == "" {
				after = last
			}
			if len(ms) == 0 {
				h["upto_id"] = last
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
					b.subs.UnsubscribeCmds(ctx, p, chat)
					skipped++
					continue
				}
				lang := subsLang(langs[i].Val())
				msg := outbox.Outgoing{
					ChatID:   chat,
					Text:     pickCampaignText(c.Text, lang),
					Buttons:  [][]outbox.Button{{{Text: unsubscribeLabel(lang), Data: UnsubscribeData}}},
					Kind:     outbox.Broadcast,
					Enqueued: now,
					// On WhatsApp a campaign goes only as its approved template, with the text as
					// its parameter; Telegram ignores the notice.
					Notice: &outbox.Notice{Kind: outbox.NoticeCampaign, Lang: lang},
				}
				if err := outbox.Enqueue(ctx, p, shards.Ring{}.Of(chat), msg); err != nil {
					return err
				}
				queued++
			}
			p.HIncrBy(ctx, key, "queued", queued)
			p.HIncrBy(ctx, key, "blocked", skipped)
			p.HIncrBy(ctx, key, "failed", failed)
			processed := c.Queued + c.Blocked + c.Failed + queued + skipped + failed
			if h["after_id"] == "" {
				p.HSet(ctx, key, "after_id", after)
			}
			if len(ms) == 0 {
				p.HSet(ctx, key, "done", 1, "upto_id", h["upto_id"], "total", processed, "cursor", cursorScore(c.Cursor))
				p.LRem(ctx, PendingKey, 0, id)
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
			b.log.Info("campaign queued", "campaign", id, "queued", c.Queued, "blocked", c.Blocked, "failed", c.Failed)
		} else {
			b.log.Debug("campaign batch queued", "campaign", id, "queued", queued, "blocked", skipped, "failed", failed)
		}
		return nil
	}, key)
}

// walk returns the members of set after cursor in the set's order (by score, ties by member
// bytes): up to n, and then the rest of the last one's score, so that a batch never ends inside
// a group of subscribers who share a subscribe time and the cursor after it can be that score
// alone, which names nobody (a cursor is kept with the campaign, and a subscriber who asks to be
// forgotten must not stay in it); such a group can make a batch, and the stream, longer than
// the batch size and the backlog bound by its size. A cursor is "" for the start, "<score>" when every member up
// to that score was walked, or, as earlier versions wrote it, "<score>:<member>": then members
// that share the score are compared by member, so ties and members removed since are handled.
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

// lastEntry is the id of the newest entry on the broadcasts stream, "0-0" when it is empty.
func (b *Broadcaster) lastEntry(ctx context.Context) (string, error) {
	es, err := b.rdb.XRevRangeN(ctx, b.stream, "+", "-", 1).Result()
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
