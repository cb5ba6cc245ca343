package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/whatsapp"
)

// terminalWaID is the WhatsApp number of the person at the terminal (a fictitious one).
const terminalWaID = "920000000001"

// whatsappTerminal shows replies as a WhatsApp user gets them (whatsapp.Render): text messages,
// up to three reply buttons, or a list behind its button, with every choice numbered; a long
// reply and its buttons come as two messages. What is typed and pressed is read as the webhook
// reads it (whatsapp.Decode): a greeting opens the chat, a wa.me code starts a link, and so on.
type whatsappTerminal struct {
	bundle  *locales.Bundle
	lang    string
	choices []whatsapp.ReplyItem
}

func (t *whatsappTerminal) typed(text string) dialogs.Input {
	in, ok := whatsapp.Decode(whatsapp.Message{From: terminalWaID, ID: "terminal", Type: "text", Text: &whatsapp.Text{Body: text}}, nil)
	if !ok {
		return dialogs.Input{Kind: dialogs.Other}
	}
	if in.LanguageCode == "" {
		in.LanguageCode = t.lang
	}
	return in
}

func (t *whatsappTerminal) pressed(n int) (dialogs.Input, bool) {
	if n < 1 || n > len(t.choices) {
		return dialogs.Input{}, false
	}
	c := t.choices[n-1]
	m := whatsapp.Message{From: terminalWaID, ID: "terminal", Type: "interactive",
		Interactive: &whatsapp.Interactive{Type: "list_reply", ListReply: &c}}
	in, ok := whatsapp.Decode(m, []whatsapp.Contact{{WaID: terminalWaID, Profile: whatsapp.Profile{Name: "Terminal"}}})
	if in.LanguageCode == "" {
		in.LanguageCode = t.lang
	}
	return in, ok
}

func (t *whatsappTerminal) show(w io.Writer, outs []dialogs.Output) {
	t.choices = nil
	for _, o := range outs {
		switch o.Kind {
		case dialogs.SendMessage:
		case dialogs.Refer:
			fmt.Fprintf(w, "(%s)\n", "The terminal chat keeps no reports and sends none: this one goes nowhere.")
			continue
		default:
			continue // WhatsApp shows nothing for a button press; the rest is kept, not shown
		}
		out := o.Outgoing()
		if len(o.Photo) > 0 {
			fmt.Fprintln(w, "\n[a picture: QR code]")
		}
		lang := whatsapp.Lang(out)
		for _, m := range whatsapp.Render(out, terminalWaID, whatsapp.NewWords(t.bundle, lang)) {
			t.print(w, m)
		}
	}
	fmt.Fprintln(w)
}

// print shows one WhatsApp message.
func (t *whatsappTerminal) print(w io.Writer, m whatsapp.OutMessage) {
	switch {
	case m.Text != nil:
		fmt.Fprintf(w, "\n%s\n", m.Text.Body)
	case m.Interactive != nil && m.Interactive.Type == "button":
		fmt.Fprintf(w, "\n%s\n", m.Interactive.Body.Text)
		var cells []string
		for _, b := range m.Interactive.Action.Buttons {
			t.choices = append(t.choices, b.Reply)
			cells = append(cells, fmt.Sprintf("[%d] %s", len(t.choices), b.Reply.Title))
		}
		fmt.Fprintln(w, "  "+strings.Join(cells, "   "))
	case m.Interactive != nil:
		fmt.Fprintf(w, "\n%s\n  ☰ %s\n", m.Interactive.Body.Text, m.Interactive.Action.Button)
		for _, s := range m.Interactive.Action.Sections {
			for _, r := range s.Rows {
				t.choices = append(t.choices, whatsapp.ReplyItem(r))
				line := fmt.Sprintf("    [%d] %s", len(t.choices), r.Title)
				if r.Description != "" {
					line += " — " + r.Description
				}
				fmt.Fprintln(w, line)
			}
		}
	}
}
