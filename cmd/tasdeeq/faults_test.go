package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Fault tests from the hardening issue: a real redis-server stopped under load, and the real
// binary SIGKILLed with a full send stream. Both need redis-server: skipped on a laptop without
// it, a failure in CI (which always has it).

// lockedBuffer (privacy_test.go) collects child processes' output for diagnostics.

// redisServer is a redis-server of the test's own, on a port of its own, keeping nothing on disk.
type redisServer struct {
	t    *testing.T
	port string
	dir  string
	cmd  *exec.Cmd
	done chan error
	log  *lockedBuffer
}

// startRedisServer starts redis-server on a free port.
func startRedisServer(t *testing.T) *redisServer {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("redis-server is not installed")
		}
		t.Fatal("redis-server is not installed (CI must have it)")
	}
	r := &redisServer{t: t, dir: t.TempDir(), log: &lockedBuffer{}}
	var err error
	for range 5 { // the free port can be taken between our probe and redis-server's bind
		r.port = freePort(t)
		if err = r.start(); err == nil {
			t.Cleanup(func() {
				if r.cmd != nil {
					r.cmd.Process.Kill()
					<-r.done
				}
			})
			return r
		}
	}
	t.Fatalf("redis-server did not start: %v\n%s", err, r.log.String())
	return nil
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func (r *redisServer) url() string { return "redis://127.0.0.1:" + r.port + "/0" }

func (r *redisServer) client() *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + r.port})
	r.t.Cleanup(func() { c.Close() })
	return c
}

