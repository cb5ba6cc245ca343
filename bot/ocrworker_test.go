package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/ocr"
)

// fakeReader stands in for Tesseract: it returns text, or err, and counts its calls.
type fakeReader struct {
	mu    sync.Mutex
	text  string
	err   error
	calls int
	// hold, when set, is waited on before answering (a slow OCR).
	hold chan struct{}
}

func (r *fakeReader) Read(ctx context.Context, img []byte) (ocr.Result, error) {
	r.mu.Lock()
	hold := r.hold
	r.calls++
	r.mu.Unlock()
	if hold != nil {
		<-hold
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return ocr.Result{}, r.err
	}
	return ocr.Result{Text: r.text, Duration: time.Millisecond}, nil
}

func (r *fakeReader) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

const readAd = "SAUDI ARABIA JOBS\n100% visa guarantee\nRegistration fee Rs 25,000 on JazzCash 0300-5551234"

func photoUpdate(id, user int64, fileID string, size int) *models.Update {
	return &models.Update{ID: id, Message: &models.Message{ID: int(id), From: &models.User{ID: user, LanguageCode: "en"},
		Chat: models.Chat{ID: user, Type: models.ChatTypePrivate}, Caption: "is this real?",
		Photo: []models.PhotoSize{{FileID: fileID, FileUniqueID: "u" + fileID, Width: 1280, Height: 960, FileSize: size}}}}
}

// ocrEnv is a processor that reads pictures, a fake Bot API serving the files and a worker.
type ocrEnv struct {
	rdb    redis.UniversalClient
	api    *bottest.Server
	reader *fakeReader
	p      *bot.Processor
	worker *bot.OCRWorker
}

func newOCREnv(t *testing.T, rdb redis.UniversalClient) *ocrEnv {
	deps := testDeps(t)
	deps.ReadImages = true
	p := bot.NewProcessor(rdb, deps, "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	api := bottest.New(t)
	reader := &fakeReader{text: readAd}
	w := bot.NewOCRWorker(rdb, api.Bot(t), nil, reader, p, "w1", nil)
	w.Poll, w.ClaimIdle = 20*time.Millisecond, time.Hour
	return &ocrEnv{rdb: rdb, api: api, reader: reader, p: p, worker: w}
}

// run runs the worker until cond holds (or fails the test after 5 s), then stops it.
func (e *ocrEnv) run(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = e.worker.Run(ctx) }()
	ok := e.api.Await(5*time.Second, cond)
	cancel()
	<-done
	if !ok {
		t.Fatalf("timed out waiting for %s; replies %+v", what, streamMessages(t, e.rdb))
	}
}

// send serves a file as fileID and posts a photo of it from user as update id.
func (e *ocrEnv) send(t *testing.T, id, user int64, fileID string, size int) {
	t.Helper()
	e.api.AddFile(fileID, []byte("jpeg"))
	if err := e.p.Process(context.Background(), photoUpdate(id, user, fileID, size)); err != nil {
		t.Fatal(err)
	}
}

func (e *ocrEnv) queued(t *testing.T) int64 {
	t.Helper()
	return int64(len(allEntries(t, e.rdb, bot.OCRStream)))
}

func replyTexts(t *testing.T, rdb redis.UniversalClient) []string {
	var out []string
	for _, o := range streamMessages(t, rdb) {
		out = append(out, o.Text)
	}
	return out
}

func TestPictureIsReadThenAnsweredExactlyOnce(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx := context.Background()
			e.send(t, 101, 7, "photo-1", 180_000)
			// The webhook answered at once: "reading your picture", and one job queued.
			if got := replyTexts(t, r.rdb); len(got) != 1 || !strings.Contains(got[0], "Reading your picture") || e.queued(t) != 1 {
				t.Fatalf("replies %q, %d jobs", got, e.queued(t))
			}
			// The same update again (Telegram retried): no second job.
			if err := e.p.Process(ctx, photoUpdate(101, 7, "photo-1", 180_000)); err != nil || e.queued(t) != 1 {
				t.Fatalf("retried update: %v, %d jobs", err, e.queued(t))
			}
			e.run(t, "the verdict", func() bool { return len(streamMessages(t, r.rdb)) >= 3 })
			got := replyTexts(t, r.rdb)
			if len(got) != 3 || !strings.Contains(got[1], "I read this in your picture:\n› \u2068SAUDI ARABIA JOBS\u2069") ||
				!strings.Contains(got[2], "High risk") || !strings.Contains(got[2], "Registration fee Rs 25,000") {
				t.Fatalf("replies %q", got)
			}
			if e.queued(t) != 0 || e.api.Downloads() != 1 || len(e.api.CallsTo("getFile")) != 1 {
				t.Errorf("%d jobs left, %d downloads, %d getFile", e.queued(t), e.api.Downloads(), len(e.api.CallsTo("getFile")))
			}
			pending, err := r.rdb.XPending(ctx, ocrOf(7), bot.OCRGroup).Result()
			if err != nil || pending.Count != 0 {
				t.Errorf("pending %+v %v", pending, err)
			}
			// "Report this ad" now refers to the text read from the picture.
			if err := e.p.Process(ctx, &models.Update{ID: 102, CallbackQuery: &models.CallbackQuery{ID: "cb", Data: "report",
				From: models.User{ID: 7, LanguageCode: "en"}, Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate}}}}}); err != nil {
				t.Fatal(err)
			}
			if last := replyTexts(t, r.rdb); len(last) < 5 || strings.Contains(last[len(last)-1], "out of date") {
				t.Errorf("report after a picture: %q", last[3:])
			}
		})
	}
}

func TestOCRJobDeliveredTwiceIsAnsweredOnce(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx := context.Background()
			e.send(t, 201, 8, "photo-2", 1000)
			// A copy of the job (as after a Redis failover replayed it).
			entries, err := r.rdb.XRange(ctx, ocrOf(8), "-", "+").Result()
			if err != nil || len(entries) != 1 {
				t.Fatal(entries, err)
			}
			r.rdb.XAdd(ctx, &redis.XAddArgs{Stream: ocrOf(8), Values: entries[0].Values})
			e.run(t, "both copies handled", func() bool { return e.queued(t) == 0 && e.reader.count() == 2 })
			if got := replyTexts(t, r.rdb); len(got) != 3 {
				t.Errorf("%d replies, want 3: %q", len(got), got)
			}
		})
	}
}
