package outreach

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// Subscriber keys live in the shard of the subscriber's chat (see package shards), so that a
// subscription is written in the same MULTI/EXEC as the rest of the update that asked for it,
// and a campaign walks each shard in transactions of that shard alone. In each shard:
//
//   - SubsAllKey: sorted set of the shard's subscribers, member = chat id (decimal), score =
//     subscribe time in Unix milliseconds. A campaign walks it in score order from a cursor.
//   - SubsLangKey: hash chat id → "en" / "ur", the language messages go out in.
//   - SubsSourceKey: hash chat id → MRC code of the centre whose link the user came through.
//   - SubsMRCKey: sorted set of the shard's subscribers of one centre, same members and scores
//     as SubsAllKey, so a centre's campaign walks it the same way.
//
// Counting subscribers adds up the sets of every shard (one pipeline of ZCARDs).

// SubsAllKey is the set of every subscriber of shard sh.
func SubsAllKey(sh shards.Shard) string { return sh.Key("subs:all") }

// SubsLangKey is the language of each subscriber of shard sh.
func SubsLangKey(sh shards.Shard) string { return sh.Key("subs:lang") }

// SubsSourceKey is the centre of each subscriber of shard sh who came through a centre's link.
func SubsSourceKey(sh shards.Shard) string { return sh.Key("subs:src") }

// SubsMRCKey is the set of the subscribers of shard sh who came through centre mrc's links.
func SubsMRCKey(sh shards.Shard, mrc string) string { return subsMRCPrefix(sh) + subsMRC(mrc) }

// subsMRCPrefix is what SubsMRCKey adds the centre to; the scripts build the key of a centre
// they read from the source hash with it.
func subsMRCPrefix(sh shards.Shard) string { return sh.Key("subs:mrc:") }

// SubsSetKey is the set a campaign for mrc walks in shard sh: the centre's, or every
// subscriber's when mrc is "".
func SubsSetKey(sh shards.Shard, mrc string) string {
	if m := subsMRC(mrc); m != "" {
		return SubsMRCKey(sh, m)
	}
	return SubsAllKey(sh)
}

// Subscribers is the list of users who asked for safety tips ("Send me safety tips", /subscribe).
type Subscribers struct {
	rdb  redis.UniversalClient
	ring shards.Ring
}

// NewSubscribers returns the subscriber list stored in rdb.
func NewSubscribers(rdb redis.UniversalClient, opts ...SubscribersOption) *Subscribers {
	s := &Subscribers{rdb: rdb}
	for _, o := range opts {
		o.applySubscribers(s)
	}
	return s
}

// subscribeScript adds a subscriber keeping the first subscribe time (a repeated /subscribe or a
// language change does not move the user to the end of a running broadcast), stores the language
// and, when mrc is set, moves the user to that centre's set. It runs as one command so that it
// can sit inside the caller's MULTI.
//
// Every key is of the chat's shard. The set of the centre the user leaves is read from the source
// hash, so its name is built here from the shard's prefix (ARGV[5]): it is not among KEYS, but it
// carries the same hash tag and so lives in the same slot.
//
// KEYS: all, lang, src, the new centre's set (all again when mrc is ""). ARGV: chat, lang, mrc,
// score, the shard's centre-set prefix.
var subscribeScript = `
local chat, lang, mrc, score, prefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local added = redis.call('ZADD', KEYS[1], 'NX', score, chat)
local cur = redis.call('ZSCORE', KEYS[1], chat)
redis.call('HSET', KEYS[2], chat, lang)
if mrc ~= '' then
  local old = redis.call('HGET', KEYS[3], chat)
  if old and old ~= mrc then redis.call('ZREM', prefix .. old, chat) end
  redis.call('HSET', KEYS[3], chat, mrc)
  redis.call('ZADD', KEYS[4], cur, chat)
end
return added
`

// unsubscribeScript removes a subscriber from every set of their shard. KEYS: all, lang, src.
// ARGV: chat, the shard's centre-set prefix.
var unsubscribeScript = `
local chat, prefix = ARGV[1], ARGV[2]
local old = redis.call('HGET', KEYS[3], chat)
if old then redis.call('ZREM', prefix .. old, chat) end
redis.call('HDEL', KEYS[3], chat)
redis.call('HDEL', KEYS[2], chat)
return redis.call('ZREM', KEYS[1], chat)
`

