package dialogs

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/redflags"
	"github.com/tasdeeq/tasdeeq/referrals"
)

// The report states.
const (
	ReportWhat    State = "report_what"
	ReportAmount  State = "report_amount"
	ReportChannel State = "report_channel"
	ReportContact State = "report_contact"
	ReportConfirm State = "report_confirm"
)

// Report callback codes.
const (
	cbRep        = "rep:"     // rep:saw, rep:asked, rep:paid
	cbRepAmount  = "rep:amt:" // rep:amt:ad, rep:amt:skip
	cbRepChannel = "rep:ch:"  // rep:ch:jazzcash, ... rep:ch:skip
	cbRepYes     = "rep:yes"
	cbRepNo      = "rep:no"
	cbReview     = "rv:"   // rv:<case id>: show a case to a counsellor
	cbReviewOK   = "rvok:" // confirm and refer
	cbReviewNo   = "rvno:" // dismiss
)

// maxStoredAd bounds the ad kept for a report (runes); a forwarded ad is far shorter.
const maxStoredAd = 4000

// Ad is the last ad a user checked, kept with the conversation (a day) so that "Report this ad"
// can refer it with its verdict.
type Ad struct {
	Text      string            `json:"text"`
	Verdict   referrals.Verdict `json:"verdict"`
	AmountPKR int64             `json:"amount_pkr,omitempty"`
	Channel   string            `json:"channel,omitempty"`
	// Victim is set when the text is a victim's own account, whose answer already said what to
	// do after paying.
	Victim bool `json:"victim,omitempty"`
}

// Report is a report being filled in.
type Report struct {
	Happened  referrals.Happened `json:"happened,omitempty"`
	AmountPKR int64              `json:"amount_pkr,omitempty"`
	Channel   string             `json:"channel,omitempty"`
	Contact   *referrals.Contact `json:"contact,omitempty"`
}

// Cases is the part of the referral store the dialogs read.
type Cases interface {
	Get(ctx context.Context, id string) (referrals.Case, bool, error)
	Review(ctx context.Context, limit int) ([]referrals.Case, error)
}

// Router picks the agencies a case goes to.
type Router interface {
	Route(c referrals.Case) []string
}

// adRecord keeps what a report needs of a checked ad.
func adRecord(text string, v redflags.Verdict) *Ad {
	if utf8.RuneCountInString(text) > maxStoredAd {
		text = string([]rune(text)[:maxStoredAd])
	}
	ad := &Ad{Text: text, Verdict: referrals.Verdict{Risk: string(v.Risk), Flags: []referrals.Flag{}, Licences: []referrals.Licence{}},
		Victim: v.Kind == redflags.KindVictim}
	for _, f := range v.Flags {
		ad.Verdict.Flags = append(ad.Verdict.Flags, referrals.Flag{Code: string(f.Code), Evidence: f.Evidence})
	}
	for _, l := range v.Licences {
		ad.Verdict.Licences = append(ad.Verdict.Licences, referrals.Licence{Number: l.Number, Status: string(l.Status), Title: l.Title})
	}
	if v.Payment != nil {
		ad.AmountPKR, ad.Channel = v.Payment.AmountPKR, v.Payment.Channel
	}
	return ad
}

// startReport is the "Report this ad" button.
func (c *conv) startReport() {
	if c.s.LastAd == nil {
		c.say(c.t("report.no_ad", nil)+"\n\n"+c.t("report.how", nil), c.menu())
		return
	}
	c.s.Report, c.s.State = &Report{}, ReportWhat
	c.say(c.t("report.what", nil), c.whatButtons())
}

func (c *conv) whatButtons() [][]Button {
	return [][]Button{
		{{Text: c.t("button.rep_saw", nil), Data: cbRep + "saw"}},
		{{Text: c.t("button.rep_asked", nil), Data: cbRep + "asked"}},
		{{Text: c.t("button.rep_paid", nil), Data: cbRep + "paid"}},
	}
}

