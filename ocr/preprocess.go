package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// minWidth is the width under which an image is upscaled before OCR: Tesseract reads best with
// letters some 30 pixels high, and screenshots forwarded through WhatsApp are often 700 pixels
// wide or less.
const minWidth = 1000

// Preprocess turns an image into an 8-bit grayscale PNG, dark letters on a light ground (it is
// inverted when mostly dark), upscaled (bilinear) when it is narrower than minWidth, and returns
// the PNG. Transparent parts become white, as on paper.
func Preprocess(img []byte) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	b := src.Bounds()
	scale := 1
	if b.Dx() > 0 && b.Dx() < minWidth {
		scale = min(4, (minWidth+b.Dx()-1)/b.Dx())
	}
	// A narrow but very tall image is not enlarged past MaxPixels: memory stays bounded.
	for scale > 1 && b.Dx()*b.Dy()*scale*scale > MaxPixels {
		scale--
	}
	gray := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	var sum int
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := onWhite(src.At(b.Min.X+x, b.Min.Y+y))
			gray.SetGray(x, y, c)
			sum += int(c.Y)
		}
	}
	// Light letters on a dark ground (many posters) are turned dark on light, which Tesseract
	// reads better: the mean tells the ground, as letters cover far less than half the picture.
	if n := b.Dx() * b.Dy(); n > 0 && sum/n < 128 {
		for i, v := range gray.Pix {
			gray.Pix[i] = 255 - v
		}
	}
	out := gray
	if scale > 1 {
		out = upscale(gray, scale)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("encode grayscale image: %w", err)
	}
	return buf.Bytes(), nil
}

// onWhite is the gray level of c painted on white.
func onWhite(c color.Color) color.Gray {
	r, g, b, a := c.RGBA() // premultiplied, 16 bits
	white := 0xffff - a
	y := (19595*(r+white) + 38470*(g+white) + 7471*(b+white) + 1<<15) >> 24
	return color.Gray{Y: uint8(min(y, 255))}
}

// upscale enlarges g by an integer factor with bilinear interpolation.
func upscale(g *image.Gray, k int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w*k, h*k))
	for y := 0; y < h*k; y++ {
		fy := (float64(y)+0.5)/float64(k) - 0.5
		y0 := clamp(int(floor(fy)), h-1)
		y1 := clamp(y0+1, h-1)
		dy := fy - floor(fy)
		for x := 0; x < w*k; x++ {
			fx := (float64(x)+0.5)/float64(k) - 0.5
			x0 := clamp(int(floor(fx)), w-1)
			x1 := clamp(x0+1, w-1)
			dx := fx - floor(fx)
			top := float64(g.GrayAt(x0, y0).Y)*(1-dx) + float64(g.GrayAt(x1, y0).Y)*dx
			bot := float64(g.GrayAt(x0, y1).Y)*(1-dx) + float64(g.GrayAt(x1, y1).Y)*dx
			out.Pix[y*out.Stride+x] = uint8(top*(1-dy) + bot*dy + 0.5)
		}
	}
	return out
}

func floor(f float64) float64 {
	i := float64(int(f))
	if i > f {
		i--
	}
	return i
}

func clamp(v, hi int) int { return max(0, min(v, hi)) }
