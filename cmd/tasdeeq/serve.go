package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/keyslot"
	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/ocr"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/sender"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// service is everything serve runs, built from the configuration.
type service struct {
	cfg       *config
	rdb       redis.UniversalClient
	tg        *tgbot.Bot
	processor *bot.Processor
	store     *licences.Store
	env       environment
	seedMu    sync.Mutex
	emptied   prometheus.Counter // tasdeeq_redis_emptied_total
	lossSeen  bool               // an emptied Redis was counted and is not yet repaired (under seedMu)
	cases     *referrals.Store
	accounts  *accounts.Store
	routing   *referrals.Routing
	links     *outreach.Links
	stats     *outreach.Stats
	campaigns *outreach.Broadcaster
	username  string
	bundle    *locales.Bundle
	registry  *prometheus.Registry
	logger    *slog.Logger
	close     func()
	ocr       *ocr.Engine // nil: pictures are not read
	// WhatsApp: the second channel (whatsapp.go); nil when it is off.
	wa *whatsappChannel
}

// newService wires Redis, the register, the analyser, the dialogs and the Bot API client.
func newService(ctx context.Context, env environment, cfg *config, polling bool) (*service, error) {
	if cfg.TelegramToken == "" {
		return nil, fmt.Errorf("%w: TELEGRAM_TOKEN is required for serve", errUsage)
	}
	if !polling && cfg.WebhookSecret == "" {
		return nil, fmt.Errorf("%w: TELEGRAM_WEBHOOK_SECRET is required for serve (or use --polling)", errUsage)
	}
	rdb, closeRedis, err := openRedis(ctx, env, cfg.RedisURL)
	if err != nil {
		return nil, err
	}
	if err := prepareLayout(ctx, rdb, cfg.Shards, env.logger); err != nil {
		closeRedis()
		return nil, err
	}
	store := licences.NewStore(rdb)
	if err := seedRegister(ctx, env, store, cfg.Licences); err != nil {
		closeRedis()
		return nil, err
	}
	analyzer, err := redflags.New(nil)
	if err != nil {
		closeRedis()
		return nil, err
	}
	bundle, err := locales.New()
	if err != nil {
		closeRedis()
		return nil, err
	}
	directory, err := offices.Load(cfg.HelpDirectory)
	if err != nil {
		closeRedis()
		return nil, err
	}
	// The sender keeps up to TASDEEQ_SEND_WORKERS calls in flight; the library's default client
	// keeps two idle connections per host, so most calls would pay for a new TLS handshake.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = max(cfg.SendWorkers, 2)
	tg, err := tgbot.New(cfg.TelegramToken, tgbot.WithServerURL(cfg.TelegramAPIURL), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Minute, &http.Client{Timeout: time.Minute, Transport: wholeBody{transport}}))
	if err != nil {
		closeRedis()
		return nil, fmt.Errorf("bot api client: %w", err)
	}
	username := cfg.BotUsername
	if username == "" {
		// The username tells commands and mentions meant for us in groups; without it the bot
		// still works in private chats, so a failure here is logged, not fatal.
		if me, err := tg.GetMe(ctx); err != nil {
			env.logger.Warn("getMe failed: set TELEGRAM_BOT_USERNAME for groups", "err", err)
		} else {
			username = me.Username
		}
	}
	registry := prometheus.NewRegistry()
	metrics := webhook.NewMetrics(registry)
	// WhatsApp (issue 18): the Cloud API client and the number of wa.me links; nil when off.
	wa, err := openWhatsApp(ctx, cfg.WhatsApp, bundle, registry, transport, env.logger)
	if err != nil {
		closeRedis()
		return nil, err
	}
	if err := markEpoch(ctx, rdb); err != nil {
		closeRedis()
		return nil, err
	}
	routing, err := cfg.routing(env.getenv)
	if err != nil {
		closeRedis()
		return nil, fmt.Errorf("referral routing: %w", err)
	}
	counsellors, err := cfg.counsellors()
	if err != nil {
		closeRedis()
		return nil, err
	}
	cases := referrals.NewStore(rdb, referrals.WithShards(cfg.Shards))
	// Console accounts linked to a Telegram user are counsellors in the bot too, beside
	// TASDEEQ_COUNSELLORS: one identity for /review in the bot and in the console.
	accts := accounts.NewStore(rdb)
	deps := dialogs.Deps{Analyzer: analyzer, Register: store, Bundle: bundle, Now: time.Now,
		Cases: cases, Counsellors: counsellors, Staff: accts, ReviewAll: cfg.ReferralReview == "counsellor", Offices: directory}
	if routing != nil {
		deps.Routing = routing
	}
	deps.NewCaseID = func(userID int64) string {
		// Six characters are only 30 bits: ask Redis for one not in use, in the reporter's shard.
		if id, err := cases.NewID(ctx, userID); err == nil {
			return id
		}
		return referrals.NewIDFor(cfg.Shards, userID)
	}
	engine := newOCR(ctx, cfg.OCR, env.logger)
	deps.ReadImages = engine != nil
	// The campaigns stores satisfy the dialogs' and the processor's interfaces as they are.
	inShards := outreach.WithShards(cfg.Shards)
	links, stats, subs := outreach.NewLinks(rdb), outreach.NewStats(rdb, inShards), outreach.NewSubscribers(rdb, inShards)
	deps.Links, deps.Stats, deps.BotUsername, deps.WhatsAppNumber = links, stats, username, wa.waNumber()
	reports, err := cfg.Reports.open(ctx, rdb, env.logger)
	if err == nil {
		err = migrateReports(ctx, reports, env.logger)
	}
	if err != nil {
		closeRedis()
		return nil, err
	}
	deps.Reports = reports
	p := bot.NewProcessor(rdb, deps, username, env.logger)
	p.Cases, p.Attribution, p.Subscriptions, p.Reports, p.Lookups = cases, stats, subs, reports, reports
	p.Decisions = accounts.BotDecisions{Accounts: accts, Audit: accounts.NewAudit(rdb, nil)}
	p.Limits = bot.DefaultLimits
	// TASDEEQ_SEND_BACKLOG_MAX is over all shards; each shard's replies are capped at its share.
	p.Shards, p.Wait = cfg.Shards, cfg.RedisWait
	p.BacklogMax = max(1, (cfg.SendBacklogMax+int64(cfg.Shards.N())-1)/int64(cfg.Shards.N()))
	p.OnBacklogFull = webhook.RegisterOnce(registry, prometheus.NewCounter(prometheus.CounterOpts{
		Name: "tasdeeq_updates_refused_backlog_total",
		Help: "Updates answered 503 because the replies waiting to be sent reached TASDEEQ_SEND_BACKLOG_MAX; Telegram sends them again.",
	})).Inc
	p.OnStep = func(step time.Duration, risks []redflags.Risk) {
		metrics.StepSeconds.Observe(step.Seconds())
		for _, r := range risks {
			metrics.VerdictsTotal.WithLabelValues(string(r)).Inc()
		}
	}
	if err := wa.serve(p, registry, env.logger); err != nil {
		closeRedis()
		return nil, err
	}
	return &service{cfg: cfg, rdb: rdb, tg: tg, processor: p, store: store, env: env, cases: cases, accounts: accts, routing: routing, bundle: bundle,
		links: links, stats: stats, campaigns: outreach.NewBroadcaster(rdb, subs, outreach.WithBroadcastLogger(env.logger), inShards), username: username,
		registry: registry, logger: env.logger, close: closeRedis, ocr: engine, wa: wa,
		emptied: webhook.RegisterOnce(registry, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tasdeeq_redis_emptied_total",
			Help: "Times this replica found Redis without its data (restarted with no persistence, or flushed): replies, cases and sessions written before may be lost.",
		}))}, nil
}

