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
		deadID, newerID := newID(424242), newID(424242)
		dead := sampleCase(deadID, clk.Now())
		dead.Status, dead.Targets = referrals.StatusQueued, []string{"FIA", "NCCIA"}
		add(t, store, b.rdb, dead)
		d := get(t, store, dead.ID)
		d.Deliveries["FIA"].Status, d.Deliveries["NCCIA"].Status, d.Status = referrals.StatusDead, referrals.StatusDelivered, referrals.StatusDead
		if err := store.Save(ctx, d); err != nil {
			t.Fatal(err)
		}
		newer := sampleCase(newerID, clk.Now().Add(time.Hour))
		newer.Status, newer.Targets = referrals.StatusQueued, []string{"FIA"}
		add(t, store, b.rdb, newer)

		var logs syncBuffer
		t.Cleanup(func() { checkLogs(t, logs.String()) })
		// Authentication is the /admin group's (package auth, tested there and in webhook).
		on := referrals.AdminHandler(store, newLogger(&logs))
		for _, tc := range []struct {
			name         string
			h            http.Handler
			method, path string
			code         int
			want         string // substring of the body
		}{
			{"list all, newest first", on, "GET", "/admin/referrals", 200, `"case_id":"` + newerID + `"`},
			{"list dead", on, "GET", "/admin/referrals?status=dead", 200, `"case_id":"` + deadID + `"`},
			{"list bad status", on, "GET", "/admin/referrals?status=nope", 400, "unknown status"},
			{"show", on, "GET", "/admin/referrals/" + strings.ToLower(deadID), 200, `"status":"dead"`},
			{"show unknown", on, "GET", "/admin/referrals/TSQ-ZZZZZZ", 404, "no such case"},
			{"show bad id", on, "GET", "/admin/referrals/..%2fx", 404, ""},
			{"retry needs POST", on, "GET", "/admin/referrals/" + deadID + "/retry", 405, ""},
			{"retry nothing dead", on, "POST", "/admin/referrals/" + newerID + "/retry", 409, "no dead delivery"},
			{"retry unknown", on, "POST", "/admin/referrals/TSQ-ZZZZZZ/retry", 404, "no such case"},
			{"retry", on, "POST", "/admin/referrals/" + deadID + "/retry", 200, `"status":"queued"`},
			{"retry again: nothing dead", on, "POST", "/admin/referrals/" + deadID + "/retry", 409, ""},
			{"other admin path", on, "GET", "/admin/referralsx", 404, ""},
			{"too deep", on, "GET", "/admin/referrals/" + deadID + "/retry/x", 404, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := httptest.NewRequest(tc.method, tc.path, nil)
				rec := httptest.NewRecorder()
				tc.h.ServeHTTP(rec, r)
				if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.want) {
					t.Errorf("%s %s = %d %s, want %d containing %q", tc.method, tc.path, rec.Code, rec.Body, tc.code, tc.want)
				}
			})
		}

		// The list is newest first and filtered.
		r := httptest.NewRequest("GET", "/admin/referrals?status=queued", nil)
		rec := httptest.NewRecorder()
		on.ServeHTTP(rec, r)
		var list []referrals.Case
		if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != newerID || list[1].ID != deadID {
			t.Errorf("queued list after retry = %v", caseIDs(list))
		}
		if c := get(t, store, dead.ID); c.Deliveries["FIA"].Status != referrals.StatusQueued || c.Deliveries["NCCIA"].Status != referrals.StatusDelivered {
			t.Errorf("after retry: FIA %+v NCCIA %+v", c.Deliveries["FIA"], c.Deliveries["NCCIA"])
		}
	})
}
