package console

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// Cases is what the console reads and changes of the referral cases; *referrals.Store is one.
type Cases interface {
	Review(ctx context.Context, limit int) ([]referrals.Case, error)
	Get(ctx context.Context, id string) (referrals.Case, bool, error)
	List(ctx context.Context, status referrals.Status, limit int) ([]referrals.Case, error)
	Retry(ctx context.Context, id string) error
}

// Decider commits a counsellor's decision on a held case through the bot's own path (the case
// confirmed into the outbox or dismissed, the reporter told as /review in Telegram tells them);
// *bot.Processor is one. It answers referrals.ErrNotHeld for a case no longer held.
type Decider interface {
	Decide(ctx context.Context, id string, confirm bool, review referrals.Review) (referrals.Case, error)
}

// DismissReasons are the reasons a counsellor can give for dismissing a report, as codes kept
// with the case and in the audit log, shown in the reader's language.
var DismissReasons = []string{"not_scam", "not_enough", "duplicate", "other"}

// maxNote bounds a dismissal's note.
const maxNote = 500

// reviewPage is the review queue's data.
type reviewPage struct {
	Cases   []caseView
	Reasons []string
}

// review shows the reports held for a counsellor, oldest first, each with all that would be
// shared: the ad, its signs with the words that raised them, the licences and their status on the
// register, what the reporter said happened and the contact they agreed to share.
func (s *Console) review(c *echo.Context) error {
	held, err := s.cfg.Cases.Review(c.Request().Context(), 50)
	if err != nil {
		return err
	}
	views := make([]caseView, len(held))
	for i, cs := range held {
		views[i] = newCaseView(cs)
	}
	return s.render(c, http.StatusOK, "review", view{Title: "console.review.title", Nav: "review",
		Notice: notice(c, "console.review.done_"), Data: reviewPage{Cases: views, Reasons: DismissReasons}})
}

// decide is Confirm or Dismiss on a held case.
func (s *Console) decide(confirm bool) echo.HandlerFunc {
	return func(c *echo.Context) error {
		acc := auth.AccountOf(c)
		rv := referrals.Review{By: acc.Username, At: s.now()}
		action, done := accounts.ActionConfirm, "confirmed"
		if !confirm {
			action, done = accounts.ActionDismiss, "dismissed"
			rv.Reason = c.FormValue("reason")
			if !validReason(rv.Reason) {
				return echo.ErrBadRequest
			}
			rv.Note = cut(strings.TrimSpace(c.FormValue("note")), maxNote)
		}
		cs, err := s.cfg.Decider.Decide(c.Request().Context(), c.Param("id"), confirm, rv)
		if errors.Is(err, referrals.ErrNotHeld) {
			return c.Redirect(http.StatusSeeOther, Path+"/review?done=gone")
		}
		if err != nil {
			return err
		}
		s.record(c, accounts.Entry{Action: action, Case: cs.ID, Detail: rv.Reason})
		s.log.Info("console: report decided", "case", cs.ID, "action", action)
		return c.Redirect(http.StatusSeeOther, Path+"/review?done="+done)
	}
}

func validReason(r string) bool {
	for _, ok := range DismissReasons {
		if r == ok {
			return true
		}
	}
	return false
}

// cut shortens s to at most n runes.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// notice is the message id of an action's outcome named by ?done= (prefix+done), or "" when
// there is none; only the outcomes the console redirects with are shown.
func notice(c *echo.Context, prefix string) string {
	switch d := c.QueryParam("done"); d {
	case "confirmed", "dismissed", "gone", "retried", "created", "sent", "imported", "stale":
		return prefix + d
	}
	return ""
}
