package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/locales"
)

// menuCommands are the commands shown in Telegram's menu, in this order.
var menuCommands = []string{"start", "help", "licence", "tips", "subscribe", "language", "forget"}

// runWebhook registers the webhook and the command menus in both languages.
func runWebhook(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "set" {
		return fmt.Errorf("%w: webhook needs set", errUsage)
	}
	fs := newFlags("webhook set")
	cfg, finish := loadConfig(fs, env.getenv)
	public := fs.String("url", env.getenv("TASDEEQ_PUBLIC_URL"), "public HTTPS URL of this service (TASDEEQ_PUBLIC_URL)")
	maxConn := fs.Int("max-connections", 40, "how many connections Telegram may open at once")
	if _, err := parseInterspersed(fs, args[1:]); err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	if cfg.TelegramToken == "" || cfg.WebhookSecret == "" || *public == "" {
		return fmt.Errorf("%w: webhook set needs TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET and --url", errUsage)
	}
	hook, err := webhookURL(*public)
	if err != nil {
		return err
	}
	tg, err := tgbot.New(cfg.TelegramToken, tgbot.WithServerURL(cfg.TelegramAPIURL), tgbot.WithSkipGetMe())
	if err != nil {
		return fmt.Errorf("bot api client: %w", err)
	}
	if _, err := tg.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:            hook,
		SecretToken:    cfg.WebhookSecret,
		MaxConnections: *maxConn,
		AllowedUpdates: []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery},
	}); err != nil {
		return fmt.Errorf("setWebhook: %w", err)
	}
	bundle, err := locales.New()
	if err != nil {
		return err
	}
	// English is the default menu; Telegram shows the Urdu one to users whose app is in Urdu.
	for _, l := range []struct {
		lang locales.Lang
		code string
	}{{locales.EN, ""}, {locales.UR, "ur"}} {
		var cmds []models.BotCommand
		for _, c := range menuCommands {
			cmds = append(cmds, models.BotCommand{Command: c, Description: bundle.T(l.lang, "menu."+c, nil)})
		}
		if _, err := tg.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: l.code}); err != nil {
			return fmt.Errorf("setMyCommands %s: %w", l.lang, err)
		}
	}
	fmt.Fprintf(stdout, "Webhook set to %s; command menus set in English and Urdu.\n", hook)
	return nil
}

// webhookURL adds the webhook path to a bare public URL and insists on HTTPS, which Telegram
// requires.
func webhookURL(public string) (string, error) {
	u, err := url.Parse(public)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("--url %q is not a URL", public)
	}
	if u.Scheme != "https" {
		return "", fmt.Errorf("--url %q: Telegram only calls HTTPS webhooks", public)
	}
	if strings.Trim(u.Path, "/") == "" {
		u.Path = "/telegram/webhook"
	}
	return u.String(), nil
}
