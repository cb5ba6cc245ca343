// Package locales holds every user-facing string of Tasdeeq in English and Urdu, embedded, and
// the go-i18n bundle that renders them.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/tasdeeq/tasdeeq/rtl"
)

// Messages live in pairs of files, NAME.en.toml and NAME.ur.toml (active.* holds most; an area
// of the bot may keep its own pair). Every message must be in both; a test checks it.
//
//go:embed *.en.toml *.ur.toml
var files embed.FS

// Lang is a reply language.
type Lang string

// The two languages Tasdeeq speaks.
const (
	EN Lang = "en"
	UR Lang = "ur"
)

// Parse reads a language code such as "ur", "ur-PK" or "en-GB"; anything that is not Urdu is
// English, because English is the other language we offer.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "ur") {
		return UR
	}
	return EN
}

// Bundle renders messages. It is safe for concurrent use.
type Bundle struct {
	bundle *i18n.Bundle
	loc    map[Lang]*i18n.Localizer
	ids    []string
	// plain keeps each message rendered without data, by lang and id: the messages do not change
	// once loaded, and go-i18n renders a message anew on every call (a verdict renders dozens).
	plain sync.Map // plainKey -> string
}

type plainKey struct {
	lang Lang
	id   string
}

// New loads the embedded message files.
func New() (*Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var ids []string
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("list message files: %w", err)
	}
	seen := map[string]string{}
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		mf, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		for _, m := range mf.Messages {
			// The same id in two files of one language would make one silently win.
			key := mf.Tag.String() + " " + m.ID
			if other, dup := seen[key]; dup {
				return nil, fmt.Errorf("message %s is in both %s and %s", m.ID, other, name)
			}
			seen[key] = name
			if strings.HasSuffix(name, ".en.toml") {
				ids = append(ids, m.ID)
			}
		}
	}
	sort.Strings(ids)
	return &Bundle{
		bundle: b,
		loc:    map[Lang]*i18n.Localizer{EN: i18n.NewLocalizer(b, "en"), UR: i18n.NewLocalizer(b, "ur")},
		ids:    ids,
	}, nil
}

// IDs lists every message id of the English file, sorted.
func (b *Bundle) IDs() []string { return b.ids }

// Lookup renders message id in lang. It reports an error rather than falling back to English,
// so that a missing Urdu message is caught by the tests instead of shown to a user.
func (b *Bundle) Lookup(lang Lang, id string, data map[string]any) (string, error) {
	if len(data) > 0 {
		return b.render(lang, id, data)
	}
	k := plainKey{lang, id}
	if msg, ok := b.plain.Load(k); ok {
		return msg.(string), nil
	}
	msg, err := b.render(lang, id, nil)
	if err == nil {
		b.plain.Store(k, msg)
	}
	return msg, err
}

// render is Lookup without the cache.
func (b *Bundle) render(lang Lang, id string, data map[string]any) (string, error) {
	l, ok := b.loc[lang]
	if !ok {
		l = b.loc[EN]
	}
	msg, tag, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("message %s in %s: %w", id, lang, err)
	}
	if want := language.Make(string(lang)); tag != want {
		return "", fmt.Errorf("message %s in %s: only found in %s", id, lang, tag)
	}
	if lang == UR {
		// Numbers, licence numbers and commands in an Urdu line are shown reversed by phones
		// unless isolated (package rtl); values the bot isolated itself are left as they are.
		msg = rtl.IsolateNumbers(msg)
	}
	return msg, nil
}

// T renders message id in lang. A missing message renders as its id in brackets, visible but
// harmless; the tests make sure none is missing.
func (b *Bundle) T(lang Lang, id string, data map[string]any) string {
	msg, err := b.Lookup(lang, id, data)
	if err != nil {
		return "[" + id + "]"
	}
	return msg
}
