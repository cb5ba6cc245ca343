package dialogs_test

import (
	"strconv"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: not an amount
	}{
		// Digits, with the separators and currency people write.
		{"50000", 50000},
		{"50,000", 50000},
		{"1,50,000", 150000},
		{"Rs 50,000", 50000},
		{"Rs.50,000/-", 50000},
		{"PKR 25000", 25000},
		{"۵۰۰۰۰", 50000},
		{"٥٠٠٠٠", 50000},
		{"۵۰،۰۰۰ روپے", 50000},
		{"  50000 rupay  ", 50000},
		// Shorthand.
		{"25k", 25000},
		{"25K", 25000},
		{"25 k", 25000},
		{"1.5 lac", 150000},
		{"1.5lac", 150000},
		{"2 lakh", 200000},
		{"2 Lakhs", 200000},
		{"30 hazar", 30000},
		{"30hazar", 30000},
		{"50 hazaar rupay", 50000},
		{"۵۰ ہزار", 50000},
		{"۵۰ ہزار روپے", 50000},
		{"50 ہزار", 50000},
		{"2 لاکھ", 200000},
		{"1.2 million", 1200000},
		{"1 crore", 10000000},
		{"2 lakh 50 hazar", 250000},
		{"2 لاکھ 50 ہزار", 250000},
		// English words.
		{"fifty thousand", 50000},
		{"Fifty Thousand Rupees", 50000},
		{"twenty five thousand", 25000},
		{"twenty-five thousand", 25000},
		{"one lakh fifty thousand", 150000},
		{"a lakh", 100000},
		{"half a lakh", 50000},
		{"two hundred fifty thousand", 250000},
		{"one hundred and fifty thousand", 150000},
		{"five hundred", 500},
		// Urdu words.
		{"تیس ہزار", 30000},
		{"ڈیڑھ لاکھ", 150000},
		{"ڈھائی لاکھ", 250000},
		{"اڑھائی لاکھ", 250000},
		{"سوا لاکھ", 125000},
		{"سوا دو لاکھ", 225000},
		{"ساڑھے تین لاکھ", 350000},
		{"پونے دو لاکھ", 175000},
		{"پچاس ہزار روپے", 50000},
		{"پچیس ہزار", 25000},
		{"پینتالیس ہزار", 45000},
		{"ننانوے ہزار", 99000},
		{"ایک لاکھ پچاس ہزار", 150000},
		{"ایک لاکھ اور پچاس ہزار", 150000},
		{"ڈیڑھ سو", 150},
		{"ایک سو پچاس", 150},
		{"سو روپے", 100},
		{"دو کروڑ", 20000000},
		// Arabic letter forms and diacritics typed on some phones.
		{"پچاس هزار", 50000},
		{"تيس ہزار", 30000},
		{"ڈیڑه لاکه", 150000},
		{"پچاس ہزار روپے", 50000},
		// Roman Urdu words.
		{"pachas hazar", 50000},
		{"dedh lakh", 150000},
		{"dhai lakh", 250000},
		{"sawa lakh", 125000},
		{"paune do lakh", 175000},
		{"ek lakh", 100000},
		{"teen lakh", 300000},
		// The words of an answer around the amount.
		{"I paid 50000", 50000},
		{"about 30k", 30000},
		{"maine 50 hazar diye", 50000},
		{"میں نے پچاس ہزار دیے", 50000},
		{"انہوں نے تیس ہزار مانگے", 30000},
		{"تقریباً ڈیڑھ لاکھ", 150000},
		// Small amounts are read as they are: the dialog refuses them, it does not guess.
		{"1", 1},
		{"50", 50},
		{"0", 0},
		// Not an amount.
		{"", 0},
		{"I don't know", 0},
		{"معلوم نہیں", 0},
		{"lakh hazar", 0},
		{"50 hazar 2 lakh", 0},
		{"50 60", 0},
		{"ek 50", 0},
		{"ڈیڑھ", 0},
		{"سوا", 0},
		{"k", 0},
		{"$800", 0},
		{"800 riyal", 0},
		{"SAR 1500", 0},
		{"1.2.3", 0},
		{"50-60 hazar", 0},
		{"Saudi Arabia jobs. Registration fee Rs 25,000 on JazzCash 0300-5551234.", 0},
		{"0300-5551234", 0},
		{"99999999999999999999", 0},
	}
	for _, tt := range tests {
		got, ok := dialogs.ParseAmount(tt.in)
		if tt.want == 0 && tt.in == "0" {
			if !ok || got != 0 {
				t.Errorf("ParseAmount(%q) = %d, %v; want 0, true", tt.in, got, ok)
			}
			continue
		}
		if ok != (tt.want != 0) || got != tt.want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", tt.in, got, ok, tt.want)
		}
	}
}

// FuzzParseAmount: no input panics, an accepted amount is never negative or absurd, and the
// amount written back in digits reads the same.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"50000", "1,50,000", "25k", "1.5 lac", "ڈیڑھ لاکھ", "سوا دو لاکھ", "twenty-five thousand",
		"Rs.50,000/-", "۵۰ ہزار روپے", "half a lakh", "paune do lakh", "ایک سو پچاس", "$800", "2 lakh 50 hazar"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := dialogs.ParseAmount(s)
		if !ok {
			if v != 0 {
				t.Fatalf("ParseAmount(%q) = %d with ok false", s, v)
			}
			return
		}
		if v < 0 || v > 1e13 {
			t.Fatalf("ParseAmount(%q) = %d", s, v)
		}
		if again, ok := dialogs.ParseAmount(strconv.FormatInt(v, 10)); !ok || again != v {
			t.Fatalf("ParseAmount(%q) = %d, but %d reads as %d, %v", s, v, v, again, ok)
		}
	})
}
