package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// tasdeeq loadtest posts realistic Telegram updates to a running `tasdeeq serve` and reports
// throughput and latency; `tasdeeq loadtest --bare-server ADDR` serves the same Echo webhook
// stack with a Processor that does nothing, to measure the ceiling. See docs/loadtest.md.

const (
	loadtestPath = "/telegram/webhook"
	// lateAfter is how far behind its schedule a paced request may start before it counts as late.
	lateAfter = time.Millisecond
	// pacedInFlight bounds the requests in flight in paced mode when --concurrency is not given,
	// so a server that stops answering cannot make the client open connections without end.
	pacedInFlight = 4096
	// chatBase offsets the generated user and chat ids from any real or test ones.
	chatBase = 7_000_000_000
)

type loadtestOptions struct {
	url         string
	secret      string
	rate        float64
	duration    time.Duration
	concurrency int
	chats       int
	seed        uint64
	count       int64
	firstID     int64
	timeout     time.Duration
	mix         string
	json        bool
	allowRemote bool
	bareServer  string
	// Surge mode: surge new users a second, each /start then an ad, against serve whose Bot API
	// is the fake this command runs on fakeAPI, answering after apiLatency.
	surge      float64
	fakeAPI    string
	apiLatency time.Duration
	drain      time.Duration
	quiet      time.Duration
	adAfter    string
}

func runLoadtest(ctx context.Context, args []string, env environment, stdout io.Writer) error {
	fs := newFlags("loadtest")
	var o loadtestOptions
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "base URL of the running server (loopback only unless --allow-remote)")
	fs.StringVar(&o.secret, "secret", env.getenv("TELEGRAM_WEBHOOK_SECRET"), "X-Telegram-Bot-Api-Secret-Token to send (default $TELEGRAM_WEBHOOK_SECRET)")
	fs.Float64Var(&o.rate, "rate", 0, "updates a second on a fixed schedule; 0 is flat out")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to send")
	fs.IntVar(&o.concurrency, "concurrency", 0, "requests in flight (default 64 flat out; paced: at most 4096)")
	fs.IntVar(&o.chats, "chats", 10_000, "distinct users (private chats)")
	var seed int64
	fs.Int64Var(&seed, "seed", 1, "seed of the update mix")
	fs.Int64Var(&o.count, "count", 0, "stop after this many updates (0: only --duration bounds the run)")
	fs.Int64Var(&o.firstID, "first-update-id", 0, "first update_id (0: from the clock, so runs do not repeat ids)")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Second, "timeout of one request; the run ends at most this long after --duration")
	fs.StringVar(&o.mix, "mix", "realistic", "realistic (random chats, mixed updates); start, ad (each chat in turn sends /start, or an ad); start-ad (each chat /start, then each an ad)")
	fs.BoolVar(&o.json, "json", false, "print the result as one JSON object")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "allow a --url that is not this machine")
	fs.StringVar(&o.bareServer, "bare-server", "", "instead of sending, serve a bare webhook handler (no-op processor) on ADDR until stopped")
	fs.Float64Var(&o.surge, "surge", 0, "surge mode: this many new users a second, each /start then an ad; measures update -> first reply at a fake Bot API (--fake-api)")
	fs.StringVar(&o.fakeAPI, "fake-api", "127.0.0.1:18090", "surge mode: where the fake Bot API listens (serve's TELEGRAM_API_URL must be http://ADDR)")
	fs.DurationVar(&o.apiLatency, "api-latency", 50*time.Millisecond, "surge mode: the fake Bot API answers every call after this long, like the real one")
	fs.DurationVar(&o.drain, "drain", 5*time.Minute, "surge mode: how long after the last user to wait for the replies")
	fs.DurationVar(&o.quiet, "quiet", 2*time.Second, "surge mode: once every user is answered, stop when no reply came for this long")
	fs.StringVar(&o.adAfter, "ad-after", "reply", "surge mode: a user sends the ad once their first reply arrives (reply) or once the webhook answered their /start (answer)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	o.seed = uint64(seed)
	if o.bareServer != "" {
		return runBareServer(ctx, env, o, stdout)
	}
	target, err := loadtestTarget(o.url, o.allowRemote)
	if err != nil {
		return err
	}
	switch {
	case o.secret == "":
		return fmt.Errorf("%w: loadtest needs --secret or TELEGRAM_WEBHOOK_SECRET (the server answers 401 without it)", errUsage)
	case o.rate < 0 || math.IsNaN(o.rate) || math.IsInf(o.rate, 0):
		return fmt.Errorf("%w: --rate must be 0 or more", errUsage)
	case o.duration <= 0:
		return fmt.Errorf("%w: --duration must be positive", errUsage)
	case o.concurrency < 0:
		return fmt.Errorf("%w: --concurrency must be positive", errUsage)
	case o.chats <= 0:
		return fmt.Errorf("%w: --chats must be positive", errUsage)
	case o.timeout <= 0:
		return fmt.Errorf("%w: --timeout must be positive", errUsage)
	case !slices.Contains([]string{"realistic", "start", "ad", "start-ad"}, o.mix):
		return fmt.Errorf("%w: --mix is realistic, start, ad or start-ad", errUsage)
	case o.surge < 0 || math.IsNaN(o.surge) || math.IsInf(o.surge, 0):
		return fmt.Errorf("%w: --surge must be 0 or more", errUsage)
	}
	if o.firstID == 0 {
		// Milliseconds times 1,000: unique across runs a millisecond apart, exact in a float64.
		o.firstID = time.Now().UnixMilli() * 1000
	}
	if o.surge > 0 {
		return runSurge(ctx, target, o, stdout)
	}
	if o.concurrency == 0 {
		o.concurrency = 64
		if o.rate > 0 {
			o.concurrency = pacedInFlight
		}
	}
	res := loadtest(ctx, target, o)
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		res.print(stdout)
	}
	if failed := res.Sent - res.OK; failed > 0 {
		return fmt.Errorf("loadtest: %d of %d updates failed", failed, res.Sent)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

// loadtestTarget checks the base URL and returns the webhook URL. Only this machine may be loaded
// (loopback addresses and "localhost") unless allowRemote is set.
func loadtestTarget(base string, allowRemote bool) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%w: --url %q is not an http(s) base URL", errUsage, base)
	}
	if !allowRemote && !isLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("%w: --url %s is not this machine; loadtest only loads loopback addresses unless --allow-remote is given", errUsage, u.Host)
	}
	return strings.TrimSuffix(u.Scheme+"://"+u.Host+u.Path, "/") + loadtestPath, nil
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// runBareServer serves webhook.New with a no-op Processor: the same Echo stack, secret check,
// body read, JSON decode, metrics and request log as serve, minus the dialog step and Redis.
func runBareServer(ctx context.Context, env environment, o loadtestOptions, stdout io.Writer) error {
	if o.secret == "" {
		return fmt.Errorf("%w: --bare-server needs --secret or TELEGRAM_WEBHOOK_SECRET", errUsage)
	}
	h, err := webhook.New(webhook.Config{Secret: o.secret, Processor: noopProcessor{}, Logger: env.logger})
	if err != nil {
		return err
	}
	srv := webhook.NewServer(o.bareServer, h)
	ln, err := net.Listen("tcp", o.bareServer)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	fmt.Fprintf(stdout, "listening on %s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

type noopProcessor struct{}

func (noopProcessor) Process(context.Context, *models.Update) error { return nil }

// loadResult is what a run measured; its JSON is the --json output.
type loadResult struct {
	URL         string  `json:"url"`
	Mode        string  `json:"mode"` // "flat-out" or "paced"
	Rate        float64 `json:"rate,omitempty"`
	Concurrency int     `json:"concurrency"`
	DurationS   float64 `json:"duration_s"`
	Chats       int     `json:"chats"`
	Mix         string  `json:"mix"`
	Seed        uint64  `json:"seed"`
	// Sent counts requests started; OK those answered 2xx; Errors the rest by "status NNN" or
	// "network: kind".
	Sent   int64            `json:"sent"`
	OK     int64            `json:"ok"`
	Errors map[string]int64 `json:"errors"`
	// ElapsedS runs from the first request to the last answer.
	ElapsedS float64 `json:"elapsed_s"`
	// Throughput is OK answers a second over ElapsedS.
	Throughput float64 `json:"throughput"`
	// LatencyMS is from sending a request to reading its whole answer, over every answer.
	LatencyMS percentiles `json:"latency_ms"`
	// Paced mode: requests that started more than 1 ms after their scheduled time, the worst
	// lag, and the latency counted from the scheduled time (what a user waiting would see).
	Scheduled          int64        `json:"scheduled,omitempty"`
	Late               int64        `json:"late"`
	MaxLagMS           float64      `json:"max_lag_ms"`
	FromScheduleMS     *percentiles `json:"latency_from_schedule_ms,omitempty"`
	StoppedByInterrupt bool         `json:"stopped_by_interrupt,omitempty"`
}

type percentiles struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

func percentilesOf(d []time.Duration) percentiles {
	if len(d) == 0 {
		return percentiles{}
	}
	slices.Sort(d)
	at := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(d)))) - 1 // nearest rank
		return ms(d[max(i, 0)])
	}
	return percentiles{P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: ms(d[len(d)-1])}
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/10) / 100 }

