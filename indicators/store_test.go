package indicators_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/redflags"
)

var secret = []byte("test key of the indicator store, 32+")

// backends runs fn against miniredis and, with REDIS_URL set, against that Redis.
func backends(t *testing.T, fn func(t *testing.T, b redistest.Backend)) {
	t.Helper()
	redistest.Each(t, []string{"tasdeeq:{crowd}:*"}, fn)
}

func newStore(t *testing.T, rdb redis.UniversalClient, opts ...indicators.Option) *indicators.Store {
	t.Helper()
	s, err := indicators.NewStore(rdb, secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const scamAd = `🇸🇦 SAUDI ARABIA JOBS 🇸🇦
Heavy & Light Drivers required for a reputed company in Riyadh
✅ Salary: SAR 2,200 + overtime
✅ Accommodation & transport by company
Duty 10 hours, Friday off, 2 year iqama, yearly ticket. Age 21-45.
✅ 100% visa guaranteed, no rejection
Registration fee Rs 25,000 must be paid first to confirm your seat. Send it on JazzCash 0301-5550123 and share the screenshot.
Account: Meezan Bank 0101-0123456789, email hr.saudijobs@gmail.com, apply at www.saudi-visa-jobs.com`

// repost is the same scam a week later: other emojis and spacing, another phone number, two
// words changed.
const repost = `SAUDI ARABIA JOBS 🔥🔥
Heavy  &  Light Drivers required for a reputed company in Jeddah
Salary: SAR 2,400 + overtime
Accommodation & transport by company
Duty 10 hours, Friday off, 2 year iqama, yearly ticket. Age 21-45.
100% visa guaranteed, no rejection!!
Registration fee Rs 30,000 must be paid first to confirm your seat. Send it on JazzCash 0333-9998887 and share the screenshot.`

func day(d int) time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

func reported(t *testing.T, s *indicators.Store, text string) map[string]*redflags.Reports {
	t.Helper()
	flags, err := s.Match(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*redflags.Reports{}
	for _, f := range flags {
		if f.Code != redflags.ReportedBefore || f.Reports == nil {
			t.Fatalf("unexpected flag %+v", f)
		}
		if f.Reports.Indicator != "ad" && !strings.Contains(text, f.Evidence) {
			t.Errorf("evidence %q is not from the text", f.Evidence)
		}
		got[f.Reports.Indicator] = f.Reports
	}
	return got
}

func TestReportsCountIndependentReporters(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		if got := reported(t, s, repost); len(got) != 0 {
			t.Fatalf("nothing reported yet, got %v", got)
		}
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "TSQ-AAAAAA", At: day(0)}); err != nil {
			t.Fatal(err)
		}
		got := reported(t, s, repost)
		ad := got["ad"]
		if ad == nil || ad.Count != 1 || ad.Established || !ad.Since.Equal(day(0)) {
			t.Fatalf("repost after one report: %+v", ad)
		}
		if got["phone"] != nil {
			t.Errorf("the repost's new phone number was never reported, got %+v", got["phone"])
		}
		// The same person reporting again is still one reporter.
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "TSQ-AAAAAB", At: day(1)}); err != nil {
			t.Fatal(err)
		}
		if ad := reported(t, s, repost)["ad"]; ad.Count != 1 {
			t.Errorf("one reporter twice counted %d times", ad.Count)
		}
		// A second person reports the repost: it joins the first report and is established.
		if err := s.Record(ctx, indicators.Report{Text: repost, Reporter: 2, Case: "TSQ-AAAAAC", At: day(5)}); err != nil {
			t.Fatal(err)
		}
		got = reported(t, s, scamAd)
		if ad := got["ad"]; ad == nil || ad.Count != 2 || !ad.Established || !ad.Since.Equal(day(0)) || !ad.Last.Equal(day(5)) {
			t.Errorf("after two reporters: %+v", got["ad"])
		}
		for _, k := range []string{"phone", "account", "email", "domain"} {
			if got[k] == nil || got[k].Count != 1 {
				t.Errorf("%s: %+v, want one report", k, got[k])
			}
		}
		v := redflags.Verdict{Risk: redflags.Medium, JobAd: true, Flags: []redflags.Flag{}}
		if v, err := s.Apply(ctx, repost, v); err != nil || v.Risk != redflags.High || v.Flags[0].Code != redflags.ReportedBefore {
			t.Errorf("Apply: %+v, %v; want high risk led by REPORTED_BEFORE", v, err)
		}
	})
}

