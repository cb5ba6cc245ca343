package outreach

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/keymove"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Keys of the layout before shards (issue 19), which MigrateLayout moves.
const (
	legacyLinkPrefix           = "tasdeeq:links:"
	legacyLinksAll             = "tasdeeq:links:all"
	legacySubsAll              = "tasdeeq:subs:all"
	legacySubsLang             = "tasdeeq:subs:lang"
	legacySubsSrc              = "tasdeeq:subs:src"
	legacySubsMRCPrefix        = "tasdeeq:subs:mrc:"
	legacyStatsMRCPrefix       = "tasdeeq:stats:mrc:"
	legacyStatsLinkPrefix      = "tasdeeq:stats:link:"
	legacyStatsLinkUsersPrefix = "tasdeeq:stats:linkusers:"
	legacyUserLinksPattern     = "tasdeeq:u:{*}:links"
	legacyCampaignPrefix       = "tasdeeq:campaign:"
	legacyPending              = "tasdeeq:campaigns:pending"
)

// migrateChunk is how many members or fields one step of the migration moves at a time.
const migrateChunk = 500

// MigrateLayout moves outreach's data from the layout before shards to the sharded one, and
// returns how many things it moved: links, subscribers, counter hashes, users' link records and
// campaigns. serve runs it at start, before serving, on a single Redis or Sentinel client only:
// it SCANs, and its transactions span the old and the new keys, which a cluster would refuse
// (and a cluster has no data of the old layout). It is idempotent: each thing moves in one
// MULTI/EXEC that also deletes it from the old keys, so a second run, or a run after a crash,
// moves only what is left.
//
//   - Links: each "tasdeeq:links:<id>" is renamed to the links tag, and the set of ids merged.
//   - Subscribers: each chat goes, with its subscribe time, language and centre, to the sets of
//     its shard (ring r). What is there already (a later subscription) is kept.
//   - Users' link records ("tasdeeq:u:{<id>}:links", and the per-link user sets of earlier
//     versions) become the users' records in their shards, with no day: those users stay
//     counted once per link, and /forget deletes their record, but cannot take them out of the
//     counts of that time, which never said who was in them.
//   - Counters: the day hashes per centre and per link become fields of the new day hashes
//     (in the first shard; readers add up every shard). A link's counts go under the centre of
//     its link record; a centre's counts not accounted for by its links (sources without a link,
//     links whose record is gone) go under the centre with no link, so every total is kept.
//   - Campaigns: each definition, with the counters of its walk, is carried to the campaigns tag
//     and indexed; the pending list keeps its order. A campaign caught mid-walk resumes: every
//     shard's walk starts after the old cursor (subscribers keep their subscribe times, so exactly
//     those the old walk had not reached get it), and its progress adds the old walk's counters
//     to the shards'. The messages the old walk had queued are on the old broadcasts stream,
//     which package outbox moves (with new entry ids): they count as sent from then on, as
//     Remaining can no longer tell them apart.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (moved int, err error) {
	if _, ok := rdb.(*redis.ClusterClient); ok {
		return 0, errors.New("outreach: migrate layout: not on a cluster client (it has no data of the old layout)")
	}
	steps := []struct {
		name string
		run  func(context.Context, redis.UniversalClient, shards.Ring) (int, error)
	}{
		// Links first: the counters are filed under the centre of their link's record.
		{"links", migrateLinks},
		{"subscribers", migrateSubscribers},
		{"user link records", migrateUserLinks},
		{"per-link user sets", migrateLinkUsers},
		{"counters", migrateCounters},
		{"campaigns", migrateCampaigns},
	}
	for _, s := range steps {
		n, err := s.run(ctx, rdb, r)
		moved += n
		if err != nil {
			return moved, fmt.Errorf("outreach: migrate %s: %w", s.name, err)
		}
	}
	return moved, nil
}

// keepTTL is the expiry, in milliseconds, to give a new key that takes the content of an old key
// with PTTL old, when the new key already has PTTL cur (-2: missing, -1: no expiry): the longer
// of the two, StatsTTL when the old key had none; 0 when cur is already enough.
func keepTTL(old, cur int64) int64 {
	if old <= 0 {
		old = StatsTTL.Milliseconds()
	}
	if cur >= old {
		return 0
	}
	return old
}

