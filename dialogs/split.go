package dialogs

import (
	"strings"
	"unicode/utf16"
)

// MaxMessageUnits is Telegram's limit on a message: 4096 UTF-16 code units.
const MaxMessageUnits = 4096

// units is the length of s in UTF-16 code units, which is how Telegram counts.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Split cuts text into parts of at most max UTF-16 units, at line breaks where it can, else at
// spaces, else between characters (never inside a surrogate pair or a rune).
func Split(text string, max int) []string {
	var parts []string
	for units(text) > max {
		cut := cutPoint(text, max)
		parts = append(parts, strings.TrimRight(text[:cut], " \n"))
		text = strings.TrimLeft(text[cut:], " \n")
	}
	if text != "" || len(parts) == 0 {
		parts = append(parts, text)
	}
	return parts
}

// cutPoint is the byte offset of the best place to cut text so the first part fits max units.
func cutPoint(text string, max int) int {
	n, fit := 0, 0
	lastLine, lastSpace := -1, -1
	for i, r := range text {
		if n+utf16.RuneLen(r) > max {
			break
		}
		n += utf16.RuneLen(r)
		fit = i + len(string(r))
		switch r {
		case '\n':
			lastLine = fit
		case ' ':
			lastSpace = fit
		}
	}
	switch {
	case lastLine > fit/2:
		return lastLine
	case lastSpace > fit/2:
		return lastSpace
	case fit > 0:
		return fit
	}
	// A single character wider than max cannot happen for max >= 2; take one rune regardless.
	for i := range text {
		if i > 0 {
			return i
		}
	}
	return len(text)
}
