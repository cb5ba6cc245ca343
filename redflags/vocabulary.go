package redflags

import (
	"sync"
	"sync/atomic"
)

// wordID numbers a word that a rule or a cue list names; 0 is every other word.
type wordID = int32

// vocabulary numbers the words that rules and cue lists name. A text's tokens are looked up in it
// once each, after which matching a rule or a list compares numbers and reads tables instead of
// hashing the word again for every list. Numbers are given when rules and lists are compiled and
// never change, so every compiled rule set and list can share them.
var vocabulary struct {
	mu  sync.Mutex
	ids map[string]wordID // guarded by mu
	// snap is the table of ids that readers look words up in without the lock; stale says ids
	// has words that snap lacks, so that the next reader makes a new table. Compiling a rule set
	// numbers hundreds of words, and one table for all of them keeps that cheap.
	snap  atomic.Pointer[vocabTable]
	stale atomic.Bool
}

// wordIDs numbers words, giving new numbers to those not yet numbered.
func wordIDs(words []string) []wordID {
	out := make([]wordID, len(words))
	vocabulary.mu.Lock()
	defer vocabulary.mu.Unlock()
	if vocabulary.ids == nil {
		vocabulary.ids = map[string]wordID{}
	}
	for i, w := range words {
		id, ok := vocabulary.ids[w]
		if !ok {
			id = wordID(len(vocabulary.ids) + 1)
			vocabulary.ids[w] = id
			vocabulary.stale.Store(true)
		}
		out[i] = id
	}
	return out
}

// wordIDOf numbers one word (see wordIDs).
func wordIDOf(w string) wordID { return wordIDs([]string{w})[0] }

// vocabularyNow returns the numbers given so far. It holds every word of every rule set and list
// compiled before the call.
func vocabularyNow() *vocabTable {
	if vocabulary.stale.Load() {
		vocabulary.mu.Lock()
		if vocabulary.stale.Load() {
			vocabulary.snap.Store(newVocabTable(vocabulary.ids))
			vocabulary.stale.Store(false)
		}
		vocabulary.mu.Unlock()
	}
	return vocabulary.snap.Load()
}

// vocabTable is a copy of the vocabulary made for looking words up: an open-addressing hash
// table of ids that holds the words apart, so that a lookup hashes a short word, reads one small
// slot and compares one word. Every token of every text is looked up in it, and it costs less
// than a map lookup.
type vocabTable struct {
	shift  uint       // 64 - log2(len(slots)): the top bits of a hash pick its first slot
	slots  []wordSlot // a power of two, at most half full
	words  []string   // by id
	maxLen int        // the longest word: longer tokens are not looked up
}

// maxPacked is the length of the longest word packWord packs.
const maxPacked = 7

// packWord packs a word of at most maxPacked bytes into a number, its bytes in the low seven
// bytes and its length in the top one: two such words pack alike exactly when they are equal.
func packWord(w string) uint64 {
	p := uint64(len(w)) << 56
	for i := 0; i < len(w); i++ {
		p |= uint64(w[i]) << (8 * i)
	}
	return p
}

// wordSlot is a slot of vocabTable. packed is the word's bytes packed into a number (packWord)
// for a word of at most maxPacked bytes, and ^0, which no such word packs to, for a longer one:
// most words are short, and a short word is found by comparing numbers in the slot, with no read
// elsewhere in memory.
type wordSlot struct {
	packed uint64 // 0 for an empty slot
	hash   uint32 // the low half of the word's hash
	id     wordID // 0 for an empty slot
}

func newVocabTable(ids map[string]wordID) *vocabTable {
	n, shift := 16, uint(60)
	for n < 2*len(ids) {
		n, shift = n*2, shift-1
	}
	t := &vocabTable{shift: shift, slots: make([]wordSlot, n), words: make([]string, len(ids)+1)}
	mask := uint64(n - 1)
	for w, id := range ids {
		t.words[id] = w
		packed := ^uint64(0)
		if len(w) <= maxPacked {
			packed = packWord(w)
		}
		t.maxLen = max(t.maxLen, len(w))
		h := hashWord(w)
		i := h >> shift
		for t.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = wordSlot{packed, uint32(h), id}
	}
	return t
}

// hashWord is the hash the table files w under: a word of at most maxPacked bytes is hashed from
// its packed form (hashPacked), a longer one by hashLong.
func hashWord(w string) uint64 {
	if len(w) <= maxPacked {
		return hashPacked(packWord(w))
	}
	return hashLong(w)
}

// hashPacked mixes a packed word (splitmix64's finaliser), every bit of it reaching the top bits
// the table reads and the low half it keeps: a few multiplications in all, where a hash of the
// bytes one at a time is a chain of one per byte.
func hashPacked(p uint64) uint64 {
	p += 0x9E3779B97F4A7C15
	p = (p ^ p>>30) * 0xBF58476D1CE4E5B9
	p = (p ^ p>>27) * 0x94D049BB133111EB
	return p ^ p>>31
}

// hashLong is 64-bit FNV-1a with a final mix, so that the last byte reaches the top bits the
// table reads: for words of a few bytes it costs half of hash/maphash.
func hashLong(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	h ^= h >> 32
	return h * 0x9E3779B97F4A7C15
}

