package dialogs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// InputKind says what the user did.
type InputKind string

// The kinds of input a dialog steps on.
const (
	Command  InputKind = "command"  // /start, /help, /language, /forget, /tips, /licence
	Text     InputKind = "text"     // a message, a caption or a forwarded post
	Callback InputKind = "callback" // a button press
	Other    InputKind = "other"    // a sticker, a photo without caption, a voice note, ...
	Contact  InputKind = "contact"  // a shared phone number
)

// Input is one thing a user did, already decoded from Telegram (or typed in the terminal).
type Input struct {
	Kind         InputKind
	ChatID       int64
	UserID       int64
	Command      string // without the slash or @bot suffix, lower case
	Args         string // what follows the command, e.g. the /start payload
	Text         string // message text or caption
	CallbackID   string
	Data         string // callback data
	LanguageCode string // Telegram's language_code, used until the user chooses
	Group        bool   // the chat is a group
	// Forwarded is set for a message the user forwarded (WhatsApp's context.forwarded): someone
	// else's text, so it is checked as such, never taken as the answer to the bot's question.
	Forwarded bool
	Addressed bool // in a group: a command for this bot or a mention of it
	// ChecksLimited is set when the user has checked as many ads as the limits allow for now.
	ChecksLimited bool
	// A shared contact: its number, its name, and whether it is the sender's own.
	ContactPhone    string
	ContactName     string
	ContactIsSender bool
	// Image is the picture of an Image input; Read is what was read of it, for ImageText.
	Image *ImageRef
	Read  *ImageResult
}

// State is where a conversation stands between two inputs.
type State string

// The dialog states.
const (
	Idle         State = ""
	AwaitLicence State = "await_licence" // asked for a licence number or an agency name
)

// Session is what the bot keeps about one user. Prefs live a year; the dialog fields expire after
// a day (see Store).
type Session struct {
	Lang       locales.Lang     `json:"lang,omitempty"` // chosen language; empty until chosen
	Subscribed bool             `json:"subscribed,omitempty"`
	State      State            `json:"state,omitempty"`
	Payload    string           `json:"payload,omitempty"` // the deep-link payload of the last /start
	Source     *outreach.Source `json:"source,omitempty"`  // the centre and link the user came through
	LastAd     *Ad              `json:"last_ad,omitempty"` // the last ad checked, for "Report this ad"
	Report     *Report          `json:"report,omitempty"`  // a report being filled in
}

// OutputKind says what the bot does.
type OutputKind string

// The kinds of output.
const (
	SendMessage    OutputKind = "message"
	AnswerCallback OutputKind = "answer_callback"
	ForgetUser     OutputKind = "forget" // delete everything stored about the user
	// Checked records that an ad was checked, with its risk, for metrics and attribution; it
	// sends nothing.
	Checked OutputKind = "checked"
	// Refer stores a consented case: queued for the agencies, or held for a counsellor.
	Refer OutputKind = "refer"
	// ConfirmCase and DismissCase are a counsellor's decision on a held case.
	ConfirmCase OutputKind = "confirm_case"
	DismissCase OutputKind = "dismiss_case"
	// Attribute counts an event for the centre and link a user came through.
	Attribute OutputKind = "attribute"
	// Subscribe and Unsubscribe change who receives the awareness campaign.
	Subscribe   OutputKind = "subscribe"
	Unsubscribe OutputKind = "unsubscribe"
	// MarkNotScam is a counsellor marking what a text holds as not a scam (Undo: unmarking it);
	// the text is in Mark.
	MarkNotScam OutputKind = "mark_not_scam"
)

// KeyButton is a button of the keyboard under the text field; RequestContact makes it share
// the user's own phone number, after Telegram asks them.
type KeyButton struct {
	Text           string
	RequestContact bool
}

// Button is an inline button; Data is an ASCII callback code of at most 64 bytes.
type Button struct {
	Text string
	Data string
}

