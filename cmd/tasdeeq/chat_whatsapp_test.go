package main

import (
	"strings"
	"testing"
)

// TestChatWhatsApp: `chat --channel whatsapp` shows what a WhatsApp user sees: short choices as
// numbered reply buttons, longer ones as a numbered list behind its button, in both languages;
// a choice pressed by its number is read as the webhook reads it.
func TestChatWhatsApp(t *testing.T) {
	script := "Saudi Arabia jobs. 100% visa guarantee!\nRegistration fee Rs 25,000 on JazzCash 0300-5551234.\n\n1\n2\n2\n1\n1\n"
	out, err := runCmd(t, nil, script, "chat", "--channel", "whatsapp", "--lang", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"[1] ✓ English   [2] اردو",                                               // two short choices: reply buttons
		"High risk", "☰ Choose", "[1] Report this ad", "[5] Send me safety tips", // five: a list
		"What happened?", "How much money did they ask for?", "Rs 25,000, as in the ad",
		"How did they ask for the money?", "The authorities may want to call you",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("WhatsApp chat lacks %q:\n%s", want, out)
		}
	}
	ur, err := runCmd(t, nil, "السلام علیکم\n\n", "chat", "--channel", "whatsapp")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ur, "اپنی زبان چنیں") || !strings.Contains(ur, "[1] ✓ اردو") {
		t.Errorf("an Urdu greeting is answered in Urdu:\n%s", ur)
	}
	if _, err := runCmd(t, nil, "", "chat", "--channel", "sms"); err == nil {
		t.Error("--channel sms accepted")
	}
}
