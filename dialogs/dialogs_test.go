package dialogs_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

var today = dialogstest.Today

// mustDeps builds the real analyser, the bundled sample register (imported three days ago) and the
// real messages.
func mustDeps(tb testing.TB) dialogs.Deps { return dialogstest.Deps(tb, 72*time.Hour) }

const (
	chat     = int64(42)
	scamAd   = "Saudi Arabia jobs. 100% visa guarantee! Registration fee Rs 25,000 on JazzCash 0300-5551234."
	scamAdUr = "سعودی عرب میں ڈرائیوروں کی ضرورت ہے۔ سو فیصد ویزا گارنٹی۔ رجسٹریشن فیس ۲۵ ہزار روپے جاز کیش پر بھیجیں۔"
)

func cmd(name, args string) dialogs.Input {
	return dialogs.Input{Kind: dialogs.Command, ChatID: chat, UserID: chat, Command: name, Args: args}
}
func text(s string) dialogs.Input {
	return dialogs.Input{Kind: dialogs.Text, ChatID: chat, UserID: chat, Text: s}
}
func press(data string) dialogs.Input {
	return dialogs.Input{Kind: dialogs.Callback, ChatID: chat, UserID: chat, CallbackID: "cb1", Data: data}
}

func step(t *testing.T, d dialogs.Deps, s dialogs.Session, in dialogs.Input) (dialogs.Session, []dialogs.Output) {
	t.Helper()
	s2, out, err := dialogs.Step(context.Background(), d, s, in)
	if err != nil {
		t.Fatal(err)
	}
	replies.add(out)
	return s2, out
}

func messages(out []dialogs.Output) []dialogs.Output {
	var m []dialogs.Output
	for _, o := range out {
		if o.Kind == dialogs.SendMessage {
			m = append(m, o)
		}
	}
	return m
}

func buttonData(o dialogs.Output) []string {
	var d []string
	for _, row := range o.Buttons {
		for _, b := range row {
			d = append(d, b.Data)
		}
	}
	return d
}

