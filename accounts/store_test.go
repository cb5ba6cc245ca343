package accounts_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
)

var patterns = []string{"tasdeeq:{accounts}:*", "tasdeeq:{audit}:*"}

const pw = "correct horse battery"

func TestAddAuthenticateAndList(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := accounts.NewStore(b.RDB, accounts.WithClock(func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }))
		a, err := s.Add(ctx, accounts.Account{Username: " Ayesha.K ", MRC: "lhr"}, pw)
		if err != nil {
			t.Fatal(err)
		}
		if a.Username != "ayesha.k" || a.MRC != "LHR" || a.Role != accounts.Counsellor {
			t.Fatalf("added %+v", a)
		}
		if _, err := s.Add(ctx, accounts.Account{Username: "ayesha.k", MRC: "ISB"}, pw); !errors.Is(err, accounts.ErrExists) {
			t.Fatalf("second add: %v", err)
		}
		if _, err := s.Add(ctx, accounts.Account{Username: "ops", MRC: "ISB", Role: accounts.Admin, TelegramID: 77}, pw+"!"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Authenticate(ctx, "AYESHA.K", pw)
		if err != nil || got.Username != "ayesha.k" {
			t.Fatalf("authenticate: %+v %v", got, err)
		}
		for _, bad := range [][2]string{{"ayesha.k", pw + "x"}, {"nobody", pw}, {"ayesha.k", ""}, {"a", pw}} {
			if _, err := s.Authenticate(ctx, bad[0], bad[1]); !errors.Is(err, accounts.ErrBadPassword) {
				t.Errorf("authenticate %q: %v, want ErrBadPassword", bad[0], err)
			}
		}
		list, err := s.List(ctx)
		if err != nil || len(list) != 2 || list[0].Username != "ayesha.k" || list[1].Role != accounts.Admin || list[1].TelegramID != 77 {
			t.Fatalf("list: %+v %v", list, err)
		}
		if !list[0].CreatedAt.Equal(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("created %v", list[0].CreatedAt)
		}
		// The hash is in Redis, in the PHC form, and never the password.
		h, _ := b.RDB.HGet(ctx, "tasdeeq:{accounts}:account:ayesha.k", "hash").Result()
		if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, pw) {
			t.Errorf("stored hash %q", h)
		}
	})
}

func TestPasswordDisableAndTelegram(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		s := accounts.NewStore(b.RDB)
		if _, err := s.Add(ctx, accounts.Account{Username: "bilal", MRC: "PWR", TelegramID: 42}, pw); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, "bilal", "short"); !errors.Is(err, accounts.ErrInvalid) {
			t.Fatalf("short password: %v", err)
		}
		if err := s.SetPassword(ctx, "bilal", "another long one"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "bilal", pw); !errors.Is(err, accounts.ErrBadPassword) {
			t.Fatalf("old password still works: %v", err)
		}
		if ok, err := s.IsCounsellor(ctx, 42); !ok || err != nil {
			t.Fatalf("linked counsellor: %v %v", ok, err)
		}
		if err := s.SetDisabled(ctx, "bilal", true); err != nil {
			t.Fatal(err)
		}
		// Disabled: said only to whoever knows the password.
		if _, err := s.Authenticate(ctx, "bilal", "another long one"); !errors.Is(err, accounts.ErrDisabled) {
			t.Fatalf("disabled account: %v", err)
		}
		if _, err := s.Authenticate(ctx, "bilal", "wrong password!"); !errors.Is(err, accounts.ErrBadPassword) {
			t.Fatalf("disabled account, wrong password: %v", err)
		}
		if ok, _ := s.IsCounsellor(ctx, 42); ok {
			t.Fatal("a disabled account is still a counsellor in the bot")
		}
		if err := s.SetDisabled(ctx, "nobody", true); !errors.Is(err, accounts.ErrNotFound) {
			t.Fatalf("disable unknown: %v", err)
		}
		if n, _ := b.RDB.Exists(ctx, "tasdeeq:{accounts}:account:nobody").Result(); n != 0 {
			t.Fatal("disabling an unknown account created it")
		}
		// Another account cannot take a linked Telegram user; relinking moves the link.
		if _, err := s.Add(ctx, accounts.Account{Username: "sana", MRC: "PWR", TelegramID: 42}, pw); !errors.Is(err, accounts.ErrTelegramUsed) {
			t.Fatalf("taken telegram id: %v", err)
		}
		if err := s.LinkTelegram(ctx, "bilal", 43); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.ByTelegram(ctx, 42); ok {
			t.Fatal("the old Telegram link survived")
		}
		if a, ok, _ := s.ByTelegram(ctx, 43); !ok || a.Username != "bilal" {
			t.Fatalf("new link: %+v %v", a, ok)
		}
		if err := s.LinkTelegram(ctx, "bilal", 0); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.ByTelegram(ctx, 43); ok {
			t.Fatal("unlinked, still found")
		}
	})
}

