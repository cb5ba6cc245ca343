package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// heldCase is a report held for a counsellor, in Urdu, with the reporter's consented contact.
func heldCase(id string, chat int64) referrals.Case {
	return referrals.Case{
		ID: id, CreatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), UserID: chat, ChatID: chat, Lang: "ur",
		AdText: "Dubai driver visa pakka, pehle 50000 fee JazzCash 03001234567 par bhejein",
		Verdict: referrals.Verdict{Risk: "medium", Flags: []referrals.Flag{{Code: "UPFRONT_FEE", Evidence: "pehle 50000 fee"}},
			Licences: []referrals.Licence{{Number: "9848/LHR", Status: "cancelled", Title: "Crescent Manpower"}}},
		Happened: "paid", AmountPKR: 50000, Channel: "jazzcash",
		Contact: &referrals.Contact{Phone: "+923219876543", Name: "Ahmed Raza"},
		Targets: []string{"FIA"}, Status: referrals.StatusReview,
	}
}

func (f *fixture) addCase(c referrals.Case) {
	f.t.Helper()
	ctx := context.Background()
	// The fixtures' case ids are fixed, so a case's shard is not its reporter's as a drawn id's
	// would be: its writes go in a plain pipeline, which a cluster client splits by slot.
	if _, err := f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { return f.cases.AddCmds(ctx, p, c) }); err != nil {
		f.t.Fatal(err)
	}
}

// repliesTo are the texts queued for a chat on the replies stream.
func (f *fixture) repliesTo(chat int64) []string {
	f.t.Helper()
	msgs := outboxtest.Entries(f.t, f.rdb, shards.Ring{}, outbox.RepliesStream)
	var out []string
	for _, m := range msgs {
		raw, _ := m.Values[outbox.PayloadField].(string)
		if strings.Contains(raw, `"chat_id":`+itoa(chat)) {
			out = append(out, raw)
		}
	}
	return out
}

func TestReviewConfirmAndDismiss(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		f.addCase(heldCase("TSQ-AAAAA1", 7001))
		f.addCase(heldCase("TSQ-BBBBB2", 7002))
		me := f.loggedIn("ayesha", counsellorPW)
		p := me.get("/console/review")
		for _, want := range []string{"TSQ-AAAAA1", "TSQ-BBBBB2", "visa pakka", "Asks for money before a contract", "pehle 50000 fee",
			"9848/LHR", "cancelled", "Crescent Manpower", "has paid", "Rs 50,000", "JazzCash", "Ahmed Raza", "923219876543", "Not enough to go on"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("review page lacks %q", want)
			}
		}
		// A POST without the session's CSRF token changes nothing.
		if p := me.post("/console/review/TSQ-AAAAA1/confirm", nil); p.code != http.StatusForbidden {
			t.Fatalf("confirm without csrf: %d", p.code)
		}
		if p := me.submit("/console/review", "/console/review/TSQ-AAAAA1/confirm", nil); p.code != http.StatusSeeOther || p.location != "/console/review?done=confirmed" {
			t.Fatalf("confirm: %d %q", p.code, p.location)
		}
		cs, _, _ := f.cases.Get(context.Background(), "TSQ-AAAAA1")
		if cs.Status != referrals.StatusQueued || cs.Review == nil || cs.Review.By != "ayesha" {
			t.Fatalf("confirmed case: %+v", cs)
		}
		if n := outboxtest.Len(t, f.rdb, shards.Ring{}, referrals.OutboxStream); n != 1 {
			t.Fatalf("outbox has %d entries, want 1", n)
		}
		// The reporter is told in their language, as /review in the bot tells them.
		if r := f.repliesTo(7001); len(r) != 1 || !strings.Contains(r[0], "ایک کونسلر نے آپ کی شکایت") {
			t.Fatalf("reporter told: %v", r)
		}
		if p := me.submit("/console/review", "/console/review/TSQ-BBBBB2/dismiss", url.Values{"reason": {"nonsense"}}); p.code != http.StatusBadRequest {
			t.Fatalf("dismiss with an unknown reason: %d", p.code)
		}
		p = me.submit("/console/review", "/console/review/TSQ-BBBBB2/dismiss", url.Values{"reason": {"not_enough"}, "note": {"asked the reporter"}})
		if p.code != http.StatusSeeOther || p.location != "/console/review?done=dismissed" {
			t.Fatalf("dismiss: %d %q", p.code, p.location)
		}
		cs, _, _ = f.cases.Get(context.Background(), "TSQ-BBBBB2")
		if cs.Status != referrals.StatusDismissed || cs.Review.Reason != "not_enough" || cs.Review.Note != "asked the reporter" {
			t.Fatalf("dismissed case: %+v %+v", cs, cs.Review)
		}
		if r := f.repliesTo(7002); len(r) != 1 || !strings.Contains(r[0], "آگے نہیں بھیجی") {
			t.Fatalf("reporter told of the dismissal: %v", r)
		}
		// Deciding twice (another counsellor was quicker) changes nothing and says so.
		if p := me.submit("/console/review", "/console/review/TSQ-AAAAA1/dismiss", url.Values{"reason": {"other"}}); p.location != "/console/review?done=gone" {
			t.Fatalf("second decision: %d %q", p.code, p.location)
		}
		if p := me.get("/console/review?done=gone"); !strings.Contains(p.body, "no longer waits") || !strings.Contains(p.body, "No report waits") {
			t.Fatalf("after: %s", p.body)
		}
		// The audit log names the counsellor and the cases, never the reporter.
		entries, _ := f.audit.Recent(context.Background(), 10, "ayesha", "")
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action+" "+e.Case+" "+e.Detail)
		}
		if got := strings.Join(actions, "|"); !strings.Contains(got, "review_confirm TSQ-AAAAA1") || !strings.Contains(got, "review_dismiss TSQ-BBBBB2 not_enough") {
			t.Fatalf("audit: %s", got)
		}
		raw, _ := f.rdb.XRange(context.Background(), accounts.AuditStream, "-", "+").Result()
		for _, m := range raw {
			for k, v := range m.Values {
				if k == "at" {
					continue // a timestamp's nanoseconds may hold "7001" by chance
				}
				if s, _ := v.(string); strings.Contains(s, "7001") || strings.Contains(s, "7002") || strings.Contains(s, "Ahmed") {
					t.Errorf("the audit log names a reporter: %v", m.Values)
				}
			}
		}
		for _, private := range []string{"pakka", "03001234567", "+923219876543", "Ahmed Raza", "asked the reporter", "ayesha"} {
			if strings.Contains(f.logs.String(), private) {
				t.Errorf("logs contain %q", private)
			}
		}
	})
}

