package console

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// caseView is a case as the console shows it: the stored case, its deliveries in target order,
// and whether one of them is dead (and may be retried).
type caseView struct {
	referrals.Case
	Deliveries []deliveryView
	Dead       bool
	Attempts   int
}

// deliveryView is a case's delivery to one target.
type deliveryView struct {
	Target string
	referrals.Delivery
}

func newCaseView(cs referrals.Case) caseView {
	v := caseView{Case: cs}
	for _, t := range cs.Targets {
		d := deliveryView{Target: t}
		if got := cs.Deliveries[t]; got != nil {
			d.Delivery = *got
		}
		v.Dead = v.Dead || d.Status == referrals.StatusDead
		v.Attempts += d.Attempts
		v.Deliveries = append(v.Deliveries, d)
	}
	return v
}

// References lists the agencies' references of a case.
func (v caseView) References() []string {
	var out []string
	for _, d := range v.Deliveries {
		if d.Reference != "" {
			out = append(out, d.Reference)
		}
	}
	return out
}

// casesPage is the search's data.
type casesPage struct {
	Query, Status, Reference string
	Statuses                 []referrals.Status
	Cases                    []caseView
	Searched                 bool
}

var statuses = []referrals.Status{referrals.StatusReview, referrals.StatusQueued, referrals.StatusDelivered, referrals.StatusDead, referrals.StatusDismissed}

// cases searches the cases: a case id goes straight to the case; otherwise the newest 100 with
// a status and, optionally, an agency's reference containing what was typed.
func (s *Console) cases(c *echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if id := referrals.NormalizeID(q); id != "" {
		return c.Redirect(http.StatusSeeOther, Path+"/cases/"+id)
	}
	p := casesPage{Query: q, Status: c.QueryParam("status"), Reference: strings.TrimSpace(c.QueryParam("ref")), Statuses: statuses}
	if !referrals.KnownStatus(referrals.Status(p.Status)) {
		p.Status = ""
	}
	ref := strings.ToLower(p.Reference)
	if ref == "" {
		ref = strings.ToLower(q)
	}
	found, err := s.cfg.Cases.List(c.Request().Context(), referrals.Status(p.Status), 100)
	if err != nil {
		return err
	}
	for _, cs := range found {
		v := newCaseView(cs)
		if ref != "" && !slices.ContainsFunc(v.References(), func(r string) bool { return strings.Contains(strings.ToLower(r), ref) }) {
			continue
		}
		p.Cases = append(p.Cases, v)
	}
	p.Searched = q != "" || p.Status != "" || p.Reference != ""
	return s.render(c, http.StatusOK, "cases", view{Title: "console.cases.title", Nav: "cases", Data: p})
}

// caseDetail shows one case: its status, each delivery (attempts, last error, the agency's
// reference), the counsellor's decision, and what the audit log says about it.
func (s *Console) caseDetail(c *echo.Context) error {
	ctx := c.Request().Context()
	cs, ok, err := s.cfg.Cases.Get(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if !ok {
		return s.render(c, http.StatusNotFound, "case", view{Title: "console.case.not_found", Nav: "cases"})
	}
	history, err := s.cfg.Audit.Recent(ctx, 50, "", cs.ID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "case", view{Title: "console.case.title", Nav: "cases", Notice: notice(c, "console.case.done_"),
		Data: struct {
			Case    caseView
			History []accounts.Entry
			Reasons []string
		}{newCaseView(cs), history, DismissReasons}})
}

// retry sends a dead-lettered case again (admins).
func (s *Console) retry(c *echo.Context) error {
	id := referrals.NormalizeID(c.Param("id"))
	err := s.cfg.Cases.Retry(c.Request().Context(), id)
	if errors.Is(err, referrals.ErrNotFound) || errors.Is(err, referrals.ErrNothingDead) {
		return c.Redirect(http.StatusSeeOther, Path+"/cases/"+id+"?done=stale")
	}
	if err != nil {
		return err
	}
	s.record(c, accounts.Entry{Action: accounts.ActionRetry, Case: id})
	s.log.Info("console: case requeued", "case", id)
	return c.Redirect(http.StatusSeeOther, Path+"/cases/"+id+"?done=retried")
}