func migrateLinks(ctx context.Context, rdb redis.UniversalClient, _ shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, legacyLinkPrefix+"*")
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, k := range keys {
		id := strings.TrimPrefix(k, legacyLinkPrefix)
		if k == legacyLinksAll || !validLinkID(id) {
			continue
		}
		if err := rdb.Rename(ctx, k, linkKeyPrefix+id).Err(); err != nil {
			return moved, fmt.Errorf("move link %s: %w", id, err)
		}
		moved++
	}
	if n, err := rdb.Exists(ctx, legacyLinksAll).Result(); err != nil || n == 0 {
		return moved, err
	}
	_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SUnionStore(ctx, linksAllKey, linksAllKey, legacyLinksAll)
		p.Del(ctx, legacyLinksAll)
		return nil
	})
	if err != nil {
		return moved, fmt.Errorf("move the set of links: %w", err)
	}
	return moved, nil
}

func migrateSubscribers(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	moved := 0
	// Every subscriber, a chunk at a time, with their language and centre.
	for {
		zs, err := rdb.ZRangeWithScores(ctx, legacySubsAll, 0, migrateChunk-1).Result()
		if err != nil {
			return moved, fmt.Errorf("read subscribers: %w", err)
		}
		if len(zs) == 0 {
			break
		}
		ids := make([]string, len(zs))
		for i, z := range zs {
			ids[i], _ = z.Member.(string)
		}
		langs, err := rdb.HMGet(ctx, legacySubsLang, ids...).Result()
		if err != nil {
			return moved, fmt.Errorf("read languages: %w", err)
		}
		srcs, err := rdb.HMGet(ctx, legacySubsSrc, ids...).Result()
		if err != nil {
			return moved, fmt.Errorf("read centres: %w", err)
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for i, z := range zs {
				id := ids[i]
				sh := r.OfString(id)
				p.ZAddNX(ctx, SubsAllKey(sh), z)
				if lang, ok := langs[i].(string); ok {
					p.HSetNX(ctx, SubsLangKey(sh), id, lang)
				}
				if src, ok := srcs[i].(string); ok && src != "" {
					p.HSetNX(ctx, SubsSourceKey(sh), id, src)
					p.ZAddNX(ctx, SubsMRCKey(sh, src), z)
					p.ZRem(ctx, legacySubsMRCPrefix+src, id)
				}
				p.ZRem(ctx, legacySubsAll, id)
				p.HDel(ctx, legacySubsLang, id)
				p.HDel(ctx, legacySubsSrc, id)
			}
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move subscribers: %w", err)
		}
		moved += len(zs)
	}
	// What is left is not in the set of every subscriber (a write an earlier version did not
	// finish): moved as it is, so nothing is lost.
	mrcKeys, err := keymove.Scan(ctx, rdb, legacySubsMRCPrefix+"*")
	if err != nil {
		return moved, err
	}
	for _, k := range mrcKeys {
		mrc := strings.TrimPrefix(k, legacySubsMRCPrefix)
		for {
			zs, err := rdb.ZRangeWithScores(ctx, k, 0, migrateChunk-1).Result()
			if err != nil {
				return moved, fmt.Errorf("read centre %s: %w", mrc, err)
			}
			if len(zs) == 0 {
				break
			}
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for _, z := range zs {
					id, _ := z.Member.(string)
					p.ZAddNX(ctx, SubsMRCKey(r.OfString(id), mrc), z)
					p.ZRem(ctx, k, id)
				}
				return nil
			})
			if err != nil {
				return moved, fmt.Errorf("move centre %s: %w", mrc, err)
			}
			moved += len(zs)
		}
	}
	for _, h := range []struct {
		old string
		key func(shards.Shard) string
	}{{legacySubsLang, SubsLangKey}, {legacySubsSrc, SubsSourceKey}} {
		fields, err := rdb.HGetAll(ctx, h.old).Result()
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", h.old, err)
		}
		if len(fields) == 0 {
			continue
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for id, v := range fields {
				p.HSetNX(ctx, h.key(r.OfString(id)), id, v)
			}
			p.Del(ctx, h.old)
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move %s: %w", h.old, err)
		}
		moved += len(fields)
	}
	return moved, nil
}

// addUserLinks queues, in p, the links of the layout before shards into a user's record, with
// no day, keeping what the record holds and the longer of the two expiries.
func addUserLinks(ctx context.Context, p redis.Pipeliner, key string, links []string, oldTTL, curTTL int64) {
	for _, l := range links {
		p.HSetNX(ctx, key, l, "")
	}
	if ms := keepTTL(oldTTL, curTTL); ms > 0 {
		p.PExpire(ctx, key, time.Duration(ms)*time.Millisecond)
	}
}

