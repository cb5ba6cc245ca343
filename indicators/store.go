package indicators

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/redflags"
)

// Policy says when reports are established: then the ad is high risk whatever else it says.
type Policy struct {
	Reports   int // independent reporters (default 2)
	Confirmed int // cases a counsellor confirmed (default 1)
}

// DefaultPolicy is two independent reports, or one a counsellor confirmed.
var DefaultPolicy = Policy{Reports: 2, Confirmed: 1}

// DefaultDecay is how long an indicator is remembered after its last report.
const DefaultDecay = 180 * 24 * time.Hour

// maxCandidates bounds the fingerprints compared per check: the ones sharing the most bands.
const maxCandidates = 16

// keyPrefix starts every key the store writes: the crowd reports' hash tag, shards.Fixed("crowd").
// One tag for them all keeps every key in one Redis Cluster slot, so that a script may touch an
// indicator with its reporter's list, or the index with the fingerprints it names.
const keyPrefix = "tasdeeq:{crowd}:"

// Store keeps reported indicators in Redis as keyed hashes.
//
// Keys (h is the hex HMAC of kind and value; ids number the stored fingerprints):
//
//	tasdeeq:{crowd}:i:<kind>:<h>      hash: n reporters, c confirmations, f first, l last report
//	                                   (Unix seconds), r:<reporter> and k:<case> marks; expires
//	                                   Decay after the last report
//	tasdeeq:{crowd}:i:ad:<id>         the same for a fingerprint, with s its compact signature
//	tasdeeq:{crowd}:lsh               hash: band and band hash bits -> ids, the LSH buckets (see
//	                                   lshKey)
//	tasdeeq:{crowd}:x:<kind>:<h|id>   a counsellor's "not a scam" mark; never expires
//	tasdeeq:{crowd}:by:<reporter>     hash: the indicators one reporter counted in
//	                                   (<kind>:<h|id>), so /forget can unlink them; a hash,
//	                                   because a small one is a compact listpack where a set of
//	                                   strings is not
//	tasdeeq:{crowd}:adseq             the last fingerprint id
type Store struct {
	rdb       redis.UniversalClient
	secret    []byte
	policy    Policy
	decay     time.Duration
	threshold float64
	now       func() time.Time
}

// Option configures a Store.
type Option func(*Store)

// WithPolicy sets when reports are established.
func WithPolicy(p Policy) Option { return func(s *Store) { s.policy = p } }

// WithDecay sets how long an indicator is remembered after its last report.
func WithDecay(d time.Duration) Option { return func(s *Store) { s.decay = d } }

// WithThreshold sets the similarity from which an ad is a repost of a reported one.
func WithThreshold(t float64) Option { return func(s *Store) { s.threshold = t } }

