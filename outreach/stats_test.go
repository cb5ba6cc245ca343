package outreach_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/outreach"
	"github.com/tasdeeq/tasdeeq/shards"
)

// statsEvent is one thing a user did after following a link.
type statsEvent struct {
	link int // index into the test's links
	ev   outreach.Event
	user int64
	at   time.Time
}

// Two days in Pakistan time (UTC+5). 20:00 UTC on 1 March is already 2 March in Lahore.
var (
	statsDay1   = time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)  // 2026-03-01 11:00 PKT
	statsDay1b  = time.Date(2026, 3, 1, 18, 0, 0, 0, time.UTC) // 2026-03-01 23:00 PKT
	statsDay2   = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC) // 2026-03-02 01:00 PKT
	statsDay2b  = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) // 2026-03-02 15:00 PKT
	statsBefore = time.Date(2026, 2, 20, 10, 0, 0, 0, time.UTC)
)

// statsRecord commits each event in its own MULTI, as the webhook does with a session, and checks
// that the MULTI names only keys of the user's shard (the default ring's).
func statsRecord(t *testing.T, rdb redis.UniversalClient, stats *outreach.Stats, links []outreach.Link, events []statsEvent) {
	t.Helper()
	statsRecordIn(t, rdb, shards.Ring{}, stats, links, events)
}

func statsRecordIn(t *testing.T, rdb redis.UniversalClient, ring shards.Ring, stats *outreach.Stats, links []outreach.Link, events []statsEvent) {
	t.Helper()
	ctx := context.Background()
	for _, e := range events {
		src := outreach.Source{MRC: links[e.link].MRC, LinkID: links[e.link].ID}
		sh := ring.Of(e.user)
		p := rdb.TxPipeline()
		p.Set(ctx, sh.Key("stats-test:session"), "x", time.Minute) // the caller's own commands
		stats.RecordCmds(ctx, p, src, e.ev, e.user, e.at)
		for _, cmd := range queued(p) {
			assertShardKeys(t, cmd, sh)
		}
		if _, err := p.Exec(ctx); err != nil {
			t.Fatalf("record %+v: %v", e, err)
		}
		rdb.Del(ctx, sh.Key("stats-test:session"))
	}
}

