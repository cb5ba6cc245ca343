// Package ocrtest helps tests that need Tesseract.
package ocrtest

import (
	"context"
	"os"
	"testing"

	"github.com/tasdeeq/tasdeeq/ocr"
)

// Require returns an engine with the default settings when Tesseract and its Urdu and English
// data are installed. Where they are not, the test is skipped, unless TASDEEQ_OCR_REQUIRED=1
// (set by .ci/run): then it fails, so CI can never pass by skipping OCR.
func Require(tb testing.TB) *ocr.Engine {
	tb.Helper()
	e := ocr.New()
	if err := e.Available(context.Background()); err != nil {
		if os.Getenv("TASDEEQ_OCR_REQUIRED") == "1" {
			tb.Fatalf("TASDEEQ_OCR_REQUIRED=1 but %v (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-urd)", err)
		}
		tb.Skipf("%v; set TASDEEQ_OCR_REQUIRED=1 to fail instead", err)
	}
	return e
}
