package ocr

import (
	"strings"
	"unicode"
)

// Clean tidies what Tesseract printed: it drops the directional marks Tesseract puts around
// numbers and Latin words inside Urdu lines (they would fight the bidi isolation of the reply),
// form feeds and other control characters, trims each line, and keeps no blank lines.
func Clean(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Map(func(r rune) rune {
			switch {
			case r == '\t':
				return ' '
			case r >= '\u200e' && r <= '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u061c':
				return -1
			case unicode.IsControl(r):
				return -1
			}
			return r
		}, line)
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// FirstLines returns up to n lines of text, each cut to at most width characters (with "…"),
// for showing the user what was read.
func FirstLines(text string, n, width int) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if len(out) == n {
			break
		}
		if r := []rune(line); len(r) > width {
			line = strings.TrimSpace(string(r[:width])) + "…"
		}
		out = append(out, line)
	}
	return out
}
