package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/rtl"
)

// An Urdu scam ad as two users forward it, and a repost of it a few days later: other emojis,
// another JazzCash number, another city.
const (
	crowdScamUr = `🇸🇦 سعودی عرب میں ہیوی ڈرائیوروں کی فوری ضرورت ہے 🇸🇦
تنخواہ 2200 ریال، رہائش اور ٹرانسپورٹ کمپنی کی طرف سے، ڈیوٹی دس گھنٹے۔
سو فیصد ویزا گارنٹی، کوئی انٹرویو نہیں۔
رجسٹریشن فیس 25 ہزار روپے پہلے جاز کیش 0301-5550123 پر بھیجیں اور رسید واٹس ایپ کریں۔`
	crowdRepostUr = `✅✅ سعودی عرب میں ہیوی ڈرائیوروں کی فوری ضرورت ہے
تنخواہ 2200 ریال، رہائش اور ٹرانسپورٹ کمپنی کی طرف سے، ڈیوٹی دس گھنٹے۔
سو فیصد ویزا گارنٹی، کوئی انٹرویو نہیں!!
رجسٹریشن فیس 30 ہزار روپے پہلے جاز کیش ۰۳۴۵-۹۸۷۶۵۴۳ پر بھیجیں اور رسید واٹس ایپ کریں۔`
)

// TestRepostNamesEarlierReports is issue 9's "done when": two users report an ad through the
// bot, and a third who forwards a repost of it hears that it was reported, how often and since
// when; then a counsellor marks the JazzCash number as not a scam and it stops counting.
func TestRepostNamesEarlierReports(t *testing.T) {
	e := startServeWith(t, map[string]string{"TASDEEQ_INDICATOR_KEY": "e2e indicator key, 32 bytes long", "TASDEEQ_COUNSELLORS": "5009"})
	for _, chat := range []int64{5001, 5002} {
		steps := []struct {
			say, press string
			total      int
		}{{say: crowdScamUr, total: 1}, {press: "report", total: 2}, {press: "rep:saw", total: 3}, {say: "نہیں", total: 5}, {press: "rep:yes", total: 6}}
		for i, s := range steps {
			u := e.press(chat, "ur", s.press)
			if s.say != "" {
				u = e.text(chat, "ur", s.say)
			}
			if code := e.post(u, e2eSecret); code != http.StatusOK {
				t.Fatalf("chat %d step %d: HTTP %d", chat, i, code)
			}
			e.waitMessages(chat, s.total)
		}
		if got := e.fake.Messages(chat)[5].Text(); !strings.Contains(got, "TSQ-") {
			t.Fatalf("chat %d: the report was not sent: %q", chat, got)
		}
	}
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	const other = 5003
	e.post(e.text(other, "ur", crowdRepostUr), e2eSecret)
	reply := e.waitMessages(other, 1)[0].Text()
	t.Logf("reply to the repost:\n%s", reply)
	for _, want := range []string{b.T(locales.UR, "verdict.high", nil), b.T(locales.UR, "flag.REPORTED_BEFORE", nil), "شکایات: 2،"} {
		if !strings.Contains(rtl.StripControls(reply), rtl.StripControls(want)) {
			t.Errorf("the reply lacks %q", want)
		}
	}
	if strings.Contains(reply, "0301") || strings.Contains(reply, "5550123") {
		t.Error("the reply names the reported number, which this user never sent")
	}

	// The number alone, as someone asks "is this number genuine?".
	e.post(e.text(other, "ur", "کیا یہ نمبر ٹھیک ہے؟ 0301 5550123"), e2eSecret)
	if reply := e.waitMessages(other, 2)[1].Text(); !strings.Contains(reply, "0301 5550123") || !strings.Contains(reply, b.T(locales.UR, "flag.REPORTED_BEFORE", nil)) {
		t.Errorf("the reported number alone:\n%s", reply)
	}
	// A user cannot ask for the list, or mark anything.
	e.post(e.text(other, "ur", "/notscam 0301 5550123"), e2eSecret)
	if reply := e.waitMessages(other, 3)[2].Text(); reply != b.T(locales.UR, "command.unknown", nil) {
		t.Errorf("a user's /notscam: %q", reply)
	}

	// A counsellor marks the number as not a scam: it no longer counts, the ad still does.
	const counsellor = 5009
	e.post(e.text(counsellor, "ur", "/notscam 0301-5550123"), e2eSecret)
	if reply := e.waitMessages(counsellor, 1)[0].Text(); !strings.Contains(reply, b.T(locales.UR, "notscam.done", nil)) {
		t.Fatalf("counsellor: %q", reply)
	}
	e.post(e.text(other, "ur", "0301 5550123 ye number kis ka hai"), e2eSecret)
	if reply := e.waitMessages(other, 4)[3].Text(); strings.Contains(reply, b.T(locales.UR, "flag.REPORTED_BEFORE", nil)) {
		t.Errorf("a number marked not a scam still counts:\n%s", reply)
	}
	e.post(e.text(other, "ur", crowdRepostUr), e2eSecret)
	if reply := e.waitMessages(other, 5)[4].Text(); !strings.Contains(rtl.StripControls(reply), "شکایات: 2،") {
		t.Errorf("the ad stopped counting with the number:\n%s", reply)
	}
}

