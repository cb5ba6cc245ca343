package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/ocr"
)

// Files is the part of the Bot API the OCR worker uses; *bot.Bot from go-telegram/bot
// satisfies it. FileDownloadLink is <server>/file/bot<token>/<file_path>: it holds the token,
// so it is never logged.
type Files interface {
	GetFile(ctx context.Context, params *tg.GetFileParams) (*models.File, error)
	FileDownloadLink(f *models.File) string
}

// Media fetches a picture a WhatsApp user sent, by its media id; *whatsapp.Client satisfies it.
// retry says whether another attempt may succeed; a picture over ocr.MaxBytes is ocr.ErrTooLarge.
type Media interface {
	FetchMedia(ctx context.Context, mediaID string) (data []byte, retry bool, err error)
}

// Reader reads the text of a picture; *ocr.Engine satisfies it.
type Reader interface {
	Read(ctx context.Context, img []byte) (ocr.Result, error)
}

// maxReadRunes bounds the text handed to the analyser: an ad is a few hundred words, and a
// picture of a page of small print should not cost more than a long message.
const maxReadRunes = 8000

// OCRWorker reads the pictures queued in every shard's OCRStream with consumer group OCRGroup
// (the shards are its Processor's): it fetches the
// file through the Bot API (getFile, then the download), reads it with the Reader, and steps
// the user's dialog with the text (Processor.ProcessImage), acknowledging the job in the same
// transaction. A job held by a worker that died is taken over after ClaimIdle; a job started
// MaxAttempts times is answered as unreadable, so no picture loops for ever.
type OCRWorker struct {
	rdb       redis.UniversalClient
	files     Files
	client    *http.Client
	reader    Reader
	processor *Processor
	consumer  string
	log       *slog.Logger
	turn      atomic.Uint64 // turns the shard the next look for jobs starts at

	// Workers is how many jobs are handled at once (OCR itself is bounded by the Reader).
	Workers int
	// ClaimIdle is how long a job may stay unacknowledged before another worker takes it over;
	// it must exceed the longest fetch plus OCR.
	ClaimIdle time.Duration
	// MaxAttempts bounds how often one job is started.
	MaxAttempts int64
	// Poll is how long a worker waits, when every queue was empty, before it looks again (at most
	// a quarter of a second: a user waits for the answer).
	Poll time.Duration
	// FetchTimeout bounds getFile plus the download of one picture.
	FetchTimeout time.Duration
	// OnRead, when set, is told the outcome of each picture and how long OCR took.
	OnRead func(outcome string, took time.Duration)
	// Media fetches the pictures of WhatsApp users; nil when the channel is off (then they are
	// answered as not fetched).
	Media Media
}

// NewOCRWorker returns a worker; consumer is unique per process (empty: hostname-pid) and
// client downloads the files (nil: a client with a 30 s timeout).
func NewOCRWorker(rdb redis.UniversalClient, files Files, client *http.Client, reader Reader, p *Processor, consumer string, logger *slog.Logger) *OCRWorker {
	if consumer == "" {
		host, _ := os.Hostname()
		consumer = host + "-" + strconv.Itoa(os.Getpid())
	}
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &OCRWorker{rdb: rdb, files: files, client: client, reader: reader, processor: p, consumer: consumer,
		log: logger.With("consumer", consumer), Workers: 1, ClaimIdle: 2 * time.Minute, MaxAttempts: 3,
		Poll: 2 * time.Second, FetchTimeout: 30 * time.Second}
}

// Run handles jobs until ctx ends; the job in hand is finished or left pending for the next
// start. Redis errors are logged and retried, never returned.
func (w *OCRWorker) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for range max(1, w.Workers) {
		wg.Go(func() { w.loop(ctx) })
	}
	wg.Wait()
	w.log.Info("ocr worker stopped")
	return nil
}

