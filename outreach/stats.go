package outreach

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// Redis keys of attribution. Everything lives in the shard of the user it counts (see package
// shards), so that RecordCmds and ForgetUserCmds write only that shard, inside the user's own
// commit, on Redis Cluster too:
//
//   - StatsDayKey(shard, day): one hash per shard and counter day, with a field per centre, link
//     and event, "<MRC>|<link ID>|<event>" ("<MRC>||<event>" for a source without a link), whose
//     value is the count of the shard's users. Every field names nobody. A reader of a range of
//     days reads these hashes of every shard, in pipelines, and adds them up: no SCAN.
//   - StatsUserLinksKey(ring, user): the user's own record of the links they were counted for, a
//     hash link ID → "<day>|<MRC>" (the day and centre whose "users" counter they are in; empty
//     for users counted before the sharded layout). It is the exact set of unique users: a user
//     is in "users" of a link on a day exactly when their record names that link with that day,
//     so /forget takes them out of the count, and a user is never counted twice for a link.
//
// Every key is kept StatsTTL after its last write.
const (
	statsDayLayout = "2006-01-02"
	// statsSep separates the parts of a counter field; centre codes, link IDs and events never
	// contain it.
	statsSep = "|"
)

// StatsDayKey is the hash of shard sh's counters of one day (YYYY-MM-DD, see StatsDay).
func StatsDayKey(sh shards.Shard, day string) string { return statsDayPrefix(sh) + day }

// statsDayPrefix is what StatsDayKey adds the day to; the forget script builds the keys of the
// days it reads from a user's record with it.
func statsDayPrefix(sh shards.Shard) string { return sh.Key("stats:day:") }

// StatsUserLinksKey is the record of the links a user was counted for, in the user's shard.
func StatsUserLinksKey(r shards.Ring, userID int64) string {
	id := strconv.FormatInt(userID, 10)
	return r.Of(userID).Key("u:" + id + ":links")
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

// inc adds n to the counter of ev; it reports false for an unknown event.
func (c *Counts) inc(ev Event, n int64) bool {
	switch ev {
	case EventUser:
		c.Users += n
	case EventCheck:
		c.Checks += n
	case EventHigh:
		c.High += n
	case EventReport:
		c.Reports += n
	default:
		return false
	}
	return true
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
	rdb  redis.UniversalClient
	ring shards.Ring
}

// NewStats returns the attribution counters on rdb.
func NewStats(rdb redis.UniversalClient, opts ...StatsOption) *Stats {
	s := &Stats{rdb: rdb}
	for _, o := range opts {
		o.applyStats(s)
	}
	return s
}

// statsField is the counter field of an event for a centre and a link ("" for none).
func statsField(mrc, link string, ev Event) string {
	return mrc + statsSep + link + statsSep + string(ev)
}

// countUserScript records the link in the user's record and, only when it was not there yet,
// counts the user for the centre and link on this day. It runs inside the caller's MULTI, which
// is what makes "once per user per link" exact without a read before the transaction. Both keys
// are of the user's shard.
// KEYS: the user's record, the shard's day hash. ARGV: link ID, counter field, "<day>|<MRC>",
// TTL in seconds.
var countUserScript = `
local added = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
if added == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
return added`

// RecordCmds queues, on p (normally the caller's MULTI, so the counters commit together with the
// session and the outgoing messages), the commands that count ev for the user's source on the
// day of now (see StatsDay). Every key it writes is of the user's shard. Nothing is queued when
// src has no MRC, when src or ev is malformed, or for an unknown event.
//
// The contract for EventUser: call it on every /start through a link; it is idempotent per
// (link, user). A Lua script queued in the MULTI adds the link to the user's record
// (StatsUserLinksKey) and increments "users" for the centre and the link only when the link was
// new to the user, so Telegram retries, repeated /starts and coming back through the same link
// are counted once (for as long as the user's record lives, StatsTTL after their last /start
// through any link; /forget deletes it and takes the user out of the count, and a user who comes
// back after it counts again). A user who follows two links of the same MRC counts once for each
// link and so twice for the MRC. A Source without a LinkID cannot be de-duplicated: then "users"
// is incremented on every call, and the caller must call it only for a user's first start.
//
// EventCheck, EventHigh and EventReport increment their field for the centre and link on every
// call.
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
	dayKey := StatsDayKey(s.ring.Of(userID), day)
	field := statsField(mrc, src.LinkID, ev)
	if ev == EventUser && src.LinkID != "" {
		p.Eval(ctx, countUserScript, []string{StatsUserLinksKey(s.ring, userID), dayKey},
			src.LinkID, field, day+statsSep+mrc, int64(StatsTTL/time.Second))
		return
	}
	p.HIncrBy(ctx, dayKey, field, 1)
	p.Expire(ctx, dayKey, StatsTTL)
}

