package console

import (
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/outreach"
)

// Stats is what the console reads of the counts per centre and link; *outreach.Stats is one.
type Stats interface {
	ByMRC(ctx context.Context, from, to time.Time) (map[string]outreach.MRCStats, error)
}

// defaultStatsDays is the range the numbers page opens on, as /stats in the bot.
const defaultStatsDays = 30

// statsQuery is a request's range and centre: a counsellor's own centre always, an admin's
// choice ("" for all).
type statsQuery struct {
	From, To string // YYYY-MM-DD, days in Pakistan
	MRC      string
	from, to time.Time
}

// parseStatsQuery reads ?from=&to=&mrc=; a bad or missing date is the default range, and a
// range longer than the counters live is cut to its last days.
func (s *Console) parseStatsQuery(c *echo.Context) statsQuery {
	to, err := time.ParseInLocation(time.DateOnly, c.QueryParam("to"), outreach.StatsZone)
	if err != nil {
		to = s.now().In(outreach.StatsZone)
	}
	from, err := time.ParseInLocation(time.DateOnly, c.QueryParam("from"), outreach.StatsZone)
	if err != nil || from.After(to) {
		from = to.AddDate(0, 0, -(defaultStatsDays - 1))
	}
	if earliest := to.AddDate(0, 0, -(outreach.MaxStatsDays - 1)); from.Before(earliest) {
		from = earliest
	}
	return statsQuery{From: outreach.StatsDay(from), To: outreach.StatsDay(to), MRC: scopeMRC(c, c.QueryParam("mrc")), from: from, to: to}
}

// days lists the range's days, oldest first.
func (q statsQuery) days() []string {
	var out []string
	for d := q.from; outreach.StatsDay(d) <= q.To; d = d.AddDate(0, 0, 1) {
		out = append(out, outreach.StatsDay(d))
	}
	return out
}

// centreStats is one centre's numbers as the page shows them.
type centreStats struct {
	MRC    string
	Totals outreach.Counts
	Chart  chart
	Links  []linkStats
}

// linkStats is one link's numbers.
type linkStats struct {
	ID, Label string
	Totals    outreach.Counts
	Chart     chart
}

// load reads the numbers of the query's range for the centres it may see, with the labels of
// their links.
func (s *Console) loadStats(ctx context.Context, q statsQuery) ([]centreStats, error) {
	byMRC, err := s.cfg.Stats.ByMRC(ctx, q.from, q.to)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{}
	links, err := s.cfg.Links.List(ctx, q.MRC)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		labels[l.ID] = l.Label
	}
	days := q.days()
	var out []centreStats
	for _, mrc := range slices.Sorted(maps.Keys(byMRC)) {
		if q.MRC != "" && mrc != q.MRC {
			continue
		}
		m := byMRC[mrc]
		cs := centreStats{MRC: mrc, Totals: m.Totals, Chart: newChart(days, m.Days)}
		for _, id := range slices.Sorted(maps.Keys(m.Links)) {
			cs.Links = append(cs.Links, linkStats{ID: id, Label: labels[id], Totals: m.Links[id], Chart: newChart(days, m.LinkDays[id])})
		}
		out = append(out, cs)
	}
	return out, nil
}

// stats is the numbers page: per centre and per link, by day, with charts.
func (s *Console) stats(c *echo.Context) error {
	q := s.parseStatsQuery(c)
	centres, err := s.loadStats(c.Request().Context(), q)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "stats", view{Title: "console.stats.title", Nav: "stats",
		Data: struct {
			Query   statsQuery
			Centres []centreStats
		}{q, centres}})
}

// statsCSV is the same numbers as a spreadsheet: one row per day and centre, and one per day
// and link (with the link's columns filled).
func (s *Console) statsCSV(c *echo.Context) error {
	q := s.parseStatsQuery(c)
	ctx := c.Request().Context()
	byMRC, err := s.cfg.Stats.ByMRC(ctx, q.from, q.to)
	if err != nil {
		return err
	}
	links, err := s.cfg.Links.List(ctx, q.MRC)
	if err != nil {
		return err
	}
	labels := map[string]string{}
	for _, l := range links {
		labels[l.ID] = l.Label
	}
	h := c.Response().Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tasdeeq-stats-%s-%s.csv"`, q.From, q.To))
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	_ = w.Write([]string{"date", "mrc", "link_id", "link_label", "new_users", "checks", "high_risk", "reports"})
	row := func(day, mrc, id string, n outreach.Counts) {
		_ = w.Write([]string{day, mrc, id, labels[id], strconv.FormatInt(n.Users, 10), strconv.FormatInt(n.Checks, 10),
			strconv.FormatInt(n.High, 10), strconv.FormatInt(n.Reports, 10)})
	}
	for _, mrc := range slices.Sorted(maps.Keys(byMRC)) {
		if q.MRC != "" && mrc != q.MRC {
			continue
		}
		m := byMRC[mrc]
		for _, day := range q.days() {
			if n, ok := m.Days[day]; ok {
				row(day, mrc, "", n)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(m.LinkDays)) {
			for _, day := range q.days() {
				if n, ok := m.LinkDays[id][day]; ok {
					row(day, mrc, id, n)
				}
			}
		}
	}
	w.Flush()
	return w.Error()
}