func TestStep(t *testing.T) {
	d := mustDeps(t)
	ur := dialogs.Session{Lang: locales.UR}
	en := dialogs.Session{Lang: locales.EN}
	tests := []struct {
		name    string
		session dialogs.Session
		in      dialogs.Input
		check   func(t *testing.T, s dialogs.Session, out []dialogs.Output)
	}{
		{"start preselects Urdu from language_code", dialogs.Session{}, func() dialogs.Input {
			in := cmd("start", "")
			in.LanguageCode = "ur"
			return in
		}(), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if len(m) != 1 || !strings.Contains(m[0].Text, "السلام علیکم") {
				t.Fatalf("%+v", out)
			}
			if got := m[0].Buttons[0]; got[0].Data != "lang:ur" || !strings.HasPrefix(got[0].Text, "✓ ") || got[1].Text != "English" {
				t.Errorf("language buttons %+v", got)
			}
		}},
		{"start in English by default", dialogs.Session{}, cmd("start", ""), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if len(m) != 1 || !strings.Contains(m[0].Text, "I am Tasdeeq") || m[0].Buttons[0][0].Data != "lang:en" {
				t.Fatalf("%+v", out)
			}
		}},
		{"start with a licence deep link opens on the licence", dialogs.Session{}, cmd("start", "lic_9848_LHR"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if len(m) != 2 || !strings.Contains(m[1].Text, "9848/LHR") || !strings.Contains(m[1].Text, "Crescent Manpower Services") {
				t.Fatalf("%+v", out)
			}
			if s.Payload != "lic_9848_LHR" {
				t.Errorf("payload %q", s.Payload)
			}
		}},
		{"start with a hostile payload keeps nothing", dialogs.Session{}, cmd("start", "<script>"+strings.Repeat("x", 100)), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if s.Payload != "" || len(messages(out)) != 1 {
				t.Fatalf("payload %q, out %+v", s.Payload, out)
			}
		}},
		{"choosing Urdu answers the button and explains in Urdu", dialogs.Session{}, press("lang:ur"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if s.Lang != locales.UR || out[0].Kind != dialogs.AnswerCallback || out[0].CallbackID != "cb1" {
				t.Fatalf("%+v %+v", s, out)
			}
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "میں یہ کام کرتا ہوں") {
				t.Errorf("%+v", m)
			}
		}},
		{"a scam ad gets a high verdict, its three strongest signs and a button for the fourth", en, text(scamAd), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if len(m) != 1 || !strings.Contains(m[0].Text, "High risk") || !strings.Contains(m[0].Text, "Registration fee Rs 25,000") {
				t.Fatalf("%+v", out)
			}
			if got := buttonData(m[0]); !slices.Equal(got, []string{"report", "more:3", "again", "lic", "sub"}) {
				t.Errorf("buttons %v", got)
			}
		}},
		{"an Urdu ad from a user who chose nothing is answered in Urdu", dialogs.Session{}, text(scamAdUr), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "خطرہ زیادہ ہے") {
				t.Fatalf("%+v", out)
			}
		}},
		{"a greeting is not an ad", ur, text("السلام علیکم"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "نوکری کا اشتہار نہیں لگتا") {
				t.Fatalf("%+v", out)
			}
		}},
		{"a licence number alone is looked up", en, text("OEPL No. 9848/lhr"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if len(m) != 1 || !strings.Contains(m[0].Text, "9848/LHR (Crescent Manpower Services) is active") || !strings.Contains(m[0].Text, "3 days ago") {
				t.Fatalf("%+v", out)
			}
		}},
		{"check a licence asks for one", en, press("lic"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if s.State != dialogs.AwaitLicence || out[0].Kind != dialogs.AnswerCallback {
				t.Fatalf("%+v %+v", s, out)
			}
		}},
		{"a name search offers both Talagang International licences", dialogs.Session{Lang: locales.EN, State: dialogs.AwaitLicence}, text("Talagang International"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			m := messages(out)
			if s.State != dialogs.Idle || len(m) != 1 {
				t.Fatalf("%+v %+v", s, out)
			}
			got := buttonData(m[0])
			if !slices.Contains(got, "licsel:9600/RWP") || !slices.Contains(got, "licsel:9660/RWP") {
				t.Errorf("buttons %v", got)
			}
		}},
		{"a search result button shows that licence", en, press("licsel:9660/RWP"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "9660/RWP (Talagang International)") {
				t.Fatalf("%+v", out)
			}
		}},
		{"an unknown licence is not on the register", ur, text("9999/LHR"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "رجسٹر میں موجود نہیں") || !strings.Contains(m[0].Text, "کوئی پیسہ نہ دیں") {
				t.Fatalf("%+v", out)
			}
		}},
		{"forget deletes and confirms in the user's language", dialogs.Session{Lang: locales.UR, Subscribed: true, Payload: "x"}, cmd("forget", ""), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if s != (dialogs.Session{}) || out[0].Kind != dialogs.ForgetUser || !strings.Contains(out[1].Text, "مٹا دی") {
				t.Fatalf("%+v %+v", s, out)
			}
		}},
		{"a sticker gets a helpful answer, never silence", ur, dialogs.Input{Kind: dialogs.Other, ChatID: chat}, func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "صرف لکھی ہوئی عبارت") {
				t.Fatalf("%+v", out)
			}
		}},
		{"group chatter is ignored", en, func() dialogs.Input { in := text(scamAd); in.Group = true; return in }(), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if len(out) != 0 {
				t.Fatalf("%+v", out)
			}
		}},
		{"a command in a group is answered", en, func() dialogs.Input { in := cmd("help", ""); in.Group, in.Addressed = true, true; return in }(), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if len(messages(out)) != 1 {
				t.Fatalf("%+v", out)
			}
		}},
		{"a forged button is answered as out of date", en, press("zzz:forged"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if out[0].Kind != dialogs.AnswerCallback || !strings.Contains(out[0].Text, "out of date") {
				t.Fatalf("%+v", out)
			}
		}},
		{"report explains where to report", ur, press("report"), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "1799") || !strings.Contains(m[0].Text, "111-247-786") {
				t.Fatalf("%+v", out)
			}
		}},
		{"an unknown command gets the menu", en, cmd("frobnicate", ""), func(t *testing.T, s dialogs.Session, out []dialogs.Output) {
			if m := messages(out); len(m) != 1 || len(m[0].Buttons) == 0 {
				t.Fatalf("%+v", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := step(t, d, tt.session, tt.in)
			tt.check(t, s, out)
			for _, o := range out {
				if o.Kind == dialogs.SendMessage && o.ChatID != chat {
					t.Errorf("message to chat %d", o.ChatID)
				}
			}
		})
	}
}

// TestLongAnswersAreSplit: a very long ad gives a reply in several messages, each within
// Telegram's 4096 UTF-16 units, with the buttons on the last.
func TestLongAnswersAreSplit(t *testing.T) {
	d := mustDeps(t)
	long := strings.Repeat("ویزا فیس ۸۰ ہزار جمع کروائیں۔ 😀 ", 900) // astral emoji count two units
	_, out := step(t, d, dialogs.Session{Lang: locales.UR}, text(long))
	m := messages(out)
	if len(m) == 0 {
		t.Fatal("no reply")
	}
	for i, o := range m {
		if n := utf16Len(o.Text); n > dialogs.MaxMessageUnits {
			t.Errorf("part %d: %d units", i, n)
		}
		if (len(o.Buttons) > 0) != (i == len(m)-1) {
			t.Errorf("part %d of %d: buttons %v", i, len(m), o.Buttons)
		}
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		text  string
		max   int
		parts int
	}{
		{"short", 10, 1},
		{"", 10, 1},
		{"line one\nline two\nline three", 12, 3},
		{strings.Repeat("a", 25), 10, 3},
		{strings.Repeat("😀", 6), 4, 3}, // 12 units, never split inside a pair
	} {
		parts := dialogs.Split(tt.text, tt.max)
		if len(parts) != tt.parts {
			t.Errorf("Split(%q, %d) = %q, want %d parts", tt.text, tt.max, parts, tt.parts)
		}
		for _, p := range parts {
			if utf16Len(p) > tt.max || !utf8Valid(p) {
				t.Errorf("part %q too long or broken", p)
			}
		}
	}
}

