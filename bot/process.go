// Package bot is the Telegram side of Tasdeeq: it turns Bot API updates into dialog inputs, steps
// the dialogs and commits their outputs (replies queued on the send streams of package outbox,
// which package sender drains), and it runs the OCR worker that reads pictures of ads.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// DoneTTL is how long an update id is remembered as processed. Telegram retries an unanswered
// update for about a day; a week leaves room for a long outage.
const DoneTTL = 7 * 24 * time.Hour

// maxTxAttempts bounds the optimistic retries when two replicas step one user's session at once.
const maxTxAttempts = 8

// Processor steps one update exactly once, in two round trips to Redis: a plan (one pipelined
// read of the done marker, the session, the user's counters and the replies backlog, then the
// dialog step) and one atomic commit, checked against what was read, that saves the session,
// queues the replies, writes the counters and cases and marks the update done. A failure before
// the commit leaves nothing behind, and the webhook answers 503 so Telegram retries.
type Processor struct {
	// Cases stores referral cases in the same transaction as the step that creates them; nil
	// when referrals are not set up (then no step produces one).
	Cases CaseStore
	// Attribution counts what users do per centre and link, and Subscriptions keeps the
	// subscriber list, both in the same transaction as the step; nil when outreach is not set up.
	Attribution   Attribution
	Subscriptions Subscriptions

	rdb         redis.UniversalClient
	deps        dialogs.Deps
	botUsername string
	logger      *slog.Logger
	now         func() time.Time
	// Reports is the memory of reported scams: consented referrals and confirmed cases are
	// counted in it, counsellors' marks written to it, and /forget unlinks the user from it.
	// Nil when it is not set up.
	Reports ReportStore
	// Lookups, when set, looks up a text's earlier scam reports in the step's first round trip
	// instead of one of its own when the dialog checks it (issue 16). It must use the
	// processor's Redis client, and answer as the dialogs' Reports does; *indicators.Store does.
	Lookups ReportLookups
	// Limits bound each user's use; the zero value means no limits.
	Limits Limits
	// BacklogMax caps the replies waiting to be sent in one shard (outbox.Backlog of the user's
	// shard): from it on, the shard's new updates are refused with webhook.ErrUnavailable (503),
	// and Telegram sends them again later. 0: no cap.
	BacklogMax int64
	// Wait, when set, holds each commit until replicas have it (see ReplicaWait).
	Wait ReplicaWait
	// Shards is the deployment's key layout: a user's keys, and the streams an update of theirs
	// writes to, are in their shard. The zero value has shards.Default shards.
	Shards shards.Ring
	// OnBacklogFull, when set, is told of each update refused because the backlog was full.
	OnBacklogFull func()
	// Decisions, when set, is told after each committed step of every decision a counsellor
	// made on a held case with /review, for the audit log.
	Decisions Decisions
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
	Get(ctx context.Context, id string) (referrals.Case, bool, error)
	AddCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case) error
	ConfirmCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case, targets []string) error
	DismissCmds(ctx context.Context, p redis.Pipeliner, c referrals.Case) error
	UserCases(ctx context.Context, userID int64) ([]string, error)
	// Key is the Redis key of case id, which a decision WATCHes.
	Key(id string) string
	ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, caseIDs []string)
}

// ReportLookups queues a text's scam-report lookup on a pipeline; *indicators.Store satisfies it.
type ReportLookups interface {
	Queue(ctx context.Context, p redis.Pipeliner, text string) *indicators.Pending
}

// ReportStore is what the processor writes to the memory of reported scams. Every call is
// idempotent: a step retried after a failure counts nothing twice.
type ReportStore interface {
	Record(ctx context.Context, r indicators.Report) error
	MarkFalse(ctx context.Context, text string, by int64, undo bool) ([]indicators.Marked, error)
	Forget(ctx context.Context, userID int64) error
}

// Attribution is what the processor writes and reads of the counts per centre and link;
// *outreach.Stats satisfies it.
type Attribution interface {
	RecordCmds(ctx context.Context, p redis.Pipeliner, src outreach.Source, ev outreach.Event, userID int64, now time.Time)
	// UserLinks lists, before the transaction that forgets the user, the IDs of the links whose
	// attribution names them.
	UserLinks(ctx context.Context, userID int64) ([]string, error)
	// ForgetUserCmds removes what attribution keeps that names the user: their record of the
	// links they came through, and them from the users of each link in linkIDs.
	ForgetUserCmds(ctx context.Context, p redis.Pipeliner, userID int64, linkIDs []string)
}

// Subscriptions is what the processor writes of the subscriber list; *outreach.Subscribers
// satisfies it.
type Subscriptions interface {
	SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang, mrc string, now time.Time)
	UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64)
}

// doneKey marks an update as processed, in the shard of the user it is from.
func doneKey(sh shards.Shard, id int64) string { return sh.Key("update:" + strconv.FormatInt(id, 10)) }

