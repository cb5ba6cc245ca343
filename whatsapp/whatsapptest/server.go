package whatsapptest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is the access token the fake accepts; any other gets 401 with Meta's code 190.
const Token = "EAAG-test-tasdeeq-whatsapp-token"

// Version is the Graph API version the fake serves.
const Version = "v23.0"

// Templates are the approved templates the fake knows by default: the case update and the
// campaign of the README, in English and Urdu.
var Templates = map[string]TemplateSpec{
	"tasdeeq_case_update": {Languages: []string{"en", "ur"}, BodyParams: 1, QuickReplies: 1},
	"tasdeeq_safety_tip":  {Languages: []string{"en", "ur"}, BodyParams: 1, QuickReplies: 1},
}

// Server is a fake Graph API: POST /{version}/{phone-number-id}/messages (validated, see
// Validate), GET /{version}/{media-id} and the download of its URL, and GET
// /{version}/{phone-number-id} for the display number. It keeps every accepted message per
// recipient, and can refuse messages the way Meta does: a closed 24-hour window (131047), rate
// limits (130429, 131056), 5xx. It is safe for concurrent use.
type Server struct {
	srv *httptest.Server

	mu        sync.Mutex
	sent      []Sent
	refused   []*APIError
	closed    map[string]bool // wa_ids whose 24-hour window is closed
	faults    []fault
	media     map[string]mediaFile
	templates map[string]TemplateSpec
	downloads int
}

type fault struct {
	to     string // "" for any recipient
	err    APIError
	remain int
}

type mediaFile struct {
	data []byte
	mime string
}

// New starts a fake Graph API, closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{closed: map[string]bool{}, media: map[string]mediaFile{}, templates: Templates}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the base URL to configure as WHATSAPP_API_URL.
func (s *Server) URL() string { return s.srv.URL }

// CloseWindow makes free-form messages to waID fail with 131047, as when the user last wrote
// more than 24 hours ago; OpenWindow undoes it (the user wrote).
func (s *Server) CloseWindow(waID string) { s.mu.Lock(); s.closed[waID] = true; s.mu.Unlock() }

// OpenWindow reopens the 24-hour window of waID.
func (s *Server) OpenWindow(waID string) { s.mu.Lock(); delete(s.closed, waID); s.mu.Unlock() }

// Fail makes the next n messages to waID ("" for anyone) fail with Meta's code and HTTP status.
func (s *Server) Fail(waID string, n, status, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fault{to: waID, err: APIError{Status: status, Code: code, Message: "injected"}, remain: n})
}

// AddMedia serves data as the media id.
func (s *Server) AddMedia(id string, data []byte, mime string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media[id] = mediaFile{data: data, mime: mime}
}

// Downloads counts the media downloads made.
func (s *Server) Downloads() int { s.mu.Lock(); defer s.mu.Unlock(); return s.downloads }

// Sent is every message accepted so far, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// To is every message accepted for waID, in order.
func (s *Server) To(waID string) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		if m.To == waID {
			out = append(out, m)
		}
	}
	return out
}

// Refused is every error the fake answered a message with, injected or found by Validate.
func (s *Server) Refused() []*APIError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*APIError(nil), s.refused...)
}

// Wait waits until waID has n messages, and returns them.
func (s *Server) Wait(t testing.TB, waID string, n int) []Sent {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := s.To(waID)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages to %s, want %d; refused: %v", len(got), waID, n, s.Refused())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+Token {
		writeError(w, &APIError{Status: 401, Code: 190, Message: "Invalid OAuth access token"})
		return
	}
	path := strings.Trim(r.URL.Path, "/")
	if dl, ok := strings.CutPrefix(path, "download/"); ok && r.Method == http.MethodGet {
		s.download(w, dl)
		return
	}
	version, rest, _ := strings.Cut(path, "/")
	if version != Version {
		writeError(w, &APIError{Status: 400, Code: 2635, Message: "unknown API version " + version})
		return
	}
	switch {
	case r.Method == http.MethodPost && rest == PhoneNumberID+"/messages":
		s.message(w, r)
	case r.Method == http.MethodGet && rest == PhoneNumberID:
		writeJSON(w, map[string]string{"display_phone_number": DisplayNumber, "id": PhoneNumberID})
	case r.Method == http.MethodGet && !strings.Contains(rest, "/"):
		s.mediaInfo(w, rest)
	default:
		writeError(w, &APIError{Status: 400, Code: 100, Message: "Unsupported request"})
	}
}

func (s *Server) message(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, &APIError{Status: 400, Code: 100, Message: "Content-Type must be application/json"})
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, &APIError{Status: 400, Code: 100, Message: "unreadable body"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sent, verr := Validate(raw, s.templates)
	refuse := func(e *APIError) {
		s.refused = append(s.refused, e)
		writeError(w, e)
	}
	if verr != nil {
		refuse(verr.(*APIError))
		return
	}
	for i := range s.faults {
		f := &s.faults[i]
		if f.remain > 0 && (f.to == "" || f.to == sent.To) {
			f.remain--
			e := f.err
			refuse(&e)
			return
		}
	}
	if sent.Type != "template" && s.closed[sent.To] {
		refuse(&APIError{Status: 400, Code: 131047, Message: "Re-engagement message"})
		return
	}
	s.sent = append(s.sent, sent)
	writeJSON(w, map[string]any{"messaging_product": "whatsapp",
		"contacts": []map[string]string{{"input": sent.To, "wa_id": sent.To}},
		"messages": []map[string]string{{"id": MessageID()}}})
}

func (s *Server) mediaInfo(w http.ResponseWriter, id string) {
	s.mu.Lock()
	f, ok := s.media[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, &APIError{Status: 404, Code: 100, Message: "Unsupported get request: no media " + id})
		return
	}
	sum := sha256.Sum256(f.data)
	writeJSON(w, map[string]any{"messaging_product": "whatsapp", "id": id, "mime_type": f.mime,
		"sha256": hex.EncodeToString(sum[:]), "file_size": len(f.data),
		"url": s.srv.URL + "/download/" + id + "?ext=1&hash=signed"})
}

func (s *Server) download(w http.ResponseWriter, id string) {
	s.mu.Lock()
	f, ok := s.media[id]
	s.downloads++
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", f.mime)
	_, _ = w.Write(f.data)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, e *APIError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.Status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": fmt.Sprintf("(#%d) %s", e.Code, e.Message), "type": "OAuthException", "code": e.Code,
		"error_data": map[string]string{"messaging_product": "whatsapp", "details": e.Message},
		"fbtrace_id": "AazL0a1b2c3"}})
}
