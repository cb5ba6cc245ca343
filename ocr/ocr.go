// Package ocr reads the text of job-ad pictures (posters, screenshots, photos of newspaper ads)
// in Urdu and English with the Tesseract command. It knows nothing of Telegram: it takes the
// bytes of an image and returns the text read, within limits of size, pixels, time and
// concurrency.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // GIF, JPEG and PNG are the formats DecodeConfig checks before OCR
	_ "image/jpeg"
	_ "image/png"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// Limits on what is read. Telegram's own download limit for bots is 20 MB; a job-ad poster never
// needs more than a few megapixels.
const (
	MaxBytes  = 10 << 20   // 10 MiB
	MaxPixels = 20_000_000 // 20 megapixels
)

// Defaults of the engine.
const (
	DefaultCommand   = "tesseract"
	DefaultLanguages = "urd+eng"
	DefaultTimeout   = 10 * time.Second
	DefaultWorkers   = 1
)

// maxOutput bounds what is kept of Tesseract's output; an ad is a few hundred words.
const maxOutput = 256 << 10

// Errors of Read, matched with errors.Is. The caller picks its answer by them.
var (
	// ErrTooLarge: the image has more than MaxBytes bytes.
	ErrTooLarge = errors.New("image too large")
	// ErrTooManyPixels: the image has more than MaxPixels pixels.
	ErrTooManyPixels = errors.New("image has too many pixels")
	// ErrNotImage: the bytes are not an image in a format the engine reads (JPEG, PNG, GIF).
	ErrNotImage = errors.New("not a readable image")
	// ErrUnavailable: the tesseract command or its language data is missing.
	ErrUnavailable = errors.New("ocr unavailable")
	// ErrTimeout: reading took longer than the timeout; the process was killed.
	ErrTimeout = errors.New("ocr timed out")
	// ErrFailed: tesseract ran and failed.
	ErrFailed = errors.New("ocr failed")
)

// Engine runs Tesseract as a separate process: a crash or a hang in it cannot take the bot
// down, and the timeout kills it. At most Workers run at once; the others wait their turn.
type Engine struct {
	command    string
	languages  string
	timeout    time.Duration
	preprocess bool
	urduPass   bool
	sem        chan struct{}
}

// Option configures an Engine.
type Option func(*Engine)

// WithCommand sets the tesseract command (a name looked up in PATH, or a path).
func WithCommand(cmd string) Option { return func(e *Engine) { e.command = cmd } }

// WithLanguages sets Tesseract's -l argument, such as "urd+eng".
func WithLanguages(langs string) Option { return func(e *Engine) { e.languages = langs } }

// WithTimeout bounds one OCR run (not the wait for a free worker).
func WithTimeout(d time.Duration) Option { return func(e *Engine) { e.timeout = d } }

// WithWorkers bounds how many OCR runs go on at once.
func WithWorkers(n int) Option {
	return func(e *Engine) { e.sem = make(chan struct{}, max(1, n)) }
}

// WithPreprocess turns the grayscale and upscaling of small images on or off (on by default).
func WithPreprocess(on bool) Option { return func(e *Engine) { e.preprocess = on } }

// WithUrduPass turns the second, Urdu-only pass over mostly Urdu text on or off (on by default).
func WithUrduPass(on bool) Option { return func(e *Engine) { e.urduPass = on } }

// New returns an engine with the defaults changed by opts.
func New(opts ...Option) *Engine {
	e := &Engine{command: DefaultCommand, languages: DefaultLanguages, timeout: DefaultTimeout, preprocess: true, urduPass: true,
		sem: make(chan struct{}, DefaultWorkers)}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Timeout is the bound on one OCR run.
func (e *Engine) Timeout() time.Duration { return e.timeout }

// Available checks that the command runs and has every language the engine asks for. It returns
// an error wrapping ErrUnavailable when not.
func (e *Engine) Available(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, e.command, "--list-langs").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s --list-langs: %w", ErrUnavailable, e.command, err)
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		have[strings.TrimSpace(line)] = true
	}
	for _, l := range strings.Split(e.languages, "+") {
		if !have[l] {
			return fmt.Errorf("%w: tesseract has no %q language data (install tesseract-ocr-%s)", ErrUnavailable, l, l)
		}
	}
	return nil
}

