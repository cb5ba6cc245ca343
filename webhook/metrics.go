package webhook

import (
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Update types used as the "type" label of tasdeeq_updates_total. TypeNone marks
// requests that were refused before an update was decoded (bad secret, too
// large, bad JSON), so no type is known.
const (
	TypeMessage       = "message"
	TypeEditedMessage = "edited_message"
	TypeCallbackQuery = "callback_query"
	TypeChannelPost   = "channel_post"
	TypeMyChatMember  = "my_chat_member"
	TypeOther         = "other"
	TypeNone          = "none"
)

// Outcomes used as the "outcome" label of tasdeeq_updates_total.
const (
	OutcomeOK           = "ok"
	OutcomeUnauthorized = "unauthorized"
	OutcomeTooLarge     = "too_large"
	OutcomeBadRequest   = "bad_request"
	OutcomeUnavailable  = "unavailable"
	OutcomeError        = "error"
	OutcomePanic        = "panic"
)

// Reasons used as the "reason" label of tasdeeq_webhook_rejected_total.
const (
	RejectSecret   = "secret"    // missing or wrong X-Telegram-Bot-Api-Secret-Token
	RejectTooLarge = "too_large" // body over the limit
	RejectBody     = "body"      // the body could not be read (client gone, broken chunking)
	RejectJSON     = "json"      // not a JSON update, or no update_id
	RejectEntities = "entities"  // entities that cross or run past their text
)

// latencyBuckets cover a fast in-memory step (~1 ms) up to the 10 s process timeout.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Metrics are the tasdeeq_* collectors shared by the webhook and the dialog layer.
// Build them with NewMetrics; calling NewMetrics again with the same registerer
// returns the collectors registered first, so every package can call it.
type Metrics struct {
	// UpdatesTotal counts webhook requests by update type and outcome
	// (tasdeeq_updates_total{type,outcome}).
	UpdatesTotal *prometheus.CounterVec
	// UpdateSeconds is the latency of Processor.Process (tasdeeq_update_seconds).
	UpdateSeconds prometheus.Histogram
	// VerdictsTotal counts analyser verdicts by risk (tasdeeq_verdicts_total{risk}).
	VerdictsTotal *prometheus.CounterVec
	// StepSeconds is the latency of one dialog step (tasdeeq_step_seconds).
	StepSeconds prometheus.Histogram
	// WebhookRejected counts webhook requests refused before processing, by reason
	// (tasdeeq_webhook_rejected_total{reason}); they are counted here and logged only by sample.
	WebhookRejected *prometheus.CounterVec
}

// NewMetrics creates the tasdeeq_* collectors and registers them on reg. A
// collector that is already registered is not an error: the existing one is
// used. A nil reg leaves the collectors unregistered (handy in tests). It
// panics, like prometheus.MustRegister, on any other registration error (for
// example the same name with different labels), which is a programming error.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	return &Metrics{
		UpdatesTotal: RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_updates_total",
			Help: "Telegram webhook requests by update type and outcome.",
		}, []string{"type", "outcome"})),
		UpdateSeconds: RegisterOnce(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tasdeeq_update_seconds",
			Help:    "Time spent processing one decoded Telegram update.",
			Buckets: latencyBuckets,
		})),
		VerdictsTotal: RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_verdicts_total",
			Help: "Ad analyser verdicts by risk level.",
		}, []string{"risk"})),
		StepSeconds: RegisterOnce(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tasdeeq_step_seconds",
			Help:    "Time spent in one dialog step.",
			Buckets: latencyBuckets,
		})),
		WebhookRejected: RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_webhook_rejected_total",
			Help: "Webhook requests refused before processing, by reason (secret, too_large, body, json, entities).",
		}, []string{"reason"})),
	}
}

// ObserveVerdict counts one verdict with the given risk ("high", "medium", "low").
func (m *Metrics) ObserveVerdict(risk string) { m.VerdictsTotal.WithLabelValues(risk).Inc() }

// ObserveStep records the latency of one dialog step.
func (m *Metrics) ObserveStep(d time.Duration) { m.StepSeconds.Observe(d.Seconds()) }

// ObserveUpdate counts one webhook request with the given update type and outcome.
func (m *Metrics) ObserveUpdate(typ, outcome string) {
	m.UpdatesTotal.WithLabelValues(typ, outcome).Inc()
}

// RegisterOnce registers c on reg and returns it, or returns the collector
// already registered under the same descriptors. A nil reg returns c
// unregistered. It panics on any other registration error, or when the existing
// collector is of a different type than c.
func RegisterOnce[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if reg == nil {
		return c
	}
	err := reg.Register(c)
	if err == nil {
		return c
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
		panic(fmt.Sprintf("webhook: collector already registered with type %T, want %T", are.ExistingCollector, c))
	}
	panic(fmt.Sprintf("webhook: register collector: %v", err))
}
