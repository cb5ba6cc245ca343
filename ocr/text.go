package ocr

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean tidies what Tesseract printed: it drops the directional marks Tesseract puts around
// numbers and Latin words inside Urdu lines (they would fight the bidi isolation of the reply),
// form feeds and other control characters, trims each line, keeps no blank lines, and puts phone
// numbers of Urdu lines back in writing order (RepairNumbers).
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
			lines = append(lines, RepairNumbers(line))
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

// phoneGroups is a number written in groups: digits (ASCII, Urdu or Arabic-Indic) joined by
// hyphens or single spaces.
var phoneGroups = regexp.MustCompile(`[0-9۰-۹٠-٩]+(?:[- ][0-9۰-۹٠-٩]+)+`)

// RepairNumbers puts back in writing order the phone numbers Tesseract returned in display order
// from an Urdu line: the groups of "0301-5550123" come out as "5550123-0301" when the engine
// reads the right-to-left line visually. A number is turned round only when it then starts the
// way Pakistani numbers start (an 0 area or mobile code, or 111 of a UAN) and did not before, and
// has the length of one (9 to 13 digits), so amounts and dates are left as they are. Lines with
// no Arabic-script letter are not touched.
func RepairNumbers(line string) string {
	if ArabicShare(line) == 0 {
		return line
	}
	return phoneGroups.ReplaceAllStringFunc(line, func(m string) string {
		var groups, seps []string
		start := 0
		for i, r := range m {
			if r == '-' || r == ' ' {
				groups = append(groups, m[start:i])
				seps = append(seps, string(r))
				start = i + 1
			}
		}
		groups = append(groups, m[start:])
		digits := 0
		for _, g := range groups {
			digits += utf8.RuneCountInString(g)
		}
		if digits < 9 || digits > 13 || leadsANumber(groups[0]) || !leadsANumber(groups[len(groups)-1]) {
			return m
		}
		var b strings.Builder
		for i := len(groups) - 1; i >= 0; i-- {
			b.WriteString(groups[i])
			if i > 0 {
				b.WriteString(seps[i-1])
			}
		}
		return b.String()
	})
}

// leadsANumber reports whether a digit group is how a Pakistani phone number begins: an area or
// mobile code (0 and two to four digits) or the 111 of a universal access number.
func leadsANumber(g string) bool {
	ascii := []rune(g)
	for i, r := range ascii {
		switch {
		case r >= '۰' && r <= '۹':
			ascii[i] = '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			ascii[i] = '0' + (r - '٠')
		}
	}
	s := string(ascii)
	return s == "111" || (len(s) >= 3 && len(s) <= 5 && s[0] == '0')
}
