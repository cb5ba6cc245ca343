package indicators_test

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tasdeeq/tasdeeq/indicators"
)

type corpusAd struct {
	ID   string `json:"id"`
	Kind string `json:"label"` // scam, lawful, awareness, everyday
	Lang string `json:"lang"`
	Text string `json:"text"`
}

// corpus reads the analyser's corpus of scam, lawful, awareness and chat texts.
func corpus(t testing.TB) []corpusAd {
	t.Helper()
	f, err := os.Open("../redflags/testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ads []corpusAd
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var a corpusAd
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		ads = append(ads, a)
	}
	return ads
}

var (
	emojiRe = regexp.MustCompile(`[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{FE0F}]`)
	digitRe = regexp.MustCompile(`\d`)
)

// reposts are the ways the same scam comes back: new emojis, new spacing, new phone numbers,
// a few words changed, and all of these at once.
func reposts(text string, r *rand.Rand) map[string]string {
	emojis := emojiRe.ReplaceAllString(text, "") + " 🔥🔥 ✈️"
	spacing := strings.Join(strings.Fields(text), "  ")
	phones := digitRe.ReplaceAllStringFunc(text, func(d string) string { return string(rune('0' + r.IntN(10))) })
	words := strings.Fields(text)
	swaps := []string{"Jeddah", "urgent", "جدہ", "فوری", "kaam", "boys", "Qatar", "قطر"}
	for range 3 {
		words[r.IntN(len(words))] = swaps[r.IntN(len(swaps))]
	}
	fewWords := strings.Join(words, " ")
	all := digitRe.ReplaceAllString(emojiRe.ReplaceAllString(fewWords, "⭐"), "7")
	return map[string]string{"emojis": emojis, "spacing": spacing, "phones": phones, "few words": fewWords, "all": all}
}

// TestRepostsKeepTheirFingerprint checks every scam of the corpus against its reposts.
func TestRepostsKeepTheirFingerprint(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lowest, n := 1.0, 0
	defer func() { t.Logf("%d reposts of the corpus scams, lowest similarity %.2f", n, lowest) }()
	for _, ad := range corpus(t) {
		if ad.Kind != "scam" {
			continue
		}
		sig, ok := indicators.Fingerprint(ad.Text)
		if !ok {
			t.Errorf("%s: no fingerprint for a %d-word ad", ad.ID, len(strings.Fields(ad.Text)))
			continue
		}
		for name, repost := range reposts(ad.Text, r) {
			other, ok := indicators.Fingerprint(repost)
			if !ok {
				t.Errorf("%s %s: no fingerprint", ad.ID, name)
				continue
			}
			sim := sig.Similarity(other.Compact())
			lowest, n = min(lowest, sim), n+1
			if sim < indicators.DefaultThreshold {
				t.Errorf("%s, repost with %s: similarity %.2f (exact %.2f), want at least %.2f", ad.ID, name, sim, exactSimilarity(ad.Text, repost), indicators.DefaultThreshold)
			}
		}
	}
}

// TestDifferentAdsDoNotMatch compares every pair of different texts in the corpus.
func TestDifferentAdsDoNotMatch(t *testing.T) {
	ads := corpus(t)
	pairs, worst := 0, 0.0
	for i, a := range ads {
		sa, ok := indicators.Fingerprint(a.Text)
		if !ok {
			continue
		}
		for _, b := range ads[i+1:] {
			sb, ok := indicators.Fingerprint(b.Text)
			if !ok {
				continue
			}
			pairs++
			sim := sa.Similarity(sb.Compact())
			worst = max(worst, sim)
			if sim >= indicators.DefaultThreshold {
				t.Errorf("%s and %s: similarity %.2f (exact %.2f) would match", a.ID, b.ID, sim, exactSimilarity(a.Text, b.Text))
			}
		}
	}
	t.Logf("%d pairs of different texts, highest similarity %.2f", pairs, worst)
}

func TestShortTextsHaveNoFingerprint(t *testing.T) {
	for _, text := range []string{"", "salam", "job hai?", "0300-1234567", "Dubai job visa fees kitni hai bhai"} {
		if _, ok := indicators.Fingerprint(text); ok {
			t.Errorf("%q has a fingerprint: short texts would match each other by chance", text)
		}
	}
}

func BenchmarkFingerprint(b *testing.B) {
	ads := corpus(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		indicators.Fingerprint(ads[i%len(ads)].Text)
	}
}

// FuzzFingerprint: any text fingerprints without panicking, and a text is fully similar to itself.
func FuzzFingerprint(f *testing.F) {
	for _, ad := range []string{"Saudi jobs visa guaranteed fee first on JazzCash call now for details please", "سعودی عرب میں ڈرائیوروں کی فوری ضرورت ہے تنخواہ رہائش اور ٹرانسپورٹ کمپنی", "🔥\u200c\u0640"} {
		f.Add(ad)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sig, ok := indicators.Fingerprint(text)
		if !ok {
			return
		}
		if sim := sig.Similarity(sig.Compact()); sim != 1 {
			t.Fatalf("self-similarity %.3f", sim)
		}
	})
}

// exactSimilarity is the Jaccard similarity of two texts' word pairs, to show beside an estimate.
func exactSimilarity(a, b string) float64 {
	set := func(t string) map[string]bool {
		w := indicators.Words(t)
		m := map[string]bool{}
		for i := 0; i+1 < len(w); i++ {
			m[w[i]+" "+w[i+1]] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
