package whatsapp

import (
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/rtl"
)

// The Cloud API's limits on what is sent, counted in UTF-16 units: WhatsApp's clients count
// characters that way, so an emoji counts two, and each invisible isolate mark (package rtl) one.
const (
	MaxTextBody        = 4096 // a text message
	MaxInteractiveBody = 1024 // the body of an interactive message
	MaxButtons         = 3    // reply buttons in one message
	MaxButtonTitle     = 20   // the title of a reply button, and the label of a list's button
	MaxButtonID        = 256
	MaxRows            = 10 // rows of a list, over all its sections
	MaxRowTitle        = 24
	MaxRowDescription  = 72
	MaxRowID           = 200
	MaxTemplateParam   = 1024 // a body parameter of a template that also has a button
)

// Units is the length of s in UTF-16 code units, the way the limits above count.
func Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// OutMessage is one Cloud API message, the body of POST /{phone-number-id}/messages.
type OutMessage struct {
	MessagingProduct string          `json:"messaging_product"` // always "whatsapp"
	RecipientType    string          `json:"recipient_type"`    // always "individual"
	To               string          `json:"to"`
	Type             string          `json:"type"` // text, interactive, template
	Text             *TextBody       `json:"text,omitempty"`
	Interactive      *OutInteractive `json:"interactive,omitempty"`
	Template         *Template       `json:"template,omitempty"`
}

// TextBody is a text message. Link previews are off: replies quote suspicious links, which must
// not be fetched and shown.
type TextBody struct {
	PreviewURL bool   `json:"preview_url"`
	Body       string `json:"body"`
}

// OutInteractive is an interactive message to send: reply buttons or a list.
type OutInteractive struct {
	Type   string            `json:"type"` // button or list
	Body   InteractiveText   `json:"body"`
	Action InteractiveAction `json:"action"`
}

// InteractiveText is the text of a part of an interactive message.
type InteractiveText struct {
	Text string `json:"text"`
}

// InteractiveAction holds the buttons, or the list's button label and sections.
type InteractiveAction struct {
	Buttons  []ReplyButton `json:"buttons,omitempty"`
	Button   string        `json:"button,omitempty"`
	Sections []Section     `json:"sections,omitempty"`
}

// ReplyButton is one reply button.
type ReplyButton struct {
	Type  string    `json:"type"` // always "reply"
	Reply ReplyItem `json:"reply"`
}

// Section is a section of a list.
type Section struct {
	Title string `json:"title,omitempty"`
	Rows  []Row  `json:"rows"`
}

// Row is one choice of a list.
type Row struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Template is a message template to send.
type Template struct {
	Name       string      `json:"name"`
	Language   Language    `json:"language"`
	Components []Component `json:"components,omitempty"`
}

// Language is a template's language.
type Language struct {
	Code string `json:"code"`
}

// Component gives the parameters of a part of a template: its body or one of its buttons.
type Component struct {
	Type       string      `json:"type"` // body or button
	SubType    string      `json:"sub_type,omitempty"`
	Index      string      `json:"index,omitempty"`
	Parameters []Parameter `json:"parameters"`
}

// Parameter is one parameter of a template component.
type Parameter struct {
	Type    string `json:"type"` // text or payload
	Text    string `json:"text,omitempty"`
	Payload string `json:"payload,omitempty"`
}

// Words are the few words the renderer adds of its own, in the message's language: the body of
// the short message that carries the buttons of a long reply, and the label of a list's button.
type Words struct {
	Choose, Options string
}

// choice is a button of a dialog's output, before it is rendered.
type choice struct {
	id, title string
}

// Render turns an outbox entry into the messages a WhatsApp user gets: a text message (previews
// off), or an interactive one whose body is the text and whose buttons are the dialog's — up to
// 3 short ones as reply buttons, else a list of up to 10 rows. A text too long for an
// interactive body goes as a text message followed by a short interactive message with the
// buttons. to is the wa_id; words are in the message's language.
func Render(o outbox.Outgoing, to string, words Words) []OutMessage {
	choices, links := choicesOf(o)
	text := o.Text
	if len(links) > 0 {
		text = strings.TrimSpace(text + "\n\n" + strings.Join(links, "\n"))
	}
	var out []OutMessage
	parts := dialogs.Split(text, MaxTextBody)
	if len(choices) == 0 {
		for _, p := range parts {
			out = append(out, textMessage(to, p))
		}
		return out
	}
	last := parts[len(parts)-1]
	for _, p := range parts[:len(parts)-1] {
		out = append(out, textMessage(to, p))
	}
	if Units(last) > MaxInteractiveBody || strings.TrimSpace(last) == "" {
		if strings.TrimSpace(last) != "" {
			out = append(out, textMessage(to, last))
		}
		last = words.Choose
	}
	for i := 0; i < len(choices); i += MaxRows {
		body := last
		if i > 0 {
			body = words.Choose
		}
		m := OutMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: "interactive",
			Interactive: interactive(body, choices[i:min(i+MaxRows, len(choices))], words)}
		out = append(out, m)
	}
	return out
}

