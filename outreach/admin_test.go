package outreach_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/outreach"
)

// adminFixture serves the links and stats of the admin API; the bearer token is checked before
// them, by the router's /admin group (package auth), so requests here carry none.
type adminFixture struct {
	b     linksBackend
	links *outreach.Links
	stats *outreach.Stats
	bot   atomic.Value // string
	h     http.Handler
}

func newAdminFixture(t *testing.T, b linksBackend) *adminFixture {
	t.Helper()
	f := &adminFixture{b: b, links: outreach.NewLinks(b.rdb), stats: outreach.NewStats(b.rdb)}
	f.bot.Store("TasdeeqBot")
	f.h = outreach.AdminHandler(f.links, f.stats, func() string { return f.bot.Load().(string) }, nil)
	return f
}

func (f *adminFixture) authed(method, path, body string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, httptest.NewRequest(method, path, r))
	return rec
}

type adminLink struct {
	outreach.Link
	URL string `json:"url"`
	QR  string `json:"qr"`
}

func adminDecode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q is not the expected JSON: %v", rec.Body.String(), err)
	}
	return v
}

func TestAdminCreateAndFetchLink(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			f := newAdminFixture(t, b)
			rec := f.authed(http.MethodPost, "/admin/links", `{"mrc":"lhr","label":"Job fair","licence":"9848/lhr"}`)
			if rec.Code != http.StatusCreated {
				t.Fatalf("POST /admin/links = %d %s, want 201", rec.Code, rec.Body)
			}
			got := adminDecode[adminLink](t, rec)
			if !linkIDRe.MatchString(got.ID) {
				t.Fatalf("id %q", got.ID)
			}
			if want := "https://t.me/TasdeeqBot?start=c_" + got.ID; got.URL != want {
				t.Errorf("url = %q, want %q", got.URL, want)
			}
			if want := "/admin/links/" + got.ID + "/qr.png"; got.QR != want {
				t.Errorf("qr = %q, want %q", got.QR, want)
			}
			if got.MRC != "LHR" || got.Label != "Job fair" || got.Licence != "9848/LHR" || got.Payload != "c_"+got.ID {
				t.Errorf("link = %+v", got.Link)
			}
			if loc := rec.Header().Get("Location"); loc != "/admin/links/"+got.ID {
				t.Errorf("Location = %q", loc)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}

			// Without a licence.
			rec = f.authed(http.MethodPost, "/admin/links", `{"mrc":"RWP","label":"Protector desk"}`)
			if rec.Code != http.StatusCreated {
				t.Fatalf("POST without licence = %d %s", rec.Code, rec.Body)
			}
			second := adminDecode[adminLink](t, rec)

			rec = f.authed(http.MethodGet, "/admin/links/"+got.ID, "")
			if rec.Code != http.StatusOK {
				t.Fatalf("GET link = %d", rec.Code)
			}
			if one := adminDecode[adminLink](t, rec); one != got {
				t.Errorf("GET link = %+v, want %+v", one, got)
			}

			for _, tt := range []struct {
				query string
				want  []string
			}{{"", []string{second.ID, got.ID}}, {"?mrc=lhr", []string{got.ID}}, {"?mrc=KAR", nil}} {
				rec = f.authed(http.MethodGet, "/admin/links"+tt.query, "")
				list := adminDecode[struct{ Links []adminLink }](t, rec)
				var ids []string
				for _, l := range list.Links {
					ids = append(ids, l.ID)
					if l.URL == "" || l.QR == "" {
						t.Errorf("listed link %s without url or qr", l.ID)
					}
				}
				if rec.Code != http.StatusOK || strings.Join(ids, ",") != strings.Join(tt.want, ",") {
					t.Errorf("GET /admin/links%s = %d %v, want %v", tt.query, rec.Code, ids, tt.want)
				}
			}

			rec = f.authed(http.MethodGet, got.QR, "")
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/png" {
				t.Fatalf("GET qr = %d %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			text, img := decodeQR(t, rec.Body.Bytes())
			if text != got.URL {
				t.Errorf("QR decodes to %q, want %q", text, got.URL)
			}
			if img.Bounds().Dx() < 512 || img.Bounds().Dy() < 512 {
				t.Errorf("QR is %v, want at least 512x512", img.Bounds())
			}
			rec = f.authed(http.MethodGet, got.QR+"?size=600", "")
			if _, img := decodeQR(t, rec.Body.Bytes()); img.Bounds().Dx() < 600 {
				t.Errorf("QR ?size=600 is %v", img.Bounds())
			}

			for _, tt := range []struct {
				name, path string
				want       int
			}{
				{"unknown link", "/admin/links/aaaaaaaaaaaa", http.StatusNotFound},
				{"malformed id", "/admin/links/NOT-AN-ID", http.StatusNotFound},
				{"unknown qr", "/admin/links/aaaaaaaaaaaa/qr.png", http.StatusNotFound},
				{"qr too small", got.QR + "?size=100", http.StatusBadRequest},
				{"qr size not a number", got.QR + "?size=big", http.StatusBadRequest},
				{"qr too large (memory grows with its square)", got.QR + "?size=4096", http.StatusBadRequest},
				{"qr one pixel too large", got.QR + "?size=1025", http.StatusBadRequest},
			} {
				if rec := f.authed(http.MethodGet, tt.path, ""); rec.Code != tt.want {
					t.Errorf("%s: GET %s = %d, want %d", tt.name, tt.path, rec.Code, tt.want)
				}
			}
		})
	}
}

