package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/shards"
)

// Redis keys, all under the hash tag of the accounts (prefix), so that the transactions that add
// an account or move its Telegram link, which touch the account, the set of every username and
// the Telegram index together, stay in one Redis Cluster slot. An account is a hash under
// prefix+"account:"+username (fields mrc, role, hash, disabled, telegram, created); allKey is the
// set of every username; prefix+"telegram:"+id names the account linked to a Telegram user.
// Nothing expires: accounts are kept until an operator removes them.
var (
	prefix         = shards.Fixed("accounts")
	accountPrefix  = prefix + "account:"
	allKey         = prefix + "all"
	telegramPrefix = prefix + "telegram:"
)

func accountKey(username string) string { return accountPrefix + username }
func telegramKey(id int64) string       { return telegramPrefix + strconv.FormatInt(id, 10) }

// Store keeps accounts in Redis. It is safe for concurrent use.
type Store struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// Option configures a Store.
type Option func(*Store)

// WithClock sets the store's clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// NewStore returns the accounts kept in rdb.
func NewStore(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Add creates an account with its password. The username and centre are normalised; a username
// in use is ErrExists, a Telegram user linked to another account ErrTelegramUsed.
func (s *Store) Add(ctx context.Context, a Account, password string) (Account, error) {
	var err error
	if a.Username, err = NormaliseUsername(a.Username); err != nil {
		return Account{}, err
	}
	if a.MRC, err = NormaliseMRC(a.MRC); err != nil {
		return Account{}, err
	}
	if a.Role, err = ParseRole(string(a.Role)); err != nil {
		return Account{}, err
	}
	if a.TelegramID < 0 {
		return Account{}, fmt.Errorf("%w: a Telegram user id is a positive number", ErrInvalid)
	}
	if err := checkPassword(password); err != nil {
		return Account{}, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return Account{}, err
	}
	a.CreatedAt, a.Disabled = s.now().UTC().Truncate(time.Second), false
	keys := []string{accountKey(a.Username)}
	if a.TelegramID != 0 {
		keys = append(keys, telegramKey(a.TelegramID))
	}
	err = s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Exists(ctx, keys[0]).Result()
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		if a.TelegramID != 0 {
			if n, err := tx.Exists(ctx, keys[1]).Result(); err != nil {
				return err
			} else if n > 0 {
				return ErrTelegramUsed
			}
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, keys[0], "mrc", a.MRC, "role", string(a.Role), "hash", hash, "disabled", 0,
				"telegram", a.TelegramID, "created", a.CreatedAt.Format(time.RFC3339))
			p.SAdd(ctx, allKey, a.Username)
			if a.TelegramID != 0 {
				p.Set(ctx, keys[1], a.Username, 0)
			}
			return nil
		})
		return err
	}, keys...)
	if err != nil {
		return Account{}, fmt.Errorf("add account %s: %w", a.Username, err)
	}
	return a, nil
}

// Get returns an account; ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, username string) (Account, error) {
	a, _, err := s.get(ctx, username)
	return a, err
}

// get returns an account and its password hash.
func (s *Store) get(ctx context.Context, username string) (Account, string, error) {
	name, err := NormaliseUsername(username)
	if err != nil {
		return Account{}, "", ErrNotFound
	}
	h, err := s.rdb.HGetAll(ctx, accountKey(name)).Result()
	if err != nil {
		return Account{}, "", fmt.Errorf("read account %s: %w", name, err)
	}
	if len(h) == 0 {
		return Account{}, "", ErrNotFound
	}
	a := Account{Username: name, MRC: h["mrc"], Role: Role(h["role"]), Disabled: h["disabled"] == "1"}
	a.TelegramID, _ = strconv.ParseInt(h["telegram"], 10, 64)
	a.CreatedAt, _ = time.Parse(time.RFC3339, h["created"])
	return a, h["hash"], nil
}

