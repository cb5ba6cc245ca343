package sender_test

import (
	"context"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/internal/logtest"
)

// fakeClock is the sender's clock in tests: sleeping advances it almost at once, so rate
// limits, retry_after and backoff cost no wall time yet stay measurable. It starts an hour ahead
// of the wall clock so that it is never behind stream ids and Enqueued times.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Sleep advances the clock by d at once, after a real millisecond in which a wake-up (ctx
// cancelled because new work arrived) returns early without advancing, as a real sleep would.
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	}
	c.mu.Lock()
	if d > 0 {
		c.t = c.t.Add(d)
	}
	c.mu.Unlock()
	return nil
}

// apiCall is one Bot API call as the sender made it, with its start on the fake clock.
type apiCall struct {
	method string
	chat   int64
	text   string
	cb     string
	at     time.Time
	err    error
}

// recordingAPI wraps the real client and records every call with the fake clock's time.
type recordingAPI struct {
	api    *tg.Bot
	now    func() time.Time
	before func(n int) // called before the n-th call (0-based), if set

	mu    sync.Mutex
	calls []apiCall
}

func (r *recordingAPI) hook() {
	r.mu.Lock()
	f, n := r.before, len(r.calls)
	r.mu.Unlock()
	if f != nil {
		f(n)
	}
}

func (r *recordingAPI) add(c apiCall) {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
}

func (r *recordingAPI) SendMessage(ctx context.Context, p *tg.SendMessageParams) (*models.Message, error) {
	r.hook()
	at := r.now()
	m, err := r.api.SendMessage(ctx, p)
	chat, _ := p.ChatID.(int64)
	r.add(apiCall{method: "sendMessage", chat: chat, text: p.Text, at: at, err: err})
	return m, err
}

func (r *recordingAPI) AnswerCallbackQuery(ctx context.Context, p *tg.AnswerCallbackQueryParams) (bool, error) {
	r.hook()
	at := r.now()
	ok, err := r.api.AnswerCallbackQuery(ctx, p)
	r.add(apiCall{method: "answerCallbackQuery", cb: p.CallbackQueryID, text: p.Text, at: at, err: err})
	return ok, err
}

func (r *recordingAPI) SendPhoto(ctx context.Context, p *tg.SendPhotoParams) (*models.Message, error) {
	r.hook()
	at := r.now()
	m, err := r.api.SendPhoto(ctx, p)
	chat, _ := p.ChatID.(int64)
	r.add(apiCall{method: "sendPhoto", chat: chat, text: p.Caption, at: at, err: err})
	return m, err
}

func (r *recordingAPI) all() []apiCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]apiCall(nil), r.calls...)
}

// syncBuffer collects logs from concurrent writers.
type syncBuffer = logtest.Buffer
