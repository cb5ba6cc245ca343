package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
)

func msg(chatType models.ChatType, text string, entities ...models.MessageEntity) *models.Update {
	return &models.Update{ID: 1, Message: &models.Message{
		From: &models.User{ID: 5, LanguageCode: "ur"}, Chat: models.Chat{ID: 5, Type: chatType}, Text: text, Entities: entities,
	}}
}

func cmdEntity(length int) models.MessageEntity {
	return models.MessageEntity{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: length}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		u    *models.Update
		ok   bool
		want dialogs.Input
	}{
		{"start with a payload", msg(models.ChatTypePrivate, "/start lic_9848_LHR", cmdEntity(6)), true,
			dialogs.Input{Kind: dialogs.Command, Command: "start", Args: "lic_9848_LHR", Addressed: true}},
		{"command with Urdu and emoji after it: offsets in UTF-16 units", msg(models.ChatTypePrivate, "/check 😀 ویزا فیس", cmdEntity(6)), true,
			dialogs.Input{Kind: dialogs.Command, Command: "check", Args: "😀 ویزا فیس", Addressed: true}},
		{"a malformed entity is not trusted", msg(models.ChatTypePrivate, "/help", cmdEntity(400)), true,
			dialogs.Input{Kind: dialogs.Command, Command: "help", Addressed: true}},
		{"command for this bot in a group", msg(models.ChatTypeSupergroup, "/help@Tasdeeq_Test_Bot", cmdEntity(22)), true,
			dialogs.Input{Kind: dialogs.Command, Command: "help", Group: true, Addressed: true}},
		{"command for another bot in a group", msg(models.ChatTypeGroup, "/help@other_bot", cmdEntity(15)), true,
			dialogs.Input{Kind: dialogs.Command, Command: "help", Group: true}},
		{"group chatter", msg(models.ChatTypeGroup, "visa pakka hai"), true,
			dialogs.Input{Kind: dialogs.Text, Text: "visa pakka hai", Group: true}},
		{"a mention after an emoji", msg(models.ChatTypeGroup, "😀 @tasdeeq_test_bot check this", models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: 3, Length: 17}), true,
			dialogs.Input{Kind: dialogs.Text, Text: "😀 @tasdeeq_test_bot check this", Group: true, Addressed: true}},
		{"a mention entity out of range", msg(models.ChatTypeGroup, "@x", models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: 1, Length: 90}), true,
			dialogs.Input{Kind: dialogs.Text, Text: "@x", Group: true}},
		{"a sticker", &models.Update{ID: 2, Message: &models.Message{From: &models.User{ID: 5}, Chat: models.Chat{ID: 5, Type: models.ChatTypePrivate}, Sticker: &models.Sticker{}}}, true,
			dialogs.Input{Kind: dialogs.Other, Addressed: true}},
		{"a voice note", &models.Update{ID: 2, Message: &models.Message{From: &models.User{ID: 5}, Chat: models.Chat{ID: 5, Type: models.ChatTypePrivate}, Voice: &models.Voice{FileID: "v1", Duration: 12}}}, true,
			dialogs.Input{Kind: dialogs.Voice, Addressed: true}},
		{"an audio file with a caption", &models.Update{ID: 2, Message: &models.Message{From: &models.User{ID: 5}, Chat: models.Chat{ID: 5, Type: models.ChatTypePrivate}, Audio: &models.Audio{FileID: "a1"}, Caption: "visa pakka hai"}}, true,
			dialogs.Input{Kind: dialogs.Voice, Text: "visa pakka hai", Addressed: true}},
		{"a round video message", &models.Update{ID: 2, Message: &models.Message{From: &models.User{ID: 5}, Chat: models.Chat{ID: 5, Type: models.ChatTypePrivate}, VideoNote: &models.VideoNote{FileID: "n1"}}}, true,
			dialogs.Input{Kind: dialogs.Voice, Addressed: true}},
		{"a voice note in a group is not for the bot", &models.Update{ID: 2, Message: &models.Message{From: &models.User{ID: 5}, Chat: models.Chat{ID: 5, Type: models.ChatTypeGroup}, Voice: &models.Voice{FileID: "v1"}}}, true,
			dialogs.Input{Kind: dialogs.Voice, Group: true}},
		{"an edited message", &models.Update{ID: 3, EditedMessage: &models.Message{Text: "x"}}, false, dialogs.Input{}},
		{"a message from another bot", &models.Update{ID: 4, Message: &models.Message{From: &models.User{ID: 6, IsBot: true}, Text: "hi"}}, false, dialogs.Input{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := bot.Decode(tt.u, "tasdeeq_test_bot")
			if ok != tt.ok {
				t.Fatalf("ok = %v", ok)
			}
			if !ok {
				return
			}
			got.ChatID, got.UserID, got.LanguageCode = 0, 0, ""
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// FuzzDecode: no text or entities, however malformed, make decoding panic.
func FuzzDecode(f *testing.F) {
	f.Add("/start x", 0, 6, "bot_command")
	f.Add("😀 @bot", 3, 4, "mention")
	f.Add("ویزا", -1, 2, "bot_command")
	f.Fuzz(func(t *testing.T, text string, offset, length int, kind string) {
		u := msg(models.ChatTypeGroup, text, models.MessageEntity{Type: models.MessageEntityType(kind), Offset: offset, Length: length})
		bot.Decode(u, "bot")
		u.Message.Chat.Type = models.ChatTypePrivate
		bot.Decode(u, "bot")
	})
}

// TestDecodeIsLinearInEntities decodes a message with n entities over its whole text, and one
// with 4n over a text four times as long (nested entities of the same range are valid Telegram).
// Mapping each entity by decoding its range made this quadratic: 200,000 characters with 4,000
// entities took 8 s. The check is on growth, not speed: 4× the input may take at most 12× the
// time (quadratic work is 16×), and under 100 ms nothing fails.
func TestDecodeIsLinearInEntities(t *testing.T) {
	build := func(n int) *models.Update {
		var b strings.Builder
		b.WriteString("😀 ")
		for range n {
			b.WriteString("@someone_else ویزا ")
		}
		b.WriteString("@tasdeeq_test_bot")
		total := 3 + 19*n + 17
		ents := make([]models.MessageEntity, 0, n+1)
		for i := range n {
			// Half claim to be a command at the start, half a mention of everything after the emoji.
			if i%2 == 0 {
				ents = append(ents, models.MessageEntity{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: total})
			} else {
				ents = append(ents, models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: 3, Length: total - 3})
			}
		}
		ents = append(ents, models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: total - 17, Length: 17})
		return msg(models.ChatTypeGroup, b.String(), ents...)
	}
	timeIt := func(u *models.Update) time.Duration {
		best := time.Duration(1<<63 - 1)
		for range 3 {
			start := time.Now()
			in, ok := bot.Decode(u, "tasdeeq_test_bot")
			best = min(best, time.Since(start))
			if !ok || !in.Addressed || in.Kind != dialogs.Text {
				t.Fatalf("the mention at the end was not found (ok=%v, %+v)", ok, in.Kind)
			}
		}
		return best
	}
	small, big := timeIt(build(1000)), timeIt(build(4000))
	t.Logf("1,000 entities: %v; 4,000: %v", small, big)
	if big > 100*time.Millisecond && big > 12*small {
		t.Fatalf("4× the entities took %v, %.1f× the time of %v: not linear", big, float64(big)/float64(small), small)
	}
}
