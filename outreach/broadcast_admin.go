package outreach

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// CampaignsAdmin serves the campaign part of the admin API and passes every other request to
// next (404 when next is nil). It does no authentication: the admin handler that wraps it must.
//
//	POST /admin/campaigns       {"text":{"en":"...","ur":"..."},"mrc":"LHR"} → 202 {"id":"..."}
//	GET  /admin/campaigns/<id>  → 200 Campaign (progress), 404 when unknown
//
// Errors are JSON {"error":"..."}: 400 for an invalid campaign or body, 405 for another method,
// 500 when Redis fails.
func CampaignsAdmin(b *Broadcaster, next http.Handler) http.Handler {
	if next == nil {
		next = http.NotFoundHandler()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const base = "/admin/campaigns"
		switch {
		case r.URL.Path == base:
			if r.Method != http.MethodPost {
				w.Header().Set("Allow", http.MethodPost)
				writeCampaignJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST"})
				return
			}
			createCampaign(b, w, r)
		case strings.HasPrefix(r.URL.Path, base+"/") && !strings.Contains(r.URL.Path[len(base)+1:], "/") && r.URL.Path != base+"/":
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				writeCampaignJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use GET"})
				return
			}
			c, ok, err := b.Get(r.Context(), r.URL.Path[len(base)+1:])
			switch {
			case err != nil:
				b.log.Error("reading campaign failed", "err", err)
				writeCampaignJSON(w, http.StatusInternalServerError, map[string]string{"error": "storage error"})
			case !ok:
				writeCampaignJSON(w, http.StatusNotFound, map[string]string{"error": "no such campaign"})
			default:
				writeCampaignJSON(w, http.StatusOK, c)
			}
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func createCampaign(b *Broadcaster, w http.ResponseWriter, r *http.Request) {
	var req struct {
		Text map[string]string `json:"text"`
		MRC  string            `json:"mrc"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeCampaignJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be JSON {\"text\":{\"en\":...,\"ur\":...},\"mrc\":...}: " + err.Error()})
		return
	}
	if dec.More() {
		writeCampaignJSON(w, http.StatusBadRequest, map[string]string{"error": "one JSON object expected"})
		return
	}
	c, err := b.Create(r.Context(), req.Text, req.MRC)
	switch {
	case errors.Is(err, ErrInvalidCampaign):
		writeCampaignJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
	case err != nil:
		b.log.Error("creating campaign failed", "err", err)
		writeCampaignJSON(w, http.StatusInternalServerError, map[string]string{"error": "storage error"})
	default:
		w.Header().Set("Location", "/admin/campaigns/"+c.ID)
		writeCampaignJSON(w, http.StatusAccepted, map[string]any{"id": c.ID, "total": c.Total})
	}
}

func writeCampaignJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
