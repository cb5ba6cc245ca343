package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// DoneTTL is how long an update id is remembered as processed. Telegram retries an unanswered
// update for about a day; a week leaves room for a long outage.
const DoneTTL = 7 * 24 * time.Hour

// maxTxAttempts bounds the optimistic retries when two replicas step one user's session at once.
const maxTxAttempts = 8

// Processor steps one update exactly once: it loads the session, runs the dialog and, in one
// Redis transaction, saves the session, queues the replies and marks the update done. A failure
// before the commit leaves nothing behind, and the webhook answers 503 so Telegram retries.
type Processor struct {
	// Cases stores referral cases in the same transaction as the step that creates them; nil
	// when referrals are not set up (then no step produces one).
	Cases CaseStore
	// Outreach counts attribution and keeps the subscriber list, in the same transaction; nil
	// when outreach is not set up.
	Outreach Outreach

	rdb         redis.UniversalClient
	deps        dialogs.Deps
	botUsername string
	logger      *slog.Logger
	now         func() time.Time
	// Reports is the memory of reported scams: consented referrals and confirmed cases are
	// counted in it, counsellors' marks written to it, and /forget unlinks the user from it.
	// Nil when it is not set up.
	Reports ReportStore
	// Limits bound each user's use; the zero value means no limits.
	Limits Limits
	// OnStep, when set, is told after each committed step how long the dialog step took and the
	// risk of each ad checked, for metrics.
	OnStep func(step time.Duration, risks []redflags.Risk)
}

// NewProcessor returns a Processor. botUsername (without @) tells commands meant for this bot.
func NewProcessor(rdb redis.UniversalClient, deps dialogs.Deps, botUsername string, logger *slog.Logger) *Processor {
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	return &Processor{rdb: rdb, deps: deps, botUsername: botUsername, logger: logger, now: now}
}

var _ webhook.Processor = (*Processor)(nil)

// CaseStore is the part of the referral store the processor writes through.
type CaseStore interface {
	AddCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case) error
	ConfirmCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case, targets []string) error
	DismissCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case) error
	UserCases(ctx context.Context, userID int64) ([]string, error)
	ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, caseIDs []string)
}

// ReportStore is what the processor writes to the memory of reported scams. Every call is
// idempotent: a step retried after a failure counts nothing twice.
type ReportStore interface {
	Record(ctx context.Context, r indicators.Report) error
	MarkFalse(ctx context.Context, text string, by int64, undo bool) ([]indicators.Marked, error)
	Forget(ctx context.Context, userID int64) error
}

// Outreach is what the processor writes for attribution and subscriptions.
type Outreach interface {
	RecordCmds(ctx context.Context, p redis.Pipeliner, src dialogs.Source, ev dialogs.Event, userID int64, now time.Time)
	SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang, mrc string, now time.Time)
	UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64)
	// UserLinks lists, before the transaction that forgets the user, the IDs of the links whose
	// attribution names them.
	UserLinks(ctx context.Context, userID int64) ([]string, error)
	// ForgetCmds removes what attribution keeps that names the user: their record of the links
	// they came through, and them from the users of each link in linkIDs.
	ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, linkIDs []string)
}

// doneKey marks an update as processed.
func doneKey(id int64) string { return "tasdeeq:update:" + strconv.FormatInt(id, 10) }

// errFlood ends an update from a user over the per-minute update limit.
var errFlood = errors.New("over the update limit")

// errDuplicate ends a transaction for an update processed before.
var errDuplicate = errors.New("duplicate update")

// Process implements webhook.Processor.
func (p *Processor) Process(ctx context.Context, u *models.Update) error {
	in, ok := Decode(u, p.botUsername)
	err := p.step(ctx, stepRun{in: in, ok: ok, done: doneKey(u.ID), jobID: strconv.FormatInt(u.ID, 10), fromUser: true})
	switch {
	case errors.Is(err, errFlood):
		p.logger.Debug("update over the per-user limit ignored", "update_id", u.ID)
		return nil
	case errors.Is(err, errDuplicate):
		p.logger.Debug("duplicate update", "update_id", u.ID)
		return nil
	case err != nil:
		// Redis down, a register lookup failed, or contention outlasted the retries: nothing was
		// written, and Telegram will send the update again.
		return fmt.Errorf("update %d: %w: %w", u.ID, webhook.ErrUnavailable, err)
	}
	return nil
}

