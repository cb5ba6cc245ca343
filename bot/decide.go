package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// Decide commits a counsellor's decision on a held case made outside a Telegram update (in the
// web console), through the same path as the bot's /review buttons: dialogs.Decide makes the
// outputs, and they are written as a step's are (the case confirmed into the outbox or dismissed,
// a confirmed report counted, the reporter told in their language), in one transaction under
// WATCH of the case, so that two counsellors deciding at once decide once. A case that is not
// held (any more) is referrals.ErrNotHeld.
func (p *Processor) Decide(ctx context.Context, id string, confirm bool, review referrals.Review) (referrals.Case, error) {
	if p.Cases == nil {
		return referrals.Case{}, errors.New("decide: no case store is configured")
	}
	id = referrals.NormalizeID(id)
	if id == "" {
		return referrals.Case{}, referrals.ErrNotHeld
	}
	return p.commitDecision(ctx, id, func(cs referrals.Case) ([]dialogs.Output, error) {
		cs.Review = &review
		outs := dialogs.Decide(p.deps, cs, confirm)
		// Counting a confirmed report is idempotent and outside the transaction, as in a step.
		if err := p.writeReports(ctx, dialogs.Input{}, outs); err != nil {
			return nil, err
		}
		return outs, nil
	})
}

// commitDecision writes a decision on held case id: decide is given the case as stored and
// returns the outputs of the decision (a ConfirmCase or DismissCase, and the reporter's notice),
// which are written in one transaction under WATCH of the case, after the case is checked to be
// still held (referrals.ErrNotHeld if not). Everything it writes is in the case's shard, the
// reporter's, so the transaction is one slot's on Redis Cluster too.
func (p *Processor) commitDecision(ctx context.Context, id string, decide func(referrals.Case) ([]dialogs.Output, error)) (referrals.Case, error) {
	if p.Cases == nil {
		return referrals.Case{}, errors.New("decide: no case store is configured")
	}
	var decided referrals.Case
	txf := func(tx *redis.Tx) error {
		cs, ok, err := p.Cases.Get(ctx, id)
		if err != nil {
			return err
		}
		if !ok || cs.Status != referrals.StatusReview {
			return referrals.ErrNotHeld
		}
		outs, err := decide(cs)
		if err != nil {
			return err
		}
		now := p.now()
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			for _, o := range outs {
				switch o.Kind {
				case dialogs.ConfirmCase, dialogs.DismissCase:
					decided = *o.Case
					if err := p.caseCmds(ctx, pipe, o); err != nil {
						return err
					}
				case dialogs.SendMessage:
					// The case's shard, which its id names: the reporter's for every case made
					// since cases were sharded, so the notice keeps its place among their replies.
					if err := outbox.Enqueue(ctx, pipe, p.Shards.OfString(cs.ID), reply(o, now)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		return err
	}
	for range maxTxAttempts {
		err := p.rdb.Watch(ctx, txf, p.Cases.Key(id))
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return referrals.Case{}, fmt.Errorf("decide case %s: %w", id, err)
		}
		return decided, nil
	}
	return referrals.Case{}, fmt.Errorf("decide case %s: %w", id, redis.TxFailedErr)
}