// TestCheckJSONCarriesReports: `tasdeeq check --json` against the service's Redis reports
// REPORTED_BEFORE with its counts, in the contract's flags; `--jsonl` too; and without the key
// the service used, nothing matches (the hashes are keyed).
func TestCheckJSONCarriesReports(t *testing.T) {
	url := testRedisURL(t) // the cluster or Redis of the CI run, or a miniredis
	rdb := testClient(t, url)
	const key = "check indicator key, 32 bytes long"
	store, err := indicators.NewStore(rdb, []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	for _, reporter := range []int64{1, 2, 3} {
		if err := store.Record(context.Background(), indicators.Report{Text: crowdScamUr, Reporter: reporter, Case: fmt.Sprint(reporter)}); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"REDIS_URL": url, "TASDEEQ_INDICATOR_KEY": key}
	out, err := runCmd(t, env, crowdRepostUr, "check", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Risk  string `json:"risk"`
		Flags []struct {
			Code    string            `json:"code"`
			Reports *redflags.Reports `json:"reports"`
		} `json:"flags"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Risk != "high" || len(v.Flags) == 0 || v.Flags[0].Code != "REPORTED_BEFORE" || v.Flags[0].Reports == nil ||
		v.Flags[0].Reports.Indicator != "ad" || v.Flags[0].Reports.Count != 3 || !v.Flags[0].Reports.Established {
		t.Errorf("check --json: %s", out)
	}
	line, _ := json.Marshal(map[string]string{"id": "x1", "text": "0301-5550123"})
	if out, err := runCmd(t, env, string(line)+"\n", "check", "--jsonl"); err != nil || !strings.Contains(out, `"indicator":"phone","count":3`) {
		t.Errorf("check --jsonl: %v %s", err, out)
	}
	env["TASDEEQ_INDICATOR_KEY"] = "another key that is 32 bytes long"
	if out, err := runCmd(t, env, "0301-5550123", "check", "--json"); err != nil || strings.Contains(out, "REPORTED_BEFORE") {
		t.Errorf("another key found the reports: %v %s", err, out)
	}
}

func TestReportsSettings(t *testing.T) {
	b := redistest.Miniredis(t)
	mr, rdb := b.MR, b.RDB
	logger := slog.New(slog.DiscardHandler)
	ok := reportsSettings{Key: "sixteen bytes at least", High: "2", ConfirmedHigh: "1", Decay: "180d"}
	if _, err := ok.open(context.Background(), rdb, logger); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]reportsSettings{
		"short key":  {Key: "short", High: "2", ConfirmedHigh: "1", Decay: "180d"},
		"zero high":  {Key: ok.Key, High: "0", ConfirmedHigh: "1", Decay: "180d"},
		"word":       {Key: ok.Key, High: "two", ConfirmedHigh: "1", Decay: "180d"},
		"bad decay":  {Key: ok.Key, High: "2", ConfirmedHigh: "1", Decay: "half a year"},
		"zero decay": {Key: ok.Key, High: "2", ConfirmedHigh: "1", Decay: "0d"},
	} {
		if _, err := bad.open(context.Background(), rdb, logger); !errors.Is(err, errUsage) {
			t.Errorf("%s: %v, want a usage error", name, err)
		}
	}
	// Without a key, one is made once and shared through Redis.
	gen := reportsFromEnv(func(string) string { return "" })
	if _, err := gen.open(context.Background(), rdb, logger); err != nil {
		t.Fatal(err)
	}
	first, _ := mr.Get(generatedKey)
	if _, err := gen.open(context.Background(), rdb, logger); err != nil {
		t.Fatal(err)
	}
	if again, _ := mr.Get(generatedKey); len(first) != 64 || again != first {
		t.Errorf("generated key %q then %q", first, again)
	}
	if d, err := parseDays("180d"); err != nil || d != 180*24*time.Hour {
		t.Errorf("180d: %v %v", d, err)
	}
}