// WithClock sets the clock that dates reports.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// NewStore returns a store keyed with secret, which must be at least 16 bytes: it is all that
// stands between a copy of Redis and the phone numbers in it.
func NewStore(rdb redis.UniversalClient, secret []byte, opts ...Option) (*Store, error) {
	if len(secret) < 16 {
		return nil, errors.New("indicators: the key must be at least 16 bytes")
	}
	s := &Store{rdb: rdb, secret: secret, policy: DefaultPolicy, decay: DefaultDecay, threshold: DefaultThreshold, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.policy.Reports < 1 || s.policy.Confirmed < 1 || s.decay <= 0 || s.threshold <= 0 || s.threshold > 1 {
		return nil, fmt.Errorf("indicators: bad settings: policy %+v, decay %s, threshold %.2f", s.policy, s.decay, s.threshold)
	}
	return s, nil
}

// hash is the keyed hash that stands for a value in Redis.
func (s *Store) hash(kind, value string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

func (s *Store) reporter(userID int64) string {
	return s.hash("reporter", strconv.FormatInt(userID, 10))[:16]
}

func indicatorKey(kind Kind, h string) string { return keyPrefix + "i:" + string(kind) + ":" + h }
func markKey(kind Kind, h string) string      { return keyPrefix + "x:" + string(kind) + ":" + h }
func byKey(reporter string) string            { return keyPrefix + "by:" + reporter }
func adID(id int64) string                    { return strconv.FormatInt(id, 10) }

const seqKey = keyPrefix + "adseq"

// lshKey is the one hash that holds every LSH bucket: its fields name a band and the top 39 bits
// of the band's hash, its values list the ids of the fingerprints with that band. A lookup is one
// HMGET of the 21 fields of a signature, so checking an ad costs one Redis command for the whole
// index instead of one per band (issue 16 counts the commands run inside scripts). Its size
// grows with the fingerprints: 21 fields of about 60 bytes each per reported ad, about 1.3 GB for
// a million reported ads; crowd reports are counted in thousands, and expired fingerprints leave
// the index as lookups meet them.
const lshKey = keyPrefix + "lsh"

// bandField is the field of band b with hash h in lshKey.
func bandField(b int, h uint64) string {
	return strconv.Itoa(b) + ":" + strconv.FormatUint(h>>25, 36)
}

// bandFields are the fields of a signature's 21 bands in lshKey.
func bandFields(sig Signature) []string {
	fields := make([]string, Bands)
	for b := range Bands {
		fields[b] = bandField(b, sig.Band(b))
	}
	return fields
}

// maxBandIDs bounds the fingerprints listed under one band value. A band that many different
// ads share comes from wording they all use (a template, boilerplate), tells nothing about which
// ad this is, and would make every check read a long list: like a stop word, it is left out.
// A repost still matches through its other bands.
const maxBandIDs = 32

// index adds a fingerprint id to the buckets of its bands (KEYS: lshKey; ARGV: the band
// fields, the id, maxBandIDs). Adding an id twice leaves it once; a full band gets no more.
var index = redis.NewScript(`
local B = #ARGV - 2
local id, cap = ARGV[B + 1], tonumber(ARGV[B + 2])
local fields = {}
for b = 1, B do fields[b] = ARGV[b] end
local lists = redis.call('HMGET', KEYS[1], unpack(fields))
for b = 1, B do
  local v = lists[b]
  if not v then
    redis.call('HSET', KEYS[1], ARGV[b], id)
  elseif select(2, string.gsub(v, ',', ',')) + 1 < cap and not string.find(',' .. v .. ',', ',' .. id .. ',', 1, true) then
    redis.call('HSET', KEYS[1], ARGV[b], v .. ',' .. id)
  end
end
return 1
`)

// record counts one report of one indicator. A reporter and a case count once however often
// they are recorded, so recording is safe to repeat after a failure.
var record = redis.NewScript(`
local now, ttl = ARGV[4], ARGV[5]
if redis.call('HSETNX', KEYS[1], 'r:' .. ARGV[1], now) == 1 then
  redis.call('HINCRBY', KEYS[1], 'n', 1)
end
if ARGV[3] == '1' and redis.call('HSETNX', KEYS[1], 'k:' .. ARGV[2], now) == 1 then
  redis.call('HINCRBY', KEYS[1], 'c', 1)
end
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f == 0 or tonumber(now) < f then redis.call('HSET', KEYS[1], 'f', now) end
local l = tonumber(redis.call('HGET', KEYS[1], 'l') or '0')
if tonumber(now) > l then redis.call('HSET', KEYS[1], 'l', now) end
if ARGV[6] ~= '' then redis.call('HSETNX', KEYS[1], 's', ARGV[6]) end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('HSET', KEYS[2], string.sub(KEYS[1], tonumber(ARGV[7]) + 1), '')
redis.call('PEXPIRE', KEYS[2], ttl)
return 1
`)

// Report is one scam report: the ad text, who reported it and the case it became.
type Report struct {
	Text      string
	Reporter  int64 // the reporter's Telegram user id; stored only as a keyed hash
	Case      string
	Confirmed bool // a counsellor confirmed the case
	At        time.Time
}

// Record counts a report: each indicator in the ad, and its fingerprint, which joins the
// nearest reported fingerprint when the ad is a repost of it.
func (s *Store) Record(ctx context.Context, r Report) error {
	at := r.At
	if at.IsZero() {
		at = s.now()
	}
	rh := s.reporter(r.Reporter)
	confirmed := "0"
	if r.Confirmed {
		confirmed = "1"
	}
	args := func(sig string) []any {
		return []any{rh, s.hash("case", r.Case), confirmed, at.Unix(), s.decay.Milliseconds(), sig, len(keyPrefix + "i:")}
	}
	inds, sig, hasSig := read(r.Text)
	id, newID := int64(0), false
	if hasSig {
		near, err := s.nearest(ctx, sig, false)
		if err != nil {
			return err
		}
		if near != nil {
			id = near.id
		} else {
			if id, err = s.rdb.Incr(ctx, seqKey).Result(); err != nil {
				return fmt.Errorf("indicators: new fingerprint id: %w", err)
			}
			newID = true
		}
	}
	write := func(pipe redis.Pipeliner) {
		for _, ind := range inds {
			record.EvalSha(ctx, pipe, []string{indicatorKey(ind.Kind, s.hash(string(ind.Kind), ind.Value)), byKey(rh)}, args("")...)
		}
		if !hasSig {
			return
		}
		if newID {
			fields := make([]any, 0, Bands+2)
			for _, f := range bandFields(sig) {
				fields = append(fields, f)
			}
			index.EvalSha(ctx, pipe, []string{lshKey}, append(fields, id, maxBandIDs)...)
		}
		record.EvalSha(ctx, pipe, []string{indicatorKey(Ad, adID(id)), byKey(rh)}, args(string(sig.Compact()))...)
	}
	err := s.pipelined(ctx, write)
	if err != nil {
		return fmt.Errorf("indicators: record: %w", err)
	}
	return nil
}

// counts is what Redis holds about one indicator.
type counts struct {
	n, c        int
	first, last time.Time
}

func parseCounts(vals []any) (counts, bool) {
	num := func(v any) int64 {
		s, _ := v.(string)
		n, _ := strconv.ParseInt(s, 10, 64)
		return n
	}
	if len(vals) < 4 {
		return counts{}, false
	}
	c := counts{n: int(num(vals[0])), c: int(num(vals[1])), first: time.Unix(num(vals[2]), 0).UTC(), last: time.Unix(num(vals[3]), 0).UTC()}
	return c, c.n > 0 || c.c > 0
}

// near is a stored fingerprint close to a text's.
type near struct {
	id         int64
	similarity float64
	counts     counts
	marked     bool
}

// candidate is a stored fingerprint that shares bands with a text's: its id, and the bands (0 to
// Bands-1) whose bucket lists it.
type candidate struct {
	id    string
	bands []int
}

// rankCandidates turns the buckets of a signature's bands (an HMGET of lshKey, one value per
// band) into the fingerprints they list, ranked by the number of bands they share with the
// signature, then by id, the first maxCandidates of them.
func rankCandidates(lists []any) []candidate {
	byID := map[string]*candidate{}
	var ranked []*candidate
	for b, v := range lists {
		list, _ := v.(string)
		for id := range strings.SplitSeq(list, ",") {
			if _, err := strconv.ParseUint(id, 10, 64); err != nil {
				continue
			}
			c := byID[id]
			if c == nil {
				c = &candidate{id: id}
				byID[id] = c
				ranked = append(ranked, c)
			}
			c.bands = append(c.bands, b)
		}
	}
	slices.SortFunc(ranked, func(a, b *candidate) int {
		if n := len(b.bands) - len(a.bands); n != 0 {
			return n
		}
		x, _ := strconv.ParseUint(a.id, 10, 64)
		y, _ := strconv.ParseUint(b.id, 10, 64)
		return cmp.Compare(x, y)
	})
	out := make([]candidate, 0, min(len(ranked), maxCandidates))
	for _, c := range ranked[:min(len(ranked), maxCandidates)] {
		out = append(out, *c)
	}
	return out
}

// candidates reads the counts, compact signature and mark of fingerprints found in the index
// (KEYS: lshKey, then for each candidate its i:ad and x:ad keys; ARGV: for each candidate its
// id, the number of its bands and their fields in lshKey). Ids of expired fingerprints are taken
// out of the bands that list them on the way: the buckets do not expire with them. Every key it
// touches is in KEYS, as Redis Cluster asks of a script; so the index is read first, by a plain
// HMGET, to learn which fingerprints to name.
var candidates = redis.NewScript(`
local out, a = {}, 1
for k = 2, #KEYS, 2 do
  local id, nb = ARGV[a], tonumber(ARGV[a + 1])
  local v = redis.call('HMGET', KEYS[k], 'n', 'c', 'f', 'l', 's')
  if not v[5] then
    for j = a + 2, a + 1 + nb do
      local list = redis.call('HGET', KEYS[1], ARGV[j])
      local kept = {}
      for other in string.gmatch(list or '', '%d+') do
        if other ~= id then kept[#kept + 1] = other end
      end
      if #kept == 0 then
        redis.call('HDEL', KEYS[1], ARGV[j])
      else
        redis.call('HSET', KEYS[1], ARGV[j], table.concat(kept, ','))
      end
    end
  else
    out[#out + 1] = {id, v[1] or '0', v[2] or '0', v[3] or '0', v[4] or '0', v[5], redis.call('EXISTS', KEYS[k + 1])}
  end
  a = a + 2 + nb
end
return out
`)

// queueCandidates adds the candidates script for the fingerprints cs to a pipeline; fields are
// the signature's band fields (bandFields).
func queueCandidates(ctx context.Context, pipe redis.Pipeliner, fields []string, cs []candidate) *redis.Cmd {
	keys := make([]string, 0, 1+2*len(cs))
	keys = append(keys, lshKey)
	var args []any
	for _, c := range cs {
		keys = append(keys, indicatorKey(Ad, c.id), markKey(Ad, c.id))
		args = append(args, c.id, len(c.bands))
		for _, b := range c.bands {
			args = append(args, fields[b])
		}
	}
	return candidates.EvalSha(ctx, pipe, keys, args...)
}

// migrate moves the fields of one bucket of the index kept before the one-key index (KEYS: the
// old bucket, lshKey; ARGV: pairs of old field and new field), merging id lists, and drops
// the old fields it moved.
var migrate = redis.NewScript(`
for i = 1, #ARGV, 2 do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then
    local cur = redis.call('HGET', KEYS[2], ARGV[i + 1])
    if cur then
      for id in string.gmatch(v, '%d+') do
        if not string.find(',' .. cur .. ',', ',' .. id .. ',', 1, true) then cur = cur .. ',' .. id end
      end
      v = cur
    end
    redis.call('HSET', KEYS[2], ARGV[i + 1], v)
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return 1
`)

// MigrateBuckets moves the LSH buckets an earlier version kept as one hash per band and hash
// prefix (tasdeeq:crowd:lsh:<band>:<15-bit prefix in hex>, fields the next 24 bits) into lshKey,
// so fingerprints reported before the upgrade are still found. It returns how many old buckets
// it moved. It scans the keyspace, once, at start: never on a serving path.
func (s *Store) MigrateBuckets(ctx context.Context) (int, error) {
	moved := 0
	iter := s.rdb.Scan(ctx, 0, lshKey+":*", 1000).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		band, pfx, ok := strings.Cut(strings.TrimPrefix(key, lshKey+":"), ":")
		b, errB := strconv.Atoi(band)
		top, errP := strconv.ParseUint(pfx, 16, 64)
		if !ok || errB != nil || errP != nil || b < 0 || b >= Bands {
			continue // not a bucket of ours
		}
		fields, err := s.rdb.HKeys(ctx, key).Result()
		if err != nil {
			return moved, fmt.Errorf("indicators: migrate %s: %w", key, err)
		}
		args := make([]any, 0, 2*len(fields))
		for _, f := range fields {
			low, err := strconv.ParseUint(f, 10, 64)
			if err != nil {
				continue
			}
			// The old key held bits 63..49 of the band hash, the old field bits 48..25.
			args = append(args, f, bandField(b, ((top<<24)|low)<<25))
		}
		if len(args) > 0 {
			if err := migrate.Run(ctx, s.rdb, []string{key, lshKey}, args...).Err(); err != nil && !errors.Is(err, redis.Nil) {
				return moved, fmt.Errorf("indicators: migrate %s: %w", key, err)
			}
		}
		moved++
	}
	if err := iter.Err(); err != nil {
		return moved, fmt.Errorf("indicators: migrate buckets: %w", err)
	}
	return moved, nil
}

// closest reads the candidates of a signature from their buckets (the values of an HMGET of
// the signature's band fields in lshKey) and picks the most similar fingerprint at or above the
// threshold, or nil; with skipMarked, those a counsellor marked as not a scam are passed over.
func (s *Store) closest(ctx context.Context, sig Signature, fields []string, buckets []any, skipMarked bool) (*near, error) {
	cs := rankCandidates(buckets)
	if len(cs) == 0 {
		return nil, nil
	}
	var cmd *redis.Cmd
	if err := s.pipelined(ctx, func(p redis.Pipeliner) { cmd = queueCandidates(ctx, p, fields, cs) }); err != nil {
		return nil, fmt.Errorf("indicators: fingerprint candidates: %w", err)
	}
	rows, err := cmd.Slice()
	if err != nil {
		return nil, fmt.Errorf("indicators: fingerprint candidates: %w", err)
	}
	var best *near
	for _, r := range rows {
		row, ok := r.([]any)
		if !ok || len(row) != 7 {
			return nil, fmt.Errorf("indicators: fingerprint candidates: unexpected row %T", r)
		}
		idText, _ := row[0].(string)
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("indicators: fingerprint candidates: id %q", idText)
		}
		c, _ := parseCounts(row[1:5])
		compact, _ := row[5].(string)
		marked, _ := row[6].(int64)
		sim := sig.Similarity([]byte(compact))
		if sim < s.threshold || (skipMarked && marked > 0) {
			continue
		}
		if best == nil || sim > best.similarity {
			best = &near{id: id, similarity: sim, counts: c, marked: marked > 0}
		}
	}
	return best, nil
}