// ByMRC returns the counters of every MRC with activity between the days of from and to
// (inclusive, see StatsDay), keyed by MRC code. The range may span at most MaxStatsDays days.
//
// It reads the day hash of every shard for every day of the range, and only those: one HGETALL
// each, sent in pipelines of statsReadChunk (on Cluster, go-redis splits each by node). The
// console's numbers page and the bot's /stats ask for 30 days by default (64 shards: 1,920
// small hashes, two round trips), the longest range 400 days (26 round trips).
//
// A link's counters are filed under the centre recorded with them, which is the centre of the
// link when the user followed it.
func (s *Stats) ByMRC(ctx context.Context, from, to time.Time) (map[string]MRCStats, error) {
	fromDay, toDay := StatsDay(from), StatsDay(to)
	if fromDay > toDay {
		return nil, fmt.Errorf("outreach: stats: from %s is after to %s", fromDay, toDay)
	}
	f, _ := time.Parse(statsDayLayout, fromDay)
	t, _ := time.Parse(statsDayLayout, toDay)
	n := int(t.Sub(f).Hours()/24) + 1
	if n > MaxStatsDays {
		return nil, fmt.Errorf("outreach: stats: range of %d days is longer than %d", n, MaxStatsDays)
	}
	type dayShard struct {
		day string
		sh  shards.Shard
	}
	var reads []dayShard
	for d := range n {
		day := f.AddDate(0, 0, d).Format(statsDayLayout)
		for _, sh := range s.ring.All() {
			reads = append(reads, dayShard{day, sh})
		}
	}

	out := map[string]MRCStats{}
	entry := func(mrc string) MRCStats {
		m, ok := out[mrc]
		if !ok {
			m = MRCStats{Days: map[string]Counts{}, Links: map[string]Counts{}, LinkDays: map[string]map[string]Counts{}}
		}
		return m
	}
	for chunk := range slices.Chunk(reads, statsReadChunk) {
		p := s.rdb.Pipeline()
		cmds := make([]*redis.MapStringStringCmd, len(chunk))
		for i, r := range chunk {
			cmds[i] = p.HGetAll(ctx, StatsDayKey(r.sh, r.day))
		}
		if _, err := p.Exec(ctx); err != nil {
			return nil, fmt.Errorf("outreach: stats: read: %w", err)
		}
		for i, cmd := range cmds {
			day := chunk[i].day
			for field, val := range cmd.Val() {
				mrc, link, ev, ok := parseStatsField(field)
				v, err := strconv.ParseInt(val, 10, 64)
				if !ok || err != nil || v <= 0 {
					continue
				}
				var c Counts
				if !c.inc(ev, v) {
					continue
				}
				m := entry(mrc)
				m.Totals.add(c)
				d := m.Days[day]
				d.add(c)
				m.Days[day] = d
				if link != "" {
					l := m.Links[link]
					l.add(c)
					m.Links[link] = l
					if m.LinkDays[link] == nil {
						m.LinkDays[link] = map[string]Counts{}
					}
					ld := m.LinkDays[link][day]
					ld.add(c)
					m.LinkDays[link][day] = ld
				}
				out[mrc] = m
			}
		}
	}
	return out, nil
}

// statsReadChunk is how many day hashes one pipeline of ByMRC reads.
const statsReadChunk = 1000

// parseStatsField splits a counter field "<MRC>|<link>|<event>"; ok is false when it is malformed.
func parseStatsField(f string) (mrc, link string, ev Event, ok bool) {
	parts := strings.Split(f, statsSep)
	if len(parts) != 3 || parts[0] == "" || (parts[1] != "" && !validLinkID(parts[1])) {
		return "", "", "", false
	}
	return parts[0], parts[1], Event(parts[2]), true
}

// UserLinks returns, sorted, the IDs of the links whose attribution names the user: those in
// the user's record. It reads outside the caller's transaction, as /forget reads what to delete
// before its MULTI (ForgetUserCmds itself reads the record inside the MULTI, so nothing the user
// did in between is missed).
func (s *Stats) UserLinks(ctx context.Context, userID int64) ([]string, error) {
	out, err := s.rdb.HKeys(ctx, StatsUserLinksKey(s.ring, userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("outreach: stats: user links: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// forgetUserScript takes a user out of the "users" counters their record names (the field is
// deleted when it falls to zero, so a day that had only them shows no activity) and deletes the
// record. A record written before the sharded layout names no day: its users stay counted, as
// the counters of that time kept no trace of who was in them. The day hashes are of the user's
// shard: their names are built from the shard's prefix, so they are in the same slot as KEYS[1].
// KEYS: the user's record. ARGV: the shard's day-hash prefix.
var forgetUserScript = `
local rec = redis.call('HGETALL', KEYS[1])
for i = 1, #rec, 2 do
  local link, day, mrc = rec[i], string.match(rec[i + 1], '^([^|]+)|(.+)$')
  if day then
    local key, field = ARGV[1] .. day, mrc .. '|' .. link .. '|users'
    local n = tonumber(redis.call('HGET', key, field) or '0') or 0
    if n > 1 then
      redis.call('HINCRBY', key, field, -1)
    elseif n == 1 then
      redis.call('HDEL', key, field)
    end
  end
end
return redis.call('DEL', KEYS[1])`

// ForgetUserCmds queues, inside the caller's MULTI, the removal of everything attribution keeps
// that names the user: their record of links, and them from the "users" counters it names. The
// other counts the user contributed (checks, high-risk verdicts, reports) stay; they name
// nobody. It touches only the user's shard.
//
// linkIDs (what UserLinks returned before the MULTI, and the link of the user's session) is
// ignored: the script reads the record itself, inside the MULTI, so it misses nothing the user
// did since UserLinks, and no set per link names users any more (MigrateLayout folded those of
// earlier versions into the users' records). The parameter stays so that bot.Attribution need
// not change with the layout.
func (s *Stats) ForgetUserCmds(ctx context.Context, p redis.Pipeliner, userID int64, linkIDs []string) {
	p.Eval(ctx, forgetUserScript, []string{StatsUserLinksKey(s.ring, userID)}, statsDayPrefix(s.ring.Of(userID)))
}
