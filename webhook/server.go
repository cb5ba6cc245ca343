package webhook

import (
	"net/http"
	"time"
)

// NewServer returns an http.Server for h with timeouts suited to a public
// webhook: slow or stalled clients are cut off, and the write timeout leaves
// room for DefaultProcessTimeout.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
