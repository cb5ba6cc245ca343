package whatsapp

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// SignatureHeader carries Meta's HMAC-SHA256 of the raw body, keyed with the app secret.
const SignatureHeader = "X-Hub-Signature-256"

// Defaults of HandlerConfig.
const (
	DefaultMaxBody        = 1 << 20 // 1 MiB, as for Telegram; Meta's notifications are far smaller
	DefaultProcessTimeout = 10 * time.Second
)

// Processor steps one decoded message exactly once; *bot.Processor satisfies it. key names the
// message for good (MessageKey); an error wrapping webhook.ErrUnavailable means "try again later"
// (503, and Meta delivers the notification again).
type Processor interface {
	ProcessInput(ctx context.Context, key string, in dialogs.Input) error
}

// HandlerConfig configures NewHandler. AppSecret, VerifyToken, PhoneNumberID and Processor are
// required.
type HandlerConfig struct {
	// AppSecret keys the X-Hub-Signature-256 of every POST (WHATSAPP_APP_SECRET).
	AppSecret string
	// VerifyToken is the token of the GET verification handshake (WHATSAPP_VERIFY_TOKEN).
	VerifyToken string
	// PhoneNumberID is our business number: changes for any other number of the same app are
	// acknowledged and left alone.
	PhoneNumberID string
	Processor     Processor
	// Registry receives the tasdeeq_whatsapp_* metrics; nil leaves them unregistered.
	Registry prometheus.Registerer
	// Logger: nil discards. Lines never carry a wa_id, a message id (it encodes the sender's
	// number), a name or any text.
	Logger *slog.Logger
	// MaxBody limits a notification; 0 or less means DefaultMaxBody.
	MaxBody int64
	// ProcessTimeout bounds the processing of one notification; 0 or less means the default.
	ProcessTimeout time.Duration
}

// handler serves GET and POST /whatsapp/webhook.
type handler struct {
	secret         []byte
	tokenSum       [sha256.Size]byte
	phoneID        string
	processor      Processor
	log            *slog.Logger
	metrics        *metrics
	maxBody        int64
	processTimeout time.Duration
}

// NewHandler returns the handler of the webhook route: GET answers Meta's verification
// handshake, POST checks the signature and the size, then steps every message of the
// notification, each exactly once, before answering.
func NewHandler(cfg HandlerConfig) (http.Handler, error) {
	switch {
	case cfg.AppSecret == "":
		return nil, errors.New("whatsapp: empty app secret would make every signature guessable; set WHATSAPP_APP_SECRET")
	case cfg.VerifyToken == "":
		return nil, errors.New("whatsapp: empty verify token; set WHATSAPP_VERIFY_TOKEN")
	case cfg.PhoneNumberID == "":
		return nil, errors.New("whatsapp: empty phone number id; set WHATSAPP_PHONE_NUMBER_ID")
	case cfg.Processor == nil:
		return nil, errors.New("whatsapp: nil Processor")
	}
	h := &handler{
		secret:         []byte(cfg.AppSecret),
		tokenSum:       sha256.Sum256([]byte(cfg.VerifyToken)),
		phoneID:        cfg.PhoneNumberID,
		processor:      cfg.Processor,
		log:            cfg.Logger,
		metrics:        newMetrics(cfg.Registry),
		maxBody:        cfg.MaxBody,
		processTimeout: cfg.ProcessTimeout,
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBody
	}
	if h.processTimeout <= 0 {
		h.processTimeout = DefaultProcessTimeout
	}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.verify(w, r)
	case http.MethodPost:
		h.notify(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		status(w, http.StatusMethodNotAllowed)
	}
}

// verify answers the handshake Meta makes when the webhook URL is set in the app dashboard:
// hub.mode=subscribe and our verify token, compared in constant time, get hub.challenge back.
func (h *handler) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sum := sha256.Sum256([]byte(q.Get("hub.verify_token")))
	challenge := q.Get("hub.challenge")
	// Comparing digests keeps the token's length secret too; both sides are always compared.
	tokenOK := hmac.Equal(sum[:], h.tokenSum[:])
	if q.Get("hub.mode") != "subscribe" || !tokenOK || !validChallenge(challenge) {
		h.metrics.requests.WithLabelValues("verify_refused").Inc()
		status(w, http.StatusForbidden)
		return
	}
	h.metrics.requests.WithLabelValues("verify_ok").Inc()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(challenge))
}

