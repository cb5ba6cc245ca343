package main

import (
	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/console"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/outreach"
)

// console builds the counsellors' web console on the service's Redis. Its cookies are Secure
// unless the service listens on loopback alone (a laptop, the tests), where there is no TLS.
func (s *service) console() (*console.Console, error) {
	return console.New(console.Config{
		Accounts:    s.accounts,
		Audit:       accounts.NewAudit(s.rdb, nil),
		Sessions:    auth.NewSessions(s.rdb, 0, 0, nil),
		Limiter:     auth.NewLimiter(s.rdb),
		Bundle:      s.bundle,
		Cases:       s.cases,
		Decider:     s.processor,
		Links:       s.links,
		Stats:       s.stats,
		Campaigns:   s.campaigns,
		Subscribers: outreach.NewSubscribers(s.rdb, outreach.WithShards(s.cfg.Shards)),
		Register:    s.store,
		// The username may be learnt after start (getMe); it is read at each request.
		BotUsername: func() string { return s.username },
		Secure:      !auth.LoopbackOnly(s.cfg.Addr),
		Logger:      s.logger,
	})
}
