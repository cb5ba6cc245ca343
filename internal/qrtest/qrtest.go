// Package qrtest reads QR codes back in tests: whatever draws one (the admin API, /link in the
// bot, the console, a screenshot of the console in a browser) is checked by scanning it, as a
// phone would.
package qrtest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // screenshots may be JPEG
	_ "image/png"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Decode scans the QR code in an encoded image (PNG or JPEG) and returns its text and the
// image, failing the test when there is none.
func Decode(tb testing.TB, data []byte) (string, image.Image) {
	tb.Helper()
	text, img, err := Scan(data)
	if err != nil {
		tb.Fatal(err)
	}
	return text, img
}

// Scan is Decode for callers that try more than once, as a phone does while its camera
// settles: a browser screenshot taken under load can catch the picture mid-paint.
func Scan(data []byte) (string, image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", nil, fmt.Errorf("not an image: %w", err)
	}
	// gozxing's finder-pattern search misses about one well-drawn code in three hundred (which
	// ones depends on the text, so on a link's random id: CI failed on one); a phone's reader
	// does not. So the scan tries as a phone would, from other distances (the picture at a half
	// and a quarter), and, for a picture that is the code alone on white, as a pure code, whose
	// modules are read from the picture's own grid. A code that says anything else still fails:
	// every way reads the modules, none guesses the text.
	var firstErr error
	for _, try := range []struct {
		step  int
		hints map[gozxing.DecodeHintType]interface{}
	}{{1, tryHarder}, {2, tryHarder}, {4, tryHarder}, {1, pure}} {
		bmp, err := gozxing.NewBinaryBitmapFromImage(shrink(img, try.step))
		if err != nil {
			return "", nil, fmt.Errorf("bitmap: %w", err)
		}
		res, err := qrcode.NewQRCodeReader().Decode(bmp, try.hints)
		if err == nil {
			return res.GetText(), img, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return "", nil, fmt.Errorf("QR code does not decode: %w", firstErr)
}

var (
	tryHarder = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	pure      = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
)

// shrink keeps every step-th pixel of img in both directions (nearest neighbour, so the
// modules stay sharp); step 1 returns img itself.
func shrink(img image.Image, step int) image.Image {
	if step == 1 {
		return img
	}
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx()/step, b.Dy()/step))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			out.Set(x, y, img.At(b.Min.X+x*step, b.Min.Y+y*step))
		}
	}
	return out
}