func TestOneConfirmedReportIsEstablished(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		s := newStore(t, b.RDB)
		if err := s.Record(context.Background(), indicators.Report{Text: scamAd, Reporter: 3, Case: "TSQ-CCCCCC", Confirmed: true, At: day(0)}); err != nil {
			t.Fatal(err)
		}
		got := reported(t, s, "Bhai ye number 0301 5550123 wala banda kehta hai visa lagwa dega")
		if p := got["phone"]; p == nil || p.Count != 1 || p.Confirmed != 1 || !p.Established {
			t.Errorf("confirmed phone: %+v", p)
		}
		// A policy of three reports and two confirmations is not met by one confirmed case.
		strict := newStore(t, b.RDB, indicators.WithPolicy(indicators.Policy{Reports: 3, Confirmed: 2}))
		if p := reported(t, strict, "0301-5550123")["phone"]; p == nil || p.Established {
			t.Errorf("strict policy: %+v", p)
		}
	})
}

func TestUnrelatedAdsDoNotMatch(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		ads := corpus(t)
		for i, ad := range ads {
			if ad.Kind == "scam" {
				if err := s.Record(ctx, indicators.Report{Text: ad.Text, Reporter: int64(100 + i), Case: ad.ID, At: day(0)}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, ad := range ads {
			got := reported(t, s, ad.Text)
			switch ad.Kind {
			case "scam":
				if got["ad"] == nil || got["ad"].Similarity < 0.99 {
					t.Errorf("%s: reported scam not found: %+v", ad.ID, got["ad"])
				}
			default:
				if len(got) > 0 {
					t.Errorf("%s (%s) matches reports: %+v", ad.ID, ad.Kind, got)
				}
			}
		}
	})
}

func TestDecay(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		if b.MR == nil {
			t.Skip("needs miniredis's clock; TestDecayRealRedis covers Redis")
		}
		ctx := context.Background()
		s := newStore(t, b.RDB)
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "A", At: day(0)}); err != nil {
			t.Fatal(err)
		}
		b.MR.FastForward(100 * 24 * time.Hour)
		// A new report keeps it alive for another 180 days.
		if err := s.Record(ctx, indicators.Report{Text: repost, Reporter: 2, Case: "B", At: day(100)}); err != nil {
			t.Fatal(err)
		}
		b.MR.FastForward(150 * 24 * time.Hour)
		if got := reported(t, s, scamAd); got["ad"] == nil || got["ad"].Count != 2 {
			t.Fatalf("150 days after the last report: %+v", got["ad"])
		}
		if got := reported(t, s, scamAd); got["phone"] != nil {
			t.Errorf("the phone only in the first report, 250 days ago, still counts: %+v", got["phone"])
		}
		b.MR.FastForward(31 * 24 * time.Hour)
		if got := reported(t, s, scamAd); len(got) != 0 {
			t.Fatalf("181 days after the last report: %+v", got)
		}
		// The buckets that named the expired fingerprint were emptied by that check.
		if n := b.RDB.HLen(ctx, "tasdeeq:{crowd}:lsh").Val(); n != 0 {
			t.Errorf("%d buckets left after the fingerprint expired", n)
		}
	})
}

func TestDecayRealRedis(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		if b.MR != nil {
			t.Skip("TestDecay covers miniredis")
		}
		s := newStore(t, b.RDB, indicators.WithDecay(1500*time.Millisecond))
		if err := s.Record(context.Background(), indicators.Report{Text: scamAd, Reporter: 1, Case: "A"}); err != nil {
			t.Fatal(err)
		}
		if got := reported(t, s, scamAd); got["ad"] == nil {
			t.Fatal("not found before the decay")
		}
		time.Sleep(1700 * time.Millisecond)
		if got := reported(t, s, scamAd); len(got) != 0 {
			t.Errorf("found after the decay: %+v", got)
		}
	})
}