// Output is one thing the bot does in reply.
type Output struct {
	Kind       OutputKind
	ChatID     int64
	Text       string
	Buttons    [][]Button
	CallbackID string
	Risk       redflags.Risk // Checked only
	// Keyboard replaces the keyboard under the text field; RemoveKeyboard takes it away.
	Keyboard       []KeyButton
	RemoveKeyboard bool
	Case           *referrals.Case  // Refer, ConfirmCase, DismissCase
	Photo          []byte           // a PNG sent with Text as its caption
	Source         *outreach.Source // Attribute, Subscribe
	Event          outreach.Event   // Attribute
	Image          *ImageRef        // ReadImage: the picture to read, with its caption in Text
	Mark           *Mark            // MarkNotScam
	// Notice, on a message to another user than the one who wrote (a case update to its
	// reporter), is what the message says in a form a WhatsApp template can carry.
	Notice *outbox.Notice
}

// Outgoing is a SendMessage output as the send streams carry it, for the processor to queue and
// for the renderers of each channel; the caller sets Kind and Enqueued.
func (o Output) Outgoing() outbox.Outgoing {
	out := outbox.Outgoing{ChatID: o.ChatID, Text: o.Text, RemoveKeyboard: o.RemoveKeyboard, Photo: o.Photo, Notice: o.Notice}
	for _, row := range o.Buttons {
		var r []outbox.Button
		for _, b := range row {
			r = append(r, outbox.Button{Text: b.Text, Data: b.Data})
		}
		out.Buttons = append(out.Buttons, r)
	}
	for _, k := range o.Keyboard {
		out.Keyboard = append(out.Keyboard, outbox.KeyButton{Text: k.Text, RequestContact: k.RequestContact})
	}
	return out
}

// Register is the part of the licence register the dialogs use.
type Register interface {
	redflags.Register
	Search(ctx context.Context, name string, limit int) ([]licences.Match, error)
	Meta(ctx context.Context) (licences.Meta, bool, error)
}

// Deps are what Step needs besides the session and the input.
type Deps struct {
	Analyzer *redflags.Analyzer
	Register Register
	Bundle   *locales.Bundle
	Now      func() time.Time
	// Referrals: the case store (nil: reports cannot be filed), the router (nil: every case
	// goes to the "default" target), the counsellors' Telegram user ids, whether every case
	// waits for a counsellor (TASDEEQ_REFERRAL_REVIEW=counsellor), and the case id maker.
	Cases       Cases
	Routing     Router
	Counsellors map[int64]bool
	// Staff finds counsellors by their console account linked to their Telegram user id, beside
	// Counsellors (nil: Counsellors alone).
	Staff     Staff
	ReviewAll bool
	// NewCaseID returns a fresh id for a case userID reports. The id names the case's shard, which
	// must be the reporter's, so that the case is written in the same transaction as their session
	// (referrals.Store.NewID draws such ids). Nil: referrals.NewID, for tests on one Redis node.
	NewCaseID func(userID int64) string
	// Outreach: counsellor links (nil: no links), attribution counts (nil: no /stats), and the
	// bot's username, which the links' URLs name.
	Links       Links
	Stats       Stats
	BotUsername string
	// WhatsAppNumber is the business number of the WhatsApp channel, for wa.me links; empty when
	// the channel is off.
	WhatsAppNumber string
	// ReadImages is set when pictures can be read (OCR installed and working).
	ReadImages bool
	// Reports is the memory of reported scams (nil: checks do not consult it).
	Reports Reports
	// Offices is the directory of help: Protector offices, BEOE, MRCs, helplines (nil: the bot
	// names no office and answers office questions with the general advice).
	Offices *offices.Directory
}

// Step is the whole conversation: given the user's session and what they did, it returns the new
// session and what to send. It touches nothing but the register lookups in deps; the caller
// stores the session and sends the outputs in one transaction. The error is the register's:
// the caller answers 5xx so that Telegram retries.
func Step(ctx context.Context, deps Deps, s Session, in Input) (Session, []Output, error) {
	if in.Group && !in.Addressed {
		return s, nil, nil // in groups, speak only when spoken to
	}
	c := &conv{ctx: ctx, deps: deps, s: s, in: in}
	var err error
	switch in.Kind {
	case Command:
		err = c.command()
	case Callback:
		err = c.callback()
	case Text:
		err = c.text(in.Text)
	case Contact:
		c.contact()
	case Image:
		err = c.image()
	case ImageText:
		err = c.imageText()
	case Voice:
		err = c.voice()
	default:
		c.unsupported()
	}
	if err != nil {
		return s, nil, err
	}
	return c.s, c.out, nil
}

