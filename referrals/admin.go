package referrals

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tasdeeq/tasdeeq/internal/apijson"
)

// AdminHandler serves the referral part of the admin API:
//
//	GET  /admin/referrals?status=dead   cases, newest first, at most 100
//	GET  /admin/referrals/<id>          one case
//	POST /admin/referrals/<id>/retry    requeue its dead deliveries (404 unknown, 409 nothing dead)
//
// It sees the full path (mount it at /admin/referrals) and does no authentication: the /admin
// group of the router checks the bearer token before (package auth).
func AdminHandler(store *Store, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/admin/referrals")
		if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
			apijson.NotFound(w)
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
				apijson.MethodNotAllowed(w, http.MethodGet)
				return
			}
			status := Status(r.URL.Query().Get("status"))
			if !KnownStatus(status) && status != "" {
				apijson.WriteError(w, http.StatusBadRequest, "unknown status")
				return
			}
			cases, err := store.List(ctx, status, 100)
			if err != nil {
				logger.Error("admin referrals: list", "err", err)
				apijson.WriteError(w, http.StatusServiceUnavailable, "store unavailable")
				return
			}
			if cases == nil {
				cases = []Case{}
			}
			apijson.Write(w, http.StatusOK, cases)
		case len(parts) == 1:
			if r.Method != http.MethodGet {
				apijson.MethodNotAllowed(w, http.MethodGet)
				return
			}
			c, ok, err := store.Get(ctx, parts[0])
			if err != nil {
				logger.Error("admin referrals: get", "err", err)
				apijson.WriteError(w, http.StatusServiceUnavailable, "store unavailable")
				return
			}
			if !ok {
				apijson.WriteError(w, http.StatusNotFound, "no such case")
				return
			}
			apijson.Write(w, http.StatusOK, c)
		case len(parts) == 2 && parts[1] == "retry":
			if r.Method != http.MethodPost {
				apijson.MethodNotAllowed(w, http.MethodPost)
				return
			}
			err := store.Retry(ctx, parts[0])
			switch {
			case errors.Is(err, ErrNotFound):
				apijson.WriteError(w, http.StatusNotFound, "no such case")
			case errors.Is(err, ErrNothingDead):
				apijson.WriteError(w, http.StatusConflict, "no dead delivery to retry")
			case err != nil:
				logger.Error("admin referrals: retry", "err", err)
				apijson.WriteError(w, http.StatusServiceUnavailable, "store unavailable")
			default:
				logger.Info("admin referrals: requeued", "case", NormalizeID(parts[0]))
				apijson.Write(w, http.StatusOK, map[string]string{"status": string(StatusQueued), "case_id": NormalizeID(parts[0])})
			}
		default:
			apijson.NotFound(w)
		}
	})
}

// KnownStatus says whether s is one of the statuses a case can have.
func KnownStatus(s Status) bool {
	switch s {
	case StatusReview, StatusQueued, StatusDelivered, StatusDead, StatusDismissed:
		return true
	}
	return false
}