func TestStatsByMRC(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			lk := outreach.NewLinks(b.rdb)
			var links []outreach.Link
			for _, s := range []struct{ mrc, label string }{{"LHR", "Job fair"}, {"LHR", "Desk"}, {"RWP", "Protector"}} {
				l, err := lk.Create(ctx, s.mrc, s.label, "")
				if err != nil {
					t.Fatal(err)
				}
				links = append(links, l)
			}
			a, d, r := links[0].ID, links[1].ID, links[2].ID
			stats := outreach.NewStats(b.rdb)
			statsRecord(t, b.rdb, stats, links, []statsEvent{
				{0, outreach.EventUser, 1, statsBefore}, // outside the range below
				{0, outreach.EventUser, 2, statsDay1},
				{0, outreach.EventUser, 2, statsDay1b}, // same user, same link: once
				{0, outreach.EventUser, 2, statsDay2},  // even on another day
				{0, outreach.EventUser, 3, statsDay2},
				{1, outreach.EventUser, 2, statsDay1b}, // same user through another link: counted there
				{0, outreach.EventCheck, 2, statsDay1},
				{0, outreach.EventCheck, 2, statsDay1b},
				{0, outreach.EventHigh, 2, statsDay1b},
				{0, outreach.EventCheck, 3, statsDay2},
				{0, outreach.EventReport, 3, statsDay2b},
				{1, outreach.EventCheck, 2, statsDay2b},
				{2, outreach.EventUser, 7, statsDay2},
				{2, outreach.EventCheck, 7, statsDay2},
				{2, outreach.EventCheck, 7, statsDay2b},
				{2, outreach.EventHigh, 7, statsDay2b},
				{2, outreach.EventHigh, 7, statsDay2b},
				{2, outreach.EventReport, 7, statsDay2b},
			})

			lhr := outreach.MRCStats{
				Totals: outreach.Counts{Users: 3, Checks: 4, High: 1, Reports: 1},
				Days: map[string]outreach.Counts{
					"2026-03-01": {Users: 2, Checks: 2, High: 1},
					"2026-03-02": {Users: 1, Checks: 2, Reports: 1},
				},
				Links: map[string]outreach.Counts{
					a: {Users: 2, Checks: 3, High: 1, Reports: 1},
					d: {Users: 1, Checks: 1},
				},
			}
			rwp := outreach.MRCStats{
				Totals: outreach.Counts{Users: 1, Checks: 2, High: 2, Reports: 1},
				Days:   map[string]outreach.Counts{"2026-03-02": {Users: 1, Checks: 2, High: 2, Reports: 1}},
				Links:  map[string]outreach.Counts{r: {Users: 1, Checks: 2, High: 2, Reports: 1}},
			}
			tests := []struct {
				name     string
				from, to time.Time
				want     map[string]outreach.MRCStats
			}{
				{"both days", statsDay1, statsDay2b, map[string]outreach.MRCStats{"LHR": lhr, "RWP": rwp}},
				{"range in PKT days from UTC instants", time.Date(2026, 2, 28, 19, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 18, 59, 0, 0, time.UTC),
					map[string]outreach.MRCStats{"LHR": lhr, "RWP": rwp}},
				{"second day only", statsDay2, statsDay2, map[string]outreach.MRCStats{
					"LHR": {
						Totals: outreach.Counts{Users: 1, Checks: 2, Reports: 1},
						Days:   map[string]outreach.Counts{"2026-03-02": {Users: 1, Checks: 2, Reports: 1}},
						Links:  map[string]outreach.Counts{a: {Users: 1, Checks: 1, Reports: 1}, d: {Checks: 1}},
					},
					"RWP": rwp,
				}},
				{"earlier day", statsBefore, statsBefore, map[string]outreach.MRCStats{"LHR": {
					Totals: outreach.Counts{Users: 1},
					Days:   map[string]outreach.Counts{"2026-02-20": {Users: 1}},
					Links:  map[string]outreach.Counts{a: {Users: 1}},
				}}},
				{"no activity", statsDay2.AddDate(0, 1, 0), statsDay2.AddDate(0, 2, 0), map[string]outreach.MRCStats{}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, err := stats.ByMRC(ctx, tt.from, tt.to)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(withoutLinkDays(t, got), tt.want) {
						t.Errorf("ByMRC() =\n%+v\nwant\n%+v", got, tt.want)
					}
				})
			}

			ring := shards.Ring{}
			for _, key := range []string{outreach.StatsDayKey(ring.Of(2), "2026-03-01"), outreach.StatsDayKey(ring.Of(3), "2026-03-02"), outreach.StatsUserLinksKey(ring, 2)} {
				ttl, err := b.rdb.TTL(ctx, key).Result()
				if err != nil || ttl < 399*24*time.Hour || ttl > 400*24*time.Hour {
					t.Errorf("TTL(%s) = %v, %v; want 400 days", key, ttl, err)
				}
			}
			// Who was counted for which link is kept with each user, not in a set per link, with
			// the day and centre whose count they are in.
			got, _ := b.rdb.HGetAll(ctx, outreach.StatsUserLinksKey(ring, 2)).Result()
			if want := map[string]string{a: "2026-03-01|LHR", d: "2026-03-01|LHR"}; !reflect.DeepEqual(got, want) {
				t.Errorf("user 2's record %v, want %v", got, want)
			}
			if n, _ := b.rdb.Exists(ctx, "tasdeeq:stats:linkusers:"+a).Result(); n != 0 {
				t.Errorf("a per-link user set was written")
			}
		})
	}
}

func TestRecordCmdsIgnoresBadInput(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			stats := outreach.NewStats(b.rdb)
			tests := []struct {
				name string
				src  outreach.Source
				ev   outreach.Event
			}{
				{"no source", outreach.Source{}, outreach.EventCheck},
				{"unknown event", outreach.Source{MRC: "LHR", LinkID: "abcdefgh2345"}, outreach.Event("clicks")},
				{"mrc with colon", outreach.Source{MRC: "LHR:2026", LinkID: "abcdefgh2345"}, outreach.EventCheck},
				{"malformed link id", outreach.Source{MRC: "LHR", LinkID: "x:y"}, outreach.EventUser},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					p := b.rdb.TxPipeline()
					stats.RecordCmds(ctx, p, tt.src, tt.ev, 1, statsDay1)
					if n := p.Len(); n != 0 {
						t.Errorf("RecordCmds queued %d commands, want none", n)
					}
				})
			}
			// An MRC-only source counts on every call (the caller's contract) and touches no link.
			for range 2 {
				if _, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
					stats.RecordCmds(ctx, p, outreach.Source{MRC: "skt"}, outreach.EventUser, 5, statsDay1)
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := stats.ByMRC(ctx, statsDay1, statsDay1)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]outreach.MRCStats{"SKT": {
				Totals: outreach.Counts{Users: 2},
				Days:   map[string]outreach.Counts{"2026-03-01": {Users: 2}},
				Links:  map[string]outreach.Counts{},
			}}
			if !reflect.DeepEqual(withoutLinkDays(t, got), want) {
				t.Errorf("ByMRC() = %+v, want %+v", got, want)
			}
		})
	}
}

