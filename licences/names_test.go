package licences_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/licences"
)

func TestNameScoreMatchesVariantsOfOneName(t *testing.T) {
	tests := []struct {
		name, a, b string
		min        float64
	}{
		{"case and punctuation", "CRESCENT MANPOWER.", "crescent, manpower", 1},
		{"M/s and (Pvt) Ltd", "M/s Crescent Manpower (Pvt) Ltd", "Crescent Manpower", 1},
		{"Messrs and Private Limited", "Messrs. Crescent Manpower Private Limited", "Crescent Manpower", 1},
		{"Pvt Ltd and Co.", "Crescent Manpower Pvt. Ltd. & Co.", "Crescent Manpower", 1},
		{"The and OEP", "The Crescent Manpower OEP", "Crescent Manpower", 1},
		{"Overseas Employment Promoters", "Al-Noor Overseas Employment Promoters", "Al Noor", 1},
		{"word order", "International Talagang", "Talagang International", 1},
		{"Intl", "Talagang Intl", "Talagang International", 1},
		{"Al Noor, Al-Noor", "Al Noor Overseas", "Al-Noor Overseas", 1},
		{"Al-Noor, Alnoor", "Al-Noor Overseas", "Alnoor Overseas", 1},
		{"Al Noor, Al Nur", "Al Noor Overseas", "Al Nur Overseas", 1},
		{"El and Ul articles", "Ul Haq Travel", "Ulhaq Travel", 1},
		{"Oversease", "Zamzam Overseas", "Zamzam Oversease", 1},
		{"Oversees", "Zamzam Overseas", "Zamzam Oversees", 1},
		{"Man Power", "Crescent Manpower", "Crescent Man Power", 1},
		{"Urdu article and overseas", "النور اوورسیز", "Al-Noor Overseas", 1},
		{"Urdu Crescent Man Power", "کریسنٹ مین پاور", "Crescent Manpower", 1},
		{"Arabic letter variants", "كريسنٹ مين پاور", "Crescent Manpower", 1},
		{"Urdu diacritics", "اَلنُّور اوورسیز", "Al Noor Overseas", 1},
		{"joined words", "Tala Gang International", "Talagang International", 1},
		{"typo in distinctive word", "Talagnag International", "Talagang International", 0.7},
		{"extra common word", "Crescent Manpower", "Crescent Man Power Services", 0.8},
		{"abbreviation", "Talagang Intl", "Talagang International", licences.MatchThreshold},
		{"short query", "Crescent", "Crescent Manpower Services", 0.7},
		{"Latin diacritics", "Café Travels", "Cafe Travels", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := licences.NameScore(tt.a, tt.b); got < tt.min-1e-6 {
				t.Errorf("NameScore(%q, %q) = %.3f, want >= %.2f (keys %q vs %q)", tt.a, tt.b, got, tt.min,
					licences.NameKeys(tt.a), licences.NameKeys(tt.b))
			}
		})
	}
}

func TestNameScoreKeepsDifferentNamesApart(t *testing.T) {
	for _, tt := range [][2]string{
		{"Al-Noor Overseas", "Al-Falah Overseas"},
		{"النور اوورسیز", "Pioneer Overseas Services"}, // skeletons lnr and pnr: too short to tolerate an edit
		{"النور اوورسیز", "Minar Overseas Services"},
		{"Noor Overseas", "Raees Overseas"},
		{"Crescent Manpower", "Green Crescent Travel"},
		{"Talagang International", "Chakwal International"},
		{"Al-Noor Overseas", "Overseas Manpower Services"},
		{"Zamzam Travel", "Crescent Manpower"},
		{"النور اوورسیز", "الفلاح اوورسیز"},
		{"Crescent Manpower", ""},
		{"", ""},
		{"(Pvt) Ltd", "Crescent"},
	} {
		if got := licences.NameScore(tt[0], tt[1]); got >= licences.MatchThreshold {
			t.Errorf("NameScore(%q, %q) = %.3f, want below %.2f (keys %q vs %q)", tt[0], tt[1], got,
				licences.MatchThreshold, licences.NameKeys(tt[0]), licences.NameKeys(tt[1]))
		}
	}
}

func TestNameScoreRanksTheCloserNameHigher(t *testing.T) {
	q := "Crescent Manpower"
	near, far := licences.NameScore(q, "Crescent Man Power Services"), licences.NameScore(q, "Green Crescent Travel")
	if near <= far {
		t.Errorf("Crescent Man Power Services %.3f <= Green Crescent Travel %.3f", near, far)
	}
}

func TestNameScoreIsSymmetricAndBounded(t *testing.T) {
	names := []string{"Crescent Manpower", "Al-Noor Overseas", "النور اوورسیز", "Talagang International",
		"M/s Tala Gang Intl (Pvt) Ltd", "", "The", "Zamzam", "کریسنٹ مین پاور", "Green Crescent Travel"}
	for _, a := range names {
		for _, b := range names {
			ab, ba := licences.NameScore(a, b), licences.NameScore(b, a)
			if ab != ba || ab < 0 || ab > 1 {
				t.Errorf("NameScore(%q, %q) = %v, reversed %v", a, b, ab, ba)
			}
		}
	}
}

