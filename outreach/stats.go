package outreach

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis keys of attribution. Per-day counters are hashes with the fields users, checks, high and
// reports under statsMRCPrefix+"<MRC>:<YYYY-MM-DD>" and statsLinkPrefix+"<id>:<YYYY-MM-DD>"; they
// name nobody. Which links a user was already counted for is the user's own set of link IDs,
// StatsUserLinksKey, next to their session (the same {id} hash tag), so that /forget finds and
// deletes it with the rest of the user. Every key is kept StatsTTL after its last write.
//
// statsLinkUsersPrefix+"<id>" is the set of user IDs counted for a link that earlier versions
// wrote. Nothing adds to it any more: it is still read, so that the users in it are not counted
// again, and /forget still removes the user from it (Stats.UserLinks finds them), until it
// expires StatsTTL after its last write.
const (
	statsPrefix          = "tasdeeq:stats:"
	statsMRCPrefix       = statsPrefix + "mrc:"
	statsLinkPrefix      = statsPrefix + "link:"
	statsLinkUsersPrefix = statsPrefix + "linkusers:"
	statsDayLayout       = "2006-01-02"
)

// StatsUserLinksKey is the set of the IDs of the links a user was counted for.
func StatsUserLinksKey(userID int64) string {
	return "tasdeeq:u:{" + strconv.FormatInt(userID, 10) + "}:links"
}

// StatsTTL is how long attribution counters are kept.
const StatsTTL = 400 * 24 * time.Hour

// MaxStatsDays is the longest range ByMRC answers for (the counters do not live longer).
const MaxStatsDays = 400

// StatsZone is the time zone whose calendar days the counters use: Pakistan Standard Time, UTC+5
// (Pakistan has had no daylight saving since 2009), so "a day" is a day for the centres.
var StatsZone = time.FixedZone("PKT", 5*60*60)

// StatsDay is the counter day of t: its date in StatsZone, as YYYY-MM-DD.
func StatsDay(t time.Time) string { return t.In(StatsZone).Format(statsDayLayout) }

// Counts are the attribution counters of one MRC or link over some period.
type Counts struct {
	Users   int64 `json:"users"`
	Checks  int64 `json:"checks"`
	High    int64 `json:"high"`
	Reports int64 `json:"reports"`
}

func (c *Counts) add(o Counts) {
	c.Users += o.Users
	c.Checks += o.Checks
	c.High += o.High
	c.Reports += o.Reports
}

// MRCStats are one centre's counters over a date range: the totals, each day that had any
// activity (date → counts), each of its links that had any activity (link ID → totals), and
// those links by day (link ID → date → counts; not in the admin API's JSON, which predates it).
type MRCStats struct {
	Totals   Counts                       `json:"totals"`
	Days     map[string]Counts            `json:"days"`
	Links    map[string]Counts            `json:"links"`
	LinkDays map[string]map[string]Counts `json:"-"`
}

// Stats counts what users do after following a counsellor's link.
type Stats struct {
	rdb redis.UniversalClient
}

// NewStats returns the attribution counters on rdb.
func NewStats(rdb redis.UniversalClient) *Stats { return &Stats{rdb: rdb} }

// countUserScript adds the link to the user's set of links and, only when it was not in it yet
// (nor the user in the link's set of users from earlier versions), counts the user for the MRC
// and the link on this day. It runs inside the caller's MULTI, which is what makes "once per
// user per link" exact without a read before the transaction. It touches only its KEYS.
// KEYS: the user's links, the link's old user set, MRC day hash, link day hash.
// ARGV: link ID, user ID, TTL in seconds.
var countUserScript = `
local added = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
if added == 1 and redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'users', 1)
  redis.call('EXPIRE', KEYS[3], ARGV[3])
  redis.call('HINCRBY', KEYS[4], 'users', 1)
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
return 0`

