package accounts_test

import (
	"context"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/keymove/keymovetest"
	"github.com/tasdeeq/tasdeeq/shards"
)

// oldAccount writes an account hash as the store wrote it before issue 19.
func oldAccount(telegram string) func(context.Context, redis.Cmdable, string) {
	return func(ctx context.Context, rdb redis.Cmdable, key string) {
		rdb.HSet(ctx, key, "mrc", "LHR", "role", "counsellor", "hash", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
			"disabled", 0, "telegram", telegram, "created", "2026-12-01T09:00:00Z")
	}
}

func TestMigrateLayout(t *testing.T) {
	moves := []keymovetest.Move{
		{Old: "tasdeeq:account:ayesha.k", New: "tasdeeq:{accounts}:account:ayesha.k", Write: oldAccount("42")},
		{Old: "tasdeeq:account:ops", New: "tasdeeq:{accounts}:account:ops", Write: oldAccount("0")},
		{Old: "tasdeeq:accounts", New: "tasdeeq:{accounts}:all", Write: func(ctx context.Context, rdb redis.Cmdable, key string) {
			rdb.SAdd(ctx, key, "ayesha.k", "ops")
		}},
		{Old: "tasdeeq:accounts:telegram:42", New: "tasdeeq:{accounts}:telegram:42", Write: func(ctx context.Context, rdb redis.Cmdable, key string) {
			rdb.Set(ctx, key, "ayesha.k", 0)
		}},
		{Old: "tasdeeq:audit", New: "tasdeeq:{audit}:log", Write: func(ctx context.Context, rdb redis.Cmdable, key string) {
			for i, who := range []string{"ayesha.k", "ops", "ayesha.k"} {
				rdb.XAdd(ctx, &redis.XAddArgs{Stream: key, ID: "1796115600000-" + string(rune('0'+i)),
					Values: []any{"at", "2026-12-01T09:00:00Z", "who", who, "action", accounts.ActionLogin, "case", "", "object", "", "detail", ""}})
			}
		}},
	}
	rdb := keymovetest.Check(t, moves, accounts.MigrateLayout)

	// The store of this version finds what the old one wrote.
	ctx := context.Background()
	s := accounts.NewStore(rdb)
	if list, err := s.List(ctx); err != nil || len(list) != 2 || list[0].Username != "ayesha.k" || list[0].MRC != "LHR" {
		t.Fatalf("list after the migration: %+v %v", list, err)
	}
	if a, ok, err := s.ByTelegram(ctx, 42); !ok || err != nil || a.Username != "ayesha.k" {
		t.Fatalf("telegram link after the migration: %+v %v %v", a, ok, err)
	}
	if log, err := accounts.NewAudit(rdb, nil).Recent(ctx, 10, "ayesha.k", ""); err != nil || len(log) != 2 {
		t.Fatalf("audit log after the migration: %+v %v", log, err)
	}
}

func TestMigrateLayoutKeepsKeysWrittenUnderTheNewNames(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	rdb.Set(ctx, "tasdeeq:accounts:telegram:7", "old", 0)
	rdb.Set(ctx, "tasdeeq:{accounts}:telegram:7", "new", 0)
	rdb.Set(ctx, "tasdeeq:accounts:telegram:8", "moved", 0)
	moved, err := accounts.MigrateLayout(ctx, rdb)
	if err == nil || !strings.Contains(err.Error(), "1 keys") || moved != 1 {
		t.Fatalf("MigrateLayout = %d, %v; want 1 moved and an error naming the one left", moved, err)
	}
	if old, now := rdb.Get(ctx, "tasdeeq:accounts:telegram:7").Val(), rdb.Get(ctx, "tasdeeq:{accounts}:telegram:7").Val(); old != "old" || now != "new" {
		t.Fatalf("a taken name: old %q, new %q; want both kept", old, now)
	}
}

// TestKeysShareTheirTag checks that every key the store writes carries the accounts' hash tag, so
// that its transactions stay in one Redis Cluster slot, and the audit log the audit tag.
func TestKeysShareTheirTag(t *testing.T) {
	ctx := context.Background()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	s := accounts.NewStore(rdb)
	if _, err := s.Add(ctx, accounts.Account{Username: "bilal", MRC: "PWR", TelegramID: 42}, pw); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkTelegram(ctx, "bilal", 43); err != nil {
		t.Fatal(err)
	}
	if err := accounts.NewAudit(rdb, nil).Record(ctx, accounts.Entry{Who: "bilal", Action: accounts.ActionLogin}); err != nil {
		t.Fatal(err)
	}
	if accounts.AuditStream != shards.Fixed("audit")+"log" {
		t.Errorf("AuditStream %q is not under the audit tag", accounts.AuditStream)
	}
	keys := mr.Keys()
	if len(keys) != 4 {
		t.Errorf("keys %v; want the account, the set of all, the link and the audit log", keys)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, shards.Fixed("accounts")) && k != accounts.AuditStream {
			t.Errorf("key %s has neither the accounts' tag nor is the audit log", k)
		}
	}
}