// runServe runs the webhook service (or, with --polling, getUpdates) and the sender until ctx
// ends, then shuts down in order: stop taking updates, finish those in flight, let the sender
// finish and ack what it sent, close Redis.
func runServe(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	fs := newFlags("serve")
	cfg, finish := loadConfig(fs, env.getenv)
	polling := fs.Bool("polling", false, "fetch updates with getUpdates instead of a webhook (for a laptop)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	env.redact.add(cfg.TelegramToken, cfg.WebhookSecret, cfg.AdminToken, cfg.ReferralSecret, cfg.Reports.Key)
	env.redact.add(cfg.WhatsApp.secrets()...)
	svc, err := newService(ctx, env, cfg, *polling)
	if err != nil {
		return err
	}
	defer svc.close()

	senderCtx, stopSender := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSender()
	sendOpts := []sender.Option{sender.WithLogger(env.logger),
		sender.WithRegisterer(svc.registry), sender.WithRateLimits(cfg.SendPerChat, cfg.SendPerSecond),
		sender.WithClaim(cfg.SendClaimIdle, cfg.SendClaimIdle/2), sender.WithWorkers(cfg.SendWorkers),
		sender.WithPaidBroadcast(cfg.PaidBroadcast), sender.WithShards(cfg.Shards), sender.WithLease(cfg.SendLease)}
	// The sender waits for new replies with one blocking read per shard it owns, each holding a
	// connection while it waits: a client of its own, with a connection for every shard, keeps
	// them from taking the webhook's.
	if cfg.RedisURL != "" {
		reads, err := redisClientPool(cfg.RedisURL, cfg.Shards.N()+8)
		if err != nil {
			return err
		}
		defer reads.Close()
		sendOpts = append(sendOpts, sender.WithReadClient(reads, cfg.Shards.N()))
	}
	// WhatsApp entries go through the same sender when the channel is on (whatsapp.go).
	sendOpts = append(sendOpts, svc.wa.senderOptions()...)
	snd := sender.New(svc.rdb, svc.tg, streams.ConsumerName(), sendOpts...)
	var wg sync.WaitGroup
	senderErr := make(chan error, 1)
	wg.Go(func() { senderErr <- snd.Run(senderCtx) })
	// Referrals go out only when a destination is configured; until then they wait, durable, in
	// the outbox.
	if svc.routing != nil {
		worker := referrals.NewWorker(svc.cases, svc.routing, &http.Client{Timeout: 30 * time.Second}, streams.ConsumerName(),
			referrals.WithWorkerLogger(env.logger), referrals.WithWorkerRegisterer(svc.registry),
			referrals.WithBackoff(cfg.RetryBase, time.Hour), referrals.WithPoll(min(time.Second, cfg.RetryBase)),
			referrals.WithOnDelivered(svc.notifyDelivered))
		wg.Go(func() {
			if err := worker.Run(senderCtx); err != nil {
				env.logger.Error("referral worker stopped", "err", err)
			}
		})
	} else {
		env.logger.Warn("no REFERRAL_URL or TASDEEQ_ROUTING: consented reports stay queued")
	}
	wg.Go(func() { svc.keepRegister(senderCtx) })
	if svc.ocr != nil {
		wg.Go(func() { svc.runOCR(senderCtx, svc.ocr) })
	}
	// Campaigns are queued into the broadcast stream at the sender's pace, resumable from their
	// cursor after a restart.
	wg.Go(func() {
		if err := svc.campaigns.Run(senderCtx); err != nil && !errors.Is(err, context.Canceled) {
			env.logger.Error("campaigns stopped", "err", err)
		}
	})

	var serveErr error
	if *polling {
		serveErr = svc.poll(ctx)
	} else {
		serveErr = svc.serveWebhook(ctx, stdout)
	}
	// Updates have stopped coming in; give the sender the rest of the budget to drain what is
	// queued, then stop it. What it has not sent stays pending in Redis for the next start.
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), min(svc.cfg.ShutdownTimeout/2, 5*time.Second))
	defer cancel()
	svc.waitQueued(drain)
	stopSender()
	wg.Wait()
	if err := <-senderErr; err != nil && !errors.Is(err, context.Canceled) {
		return errors.Join(serveErr, fmt.Errorf("sender: %w", err))
	}
	env.logger.Info("stopped")
	return serveErr
}

