package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// Redis keys of the console's sessions and login limits, all under the console's hash tag: a
// session and its account's set of sessions are written, and deleted, in one transaction, and
// both login counters are read with one MGET, so on Redis Cluster they must share a slot. A
// session is a hash under sessionPrefix plus the SHA-256 of its token (so that a copy of Redis
// does not hand out live cookies) with the fields user, csrf and created; userSessionsPrefix+
// username is the set of an account's session digests, so that disabling an account or changing
// its password ends them all.
var (
	keyPrefix          = shards.Fixed("console")
	sessionPrefix      = keyPrefix + "session:"
	userSessionsPrefix = keyPrefix + "sessions:"
)

// Session lifetimes: a session ends after IdleTimeout without a request, and in any case
// MaxLifetime after the login, so a PC left logged in at a centre is logged out by the next day.
const (
	DefaultIdleTimeout = 2 * time.Hour
	DefaultMaxLifetime = 12 * time.Hour
)

// Session is a logged-in account's session.
type Session struct {
	Username string
	// CSRF is the token every form of the session carries; a POST without it is refused.
	CSRF    string
	Created time.Time
	digest  string
}

// Sessions keeps console sessions in Redis. It is safe for concurrent use.
type Sessions struct {
	rdb         redis.UniversalClient
	idle, limit time.Duration
	now         func() time.Time
}

// NewSessions returns the sessions kept in rdb; zero durations take the defaults and a nil now
// is time.Now.
func NewSessions(rdb redis.UniversalClient, idle, limit time.Duration, now func() time.Time) *Sessions {
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	if limit <= 0 {
		limit = DefaultMaxLifetime
	}
	if now == nil {
		now = time.Now
	}
	return &Sessions{rdb: rdb, idle: idle, limit: limit, now: now}
}

// MaxLifetime is how long a session lasts at most; the cookie is kept as long.
func (s *Sessions) MaxLifetime() time.Duration { return s.limit }

// randomToken is 32 bytes from crypto/rand, base64url: unguessable, and safe in a cookie and a
// form.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func digest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Create starts a session for username and returns its token, which only the cookie carries.
func (s *Sessions) Create(ctx context.Context, username string) (string, Session, error) {
	token, err := randomToken()
	if err != nil {
		return "", Session{}, fmt.Errorf("session token: %w", err)
	}
	csrf, err := randomToken()
	if err != nil {
		return "", Session{}, fmt.Errorf("csrf token: %w", err)
	}
	sess := Session{Username: username, CSRF: csrf, Created: s.now().UTC(), digest: digest(token)}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		key := sessionPrefix + sess.digest
		p.HSet(ctx, key, "user", username, "csrf", csrf, "created", sess.Created.Format(time.RFC3339Nano))
		p.Expire(ctx, key, s.idle)
		p.SAdd(ctx, userSessionsPrefix+username, sess.digest)
		p.Expire(ctx, userSessionsPrefix+username, s.limit)
		return nil
	})
	if err != nil {
		return "", Session{}, fmt.Errorf("store session: %w", err)
	}
	return token, sess, nil
}

// Get returns the live session of a token and extends its idle timeout; ok is false for an
// unknown, idle or too old session.
func (s *Sessions) Get(ctx context.Context, token string) (Session, bool, error) {
	if token == "" || len(token) > 128 {
		return Session{}, false, nil
	}
	d := digest(token)
	h, err := s.rdb.HGetAll(ctx, sessionPrefix+d).Result()
	if err != nil {
		return Session{}, false, fmt.Errorf("read session: %w", err)
	}
	if len(h) == 0 {
		return Session{}, false, nil
	}
	sess := Session{Username: h["user"], CSRF: h["csrf"], digest: d}
	sess.Created, err = time.Parse(time.RFC3339Nano, h["created"])
	if err != nil || sess.Username == "" || sess.CSRF == "" {
		return Session{}, false, nil
	}
	left := s.limit - s.now().Sub(sess.Created)
	if left <= 0 {
		_ = s.rdb.Del(ctx, sessionPrefix+d).Err()
		return Session{}, false, nil
	}
	if err := s.rdb.Expire(ctx, sessionPrefix+d, min(s.idle, left)).Err(); err != nil {
		return Session{}, false, fmt.Errorf("extend session: %w", err)
	}
	return sess, true, nil
}

// End ends one session (logout).
func (s *Sessions) End(ctx context.Context, sess Session) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, sessionPrefix+sess.digest)
		p.SRem(ctx, userSessionsPrefix+sess.Username, sess.digest)
		return nil
	})
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// EndAll ends every session of an account: after it is disabled or its password changes.
func (s *Sessions) EndAll(ctx context.Context, username string) error {
	digests, err := s.rdb.SMembers(ctx, userSessionsPrefix+username).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("list sessions: %w", err)
	}
	keys := []string{userSessionsPrefix + username}
	for _, d := range digests {
		keys = append(keys, sessionPrefix+d)
	}
	if err := s.rdb.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}
