package bottest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// apiError is a failed answer: HTTP status (= error_code), description, optional retry_after.
type apiError struct {
	status     int
	desc       string
	retryAfter int
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	token, method, ok := methodFromPath(r.URL.Path)
	if !ok {
		writeError(w, apiError{status: http.StatusNotFound, desc: "Not Found"})
		return
	}
	if token != Token && !s.anyToken {
		writeError(w, apiError{status: http.StatusUnauthorized, desc: "Unauthorized"})
		return
	}
	params, files, err := parseRequest(r)
	if err != nil {
		writeError(w, apiError{status: http.StatusBadRequest, desc: "Bad Request: " + err.Error()})
		return
	}
	call := Call{Method: method, Params: params, Files: files, At: time.Now()}
	if rm := params["reply_markup"]; rm != "" {
		call.Keyboard, _ = decodeKeyboard(rm)
	}
	chatID, hasChat := call.ChatID(), params["chat_id"] != ""

	s.mu.Lock()
	delay := s.delay
	if hasChat {
		s.inFlight[chatID]++
		if s.inFlight[chatID] > s.maxInFlight[chatID] {
			s.maxInFlight[chatID] = s.inFlight[chatID]
		}
	}
	s.mu.Unlock()
	if hasChat {
		defer func() {
			s.mu.Lock()
			s.inFlight[chatID]--
			s.mu.Unlock()
		}()
	}
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
		case <-s.done:
		}
	}

	// getUpdates may wait for updates; it is answered outside the lock.
	if strings.EqualFold(method, "getUpdates") {
		if f := s.takeFault(method); f != nil {
			s.finish(w, call, nil, f)
			return
		}
		s.finish(w, call, s.getUpdates(r, params), nil)
		return
	}

	s.mu.Lock()
	var result any
	f := s.takeFaultLocked(method)
	if f == nil {
		result, f = s.answerLocked(&call)
	}
	s.mu.Unlock()
	s.finish(w, call, result, f)
}

// finish records the call and writes the answer (or drops the connection for status 0).
func (s *Server) finish(w http.ResponseWriter, call Call, result any, f *apiError) {
	if f != nil {
		call.Status, call.Description = f.status, f.desc
	} else {
		call.Status = http.StatusOK
	}
	if !s.discard {
		s.mu.Lock()
		s.calls = append(s.calls, call)
		s.mu.Unlock()
	}
	if s.onCall != nil {
		s.onCall(call)
	}
	if f == nil {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
		return
	}
	if f.status == 0 {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // no hijacking: abort the response instead
	}
	writeError(w, *f)
}

func (s *Server) takeFault(method string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.takeFaultLocked(method)
}

func (s *Server) takeFaultLocked(method string) *apiError {
	m := strings.ToLower(method)
	q := s.faults[m]
	if len(q) == 0 {
		return nil
	}
	f := q[0]
	f.left--
	if f.left <= 0 {
		s.faults[m] = q[1:]
	}
	return &apiError{status: f.status, desc: describe(f.status, f.retryAfter), retryAfter: f.retryAfter}
}

// describe gives the description Telegram sends with an error code.
func describe(status, retryAfter int) string {
	switch status {
	case 0:
		return "connection dropped"
	case http.StatusTooManyRequests:
		return "Too Many Requests: retry after " + strconv.Itoa(retryAfter)
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusBadRequest:
		return "Bad Request: chat not found"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict: terminated by other getUpdates request"
	default:
		return http.StatusText(status)
	}
}

func writeError(w http.ResponseWriter, e apiError) {
	body := map[string]any{"ok": false, "error_code": e.status, "description": e.desc}
	if e.status == http.StatusTooManyRequests {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		panic(fmt.Sprintf("bottest: encode answer: %v", err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// getUpdates answers with the queued updates from offset on, waiting up to the timeout
// parameter (at most 2 s) for the first one. Updates before offset are confirmed and dropped.
func (s *Server) getUpdates(r *http.Request, params map[string]string) any {
	offset, _ := strconv.ParseInt(params["offset"], 10, 64)
	limit, _ := strconv.Atoi(params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(params["timeout"])
	wait := min(time.Duration(timeout)*time.Second, 2*time.Second)
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if offset > 0 {
			kept := s.updates[:0]
			for _, u := range s.updates {
				if u.ID >= offset {
					kept = append(kept, u)
				}
			}
			s.updates = kept
		}
		n := min(len(s.updates), limit)
		out := append(make([]any, 0, n), anySlice(s.updates[:n])...)
		ch := s.updatesCh
		s.mu.Unlock()
		if len(out) > 0 || wait <= 0 {
			return out
		}
		select {
		case <-ch:
		case <-deadline.C:
			return out
		case <-r.Context().Done():
			return out
		case <-s.done:
			return out
		}
	}
}

func anySlice[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}
