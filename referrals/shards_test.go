package referrals_test

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/referrals"
	"github.com/tasdeeq/tasdeeq/shards"
)

// A new case's id is in its reporter's shard, so that a case is found from its id alone and the
// reporter's commit stays in one shard; the id keeps its contract format.
func TestNewIDInUserShard(t *testing.T) {
	one, _ := shards.New(1)
	seven, _ := shards.New(7)
	for _, r := range []shards.Ring{one, seven, {}} {
		for _, user := range []int64{1, 424242, -100123456789, 923001234567} {
			for range 50 {
				id := referrals.NewIDFor(r, user)
				if !referrals.ValidID(id) || id != strings.ToUpper(id) {
					t.Fatalf("bad id %q", id)
				}
				if r.OfString(id) != r.Of(user) {
					t.Fatalf("%d shards: id %s of user %d in shard %d, user's is %d", r.N(), id, user, r.OfString(id).Index(), r.Of(user).Index())
				}
			}
		}
	}
	backends(t, func(t *testing.T, b backend) {
		s := referrals.NewStore(b.rdb, referrals.WithShards(seven))
		id, err := s.NewID(context.Background(), 77)
		if err != nil || seven.OfString(id) != seven.Of(77) || s.Key(id) != referrals.CaseKey(seven, id) {
			t.Fatalf("Store.NewID = %q, %v", id, err)
		}
		if want := seven.OfString(id).Key("case:" + id); s.Key(id) != want {
			t.Errorf("key %s, want %s", s.Key(id), want)
		}
	})
}

// Review and List walk every shard's indexes: the review queue oldest first, the lists newest
// first, with a status or all; cases gone (expired) or moved on are dropped from the indexes on
// the way, also when they fill a shard's whole first window.
func TestListAcrossShards(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		clk := newClock()
		s := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
		t0 := clk.Now()
		var live []referrals.Case
		statuses := []referrals.Status{referrals.StatusReview, referrals.StatusQueued, referrals.StatusReview, referrals.StatusQueued, referrals.StatusReview}
		for i := range 40 {
			user := int64(1000 + i%13)
			c := sampleCase(newID(user), t0.Add(time.Duration(i*7%40)*time.Minute))
			c.UserID, c.Status = user, statuses[i%len(statuses)]
			if c.Status == referrals.StatusQueued {
				c.Targets = []string{"FIA"}
			}
			add(t, s, b.rdb, c)
			live = append(live, get(t, s, c.ID))
		}
		// The oldest review cases all in one shard, then expired: Review must look past them.
		user := int64(5)
		var gone []string
		for i := range 12 {
			c := sampleCase(newID(user), t0.Add(-time.Hour+time.Duration(i)*time.Second))
			c.UserID, c.Status = user, referrals.StatusReview
			add(t, s, b.rdb, c)
			gone = append(gone, c.ID)
		}
		for _, id := range gone {
			b.rdb.Del(ctx, referrals.CaseKey(ring, id))
		}
		// One case decided behind the index's back (its index entry left stale).
		moved := live[0]
		moved.Status = referrals.StatusDismissed
		data := fmt.Sprintf(`{"case_id":%q,"created_at":%q,"user_id":%d,"status":"dismissed"}`, moved.ID, moved.CreatedAt.Format(time.RFC3339Nano), moved.UserID)
		b.rdb.Set(ctx, referrals.CaseKey(ring, moved.ID), data, time.Hour)
		live = live[1:]

		want := func(st referrals.Status, asc bool, limit int) []string {
			var cs []referrals.Case
			for _, c := range live {
				if st == "" || c.Status == st {
					cs = append(cs, c)
				}
			}
			slices.SortFunc(cs, func(a, b referrals.Case) int {
				c := cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
				if !asc {
					c = -c
				}
				return c
			})
			return caseIDs(cs[:min(limit, len(cs))])
		}
		rev, err := s.Review(ctx, 3)
		if err != nil || !slices.Equal(caseIDs(rev), want(referrals.StatusReview, true, 3)) {
			t.Errorf("Review(3) = %v, %v; want %v", caseIDs(rev), err, want(referrals.StatusReview, true, 3))
		}
		for _, limit := range []int{1, 5, 100} {
			for _, st := range []referrals.Status{"", referrals.StatusQueued, referrals.StatusReview} {
				got, err := s.List(ctx, st, limit)
				if err != nil || !slices.Equal(caseIDs(got), want(st, false, limit)) {
					t.Errorf("List(%q, %d) = %v, %v; want %v", st, limit, caseIDs(got), err, want(st, false, limit))
				}
			}
		}
		if n := b.rdb.ZCard(ctx, referrals.ReviewKey(ring.Of(user))).Val(); n != 0 {
			t.Errorf("%d expired cases left in their shard's review queue", n)
		}
		if dismissed, _ := s.List(ctx, referrals.StatusDismissed, 10); len(dismissed) != 0 {
			t.Errorf("a case decided without its index is listed as dismissed: %v (it was never indexed there)", caseIDs(dismissed))
		}
		if got, _ := s.List(ctx, "", 100); slices.Contains(caseIDs(got), moved.ID) {
			t.Errorf("a stale index entry listed %s under its old status", moved.ID)
		}
	})
}