// shardOf is the shard an input is stepped in: its user's. An update from nobody (a channel
// post, say, which only gets its done marker) goes by the chat, or else by the update id.
func (p *Processor) shardOf(in dialogs.Input, fallback int64) shards.Shard {
	switch {
	case in.UserID != 0:
		return p.Shards.Of(in.UserID)
	case in.ChatID != 0:
		return p.Shards.Of(in.ChatID)
	}
	return p.Shards.Of(fallback)
}

// errFlood ends an update from a user over the per-minute update limit.
var errFlood = errors.New("over the update limit")

// errDuplicate ends a transaction for an update processed before.
var errDuplicate = errors.New("duplicate update")

// Process implements webhook.Processor.
func (p *Processor) Process(ctx context.Context, u *models.Update) error {
	in, ok := Decode(u, p.botUsername)
	sh := p.shardOf(in, u.ID)
	err := p.step(ctx, stepRun{in: in, ok: ok, sh: sh, done: doneKey(sh, u.ID), jobID: strconv.FormatInt(u.ID, 10), fromUser: true})
	switch {
	case errors.Is(err, errFlood):
		p.logger.Debug("update over the per-user limit ignored", "update_id", u.ID)
		return nil
	case errors.Is(err, errDuplicate):
		p.logger.Debug("duplicate update", "update_id", u.ID)
		return nil
	case errors.Is(err, errBacklog):
		if p.OnBacklogFull != nil {
			p.OnBacklogFull()
		}
		return fmt.Errorf("update %d: %w: %w", u.ID, webhook.ErrUnavailable, err)
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
	// sh is the shard of the input's user: every key the step's commit writes is in it.
	sh shards.Shard
	// done is the key that marks the input processed; jobID names the jobs the step queues.
	done, jobID string
	// fromUser: the input is the user's own update, so the per-user limits and the backlog cap apply.
	fromUser bool
	// after adds commands to the step's transaction (a job's acknowledgement).
	after func(pipe redis.Pipeliner)
}

// step runs the dialog on one input and commits its effects once. It returns errDuplicate for
// an input processed before, errFlood for an update over the per-user limit and errBacklog for
// one refused while the replies backlog is full.
func (p *Processor) step(ctx context.Context, r stepRun) error {
	var err error
	for attempt := range maxTxAttempts {
		if attempt > 0 {
			// Another replica stepped this user, or answered this update, meanwhile: step
			// again, after a random pause that grows with the attempts, so that updates of one
			// user that arrived together do not keep colliding.
			if err := streams.Sleep(ctx, rand.N(min(time.Millisecond<<attempt, 50*time.Millisecond))); err != nil {
				return err
			}
		}
		var pl *plan
		if pl, err = p.plan(ctx, r); err != nil {
			return err
		}
		if err = p.writeReports(ctx, pl.in, pl.outs); err != nil {
			return err
		}
		decided, err := p.applyElsewhere(ctx, pl)
		p.tellDecisions(ctx, pl.in, decided)
		if errors.Is(err, referrals.ErrNotHeld) {
			// Decided by someone else since the dialog looked: step again, and the dialog says so.
			err = redis.TxFailedErr
			continue
		}
		if err != nil {
			return err
		}
		// The commit's commands are collected on a pipeline that is never executed, then sent
		// in one round trip (apply).
		rec := p.rdb.Pipeline()
		if err = p.commit(ctx, rec, pl); err != nil {
			return err
		}
		if err = p.apply(ctx, pl.read, rec.Cmds()); err == nil {
			if p.OnStep != nil {
				p.OnStep(pl.stepTime, pl.risks)
			}
			return nil
		}
		if !errors.Is(err, redis.TxFailedErr) {
			return err
		}
	}
	return err
}

// Decisions is told of counsellors' decisions made in the bot; accounts.BotDecisions is one.
type Decisions interface {
	Decided(ctx context.Context, counsellor int64, caseID string, confirm bool) error
}

// tellDecisions passes a committed step's decisions on held cases to Decisions. The decision is
// made and the reporter told by then, so a failure here is logged, not the update's.
func (p *Processor) tellDecisions(ctx context.Context, in dialogs.Input, outs []dialogs.Output) {
	if p.Decisions == nil {
		return
	}
	for _, o := range outs {
		if (o.Kind == dialogs.ConfirmCase || o.Kind == dialogs.DismissCase) && o.Case != nil {
			if err := p.Decisions.Decided(ctx, in.UserID, o.Case.ID, o.Kind == dialogs.ConfirmCase); err != nil {
				p.logger.Warn("a counsellor's decision was not written to the audit log", "case", o.Case.ID, "err", err)
			}
		}
	}
}

// has says whether a step produced an output of kind k.
func has(outs []dialogs.Output, k dialogs.OutputKind) bool {
	return slices.ContainsFunc(outs, func(o dialogs.Output) bool { return o.Kind == k })
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
