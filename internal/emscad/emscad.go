// Package emscad reads the EMSCAD job-ad subsets in ../shared/data/emscad for the tests that
// measure Tasdeeq on real ads: false alarms on legitimate ads, and near-duplicate false matches.
package emscad

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Ad is one EMSCAD job ad: its title, company profile, description, requirements and benefits.
type Ad struct {
	Text       string
	Fraudulent bool
}

// Dir finds the EMSCAD data beside the repository (../shared/data/emscad seen from a package
// directory), or at TASDEEQ_EMSCAD. Outside CI a missing directory skips the test; in CI (CI set)
// it fails it, so the measurement can never quietly stop running.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("TASDEEQ_EMSCAD")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data", "emscad")
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("EMSCAD data missing in CI: %v", err)
		}
		tb.Skipf("EMSCAD data not found at %s (set TASDEEQ_EMSCAD); CI always runs this test", dir)
	}
	return dir
}

// Legitimate and Fraudulent name the two subsets.
const (
	First499   = "first499.csv"   // 492 legitimate and 7 fraudulent ads
	Fraudulent = "fraudulent.csv" // every fraudulent ad of EMSCAD, 866
)

// Load reads one subset.
func Load(tb testing.TB, dir, name string) []Ad {
	tb.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var ads []Ad
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		var parts []string
		for _, c := range []string{"title", "company_profile", "description", "requirements", "benefits"} {
			if i, ok := col[c]; ok && i < len(rec) {
				parts = append(parts, rec[i])
			}
		}
		fr := rec[col["fraudulent"]]
		ads = append(ads, Ad{Text: strings.Join(parts, "\n"), Fraudulent: fr == "1" || fr == "t"})
	}
	return ads
}
