// Package logtest collects what code under test writes to its logger, safely for the concurrent
// writers of a real server, so that tests can look for a line, or for what must never be logged.
package logtest

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer that many goroutines may write to at once.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
