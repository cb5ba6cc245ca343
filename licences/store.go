package licences

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Meta describes the snapshot a register serves.
type Meta struct {
	Version    string    `json:"version"`     // sortable id of the import
	ImportedAt time.Time `json:"imported_at"` // when the snapshot was imported
	Source     string    `json:"source"`      // the file it came from
	Rows       int       `json:"rows"`        // records imported
	Skipped    int       `json:"skipped"`     // bad rows left out
	Active     int       `json:"active"`      // records with status Active
}

// Store is the register in Redis. Each import writes a new version and then moves the
// current-version pointer in one transaction, so readers see the old snapshot or the new one,
// never a mix. Keys under the prefix:
//
//	current                 the current version id
//	meta                    JSON Meta of the current version
//	v:<version>:records     hash: licence number -> JSON Record
//
// Lookups are cached in memory per version; the pointer is re-read at most once per refresh
// interval, so a cached answer costs no Redis round trip. A Store is safe for concurrent use.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	now     func() time.Time
	refresh time.Duration
	grace   time.Duration

	mu  sync.Mutex // serialises pointer refreshes
	cur atomic.Pointer[versionState]
}

var _ interface {
	Lookup(context.Context, string) (Record, bool, error)
} = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithPrefix sets the prefix of every key; the default is "tasdeeq:licences:".
func WithPrefix(prefix string) Option { return func(s *Store) { s.prefix = prefix } }

// WithClock sets the clock used for import times, version ids and the refresh interval.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithRefresh sets how often the current-version pointer is re-read; the default is 2s.
func WithRefresh(d time.Duration) Option { return func(s *Store) { s.refresh = d } }

// WithGrace sets how long a replaced version stays readable after an import, for replicas that
// have not yet re-read the pointer; the default is 10 minutes, 0 deletes it at once.
func WithGrace(d time.Duration) Option { return func(s *Store) { s.grace = d } }

const (
	// pendingTTL expires a version that was written but never made current, should the importer
	// die between writing and switching.
	pendingTTL = time.Hour
	// importBatch is how many records go into one HSET.
	importBatch = 500
	// cleanupTimeout bounds best-effort cleanup after a failed import.
	cleanupTimeout = 5 * time.Second
	versionLayout  = "20060102T150405.000000000Z"
)

// NewStore returns a register stored in rdb.
func NewStore(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, prefix: "tasdeeq:licences:", now: time.Now, refresh: 2 * time.Second, grace: 10 * time.Minute}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Store) key(name string) string { return s.prefix + name }

func (s *Store) recordsKey(version string) string { return s.prefix + "v:" + version + ":records" }

// Import writes the snapshot as a new version and makes it current atomically. If anything fails
// before the switch, the previous snapshot stays current and the partial version is removed. The
// replaced version is kept for the grace period, then expires.
func (s *Store) Import(ctx context.Context, snap *Snapshot) (Meta, error) {
	if err := checkSnapshot(snap); err != nil {
		return Meta{}, fmt.Errorf("import licences: %w", err)
	}
	now := s.now()
	version, err := newVersion(now)
	if err != nil {
		return Meta{}, fmt.Errorf("import licences: %w", err)
	}
	key := s.recordsKey(version)
	if err := s.writeRecords(ctx, key, snap.Records); err != nil {
		bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		defer cancel()
		s.rdb.Del(bg, key) // best effort; pendingTTL removes it otherwise
		return Meta{}, fmt.Errorf("import licences: write version %s: %w", version, err)
	}
	meta := newMeta(version, now, snap.Source, snap.Records, len(snap.Errors))
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return Meta{}, fmt.Errorf("import licences: encode meta: %w", err)
	}
	var old *redis.StringCmd
	cmds, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		old = p.Get(ctx, s.key("current"))
		p.Set(ctx, s.key("current"), version, 0)
		p.Set(ctx, s.key("meta"), metaJSON, 0)
		p.Persist(ctx, key)
		return nil
	})
	if errors.Is(err, redis.Nil) {
		err = nil // no previous version
	}
	if err = errors.Join(err, firstErr(cmds)); err != nil {
		// The version keeps its pendingTTL, in case the transaction did run after all.
		return Meta{}, fmt.Errorf("import licences: switch to version %s: %w", version, err)
	}
	s.retire(ctx, old.Val(), version)
	s.cur.Store(newVersionState(meta, true, now))
	return meta, nil
}