func TestAdminCreateRefusesBadInput(t *testing.T) {
	f := newAdminFixture(t, linksMiniredis(t))
	tests := []struct {
		name, body string
		want       int
		msg        string
	}{
		{"not JSON", `mrc=LHR`, http.StatusBadRequest, "JSON"},
		{"empty body", ``, http.StatusBadRequest, "JSON"},
		{"array", `[]`, http.StatusBadRequest, "JSON"},
		{"unknown field", `{"mrc":"LHR","label":"x","colour":"red"}`, http.StatusBadRequest, "colour"},
		{"two objects", `{"mrc":"LHR","label":"x"}{}`, http.StatusBadRequest, "JSON"},
		{"bad mrc", `{"mrc":"L","label":"x"}`, http.StatusBadRequest, "mrc"},
		{"missing label", `{"mrc":"LHR"}`, http.StatusBadRequest, "label"},
		{"bad licence", `{"mrc":"LHR","label":"x","licence":"call 0300"}`, http.StatusBadRequest, "licence"},
		{"oversize", `{"mrc":"LHR","label":"` + strings.Repeat("a", 70<<10) + `"}`, http.StatusRequestEntityTooLarge, "larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := f.authed(http.MethodPost, "/admin/links", tt.body)
			if rec.Code != tt.want {
				t.Fatalf("POST %s = %d %s, want %d", tt.name, rec.Code, rec.Body, tt.want)
			}
			if e := adminDecode[struct{ Error string }](t, rec); !strings.Contains(e.Error, tt.msg) {
				t.Errorf("error %q does not mention %q", e.Error, tt.msg)
			}
		})
	}
	if n, _ := f.b.rdb.Exists(context.Background(), "tasdeeq:{links}:all").Result(); n != 0 {
		t.Error("a bad request created a link")
	}
}

func TestAdminWithoutBotUsername(t *testing.T) {
	f := newAdminFixture(t, linksMiniredis(t))
	f.bot.Store("")
	if rec := f.authed(http.MethodPost, "/admin/links", `{"mrc":"LHR","label":"x"}`); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("POST without bot username = %d, want 503", rec.Code)
	}
	if n, _ := f.b.rdb.Exists(context.Background(), "tasdeeq:{links}:all").Result(); n != 0 {
		t.Error("a link was created without a bot username")
	}
}

