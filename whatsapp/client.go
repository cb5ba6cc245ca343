package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// Defaults of ClientConfig.
const (
	DefaultAPIURL  = "https://graph.facebook.com"
	DefaultVersion = "v23.0"
)

// Templates are the approved message templates that stand for messages that are not replies,
// by kind of notice, and the template language code of each of Tasdeeq's languages. A kind
// without a name has no template: such a message outside the 24-hour window is dropped and
// counted, and a campaign is not sent to WhatsApp at all.
//
// The templates must have the shape the README gives: one body parameter ({{1}}: the case id,
// or the campaign's text) and one quick-reply button, whose payload Tasdeeq sets.
type Templates struct {
	Case, Campaign string
	Languages      map[string]string // "en" → "en", "ur" → "ur"
}

// name is the template of a notice kind, "" when none is configured.
func (t Templates) name(k outbox.NoticeKind) string {
	switch k {
	case outbox.NoticeCase:
		return t.Case
	case outbox.NoticeCampaign:
		return t.Campaign
	}
	return ""
}

// ClientConfig configures NewClient. Token and PhoneNumberID are required.
type ClientConfig struct {
	APIURL        string // WHATSAPP_API_URL; empty: DefaultAPIURL
	Version       string // WHATSAPP_API_VERSION; empty: DefaultVersion
	Token         string // WHATSAPP_TOKEN, sent as a bearer token; never logged
	PhoneNumberID string // WHATSAPP_PHONE_NUMBER_ID
	Templates     Templates
	// Bundle gives the renderer's own words (locales whatsapp.*); required.
	Bundle *locales.Bundle
	// HTTPClient makes the calls; nil: a client with a 30 s timeout.
	HTTPClient *http.Client
	// Registry receives tasdeeq_whatsapp_templates_total; nil leaves it unregistered.
	Registry prometheus.Registerer
}

// Client calls the Graph API: it sends outbox entries (Send), fetches media (FetchMedia) and
// reads the business number (DisplayNumber).
type Client struct {
	base, token, phoneID string
	templates            Templates
	bundle               *locales.Bundle
	http                 *http.Client
	templatesSent        *prometheus.CounterVec // kind
}

// NewClient returns a Graph API client.
func NewClient(cfg ClientConfig) (*Client, error) {
	if cfg.Token == "" || cfg.PhoneNumberID == "" {
		return nil, errors.New("whatsapp: WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID are both required")
	}
	if cfg.Bundle == nil {
		return nil, errors.New("whatsapp: nil Bundle")
	}
	api, version := cfg.APIURL, cfg.Version
	if api == "" {
		api = DefaultAPIURL
	}
	if version == "" {
		version = DefaultVersion
	}
	u, err := url.Parse(api)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("whatsapp: WHATSAPP_API_URL %q is not an http(s) URL", api)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	// The download URLs of media carry their own signature, and the bearer token must reach
	// only Meta: a redirect elsewhere is not followed with it.
	hc := *cfg.HTTPClient
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Client{
		base:      strings.TrimRight(api, "/") + "/" + strings.Trim(version, "/"),
		token:     cfg.Token,
		phoneID:   cfg.PhoneNumberID,
		templates: cfg.Templates,
		bundle:    cfg.Bundle,
		http:      &hc,
		templatesSent: webhook.RegisterOnce(cfg.Registry, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_templates_total",
			Help: "WhatsApp message templates sent, by kind of notice (case, campaign).",
		}, []string{"kind"})),
	}, nil
}

// Words are the renderer's own words in lang.
func (c *Client) Words(lang string) Words { return NewWords(c.bundle, lang) }

// NewWords are the renderer's own words in lang, from the messages (locales whatsapp.*).
func NewWords(b *locales.Bundle, lang string) Words {
	l := locales.Parse(lang)
	return Words{Choose: b.T(l, "whatsapp.choose", nil), Options: b.T(l, "whatsapp.options", nil)}
}

