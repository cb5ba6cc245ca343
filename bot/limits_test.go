package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/bot"
)

func TestLimits(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := bot.NewProcessor(r.rdb, testDeps(t), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
			p.Limits = bot.Limits{ChecksPerMinute: 3, ChecksPerDay: 200, UpdatesPerMinute: 10}
			for i := range 4 {
				if err := p.Process(ctx, textUpdate(int64(7000+i), 31, scamAd)); err != nil {
					t.Fatal(err)
				}
			}
			out := streamMessages(t, r.rdb)
			if len(out) != 4 || !strings.Contains(out[2].Text, "High risk") || !strings.Contains(out[3].Text, "wait a little") {
				t.Fatalf("the fourth check in a minute should be refused politely: %d replies, last %q", len(out), out[len(out)-1].Text)
			}
			// A flood of /start: after the per-minute limit nothing is stored, not even the
			// done markers, so Redis does not grow with it.
			before := r.rdb.DBSize(ctx).Val()
			for i := range 500 {
				if err := p.Process(ctx, commandUpdate(int64(8000+i), 31, "/start")); err != nil {
					t.Fatal(err)
				}
			}
			grown := r.rdb.DBSize(ctx).Val() - before
			replies := len(streamMessages(t, r.rdb)) - len(out)
			if replies > 10 || grown > 20 {
				t.Fatalf("a flood of 500 /start gave %d replies and %d new keys", replies, grown)
			}
			t.Logf("500 /start in a minute: %d answered, %d keys added", replies, grown)
			// Another user is not affected.
			if err := p.Process(ctx, textUpdate(9001, 32, scamAd)); err != nil {
				t.Fatal(err)
			}
			if last := streamMessages(t, r.rdb); !strings.Contains(last[len(last)-1].Text, "High risk") {
				t.Error("another user was limited")
			}
		})
	}
}
