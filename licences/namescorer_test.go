package licences_test

import (
	"testing"

	"github.com/tasdeeq/tasdeeq/licences"
)

// TestNameScorerIsNameScore checks that one prepared scorer, used again and again, scores every
// name as NameScore does.
func TestNameScorerIsNameScore(t *testing.T) {
	titles := []string{"Crescent Manpower Overseas Employment Promoters (Pvt) Ltd", "Al-Noor Overseas", "کریسنٹ مین پاور", "Tala Gang Travels"}
	names := []string{"Crescent Manpower", "crescent man power", "Al Noor", "Green Crescent", "کریسنٹ مین پاور", "Talagang", "", "M/s", "Pioneer Overseas"}
	for _, title := range titles {
		s := licences.NewNameScorer(title)
		for range 2 {
			for _, name := range names {
				if got, want := s.Score(name), licences.NameScore(name, title); got != want {
					t.Errorf("NewNameScorer(%q).Score(%q) = %v, NameScore says %v", title, name, got, want)
				}
			}
		}
	}
}
