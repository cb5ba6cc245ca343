// Package qrtest reads QR codes back in tests: whatever draws one (the admin API, /link in the
// bot, the console, a screenshot of the console in a browser) is checked by scanning it, as a
// phone would.
package qrtest

import (
	"bytes"
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
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("not an image: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		tb.Fatalf("bitmap: %v", err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		tb.Fatalf("QR code does not decode: %v", err)
	}
	return res.GetText(), img
}