// loop is one worker goroutine: it creates the consumer groups when needed (again after Redis
// restarted empty), takes over idle jobs every half ClaimIdle (at most every 10 s), and reads new
// ones in between.
func (w *OCRWorker) loop(ctx context.Context) {
	wait := 100 * time.Millisecond
	var groupReady bool
	var nextClaim time.Time
	for ctx.Err() == nil {
		err := func() error {
			if !groupReady {
				for _, sh := range w.processor.Shards.All() {
					if err := streams.EnsureGroup(ctx, w.rdb, OCRStream(sh), OCRGroup); err != nil {
						return err
					}
				}
				groupReady = true
			}
			claim := !time.Now().Before(nextClaim)
			if claim {
				nextClaim = time.Now().Add(min(w.ClaimIdle/2, 10*time.Second))
			}
			found, claimed, err := w.next(ctx, claim)
			if claimed {
				nextClaim = time.Time{} // more may be waiting: claim again at once
			}
			if err == nil && !found {
				return streams.Sleep(ctx, min(w.Poll, 250*time.Millisecond))
			}
			return err
		}()
		if streams.IsNoGroup(err) {
			groupReady = false
		}
		if err == nil {
			wait = 100 * time.Millisecond
			continue
		}
		if ctx.Err() != nil {
			return
		}
		w.log.Warn("ocr queue read failed; retrying", "err", err, "wait", wait)
		if streams.Sleep(ctx, wait) != nil {
			return
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// next takes one job (with claim, first one a dead worker left idle) and handles it; found says
// a job was handled, claimed that it was taken over. Redis Cluster cannot read several shards'
// streams in one command, so new jobs are looked for with one non-blocking read per shard, in
// one pipeline (one round trip per primary), starting at a shard that turns with every look so
// that no shard's pictures wait behind another's.
func (w *OCRWorker) next(ctx context.Context, claim bool) (found, claimed bool, err error) {
	all := w.processor.Shards.All()
	first := int(w.turn.Add(1) % uint64(len(all)))
	order := append(all[first:len(all):len(all)], all[:first]...)
	if claim {
		for _, sh := range order {
			msgs, _, err := w.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: OCRStream(sh), Group: OCRGroup, Consumer: w.consumer,
				MinIdle: w.ClaimIdle, Start: "0-0", Count: 1}).Result()
			if err != nil {
				return false, false, fmt.Errorf("claim idle ocr jobs: %w", err)
			}
			if len(msgs) > 0 {
				w.handle(ctx, OCRStream(sh), msgs[0])
				return true, true, nil
			}
		}
	}
	pipe := w.rdb.Pipeline()
	reads := make([]*redis.XStreamSliceCmd, len(order))
	for i, sh := range order {
		reads[i] = pipe.XReadGroup(ctx, &redis.XReadGroupArgs{Group: OCRGroup, Consumer: w.consumer,
			Streams: []string{OCRStream(sh), ">"}, Count: 1, Block: -1})
	}
	_, _ = pipe.Exec(ctx)
	for _, r := range reads {
		res, err := r.Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return found, false, fmt.Errorf("read ocr jobs: %w", err)
		}
		// Every job read is this consumer's now: handle them all, or they would wait for a
		// takeover.
		for _, s := range res {
			for _, m := range s.Messages {
				w.handle(ctx, s.Stream, m)
				found = true
			}
		}
	}
	return found, false, nil
}

