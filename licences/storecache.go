package licences

import (
	"sync"
	"sync/atomic"
	"time"
)

// maxCachedMisses bounds the cached "not found" answers per version, so that a flood of made-up
// numbers cannot grow memory without limit; found records are bounded by the register itself.
const maxCachedMisses = 100_000

// versionState is what a Store knows about one version: its meta, its cached lookups and, once
// a search needed it, the whole snapshot in memory.
type versionState struct {
	meta    Meta
	ok      bool         // a snapshot exists
	fetched atomic.Int64 // when the pointer was last read, in Unix nanoseconds
	cache   sync.Map     // number -> cachedLookup
	misses  atomic.Int64

	mu  sync.Mutex // serialises loading mem
	mem atomic.Pointer[Memory]
}

type cachedLookup struct {
	rec Record
	ok  bool
}

func newVersionState(meta Meta, ok bool, fetched time.Time) *versionState {
	v := &versionState{meta: meta, ok: ok}
	v.fetched.Store(fetched.UnixNano())
	return v
}

func (v *versionState) cached(number string) (Record, bool, bool) {
	c, hit := v.cache.Load(number)
	if !hit {
		return Record{}, false, false
	}
	l := c.(cachedLookup)
	return l.rec, l.ok, true
}

func (v *versionState) store(number string, rec Record, ok bool) {
	if !ok && v.misses.Add(1) > maxCachedMisses {
		return
	}
	v.cache.Store(number, cachedLookup{rec, ok})
}

func (v *versionState) loaded() *Memory { return v.mem.Load() }
