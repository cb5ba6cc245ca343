package sender

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"regexp"
	"strconv"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/whatsapp"
)

// outcome is what to do with an entry after a Bot API call.
type outcome int

const (
	delivered   outcome = iota
	retry               // 5xx, network, 401/404 (our configuration): back off and try again
	pause               // 429: wait retry_after, then try again
	blockedChat         // 403: the user blocked the bot (WhatsApp: stopped these messages)
	rejected            // other 4xx: the same call would fail again
	expired             // WhatsApp: outside the 24-hour window with no template for it
)

var telegramCode = regexp.MustCompile(`error response from telegram for method \w+, (\d{3}) `)

// classify maps a go-telegram/bot error to an outcome, a metric code and, for 429, the wait.
func classify(err error) (outcome, string, time.Duration) {
	var tooMany *tg.TooManyRequestsError
	var migrate *tg.MigrateError
	switch {
	case err == nil:
		return delivered, "", 0
	case errors.As(err, &tooMany):
		return pause, "429", time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
	case errors.Is(err, tg.ErrorForbidden):
		return blockedChat, "403", 0
	case errors.Is(err, tg.ErrorUnauthorized):
		return retry, "401", 0
	case errors.Is(err, tg.ErrorNotFound): // Telegram's answer to a wrong token or URL
		return retry, "404", 0
	case errors.Is(err, tg.ErrorBadRequest), errors.Is(err, tg.ErrorConflict), errors.As(err, &migrate):
		return rejected, "400", 0
	}
	if m := telegramCode.FindStringSubmatch(err.Error()); m != nil {
		code, _ := strconv.Atoi(m[1])
		switch {
		case code >= 500, code == 408, code == 420, code == 429:
			return retry, "5xx", 0
		case code >= 400:
			return rejected, "4xx", 0
		}
	}
	return retry, "network", 0
}

// classifyWhatsApp maps a Cloud API error to an outcome, a metric code and, when throttled, the
// wait (whatsapp.Classify knows Meta's codes).
func classifyWhatsApp(err error) (outcome, string, time.Duration) {
	if err == nil {
		return delivered, "", 0
	}
	d, code, wait := whatsapp.Classify(err)
	switch d {
	case whatsapp.Throttled:
		return pause, code, wait
	case whatsapp.OutsideWindow:
		return expired, code, 0
	case whatsapp.OptedOut:
		return blockedChat, code, 0
	case whatsapp.Rejected:
		return rejected, code, 0
	}
	return retry, code, 0
}

