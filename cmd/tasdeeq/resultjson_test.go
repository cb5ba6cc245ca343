package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// TestAppendResultMatchesMarshal checks that the hand-written encoder writes what json.Marshal
// writes, for verdicts of every shape and for strings that need escaping.
func TestAppendResultMatchesMarshal(t *testing.T) {
	tricky := "a \"quote\" \\ <b>&amp; \n\r\t\b\f \x00\x1f\x7f é ۔ \u2028\u2029 \xff\xfe end"
	results := []checkResult{
		{},
		{ID: "ad-1"},
		{ID: ""},
		{ID: 12.5, Verdict: redflags.Verdict{Kind: redflags.KindAd}},
		{ID: 1e21},
		{ID: tricky, Verdict: redflags.Verdict{
			Kind: redflags.KindAd, Risk: redflags.High, Score: 100, Language: redflags.Urdu, JobAd: true,
			Flags: []redflags.Flag{
				{Code: redflags.UpfrontFee, Evidence: tricky, Start: 3, End: -4, Rule: "en.fee"},
				{Code: redflags.NoLicence},
			},
			Licences: []redflags.Licence{
				{Text: tricky, Number: "1234/RWP", Status: licences.Active, Title: "A & B", Expires: "2027-01-01", Start: 5},
				{Number: "9", Status: licences.Unknown},
			},
			Payment: &redflags.Payment{AmountPKR: 250000, Channel: "jazzcash"},
			Topic:   redflags.TopicProtector, OtherLanguage: "ps",
		}},
		{Verdict: redflags.Verdict{Flags: []redflags.Flag{}, Licences: []redflags.Licence{}, Payment: &redflags.Payment{}}},
		{Verdict: redflags.Verdict{Payment: &redflags.Payment{Channel: "cash"}}},
		{ID: "r", Verdict: redflags.Verdict{Flags: []redflags.Flag{{Code: redflags.ReportedBefore,
			Reports: &redflags.Reports{Indicator: "phone", Count: 2, Since: time.Unix(0, 0).UTC()}}}}},
	}
	for _, r := range results {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendResult([]byte("prefix"), r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Errorf("appendResult:\n got %s\nwant prefix%s", got, want)
		}
	}
}

// TestAppendResultCorpus compares the encoder with json.Marshal on the verdicts of the corpus.
func TestAppendResultCorpus(t *testing.T) {
	a, err := redflags.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(readCorpus(t), []byte("\n")) {
		var in struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := json.Unmarshal(line, &in); err != nil {
			t.Fatal(err)
		}
		v, err := a.Analyze(context.Background(), in.Text, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := checkResult{ID: in.ID, Verdict: v}
		want, _ := json.Marshal(r)
		got, err := appendResult(nil, r)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: appendResult:\n got %s\nwant %s", in.ID, got, want)
		}
	}
}

func readCorpus(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../redflags/testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return data
}
