package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/outreach"
)

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
	waQR := fs.String("whatsapp-qr", "", "write the QR code of the wa.me link to this PNG file")
	username := fs.String("telegram-bot-username", env.getenv("TELEGRAM_BOT_USERNAME"), "the bot's username (TELEGRAM_BOT_USERNAME)")
	waNumber := fs.String("whatsapp-number", env.getenv("WHATSAPP_NUMBER"), "the WhatsApp business number, for a wa.me link too (WHATSAPP_NUMBER)")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if *username == "" {
		return fmt.Errorf("%w: links new needs the bot's username: set TELEGRAM_BOT_USERNAME", errUsage)
	}
	if *waQR != "" && *waNumber == "" {
		return fmt.Errorf("%w: --whatsapp-qr needs the WhatsApp number: set WHATSAPP_NUMBER", errUsage)
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	l, err := outreach.NewLinks(rdb).Create(ctx, *mrc, *label, *licence)
	if err != nil {
		return err
	}
	url := outreach.LinkURL(strings.TrimPrefix(*username, "@"), l)
	fmt.Fprintf(stdout, "Link %s for %s (%s): %s\n", l.ID, l.MRC, l.Label, url)
	if *qr != "" {
		png, err := outreach.QRPNG(url, 1024)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*qr, png, 0o644); err != nil {
			return fmt.Errorf("write QR: %w", err)
		}
		fmt.Fprintf(stdout, "QR code written to %s\n", *qr)
	}
	if *waNumber == "" {
		return nil
	}
	waURL := outreach.WhatsAppLinkURL(*waNumber, l)
	fmt.Fprintf(stdout, "WhatsApp: %s\n", waURL)
	if *waQR != "" {
		png, err := outreach.QRPNG(waURL, 1024)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*waQR, png, 0o644); err != nil {
			return fmt.Errorf("write WhatsApp QR: %w", err)
		}
		fmt.Fprintf(stdout, "WhatsApp QR code written to %s\n", *waQR)
	}
	return nil
}

// runCampaign is `tasdeeq campaign send FILE.toml`: it queues the campaign and shows progress
// until every subscriber's message is queued (a running serve sends them).
func runCampaign(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) != 2 || args[0] != "send" {
		return fmt.Errorf("%w: campaign send FILE.toml", errUsage)
	}
	text, mrc, err := outreach.LoadCampaignFile(args[1])
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	defer closeRedis()
	ring, err := storedRing(ctx, rdb, env)
	if err != nil {
		return err
	}
	b := outreach.NewBroadcaster(rdb, outreach.NewSubscribers(rdb, outreach.WithShards(ring)))
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
		if streams.Sleep(ctx, 200*time.Millisecond) != nil {
			fmt.Fprintln(stdout, "\nStopped; the campaign resumes where it stopped when serve or this command runs again.")
			return nil
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