// nearest finds the stored fingerprint most like sig above the threshold, or nil.
func (s *Store) nearest(ctx context.Context, sig Signature, skipMarked bool) (*near, error) {
	fields := bandFields(sig)
	buckets, err := s.rdb.HMGet(ctx, lshKey, fields...).Result()
	if err != nil {
		return nil, fmt.Errorf("indicators: fingerprint buckets: %w", err)
	}
	return s.closest(ctx, sig, fields, buckets, skipMarked)
}

// pipelined runs the commands fill queues in one round trip. When Redis has lost the scripts
// (a restart or a failover), it loads them and runs the commands again: every command the store
// queues is safe to repeat.
func (s *Store) pipelined(ctx context.Context, fill func(redis.Pipeliner)) error {
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { fill(p); return nil })
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		for _, sc := range []*redis.Script{record, candidates, index} {
			if err := sc.Load(ctx, s.rdb).Err(); err != nil {
				return err
			}
		}
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { fill(p); return nil })
	}
	if errors.Is(err, redis.Nil) {
		return nil // an HMGET of a missing key is not a failure
	}
	return err
}

// found is what Redis holds about one indicator of a text.
type found struct {
	Indicator
	hash   string
	counts counts
	known  bool // reported, and not yet expired
	marked bool // marked as not a scam
}

