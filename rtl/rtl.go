// Package rtl keeps numbers readable inside right-to-left text.
//
// In an Urdu line, the Unicode bidirectional algorithm (which every phone follows) treats the
// digits after an Arabic-script letter as Arabic numbers, and a hyphen, a space or a slash
// between two of them as a neutral that takes the line's right-to-left direction: so
// "ایف آئی اے 111-247-786" is shown as 786-247-111, a wrong number to dial, and "0848/LHR" as
// LHR/0848. Wrapping such a run in a left-to-right isolate (U+2066 … U+2069) keeps it in the
// order it was written, whatever surrounds it.
package rtl

import (
	"strings"
	"unicode/utf8"
)

// The explicit directional isolates.
const (
	LRI = '\u2066' // left-to-right isolate
	RLI = '\u2067' // right-to-left isolate
	FSI = '\u2068' // first-strong isolate
	PDI = '\u2069' // pop directional isolate
)

// IsDigit reports whether r is a decimal digit in any script Pakistanis write numbers in:
// ASCII, Urdu (Extended Arabic-Indic) or Arabic-Indic.
func IsDigit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '\u06f0' && r <= '\u06f9') || (r >= '\u0660' && r <= '\u0669')
}

func isLatin(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

// joiner is a character that joins two parts of one left-to-right run: 111-247-786, 0848/LHR,
// 25,000, 2026-11-02, 10:30, 4.5.
func joiner(r rune) bool {
	switch r {
	case '-', '/', '.', ',', ':', '+', '_', '\u066b', '\u066c', '\u2011': // also Arabic decimal and thousands separators, the non-breaking hyphen
		return true
	}
	return false
}

// LRM is the left-to-right mark, an invisible strong left-to-right character.
const LRM = '\u200e'

// IsolateNumbers wraps in LRI … PDI every run of s that must read left to right: a number with
// its separators (25,000; 111-247-786; 2026-11-02), a phone number written in groups
// (0301 5550123), a licence number (0848/LHR) and an amount with a Latin unit (25k). A command
// (/case) is not wrapped, because Telegram makes it tappable only after a space or at the start
// of a line: a left-to-right mark goes before that space instead, which keeps its slash on the
// left. Runs already inside an isolate are left alone, so text can pass through it twice.
func IsolateNumbers(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return IsDigit(r) || r == '/' }) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	depth := 0
	prev, prev2 := ' ', ' '
	prevAt := -1 // where in b the rune prev was written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case LRI, RLI, FSI:
			depth++
		case PDI:
			depth = max(0, depth-1)
		}
		if depth == 0 && startsRun(s[i+size:], r, prev, prev2) {
			end := i + runLength(s[i:])
			if r == '/' {
				if prevAt >= 0 && prev != LRM && !(prevAt > 0 && strings.HasSuffix(string(b[:prevAt]), string(LRM))) {
					b = append(b[:prevAt], append([]byte(string(LRM)), b[prevAt:]...)...)
				}
				b = append(b, s[i:end]...)
			} else {
				b = utf8.AppendRune(b, LRI)
				b = append(b, s[i:end]...)
				b = utf8.AppendRune(b, PDI)
			}
			prev, _ = utf8.DecodeLastRuneInString(s[i:end])
			prev2, prevAt = prev, -1
			i = end
			continue
		}
		prevAt = len(b)
		b = append(b, s[i:i+size]...)
		prev, prev2 = r, prev
		i += size
	}
	return string(b)
}

// startsRun reports whether a left-to-right run starts with r (after prev2 and prev, before
// rest). Not inside a Latin word such as JazzCash2 or TSQ-7K3F9Q: after Latin letters the digits
// already read left to right.
func startsRun(rest string, r, prev, prev2 rune) bool {
	if isLatin(prev) || IsDigit(prev) || (joiner(prev) && (isLatin(prev2) || IsDigit(prev2))) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest)
	switch {
	case IsDigit(r):
		return true
	case r == '+':
		return IsDigit(next)
	case r == '/':
		// A command: "/case" at the start of a word.
		return isLatin(next) && (prev == ' ' || prev == '\n' || prev == '(' || prev == '«' || prev == '"' || prev == '“')
	}
	return false
}

// runLength is the length in bytes of the left-to-right run at the start of s: digits and Latin
// letters, joined by joiners, and digit groups joined by single spaces when both sides have
// three digits or more (a phone number written 0301 5550123). A joiner at the end is not part
// of it (the full stop after a number).
func runLength(s string) int {
	end, group := 0, 0 // group: digits in the current digit group
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		switch {
		case IsDigit(r):
			group++
		case isLatin(r) || (r == '/' && i == 0) || r == '%':
			group = 0
		case joiner(r) && (IsDigit(next) || isLatin(next)):
			group = 0
		case r == ' ' && group >= 3 && digitsAhead(s[i+size:]) >= 3:
			group = 0
		default:
			return end
		}
		i += size
		end = i
	}
	return end
}

// digitsAhead counts the digits at the start of s.
func digitsAhead(s string) int {
	n := 0
	for _, r := range s {
		if !IsDigit(r) {
			break
		}
		n++
	}
	return n
}

// StripControls removes the explicit directional formatting characters: the embeddings and
// overrides U+202A–U+202E and the isolates U+2066–U+2069. Marks (U+200E, U+200F, U+061C)
// stay: they cannot reorder anything outside an isolate around them.
func StripControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= LRI && r <= PDI)
}

// Quote prepares text someone else wrote for a reply in any language: its own directional
// controls removed, its numbers isolated when it has right-to-left letters (after which digits
// turn into Arabic numbers that reorder; in Latin text they cannot), and the whole wrapped in a
// first-strong isolate so it keeps its own direction without reordering the sentence around it.
// Empty stays empty.
func Quote(s string) string {
	s = StripControls(s)
	if s == "" {
		return s
	}
	if strings.ContainsFunc(s, isRTL) {
		s = IsolateNumbers(s)
	}
	return string(FSI) + s + string(PDI)
}

// isRTL reports whether r is a letter of a right-to-left script (Arabic, Urdu, Hebrew, Syriac,
// Thaana and their presentation forms).
func isRTL(r rune) bool {
	return (r >= '֐' && r <= 'ࣿ') || (r >= 'יִ' && r <= '﷿') || (r >= 'ﹰ' && r <= 'ﻼ')
}
