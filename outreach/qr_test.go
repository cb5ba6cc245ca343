package outreach_test

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/outreach"
)

func qrIsDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}

// qrQuietZone measures the top-left finder pattern: the first dark row starts with a dark run of 7
// modules, so it gives the module size in pixels, and its offset from the corner is the quiet
// zone.
func qrQuietZone(t *testing.T, img image.Image) (module, margin int) {
	t.Helper()
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if !qrIsDark(img.At(x, y)) {
				continue
			}
			run := 0
			for x2 := x; x2 < bounds.Max.X && qrIsDark(img.At(x2, y)); x2++ {
				run++
			}
			return run / 7, min(x-bounds.Min.X, y-bounds.Min.Y)
		}
	}
	t.Fatal("image has no dark pixel")
	return 0, 0
}

func TestQRPNGDecodesToURL(t *testing.T) {
	long := "https://t.me/TasdeeqVerificationBot?start=c_" + strings.Repeat("a", 62)
	tests := []struct {
		name string
		url  string
		size int
		min  int
	}{
		{"zero size clamps up", "https://t.me/TasdeeqBot?start=c_abcdefgh2345", 0, 512},
		{"small size clamps up", "https://t.me/TasdeeqBot?start=c_abcdefgh2345", 100, 512},
		{"512", "https://t.me/TasdeeqBot?start=c_abcdefgh2345", 512, 512},
		{"1000", "https://t.me/TasdeeqBot?start=c_abcdefgh2345", 1000, 1000},
		{"huge size clamps down", "https://t.me/TasdeeqBot?start=c_abcdefgh2345", 100000, outreach.MaxQRSize},
		{"64-character payload", long, 512, 512},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := outreach.QRPNG(tt.url, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			text, img := decodeQR(t, data)
			if text != tt.url {
				t.Errorf("decoded %q, want %q", text, tt.url)
			}
			b := img.Bounds()
			module, margin := qrQuietZone(t, img)
			// At least the size asked for, rounded to whole modules: up, or down (by less than a
			// pixel a module) where up would pass MaxQRSize, which no image passes.
			modules := b.Dx() / max(module, 1)
			if b.Dx() != b.Dy() || b.Dx() > outreach.MaxQRSize || b.Dx() < min(tt.min, outreach.MaxQRSize-modules+1) {
				t.Errorf("image is %dx%d, want square, at least %d and at most %d", b.Dx(), b.Dy(), tt.min, outreach.MaxQRSize)
			}
			if module < 2 || margin < 4*module {
				t.Errorf("module %dpx, quiet zone %dpx: want at least 4 modules of white around the code", module, margin)
			}
			if b.Dx()%(module) != 0 {
				t.Errorf("image %dpx is not a whole number of %dpx modules", b.Dx(), module)
			}
		})
	}
}

func TestQRPNGRefusesEmptyURL(t *testing.T) {
	if _, err := outreach.QRPNG("", 512); err == nil {
		t.Error("QRPNG(\"\") succeeded, want an error")
	}
}
