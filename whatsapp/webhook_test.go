package whatsapp_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/logtest"
	"github.com/tasdeeq/tasdeeq/webhook"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

const (
	appSecret   = "app-secret-0123456789"
	verifyToken = "verify-token-abcdef"
	user        = "923001234567"
)

// recorder is a Processor that keeps what it was given; failWith makes every call fail.
type recorder struct {
	mu       sync.Mutex
	keys     []string
	inputs   []dialogs.Input
	failWith error
}

func (r *recorder) ProcessInput(_ context.Context, key string, in dialogs.Input) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failWith != nil {
		return r.failWith
	}
	r.keys = append(r.keys, key)
	r.inputs = append(r.inputs, in)
	return nil
}

func newHandler(t *testing.T, p whatsapp.Processor) (http.Handler, *prometheus.Registry, *logtest.Buffer) {
	t.Helper()
	reg := prometheus.NewRegistry()
	logs := &logtest.Buffer{}
	h, err := whatsapp.NewHandler(whatsapp.HandlerConfig{AppSecret: appSecret, VerifyToken: verifyToken,
		PhoneNumberID: whatsapptest.PhoneNumberID, Processor: p, Registry: reg, Logger: slog.New(slog.NewTextHandler(logs, nil)), MaxBody: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	return h, reg, logs
}

func post(h http.Handler, body []byte, sig string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/whatsapp/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(whatsapp.SignatureHeader, sig)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestNewHandlerRefusesMissingSettings(t *testing.T) {
	p := &recorder{}
	for name, cfg := range map[string]whatsapp.HandlerConfig{
		"no secret":    {VerifyToken: "v", PhoneNumberID: "1", Processor: p},
		"no token":     {AppSecret: "s", PhoneNumberID: "1", Processor: p},
		"no number":    {AppSecret: "s", VerifyToken: "v", Processor: p},
		"no processor": {AppSecret: "s", VerifyToken: "v", PhoneNumberID: "1"},
	} {
		if _, err := whatsapp.NewHandler(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestVerificationHandshake(t *testing.T) {
	h, reg, _ := newHandler(t, &recorder{})
	for _, tc := range []struct {
		name, mode, token, challenge string
		want                         int
	}{
		{"right token", "subscribe", verifyToken, "1158201444", http.StatusOK},
		{"wrong token", "subscribe", "verify-token-abcdeg", "1158201444", http.StatusForbidden},
		{"prefix of the token", "subscribe", verifyToken[:5], "1158201444", http.StatusForbidden},
		{"no token", "subscribe", "", "1158201444", http.StatusForbidden},
		{"wrong mode", "unsubscribe", verifyToken, "1158201444", http.StatusForbidden},
		{"markup as challenge", "subscribe", verifyToken, "<script>", http.StatusForbidden},
		{"no challenge", "subscribe", verifyToken, "", http.StatusForbidden},
	} {
		q := url.Values{"hub.mode": {tc.mode}, "hub.verify_token": {tc.token}, "hub.challenge": {tc.challenge}}
		req := httptest.NewRequest(http.MethodGet, "/whatsapp/webhook?"+q.Encode(), nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.want)
		}
		if tc.want == http.StatusOK && w.Body.String() != tc.challenge {
			t.Errorf("%s: body %q, want the challenge", tc.name, w.Body.String())
		}
		if tc.want != http.StatusOK && strings.Contains(w.Body.String(), tc.challenge) && tc.challenge != "" {
			t.Errorf("%s: a refused handshake echoed the challenge", tc.name)
		}
	}
	if got := value(t, reg, "tasdeeq_whatsapp_webhook_requests_total", "outcome=verify_ok"); got != 1 {
		t.Errorf("verify_ok = %v", got)
	}
}

func TestSignatureIsChecked(t *testing.T) {
	p := &recorder{}
	h, reg, _ := newHandler(t, p)
	body := whatsapptest.Body(whatsapptest.Notification(user, "Amna", []whatsapp.Message{whatsapptest.Text(user, "hello")}))
	good := whatsapptest.Sign(appSecret, body)
	for _, tc := range []struct {
		name, sig string
		body      []byte
	}{
		{"missing", "", body},
		{"other secret", whatsapptest.Sign("another-secret", body), body},
		{"body changed", good, append(bytes.Clone(body[:len(body)-1]), ' ', '}')},
		{"sha1 form", "sha1=" + strings.Repeat("0", 40), body},
		{"not hex", "sha256=" + strings.Repeat("z", 64), body},
		{"short", good[:len(good)-2], body},
	} {
		if w := post(h, tc.body, tc.sig); w.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", tc.name, w.Code)
		}
	}
	if len(p.inputs) != 0 {
		t.Fatalf("processed %d messages of unsigned notifications", len(p.inputs))
	}
	if got := value(t, reg, "tasdeeq_whatsapp_webhook_requests_total", "outcome=unauthorized"); got != 6 {
		t.Errorf("unauthorized = %v, want 6", got)
	}
	if w := post(h, body, good); w.Code != http.StatusOK {
		t.Fatalf("signed: status %d", w.Code)
	}
	if len(p.inputs) != 1 {
		t.Fatalf("signed: %d inputs", len(p.inputs))
	}
}

func TestSizeAndJSON(t *testing.T) {
	p := &recorder{}
	h, _, _ := newHandler(t, p)
	big := []byte(`{"object":"whatsapp_business_account","entry":[],"pad":"` + strings.Repeat("x", 70<<10) + `"}`)
	if w := post(h, big, whatsapptest.Sign(appSecret, big)); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize: status %d, want 413", w.Code)
	}
	bad := []byte(`{"object": "whatsapp_business_account", "entry": [`)
	if w := post(h, bad, whatsapptest.Sign(appSecret, bad)); w.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: status %d, want 400", w.Code)
	}
	other := []byte(`{"object":"page","entry":[{"id":"1","changes":[]}]}`)
	if w := post(h, other, whatsapptest.Sign(appSecret, other)); w.Code != http.StatusOK {
		t.Errorf("another product: status %d, want 200", w.Code)
	}
	req := httptest.NewRequest(http.MethodPut, "/whatsapp/webhook", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: status %d", w.Code)
	}
}

// TestBatchesAreProcessedInOrderAndStatusesCounted: entry × changes × messages, every message
// stepped once in order with its own key; statuses counted; another number's messages left.
func TestBatchesAreProcessedInOrderAndStatusesCounted(t *testing.T) {
	p := &recorder{}
	h, reg, logs := newHandler(t, p)
	a := whatsapptest.Notification(user, "Amna", []whatsapp.Message{whatsapptest.Text(user, "first"), whatsapptest.Text(user, "second")},
		whatsapptest.Status(user, "delivered"), whatsapptest.Status(user, "read"), whatsapptest.Status(user, "failed", whatsapp.CodeOutsideWindow))
	b := whatsapptest.Notification("923217654321", "Bilal", []whatsapp.Message{whatsapptest.Press("923217654321", "again", "Check another ad", false)})
	other := whatsapptest.Notification("923339999999", "Other", []whatsapp.Message{whatsapptest.Text("923339999999", "not ours")})
	other.Entry[0].Changes[0].Value.Metadata.PhoneNumberID = "999"
	n := a
	n.Entry = append(n.Entry, whatsapp.Entry{ID: "2", Changes: append(b.Entry[0].Changes, other.Entry[0].Changes...)})
	n.Entry[0].Changes = append(n.Entry[0].Changes, whatsapp.Change{Field: "account_update"})
	body := whatsapptest.Body(n)
	if w := post(h, body, whatsapptest.Sign(appSecret, body)); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	if len(p.inputs) != 3 {
		t.Fatalf("%d inputs, want 3", len(p.inputs))
	}
	if p.inputs[0].Text != "first" || p.inputs[1].Text != "second" || p.inputs[2].Data != "again" {
		t.Errorf("order or content: %+v", p.inputs)
	}
	if p.keys[0] == p.keys[1] || !strings.HasPrefix(p.keys[0], "wa:") {
		t.Errorf("keys %q", p.keys)
	}
	for status, want := range map[string]float64{"delivered": 1, "read": 1, "failed": 1} {
		if got := value(t, reg, "tasdeeq_whatsapp_statuses_total", "status="+status); got != want {
			t.Errorf("statuses{%s} = %v", status, got)
		}
	}
	if got := value(t, reg, "tasdeeq_whatsapp_status_errors_total", "code=131047"); got != 1 {
		t.Errorf("status errors 131047 = %v", got)
	}
	if got := value(t, reg, "tasdeeq_whatsapp_messages_total", "type=other_number", "outcome=ignored"); got != 1 {
		t.Errorf("other number ignored = %v", got)
	}
	for _, secret := range []string{user, "923217654321", "Amna", "first", "wamid"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log names %q: %s", secret, logs.String())
		}
	}
}

// TestUnavailableIs503: a message that cannot be committed makes the whole notification 503, so
// that Meta delivers it again; any other failure is 500.
func TestUnavailableIs503(t *testing.T) {
	p := &recorder{failWith: fmt.Errorf("input: %w: redis down", webhook.ErrUnavailable)}
	h, _, _ := newHandler(t, p)
	body := whatsapptest.Body(whatsapptest.Notification(user, "Amna", []whatsapp.Message{whatsapptest.Text(user, "hello")}))
	if w := post(h, body, whatsapptest.Sign(appSecret, body)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("unavailable: status %d, want 503", w.Code)
	}
	p.failWith = fmt.Errorf("something else")
	if w := post(h, body, whatsapptest.Sign(appSecret, body)); w.Code != http.StatusInternalServerError {
		t.Errorf("error: status %d, want 500", w.Code)
	}
}

// TestMessageKeyHidesTheMessageID: the key is stable, and does not contain the id, which encodes
// the sender's number.
func TestMessageKeyHidesTheMessageID(t *testing.T) {
	id := whatsapptest.MessageID()
	k := whatsapp.MessageKey(id)
	if k != whatsapp.MessageKey(id) || k == whatsapp.MessageKey(id+"x") {
		t.Fatal("key not stable or not distinct")
	}
	if strings.Contains(k, "HBg") || len(k) != len("wa:")+32 {
		t.Errorf("key %q", k)
	}
}

// value is the value of the counter name with the given labels (name=value pairs), 0 when absent.
func value(t *testing.T, reg *prometheus.Registry, name string, labels ...string) float64 {
	t.Helper()
	want := map[string]string{}
	for _, l := range labels {
		k, v, _ := strings.Cut(l, "=")
		want[k] = v
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			match := len(m.GetLabel()) == len(want)
			for _, l := range m.GetLabel() {
				match = match && want[l.GetName()] == l.GetValue()
			}
			if match {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