// Pending is a text's lookup queued on a pipeline by Queue: its commands, and once the pipeline
// ran, their replies.
type Pending struct {
	s      *Store
	text   string
	fs     []found
	sig    Signature
	hasSig bool
	vals   []*redis.SliceCmd
	marks  []*redis.IntCmd
	fields []string
	bucket *redis.SliceCmd
}

// Queue queues on p the reads of a text's lookup (every indicator's counts and mark, and the
// fingerprint index's buckets), so that a caller can run them in a round trip it makes anyway.
// Nil means the text holds nothing to look up. Match reads the answer once p has run.
func (s *Store) Queue(ctx context.Context, p redis.Pipeliner, text string) *Pending {
	inds, sig, hasSig := read(text)
	if len(inds) == 0 && !hasSig {
		return nil
	}
	q := &Pending{s: s, text: text, fs: make([]found, len(inds)), sig: sig, hasSig: hasSig,
		vals: make([]*redis.SliceCmd, len(inds)), marks: make([]*redis.IntCmd, len(inds))}
	for i, ind := range inds {
		q.fs[i] = found{Indicator: ind, hash: s.hash(string(ind.Kind), ind.Value)}
		q.vals[i] = p.HMGet(ctx, indicatorKey(ind.Kind, q.fs[i].hash), "n", "c", "f", "l")
		q.marks[i] = p.Exists(ctx, markKey(ind.Kind, q.fs[i].hash))
	}
	if hasSig {
		q.fields = bandFields(sig)
		q.bucket = p.HMGet(ctx, lshKey, q.fields...)
	}
	return q
}

