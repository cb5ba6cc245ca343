package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/campaigns"
	"github.com/tasdeeq/tasdeeq/dialogs"
)

// outreach adapts the campaigns package to what the dialogs and the processor need; the
// dialogs cannot import campaigns, which queues through the bot.
type outreach struct {
	links    *campaigns.Links
	stats    *campaigns.Stats
	subs     *campaigns.Subscribers
	username func() string
}

func newOutreach(rdb redis.UniversalClient, username func() string) *outreach {
	return &outreach{links: campaigns.NewLinks(rdb), stats: campaigns.NewStats(rdb), subs: campaigns.NewSubscribers(rdb), username: username}
}

func (o *outreach) dialogLink(l campaigns.Link) dialogs.Link {
	return dialogs.Link{ID: l.ID, MRC: l.MRC, Label: l.Label, Licence: l.Licence, URL: campaigns.LinkURL(o.username(), l)}
}

// ByPayload implements dialogs.Links.
func (o *outreach) ByPayload(ctx context.Context, payload string) (dialogs.Link, bool, error) {
	l, ok, err := o.links.ByPayload(ctx, payload)
	if err != nil || !ok {
		return dialogs.Link{}, ok, err
	}
	return o.dialogLink(l), true, nil
}

// Find implements dialogs.Links.
func (o *outreach) Find(ctx context.Context, query string) ([]dialogs.Link, error) {
	ls, err := o.links.Find(ctx, query)
	if err != nil {
		return nil, err
	}
	out := make([]dialogs.Link, 0, len(ls))
	for _, l := range ls {
		out = append(out, o.dialogLink(l))
	}
	return out, nil
}

// QR implements dialogs.Links.
func (o *outreach) QR(url string) ([]byte, error) { return campaigns.QRPNG(url, 512) }

// Totals implements dialogs.Stats.
func (o *outreach) Totals(ctx context.Context, from, to time.Time) (map[string]dialogs.Counts, error) {
	by, err := o.stats.ByMRC(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]dialogs.Counts, len(by))
	for mrc, s := range by {
		out[mrc] = dialogs.Counts{Users: s.Totals.Users, Checks: s.Totals.Checks, High: s.Totals.High, Reports: s.Totals.Reports}
	}
	return out, nil
}

// RecordCmds implements bot.Outreach.
func (o *outreach) RecordCmds(ctx context.Context, p redis.Pipeliner, src dialogs.Source, ev dialogs.Event, userID int64, now time.Time) {
	o.stats.RecordCmds(ctx, p, campaigns.Source{MRC: src.MRC, LinkID: src.LinkID}, campaigns.Event(ev), userID, now)
}

// SubscribeCmds implements bot.Outreach.
func (o *outreach) SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang, mrc string, now time.Time) {
	o.subs.SubscribeCmds(ctx, p, chatID, lang, mrc, now)
}

// UnsubscribeCmds implements bot.Outreach.
func (o *outreach) UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64) {
	o.subs.UnsubscribeCmds(ctx, p, chatID)
}

// UserLinks implements bot.Outreach.
func (o *outreach) UserLinks(ctx context.Context, userID int64) ([]string, error) {
	return o.stats.UserLinks(ctx, userID)
}

// ForgetCmds implements bot.Outreach.
func (o *outreach) ForgetCmds(ctx context.Context, p redis.Pipeliner, userID int64, linkIDs []string) {
	o.stats.ForgetUserCmds(ctx, p, userID, linkIDs)
}

// runLinks is `tasdeeq links new --mrc LHR --label ... [--licence ...] [--qr FILE.png]`.
func runLinks(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "new" {
		return fmt.Errorf("%w: links needs new", errUsage)
	}
	fs := newFlags("links new")
	mrc := fs.String("mrc", "", "the centre's code, e.g. LHR")
	label := fs.String("label", "", "what the link is for, e.g. \"Job fair\"")
	licence := fs.String("licence", "", "open on this licence, e.g. 9848/LHR")
	qr := fs.String("qr", "", "write the QR code to this PNG file")
	username := fs.String("telegram-bot-username", env.getenv("TELEGRAM_BOT_USERNAME"), "the bot's username (TELEGRAM_BOT_USERNAME)")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if *username == "" {
		return fmt.Errorf("%w: links new needs the bot's username: set TELEGRAM_BOT_USERNAME", errUsage)
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	l, err := campaigns.NewLinks(rdb).Create(ctx, *mrc, *label, *licence)
	if err != nil {
		return err
	}
	url := campaigns.LinkURL(strings.TrimPrefix(*username, "@"), l)
	fmt.Fprintf(stdout, "Link %s for %s (%s): %s\n", l.ID, l.MRC, l.Label, url)
	if *qr != "" {
		png, err := campaigns.QRPNG(url, 1024)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*qr, png, 0o644); err != nil {
			return fmt.Errorf("write QR: %w", err)
		}
		fmt.Fprintf(stdout, "QR code written to %s\n", *qr)
	}
	return nil
}

// runCampaign is `tasdeeq campaign send FILE.toml`: it queues the campaign and shows progress
// until every subscriber's message is queued (a running serve sends them).
func runCampaign(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) != 2 || args[0] != "send" {
		return fmt.Errorf("%w: campaign send FILE.toml", errUsage)
	}
	text, mrc, err := campaigns.LoadCampaignFile(args[1])
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	b := campaigns.NewBroadcaster(rdb, campaigns.NewSubscribers(rdb))
	c, err := b.Create(ctx, text, mrc)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Campaign %s queued for %d subscribers.\n", c.ID, c.Total)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go b.Run(runCtx)
	for {
		cur, _, err := b.Get(ctx, c.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\r%s", progressBar(cur.Queued+cur.Blocked, cur.Total, 30))
		if cur.Done {
			fmt.Fprintf(stdout, "\nDone: %d queued, %d skipped (blocked or unsubscribed). A running `tasdeeq serve` sends them at Telegram's pace.\n", cur.Queued, cur.Blocked)
			return nil
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(stdout, "\nStopped; the campaign resumes where it stopped when serve or this command runs again.")
			return nil
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// progressBar draws [#####.....] 50% (500/1000).
func progressBar(done, total int64, width int) string {
	if total <= 0 {
		return "[" + strings.Repeat("#", width) + "] 100% (0/0)"
	}
	n := int(done * int64(width) / total)
	return fmt.Sprintf("[%s%s] %3d%% (%d/%d)", strings.Repeat("#", n), strings.Repeat(".", width-n), done*100/total, done, total)
}
