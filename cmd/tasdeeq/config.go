package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// config is the service configuration of design.md §3: environment variables, overridden by
// flags of the same name in kebab case (TELEGRAM_TOKEN → --telegram-token).
type config struct {
	Addr            string
	ProbeAddr       string // a second listener for /healthz, /readyz and /metrics only; empty: none
	MaxConns        int    // open connections on Addr at most (clipped to the file limit)
	RedisURL        string
	TelegramToken   string
	TelegramAPIURL  string
	WebhookSecret   string
	Licences        string
	HelpDirectory   string // offices and helplines TOML; empty: the bundled deploy/help/offices.toml
	AdminToken      string
	BotUsername     string
	ReferralURL     string
	ReferralSecret  string
	Routing         string        // routing.toml; empty: REFERRAL_URL alone
	ReferralReview  string        // off or counsellor
	Counsellors     string        // Telegram user ids, comma separated
	RetryBase       time.Duration // the first wait before a referral is POSTed again
	SendClaimIdle   time.Duration // how long a dead sender's messages wait before another takes them
	SendLease       time.Duration // how long a replica owns a send shard without renewing its lease
	SendBacklogMax  int64         // replies waiting to be sent from which new updates are answered 503
	SendPerChat     time.Duration // the least time between two messages to one chat
	SendPerSecond   float64       // broadcasts per second over all chats
	SendWorkers     int           // Bot API calls in flight at most
	PaidBroadcast   bool          // broadcasts use allow_paid_broadcast (up to 1,000 a second)
	ShutdownTimeout time.Duration
	Shards          shards.Ring     // the key layout's shards (TASDEEQ_SHARDS), fixed for a deployment's life
	RedisWait       bot.ReplicaWait // replicas each commit waits for (TASDEEQ_REDIS_WAIT)
	OCR             ocrConfig       // reading pictures of ads (ocr.go)
	Reports         reportsSettings
	WhatsApp        whatsappConfig // the WhatsApp channel (whatsapp.go)
}

// configVar is one setting: its environment name, default and destination.
type configVar struct {
	env, def, help string
	dst            *string
}

func (c *config) vars() []configVar {
	vars := []configVar{
		{"TASDEEQ_ADDR", ":8080", "HTTP listen address", &c.Addr},
		{"TASDEEQ_PROBE_ADDR", "", "listen address for /healthz, /readyz and /metrics alone, out of the public's reach; empty: none", &c.ProbeAddr},
		{"REDIS_URL", "", "Redis URL; empty: embedded in-memory Redis", &c.RedisURL},
		{"TELEGRAM_TOKEN", "", "bot token (required for serve)", &c.TelegramToken},
		{"TELEGRAM_API_URL", "https://api.telegram.org", "Bot API base URL", &c.TelegramAPIURL},
		{"TELEGRAM_WEBHOOK_SECRET", "", "expected X-Telegram-Bot-Api-Secret-Token (required for serve)", &c.WebhookSecret},
		{"TASDEEQ_LICENCES", "", "register CSV imported at start when the register is empty", &c.Licences},
		{"TASDEEQ_HELP_DIRECTORY", "", "offices and helplines file (deploy/help/offices.toml schema); empty: the bundled one", &c.HelpDirectory},
		{"TASDEEQ_ADMIN_TOKEN", "", "bearer token for /admin/*; empty: admin API off", &c.AdminToken},
		{"TELEGRAM_BOT_USERNAME", "", "the bot's username; empty: asked of getMe at start", &c.BotUsername},
		{"REFERRAL_URL", "", "where confirmed cases are POSTed; empty: referrals stay queued", &c.ReferralURL},
		{"REFERRAL_SECRET", "", "HMAC-SHA256 key for X-Tasdeeq-Signature (required with REFERRAL_URL)", &c.ReferralSecret},
		{"TASDEEQ_ROUTING", "", "routing file (deploy/routing.toml) sending cases to FIA, NCCIA or BEOE by their signs", &c.Routing},
		{"TASDEEQ_REFERRAL_REVIEW", "off", "off: refer consented high-risk reports at once; counsellor: hold every report for a counsellor", &c.ReferralReview},
		{"TASDEEQ_COUNSELLORS", "", "Telegram user ids of counsellors, comma separated; WhatsApp counsellors as wa:<number>", &c.Counsellors},
	}
	vars = append(vars, c.WhatsApp.vars()...)
	return append(vars, c.Reports.vars()...)
}

// kebab turns TELEGRAM_API_URL into telegram-api-url.
func kebab(env string) string { return strings.ToLower(strings.ReplaceAll(env, "_", "-")) }

