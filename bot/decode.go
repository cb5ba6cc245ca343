package bot

import (
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/entities"
)

// Decode turns a Telegram update into a dialog input. ok is false for updates the bot does not
// answer: edited messages (the user already had a reply), channel posts, reactions and the like.
// botUsername (without @) tells commands and mentions meant for this bot in groups.
func Decode(u *models.Update, botUsername string) (in dialogs.Input, ok bool) {
	switch {
	case u.Message != nil:
		return decodeMessage(u.Message, botUsername)
	case u.CallbackQuery != nil:
		return decodeCallback(u.CallbackQuery)
	}
	return dialogs.Input{}, false
}

func decodeMessage(m *models.Message, botUsername string) (dialogs.Input, bool) {
	if m.From == nil || m.From.IsBot {
		return dialogs.Input{}, false // anonymous channel admins and other bots
	}
	in := dialogs.Input{
		ChatID:       m.Chat.ID,
		UserID:       m.From.ID,
		LanguageCode: m.From.LanguageCode,
		Group:        m.Chat.Type != models.ChatTypePrivate,
	}
	if m.Contact != nil {
		in.Kind, in.Addressed = dialogs.Contact, !in.Group
		in.ContactPhone = m.Contact.PhoneNumber
		in.ContactName = strings.TrimSpace(m.Contact.FirstName + " " + m.Contact.LastName)
		// Telegram's share button sends the user's own contact; a forwarded card is someone else's.
		in.ContactIsSender = m.Contact.UserID == m.From.ID
		return in, true
	}
	if img, ok := imageOf(m); ok {
		// A picture of an ad, with its caption if any; in groups only when the caption
		// mentions the bot.
		in.Kind, in.Image, in.Text = dialogs.Image, img, m.Caption
		in.Addressed = !in.Group || mentions(m.Caption, m.CaptionEntities, botUsername)
		return in, true
	}
	if m.Voice != nil || m.Audio != nil || m.VideoNote != nil {
		// A voice note (or audio, or a round video): the bot cannot listen to it and says so; in
		// groups only when its caption mentions the bot.
		in.Kind, in.Text = dialogs.Voice, m.Caption
		in.Addressed = !in.Group || mentions(m.Caption, m.CaptionEntities, botUsername)
		return in, true
	}
	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	if text == "" {
		in.Kind = dialogs.Other
		in.Addressed = !in.Group
		return in, true
	}
	if name, target, args, isCmd := command(text, entities); isCmd {
		in.Kind, in.Command, in.Args = dialogs.Command, name, args
		// In a group, "/help@other_bot" is for another bot, and Step stays silent.
		in.Addressed = !in.Group || target == "" || strings.EqualFold(target, botUsername)
		return in, true
	}
	in.Kind, in.Text = dialogs.Text, text
	in.Addressed = !in.Group || mentions(text, entities, botUsername)
	return in, true
}

func decodeCallback(q *models.CallbackQuery) (dialogs.Input, bool) {
	in := dialogs.Input{
		Kind:         dialogs.Callback,
		UserID:       q.From.ID,
		CallbackID:   q.ID,
		Data:         q.Data,
		LanguageCode: q.From.LanguageCode,
		Addressed:    true, // a button of ours
	}
	switch {
	case q.Message.Message != nil:
		in.ChatID = q.Message.Message.Chat.ID
		in.Group = q.Message.Message.Chat.Type != models.ChatTypePrivate
	case q.Message.InaccessibleMessage != nil:
		in.ChatID = q.Message.InaccessibleMessage.Chat.ID
	default:
		in.ChatID = q.From.ID // an inline message: answer the user privately
	}
	return in, true
}

// command reads a bot command at the start of text ("/start payload", "/help@tasdeeq_bot").
// Entity offsets count UTF-16 code units, as Telegram does; entities that do not fit the text are
// ignored rather than trusted, so no input can make slicing panic, and they are mapped in one
// pass over the text (entities.Locate), so thousands of them cost no more than one.
func command(text string, ents []models.MessageEntity) (name, target, args string, ok bool) {
	spans, err := entities.Locate(text, ents)
	if err != nil {
		spans, ents = nil, nil
	}
	for i, e := range ents {
		sp := spans[i]
		if e.Type != models.MessageEntityTypeBotCommand || sp.Start != 0 || sp.End-sp.Start < 2 {
			continue
		}
		cmd := text[:sp.End]
		if !strings.HasPrefix(cmd, "/") {
			continue
		}
		name, target, _ = strings.Cut(cmd[1:], "@")
		args = strings.TrimSpace(text[sp.End:])
		return strings.ToLower(name), target, args, true
	}
	// Telegram marks commands with an entity; without one, a leading /word is still a command
	// (the terminal chat and some clients send none).
	if strings.HasPrefix(text, "/") && len(text) > 1 && text[1] != ' ' {
		head, rest, _ := strings.Cut(text, " ")
		name, target, _ = strings.Cut(head[1:], "@")
		return strings.ToLower(name), target, strings.TrimSpace(rest), true
	}
	return "", "", "", false
}

// mentions reports whether the message mentions @botUsername.
func mentions(text string, ents []models.MessageEntity, botUsername string) bool {
	if botUsername == "" {
		return false
	}
	spans, err := entities.Locate(text, ents)
	if err != nil {
		return false
	}
	for i, e := range ents {
		sp := spans[i]
		if e.Type != models.MessageEntityTypeMention || sp.End-sp.Start <= 1 {
			continue
		}
		if strings.EqualFold(text[sp.Start+1:sp.End], botUsername) {
			return true
		}
	}
	return false
}
