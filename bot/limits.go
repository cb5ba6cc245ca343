package bot

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limits keep one user from using the bot up, and Redis with it: a few ad checks a minute and
// a day are plenty for a jobseeker, and a flood of updates (a script, a stuck client) is
// answered once and then ignored until the minute turns.
type Limits struct {
	ChecksPerMinute  int64
	ChecksPerDay     int64
	UpdatesPerMinute int64
}

// DefaultLimits are the limits serve uses.
var DefaultLimits = Limits{ChecksPerMinute: 20, ChecksPerDay: 200, UpdatesPerMinute: 60}

// limitKeys are the per-user counters of the current minute and day.
func limitKeys(userID int64, now time.Time) (updates, checksMinute, checksDay string) {
	id := strconv.FormatInt(userID, 10)
	minute := now.UTC().Format("200601021504")
	day := now.UTC().Format("20060102")
	return "tasdeeq:rl:{" + id + "}:u:" + minute, "tasdeeq:rl:{" + id + "}:c:" + minute, "tasdeeq:rl:{" + id + "}:d:" + day
}

// usage is what a user has used so far.
type usage struct {
	updates, checksMinute, checksDay int64
}

func readUsage(ctx context.Context, rdb redis.Cmdable, userID int64, now time.Time) (usage, error) {
	u, cm, cd := limitKeys(userID, now)
	vals, err := rdb.MGet(ctx, u, cm, cd).Result()
	if err != nil {
		return usage{}, err
	}
	n := func(v any) int64 {
		s, _ := v.(string)
		x, _ := strconv.ParseInt(s, 10, 64)
		return x
	}
	return usage{n(vals[0]), n(vals[1]), n(vals[2])}, nil
}

// countUpdate and countCheck add to the counters inside the step's transaction.
func countUpdate(ctx context.Context, p redis.Pipeliner, userID int64, now time.Time) {
	u, _, _ := limitKeys(userID, now)
	p.Incr(ctx, u)
	p.Expire(ctx, u, 2*time.Minute)
}

func countCheck(ctx context.Context, p redis.Pipeliner, userID int64, now time.Time) {
	_, cm, cd := limitKeys(userID, now)
	p.Incr(ctx, cm)
	p.Expire(ctx, cm, 2*time.Minute)
	p.Incr(ctx, cd)
	p.Expire(ctx, cd, 48*time.Hour)
}