// handle reads one picture and commits the answer. Whatever fails before the commit leaves the
// job pending, to be taken over after ClaimIdle.
func (w *OCRWorker) handle(ctx context.Context, stream string, m redis.XMessage) {
	var j OCRJob
	raw, _ := m.Values[ocrPayloadField].(string)
	if err := json.Unmarshal([]byte(raw), &j); err != nil || j.ID == "" {
		w.log.Warn("dropping unreadable ocr job", "entry", m.ID, "err", err)
		w.rdb.XAck(ctx, stream, OCRGroup, m.ID)
		w.rdb.XDel(ctx, stream, m.ID)
		return
	}
	attempts, err := w.rdb.Incr(ctx, ocrAttemptsKey(w.processor.Shards.Of(j.UserID), j.ID)).Result()
	if err != nil {
		w.log.Warn("ocr job left pending", "job", j.ID, "err", err)
		return
	}
	w.rdb.Expire(ctx, ocrAttemptsKey(w.processor.Shards.Of(j.UserID), j.ID), 24*time.Hour)
	start := time.Now()
	var res dialogs.ImageResult
	var took time.Duration
	if attempts > w.MaxAttempts {
		res.Failure = dialogs.ImageUnreadable
	} else if res, took, err = w.read(ctx, j); err != nil {
		w.log.Warn("ocr job left pending", "job", j.ID, "attempt", attempts, "err", err)
		return
	}
	outcome := string(res.Failure)
	if outcome == "" {
		outcome = "read"
	}
	// The answer is ready: commit it even while shutting down, with a few retries.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	for try := range 4 {
		if err = w.processor.ProcessImage(cctx, j, m.ID, res); err == nil {
			break
		}
		if streams.Sleep(cctx, time.Duration(200<<try)*time.Millisecond) != nil {
			break
		}
	}
	if err != nil {
		w.log.Error("ocr answer not committed; job left pending", "job", j.ID, "err", err)
		return
	}
	if w.OnRead != nil {
		w.OnRead(outcome, took)
	}
	// The text read and the caption are the user's: only their sizes are logged.
	w.log.Info("picture read", "job", j.ID, "outcome", outcome, "attempt", attempts, "chars", len([]rune(res.Text)),
		"ocr_ms", took.Milliseconds(), "total_ms", time.Since(start).Milliseconds(), "queued_ms", start.Sub(j.Enqueued).Milliseconds())
}

// read fetches and reads the picture of j. An error means "try again later" (the worker is
// stopping); every answer the user should get is in the result.
func (w *OCRWorker) read(ctx context.Context, j OCRJob) (dialogs.ImageResult, time.Duration, error) {
	if err := ocr.CheckSize(j.Image.Size, j.Image.Width, j.Image.Height); err != nil {
		return dialogs.ImageResult{Failure: dialogs.ImageTooBig}, 0, nil
	}
	data, err := w.fetch(ctx, j.ChatID, j.Image.FileID)
	switch {
	case ctx.Err() != nil:
		return dialogs.ImageResult{}, 0, ctx.Err()
	case errors.Is(err, ocr.ErrTooLarge):
		return dialogs.ImageResult{Failure: dialogs.ImageTooBig}, 0, nil
	case err != nil:
		w.log.Warn("picture not fetched", "job", j.ID, "err", err)
		return dialogs.ImageResult{Failure: dialogs.ImageNotFetched}, 0, nil
	}
	r, err := w.reader.Read(ctx, data)
	switch {
	case err == nil:
		text := r.Text
		if runes := []rune(text); len(runes) > maxReadRunes {
			text = string(runes[:maxReadRunes])
		}
		return dialogs.ImageResult{Text: text}, r.Duration, nil
	case ctx.Err() != nil:
		return dialogs.ImageResult{}, 0, ctx.Err()
	case errors.Is(err, ocr.ErrTooLarge), errors.Is(err, ocr.ErrTooManyPixels):
		return dialogs.ImageResult{Failure: dialogs.ImageTooBig}, 0, nil
	case errors.Is(err, ocr.ErrUnavailable):
		w.log.Error("ocr unavailable", "job", j.ID, "err", err)
		return dialogs.ImageResult{Failure: dialogs.ImageUnavailable}, 0, nil
	default:
		w.log.Warn("picture not read", "job", j.ID, "err", err)
		return dialogs.ImageResult{Failure: dialogs.ImageUnreadable}, r.Duration, nil
	}
}
