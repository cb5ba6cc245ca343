// Package entities reads the entities of a Telegram message (commands, mentions, links) against
// its text. Telegram counts entity offsets and lengths in UTF-16 code units while Go strings are
// UTF-8, so every entity has to be mapped to byte positions; doing that entity by entity costs
// the text's length each time, and a hostile update with thousands of entities over a long text
// then takes seconds. Locate maps them all in one pass over the text.
package entities

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Span is where an entity lies in its text, in bytes: text[Start:End].
type Span struct {
	Start, End int
}

// ErrMalformed is wrapped by every error Locate and CheckUpdate return.
var ErrMalformed = errors.New("malformed message entities")

// Locate maps each entity to its byte span in text, in the order given. It takes time linear in
// the text plus k·log k in the number of entities. It refuses, with an error wrapping
// ErrMalformed, what Telegram never sends: a negative offset, an empty entity, an entity past
// the end of the text, a boundary inside a character (between the two halves of a surrogate
// pair), and two entities that cross (share some characters without one containing the other;
// nesting is allowed, as Telegram allows bold inside a link).
func Locate(text string, ents []models.MessageEntity) ([]Span, error) {
	if len(ents) == 0 {
		return nil, nil
	}
	for i, e := range ents {
		if e.Offset < 0 || e.Length <= 0 || e.Offset > len(text)*2 || e.Length > len(text)*2 {
			// A UTF-8 byte is never more than one UTF-16 unit, so any bound past twice the
			// byte length is out of range without counting (and the sums below cannot overflow).
			return nil, fmt.Errorf("%w: entity %d has offset %d and length %d", ErrMalformed, i, e.Offset, e.Length)
		}
	}
	if err := checkNesting(ents); err != nil {
		return nil, err
	}

	// Every boundary (two per entity) in UTF-16 units, sorted once; one walk over the text then
	// finds the byte position of each.
	type point struct{ unit, entity, end int }
	points := make([]point, 0, 2*len(ents))
	for i, e := range ents {
		points = append(points, point{e.Offset, i, 0}, point{e.Offset + e.Length, i, 1})
	}
	slices.SortFunc(points, func(a, b point) int { return cmp.Compare(a.unit, b.unit) })

	spans := make([]Span, len(ents))
	set := func(p point, at int) {
		if p.end == 1 {
			spans[p.entity].End = at
		} else {
			spans[p.entity].Start = at
		}
	}
	next, unit := 0, 0
	for i, r := range text {
		for next < len(points) && points[next].unit <= unit {
			if points[next].unit < unit {
				return nil, fmt.Errorf("%w: entity %d has a boundary inside a character", ErrMalformed, points[next].entity)
			}
			set(points[next], i)
			next++
		}
		if next == len(points) {
			return spans, nil
		}
		unit += unitsOf(r)
	}
	for ; next < len(points); next++ {
		if points[next].unit != unit {
			return nil, fmt.Errorf("%w: entity %d ends past the text (%d UTF-16 units)", ErrMalformed, points[next].entity, unit)
		}
		set(points[next], len(text))
	}
	return spans, nil
}

// unitsOf is how many UTF-16 code units r takes. An invalid byte (utf8.RuneError) counts as one,
// as Telegram's own decoding would have replaced it with U+FFFD.
func unitsOf(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// checkNesting refuses entities that cross. Sorted by start, then longest first, each entity
// must either start after the innermost open one has ended or end inside it.
func checkNesting(ents []models.MessageEntity) error {
	order := make([]int, len(ents))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(ents[a].Offset, ents[b].Offset); c != 0 {
			return c
		}
		return cmp.Compare(ents[b].Length, ents[a].Length)
	})
	open := make([]int, 0, 8) // ends of the entities containing the current one
	for _, i := range order {
		start, end := ents[i].Offset, ents[i].Offset+ents[i].Length
		for len(open) > 0 && open[len(open)-1] <= start {
			open = open[:len(open)-1]
		}
		if len(open) > 0 && end > open[len(open)-1] {
			return fmt.Errorf("%w: entity %d crosses another", ErrMalformed, i)
		}
		open = append(open, end)
	}
	return nil
}

// CheckUpdate checks the entities of every text and caption in u (the message, an edited
// message, a channel post and the message a button belongs to) with Locate's rules.
func CheckUpdate(u *models.Update) error {
	for _, m := range []*models.Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost, callbackMessage(u)} {
		if m == nil {
			continue
		}
		if _, err := Locate(m.Text, m.Entities); err != nil {
			return fmt.Errorf("text: %w", err)
		}
		if _, err := Locate(m.Caption, m.CaptionEntities); err != nil {
			return fmt.Errorf("caption: %w", err)
		}
	}
	return nil
}

func callbackMessage(u *models.Update) *models.Message {
	if u.CallbackQuery == nil {
		return nil
	}
	return u.CallbackQuery.Message.Message
}
