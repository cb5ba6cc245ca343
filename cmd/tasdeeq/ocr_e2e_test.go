package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr/ocrtest"
)

// photo is a photo update as Telegram sends it: several sizes of one picture, the largest last.
func (e *e2e) photo(chat int64, lang, fileID, caption string, size int) models.Update {
	u := e.text(chat, lang, "")
	u.Message.Caption = caption
	u.Message.Photo = []models.PhotoSize{
		{FileID: fileID + "-small", FileUniqueID: "s" + fileID, Width: 90, Height: 20, FileSize: 900},
		{FileID: fileID, FileUniqueID: "u" + fileID, Width: 1260, Height: 290, FileSize: size},
	}
	return u
}

func testImage(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "ocr", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPhotoOfAnUrduScamAdGetsAVerdict is issue 10's end to end: a photo of an Urdu scam ad sent
// to the bot, the fake Bot API serving the file, Tesseract reading it, and the verdict naming
// its red flags in Urdu, after the first lines read. An English poster is read the same way.
// The logs of the whole run carry no word of the ads, the caption or the token.
func TestPhotoOfAnUrduScamAdGetsAVerdict(t *testing.T) {
	ocrtest.Require(t)
	var logs lockedBuffer
	logOutput = &logs
	defer func() { logOutput = stderr }()
	e := startServeWith(t, map[string]string{"TASDEEQ_LOG_LEVEL": "debug"})
	bundle, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	ur := testImage(t, "ur-scam.png")
	e.fake.AddFile("AgAD-ur-scam", ur)
	const chat = 10001
	if code := e.post(e.photo(chat, "ur", "AgAD-ur-scam", "کیا یہ اصلی ہے؟", len(ur)), e2eSecret); code != 200 {
		t.Fatalf("webhook %d", code)
	}
	msgs := e.waitMessages(chat, 3)
	if !strings.Contains(msgs[0].Text(), "تصویر پڑھی جا رہی ہے") {
		t.Errorf("first reply %q", msgs[0].Text())
	}
	if read := msgs[1].Text(); !strings.HasPrefix(read, "آپ کی تصویر میں میں نے یہ پڑھا:") || !strings.Contains(read, "عرب کے لیے ڈرائیوروں کی ضرورت") {
		t.Errorf("lines read: %q", read)
	}
	verdict := msgs[2].Text()
	for _, id := range []string{"verdict.high", "flag.GUARANTEED", "flag.UPFRONT_FEE", "flag.PERSONAL_PAYMENT"} {
		if want := bundle.T(locales.UR, id, nil); !strings.Contains(verdict, want) {
			t.Errorf("verdict lacks %s (%q):\n%s", id, want, verdict)
		}
	}
	if got := msgs[2].Buttons(); len(got) == 0 {
		t.Error("no buttons under the verdict")
	}
	if n := len(e.fake.CallsTo("getFile")); n != 1 || e.fake.Downloads() != 1 || e.fake.CallsTo("getFile")[0].Params["file_id"] != "AgAD-ur-scam" {
		t.Errorf("%d getFile calls, %d downloads", n, e.fake.Downloads())
	}

	en := testImage(t, "en-scam.png")
	e.fake.AddFile("AgAD-en-scam", en)
	e.post(e.photo(chat+1, "en", "AgAD-en-scam", "", len(en)), e2eSecret)
	msgs = e.waitMessages(chat+1, 3)
	if !strings.Contains(msgs[1].Text(), "› \u2068SAUDI ARABIA JOBS\u2069") || !strings.Contains(msgs[2].Text(), "High risk") ||
		!strings.Contains(msgs[2].Text(), "Registration fee Rs 25,000") {
		t.Errorf("English poster: %q / %q", msgs[1].Text(), msgs[2].Text())
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	if !strings.Contains(out, `msg="picture read"`) {
		t.Fatalf("no log of the pictures read")
	}
	for _, secret := range []string{"سعودی", "رجسٹریشن", "کیا یہ اصلی", "SAUDI", "JazzCash", "0301-5550123", bottest.Token, "photos/file_"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
}

// TestPhotoWithoutOCR: with no tesseract, a picture gets an answer asking for the text at once,
// and nothing is queued or fetched.
func TestPhotoWithoutOCR(t *testing.T) {
	e := startServeWith(t, map[string]string{"TASDEEQ_OCR_COMMAND": "/nonexistent/tesseract"})
	e.fake.AddFile("AgAD-x", []byte("x"))
	e.post(e.photo(10101, "ur", "AgAD-x", "", 1), e2eSecret)
	msgs := e.waitMessages(10101, 1)
	if !strings.Contains(msgs[0].Text(), "ابھی تصویریں نہیں پڑھ سکتا") || !strings.Contains(msgs[0].Text(), "عبارت نقل کر کے") {
		t.Errorf("reply %q", msgs[0].Text())
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	if len(e.fake.CallsTo("getFile")) != 0 || len(e.fake.Messages(10101)) != 1 {
		t.Errorf("getFile %d, messages %d", len(e.fake.CallsTo("getFile")), len(e.fake.Messages(10101)))
	}
}

// TestPhotoOCRTimeout: a tesseract that hangs is killed at TASDEEQ_OCR_TIMEOUT and the user is
// asked for the text; an oversized photo is refused before anything is fetched.
func TestPhotoOCRTimeout(t *testing.T) {
	slow := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of available languages (2):\\neng\\nurd\\n'; exit 0; fi\nexec sleep 30\n"
	if err := os.WriteFile(slow, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	e := startServeWith(t, map[string]string{"TASDEEQ_OCR_COMMAND": slow, "TASDEEQ_OCR_TIMEOUT": "300ms"})
	png := testImage(t, "en-scam.png")
	e.fake.AddFile("AgAD-slow", png)
	e.post(e.photo(10201, "en", "AgAD-slow", "", len(png)), e2eSecret)
	msgs := e.waitMessages(10201, 2)
	if !strings.Contains(msgs[0].Text(), "Reading your picture") || !strings.Contains(msgs[1].Text(), "could not read the writing") {
		t.Errorf("replies %q / %q", msgs[0].Text(), msgs[1].Text())
	}
	e.post(e.photo(10202, "en", "AgAD-big", "", 12<<20), e2eSecret)
	if msgs := e.waitMessages(10202, 1); !strings.Contains(msgs[0].Text(), "too big") {
		t.Errorf("oversized photo: %q", msgs[0].Text())
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(e.fake.CallsTo("getFile")); n != 1 {
		t.Errorf("%d getFile calls, want 1 (the big photo is not fetched)", n)
	}
}

func TestOCRConfig(t *testing.T) {
	for _, c := range []struct {
		env map[string]string
		ok  bool
	}{
		{map[string]string{}, true},
		{map[string]string{"TASDEEQ_OCR_TIMEOUT": "soon"}, false},
		{map[string]string{"TASDEEQ_OCR_WORKERS": "0"}, false},
		{map[string]string{"TASDEEQ_OCR_WORKERS": "2", "TASDEEQ_OCR_TIMEOUT": "5s"}, true},
	} {
		fs := newFlags("serve")
		cfg, finish := loadConfig(fs, func(k string) string { return c.env[k] })
		if err := fs.Parse(nil); err != nil {
			t.Fatal(err)
		}
		if err := finish(); (err == nil) != c.ok {
			t.Errorf("%v: %v", c.env, err)
		}
		if c.ok && c.env["TASDEEQ_OCR_WORKERS"] == "2" && (cfg.OCR.Workers != 2 || cfg.OCR.Timeout.Seconds() != 5) {
			t.Errorf("%+v", cfg.OCR)
		}
	}
}
