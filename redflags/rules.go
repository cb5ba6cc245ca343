package redflags

import (
	"embed"
	"fmt"
	"io/fs"
	"math/bits"
	"slices"

	"github.com/BurntSushi/toml"
)

//go:embed rules/*.toml
var rulesFS embed.FS

// Rule is one reviewable red-flag rule: when one of its word patterns matches the normalised ad
// outside a negation or a warning, it raises its flag.
type Rule struct {
	ID     string `toml:"id"`
	Flag   Code   `toml:"flag"`
	Lang   string `toml:"lang"`   // the language the rule was written for: en, ur or roman-ur
	Source string `toml:"source"` // where the sign comes from (design.md §1 and its sources)
	// Match are word patterns (see wordPattern): "(registration|visa) fees".
	Match   []string `toml:"match"`
	Context []string `toml:"context"` // word patterns; if set, one must match somewhere in the ad
	// Near, when set, asks the context to match within that many words of the match: "call
	// centre jobs in Bangkok" is a job there, a company profile that lists Thailand among its
	// markets is not.
	Near     int      `toml:"near"`
	Unless   []string `toml:"unless"`   // word patterns; if one matches anywhere, the rule does not fire
	Requires []Code   `toml:"requires"` // if set, the flag stands only when one of these flags stands too
	// Negatable is true unless the rule says otherwise: "no registration fee" is not a fee demand.
	Negatable *bool `toml:"negatable"`
	// Strong makes the rule's sign strong whatever its code weighs: the one-time code asked for
	// is PERSONAL_DATA, but it is the key to the wallet, where a CV asked for is not.
	Strong   bool     `toml:"strong"`
	Examples []string `toml:"examples"` // texts the rule must fire on (tested)
	Counter  []string `toml:"counter"`  // texts the rule must not fire on (tested)

	words   []wordPattern
	context []wordPattern
	unless  []wordPattern
}

func (r *Rule) negatable() bool { return r.Negatable == nil || *r.Negatable }

// Cues are the word lists that decide context: negation around a match, warnings in a clause,
// awareness texts and real offers. They live in rules/context.toml so a counsellor can extend them.
type Cues struct {
	NegationBefore []string `toml:"negation_before"`
	NegationAfter  []string `toml:"negation_after"`
	Warning        []string `toml:"warning"`
	Awareness      []string `toml:"awareness"`
	Offer          []string `toml:"offer"`
	JobAd          []string `toml:"job_ad"`
	Overseas       []string `toml:"overseas"`
	RomanMarkers   []string `toml:"roman_markers"`
	BackReference  []string `toml:"back_reference"`
	Accusation     []string `toml:"accusation"`
	// Whole-message cues for the message kind (see kind.go).
	Contact        []string `toml:"contact"`
	Advisory       []string `toml:"advisory"`
	News           []string `toml:"news"`
	Victim         []string `toml:"victim"`
	FirstPerson    []string `toml:"first_person"`
	Paid           []string `toml:"paid"`
	Took           []string `toml:"took"`
	Money          []string `toml:"money"`
	Reporting      []string `toml:"reporting"`
	Threat         []string `toml:"threat"`
	VictimLoss     []string `toml:"victim_loss"`
	VictimGone     []string `toml:"victim_gone"`
	VictimHarm     []string `toml:"victim_harm"`
	Journey        []string `toml:"journey"`
	Work           []string `toml:"work"`
	Sale           []string `toml:"sale"`
	Subscription   []string `toml:"subscription"`
	Relayed        []string `toml:"relayed"`
	Own            []string `toml:"own"`
	DontPay        []string `toml:"dont_pay"`
	LicenceWords   []string `toml:"licence_words"`
	QuestionStart  []string `toml:"question_start"`
	TopicFees      []string `toml:"topic_fees"`
	TopicCheck     []string `toml:"topic_check"`
	TopicVisitVisa []string `toml:"topic_visit_visa"`
	TopicComplain  []string `toml:"topic_complain"`
	TopicProtector []string `toml:"topic_protector"`
	TopicAbroad    []string `toml:"topic_abroad"`
	TopicPrepare   []string `toml:"topic_prepare"`
	Agent          []string `toml:"agent"`
	Pakistan       []string `toml:"pakistan"`
	Gulf           []string `toml:"gulf"`
	// Small words of languages written in Urdu's script, matched on the original letters.
	UrduWords    []string `toml:"urdu_words"`
	PunjabiWords []string `toml:"punjabi_words"`
	ArabicWords  []string `toml:"arabic_words"`
	PersianWords []string `toml:"persian_words"`

	negBefore, negAfter shapedSet
	romanMarkers        idSet // the ids of the normalised roman_markers
	backRef             map[string]bool
	accusation          map[string]bool
	caution             map[string]bool // the warning phrases that advise the reader (cautionPhrase)
	questionStart       map[string]bool
	smallWords          map[string]smallWordLang // urdu_words, punjabi_words, arabic_words, persian_words
	maxSmallWord        int                      // the length of the longest of smallWords, in bytes
	smallShape          wordShape                // the shapes of smallWords, which otherLanguage tests first
	contact             phraseSet
	whole               cueIndex // offer, contact, job_ad, awareness, advisory, news, victim, licence_words
	agent               phraseSet
	pakistan            phraseSet
	gulf                phraseSet
	advisory            phraseSet
	news                phraseSet
	victim              phraseSet
	firstPerson, paid   phraseSet
	took                phraseSet
	money               phraseSet
	reporting           phraseSet
	threat              phraseSet
	victimLoss          phraseSet
	victimGone          phraseSet
	victimHarm          phraseSet
	journey, work       phraseSet
	sale, subscription  phraseSet
	relayed, own        phraseSet
	dontPay             phraseSet
	licenceWords        phraseSet
	topicFees           phraseSet
	topicVisitVisa      phraseSet
	topicCheck          phraseSet
	topicComplain       phraseSet
	topicProtector      phraseSet
	topicAbroad         phraseSet
	topicPrepare        phraseSet
	warning             phraseSet
	awareness           phraseSet
	offer               phraseSet
	jobAd               phraseSet
	overseas            phraseSet
}

