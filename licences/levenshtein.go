package licences

// keyMask has one bit per letter class present in a key, for a cheap lower bound on the edit
// distance: every class present in one key and absent from the other costs at least one edit.
func keyMask(k string) uint64 {
	var m uint64
	for i := 0; i < len(k); i++ {
		m |= 1 << (k[i] % 64)
	}
	return m
}

// myers computes Levenshtein distances from one pattern of at most 64 bytes with the
// bit-parallel algorithm of Myers (1999) in Hyyrö's formulation: one pass over the other key.
type myers struct {
	peq  [256]uint64
	key  string
	n    int
	mask uint64
}

func (m *myers) init(p string) {
	for i := 0; i < len(m.key); i++ {
		m.peq[m.key[i]] = 0
	}
	m.key, m.n, m.mask = p, len(p), keyMask(p)
	for i := 0; i < len(p); i++ {
		m.peq[p[i]] |= 1 << i
	}
}

func (m *myers) distance(t string) int {
	if m.n == 0 {
		return len(t)
	}
	pv, mv, d := ^uint64(0), uint64(0), m.n
	last := uint64(1) << (m.n - 1)
	for i := 0; i < len(t); i++ {
		eq := m.peq[t[i]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			d++
		} else if mh&last != 0 {
			d--
		}
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return d
}
