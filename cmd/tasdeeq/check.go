package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// maxAdBytes bounds one ad; a forwarded ad is a few kilobytes at most.
const maxAdBytes = 1 << 20

// register is what check needs of a register: lookups for the analyser and its age for the reply.
type register interface {
	redflags.Register
	Meta(ctx context.Context) (licences.Meta, bool, error)
}

// checkResult is one line of `check --json/--jsonl`: the verdict, with the id echoed.
type checkResult struct {
	ID any `json:"id,omitempty"`
	redflags.Verdict
}

type checkError struct {
	ID    any    `json:"id,omitempty"`
	Error string `json:"error"`
}

func runCheck(ctx context.Context, args []string, env environment, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "print one JSON object")
	asJSONL := fs.Bool("jsonl", false, "read and write one JSON object per line")
	file := fs.String("licences", "", "register CSV to check licences against")
	lang := fs.String("lang", "", "language of the explanation: en or ur (default: the ad's)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *lang != "" && *lang != "en" && *lang != "ur" {
		return fmt.Errorf("%w: --lang must be en or ur, not %q", errUsage, *lang)
	}
	analyzer, err := redflags.New(nil)
	if err != nil {
		return err
	}
	directory, err := offices.Load(env.getenv("TASDEEQ_HELP_DIRECTORY"))
	if err != nil {
		return err
	}
	// The register comes from --licences FILE, else from Redis (REDIS_URL, or the embedded one
	// seeded with TASDEEQ_LICENCES or the bundled sample). Reported scams live only in the
	// service's Redis: the embedded one would hold none, so they are read with REDIS_URL alone.
	ck := checker{a: analyzer}
	url := env.getenv("REDIS_URL")
	var rdb redis.UniversalClient
	if *file == "" || url != "" {
		var closeRedis func()
		if rdb, closeRedis, err = openRedis(ctx, env, url); err != nil {
			return err
		}
		defer closeRedis()
	}
	if *file != "" {
		if ck.reg, err = fileRegister(*file, time.Now()); err != nil {
			return err
		}
	} else if ck.reg, err = registerOn(ctx, env, rdb); err != nil {
		return err
	}
	if url != "" {
		if ck.reports, err = reportsFromEnv(env.getenv).open(ctx, rdb, env.logger); err != nil {
			return err
		}
	}
	if *asJSONL {
		return checkLines(ctx, ck, stdin, stdout)
	}
	data, err := readAll(ctx, io.LimitReader(stdin, maxAdBytes+1))
	if err != nil {
		return fmt.Errorf("read ad: %w", err)
	}
	if len(data) > maxAdBytes {
		return fmt.Errorf("the ad is longer than %d bytes", maxAdBytes)
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("%w: no ad on standard input: pipe or paste the ad text, e.g. tasdeeq check < ad.txt", errUsage)
	}
	v, err := ck.check(ctx, text)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(checkResult{Verdict: v})
	}
	bundle, err := locales.New()
	if err != nil {
		return err
	}
	l := locales.Lang(*lang)
	if l == "" {
		l = locales.EN
		if v.Language == redflags.Urdu {
			l = locales.UR
		}
	}
	var meta *licences.Meta
	if m, ok, err := ck.reg.Meta(ctx); err == nil && ok {
		meta = &m
	}
	var explanation string
	if v.Kind == redflags.KindQuestion && v.Topic == redflags.TopicProtector {
		explanation = dialogs.RenderOfficeAnswer(bundle, l, directory, text)
	} else {
		explanation = dialogs.RenderVerdict(bundle, l, v, meta, time.Now())
	}
	_, err = fmt.Fprintln(stdout, explanation)
	return err
}

type jsonlInput struct {
	ID   any     `json:"id"`
	Text *string `json:"text"`
}

// checker analyses an ad and, with a Redis, adds what reports say about it.
type checker struct {
	a       *redflags.Analyzer
	reg     register
	reports *indicators.Store // nil without REDIS_URL
}

func (ck checker) check(ctx context.Context, text string) (redflags.Verdict, error) {
	v, err := ck.a.Analyze(ctx, text, ck.reg)
	if err != nil || ck.reports == nil {
		return v, err
	}
	return ck.reports.Apply(ctx, text, v)
}

