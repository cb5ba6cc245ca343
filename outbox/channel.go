package outbox

import (
	"errors"
	"log/slog"
	"strconv"
)

// ChannelWhatsApp is the WhatsApp Business Cloud API.
const ChannelWhatsApp Channel = "whatsapp"

// whatsAppBase is where the chat ids of WhatsApp users begin: a WhatsApp user whose wa_id is the
// number N (an international phone number, at most 15 digits, so below 10^15) has the chat id
// whatsAppBase + N, which is also their user id.
//
// Why one int64 for both channels rather than a (channel, id) pair in every key: sessions,
// counters, cases, reports, subscriptions, attribution and the blocked marks are all keyed by an
// int64 user or chat id, and Telegram's stored formats must not change. Telegram's ids stay below
// 2^53 in absolute value (its documented bound), so ids from 2^60 up are free: a WhatsApp user is
// a different user from every Telegram user in every store, /forget and the per-user limits work
// per channel as they are, and the channel of any stored id can be read back from the id itself.
const whatsAppBase int64 = 1 << 60

// maxWhatsAppDigits is the length of the longest international phone number (ITU-T E.164).
const maxWhatsAppDigits = 15

// ErrBadWhatsAppID is returned for a wa_id that is not 6-15 ASCII digits.
var ErrBadWhatsAppID = errors.New("wa_id is not a phone number of 6 to 15 digits")

// WhatsAppChat is the chat (and user) id of the WhatsApp user whose wa_id is waID.
func WhatsAppChat(waID string) (int64, error) {
	if len(waID) < 6 || len(waID) > maxWhatsAppDigits || waID[0] == '0' {
		return 0, ErrBadWhatsAppID
	}
	for i := 0; i < len(waID); i++ {
		if waID[i] < '0' || waID[i] > '9' {
			return 0, ErrBadWhatsAppID
		}
	}
	n, err := strconv.ParseInt(waID, 10, 64)
	if err != nil {
		return 0, ErrBadWhatsAppID
	}
	return whatsAppBase + n, nil
}

// WhatsAppID is the wa_id of a WhatsApp chat id; ok is false for any other chat.
func WhatsAppID(chat int64) (waID string, ok bool) {
	n := chat - whatsAppBase
	if chat < whatsAppBase || n >= 1e15 {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

// ChannelOf is the channel a chat id belongs to.
func ChannelOf(chat int64) Channel {
	if _, ok := WhatsAppID(chat); ok {
		return ChannelWhatsApp
	}
	return ChannelTelegram
}

// LogChat is the attribute that names a chat in a log line: its id on Telegram; on WhatsApp only
// the channel, because a WhatsApp chat id is the user's phone number in another form.
func LogChat(chat int64) slog.Attr {
	if ChannelOf(chat) == ChannelWhatsApp {
		return slog.String("chat", string(ChannelWhatsApp))
	}
	return slog.Int64("chat_id", chat)
}
