// Package redflags is the ad analyser: it normalises an ad written in English, Urdu or Roman
// Urdu, finds the scam signs of design.md §1 with the words that show them, checks cited licence
// numbers against the register, and scores the result. It does no I/O of its own: the register
// is an interface the caller passes in.
package redflags

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tasdeeq/tasdeeq/licences"
)

// Register is the subset of the licence register the analyser needs.
type Register interface {
	Lookup(ctx context.Context, number string) (licences.Record, bool, error)
}

// Analyzer runs a compiled rule set. It is safe for concurrent use.
type Analyzer struct {
	rules *Rules
	now   func() time.Time
	// titles holds a prepared licences.NameScorer for each registered title an ad's licence
	// number led to, at most maxTitles of them: preparing a title costs more than comparing a
	// name with it, and ads cite the same agencies again and again.
	titles    sync.Map // title → *licences.NameScorer
	numTitles atomic.Int32
}

// maxTitles bounds Analyzer.titles; the register holds a few thousand agencies.
const maxTitles = 1024

// titleScorer returns the prepared scorer of a registered title.
func (a *Analyzer) titleScorer(title string) *licences.NameScorer {
	if s, ok := a.titles.Load(title); ok {
		return s.(*licences.NameScorer)
	}
	s := licences.NewNameScorer(title)
	if a.numTitles.Load() < maxTitles {
		if prev, loaded := a.titles.LoadOrStore(title, s); loaded {
			return prev.(*licences.NameScorer)
		}
		a.numTitles.Add(1)
	}
	return s
}

// Option configures an Analyzer.
type Option func(*Analyzer)

// WithClock sets the clock used to decide whether an Active licence has passed its expiry date.
func WithClock(now func() time.Time) Option { return func(a *Analyzer) { a.now = now } }

// defaultRules compiles the embedded rules once per process. Parsing and compiling them costs
// about as much as checking three hundred ads, and every command that checks ads (check, serve,
// chat, and check --jsonl once per run) makes an analyser; a compiled rule set is only read after
// compile returns, so all of those analysers can share one.
var defaultRules = sync.OnceValues(DefaultRules)

// New returns an analyser over the given rules, or the embedded default rules when rules is nil.
// The default rules are compiled once and shared by every analyser made with nil: their caller
// must not change them (Rules).
func New(rules *Rules, opts ...Option) (*Analyzer, error) {
	if rules == nil {
		var err error
		if rules, err = defaultRules(); err != nil {
			return nil, err
		}
	}
	a := &Analyzer{rules: rules, now: time.Now}
	for _, o := range opts {
		o(a)
	}
	return a, nil
}

// Rules returns the analyser's rule set, which is read only: the default rules are shared by
// every analyser New made without rules of its own.
func (a *Analyzer) Rules() *Rules { return a.rules }

