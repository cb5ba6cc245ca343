// Package ocrtest helps tests that need Tesseract.
package ocrtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/ocr"
)

// Require returns an engine with the default settings when Tesseract and its Urdu and English
// data are installed. Where they are not, the test is skipped, unless TASDEEQ_OCR_REQUIRED=1
// (set by .ci/run): then it fails, so CI can never pass by skipping OCR.
func Require(tb testing.TB) *ocr.Engine {
	tb.Helper()
	// A minute per picture, not the service's 10 s: these tests check what is read, and a
	// loaded CI machine (a Redis Cluster and the race detector beside it) can take longer than
	// the service's bound without anything being wrong. The bound itself is tested in ocr.
	e := ocr.New(ocr.WithTimeout(time.Minute))
	if err := e.Available(context.Background()); err != nil {
		if os.Getenv("TASDEEQ_OCR_REQUIRED") == "1" {
			tb.Fatalf("TASDEEQ_OCR_REQUIRED=1 but %v (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-urd)", err)
		}
		tb.Skipf("%v; set TASDEEQ_OCR_REQUIRED=1 to fail instead", err)
	}
	return e
}