func utf8Valid(s string) bool { return !strings.ContainsRune(s, unicode.ReplacementChar) }

// latinOutsideIsolates finds Latin letters in an Urdu reply outside the Unicode isolates that
// wrap quoted ad text, agency names, numbers and dates, and outside bot commands and licence
// numbers.
var allowedInUrdu = regexp.MustCompile(`\x{2068}[^\x{2069}]*\x{2069}|/[a-z_]+|\d{4}/[A-Z]{2,5}|TSQ-[0-9A-Z]{6}|beoe\.gov\.pk|Language|English`)

// TestWalkEveryPathInBothLanguages drives every state and button in English and in Urdu and
// fails on a missing message, a leaked template, or English inside an Urdu reply.
func TestWalkEveryPathInBothLanguages(t *testing.T) {
	d := mustDeps(t)
	st := dialogstest.Reports(t, &d, 2, chat, scamAd+" https://saudi-jobs-now.com/apply hr@saudi-jobs-now.com")
	// One report only: the reply says it is one person's.
	if err := st.Record(context.Background(), indicators.Report{Text: "fees 0311-2223334 pe bhejo", Reporter: 5, Case: "TSQ-ONE111"}); err != nil {
		t.Fatal(err)
	}
	script := []dialogs.Input{
		cmd("start", ""), cmd("start", "lic_9848_LHR"), cmd("start", "mrc_LHR_x1"), press("lang:ur"), press("lang:en"),
		cmd("help", ""), cmd("tips", ""), cmd("language", ""), press("lang"), cmd("licence", ""), text("Crescent"),
		press("licsel:9848/LHR"), press("lic"), text("no such agency at all zzq"), text("9450/LHR"), text("9777/KAR"),
		text("9999/LHR"), cmd("licence", "9848/LHR"), text(scamAd), text(scamAdUr), press("report"), press("again"),
		text("hello"), press("tips"), press("forged"), cmd("check", ""), cmd("check", scamAd), cmd("nope", ""),
		{Kind: dialogs.Other, ChatID: chat}, text("   "),
		text(scamAd), press("report"), press("rep:asked"), text("not a number"), text("50000"), press("rep:ch:bank"),
		{Kind: dialogs.Contact, ChatID: chat, UserID: chat, ContactPhone: "+923001234567", ContactIsSender: false},
		{Kind: dialogs.Contact, ChatID: chat, UserID: chat, ContactPhone: "+923001234567", ContactIsSender: true}, press("rep:yes"),
		text(scamAdUr), press("report"), press("rep:paid"), press("rep:amt:ad"), press("rep:ch:skip"), text("x"), press("rep:no"),
		press("rep:yes"), {Kind: dialogs.Contact, ChatID: chat, UserID: chat, ContactPhone: "1"},
		cmd("case", "TSQ-7K3F9Q"), cmd("case", ""), cmd("review", ""), press("rv:TSQ-7K3F9Q"),
		text("0300 5551234"), text("0311-2223334"), cmd("notscam", "0300-5551234 www.saudi-jobs-now.com"), cmd("notscam", "undo 0300-5551234"),
		cmd("notscam", ""), cmd("notscam", "kuch nahi"),
		cmd("forget", ""),
	}
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		s := dialogs.Session{Lang: lang}
		for _, in := range script {
			var out []dialogs.Output
			s, out = step(t, d, s, in)
			if s.Lang == "" {
				s.Lang = lang // after /forget or before choosing, keep walking in this language
			}
			if in.Data == "lang:ur" || in.Data == "lang:en" {
				s.Lang = lang
			}
			if len(out) == 0 {
				t.Errorf("%s %+v: silence", lang, in)
			}
			for _, o := range out {
				texts := []string{o.Text}
				for _, k := range o.Keyboard {
					texts = append(texts, k.Text)
				}
				for _, row := range o.Buttons {
					for _, b := range row {
						texts = append(texts, b.Text)
						if len(b.Data) > 64 {
							t.Errorf("callback data %q over 64 bytes", b.Data)
						}
					}
				}
				for _, txt := range texts {
					if strings.Contains(txt, "{{") || strings.Contains(txt, "<no value>") || regexp.MustCompile(`\[[a-z_.]+\]`).MatchString(txt) {
						t.Errorf("%s %+v: broken message %q", lang, in, txt)
					}
					if lang == locales.UR && in.Data != "lang:en" {
						rest := allowedInUrdu.ReplaceAllString(rtltest.Outside(txt), "")
						if strings.IndexFunc(rest, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) >= 0 {
							t.Errorf("ur %+v: English in an Urdu reply: %q", in, txt)
						}
					}
				}
			}
		}
	}
}
