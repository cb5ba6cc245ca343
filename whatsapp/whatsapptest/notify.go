// Package whatsapptest is a fake of the WhatsApp Business Cloud API for tests: a Graph API server
// that checks every message as Meta documents it and keeps what a user would see (Server), and
// builders of the signed webhook notifications Meta sends (Notify, Sign).
package whatsapptest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/tasdeeq/tasdeeq/whatsapp"
)

// PhoneNumberID is the business number's id the fakes use.
const PhoneNumberID = "106540352242922"

// DisplayNumber is the business number's display number.
const DisplayNumber = "+92 300 0000000"

// Sign is the X-Hub-Signature-256 header value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

var seq atomic.Int64

// MessageID returns a new message id in Meta's form.
func MessageID() string {
	return fmt.Sprintf("wamid.HBgMOTIzMDAxMjM0NTY3FQIAEhgg%016d", seq.Add(1))
}

// Notification wraps messages from one user (wa_id from, profile name) and statuses in the
// envelope Meta posts.
func Notification(from, name string, msgs []whatsapp.Message, statuses ...whatsapp.Status) whatsapp.Notification {
	v := whatsapp.Value{MessagingProduct: "whatsapp",
		Metadata: whatsapp.Metadata{DisplayPhoneNumber: whatsapp.Digits(DisplayNumber), PhoneNumberID: PhoneNumberID},
		Messages: msgs, Statuses: statuses}
	if len(msgs) > 0 {
		v.Contacts = []whatsapp.Contact{{WaID: from, Profile: whatsapp.Profile{Name: name}}}
	}
	return whatsapp.Notification{Object: "whatsapp_business_account",
		Entry: []whatsapp.Entry{{ID: "102290129340398", Changes: []whatsapp.Change{{Field: "messages", Value: v}}}}}
}

// Body encodes a notification.
func Body(n whatsapp.Notification) []byte {
	b, err := json.Marshal(n)
	if err != nil {
		panic(err)
	}
	return b
}

func base(from, typ string) whatsapp.Message {
	return whatsapp.Message{From: from, ID: MessageID(), Timestamp: strconv.FormatInt(time.Now().Unix(), 10), Type: typ}
}

// Text is a text message.
func Text(from, body string) whatsapp.Message {
	m := base(from, "text")
	m.Text = &whatsapp.Text{Body: body}
	return m
}

// Forwarded is a forwarded text message.
func Forwarded(from, body string) whatsapp.Message {
	m := Text(from, body)
	m.Context = &whatsapp.Context{Forwarded: true}
	return m
}

// Press is the user's press of a reply button (list: a row of a list) with the given id.
func Press(from, id, title string, list bool) whatsapp.Message {
	m := base(from, "interactive")
	item := &whatsapp.ReplyItem{ID: id, Title: title}
	if list {
		m.Interactive = &whatsapp.Interactive{Type: "list_reply", ListReply: item}
	} else {
		m.Interactive = &whatsapp.Interactive{Type: "button_reply", ButtonReply: item}
	}
	return m
}

// QuickReply is the press of a template's quick-reply button.
func QuickReply(from, payload, text string) whatsapp.Message {
	m := base(from, "button")
	m.Button = &whatsapp.ButtonReply{Payload: payload, Text: text}
	return m
}

// Image is a picture with a caption; mediaID is what the fake Graph API serves it as.
func Image(from, mediaID, caption string) whatsapp.Message {
	m := base(from, "image")
	m.Image = &whatsapp.Media{ID: mediaID, MimeType: "image/jpeg", Caption: caption}
	return m
}

// Audio is a voice note.
func Audio(from string) whatsapp.Message {
	m := base(from, "audio")
	m.Audio = &whatsapp.Media{ID: "audio-" + strconv.FormatInt(seq.Add(1), 10), MimeType: "audio/ogg; codecs=opus", Voice: true}
	return m
}

// ContactCard is a shared contact card with one number; waID is set when it is on WhatsApp.
func ContactCard(from, name, phone, waID string) whatsapp.Message {
	m := base(from, "contacts")
	m.Contacts = []whatsapp.CardContact{{Name: whatsapp.CardName{FormattedName: name},
		Phones: []whatsapp.CardPhone{{Phone: phone, WaID: waID, Type: "CELL"}}}}
	return m
}

// Status is a status callback of a message we sent.
func Status(to, status string, errorCodes ...int) whatsapp.Status {
	s := whatsapp.Status{ID: MessageID(), Status: status, Timestamp: strconv.FormatInt(time.Now().Unix(), 10), RecipientID: to}
	for _, c := range errorCodes {
		s.Errors = append(s.Errors, whatsapp.StatusError{Code: c, Title: "error"})
	}
	return s
}