// List returns every account, sorted by username. Password hashes are never part of an Account.
func (s *Store) List(ctx context.Context) ([]Account, error) {
	names, err := s.rdb.SMembers(ctx, allKey).Result()
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	slices.Sort(names)
	out := make([]Account, 0, len(names))
	for _, n := range names {
		a, err := s.Get(ctx, n)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Authenticate checks a username and password. A wrong password and an unknown username are both
// ErrBadPassword, and take the same time; a disabled account is ErrDisabled, said only to whoever
// knows its password.
func (s *Store) Authenticate(ctx context.Context, username, password string) (Account, error) {
	a, hash, err := s.get(ctx, username)
	if errors.Is(err, ErrNotFound) {
		_, _ = verifyPassword(dummyHash(), password)
		return Account{}, ErrBadPassword
	}
	if err != nil {
		return Account{}, err
	}
	ok, err := verifyPassword(hash, password)
	if err != nil {
		return Account{}, fmt.Errorf("account %s: %w", a.Username, err)
	}
	if !ok {
		return Account{}, ErrBadPassword
	}
	if a.Disabled {
		return Account{}, ErrDisabled
	}
	return a, nil
}

// SetPassword replaces an account's password.
func (s *Store) SetPassword(ctx context.Context, username, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.setField(ctx, username, "hash", hash)
}

// SetDisabled disables an account (or enables it again).
func (s *Store) SetDisabled(ctx context.Context, username string, disabled bool) error {
	v := "0"
	if disabled {
		v = "1"
	}
	return s.setField(ctx, username, "disabled", v)
}

// setField sets one field of an existing account; ErrNotFound when there is none.
func (s *Store) setField(ctx context.Context, username, field, value string) error {
	name, err := NormaliseUsername(username)
	if err != nil {
		return ErrNotFound
	}
	// HSET only when the hash exists, in one step, so that a deleted account is not half
	// re-created.
	n, err := setIfExists.Run(ctx, s.rdb, []string{accountKey(name)}, field, value).Int()
	if err != nil {
		return fmt.Errorf("update account %s: %w", name, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

var setIfExists = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`)

// LinkTelegram links an account to a Telegram user id, replacing its earlier link; 0 unlinks it.
// A Telegram user linked to another account is ErrTelegramUsed.
func (s *Store) LinkTelegram(ctx context.Context, username string, telegramID int64) error {
	if telegramID < 0 {
		return fmt.Errorf("%w: a Telegram user id is a positive number", ErrInvalid)
	}
	a, err := s.Get(ctx, username)
	if err != nil {
		return err
	}
	keys := []string{accountKey(a.Username)}
	if telegramID != 0 {
		keys = append(keys, telegramKey(telegramID))
	}
	err = s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		if telegramID != 0 {
			owner, err := tx.Get(ctx, keys[1]).Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			if owner != "" && owner != a.Username {
				return ErrTelegramUsed
			}
		}
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if a.TelegramID != 0 && a.TelegramID != telegramID {
				p.Del(ctx, telegramKey(a.TelegramID))
			}
			if telegramID != 0 {
				p.Set(ctx, keys[1], a.Username, 0)
			}
			p.HSet(ctx, keys[0], "telegram", telegramID)
			return nil
		})
		return err
	}, keys...)
	if err != nil {
		return fmt.Errorf("link account %s: %w", a.Username, err)
	}
	return nil
}

// ByTelegram returns the account linked to a Telegram user; ok is false when none is.
func (s *Store) ByTelegram(ctx context.Context, telegramID int64) (Account, bool, error) {
	if telegramID <= 0 {
		return Account{}, false, nil
	}
	name, err := s.rdb.Get(ctx, telegramKey(telegramID)).Result()
	if errors.Is(err, redis.Nil) {
		return Account{}, false, nil
	}
	if err != nil {
		return Account{}, false, fmt.Errorf("read telegram link: %w", err)
	}
	a, err := s.Get(ctx, name)
	if errors.Is(err, ErrNotFound) || (err == nil && a.TelegramID != telegramID) {
		return Account{}, false, nil
	}
	if err != nil {
		return Account{}, false, err
	}
	return a, true, nil
}

// IsCounsellor says whether a Telegram user is linked to an enabled account, of either role: the
// bot then lets them use the counsellors' commands, as TASDEEQ_COUNSELLORS does.
func (s *Store) IsCounsellor(ctx context.Context, telegramID int64) (bool, error) {
	a, ok, err := s.ByTelegram(ctx, telegramID)
	return ok && !a.Disabled, err
}