// validChallenge accepts what Meta sends as hub.challenge (a number), and nothing a caller
// could use to make the service echo arbitrary content.
func validChallenge(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// notify handles one notification: signature (401), size (413), JSON (400), then every message,
// in order. It answers 200 only when all of them are committed, 503 when one could not be
// (Redis down: Meta delivers the whole notification again, and those already committed are
// recognised by their message id and not answered twice).
func (h *handler) notify(w http.ResponseWriter, r *http.Request) {
	want, ok := signature(r.Header.Get(SignatureHeader))
	if !ok {
		h.refuse(w, http.StatusUnauthorized, "unauthorized")
		return
	}
	if r.ContentLength > h.maxBody {
		h.refuse(w, http.StatusRequestEntityTooLarge, "too_large")
		return
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, h.maxBody)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.refuse(w, http.StatusRequestEntityTooLarge, "too_large")
			return
		}
		h.refuse(w, http.StatusBadRequest, "bad_request")
		return
	}
	body := buf.Bytes()
	mac := hmac.New(sha256.New, h.secret)
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), want) {
		h.refuse(w, http.StatusUnauthorized, "unauthorized")
		return
	}
	var n Notification
	if err := json.Unmarshal(body, &n); err != nil {
		h.refuse(w, http.StatusBadRequest, "bad_request")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.processTimeout)
	defer cancel()
	start := time.Now()
	err := h.handle(ctx, &n)
	h.metrics.seconds.Observe(time.Since(start).Seconds())
	switch {
	case err == nil:
		h.metrics.requests.WithLabelValues("ok").Inc()
		w.WriteHeader(http.StatusOK)
	case errors.Is(err, webhook.ErrUnavailable):
		h.log.LogAttrs(ctx, slog.LevelWarn, "whatsapp notification not processed: unavailable", slog.String("error", err.Error()))
		h.metrics.requests.WithLabelValues("unavailable").Inc()
		status(w, http.StatusServiceUnavailable)
	default:
		h.log.LogAttrs(ctx, slog.LevelError, "whatsapp notification not processed", slog.String("error", err.Error()))
		h.metrics.requests.WithLabelValues("error").Inc()
		status(w, http.StatusInternalServerError)
	}
}

// handle processes every change of a notification: statuses are counted, messages stepped.
func (h *handler) handle(ctx context.Context, n *Notification) error {
	if n.Object != "whatsapp_business_account" {
		// Another product's notification (the app subscribed to more than WhatsApp): nothing
		// for us, and refusing it would only make Meta send it again.
		h.metrics.messages.WithLabelValues("other_object", "ignored").Inc()
		return nil
	}
	for _, e := range n.Entry {
		for _, ch := range e.Changes {
			if ch.Field != "messages" {
				continue // account and template updates
			}
			v := &ch.Value
			if v.Metadata.PhoneNumberID != h.phoneID {
				// Another business number of the same app: its messages are not ours to answer.
				h.metrics.messages.WithLabelValues("other_number", "ignored").Add(float64(len(v.Messages)))
				continue
			}
			h.countStatuses(v.Statuses)
			for _, m := range v.Messages {
				if err := h.message(ctx, m, v.Contacts); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// message steps one message exactly once.
func (h *handler) message(ctx context.Context, m Message, contacts []Contact) error {
	typ := messageType(m.Type)
	if m.ID == "" {
		h.metrics.messages.WithLabelValues(typ, "invalid").Inc()
		return nil
	}
	in, ok := Decode(m, contacts)
	if !ok {
		h.metrics.messages.WithLabelValues(typ, "ignored").Inc()
		return nil
	}
	if in.Forwarded {
		h.metrics.forwarded.Inc()
	}
	if err := h.processor.ProcessInput(ctx, MessageKey(m.ID), in); err != nil {
		return err
	}
	h.metrics.messages.WithLabelValues(typ, "processed").Inc()
	return nil
}

// MessageKey is the key that makes a message exactly-once: "wa:" and a digest of its id. Not the
// id itself, which Redis would then keep for a week: a WhatsApp message id encodes the sender's
// phone number.
func MessageKey(messageID string) string {
	sum := sha256.Sum256([]byte(messageID))
	return "wa:" + hex.EncodeToString(sum[:16])
}

// countStatuses records what became of messages we sent; failures by Meta's error code.
func (h *handler) countStatuses(ss []Status) {
	for _, s := range ss {
		st := s.Status
		switch st {
		case "sent", "delivered", "read", "failed", "deleted", "warning":
		default:
			st = "other"
		}
		h.metrics.statuses.WithLabelValues(st).Inc()
		for _, e := range s.Errors {
			h.metrics.statusErrors.WithLabelValues(codeLabel(e.Code)).Inc()
		}
	}
}

// messageType bounds the type label to the types Meta documents.
func messageType(t string) string {
	switch t {
	case "text", "interactive", "button", "image", "document", "audio", "video", "contacts",
		"sticker", "location", "reaction", "request_welcome", "system", "order", "unsupported":
		return t
	}
	return "other"
}

// signature reads "sha256=<64 hex digits>"; ok is false when the header is missing or malformed.
func signature(header string) ([]byte, bool) {
	hexSum, found := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !found || len(hexSum) != 2*sha256.Size {
		return nil, false
	}
	sum, err := hex.DecodeString(hexSum)
	return sum, err == nil
}

// refuse answers a notification that was not processed.
func (h *handler) refuse(w http.ResponseWriter, code int, outcome string) {
	h.metrics.requests.WithLabelValues(outcome).Inc()
	status(w, code)
}

// status writes code with its status text, never any detail.
func status(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(http.StatusText(code)))
}
