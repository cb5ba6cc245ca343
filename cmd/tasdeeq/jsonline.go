package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeLine reads a line of `check --jsonl` written the way tools write one: an object with
// the keys "id" (a string or a number) and "text" (a string), each at most once, in lower case.
// For such a line it sets in exactly as json.Unmarshal would and reports true; for any other
// line (other keys, null, a surrogate escape, invalid UTF-8, anything that is not plain valid
// JSON) it reports false and leaves the line to json.Unmarshal, which also words the errors.
// Reading the line once by hand costs a fraction of json.Unmarshal's validation pass followed
// by its reflective decoding, which took a tenth of the command's time.
func decodeLine(line []byte, in *jsonlInput) bool {
	p := lineParser{b: line}
	p.space()
	if !p.byte('{') {
		return false
	}
	var id any
	var text *string
	seenID := false
	for {
		p.space()
		key, ok := p.key()
		if !ok {
			return false
		}
		p.space()
		if !p.byte(':') {
			return false
		}
		p.space()
		switch {
		case key == "id" && !seenID:
			seenID = true
			if p.i < len(p.b) && p.b[p.i] == '"' {
				s, ok := p.str()
				if !ok {
					return false
				}
				id = s
			} else {
				f, ok := p.number()
				if !ok {
					return false
				}
				id = f
			}
		case key == "text" && text == nil:
			s, ok := p.str()
			if !ok {
				return false
			}
			text = &s
		default:
			return false // another key, or one given twice: json.Unmarshal decides
		}
		p.space()
		if p.byte('}') {
			break
		}
		if !p.byte(',') {
			return false
		}
	}
	p.space()
	if p.i != len(p.b) {
		return false
	}
	in.ID, in.Text = id, text
	return true
}

// lineParser reads JSON from b at i.
type lineParser struct {
	b []byte
	i int
}

func (p *lineParser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *lineParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// key reads a quoted key of lower-case ASCII letters.
func (p *lineParser) key() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= 'a' && p.b[p.i] <= 'z' {
		p.i++
	}
	end := p.i
	if !p.byte('"') {
		return "", false
	}
	return string(p.b[start:end]), true
}

// str reads a JSON string of valid UTF-8 whose escapes are the simple ones or \u of a rune that
// is not a surrogate.
func (p *lineParser) str() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	// Most strings have no escape: find the end, checking the bytes on the way.
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// escaped finishes reading a string that has escapes, from its first escape at p.i. It writes
// into a strings.Builder, whose String does not copy: a line that json.Marshal wrote has escapes
// whenever its text holds a newline, a quote or one of <, > and &, which is most ads.
func (p *lineParser) escaped(start int) (string, bool) {
	var out strings.Builder
	out.Grow(len(p.b) - start)
	out.Write(p.b[start:p.i])
	for p.i < len(p.b) {
		// Copy the run of plain bytes up to the next quote, backslash or control byte at once.
		j := p.i
		for j < len(p.b) && p.b[j] != '"' && p.b[j] != '\\' && p.b[j] >= 0x20 {
			j++
		}
		out.Write(p.b[p.i:j])
		p.i = j
		if p.i == len(p.b) {
			break
		}
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			if !utf8.ValidString(out.String()) {
				return "", false
			}
			return out.String(), true
		case c < 0x20:
			return "", false
		}
		if p.i+1 >= len(p.b) {
			return "", false
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			out.WriteByte(e)
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			if p.i+4 > len(p.b) {
				return "", false
			}
			v, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 16)
			if err != nil || v >= 0xD800 && v <= 0xDFFF {
				return "", false // a surrogate: json.Unmarshal pairs them or replaces them
			}
			out.WriteRune(rune(v))
			p.i += 4
		default:
			return "", false
		}
	}
	return "", false
}

// number reads a JSON number as json.Unmarshal does into an interface: a float64.
func (p *lineParser) number() (float64, bool) {
	start := p.i
	p.byte('-')
	switch {
	case p.byte('0'):
	case p.i < len(p.b) && p.b[p.i] >= '1' && p.b[p.i] <= '9':
		p.digits()
	default:
		return 0, false
	}
	if p.byte('.') {
		if !p.digits() {
			return 0, false
		}
	}
	if p.byte('e') || p.byte('E') {
		if !p.byte('+') {
			p.byte('-')
		}
		if !p.digits() {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil {
		return 0, false // out of range: json.Unmarshal reports it
	}
	return f, true
}

// digits reads one or more digits.
func (p *lineParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
