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
// never a mix. Keys under the prefix, which carries a hash tag so that they all live in one Redis
// Cluster slot (the switch's transaction touches the pointer, the meta and the new version):
//
//	current                 the current version id
//	meta                    JSON Meta of the current version
//	v:<version>:records     hash: licence number -> JSON Record
//	versions                set: the version ids written, so that an import finds the stale
//	                        ones without scanning the keyspace
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

// DefaultPrefix starts the register's keys unless WithPrefix says otherwise: the prefix of the
// register's hash tag, shards.Fixed("licences").
const DefaultPrefix = "tasdeeq:{licences}:"

// WithPrefix sets the prefix of every key; the default is DefaultPrefix, "tasdeeq:{licences}:".
// The register's keys must share a Redis Cluster slot, so the prefix must carry a hash tag (a
// "{...}" part); one without a tag is made one whole: "tasdeeq-test:1:" becomes
// "{tasdeeq-test:1}:".
func WithPrefix(prefix string) Option { return func(s *Store) { s.prefix = withTag(prefix) } }

// withTag is prefix if it has a hash tag as Redis Cluster reads one (the text between the
// first "{" and the first "}" after it, when that is not empty), else prefix wrapped in one.
func withTag(prefix string) string {
	if _, after, ok := strings.Cut(prefix, "{"); ok {
		if end := strings.IndexByte(after, '}'); end > 0 {
			return prefix
		}
	}
	return "{" + strings.TrimSuffix(prefix, ":") + "}:"
}

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
	s := &Store{rdb: rdb, prefix: DefaultPrefix, now: time.Now, refresh: 2 * time.Second, grace: 10 * time.Minute}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Store) key(name string) string { return s.prefix + name }

func (s *Store) recordsKey(version string) string { return s.prefix + "v:" + version + ":records" }

func (s *Store) versionsKey() string { return s.prefix + "versions" }

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
	if err := s.writeRecords(ctx, version, snap.Records); err != nil {
		bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		defer cancel()
		s.forget(bg, version) // best effort; pendingTTL removes it otherwise
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

// writeRecords fills the version's hash in one pipeline, with a safety expiry until the switch,
// and adds the version to the set of versions. It adds it after the first HSET and EXPIRE, so
// that an import retiring stale versions meanwhile never meets a listed version that has no
// hash yet, or one without an expiry that is not current.
func (s *Store) writeRecords(ctx context.Context, version string, records []Record) error {
	key := s.recordsKey(version)
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
				p.SAdd(ctx, s.versionsKey(), version)
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
// concurrent import or a failed cleanup), so stale versions never pile up, and takes the versions
// that are gone off the set of versions. It reads that set rather than scanning the keyspace:
// an import is a console request, and on Redis Cluster a SCAN would walk one primary only.
func (s *Store) retire(ctx context.Context, old, current string) {
	if old != "" && old != current {
		s.retireVersion(ctx, old)
	}
	versions, err := s.rdb.SMembers(ctx, s.versionsKey()).Result()
	if err != nil {
		return // best effort: the next import retires them
	}
	ttls := make(map[string]*redis.DurationCmd, len(versions))
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, v := range versions {
			if v != current && v != old {
				ttls[v] = p.TTL(ctx, s.recordsKey(v))
			}
		}
		return nil
	})
	for v, ttl := range ttls {
		switch d, err := ttl.Result(); {
		case err != nil:
			// Unknown: left for the next import.
		case d == -2: // gone
			s.rdb.SRem(ctx, s.versionsKey(), v)
		case d == -1: // no expiry
			s.retireVersion(ctx, v)
		}
	}
}

// retireVersion expires a replaced version after the grace period, or deletes it at once.
func (s *Store) retireVersion(ctx context.Context, version string) {
	if s.grace > 0 {
		s.rdb.Expire(ctx, s.recordsKey(version), s.grace)
		return
	}
	s.forget(ctx, version)
}

// forget deletes a version and takes it off the set of versions.
func (s *Store) forget(ctx context.Context, version string) {
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.recordsKey(version))
		p.SRem(ctx, s.versionsKey(), version)
		return nil
	})
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
