package whatsapp

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
)

// Reply ids: what the id of a reply button or list row stands for when the user presses it. The
// renderer (render.go) gives the ids; Decode reads them back. Any other id is the callback data
// of a dialog button, unchanged.
const (
	// ShareContactID is the button that stands for Telegram's "share my phone number": on
	// WhatsApp the bot already sees the sender's number, so pressing it is the user's consent to
	// pass that number on with the report.
	ShareContactID = "contact:me"
	// keyboardPrefix starts the id of a button that stands for a keyboard button of Telegram's,
	// which sends its own text; the text follows the prefix, because a title may be shortened.
	keyboardPrefix = "kb:"
)

// startPayloadRe is a deep-link code typed or pre-filled by a wa.me link ("c_" and a link id, or
// "lic_" and a licence number), which on Telegram would come as /start <code>.
var startPayloadRe = regexp.MustCompile(`^(?:/?start\s+)?(c_[a-z2-7]{12}|lic_[0-9]{1,4}_[A-Za-z]{2,5})$`)

// greetings open the conversation on WhatsApp, where there is no /start button: a short "hi"
// gets the greeting with the language choice instead of "this is not a job ad".
var greetings = map[string]bool{
	"hi": true, "hello": true, "hey": true, "salam": true, "salaam": true, "aoa": true, "start": true,
	"menu": true, "assalam o alaikum": true, "assalamualaikum": true, "assalam-o-alaikum": true,
	"asalam o alaikum": true, "السلام علیکم": true, "السلام عليكم": true, "سلام": true, "ہیلو": true,
}

// stopWords end the safety tips: the words campaign templates tell users to send.
var stopWords = map[string]bool{"stop": true, "unsubscribe": true, "بند": true, "بند کریں": true}

// Decode turns a message of a notification into a dialog input. contacts are the value's
// contacts (the sender's profile name). ok is false for a message the bot does not answer (a
// reaction, a system message) or whose sender is not a WhatsApp phone number.
func Decode(m Message, contacts []Contact) (in dialogs.Input, ok bool) {
	chat, err := outbox.WhatsAppChat(m.From)
	if err != nil {
		return dialogs.Input{}, false
	}
	// No CallbackID: WhatsApp has no answer to a button press, and the message id (which encodes
	// the sender's number) is carried nowhere.
	in = dialogs.Input{ChatID: chat, UserID: chat, Addressed: true}
	in.Forwarded = m.Context != nil && (m.Context.Forwarded || m.Context.FrequentlyForwarded)
	switch m.Type {
	case "text":
		if m.Text == nil {
			return in, false
		}
		decodeText(&in, m.Text.Body)
	case "interactive":
		item := interactiveItem(m.Interactive)
		if item == nil {
			return in, false
		}
		decodeReply(&in, item.ID, m.From, profileName(contacts, m.From))
	case "button":
		if m.Button == nil {
			return in, false
		}
		decodeReply(&in, m.Button.Payload, m.From, profileName(contacts, m.From))
	case "image":
		decodeImage(&in, m.Image)
	case "document":
		if d := m.Document; d != nil && strings.HasPrefix(strings.ToLower(d.MimeType), "image/") {
			decodeImage(&in, d)
		} else {
			decodeCaption(&in, d)
		}
	case "audio":
		// A voice note or an audio file: the bot cannot listen to it and says so.
		in.Kind = dialogs.Voice
	case "video":
		decodeCaption(&in, m.Video)
	case "contacts":
		decodeCard(&in, m.Contacts, m.From)
	case "request_welcome":
		// The user opened the chat for the first time.
		in.Kind, in.Command = dialogs.Command, "start"
	case "sticker", "location", "unsupported", "unknown":
		in.Kind = dialogs.Other
	default:
		// Reactions, system messages, orders and the like are not spoken to the bot.
		return in, false
	}
	if in.Kind == "" {
		return in, false
	}
	in.LanguageCode = languageOf(written(m))
	return in, true
}

// written is what the user wrote in a message: its text, or a caption.
func written(m Message) string {
	switch {
	case m.Text != nil:
		return m.Text.Body
	case m.Image != nil:
		return m.Image.Caption
	case m.Document != nil:
		return m.Document.Caption
	case m.Video != nil:
		return m.Video.Caption
	}
	return ""
}