// handle delivers one entry taken from lane l and settles it: acknowledged and released, or put
// back to be retried.
func (s *Sender) handle(ctx context.Context, l *lane, e *entry) {
	// A WhatsApp chat id is the user's phone number in another form: logs name only the channel.
	log := s.log.With("stream", e.stream, "id", e.id, outbox.LogChat(e.msg.ChatID))
	wasBlocked := false
	if !e.callback() {
		var since time.Time
		var blocked, known bool
		if e.kind == outbox.Reply {
			since, blocked, known = s.blocks.lookup(e.stream, e.msg.ChatID, e.enqueued())
		}
		if !known {
			var err error
			since, blocked, err = outbox.BlockedSince(ctx, s.rdb, s.cfg.ring, e.msg.ChatID)
			if err != nil && ctx.Err() == nil {
				log.Warn("blocked-chat check failed; sending anyway", "err", err)
			}
		}
		// A reply queued after the block means the user wrote again, so it is tried.
		if blocked && (e.kind == outbox.Broadcast || !e.enqueued().After(since)) {
			s.metrics.dropped.WithLabelValues("blocked").Inc()
			s.ack(ctx, e)
			s.q.finish(l, e, time.Time{})
			return
		}
		wasBlocked = blocked
	}
	if e.kind == outbox.Broadcast && !s.admitBroadcast(ctx) {
		s.q.putBack(l, e, time.Time{}, time.Time{}) // stopping: the entry stays pending in Redis
		return
	}
	if s.q.isClosed(e.stream) {
		// The shard's lease was lost while this call was being prepared (the blocked-chat check
		// above may wait on a Redis that is going away): the shard's next owner sends it.
		s.q.putBack(l, e, time.Time{}, time.Time{})
		return
	}
	method, err := s.call(ctx, e)
	end := s.cfg.now()
	out, code, wait := classify(err)
	if e.whatsApp() {
		out, code, wait = classifyWhatsApp(err)
	}
	if out != delivered {
		s.metrics.apiErrors.WithLabelValues(method, code).Inc()
	}
	switch out {
	case delivered:
		kind := string(e.kind)
		if e.callback() {
			kind = "callback"
		}
		s.metrics.sent.WithLabelValues(kind).Inc()
		s.metrics.lag.WithLabelValues(kind).Observe(max(end.Sub(e.enqueued()).Seconds(), 0))
		s.metrics.chatWait.WithLabelValues(kind).Observe(e.waited.Seconds())
		if wasBlocked { // the user is back
			s.blocks.unmark(e.msg.ChatID)
			if err := outbox.Unblock(context.WithoutCancel(ctx), s.rdb, s.cfg.ring, e.msg.ChatID); err != nil {
				log.Warn("clearing blocked mark failed", "err", err)
			}
		}
		s.ack(ctx, e)
		s.q.finish(l, e, end)
	case pause:
		log.Warn("Bot API rate limit; holding the chat back", "method", method, "code", code, "retry_after", wait)
		if s.q.on429(e.msg.ChatID, end) {
			// Several chats at once: Telegram is limiting the bot as a whole.
			_, f := s.q.calls()
			log.Warn("429s from several chats; slowing all sending", "slowdown", f, "retry_after", wait)
			s.lim.pause(end.Add(wait))
		}
		s.q.putBack(l, e, end.Add(wait), time.Time{})
	case retry:
		n := s.q.failed(l)
		d := s.backoff(n)
		log.Warn("Bot API call failed; will retry", "method", method, "code", code, "attempt", n, "wait", d, "err", shortErr(err))
		s.q.putBack(l, e, end.Add(d), end)
	case blockedChat:
		s.metrics.dropped.WithLabelValues("blocked").Inc()
		if e.callback() {
			s.ack(ctx, e)
			s.q.finish(l, e, time.Time{})
			return
		}
		s.blocks.mark(e.msg.ChatID, end)
		if err := outbox.MarkBlocked(context.WithoutCancel(ctx), s.rdb, s.cfg.ring, e.msg.ChatID, end); err != nil {
			log.Warn("marking chat blocked failed", "err", err)
		}
		rest := s.q.drain(l, end)
		log.Info("user blocked the bot; dropping the chat's queued messages", "method", method, "code", code, "dropped", 1+len(rest))
		s.metrics.dropped.WithLabelValues("blocked").Add(float64(len(rest)))
		s.ack(ctx, append(rest, e)...)
		s.q.release(rest...)
		s.q.finish(l, e, end)
	case rejected:
		log.Warn("Bot API rejected the call; dropping it", "method", method, "code", code, "err", shortErr(err))
		s.metrics.dropped.WithLabelValues("rejected").Inc()
		s.ack(ctx, e)
		s.q.finish(l, e, end)
	case expired:
		// WhatsApp delivers free text only within 24 hours of the user's last message; a
		// message with no template to stand for it can never go, so it is counted, not retried.
		log.Info("outside the WhatsApp 24-hour window and no template for it; dropping it", "method", method, "code", code)
		s.metrics.dropped.WithLabelValues("outside_window").Inc()
		s.ack(ctx, e)
		s.q.finish(l, e, end)
	}
}

// admitBroadcast waits until a broadcast may start: its slot was reserved when it was taken, but
// a call that starts late must still not put more than the cap into any window. It returns false
// when ctx is done.
func (s *Sender) admitBroadcast(ctx context.Context) bool {
	for {
		wait := s.lim.admit(s.cfg.now())
		if wait <= 0 {
			return true
		}
		if s.cfg.sleep(ctx, wait) != nil {
			return false
		}
	}
}