func migrateUserLinks(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, legacyUserLinksPattern)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, k := range keys {
		idStr := strings.TrimSuffix(strings.TrimPrefix(k, "tasdeeq:u:{"), "}:links")
		id, err := strconv.ParseInt(idStr, 10, 64)
		if err != nil {
			continue // not a user's record
		}
		links, err := rdb.SMembers(ctx, k).Result()
		if err != nil {
			return moved, fmt.Errorf("read a user's links: %w", err)
		}
		newKey := StatsUserLinksKey(r, id)
		p := rdb.Pipeline()
		oldTTL, curTTL := p.PTTL(ctx, k), p.PTTL(ctx, newKey)
		if _, err := p.Exec(ctx); err != nil {
			return moved, fmt.Errorf("read a user's links: %w", err)
		}
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			addUserLinks(ctx, p, newKey, links, ttlMillis(oldTTL.Val()), ttlMillis(curTTL.Val()))
			p.Del(ctx, k)
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move a user's links: %w", err)
		}
		moved++
	}
	return moved, nil
}

// ttlMillis turns a PTTL answer into milliseconds, keeping go-redis' negative answers (-1: no
// expiry, -2: no key) as -1 and -2.
func ttlMillis(d time.Duration) int64 {
	if d < 0 {
		return int64(d) // go-redis returns -1 and -2 unscaled
	}
	return d.Milliseconds()
}

func migrateLinkUsers(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, legacyStatsLinkUsersPrefix+"*")
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, k := range keys {
		link := strings.TrimPrefix(k, legacyStatsLinkUsersPrefix)
		if !validLinkID(link) {
			continue
		}
		users, err := rdb.SMembers(ctx, k).Result()
		if err != nil {
			return moved, fmt.Errorf("read the users of link %s: %w", link, err)
		}
		oldTTL, err := rdb.PTTL(ctx, k).Result()
		if err != nil {
			return moved, fmt.Errorf("read the users of link %s: %w", link, err)
		}
		for chunk := range slices.Chunk(users, migrateChunk) {
			var ids []int64
			for _, u := range chunk {
				if id, err := strconv.ParseInt(u, 10, 64); err == nil {
					ids = append(ids, id)
				}
			}
			p := rdb.Pipeline()
			cur := make([]*redis.DurationCmd, len(ids))
			for i, id := range ids {
				cur[i] = p.PTTL(ctx, StatsUserLinksKey(r, id))
			}
			if _, err := p.Exec(ctx); err != nil {
				return moved, fmt.Errorf("read users' records: %w", err)
			}
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for i, id := range ids {
					addUserLinks(ctx, p, StatsUserLinksKey(r, id), []string{link}, ttlMillis(oldTTL), ttlMillis(cur[i].Val()))
				}
				return nil
			})
			if err != nil {
				return moved, fmt.Errorf("move the users of link %s: %w", link, err)
			}
		}
		if err := rdb.Del(ctx, k).Err(); err != nil {
			return moved, fmt.Errorf("delete the users of link %s: %w", link, err)
		}
		moved++
	}
	return moved, nil
}

// legacyCounter is a counter hash of the layout before shards.
type legacyCounter struct {
	key   string
	owner string // centre code or link ID
	link  bool
}

var statsEvents = []Event{EventUser, EventCheck, EventHigh, EventReport}

func migrateCounters(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	byDay := map[string][]legacyCounter{}
	links := map[string]bool{}
	for _, prefix := range []string{legacyStatsMRCPrefix, legacyStatsLinkPrefix} {
		keys, err := keymove.Scan(ctx, rdb, prefix+"*")
		if err != nil {
			return 0, err
		}
		for _, k := range keys {
			owner, day, ok := strings.Cut(strings.TrimPrefix(k, prefix), ":")
			if _, err := time.Parse(statsDayLayout, day); !ok || owner == "" || err != nil {
				continue
			}
			c := legacyCounter{key: k, owner: owner, link: prefix == legacyStatsLinkPrefix}
			if c.link {
				links[owner] = true
			}
			byDay[day] = append(byDay[day], c)
		}
	}
	if len(byDay) == 0 {
		return 0, nil
	}
	linkMRC, err := linkCentres(ctx, rdb, links)
	if err != nil {
		return 0, err
	}
	sh := r.All()[0]
	moved := 0
	for _, day := range slices.Sorted(maps.Keys(byDay)) {
		cs := byDay[day]
		newKey := StatsDayKey(sh, day)
		p := rdb.Pipeline()
		vals := make([]*redis.MapStringStringCmd, len(cs))
		ttls := make([]*redis.DurationCmd, len(cs))
		for i, c := range cs {
			vals[i], ttls[i] = p.HGetAll(ctx, c.key), p.PTTL(ctx, c.key)
		}
		curTTL := p.PTTL(ctx, newKey)
		if _, err := p.Exec(ctx); err != nil {
			return moved, fmt.Errorf("read counters of %s: %w", day, err)
		}
		fields := map[string]int64{}
		ofLinks := map[string]map[Event]int64{} // centre → event → what its links counted
		var oldTTL int64 = -1
		for i, c := range cs {
			oldTTL = max(oldTTL, ttlMillis(ttls[i].Val()))
			mrc, ok := linkMRC[c.owner]
			if !c.link || !ok {
				continue
			}
			if ofLinks[mrc] == nil {
				ofLinks[mrc] = map[Event]int64{}
			}
			for _, ev := range statsEvents {
				n, _ := strconv.ParseInt(vals[i].Val()[string(ev)], 10, 64)
				if n > 0 {
					fields[statsField(mrc, c.owner, ev)] += n
					ofLinks[mrc][ev] += n
				}
			}
		}
		for i, c := range cs {
			if c.link {
				continue
			}
			for _, ev := range statsEvents {
				n, _ := strconv.ParseInt(vals[i].Val()[string(ev)], 10, 64)
				if rest := n - ofLinks[c.owner][ev]; rest > 0 {
					fields[statsField(c.owner, "", ev)] += rest
				}
			}
		}
		_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for f, n := range fields {
				p.HIncrBy(ctx, newKey, f, n)
			}
			if ms := keepTTL(oldTTL, ttlMillis(curTTL.Val())); ms > 0 && len(fields) > 0 {
				p.PExpire(ctx, newKey, time.Duration(ms)*time.Millisecond)
			}
			for _, c := range cs {
				p.Del(ctx, c.key)
			}
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move counters of %s: %w", day, err)
		}
		moved += len(cs)
	}
	return moved, nil
}