func (r *loadResult) print(w io.Writer) {
	mode := fmt.Sprintf("flat out, %d in flight", r.Concurrency)
	if r.Mode == "paced" {
		mode = fmt.Sprintf("paced at %g updates/s (at most %d in flight)", r.Rate, r.Concurrency)
	}
	fmt.Fprintf(w, "loadtest %s\n", r.URL)
	fmt.Fprintf(w, "  mode        %s for %gs, %d chats, mix %s, seed %d\n", mode, r.DurationS, r.Chats, r.Mix, r.Seed)
	fmt.Fprintf(w, "  sent        %d\n", r.Sent)
	fmt.Fprintf(w, "  ok (2xx)    %d\n", r.OK)
	if len(r.Errors) == 0 {
		fmt.Fprintf(w, "  errors      0\n")
	} else {
		keys := make([]string, 0, len(r.Errors))
		var n int64
		for k, v := range r.Errors {
			keys = append(keys, k)
			n += v
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s: %d", k, r.Errors[k])
		}
		fmt.Fprintf(w, "  errors      %d (%s)\n", n, strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "  throughput  %.1f updates/s (2xx over %.2fs)\n", r.Throughput, r.ElapsedS)
	l := r.LatencyMS
	fmt.Fprintf(w, "  latency ms  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (from send)\n", l.P50, l.P95, l.P99, l.Max)
	if r.Mode == "paced" {
		fmt.Fprintf(w, "  schedule    %d scheduled, %d started late (>1 ms), max lag %.2f ms\n", r.Scheduled, r.Late, r.MaxLagMS)
		if s := r.FromScheduleMS; s != nil {
			fmt.Fprintf(w, "  latency ms  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (from schedule)\n", s.P50, s.P95, s.P99, s.Max)
		}
	}
	if r.StoppedByInterrupt {
		fmt.Fprintf(w, "  stopped early by an interrupt\n")
	}
}

// collector gathers the outcome of every request; each worker keeps its own and they are merged.
type collector struct {
	sent, ok   int64
	errors     map[string]int64
	latency    []time.Duration
	fromSched  []time.Duration
	late       int64
	maxLag     time.Duration
	lastAnswer time.Time
}

func (c *collector) merge(o *collector) {
	c.sent += o.sent
	c.ok += o.ok
	for k, v := range o.errors {
		c.errors[k] += v
	}
	c.latency = append(c.latency, o.latency...)
	c.fromSched = append(c.fromSched, o.fromSched...)
	c.late += o.late
	c.maxLag = max(c.maxLag, o.maxLag)
	if o.lastAnswer.After(c.lastAnswer) {
		c.lastAnswer = o.lastAnswer
	}
}

// loadtest runs the load and returns the result; it ends at most o.timeout after o.duration.
func loadtest(ctx context.Context, target string, o loadtestOptions) *loadResult {
	transport := &http.Transport{
		Proxy:               nil, // never through a proxy: the target is this machine
		DialContext:         (&net.Dialer{Timeout: o.timeout, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        o.concurrency,
		MaxIdleConnsPerHost: o.concurrency,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{
		Transport: transport,
		Timeout:   o.timeout,
		// A redirect could lead to another host: take the 3xx as the answer.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	gen := &updateGen{seed: o.seed, firstID: o.firstID, chats: int64(o.chats), mix: o.mix}
	total := int64(math.MaxInt64)
	if o.count > 0 {
		total = o.count
	}
	// Requests still in flight this long after the end are cut off (counted as network errors).
	hard, cancel := context.WithTimeout(ctx, o.duration+o.timeout)
	defer cancel()

	all := &collector{errors: map[string]int64{}}
	start := time.Now()
	res := &loadResult{URL: target, Mode: "flat-out", Concurrency: o.concurrency, DurationS: o.duration.Seconds(),
		Chats: o.chats, Mix: o.mix, Seed: o.seed}
	if o.rate > 0 {
		res.Mode, res.Rate = "paced", o.rate
		total = min(total, int64(math.Floor(o.rate*o.duration.Seconds()+1e-9)))
		res.Scheduled = total
		paced(ctx, hard, client, target, o, gen, total, start, all)
	} else {
		flatOut(ctx, hard, client, target, o, gen, total, start, all)
	}
	res.StoppedByInterrupt = ctx.Err() != nil
	res.Sent, res.OK, res.Errors = all.sent, all.ok, all.errors
	end := all.lastAnswer
	if end.IsZero() {
		end = time.Now()
	}
	elapsed := end.Sub(start)
	res.ElapsedS = math.Round(elapsed.Seconds()*1000) / 1000
	if elapsed > 0 {
		res.Throughput = math.Round(float64(all.ok)/elapsed.Seconds()*10) / 10
	}
	res.LatencyMS = percentilesOf(all.latency)
	if res.Mode == "paced" {
		p := percentilesOf(all.fromSched)
		res.FromScheduleMS = &p
		res.Late, res.MaxLagMS = all.late, ms(all.maxLag)
	}
	return res
}

// flatOut keeps o.concurrency requests in flight until the duration or the count is reached.
func flatOut(ctx, hard context.Context, client *http.Client, target string, o loadtestOptions, gen *updateGen, total int64, start time.Time, all *collector) {
	deadline := start.Add(o.duration)
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			c := &collector{errors: map[string]int64{}}
			for ctx.Err() == nil && time.Now().Before(deadline) {
				k := next.Add(1) - 1
				if k >= total {
					break
				}
				post(hard, client, target, o.secret, gen.body(k), c)
			}
			mu.Lock()
			all.merge(c)
			mu.Unlock()
		})
	}
	wg.Wait()
}

// paced is open-loop: request k is due at start + k/rate and is launched then, whether or not
// earlier ones have been answered (openLoop); one launched more than lateAfter after its time
// counts as late (the client or the machine could not keep up, or o.concurrency requests were
// already in flight).
func paced(ctx, hard context.Context, client *http.Client, target string, o loadtestOptions, gen *updateGen, total int64, start time.Time, all *collector) {
	results := make(chan *collector, 256)
	done := make(chan struct{})
	go func() {
		for c := range results {
			all.merge(c)
		}
		close(done)
	}()
	openLoop(ctx, o.rate, total, o.concurrency, start, func(k int64, sched time.Time) {
		c := &collector{errors: map[string]int64{}}
		lag := time.Since(sched)
		if lag > lateAfter {
			c.late = 1
		}
		c.maxLag = lag
		post(hard, client, target, o.secret, gen.body(k), c)
		if !c.lastAnswer.IsZero() {
			c.fromSched = append(c.fromSched, c.lastAnswer.Sub(sched))
		}
		results <- c
	})
	close(results)
	<-done
}

// openLoop calls fn(k, due) in its own goroutine for k = 0 … total-1, each at its due time
// start + k/rate whether or not earlier calls have returned, with at most concurrency running at
// once; a ticker wakes the scheduler, which launches every call that is due. It stops launching
// when ctx ends, and returns how many it launched once all of them have returned.
func openLoop(ctx context.Context, rate float64, total int64, concurrency int, start time.Time, fn func(k int64, due time.Time)) int64 {
	tick := time.NewTicker(max(time.Duration(float64(time.Second)/rate), time.Millisecond))
	defer tick.Stop()
	slots := make(chan struct{}, concurrency)
	due := func(k int64) time.Time { return start.Add(time.Duration(float64(k) * float64(time.Second) / rate)) }
	var wg sync.WaitGroup
	k := int64(0)
	for k < total && ctx.Err() == nil {
		for k < total && !time.Now().Before(due(k)) && ctx.Err() == nil {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				continue
			}
			n, sched := k, due(k)
			k++
			wg.Go(func() {
				defer func() { <-slots }()
				fn(n, sched)
			})
		}
		if k >= total {
			break
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
		}
	}
	wg.Wait()
	return k
}

// post sends one update and records its outcome in c.
func post(ctx context.Context, client *http.Client, target, secret string, body []byte, c *collector) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(string(body)))
	if err != nil {
		c.errors["network: "+err.Error()]++
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhook.SecretHeader, secret)
	c.sent++
	t0 := time.Now()
	resp, err := client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	now := time.Now()
	if err != nil {
		c.errors["network: "+networkKind(err)]++
		return
	}
	c.latency = append(c.latency, now.Sub(t0))
	c.lastAnswer = now
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		c.ok++
	} else {
		c.errors[fmt.Sprintf("status %d", resp.StatusCode)]++
	}
}