// stepRun is one input to step exactly once: an update from Telegram, or the result of a job
// (a picture read) that steps the dialog again.
type stepRun struct {
	in dialogs.Input
	ok bool // false: an update the bot does not answer; only the done marker is written
	// done is the key that marks the input processed; jobID names the jobs the step queues.
	done, jobID string
	// fromUser: the input is the user's own update, so the per-user update limits apply.
	fromUser bool
	// after adds commands to the step's transaction (a job's acknowledgement).
	after func(pipe redis.Pipeliner)
}

// step runs the dialog on one input and commits its effects once. It returns errDuplicate for
// an input processed before and errFlood for an update over the per-user limit.
func (p *Processor) step(ctx context.Context, r stepRun) error {
	in, ok, done := r.in, r.ok, r.done
	keys := []string{done}
	if ok {
		keys = append(keys, dialogs.Keys(in.UserID)...)
	}
	var stepTime time.Duration
	var risks []redflags.Risk
	// Each attempt steps without holding a Redis connection, then commits in a short WATCH that
	// checks nothing changed since the read. Holding a WATCHed connection across the step, whose
	// register lookups need connections of their own, starved the pool under load.
	attempt := func() error {
		n, err := p.rdb.Exists(ctx, done).Result()
		if err != nil {
			return err
		}
		if n > 0 {
			return errDuplicate
		}
		var outs []dialogs.Output
		var s dialogs.Session
		var raw []string
		if ok && r.fromUser && p.Limits != (Limits{}) {
			use, err := readUsage(ctx, p.rdb, in.UserID, p.now())
			if err != nil {
				return err
			}
			if p.Limits.UpdatesPerMinute > 0 && use.updates >= p.Limits.UpdatesPerMinute {
				// A flood: nothing is stored for it, not even the done marker, so it cannot grow
				// Redis; a retry of one of these updates is ignored the same way.
				return errFlood
			}
			in.ChecksLimited = (p.Limits.ChecksPerMinute > 0 && use.checksMinute >= p.Limits.ChecksPerMinute) ||
				(p.Limits.ChecksPerDay > 0 && use.checksDay >= p.Limits.ChecksPerDay)
		}
		var before dialogs.Session
		if ok {
			if s, raw, err = dialogs.LoadRaw(ctx, p.rdb, in.UserID); err != nil {
				return err
			}
			before = s
			t0 := time.Now()
			if s, outs, err = dialogs.Step(ctx, p.deps, s, in); err != nil {
				return err
			}
			stepTime = time.Since(t0)
		}
		risks = risks[:0]
		for _, o := range outs {
			if o.Kind == dialogs.Checked {
				risks = append(risks, o.Risk)
			}
		}
		if err := p.writeReports(ctx, in, outs); err != nil {
			return err
		}
		forget := has(outs, dialogs.ForgetUser)
		var forgetCases, forgetJobs, forgetLinks []string
		if forget && p.Outreach != nil {
			if forgetLinks, err = p.Outreach.UserLinks(ctx, in.UserID); err != nil {
				return err
			}
			if before.Source != nil && before.Source.LinkID != "" {
				// Also the session's link, in case neither record lists it.
				forgetLinks = append(forgetLinks, before.Source.LinkID)
			}
		}
		if forget && p.Cases != nil {
			if forgetCases, err = p.Cases.UserCases(ctx, in.UserID); err != nil {
				return err
			}
		}
		if forget {
			if forgetJobs, err = p.userOCRJobs(ctx, in.UserID); err != nil {
				return err
			}
		}
		return p.rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Exists(ctx, done).Result()
			if err != nil {
				return err
			}
			if n > 0 {
				return errDuplicate
			}
			if ok {
				_, now, err := dialogs.LoadRaw(ctx, tx, in.UserID)
				if err != nil {
					return err
				}
				if !slices.Equal(raw, now) {
					return redis.TxFailedErr // another replica stepped this user meanwhile: step again
				}
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				if err := p.commitCases(ctx, pipe, outs); err != nil {
					return err
				}
				if forgetCases != nil {
					p.Cases.ForgetCmds(ctx, pipe, in.UserID, forgetCases)
				}
				withdrawOCRJobs(ctx, pipe, forgetJobs)
				p.commitOutreach(ctx, pipe, in, s, outs)
				if forget {
					if p.Outreach != nil {
						p.Outreach.ForgetCmds(ctx, pipe, in.UserID, forgetLinks)
					}
					// The counters of this and the previous minute, and of the days whose counter
					// can still be alive (it lives 48 hours after its day's last check), name the
					// user too.
					for _, at := range []time.Time{p.now(), p.now().Add(-time.Minute), p.now().Add(-24 * time.Hour), p.now().Add(-48 * time.Hour)} {
						u, cm, cd := limitKeys(in.UserID, at)
						pipe.Del(ctx, u, cm, cd)
					}
				}
				// A picture counts as a check when it is queued, so a user cannot fill the OCR
				// queue; its verdict, which comes from a job, is not counted again.
				if ok && !forget && r.fromUser && p.Limits != (Limits{}) {
					countUpdate(ctx, pipe, in.UserID, p.now())
					if len(risks) > 0 || has(outs, dialogs.ReadImage) {
						countCheck(ctx, pipe, in.UserID, p.now())
					}
				}
				if r.after != nil {
					r.after(pipe)
				}
				return p.commit(ctx, pipe, in, ok, s, outs, done, r.jobID)
			})
			return err
		}, keys...)
	}
	var err error
	for range maxTxAttempts {
		err = attempt()
		if !errors.Is(err, redis.TxFailedErr) {
			break
		}
	}
	if err != nil {
		return err
	}
	if p.OnStep != nil {
		p.OnStep(stepTime, risks)
	}
	return nil
}

