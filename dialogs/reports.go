package dialogs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// Reports is the part of the reported-scam memory the dialogs read: what a user's text matches,
// and, for counsellors only, what a text holds and how often it was reported.
type Reports interface {
	Match(ctx context.Context, text string) ([]redflags.Flag, error)
	Inspect(ctx context.Context, text string) ([]indicators.Marked, error)
}

// Mark is a counsellor's "not a scam" on what a text holds.
type Mark struct {
	Text string
	By   int64
	Undo bool
}

// notScam is /notscam TEXT (or /notscam undo TEXT, /notscam واپس TEXT): a counsellor marks the numbers, accounts,
// links and addresses in TEXT, and the ad it is a repost of, as not a scam, so that they stop
// counting; for a real agency's office number that scammers quoted, say. Users get the answer
// to an unknown command: the bot must not become a way to look up who was reported.
func (c *conv) notScam(args string) error {
	if !c.counsellorCommand(c.deps.Reports != nil) {
		return nil
	}
	args = strings.TrimSpace(args)
	undo := false
	for _, word := range []string{"undo", "واپس"} {
		if rest, ok := strings.CutPrefix(args, word); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\n') {
			undo, args = true, strings.TrimSpace(rest)
		}
	}
	if args == "" {
		c.say(c.t("notscam.usage", nil), nil)
		return nil
	}
	found, err := c.deps.Reports.Inspect(c.ctx, args)
	if err != nil {
		return fmt.Errorf("inspect reports: %w", err)
	}
	if len(found) == 0 {
		c.say(c.t("notscam.nothing", nil), nil)
		return nil
	}
	var b strings.Builder
	if undo {
		b.WriteString(c.t("notscam.undone", nil))
	} else {
		b.WriteString(c.t("notscam.done", nil))
	}
	for _, m := range found {
		what := c.t("indicator."+string(m.Kind), nil)
		if m.Evidence != "" {
			what += " " + quote(oneLine(m.Evidence))
		}
		b.WriteString("\n• " + c.t("notscam.item", map[string]any{"What": what, "Count": m.Reports}))
	}
	c.out = append(c.out, Output{Kind: MarkNotScam, ChatID: c.in.ChatID, Mark: &Mark{Text: args, By: c.in.UserID, Undo: undo}})
	c.say(b.String(), nil)
	return nil
}

// renderReports explains the REPORTED_BEFORE flags of a verdict: how many people reported the
// ad, or a number, account, link or address in it, and since when. It never names anything the
// user did not send.
func renderReports(b *locales.Bundle, lang locales.Lang, flags []redflags.Flag) string {
	var s strings.Builder
	for _, f := range flags {
		r := f.Reports
		if f.Code != redflags.ReportedBefore || r == nil {
			continue
		}
		data := map[string]any{"Count": r.Count, "Since": Date(b, lang, r.Since), "Evidence": quote(oneLine(f.Evidence))}
		fmt.Fprintf(&s, "  %s", b.T(lang, "reported."+r.Indicator, data))
		if r.Confirmed > 0 {
			s.WriteString(" " + b.T(lang, "reported.confirmed", map[string]any{"Count": r.Confirmed}))
		}
		if !r.Established {
			s.WriteString(" " + b.T(lang, "reported.few", nil))
		}
		s.WriteString("\n")
	}
	return s.String()
}

// Date is a day written out for people with little schooling: "2 November 2026", "2 نومبر 2026".
func Date(b *locales.Bundle, lang locales.Lang, t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), b.T(lang, fmt.Sprintf("month.%d", int(t.Month())), nil), t.Year())
}
