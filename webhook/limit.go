package webhook

import (
	"net"
	"net/http"
	"sync"
)

// LimitListener returns a listener that holds at most n connections open at once: past that,
// Accept waits until one closes, so new clients wait in the kernel's backlog instead of taking
// file descriptors. Without a cap a flood of connections ran the process out of descriptors
// (accept4: too many open files) and even /healthz stopped answering. n < 1 means no cap.
func LimitListener(l net.Listener, n int) net.Listener {
	if n < 1 {
		return l
	}
	return &limitListener{Listener: l, slots: make(chan struct{}, n), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitListener) Close() error {
	err := l.Listener.Close()
	l.closeOnce.Do(func() { close(l.done) })
	return err
}

// limitConn gives its slot back once, however often it is closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// Probes serves only the probe and metrics routes of h (/healthz, /readyz, /metrics) and answers
// 404 to everything else. It is meant for a second, small listener that the public cannot reach
// (TASDEEQ_PROBE_ADDR), so that the kubelet and Prometheus get answers while the public
// listener is full.
func Probes(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics":
			h.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}
