package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// commit adds every write of a planned step to pipe, walking the outputs once: the replies and
// picture jobs, the referral cases, the outreach counts, then the user's session (or, for
// /forget, the deletion of everything about them), their counters and the done marker.
func (p *Processor) commit(ctx context.Context, pipe redis.Pipeliner, pl *plan) error {
	in, now := pl.in, pl.now
	forget, checked := false, false
	for _, o := range pl.outs {
		var err error
		switch o.Kind {
		case dialogs.SendMessage:
			// Every message of a step goes to the stream of the step's shard, the one its commit
			// writes: for a private chat, the chat's own.
			err = outbox.Enqueue(ctx, pipe, pl.sh, reply(o, now))
		case dialogs.AnswerCallback:
			if outbox.ChannelOf(in.ChatID) != outbox.ChannelTelegram {
				break // only Telegram shows a spinner until a button press is answered
			}
			err = outbox.Enqueue(ctx, pipe, pl.sh, outbox.Outgoing{ChatID: in.ChatID, CallbackID: o.CallbackID, Text: o.Text, Kind: outbox.Reply, Enqueued: now})
		case dialogs.ReadImage:
			// A picture counts as a check when it is queued, so a user cannot fill the OCR
			// queue; its verdict, which comes from a job, is not counted again.
			checked = true
			err = EnqueueOCR(ctx, pipe, pl.sh, newOCRJob(pl.jobID, in, o, now))
		case dialogs.Checked:
			checked = true
			p.record(ctx, pipe, pl, outreach.EventCheck)
			if o.Risk == redflags.High {
				p.record(ctx, pipe, pl, outreach.EventHigh)
			}
		case dialogs.Refer:
			err = p.caseCmds(ctx, pipe, o)
			p.record(ctx, pipe, pl, outreach.EventReport)
		case dialogs.Attribute:
			if p.Attribution != nil && o.Source != nil {
				p.Attribution.RecordCmds(ctx, pipe, *o.Source, o.Event, in.UserID, now)
			}
		case dialogs.Subscribe, dialogs.Unsubscribe:
			if p.local(pl, in.ChatID) {
				p.subscriptionCmds(ctx, pipe, pl, o.Kind)
			}
		case dialogs.ForgetUser:
			forget = true
			p.forgetCmds(ctx, pipe, pl)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case !pl.ok:
	case forget:
		// The session, the blocked marker and the counters name the user too.
		extra := []string{usageKey(p.Shards, in.UserID)}
		if p.local(pl, in.ChatID) {
			extra = append(extra, outbox.BlockedKey(p.Shards, in.ChatID))
		}
		dialogs.Forget(ctx, pipe, p.Shards, in.UserID, extra...)
	default:
		if err := dialogs.Save(ctx, pipe, p.Shards, in.UserID, pl.read.stored, pl.session); err != nil {
			return err
		}
		if pl.read.blocked {
			// Whoever writes to the bot has not blocked it (any more).
			pipe.Del(ctx, outbox.BlockedKey(p.Shards, in.ChatID))
		}
		if pl.count {
			pl.read.use.count(ctx, pipe, p.Shards, in.UserID, checked)
		}
	}
	if pl.after != nil {
		pl.after(pipe)
	}
	pipe.Set(ctx, pl.done, 1, DoneTTL)
	return nil
}

// local says whether the keys of a chat are in the step's shard: always for a private chat, whose
// id is its user's; a group's may be elsewhere.
func (p *Processor) local(pl *plan, chatID int64) bool { return p.Shards.Of(chatID) == pl.sh }

// subscriptionCmds subscribes the step's chat (in the language of the session or else of the
// user's Telegram, for the centre they came through) or unsubscribes it.
func (p *Processor) subscriptionCmds(ctx context.Context, pipe redis.Pipeliner, pl *plan, kind dialogs.OutputKind) {
	if p.Subscriptions == nil {
		return
	}
	if kind == dialogs.Unsubscribe {
		p.Subscriptions.UnsubscribeCmds(ctx, pipe, pl.in.ChatID)
		return
	}
	lang, mrc := string(pl.session.Lang), ""
	if lang == "" {
		lang = string(locales.Parse(pl.in.LanguageCode))
	}
	if pl.session.Source != nil {
		mrc = pl.session.Source.MRC
	}
	p.Subscriptions.SubscribeCmds(ctx, pipe, pl.in.ChatID, lang, mrc, pl.now)
}

// applyElsewhere writes, before the step's commit, what the step does outside its user's shard,
// which Redis Cluster cannot put in the commit's transaction: a counsellor's decision on a held
// case (in the reporter's shard, with the reporter's notice, under WATCH of the case, so that
// two counsellors deciding at once decide once), and the subscription of a group chat whose id
// falls in another shard. Each is idempotent or checked, so a step stepped again after a
// conflict does no harm: a case decided already is not held any more, and the dialog, stepped
// again, says so (referrals.ErrNotHeld asks for that). The decisions applied are returned for
// the audit log and leave the outputs the commit writes.
func (p *Processor) applyElsewhere(ctx context.Context, pl *plan) ([]dialogs.Output, error) {
	var keep, decided []dialogs.Output
	for i := 0; i < len(pl.outs); i++ {
		o := pl.outs[i]
		switch {
		case (o.Kind == dialogs.ConfirmCase || o.Kind == dialogs.DismissCase) && o.Case != nil:
			group := []dialogs.Output{o}
			if next := i + 1; next < len(pl.outs) && pl.outs[next].Kind == dialogs.SendMessage && pl.outs[next].ChatID == o.Case.ChatID {
				group = append(group, pl.outs[next]) // dialogs.Decide: the reporter's notice follows
				i++
			}
			if _, err := p.commitDecision(ctx, o.Case.ID, func(referrals.Case) ([]dialogs.Output, error) { return group, nil }); err != nil {
				return decided, err
			}
			decided = append(decided, o)
		case (o.Kind == dialogs.Subscribe || o.Kind == dialogs.Unsubscribe) && !p.local(pl, pl.in.ChatID):
			if p.Subscriptions != nil {
				if _, err := p.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
					p.subscriptionCmds(ctx, pipe, pl, o.Kind)
					return nil
				}); err != nil {
					return decided, fmt.Errorf("subscription: %w", err)
				}
			}
		default:
			keep = append(keep, o)
		}
	}
	pl.outs = keep
	return decided, nil
}

