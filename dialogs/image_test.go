package dialogs_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

// urduOCR is what Tesseract reads from the rendered Urdu scam ad (ocr/testdata/ur-scam.png),
// English words and Tesseract's digits included.
const urduOCR = "سعودی عرب کے لیے ڈرائیوروں کی ضرورت\nہیوی اور لائٹ ڈرائیور, تنخواہ ۲٢٢٢ ریال\nسو فیصد ویزا کی گارنٹی\nرجسٹریشن فیس ٢٢ ہزار روپے پہلے جمع کروائیں۔ ایزی پیسہ نمبر ۵۵۵۰۱۲۱-۰۳۲۵ (اکاؤنٹ: محمد ارشد)\nفیس جمع ہونے کے بعد ہی آپ کا نام لسٹ میں آئے گا۔\nCall now"

func photo(caption string, size int64, w, h int) dialogs.Input {
	return dialogs.Input{Kind: dialogs.Image, ChatID: chat, UserID: chat, Text: caption,
		Image: &dialogs.ImageRef{FileID: "AgADfile", FileUniqueID: "u1", Size: size, Width: w, Height: h}}
}

func readResult(text string, failure dialogs.ImageFailure, caption string) dialogs.Input {
	return dialogs.Input{Kind: dialogs.ImageText, ChatID: chat, UserID: chat, Text: caption,
		Read: &dialogs.ImageResult{Text: text, Failure: failure}}
}

func imageDeps(t *testing.T) dialogs.Deps {
	d := mustDeps(t)
	d.ReadImages = true
	return d
}

func TestImageIsQueuedToBeRead(t *testing.T) {
	for _, lang := range []locales.Lang{locales.EN, locales.UR} {
		s, out := step(t, imageDeps(t), dialogs.Session{Lang: lang, State: dialogs.AwaitLicence}, photo(" Call 0300 ", 180_000, 1280, 960))
		if len(out) != 2 || out[0].Kind != dialogs.ReadImage || out[0].Image == nil || out[0].Image.FileID != "AgADfile" || out[0].Text != "Call 0300" {
			t.Fatalf("%s: %+v", lang, out)
		}
		want := map[locales.Lang]string{locales.EN: "Reading your picture", locales.UR: "تصویر پڑھی جا رہی ہے"}[lang]
		if !strings.Contains(out[1].Text, want) || out[1].Kind != dialogs.SendMessage {
			t.Errorf("%s: %q", lang, out[1].Text)
		}
		if s.State != dialogs.Idle {
			t.Errorf("state %q", s.State)
		}
	}
}

func TestImageRefusals(t *testing.T) {
	noOCR := mustDeps(t)
	limited := photo("", 1000, 100, 100)
	limited.ChecksLimited = true
	for _, c := range []struct {
		name    string
		deps    dialogs.Deps
		in      dialogs.Input
		want    string
		verdict bool
	}{
		{"over 10 MB", imageDeps(t), photo("", 10<<20+1, 1000, 1000), "too big", false},
		{"over 20 megapixels", imageDeps(t), photo("", 1000, 6000, 4000), "too big", false},
		{"over the limit of checks", imageDeps(t), limited, "checked many ads", false},
		{"no OCR here", noOCR, photo("", 1000, 100, 100), "paste it here", false},
		{"no OCR here, the caption is still checked", noOCR, photo(scamAd, 1000, 100, 100), "paste it here", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, out := step(t, c.deps, dialogs.Session{Lang: locales.EN}, c.in)
			for _, o := range out {
				if o.Kind == dialogs.ReadImage {
					t.Fatalf("queued for reading: %+v", out)
				}
			}
			m := messages(out)
			if len(m) == 0 || !strings.Contains(m[0].Text, c.want) {
				t.Fatalf("%+v", out)
			}
			if got := len(m) == 2 && strings.Contains(m[1].Text, "High risk"); got != c.verdict {
				t.Errorf("verdict on the caption %v, want %v: %+v", got, c.verdict, m)
			}
		})
	}
}

func TestImageTextShowsWhatWasReadThenTheVerdict(t *testing.T) {
	d := imageDeps(t)
	// A user who chose no language and whose Telegram says none gets Urdu for an Urdu ad.
	s, out := step(t, d, dialogs.Session{}, readResult(urduOCR, dialogs.ImageRead, ""))
	m := messages(out)
	if len(m) != 2 {
		t.Fatalf("%+v", out)
	}
	read := m[0].Text
	if !strings.HasPrefix(read, "آپ کی تصویر میں میں نے یہ پڑھا:") || !strings.Contains(read, "› \u2068سعودی عرب کے لیے ڈرائیوروں کی ضرورت\u2069") {
		t.Errorf("read lines: %q", read)
	}
	if strings.Count(read, "› ") != 4 || !strings.Contains(read, "(باقی سطریں یہاں نہیں دکھائی گئیں)") {
		t.Errorf("want four lines and the count of the rest: %q", read)
	}
	for _, want := range []string{"خطرہ زیادہ ہے", "\u2068رجسٹریشن فیس"} {
		if !strings.Contains(m[1].Text, want) {
			t.Errorf("verdict lacks %q: %q", want, m[1].Text)
		}
	}
	if got := buttonData(m[1]); len(got) == 0 || got[0] != "report" {
		t.Errorf("buttons %v", got)
	}
	if s.LastAd == nil || !strings.Contains(s.LastAd.Text, "رجسٹریشن فیس") {
		t.Fatalf("last ad %+v: Report this ad would have nothing", s.LastAd)
	}
	// "Report this ad" now works on what was read.
	s.Lang = locales.UR
	_, out = step(t, d, s, press("report"))
	if m := messages(out); len(m) != 1 || len(m[0].Buttons) == 0 {
		t.Errorf("report: %+v", out)
	}
}

