package outreach_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tasdeeq/tasdeeq/outreach"
)

func TestWhatsAppLinkURL(t *testing.T) {
	l := outreach.Link{ID: "abcdefgh2345", Payload: "c_abcdefgh2345"}
	if got, want := outreach.WhatsAppLinkURL("+92 300 0000000", l), "https://wa.me/923000000000?text=c_abcdefgh2345"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestAdminWhatsAppLinks: with the WhatsApp number known, every link also has its wa.me link,
// and its QR code decodes to it; without it, asking for the WhatsApp QR code is 404.
func TestAdminWhatsAppLinks(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			f := newAdminFixture(t, b)
			rec := f.authed(http.MethodPost, "/admin/links", `{"mrc":"LHR","label":"Job fair"}`)
			if rec.Code != http.StatusCreated {
				t.Fatalf("POST = %d %s", rec.Code, rec.Body)
			}
			link := adminDecode[outreach.Link](t, rec)
			if rec := f.authed(http.MethodGet, "/admin/links/"+link.ID+"/qr.png?channel=whatsapp", ""); rec.Code != http.StatusNotFound {
				t.Errorf("WhatsApp QR with the channel off = %d, want 404", rec.Code)
			}
			on := outreach.AdminHandler(f.links, f.stats, func() string { return "TasdeeqBot" }, nil,
				outreach.WithWhatsAppNumber("923000000000"))
			get := func(path string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				w := httptest.NewRecorder()
				on.ServeHTTP(w, req)
				return w
			}
			view := adminDecode[struct {
				WhatsAppURL string `json:"whatsapp_url"`
				WhatsAppQR  string `json:"whatsapp_qr"`
			}](t, get("/admin/links/"+link.ID))
			want := "https://wa.me/923000000000?text=c_" + link.ID
			if view.WhatsAppURL != want || view.WhatsAppQR != "/admin/links/"+link.ID+"/qr.png?channel=whatsapp" {
				t.Errorf("view %+v", view)
			}
			rec = get(view.WhatsAppQR)
			if rec.Code != http.StatusOK {
				t.Fatalf("WhatsApp QR = %d", rec.Code)
			}
			if got, _ := decodeQR(t, rec.Body.Bytes()); got != want {
				t.Errorf("QR decodes to %q, want %q", got, want)
			}
			if rec := get("/admin/links/" + link.ID + "/qr.png?channel=sms"); rec.Code != http.StatusBadRequest {
				t.Errorf("unknown channel = %d", rec.Code)
			}
		})
	}
}
