package whatsapp_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/ocr"
	"github.com/tasdeeq/tasdeeq/whatsapp/whatsapptest"
)

// textReader stands in for Tesseract: it reads the same text from any picture.
type textReader struct {
	mu    sync.Mutex
	calls int
}

func (r *textReader) Read(context.Context, []byte) (ocr.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	return ocr.Result{Text: "SAUDI ARABIA JOBS\n100% visa guarantee\nRegistration fee Rs 25,000 on JazzCash 0300-5551234", Duration: time.Millisecond}, nil
}

// TestPictureIsFetchedFromTheCloudAPIAndRead: a WhatsApp picture is answered at once, queued for
// the OCR worker, fetched by its media id (GET /{media-id}, then its URL, both with the bearer
// token), read, and answered with the verdict, once.
func TestPictureIsFetchedFromTheCloudAPIAndRead(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		l := newLive(t, b.RDB)
		fake := whatsapptest.New(t)
		fake.AddMedia("media-42", []byte("jpeg bytes"), "image/jpeg")
		l.p = bot.NewProcessor(b.RDB, readingDeps(t), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
		l.h = handlerOf(t, l.p)
		msg := whatsapptest.Image(user, "media-42", "is this real?")
		for range 2 {
			if code := l.send(msg); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}
		if got := l.queued(); len(got) != 1 || !strings.Contains(got[0].Text, "Reading your picture") {
			t.Fatalf("replies %+v", got)
		}
		reader := &textReader{}
		w := bot.NewOCRWorker(b.RDB, nil, nil, reader, l.p, "w1", nil)
		w.Media = newClient(t, fake, allTemplates)
		w.Poll, w.ClaimIdle = 20*time.Millisecond, time.Hour
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); _ = w.Run(ctx) }()
		deadline := time.Now().Add(5 * time.Second)
		for len(l.queued()) < 3 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		<-done
		got := l.queued()
		if len(got) != 3 || !strings.Contains(got[1].Text, "SAUDI ARABIA JOBS") || !strings.Contains(got[2].Text, "High risk") {
			t.Fatalf("replies %+v", got)
		}
		if fake.Downloads() != 1 || reader.calls != 1 {
			t.Errorf("%d downloads, %d reads", fake.Downloads(), reader.calls)
		}
	})
}
