package bot

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// errBacklog refuses an update while the replies waiting to be sent are at the cap.
var errBacklog = errors.New("the send backlog is full")

// plan is one step of a dialog, ready to commit: what the first round trip read, and what the
// dialog decided.
type plan struct {
	stepRun
	read reading
	now  time.Time

	session  dialogs.Session // after the step
	outs     []dialogs.Output
	stepTime time.Duration
	risks    []redflags.Risk // of the ads checked, for metrics
	// count: the update counts against the user's limits (Limits set, a user's own update).
	count bool
	// forgetting: what /forget deletes beyond the user's keys; set only for a ForgetUser step.
	forgetting *forgetting
}

// forgetting is what a /forget must find before its commit: the user's referral cases, queued
// pictures and the outreach links they came through, which no key of theirs names. /forget is
// rare, so these reads keep their own round trips.
type forgetting struct {
	cases, ocrJobs, links []string
}

// reading is what the first round trip returns: one MGET of the keys the step depends on, and
// the length of the replies backlog.
type reading struct {
	// keys are the keys the commit is checked against: the done marker, then (when the input is
	// stepped) the user's session, their counters, and the chat's blocked marker.
	keys []string
	// version hashes the values of keys as read. The commit runs only if it still matches, so
	// nothing changed between the read and the commit (the session's optimistic version).
	version string
	done    bool
	stored  dialogs.Stored
	use     usage
	blocked bool
	backlog int64
	// lookup is the scam-report lookup of the input's text, run in this round trip (nil when
	// not: no Lookups, not a text, or nothing in the text to look up).
	lookup *indicators.Pending
	// lookedUp says the lookup of lookupText ran in this round trip (lookup may still be nil:
	// nothing in the text to look up).
	lookedUp   bool
	lookupText string
}

// read is the first round trip of a step.
func (p *Processor) read(ctx context.Context, r stepRun) (reading, error) {
	rd := reading{keys: []string{r.done}}
	iSession, iUsage, iBlocked := -1, -1, -1
	if r.ok {
		iSession = len(rd.keys)
		rd.keys = append(rd.keys, dialogs.Keys(p.Shards, r.in.UserID)...)
		if p.counts(r) {
			iUsage = len(rd.keys)
			rd.keys = append(rd.keys, usageKey(p.Shards, r.in.UserID))
		}
		if !r.in.Group {
			// A private chat's id is its user's, so its blocked mark is in the user's shard.
			iBlocked = len(rd.keys)
			rd.keys = append(rd.keys, outbox.BlockedKey(p.Shards, r.in.ChatID))
		}
	}
	pipe := p.rdb.Pipeline()
	mget := pipe.MGet(ctx, rd.keys...)
	var backlog *redis.IntCmd
	if r.ok && r.fromUser && p.BacklogMax > 0 {
		backlog = outbox.Backlog(ctx, pipe, r.sh)
	}
	if rd.lookupText, rd.lookedUp = p.lookedUp(r); rd.lookedUp {
		rd.lookup = p.Lookups.Queue(ctx, pipe, rd.lookupText)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return rd, fmt.Errorf("read: %w", err)
	}
	vals := make([]string, len(rd.keys))
	present := make([]bool, len(rd.keys))
	for i, v := range mget.Val() {
		vals[i], present[i] = v.(string)
	}
	rd.version = version(vals, present)
	rd.done = present[0]
	if iSession >= 0 {
		rd.stored = dialogs.Stored{vals[iSession], vals[iSession+1]}
	}
	if iUsage >= 0 {
		rd.use = parseUsage(vals[iUsage], p.now())
	}
	rd.blocked = iBlocked >= 0 && present[iBlocked]
	if backlog != nil {
		rd.backlog = backlog.Val()
	}
	return rd, nil
}

// lookedUp says whether the first round trip also looks up the reports of the input's text, and
// which text: a text message the dialog may check as an ad, trimmed as the dialog trims it. A text
// that turns out not to be checked (a licence number, an answer to a question) costs a few reads
// in a round trip made anyway; an ad saves a round trip of its own.
func (p *Processor) lookedUp(r stepRun) (string, bool) {
	if p.Lookups == nil || p.deps.Reports == nil || !r.ok || r.in.Kind != dialogs.Text || (r.in.Group && !r.in.Addressed) {
		return "", false
	}
	text := strings.TrimSpace(r.in.Text)
	return text, text != ""
}