// reportCallback handles the report's buttons; ok is false for data that is not a report's.
func (c *conv) reportCallback(data string) (bool, error) {
	if !strings.HasPrefix(data, cbRep) {
		return false, nil
	}
	if c.s.Report == nil || c.s.LastAd == nil {
		c.answer(c.t("button.stale", nil))
		c.say(c.t("button.stale", nil), c.menu())
		return true, nil
	}
	c.answer("")
	switch {
	case strings.HasPrefix(data, cbRepAmount):
		if data == cbRepAmount+"ad" {
			c.s.Report.AmountPKR = c.s.LastAd.AmountPKR
		}
		c.askChannel()
	case strings.HasPrefix(data, cbRepChannel):
		ch := strings.TrimPrefix(data, cbRepChannel)
		if ch != "skip" && validChannel(ch) {
			c.s.Report.Channel = ch
		}
		c.askContact()
	case data == cbRepYes && c.s.State == ReportConfirm:
		c.refer()
	case data == cbRepNo:
		c.s.Report, c.s.State = nil, Idle
		c.say(c.t("report.cancelled", nil)+"\n\n"+c.t("report.how", nil), c.menu())
	case data == cbRep+"saw":
		c.s.Report.Happened = referrals.Happened("saw")
		c.askContact()
	case data == cbRep+"asked" || data == cbRep+"paid":
		c.s.Report.Happened = referrals.Happened(strings.TrimPrefix(data, cbRep))
		if c.s.Report.Happened == "paid" && !c.s.LastAd.Victim {
			// The next hour matters more than the report: what to do comes first. A victim's own
			// account was answered with it already.
			c.say(c.t("report.after_payment", nil), nil)
		}
		c.askAmount()
	default:
		c.say(c.t("button.stale", nil), c.menu())
	}
	return true, nil
}

func validChannel(ch string) bool {
	return ch == "jazzcash" || ch == "easypaisa" || ch == "bank" || ch == "cash"
}

// minAmount is the least amount a report takes: less is a slip ("1", "50" for 50 thousand), and
// is asked again rather than recorded as a fee of one rupee.
const minAmount = 100

func (c *conv) askAmount() {
	c.s.State = ReportAmount
	id := "report.amount_asked"
	if c.s.Report.Happened == "paid" {
		id = "report.amount_paid"
	}
	c.say(c.t(id, nil), c.amountButtons(false))
}

// amountButtons offer the ad's amount and "I don't know", and with cancel a way out of the
// report.
func (c *conv) amountButtons(cancel bool) [][]Button {
	var row []Button
	if a := c.s.LastAd.AmountPKR; a > 0 {
		row = append(row, Button{Text: c.t("button.rep_amount_ad", map[string]any{"Amount": rupees(c.lang(), a)}), Data: cbRepAmount + "ad"})
	}
	row = append(row, Button{Text: c.t("button.rep_amount_skip", nil), Data: cbRepAmount + "skip"})
	return c.withCancel([][]Button{row}, cancel)
}

func (c *conv) askChannel() {
	c.s.State = ReportChannel
	c.say(c.channelQuestion(), c.channelButtons(false))
}

// channelQuestion asks how the money went: how they paid, or how they wanted it paid.
func (c *conv) channelQuestion() string {
	if c.s.Report.Happened == "paid" {
		return c.t("report.channel_paid", nil)
	}
	return c.t("report.channel", nil)
}

func (c *conv) channelButtons(cancel bool) [][]Button {
	return c.withCancel([][]Button{
		{{Text: c.t("channel.jazzcash", nil), Data: cbRepChannel + "jazzcash"}, {Text: c.t("channel.easypaisa", nil), Data: cbRepChannel + "easypaisa"}},
		{{Text: c.t("channel.bank", nil), Data: cbRepChannel + "bank"}, {Text: c.t("channel.cash", nil), Data: cbRepChannel + "cash"}},
		{{Text: c.t("button.rep_channel_skip", nil), Data: cbRepChannel + "skip"}},
	}, cancel)
}

