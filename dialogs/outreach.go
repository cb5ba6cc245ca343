package dialogs

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/outreach"
)

// Links is the part of the counsellors' link store the dialogs use; *outreach.Links satisfies
// it. The dialogs take campaigns' own types (Link, Source, Event): campaigns imports neither
// dialogs nor bot, so there is no cycle to break with copies.
type Links interface {
	ByPayload(ctx context.Context, payload string) (outreach.Link, bool, error)
	Find(ctx context.Context, query string) ([]outreach.Link, error)
}

// Stats is the part of the attribution store the dialogs read (counts per MRC, for /stats);
// *outreach.Stats satisfies it.
type Stats interface {
	ByMRC(ctx context.Context, from, to time.Time) (map[string]outreach.MRCStats, error)
}

// linkQRSize is the side in pixels of the QR code a counsellor gets with /link.
const linkQRSize = 512

// Callback codes of the outreach features.
const (
	cbSubscribe   = "sub"
	cbUnsubscribe = "unsub"
)

// startLink handles /start c_<id>: remember where the user came from and open on the link's
// licence when it has one. It returns false when the payload is not a link of ours.
func (c *conv) startLink(payload string) (bool, error) {
	if c.deps.Links == nil || !strings.HasPrefix(payload, "c_") {
		return false, nil
	}
	l, ok, err := c.deps.Links.ByPayload(c.ctx, payload)
	if err != nil {
		return true, fmt.Errorf("link: %w", err)
	}
	if !ok {
		return false, nil // a forged or unknown link gets the normal greeting
	}
	if c.s.Source == nil || c.s.Source.LinkID != l.ID {
		c.out = append(c.out, Output{Kind: Attribute, ChatID: c.in.ChatID, Source: &outreach.Source{MRC: l.MRC, LinkID: l.ID}, Event: outreach.EventUser})
	}
	c.s.Source = &outreach.Source{MRC: l.MRC, LinkID: l.ID}
	if l.Licence != "" {
		return true, c.checkLicence(l.Licence)
	}
	return true, nil
}

func (c *conv) subscribe() {
	c.s.Subscribed = true
	c.out = append(c.out, Output{Kind: Subscribe, ChatID: c.in.ChatID, Source: c.s.Source})
	c.say(c.t("subscribe.done", nil), nil)
}

func (c *conv) unsubscribe() {
	c.s.Subscribed = false
	c.out = append(c.out, Output{Kind: Unsubscribe, ChatID: c.in.ChatID})
	c.say(c.t("unsubscribe.done", nil), nil)
}

// link is a counsellor's /link <licence or MRC or label>: the link and its QR code to hand over.
func (c *conv) link(query string) error {
	if !c.counsellorCommand(c.deps.Links != nil) {
		return nil
	}
	query = strings.TrimSpace(query)
	if query == "" {
		c.say(c.t("link.usage", nil), nil)
		return nil
	}
	links, err := c.deps.Links.Find(c.ctx, query)
	if err != nil {
		return fmt.Errorf("find links: %w", err)
	}
	if len(links) == 0 {
		c.say(c.t("link.none", map[string]any{"Query": quote(query)}), nil)
		return nil
	}
	for _, l := range links[:min(3, len(links))] {
		url := outreach.LinkURL(c.deps.BotUsername, l)
		png, err := outreach.QRPNG(url, linkQRSize)
		if err != nil {
			return fmt.Errorf("qr: %w", err)
		}
		caption := fmt.Sprintf("%s · %s\n%s", l.MRC, l.Label, url)
		if l.Licence != "" {
			caption += "\n" + l.Licence
		}
		c.out = append(c.out, Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: isolate(c.lang(), caption), Photo: png})
		if c.deps.WhatsAppNumber == "" {
			continue
		}
		// The same link for WhatsApp users: a wa.me link with the code typed in, and its QR code.
		waURL := outreach.WhatsAppLinkURL(c.deps.WhatsAppNumber, l)
		if png, err = outreach.QRPNG(waURL, linkQRSize); err != nil {
			return fmt.Errorf("qr: %w", err)
		}
		caption = fmt.Sprintf("WhatsApp · %s · %s\n%s", l.MRC, l.Label, waURL)
		c.out = append(c.out, Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: isolate(c.lang(), caption), Photo: png})
	}
	return nil
}

// stats is a counsellor's /stats: the last 30 days per centre.
func (c *conv) stats() error {
	if !c.counsellorCommand(c.deps.Stats != nil) {
		return nil
	}
	now := c.deps.Now()
	totals, err := c.deps.Stats.ByMRC(c.ctx, now.AddDate(0, 0, -29), now)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if len(totals) == 0 {
		c.say(c.t("stats.none", nil), nil)
		return nil
	}
	mrcs := make([]string, 0, len(totals))
	for m := range totals {
		mrcs = append(mrcs, m)
	}
	sort.Strings(mrcs)
	var b strings.Builder
	b.WriteString(c.t("stats.title", nil))
	for _, m := range mrcs {
		t := totals[m].Totals
		b.WriteString("\n" + c.t("stats.line", map[string]any{"MRC": isolate(c.lang(), m), "Users": t.Users, "Checks": t.Checks, "High": t.High, "Reports": t.Reports}))
	}
	c.say(b.String(), nil)
	return nil
}