func TestAdminStats(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			f := newAdminFixture(t, b)
			lhr, err := f.links.Create(ctx, "LHR", "Job fair", "")
			if err != nil {
				t.Fatal(err)
			}
			rwp, err := f.links.Create(ctx, "RWP", "Desk", "")
			if err != nil {
				t.Fatal(err)
			}
			statsRecord(t, b.rdb, f.stats, []outreach.Link{lhr, rwp}, []statsEvent{
				{0, outreach.EventUser, 1, statsDay1},
				{0, outreach.EventCheck, 1, statsDay1},
				{0, outreach.EventHigh, 1, statsDay2},
				{1, outreach.EventUser, 2, statsDay2},
				{1, outreach.EventReport, 2, statsDay2},
			})
			// Today's activity, found by the default range.
			statsRecord(t, b.rdb, f.stats, []outreach.Link{lhr}, []statsEvent{{0, outreach.EventCheck, 9, time.Now()}})

			rec := f.authed(http.MethodGet, "/admin/stats?from=2026-03-01&to=2026-03-02", "")
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
				t.Fatalf("GET /admin/stats = %d %s", rec.Code, rec.Body)
			}
			got := adminDecode[map[string]outreach.MRCStats](t, rec)
			if len(got) != 2 {
				t.Fatalf("stats keyed by %v, want LHR and RWP", got)
			}
			if c := got["LHR"]; c.Totals != (outreach.Counts{Users: 1, Checks: 1, High: 1}) ||
				c.Days["2026-03-01"] != (outreach.Counts{Users: 1, Checks: 1}) || c.Links[lhr.ID] != c.Totals {
				t.Errorf("LHR = %+v", c)
			}
			if c := got["RWP"]; c.Totals != (outreach.Counts{Users: 1, Reports: 1}) || c.Days["2026-03-02"] != c.Totals {
				t.Errorf("RWP = %+v", c)
			}
			var raw map[string]map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
				t.Fatal(err)
			}
			if string(raw["RWP"]["totals"]) != `{"users":1,"checks":0,"high":0,"reports":1}` {
				t.Errorf("RWP totals JSON = %s", raw["RWP"]["totals"])
			}

			rec = f.authed(http.MethodGet, "/admin/stats", "")
			def := adminDecode[map[string]outreach.MRCStats](t, rec)
			now := time.Now()
			want, err := f.stats.ByMRC(ctx, now.AddDate(0, 0, -29), now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(def, withoutLinkDays(t, want)) || def["LHR"].Days[outreach.StatsDay(now)].Checks < 1 {
				t.Errorf("default range = %+v, want the last 30 days %+v with today's check", def, want)
			}

			for _, q := range []string{"?from=yesterday", "?to=2026-13-01", "?from=2026-03-02&to=2026-03-01", "?from=2020-01-01&to=2026-03-01"} {
				if rec := f.authed(http.MethodGet, "/admin/stats"+q, ""); rec.Code != http.StatusBadRequest {
					t.Errorf("GET /admin/stats%s = %d, want 400", q, rec.Code)
				}
			}
		})
	}
}

func TestAdminOtherPaths(t *testing.T) {
	f := newAdminFixture(t, linksMiniredis(t))
	for _, path := range []string{"/admin/x", "/admin/cases/123", "/admin/links/a/b", "/admin/", "/admin/links/"} {
		rec := f.authed(http.MethodGet, path, "")
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("GET %s = %d %q, want a JSON 404", path, rec.Code, rec.Body)
		}
	}
	for _, tt := range []struct{ method, path string }{{http.MethodDelete, "/admin/links"}, {http.MethodPost, "/admin/stats"}, {http.MethodPut, "/admin/links/aaaaaaaaaaaa"}} {
		if rec := f.authed(tt.method, tt.path, ""); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s = %d, want 405 with Allow", tt.method, tt.path, rec.Code)
		}
	}
}

func TestAdminRedisDown(t *testing.T) {
	b := linksMiniredis(t)
	f := newAdminFixture(t, b)
	b.mr.Close()
	for _, tt := range []struct{ method, path, body string }{
		{http.MethodGet, "/admin/links", ""},
		{http.MethodGet, "/admin/links/aaaaaaaaaaaa", ""},
		{http.MethodGet, "/admin/stats", ""},
		{http.MethodPost, "/admin/links", `{"mrc":"LHR","label":"x"}`},
	} {
		if rec := f.authed(tt.method, tt.path, tt.body); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %s with Redis down = %d, want 503", tt.method, tt.path, rec.Code)
		}
	}
}