// checkLines analyses one JSON object per line, in parallel, and writes the results in input
// order. A bad line gets an error object in its place, so the output lines up with the input;
// the command then fails at the end so that a pipeline notices. Lines are read in the
// background: a batch is whatever has arrived (up to 512 lines), so a slow producer gets its
// answers as it goes, and a SIGTERM (ctx) stops the command at once, after writing the results
// of the lines already checked, even while standard input stays open.
func checkLines(ctx context.Context, ck checker, stdin io.Reader, stdout io.Writer) error {
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	const batch = 512
	workers := runtime.GOMAXPROCS(0)
	incoming := readLines(bufio.NewReaderSize(stdin, 64<<10), batch)
	lines := make([][]byte, 0, batch)
	results := make([][]byte, batch)
	bad, lineNo := 0, 0
	for eof := false; !eof; {
		lines = lines[:0]
		// Wait for one line (or the end, or a signal), then take what else has arrived.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l, ok := <-incoming:
			if !ok {
				eof = true
				break
			}
			if l.err != nil {
				return fmt.Errorf("read line %d: %w", lineNo+1, l.err)
			}
			lines = append(lines, l.line)
		}
	more:
		for !eof && len(lines) < batch {
			select {
			case l, ok := <-incoming:
				if !ok {
					eof = true
					break more
				}
				if l.err != nil {
					return fmt.Errorf("read line %d: %w", lineNo+len(lines)+1, l.err)
				}
				lines = append(lines, l.line)
			default:
				break more
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		var firstErr error
		next := 0
		for range workers {
			wg.Go(func() {
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= len(lines) {
						return
					}
					res, lineErr, err := checkLine(ctx, ck, lines[i], lineNo+i+1, results[i][:0])
					if err != nil {
						mu.Lock()
						firstErr = cmpErr(firstErr, err)
						mu.Unlock()
						return
					}
					if lineErr {
						mu.Lock()
						bad++
						mu.Unlock()
					}
					results[i] = res
				}
			})
		}
		wg.Wait()
		if firstErr != nil {
			return firstErr
		}
		for i := range lines {
			out.Write(results[i])
			out.WriteByte('\n')
		}
		lineNo += len(lines)
		if err := out.Flush(); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d lines could not be read; their results carry an \"error\"", bad, lineNo)
	}
	return nil
}

// readResult is one line read, or the error that ended reading.
type readResult struct {
	line []byte
	err  error
}

// readLines reads non-blank lines into a channel, closed at the end of the input. It blocks on
// the reader, not on the command: a signal ends the command while a read is pending.
func readLines(in *bufio.Reader, buffer int) <-chan readResult {
	ch := make(chan readResult, buffer)
	go func() {
		defer close(ch)
		for {
			line, err := readLine(in)
			if errors.Is(err, io.EOF) {
				if len(bytes.TrimSpace(line)) > 0 {
					ch <- readResult{line: line}
				}
				return
			}
			if err != nil {
				ch <- readResult{err: err}
				return
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue // blank lines carry no ad; skipping them keeps trailing newlines harmless
			}
			ch <- readResult{line: line}
		}
	}()
	return ch
}

// readAll is io.ReadAll that returns when ctx ends, even while r blocks.
func readAll(ctx context.Context, r io.Reader) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(r)
		done <- result{data, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case res := <-done:
		return res.data, res.err
	}
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// checkLine returns the encoded result of one line, whether the line itself was bad, and an
// error only when the analyser could not work (the register failed). The result is appended to
// dst, the memory of an earlier batch's result, so that encoding allocates nothing once the
// buffers have grown.
func checkLine(ctx context.Context, ck checker, line []byte, n int, dst []byte) ([]byte, bool, error) {
	var in jsonlInput
	if !decodeLine(line, &in) {
		if err := json.Unmarshal(line, &in); err != nil {
			b, _ := json.Marshal(checkError{Error: fmt.Sprintf("line %d: not a JSON object: %v", n, err)})
			return b, true, nil
		}
	}
	if in.Text == nil {
		b, _ := json.Marshal(checkError{ID: in.ID, Error: fmt.Sprintf("line %d: no \"text\" field", n)})
		return b, true, nil
	}
	v, err := ck.check(ctx, *in.Text)
	if err != nil {
		return nil, false, fmt.Errorf("line %d: %w", n, err)
	}
	b, err := appendResult(dst, checkResult{ID: in.ID, Verdict: v})
	if err != nil {
		return nil, false, fmt.Errorf("line %d: encode: %w", n, err)
	}
	return b, false, nil
}

// readLine reads one line of any length up to maxAdBytes, without its newline.
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, isPrefix, err := r.ReadLine()
		buf = append(buf, chunk...)
		if err != nil {
			return buf, err
		}
		if len(buf) > maxAdBytes {
			return nil, fmt.Errorf("line longer than %d bytes", maxAdBytes)
		}
		if !isPrefix {
			return buf, nil
		}
	}
}
