package licences

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestFindAfterAsRegexps holds keywordAt and permissionAt, which read the bytes by hand, to the
// regexps that define them: findAfter must return what keywordRe and permissionRe find, on
// random texts made of their words, their near misses (other cases, the long s, words run on,
// digits and line breaks after them) and filler.
func TestFindAfterAsRegexps(t *testing.T) {
	words := []string{"oep", "oepl", "OEPL", "oepx", "lic", "Lic", "Licence", "license", "LICENSE", "licenſe", "licenced",
		"mpd", "MPD", "لائسنس", "لائسینس", "لاءسنس", "لایسنس", "لاٸسنس", "لا", "permission", "PERMISSION", "permiſſion",
		"perm.", "Perm", "اجازت", "پرمیشن", " ", "no", ".", ":", "#", "_", "1", "۳", "٣", "\n", "x", "\xe3", "\x80", "ک", "é"}
	filler := []string{" ", "abc ", "ک ", "ہے ", "1", "\n", "ـ", "no. "}
	r := rand.New(rand.NewSource(1))
	found := 0
	for range 50_000 {
		var b strings.Builder
		for k := r.Intn(40); k > 0; k-- {
			if r.Intn(3) == 0 {
				b.WriteString(filler[r.Intn(len(filler))])
			} else {
				b.WriteString(words[r.Intn(len(words))])
			}
		}
		s := b.String()
		if got, want := findAfter(s, keywordAt, keywordStarts), keywordRe.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("keyword in %q: %v, want %v", s, got, want)
		}
		got, want := findAfter(s, permissionAt, permissionStarts), permissionRe.FindStringIndex(s)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("permission in %q: %v, want %v", s, got, want)
		}
		if got != nil {
			found++
		}
	}
	if found < 500 {
		t.Errorf("only %d texts held a permission word: the test reads too few", found)
	}
}