func TestByMRCRefusesBadRange(t *testing.T) {
	stats := outreach.NewStats(linksMiniredis(t).rdb)
	tests := []struct {
		name     string
		from, to time.Time
	}{
		{"from after to", statsDay2, statsDay1},
		{"longer than 400 days", statsDay1.AddDate(0, 0, -400), statsDay1},
	}
	for _, tt := range tests {
		if _, err := stats.ByMRC(context.Background(), tt.from, tt.to); err == nil {
			t.Errorf("%s: ByMRC succeeded, want an error", tt.name)
		}
	}
	if _, err := stats.ByMRC(context.Background(), statsDay1.AddDate(0, 0, -399), statsDay1); err != nil {
		t.Errorf("400 days: %v", err)
	}
}

// TestStatsForgetUser: a user counted for two links is named nowhere after UserLinks and
// ForgetUserCmds in one MULTI of their shard, and is taken out of the unique users they were
// counted in, while the other users and the other counts stay; coming back counts them again.
func TestStatsForgetUser(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			ring := shards.Ring{}
			lk := outreach.NewLinks(b.rdb)
			var links []outreach.Link
			for _, mrc := range []string{"LHR", "RWP", "SKT"} {
				l, err := lk.Create(ctx, mrc, "Desk", "")
				if err != nil {
					t.Fatal(err)
				}
				links = append(links, l)
			}
			const user, other = 7777123456789, 42
			stats := outreach.NewStats(b.rdb)
			statsRecord(t, b.rdb, stats, links, []statsEvent{
				{0, outreach.EventUser, user, statsDay1},
				{1, outreach.EventUser, user, statsDay1},
				{1, outreach.EventUser, user, statsDay2}, // once per link
				{0, outreach.EventCheck, user, statsDay1},
				{0, outreach.EventUser, other, statsDay1},
				{2, outreach.EventUser, other, statsDay1},
			})
			got, err := stats.UserLinks(ctx, user)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{links[0].ID, links[1].ID}
			slices.Sort(want)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("UserLinks = %v, want %v", got, want)
			}
			by, err := stats.ByMRC(ctx, statsDay1, statsDay2)
			if err != nil {
				t.Fatal(err)
			}
			if by["LHR"].Totals.Users != 2 || by["RWP"].Totals.Users != 1 || by["SKT"].Totals.Users != 1 {
				t.Fatalf("before forgetting: %+v", by)
			}
			for range 2 { // a retried /forget is harmless
				p := b.rdb.TxPipeline()
				stats.ForgetUserCmds(ctx, p, user, got)
				for _, cmd := range queued(p) {
					assertShardKeys(t, cmd, ring.Of(user))
				}
				if _, err := p.Exec(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if n, _ := b.rdb.Exists(ctx, outreach.StatsUserLinksKey(ring, user)).Result(); n != 0 {
				t.Error("the user's links are still kept")
			}
			if got, _ := stats.UserLinks(ctx, user); len(got) != 0 {
				t.Errorf("UserLinks after forgetting = %v", got)
			}
			if got, _ := stats.UserLinks(ctx, other); len(got) != 2 {
				t.Errorf("the other user's links = %v, want 2", got)
			}
			by, err = stats.ByMRC(ctx, statsDay1, statsDay2)
			if err != nil {
				t.Fatal(err)
			}
			// The user is out of the unique users; their check stays (it names nobody). RWP had
			// only them: it shows no activity at all.
			if by["LHR"].Totals != (outreach.Counts{Users: 1, Checks: 1}) || by["LHR"].Links[links[0].ID].Users != 1 {
				t.Errorf("LHR after forgetting: %+v", by["LHR"])
			}
			if _, ok := by["RWP"]; ok {
				t.Errorf("RWP after forgetting: %+v", by["RWP"])
			}
			if by["SKT"].Totals.Users != 1 {
				t.Errorf("forgetting one user changed another's: %+v", by["SKT"])
			}
			// Coming back after being forgotten counts as a new user.
			statsRecord(t, b.rdb, stats, links, []statsEvent{{0, outreach.EventUser, user, statsDay2}})
			if by, _ := stats.ByMRC(ctx, statsDay1, statsDay2); by["LHR"].Totals.Users != 2 || by["LHR"].Days["2026-03-02"].Users != 1 {
				t.Errorf("after coming back: %+v", by["LHR"])
			}
		})
	}
}

