package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/internal/logtest"
	"github.com/tasdeeq/tasdeeq/webhook"
)

const (
	testSecret = "Sekr3t_token-for-tests"
	// secretPhrase stands for user text (with a phone number); it must never reach the logs.
	secretPhrase = "meri khufia baat 0300-1234567"
	webhookPath  = "/telegram/webhook"
)

// recorder is a test Processor: it records every update and answers with fn.
type recorder struct {
	mu      sync.Mutex
	updates []*models.Update
	fn      func(ctx context.Context, u *models.Update) error
}

func (r *recorder) Process(ctx context.Context, u *models.Update) error {
	r.mu.Lock()
	r.updates = append(r.updates, u)
	r.mu.Unlock()
	if r.fn != nil {
		return r.fn(ctx, u)
	}
	return nil
}

func (r *recorder) calls() []*models.Update {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*models.Update(nil), r.updates...)
}

// syncBuffer collects logs from concurrent writers.
type syncBuffer = logtest.Buffer

// fixture is a handler with its processor, log buffer and registry.
type fixture struct {
	h    http.Handler
	proc *recorder
	logs *syncBuffer
	reg  *prometheus.Registry
}

// newFixture builds a handler; edit adjusts the config before New.
func newFixture(t testing.TB, fn func(ctx context.Context, u *models.Update) error, edit func(*webhook.Config)) *fixture {
	t.Helper()
	f := &fixture{proc: &recorder{fn: fn}, logs: &syncBuffer{}, reg: prometheus.NewRegistry()}
	cfg := webhook.Config{
		Secret:    testSecret,
		Processor: f.proc,
		Registry:  f.reg,
		Logger:    slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if edit != nil {
		edit(&cfg)
	}
	h, err := webhook.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	f.h = h
	return f
}

// post sends body to the webhook route with the given secret ("" sends no header).
func (f *fixture) post(secret string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, webhookPath, body)
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(webhook.SecretHeader, secret)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

func (f *fixture) get(path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// messageJSON is a private-chat text message update.
func messageJSON(id int64, text string) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":7,"date":1760000000,`+
		`"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Asad"},`+
		`"text":%q,"new_field_telegram_added_later":{"x":1}}}`, id, text)
}

// callbackJSON is a callback query update from an inline button.
func callbackJSON(id int64, data string) string {
	return fmt.Sprintf(`{"update_id":%d,"callback_query":{"id":"cb-1","chat_instance":"ci",`+
		`"from":{"id":42,"is_bot":false,"first_name":"Asad"},"data":%q,`+
		`"message":{"message_id":8,"date":1760000000,"chat":{"id":42,"type":"private"},"text":"menu"}}}`, id, data)
}

// strReader hides the length of s, so the request goes out chunked (ContentLength -1).
func strReader(s string) io.Reader { return io.MultiReader(strings.NewReader(s)) }

func TestNewRefusesIncompleteConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  webhook.Config
	}{
		{"empty secret would accept everything", webhook.Config{Processor: &recorder{}}},
		{"nil processor", webhook.Config{Secret: testSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if h, err := webhook.New(tt.cfg); err == nil || h != nil {
				t.Fatalf("New = %v, %v; want nil handler and an error", h, err)
			}
		})
	}
}

func TestWebhookRefusesWithoutTheRightSecret(t *testing.T) {
	tests := []struct {
		name   string
		secret string
	}{
		{"missing header", ""},
		{"wrong secret", "not-the-secret"},
		{"secret with a suffix", testSecret + "x"},
		{"secret prefix only", testSecret[:len(testSecret)-1]},
		{"secret in another case", strings.ToUpper(testSecret)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			rec := f.post(tt.secret, strings.NewReader(messageJSON(1, "hello")))
			if rec.Code != http.StatusUnauthorized {
				t.Fatalf("status = %d, want 401", rec.Code)
			}
			if n := len(f.proc.calls()); n != 0 {
				t.Fatalf("Process called %d times for an unauthenticated request", n)
			}
		})
	}
}