// size is one more than the largest id the table gives.
func (t *vocabTable) size() int {
	if t == nil {
		return 1
	}
	return len(t.words)
}

// id returns the id of w, or 0 when the vocabulary lacks it. A nil table lacks every word.
func (t *vocabTable) id(w string) wordID {
	if t == nil || len(w) > t.maxLen {
		return 0
	}
	// A short word is hashed and compared as its packed number, a longer one by its bytes.
	if len(w) <= maxPacked {
		return t.packedID(packWord(w))
	}
	return t.longID(w)
}

// idAt is id(s[start:start+n]) for a word of the text s. A short word is packed from eight bytes
// of s read at once, when s has them, rather than a byte at a time: tokenizeInto looks every
// word of every text up.
func (t *vocabTable) idAt(s string, start, n int) wordID {
	if n <= maxPacked && start+8 <= len(s) && t != nil {
		b := s[start : start+8]
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// The low n bytes are the word's (packWord), the top one its length.
		return t.packedID(x&(1<<(8*uint(n))-1) | uint64(n)<<56)
	}
	return t.id(s[start : start+n])
}

// packedID is the id of the word of at most maxPacked bytes that packs to p (packWord).
func (t *vocabTable) packedID(p uint64) wordID {
	h := hashPacked(p)
	mask := uint64(len(t.slots) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.packed == p { // a short word packs to no other's, nor to an empty slot's 0
			return s.id
		}
		if s.id == 0 {
			return 0
		}
	}
}

// longID is the id of w, a word longer than maxPacked bytes and at most maxLen.
func (t *vocabTable) longID(w string) wordID {
	h := hashLong(w)
	mask := uint64(len(t.slots) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 {
			return 0
		}
		if s.hash == uint32(h) && s.packed == ^uint64(0) && t.words[s.id] == w {
			return s.id
		}
	}
}

// wordIDSet numbers the words of a set in the vocabulary and returns their ids, so that a token
// is tested against the set by its id rather than by hashing its word: a token's id is a word's
// exactly when its text is that word.
func wordIDSet(words map[string]bool) idSet {
	var s idSet
	for w, in := range words {
		if in {
			s.add(wordIDOf(w))
		}
	}
	return s
}

// keyIDs adds to s the ids of m's keys, numbering them in the vocabulary, and returns it: a
// token's id is in the result exactly when its text is one of the keys, so a bit test stands for
// a map lookup of the token's word. The values must all say yes (true, a code, a number other
// than 0): the set knows only the keys.
func keyIDs[V any](s idSet, m map[string]V) idSet {
	for w := range m {
		s.add(wordIDOf(w))
	}
	return s
}

// idSet is a set of word ids, one bit each.
type idSet []uint64

func (s *idSet) add(id wordID) {
	for int(id>>6) >= len(*s) {
		*s = append(*s, 0)
	}
	(*s)[id>>6] |= 1 << (id & 63)
}

// meets reports whether s and t have an id in common.
func (s idSet) meets(t idSet) bool {
	for i := range min(len(s), len(t)) {
		if s[i]&t[i] != 0 {
			return true
		}
	}
	return false
}

func (s idSet) has(id wordID) bool {
	return int(id>>6) < len(s) && s[id>>6]&(1<<(id&63)) != 0
}

// shapedSet is a set of words that answers most of the words it lacks without hashing them: a
// word is looked up in the map only when its length and two of its bytes fit a word of the set
// (shape). The checks around a sum or a match look each word near it up in several small sets,
// and most of those words are in none.
type shapedSet struct {
	shape wordShape
	words map[string]bool
}

// wordShape is the shapes of a set of words: by length (modulo 16), a bit for each word's
// shapeBit. A word whose shape is not among them is not in the set.
type wordShape [16]uint64

// add adds the shape of w, which is not empty.
func (s *wordShape) add(w string) { s[len(w)&15] |= 1 << shapeBit(w) }

// may reports whether a word of the set may be w: false only when none is. The empty word is
// always let through.
func (s *wordShape) may(w string) bool { return w == "" || s[len(w)&15]&(1<<shapeBit(w)) != 0 }

// newShapedSet makes a shapedSet of the words that words says yes to.
func newShapedSet(words map[string]bool) shapedSet {
	s := shapedSet{words: map[string]bool{}}
	for w, in := range words {
		if in {
			s.words[w] = true
			if w != "" {
				s.shape.add(w)
			}
		}
	}
	return s
}

// shapedWordSet is newShapedSet(wordSet(words)).
func shapedWordSet(words []string) shapedSet { return newShapedSet(wordSet(words)) }

// shapeBit mixes the middle byte and the last byte of a word that is not empty: the middle one
// tells Latin words apart by a letter and Urdu ones by a letter's lead or second byte, the last
// one by their final letter.
func shapeBit(w string) uint {
	return (uint(w[len(w)>>1])*5 ^ uint(w[len(w)-1])) & 63
}

// has reports whether w is in s.
func (s *shapedSet) has(w string) bool { return s.shape.may(w) && s.words[w] }