// Analyze reads one text and returns its verdict. reg may be nil, in which case cited licences
// are reported with status "unknown" and no licence flag is raised. The only error is the
// register's: without it the verdict would be wrong, so the caller must retry or say so.
//
// The verdict says first what kind of message the text is (Kind). Only an ad is scored as an
// offer; a licence question is answered from the register (its risk follows the licence's
// status), a victim's account is high risk when it tells of a scam, and advisories, questions and
// anything else are low with no flags.
func (a *Analyzer) Analyze(ctx context.Context, text string, reg Register) (Verdict, error) {
	var sig signals
	v, err := a.analyze(ctx, text, reg, &sig)
	if err != nil {
		return v, err
	}
	if v.Kind == KindAd {
		// A warning that quotes the whole offer, its price and the scammer's number ("Ye ad aaj
		// kal chal raha hai: '… 3 lakh token money … Call 0322-…'. Ye log LMIA ki …") asks for
		// nothing itself: the demand and the number are the quoted offer's. Read without its
		// quotes, a text that warns (or tells a loss) is that; an offer that puts its "no fraud"
		// in quotes still asks, outside them, for the money.
		//
		// The warning must advise ("do not pay", "beware", "verify first"): a news report or a
		// complaint that quotes the offer ("The advert, attached to the complaint, read: '…'")
		// names only the offer, which is what the reader asks about.
		o, outerSig, ok, err := a.readUnquoted(ctx, text, reg, sig.group || sig.passOn)
		if err != nil {
			return Verdict{}, err
		}
		if ok {
			if o.Kind == KindOther && outerSig.warns() {
				// The words that put a warning on the bot's topic (a visa, a job, fraud) may all
				// be in the quote taken out: outside it, the warning is still one.
				o.Kind, o.Risk = KindAdvisory, Low
			}
			// Outside the quote, a writer who neither asks for money nor gives a number, a link or
			// an address to reach them, and warns, passes the offer on to warn: "Some of you have
			// shown me messages offering '…'. Before you pay anyone, bring the offer to me." Naming
			// where the offer was met ("the '…' guy you met on Facebook") is no way to reach anyone.
			// A lead-in of a few words ("The advert, attached to the complaint, read:") says
			// nothing of its own: the quoted offer is what the reader asks about.
			passesOn := o.Kind == KindAdvisory && !outerSig.demand && !outerSig.reach && outerSig.words >= 20
			// A family's or a group's warning addresses the group ("Sab bhai dehaan dein", "کوریا جانے
			// کے شوقین نوجوان توجہ کریں!", "Gujrat ke sab rishtedaro ko ittila") and says what it
			// thinks of the quoted offer in its own words, which need no word of the advisories'
			// (" 'Paisay wapis' ki guarantee sab dete hain, wapis koi nahi karta"): outside the
			// quote it asks for nothing, gives no way in, and speaks for no offer of its own.
			// Others' loss told to a group to warn it, beside the offer that caused it ("Ek member ne 45
			// hazar diye aur ab ...", "ye banda Sialkot me 10 log loot chuka, share karo"): the writer
			// lost nothing and passes the warning on.
			quiet := !outerSig.demand && !outerSig.reach && outerSig.news < 2
			switch {
			case o.Kind == KindVictim && quiet && !outerSig.ownLoss && (outerSig.group || outerSig.passOn):
				return advisoryVerdict(v), nil
			case o.Kind == KindAdvisory && (outerSig.advice > 0 && outerSig.advisory >= 2 || passesOn) || o.Kind == KindVictim:
				return o, nil
			case o.Kind == KindOther && quiet && !outerSig.own && outerSig.words >= 8 && outerSig.group:
				return advisoryVerdict(v), nil
			}
		}
		// The same offer pasted after a colon, with no quotation marks ("Ye msg aya hai: Malaysia
		// factory job ... 50k advance bhejo 0322-… Fraud hai, ignore karo", "A sample of their
		// post: …"): the passage to the end of its paragraph is the message passed on. It is
		// passed on to warn when the writer, outside it, speaks for no offer of their own ("our",
		// "we", "ہمارا"), asks for nothing, gives no number, and advises; the warning may follow
		// the offer in its paragraph, so the advice outside is the whole text's less the
		// passage's own.
		// Both readings need a warning, an advice or a loss somewhere in the text: an ad with none
		// (most ads) is not read three times over.
		var outer, block string
		ok, lines := false, false
		if sig.advisory > 0 || sig.victim > 0 || sig.disowned {
			outer, block, ok = colonPassedOn(text)
			if !ok {
				outer, block, ok = offerLines(text)
				lines = ok
			}
		}
		if ok {
			var outerSig, blockSig signals
			if _, err := a.analyze(ctx, outer, reg, &outerSig); err != nil {
				return Verdict{}, err
			}
			if _, err := a.analyze(ctx, block, reg, &blockSig); err != nil {
				return Verdict{}, err
			}
			// Set apart by its lines alone, the offer needs lines outside it that judge it ("یہ جعلی
			// ہے", "Fraud hai") or tell of someone's loss to it, or that point at it as something got
			// and warn ("ye msg aya … koi paisa na bhejein", "☝️ … avoid"): a scammer's own "⚠ Beware of
			// fake agents" line above the offer does neither, and "our offer 👇" is the writer's own.
			passedOn := !outerSig.own && !outerSig.demand && !outerSig.reach && sig.advice > blockSig.advice &&
				sig.advisory-blockSig.advisory >= 1
			if lines {
				// A warning word asked about ("sahi hai ya fraud? 👇") judges nothing: the one who
				// asks holds the offer and wants its verdict.
				passedOn = !outerSig.demand && !outerSig.reach && (outerSig.disowned || outerSig.victim > 0 ||
					!outerSig.own && outerSig.warnings > outerSig.askedWarnings && pointsAtOffer(outer))
			}
			if passedOn {
				return advisoryVerdict(v), nil
			}
		}
		return v, nil
	}
	if v.Kind == KindVictim && !sig.ownLoss && !sig.self && (sig.group || sig.passOn) && sig.news == 0 {
		// Others' loss told to a group beside the offer that caused it, pasted whole ("GB Youth
		// Group admin: Kai bhaiyon ko ye msg aya: '… Security deposit 45,000 pehle …' Ek member ne 45
		// hazar diye aur ab …"): the writer lost nothing and passes a warning on, when outside the
		// quote they ask for nothing and give no way in.
		_, outerSig, ok, err := a.readUnquoted(ctx, text, reg, true)
		if err != nil {
			return Verdict{}, err
		}
		if ok && !outerSig.demand && !outerSig.reach && !outerSig.ownLoss {
			return advisoryVerdict(v), nil
		}
	}
	if v.Kind != KindOther {
		return v, nil
	}
	// A report that quotes an offer word for word ("the WhatsApp message read: '… deposit a
	// refundable fee of AED 1,200 …'", "police ke mutabiq agent ne ye message bheja: '…'") is
	// news to the bot's eyes, but the offer it quotes is what the reader asks about: when the
	// quote alone is a high-risk offer, that is the answer. Warnings quote offers too, and are
	// advisories before they get here; only the longest quote is read, so a text is read at most
	// twice.
	qs, qe, ok := longestQuote(text)
	if !ok {
		return v, nil
	}
	q, err := a.analyze(ctx, text[qs:qe], reg, nil)
	if err != nil {
		return Verdict{}, err
	}
	if q.Kind != KindAd || q.Risk != High {
		return v, nil
	}
	// Outside the quote, a writer who is no reporter and who advises, disowns the offer or warns a
	// group, and asks for nothing, passes the offer on to warn ("امی ابو، عمران کو یہ میسج ملا ہے، اس
	// کو کچھ نہ دیں: ”قطر ورلڈ کمپنی کو 50 ڈرائیور چاہئیں ...“").
	_, outerSig, passed, err := a.readUnquoted(ctx, text, reg, sig.group || sig.passOn)
	if err != nil {
		return Verdict{}, err
	}
	if passed && outerSig.news < 2 && !outerSig.demand && !outerSig.reach && !outerSig.own &&
		(outerSig.advice > 0 || outerSig.disowned || outerSig.group) {
		return advisoryVerdict(v), nil
	}
	for i := range q.Flags {
		if q.Flags[i].End > 0 {
			q.Flags[i].Start += qs
			q.Flags[i].End += qs
		}
	}
	for i := range q.Licences {
		if q.Licences[i].End > 0 {
			q.Licences[i].Start += qs
			q.Licences[i].End += qs
		}
	}
	return q, nil
}

// readUnquoted reads text without the quotes it passes on (unquoted; lines as there): the
// verdict and the signals of the writer's own words, and ok false (nothing read) when no quote is
// passed on.
func (a *Analyzer) readUnquoted(ctx context.Context, text string, reg Register, lines bool) (Verdict, signals, bool, error) {
	var s signals
	outer, ok := unquoted(text, lines)
	if !ok {
		return Verdict{}, s, false, nil
	}
	o, err := a.analyze(ctx, outer, reg, &s)
	return o, s, true, err
}

// advisoryVerdict is the verdict on an offer passed on to warn: advice, in v's language, with no flags
// and no licences (the offer's are not the writer's).
func advisoryVerdict(v Verdict) Verdict {
	return Verdict{Kind: KindAdvisory, Risk: Low, Language: v.Language, Flags: []Flag{}, Licences: []Licence{}}
}

// minQuoteWords is how many words a quote needs to be read as an offer of its own: a word or two
// in quotes ("registration fee", 'agent') is a term, not the offer.
const minQuoteWords = 8

// quoteIntro are the words that say what follows is the offer itself: "the message read:", "the
// gang advertised:", "the letter stated:", "agent ne ye message bheja:", "اشتہار میں لکھا تھا:".
// An official's words quoted ("… not work visas," Baig said) and a myth put up to be knocked
// down are not introduced so.
var quoteIntro = map[string]bool{"read": true, "reads": true, "advertised": true, "advertisement": true, "advert": true,
	"ad": true, "ads": true, "message": true, "messages": true, "msg": true, "post": true, "posted": true, "offer": true,
	"offered": true, "wrote": true, "written": true, "promised": true, "sms": true, "text": true, "claimed": true,
	"stated": true, "letter": true, "likha": true, "bheja": true, "اشتہار": true, "پیغام": true, "میسج": true,
	"لکھا": true, "پیشکش": true, "پوسٹ": true, "بھیجا": true, "پیغامات": true, "میسجز": true, "msgs": true,
	"اشتہارات": true}

