package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/internal/keymove"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/shards"
)

// MigrateLayout moves what an update commits from the keys of the layout before issue 19 to the
// user's shard of r: sessions, counters, blocked marks, and the entries of the send streams and
// the picture queue (to the shard of the chat, or of the picture's user). Done markers of updates
// are left to expire (a week): they name an update, not its user, so their shard is unknown; an
// update answered just before the upgrade and delivered again after it would be answered twice.
// The per-minute counters of the layout before issue 16 are deleted. Run by serve at start on a
// one-node or Sentinel Redis; it returns how many keys and entries it moved.
func MigrateLayout(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	total := 0
	steps := []func() (int, error){
		func() (int, error) {
			return keymove.RenameNewerWins(ctx, rdb, "tasdeeq:u:{*}:*", func(old string) string {
				id, half, ok := oldUserKey(old)
				if !ok {
					return ""
				}
				keys := dialogs.Keys(r, id)
				switch half {
				case "prefs":
					return keys[0]
				case "dialog":
					return keys[1]
				}
				return "" // cases and links: their packages move them
			})
		},
		func() (int, error) { return keymove.Delete(ctx, rdb, "tasdeeq:rl:{*}:*") },
		func() (int, error) {
			return keymove.RenameNewerWins(ctx, rdb, "tasdeeq:rl:{*}", func(old string) string {
				id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(old, "tasdeeq:rl:{"), "}"), 10, 64)
				if err != nil {
					return ""
				}
				return usageKey(r, id)
			})
		},
		func() (int, error) {
			return keymove.RenameNewerWins(ctx, rdb, "tasdeeq:blocked:*", func(old string) string {
				chat, err := strconv.ParseInt(strings.TrimPrefix(old, "tasdeeq:blocked:"), 10, 64)
				if err != nil {
					return ""
				}
				return outbox.BlockedKey(r, chat)
			})
		},
		func() (int, error) { return moveSendStream(ctx, rdb, r, "tasdeeq:send:replies", outbox.RepliesStream) },
		func() (int, error) {
			return moveSendStream(ctx, rdb, r, "tasdeeq:send:broadcasts", outbox.BroadcastsStream)
		},
		func() (int, error) { return moveOCRJobs(ctx, rdb, r) },
	}
	for _, step := range steps {
		n, err := step()
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// oldUserKey reads "tasdeeq:u:{<id>}:<half>".
func oldUserKey(key string) (int64, string, bool) {
	rest, ok := strings.CutPrefix(key, "tasdeeq:u:{")
	if !ok {
		return 0, "", false
	}
	idText, half, ok := strings.Cut(rest, "}:")
	if !ok {
		return 0, "", false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	return id, half, err == nil
}

// moveSendStream moves an old send stream's entries to the stream of their chat's shard.
func moveSendStream(ctx context.Context, rdb redis.UniversalClient, r shards.Ring, old string, stream func(shards.Shard) string) (int, error) {
	return keymove.MoveStream(ctx, rdb, old, func(e redis.XMessage) (string, bool) {
		var o outbox.Outgoing
		raw, _ := e.Values[outbox.PayloadField].(string)
		if json.Unmarshal([]byte(raw), &o) != nil {
			return "", false // unreadable: the sender would have dropped it
		}
		return stream(r.Of(o.ChatID)), true
	})
}

// moveOCRJobs moves the old picture queue's jobs, and their attempt counters, to their users'
// shards. Done markers of jobs are left to expire: a job done is no longer queued.
func moveOCRJobs(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error) {
	users := map[string]int64{}
	n, err := keymove.MoveStream(ctx, rdb, "tasdeeq:ocr:jobs", func(e redis.XMessage) (string, bool) {
		var j OCRJob
		raw, _ := e.Values[ocrPayloadField].(string)
		if json.Unmarshal([]byte(raw), &j) != nil || j.ID == "" {
			return "", false
		}
		users[j.ID] = j.UserID
		return OCRStream(r.Of(j.UserID)), true
	})
	if err != nil {
		return n, err
	}
	m, err := keymove.RenameNewerWins(ctx, rdb, "tasdeeq:ocr:attempts:*", func(old string) string {
		id := strings.TrimPrefix(old, "tasdeeq:ocr:attempts:")
		if user, ok := users[id]; ok {
			return ocrAttemptsKey(r.Of(user), id)
		}
		return ""
	})
	return n + m, err
}
