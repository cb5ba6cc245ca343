package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/dialogs"
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
	n, err := e.rdb.XLen(context.Background(), bot.OCRStream).Result()
	if err != nil {
		t.Fatal(err)
	}
	return n
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
			if len(got) != 3 || !strings.Contains(got[1], "I read this in your picture:\n› SAUDI ARABIA JOBS") ||
				!strings.Contains(got[2], "High risk") || !strings.Contains(got[2], "Registration fee Rs 25,000") {
				t.Fatalf("replies %q", got)
			}
			if e.queued(t) != 0 || e.api.Downloads() != 1 || len(e.api.CallsTo("getFile")) != 1 {
				t.Errorf("%d jobs left, %d downloads, %d getFile", e.queued(t), e.api.Downloads(), len(e.api.CallsTo("getFile")))
			}
			pending, err := r.rdb.XPending(ctx, bot.OCRStream, bot.OCRGroup).Result()
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
			entries, err := r.rdb.XRange(ctx, bot.OCRStream, "-", "+").Result()
			if err != nil || len(entries) != 1 {
				t.Fatal(entries, err)
			}
			r.rdb.XAdd(ctx, &redis.XAddArgs{Stream: bot.OCRStream, Values: entries[0].Values})
			e.run(t, "both copies handled", func() bool { return e.queued(t) == 0 && e.reader.count() == 2 })
			if got := replyTexts(t, r.rdb); len(got) != 3 {
				t.Errorf("%d replies, want 3: %q", len(got), got)
			}
		})
	}
}

func TestOCRFailuresAreAnsweredPolitely(t *testing.T) {
	for _, c := range []struct {
		name   string
		setup  func(e *ocrEnv)
		size   int
		want   string
		fetch  bool // whether the file is downloaded
		reader bool // whether OCR runs
	}{
		{"OCR unavailable", func(e *ocrEnv) { e.reader.err = fmt.Errorf("run: %w", ocr.ErrUnavailable) }, 1000, "cannot read pictures right now", true, true},
		{"OCR timed out", func(e *ocrEnv) { e.reader.err = fmt.Errorf("%w after 10s", ocr.ErrTimeout) }, 1000, "could not read the writing", true, true},
		{"too many pixels once decoded", func(e *ocrEnv) { e.reader.err = ocr.ErrTooManyPixels }, 1000, "too big", true, true},
		{"nothing written in it", func(e *ocrEnv) { e.reader.text = "" }, 1000, "found no writing", true, true},
		{"getFile fails three times", func(e *ocrEnv) { e.api.FailNext("getFile", 3, http.StatusBadGateway, 0) }, 1000, "could not get your picture", false, false},
		{"the download fails three times", func(e *ocrEnv) { e.api.FailNext(bottest.DownloadMethod, 3, http.StatusInternalServerError, 0) }, 1000, "could not get your picture", false, false},
		{"getFile fails twice, then works", func(e *ocrEnv) { e.api.FailNext("getFile", 2, 0, 0) }, 1000, "High risk", true, true},
		{"over 10 MB by getFile", func(e *ocrEnv) { e.api.SetFileSize("photo-3", 11<<20) }, 0, "too big", false, false},
		{"over 20 MB, which bots cannot download", func(e *ocrEnv) { e.api.SetFileSize("photo-3", 21<<20) }, 0, "too big", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newOCREnv(t, redises(t)[0].rdb)
			e.api.AddFile("photo-3", []byte("jpeg"))
			c.setup(e)
			if err := e.p.Process(context.Background(), photoUpdate(301, 9, "photo-3", c.size)); err != nil {
				t.Fatal(err)
			}
			e.run(t, "the answer", func() bool { return e.queued(t) == 0 })
			got := replyTexts(t, e.rdb)
			if len(got) < 2 || !strings.Contains(strings.Join(got[1:], "\n"), c.want) {
				t.Fatalf("replies %q, want %q", got, c.want)
			}
			if (e.api.Downloads() == 1) != c.fetch || (e.reader.count() == 1) != c.reader {
				t.Errorf("downloads %d, OCR runs %d", e.api.Downloads(), e.reader.count())
			}
		})
	}
}

func TestOCRJobOfADeadWorkerIsTakenOver(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx := context.Background()
			e.send(t, 401, 10, "photo-4", 1000)
			// A worker that read the job and died.
			r.rdb.XGroupCreateMkStream(ctx, bot.OCRStream, bot.OCRGroup, "0")
			if res, err := r.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: bot.OCRGroup, Consumer: "dead", Streams: []string{bot.OCRStream, ">"}, Count: 1}).Result(); err != nil || len(res[0].Messages) != 1 {
				t.Fatal(res, err)
			}
			e.worker.ClaimIdle = 50 * time.Millisecond
			time.Sleep(60 * time.Millisecond)
			if r.mr != nil {
				r.mr.FastForward(time.Second) // miniredis measures idle time on its own clock
			}
			e.run(t, "the verdict", func() bool { return len(streamMessages(t, r.rdb)) >= 3 })
			pending, err := r.rdb.XPending(ctx, bot.OCRStream, bot.OCRGroup).Result()
			if err != nil || pending.Count != 0 {
				t.Errorf("pending %+v %v", pending, err)
			}
		})
	}
}

