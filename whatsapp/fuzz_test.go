package whatsapp_test

import (
	"net/http"
	"testing"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

// FuzzNotification posts signed bodies of any shape: the handler never panics, answers 200 or
// 400, and every input it steps names a WhatsApp chat.
func FuzzNotification(f *testing.F) {
	for _, m := range []whatsapp.Message{whatsapptest.Text(user, "hi"), whatsapptest.Press(user, "more:3", "x", true),
		whatsapptest.Image(user, "m", "c"), whatsapptest.ContactCard(user, "n", "+92 300", user), whatsapptest.QuickReply(user, "/case X", "t")} {
		f.Add(whatsapptest.Body(whatsapptest.Notification(user, "n", []whatsapp.Message{m}, whatsapptest.Status(user, "failed", 131047))))
	}
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"` +
		whatsapptest.PhoneNumberID + `"},"messages":[{"from":"0","id":"x","type":"interactive","interactive":{"type":"list_reply"}}]}}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p := &recorder{}
		h, _, _ := newHandler(t, p)
		w := post(h, body, whatsapptest.Sign(appSecret, body))
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d", w.Code)
		}
		for _, in := range p.inputs {
			if in.ChatID != in.UserID || in.Kind == "" {
				t.Fatalf("input %+v", in)
			}
			if _, ok := outbox.WhatsAppID(in.ChatID); !ok {
				t.Fatalf("input for a chat that is not WhatsApp's: %d", in.ChatID)
			}
		}
	})
}
