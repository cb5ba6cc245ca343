// Package webhook is the HTTP side of tasdeeq serve: the Telegram webhook
// route, liveness and readiness probes, Prometheus metrics and the mount point
// of the admin API, on Echo v5.
//
// The webhook route is deliberately our own handler (not go-telegram/bot's
// WebhookHandler): it refuses a wrong secret, an oversized body and invalid
// JSON with a 4xx, and it answers only after the Processor has finished, so a
// failure becomes a 5xx and Telegram delivers the update again.
//
// Logs carry method, path, status, duration, update_id and update type; never a
// request body, message text, names, phone numbers or the secret.
package webhook

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/labstack/echo/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tasdeeq/tasdeeq/entities"
	"github.com/tasdeeq/tasdeeq/internal/apijson"
	"github.com/tasdeeq/tasdeeq/internal/auth"
)

// SecretHeader is the header in which Telegram sends the secret_token given to setWebhook.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Defaults for the zero values of Config.
const (
	DefaultMaxBody        = 1 << 20 // 1 MiB
	DefaultProcessTimeout = 10 * time.Second
	DefaultReadyTimeout   = 2 * time.Second
)

// ErrUnavailable marks a transient failure (Redis down, timeouts of a
// dependency). A Processor wraps it, fmt.Errorf("save session: %w",
// ErrUnavailable), and the webhook answers 503 so Telegram retries.
var ErrUnavailable = errors.New("unavailable")

// Processor handles one decoded update completely (dedupe, dialog step, one
// Redis commit) before returning. nil means the update is done (200); an error
// wrapping ErrUnavailable gives 503, any other error 500, and a panic 500.
//
// Returned errors are logged with their text, so they must never contain
// message text, names, phone numbers or other user data.
type Processor interface {
	Process(ctx context.Context, u *models.Update) error
}

// Config configures New. Secret and Processor are required.
type Config struct {
	// Secret is the expected X-Telegram-Bot-Api-Secret-Token. Required.
	Secret string
	// Processor handles each authenticated, decoded update. Required.
	Processor Processor
	// Ready reports whether dependencies (Redis) are reachable; nil means always ready.
	Ready func(ctx context.Context) error
	// Registry receives the tasdeeq_* and Go/process collectors and is served on
	// /metrics. nil creates a new registry.
	Registry *prometheus.Registry
	// Logger receives one line per request; nil uses slog.Default().
	Logger *slog.Logger
	// MaxBody limits the webhook request body; 0 or less means DefaultMaxBody.
	MaxBody int64
	// AdminToken is the bearer token of every /admin/ route (package auth); empty turns the
	// admin API off: /admin/* answers 404.
	AdminToken string
	// Admin are the admin API's handlers by path prefix ("/admin/links"): each serves its
	// prefix and everything below it, sees the full path, and does no authentication of its
	// own. Any other /admin/ path is a JSON 404.
	Admin map[string]http.Handler
	// Console adds the counsellors' web pages to the /console group; nil: /console/* is 404.
	Console Console
	// ProcessTimeout bounds one Process call; 0 or less means DefaultProcessTimeout.
	ProcessTimeout time.Duration
	// ReadyTimeout bounds one Ready call; 0 or less means DefaultReadyTimeout.
	ReadyTimeout time.Duration
	// WhatsApp serves GET and POST /whatsapp/webhook (package whatsapp: Meta's verification
	// handshake, then signed notifications) when non-nil; otherwise the route answers 404.
	WhatsApp http.Handler
}

// server holds the validated configuration and the Echo instance.
type server struct {
	e              *echo.Echo
	secretSum      [sha256.Size]byte
	processor      Processor
	ready          func(ctx context.Context) error
	log            *slog.Logger
	metrics        *Metrics
	metricsHandler http.Handler
	adminToken     string
	admin          map[string]http.Handler
	console        Console
	maxBody        int64
	processTimeout time.Duration
	readyTimeout   time.Duration
	sampler        *sampler
	whatsApp       http.Handler
}

