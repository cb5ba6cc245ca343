package ocr_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/ocr"
)

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// pngHeader is the start of a PNG of the given size: enough for image.DecodeConfig, which reads
// only the header, and far smaller than the image it announces.
func pngHeader(w, h int) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grayscale
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&buf, binary.BigEndian, uint32(len(ihdr)))
	buf.Write(chunk)
	binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return buf.Bytes()
}

func smallPNG(tb testing.TB) []byte {
	tb.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.SetGray(5, 5, color.Gray{})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// fakeCommand writes an executable shell script standing in for tesseract.
func fakeCommand(tb testing.TB, script string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "tesseract")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestLimits(t *testing.T) {
	// These need no Tesseract: the checks come before it runs, and the command would fail.
	e := ocr.New(ocr.WithCommand("/nonexistent/tesseract"))
	ctx := context.Background()
	for _, c := range []struct {
		name string
		img  []byte
		want error
	}{
		{"over 10 MB", make([]byte, ocr.MaxBytes+1), ocr.ErrTooLarge},
		{"over 20 megapixels", pngHeader(5000, 4001), ocr.ErrTooManyPixels},
		{"not an image", []byte("%PDF-1.7 a document, not a picture"), ocr.ErrNotImage},
		{"exactly 20 megapixels passes the checks", pngHeader(5000, 4000), ocr.ErrNotImage}, // then fails to decode the missing pixels
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.Read(ctx, c.img)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
	if err := ocr.CheckSize(ocr.MaxBytes, 5000, 4000); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	if err := ocr.CheckSize(0, 6000, 4000); !errors.Is(err, ocr.ErrTooManyPixels) {
		t.Errorf("24 MP: %v", err)
	}
}

func TestUnavailable(t *testing.T) {
	e := ocr.New(ocr.WithCommand("/nonexistent/tesseract"))
	if err := e.Available(context.Background()); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Available: %v", err)
	}
	if _, err := e.Read(context.Background(), smallPNG(t)); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Read: %v", err)
	}
	// A command that runs but lacks the Urdu data is unavailable too.
	noUrdu := ocr.New(ocr.WithCommand(fakeCommand(t, `if [ "$1" = --list-langs ]; then echo 'List of available languages (1):'; echo eng; exit 0; fi
echo "Error opening data file /usr/share/tesseract-ocr/5/tessdata/urd.traineddata" >&2
echo "Failed loading language 'urd'" >&2; exit 1`)))
	if err := noUrdu.Available(context.Background()); !errors.Is(err, ocr.ErrUnavailable) || !strings.Contains(err.Error(), "urd") {
		t.Errorf("Available without urd: %v", err)
	}
	if _, err := noUrdu.Read(context.Background(), smallPNG(t)); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Read without urd: %v", err)
	}
}

func TestTimeoutKillsTheProcess(t *testing.T) {
	e := ocr.New(ocr.WithCommand(fakeCommand(t, "exec sleep 30")), ocr.WithTimeout(200*time.Millisecond))
	start := time.Now()
	_, err := e.Read(context.Background(), smallPNG(t))
	if !errors.Is(err, ocr.ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s; the process was not killed at the timeout", d)
	}
}

func TestFailureIsReported(t *testing.T) {
	e := ocr.New(ocr.WithCommand(fakeCommand(t, "echo 'Error in pixReadMem: Unknown format' >&2; exit 1")))
	if _, err := e.Read(context.Background(), smallPNG(t)); !errors.Is(err, ocr.ErrFailed) || !strings.Contains(err.Error(), "Unknown format") {
		t.Errorf("got %v", err)
	}
}

func TestWorkersBoundConcurrency(t *testing.T) {
	dir := t.TempDir()
	// Each run takes a lock directory; a second run at the same time finds it taken and fails.
	script := "mkdir " + dir + "/lock || exit 7\nsleep 0.2\nrmdir " + dir + "/lock\necho ok"
	e := ocr.New(ocr.WithCommand(fakeCommand(t, script)), ocr.WithWorkers(1))
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			res, err := e.Read(context.Background(), smallPNG(t))
			if err == nil && res.Text != "ok" {
				err = errors.New("unexpected output " + res.Text)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	// A caller that gives up while waiting for the worker gets its context's error.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	busy := make(chan struct{})
	go func() { defer close(busy); _, _ = e.Read(context.Background(), smallPNG(t)) }()
	time.Sleep(50 * time.Millisecond)
	if _, err := e.Read(ctx, smallPNG(t)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting caller: %v", err)
	}
	<-busy
}

func TestClean(t *testing.T) {
	in := "\u200eSAUDI\u200f  JOBS\f\n\n  \n\u202bفیس \u200e۲۰\u200f ہزار\t روپے\u202c\n"
	if got, want := ocr.Clean(in), "SAUDI JOBS\nفیس ۲۰ ہزار روپے"; got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
}

func TestFirstLines(t *testing.T) {
	got := ocr.FirstLines("one\n\ntwo is longer than ten\nthree\nfour", 3, 10)
	want := []string{"one", "two is lon…", "three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FirstLines = %q, want %q", got, want)
	}
}

func TestPreprocessUpscalesSmallImagesToGray(t *testing.T) {
	out, err := ocr.Preprocess(smallPNG(t))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := img.(*image.Gray); !ok {
		t.Errorf("got %T, want *image.Gray", img)
	}
	if w := img.Bounds().Dx(); w != 160 { // 40 px wide: scaled 4 times, the most
		t.Errorf("width %d, want 160", w)
	}
	if c := img.(*image.Gray).GrayAt(0, 0).Y; c != 255 {
		t.Errorf("white became %d", c)
	}
}

func TestPreprocessKeepsTallImagesWithinThePixelLimit(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 900, 12000)) // 10.8 MP: doubling would make 43 MP
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	out, err := ocr.Preprocess(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 900 || cfg.Height != 12000 {
		t.Errorf("preprocessed to %dx%d, want it left at 900x12000", cfg.Width, cfg.Height)
	}
}

func TestRepairNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ایزی پیسہ نمبر 5550123-0301 پر بھیجیں", "ایزی پیسہ نمبر 0301-5550123 پر بھیجیں"},
		{"نمبر ۵۵۵۰۶۲۱-۰۳۴۵ (اکاؤنٹ)", "نمبر ۰۳۴۵-۵۵۵۰۶۲۱ (اکاؤنٹ)"},
		{"فون 1234567 042 پر", "فون 042 1234567 پر"},
		{"ایف آئی اے 786-247-111", "ایف آئی اے 111-247-786"},
		{"نمبر 0301-5550123 پر", "نمبر 0301-5550123 پر"},                           // already right
		{"تاریخ 2026-11-02 کو", "تاریخ 2026-11-02 کو"},                             // a date, not a phone
		{"تنخواہ 2200 ریال، فیس 20 000 روپے", "تنخواہ 2200 ریال، فیس 20 000 روپے"}, // amounts
		{"Call 5550123-0301 now", "Call 5550123-0301 now"},                         // no Urdu: not touched
	}
	for _, tt := range tests {
		if got := ocr.RepairNumbers(tt.in); got != tt.want {
			t.Errorf("RepairNumbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
