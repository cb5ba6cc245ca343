package outreach_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

// Link IDs of the old layout in the migration tests.
const (
	oldLinkLHR  = "aaaaaaaaaaaa"
	oldLinkRWP  = "bbbbbbbbbbbb"
	oldLinkGone = "cccccccccccc" // counted, its record since gone
)

// oldLink writes a link of the layout before shards.
func oldLink(ctx context.Context, rdb redis.UniversalClient, id, mrc string) {
	data, _ := json.Marshal(outreach.Link{ID: id, MRC: mrc, Label: "Desk " + mrc, Payload: "c_" + id, CreatedAt: linksT0})
	rdb.Set(ctx, "tasdeeq:links:"+id, data, 0)
	rdb.SAdd(ctx, "tasdeeq:links:all", id)
}

// oldKeys lists the keys of the old layout left.
func oldKeys(t *testing.T, rdb redis.UniversalClient) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"tasdeeq:links:*", "tasdeeq:subs:*", "tasdeeq:stats:*", "tasdeeq:u:{*}:links", "tasdeeq:campaign:*", "tasdeeq:campaigns:*"} {
		keys, err := rdb.Keys(context.Background(), pat).Result()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, keys...)
	}
	return out
}

// TestMigrateLayout moves each family of the old layout and checks it through the stores of the
// new one (on a ring of 4 shards), then runs the migration again: it moves nothing more and
// changes nothing.
func TestMigrateLayout(t *testing.T) {
	ring, _ := shards.New(4)
	t0 := time.UnixMilli(1_750_000_000_000)
	day1, day2 := "2026-03-01", "2026-03-02"
	tests := []struct {
		name  string
		old   func(ctx context.Context, rdb redis.UniversalClient)
		moved int
		check func(t *testing.T, ctx context.Context, rdb redis.UniversalClient)
	}{
		{
			name:  "nothing to move",
			old:   func(context.Context, redis.UniversalClient) {},
			check: func(*testing.T, context.Context, redis.UniversalClient) {},
		},
		{
			name: "links",
			old: func(ctx context.Context, rdb redis.UniversalClient) {
				oldLink(ctx, rdb, oldLinkLHR, "LHR")
				oldLink(ctx, rdb, oldLinkRWP, "RWP")
			},
			moved: 2,
			check: func(t *testing.T, ctx context.Context, rdb redis.UniversalClient) {
				lk := outreach.NewLinks(rdb)
				all, err := lk.List(ctx, "")
				if err != nil || len(all) != 2 {
					t.Fatalf("List = %v, %v", all, err)
				}
				if l, ok, err := lk.ByPayload(ctx, "c_"+oldLinkLHR); err != nil || !ok || l.MRC != "LHR" {
					t.Errorf("ByPayload = %+v, %v, %v", l, ok, err)
				}
			},
		},
		{
			name: "subscribers",
			old: func(ctx context.Context, rdb redis.UniversalClient) {
				for i := range 6 {
					id := fmt.Sprint(chatBase + int64(i))
					rdb.ZAdd(ctx, "tasdeeq:subs:all", redis.Z{Score: float64(t0.UnixMilli() + int64(i)), Member: id})
					rdb.HSet(ctx, "tasdeeq:subs:lang", id, []string{"en", "ur"}[i%2])
					if i%2 == 0 {
						rdb.HSet(ctx, "tasdeeq:subs:src", id, "LHR")
						rdb.ZAdd(ctx, "tasdeeq:subs:mrc:LHR", redis.Z{Score: float64(t0.UnixMilli() + int64(i)), Member: id})
					}
				}
				// Left over by a write an earlier version did not finish: in a centre's set only.
				rdb.ZAdd(ctx, "tasdeeq:subs:mrc:ISB", redis.Z{Score: 1, Member: fmt.Sprint(chatBase + 99)})
				// Subscribed again in the new layout before the migration: that one is kept.
				outreach.NewSubscribers(rdb, outreach.WithShards(ring)).Subscribe(ctx, chatBase+1, "en", "", t0.Add(time.Hour))
			},
			moved: 7,
			check: func(t *testing.T, ctx context.Context, rdb redis.UniversalClient) {
				s := outreach.NewSubscribers(rdb, outreach.WithShards(ring))
				for mrc, want := range map[string]int64{"": 6, "LHR": 3, "ISB": 1} {
					if n, err := s.Count(ctx, mrc); err != nil || n != want {
						t.Errorf("Count(%q) = %d, %v; want %d", mrc, n, err, want)
					}
				}
				for i := range 6 {
					chat := chatBase + int64(i)
					want := []string{"en", "ur"}[i%2]
					if i == 1 {
						want = "en"
					}
					if ok, lang, err := s.Subscribed(ctx, chat); !ok || lang != want || err != nil {
						t.Errorf("chat %d: subscribed %v %q %v, want %q", i, ok, lang, err, want)
					}
					score := rdb.ZScore(ctx, outreach.SubsAllKey(ring.Of(chat)), fmt.Sprint(chat)).Val()
					wantScore := t0.UnixMilli() + int64(i)
					if i == 1 {
						wantScore = t0.Add(time.Hour).UnixMilli()
					}
					if int64(score) != wantScore {
						t.Errorf("chat %d: subscribe time %v, want %v", i, int64(score), wantScore)
					}
				}
			},
		},
		{
			name: "users' link records and per-link user sets",
			old: func(ctx context.Context, rdb redis.UniversalClient) {
				oldLink(ctx, rdb, oldLinkRWP, "RWP")
				rdb.SAdd(ctx, "tasdeeq:u:{42}:links", oldLinkLHR)
				rdb.Expire(ctx, "tasdeeq:u:{42}:links", 10*24*time.Hour)
				rdb.SAdd(ctx, "tasdeeq:stats:linkusers:"+oldLinkRWP, 42, 43)
				rdb.Expire(ctx, "tasdeeq:stats:linkusers:"+oldLinkRWP, 20*24*time.Hour)
				rdb.HSet(ctx, "tasdeeq:stats:link:"+oldLinkRWP+":"+day1, "users", 2)
			},
			moved: 4, // a link, a user's record, a link's user set, a counter hash
			check: func(t *testing.T, ctx context.Context, rdb redis.UniversalClient) {
				st := outreach.NewStats(rdb, outreach.WithShards(ring))
				for user, want := range map[int64][]string{42: {oldLinkLHR, oldLinkRWP}, 43: {oldLinkRWP}} {
					if got, err := st.UserLinks(ctx, user); err != nil || !reflect.DeepEqual(got, want) {
						t.Errorf("UserLinks(%d) = %v, %v; want %v", user, got, err, want)
					}
					if ttl := rdb.TTL(ctx, outreach.StatsUserLinksKey(ring, user)).Val(); ttl < 19*24*time.Hour || ttl > 20*24*time.Hour {
						t.Errorf("user %d's record expires in %v, want the longer old expiry, 20 days", user, ttl)
					}
				}
				// Users counted before are not counted again; a new one is.
				rwp := outreach.Link{ID: oldLinkRWP, MRC: "RWP"}
				statsRecordIn(t, rdb, ring, st, []outreach.Link{rwp}, []statsEvent{
					{0, outreach.EventUser, 43, statsDay1}, {0, outreach.EventUser, 44, statsDay1},
				})
				by, err := st.ByMRC(ctx, statsDay1, statsDay1)
				if err != nil || by["RWP"].Totals.Users != 3 {
					t.Errorf("RWP after two more starts = %+v, %v; want 3 users (2 before, 1 new)", by["RWP"].Totals, err)
				}
				// /forget deletes an old record; the counts of that time stay.
				if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
					st.ForgetUserCmds(ctx, p, 42, nil)
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if n := rdb.Exists(ctx, outreach.StatsUserLinksKey(ring, 42)).Val(); n != 0 {
					t.Error("user 42's record survived /forget")
				}
				// Undo the checks' own writes, so the second run compares the same data.
				rdb.Del(ctx, outreach.StatsUserLinksKey(ring, 44))
				rdb.HSet(ctx, outreach.StatsUserLinksKey(ring, 42), oldLinkLHR, "", oldLinkRWP, "")
				rdb.Expire(ctx, outreach.StatsUserLinksKey(ring, 42), 20*24*time.Hour)
				rdb.Expire(ctx, outreach.StatsUserLinksKey(ring, 43), 20*24*time.Hour)
				rdb.HIncrBy(ctx, outreach.StatsDayKey(ring.Of(44), day1), "RWP|"+oldLinkRWP+"|users", -1)
			},
		},
		{
			name: "counters",
			old: func(ctx context.Context, rdb redis.UniversalClient) {
				oldLink(ctx, rdb, oldLinkLHR, "LHR")
				oldLink(ctx, rdb, oldLinkRWP, "RWP")
				// LHR on day 1: 3 users, 5 checks; 2 and 4 through its link, 1 user through a
				// link whose record is gone, 1 check with no link.
				rdb.HSet(ctx, "tasdeeq:stats:mrc:LHR:"+day1, "users", 3, "checks", 5)
				rdb.HSet(ctx, "tasdeeq:stats:link:"+oldLinkLHR+":"+day1, "users", 2, "checks", 4)
				rdb.HSet(ctx, "tasdeeq:stats:link:"+oldLinkGone+":"+day1, "users", 1)
				rdb.HSet(ctx, "tasdeeq:stats:mrc:RWP:"+day2, "users", 1, "high", 1, "reports", 1)
				rdb.HSet(ctx, "tasdeeq:stats:link:"+oldLinkRWP+":"+day2, "users", 1, "high", 1, "reports", 1)
				for _, k := range []string{"tasdeeq:stats:mrc:LHR:" + day1, "tasdeeq:stats:link:" + oldLinkLHR + ":" + day1, "tasdeeq:stats:link:" + oldLinkGone + ":" + day1,
					"tasdeeq:stats:mrc:RWP:" + day2, "tasdeeq:stats:link:" + oldLinkRWP + ":" + day2} {
					rdb.Expire(ctx, k, 300*24*time.Hour)
				}
			},
			moved: 2 + 5,
			check: func(t *testing.T, ctx context.Context, rdb redis.UniversalClient) {
				by, err := outreach.NewStats(readerClient(t, rdb), outreach.WithShards(ring)).ByMRC(ctx, statsDay1, statsDay2)
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]outreach.MRCStats{
					"LHR": {
						Totals: outreach.Counts{Users: 3, Checks: 5},
						Days:   map[string]outreach.Counts{day1: {Users: 3, Checks: 5}},
						Links:  map[string]outreach.Counts{oldLinkLHR: {Users: 2, Checks: 4}},
					},
					"RWP": {
						Totals: outreach.Counts{Users: 1, High: 1, Reports: 1},
						Days:   map[string]outreach.Counts{day2: {Users: 1, High: 1, Reports: 1}},
						Links:  map[string]outreach.Counts{oldLinkRWP: {Users: 1, High: 1, Reports: 1}},
					},
				}
				if got := withoutLinkDays(t, by); !reflect.DeepEqual(got, want) {
					t.Errorf("ByMRC =\n%+v\nwant\n%+v", got, want)
				}
				if ttl := rdb.TTL(ctx, outreach.StatsDayKey(ring.All()[0], day1)).Val(); ttl < 299*24*time.Hour || ttl > 300*24*time.Hour {
					t.Errorf("day 1 expires in %v, want the old 300 days", ttl)
				}
			},
		},
		{
			name: "campaigns",
			old: func(ctx context.Context, rdb redis.UniversalClient) {
				for i := range 6 {
					rdb.ZAdd(ctx, "tasdeeq:subs:all", redis.Z{Score: float64(t0.UnixMilli() + int64(i)), Member: fmt.Sprint(chatBase + int64(i))})
				}
				at := func(m int) string { return t0.Add(time.Duration(m) * time.Minute).UTC().Format(time.RFC3339Nano) }
				rdb.HSet(ctx, "tasdeeq:campaign:donecamp", "id", "donecamp", "mrc", "", "created_at", at(1), "text_en", "first", "text_ur", "",
					"total", 6, "queued", 5, "blocked", 1, "failed", 0, "cursor", fmt.Sprint(t0.UnixMilli()+5), "done", 1, "after_id", "1-0", "upto_id", "9-0")
				// Stopped after the third subscriber, in the cursor form of an earlier version.
				rdb.HSet(ctx, "tasdeeq:campaign:midcamp", "id", "midcamp", "mrc", "", "created_at", at(2), "text_en", "second", "text_ur", "دوسرا",
					"total", 6, "queued", 3, "blocked", 0, "failed", 0, "cursor", fmt.Sprint(t0.UnixMilli()+2, ":", chatBase+2), "done", 0, "after_id", "9-0")
				rdb.HSet(ctx, "tasdeeq:campaign:newcamp", "id", "newcamp", "mrc", "", "created_at", at(3), "text_en", "third", "text_ur", "",
					"total", 6, "queued", 0, "blocked", 0, "failed", 0, "cursor", "", "done", 0)
				rdb.RPush(ctx, "tasdeeq:campaigns:pending", "midcamp", "newcamp")
			},
			moved: 6 + 3,
			check: func(t *testing.T, ctx context.Context, rdb redis.UniversalClient) {
				reader := outreach.NewBroadcaster(readerClient(t, rdb), outreach.NewSubscribers(rdb), outreach.WithShards(ring))
				if got := rdb.LRange(ctx, outreach.PendingKey, 0, -1).Val(); !slices.Equal(got, []string{"midcamp", "newcamp"}) {
					t.Errorf("pending %v", got)
				}
				recent, err := reader.Recent(ctx, "", 0)
				if err != nil || len(recent) != 3 || recent[0].ID != "newcamp" || recent[2].ID != "donecamp" {
					t.Fatalf("Recent = %+v, %v", recent, err)
				}
				done, mid := recent[2], recent[1]
				if !done.Done || done.Queued != 5 || done.Blocked != 1 || done.Total != 6 || done.Sent != 5 || done.Text["en"] != "first" {
					t.Errorf("done campaign %+v", done)
				}
				if mid.Done || mid.Queued != 3 || mid.Total != 6 || mid.Text["ur"] != "دوسرا" || !mid.CreatedAt.Equal(t0.Add(2*time.Minute)) {
					t.Errorf("campaign mid-walk %+v", mid)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backends(t, func(t *testing.T, rdb redis.UniversalClient) {
				ctx := context.Background()
				if refusedOnCluster(t, rdb) {
					return
				}
				tt.old(ctx, rdb)
				// The migration moves keys between slots in one transaction, on one node only
				// (it refuses a cluster): the slot guard lets it alone through.
				moved, err := outreach.MigrateLayout(redistest.SingleNode(ctx), rdb, ring)
				if err != nil || moved != tt.moved {
					t.Fatalf("MigrateLayout = %d, %v; want %d", moved, err, tt.moved)
				}
				if left := oldKeys(t, rdb); len(left) > 0 {
					t.Errorf("old keys left: %v", left)
				}
				tt.check(t, ctx, rdb)
				if moved, err := outreach.MigrateLayout(redistest.SingleNode(ctx), rdb, ring); err != nil || moved != 0 {
					t.Fatalf("second MigrateLayout = %d, %v; want 0", moved, err)
				}
				tt.check(t, ctx, rdb)
			})
		})
	}
}