// record counts an event of the step for the centre the user came through.
func (p *Processor) record(ctx context.Context, pipe redis.Pipeliner, pl *plan, ev outreach.Event) {
	if p.Attribution != nil && pl.session.Source != nil {
		p.Attribution.RecordCmds(ctx, pipe, *pl.session.Source, ev, pl.in.UserID, pl.now)
	}
}

// caseCmds writes a referral case the step created or decided.
func (p *Processor) caseCmds(ctx context.Context, pipe redis.Pipeliner, o dialogs.Output) error {
	if o.Case == nil {
		return nil
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
	return nil
}

// forgetCmds deletes what /forget found beyond the user's own keys: their cases, their queued
// pictures (a worker already reading one finds it gone and does not answer), their outreach
// records, and the chat from the subscribers (a group chat only when it is in the user's shard:
// a group's subscription is the group's, and /unsubscribe there ends it).
func (p *Processor) forgetCmds(ctx context.Context, pipe redis.Pipeliner, pl *plan) {
	f := pl.forgetting
	if p.Cases != nil {
		p.Cases.ForgetCmds(ctx, pipe, pl.in.UserID, f.cases)
	}
	withdrawOCRJobs(ctx, pipe, pl.sh, f.ocrJobs)
	if p.Subscriptions != nil && p.local(pl, pl.in.ChatID) {
		p.Subscriptions.UnsubscribeCmds(ctx, pipe, pl.in.ChatID)
	}
	if p.Attribution != nil {
		p.Attribution.ForgetUserCmds(ctx, pipe, pl.in.UserID, f.links)
	}
}

// reply is the message a SendMessage output queues: the output as the outbox carries it (its
// channel-neutral buttons and keyboard, and the notice a template needs on WhatsApp), queued now
// as a reply.
func reply(o dialogs.Output, now time.Time) outbox.Outgoing {
	out := o.Outgoing()
	out.Kind, out.Enqueued = outbox.Reply, now
	return out
}

// commitScript applies a step's writes if the keys it read are as they were. KEYS are the keys
// read (reading.keys); ARGV[1] is their version (see version), then each command as its number
// of arguments followed by its arguments. It returns 0, writing nothing, when a key changed.
// Like EXEC, a command that fails does not stop the others; the first error is returned.
var commitScript = redis.NewScript(`
local vals = redis.call('MGET', unpack(KEYS))
local parts = {}
for i = 1, #KEYS do
	local v = vals[i]
	if v then parts[i] = #v .. ':' .. v else parts[i] = '_' end
end
if redis.sha1hex(table.concat(parts)) ~= ARGV[1] then
	return 0
end
local i, failed = 2, nil
while i <= #ARGV do
	local n = tonumber(ARGV[i])
	local res = redis.pcall(unpack(ARGV, i + 1, i + n))
	if type(res) == 'table' and res.err and not failed then
		failed = res.err
	end
	i = i + n + 1
end
if failed then
	return redis.error_reply(failed)
end
return 1
`)

// apply runs a step's writes, cmds, atomically, provided the keys read are unchanged. It
// returns redis.TxFailedErr when one changed: the caller steps the update again.
//
// One EVALSHA does it: one round trip, and the version check and the writes are one atomic
// unit. Redis does not let a script run another script, so a commit holding one (the outreach
// scripts, on a /start through a counsellor's link, a subscription or a /forget) is a
// WATCH/MULTI/EXEC instead, checked against the same version, at four round trips. No WATCH is
// held across the dialog step: its register lookups need connections of their own, and a
// WATCHed connection held meanwhile starved the pool under load.
func (p *Processor) apply(ctx context.Context, rd reading, cmds []redis.Cmder) error {
	if !scriptable(cmds) {
		return p.rdb.Watch(ctx, func(tx *redis.Tx) error {
			vals, err := tx.MGet(ctx, rd.keys...).Result()
			if err != nil {
				return err
			}
			now := make([]string, len(vals))
			present := make([]bool, len(vals))
			for i, v := range vals {
				now[i], present[i] = v.(string)
			}
			if version(now, present) != rd.version {
				return redis.TxFailedErr
			}
			if _, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error { return pipe.BatchProcess(ctx, cmds...) }); err != nil {
				return err
			}
			return p.Wait.await(ctx, tx) // on the connection that wrote
		}, rd.keys...)
	}
	args := []any{rd.version}
	for _, c := range cmds {
		a := c.Args()
		args = append(args, len(a))
		args = append(args, a...)
	}
	var ok int
	var err error
	if p.Wait.Replicas > 0 {
		ok, err = p.commitReplicated(ctx, rd.keys, args)
	} else {
		ok, err = commitScript.Run(ctx, p.rdb, rd.keys, args...).Int()
	}
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if ok == 0 {
		return redis.TxFailedErr
	}
	return nil
}