func TestImageTextAddsTheCaption(t *testing.T) {
	_, out := step(t, imageDeps(t), dialogs.Session{Lang: locales.EN}, readResult("SAUDI ARABIA JOBS\nDrivers needed", dialogs.ImageRead, "Registration fee Rs 25,000 on JazzCash 0300-5551234"))
	m := messages(out)
	if len(m) != 2 || !strings.Contains(m[0].Text, "› \u2068SAUDI ARABIA JOBS\u2069") || !strings.Contains(m[1].Text, "High risk") {
		t.Fatalf("%+v", m)
	}
}

func TestImageTextFailuresAskForTheText(t *testing.T) {
	for _, c := range []struct {
		failure dialogs.ImageFailure
		text    string
		en, ur  string
	}{
		{dialogs.ImageUnreadable, "", "could not read the writing", "تحریر نہیں پڑھ سکا"},
		{dialogs.ImageUnavailable, "", "cannot read pictures right now", "ابھی تصویریں نہیں پڑھ سکتا"},
		{dialogs.ImageTooBig, "", "too big", "بہت بڑی ہے"},
		{dialogs.ImageNotFetched, "", "could not get your picture", "ٹیلی گرام سے نہیں مل سکی"},
		{dialogs.ImageRead, "  ", "found no writing", "کوئی تحریر نہیں ملی"},
	} {
		for _, lang := range []locales.Lang{locales.EN, locales.UR} {
			want := map[locales.Lang]string{locales.EN: c.en, locales.UR: c.ur}[lang]
			_, out := step(t, imageDeps(t), dialogs.Session{Lang: lang}, readResult(c.text, c.failure, ""))
			if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, want) {
				t.Errorf("%s %q: %+v", lang, c.failure, out)
			}
			// With a caption that is an ad, the caption is checked after the apology.
			_, out = step(t, imageDeps(t), dialogs.Session{Lang: lang}, readResult(c.text, c.failure, scamAd))
			if m := messages(out); len(m) != 2 || !strings.Contains(m[0].Text, want) || len(m[1].Buttons) == 0 {
				t.Errorf("%s %q with caption: %+v", lang, c.failure, out)
			}
			// A caption that is only a question adds nothing.
			_, out = step(t, imageDeps(t), dialogs.Session{Lang: lang}, readResult(c.text, c.failure, "is this real?"))
			if m := messages(out); len(m) != 1 {
				t.Errorf("%s %q with a question as caption: %+v", lang, c.failure, out)
			}
		}
	}
}

func TestImageRepliesInUrduHaveNoEnglishOutsideIsolates(t *testing.T) {
	d := imageDeps(t)
	for _, in := range []dialogs.Input{
		photo("", 1000, 100, 100), photo("", 1<<30, 100, 100), readResult(urduOCR, dialogs.ImageRead, "Call now 0300"),
		readResult("SAUDI JOBS, visa 100% guaranteed, fee first", dialogs.ImageRead, ""),
		readResult("", dialogs.ImageUnreadable, ""), {Kind: dialogs.Other, ChatID: chat},
	} {
		_, out := step(t, d, dialogs.Session{Lang: locales.UR}, in)
		if len(messages(out)) == 0 {
			t.Errorf("%+v: silence", in)
		}
		for _, o := range messages(out) {
			rest := allowedInUrdu.ReplaceAllString(rtltest.Outside(o.Text), "")
			if strings.IndexFunc(rest, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) >= 0 {
				t.Errorf("English in an Urdu reply: %q", o.Text)
			}
		}
	}
}

func TestStickerMentionsPicturesWhenTheyAreRead(t *testing.T) {
	_, out := step(t, imageDeps(t), dialogs.Session{Lang: locales.EN}, dialogs.Input{Kind: dialogs.Other, ChatID: chat})
	if m := messages(out); len(m) != 1 || !strings.Contains(m[0].Text, "screenshot") {
		t.Fatalf("%+v", out)
	}
}

func TestImageInAGroupIsIgnoredUnlessAddressed(t *testing.T) {
	in := photo("", 1000, 100, 100)
	in.Group = true
	if _, out := step(t, imageDeps(t), dialogs.Session{}, in); len(out) != 0 {
		t.Fatalf("%+v", out)
	}
}
