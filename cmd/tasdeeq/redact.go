package main

import (
	"log/slog"
	"strings"
	"sync"
)

// redactor removes secrets from log output: the bot token, the webhook secret, the admin token
// and the referral secret must never reach a log line, even inside an error from a library.
type redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// add registers secret values (empty and very short ones are ignored: they would redact
// ordinary words).
func (r *redactor) add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if len(s) >= 8 {
			r.secrets = append(r.secrets, s)
		}
	}
}

func (r *redactor) scrub(s string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

// replaceAttr is a slog ReplaceAttr that scrubs string values and errors.
func (r *redactor) replaceAttr(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		if s := a.Value.String(); s != "" {
			a.Value = slog.StringValue(r.scrub(s))
		}
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			a.Value = slog.StringValue(r.scrub(err.Error()))
		}
	}
	return a
}