// start runs redis-server on r.port and waits until it answers PING.
func (r *redisServer) start() error {
	cmd := exec.Command("redis-server", "--port", r.port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", r.dir)
	cmd.Stdout, cmd.Stderr = r.log, r.log
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + r.port, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-done:
			return fmt.Errorf("redis-server exited at start: %v", err)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			r.cmd, r.done = cmd, done
			return nil
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-done
			return fmt.Errorf("redis-server does not answer PING: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop sends SIGTERM and waits for redis-server to exit.
func (r *redisServer) stop() {
	r.t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		r.t.Fatal(err)
	}
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		r.cmd.Process.Kill()
		<-r.done
		r.t.Fatal("redis-server did not stop on SIGTERM within 10 s")
	}
	r.cmd, r.done = nil, nil
}

// postUpdate is e2e.post for other goroutines: it returns the transport error instead of failing.
func postUpdate(client *http.Client, base string, u models.Update) (int, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequest(http.MethodPost, base+"/telegram/webhook", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", e2eSecret)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// Phases of TestRedisStoppedDuringLoad.
const (
	phaseUp       = iota // Redis running
	phaseStopping        // SIGTERM sent, redis-server not yet exited
	phaseDown            // redis-server has exited; it is restarted only after the last post
)

var phaseNames = [...]string{"up", "stopping", "down"}

// sent is one POST of the load stream.
type sent struct {
	u            models.Update
	chat         int64
	phase, ended int // phase when the POST started and when its answer came
	code         int
	err          error
}

// TestRedisStoppedDuringLoad stops a real Redis while updates stream in: every update posted
// while Redis is down is answered 503 (Telegram retries it), /readyz says 503; once Redis is back
// (empty: it keeps nothing on disk) Telegram's retries are processed, each exactly once.
func TestRedisStoppedDuringLoad(t *testing.T) {
	rs := startRedisServer(t)
	// The logs (warn: why an update was refused) go to a buffer, quoted when something fails.
	logs := &lockedBuffer{}
	logOutput = logs
	defer func() { logOutput = stderr }()
	e := startServeWith(t, map[string]string{"REDIS_URL": rs.url(), "TASDEEQ_LOG_LEVEL": "warn"})
	client := &http.Client{Timeout: 30 * time.Second}

	// Each phase has chats of its own, so that the replies of one chat can be counted exactly:
	// the chats posted to while Redis is down got nothing committed before the restart.
	chatsOf := [...][]int64{
		phaseUp:       {9101, 9102, 9103, 9104, 9105},
		phaseStopping: {9201, 9202, 9203},
		phaseDown:     {9301, 9302, 9303, 9304},
	}
	texts := []string{e2eScam, "/help", e2eLawful, e2eScamUr}
	const perDownChat = 3 // updates per chat while Redis is down (well under the per-user limits)
	const upBeforeStop = 24

	var (
		mu      sync.Mutex
		phase   = phaseUp
		n       [3]int // posts started per phase
		results []*sent
		answers int // answered POSTs started while up
	)
	// next hands out the next update of the stream, or nil once the down phase has its quota.
	next := func() *sent {
		mu.Lock()
		defer mu.Unlock()
		if phase == phaseDown && n[phaseDown] >= perDownChat*len(chatsOf[phaseDown]) {
			return nil
		}
		chats := chatsOf[phase]
		i := n[phase]
		n[phase]++
		chat := chats[i%len(chats)]
		text := texts[(i/len(chats))%len(texts)]
		lang := "en"
		if text == e2eScamUr {
			lang = "ur"
		}
		s := &sent{u: e.text(chat, lang, text), chat: chat, phase: phase}
		results = append(results, s)
		return s
	}
	var posters sync.WaitGroup
	for range 3 {
		posters.Go(func() {
			for s := next(); s != nil; s = next() {
				code, err := postUpdate(client, e.base, s.u)
				mu.Lock()
				s.code, s.err, s.ended = code, err, phase
				if s.phase == phaseUp {
					answers++
				}
				mu.Unlock()
				time.Sleep(5 * time.Millisecond) // a stream, not a flood
			}
		})
	}
	// Mid-way: stop Redis while the posters keep going.
	if !e.fake.Await(20*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return answers >= upBeforeStop }) {
		t.Fatalf("the load did not get going: %d updates answered in 20 s", answers)
	}
	mu.Lock()
	phase = phaseStopping
	mu.Unlock()
	stopAt := time.Now()
	rs.stop()
	mu.Lock()
	phase = phaseDown
	mu.Unlock()
	t.Logf("redis-server stopped in %v", time.Since(stopAt).Round(time.Millisecond))
	if code := getStatus(t, e.base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Redis down: %d, want 503", code)
	}
	downStart := time.Now()
	posters.Wait()
	t.Logf("%d updates posted while Redis was down, in %v", n[phaseDown], time.Since(downStart).Round(time.Millisecond))
	if code := getStatus(t, e.base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Redis down, after the load: %d, want 503", code)
	}

	// What each POST got. No POST may fail at the transport or be answered other than 200/503.
	var retry []*sent // first POST got 503: Telegram sends it again
	byPhase := map[string]map[int]int{}
	for _, s := range results {
		if s.err != nil {
			t.Fatalf("update %d (chat %d): %v", s.u.ID, s.chat, s.err)
		}
		key := phaseNames[s.phase] + "→" + phaseNames[s.ended]
		if byPhase[key] == nil {
			byPhase[key] = map[int]int{}
		}
		byPhase[key][s.code]++
		switch {
		case s.phase == phaseDown && s.code != http.StatusServiceUnavailable:
			// Started after redis-server had exited, answered before it was restarted.
			t.Errorf("update %d posted while Redis was down: HTTP %d, want 503", s.u.ID, s.code)
		case s.phase == phaseUp && s.ended == phaseUp && s.code != http.StatusOK:
			t.Errorf("update %d posted and answered while Redis was up: HTTP %d, want 200", s.u.ID, s.code)
		case s.code != http.StatusOK && s.code != http.StatusServiceUnavailable:
			t.Errorf("update %d across the stop: HTTP %d, want 200 or 503", s.u.ID, s.code)
		}
		if s.code == http.StatusServiceUnavailable {
			retry = append(retry, s)
		}
	}
	t.Logf("answers by phase (started→answered): %v", byPhase)
	if t.Failed() {
		t.FailNow()
	}

	// Back up, on the same port, empty. /readyz follows.
	if err := rs.start(); err != nil {
		t.Fatalf("restart redis-server on port %s: %v\n%s", rs.port, err, rs.log.String())
	}
	restartAt := time.Now()
	if !e.fake.Await(15*time.Second, func() bool { return getStatus(t, e.base+"/readyz") == http.StatusOK }) {
		t.Fatalf("/readyz not 200 within 15 s of Redis coming back")
	}
	t.Logf("/readyz 200 %v after the restart", time.Since(restartAt).Round(time.Millisecond))

	// Replies a chat had before the retries: only chats posted to before or during the stop have
	// any (what was still queued in Redis at the stop is lost with it; the sender may still send
	// what it had read).
	before := map[int64]int{}
	for _, s := range retry {
		before[s.chat] = len(e.fake.Messages(s.chat))
	}
	// Telegram retries every update that got 503 until it gets 200 (in rounds, in order).
	stuck := map[int64]*sent{}
	for _, s := range retry {
		stuck[s.u.ID] = s
	}
	retryStart := time.Now()
	for round := 0; len(stuck) > 0 && time.Since(retryStart) < 15*time.Second; round++ {
		if round > 0 {
			time.Sleep(100 * time.Millisecond)
		}
		for _, s := range retry {
			if stuck[s.u.ID] == nil {
				continue
			}
			code, err := postUpdate(client, e.base, s.u)
			switch {
			case err != nil:
				t.Fatalf("retry of update %d: %v", s.u.ID, err)
			case code == http.StatusOK:
				delete(stuck, s.u.ID)
			case code != http.StatusServiceUnavailable:
				t.Fatalf("retry of update %d after Redis came back: HTTP %d, want 200 or 503", s.u.ID, code)
			}
		}
	}
	t.Logf("%d updates retried after the restart, %d still refused after %v", len(retry), len(stuck), time.Since(retryStart).Round(time.Millisecond))
	if n[phaseDown] == 0 || len(retry) < n[phaseDown] {
		t.Fatalf("%d retried updates, %d posted while down", len(retry), n[phaseDown])
	}
	for _, s := range retry {
		if stuck[s.u.ID] != nil {
			t.Errorf("update %d (chat %d, %.30q) still answered 503 15 s after Redis came back and /readyz said 200: %s",
				s.u.ID, s.chat, s.u.Message.Text, lastError(logs.String(), s.u.ID))
		}
	}
	var answered []*sent
	want := map[int64]int{} // replies each chat must get from the retries
	for _, s := range retry {
		if stuck[s.u.ID] == nil {
			answered = append(answered, s)
			want[s.chat]++
		}
	}

	// Every retried update is answered: the chats posted to only while Redis was down get
	// exactly one reply per update; the others at least that many more than they had.
	waitReplies := func() {
		t.Helper()
		ok := e.fake.Await(20*time.Second, func() bool {
			for chat, w := range want {
				if len(e.fake.Messages(chat)) < before[chat]+w {
					return false
				}
			}
			return true
		})
		if !ok {
			var missing []string
			for chat, w := range want {
				if got := len(e.fake.Messages(chat)) - before[chat]; got < w {
					missing = append(missing, fmt.Sprintf("chat %d: %d of %d", chat, got, w))
				}
			}
			t.Fatalf("replies to the retried updates missing 20 s after the retries: %s\n%s\nlast sender log: %s",
				strings.Join(missing, "; "), describePending(context.Background(), rs.client()), lastLine(logs.String(), "send stream"))
		}
	}
	waitReplies()
	check := func(when string) {
		t.Helper()
		for _, chat := range chatsOf[phaseDown] {
			if got := len(e.fake.Messages(chat)); got != want[chat] || before[chat] != 0 {
				t.Errorf("%s: chat %d got %d replies (%d before the retries), want exactly %d", when, chat, got, before[chat], want[chat])
			}
		}
	}
	time.Sleep(time.Second) // a second reply would come within this
	check("after the retries")

	// Telegram retries an update again although it got 200 (it did not see the answer): 200,
	// and nothing more is sent.
	total := len(e.fake.CallsTo("sendMessage"))
	for _, s := range answered {
		if code, err := postUpdate(client, e.base, s.u); err != nil || code != http.StatusOK {
			t.Fatalf("second retry of update %d: HTTP %d, %v", s.u.ID, code, err)
		}
	}
	time.Sleep(time.Second)
	check("after a second retry")
	if got := len(e.fake.CallsTo("sendMessage")); got != total {
		t.Errorf("%d more messages after retrying updates already answered 200", got-total)
	}
	if err := e.stop(); err != nil {
		t.Fatalf("serve did not stop cleanly: %v", err)
	}
}

// lastError is the error logged for the last refusal of update id.
func lastError(logs string, id int64) string {
	return lastLine(logs, fmt.Sprintf("update_id=%d error=", id))
}

// lastLine is the last line of logs containing substr.
func lastLine(logs, substr string) string {
	lines := strings.Split(logs, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], substr) {
			return lines[i]
		}
	}
	return "(not logged)"
}

