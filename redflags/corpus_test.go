package redflags_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/tasdeeq/tasdeeq/internal/emscad"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// loadCorpus returns the project's written texts (testdata/corpus.jsonl), the ones TestCorpus
// holds to exact expectations and BenchmarkAnalyze times.
func loadCorpus(tb testing.TB) []text {
	tb.Helper()
	var ads []text
	for _, t := range loadTexts(tb) {
		if t.file == "corpus.jsonl" {
			ads = append(ads, t)
		}
	}
	if len(ads) < 60 {
		tb.Fatalf("corpus has %d ads, want at least 60", len(ads))
	}
	return ads
}

// TestCorpus runs the hand-written corpus: every expected flag must fire, scams must come out
// high, lawful ads never high, awareness texts and chat never flagged. It logs the score table
// the closing note quotes.
func TestCorpus(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	type tally struct{ n, high, medium, low int }
	table := map[string]*tally{}
	for _, ad := range loadCorpus(t) {
		v := analyze(t, a, reg, ad.Text)
		key := ad.Lang + "/" + ad.Label
		if table[key] == nil {
			table[key] = &tally{}
		}
		tl := table[key]
		tl.n++
		switch v.Risk {
		case redflags.High:
			tl.high++
		case redflags.Medium:
			tl.medium++
		default:
			tl.low++
		}
		for _, c := range ad.Expect {
			if !slices.Contains(codes(v), c) {
				t.Errorf("%s: expected %s, got %v", ad.ID, c, v.Flags)
			}
		}
		switch ad.Label {
		case "scam":
			if v.Risk != redflags.High {
				t.Errorf("%s: scam rated %s (%v)", ad.ID, v.Risk, v.Flags)
			}
		case "lawful":
			if v.Risk == redflags.High {
				t.Errorf("%s: lawful ad rated high: %v", ad.ID, v.Flags)
			}
			if v.Language == "" || len(v.Licences) == 0 {
				t.Errorf("%s: lawful ad without a licence found", ad.ID)
			}
		case "awareness", "everyday":
			if len(v.Flags) != 0 {
				t.Errorf("%s: %s raised %v", ad.ID, ad.Label, v.Flags)
			}
		}
	}
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		tl := table[k]
		t.Logf("corpus %-20s n=%3d high=%3d medium=%3d low=%3d", k, tl.n, tl.high, tl.medium, tl.low)
	}
}

// TestEMSCAD measures false alarms on real legitimate ads (at most 2% may come out high) and
// logs the recall on real fraudulent ones. The rules were not tuned to this data.
func TestEMSCAD(t *testing.T) {
	dir := emscad.Dir(t)
	a, reg := mustAnalyzer(t), sampleRegister(t)
	legit, legitHigh := 0, 0
	flagCount := map[redflags.Code]int{}
	for _, ad := range emscad.Load(t, dir, emscad.First499) {
		if ad.Fraudulent {
			continue
		}
		v := analyze(t, a, reg, ad.Text)
		legit++
		if v.Risk == redflags.High {
			legitHigh++
			for _, f := range v.Flags {
				flagCount[f.Code]++
			}
		}
	}
	fraud, fraudHigh, fraudFlagged := 0, 0, 0
	for _, ad := range emscad.Load(t, dir, emscad.Fraudulent) {
		v := analyze(t, a, reg, ad.Text)
		fraud++
		if v.Risk == redflags.High {
			fraudHigh++
		}
		if len(v.Flags) > 0 && !(len(v.Flags) == 1 && v.Flags[0].Code == redflags.NoLicence) {
			fraudFlagged++
		}
	}
	rate := float64(legitHigh) / float64(legit)
	t.Logf("EMSCAD legitimate: %d ads, %d rated high (%.1f%%); flags on those: %v", legit, legitHigh, 100*rate, flagCount)
	t.Logf("EMSCAD fraudulent: %d ads, %d rated high (recall %.1f%%), %d with a sign other than NO_LICENCE (%.1f%%)",
		fraud, fraudHigh, 100*float64(fraudHigh)/float64(fraud), fraudFlagged, 100*float64(fraudFlagged)/float64(fraud))
	if legit < 400 {
		t.Fatalf("only %d legitimate ads read", legit)
	}
	if rate > 0.02 {
		t.Errorf("%.1f%% of legitimate ads rated high, want at most 2%%", 100*rate)
	}
}

// BenchmarkAnalyze runs the analyser over the corpus; ads/s is the figure to watch (target
// 20,000/s on one core for ~600-byte ads).
func BenchmarkAnalyze(b *testing.B) {
	a, reg := mustAnalyzer(b), sampleRegister(b)
	ads := loadCorpus(b)
	bytes := 0
	for _, ad := range ads {
		bytes += len(ad.Text)
	}
	ctx := context.Background()
	b.SetBytes(int64(bytes / len(ads)))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := a.Analyze(ctx, ads[i%len(ads)].Text, reg); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ads/s")
	b.ReportMetric(float64(bytes/len(ads)), "bytes/ad")
}

// FuzzAnalyze: no panic, a valid verdict, and evidence spans inside the input.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Registration fee only Rs 15,000, OEPL No. 9848/lhr",
		"ویزا فیس ۸۰ ہزار جاز کیش پر بھیجیں",
		"Pehly 50 hazar jama karwayen, visa pakka",
		"koi fees nahi\nWarning:\n- azad visa",
		"bit.ly/x hr@gmail.com 9008  / RWP",
		"\u200c\u0640ـ٠١٢ ي ك ه",
	} {
		f.Add(s)
	}
	a, reg := mustAnalyzer(f), sampleRegister(f)
	f.Fuzz(func(t *testing.T, text string) {
		v, err := a.Analyze(context.Background(), text, reg)
		if err != nil {
			t.Fatal(err)
		}
		switch v.Risk {
		case redflags.High, redflags.Medium, redflags.Low:
		default:
			t.Fatalf("risk %q", v.Risk)
		}
		if v.Score < 0 || v.Score > 100 {
			t.Fatalf("score %d", v.Score)
		}
		for _, fl := range v.Flags {
			if !fl.Code.Valid() {
				t.Fatalf("code %q", fl.Code)
			}
			if fl.Start < 0 || fl.End > len(text) || fl.Start > fl.End {
				t.Fatalf("%s: span %d:%d outside %d bytes", fl.Code, fl.Start, fl.End, len(text))
			}
			if fl.Evidence != text[fl.Start:fl.End] {
				t.Fatalf("%s: evidence %q is not the input span", fl.Code, fl.Evidence)
			}
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatal(fmt.Errorf("verdict does not encode: %w", err))
		}
	})
}
