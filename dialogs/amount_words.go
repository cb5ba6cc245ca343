package dialogs

import (
	"fmt"
	"strings"
)

// urduNumbers are the Urdu number words from one to ninety-nine, in order: Urdu has a word of its
// own for each. Common second spellings follow in urduVariants.
var urduNumbers = strings.Fields(`
	ایک دو تین چار پانچ چھ سات آٹھ نو دس
	گیارہ بارہ تیرہ چودہ پندرہ سولہ سترہ اٹھارہ انیس بیس
	اکیس بائیس تئیس چوبیس پچیس چھبیس ستائیس اٹھائیس انتیس تیس
	اکتیس بتیس تینتیس چونتیس پینتیس چھتیس سینتیس اڑتیس انتالیس چالیس
	اکتالیس بیالیس تینتالیس چوالیس پینتالیس چھیالیس سینتالیس اڑتالیس انچاس پچاس
	اکیاون باون ترپن چون پچپن چھپن ستاون اٹھاون انسٹھ ساٹھ
	اکسٹھ باسٹھ تریسٹھ چونسٹھ پینسٹھ چھیاسٹھ سڑسٹھ اڑسٹھ انہتر ستر
	اکہتر بہتر تہتر چوہتر پچھتر چھہتر ستتر اٹھہتر اناسی اسی
	اکیاسی بیاسی تراسی چوراسی پچاسی چھیاسی ستاسی اٹھاسی نواسی نوے
	اکیانوے بانوے ترانوے چورانوے پچانوے چھیانوے ستانوے اٹھانوے ننانوے`)

var urduVariants = map[string]float64{"چھے": 6, "چھہ": 6, "اکاون": 51, "تیئس": 23}

// englishNumbers are one to nineteen; the tens follow in englishTens.
var englishNumbers = strings.Fields(`one two three four five six seven eight nine ten eleven twelve
	thirteen fourteen fifteen sixteen seventeen eighteen nineteen`)