func TestCounsellorMarksFalsePositive(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		for i := range 3 {
			if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: int64(i + 1), Case: "C" + string(rune('0'+i))}); err != nil {
				t.Fatal(err)
			}
		}
		// The scammers quoted a real office's number: a counsellor marks it.
		marked, err := s.MarkFalse(ctx, "Office number +92 301 5550123", 77, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(marked) != 1 || marked[0].Kind != indicators.Phone || marked[0].Reports != 3 || !marked[0].NotScam {
			t.Fatalf("marked %+v", marked)
		}
		got := reported(t, s, scamAd)
		if got["phone"] != nil {
			t.Errorf("a marked number still counts: %+v", got["phone"])
		}
		if got["ad"] == nil || got["account"] == nil {
			t.Errorf("marking the number took away the rest: %+v", got)
		}
		// Marking the ad itself stops its fingerprint counting.
		if _, err := s.MarkFalse(ctx, repost, 77, false); err != nil {
			t.Fatal(err)
		}
		if got := reported(t, s, scamAd); got["ad"] != nil {
			t.Errorf("a marked ad still counts: %+v", got["ad"])
		}
		// Undo restores both.
		if _, err := s.MarkFalse(ctx, "0301-5550123 "+repost, 77, true); err != nil {
			t.Fatal(err)
		}
		if got := reported(t, s, scamAd); got["phone"] == nil || got["ad"] == nil {
			t.Errorf("after undo: %+v", got)
		}
	})
}

func TestForgetUnlinksTheReporter(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 9, Case: "F1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Forget(ctx, 9); err != nil {
			t.Fatal(err)
		}
		if got := reported(t, s, scamAd); got["ad"] == nil || got["ad"].Count != 1 {
			t.Fatalf("the report must still count after /forget: %+v", got["ad"])
		}
		if keys, _ := redistest.Keys(ctx, b.RDB, "tasdeeq:{crowd}:by:*"); len(keys) != 0 {
			t.Errorf("the reporter's index survived /forget: %v", keys)
		}
		// Nothing links the report to user 9 any more: reporting again counts as someone new.
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 9, Case: "F2"}); err != nil {
			t.Fatal(err)
		}
		if got := reported(t, s, scamAd); got["ad"].Count != 2 {
			t.Errorf("after forgetting, the same user's mark was still found: count %d", got["ad"].Count)
		}
	})
}

// TestRedisHoldsOnlyHashes scans every key and value the store wrote for the numbers, addresses
// and hosts it was given, in any of their forms.
func TestRedisHoldsOnlyHashes(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		ad := scamAd + "\nIBAN PK36 SCBL 0000 0011 2345 6702, +971 50 123 4567, https://forms.gle/AbC123xyz, wa.me/923451112223"
		if err := s.Record(ctx, indicators.Report{Text: ad, Reporter: 5551234, Case: "TSQ-PRIVAT", Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MarkFalse(ctx, "0301-5550123", 5551234, false); err != nil {
			t.Fatal(err)
		}
		secrets := []string{"5550123", "3015550123", "0123456789", "01010123456789", "1123456702", "PK36", "1234567", "3451112223",
			"gmail", "saudijobs", "saudi-visa-jobs", "abc123xyz", "AbC123xyz", "5551234", "TSQ-PRIVAT"}
		var dump strings.Builder
		keys, err := redistest.Keys(ctx, b.RDB, "tasdeeq:{crowd}:*")
		if err != nil {
			t.Fatal(err)
		}
		if len(keys) < 10 {
			t.Fatalf("only %d keys written", len(keys))
		}
		for _, k := range keys {
			dump.WriteString(k + "\n")
			switch typ := b.RDB.Type(ctx, k).Val(); typ {
			case "hash":
				for f, v := range b.RDB.HGetAll(ctx, k).Val() {
					dump.WriteString(f + "=" + v + "\n")
				}
			case "set":
				dump.WriteString(strings.Join(b.RDB.SMembers(ctx, k).Val(), ",") + "\n")
			case "string":
				dump.WriteString(b.RDB.Get(ctx, k).Val() + "\n")
			default:
				t.Errorf("%s: unexpected type %s", k, typ)
			}
		}
		for _, sec := range secrets {
			if sec == "5551234" && strings.Contains(dump.String(), `"by":5551234`) {
				// The counsellor's own id on the mark they made is deliberate: marks are accountable.
				continue
			}
			if strings.Contains(dump.String(), sec) {
				t.Errorf("Redis holds %q", sec)
			}
		}
	})
}

