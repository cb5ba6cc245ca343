package indicators

import (
	"encoding/binary"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// The fingerprint is a MinHash signature over word pairs of the normalised text. Reposts change
// emojis, spacing, phone numbers and a few words; they keep most word pairs, so their
// signatures agree in most places. The signature is cut into Bands of Rows values; two texts
// whose signatures agree on a whole band become candidates (locality-sensitive hashing), and a
// candidate matches when the signatures agree in at least Threshold of their places.
const (
	Bands = 21
	Rows  = 3
	// SignatureSize is the number of MinHash values.
	SignatureSize = Bands * Rows
	// MinWords is the fewest distinct word pairs a text needs for a fingerprint: shorter texts
	// ("salam", "job hai?") match each other by chance.
	MinWords = 8
	// DefaultThreshold is the share of agreeing values from which two texts are the same ad
	// reposted. Pairs of unrelated ads measured on EMSCAD agree on far less (see the README).
	DefaultThreshold = 0.5
)

// Signature is an ad's MinHash fingerprint.
type Signature [SignatureSize]uint64

// seeds make SignatureSize independent hash functions out of one 64-bit hash. They are fixed:
// fingerprints stored by one release must match those computed by the next.
var seeds = func() (s [SignatureSize]uint64) {
	x := uint64(0x7a5d_ee90_7a5d_ee90)
	for i := range s {
		x = splitmix(x)
		s[i] = x
	}
	return s
}()

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Words are the words of a text that say what the ad is: the normalised words of letters
// only. Numbers, links, addresses, emojis and punctuation are left out, because reposts change
// exactly those.
func Words(text string) []string { return words(redflags.Normalize(text)) }

// words are the Words of a text already normalised.
func words(normal string) []string {
	var out []string
	for _, f := range strings.Fields(normal) {
		if strings.ContainsAny(f, "@/") || strings.Contains(f, "www.") || strings.Contains(f, ".com") {
			continue
		}
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) >= 0 {
			continue
		}
		out = append(out, w)
	}
	return out
}

// Fingerprint computes a text's signature; ok is false for a text too short to fingerprint.
func Fingerprint(text string) (sig Signature, ok bool) { return fingerprint(Words(text)) }

// fingerprint is the signature of a text's Words.
func fingerprint(words []string) (sig Signature, ok bool) {
	shingles := make(map[uint64]struct{}, len(words))
	for i := 0; i+1 < len(words); i++ {
		shingles[xxhash.Sum64String(words[i]+" "+words[i+1])] = struct{}{}
	}
	if len(shingles) < MinWords {
		return sig, false
	}
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for h := range shingles {
		for i := range sig {
			if v := splitmix(h ^ seeds[i]); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig, true
}

// read normalises a text once for both of what the store looks up: its indicators and its
// fingerprint.
func read(text string) (inds []Indicator, sig Signature, hasSig bool) {
	n := redflags.NormalizeSpans(text)
	sig, hasSig = fingerprint(words(n.Text))
	return extract(n), sig, hasSig
}

// Band is the hash of band b of the signature: equal bands are an LSH candidate.
func (s Signature) Band(b int) uint64 {
	var buf [Rows * 8]byte
	for r := range Rows {
		binary.LittleEndian.PutUint64(buf[r*8:], s[b*Rows+r])
	}
	return xxhash.Sum64(buf[:])
}

// Compact is the signature as stored: the lowest byte of each value (b-bit MinHash, with b = 8).
// It is enough to estimate similarity, at SignatureSize bytes instead of eight times that.
func (s Signature) Compact() []byte {
	out := make([]byte, SignatureSize)
	for i, v := range s {
		out[i] = byte(v)
	}
	return out
}

// Similarity estimates the share of word pairs two texts have in common (their Jaccard
// similarity) from a signature and a compact one. Two unrelated values agree in their lowest
// byte once in 256, which the estimate corrects for.
func (s Signature) Similarity(compact []byte) float64 {
	if len(compact) != SignatureSize {
		return 0
	}
	agree := 0
	for i, v := range s {
		if byte(v) == compact[i] {
			agree++
		}
	}
	const chance = 1.0 / 256
	j := (float64(agree)/SignatureSize - chance) / (1 - chance)
	return max(0, j)
}
