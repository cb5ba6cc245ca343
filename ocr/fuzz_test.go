package ocr_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/ocr"
)

// FuzzPreprocess: no bytes, however hostile, make the checks or the preprocessing panic, and
// whatever passes the checks comes out as a grayscale PNG within the pixel limit.
func FuzzPreprocess(f *testing.F) {
	f.Add(smallPNG(f))
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, image.NewRGBA(image.Rect(0, 0, 30, 10)), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(jb.Bytes())
	f.Add(pngHeader(5000, 4001))
	f.Add([]byte("GIF89a\x01\x00\x01\x00"))
	f.Fuzz(func(t *testing.T, img []byte) {
		cfg, err := ocr.Check(img)
		if err != nil || cfg.Width*cfg.Height > 1_000_000 {
			return // refused, or too slow to decode thousands of times
		}
		out, err := ocr.Preprocess(img)
		if err != nil {
			return
		}
		got, err := png.DecodeConfig(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("preprocessed image is not a PNG: %v", err)
		}
		if got.Width*got.Height > ocr.MaxPixels {
			t.Fatalf("preprocessed to %dx%d", got.Width, got.Height)
		}
	})
}

// FuzzClean: the text shown to users has no directional marks or control characters, no blank
// lines, and its preview lines are short.
func FuzzClean(f *testing.F) {
	f.Add("\u200eSAUDI\u200f JOBS\n\nفیس \u200e۲۰\u200f ہزار\t روپے\f")
	f.Add("\u202e\u2066x\u2069\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		c := ocr.Clean(s)
		for _, r := range c {
			if r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || (r < 0x20 && r != '\n') {
				t.Fatalf("Clean(%q) = %q keeps %U", s, c, r)
			}
		}
		if strings.Contains(c, "\n\n") || strings.HasPrefix(c, "\n") || strings.HasSuffix(c, "\n") {
			t.Fatalf("Clean(%q) = %q has a blank line", s, c)
		}
		for _, line := range ocr.FirstLines(c, 4, 80) {
			if utf8.RuneCountInString(line) > 81 {
				t.Fatalf("preview line of %d runes", utf8.RuneCountInString(line))
			}
		}
	})
}
