package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/shards"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// inputDoneKey marks an input of another channel as processed, in its user's shard; key is the
// channel's own (whatsapp.MessageKey: "wa:" and a digest of the message id).
func inputDoneKey(sh shards.Shard, key string) string { return sh.Key("done:" + key) }

// ProcessInput steps one input of a channel other than Telegram (WhatsApp) exactly once, with the
// same limits, backlog cap and single commit as a Telegram update: the channel decodes its
// message into in (whose chat and user ids name the channel, see outbox.ChannelOf), and key
// names the message for good, so that a delivery of it again is answered with nothing. Errors
// wrap webhook.ErrUnavailable: nothing was written, and the channel should deliver it again.
func (p *Processor) ProcessInput(ctx context.Context, key string, in dialogs.Input) error {
	if key == "" || strings.ContainsAny(key, " \n") {
		return fmt.Errorf("input key %q: not a key", key)
	}
	// The OCR job of a picture is named by the key too: unique and stable, and, unlike a
	// WhatsApp message id, not the sender's phone number.
	sh := p.shardOf(in, 0)
	err := p.step(ctx, stepRun{in: in, ok: true, sh: sh, done: inputDoneKey(sh, key), jobID: key, fromUser: true})
	switch {
	case errors.Is(err, errFlood):
		p.logger.Debug("input over the per-user limit ignored")
		return nil
	case errors.Is(err, errDuplicate):
		p.logger.Debug("duplicate input")
		return nil
	case errors.Is(err, errBacklog):
		if p.OnBacklogFull != nil {
			p.OnBacklogFull()
		}
		return fmt.Errorf("input: %w: %w", webhook.ErrUnavailable, err)
	case err != nil:
		return fmt.Errorf("input: %w: %w", webhook.ErrUnavailable, err)
	}
	return nil
}
