package whatsapptest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
)

// APIError is an error the fake answers with, in Meta's shape.
type APIError struct {
	Status  int
	Code    int
	Message string
}

func (e *APIError) Error() string { return fmt.Sprintf("(#%d) %s", e.Code, e.Message) }

// Meta's codes for a refused request.
const (
	codeParamInvalid   = 131009 // parameter value is not valid
	codeParamMissing   = 131008 // required parameter is missing
	codeTemplateParams = 132000 // number of parameters does not match
	codeTemplateGone   = 132001 // template name does not exist in the translation
	codeTemplateFormat = 132018 // issue with the parameters in your template
)

func invalid(format string, args ...any) *APIError {
	return &APIError{Status: 400, Code: codeParamInvalid, Message: "Parameter value is not valid: " + fmt.Sprintf(format, args...)}
}

// units counts characters as WhatsApp's clients do, in UTF-16 code units: the strict reading of
// Meta's "characters", under which an emoji counts two and each invisible bidi mark one.
func units(s string) int { return len(utf16.Encode([]rune(s))) }

// TemplateSpec is an approved template the fake knows: its languages, how many body parameters
// it takes, and how many quick-reply buttons it has.
type TemplateSpec struct {
	Languages    []string
	BodyParams   int
	QuickReplies int
}

// outgoing is a message as sent, decoded by the fake on its own terms (not with the client's
// types, so that a mistake in those is caught here).
type outgoing struct {
	MessagingProduct string           `json:"messaging_product"`
	RecipientType    string           `json:"recipient_type"`
	To               string           `json:"to"`
	Type             string           `json:"type"`
	Text             *json.RawMessage `json:"text"`
	Interactive      *json.RawMessage `json:"interactive"`
	Template         *json.RawMessage `json:"template"`
}

type textPart struct {
	PreviewURL *bool  `json:"preview_url"`
	Body       string `json:"body"`
}

type interactivePart struct {
	Type string `json:"type"`
	Body *struct {
		Text string `json:"text"`
	} `json:"body"`
	Action *struct {
		Buttons []struct {
			Type  string `json:"type"`
			Reply struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			} `json:"reply"`
		} `json:"buttons"`
		Button   string `json:"button"`
		Sections []struct {
			Title string `json:"title"`
			Rows  []struct {
				ID          string `json:"id"`
				Title       string `json:"title"`
				Description string `json:"description"`
			} `json:"rows"`
		} `json:"sections"`
	} `json:"action"`
}

type templatePart struct {
	Name     string `json:"name"`
	Language struct {
		Code string `json:"code"`
	} `json:"language"`
	Components []struct {
		Type       string `json:"type"`
		SubType    string `json:"sub_type"`
		Index      string `json:"index"`
		Parameters []struct {
			Type    string `json:"type"`
			Text    string `json:"text"`
			Payload string `json:"payload"`
		} `json:"parameters"`
	} `json:"components"`
}

var waIDRe = regexp.MustCompile(`^[1-9][0-9]{5,14}$`)

// paramRe finds what Meta refuses in a template parameter: a new line, a tab, or more than four
// spaces in a row.
var paramRe = regexp.MustCompile("[\n\t]| {5,}")

// Sent is a message the fake accepted, as the user sees it.
type Sent struct {
	To        string
	Type      string // text, interactive, template
	Body      string // the text, the interactive body, or the template's parameter
	NoPreview bool   // text: preview_url was given, false
	Buttons   []Choice
	List      string // the label of a list's button; empty for reply buttons
	Template  string // template name
	Language  string // template language code
	Payloads  []string
	Raw       []byte
}

// Choice is a reply button or a list row.
type Choice struct {
	ID, Title, Description string
}

// Validate checks a message as Meta documents the Cloud API's POST /messages: the envelope,
// text (1-4096 characters), interactive reply buttons (1-3, ids up to 256, titles up to 20,
// unique) and lists (a button label up to 20, 1-10 sections, 1-10 rows in all, ids up to 200 and
// unique, titles up to 24, descriptions up to 72, section titles when there is more than one),
// bodies of interactive messages up to 1,024, and templates against the approved ones given.
func Validate(raw []byte, templates map[string]TemplateSpec) (Sent, error) {
	var m outgoing
	if err := json.Unmarshal(raw, &m); err != nil {
		return Sent{}, &APIError{Status: 400, Code: 100, Message: "Invalid parameter: body is not JSON"}
	}
	s := Sent{To: m.To, Type: m.Type, Raw: raw}
	switch {
	case m.MessagingProduct != "whatsapp":
		return s, &APIError{Status: 400, Code: codeParamMissing, Message: "messaging_product is required and must be whatsapp"}
	case m.RecipientType != "" && m.RecipientType != "individual":
		return s, invalid("recipient_type %q", m.RecipientType)
	case !waIDRe.MatchString(m.To):
		return s, invalid("to %q is not a phone number", m.To)
	}
	var err error
	switch m.Type {
	case "text":
		err = validateText(m.Text, &s)
	case "interactive":
		err = validateInteractive(m.Interactive, &s)
	case "template":
		err = validateTemplate(m.Template, templates, &s)
	default:
		err = invalid("type %q", m.Type)
	}
	return s, err
}

func validateText(raw *json.RawMessage, s *Sent) error {
	var t textPart
	if raw == nil || json.Unmarshal(*raw, &t) != nil {
		return &APIError{Status: 400, Code: codeParamMissing, Message: "text is required for type text"}
	}
	if n := units(t.Body); n < 1 || n > 4096 {
		return invalid("text.body has %d characters, 1 to 4096 allowed", n)
	}
	s.Body = t.Body
	s.NoPreview = t.PreviewURL != nil && !*t.PreviewURL
	return nil
}