// linkCentres maps link IDs to the centre of their stored record (those without one are left out).
func linkCentres(ctx context.Context, rdb redis.UniversalClient, ids map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	for chunk := range slices.Chunk(slices.Sorted(maps.Keys(ids)), linkMGetChunk) {
		keys := make([]string, len(chunk))
		for i, id := range chunk {
			keys[i] = linkKeyPrefix + id
		}
		vals, err := rdb.MGet(ctx, keys...).Result()
		if err != nil {
			return nil, fmt.Errorf("read links: %w", err)
		}
		for i, v := range vals {
			s, ok := v.(string)
			if !ok {
				continue
			}
			var l struct {
				MRC string `json:"mrc"`
			}
			if json.Unmarshal([]byte(s), &l) == nil && l.MRC != "" {
				out[chunk[i]] = l.MRC
			}
		}
	}
	return out, nil
}

func migrateCampaigns(ctx context.Context, rdb redis.UniversalClient, _ shards.Ring) (int, error) {
	keys, err := keymove.Scan(ctx, rdb, legacyCampaignPrefix+"*")
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, k := range keys {
		id := strings.TrimPrefix(k, legacyCampaignPrefix)
		if !validCampaignID(id) {
			continue
		}
		h, err := rdb.HGetAll(ctx, k).Result()
		if err != nil {
			return moved, fmt.Errorf("read campaign %s: %w", id, err)
		}
		if len(h) == 0 {
			continue
		}
		done := "0"
		if h["done"] == "1" {
			done = "1"
		}
		def := []any{"id", id, "mrc", h["mrc"], "created_at", h["created_at"], "text_en", h["text_en"], "text_ur", h["text_ur"],
			"done", done, "legacy_queued", num(h["queued"]), "legacy_blocked", num(h["blocked"]), "legacy_failed", num(h["failed"])}
		if done != "1" && h["cursor"] != "" {
			def = append(def, "start_cursor", h["cursor"])
		}
		created, _ := time.Parse(time.RFC3339Nano, h["created_at"])
		_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, CampaignKeyPrefix+id, def...)
			p.ZAdd(ctx, CampaignsIndexKey, redis.Z{Score: float64(created.UnixMilli()), Member: id})
			p.Del(ctx, k)
			return nil
		})
		if err != nil {
			return moved, fmt.Errorf("move campaign %s: %w", id, err)
		}
		moved++
	}
	old, err := rdb.LRange(ctx, legacyPending, 0, -1).Result()
	if err != nil || len(old) == 0 {
		return moved, err
	}
	cur, err := rdb.LRange(ctx, PendingKey, 0, -1).Result()
	if err != nil {
		return moved, fmt.Errorf("read pending campaigns: %w", err)
	}
	_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, id := range old {
			if !slices.Contains(cur, id) {
				p.RPush(ctx, PendingKey, id)
				cur = append(cur, id)
			}
		}
		p.Del(ctx, legacyPending)
		return nil
	})
	if err != nil {
		return moved, fmt.Errorf("move pending campaigns: %w", err)
	}
	return moved, nil
}

// num is a counter of an old hash, 0 when missing or unreadable.
func num(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
