package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/indicators"
)

// reportsSettings are the settings of the reported-scam memory (package indicators).
type reportsSettings struct {
	Key           string // TASDEEQ_INDICATOR_KEY: the HMAC key for stored numbers
	High          string // TASDEEQ_REPORTS_HIGH: independent reports that make an ad high risk
	ConfirmedHigh string // TASDEEQ_REPORTS_CONFIRMED_HIGH: counsellor-confirmed reports that do
	Decay         string // TASDEEQ_REPORTS_DECAY: how long an indicator lasts without new reports
}

func (r *reportsSettings) vars() []configVar {
	return []configVar{
		{"TASDEEQ_INDICATOR_KEY", "", "HMAC key (16+ bytes) for the reported numbers, accounts and links kept in Redis; empty: one is made and kept in Redis", &r.Key},
		{"TASDEEQ_REPORTS_HIGH", "2", "independent scam reports from which an ad, number or account makes a check high risk", &r.High},
		{"TASDEEQ_REPORTS_CONFIRMED_HIGH", "1", "counsellor-confirmed reports from which it does", &r.ConfirmedHigh},
		{"TASDEEQ_REPORTS_DECAY", "180d", "how long a reported indicator counts after its last report (e.g. 180d, 4320h)", &r.Decay},
	}
}

// reportsFromEnv reads the settings from the environment alone, for the commands without flags
// for them (chat, check).
func reportsFromEnv(getenv func(string) string) reportsSettings {
	var r reportsSettings
	for _, v := range r.vars() {
		*v.dst = or(getenv(v.env), v.def)
	}
	return r
}

// generatedKey is where a key made by the service itself is kept, so that every replica uses
// the same one: under the crowd reports' hash tag, shards.Fixed("crowd"). Before issue 19 it was
// oldGeneratedKey, which serve's indicators.MigrateLayout moves.
const (
	generatedKey    = "tasdeeq:{crowd}:key"
	oldGeneratedKey = "tasdeeq:crowd:key"
)

// open returns the store of reported scams on rdb.
func (r reportsSettings) open(ctx context.Context, rdb redis.UniversalClient, logger *slog.Logger) (*indicators.Store, error) {
	high, err1 := strconv.Atoi(strings.TrimSpace(r.High))
	confirmed, err2 := strconv.Atoi(strings.TrimSpace(r.ConfirmedHigh))
	if err1 != nil || err2 != nil || high < 1 || confirmed < 1 {
		return nil, fmt.Errorf("%w: TASDEEQ_REPORTS_HIGH %q and TASDEEQ_REPORTS_CONFIRMED_HIGH %q must be whole numbers of at least 1", errUsage, r.High, r.ConfirmedHigh)
	}
	decay, err := parseDays(r.Decay)
	if err != nil || decay <= 0 {
		return nil, fmt.Errorf("%w: TASDEEQ_REPORTS_DECAY %q: want a duration such as 180d or 4320h", errUsage, r.Decay)
	}
	key := []byte(r.Key)
	if r.Key == "" {
		// Without a configured key the service makes one and keeps it in Redis, so it works out
		// of the box; but then a copy of Redis holds the key with the hashes, and the numbers
		// can be recovered by trying every mobile number. Operators should set the key.
		var buf [32]byte
		_, _ = rand.Read(buf[:])
		// A command run after an upgrade, before serve has moved the keys, finds the key under its
		// old name and must not make another: serve's migration would then find the new name
		// taken, and refuse to move the key that the stored reports were hashed with.
		k, err := rdb.Get(ctx, oldGeneratedKey).Result()
		if errors.Is(err, redis.Nil) {
			if err := rdb.SetNX(ctx, generatedKey, hex.EncodeToString(buf[:]), 0).Err(); err != nil {
				return nil, fmt.Errorf("indicator key: %w", err)
			}
			k, err = rdb.Get(ctx, generatedKey).Result()
		}
		if err != nil {
			return nil, fmt.Errorf("indicator key: %w", err)
		}
		key = []byte(k)
		logger.Warn("TASDEEQ_INDICATOR_KEY is empty: the key that hashes reported numbers is kept in Redis beside them; set it to keep a copy of Redis useless without it")
	} else if len(key) < 16 {
		return nil, fmt.Errorf("%w: TASDEEQ_INDICATOR_KEY must be at least 16 bytes", errUsage)
	}
	return indicators.NewStore(rdb, key, indicators.WithPolicy(indicators.Policy{Reports: high, Confirmed: confirmed}), indicators.WithDecay(decay))
}

// migrateReports moves reported fingerprints indexed by an earlier version, which would no
// longer be found, before serve's first lookup. Once moved, this is one SCAN that finds nothing;
// only serve runs it, so a read-only `check` neither scans nor writes.
func migrateReports(ctx context.Context, store *indicators.Store, logger *slog.Logger) error {
	moved, err := store.MigrateBuckets(ctx)
	if err != nil {
		return err
	}
	if moved > 0 {
		logger.Info("moved reported-ad buckets to the one-key index", "buckets", moved)
	}
	return nil
}

// parseDays is time.ParseDuration that also takes whole days ("180d").
func parseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