func TestWebhookProcessesTheDecodedUpdateOnce(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, u *models.Update)
	}{
		{
			name: "message text round-trips, Urdu included",
			body: messageJSON(101, "یہ نوکری اصلی ہے؟ fee Rs 15,000"),
			check: func(t *testing.T, u *models.Update) {
				if u.ID != 101 || u.Message == nil || u.Message.Text != "یہ نوکری اصلی ہے؟ fee Rs 15,000" ||
					u.Message.Chat.ID != 42 {
					t.Fatalf("decoded update = %+v", u)
				}
			},
		},
		{
			name: "callback query round-trips",
			body: callbackJSON(102, "lang:ur"),
			check: func(t *testing.T, u *models.Update) {
				cq := u.CallbackQuery
				if u.ID != 102 || cq == nil || cq.Data != "lang:ur" || cq.ID != "cb-1" || cq.From.ID != 42 {
					t.Fatalf("decoded update = %+v", u)
				}
				if cq.Message.Message == nil || cq.Message.Message.ID != 8 {
					t.Fatalf("callback message = %+v", cq.Message)
				}
			},
		},
		{
			name: "chunked body without Content-Length",
			body: messageJSON(103, "chunked"),
			check: func(t *testing.T, u *models.Update) {
				if u.ID != 103 || u.Message.Text != "chunked" {
					t.Fatalf("decoded update = %+v", u)
				}
			},
		},
		{
			name: "invalid UTF-8 in text is tolerated (replaced), not refused",
			body: `{"update_id":105,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"a` + "\xff" + `b"}}`,
			check: func(t *testing.T, u *models.Update) {
				if u.ID != 105 || u.Message.Text != "a\uFFFDb" {
					t.Fatalf("decoded text = %q", u.Message.Text)
				}
			},
		},
		{
			name: "update of a type we do not handle still answers 200",
			body: `{"update_id":104,"poll":{"id":"p","question":"q","options":[]}}`,
			check: func(t *testing.T, u *models.Update) {
				if u.ID != 104 || u.Poll == nil {
					t.Fatalf("decoded update = %+v", u)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			var body io.Reader = strings.NewReader(tt.body)
			if strings.HasPrefix(tt.name, "chunked") {
				body = strReader(tt.body)
			}
			rec := f.post(testSecret, body)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200 (body %q)", rec.Code, rec.Body)
			}
			if rec.Body.Len() != 0 {
				t.Fatalf("200 body = %q, want empty", rec.Body)
			}
			calls := f.proc.calls()
			if len(calls) != 1 {
				t.Fatalf("Process called %d times, want 1", len(calls))
			}
			tt.check(t, calls[0])
		})
	}
}

func TestWebhookProcessRunsWithADeadline(t *testing.T) {
	f := newFixture(t, func(ctx context.Context, _ *models.Update) error {
		<-ctx.Done() // a Processor stuck on Redis
		return fmt.Errorf("save session: %w", ctx.Err())
	}, func(c *webhook.Config) { c.ProcessTimeout = 20 * time.Millisecond })
	start := time.Now()
	rec := f.post(testSecret, strings.NewReader(messageJSON(1, "x")))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", rec.Code)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("request took %v; the process timeout did not apply", d)
	}
}

func TestWebhookDefaultDeadlineIsTenSeconds(t *testing.T) {
	var left time.Duration
	f := newFixture(t, func(ctx context.Context, _ *models.Update) error {
		dl, ok := ctx.Deadline()
		if !ok {
			return errors.New("no deadline")
		}
		left = time.Until(dl)
		return nil
	}, nil)
	if rec := f.post(testSecret, strings.NewReader(messageJSON(1, "x"))); rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
	if left <= 9*time.Second || left > 10*time.Second {
		t.Fatalf("deadline in %v, want about 10s", left)
	}
}

