// Package outbox is the contract of the send streams: what a message waiting to be sent looks
// like (Outgoing), how it is queued (Enqueue, in the caller's own transaction), the stream and
// consumer group names, the replies backlog, and the mark on chats whose user blocked the bot.
//
// It exists so that each side of the streams imports only the contract: the update processor
// (package bot) and the broadcaster (package campaigns) write to the streams and the sender
// (package sender) drains them, without the writers importing the sender or campaigns importing
// bot. Before it, campaigns imported bot only to queue a broadcast, which kept dialogs and bot
// from using campaigns' types (a cycle) and forced duplicated types and an adapter in cmd.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// Stream names. Replies go ahead of broadcasts: a jobseeker waiting for a verdict must not queue
// behind a campaign.
//
// Each shard has its own pair of streams (see package shards): a reply is queued in the same
// MULTI/EXEC as the session of the user it answers, so it goes to that user's shard, and a chat's
// messages keep their order because a chat maps to one shard.
const (
	SenderGroup = "senders"
	// PayloadField is the stream entry field that holds the JSON of an Outgoing.
	PayloadField = "m"
)

// RepliesStream is the replies stream of a shard.
func RepliesStream(sh shards.Shard) string { return sh.Key("send:replies") }

// BroadcastsStream is the broadcasts stream of a shard.
func BroadcastsStream(sh shards.Shard) string { return sh.Key("send:broadcasts") }

// Channel is the messaging service an Outgoing is for. Entries written before channels existed
// have none and are Telegram's.
type Channel string

// ChannelTelegram is the Telegram Bot API (ChannelWhatsApp is in channel.go).
const ChannelTelegram Channel = "telegram"

// Kind says which stream an Outgoing goes to.
type Kind string

// The two kinds of outgoing message.
const (
	Reply     Kind = "reply"
	Broadcast Kind = "broadcast"
)

// Button is one inline keyboard button; Data is callback data of at most 64 bytes (ASCII codes).
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// KeyButton is a button of the keyboard under the text field; pressing it sends its text, or
// with RequestContact the user's own phone number, which Telegram asks them to confirm.
type KeyButton struct {
	Text           string `json:"text"`
	RequestContact bool   `json:"request_contact,omitempty"`
}

// Outgoing is one Bot API call waiting in a send stream: a message to a chat, or the answer to
// a button press (CallbackID set, Text optional).
type Outgoing struct {
	// Channel is set by Enqueue from ChatID when empty (see ChannelOf).
	Channel Channel    `json:"channel,omitempty"`
	ChatID  int64      `json:"chat_id"`
	Text    string     `json:"text,omitempty"`
	Buttons [][]Button `json:"buttons,omitempty"`
	// Keyboard replaces the user's keyboard (one button a row); RemoveKeyboard takes it away.
	// Both are ignored when Buttons are set: a message has one reply markup.
	Keyboard       []KeyButton `json:"keyboard,omitempty"`
	RemoveKeyboard bool        `json:"remove_keyboard,omitempty"`
	// Photo, when set, is a PNG sent with Text as its caption (a counsellor's QR code).
	Photo      []byte `json:"photo,omitempty"`
	CallbackID string `json:"callback_id,omitempty"`
	Kind       Kind   `json:"kind"`
	// Notice marks a message that is not the answer to something the user just sent (a case
	// update, a campaign): on WhatsApp it may reach the user outside the 24-hour window only as an
	// approved message template. Telegram ignores it.
	Notice *Notice `json:"notice,omitempty"`
	// Enqueued is when the message entered the stream; the sender reports the lag from it.
	Enqueued time.Time `json:"enqueued"`
}

// NoticeKind says what a Notice is about; each kind has its own message template on WhatsApp.
type NoticeKind string

// The kinds of notice.
const (
	// NoticeCase tells a reporter that their case moved on; Params[0] is the case id.
	NoticeCase NoticeKind = "case"
	// NoticeCampaign is an awareness campaign's message; the template's parameter is the
	// message's own text.
	NoticeCampaign NoticeKind = "campaign"
)

// Notice is what a message that is not a reply says, in a form a message template can carry.
type Notice struct {
	Kind   NoticeKind `json:"kind"`
	Lang   string     `json:"lang"` // en or ur
	Params []string   `json:"params,omitempty"`
}

// Enqueue adds the XADD of o to a pipeline or transaction, so that replies are queued in the same
// MULTI/EXEC that saves the session and marks the update done. The streams are never trimmed: an
// entry leaves only when the sender has delivered or deliberately dropped it. Callers that must
// bound the backlog check Backlog before accepting more work.
//
// sh is the shard of the user the message answers or is for (for a private chat, the chat's own).
func Enqueue(ctx context.Context, p redis.Pipeliner, sh shards.Shard, o Outgoing) error {
	if o.Channel == "" {
		o.Channel = ChannelOf(o.ChatID)
	}
	data, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encode outgoing message: %w", err)
	}
	stream := RepliesStream(sh)
	if o.Kind == Broadcast {
		stream = BroadcastsStream(sh)
	}
	p.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{PayloadField, data}})
	return nil
}

// Backlog queues (on a pipeline) or runs (on a client) the XLEN of a shard's replies stream: the
// replies not yet delivered, and those delivered within about the last second (the sender
// deletes delivered entries together, once a second). The processor answers 503 when it
// reaches its cap, so that Telegram retries the update later instead of the stream growing
// without bound. Read it with .Result() (after Exec on a pipeline).
func Backlog(ctx context.Context, c redis.Cmdable, sh shards.Shard) *redis.IntCmd {
	return c.XLen(ctx, RepliesStream(sh))
}
