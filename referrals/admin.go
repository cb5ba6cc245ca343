package referrals

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tasdeeq/tasdeeq/internal/bearer"
)

// AdminHandler serves, behind "Authorization: Bearer <token>" (401 otherwise):
//
//	GET  /admin/referrals?status=dead   cases, newest first, at most 100
//	GET  /admin/referrals/<id>          one case
//	POST /admin/referrals/<id>/retry    requeue its dead deliveries (404 unknown, 409 nothing dead)
//
// It sees the full path (mount it at /admin/). An empty token turns it off: 404 to everything.
func AdminHandler(store *Store, token string, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	want := bearer.New(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			http.NotFound(w, r)
			return
		}
		if !want.Matches(r.Header.Get("Authorization")) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tasdeeq-admin"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, "/admin/referrals")
		if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
			http.NotFound(w, r)
			return
		}
		parts := strings.Split(strings.Trim(rest, "/"), "/")
		if parts[0] == "" {
			parts = nil
		}
		ctx := r.Context()
		switch {
		case len(parts) == 0:
			if r.Method != http.MethodGet {
				methodNotAllowed(w, "GET")
				return
			}
			status := Status(r.URL.Query().Get("status"))
			switch status {
			case "", StatusReview, StatusQueued, StatusDelivered, StatusDead, StatusDismissed:
			default:
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unknown status"})
				return
			}
			cases, err := store.List(ctx, status, 100)
			if err != nil {
				logger.Error("admin referrals: list", "err", err)
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "store unavailable"})
				return
			}
			if cases == nil {
				cases = []Case{}
			}
			writeJSON(w, http.StatusOK, cases)
		case len(parts) == 1:
			if r.Method != http.MethodGet {
				methodNotAllowed(w, "GET")
				return
			}
			c, ok, err := store.Get(ctx, parts[0])
			if err != nil {
				logger.Error("admin referrals: get", "err", err)
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "store unavailable"})
				return
			}
			if !ok {
				writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such case"})
				return
			}
			writeJSON(w, http.StatusOK, c)
		case len(parts) == 2 && parts[1] == "retry":
			if r.Method != http.MethodPost {
				methodNotAllowed(w, "POST")
				return
			}
			err := store.Retry(ctx, parts[0])
			switch {
			case errors.Is(err, ErrNotFound):
				writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such case"})
			case errors.Is(err, ErrNothingDead):
				writeJSON(w, http.StatusConflict, map[string]string{"error": "no dead delivery to retry"})
			case err != nil:
				logger.Error("admin referrals: retry", "err", err)
				writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "store unavailable"})
			default:
				logger.Info("admin referrals: requeued", "case", NormalizeID(parts[0]))
				writeJSON(w, http.StatusOK, map[string]string{"status": string(StatusQueued), "case_id": NormalizeID(parts[0])})
			}
		default:
			http.NotFound(w, r)
		}
	})
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
