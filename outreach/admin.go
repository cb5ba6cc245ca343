package outreach

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/internal/apijson"
)

// Admin API limits.
const (
	adminMaxBody   = 64 << 10
	adminQRSize    = 1024
	adminStatsDays = 30
)

// adminLinkView is a link as the admin API shows it: the stored fields, the deep link and the path of
// its QR code. URL is empty while the bot's username is not known.
type adminLinkView struct {
	Link
	URL string `json:"url,omitempty"`
	QR  string `json:"qr"`
	// WhatsAppURL and WhatsAppQR are the wa.me link and its QR code, when the WhatsApp channel
	// is on and its number known (WithWhatsAppNumber).
	WhatsAppURL string `json:"whatsapp_url,omitempty"`
	WhatsAppQR  string `json:"whatsapp_qr,omitempty"`
}

type admin struct {
	links *Links
	stats *Stats
	bot   func() string
	log   *slog.Logger
	// qrSlots bounds the QR codes drawn at once, so parallel requests cannot add up to more
	// memory than a replica has; the others wait their turn (or for the client to give up).
	qrSlots chan struct{}
	// waNumber is the WhatsApp business number for wa.me links; "" when the channel is off.
	waNumber string
}

// AdminOption configures AdminHandler.
type AdminOption func(*admin)

// WithWhatsAppNumber adds each link's wa.me link and QR code (GET .../qr.png?channel=whatsapp)
// for the WhatsApp business number; "" leaves them out.
func WithWhatsAppNumber(number string) AdminOption {
	return func(a *admin) { a.waNumber = number }
}

// qrAtOnce is how many QR codes one replica draws at the same time.
const qrAtOnce = 2

// AdminHandler serves the links and stats of the admin API. Mount it at "/admin/links" and
// "/admin/stats": it routes on the full path.
//
//	POST /admin/links               {"mrc","label","licence"?} → 201 link with "url" and "qr"
//	GET  /admin/links[?mrc=LHR]     {"links":[...]} newest first
//	GET  /admin/links/<id>          the link
//	GET  /admin/links/<id>/qr.png   image/png, ?size= pixels (512-1024, default 1024);
//	                                ?channel=whatsapp for the wa.me link's (WithWhatsAppNumber)
//	GET  /admin/stats[?from=&to=]   JSON keyed by MRC code (dates YYYY-MM-DD, default the last 30 days)
//
// It does no authentication: the /admin group of the router checks the bearer token before
// (package auth). botUsername is asked on each request, so it may become known after start;
// while it is "", creating a link answers 503.
func AdminHandler(links *Links, stats *Stats, botUsername func() string, logger *slog.Logger, opts ...AdminOption) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if botUsername == nil {
		botUsername = func() string { return "" }
	}
	a := &admin{links: links, stats: stats, bot: botUsername, log: logger, qrSlots: make(chan struct{}, qrAtOnce)}
	for _, o := range opts {
		o(a)
	}
	return a
}

func (a *admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == "/admin/links":
		switch r.Method {
		case http.MethodPost:
			a.createLink(w, r)
		case http.MethodGet, http.MethodHead:
			a.listLinks(w, r)
		default:
			apijson.MethodNotAllowed(w, "GET", "HEAD", "POST")
		}
		return
	case path == "/admin/stats":
		if !adminIsGet(w, r) {
			return
		}
		a.getStats(w, r)
		return
	case strings.HasPrefix(path, "/admin/links/"):
		rest := strings.TrimPrefix(path, "/admin/links/")
		if id, ok := strings.CutSuffix(rest, "/qr.png"); ok && id != "" && !strings.Contains(id, "/") {
			if adminIsGet(w, r) {
				a.qr(w, r, id)
			}
			return
		}
		if rest != "" && !strings.Contains(rest, "/") {
			if adminIsGet(w, r) {
				a.getLink(w, r, rest)
			}
			return
		}
	}
	apijson.NotFound(w)
}

func adminIsGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	apijson.MethodNotAllowed(w, "GET", "HEAD")
	return false
}

func (a *admin) view(l Link) adminLinkView {
	v := adminLinkView{Link: l, QR: "/admin/links/" + l.ID + "/qr.png"}
	if bot := a.bot(); bot != "" {
		v.URL = LinkURL(bot, l)
	}
	if a.waNumber != "" {
		v.WhatsAppURL, v.WhatsAppQR = WhatsAppLinkURL(a.waNumber, l), v.QR+"?channel=whatsapp"
	}
	return v
}

type adminCreateRequest struct {
	MRC     string `json:"mrc"`
	Label   string `json:"label"`
	Licence string `json:"licence"`
}