func checkSnapshot(snap *Snapshot) error {
	if snap == nil || len(snap.Records) == 0 {
		return errors.New("empty snapshot")
	}
	seen := make(map[string]bool, len(snap.Records))
	for _, r := range snap.Records {
		if n, err := ParseNumber(r.Number); err != nil || n != r.Number {
			return fmt.Errorf("record number %q is not normalised", r.Number)
		}
		if seen[r.Number] {
			return fmt.Errorf("duplicate record number %s", r.Number)
		}
		seen[r.Number] = true
	}
	return nil
}

// writeRecords fills the version's hash in one pipeline, with a safety expiry until the switch.
func (s *Store) writeRecords(ctx context.Context, key string, records []Record) error {
	var encodeErr error
	cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := 0; i < len(records); i += importBatch {
			batch := records[i:min(i+importBatch, len(records))]
			args := make([]any, 0, 2*len(batch))
			for _, r := range batch {
				b, err := json.Marshal(r)
				if err != nil {
					encodeErr = fmt.Errorf("encode %s: %w", r.Number, err)
					return encodeErr
				}
				args = append(args, r.Number, b)
			}
			p.HSet(ctx, key, args...)
			if i == 0 {
				p.Expire(ctx, key, pendingTTL)
			}
		}
		return nil
	})
	if encodeErr != nil {
		return encodeErr
	}
	if err != nil {
		return err
	}
	return firstErr(cmds)
}

// retire expires the replaced version and any other version left without an expiry (by a
// concurrent import or a failed cleanup), so stale versions never pile up.
func (s *Store) retire(ctx context.Context, old, current string) {
	keep := s.recordsKey(current)
	retireKey := func(k string) {
		if s.grace > 0 {
			s.rdb.Expire(ctx, k, s.grace)
		} else {
			s.rdb.Del(ctx, k)
		}
	}
	if old != "" && old != current {
		retireKey(s.recordsKey(old))
	}
	iter := s.rdb.Scan(ctx, 0, escapeGlob(s.prefix)+"v:*:records", 1000).Iterator()
	for iter.Next(ctx) {
		if k := iter.Val(); k != keep && s.rdb.TTL(ctx, k).Val() == -1 {
			retireKey(k)
		}
	}
}

// Meta describes the current snapshot; false when nothing was ever imported.
func (s *Store) Meta(ctx context.Context) (Meta, bool, error) {
	v, err := s.state(ctx)
	if err != nil {
		return Meta{}, false, err
	}
	return v.meta, v.ok, nil
}

// Empty says whether nothing was ever imported, asking Redis directly.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.key("current")).Result()
	if err != nil {
		return false, fmt.Errorf("licence register: %w", err)
	}
	return n == 0, nil
}

// newVersion is a sortable id: the UTC time to the nanosecond and a random suffix.
func newVersion(now time.Time) (string, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("version id: %w", err)
	}
	return now.UTC().Format(versionLayout) + "-" + hex.EncodeToString(b[:]), nil
}

// firstErr is the first real error of a pipeline; a missing key (redis.Nil) is not one.
func firstErr(cmds []redis.Cmder) error {
	for _, c := range cmds {
		if err := c.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
	}
	return nil
}

// escapeGlob quotes the characters that SCAN MATCH would read as a pattern.
func escapeGlob(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`, "]", `\]`).Replace(s)
}
