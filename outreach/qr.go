package outreach

import (
	"errors"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// QR image size limits, in pixels. 1024 px prints sharp at 8.7 cm and 300 dpi, larger than a
// QR code on a leaflet needs; the bound matters because drawing one costs memory in the square
// of its side (32 parallel 4096 px requests took a replica from 31 to 828 MB).
const (
	MinQRSize = 512
	MaxQRSize = 1024
)

// QRPNG renders url as a printable QR code PNG: Medium error recovery, the library's 4-module
// quiet zone, black on white. size is clamped to [MinQRSize, MaxQRSize] and then rounded to a
// whole number of pixels per module, so every module is the same size: up, unless that would
// pass MaxQRSize (the image is square and never wider than MaxQRSize).
func QRPNG(url string, size int) ([]byte, error) {
	if url == "" {
		return nil, errors.New("outreach: qr: empty url")
	}
	size = min(max(size, MinQRSize), MaxQRSize)
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("outreach: qr: %w", err)
	}
	if modules := len(q.Bitmap()); modules > 0 {
		if up := (size + modules - 1) / modules * modules; up <= MaxQRSize {
			size = up
		} else {
			size = size / modules * modules
		}
	}
	png, err := q.PNG(size)
	if err != nil {
		return nil, fmt.Errorf("outreach: qr: %w", err)
	}
	return png, nil
}
