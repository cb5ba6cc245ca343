package redflags

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchingByIDsIsMatchingByWords checks the matchers that compare word ids, skip tokens with
// bit sets and group one-word alternatives against the plain definition, which compares the
// words themselves and tries every alternative in order: every rule pattern at every token, and
// every cue list at every token, of every text of the corpus.
func TestMatchingByIDsIsMatchingByWords(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	var patterns []wordPattern
	for _, r := range a.rules.Rules {
		patterns = append(append(append(patterns, r.words...), r.context...), r.unless...)
	}
	c := &a.rules.Cues
	sets := []phraseSet{c.warning, c.offer, c.jobAd, c.victim, c.pakistan, c.gulf, salaryCue, costCue, paidCue,
		feeCue, easyCue, busyworkCue, channelCue, receiptCue, oecCue}
	texts := corpusTexts(t)
	if testing.Short() {
		texts = texts[:200]
	}
	for _, text := range texts {
		toks := tokenize(Normalize(text))
		for _, p := range patterns {
			for i := range toks {
				gotEnd, got := p.match(toks, i)
				wantEnd, want := matchWords(p.elems, toks, i)
				if got != want || got && gotEnd != wantEnd {
					t.Fatalf("%q at token %d of %q: match gives %d %v, the plain definition %d %v", p.src, i, text, gotEnd, got, wantEnd, want)
				}
			}
		}
		for k, ps := range sets {
			var got, want []string
			ps.each(toks, func(phrase string, start, end int) bool {
				got = append(got, fmt.Sprintf("%s %d-%d", phrase, start, end))
				return true
			})
			for i := range toks {
				for _, words := range ps.byFirst[toks[i].w] {
					if i+len(words) <= len(toks) && wordsEqual(toks[i:i+len(words)], words) {
						want = append(want, fmt.Sprintf("%s %d-%d", strings.Join(words, " "), toks[i].start, toks[i+len(words)-1].end))
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Fatalf("cue list %d on %q: each gives %v, the plain definition %v", k, text, got, want)
			}
			if ps.any(toks, "") != (len(want) > 0) {
				t.Fatalf("cue list %d on %q: any disagrees with each", k, text)
			}
		}
	}
}

// matchWords is matchSeq as defined: words compared as strings, alternatives tried in order.
func matchWords(es []elem, toks []token, i int) (int, bool) {
	if len(es) == 0 {
		return i, true
	}
	e, rest := es[0], es[1:]
	switch e.kind {
	case elemGap:
		for k := 0; k <= e.gap && i+k <= len(toks); k++ {
			if end, ok := matchWords(rest, toks, i+k); ok {
				return end, true
			}
		}
		return 0, false
	case elemAlt:
		for _, alt := range e.alts {
			if j, ok := matchWords(alt, toks, i); ok {
				if end, ok := matchWords(rest, toks, j); ok {
					return end, true
				}
			}
		}
	default:
		w := ""
		if i < len(toks) {
			w = toks[i].w
		}
		if i < len(toks) && (e.kind == elemWord && w == e.word || e.kind == elemPrefix && strings.HasPrefix(w, e.word) ||
			e.kind == elemNumber && isDigitByte(w[0])) {
			if end, ok := matchWords(rest, toks, i+1); ok {
				return end, true
			}
		}
	}
	if e.optional {
		return matchWords(rest, toks, i)
	}
	return 0, false
}

func wordsEqual(toks []token, words []string) bool {
	for j, w := range words {
		if toks[j].w != w {
			return false
		}
	}
	return true
}

// corpusTexts reads the texts of the development corpus.
func corpusTexts(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	var texts []string
	for _, name := range append([]string{filepath.Join("testdata", "corpus.jsonl")}, files...) {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var x struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &x) == nil && x.Text != "" {
				texts = append(texts, x.Text)
			}
		}
		f.Close()
	}
	return texts
}

// TestOfficialHost: a government's own domains, and names that only look like them; a
// government's own domain is never called a look-alike of itself.
func TestOfficialHost(t *testing.T) {
	for host, want := range map[string]bool{
		"beoe.gov.pk": true, "www.usa.gov": true, "army.mil": true, "moh.gov.ng": true, "health.go.ke": true,
		"jobs.gc.ca": true, "canada.ca": true, "www.canada.ca": true, "mha.nic.in": true, "www.gob.mx": true,
		"jobs.go.com": false, "moh-recruit.com.ng": false, "canada-jobs-gov.online": false, "govjobs.com": false,
		// The Overseas Pakistanis Foundation's own domain, and one that borrows its name.
		"opf.org.pk": true, "www.opf.org.pk": true, "opf-jobs.com": false, "myopf.org.pk": false,
	} {
		if got := officialHost(host); got != want {
			t.Errorf("officialHost(%q) = %v, want %v", host, got, want)
		}
		if want && suspiciousHost(host) {
			t.Errorf("suspiciousHost(%q): a government's own domain called a look-alike", host)
		}
	}
	for _, host := range []string{"opf-jobs.com", "beoe-pk.com"} {
		if !suspiciousHost(host) {
			t.Errorf("suspiciousHost(%q) = false, want true: it borrows an official name", host)
		}
	}
}

// TestHedgedPassives counts the deceptions told in the passive with a word between: what the
// victim list's plain "were tricked" misses, and nothing it already counts or that is denied.
func TestHedgedPassives(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"The women were reportedly tricked by two men.", 1},
		{"He was allegedly duped and later was apparently conned again.", 2},
		{"They had been falsely lured to Laos.", 1},
		{"They were tricked by an agent.", 0}, // the victim list's own phrase
		{"We were never tricked by anyone.", 0},
		{"Do not get tricked by fake agents.", 0},
		{"Scammers tricked them into paying.", 0},
	} {
		if got := hedgedPassives(tokenize(Normalize(c.text))); got != c.want {
			t.Errorf("hedgedPassives(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestDoubleSpaceIsContains checks doubleSpace, which reads eight bytes at a time, against
// strings.Contains(s, "  ") on short texts of spaces, line breaks, "!" (a space's bit pattern
// plus one, which its bit test may mark), NUL and letters, at every length and alignment.
func TestDoubleSpaceIsContains(t *testing.T) {
	alphabet := []byte{' ', '!', 'a', 0, '\n', 0xD8}
	seed := uint64(1)
	next := func() uint64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return seed >> 33
	}
	for range 200000 {
		b := make([]byte, next()%40)
		for k := range b {
			b[k] = alphabet[next()%uint64(len(alphabet))]
		}
		if got, want := doubleSpace(string(b)), strings.Contains(string(b), "  "); got != want {
			t.Fatalf("doubleSpace(%q) = %v, strings.Contains gives %v", b, got, want)
		}
	}
}