func TestCasesSearchAndRetry(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		ctx := context.Background()
		dead := heldCase("TSQ-DEAD01", 7101)
		dead.Status = referrals.StatusQueued
		f.addCase(dead)
		d, _, _ := f.cases.Get(ctx, dead.ID)
		d.Deliveries["FIA"].Status, d.Deliveries["FIA"].Attempts, d.Deliveries["FIA"].LastError, d.Status = referrals.StatusDead, 7, "HTTP 400", referrals.StatusDead
		if err := f.cases.Save(ctx, d); err != nil {
			t.Fatal(err)
		}
		ok := heldCase("TSQ-0K0001", 7102)
		ok.Status = referrals.StatusQueued
		f.addCase(ok)
		o, _, _ := f.cases.Get(ctx, ok.ID)
		o.Deliveries["FIA"].Status, o.Deliveries["FIA"].Reference, o.Deliveries["FIA"].Attempts, o.Status = referrals.StatusDelivered, "FIA-CCW-2026-0042", 1, referrals.StatusDelivered
		if err := f.cases.Save(ctx, o); err != nil {
			t.Fatal(err)
		}
		me := f.loggedIn("ayesha", counsellorPW)
		if p := me.get("/console/cases?q=tsq-dead01"); p.code != http.StatusSeeOther || p.location != "/console/cases/TSQ-DEAD01" {
			t.Fatalf("search by id: %d %q", p.code, p.location)
		}
		if p := me.get("/console/cases?status=dead"); !strings.Contains(p.body, "TSQ-DEAD01") || strings.Contains(p.body, "TSQ-0K0001") {
			t.Fatalf("by status: %s", p.body)
		}
		if p := me.get("/console/cases?ref=ccw-2026"); !strings.Contains(p.body, "TSQ-0K0001") || strings.Contains(p.body, "TSQ-DEAD01") {
			t.Fatalf("by reference: %s", p.body)
		}
		p := me.get("/console/cases/TSQ-DEAD01")
		if !strings.Contains(p.body, "failed to deliver") || !strings.Contains(p.body, "HTTP 400") || !strings.Contains(p.body, ">7<") {
			t.Fatalf("case page: %s", p.body)
		}
		if strings.Contains(p.body, "/retry") {
			t.Error("a counsellor is offered the retry")
		}
		if p := me.submit("/console/cases/TSQ-DEAD01", "/console/cases/TSQ-DEAD01/retry", nil); p.code != http.StatusForbidden {
			t.Fatalf("counsellor retry: %d", p.code)
		}
		admin := f.loggedIn("ops", adminPW)
		if p := admin.get("/console/cases/TSQ-DEAD01"); !strings.Contains(p.body, "/console/cases/TSQ-DEAD01/retry") {
			t.Fatal("no retry button for an admin")
		}
		if p := admin.submit("/console/cases/TSQ-DEAD01", "/console/cases/TSQ-DEAD01/retry", nil); p.location != "/console/cases/TSQ-DEAD01?done=retried" {
			t.Fatalf("retry: %d %q", p.code, p.location)
		}
		if c, _, _ := f.cases.Get(ctx, "TSQ-DEAD01"); c.Status != referrals.StatusQueued {
			t.Fatalf("after retry: %s", c.Status)
		}
		if p := admin.get("/console/cases/TSQ-DEAD01?lang=ur"); !strings.Contains(p.body, "دوبارہ بھیجی") || !strings.Contains(p.body, `dir="rtl"`) {
			t.Fatalf("history in Urdu: %s", p.body)
		}
		if p := admin.get("/console/cases/TSQ-ZZZZZZ"); p.code != http.StatusNotFound {
			t.Fatalf("unknown case: %d", p.code)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
