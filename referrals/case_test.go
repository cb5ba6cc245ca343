package referrals_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/referrals"
)

func TestNewID(t *testing.T) {
	format := regexp.MustCompile(`^TSQ-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$`)
	const n = 100_000
	seen := make(map[string]bool, n)
	dups := 0
	for range n {
		id := referrals.NewID()
		if !format.MatchString(id) || !referrals.ValidID(id) {
			t.Fatalf("bad id %q", id)
		}
		if seen[id] {
			dups++
		}
		seen[id] = true
	}
	// Six base32 characters are 30 bits: among 100k ids about 4.7 collisions are expected
	// (birthday bound n²/2·2³⁰). More than 25 would mean a biased generator.
	if dups > 25 {
		t.Errorf("%d duplicate ids among %d: generator is not uniform", dups, n)
	}
	t.Logf("%d duplicates among %d ids (≈4.7 expected for 30 bits)", dups, n)
}

func TestValidID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"TSQ-7K3F9Q", true},
		{"tsq-7k3f9q", true},
		{"Tsq-00ZZ09", true},
		{"TSQ-7K3F9", false},
		{"TSQ-7K3F9QQ", false},
		{"TSQ-7K3F9I", false}, // I is not Crockford
		{"TSQ-LLLLLL", false},
		{"TSQ-OOOOOO", false},
		{"TSQ-UUUUUU", false},
		{"TSQ_7K3F9Q", false},
		{"ABC-7K3F9Q", false},
		{"", false},
		{"TSQ-7K3F9\u200d", false},
	} {
		if got := referrals.ValidID(tc.in); got != tc.want {
			t.Errorf("ValidID(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := referrals.NormalizeID(" tsq-7k3f9q "); got != "TSQ-7K3F9Q" {
		t.Errorf("NormalizeID = %q", got)
	}
}

func TestBody(t *testing.T) {
	created := time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("PKT", 5*3600))
	now := created.Add(time.Hour)
	withContact := sampleCase("TSQ-7K3F9Q", created)
	noContact := withContact
	noContact.Contact = nil
	noPayment := noContact
	noPayment.AmountPKR, noPayment.Channel = 0, ""
	noPayment.Verdict = referrals.Verdict{Risk: "medium"}
	for _, tc := range []struct {
		name        string
		c           referrals.Case
		wantContact bool
		wantPayment bool
	}{
		{"contact shared", withContact, true, true},
		{"no consent", noContact, false, true},
		{"no payment, empty verdict", noPayment, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := tc.c.Body("NCCIA", now)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, raw)
			}
			for _, banned := range []string{"user_id", "chat_id", "424242", "434343"} {
				if strings.Contains(string(raw), banned) {
					t.Errorf("body contains %q: %s", banned, raw)
				}
			}
			for _, k := range []string{"case_id", "target", "time", "language", "ad_text", "verdict", "happened"} {
				if _, ok := m[k]; !ok {
					t.Errorf("body lacks %q: %s", k, raw)
				}
			}
			if m["case_id"] != "TSQ-7K3F9Q" || m["target"] != "NCCIA" || m["time"] != "2026-03-01T05:00:00Z" || m["language"] != "ur" {
				t.Errorf("body fields: %s", raw)
			}
			v := m["verdict"].(map[string]any)
			for _, k := range []string{"risk", "flags", "licences"} {
				if v[k] == nil {
					t.Errorf("verdict.%s missing or null: %s", k, raw)
				}
			}
			_, hasContact := m["contact"]
			if hasContact != tc.wantContact {
				t.Errorf("contact present = %v, want %v: %s", hasContact, tc.wantContact, raw)
			}
			p, hasPayment := m["payment"].(map[string]any)
			if hasPayment != tc.wantPayment {
				t.Errorf("payment present = %v, want %v: %s", hasPayment, tc.wantPayment, raw)
			}
			if hasPayment && (p["amount_pkr"] != 50000.0 || p["channel"] != "jazzcash") {
				t.Errorf("payment = %v", p)
			}
			if tc.wantContact {
				ct := m["contact"].(map[string]any)
				if ct["phone"] != "+923219876543" || ct["name"] != "Ahmed Raza" {
					t.Errorf("contact = %v", ct)
				}
			}
		})
	}
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "routing.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

var deployEnv = env(map[string]string{
	"TASDEEQ_REFERRAL_SECRET_FIA":   "fia-secret",
	"TASDEEQ_REFERRAL_SECRET_NCCIA": "nccia-secret",
	"TASDEEQ_REFERRAL_SECRET_BEOE":  "beoe-secret",
})