// New validates cfg and returns the HTTP handler serving all routes.
func New(cfg Config) (http.Handler, error) {
	if cfg.Secret == "" {
		return nil, errors.New("webhook: empty Secret would accept every request; set TELEGRAM_WEBHOOK_SECRET")
	}
	if cfg.Processor == nil {
		return nil, errors.New("webhook: nil Processor")
	}
	s := &server{
		secretSum:      sha256.Sum256([]byte(cfg.Secret)),
		processor:      cfg.Processor,
		ready:          cfg.Ready,
		log:            cfg.Logger,
		adminToken:     cfg.AdminToken,
		admin:          cfg.Admin,
		console:        cfg.Console,
		maxBody:        cfg.MaxBody,
		processTimeout: cfg.ProcessTimeout,
		readyTimeout:   cfg.ReadyTimeout,
		sampler:        newSampler(rejectLogEvery, time.Now),
		whatsApp:       cfg.WhatsApp,
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.processTimeout <= 0 {
		s.processTimeout = DefaultProcessTimeout
	}
	if s.readyTimeout <= 0 {
		s.readyTimeout = DefaultReadyTimeout
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	RegisterOnce[prometheus.Collector](reg, collectors.NewGoCollector())
	RegisterOnce[prometheus.Collector](reg, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.metrics = NewMetrics(reg)
	s.metricsHandler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})

	s.e = echo.NewWithConfig(echo.Config{
		Logger:           s.log,
		HTTPErrorHandler: errorHandler,
	})
	s.e.Use(s.observe)
	s.routes()
	return s.e, nil
}

// routes registers every route of the service; this is the only place routes are added.
func (s *server) routes() {
	// Telegram delivers updates here; secret header checked, body limited, answered after processing.
	s.e.POST("/telegram/webhook", s.handleWebhook)
	// Liveness: the process is up and serving HTTP.
	s.e.GET("/healthz", s.handleHealthz)
	// Readiness: Ready (Redis reachable) answers within ReadyTimeout.
	s.e.GET("/readyz", s.handleReadyz)
	// Prometheus scrape endpoint over the configured registry.
	s.e.GET("/metrics", echo.WrapHandler(s.metricsHandler))
	// WhatsApp Cloud API webhook (verification handshake and signed notifications; the handler
	// checks both itself), only when the channel is on; otherwise 404.
	if s.whatsApp != nil {
		s.e.GET("/whatsapp/webhook", echo.WrapHandler(s.whatsApp))
		s.e.POST("/whatsapp/webhook", echo.WrapHandler(s.whatsApp))
	}
	// Admin API: JSON, the bearer token checked on every route by one middleware (package
	// auth); without a token every /admin/ path is 404.
	admin := s.e.Group("/admin", auth.Bearer(s.adminToken))
	for _, prefix := range slices.Sorted(maps.Keys(s.admin)) {
		h := echo.WrapHandler(s.admin[prefix])
		rel := strings.TrimPrefix(prefix, "/admin")
		admin.Any(rel, h)
		admin.Any(rel+"/*", h)
	}
	admin.Any("/*", func(c *echo.Context) error { apijson.NotFound(c.Response()); return nil })
	// Counsellors' web console: session cookie and CSRF token (package auth), its pages listed
	// in its own routes.
	if s.console != nil {
		s.console.Routes(s.e.Group("/console"))
	}
}

// Console is the counsellors' web console, which adds its pages to the router's /console group.
type Console interface {
	Routes(g *echo.Group)
}

// errorHandler answers an error returned by a handler or the router with its
// status code (500 when it has none) and the status text only, never details.
func errorHandler(c *echo.Context, err error) {
	if r, _ := echo.UnwrapResponse(c.Response()); r != nil && r.Committed {
		return
	}
	code := echo.StatusCode(err)
	if code == 0 {
		code = http.StatusInternalServerError
	}
	if strings.HasPrefix(c.Request().URL.Path, "/admin/") {
		// The admin API answers JSON, errors too, in the one shape of package apijson.
		apijson.WriteError(c.Response(), code, strings.ToLower(http.StatusText(code)))
		return
	}
	writeStatus(c, code)
}

// writeStatus answers code with its status text as a plain-text body.
func writeStatus(c *echo.Context, code int) {
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(code)
		return
	}
	_ = c.String(code, http.StatusText(code))
}

// reqInfoKey is the echo.Context key of the *reqInfo a handler fills for the request log.
const reqInfoKey = "tasdeeq.webhook.req"

// reqInfo is what a handler tells the request log about the update it handled.
type reqInfo struct {
	updateID   int64
	updateType string
	outcome    string
}

// panicError is returned by safeCall when the handler chain panicked.
type panicError struct{}

func (panicError) Error() string   { return "handler panicked" }
func (panicError) StatusCode() int { return http.StatusInternalServerError }

// observe is the single middleware: it recovers panics (500, logged with the
// stack), sends errors through the error handler, and logs one line per request.
func (s *server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		start := time.Now()
		info := &reqInfo{}
		c.Set(reqInfoKey, info)
		err := s.safeCall(c, next)
		if err != nil {
			c.Echo().HTTPErrorHandler(c, err)
		}
		_, status := echo.ResolveResponseStatus(c.Response(), nil)
		s.logRequest(c, info, status, time.Since(start), err)
		return nil
	}
}

// safeCall runs next and turns a panic into a panicError after logging it.
func (s *server) safeCall(c *echo.Context, next echo.HandlerFunc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.logPanic(c.Request(), 0, r)
			err = panicError{}
		}
	}()
	return next(c)
}