// networkKind names a transport error without its addresses, so the counts group.
func networkKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection reset"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "no local port"
	}
	return "other"
}

// updateGen makes update k of a run: a pure function of the seed and k, so runs repeat.
type updateGen struct {
	seed    uint64
	firstID int64
	chats   int64
	mix     string
	// firstChat is the chat of the first user of a surge (mix "surge": update 2i is user i's
	// /start, 2i+1 their ad, in chat firstChat+i).
	firstChat int64
}

// The texts users send. Amounts and numbers are varied per update where marked %d.
var (
	loadScamEn = []string{
		"Saudi Arabia jobs. 100%% visa guarantee! Registration fee Rs %d,000 on JazzCash 0300-5551234.",
		"URGENT: Dubai cleaners needed, salary AED 4500. Pay Rs %d,000 processing fee to this account before interview. Limited seats!",
		"Work visa for Poland in 3 weeks, no interview. Send Rs %d,000 by EasyPaisa to confirm your seat. Passport will be kept at office.",
		"Malaysia factory jobs, free visa free ticket, only medical fee Rs %d,000 cash. WhatsApp +92 301 5550000",
	}
	loadScamUr = []string{
		"سعودی عرب میں ڈرائیوروں کی ضرورت ہے۔ سو فیصد ویزا گارنٹی۔ رجسٹریشن فیس ۲۵ ہزار روپے جاز کیش پر بھیجیں۔",
		"دبئی میں صفائی کے کام کے لیے فوری ضرورت۔ تنخواہ ۱۵۰۰ درہم۔ پہلے ۵۰ ہزار روپے جمع کروائیں، ویزا پکا ہے۔",
		"قطر کے لیے مزدور چاہئیں، ٹکٹ اور ویزا مفت۔ میڈیکل فیس ۳۵۰۰۰ روپے ایزی پیسہ پر۔ رابطہ ۰۳۰۰۵۵۵۱۲۳۴",
	}
	loadScamRoman = []string{
		"Dubai mein naukri, visa pakka hai, pehle %d hazar jama karwayen",
		"Saudia ke liye driver chahiye, azad visa, tankhwa 2 lakh. Fees %d hazar advance bhejain JazzCash pe",
		"Italy ka visit visa pe kaam, 100 percent guarantee, pehly %d hazar registration fees",
		"Qatar jobs, interview nahi, sirf passport aur %d hazar cash office me jama karwa dein",
	}
	loadLawful = []string{
		"Crescent Manpower Services, OEPL No. 9848/LHR. Drivers for Saudi Arabia, salary SAR 1800. Interview at Office 4, Mall Road, Lahore. Permission No. PE/LHR/2026/1187.",
		"Talagang International, licence 9600/RWP. Electricians for Qatar, salary QAR 2200, free food and accommodation. Service charges as per BEOE rules. Test at our Rawalpindi office.",
		"کریسنٹ مین پاور سروسز، لائسنس نمبر ۹۸۴۸/LHR۔ سعودی عرب کے لیے ڈرائیور، تنخواہ ۱۸۰۰ ریال۔ انٹرویو دفتر ۴، مال روڈ لاہور۔",
	}
	loadGreetings = []string{"Hello", "hi", "Assalam o alaikum", "السلام علیکم", "Shukriya", "شکریہ", "thanks!", "yeh kya hai?", "کیا حال ہے"}
	loadLicences  = []string{"9848/LHR", "۹۸۴۸/LHR", "9848/lhr", "OEPL No. 9600/RWP", "9999/LHR", "9777/KAR", "Crescent Manpower"}
	loadButtons   = []string{"again", "lic", "report", "lang:ur"}
	loadChannels  = []string{"Gulf Jobs Pakistan", "Saudi Naukriyan", "Overseas Jobs 2026", "دبئی نوکریاں"}
)