var englishTens = map[string]float64{"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// romanNumbers are the Roman Urdu number words people type for amounts: the units, the round
// tens and the fives that prices use, in the spellings seen most.
var romanNumbers = map[string]float64{
	"ek": 1, "aik": 1, "do": 2, "teen": 3, "tin": 3, "char": 4, "chaar": 4, "panch": 5, "paanch": 5,
	"chay": 6, "chhe": 6, "che": 6, "cheh": 6, "saat": 7, "sat": 7, "aath": 8, "ath": 8, "nau": 9,
	"das": 10, "dus": 10, "gyarah": 11, "gyara": 11, "barah": 12, "bara": 12, "terah": 13, "tera": 13,
	"chaudah": 14, "choda": 14, "chodah": 14, "pandrah": 15, "pandra": 15, "solah": 16, "sola": 16,
	"satrah": 17, "satra": 17, "atharah": 18, "athara": 18, "unnees": 19, "unees": 19, "unis": 19,
	"bees": 20, "bis": 20, "pachees": 25, "pachis": 25, "pachchees": 25, "tees": 30, "tis": 30,
	"paintees": 35, "pentees": 35, "chalees": 40, "chalis": 40, "paintalees": 45, "paintalis": 45,
	"pachas": 50, "pachaas": 50, "pachpan": 55, "saath": 60, "sath": 60, "pachattar": 75,
	"pachhattar": 75, "sattar": 70, "satar": 70, "assi": 80, "asi": 80, "nabbe": 90, "nabbay": 90, "navve": 90,
}

var (
	hundreds = []string{"hundred", "hundreds", "sau", "سو"}
	scales   = map[string]float64{
		"thousand": 1e3, "thousands": 1e3, "hazar": 1e3, "hazaar": 1e3, "hajar": 1e3, "hzr": 1e3, "ہزار": 1e3,
		"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lak": 1e5, "لاکھ": 1e5,
		"million": 1e6, "millions": 1e6, "ملین": 1e6,
		"crore": 1e7, "crores": 1e7, "karor": 1e7, "karod": 1e7, "caror": 1e7, "کروڑ": 1e7,
	}
	scaleAbbrs = map[string]float64{"k": 1e3, "cr": 1e7}
	// fractions are numbers that are only said before a scale: ڈیڑھ لاکھ, ڈھائی ہزار, half a lakh.
	fractions = map[string]float64{
		"ڈیڑھ": 1.5, "dedh": 1.5, "derh": 1.5, "dairh": 1.5, "deedh": 1.5,
		"ڈھائی": 2.5, "اڑھائی": 2.5, "اڈھائی": 2.5, "dhai": 2.5, "dhaai": 2.5, "adhai": 2.5, "arhai": 2.5, "dhaee": 2.5,
		"آدھا": 0.5, "آدھے": 0.5, "aadha": 0.5, "adha": 0.5, "half": 0.5,
	}
	// modifiers change the number after them: سوا دو لاکھ is 2.25 lakh, ساڑھے تین 3.5, پونے دو 1.75;
	// سوا لاکھ alone is 1.25 lakh.
	modifiers = map[string]float64{
		"سوا": 0.25, "sawa": 0.25, "sava": 0.25,
		"ساڑھے": 0.5, "sarhe": 0.5, "sarhay": 0.5, "sadhe": 0.5, "saadhe": 0.5, "saade": 0.5, "sade": 0.5,
		"پونے": -0.25, "paune": -0.25, "pone": -0.25, "pauney": -0.25, "paunay": -0.25,
	}
	// amountFillers may stand around an amount: the currency, "about", and the words of "I paid
	// ..." or "they asked for ..." in the three ways people write.
	amountFillers = strings.Fields(`rs pkr rupees rupee rupay rupaye rupey rupaiye rupaiya rupya rupiya rupye
		only about around approx approximately almost nearly total amount and aur
		i me my we they paid pay gave given asked ask for was were it is of
		tha thay thi the diye diya diay dia diey de dye maine mainey main mein ne ko unhon unhone unhonne
		mange mangay mangey maange liye liya lia le
		روپے روپیہ روپیے روپئے روپوں روپیا رقم صرف تقریبا تقریباً کل اور
		میں نے ہم انہوں دیے دیئے دئیے دیا دی تھے تھا تھی مانگے مانگا مانگی لیے لیا کو`)
	amountArticles = []string{"a", "an"}
)

// amountWords is every word ParseAmount knows, folded by amountKey.
var amountWords = buildAmountWords()

func buildAmountWords() map[string]amountWord {
	m := map[string]amountWord{}
	put := func(word string, w amountWord) {
		k := amountKey(word)
		if old, dup := m[k]; dup && old != w {
			panic(fmt.Sprintf("dialogs: amount word %q (%q) means both %v and %v", word, k, old, w))
		}
		m[k] = w
	}
	for i, w := range urduNumbers {
		put(w, amountWord{wNumber, float64(i + 1)})
	}
	if len(urduNumbers) != 99 {
		panic(fmt.Sprintf("dialogs: %d Urdu number words, want 99", len(urduNumbers)))
	}
	for w, v := range urduVariants {
		put(w, amountWord{wNumber, v})
	}
	for i, w := range englishNumbers {
		put(w, amountWord{wNumber, float64(i + 1)})
	}
	for w, v := range englishTens {
		put(w, amountWord{wTens, v})
	}
	for w, v := range romanNumbers {
		put(w, amountWord{wNumber, v})
	}
	for _, w := range hundreds {
		put(w, amountWord{wHundred, 100})
	}
	for w, v := range scales {
		put(w, amountWord{wScale, v})
	}
	for w, v := range scaleAbbrs {
		put(w, amountWord{wScaleAbbr, v})
	}
	for w, v := range fractions {
		put(w, amountWord{wFraction, v})
	}
	for w, v := range modifiers {
		put(w, amountWord{wModifier, v})
	}
	for _, w := range amountFillers {
		put(w, amountWord{kind: wFiller})
	}
	for _, w := range amountArticles {
		put(w, amountWord{kind: wArticle})
	}
	return m
}