func TestWebhookRefusesBodiesOverTheLimit(t *testing.T) {
	const limit = 1 << 20
	big := messageJSON(1, strings.Repeat("a", limit)) // valid JSON, just too big
	// exact is a valid update of exactly limit bytes (an unknown padding field fills it).
	head := `{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"},"pad":"`
	exact := head + strings.Repeat("p", limit-len(head)-2) + `"}`

	tests := []struct {
		name string
		body io.Reader
		want int
	}{
		{"over the limit with Content-Length", strings.NewReader(big), http.StatusRequestEntityTooLarge},
		{"over the limit chunked, no Content-Length", strReader(big), http.StatusRequestEntityTooLarge},
		{"one byte over chunked", strReader(exact + " "), http.StatusRequestEntityTooLarge},
		{"exactly the limit with Content-Length", strings.NewReader(exact), http.StatusOK},
		{"exactly the limit chunked", strReader(exact), http.StatusOK},
	}
	if len(exact) != limit {
		t.Fatalf("test body is %d bytes, want %d", len(exact), limit)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			rec := f.post(testSecret, tt.body)
			if rec.Code != tt.want {
				t.Fatalf("status = %d, want %d", rec.Code, tt.want)
			}
			wantCalls := 0
			if tt.want == http.StatusOK {
				wantCalls = 1
			}
			if n := len(f.proc.calls()); n != wantCalls {
				t.Fatalf("Process called %d times, want %d", n, wantCalls)
			}
		})
	}
}

func TestWebhookConfiguredBodyLimit(t *testing.T) {
	f := newFixture(t, nil, func(c *webhook.Config) { c.MaxBody = 64 })
	if rec := f.post(testSecret, strReader(messageJSON(1, strings.Repeat("x", 64)))); rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status = %d, want 413", rec.Code)
	}
	if rec := f.post(testSecret, strings.NewReader(`{"update_id":1}`)); rec.Code != http.StatusOK {
		t.Fatalf("small body: status = %d, want 200", rec.Code)
	}
}

func TestWebhookRefusesMalformedUpdates(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"empty body", ""},
		{"not JSON", "hello"},
		{"truncated JSON", `{"update_id":1,"message":{"text":"hi"`},
		{"trailing garbage", `{"update_id":1} {"update_id":2}`},
		{"JSON array", `[{"update_id":1}]`},
		{"JSON null", `null`},
		{"JSON string", `"update"`},
		{"missing update_id", `{"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"}}`},
		{"update_id zero", `{"update_id":0}`},
		{"negative update_id", `{"update_id":-5}`},
		{"update_id as string", `{"update_id":"12"}`},
		{"update_id fractional", `{"update_id":1.5}`},
		{"wrong type inside the message", `{"update_id":1,"message":{"message_id":"seven"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, nil)
			rec := f.post(testSecret, strings.NewReader(tt.body))
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400", rec.Code)
			}
			if n := len(f.proc.calls()); n != 0 {
				t.Fatalf("Process called %d times for a malformed update", n)
			}
		})
	}
}

func TestWebhookMapsProcessorResults(t *testing.T) {
	tests := []struct {
		name string
		fn   func(context.Context, *models.Update) error
		want int
	}{
		{"nil is 200", func(context.Context, *models.Update) error { return nil }, http.StatusOK},
		{"wrapped ErrUnavailable is 503 so Telegram retries", func(context.Context, *models.Update) error {
			return fmt.Errorf("commit: %w", fmt.Errorf("redis: %w", webhook.ErrUnavailable))
		}, http.StatusServiceUnavailable},
		{"other error is 500", func(context.Context, *models.Update) error {
			return errors.New("session schema broken")
		}, http.StatusInternalServerError},
		{"panic is 500", func(context.Context, *models.Update) error {
			panic("boom")
		}, http.StatusInternalServerError},
		{"runtime panic is 500", func(_ context.Context, u *models.Update) error {
			var m map[string]int
			//lint:ignore SA5000 the nil-map write is the runtime panic this case tests
			m[u.Message.Text]++
			return nil
		}, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.fn, nil)
			rec := f.post(testSecret, strings.NewReader(messageJSON(9, "x")))
			if rec.Code != tt.want {
				t.Fatalf("status = %d, want %d", rec.Code, tt.want)
			}
			if n := len(f.proc.calls()); n != 1 {
				t.Fatalf("Process called %d times, want 1", n)
			}
		})
	}
}

func TestServerKeepsServingAfterAPanic(t *testing.T) {
	var mu sync.Mutex
	panicNext := true
	f := newFixture(t, func(context.Context, *models.Update) error {
		mu.Lock()
		p := panicNext
		panicNext = false
		mu.Unlock()
		if p {
			panic(errors.New("processor bug"))
		}
		return nil
	}, nil)
	srv := httptest.NewServer(f.h)
	defer srv.Close()

	for i, want := range []int{http.StatusInternalServerError, http.StatusOK, http.StatusOK} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+webhookPath, strings.NewReader(messageJSON(int64(i+1), "x")))
		req.Header.Set(webhook.SecretHeader, testSecret)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("request %d: status = %d, want %d", i, resp.StatusCode, want)
		}
	}
	if !strings.Contains(f.logs.String(), `"stack":"goroutine`) {
		t.Fatalf("panic log has no stack:\n%s", f.logs)
	}
}

