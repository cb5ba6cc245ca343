package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkCheckJSONL runs `tasdeeq check --jsonl` end to end (read, analyse with the embedded
// register, encode, write) over the redflags corpus; ads/s is the figure (target 10,000/s).
func BenchmarkCheckJSONL(b *testing.B) {
	f, err := os.Open("../../redflags/testdata/corpus.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var ads []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ad struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ad); err != nil {
			b.Fatal(err)
		}
		line, _ := json.Marshal(ad)
		ads = append(ads, string(line))
	}
	const perRun = 10_000
	var in strings.Builder
	for i := range perRun {
		in.WriteString(ads[i%len(ads)])
		in.WriteByte('\n')
	}
	input := in.String()
	getenv := func(k string) string {
		if k == "TASDEEQ_LOG_LEVEL" {
			return "error"
		}
		return ""
	}
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"tasdeeq", "check", "--jsonl"}, getenv, strings.NewReader(input), &out); err != nil {
			b.Fatal(err)
		}
		if n := bytes.Count(out.Bytes(), []byte("\n")); n != perRun {
			b.Fatalf("%d results, want %d", n, perRun)
		}
		io.Discard.Write(out.Bytes())
	}
	b.ReportMetric(float64(b.N*perRun)/b.Elapsed().Seconds(), "ads/s")
}
