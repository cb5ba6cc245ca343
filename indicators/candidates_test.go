package indicators

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestRankCandidates(t *testing.T) {
	// Band 0 lists 10 and 9, band 1 lists 9, band 2 nothing, band 3 a malformed list with 10.
	got := rankCandidates([]any{"10,9", "9", nil, "x,10,,-3"})
	want := []candidate{{id: "9", bands: []int{0, 1}}, {id: "10", bands: []int{0, 3}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rankCandidates = %v, want %v (most bands first, then the lower id)", got, want)
	}

	// More fingerprints than maxCandidates: the ones sharing the most bands are kept.
	lists := make([]any, Bands)
	var ids []string
	for i := range maxCandidates + 5 {
		ids = append(ids, fmt.Sprint(100+i))
	}
	lists[0] = strings.Join(ids, ",")
	lists[1] = "104,120"
	ranked := rankCandidates(lists)
	if len(ranked) != maxCandidates || ranked[0].id != "104" || ranked[1].id != "120" || ranked[2].id != "100" {
		t.Fatalf("ranked %v", ranked)
	}
	if slices.ContainsFunc(ranked, func(c candidate) bool { return c.id == "119" }) {
		t.Errorf("kept 119, one band, over the lower ids")
	}
}
