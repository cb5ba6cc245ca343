package referrals_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/referrals"
)

func TestAdminHandler(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		clk := newClock()
		store := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
		dead := sampleCase("TSQ-DEAD01", clk.Now())
		dead.Status, dead.Targets = referrals.StatusQueued, []string{"FIA", "NCCIA"}
		add(t, store, b.rdb, dead)
		d := get(t, store, dead.ID)
		d.Deliveries["FIA"].Status, d.Deliveries["NCCIA"].Status, d.Status = referrals.StatusDead, referrals.StatusDelivered, referrals.StatusDead
		if err := store.Save(ctx, d); err != nil {
			t.Fatal(err)
		}
		newer := sampleCase("TSQ-NEW001", clk.Now().Add(time.Hour))
		newer.Status, newer.Targets = referrals.StatusQueued, []string{"FIA"}
		add(t, store, b.rdb, newer)

		var logs syncBuffer
		t.Cleanup(func() { checkLogs(t, logs.String()) })
		on := referrals.AdminHandler(store, "tok3n", newLogger(&logs))
		off := referrals.AdminHandler(store, "", newLogger(&logs))
		const auth = "Bearer tok3n"
		for _, tc := range []struct {
			name         string
			h            http.Handler
			method, path string
			auth         string
			code         int
			want         string // substring of the body
		}{
			{"off: 404 even with a token", off, "GET", "/admin/referrals", "Bearer ", 404, ""},
			{"off: 404 for retry", off, "POST", "/admin/referrals/TSQ-DEAD01/retry", auth, 404, ""},
			{"no token", on, "GET", "/admin/referrals", "", 401, "unauthorized"},
			{"wrong token", on, "GET", "/admin/referrals", "Bearer tok3m", 401, "unauthorized"},
			{"token without Bearer", on, "GET", "/admin/referrals", "tok3n", 401, "unauthorized"},
			{"a prefix of the token", on, "GET", "/admin/referrals", "Bearer tok3", 401, "unauthorized"},
			// The same spelling as every other admin route (package bearer): any case, extra spaces.
			{"lower-case scheme and extra spaces", on, "GET", "/admin/referrals", "bearer   tok3n ", 200, ""},
			{"list all, newest first", on, "GET", "/admin/referrals", auth, 200, `"case_id":"TSQ-NEW001"`},
			{"list dead", on, "GET", "/admin/referrals?status=dead", auth, 200, `"case_id":"TSQ-DEAD01"`},
			{"list bad status", on, "GET", "/admin/referrals?status=nope", auth, 400, "unknown status"},
			{"show", on, "GET", "/admin/referrals/tsq-dead01", auth, 200, `"status":"dead"`},
			{"show unknown", on, "GET", "/admin/referrals/TSQ-ZZZZZZ", auth, 404, "no such case"},
			{"show bad id", on, "GET", "/admin/referrals/..%2fx", auth, 404, ""},
			{"retry needs POST", on, "GET", "/admin/referrals/TSQ-DEAD01/retry", auth, 405, ""},
			{"retry nothing dead", on, "POST", "/admin/referrals/TSQ-NEW001/retry", auth, 409, "no dead delivery"},
			{"retry unknown", on, "POST", "/admin/referrals/TSQ-ZZZZZZ/retry", auth, 404, "no such case"},
			{"retry", on, "POST", "/admin/referrals/TSQ-DEAD01/retry", auth, 200, `"status":"queued"`},
			{"retry again: nothing dead", on, "POST", "/admin/referrals/TSQ-DEAD01/retry", auth, 409, ""},
			{"other admin path", on, "GET", "/admin/referralsx", auth, 404, ""},
			{"too deep", on, "GET", "/admin/referrals/TSQ-DEAD01/retry/x", auth, 404, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := httptest.NewRequest(tc.method, tc.path, nil)
				if tc.auth != "" {
					r.Header.Set("Authorization", tc.auth)
				}
				rec := httptest.NewRecorder()
				tc.h.ServeHTTP(rec, r)
				if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.want) {
					t.Errorf("%s %s = %d %s, want %d containing %q", tc.method, tc.path, rec.Code, rec.Body, tc.code, tc.want)
				}
			})
		}

		// The list is newest first and filtered.
		r := httptest.NewRequest("GET", "/admin/referrals?status=queued", nil)
		r.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		on.ServeHTTP(rec, r)
		var list []referrals.Case
		if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != "TSQ-NEW001" || list[1].ID != "TSQ-DEAD01" {
			t.Errorf("queued list after retry = %v", caseIDs(list))
		}
		if c := get(t, store, dead.ID); c.Deliveries["FIA"].Status != referrals.StatusQueued || c.Deliveries["NCCIA"].Status != referrals.StatusDelivered {
			t.Errorf("after retry: FIA %+v NCCIA %+v", c.Deliveries["FIA"], c.Deliveries["NCCIA"])
		}
	})
}
