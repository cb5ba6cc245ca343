package licences_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/tasdeeq/tasdeeq/licences"
)

func TestCompare(t *testing.T) {
	old := []licences.Record{
		{Number: "0001/LHR", Title: "A", Status: licences.Active},
		{Number: "0002/LHR", Title: "B", Status: licences.Active},
		{Number: "0003/RWP", Title: "C", Status: licences.Suspended},
	}
	new := []licences.Record{
		{Number: "0004/KAR", Title: "D", Status: licences.Active},
		{Number: "0002/LHR", Title: "B", Status: licences.Cancelled},
		{Number: "0003/RWP", Title: "C renamed", Status: licences.Suspended},
	}
	got := licences.Compare(old, new)
	want := licences.Diff{
		Added:   []licences.Record{new[0]},
		Removed: []licences.Record{old[0]},
		Changed: []licences.StatusChange{{Number: "0002/LHR", Title: "B", From: licences.Active, To: licences.Cancelled}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Compare = %+v\nwant %+v", got, want)
	}
	if d := licences.Compare(old, old); len(d.Added)+len(d.Removed)+len(d.Changed) != 0 {
		t.Fatalf("no change: %+v", d)
	}
}

func TestStageAndCurrent(t *testing.T) {
	for _, b := range newStores(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.newStore(t)
			if _, _, ok, err := s.Current(ctx); ok || err != nil {
				t.Fatalf("current before import: %v %v", ok, err)
			}
			snap := mustParse(t, sampleCSV)
			snap.Errors = []licences.RowError{{Line: 7, Err: errors.New(`unknown status "Pending"`)}}
			if err := s.Stage(ctx, "abc", snap); err != nil {
				t.Fatal(err)
			}
			got, err := s.Staged(ctx, "abc")
			if err != nil || !reflect.DeepEqual(got.Records, snap.Records) || got.Source != snap.Source ||
				len(got.Errors) != 1 || got.Errors[0].Error() != `line 7: unknown status "Pending"` {
				t.Fatalf("staged: %+v %v", got, err)
			}
			if _, err := s.Import(ctx, got); err != nil {
				t.Fatal(err)
			}
			recs, meta, ok, err := s.Current(ctx)
			if err != nil || !ok || len(recs) != len(snap.Records) || meta.Rows != len(snap.Records) {
				t.Fatalf("current: %d %+v %v %v", len(recs), meta, ok, err)
			}
			if err := s.Unstage(ctx, "abc"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Staged(ctx, "abc"); !errors.Is(err, licences.ErrNotStaged) {
				t.Fatalf("after unstage: %v", err)
			}
		})
	}
}
