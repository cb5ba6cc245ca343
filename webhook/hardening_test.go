package webhook_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/webhook"
)

// TestRejectedRequestsAreCountedNotEachLogged sends a flood of requests with a wrong secret: a
// red-team run made 211,448 of them in 5 s write 33 MiB of WARN lines. Each is counted in
// tasdeeq_webhook_rejected_total; the log gets one line per kind every ten seconds.
func TestRejectedRequestsAreCountedNotEachLogged(t *testing.T) {
	f := newFixture(t, nil, nil)
	const n = 2000
	for i := range n {
		if rec := f.post("wrong-"+fmt.Sprint(i), strings.NewReader(messageJSON(1, "x"))); rec.Code != http.StatusUnauthorized {
			t.Fatalf("status = %d, want 401", rec.Code)
		}
		f.post("", strings.NewReader(messageJSON(1, "x")))
		f.post(testSecret, strings.NewReader("{not json"))
	}
	logs := f.logs.String()
	if lines := strings.Count(logs, `"status":401`); lines < 1 || lines > 2 {
		t.Errorf("%d log lines for %d refused requests, want 1 or 2", lines, 2*n)
	}
	if lines := strings.Count(logs, `"status":400`); lines < 1 || lines > 2 {
		t.Errorf("%d log lines for %d bad bodies, want 1 or 2", lines, n)
	}
	if lines := strings.Count(logs, "undecodable update"); lines > 2 {
		t.Errorf("%d 'undecodable update' lines for %d bad bodies", lines, n)
	}
	metrics := f.get("/metrics").Body.String()
	for _, want := range []string{
		fmt.Sprintf(`tasdeeq_webhook_rejected_total{reason="secret"} %d`, 2*n),
		fmt.Sprintf(`tasdeeq_webhook_rejected_total{reason="json"} %d`, n),
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if len(f.proc.calls()) != 0 {
		t.Fatal("a refused request was processed")
	}
}

// TestWebhookRefusesEntitiesThatDoNotFitTheText: Telegram never sends entities that cross or run
// past their text, so such an update is refused (400) before it is processed.
func TestWebhookRefusesEntitiesThatDoNotFitTheText(t *testing.T) {
	update := func(id int, ents string) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":7,"date":1,"chat":{"id":42,"type":"private"},`+
			`"from":{"id":42,"is_bot":false,"first_name":"A"},"text":"😀 /start abc","entities":%s}}`, id, ents)
	}
	f := newFixture(t, nil, nil)
	for _, tt := range []struct {
		ents string
		want int
	}{
		{`[{"type":"bot_command","offset":3,"length":6}]`, http.StatusOK},
		{`[{"type":"bold","offset":0,"length":13},{"type":"italic","offset":3,"length":6}]`, http.StatusOK}, // nested
		{`[{"type":"bot_command","offset":3,"length":60}]`, http.StatusBadRequest},                          // past the end
		{`[{"type":"bold","offset":1,"length":3}]`, http.StatusBadRequest},                                  // inside the emoji
		{`[{"type":"bold","offset":0,"length":6},{"type":"italic","offset":3,"length":6}]`, http.StatusBadRequest},
	} {
		if rec := f.post(testSecret, strings.NewReader(update(1, tt.ents))); rec.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.ents, rec.Code, tt.want)
		}
	}
	if n := len(f.proc.calls()); n != 2 {
		t.Errorf("processed %d updates, want the 2 valid ones", n)
	}
	if m := f.get("/metrics").Body.String(); !strings.Contains(m, `tasdeeq_webhook_rejected_total{reason="entities"} 3`) {
		t.Error("the refused updates are not counted under reason=entities")
	}
}

// TestBodyMemoryFollowsTheBytesThatArrive opens slow connections that each declare a body of
// the full limit and send ten bytes of it. Reserving memory from Content-Length let 400 such
// clients grow the process by 360 MB; now what is allocated follows what was sent.
func TestBodyMemoryFollowsTheBytesThatArrive(t *testing.T) {
	f := newFixture(t, nil, nil)
	const conns = 40
	var entered atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered.Add(1)
		f.h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	release := make(chan struct{})
	for range conns {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\n%s: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"update_i",
			webhookPath, "X-Telegram-Bot-Api-Secret-Token", testSecret, 1<<20)
		wg.Go(func() { <-release; c.Close() })
	}
	deadline := time.Now().Add(5 * time.Second)
	for entered.Load() < conns && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if entered.Load() < conns {
		t.Fatalf("only %d of %d requests reached the handler", entered.Load(), conns)
	}
	time.Sleep(100 * time.Millisecond) // let every handler start reading
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	close(release)
	wg.Wait()
	grew := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d connections declaring 1 MiB each allocated %.1f MiB", conns, float64(grew)/(1<<20))
	if grew > conns<<20/4 {
		t.Fatalf("%d slow connections allocated %.1f MiB before sending their bodies", conns, float64(grew)/(1<<20))
	}
}

// TestConnectionCapKeepsProbesAnswerable fills a capped listener with idle connections: the next
// client waits (it is not accepted), while a second listener serving only the probes answers;
// once a connection closes, the waiting client is served. Without a cap, a flood of connections
// ran the process out of file descriptors and /healthz stopped answering.
func TestConnectionCapKeepsProbesAnswerable(t *testing.T) {
	f := newFixture(t, nil, nil)
	listen := func(n int, h http.Handler) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := webhook.NewServer("", h)
		go srv.Serve(webhook.LimitListener(ln, n))
		t.Cleanup(func() { srv.Close() })
		return ln.Addr().String()
	}
	public, probes := listen(3, f.h), listen(2, webhook.Probes(f.h))

	var idle []net.Conn
	for range 3 {
		c, err := net.Dial("tcp", public)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	time.Sleep(50 * time.Millisecond) // let the server accept them
	quick := &http.Client{Timeout: 300 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := quick.Get("http://" + public + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatalf("a fourth connection was served (%d) past a cap of three", resp.StatusCode)
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := quick.Get("http://" + probes + path)
		if err != nil {
			t.Fatalf("probe %s while the public listener is full: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("probe %s = %d", path, resp.StatusCode)
		}
	}
	resp, err := quick.Post("http://"+probes+webhookPath, "application/json", strings.NewReader(messageJSON(1, "x")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the probe listener answered the webhook route with %d, want 404", resp.StatusCode)
	}
	idle[0].Close()
	slow := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err = slow.Get("http://" + public + "/healthz")
	if err != nil {
		t.Fatalf("after a connection closed: %v", err)
	}
	resp.Body.Close()
	for _, c := range idle[1:] {
		c.Close()
	}
}
