package outreach_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
)

func TestCampaignsAdmin(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		subs := subscribeMany(t, rdb, 5, nil)
		b := outreach.NewBroadcaster(rdb, subs)
		h := outreach.CampaignsAdmin(b)
		do := func(h http.Handler, method, path, body string) (int, map[string]any) {
			t.Helper()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
			var out map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			return rec.Code, out
		}

		code, out := do(h, "POST", "/admin/campaigns", `{"text":{"en":"Hello","ur":"سلام"},"mrc":"LHR"}`)
		id, _ := out["id"].(string)
		if code != http.StatusAccepted || id == "" {
			t.Fatalf("create: %d %v", code, out)
		}
		code, out = do(h, "POST", "/admin/campaigns", `{"text":{"en":"Hello"}}`)
		if code != http.StatusAccepted || out["total"] != float64(5) {
			t.Fatalf("create without mrc: %d %v", code, out)
		}
		for _, body := range []string{`{"text":{}}`, `{"txt":{"en":"x"}}`, `not json`, `{"text":{"de":"x"}}`, `{"text":{"en":"x"}}{}`} {
			if code, out := do(h, "POST", "/admin/campaigns", body); code != http.StatusBadRequest || out["error"] == nil {
				t.Errorf("%s: %d %v", body, code, out)
			}
		}
		code, out = do(h, "GET", "/admin/campaigns/"+id, "")
		if code != http.StatusOK || out["id"] != id || out["mrc"] != "LHR" || out["queued"] != float64(0) || out["done"] != false {
			t.Fatalf("get: %d %v", code, out)
		}
		if err := b.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		code, out = do(h, "GET", "/admin/campaigns/"+id, "")
		if code != http.StatusOK || out["done"] != true || out["total"] != float64(0) {
			t.Fatalf("get after drain (no LHR subscribers): %d %v", code, out)
		}
		if code, _ := do(h, "GET", "/admin/campaigns/nosuch", ""); code != http.StatusNotFound {
			t.Errorf("unknown: %d", code)
		}
		if code, _ := do(h, "GET", "/admin/campaigns", ""); code != http.StatusMethodNotAllowed {
			t.Errorf("GET collection: %d", code)
		}
		if code, _ := do(h, "DELETE", "/admin/campaigns/"+id, ""); code != http.StatusMethodNotAllowed {
			t.Errorf("DELETE: %d", code)
		}
		for _, p := range []string{"/admin/links", "/admin/campaigns/" + id + "/x", "/admin/campaigns/", "/admin/campaignsx"} {
			if code, out := do(h, "GET", p, ""); code != http.StatusNotFound || out["error"] == nil {
				t.Errorf("%s: %d %v, want a JSON 404", p, code, out)
			}
		}
	})
}
