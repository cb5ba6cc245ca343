package dialogs

import (
	"fmt"
	"strings"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr"
)

// The kinds of input about pictures.
const (
	// Image is a photo or an image document; Input.Image describes it, Input.Text is its caption.
	Image InputKind = "image"
	// ImageText is what the OCR worker read from a picture the user sent earlier; Input.Read
	// holds it, Input.Text the picture's caption.
	ImageText InputKind = "image_text"
)

// ReadImage asks for a picture to be read: the caller queues Output.Image for the OCR worker in
// the same transaction as the step, and the worker steps the dialog again with ImageText.
const ReadImage OutputKind = "read_image"

// ImageRef is a picture as Telegram describes it; Width and Height are 0 when not known (an
// image sent as a document), Size is 0 when Telegram did not say.
type ImageRef struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id,omitempty"`
	Size         int64  `json:"size,omitempty"`
	Width        int    `json:"width,omitempty"`
	Height       int    `json:"height,omitempty"`
}

// ImageFailure says why a picture could not be read; empty when it was.
type ImageFailure string

// The reasons a picture is not read.
const (
	ImageRead        ImageFailure = ""
	ImageTooBig      ImageFailure = "too_big"     // over 10 MB or 20 megapixels
	ImageUnreadable  ImageFailure = "unreadable"  // not a picture Tesseract reads, OCR failed or took too long
	ImageUnavailable ImageFailure = "unavailable" // OCR is not installed or not working
	ImageNotFetched  ImageFailure = "not_fetched" // Telegram did not give the file
)

// ImageResult is what became of a picture: the text read, or why there is none.
type ImageResult struct {
	Text    string
	Failure ImageFailure
}

// previewLines and previewWidth bound the lines of a picture shown back to the user.
const (
	previewLines = 4
	previewWidth = 80
)

// image answers a picture at once: it is queued to be read (the answer follows when the worker
// has read it), or refused when it is too big, when the user is over their limit of checks, or
// when pictures cannot be read here.
func (c *conv) image() error {
	c.s.State = Idle
	caption := strings.TrimSpace(c.in.Text)
	switch img := c.in.Image; {
	case c.in.ChecksLimited:
		c.say(c.t("limit.checks", nil), nil)
	case !c.deps.ReadImages || img == nil:
		c.say(c.t("image.failed.unavailable", nil), nil)
		return c.checkCaption(caption)
	case ocr.CheckSize(img.Size, img.Width, img.Height) != nil:
		c.say(c.t("image.failed.too_big", nil), nil)
	default:
		c.out = append(c.out, Output{Kind: ReadImage, ChatID: c.in.ChatID, Image: img, Text: caption})
		c.say(c.t("image.reading", nil), nil)
	}
	return nil
}

// imageText answers a picture once read: the first lines read (so the user sees what was
// understood), then the verdict on the text and the caption together, which "Report this ad"
// then refers to. A picture that could not be read gets an answer asking for the text instead.
func (c *conv) imageText() error {
	c.s.State, c.s.Report = Idle, nil
	caption := strings.TrimSpace(c.in.Text)
	res := ImageResult{Failure: ImageUnreadable}
	if c.in.Read != nil {
		res = *c.in.Read
	}
	read := strings.TrimSpace(res.Text)
	if res.Failure == ImageRead && read == "" {
		c.say(c.t("image.no_text", nil), nil)
	}
	if res.Failure != ImageRead {
		c.say(c.t("image.failed."+string(res.Failure), nil), nil)
	}
	if read == "" {
		return c.checkCaption(caption)
	}
	lang := c.lang()
	if c.s.Lang == "" && c.in.LanguageCode == "" && ocr.ArabicShare(read) > 0.5 {
		lang = locales.UR // as checkAd answers an Urdu ad from someone who chose no language
	}
	var b strings.Builder
	b.WriteString(c.deps.Bundle.T(lang, "image.read", nil))
	for _, line := range ocr.FirstLines(read, previewLines, previewWidth) {
		b.WriteString("\n› " + quote(line))
	}
	if strings.Count(read, "\n") >= previewLines {
		b.WriteString("\n" + c.deps.Bundle.T(lang, "image.more_lines", nil))
	}
	c.say(b.String(), nil)
	if caption != "" {
		read += "\n" + caption
	}
	return c.checkAd(read)
}

// checkCaption checks the caption of a picture that was not read, when the caption is itself a
// job ad; "is this real?" gets no "this is not a job ad" after the apology.
func (c *conv) checkCaption(caption string) error {
	if caption == "" {
		return nil
	}
	v, err := c.deps.Analyzer.Analyze(c.ctx, caption, c.deps.Register)
	if err != nil {
		return fmt.Errorf("check caption: %w", err)
	}
	if !v.JobAd {
		return nil
	}
	// Not c.checkAd, which would analyse the caption again; its limit on checks does not apply
	// here, because a user over it was answered before the picture was queued.
	return c.answerAd(caption, v)
}

// unsupported answers a sticker, a file or an empty message: with pictures read, it says a
// picture of the ad will do. A report being filled in is kept and its question asked again.
func (c *conv) unsupported() {
	if c.deps.ReadImages {
		c.say(c.t("other.unsupported_images", nil), nil)
	} else {
		c.say(c.t("other.unsupported", nil), nil)
	}
	if c.reporting() {
		c.reask("")
	}
}
