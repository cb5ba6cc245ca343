package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/ocr"
)

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
			for _, r := range redises(t) {
				t.Run(r.name, func(t *testing.T) {
					e := newOCREnv(t, r.rdb)
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
			r.rdb.XGroupCreateMkStream(ctx, ocrOf(10), bot.OCRGroup, "0")
			if res, err := r.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: bot.OCRGroup, Consumer: "dead", Streams: []string{ocrOf(10), ">"}, Count: 1}).Result(); err != nil || len(res[0].Messages) != 1 {
				t.Fatal(res, err)
			}
			e.worker.ClaimIdle = 50 * time.Millisecond
			time.Sleep(60 * time.Millisecond)
			if r.mr != nil {
				r.mr.FastForward(time.Second) // miniredis measures idle time on its own clock
			}
			e.run(t, "the verdict", func() bool { return len(streamMessages(t, r.rdb)) >= 3 })
			pending, err := r.rdb.XPending(ctx, ocrOf(10), bot.OCRGroup).Result()
			if err != nil || pending.Count != 0 {
				t.Errorf("pending %+v %v", pending, err)
			}
		})
	}
}

func TestOCRJobStartedTooOftenIsAnsweredWithoutReading(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
			ctx := context.Background()
			e.send(t, 501, 11, "photo-5", 1000)
			e.rdb.Set(ctx, ring.Of(11).Key("ocr:attempts:501"), 3, time.Hour) // three workers died on it
			e.run(t, "the answer", func() bool { return e.queued(t) == 0 })
			if got := replyTexts(t, e.rdb); len(got) != 2 || !strings.Contains(got[1], "could not read the writing") {
				t.Errorf("replies %q", got)
			}
			if e.reader.count() != 0 || e.api.Downloads() != 0 {
				t.Errorf("read %d times, %d downloads", e.reader.count(), e.api.Downloads())
			}
			if n, _ := e.rdb.Exists(ctx, ring.Of(11).Key("ocr:attempts:501")).Result(); n != 0 {
				t.Error("attempt counter left behind")
			}
		})
	}
}

func TestOCRCommitRetriedWhenRedisFails(t *testing.T) {
	r := miniredisOnly(t)
	e := newOCREnv(t, r.rdb)
	ctx := context.Background()
	e.send(t, 601, 12, "photo-6", 1000)
	// Redis refuses the transaction once: the worker retries the commit.
	r.mr.SetError("LOADING Redis is loading the dataset in memory")
	time.AfterFunc(300*time.Millisecond, func() { r.mr.SetError("") })
	e.run(t, "the verdict", func() bool {
		n, err := r.rdb.XLen(ctx, repliesOf(12)).Result()
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
			if err := r.rdb.Del(context.Background(), ocrOf(14)).Err(); err != nil {
				t.Fatal(err)
			}
			e.send(t, 802, 14, "photo-9", 1000)
			if !e.api.Await(10*time.Second, func() bool {
				n, _ := r.rdb.XLen(context.Background(), repliesOf(14)).Result()
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
			entries := allEntries(t, r.rdb, bot.OCRStream)
			if len(entries) != 1 || strings.Contains(entries[0].Values["m"].(string), `"user_id":15`) {
				t.Fatalf("jobs after /forget: %v", entries)
			}
			e.run(t, "the other user's verdict", func() bool { return e.queued(t) == 0 })
			if e.reader.count() != 1 {
				t.Errorf("read %d pictures, want only the other user's", e.reader.count())
			}
			if n, _ := r.rdb.Exists(ctx, dialogs.Keys(ring, 15)...).Result(); n != 0 {
				t.Errorf("the forgotten user has keys again")
			}
		})
	}
}

func TestForgetWhileAPictureIsBeingRead(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			e := newOCREnv(t, r.rdb)
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
		})
	}
}