// Wire types: only the fields the webhook and the processor read, in Telegram's JSON.
type (
	ltUser struct {
		ID           int64  `json:"id"`
		IsBot        bool   `json:"is_bot"`
		FirstName    string `json:"first_name"`
		LanguageCode string `json:"language_code,omitempty"`
	}
	ltChat struct {
		ID        int64  `json:"id"`
		Type      string `json:"type"`
		Title     string `json:"title,omitempty"`
		FirstName string `json:"first_name,omitempty"`
	}
	ltEntity struct {
		Type   string `json:"type"`
		Offset int    `json:"offset"`
		Length int    `json:"length"`
	}
	ltOrigin struct {
		Type           string  `json:"type"`
		Date           int64   `json:"date"`
		SenderUser     *ltUser `json:"sender_user,omitempty"`
		SenderUserName string  `json:"sender_user_name,omitempty"`
		Chat           *ltChat `json:"chat,omitempty"`
		MessageID      int64   `json:"message_id,omitempty"`
	}
	ltMessage struct {
		MessageID     int64      `json:"message_id"`
		Date          int64      `json:"date"`
		From          *ltUser    `json:"from,omitempty"`
		Chat          ltChat     `json:"chat"`
		Text          string     `json:"text,omitempty"`
		Entities      []ltEntity `json:"entities,omitempty"`
		ForwardOrigin *ltOrigin  `json:"forward_origin,omitempty"`
	}
	ltCallback struct {
		ID           string     `json:"id"`
		From         ltUser     `json:"from"`
		Message      *ltMessage `json:"message,omitempty"`
		ChatInstance string     `json:"chat_instance"`
		Data         string     `json:"data"`
	}
	ltUpdate struct {
		UpdateID      int64       `json:"update_id"`
		Message       *ltMessage  `json:"message,omitempty"`
		CallbackQuery *ltCallback `json:"callback_query,omitempty"`
	}
)

