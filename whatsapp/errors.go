package whatsapp

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Error codes of the Cloud API that Tasdeeq acts on (Meta's "Error codes" page).
const (
	CodeInvalidParameter = 100    // a request Meta cannot take: the same request fails again
	CodeTokenExpired     = 190    // the access token expired or was revoked: our configuration
	CodeRateLimit        = 130429 // the business number's throughput was exceeded
	CodeUnknownError     = 131000 // "something went wrong": try again
	CodeUndeliverable    = 131026 // not on WhatsApp, old app, or has not accepted the terms
	CodeOutsideWindow    = 131047 // more than 24 hours since the user last wrote: templates only
	CodeSpamRateLimit    = 131048 // too many messages refused or blocked recently
	CodeMetaDeclined     = 131049 // Meta chose not to deliver (marketing message limits)
	CodeMarketingOptOut  = 131050 // the user stopped marketing messages
	CodeUnsupportedType  = 131051
	CodeMediaDownload    = 131052 // Meta could not fetch the media of a message
	CodePairRateLimit    = 131056 // too many messages to this one user in a short time
	CodeTemplateParams   = 132000 // the parameters do not match the template
	CodeTemplateMissing  = 132001 // no approved template of that name and language
)

// Error is an error answer of the Graph API. Its text names only the status and Meta's codes:
// Meta's own message and details may quote what was sent.
type Error struct {
	Status  int // HTTP status
	Code    int // Meta's error code; 0 when the body had none
	Subcode int
}

func (e *Error) Error() string {
	s := "graph api: status " + strconv.Itoa(e.Status)
	if e.Code != 0 {
		s += ", code " + strconv.Itoa(e.Code)
	}
	if e.Subcode != 0 {
		s += ", subcode " + strconv.Itoa(e.Subcode)
	}
	return s
}

// ErrNoTemplate is returned for a message that may only go as a template (a campaign, or a notice
// outside the 24-hour window) when no template is configured for it.
var ErrNoTemplate = errors.New("no message template configured for it")

// ErrNotWhatsApp is returned for an outbox entry whose chat is not a WhatsApp user.
var ErrNotWhatsApp = errors.New("not a WhatsApp chat")

// Disposition is what to do with a message after a failed call.
type Disposition int

// The dispositions, from the sender's point of view.
const (
	// Retry: the network, a 5xx, Meta's "try again", or our own configuration (an expired
	// token, which an operator fixes): back off and send again, in order.
	Retry Disposition = iota
	// Throttled: a rate limit; wait Wait, then send again.
	Throttled
	// OutsideWindow: the user last wrote more than 24 hours ago and no template stands for the
	// message: drop it and count it, never retry it.
	OutsideWindow
	// OptedOut: the user stopped these messages; treat the chat as blocked.
	OptedOut
	// Rejected: the same call would fail again: drop it and count it.
	Rejected
)

// Classify says what to do after err (nil is not an error and is not classified), with a short
// code for metrics ("130429", "5xx", "network", "no_template", ...) and, when throttled, how long
// to wait. Meta's rate limits give no retry-after, so the waits follow its documented limits:
// about one message every 6 s to one user, and a short pause for the number's throughput.
func Classify(err error) (Disposition, string, time.Duration) {
	var e *Error
	switch {
	case errors.Is(err, ErrNoTemplate):
		return OutsideWindow, "no_template", 0
	case errors.Is(err, ErrNotWhatsApp):
		return Rejected, "invalid", 0
	case !errors.As(err, &e):
		return Retry, "network", 0
	}
	code := strconv.Itoa(e.Code)
	switch e.Code {
	case CodePairRateLimit:
		return Throttled, code, 6 * time.Second
	case CodeRateLimit, CodeSpamRateLimit, 4, 80007:
		return Throttled, code, 2 * time.Second
	case CodeOutsideWindow:
		return OutsideWindow, code, 0
	case CodeMarketingOptOut:
		return OptedOut, code, 0
	case CodeTokenExpired, CodeUnknownError, 131016, 133010, 368, 131031:
		// 131016: service unavailable; 133010: number not registered and 131031: account locked
		// (an operator fixes them); 368: temporarily blocked for a policy.
		return Retry, code, 0
	}
	switch {
	case e.Status == 429:
		return Throttled, "429", 2 * time.Second
	case e.Status >= 500 || e.Status == 408:
		return Retry, "5xx", 0
	case e.Status == 401 || e.Status == 403 && e.Code == 0:
		return Retry, strconv.Itoa(e.Status), 0
	case e.Code == 0:
		return Rejected, "4xx", 0
	}
	return Rejected, codeLabel(e.Code), 0
}

// wrap adds what was being done to a Graph API error without quoting any text.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}
