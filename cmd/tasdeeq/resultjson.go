package main

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/redflags"
)

// appendResult appends the JSON of a checkResult, byte for byte as json.Marshal writes it.
// json.Marshal walks the verdict by reflection and allocates as it goes, which cost `check
// --jsonl` a twentieth of its time; a verdict has a fixed shape, written here field by field in
// the order and with the omitempty rules of its tags. A verdict that carries reports (only with
// REDIS_URL) or an id that is neither a string nor absent is left to json.Marshal.
func appendResult(dst []byte, r checkResult) ([]byte, error) {
	if !plainResult(r) {
		b, err := json.Marshal(r)
		return append(dst, b...), err
	}
	v := &r.Verdict
	dst = append(dst, '{')
	if id, ok := r.ID.(string); ok {
		dst = append(dst, `"id":`...)
		dst = appendJSONString(dst, id)
		dst = append(dst, ',')
	}
	dst = appendStringField(dst, `"kind":`, string(v.Kind))
	dst = appendStringField(dst, `,"risk":`, string(v.Risk))
	dst = append(dst, `,"score":`...)
	dst = strconv.AppendInt(dst, int64(v.Score), 10)
	dst = appendStringField(dst, `,"language":`, string(v.Language))
	dst = append(dst, `,"job_ad":`...)
	dst = strconv.AppendBool(dst, v.JobAd)
	dst = append(dst, `,"flags":`...)
	dst = appendArray(dst, v.Flags, appendFlag)
	dst = append(dst, `,"licences":`...)
	dst = appendArray(dst, v.Licences, appendLicence)
	if p := v.Payment; p != nil {
		dst = append(dst, `,"payment":{`...)
		comma := false
		if p.AmountPKR != 0 {
			dst = append(dst, `"amount_pkr":`...)
			dst = strconv.AppendInt(dst, p.AmountPKR, 10)
			comma = true
		}
		if p.Channel != "" {
			if comma {
				dst = append(dst, ',')
			}
			dst = appendStringField(dst, `"channel":`, p.Channel)
		}
		dst = append(dst, '}')
	}
	if v.Topic != "" {
		dst = appendStringField(dst, `,"topic":`, string(v.Topic))
	}
	if v.OtherLanguage != "" {
		dst = appendStringField(dst, `,"other_language":`, v.OtherLanguage)
	}
	return append(dst, '}'), nil
}

// plainResult reports whether appendResult writes r itself: its id is a string or absent, and
// no flag carries reports.
func plainResult(r checkResult) bool {
	switch r.ID.(type) {
	case nil, string:
	default:
		return false
	}
	for _, f := range r.Flags {
		if f.Reports != nil {
			return false
		}
	}
	return true
}

// appendArray writes xs as json.Marshal does a slice: null when it is nil, else an array of
// what elem writes for each element.
func appendArray[T any](dst []byte, xs []T, elem func([]byte, T) []byte) []byte {
	if xs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, x := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = elem(dst, x)
	}
	return append(dst, ']')
}

// appendFlag writes one flag as json.Marshal does.
func appendFlag(dst []byte, f redflags.Flag) []byte {
	dst = appendStringField(dst, `{"code":`, string(f.Code))
	dst = appendStringField(dst, `,"evidence":`, f.Evidence)
	dst = append(dst, `,"start":`...)
	dst = strconv.AppendInt(dst, int64(f.Start), 10)
	dst = append(dst, `,"end":`...)
	dst = strconv.AppendInt(dst, int64(f.End), 10)
	if f.Rule != "" {
		dst = appendStringField(dst, `,"rule":`, f.Rule)
	}
	return append(dst, '}')
}

// appendLicence writes one licence as json.Marshal does.
func appendLicence(dst []byte, l redflags.Licence) []byte {
	dst = appendStringField(dst, `{"text":`, l.Text)
	dst = appendStringField(dst, `,"number":`, l.Number)
	dst = appendStringField(dst, `,"status":`, string(l.Status))
	if l.Title != "" {
		dst = appendStringField(dst, `,"title":`, l.Title)
	}
	if l.Expires != "" {
		dst = appendStringField(dst, `,"expires":`, l.Expires)
	}
	return append(dst, '}')
}

func appendStringField(dst []byte, key, s string) []byte {
	return appendJSONString(append(dst, key...), s)
}

// appendJSONString quotes s as json.Marshal does: HTML-safe, with U+2028 and U+2029 escaped and
// invalid UTF-8 replaced by \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// jsonSafe marks the ASCII bytes json.Marshal writes as they are: printable, and neither a quote,
// a backslash nor one of the HTML characters <, > and &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := byte(0x20); b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()
