// Package bottest is a fake Telegram Bot API for tests. It speaks the real wire format
// ({server}/bot{token}/{method}, multipart/form-data, urlencoded or JSON bodies, answers of the
// shape {"ok":true,"result":...}), records every call in order, validates the limits Telegram
// enforces (4096 UTF-16 units of text, 64 bytes of callback data, ...) and can inject the errors
// a sender must survive: 429 with retry_after, 403 for a blocked chat, 5xx and dropped
// connections.
//
// Point the real go-telegram/bot client at it with bot.WithServerURL(s.URL()), or use s.Bot(t).
package bottest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Token is the bot token the fake accepts; requests under another token get 401 Unauthorized.
const Token = "123456789:TEST-tasdeeq-fake-token_abcdefghijk"

// BotID is the user id of the fake bot (the number before the colon of Token).
const BotID int64 = 123456789

// Username is the fake bot's username, as getMe reports it.
const Username = "tasdeeq_test_bot"

// Server is a fake Telegram Bot API. It is safe for concurrent use.
type Server struct {
	srv       *httptest.Server
	done      chan struct{}
	closeOnce sync.Once

	mu          sync.Mutex
	calls       []Call
	nextMsgID   int
	faults      map[string][]*fault // by lower-case method
	blocked     map[int64]bool
	delay       time.Duration
	inFlight    map[int64]int
	maxInFlight map[int64]int
	updates     []models.Update
	nextUpdate  int64
	updatesCh   chan struct{} // closed and replaced when an update is added
	webhookURL  string
	files       map[string]*file // by file_id

	// Set once before serving (Start's Config); read without the lock.
	anyToken bool
	discard  bool
	onCall   func(Call)
}

type fault struct {
	left       int
	status     int
	retryAfter int
}

// New starts a fake Bot API on a local port; it is closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := newServer()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.Close)
	return s
}

func newServer() *Server {
	return &Server{
		done:        make(chan struct{}),
		faults:      map[string][]*fault{},
		blocked:     map[int64]bool{},
		inFlight:    map[int64]int{},
		maxInFlight: map[int64]int{},
		nextUpdate:  1,
		updatesCh:   make(chan struct{}),
	}
}

// Config configures a fake started with Start, outside a test (the load test runs one).
type Config struct {
	// Addr is the address to listen on, e.g. "127.0.0.1:18090"; "" picks a free loopback port.
	Addr string
	// Latency delays every answer, like the real Bot API's round trip (about 50 ms from a
	// server near Telegram's); the call's At is still its arrival. SetDelay changes it later.
	Latency time.Duration
	// AnyToken accepts calls under any bot token, not only Token, so a service configured with
	// its own TELEGRAM_TOKEN can be pointed at the fake.
	AnyToken bool
	// Discard keeps no calls in memory (Calls, CallsTo and Messages stay empty): for long load
	// runs, which watch the calls through OnCall instead.
	Discard bool
	// OnCall, when set, sees every call once it is answered (Status set), from the goroutine
	// serving it, before the answer is written. It must be safe for concurrent use.
	OnCall func(Call)
}

// Start starts a fake Bot API outside a test. Close stops it.
func Start(cfg Config) (*Server, error) {
	addr := cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("bottest: listen: %w", err)
	}
	s := newServer()
	s.delay, s.anyToken, s.discard, s.onCall = cfg.Latency, cfg.AnyToken, cfg.Discard, cfg.OnCall
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	_ = s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Start()
	return s, nil
}

// Close stops the fake: long polls and delayed answers end at once, then the server closes.
// New's fake is closed when its test ends; calling Close again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done) // ends long polls and delays so Close does not wait for them
		s.srv.Close()
	})
}

// URL is the base URL to give the client (bot.WithServerURL); calls go to URL()+"/bot"+Token+"/"+method.
func (s *Server) URL() string { return s.srv.URL }

// Bot returns a real go-telegram/bot client pointed at the fake (getMe skipped, short poll
// timeout). Extra options are applied after the defaults.
func (s *Server) Bot(t testing.TB, opts ...bot.Option) *bot.Bot {
	t.Helper()
	all := append([]bot.Option{
		bot.WithServerURL(s.URL()),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(2*time.Second, s.srv.Client()),
		bot.WithErrorsHandler(func(error) {}),
	}, opts...)
	b, err := bot.New(Token, all...)
	if err != nil {
		t.Fatalf("bottest: new bot client: %v", err)
	}
	return b
}

// FailNext makes the next n calls of method (case-insensitive) answer with HTTP status and the
// matching Telegram error JSON: 429 carries parameters.retry_after = retryAfter; 403 says the bot
// was blocked by the user; other codes use the usual description. Status 0 drops the connection
// without an answer (a network error). Faults queue up: a second FailNext applies after the
// first is used up.
func (s *Server) FailNext(method string, n, status, retryAfter int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := strings.ToLower(method)
	s.faults[m] = append(s.faults[m], &fault{left: n, status: status, retryAfter: retryAfter})
}

// ClearFaults drops every fault queued by FailNext (blocked chats stay blocked).
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*fault{}
}

// BlockChat makes every call with this chat_id answer 403 "Forbidden: bot was blocked by the
// user", as Telegram does once a user blocks the bot.
func (s *Server) BlockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// UnblockChat undoes BlockChat (the user unblocked the bot).
func (s *Server) UnblockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// SetDelay makes every answer wait d first (a slow network), which widens the window in which
// overlapping calls to one chat would show up in MaxConcurrent.
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// MaxConcurrent is the largest number of calls for chatID that were in progress at once.
func (s *Server) MaxConcurrent(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight[chatID]
}

// AddUpdate queues an update for getUpdates. An update without an ID gets the next one.
func (s *Server) AddUpdate(u models.Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == 0 {
		u.ID = s.nextUpdate
	}
	if u.ID >= s.nextUpdate {
		s.nextUpdate = u.ID + 1
	}
	s.updates = append(s.updates, u)
	close(s.updatesCh)
	s.updatesCh = make(chan struct{})
}

// WebhookURL is the URL of the last setWebhook call ("" after deleteWebhook).
func (s *Server) WebhookURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL
}

// Calls returns every call received so far, in order of arrival, failed ones included.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the calls of one method (case-insensitive), in order, failed ones included.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// Messages returns the messages delivered to one chat (sendMessage and sendPhoto calls that were
// answered ok), in order. Failed attempts are in Calls.
func (s *Server) Messages(chatID int64) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		m := strings.ToLower(c.Method)
		if (m == "sendmessage" || m == "sendphoto") && c.OK() && c.ChatID() == chatID {
			out = append(out, c)
		}
	}
	return out
}

// Await polls cond every few milliseconds until it holds (true) or timeout passes (false).
func (s *Server) Await(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(3 * time.Millisecond)
	}
}
