package whatsapp

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tasdeeq/tasdeeq/webhook"
)

// metrics are the tasdeeq_whatsapp_* collectors of the webhook side.
type metrics struct {
	requests     *prometheus.CounterVec // outcome
	messages     *prometheus.CounterVec // type, outcome
	statuses     *prometheus.CounterVec // status
	statusErrors *prometheus.CounterVec // code
	forwarded    prometheus.Counter
	seconds      prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer) *metrics {
	return &metrics{
		requests: webhook.RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_webhook_requests_total",
			Help: "WhatsApp webhook requests by outcome (ok, unauthorized, too_large, bad_request, unavailable, error, verify_ok, verify_refused).",
		}, []string{"outcome"})),
		messages: webhook.RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_messages_total",
			Help: "WhatsApp messages received, by type and outcome (processed, ignored, invalid).",
		}, []string{"type", "outcome"})),
		statuses: webhook.RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_statuses_total",
			Help: "Status callbacks of messages sent on WhatsApp, by status (sent, delivered, read, failed, ...).",
		}, []string{"status"})),
		statusErrors: webhook.RegisterOnce(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_status_errors_total",
			Help: "Errors reported in status callbacks (messages that failed after Meta accepted them), by Meta's error code.",
		}, []string{"code"})),
		forwarded: webhook.RegisterOnce(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tasdeeq_whatsapp_forwarded_total",
			Help: "WhatsApp messages received that the user forwarded (context.forwarded).",
		})),
		seconds: webhook.RegisterOnce(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tasdeeq_whatsapp_notification_seconds",
			Help:    "Time spent processing one WhatsApp notification (all its messages).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		})),
	}
}

// codeLabel bounds an error-code label to the codes Tasdeeq acts on; the rest are "other".
func codeLabel(code int) string {
	switch code {
	case CodeRateLimit, CodePairRateLimit, CodeSpamRateLimit, CodeOutsideWindow, CodeUndeliverable,
		CodeMarketingOptOut, CodeMetaDeclined, CodeTemplateParams, CodeTemplateMissing, CodeInvalidParameter,
		CodeTokenExpired, CodeUnknownError, CodeUnsupportedType, CodeMediaDownload:
		return strconv.Itoa(code)
	}
	return "other"
}
