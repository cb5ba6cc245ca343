package ocr

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Download fetches a picture to read: it sends req with client, takes only a 200 (a 5xx or a
// 429 is worth trying again, anything else is not), and reads at most MaxBytes. Errors never
// carry the URL: a Telegram file URL holds the bot token.
func Download(client *http.Client, req *http.Request) (data []byte, retry bool, err error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, true, fmt.Errorf("download: %w", WithoutURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests, fmt.Errorf("download: status %d", resp.StatusCode)
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, MaxBytes+1))
	if err != nil {
		return nil, true, fmt.Errorf("download: %w", WithoutURL(err))
	}
	if len(data) > MaxBytes {
		return nil, false, fmt.Errorf("download: %w", ErrTooLarge)
	}
	return data, false, nil
}

// WithoutURL drops the URL from a *url.Error, which would otherwise put a token in a log line.
func WithoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
