package bot_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/bot"
	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/dialogs/dialogstest"
	"github.com/tasdeeq/tasdeeq/indicators"
	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/outbox/outboxtest"
	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
	"github.com/tasdeeq/tasdeeq/webhook"
)

// testDeps are the real analyser, the bundled sample register and the real messages.
func testDeps(tb testing.TB) dialogs.Deps { return dialogstest.Deps(tb, 0) }

type namedRedis struct {
	name string
	rdb  redis.UniversalClient
	mr   *miniredis.Miniredis // nil for real Redis
	b    redistest.Backend
}

// redises returns the backends of redistest: miniredis, the Redis of REDIS_URL and the Redis
// Cluster of REDIS_CLUSTER_URL when they are set, each client with the slot guard (reporting to
// t). The keys are global (one bot per Redis), so on the real ones tasdeeq:* is deleted before
// and after: give REDIS_URL a database of its own.
func redises(t testing.TB) []namedRedis {
	t.Helper()
	var out []namedRedis
	for _, b := range redistest.Backends(t, []string{"tasdeeq:*"}) {
		out = append(out, namedRedis{name: b.Name, rdb: b.RDB, mr: b.MR, b: b})
	}
	return out
}

// miniredisOnly is a miniredis with a guarded client, for a test that needs miniredis itself (its
// clock, injected errors, a restart).
func miniredisOnly(t testing.TB) namedRedis {
	t.Helper()
	b := redistest.Miniredis(t)
	return namedRedis{name: b.Name, rdb: b.RDB, mr: b.MR, b: b}
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

// ring is the key layout of the processors under test: the default.
var ring shards.Ring

// repliesOf is the replies stream of a user's shard; ocrOf their shard's picture queue.
func repliesOf(user int64) string { return outbox.RepliesStream(ring.Of(user)) }
func ocrOf(user int64) string     { return bot.OCRStream(ring.Of(user)) }

// allEntries reads the stream of every shard, oldest first.
func allEntries(t testing.TB, rdb redis.UniversalClient, stream func(shards.Shard) string) []redis.XMessage {
	return outboxtest.Entries(t, rdb, ring, stream)
}

// streamMessages are the replies queued in every shard, oldest first.
func streamMessages(t *testing.T, rdb redis.UniversalClient) []outbox.Outgoing {
	return outboxtest.Replies(t, rdb, ring)
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
			s, err := dialogs.Load(ctx, r.rdb, ring, 8)
			if err != nil || s.Lang != locales.UR {
				t.Fatalf("session %+v, %v", s, err)
			}
			if ttl := r.rdb.TTL(ctx, dialogs.Keys(ring, 8)[0]).Val(); ttl < 364*24*time.Hour {
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
					if s, _ := dialogs.Load(ctx, r.rdb, ring, 9); s.State != dialogs.AwaitLicence {
						t.Fatalf("state %q before forget", s.State)
					}
				}
			}
			for _, k := range append(dialogs.Keys(ring, 9), outbox.BlockedKey(ring, 9)) {
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
	b := redistest.Miniredis(t)
	mr := b.MR
	rdb := b.Client(t, func(o *redis.Options) { o.MaxRetries, o.DialTimeout = -1, 200*time.Millisecond })
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
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			rdb := r.rdb
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
		})
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
	r := miniredisOnly(t) // its clock is moved
	mr, rdb := r.mr, r.rdb
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
	s, _ := dialogs.Load(ctx, rdb, ring, 41)
	if s.Lang != locales.UR || s.LastAd == nil {
		t.Fatalf("session %+v", s)
	}
	mr.FastForward(25 * time.Hour)
	s, _ = dialogs.Load(ctx, rdb, ring, 41)
	if s.LastAd != nil || s.State != dialogs.Idle || s.Lang != locales.UR {
		t.Fatalf("after a day: %+v (the ad must be gone, the language kept)", s)
	}
	mr.FastForward(366 * 24 * time.Hour)
	if s, _ = dialogs.Load(ctx, rdb, ring, 41); s.Lang != "" {
		t.Fatalf("after a year: %+v", s)
	}
	if mr.Exists(ring.Of(41).Key("update:100")) {
		t.Error("update markers outlived their week")
	}
}

