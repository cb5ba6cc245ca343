package entities_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/tasdeeq/tasdeeq/entities"
)

func ent(offset, length int) models.MessageEntity {
	return models.MessageEntity{Type: models.MessageEntityTypeBold, Offset: offset, Length: length}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name string
		text string
		ents []models.MessageEntity
		want []string // the text of each entity; nil with wantErr
		bad  bool
	}{
		{"ascii", "/start abc", []models.MessageEntity{ent(0, 6), ent(7, 3)}, []string{"/start", "abc"}, false},
		{"after an emoji (two UTF-16 units)", "😀 @bot hi", []models.MessageEntity{ent(3, 4)}, []string{"@bot"}, false},
		{"Urdu (one unit a letter, two bytes)", "ویزا @bot", []models.MessageEntity{ent(5, 4), ent(0, 4)}, []string{"@bot", "ویزا"}, false},
		{"to the very end", "ab😀", []models.MessageEntity{ent(2, 2)}, []string{"😀"}, false},
		{"nested, same start", "abcdef", []models.MessageEntity{ent(0, 3), ent(0, 6), ent(1, 1)}, []string{"abc", "abcdef", "b"}, false},
		{"the same range twice", "abc", []models.MessageEntity{ent(0, 3), ent(0, 3)}, []string{"abc", "abc"}, false},
		{"touching", "abcd", []models.MessageEntity{ent(2, 2), ent(0, 2)}, []string{"cd", "ab"}, false},
		{"none", "abc", nil, nil, false},
		{"past the end", "abc", []models.MessageEntity{ent(1, 3)}, nil, true},
		{"huge offset", "abc", []models.MessageEntity{ent(1<<60, 1)}, nil, true},
		{"huge length", "abc", []models.MessageEntity{ent(0, 1<<62)}, nil, true},
		{"negative offset", "abc", []models.MessageEntity{ent(-1, 2)}, nil, true},
		{"empty", "abc", []models.MessageEntity{ent(1, 0)}, nil, true},
		{"inside a surrogate pair", "😀x", []models.MessageEntity{ent(1, 2)}, nil, true},
		{"ends inside a surrogate pair", "😀x", []models.MessageEntity{ent(0, 1)}, nil, true},
		{"crossing", "abcdef", []models.MessageEntity{ent(0, 4), ent(2, 4)}, nil, true},
		{"crossing inside a nest", "abcdefgh", []models.MessageEntity{ent(0, 8), ent(1, 3), ent(2, 4)}, nil, true},
		{"on empty text", "", []models.MessageEntity{ent(0, 1)}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans, err := entities.Locate(tt.text, tt.ents)
			if tt.bad {
				if !errors.Is(err, entities.ErrMalformed) {
					t.Fatalf("err = %v, want ErrMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sp := range spans {
				got = append(got, tt.text[sp.Start:sp.End])
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckUpdate(t *testing.T) {
	good := &models.Message{Text: "/start x", Entities: []models.MessageEntity{ent(0, 6)}}
	badCaption := &models.Message{Caption: "ad", CaptionEntities: []models.MessageEntity{ent(1, 5)}}
	cases := []struct {
		u   *models.Update
		bad bool
	}{
		{&models.Update{ID: 1, Message: good}, false},
		{&models.Update{ID: 2, Message: badCaption}, true},
		{&models.Update{ID: 3, EditedMessage: badCaption}, true},
		{&models.Update{ID: 4, ChannelPost: badCaption}, true},
		{&models.Update{ID: 5, CallbackQuery: &models.CallbackQuery{Message: models.MaybeInaccessibleMessage{Message: badCaption}}}, true},
		{&models.Update{ID: 6, CallbackQuery: &models.CallbackQuery{}}, false},
		{&models.Update{ID: 7}, false},
	}
	for _, c := range cases {
		if err := entities.CheckUpdate(c.u); (err != nil) != c.bad {
			t.Errorf("update %d: err = %v, want bad = %v", c.u.ID, err, c.bad)
		}
	}
}

// FuzzLocate checks that Locate never panics and that what it accepts agrees with the UTF-16
// slicing Telegram does.
func FuzzLocate(f *testing.F) {
	f.Add("😀 @bot hi", 3, 4, 0, 1)
	f.Add("ویزا فیس", 0, 4, 5, 3)
	f.Add("abc", 1, 5, -1, 2)
	f.Fuzz(func(t *testing.T, text string, o1, l1, o2, l2 int) {
		ents := []models.MessageEntity{ent(o1, l1), ent(o2, l2)}
		spans, err := entities.Locate(text, ents)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			return // Telegram's text is always valid UTF-8; the comparison below needs it.
		}
		units := utf16.Encode([]rune(text))
		for i, e := range ents {
			want := string(utf16.Decode(units[e.Offset : e.Offset+e.Length]))
			if got := text[spans[i].Start:spans[i].End]; got != want {
				t.Fatalf("entity %d: %q, want %q", i, got, want)
			}
		}
	})
}

// manyMentions is a text of n mentions, each with its entity, after an emoji so that UTF-16
// offsets and byte offsets differ.
func manyMentions(n int) (string, []models.MessageEntity) {
	var b strings.Builder
	b.WriteString("😀 ")
	ents := make([]models.MessageEntity, 0, n)
	unit := 3
	for range n {
		b.WriteString("@someone_else ویزا ")
		ents = append(ents, models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: unit, Length: 13})
		unit += 19
	}
	return b.String(), ents
}

// BenchmarkLocate maps 10, 1,000 and 10,000 mentions; ns/op divided by the count stays flat.
func BenchmarkLocate(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		text, ents := manyMentions(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := entities.Locate(text, ents); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
