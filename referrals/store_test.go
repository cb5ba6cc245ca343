package referrals_test

import (
	"context"
	"errors"
	"slices"
	"strings"
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
		// Each id is in its user's shard, as Store.NewID draws them.
		idR1, idR2, idQ1, idO1 := newID(424242), newID(424242), newID(424242), newID(2)
		r1 := sampleCase(idR1, t0)
		r1.Status = referrals.StatusReview
		r2 := sampleCase(strings.ToLower(idR2), t0.Add(time.Minute)) // lower case is normalised
		r2.Status = referrals.StatusReview
		q1 := sampleCase(idQ1, t0.Add(2*time.Minute))
		q1.Status, q1.Targets = referrals.StatusQueued, []string{"FIA", "NCCIA"}
		o1 := sampleCase(idO1, time.Time{}) // zero time: the store's clock
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

		got := get(t, s, strings.ToLower(idQ1))
		if got.Status != referrals.StatusQueued || len(got.Deliveries) != 2 || got.Deliveries["FIA"].Status != referrals.StatusQueued {
			t.Errorf("queued case = %+v", got)
		}
		if got.UserID != 424242 || got.Contact == nil || got.AdText != q1.AdText {
			t.Errorf("stored case lost data: %+v", got)
		}
		if c := get(t, s, idO1); !c.CreatedAt.Equal(t0) {
			t.Errorf("zero CreatedAt not set from clock: %v", c.CreatedAt)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey(ring, idQ1)).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("case TTL = %v", ttl)
		}
		if ttl := b.rdb.TTL(ctx, referrals.UserKey(ring, 424242)).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("index TTL = %v", ttl)
		}
		if n := sum(b, b.rdb.XLen, referrals.OutboxStream); n != 3 {
			t.Errorf("outbox has %d entries, want 3", n)
		}
		if n := b.rdb.XLen(ctx, referrals.OutboxStream(ring.Of(424242))).Val(); n != 2 {
			t.Errorf("the reporter's shard's outbox has %d entries, want q1's 2", n)
		}
		if _, ok, err := s.Get(ctx, "TSQ-ZZZZZZ"); ok || err != nil {
			t.Errorf("Get unknown: ok=%v err=%v", ok, err)
		}
		if _, ok, err := s.Get(ctx, "../etc"); ok || err != nil {
			t.Errorf("Get bad id: ok=%v err=%v", ok, err)
		}
		ids, err := s.UserCases(ctx, 424242)
		if want := sorted(idR1, idR2, idQ1); err != nil || !slices.Equal(ids, want) {
			t.Errorf("UserCases = %v, %v", ids, err)
		}

		// Review: oldest first.
		rev, err := s.Review(ctx, 10)
		if err != nil || len(rev) != 2 || rev[0].ID != idR1 || rev[1].ID != idR2 {
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
		if c := get(t, s, idR1); c.Status != referrals.StatusQueued || !slices.Equal(c.Targets, []string{"BEOE"}) || c.Deliveries["BEOE"] == nil {
			t.Errorf("confirmed = %+v", c)
		}
		if c := get(t, s, idR2); c.Status != referrals.StatusDismissed {
			t.Errorf("dismissed = %+v", c)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey(ring, idR1)).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("confirm lost the TTL: %v", ttl)
		}
		if rev, _ := s.Review(ctx, 10); len(rev) != 0 {
			t.Errorf("review queue after confirm/dismiss = %v", caseIDs(rev))
		}
		if n := sum(b, b.rdb.XLen, referrals.OutboxStream); n != 4 {
			t.Errorf("outbox has %d entries, want 4", n)
		}
		p := b.rdb.TxPipeline()
		if err := s.ConfirmCmds(ctx, p, get(t, s, idR2), []string{"FIA"}); err == nil {
			t.Error("confirming a dismissed case: no error")
		}
		p.Discard()

		// List: newest first, by status.
		all, err := s.List(ctx, "", 100)
		sameTime := sorted(idR1, idO1) // same time: id descending
		if want := []string{idQ1, idR2, sameTime[1], sameTime[0]}; err != nil || !slices.Equal(caseIDs(all), want) {
			t.Errorf("List all = %v, %v; want %v", caseIDs(all), err, want)
		}
		queued, _ := s.List(ctx, referrals.StatusQueued, 2)
		if want := []string{idQ1, sameTime[1]}; !slices.Equal(caseIDs(queued), want) {
			t.Errorf("List queued limit 2 = %v, want %v", caseIDs(queued), want)
		}

		// Retry: nothing dead, then one dead delivery.
		if err := s.Retry(ctx, idQ1); !errors.Is(err, referrals.ErrNothingDead) {
			t.Errorf("Retry with nothing dead: %v", err)
		}
		if err := s.Retry(ctx, "TSQ-ZZZZZZ"); !errors.Is(err, referrals.ErrNotFound) {
			t.Errorf("Retry unknown: %v", err)
		}
		c := get(t, s, idQ1)
		c.Deliveries["NCCIA"].Status, c.Deliveries["NCCIA"].LastError = referrals.StatusDead, "HTTP 400"
		c.Deliveries["FIA"].Status = referrals.StatusDelivered
		c.Status = referrals.StatusDead
		if err := s.Save(ctx, c); err != nil {
			t.Fatal(err)
		}
		if dead, _ := s.List(ctx, referrals.StatusDead, 10); !slices.Equal(caseIDs(dead), []string{idQ1}) {
			t.Errorf("List dead = %v", caseIDs(dead))
		}
		if queued, _ := s.List(ctx, referrals.StatusQueued, 10); slices.Contains(caseIDs(queued), idQ1) {
			t.Errorf("a dead case still listed as queued: %v", caseIDs(queued))
		}
		if err := s.Retry(ctx, strings.ToLower(idQ1)); err != nil {
			t.Fatal(err)
		}
		c = get(t, s, idQ1)
		if c.Status != referrals.StatusQueued || c.Deliveries["NCCIA"].Status != referrals.StatusQueued || c.Deliveries["FIA"].Status != referrals.StatusDelivered {
			t.Errorf("after Retry: %+v %+v", c.Deliveries["FIA"], c.Deliveries["NCCIA"])
		}
		if dead, _ := s.List(ctx, referrals.StatusDead, 10); len(dead) != 0 {
			t.Errorf("List dead after Retry = %v", caseIDs(dead))
		}
		msgs := b.rdb.XRange(ctx, referrals.OutboxStream(ring.OfString(idQ1)), "-", "+").Val()
		if last := msgs[len(msgs)-1]; last.Values["c"] != idQ1 || last.Values["t"] != "NCCIA" {
			t.Errorf("last outbox entry = %v", last.Values)
		}
		if ttl := b.rdb.TTL(ctx, referrals.CaseKey(ring, idQ1)).Val(); ttl < referrals.Retention-time.Minute {
			t.Errorf("Save/Retry lost the TTL: %v", ttl)
		}
		if err := s.Save(ctx, referrals.Case{ID: "TSQ-ZZZZZZ"}); !errors.Is(err, referrals.ErrNotFound) {
			t.Errorf("Save of a gone case: %v", err)
		}
		if n := b.rdb.Exists(ctx, referrals.CaseKey(ring, "TSQ-ZZZZZZ")).Val(); n != 0 {
			t.Error("Save created a case without TTL")
		}

		// Forget user 1: cases and index gone, user 2 untouched.
		r3 := sampleCase(newID(424242), t0.Add(3*time.Minute))
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
		if n := sum(b, b.rdb.ZCard, referrals.ReviewKey); n != 0 {
			t.Errorf("review queue after forget has %d", n)
		}
		for _, st := range []referrals.Status{referrals.StatusQueued, referrals.StatusDismissed} {
			if n := b.rdb.ZCard(ctx, referrals.StatusKey(ring.Of(424242), st)).Val(); n != 0 {
				t.Errorf("%s index after forget has %d", st, n)
			}
		}
		if _, ok, _ := s.Get(ctx, idO1); !ok {
			t.Error("another user's case was forgotten")
		}

		// An expired case leaves the review queue when Review meets it.
		r4 := sampleCase(newID(424242), t0)
		r4.Status = referrals.StatusReview
		add(t, s, b.rdb, r4)
		b.rdb.Del(ctx, referrals.CaseKey(ring, r4.ID))
		if rev, _ := s.Review(ctx, 10); len(rev) != 0 {
			t.Errorf("Review returned expired %v", caseIDs(rev))
		}
		if n := sum(b, b.rdb.ZCard, referrals.ReviewKey); n != 0 {
			t.Errorf("expired id left in review queue")
		}

		id, err := s.NewID(ctx, 424242)
		if err != nil || !referrals.ValidID(id) || ring.OfString(id) != ring.Of(424242) {
			t.Errorf("Store.NewID = %q, %v; want a valid id in the user's shard", id, err)
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

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
