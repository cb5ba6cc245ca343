package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/locales"
)

// runCmd runs the real program with the given arguments, environment and input.
func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if k == "TASDEEQ_LOG_LEVEL" {
			return "error"
		}
		return ""
	}
	err := run(context.Background(), append([]string{"tasdeeq"}, args...), getenv, strings.NewReader(stdin), &out)
	return out.String(), err
}

const scamAd = "Saudi Arabia jobs. 100% visa guarantee! Registration fee Rs 25,000 on JazzCash 0300-5551234."
const lawfulAd = "Crescent Manpower Services, OEPL No. 9848/LHR. Drivers for Saudi Arabia, salary SAR 1800. Interview at Office 4, Mall Road, Lahore. Permission No. PE/LHR/2026/1187."

func TestCheckJSON(t *testing.T) {
	out, err := runCmd(t, nil, scamAd, "check", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Risk     string `json:"risk"`
		Score    int    `json:"score"`
		Language string `json:"language"`
		JobAd    bool   `json:"job_ad"`
		Flags    []struct {
			Code     string `json:"code"`
			Evidence string `json:"evidence"`
		} `json:"flags"`
		Licences []any `json:"licences"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if v.Risk != "high" || v.Language != "en" || !v.JobAd || len(v.Flags) < 3 || v.Licences == nil {
		t.Fatalf("unexpected verdict: %s", out)
	}
	for _, f := range v.Flags {
		if f.Code == "UPFRONT_FEE" && !strings.Contains(f.Evidence, "Registration fee") {
			t.Errorf("UPFRONT_FEE evidence %q", f.Evidence)
		}
	}
}

func TestCheckLicenceFromRegister(t *testing.T) {
	out, err := runCmd(t, nil, lawfulAd, "check", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"risk":"low"`) || !strings.Contains(out, `"number":"9848/LHR","status":"active","title":"Crescent Manpower Services"`) {
		t.Fatalf("lawful ad: %s", out)
	}
}

func TestCheckLicencesFile(t *testing.T) {
	dir := t.TempDir()
	csv := "Licence No.,Licence Title,Status,Expiry Date\n9848/LHR,Some Other Agency,Cancelled,2027-01-01\n"
	path := filepath.Join(dir, "reg.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, nil, lawfulAd, "check", "--json", "--licences", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"status":"cancelled"`) || !strings.Contains(out, "LICENCE_NOT_VALID") {
		t.Fatalf("register from file not used: %s", out)
	}
	if _, err := runCmd(t, nil, lawfulAd, "check", "--licences", filepath.Join(dir, "missing.csv")); err == nil {
		t.Fatal("missing register file: no error")
	}
}

func TestCheckReadable(t *testing.T) {
	en, err := runCmd(t, nil, scamAd, "check")
	if err != nil {
		t.Fatal(err)
	}
	// A high verdict's one thing to do is to report it (FIA, NCCIA); `check` also lists every sign.
	if !strings.Contains(en, "High risk") || !strings.Contains(en, "FIA 111-247-786") || !strings.Contains(en, "Registration fee Rs 25,000") ||
		!strings.Contains(en, "More warning signs:") {
		t.Errorf("English explanation:\n%s", en)
	}
	ur, err := runCmd(t, nil, scamAd, "check", "--lang", "ur")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ur, "خطرہ زیادہ ہے") || !strings.Contains(ur, "ایف آئی اے") || strings.Contains(ur, "High risk") {
		t.Errorf("Urdu explanation:\n%s", ur)
	}
	// An Urdu ad gets an Urdu answer without --lang.
	auto, err := runCmd(t, nil, "سعودی عرب میں نوکری، ویزا فیس ۸۰ ہزار روپے جاز کیش پر بھیجیں۔", "check")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(auto, "خطرہ زیادہ ہے") {
		t.Errorf("Urdu ad, answer:\n%s", auto)
	}
	never := []string{"safe", "محفوظ ہے"}
	for _, out := range []string{en, ur, auto} {
		for _, w := range never {
			if strings.Contains(strings.ToLower(out), w) {
				t.Errorf("reply calls an ad %q:\n%s", w, out)
			}
		}
	}
}

func TestCheckJSONLKeepsOrderAndIDs(t *testing.T) {
	var in strings.Builder
	for i := range 1200 {
		text := lawfulAd
		if i%3 == 0 {
			text = scamAd
		}
		b, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("ad-%d", i), "text": text})
		in.Write(b)
		in.WriteByte('\n')
	}
	out, err := runCmd(t, nil, in.String(), "check", "--jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1200 {
		t.Fatalf("%d lines out, want 1200", len(lines))
	}
	for i, l := range lines {
		var r struct {
			ID   string `json:"id"`
			Risk string `json:"risk"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		want := "low"
		if i%3 == 0 {
			want = "high"
		}
		if r.ID != fmt.Sprintf("ad-%d", i) || r.Risk != want {
			t.Fatalf("line %d: %s", i, l)
		}
	}
}

func TestCheckJSONLBadLines(t *testing.T) {
	in := `{"id":1,"text":"hello"}` + "\nnot json\n" + `{"id":3}` + "\n\n" + `{"id":4,"text":"` + scamAd + `"}` + "\n"
	out, err := runCmd(t, nil, in, "check", "--jsonl")
	if err == nil || !strings.Contains(err.Error(), "2 of 4 lines") {
		t.Fatalf("err = %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines: %s", len(lines), out)
	}
	if !strings.Contains(lines[1], `"error":"line 2: not a JSON object`) || !strings.Contains(lines[2], `"id":3,"error"`) || !strings.Contains(lines[3], `"id":4,"kind":"ad","risk":"high"`) {
		t.Fatalf("output:\n%s", out)
	}
}