// passedOnIntro are the words that say a warning passes on a message it got ("ye msg aya", "the
// following is being circulated", "got this from an agent", "we received this screenshot"), beside
// quoteIntro's.
var passedOnIntro = map[string]bool{"aya": true, "aaya": true, "circulated": true, "circulating": true, "sent": true,
	"received": true, "got": true, "screenshot": true, "forwarded": true, "shared": true, "آیا": true,
	// A post seen and passed on: "[screenshot: TikTok video, caption '…']", "Insta pe ye reel dekhi: '…'",
	// "[تصویر: واٹس ایپ اسٹیٹس — '…']".
	"caption": true, "reel": true, "video": true, "status": true, "dekhi": true, "dekha": true, "تصویر": true,
	"اسٹیٹس": true,
	// What the agent says, told by one who warns of him: "ایک آدمی آ رہا ہے جو کہتا ہے کہ '…'",
	// "agent kehta hai '…'", "he says '…'".
	"کہتا": true, "کہتی": true, "کہتے": true, "کہہ": true, "kehta": true, "kehti": true, "kehte": true,
	"kehtay": true, "says": true, "saying": true, "kaha": true, "keh": true, "کہا": true, "bola": true, "بولا": true,
	// What the victims were asked or told, in a warning: "candidates are asked to bring '…'".
	"asked": true, "told": true,
	// What the offers say or promise: "Offers like '…'", "offers that say '…'", "brokers promising
	// '…'", "a letter headed '…'", "posts claiming '…'".
	"offers": true, "say": true, "promising": true, "promise": true, "promises": true, "headed": true,
	"titled": true, "claiming": true, "claims": true,
	// A list of the signs, each quoted: "جعلی ایجنٹ کی پانچ نشانیاں 🚩 • '…' • '…'", "Signs of a fake
	// agent: '…'".
	"نشانیاں": true, "نشانی": true, "signs": true, "nishaniyan": true, "nishani": true,
	// The quote named by what it is, after it: "'…' والی پوسٹس", "'…' والا بندہ", "'…' wala msg".
	"پوسٹس": true, "پوسٹیں": true, "والا": true, "والی": true, "والے": true, "wala": true, "wali": true,
	"wale": true}

// introduced reports whether the few words before byte i of text say that a quote opening there
// is an offer, a message or an ad.
func introduced(text string, i int) bool { return introducedBy(text, i, quoteIntro, nil) }

// introducedBy reports whether a word of the sentence before byte i of text, or of the one before
// that (at most introWords words back), is in one of the lists. Sentences, not a count of bytes:
// an Urdu introduction takes twice the bytes of an English one ("یہ میسج آج کل ہر گروپ میں آ رہا
// ہے، براہ مہربانی اس پر یقین نہ کریں: '…'").
func introducedBy(text string, i int, words, more map[string]bool) bool {
	from := max(0, i-400)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from++
	}
	// The marks and spaces just before the quote end its introduction; the sentence ends before it.
	lead := strings.TrimRightFunc(text[from:i], func(r rune) bool { return unicode.IsSpace(r) || isQuoteMark(r) || r == ':' })
	if k := lastMark(lead, ".!?\n", "۔", "؟"); k >= 0 {
		// A lead-in often leans on the sentence or the line before it: "Ye msg aya. Dekho: '…'",
		// "Forwarded as received\n⚠️ FAKE JOB ALERT ⚠️\n'…'". Two sentences back introduce
		// nothing.
		lead = lead[lastMark(lead[:k], ".!?\n", "۔", "؟")+1:]
	}
	fields := strings.Fields(strings.ToLower(lead))
	for n, k := 0, len(fields)-1; k >= 0 && n < introWords; k-- {
		w := strings.TrimFunc(fields[k], func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" {
			continue // a mark or a number is no word
		}
		if words[w] || more[w] {
			return true
		}
		n++
	}
	return false
}

// introWords is how many words of its sentence before a quote may introduce it.
const introWords = 30

// namedAfter reports whether one of the three words after byte i of text (a quote's closing mark)
// is in one of the lists: Urdu and Roman Urdu name what was quoted after it ("'…' wala msg aya
// hai", "'…' کے پیغامات آ رہے ہیں").
func namedAfter(text string, i int, words, more map[string]bool) bool {
	to := min(len(text), i+120)
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	fields := strings.Fields(strings.ToLower(text[i:to]))
	if len(fields) > 3 {
		fields = fields[:3]
	}
	return anyListed(fields, words, more)
}

// anyListed reports whether one of fields, its punctuation trimmed, is in one of the lists.
func anyListed(fields []string, words, more map[string]bool) bool {
	for _, w := range fields {
		if w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }); words[w] || more[w] {
			return true
		}
	}
	return false
}

// longestQuote finds the longest span of text between quotation marks, with at least
// minQuoteWords words and introduced as a message or an ad, and returns its bounds inside the
// marks.
func longestQuote(text string) (start, end int, ok bool) {
	eachQuote(text, func(open, close int) {
		if close-open > end-start && introduced(text, open) {
			start, end, ok = open, close, true
		}
	})
	return start, end, ok
}