// body is the JSON of update k.
func (g *updateGen) body(k int64) []byte {
	b, err := json.Marshal(g.update(k))
	if err != nil {
		panic(err) // plain structs of strings and numbers always marshal
	}
	return b
}

func (g *updateGen) update(k int64) ltUpdate {
	r := rand.New(rand.NewPCG(g.seed, uint64(k)))
	id := g.firstID + k
	var chat int64
	switch g.mix {
	case "surge":
		chat = g.firstChat + k/2
	case "realistic":
		chat = chatBase + r.Int64N(g.chats)
	default:
		chat = chatBase + k%g.chats // every chat in turn
	}
	// A user's language is fixed per chat: a third write in Urdu.
	lang := "en"
	if chat%3 == 0 {
		lang = "ur"
	}
	user := ltUser{ID: chat, FirstName: "User", LanguageCode: lang}
	now := time.Now().Unix()
	msg := func(text string) ltUpdate {
		m := &ltMessage{MessageID: id % 1_000_000_000, Date: now, From: &user, Chat: ltChat{ID: chat, Type: "private", FirstName: "User"}, Text: text}
		if strings.HasPrefix(text, "/") {
			cmd, _, _ := strings.Cut(text, " ")
			m.Entities = []ltEntity{{Type: "bot_command", Offset: 0, Length: len(cmd)}}
		}
		return ltUpdate{UpdateID: id, Message: m}
	}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	amount := func(s string) string {
		if strings.Contains(s, "%d") {
			return fmt.Sprintf(s, 10+5*r.IntN(30))
		}
		return strings.ReplaceAll(s, "%%", "%")
	}
	ad := func() string {
		switch n := r.IntN(10); {
		case n < 3:
			return amount(pick(loadScamEn))
		case n < 5:
			return pick(loadScamUr)
		case n < 8:
			return amount(pick(loadScamRoman))
		default:
			return pick(loadLawful)
		}
	}
	switch {
	case g.mix == "surge" && k%2 == 0:
		return msg("/start")
	case g.mix == "surge":
		return msg(ad())
	case g.mix == "start", g.mix == "start-ad" && k < g.chats:
		return msg("/start")
	case g.mix == "ad", g.mix == "start-ad":
		return msg(ad())
	}
	switch n := r.IntN(100); {
	case n < 15: // English scam ads
		return msg(amount(pick(loadScamEn)))
	case n < 25: // Urdu, with Urdu digits
		return msg(pick(loadScamUr))
	case n < 40: // Roman Urdu
		return msg(amount(pick(loadScamRoman)))
	case n < 48: // lawful ads citing a licence
		return msg(pick(loadLawful))
	case n < 56:
		return msg(pick(loadGreetings))
	case n < 66: // an ad forwarded from a channel, a user or a hidden user
		u := msg(ad())
		o := &ltOrigin{Date: now - int64(r.IntN(86400))}
		switch r.IntN(3) {
		case 0:
			o.Type, o.Chat, o.MessageID = "channel", &ltChat{ID: -1001000000000 - int64(r.IntN(50)), Type: "channel", Title: pick(loadChannels)}, int64(1+r.IntN(5000))
		case 1:
			o.Type, o.SenderUser = "user", &ltUser{ID: 6_000_000_000 + int64(r.IntN(1000)), FirstName: "Agent"}
		default:
			o.Type, o.SenderUserName = "hidden_user", "Recruiter Ali"
		}
		u.Message.ForwardOrigin = o
		return u
	case n < 73:
		return msg("/start")
	case n < 78:
		return msg("/start lic_9848_LHR")
	case n < 93: // button presses under an earlier answer
		return ltUpdate{UpdateID: id, CallbackQuery: &ltCallback{
			ID: fmt.Sprintf("%d", id), From: user, ChatInstance: fmt.Sprintf("ci%d", chat), Data: pick(loadButtons),
			Message: &ltMessage{MessageID: 1 + int64(r.IntN(50)), Date: now - 60, Chat: ltChat{ID: chat, Type: "private", FirstName: "User"}, Text: "…"},
		}}
	default: // a licence number on its own
		return msg(pick(loadLicences))
	}
}