// ReplicaWait makes each commit wait until Replicas replicas of the primary that took it have it
// too (Redis WAIT), for up to Timeout. Redis replicates asynchronously: without it, a commit the
// primary acknowledged can vanish when the primary dies before passing it on and a replica is
// promoted. With it, an update is answered 200 only once its commit is on Replicas replicas; one
// that is not in time is answered 503 (errNotReplicated), and the retry either finds it done or,
// if it was lost with the primary, steps it again: nothing acknowledged is lost to a failover,
// at the cost of a replication round trip per update. The zero value waits for nothing.
type ReplicaWait struct {
	Replicas int
	Timeout  time.Duration
}

// errNotReplicated fails an update whose commit did not reach the replicas ReplicaWait asks for.
var errNotReplicated = errors.New("the commit did not reach enough replicas in time")

// processor is a connection, transaction or pipeline a command can be run on.
type processor interface {
	Process(ctx context.Context, cmd redis.Cmder) error
}

// cmd is the WAIT command.
func (w ReplicaWait) cmd(ctx context.Context) *redis.IntCmd {
	return redis.NewIntCmd(ctx, "wait", w.Replicas, w.Timeout.Milliseconds())
}

// check reads the answer of a WAIT.
func (w ReplicaWait) check(c *redis.IntCmd) error {
	n, err := c.Result()
	if err != nil {
		return fmt.Errorf("wait for replicas: %w", err)
	}
	if n < int64(w.Replicas) {
		return fmt.Errorf("%w: %d of %d replicas", errNotReplicated, n, w.Replicas)
	}
	return nil
}

// await runs WAIT on c, which must be the connection that wrote (WAIT counts that connection's
// writes), and returns errNotReplicated if fewer replicas than asked have them.
func (w ReplicaWait) await(ctx context.Context, c processor) error {
	if w.Replicas <= 0 {
		return nil
	}
	cmd := w.cmd(ctx)
	_ = c.Process(ctx, cmd)
	return w.check(cmd)
}

// commitReplicated runs the commit script and WAIT on one connection to the primary of the
// step's slot, in one round trip. A pooled client would send WAIT on whichever connection is free,
// and a cluster client to a random primary, where it would count other writes.
func (p *Processor) commitReplicated(ctx context.Context, keys []string, args []any) (int, error) {
	var node *redis.Client
	switch c := p.rdb.(type) {
	case *redis.ClusterClient:
		var err error
		if node, err = c.MasterForKey(ctx, keys[0]); err != nil {
			return 0, fmt.Errorf("find the primary: %w", err)
		}
	case *redis.Client:
		node = c
	default:
		return 0, fmt.Errorf("waiting for replicas needs a one-node, Sentinel or Cluster client, not %T", p.rdb)
	}
	conn := node.Conn()
	defer conn.Close()
	run := func(eval func(pipe redis.Pipeliner) *redis.Cmd) (*redis.Cmd, *redis.IntCmd) {
		var res *redis.Cmd
		wait := p.Wait.cmd(ctx)
		_, _ = conn.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			res = eval(pipe)
			return pipe.Process(ctx, wait)
		})
		return res, wait
	}
	res, wait := run(func(pipe redis.Pipeliner) *redis.Cmd { return commitScript.EvalSha(ctx, pipe, keys, args...) })
	if redis.HasErrorPrefix(res.Err(), "NOSCRIPT") {
		res, wait = run(func(pipe redis.Pipeliner) *redis.Cmd { return commitScript.Eval(ctx, pipe, keys, args...) })
	}
	ok, err := res.Int()
	if err != nil || ok == 0 {
		return ok, err
	}
	// The script wrote: the replicas must have it too.
	return ok, p.Wait.check(wait)
}

// scriptable says whether a script can run every command (a script cannot run a script).
func scriptable(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		switch strings.ToLower(c.Name()) {
		case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
			return false
		}
	}
	return true
}