// eachQuote calls fn with the bounds inside the marks of every span of text between quotation
// marks that holds at least minQuoteWords words. Straight single quotes count only where they
// cannot be apostrophes: opened after a space, a colon or the start, closed before anything but a
// letter.
func eachQuote(text string, fn func(open, close int)) {
	open, opener := -1, rune(0)
	for i := 0; i < len(text); i++ {
		// Every quotation mark starts with one of the bytes of quoteLead: most bytes are passed
		// over with one table read, and only a mark's runes are decoded.
		if !quoteLead[text[i]] {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isQuoteMark(r) {
			continue
		}
		if open >= 0 {
			if (r == quoteClosers[opener] || opener == '”' && r == '”') && (r != '\'' && r != '’' || !isLetter(nextRune(text, i+size))) {
				if len(strings.Fields(text[open:i])) >= minQuoteWords {
					fn(open, i)
				}
				open = -1
			}
		} else if _, q := quoteClosers[r]; q {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if i == 0 || unicode.IsSpace(prev) || prev == ':' || prev == '(' {
				open, opener = i+size, r
			}
		}
		i += size - 1
	}
}

// quoteLead holds the first bytes of the quotation marks (isQuoteMark): the ASCII double and
// single quotes, E2 (the curly quotes) and C2 (the guillemets).
var quoteLead = [256]bool{'"': true, '\'': true, 0xE2: true, 0xC2: true}

// unquoted returns text with the inside of every quote of minQuoteWords words or more that is
// introduced as a message or an ad blanked to spaces, so that offsets stay those of text; ok is
// false when there is no such quote. An offer that puts itself in quotes after a warning word
// ("Beware of fake agents! \"Dubai visa, fee 50,000 on JazzCash …\"") does not say it quotes a
// message it got, and is read whole.
func unquoted(text string, lines bool) (string, bool) {
	var b []byte
	eachQuote(text, func(open, close int) {
		_, mark := utf8.DecodeRuneInString(text[close:])
		if !introducedBy(text, open, quoteIntro, passedOnIntro) && !namedAfter(text, close+mark, quoteIntro, passedOnIntro) &&
			!afterColon(text, open, lines) {
			return
		}
		if b == nil {
			b = []byte(text)
		}
		for i := open; i < close; i++ {
			b[i] = ' '
		}
	})
	return string(b), b != nil
}

// afterColon reports a quote that opens right after a colon, across spaces and line breaks, or,
// when lines is set (a text that addresses a group or asks to be passed on), at the start of a
// line below another: a message pasted under the line that introduces it ("امی
// نے کہا تمہیں اور تمہاری سہیلیوں کو بتا دوں:\n”برطانیہ میں نرسنگ جاب ...“", "طلبہ اور والدین توجہ
// کریں ⚠️\n”نارتھ سائپرس اسٹڈی ویزہ ...“").
func afterColon(text string, open int, lines bool) bool {
	i, newline := open, false
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r != ' ' && r != '\n' && r != '\r' && r != '\t' && !strings.ContainsRune(quoteMarks, r) {
			break
		}
		newline = newline || r == '\n'
		i -= size
	}
	return i > 0 && (text[i-1] == ':' || lines && newline)
}

// quoteMarks are the marks a quote may open with, skipped back over by afterColon.
const quoteMarks = "\"'“”‘’«»„"

// colonPassedOn returns text with the passage after a colon that introduces a message passed on
// blanked to spaces (offsets kept), the passage itself, and whether there was one: the colon ends
// a sentence that names what was got ("ye msg aya hai:", "the following message:", "یہ پیغام موصول
// ہوا ہے:", colonIntro), and the passage runs to the end of its paragraph (a blank line, or the end
// of the text), minQuoteWords words or more. A colon inside a time, a link or a word ("7:10",
// "https:") introduces nothing. Only the first such passage is read.
func colonPassedOn(text string) (outer, passage string, ok bool) {
	for i := 0; i < len(text); i++ {
		if text[i] != ':' || i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
			continue
		}
		if !introducedBy(text, i, colonIntro, passedOnIntro) {
			continue
		}
		end := strings.Index(text[i+1:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += i + 1
		}
		if !atLeastWords(text[i+1:end], minQuoteWords) {
			continue
		}
		b := []byte(text)
		for k := i + 1; k < end; k++ {
			b[k] = ' '
		}
		return string(b), text[i+1 : end], true
	}
	return "", "", false
}

// offerLines returns text with the lines of a pasted offer blanked (offsets kept), those lines,
// and whether the text is so made: the offer is the run of lines around the ones that give a way
// to reach its maker (a phone number, an address, a link), each of them holding a number, a mark
// of a pasted block (">", "-", "•", "|", "[") or at most six words; at least one other line of four
// words or more stands outside it. "Bhai ye dekho kia aya hai / Malaysia factory job, salary 1 lakh
// 60 hazar, bas 50k advance bhejo 0322-… / Fraud hai 100% ignore karo" is so made.
func offerLines(text string) (outer, block string, ok bool) {
	type line struct{ start, end int }
	var ls []line
	for start := 0; start <= len(text) && len(ls) <= 200; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		ls = append(ls, line{start, end})
		start = end + 1
	}
	if len(ls) < 2 || len(ls) > 200 {
		return "", "", false
	}
	reach := func(l line) bool {
		t := text[l.start:l.end]
		return namesAddress(t) || longDigitRun(t)
	}
	offerish := func(l line) bool {
		t := strings.TrimSpace(text[l.start:l.end])
		if t == "" || verdictLine(t) {
			return false // a line that judges or points ("SCAM. Don't.", "⛔ دھوکہ ⛔", "👇👇") is the warning's
		}
		if strings.ContainsAny(t[:1], ">-•|[*") || anyDigit.in(t) {
			return true
		}
		return !atLeastWords(t, 7)
	}
	first, last := -1, -1
	for i, l := range ls {
		if reach(l) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return "", "", false
	}
	for first > 0 && offerish(ls[first-1]) {
		first--
	}
	for last+1 < len(ls) && offerish(ls[last+1]) {
		last++
	}
	outside := false
	for i, l := range ls {
		if (i < first || i > last) && atLeastWords(text[l.start:l.end], 4) {
			outside = true
		}
	}
	if !outside || !atLeastWords(text[ls[first].start:ls[last].end], minQuoteWords) {
		return "", "", false
	}
	b := []byte(text)
	for k := ls[first].start; k < ls[last].end; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
	return string(b), text[ls[first].start:ls[last].end], true
}

// verdictLine reports whether a line holds a verdict on a pasted offer or a mark that points at
// it.
func verdictLine(t string) bool {
	if verdictMarks.in(t) {
		return true
	}
	lt := strings.ToLower(t)
	for _, w := range verdictWords {
		if strings.Contains(lt, w) {
			return true
		}
	}
	return false
}

// verdictWords judge an offer: "scam", "fraud", "fake", "dhoka", "جعلی", "فراڈ", "دھوکہ", "beware".
var verdictWords = []string{"scam", "fraud", "fake", "beware", "warning", "dhoka", "jaali", "جعلی", "فراڈ",
	"دھوکہ", "دھوکا", "خبردار", "ہوشیار"}

// longDigitRun reports whether s holds seven digits or more in a run (hyphens and spaces between
// them allowed): a phone number.
func longDigitRun(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		// Read a byte at a time, as the runes decoded would be read: a digit of Urdu's (۰-۹) is
		// the two bytes DB B0-B9, and no byte of any other rune that is not ASCII is a digit, a
		// separator or DB, so each of them ends a run as its rune does (an invalid byte too).
		switch digitRunClass[s[i]] {
		case digitRunDigit:
		case digitRunSeparator:
			continue
		case digitRunDB:
			if i+1 < len(s) && s[i+1] >= 0xB0 && s[i+1] <= 0xB9 {
				i++
				break
			}
			run = 0
			continue
		default:
			// Most bytes of a text end a run, and most runs are empty: the bytes up to the next
			// digit (or DB) are passed over in a loop of one table read each. A separator there
			// neither starts a run nor ends an empty one, so it is passed over too, and the loop
			// stops at nothing but a digit, which text seldom holds (the loop's branch is then
			// foreseen at the spaces between words).
			run = 0
			for i+1 < len(s) && digitRunClass[s[i+1]] < digitRunDigitOrDB {
				i++
			}
			continue
		}
		run++
		if run >= 7 {
			return true
		}
	}
	return false
}

