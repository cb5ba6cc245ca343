package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/sender"
	"github.com/tasdeeq/tasdeeq/whatsapp"
)

// whatsappConfig is the WhatsApp channel (issue 18): on when WHATSAPP_TOKEN and
// WHATSAPP_PHONE_NUMBER_ID are both set; off, and Telegram alone, when neither is.
type whatsappConfig struct {
	Token            string
	PhoneNumberID    string
	AppSecret        string
	VerifyToken      string
	APIURL           string
	APIVersion       string
	Number           string // the business number for wa.me links; empty: asked of the Graph API
	CaseTemplate     string
	CampaignTemplate string
	TemplateLangs    string
	languages        map[string]string
}

func (c *whatsappConfig) vars() []configVar {
	return []configVar{
		{"WHATSAPP_TOKEN", "", "WhatsApp Cloud API access token (the channel is on when this and WHATSAPP_PHONE_NUMBER_ID are set)", &c.Token},
		{"WHATSAPP_PHONE_NUMBER_ID", "", "the business phone number's id in the Cloud API", &c.PhoneNumberID},
		{"WHATSAPP_APP_SECRET", "", "the Meta app's secret, key of X-Hub-Signature-256 on POST /whatsapp/webhook (required with the channel)", &c.AppSecret},
		{"WHATSAPP_VERIFY_TOKEN", "", "the token of the GET /whatsapp/webhook verification handshake (required with the channel)", &c.VerifyToken},
		{"WHATSAPP_API_URL", whatsapp.DefaultAPIURL, "Graph API base URL", &c.APIURL},
		{"WHATSAPP_API_VERSION", whatsapp.DefaultVersion, "Graph API version", &c.APIVersion},
		{"WHATSAPP_NUMBER", "", "the business number as wa.me links want it (digits); empty: asked of the Graph API at start", &c.Number},
		{"WHATSAPP_TEMPLATE_CASE", "", "approved template for case updates outside the 24-hour window; empty: such updates are dropped and counted", &c.CaseTemplate},
		{"WHATSAPP_TEMPLATE_CAMPAIGN", "", "approved template campaigns go out as; empty: campaigns skip WhatsApp subscribers", &c.CampaignTemplate},
		{"WHATSAPP_TEMPLATE_LANGUAGES", "en=en,ur=ur", "template language code of each of Tasdeeq's languages", &c.TemplateLangs},
	}
}

// on says whether the channel is configured.
func (c *whatsappConfig) on() bool { return c.Token != "" && c.PhoneNumberID != "" }

