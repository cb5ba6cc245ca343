package outreach

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"github.com/tasdeeq/tasdeeq/licences"
)

// Redis keys of the link store. A link is a JSON string under linkKeyPrefix+ID with no expiry;
// linksAllKey is the set of every link ID. IDs are 12 base32 characters, so no ID is "all".
//
// Links belong to no user, so they share the fixed hash tag of their kind, shards.Fixed("links"):
// on Redis Cluster every key of the store is in one slot, and the MULTI of Create and the MGET
// of all stay single-slot commands.
const (
	linksTag      = "tasdeeq:{links}:" // shards.Fixed("links")
	linkKeyPrefix = linksTag
	linksAllKey   = linksTag + "all"
)

// Limits of a link's fields.
const (
	linkIDLength      = 12
	linkPayloadPrefix = "c_"
	linkMaxPayload    = 64 // Telegram's limit for a /start parameter
	linkMaxLabel      = 80
	linkMinMRC        = 2
	linkMaxMRC        = 10
	linkMaxFind       = 10
	linkMGetChunk     = 500
)

// ErrInvalidLink is wrapped by every validation error of Links.Create; the rest of the message
// says which field is wrong and why, in words fit for an API client.
var ErrInvalidLink = errors.New("invalid link")

// Links stores counsellors' deep links in Redis.
type Links struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// LinksOption configures a Links store.
type LinksOption func(*Links)

// WithLinksClock sets the clock that stamps CreatedAt (time.Now by default).
func WithLinksClock(now func() time.Time) LinksOption {
	return func(l *Links) { l.now = now }
}

// NewLinks returns a link store on rdb.
func NewLinks(rdb redis.UniversalClient, opts ...LinksOption) *Links {
	l := &Links{rdb: rdb, now: time.Now}
	for _, o := range opts {
		o(l)
	}
	return l
}

// NormaliseMRC trims and upper-cases an MRC code and checks it is 2-10 ASCII letters or digits.
func NormaliseMRC(mrc string) (string, error) {
	mrc = strings.ToUpper(strings.TrimSpace(mrc))
	if len(mrc) < linkMinMRC || len(mrc) > linkMaxMRC {
		return "", fmt.Errorf("%w: mrc must be %d-%d letters or digits, like LHR", ErrInvalidLink, linkMinMRC, linkMaxMRC)
	}
	for i := 0; i < len(mrc); i++ {
		if c := mrc[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return "", fmt.Errorf("%w: mrc must be %d-%d letters or digits, like LHR", ErrInvalidLink, linkMinMRC, linkMaxMRC)
		}
	}
	return mrc, nil
}

// validLinkLabel trims a label and checks it is 1-80 runes of valid UTF-8 without control characters.
func validLinkLabel(label string) (string, error) {
	label = strings.TrimSpace(label)
	n := utf8.RuneCountInString(label)
	if n == 0 || n > linkMaxLabel {
		return "", fmt.Errorf("%w: label must be 1-%d characters", ErrInvalidLink, linkMaxLabel)
	}
	if !utf8.ValidString(label) || strings.ContainsFunc(label, unicode.IsControl) {
		return "", fmt.Errorf("%w: label must be valid UTF-8 text without control characters", ErrInvalidLink)
	}
	return label, nil
}

// validLinkID reports whether id has the shape of a link ID: 12 characters of [a-z2-7].
func validLinkID(id string) bool {
	if len(id) != linkIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; (c < 'a' || c > 'z') && (c < '2' || c > '7') {
			return false
		}
	}
	return true
}

// newLinkID returns 12 lower-case base32 characters (60 bits) from crypto/rand.
func newLinkID() string {
	return strings.ToLower(rand.Text()[:linkIDLength])
}

// Create validates and stores a new link. mrc is trimmed and upper-cased and must be 2-10
// letters or digits; label is trimmed and must be 1-80 characters; licence is optional and is
// normalised with licences.ParseNumber ("9848/lhr" → "9848/LHR"). Validation errors wrap
// ErrInvalidLink. The ID is 12 characters of crypto/rand base32, written with SET NX so a
// collision is retried rather than overwriting.
func (l *Links) Create(ctx context.Context, mrc, label, licence string) (Link, error) {
	mrc, err := NormaliseMRC(mrc)
	if err != nil {
		return Link{}, err
	}
	if label, err = validLinkLabel(label); err != nil {
		return Link{}, err
	}
	if licence = strings.TrimSpace(licence); licence != "" {
		n, err := licences.ParseNumber(licence)
		if err != nil {
			return Link{}, fmt.Errorf("%w: licence: %v", ErrInvalidLink, err)
		}
		licence = n
	}
	link := Link{MRC: mrc, Label: label, Licence: licence, CreatedAt: l.now().UTC().Round(0)}
	for range 5 {
		link.ID = newLinkID()
		link.Payload = linkPayloadPrefix + link.ID
		data, err := json.Marshal(link)
		if err != nil {
			return Link{}, fmt.Errorf("outreach: encode link: %w", err)
		}
		var set *redis.BoolCmd
		_, err = l.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			set = p.SetNX(ctx, linkKeyPrefix+link.ID, data, 0)
			p.SAdd(ctx, linksAllKey, link.ID) // harmless when the ID already existed
			return nil
		})
		if err != nil {
			return Link{}, fmt.Errorf("outreach: store link: %w", err)
		}
		if set.Val() {
			return link, nil
		}
	}
	return Link{}, errors.New("outreach: store link: could not find a free ID")
}

