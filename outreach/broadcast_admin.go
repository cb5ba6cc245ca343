package outreach

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/tasdeeq/tasdeeq/internal/apijson"
)

// CampaignsAdmin serves the campaign part of the admin API (mount it at /admin/campaigns). It
// does no authentication: the /admin group of the router checks the bearer token before.
//
//	POST /admin/campaigns       {"text":{"en":"...","ur":"..."},"mrc":"LHR"} → 202 {"id":"..."}
//	GET  /admin/campaigns/<id>  → 200 Campaign (progress), 404 when unknown
//
// Errors are JSON {"error":"..."}: 400 for an invalid campaign or body, 405 for another method,
// 500 when Redis fails.
func CampaignsAdmin(b *Broadcaster) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const base = "/admin/campaigns"
		switch {
		case r.URL.Path == base:
			if r.Method != http.MethodPost {
				apijson.MethodNotAllowed(w, http.MethodPost)
				return
			}
			createCampaign(b, w, r)
		case strings.HasPrefix(r.URL.Path, base+"/") && !strings.Contains(r.URL.Path[len(base)+1:], "/") && r.URL.Path != base+"/":
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				apijson.MethodNotAllowed(w, http.MethodGet, http.MethodHead)
				return
			}
			c, ok, err := b.Get(r.Context(), r.URL.Path[len(base)+1:])
			switch {
			case err != nil:
				b.log.Error("reading campaign failed", "err", err)
				apijson.WriteError(w, http.StatusInternalServerError, "storage error")
			case !ok:
				apijson.WriteError(w, http.StatusNotFound, "no such campaign")
			default:
				apijson.Write(w, http.StatusOK, c)
			}
		default:
			apijson.NotFound(w)
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
		apijson.WriteError(w, http.StatusBadRequest, "body must be JSON {\"text\":{\"en\":...,\"ur\":...},\"mrc\":...}: "+err.Error())
		return
	}
	if dec.More() {
		apijson.WriteError(w, http.StatusBadRequest, "one JSON object expected")
		return
	}
	c, err := b.Create(r.Context(), req.Text, req.MRC)
	switch {
	case errors.Is(err, ErrInvalidCampaign):
		apijson.WriteError(w, http.StatusBadRequest, err.Error())
	case err != nil:
		b.log.Error("creating campaign failed", "err", err)
		apijson.WriteError(w, http.StatusInternalServerError, "storage error")
	default:
		w.Header().Set("Location", "/admin/campaigns/"+c.ID)
		apijson.Write(w, http.StatusAccepted, map[string]any{"id": c.ID, "total": c.Total})
	}
}