// serveWebhook serves HTTP until ctx ends, then shuts the server down gracefully.
func (s *service) serveWebhook(ctx context.Context, stdout io.Writer) error {
	// The admin API's parts by path; the /admin group checks the bearer token before any.
	links := outreach.AdminHandler(s.links, s.stats, func() string { return s.username }, s.logger,
		outreach.WithWhatsAppNumber(s.wa.waNumber())) // wa.me links too when WhatsApp is on
	admin := map[string]http.Handler{
		"/admin/links":     links,
		"/admin/stats":     links,
		"/admin/campaigns": outreach.CampaignsAdmin(s.campaigns),
		"/admin/referrals": referrals.AdminHandler(s.cases, s.logger),
	}
	con, err := s.console()
	if err != nil {
		return err
	}
	h, err := webhook.New(webhook.Config{
		Secret:     s.cfg.WebhookSecret,
		Processor:  s.processor,
		Ready:      s.ready,
		Registry:   s.registry,
		Logger:     s.logger,
		AdminToken: s.cfg.AdminToken,
		Admin:      admin,
		Console:    con,
		WhatsApp:   s.wa.webhook(),
	})
	if err != nil {
		return err
	}
	srv := webhook.NewServer(s.cfg.Addr, h)
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	maxConns := connCap(s.cfg.MaxConns, s.logger)
	ln = webhook.LimitListener(ln, maxConns)
	// Tests and scripts read the address when the port was chosen by the system (":0").
	fmt.Fprintf(stdout, "listening on %s\n", ln.Addr())
	s.logger.Info("serving", "addr", ln.Addr().String(), "max_conns", maxConns)
	servers := []*webhook.Server{srv}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if s.cfg.ProbeAddr != "" {
		// The probes get a listener of their own, out of the public's reach and with a small cap
		// of its own, so a full public listener does not make the kubelet restart a busy pod.
		pln, err := net.Listen("tcp", s.cfg.ProbeAddr)
		if err != nil {
			srv.Close()
			return fmt.Errorf("listen for probes: %w", err)
		}
		pln = webhook.LimitListener(pln, probeConns)
		probes := webhook.NewServer(s.cfg.ProbeAddr, webhook.Probes(h))
		servers = append(servers, probes)
		fmt.Fprintf(stdout, "probes listening on %s\n", pln.Addr())
		s.logger.Info("serving probes", "addr", pln.Addr().String())
		go func() { errc <- probes.Serve(pln) }()
	}
	select {
	case err := <-errc:
		for _, srv := range servers {
			srv.Close()
		}
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	// Shutdown stops accepting and waits for requests in flight, so an update being stepped is
	// committed (or refused with 503) before we go on.
	var errs []error
	for _, srv := range servers {
		if err := srv.Shutdown(shutdown); err != nil {
			errs = append(errs, fmt.Errorf("http shutdown: %w", err))
		}
	}
	return errors.Join(errs...)
}

// probeConns caps the probe listener: the kubelet and Prometheus need a few connections at most.
const probeConns = 32

// connCap is TASDEEQ_MAX_CONNS, lowered when the process may not open that many files: some
// descriptors must stay free for Redis, the probe listener, the Bot API and pictures being read,
// or past the file limit nothing answers at all.
func connCap(want int, log *slog.Logger) int {
	const spare = 128
	limit, ok := fileLimit()
	if !ok || limit <= 2*spare || uint64(want) <= limit-spare {
		return want
	}
	capped := int(limit - spare)
	log.Warn("TASDEEQ_MAX_CONNS lowered to fit the open-file limit", "want", want, "max_conns", capped, "file_limit", limit)
	return capped
}

// poll fetches updates with getUpdates and steps each in order; a step that fails is retried, so
// nothing is lost while Redis is briefly away.
func (s *service) poll(ctx context.Context) error {
	handler := func(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
		for wait := 500 * time.Millisecond; ; wait = min(2*wait, 30*time.Second) {
			err := s.processor.Process(ctx, u)
			if err == nil {
				return
			}
			s.logger.Warn("update failed, retrying", "update_id", u.ID, "err", err)
			if streams.Sleep(ctx, wait) != nil {
				return
			}
		}
	}
	tg, err := tgbot.New(s.cfg.TelegramToken, tgbot.WithServerURL(s.cfg.TelegramAPIURL), tgbot.WithSkipGetMe(),
		tgbot.WithDefaultHandler(handler), tgbot.WithNotAsyncHandlers(),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery}))
	if err != nil {
		return fmt.Errorf("bot api client: %w", err)
	}
	if _, err := tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		s.logger.Warn("deleteWebhook failed; getUpdates will fail while a webhook is set", "err", err)
	}
	s.logger.Info("polling for updates")
	tg.Start(ctx) // returns when ctx ends
	return nil
}