// TestStatsAcrossShards: with a ring of 4 shards and users in every one, the unique users and the
// other counts add up exactly over the shards, each user's writes stay in their shard, and the
// readers (ByMRC, UserLinks) send no SCAN; a /forget takes its user out of the unique counts.
func TestStatsAcrossShards(t *testing.T) {
	for _, b := range linksBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			ring, _ := shards.New(4)
			lk := outreach.NewLinks(b.rdb)
			lhr, err := lk.Create(ctx, "LHR", "Job fair", "")
			if err != nil {
				t.Fatal(err)
			}
			rwp, err := lk.Create(ctx, "RWP", "Desk", "")
			if err != nil {
				t.Fatal(err)
			}
			links := []outreach.Link{lhr, rwp}
			stats := outreach.NewStats(b.rdb, outreach.WithShards(ring))
			users := spreadIDs(t, ring, 1000, 10)
			var events []statsEvent
			for i, u := range users {
				events = append(events,
					statsEvent{0, outreach.EventUser, u, statsDay1},
					statsEvent{0, outreach.EventUser, u, statsDay2}, // once per link
					statsEvent{0, outreach.EventCheck, u, statsDay2})
				if i%2 == 0 {
					events = append(events, statsEvent{1, outreach.EventUser, u, statsDay2}, statsEvent{1, outreach.EventHigh, u, statsDay2})
				}
			}
			statsRecordIn(t, b.rdb, ring, stats, links, events)
			for _, sh := range ring.All() {
				if n := b.rdb.Exists(ctx, outreach.StatsDayKey(sh, "2026-03-01")).Val(); n != 1 {
					t.Errorf("shard %d has no counters of the first day", sh.Index())
				}
			}

			reader := outreach.NewStats(readerClient(t, b.rdb), outreach.WithShards(ring))
			by, err := reader.ByMRC(ctx, statsDay1, statsDay2b)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]outreach.MRCStats{
				"LHR": {
					Totals: outreach.Counts{Users: 10, Checks: 10},
					Days:   map[string]outreach.Counts{"2026-03-01": {Users: 10}, "2026-03-02": {Checks: 10}},
					Links:  map[string]outreach.Counts{lhr.ID: {Users: 10, Checks: 10}},
				},
				"RWP": {
					Totals: outreach.Counts{Users: 5, High: 5},
					Days:   map[string]outreach.Counts{"2026-03-02": {Users: 5, High: 5}},
					Links:  map[string]outreach.Counts{rwp.ID: {Users: 5, High: 5}},
				},
			}
			if got := withoutLinkDays(t, by); !reflect.DeepEqual(got, want) {
				t.Fatalf("ByMRC =\n%+v\nwant\n%+v", got, want)
			}

			// Forget two users of different shards.
			forgotten := []int64{users[0], users[1]}
			if ring.Of(users[0]) == ring.Of(users[1]) {
				t.Fatal("the first two users share a shard")
			}
			for _, u := range forgotten {
				ids, err := reader.UserLinks(ctx, u)
				if err != nil {
					t.Fatal(err)
				}
				p := b.rdb.TxPipeline()
				stats.ForgetUserCmds(ctx, p, u, ids)
				for _, cmd := range queued(p) {
					assertShardKeys(t, cmd, ring.Of(u))
				}
				if _, err := p.Exec(ctx); err != nil {
					t.Fatal(err)
				}
			}
			by, err = reader.ByMRC(ctx, statsDay1, statsDay2b)
			if err != nil {
				t.Fatal(err)
			}
			if by["LHR"].Totals.Users != 8 || by["RWP"].Totals.Users != 4 || by["LHR"].Totals.Checks != 10 {
				t.Errorf("after forgetting two users: LHR %+v, RWP %+v", by["LHR"].Totals, by["RWP"].Totals)
			}
		})
	}
}

// withoutLinkDays checks that each link's days add up to its totals, then drops them, so that
// the rest compares with a table written without them.
func withoutLinkDays(t *testing.T, got map[string]outreach.MRCStats) map[string]outreach.MRCStats {
	t.Helper()
	out := map[string]outreach.MRCStats{}
	for mrc, m := range got {
		for id, total := range m.Links {
			var sum outreach.Counts
			for _, c := range m.LinkDays[id] {
				sum.Users, sum.Checks, sum.High, sum.Reports = sum.Users+c.Users, sum.Checks+c.Checks, sum.High+c.High, sum.Reports+c.Reports
			}
			if sum != total {
				t.Errorf("%s link %s: days add up to %+v, totals %+v", mrc, id, sum, total)
			}
		}
		if len(m.LinkDays) != len(m.Links) {
			t.Errorf("%s: %d links by day, %d links", mrc, len(m.LinkDays), len(m.Links))
		}
		m.LinkDays = nil
		out[mrc] = m
	}
	return out
}
