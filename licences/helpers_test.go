package licences_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/internal/redistest"
	"github.com/tasdeeq/tasdeeq/licences"
)

// fault selects what the fault hook does to the commands of a namedStore's client.
type fault int32

const (
	faultNone       fault = iota
	faultDown             // every command fails without reaching Redis
	faultHalfWrite        // a pipeline writing records runs half its commands, then fails
	faultSwitch           // the MULTI/EXEC that switches versions fails without reaching Redis
	faultCountCalls       // nothing fails; calls are counted
)

var errInjected = errors.New("injected redis failure")

// faultHook injects failures into a go-redis client, the same way for miniredis and real Redis.
type faultHook struct {
	mode  atomic.Int32
	calls atomic.Int64
}

func (h *faultHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *faultHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.calls.Add(1)
		if fault(h.mode.Load()) == faultDown {
			cmd.SetErr(errInjected)
			return errInjected
		}
		return next(ctx, cmd)
	}
}

func (h *faultHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.calls.Add(1)
		fail := func(cmds []redis.Cmder) error {
			for _, c := range cmds {
				c.SetErr(errInjected)
			}
			return errInjected
		}
		switch fault(h.mode.Load()) {
		case faultDown:
			return fail(cmds)
		case faultHalfWrite:
			if hasCommand(cmds, "hset") {
				half := len(cmds) / 2
				if err := next(ctx, cmds[:half]); err != nil {
					return err
				}
				return fail(cmds[half:])
			}
		case faultSwitch:
			if hasCommand(cmds, "persist") {
				return fail(cmds)
			}
		}
		return next(ctx, cmds)
	}
}

func hasCommand(cmds []redis.Cmder, name string) bool {
	for _, c := range cmds {
		if c.Name() == name {
			return true
		}
	}
	return false
}

// namedStore is one Redis backend under test: miniredis always, the real Redis of REDIS_URL and
// the Redis Cluster of REDIS_CLUSTER_URL when they are set (redistest.Backends).
type namedStore struct {
	name   string
	prefix string
	b      redistest.Backend
	mr     *miniredis.Miniredis  // nil for real Redis
	rdb    redis.UniversalClient // plain client, for inspecting keys
	hook   *faultHook            // faults of the clients made by newStore
	clock  *fakeClock            // the clock of the stores made by newStore
}

// newStore makes a Store on this backend, under the test's prefix, with a client that goes
// through the slot guard, then the fault hook, and the fake clock.
func (n namedStore) newStore(t testing.TB, opts ...licences.Option) *licences.Store {
	t.Helper()
	var tune func(*redis.Options)
	if n.mr != nil {
		// miniredis is closed by some tests: a command then fails at once, not after retries.
		tune = func(o *redis.Options) {
			o.MaxRetries, o.DialTimeout, o.DialerRetries, o.DialerRetryTimeout = -1, time.Second, 1, time.Millisecond
		}
	}
	rdb := n.b.Client(t, tune)
	rdb.AddHook(n.hook)
	return licences.NewStore(rdb, append([]licences.Option{licences.WithPrefix(n.prefix), licences.WithClock(n.clock.Now)}, opts...)...)
}

func (n namedStore) recordsKey(version string) string { return n.prefix + "v:" + version + ":records" }

// newStores returns a miniredis backend and, when REDIS_URL or REDIS_CLUSTER_URL is set, a real
// Redis one under a unique random prefix (one hash tag: one slot of a cluster) whose keys are
// deleted when the test ends.
func newStores(t testing.TB) []namedStore {
	t.Helper()
	var stores []namedStore
	for _, b := range redistest.Backends(t, nil) {
		s := namedStore{name: b.Name, prefix: licences.DefaultPrefix, b: b, mr: b.MR, rdb: b.RDB, hook: &faultHook{}, clock: newFakeClock()}
		if b.MR == nil {
			s.prefix = "tasdeeq-test:{" + randomHex(t) + "}:"
			rdb, prefix := s.rdb, s.prefix
			t.Cleanup(func() { deleteKeys(t, rdb, prefix) })
		}
		stores = append(stores, s)
	}
	return stores
}

func deleteKeys(t testing.TB, rdb redis.UniversalClient, prefix string) {
	if err := redistest.Delete(context.Background(), rdb, prefix+"*"); err != nil {
		t.Errorf("delete test keys: %v", err)
	}
}