func textMessage(to, body string) OutMessage {
	return OutMessage{MessagingProduct: "whatsapp", RecipientType: "individual", To: to, Type: "text",
		Text: &TextBody{PreviewURL: false, Body: body}}
}

// interactive renders up to 10 choices: reply buttons when there are at most 3, each title fits
// 20 units and no two are the same; else a list, whose row titles fit 24 units (a longer title
// is shortened, and given whole as the row's description).
func interactive(body string, cs []choice, words Words) *OutInteractive {
	if fitsButtons(cs) {
		in := &OutInteractive{Type: "button", Body: InteractiveText{Text: body}}
		for _, c := range cs {
			in.Action.Buttons = append(in.Action.Buttons, ReplyButton{Type: "reply", Reply: ReplyItem{ID: c.id, Title: c.title}})
		}
		return in
	}
	sec := Section{}
	for _, c := range cs {
		r := Row{ID: c.id, Title: Shorten(c.title, MaxRowTitle)}
		if r.Title != c.title {
			r.Description = Shorten(c.title, MaxRowDescription)
		}
		sec.Rows = append(sec.Rows, r)
	}
	return &OutInteractive{Type: "list", Body: InteractiveText{Text: body},
		Action: InteractiveAction{Button: Shorten(words.Options, MaxButtonTitle), Sections: []Section{sec}}}
}

func fitsButtons(cs []choice) bool {
	if len(cs) > MaxButtons {
		return false
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if Units(c.title) > MaxButtonTitle || seen[c.title] {
			return false
		}
		seen[c.title] = true
	}
	return true
}

// choicesOf flattens the inline buttons (or else the keyboard) of o into choices with unique ids,
// and returns the link buttons, which WhatsApp cannot show next to reply buttons, as lines of
// text. A keyboard button gets an id that says what pressing it means (decode.go).
func choicesOf(o outbox.Outgoing) ([]choice, []string) {
	var cs []choice
	var links []string
	seen := map[string]bool{}
	add := func(id, title string) {
		title = strings.TrimSpace(title)
		if id == "" || title == "" || seen[id] || len(id) > MaxRowID {
			return
		}
		seen[id] = true
		cs = append(cs, choice{id: id, title: title})
	}
	for _, row := range o.Buttons {
		for _, b := range row {
			switch {
			case b.Data != "":
				add(b.Data, b.Text)
			case b.URL != "":
				links = append(links, b.Text+": "+b.URL)
			}
		}
	}
	if len(o.Buttons) == 0 {
		for _, k := range o.Keyboard {
			if k.RequestContact {
				add(ShareContactID, k.Text)
			} else {
				add(keyboardPrefix+truncateBytes(k.Text, MaxRowID-len(keyboardPrefix)), k.Text)
			}
		}
	}
	return cs, links
}

// Shorten cuts s to at most max UTF-16 units, at a space when that loses less than half, ending
// with "…"; an isolate left open by the cut is closed, so the bidi marks stay balanced.
func Shorten(s string, max int) string {
	if Units(s) <= max {
		return s
	}
	runes := []rune(s)
	n := len(runes)
	for n > 0 && Units(ellipsis(string(runes[:n]))) > max {
		n--
	}
	if n == 0 {
		return "…"
	}
	for sp := n - 1; sp > n/2; sp-- {
		if unicode.IsSpace(runes[sp]) {
			return ellipsis(string(runes[:sp]))
		}
	}
	return ellipsis(string(runes[:n]))
}

// ellipsis ends a cut text: trailing spaces and marks dropped, open isolates closed, "…" added.
func ellipsis(cut string) string {
	cut = strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsSpace(r) || r == rtl.LRM })
	return cut + strings.Repeat(string(rtl.PDI), openIsolates(cut)) + "…"
}

// openIsolates counts the isolates s opens and does not close.
func openIsolates(s string) int {
	open := 0
	for _, r := range s {
		switch r {
		case rtl.LRI, rtl.RLI, rtl.FSI:
			open++
		case rtl.PDI:
			open = max(0, open-1)
		}
	}
	return open
}

// truncateBytes cuts s to at most n bytes, on a rune boundary.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// TemplateParam makes text fit to be a template parameter: Meta refuses new lines, tabs and more
// than four spaces in a row, so lines are joined with a space; a text over MaxTemplateParam units
// is shortened at a sentence or a word.
func TemplateParam(text string) string {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	s := strings.Join(lines, " ")
	if Units(s) <= MaxTemplateParam {
		return s
	}
	cut := Shorten(s, MaxTemplateParam)
	if i := strings.LastIndexAny(cut, ".۔!?"); i > len(cut)/2 {
		cut = cut[:i+len(string([]rune(cut[i:])[0]))]
		cut += strings.Repeat(string(rtl.PDI), openIsolates(cut))
	}
	return cut
}

// Lang is the language of an entry: its notice's, else the script of its text (Urdu in
// Arabic script).
func Lang(o outbox.Outgoing) string {
	if o.Notice != nil && o.Notice.Lang != "" {
		return o.Notice.Lang
	}
	if languageOf(o.Text) == "ur" {
		return "ur"
	}
	return "en"
}