// ready is /readyz: Redis answers and the licence register is there. A Redis that restarted
// empty has lost the register; it is imported again here (and by keepRegister), and until then
// the replica is not ready, so that checks are not refused one by one.
func (s *service) ready(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return err
	}
	return s.ensureRegister(ctx)
}

// ensureRegister imports the register again when it is empty, and notices a Redis that came
// back without its data: the epoch key (markEpoch) is gone. Such a loss is counted once in
// tasdeeq_redis_emptied_total and logged as an error, and the epoch is marked again only after
// the register is back, so /readyz answers 503 until then.
func (s *service) ensureRegister(ctx context.Context) error {
	s.seedMu.Lock()
	defer s.seedMu.Unlock()
	gone, err := epochGone(ctx, s.rdb)
	if err != nil {
		return err
	}
	if gone && !s.lossSeen {
		s.lossSeen = true
		s.emptied.Inc()
		s.logger.Error("Redis came back empty: replies, cases and sessions written before may be lost; re-importing the register")
	}
	if err := seedRegister(ctx, s.env, s.store, s.cfg.Licences); err != nil {
		return err
	}
	if gone {
		if err := markEpoch(ctx, s.rdb); err != nil {
			return err
		}
		s.lossSeen = false
	}
	return nil
}

// epochKey is set once in a Redis that holds Tasdeeq's data, and never expires. It is gone only
// when Redis lost everything (a restart without persistence, a flush, a failover to an empty
// replica), which the replicas notice on their next readiness check.
const epochKey = "tasdeeq:epoch"

