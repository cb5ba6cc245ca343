package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// testDeps are the real analyser, the bundled sample register and the real messages.
func testDeps(tb testing.TB) dialogs.Deps { return dialogstest.Deps(tb, 0) }

type namedRedis struct {
	name string
	rdb  redis.UniversalClient
	mr   *miniredis.Miniredis // nil for real Redis
}

// redises returns miniredis and, when REDIS_URL is set, a real Redis whose database is flushed
// of this test's keys afterwards. The keys are global (one bot per Redis), so the real-Redis
// variant uses the database REDIS_URL names and deletes tasdeeq:* there before and after.
func redises(t testing.TB) []namedRedis {
	t.Helper()
	mr := miniredis.RunT(t)
	out := []namedRedis{{"miniredis", redis.NewClient(&redis.Options{Addr: mr.Addr()}), mr}}
	if url := os.Getenv("REDIS_URL"); url != "" {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		rdb := redis.NewClient(opts)
		clean := func() {
			ctx := context.Background()
			iter := rdb.Scan(ctx, 0, "tasdeeq:*", 1000).Iterator()
			for iter.Next(ctx) {
				rdb.Del(ctx, iter.Val())
			}
		}
		clean()
		t.Cleanup(func() { clean(); rdb.Close() })
		out = append(out, namedRedis{"redis", rdb, nil})
	}
	return out
}

func textUpdate(id, user int64, text string) *models.Update {
	return &models.Update{ID: id, Message: &models.Message{
		ID: int(id), From: &models.User{ID: user, LanguageCode: "en"},
		Chat: models.Chat{ID: user, Type: models.ChatTypePrivate}, Text: text,
	}}
}

func commandUpdate(id, user int64, text string) *models.Update {
	u := textUpdate(id, user, text)
	u.Message.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: len(strings.Fields(text)[0])}}
	return u
}

func streamMessages(t *testing.T, rdb redis.UniversalClient) []bot.Outgoing {
	t.Helper()
	entries, err := rdb.XRange(context.Background(), bot.RepliesStream, "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	var out []bot.Outgoing
	for _, e := range entries {
		var o bot.Outgoing
		if err := json.Unmarshal([]byte(e.Values["m"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}

func newProcessor(t *testing.T, rdb redis.UniversalClient) *bot.Processor {
	return bot.NewProcessor(rdb, testDeps(t), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
}

const scamAd = "Saudi Arabia jobs. 100% visa guarantee! Registration fee Rs 25,000 on JazzCash 0300-5551234."

func TestProcessExactlyOnce(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			u := textUpdate(1001, 7, scamAd)
			if err := p.Process(ctx, u); err != nil {
				t.Fatal(err)
			}
			got := streamMessages(t, r.rdb)
			// Rows: report, more signs (the ad has four), check another / a licence, safety tips.
			if len(got) != 1 || got[0].ChatID != 7 || !strings.Contains(got[0].Text, "High risk") || len(got[0].Buttons) != 4 {
				t.Fatalf("queued %+v", got)
			}
			// Telegram retries the same update: 200, and nothing happens twice.
			for range 3 {
				if err := p.Process(ctx, u); err != nil {
					t.Fatal(err)
				}
			}
			if n := len(streamMessages(t, r.rdb)); n != 1 {
				t.Fatalf("%d messages after retries, want 1", n)
			}
		})
	}
}

func TestProcessKeepsTheSession(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			press := &models.Update{ID: 2001, CallbackQuery: &models.CallbackQuery{
				ID: "cb-1", From: models.User{ID: 8}, Data: "lang:ur",
				Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: models.Chat{ID: 8, Type: models.ChatTypePrivate}}},
			}}
			if err := p.Process(ctx, press); err != nil {
				t.Fatal(err)
			}
			s, err := dialogs.Load(ctx, r.rdb, 8)
			if err != nil || s.Lang != locales.UR {
				t.Fatalf("session %+v, %v", s, err)
			}
			if ttl := r.rdb.TTL(ctx, dialogs.Keys(8)[0]).Val(); ttl < 364*24*time.Hour {
				t.Errorf("prefs TTL %v, want a year", ttl)
			}
			out := streamMessages(t, r.rdb)
			if len(out) != 2 || out[0].CallbackID != "cb-1" || !strings.Contains(out[1].Text, "میں یہ کام کرتا ہوں") {
				t.Fatalf("queued %+v", out)
			}
			// The next message is answered in Urdu.
			if err := p.Process(ctx, textUpdate(2002, 8, "hello")); err != nil {
				t.Fatal(err)
			}
			if out := streamMessages(t, r.rdb); !strings.Contains(out[2].Text, "اشتہار") {
				t.Errorf("not Urdu: %q", out[2].Text)
			}
		})
	}
}

func TestProcessForget(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			for i, u := range []*models.Update{commandUpdate(3001, 9, "/language"), textUpdate(3002, 9, "/licence"), commandUpdate(3003, 9, "/forget")} {
				if err := p.Process(ctx, u); err != nil {
					t.Fatalf("update %d: %v", i, err)
				}
				if i == 1 {
					if s, _ := dialogs.Load(ctx, r.rdb, 9); s.State != dialogs.AwaitLicence {
						t.Fatalf("state %q before forget", s.State)
					}
				}
			}
			for _, k := range append(dialogs.Keys(9), bot.BlockedKey(9)) {
				if n := r.rdb.Exists(ctx, k).Val(); n != 0 {
					t.Errorf("%s survived /forget", k)
				}
			}
			out := streamMessages(t, r.rdb)
			if last := out[len(out)-1]; !strings.Contains(last.Text, "deleted everything") {
				t.Errorf("no confirmation: %q", last.Text)
			}
		})
	}
}

