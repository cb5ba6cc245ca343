package dialogs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/locales"
)

// Retention: the conversation is forgotten after a day of silence; the language and the
// subscription are kept a year from the last contact.
const (
	DialogTTL = 24 * time.Hour
	PrefsTTL  = 365 * 24 * time.Hour
)

// prefs and dialog are the two halves of a Session, stored with their own lifetimes.
type prefs struct {
	Lang       locales.Lang `json:"lang,omitempty"`
	Subscribed bool         `json:"subscribed,omitempty"`
	Source     *Source      `json:"source,omitempty"`
}

type dialog struct {
	State   State   `json:"state,omitempty"`
	Payload string  `json:"payload,omitempty"`
	LastAd  *Ad     `json:"last_ad,omitempty"`
	Report  *Report `json:"report,omitempty"`
}

// Keys are the Redis keys that hold what Tasdeeq keeps about one user. The {id} hash tag keeps
// them in one slot, so a transaction over them also works on a Redis Cluster.
func Keys(userID int64) []string {
	id := strconv.FormatInt(userID, 10)
	return []string{"tasdeeq:u:{" + id + "}:prefs", "tasdeeq:u:{" + id + "}:dialog"}
}

// Load reads a user's session; a user never seen, or forgotten, has the zero Session.
func Load(ctx context.Context, rdb redis.Cmdable, userID int64) (Session, error) {
	s, _, err := LoadRaw(ctx, rdb, userID)
	return s, err
}

// LoadRaw is Load that also returns the stored values as read, so that a caller can check,
// before committing, that nobody changed the session meanwhile.
func LoadRaw(ctx context.Context, rdb redis.Cmdable, userID int64) (Session, []string, error) {
	vals, err := rdb.MGet(ctx, Keys(userID)...).Result()
	if err != nil {
		return Session{}, nil, fmt.Errorf("load session: %w", err)
	}
	raw := make([]string, len(vals))
	for i, v := range vals {
		if s, ok := v.(string); ok {
			raw[i] = s
		}
	}
	return decodeSession(vals), raw, nil
}

func decodeSession(vals []any) Session {
	var p prefs
	var d dialog
	for i, dst := range []any{&p, &d} {
		s, ok := vals[i].(string)
		if !ok {
			continue
		}
		if err := json.Unmarshal([]byte(s), dst); err != nil {
			// A session we cannot read is not worth failing the user over: start afresh.
			continue
		}
	}
	return Session{Lang: p.Lang, Subscribed: p.Subscribed, Source: p.Source, State: d.State, Payload: d.Payload, LastAd: d.LastAd, Report: d.Report}
}

// Save adds the writes of s to a pipeline or transaction. An empty half is deleted rather than
// stored, so an idle user costs one small key.
func Save(ctx context.Context, p redis.Pipeliner, userID int64, s Session) error {
	keys := Keys(userID)
	d := dialog{State: s.State, Payload: s.Payload, LastAd: s.LastAd, Report: s.Report}
	pr := prefs{Lang: s.Lang, Subscribed: s.Subscribed, Source: s.Source}
	for i, v := range []any{pr, d} {
		ttl := PrefsTTL
		if i == 1 {
			ttl = DialogTTL
		}
		if (i == 0 && pr == (prefs{})) || (i == 1 && d == (dialog{})) {
			p.Del(ctx, keys[i])
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode session: %w", err)
		}
		p.Set(ctx, keys[i], data, ttl)
	}
	return nil
}

// Forget adds the deletion of everything kept about a user to a pipeline or transaction. Other
// packages that keep per-user keys list them in extra.
func Forget(ctx context.Context, p redis.Pipeliner, userID int64, extra ...string) {
	p.Del(ctx, append(Keys(userID), extra...)...)
}