func validateInteractive(raw *json.RawMessage, s *Sent) error {
	var in interactivePart
	if raw == nil || json.Unmarshal(*raw, &in) != nil {
		return &APIError{Status: 400, Code: codeParamMissing, Message: "interactive is required for type interactive"}
	}
	if in.Body == nil {
		return &APIError{Status: 400, Code: codeParamMissing, Message: "interactive.body is required"}
	}
	if n := units(in.Body.Text); n < 1 || n > 1024 {
		return invalid("interactive.body.text has %d characters, 1 to 1024 allowed", n)
	}
	if in.Action == nil {
		return &APIError{Status: 400, Code: codeParamMissing, Message: "interactive.action is required"}
	}
	s.Body = in.Body.Text
	ids, titles := map[string]bool{}, map[string]bool{}
	switch in.Type {
	case "button":
		if n := len(in.Action.Buttons); n < 1 || n > 3 {
			return invalid("interactive.action.buttons has %d buttons, 1 to 3 allowed", n)
		}
		for i, b := range in.Action.Buttons {
			switch {
			case b.Type != "reply":
				return invalid("buttons[%d].type %q", i, b.Type)
			case b.Reply.ID == "" || len(b.Reply.ID) > 256:
				return invalid("buttons[%d].reply.id must be 1 to 256 characters", i)
			case units(b.Reply.Title) < 1 || units(b.Reply.Title) > 20:
				return invalid("buttons[%d].reply.title has %d characters, 1 to 20 allowed", i, units(b.Reply.Title))
			case ids[b.Reply.ID] || titles[b.Reply.Title]:
				return invalid("buttons[%d]: ids and titles must be unique", i)
			}
			ids[b.Reply.ID], titles[b.Reply.Title] = true, true
			s.Buttons = append(s.Buttons, Choice{ID: b.Reply.ID, Title: b.Reply.Title})
		}
	case "list":
		if n := units(in.Action.Button); n < 1 || n > 20 {
			return invalid("interactive.action.button has %d characters, 1 to 20 allowed", n)
		}
		if n := len(in.Action.Sections); n < 1 || n > 10 {
			return invalid("interactive.action.sections has %d sections, 1 to 10 allowed", n)
		}
		rows := 0
		for i, sec := range in.Action.Sections {
			if len(in.Action.Sections) > 1 && (sec.Title == "" || units(sec.Title) > 24) {
				return invalid("sections[%d].title is required with several sections, up to 24 characters", i)
			}
			if len(sec.Rows) == 0 {
				return invalid("sections[%d] has no rows", i)
			}
			for j, r := range sec.Rows {
				rows++
				switch {
				case r.ID == "" || len(r.ID) > 200:
					return invalid("sections[%d].rows[%d].id must be 1 to 200 characters", i, j)
				case units(r.Title) < 1 || units(r.Title) > 24:
					return invalid("sections[%d].rows[%d].title has %d characters, 1 to 24 allowed", i, j, units(r.Title))
				case units(r.Description) > 72:
					return invalid("sections[%d].rows[%d].description has %d characters, up to 72 allowed", i, j, units(r.Description))
				case ids[r.ID]:
					return invalid("sections[%d].rows[%d]: row ids must be unique", i, j)
				}
				ids[r.ID] = true
				s.Buttons = append(s.Buttons, Choice{ID: r.ID, Title: r.Title, Description: r.Description})
			}
		}
		if rows > 10 {
			return invalid("the list has %d rows, at most 10 allowed", rows)
		}
		s.List = in.Action.Button
	default:
		return invalid("interactive.type %q", in.Type)
	}
	return nil
}

func validateTemplate(raw *json.RawMessage, templates map[string]TemplateSpec, s *Sent) error {
	var t templatePart
	if raw == nil || json.Unmarshal(*raw, &t) != nil {
		return &APIError{Status: 400, Code: codeParamMissing, Message: "template is required for type template"}
	}
	spec, ok := templates[t.Name]
	if !ok || !contains(spec.Languages, t.Language.Code) {
		return &APIError{Status: 404, Code: codeTemplateGone, Message: fmt.Sprintf("template %q does not exist in %q", t.Name, t.Language.Code)}
	}
	s.Template, s.Language = t.Name, t.Language.Code
	var body, replies int
	withButtons := false
	for _, c := range t.Components {
		if c.Type == "button" {
			withButtons = true
		}
	}
	for i, c := range t.Components {
		switch c.Type {
		case "body":
			for _, p := range c.Parameters {
				if p.Type != "text" {
					return invalid("components[%d]: parameter type %q", i, p.Type)
				}
				limit := 32768
				if withButtons {
					limit = 1024
				}
				if p.Text == "" || paramRe.MatchString(p.Text) || units(p.Text) > limit {
					return &APIError{Status: 400, Code: codeTemplateFormat, Message: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces, and must fit the limit"}
				}
				body++
				s.Body = p.Text
			}
		case "button":
			if c.SubType != "quick_reply" || c.Index != fmt.Sprint(replies) {
				return invalid("components[%d]: a quick_reply button with index %d expected", i, replies)
			}
			if len(c.Parameters) != 1 || c.Parameters[0].Type != "payload" || c.Parameters[0].Payload == "" {
				return invalid("components[%d]: one payload parameter expected", i)
			}
			replies++
			s.Payloads = append(s.Payloads, c.Parameters[0].Payload)
		default:
			return invalid("components[%d].type %q", i, c.Type)
		}
	}
	if body != spec.BodyParams || replies > spec.QuickReplies {
		return &APIError{Status: 400, Code: codeTemplateParams, Message: fmt.Sprintf("%d body parameters for %d, %d buttons for %d", body, spec.BodyParams, replies, spec.QuickReplies)}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