// TestProcessConcurrentUpdatesOfOneUser: two replicas stepping the same user's session at once
// never lose a step; each update is answered once.
func TestProcessConcurrentUpdatesOfOneUser(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			replicas := []*bot.Processor{newProcessor(t, r.rdb), newProcessor(t, r.rdb)}
			const n = 40
			var wg sync.WaitGroup
			errs := make(chan error, n)
			for i := range n {
				wg.Go(func() {
					u := textUpdate(int64(4000+i), 11, fmt.Sprintf("hello %d", i))
					if i == n/2 {
						u = commandUpdate(int64(4000+i), 11, "/licence")
					}
					errs <- replicas[rand.IntN(2)].Process(ctx, u)
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := len(streamMessages(t, r.rdb)); got != n {
				t.Fatalf("%d replies for %d updates", got, n)
			}
		})
	}
}

func TestProcessRedisDown(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	p := newProcessor(t, rdb)
	mr.Close()
	err := p.Process(context.Background(), textUpdate(5001, 12, scamAd))
	if !errors.Is(err, webhook.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	// Back up (same address): the retried update goes through once.
	if err := mr.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := p.Process(context.Background(), textUpdate(5001, 12, scamAd)); err != nil {
		t.Fatal(err)
	}
	if n := len(streamMessages(t, rdb)); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
}

func TestProcessIgnoredUpdates(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	p := newProcessor(t, rdb)
	edited := &models.Update{ID: 6001, EditedMessage: &models.Message{Text: "x", Chat: models.Chat{ID: 1}}}
	channel := &models.Update{ID: 6002, ChannelPost: &models.Message{Text: scamAd, Chat: models.Chat{ID: -100, Type: models.ChatTypeChannel}}}
	group := textUpdate(6003, 13, scamAd)
	group.Message.Chat = models.Chat{ID: -55, Type: models.ChatTypeGroup}
	for _, u := range []*models.Update{edited, channel, group} {
		if err := p.Process(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(streamMessages(t, rdb)); n != 0 {
		t.Fatalf("%d replies to updates the bot should not answer", n)
	}
}

// FuzzProcess: any text, entities and callback data go through decode and the whole step
// without a panic or an error, against miniredis.
func FuzzProcess(f *testing.F) {
	f.Add("/start lic_9848_LHR", 0, 6, "again")
	f.Add("ویزا فیس ۸۰ ہزار \u202e\u200b\x00", 3, 90, "rep:yes")
	f.Add(strings.Repeat("ا", 5000), -1, 2, "licsel:9999/ZZ")
	mr := miniredis.NewMiniRedis()
	if err := mr.Start(); err != nil {
		f.Fatal(err)
	}
	defer mr.Close()
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	p := bot.NewProcessor(rdb, testDeps(f), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
	var id int64
	f.Fuzz(func(t *testing.T, text string, offset, length int, data string) {
		id++
		u := textUpdate(id, 5, text)
		u.Message.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: offset, Length: length}}
		if err := p.Process(context.Background(), u); err != nil {
			t.Fatalf("text update: %v", err)
		}
		id++
		cb := &models.Update{ID: id, CallbackQuery: &models.CallbackQuery{ID: "x", From: models.User{ID: 5}, Data: data,
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: models.Chat{ID: 5, Type: models.ChatTypePrivate}}}}}
		if err := p.Process(context.Background(), cb); err != nil {
			t.Fatalf("button press: %v", err)
		}
		if len(mr.Keys()) > 5000 {
			mr.FlushAll()
		}
	})
}

// TestSessionRetention: the dialog state is gone after a day of silence; the language stays.
func TestSessionRetention(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	p := newProcessor(t, rdb)
	ctx := context.Background()
	for i, u := range []*models.Update{commandUpdate(100, 41, "/language"), textUpdate(101, 41, scamAd), textUpdate(102, 41, "/licence")} {
		if err := p.Process(ctx, u); err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
	}
	press := &models.Update{ID: 103, CallbackQuery: &models.CallbackQuery{ID: "cb", From: models.User{ID: 41}, Data: "lang:ur",
		Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: models.Chat{ID: 41, Type: models.ChatTypePrivate}}}}}
	if err := p.Process(ctx, press); err != nil {
		t.Fatal(err)
	}
	s, _ := dialogs.Load(ctx, rdb, 41)
	if s.Lang != locales.UR || s.LastAd == nil {
		t.Fatalf("session %+v", s)
	}
	mr.FastForward(25 * time.Hour)
	s, _ = dialogs.Load(ctx, rdb, 41)
	if s.LastAd != nil || s.State != dialogs.Idle || s.Lang != locales.UR {
		t.Fatalf("after a day: %+v (the ad must be gone, the language kept)", s)
	}
	mr.FastForward(366 * 24 * time.Hour)
	if s, _ = dialogs.Load(ctx, rdb, 41); s.Lang != "" {
		t.Fatalf("after a year: %+v", s)
	}
	if mr.Exists("tasdeeq:update:100") {
		t.Error("update markers outlived their week")
	}
}