// versions lists the set of versions under the backend's prefix, as record keys, sorted.
func (n namedStore) versions(t testing.TB) []string {
	t.Helper()
	vs, err := n.rdb.SMembers(context.Background(), n.prefix+"versions").Result()
	if err != nil {
		t.Fatalf("versions: %v", err)
	}
	keys := make([]string, len(vs))
	for i, v := range vs {
		keys[i] = n.recordsKey(v)
	}
	slices.Sort(keys)
	return keys
}

// versionKeys lists the record hashes under the backend's prefix, sorted.
func (n namedStore) versionKeys(t testing.TB) []string {
	t.Helper()
	keys, err := redistest.Keys(context.Background(), n.rdb, n.prefix+"v:*")
	if err != nil {
		t.Fatalf("keys: %v", err)
	}
	return keys
}

func randomHex(t testing.TB) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}

// fakeClock is a settable clock for refresh intervals.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sampleCSV is a small fictitious register.
const sampleCSV = "\ufeff# Fictitious sample register: these agencies do not exist.\r\n" +
	"# Columns as BEOE publishes them.\r\n" +
	"Licence No.,Proprietor Name,Licence Title,Status,Expiry Date,Head Office,Branch Office(s)\r\n" +
	"9848/LHR,Ahmed Raza,Crescent Manpower Services,Active,2027-06-30,\"12 Mall Road, Lahore\",Karachi\r\n" +
	"9600/RWP,Bilal Khan,Talagang International,Active,30-06-2027,Rawalpindi,\r\n" +
	"9660/RWP,Imran Awan,Talagang International,Expired,30/06/2024,Rawalpindi,\r\n" +
	"9859/LHR,Noor Ahmed,Al-Noor Overseas Employment Promoters,Suspended,,Lahore,\r\n" +
	"9788/RWP,Saima Bibi,Al-Falah Overseas (Pvt) Ltd,Canceled,15-01-2025,Rawalpindi,\r\n"

func mustParse(t testing.TB, csv string) *licences.Snapshot {
	t.Helper()
	snap, err := licences.ParseCSV(strings.NewReader(csv), "sample.csv")
	if err != nil {
		t.Fatalf("ParseCSV: %v", err)
	}
	return snap
}

// genAgencies makes n register records with varied, made-up names, deterministically.
func genAgencies(n int) []licences.Record {
	rng := mrand.New(mrand.NewPCG(1, 2))
	syll := []string{"ka", "ra", "ni", "sho", "bal", "ta", "gan", "noor", "zar", "mi", "lah", "qa", "fi",
		"dan", "sa", "hir", "ja", "wad", "pa", "kis", "tan", "ri", "ya", "ba", "han", "chi", "ghu", "khe"}
	common := []string{"Overseas", "Manpower", "International", "Services", "Travel", "Tours", "Recruiting",
		"Consultants", "Enterprises", "Employment Promoters", "Agency", "Group", "Corporation", "Trading"}
	tails := []string{"", "", " (Pvt) Ltd", " Pvt Ltd", " & Co", " Private Limited", " OEP"}
	regions := []string{"LHR", "RWP", "KAR", "PWR", "SKT", "MLK"}
	statuses := []licences.Status{licences.Active, licences.Active, licences.Active, licences.Expired,
		licences.Suspended, licences.Cancelled}
	word := func() string {
		w := ""
		for range 2 + rng.IntN(2) {
			w += syll[rng.IntN(len(syll))]
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	out := make([]licences.Record, 0, n)
	seen := map[string]bool{}
	for len(out) < n {
		number := fmt.Sprintf("%04d/%s", 1+rng.IntN(9999), regions[rng.IntN(len(regions))])
		if seen[number] {
			continue
		}
		seen[number] = true
		title := word()
		if rng.IntN(3) == 0 {
			title += " " + word()
		}
		if rng.IntN(4) == 0 {
			title = "Al-" + title
		}
		title += " " + common[rng.IntN(len(common))]
		if rng.IntN(2) == 0 {
			title += " " + common[rng.IntN(len(common))]
		}
		title += tails[rng.IntN(len(tails))]
		out = append(out, licences.Record{
			Number: number, Title: title, Proprietor: word() + " " + word(),
			Status: statuses[rng.IntN(len(statuses))], HeadOffice: "Office " + number,
			Expires: time.Date(2025+rng.IntN(4), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC),
		})
	}
	return out
}

// freePort returns an address nothing listens on.
func freePort(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