func TestLoadRoutingDeployFile(t *testing.T) {
	r, err := referrals.LoadRouting("../deploy/routing.toml", deployEnv)
	if err != nil {
		t.Fatal(err)
	}
	for name, secret := range map[string]string{"FIA": "fia-secret", "NCCIA": "nccia-secret", "BEOE": "beoe-secret"} {
		tg, ok := r.Target(name)
		if !ok || tg.Secret != secret || !strings.HasPrefix(tg.URL, "https://") || !strings.Contains(tg.URL, ".example.invalid") {
			t.Errorf("target %s = %+v, %v", name, tg, ok)
		}
	}
	if _, ok := r.Target("nope"); ok {
		t.Error("unknown target found")
	}
	flags := func(codes ...string) referrals.Verdict {
		v := referrals.Verdict{Risk: "high"}
		for _, c := range codes {
			v.Flags = append(v.Flags, referrals.Flag{Code: c})
		}
		return v
	}
	for _, tc := range []struct {
		name string
		c    referrals.Case
		want []string
	}{
		{"irregular route → FIA", referrals.Case{Verdict: flags("IRREGULAR_ROUTE")}, []string{"FIA"}},
		{"azad visa → FIA", referrals.Case{Verdict: flags("UPFRONT_FEE", "AZAD_VISA")}, []string{"FIA"}},
		{"JazzCash channel → NCCIA", referrals.Case{Channel: "JazzCash", Verdict: flags("UPFRONT_FEE")}, []string{"NCCIA"}},
		{"personal payment → NCCIA", referrals.Case{Verdict: flags("PERSONAL_PAYMENT")}, []string{"NCCIA"}},
		{"active licence cited → BEOE", referrals.Case{Verdict: referrals.Verdict{Risk: "medium",
			Licences: []referrals.Licence{{Number: "9848/LHR", Status: "active"}}, Flags: []referrals.Flag{{Code: "UPFRONT_FEE"}}}}, []string{"BEOE"}},
		{"name mismatch → BEOE", referrals.Case{Verdict: flags("LICENCE_NAME_MISMATCH")}, []string{"BEOE"}},
		{"several, deduplicated, route order", referrals.Case{Channel: "easypaisa", Verdict: referrals.Verdict{
			Flags:    []referrals.Flag{{Code: "TASK_SCAM"}, {Code: "IRREGULAR_ROUTE"}, {Code: "PASSPORT_RETENTION"}},
			Licences: []referrals.Licence{{Status: "Active"}, {Status: "active"}}}}, []string{"FIA", "NCCIA", "BEOE"}},
		{"expired licence, nothing else → fallback", referrals.Case{Verdict: referrals.Verdict{
			Licences: []referrals.Licence{{Status: "expired"}}, Flags: []referrals.Flag{{Code: "UPFRONT_FEE"}}}}, []string{"FIA"}},
		{"nothing → fallback", referrals.Case{}, []string{"FIA"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Route(tc.c); !slices.Equal(got, tc.want) {
				t.Errorf("Route = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLoadRoutingErrors(t *testing.T) {
	const good = `
fallback = "A"
[[target]]
name = "A"
url = "https://a.example.invalid/x"
secret_env = "SECRET_A"
[[target]]
name = "B"
url = "http://b.example.invalid/x"
secret = "inline"
[[route]]
target = "B"
any_flags = ["task_scam"]
`
	r, err := referrals.LoadRouting(writeFile(t, good), env(map[string]string{"SECRET_A": "sa"}))
	if err != nil {
		t.Fatalf("good file: %v", err)
	}
	if a, _ := r.Target("A"); a.Secret != "sa" {
		t.Errorf("secret_env not read: %+v", a)
	}
	if got := r.Route(referrals.Case{Verdict: referrals.Verdict{Flags: []referrals.Flag{{Code: "TASK_SCAM"}}}}); !slices.Equal(got, []string{"B"}) {
		t.Errorf("lower-case flag in file: Route = %v", got)
	}
	for _, tc := range []struct {
		name, text string
		want       string
	}{
		{"missing env", good, "secret_env SECRET_A is not set"},
		{"unknown route target", good + "[[route]]\ntarget = \"C\"\nany_flags = [\"X\"]\n", `route 2 (target "C"): unknown target`},
		{"unknown fallback", strings.Replace(good, `fallback = "A"`, `fallback = "Z"`, 1), `fallback "Z": unknown target`},
		{"ftp url", strings.Replace(good, "http://b.", "ftp://b.", 1), "not an http(s) URL"},
		{"no secret", strings.Replace(good, `secret = "inline"`, "", 1), "missing secret or secret_env"},
		{"both secrets", strings.Replace(good, `secret = "inline"`, "secret = \"x\"\nsecret_env = \"Y\"", 1), "not both"},
		{"duplicate target", good + "[[target]]\nname = \"A\"\nurl = \"https://x.invalid\"\nsecret = \"s\"\n", "duplicate name"},
		{"route without condition", good + "[[route]]\ntarget = \"A\"\n", "no condition"},
		{"unknown key", good + "[[route]]\ntarget = \"A\"\nany_flag = [\"X\"]\n", "unknown keys"},
		{"bad toml", "fallback = ", "routing"},
		{"no targets", `fallback = ""`, "no [[target]]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := env(map[string]string{"SECRET_A": "sa"})
			if tc.name == "missing env" {
				getenv = env(nil)
			}
			_, err := referrals.LoadRouting(writeFile(t, tc.text), getenv)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := referrals.LoadRouting(filepath.Join(t.TempDir(), "missing.toml"), nil); err == nil {
		t.Error("missing file: no error")
	}
}

func TestSingleTarget(t *testing.T) {
	r, err := referrals.SingleTarget("https://ref.example.invalid/in", "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Route(sampleCase("TSQ-7K3F9Q", time.Now())); !slices.Equal(got, []string{"default"}) {
		t.Errorf("Route = %v", got)
	}
	if tg, ok := r.Target("default"); !ok || tg.URL != "https://ref.example.invalid/in" || tg.Secret != "s3cret" {
		t.Errorf("Target = %+v %v", tg, ok)
	}
	for _, tc := range []struct{ url, secret string }{{"https://x.invalid", ""}, {"x.invalid", "s"}, {"", "s"}} {
		if _, err := referrals.SingleTarget(tc.url, tc.secret); err == nil {
			t.Errorf("SingleTarget(%q, %q): no error", tc.url, tc.secret)
		}
	}
}
