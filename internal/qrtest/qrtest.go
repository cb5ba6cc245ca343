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
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", nil, fmt.Errorf("bitmap: %w", err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", nil, fmt.Errorf("QR code does not decode: %w", err)
	}
	return res.GetText(), img, nil
}