// Rules is a compiled rule set.
type Rules struct {
	Rules []*Rule
	Cues  Cues
	// The word patterns indexed by what they can start with, so that one pass over the ad's words
	// tries only the patterns that can match there.
	byID     map[string]*Rule
	firsts   idSet      // the ids of the words patterns start with
	byFirst  [][]patRef // by the id of the word
	prefixed []patRef
	// prefixStart has a bit for the first byte of every prefix of prefixed (every bit for an
	// empty prefix): a token that starts with none of them is tried against none of the prefixed
	// patterns, which was most of their cost.
	prefixStart [4]uint64
	numbered    []patRef
	patterns    int // how many word patterns in all
}

// patRef is one word pattern of one rule; id numbers it across the rule set. rest is the
// pattern's needs after its first element's (wordPattern.restNeeds), kept in the reference, which
// matchRules reads as it passes over the references of a word: most patterns are found
// impossible in a text by their needs alone, and reading them here spares reading the rule and
// the pattern, elsewhere in memory.
type patRef struct {
	rule, pat, id int
	prefix        string
	rest          []needBit
}

type ruleFile struct {
	Rule    []*Rule `toml:"rule"`
	Context *Cues   `toml:"context"`
}

// DefaultRules loads the embedded rule files. It fails only if a shipped rule is broken, which
// the tests catch.
func DefaultRules() (*Rules, error) {
	var files []ruleFile
	err := fs.WalkDir(rulesFS, "rules", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := rulesFS.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		var f ruleFile
		if _, err := toml.Decode(string(data), &f); err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return compile(files)
}

func compile(files []ruleFile) (*Rules, error) {
	rs := &Rules{byID: map[string]*Rule{}}
	for _, f := range files {
		if f.Context != nil {
			rs.Cues = *f.Context
		}
		for _, r := range f.Rule {
			if rs.byID[r.ID] != nil {
				return nil, fmt.Errorf("rule %s: duplicate id", r.ID)
			}
			rs.byID[r.ID] = r
			if err := rs.add(r); err != nil {
				return nil, fmt.Errorf("rule %s: %w", r.ID, err)
			}
		}
	}
	if err := rs.Cues.compile(); err != nil {
		return nil, err
	}
	return rs, nil
}

func (rs *Rules) add(r *Rule) error {
	if !r.Flag.Valid() {
		return fmt.Errorf("unknown flag %q", r.Flag)
	}
	if len(r.Match) == 0 {
		return fmt.Errorf("no match patterns")
	}
	var err error
	if r.words, err = parseAll(r.Match); err != nil {
		return err
	}
	if r.context, err = parseAll(r.Context); err != nil {
		return fmt.Errorf("context: %w", err)
	}
	if r.unless, err = parseAll(r.Unless); err != nil {
		return fmt.Errorf("unless: %w", err)
	}
	ri := len(rs.Rules)
	rs.Rules = append(rs.Rules, r)
	for pi, wp := range r.words {
		words, prefixes, number := firstWords(wp.elems[0])
		ref := patRef{rule: ri, pat: pi, id: rs.patterns, rest: wp.restNeeds()}
		rs.patterns++
		for _, w := range words {
			id := wordIDOf(w)
			if int(id) >= len(rs.byFirst) {
				rs.byFirst = append(rs.byFirst, make([][]patRef, int(id)+1-len(rs.byFirst))...)
			}
			if !slices.ContainsFunc(rs.byFirst[id], func(r patRef) bool { return r.id == ref.id }) {
				rs.firsts.add(id)
				rs.byFirst[id] = append(rs.byFirst[id], ref)
			}
		}
		for _, p := range prefixes {
			ref.prefix = p
			rs.prefixed = append(rs.prefixed, ref)
			if p == "" {
				rs.prefixStart = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			} else {
				rs.prefixStart[p[0]>>6] |= 1 << (p[0] & 63)
			}
		}
		if number {
			ref.prefix = ""
			rs.numbered = append(rs.numbered, ref)
		}
	}
	return nil
}

func parseAll(srcs []string) ([]wordPattern, error) {
	out := make([]wordPattern, 0, len(srcs))
	for _, s := range srcs {
		wp, err := parseWordPattern(s)
		if err != nil {
			return nil, err
		}
		out = append(out, wp)
	}
	return out, nil
}

// anyMatch reports whether one of the patterns matches somewhere in toks. present holds the ids
// of the words of a text that toks are part of (see doc.present); nil passes over no pattern.
func anyMatch(ps []wordPattern, toks []token, present idSet) bool {
	// skip has bit k set for a pattern ps[k] that the text cannot hold (past 64 patterns, none
	// is skipped: a shift that wide gives 0).
	var skip uint64
	if present != nil {
		n := 0
		for k := range ps {
			if !ps[k].possible(present) {
				skip |= 1 << k
				n++
			}
		}
		if n == len(ps) {
			return false
		}
	}
	for i := range toks {
		for k := range ps {
			p := &ps[k]
			if skip&(1<<k) != 0 || !p.elems[0].mayStart(toks, i) {
				continue
			}
			if _, ok := p.match(toks, i); ok {
				return true
			}
		}
	}
	return false
}

// anyMatchIn is anyMatch over the whole text of d. A pattern whose every match starts with a
// named word (one word, or a group whose alternatives each start with one) is tried only at the
// tokens of those words, which d chains by word id, rather than at every token: a rule's unless
// and context patterns are read over the whole text for every rule a text matches.
func (d *doc) anyMatchIn(ps []wordPattern) bool {
	for k := range ps {
		p := &ps[k]
		if !p.possible(d.present) {
			continue
		}
		if p.firstNeeds == 0 {
			if anyMatch(ps[k:k+1], d.toks, nil) {
				return true
			}
			continue
		}
		for _, b := range p.needBits[:p.needEnds[0]] {
			if int(b.at) >= len(d.present) {
				continue
			}
			for m := b.bits & d.present[b.at]; m != 0; m &= m - 1 {
				id := b.at<<6 | int32(bits.TrailingZeros64(m))
				for i := d.firstAt[id] - 1; i >= 0; i = d.nextAt[i] - 1 {
					if _, ok := p.match(d.toks, int(i)); ok {
						return true
					}
				}
			}
		}
	}
	return false
}

func (c *Cues) compile() error {
	c.negBefore = shapedWordSet(c.NegationBefore)
	c.negAfter = shapedWordSet(c.NegationAfter)
	c.romanMarkers = nil
	for w := range wordSet(c.RomanMarkers) {
		c.romanMarkers.add(wordIDOf(w))
	}
	c.backRef = wordSet(c.BackReference)
	c.accusation = wordSet(c.Accusation)
	c.questionStart = wordSet(c.QuestionStart)
	c.smallWords = map[string]smallWordLang{}
	// A word on several lists counts for the first of Urdu, Punjabi, Arabic, Persian: the lists
	// are entered in the reverse order, each overwriting the ones before.
	for _, l := range []struct {
		words []string
		lang  smallWordLang
	}{{c.PersianWords, smallPersian}, {c.ArabicWords, smallArabic}, {c.PunjabiWords, smallPunjabi}, {c.UrduWords, smallUrdu}} {
		for _, w := range l.words {
			c.smallWords[w] = l.lang
			c.maxSmallWord = max(c.maxSmallWord, len(w))
			if w != "" {
				c.smallShape.add(w)
			}
		}
	}
	for _, x := range []struct {
		dst   *phraseSet
		words []string
		name  string
	}{
		{&c.warning, c.Warning, "warning"}, {&c.awareness, c.Awareness, "awareness"}, {&c.offer, c.Offer, "offer"},
		{&c.jobAd, c.JobAd, "job_ad"}, {&c.overseas, c.Overseas, "overseas"},
		{&c.contact, c.Contact, "contact"}, {&c.agent, c.Agent, "agent"}, {&c.pakistan, c.Pakistan, "pakistan"}, {&c.gulf, c.Gulf, "gulf"}, {&c.advisory, c.Advisory, "advisory"}, {&c.news, c.News, "news"},
		{&c.victim, c.Victim, "victim"}, {&c.licenceWords, c.LicenceWords, "licence_words"},
		{&c.firstPerson, c.FirstPerson, "first_person"}, {&c.paid, c.Paid, "paid"}, {&c.took, c.Took, "took"}, {&c.money, c.Money, "money"}, {&c.reporting, c.Reporting, "reporting"}, {&c.threat, c.Threat, "threat"},
		{&c.victimLoss, c.VictimLoss, "victim_loss"}, {&c.victimGone, c.VictimGone, "victim_gone"},
		{&c.victimHarm, c.VictimHarm, "victim_harm"}, {&c.journey, c.Journey, "journey"}, {&c.work, c.Work, "work"},
		{&c.sale, c.Sale, "sale"}, {&c.subscription, c.Subscription, "subscription"},
		{&c.relayed, c.Relayed, "relayed"}, {&c.own, c.Own, "own"},
		{&c.dontPay, c.DontPay, "dont_pay"},
		{&c.topicFees, c.TopicFees, "topic_fees"}, {&c.topicCheck, c.TopicCheck, "topic_check"},
		{&c.topicVisitVisa, c.TopicVisitVisa, "topic_visit_visa"},
		{&c.topicComplain, c.TopicComplain, "topic_complain"}, {&c.topicProtector, c.TopicProtector, "topic_protector"},
		{&c.topicAbroad, c.TopicAbroad, "topic_abroad"},
		{&c.topicPrepare, c.TopicPrepare, "topic_prepare"},
	} {
		if len(x.words) == 0 {
			return fmt.Errorf("context.%s: empty list", x.name)
		}
		*x.dst = newPhraseSet(x.words)
	}
	// Whether a warning phrase advises depends on the phrase alone: decided once here, not at
	// each occurrence.
	c.caution = map[string]bool{}
	c.warning.byFirstID(func(_ wordID, ps []phrase) {
		for _, p := range ps {
			if !c.accusation[p.text] && cautionPhrase(c, p.text) {
				c.caution[p.text] = true
			}
		}
	})
	var sets [numCueSets]phraseSet
	sets[cueOffer], sets[cueContact], sets[cueJobAd], sets[cueAwareness] = c.offer, c.contact, c.jobAd, c.awareness
	sets[cueAdvisory], sets[cueNews], sets[cueVictim], sets[cueLicence] = c.advisory, c.news, c.victim, c.licenceWords
	sets[cueFirstPerson], sets[cuePaid], sets[cueTook], sets[cueMoney] = c.firstPerson, c.paid, c.took, c.money
	sets[cueRemote], sets[cueEasy], sets[cueTask], sets[cueQuickPay] = remoteCue, easyCue, taskCue, quickPayCue
	sets[cueAgent], sets[cueOverseas] = c.agent, c.overseas
	sets[cueBusywork], sets[cueEarn], sets[cueReceipt] = busyworkCue, earnCue, receiptCue
	sets[cueReporting], sets[cueThreat] = c.reporting, c.threat
	sets[cueVictimLoss], sets[cueVictimHarm], sets[cueJourney], sets[cueWork] = c.victimLoss, c.victimHarm, c.journey, c.work
	sets[cueVictimGone], sets[cueSale], sets[cueSubscription] = c.victimGone, c.sale, c.subscription
	sets[cueRelayed], sets[cueOwn], sets[cueDontPay] = c.relayed, c.own, c.dontPay
	sets[cueThirdPerson], sets[cueSecondPerson], sets[cuePastTense] = thirdPersonCue, secondPersonCue, pastTenseCue
	c.whole = newCueIndex(sets[:])
	return nil
}

// smallWordLang says which language's small words list a word is on (Cues.smallWords); the
// lists are matched on the original letters, before normalisation.
type smallWordLang uint8

const (
	smallNone smallWordLang = iota
	smallUrdu
	smallPunjabi
	smallArabic
	smallPersian
	numSmallWordLangs
)

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Normalize(w)] = true
	}
	return m
}
