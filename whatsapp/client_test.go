package whatsapp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

func newClient(t *testing.T, fake *whatsapptest.Server, templates whatsapp.Templates) *whatsapp.Client {
	t.Helper()
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	c, err := whatsapp.NewClient(whatsapp.ClientConfig{APIURL: fake.URL(), Version: whatsapptest.Version, Token: whatsapptest.Token,
		PhoneNumberID: whatsapptest.PhoneNumberID, Templates: templates, Bundle: b})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var allTemplates = whatsapp.Templates{Case: "tasdeeq_case_update", Campaign: "tasdeeq_safety_tip", Languages: map[string]string{"en": "en", "ur": "ur"}}

func chatOf(t *testing.T, waID string) int64 {
	t.Helper()
	c, err := outbox.WhatsAppChat(waID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func buttonsOf(titles ...string) [][]outbox.Button {
	var row []outbox.Button
	for i, t := range titles {
		row = append(row, outbox.Button{Text: t, Data: fmt.Sprintf("b%d", i)})
	}
	return [][]outbox.Button{row}
}

// TestFakeRefusesWhatMetaRefuses: the fake Graph API is only worth testing against if it refuses
// what Meta refuses.
func TestFakeRefusesWhatMetaRefuses(t *testing.T) {
	buttons := func(n int, title string) string {
		var bs []string
		for i := range n {
			bs = append(bs, fmt.Sprintf(`{"type":"reply","reply":{"id":"b%d","title":"%s%d"}}`, i, title, i))
		}
		return `{"messaging_product":"whatsapp","to":"923001234567","type":"interactive","interactive":{"type":"button","body":{"text":"Choose"},"action":{"buttons":[` + strings.Join(bs, ",") + `]}}}`
	}
	list := func(rows int) string {
		var rs []string
		for i := range rows {
			rs = append(rs, fmt.Sprintf(`{"id":"r%d","title":"Row %d"}`, i, i))
		}
		return `{"messaging_product":"whatsapp","to":"923001234567","type":"interactive","interactive":{"type":"list","body":{"text":"Choose"},"action":{"button":"Options","sections":[{"rows":[` + strings.Join(rs, ",") + `]}]}}}`
	}
	text := func(body string) string {
		return `{"messaging_product":"whatsapp","to":"923001234567","type":"text","text":{"preview_url":false,"body":"` + body + `"}}`
	}
	template := func(param string) string {
		return `{"messaging_product":"whatsapp","to":"923001234567","type":"template","template":{"name":"tasdeeq_case_update","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text","text":"` + param + `"}]},{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"/case X"}]}]}}`
	}
	for _, tc := range []struct {
		name, body string
		code       int // 0: accepted
	}{
		{"3 buttons", buttons(3, "Button"), 0},
		{"4 buttons", buttons(4, "Button"), 131009},
		{"20-character title", buttons(1, "Nineteen characters"), 0},
		{"21-character title", buttons(1, "Twenty characters ok"), 131009},
		{"10 rows", list(10), 0},
		{"11 rows", list(11), 131009},
		{"duplicate titles", strings.ReplaceAll(buttons(2, "Same"), `Same1`, `Same0`), 131009},
		{"text of 4096", text(strings.Repeat("a", 4096)), 0},
		{"text of 4097", text(strings.Repeat("a", 4097)), 131009},
		{"empty text", text(""), 131009},
		{"interactive body of 1025", strings.Replace(buttons(1, "B"), `"Choose"`, `"`+strings.Repeat("a", 1025)+`"`, 1), 131009},
		{"template", template("TSQ-7K3F9Q"), 0},
		{"template parameter with a new line", template(`a\nb`), 132018},
		{"template parameter with 5 spaces", template("a     b"), 132018},
		{"unknown template", strings.Replace(template("x"), "tasdeeq_case_update", "no_such", 1), 132001},
		{"no messaging_product", strings.Replace(text("hi"), `"messaging_product":"whatsapp",`, "", 1), 131008},
		{"to not a number", strings.Replace(text("hi"), "923001234567", "+92 300", 1), 131009},
	} {
		_, err := whatsapptest.Validate([]byte(tc.body), whatsapptest.Templates)
		var e *whatsapptest.APIError
		switch {
		case tc.code == 0 && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.code != 0 && (!errors.As(err, &e) || e.Code != tc.code):
			t.Errorf("%s: %v, want code %d", tc.name, err, tc.code)
		}
	}
	// And over HTTP, in Meta's error shape, which the client reads back.
	fake := whatsapptest.New(t)
	req, _ := http.NewRequest(http.MethodPost, fake.URL()+"/"+whatsapptest.Version+"/"+whatsapptest.PhoneNumberID+"/messages", strings.NewReader(buttons(4, "B")))
	req.Header.Set("Authorization", "Bearer "+whatsapptest.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || len(fake.Refused()) != 1 {
		t.Errorf("4 buttons over HTTP: status %d, refused %v", resp.StatusCode, fake.Refused())
	}
}

func TestSendText(t *testing.T) {
	fake := whatsapptest.New(t)
	c := newClient(t, fake, whatsapp.Templates{})
	if err := c.Send(context.Background(), outbox.Outgoing{ChatID: chatOf(t, user), Text: "See https://example.org", Kind: outbox.Reply}); err != nil {
		t.Fatal(err)
	}
	got := fake.To(user)
	if len(got) != 1 || got[0].Type != "text" || !got[0].NoPreview || got[0].Body != "See https://example.org" {
		t.Fatalf("sent %+v", got)
	}
	if err := c.Send(context.Background(), outbox.Outgoing{ChatID: 42, Text: "to Telegram"}); !errors.Is(err, whatsapp.ErrNotWhatsApp) {
		t.Errorf("a Telegram chat: %v", err)
	}
}

// TestButtonsAndLists: up to 3 short buttons are reply buttons; more, or longer titles (the
// isolate marks counted), make a list; more than 10 make two lists; a body too long for an
// interactive message goes first as text. Every message passes the fake's checks.
func TestButtonsAndLists(t *testing.T) {
	lri, pdi := "\u2066", "\u2069"
	long := strings.Repeat("Signs of a scam. ", 70) // about 1,190 characters
	for _, tc := range []struct {
		name    string
		out     outbox.Outgoing
		types   []string // type of each message, "list" and "button" for interactive ones
		choices int
	}{
		{"three short buttons", outbox.Outgoing{Text: "Choose", Buttons: buttonsOf("Check a licence", "Safety tips", "Language / زبان")}, []string{"button"}, 3},
		{"a 21-character title", outbox.Outgoing{Text: "Choose", Buttons: buttonsOf("Check another licence", "Check an ad")}, []string{"list"}, 2},
		{"isolate marks make 21", outbox.Outgoing{Text: "انتخاب", Buttons: buttonsOf("مزید نشانیاں ("+lri+"12345"+pdi+")", "ok")}, []string{"list"}, 2},
		{"five buttons", outbox.Outgoing{Text: "Verdict", Buttons: buttonsOf("Report this ad", "More signs (2)", "Check another ad", "Check a licence", "Send me safety tips")}, []string{"list"}, 5},
		{"twelve buttons", outbox.Outgoing{Text: "Results", Buttons: buttonsOf(strings.Split("a b c d e f g h i j k l", " ")...)}, []string{"list", "button"}, 12},
		{"a 27-character title", outbox.Outgoing{Text: "Choose", Buttons: buttonsOf("کوئی اور طریقہ / معلوم نہیں", "Cash")}, []string{"list"}, 2},
		{"a long body", outbox.Outgoing{Text: long, Buttons: buttonsOf("Report this ad")}, []string{"text", "button"}, 1},
		{"keyboard", outbox.Outgoing{Text: "Share?", Keyboard: []outbox.KeyButton{{Text: "📱 Share my phone number", RequestContact: true}, {Text: "Do not share my number"}}}, []string{"list"}, 2},
	} {
		fake := whatsapptest.New(t)
		c := newClient(t, fake, whatsapp.Templates{})
		tc.out.ChatID, tc.out.Kind = chatOf(t, user), outbox.Reply
		if err := c.Send(context.Background(), tc.out); err != nil {
			t.Errorf("%s: %v (refused %v)", tc.name, err, fake.Refused())
			continue
		}
		got := fake.To(user)
		var types []string
		choices := 0
		for _, m := range got {
			switch {
			case m.Type != "interactive":
				types = append(types, m.Type)
			case m.List != "":
				types = append(types, "list")
			default:
				types = append(types, "button")
			}
			choices += len(m.Buttons)
		}
		if fmt.Sprint(types) != fmt.Sprint(tc.types) || choices != tc.choices {
			t.Errorf("%s: %v with %d choices, want %v with %d", tc.name, types, choices, tc.types, tc.choices)
		}
		switch tc.name {
		case "a long body":
			if strings.TrimSpace(got[0].Body) != strings.TrimSpace(long) || got[1].Body != "Choose one:" {
				t.Errorf("%s: bodies %q, %q", tc.name, got[0].Body[:20], got[1].Body)
			}
		case "keyboard":
			if got[0].Buttons[0].ID != whatsapp.ShareContactID || got[0].Buttons[1].ID != "kb:Do not share my number" {
				t.Errorf("%s: ids %+v", tc.name, got[0].Buttons)
			}
			if b := got[0].Buttons[0]; b.Title != "📱 Share my phone number" || b.Description != "" {
				t.Errorf("%s: a title of 24 units fits a row: %+v", tc.name, b)
			}
		case "a 27-character title":
			if b := got[0].Buttons[0]; whatsapp.Units(b.Title) > 24 || b.Description != "کوئی اور طریقہ / معلوم نہیں" {
				t.Errorf("%s: a shortened title keeps the whole label as description: %+v", tc.name, b)
			}
		case "isolate marks make 21":
			if got[0].List != "انتخاب کریں" {
				t.Errorf("%s: list label %q", tc.name, got[0].List)
			}
		}
	}
}

func TestShortenKeepsIsolatesBalanced(t *testing.T) {
	s := whatsapp.Shorten("رقم \u2066Rs 1,50,000\u2069، جیسا اشتہار میں ہے", 14)
	if whatsapp.Units(s) > 14 || strings.Count(s, "\u2066") != strings.Count(s, "\u2069") || !strings.HasSuffix(s, "…") {
		t.Errorf("%q (%d units)", s, whatsapp.Units(s))
	}
	if got := whatsapp.Shorten("Check another licence", 20); got != "Check another…" {
		t.Errorf("word boundary: %q", got)
	}
}

// TestTemplates: a campaign goes only as its template (text flattened into the parameter, the
// unsubscribe payload on its button); without a template it is not sent. A case update goes as
// text in the window and as its template outside it; a reply outside the window is refused.
func TestTemplates(t *testing.T) {
	ctx := context.Background()
	campaign := outbox.Outgoing{ChatID: chatOf(t, user), Kind: outbox.Broadcast, Text: "Aware Migrant, Safe Migrant.\n\nNever pay     cash.",
		Buttons: buttonsOf("Unsubscribe"), Notice: &outbox.Notice{Kind: outbox.NoticeCampaign, Lang: "ur"}}
	update := outbox.Outgoing{ChatID: chatOf(t, user), Kind: outbox.Reply, Text: "Your report TSQ-7K3F9Q reached FIA.",
		Notice: &outbox.Notice{Kind: outbox.NoticeCase, Lang: "en", Params: []string{"TSQ-7K3F9Q"}}}
	reply := outbox.Outgoing{ChatID: chatOf(t, user), Kind: outbox.Reply, Text: "A reply"}

	fake := whatsapptest.New(t)
	c := newClient(t, fake, allTemplates)
	if err := c.Send(ctx, campaign); err != nil {
		t.Fatal(err)
	}
	if err := c.Send(ctx, update); err != nil {
		t.Fatal(err)
	}
	fake.CloseWindow(user)
	if err := c.Send(ctx, update); err != nil {
		t.Fatalf("update outside the window: %v", err)
	}
	err := c.Send(ctx, reply)
	if d, code, _ := whatsapp.Classify(err); d != whatsapp.OutsideWindow || code != "131047" {
		t.Errorf("reply outside the window: %v classified %v %s", err, d, code)
	}
	got := fake.To(user)
	if len(got) != 3 {
		t.Fatalf("sent %+v", got)
	}
	if got[0].Template != "tasdeeq_safety_tip" || got[0].Language != "ur" || got[0].Body != "Aware Migrant, Safe Migrant. Never pay cash." || got[0].Payloads[0] != "unsub" {
		t.Errorf("campaign %+v", got[0])
	}
	if got[1].Type != "text" || got[2].Template != "tasdeeq_case_update" || got[2].Body != "TSQ-7K3F9Q" || got[2].Payloads[0] != "/case TSQ-7K3F9Q" {
		t.Errorf("updates %+v / %+v", got[1], got[2])
	}

	none := newClient(t, fake, whatsapp.Templates{Languages: map[string]string{"en": "en", "ur": "ur"}})
	for name, o := range map[string]outbox.Outgoing{"campaign": campaign, "update outside the window": update} {
		err := none.Send(ctx, o)
		if d, code, _ := whatsapp.Classify(err); !errors.Is(err, whatsapp.ErrNoTemplate) || d != whatsapp.OutsideWindow || code != "no_template" {
			t.Errorf("%s without a template: %v", name, err)
		}
	}
	if n := len(fake.To(user)); n != 3 {
		t.Errorf("%d messages after the refusals, want 3", n)
	}
}

// TestClassify: Meta's rate limits wait, the window and opt-outs are final, 5xx and the network
// are retried.
func TestClassify(t *testing.T) {
	fake := whatsapptest.New(t)
	c := newClient(t, fake, whatsapp.Templates{})
	for _, tc := range []struct {
		status, code int
		want         whatsapp.Disposition
		wait         time.Duration
	}{
		{400, whatsapp.CodeRateLimit, whatsapp.Throttled, 2 * time.Second},
		{400, whatsapp.CodePairRateLimit, whatsapp.Throttled, 6 * time.Second},
		{400, whatsapp.CodeOutsideWindow, whatsapp.OutsideWindow, 0},
		{400, whatsapp.CodeMarketingOptOut, whatsapp.OptedOut, 0},
		{400, whatsapp.CodeUndeliverable, whatsapp.Rejected, 0},
		{500, whatsapp.CodeUnknownError, whatsapp.Retry, 0},
		{503, 0, whatsapp.Retry, 0},
		{401, whatsapp.CodeTokenExpired, whatsapp.Retry, 0},
	} {
		fake.Fail(user, 1, tc.status, tc.code)
		err := c.Send(context.Background(), outbox.Outgoing{ChatID: chatOf(t, user), Text: "x", Kind: outbox.Reply})
		d, _, wait := whatsapp.Classify(err)
		if d != tc.want || wait != tc.wait {
			t.Errorf("%d/%d: %v → %v %v, want %v %v", tc.status, tc.code, err, d, wait, tc.want, tc.wait)
		}
		if err != nil && strings.Contains(err.Error(), "injected") {
			t.Errorf("the error quotes Meta's message: %v", err)
		}
	}
	if d, code, _ := whatsapp.Classify(errors.New("dial tcp: connection refused")); d != whatsapp.Retry || code != "network" {
		t.Errorf("network: %v %s", d, code)
	}
}

func TestFetchMedia(t *testing.T) {
	fake := whatsapptest.New(t)
	c := newClient(t, fake, whatsapp.Templates{})
	pic := bytes.Repeat([]byte{0xff}, 1000)
	fake.AddMedia("media-1", pic, "image/jpeg")
	fake.AddMedia("huge", make([]byte, ocr.MaxBytes+1), "image/jpeg")
	data, _, err := c.FetchMedia(context.Background(), "media-1")
	if err != nil || !bytes.Equal(data, pic) {
		t.Fatalf("fetch: %v (%d bytes)", err, len(data))
	}
	if _, retry, err := c.FetchMedia(context.Background(), "huge"); !errors.Is(err, ocr.ErrTooLarge) || retry {
		t.Errorf("huge: %v retry %v", err, retry)
	}
	if fake.Downloads() != 1 {
		t.Errorf("%d downloads: the huge one must not be fetched", fake.Downloads())
	}
	if _, retry, err := c.FetchMedia(context.Background(), "gone"); err == nil || retry {
		t.Errorf("unknown media: %v retry %v", err, retry)
	}
	n, err := c.DisplayNumber(context.Background())
	if err != nil || n != "923000000000" {
		t.Errorf("display number %q %v", n, err)
	}
}
