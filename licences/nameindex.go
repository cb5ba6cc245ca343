package licences

import (
	"math/bits"
	"sort"
	"sync"
)

const (
	// maxKeyLen bounds a phonetic key so that the bit-parallel edit distance fits in 64 bits.
	maxKeyLen = 64
	// maxNameTokens bounds the work one query can cause: later words of a name are ignored, in
	// queries and indexed names alike, so that scores stay symmetric.
	maxNameTokens = 12
	// minTokenSim is the lowest word similarity, in percent, that counts at all; below it a pair
	// of words scores 0.
	minTokenSim = 60
	// minJoinedSim is the lowest similarity, in percent, that counts between a word and two joined
	// words ("Talagang" and "Tala Gang"): lower, and "Green Crescent" would pass for "Crescent".
	minJoinedSim = 75
)

// vocab is the set of distinct keys of an index, sorted by length so that a query only looks at
// keys whose length allows a similarity of at least minTokenSim.
type vocab struct {
	keys     []string
	masks    []uint64
	lenStart []int32 // lenStart[l] is the first id whose key is at least l bytes long
}

func newVocab(set map[string]int32) vocab {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) < len(keys[j])
		}
		return keys[i] < keys[j]
	})
	v := vocab{keys: keys, masks: make([]uint64, len(keys)), lenStart: make([]int32, maxKeyLen*2+2)}
	for i, k := range keys {
		set[k] = int32(i)
		v.masks[i] = keyMask(k)
	}
	for l := range v.lenStart {
		v.lenStart[l] = int32(sort.Search(len(keys), func(j int) bool { return len(keys[j]) >= l }))
	}
	return v
}

// nameIndex holds the phonetic tokens of many names, precomputed, so that a query costs one pass
// over the distinct keys plus one pass over the names' token ids.
type nameIndex struct {
	singles, pairs vocab
	start          []int32   // tokens of name i are at positions start[i]:start[i+1]
	tok            []int32   // single-key id at each position
	pair           []int32   // pair id joining the position with the next one, or noPair
	prev           []int32   // pair id joining the position with the previous one, or noPair
	weight         []float32 // weight at each position
	total          []float32 // sum of weights per name
	noPair         int32     // a pair id whose similarity is always 0
	scratch        sync.Pool
}

// joinable says whether two adjacent words may also be matched written as one ("Tala Gang" and
// "Talagang"). Only distinctive words are joined: joins with common words ("Noor Overseas") are
// rare in names and would double the keys a query has to look at.
func joinable(a, b nameToken) bool { return a.weight == 1 && b.weight == 1 }

func newNameIndex(names []string) *nameIndex {
	idx := &nameIndex{start: make([]int32, 1, len(names)+1), total: make([]float32, len(names))}
	singles, pairs := map[string]int32{}, map[string]int32{}
	var keys, pairKeys []string
	for i, n := range names {
		toks := nameTokens(n)
		for j, t := range toks {
			singles[t.key] = 0
			keys = append(keys, t.key)
			pk := ""
			if j+1 < len(toks) && joinable(t, toks[j+1]) {
				pk = joinKeys(t.key, toks[j+1].key)
				pairs[pk] = 0
			}
			pairKeys = append(pairKeys, pk)
			idx.weight = append(idx.weight, t.weight)
			idx.total[i] += t.weight
		}
		idx.start = append(idx.start, int32(len(keys)))
	}
	idx.singles, idx.pairs = newVocab(singles), newVocab(pairs)
	idx.noPair = int32(len(idx.pairs.keys))
	idx.tok, idx.pair, idx.prev = make([]int32, len(keys)), make([]int32, len(keys)), make([]int32, len(keys))
	for i, k := range keys {
		idx.tok[i] = singles[k]
		idx.pair[i], idx.prev[i] = idx.noPair, idx.noPair
		if pairKeys[i] != "" {
			idx.pair[i] = pairs[pairKeys[i]]
		}
	}
	for i := range names {
		for j := idx.start[i] + 1; j < idx.start[i+1]; j++ {
			idx.prev[j] = idx.pair[j-1]
		}
	}
	return idx
}

func joinKeys(a, b string) string {
	if len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[0] {
		b = b[1:]
	}
	k := a + b
	if len(k) > maxKeyLen {
		k = k[:maxKeyLen]
	}
	return k
}

// query is a prepared search: for every key of the index, the best similarity to the query.
type query struct {
	toks  []nameToken
	total float32
	a     [][]float32 // a[i][single id]: best match of query token i (alone or joined with a neighbour)
	s2    [][]float32 // s2[i][pair id]: query token i against a joined pair of index tokens
	b     []float32   // b[single id]: best match of the index token against any query token
	c     []float32   // c[pair id]: best match of the joined index pair against any query token
	used1 []int32     // single ids written, to reset the scratch cheaply
	used2 []int32
}