// The classes of the bytes longDigitRun reads, the two that may start a run last.
const (
	digitRunBreak     = iota // ends a run
	digitRunSeparator        // '-', ' ' or '+', which a run passes over
	digitRunDigit            // an ASCII digit
	digitRunDB               // the lead byte of Urdu's digits (and of other runes)

	digitRunDigitOrDB = digitRunDigit // the least class that may start a run
)

// digitRunClass is the class of each byte for longDigitRun: one table read a byte, where the
// bytes were compared with six values.
var digitRunClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = digitRunDigit
	}
	t['-'], t[' '], t['+'] = digitRunSeparator, digitRunSeparator, digitRunSeparator
	t[0xDB] = digitRunDB
	return t
}()

// pointsAtOffer reports whether the words around a pasted offer point at it as something got:
// a message, a post, a screenshot, "this guy", "👇", "☝️", "^".
func pointsAtOffer(outer string) bool {
	if strings.ContainsAny(outer, "👇☝👆^") {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(outer), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if colonIntro[w] || passedOnIntro[w] || offerPointers[w] {
			return true
		}
	}
	return false
}

// offerPointers are more words that point at an offer passed on: "this guy", "ye banda", "یہ بندہ",
// a screenshot, a DM.
var offerPointers = map[string]bool{"guy": true, "banda": true, "bande": true, "بندہ": true, "screenshot": true,
	"dm": true, "inbox": true, "اسکرین": true, "شاٹ": true, "paigham": true, "pamphlet": true}

// atLeastWords reports whether s holds n words or more, reading no further than the nth.
func atLeastWords(s string, n int) bool {
	words, in := 0, false
	for i := 0; i < len(s) && words < n; i++ {
		space := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !space && !in {
			words++
		}
		in = !space
	}
	return words >= n
}

// colonIntro are the words that name a message got, before a colon: what was received, not what
// is offered ("offer", "promised" are left out: "Our offer: …" is the writer's own).
var colonIntro = map[string]bool{"msg": true, "message": true, "messages": true, "sms": true, "post": true,
	"posts": true, "following": true, "sample": true, "parchi": true, "pamphlet": true, "leaflet": true,
	"ad": true, "advert": true, "advertisement": true, "this": true, "پیغام": true, "پیغامات": true, "پوسٹ": true,
	"میسج": true, "اشتہار": true, "پمفلٹ": true, "پرچی": true, "ذیل": true, "گردش": true, "موصول": true}

// isQuoteMark reports whether r opens or closes a quote.
func isQuoteMark(r rune) bool {
	return r == '"' || r == '\'' || r == '“' || r == '”' || r == '«' || r == '»' || r == '‘' || r == '’'
}

// quoteClosers maps each opening quotation mark to the mark that closes it.
var quoteClosers = map[rune]rune{'"': '"', '“': '”', '«': '»', '\'': '\'', '‘': '’',
	// Urdu is typed right to left with the marks as the keyboard gives them: "”برطانیہ میں نرسنگ
	// جاب ...“" opens with the right mark and closes with the left one (or the right one again).
	'”': '“'}