func TestValidation(t *testing.T) {
	for _, tc := range []struct {
		a  accounts.Account
		pw string
	}{
		{accounts.Account{Username: "ab", MRC: "LHR"}, pw},
		{accounts.Account{Username: "-abc", MRC: "LHR"}, pw},
		{accounts.Account{Username: "a b c", MRC: "LHR"}, pw},
		{accounts.Account{Username: "abc:def", MRC: "LHR"}, pw},
		{accounts.Account{Username: "abc", MRC: "L"}, pw},
		{accounts.Account{Username: "abc", MRC: "LH-R"}, pw},
		{accounts.Account{Username: "abc", MRC: "LHR", Role: "root"}, pw},
		{accounts.Account{Username: "abc", MRC: "LHR"}, "123456789"},
		{accounts.Account{Username: "abc", MRC: "LHR", TelegramID: -5}, pw},
	} {
		s := accounts.NewStore(nil) // validation fails before Redis is touched
		if _, err := s.Add(context.Background(), tc.a, tc.pw); !errors.Is(err, accounts.ErrInvalid) {
			t.Errorf("Add(%+v, %q) = %v, want ErrInvalid", tc.a, tc.pw, err)
		}
	}
}

func TestAudit(t *testing.T) {
	redistest.Each(t, patterns, func(t *testing.T, b redistest.Backend) {
		ctx := context.Background()
		clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		log := accounts.NewAudit(b.RDB, func() time.Time { clock = clock.Add(time.Minute); return clock })
		for _, e := range []accounts.Entry{
			{Who: "ayesha", Action: accounts.ActionLogin},
			{Who: "ayesha", Action: accounts.ActionConfirm, Case: "TSQ-7K3F9Q"},
			{Who: "bilal", Action: accounts.ActionDismiss, Case: "TSQ-AAAAAA", Detail: "not_scam"},
		} {
			if err := log.Record(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		all, err := log.Recent(ctx, 10, "", "")
		if err != nil || len(all) != 3 || all[0].Who != "bilal" || all[0].Detail != "not_scam" || all[2].Action != accounts.ActionLogin {
			t.Fatalf("recent: %+v %v", all, err)
		}
		if !all[0].At.Equal(time.Date(2026, 12, 1, 9, 3, 0, 0, time.UTC)) {
			t.Errorf("at %v", all[0].At)
		}
		mine, _ := log.Recent(ctx, 10, "ayesha", "")
		byCase, _ := log.Recent(ctx, 10, "", "TSQ-7K3F9Q")
		if len(mine) != 2 || len(byCase) != 1 || byCase[0].Action != accounts.ActionConfirm {
			t.Fatalf("filtered: %+v %+v", mine, byCase)
		}
		if one, _ := log.Recent(ctx, 1, "", ""); len(one) != 1 {
			t.Fatalf("limit: %d", len(one))
		}
	})
}