// loadConfig reads the environment, then lets flags on fs override it. It registers the flags
// and returns a function that finishes once fs has been parsed.
func loadConfig(fs *flag.FlagSet, getenv func(string) string) (*config, func() error) {
	c := &config{}
	for _, v := range c.vars() {
		def := getenv(v.env)
		if def == "" {
			def = v.def
		}
		fs.StringVar(v.dst, kebab(v.env), def, v.help+" ("+v.env+")")
	}
	perChat := fs.String("tasdeeq-send-per-chat", or(getenv("TASDEEQ_SEND_PER_CHAT"), "1s"), "least time between two messages to one chat (TASDEEQ_SEND_PER_CHAT)")
	perSecond := fs.Float64("tasdeeq-send-per-second", 30, "broadcasts per second over all chats; 1000 by default with TASDEEQ_PAID_BROADCAST=1 (TASDEEQ_SEND_PER_SECOND)")
	sendWorkers := fs.String("tasdeeq-send-workers", or(getenv("TASDEEQ_SEND_WORKERS"), "32"), "Bot API calls in flight at most (TASDEEQ_SEND_WORKERS)")
	paid := fs.String("tasdeeq-paid-broadcast", or(getenv("TASDEEQ_PAID_BROADCAST"), "0"), "1: broadcasts use allow_paid_broadcast, up to 1,000 a second, paid in Telegram Stars (TASDEEQ_PAID_BROADCAST)")
	shutdown := fs.String("tasdeeq-shutdown-timeout", or(getenv("TASDEEQ_SHUTDOWN_TIMEOUT"), "20s"), "how long a SIGTERM waits for in-flight work (TASDEEQ_SHUTDOWN_TIMEOUT)")
	claimIdle := fs.String("tasdeeq-send-claim-idle", or(getenv("TASDEEQ_SEND_CLAIM_IDLE"), "60s"), "how long messages held by a sender that died wait before another takes them over (TASDEEQ_SEND_CLAIM_IDLE)")
	sendLease := fs.String("tasdeeq-send-lease", or(getenv("TASDEEQ_SEND_LEASE"), "15s"), "how long a replica's sender owns a shard's send streams without renewing (every fifth of it); a replica that died has its shards read by the others after about this long (TASDEEQ_SEND_LEASE)")
	backlogMax := fs.String("tasdeeq-send-backlog-max", or(getenv("TASDEEQ_SEND_BACKLOG_MAX"), "100000"), "replies waiting to be sent from which new updates are answered 503, so that Telegram sends them again later (TASDEEQ_SEND_BACKLOG_MAX)")
	maxConns := fs.String("tasdeeq-max-conns", or(getenv("TASDEEQ_MAX_CONNS"), "1024"), "open connections on TASDEEQ_ADDR at most; more wait in the kernel's queue (TASDEEQ_MAX_CONNS)")
	nShards := fs.String("tasdeeq-shards", or(getenv("TASDEEQ_SHARDS"), strconv.Itoa(shards.Default)), "hash-tag shards of the Redis keys; chosen at the first start and never changed (TASDEEQ_SHARDS)")
	redisWait := fs.String("tasdeeq-redis-wait", or(getenv("TASDEEQ_REDIS_WAIT"), "0"), "replicas each commit must reach before an update is answered 200; 0: do not wait (TASDEEQ_REDIS_WAIT)")
	redisWaitTimeout := fs.String("tasdeeq-redis-wait-timeout", or(getenv("TASDEEQ_REDIS_WAIT_TIMEOUT"), "500ms"), "how long a commit waits for its replicas before the update is answered 503 (TASDEEQ_REDIS_WAIT_TIMEOUT)")
	retryBase := fs.String("tasdeeq-referral-retry", or(getenv("TASDEEQ_REFERRAL_RETRY"), "30s"), "first wait before a failed referral is sent again; it doubles to an hour (TASDEEQ_REFERRAL_RETRY)")
	c.OCR.flags(fs, getenv)
	return c, func() error {
		d, err := time.ParseDuration(*perChat)
		if err != nil || d < 0 {
			return fmt.Errorf("%w: --tasdeeq-send-per-chat %q: want a duration such as 1s", errUsage, *perChat)
		}
		c.SendPerChat = d
		c.SendPerSecond = *perSecond
		if env := getenv("TASDEEQ_SEND_PER_SECOND"); env != "" && !flagSet(fs, "tasdeeq-send-per-second") {
			if _, err := fmt.Sscan(env, &c.SendPerSecond); err != nil {
				return fmt.Errorf("TASDEEQ_SEND_PER_SECOND %q: %w", env, err)
			}
		}
		switch *paid {
		case "0", "":
		case "1":
			c.PaidBroadcast = true
			if getenv("TASDEEQ_SEND_PER_SECOND") == "" && !flagSet(fs, "tasdeeq-send-per-second") {
				c.SendPerSecond = 1000
			}
		default:
			return fmt.Errorf("%w: TASDEEQ_PAID_BROADCAST %q: want 0 or 1", errUsage, *paid)
		}
		if c.SendPerSecond <= 0 || (c.PaidBroadcast && c.SendPerSecond > 1000) {
			return fmt.Errorf("%w: messages per second must be above 0 (and at most 1000 with paid broadcasts)", errUsage)
		}
		if c.SendWorkers, err = strconv.Atoi(*sendWorkers); err != nil || c.SendWorkers < 1 || c.SendWorkers > 1024 {
			return fmt.Errorf("%w: TASDEEQ_SEND_WORKERS %q: want a number from 1 to 1024", errUsage, *sendWorkers)
		}
		if c.ShutdownTimeout, err = time.ParseDuration(*shutdown); err != nil || c.ShutdownTimeout <= 0 {
			return fmt.Errorf("%w: TASDEEQ_SHUTDOWN_TIMEOUT %q: want a duration such as 20s", errUsage, *shutdown)
		}
		if c.SendClaimIdle, err = time.ParseDuration(*claimIdle); err != nil || c.SendClaimIdle < time.Second {
			return fmt.Errorf("%w: TASDEEQ_SEND_CLAIM_IDLE %q: want a duration of at least 1s", errUsage, *claimIdle)
		}
		// Below a second the renewals (every fifth of the lease) become a steady load on Redis, and
		// a pause of the process (a GC, a slow node) costs the shards; above five minutes a dead
		// replica's users wait that long for their replies.
		if c.SendLease, err = time.ParseDuration(*sendLease); err != nil || c.SendLease < time.Second || c.SendLease > 5*time.Minute {
			return fmt.Errorf("%w: TASDEEQ_SEND_LEASE %q: want a duration from 1s to 5m", errUsage, *sendLease)
		}
		if c.SendBacklogMax, err = strconv.ParseInt(*backlogMax, 10, 64); err != nil || c.SendBacklogMax < 1 {
			return fmt.Errorf("%w: TASDEEQ_SEND_BACKLOG_MAX %q: want a number of replies such as 100000", errUsage, *backlogMax)
		}
		if c.MaxConns, err = strconv.Atoi(*maxConns); err != nil || c.MaxConns < 1 {
			return fmt.Errorf("%w: TASDEEQ_MAX_CONNS %q: want a number of connections such as 1024", errUsage, *maxConns)
		}
		n, err := strconv.Atoi(*nShards)
		if err == nil {
			c.Shards, err = shards.New(n)
		}
		if err != nil {
			return fmt.Errorf("%w: TASDEEQ_SHARDS %q: want a number from 1 to %d", errUsage, *nShards, shards.Max)
		}
		if c.RedisWait.Replicas, err = strconv.Atoi(*redisWait); err != nil || c.RedisWait.Replicas < 0 || c.RedisWait.Replicas > 16 {
			return fmt.Errorf("%w: TASDEEQ_REDIS_WAIT %q: want a number of replicas from 0 to 16", errUsage, *redisWait)
		}
		if c.RedisWait.Timeout, err = time.ParseDuration(*redisWaitTimeout); err != nil || c.RedisWait.Timeout < time.Millisecond || c.RedisWait.Timeout > 2*time.Second {
			return fmt.Errorf("%w: TASDEEQ_REDIS_WAIT_TIMEOUT %q: want a duration from 1ms to 2s", errUsage, *redisWaitTimeout)
		}
		if c.RetryBase, err = time.ParseDuration(*retryBase); err != nil || c.RetryBase <= 0 {
			return fmt.Errorf("%w: TASDEEQ_REFERRAL_RETRY %q: want a duration such as 30s", errUsage, *retryBase)
		}
		if c.ReferralReview != "off" && c.ReferralReview != "counsellor" {
			return fmt.Errorf("%w: TASDEEQ_REFERRAL_REVIEW must be off or counsellor, not %q", errUsage, c.ReferralReview)
		}
		if c.ReferralURL != "" && c.ReferralSecret == "" {
			return fmt.Errorf("%w: REFERRAL_SECRET is required with REFERRAL_URL", errUsage)
		}
		c.TelegramAPIURL = strings.TrimRight(c.TelegramAPIURL, "/")
		if err := c.WhatsApp.finish(); err != nil {
			return err
		}
		return c.OCR.finish()
	}
}