// Surge mode: a TV spot or a viral post. surge new users a second for the duration, each in its
// own new private chat, send /start and, once it is answered, an ad. The command runs the fake
// Bot API that `tasdeeq serve` sends to (TELEGRAM_API_URL=http://<--fake-api>), answering every
// call after --api-latency, and measures for each user the time from posting their first update
// to the first sendMessage (or sendPhoto) for their chat arriving at the fake.

const (
	// surgeChatBase offsets surge chats from the other modes' and from real ids; a run's chats
	// start at surgeChatBase + (clock seconds mod 10^6) × surgeMaxUsers, so runs do not reuse
	// chats (every user is new to the server) unless they start in the same second.
	surgeChatBase = 8_000_000_000
	surgeMaxUsers = 100_000
)

// surgeResult is what a surge run measured; its JSON is the --json output.
type surgeResult struct {
	URL            string  `json:"url"`
	Mode           string  `json:"mode"` // "surge"
	UsersPerSecond float64 `json:"users_per_second"`
	DurationS      float64 `json:"duration_s"`
	AdAfter        string  `json:"ad_after"` // "reply" or "answer"
	FakeAPI        string  `json:"fake_api"`
	APILatencyMS   float64 `json:"api_latency_ms"`
	Seed           uint64  `json:"seed"`
	FirstChat      int64   `json:"first_chat"`
	// Users started (sent their /start); Answered got at least one message; Unanswered none
	// before the run ended.
	Users      int64 `json:"users"`
	Answered   int64 `json:"answered"`
	Unanswered int64 `json:"unanswered"`
	// FirstReplyMS is, over the answered users, the time from posting the user's first update
	// to the arrival at the fake of the first message to their chat.
	FirstReplyMS percentiles `json:"first_reply_ms"`
	// AllAnsweredS is when the last user got their first reply, from the first update.
	AllAnsweredS float64 `json:"all_answered_s"`
	// AdReplyMS (--ad-after reply) is, over the users whose ad was answered, the time from
	// posting the ad to the arrival of the next message to their chat: the verdict.
	AdReplyMS   *percentiles `json:"ad_reply_ms,omitempty"`
	AdsAnswered int64        `json:"ads_answered,omitempty"`
	// Replies counts messages (sendMessage and sendPhoto answered ok) to the surge's chats;
	// Duplicates those that repeat an earlier message to the same chat (same text and buttons),
	// which exactly-once delivery never sends.
	Replies        int64   `json:"replies"`
	RepliesPerUser float64 `json:"replies_per_user"`
	Duplicates     int64   `json:"duplicates"`
	// ReplyThroughput is replies a second from the first reply to the last.
	ReplyThroughput float64 `json:"reply_throughput"`
	// ElapsedS runs from the first update to the last reply.
	ElapsedS float64 `json:"elapsed_s"`
	// APICalls counts every call the fake received, by method, failed ones included; OtherChats
	// messages to chats that are not this run's (left over from an earlier run).
	APICalls   map[string]int64 `json:"api_calls"`
	OtherChats int64            `json:"other_chats"`
	// The webhook side: updates posted, answered 2xx, errors, and the answer latency.
	Sent      int64            `json:"sent"`
	OK        int64            `json:"ok"`
	Errors    map[string]int64 `json:"errors"`
	WebhookMS percentiles      `json:"webhook_ms"`
	// Users whose /start was posted more than 1 ms after its time, and the worst lag.
	Late               int64   `json:"late"`
	MaxLagMS           float64 `json:"max_lag_ms"`
	StoppedByInterrupt bool    `json:"stopped_by_interrupt,omitempty"`
}