// withCancel adds "Don't report" under a question asked again: a user who typed instead of
// pressing may want to check another ad, and needs a way out that is not silently dropping the
// report.
func (c *conv) withCancel(rows [][]Button, cancel bool) [][]Button {
	if !cancel {
		return rows
	}
	return append(rows, []Button{{Text: c.t("button.rep_cancel", nil), Data: cbRepNo}})
}

// askContact offers Telegram's own "share my number" button; nothing is shared unless the user
// presses it and confirms in Telegram.
func (c *conv) askContact() {
	c.s.State = ReportContact
	c.askContactWith("")
}

func (c *conv) askContactWith(prefix string) {
	c.out = append(c.out, Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: prefix + c.t("report.contact", nil), Keyboard: []KeyButton{
		{Text: c.t("button.share_contact", nil), RequestContact: true},
		{Text: c.t("button.no_contact", nil)},
	}})
}

func (c *conv) consentButtons() [][]Button {
	return [][]Button{{{Text: c.t("button.rep_yes", nil), Data: cbRepYes}, {Text: c.t("button.rep_no", nil), Data: cbRepNo}}}
}

// reporting says whether a report is being filled in and waits for an answer.
func (c *conv) reporting() bool {
	if c.s.Report == nil || c.s.LastAd == nil {
		return false
	}
	switch c.s.State {
	case ReportWhat, ReportAmount, ReportChannel, ReportContact, ReportConfirm:
		return true
	}
	return false
}

// reportText handles text typed during a report; ok is false when no report waits for an
// answer. Text that does not answer the question asks it again, with its buttons and a way out:
// a report is never dropped because someone typed instead of pressing.
func (c *conv) reportText(text string) bool {
	if !c.reporting() {
		return false
	}
	switch c.s.State {
	case ReportAmount:
		a, ok := ParseAmount(text)
		switch {
		case !ok:
			c.say(c.t("report.amount_again", nil), c.amountButtons(true))
		case a < minAmount:
			c.say(c.t("report.amount_small", map[string]any{"Amount": rupees(c.lang(), a)}), c.amountButtons(true))
		default:
			c.s.Report.AmountPKR = a
			c.askChannel()
		}
	case ReportContact:
		// The "do not share" button, or anything typed instead of sharing: go on without.
		c.s.Report.Contact = nil
		c.confirm(true)
	default:
		c.reask(c.t("report.use_buttons", nil))
	}
	return true
}

// reask asks the report's current question again, after hint, with its buttons and a way out.
func (c *conv) reask(hint string) {
	prefix := ""
	if hint != "" {
		prefix = hint + "\n\n"
	}
	switch c.s.State {
	case ReportWhat:
		c.say(prefix+c.t("report.what", nil), c.withCancel(c.whatButtons(), true))
	case ReportAmount:
		id := "report.amount_asked"
		if c.s.Report.Happened == "paid" {
			id = "report.amount_paid"
		}
		c.say(prefix+c.t(id, nil), c.amountButtons(true))
	case ReportChannel:
		c.say(prefix+c.channelQuestion(), c.channelButtons(true))
	case ReportContact:
		c.askContactWith(prefix)
	case ReportConfirm:
		if hint != "" {
			prefix = c.t("report.use_buttons_consent", nil) + "\n\n"
		}
		c.say(prefix+c.t("report.consent", nil), c.consentButtons())
	}
}

// contact handles a shared contact.
func (c *conv) contact() {
	if c.s.State != ReportContact || c.s.Report == nil {
		c.say(c.t("contact.unexpected", nil), c.menu())
		return
	}
	if !c.in.ContactIsSender {
		c.say(c.t("report.contact_not_yours", nil), nil)
		c.askContact()
		return
	}
	c.s.Report.Contact = &referrals.Contact{Phone: c.in.ContactPhone, Name: c.in.ContactName}
	c.confirm(true)
}

