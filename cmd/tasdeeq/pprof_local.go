//go:build pproflocal

package main

// Profiling a running serve under load (docs/loadtest.md): built with -tags pproflocal only,
// never in the image, it serves net/http/pprof on loopback.

import (
	"net/http"
	_ "net/http/pprof"
)

func init() { go func() { _ = http.ListenAndServe("127.0.0.1:6060", nil) }() }
