package outreach_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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

func TestRecentCampaigns(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		b := outreach.NewBroadcaster(rdb, outreach.NewSubscribers(rdb), outreach.WithBroadcastClock(func() time.Time { clock = clock.Add(time.Minute); return clock }))
		var ids []string
		for _, mrc := range []string{"", "LHR", "ISB"} {
			c, err := b.Create(ctx, map[string]string{"en": "Never pay a visa fee."}, mrc)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		all, err := b.Recent(ctx, "", 10)
		if err != nil || len(all) != 3 || all[0].ID != ids[2] || all[2].ID != ids[0] {
			t.Fatalf("recent: %v %v", all, err)
		}
		lhr, _ := b.Recent(ctx, "lhr", 10)
		if len(lhr) != 1 || lhr[0].ID != ids[1] {
			t.Fatalf("LHR: %v", lhr)
		}
		if two, _ := b.Recent(ctx, "", 2); len(two) != 2 {
			t.Fatalf("limit: %d", len(two))
		}
	})
}