// RecordCmds queues, on p (normally the caller's MULTI, so the counters commit together with the
// session and the outgoing messages), the commands that count ev for the user's source on the
// day of now (see StatsDay). Nothing is queued when src has no MRC, when src or ev is malformed, or
// for an unknown event.
//
// The contract for EventUser: call it on every /start through a link; it is idempotent per
// (link, user). A Lua script queued in the MULTI adds the link to the user's set of links
// (StatsUserLinksKey) and increments "users" for the MRC and the link only when the link was new
// to the user, so Telegram retries, repeated /starts and coming back through the same link are
// counted once (for as long as the user's set lives, StatsTTL after their last /start through
// any link; /forget deletes it, and a user who comes back after it counts again). A user who follows two
// links of the same MRC counts once for each link and so twice for the MRC. A Source without a
// LinkID cannot be de-duplicated: then "users" is incremented on every call, and the caller must
// call it only for a user's first start.
//
// EventCheck, EventHigh and EventReport increment their field for the MRC and, with a LinkID, for
// the link, on every call.
func (s *Stats) RecordCmds(ctx context.Context, p redis.Pipeliner, src Source, ev Event, userID int64, now time.Time) {
	switch ev {
	case EventUser, EventCheck, EventHigh, EventReport:
	default:
		return
	}
	mrc, err := NormaliseMRC(src.MRC)
	if err != nil || (src.LinkID != "" && !validLinkID(src.LinkID)) {
		return
	}
	day := StatsDay(now)
	mrcKey := statsMRCPrefix + mrc + ":" + day
	linkKey := ""
	if src.LinkID != "" {
		linkKey = statsLinkPrefix + src.LinkID + ":" + day
	}
	if ev == EventUser && linkKey != "" {
		p.Eval(ctx, countUserScript, []string{StatsUserLinksKey(userID), statsLinkUsersPrefix + src.LinkID, mrcKey, linkKey},
			src.LinkID, strconv.FormatInt(userID, 10), int64(StatsTTL/time.Second))
		return
	}
	p.HIncrBy(ctx, mrcKey, string(ev), 1)
	p.Expire(ctx, mrcKey, StatsTTL)
	if linkKey != "" {
		p.HIncrBy(ctx, linkKey, string(ev), 1)
		p.Expire(ctx, linkKey, StatsTTL)
	}
}

// statsCounterKey is one counter hash found by the scan.
type statsCounterKey struct {
	key   string
	owner string // MRC code or link ID
	day   string
	link  bool
}

// parseStatsCounterKey splits a counter key; ok is false for the user sets and for anything malformed.
func parseStatsCounterKey(key string) (statsCounterKey, bool) {
	var k statsCounterKey
	var rest string
	if r, ok := strings.CutPrefix(key, statsMRCPrefix); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(key, statsLinkPrefix); ok {
		rest, k.link = r, true
	} else {
		return k, false
	}
	owner, day, ok := strings.Cut(rest, ":")
	if !ok || owner == "" {
		return k, false
	}
	if _, err := time.Parse(statsDayLayout, day); err != nil {
		return k, false
	}
	k.key, k.owner, k.day = key, owner, day
	return k, true
}

