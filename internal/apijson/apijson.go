// Package apijson writes the admin API's answers: JSON, never cached, and one shape for every
// error, {"error":"what went wrong"}, whichever package under /admin/ refuses the request.
package apijson

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Write answers status with v as JSON.
func Write(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// Error is the body of every error answer.
type Error struct {
	Error string `json:"error"`
}

// WriteError answers status with {"error": msg}.
func WriteError(w http.ResponseWriter, status int, msg string) {
	Write(w, status, Error{Error: msg})
}

// MethodNotAllowed answers 405 naming the methods the path takes.
func MethodNotAllowed(w http.ResponseWriter, allow ...string) {
	w.Header().Set("Allow", strings.Join(allow, ", "))
	WriteError(w, http.StatusMethodNotAllowed, "method not allowed")
}

// NotFound answers 404.
func NotFound(w http.ResponseWriter) { WriteError(w, http.StatusNotFound, "not found") }
