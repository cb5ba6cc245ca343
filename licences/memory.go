package licences

import (
	"context"
	"errors"
	"sort"
	"time"
)

// ErrNoSnapshot is returned by lookups and searches when no register snapshot has been imported,
// so that callers do not report every licence as unknown.
var ErrNoSnapshot = errors.New("licence register is empty: import a snapshot first")

// Memory is a register snapshot held in memory: lookup by number and search by name without
// Redis. It is used by `tasdeeq check --licences FILE` and, per version, by Store. It is safe for
// concurrent use.
type Memory struct {
	meta     Meta
	records  []Record
	byNumber map[string]int
	names    *nameIndex
}

// NewMemory indexes a snapshot. Records with a duplicate number keep the first; a nil snapshot
// gives an empty register whose Meta reports false.
func NewMemory(snap *Snapshot, importedAt time.Time) *Memory {
	m := &Memory{byNumber: map[string]int{}}
	if snap == nil {
		m.names = newNameIndex(nil)
		return m
	}
	titles := make([]string, 0, len(snap.Records))
	for _, r := range snap.Records {
		if _, dup := m.byNumber[r.Number]; dup {
			continue
		}
		m.byNumber[r.Number] = len(m.records)
		m.records = append(m.records, r)
		titles = append(titles, r.Title)
	}
	m.names = newNameIndex(titles)
	m.meta = newMeta(memoryVersion(importedAt), importedAt, snap.Source, m.records, len(snap.Errors))
	return m
}

func memoryVersion(t time.Time) string { return "file-" + t.UTC().Format(versionLayout) }

// newMeta summarises a snapshot's records.
func newMeta(version string, at time.Time, source string, records []Record, skipped int) Meta {
	meta := Meta{Version: version, ImportedAt: at, Source: source, Rows: len(records), Skipped: skipped}
	for _, r := range records {
		if r.Status == Active {
			meta.Active++
		}
	}
	return meta
}

// Lookup finds a licence by number, written in any form ParseNumber accepts. An invalid number
// is simply not found.
func (m *Memory) Lookup(ctx context.Context, number string) (Record, bool, error) {
	if len(m.records) == 0 {
		return Record{}, false, ErrNoSnapshot
	}
	n, err := ParseNumber(number)
	if err != nil {
		return Record{}, false, nil
	}
	i, ok := m.byNumber[n]
	if !ok {
		return Record{}, false, nil
	}
	return m.records[i], true, nil
}

// Search returns the records whose title has a NameScore of at least MatchThreshold against
// name, best first, ties by number. A limit above 0 caps the number of matches.
func (m *Memory) Search(ctx context.Context, name string, limit int) ([]Match, error) {
	if len(m.records) == 0 {
		return nil, ErrNoSnapshot
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hits := m.names.search(name)
	out := make([]Match, len(hits))
	for i, h := range hits {
		out[i] = Match{Record: m.records[h.i], Score: h.score}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Number < out[j].Number
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Meta describes the snapshot; false when the register is empty.
func (m *Memory) Meta(ctx context.Context) (Meta, bool, error) {
	return m.meta, len(m.records) > 0, nil
}

// Len is the number of records in the register.
func (m *Memory) Len() int { return len(m.records) }