func TestNewStoreRefusesWeakKeys(t *testing.T) {
	if _, err := indicators.NewStore(nil, []byte("short")); err == nil {
		t.Error("a 5-byte key was accepted")
	}
	if _, err := indicators.NewStore(nil, secret, indicators.WithThreshold(0)); err == nil {
		t.Error("threshold 0 was accepted")
	}
}

// TestCommonWordingIsNotABucket stores many different ads that share a long stretch of wording
// (as template scams do) and checks that a band they all share lists at most maxBandIDs ids,
// while a repost of one of them is still found.
func TestCommonWordingIsNotABucket(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		template := "registration fee must be paid first on jazzcash to confirm your seat visa guaranteed no interview needed " +
			"salary with overtime and free food accommodation transport by the company duty ten hours friday off yearly ticket "
		for i := range 300 {
			ad := template + own(i)
			if err := s.Record(ctx, indicators.Report{Text: ad, Reporter: int64(i), Case: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
		longest := 0
		for _, v := range b.RDB.HGetAll(ctx, "tasdeeq:{crowd}:lsh").Val() {
			longest = max(longest, strings.Count(v, ",")+1)
		}
		if longest > 32 {
			t.Errorf("a band lists %d fingerprints", longest)
		}
		repost := "🔥 " + template + own(7)
		if got := reported(t, s, repost); got["ad"] == nil || got["ad"].Similarity < 0.99 {
			t.Errorf("repost of a template ad: %+v", got["ad"])
		}
	})
}

// own is the part of ad i that is its own: 24 made-up words.
func own(i int) string {
	var w []string
	for k := range 24 {
		w = append(w, word(i*24+k))
	}
	return strings.Join(w, " ")
}

// word is a made-up word for i, so that ads differ in more than digits.
func word(i int) string {
	const letters = "bcdfghjklmnpqrstvwxz"
	return string([]byte{letters[i%20], 'a', letters[(i/20)%20], 'o', letters[(i/400)%20]})
}

// TestMigrateBuckets stores a reported ad, rewrites its index in the layout of the version
// before the one-key index (a hash per band and 15-bit prefix), and checks that after
// MigrateBuckets a repost is found again, the old keys are gone, and a second run moves nothing.
func TestMigrateBuckets(t *testing.T) {
	backends(t, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := newStore(t, b.RDB)
		if err := s.Record(ctx, indicators.Report{Text: scamAd, Reporter: 1, Case: "A"}); err != nil {
			t.Fatal(err)
		}
		index := b.RDB.HGetAll(ctx, "tasdeeq:{crowd}:lsh").Val()
		if len(index) != indicators.Bands {
			t.Fatalf("the index holds %d bands, want %d", len(index), indicators.Bands)
		}
		b.RDB.Del(ctx, "tasdeeq:{crowd}:lsh")
		for field, ids := range index {
			band, bits, _ := strings.Cut(field, ":")
			v, err := strconv.ParseUint(bits, 36, 64)
			if err != nil {
				t.Fatal(err)
			}
			old := fmt.Sprintf("tasdeeq:{crowd}:lsh:%s:%x", band, v>>24)
			b.RDB.HSet(ctx, old, strconv.FormatUint(v&0xffffff, 10), ids)
		}
		if got := reported(t, s, scamAd); got["ad"] != nil {
			t.Fatalf("found through an index this version does not read: %+v", got["ad"])
		}
		moved, err := s.MigrateBuckets(ctx)
		if err != nil || moved != indicators.Bands {
			t.Fatalf("moved %d buckets (%v), want %d", moved, err, indicators.Bands)
		}
		if got := reported(t, s, scamAd); got["ad"] == nil || got["ad"].Count != 1 {
			t.Errorf("after the migration: %+v", got["ad"])
		}
		if keys, _ := redistest.Keys(ctx, b.RDB, "tasdeeq:{crowd}:lsh:*"); len(keys) != 0 {
			t.Errorf("old buckets left: %v", keys)
		}
		if moved, err := s.MigrateBuckets(ctx); err != nil || moved != 0 {
			t.Errorf("second run moved %d (%v)", moved, err)
		}
	})
}