// has says whether a step produced an output of kind k.
func has(outs []dialogs.Output, k dialogs.OutputKind) bool {
	return slices.ContainsFunc(outs, func(o dialogs.Output) bool { return o.Kind == k })
}

// commit queues the writes of one step.
func (p *Processor) commit(ctx context.Context, pipe redis.Pipeliner, in dialogs.Input, ok bool, s dialogs.Session, outs []dialogs.Output, done, jobID string) error {
	now := p.now()
	forget := false
	for _, o := range outs {
		switch o.Kind {
		case dialogs.ForgetUser:
			forget = true
		case dialogs.SendMessage:
			out := Outgoing{ChatID: o.ChatID, Text: o.Text, Buttons: buttons(o.Buttons), RemoveKeyboard: o.RemoveKeyboard, Photo: o.Photo, Kind: Reply, Enqueued: now}
			for _, k := range o.Keyboard {
				out.Keyboard = append(out.Keyboard, KeyButton{Text: k.Text, RequestContact: k.RequestContact})
			}
			if err := Enqueue(ctx, pipe, out); err != nil {
				return err
			}
		case dialogs.ReadImage:
			if err := EnqueueOCR(ctx, pipe, newOCRJob(jobID, in, o, now)); err != nil {
				return err
			}
		case dialogs.AnswerCallback:
			if err := Enqueue(ctx, pipe, Outgoing{ChatID: in.ChatID, CallbackID: o.CallbackID, Text: o.Text, Kind: Reply, Enqueued: now}); err != nil {
				return err
			}
		}
	}
	if ok {
		switch {
		case forget:
			dialogs.Forget(ctx, pipe, in.UserID, BlockedKey(in.ChatID))
		default:
			if err := dialogs.Save(ctx, pipe, in.UserID, s); err != nil {
				return err
			}
			if !in.Group {
				// Whoever writes to the bot has not blocked it (any more).
				pipe.Del(ctx, BlockedKey(in.ChatID))
			}
		}
	}
	pipe.Set(ctx, done, 1, DoneTTL)
	return nil
}

