package bottest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Limits Telegram enforces on what the fake accepts.
const (
	MaxTextUTF16    = 4096 // sendMessage text
	MaxCaptionUTF16 = 1024 // sendPhoto caption
	MaxCallbackData = 64   // bytes of callback_data
)

func badRequest(desc string) *apiError {
	return &apiError{status: http.StatusBadRequest, desc: "Bad Request: " + desc}
}

// answerLocked validates a call like Telegram would and builds its result. s.mu is held.
func (s *Server) answerLocked(c *Call) (any, *apiError) {
	p := c.Params
	if _, ok := p["chat_id"]; ok && s.blocked[c.ChatID()] {
		return nil, &apiError{status: http.StatusForbidden, desc: describe(http.StatusForbidden, 0)}
	}
	switch strings.ToLower(c.Method) {
	case "getme":
		return botUser(), nil
	case "sendmessage", "editmessagetext":
		if e := checkMessage(p, "text", MaxTextUTF16, "message text is empty", "message is too long"); e != nil {
			return nil, e
		}
		return s.messageLocked(c), nil
	case "sendphoto":
		if p["photo"] == "" {
			return nil, badRequest("there is no photo in the request")
		}
		if e := checkMessage(p, "caption", MaxCaptionUTF16, "", "message caption is too long"); e != nil {
			return nil, e
		}
		return s.messageLocked(c), nil
	case "answercallbackquery":
		if p["callback_query_id"] == "" {
			return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
		}
		return true, nil
	case "getfile":
		return s.getFileLocked(p)
	case "setwebhook":
		s.webhookURL = p["url"]
		return true, nil
	case "deletewebhook":
		s.webhookURL = ""
		return true, nil
	case "getwebhookinfo":
		return map[string]any{"url": s.webhookURL, "has_custom_certificate": false, "pending_update_count": len(s.updates)}, nil
	case "setmycommands", "deletemycommands", "sendchataction", "logout", "close":
		return true, nil
	default:
		return nil, &apiError{status: http.StatusNotFound, desc: "Not Found"}
	}
}

// checkMessage checks chat_id, the text (or caption) and the inline keyboard of a message.
func checkMessage(p map[string]string, field string, limit int, emptyDesc, longDesc string) *apiError {
	if p["chat_id"] == "" {
		return badRequest("chat_id is empty")
	}
	text := p[field]
	if emptyDesc != "" && strings.TrimSpace(text) == "" {
		return badRequest(emptyDesc)
	}
	if utf16Len(text) > limit {
		return badRequest(longDesc)
	}
	switch p["parse_mode"] {
	case "", "HTML", "Markdown", "MarkdownV2":
	default:
		return badRequest("unsupported parse_mode")
	}
	if rm := p["reply_markup"]; rm != "" {
		if desc := checkKeyboard(rm); desc != "" {
			return badRequest(desc)
		}
	}
	return nil
}

// checkKeyboard returns Telegram's complaint about an inline keyboard, or "".
func checkKeyboard(markup string) string {
	var raw struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &raw); err != nil {
		return "can't parse reply keyboard markup JSON object"
	}
	for _, row := range raw.InlineKeyboard {
		for _, b := range row {
			var text, data, url string
			_ = json.Unmarshal(b["text"], &text)
			_ = json.Unmarshal(b["callback_data"], &data)
			_ = json.Unmarshal(b["url"], &url)
			if text == "" {
				return "can't parse inline keyboard button: Text must be non-empty"
			}
			if len(data) > MaxCallbackData {
				return "BUTTON_DATA_INVALID"
			}
			if data != "" || url != "" || hasOtherAction(b) {
				continue
			}
			// go-telegram/bot always sends copy_text (a struct without omitempty effect); with no
			// other action Telegram takes it for an empty copy-text button.
			if _, ok := b["copy_text"]; ok {
				return "BUTTON_COPY_TEXT_INVALID"
			}
			return "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
		}
	}
	return ""
}

func hasOtherAction(b map[string]json.RawMessage) bool {
	for _, k := range []string{"web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
		"switch_inline_query_chosen_chat", "callback_game", "pay"} {
		if v, ok := b[k]; ok && string(v) != "false" && string(v) != "null" {
			return true
		}
	}
	if v, ok := b["copy_text"]; ok {
		var ct struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(v, &ct) == nil && ct.Text != "" {
			return true
		}
	}
	return false
}

func decodeKeyboard(markup string) (*models.InlineKeyboardMarkup, error) {
	var kb models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return nil, err
	}
	if kb.InlineKeyboard == nil {
		return nil, nil
	}
	return &kb, nil
}

func botUser() map[string]any {
	return map[string]any{"id": BotID, "is_bot": true, "first_name": "Tasdeeq Test", "username": Username,
		"can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false}
}

// messageLocked builds the Message Telegram returns for a sent message. s.mu is held.
func (s *Server) messageLocked(c *Call) map[string]any {
	s.nextMsgID++
	id := c.ChatID()
	chat := map[string]any{"id": id, "type": "private"}
	switch {
	case id <= -1_000_000_000_000:
		chat["type"] = "supergroup"
	case id < 0:
		chat["type"] = "group"
	}
	msg := map[string]any{
		"message_id": s.nextMsgID,
		"from":       botUser(),
		"chat":       chat,
		"date":       time.Now().Unix(),
	}
	if t, ok := c.Params["text"]; ok {
		msg["text"] = t
	}
	if caption, ok := c.Params["caption"]; ok {
		msg["caption"] = caption
	}
	if _, ok := c.Params["photo"]; ok {
		msg["photo"] = []map[string]any{{"file_id": "photo-" + c.Params["photo"], "file_unique_id": "u" + c.Params["photo"], "width": 320, "height": 320}}
	}
	if c.Keyboard != nil {
		msg["reply_markup"] = c.Keyboard
	}
	return msg
}
