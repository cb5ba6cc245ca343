package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// jsonLines are lines for decodeLine: the shapes tools write, and the ones it must leave to
// json.Unmarshal.
var jsonLines = []string{
	`{"id":1,"text":"Saudi jobs, visa guaranteed"}`,
	`{"id":"ad-7","text":"ویزا فیس ۸۰ ہزار"}`,
	` { "text" : "a\nb\t\"c\" \\ \/ \b\f\r \u00e9\u0628" , "id" : -12.5e3 } `,
	`{"text":"no id"}`,
	`{"id":0,"text":""}`,
	`{"id":1e400,"text":"x"}`,
	`{"id":01,"text":"x"}`,
	`{"id":1.,"text":"x"}`,
	`{"id":null,"text":"x"}`,
	`{"id":1,"text":null}`,
	`{"id":1,"text":"x","extra":true}`,
	`{"ID":1,"Text":"x"}`,
	`{"id":1,"text":"a","text":"b"}`,
	`{"id":1,"text":"\ud83d\ude00"}`,
	`{"id":1,"text":"\ud800"}`,
	"{\"id\":1,\"text\":\"\xff\"}",
	"{\"id\":1,\"text\":\"a\tb\"}",
	`{"id":1,"text":"x"}}`,
	`{"id":1,"text":"x",}`,
	`{}`,
	`[]`,
	`{"id":[1],"text":"x"}`,
	`{"id":true,"text":"x"}`,
	`{"id":1,"text":"\u0000\u001f"}`,
	`{"id":1,"text":"\x"}`,
	`{"id":1,"text":"<b>&amp;</b>"}`,
	`{"id":-0,"text":"x"}`,
	`{"id":1E+2,"text":"x"}`,
	`{"id":"\u00e9","text":"x"}`,
}

// TestDecodeLine checks that decodeLine decodes a line exactly as json.Unmarshal does, or leaves
// it to it.
func TestDecodeLine(t *testing.T) {
	for _, line := range jsonLines {
		checkDecodeLine(t, []byte(line))
	}
}

func FuzzDecodeLine(f *testing.F) {
	for _, line := range jsonLines {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkDecodeLine(t, line) })
}

func checkDecodeLine(t *testing.T, line []byte) {
	t.Helper()
	var fast, slow jsonlInput
	if !decodeLine(line, &fast) {
		if !reflect.DeepEqual(fast, jsonlInput{}) {
			t.Errorf("%q: decodeLine declined but set %+v", line, fast)
		}
		return
	}
	if err := json.Unmarshal(line, &slow); err != nil {
		t.Fatalf("%q: decodeLine accepted a line json.Unmarshal rejects: %v", line, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q: decodeLine %#v, json.Unmarshal %#v", line, fast, slow)
	}
	if (fast.Text == nil) != (slow.Text == nil) || fast.Text != nil && *fast.Text != *slow.Text {
		t.Fatalf("%q: text %v, json.Unmarshal %v", line, fast.Text, slow.Text)
	}
	a, _ := json.Marshal(fast.ID)
	b, _ := json.Marshal(slow.ID)
	if string(a) != string(b) {
		t.Fatalf("%q: id encodes as %s, json.Unmarshal's as %s", line, a, b)
	}
}