// decodeText reads a typed message: a command (/help), a deep-link code, a greeting, a request
// to stop the tips, or text to check.
func decodeText(in *dialogs.Input, body string) {
	text := strings.TrimSpace(body)
	switch folded := strings.ToLower(strings.Join(strings.Fields(strings.Trim(text, ".!?،۔")), " ")); {
	case in.Forwarded || text == "":
		// A forwarded message is someone else's text: it is checked, never taken as a command.
	case startPayloadRe.MatchString(text):
		in.Kind, in.Command = dialogs.Command, "start"
		in.Args = startPayloadRe.FindStringSubmatch(text)[1]
		return
	case strings.HasPrefix(text, "/") && len(text) > 1 && text[1] != ' ':
		head, rest, _ := strings.Cut(text, " ")
		name, _, _ := strings.Cut(head[1:], "@")
		in.Kind, in.Command, in.Args = dialogs.Command, strings.ToLower(name), strings.TrimSpace(rest)
		return
	case greetings[folded]:
		in.Kind, in.Command = dialogs.Command, "start"
		return
	case stopWords[folded]:
		in.Kind, in.Command = dialogs.Command, "unsubscribe"
		return
	}
	in.Kind, in.Text = dialogs.Text, body
	if text == "" {
		in.Kind = dialogs.Other
	}
}

// decodeReply reads the id of the button or row the user pressed (see the reply ids above).
func decodeReply(in *dialogs.Input, id, from, name string) {
	switch {
	case id == ShareContactID:
		in.Kind, in.ContactPhone, in.ContactName, in.ContactIsSender = dialogs.Contact, "+"+from, name, true
	case strings.HasPrefix(id, keyboardPrefix):
		in.Kind, in.Text = dialogs.Text, strings.TrimPrefix(id, keyboardPrefix)
	case strings.HasPrefix(id, "/"):
		decodeText(in, id)
	default:
		in.Kind, in.Data = dialogs.Callback, id
	}
}

func interactiveItem(i *Interactive) *ReplyItem {
	switch {
	case i == nil:
		return nil
	case i.Type == "button_reply":
		return i.ButtonReply
	case i.Type == "list_reply":
		return i.ListReply
	}
	return nil
}

// decodeImage reads a picture of an ad; its size is known only once it is fetched.
func decodeImage(in *dialogs.Input, m *Media) {
	if m == nil || m.ID == "" {
		in.Kind = dialogs.Other
		return
	}
	in.Kind, in.Image, in.Text = dialogs.Image, &dialogs.ImageRef{FileID: m.ID}, m.Caption
}

// decodeCaption reads a file or video the bot cannot check: its caption is checked as text, as on
// Telegram, and without one the user is told what the bot can read.
func decodeCaption(in *dialogs.Input, m *Media) {
	if m == nil || strings.TrimSpace(m.Caption) == "" {
		in.Kind = dialogs.Other
		return
	}
	in.Kind, in.Text = dialogs.Text, m.Caption
}

// decodeCard reads a shared contact card for the report flow: the first number on it (one on
// WhatsApp first), and whether it is the sender's own.
func decodeCard(in *dialogs.Input, cards []CardContact, from string) {
	in.Kind = dialogs.Contact
	if len(cards) == 0 {
		return
	}
	c := cards[0]
	in.ContactName = strings.TrimSpace(c.Name.FormattedName)
	if in.ContactName == "" {
		in.ContactName = strings.TrimSpace(c.Name.FirstName + " " + c.Name.LastName)
	}
	best := -1
	for i, p := range c.Phones {
		switch {
		case p.WaID != "" && p.WaID == from:
			best, in.ContactIsSender = i, true
		case best < 0, p.WaID != "" && c.Phones[best].WaID == "":
			best = i
		}
		if in.ContactIsSender {
			break
		}
	}
	if best >= 0 {
		in.ContactPhone = strings.TrimSpace(c.Phones[best].Phone)
	}
}

// profileName is the sender's WhatsApp profile name, "" when the notification has none.
func profileName(contacts []Contact, from string) string {
	for _, c := range contacts {
		if c.WaID == from {
			return strings.TrimSpace(c.Profile.Name)
		}
	}
	return ""
}

// languageOf guesses the language code WhatsApp does not give (Telegram sends the app's): "ur"
// for a text mostly in Arabic script, else none, and the dialogs ask.
func languageOf(text string) string {
	var arabic, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if arabic > 0 && arabic > latin {
		return "ur"
	}
	return ""
}
