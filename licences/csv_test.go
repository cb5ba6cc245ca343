package licences_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

func TestParseCSVReadsCommentedBOMCRLFSample(t *testing.T) {
	snap := mustParse(t, sampleCSV)
	if snap.Source != "sample.csv" || len(snap.Errors) != 0 {
		t.Fatalf("source %q, errors %v", snap.Source, snap.Errors)
	}
	want := []licences.Record{
		{Number: "9848/LHR", Title: "Crescent Manpower Services", Proprietor: "Ahmed Raza", Status: licences.Active,
			Expires: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), HeadOffice: "12 Mall Road, Lahore"},
		{Number: "9600/RWP", Title: "Talagang International", Proprietor: "Bilal Khan", Status: licences.Active,
			Expires: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), HeadOffice: "Rawalpindi"},
		{Number: "9660/RWP", Title: "Talagang International", Proprietor: "Imran Awan", Status: licences.Expired,
			Expires: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), HeadOffice: "Rawalpindi"},
		{Number: "9859/LHR", Title: "Al-Noor Overseas Employment Promoters", Proprietor: "Noor Ahmed",
			Status: licences.Suspended, HeadOffice: "Lahore"},
		{Number: "9788/RWP", Title: "Al-Falah Overseas (Pvt) Ltd", Proprietor: "Saima Bibi", Status: licences.Cancelled,
			Expires: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), HeadOffice: "Rawalpindi"},
	}
	if len(snap.Records) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(snap.Records), len(want), snap.Records)
	}
	for i := range want {
		if snap.Records[i] != want[i] {
			t.Errorf("record %d = %+v, want %+v", i, snap.Records[i], want[i])
		}
	}
}

func TestParseCSVMatchesHeadersByNameInAnyOrder(t *testing.T) {
	tests := []struct{ name, header, row string }{
		{"register spelling", "Licence No.,Licence Title,Status", "9848/lhr,Crescent Manpower,Active"},
		{"reordered", "Status,Licence Title,Licence No.", "Active,Crescent Manpower,9848/lhr"},
		{"American spelling", "License No,License Title,STATUS", "9848/lhr,Crescent Manpower,Active"},
		{"Licence Number and Title", "licence number , title ,status", "9848/lhr,Crescent Manpower,Active"},
		{"unknown columns ignored", "Sr.,Branch Office(s),Licence No.,Remarks,Licence Title,Status", "1,Karachi,9848/lhr,x,Crescent Manpower,Active"},
		{"upper case, no spaces", "LICENCENO.,LICENCETITLE,STATUS,EXPIRYDATE", "9848/lhr,Crescent Manpower,Active,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := mustParse(t, tt.header+"\n"+tt.row+"\n")
			if len(snap.Records) != 1 || snap.Records[0].Number != "9848/LHR" || snap.Records[0].Title != "Crescent Manpower" ||
				snap.Records[0].Status != licences.Active {
				t.Errorf("got %+v, errors %v", snap.Records, snap.Errors)
			}
		})
	}
}

