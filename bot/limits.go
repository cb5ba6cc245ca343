package bot

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
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

// usageKey holds one user's counters, in their shard with their session, so that they are read
// in the same command as the session and written, checked against it, in the step's commit.
func usageKey(r shards.Ring, userID int64) string {
	return r.Of(userID).Key("rl:" + strconv.FormatInt(userID, 10))
}

// usage is what a user has used in the current minute and day (UTC).
type usage struct {
	minute, day                      string // 200601021504 and 20060102
	updates, checksMinute, checksDay int64
}

// parseUsage reads the stored counters as of now: the counts of another minute or day are 0.
// A value that cannot be read counts as nothing used.
func parseUsage(stored string, now time.Time) usage {
	u := usage{minute: now.UTC().Format("200601021504"), day: now.UTC().Format("20060102")}
	var minute, day string
	var updates, checksMinute, checksDay int64
	if _, err := fmt.Sscan(stored, &minute, &updates, &checksMinute, &day, &checksDay); err != nil {
		return u
	}
	if minute == u.minute {
		u.updates, u.checksMinute = updates, checksMinute
	}
	if day == u.day {
		u.checksDay = checksDay
	}
	return u
}

// count adds, to the step's commit, the counters with this update (and its check) added. The
// commit is checked against the value read, so two updates of one user cannot both count from
// the same value.
func (u usage) count(ctx context.Context, p redis.Pipeliner, r shards.Ring, userID int64, check bool) {
	u.updates++
	if check {
		u.checksMinute++
		u.checksDay++
	}
	// The minute's counts matter for a minute; a day's checks until the day is over.
	ttl := 2 * time.Minute
	if u.checksDay > 0 {
		ttl = 48 * time.Hour
	}
	p.Set(ctx, usageKey(r, userID), fmt.Sprintf("%s %d %d %s %d", u.minute, u.updates, u.checksMinute, u.day, u.checksDay), ttl)
}
