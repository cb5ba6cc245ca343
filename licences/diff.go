package licences

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// Diff is what a new register snapshot changes in the current one: licences added, removed, and
// those whose status changed (Active to Cancelled, say). Each list is sorted by licence number.
type Diff struct {
	Added   []Record
	Removed []Record
	Changed []StatusChange
}

// StatusChange is a licence whose status differs between two snapshots.
type StatusChange struct {
	Number, Title string
	From, To      Status
}

// Compare returns what replacing the records old with the records new changes.
func Compare(old, new []Record) Diff {
	before := make(map[string]Record, len(old))
	for _, r := range old {
		before[r.Number] = r
	}
	var d Diff
	seen := make(map[string]bool, len(new))
	for _, r := range new {
		seen[r.Number] = true
		prev, ok := before[r.Number]
		switch {
		case !ok:
			d.Added = append(d.Added, r)
		case prev.Status != r.Status:
			d.Changed = append(d.Changed, StatusChange{Number: r.Number, Title: r.Title, From: prev.Status, To: r.Status})
		}
	}
	for _, r := range old {
		if !seen[r.Number] {
			d.Removed = append(d.Removed, r)
		}
	}
	byNumber := func(a, b Record) int { return cmp.Compare(a.Number, b.Number) }
	slices.SortFunc(d.Added, byNumber)
	slices.SortFunc(d.Removed, byNumber)
	slices.SortFunc(d.Changed, func(a, b StatusChange) int { return cmp.Compare(a.Number, b.Number) })
	return d
}

// Current returns the records of the snapshot the register serves now and its Meta; ok is false
// when none was imported.
func (s *Store) Current(ctx context.Context) ([]Record, Meta, bool, error) {
	v, err := s.state(ctx)
	if err != nil {
		return nil, Meta{}, false, err
	}
	if !v.ok {
		return nil, Meta{}, false, nil
	}
	mem, err := s.load(ctx, v)
	if err != nil {
		return nil, Meta{}, false, err
	}
	return mem.records, v.meta, true, nil
}

// StageTTL is how long a staged snapshot waits to be imported.
const StageTTL = time.Hour

// ErrNotStaged: no staged snapshot by that id (never staged, expired, or imported).
var ErrNotStaged = errors.New("licences: no such staged snapshot")

// staged is a snapshot as kept while an operator reads what it would change.
type staged struct {
	Source  string    `json:"source"`
	Records []Record  `json:"records"`
	Errors  []stagedE `json:"errors"`
}

type stagedE struct {
	Line int    `json:"line"`
	Err  string `json:"err"`
}

// Stage keeps a parsed snapshot under id for StageTTL, so that it can be imported once its
// changes have been read (the console uploads, shows the difference, then applies).
func (s *Store) Stage(ctx context.Context, id string, snap *Snapshot) error {
	st := staged{Source: snap.Source, Records: snap.Records}
	for _, e := range snap.Errors {
		st.Errors = append(st.Errors, stagedE{Line: e.Line, Err: e.Err.Error()})
	}
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("stage snapshot: %w", err)
	}
	if err := s.rdb.Set(ctx, s.key("staged:"+id), data, StageTTL).Err(); err != nil {
		return fmt.Errorf("stage snapshot: %w", err)
	}
	return nil
}

// Staged returns the snapshot staged under id; ErrNotStaged when there is none.
func (s *Store) Staged(ctx context.Context, id string) (*Snapshot, error) {
	data, err := s.rdb.Get(ctx, s.key("staged:"+id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNotStaged
	}
	if err != nil {
		return nil, fmt.Errorf("read staged snapshot: %w", err)
	}
	var st staged
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("read staged snapshot: %w", err)
	}
	snap := &Snapshot{Source: st.Source, Records: st.Records}
	for _, e := range st.Errors {
		snap.Errors = append(snap.Errors, RowError{Line: e.Line, Err: errors.New(e.Err)})
	}
	return snap, nil
}

// Unstage drops a staged snapshot.
func (s *Store) Unstage(ctx context.Context, id string) error {
	if err := s.rdb.Del(ctx, s.key("staged:"+id)).Err(); err != nil {
		return fmt.Errorf("drop staged snapshot: %w", err)
	}
	return nil
}
