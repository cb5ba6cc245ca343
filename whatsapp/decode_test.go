package whatsapp_test

import (
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

func TestDecode(t *testing.T) {
	chat, err := outbox.WhatsAppChat(user)
	if err != nil {
		t.Fatal(err)
	}
	contacts := []whatsapp.Contact{{WaID: user, Profile: whatsapp.Profile{Name: "Amna Bibi"}}}
	doc := func(mime, caption string) whatsapp.Message {
		m := whatsapptest.Text(user, "")
		m.Type, m.Text, m.Document = "document", nil, &whatsapp.Media{ID: "m1", MimeType: mime, Caption: caption}
		return m
	}
	typed := func(typ string) whatsapp.Message {
		m := whatsapptest.Text(user, "")
		m.Type, m.Text = typ, nil
		return m
	}
	for _, tc := range []struct {
		name string
		msg  whatsapp.Message
		ok   bool
		want dialogs.Input // only the fields set here are compared, with Kind
	}{
		{"text", whatsapptest.Text(user, "Visa pakka hai"), true, dialogs.Input{Kind: dialogs.Text, Text: "Visa pakka hai"}},
		{"Urdu text", whatsapptest.Text(user, "ویزا پکا ہے، فیس پہلے"), true, dialogs.Input{Kind: dialogs.Text, Text: "ویزا پکا ہے، فیس پہلے", LanguageCode: "ur"}},
		{"command", whatsapptest.Text(user, "/licence 9848/LHR"), true, dialogs.Input{Kind: dialogs.Command, Command: "licence", Args: "9848/LHR"}},
		{"deep-link code", whatsapptest.Text(user, "c_abcdefgh2345"), true, dialogs.Input{Kind: dialogs.Command, Command: "start", Args: "c_abcdefgh2345"}},
		{"licence code", whatsapptest.Text(user, "lic_9848_LHR"), true, dialogs.Input{Kind: dialogs.Command, Command: "start", Args: "lic_9848_LHR"}},
		{"greeting", whatsapptest.Text(user, "Hi!"), true, dialogs.Input{Kind: dialogs.Command, Command: "start"}},
		{"Urdu greeting", whatsapptest.Text(user, "السلام علیکم"), true, dialogs.Input{Kind: dialogs.Command, Command: "start", LanguageCode: "ur"}},
		{"stop", whatsapptest.Text(user, "STOP"), true, dialogs.Input{Kind: dialogs.Command, Command: "unsubscribe"}},
		{"forwarded greeting is text", whatsapptest.Forwarded(user, "hi"), true, dialogs.Input{Kind: dialogs.Text, Text: "hi", Forwarded: true}},
		{"button", whatsapptest.Press(user, "again", "Check another ad", false), true, dialogs.Input{Kind: dialogs.Callback, Data: "again"}},
		{"list row", whatsapptest.Press(user, "more:3", "More signs (2)", true), true, dialogs.Input{Kind: dialogs.Callback, Data: "more:3"}},
		{"share my number", whatsapptest.Press(user, whatsapp.ShareContactID, "📱 Share my phone…", true), true,
			dialogs.Input{Kind: dialogs.Contact, ContactPhone: "+" + user, ContactName: "Amna Bibi", ContactIsSender: true}},
		{"keyboard button", whatsapptest.Press(user, "kb:Do not share my number", "Do not share my…", true), true, dialogs.Input{Kind: dialogs.Text, Text: "Do not share my number"}},
		{"template button", whatsapptest.QuickReply(user, "/case TSQ-7K3F9Q", "Show my report"), true, dialogs.Input{Kind: dialogs.Command, Command: "case", Args: "TSQ-7K3F9Q"}},
		{"unsubscribe button", whatsapptest.QuickReply(user, "unsub", "Stop tips"), true, dialogs.Input{Kind: dialogs.Callback, Data: "unsub"}},
		{"picture", whatsapptest.Image(user, "media-1", "is this real?"), true, dialogs.Input{Kind: dialogs.Image, Text: "is this real?"}},
		{"picture as a file", doc("image/png", ""), true, dialogs.Input{Kind: dialogs.Image}},
		{"pdf with a caption", doc("application/pdf", "Jobs in Dubai, fee 50000"), true, dialogs.Input{Kind: dialogs.Text, Text: "Jobs in Dubai, fee 50000"}},
		{"pdf", doc("application/pdf", ""), true, dialogs.Input{Kind: dialogs.Other}},
		{"voice note", whatsapptest.Audio(user), true, dialogs.Input{Kind: dialogs.Voice}},
		{"own contact card", whatsapptest.ContactCard(user, "Amna", "+92 300 1234567", user), true,
			dialogs.Input{Kind: dialogs.Contact, ContactPhone: "+92 300 1234567", ContactName: "Amna", ContactIsSender: true}},
		{"someone else's card", whatsapptest.ContactCard(user, "Agent Khan", "+92 301 5550123", "923015550123"), true,
			dialogs.Input{Kind: dialogs.Contact, ContactPhone: "+92 301 5550123", ContactName: "Agent Khan"}},
		{"first contact", typed("request_welcome"), true, dialogs.Input{Kind: dialogs.Command, Command: "start"}},
		{"sticker", typed("sticker"), true, dialogs.Input{Kind: dialogs.Other}},
		{"reaction", typed("reaction"), false, dialogs.Input{}},
		{"system", typed("system"), false, dialogs.Input{}},
		{"not a phone number", whatsapptest.Text("abc", "hi"), false, dialogs.Input{}},
	} {
		in, ok := whatsapp.Decode(tc.msg, contacts)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v", tc.name, ok)
			continue
		}
		if !ok {
			continue
		}
		if in.ChatID != chat || in.UserID != chat || !in.Addressed || in.Group {
			t.Errorf("%s: chat %d user %d addressed %v group %v", tc.name, in.ChatID, in.UserID, in.Addressed, in.Group)
		}
		w := tc.want
		if in.Kind != w.Kind || in.Text != w.Text || in.Command != w.Command || in.Args != w.Args || in.Data != w.Data ||
			in.ContactPhone != w.ContactPhone || in.ContactName != w.ContactName || in.ContactIsSender != w.ContactIsSender ||
			in.Forwarded != w.Forwarded || in.LanguageCode != w.LanguageCode {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, in, w)
		}
		if w.Kind == dialogs.Image && (in.Image == nil || in.Image.FileID == "") {
			t.Errorf("%s: no media id", tc.name)
		}
	}
}

func TestWhatsAppChatIDs(t *testing.T) {
	chat, err := outbox.WhatsAppChat(user)
	if err != nil {
		t.Fatal(err)
	}
	if wa, ok := outbox.WhatsAppID(chat); !ok || wa != user {
		t.Errorf("round trip: %q %v", wa, ok)
	}
	if outbox.ChannelOf(chat) != outbox.ChannelWhatsApp {
		t.Error("channel of a WhatsApp chat")
	}
	// Telegram's ids, users and groups, stay Telegram's.
	for _, id := range []int64{1, 7_000_000_000, 1<<53 - 1, -1001234567890, -(1 << 53)} {
		if outbox.ChannelOf(id) != outbox.ChannelTelegram {
			t.Errorf("%d is not Telegram's", id)
		}
	}
	biggest, err := outbox.WhatsAppChat("999999999999999")
	if err != nil || outbox.ChannelOf(biggest) != outbox.ChannelWhatsApp {
		t.Errorf("15 digits: %v", err)
	}
	for _, bad := range []string{"", "12345", "0923001234567", "9230012345678901", "+923001234567", "92300 123456"} {
		if _, err := outbox.WhatsAppChat(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