func TestPhoneticKeySharesKeysAcrossScriptsAndSpellings(t *testing.T) {
	for _, group := range [][]string{
		{"noor", "nur", "نور"},
		{"crescent", "کریسنٹ"},
		{"overseas", "oversease", "oversees", "اوورسیز"},
		{"shah", "شاہ"},
		{"khan", "خان"},
		{"chaudhry", "چوہدری"},
		{"ghazi", "غازی"},
		{"qasim", "kasim", "قاسم"},
		{"zar", "sar", "زر"},
		{"falah", "فلاح"},
	} {
		want := licences.PhoneticKey(group[0])
		for _, w := range group[1:] {
			if got := licences.PhoneticKey(w); got != want {
				t.Errorf("PhoneticKey(%q) = %q, want %q like %q", w, got, want, group[0])
			}
		}
	}
}

func TestEditDistanceAgreesWithDynamicProgramming(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "krsntlmpb"[rng.IntN(9)]
		}
		return string(b)
	}
	for range 5000 {
		a, b := word(1+rng.IntN(64)), word(rng.IntN(70))
		if got, want := licences.EditDistance(a, b), levenshtein(a, b); got != want {
			t.Fatalf("EditDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestMemorySearchReturnsBothTalagangDuplicates(t *testing.T) {
	mem := licences.NewMemory(mustParse(t, sampleCSV), time.Now())
	got, err := mem.Search(context.Background(), "talagang intl.", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Number != "9600/RWP" || got[1].Number != "9660/RWP" || got[0].Score != got[1].Score {
		t.Errorf("Search = %+v, want 9600/RWP and 9660/RWP with equal scores", got)
	}
}

func TestMemorySearchRanksAndLimits(t *testing.T) {
	ctx := context.Background()
	mem := licences.NewMemory(mustParse(t, sampleCSV), time.Now())
	for _, tt := range []struct {
		query string
		limit int
		want  string
	}{
		{"النور اوورسیز", 0, "9859/LHR"},
		{"Alnoor", 0, "9859/LHR"},
		{"Al Falah", 0, "9788/RWP"},
		{"M/s Crescent Man Power", 0, "9848/LHR"},
		{"Talagang International", 1, "9600/RWP"},
		{"Completely Unrelated", 0, ""},
		{"", 0, ""},
	} {
		got, err := mem.Search(ctx, tt.query, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var numbers []string
		for i, m := range got {
			numbers = append(numbers, m.Number)
			if m.Score < licences.MatchThreshold || (i > 0 && m.Score > got[i-1].Score) {
				t.Errorf("%q: bad score order %+v", tt.query, got)
			}
		}
		if strings.Join(numbers, " ") != tt.want {
			t.Errorf("Search(%q, %d) = %v, want %q", tt.query, tt.limit, numbers, tt.want)
		}
	}
}

func TestMemoryLookupAndMeta(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	snap := mustParse(t, sampleCSV)
	snap.Errors = append(snap.Errors, licences.RowError{Line: 9})
	mem := licences.NewMemory(snap, at)
	rec, ok, err := mem.Lookup(ctx, "OEPL No. 9848/lhr")
	if err != nil || !ok || rec.Title != "Crescent Manpower Services" {
		t.Errorf("Lookup = %+v %v %v", rec, ok, err)
	}
	for _, n := range []string{"9999/LHR", "not a number"} {
		if _, ok, err := mem.Lookup(ctx, n); ok || err != nil {
			t.Errorf("Lookup(%q) = %v %v, want not found", n, ok, err)
		}
	}
	meta, ok, err := mem.Meta(ctx)
	if err != nil || !ok || meta.Rows != 5 || meta.Skipped != 1 || meta.Active != 2 || !meta.ImportedAt.Equal(at) || meta.Source != "sample.csv" {
		t.Errorf("Meta = %+v %v %v", meta, ok, err)
	}
	empty := licences.NewMemory(nil, at)
	if _, ok, _ := empty.Meta(ctx); ok {
		t.Error("empty Memory reports a snapshot")
	}
	if _, _, err := empty.Lookup(ctx, "9848/LHR"); err != licences.ErrNoSnapshot {
		t.Errorf("empty Lookup err = %v", err)
	}
}

func TestMatchJSONInlinesRecordFields(t *testing.T) {
	b, err := json.Marshal(licences.Match{Record: licences.Record{Number: "9848/LHR", Title: "Crescent", Status: licences.Active}, Score: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"number":"9848/LHR","title":"Crescent","status":"active","score":0.9}`; got != want {
		t.Errorf("JSON %s, want %s", got, want)
	}
}
