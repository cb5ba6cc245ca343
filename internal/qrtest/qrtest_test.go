package qrtest_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/tasdeeq/tasdeeq/internal/qrtest"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// TestScanReadsWhatFinderSearchMisses scans the code of a link whose finder patterns gozxing's
// search alone does not find (a CI run failed on one: the text depends on a link's random id),
// and checks that a picture with no code in it still fails.
func TestScanReadsWhatFinderSearchMisses(t *testing.T) {
	const url = "https://wa.me/923000000000?text=c_brdushwda4"
	data, err := outreach.QRPNG(url, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := qrtest.Scan(data); err != nil || got != url {
		t.Fatalf("Scan = %q, %v; want %q", got, err, url)
	}
	blank := image.NewGray(image.Rect(0, 0, 200, 200))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, blank); err != nil {
		t.Fatal(err)
	}
	if got, _, err := qrtest.Scan(buf.Bytes()); err == nil {
		t.Fatalf("a blank picture scanned as %q", got)
	}
}