// SubscribeCmds queues the subscription of chatID into p (normally the caller's MULTI, with the
// session save and the confirmation reply). lang is "en" or "ur" (anything else counts as "ur");
// mrc is the centre the user came through ("" keeps what was recorded before). Subscribing
// again only updates the language and centre: the user keeps their place.
//
// The command is a short Lua script over keys of the chat's shard only (ring.Of(chatID)), so it
// fits the commit of an update of that chat on Redis Cluster too.
func (s *Subscribers) SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang string, mrc string, now time.Time) {
	sh := s.ring.Of(chatID)
	m := subsMRC(mrc)
	mrcKey := SubsAllKey(sh)
	if m != "" {
		mrcKey = SubsMRCKey(sh, m)
	}
	p.Eval(ctx, subscribeScript, []string{SubsAllKey(sh), SubsLangKey(sh), SubsSourceKey(sh), mrcKey},
		strconv.FormatInt(chatID, 10), subsLang(lang), m, strconv.FormatInt(now.UnixMilli(), 10), subsMRCPrefix(sh))
}

// UnsubscribeCmds queues the removal of chatID from every subscriber set into p; it touches only
// keys of the chat's shard.
func (s *Subscribers) UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64) {
	unsubscribeCmds(ctx, p, s.ring.Of(chatID), chatID)
}

// unsubscribeCmds is UnsubscribeCmds in a shard the caller names (the broadcaster's, which walks
// that shard).
func unsubscribeCmds(ctx context.Context, p redis.Pipeliner, sh shards.Shard, chatID int64) {
	p.Eval(ctx, unsubscribeScript, []string{SubsAllKey(sh), SubsLangKey(sh), SubsSourceKey(sh)},
		strconv.FormatInt(chatID, 10), subsMRCPrefix(sh))
}

// Subscribe subscribes chatID in a transaction of its own.
func (s *Subscribers) Subscribe(ctx context.Context, chatID int64, lang, mrc string, now time.Time) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.SubscribeCmds(ctx, p, chatID, lang, mrc, now)
		return nil
	})
	if err != nil {
		return fmt.Errorf("subscribe: %w", err)
	}
	return nil
}

// Unsubscribe unsubscribes chatID in a transaction of its own.
func (s *Subscribers) Unsubscribe(ctx context.Context, chatID int64) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		s.UnsubscribeCmds(ctx, p, chatID)
		return nil
	})
	if err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	return nil
}

// Subscribed reports whether chatID is subscribed, and in which language.
func (s *Subscribers) Subscribed(ctx context.Context, chatID int64) (bool, string, error) {
	id, sh := strconv.FormatInt(chatID, 10), s.ring.Of(chatID)
	pipe := s.rdb.Pipeline()
	score := pipe.ZScore(ctx, SubsAllKey(sh), id)
	lang := pipe.HGet(ctx, SubsLangKey(sh), id)
	_, err := pipe.Exec(ctx)
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, "", fmt.Errorf("read subscription: %w", err)
	}
	if score.Err() != nil {
		return false, "", nil
	}
	return true, subsLang(lang.Val()), nil
}

// Count is the number of subscribers, all of them (mrc "") or those of one centre: the sum of
// the sets of every shard, read in one pipeline.
func (s *Subscribers) Count(ctx context.Context, mrc string) (int64, error) {
	return countSubscribers(ctx, s.rdb, s.ring, mrc)
}

func countSubscribers(ctx context.Context, rdb redis.UniversalClient, r shards.Ring, mrc string) (int64, error) {
	pipe := rdb.Pipeline()
	all := r.All()
	cmds := make([]*redis.IntCmd, len(all))
	for i, sh := range all {
		cmds[i] = pipe.ZCard(ctx, SubsSetKey(sh, mrc))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("count subscribers: %w", err)
	}
	var n int64
	for _, c := range cmds {
		n += c.Val()
	}
	return n, nil
}

// subsMRC trims and upper-cases a centre code ("lhr " → "LHR").
func subsMRC(mrc string) string { return strings.ToUpper(strings.TrimSpace(mrc)) }

// subsValidMRC accepts "" or 1-16 letters, digits, '-' and '_'.
func subsValidMRC(mrc string) bool {
	if len(mrc) > 16 {
		return false
	}
	for _, r := range mrc {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func subsLang(lang string) string {
	if strings.EqualFold(strings.TrimSpace(lang), "en") {
		return "en"
	}
	return "ur"
}
