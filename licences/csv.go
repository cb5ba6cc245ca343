package licences

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
)

// Snapshot is one parsed register file: the good records and the rows that were skipped.
type Snapshot struct {
	Source  string     // where the file came from, e.g. its path
	Records []Record   // valid rows, in file order, numbers unique
	Errors  []RowError // skipped rows, in file order
}

// RowError is a register row that was skipped, with its 1-based physical line number.
type RowError struct {
	Line int
	Err  error
}

// Error reads like `line 7: unknown status "Pending"`.
func (e RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e RowError) Unwrap() error { return e.Err }

// column is one register field and the header spellings it is known by (normalised: lower case,
// letters and digits only).
type column struct {
	name     string // as the register spells it, for error messages
	aliases  []string
	required bool
}

const (
	colNumber = iota
	colTitle
	colProprietor
	colStatus
	colExpiry
	colHeadOffice
	numColumns
)

var columns = [numColumns]column{
	colNumber:     {"Licence No.", []string{"licenceno", "licenseno", "licencenumber", "licensenumber", "licno"}, true},
	colTitle:      {"Licence Title", []string{"licencetitle", "licensetitle", "title"}, true},
	colProprietor: {"Proprietor Name", []string{"proprietorname", "proprietor"}, false},
	colStatus:     {"Status", []string{"status", "licencestatus", "licensestatus"}, true},
	colExpiry:     {"Expiry Date", []string{"expirydate", "expiry", "dateofexpiry"}, false},
	colHeadOffice: {"Head Office", []string{"headoffice"}, false},
}

var statuses = map[string]Status{
	"active": Active, "expired": Expired, "suspended": Suspended, "cancelled": Cancelled,
	"canceled": Cancelled, "surrendered": Surrendered, "invalid": Invalid,
}

var dateLayouts = []string{"2006-1-2", "2-1-2006", "2/1/2006"}

// ParseCSV reads a BEOE register export. The header row is required and matched by name (case,
// spaces and punctuation ignored, any order); Licence No., Licence Title and Status must be
// there, Proprietor Name, Expiry Date and Head Office may be, other columns are ignored. Lines
// starting with '#' before the header are comments. A bad row is recorded in Snapshot.Errors and
// skipped; a file without a header, a required column or any valid row is an error.
func ParseCSV(r io.Reader, source string) (*Snapshot, error) {
	br := bufio.NewReader(r)
	skipped, first, err := skipPreamble(br)
	if err != nil {
		return nil, fmt.Errorf("read licence register %s: %w", source, err)
	}
	cr := csv.NewReader(io.MultiReader(strings.NewReader(first), br))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read licence register %s: no header row", source)
	}
	if err != nil {
		return nil, fmt.Errorf("read licence register %s: header: %w", source, err)
	}
	index, err := headerIndex(header)
	if err != nil {
		return nil, fmt.Errorf("read licence register %s: %w", source, err)
	}
	snap := &Snapshot{Source: source}
	firstLine := map[string]int{}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			snap.Errors = append(snap.Errors, RowError{Line: pe.StartLine + skipped, Err: pe.Err})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read licence register %s: %w", source, err)
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		if blankRow(row) {
			continue
		}
		rec, err := parseRow(row, index)
		if err == nil {
			if prev, dup := firstLine[rec.Number]; dup {
				err = fmt.Errorf("duplicate licence number %s (first on line %d)", rec.Number, prev)
			}
		}
		if err != nil {
			snap.Errors = append(snap.Errors, RowError{Line: line, Err: err})
			continue
		}
		firstLine[rec.Number] = line
		snap.Records = append(snap.Records, rec)
	}
	if len(snap.Records) == 0 {
		if len(snap.Errors) > 0 {
			return nil, fmt.Errorf("read licence register %s: no valid rows (%d bad, first %w)", source, len(snap.Errors), snap.Errors[0])
		}
		return nil, fmt.Errorf("read licence register %s: no rows after the header", source)
	}
	return snap, nil
}

// skipPreamble drops a UTF-8 byte order mark and the comment ('#') and blank lines before the
// header. It returns how many lines it dropped and the first line it kept, which it had to read.
func skipPreamble(br *bufio.Reader) (int, string, error) {
	for skipped := 0; ; skipped++ {
		line, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, "", err
		}
		if skipped == 0 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if trimmed := strings.TrimSpace(line); trimmed != "" && trimmed[0] != '#' {
			return skipped, line, nil
		}
		if err != nil {
			return skipped, "", nil // only comments and blank lines
		}
	}
}

// headerIndex finds each known column's position, or -1; it refuses a header without a
// required column.
func headerIndex(header []string) ([numColumns]int, error) {
	var index [numColumns]int
	for c := range index {
		index[c] = -1
	}
	for i, h := range header {
		h = normaliseHeader(h)
		for c, col := range columns {
			for _, a := range col.aliases {
				if h == a && index[c] < 0 {
					index[c] = i
				}
			}
		}
	}
	var missing []string
	for c, col := range columns {
		if col.required && index[c] < 0 {
			missing = append(missing, fmt.Sprintf("%q", col.name))
		}
	}
	if len(missing) > 0 {
		return index, fmt.Errorf("header lacks required column %s (found %q)", strings.Join(missing, ", "), header)
	}
	return index, nil
}

func normaliseHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func blankRow(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parseRow turns one CSV row into a Record.
func parseRow(row []string, index [numColumns]int) (Record, error) {
	field := func(c int) string {
		if index[c] < 0 || index[c] >= len(row) {
			return ""
		}
		return strings.TrimSpace(strings.ToValidUTF8(row[index[c]], "\uFFFD"))
	}
	var rec Record
	var err error
	if rec.Number, err = ParseNumber(field(colNumber)); err != nil {
		return rec, fmt.Errorf("licence number: %w", err)
	}
	if rec.Title = field(colTitle); rec.Title == "" {
		return rec, errors.New("empty licence title")
	}
	status := field(colStatus)
	var ok bool
	if rec.Status, ok = statuses[strings.ToLower(status)]; !ok {
		return rec, fmt.Errorf("unknown status %q", status)
	}
	if rec.Expires, err = parseDate(field(colExpiry)); err != nil {
		return rec, err
	}
	rec.Proprietor = field(colProprietor)
	rec.HeadOffice = field(colHeadOffice)
	return rec, nil
}

// parseDate reads 2027-06-30, 30-06-2027 or 30/06/2027; empty is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad expiry date %q: expected 2027-06-30, 30-06-2027 or 30/06/2027", s)
}