// call makes the Bot API (or Cloud API) call for e. The call is not cut short by ctx: a message
// that reaches Telegram must also be acknowledged.
func (s *Sender) call(ctx context.Context, e *entry) (method string, err error) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.callTimeout)
	defer cancel()
	if e.whatsApp() {
		return "whatsapp.messages", s.cfg.whatsApp.Send(cctx, e.msg)
	}
	if e.callback() {
		_, err = s.api.AnswerCallbackQuery(cctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: e.msg.CallbackID, Text: e.msg.Text})
		return "answerCallbackQuery", err
	}
	if len(e.msg.Photo) > 0 {
		ph := &tg.SendPhotoParams{
			ChatID:  e.msg.ChatID,
			Photo:   &models.InputFileUpload{Filename: "qr.png", Data: bytes.NewReader(e.msg.Photo)},
			Caption: e.msg.Text,
			// Paid broadcast: up to 1,000 messages a second, charged in Telegram Stars.
			AllowPaidBroadcast: s.cfg.paidBroadcast && e.kind == outbox.Broadcast,
		}
		if kb := s.keyboard(e); kb != nil {
			ph.ReplyMarkup = kb
		}
		_, err = s.api.SendPhoto(cctx, ph)
		return "sendPhoto", err
	}
	noPreview := true
	p := &tg.SendMessageParams{
		ChatID: e.msg.ChatID,
		Text:   e.msg.Text, // plain text: no parse mode, so quoted ad text cannot break markup
		// No link previews: replies quote suspicious links that must not be fetched and shown.
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: &noPreview},
		AllowPaidBroadcast: s.cfg.paidBroadcast && e.kind == outbox.Broadcast,
	}
	switch kb := s.keyboard(e); {
	case kb != nil:
		p.ReplyMarkup = kb // only when set: a typed nil would be sent as "null"
	case len(e.msg.Keyboard) > 0:
		rows := make([][]models.KeyboardButton, 0, len(e.msg.Keyboard))
		for _, b := range e.msg.Keyboard {
			rows = append(rows, []models.KeyboardButton{{Text: b.Text, RequestContact: b.RequestContact}})
		}
		p.ReplyMarkup = &models.ReplyKeyboardMarkup{Keyboard: rows, ResizeKeyboard: true, OneTimeKeyboard: true}
	case e.msg.RemoveKeyboard:
		p.ReplyMarkup = &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	_, err = s.api.SendMessage(cctx, p)
	return "sendMessage", err
}

// keyboard converts the buttons; a button Telegram would reject (no text, no action, callback
// data over 64 bytes) is left out, with a warning, rather than losing the whole message.
func (s *Sender) keyboard(e *entry) *models.InlineKeyboardMarkup {
	var rows [][]models.InlineKeyboardButton
	for _, row := range e.msg.Buttons {
		var out []models.InlineKeyboardButton
		for _, b := range row {
			if b.Text == "" || (b.Data == "" && b.URL == "") || len(b.Data) > 64 {
				s.log.Warn("leaving out an invalid button", "stream", e.stream, "id", e.id, outbox.LogChat(e.msg.ChatID), "data_bytes", len(b.Data))
				continue
			}
			out = append(out, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
		}
		if len(out) > 0 {
			rows = append(rows, out)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

// backoff is the wait after the n-th failure in a row: base doubling up to the cap, less up to a
// quarter of jitter so that many chats do not retry in step.
func (s *Sender) backoff(n int) time.Duration {
	d := s.cfg.backoffBase
	for i := 1; i < n && d < s.cfg.backoffMax; i++ {
		d *= 2
	}
	d = min(d, s.cfg.backoffMax)
	return d - rand.N(d/4+1)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// shortErr bounds an error for the log. Bot API errors carry Telegram's description and the
// method, never the request's text.
func shortErr(err error) string {
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return msg
}