// epochKeys are the keys markEpoch sets and epochGone looks for: epochKey on a single Redis. On
// a Redis Cluster that one key would live on one primary and miss the loss of any other (a
// primary restarted without persistence, a failover to a replica that had not synced), so there
// is a key in every block of 128 slots instead: a primary that comes back empty loses those of
// the blocks it serves, and they move with their slots when the cluster is resharded. (A primary
// serving no whole block, which takes a deliberately odd reshard, may hold none.)
func epochKeys(rdb redis.UniversalClient) []string {
	if _, ok := rdb.(*redis.ClusterClient); ok {
		return clusterEpochKeys()
	}
	return []string{epochKey}
}

// clusterEpochKeys are "tasdeeq:{epochN}:epoch" for the first N whose slot falls in each block
// of 128 slots, so that every replica computes the same keys.
var clusterEpochKeys = sync.OnceValue(func() []string {
	const block = 128
	keys := make([]string, keyslot.Slots/block)
	for n, left := 0, len(keys); left > 0; n++ {
		tag := "epoch" + strconv.Itoa(n)
		if b := keyslot.Of(tag) / block; keys[b] == "" {
			keys[b] = "tasdeeq:{" + tag + "}:epoch"
			left--
		}
	}
	return keys
})

// epochGone tells whether any epoch key is missing. The keys of a cluster lie in many slots: a
// plain pipeline, which the cluster client splits by slot, reads them all at once.
func epochGone(ctx context.Context, rdb redis.UniversalClient) (bool, error) {
	keys := epochKeys(rdb)
	cmds := make([]*redis.IntCmd, len(keys))
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = p.Exists(ctx, k)
		}
		return nil
	}); err != nil {
		return false, err
	}
	for _, c := range cmds {
		if c.Val() == 0 {
			return true, nil
		}
	}
	return false, nil
}

// markEpoch sets the epoch keys that are not there.
func markEpoch(ctx context.Context, rdb redis.UniversalClient) error {
	now := time.Now().UTC().Format(time.RFC3339)
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range epochKeys(rdb) {
			p.SetNX(ctx, k, now, 0)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("mark the epoch key: %w", err)
	}
	return nil
}

// keepRegister re-imports the register every few seconds if Redis lost it.
func (s *service) keepRegister(ctx context.Context) {
	for {
		if streams.Sleep(ctx, 3*time.Second) != nil {
			return
		}
		if err := s.ensureRegister(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("licence register check failed", "err", err)
		}
	}
}

// notifyDelivered tells the reporter, in their language, that their case reached an agency, with
// the agency's reference when it gave one.
func (s *service) notifyDelivered(ctx context.Context, c referrals.Case, target, reference string) {
	lang := locales.Parse(c.Lang)
	agency, err := s.bundle.Lookup(lang, "agency."+target, nil)
	if err != nil {
		agency = target
	}
	data := map[string]any{"ID": c.ID, "Agencies": agency, "Reference": reference}
	id := "case.delivered_user"
	if reference != "" {
		id = "case.delivered_reference"
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		return outbox.Enqueue(ctx, p, s.cfg.Shards.Of(c.UserID), outbox.Outgoing{ChatID: c.ChatID, Text: s.bundle.T(lang, id, data), Kind: outbox.Reply, Enqueued: time.Now(),
			Notice: &outbox.Notice{Kind: outbox.NoticeCase, Lang: string(lang), Params: []string{c.ID}}})
	})
	if err != nil {
		s.logger.Warn("could not queue the delivery notice", "case", c.ID, "err", err)
	}
}

// waitQueued waits until no shard's reply stream holds anything, or ctx ends (the shards this
// replica does not send are other replicas' to drain; waiting for them too costs at most the
// drain budget and lets a lone replica finish its own).
func (s *service) waitQueued(ctx context.Context) {
	all := s.cfg.Shards.All()
	for {
		lens := make([]*redis.IntCmd, len(all))
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, sh := range all {
				lens[i] = p.XLen(ctx, outbox.RepliesStream(sh))
			}
			return nil
		})
		waiting := int64(0)
		for _, l := range lens {
			waiting += l.Val()
		}
		if err == nil && waiting == 0 {
			return
		}
		if streams.Sleep(ctx, 50*time.Millisecond) != nil {
			return
		}
	}
}
