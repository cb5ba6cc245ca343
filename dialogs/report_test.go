package dialogs_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/referrals"
)

func contactOf(phone string, own bool) dialogs.Input {
	return dialogs.Input{Kind: dialogs.Contact, ChatID: chat, UserID: chat, ContactPhone: phone, ContactName: "Test User", ContactIsSender: own}
}

// walk steps a script and returns the session and every output.
func walk(t *testing.T, d dialogs.Deps, s dialogs.Session, script ...dialogs.Input) (dialogs.Session, []dialogs.Output) {
	t.Helper()
	var all []dialogs.Output
	for _, in := range script {
		var out []dialogs.Output
		s, out = step(t, d, s, in)
		all = append(all, out...)
	}
	return s, all
}

func referred(out []dialogs.Output) *referrals.Case {
	for _, o := range out {
		if o.Kind == dialogs.Refer {
			return o.Case
		}
	}
	return nil
}

func allText(out []dialogs.Output) string {
	var b strings.Builder
	for _, o := range out {
		b.WriteString(o.Text + "\n")
		for _, k := range o.Keyboard {
			b.WriteString("[" + k.Text + "]\n")
		}
		for _, row := range o.Buttons {
			for _, btn := range row {
				b.WriteString("(" + btn.Text + ")\n")
			}
		}
	}
	return b.String()
}

func reportDeps(t *testing.T) dialogs.Deps {
	d := mustDeps(t)
	r, err := referrals.SingleTarget("https://referrals.example.invalid/cases", "secret")
	if err != nil {
		t.Fatal(err)
	}
	d.Routing, d.NewCaseID = r, func(int64) string { return "TSQ-7K3F9Q" }
	return d
}

func TestReportFlow(t *testing.T) {
	d := reportDeps(t)
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		t.Run(string(lang), func(t *testing.T) {
			ad := scamAd
			if lang == locales.UR {
				ad = scamAdUr
			}
			s, out := walk(t, d, dialogs.Session{Lang: lang},
				text(ad), press("report"), press("rep:paid"), text("50 hazar"), press("rep:ch:jazzcash"), contactOf("+923005550101", true))
			summary := allText(out[len(out)-2:])
			for _, want := range []string{"+923005550101", "50,000"} {
				if !strings.Contains(summary, want) {
					t.Errorf("summary lacks %q:\n%s", want, summary)
				}
			}
			if s.State != dialogs.ReportConfirm || referred(out) != nil {
				t.Fatalf("state %q; referred before consent", s.State)
			}
			s, out = walk(t, d, s, press("rep:yes"))
			c := referred(out)
			if c == nil {
				t.Fatal("no case after consent")
			}
			if c.ID != "TSQ-7K3F9Q" || c.Happened != "paid" || c.AmountPKR != 50000 || c.Channel != "jazzcash" || c.Contact == nil ||
				c.Contact.Phone != "+923005550101" || c.Status != referrals.StatusQueued || c.Verdict.Risk != "high" || len(c.Verdict.Flags) == 0 ||
				c.AdText != ad || c.Lang != string(lang) || c.UserID != chat || len(c.Targets) != 1 {
				t.Errorf("case %+v", c)
			}
			if s.Report != nil || s.State != dialogs.Idle || !strings.Contains(allText(out), "TSQ-7K3F9Q") {
				t.Errorf("after sending: %+v\n%s", s, allText(out))
			}
		})
	}
}

func TestReportWithoutConsentSendsNothing(t *testing.T) {
	d := reportDeps(t)
	_, out := walk(t, d, dialogs.Session{Lang: locales.UR},
		text(scamAdUr), press("report"), press("rep:saw"), text("میرا نمبر شیئر نہ کریں"), press("rep:no"))
	if referred(out) != nil {
		t.Fatal("a case left without consent")
	}
	last := allText(out[len(out)-1:])
	if !strings.Contains(last, "کچھ نہیں بھیجا گیا") || !strings.Contains(last, "1799") || !strings.Contains(last, "111-247-786") {
		t.Errorf("no self-report advice:\n%s", last)
	}
}

func TestReportContactIsOptionalAndMustBeOwn(t *testing.T) {
	d := reportDeps(t)
	s, out := walk(t, d, dialogs.Session{Lang: locales.EN}, text(scamAd), press("report"), press("rep:saw"), contactOf("+923009999999", false))
	if s.State != dialogs.ReportContact || !strings.Contains(allText(out), "your own number") {
		t.Fatalf("someone else's contact accepted: %q", s.State)
	}
	s, out = walk(t, d, s, text("Do not share my number"), press("rep:yes"))
	c := referred(out)
	if c == nil || c.Contact != nil || !strings.Contains(allText(out), "not shared") {
		t.Fatalf("case %+v\n%s", c, allText(out))
	}
	if s.Report != nil {
		t.Error("draft kept")
	}
}