// ByMRC returns the counters of every MRC with activity between the days of from and to
// (inclusive, see StatsDay), keyed by MRC code. The counter hashes are found by SCAN over
// tasdeeq:stats:*; a link's counters are filed under the MRC of its stored link record (a link
// whose record is gone still counts in its MRC's totals and days, which are kept separately, but
// is left out of Links). The range may span at most MaxStatsDays days.
func (s *Stats) ByMRC(ctx context.Context, from, to time.Time) (map[string]MRCStats, error) {
	fromDay, toDay := StatsDay(from), StatsDay(to)
	if fromDay > toDay {
		return nil, fmt.Errorf("outreach: stats: from %s is after to %s", fromDay, toDay)
	}
	f, _ := time.Parse(statsDayLayout, fromDay)
	t, _ := time.Parse(statsDayLayout, toDay)
	if days := int(t.Sub(f).Hours()/24) + 1; days > MaxStatsDays {
		return nil, fmt.Errorf("outreach: stats: range of %d days is longer than %d", days, MaxStatsDays)
	}

	var keys []statsCounterKey
	iter := s.rdb.Scan(ctx, 0, statsPrefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		if k, ok := parseStatsCounterKey(iter.Val()); ok && k.day >= fromDay && k.day <= toDay {
			keys = append(keys, k)
		}
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("outreach: stats: scan: %w", err)
	}

	counts := make([]Counts, len(keys))
	for start := 0; start < len(keys); start += linkMGetChunk {
		chunk := keys[start:min(start+linkMGetChunk, len(keys))]
		p := s.rdb.Pipeline()
		cmds := make([]*redis.SliceCmd, len(chunk))
		for i, k := range chunk {
			cmds[i] = p.HMGet(ctx, k.key, string(EventUser), string(EventCheck), string(EventHigh), string(EventReport))
		}
		if _, err := p.Exec(ctx); err != nil {
			return nil, fmt.Errorf("outreach: stats: read: %w", err)
		}
		for i, cmd := range cmds {
			vals := cmd.Val()
			if len(vals) != 4 {
				continue
			}
			counts[start+i] = Counts{Users: statsInt(vals[0]), Checks: statsInt(vals[1]), High: statsInt(vals[2]), Reports: statsInt(vals[3])}
		}
	}

	linkMRC, err := s.linkMRCs(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := map[string]MRCStats{}
	entry := func(mrc string) MRCStats {
		m, ok := out[mrc]
		if !ok {
			m = MRCStats{Days: map[string]Counts{}, Links: map[string]Counts{}, LinkDays: map[string]map[string]Counts{}}
		}
		return m
	}
	for i, k := range keys {
		if !k.link {
			m := entry(k.owner)
			m.Totals.add(counts[i])
			d := m.Days[k.day]
			d.add(counts[i])
			m.Days[k.day] = d
			out[k.owner] = m
			continue
		}
		mrc, ok := linkMRC[k.owner]
		if !ok {
			continue
		}
		m := entry(mrc)
		c := m.Links[k.owner]
		c.add(counts[i])
		m.Links[k.owner] = c
		if m.LinkDays[k.owner] == nil {
			m.LinkDays[k.owner] = map[string]Counts{}
		}
		d := m.LinkDays[k.owner][k.day]
		d.add(counts[i])
		m.LinkDays[k.owner][k.day] = d
		out[mrc] = m
	}
	return out, nil
}

// linkMRCs maps the link IDs among keys to the MRC of their stored link record.
func (s *Stats) linkMRCs(ctx context.Context, keys []statsCounterKey) (map[string]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, k := range keys {
		if k.link && validLinkID(k.owner) && !seen[k.owner] {
			seen[k.owner] = true
			ids = append(ids, k.owner)
		}
	}
	out := make(map[string]string, len(ids))
	for chunk := range slices.Chunk(ids, linkMGetChunk) {
		rk := make([]string, len(chunk))
		for i, id := range chunk {
			rk[i] = linkKeyPrefix + id
		}
		vals, err := s.rdb.MGet(ctx, rk...).Result()
		if err != nil {
			return nil, fmt.Errorf("outreach: stats: read links: %w", err)
		}
		for i, v := range vals {
			str, ok := v.(string)
			if !ok {
				continue
			}
			var link Link
			if json.Unmarshal([]byte(str), &link) == nil && link.MRC != "" {
				out[chunk[i]] = link.MRC
			}
		}
	}
	return out, nil
}

func statsInt(v any) int64 {
	s, ok := v.(string)
	if !ok {
		return 0
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// UserLinks returns, sorted, the IDs of the links whose attribution names the user: those in
// the user's set of links, and those whose user set from an earlier version lists them (every
// link in the link store is asked, in pipelines of linkMGetChunk). It reads outside the caller's
// transaction, as /forget reads what to delete before its MULTI. IDs of links that are gone
// from the link store but still in the user's set are included.
func (s *Stats) UserLinks(ctx context.Context, userID int64) ([]string, error) {
	own, err := s.rdb.SMembers(ctx, StatsUserLinksKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("outreach: stats: user links: %w", err)
	}
	all, err := s.rdb.SMembers(ctx, linksAllKey).Result()
	if err != nil {
		return nil, fmt.Errorf("outreach: stats: user links: %w", err)
	}
	id := strconv.FormatInt(userID, 10)
	out := own
	for chunk := range slices.Chunk(all, linkMGetChunk) {
		p := s.rdb.Pipeline()
		cmds := make([]*redis.BoolCmd, len(chunk))
		for i, l := range chunk {
			cmds[i] = p.SIsMember(ctx, statsLinkUsersPrefix+l, id)
		}
		if _, err := p.Exec(ctx); err != nil {
			return nil, fmt.Errorf("outreach: stats: user links: %w", err)
		}
		for i, c := range cmds {
			if c.Val() {
				out = append(out, chunk[i])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ForgetUserCmds queues, inside the caller's MULTI, the removal of everything attribution keeps
// that names the user: their set of links, and their ID from the user set of every link in
// linkIDs (normally UserLinks, read before the MULTI, and the link of the user's session). The
// counts the user contributed stay; they name nobody.
func (s *Stats) ForgetUserCmds(ctx context.Context, p redis.Pipeliner, userID int64, linkIDs []string) {
	id := strconv.FormatInt(userID, 10)
	seen := map[string]bool{}
	for _, l := range linkIDs {
		if validLinkID(l) && !seen[l] {
			seen[l] = true
			p.SRem(ctx, statsLinkUsersPrefix+l, id)
		}
	}
	p.Del(ctx, StatsUserLinksKey(userID))
}
