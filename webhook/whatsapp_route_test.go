package webhook_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tasdeeq/tasdeeq/webhook"
)

// TestWhatsAppRoute: the WhatsApp handler gets GET and POST /whatsapp/webhook, with no Telegram
// secret asked; without it the route does not exist.
func TestWhatsAppRoute(t *testing.T) {
	var methods []string
	wa := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods = append(methods, r.Method)
		w.WriteHeader(http.StatusNoContent)
	})
	on := newFixture(t, nil, func(c *webhook.Config) { c.WhatsApp = wa })
	off := newFixture(t, nil, nil)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		w := httptest.NewRecorder()
		on.h.ServeHTTP(w, httptest.NewRequest(m, "/whatsapp/webhook", nil))
		if w.Code != http.StatusNoContent {
			t.Errorf("on, %s: status %d", m, w.Code)
		}
		w = httptest.NewRecorder()
		off.h.ServeHTTP(w, httptest.NewRequest(m, "/whatsapp/webhook", nil))
		if w.Code != http.StatusNotFound && w.Code != http.StatusMethodNotAllowed {
			t.Errorf("off, %s: status %d, want 404", m, w.Code)
		}
	}
	if len(methods) != 2 {
		t.Errorf("handler saw %v", methods)
	}
	if len(on.proc.calls()) != 0 {
		t.Error("the Telegram processor saw a WhatsApp request")
	}
}