// conv is one step in progress.
type conv struct {
	ctx  context.Context
	deps Deps
	s    Session
	in   Input
	out  []Output
	// answered is set once the button press has been answered.
	answered bool
}

// lang is the reply language: the user's choice, else Telegram's language code.
func (c *conv) lang() locales.Lang {
	if c.s.Lang != "" {
		return c.s.Lang
	}
	return locales.Parse(c.in.LanguageCode)
}

func (c *conv) t(id string, data map[string]any) string { return c.deps.Bundle.T(c.lang(), id, data) }

// say queues a message, split under Telegram's limit; buttons go on the last part.
func (c *conv) say(text string, buttons [][]Button) {
	parts := Split(text, MaxMessageUnits)
	for i, p := range parts {
		o := Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: p}
		if i == len(parts)-1 {
			o.Buttons = buttons
		}
		c.out = append(c.out, o)
	}
}

// counsellorCommand lets a counsellor's command go on when what it needs is set up (available);
// anyone else, or a command that is not set up, gets the answer to an unknown command, so that
// counsellors' commands do not even appear to exist for users.
func (c *conv) counsellorCommand(available bool) bool {
	if available && c.isCounsellor() {
		return true
	}
	c.say(c.t("command.unknown", nil), c.menu())
	return false
}

// Staff is the part of the console's accounts the dialogs read; *accounts.Store satisfies it.
type Staff interface {
	IsCounsellor(ctx context.Context, telegramUserID int64) (bool, error)
}

// isCounsellor says whether the user is a counsellor: in TASDEEQ_COUNSELLORS, or linked to an
// enabled console account. A store that cannot be read counts as no: the counsellors' commands
// then look unknown until it can, and users are never shown them by mistake.
func (c *conv) isCounsellor() bool {
	if c.deps.Counsellors[c.in.UserID] {
		return true
	}
	if c.deps.Staff == nil {
		return false
	}
	ok, err := c.deps.Staff.IsCounsellor(c.ctx, c.in.UserID)
	return ok && err == nil
}

// answer acknowledges a button press, once; Telegram shows a spinner until it is answered.
func (c *conv) answer(text string) {
	if c.in.Kind != Callback || c.answered {
		return
	}
	c.answered = true
	c.out = append(c.out, Output{Kind: AnswerCallback, CallbackID: c.in.CallbackID, Text: text})
}

func (c *conv) command() error {
	switch c.in.Command {
	case "start":
		return c.start()
	case "help":
		c.s.State = Idle
		help := c.t("help.text", nil)
		if c.deps.Offices != nil {
			help += "\n\n" + renderHelpDirectory(c.deps.Bundle, c.lang(), c.deps.Offices)
		}
		c.say(help, c.menu())
	case "language", "lang", "zaban":
		c.chooseLanguage()
	case "forget":
		c.forget()
	case "tips":
		c.say(c.t("tips.text", nil), c.menu())
	case "licence", "license", "check_licence":
		if arg := strings.TrimSpace(c.in.Args); arg != "" {
			return c.checkLicence(arg)
		}
		c.askLicence()
	case "case":
		return c.caseStatus(c.in.Args)
	case "review":
		return c.review()
	case "subscribe":
		c.subscribe()
	case "unsubscribe", "stop":
		c.unsubscribe()
	case "link":
		return c.link(c.in.Args)
	case "stats":
		return c.stats()
	case "notscam":
		return c.notScam(c.in.Args)
	case "check":
		if arg := strings.TrimSpace(c.in.Args); arg != "" {
			return c.checkAd(arg)
		}
		c.s.State = Idle
		c.say(c.t("check.prompt", nil), nil)
	default:
		c.say(c.t("command.unknown", nil), c.menu())
	}
	return nil
}

func (c *conv) start() error {
	c.s.State = Idle
	payload := strings.TrimSpace(c.in.Args)
	if len(payload) <= 64 && payloadRe.MatchString(payload) {
		c.s.Payload = payload
	}
	c.say(c.t("start.greeting", nil), languageButtons(c.lang()))
	if number, ok := licenceFromPayload(payload); ok {
		return c.checkLicence(number)
	}
	_, err := c.startLink(c.s.Payload)
	return err
}