// buildBinary builds ./cmd/tasdeeq once into dir.
func buildBinary(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	if strings.TrimSpace(string(out)) == "" || strings.TrimSpace(string(out)) == os.DevNull {
		root = filepath.Join("..", "..")
	}
	bin := filepath.Join(t.TempDir(), "tasdeeq")
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tasdeeq")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built the binary in %v", time.Since(start).Round(time.Millisecond))
	return bin
}

// proc is the real binary running serve.
type proc struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once Wait has returned; err is then set
	err    error
	base   string
	log    *lockedBuffer
}

func startBinary(t *testing.T, bin string, env map[string]string) *proc {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TASDEEQ_") || strings.HasPrefix(k, "TELEGRAM_") || strings.HasPrefix(k, "REDIS_") || strings.HasPrefix(k, "REFERRAL_") {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &proc{cmd: cmd, exited: make(chan struct{}), log: &lockedBuffer{}}
	cmd.Stderr = p.log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				addr <- a
			}
		}
		p.err = cmd.Wait() // after stdout is drained, as Wait requires
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
	case <-p.exited:
		t.Fatalf("serve exited at start: %v\n%s", p.err, p.log.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start within 30 s\n%s", p.log.String())
	}
	return p
}

// wait waits up to d for the process to exit, and says whether it did and how.
func (p *proc) wait(d time.Duration) (bool, error) {
	select {
	case <-p.exited:
		return true, p.err
	case <-time.After(d):
		return false, nil
	}
}

