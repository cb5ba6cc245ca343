package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/ocr"
	"github.com/tasdeeq/tasdeeq/outbox"
)

// fetch gets a file through the Bot API (getFile, then the download), or a WhatsApp user's
// picture through the Cloud API (Media), retrying a network error or a 5xx twice. A file over
// ocr.MaxBytes is refused with ocr.ErrTooLarge without reading it all.
func (w *OCRWorker) fetch(ctx context.Context, chat int64, fileID string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, w.FetchTimeout)
	defer cancel()
	var err error
	for try := range 3 {
		if try > 0 && streams.Sleep(ctx, time.Duration(500<<(try-1))*time.Millisecond) != nil {
			break
		}
		var data []byte
		var retry bool
		switch {
		case outbox.ChannelOf(chat) != outbox.ChannelWhatsApp:
			data, retry, err = w.fetchOnce(ctx, fileID)
		case w.Media == nil:
			return nil, errors.New("a WhatsApp picture, and no WhatsApp media client")
		default:
			data, retry, err = w.Media.FetchMedia(ctx, fileID)
		}
		if err == nil || !retry {
			return data, err
		}
	}
	return nil, err
}

// fetchOnce is one attempt of fetch; retry tells whether another attempt may succeed.
func (w *OCRWorker) fetchOnce(ctx context.Context, fileID string) (data []byte, retry bool, err error) {
	f, err := w.files.GetFile(ctx, &tg.GetFileParams{FileID: fileID})
	if err != nil {
		// A 4xx (unknown file, file too big for bots) will not change; the rest may.
		final := errors.Is(err, tg.ErrorBadRequest) || errors.Is(err, tg.ErrorForbidden) || errors.Is(err, tg.ErrorNotFound) || errors.Is(err, tg.ErrorUnauthorized)
		if final && strings.Contains(strings.ToLower(err.Error()), "too big") {
			return nil, false, fmt.Errorf("getFile: %w", ocr.ErrTooLarge)
		}
		return nil, !final, fmt.Errorf("getFile: %w", ocr.WithoutURL(err))
	}
	if f.FileSize > ocr.MaxBytes {
		return nil, false, fmt.Errorf("getFile: %w: %d bytes", ocr.ErrTooLarge, f.FileSize)
	}
	if f.FilePath == "" {
		return nil, false, errors.New("getFile: no file_path")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.files.FileDownloadLink(f), nil)
	if err != nil {
		return nil, false, fmt.Errorf("download: %w", ocr.WithoutURL(err))
	}
	return ocr.Download(w.client, req)
}