func TestCheckBadInput(t *testing.T) {
	if _, err := runCmd(t, nil, "   ", "check"); err == nil || !strings.Contains(err.Error(), "no ad") {
		t.Errorf("empty input: %v", err)
	}
	if _, err := runCmd(t, nil, "x", "check", "--lang", "fr"); err == nil {
		t.Error("--lang fr accepted")
	}
	if _, err := runCmd(t, nil, "", "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
	if _, err := runCmd(t, nil, "", "serve"); err == nil || !strings.Contains(err.Error(), "TELEGRAM_TOKEN") {
		t.Errorf("serve without a token: %v", err)
	}
	if _, err := runCmd(t, map[string]string{"TELEGRAM_TOKEN": "x"}, "", "serve"); err == nil || !strings.Contains(err.Error(), "TELEGRAM_WEBHOOK_SECRET") {
		t.Errorf("serve without a secret: %v", err)
	}
}

func TestLicencesCommands(t *testing.T) {
	// The embedded Redis keeps this test hermetic; the store itself is tested on real Redis in
	// the licences package.
	env := map[string]string{}
	out, err := runCmd(t, env, "", "licences", "lookup", "9848/lhr")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "9848/LHR  Crescent Manpower Services  active") || !strings.Contains(out, "Register:") {
		t.Errorf("lookup:\n%s", out)
	}
	out, err = runCmd(t, env, "", "licences", "search", "Talagang Intl", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "9600/RWP") || !strings.Contains(out, "9660/RWP") {
		t.Errorf("search should return both Talagang International licences:\n%s", out)
	}
	out, err = runCmd(t, env, "", "licences", "lookup", "0001/ZZZ", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"found":false`) || !strings.Contains(out, `"status":"unknown"`) {
		t.Errorf("unknown licence:\n%s", out)
	}
	if _, err := runCmd(t, env, "", "licences", "lookup", "not-a-number"); err == nil {
		t.Error("bad number accepted")
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Licence No.,Status\n9848/LHR,Active\n"), 0o600)
	if _, err := runCmd(t, env, "", "licences", "import", bad); err == nil || !strings.Contains(err.Error(), "Licence Title") {
		t.Errorf("import without a title column: %v", err)
	}
}

// TestChat runs the terminal chat the README shows, in both languages.
func TestChat(t *testing.T) {
	// Under the verdict: [1] report, [2] more signs, [3] check another, [4] check a licence.
	script := "1\n\nSaudi Arabia jobs. 100% visa guarantee!\nRegistration fee Rs 25,000 on JazzCash 0300-5551234.\n\n4\nTalagang\n\n/forget\n"
	out, err := runCmd(t, nil, script, "chat")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Choose your language", "[1] ✓ English", "High risk", "[1] Report this ad", "9600/RWP · Talagang International", "9660/RWP", "deleted everything"} {
		if !strings.Contains(out, want) {
			t.Errorf("English chat lacks %q:\n%s", want, out)
		}
	}
	ur, err := runCmd(t, nil, "سعودی عرب میں نوکری، ویزا فیس ۸۰ ہزار روپے جاز کیش پر بھیجیں۔\n\n2\n", "chat", "--lang", "ur")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"اپنی زبان چنیں", "خطرہ زیادہ ہے", "اس اشتہار کی شکایت کریں", "دوسرا اشتہار چیک کریں", "نوکری کا اشتہار مجھے فارورڈ کریں"} {
		if !strings.Contains(ur, want) {
			t.Errorf("Urdu chat lacks %q:\n%s", want, ur)
		}
	}
}

// TestChatMessageKinds: the terminal chat answers each kind of message as serve does, in both
// languages and in the order they were sent.
func TestChatMessageKinds(t *testing.T) {
	b, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		var script strings.Builder
		var wants []string
		for _, k := range messageKinds {
			if k.lang == lang {
				script.WriteString(k.say + "\n\n")
				wants = append(wants, kindAnswer(b, lang, k.answer))
			}
		}
		out, err := runCmd(t, nil, script.String(), "chat", "--lang", string(lang))
		if err != nil {
			t.Fatal(err)
		}
		rest := out
		for i, want := range wants {
			j := strings.Index(rest, want)
			if j < 0 {
				t.Fatalf("%s chat: reply %d lacks %q (or it came out of order):\n%s", lang, i, want, out)
			}
			rest = rest[j+len(want):]
		}
	}
}