func (r *surgeResult) print(w io.Writer) {
	fmt.Fprintf(w, "loadtest surge %s\n", r.URL)
	then := "an ad once the first reply arrives"
	if r.AdAfter == "answer" {
		then = "an ad once the webhook answered"
	}
	fmt.Fprintf(w, "  mode         %g new users/s for %gs (/start, then %s), fake Bot API %s answering after %g ms\n",
		r.UsersPerSecond, r.DurationS, then, r.FakeAPI, r.APILatencyMS)
	fmt.Fprintf(w, "  users        %d started, %d answered, %d unanswered\n", r.Users, r.Answered, r.Unanswered)
	f := r.FirstReplyMS
	fmt.Fprintf(w, "  first reply  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms (update -> first message at the Bot API)\n", f.P50, f.P95, f.P99, f.Max)
	fmt.Fprintf(w, "  all answered %.2fs after the first update\n", r.AllAnsweredS)
	if a := r.AdReplyMS; a != nil {
		fmt.Fprintf(w, "  ad -> reply  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms (%d of %d ads answered)\n", a.P50, a.P95, a.P99, a.Max, r.AdsAnswered, r.Users)
	}
	fmt.Fprintf(w, "  replies      %d (%.2f a user), %d duplicates, %.1f replies/s\n", r.Replies, r.RepliesPerUser, r.Duplicates, r.ReplyThroughput)
	fmt.Fprintf(w, "  updates      %d sent, %d ok (2xx), %s\n", r.Sent, r.OK, errorsText(r.Errors))
	l := r.WebhookMS
	fmt.Fprintf(w, "  webhook ms   p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n", l.P50, l.P95, l.P99, l.Max)
	fmt.Fprintf(w, "  schedule     %d users started late (>1 ms), max lag %.2f ms\n", r.Late, r.MaxLagMS)
	methods := make([]string, 0, len(r.APICalls))
	for m := range r.APICalls {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	parts := make([]string, len(methods))
	for i, m := range methods {
		parts[i] = fmt.Sprintf("%s %d", m, r.APICalls[m])
	}
	fmt.Fprintf(w, "  bot api      %s; %d messages to other chats; elapsed %.2fs\n", strings.Join(parts, ", "), r.OtherChats, r.ElapsedS)
	if r.StoppedByInterrupt {
		fmt.Fprintf(w, "  stopped early by an interrupt\n")
	}
}

func errorsText(errs map[string]int64) string {
	if len(errs) == 0 {
		return "0 errors"
	}
	keys := make([]string, 0, len(errs))
	var n int64
	for k, v := range errs {
		keys = append(keys, k)
		n += v
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, errs[k])
	}
	return fmt.Sprintf("%d errors (%s)", n, strings.Join(parts, ", "))
}

func runSurge(ctx context.Context, target string, o loadtestOptions, stdout io.Writer) error {
	switch {
	case o.rate != 0 || o.count != 0:
		return fmt.Errorf("%w: --surge paces itself: no --rate or --count with it", errUsage)
	case o.apiLatency < 0:
		return fmt.Errorf("%w: --api-latency must not be negative", errUsage)
	case o.drain <= 0 || o.quiet <= 0:
		return fmt.Errorf("%w: --drain and --quiet must be positive", errUsage)
	case o.fakeAPI == "":
		return fmt.Errorf("%w: --surge needs --fake-api ADDR, the Bot API address serve sends to", errUsage)
	case o.adAfter != "reply" && o.adAfter != "answer":
		return fmt.Errorf("%w: --ad-after is reply or answer", errUsage)
	}
	if users := math.Floor(o.surge*o.duration.Seconds() + 1e-9); users < 1 || users > surgeMaxUsers {
		return fmt.Errorf("%w: --surge × --duration is %g users; it must be 1 to %d", errUsage, users, surgeMaxUsers)
	}
	if o.concurrency == 0 {
		o.concurrency = pacedInFlight
	}
	res, err := surge(ctx, target, o)
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	} else {
		res.print(stdout)
	}
	switch {
	case res.Unanswered > 0:
		return fmt.Errorf("loadtest: %d of %d users were not answered", res.Unanswered, res.Users)
	case res.AdReplyMS != nil && res.AdsAnswered < res.Users:
		return fmt.Errorf("loadtest: %d of %d ads were not answered", res.Users-res.AdsAnswered, res.Users)
	case res.Sent != res.OK:
		return fmt.Errorf("loadtest: %d of %d updates failed", res.Sent-res.OK, res.Sent)
	case res.Duplicates > 0:
		return fmt.Errorf("loadtest: %d messages were sent twice", res.Duplicates)
	}
	return ctx.Err()
}

// surgeUser is what the fake saw for one user's chat.
type surgeUser struct {
	posted  time.Time // just before the user's first update was sent
	first   time.Time // arrival of the first message to the chat
	replies int64
	seen    map[string]bool // text and buttons of each message, for duplicates
	// --ad-after reply: when the ad was posted, and when the next message arrived.
	adPosted, adReply time.Time
}

// surgeWatch follows the calls arriving at the fake.
type surgeWatch struct {
	mu         sync.Mutex
	firstChat  int64
	users      []surgeUser
	calls      map[string]int64
	other      int64
	duplicates int64
	replies    int64
	firstReply time.Time
	lastReply  time.Time
	// onFirst, when set, is called (under mu) when user i gets their first message.
	onFirst func(i int64)
}

func (w *surgeWatch) onCall(c bottest.Call) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls[c.Method]++
	m := strings.ToLower(c.Method)
	if (m != "sendmessage" && m != "sendphoto") || !c.OK() {
		return
	}
	i := c.ChatID() - w.firstChat
	if i < 0 || i >= int64(len(w.users)) || w.users[i].posted.IsZero() {
		w.other++
		return
	}
	u := &w.users[i]
	if u.first.IsZero() {
		u.first = c.At
		if w.onFirst != nil {
			w.onFirst(i)
		}
	} else if !u.adPosted.IsZero() && u.adReply.IsZero() && c.At.After(u.adPosted) {
		u.adReply = c.At
	}
	u.replies++
	key := c.Text() + "\x00" + c.Params["reply_markup"]
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	if u.seen[key] {
		w.duplicates++
	}
	u.seen[key] = true
	w.replies++
	if w.firstReply.IsZero() || c.At.Before(w.firstReply) {
		w.firstReply = c.At
	}
	if c.At.After(w.lastReply) {
		w.lastReply = c.At
	}
}