// CheckSize refuses an image over the limits from what is known before downloading or decoding
// it: its size in bytes and its width and height (0 when not known).
func CheckSize(size int64, width, height int) error {
	if size > MaxBytes {
		return fmt.Errorf("%w: %d bytes", ErrTooLarge, size)
	}
	if int64(width)*int64(height) > MaxPixels {
		return fmt.Errorf("%w: %dx%d", ErrTooManyPixels, width, height)
	}
	return nil
}

// Check refuses an image over the limits before it is decoded: its bytes, then its pixels as its
// header gives them. It returns the header.
func Check(img []byte) (image.Config, error) {
	if err := CheckSize(int64(len(img)), 0, 0); err != nil {
		return image.Config{}, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return image.Config{}, fmt.Errorf("%w: %w", ErrNotImage, err)
	}
	if err := CheckSize(0, cfg.Width, cfg.Height); err != nil {
		return image.Config{}, err
	}
	return cfg, nil
}

// Result is what was read from one image.
type Result struct {
	Text     string        // the text, cleaned: bidi marks removed, blank lines collapsed
	Duration time.Duration // how long Tesseract ran (without the wait for a worker)
}

// Read checks the image against the limits (bytes, then pixels from its header, before decoding
// it), waits for a free worker, and runs Tesseract on it within the timeout.
func (e *Engine) Read(ctx context.Context, img []byte) (Result, error) {
	if _, err := Check(img); err != nil {
		return Result{}, err
	}
	select {
	case e.sem <- struct{}{}:
		defer func() { <-e.sem }()
	case <-ctx.Done():
		return Result{}, fmt.Errorf("waiting for an ocr worker: %w", ctx.Err())
	}
	start := time.Now()
	input := img
	var err error
	if e.preprocess {
		if input, err = Preprocess(img); err != nil {
			return Result{}, fmt.Errorf("%w: %w", ErrNotImage, err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	text, err := e.run(ctx, input, e.languages)
	// With urd+eng, Tesseract reads some Urdu words of an Urdu ad as Latin nonsense ("jl" for
	// جاز); when the text is mostly Urdu, a second pass with the Urdu model alone reads it
	// better (on the test ads the character error rate falls by about a third, by half in
	// Nastaliq; README).
	if first, _, mixed := strings.Cut(e.languages, "+"); err == nil && mixed && e.urduPass && ArabicShare(text) >= urduOnlyShare {
		var again string
		if again, err = e.run(ctx, input, first); err == nil {
			text = again
		}
	}
	return Result{Text: Clean(text), Duration: time.Since(start)}, err
}

// urduOnlyShare is the share of Arabic-script letters above which the second pass runs.
const urduOnlyShare = 0.7

// ArabicShare is the share of letters in s that are of the Arabic script (Urdu), 0 without
// letters.
func ArabicShare(s string) float64 {
	var letters, arabic int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(arabic) / float64(letters)
}

// run pipes the image into `tesseract stdin stdout -l LANGS` and returns what it printed. ctx
// carries the timeout of the whole read.
func (e *Engine) run(ctx context.Context, img []byte, langs string) (string, error) {
	cmd := exec.CommandContext(ctx, e.command, "stdin", "stdout", "-l", langs, "--psm", "3")
	// One thread: with OpenMP's default Tesseract spins on every core and is several times
	// slower on a small machine; concurrency comes from the workers instead.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(img)
	var stdout, stderr capped
	stdout.max, stderr.max = maxOutput, 2048
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case err == nil:
		return stdout.b.String(), nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", fmt.Errorf("%w after %s", ErrTimeout, e.timeout)
	case ctx.Err() != nil:
		return "", fmt.Errorf("ocr: %w", ctx.Err())
	case errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	// Tesseract's own messages say what went wrong (missing language data, unreadable image);
	// they never contain the text of the image.
	msg := strings.TrimSpace(stderr.b.String())
	if strings.Contains(msg, "Failed loading language") || strings.Contains(msg, "Error opening data file") {
		return "", fmt.Errorf("%w: %s", ErrUnavailable, firstLine(msg))
	}
	return "", fmt.Errorf("%w: %w: %s", ErrFailed, err, firstLine(msg))
}

// capped is a buffer that keeps at most max bytes and drops the rest.
type capped struct {
	b   bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.b.Len(); room > 0 {
		c.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
