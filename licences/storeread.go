package licences

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lookup finds a licence by number, written in any form ParseNumber accepts; an invalid number
// is simply not found. Answers, misses included, are cached for the current version.
func (s *Store) Lookup(ctx context.Context, number string) (Record, bool, error) {
	n, err := ParseNumber(number)
	if err != nil {
		return Record{}, false, nil
	}
	for attempt := 0; ; attempt++ {
		v, err := s.state(ctx)
		if err != nil {
			return Record{}, false, err
		}
		if !v.ok {
			return Record{}, false, ErrNoSnapshot
		}
		if rec, ok, hit := v.cached(n); hit {
			return rec, ok, nil
		}
		if mem := v.loaded(); mem != nil {
			rec, ok, _ := mem.Lookup(ctx, n)
			return rec, ok, nil
		}
		rec, ok, exists, err := s.fetch(ctx, v.meta.Version, n)
		if err != nil {
			return Record{}, false, fmt.Errorf("look up licence %s: %w", n, err)
		}
		if !exists {
			if attempt == 0 {
				s.expire(v) // the version is gone: the pointer moved on since we read it
				continue
			}
			return Record{}, false, fmt.Errorf("look up licence %s: version %s has no records", n, v.meta.Version)
		}
		v.store(n, rec, ok)
		return rec, ok, nil
	}
}

// fetch reads one record of a version, and whether the version still exists.
func (s *Store) fetch(ctx context.Context, version, number string) (Record, bool, bool, error) {
	key := s.recordsKey(version)
	var get *redis.StringCmd
	var exists *redis.IntCmd
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		get = p.HGet(ctx, key, number)
		exists = p.Exists(ctx, key)
		return nil
	})
	if err := exists.Err(); err != nil {
		return Record{}, false, false, err
	}
	raw, err := get.Bytes()
	if errors.Is(err, redis.Nil) {
		return Record{}, false, exists.Val() > 0, nil
	}
	if err != nil {
		return Record{}, false, false, err
	}
	var rec Record
	if err := json.Unmarshal(raw, &rec); err != nil {
		return Record{}, false, false, fmt.Errorf("decode record: %w", err)
	}
	return rec, true, true, nil
}

// Search ranks the current snapshot's records by NameScore against name, best first; see
// Memory.Search. The snapshot is loaded into memory once per version.
func (s *Store) Search(ctx context.Context, name string, limit int) ([]Match, error) {
	v, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	if !v.ok {
		return nil, ErrNoSnapshot
	}
	mem, err := s.load(ctx, v)
	if err != nil {
		return nil, fmt.Errorf("search licences: %w", err)
	}
	return mem.Search(ctx, name, limit)
}

// state returns the current version, re-reading the pointer when it is older than the refresh
// interval. When Redis cannot be reached the last known version is kept, so cached answers go
// on being served; the error surfaces on the next call that needs Redis.
func (s *Store) state(ctx context.Context) (*versionState, error) {
	now := s.now()
	fresh := func(v *versionState) bool {
		return v != nil && now.Sub(time.Unix(0, v.fetched.Load())) < s.refresh
	}
	if v := s.cur.Load(); fresh(v) {
		return v, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.cur.Load()
	if fresh(v) {
		return v, nil
	}
	meta, ok, err := s.readPointer(ctx)
	if err != nil {
		if v != nil {
			v.fetched.Store(now.UnixNano())
			return v, nil
		}
		return nil, fmt.Errorf("licence register: %w", err)
	}
	if v != nil && v.ok == ok && v.meta.Version == meta.Version {
		v.fetched.Store(now.UnixNano())
		return v, nil
	}
	v = newVersionState(meta, ok, now)
	s.cur.Store(v)
	return v, nil
}

// expire forces the next state call to re-read the pointer.
func (s *Store) expire(v *versionState) { v.fetched.Store(0) }

// readPointer reads the current version and its meta in one atomic MGET.
func (s *Store) readPointer(ctx context.Context) (Meta, bool, error) {
	vals, err := s.rdb.MGet(ctx, s.key("current"), s.key("meta")).Result()
	if err != nil {
		return Meta{}, false, err
	}
	current, _ := vals[0].(string)
	if current == "" {
		return Meta{}, false, nil
	}
	var meta Meta
	if raw, _ := vals[1].(string); raw != "" {
		if err := json.Unmarshal([]byte(raw), &meta); err != nil {
			return Meta{}, false, fmt.Errorf("decode meta: %w", err)
		}
	}
	meta.Version = current
	return meta, true, nil
}

// load reads a version's records into memory, once per version.
func (s *Store) load(ctx context.Context, v *versionState) (*Memory, error) {
	if mem := v.mem.Load(); mem != nil {
		return mem, nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if mem := v.mem.Load(); mem != nil {
		return mem, nil
	}
	all, err := s.rdb.HGetAll(ctx, s.recordsKey(v.meta.Version)).Result()
	if err != nil {
		return nil, fmt.Errorf("load version %s: %w", v.meta.Version, err)
	}
	if len(all) == 0 {
		s.expire(v)
		return nil, errors.New("load version " + v.meta.Version + ": no records (replaced meanwhile?)")
	}
	snap := &Snapshot{Source: v.meta.Source, Records: make([]Record, 0, len(all))}
	for number, raw := range all {
		var rec Record
		if err := json.Unmarshal([]byte(raw), &rec); err != nil {
			return nil, fmt.Errorf("load version %s: decode %s: %w", v.meta.Version, number, err)
		}
		snap.Records = append(snap.Records, rec)
	}
	sort.Slice(snap.Records, func(i, j int) bool { return snap.Records[i].Number < snap.Records[j].Number })
	mem := NewMemory(snap, v.meta.ImportedAt)
	mem.meta = v.meta
	v.mem.Store(mem)
	return mem, nil
}
