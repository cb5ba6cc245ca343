package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/licences"
)

// openRedis connects to url, or starts the embedded in-memory Redis when it is empty. The
// returned close function stops whichever it opened.
func openRedis(ctx context.Context, env environment, url string) (redis.UniversalClient, func(), error) {
	if url == "" {
		env.logger.Log(ctx, env.level(slog.LevelWarn), "REDIS_URL is empty: using an embedded in-memory Redis; nothing survives a restart")
		mr, err := miniredis.Run()
		if err != nil {
			return nil, nil, fmt.Errorf("start embedded redis: %w", err)
		}
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		return rdb, func() { rdb.Close(); mr.Close() }, nil
	}
	rdb, err := redisClient(url)
	if err != nil {
		return nil, nil, err
	}
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, nil, fmt.Errorf("connect to redis: %w", err)
	}
	return rdb, func() { rdb.Close() }, nil
}

// redisClient makes a client for rawURL, of one of three kinds, told apart by the query:
//
//   - Sentinel, when there is a master_name= (go-redis follows failovers). The URL names the master
//     and lists the sentinels; the password before the @ is the sentinels', the master's goes in
//     password=: redis://:pw@s0:26379/0?master_name=mymaster&addr=s1:26379&addr=s2:26379&password=pw
//   - Redis Cluster, when there is an addr= and no master_name=. The host and every addr= are seed
//     nodes, from which the client learns the rest of the cluster: redis://h1:p1?addr=h2:p2&addr=h3:p3.
//     A cluster has only database 0, so the URL names no other.
//   - A single Redis otherwise: redis://h:p/db.
func redisClient(rawURL string) (redis.UniversalClient, error) { return redisClientPool(rawURL, 0) }

// redisClientPool is redisClient with a connection pool of pool connections (per node of a
// cluster); 0 keeps go-redis's default, ten per CPU.
func redisClientPool(rawURL string, pool int) (redis.UniversalClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// url.Parse quotes the whole URL in its error, password included.
		return nil, errors.New("REDIS_URL: not a URL")
	}
	q := u.Query()
	switch {
	case q.Has("master_name"):
		opts, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (sentinel): %w", err)
		}
		opts.PoolSize = pool
		return redis.NewFailoverClient(opts), nil
	case q.Has("addr"):
		// ParseClusterURL ignores the path: a database in it would be dropped without a word.
		if db := strings.Trim(u.Path, "/"); db != "" && db != "0" {
			return nil, fmt.Errorf("REDIS_URL (cluster): database %q: a Redis Cluster has only database 0", db)
		}
		opts, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (cluster): %w", err)
		}
		opts.PoolSize = pool
		return redis.NewClusterClient(opts), nil
	}
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	if pool > 0 {
		opts.PoolSize = pool
	}
	return redis.NewClient(opts), nil
}

// openStore opens the register in the Redis of REDIS_URL (or the embedded one) and seeds it when
// empty, for the commands that answer and exit.
func openStore(ctx context.Context, env environment) (*licences.Store, func(), error) {
	rdb, closeRedis, err := openRedis(ctx, env, env.getenv("REDIS_URL"))
	if err != nil {
		return nil, nil, err
	}
	store, err := registerOn(ctx, env, rdb)
	if err != nil {
		closeRedis()
		return nil, nil, err
	}
	return store, closeRedis, nil
}

// registerOn is the register in rdb, seeded when empty.
func registerOn(ctx context.Context, env environment, rdb redis.UniversalClient) (*licences.Store, error) {
	store := licences.NewStore(rdb)
	if err := seedRegister(ctx, env, store, env.getenv("TASDEEQ_LICENCES")); err != nil {
		return nil, err
	}
	return store, nil
}

// seedRegister imports the CSV at path, or the bundled sample, when the register is empty, so
// that a fresh machine can answer at once.
func seedRegister(ctx context.Context, env environment, store *licences.Store, path string) error {
	empty, err := store.Empty(ctx)
	if err != nil {
		return fmt.Errorf("read register: %w", err)
	}
	if !empty {
		return nil
	}
	snap, err := seedSnapshot(path)
	if err != nil {
		return err
	}
	meta, err := store.Import(ctx, snap)
	if err != nil {
		return fmt.Errorf("import register: %w", err)
	}
	env.logger.Log(ctx, env.level(slog.LevelInfo), "register was empty: imported", "source", meta.Source, "rows", meta.Rows, "skipped", meta.Skipped)
	return nil
}

// seedSnapshot reads the CSV at path, or the bundled sample when path is empty.
func seedSnapshot(path string) (*licences.Snapshot, error) {
	if path != "" {
		return readSnapshot(path)
	}
	snap, err := licences.ParseCSV(bytes.NewReader(deploy.SampleRegister), dialogs.SampleSource)
	if err != nil {
		return nil, fmt.Errorf("bundled sample register: %w", err)
	}
	return snap, nil
}

func readSnapshot(path string) (*licences.Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open register: %w", err)
	}
	defer f.Close()
	snap, err := licences.ParseCSV(f, filepath.Base(path))
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	return snap, nil
}

// fileRegister loads a register CSV into memory for `check --licences FILE`.
func fileRegister(path string, now time.Time) (*licences.Memory, error) {
	snap, err := readSnapshot(path)
	if err != nil {
		return nil, err
	}
	return licences.NewMemory(snap, now), nil
}