// redeliverWithin is how soon after the restart every reply queued at the kill must be delivered.
// The restarted process is a new sender consumer (hostname-pid), so it re-reads nothing of its
// own: the dead consumer's entries are taken over by XAUTOCLAIM once idle for
// TASDEEQ_SEND_CLAIM_IDLE (60 s by default, 3 s here).
const redeliverWithin = 20 * time.Second

// TestKilledWithFullSendStream SIGKILLs the real binary while replies are queued in Redis and
// Telegram is slow; the next start delivers every reply, and only a message in flight at the kill
// (sent, not yet acknowledged) may reach its chat twice.
func TestKilledWithFullSendStream(t *testing.T) {
	rs := startRedisServer(t)
	bin := buildBinary(t)
	rdb := rs.client()
	ctx := context.Background()
	fake := bottest.New(t)
	fake.SetDelay(300 * time.Millisecond) // Telegram is slow: the stream fills
	env := map[string]string{
		"TELEGRAM_TOKEN": bottest.Token, "TELEGRAM_API_URL": fake.URL(), "TELEGRAM_WEBHOOK_SECRET": e2eSecret,
		"REDIS_URL": rs.url(), "TASDEEQ_ADDR": "127.0.0.1:0", "TASDEEQ_SEND_PER_CHAT": "5ms",
		"TASDEEQ_LOG_LEVEL": "error", "TASDEEQ_SEND_CLAIM_IDLE": "3s",
		// Two calls in flight: with 32 the slow Telegram still takes all 30 replies at once and
		// the stream can be empty at the kill.
		"TASDEEQ_SEND_WORKERS": "2",
	}
	p1 := startBinary(t, bin, env)
	e := &e2e{t: t, fake: fake, base: p1.base, nextID: 7000}
	const chats = 30
	chat := func(i int) int64 { return int64(9500 + i) }
	client := &http.Client{Timeout: 30 * time.Second}
	type answer struct {
		code int
		err  error
	}
	answers := make(chan answer, chats)
	for i := range chats {
		u := e.text(chat(i), "en", e2eScam)
		go func() {
			code, err := postUpdate(client, p1.base, u)
			answers <- answer{code, err}
		}()
	}
	for range chats {
		if a := <-answers; a.err != nil || a.code != http.StatusOK {
			t.Fatalf("update refused: HTTP %d, %v", a.code, a.err)
		}
	}
	// Let the sender get going, so that the kill finds calls in flight.
	if !fake.Await(20*time.Second, func() bool { return len(fake.CallsTo("sendMessage")) >= 2 }) {
		t.Fatalf("the sender sent nothing in 20 s\n%s", p1.log.String())
	}
	queued := outboxtest.Len(t, rdb, shards.Ring{}, outbox.RepliesStream)
	if queued == 0 {
		t.Fatal("nothing queued in the replies streams before the kill: the test would prove nothing")
	}
	if err := p1.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := p1.wait(10 * time.Second); !ok {
		t.Fatal("the killed process did not exit")
	}
	delivered := 0
	for i := range chats {
		delivered += len(fake.Messages(chat(i)))
	}
	t.Logf("killed with %d replies queued (%d pending with the dead sender); %d delivered before the kill, or in flight at it",
		queued, outboxtest.Pending(t, rdb, shards.Ring{}, outbox.RepliesStream), delivered)

	// The next start, against the same Redis and the same (now fast) Telegram.
	fake.SetDelay(0)
	restart := time.Now()
	p2 := startBinary(t, bin, env)
	all := func() bool {
		for i := range chats {
			if len(fake.Messages(chat(i))) == 0 {
				return false
			}
		}
		return true
	}
	if !fake.Await(redeliverWithin, all) {
		var missing []int64
		for i := range chats {
			if len(fake.Messages(chat(i))) == 0 {
				missing = append(missing, chat(i))
			}
		}
		t.Errorf("%v after the restart %d chats still have no reply: %v; %s",
			redeliverWithin, len(missing), missing, describePending(ctx, rdb))
		// Measure when they do come, to tell "late" from "lost".
		if !fake.Await(100*time.Second, all) {
			t.Fatalf("replies lost: still missing %v after the restart; %s", time.Since(restart).Round(time.Second), describePending(ctx, rdb))
		}
	}
	t.Logf("every chat had its reply %v after the restart", time.Since(restart).Round(time.Millisecond))
	time.Sleep(time.Second) // a duplicate would come within this
	twice := 0
	for i := range chats {
		switch n := len(fake.Messages(chat(i))); n {
		case 1:
		case 2:
			twice++ // sent before the kill, acknowledgement cut by it: at least once
		default:
			t.Errorf("chat %d got %d replies", chat(i), n)
		}
	}
	// The sender has 4 workers: at most 4 calls were in flight at the kill.
	if twice > 4 {
		t.Errorf("%d chats got their reply twice; at most the 4 in flight at the kill may", twice)
	}
	t.Logf("%d chats got their reply twice (in flight at the kill)", twice)

	if err := p2.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	ok, err := p2.wait(30 * time.Second)
	if !ok {
		t.Fatal("serve did not stop within 30 s of SIGTERM")
	}
	if err != nil {
		t.Fatalf("serve exited with %v after SIGTERM, want status 0\n%s", err, p2.log.String())
	}
}

// describePending says who holds the replies still in the streams, shard by shard.
func describePending(ctx context.Context, rdb *redis.Client) string {
	var parts []string
	for _, sh := range (shards.Ring{}).All() {
		stream := outbox.RepliesStream(sh)
		n := rdb.XLen(ctx, stream).Val()
		if n == 0 {
			continue
		}
		cs, err := rdb.XInfoConsumers(ctx, stream, outbox.SenderGroup).Result()
		if err != nil {
			parts = append(parts, fmt.Sprintf("%s: %d entries, consumers: %v", stream, n, err))
			continue
		}
		var held []string
		for _, c := range cs {
			held = append(held, fmt.Sprintf("%s: %d pending, idle %v", c.Name, c.Pending, c.Idle.Round(time.Second)))
		}
		parts = append(parts, fmt.Sprintf("%s: %d entries, consumers: %s", stream, n, strings.Join(held, ", ")))
	}
	if len(parts) == 0 {
		return "no replies in any stream"
	}
	return strings.Join(parts, "; ")
}
