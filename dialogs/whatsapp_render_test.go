package dialogs_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

// renderOnWhatsApp renders every reply the tests of this package produced (the walk-through
// tests reach every path in both languages) as the WhatsApp channel sends it, and checks each
// message against the fake Graph API's rules (whatsapptest.Validate: at most 3 reply buttons of
// 20 characters, lists of at most 10 rows of 24, bodies within 1,024 and 4,096, isolate marks
// counted). A title shortened for a list row must keep the whole label as the row's
// description, so that no choice becomes unreadable. It returns a summary and the failures.
func renderOnWhatsApp(outs []dialogs.Output) (string, []string) {
	words := map[string]whatsapp.Words{"en": {Choose: "Choose one:", Options: "Choose"}, "ur": {Choose: "ان میں سے ایک چنیں:", Options: "انتخاب کریں"}}
	to := "923001234567"
	var bad []string
	counts := map[string]int{}
	for _, o := range outs {
		out := o.Outgoing()
		out.ChatID, out.Kind = 1, outbox.Reply
		for _, m := range whatsapp.Render(out, to, words[whatsapp.Lang(out)]) {
			raw, err := jsonOf(m)
			if err != nil {
				bad = append(bad, err.Error())
				continue
			}
			sent, err := whatsapptest.Validate(raw, nil)
			if err != nil {
				bad = append(bad, fmt.Sprintf("%v: %.80q", err, o.Text))
				continue
			}
			kind := sent.Type
			if sent.Type == "interactive" {
				kind = "buttons"
				if sent.List != "" {
					kind = "list"
				}
			}
			counts[kind]++
			for _, c := range sent.Buttons {
				if strings.HasSuffix(c.Title, "…") {
					counts["shortened"]++
					if c.Description == "" {
						bad = append(bad, fmt.Sprintf("title %q shortened without the whole label", c.Title))
					}
				}
			}
		}
	}
	return fmt.Sprintf("whatsapp: %d replies rendered: %d text, %d with reply buttons, %d with a list; %d row titles shortened (whole in the description)",
		len(outs), counts["text"], counts["buttons"], counts["list"], counts["shortened"]), bad
}

func jsonOf(m whatsapp.OutMessage) ([]byte, error) { return json.Marshal(m) }
