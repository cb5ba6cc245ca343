package main

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
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