// surge runs a surge and returns the result; the fake Bot API lives for the run only.
func surge(ctx context.Context, target string, o loadtestOptions) (*surgeResult, error) {
	total := int64(math.Floor(o.surge*o.duration.Seconds() + 1e-9))
	firstChat := surgeChatBase + (o.firstID/1_000_000)%1_000_000*surgeMaxUsers
	watch := &surgeWatch{firstChat: firstChat, users: make([]surgeUser, total), calls: map[string]int64{}}
	fake, err := bottest.Start(bottest.Config{Addr: o.fakeAPI, Latency: o.apiLatency, AnyToken: true, Discard: true, OnCall: watch.onCall})
	if err != nil {
		return nil, fmt.Errorf("fake Bot API on %s: %w", o.fakeAPI, err)
	}
	defer fake.Close()

	transport := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: o.timeout, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        o.concurrency,
		MaxIdleConnsPerHost: o.concurrency,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: o.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	gen := &updateGen{seed: o.seed, firstID: o.firstID, chats: total, mix: "surge", firstChat: firstChat}
	// Requests are cut off when the wait for replies ends (each also has --timeout).
	hard, cancel := context.WithTimeout(ctx, o.duration+o.drain+o.timeout)
	defer cancel()

	all := &collector{errors: map[string]int64{}}
	var allMu sync.Mutex
	merge := func(c *collector) {
		allMu.Lock()
		all.merge(c)
		allMu.Unlock()
	}
	// --ad-after reply: the user reads the first reply, then sends the ad.
	var ads sync.WaitGroup
	if o.adAfter == "reply" {
		watch.onFirst = func(i int64) {
			watch.users[i].adPosted = time.Now()
			ads.Go(func() {
				c := &collector{errors: map[string]int64{}}
				post(hard, client, target, o.secret, gen.body(2*i+1), c)
				merge(c)
			})
		}
	}

	// Open loop, like paced: user i is due at start + i/surge.
	start := time.Now()
	started := openLoop(ctx, o.surge, total, o.concurrency, start, func(i int64, sched time.Time) {
		c := &collector{errors: map[string]int64{}}
		now := time.Now()
		if lag := now.Sub(sched); lag > lateAfter {
			c.late, c.maxLag = 1, lag
		}
		watch.mu.Lock()
		watch.users[i].posted = now
		watch.mu.Unlock()
		post(hard, client, target, o.secret, gen.body(2*i), c) // /start
		if o.adAfter == "answer" {
			post(hard, client, target, o.secret, gen.body(2*i+1), c) // at once the ad
		}
		merge(c)
	})

	// Wait for the replies: until every user has one and none came for --quiet, or --drain.
	drainEnd := time.Now().Add(o.drain)
	poll := time.NewTicker(20 * time.Millisecond)
	defer poll.Stop()
	for ctx.Err() == nil && time.Now().Before(drainEnd) {
		watch.mu.Lock()
		waiting := false
		for i := range started {
			u := &watch.users[i]
			if u.first.IsZero() || o.adAfter == "reply" && u.adReply.IsZero() {
				waiting = true
				break
			}
		}
		last := watch.lastReply
		watch.mu.Unlock()
		if !waiting && time.Since(last) >= o.quiet {
			break
		}
		select {
		case <-poll.C:
		case <-ctx.Done():
		}
	}
	watch.mu.Lock()
	watch.onFirst = nil // no ad is sent from now on
	watch.mu.Unlock()
	cancel() // ads still in flight are cut off (counted as errors)
	ads.Wait()

	watch.mu.Lock()
	defer watch.mu.Unlock()
	res := &surgeResult{URL: target, Mode: "surge", UsersPerSecond: o.surge, DurationS: o.duration.Seconds(), AdAfter: o.adAfter,
		FakeAPI: fake.URL(), APILatencyMS: ms(o.apiLatency), Seed: o.seed, FirstChat: firstChat,
		Users: started, Replies: watch.replies, Duplicates: watch.duplicates, APICalls: maps.Clone(watch.calls),
		OtherChats: watch.other, Sent: all.sent, OK: all.ok, Errors: all.errors, WebhookMS: percentilesOf(all.latency),
		Late: all.late, MaxLagMS: ms(all.maxLag), StoppedByInterrupt: ctx.Err() != nil}
	var firsts, adReplies []time.Duration
	var lastFirst time.Time
	for i := range started {
		u := watch.users[i]
		if !u.adReply.IsZero() {
			adReplies = append(adReplies, u.adReply.Sub(u.adPosted))
		}
		if u.first.IsZero() {
			res.Unanswered++
			continue
		}
		res.Answered++
		firsts = append(firsts, u.first.Sub(u.posted))
		if u.first.After(lastFirst) {
			lastFirst = u.first
		}
	}
	res.FirstReplyMS = percentilesOf(firsts)
	if o.adAfter == "reply" {
		p := percentilesOf(adReplies)
		res.AdReplyMS, res.AdsAnswered = &p, int64(len(adReplies))
	}
	if !lastFirst.IsZero() {
		res.AllAnsweredS = math.Round(lastFirst.Sub(start).Seconds()*1000) / 1000
	}
	if started > 0 {
		res.RepliesPerUser = math.Round(float64(watch.replies)/float64(started)*100) / 100
	}
	if span := watch.lastReply.Sub(watch.firstReply); watch.replies > 1 && span > 0 {
		res.ReplyThroughput = math.Round(float64(watch.replies-1)/span.Seconds()*10) / 10
	}
	end := watch.lastReply
	if end.IsZero() {
		end = time.Now()
	}
	res.ElapsedS = math.Round(end.Sub(start).Seconds()*1000) / 1000
	return res, nil
}