// draft is the case the report would create.
func (c *conv) draft() referrals.Case {
	ad, r := c.s.LastAd, c.s.Report
	cs := referrals.Case{
		CreatedAt: c.deps.Now(), UserID: c.in.UserID, ChatID: c.in.ChatID, Lang: string(c.lang()),
		AdText: ad.Text, Verdict: ad.Verdict, Happened: r.Happened, AmountPKR: r.AmountPKR, Channel: r.Channel, Contact: r.Contact,
	}
	if cs.Channel == "" {
		cs.Channel = ad.Channel
	}
	cs.Targets = []string{"default"}
	if c.deps.Routing != nil {
		if t := c.deps.Routing.Route(cs); len(t) > 0 {
			cs.Targets = t
		}
	}
	return cs
}

// held says whether a case waits for a counsellor before it is referred.
func (c *conv) held(cs referrals.Case) bool {
	return c.deps.ReviewAll || cs.Verdict.Risk != string(redflags.High)
}

// confirm shows exactly what will be shared and with whom, and asks for consent.
func (c *conv) confirm(removeKeyboard bool) {
	c.s.State = ReportConfirm
	cs := c.draft()
	var b strings.Builder
	b.WriteString(c.t("report.summary_intro", map[string]any{"Agencies": c.agencies(cs.Targets)}))
	// The whole text, line by line, each line quoted on its own: an isolate ends with its
	// paragraph, and a long summary is split between lines.
	if c.s.LastAd.Victim {
		b.WriteString("\n\n• " + c.t("report.summary_message", nil))
	} else {
		b.WriteString("\n\n• " + c.t("report.summary_ad", nil))
	}
	for _, line := range strings.Split(cs.AdText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("\n› " + quote(line))
		}
	}
	if n := len(cs.Verdict.Flags); n > 0 {
		b.WriteString("\n• " + c.t("report.summary_signs", map[string]any{"Count": n}))
	}
	b.WriteString("\n• " + c.t("report.summary_happened."+string(cs.Happened), nil))
	if cs.AmountPKR > 0 {
		b.WriteString("\n• " + c.t("report.summary_amount", map[string]any{"Amount": rupees(c.lang(), cs.AmountPKR)}))
	}
	if cs.Channel != "" {
		b.WriteString("\n• " + c.t("report.summary_channel", map[string]any{"Channel": c.t("channel."+cs.Channel, nil)}))
	}
	if cs.Contact != nil {
		b.WriteString("\n• " + c.t("report.summary_contact", map[string]any{"Phone": quote(cs.Contact.Phone), "Name": quote(cs.Contact.Name)}))
	} else {
		b.WriteString("\n• " + c.t("report.summary_no_contact", nil))
	}
	if c.held(cs) {
		b.WriteString("\n\n" + c.t("report.summary_review", nil))
	}
	b.WriteString("\n\n" + c.t("report.consent", nil))
	buttons := c.consentButtons()
	if removeKeyboard {
		// The contact keyboard goes away with a message of its own: one message has one markup.
		c.out = append(c.out, Output{Kind: SendMessage, ChatID: c.in.ChatID, Text: c.t("report.noted", nil), RemoveKeyboard: true})
	}
	c.say(b.String(), buttons)
}

// refer creates the case, with consent given.
func (c *conv) refer() {
	cs := c.draft()
	cs.ID = c.deps.newCaseID(c.in.UserID)
	cs.Status = referrals.StatusQueued
	if c.held(cs) {
		cs.Status = referrals.StatusReview
	}
	c.out = append(c.out, Output{Kind: Refer, ChatID: c.in.ChatID, Case: &cs})
	c.s.Report, c.s.State = nil, Idle
	data := map[string]any{"ID": isolate(c.lang(), cs.ID), "Agencies": c.agencies(cs.Targets)}
	if cs.Status == referrals.StatusReview {
		c.say(c.t("report.held", data), c.menu())
	} else {
		c.say(c.t("report.sent", data), c.menu())
	}
}

