package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/licences"
)

// openRedis connects to REDIS_URL, or starts the embedded in-memory Redis when it is empty.
// The returned close function stops whichever it opened.
func openRedis(ctx context.Context, env environment) (redis.UniversalClient, func(), error) {
	url := env.getenv("REDIS_URL")
	if url == "" {
		env.logger.Log(ctx, env.level(slog.LevelWarn), "REDIS_URL is empty: using an embedded in-memory Redis; nothing survives a restart")
		mr, err := miniredis.Run()
		if err != nil {
			return nil, nil, fmt.Errorf("start embedded redis: %w", err)
		}
		rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
		return rdb, func() { rdb.Close(); mr.Close() }, nil
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	rdb := redis.NewClient(opts)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, nil, fmt.Errorf("connect to redis: %w", err)
	}
	return rdb, func() { rdb.Close() }, nil
}

// openStore opens the register in Redis and, when it is empty, imports TASDEEQ_LICENCES or the
// bundled sample so that a fresh machine can answer at once.
func openStore(ctx context.Context, env environment) (*licences.Store, func(), error) {
	rdb, closeRedis, err := openRedis(ctx, env)
	if err != nil {
		return nil, nil, err
	}
	store := licences.NewStore(rdb)
	empty, err := store.Empty(ctx)
	if err != nil {
		closeRedis()
		return nil, nil, fmt.Errorf("read register: %w", err)
	}
	if empty {
		snap, err := seedSnapshot(env)
		if err != nil {
			closeRedis()
			return nil, nil, err
		}
		meta, err := store.Import(ctx, snap)
		if err != nil {
			closeRedis()
			return nil, nil, fmt.Errorf("import register: %w", err)
		}
		env.logger.Log(ctx, env.level(slog.LevelInfo), "register was empty: imported", "source", meta.Source, "rows", meta.Rows, "skipped", meta.Skipped)
	}
	return store, closeRedis, nil
}

// seedSnapshot reads TASDEEQ_LICENCES, or the bundled sample when it is not set.
func seedSnapshot(env environment) (*licences.Snapshot, error) {
	if path := env.getenv("TASDEEQ_LICENCES"); path != "" {
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
