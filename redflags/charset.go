package redflags

import (
	"strings"
	"unicode/utf8"
)

// charSet is a set of characters that a text is searched for, as strings.ContainsAny(s, chars)
// does. ContainsAny decodes every rune of s and looks it up in chars, which is slow when chars
// holds a character outside ASCII ("\n۔?!؟"), and the analyser asks it of thousands of gaps and
// spans per text. A charSet reads s a byte at a time instead: an ASCII byte is a character of its
// own, tested against a bitmap, and a character outside ASCII is found by its encoding at a byte
// that starts it. Both find the same characters in any string, valid UTF-8 or not: a byte that
// starts a character (ASCII, or a lead byte) is never read by the decoder as part of the
// character before it, so each starts a rune there, and a rune's encoding found at such a byte is
// that rune.
type charSet struct {
	ascii [2]uint64
	lead  [4]uint64 // the first bytes of other's encodings
	other []string  // the encodings of the characters outside ASCII
}

// newCharSet returns the charSet of the characters of chars, which must be valid UTF-8 without
// U+FFFD (which ContainsAny would also find at an invalid byte).
func newCharSet(chars string) charSet {
	var c charSet
	for _, r := range chars {
		if r == utf8.RuneError {
			panic("newCharSet: " + chars + " holds an invalid byte or U+FFFD")
		}
		if r < utf8.RuneSelf {
			c.ascii[r>>6] |= 1 << (r & 63)
		} else {
			o := string(r)
			c.lead[o[0]>>6] |= 1 << (o[0] & 63)
			c.other = append(c.other, o)
		}
	}
	return c
}

// in reports whether s holds one of the characters of c: strings.ContainsAny(s, chars).
func (c *charSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < utf8.RuneSelf {
			if c.ascii[b>>6]&(1<<(b&63)) != 0 {
				return true
			}
			continue
		}
		if c.lead[b>>6]&(1<<(b&63)) == 0 {
			continue // most bytes of a text in Urdu: neither ASCII nor the start of a character of c
		}
		for _, o := range c.other {
			if strings.HasPrefix(s[i:], o) {
				return true
			}
		}
	}
	return false
}

// The character sets the analyser looks for in gaps between words and in spans of text.
var (
	// sentenceBreaks end a line or a sentence other than by a full stop: "\n۔?!؟".
	sentenceBreaks = newCharSet("\n۔?!؟")
	// lineOrSentenceBreaks part one line or sentence from the next, or a list's items: "/|\n.۔".
	lineOrSentenceBreaks = newCharSet("/|\n.۔")
	// verdictMarks point at a pasted offer or judge it (verdictLine).
	verdictMarks = newCharSet("⚠⛔🚨👇👆☝❌🚫")
	// anyDigit are the ASCII digits and Urdu's.
	anyDigit = newCharSet("0123456789۰۱۲۳۴۵۶۷۸۹")
	// statementEnds part two statements or end a question: ";?؟".
	statementEnds = newCharSet(";?؟")
	// urduStopOrLine end an Urdu sentence or a line: "۔\n".
	urduStopOrLine = newCharSet("۔\n")
	// numberGapBreaks part a number from the word beside it: "\n.,،۔".
	numberGapBreaks = newCharSet("\n.,،۔")
	// chatNameBreaks cannot stand in the name before a chat line's colon: ".!?،۔".
	chatNameBreaks = newCharSet(".!?،۔")
)