// result reads the queued replies, and the stored fingerprint most like the text's (nil when
// none is at the threshold), which takes a second round trip only when the index names
// fingerprints that share bands with the text's.
func (q *Pending) result(ctx context.Context, skipMarked bool) ([]found, *near, error) {
	for i := range q.fs {
		if err := q.vals[i].Err(); err != nil && !errors.Is(err, redis.Nil) {
			return nil, nil, fmt.Errorf("indicators: look up: %w", err)
		}
		q.fs[i].counts, q.fs[i].known = parseCounts(q.vals[i].Val())
		q.fs[i].marked = q.marks[i].Val() > 0
	}
	if !q.hasSig {
		return q.fs, nil, nil
	}
	if err := q.bucket.Err(); err != nil && !errors.Is(err, redis.Nil) {
		return nil, nil, fmt.Errorf("indicators: look up: %w", err)
	}
	best, err := q.s.closest(ctx, q.sig, q.fields, q.bucket.Val(), skipMarked)
	if err != nil {
		return nil, nil, err
	}
	return q.fs, best, nil
}

// Match is Store.Match's answer for the queued text, once the pipeline it was queued on ran.
// A nil Pending (nothing to look up) matches nothing.
func (q *Pending) Match(ctx context.Context) ([]redflags.Flag, error) {
	if q == nil {
		return nil, nil
	}
	fs, best, err := q.result(ctx, true)
	if err != nil {
		return nil, err
	}
	return q.s.flags(q.text, fs, best), nil
}

