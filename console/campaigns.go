package console

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// Campaigns is what the console does with awareness campaigns; *outreach.Broadcaster is one.
// Sending goes through the broadcaster as the admin API's and the command line's campaigns do:
// queued behind replies, within Telegram's limits, resumable after a crash.
type Campaigns interface {
	Create(ctx context.Context, text map[string]string, mrc string) (outreach.Campaign, error)
	Get(ctx context.Context, id string) (outreach.Campaign, bool, error)
	Recent(ctx context.Context, mrc string, limit int) ([]outreach.Campaign, error)
}

// Subscribers counts a campaign's audience; *outreach.Subscribers is one.
type Subscribers interface {
	Count(ctx context.Context, mrc string) (int64, error)
}

// campaignForm is the compose form as typed, its preview and its audience's size.
type campaignForm struct {
	EN, UR   string
	MRC      string // the audience: "" for every subscriber, or one centre's
	Preview  bool
	Audience int64
	Unsub    map[string]string
	Recent   []outreach.Campaign
}

// audience is the centre a request may send to: a counsellor's own always; an admin's choice,
// "" being everyone.
func audience(c *echo.Context, asked string) string {
	return scopeMRC(c, asked)
}

// campaigns shows the compose form and the campaigns sent before.
func (s *Console) campaigns(c *echo.Context) error {
	return s.showCampaigns(c, http.StatusOK, campaignForm{MRC: audience(c, c.QueryParam("mrc"))}, "")
}

func (s *Console) showCampaigns(c *echo.Context, status int, f campaignForm, errID string) error {
	ctx := c.Request().Context()
	var err error
	if f.Audience, err = s.cfg.Subscribers.Count(ctx, f.MRC); err != nil {
		return err
	}
	scope := ""
	if !auth.AccountOf(c).IsAdmin() {
		scope = auth.AccountOf(c).MRC
	}
	if f.Recent, err = s.cfg.Campaigns.Recent(ctx, scope, 20); err != nil {
		return err
	}
	f.Unsub = map[string]string{"en": outreach.UnsubscribeLabelEN, "ur": outreach.UnsubscribeLabelUR}
	return s.render(c, status, "campaigns", view{Title: "console.campaigns.title", Nav: "campaigns", Error: errID, Data: f})
}

// sendCampaign previews a campaign (action=preview) or sends it (action=send).
func (s *Console) sendCampaign(c *echo.Context) error {
	f := campaignForm{EN: strings.TrimSpace(c.FormValue("text_en")), UR: strings.TrimSpace(c.FormValue("text_ur")),
		MRC: audience(c, c.FormValue("mrc"))}
	if c.FormValue("action") != "send" {
		f.Preview = true
		return s.showCampaigns(c, http.StatusOK, f, "")
	}
	camp, err := s.cfg.Campaigns.Create(c.Request().Context(), map[string]string{"en": f.EN, "ur": f.UR}, f.MRC)
	if errors.Is(err, outreach.ErrInvalidCampaign) {
		f.Preview = true
		return s.showCampaigns(c, http.StatusBadRequest, f, "console.campaigns.invalid")
	}
	if err != nil {
		return err
	}
	s.record(c, accounts.Entry{Action: accounts.ActionCampaignSend, Object: camp.ID, Detail: camp.MRC})
	s.log.Info("console: campaign queued", "campaign", camp.ID, "mrc", camp.MRC, "subscribers", camp.Total)
	return c.Redirect(http.StatusSeeOther, Path+"/campaigns/"+camp.ID+"?done=sent")
}

// campaign shows one campaign's progress; the page reloads itself until it is done.
func (s *Console) campaign(c *echo.Context) error {
	camp, ok, err := s.cfg.Campaigns.Get(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	acc := auth.AccountOf(c)
	if !ok || (!acc.IsAdmin() && camp.MRC != acc.MRC) {
		return echo.ErrNotFound
	}
	return s.render(c, http.StatusOK, "campaign", view{Title: "console.campaign.title", Nav: "campaigns", Notice: notice(c, "console.campaign.done_"), Data: camp})
}