func (a *admin) createLink(w http.ResponseWriter, r *http.Request) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, adminMaxBody))
	dec.DisallowUnknownFields()
	var req adminCreateRequest
	err := dec.Decode(&req)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("more than one JSON value")
	}
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			apijson.WriteError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", adminMaxBody))
			return
		}
		apijson.WriteError(w, http.StatusBadRequest, "body must be one JSON object {\"mrc\", \"label\", \"licence\"}: "+err.Error())
		return
	}
	if a.bot() == "" {
		apijson.WriteError(w, http.StatusServiceUnavailable, "the bot's username is not known yet; try again shortly")
		return
	}
	link, err := a.links.Create(r.Context(), req.MRC, req.Label, req.Licence)
	if errors.Is(err, ErrInvalidLink) {
		apijson.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		a.storeError(w, "create link", err)
		return
	}
	a.log.Info("campaign link created", "link", link.ID, "mrc", link.MRC)
	w.Header().Set("Location", "/admin/links/"+link.ID)
	apijson.Write(w, http.StatusCreated, a.view(link))
}

func (a *admin) listLinks(w http.ResponseWriter, r *http.Request) {
	links, err := a.links.List(r.Context(), r.URL.Query().Get("mrc"))
	if err != nil {
		a.storeError(w, "list links", err)
		return
	}
	views := make([]adminLinkView, len(links))
	for i, l := range links {
		views[i] = a.view(l)
	}
	apijson.Write(w, http.StatusOK, map[string][]adminLinkView{"links": views})
}

func (a *admin) getLink(w http.ResponseWriter, r *http.Request, id string) {
	if link, ok := a.link(w, r, id); ok {
		apijson.Write(w, http.StatusOK, a.view(link))
	}
}

// link reads a link for a request, answering 404 or 500 itself when it cannot.
func (a *admin) link(w http.ResponseWriter, r *http.Request, id string) (Link, bool) {
	link, ok, err := a.links.Get(r.Context(), id)
	if err != nil {
		a.storeError(w, "get link", err)
		return Link{}, false
	}
	if !ok {
		apijson.WriteError(w, http.StatusNotFound, "no such link")
		return Link{}, false
	}
	return link, true
}

func (a *admin) qr(w http.ResponseWriter, r *http.Request, id string) {
	size := adminQRSize
	if s := r.URL.Query().Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < MinQRSize || n > MaxQRSize {
			apijson.WriteError(w, http.StatusBadRequest, fmt.Sprintf("size must be a number of pixels from %d to %d", MinQRSize, MaxQRSize))
			return
		}
		size = n
	}
	link, ok := a.link(w, r, id)
	if !ok {
		return
	}
	var target string
	switch r.URL.Query().Get("channel") {
	case "", "telegram":
		bot := a.bot()
		if bot == "" {
			apijson.WriteError(w, http.StatusServiceUnavailable, "the bot's username is not known yet; try again shortly")
			return
		}
		target = LinkURL(bot, link)
	case "whatsapp":
		if a.waNumber == "" {
			apijson.WriteError(w, http.StatusNotFound, "the WhatsApp channel is off, or its number is not known")
			return
		}
		target = WhatsAppLinkURL(a.waNumber, link)
	default:
		apijson.WriteError(w, http.StatusBadRequest, "channel must be telegram or whatsapp")
		return
	}
	select {
	case a.qrSlots <- struct{}{}:
	case <-r.Context().Done():
		return // the client gave up waiting
	}
	png, err := QRPNG(target, size)
	<-a.qrSlots
	if err != nil {
		a.log.Error("campaign qr", "link", link.ID, "err", err)
		apijson.WriteError(w, http.StatusInternalServerError, "could not draw the QR code")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(png)))
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="tasdeeq-%s-%s.png"`, strings.ToLower(link.MRC), link.ID))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(png)
}

func (a *admin) getStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to := time.Now().In(StatsZone)
	if s := q.Get("to"); s != "" {
		t, err := time.ParseInLocation(statsDayLayout, s, StatsZone)
		if err != nil {
			apijson.WriteError(w, http.StatusBadRequest, "to must be a date YYYY-MM-DD")
			return
		}
		to = t
	}
	from := to.AddDate(0, 0, -(adminStatsDays - 1))
	if s := q.Get("from"); s != "" {
		t, err := time.ParseInLocation(statsDayLayout, s, StatsZone)
		if err != nil {
			apijson.WriteError(w, http.StatusBadRequest, "from must be a date YYYY-MM-DD")
			return
		}
		from = t
	}
	if StatsDay(from) > StatsDay(to) {
		apijson.WriteError(w, http.StatusBadRequest, "from must not be after to")
		return
	}
	if days := int(to.Sub(from).Hours()/24) + 1; days > MaxStatsDays {
		apijson.WriteError(w, http.StatusBadRequest, fmt.Sprintf("the range may span at most %d days", MaxStatsDays))
		return
	}
	stats, err := a.stats.ByMRC(r.Context(), from, to)
	if err != nil {
		a.storeError(w, "stats", err)
		return
	}
	apijson.Write(w, http.StatusOK, stats)
}

func (a *admin) storeError(w http.ResponseWriter, what string, err error) {
	a.log.Error("campaign admin", "op", what, "err", err)
	apijson.WriteError(w, http.StatusServiceUnavailable, "storage unavailable")
}