// roundTrips counts the calls a go-redis client makes to Redis: one per command sent alone,
// one per pipeline or transaction.
type roundTrips struct{ n atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// TestProcessRoundTrips: an update costs one pipelined read and one atomic commit, an ad too: the
// lookup of earlier scam reports rides in the read (issue 16), and costs a round trip of its own
// only without Lookups. The processor is set up as serve sets it up: per-user limits, the referral
// case store and the memory of reported scams.
func TestProcessRoundTrips(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			deps := testDeps(t)
			reports, err := indicators.NewStore(r.rdb, []byte("round trips test key, 32 bytes.."), indicators.WithClock(func() time.Time { return dialogstest.Today }))
			if err != nil {
				t.Fatal(err)
			}
			deps.Reports = reports
			p := bot.NewProcessor(r.rdb, deps, "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
			p.Limits = bot.DefaultLimits
			p.Cases = referrals.NewStore(r.rdb)
			p.Reports, p.Lookups = reports, reports
			p.BacklogMax = 100_000
			primaries, err := redistest.Primaries(ctx, r.b)
			if err != nil {
				t.Fatal(err)
			}
			hook := &roundTrips{}
			r.rdb.AddHook(hook)
			// First updates load the scripts into Redis (EVALSHA's NOSCRIPT fallback). A cluster
			// loads them on each primary at its first EVALSHA, once per node and not per update:
			// a "hello" of a user in every shard (ids 10,000 on, away from the users below)
			// reaches every primary, so that the counts below are those of a warm cluster.
			warm := []*models.Update{textUpdate(9898, 99, "hello"), textUpdate(9899, 99, scamAd)}
			for id, seen := int64(10_000), map[int]bool{}; len(seen) < ring.N(); id++ {
				if sh := ring.Of(id).Index(); !seen[sh] {
					seen[sh] = true
					warm = append(warm, textUpdate(id, id, "hello"))
				}
			}
			for i, u := range warm {
				if err := p.Process(ctx, u); err != nil {
					t.Fatalf("warm-up %d: %v", i, err)
				}
			}
			// The same without the memory of reported scams: what the processor itself costs.
			plain := bot.NewProcessor(r.rdb, testDeps(t), "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
			plain.Limits, plain.Cases, plain.BacklogMax = p.Limits, p.Cases, p.BacklogMax
			lookupApart := bot.NewProcessor(r.rdb, deps, "tasdeeq_test_bot", slog.New(slog.DiscardHandler))
			lookupApart.Limits, lookupApart.Cases, lookupApart.Reports, lookupApart.BacklogMax = p.Limits, p.Cases, reports, p.BacklogMax
			for i, c := range []struct {
				name  string
				p     *bot.Processor
				u     *models.Update
				trips int64
				cmds  int // at most, counting the commands scripts run
			}{
				{"plain text", p, textUpdate(9901, 98, "hello"), 2, 12},
				{"/start", p, commandUpdate(9902, 97, "/start"), 2, 12},
				{"ad", p, textUpdate(9903, 96, scamAd), 2, 12},
				{"ad again, same user", p, textUpdate(9904, 96, scamAd), 2, 12},
				// The read of a retried ad carries its lookup too (3 reads for the ad's one phone
				// number and its fingerprint): the read cannot know the update is a retry.
				{"retried update", p, textUpdate(9904, 96, scamAd), 1, 5},
				{"ad, lookup in its own round trip", lookupApart, textUpdate(9907, 94, scamAd), 3, 12},
				{"ad, no report lookup", plain, textUpdate(9905, 95, scamAd), 2, 12},
				{"/language", plain, commandUpdate(9906, 95, "/language"), 2, 12},
			} {
				before := commandsProcessed(t, r)
				hook.n.Store(0)
				if err := c.p.Process(ctx, c.u); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				got := hook.n.Load()
				// On a real Redis shared with other clients the count is an upper bound.
				cmds := commandsProcessed(t, r) - before
				if r.mr == nil {
					cmds -= primaries // the INFO that read before, on each primary
				}
				t.Logf("%s: %d round trips, %d commands", c.name, got, cmds)
				if got > c.trips {
					t.Errorf("%d: %s: %d round trips to Redis, want at most %d", i, c.name, got, c.trips)
				}
				// miniredis counts exactly what the test sends; a real Redis also what others send.
				if r.mr != nil && c.cmds > 0 && cmds > c.cmds {
					t.Errorf("%d: %s: %d Redis commands, want at most %d", i, c.name, cmds, c.cmds)
				}
			}
			// One reply to each warm-up update and to each case but the retried update.
			if n, want := len(streamMessages(t, r.rdb)), len(warm)+7; n != want {
				t.Errorf("%d replies, want %d", n, want)
			}
		})
	}
}

// commandsProcessed is the number of commands the Redis server has run, those run by scripts
// included: on a cluster, the sum over every primary.
func commandsProcessed(t *testing.T, r namedRedis) int {
	t.Helper()
	n, err := redistest.CommandsProcessed(context.Background(), r.b)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// scriptedSubscriptions keeps subscribers with a script of its own, as campaigns does: a script
// cannot run inside the processor's commit script, so such a commit takes the WATCH path.
type scriptedSubscriptions struct{}

// subscribersKey is the set of subscribers of a chat's shard, as outreach keeps them: in the
// shard, so that the commit stays in one slot.
func subscribersKey(chatID int64) string { return ring.Of(chatID).Key("test:subscribers") }

func (scriptedSubscriptions) SubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64, lang, mrc string, now time.Time) {
	p.Eval(ctx, "return redis.call('SADD', KEYS[1], ARGV[1])", []string{subscribersKey(chatID)}, chatID)
}

func (scriptedSubscriptions) UnsubscribeCmds(ctx context.Context, p redis.Pipeliner, chatID int64) {
	p.Eval(ctx, "return redis.call('SREM', KEYS[1], ARGV[1])", []string{subscribersKey(chatID)}, chatID)
}

