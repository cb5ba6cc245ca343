package console_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outreach"
)

var linkIDRe = regexp.MustCompile(`^/console/links/([a-z2-7]{12})\?done=created$`)

// makeLink makes a link through the form and returns its id.
func (b *browser) makeLink(mrc, label, licence string) string {
	b.f.t.Helper()
	p := b.submit("/console/links", "/console/links", url.Values{"mrc": {mrc}, "label": {label}, "licence": {licence}})
	m := linkIDRe.FindStringSubmatch(p.location)
	if m == nil {
		b.f.t.Fatalf("make link: %d %q %s", p.code, p.location, p.body)
	}
	return m[1]
}

func TestLinksQRAndPoster(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		me := f.loggedIn("ayesha", counsellorPW)
		// A counsellor makes links for their own centre only, whatever the form says.
		id := me.makeLink("ISB", "Job fair, Lahore", "9848/lhr")
		p := me.get("/console/links/" + id + "?done=created")
		want := "https://t.me/tasdeeq_test_bot?start=c_" + id
		if !strings.Contains(p.body, want) || !strings.Contains(p.body, "9848/LHR") || !strings.Contains(p.body, "The link is made") {
			t.Fatalf("link page: %s", p.body)
		}
		if !strings.Contains(me.get("/console/links").body, "LHR") {
			t.Fatal("the link is not listed")
		}
		// Its QR code scans back to the deep link.
		qr := me.get("/console/links/" + id + "/qr.png")
		if qr.code != http.StatusOK || qr.header.Get("Content-Type") != "image/png" {
			t.Fatalf("qr: %d %s", qr.code, qr.header.Get("Content-Type"))
		}
		if got, _ := qrtest.Decode(t, []byte(qr.body)); got != want {
			t.Fatalf("QR decodes to %q, want %q", got, want)
		}
		// The poster is a page of its own, for A4, in both languages, with the QR code.
		poster := me.get("/console/links/" + id + "/poster")
		for _, s := range []string{"/console/links/" + id + "/qr.png", "Check a job abroad before you pay anyone",
			"پیسے دینے سے پہلے بیرونِ ملک نوکری کی تصدیق کریں", "poster.css", want} {
			if !strings.Contains(poster.body, s) {
				t.Errorf("poster lacks %q", s)
			}
		}
		if css := me.get("/console/static/poster.css"); !strings.Contains(css.body, "size: A4") {
			t.Errorf("poster.css: %d %s", css.code, css.body)
		}
		// Bad input is said in the page's language; nothing is made.
		bad := me.submit("/console/links", "/console/links", url.Values{"label": {"x"}, "licence": {"not a licence"}})
		if bad.code != http.StatusBadRequest || !strings.Contains(bad.body, "Check the fields") {
			t.Fatalf("bad licence: %d", bad.code)
		}
		// An admin makes a link for any centre; a counsellor of another centre cannot see it.
		admin := f.loggedIn("ops", adminPW)
		isb := admin.makeLink("isb", "Protector desk", "")
		if p := me.get("/console/links/" + isb); p.code != http.StatusNotFound {
			t.Fatalf("counsellor sees another centre's link: %d", p.code)
		}
		if p := me.get("/console/links/" + isb + "/qr.png"); p.code != http.StatusNotFound {
			t.Fatalf("counsellor gets another centre's QR code: %d", p.code)
		}
		if strings.Contains(me.get("/console/links").body, "Protector desk") {
			t.Fatal("counsellor lists another centre's link")
		}
		if p := me.get("/console/links/" + id + "?lang=ur"); !strings.Contains(p.body, "اے فور پوسٹر") {
			t.Fatalf("Urdu link page: %s", p.body)
		}
	})
}

func TestStatsPerCentreAndLink(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		ctx := context.Background()
		lk := outreach.NewLinks(b.RDB)
		lhr, _ := lk.Create(ctx, "LHR", "Job fair", "")
		isb, _ := lk.Create(ctx, "ISB", "Protector desk", "")
		stats := outreach.NewStats(b.RDB)
		now := time.Now()
		record := func(l outreach.Link, ev outreach.Event, user int64, at time.Time) {
			if _, err := b.RDB.TxPipelined(ctx, func(p redis.Pipeliner) error {
				stats.RecordCmds(ctx, p, outreach.Source{MRC: l.MRC, LinkID: l.ID}, ev, user, at)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		record(lhr, outreach.EventUser, 1, now)
		record(lhr, outreach.EventUser, 2, now.AddDate(0, 0, -1))
		record(lhr, outreach.EventCheck, 1, now)
		record(lhr, outreach.EventHigh, 1, now)
		record(lhr, outreach.EventReport, 1, now)
		record(isb, outreach.EventUser, 3, now)

		me := f.loggedIn("ayesha", counsellorPW)
		p := me.get("/console/stats?mrc=ISB")
		if !strings.Contains(p.body, "Centre LHR") || strings.Contains(p.body, "Centre ISB") || !strings.Contains(p.body, "<svg") ||
			!strings.Contains(p.body, "Job fair") {
			t.Fatalf("counsellor's numbers: %s", p.body)
		}
		csvPage := me.get("/console/stats.csv")
		rows, err := csv.NewReader(strings.NewReader(csvPage.body)).ReadAll()
		if err != nil || rows[0][0] != "date" {
			t.Fatalf("csv: %v %q", err, csvPage.body)
		}
		today := outreach.StatsDay(now)
		var found bool
		for _, r := range rows[1:] {
			if r[1] != "LHR" {
				t.Errorf("counsellor's CSV has another centre: %v", r)
			}
			if r[0] == today && r[2] == lhr.ID && r[3] == "Job fair" && strings.Join(r[4:], ",") == "1,1,1,1" {
				found = true
			}
		}
		if !found {
			t.Errorf("no per-link row for today in %v", rows)
		}
		admin := f.loggedIn("ops", adminPW)
		if p := admin.get("/console/stats"); !strings.Contains(p.body, "Centre LHR") || !strings.Contains(p.body, "Centre ISB") {
			t.Fatalf("admin's numbers: %s", p.body)
		}
		if p := admin.get("/console/stats?mrc=isb&lang=ur"); strings.Contains(p.body, "LHR") || !strings.Contains(p.body, "نئے لوگ") {
			t.Fatalf("admin, one centre, Urdu: %s", p.body)
		}
	})
}