// lookup reads every indicator of a text and the stored fingerprint most like the text's (nil
// when none is at the threshold): in one round trip, and a second one only when the index names
// fingerprints that share bands with the text's.
func (s *Store) lookup(ctx context.Context, text string, skipMarked bool) ([]found, *near, error) {
	var q *Pending
	if err := s.pipelined(ctx, func(p redis.Pipeliner) { q = s.Queue(ctx, p, text) }); err != nil {
		return nil, nil, fmt.Errorf("indicators: look up: %w", err)
	}
	if q == nil {
		return nil, nil, nil
	}
	return q.result(ctx, skipMarked)
}

// Match looks up everything in a text that could have been reported and returns one
// REPORTED_BEFORE flag per match, with its counts: the fingerprint of the ad, and each phone
// number, account, link and address. Indicators a counsellor marked as not a scam do not count.
func (s *Store) Match(ctx context.Context, text string) ([]redflags.Flag, error) {
	fs, best, err := s.lookup(ctx, text, true)
	if err != nil {
		return nil, err
	}
	return s.flags(text, fs, best), nil
}

// flags are the REPORTED_BEFORE flags of what a lookup of text found.
func (s *Store) flags(text string, fs []found, best *near) []redflags.Flag {
	var flags []redflags.Flag
	if best != nil {
		flags = append(flags, s.flag(Ad, "", 0, 0, best.counts, best.similarity))
	}
	for _, f := range fs {
		if f.known && !f.marked {
			flags = append(flags, s.flag(f.Kind, text[f.Start:f.End], f.Start, f.End, f.counts, 0))
		}
	}
	return flags
}

func (s *Store) flag(kind Kind, evidence string, start, end int, c counts, sim float64) redflags.Flag {
	return redflags.Flag{Code: redflags.ReportedBefore, Evidence: evidence, Start: start, End: end, Rule: "reports." + string(kind),
		Reports: &redflags.Reports{Indicator: string(kind), Count: c.n, Confirmed: c.c, Since: c.first, Last: c.last, Similarity: sim,
			Established: c.n >= s.policy.Reports || c.c >= s.policy.Confirmed}}
}