// logPanic logs a recovered panic with its stack. The panic value is printed
// only for runtime errors (whose text the runtime writes); for anything else
// only its type, since a value built by application code could carry user text.
func (s *server) logPanic(r *http.Request, updateID int64, v any) {
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", logPath(r)),
		slog.String("panic_type", fmt.Sprintf("%T", v)),
		slog.String("stack", string(debug.Stack())),
	}
	if re, ok := v.(runtime.Error); ok {
		attrs = append(attrs, slog.String("panic", re.Error()))
	}
	if updateID != 0 {
		attrs = append(attrs, slog.Int64("update_id", updateID))
	}
	s.log.LogAttrs(r.Context(), slog.LevelError, "panic recovered", attrs...)
}

// logRequest writes the one access-log line of a request.
func (s *server) logRequest(c *echo.Context, info *reqInfo, status int, d time.Duration, err error) {
	r := c.Request()
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs,
		slog.String("method", r.Method),
		slog.String("path", logPath(r)),
		slog.Int("status", status),
		slog.Duration("duration", d),
	)
	if info.updateID != 0 {
		attrs = append(attrs, slog.Int64("update_id", info.updateID))
	}
	if info.updateType != "" {
		attrs = append(attrs, slog.String("update_type", info.updateType))
	}
	if info.outcome != "" {
		attrs = append(attrs, slog.String("outcome", info.outcome))
	}
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
		// Errors without a status code are unexpected; their text is the only clue.
		if err != nil && echo.StatusCode(err) == 0 {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
	case status >= 400:
		// Anyone can send requests that are refused (a wrong secret, a scanner's paths); one line
		// per status and route every rejectLogEvery, with the count of those left out, keeps a
		// flood from filling the disk. The metrics count every one.
		suppressed, ok := s.sampler.take(strconv.Itoa(status) + " " + c.Path())
		if !ok {
			return
		}
		if suppressed > 0 {
			attrs = append(attrs, slog.Int("suppressed", suppressed))
		}
		level = slog.LevelWarn
	case r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics":
		level = slog.LevelDebug // probes and scrapes every few seconds
	}
	s.log.LogAttrs(r.Context(), level, "http request", attrs...)
}

// logPath is the request path, cut to a bounded length (never the query string).
func logPath(r *http.Request) string {
	const maxPath = 128
	p := r.URL.Path
	if len(p) > maxPath {
		p = p[:maxPath] + "..."
	}
	return p
}

// handleHealthz answers 200 while the process serves HTTP.
func (s *server) handleHealthz(c *echo.Context) error {
	return c.String(http.StatusOK, "ok")
}

// handleReadyz answers 200 when Ready succeeds within readyTimeout, else 503.
func (s *server) handleReadyz(c *echo.Context) error {
	if s.ready != nil {
		ctx, cancel := context.WithTimeout(c.Request().Context(), s.readyTimeout)
		defer cancel()
		if err := s.ready(ctx); err != nil {
			s.log.LogAttrs(ctx, slog.LevelWarn, "not ready", slog.String("error", err.Error()))
			return c.String(http.StatusServiceUnavailable, "not ready")
		}
	}
	return c.String(http.StatusOK, "ok")
}

// handleWebhook authenticates, limits, decodes and processes one Telegram update.
func (s *server) handleWebhook(c *echo.Context) error {
	info, _ := c.Get(reqInfoKey).(*reqInfo)
	if info == nil {
		info = &reqInfo{}
	}
	r := c.Request()

	if !s.secretOK(r.Header.Get(SecretHeader)) {
		return s.reject(c, info, http.StatusUnauthorized, OutcomeUnauthorized, RejectSecret)
	}
	if r.ContentLength > s.maxBody {
		return s.reject(c, info, http.StatusRequestEntityTooLarge, OutcomeTooLarge, RejectTooLarge)
	}
	body, err := s.readBody(c)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return s.reject(c, info, http.StatusRequestEntityTooLarge, OutcomeTooLarge, RejectTooLarge)
		}
		// The client went away or sent a broken chunked body.
		return s.reject(c, info, http.StatusBadRequest, OutcomeBadRequest, RejectBody)
	}

	var u models.Update
	if err := json.Unmarshal(body, &u); err != nil {
		if s.sampler.allow("undecodable") {
			s.log.LogAttrs(r.Context(), slog.LevelWarn, "undecodable update", decodeErrorAttrs(err)...)
		}
		return s.reject(c, info, http.StatusBadRequest, OutcomeBadRequest, RejectJSON)
	}
	if u.ID <= 0 {
		return s.reject(c, info, http.StatusBadRequest, OutcomeBadRequest, RejectJSON)
	}
	info.updateID = u.ID
	info.updateType = UpdateType(&u)
	// Telegram never sends entities that cross or run past their text; such an update comes from
	// a broken proxy or a leaked secret and is refused before any work is done on it.
	if err := entities.CheckUpdate(&u); err != nil {
		return s.reject(c, info, http.StatusBadRequest, OutcomeBadRequest, RejectEntities)
	}

	ctx, cancel := context.WithTimeout(r.Context(), s.processTimeout)
	defer cancel()
	start := time.Now()
	panicked, err := s.process(ctx, r, &u)
	s.metrics.UpdateSeconds.Observe(time.Since(start).Seconds())

	switch {
	case panicked:
		return s.answer(c, info, http.StatusInternalServerError, OutcomePanic)
	case err == nil:
		return s.answer(c, info, http.StatusOK, OutcomeOK)
	case errors.Is(err, ErrUnavailable):
		s.log.LogAttrs(ctx, slog.LevelWarn, "update not processed: unavailable",
			slog.Int64("update_id", u.ID), slog.String("error", err.Error()))
		return s.answer(c, info, http.StatusServiceUnavailable, OutcomeUnavailable)
	default:
		s.log.LogAttrs(ctx, slog.LevelError, "update not processed",
			slog.Int64("update_id", u.ID), slog.String("error", err.Error()))
		return s.answer(c, info, http.StatusInternalServerError, OutcomeError)
	}
}

