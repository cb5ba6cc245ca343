package campaigns

import (
	"errors"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// QR image size limits, in pixels.
const (
	MinQRSize = 512
	MaxQRSize = 4096
)

// QRPNG renders url as a printable QR code PNG: Medium error recovery, the library's 4-module
// quiet zone, black on white. size is clamped to [MinQRSize, MaxQRSize] and then rounded up to a
// whole number of pixels per module, so every module is the same size (the image is square and
// at least size pixels wide).
func QRPNG(url string, size int) ([]byte, error) {
	if url == "" {
		return nil, errors.New("campaigns: qr: empty url")
	}
	size = min(max(size, MinQRSize), MaxQRSize)
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("campaigns: qr: %w", err)
	}
	if modules := len(q.Bitmap()); modules > 0 {
		size = (size + modules - 1) / modules * modules
	}
	png, err := q.PNG(size)
	if err != nil {
		return nil, fmt.Errorf("campaigns: qr: %w", err)
	}
	return png, nil
}