// prefetched answers the dialog's report lookup of the text looked up in the first round trip;
// any other text is looked up as before.
type prefetched struct {
	dialogs.Reports
	text   string
	lookup *indicators.Pending
}

// Match returns the prefetched lookup's flags for its text, and asks the store for another.
func (f prefetched) Match(ctx context.Context, text string) ([]redflags.Flag, error) {
	if text != f.text {
		return f.Reports.Match(ctx, text)
	}
	return f.lookup.Match(ctx)
}

// counts says whether an input counts against the user's limits: a user's own update, when
// limits are set.
func (p *Processor) counts(r stepRun) bool { return r.ok && r.fromUser && p.Limits != (Limits{}) }

// version hashes values as the commit script does: each absent value as "_", each present one
// as its length in bytes, ":" and itself.
func version(vals []string, present []bool) string {
	h := sha1.New()
	for i, v := range vals {
		if !present[i] {
			h.Write([]byte("_"))
			continue
		}
		h.Write([]byte(strconv.Itoa(len(v)) + ":" + v))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// plan reads what the step needs in one round trip, then runs the dialog. It returns
// errDuplicate for an input processed before, errFlood for an update over the per-user limit,
// and errBacklog for an update refused because the replies backlog is at its cap.
func (p *Processor) plan(ctx context.Context, r stepRun) (*plan, error) {
	rd, err := p.read(ctx, r)
	if err != nil {
		return nil, err
	}
	if rd.done {
		return nil, errDuplicate
	}
	pl := &plan{stepRun: r, read: rd, now: p.now(), count: p.counts(r)}
	if !r.ok {
		return pl, nil
	}
	if pl.count {
		if p.Limits.UpdatesPerMinute > 0 && rd.use.updates >= p.Limits.UpdatesPerMinute {
			// A flood: nothing is stored for it, not even the done marker, so it cannot grow
			// Redis; a retry of one of these updates is ignored the same way.
			return nil, errFlood
		}
		pl.in.ChecksLimited = (p.Limits.ChecksPerMinute > 0 && rd.use.checksMinute >= p.Limits.ChecksPerMinute) ||
			(p.Limits.ChecksPerDay > 0 && rd.use.checksDay >= p.Limits.ChecksPerDay)
	}
	if r.fromUser && p.BacklogMax > 0 && rd.backlog >= p.BacklogMax {
		// Telegram keeps the update and sends it again, by which time the sender has caught up;
		// trimming undelivered replies instead would lose answers people are waiting for.
		return nil, fmt.Errorf("%w: %d replies waiting, cap %d", errBacklog, rd.backlog, p.BacklogMax)
	}
	before := rd.stored.Session()
	t0 := time.Now()
	deps := p.deps
	if rd.lookedUp {
		deps.Reports = prefetched{Reports: deps.Reports, text: rd.lookupText, lookup: rd.lookup}
	}
	if pl.session, pl.outs, err = dialogs.Step(ctx, deps, before, pl.in); err != nil {
		return nil, err
	}
	pl.stepTime = time.Since(t0)
	for _, o := range pl.outs {
		if o.Kind == dialogs.Checked {
			pl.risks = append(pl.risks, o.Risk)
		}
	}
	if has(pl.outs, dialogs.ForgetUser) {
		if pl.forgetting, err = p.findForgotten(ctx, pl.in.UserID, before); err != nil {
			return nil, err
		}
	}
	return pl, nil
}

// findForgotten lists what /forget deletes that no key of the user names.
func (p *Processor) findForgotten(ctx context.Context, userID int64, before dialogs.Session) (*forgetting, error) {
	f := &forgetting{}
	var err error
	if p.Attribution != nil {
		if f.links, err = p.Attribution.UserLinks(ctx, userID); err != nil {
			return nil, err
		}
		if before.Source != nil && before.Source.LinkID != "" {
			// Also the session's link, in case neither record lists it.
			f.links = append(f.links, before.Source.LinkID)
		}
	}
	if p.Cases != nil {
		if f.cases, err = p.Cases.UserCases(ctx, userID); err != nil {
			return nil, err
		}
	}
	if f.ocrJobs, err = p.userOCRJobs(ctx, p.Shards.Of(userID), userID); err != nil {
		return nil, err
	}
	return f, nil
}
