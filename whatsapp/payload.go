package whatsapp

// The webhook notification of the WhatsApp Business Cloud API, as Meta documents it: one POST
// carries entries (one per business account), each with changes (one per field), each with a
// value holding messages received and statuses of messages sent. Only the fields Tasdeeq reads
// are declared; the rest is ignored by encoding/json.

// Notification is the body of a POST to the webhook.
type Notification struct {
	Object string  `json:"object"` // "whatsapp_business_account"
	Entry  []Entry `json:"entry"`
}

// Entry is the part of a notification about one WhatsApp Business Account.
type Entry struct {
	ID      string   `json:"id"`
	Changes []Change `json:"changes"`
}

// Change is one change to a field of the account; Field "messages" carries messages and statuses.
type Change struct {
	Field string `json:"field"`
	Value Value  `json:"value"`
}

// Value is what a "messages" change holds.
type Value struct {
	MessagingProduct string    `json:"messaging_product"`
	Metadata         Metadata  `json:"metadata"`
	Contacts         []Contact `json:"contacts,omitempty"`
	Messages         []Message `json:"messages,omitempty"`
	Statuses         []Status  `json:"statuses,omitempty"`
}

// Metadata names the business phone number the change is for.
type Metadata struct {
	DisplayPhoneNumber string `json:"display_phone_number"`
	PhoneNumberID      string `json:"phone_number_id"`
}

// Contact is the sender of a message: their WhatsApp id and profile name.
type Contact struct {
	WaID    string  `json:"wa_id"`
	Profile Profile `json:"profile"`
}

// Profile is a WhatsApp user's public profile.
type Profile struct {
	Name string `json:"name"`
}

// Message is one message a user sent to the business.
type Message struct {
	From        string        `json:"from"`
	ID          string        `json:"id"`
	Timestamp   string        `json:"timestamp"`
	Type        string        `json:"type"`
	Context     *Context      `json:"context,omitempty"`
	Text        *Text         `json:"text,omitempty"`
	Image       *Media        `json:"image,omitempty"`
	Document    *Media        `json:"document,omitempty"`
	Audio       *Media        `json:"audio,omitempty"`
	Video       *Media        `json:"video,omitempty"`
	Interactive *Interactive  `json:"interactive,omitempty"`
	Button      *ButtonReply  `json:"button,omitempty"`
	Contacts    []CardContact `json:"contacts,omitempty"`
}

// Context is what a message refers to: the message it replies to, or that it was forwarded.
type Context struct {
	From                string `json:"from,omitempty"`
	ID                  string `json:"id,omitempty"`
	Forwarded           bool   `json:"forwarded,omitempty"`
	FrequentlyForwarded bool   `json:"frequently_forwarded,omitempty"`
}

// Text is the body of a text message.
type Text struct {
	Body string `json:"body"`
}

// Media is a picture, document, audio or video: the media id to fetch it by, and its caption.
type Media struct {
	ID       string `json:"id"`
	MimeType string `json:"mime_type,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
	Caption  string `json:"caption,omitempty"`
	Filename string `json:"filename,omitempty"`
	Voice    bool   `json:"voice,omitempty"`
}

// Interactive is the user's answer to an interactive message: a reply button or a list row.
type Interactive struct {
	Type        string     `json:"type"` // button_reply or list_reply
	ButtonReply *ReplyItem `json:"button_reply,omitempty"`
	ListReply   *ReplyItem `json:"list_reply,omitempty"`
}

// ReplyItem is the button or row the user chose: the id we gave it, and its title.
type ReplyItem struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// ButtonReply is a quick-reply button of a message template pressed by the user.
type ButtonReply struct {
	Payload string `json:"payload"`
	Text    string `json:"text"`
}

// CardContact is a contact card the user shared.
type CardContact struct {
	Name   CardName    `json:"name"`
	Phones []CardPhone `json:"phones,omitempty"`
}

// CardName is the name on a contact card.
type CardName struct {
	FormattedName string `json:"formatted_name"`
	FirstName     string `json:"first_name,omitempty"`
	LastName      string `json:"last_name,omitempty"`
}

// CardPhone is a phone number on a contact card; WaID is set when the number is on WhatsApp.
type CardPhone struct {
	Phone string `json:"phone"`
	WaID  string `json:"wa_id,omitempty"`
	Type  string `json:"type,omitempty"`
}

// Status is what became of a message the business sent: sent, delivered, read or failed.
type Status struct {
	ID          string        `json:"id"`
	Status      string        `json:"status"`
	Timestamp   string        `json:"timestamp"`
	RecipientID string        `json:"recipient_id"`
	Errors      []StatusError `json:"errors,omitempty"`
}

// StatusError says why a message failed after it was accepted.
type StatusError struct {
	Code  int    `json:"code"`
	Title string `json:"title"`
}
