package sender

import (
	"errors"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

type senderMetrics struct {
	depth     *prometheus.GaugeVec     // stream: replies | broadcasts
	lag       *prometheus.HistogramVec // kind: reply | broadcast | callback
	apiErrors *prometheus.CounterVec   // method, code: 429 403 400 401 404 4xx 5xx network
	sent      *prometheus.CounterVec   // kind
	dropped   *prometheus.CounterVec   // reason: blocked | rejected | invalid
	inFlight  prometheus.Gauge
	chatWait  *prometheus.HistogramVec // kind
	slowdown  prometheus.Gauge
	spilled   prometheus.Gauge
	owned     prometheus.Gauge
}

func newSenderMetrics(reg prometheus.Registerer, log *slog.Logger) *senderMetrics {
	return &senderMetrics{
		depth: register(reg, log, prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tasdeeq_send_queue_depth",
			Help: "Entries in the send streams of the shards this sender owns not yet delivered (XLEN summed over them; delivered entries are deleted).",
		}, []string{"stream"})),
		lag: register(reg, log, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tasdeeq_send_lag_seconds",
			Help:    "Time from enqueue to delivery by the Bot API.",
			Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800},
		}, []string{"kind"})),
		apiErrors: register(reg, log, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_bot_api_errors_total",
			Help: "Failed Bot API calls by method and code (429, 403, 400, 401, 404, 4xx, 5xx, network).",
		}, []string{"method", "code"})),
		sent: register(reg, log, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_messages_sent_total",
			Help: "Bot API calls delivered by the sender, by kind (reply, broadcast, callback).",
		}, []string{"kind"})),
		dropped: register(reg, log, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tasdeeq_messages_dropped_total",
			Help: "outbox.Outgoing entries acknowledged without delivery, by reason (blocked, rejected, invalid).",
		}, []string{"reason"})),
		inFlight: register(reg, log, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tasdeeq_send_in_flight",
			Help: "Bot API calls in progress (at most TASDEEQ_SEND_WORKERS, fewer during a 429 slowdown).",
		})),
		chatWait: register(reg, log, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tasdeeq_send_chat_wait_seconds",
			Help:    "Time a delivered message waited, after the sender read it, for its own chat: the per-chat pace, retry_after, backoff, earlier messages to the chat.",
			Buckets: []float64{0.1, 0.5, 1, 2, 5, 10, 30, 60, 300},
		}, []string{"kind"})),
		slowdown: register(reg, log, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tasdeeq_send_slowdown_factor",
			Help: "How much 429s from many chats at once have cut the calls in flight: 1 normal, 2 halved, ...",
		})),
		spilled: register(reg, log, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tasdeeq_send_spilled",
			Help: "Replies of busy chats read past and left pending in Redis (only their ids in memory), to be read again in turn.",
		})),
		owned: register(reg, log, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tasdeeq_send_shards_owned",
			Help: "Shards whose send streams this sender reads (it holds their leases); over all replicas they add up to the number of shards.",
		})),
	}
}

// register registers c, or returns the collector already registered under the same name.
func register[C prometheus.Collector](reg prometheus.Registerer, log *slog.Logger, c C) C {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		log.Warn("sender metric not registered", "err", err)
	}
	return c
}