// writeReports counts referred and confirmed cases as reports, writes counsellors' marks, and
// unlinks a user who asked to be forgotten. It runs before the step is committed, outside the
// transaction, because a report's fingerprint has to be compared with those stored; it is safe
// there because each write is idempotent, and a failure fails the update, which Telegram retries.
func (p *Processor) writeReports(ctx context.Context, in dialogs.Input, outs []dialogs.Output) error {
	if p.Reports == nil {
		return nil
	}
	for _, o := range outs {
		var err error
		switch {
		case o.Kind == dialogs.Refer && o.Case != nil && o.Case.Status == referrals.StatusQueued:
			// Held cases count only once a counsellor confirms them.
			err = p.Reports.Record(ctx, indicators.Report{Text: o.Case.AdText, Reporter: o.Case.UserID, Case: o.Case.ID, At: o.Case.CreatedAt})
		case o.Kind == dialogs.ConfirmCase && o.Case != nil:
			err = p.Reports.Record(ctx, indicators.Report{Text: o.Case.AdText, Reporter: o.Case.UserID, Case: o.Case.ID, Confirmed: true, At: p.now()})
		case o.Kind == dialogs.MarkNotScam && o.Mark != nil:
			_, err = p.Reports.MarkFalse(ctx, o.Mark.Text, o.Mark.By, o.Mark.Undo)
		case o.Kind == dialogs.ForgetUser:
			err = p.Reports.Forget(ctx, in.UserID)
		}
		if err != nil {
			return fmt.Errorf("reports: %w", err)
		}
	}
	return nil
}

// commitOutreach counts what a step did for the centre the user came through, and keeps the
// subscriber list, atomically with the step.
func (p *Processor) commitOutreach(ctx context.Context, pipe redis.Pipeliner, in dialogs.Input, s dialogs.Session, outs []dialogs.Output) {
	if p.Outreach == nil {
		return
	}
	now := p.now()
	record := func(ev dialogs.Event) {
		if s.Source != nil {
			p.Outreach.RecordCmds(ctx, pipe, *s.Source, ev, in.UserID, now)
		}
	}
	for _, o := range outs {
		switch o.Kind {
		case dialogs.Attribute:
			if o.Source != nil {
				p.Outreach.RecordCmds(ctx, pipe, *o.Source, o.Event, in.UserID, now)
			}
		case dialogs.Checked:
			record(dialogs.EventCheck)
			if o.Risk == redflags.High {
				record(dialogs.EventHigh)
			}
		case dialogs.Refer:
			record(dialogs.EventReport)
		case dialogs.Subscribe:
			lang, mrc := string(s.Lang), ""
			if lang == "" {
				lang = string(locales.Parse(in.LanguageCode))
			}
			if s.Source != nil {
				mrc = s.Source.MRC
			}
			p.Outreach.SubscribeCmds(ctx, pipe, in.ChatID, lang, mrc, now)
		case dialogs.Unsubscribe, dialogs.ForgetUser:
			p.Outreach.UnsubscribeCmds(ctx, pipe, in.ChatID)
		}
	}
}

// commitCases writes the referral cases a step created or decided, atomically with the step.
func (p *Processor) commitCases(ctx context.Context, pipe redis.Pipeliner, outs []dialogs.Output) error {
	for _, o := range outs {
		if o.Case == nil {
			continue
		}
		if p.Cases == nil {
			return errors.New("a step produced a referral case but no case store is configured")
		}
		var err error
		switch o.Kind {
		case dialogs.Refer:
			err = p.Cases.AddCmds(ctx, pipe, *o.Case)
		case dialogs.ConfirmCase:
			err = p.Cases.ConfirmCmds(ctx, pipe, *o.Case, o.Case.Targets)
		case dialogs.DismissCase:
			err = p.Cases.DismissCmds(ctx, pipe, *o.Case)
		}
		if err != nil {
			return fmt.Errorf("case %s: %w", o.Case.ID, err)
		}
	}
	return nil
}

func buttons(rows [][]dialogs.Button) [][]Button {
	if len(rows) == 0 {
		return nil
	}
	out := make([][]Button, len(rows))
	for i, row := range rows {
		for _, b := range row {
			out[i] = append(out[i], Button{Text: b.Text, Data: b.Data})
		}
	}
	return out
}
