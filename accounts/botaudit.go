package accounts

import (
	"context"
	"fmt"
)

// BotDecisions writes to the audit log the decisions counsellors make with /review in the bot, so
// that the log shows every decision whichever way it was made: under the console account linked
// to the counsellor's Telegram user (one identity for both), or as "telegram:<id>" for a
// counsellor of TASDEEQ_COUNSELLORS without an account. The id is the counsellor's own, never a
// reporter's.
type BotDecisions struct {
	Accounts *Store
	Audit    *Audit
}

// Decided records one decision on a held case.
func (d BotDecisions) Decided(ctx context.Context, telegramID int64, caseID string, confirm bool) error {
	who := fmt.Sprintf("telegram:%d", telegramID)
	a, ok, err := d.Accounts.ByTelegram(ctx, telegramID)
	if err != nil {
		return err
	}
	if ok {
		who = a.Username
	}
	action := ActionDismiss
	if confirm {
		action = ActionConfirm
	}
	return d.Audit.Record(ctx, Entry{Who: who, Action: action, Case: caseID, Object: "telegram"})
}
