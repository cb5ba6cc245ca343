package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChatOfficeQuestion: in the terminal chat, in English and Urdu, "Protector office in
// Lahore?" in three spellings is answered from the bundled directory; /help lists the offices
// and helplines; a look-alike agency name is told apart from the registered one.
func TestChatOfficeQuestion(t *testing.T) {
	script := "Protector office in Lahore?\n\nprotector office lahore kahan hai\n\nپروٹیکٹر آفس لاہور کہاں ہے؟\n\n/help\n/licence\nKhyber Manpower\n\n/licence 9848/LHR\n"
	want := map[string][]string{
		"en": {"Protector of Emigrants office for \u2068Lahore\u2069: Protector of Emigrants, Lahore", "Protector of Emigrants office for \u2068lahore\u2069",
			"Protector of Emigrants office for \u2068لاہور\u2069", "Helplines:", "111-247-786", "0304-1112123",
			"the names differ", "Head office: \u2068Office 12, 2nd Floor, Imaginary Arcade, Main Boulevard Gulberg, Lahore\u2069"},
		"ur": {"پروٹیکٹر آف امیگرنٹس دفتر، لاہور", "ہیلپ لائنیں:", "\u2068111-247-786\u2069", "دونوں نام الگ ہیں", "مرکزی دفتر:"},
	}
	for lang, ws := range want {
		out, err := runCmd(t, nil, script, "chat", "--lang", lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range ws {
			if !strings.Contains(out, w) {
				t.Errorf("%s chat lacks %q:\n%s", lang, w, out)
			}
		}
		if n := strings.Count(out, map[string]string{"en": "Protector of Emigrants, Lahore", "ur": "پروٹیکٹر آف امیگرنٹس دفتر، لاہور"}[lang]); n != 3 {
			t.Errorf("%s: the Lahore office named %d times, want once for each of the three spellings", lang, n)
		}
	}
}

// TestHelpDirectoryFromTheEnvironment: TASDEEQ_HELP_DIRECTORY replaces the bundled directory in
// chat, check and serve; a file that is missing or wrong stops them with a clear error.
func TestHelpDirectoryFromTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "offices.toml")
	if err := os.WriteFile(good, []byte(`fallback = "beoe"
[[office]]
id = "beoe"
kind = "beoe"
name = "Bureau of Emigration"
name_ur = "بیورو آف امیگریشن"
confirmed = true
source = "https://beoe.gov.pk"
checked = "2026-12-01"
web = { value = "beoe.gov.pk", confirmed = true, source = "https://beoe.gov.pk", checked = "2026-12-01" }
[[office]]
id = "poe-lhr"
kind = "protector"
name = "Operator's Lahore office"
name_ur = "لاہور کا دفتر"
city = "Lahore"
city_ur = "لاہور"
confirmed = true
source = "https://example.org/poe-lahore"
checked = "2026-12-01"
phone = { value = "042-0000000", confirmed = true, source = "https://example.org/poe-lahore", checked = "2026-12-01" }
[[place]]
names = ["Lahore", "لاہور"]
offices = ["poe-lhr"]
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TASDEEQ_HELP_DIRECTORY": good}
	out, err := runCmd(t, env, "Protector office Lahore\n\n", "chat", "--lang", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Operator's Lahore office") || !strings.Contains(out, "Phone: 042-0000000") {
		t.Errorf("chat did not use the operator's directory:\n%s", out)
	}
	out, err = runCmd(t, env, "protector office lahore kahan hai", "check", "--lang", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Operator's Lahore office") {
		t.Errorf("check did not answer from the directory:\n%s", out)
	}

	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("fallback = \"nowhere\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"bad": bad, "missing": filepath.Join(dir, "missing.toml")} {
		env := map[string]string{"TASDEEQ_HELP_DIRECTORY": path}
		if _, err := runCmd(t, env, "hello\n\n", "chat"); err == nil || !strings.Contains(err.Error(), "TASDEEQ_HELP_DIRECTORY") {
			t.Errorf("chat with a %s directory: %v", name, err)
		}
		if _, err := runCmd(t, env, "hello", "check"); err == nil || !strings.Contains(err.Error(), "TASDEEQ_HELP_DIRECTORY") {
			t.Errorf("check with a %s directory: %v", name, err)
		}
		env["TELEGRAM_TOKEN"], env["TELEGRAM_WEBHOOK_SECRET"] = "123:abc", "secret"
		if _, err := runCmd(t, env, "", "serve", "--tasdeeq-addr", "127.0.0.1:0"); err == nil || !strings.Contains(err.Error(), "TASDEEQ_HELP_DIRECTORY") {
			t.Errorf("serve with a %s directory: %v", name, err)
		}
	}
}