// TestGroupSubscribesAcrossShards: a group's subscription lives in the group's shard, and the
// member who asks for it in another; the subscription is written on its own before the member's
// commit (a Redis Cluster transaction holds one slot), once, and the group gets its reply.
func TestGroupSubscribesAcrossShards(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			p.Subscriptions = scriptedSubscriptions{}
			const user = 31
			group := int64(-1001)
			for ring.Of(group) == ring.Of(user) {
				group--
			}
			u := commandUpdate(9851, user, "/subscribe@tasdeeq_test_bot")
			u.Message.Chat = models.Chat{ID: group, Type: models.ChatTypeGroup}
			for range 2 { // Telegram delivering it again changes nothing
				if err := p.Process(ctx, u); err != nil {
					t.Fatal(err)
				}
			}
			if !r.rdb.SIsMember(ctx, subscribersKey(group), group).Val() {
				t.Fatal("the group is not subscribed")
			}
			msgs := streamMessages(t, r.rdb)
			if len(msgs) != 1 || msgs[0].ChatID != group {
				t.Fatalf("replies %+v, want one to the group", msgs)
			}
		})
	}
}

// TestProcessCommitHoldingAScript: a step whose writes include a script (subscribing, here) is
// committed atomically too, exactly once, also when replicas race on the user.
func TestProcessCommitHoldingAScript(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			replicas := []*bot.Processor{newProcessor(t, r.rdb), newProcessor(t, r.rdb)}
			for _, p := range replicas {
				p.Subscriptions = scriptedSubscriptions{}
			}
			u := commandUpdate(9801, 21, "/subscribe")
			for range 2 {
				if err := replicas[0].Process(ctx, u); err != nil {
					t.Fatal(err)
				}
			}
			if !r.rdb.SIsMember(ctx, subscribersKey(21), 21).Val() {
				t.Fatal("not subscribed")
			}
			if s, _ := dialogs.Load(ctx, r.rdb, ring, 21); !s.Subscribed {
				t.Fatalf("session %+v", s)
			}
			var wg sync.WaitGroup
			errs := make(chan error, 10)
			for i := range 10 {
				wg.Go(func() {
					cmd := "/subscribe"
					if i%2 == 1 {
						cmd = "/unsubscribe"
					}
					errs <- replicas[i%2].Process(ctx, commandUpdate(int64(9810+i), 21, cmd))
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if n := len(streamMessages(t, r.rdb)); n != 11 {
				t.Fatalf("%d replies for 11 updates", n)
			}
			// The subscriber list and the session agree, whichever came last.
			s, _ := dialogs.Load(ctx, r.rdb, ring, 21)
			if member := r.rdb.SIsMember(ctx, subscribersKey(21), 21).Val(); member != s.Subscribed {
				t.Fatalf("subscriber list says %v, session %v", member, s.Subscribed)
			}
		})
	}
}

// TestProcessRefusesUpdatesWhileTheBacklogIsFull: at the cap, an update is answered 503 before it
// is stepped (nothing written, so Telegram's retry is answered once the sender catches up), and
// counted; a retry of an update answered before is still 200.
func TestProcessRefusesUpdatesWhileTheBacklogIsFull(t *testing.T) {
	for _, r := range redises(t) {
		t.Run(r.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProcessor(t, r.rdb)
			// The cap is per shard: one shard puts every user behind the same cap.
			one, _ := shards.New(1)
			p.Shards = one
			p.BacklogMax = 3
			refused := 0
			p.OnBacklogFull = func() { refused++ }
			for i := range 3 {
				if err := p.Process(ctx, textUpdate(int64(9701+i), int64(60+i), "hello")); err != nil {
					t.Fatal(err)
				}
			}
			err := p.Process(ctx, textUpdate(9704, 63, scamAd))
			if !errors.Is(err, webhook.ErrUnavailable) || refused != 1 {
				t.Fatalf("at the cap: %v, %d refused; want ErrUnavailable, 1", err, refused)
			}
			if n := r.rdb.Exists(ctx, one.Of(63).Key("update:9704")).Val(); n != 0 || len(streamMessages(t, r.rdb)) != 3 {
				t.Fatal("a refused update left something behind")
			}
			if err := p.Process(ctx, textUpdate(9701, 60, "hello")); err != nil {
				t.Fatalf("a retried update at the cap: %v", err)
			}
			// The sender delivers one (and deletes it): the next try goes through.
			ids := r.rdb.XRange(ctx, outbox.RepliesStream(one.Of(63)), "-", "+").Val()
			r.rdb.XDel(ctx, outbox.RepliesStream(one.Of(63)), ids[0].ID)
			if err := p.Process(ctx, textUpdate(9704, 63, scamAd)); err != nil {
				t.Fatal(err)
			}
			if out := streamMessages(t, r.rdb); len(out) != 3 || !strings.Contains(out[2].Text, "High risk") {
				t.Fatalf("after the backlog shrank: %d replies", len(out))
			}
		})
	}
}