// The worker delivers the cases of every shard, and retries in the case's shard.
func TestWorkerReadsEveryShard(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		clk := newClock()
		ep := newEndpoint(t, secret, clk)
		ep.answer = func(n int, _ http.ResponseWriter, _ *http.Request) int { return map[bool]int{true: 503}[n == 1] }
		routing, err := referrals.SingleTarget(ep.srv.URL, secret)
		if err != nil {
			t.Fatal(err)
		}
		store := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
		var ids []string
		seen := map[shards.Shard]bool{}
		for user := int64(1); len(seen) < 6; user++ {
			if seen[ring.Of(user)] {
				continue
			}
			seen[ring.Of(user)] = true
			c := sampleCase(newID(user), clk.Now())
			c.UserID, c.Status, c.Targets = user, referrals.StatusQueued, []string{"default"}
			add(t, store, b.rdb, c)
			ids = append(ids, c.ID)
		}
		w := referrals.NewWorker(store, routing, nil, "w1", referrals.WithWorkerClock(clk.Now, clk.Sleep),
			referrals.WithBackoff(time.Second, 2*time.Second), referrals.WithPoll(time.Second))
		stop := runWorker(t, w)
		waitFor(t, "every case delivered", func() bool {
			for _, id := range ids {
				if c, _, _ := store.Get(ctx, id); c.Status != referrals.StatusDelivered {
					return false
				}
			}
			return true
		})
		stop()
		posts, _, accepted, _ := ep.stats()
		if posts != len(ids)+1 || len(accepted) != len(ids) {
			t.Errorf("%d POSTs, %d accepted; want %d and %d (one retried)", posts, len(accepted), len(ids)+1, len(ids))
		}
		if n := sum(b, b.rdb.XLen, referrals.OutboxStream) + sum(b, b.rdb.ZCard, referrals.RetryKey); n != 0 {
			t.Errorf("%d entries left in the outboxes and retries", n)
		}
		if got, _ := store.List(ctx, referrals.StatusDelivered, 100); len(got) != len(ids) {
			t.Errorf("%d cases listed delivered, want %d", len(got), len(ids))
		}
		if got, _ := store.List(ctx, referrals.StatusQueued, 100); len(got) != 0 {
			t.Errorf("delivered cases still listed queued: %v", caseIDs(got))
		}
	})
}

// Every write of a case names keys of one shard only: the slot guard of every test checks the
// MULTIs; this checks the keys a new case's commit names are its reporter's shard's.
func TestCaseCommandsStayInTheReportersShard(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		s := referrals.NewStore(b.rdb)
		user := int64(31337)
		c := sampleCase(newID(user), newClock().Now())
		c.UserID, c.Status = user, referrals.StatusReview
		cmds, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if err := s.AddCmds(ctx, p, c); err != nil {
				return err
			}
			c.Status = referrals.StatusReview
			if err := s.ConfirmCmds(ctx, p, c, []string{"FIA"}); err != nil {
				return err
			}
			s.ForgetCmds(ctx, p, user, []string{c.ID})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tag := ring.Of(user).Tag()
		for _, cmd := range cmds {
			for _, a := range cmd.Args()[1:] {
				if k, ok := a.(string); ok && strings.HasPrefix(k, "tasdeeq:") && !strings.Contains(k, tag) {
					t.Errorf("%s names %s, outside the reporter's shard %s", cmd.Name(), k, tag)
				}
			}
		}
	})
}
