package accounts

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// AuditStream is the Redis stream of the audit log, newest last, under a hash tag of its own
// (it is written alone, never with an account). It is trimmed to about auditKeep entries: years
// of a team's work, and a bounded key.
const (
	AuditStream = "tasdeeq:{audit}:log"
	auditKeep   = 100_000
)

// Actions written to the audit log.
const (
	ActionLogin          = "login"
	ActionLoginRefused   = "login_refused" // a wrong password for an existing account
	ActionLogout         = "logout"
	ActionConfirm        = "review_confirm"
	ActionDismiss        = "review_dismiss"
	ActionRetry          = "case_retry"
	ActionLinkCreate     = "link_create"
	ActionCampaignSend   = "campaign_send"
	ActionRegisterImport = "register_import"
	ActionAccountAdd     = "account_add"
	ActionAccountDisable = "account_disable"
	ActionAccountEnable  = "account_enable"
	ActionPassword       = "account_password"
	ActionTelegramLink   = "account_telegram"
)

// Entry is one line of the audit log: who did what, when, to which case (or link, campaign,
// account), and a short detail such as a dismissal's reason. Who is an account's username, or
// "cli" for the command line; never a reporter.
type Entry struct {
	At     time.Time
	Who    string
	Action string
	Case   string // a case id, when the action was on a case
	Object string // a link, campaign, account or register version, when it was on one
	Detail string
}

// Audit is the audit log in Redis. It is safe for concurrent use.
type Audit struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// NewAudit returns the audit log kept in rdb; now is its clock (nil: time.Now).
func NewAudit(rdb redis.UniversalClient, now func() time.Time) *Audit {
	if now == nil {
		now = time.Now
	}
	return &Audit{rdb: rdb, now: now}
}

// Record appends an entry; a zero At is now.
func (a *Audit) Record(ctx context.Context, e Entry) error {
	if e.At.IsZero() {
		e.At = a.now()
	}
	err := a.rdb.XAdd(ctx, &redis.XAddArgs{
		Stream: AuditStream, MaxLen: auditKeep, Approx: true,
		Values: []any{"at", e.At.UTC().Format(time.RFC3339Nano), "who", e.Who, "action", e.Action,
			"case", e.Case, "object", e.Object, "detail", e.Detail},
	}).Err()
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Recent returns up to limit entries, newest first, optionally only those of one account or
// about one case.
func (a *Audit) Recent(ctx context.Context, limit int, who, caseID string) ([]Entry, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []Entry
	end := "+"
	for len(out) < limit {
		msgs, err := a.rdb.XRevRangeN(ctx, AuditStream, end, "-", 500).Result()
		if err != nil {
			return nil, fmt.Errorf("read the audit log: %w", err)
		}
		for _, m := range msgs {
			e := decodeEntry(m.Values)
			if (who == "" || e.Who == who) && (caseID == "" || e.Case == caseID) && len(out) < limit {
				out = append(out, e)
			}
		}
		if len(msgs) < 500 {
			break
		}
		end = "(" + msgs[len(msgs)-1].ID
	}
	return out, nil
}

func decodeEntry(v map[string]any) Entry {
	s := func(k string) string { str, _ := v[k].(string); return str }
	e := Entry{Who: s("who"), Action: s("action"), Case: s("case"), Object: s("object"), Detail: s("detail")}
	e.At, _ = time.Parse(time.RFC3339Nano, s("at"))
	return e
}
