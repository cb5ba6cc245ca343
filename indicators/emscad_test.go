package indicators_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/emscad"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

// TestEMSCADFalseMatches stores every fraudulent EMSCAD ad and every scam of the corpus as a
// report, then checks the 492 legitimate EMSCAD ads against them: a legitimate ad that matches
// a report's fingerprint is a false match. Indicator matches (a shared phone number, address or
// website) are counted apart, because two ads can share a real company's website.
func TestEMSCADFalseMatches(t *testing.T) {
	dir := emscad.Dir(t)
	rdb := redistest.Miniredis(t).RDB
	ctx := context.Background()
	s, err := indicators.NewStore(rdb, secret)
	if err != nil {
		t.Fatal(err)
	}
	var reports []string
	for _, ad := range emscad.Load(t, dir, emscad.Fraudulent) {
		reports = append(reports, ad.Text)
	}
	legit := 0
	var legitAds []string
	for _, ad := range emscad.Load(t, dir, emscad.First499) {
		if ad.Fraudulent {
			reports = append(reports, ad.Text)
		} else {
			legit++
			legitAds = append(legitAds, ad.Text)
		}
	}
	for _, ad := range corpus(t) {
		if ad.Kind == "scam" {
			reports = append(reports, ad.Text)
		}
	}
	for i, text := range reports {
		if err := s.Record(ctx, indicators.Report{Text: text, Reporter: int64(i + 1), Case: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	adMatches, indicatorMatches := 0, 0
	kinds := map[string]int{}
	for _, text := range legitAds {
		flags, err := s.Match(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		ad, other := false, false
		for _, f := range flags {
			if f.Reports.Indicator == "ad" {
				ad = true
				t.Logf("legitimate ad matches a reported fingerprint (similarity %.2f): %.120q", f.Reports.Similarity, text)
			} else {
				other = true
				kinds[f.Reports.Indicator]++
			}
		}
		if ad {
			adMatches++
		}
		if other {
			indicatorMatches++
		}
	}
	// How close the closest legitimate ad comes to a report, below the threshold: the margin.
	closest := 0.0
	var sigs []indicators.Signature
	for _, text := range reports {
		if sig, ok := indicators.Fingerprint(text); ok {
			sigs = append(sigs, sig)
		}
	}
	for _, text := range legitAds {
		sig, ok := indicators.Fingerprint(text)
		if !ok {
			continue
		}
		for _, r := range sigs {
			closest = max(closest, sig.Similarity(r.Compact()))
		}
	}
	t.Logf("closest legitimate ad to any report: similarity %.2f (threshold %.2f)", closest, indicators.DefaultThreshold)
	rate := float64(adMatches) / float64(legit)
	t.Logf("EMSCAD: %d reports stored (866 fraudulent + 7 in first499 + corpus scams); of %d legitimate ads %d match a reported fingerprint (%.2f%%), %d share an indicator %v",
		len(reports), legit, adMatches, 100*rate, indicatorMatches, kinds)
	if legit < 400 {
		t.Fatalf("only %d legitimate ads read", legit)
	}
	if rate > 0.01 {
		t.Errorf("false match rate %.2f%%, want at most 1%%", 100*rate)
	}
}
