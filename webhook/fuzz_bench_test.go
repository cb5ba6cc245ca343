package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/webhook"
)

// FuzzWebhook posts arbitrary bodies with the right secret. The server must
// never panic and must answer one of the statuses Telegram can act on. The
// processor's answer depends on the update id, so all outcomes are reached.
func FuzzWebhook(f *testing.F) {
	for _, seed := range []string{
		messageJSON(1, "hello"),
		messageJSON(2, "یہ نوکری اصلی ہے؟"),
		callbackJSON(3, "lang:ur"),
		callbackJSON(4, "x"),
		`{"update_id":5,"callback_query":{"id":"1","from":{"id":1},"message":{"message_id":1,"date":0,"chat":{"id":1}}}}`,
		`{"update_id":6,"my_chat_member":{"chat":{"id":1,"type":"group"},"date":1,"new_chat_member":{"status":"kicked","user":{"id":1}}}}`,
		`{"update_id":7,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"` + "\xff\xfe" + ` bad utf8"}}`,
		`{"update_id":8,"message_reaction":{"chat":{"id":1},"new_reaction":[{"type":"emoji","emoji":"👍"},{"type":"custom_emoji"},{"type":"paid"}]}}`,
		`{"update_id":9,"message":{"message_id":1,"date":1,"chat":{"id":1},"forward_origin":{"type":"user"},"boost_added":{}}}`,
		`{"update_id":0}`, `{}`, `null`, `[]`, `{"update_id":1e3}`, `{"update_id":9223372036854775807}`,
		`{"update_id":1,"message":null}`, `{"update_id":1,"callback_query":{"message":"x"}}`,
		``, `{`, `"`, `{"update_id":1}{`,
	} {
		f.Add([]byte(seed))
	}

	h, err := webhook.New(webhook.Config{
		Secret: testSecret,
		Processor: processorFunc(func(_ context.Context, u *models.Update) error {
			switch u.ID % 4 {
			case 1:
				return fmt.Errorf("redis: %w", webhook.ErrUnavailable)
			case 2:
				return errors.New("bug")
			case 3:
				panic("bug")
			}
			return nil
		}),
		Logger:  slog.New(slog.DiscardHandler),
		MaxBody: 4096, // small, so random bodies also reach the limit
	})
	if err != nil {
		f.Fatal(err)
	}
	allowed := map[int]bool{200: true, 400: true, 413: true, 500: true, 503: true}

	f.Fuzz(func(t *testing.T, body []byte) {
		for _, chunked := range []bool{false, true} {
			var r io.Reader = strings.NewReader(string(body))
			if chunked {
				r = io.MultiReader(r)
			}
			req := httptest.NewRequest(http.MethodPost, webhookPath, r)
			req.Header.Set(webhook.SecretHeader, testSecret)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if !allowed[rec.Code] {
				t.Fatalf("status %d for body %q (chunked %v)", rec.Code, body, chunked)
			}
		}
	})
}

// processorFunc adapts a function to webhook.Processor.
type processorFunc func(context.Context, *models.Update) error

func (f processorFunc) Process(ctx context.Context, u *models.Update) error { return f(ctx, u) }

// BenchmarkWebhookNoop is the bare-handler ceiling: secret check, body read,
// decode, metrics and the JSON request log, with a Processor that does nothing.
// Requests go straight to ServeHTTP from parallel goroutines (no network).
func BenchmarkWebhookNoop(b *testing.B) {
	h, err := webhook.New(webhook.Config{
		Secret:    testSecret,
		Processor: processorFunc(func(context.Context, *models.Update) error { return nil }),
		Logger:    slog.New(slog.NewJSONHandler(io.Discard, nil)),
	})
	if err != nil {
		b.Fatal(err)
	}
	body := messageJSON(12345, "Dubai driver job, visa guaranteed, fee Rs 150,000 to this JazzCash number only")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, webhookPath, strings.NewReader(body))
			req.Header.Set(webhook.SecretHeader, testSecret)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}