func TestHealthzAnswersOK(t *testing.T) {
	f := newFixture(t, nil, func(c *webhook.Config) {
		c.Ready = func(context.Context) error { return errors.New("redis down") }
	})
	rec := f.get("/healthz")
	if rec.Code != http.StatusOK || rec.Body.String() != "ok" {
		t.Fatalf("/healthz = %d %q, want 200 ok even when not ready", rec.Code, rec.Body)
	}
}

func TestReadyzFollowsReady(t *testing.T) {
	tests := []struct {
		name  string
		ready func(context.Context) error
		want  int
	}{
		{"no Ready func is ready", nil, http.StatusOK},
		{"Ready nil is 200", func(context.Context) error { return nil }, http.StatusOK},
		{"Ready error is 503", func(context.Context) error { return errors.New("dial redis: refused") }, http.StatusServiceUnavailable},
		{"slow Ready times out to 503", func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		}, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, func(c *webhook.Config) {
				c.Ready = tt.ready
				c.ReadyTimeout = 20 * time.Millisecond
			})
			if rec := f.get("/readyz"); rec.Code != tt.want {
				t.Fatalf("/readyz = %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

func TestRoutesOutsideTheAPI(t *testing.T) {
	admin := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, r.Method+" "+r.URL.Path)
	})
	panics := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("admin bug") })
	routes := map[string]http.Handler{"/admin/cases": admin, "/admin/licences": admin, "/admin/x": panics}
	const token = "adm1n-t0ken"
	tests := []struct {
		name     string
		token    string
		method   string
		path     string
		auth     string
		want     int
		wantBody string
	}{
		{"unknown path is 404", token, http.MethodGet, "/nope", "", http.StatusNotFound, ""},
		{"GET on the webhook is 405", token, http.MethodGet, webhookPath, "", http.StatusMethodNotAllowed, ""},
		{"POST on healthz is 405", token, http.MethodPost, "/healthz", "", http.StatusMethodNotAllowed, ""},
		{"admin off is 404", "", http.MethodGet, "/admin/cases", "Bearer " + token, http.StatusNotFound, `{"error":"not found"}` + "\n"},
		{"admin GET sees the full path", token, http.MethodGet, "/admin/cases/17", "Bearer " + token, http.StatusTeapot, "GET /admin/cases/17"},
		{"admin prefix itself", token, http.MethodGet, "/admin/cases", "Bearer " + token, http.StatusTeapot, "GET /admin/cases"},
		{"admin POST reaches the handler", token, http.MethodPost, "/admin/licences/import", "Bearer " + token, http.StatusTeapot, "POST /admin/licences/import"},
		// One parsing of the header on every route: any case, any spaces.
		{"odd spacing is the same token", token, http.MethodGet, "/admin/licences", "  bearer   " + token + " ", http.StatusTeapot, "GET /admin/licences"},
		{"no token is 401", token, http.MethodGet, "/admin/cases/17", "", http.StatusUnauthorized, `{"error":"missing or wrong bearer token"}` + "\n"},
		{"wrong token is 401", token, http.MethodGet, "/admin/licences", "Bearer " + token + "x", http.StatusUnauthorized, ""},
		{"bare token is 401", token, http.MethodGet, "/admin/licences", token, http.StatusUnauthorized, ""},
		{"no token on an unknown admin path is 401", token, http.MethodGet, "/admin/other", "", http.StatusUnauthorized, ""},
		{"unknown admin path is a JSON 404", token, http.MethodGet, "/admin/other", "Bearer " + token, http.StatusNotFound, `{"error":"not found"}` + "\n"},
		{"admin panic is a JSON 500", token, http.MethodGet, "/admin/x", "Bearer " + token, http.StatusInternalServerError, `{"error":"internal server error"}` + "\n"},
		{"console off is 404", token, http.MethodGet, "/console/login", "", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, func(c *webhook.Config) { c.Admin, c.AdminToken = routes, tt.token })
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			f.h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("%s %s = %d, want %d", tt.method, tt.path, rec.Code, tt.want)
			}
			if tt.wantBody != "" && rec.Body.String() != tt.wantBody {
				t.Fatalf("body = %q, want %q", rec.Body, tt.wantBody)
			}
			if tt.want == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestMetricsCountOutcomes(t *testing.T) {
	calls := 0
	f := newFixture(t, func(context.Context, *models.Update) error {
		calls++
		switch calls {
		case 2:
			return fmt.Errorf("redis: %w", webhook.ErrUnavailable)
		case 3:
			return errors.New("bug")
		case 4:
			panic("bug")
		}
		return nil
	}, func(c *webhook.Config) { c.MaxBody = 1024 })

	f.post(testSecret, strings.NewReader(messageJSON(1, "ok")))                                                                           // ok, message
	f.post(testSecret, strings.NewReader(callbackJSON(2, "x")))                                                                           // unavailable, callback_query
	f.post(testSecret, strings.NewReader(`{"update_id":3,"edited_message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"}}}`))  // error
	f.post(testSecret, strings.NewReader(`{"update_id":4,"my_chat_member":{"chat":{"id":1,"type":"private"},"date":1}}`))                 // panic
	f.post("wrong", strings.NewReader(messageJSON(5, "x")))                                                                               // unauthorized
	f.post(testSecret, strReader(messageJSON(6, strings.Repeat("a", 2048))))                                                              // too_large
	f.post(testSecret, strings.NewReader("{"))                                                                                            // bad_request
	f.post(testSecret, strings.NewReader(`{"update_id":7,"channel_post":{"message_id":1,"date":1,"chat":{"id":-100,"type":"channel"}}}`)) // ok, channel_post

	rec := f.get("/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics = %d", rec.Code)
	}
	out := rec.Body.String()
	for _, want := range []string{
		`tasdeeq_updates_total{outcome="ok",type="message"} 1`,
		`tasdeeq_updates_total{outcome="unavailable",type="callback_query"} 1`,
		`tasdeeq_updates_total{outcome="error",type="edited_message"} 1`,
		`tasdeeq_updates_total{outcome="panic",type="my_chat_member"} 1`,
		`tasdeeq_updates_total{outcome="unauthorized",type="none"} 1`,
		`tasdeeq_updates_total{outcome="too_large",type="none"} 1`,
		`tasdeeq_updates_total{outcome="bad_request",type="none"} 1`,
		`tasdeeq_updates_total{outcome="ok",type="channel_post"} 1`,
		`tasdeeq_update_seconds_count 5`,
		`go_goroutines `,
		`process_cpu_seconds_total `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestNewMetricsSharesCollectorsOnOneRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	a := webhook.NewMetrics(reg)
	b := webhook.NewMetrics(reg)
	if a.VerdictsTotal != b.VerdictsTotal || a.StepSeconds != b.StepSeconds || a.UpdatesTotal != b.UpdatesTotal {
		t.Fatal("second NewMetrics on the same registry made new collectors")
	}
	// New on the same registry must not fail either, and the dialog layer's
	// observations must show up on /metrics.
	f := newFixture(t, nil, func(c *webhook.Config) { c.Registry = reg })
	a.ObserveVerdict("high")
	b.ObserveVerdict("high")
	a.ObserveStep(3 * time.Millisecond)
	out := f.get("/metrics").Body.String()
	for _, want := range []string{`tasdeeq_verdicts_total{risk="high"} 2`, `tasdeeq_step_seconds_count 1`} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestRegisterOncePanicsOnConflictingCollector(t *testing.T) {
	reg := prometheus.NewRegistry()
	webhook.NewMetrics(reg)
	defer func() {
		if recover() == nil {
			t.Fatal("registering tasdeeq_verdicts_total with other labels did not panic")
		}
	}()
	webhook.RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tasdeeq_verdicts_total", Help: "Ad analyser verdicts by risk level.",
	}, []string{"level"}))
}

