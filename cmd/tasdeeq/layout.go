package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/auth"
	"github.com/tasdeeq/tasdeeq/internal/streams"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// layoutVersion names the key layout of issue 19 (hash tags for Redis Cluster). A Redis whose
// layoutKey holds it has been moved to it.
const (
	layoutVersion = "2"
	layoutKey     = "tasdeeq:{meta}:layout"
	migratingKey  = "tasdeeq:{meta}:migrating"
)

// migration moves one package's keys to the sharded layout, returning how many it moved.
type migration struct {
	name string
	run  func(ctx context.Context, rdb redis.UniversalClient, r shards.Ring) (int, error)
}

// migrations are every package's, in an order where nothing reads a key before it is moved.
var migrations = []migration{
	{"register", unsharded(licences.MigrateLayout)},
	{"crowd reports", unsharded(indicators.MigrateLayout)},
	{"accounts", unsharded(accounts.MigrateLayout)},
	{"console sessions", unsharded(auth.MigrateLayout)},
	{"updates", bot.MigrateLayout},
	{"outreach", outreach.MigrateLayout},
	{"referrals", referrals.MigrateLayout},
}

// unsharded adapts the migration of data under a fixed tag, which needs no ring.
func unsharded(run func(context.Context, redis.UniversalClient) (int, error)) func(context.Context, redis.UniversalClient, shards.Ring) (int, error) {
	return func(ctx context.Context, rdb redis.UniversalClient, _ shards.Ring) (int, error) { return run(ctx, rdb) }
}

// storedRing is the layout of the Redis a command other than serve works on: the number of
// shards serve recorded there, or else TASDEEQ_SHARDS (or the default) for a Redis serve has not
// started on yet.
func storedRing(ctx context.Context, rdb redis.UniversalClient, env environment) (shards.Ring, error) {
	n, err := rdb.Get(ctx, shards.MetaKey).Int()
	switch {
	case errors.Is(err, redis.Nil):
		if n, err = strconv.Atoi(or(env.getenv("TASDEEQ_SHARDS"), strconv.Itoa(shards.Default))); err != nil {
			return shards.Ring{}, fmt.Errorf("%w: TASDEEQ_SHARDS: %w", errUsage, err)
		}
	case err != nil:
		return shards.Ring{}, fmt.Errorf("read the number of shards: %w", err)
	}
	r, err := shards.New(n)
	if err != nil {
		return shards.Ring{}, fmt.Errorf("%w: %w", errUsage, err)
	}
	return r, nil
}

// prepareLayout makes Redis fit the key layout of r before anything is served. The number of
// shards is recorded in Redis at the first start, and a later start with another number is
// refused: every user's keys would be looked for in the wrong shard. On a one-node or Sentinel
// Redis written by an earlier version, each package's keys are moved to the new names once (one
// replica moves them while the others wait; a Redis Cluster starts empty and is never moved).
func prepareLayout(ctx context.Context, rdb redis.UniversalClient, r shards.Ring, log *slog.Logger) error {
	if err := rdb.SetNX(ctx, shards.MetaKey, r.N(), 0).Err(); err != nil {
		return fmt.Errorf("record the number of shards: %w", err)
	}
	stored, err := rdb.Get(ctx, shards.MetaKey).Int()
	if err != nil {
		return fmt.Errorf("read the number of shards: %w", err)
	}
	if stored != r.N() {
		return fmt.Errorf("%w: TASDEEQ_SHARDS is %d but this Redis is laid out in %d shards; a user's keys are found only in the shard of their id, so the number cannot change (set TASDEEQ_SHARDS=%d)",
			errUsage, r.N(), stored, stored)
	}
	if _, cluster := rdb.(*redis.ClusterClient); cluster {
		return rdb.SetNX(ctx, layoutKey, layoutVersion, 0).Err()
	}
	for {
		v, err := rdb.Get(ctx, layoutKey).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return fmt.Errorf("read the key layout: %w", err)
		}
		if v == layoutVersion {
			return nil
		}
		mine, err := rdb.SetNX(ctx, migratingKey, strconv.Itoa(int(time.Now().Unix())), 10*time.Minute).Result()
		if err != nil {
			return fmt.Errorf("take the layout lock: %w", err)
		}
		if !mine { // another replica is moving the keys
			if err := streams.Sleep(ctx, 500*time.Millisecond); err != nil {
				return err
			}
			continue
		}
		err = migrate(ctx, rdb, r, log)
		if err == nil {
			err = rdb.Set(ctx, layoutKey, layoutVersion, 0).Err()
		}
		rdb.Del(context.WithoutCancel(ctx), migratingKey)
		return err
	}
}

// migrate runs every migration, logging what each moved.
func migrate(ctx context.Context, rdb redis.UniversalClient, r shards.Ring, log *slog.Logger) error {
	for _, m := range migrations {
		start := time.Now()
		n, err := m.run(ctx, rdb, r)
		if err != nil {
			return fmt.Errorf("move the %s keys to the sharded layout: %w", m.name, err)
		}
		if n > 0 {
			log.Info("keys moved to the sharded layout", "part", m.name, "moved", n, "ms", time.Since(start).Milliseconds())
		}
	}
	return nil
}
