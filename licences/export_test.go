package licences

// Test hooks: internal helpers exposed to the licences_test package.
var (
	PhoneticKey = phoneticKey
	NameKeys    = func(name string) []string {
		var keys []string
		for _, t := range nameTokens(name) {
			keys = append(keys, t.key)
		}
		return keys
	}
)

// EditDistance is the bit-parallel Levenshtein distance used by name matching.
func EditDistance(a, b string) int {
	var m myers
	m.init(a)
	return m.distance(b)
}

// WithTag is the prefix WithPrefix keeps.
var WithTag = withTag