// nextRune returns the rune at byte i of s, or a space past its end.
func nextRune(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// analyze reads one text as Analyze does, without looking into its quotes. When sigOut is not
// nil, it gets the signals the kind was decided from.
func (a *Analyzer) analyze(ctx context.Context, text string, reg Register, sigOut *signals) (Verdict, error) {
	d := a.newDoc(text)
	defer d.release()
	v := Verdict{Language: d.language(), Flags: []Flag{}, Licences: []Licence{}}

	// The flags are gathered on the stack: the verdict gets copies of those it keeps.
	found := a.matchRules(d, make([]Flag, 0, 16))
	found = append(found, d.checkLinks()...)
	if !hasCode(found, WhatsAppOnly) {
		found = append(found, a.checkChatHandle(d)...)
	}
	found = append(found, d.checkEmails(found)...)
	found = append(found, d.checkAccountTitle()...)
	pay := d.checkAmounts()
	found = append(found, pay.flags...)
	found = append(found, d.checkEasyMoney(pay, found)...)

	lics, licFlags, err := a.checkLicences(ctx, d, reg)
	if err != nil {
		return Verdict{}, err
	}
	found = append(found, licFlags...)
	if identified(lics) {
		// An ad that cites a licence on the register (or one no register was asked about) has
		// said who it is: the register holds the agency's office and its name, and the bot checks
		// them. WhatsApp or a Gmail address for the CVs is then how a licensed OEP takes them. A
		// number the register lacks or has cancelled proves nothing, and the contact's flags
		// stay beside its own.
		found = withoutFlags(found, func(c Code) bool { return c == WhatsAppOnly || c == FreeEmail })
	}
	found = a.applyRequires(found)

	sig := d.gather(found, pay, len(lics) > 0)
	if sigOut != nil {
		*sigOut = sig
	}
	citedCount := len(lics) // the licences cited in full; those asked by number alone follow them
	lang := otherLanguage(text, d.cues)
	if lang == "" {
		lang = d.latinLanguage()
	}
	if lang != "" {
		v.Kind, v.OtherLanguage = KindOtherLanguage, lang
	} else {
		bare, err := a.bareLicences(ctx, d, reg, lics)
		if err != nil {
			return Verdict{}, err
		}
		citedCount = len(lics)
		lics = append(lics, bare...)
		v.Kind = classify(sig, len(lics))
		if v.Kind == KindOther || v.Kind == KindQuestion {
			named, unlisted, err := a.agencyByName(ctx, d, reg, sig)
			if err != nil {
				return Verdict{}, err
			}
			if len(named) > 0 {
				v.Kind, lics = KindLicenceQuery, named
			} else if unlisted {
				// An agency asked about that is not on the register is the register's answer
				// too: a licence question with no licence found (licenceRisk: high).
				v.Kind = KindLicenceQuery
			}
		}
	}
	v.Licences = lics
	v.JobAd = v.Kind == KindAd
	switch v.Kind {
	case KindAd:
		if len(lics) == 0 && d.overseas() && d.recruitsInPakistan(v.Language) &&
			(!d.anyOf(oecCue) || hasCode(found, Impersonation)) {
			found = append(found, d.flagAt(NoLicence, "", 0, 0))
		}
		v.Flags = dedupe(found)
		v.Payment = pay.payment
		v.Score, v.Risk = score(v)
	case KindVictim:
		if pay.paidFee[1] != 0 && !hasCode(found, UpfrontFee) {
			// What they paid for the visa or the job above an OEP's service charge is the fee
			// they were charged: the authorities' referral names it.
			found = append(found, d.flagAt(UpfrontFee, "code.paid_for_journey", pay.paidFee[0], pay.paidFee[1]))
		}
		v.Flags = dedupe(withoutFlags(found, Code.licence))
		v.Score, v.Risk = score(Verdict{JobAd: true, Flags: v.Flags})
		// A licence number names a promoter, whose business is jobs abroad: "ہم پانچ لڑکے ہیں جنہوں نے
		// “العارف مین پاور” کو فی بندہ تین لاکھ دیا۔ لائسنس 2416/SKT۔ چھ مہینے سے ٹال رہے ہیں".
		if sig.victim > 0 && (sig.jobCues > 0 || len(v.Flags) > 0 || sig.abroad || pay.amounts > 0 || d.hasBareSum() || len(lics) > 0) {
			v.Risk = High // they tell of money or documents taken for a job, a visa or a journey
		}
	case KindLicenceQuery:
		// A number asked without its city ("9001", "licence 9001 lahore") is looked up as the
		// cited ones are, and what the register says of it is flagged as theirs is: "is 9001 real?"
		// and "is 9001/LHR real?" get the same answer.
		v.Flags = dedupe(append(licFlags, registerFlags(lics[citedCount:])...))
		v.Score, v.Risk = licenceRisk(lics)
		if sig.topic == TopicFees && sig.demand {
			// "Anarkali Overseas walon ne 50 hazar maange hain visa ke, kya ye jaiz hai?" asks
			// about the agency and about its demand: the register's answer, then the fee rule.
			v.Topic = TopicFees
		}
	case KindQuestion:
		v.Topic = sig.topic
		v.Risk = Low
	case KindOther:
		if d.windfallClaim(sig) {
			v.Topic = TopicWindfall
		}
		v.Risk = Low
	default:
		v.Risk = Low
	}
	return v, nil
}

// oecCue names the Overseas Employment Corporation, the government's own recruiter, which needs
// no OEP licence (design.md §1), and the Overseas Pakistanis Foundation. A text that borrows
// their name to take money is caught by IMPERSONATION instead.
var oecCue = newPhraseSet([]string{"oec", "overseas employment corporation", "او ای سی",
	"اوورسیز ایمپلائمنٹ کارپوریشن",
	// The ministry's welfare foundation, whose schemes for workers' families are no recruiter's.
	"overseas pakistanis foundation", "opf", "اوورسیز پاکستانیز فاؤنڈیشن"})

// licenceRisk is the risk of a licence question: high when a licence asked about is not Active or
// not on the register (or an agency asked about by name is not), low when every one is Active,
// medium when the register could not say.
func licenceRisk(ls []Licence) (int, Risk) {
	if len(ls) == 0 {
		return StrongWeight, High // an agency asked about by name that no registered title matches
	}
	allActive := len(ls) > 0
	for _, l := range ls {
		if l.Status != licences.Active && (l.Status != licences.Unknown || l.Looked) {
			return StrongWeight, High
		}
		allActive = allActive && l.Status == licences.Active
	}
	if allActive {
		return 0, Low
	}
	return 0, Medium
}

// registerFlags flags the licences a message asks about by number alone as checkLicences flags
// those cited in full (registerFlag). A licence found by the agency's name has no number in the
// text to quote and is not flagged.
func registerFlags(ls []Licence) []Flag {
	var out []Flag
	for _, l := range ls {
		if l.End <= l.Start || l.Query != "" {
			continue
		}
		if f, bad := registerFlag(l); bad {
			out = append(out, f)
		}
	}
	return out
}

// registerFlag is what the register says against a licence the text gives, as a flag on the text
// that gives it: LICENCE_UNKNOWN for a number looked up and not found, LICENCE_NOT_VALID for one
// it holds as not Active (or past its expiry date). A licence that is Active, or that no register
// was asked about, raises none.
func registerFlag(l Licence) (Flag, bool) {
	f := Flag{Evidence: l.Text, Start: l.Start, End: l.End, Rule: "code.licence"}
	switch {
	case !l.Looked || l.Status == licences.Active:
		return Flag{}, false
	case l.Status == licences.Unknown:
		f.Code = LicenceUnknown // LicenceOf never gives Unknown: the register has no such status
	default:
		f.Code = LicenceNotValid
	}
	return f, true
}

// identified reports licences cited that are all Active on the register, or that no register was
// asked about.
func identified(ls []Licence) bool {
	for _, l := range ls {
		if l.Status != licences.Active && (l.Status != licences.Unknown || l.Looked) {
			return false
		}
	}
	return len(ls) > 0
}

// withoutFlags returns fs without the flags whose code drop reports, in a new slice.
func withoutFlags(fs []Flag, drop func(Code) bool) []Flag {
	out := fs[:0:0]
	for _, f := range fs {
		if !drop(f.Code) {
			out = append(out, f)
		}
	}
	return out
}

// score sums the weights and picks the risk level (see Weights).
func score(v Verdict) (int, Risk) {
	total, strong := 0, false
	// There are a few dozen codes, so the codes seen are a short list on the stack, not a map
	// allocated for every ad.
	seen := make([]Code, 0, 32)
	for _, f := range v.Flags {
		w, s := f.weight()
		strong = strong || s
		if slices.Contains(seen, f.Code) {
			continue // a code counts once, even when several matches raised it
		}
		seen = append(seen, f.Code)
		total += w
	}
	if slices.Contains(seen, NoLicence) && slices.Contains(seen, PersonalData) && !slices.ContainsFunc(seen, func(c Code) bool {
		return c != NoLicence && c != PersonalData && c != Urgency
	}) {
		// Documents asked for (a CV, a passport copy, the CNIC) are what licensed promoters
		// collect too: beside a missing licence number alone they leave the ad unverified, as a
		// missing licence alone does. A missing licence beside a sign of how the recruiter works
		// (WhatsApp only, no interview, pay too good, no contract, a free e-mail address) makes
		// it one not to trust.
		total -= Weights[NoLicence] - unlicensedDocsWeight
	}
	total = min(total, 100)
	switch {
	case !v.JobAd:
		return 0, Low
	case strong || total >= HighScore:
		return total, High
	case total > 0:
		return total, Medium
	}
	for _, l := range v.Licences {
		if l.Status == licences.Active {
			return 0, Low
		}
	}
	// Nothing wrong found, but nothing verified either.
	return 0, Medium
}

// dedupe keeps the first evidence of each code and orders the flags strongest first, then in
// the order they appear, so a reader sees what matters most at the top.
func dedupe(fs []Flag) []Flag {
	slices.SortStableFunc(fs, func(a, b Flag) int { return a.Start - b.Start })
	out := make([]Flag, 0, len(fs))
	for _, f := range fs {
		// out holds one flag of each code, a few dozen at most: searching it costs less than a
		// map made for every ad.
		if hasCode(out, f.Code) {
			continue
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b Flag) int { return Weights[b.Code] - Weights[a.Code] })
	return out
}

// applyRequires drops the flags of rules whose required flags did not fire. A required flag must
// stand itself: a flag that is dropped for want of its own requirement ("part-time helpers" with
// no stranger's opener) satisfies no other rule (a brand named beside it). Few flags come from
// such rules, so the codes that stand are counted only when one does, and dropping repeats until
// nothing more falls (each pass drops a flag or ends).
func (a *Analyzer) applyRequires(fs []Flag) []Flag {
	needs := func(f Flag) []Code {
		if r := a.ruleByID(f.Rule); r != nil {
			return r.Requires
		}
		return nil
	}
	if !slices.ContainsFunc(fs, func(f Flag) bool { return len(needs(f)) > 0 }) {
		return fs
	}
	have := map[Code]int{}
	for _, f := range fs {
		have[f.Code]++
	}
	out := fs[:0]
	for dropped := true; dropped; {
		dropped = false
		out = fs[:0]
		for _, f := range fs {
			if req := needs(f); len(req) > 0 && !slices.ContainsFunc(req, func(c Code) bool { return have[c] > 0 }) {
				have[f.Code]--
				dropped = true
				continue
			}
			out = append(out, f)
		}
		fs = out
	}
	return out
}

// chatOnlyRule is the rule whose "unless" (an address, a website, an office to walk into) also
// decides whether a chat handle is the only way in.
const chatOnlyRule = "en.contact.whatsapp_no_office"

// checkChatHandle raises WHATSAPP_ONLY for a chat app's handle given as the way to apply
// ("Telegram: @hiring_mgr"), which word patterns cannot see, when the ad gives no office.
func (a *Analyzer) checkChatHandle(d *doc) []Flag {
	start, end, ok := d.chatHandle()
	if !ok || d.warnedAt(start) {
		return nil
	}
	if r := a.ruleByID(chatOnlyRule); r != nil && d.anyMatchIn(r.unless) {
		return nil
	}
	return []Flag{d.flagAt(WhatsAppOnly, "code.chat_handle", start, end)}
}

// ruleByID finds the rule that raised a flag; code checks ("code.links") have none.
func (a *Analyzer) ruleByID(id string) *Rule { return a.rules.byID[id] }

// matchRules runs the rules over the ad, appending their flags to out: each word pattern is
// tried only at the words it can start with.
func (a *Analyzer) matchRules(d *doc, out []Flag) []Flag {
	rs := a.rules
	done := resetSlice(&d.patDone, rs.patterns)
	// checked marks the patterns that possible has let through: it is asked once per pattern and
	// text, not at every token where the pattern could start.
	checked := resetSlice(&d.patChecked, rs.patterns)
	ctx := resetSlice(&d.ruleCtx, len(rs.Rules)) // 0 not yet known, 1 holds, -1 does not
	holds := func(ri int) bool {
		if ctx[ri] == 0 {
			ctx[ri] = -1
			if d.contextHolds(rs.Rules[ri]) {
				ctx[ri] = 1
			}
		}
		return ctx[ri] == 1
	}
	// try is called only for a pattern not yet done: most of the patterns that start at a word
	// are done by then (matched, or impossible in this text), and the loops below pass over them
	// without a call.
	try := func(ref *patRef, i int) {
		if !checked[ref.id] {
			if !restPossibleIn(ref.rest, d.present) {
				done[ref.id] = true
				return
			}
			checked[ref.id] = true
		}
		r := rs.Rules[ref.rule]
		end, ok := r.words[ref.pat].match(d.toks, i)
		if !ok || end <= i {
			return
		}
		if !holds(ref.rule) {
			done[ref.id] = true
			return
		}
		if r.Near > 0 && !anyMatch(r.context, d.toks[max(0, i-r.Near):min(len(d.toks), end+r.Near)], d.present) {
			return // the context is in the ad, but not near this match
		}
		start, stop := d.toks[i].start, d.toks[end-1].end
		if d.suppressed(start, stop, r.negatable()) {
			return
		}
		if d.asks && d.answeredNo(start) {
			// "JazzCash pe visa fees? NAHI.": a question answered "no" at once denies what it asks.
			return
		}
		if d.asks && d.permissionAsked(start) {
			// "kya agent passport apne paas rakh sakta hai visa lagne tak?" asks what the law
			// allows; it keeps no passport.
			return
		}
		if statementEnds.in(d.n.text[start:stop]) {
			// A semicolon parts two statements: "We never ask for money in advance; fees only as
			// per BEOE rules" names no advance fee; and a question ends where it asks: "fees
			// kitni hai? Pehli dafa ja raha hoon" asks the fee, it demands none. (A full stop
			// does not part them: "Fee 20 hazar jama karwayen. Easypaisa 0345-…" is one demand.)
			return
		}
		if r.negatable() && end-i >= 3 && objectNegators[d.toks[i+1].w] {
			// English denies the object right after the verb, inside the match: "Pay nothing
			// before visa", "pay no money in advance".
			return
		}
		if r.negatable() && end-i >= 3 && verbNegators[d.toks[end-2].w] {
			// Urdu puts the negation right before the verb, inside a match that spans the
			// object and the verb: "cash na den", "رقم جمع نہ کروائیں", "fee mat bhejein".
			return
		}
		done[ref.id] = true
		f := d.flagAt(r.Flag, r.ID, start, stop)
		f.strong = r.Strong
		out = append(out, f)
	}
	for i, tok := range d.toks {
		if rs.firsts.has(tok.id) {
			refs := rs.byFirst[tok.id]
			for k := range refs {
				if ref := &refs[k]; !done[ref.id] {
					try(ref, i)
				}
			}
		}
		if c := tok.w[0]; rs.prefixStart[c>>6]&(1<<(c&63)) != 0 {
			for k := range rs.prefixed {
				if ref := &rs.prefixed[k]; !done[ref.id] && strings.HasPrefix(tok.w, ref.prefix) {
					try(ref, i)
				}
			}
		}
		if isDigitByte(tok.w[0]) {
			for k := range rs.numbered {
				if ref := &rs.numbered[k]; !done[ref.id] {
					try(ref, i)
				}
			}
		}
	}
	return out
}

// answeredNo reports a position in a question that the next clause answers with a bare "no":
// "JazzCash pe visa fees? NAHI. Easypaisa pe file charges? NAHI.", "Pay before the visa? Never."
func (d *doc) answeredNo(pos int) bool {
	c := d.clauseAt(pos)
	if !d.clauseAsks(c) {
		return false
	}
	next := d.clauseAt(c.end)
	if next.start != c.end {
		return false // the question ends the text
	}
	toks := d.tokensIn(next.start, next.end)
	if len(toks) == 0 || len(toks) > 2 {
		return false
	}
	for _, t := range toks {
		if !answerNoWords[t.w] {
			return false
		}
	}
	return true
}

// clauseAsks reports a clause that ends on a question mark, Latin or Urdu (splitClauses cuts
// after it).
func (d *doc) clauseAsks(c clause) bool {
	text := strings.TrimRight(d.n.text[c.start:c.end], " \n")
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, "؟")
}

