package bottest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// Call is one request the fake received.
type Call struct {
	// Method is the method name as it appeared in the URL, e.g. "sendMessage".
	Method string
	// Params holds every parameter as text, the way multipart/form-data carries it: objects such
	// as reply_markup stay JSON text. An uploaded file's parameter holds its file name.
	Params map[string]string
	// Files holds the contents of uploaded files by parameter name.
	Files map[string][]byte
	// Keyboard is reply_markup decoded as an inline keyboard; nil when the call had none.
	Keyboard *models.InlineKeyboardMarkup
	// Status is the HTTP status the fake answered (200, an injected error or a validation
	// error); 0 when the connection was dropped on purpose.
	Status int
	// Description is the error description sent with a failed answer.
	Description string
	// At is when the request arrived (wall clock).
	At time.Time
}

// OK reports whether the call was answered with {"ok":true}.
func (c Call) OK() bool { return c.Status == http.StatusOK }

// ChatID is the chat_id parameter as a number (0 when absent or not numeric).
func (c Call) ChatID() int64 {
	id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	return id
}

// Text is the text parameter, or the caption of a photo.
func (c Call) Text() string {
	if t, ok := c.Params["text"]; ok {
		return t
	}
	return c.Params["caption"]
}

// Buttons flattens the inline keyboard into "text|callback_data|url" strings, row by row, which
// makes compact assertions.
func (c Call) Buttons() []string {
	if c.Keyboard == nil {
		return nil
	}
	var out []string
	for _, row := range c.Keyboard.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.Text+"|"+b.CallbackData+"|"+b.URL)
		}
	}
	return out
}

// parseRequest reads the parameters of a Bot API request in any of the three encodings Telegram
// accepts, plus the URL query.
func parseRequest(r *http.Request) (params map[string]string, files map[string][]byte, err error) {
	params = map[string]string{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			if errors.Is(err, io.EOF) { // no parameters at all (getMe): an empty body
				return params, nil, nil
			}
			return nil, nil, fmt.Errorf("parse multipart form: %w", err)
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
		for k, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			f, err := fhs[0].Open()
			if err != nil {
				return nil, nil, fmt.Errorf("open uploaded file %s: %w", k, err)
			}
			data, err := io.ReadAll(f)
			_ = f.Close()
			if err != nil {
				return nil, nil, fmt.Errorf("read uploaded file %s: %w", k, err)
			}
			if files == nil {
				files = map[string][]byte{}
			}
			files[k] = data
			params[k] = fhs[0].Filename
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, nil, fmt.Errorf("parse form: %w", err)
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
	case "application/json":
		dec := json.NewDecoder(r.Body)
		dec.UseNumber()
		var body map[string]any
		if err := dec.Decode(&body); err != nil && err != io.EOF {
			return nil, nil, fmt.Errorf("parse JSON body: %w", err)
		}
		for k, v := range body {
			switch v := v.(type) {
			case nil:
			case string:
				params[k] = v
			case json.Number:
				params[k] = v.String()
			case bool:
				params[k] = strconv.FormatBool(v)
			default:
				data, err := json.Marshal(v)
				if err != nil {
					return nil, nil, fmt.Errorf("re-encode %s: %w", k, err)
				}
				params[k] = string(data)
			}
		}
	}
	return params, files, nil
}

// methodFromPath splits /bot<token>/<method> (or /bot<token>/test/<method>).
func methodFromPath(path string) (token, method string, ok bool) {
	rest, found := strings.CutPrefix(path, "/bot")
	if !found {
		return "", "", false
	}
	token, method, found = strings.Cut(rest, "/")
	if !found {
		return "", "", false
	}
	method = strings.TrimPrefix(method, "test/")
	return token, method, method != "" && !strings.Contains(method, "/")
}

// utf16Len counts UTF-16 code units, the unit of Telegram's length limits.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
