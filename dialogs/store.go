package dialogs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Retention: the conversation is forgotten after a day of silence; the language and the
// subscription are kept a year from the last contact.
const (
	DialogTTL = 24 * time.Hour
	PrefsTTL  = 365 * 24 * time.Hour
)

// prefs and dialog are the two halves of a Session, stored with their own lifetimes.
type prefs struct {
	Lang       locales.Lang     `json:"lang,omitempty"`
	Subscribed bool             `json:"subscribed,omitempty"`
	Source     *outreach.Source `json:"source,omitempty"`
}

type dialog struct {
	State   State   `json:"state,omitempty"`
	Payload string  `json:"payload,omitempty"`
	LastAd  *Ad     `json:"last_ad,omitempty"`
	Report  *Report `json:"report,omitempty"`
}

// Keys are the Redis keys that hold what Tasdeeq keeps about one user. They live in the user's
// shard, with the rest of what an update commits, so that the commit is one transaction on a
// Redis Cluster too.
func Keys(r shards.Ring, userID int64) []string {
	sh, id := r.Of(userID), strconv.FormatInt(userID, 10)
	return []string{sh.Key("u:" + id + ":prefs"), sh.Key("u:" + id + ":dialog")}
}

// Load reads a user's session; a user never seen, or forgotten, has the zero Session.
func Load(ctx context.Context, rdb redis.Cmdable, r shards.Ring, userID int64) (Session, error) {
	vals, err := rdb.MGet(ctx, Keys(r, userID)...).Result()
	if err != nil {
		return Session{}, fmt.Errorf("load session: %w", err)
	}
	var st Stored
	for i, v := range vals {
		st[i], _ = v.(string)
	}
	return st.Session(), nil
}

// Stored is a session as Redis holds it: the values of Keys, "" for a key that is absent. The
// processor reads it in the same round trip as the rest of an update's keys.
type Stored [2]string

// Session decodes a stored session.
func (st Stored) Session() Session {
	var p prefs
	var d dialog
	for i, dst := range []any{&p, &d} {
		if st[i] == "" {
			continue
		}
		if err := json.Unmarshal([]byte(st[i]), dst); err != nil {
			// A session we cannot read is not worth failing the user over: start afresh.
			continue
		}
	}
	return Session{Lang: p.Lang, Subscribed: p.Subscribed, Source: p.Source, State: d.State, Payload: d.Payload, LastAd: d.LastAd, Report: d.Report}
}

// Save adds to a pipeline or transaction the writes that replace the stored session was with s.
// A half that is not empty is stored with its lifetime renewed (the lifetimes run from the last
// contact); an empty half is deleted rather than stored, so an idle user costs one small key,
// and costs no command when it was absent already.
func Save(ctx context.Context, p redis.Pipeliner, r shards.Ring, userID int64, was Stored, s Session) error {
	keys := Keys(r, userID)
	d := dialog{State: s.State, Payload: s.Payload, LastAd: s.LastAd, Report: s.Report}
	pr := prefs{Lang: s.Lang, Subscribed: s.Subscribed, Source: s.Source}
	for i, v := range []any{pr, d} {
		ttl := PrefsTTL
		if i == 1 {
			ttl = DialogTTL
		}
		if (i == 0 && pr == (prefs{})) || (i == 1 && d == (dialog{})) {
			if was[i] != "" {
				p.Del(ctx, keys[i])
			}
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
func Forget(ctx context.Context, p redis.Pipeliner, r shards.Ring, userID int64, extra ...string) {
	p.Del(ctx, append(Keys(r, userID), extra...)...)
}