func TestReportHeldForReview(t *testing.T) {
	d := reportDeps(t)
	medium := "Drivers for Saudi Arabia, salary SAR 1800, interview on Monday."
	_, out := walk(t, d, dialogs.Session{Lang: locales.EN}, text(medium), press("report"), press("rep:saw"), text("Do not share my number"), press("rep:yes"))
	if c := referred(out); c == nil || c.Status != referrals.StatusReview || !strings.Contains(allText(out), "counsellor") {
		t.Fatalf("a medium-risk report was not held: %+v", c)
	}
	d.ReviewAll = true
	_, out = walk(t, d, dialogs.Session{Lang: locales.EN}, text(scamAd), press("report"), press("rep:saw"), text("no"), press("rep:yes"))
	if c := referred(out); c == nil || c.Status != referrals.StatusReview {
		t.Fatalf("review mode: %+v", c)
	}
}

func TestReportNeedsAnAd(t *testing.T) {
	d := reportDeps(t)
	_, out := walk(t, d, dialogs.Session{Lang: locales.EN}, press("report"))
	if !strings.Contains(allText(out), "First send me the ad") {
		t.Fatalf("%s", allText(out))
	}
	// A stale report button after the draft is gone.
	_, out = walk(t, d, dialogs.Session{Lang: locales.EN}, press("rep:yes"))
	if referred(out) != nil || !strings.Contains(allText(out), "out of date") {
		t.Fatalf("%s", allText(out))
	}
}

// TestCounsellorReview: a held case is confirmed or dismissed by a counsellor, and the reporter
// is told, in their language.
func TestCounsellorReview(t *testing.T) {
	redistest.Each(t, []string{"tasdeeq:*"}, func(t *testing.T, b redistest.Backend) { counsellorReview(t, b.RDB) })
}

func counsellorReview(t *testing.T, rdb redis.UniversalClient) {
	store := referrals.NewStore(rdb)
	d := reportDeps(t)
	d.Cases, d.Counsellors = store, map[int64]bool{900: true}
	ctx := context.Background()
	for _, id := range []string{"TSQ-AAAAAA", "TSQ-BBBBBB"} {
		c := referrals.Case{ID: id, CreatedAt: today, UserID: chat, ChatID: chat, Lang: "ur", AdText: scamAdUr,
			Verdict: referrals.Verdict{Risk: "medium"}, Happened: "saw", Targets: []string{"default"}, Status: referrals.StatusReview}
		// The case ids are fixed, so a case's shard is not its reporter's as a drawn id's would
		// be: its writes go in a plain pipeline, which a cluster client splits by slot.
		if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error { return store.AddCmds(ctx, p, c) }); err != nil {
			t.Fatal(err)
		}
	}
	counsellor := func(in dialogs.Input) dialogs.Input { in.UserID, in.ChatID = 900, 900; return in }

	// Not a counsellor: /review is an unknown command.
	if _, out := step(t, d, dialogs.Session{Lang: locales.EN}, cmd("review", "")); !strings.Contains(allText(out), "do not know that command") {
		t.Fatalf("%s", allText(out))
	}
	_, out := step(t, d, dialogs.Session{Lang: locales.EN}, counsellor(cmd("review", "")))
	if got := buttonData(messages(out)[0]); !slices.Equal(got, []string{"rv:TSQ-AAAAAA", "rv:TSQ-BBBBBB"}) {
		t.Fatalf("queue %v", got)
	}
	_, out = step(t, d, dialogs.Session{Lang: locales.EN}, counsellor(press("rv:TSQ-AAAAAA")))
	if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "TSQ-AAAAAA") || !slices.Equal(buttonData(m[0]), []string{"rvok:TSQ-AAAAAA", "rvno:TSQ-AAAAAA"}) {
		t.Fatalf("%+v", out)
	}
	_, out = step(t, d, dialogs.Session{Lang: locales.EN}, counsellor(press("rvok:TSQ-AAAAAA")))
	var confirm *referrals.Case
	var toReporter string
	for _, o := range out {
		if o.Kind == dialogs.ConfirmCase {
			confirm = o.Case
		}
		if o.Kind == dialogs.SendMessage && o.ChatID == chat {
			toReporter = o.Text
		}
	}
	if confirm == nil || confirm.ID != "TSQ-AAAAAA" || !strings.Contains(toReporter, "کونسلر") {
		t.Fatalf("confirm %+v, reporter told %q", confirm, toReporter)
	}
	_, out = step(t, d, dialogs.Session{Lang: locales.EN}, counsellor(press("rvno:TSQ-BBBBBB")))
	if !slices.ContainsFunc(out, func(o dialogs.Output) bool { return o.Kind == dialogs.DismissCase }) ||
		!strings.Contains(allText(out), "1799") {
		t.Fatalf("dismiss: %s", allText(out))
	}
	// The reporter can follow the case; someone else cannot see it.
	_, out = step(t, d, dialogs.Session{Lang: locales.UR}, cmd("case", "tsq-aaaaaa"))
	if !strings.Contains(allText(out), "TSQ-AAAAAA") || strings.Contains(allText(out), "میرے پاس نہیں") {
		t.Fatalf("/case: %s", allText(out))
	}
	other := cmd("case", "TSQ-AAAAAA")
	other.UserID = 77
	if _, out = step(t, d, dialogs.Session{Lang: locales.EN}, other); !strings.Contains(allText(out), "I have no report") {
		t.Fatalf("someone else's case shown: %s", allText(out))
	}
}