// Apply adds to a verdict what the reports say about the text.
func (s *Store) Apply(ctx context.Context, text string, v redflags.Verdict) (redflags.Verdict, error) {
	flags, err := s.Match(ctx, text)
	if err != nil {
		return v, err
	}
	return v.WithReports(flags), nil
}

// Marked is one indicator found in a counsellor's text, with what was reported about it.
type Marked struct {
	Kind     Kind
	Evidence string // as written in the counsellor's text; empty for the ad itself
	Reports  int    // independent reporters, 0 when never reported
	NotScam  bool   // marked as not a scam by a counsellor
}

// Inspect lists the indicators in a text with their counts and marks, for a counsellor. It is
// not for users: it would turn the bot into a list of accused numbers.
func (s *Store) Inspect(ctx context.Context, text string) ([]Marked, error) {
	targets, err := s.targets(ctx, text)
	if err != nil {
		return nil, err
	}
	return marked(targets), nil
}

func marked(ts []target) []Marked {
	out := make([]Marked, len(ts))
	for i, t := range ts {
		out[i] = t.Marked
	}
	return out
}

type target struct {
	Marked
	kind Kind
	id   string
}

// targets finds what a counsellor's text points at: its indicators, and the reported
// fingerprint it is a repost of, if any.
func (s *Store) targets(ctx context.Context, text string) ([]target, error) {
	fs, best, err := s.lookup(ctx, text, false)
	if err != nil {
		return nil, err
	}
	var ts []target
	if best != nil {
		ts = append(ts, target{Marked: Marked{Kind: Ad, Reports: best.counts.n, NotScam: best.marked}, kind: Ad, id: adID(best.id)})
	}
	for _, f := range fs {
		ts = append(ts, target{Marked: Marked{Kind: f.Kind, Evidence: text[f.Start:f.End], Reports: f.counts.n, NotScam: f.marked}, kind: f.Kind, id: f.hash})
	}
	return ts, nil
}

// MarkFalse marks everything in a counsellor's text as not a scam, for example an agency's real
// office number that scammers quoted, so that it stops counting; with undo it takes the marks
// away. It returns what it marked. Marks do not decay: a counsellor's judgement stands until
// undone.
func (s *Store) MarkFalse(ctx context.Context, text string, by int64, undo bool) ([]Marked, error) {
	ts, err := s.targets(ctx, text)
	if err != nil {
		return nil, err
	}
	pipe := s.rdb.Pipeline()
	for i, t := range ts {
		if undo {
			pipe.Del(ctx, markKey(t.kind, t.id))
		} else {
			pipe.Set(ctx, markKey(t.kind, t.id), fmt.Sprintf(`{"by":%d,"at":%d}`, by, s.now().Unix()), 0)
		}
		ts[i].NotScam = !undo
	}
	if len(ts) > 0 {
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, fmt.Errorf("indicators: mark: %w", err)
		}
	}
	return marked(ts), nil
}

// unlink replaces one reporter's marks with anonymous ones: the reports still count, because
// they were made with consent and have been referred, but nothing links them to the user.
var unlink = redis.NewScript(`
for i = 2, #KEYS do
  local v = redis.call('HGET', KEYS[i], 'r:' .. ARGV[1])
  if v then
    redis.call('HDEL', KEYS[i], 'r:' .. ARGV[1])
    redis.call('HSET', KEYS[i], 'r:~' .. ARGV[2] .. i, v)
  end
end
redis.call('DEL', KEYS[1])
return #KEYS - 1
`)

// Forget unlinks a user from the reports they made (see /forget).
func (s *Store) Forget(ctx context.Context, userID int64) error {
	rh := s.reporter(userID)
	names, err := s.rdb.HKeys(ctx, byKey(rh)).Result()
	if err != nil {
		return fmt.Errorf("indicators: forget: %w", err)
	}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = keyPrefix + "i:" + n
	}
	var nonce [8]byte
	_, _ = rand.Read(nonce[:])
	if err := unlink.Run(ctx, s.rdb, append([]string{byKey(rh)}, keys...), rh, hex.EncodeToString(nonce[:])).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("indicators: forget: %w", err)
	}
	return nil
}