// agencies names the targets in the user's language where we know them.
func (c *conv) agencies(targets []string) string {
	return agencyNames(c.deps.Bundle, c.lang(), targets)
}

// agencyNames names the targets in lang where the bundle knows them.
func agencyNames(b *locales.Bundle, lang locales.Lang, targets []string) string {
	names := make([]string, 0, len(targets))
	for _, t := range targets {
		if msg, err := b.Lookup(lang, "agency."+t, nil); err == nil {
			names = append(names, msg)
		} else {
			names = append(names, isolate(lang, t))
		}
	}
	return strings.Join(names, b.T(lang, "list.separator", nil))
}

func excerpt(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// rupees writes an amount the way Pakistanis read it: "Rs 25,000", "25,000 روپے" (the digits
// isolated in Urdu, so that the line around them cannot reorder them).
func rupees(lang locales.Lang, n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if lang == locales.UR {
		return isolate(lang, s) + " روپے"
	}
	return "Rs " + s
}

// newCaseID is Deps.NewCaseID or the real one.
func (d Deps) newCaseID(userID int64) string {
	if d.NewCaseID != nil {
		return d.NewCaseID(userID)
	}
	return referrals.NewID()
}

// caseStatus is /case ID.
func (c *conv) caseStatus(id string) error {
	id = strings.ToUpper(strings.TrimSpace(id))
	if c.deps.Cases == nil || !referrals.ValidID(id) {
		c.say(c.t("case.usage", nil), nil)
		return nil
	}
	cs, ok, err := c.deps.Cases.Get(c.ctx, id)
	if err != nil {
		return fmt.Errorf("get case: %w", err)
	}
	if !ok || (cs.UserID != c.in.UserID && !c.isCounsellor()) {
		c.say(c.t("case.not_found", map[string]any{"ID": quote(id)}), nil)
		return nil
	}
	c.say(c.caseText(cs), nil)
	return nil
}

// caseText is a case's status for its reporter.
func (c *conv) caseText(cs referrals.Case) string {
	data := map[string]any{"ID": isolate(c.lang(), cs.ID), "Agencies": c.agencies(cs.Targets), "Date": isolate(c.lang(), cs.CreatedAt.Format("2006-01-02"))}
	s := c.t("case.status."+string(cs.Status), data)
	for _, t := range cs.Targets {
		if d := cs.Deliveries[t]; d != nil && d.Reference != "" {
			s += "\n" + c.t("case.reference", map[string]any{"Agency": c.agencies([]string{t}), "Reference": quote(d.Reference)})
		}
	}
	return s
}

// review is /review for counsellors: the queue of held cases.
func (c *conv) review() error {
	if !c.counsellorCommand(c.deps.Cases != nil) {
		return nil
	}
	cases, err := c.deps.Cases.Review(c.ctx, 10)
	if err != nil {
		return fmt.Errorf("review queue: %w", err)
	}
	if len(cases) == 0 {
		c.say(c.t("review.empty", nil), nil)
		return nil
	}
	var rows [][]Button
	for _, cs := range cases {
		label := fmt.Sprintf("%s · %s · %s", cs.ID, c.t("risk."+cs.Verdict.Risk, nil), cs.CreatedAt.Format("2006-01-02"))
		rows = append(rows, []Button{{Text: label, Data: cbReview + cs.ID}})
	}
	c.say(c.t("review.queue", map[string]any{"Count": len(cases)}), rows)
	return nil
}

// reviewCallback handles a counsellor's buttons; ok is false for other data.
func (c *conv) reviewCallback(data string) (bool, error) {
	var id string
	var action string
	switch {
	case strings.HasPrefix(data, cbReviewOK):
		id, action = strings.TrimPrefix(data, cbReviewOK), "ok"
	case strings.HasPrefix(data, cbReviewNo):
		id, action = strings.TrimPrefix(data, cbReviewNo), "no"
	case strings.HasPrefix(data, cbReview):
		id, action = strings.TrimPrefix(data, cbReview), "show"
	default:
		return false, nil
	}
	if c.deps.Cases == nil || !c.isCounsellor() {
		c.answer(c.t("button.stale", nil))
		return true, nil
	}
	c.answer("")
	cs, ok, err := c.deps.Cases.Get(c.ctx, id)
	if err != nil {
		return true, fmt.Errorf("get case: %w", err)
	}
	if !ok || cs.Status != referrals.StatusReview {
		c.say(c.t("review.gone", map[string]any{"ID": quote(id)}), nil)
		return true, nil
	}
	switch action {
	case "show":
		c.say(c.reviewText(cs), [][]Button{{{Text: c.t("button.review_ok", nil), Data: cbReviewOK + cs.ID}, {Text: c.t("button.review_no", nil), Data: cbReviewNo + cs.ID}}})
	case "ok", "no":
		outs := Decide(c.deps, cs, action == "ok")
		c.out = append(c.out, outs[0])
		id := "review.dismissed"
		if action == "ok" {
			id = "review.confirmed"
		}
		c.say(c.t(id, map[string]any{"ID": isolate(c.lang(), cs.ID)}), nil)
		c.out = append(c.out, outs[1:]...)
	}
	return true, nil
}

// Decide is a counsellor's decision on a held case, from the bot's /review buttons or the web
// console alike: the case confirmed (queued for its agencies) or dismissed, and the message that
// tells its reporter, in the reporter's language. The caller commits the outputs (the bot's
// processor does, for both).
func Decide(deps Deps, cs referrals.Case, confirm bool) []Output {
	kind, id := DismissCase, "case.dismissed_user"
	if confirm {
		kind, id = ConfirmCase, "case.confirmed_user"
	}
	lang := locales.Parse(cs.Lang)
	text := deps.Bundle.T(lang, id, map[string]any{"ID": isolate(lang, cs.ID), "Agencies": agencyNames(deps.Bundle, lang, cs.Targets)})
	if !confirm {
		text += "\n\n" + deps.Bundle.T(lang, "report.how", nil)
	}
	// The outcome may reach a WhatsApp reporter after the 24-hour window: the notice lets the
	// sender send it as the approved case template instead.
	return []Output{{Kind: kind, ChatID: cs.ChatID, Case: &cs}, {Kind: SendMessage, ChatID: cs.ChatID, Text: text,
		Notice: &outbox.Notice{Kind: outbox.NoticeCase, Lang: string(lang), Params: []string{cs.ID}}}}
}

// reviewText shows a held case to a counsellor: everything that would be shared.
func (c *conv) reviewText(cs referrals.Case) string {
	var b strings.Builder
	b.WriteString(c.t("review.case", map[string]any{"ID": isolate(c.lang(), cs.ID), "Risk": c.t("risk."+cs.Verdict.Risk, nil), "Agencies": c.agencies(cs.Targets)}))
	b.WriteString("\n\n" + quote(excerpt(cs.AdText, 600)))
	for _, f := range cs.Verdict.Flags {
		b.WriteString("\n• " + c.t("flag."+f.Code, nil))
	}
	b.WriteString("\n• " + c.t("report.summary_happened."+string(cs.Happened), nil))
	if cs.AmountPKR > 0 {
		b.WriteString("\n• " + c.t("report.summary_amount", map[string]any{"Amount": rupees(c.lang(), cs.AmountPKR)}))
	}
	if cs.Contact != nil {
		b.WriteString("\n• " + c.t("report.summary_contact", map[string]any{"Phone": quote(cs.Contact.Phone), "Name": quote(cs.Contact.Name)}))
	}
	return b.String()
}