// finish checks the settings once flags are parsed.
func (c *whatsappConfig) finish() error {
	switch {
	case c.Token == "" && c.PhoneNumberID == "":
		return nil
	case c.Token == "" || c.PhoneNumberID == "":
		return fmt.Errorf("%w: WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together (the channel is on when both are set)", errUsage)
	case c.AppSecret == "" || c.VerifyToken == "":
		return fmt.Errorf("%w: WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN are required with the WhatsApp channel", errUsage)
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if raw := strings.TrimSpace(c.Number); raw != "" {
		if c.Number = whatsapp.Digits(raw); c.Number == "" {
			return fmt.Errorf("%w: WHATSAPP_NUMBER %q is not a phone number", errUsage, raw)
		}
	}
	c.languages = map[string]string{}
	for _, pair := range strings.Split(c.TemplateLangs, ",") {
		lang, code, ok := strings.Cut(strings.TrimSpace(pair), "=")
		lang, code = strings.TrimSpace(lang), strings.TrimSpace(code)
		if !ok || (lang != "en" && lang != "ur") || code == "" {
			return fmt.Errorf("%w: WHATSAPP_TEMPLATE_LANGUAGES %q: want en=CODE,ur=CODE such as en=en_US,ur=ur", errUsage, c.TemplateLangs)
		}
		c.languages[lang] = code
	}
	return nil
}

// secrets are the settings that must never reach a log line.
func (c *whatsappConfig) secrets() []string { return []string{c.Token, c.AppSecret, c.VerifyToken} }

// whatsappChannel is the WhatsApp side of serve; a nil *whatsappChannel is the channel off, and
// every method then gives what Telegram alone needs.
type whatsappChannel struct {
	cfg     whatsappConfig
	client  *whatsapp.Client
	handler http.Handler
	number  string // for wa.me links; empty when unknown
}

// openWhatsApp builds the Cloud API client and learns the number wa.me links need. It returns nil
// when the channel is off.
func openWhatsApp(ctx context.Context, cfg whatsappConfig, bundle *locales.Bundle, registry prometheus.Registerer, transport http.RoundTripper, logger *slog.Logger) (*whatsappChannel, error) {
	if !cfg.on() {
		logger.Debug("the WhatsApp channel is off (no WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID)")
		return nil, nil
	}
	client, err := whatsapp.NewClient(whatsapp.ClientConfig{
		APIURL: cfg.APIURL, Version: cfg.APIVersion, Token: cfg.Token, PhoneNumberID: cfg.PhoneNumberID,
		Templates: whatsapp.Templates{Case: cfg.CaseTemplate, Campaign: cfg.CampaignTemplate, Languages: cfg.languages},
		Bundle:    bundle, Registry: registry,
		HTTPClient: &http.Client{Timeout: 30 * time.Second, Transport: transport},
	})
	if err != nil {
		return nil, err
	}
	ch := &whatsappChannel{cfg: cfg, client: client, number: cfg.Number}
	if ch.number == "" {
		// Only the wa.me links need it, so a failure is logged, not fatal.
		lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if ch.number, err = client.DisplayNumber(lctx); err != nil {
			logger.Warn("the WhatsApp number is unknown: set WHATSAPP_NUMBER for wa.me links", "err", err)
		}
	}
	if cfg.CampaignTemplate == "" {
		logger.Warn("no WHATSAPP_TEMPLATE_CAMPAIGN: campaigns are not sent to WhatsApp subscribers")
	}
	if cfg.CaseTemplate == "" {
		logger.Info("no WHATSAPP_TEMPLATE_CASE: case updates to WhatsApp users who have not written for 24 hours are dropped")
	}
	logger.Info("the WhatsApp channel is on", "api_version", cfg.APIVersion)
	return ch, nil
}

// serve builds the webhook handler that steps messages with p.
func (ch *whatsappChannel) serve(p *bot.Processor, registry prometheus.Registerer, logger *slog.Logger) error {
	if ch == nil {
		return nil
	}
	h, err := whatsapp.NewHandler(whatsapp.HandlerConfig{AppSecret: ch.cfg.AppSecret, VerifyToken: ch.cfg.VerifyToken,
		PhoneNumberID: ch.cfg.PhoneNumberID, Processor: p, Registry: registry, Logger: logger})
	if err != nil {
		return err
	}
	ch.handler = h
	return nil
}

// webhook is the handler of /whatsapp/webhook; nil when the channel is off.
func (ch *whatsappChannel) webhook() http.Handler {
	if ch == nil || ch.handler == nil {
		return nil // an untyped nil: the route is not registered
	}
	return ch.handler
}

// senderOptions let the sender deliver WhatsApp entries.
func (ch *whatsappChannel) senderOptions() []sender.Option {
	if ch == nil {
		return nil
	}
	return []sender.Option{sender.WithWhatsApp(ch.client)}
}

// media fetches WhatsApp users' pictures for the OCR worker; nil when the channel is off.
func (ch *whatsappChannel) media() bot.Media {
	if ch == nil {
		return nil
	}
	return ch.client
}

// waNumber is the number wa.me links open a chat with; empty when the channel is off or the
// number is unknown.
func (ch *whatsappChannel) waNumber() string {
	if ch == nil {
		return ""
	}
	return ch.number
}
