package console_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/outreach"
)

var campaignRe = regexp.MustCompile(`^/console/campaigns/([a-z0-9]+)\?done=sent$`)

func TestCampaignPreviewSendAndProgress(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		ctx := context.Background()
		now := time.Now()
		for i, mrc := range []string{"LHR", "LHR", "ISB"} {
			if err := f.subs.Subscribe(ctx, int64(8001+i), "ur", mrc, now); err != nil {
				t.Fatal(err)
			}
		}
		me := f.loggedIn("ayesha", counsellorPW)
		p := me.get("/console/campaigns")
		if !strings.Contains(p.body, "2 subscribers of centre LHR") {
			t.Fatalf("audience: %s", p.body)
		}
		form := url.Values{"text_en": {"Never pay a visa fee."}, "text_ur": {"ویزا فیس کبھی نہ دیں۔"}, "mrc": {"ISB"}, "action": {"preview"}}
		p = me.submit("/console/campaigns", "/console/campaigns", form)
		if p.code != http.StatusOK || !strings.Contains(p.body, `id="preview_ur">ویزا فیس کبھی نہ دیں۔`) || !strings.Contains(p.body, outreach.UnsubscribeLabelUR) {
			t.Fatalf("preview: %d %s", p.code, p.body)
		}
		form.Set("action", "send")
		p = me.submit("/console/campaigns", "/console/campaigns", form)
		m := campaignRe.FindStringSubmatch(p.location)
		if m == nil {
			t.Fatalf("send: %d %q", p.code, p.location)
		}
		// A counsellor sends to their own centre, whatever the form said.
		camp, ok, err := outreach.NewBroadcaster(b.RDB, f.subs).Get(ctx, m[1])
		if err != nil || !ok || camp.MRC != "LHR" || camp.Total != 2 {
			t.Fatalf("campaign: %+v %v %v", camp, ok, err)
		}
		if err := outreach.NewBroadcaster(b.RDB, f.subs).Drain(ctx); err != nil {
			t.Fatal(err)
		}
		p = me.get("/console/campaigns/" + m[1])
		if !strings.Contains(p.body, `id="queued">2<`) || !strings.Contains(p.body, "<progress") {
			t.Fatalf("progress: %s", p.body)
		}
		if bad := me.submit("/console/campaigns", "/console/campaigns", url.Values{"action": {"send"}}); bad.code != http.StatusBadRequest {
			t.Fatalf("empty campaign: %d", bad.code)
		}
		admin := f.loggedIn("ops", adminPW)
		if p := admin.get("/console/campaigns"); !strings.Contains(p.body, "3 subscribers in all") {
			t.Fatalf("admin's audience: %s", p.body)
		}
		entries, _ := f.audit.Recent(ctx, 5, "ayesha", "")
		if len(entries) == 0 || entries[0].Action != "campaign_send" || entries[0].Object != m[1] {
			t.Fatalf("audit: %+v", entries)
		}
	})
}

const registerV1 = "Licence No.,Licence Title,Status\n0001/LHR,Alpha Manpower,Active\n0002/LHR,Beta Overseas,Active\n0003/RWP,Gamma Services,Suspended\n"
const registerV2 = "Licence No.,Licence Title,Status\n0002/LHR,Beta Overseas,Cancelled\n0003/RWP,Gamma Services,Suspended\n0004/KAR,Delta Jobs,Active\n0005/KAR,Bad,Pending\n"

// upload posts a register file with the session's CSRF token.
func (b *browser) upload(csv string) page {
	b.f.t.Helper()
	token := b.get("/console/register").csrf(b.f.t)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("csrf", token)
	fw, _ := w.CreateFormFile("csv", "register.csv")
	_, _ = fw.Write([]byte(csv))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/console/register", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

var hiddenRe = regexp.MustCompile(`name="(upload|base)" value="([^"]*)"`)

func TestRegisterUploadDiffApply(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		f := newFixture(t, b)
		ctx := context.Background()
		snap, err := licences.ParseCSV(strings.NewReader(registerV1), "v1.csv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.register.Import(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if p := f.loggedIn("ayesha", counsellorPW).get("/console/register"); p.code != http.StatusForbidden {
			t.Fatalf("counsellor on the register: %d", p.code)
		}
		admin := f.loggedIn("ops", adminPW)
		if p := admin.get("/console/register"); !strings.Contains(p.body, "3 licences, 2 of them active") {
			t.Fatalf("register page: %s", p.body)
		}
		p := admin.upload(registerV2)
		for _, want := range []string{"1 added, 1 removed, 1 status changes", "Delta Jobs", "Alpha Manpower", "active → cancelled", "line 5", "1 rows could not be read"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("diff lacks %q", want)
			}
		}
		// Nothing changed yet.
		if rec, _, _ := f.register.Lookup(ctx, "0004/KAR"); rec.Number != "" {
			t.Fatal("the upload was applied before it was confirmed")
		}
		form := url.Values{}
		for _, m := range hiddenRe.FindAllStringSubmatch(p.body, -1) {
			form.Set(m[1], m[2])
		}
		form.Set("csrf", p.csrf(t))
		if a := admin.post("/console/register/apply", form); a.location != "/console/register?done=imported" {
			t.Fatalf("apply: %d %q %s", a.code, a.location, a.body)
		}
		if rec, ok, _ := f.register.Lookup(ctx, "0004/KAR"); !ok || rec.Title != "Delta Jobs" {
			t.Fatalf("after apply: %+v %v", rec, ok)
		}
		// The same upload cannot be applied twice, nor a comparison made before another import.
		if again := admin.post("/console/register/apply", form); again.code != http.StatusBadRequest || !strings.Contains(again.body, "expired") {
			t.Fatalf("applied twice: %d", again.code)
		}
		if bad := admin.upload("no,header\n"); bad.code != http.StatusBadRequest {
			t.Fatalf("bad file: %d", bad.code)
		}
		if p := admin.get("/console/register?lang=ur"); !strings.Contains(p.body, "لائسنس رجسٹر") || !strings.Contains(p.body, `dir="rtl"`) {
			t.Fatalf("Urdu register: %s", p.body)
		}
	})
}