func (c *conv) chooseLanguage() {
	c.s.State = Idle
	c.say(c.t("language.choose", nil), languageButtons(c.lang()))
}

func (c *conv) forget() {
	lang := c.lang()
	c.out = append(c.out, Output{Kind: ForgetUser, ChatID: c.in.ChatID})
	c.s = Session{}
	// Confirm in the language the user was using, although it is no longer stored.
	c.out = append(c.out, Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: c.deps.Bundle.T(lang, "forget.done", nil)})
}

func (c *conv) askLicence() {
	c.s.State = AwaitLicence
	c.say(c.t("licence.prompt", nil), nil)
}

// text handles a message: an answer to a question, a licence number alone, or an ad.
func (c *conv) text(text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		c.say(c.t("other.unsupported", nil), nil)
		return nil
	}
	if c.s.State == AwaitLicence && !c.in.Forwarded {
		c.s.State = Idle
		return c.checkLicence(text)
	}
	if c.s.Report != nil && c.reportText(text) {
		return nil
	}
	c.s.Report = nil
	if number, err := licences.ParseNumber(text); err == nil {
		return c.checkLicence(number)
	}
	return c.checkAd(text)
}

func (c *conv) checkAd(text string) error {
	c.s.State = Idle
	if c.in.ChecksLimited {
		c.say(c.t("limit.checks", nil), nil)
		return nil
	}
	v, err := c.deps.Analyzer.Analyze(c.ctx, text, c.deps.Register)
	if err != nil {
		return fmt.Errorf("check ad: %w", err)
	}
	return c.answerAd(text, v)
}

// answerAd adds what reports say to an analysed text and answers with the verdict.
func (c *conv) answerAd(text string, v redflags.Verdict) error {
	if c.deps.Reports != nil {
		flags, err := c.deps.Reports.Match(c.ctx, text)
		if err != nil {
			return fmt.Errorf("check reports: %w", err)
		}
		v = v.WithReports(flags)
	}
	lang := c.lang()
	if c.s.Lang == "" && c.in.LanguageCode == "" && v.Language == redflags.Urdu {
		lang = locales.UR
	}
	meta, err := c.meta()
	if err != nil {
		return err
	}
	if v.JobAd {
		// One screen: the strongest signs, and a button for the rest.
		brief, shown := renderBrief(c.deps.Bundle, lang, v, meta, c.deps.Now(), c.nearestOffice(lang, text))
		c.out = append(c.out, Output{Kind: Checked, ChatID: c.in.ChatID, Risk: v.Risk, Source: c.s.Source})
		c.s.LastAd = adRecord(text, v)
		c.say(brief, c.verdictButtons(lang, len(signsOf(v.Flags))-shown, shown))
		return nil
	}
	var reply string
	switch {
	case v.Kind == redflags.KindQuestion && v.Topic == redflags.TopicProtector && c.deps.Offices != nil:
		reply = RenderOfficeAnswer(c.deps.Bundle, lang, c.deps.Offices, text)
	case v.Kind == redflags.KindLicenceQuery:
		if reply, err = c.licenceQueryAnswer(lang, v.Licences, meta); err != nil {
			return err
		}
		reply = withTopic(c.deps.Bundle, lang, reply, v.Topic)
	default:
		reply = RenderVerdict(c.deps.Bundle, lang, v, meta, c.deps.Now())
	}
	c.out = append(c.out, Output{Kind: Checked, ChatID: c.in.ChatID, Risk: v.Risk, Source: c.s.Source})
	if v.Kind == redflags.KindVictim {
		// A victim's account is what the authorities need: the report flow works on it as on an ad.
		c.s.LastAd = adRecord(text, v)
		c.say(reply, append([][]Button{{{Text: c.deps.Bundle.T(lang, "button.report", nil), Data: cbReport}}}, c.menuIn(lang)...))
		return nil
	}
	c.say(reply, c.menuIn(lang))
	return nil
}

func (c *conv) meta() (*licences.Meta, error) {
	m, ok, err := c.deps.Register.Meta(c.ctx)
	if err != nil {
		return nil, fmt.Errorf("register meta: %w", err)
	}
	if !ok {
		return nil, nil
	}
	return &m, nil
}
