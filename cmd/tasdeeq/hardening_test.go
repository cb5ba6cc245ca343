package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

// TestServeCapsConnectionsAndKeepsProbesApart runs serve with a cap of four connections and a
// probe listener: four idle clients fill the public listener, a fifth waits, and the probes on
// their own listener still answer.
func TestServeCapsConnectionsAndKeepsProbesApart(t *testing.T) {
	e := startServeWith(t, map[string]string{"TASDEEQ_MAX_CONNS": "4", "TASDEEQ_PROBE_ADDR": "127.0.0.1:0"})
	var probes string
	select {
	case probes = <-e.probes:
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not say where the probes listen")
	}
	public := strings.TrimPrefix(e.base, "http://")
	for range 4 {
		c, err := net.Dial("tcp", public)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	time.Sleep(50 * time.Millisecond)
	quick := &http.Client{Timeout: 500 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := quick.Get(e.base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatal("a fifth connection was served past TASDEEQ_MAX_CONNS=4")
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := quick.Get(probes + path)
		if err != nil {
			t.Fatalf("%s on the probe listener: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s on the probe listener = %d", path, resp.StatusCode)
		}
	}
	resp, err := quick.Post(probes+"/telegram/webhook", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the probe listener serves the webhook (%d)", resp.StatusCode)
	}
}

func TestServeRefusesABadConnectionCap(t *testing.T) {
	for _, v := range []string{"0", "-3", "many"} {
		env := map[string]string{"TELEGRAM_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "s", "TASDEEQ_MAX_CONNS": v}
		err := run(t.Context(), []string{"tasdeeq", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &strings.Builder{})
		if err == nil || !strings.Contains(err.Error(), "TASDEEQ_MAX_CONNS") {
			t.Errorf("TASDEEQ_MAX_CONNS=%s: err = %v", v, err)
		}
	}
}

// TestReadyzCatchesARedisThatCameBackEmpty empties Redis under a running serve while its register
// file is unreadable: the loss is counted once in tasdeeq_redis_emptied_total, /readyz answers
// 503 for as long as the register cannot be imported again, and 200 once it is.
func TestReadyzCatchesARedisThatCameBackEmpty(t *testing.T) {
	mr := miniredis.RunT(t)
	register := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(register, deploy.SampleRegister, 0o600); err != nil {
		t.Fatal(err)
	}
	e := startServeWith(t, map[string]string{"REDIS_URL": "redis://" + mr.Addr(), "TASDEEQ_LICENCES": register})
	status := func(path string) (int, string) {
		resp, err := http.Get(e.base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	if code, _ := status("/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz = %d before anything happened", code)
	}
	if !mr.Exists("tasdeeq:epoch") {
		t.Fatal("serve did not mark the epoch key")
	}

	if err := os.Rename(register, register+".away"); err != nil {
		t.Fatal(err)
	}
	mr.FlushAll()
	waitFor("/readyz to answer 503", func() bool { code, _ := status("/readyz"); return code == http.StatusServiceUnavailable })
	time.Sleep(3500 * time.Millisecond) // a round of keepRegister, which must not count it again
	if code, _ := status("/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz = %d while the register could not be imported", code)
	}
	if _, m := status("/metrics"); !strings.Contains(m, "tasdeeq_redis_emptied_total 1\n") {
		t.Fatalf("the emptied Redis is not counted once:\n%s", grepLines(m, "tasdeeq_redis_emptied"))
	}

	if err := os.Rename(register+".away", register); err != nil {
		t.Fatal(err)
	}
	waitFor("/readyz to answer 200", func() bool { code, _ := status("/readyz"); return code == http.StatusOK })
	if !mr.Exists("tasdeeq:epoch") {
		t.Fatal("the epoch key was not marked again after the register came back")
	}
	if _, m := status("/metrics"); !strings.Contains(m, "tasdeeq_redis_emptied_total 1\n") {
		t.Fatalf("counted again after the repair:\n%s", grepLines(m, "tasdeeq_redis_emptied"))
	}
}

// grepLines is the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for line := range strings.Lines(s) {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// TestTranscriptsShowNumbersInOrder renders every line of the golden transcripts (both
// languages, every message kind) through the Unicode bidi algorithm and fails when a number is
// shown in another order than written.
func TestTranscriptsShowNumbersInOrder(t *testing.T) {
	files, err := filepath.Glob("testdata/*.golden")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden transcripts: %v", err)
	}
	var lines []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	if n := rtltest.Require(t, lines); n < 20 {
		t.Fatalf("only %d numbers checked in %d files", n, len(files))
	}
}

// TestCheckHonoursSIGTERM runs the real binary's `check --jsonl` with standard input left open:
// answers come as lines arrive (not after 512 of them), and a SIGTERM ends it at once, with the
// answers already written, rather than waiting for an end of input that never comes.
func TestCheckHonoursSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	for _, mode := range []struct {
		args  []string
		input string
	}{
		{[]string{"check", "--jsonl"}, `{"id":1,"text":"Saudi jobs, visa guaranteed, send Rs 25,000 fee on JazzCash 0300-5551234"}` + "\n"},
		{[]string{"check"}, "Saudi jobs, visa guaranteed"},
	} {
		t.Run(strings.Join(mode.args, " "), func(t *testing.T) {
			cmd := exec.Command(bin, mode.args...)
			cmd.Env = append(os.Environ(), "TASDEEQ_LOG_LEVEL=error")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out lockedBuffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			if _, err := io.WriteString(stdin, mode.input); err != nil {
				t.Fatal(err)
			}
			if mode.args[len(mode.args)-1] == "--jsonl" {
				deadline := time.Now().Add(10 * time.Second)
				for !strings.Contains(out.String(), `"risk":"high"`) {
					if time.Now().After(deadline) {
						t.Fatalf("no answer to the first line while the input stays open: %q", out.String())
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
			start := time.Now()
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
				t.Logf("stopped %v after SIGTERM", time.Since(start).Round(time.Millisecond))
			case <-time.After(3 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 3 s after SIGTERM: %q", out.String())
			}
		})
	}
}