// TestMigratedCampaignResumes: a campaign caught mid-walk by the migration reaches exactly the
// subscribers its old walk had not, in every shard, and then the next pending one runs.
func TestMigratedCampaignResumes(t *testing.T) {
	backends(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		if refusedOnCluster(t, rdb) {
			return
		}
		ring, _ := shards.New(4)
		t0 := time.UnixMilli(1_750_000_000_000)
		chats := spreadIDs(t, ring, chatBase, 12)
		for i, c := range chats {
			rdb.ZAdd(ctx, "tasdeeq:subs:all", redis.Z{Score: float64(t0.UnixMilli() + int64(i/2)), Member: fmt.Sprint(c)}) // pairs share a time
			rdb.HSet(ctx, "tasdeeq:subs:lang", fmt.Sprint(c), "en")
		}
		// The old walk stopped inside the third pair, after chats[4]: 5 queued.
		rdb.HSet(ctx, "tasdeeq:campaign:midcamp", "id", "midcamp", "created_at", t0.UTC().Format(time.RFC3339Nano), "text_en", "second",
			"queued", 5, "cursor", fmt.Sprint(t0.UnixMilli()+2, ":", chats[4]), "done", 0, "after_id", "9-0")
		rdb.HSet(ctx, "tasdeeq:campaign:nextcamp", "id", "nextcamp", "created_at", t0.Add(time.Minute).UTC().Format(time.RFC3339Nano), "text_en", "third", "done", 0)
		rdb.RPush(ctx, "tasdeeq:campaigns:pending", "midcamp", "nextcamp")
		if _, err := outreach.MigrateLayout(redistest.SingleNode(ctx), rdb, ring); err != nil { // one node only, across slots on purpose
			t.Fatal(err)
		}
		w := guardedClient(t, rdb)
		b := outreach.NewBroadcaster(w, outreach.NewSubscribers(w, outreach.WithShards(ring)), outreach.WithBatch(2))
		if err := b.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		got := map[string][]int64{}
		for _, msgs := range shardMessages(t, rdb, ring) {
			for _, m := range msgs {
				got[m.Text] = append(got[m.Text], m.ChatID)
			}
		}
		slices.Sort(got["second"])
		slices.Sort(got["third"])
		if !slices.Equal(got["second"], chats[5:]) || !slices.Equal(got["third"], chats) {
			t.Errorf("second campaign reached %v, want %v; third %d chats, want all %d", got["second"], chats[5:], len(got["third"]), len(chats))
		}
		for id, want := range map[string]int64{"midcamp": 12, "nextcamp": 12} {
			c, ok, err := b.Get(ctx, id)
			if err != nil || !ok || !c.Done || c.Queued != want || c.Total != want {
				t.Errorf("%s: %+v %v %v", id, c, ok, err)
			}
		}
	})
}

func TestMigrateLayoutRefusesCluster(t *testing.T) {
	c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"127.0.0.1:1"}})
	defer c.Close()
	if _, err := outreach.MigrateLayout(context.Background(), c, shards.Ring{}); err == nil || !strings.Contains(err.Error(), "cluster") {
		t.Fatalf("MigrateLayout on a cluster client: %v", err)
	}
}

// refusedOnCluster: the old layout only ever lived on one node, so on a cluster client the
// migration must refuse to run (and the test has nothing more to check there).
func refusedOnCluster(t *testing.T, rdb redis.UniversalClient) bool {
	t.Helper()
	if _, ok := rdb.(*redis.ClusterClient); !ok {
		return false
	}
	if _, err := outreach.MigrateLayout(context.Background(), rdb, shards.Ring{}); err == nil {
		t.Error("MigrateLayout ran on a cluster client")
	}
	return true
}
