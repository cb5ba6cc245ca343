package bottest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tasdeeq/tasdeeq/bot/bottest"
)

func TestGetFileAndDownloadWithTheRealClient(t *testing.T) {
	s := bottest.New(t)
	b := s.Bot(t)
	ctx := context.Background()
	s.AddFile("AgAD-photo", []byte("jpeg bytes"))

	f, err := b.GetFile(ctx, &bot.GetFileParams{FileID: "AgAD-photo"})
	if err != nil || f.FileSize != 10 || f.FilePath == "" {
		t.Fatalf("GetFile = %+v, %v", f, err)
	}
	// No keep-alive: net/http retries a GET whose reused connection drops, hiding the fault.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	download := func() (int, string) {
		resp, err := client.Get(b.FileDownloadLink(f))
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if status, body := download(); status != 200 || body != "jpeg bytes" {
		t.Fatalf("download = %d %q", status, body)
	}
	if s.Downloads() != 1 {
		t.Errorf("downloads %d", s.Downloads())
	}

	// Faults: a download that fails once, then a dropped connection, then the file again.
	s.FailNext(bottest.DownloadMethod, 1, http.StatusInternalServerError, 0)
	s.FailNext(bottest.DownloadMethod, 1, 0, 0)
	if status, _ := download(); status != 500 {
		t.Errorf("first faulty download: %d", status)
	}
	if status, _ := download(); status != 0 {
		t.Errorf("dropped download answered %d", status)
	}
	if status, body := download(); status != 200 || body != "jpeg bytes" || s.Downloads() != 2 {
		t.Errorf("download after the faults = %d %q (%d downloads)", status, body, s.Downloads())
	}

	// getFile errors: unknown file, file over 20 MB, an injected 5xx.
	if _, err := b.GetFile(ctx, &bot.GetFileParams{FileID: "nope"}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("unknown file: %v", err)
	}
	s.SetFileSize("AgAD-photo", bottest.MaxDownloadBytes+1)
	if _, err := b.GetFile(ctx, &bot.GetFileParams{FileID: "AgAD-photo"}); !errors.Is(err, bot.ErrorBadRequest) {
		t.Errorf("file too big: %v", err)
	}
	s.FailNext("getFile", 1, http.StatusBadGateway, 0)
	if _, err := b.GetFile(ctx, &bot.GetFileParams{FileID: "AgAD-photo"}); err == nil {
		t.Error("injected 502 not seen")
	}
	// A download under another token is refused.
	resp, err := http.Get(s.URL() + "/file/botWRONG/" + f.FilePath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
}