func TestLogsNeverContainBodiesOrTheSecret(t *testing.T) {
	f := newFixture(t, func(_ context.Context, u *models.Update) error {
		switch u.ID {
		case 2:
			panic("cannot handle " + u.Message.Text) // a careless panic value carrying user text
		case 3:
			return fmt.Errorf("redis: %w", webhook.ErrUnavailable)
		case 4:
			return errors.New("session corrupt")
		}
		return nil
	}, func(c *webhook.Config) { c.MaxBody = 4096 })

	f.post(testSecret, strings.NewReader(messageJSON(1, secretPhrase)))
	f.post(testSecret, strings.NewReader(messageJSON(2, secretPhrase)))
	f.post(testSecret, strings.NewReader(messageJSON(3, secretPhrase)))
	f.post(testSecret, strings.NewReader(messageJSON(4, secretPhrase)))
	f.post(testSecret, strings.NewReader(callbackJSON(5, secretPhrase)))
	f.post(testSecret, strings.NewReader(`{"update_id":6,"text":"`+secretPhrase))    // bad JSON
	f.post(testSecret, strings.NewReader(`{"update_id":"`+secretPhrase+`"}`))        // type error
	f.post(testSecret, strReader(messageJSON(7, strings.Repeat(secretPhrase, 200)))) // too large
	f.post(secretPhrase+testSecret, strings.NewReader(messageJSON(8, secretPhrase))) // wrong secret
	f.post(testSecret[:5], strings.NewReader(messageJSON(9, secretPhrase)))          // partial secret
	f.get("/healthz")

	logs := f.logs.String()
	for _, forbidden := range []string{secretPhrase, "0300-1234567", testSecret, testSecret[:5], "Asad"} {
		if strings.Contains(logs, forbidden) {
			t.Errorf("logs contain %q:\n%s", forbidden, logs)
		}
	}
	// The log is still useful: it has the request line data and update ids.
	for _, want := range []string{
		`"method":"POST"`, `"path":"/telegram/webhook"`, `"status":200`, `"status":503`, `"status":401`,
		`"status":413`, `"update_id":1`, `"update_type":"callback_query"`, `"duration":`, `"panic_type":"string"`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}

func TestNewServerSetsTimeouts(t *testing.T) {
	h := http.NotFoundHandler()
	s := webhook.NewServer(":8080", h)
	if s.Addr != ":8080" || s.Handler == nil {
		t.Fatalf("server = %+v", s)
	}
	if s.ReadHeaderTimeout != 5*time.Second || s.ReadTimeout != 15*time.Second ||
		s.WriteTimeout != 15*time.Second || s.IdleTimeout != 60*time.Second || s.MaxHeaderBytes != 64<<10 {
		t.Fatalf("timeouts = %v %v %v %v %d", s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
	if s.WriteTimeout <= webhook.DefaultProcessTimeout {
		t.Fatalf("WriteTimeout %v does not leave room for the %v process timeout", s.WriteTimeout, webhook.DefaultProcessTimeout)
	}
}

// TestShutdownWaitsForRequestsNotSpareConnections: a request in flight is finished and answered,
// while a connection that never sent a request does not hold the shutdown (http.Server alone
// waits five seconds for it, longer than a 2 s budget).
func TestShutdownWaitsForRequestsNotSpareConnections(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	s := webhook.NewServer("127.0.0.1:0", h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	spare, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer spare.Close()
	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answer <- string(b)
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	t0 := time.Now()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	took := time.Since(t0)
	if got := <-answer; got != "done" {
		t.Errorf("the request in flight got %q", got)
	}
	if took < 200*time.Millisecond || took > time.Second {
		t.Errorf("shutdown took %v: want it to wait for the request (300 ms) and not for the spare connection", took)
	}
}
