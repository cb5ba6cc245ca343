package redflags

import "strings"

// token is one word of the normalised text.
type token struct {
	w          string
	start, end int
}

func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/5)
	forEachWord(s, func(w string, start, end int) { toks = append(toks, token{w, start, end}) })
	return toks
}

// phraseSet matches lists of words and phrases against the tokens of a text in one pass. It
// replaces alternations of hundreds of literals, which Go's regexp runs slowly.
type phraseSet struct {
	byFirst map[string][][]string
	symbols []string // cues with no letters, such as ❌, matched as substrings
}

func newPhraseSet(phrases []string) phraseSet {
	ps := phraseSet{byFirst: map[string][][]string{}}
	for _, p := range phrases {
		words := strings.Fields(strings.Join(wordsOf(Normalize(p)), " "))
		if len(words) == 0 {
			ps.symbols = append(ps.symbols, p)
			continue
		}
		ps.byFirst[words[0]] = append(ps.byFirst[words[0]], words)
	}
	return ps
}

func wordsOf(s string) []string {
	var out []string
	forEachWord(s, func(w string, _, _ int) { out = append(out, w) })
	return out
}

// each calls fn with the byte span of every phrase found in toks; fn returns false to stop.
func (ps phraseSet) each(toks []token, fn func(phrase string, start, end int) bool) {
	for i, t := range toks {
		for _, words := range ps.byFirst[t.w] {
			if i+len(words) > len(toks) {
				continue
			}
			ok := true
			for j := 1; j < len(words); j++ {
				if toks[i+j].w != words[j] {
					ok = false
					break
				}
			}
			if ok && !fn(strings.Join(words, " "), t.start, toks[i+len(words)-1].end) {
				return
			}
		}
	}
}

// any reports whether a phrase occurs in toks, or a symbol in text.
func (ps phraseSet) any(toks []token, text string) bool {
	found := false
	ps.each(toks, func(string, int, int) bool { found = true; return false })
	return found || ps.symbolIn(text)
}

func (ps phraseSet) symbolIn(text string) bool {
	for _, s := range ps.symbols {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}