// secretOK compares the header with the secret in constant time; hashing both
// first also hides the secret's length.
func (s *server) secretOK(got string) bool {
	if got == "" {
		return false
	}
	sum := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(sum[:], s.secretSum[:]) == 1
}

// readBody reads the whole body, at most maxBody bytes (*http.MaxBytesError beyond), growing
// its buffer as the bytes arrive.
func (s *server) readBody(c *echo.Context) ([]byte, error) {
	r := c.Request()
	// Give MaxBytesReader the net/http writer itself, so the server also learns
	// the body was too large and closes the connection instead of draining it.
	w := c.Response()
	if resp, err := echo.UnwrapResponse(w); err == nil {
		w = resp.ResponseWriter
	}
	// Memory grows with the bytes that arrive, never from the declared Content-Length: 400 slow
	// clients each declaring a megabyte must not reserve 400 MB before sending anything.
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, s.maxBody))
	return buf.Bytes(), err
}

// process calls the Processor, turning a panic into (nil, true) after logging it.
func (s *server) process(ctx context.Context, r *http.Request, u *models.Update) (panicked bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logPanic(r, u.ID, v)
			panicked, err = true, nil
		}
	}()
	return false, s.processor.Process(ctx, u)
}

// reject answers a request that was not processed, counting it as outcome and in
// tasdeeq_webhook_rejected_total under reason.
func (s *server) reject(c *echo.Context, info *reqInfo, code int, outcome, reason string) error {
	if info.updateType == "" {
		info.updateType = TypeNone
	}
	s.metrics.WebhookRejected.WithLabelValues(reason).Inc()
	return s.answer(c, info, code, outcome)
}

// answer records the outcome in the metrics and the request log and writes the status.
// A 200 has an empty body; any other status its status text.
func (s *server) answer(c *echo.Context, info *reqInfo, code int, outcome string) error {
	info.outcome = outcome
	s.metrics.ObserveUpdate(info.updateType, outcome)
	if code == http.StatusOK {
		return c.NoContent(http.StatusOK)
	}
	writeStatus(c, code)
	return nil
}

// decodeErrorAttrs describes a JSON decoding error without quoting the body:
// the offset of a syntax error, the field and Go type of a type error, else
// only the error's type (custom unmarshalers may quote their input).
func decodeErrorAttrs(err error) []slog.Attr {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return []slog.Attr{slog.String("error", "syntax"), slog.Int64("offset", syn.Offset)}
	case errors.As(err, &typ):
		// typ.Value is left out: for numbers it quotes the number itself.
		return []slog.Attr{slog.String("error", "type"), slog.String("field", typ.Field),
			slog.String("want", typ.Type.String())}
	default:
		return []slog.Attr{slog.String("error", fmt.Sprintf("%T", err))}
	}
}

// UpdateType names the kind of an update for metrics and logs: message,
// edited_message, callback_query, channel_post, my_chat_member, or other.
func UpdateType(u *models.Update) string {
	switch {
	case u.Message != nil:
		return TypeMessage
	case u.EditedMessage != nil:
		return TypeEditedMessage
	case u.CallbackQuery != nil:
		return TypeCallbackQuery
	case u.ChannelPost != nil:
		return TypeChannelPost
	case u.MyChatMember != nil:
		return TypeMyChatMember
	default:
		return TypeOther
	}
}