// answerNoWords answer a question "no".
var answerNoWords = wordSet([]string{"no", "never", "nahi", "nahin", "bilkul", "hargiz", "kabhi", "nope",
	"نہیں", "بالکل", "ہرگز", "کبھی"})

// permissionAsked reports a position in a yes-or-no question of what someone may do: "kya agent
// passport apne paas rakh sakta hai visa lagne tak?", "کیا ایجنٹ پاسپورٹ رکھ سکتا ہے؟", "Can an
// agent keep my passport?", "Is it legal to pay 2 lakh before the visa?". It asks about the law
// and offers nothing. A request to the reader ("kya aap 50 hazar advance de sakte hain?", "can
// you send the fee today?") is a demand, and is still read.
func (d *doc) permissionAsked(pos int) bool {
	c := d.clauseAt(pos)
	if !d.clauseAsks(c) {
		return false
	}
	toks := d.tokensIn(c.start, c.end)
	// Roman Urdu puts its "kya" first or last: "agent passport apne paas rakh sakta hai kya?".
	if len(toks) == 0 || !questionOpeners[toks[0].w] && !(len(toks) > 1 && (toks[len(toks)-1].w == "kya" || toks[len(toks)-1].w == "کیا")) {
		return false
	}
	modal := false
	for _, t := range toks {
		if youWords[t.w] {
			return false
		}
		modal = modal || modalWords[t.w]
	}
	return modal
}

