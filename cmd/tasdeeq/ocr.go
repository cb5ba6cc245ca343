package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/ocr"
)

// ocrConfig is how pictures of ads are read: TASDEEQ_OCR_COMMAND (the tesseract command, or
// "off"), TASDEEQ_OCR_TIMEOUT (one picture) and TASDEEQ_OCR_WORKERS (pictures read at once).
type ocrConfig struct {
	Command string
	Timeout time.Duration
	Workers int

	timeout, workers *string
}

// flags registers the OCR flags, defaulting to the environment.
func (c *ocrConfig) flags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.Command, "tasdeeq-ocr-command", or(getenv("TASDEEQ_OCR_COMMAND"), ocr.DefaultCommand),
		"the tesseract command that reads pictures of ads, or off (TASDEEQ_OCR_COMMAND)")
	c.timeout = fs.String("tasdeeq-ocr-timeout", or(getenv("TASDEEQ_OCR_TIMEOUT"), "10s"), "how long reading one picture may take (TASDEEQ_OCR_TIMEOUT)")
	c.workers = fs.String("tasdeeq-ocr-workers", or(getenv("TASDEEQ_OCR_WORKERS"), "1"), "how many pictures are read at once (TASDEEQ_OCR_WORKERS)")
}

// finish checks the values once the flags are parsed.
func (c *ocrConfig) finish() error {
	var err error
	if c.Timeout, err = time.ParseDuration(*c.timeout); err != nil || c.Timeout <= 0 {
		return fmt.Errorf("%w: TASDEEQ_OCR_TIMEOUT %q: want a duration such as 10s", errUsage, *c.timeout)
	}
	if c.Workers, err = strconv.Atoi(*c.workers); err != nil || c.Workers < 1 || c.Workers > 64 {
		return fmt.Errorf("%w: TASDEEQ_OCR_WORKERS %q: want a number from 1 to 64", errUsage, *c.workers)
	}
	return nil
}

// newOCR builds the OCR engine and checks it works; nil when OCR is off or unavailable (then
// users who send a picture are asked to paste the text).
func newOCR(ctx context.Context, c ocrConfig, logger *slog.Logger) *ocr.Engine {
	if c.Command == "off" {
		logger.Info("reading pictures is off (TASDEEQ_OCR_COMMAND=off)")
		return nil
	}
	e := ocr.New(ocr.WithCommand(c.Command), ocr.WithTimeout(c.Timeout), ocr.WithWorkers(c.Workers))
	if err := e.Available(ctx); err != nil {
		logger.Warn("pictures of ads cannot be read; users are asked to paste the text", "err", err)
		return nil
	}
	return e
}

// runOCR reads the queued pictures until ctx ends.
func (s *service) runOCR(ctx context.Context, engine *ocr.Engine) {
	seconds := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tasdeeq_ocr_seconds",
		Help: "Time Tesseract took to read one picture.", Buckets: []float64{0.25, 0.5, 1, 2, 4, 8, 16}})
	pictures := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tasdeeq_ocr_pictures_total",
		Help: "Pictures of ads handled, by outcome (read, too_big, unreadable, unavailable, not_fetched)."}, []string{"outcome"})
	s.registry.MustRegister(seconds, pictures)
	w := bot.NewOCRWorker(s.rdb, s.tg, &http.Client{Timeout: 30 * time.Second}, engine, s.processor, streams.ConsumerName(), s.logger)
	w.Workers = s.cfg.OCR.Workers
	w.Media = s.wa.media()
	// A job held longer than the fetch and the read together belongs to a worker that died.
	w.ClaimIdle = max(time.Minute, 2*(w.FetchTimeout+engine.Timeout()))
	w.OnRead = func(outcome string, took time.Duration) {
		pictures.WithLabelValues(outcome).Inc()
		if took > 0 {
			seconds.Observe(took.Seconds())
		}
	}
	_ = w.Run(ctx)
}