func TestOCRJobStartedTooOftenIsAnsweredWithoutReading(t *testing.T) {
	e := newOCREnv(t, redises(t)[0].rdb)
	ctx := context.Background()
	e.send(t, 501, 11, "photo-5", 1000)
	e.rdb.Set(ctx, "tasdeeq:ocr:attempts:501", 3, time.Hour) // three workers died on it
	e.run(t, "the answer", func() bool { return e.queued(t) == 0 })
	if got := replyTexts(t, e.rdb); len(got) != 2 || !strings.Contains(got[1], "could not read the writing") {
		t.Errorf("replies %q", got)
	}
	if e.reader.count() != 0 || e.api.Downloads() != 0 {
		t.Errorf("read %d times, %d downloads", e.reader.count(), e.api.Downloads())
	}
	if n, _ := e.rdb.Exists(ctx, "tasdeeq:ocr:attempts:501").Result(); n != 0 {
		t.Error("attempt counter left behind")
	}
}

func TestOCRCommitRetriedWhenRedisFails(t *testing.T) {
	r := redises(t)[0]
	e := newOCREnv(t, r.rdb)
	ctx := context.Background()
	e.send(t, 601, 12, "photo-6", 1000)
	// Redis refuses the transaction once: the worker retries the commit.
	r.mr.SetError("LOADING Redis is loading the dataset in memory")
	time.AfterFunc(300*time.Millisecond, func() { r.mr.SetError("") })
	e.run(t, "the verdict", func() bool {
		n, err := r.rdb.XLen(ctx, bot.RepliesStream).Result()
		return err == nil && n == 3
	})
	if got := replyTexts(t, r.rdb); !strings.Contains(got[2], "High risk") || e.queued(t) != 0 {
		t.Errorf("replies %q, %d jobs left", got, e.queued(t))
	}
}

func TestPicturesCountAsChecks(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			e.p.Limits = bot.Limits{ChecksPerMinute: 3, ChecksPerDay: 200, UpdatesPerMinute: 60}
			ctx := context.Background()
			for i := range 5 {
				if err := e.p.Process(ctx, photoUpdate(int64(700+i), 13, "photo-7", 1000)); err != nil {
					t.Fatal(err)
				}
			}
			got := replyTexts(t, r.rdb)
			if e.queued(t) != 3 || len(got) != 5 || !strings.Contains(got[3], "checked many ads") {
				t.Fatalf("%d jobs queued, replies %q", e.queued(t), got)
			}
			// The three verdicts do not count again: a text ad is still refused, not answered
			// twice over the limit, and the jobs are all answered.
			e.api.AddFile("photo-7", []byte("jpeg"))
			e.run(t, "the verdicts", func() bool { return e.queued(t) == 0 })
			if n := strings.Count(strings.Join(replyTexts(t, r.rdb), "\n"), "High risk"); n != 3 {
				t.Errorf("%d verdicts, want 3", n)
			}
		})
	}
}

func TestOCRWorkerSurvivesRedisComingBackEmpty(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { defer close(done); _ = e.worker.Run(ctx) }()
			defer func() { cancel(); <-done }()
			e.send(t, 801, 14, "photo-8", 1000)
			if !e.api.Await(5*time.Second, func() bool { return e.queued(t) == 0 }) {
				t.Fatal("first picture not handled")
			}
			// Redis restarted empty: the stream and its consumer group are gone.
			if err := r.rdb.Del(context.Background(), bot.OCRStream).Err(); err != nil {
				t.Fatal(err)
			}
			e.send(t, 802, 14, "photo-9", 1000)
			if !e.api.Await(10*time.Second, func() bool {
				n, _ := r.rdb.XLen(context.Background(), bot.RepliesStream).Result()
				return e.queued(t) == 0 && n == 6
			}) {
				t.Fatalf("second picture not handled: %d jobs, replies %q", e.queued(t), replyTexts(t, r.rdb))
			}
		})
	}
}

func TestForgetWithdrawsQueuedPictures(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx := context.Background()
			e.send(t, 901, 15, "photo-10", 1000)
			e.send(t, 902, 16, "photo-11", 1000) // another user's picture stays
			if err := e.p.Process(ctx, commandUpdate(903, 15, "/forget")); err != nil {
				t.Fatal(err)
			}
			entries, err := r.rdb.XRange(ctx, bot.OCRStream, "-", "+").Result()
			if err != nil || len(entries) != 1 || strings.Contains(entries[0].Values["m"].(string), `"user_id":15`) {
				t.Fatalf("jobs after /forget: %v %v", entries, err)
			}
			e.run(t, "the other user's verdict", func() bool { return e.queued(t) == 0 })
			if e.reader.count() != 1 {
				t.Errorf("read %d pictures, want only the other user's", e.reader.count())
			}
			if n, _ := r.rdb.Exists(ctx, dialogs.Keys(15)...).Result(); n != 0 {
				t.Errorf("the forgotten user has keys again")
			}
		})
	}
}

func TestForgetWhileAPictureIsBeingRead(t *testing.T) {
	e := newOCREnv(t, redises(t)[0].rdb)
	ctx := context.Background()
	e.reader.hold = make(chan struct{})
	e.send(t, 951, 17, "photo-12", 1000)
	stop, done := context.WithCancel(ctx)
	finished := make(chan struct{})
	go func() { defer close(finished); _ = e.worker.Run(stop) }()
	if !e.api.Await(5*time.Second, func() bool { return e.reader.count() == 1 }) {
		t.Fatal("the worker did not start reading")
	}
	if err := e.p.Process(ctx, commandUpdate(952, 17, "/forget")); err != nil {
		t.Fatal(err)
	}
	close(e.reader.hold)
	e.api.Await(time.Second, func() bool { return false }) // give the worker time to (not) answer
	done()
	<-finished
	got := replyTexts(t, e.rdb)
	if len(got) != 2 || strings.Contains(strings.Join(got, "\n"), "I read this") {
		t.Errorf("replies after /forget: %q", got)
	}
	if e.queued(t) != 0 {
		t.Errorf("%d jobs left", e.queued(t))
	}
}