func TestParseCSVReportsBadRowsWithPhysicalLineNumbers(t *testing.T) {
	csv := "# comment line 1\n" + // 1
		"\n" + // 2
		"Licence No.,Licence Title,Status,Expiry Date\n" + // 3
		"9848/LHR,Crescent Manpower,Active,2027-06-30\n" + // 4
		"\"0001/LHR\",\"A title\n spanning lines\",Active,\n" + // 5-6
		"abc,No Number Ltd,Active,\n" + // 7
		"0002/LHR,Pending Ltd,Pending,\n" + // 8
		"0003/LHR,,Active,\n" + // 9
		"0004/LHR,Bad Date Ltd,Active,31/02/2027\n" + // 10
		",,,\n" + // 11: blank row, ignored
		"9848/lhr,Crescent Again,Active,\n" + // 12
		"0005/LHR,Good Ltd,active,\n" // 13
	snap := mustParse(t, csv)
	var got []string
	for _, e := range snap.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`line 7: licence number: "abc" is not a licence number: expected digits, a slash and a region, like 9848/LHR`,
		`line 8: unknown status "Pending"`,
		`line 9: empty licence title`,
		`line 10: bad expiry date "31/02/2027": expected 2027-06-30, 30-06-2027 or 30/06/2027`,
		`line 12: duplicate licence number 9848/LHR (first on line 4)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var numbers []string
	for _, r := range snap.Records {
		numbers = append(numbers, r.Number)
	}
	if strings.Join(numbers, " ") != "9848/LHR 0001/LHR 0005/LHR" {
		t.Errorf("records %v", numbers)
	}
	if !errors.Is(snap.Errors[0], snap.Errors[0].Err) || snap.Errors[1].Line != 8 {
		t.Errorf("RowError does not unwrap or lost its line: %+v", snap.Errors[1])
	}
}

func TestParseCSVRefusesMissingRequiredColumn(t *testing.T) {
	for missing, header := range map[string]string{
		"Licence No.":   "Licence Title,Status",
		"Licence Title": "Licence No.,Status",
		"Status":        "Licence No.,Licence Title,Expiry Date",
	} {
		_, err := licences.ParseCSV(strings.NewReader(header+"\n9848/LHR,x,Active\n"), "f.csv")
		if err == nil || !strings.Contains(err.Error(), `"`+missing+`"`) {
			t.Errorf("without %s: err = %v, want one naming the column", missing, err)
		}
	}
}

func TestParseCSVRefusesFilesWithoutValidRows(t *testing.T) {
	for name, csv := range map[string]string{
		"empty":          "",
		"only comments":  "# nothing here\n# still nothing",
		"header only":    "Licence No.,Licence Title,Status\n",
		"only bad rows":  "Licence No.,Licence Title,Status\nabc,x,Active\n0001/LHR,y,Pending\n",
		"BOM only":       "\ufeff",
		"blank then EOF": "\n\n   \n",
	} {
		if snap, err := licences.ParseCSV(strings.NewReader(csv), "f.csv"); err == nil {
			t.Errorf("%s: got %+v, want an error", name, snap)
		} else if !strings.Contains(err.Error(), "f.csv") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

func TestParseCSVMapsEveryStatusSpelling(t *testing.T) {
	for in, want := range map[string]licences.Status{
		"Active": licences.Active, "ACTIVE": licences.Active, "expired": licences.Expired,
		"Suspended": licences.Suspended, "Cancelled": licences.Cancelled, "Canceled": licences.Cancelled,
		"Surrendered": licences.Surrendered, "Invalid": licences.Invalid, " active ": licences.Active,
	} {
		snap := mustParse(t, "Licence No.,Licence Title,Status\n9848/LHR,Crescent,"+in+"\n")
		if got := snap.Records[0].Status; got != want {
			t.Errorf("status %q = %q, want %q", in, got, want)
		}
	}
}

func TestParseCSVReadsThreeDateFormats(t *testing.T) {
	want := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2027-06-30", "30-06-2027", "30/06/2027", "30/6/2027"} {
		snap := mustParse(t, "Licence No.,Licence Title,Status,Expiry Date\n9848/LHR,Crescent,Active,"+in+"\n")
		if got := snap.Records[0].Expires; !got.Equal(want) {
			t.Errorf("date %q = %v, want %v", in, got, want)
		}
	}
	snap := mustParse(t, "Licence No.,Licence Title,Status,Expiry Date\n9848/LHR,Crescent,Active,\n0001/LHR,B,Active,06/30/2027\n")
	if !snap.Records[0].Expires.IsZero() {
		t.Errorf("empty date = %v, want zero", snap.Records[0].Expires)
	}
	if len(snap.Errors) != 1 || snap.Errors[0].Line != 3 {
		t.Errorf("month-first date accepted: %v", snap.Errors)
	}
}

func TestParseCSVKeepsFirstOfDuplicateNumbers(t *testing.T) {
	snap := mustParse(t, "Licence No.,Licence Title,Status\n9848/LHR,First,Active\n۹۸۴۸/lhr,Second,Expired\n9848/LHR,Third,Active\n")
	if len(snap.Records) != 1 || snap.Records[0].Title != "First" {
		t.Errorf("records %+v", snap.Records)
	}
	if len(snap.Errors) != 2 || snap.Errors[0].Line != 3 || snap.Errors[1].Line != 4 {
		t.Errorf("errors %v", snap.Errors)
	}
}

func TestParseCSVToleratesLazyQuotesAndShortRows(t *testing.T) {
	snap := mustParse(t, "Licence No.,Licence Title,Status,Head Office\n9848/LHR,Ali \"Star\" Travels,Active\n")
	if len(snap.Records) != 1 || snap.Records[0].Title != `Ali "Star" Travels` || snap.Records[0].HeadOffice != "" {
		t.Errorf("records %+v errors %v", snap.Records, snap.Errors)
	}
}