// Send delivers one outbox entry. A campaign goes only as its template (never free text, which
// WhatsApp allows only within 24 hours of the user's last message); anything else goes as
// rendered, and a notice refused as outside the 24-hour window goes again as its template. It
// returns ErrNoTemplate when a template was needed and none is configured, and *Error for an
// error answer of the Graph API: Classify says what to do.
func (c *Client) Send(ctx context.Context, o outbox.Outgoing) error {
	to, ok := outbox.WhatsAppID(o.ChatID)
	if !ok {
		return ErrNotWhatsApp
	}
	if o.CallbackID != "" {
		return nil // WhatsApp has no button answers; the entry should never have been queued
	}
	if o.Kind == outbox.Broadcast || (o.Notice != nil && o.Notice.Kind == outbox.NoticeCampaign) {
		return c.sendTemplate(ctx, to, o)
	}
	for i, m := range Render(o, to, c.Words(Lang(o))) {
		err := c.post(ctx, m)
		var e *Error
		if i == 0 && o.Notice != nil && errors.As(err, &e) && e.Code == CodeOutsideWindow {
			return c.sendTemplate(ctx, to, o)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// sendTemplate sends the template that stands for o's notice: for a case update, the case id as
// the parameter and "/case <id>" as the button's payload; for a campaign, the text and the
// unsubscribe button.
func (c *Client) sendTemplate(ctx context.Context, to string, o outbox.Outgoing) error {
	n := o.Notice
	if n == nil {
		return ErrNoTemplate
	}
	name := c.templates.name(n.Kind)
	code := c.templates.Languages[n.Lang]
	var param, payload string
	switch n.Kind {
	case outbox.NoticeCampaign:
		param, payload = o.Text, outreach.UnsubscribeData
	case outbox.NoticeCase:
		if len(n.Params) > 0 {
			param, payload = n.Params[0], "/case "+n.Params[0]
		}
	}
	if name == "" || code == "" || strings.TrimSpace(param) == "" {
		return ErrNoTemplate
	}
	m := OutMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: "template",
		Template: &Template{Name: name, Language: Language{Code: code}, Components: []Component{
			{Type: "body", Parameters: []Parameter{{Type: "text", Text: TemplateParam(param)}}},
			{Type: "button", SubType: "quick_reply", Index: "0", Parameters: []Parameter{{Type: "payload", Payload: payload}}},
		}}}
	if err := c.post(ctx, m); err != nil {
		return err
	}
	c.templatesSent.WithLabelValues(string(n.Kind)).Inc()
	return nil
}

// post sends one message.
func (c *Client) post(ctx context.Context, m OutMessage) error {
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode message: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/"+url.PathEscape(c.phoneID)+"/messages", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("send message: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = c.do(req, nil)
	return wrap("send "+m.Type, err)
}

// do makes an authorised call and decodes a JSON answer into out (when not nil); an error answer
// becomes *Error. Errors never carry the URL: media URLs are signed.
func (c *Client) do(req *http.Request, out any) ([]byte, error) {
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, ocr.WithoutURL(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, ocr.WithoutURL(err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, apiError(resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, fmt.Errorf("decode answer: %w", err)
		}
	}
	return data, nil
}

// apiError reads the Graph API's error object.
func apiError(status int, body []byte) *Error {
	var e struct {
		Error struct {
			Code    int `json:"code"`
			Subcode int `json:"error_subcode"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return &Error{Status: status, Code: e.Error.Code, Subcode: e.Error.Subcode}
}

// FetchMedia downloads a picture a user sent: GET /{media-id} gives a short-lived download URL,
// fetched with the same bearer token. A picture over ocr.MaxBytes is refused with
// ocr.ErrTooLarge without reading it all; retry says whether another attempt may succeed.
func (c *Client) FetchMedia(ctx context.Context, mediaID string) (data []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/"+url.PathEscape(mediaID), nil)
	if err != nil {
		return nil, false, fmt.Errorf("media: %w", err)
	}
	var info struct {
		URL      string `json:"url"`
		FileSize int64  `json:"file_size"`
	}
	if _, err := c.do(req, &info); err != nil {
		d, _, _ := Classify(err)
		return nil, d == Retry || d == Throttled, fmt.Errorf("media: %w", err)
	}
	if info.FileSize > ocr.MaxBytes {
		return nil, false, fmt.Errorf("media: %w: %d bytes", ocr.ErrTooLarge, info.FileSize)
	}
	if !c.trusted(info.URL) {
		return nil, false, errors.New("media: the download URL is not https")
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, info.URL, nil)
	if err != nil {
		return nil, false, fmt.Errorf("download: %w", ocr.WithoutURL(err))
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	return ocr.Download(c.http, req)
}

// trusted says whether the bearer token may go to a download URL: https, or the API's own scheme
// and host (a test server, or a proxy the operator set as WHATSAPP_API_URL).
func (c *Client) trusted(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	api, _ := url.Parse(c.base)
	return u.Scheme == api.Scheme && u.Host == api.Host
}

// DisplayNumber asks the Graph API for the business number's display number, in digits only,
// as wa.me links want it.
func (c *Client) DisplayNumber(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/"+url.PathEscape(c.phoneID)+"?fields=display_phone_number", nil)
	if err != nil {
		return "", fmt.Errorf("phone number: %w", err)
	}
	var info struct {
		Display string `json:"display_phone_number"`
	}
	if _, err := c.do(req, &info); err != nil {
		return "", fmt.Errorf("phone number: %w", err)
	}
	digits := Digits(info.Display)
	if digits == "" {
		return "", errors.New("phone number: no display_phone_number in the answer")
	}
	return digits, nil
}

// Digits keeps the ASCII digits of a phone number ("+92 300 1234567" → "923001234567").
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