var (
	// questionOpeners open a yes-or-no question.
	questionOpeners = wordSet([]string{"kya", "kia", "کیا", "can", "could", "may", "is", "are", "does", "do", "should"})
	// modalWords ask whether something may or can be done, or is lawful.
	modalWords = wordSet([]string{"sakta", "sakti", "sakte", "سکتا", "سکتی", "سکتے", "can", "may", "allowed", "legal",
		"jaiz", "جائز", "lawful"})
	// youWords address the reader: a question put to them is a request.
	youWords = wordSet([]string{"aap", "ap", "tum", "آپ", "تم", "you", "u"})
)

// objectNegators deny the object of the verb they follow: "pay nothing", "pay no fee".
var objectNegators = map[string]bool{"nothing": true, "no": true, "zero": true, "nil": true}

// verbNegators negate the Urdu or Roman Urdu verb they stand before.
var verbNegators = map[string]bool{"na": true, "mat": true, "nahi": true, "nahin": true, "نہ": true, "مت": true, "نہیں": true}

// contextHolds checks a rule's unless and context patterns against the whole ad.
func (d *doc) contextHolds(r *Rule) bool {
	if d.anyMatchIn(r.unless) {
		return false
	}
	return len(r.context) == 0 || d.anyMatchIn(r.context)
}

// forEachWord calls fn with each word of normalised text: a run of letters, digits, marks or
// apostrophes.
func forEachWord(s string, fn func(w string, start, end int)) {
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(s[start:i], start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:], start, len(s))
	}
}

func isWordRune(r rune) bool {
	if r < wordTableSize {
		return wordTable[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || unicode.Is(unicode.Mn, r)
}

// wordTable caches isWordRune for the scripts ads are written in.
const wordTableSize = 0x0800

var wordTable = func() (t [wordTableSize]bool) {
	for r := range rune(wordTableSize) {
		t[r] = isWordRuneSlow(r)
	}
	return t
}()

// isLetter is unicode.IsLetter, and isMark is unicode.Is(unicode.Mn), read from a table for the
// scripts ads are written in. The runes past the table go to isLetterSlow, a call of its own, so
// that isLetter is small enough to be inlined in the loops over a text's letters.
func isLetter(r rune) bool {
	if r < wordTableSize {
		return letterTable[r]&1 != 0
	}
	return isLetterSlow(r)
}

// isLetterSlow is kept out of line (unicode.IsLetter is itself small enough to be inlined,
// which would make isLetter too large to be).
//
//go:noinline
func isLetterSlow(r rune) bool { return unicode.IsLetter(r) }

func isMark(r rune) bool {
	if r < wordTableSize {
		return letterTable[r]&2 != 0
	}
	return unicode.Is(unicode.Mn, r)
}

var letterTable = func() (t [wordTableSize]uint8) {
	for r := range rune(wordTableSize) {
		if unicode.IsLetter(r) {
			t[r] |= 1
		}
		if unicode.Is(unicode.Mn, r) {
			t[r] |= 2
		}
	}
	return t
}()

// flagAt builds a flag whose evidence is the match widened to a readable phrase of the original.
func (d *doc) flagAt(code Code, rule string, start, end int) Flag {
	if end <= start {
		return Flag{Code: code, Rule: rule}
	}
	os, oe := d.n.span(start, end)
	ce := d.clauseEndOrig(start)
	// Widen to the end of the clause, at most ~48 bytes more, cut back to a word boundary, so the
	// user sees "registration fee only Rs 15,000" rather than "registration fee".
	if ce > oe {
		limit := min(ce, oe+48)
		if limit < ce {
			for limit > oe && d.orig[limit] != ' ' {
				limit--
			}
		}
		for limit > oe && limit < len(d.orig) && !utf8.RuneStart(d.orig[limit]) {
			limit--
		}
		if limit > oe {
			oe = limit
		}
	}
	for oe > os && (d.orig[oe-1] == ' ' || d.orig[oe-1] == ',' || d.orig[oe-1] == ':') {
		oe--
	}
	return Flag{Code: code, Rule: rule, Evidence: d.orig[os:oe], Start: os, End: oe}
}

// String makes a flag readable in test failures.
func (f Flag) String() string { return fmt.Sprintf("%s(%q)", f.Code, f.Evidence) }

// resetSlice returns *s with n zero elements, reusing its memory: the doc keeps the tables of
// matchRules from one ad to the next.
func resetSlice[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	} else {
		*s = (*s)[:n]
		clear(*s)
	}
	return *s
}