// Get returns the link with this ID; an ID of the wrong shape is simply not found.
func (l *Links) Get(ctx context.Context, id string) (Link, bool, error) {
	if !validLinkID(id) {
		return Link{}, false, nil
	}
	data, err := l.rdb.Get(ctx, linkKeyPrefix+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return Link{}, false, nil
	}
	if err != nil {
		return Link{}, false, fmt.Errorf("outreach: get link: %w", err)
	}
	var link Link
	if err := json.Unmarshal(data, &link); err != nil {
		return Link{}, false, fmt.Errorf("outreach: decode link %s: %w", id, err)
	}
	return link, true, nil
}

// ByPayload resolves a /start payload "c_<id>" to its link. Anything else — another kind of
// payload, a forged or over-long one, an unknown ID — is not found, with a nil error; only a
// Redis failure is an error.
func (l *Links) ByPayload(ctx context.Context, payload string) (Link, bool, error) {
	if len(payload) > linkMaxPayload {
		return Link{}, false, nil
	}
	id, ok := strings.CutPrefix(payload, linkPayloadPrefix)
	if !ok || !validLinkID(id) {
		return Link{}, false, nil
	}
	link, found, err := l.Get(ctx, id)
	if err != nil || !found || link.Payload != payload {
		return Link{}, false, err
	}
	return link, true, nil
}

// all loads every link in the index, newest first (ties by ID). IDs whose record is gone are
// skipped.
func (l *Links) all(ctx context.Context) ([]Link, error) {
	ids, err := l.rdb.SMembers(ctx, linksAllKey).Result()
	if err != nil {
		return nil, fmt.Errorf("outreach: list links: %w", err)
	}
	out := make([]Link, 0, len(ids))
	for chunk := range slices.Chunk(ids, linkMGetChunk) {
		keys := make([]string, len(chunk))
		for i, id := range chunk {
			keys[i] = linkKeyPrefix + id
		}
		vals, err := l.rdb.MGet(ctx, keys...).Result()
		if err != nil {
			return nil, fmt.Errorf("outreach: list links: %w", err)
		}
		for i, v := range vals {
			s, ok := v.(string)
			if !ok {
				continue
			}
			var link Link
			if err := json.Unmarshal([]byte(s), &link); err != nil {
				return nil, fmt.Errorf("outreach: decode link %s: %w", chunk[i], err)
			}
			out = append(out, link)
		}
	}
	slices.SortFunc(out, func(a, b Link) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// List returns the links of one MRC (any case), or every link when mrc is "", newest first.
func (l *Links) List(ctx context.Context, mrc string) ([]Link, error) {
	all, err := l.all(ctx)
	if err != nil {
		return nil, err
	}
	mrc = strings.TrimSpace(mrc)
	if mrc == "" {
		return all, nil
	}
	return slices.DeleteFunc(all, func(link Link) bool { return !strings.EqualFold(link.MRC, mrc) }), nil
}

// Find serves a counsellor's "/link <query>": a link matches when the query is its licence
// number in any format licences.ParseNumber accepts ("OEPL No. 9848/lhr"), its MRC code (any
// case), a case-insensitive substring of its label, or an MRC code followed by such a substring
// ("LHR job fair"). At most 10 links, newest first; an empty query finds nothing.
func (l *Links) Find(ctx context.Context, query string) ([]Link, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	licence, _ := licences.ParseNumber(query)
	lower := strings.ToLower(query)
	first, rest, _ := strings.Cut(query, " ")
	rest = strings.ToLower(strings.TrimSpace(rest))
	all, err := l.all(ctx)
	if err != nil {
		return nil, err
	}
	var out []Link
	for _, link := range all {
		label := strings.ToLower(link.Label)
		if (licence != "" && link.Licence == licence) ||
			strings.EqualFold(link.MRC, query) ||
			strings.Contains(label, lower) ||
			(rest != "" && strings.EqualFold(link.MRC, first) && strings.Contains(label, rest)) {
			out = append(out, link)
			if len(out) == linkMaxFind {
				break
			}
		}
	}
	return out, nil
}

// LinkURL is the deep link that opens the bot on this link: https://t.me/<bot>?start=<payload>.
// A leading "@" on the bot's username is dropped.
func LinkURL(botUsername string, l Link) string {
	bot := strings.TrimPrefix(strings.TrimSpace(botUsername), "@")
	return "https://t.me/" + url.PathEscape(bot) + "?start=" + url.QueryEscape(l.Payload)
}

// WhatsAppLinkURL is the deep link that opens a WhatsApp chat with the bot's number with the link's
// code typed in: https://wa.me/<number>?text=<payload>. The user sends it, and the bot reads the
// code as Telegram's /start payload (package whatsapp), so the centre is credited the same way.
// number is the business number in international form; anything but its digits is dropped.
func WhatsAppLinkURL(number string, l Link) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, number)
	return "https://wa.me/" + digits + "?text=" + url.QueryEscape(l.Payload)
}