func (idx *nameIndex) prepare(name string) *query {
	n1, n2 := len(idx.singles.keys), len(idx.pairs.keys)+1 // the last pair id is noPair
	q, _ := idx.scratch.Get().(*query)
	if q == nil {
		q = &query{b: make([]float32, n1), c: make([]float32, n2)}
	}
	q.toks = nameTokens(name)
	for len(q.a) < len(q.toks) {
		q.a = append(q.a, make([]float32, n1))
		q.s2 = append(q.s2, make([]float32, n2))
	}
	q.total = 0
	var m myers
	for i, t := range q.toks {
		q.total += t.weight
		m.init(t.key)
		idx.singles.each(&m, minTokenSim, func(id int32, s float32) {
			q.used1 = append(q.used1, id)
			q.a[i][id] = max(q.a[i][id], s)
			q.b[id] = max(q.b[id], s)
		})
		idx.pairs.each(&m, minJoinedSim, func(id int32, s float32) {
			q.used2 = append(q.used2, id)
			q.s2[i][id] = s
			q.c[id] = max(q.c[id], s)
		})
		if i+1 < len(q.toks) && joinable(t, q.toks[i+1]) {
			m.init(joinKeys(t.key, q.toks[i+1].key))
			idx.singles.each(&m, minJoinedSim, func(id int32, s float32) {
				q.used1 = append(q.used1, id)
				q.a[i][id] = max(q.a[i][id], s)
				q.a[i+1][id] = max(q.a[i+1][id], s)
				q.b[id] = max(q.b[id], s)
			})
		}
	}
	return q
}

// release resets the scratch arrays and returns them to the pool.
func (idx *nameIndex) release(q *query) {
	for _, id := range q.used1 {
		q.b[id] = 0
		for i := range q.toks {
			q.a[i][id] = 0
		}
	}
	for _, id := range q.used2 {
		q.c[id] = 0
		for i := range q.toks {
			q.s2[i][id] = 0
		}
	}
	q.used1, q.used2, q.toks = q.used1[:0], q.used2[:0], nil
	idx.scratch.Put(q)
}

// each calls fn with every key whose similarity 1-d/longest to the pattern is at least minPct
// percent. Integer arithmetic keeps the boundary exact. Keys are visited one length at a time, so
// the edit budget is fixed per length and most keys are ruled out by their letter masks alone.
func (v *vocab) each(m *myers, minPct int, fn func(id int32, sim float32)) {
	n := m.n
	// d is at least the length difference, which bounds the other key's length.
	for l := (minPct*n + 99) / 100; l <= 100*n/minPct && l < len(v.lenStart)-1; l++ {
		longest := max(n, l)
		budget := (100 - minPct) * longest / 100 // the most edits that keep the similarity
		from, to := v.lenStart[l], v.lenStart[l+1]
		for id, mask := range v.masks[from:to] {
			if bits.OnesCount64(m.mask&^mask) > budget || bits.OnesCount64(mask&^m.mask) > budget {
				continue
			}
			// A skeleton of three letters or fewer ("lnr", "pnr") says too little to survive an
			// edit: Al-Noor is not Pioneer.
			if d := m.distance(v.keys[from+int32(id)]); d <= budget && (d == 0 || longest > 3) {
				fn(from+int32(id), 1-float32(d)/float32(longest))
			}
		}
	}
}

// scores returns every name whose NameScore against the prepared query is at least threshold
// (with threshold 0, every name with a score above 0). It first computes how well each name is
// covered by the query, which needs one lookup per word, and only for names that could still
// reach the threshold how well the query is covered by the name.
func (idx *nameIndex) scores(q *query, threshold float32) []scored {
	if q.total == 0 {
		return nil
	}
	var out []scored
	b, c, start, tok, pair, prev, weight := q.b, q.c, idx.start, idx.tok, idx.pair, idx.prev, idx.weight
	joins := len(q.used2) > 0 // whether any joined pair of words matched at all
	// The harmonic mean of dr and a direction of at most 1 is 2dr/(1+dr): below the threshold
	// when dr < threshold/(2-threshold).
	bound := threshold / (2 - threshold)
	for i, total := range idx.total {
		lo, hi := start[i], start[i+1]
		var dr float32
		for j := lo; j < hi; j++ {
			best := b[tok[j]]
			if joins {
				best = max(best, c[pair[j]], c[prev[j]])
			}
			dr += weight[j] * best
		}
		if dr == 0 || dr < bound*total {
			continue
		}
		dr /= total
		var dq float32
		for k, t := range q.toks {
			var best float32
			a, s2 := q.a[k], q.s2[k]
			for j := lo; j < hi; j++ {
				if v := a[tok[j]]; v > best {
					best = v
				}
				if joins {
					best = max(best, s2[pair[j]])
				}
			}
			dq += t.weight * best
		}
		dq /= q.total
		if score := float64(2 * dq * dr / (dq + dr)); dq > 0 && score >= float64(threshold) {
			out = append(out, scored{i, score})
		}
	}
	return out
}

// scored is one name's position in the index and its score.
type scored struct {
	i     int
	score float64
}

// search scores every name against the query and returns those at or above MatchThreshold.
func (idx *nameIndex) search(name string) []scored {
	q := idx.prepare(name)
	defer idx.release(q)
	return idx.scores(q, MatchThreshold)
}