// counsellors parses TASDEEQ_COUNSELLORS.
func (c *config) counsellors() (map[int64]bool, error) {
	out := map[int64]bool{}
	for _, f := range strings.FieldsFunc(c.Counsellors, func(r rune) bool { return r == ',' || r == ' ' }) {
		if waID, ok := strings.CutPrefix(f, "wa:"); ok { // a counsellor on WhatsApp (whatsapp.go)
			id, err := outbox.WhatsAppChat(waID)
			if err != nil {
				return nil, fmt.Errorf("%w: TASDEEQ_COUNSELLORS: %q is not a WhatsApp number (wa:923001234567)", errUsage, f)
			}
			out[id] = true
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: TASDEEQ_COUNSELLORS: %q is not a Telegram user id", errUsage, f)
		}
		out[id] = true
	}
	return out, nil
}

// routing is the referral routing: the routing file, else the REFERRAL_URL shorthand, else nil
// (cases stay queued until one is configured).
func (c *config) routing(getenv func(string) string) (*referrals.Routing, error) {
	switch {
	case c.Routing != "":
		return referrals.LoadRouting(c.Routing, getenv)
	case c.ReferralURL != "":
		return referrals.SingleTarget(c.ReferralURL, c.ReferralSecret)
	}
	return nil, nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
