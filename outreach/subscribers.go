package outreach

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Subscriber keys.
//
//   - SubsAllKey: sorted set of every subscriber, member = chat id (decimal), score = subscribe
//     time in Unix milliseconds. Broadcasts walk it in score order from a cursor.
//   - SubsLangKey: hash chat id → "en" / "ur", the language messages go out in.
//   - SubsSourceKey: hash chat id → MRC code of the centre whose link the user came through.
//   - SubsMRCPrefix + MRC: sorted set of that centre's subscribers, same members and scores as
//     SubsAllKey, so a centre's campaign walks it the same way.
const (
	SubsAllKey    = "tasdeeq:subs:all"
	SubsLangKey   = "tasdeeq:subs:lang"
	SubsSourceKey = "tasdeeq:subs:src"
	SubsMRCPrefix = "tasdeeq:subs:mrc:"
)

// Subscribers is the list of users who asked for safety tips ("Send me safety tips", /subscribe).
type Subscribers struct {
	rdb redis.UniversalClient
}

// NewSubscribers returns the subscriber list stored in rdb.
func NewSubscribers(rdb redis.UniversalClient) *Subscribers { return &Subscribers{rdb: rdb} }

// subscribeScript adds a subscriber keeping the first subscribe time (a repeated /subscribe or a
// language change does not move the user to the end of a running broadcast), stores the language
// and, when mrc is set, moves the user to that centre's set. It runs as one command so that it
// can sit inside the caller's MULTI.
//
// KEYS: all, lang, src. ARGV: chat, lang, mrc, score, mrc prefix.
var subscribeScript = `
local chat, lang, mrc, score, prefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local added = redis.call('ZADD', KEYS[1], 'NX', score, chat)
local cur = redis.call('ZSCORE', KEYS[1], chat)
redis.call('HSET', KEYS[2], chat, lang)
if mrc ~= '' then
  local old = redis.call('HGET', KEYS[3], chat)
  if old and old ~= mrc then redis.call('ZREM', prefix .. old, chat) end
  redis.call('HSET', KEYS[3], chat, mrc)
  redis.call('ZADD', prefix .. mrc, cur, chat)
end
return added
`

// unsubscribeScript removes a subscriber from every set. KEYS: all, lang, src. ARGV: chat, prefix.
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
// The command is a short Lua script that touches the per-centre set it reads from the source
// hash, so it needs a single Redis (or all keys on one cluster slot).
func (s *Subscribers) SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang string, mrc string, now time.Time) {
	p.Eval(ctx, subscribeScript, []string{SubsAllKey, SubsLangKey, SubsSourceKey},
		strconv.FormatInt(chatID, 10), subsLang(lang), subsMRC(mrc), strconv.FormatInt(now.UnixMilli(), 10), SubsMRCPrefix)
}

// UnsubscribeCmds queues the removal of chatID from every subscriber set into p.
func (s *Subscribers) UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64) {
	p.Eval(ctx, unsubscribeScript, []string{SubsAllKey, SubsLangKey, SubsSourceKey},
		strconv.FormatInt(chatID, 10), SubsMRCPrefix)
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
	id := strconv.FormatInt(chatID, 10)
	pipe := s.rdb.Pipeline()
	score := pipe.ZScore(ctx, SubsAllKey, id)
	lang := pipe.HGet(ctx, SubsLangKey, id)
	_, err := pipe.Exec(ctx)
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, "", fmt.Errorf("read subscription: %w", err)
	}
	if score.Err() != nil {
		return false, "", nil
	}
	return true, subsLang(lang.Val()), nil
}

// Count is the number of subscribers, all of them (mrc "") or those of one centre.
func (s *Subscribers) Count(ctx context.Context, mrc string) (int64, error) {
	n, err := s.rdb.ZCard(ctx, subsSetKey(mrc)).Result()
	if err != nil {
		return 0, fmt.Errorf("count subscribers: %w", err)
	}
	return n, nil
}

// subsSetKey is the sorted set a campaign for mrc walks.
func subsSetKey(mrc string) string {
	if m := subsMRC(mrc); m != "" {
		return SubsMRCPrefix + m
	}
	return SubsAllKey
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
