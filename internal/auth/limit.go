package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Login limits: failed logins are counted per account and per client address in Redis (so every
// replica sees them) over a window; once either count reaches its limit, logins for that account
// or from that address are refused without checking the password until the window ends.
const (
	DefaultLoginWindow     = 15 * time.Minute
	DefaultFailuresPerUser = 5
	DefaultFailuresPerIP   = 20
)

// loginPrefix starts the login counters' keys, under the console's tag (see keyPrefix).
var loginPrefix = keyPrefix + "login:"

// Limiter counts failed logins.
type Limiter struct {
	rdb            redis.UniversalClient
	window         time.Duration
	perUser, perIP int64
}

// NewLimiter returns the login limits kept in rdb, with the defaults.
func NewLimiter(rdb redis.UniversalClient) *Limiter {
	return &Limiter{rdb: rdb, window: DefaultLoginWindow, perUser: DefaultFailuresPerUser, perIP: DefaultFailuresPerIP}
}

// keys are the counters of a login: the account's (the username as typed, lower case, cut short:
// it need not exist) and the address's (its digest: the key names no address).
func (l *Limiter) keys(username, ip string) (user, addr string) {
	u := strings.ToLower(strings.TrimSpace(username))
	if len(u) > 64 {
		u = u[:64]
	}
	return loginPrefix + "user:" + digest(u)[:32], loginPrefix + "ip:" + digest(ip)[:32]
}

// Allowed says whether a login may be tried now.
func (l *Limiter) Allowed(ctx context.Context, username, ip string) (bool, error) {
	uk, ik := l.keys(username, ip)
	vals, err := l.rdb.MGet(ctx, uk, ik).Result()
	if err != nil {
		return false, fmt.Errorf("read login limits: %w", err)
	}
	return count(vals[0]) < l.perUser && count(vals[1]) < l.perIP, nil
}

// Failed counts a failed login.
func (l *Limiter) Failed(ctx context.Context, username, ip string) error {
	uk, ik := l.keys(username, ip)
	_, err := l.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range []string{uk, ik} {
			p.Incr(ctx, k)
			// NX: the window runs from the first failure, so steady guessing cannot keep
			// extending it forever, nor slide it away.
			p.ExpireNX(ctx, k, l.window)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("count a failed login: %w", err)
	}
	return nil
}

// Succeeded clears the account's count after a good login; the address's stays, so that one
// good account does not reset the count of guesses at others.
func (l *Limiter) Succeeded(ctx context.Context, username string) error {
	uk, _ := l.keys(username, "")
	if err := l.rdb.Del(ctx, uk).Err(); err != nil {
		return fmt.Errorf("clear login limits: %w", err)
	}
	return nil
}

func count(v any) int64 {
	s, _ := v.(string)
	var n int64
	_, _ = fmt.Sscan(s, &n)
	return n
}
