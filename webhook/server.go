package webhook

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is the webhook's HTTP server. Its Shutdown waits for the requests in flight, as
// http.Server's does, but not for connections that never sent a request: http.Server waits up to
// five seconds for those, and an HTTP client that dialled a spare connection (Go's transport does
// under load) would make a short shutdown budget run out with nothing left to finish.
type Server struct {
	*http.Server
	mu     sync.Mutex
	active map[net.Conn]bool // connections with a request being served
}

// NewServer returns a Server for h with timeouts suited to a public
// webhook: slow or stalled clients are cut off, and the write timeout leaves
// room for DefaultProcessTimeout.
func NewServer(addr string, h http.Handler) *Server {
	s := &Server{active: map[net.Conn]bool{}}
	s.Server = &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ConnState:         s.track,
	}
	return s
}

func (s *Server) track(c net.Conn, st http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st == http.StateActive {
		s.active[c] = true
	} else {
		delete(s.active, c)
	}
}

func (s *Server) busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.active) > 0
}

// Shutdown stops accepting, waits until no request is being served (or ctx ends), then closes
// the connections that are left: idle ones, and new ones that have not sent a request. A client
// cut off that way got no answer, so Telegram sends its update again.
func (s *Server) Shutdown(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- s.Server.Shutdown(ctx) }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if s.busy() {
				continue
			}
			closeErr := s.Server.Close()
			if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return closeErr
		}
	}
}
