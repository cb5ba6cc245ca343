package referrals_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/referrals"
)

func TestStore(t *testing.T) {
	backends(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		clk := newClock()
		s := referrals.NewStore(b.rdb, referrals.WithStoreClock(clk.Now))
		t0 := clk.Now()

		// Three cases of user 1: two waiting for review, one queued to two targets; one of user 2.
		r1 := sampleCase("TSQ-AAAAA1", t0)
		r1.Status = referrals.StatusReview
		r2 := sampleCase("tsq-aaaaa2", t0.Add(time.Minute)) // lower case is normalised
		r2.Status = referrals.StatusReview
		q1 := sampleCase("TSQ-AAAAA3", t0.Add(2*time.Minute))
		q1.Status, q1.Targets = referrals.StatusQueued, []string{"FIA", "NCCIA"}
		o1 := sampleCase("TSQ-BBBBB1", time.Time{}) // zero time: the store's clock
		o1.UserID, o1.Status, o1.Targets = 2, referrals.StatusQueued, []string{"FIA"}
		for _, c := range []referrals.Case{r1, r2, q1, o1} {
			add(t, s, b.rdb, c)
		}

		// Bad adds are refused before anything is queued.
		for _, bad := range []referrals.Case{
			{ID: "nope", Status: referrals.StatusReview},
			{ID: "TSQ-CCCCC1", Status: referrals.StatusQueued},
			{ID: "TSQ-CCCCC2", Status: referrals.StatusDelivered, Targets: []string{"FIA"}},
		} {
			p := b.rdb.TxPipeline()
			if err := s.AddCmds(ctx, p, bad); err == nil {
				t.Errorf("AddCmds(%+v): no error", bad)
			}
			p.Discard()
		}

		got := get(t, s, "tsq-aaaaa3")
		if got.Status != referrals.StatusQueued || len(got.Deliveries) != 2 || got.Deliveries["FIA"].Status != referrals.StatusQueued {
			t.Errorf("queued case = %+v", got)
		}
		if got.UserID != 424242 || got.Contact == nil || got.AdText != q1.AdText {
			t.Errorf("stored case lost data: %+v", got)
		}
		if c := get(t, s, "TSQ-BBBBB1"); !c.CreatedAt.Equal(t0) {
			t.Errorf("zero CreatedAt not set from clock: %v", c.CreatedAt)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey("TSQ-AAAAA3")).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("case TTL = %v", ttl)
		}
		if ttl := b.rdb.TTL(ctx, referrals.UserKey(424242)).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("index TTL = %v", ttl)
		}
		if n := b.rdb.XLen(ctx, referrals.OutboxStream).Val(); n != 3 {
			t.Errorf("outbox has %d entries, want 3", n)
		}
		if _, ok, err := s.Get(ctx, "TSQ-ZZZZZZ"); ok || err != nil {
			t.Errorf("Get unknown: ok=%v err=%v", ok, err)
		}
		if _, ok, err := s.Get(ctx, "../etc"); ok || err != nil {
			t.Errorf("Get bad id: ok=%v err=%v", ok, err)
		}
		ids, err := s.UserCases(ctx, 424242)
		if err != nil || !slices.Equal(ids, []string{"TSQ-AAAAA1", "TSQ-AAAAA2", "TSQ-AAAAA3"}) {
			t.Errorf("UserCases = %v, %v", ids, err)
		}

		// Review: oldest first.
		rev, err := s.Review(ctx, 10)
		if err != nil || len(rev) != 2 || rev[0].ID != "TSQ-AAAAA1" || rev[1].ID != "TSQ-AAAAA2" {
			t.Fatalf("Review = %v, %v", caseIDs(rev), err)
		}

		// Confirm r1 to BEOE, dismiss r2.
		if _, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if err := s.ConfirmCmds(ctx, p, rev[0], []string{"BEOE"}); err != nil {
				return err
			}
			return s.DismissCmds(ctx, p, rev[1])
		}); err != nil {
			t.Fatal(err)
		}
		if c := get(t, s, "TSQ-AAAAA1"); c.Status != referrals.StatusQueued || !slices.Equal(c.Targets, []string{"BEOE"}) || c.Deliveries["BEOE"] == nil {
			t.Errorf("confirmed = %+v", c)
		}
		if c := get(t, s, "TSQ-AAAAA2"); c.Status != referrals.StatusDismissed {
			t.Errorf("dismissed = %+v", c)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey("TSQ-AAAAA1")).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("confirm lost the TTL: %v", ttl)
		}
		if rev, _ := s.Review(ctx, 10); len(rev) != 0 {
			t.Errorf("review queue after confirm/dismiss = %v", caseIDs(rev))
		}
		if n := b.rdb.XLen(ctx, referrals.OutboxStream).Val(); n != 4 {
			t.Errorf("outbox has %d entries, want 4", n)
		}
		p := b.rdb.TxPipeline()
		if err := s.ConfirmCmds(ctx, p, get(t, s, "TSQ-AAAAA2"), []string{"FIA"}); err == nil {
			t.Error("confirming a dismissed case: no error")
		}
		p.Discard()

		// List: newest first, by status.
		all, err := s.List(ctx, "", 100)
		if err != nil || !slices.Equal(caseIDs(all), []string{"TSQ-AAAAA3", "TSQ-AAAAA2", "TSQ-BBBBB1", "TSQ-AAAAA1"}) { // same time: id descending
			t.Errorf("List all = %v, %v", caseIDs(all), err)
		}
		queued, _ := s.List(ctx, referrals.StatusQueued, 2)
		if !slices.Equal(caseIDs(queued), []string{"TSQ-AAAAA3", "TSQ-BBBBB1"}) {
			t.Errorf("List queued limit 2 = %v", caseIDs(queued))
		}

		// Retry: nothing dead, then one dead delivery.
		if err := s.Retry(ctx, "TSQ-AAAAA3"); !errors.Is(err, referrals.ErrNothingDead) {
			t.Errorf("Retry with nothing dead: %v", err)
		}
		if err := s.Retry(ctx, "TSQ-ZZZZZZ"); !errors.Is(err, referrals.ErrNotFound) {
			t.Errorf("Retry unknown: %v", err)
		}
		c := get(t, s, "TSQ-AAAAA3")
		c.Deliveries["NCCIA"].Status, c.Deliveries["NCCIA"].LastError = referrals.StatusDead, "HTTP 400"
		c.Deliveries["FIA"].Status = referrals.StatusDelivered
		c.Status = referrals.StatusDead
		if err := s.Save(ctx, c); err != nil {
			t.Fatal(err)
		}
		if dead, _ := s.List(ctx, referrals.StatusDead, 10); !slices.Equal(caseIDs(dead), []string{"TSQ-AAAAA3"}) {
			t.Errorf("List dead = %v", caseIDs(dead))
		}
		if err := s.Retry(ctx, "tsq-aaaaa3"); err != nil {
			t.Fatal(err)
		}
		c = get(t, s, "TSQ-AAAAA3")
		if c.Status != referrals.StatusQueued || c.Deliveries["NCCIA"].Status != referrals.StatusQueued || c.Deliveries["FIA"].Status != referrals.StatusDelivered {
			t.Errorf("after Retry: %+v %+v", c.Deliveries["FIA"], c.Deliveries["NCCIA"])
		}
		msgs := b.rdb.XRange(ctx, referrals.OutboxStream, "-", "+").Val()
		if last := msgs[len(msgs)-1]; last.Values["c"] != "TSQ-AAAAA3" || last.Values["t"] != "NCCIA" {
			t.Errorf("last outbox entry = %v", last.Values)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey("TSQ-AAAAA3")).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("Save/Retry lost the TTL: %v", ttl)
		}
		if err := s.Save(ctx, referrals.Case{ID: "TSQ-ZZZZZZ"}); !errors.Is(err, referrals.ErrNotFound) {
			t.Errorf("Save of a gone case: %v", err)
		}
		if n := b.rdb.Exists(ctx, referrals.CaseKey("TSQ-ZZZZZZ")).Val(); n != 0 {
			t.Error("Save created a case without TTL")
		}

		// Forget user 1: cases and index gone, user 2 untouched.
		r3 := sampleCase("TSQ-AAAAA4", t0.Add(3*time.Minute))
		r3.Status = referrals.StatusReview
		add(t, s, b.rdb, r3)
		ids1, _ := s.UserCases(ctx, 424242)
		if _, err := b.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			s.ForgetCmds(ctx, p, 424242, ids1)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids1 {
			if _, ok, _ := s.Get(ctx, id); ok {
				t.Errorf("%s survived forget", id)
			}
		}
		if left, _ := s.UserCases(ctx, 424242); len(left) != 0 {
			t.Errorf("index after forget = %v", left)
		}
		if n := b.rdb.ZCard(ctx, referrals.ReviewKey).Val(); n != 0 {
			t.Errorf("review queue after forget has %d", n)
		}
		if _, ok, _ := s.Get(ctx, "TSQ-BBBBB1"); !ok {
			t.Error("another user's case was forgotten")
		}

		// An expired case leaves the review queue when Review meets it.
		r4 := sampleCase("TSQ-AAAAA5", t0)
		r4.Status = referrals.StatusReview
		add(t, s, b.rdb, r4)
		b.rdb.Del(ctx, referrals.CaseKey("TSQ-AAAAA5"))
		if rev, _ := s.Review(ctx, 10); len(rev) != 0 {
			t.Errorf("Review returned expired %v", caseIDs(rev))
		}
		if n := b.rdb.ZCard(ctx, referrals.ReviewKey).Val(); n != 0 {
			t.Errorf("expired id left in review queue")
		}

		id, err := s.NewID(ctx)
		if err != nil || !referrals.ValidID(id) {
			t.Errorf("Store.NewID = %q, %v", id, err)
		}
	})
}

func caseIDs(cs []referrals.Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
