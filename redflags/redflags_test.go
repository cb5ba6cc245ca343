package redflags_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tasdeeq/tasdeeq/deploy"
	"github.com/tasdeeq/tasdeeq/licences"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// today is fixed so that expiry dates in the sample register give the same answers every day.
var today = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func mustAnalyzer(tb testing.TB) *redflags.Analyzer {
	tb.Helper()
	a, err := redflags.New(nil, redflags.WithClock(func() time.Time { return today }))
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

func sampleRegister(tb testing.TB) *licences.Memory {
	tb.Helper()
	snap, err := licences.ParseCSV(bytes.NewReader(deploy.SampleRegister), "sample")
	if err != nil {
		tb.Fatal(err)
	}
	return licences.NewMemory(snap, today)
}

func codes(v redflags.Verdict) []redflags.Code {
	out := make([]redflags.Code, 0, len(v.Flags))
	for _, f := range v.Flags {
		out = append(out, f.Code)
	}
	return out
}

func analyze(tb testing.TB, a *redflags.Analyzer, reg redflags.Register, text string) redflags.Verdict {
	tb.Helper()
	v, err := a.Analyze(context.Background(), text, reg)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range v.Flags {
		if f.Evidence != "" && text[f.Start:f.End] != f.Evidence {
			tb.Errorf("%s: evidence %q is not text[%d:%d] = %q", f.Code, f.Evidence, f.Start, f.End, text[f.Start:f.End])
		}
	}
	return v
}

// TestFlagsPerLanguage raises each flag from an ad in each language people write.
func TestFlagsPerLanguage(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	tests := []struct {
		name string
		code redflags.Code
		text string
	}{
		{"en upfront fee", redflags.UpfrontFee, "Jobs in Saudi Arabia for drivers. Registration fee only Rs 15,000, send today."},
		{"ur upfront fee", redflags.UpfrontFee, "سعودی عرب میں ڈرائیوروں کی ضرورت ہے۔ ویزا فیس ۸۰ ہزار روپے جمع کروائیں۔"},
		{"roman upfront fee", redflags.UpfrontFee, "Dubai mein naukri, tankhwah 2500 dirham. Pehly 50 hazar jama karwayen phir visa lagega."},
		{"en personal payment", redflags.PersonalPayment, "Qatar jobs for labour. Send processing amount on JazzCash 0300-1234567."},
		{"ur personal payment", redflags.PersonalPayment, "قطر میں نوکری۔ فیس جاز کیش ۰۳۰۰۱۲۳۴۵۶۷ پر بھیجیں۔"},
		{"roman personal payment", redflags.PersonalPayment, "Oman visa ready hai. Paisay is number par bhejen, easypaisa 03451234567."},
		{"en cash", redflags.CashPayment, "Kuwait jobs for cleaners. Bring the fees in cash to our office on Monday."},
		{"ur cash", redflags.CashPayment, "کویت میں صفائی کا کام۔ فیس نقد دفتر میں جمع کروائیں۔"},
		{"roman cash", redflags.CashPayment, "Kuwait mein job, fees cash office mein jama karwayen."},
		{"en guaranteed", redflags.Guaranteed, "Dubai security guard jobs. 100% visa guarantee! Apply now."},
		{"ur guaranteed", redflags.Guaranteed, "دبئی میں سیکیورٹی گارڈ کی نوکری۔ سو فیصد ویزا گارنٹی۔"},
		{"roman guaranteed", redflags.Guaranteed, "Dubai security guard ki naukri. Visa pakka hai, tankhwah 1800 dirham."},
		{"en no interview", redflags.NoInterview, "Malaysia factory jobs. No interview, direct visa. Salary RM 1800."},
		{"ur no interview", redflags.NoInterview, "ملائیشیا میں فیکٹری کی نوکری۔ بغیر انٹرویو ویزا، تنخواہ اچھی۔"},
		{"roman no interview", redflags.NoInterview, "Malaysia factory naukri, bina interview visa milega, salary achi."},
		{"en visit visa", redflags.VisitVisaWork, "Work in Dubai on visit visa, company will change it later. Salary 2000 AED."},
		{"ur visit visa", redflags.VisitVisaWork, "دبئی میں وزٹ ویزا پر کام کریں، تنخواہ ۲۰۰۰ درہم۔"},
		{"roman visit visa", redflags.VisitVisaWork, "Dubai visit visa par kaam karein, tankhwah 2000 dirham."},
		{"en azad visa", redflags.AzadVisa, "Azad visa available for Saudi Arabia, work anywhere. Call now."},
		{"ur azad visa", redflags.AzadVisa, "سعودی عرب کا آزاد ویزا دستیاب ہے، کہیں بھی کام کریں۔"},
		{"roman azad visa", redflags.AzadVisa, "Saudi ka azaad visa mil raha hai, koi bhi kaam karein."},
		{"en no licence", redflags.NoLicence, "Jobs in Saudi Arabia for electricians. Salary SAR 1800. Send CV for interview."},
		{"ur no licence", redflags.NoLicence, "سعودی عرب میں الیکٹریشن کی ضرورت ہے۔ تنخواہ ۱۸۰۰ ریال۔ سی وی بھیجیں۔"},
		{"roman no licence", redflags.NoLicence, "Saudi mein electrician ki zaroorat hai, tankhwah 1800 riyal, CV bhejein."},
		{"en licence unknown", redflags.LicenceUnknown, "Crescent jobs in Qatar. OEPL No. 9999/LHR. Salary QAR 1500. Interview on 5 December."},
		{"ur licence unknown", redflags.LicenceUnknown, "قطر میں نوکریاں۔ لائسنس نمبر ۹۹۹۹/LHR۔ تنخواہ ۱۵۰۰ ریال۔"},
		{"roman licence unknown", redflags.LicenceUnknown, "Qatar mein naukri, OEP No.9999/LHR, tankhwah 1500 riyal, interview 5 tareekh ko."},
		{"en licence not valid", redflags.LicenceNotValid, "Blue Horizon Overseas: jobs in Oman. OEPL No. {{SUSPENDED}}. Interview on Monday."},
		{"en licence name mismatch", redflags.LicenceNameMismatch, "M/s Star Link Overseas Employment Promoters, OEPL No. 9848/LHR. Jobs in Riyadh, interview on 3 December."},
		{"en whatsapp only", redflags.WhatsAppOnly, "Jobs in Italy for farm workers. Contact only on WhatsApp 0301-2345678."},
		{"ur whatsapp only", redflags.WhatsAppOnly, "اٹلی میں فارم ورکرز کی ضرورت ہے۔ رابطہ صرف واٹس ایپ پر کریں۔"},
		{"roman whatsapp only", redflags.WhatsAppOnly, "Italy mein farm ka kaam, sirf WhatsApp par rabta karein 03012345678."},
		{"en personal data", redflags.PersonalData, "Romania work permit jobs. Send your CNIC and passport copy on WhatsApp today."},
		{"ur personal data", redflags.PersonalData, "رومانیہ میں نوکری۔ شناختی کارڈ اور پاسپورٹ کی تصویر واٹس ایپ کریں۔"},
		{"roman personal data", redflags.PersonalData, "Romania ki naukri, CNIC aur passport ki pic whatsapp karein."},
		{"en unrealistic pay", redflags.UnrealisticPay, "Helper jobs in Dubai. Salary Rs 5 lakh per month, free food. Apply today."},
		{"ur unrealistic pay", redflags.UnrealisticPay, "دبئی میں ہیلپر کی نوکری۔ تنخواہ ۵ لاکھ روپے ماہانہ۔"},
		{"roman unrealistic pay", redflags.UnrealisticPay, "Dubai mein helper ki naukri, tankhwah 6 lac mahana."},
		{"en urgency", redflags.Urgency, "Urgent! Only 5 seats left for Qatar. Salary QAR 1400."},
		{"ur urgency", redflags.Urgency, "قطر کے لیے صرف 5 سیٹیں باقی، فوری رابطہ کریں۔ تنخواہ ۱۴۰۰ ریال۔"},
		{"roman urgency", redflags.Urgency, "Qatar ke liye jaldi karein, sirf 3 seats baqi, tankhwah 1400 riyal."},
		{"en no contract", redflags.NoContract, "Saudi jobs for masons. Contract will be given after arrival. Salary SAR 1500."},
		{"ur no contract", redflags.NoContract, "سعودی عرب میں مستری کی نوکری، معاہدہ وہاں پہنچ کر ملے گا۔"},
		{"roman no contract", redflags.NoContract, "Saudi mein mistri ki naukri, contract wahan pohanch kar milega."},
		{"en passport retention", redflags.PassportRetention, "Jobs in Bahrain. Your original passport will be kept with us as guarantee."},
		{"ur passport retention", redflags.PassportRetention, "بحرین میں نوکری۔ اصل پاسپورٹ ضمانت کے طور پر ہمارے پاس رہے گا۔"},
		{"roman passport retention", redflags.PassportRetention, "Bahrain mein naukri, original passport guarantee ke tor par office mein rahega."},
		{"en impersonation", redflags.Impersonation, "Ministry of Overseas Pakistanis jobs program 2026 for Saudi Arabia. Registration fee Rs 3,000 on JazzCash."},
		{"ur impersonation", redflags.Impersonation, "حکومت پاکستان کا بھرتی پروگرام سعودی عرب کے لیے۔ رجسٹریشن فیس ۳۰۰۰ روپے جاز کیش پر۔"},
		{"en free email", redflags.FreeEmail, "Jobs in Kuwait for nurses. Send CV to hr.gulfjobs@gmail.com."},
		{"en free email, ministry", redflags.FreeEmail, "Ministry of Overseas Pakistanis jobs: send CV to mophrd.jobs2026@gmail.com"},
		{"ur free email", redflags.FreeEmail, "کویت میں نرسوں کی ضرورت ہے۔ سی وی hr.kuwaitjobs@gmail.com پر بھیجیں۔"},
		{"en embassy", redflags.EmbassyContact, "Saudi visas ready. Our own man in the Saudi embassy, visa in 7 days."},
		{"ur embassy", redflags.EmbassyContact, "سعودی ویزے تیار ہیں۔ سفارت خانے میں ہمارا اپنا آدمی ہے۔"},
		{"roman embassy", redflags.EmbassyContact, "Saudi visa tayyar, embassy mein apna banda hai."},
		{"en irregular route", redflags.IrregularRoute, "Europe jobs by road via Iran and Turkey, no visa needed."},
		{"ur irregular route", redflags.IrregularRoute, "یورپ میں نوکری، ایران اور ترکی کے راستے بذریعہ سڑک، ویزا کی ضرورت نہیں۔"},
		{"roman irregular route", redflags.IrregularRoute, "Italy ki dunki lag rahi hai, road se Iran Turkey Europe."},
		{"en high-risk destination", redflags.HighRiskDestination, "Call centre jobs in Bangkok, Thailand. English speaking, free ticket, salary 1000 USD."},
		{"ur high-risk destination", redflags.HighRiskDestination, "تھائی لینڈ میں کال سینٹر کی نوکری، تنخواہ ۱۰۰۰ ڈالر۔"},
		{"en task scam", redflags.TaskScam, "Online job: like YouTube videos and earn Rs 500 per task. Daily commission."},
		{"ur task scam", redflags.TaskScam, "آن لائن نوکری: گھر بیٹھے روزانہ ۵۰۰۰ روپے کمائیں۔"},
		{"roman task scam", redflags.TaskScam, "Online naukri: ghar baithe rozana 3000 kamayein, sirf mobile chahiye."},
		{"en busywork for a monthly sum", redflags.TaskScam, "We are hiring! Earn Rs.25000/- per month. Simple copy paste jobs, no experience needed."},
		{"ur busywork for a monthly sum", redflags.TaskScam, "کاپی پیسٹ کا آسان کام، ماہانہ ۳۰ ہزار روپے کمائیں۔"},
		{"roman busywork", redflags.TaskScam, "YouTube videos like karein aur 15000 mahana kamayen."},
		{"en suspicious link", redflags.SuspiciousLink, "BEOE jobs in Saudi Arabia, apply at http://beoe-gov-pk.com/apply before Friday."},
		{"roman suspicious link", redflags.SuspiciousLink, "Saudi naukri ke liye form bharein: bit.ly/saudi-jobs-2026"},
		{"en part-time pay at home", redflags.UnrealisticPay, "Data entry job, work from home, earn Rs 80,000 per month, only 2 hours daily. WhatsApp 0300-5551234"},
		{"ur part-time pay at home", redflags.UnrealisticPay, "گھر بیٹھے ڈیٹا انٹری کا کام، روزانہ صرف 2 گھنٹے، ماہانہ 80 ہزار روپے کمائیں۔ واٹس ایپ 0300-5551234"},
		{"roman part-time pay at home", redflags.UnrealisticPay, "Ghar baithe online kaam, din mein 2 ghante, mahana 90 hazar kamayen. WhatsApp 0300-5551234"},
		{"en government jobs through a chat app", redflags.Impersonation, "Government of Pakistan jobs in Saudi Arabia for drivers. Registration on WhatsApp only: 0300-5551234"},
		{"roman fee beside what is free", redflags.UpfrontFee, "Kuwait ke liye driver chahiye, visa aur ticket free, sirf medical aur protector ke 1.5 lakh. Rabta 0300-5556677"},
		{"en free site builder", redflags.SuspiciousLink, "Remote purchasing agent, $600 weekly. Learn more at https://globalhire-jobs.wixsite.com/apply"},
		{"en cheap domain", redflags.SuspiciousLink, "Your application for the Dubai warehouse job has been accepted. Finish the process: http://klkln.cc/vnbcbtd"},
		{"ur free site builder", redflags.SuspiciousLink, "قطر میں نوکریاں، فارم یہاں بھریں: qatar-jobs-pk.blogspot.com"},
		{"en journey priced", redflags.UpfrontFee, "Kuwait driver jobs. Salary 150 KD. Visa processing 2 lakh, half now half after visa. Contact 0301-5551234"},
		{"en package in instalments", redflags.UpfrontFee, "Romania work visa, no IELTS, 18 lakh package, payment in 3 instalments."},
		{"en price beside the salary", redflags.UpfrontFee, "Jobs in Saudi Arabia for drivers, salary 2,000 riyals, visa and ticket Rs 4.5 lakh, contact 0300-5551234"},
		{"ur journey priced", redflags.UpfrontFee, "دبئی کے لیے سیلز مین درکار ہیں۔ تنخواہ 2000 درہم۔ ویزا اور ٹکٹ کے 3 لاکھ روپے، آدھے پہلے۔ رابطہ 0300-5557788"},
		{"roman journey priced", redflags.UpfrontFee, "Qatar ke liye helpers chahiye, tankhwa 1200 riyal, kharcha 3 lakh, aadha pehle aadha visa ke baad. Rabta 0300-5552222"},
		{"ur fee in words", redflags.UpfrontFee, "اشتہار: یورپ میں نوکریاں، ورک پرمٹ 15 دن میں، رابطہ 0300-5551234، فیس صرف ایک لاکھ"},
		{"ur price with a half", redflags.UpfrontFee, "سعودی عرب کے لیے ڈرائیور، ویزا اور ٹکٹ ساڑھے چار لاکھ، رابطہ 0300-5551234"},
		{"en security deposit", redflags.UpfrontFee, "Dear applicant, your interview is confirmed for Qatar Airways. Please deposit refundable security of Rs 50,000 before the interview date."},
		{"en joining fee", redflags.UpfrontFee, "We are looking for brand ambassadors. Promote our products on Facebook and earn commission. Joining fee only Rs 2,000."},
		{"en paid surveys", redflags.TaskScam, "Get paid $25/hour for online surveys from your phone. Register now: bit.ly/paid-surveys-pk"},
		{"en passport stays with the agent", redflags.PassportRetention, "Saudi jobs. Your passport will remain with us until departure. Call 0300-5551234"},
		{"roman passport stays with the agent", redflags.PassportRetention, "Poland jobs. Visa lagne tak passport humare paas rahega. Rabta 0300-5551234"},
		{"roman company visa priced", redflags.UpfrontFee, "Oman k liye 10 labour chahiye, company visa, 2 saal, tankhwa 120 rial, kharcha 2.8 lakh, protector k baad baki payment"},
		{"en all expenses", redflags.UpfrontFee, "Dubai cleaning company job, salary 1500 AED, visa 2 years, all expenses 3 lakh 80 thousand. Call 0300-5550000"},
		{"roman visa offered, sum alone", redflags.UpfrontFee, "Kuwait ka visa ready hai. Sirf 2 seats. Jaldi rabta karein. 3.5 lac."},
		{"en charges named", redflags.UpfrontFee, "Jobs in Azerbaijan, work visa in 15 days. Charges 7 lakh. Contact 0300-5556789"},
		{"en europe through libya", redflags.IrregularRoute, "Greece farm work, safe route, 8 lakh total, pay after reaching Libya. Contact 0345-5559999"},
		{"en easy remote work, chat only", redflags.TaskScam, "Work from home in your spare time, the work is very simple and you make money every week. Add us on WhatsApp to start."},
	}
	suspended := firstWithStatus(t, licences.Suspended)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := bytes.ReplaceAll([]byte(tt.text), []byte("{{SUSPENDED}}"), []byte(suspended))
			v := analyze(t, a, reg, string(text))
			if !slices.Contains(codes(v), tt.code) {
				t.Fatalf("want %s, got %v", tt.code, v.Flags)
			}
			if tt.code.Strong() && v.Risk != redflags.High {
				t.Errorf("strong flag %s alone: risk %s, want high", tt.code, v.Risk)
			}
		})
	}
}

func firstWithStatus(tb testing.TB, s licences.Status) string {
	tb.Helper()
	snap, err := licences.ParseCSV(bytes.NewReader(deploy.SampleRegister), "sample")
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range snap.Records {
		if r.Status == s {
			return r.Number
		}
	}
	tb.Fatalf("sample register has no %s licence", s)
	return ""
}

// TestNegationAndWarnings: lawful ads and awareness texts quote red-flag words in negations and
// warnings; those must not raise the flag.
func TestNegationAndWarnings(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	tests := []struct {
		name string
		text string
		not  []redflags.Code
	}{
		{"en no fee is charged", "Drivers required for Saudi Arabia. No fee is charged. Salary SAR 1800.", []redflags.Code{redflags.UpfrontFee}},
		{"en never ask for money in advance", "Electricians for Qatar. We never ask for money in advance. Interview on 3 December.", []redflags.Code{redflags.UpfrontFee}},
		{"en no registration fee", "Nurses for Kuwait, no registration fee, no visa fee.", []redflags.Code{redflags.UpfrontFee}},
		{"ur koi fees nahi", "سعودی عرب کے لیے ڈرائیور درکار ہیں۔ کوئی فیس نہیں۔ تنخواہ ۱۸۰۰ ریال۔", []redflags.Code{redflags.UpfrontFee}},
		{"ur advance nahi", "قطر میں نوکری۔ ہم کوئی ایڈوانس رقم نہیں لیتے۔", []redflags.Code{redflags.UpfrontFee}},
		{"roman koi fees nahi", "Saudi mein driver ki zaroorat hai, koi fees nahi, tankhwah 1800 riyal.", []redflags.Code{redflags.UpfrontFee}},
		{"en no cash", "Jobs in Oman. No cash payment accepted; service charges by bank only.", []redflags.Code{redflags.CashPayment}},
		{"en no guarantee", "Jobs in Dubai. There is no guarantee of a visa; selection after interview.", []redflags.Code{redflags.Guaranteed}},
		{"ur no guarantee", "دبئی میں نوکری۔ ویزے کی کوئی گارنٹی نہیں، انتخاب انٹرویو کے بعد۔", []redflags.Code{redflags.Guaranteed}},
		{"en warning sentence", "Jobs in Saudi Arabia. Beware of agents who ask for a registration fee or promise 100% visa.", []redflags.Code{redflags.UpfrontFee, redflags.Guaranteed}},
		{"roman warning", "Saudi naukri ke liye apply karein. Agar koi pehle paisa mange to hoshiyar rahein, ye dhoka hai.", []redflags.Code{redflags.UpfrontFee}},
		{"en warning list", "Jobs abroad: apply now.\nWarning signs of a fake agent:\n- a registration fee before contract\n- azad visa\n- contact only on WhatsApp\n\nSend CV to our office.", []redflags.Code{redflags.UpfrontFee, redflags.AzadVisa, redflags.WhatsAppOnly}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := analyze(t, a, reg, tt.text)
			for _, c := range tt.not {
				if slices.Contains(codes(v), c) {
					t.Errorf("raised %s: %v", c, v.Flags)
				}
			}
		})
	}
}

// TestNotAJobAd: greetings and chat are not ads.
// TestBusyworkNeedsMoney: copying, pasting and liking are task-scam work only when money is
// offered for them; a copy editor's post, or a warning about such offers, is not one.
func TestBusyworkNeedsMoney(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{
		"Copy editor wanted for a Lahore newspaper. Salary Rs 80,000 a month, apply with CV.",
		"Copy paste jobs are a scam: nobody pays Rs 25,000 a month for copy paste work. Do not pay any fee.",
		"Please like and subscribe to our channel for daily job news.",
	} {
		if v := analyze(t, a, reg, text); v.Has(redflags.TaskScam) {
			t.Errorf("%q: TASK_SCAM %v", text, v.Flags)
		}
	}
}

// TestNoFeeAsked: sums that are pay, already paid, or borne by the employer are not fees asked.
func TestNoFeeAsked(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{
		"Drivers for Riyadh. Salary 2,000 riyals, visa and ticket free, food by company. Apply with CV at our Lahore office.",
		"Electricians for Qatar, total salary package QAR 3,500 a month. Visa, ticket and medical paid by the employer.",
		"Malaysia factory jobs, salary 1800 RM. The visa costs the worker nothing. Call our Lahore office.",
		"Customer service representative, $45,000 in the first year, amazing benefits package.",
		"Developer wanted. See #URL_8796bd3a7c2c6d3bad02606fae20fb45# and apply; cash advance reps also wanted.",
		"200K + management position for experienced merchant cash advance reps. Apply with CV.",
		"Process engineer, salary in the $52,000-65,000 range. The company will offer a relocation package.",
		"جدہ: ہر ویزہ کمپنی کو ایک لاکھ کے حساب سے ویزوں کا اجراء کیا گیا ہے، کل دس لاکھ ویزے جاری ہوئے۔",
		"Saudi Arabia will issue 5 lakh visas for Pakistani workers this year, the ministry said.",
		// Bare numbers that are no sums: a year, a count, a phone number after "visa".
		"Saudi work visa 2026 for drivers, salary 2,000 riyals. Apply at our Lahore office.",
		"Total 1,500 workers needed for a Qatar project, visa and ticket free. Apply at our office.",
		"Visa processing 0300-5550123 par call karein, salary 1800 riyal",
		// The salary named just before its amount is pay, and the GAMCA medical is paid at the centre.
		"Dubai mein job ke liye interview, salary 2000 dirham, company visa aur ticket free, sirf medical ki fees khud deni hogi (GAMCA). Licence 9848/LHR",
		"Qatar drivers, tankhwah 1800 riyal, visa ki fees company degi, 0300-5550123",
		// "Security" before a sum is the guard's post, not a security deposit.
		"*Qatar Job Offer*\nSecurity guard - 1800 QAR\nAge 22-40\nApply at our Lahore office",
		"Security guards for Dubai, 12 hours duty, 100 AED daily. Apply at our office.",
		"Protector fee for a Bahrain work visa through an OEP: Rs 22,200 in all, paid by challan; OPF fund Rs 4,000, insurance premium Rs 2,500, registration fee Rs 2,500.",
		"بحرین ورک ویزا کے لیے اوورسیز ایمپلائمنٹ پروموٹر کے ذریعے کل محافظ فیس 22200 روپے ہے، جس میں 2500 روپے رجسٹریشن فیس اور او پی ایف فنڈ شامل ہے۔",
	} {
		if v := analyze(t, a, reg, text); v.Has(redflags.UpfrontFee) {
			t.Errorf("%q: UPFRONT_FEE %v", text, v.Flags)
		}
	}
}

// TestSignsInRealShapes: signs as real texts state them, each beside a lawful text that uses the
// same words. The remote-job scam's facts (a Western hourly wage for work anyone can do from
// home; a chat app or a person's free mail as the only way in; pay for a few hours a week) are
// signs; the same words in a lawful ad with an office, a profession's pay, or an employer's own
// recruitment abroad are not.
func TestSignsInRealShapes(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	tests := []struct {
		text string
		want redflags.Code
		has  bool
	}{
		{"Hiring now! Hourly pay rate: $28/hr, easy work from home, great for students and parents. Message us on What'sApp +1 555 0100", redflags.UnrealisticPay, true},
		{"Hiring now! Hourly pay rate: $28/hr, easy work from home, great for students and parents. Message us on What'sApp +1 555 0100", redflags.WhatsAppOnly, true},
		{"Front-end developers wanted for an e-commerce site. Skills: React, Javascript. Contact me on Telegram or mail bluedragon1234@gmail.com", redflags.FreeEmail, true},
		{"Front-end developers wanted. Skills: React, Javascript. Apply with CV to ali.traders@gmail.com or at our office, 5 Mall Road Lahore", redflags.FreeEmail, false},
		{"Customer service agent, part time from home, $9 per hour, no experience needed. Apply at careers.example.com", redflags.UnrealisticPay, false},
		{"Senior data engineer, remote, $85 per hour, 8 years of Spark required. Apply on our careers page.", redflags.UnrealisticPay, false},
		{"My office is currently looking to hire people to work from home. Salary 2000 AED. WhatsApp +971 50 555 0100", redflags.WhatsAppOnly, true},
		{"Drivers for Riyadh, salary 2,000 riyals. WhatsApp 0301-2345678 or visit our office, 12 Mall Road Lahore", redflags.WhatsAppOnly, false},
		{"Hiring: Web3 developer, fully remote, we are building real-world products. Salary USD 110,000 a year. Telegram: @romanpotter12", redflags.WhatsAppOnly, true},
		{"Hiring: Web3 developer, remote. Mail jobs@example.com, not @example on Twitter.", redflags.WhatsAppOnly, false},
		{"Registrar in Psychiatry, Perth WA. At our hospital you will work with a team of 12 consultants. Apply with CV.", redflags.WhatsAppOnly, false},
		{"Call center agents wanted, work from home. Salary 2000 AED. WhatsApp +971 50 555 0100", redflags.WhatsAppOnly, true},
		{"Looking to hire supporters, the commitment is about 2 to 3 hours per week. Earnings up to $5,000 per month. Mail flame1234@outlook.com", redflags.UnrealisticPay, true},
		{"Data entry clerks, work from home. Great pay, guaranteed pay, flexible schedule. Hiring manager: https://t.me/hiringmanager0101", redflags.Guaranteed, true},
		{"Security supervisors for our Lahore site. Guaranteed overtime pay for night shifts. Apply at our office, 5 Mall Road.", redflags.Guaranteed, false},
		{"Registrar in Psychiatry, Sydney. Package $265,847 - $282,816 pa including base salary. Apply with CV.", redflags.UnrealisticPay, false},
		{"Receptionist in Dubai, 40 hours per week, salary AED 4,000 per month. Apply at our office, Sheikh Zayed Road.", redflags.UnrealisticPay, false},
		{"Data entry from home, only 2 hours a day, earn $3,000 per month. Contact on WhatsApp +1 555 0100", redflags.UnrealisticPay, true},
		{"Emirates, the Dubai-based airline, is holding a cabin crew recruitment open day in Valletta on Monday. Candidates must be 21 and apply online.", redflags.NoLicence, false},
		{"Drivers wanted for a Dubai company. Salary AED 2,200, visa and ticket free. Send CV for interview.", redflags.NoLicence, true},
		{"Saudi Arabia's health ministry is recruiting 2,000 nurses from the Philippines through the POEA. Salary SAR 6,000, free accommodation.", redflags.NoLicence, false},
		{"Nurses for Saudi Arabia from the Philippines and Pakistan, salary SAR 6,000, free accommodation. Send CV.", redflags.NoLicence, true},
		{"Work from home, spend a few minutes every day and earn 30,000 rupees per month. WhatsApp 0300-5550123 to join.", redflags.UnrealisticPay, true},
		{"Work from home, 8 hours a day, earn 30,000 rupees per month. WhatsApp 0300-5550123 to join.", redflags.UnrealisticPay, false},
		{"Malta work permit, hotel staff, salary 1100 euro. Visit our office in Gujranwala with passport and 1 lakh token money.", redflags.UpfrontFee, true},
		// A fee's name beside the sum asks for it, with no word of paying: "Registration Rs 25,000".
		{"Jobs in Japan for Pakistani youth, salary 3 lakh. Registration Rs 25000. Contact 0300-5550123", redflags.UpfrontFee, true},
		{"Jobs in Japan for Pakistani youth, salary 3 lakh. Registration is free. Contact 0300-5550123", redflags.UpfrontFee, false},
		{"Europe jane ka sunehri moqa, Iran Turkey route, 8 lakh mein Italy. Contact 0306-5550123", redflags.IrregularRoute, true},
		// A bare sum right after its fee or cost is rupees: Pakistani ads often drop the "Rs".
		{"Only 10 seats left for Dubai jobs. Medical and visa processing 95,000. Book your seat now: 0333-5550199", redflags.UpfrontFee, true},
		{"Dubai jobs. Visa processing 1,20,000, half now. Contact 0333-5550199", redflags.UpfrontFee, true},
		{"جاپان میں کیئر ورکر کی نوکریاں، رجسٹریشن 20 ہزار روپے، ایزی پیسہ 0312-5550126", redflags.PersonalPayment, true},
		{"Japan caregiver jobs, registration 2,000 rupees, Easypaisa 0312-5550126", redflags.PersonalPayment, true},
		{"Hiring Chinese-English interpreters for a company in Myawaddy. Salary 1500 USD, free food and accommodation.", redflags.HighRiskDestination, true},
		{"Mystery shoppers wanted: visit stores, report back and acquire $400 on each task. Apply at forms.gle/abc", redflags.TaskScam, true},
		// The Gulf's short currency forms, a phone number "picked" for a job, a profession's daily rate.
		{"Your number has been picked by Meta as an online assistant, you can earn up to RO 200-300 per day. Reply on WhatsApp.", redflags.NoInterview, true},
		{"Your number has been picked by Meta as an online assistant, you can earn up to RO 200-300 per day. Reply on WhatsApp.", redflags.UnrealisticPay, true},
		{"Hotel jobs in Muscat. RO 50 is required as a processing charge to start your visa. Send it today.", redflags.UpfrontFee, true},
		{"Consultant doctors for Saudi MOH hospitals on a temporary part time contract, paid SR 1,600 per day. Apply through CPSP.", redflags.UnrealisticPay, false},
		// A stranger's opener with pay by the day for free time is the task scam's first message.
		{"Hello! I'm Sarah from TalentHub recruitment. We are hiring online part-time workers, you can earn 500-2000 PKR per day in your free time. Are you interested?", redflags.TaskScam, true},
		{"Hello! I'm Sarah from TalentHub recruitment. We are hiring an accountant for our Lahore office, salary Rs 80,000 per month, 5 years' experience.", redflags.TaskScam, false},
		{"Remote assistant wanted: receive packages at home and reship them to our clients. Pay $500 weekly. Email jobs.assist2024@gmail.com", redflags.TaskScam, true},
		{"Huge data entry project, we are paying $30 per page you type. Message us on Telegram @pagework11", redflags.UnrealisticPay, true},
		{"Form filling work from home, Rs 1,500 per form, simple typing. WhatsApp 0300-5550123", redflags.UnrealisticPay, true},
		{"Data entry operator for our Lahore office, typing speed 40 wpm, paid Rs 20 per form on top of salary.", redflags.UnrealisticPay, false},
		{"Book translator wanted, Urdu to English, $30 per page, 5 years' publishing experience. Apply with samples.", redflags.UnrealisticPay, false},
		{"Psychiatry registrar in Australia. The hospital has reinvested $40 million over ten years in its wards. Salary by award, apply with CV.", redflags.UnrealisticPay, false},
	}
	for _, tt := range tests {
		if got := analyze(t, a, reg, tt.text).Has(tt.want); got != tt.has {
			t.Errorf("%q: %s = %v, want %v", tt.text, tt.want, got, tt.has)
		}
	}
}

// TestEmployerPaidVisaIsNotAzad: in English ads "free visa, ticket and accommodation" is the
// employer paying, not the azad visa sold as a "free visa".
func TestEmployerPaidVisaIsNotAzad(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	text := "Urgently required 100 labourers for a Riyadh project, salary 2500 SAR, free visa, ticket and accommodation. Apply at our Lahore office."
	if v := analyze(t, a, reg, text); v.Has(redflags.AzadVisa) {
		t.Errorf("AZAD_VISA for an employer-paid visa: %v", v.Flags)
	}
	if v := analyze(t, a, reg, "Free visa available, work anywhere in Saudi Arabia, 2 years iqama."); !v.Has(redflags.AzadVisa) {
		t.Errorf("no AZAD_VISA for a free visa sold: %v", v.Flags)
	}
}

// kindCase is a text with the kind and risk the analyser must give it (no register).
type kindCase struct {
	text string
	kind redflags.Kind
	risk redflags.Risk
}

// checkKinds analyses each case and reports those whose kind or risk differ.
func checkKinds(t *testing.T, cases []kindCase) {
	t.Helper()
	a := mustAnalyzer(t)
	for _, tt := range cases {
		v := analyze(t, a, nil, tt.text)
		if v.Kind != tt.kind || v.Risk != tt.risk {
			t.Errorf("%q: %s %s %v, want %s %s", tt.text, v.Kind, v.Risk, v.Flags, tt.kind, tt.risk)
		}
	}
}

// checkFlagged reports each text that lacks the code.
func checkFlagged(t *testing.T, code redflags.Code, texts ...string) {
	t.Helper()
	a := mustAnalyzer(t)
	for _, text := range texts {
		if v := analyze(t, a, nil, text); !v.Has(code) {
			t.Errorf("%q: %v, want %s", text, v.Flags, code)
		}
	}
}

// checkNotFlagged reports each text that carries the code.
func checkNotFlagged(t *testing.T, code redflags.Code, texts ...string) {
	t.Helper()
	a := mustAnalyzer(t)
	for _, text := range texts {
		if v := analyze(t, a, nil, text); v.Has(code) {
			t.Errorf("%q: %s %v", text, code, v.Flags)
		}
	}
}

// TestKinds: what a message is, in each language, for the kinds whose words change most.
func TestKinds(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Sir please help, we gave 4 lakh for Malaysia job visa, agent disappeared, office closed", redflags.KindVictim, redflags.High},
		{"My agent took 3 lakh for a Saudi visa and my company there says no visa was ever applied for. What can I do?", redflags.KindVictim, redflags.High},
		{"My brother went to Libya through an agent who promised Italy. Now they are asking for 10 lakh more.", redflags.KindVictim, redflags.High},
		{"ہمارے بیٹے کو ایجنٹ نے یونان بھیجنے کا کہہ کر لیبیا پہنچا دیا، اب مزید پیسے مانگ رہے ہیں", redflags.KindVictim, redflags.High},
		{"Meri beti ko Dubai mein ek agent ne naukri ka jhansa de kar bula liya aur ab uska passport rakh liya hai. Madad karein", redflags.KindVictim, redflags.High},
		{"Hum Dubai mein hain, company ne salary 3 mahine se nahi di. Kya karein?", redflags.KindVictim, redflags.High},
		{"Mere bete ko agent ne Dubai visit visa pe bheja, ab wahan koi kaam nahi, wapas aane ke paise bhi nahi", redflags.KindVictim, redflags.High},
		{"mera passport agent k pas hy wapis nhi kr rha", redflags.KindVictim, redflags.High},
		{"We were 15 people sent to Oman by an agent from Sialkot. The company there says they never asked for workers. We are sleeping in a mosque.", redflags.KindVictim, redflags.High},
		// Citizens held abroad are not citizens being advised; a family's appeal for help is not
		// an appeal to the public.
		{"Twelve Pakistani citizens were lured by a fake company with jobs in Laos, locked up and forced to scam people online; their families said the agent charged each of them 3 lakh.", redflags.KindVictim, redflags.High},
		{"ایجنٹ کو بیٹے کو یونان بھجوانے کے لیے 25 لاکھ روپے دیے تھے، اب وہ لیبیا میں قید ہے۔ والد نے حکومت سے مدد کی اپیل کی ہے۔", redflags.KindVictim, redflags.High},
		// The dead of the smugglers' route are victims, in a reporter's words too; a death on a
		// road abroad is news, and an advisory that tells of the risk in the present warns.
		{"گجرات کے تین نوجوان ڈنکی لگا کر یونان جاتے ہوئے کشتی الٹنے سے ڈوب کر جاں بحق ہو گئے۔ لاشیں گاؤں پہنچنے پر کہرام مچ گیا۔", redflags.KindVictim, redflags.High},
		{"Three young men from Gujrat died when the smugglers' boat capsized off Libya on its way to Italy; their bodies reached the village on Sunday.", redflags.KindVictim, redflags.High},
		{"سعودی عرب میں ملازمت کرنے والے دو پاکستانی ٹریفک حادثے میں جاں بحق ہو گئے، لاشیں وطن روانہ کر دی گئیں۔", redflags.KindOther, redflags.Low},
		{"آگاہی: اسمگلر کشتی میں زیادہ لوگ سوار کرواتے ہیں، ہر سال بہت سے لوگ غیر قانونی طریقے سے یورپ جاتے ہوئے ڈوب جاتے ہیں۔ ڈنکی سے بچیں۔", redflags.KindAdvisory, redflags.Low},
		// A month's pay of a senior post for work that asks no experience, and bank details asked
		// with the application.
		{"Our company is looking for remote assistants. No experience needed. Salary $800/week. Reply with your full name, CNIC number and bank account details to apply.", redflags.KindAd, redflags.High},
		// A letter to an advice column ends on its question and the writer's sign-off.
		{"My employer in a free zone in Abu Dhabi is holding my passport and wants Dh4,000 before I can leave. What action should I take to get my passport back? IE, Abu Dhabi", redflags.KindQuestion, redflags.Low},
		{"Dubai driver visa, salary AED 3000, fee 50,000 on JazzCash. Interested? Call 0300-5550123", redflags.KindAd, redflags.High},
		// Victims' harms told to urge the public to be watchful: the official's advice is the point.
		{"Those who took the overseas jobs were forced to make calls to con people and were not allowed to return; their families were forced to pay a ransom. The minister urged citizens to be watchful of job advertisements promising lucrative pay overseas and to check with relevant authorities, including the embassy, to validate the job offers.", redflags.KindAdvisory, redflags.Low},
		// An explainer of the visa rules reads like a posting (salary, accommodation, overtime)
		// and names the visit visa, but gives no way to apply and invites no one: not an offer.
		{"For work in Qatar the company or the sponsor must issue a work visa. Those who come on a visit visa to look for a job are fine as long as they do not work. The employer then applies for the residence permit; the salary is paid monthly, accommodation and transport are provided, benefits and annual leave follow experience, and duty hours and overtime follow the labour law.", redflags.KindOther, redflags.Low},
		// Someone telling their own brush with a task scam warns too, but tells what they paid.
		{"Here is my first-hand experience of this scam. They approached me on WhatsApp with a part-time job, Rs 50 per task for liking videos. Then they moved me to Telegram, paid Rs 150 for three tasks and asked me to deposit Rs 5,000 for a premium task. Beware, it is a trap.", redflags.KindVictim, redflags.High},
		// A reporter hedges the deception the victims tell outright.
		{"The women were reportedly tricked by two men who promised them jobs in Laos. They had paid NPR 400,000 each and their passports were seized on arrival.", redflags.KindVictim, redflags.High},
		{"Citizens are advised to verify every overseas job offer with the Protector of Emigrants and never pay an agent in cash.", redflags.KindAdvisory, redflags.Low},
		{"عوام سے اپیل ہے کہ بیرون ملک ملازمت کے جعلی اشتہارات سے ہوشیار رہیں۔", redflags.KindAdvisory, redflags.Low},
		// A report under a warning's headline tells of its victims as the warning's reason; the
		// same words without the headline are a report of victims, and a victim's own warning is
		// still their account.
		{"Warning over fake care-worker visas\nHundreds of students paid agents up to Rs 40 lakh each for sponsorship certificates that turned out to be worthless; many were promised jobs in care homes that never existed.", redflags.KindAdvisory, redflags.Low},
		{"Hundreds of students paid agents up to Rs 40 lakh each for sponsorship certificates that turned out to be worthless; many were promised jobs in care homes that never existed.", redflags.KindVictim, redflags.High},
		{"خبردار! جعلی ویزوں کا گروہ سرگرم\nشہریوں سے یورپ کے ورک ویزے کے نام پر لاکھوں روپے لیے گئے، بعد میں ویزے جعلی نکلے۔", redflags.KindAdvisory, redflags.Low},
		{"Khabardar! Jaali visa giroh sargaram\nShehriyon se Europe ke work visa ke naam par lakhon rupay liye gaye, baad mein visa jaali nikla.", redflags.KindAdvisory, redflags.Low},
		{"Beware of this agent\nI paid him 3 lakh for a Dubai visa and now his phone is off. What should I do?", redflags.KindVictim, redflags.High},
		// The English words an Urdu ad writes in its own script ("جاب آفر", "ورک پرمٹ") and its
		// "golden opportunity" make it an offer, as "job offer" and "opportunity" do in English.
		{"کینیڈا جانے کا سنہری موقع، بغیر آئیلٹس، ایل ایم آئی اے جاب آفر کے ساتھ، رابطہ 0300-5551234", redflags.KindAd, redflags.Medium},
		// Advisories in the words officials use: warns, cautions, requested, not to pay, verify;
		// what the law does not allow is a warning, not an offer of it.
		{"The Bureau of Emigration warns the public not to pay any money to unlicensed agents who advertise jobs in Saudi Arabia on Facebook. Verify licences at beoe.gov.pk.", redflags.KindAdvisory, redflags.Low},
		{"The Embassy of Pakistan in Tokyo has noticed that some agents are charging millions of rupees for jobs in Japan. Pakistanis are requested to apply only through OEC or licensed OEPs.", redflags.KindAdvisory, redflags.Low},
		{"سفارتخانہ پاکستان نے واضح کیا ہے کہ وزٹ ویزا پر ملازمت کی اجازت نہیں، ایسے ایجنٹوں کی باتوں میں نہ آئیں۔", redflags.KindAdvisory, redflags.Low},
		{"وزٹ ویزا پر دبئی جائیں، وہاں ہمارے بندے نوکری لگوا دیں گے، فیس ڈیڑھ لاکھ، واٹس ایپ 0300-5550123", redflags.KindAd, redflags.High},
		{"Agent ne bola tha Italy pohcha dega, Libya me chhor diya, ab 10 lakh aur mang raha hai warna maar dene ki dhamki", redflags.KindVictim, redflags.High},
		{"میرے بیٹے کو ایجنٹ نے ملائیشیا بھیجا، وہاں کوئی نوکری نہیں ملی، اب وہ جیل میں ہے، ہماری مدد کریں", redflags.KindVictim, redflags.High},
		{"Protector ki fees kitni hai aur kahan jama hoti hai?", redflags.KindQuestion, redflags.Low},
		// A short question about a fee asks what the law allows; a question that opens an ad is
		// its hook.
		{"کیا او ای پی سروس چارجز 30 ہزار سے زیادہ لے سکتا ہے؟", redflags.KindQuestion, redflags.Low},
		{"An agent is asking Rs 500,000 for a Dubai work visa. Is this legal?", redflags.KindQuestion, redflags.Low},
		{"Want a job in Saudi Arabia? Visa fee only Rs 80,000, pay advance now.", redflags.KindAd, redflags.High},
		{"سعودی عرب جانا چاہتے ہیں؟ ویزا فیس صرف ڈیڑھ لاکھ، ایڈوانس جمع کروائیں", redflags.KindAd, redflags.High},
		{"Is it safe to pay registration fee of Rs 5,000 through JazzCash 0301-5550123 for a Qatar job?", redflags.KindAd, redflags.High},
		// A part-time wage at home is no sign; twice a full-time minimum wage for two hours is.
		{"Online Quran teacher required, 2 hours daily from home, salary 25,000 per month. Contact 0300-5551234", redflags.KindAd, redflags.Medium},
		// The medical test and the Protector's fees cost a few thousand rupees; a lakh under
		// their names is the agent's fee.
		{"Malaysia palm oil company requires 200 workers. Free visa free ticket. Only medical and protector Rs 2,50,000. Call 0312-5554321", redflags.KindAd, redflags.High},
		{"ملائیشیا کے لیے فیکٹری ورکرز درکار ہیں۔ تنخواہ 1700 رنگٹ۔ ویزا اور ٹکٹ کمپنی کے ذمہ۔ میڈیکل 12 ہزار روپے امیدوار خود ادا کرے گا۔", redflags.KindAd, redflags.Medium},
		// "Ghar baithe" (from home) is every wallet's promise; it is the task scam's with earnings.
		{"Ghar bethay payments kerne k liye easypaisa App download keren aur account register kerne pe fori Rs.50 ka inam payn.", redflags.KindOther, redflags.Low},
		{"Ghar baithe online kaam karein aur rozana 3000 kamayein, WhatsApp 0300-5550123", redflags.KindAd, redflags.High},
		{"Ghar baithy 50000 kamayen, sirf whatsapp karein 0321-5550123", redflags.KindAd, redflags.High},
		{"Dear customer, your JazzCash OTP is 482910. Do not share it with anyone.", redflags.KindOther, redflags.Low},
		// A telco's service priced by the day is a promotion, whatever "alert" it offers.
		{"Zaroori call miss ho gayi? *6528# milaen aur number on honay par fauri alert hasil karen (Rs.2.2/Day Inc.Tax)", redflags.KindOther, redflags.Low},
		// Told by a reporter: scammed out of a sum, held for a ransom abroad.
		{"Adeel Khan, a graduate from Multan, applied for a job in Riyadh through an agency. He was scammed out of SR 15,000 after sending them the code on his phone.", redflags.KindVictim, redflags.High},
		{"An electrician from Sialkot was offered a casino job in Cambodia. Months later he called his mother: he needed $15,000 to buy his freedom from his employer, who threatened to sell his organs.", redflags.KindVictim, redflags.High},
		{"A family in Mardan sold property to pay an agent who promised their son a job in Dubai. They were cheated: the agent took them to the airport and vanished.", redflags.KindVictim, redflags.High},
		// The victim's own voice in a report: "مجھے یہاں اکیلا چھوڑ دیا گیا ہے".
		{"ملتان کا نوجوان نوکری کے خواب لے کر سعودی عرب گیا تھا۔ حکام کے مطابق وائرل ویڈیو کی جانچ ہو رہی ہے۔ ویڈیو میں وہ کہتا ہے کہ کفیل نے اس کا پاسپورٹ ضبط کر لیا ہے اور اسے ریگستان میں اونٹ چرانے پر لگا دیا ہے: مجھے یہاں اکیلا چھوڑ دیا گیا ہے، میری مدد کریں، مجھے واپس لایا جائے۔", redflags.KindVictim, redflags.High},
		// An offer letter offers, whatever it leaves out.
		{"We are pleased to offer you an appointment in our organisation as ground staff at Dubai International Airport. Your training starts on 1 August and your date of joining is 21 August.", redflags.KindAd, redflags.Medium},
		// A telco's offer prices calls by the day: its sums are spent, not earned.
		{"Mobilink Jazz on-usage promotion: all subscribers can call Jazz numbers for Rs 0.45/30 sec after a daily usage of Rs 20. Dial *108# on mobile to subscribe, one time charges Rs 2+tax.", redflags.KindOther, redflags.Low},
		// Workers' own words in a report: "demanded Dh1,200 from each of us", "left in limbo".
		{"Twenty workers said their employer failed to pay our salaries, then demanded Dh1,200 from each of us to renew the visit visas. \"We were left in limbo,\" one worker said.", redflags.KindVictim, redflags.High},
		// An old hand's advice and a code of practice quote the signs; they are advice.
		{"Before you accept any job in Saudi Arabia, read the contract carefully. Some people pay a sponsor for a free visa and work for someone else; if you plan to do this you are really asking for trouble. Please desist from any such moves.", redflags.KindAdvisory, redflags.Low},
		{"Under the Code of Practice for International Recruitment it is illegal for recruitment agencies to charge fees to applicants for finding them a job in the UK.", redflags.KindAdvisory, redflags.Low},
		// A forum's public service announcement tells what agents do; an agent's own offer of the
		// same visa, with a number to call, is an offer.
		{"PSA for everyone planning to come to Qatar: there is no such thing as a free visa. Agents here sell visas for QR 10,000 to 15,000 and tell you that you can work anywhere. You will end up absconding and deported. Come only with a proper work visa from your employer.", redflags.KindAdvisory, redflags.Low},
		{"Qatar free visa available. We sell visas for QR 10,000, work anywhere. Call 0300-5550123", redflags.KindAd, redflags.High},
		// A forum post that asks for help in so many words.
		{"I need help understanding sponsorship in Doha. Before I sign the contract I want to know what my sponsor can and cannot do. Any tips would be greatly appreciated!", redflags.KindQuestion, redflags.Low},
		// A news report's subheading asks; the report is still news.
		{"Overseas Pakistanis sent $3.1 billion in remittances in March, according to the latest report of the State Bank of Pakistan. Remittances for March saw a 12% increase compared to the previous month. How does the State Bank collect data? The figures include transfers through Roshan Digital Accounts since September 2020.", redflags.KindOther, redflags.Low},
		// An authority's checklist: deal only with registered agents, pay by draft, keep the receipt.
		{"1. Deal only with a registered recruiting agent. 2. In case of doubt, contact the Protector of Emigrants. 3. As per the labour law, all expenses towards recruitment including visa fee and air ticket are to be borne by the employer. 4. Make any payment by cheque and obtain a receipt.", redflags.KindAdvisory, redflags.Low},
		// Someone else's story, told in the past, of an offer and the money it took: a victim's
		// account, however much of the offer it quotes. An ad speaks to "you" of what will be;
		// an advisory that tells a case in the same words is still advice.
		{"Bilal, 24, from Gujrat, saw a post on Facebook offering warehouse jobs in Poland with a salary of 1,200 euros. He called the number and a man who said he was a manager at the company told him the visa would take six weeks. He sent Rs 350,000 for the processing to an account the man gave him. When he asked about his visa a month later, he was told to pay another Rs 200,000.", redflags.KindVictim, redflags.High},
		{"Warehouse jobs in Poland, salary 1,200 euros. Your visa will be ready in six weeks. You pay Rs 350,000 for processing, half now. He will guide you at the airport. Call 0300-5550123", redflags.KindAd, redflags.High},
		{"The Bureau of Emigration has advised jobseekers to verify every offer. In one case he was told the visa was ready, and he paid Rs 300,000 to an agent who was not licensed. Citizens are advised to deal only with licensed promoters.", redflags.KindAdvisory, redflags.Low},
		// A salary that has arrived is a receipt; one that "will be credited" after a fee is bait.
		{"Aap ke account mein 25000 rupay tankhwah jama ho gayi hai. Balance 30120 rupay.", redflags.KindOther, redflags.Low},
		{"آپ کے اکاؤنٹ میں ۲۵۰۰۰ روپے تنخواہ جمع ہو گئی ہے۔ بیلنس ۳۰۱۲۰ روپے۔", redflags.KindOther, redflags.Low},
		{"Online job, daily income. Rs 2,000 will be credited to your account after you pay Rs 500 joining fee on JazzCash 0300-5550123.", redflags.KindAd, redflags.High},
		{"آپ کے JazzCash اکاؤنٹ میں 5000 روپے موصول ہوئے۔ ٹرانزیکشن آئی ڈی 123456789۔ بیلنس 7500 روپے", redflags.KindOther, redflags.Low},
		{"Alert: your card was used for Rs 12,500 at a Lahore store. SMS BLOCK to 8080 if not you.", redflags.KindOther, redflags.Low},
		{"Where can I complain against a fake agent in Lahore?", redflags.KindQuestion, redflags.Low},
		// A number after a driving licence is no OEP's licence.
		{"Retail merchandiser wanted. Requirements: 1. High school diploma 2. Own car 3. Smartphone 4. A valid Driver's License5. Access to a computer", redflags.KindOther, redflags.Low},
		{"ڈرائیونگ لائسنس 5 سال پرانا ہونا چاہیے، دبئی میں ڈرائیور کی نوکری", redflags.KindOther, redflags.Low},
		{"Visa ka kya rate chal raha hai aaj kal Saudi ka?", redflags.KindQuestion, redflags.Low},
		{"Is it safe to go to Dubai on a visit visa and find a job there?", redflags.KindQuestion, redflags.Low},
		{"کیا وزٹ ویزے پر دبئی جا کر نوکری ڈھونڈنا ٹھیک ہے؟", redflags.KindQuestion, redflags.Low},
		{"Shah Rukh Khan's Dunki crosses 20 لاکھ likes on YouTube", redflags.KindOther, redflags.Low},
		{"Japan caregiver jobs through OEC. Japanese language test JLPT N4 required. Apply on oec.gov.pk. No agent fee.", redflags.KindAd, redflags.Medium},
		{"وزارت سمندر پار پاکستانیز کی ہدایت: صرف لائسنس یافتہ پروموٹرز سے رابطہ کریں اور کسی کو نقد رقم ادا نہ کریں۔", redflags.KindAdvisory, redflags.Low},
		{"سعودی عرب میں پاکستانی ورکرز کے لیے نئی شرائط، ڈرائیوروں کی تنخواہ میں اضافہ", redflags.KindOther, redflags.Low},
		{"The Embassy of Pakistan in Riyadh informs that visit visas cannot be converted to work visas.", redflags.KindAdvisory, redflags.Low},
		// A long posting that says "awareness" and "advice" in passing is still a posting.
		{"Marketing Executive\nAbout us: we started as a small family business in Karachi forty years ago, making biscuits and tea for local shops. Today we make snacks, juices, tea and cooking oil in three factories, employ more than three thousand people and export to the Gulf, Africa and Central Asia. We believe in fair pay, safe workplaces and long careers, and many of our managers started with us as trainees.\nThe role: we are a consumer goods company with offices in Karachi, Lahore and Islamabad, and our brands are sold in more than two thousand shops across the country. We are looking for a marketing executive to join our brand team and grow the awareness of our products among young customers. Responsibilities: plan and run campaigns on social media and in shops, work with our agencies on creative work, track sales and market data every week, prepare reports for the brand manager, organise events and product launches, and give the sales team advice on promotions in shops and markets. Requirements: a degree in marketing or business, two to three years of experience in marketing or sales, good written and spoken English and Urdu, strong skills in Excel and PowerPoint, and the ability to travel within Pakistan. We offer a competitive salary, a yearly bonus, medical insurance for you and your family, provident fund, paid leave and training. Our office is open Monday to Friday and the team works together in one place. Please apply with your CV and a short cover letter through our careers page before the end of the month; shortlisted candidates will be called for an interview and a short written test at our Karachi head office.", redflags.KindAd, redflags.Medium},
		// A long posting's rhetorical question does not make it a question; one that ends asking does.
		{"Front End Developer\nWant to build products people love? We are a growing software company in Lahore looking for a front end developer to join our team. Responsibilities: build user interfaces in React, work with designers and backend engineers, write tests and review code. Requirements: 3 years of experience with JavaScript, HTML and CSS, a degree in computer science or equivalent experience, good communication skills. Benefits: competitive salary, health insurance, paid leave and a flexible schedule. Apply with your CV and portfolio through our careers page.", redflags.KindAd, redflags.Medium},
	})
}

// TestAccountsAfterTheFact reads victims' accounts told in the past tense ("diye the", "دیے تھے",
// "I sent it … now no reply") as victims, in the three languages, and the same tenses in chat, a
// question or a warning as what those are.
func TestAccountsAfterTheFact(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Sir I applied for a job in Qatar, they asked 80,000 for medical and visa, I sent it to their Easypaisa, now no reply. Please help", redflags.KindVictim, redflags.High},
		{"میرے بیٹے کو ایجنٹ نے اٹلی بھیجنے کا کہہ کر 25 لاکھ روپے لیے، اب وہ لیبیا میں ہے۔ مدد کریں", redflags.KindVictim, redflags.High},
		{"ایجنٹ نے کہا تھا ورک ویزا ہے مگر دبئی پہنچ کر پتہ چلا کہ وزٹ ویزا تھا، اب ہم یہاں بغیر کام کے بیٹھے ہیں", redflags.KindVictim, redflags.High},
		{"I was offered a data entry job in Thailand, when I arrived they took me to Myanmar and forced me to scam people. My family paid ransom to get me out", redflags.KindVictim, redflags.High},
		{"maine online job ke liye 5000 registration fee di thi, ab wo kehte hain 15000 aur do tab salary milegi", redflags.KindVictim, redflags.High},
		{"میں نے ایجنٹ کو دبئی کے ویزے کے لیے ڈیڑھ لاکھ روپے دیے تھے، اب وہ فون نہیں اٹھاتا۔ میں کیا کروں؟", redflags.KindVictim, redflags.High},
		{"Beware: if an agent forced you to pay extra or the agent said your visa is guaranteed, report to FIA 111-345-786. Never pay cash.", redflags.KindAdvisory, redflags.Low},
		// Still waiting: "we" paid long ago, the agent "has already taken" it, the visa never came.
		{"humne 2 lakh diye the Oman ke visa ke liye, 6 mahine ho gaye visa abhi tak nahi aya", redflags.KindVictim, redflags.High},
		{"Agent 3 saal se Saudi visa ka keh raha hai, 4 lakh le chuka hai", redflags.KindVictim, redflags.High},
		{"میرے بیٹے کو ایجنٹ نے ایران کے راستے یورپ بھیجنے کا کہا تھا، اب وہ ترکی میں ہے، کیا کریں؟", redflags.KindVictim, redflags.High},
		{"مجھے وزٹ ویزے پر دبئی بھیجا گیا، وہاں کوئی کام نہیں تھا، میرے سارے پیسے ختم ہو گئے۔", redflags.KindVictim, redflags.High},
		// What was done to them on the way or on arrival, told by them or their family.
		{"My cousin went to Russia under the pretext of working as a helper, now he is made to fight in the war. Please rescue them.", redflags.KindVictim, redflags.High},
		{"His parents paid a trafficker 25 lakh to take him to Greece, he is now in a Libyan jail.", redflags.KindVictim, redflags.High},
		{"میں شارجہ میں سیکیورٹی گارڈ ہوں، دو ماہ سے تنخواہ نہیں مل سکی، ایمبیسی سے جواب نہیں مل رہا۔", redflags.KindVictim, redflags.High},
		{"My father paid Rs 4 lakh to an agent in Peshawar who promised to take me to Europe. We crossed the borders of Iran and Turkey illegally and were deported.", redflags.KindVictim, redflags.High},
		{"Dear candidate, you have been selected for the post of Storekeeper in Dubai. To process your work visa, pay AED 950 for documentation to our agent. Reply to hr.dubaijobs@gmail.com", redflags.KindAd, redflags.High},
		{"We had paid 80,000 each for the visas and an office job in Dubai. Three months later there is no job.", redflags.KindVictim, redflags.High},
		// The promised employer does not exist; the task scam's second fee, told after the first.
		{"Hum 6 log Malaysia aaye the company visa pe, yahan koi company nahi hai, hotel wale nikal rahe hain", redflags.KindVictim, redflags.High},
		{"mujhe ek online job ke liye 2000 fees deni thi maine de di ab wo aur mang rahe hain task complete karne ke liye", redflags.KindVictim, redflags.High},
		// The same words that are no loss: told a rule, asking about someone's agent, a rescue
		// reported, a guard's job.
		{"I was told that an OEP can charge 30,000 service charges, is that right?", redflags.KindQuestion, redflags.Low},
		{"My brother wants to go to Dubai, how can I check his agent's licence?", redflags.KindQuestion, redflags.Low},
		{"The government is making efforts to rescue them from Libya, the minister said.", redflags.KindOther, redflags.Low},
		{"Bank needs armed guards in Dubai, salary 2500 AED, send CV", redflags.KindAd, redflags.Medium},
		// "My passport" is lost only when someone holds it: an expired passport is no one's loss,
		// and the question about it is for the welfare attaché (topic "abroad").
		{"The company in Saudi has taken my passport and not paid my salary for 3 months.", redflags.KindVictim, redflags.High},
		{"ایک شہری نے پوچھا کہ میرا پاسپورٹ ایکسپائر ہوگیا ہے اور سپانسر شپ تبدیل کروانا چاہتا ہوں تو کیا یہ ممکن ہے؟", redflags.KindQuestion, redflags.Low},
		// Keeping a passport is a loss once done ("رکھ لیا"), not when asked about or warned of.
		{"ایجنٹ نے میرا پاسپورٹ اپنے پاس رکھ لیا ہے اور مزید پیسے مانگ رہا ہے۔", redflags.KindVictim, redflags.High},
		{"کیا ایجنٹ پاسپورٹ اپنے پاس رکھ سکتا ہے؟", redflags.KindOther, redflags.Low},
		{"Kya agent mera passport rakh sakta hai?", redflags.KindOther, redflags.Low},
		{"ایجنٹ کو اپنا پاسپورٹ اپنے پاس رکھنے نہ دیں، یہ غیر قانونی ہے۔", redflags.KindAdvisory, redflags.Low},
		{"kal main ne ammi ko 5000 bheje the, mil gaye?", redflags.KindOther, redflags.Low},
		{"hum ne kal biryani banayi thi, sab ne khayi", redflags.KindOther, redflags.Low},
		{"Ye rishta kyun toota? Wo phansa hua tha kaam mein, mujhe time hi nahi deta", redflags.KindOther, redflags.Low},
		{"Hello, I sent my CV for the Dubai driver job, salary 3000 AED. Is this company genuine?", redflags.KindQuestion, redflags.Low},
		{"ایف آئی اے نے انسانی اسمگلنگ میں ملوث ملزم گرفتار کر لیا، ملزم نے شہریوں سے لاکھوں روپے لیے تھے", redflags.KindOther, redflags.Low},
	})
}

// TestHarmsNeedTheWayAbroad reads harms anyone can suffer (stranded, forced, beaten, kidnapped,
// an appeal for help) as a victim's account only beside the way abroad: smugglers, an agent, the
// boat, going for work, a job in a country abroad. At home, or abroad with no work in it, they
// are news.
func TestHarmsNeedTheWayAbroad(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Heavy rain lashed Lahore: five people drowned and hundreds were stranded on roads as the company offices closed early.", redflags.KindOther, redflags.Low},
		{"Cricket: Pakistan were stranded at 45 for 5 as the Australian bowlers tricked the batsmen; the company sponsoring the team was delighted.", redflags.KindOther, redflags.Low},
		{"Hundreds of Pakistani pilgrims were stranded at Jeddah airport after the airline cancelled flights; the visa office helped them.", redflags.KindOther, redflags.Low},
		{"Police recovered a kidnapped boy in Karachi; the kidnappers had demanded ransom from his family.", redflags.KindOther, redflags.Low},
		{"کراچی میں بارش سے 5 افراد جاں بحق، سیکڑوں شہری سڑکوں پر پھنس گئے، کمپنی کے دفاتر بند", redflags.KindOther, redflags.Low},
		{"ملتان میں نجی کمپنی کے ملازمین کو تنخواہ نہ ملنے پر احتجاج، پولیس نے مظاہرین پر تشدد کیا، کئی زخمی", redflags.KindOther, redflags.Low},
		{"Twelve young men from Gujranwala who paid an agent Rs 2.5 million each for jobs in Europe were held hostage in Libya and beaten until their families paid ransom.", redflags.KindVictim, redflags.High},
		{"لیبیا میں انسانی اسمگلروں نے گجرات کے 8 نوجوانوں کو یرغمال بنا لیا، تشدد کی ویڈیو بھیج کر اہل خانہ سے تاوان مانگ لیا", redflags.KindVictim, redflags.High},
		{"They were lured to Thailand with promises of office jobs and are now being forced to run scams for 16 hours a day.", redflags.KindVictim, redflags.High},
		{"سعودی عرب میں محنت مزدوری کے لیے گئے 120 پاکستانی جدہ میں پھنس گئے، کمپنی نے مزدوروں کو یرغمال بنا لیا", redflags.KindVictim, redflags.High},
		{"hum Dubai mein naukri ke liye aaye the, yahan phans gaye hain, madad karein", redflags.KindVictim, redflags.High},
	})
}

// TestLossNeedsAJob reads the words of loss that everyday messages say too (I lost, I paid, what
// should I do, phone band, no reply from) as a victim's account only about a job, a visa, an agent
// or money for going abroad; the one paid gone after the writer's money is one in any words.
func TestLossNeedsAJob(t *testing.T) {
	checkKinds(t, []kindCase{
		{"We lost the match by 20 runs yesterday, what can I do to improve my bowling?", redflags.KindOther, redflags.Low},
		{"I lost my phone in the bus, what should I do?", redflags.KindOther, redflags.Low},
		{"Bhai mera phone band ho gaya hai, kal baat karte hain", redflags.KindOther, redflags.Low},
		{"Ammi ne kaha tha kal jaldi aana, kya karun traffic bohat hai", redflags.KindOther, redflags.Low},
		{"Office closed tomorrow due to Eid holiday. Salary will be credited on 28th.", redflags.KindOther, redflags.Low},
		{"Dear customer, your order has been delivered. If no reply from the rider, call 042-111-222-333.", redflags.KindOther, redflags.Low},
		{"میرا موبائل گم ہو گیا، کیا کروں؟", redflags.KindOther, redflags.Low},
		{"I paid my electricity bill of Rs 5,400 through JazzCash but it still shows unpaid. What can I do?", redflags.KindOther, redflags.Low},
		{"I paid 1,200 for the cricket match tickets and the website is not responding", redflags.KindOther, redflags.Low},
		{"maine paise diye the ab phone band hai kya karun", redflags.KindVictim, redflags.Medium},
		{"I paid the agent 2 lakh for a Saudi visa, now his phone is off. What should I do?", redflags.KindVictim, redflags.High},
		{"میں نے ایجنٹ کو دو لاکھ روپے دیے تھے، اب فون بند ہے، کیا کروں؟", redflags.KindVictim, redflags.High},
		{"Humne 3 lakh diye the Dubai ke liye, ab number band hai", redflags.KindVictim, redflags.High},
		{"My brother paid an agency in Rawalpindi for a job in Malaysia and they stopped answering", redflags.KindVictim, redflags.High},
	})
}

// TestSalesAreNotJobs reads the price of goods that are not work (an Umrah or tour package, a
// course, admission, a plot) as a sale, not a fee for a job; the same words beside a job, or with
// a sign only a job offer shows (work on a tour or Umrah visa), stay an offer.
func TestSalesAreNotJobs(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Umrah package 2026: 15 days, Rs 3,25,000 per person, visa + ticket + hotel. Book now with Rs 50,000 advance. 0333-5550123", redflags.KindOther, redflags.Low},
		{"Dubai tour package: 5 days, Rs 1,85,000 with visa, ticket and hotel. Call our office 042-35550123", redflags.KindOther, redflags.Low},
		{"Admissions open! IELTS preparation course, fee Rs 25,000, registration Rs 2,000. Call 0321-5550123", redflags.KindOther, redflags.Low},
		{"Driving school: 15-day course Rs 18,000. Advance booking Rs 5,000 via JazzCash 0300-5550123", redflags.KindOther, redflags.Low},
		{"Plot for sale in DHA Phase 8, 1 kanal, demand 4.5 crore, token money 10 lakh. Call 0300-5550123", redflags.KindOther, redflags.Low},
		{"عمرہ پیکج 2026: 21 دن، فی کس 3 لاکھ 10 ہزار روپے، ویزا، ٹکٹ اور ہوٹل شامل۔ بکنگ کے لیے 0300-5550123", redflags.KindOther, redflags.Low},
		{"Umrah visa pe Saudi jayen, wahan kaam milega, salary 1500 riyal, kharcha 2 lakh. 0300-5550123", redflags.KindAd, redflags.High},
		{"Tour visa for Malaysia, work available after arrival, 1.8 lakh all inclusive. 0312-5550123", redflags.KindAd, redflags.High},
		{"Driving course and driver job in Dubai, fee 1.5 lakh, contact 0300-5550123", redflags.KindAd, redflags.High},
		{"عمرہ ویزا پر سعودی عرب جا کر کام کریں، خرچہ ڈیڑھ لاکھ روپے، رابطہ 0300-5550123", redflags.KindAd, redflags.High},
		{"Online Amazon course: earn $500 daily from home, registration fee Rs 3,000 via JazzCash 0300-5550123", redflags.KindAd, redflags.High},
		{"Meezan Bank: Apply for a car loan at 18% markup. Processing fee Rs 5,000. Call 111-331-331.", redflags.KindOther, redflags.Low},
		{"Foodpanda rider banein! Apni bike ke sath rozana 3000 tak kamayein. Apply karein foodpanda.pk/rider par.", redflags.KindOther, redflags.Low},
		// A job's free housing or hostel is no sale: its fee is still asked.
		{"Qatar: hotel staff, free hostel and food, processing 1.5 lakh, WhatsApp 0300-5550123", redflags.KindAd, redflags.High},
		{"Dubai mein kaam, rehaish free, rent company degi, visa kharcha 2.5 lakh, 0300-5550123", redflags.KindAd, redflags.High},
		// A telco's job alerts are a subscription; a fee for a job beside them is still asked.
		{"Zong Rozgaar: Dubai aur Saudi ki latest jobs alerts payen, Reply SUB @Rs 1.3+t/Day", redflags.KindOther, redflags.Low},
		{"Get daily job alerts for Gulf jobs, reply SUB. Saudi driver visa available, total cost 3 lakh, call 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestWarningsRelayTheScammersNumber reads a forwarded warning that quotes the scammers' wallet
// number ("a gang posing as BEOE is asking for Rs 5,000 on JazzCash 0300-..., do not pay") as a
// warning; the same words in an offer of the writer's own ("we are not like the fake agents who
// are asking for lakhs, our fee is only ...") stay an offer.
func TestWarningsRelayTheScammersNumber(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Forwarded as received: Beware! A gang is calling people pretending to be from BEOE and asking for Rs 5,000 registration fee on JazzCash 0300-5550123. Do not pay. Report to FIA 1799.", redflags.KindOther, redflags.Low},
		{"خبردار! کچھ لوگ خود کو او ای سی کا افسر ظاہر کر کے کوریا کی نوکری کے لیے 20 ہزار روپے ایزی پیسہ نمبر 0345-5550123 پر مانگ رہے ہیں۔ یہ فراڈ ہے، رقم نہ بھیجیں۔", redflags.KindAdvisory, redflags.Low},
		{"We are not like fake agents who are asking for lakhs. Our visa fee is only 1.5 lakh, send to Easypaisa 0345-5550123. Beware of frauds!", redflags.KindAd, redflags.High},
		{"Saudi company is asking for 50 drivers, no fraud, 100% genuine, visa fee 2 lakh JazzCash 0300-5550123", redflags.KindAd, redflags.High},
		{"Do not pay any agent! Apply directly with us, registration fee Rs 5,000 JazzCash 0300-5550123 for Dubai jobs", redflags.KindAd, redflags.High},
		// A fake ad quoted as it circulates, salary and all, with "do not send money".
		{`FAKE AD ALERT: An advertisement is circulating on social media claiming "Jobs in Saudi Arabia, salary 2 lakh, registration fee Rs 5,000 on JazzCash 0300-5550123". The Bureau of Emigration has not issued any such ad. Do not send money.`, redflags.KindAdvisory, redflags.Low},
		{"Saudi jobs, salary 2 lakh, registration fee 5000 JazzCash 0300-5550123. Fake ads are circulating, do not send money to anyone else, only to this number.", redflags.KindAd, redflags.High},
	})
}

// TestAdvisoriesQuoteTheSigns reads warnings that quote the signs they warn of (amounts, wallets,
// visit visas, task scams, the lawful service charge), with a helpline or "contact only licensed
// OEPs" as their way in, as advice; the same signs with a number to pay or call stay an offer.
func TestAdvisoriesQuoteTheSigns(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"FIA warns citizens: fake agents are posting ads on Facebook offering Europe jobs for Rs 15 lakh. Do not send money to any JazzCash account. Report to 111-345-786.",
		"بیورو آف امیگریشن کا انتباہ: سوشل میڈیا پر سعودی عرب میں ملازمت کے جعلی اشتہارات دیے جا رہے ہیں جن میں رجسٹریشن فیس ایزی پیسہ پر مانگی جاتی ہے۔ ایسے اشتہارات پر یقین نہ کریں۔",
		"Guaranteed visa promises: no legitimate agent can promise an approval. Upfront payment demands through wallets or personal accounts. Only WhatsApp contact and no office address. Pressure tactics like \"limited slots\".",
		"Advisory: Pakistanis are being sent to Russia under the pretext of working as helpers and are made to fight. Do not accept such offers.",
		"Beware: agents sell visas. Many who bought the visa found no job. Verify with the Protector.",
		"Visit visa par kaam ke liye mat jayen. Agent ke 'pakka visa' ke waday par yaqeen na karein. Tasdeeq ke liye Protector office se rabta karein.",
		"کمبوڈیا اور میانمار میں نوکری کی پیشکش کرنے والے پاکستانیوں کو یرغمال بنا کر آن لائن فراڈ کرواتے ہیں۔ ایسی پیشکش قبول نہ کریں۔",
		"Important notice: Our company never asks for any fee via WhatsApp. If someone asks you to pay Rs 50,000 for a visa in our name, it is fraud.",
		"Embassy of Pakistan Doha: Pakistanis should not travel to Qatar on visit visa for work. Agents charging 5 to 8 lakh for such visas are cheating people.",
		"ہوشیار! کوئی بھی ایجنٹ اگر آپ سے کہے کہ وزٹ ویزا پر جا کر نوکری مل جائے گی تو وہ جھوٹ بول رہا ہے۔ وزٹ ویزا پر کام کرنا غیر قانونی ہے۔",
		"Khabardar! Agar koi agent kahe ke 2 lakh do visa pakka, to samjho fraud hai. Sirf licensed OEP se rabta karein aur fees bank mein jama karwayen.",
		"Red flags of job scams: 1) You are asked to pay a registration fee. 2) Payment to a personal JazzCash number. 3) Interview on WhatsApp only. 4) Salary too good to be true. Always verify the licence on beoe.gov.pk.",
		"NCCIA alert: task scams on Telegram promise Rs 5,000 a day for liking YouTube videos, then ask for deposits. Never deposit money to earn money. Call 1799.",
		"وزارت سمندر پار پاکستانیز نے واضح کیا ہے کہ جاپان میں ملازمتوں کے لیے کوئی فیس نہیں لی جاتی۔ 10 لاکھ روپے مانگنے والے ایجنٹ فراڈ ہیں۔",
		"Protector of Emigrants Lahore: emigrants should pay only the OEP service charges (max Rs 30,000 plus tax) through bank. Do not pay cash. Do not hand over your passport before the visa is stamped.",
		"Alert from UAE Embassy: Beware of fake job offers asking candidates to pay visa processing fees to personal accounts. UAE employers bear visa costs by law.",
		"خبردار: دبئی میں نوکری کے نام پر 3 لاکھ روپے ہتھیانے والا گروہ سرگرم ہے، کسی کو پیسے نہ دیں، صرف او ای سی یا لائسنس یافتہ او ای پی کے ذریعے جائیں۔",
	} {
		if v := analyze(t, a, nil, text); v.Kind != redflags.KindAdvisory || v.Risk != redflags.Low {
			t.Errorf("%q: %s %s %v, want advisory low", text, v.Kind, v.Risk, v.Flags)
		}
	}
	for _, text := range []string{
		"Khabardar fake agents se! Hamara visa pakka hai, 2 lakh advance JazzCash 0301-5550123 par bhejein",
		"NCCIA alert se bachein: hamare sath ghar baithe YouTube videos like karein aur rozana 5000 kamayein, joining fee 1000, WhatsApp 0300-5550123",
	} {
		if v := analyze(t, a, nil, text); v.Kind != redflags.KindAd || v.Risk != redflags.High {
			t.Errorf("%q: %s %s %v, want ad high", text, v.Kind, v.Risk, v.Flags)
		}
	}
}

func TestNotAJobAd(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{
		"Assalam o alaikum bhai, kal cricket khelne chalein?",
		"السلام علیکم، کیا حال ہے؟ کل شام کھانے پر آئیں۔",
		"Happy birthday! See you at dinner.",
		"👍",
		"",
	} {
		v := analyze(t, a, reg, text)
		if v.JobAd || len(v.Flags) != 0 || v.Risk != redflags.Low {
			t.Errorf("%q: job_ad=%v risk=%s flags=%v, want not an ad", text, v.JobAd, v.Risk, v.Flags)
		}
	}
}

// TestLicenceVerdicts: low only for an Active licence with no sign; an expired-but-Active row
// is reported as expired.
func TestLicenceVerdicts(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	v := analyze(t, a, reg, "Crescent Manpower Services, OEPL No. 9848/lhr. Drivers for Saudi Arabia, salary SAR 1800. Interview at our office, Office 4, Mall Road, Lahore. Permission No. PE/LHR/2026/1187.")
	if v.Risk != redflags.Low || len(v.Licences) != 1 || v.Licences[0].Number != "9848/LHR" || v.Licences[0].Status != licences.Active {
		t.Fatalf("lawful ad: %+v", v)
	}
	expired := expiredButActive(t)
	v = analyze(t, a, reg, "Jobs in Oman, OEPL No. "+expired.Number+", "+expired.Title+". Interview on Monday.")
	if len(v.Licences) != 1 || v.Licences[0].Status != licences.Expired || !slices.Contains(codes(v), redflags.LicenceNotValid) {
		t.Fatalf("lapsed licence: %+v", v)
	}
	v = analyze(t, a, reg, "Drivers for Saudi Arabia, salary SAR 1800, interview on Monday.")
	if v.Risk != redflags.Medium {
		t.Errorf("unverified ad: risk %s, want medium", v.Risk)
	}
}

func expiredButActive(tb testing.TB) licences.Record {
	tb.Helper()
	snap, err := licences.ParseCSV(bytes.NewReader(deploy.SampleRegister), "sample")
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range snap.Records {
		if r.Status == licences.Active && r.EffectiveStatus(today) == licences.Expired {
			return r
		}
	}
	tb.Fatal("sample register has no Active licence past its expiry date")
	return licences.Record{}
}

// TestNormalize covers the folding the rules rely on.
func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"ويزا فيس":                "ویزا فیس",                 // Arabic yeh to Urdu yeh
		"كام":                     "کام",                      // Arabic kaf to keheh
		"تنخواه":                  "تنخواہ",                   // Arabic heh to heh goal
		"ویـــزا":                 "ویزا",                     // tatweel
		"وِیزا":                   "ویزا",                     // diacritics
		"۱۵۰۰۰ ٢٠٠٠":              "15000 2000",               // Urdu and Arabic-Indic digits
		"ویزا\u200cفیس":           "ویزافیس",                  // zero-width non-joiner
		"Pehly PAISAY bhejen":     "pehle paisa bhejein",      // Roman-Urdu variants
		"baghér interview":        "bina interview",           // accents and variants
		"2 lac  ya  50 hazaar":    "2 lakh ya 50 hazar",       // spaces and amounts
		"Registration Fee":        "registration fees",        // case and fee/fees
		"آزاد ویزا":               "ازاد ویزا",                // alef madda
		"فروخت کردیا، ہوگئے":      "فروخت کر دیا, ہو گئے",     // a light verb joined to its word
		"کروڑ کرنسی ہوٹل ہوشیار":  "کروڑ کرنسی ہوٹل ہوشیار",   // words that only start like one
		"روانہ۔ہوگئے":             "روانہ۔ہو گئے",             // a word starts after a full stop
		"theek hy? mang rha hy":   "theek hai? mang raha hai", // SMS short forms
		"select ho gya, kya kron": "select ho gaya, kya karun",
		"wapis nhi, fon band":     "wapas nahi, phone band",
		// Urdu as people with little schooling spell it; "اکاؤنٹ لاک" stays a lock.
		"ایجنٹ کو پاسپوٹ دیا": "ایجنٹ کو پاسپورٹ دیا",
		"کوئ جواب نہیں":       "کوئی جواب نہیں",
		"جاز کیش پر بیجے تھے": "جاز کیش پر بھیجے تھے",
		"ساڑھے سات لاک دیا":   "ساڑھے سات لاکھ دیا",
		"25 لاک":              "25 لاکھ",
		"اکاؤنٹ لاک ہو گیا":   "اکاؤنٹ لاک ہو گیا",
		// A poster read by OCR letter by letter closes up; typed Urdu's odd double space does not.
		"تنخو ا ہ   ۲۲۰۰   ریا ل\nو یز ہ   پکا   ہے\nرا بطہ   0 3 0 1": "تنخواہ 2200 ریال\nویزہ پکا ہے\nرابطہ 0301",
		"ویزا  پکا ہے، فیس جمع کروائیں":                                "ویزا پکا ہے, فیس جمع کروائیں",
	}
	for in, want := range tests {
		if got := redflags.Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLanguage tells the languages apart.
func TestLanguage(t *testing.T) {
	a := mustAnalyzer(t)
	tests := map[string]redflags.Language{
		"Drivers required for Saudi Arabia, salary SAR 1800.":                   redflags.English,
		"سعودی عرب کے لیے ڈرائیور درکار ہیں، تنخواہ ۱۸۰۰ ریال۔":                 redflags.Urdu,
		"Saudi mein driver ki zaroorat hai, tankhwah 1800 riyal, jaldi karein.": redflags.RomanUrdu,
		"Saudi Arabia jobs: ڈرائیور کی ضرورت ہے، salary 1800 SAR, apply now":    redflags.Mixed,
	}
	for text, want := range tests {
		v := analyze(t, a, nil, text)
		if v.Language != want {
			t.Errorf("%q: %s, want %s", text, v.Language, want)
		}
	}
}

// TestPayment finds the amount and channel asked for, which referrals carry.
func TestPayment(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "Saudi visa ready. Registration fees 1.5 lakh, send on JazzCash 0300-1234567.")
	if v.Payment == nil || v.Payment.AmountPKR != 150000 || v.Payment.Channel != "jazzcash" {
		t.Fatalf("payment: %+v", v.Payment)
	}
	v = analyze(t, a, nil, "Store manager in London, salary £35,000 – £45,000 per annum, visa sponsorship available.")
	if slices.Contains(codes(v), redflags.UnrealisticPay) {
		t.Errorf("an annual salary read as monthly: %v", v.Flags)
	}
	v = analyze(t, a, nil, "Service charges Rs 45,000 for Saudi visa, driver jobs.")
	if !slices.Contains(codes(v), redflags.UpfrontFee) {
		t.Errorf("service charge above the Rs 15,000 cap: %v", v.Flags)
	}
	v = analyze(t, a, nil, "Service charges Rs 15,000 by bank against receipt, driver jobs in Saudi Arabia.")
	if slices.Contains(codes(v), redflags.UpfrontFee) {
		t.Errorf("lawful service charge raised UPFRONT_FEE: %v", v.Flags)
	}
}

// TestFreeEmail: a free-mail address counts only when it poses as a hiring office.
func TestFreeEmail(t *testing.T) {
	a := mustAnalyzer(t)
	for text, want := range map[string]bool{
		"Jobs in Kuwait, send CV to hr.gulfjobs@gmail.com":             true,
		"Jobs in Kuwait, send CV to BEOE.Registration@Yahoo.com today": true,
		"Jobs in Kuwait, send CV to jobs@crescent-manpower.com.pk":     false,
		"Jobs in Kuwait, contact ahmed.khan@gmail.com":                 false,
		"Jobs in Kuwait. Beware of fake hr.jobs@gmail.com addresses.":  false,
		"Jobs in Kuwait, send CV to hr@gmail":                          false,
		// A remote role that takes applications at a person's Gmail address; a shop's local job
		// at its Gmail address is not remote.
		"Project Manager, remote, part-time, $30-$40 an hour. Email: nickygatesk3@gmail.com":   true,
		"Salesman required for our shop in Gulberg, Lahore. Send CV to alfalahstore@gmail.com": false,
	} {
		v := analyze(t, a, nil, text)
		if got := slices.Contains(codes(v), redflags.FreeEmail); got != want {
			t.Errorf("%q: FREE_EMAIL %v, want %v (%v)", text, got, want, v.Flags)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{"50000": 50000, "50,000": 50000, "Rs 25,000": 25000, "50 hazar": 50000, "1.5 lakh": 150000, "۵۰ ہزار": 50000, "2 lac": 200000,
		"ایک لاکھ": 100000, "ساڑھے چار لاکھ": 450000, "ڈھائی لاکھ روپے": 250000, "do lakh": 200000, "sawa 2 lakh": 225000,
		"2200 قطری ریال": 2200 * 77,
		// A quarter more or less than one lakh, the papers' millions, a dollar with its country.
		"sawa lakh": 125000, "سوا لاکھ": 125000, "پونے لاکھ روپے": 75000, "Rs1.5m": 1500000, "Rs 2.5mn": 2500000,
		"US$500": 500 * 280, "CAD$1,000": 1000 * 205} {
		if got, ok := redflags.ParseAmount(in); !ok || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "no idea", "کچھ نہیں"} {
		if _, ok := redflags.ParseAmount(in); ok {
			t.Errorf("ParseAmount(%q) found an amount", in)
		}
	}
}

// TestAgencyNamedInAQuestion: an agency's name inside a question about its licence, in English,
// Roman Urdu or Urdu, gets the register's answer; a question with no name gets the how-to.
func TestAgencyNamedInAQuestion(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{
		"Crescent Manpower ka licence theek hai?",
		"Is the licence of Crescent Manpower valid?",
		"کیا کریسنٹ مین پاور کا لائسنس ٹھیک ہے؟",
	} {
		v := analyze(t, a, reg, text)
		if v.Kind != redflags.KindLicenceQuery || len(v.Licences) == 0 || v.Licences[0].Number != "9848/LHR" {
			t.Errorf("%q: %s %+v, want the register's answer for 9848/LHR", text, v.Kind, v.Licences)
		}
	}
	// Asked whether they are right, then what they ask: the register's answer, then the fee rule.
	if v := analyze(t, a, reg, "Al Noor Overseas wale theek hain? Saudi ka visa de rahe hain 3 lakh ka"); v.Kind != redflags.KindLicenceQuery ||
		len(v.Licences) == 0 || v.Licences[0].Number != "9122/KAR" || v.Topic != redflags.TopicFees {
		t.Errorf("an agency asked about, then its demand: %s %+v topic %q", v.Kind, v.Licences, v.Topic)
	}
	if v := analyze(t, a, reg, "is this licence real?"); v.Kind != redflags.KindQuestion || v.Topic != redflags.TopicCheck {
		t.Errorf("a question naming no agency: %s %s", v.Kind, v.Topic)
	}
	// How to check any agency is a question about the process: its words name no agency.
	for _, text := range []string{
		"How can I check if an overseas employment agency is licensed?",
		"kaise pata karun ke overseas agency registered hai ya nahi?",
		"Konsi overseas employment agency sahi hai Saudi ke liye?",
		"کیسے پتہ کروں کہ اوورسیز ایمپلائمنٹ پروموٹر رجسٹرڈ ہے؟",
		"Which is the best overseas employment agency in Lahore?",
		"Lahore mein koi achi agency batayen Saudi ke liye",
	} {
		if v := analyze(t, a, reg, text); v.Kind != redflags.KindQuestion || v.Risk != redflags.Low {
			t.Errorf("%q (how to check an agency): %s %s %+v", text, v.Kind, v.Risk, v.Licences)
		}
	}
	// One named in the same words and not on the register is the register's answer.
	if v := analyze(t, a, reg, "How do I know if Falcon Overseas Employment Promoters is registered?"); v.Kind != redflags.KindLicenceQuery || v.Risk != redflags.High {
		t.Errorf("an unlisted agency asked about: %s %s %+v", v.Kind, v.Risk, v.Licences)
	}
}

// TestQuestionTopics: a question about the process is answered from the bot's facts, so its
// topic must be read in the three languages: what an agent may charge (and whether in cash), how
// to check, where to complain, the Protector's office, work on a visit visa.
func TestQuestionTopics(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, tt := range []struct {
		text string
		want redflags.Topic
	}{
		{"OEP kitni fees le sakta hai?", redflags.TopicFees},
		{"ایجنٹ زیادہ سے زیادہ کتنی فیس لے سکتا ہے؟", redflags.TopicFees},
		{"Kya OEP cash mein paise le sakta hai?", redflags.TopicFees},
		{"کیا ایجنٹ نقد پیسے لے سکتا ہے؟", redflags.TopicFees},
		// What going costs, asked in the words people use: "kharcha", "خرچہ", "expenses".
		{"Dubai mein job ka visa kaise milta hai? Kitna kharcha hota hai?", redflags.TopicFees},
		{"سعودی عرب کے ورک ویزے پر کتنا خرچہ آتا ہے؟", redflags.TopicFees},
		{"What are the total expenses for going to Qatar on a work visa?", redflags.TopicFees},
		{"How do I know if a job ad is real?", redflags.TopicCheck},
		{"How can I be assured that I am contacting the right person for a foreign job?", redflags.TopicCheck},
		{"Kya ye agency bharosemand hai?", redflags.TopicCheck},
		{"Agent ki shikayat kahan karein?", redflags.TopicComplain},
		{"ایجنٹ کی شکایت کہاں کروں؟", redflags.TopicComplain},
		{"Protector of emigrants ka daftar Karachi mein kahan hai?", redflags.TopicProtector},
		{"Kya visit visa pe Dubai ja kar job dhoond sakte hain?", redflags.TopicVisitVisa},
		// A worker's papers abroad: for the embassy's welfare attaché, not "no job ad".
		{"My iqama has expired and my kafeel is not renewing it. Can I change my sponsor?", redflags.TopicAbroad},
		{"کارکن کی فائل سیز ہے اس صورت میں کفالت تبدیل کی جا سکتی ہے؟", redflags.TopicAbroad},
		{"Final exit lag gaya hai lekin iqama expire ho gaya, kya main safar kar sakta hoon?", redflags.TopicAbroad},
		// A worker's dispute with their own employer abroad: the visa's cost charged, the
		// passport held. (An agent who took the money is a victim's account: TestKinds.)
		{"I work in Abu Dhabi. My boss is forcing me to pay the company the cost of the employment visa. What can I do?", redflags.TopicAbroad},
		// "What should I do?" before paying asks whether to pay; after a loss it is a victim's.
		{"Bhai ye agent theek hy? 3 lakh mang rha hy Saudi k visa ka, 1 lakh pehle. Kya kron?", redflags.TopicFees},
		{"My employer has taken my passport and is refusing to give it back to me. What should I do?", redflags.TopicAbroad},
		{"میرا کفیل پاسپورٹ واپس نہیں کر رہا اور تنخواہ سے ویزے کے پیسے کاٹ رہا ہے، میں کیا کروں؟", redflags.TopicAbroad},
		// The steps before leaving: the medical, the certificates, the programmes, the wait.
		{"If I am found unfit at the GAMCA medical, can I take it again?", redflags.TopicPrepare},
		{"Qatar ka visa medical ke baad kitne din mein aata hai?", redflags.TopicPrepare},
		{"پولیس کریکٹر سرٹیفکیٹ باہر جانے کے لیے ضروری ہے؟ کہاں سے بنتا ہے؟", redflags.TopicPrepare},
		{"کوریا کی نوکری والا پروگرام او ای سی کے ذریعے ہوتا ہے نا؟ ٹیسٹ کب ہوتا ہے؟", redflags.TopicPrepare},
	} {
		if v := analyze(t, a, reg, tt.text); v.Kind != redflags.KindQuestion || v.Topic != tt.want {
			t.Errorf("%q: %s %q, want a question about %q", tt.text, v.Kind, v.Topic, tt.want)
		}
	}
}

// TestWindfallClaims: a message that is no job offer but promises the reader a prize, a BISP or
// Ehsaas payment or a held parcel, and asks for a fee, details or a call to a mobile number or a
// link first, keeps the kind "other" and its low risk, with the topic that makes the bot say what
// such messages are; receipts, a courier's own note, a reward for a lost animal, an appeal for
// a child's operation, a telco's promotion and a job ad do not get it.
func TestWindfallClaims(t *testing.T) {
	a := mustAnalyzer(t)
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Congratulations! Your number has won Rs 25,00,000 in the Jeeto Pakistan lucky draw. To claim, call 0300-5550123 and pay Rs 3,000 tax.", true},
		{"Mubarak ho! Aap ki BISP 8171 ki Rs 25,000 ki raqam aa gayi hai. Wasool karne ke liye 0347-5550654 par rabta karein aur apna CNIC number bhejein.", true},
		{"مبارک ہو! آپ کی بینظیر انکم سپورٹ پروگرام کی 25000 روپے کی رقم منظور ہو گئی ہے۔ وصولی کے لیے اس نمبر پر رابطہ کریں 0340-5550123", true},
		{"Apko Zam Zam Ki Tarf Sy Gift Mubarik Ho. Gift Receive Kren Whatsapp 0347-5550046 Contact Kren", true},
		{"Pakistan Post: Your package is held at our warehouse due to a pending customs duty of Rs 425. Pay within 24 hours: http://pakpost-delivery.example/pay", true},
		{"آپ کے JazzCash اکاؤنٹ میں 5000 روپے موصول ہوئے۔ ٹرانزیکشن آئی ڈی 123456789۔", false},
		{"Leopards Courier: Aap ka parcel (CN LE7541208833) kal 10 se 6 baje ke darmiyan deliver kiya jaye ga. Rider aap se rabta karega. Shukriya", false},
		{"Hamara bakra kho gaya hai, rang kala. jis ko mile 0301-5551234 pe rabta karein inaam diya jayega", false},
		{"Jazz: Mubarak ho! Aap ne 2GB free internet jeeta hai. Dial *117# to check.", false},
		{"اپیل برائے امداد: ایک بچے کے دل کے آپریشن کے لیے مدد کریں۔ ایزی پیسہ 0300-5550123", false},
		{"Saudi Arabia mein driver ki job, salary 2500 riyal, lucky draw se selection, visa fee 1.5 lakh. Rabta 0301-5550123", false},
	} {
		v := analyze(t, a, nil, tt.text)
		if got := v.Topic == redflags.TopicWindfall; got != tt.want {
			t.Errorf("%q: kind %s topic %q, want the windfall topic %v", tt.text, v.Kind, v.Topic, tt.want)
		}
		if tt.want && (v.Kind != redflags.KindOther || v.Risk != redflags.Low || len(v.Flags) > 0) {
			t.Errorf("%q: kind %s risk %s flags %v, want other, low, no flags", tt.text, v.Kind, v.Risk, v.Flags)
		}
	}
}

// TestOtherLanguage: a job ad in a language the rules do not read is named by its language, told
// by the letters and small words only it uses; Urdu, Roman Urdu and English are read.
func TestOtherLanguage(t *testing.T) {
	a := mustAnalyzer(t)
	for _, tt := range []struct{ text, lang string }{
		{"مطلوب سائقين للعمل في الرياض، الراتب 2500 ريال، للتواصل واتساب 0501234567", "ar"},
		{"په سعودي عرب کې د موټر چلوونکو لپاره کار، معاش 2500 ریال، ویزه فیس 3 لکه روپۍ، اړیکه 0300-5550123", "ps"},
		{"سعودي عرب ۾ ڊرائيورن جي ضرورت، پگهار 2500 ريال، ويزا في 3 لک، رابطو 0300-5550123", "sd"},
		{"ਕੈਨੇਡਾ ਵਿੱਚ ਨੌਕਰੀ, ਵੀਜ਼ਾ ਫੀਸ 5 ਲੱਖ", "pa"},
		// Malayalam, Amharic and Greek: Kerala's nurses, Ethiopia's housemaids, Greece's farms.
		{"ദുബായിൽ നഴ്സുമാർക്ക് ജോലി, ശമ്പളം 5000 ദിർഹം, വിസ ഫീസ് 2 ലക്ഷം", "ml"},
		{"በሳውዲ አረቢያ የቤት ሰራተኛ ስራ፣ ደሞዝ 1000 ሪያል፣ ስልክ 0911234567", "am"},
		{"Ζητούνται εργάτες για χωράφια στη Μανωλάδα, μισθός 40 ευρώ την ημέρα", "el"},
		{"سعودی عرب لئی ڈرائیور چاہیدے نیں، تنخواہ 1800 ریال، رابطہ کرو 0300-5550123", "pa"},
		{"سعودی عرب میں ڈرائیوروں کی ضرورت ہے، تنخواہ 2500 ریال، رابطہ 0300-5550123", ""},
		{"Saudi mein driver ki zaroorat hai, tankhwah 2500 riyal", ""},
		// Latin letters: Tagalog, German, Malay; an English ad that quotes French stays English.
		{"Mag-ingat sa mga alok na trabaho sa Japan. Ang POEA ay nagbabala na hindi ito totoo. 0300-5551234", "tl"},
		{"Wir suchen Pflegekräfte für Deutschland. Die Arbeit ist in Berlin und das Gehalt ist gut. Kontakt: 0300-5551234", "de"},
		{"Kami mencari pekerja untuk kilang di Malaysia. Gaji RM1500 dan tempat tinggal ada. Hubungi 0300-5551234", "id"},
		{"Chef required for a French restaurant in Dubai, 'cuisine de la maison et des saisons', salary 4000 AED. Apply with your CV.", ""},
	} {
		v := analyze(t, a, nil, tt.text)
		if v.OtherLanguage != tt.lang || (tt.lang != "") != (v.Kind == redflags.KindOtherLanguage) {
			t.Errorf("%q: kind %s, language %q, want %q", tt.text, v.Kind, v.OtherLanguage, tt.lang)
		}
	}
}

// TestWarningsDoNotUnmakeAnOffer: an offer that asks for money and gives a number to send it to
// stays a high-risk offer whatever reassurance or warning it is dressed in (the issue's
// precedence): "no fraud" after it, a leading "⚠", or a whole advisory sentence before it.
func TestWarningsDoNotUnmakeAnOffer(t *testing.T) {
	a := mustAnalyzer(t)
	offer := "Saudi visa pakka, pehle 30 hazar registration fee JazzCash 0300-5550123 pe bhejen"
	for _, text := range []string{
		offer,
		offer + ", no fraud",
		"⚠ " + offer,
		offer + ", not a scam",
		offer + ", dhoka nahi",
		offer + "، کوئی فراڈ نہیں",
		"Citizens are requested to apply only through us. Saudi visa 100% guaranteed, fee 2 lakh, WhatsApp 0300-5550123",
		"خبردار! جعلی ایجنٹوں سے بچیں۔ ہمارے پاس سعودی ویزا پکا ہے، 40 ہزار ایڈوانس جاز کیش 0300-5550123 پر بھیجیں",
		"Beware of fake agents! Verify the licence yourself. Visa pakka, 50 hazar advance JazzCash 0300-5550123 pe bhejen",
	} {
		if v := analyze(t, a, nil, text); v.Kind != redflags.KindAd || v.Risk != redflags.High {
			t.Errorf("%q: %s %s %v, want an ad rated high", text, v.Kind, v.Risk, v.Flags)
		}
	}
}

// TestScamShapesWorldwide: the job scams that reach Pakistanis from everywhere (FTC, FBI IC3,
// Europol, Nigeria's and Kenya's warnings) have shapes beyond the Gulf visa ad: a government's name
// on a borrowed site, a selection that asks for the medical or the form, pay by the week or the
// day for work from the phone, a chat-app interview, the mystery shopper, the money mule and the
// deposit that earns. Each is tested with what ordinary messages say in the same words.
func TestScamShapesWorldwide(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Canada Government Job Recruitment 2026 is open. Apply online now, age 18-45, basic English. Register here: canada-jobs-gov.online", redflags.KindAd, redflags.High},
		{"Ministry of Health recruitment 2026 ongoing. Apply now via the link below. Application form N2,000. https://moh-recruit.com.ng", redflags.KindAd, redflags.High},
		{"Dear applicant, you have successfully passed the aptitude test. Pay N5,000 for your medical screening at our accredited clinic before resumption.", redflags.KindAd, redflags.High},
		{"Dear candidate, your interview is scheduled for Monday. Please pay Rs 1,500 for the test form on Easypaisa 0345-6789012 before Saturday.", redflags.KindAd, redflags.High},
		{"Hiring now: work from home, no experience, weekly pay $1,500. Apply at https://jobs-remote-hiring.site/apply", redflags.KindAd, redflags.High},
		{"Hello, I am Jessica from TalentHub. We are hiring remote part-time staff, 1 hour daily, earn 200 to 500 USD per day. Reply YES to get details.", redflags.KindAd, redflags.High},
		{"Hi dear, are you interested in a part time job? You can work at home with your phone, earn 1000-3000 daily. Contact my manager on WhatsApp: wa.me/447712345678", redflags.KindAd, redflags.High},
		{"Here's an opportunity to earn Rs 5,000 daily by working from home.", redflags.KindAd, redflags.High},
		{"Your application for the online assistant position has been approved. Complete your onboarding here: bit.ly/3xYz12", redflags.KindAd, redflags.High},
		{"You are invited to join our team as a remote Data Entry Clerk. Starting pay $35/hr. Interview via Google Chat. Equipment will be provided through our approved vendor.", redflags.KindAd, redflags.High},
		{"Secret shopper wanted. Evaluate stores in your area and earn $300 per assignment. Reply with your name and address.", redflags.KindAd, redflags.High},
		{"Join our online team! Like and follow Instagram pages and get paid Rs 150 per follow. Daily payout on JazzCash.", redflags.KindAd, redflags.High},
		{"Payment processing agent needed. Receive client payments into your bank account and transfer them to our company, keep 10% commission.", redflags.KindAd, redflags.High},
		{"Crypto trading assistant needed. Invest $100 and earn $1000 weekly. Full training given, join our Telegram group.", redflags.KindAd, redflags.High},
		{"اپنے بینک اکاؤنٹ میں کمپنی کی رقم وصول کریں اور آگے بھیجیں، 10 فیصد کمیشن آپ کا", redflags.KindAd, redflags.High},
		{"Apne bank account mein clients ki payment receive karein aur company ko transfer karein, 10% commission", redflags.KindAd, redflags.High},
		{"100 ڈالر انویسٹ کریں اور ہفتے میں 1000 ڈالر کمائیں، ٹیلیگرام گروپ جوائن کریں", redflags.KindAd, redflags.High},
		{"آپ نے ٹیسٹ پاس کر لیا ہے، میڈیکل کے لیے 5000 روپے ایزی پیسہ 0345-6789012 پر بھیجیں", redflags.KindAd, redflags.High},
		{"آن لائن جاب، روزانہ 2 گھنٹے کام، ماہانہ 80 ہزار تک کمائیں، جوائننگ فیس 2500 روپے", redflags.KindAd, redflags.High},
		{"Online job, rozana 2 ghante kaam, mahana 80 hazar tak kamayein, joining fee 2500 rupay", redflags.KindAd, redflags.High},
		{"Qatar world cup project, helper chahiye, salary 1400 QR, khana rehaish free, bas 35 hazar registration", redflags.KindAd, redflags.High},
		{"Online typing ka kaam, ghar baithe 30 se 40 hazar mahana kamayein, sirf 1 ghanta rozana, fee sirf 999", redflags.KindAd, redflags.High},
		{"URGENT RECRUITMENT!!! A reputable oil and gas company is recruiting drivers, cleaners, secretaries. Interested applicants should come with N3,000 for the application form.", redflags.KindAd, redflags.High},
		{"Looking for agents to receive payments for our company in Pakistan. You keep 10% of every payment. No investment needed. Contact on WhatsApp.", redflags.KindAd, redflags.High},
		{"Earn $500 weekly as a personal assistant. Duties: run errands, receive parcels and forward them. Apply by replying with your full name and address.", redflags.KindAd, redflags.High},
		{"Indian Railways recruitment 2026: 5000 posts, no exam, direct selection. Apply at railway-bharti.in with a fee of Rs 750.", redflags.KindAd, redflags.High},
		{"Amazing news!, your application has been accepted. Finish the process: http://klkln.cc/vnbcbtd", redflags.KindAd, redflags.High},
		{"Complete Task Make Money Only USA People. Complete Task sent screen shot and crypto wallet I sent Your wallet 1 Dollar one task one dollar", redflags.KindAd, redflags.High},
		{"I’m making over $7k a month working part time. I kept hearing other people tell me how much money they can make online. This is where i started: http://example-earn.xyz", redflags.KindAd, redflags.High},
		{"Ghar baithe Amazon ke products review karein aur har review ke 200 rupay kamayein", redflags.KindAd, redflags.High},
		{"گھر بیٹھے ایمازون کی پراڈکٹس کا ریویو کریں اور ہر ریویو کے 200 روپے کمائیں", redflags.KindAd, redflags.High},
		{"Typing job available, 1 page type karne ke 500 rupay, registration 1000 rupay easypaisa", redflags.KindAd, redflags.High},
		{"Hum aap ko Telegram group mein add karenge, wahan tasks milenge, har task ka commission milega", redflags.KindAd, redflags.High},
		{"Facebook page like karne ke 50 rupay, 100 likes pe 5000, jaldi join karein", redflags.KindAd, redflags.High},
		{"Job: App tester. Download apps, rate them 5 stars, and earn $10 per app. Payment daily via crypto.", redflags.KindAd, redflags.High},
		{"Need 20 people for online work. Earn 800-1500 daily. No investment. Only 1 hour. Msg me.", redflags.KindAd, redflags.High},
		// The same words in ordinary messages.
		{"Part time job at our bakery, earn Rs 1200 per day, 6 hours.", redflags.KindAd, redflags.Medium},
		{"Earn Rs 500 per survey completed for Gallup Pakistan research, field enumerators needed in Lahore.", redflags.KindOther, redflags.Low},
		{"ہر پوسٹ کے نیچے اپنی رائے لکھیں", redflags.KindOther, redflags.Low},
		{"IELTS classes, registration 1000 rupay easypaisa kar dein, 0300-5550123", redflags.KindOther, redflags.Low},
		{"Bill 1500 rupay easypaisa se ada karein", redflags.KindOther, redflags.Low},
		{"Har order pe 150 rupay delivery charges, call 0300-5550123", redflags.KindOther, redflags.Low},
		{"Qualification: Masters / Bachelors (As per post). Experience Required: 3 - 7 Years", redflags.KindOther, redflags.Low},
		{"I am making Rs 60,000 a month as a nurse, working night shifts at Services Hospital.", redflags.KindOther, redflags.Low},
		{"The UAE grants a job seeker visa, a visit visa to search for a job without a sponsor, valid for 60, 90 or 120 days. Apply through the ICP website.", redflags.KindOther, redflags.Low},
		{"Dear student, your application for admission has been approved. Pay the fee of Rs 25,000 for your semester by 10 January.", redflags.KindOther, redflags.Low},
		{"Congratulations! You have passed the first round of the Jeeto Pakistan quiz. Call 0800-12345 to claim your prize.", redflags.KindOther, redflags.Low},
		{"Pakistan Railways recruitment 2026: apply online at railways.gov.pk, test through NTS.", redflags.KindAd, redflags.Medium},
		{"Part time teacher required for evening tuition academy, Rs 800 per day, contact 0300-1112223", redflags.KindAd, redflags.Medium},
		{"Hostel fee Rs 5,000 per month, mess charges extra. Admissions open, call 0300-1112223", redflags.KindOther, redflags.Low},
		{"Army recruitment 2026, register online at joinpakarmy.gov.pk. Registration closes 15 January.", redflags.KindOther, redflags.Low},
		{"Federal government jobs announced in Daily Jang today, details at www.pakgovtjobs.com", redflags.KindOther, redflags.Low},
		{"Canada government announces new Express Entry draw, 3,000 invitations issued. Details on canada.ca", redflags.KindOther, redflags.Low},
		{"Our YouTube channel pays creators per view after 1,000 subscribers. Learn how monetisation works.", redflags.KindOther, redflags.Low},
		{"Deposit Rs 5,000 and get Rs 500 bonus in your JazzCash wallet this weekend.", redflags.KindOther, redflags.Low},
		{"Invest Rs 100,000 in Meezan Mutual Fund and earn competitive returns. Visit www.almeezangroup.com", redflags.KindOther, redflags.Low},
		{"You have successfully passed the test for the driving licence. Collect your licence from the office on Monday.", redflags.KindOther, redflags.Low},
		{"Dear customer, please pay Rs 1,500 for your postpaid bill by 25 Dec via JazzCash app or any Jazz franchise.", redflags.KindOther, redflags.Low},
		{"Interview via Zoom on Monday 10 am for the accountant post. Bring original documents.", redflags.KindOther, redflags.Low},
		{"آپ کے اکاؤنٹ میں 5000 روپے موصول ہوئے ہیں", redflags.KindOther, redflags.Low},
		// A relative's request to a wallet names no job, visa or earning; a regulator's action
		// against promoters quotes their offences.
		{"Salam, Ali ki shaadi ke liye 5000 jama karwa dein JazzCash 0300-1234567 pe", redflags.KindOther, redflags.Low},
		{"Daraz sale! Up to 70% off, pay via Easypaisa and get extra 10% cashback. Shop now at daraz.pk", redflags.KindOther, redflags.Low},
		{"علی کی شادی کے لیے 5000 روپے جاز کیش 0300-1234567 پر بھیج دیں", redflags.KindOther, redflags.Low},
		{"The Bureau of Emigration has cancelled the licences of 14 overseas employment promoters for charging workers more than the legal service charge of Rs 15,000 and for sending workers on visit visas.", redflags.KindOther, redflags.Low},
	})
}

// TestVictimsInTheirWords: the account of someone who paid, told by them or their family, in the
// words of the task scam's second stage ("they want more to withdraw my commission"), of a
// relative stuck abroad, or of a chat group that removed them, is a victim's, high; the same
// words about traffic, flights and a lost chat group are not.
func TestVictimsInTheirWords(t *testing.T) {
	checkKinds(t, []kindCase{
		{"My brother went to Dubai on a visit visa through an agent who promised a job. Now he is stuck there without money and the agent is not answering.", redflags.KindVictim, redflags.High},
		{"I did the tasks on the app and they asked me to deposit Rs 20,000 to withdraw my commission. I paid and now they want more.", redflags.KindVictim, redflags.High},
		{"Maine online job ke liye 3000 registration fee JazzCash ki, ab wo group se nikal diya", redflags.KindVictim, redflags.High},
		{"میں نے آن لائن کام کے لیے 3000 روپے رجسٹریشن فیس جاز کیش کی، اب انہوں نے گروپ سے نکال دیا", redflags.KindVictim, redflags.High},
		{"I am stuck in traffic on Mall Road, will be late for the meeting.", redflags.KindOther, redflags.Low},
		{"My brother is stuck in Dubai because all flights are cancelled due to fog. He will come on Monday.", redflags.KindOther, redflags.Low},
		{"Withdraw your money anytime from any HBL ATM with your debit card.", redflags.KindOther, redflags.Low},
		{"Bhai mujhe group se nikal diya kisi ne, wapas add karo", redflags.KindOther, redflags.Low},
	})
}

// TestQuestionsAboutPaying: asking whether paying an agent in cash, or half now and half after
// the visa, is all right asks what the law allows, in each language; the same question that
// quotes the agent's wallet number passes the offer on, and is judged as one.
func TestQuestionsAboutPaying(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Is it safe to pay the agent in cash?", redflags.KindQuestion, redflags.Low},
		{"Agent says pay 2 lakh now and the rest after visa, is this ok?", redflags.KindQuestion, redflags.Low},
		{"کیا ایجنٹ کو نقد پیسے دینا محفوظ ہے؟", redflags.KindQuestion, redflags.Low},
		{"ایجنٹ کہتا ہے ابھی 2 لاکھ دو باقی ویزا کے بعد، کیا یہ ٹھیک ہے؟", redflags.KindQuestion, redflags.Low},
		{"Kya agent ko cash dena safe hai?", redflags.KindQuestion, redflags.Low},
		{"My agent is asking for 3 lakh for a Qatar visa, is that allowed?", redflags.KindQuestion, redflags.Low},
		{"Agent 3 lakh maang raha hai Qatar visa ke liye, kya iski ijazat hai?", redflags.KindQuestion, redflags.Low},
		{"کیا ایجنٹ قطر ویزا کے لیے 3 لاکھ لے سکتا ہے، کیا اس کی اجازت ہے؟", redflags.KindQuestion, redflags.Low},
		{"Agent ne kaha 50 hazar JazzCash 0300-1234567 pe bhejo, kya ye theek hai?", redflags.KindAd, redflags.High},
		// Asking about an offer received on WhatsApp that asks a sum above an OEP's service charge
		// gets the offer's verdict: the sum asked is the fee.
		{"Someone on WhatsApp offered me a job in Dubai and asked for Rs 50,000, is this real?", redflags.KindAd, redflags.High},
		{"مجھے واٹس ایپ پر دبئی کی نوکری کا پیغام آیا ہے، وہ 50 ہزار مانگ رہے ہیں، کیا یہ اصلی ہے؟", redflags.KindAd, redflags.High},
		// What others were charged, told in the news, is asked of no reader.
		{"The agent asked for Rs 8 lakh from each of the 12 men, police said.", redflags.KindOther, redflags.Low},
		{"I had given Rs.150,000 to the agent in order to come to UAE. I have just been able to pay up Rs.50,000, the debt which I had taken in order to pay the agent.", redflags.KindVictim, redflags.High},
	})
}

// TestVictimsAskingAdvice: a victim who writes to an advice column, or tells of beatings in a scam
// compound, is a victim however many words of caution the letter repeats.
func TestVictimsAskingAdvice(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Dear Miss Powell, I paid a company to find me a job in Canada and they sent me a letter offering the job. They now want me to pay almost $20,000 to apply for my family. My friend said I should be careful. How do I know it's a good offer?", redflags.KindVictim, redflags.High},
		{"The advertisement said I didn't need to take out a single cent to get a job in Cambodia. If we could not cheat at least one person every week, we would get beaten and tasered.", redflags.KindVictim, redflags.High},
		{"Pakistan got beaten by Australia in the second Test in Melbourne.", redflags.KindOther, redflags.Low},
	})
}

// TestReportsAndLettingsAreNotOffers: a fee's new level reported in the news, a fee waived, and a
// hostel let out with its advance are not job offers asking a fee.
func TestReportsAndLettingsAreNotOffers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Visa fee for Pakistanis going to the UAE has been raised to AED 1,200, travel agents said.", redflags.KindOther, redflags.Low},
		{"Saudi Arabia has increased the iqama renewal fee for expatriate workers' dependants to SAR 400 per month.", redflags.KindOther, redflags.Low},
		{"Girls hostel available near Gulberg, Lahore. Rent Rs 18,000 per month, advance 2 months. Call 0300-5550123", redflags.KindOther, redflags.Low},
		{"گرلز ہاسٹل برائے کرایہ، ماہانہ کرایہ 18 ہزار روپے، دو ماہ ایڈوانس۔ رابطہ 0300-5550123", redflags.KindOther, redflags.Low},
		// A seller's "price reduced to" still asks its price; a job abroad with its free hostel
		// still asks its fee.
		{"Saudi visa package price reduced to 3 lakh, book now, limited seats. Call 0300-5550123", redflags.KindAd, redflags.High},
		{"Qatar: hotel staff, free hostel and food, processing 1.5 lakh. Call 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestLicenceWordAfterTheNumber: a number with its city and then the licence word ("9848 lahore
// wala licence sahi hai?", "9848 کا لائسنس اصلی ہے؟") asks about that licence; a count of licences
// in the news ("134 لائسنس منسوخ", "108 licences issued") and a driving licence do not.
func TestLicenceWordAfterTheNumber(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{"9848 lahore wala licence sahi hai?", "9848 lahore ka licence sahi hai?", "9848 کا لائسنس اصلی ہے؟"} {
		v := analyze(t, a, reg, text)
		if v.Kind != redflags.KindLicenceQuery || len(v.Licences) != 1 || v.Licences[0].Number != "9848/LHR" {
			t.Errorf("%q: %s %+v, want a licence query for 9848/LHR", text, v.Kind, v.Licences)
		}
	}
	// An agency's name with its office's city after it is the name.
	if v := analyze(t, a, reg, "Crescent manpower services lahore"); v.Kind != redflags.KindLicenceQuery || len(v.Licences) == 0 || v.Licences[0].Number != "9848/LHR" {
		t.Errorf("name and city: %s %+v, want 9848/LHR", v.Kind, v.Licences)
	}
	for _, text := range []string{"بیورو کے مطابق 134 لائسنس منسوخ کر دیے گئے", "This year 108 licences were issued to new promoters.", "We have 2000 drivers with licence ready"} {
		if v := analyze(t, a, reg, text); v.Kind == redflags.KindLicenceQuery {
			t.Errorf("%q: a licence query %+v; it counts licences", text, v.Licences)
		}
	}
}

// TestAdviceBeforePaying: "before paying any agent, check the licence" is advice about a payment,
// in each language; an offer that borrows the words and then asks for the advance stays an offer.
func TestAdviceBeforePaying(t *testing.T) {
	checkKinds(t, []kindCase{
		{"اطلاع عام: بیرون ملک ملازمت کے لیے کسی بھی ایجنٹ کو ایڈوانس رقم ادا کرنے سے پہلے اس کا لائسنس بیورو کی ویب سائٹ پر چیک کریں۔ شکایت کے لیے 0800-12345", redflags.KindAdvisory, redflags.Low},
		{"Before paying any advance to an agent for a job abroad, check the agent's licence on the BEOE website. Complaints: 0800-12345", redflags.KindAdvisory, redflags.Low},
		{"ویزا فیس صرف متعلقہ سفارت خانے میں جمع ہوتی ہے، کسی ایجنٹ کو ویزا کے نام پر رقم نہ دیں۔", redflags.KindAdvisory, redflags.Low},
		{"The visa fee is paid only at the embassy; do not give money to any agent for a visa.", redflags.KindAdvisory, redflags.Low},
		{"Visa fee sirf embassy mein jama hoti hai, kisi agent ko visa ke naam par paise na dein.", redflags.KindAdvisory, redflags.Low},
		{"یاد رکھیں: لائسنس یافتہ ایجنٹ 15 ہزار روپے سے زیادہ سروس چارجز نہیں لے سکتا۔ اگر کوئی 3 لاکھ مانگے تو وہ فراڈ ہے۔", redflags.KindAdvisory, redflags.Low},
		{"Yaad rakhein: visit visa par naukri nahi milti. Jo agent visit visa par job ka kahe aur 2 lakh mange, us se door rahein.", redflags.KindAdvisory, redflags.Low},
		{"Dunki ka safar maut ka safar hai. Libya aur Iran ke raste Europe jane ki koshish na karein, agent 30 lakh le kar beech raste chhor dete hain.", redflags.KindAdvisory, redflags.Low},
		{"ڈنکی لگا کر یورپ جانے والے نوجوان ہوش کے ناخن لیں، سمگلر 25 لاکھ روپے لے کر موت کے منہ میں دھکیل دیتے ہیں۔", redflags.KindAdvisory, redflags.Low},
		{"Kenyans seeking jobs abroad have been warned against paying recruitment agents for visas and tickets. The National Employment Authority said only licensed agencies listed on its website should be used.", redflags.KindAdvisory, redflags.Low},
		{"Visa pakka hai. Paise dene se pehle office visit karein. Advance 50 hazar JazzCash 0300-5550123 pe bhejein.", redflags.KindAd, redflags.High},
		{"پیسے دینے سے پہلے دفتر آئیں۔ ویزا پکا ہے، 50 ہزار ایڈوانس جاز کیش 0300-5550123 پر بھیجیں۔", redflags.KindAd, redflags.High},
	})
}

// TestSumsAreNotLicenceNumbers: a sum beside a licence word ("لائسنس یافتہ ایجنٹ 15 ہزار روپے",
// "licensed agent: 15 thousand") is money, not licence 0015.
func TestSumsAreNotLicenceNumbers(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{"لائسنس یافتہ ایجنٹ 15 ہزار روپے سے زیادہ نہیں لے سکتا", "licence 15 lakh mein milega"} {
		if v := analyze(t, a, reg, text); len(v.Licences) > 0 {
			t.Errorf("%q: licences %+v, want none", text, v.Licences)
		}
	}
}

// TestSumsPricedByTheWordsAfter: the words right after a sum say it is due first or is the
// price ("before departure", "in advance", "25 lakh mein", "3 lakh lagenge"), even in a sentence
// that names the salary; a sum that tells what money went on, or pay due by a date, is not a fee.
func TestSumsPricedByTheWordsAfter(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Job in Azerbaijan hotel, salary $800, pay Rs 250,000 before departure. Only serious candidates.", redflags.KindAd, redflags.High},
		{"Hotel job in Baku, salary 700 dollars, Rs 1.5 lakh in advance and the rest after the visa.", redflags.KindAd, redflags.High},
		{"Italy ka kaam, seedha flight, 25 lakh mein. Contact 0301-2223334", redflags.KindAd, redflags.High},
		{"Italy mein kaam, 25 lakh lagenge. Contact 0301-2223334", redflags.KindAd, redflags.High},
		{"اٹلی میں کام، سیدھی فلائٹ، 20 لاکھ میں۔ رابطہ 0301-2223334", redflags.KindAd, redflags.High},
		{"Mera bhai Saudi mein kaam karta hai, 2 lakh mein ghar ki chhat dalwayi", redflags.KindOther, redflags.Low},
		{"Honda 125 for sale, 2.5 lakh mein, contact 0300-1234567", redflags.KindOther, redflags.Low},
	})
	checkNotFlagged(t, redflags.UpfrontFee,
		"Driver job in Riyadh, salary 2000 SAR, paid before the 5th of every month. Apply at our Lahore office.",
		"Saudi mein naukri hai, salary 1500 riyal mein kya bachta hai")
}

// TestVictimsFindOutOnArrival: what a victim says after the fact in Roman Urdu and Urdu (found out
// on arriving, stuck, held, the task site's withdrawal refused) is a victim's account; a family's
// question about an agent's promise, with nothing lost, is not.
func TestVictimsFindOutOnArrival(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Agent ne kaha tha work visa hai, Dubai pohnch kar pata chala visit visa hai. Ab hum yahan phanse hue hain.", redflags.KindVictim, redflags.High},
		{"Online job ke liye 2000 registration di, phir 5000 task unlock ke liye, ab withdraw nahi ho raha. Help.", redflags.KindVictim, redflags.High},
		{"میرا بیٹا تھائی لینڈ میں نوکری کے لیے گیا تھا، اب اسے میانمار میں قید رکھا ہوا ہے اور وہ رقم مانگ رہے ہیں", redflags.KindVictim, redflags.High},
		{"ایجنٹ نے کہا تھا ورک ویزا ہے، دبئی پہنچ کر پتہ چلا کہ وزٹ ویزا ہے، اب ہم یہاں پھنسے ہوئے ہیں", redflags.KindVictim, redflags.High},
		{"Beta, Dubai wali naukri ka kya bana? Agent ne kaha tha visa agle hafte aa jayega.", redflags.KindOther, redflags.Low},
		{"Dubai pohnch kar pata chala ke wahan garmi bohat hai, lekin company ka kaam acha hai.", redflags.KindOther, redflags.Low},
	})
}

// TestLuresOfTraffickers: the order-grabbing task scam (a commission per order after the worker
// recharges their own account), "helper" jobs with the army in Russia, and salon or spa work
// abroad for girls who send pictures; their lawful or news neighbours stay what they are.
func TestLuresOfTraffickers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Amazon part-time job, earn 10% commission per order, recharge your account to start. Contact HR on WhatsApp.", redflags.KindAd, redflags.High},
		{"Jobs in Russia as army support staff, salary $2000, free visa and ticket, contact on Telegram @russia_jobs", redflags.KindAd, redflags.High},
		{"Need girls for Dubai salon and spa work, salary 5000 AED, free visa, free ticket, apply with picture on WhatsApp 0300-1212121", redflags.KindAd, redflags.High},
		{"Russia and Ukraine agreed on a prisoner exchange, the army said on Monday.", redflags.KindOther, redflags.Low},
	})
	checkNotFlagged(t, redflags.PersonalData, "Ladies salon in Lahore needs female beauticians, send CV with photo. Salary Rs 40,000.")
	checkNotFlagged(t, redflags.TaskScam,
		"Delivery riders for our Karachi stores, Rs 1,200 per day plus commission on each order.",
		"Recharge your account with Rs 500 and get 10 GB free.",
		"Recharge your account before the 10th to start your new monthly bundle.")
}

// TestVisasSoldAndSeatsBooked: a work visa sold for a price is an offer, a visit, tourist or
// Umrah visa sold by a travel agent is a sale; a seat "booked" for a sum sent now, with the rest
// due when the visa comes, is a fee asked.
func TestVisasSoldAndSeatsBooked(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Kuwait visa for sale, 5 lakh, company ka visa hai, 2 saal ka iqama, sirf serious log rabta karein", redflags.KindAd, redflags.High},
		{"Oman ke liye driver chahiye, visa confirm hai, seat book karwane ke liye 20 hazar abhi bhejen, baqi visa aane par", redflags.KindAd, redflags.High},
		{"Dubai visit visa 2 lakh, wahan ja kar company join karein, 0300-1234567", redflags.KindAd, redflags.High},
		{"Umrah visa available, 15 days package 2.5 lakh per person, hotel near Haram, contact 0300-1234567", redflags.KindOther, redflags.Low},
		{"Dubai tourist visa available, 30 days, Rs 45,000, contact Al Noor Travels 0321-1234567", redflags.KindOther, redflags.Low},
		{"Bhai 5 hazar abhi bhej do, kal wapas kar dunga", redflags.KindOther, redflags.Low},
	})
}

// TestPartTimePayByTheHour: pay for a few hours a day at home is too good to be true at the same
// hourly rate whatever the hours (Rs 75,000 a month for three hours a day, Rs 50,000 for two), and
// a sum with no currency is money when a word of earning or a period of pay stands beside it; a
// period that qualifies a noun ("50,000 daily orders") counts things.
func TestPartTimePayByTheHour(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Ghar baithe mobile se kamayen 50,000 mahana, sirf 2 ghante roz, abhi WhatsApp karein", redflags.KindAd, redflags.High},
		{"Online kaam, 2 hours daily, earn 50,000 per month from home. WhatsApp now.", redflags.KindAd, redflags.High},
		{"آن لائن کام، روزانہ 2 گھنٹے، گھر بیٹھے 50 ہزار ماہانہ کمائیں، واٹس ایپ کریں", redflags.KindAd, redflags.High},
		{"Daraz now delivers 50,000 daily orders online across Pakistan.", redflags.KindOther, redflags.Low},
		{"Our YouTube channel gets 20,000 monthly views, thanks for the support!", redflags.KindOther, redflags.Low},
		// The Urdu way named after the destination, and the agent's "we will send you".
		{"یورپ جانے کا سنہری موقع، ایران ترکی کے راستے، پہنچنے کے بعد ادائیگی", redflags.KindAd, redflags.High},
		{"Malaysia jana hai? Tourist visa pe bhejenge, wahan company mein setting hai, payment pohnch kar", redflags.KindAd, redflags.High},
	})
	// Rs 40,000 for two hours a day is below the ceiling; the salary they were promised is not
	// what they paid.
	checkNotFlagged(t, redflags.UnrealisticPay, "Online kaam, 2 hours daily, earn 40,000 per month from home. WhatsApp now.")
	checkNotFlagged(t, redflags.UpfrontFee, "The agents took us to Malaysia on a tourist visa and we were never paid the promised salary of Rs 30,000 a month.")
}

// TestVictimsAbroadAskToComeHome: wages withheld by a kafeel, an iqama held, a group left
// stranded by the agent, a sister beaten and kept from leaving, a husband sent elsewhere than
// promised and now out of reach: victims' accounts in English, Roman Urdu and Urdu. Stuck in
// traffic is not one.
func TestVictimsAbroadAskToComeHome(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Please help me. I am in Riyadh, my kafeel is not giving my salary for 5 months and has my iqama. I want to go back to Pakistan.", redflags.KindVictim, redflags.High},
		{"We are 15 Pakistanis stuck in Erbil, the agent left us here, no job, no money. Please help us return.", redflags.KindVictim, redflags.High},
		{"Meri behen ko Saudi mein ghar ke kaam ke liye bheja tha, ab woh keh rahi hai mar peet hoti hai aur wapas nahi aane dete", redflags.KindVictim, redflags.High},
		{"میرے شوہر کو ایجنٹ نے یونان کا کہہ کر ایران بھیج دیا، اب ایک ماہ سے کوئی رابطہ نہیں", redflags.KindVictim, redflags.High},
		{"We are stuck in traffic on the motorway, will reach Lahore late tonight.", redflags.KindOther, redflags.Low},
		{"Bhai Dubai kaam ke liye gaya hai, sab theek hai, salary time pe mil rahi hai.", redflags.KindOther, redflags.Low},
	})
}

// TestBareSumsSent: a sum with no currency is money when the reader is told to send or pay it
// ("35000 bhej dein", "send 35000"), so a selection message that asks for it is an offer; a
// relative's or a friend's request for the same sum is not.
func TestBareSumsSent(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Assalam o alaikum, hum Dubai ki ek company ke liye recruitment kar rahe hain, aap ka CV humein mila hai, aap select ho gaye hain, visa processing ke liye 35000 bhej dein", redflags.KindAd, redflags.High},
		{"You have been selected for a hotel job in Qatar. For visa processing send 45000 today.", redflags.KindAd, redflags.High},
		{"Bhai 5000 bhej do easypaisa pe, kal wapas kar dunga", redflags.KindOther, redflags.Low},
		{"Ammi 20000 bhej rahi hoon, bijli ka bill jama kara dena", redflags.KindOther, redflags.Low},
	})
}

// TestPaidInThePassive: "the cost is to be paid by the sponsor" tells who should pay, so an
// advice text that says "I" elsewhere is no victim's account; a worker's "we haven't been paid"
// and an agent who "had taken" the money are.
func TestPaidInThePassive(t *testing.T) {
	checkKinds(t, []kindCase{
		{"There is no such thing called Azad Visa in Saudi Arabia. I have seen many job postings that offer it. These agents charge thousands of riyals, but the actual cost of the visa is a few hundred riyals, which is to be paid by the sponsor himself. It is illegal.", redflags.KindAdvisory, redflags.Low},
		{"I joined the company in Dubai last year. We haven't been paid even a penny by the company. Our travel agent had taken Rs 4 lakh from each of us.", redflags.KindVictim, redflags.High},
		{"I paid the agent Rs 3 lakh for a Saudi visa and he disappeared.", redflags.KindVictim, redflags.High},
	})
}

// TestLossNeedsMoneyOrDocuments: a job seeker's "they asked me to send my CV, I sent it" asks
// about an application; the same words about money (in shillings too) or a passport tell of a loss.
func TestLossNeedsMoneyOrDocuments(t *testing.T) {
	checkKinds(t, []kindCase{
		{"The company asked me to send my CV, I sent it. When will they call for interview?", redflags.KindAd, redflags.Medium},
		{"A man who said I had been shortlisted for the TV station job asked me to send him Sh5,000 to speed up my certificate. I sent it and now he does not pick up.", redflags.KindVictim, redflags.High},
		{"The agent asked me to send my passport for the Saudi visa, I sent it, now he is not answering calls.", redflags.KindVictim, redflags.High},
	})
}

// TestVisaFeeExplainers: a visa's fees explained (set by the state, paid by the employer, paid at
// the state's counter, or a fee's new level in a headline) ask nothing of the reader; the same
// words with a number to call and a price put on the worker are an offer.
func TestVisaFeeExplainers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Saudi work visa fee for Pakistanis has been set at SAR 2,000, paid by the employer, the ministry said.", redflags.KindOther, redflags.Low},
		{"سعودی عرب کے ورک ویزا کی فیس 2 ہزار ریال مقرر کر دی گئی ہے جو آجر ادا کرے گا۔", redflags.KindOther, redflags.Low},
		{"Dubai employment visa cost breakdown: entry permit AED 1,500, medical AED 320, Emirates ID AED 370. All these are paid by the employer under UAE law.", redflags.KindOther, redflags.Low},
		{"Schengen visa fee increased to 90 euros from June 2024; children's fee 45 euros.", redflags.KindOther, redflags.Low},
		{"Visa fee for Pakistani pilgrims reduced to SAR 300, Saudi embassy said on Tuesday.", redflags.KindOther, redflags.Low},
		// A prize beside a "ticket" is no price of a journey.
		{"Dubai: Indian expat wins Dh1 million in Big Ticket draw; he works as a driver and earns Dh2,500 a month.", redflags.KindOther, redflags.Low},
		{"Visa price reduced to 3 lakh, book now, limited seats, call 0300-1234567", redflags.KindAd, redflags.High},
		{"Saudi driver visa, visa fee paid by the employer, you pay only ticket and medical 1.5 lakh. Contact 0300-1234567", redflags.KindAd, redflags.High},
		{"Qatar visa fee increased to 4 lakh from next month, book your seat now 0300-1234567", redflags.KindAd, redflags.High},
		{"Dubai work visa through typing centre, total 2.5 lakh, WhatsApp 0321-1234567", redflags.KindAd, redflags.High},
	})
	// A visit visa's fees paid at the state's counter.
	checkNotFlagged(t, redflags.UpfrontFee, "UAE visit visa fee for Pakistanis in 2026: 30 days AED 350, 60 days AED 650. Apply through the ICP website or approved typing centres.")
}

// TestTradesWantedAreAds: a licensed promoter's Roman Urdu ad that wants a trade ("security
// guards chahiye") with its licence number is an ad with the register's answer, not a licence
// question.
func TestTradesWantedAreAds(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	v := analyze(t, a, reg, "Qatar k liye urgent security guards chahiye. Tankhwah 1800 riyal. Service charges 15,000 bank ke zariye, receipt milegi. Licence 9848/LHR")
	if v.Kind != redflags.KindAd || v.Risk != redflags.Low {
		t.Errorf("%s %s %v, want an ad, low", v.Kind, v.Risk, v.Flags)
	}
}

// TestLinksOnMoreDomains: a Google Form (forms.gle) or a site under a country's domain is a way
// to apply, so an overseas job that gives one is an ad.
func TestLinksOnMoreDomains(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Apply for Saudi jobs here: forms.gle/abc123XYZ, selected candidates will be contacted", redflags.KindAd, redflags.Medium},
	})
}

// TestHelplinesAreNotAWayToApply: "contact the FIA helpline 111-345-786" in a warning invites a
// complaint, not an application; a recruiter's own helpline on a mobile stays an offer's contact.
func TestHelplinesAreNotAWayToApply(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بیرون ملک ملازمت کے لیے کسی کو ایڈوانس فیس ادا نہ کریں۔ شکایت کے لیے ایف آئی اے ہیلپ لائن 111-345-786 پر رابطہ کریں۔", redflags.KindAdvisory, redflags.Low},
		{"Dubai jobs, free visa and ticket, our helpline 0300-1234567 for details, beware of fake agents, apply now", redflags.KindAd, redflags.Medium},
	})
}

// TestAgencyNotOnTheRegister: a request to check an agency whose name no registered title is near
// is a licence question whose answer is high risk (no licence found); a question about jobs that
// names no agency, and a travel agent asked about for Umrah, are not.
func TestAgencyNotOnTheRegister(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{"Falcon Overseas Employment Promoters ka licence check karein", "کیا الفلاح اوورسیز ایمپلائمنٹ پروموٹرز رجسٹرڈ ہے؟", "Check agency: Bright Future Manpower, Lahore",
		// With what the agency asks said in a second sentence, and asked whether it can be trusted.
		"Kya Al Falah Overseas ka licence sahi hai? Wo 4 lakh maang rahe hain Saudia ke liye",
		"Al Falah Overseas wale theek hain? Saudi ka visa de rahe hain 3 lakh ka", "Is Falcon Overseas reliable?",
		// "HR Solutions" names an agency as "Overseas" does.
		"Is 'Gulf Star HR Solutions' a licensed OEP? They only have a WhatsApp number, no office address."} {
		if v := analyze(t, a, reg, text); v.Kind != redflags.KindLicenceQuery || v.Risk != redflags.High || len(v.Licences) != 0 {
			t.Errorf("%q: %s %s %+v, want a licence question, high, no licence", text, v.Kind, v.Risk, v.Licences)
		}
	}
	for _, text := range []string{"Any overseas jobs in Saudi?", "Is Al Noor travel agency genuine for Umrah?"} {
		if v := analyze(t, a, reg, text); v.Kind == redflags.KindLicenceQuery {
			t.Errorf("%q: a licence question %+v", text, v.Licences)
		}
	}
	for _, text := range []string{"Is Crescent Manpower Services genuine?",
		// "Intl" is "International", also beside more words than the name.
		"talagang intl wale jinka office saddar me hai, wo registered hain?"} {
		if v := analyze(t, a, reg, text); v.Kind != redflags.KindLicenceQuery || len(v.Licences) == 0 {
			t.Errorf("%q, a registered agency: %s %+v", text, v.Kind, v.Licences)
		}
	}
}

// TestWorkersHeldAbroad: a housemaid's employer who does not let her call home and has not paid
// her, and a company that pays less than promised and keeps the passport too, are victims'
// accounts, in English and Roman Urdu.
func TestWorkersHeldAbroad(t *testing.T) {
	checkKinds(t, []kindCase{
		{"My daughter went to Saudi Arabia as a housemaid. Her employer does not let her call us and has not paid her for 6 months.", redflags.KindVictim, redflags.High},
		{"Hum 5 log Oman aaye the, company ne kaha tha 1500 riyal denge, ab sirf 600 de rahe hain aur passport bhi rakh liya", redflags.KindVictim, redflags.High},
	})
}

// TestAskingForAGoodAgent: "koi achha agent batayen" asks how to find an agent one can trust,
// with or without a question mark; an ad that asks the reader to tell their qualification is still
// an ad.
func TestAskingForAGoodAgent(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Mujhe Saudi jana hai, koi achha agent batayen", redflags.KindQuestion, redflags.Low},
		// No licence number and WhatsApp the only way in: an ad not to trust (see TestUnlicensedAds).
		{"Saudi driver jobs, salary 2000 riyal, apni qualification batayen, WhatsApp 0300-1234567", redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Mujhe Saudi jana hai, koi achha agent batayen"); v.Topic != redflags.TopicCheck {
		t.Errorf("topic %q, want %q", v.Topic, redflags.TopicCheck)
	}
}

// TestVictimsInTheNews: news of workers kidnapped, ransomed, beaten, unpaid, recovered from a scam
// compound or whose families paid an agent is a victim's account in Urdu and English; the same
// words about a trader kidnapped at home, a personal loan, a ministry's warning or smugglers'
// habits told in a report of an arrest are not.
func TestVictimsInTheNews(t *testing.T) {
	checkKinds(t, []kindCase{
		{"یونان جانے کے خواہشمند نوجوان ایران میں اغوا، اغوا کاروں نے ویڈیو بھیج کر گھر والوں سے رقم کا مطالبہ کیا", redflags.KindVictim, redflags.High},
		{"کمبوڈیا میں آن لائن فراڈ کے مراکز میں زبردستی کام کروانے والے گروہ سے 12 پاکستانیوں کو بازیاب کرا لیا گیا", redflags.KindVictim, redflags.High},
		{"قطر میں ملازمت کے نام پر لے جائے گئے نوجوانوں کو اونٹوں کی دیکھ بھال پر لگا دیا گیا، تنخواہ بھی نہیں دی جا رہی", redflags.KindVictim, redflags.High},
		{"منڈی بہاؤالدین کے رہائشی محمد اکرم نے بتایا کہ اس نے اپنے بیٹے کو اسپین بھجوانے کے لیے ایجنٹ کو 25 لاکھ روپے دیے، مگر بیٹا موریطانیہ سے کشتی میں سوار ہوا اور اب تک اس کا کوئی پتہ نہیں", redflags.KindVictim, redflags.High},
		{"عمان میں گھریلو ملازمہ کے طور پر بھیجی گئی خاتون نے ویڈیو پیغام میں کہا کہ مالک اسے مارتا ہے اور گھر والوں سے بات نہیں کرنے دیتا، حکومت مجھے واپس لائے", redflags.KindVictim, redflags.High},
		{"ویزا نہ ملنے پر نوجوان نے ایجنٹ سے رقم واپس مانگی تو اسے دھمکیاں دی گئیں", redflags.KindVictim, redflags.High},
		{"Dozens of Pakistani workers stranded in Malaysia have appealed to the government to bring them back after their recruiter vanished with their passports.", redflags.KindVictim, redflags.High},
		{"Families of the youths held by smugglers in Libya said they were receiving videos of torture along with demands for ransom.", redflags.KindVictim, redflags.High},
		{"کراچی میں تاجر کو اغوا کر لیا گیا، پولیس نے کارروائی کرتے ہوئے مغوی کو بازیاب کرا لیا", redflags.KindOther, redflags.Low},
		{"میرے بھائی نے ادھار کے 2 لاکھ روپے دیے تھے، اب واپس نہیں کر رہا", redflags.KindOther, redflags.Low},
		{"کمبوڈیا اور میانمار میں نوکری کی پیشکش پر یقین نہ کریں، وزارت خارجہ نے شہریوں کو خبردار کر دیا", redflags.KindAdvisory, redflags.Low},
		{"The Nepali Embassy has requested the foreign job aspirants to obtain a labour permit; the rescue of Nepalis stranded in Cambodia and Laos has been difficult.", redflags.KindAdvisory, redflags.Low},
		{"ذرائع کے مطابق انسانی اسمگلر اٹلی بھجوانے کا ریٹ 25 لاکھ روپے لیتے ہیں، آدھی رقم ایڈوانس، اور واٹس ایپ گروپس میں اپ ڈیٹس دیتے ہیں، اہل خانہ سے مزید پیسے لیتے ہیں", redflags.KindOther, redflags.Low},
	})
}

// TestFamiliesSendMoney: a relative abroad who sends money home, or is asked for it, names a
// country and a wallet; that is no offer. The same wallet asked for the way to a country, with no
// relative named, is one, in Urdu script too ("جاز کیش کریں"). A receipt's few words may name the
// bank's staff.
func TestFamiliesSendMoney(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Dubai se bhai ne 50,000 bheje hain Western Union se, CNIC le kar bank chale jana", redflags.KindOther, redflags.Low},
		{"بیٹا سعودیہ سے پیسے جاز کیش کر دو، بجلی کا بل آیا ہے", redflags.KindOther, redflags.Low},
		{"Dubai jane ke liye 30 hazar JazzCash karein 0345-1234567, baqi wahan pohanch kar", redflags.KindAd, redflags.High},
		{"قطر جانے کے لیے 25 ہزار روپے جاز کیش کریں 0300-1234567", redflags.KindAd, redflags.High},
		{"Your OTP for Meezan Bank is 482913. Do not share it with anyone including bank staff.", redflags.KindOther, redflags.Low},
		// A relative's ticket is the family's; an agent who calls the reader "beta" is still one.
		{"Shadi ke liye Dubai se mamu aa rahe hain, ticket 1.5 lakh ka mila", redflags.KindOther, redflags.Low},
		{"Beta Dubai bhej denge, 3 lakh lagenge, aadha pehle", redflags.KindAd, redflags.High},
		{"Bhai Italy pohncha denge 15 lakh mein, aadhe pehle dene honge", redflags.KindAd, redflags.High},
	})
}

// TestAgentsWhoStall: an agent who gives a new excuse each time, a son sent to the army in Russia
// who cannot be reached, are victims' accounts; a worker whose months abroad went well is not.
func TestAgentsWhoStall(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Agent keh raha tha 2 hafte mein visa aa jayega, 4 mahine ho gaye, har dafa naya bahana", redflags.KindVictim, redflags.High},
		{"Mera bhai Russia gaya tha security guard ki job ke liye, ab pata chala usay fauj mein bhej diya hai, rabta nahi ho raha", redflags.KindVictim, redflags.High},
		{"Bhai ki Saudi mein naukri ko 6 mahine ho gaye, sab khairiyat hai, salary bhi time pe milti hai", redflags.KindOther, redflags.Low},
		{"پرتگال ورک پرمٹ، 100 فیصد گارنٹی، کوئی انٹرویو نہیں، رابطہ کریں 0333-5550144", redflags.KindAd, redflags.High},
	})
}

// TestExplainersAreNotQuestions: an explainer whose headline asks about a work visa and whose body
// answers is no one's question about their papers.
func TestExplainersAreNotQuestions(t *testing.T) {
	a := mustAnalyzer(t)
	text := "رومانیہ کا ورک ویزا کیسے حاصل کیا جائے؟ رومانیہ یورپی یونین کا رکن ملک ہے، جو بیرون ملک روزگار کے مواقع تلاش کرنے والے افراد کے لیے ایک پرکشش مقام بن چکا ہے۔ رومانیہ کے ورک ویزے کے لیے پہلے آجر ورک پرمٹ کی درخواست دیتا ہے، پھر امیدوار سفارت خانے میں ویزا کی درخواست جمع کراتا ہے۔ اس عمل میں عموماً دو سے تین مہینے لگتے ہیں اور تمام کاغذات کا ترجمہ ضروری ہوتا ہے۔"
	if v := analyze(t, a, nil, text); v.Topic == redflags.TopicAbroad {
		t.Errorf("an explainer: %s %q", v.Kind, v.Topic)
	}
}

// TestVictimsInEnglishNews: a family waiting for a son who went through an agent, a complainant
// handed a fake visa, workers detained on arrival or drowned on the way, an agent who collected
// from each family, are victims' accounts; the FIA detaining agents is news of an arrest.
func TestVictimsInEnglishNews(t *testing.T) {
	checkKinds(t, []kindCase{
		{"GUJRAT: A family in Kharian is waiting for news of their 19-year-old son who left for Europe six months ago through an agent who charged them Rs3.5 million. The last call came from Libya.", redflags.KindVictim, redflags.High},
		{"The complainant stated that the accused had taken Rs1.2m from him for a work visa to Portugal and later handed him a fake visa sticker.", redflags.KindVictim, redflags.High},
		{"Over 200 Pakistanis who travelled to Kyrgyzstan on promises of factory jobs found themselves without work permits and were detained by local police, officials said.", redflags.KindVictim, redflags.High},
		{"Parents of the Pakistani boys who drowned off the coast of Greece said an agent from Gujranwala had collected Rs2.2 million from each family.", redflags.KindVictim, redflags.High},
		{"The FIA detained two agents at Lahore airport who were sending people abroad illegally.", redflags.KindOther, redflags.Low},
		{"Police detained a travel agent in Multan on charges of human smuggling, a spokesman said.", redflags.KindOther, redflags.Low},
	})
}

// TestBlockedAfterPaying: a sister made to do "wrong work" on arrival and a sender blocked after
// the payment are victims' accounts; money a father sent home is not.
func TestBlockedAfterPaying(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Meri behan Dubai gayi thi beauty parlour ki job ke liye, wahan ja kar pata chala galat kaam karwana hai, please help", redflags.KindVictim, redflags.High},
		{"Sir Easypaisa pe 25000 bheje the Malaysia job ke liye, ab woh banda WhatsApp pe block kar chuka hai", redflags.KindVictim, redflags.High},
		{"Abbu ne Saudi se 30 hazar bheje the, bill jama karwa diya", redflags.KindOther, redflags.Low},
		{"Main job ke liye Lahore ja raha hoon, dua karna", redflags.KindOther, redflags.Low},
	})
}

// TestBrokersVictims: a broker's or a middleman's victims are victims' accounts.
func TestBrokersVictims(t *testing.T) {
	checkKinds(t, []kindCase{
		{"The seventeen men were told they would get jobs in Egypt. A broker in Bhola took Tk 170,000 from each and arranged tourist visas.", redflags.KindVictim, redflags.High},
		{"Seema went by illegal route to India through a middleman, in search of employment. She had been promised a job in a beauty salon, and was jailed for two years.", redflags.KindVictim, redflags.High},
	})
}

// TestShopsSendShortLinks: a bank's, a shop's or a wallet's offer with a short link and "T&Cs
// apply" is no job ad; a short link beside a job is still one.
func TestShopsSendShortLinks(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Apply now for HBL CreditCard and get 10% cashback on dining. T&Cs apply. https://bit.ly/3abcDEF", redflags.KindOther, redflags.Low},
		{"Ab jeetain iPhone 12 aur 25,000 ke cash prizes! Bas easypaisa QR se payment karein aur shamil hojayein lucky draw mein! T&Cs apply https://bit.ly/3tnrQIm", redflags.KindOther, redflags.Low},
		{"Dubai jobs available, register here https://tinyurl.com/dubaijobs", redflags.KindAd, redflags.Medium},
		{"Hiring now! Apply here: https://bit.ly/3jobsPK", redflags.KindAd, redflags.Medium},
	})
}

// TestFeesExplained: a visa fee explained (it varies by country, lies between two sums, stands at
// a level) asks nothing of the reader.
func TestFeesExplained(t *testing.T) {
	checkKinds(t, []kindCase{
		{"ویزا کے حصول کے لیے آپ کو اپنے ملک کے ڈچ قونصل میں درخواست دینا ضروری ہے۔ ویزا کی فیس بھی ملک کے حساب سے مختلف ہے۔ یہ عام طور پر 35 سے 60 یورو کے درمیان ہوتی ہے۔", redflags.KindOther, redflags.Low},
		{"ویزا فیس 80 ہزار جمع کروائیں، رابطہ 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestAskingAboutADemand: a worker who tells what the boss or the agent demands and ends asking
// whether it is legal or normal asks a question; an offer that ends "Interested?" asks nothing.
func TestAskingAboutADemand(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Question: I joined a company based in Dubai three months ago. However, I was paid less than 50 percent of the salary that was stipulated in the contract. Please explain what I can do to claim my pending wages. I have decided to resign, but my boss says I have to pay them Dh6000 for visa/cancellation fees since I am resigning in six months. Is it legal?", redflags.KindQuestion, redflags.Low},
		{"The agent is asking me 3 lakh for a Qatar work visa and says the medical is extra. Is this normal?", redflags.KindQuestion, redflags.Low},
		{"I can get you a Dubai visa, fee only 50,000, half now. Interested?", redflags.KindAd, redflags.High},
		{"Dubai visa 50 hazar mein, aadha abhi aadha baad mein. Dilchaspi hai?", redflags.KindAd, redflags.High},
		{"Qatar security guard jobs, salary 3000 QAR, visa fee 1.5 lakh. Who wants to go?", redflags.KindAd, redflags.High},
		{"OEP kitni fees le sakta hai?", redflags.KindQuestion, redflags.Low},
		{"Agent 3 lakh mang raha hai Saudi visa ke, kya ye theek hai?", redflags.KindQuestion, redflags.Low},
	})
}

// TestNewsQuotedOffers: offers quoted in the news are read as offers: registering priced ("Register
// now for only Rs 9,999"), an instalment put on the worker ("pay 3 lakh now and 5 lakh after
// visa"); Europe's lawful warehouse wage is not too good to be true.
func TestNewsQuotedOffers(t *testing.T) {
	checkKinds(t, []kindCase{
		{`In the post, which has been shared over 2,000 times, the page claims: "Canada is giving 50,000 work visas to Pakistanis. No IELTS, no experience. Register now for only Rs 9,999."`, redflags.KindAd, redflags.High},
		{`Victims told police they answered an advertisement reading "Jobs in Poland for drivers and warehouse workers, salary 1,200 euros, visa in 30 days, pay 3 lakh now and 5 lakh after visa".`, redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Warehouse workers for Poland, salary 1,400 euros a month, 40 hours a week, accommodation provided."); v.Has(redflags.UnrealisticPay) {
		t.Errorf("Europe's warehouse wage read as too good to be true: %+v", v.Flags)
	}
}

// TestRemoteEarningsSpam: earnings offered for work online or from home reached only through a
// free mail address and a borrowed link, and a month's pay for "1-2 hours/day", are signs; a link's
// query string ("index.php?id=5973026") asks no question.
func TestRemoteEarningsSpam(t *testing.T) {
	checkKinds(t, []kindCase{
		{"HERE ARE ONLINE HOME BASED PROJECTS\nEARN $300-$3500 Confarm Earning\nJUST SEE THIS SITE zeshanitwork.blogspot.com\n0092314-5550123 zeshanit5550@gmail.com", redflags.KindAd, redflags.High},
		{"Work from home part time jobs. You can earn $1500-2500/month working 1-2 hours/day. Data entry jobs. Visit https://goo.gl/WRjgvk", redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "REAL WORK FROM THE INTERNET HERE IS THE SITE, REGISTER AND CLAIM PROFITS UP TO 2000$ per month: https://www.earnparttimejobs.com/index.php?id=5973026"); v.Kind == redflags.KindQuestion {
		t.Errorf("a link's query string read as a question: %s", v.Kind)
	}
}

// TestExplainersOfTheProcess: a company's hiring steps ("if your application is successful, you
// will be invited to an interview") select no one, and an explainer of false agencies that dupe
// visit-visa holders warns.
func TestExplainersOfTheProcess(t *testing.T) {
	checkKinds(t, []kindCase{
		{"One of the primary requirements of accepting a job across borders is the right work visa. What most people tend to assume is that there is a short cut: arrive in the country with only a visit visa. The desperate employee believes in false agencies who dupe them. They accept job offers while on a visit visa simply because he is reassured that he would get the employment visa in time.", redflags.KindAdvisory, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Hiring process. Step 1: Application. Step 2: Interview. If your application is successful, you will be invited to an interview with some of our technical representatives in London or Houston. Step 3: The offer."); v.Has(redflags.NoInterview) {
		t.Errorf("a hiring process read as a selection without interview: %+v", v.Flags)
	}
}

// TestAgencyAskedInASentence: the agency's name is read in the sentence that holds its word,
// without "wale" or a word of address: "Bhai ye Crescent Manpower wale sahi hain? Saudi ka visa de
// rahe hain" asks about a registered agency.
func TestAgencyAskedInASentence(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for text, number := range map[string]string{
		"Crescent Manpower wale sahi hain?":                                              "9848/LHR",
		"Bhai ye Crescent Manpower wale sahi hain? Saudi ka visa de rahe hain":           "9848/LHR",
		"Saffron Overseas Employment ka dafter Lahore mein hai, kya ye registered hain?": "9056/RWP",
	} {
		v := analyze(t, a, reg, text)
		if v.Kind != redflags.KindLicenceQuery || len(v.Licences) == 0 || v.Licences[0].Number != number {
			t.Errorf("%q: %s %+v, want %s", text, v.Kind, v.Licences, number)
		}
	}
}

// TestNordicPay: a fake offer letter quoting a Nordic salary ("96000 NOK per month") is read in
// rupees.
func TestNordicPay(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "Designation: Microbiologist. Offered Salary: 96000 NOK Per Month. Place of work: Hospital, Norway. Pay the visa fee to our agent.")
	if !v.Has(redflags.UnrealisticPay) {
		t.Errorf("96000 NOK a month: %+v", v.Flags)
	}
}

// TestPayWrittenOtherWays: pay is pay however its sum is written: a dollar sign with its
// country's letters ("US$", "CAD$"), a range that repeats its currency, a conversion in brackets
// or "and above" before the period, "remuneration" for salary. None of these is a fee, and a fee
// written the same ways still is.
func TestPayWrittenOtherWays(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Truck drivers for Canada. Remuneration package of CAD$69,500 (Rs 1.4 crore) and above per year. Free visa and air ticket.",
		"Warehouse workers, Dubai. Pay: AED 1,500-AED 2,000 monthly, accommodation and transport provided.",
		"Hotel staff for Saudi Arabia: SAR 1,500 - SAR 2,000 per month plus food.",
		"Remote support agent, salary US$500 monthly, company laptop provided.",
		"دبئی میں ڈرائیور، اجرت 2000 درہم، رہائش کمپنی کی",
	} {
		if v := analyze(t, a, nil, text); v.Has(redflags.UpfrontFee) {
			t.Errorf("%q: pay read as a fee: %+v", text, v.Flags)
		}
	}
	for _, text := range []string{
		"Canada work permit processing fee CAD$1,500, pay to our consultant before the interview.",
		"Visa processing charges US$800 to be sent first, job in Dubai guaranteed.",
	} {
		if v := analyze(t, a, nil, text); !v.Has(redflags.UpfrontFee) || v.Risk != redflags.High {
			t.Errorf("%q: %s %+v, want UPFRONT_FEE, high", text, v.Risk, v.Flags)
		}
	}
}

// TestCryptoAndGiftCardPayments: a fee asked in a coin or in gift cards is paid to no company's
// account (PERSONAL_PAYMENT), and the coin's sum is money; pay promised in a coin asks for nothing.
func TestCryptoAndGiftCardPayments(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Online hotel rating job, earn daily. Joining fee 50 USDT, send to our TRC20 wallet to activate your account.",
		"Dubai warehouse job, visa in 15 days. Visa processing 300 USDT bhejein Binance pe, baqi salary se kat jayega.",
		"Canada farm jobs. To confirm your interview pay the processing charges with Google Play gift cards worth $200.",
	} {
		v := analyze(t, a, nil, text)
		if !v.Has(redflags.PersonalPayment) || v.Risk != redflags.High {
			t.Errorf("%q: %s %+v, want PERSONAL_PAYMENT, high", text, v.Risk, v.Flags)
		}
	}
	if v := analyze(t, a, nil, "Remote developer, salary paid in USDT every month, send your CV to hr@example-company.com"); v.Has(redflags.PersonalPayment) {
		t.Errorf("pay in a coin read as a payment asked: %+v", v.Flags)
	}
}

// TestFakeOfferLetters: a letter that hands the worker to a travel agent or a lawyer at a free
// mailbox for the permit is the advance-fee offer's way in (FREE_EMAIL); a letter that follows an
// interview, from the employer's own domain, is flagged for neither. (How a letter appoints, "pleased
// to appoint you", is no sign: lawful letters are worded the same.)
func TestFakeOfferLetters(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "Letter of Appointment\nFurther to your application, the management of Northern Oil Services is pleased to appoint you as Site Supervisor. Salary: GBP 6,000 per month. You are required to obtain your work permit through our approved immigration lawyer. Contact barrister.smith.law@outlook.com")
	if !v.Has(redflags.FreeEmail) {
		t.Errorf("sent to a lawyer's free mailbox: %s %+v, want FREE_EMAIL", v.Risk, v.Flags)
	}
	v = analyze(t, a, nil, "OFFER LETTER. Dear Mr. Ahmed, you have been selected for the post of Electrician in Dubai. Salary AED 4,500. Please contact our travel agent Mr. John at john.travels@gmail.com to process your work permit and visa.")
	if !v.Has(redflags.FreeEmail) {
		t.Errorf("sent to a travel agent's free mailbox: %+v, want FREE_EMAIL", v.Flags)
	}
	v = analyze(t, a, nil, "Sub: Employment Offer\nWe refer to the interview you had with our panel in Karachi on 3 March. We are pleased to offer you employment as Sales Executive. Salary AED 5,000. Please reply to hr@gulf-trading-example.ae to accept.")
	if v.Has(redflags.NoInterview) || v.Has(redflags.FreeEmail) {
		t.Errorf("an offer after an interview, from the employer's domain: %+v", v.Flags)
	}
}

// TestTheFoundationsOwnSite: the Overseas Pakistanis Foundation writes from opf.org.pk, not a
// .gov.pk domain, and recruits no one for a fee: its notice is no scam, while a fee asked in its
// name on a borrowed domain is.
func TestTheFoundationsOwnSite(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Overseas Pakistanis Foundation: scholarships for children of overseas workers. Apply at opf.org.pk, no fee.",
		"اوورسیز پاکستانیز فاؤنڈیشن: بیرون ملک کام کرنے والوں کے بچوں کے لیے وظائف۔ درخواست opf.org.pk پر دیں۔",
	} {
		if v := analyze(t, a, nil, text); v.Risk == redflags.High || v.Has(redflags.SuspiciousLink) || v.Has(redflags.NoLicence) {
			t.Errorf("%q: %s %s %+v", text, v.Kind, v.Risk, v.Flags)
		}
	}
	if v := analyze(t, a, nil, "OPF jobs abroad! Registration fee 5,000 via JazzCash 0300-5550123. Apply at opf-jobs.com"); v.Risk != redflags.High || !v.Has(redflags.SuspiciousLink) {
		t.Errorf("a fee in the Foundation's name on a borrowed domain: %s %+v", v.Risk, v.Flags)
	}
}

// TestOpenersAndSponsorship: a stranger's offer of their own that ends on "Interested?" is an
// offer, not a question; a passport asked as the way to apply is a document demanded; "free visa
// sponsorship" is the employer paying for the work visa, not the azad visa.
func TestOpenersAndSponsorship(t *testing.T) {
	a := mustAnalyzer(t)
	checkKinds(t, []kindCase{
		{"Hi, I am Sarah from Skyline Recruitment. We have remote jobs paying $300-$800 daily. Interested? Reply YES.", redflags.KindAd, redflags.High},
		{"Congratulations! You've been shortlisted for Cabin Crew at a Gulf airline. Reply with your passport scan to proceed.", redflags.KindAd, redflags.High},
	})
	if v := analyze(t, a, nil, "Urgent hiring for Canada: farm workers, salary CAD 18/hour. Apply with passport copy."); !v.Has(redflags.PersonalData) {
		t.Errorf("a passport copy asked to apply: %+v", v.Flags)
	}
	if v := analyze(t, a, nil, "Hiring nurses for UK care homes, free visa sponsorship, apply on our website with your NMC PIN."); v.Has(redflags.AzadVisa) {
		t.Errorf("free visa sponsorship read as the azad visa: %+v", v.Flags)
	}
}

// TestInCountryHiring: a UAE employer hiring those already in the country on a visit visa, and
// changing their visa there, is lawful (MOHRE) and recruits no one in Pakistan; a visit visa sold
// from Pakistan for work is still the scam.
func TestInCountryHiring(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Urgent hiring in Sharjah: cashier, visit visa candidates welcome, visa change inside UAE by company. Send CV to careers@retail-example.ae",
		"Walk-in interview in Dubai for sales executives. Visit visa holders can apply, company will provide employment visa. Salary AED 3,000 + commission.",
	} {
		if v := analyze(t, a, nil, text); v.Kind != redflags.KindAd || v.Risk == redflags.High || v.Has(redflags.VisitVisaWork) || v.Has(redflags.NoLicence) {
			t.Errorf("%q: %s %s %+v", text, v.Kind, v.Risk, v.Flags)
		}
	}
	if v := analyze(t, a, nil, "Visit visa par Dubai jayen, wahan company work visa mein change kar degi, total 2 lakh, rabta 0300-5551234"); !v.Has(redflags.VisitVisaWork) || v.Risk != redflags.High {
		t.Errorf("a visit visa sold for work: %s %+v", v.Risk, v.Flags)
	}
}

// TestLuresAndRoutesNamedPlainly: a guard's or a helper's job in Russia offered with its salary or
// a free visa is the war's lure without the army named; the western and Balkan routes (a boat from
// Mauritania to Spain, a "game" at the Croatian border, a transit visa and "from there the way to
// Europe", a border crossed) are the irregular route; a family's holiday in Europe is not.
func TestLuresAndRoutesNamedPlainly(t *testing.T) {
	a := mustAnalyzer(t)
	for text, want := range map[string]redflags.Code{
		"Russia security guard job, salary 250,000 PKR, free visa, free ticket, WhatsApp 0300-5550123": redflags.HighRiskDestination,
		"روس میں سیکیورٹی گارڈ کی نوکری، تنخواہ 3 لاکھ ماہانہ، ویزا اور ٹکٹ مفت":                       redflags.HighRiskDestination,
		"Mauritania se Spain kashti, 25 lakh, rabta 0300-5550123":                                      redflags.IrregularRoute,
		"Bosnia se Croatia game lagwa denge, 100% safe, 10 lakh":                                       redflags.IrregularRoute,
		"Azerbaijan visit visa 2 lakh, wahan se Europe ka rasta, guarantee":                            redflags.IrregularRoute,
		"Serbia work permit, phir Hungary border paar, total 18 lakh":                                  redflags.IrregularRoute,
	} {
		if v := analyze(t, a, nil, text); !v.Has(want) || v.Risk != redflags.High {
			t.Errorf("%q: %s %s %+v, want %s", text, v.Kind, v.Risk, v.Flags, want)
		}
	}
	checkKinds(t, []kindCase{
		{"Bhai Dubai mein hai, wahan se Europe ghoomne gaya tha chhuttiyon mein", redflags.KindOther, redflags.Low},
		{"Russia aur Ukraine ki jang mein 500 Pakistani mare gaye, report", redflags.KindOther, redflags.Low},
	})
}

// TestIdentityCardSelected: an identity card or a name "selected" for a job is a draw, not a
// selection (NO_INTERVIEW).
func TestIdentityCardSelected(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "Congratulation! Your CNIC has been selected for Saudi Arabia job under PM Youth Program. Call 0300-5550123 for details.")
	if v.Kind != redflags.KindAd || !v.Has(redflags.NoInterview) {
		t.Errorf("a CNIC selected for a job: %s %+v", v.Kind, v.Flags)
	}
}

// TestLongPostingWithNewsWords: a company's long posting that says "the latest news" and
// "reports to" in passing is still a posting; a news report of the same length that says
// "police", "arrested" and "according to" in every paragraph is not.
func TestLongPostingWithNewsWords(t *testing.T) {
	duty := "The developer will design, build and test our billing software with the team, review code and write documentation for the product. "
	posting := "Senior Software Developer, full time, Jersey City. WDM Group brings business executives the latest news from across the globe. " +
		strings.Repeat(duty, 14) +
		"The position reports to the engineering manager; each project starts from a statement of work. Requirements: five years of experience, a degree in computer science, strong SQL skills. " +
		"Benefits: health insurance, paid leave and a competitive salary. Apply with your resume at careers@wdmgroup.com."
	story := "Police arrested three men in Gujrat on Monday, according to the FIA spokesman, who said the suspects had run a recruitment office. "
	news := strings.Repeat(story+duty, 8)
	checkKinds(t, []kindCase{
		{posting, redflags.KindAd, redflags.Medium},
		{news, redflags.KindOther, redflags.Low},
	})
}

// TestLossesToldByOthers reads a loss told by someone else (the sum gone "to the fraudster", an
// ad-posting job's registration sent to a wallet, a land sold to pay the agent and the boat
// sunk) as a victim's account or the offer it was, and a bank's balance, an office's answer
// to a readers' question and a press agency's report as what those are.
func TestLossesToldByOthers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"A waitress had saved RO 2,000 for her wedding. She was approached by someone claiming he could secure a job in Oman for her fiancé, and she transferred the entire sum to the fraudster.", redflags.KindVictim, redflags.High},
		{"زمین بیچ کر ایجنٹ کو پیسے دیے اور کوئٹہ، تفتان، ایران اور ترکی کے راستے یونان پہنچا۔ ابھی لیبیا ہی پہنچا تھا کہ اطلاع آئی کہ لیبیا سے یونان جانے والی کشتی ڈوب گئی ہے اور وہ بھی اس کا مسافر تھا۔", redflags.KindVictim, redflags.High},
		{"اس نے ایک اشتہار دیکھا کہ صرف سوشل میڈیا پر اشتہار پوسٹ کریں اور ہر پندرہ دن بعد پچیس ہزار روپے کمائیں۔ اس نے میسج کر کے طریقہ کار پوچھا تو اس کو رجسٹریشن کا کہا گیا کہ ایک ایزی پیسہ اکاؤنٹ پر دو ہزار روپے بھیج کر رسید کی فوٹو بھیجی جائے۔", redflags.KindAd, redflags.High},
		{"ہزاروں طالب علم ایک گروہ کو سپانسر شپ سرٹیفیکیٹ کے لیے 17 ہزار پاؤنڈ تک کی رقم دے چکے ہیں جو انھیں مفت مل جانا چاہیے تھا، برطانیہ میں نوکری کے خواہش مند ریکروٹمنٹ ایجنٹوں کے ہاتھوں لٹ رہے ہیں۔", redflags.KindVictim, redflags.High},
		{"Dear account: (5550001234) credited Rs.31199. dt. 12/09 14:34 Ledger Balance Rs.53964 Total Balance : details bit.ly/4dsxS3Z PASHUPATICAPITAL", redflags.KindOther, redflags.Low},
		{"کیا مقیم غیر ملکی گھریلو عملہ اپنے ملک سے بلوا سکتے ہیں؟ سعودی وزارت افرادی قوت کے پروگرام مساند نے کہا ہے کہ کسی مقیم غیرملکی کو اپنے ملک سے گھریلو عملے کو بلوانے کی اجازت نہیں۔ وہی غیرملکی گھریلو عملہ بلانے کے لیے ویزا جاری کرا سکتا ہے جس کی کم از کم تنخواہ دس ہزار ریال ہو۔ پہلی مرتبہ گھریلو کارکن کے ویزے کےلیے ایک لاکھ ریال بینک زر ضمانت جمع کرا کے مالی استعداد ثابت کرانا ضروری ہے۔", redflags.KindOther, redflags.Low},
		{"The Overseas Employment Corporation has signed a Memorandum of Cooperation to market ICT professionals in Japan, a senior officer told APP. The jobs will be posted on an online portal, www.jobs.oec.govt.pk, to inform the youth about the new and lucrative employment opportunities.", redflags.KindOther, redflags.Low},
	})
	a := mustAnalyzer(t)
	// "Balance" alone is what is left to pay: the second instalment of a fee is still asked.
	if v := analyze(t, a, nil, "Dubai visa, 50% advance now, balance Rs 2 lakh after visa. WhatsApp 0300-5550123"); !v.Has(redflags.UpfrontFee) || v.Risk != redflags.High {
		t.Errorf("an instalment called the balance: %s %s %+v", v.Kind, v.Risk, v.Flags)
	}
}

// TestWarningsInTheirOwnShapes reads warnings that quote the scammers' message, foretell what
// happens to those who break the rule, or state the law on a promoter's charges as advice, and
// a Roman Urdu report of an arrest as news, not as a victim's account.
func TestWarningsInTheirOwnShapes(t *testing.T) {
	checkKinds(t, []kindCase{
		{`Beware of fake job offers! Scammers are sending messages like "Jobs in Dubai, salary AED 5000, send Rs 30,000 registration fee on JazzCash". BEOE never asks for money on personal accounts. Report to FIA 111-345-786.`, redflags.KindAdvisory, redflags.Low},
		{"Embassy of Pakistan, Kuala Lumpur: Pakistani nationals are advised not to travel to Malaysia on visit visas for employment. Those found working on visit visas will be arrested and deported.", redflags.KindAdvisory, redflags.Low},
		{"The Protector of Emigrants Rawalpindi informs the public that the maximum service charges an OEP can take are Rs 15,000. Payment must be made through bank only and a receipt must be obtained.", redflags.KindAdvisory, redflags.Low},
		{"Karachi: FIA ne insani smuggling mein mulawis 3 agents ko giraftar kar liya, mulzimaan ne shehriyon ko Europe bhijwane ka jhansa de kar lakhon rupay batore.", redflags.KindOther, redflags.Low},
		{"Sir mera bhai Saudi Arabia gaya tha agent ke through, wahan company ne iqama nahi banaya aur ab police ne pakar liya hai. Agent 2 lakh le kar ghayab hai.", redflags.KindVictim, redflags.High},
		{"Scenario: A recruiter contacts you on WhatsApp offering a nursing job in Saudi Arabia. He says the visa is 100% guaranteed and asks for a processing fee of Rs 80,000. This is a scam. Licensed OEPs cannot charge more than Rs 15,000 and never through personal accounts.", redflags.KindAdvisory, redflags.Low},
		{`Fake job alert! A message is going around: "Urgent staff needed in Qatar, salary 3000 QAR, free visa, send 25,000 registration to 0300-5550123". Do not send money. Report such numbers to NCCIA at 1799.`, redflags.KindAdvisory, redflags.Low},
		{"If someone offers you a job in Europe through Libya by boat for 20 lakh, refuse. Thousands have drowned on this route. The dunki is not a job, it is a death trap.", redflags.KindAdvisory, redflags.Low},
		// What someone fears for their own is a plea, not a warning to the public.
		{"Agent took 3 lakh from my brother for a Dubai job. Now he is on a visit visa there and will be deported next week. Please help.", redflags.KindVictim, redflags.High},
		{"My son went to Malaysia through an agent, now police says he will be arrested because his visa is fake. What should we do?", redflags.KindVictim, redflags.High},
		// The same demand as the writer's own is still an offer, whatever it says of scammers.
		{"Scammers are sending fake messages, but we are genuine. Dubai jobs, salary AED 3000, send our Rs 30,000 registration fee on JazzCash 0300-5550123 today.", redflags.KindAd, redflags.High},
	})
}

// TestComplainantsAndFraudstersReported reads a complainant's or the victims' account told by a
// reporter as a victim's, and a warning of what fraudsters are posting as advice.
func TestComplainantsAndFraudstersReported(t *testing.T) {
	checkKinds(t, []kindCase{
		{"متاثرین کے مطابق ملزم نے انہیں دبئی میں نوکری دلانے کا جھانسہ دے کر فی کس تین لاکھ روپے وصول کیے، مگر وہاں پہنچ کر پتہ چلا کہ ان کے پاس وزٹ ویزا ہے۔", redflags.KindVictim, redflags.High},
		{"According to the complainant, the suspect posted an ad on Facebook offering jobs in Saudi Arabia with a salary of 2,500 riyals and asked applicants to deposit Rs 45,000 as visa fee into his personal account.", redflags.KindVictim, redflags.High},
		{`Beware: fraudsters are posting ads for jobs in Europe on Facebook, asking for "processing fees" of up to Rs 200,000. The Bureau of Emigration has not authorised any such recruitment. Check the OEP's licence at beoe.gov.pk.`, redflags.KindAdvisory, redflags.Low},
	})
}

// TestNotOffersThatNameMoney reads a shop's order total, a worker's question about the end of
// a job abroad and a reader's letter on the trade in visas as what they are, not as offers or
// victims' accounts.
func TestNotOffersThatNameMoney(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Order #113-87368244-001 confirmed! Est. delivery 03/23. Total: $2249.78. Questions? Call 8557672244. Reply STOP to opt-out. Happy shopping!", redflags.KindOther, redflags.Low},
		{"I have worked in Qatar since September 2010 as an electrical lead man. My visa expired on December 29, 2014 and my resignation was accepted by the company. They gave me end of service dues but did not give me an air ticket. When I enquired about it they gave me appointments several times, but nothing happened. What should I do now?", redflags.KindQuestion, redflags.Low},
		{"سعودی عرب میں کسی سعودی شخص کو ڈرائیور کی ضرورت ہوتی ہے، وہ سعودی حکومت سے 2000 ریال فیس دے کر ویزا لیتا ہے، پھر کبھی ایسے ہوتا ہے کہ یہ سعودی شخص اس کو ویزا بیچ دیتا ہے، مثلا 8000 یا 10000 ریال میں۔ پھر وہ دوسرا آدمی اس کو مزید آگے بیچ دیتا ہے۔ میں جاننا چاہتا ہوں کہ کیا اس قسم کی خرید و فروخت جائز ہے؟", redflags.KindQuestion, redflags.Low},
		{"Saudi work visa ki total fees kitni hoti hai legally? Agent 4 lakh mang raha hai", redflags.KindQuestion, redflags.Low},
		// The same sums with a number to call are an offer.
		{"سعودی ڈرائیور ویزا 10000 ریال میں دستیاب ہے، 2000 ریال فیس پہلے۔ رابطہ 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestPilgrimsAndLegislators reads pilgrims stranded by their tour and a legislator's demand as
// news, not as a job's victims or an offer; workers sent on pilgrims' visas to work are victims.
func TestPilgrimsAndLegislators(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بغداد ایئرپورٹ پر 3 دن سے پھنسے پاکستانی زائرین نے حکومت سے وطن واپسی میں مدد کرنے کی اپیل کی ہے۔ سالار قافلہ پرواز کی روانگی سے قبل پاسپورٹس سمیت اچانک غائب ہوگیا اور ٹریول ایجنٹ کی جانب سے بروقت ٹکٹ نہ دینے کے سبب وہ مشکل میں ہیں۔", redflags.KindOther, redflags.Low},
		{"ریاض: سعودی رکن شوریٰ نے مطالبہ کیا ہے کہ 4 ہزار ریال سے کم تنخواہ پانے والے غیر ملکی کو ڈرائیونگ لائسنس نہ دیا جائے۔ انہوں نے کہا کہ اس سے آزاد ویزے پر کام کرنے والوں کی حقیقت کھل جائے گی۔", redflags.KindOther, redflags.Low},
		{"ایجنٹ نے عمرہ ویزے پر سعودی عرب بھیج کر کہا تھا کہ وہاں نوکری ملے گی، میرے بھائی سے ڈیڑھ لاکھ روپے لیے، اب وہ وہاں پھنسا ہوا ہے۔", redflags.KindVictim, redflags.High},
		// The state bringing its citizens home is news of the state.
		{"MANILA — Six Filipinos duped into working in a scam center in Myanmar have been brought home by the Presidential Anti-Organized Crime Commission, the Palace said. They were brought home through the combined efforts of the PAOCC and the Office of the Police Attaché in Thailand.", redflags.KindOther, redflags.Low},
	})
}

// TestSumsRestatedAndStatesFees reads a sum restated in another currency as the same sum, an
// office's notification of a state's levy and a tourist e-visa's fee as news, and a job of years
// that ended without its dues as no recruiter's fraud.
func TestSumsRestatedAndStatesFees(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, `Haroon Malik, Labour Attaché at the Pakistan Consulate in Dubai, said: "Each man paid Rs300,000 (Dh10,800) or more to recruitment agents on the promise that they would get Dh1,500 salary plus overtime."`)
	if v.Has(redflags.UnrealisticPay) || v.Kind != redflags.KindVictim || v.Risk != redflags.High {
		t.Errorf("a paid sum restated in dirhams: %s %s %+v", v.Kind, v.Risk, v.Flags)
	}
	checkKinds(t, []kindCase{
		{"ریاض: محکمہ پاسپورٹ نے اعلامیہ جاری کرتے ہوئے کہا ہے کہ مملکت میں مقیم غیرملکیوں کو اپنے اہل خانہ کا خروج و عودہ جاری کرنے یا اقامہ کی تجدید سے پہلے 100 ریال ماہانہ فیس ادا کرنی ہوگی۔", redflags.KindOther, redflags.Low},
		{"آذربائیجان ٹریول بورڈ کی سی ای او نے اسلام آباد میں پریس کانفرنس کرتے ہوئے بتایا کہ رواں سال 66 ہزار پاکستانی آذربائیجان کا دورہ کر چکے ہیں، پاکستانیوں کے لیے ای ویزہ کی فیس صرف 27 ڈالر ہے۔", redflags.KindOther, redflags.Low},
	})
	checkKinds(t, []kindCase{
		// A fee with no job, no work and nowhere abroad is a lender's or a lottery's, not a job's.
		{"Dear Customer, your loan of Rs. 25,000 has been approved. Processing fee Rs. 1,500 will be deducted. Download the app to receive the amount: bit.ly/loan-pk", redflags.KindOther, redflags.Low},
		{"Congratulations! You have won 2 lakh cash prize in Jazz lucky draw. Call 0300-5550123 to claim. Registration fee Rs 5000.", redflags.KindOther, redflags.Low},
		// A fee the state has set, reported; with a number to call the same words are a price.
		{"سعودی عرب: اقامہ کی تجدید کی فیس میں اضافہ، نئی فیس 650 ریال مقرر", redflags.KindOther, redflags.Low},
		{"Saudi visa fee raised to SAR 2,000 from next month, the ministry said", redflags.KindOther, redflags.Low},
		{"Saudi visa, fee set at Rs 3 lakh, half now. Call 0300-5550123", redflags.KindAd, redflags.High},
	})
	v = analyze(t, a, nil, "Services of Saeed Akhtar were terminated by his employer in Makkah this year after 20 years as an AC technician. He said he was not given even his due gratuity and last three months salary, and remained stranded in the camps for three months waiting for an air ticket.")
	if v.Kind == redflags.KindVictim || v.Risk == redflags.High {
		t.Errorf("a job of years ended without its dues: %s %s %+v", v.Kind, v.Risk, v.Flags)
	}
}

// TestShapesOthersWrote holds the shapes that texts written by other hands (a helper who did not
// read the rules wrote 280 ads and messages) showed the analyser missing: each is written here
// anew, in other words than the text that showed it.
func TestShapesOthersWrote(t *testing.T) {
	checkKinds(t, []kindCase{
		// A prize with a "registration fee" and "rabta karein" is a lottery's, not a job's.
		{"Mubarak! Aap ka CNIC qurandazi mein nikla hai, inaam 10 lakh. Inaam lene ke liye 0301-5550199 par rabta karein. Registration fees Rs 3,000.", redflags.KindOther, redflags.Low},
		// The scammers' message relayed with "do not pay" and no number to pay: a warning.
		{"Bhaiyo fraudiye ye message bhej rahe hain: 'Aap Qatar mein driver select ho gaye, salary 4000 riyal, bas 30000 visa fee bhejein'. Koi paise na bhejna, sab jhoot hai.", redflags.KindAdvisory, redflags.Low},
		// A visa "without IELTS" sells the way abroad, not a course.
		{"UK work permit bina IELTS ke. 100% guarantee. Pehle 1 lakh registration, baqi visa lagne ke baad.", redflags.KindAd, redflags.High},
		// Money asked into an account, however loudly it warns of fake agents first.
		{"⚠️ Jaali agents se bachein! Hum registered hain. Portugal work visa 12 lakh. 3 lakh advance is account mein bhejein: HBL, Account No 12345678901234. Koi fraud nahi.", redflags.KindAd, redflags.High},
		// Registration priced, and a fee to be sent with the passport, in Urdu.
		{"گھر بیٹھے ڈیٹا انٹری کریں، ماہانہ ۳۵ ہزار۔ رجسٹریشن ۱۲۰۰ روپے۔ اپنا شناختی کارڈ نمبر بھیجیں۔", redflags.KindAd, redflags.High},
		{"عمان کے لیے ڈرائیور۔ ویزا ۲۰ دن میں۔ اصل پاسپورٹ کوریئر کر دیں، پروسیسنگ فیس ۲۰۰۰۰ روپے ساتھ بھیجیں۔", redflags.KindAd, redflags.High},
		// Deposits made again and again, and work by force: victims' words.
		{"online job thi, pehle task ke liye 10 hazar dalwaye phir 40 hazar, ab kehte hain withdraw ke liye 80 hazar aur do. kya karun?", redflags.KindVictim, redflags.High},
		// Offices disowning those who use their name, a public notice, a forward passed on.
		{"بیورو کا کسی بھی نجی ایجنٹ سے کوئی تعلق نہیں۔ بیورو کے نام پر رقم مانگنے والے جعلساز ہیں، انہیں ادائیگی نہ کریں۔", redflags.KindAdvisory, redflags.Low},
		{"Itla-e-aam: Iran aur Turkey ke raste Europe bhejne wale agent phir se sargaram hain. Ye maut ka raasta hai, apne bachon ko mat bhejein.", redflags.KindAdvisory, redflags.Low},
		{"Passing this on from a friend at the Protector office: someone is using the name of a licensed promoter with a different phone number. Only call the number on the BEOE website.", redflags.KindAdvisory, redflags.Low},
	})
	a := mustAnalyzer(t)
	// "According to the rules" quotes no one: a lawful ad that says it is no news report.
	v := analyze(t, a, nil, "ضرورت برائے قطر\nآجر: الخلیج کنٹریکٹنگ، دوحہ\nمستری، الیکٹریشن، پلمبر\nتنخواہ ۱۵۰۰ ریال، رہائش اور کھانا کمپنی کی طرف سے\nمعاہدہ دو سال\nانٹرویو ۱۰ جنوری ہمارے دفتر میں\nسروس چارجز حکومتی قواعد کے مطابق، بینک رسید کے ساتھ۔ پروٹیکٹر فیس حکومت کے مطابق۔")
	if v.Kind != redflags.KindAd || v.Risk == redflags.High {
		t.Errorf("a lawful Urdu ad that charges 'according to the rules': %s %s %v", v.Kind, v.Risk, v.Flags)
	}
}

// TestHelplineMessagesAndQuotedOffers holds the second and third batches another hand wrote:
// messages as people with little schooling send them to a helpline (no "I", no currency, no
// punctuation), posts of Facebook visa groups, and offers quoted in a report.
func TestHelplineMessagesAndQuotedOffers(t *testing.T) {
	checkKinds(t, []kindCase{
		// Victims who drop the "I", give the sum bare, were made to deposit for tasks, or had the
		// passport taken on arrival.
		{"Paid 2 lakh for Poland work permit, the permit turned out fake and the agent is not picking up", redflags.KindVictim, redflags.High},
		{"Sir I paid 280000 to an agent in Sialkot for a Greece work visa. Now he is not picking my calls. Please help", redflags.KindVictim, redflags.High},
		{"I did the review tasks and got Rs 500 first. Then I deposited Rs 90,000 for prepaid tasks and now they say pay 40,000 more to withdraw.", redflags.KindVictim, redflags.High},
		{"ہمیں قطر میں ہوٹل کی نوکری کا کہا گیا تھا، وہاں پہنچے تو کمپنی نے پاسپورٹ رکھ لیے۔", redflags.KindVictim, redflags.High},
		{"جاز کیش پر ۱۰ ہزار فائل فیس بھیجی تھی جاپان کے لیے، اب وہ نمبر بلاک کر چکے ہیں۔", redflags.KindVictim, redflags.High},
		{"sir online job mein scam hogaya mere sath, pehle 300 mile phir 20000 dalo kaha, ab kehte 40000 aur do", redflags.KindVictim, redflags.High},
		// A visa priced in a short post with a number, the route named after the destination,
		// a transit country's visa that gets one to Europe, a trade wanted abroad.
		{"Oman cleaning company visa 🚨 last date kal. 2.8 lac. Abhi 40k do naam list me. 0333-5550172", redflags.KindAd, redflags.High},
		{"Italy by road 💯 safe hai, guide saath hoga. Payment pohanch kar, abhi sirf 2 lac advance.", redflags.KindAd, redflags.High},
		{"بیلاروس کا ویزا لگوا کر یورپ پہنچائیں گے۔ بہت سے لڑکے جا چکے۔ کل ۱۴ لاکھ", redflags.KindAd, redflags.High},
		{"Qatar me cook chahiye, rabta sirf whatsapp pe 0345-5550611, call nahi", redflags.KindAd, redflags.High},
		// A task scam's deposit "to activate your account"; a file charge sent to a wallet in
		// mixed script; a guard's job in Russia named "security".
		{"Work 1 hour a day from home and earn $40-$150. A small deposit of $25 is needed to activate your account.", redflags.KindAd, redflags.High},
		{"Kuwait jobs — salary 350 KWD — فائل چارجز 15,000 ایزی پیسہ پر bhejein 0302 5550199", redflags.KindAd, redflags.High},
		{"Russia mein security ka kaam, 4 lakh mahana, ticket free, passport ki copy bhejein", redflags.KindAd, redflags.High},
		// An offer quoted in a report is the offer; an official's words and a myth knocked down
		// are not.
		{`According to the FIR, the WhatsApp message read: "You are selected as a store keeper at Qatar Airways, salary QAR 6,000. Deposit the refundable visa fee of Rs 95,000 to the account below within 24 hours."`, redflags.KindAd, redflags.High},
		{`Police ke mutabiq agent ne ye message bheja: "Cambodia mein call center job, salary 1200 dollar, ticket aur visa company ka, jaldi karein sirf 5 seats bachi hain."`, redflags.KindAd, redflags.High},
		{`"The UAE had reservations that Pakistanis beg in the country, but they are on visit visas, not work visas and not jobs," the promoter said, adding that the committee should take it up.`, redflags.KindOther, redflags.Low},
	})
	// The name alone, as pasted from a poster, asks about the agency: unlisted, it is the
	// register's answer that no such licence is there; listed, its licence.
	a := mustAnalyzer(t)
	reg := sampleRegister(t)
	for _, tt := range []struct {
		text  string
		found bool
	}{{"Al-Faisal Overseas Employment Promoters", false}, {"الفیصل اوورسیز ایمپلائمنٹ پروموٹرز", false}, {"Crescent Manpower Services Lahore", true}} {
		v := analyze(t, a, reg, tt.text)
		if v.Kind != redflags.KindLicenceQuery || (len(v.Licences) > 0) != tt.found {
			t.Errorf("%q alone: %s %s %v, want a licence query (found %v)", tt.text, v.Kind, v.Risk, v.Licences, tt.found)
		}
	}
	if v := analyze(t, a, reg, "Overseas Employment Promoters"); v.Kind == redflags.KindLicenceQuery {
		t.Errorf("agency words with no name asked about a licence: %s %v", v.Kind, v.Licences)
	}
}

// TestCautionsAndNegatedVerbs reads what the reader is told not to do as advice, a negation
// before an Urdu verb as negating it, a sign within its sentence, and a loss supposed as a
// question.
func TestCautionsAndNegatedVerbs(t *testing.T) {
	checkKinds(t, []kindCase{
		// Told not to go, the young people forced into scams are the warning's argument.
		{"Dear parents, many of you ask about Laos and Myanmar 'data entry jobs' with free tickets. Please do not send your children. These are traps where young people are forced into online fraud.", redflags.KindAdvisory, redflags.Low},
		// "I would never go back" is a victim's resolve, not advice.
		{"After two months my passport was taken by the agency and I was beaten by the madam. My family paid for my ticket home. I would never go back to the Gulf.", redflags.KindVictim, redflags.High},
		// An authority's notice that says where not to deposit.
		{"بیورو آف امیگریشن: صرف لائسنس یافتہ پروموٹرز سے رابطہ کریں۔ کسی ذاتی اکاؤنٹ یا موبائل والٹ میں رقم جمع نہ کروائیں۔", redflags.KindAdvisory, redflags.Low},
		// How to check "any" agent asks how, not about an agency named "kisi overseas".
		{"licence kaise check karun kisi overseas agent ka?", redflags.KindQuestion, redflags.Low},
		// A loss supposed, to ask where to complain; a loss told, with the same question.
		{"complaint kahan karun agar agent paise le kar bhaag jaye?", redflags.KindQuestion, redflags.Low},
		{"Agent ne 2 lakh le liye, agar wapas na de to kya karun?", redflags.KindVictim, redflags.High},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Qatar ke liye waiters. OEPL No. 9848/LHR. Interview Lahore office me. Kisi ko cash na den, hum koi advance nahi lete.",
		"Hotel staff for Qatar. Interviews at our Lahore office. We never ask for money in advance; fees only as per BEOE rules with a receipt.",
	} {
		if v := analyze(t, a, nil, text); v.Has(redflags.CashPayment) || v.Has(redflags.UpfrontFee) || v.Risk == redflags.High {
			t.Errorf("%q: %s %s %v, a lawful ad that says what it does not take", text, v.Kind, v.Risk, v.Flags)
		}
	}
}

// TestLockedUpAndInvested: a worker locked up and beaten abroad, a wage promised and withheld, and
// money put into an investment app are victims' accounts; a Korean visa "without the test" and an
// order-grabbing job that starts with a deposit are signs.
func TestLockedUpAndInvested(t *testing.T) {
	checkKinds(t, []kindCase{
		{"my cousin went to myanmar for a data entry job, now he says they are keeping him locked and beating him. please tell us who to contact", redflags.KindVictim, redflags.High},
		{"sir mujhe qatar me company tankhwa nahi de rahi 3 mahine se, agent ne kaha tha 1800 riyal milenge, passport bhi kafeel ke pass hai", redflags.KindVictim, redflags.High},
		{"trading app me 80 hazar lagaye the, pehle profit aya phir app band ho gaya aur group se nikal diya", redflags.KindVictim, redflags.High},
		{"Hotel order task job. Complete orders and earn 12% commission. Start with a minimum deposit of Rs 3,000. DM now.", redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "جاپان کیئر گیور ویزا بغیر ٹیسٹ کے۔ رابطہ ۰۳۲۱۵۵۵۰۴۴۱"); !v.Has(redflags.NoInterview) {
		t.Errorf("a visa without its test: %s %s %v", v.Kind, v.Risk, v.Flags)
	}
}

// TestAdviceInOtherWordsAndPunjabi: the lawful way put to the reader is advice; a chain message's
// "forward karein" is not; Punjabi in Shahmukhi is another language.
func TestAdviceInOtherWordsAndPunjabi(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Embassy of Pakistan, Tokyo: the only legal way to work in Japan as a caregiver is through OEC. No private agent can register you.", redflags.KindAdvisory, redflags.Low},
		{"Bhaiyon, kisi ko bhi JazzCash par 'file charges' mat bhejna. OEC aise paise nahi leti, taake koi aur na phanse.", redflags.KindAdvisory, redflags.Low},
		{"Jumma Mubarak 🌹 Allah aap sab ko khush rakhe, is msg ko aage forward karein sadqa e jaria hai", redflags.KindOther, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "ابا جی نوں آکھو کہ میں عید تے گھر آواں گا۔ ایتھے سب ٹھیک اے۔"); v.Kind != redflags.KindOtherLanguage || v.OtherLanguage != "pa" {
		t.Errorf("Punjabi in Shahmukhi: %s %q", v.Kind, v.OtherLanguage)
	}
}

// TestVisasSoldAndStoriesTold holds the fifth and sixth batches another hand wrote: visas and
// sponsorships sold outright, money to bring or to pay "to start", transit cities, insiders,
// originals sent by courier; questions and warnings about those signs; a swindle told by the
// one it was done to.
func TestVisasSoldAndStoriesTold(t *testing.T) {
	checkKinds(t, []kindCase{
		{"UK care visa sponsorship available! Senior carer roles. CoS for sale, GBP 11,000. DM for details.", redflags.KindAd, redflags.High},
		{"قطر کے ۳ ویزے فروخت کے لیے / لیبر کیٹیگری / فی ویزا ۴ لاکھ / سنجیدہ لوگ رابطہ کریں 0301-5550987", redflags.KindAd, redflags.High},
		{"Walk-in interviews Monday at Hotel Grand, Multan. Bring CNIC copy, 6 photos and Rs 25,000 (medical + registration).", redflags.KindAd, redflags.High},
		{"Minsk se Europe 🇧🇾➡️🇪🇺 Belarus ka visa lagwa ke denge, wahan se hamare banday aage le jayenge. 11 lakh.", redflags.KindAd, redflags.High},
		{"Emirates airline mein direct bharti, hamara banda andar HR mein hai. 3 lakh do aur job lo.", redflags.KindAd, redflags.High},
		{"Apna asli passport TCS karein, baqi kaam hamara. Oman ka visa 20 din mein.", redflags.KindAd, redflags.High},
		{"Free visa kya hota hai? Kya sach mein koi aisa visa milta hai?", redflags.KindQuestion, redflags.Low},
		{"Bhaiyon, visit visa pe kaam karna Dubai mein jurm hai. Pakre gaye to deport. Kisi agent ki baaton mein na aaen.", redflags.KindAdvisory, redflags.Low},
		{"خاندان کے گروپ میں اطلاع: 'فری ویزا' کے نام پر لاکھوں روپے لیے جا رہے ہیں۔ فری ویزا نام کی کوئی چیز نہیں ہوتی۔", redflags.KindAdvisory, redflags.Low},
		{"ایک آدمی نے خود کو بیورو کا افسر بتا کر فون کیا اور جاپان کی نوکری کے لیے دس ہزار روپے فیس جاز کیش پر لے لی۔", redflags.KindVictim, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Lahore mein riders chahiye, apni bike aur license zaroori. Rozana 1500 + petrol. Interview Model Town office mein."); v.Kind == redflags.KindLicenceQuery {
		t.Errorf("a driving licence and a day's pay in the next sentence asked about a licence: %s %v", v.Kind, v.Licences)
	}
}

// TestSchemesSelectionsAndProcess: a scheme under the Prime Minister's name with a link, a
// selection the reader never sat for with documents asked, advice against the route, a notice
// before departure, and how to go about it lawfully asked.
func TestSchemesSelectionsAndProcess(t *testing.T) {
	checkKinds(t, []kindCase{
		{"وزیراعظم اوورسیز روزگار پروگرام ۲۰۲۶ / نوجوانوں کے لیے قطر اور عمان میں نوکریاں / رجسٹریشن کے لیے لنک کھولیں bit.ly/pm-jobs-pk", redflags.KindAd, redflags.High},
		{"Mubarak ho! Ap ko Oman security guard job ke liye select kar liya gaya hai. Apna passport copy, CNIC aur ghar ka address WhatsApp karein.", redflags.KindAd, redflags.High},
		{"Yaaro, Spain dunki ka sochna bhi mat. Hamare mohalle ke 3 larke gaye, wapas nahi aye. Legal tareeqe se jao.", redflags.KindAdvisory, redflags.Low},
		{"Germany ke liye nursing visa ka kya process hai? Kahan se apply karein?", redflags.KindQuestion, redflags.Low},
	})
}

// TestRomanQuestionsAndTaskLadders holds the seventh and eighth batches another hand wrote:
// questions typed without a question mark, advice in Roman Urdu, a mall-task ladder, a token to
// hold a seat, money sent first and the visa after, an insider at the embassy, a permanent job at
// home, and victims' words from a family group.
func TestRomanQuestionsAndTaskLadders(t *testing.T) {
	checkKinds(t, []kindCase{
		{"OEP kitni fees le sakta h? mera agent 3 lakh mang raha h kia ye theek h", redflags.KindQuestion, redflags.Low},
		{"agent raseed nahi de raha kehta h bharosa karo, kia karun", redflags.KindQuestion, redflags.Low},
		{"agar agent paise le kar bhaag jaye to shikayat kahan karein FIA ya kahin aur", redflags.KindQuestion, redflags.Low},
		{"Ghar baithe reviews likhne ke paise wali koi job asli nahi hoti. Pehle chota profit dete hain phir bara deposit mangte hain. Apne bachon ko samjhayen", redflags.KindAdvisory, redflags.Low},
		{"Welcome to Star Mall Tasks. Complete 40 orders a day for commission. VIP2 starts with a prepaid balance of 100 USDT.", redflags.KindAd, redflags.High},
		{"Qatar ke liye 20 mazdoor chahiye, token money 15,000 abhi bhejo warna seat khatam", redflags.KindAd, redflags.High},
		{"Saudi me driver job salary 3000 riyal. payment HBL account 0102-0104829361 me bhejein phir visa process start", redflags.KindAd, redflags.High},
		{"Bhai Qatar ka visa lagwana hai to mera banda embassy mein hai, stamp 3 din mein. Sirf 2 lakh extra. Apna passport mujhe de do.", redflags.KindAd, redflags.High},
		{"mujhe visit visa pe kaam ke liye bheja tha wahan police ne pakar liya, 2 mahine jail aur phir deport. 3 lakh gaye", redflags.KindVictim, redflags.High},
		{"maine task wali app me 38000 daal diye, ab withdraw nahi ho raha, bolte hain aur deposit karo", redflags.KindVictim, redflags.High},
	})
	// At home "pakki naukri" is a permanent post, no guarantee of a job abroad.
	checkNotFlagged(t, redflags.Guaranteed, "Sialkot football factory ko silai karigar chahiye, piece rate, pakki naukri. Sambrial road")
}

// TestSymbolsAloneWarnOfNothing: "❌" beside "✅" is an ad's style ("plane ❌ car ✅"), not a
// warning, when no word of one goes with it.
func TestSymbolsAloneWarnOfNothing(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Italy by road ✈️❌🚗✅ Quetta se Taftan, phir Iran aur Turkey. Ghar se pick. Packet 13 lakh, guarantee ke sath.", redflags.KindAd, redflags.High},
		{"❌ Cash mein paise na dein ❌ Visit visa pe kaam ke liye na jayen ✅ Sirf licensed agent se rabta karein", redflags.KindAdvisory, redflags.Low},
		// The passport asked to be left with the agent is a document demanded; a Korean visa
		// "bina EPS test" skips the test.
		{"Spain work permit open hai, farming. Contract wahan ja kar milega. Filhal apna asal passport aur 4 photos office mein jama karwa dein, visa lagne tak passport hamare paas rahega.", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.NoInterview, "Korea EPS ke liye test zaroori hai, OEC se register karein")
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Korea ka work visa bina EPS test ke, factory job. Rabta karein Gujranwala office."); !v.Has(redflags.NoInterview) {
		t.Errorf("a Korean visa without its test: %s %s %v", v.Kind, v.Risk, v.Flags)
	}
}

// TestDeniedPaymentsAndLicenceNumbers: a payment denied in Urdu ("ابھی میں نے پیسے نہیں دیے") is
// none; a licence number is no sum lost; "if it has happened to you, then" advises; a question
// that then tells the agent's demand asks.
func TestDeniedPaymentsAndLicenceNumbers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"اگر کسی ایجنٹ کی شکایت کرنی ہو تو کہاں کریں؟ ابھی میں نے پیسے نہیں دیے، صرف شک ہے۔", redflags.KindQuestion, redflags.Low},
		{"Online fraud hua ho to NCCIA helpline 1799 par shikayat karein. Jaali visa ya dunki ke maamlat FIA ko report karein.", redflags.KindAdvisory, redflags.Low},
		{"What is the most an agent can legally charge me for a Qatar job? Mine is asking 3 lakh, he says that includes the ticket and visa.", redflags.KindQuestion, redflags.Low},
		// English "not paid her salary" is wages withheld: still a loss.
		{"One worker said she was not paid her salary for six years in Kuwait. Her employer had kept her passport, she said.", redflags.KindVictim, redflags.High},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "How do I check if a recruiting agent's licence is real? He gave me OEPL 2415/RWP but I don't know where to look it up."); v.Kind == redflags.KindVictim {
		t.Errorf("a licence number read as a sum lost: %s %s", v.Kind, v.Risk)
	}
}

// TestRoutesRoundTheVisa: the land and transit routes told in the words their posts use (a
// "game" at a border, a transit country with Europe after it, the Protector's stamp skipped, an
// overstay), the order-grabbing ladder in Urdu, a lawful posting that cites its own licence, a
// local job with a number to call, and a question that ends where it asks.
func TestRoutesRoundTheVisa(t *testing.T) {
	checkKinds(t, []kindCase{
		{"یورپ گیم 🇮🇹 ایران ترکی یونان، پیسے پہنچنے پر۔ گروپ اگلے ہفتے نکل رہا ہے، گجرات کے بندے ان باکس کریں", redflags.KindAd, redflags.High},
		{"Bihac se game lagti hai, har hafte hamare bande cross karte hain. Italy mein kaam pakka. Rabta 0345-5550911", redflags.KindAd, redflags.High},
		{"بیلاروس سٹڈی ویزا، آئیلٹس نہیں۔ وہاں سے پولینڈ کا بارڈر بالکل قریب ہے، گائیڈ اپنا ہے۔ کل 7 لاکھ", redflags.KindAd, redflags.High},
		{"سعودی ورک ویزا موجود ہے۔ پروٹیکٹر کی ضرورت نہیں، ایئرپورٹ پر ہماری سیٹنگ ہے۔ رابطہ 0301-5550432", redflags.KindAd, redflags.High},
		{"Libya mein construction company ki job, 900 dollar. Wahan se baad mein Italy ka chance bhi hai. Rabta 0333-5550177", redflags.KindAd, redflags.High},
		{"آرڈر گریبنگ جاب: اپنے اکاؤنٹ میں 3000 ڈپازٹ کریں، ہر آرڈر پر 5٪ کمیشن۔ رابطہ ٹیلیگرام", redflags.KindAd, redflags.High},
		{"YouTube channel subscribe karne ka kaam, har subscribe pe Rs 100. Msg karein wa.me/923005550188", redflags.KindAd, redflags.High},
		// A posting that cites its own licence is an ad, not a question about the licence.
		{"Hotel staff for Doha: waiters and room attendants. Interviews at our Lahore office. OEP No. 9123/LHR. We never take money in advance.", redflags.KindAd, redflags.Medium},
		// A job at home with a number to call is an ad (unverified: medium, and no sign).
		{"Karyana store pe helper chahiye, Multan. Tankhwah 20,000 + khana. Rabta 0300-5550216", redflags.KindAd, redflags.Medium},
		// A sign does not run past a question mark: the fee is asked about, not demanded.
		{"Protector ka stamp kaise lagta hai? Kaun se documents chahiye aur fees kitni hai? Pehli dafa ja raha hoon", redflags.KindQuestion, redflags.Low},
	})
	// A transit country alone, with no European one, is a destination like any other.
	checkNotFlagged(t, redflags.IrregularRoute, "Azerbaijan hotel jobs, salary 700 dollars, visa 15 din mein, interview Lahore office")
}

// TestHarmAbroadAndSpelledSums: a family's account of forced labour abroad (kept locked in,
// beaten, the phone taken, in a jail or in hiding), the task app's savings gone, found out on
// arrival, a sum spelled in words, and an office's prohibition that advises.
func TestHarmAbroadAndSpelledSums(t *testing.T) {
	checkKinds(t, []kindCase{
		{"میری بہن سعودیہ میں گھریلو ملازمہ ہے، ایجنٹ نے بھیجا تھا۔ مالکن اس سے 18 گھنٹے کام کرواتی ہے اور فون چھین لیا ہے۔ اسے واپس لانا ہے", redflags.KindVictim, redflags.High},
		{"mera bhai Libya ki jail mein hai 3 mahine se, agent kehta hai 4 lakh aur do to nikal denge. kya karein", redflags.KindVictim, redflags.High},
		{"My cousin went to Oman through an agent as a driver. The sponsor took his phone and is not letting him call us, he works 18 hours. Who can help?", redflags.KindVictim, redflags.High},
		{"agent ne kaha tha factory ki job hai, yahan aake pata chala visit visa tha. police ki raid hui, main chupa hua hun. wapas kaise jaun", redflags.KindVictim, redflags.High},
		{"میں نے ٹیلیگرام پر آرڈر گریبنگ ایپ میں ساری بچت لگا دی، اب ایپ ہی نہیں کھل رہی۔ کیا کروں؟", redflags.KindVictim, redflags.High},
		{"قطر میں ڈرائیور کی نوکری۔ نہ انٹرویو نہ ٹیسٹ۔ صرف پاسپورٹ کی کاپی اور ستر ہزار روپے جمع کروائیں", redflags.KindAd, redflags.High},
		{"Dubai cleaner job, visa in 10 days. Send your passport copy and forty thousand rupees to confirm your seat.", redflags.KindAd, redflags.High},
		{"این سی سی آئی اے: ٹاسک اور آرڈر گریبنگ ایپس سے ہوشیار رہیں۔ کسی پلیٹ فارم پر رقم جمع نہ کروائیں۔ متاثرین شکایت درج کروائیں۔", redflags.KindAdvisory, redflags.Low},
	})
	// "Remember us in your prayers" reminds of nothing an office warns of.
	checkKinds(t, []kindCase{{"جمعہ مبارک، دعا میں یاد رکھیں، شکریہ", redflags.KindOther, redflags.Low}})
}

// TestVisaPricesAndLawfulCounters: a short post that offers a visa and names its price in lakhs
// asks that price of the reader; a passport kept by the company "as the law there" is still kept;
// a visa fee paid by the worker at the embassy's visa centre is the state's.
func TestVisaPricesAndLawfulCounters(t *testing.T) {
	checkKinds(t, []kindCase{
		{"آذربائیجان جاب ویزا، کوئی کاغذات نہیں چاہیے صرف پاسپورٹ۔ ساڑھے 4 لاکھ", redflags.KindAd, redflags.High},
		{"Malta study visa pe jao aur full time kaam karo, 6 lakh me sab kuch. inbox karen", redflags.KindAd, redflags.High},
		{"ملائیشیا فیکٹری ویزا۔ کمپنی پاسپورٹ اپنے پاس رکھتی ہے، پریشان نہ ہوں۔ رابطہ 0301-5550876", redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Poland warehouse workers. Work permit by the employer. Worker pays the visa fee directly at the VFS centre, nothing to us before the permit. OEP Licence 9301/LHR",
		"پولینڈ ویئرہاؤس ورکرز۔ ورک پرمٹ آجر خود لے گا۔ ویزا فیس امیدوار خود ویزا سینٹر میں جمع کرائے گا۔ لائسنس 9301/LHR",
	} {
		if v := analyze(t, a, nil, text); v.Has(redflags.UpfrontFee) {
			t.Errorf("%q: a visa fee paid at the visa centre read as an agent's: %v", text, v.Flags)
		}
	}
}

// TestEmbassiesPhotosAndFiles: an embassy that sells visas over WhatsApp is not one; photographs
// asked of young women for a job abroad are the traffickers' first step; a sum to bring "for the
// file" is a fee however it is written.
func TestEmbassiesPhotosAndFiles(t *testing.T) {
	checkKinds(t, []kindCase{
		{"EMBASSY OF THE STATE OF QATAR - ISLAMABAD\nApproved work visas available for drivers and cooks. Contact our consular officer on WhatsApp +974 5550 1234.", redflags.KindAd, redflags.High},
		{"Dubai beauty salon mein ladkiyon ke liye kaam, salary 7000 dirham, rehaish free. Umar 18-26, apni 3 tasveerein WhatsApp karein, interview ki zarurat nahi", redflags.KindAd, redflags.High},
		{"Security guards for Qatar, salary 1800 QAR. Interview tomorrow in Rawalpindi. Bring passport, CNIC and 25k for file.", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.PersonalData, "Ladkiyon ke school ke liye teacher chahiye, CV aur tasveer school office mein jama karwayen")
}

// TestMoneyHomeAndEmployersWhoPay: a son's money sent home before Eid, a transfer's notice to
// the one it is for, and an employer that pays the visa fee itself ask nothing of the reader.
func TestMoneyHomeAndEmployersWhoPay(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Ammi Asad ka phone aya tha Riyadh se, keh raha tha tankhwah late hai, Eid se pehle paise bhej dega. Aap fikar na karein", redflags.KindOther, redflags.Low},
		{"Western Union: Money transfer MTCN 55xxxx21 sent by IMRAN ALI from Qatar is ready for pickup at any agent location. Carry your original CNIC.", redflags.KindOther, redflags.Low},
	})
	checkNotFlagged(t, redflags.UpfrontFee, "Riverside NHS Trust is recruiting nurses from Pakistan. We cover the CoS, visa fee, health surcharge and flights. Apply via NHS Jobs. We never charge candidates.")
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Oman visa: we cover the visa fee and ticket, only processing fee Rs 35,000 to book your seat. Call 0300-5550199"); !v.Has(redflags.UpfrontFee) {
		t.Errorf("a processing fee beside an employer's visa fee lost: %s %s %v", v.Kind, v.Risk, v.Flags)
	}
}

// TestLossesToldBriefly: a helpline message that starts with the loss ("lost 60k on ..."), a
// sum paid for a job abroad with no agent named, a brother held in a basement by the smugglers,
// a passport held for months.
func TestLossesToldBriefly(t *testing.T) {
	checkKinds(t, []kindCase{
		{"lost 45k on a hotel rating job on whatsapp. they keep asking for more deposit. how to report?", redflags.KindVictim, redflags.High},
		{"I paid 30,000 to 'Japan Jobs Registration Office' for a caregiver job in Japan. It has been 5 months and their office in Lahore is now closed.", redflags.KindVictim, redflags.High},
		{"My brother went through Iran with smugglers. Now some men are keeping him in a basement in Van and want Rs 6 lakh or they will sell him. What should we do?", redflags.KindVictim, redflags.High},
		{"agent ne mera passport 6 mahine se rakha hua hai, visa nahi laga, ab passport wapis mangta hoon to kehta hai 40 hazar do. kya karun", redflags.KindVictim, redflags.High},
	})
}

// TestCompoundsArmiesAndSoldPermits: any job in a scam compound's town, a "guard" job in Russia
// with a Russian passport and a contract in Russian, an LMIA's fee asked of the worker, a
// work-permit lottery that charges to enter, a CoS one person holds and prices, the Protector
// skipped in a priced offer (and not in an advisory).
func TestCompoundsArmiesAndSoldPermits(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Video editors needed for an online company in Shwe Kokko, $1,400 a month. Flight to Bangkok provided, onward transport by company. Apply on Telegram @hr_desk", redflags.KindAd, redflags.High},
		{"Russia mein security guard ki job, 3 lakh mahana, 1 saal mein Russian passport. Wahan contract Russian zuban mein sign hoga. Rabta 0311-5550192", redflags.KindAd, redflags.High},
		{"Canada LMIA job in a bakery, employer sponsors. Sirf LMIA ki fee 22000 CAD aap ki taraf se. Rabta 0300-5550711", redflags.KindAd, redflags.High},
		{"کینیڈا ورک پرمٹ لاٹری ۲۰۲۶۔ قرعہ اندازی میں نام ڈلوانے کی فیس صرف ۳ ہزار روپے۔ رابطہ واٹس ایپ ۰۳۲۲۵۵۵۰۴۴۵", redflags.KindAd, redflags.High},
		{"Sirf CNIC pe Dubai ka visa, passport baad mein. Job hamari zimmedari. Sirf 40,000 advance. Rabta 0345-5550612", redflags.KindAd, redflags.High},
		{"UK ka CoS hai mere paas, care assistant ke 2 bache hain. 17 lakh final. Rabta 0301-5550344", redflags.KindAd, redflags.High},
		{"سعودی ورک ویزا۔ پروٹیکٹر کی ضرورت نہیں، ایئرپورٹ پر ہماری سیٹنگ ہے۔ 4 لاکھ", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.UpfrontFee, "An LMIA is obtained by the employer. Employers are prohibited from recovering LMIA fees from workers.")
	checkNotFlagged(t, redflags.IrregularRoute, "بیورو کی اطلاع: پروٹیکٹر کے بغیر بیرون ملک ملازمت کے لیے روانہ نہ ہوں۔")
}

// TestReportedPricesExamplesAndTheFront: a price others quote is asked of no one; a question that
// opens on its condition supposes its loss; a licence number given as an example is no agency's;
// a cousin sent from a "guard" job to an army camp, a man deported after paying, and a family's
// warning that tells the scammers' words are what they say they are.
func TestReportedPricesExamplesAndTheFront(t *testing.T) {
	checkKinds(t, []kindCase{
		{"یو کے کیئر ویزا کے لیے کیا واقعی CoS کے پیسے لگتے ہیں؟ سب 18 لاکھ بتا رہے ہیں", redflags.KindQuestion, redflags.Low},
		{"میرا بھائی گارڈ کی جاب پر روس گیا تھا، وہاں روسی زبان میں کاغذات پر سائن کروائے، اب فوجی کیمپ میں ہے اور کہتے ہیں محاذ پر بھیجیں گے۔ کس سے بات کریں؟", redflags.KindVictim, redflags.High},
		{"ترکی سے ڈی پورٹ ہو کر آیا ہوں۔ ایجنٹ کو 5 لاکھ دیے تھے، ایران میں پیدل چلایا۔ کیا پیسے واپس مل سکتے ہیں؟", redflags.KindVictim, redflags.High},
		{"*ضروری پیغام* فیس بک پر جابز کے اشتہار آ رہے ہیں جن میں لکھا ہوتا ہے 'پہلے فیس ایزی پیسہ کرو ویزا پکا'۔ کوئی بھی ایسے اشتہار پر پیسے نہ بھیجے۔ آگے شیئر کریں", redflags.KindAdvisory, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "او ای پی کا لائسنس کیسے چیک کریں؟ لائسنس نمبر عموماً نمبر/شہر کی شکل میں ہوتا ہے جیسے 1234/LHR۔ بیورو کی ویب سائٹ پر تلاش کریں۔"); len(v.Licences) != 0 || v.Kind == redflags.KindLicenceQuery {
		t.Errorf("a licence number given as an example read as cited: %s %v", v.Kind, v.Licences)
	}
	if v := analyze(t, a, nil, "اگر ایجنٹ پیسے لے کر غائب ہو جائے تو شکایت کہاں درج ہوتی ہے؟"); v.Kind == redflags.KindVictim {
		t.Errorf("a loss supposed read as told: %s %s", v.Kind, v.Risk)
	}
}

// TestAskedBeforePaying: someone who got an offer by WhatsApp and asks about it, with no number
// or link to pay, asks; "I haven't paid yet" is no payment, whatever the question names.
func TestAskedBeforePaying(t *testing.T) {
	checkKinds(t, []kindCase{
		{"What is Pak Soft Skills registration, is it a government thing? Someone on WhatsApp is asking Rs 2,500 to register me. Should I pay?", redflags.KindQuestion, redflags.Low},
		{"A care home in the UK offered me a job but they want £7,000 for the CoS. Is paying for a CoS normal? I haven't paid anything yet.", redflags.KindQuestion, redflags.Low},
		{"Where do I complain against an agent who promises a Qatar visa but gives no receipt? I haven't paid yet, he wants half in advance.", redflags.KindQuestion, redflags.Low},
	})
}

// TestPayInForeignCurrencyAndRansoms: in a short lawful post the dirhams and riyals are the pay,
// not a visa's price; a compound that asks money "to let him go" holds him.
func TestPayInForeignCurrencyAndRansoms(t *testing.T) {
	checkNotFlagged(t, redflags.UpfrontFee,
		"REQUIRED FOR UAE\nHeavy Duty Drivers – AED 3,000 + OT\nLight Drivers – AED 2,200\nEmployment visa, ticket and accommodation by employer\nService charges as permitted by law, through bank against receipt\nOEP No. 9345/KAR")
	checkKinds(t, []kindCase{
		{"My son went to Phnom Penh for an 'IT support job', free ticket free visa. Now he is in a building in Sihanoukville with guards and they want USD 4,000 to let him go. His phone is off. Please help.", redflags.KindVictim, redflags.High},
	})
}

// TestNewsOfferWordsAndReportedDemands: news of a visa rule that names a hotel booking, an
// authority's warning against "offers", a question about what an agent asks, and a kidnapper's
// video are none of them an offer.
func TestNewsOfferWordsAndReportedDemands(t *testing.T) {
	checkKinds(t, []kindCase{
		{"UAE ne Pakistani shehriyon ke liye visit visa ki sharait badal di hain, ab hotel booking aur return ticket lazmi. Travel agents ke mutabiq rejection kam hua hai.", redflags.KindOther, redflags.Low},
		{"protector ki fee kitni hoti hai bhai aaj kal? agent 40k keh raha hai sirf protector ka", redflags.KindQuestion, redflags.Low},
		{"کیا یو کے کیئر ویزا کے لیے سی او ایس خریدنا قانونی ہے؟ ایک بندہ ۱۴ لاکھ میں دے رہا ہے۔", redflags.KindQuestion, redflags.Low},
		{"Istanbul me mere bhai ko agent ke bandon ne ek ghar me band kar rakha hai, video bheji hai jis me maar rahe hain aur 4000 dollar mang rahe hain. Kya karein", redflags.KindVictim, redflags.High},
	})
}

// TestSmallFeesNamedAndHeldAbroad: a screening, verification or agreement fee and token money are
// fees whatever their size; a VIP level that asks a deposit and rating hotels for money are the
// task scam in Urdu; those held in a room, hiding from a raid or in a deportation centre, and an
// agent who does not pick the phone, are victims' words.
func TestSmallFeesNamedAndHeldAbroad(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Qatar Airways Recruitment 2026: Ground Staff, Loaders. Apply online at qatar-careers.online. Application and screening fee: Rs 3,500 (non-refundable).", redflags.KindAd, redflags.High},
		{"فارم فلنگ کا کام، ماہانہ ۴۰ ہزار فکس۔ کام سے پہلے ایگریمنٹ بنے گا جس کی فیس ۳۰۰۰ ہے۔ رابطہ ۰۳۰۰۵۵۵۰۱۲۳", redflags.KindAd, redflags.High},
		{"قطر ایئرویز لوڈر کی سیٹیں دستیاب، ۴۰۰۰ ریال۔ بکنگ کے لیے ۱۵ ہزار ٹوکن منی۔ رابطہ ۰۳۲۱۵۵۵۰۹۸۷", redflags.KindAd, redflags.High},
		{"Me in Malaysia 6 month. Agent said factory job with permit but no permit, they keep us in a room. Police raid, I am hiding. Agent have my passport. How I go Pakistan?", redflags.KindVictim, redflags.High},
		{"My brother went to Dubai on visit visa by an agent, agent said job is ready. 2 month no job, visa expire next week. Agent not picking phone. How he come back?", redflags.KindVictim, redflags.High},
	})
}

// TestExplainersAndExampleLicences: an explainer of how a racket works quotes its offers and
// advises; a licence number given as the shape of one ("like 1234/LHR", "(مثلاً 1234/LHR)") cites
// no agency.
func TestExplainersAndExampleLicences(t *testing.T) {
	checkKinds(t, []kindCase{
		{"How the 'Europe work permit' racket works: agents post offers of Romania and Croatia permits for Rs 8-12 lakh, demand an 'advance' of Rs 3 lakh, then send a forged permit. Genuine permits are applied for by the employer. Experts advise never paying anyone for an 'appointment'.", redflags.KindAdvisory, redflags.Low},
		{"آگاہی مہم: ایجنٹ کا لائسنس نمبر (مثلاً 1234/LHR) بیورو کی ویب سائٹ پر چیک کریں، رقم صرف رسید کے ساتھ دیں۔", redflags.KindAdvisory, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "Admin note: we delete posts that say 'visa guaranteed' or ask for advance on a personal JazzCash. Genuine OEP ads show a licence number like 1234/LHR and an office address."); v.Kind == redflags.KindLicenceQuery || v.Risk != redflags.Low {
		t.Errorf("a licence number given as an example read as asked about: %s %s", v.Kind, v.Risk)
	}
	if v := analyze(t, a, nil, "Is OEP 1234/LHR genuine?"); v.Kind != redflags.KindLicenceQuery {
		t.Errorf("a licence asked about: %s", v.Kind)
	}
}

// TestAskedBeforePayingAnything: a parent or a jobseeker who says nothing is paid yet and asks
// about an agent's demand asks; with a number to pay the same words pass the offer on.
func TestAskedBeforePayingAnything(t *testing.T) {
	checkKinds(t, []kindCase{
		{"میرے بیٹے کو دبئی میں ڈرائیور کی نوکری کی پیشکش ہوئی ہے۔ ایجنٹ ۲ لاکھ فیس مانگ رہا ہے۔ کیا یہ مناسب ہے؟ ہم نے ابھی کچھ نہیں دیا۔", redflags.KindQuestion, redflags.Low},
		{"ek banda Greece bhejne ka keh raha hai, 20 lakh aadha pehle. ye legal hai ya nahi? abhi kuch nahi diya", redflags.KindQuestion, redflags.Low},
	})
}

// TestStrandedMissingAndConfined: stranded with no fare home, missing after the boat, a domestic
// worker whose household keeps her passport and beats her, a group hiding after a raid.
func TestStrandedMissingAndConfined(t *testing.T) {
	checkKinds(t, []kindCase{
		{"I came to Dubai on a visit visa after an agent told me a company would hire me. Nobody came to receive me, the visa expires in 10 days and I have no money left for the ticket. What should I do?", redflags.KindVictim, redflags.High},
		{"Mera bhai July mein Libya se kashti mein betha tha, us ke baad koi khabar nahi. Agent kehta hai wo Greece ke camp mein hai. Kaise pata karein?", redflags.KindVictim, redflags.High},
		{"میری بہن دبئی میں گھریلو ملازمہ ہے، ایجنٹ نے بھیجا تھا۔ وہ لوگ اس کا پاسپورٹ نہیں دے رہے اور مارتے بھی ہیں۔ وہ رات کو چھپ کر فون کرتی ہے۔ کیا کریں؟", redflags.KindVictim, redflags.High},
	})
}

// TestRoutesOnFootAndToAmerica: on foot after Taftan, the Balkan jungle with a guide, the donkey
// flight to the US through Brazil and Mexico, "aage jana ho to" from Libya; a task in Urdu that
// needs a recharge to go on; travel news that quotes travel agents.
func TestRoutesOnFootAndToAmerica(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Quetta se Turkey tak sab arrangement hamara. Taftan ke baad gaari, phir paidal 2 din. Istanbul mein kaam bhi. 6 lakh. Rabta 0300-5550876", redflags.KindAd, redflags.High},
		{"USA via Brazil-Mexico route. Flights and guides arranged, asylum support after entry. 40 lakh package. Call 0345-5550321", redflags.KindAd, redflags.High},
		{"Libya factory job, visa ticket hamari, tankhwa 600 dollar. Wahan se aage jana ho to bhi intezam ho jata hai. Rabta 0312-5550444", redflags.KindAd, redflags.High},
		{"گھر بیٹھے آن لائن جاب: پروڈکٹس کو لائک کریں، پہلے دن ۸۰۰ روپے بونس۔ ٹاسک جاری رکھنے کے لیے ۵۰۰۰ روپے کا ریچارج لازمی ہے۔ رابطہ ۰۳۰۰۵۵۵۰۱۱۲", redflags.KindAd, redflags.High},
		{"The UAE has eased visit visa processing for Pakistanis from several cities, travel agents said, though applicants still need return tickets and hotel bookings.", redflags.KindOther, redflags.Low},
	})
}

// TestCaughtSunkUnpaidAndOnPaper: a husband caught at the Iran border and held in a camp, a visa
// "only on paper", a sum already given for a fake stamp; "they took place" is no loss.
func TestCaughtSunkUnpaidAndOnPaper(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Mere shohar Iran border pe pakre gaye, 2 mahine se Taftan camp mein hain. Agent ne kaha tha seedha Turkey. Bachon ka kya karun", redflags.KindVictim, redflags.High},
		{"Bahrain mein cleaning company ka visa diya tha agent ne. Yahan company ne kaha visa sirf kagazi hai, khud kaam dhoondo aur har mahine 30 dinar do. Kya karun", redflags.KindVictim, redflags.High},
		{"ایجنٹ نے جعلی پروٹیکٹر سٹیمپ لگا کر پاسپورٹ دیا۔ ڈیڑھ لاکھ دے چکا ہوں۔ اب کیا کروں؟", redflags.KindVictim, redflags.High},
	})
	checkKinds(t, []kindCase{{"The talks were held in Doha; they took place over two days and covered visas for workers.", redflags.KindOther, redflags.Low}})
}

// TestEmployersPayAndMaidsBeaten: a visa fee paid to the embassy or covered by the employer is
// no agent's fee; a maid beaten and kept from calling, a cousin made to sign in a military camp.
func TestEmployersPayAndMaidsBeaten(t *testing.T) {
	checkNotFlagged(t, redflags.UpfrontFee,
		"Poland production workers. Employer-sponsored work permit. Recruitment through OEP 9844/RWP. Worker pays only the visa fee to the embassy/VFS.",
		"NHS Trust nurse recruitment. Visa fee and IHS covered by the Trust. Apply on NHS Jobs. We never charge candidates.")
	checkKinds(t, []kindCase{
		{"My sister went to Riyadh as a house maid through an agent. The madam beats her and doesn't let her call. Which embassy number should we call?", redflags.KindVictim, redflags.High},
		{"My cousin went to Russia for a security guard job. They took him to a military camp and made him sign a contract in Russian. Who can help?", redflags.KindVictim, redflags.High},
	})
}

// TestStateFeesInMixedWords: the embassy's visa fee and the state's emigration fees, said in
// Roman Urdu and English together, and an employer that "covers" the visa fee itself, name no
// fee of an agent's.
func TestStateFeesInMixedWords(t *testing.T) {
	checkNotFlagged(t, redflags.UpfrontFee,
		"Dubai facility company hiring HVAC technicians through OEP 9871/LHR. Company pays visa and ticket. Candidate sirf govt emigration fees aur medical khud ada karega.",
		"Polish logistics company hiring forklift operators via OEP 9876/ISB. Candidates pay only embassy visa fee aur BEOE ki govt fees. Koi cash payment nahi.",
		"NHS Trust nurse vacancies. Trust certificate of sponsorship aur visa fee khud cover karta hai. We never ask candidates for payment.")
}

// TestMaidsKeptInAndUnpaid: a maid whose household takes her phone, keeps her in and pays her
// nothing, and a "free visa" sponsor who gave no work, are victims' accounts.
func TestMaidsKeptInAndUnpaid(t *testing.T) {
	checkKinds(t, []kindCase{
		{"میری بہن ریاض میں گھریلو ملازمہ ہے، ایجنٹ نے بھیجا تھا۔ چار مہینے سے ایک روپیہ نہیں ملا۔ مالکن اس کا فون لے لیتی ہے۔ وہ واپس آنا چاہتی ہے۔", redflags.KindVictim, redflags.High},
		{"میری بہن کو گھریلو ملازمہ کے طور پر سعودی عرب بھیجا گیا تھا۔ اسے باہر جانے نہیں دیتے اور فون بھی چھین لیتے ہیں۔ ہم کس سے بات کریں؟", redflags.KindVictim, redflags.High},
	})
}

// TestCompoundsFromInside: a worker writing from a compound that took their phones and beats
// those who miss targets, and one stranded whose promiser no longer picks up.
func TestCompoundsFromInside(t *testing.T) {
	checkKinds(t, []kindCase{
		{"I'm writing this secretly. We are in a building near Sihanoukville, 30 Pakistanis. They took our phones, we have to scam people 14 hrs a day, if target not met they beat us. Please help.", redflags.KindVictim, redflags.High},
		{"Came to Dubai on visit visa 2 months ago on an agent's promise of a security job. No one picks up now. Money finished, visa expires next week.", redflags.KindVictim, redflags.High},
	})
}

// TestPricesEveryoneQuotesAndSupposedLosses: a price that "everyone says" before or after its sum
// is asked of no one; a question that opens on its condition supposes its loss even when a
// sentence follows the question mark.
func TestPricesEveryoneQuotesAndSupposedLosses(t *testing.T) {
	checkKinds(t, []kindCase{
		{"UK care visa ke liye CoS ke paise dena normal hai? Sab log bol rahe hain 15-20 lakh lagta hai", redflags.KindQuestion, redflags.Low},
		{"اگر ایجنٹ پیسے لے کر غائب ہو جائے تو کہاں درخواست دیں؟ میں ابھی ایک ایجنٹ سے بات کر رہا ہوں، پہلے سے معلوم کرنا چاہتا ہوں۔", redflags.KindQuestion, redflags.Low},
	})
}

// TestSumsPaidToAgentsAndSkillsInDemand: a sum someone is told to have paid an agent, a broker or
// each, is a loss told; skills "demanded by" employers are no money taken; a price an agent is
// "telling" is asked of no reader; Urdu news that quotes the family tells their loss.
func TestSumsPaidToAgentsAndSkillsInDemand(t *testing.T) {
	checkKinds(t, []kindCase{
		{"GUJRAT: Twelve young men who paid a local consultancy Rs 18 lakh each for jobs in Portugal say the work permits they received were never registered, and the office has been locked for a month.", redflags.KindVictim, redflags.High},
		{"The provincial government will train 3,000 young people in trades demanded by Qatari employers, and graduates will be placed through licensed promoters, a spokesman said.", redflags.KindOther, redflags.Low},
		{"what is the legal fee an OEP can take for a Qatar visa? an agent in our town is telling 4 lakh, is that normal", redflags.KindQuestion, redflags.Low},
		{"اٹلی کشتی حادثہ: منڈی بہاؤالدین کے نوجوان کی میت گاؤں پہنچ گئی۔ اہل خانہ کے مطابق اس نے زمین بیچ کر ایجنٹ کو 22 لاکھ روپے دیے تھے، ایجنٹ نے کہا تھا کہ سیدھا اٹلی پہنچائیں گے۔ پولیس نے مقدمہ درج کر لیا ہے۔", redflags.KindVictim, redflags.High},
	})
}

// TestDepositsOnlyPricesAndGoods: a "security" left with the agent and a grouped sum put as
// "only" are asked of the worker; gold priced by the tola is market news.
func TestDepositsOnlyPricesAndGoods(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Dubai warehouse helper, visa company ka\nBas 15,000 security jama karwani hai jo 2 mahine baad wapas\nEasypaisa 0345-5550123", redflags.KindAd, redflags.High},
		{"Oman mein heavy driver chahiye. Visa 2 hafte mein. Sirf 95,000 aur passport. Interview nahi hoga.", redflags.KindAd, redflags.High},
		{"سونے کی قیمت میں اضافہ، فی تولہ 3 لاکھ 10 ہزار روپے کا ہو گیا۔ دبئی میں بھی سونا مہنگا ہوا۔", redflags.KindOther, redflags.Low},
	})
	// The state's own fee, paid by the PSID of its e-pay portal, is no advance to an agent.
	v := analyze(t, mustAnalyzer(t), nil, "Safe City Authority jobs: dispatchers (BPS-11). Eligibility: intermediate, age 18-28. "+
		"Application processing fee Rs 500 through the PSID generated on the official portal, payable at any bank. Written test and interview in Lahore.")
	if v.Risk != redflags.Low || len(v.Flags) > 0 {
		t.Errorf("a state fee paid by PSID: %s %v, want low with no flags", v.Risk, v.Flags)
	}
}

// TestWarningsThatQuoteTheWholeOffer: a warning that quotes an offer with its price and its number
// asks for nothing itself; an offer whose reassurance is in quotes, and a report that quotes the
// advert, still answer as the offer.
func TestWarningsThatQuoteTheWholeOffer(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Khabardar! Ye ad aaj kal groups mein chal raha hai: \"Canada farm worker visa 100% guaranteed, LMIA ready, salary 3200 CAD. Pehle 2 lakh token money, baqi visa ke baad. Call 0322-5550123\" Koi paise na bhejein, LMIA ki fees employer deta hai. Pehle verify karo.", redflags.KindAdvisory, redflags.Low},
		{"Dubai security guards chahiye, salary 2500 AED. \"No fraud, 100% genuine company\" Sirf 40,000 advance JazzCash 0301-5550123 pe bhejein.", redflags.KindAd, redflags.High},
		{"The advert, a copy of which was attached to the complaint, read: \"UK care worker visa with sponsorship guaranteed, no IELTS. Total package 16 lakh, 4 lakh advance at booking, rest after visa.\"", redflags.KindAd, redflags.High},
		// An offer that wraps itself in quotes behind a warning, quoting no message it got, is
		// read whole.
		{"Beware of fake agents! Hamesha verify karo, kisi ko advance na den. \"Dubai warehouse jobs, salary 2200 AED, visa 20 din mein, sirf 45,000 JazzCash 0301-5550123 pe bhejein\"", redflags.KindAd, redflags.High},
	})
}

// TestQuotedDemandsAskedAbout: someone who tells, in the asker's words and with no way to reach
// anyone, what an agent wants of them, and asks, asks before paying; one who says the money went
// is a victim.
func TestQuotedDemandsAskedAbout(t *testing.T) {
	checkKinds(t, []kindCase{
		{"kya protector se pehle passport agent ko dena zaroori hai? wo keh raha hai passport aur 60 hazar jama karwao file banegi", redflags.KindQuestion, redflags.Low},
		{"My uncle's friend is asking 3 lakh to send me to Qatar on a visit visa and find a job there. Is it risky?", redflags.KindQuestion, redflags.Low},
		{"Poland ke liye agent ko 6 mahine pehle passport diya tha aur 2 lakh. Ab kehta hai embassy mein file hai, VFS wale kehte hain koi file nahi. Passport kaise wapis milega?", redflags.KindVictim, redflags.High},
	})
}

// TestWalletsOwnedAndDepositsToEarn: "my JazzCash", a bank account titled with a person's name, and a
// deposit to start earning are asked of the worker; a Roman Urdu warning to friends is advice.
func TestWalletsOwnedAndDepositsToEarn(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Bhai urgent, meri company ko Saudi me 8 larke chahiye, 1500 riyal. Visa ticket free, sirf 25 hazar medical ka dena hai mere JazzCash pe 0302-5550123. Kal tak confirm karo", redflags.KindAd, redflags.High},
		{"Aap select ho gaye ho Oman ki company me as a helper, salary 150 OMR. Medical aur protector fees ke liye 30000 is account me bhej den: Meezan Bank 0211-0100000001 title M. Asif. Payment ke baad offer letter milega.", redflags.KindAd, redflags.High},
		{"Remote data entry ke liye log chahiye, daily 3000 tak kama sakte hain. Pehle 1500 deposit karein wo commission ke sath wapis milega. Interested ho to YES likhen", redflags.KindAd, redflags.High},
		{"Bhaiyon yaad rakhen: koi agent visa se pehle paisay maange apne personal JazzCash pe, to bilkul na den. Licence BEOE ki website pe check karen. Share karen sab ke faide ke liye", redflags.KindAdvisory, redflags.Low},
	})
}

// TestHelplineLosses: losses told the way people write to a helpline: a sum lost and the agent
// named, money sent by wallet and the page gone, a sum taken and sat on, the passport not given back.
func TestHelplineLosses(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Fake visa. lost 2.2 lakh. agent name Tariq 0333-5550123", redflags.KindVictim, redflags.High},
		{"5 din pehle 15000 jazzcash kiye the Facebook page 'Qatar Jobs Official' ko medical fee k naam pe. ab page hi delete ho gya", redflags.KindVictim, redflags.High},
		{"4 bar office gaya, har bar kal ana. 2 lakh 20 hazar le k baitha hai, Dubai ka visa hai hi nahi", redflags.KindVictim, redflags.High},
		{"بیٹا قطر میں ہے، کفیل پاسپورٹ نہیں دے رہا، ۵ ماہ کی تنخواہ باقی ہے۔ مدد کریں۔", redflags.KindVictim, redflags.High},
	})
}

// TestOfficialNoticesAndTheirPointers: a Bureau's notice that lists the scammers' promises and
// wallets and points to its own site or helpline asks no one to pay; an office that disowns a
// scheme and a rule put to the public advise.
func TestOfficialNoticesAndTheirPointers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"BEOE WARNING: work permits for Europe\n\nAdvertisements on social media offer work permits for Romania and Poland for PKR 12 to 20 lakh, with \"50% advance\". BEOE has not granted permission to any OEP for collecting such amounts. Before applying, ask the OEP for the permission number and verify it on beoe.gov.pk. Do not pay in cash or to personal accounts.", redflags.KindAdvisory, redflags.Low},
		{"PUBLIC NOTICE\nBureau of Emigration & Overseas Employment\n\nCertain unlicensed persons are advertising jobs abroad promising \"guaranteed visa\" and \"free ticket\" and collecting money through JazzCash/Easypaisa and personal bank accounts. The public is advised not to pay anyone. Verify licences at beoe.gov.pk and report to the helpline 051-9201000. Beware of fraud.", redflags.KindAdvisory, redflags.Low},
		{"Overseas Pakistanis Foundation: CLARIFICATION. OPF does not recruit workers for jobs abroad and has not appointed any agent. Messages about \"OPF job registration Rs 2,000\" are fake. For jobs abroad contact OEC or a licensed OEP.", redflags.KindAdvisory, redflags.Low},
	})
}

// TestRoutesSumsAndReceiptsOfThisWeek: Iran on to Turkey is the land route; an Urdu sum spelled out
// is money beside the words of a price; a wallet's receipt, a match sought and a Protector's
// appointment are no offers.
func TestRoutesSumsAndReceiptsOfThisWeek(t *testing.T) {
	checkKinds(t, []kindCase{
		{"ammi mein Iran me hun Zahedan k paas. jis bande ne laya tha wo keh raha hai agay Turkey bhejne ke 2 lakh aur mangwao ghar se. khana bhi poora nahi dete", redflags.KindVictim, redflags.High},
		{"بھائی ملائیشیا کے فیکٹری ویزے آ گئے ہیں۔ چار لاکھ بیس ہزار۔ پروٹیکٹر وغیرہ سب ہم کریں گے۔ پاسپورٹ اور ساٹھ ہزار پہلے", redflags.KindAd, redflags.High},
		{"NayaPay: Rs. 1,299 paid to DARAZ.PK using your NayaPay Visa card ending 1234. Available balance Rs. 3,100.", redflags.KindOther, redflags.Low},
		{"رشتہ درکار: لڑکا عمر 30 سال، دبئی میں 6 سال سے ایک کمپنی میں اکاؤنٹنٹ ہے۔ دیندار گھرانے کی لڑکی کا رشتہ درکار ہے۔ رابطہ: 0300-5550123", redflags.KindOther, redflags.Low},
		{"پروٹیکٹوریٹ آف ایمیگرنٹس لاہور: آپ کی اپائنٹمنٹ ۲۰ نومبر صبح ۹ بجے کنفرم ہے۔ اصل پاسپورٹ، ویزا، معاہدہ ملازمت اور فیس کی بینک رسید ہمراہ لائیں۔", redflags.KindOther, redflags.Low},
		{"Hi! I'm Mia from StayRate Hotels. We are hiring remote workers to rate hotels, earn $40-$200 per day from home. To activate your account a deposit of 25 USDT is required. Shall I send the link?", redflags.KindAd, redflags.High},
	})
}

// TestPastedOffersDisownedAndQuestionsOfKin: an offer pasted whole and then called fake is passed
// on to warn; a question that tells what an uncle says and what the agent wants asks before paying;
// "Lic. No." before a number is a licence's.
func TestPastedOffersDisownedAndQuestionsOfKin(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Oman visa available | Company visa 2 years | Driver / Helper | Salary 150 OMR | Visa fee 3 lakh (1 lakh advance) | Call 0306-5550123\n\nReceived this today. The above ad is fake. Never pay advance before the visa, check the licence first.", redflags.KindAdvisory, redflags.Low},
		{"Qatar \"free visa\" for 5 lakh, my uncle says many people go on it. Is it legal? Agent wants 1.5 lakh now.", redflags.KindQuestion, redflags.Low},
		{"Lic. No. 4408 Lahore, ye theek hai?", redflags.KindLicenceQuery, redflags.Medium},
	})
}

// TestPayPackagesForeignCapsAndNotices: a sum that benefits are added to is pay; another sending
// country's lawful service charge in its own currency is no advance (both ads stay medium, for the
// licence no Pakistani register holds); an office that does not
// charge, a ministry's "do not travel" and Libya's kidnappers are read as what they are.
func TestPayPackagesForeignCapsAndNotices(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Al Noor Facilities Management LLC, Dubai\nPosition: HVAC Technician (6 openings)\nResponsibilities: preventive maintenance of chillers and AHUs, reactive work orders, service reports.\nRequirements: diploma, 3 years' experience.\nPackage: AED 2,400 basic + AED 400 allowances, shared company accommodation, transport.\nApply through our careers page.", redflags.KindAd, redflags.Medium},
		{"Recruitment of staff nurses for the Kuwait Ministry of Health through a Government of Kerala undertaking. B.Sc Nursing, 2 years' experience. Service charge ₹30,000 + GST as per government norms, receipt issued. Interviews at Kochi.", redflags.KindAd, redflags.Medium},
		{"Send money home this Eid: zero transfer fee on online transfers from the UAE to any bank account in Pakistan with Western Union. T&Cs apply.", redflags.KindOther, redflags.Low},
		{"وزارت خارجہ: پاکستانی شہری لیبیا کا سفر نہ کریں۔ یورپ جانے کے لیے لیبیا کا راستہ اختیار کرنے والے افراد انسانی اسمگلروں کے ہاتھوں اغوا اور تشدد کا شکار ہو رہے ہیں۔", redflags.KindAdvisory, redflags.Low},
	})
}

// TestLossesInUrduAndOffersPointedAt: Urdu's other words for money gone and the agent gone, harms
// told in English, and an offer pasted and then called fake; asked about ("kya ye dhoka hai?"), the
// same offer keeps its verdict.
func TestLossesInUrduAndOffersPointedAt(t *testing.T) {
	checkKinds(t, []kindCase{
		{"میرے شوہر کو دبئی سے واپس بھیج دیا گیا۔ ایجنٹ کہتا ہے ایک لاکھ اور دو۔ ہم پہلے ۳ لاکھ دے چکے ہیں۔", redflags.KindVictim, redflags.High},
		{"جب پیسے لینے تھے تو روز فون کرتا تھا، اب کال اٹھاتا نہیں۔ ۴ لاکھ ۲۰ ہزار۔ اٹلی کے ورک پرمٹ کا کہا تھا", redflags.KindVictim, redflags.High},
		{"Please help, my sister went to Riyadh through an agency in Kampala. Her employer locks her in the house and she gets no food some days. The agency says finish the contract.", redflags.KindVictim, redflags.High},
		{"\"کینیڈا کا ورک پرمٹ صرف ۲۵ لاکھ میں، آئیلٹس کی ضرورت نہیں، پہلے ۳ لاکھ جمع کروائیں۔ رابطہ: ۰۳۲۳-۵۵۵۰۱۲۳\"\nیہ میسج ہمارے خاندان کے گروپ میں کسی نے بھیجا ہے۔ بھائیو یہ دھوکہ ہے۔", redflags.KindAdvisory, redflags.Low},
		{"Canada work permit 25 lakh, IELTS nahi chahiye, pehle 3 lakh jama karwayen. Rabta 0323-5550123. Kya ye dhoka hai?", redflags.KindAd, redflags.High},
	})
}

// TestUnlicensedAds: an ad that recruits in Pakistan for work abroad must print its licence number;
// without it, a second sign of how the recruiter works (WhatsApp only, no interview, pay too good)
// makes the ad high risk, while documents asked for, which licensed promoters collect too, leave
// it unverified, as the missing licence alone does.
func TestUnlicensedAds(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Kuwait driver job 🚗 salary 450 KD. Contact only WhatsApp +92 312 8890451, no calls entertain.", redflags.KindAd, redflags.High},
		{"کوریا ای پی ایس بغیر ٹیسٹ کے 🇰🇷 ڈائریکٹ ویزا، کوئی انٹرویو نہیں۔ رابطہ ۰۳۱۲۵۵۵۰۶۷۱", redflags.KindAd, redflags.High},
		{"Poland me helper ki job salary 8 lakh rupay mahana koi experience nahi chahiye kaam bohat asaan", redflags.KindAd, redflags.High},
		{"Saudi Arabia mein driver ki jobs. Salary 1800 riyal. Apna CV aur passport copy bhejein 0300-1234567", redflags.KindAd, redflags.Medium},
		{"Qatar security guard jobs, salary 1500 riyal, interview Lahore office mein. Rabta 0300-1234567", redflags.KindAd, redflags.Medium},
	})
}

// TestMoneyDepositedIntoAnAccount: a sum the reader is told to put into an account is asked of
// them ("... اکاؤنٹ میں جمع کروائیں", "niche diye gaye account mein"), the "given" of "the account
// given below" is no payment, a wallet is paid by "deposited through" it or named after the sum
// several words on, UBL Omni is a wallet, and a full stop ends a sum's sentence: the riyals before
// it are not the next sum's currency.
func TestMoneyDepositedIntoAnAccount(t *testing.T) {
	checkHighAdsWith(t, []signCase{
		{"سعودی عرب کے سرکاری ہسپتال کے لیے نرسز درکار۔ تنخواہ 7000 ریال۔ 1 لاکھ 60 ہزار عائشہ ٹریولز کے اکاؤنٹ میں جمع کروائیں", redflags.UpfrontFee},
		{"تقرر نامہ: آپ کو بطور اسٹیل فکسر منتخب کر لیا گیا ہے۔ تنخواہ ۲۲۰۰ ریال۔ ویزا پراسیسنگ اور میڈیکل کے لیے ۷۵ ہزار روپے سات دن کے اندر نیچے دیے گئے اکاؤنٹ میں جمع کروائیں", redflags.UpfrontFee},
		{"Oman jobs. Visa fee 50,000 rupees niche diye gaye account mein jama karwayen", redflags.UpfrontFee},
		{"Jobs in Saudi Arabia. Registration + test fee Rs 2,500 to be deposited through JazzCash 0302-5566778 (Account title: Kashif Mehmood).", redflags.PersonalPayment},
		{"Saudi & Qatar jobs. Register now, only Rs 2,500 for registration card. Send fee to UBL Omni 0305-9917264 with CNIC picture.", redflags.PersonalPayment},
		{"Saudi aur UAE mein 5000 naukriyan. Registration form 2,500 rupay mein milega. Form mangwane ke liye JazzCash 0304-7712985 (Rehan Ali).", redflags.PersonalPayment},
	})
	// The riyals of the salary end with its sentence: the advance is 1 lakh rupees, not 1 lakh
	// riyals (7.5 million rupees, more than any journey costs, so no payment asked at all).
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Saudi Arabia mein driver ki jobs. Tankhwah 1800 riyal. 1 lakh advance interview ke baad, baqi visa ke baad. Rabta office Lahore.",
		"سعودی عرب میں ڈرائیور کی نوکری۔ تنخواہ 1800 ریال۔ 1 لاکھ ایڈوانس جمع کروائیں۔ رابطہ لاہور دفتر",
	} {
		if v := analyze(t, a, nil, text); v.Payment == nil || v.Payment.AmountPKR != 100_000 {
			t.Errorf("%q: payment %+v, want Rs 100,000", text, v.Payment)
		}
	}
}

// TestWarningsThatQuoteTheOffer: a warning passes on the offer it quotes, whether the words that
// say it is a message come before the quote in a long Urdu sentence, after it ("'…' wala msg aya
// hai", "'…' کے پیغامات آ رہے ہیں"), or in the line before; a writer who comments at length, asks
// for nothing and gives no way to reach them warns with one warning word; a company or a college
// whose name the offer uses disowns it. A report's short lead-in ("The advert read: '…'") still
// leaves the quoted offer as the answer.
func TestWarningsThatQuoteTheOffer(t *testing.T) {
	checkKinds(t, []kindCase{
		{"یہ میسج آج کل ہمارے محلے کے ہر واٹس ایپ گروپ میں گھوم رہا ہے، خدارا اس پر یقین نہ کریں: \"قطر میں ڈرائیور اور کلینر کی ضرورت، تنخواہ 1800 ریال، ویزا گارنٹی، فیس صرف 90 ہزار، آدھی ایڈوانس ایزی پیسہ 0345-1112223 پر بھیجیں\" نہ کمپنی کا نام ہے نہ لائسنس نمبر۔ پہلے بیورو کی ویب سائٹ پر تصدیق کریں۔", redflags.KindAdvisory, redflags.Low},
		{"محترم والدین، ہمارے مدرسے کے کچھ طلبہ کو \"دبئی میں پیکنگ کی نوکری، ٹکٹ فری، صرف میڈیکل اور ویزا خرچ 1 لاکھ 20 ہزار\" کے پیغامات آ رہے ہیں۔ یاد رکھیں، اصل آجر ویزا کے پیسے مزدور سے نہیں لیتا۔ کوئی بھی پیشکش آئے تو پہلے قریبی مائیگرنٹ ریسورس سینٹر سے مفت مشورہ کر لیں۔", redflags.KindAdvisory, redflags.Low},
		{"Class group announcement: \"Oman company campus hiring, registration 3000 JazzCash pe bhejein\" wala msg aya hai, woh university ki taraf se nahi hai. University koi fees nahi le rahi, kisi ne paise nahi bhejne.", redflags.KindAdvisory, redflags.Low},
		{"Dear trainees, a few of you have forwarded me messages offering \"Saudi jobs for fresh welders, visa and ticket free, only processing 70,000\". Please think before you act. No real employer needs your money for processing, and nobody at this institute will ever ask you for it. Come and see me or visit the Protector office with your family first.", redflags.KindAdvisory, redflags.Low},
		{"PUBLIC NOTICE: An advertisement using our company's name and logo is circulating on Facebook offering drivers' jobs in Kuwait with \"visa fee Rs. 85,000 only\". Our company has no connection with this advertisement and never charges candidates.", redflags.KindAdvisory, redflags.Low},
		{"The advert, a copy of which was attached to the complaint, read: \"Jobs in Oman for electricians, visa guaranteed, fee 2 lakh, half advance on JazzCash 0301-2223334\"", redflags.KindAd, redflags.High},
	})
}

// TestOwnLossesAndOtherDisputes: someone who warns others of the agent who took their own money
// ("took Rs 4 lakh from me", "اس نے مجھ سے ... لاکھ روپے لیے") and a complaint written to the FIA
// are victims' accounts, whatever warning words they carry; money lost on a plot, a car, a policy
// or a tenant, with no job, no visa and no way abroad, is no recruitment scam.
func TestOwnLossesAndOtherDisputes(t *testing.T) {
	checkKinds(t, []kindCase{
		{"WARNING to everyone in Lahore: Mr. Tariq Mehmood of \"Green Line Manpower\" on Ferozepur Road took Rs 4.2 lakh from me for a Saudi driver job. The visa he showed me was fake. Do not trust this man.", redflags.KindVictim, redflags.High},
		{"ملتان کے دوستو ہوشیار رہیں! یہ شخص ناصر خان ہے، \"فلائی ہائی ٹریولز\" کے نام سے دفتر چلاتا ہے۔ اس نے مجھ سے دبئی کے ورک ویزا کے نام پر تین لاکھ روپے لیے۔ آٹھ ماہ ہو گئے، اب فون بھی نہیں اٹھاتا۔", redflags.KindVictim, redflags.High},
		{"بخدمت جناب ڈپٹی ڈائریکٹر صاحب، ایف آئی اے سرکل گوجرانوالہ۔ جناب عالی! گزارش ہے کہ میں نے مسمی ارشد علی کو اٹلی کے ورک پرمٹ کے لیے آٹھ لاکھ روپے دیے۔ ملزم نے جعلی ورک پرمٹ دیا اور اب رقم واپس کرنے سے انکاری ہے۔ استدعا ہے کہ مقدمہ درج کر کے کارروائی کی جائے۔", redflags.KindVictim, redflags.High},
		{"پراپرٹی ڈیلر نے پلاٹ کا بیعانہ تین لاکھ لے لیا تھا، اب کہتا ہے سودا کینسل ہو گیا اور پیسے واپس نہیں کر رہا۔ کیا تھانے میں درخواست دے سکتے ہیں؟", redflags.KindQuestion, redflags.Low},
		{"My uncle bought a life insurance policy from a bank's insurance agent. After paying Rs 6 lakh in premiums they say the policy has lapsed and the agent does not answer. Who do we complain to?", redflags.KindQuestion, redflags.Low},
	})
}

// TestRecruitersFirstMessages: the task scam's first messages ask for a recharge to a task
// account, a top-up for a "lucky order", a starter kit bought, or the one-time code "to link your
// salary account"; a question about an agency asks what others know of it.
func TestRecruitersFirstMessages(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Hello dear! I'm Hina from the merchant team. Congratulations on finishing your first tasks and earning Rs 300! You can now join the Merchant Task with 25% commission. Minimum recharge is Rs 4,000 to your task account. Shall we continue?", redflags.KindAd, redflags.High},
		{"Hi, I'm Zoya, HR at a blockchain store. Remote job as order assistant, 1 hour a day. Open a USDT wallet and recharge minimum 40 USDT to activate your work account; 30% commission on every order.", redflags.KindAd, redflags.High},
		{"Salam sir main HR Sana bol rahi hun Online Jobs Pakistan se. Ap ka interview clear ho gaya hai. Abhi aap k number pe 6 digit code aya hoga wo mujhe bata dein taake ap ka salary account link ho jaye.", redflags.KindAd, redflags.High},
	})
	checkLicenceQueries(t,
		"Royal Star Manpower Lahore ke baare mein kisi ko pata hai? bhai ko Oman bhej rahe hain",
		"الامین اوورسیز ایمپلائمنٹ ملتان کیسی کمپنی ہے؟ کسی کا تجربہ ہے؟",
	)
}

// signCase is a text that must be a high-risk ad showing the sign want.
type signCase struct {
	text string
	want redflags.Code
}

// checkHighAdsWith asserts that each text, read without a register, is a high-risk ad with its sign.
func checkHighAdsWith(t *testing.T, cases []signCase) {
	t.Helper()
	a := mustAnalyzer(t)
	for _, c := range cases {
		if v := analyze(t, a, nil, c.text); v.Kind != redflags.KindAd || v.Risk != redflags.High || !v.Has(c.want) {
			t.Errorf("%q: %s %s %v, want an ad, high, with %s", c.text, v.Kind, v.Risk, v.Flags, c.want)
		}
	}
}

// checkLicenceQueries asserts that each text, read with the sample register, is a licence question.
func checkLicenceQueries(t *testing.T, texts ...string) {
	t.Helper()
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range texts {
		if v := analyze(t, a, reg, text); v.Kind != redflags.KindLicenceQuery {
			t.Errorf("%q: %s, want a licence question", text, v.Kind)
		}
	}
}

// TestLicenceQuestionsAsTyped: "licence no. 1742" is a licence number cited whatever its dot, and
// an agency is asked about by how they are ("waly kese hain?") or what anyone knows ("ka koi pata
// hai kisi ko?").
func TestLicenceQuestionsAsTyped(t *testing.T) {
	checkLicenceQueries(t,
		"ye banda keh raha hai uska licence no. 1742 hai, city nahi batayi. check kar k batayen plz. Oman ka visa de raha hai",
		"Star Line Manpower waly kese hain? Okara me office hai, Bahrain ka bol rahe hain",
		"Khan Brothers Overseas Peshawar ka koi pata hai kisi ko? kehte hain Kuwait ka visa hai",
	)
}

// TestBareNumberFlags: a licence asked about by its number alone, with or without its city, in
// Latin or Urdu digits, is flagged as the same number cited in full is; an agency asked about by
// name has no number to quote and is not flagged.
func TestBareNumberFlags(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, c := range []struct {
		text     string
		want     redflags.Code // "" for no flag
		evidence string
	}{
		{"9001", redflags.LicenceUnknown, "9001"},
		{"licence 9001 lahore", redflags.LicenceUnknown, "9001 lahore"},
		{"لائسنس نمبر ۹۰۰۱ کیا یہ ٹھیک ہے؟", redflags.LicenceUnknown, "۹۰۰۱"},
		{"9001/LHR", redflags.LicenceUnknown, "9001/LHR"},
		{"9919", redflags.LicenceNotValid, "9919"},             // 9919/LHR is suspended
		{"۹۹۱۹ لاہور", redflags.LicenceNotValid, "۹۹۱۹ لاہور"}, // the same in Urdu
		{"9122", "", ""},                  // 9122/KAR is Active
		{"Blue Horizon Overseas", "", ""}, // by name: the register's answer alone
	} {
		v := analyze(t, a, reg, c.text)
		if v.Kind != redflags.KindLicenceQuery {
			t.Errorf("%q: %s, want a licence question", c.text, v.Kind)
			continue
		}
		switch {
		case c.want == "" && len(v.Flags) > 0:
			t.Errorf("%q: flags %v, want none", c.text, v.Flags)
		case c.want != "" && (len(v.Flags) != 1 || v.Flags[0].Code != c.want || v.Flags[0].Evidence != c.evidence):
			t.Errorf("%q: flags %v, want one %s on %q", c.text, v.Flags, c.want, c.evidence)
		}
	}
}

// TestRomanMeAndReportersStories: Roman Urdu's "me" is "in", so a lawful ad that says "office me"
// and "bank me jama" tells of no one's loss, while the "Me:" of a pasted chat is the writer; a
// payment in the past perfect with no payer named ("80 hazar lagaye the") is the writer's; a
// reporter's story told in the victims' words, with as many of them as of the news, is a victim's
// account; asking how much a fee is asks for none, and "pehle visa, phir fees" asks nothing first.
func TestRomanMeAndReportersStories(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Qatar ke liye electrician ki zaroorat. Hamari agency Bureau se licensed hai. Interview Lahore office me hoga. Koi advance nahi lete. Visa aur contract ke baad 12 hazar service charges bank me jama karwa ke receipt le lein.", redflags.KindAd, redflags.Medium},
		{"Dubai se khaali haath wapis aa gaya. ye agent ki chat hai\n[8:00 pm] Agent Nadeem: 1 lakh 80 bhejo, employment visa 2 hafte\n[9:00 pm] Me: bhej diye\n[10:00 am] Me: Nadeem bhai visit visa kyun aya?\n[10:05 am] Agent Nadeem: wahan ja ke change ho jayega", redflags.KindVictim, redflags.High},
		{"online earning app me 60 hazar lagaye the, pehle profit aya phir app band ho gaya", redflags.KindVictim, redflags.High},
		{"حیدرآباد (نامہ نگار) سعودی عرب میں نوکری دلانے کے نام پر قاسم آباد کے ایک شخص نے 9 افراد سے 20 لاکھ روپے بٹور لیے۔ متاثرین نے پریس کلب کے سامنے احتجاج کرتے ہوئے بتایا کہ ملزم نے فی کس سوا دو لاکھ روپے لیے اور جعلی ویزے واٹس ایپ پر بھیجے۔ متاثرین کا کہنا تھا کہ اب ملزم فون بھی نہیں اٹھاتا۔", redflags.KindVictim, redflags.High},
		{"Romania ka work visa lagne me kitna time lagta hai? aur embassy kis shehar me hai? visa fee kitni hoti hai official", redflags.KindQuestion, redflags.Low},
	})
}

// TestSoldVisasAndPastedChats: a Gulf company's work visa sold one by one ("block visa", "کمپنی
// ویزا برائے فروخت") is no travel agent's goods, and a pasted chat in which the agent asks for a
// strong sign's money is the offer, even when the sender has paid nothing yet and asks.
func TestSoldVisasAndPastedChats(t *testing.T) {
	checkKinds(t, []kindCase{
		{"قطر کمپنی ویزا برائے فروخت، لیبر اور ڈرائیور۔ ویزا کی قیمت 4 لاکھ، ایک لاکھ ایڈوانس جاز کیش پر۔ 0311-5290746", redflags.KindAd, redflags.High},
		{"Saudi block visa ki baat chal rahi hai, ye lo chat\n[9:30 pm] Rana Visa Center: Saudi company ka block visa aya hai 20 seat\n[9:31 pm] Rana Visa Center: ek visa 4.5 lakh, token money 50 hazar aaj hi\n[9:32 pm] Me: aap ka licence?\n[9:35 pm] Rana Visa Center: hum travel agency hain, token money JazzCash 0306-3318720", redflags.KindAd, redflags.High},
		{"A friend's contact is sending people to Russia. Chat below. I haven't paid anything yet.\n[9:05 pm] Agent Yasir: Warehouse jobs in Moscow, salary 90,000 rubles.\n[9:06 pm] Me: What visa?\n[9:07 pm] Agent Yasir: Business visa, the company converts it after arrival.\n[9:08 pm] Agent Yasir: Invitation letter PKR 1,20,000, send now.\n[9:09 pm] Me: Is there a written contract?", redflags.KindAd, redflags.High},
	})
}

// TestNothingPaidInOtherWords: "abhi kisi ko kuch nahi diya" and "abhi tak diya kuch nahi" say
// nothing is paid yet, so a question about a demand asks before paying.
func TestNothingPaidInOtherWords(t *testing.T) {
	checkKinds(t, []kindCase{
		{"bhai Europe ke work permit ke liye log 10-12 lakh maangte hain, asal mein government fees kitni hoti hai? Romania ka koi idea? abhi kisi ko kuch nahi diya", redflags.KindQuestion, redflags.Low},
		{"OEP ko poori payment visa se pehle deni chahiye ya visa lagne ke baad? Mera agent bol raha hai 70% abhi. Abhi tak diya kuch nahi.", redflags.KindQuestion, redflags.Low},
	})
}

// TestListsOfASignsTitle: a list titled as a fake offer's signs warns, however many of the signs
// it names.
func TestListsOfASignsTitle(t *testing.T) {
	checkKinds(t, []kindCase{
		{"جعلی ایجنٹ پہچاننے کی 5 نشانیاں 👇 1۔ کنٹریکٹ سے پہلے پیسے مانگے 2۔ رقم ذاتی جاز کیش نمبر پر منگوائے 3۔ سو فیصد ویزا گارنٹی 4۔ وزٹ ویزا پر کام 5۔ لائسنس نمبر نہ بتائے۔ آگے شیئر کریں۔", redflags.KindAdvisory, redflags.Low},
		{"5 signs a job offer is fake: 1. money before a signed contract; 2. payment to a personal JazzCash number; 3. a visit visa for work; 4. a 100% visa guarantee; 5. no OEP licence number.", redflags.KindAdvisory, redflags.Low},
	})
}

// TestPrizesCashbackAndFlexiVisas: a prize draw's processing fee sells a prize, not a job; a
// wallet's cashback on bills is its own offer; a "flexi visa" sold as self-sponsored work is the
// azad visa under another name; "agr" supposes as "agar" does.
func TestPrizesCashbackAndFlexiVisas(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Mubarak ho! Aap ka number 50 lakh ki Lucky Draw mein select ho gaya hai. Inaam lene ke liye processing fee Rs 2,500 ada karein.", redflags.KindOther, redflags.Low},
		{"easypaisa: GUARANTEED cashback! Pay any utility bill of Rs 1,000 or more through the app this week and get Rs 100 cashback.", redflags.KindOther, redflags.Low},
		{"BAHRAIN FLEXI VISA AVAILABLE 🇧🇭 2 years, self sponsor, work anywhere. Package 800 BD, 400 BD to start. Contact +973 3389 4071", redflags.KindAd, redflags.High},
		{"agr koi agent paise le kar gayab ho jaye to complaint kahan karte hain? FIA ya protector office?", redflags.KindQuestion, redflags.Low},
	})
}

// TestAnEldersProhibitions: a list of "do not" in Urdu script ("مت دینا", "مت بھیجنا", "بالکل نہیں
// جانا") advises, whatever signs it names.
func TestAnEldersProhibitions(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بچوں کے لیے ضروری بات: کسی بھی ایجنٹ کو اصل پاسپورٹ مت دینا، پیسے کسی کے ذاتی اکاؤنٹ یا ایزی پیسہ پر مت بھیجنا، اور جب تک معاہدہ ہاتھ میں نہ آئے ایک روپیہ بھی نہیں دینا۔ وزٹ ویزے پر نوکری کے لیے بالکل نہیں جانا۔", redflags.KindAdvisory, redflags.Low},
	})
}

// TestWhatsAppAsTypedAndWorkPromisedInEurope: "whtsp only" is WhatsApp only, and "pakka kaam" for
// Greece is the guarantee no recruiter can give, also when the lodging's "free" follows it ("pakka
// kaam rehaish free"): "free" denies only what stands right before it.
func TestWhatsAppAsTypedAndWorkPromisedInEurope(t *testing.T) {
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "greece jane wale rabta kren 12 lakh me pakka kaam rehaish free. 0309-3348176 whtsp only")
	if v.Kind != redflags.KindAd || v.Risk != redflags.High || !v.Has(redflags.WhatsAppOnly) || !v.Has(redflags.Guaranteed) {
		t.Errorf("%s %s %v, want an ad, high, with WHATSAPP_ONLY and GUARANTEED", v.Kind, v.Risk, v.Flags)
	}
}

// TestHowTheRacketGoes: the racket told in the habitual present ("aur paise mangte hain",
// "ہر سال ہزاروں نوجوان ... جاتے ہیں", or one such verb beside advice) is an explainer or a warning,
// not what happened to someone: no victim's account, and low; the same told in the past by one who
// lost is still a victim's account.
func TestHowTheRacketGoes(t *testing.T) {
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Passport agent ke paas file lagane ke liye mat chhorein. Kai agent passport rok ke phir aur paise mangte hain, ya kisi aur ka visa laga dete hain aur phone band kar lete hain.",
		"وزٹ ویزا کا دھندا: ہر سال ہزاروں نوجوان اس وعدے پر خلیجی ممالک جاتے ہیں کہ تین مہینے میں کمپنی کا ویزا لگ جائے گا۔ زیادہ تر کو نہ نوکری ملتی ہے نہ ویزا، اور وہ قرض لے کر واپس آتے ہیں۔ ملازمت کے لیے صرف ورک ویزا کے ساتھ جائیں۔",
		// One habitual verb beside advice: a mosque's announcement.
		"Aik zaroori elaan: aaj kal kuch log bahar ki naukri ke naam par logon se paise le kar bhaag jaate hain. Kisi bhi agent ko paisa dene se pehle Protector office se tasdeeq zaroor karein.",
	} {
		if v := analyze(t, a, nil, text); v.Kind == redflags.KindVictim || v.Risk != redflags.Low {
			t.Errorf("%q: %s %s, want no victim's account, low", text, v.Kind, v.Risk)
		}
	}
	checkKinds(t, []kindCase{
		{"Agent ne passport rakh liya tha aur 2 lakh bhi liye the, ab phone band kar diya hai. Kya karun?", redflags.KindVictim, redflags.High},
	})
}

// TestSumsSentAndRoutesOnward: a sum followed by the order to send it ("25000 bhejein", "15 ہزار
// ٹوکن بھیجو") is asked before any contract; Libya "se aage" is the step before the sea; a
// pilgrimage visa ("زیارات ویزا") for work is a visit visa for work.
func TestSumsSentAndRoutesOnward(t *testing.T) {
	checkHighAdsWith(t, []signCase{
		{"Bahrain cleaning company k liye 20 larkay chahiye. Salary 180 dinar. Passport ki pic aur 25000 bhejein booking ke liye. +92 300 0912345", redflags.UpfrontFee},
		{"ہاؤس ڈرائیور سعودیہ کے لیے، تنخواہ 2000 ریال، بس پاسپورٹ کی کاپی اور 15 ہزار ٹوکن بھیجو، ویزا اسی ہفتے آ جائے گا", redflags.UpfrontFee},
		{"Libya mein company ki job, 1000 dollar mahana, visa free. Libya se aage bhi option hai agar banda himmat wala ho. rabta inbox", redflags.IrregularRoute},
		{"زیارات ویزا عراق پر جائیں اور وہاں ہوٹل میں کام کریں ماہانہ ۶۰۰ ڈالر۔ رابطہ: ۰۳۴۷-۵۵۶۶۷۷۸", redflags.VisitVisaWork},
	})
}

// TestStrangersMulesAndTheLossFoundOut: the task scam's and the fake cheque's shapes told plainly
// (a stranger's part-time offer, goods received at home and forwarded, payments through the
// worker's account for a cut, the ladder's levels bought, the wallet funded to start, the online
// banking password asked) are high; the victim who finds out in their own words ("now I realise
// it was fake", "I have already put $4,200") is a victim; an authority's number makes a notice a
// warning, and a receipt-like notice about fake jobs is advice.
func TestStrangersMulesAndTheLossFoundOut(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Hi, my name is Brianna and I work as a recruiter. We need a group of part-time helpers.", redflags.KindAd, redflags.High},
		// A stranger's vague offer that names no role, no employer and no pay.
		{"Hello dear, I got a job offer for you if you are interested. Let me know when you are available.", redflags.KindAd, redflags.High},
		{"Hi Fatima, I'm a recruiter at Arfa Softworks, Islamabad. I have a job offer for you: UI/UX Designer at our office. Reply with your CV if interested.", redflags.KindAd, redflags.Medium},
		{"We are hiring Shipping Assistants 📦. You will receive iPhones and laptops ordered by our clients at your address and forward them to our Dubai warehouse. Weekly pay $400. Provide your home address and CNIC to start.", redflags.KindAd, redflags.High},
		{"Job offer: Finance Assistant, part-time. You will receive payments from our Pakistani customers into your Meezan/HBL account and transfer to our company wallet. Keep 5% of every transaction as salary.", redflags.KindAd, redflags.High},
		{"Welcome to AmaReview Online Jobs! Submit product orders to boost rankings. You earn 0.5%-3% commission on every order. Level 1 account needs $50 top-up, Level 2 $200.", redflags.KindAd, redflags.High},
		{"Hi there! I'm Chloe, talent partner at Lumexa. We're hiring part-time Brand Ambassadors, $1,200/month. Onboarding requires you to open a Lumexa wallet and fund it with at least $150.", redflags.KindAd, redflags.High},
		{"Virtual Assistant (remote) – $25/hr. To set up payroll please send your online banking username and password so our accounts team can verify your account.", redflags.KindAd, redflags.High},
		{"Secret Shopper Assignment. You have been chosen to participate as a Mystery Shopper. Enclosed is a cashier's check for $2,450. Deposit it, keep $300 as your fee, and send the balance to the recipient listed.", redflags.KindAd, redflags.High},
		{"I did a job interview on Telegram for a 'Deloitte data analyst' job and sent my CNIC front/back, a selfie, and my bank account details. Now I realise it was fake. What should I do?", redflags.KindVictim, redflags.High},
		{"I joined as a 'crypto trading assistant' through LinkedIn. Withdrawal needs 20% 'fee'. I have already put $4,200, all my savings. Is there any recovery?", redflags.KindVictim, redflags.High},
		{"FIA: Beroon-e-mulk naukri ke liye sirf licensed OEP se rabta karein. Visit visa par kaam ka jhansa dene walon ki shikayat 111-247-786 par karein.", redflags.KindAdvisory, redflags.Low},
		{"PTA Alert: Beware of fake job offers via SMS/WhatsApp asking for a registration fee. Report fraud SMS to 9000. Never share your OTP or CNIC.", redflags.KindAdvisory, redflags.Low},
		// An OTP that says its bank's staff never ask for it is still a receipt.
		{"Your Easypaisa OTP is 482913. Do not share it with anyone. Easypaisa staff will never ask for your OTP.", redflags.KindOther, redflags.Low},
		// A licensed sponsor that covers the visa fees asks for none.
		{"Senior Mechanical Design Engineer, Derby, UK. Salary £48,000. We are a licensed sponsor and will cover Skilled Worker visa fees and the Immigration Health Surcharge. Apply on our website only.", redflags.KindAd, redflags.Medium},
	})
}

// TestWarningsThatQuoteTheAgent: a relative, a group's admin, a sermon or a father's voice note
// that quotes what the agent says ("جو کہتا ہے '…'", "'…' والا بندہ", "'…' والی پوسٹس") and warns
// around it is advice, whatever the quote asks; a list of a fake agent's signs whose only number is
// the FIA's hotline is advice too. The same offer sent bare is an ad, and a fake ministry letter
// that takes the fee into an account titled with a person's name is high.
func TestWarningsThatQuoteTheAgent(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بھائی جان وہ جو آپ کو فیس بک پر \"کویت ڈرائیور جاب، سیلری 250 دینار، ویزا فیس صرف 40 ہزار\" والا بندہ ملا تھا، میں نے معلوم کیا ہے، اس کا کوئی دفتر نہیں اور پیسے ذاتی اکاؤنٹ میں منگواتا ہے۔ پیسے مت بھیجنا پلیز 🙏", redflags.KindAdvisory, redflags.Low},
		{"(وائس نوٹ کا خلاصہ) بیٹا میں نے سنا ہے تم کسی ایجنٹ سے بات کر رہے ہو جو کہتا ہے \"پولینڈ کا ورک پرمٹ 9 لاکھ، آدھے ابھی آدھے ویزا لگنے پر\"۔ بیٹا یہ لوگ پہلے بھی ہمارے علاقے میں آئے تھے، بہت سے لوگوں کے پیسے کھا گئے۔ پہلے بیورو کی ویب سائٹ پر اس کا لائسنس دیکھو، اور بغیر رسید کے ایک روپیہ بھی نہ دینا۔", redflags.KindAdvisory, redflags.Low},
		{"ٹک ٹاک پر ایک ویڈیو وائرل ہو رہی ہے جس میں ایک صاحب گاڑی میں بیٹھ کر کہتے ہیں \"Dubai جانا ہے؟ 2 لاکھ دو، Work Visa ہاتھ میں لو، Inbox کرو\"۔ یاد رکھیں اصل او ای پی اپنا لائسنس نمبر دکھاتی ہے، ٹک ٹاک پر گاڑی نہیں۔ اور یو اے ای ورک ویزا کے لیے 2 لاکھ مانگنا ہی خود ایک ریڈ فلیگ ہے۔ شیئر کریں", redflags.KindAdvisory, redflags.Low},
		{"📢 Admin Notice\nگروپ میں کچھ لوگ \"Visa + Job Guarantee، صرف 3500 درہم، پاکستان میں پیمنٹ کریں\" والی پوسٹس کر رہے ہیں۔ ایسے تمام نمبر بلاک کر دیے گئے ہیں۔ یاد رکھیں امارات میں ورک ویزا کا خرچہ کمپنی ادا کرتی ہے۔ کوئی بھی جاب آفر ملے تو MOHRE کی ویب سائٹ پر چیک کریں۔ فراڈ پوسٹ کرنے والے کو فوراً ریموو کیا جائے گا۔", redflags.KindAdvisory, redflags.Low},
		{"جعلی ایجنٹ کی پانچ نشانیاں 🚩\n• \"آپ منتخب ہو گئے ہیں\" — حالانکہ آپ نے درخواست ہی نہیں دی\n• \"آج ہی پیسے بھیجیں، سیٹیں ختم ہو رہی ہیں\"\n• صرف واٹس ایپ پر بات، دفتر کا پتہ نہیں\n• ذاتی ایزی پیسہ یا جاز کیش اکاؤنٹ میں رقم\nان میں سے ایک بھی نشانی ہو تو رک جائیں۔ شکایت: 111-247-786", redflags.KindAdvisory, redflags.Low},
		{"آج جمعہ کے خطبے میں مولانا صاحب نے فرمایا کہ جو ایجنٹ کہتا ہے \"کاغذ کی فکر نہ کرو، بارڈر پار کروا دیں گے\" وہ آپ کا خیرخواہ نہیں۔ انہوں نے نوجوانوں کو نصیحت کی کہ قانونی طریقے سے جائیں اور والدین کا زیور بیچ کر ایجنٹوں کی جیبیں نہ بھریں۔", redflags.KindAdvisory, redflags.Low},
		// The quoted offer sent bare.
		{"پولینڈ کا ورک پرمٹ 9 لاکھ، آدھے ابھی آدھے ویزا لگنے پر۔ رابطہ 0301-5550123", redflags.KindAd, redflags.High},
		{"حکومت پاکستان\nوزارت سمندر پار پاکستانیز\nمحترم امیدوار، آپ کو مطلع کیا جاتا ہے کہ آپ کو متحدہ عرب امارات میں اسٹور کیپر کی آسامی کے لیے منتخب کر لیا گیا ہے۔ اپنا میڈیکل اور پروٹیکٹر فیس مبلغ 24,750 روپے درج ذیل اکاؤنٹ میں جمع کروا کر رسید ای میل کریں۔\nاکاؤنٹ ٹائٹل: نوید احمد، اکاؤنٹ نمبر 0147-0092318855", redflags.KindAd, redflags.High},
		// A mosque's appeal gives its committee's account.
		{"جامع مسجد بلال کی توسیع کا کام جاری ہے۔ صاحب حیثیت حضرات سے تعاون کی اپیل ہے۔ میزان بینک اکاؤنٹ ٹائٹل: جامع مسجد بلال کمیٹی۔ جزاک اللہ خیرا", redflags.KindOther, redflags.Low},
		{"Dear ACCOUNT HOLDER, your account has been credited with PKR 5,000 via IBFT. Ref 1216215929", redflags.KindOther, redflags.Low},
	})
	a := mustAnalyzer(t)
	v := analyze(t, a, nil, "Saudi Arabia drivers required, salary SAR 2,000. Processing charges Rs 40,000. Account title: Naveed Ahmed, Meezan Bank 0147-0092318855")
	if !v.Has(redflags.PersonalPayment) {
		t.Errorf("an account titled with a person's name: %v, want PERSONAL_PAYMENT", v.Flags)
	}
	v = analyze(t, a, nil, "Saudi Arabia drivers required, salary SAR 2,000. Service charges Rs 15,000 by cheque. Account title: Al-Noor Overseas Employment Promoters, Meezan Bank 0147-0092318855")
	if v.Has(redflags.PersonalPayment) {
		t.Errorf("an account titled with an agency's name: %v, want no PERSONAL_PAYMENT", v.Flags)
	}
}

// TestLicenceCodesAndOEPInUrdu: a number with a region's code after it in a short message or a
// question ("4120 LHR kis company ka hai?", "check 1987/KHI", "۳۲۱۰/MLN چیک کر دیں", a code no
// register uses) and "او ای پی" before a number are licence questions; a bank's branch code
// after a one-digit number ("ATM DHA PH-5 LHR") is not.
func TestLicenceCodesAndOEPInUrdu(t *testing.T) {
	a := mustAnalyzer(t)
	for text, number := range map[string]string{
		"4120 LHR kis company ka hai? yehi number likha hai visa wale ad me": "4120/LHR",
		"check 1987/KHI":      "1987/KAR",
		"۳۲۱۰/MLN چیک کر دیں": "3210/MLN",
		"او ای پی ۲۲۱۰ راولپنڈی کی تصدیق کر دیں":           "2210/RWP",
		"او ای پی نمبر ۶۰۴۱ سیالکوٹ، کیا یہ معطل تو نہیں؟": "6041/SKT",
	} {
		v := analyze(t, a, nil, text)
		if v.Kind != redflags.KindLicenceQuery || len(v.Licences) != 1 || v.Licences[0].Number != number {
			t.Errorf("%q: %s %v, want a licence question about %s", text, v.Kind, v.Licences, number)
		}
	}
	checkKinds(t, []kindCase{
		{"HBL: PKR 12,500.00 debited from A/C **4471 on 02-Apr via ATM WDL at HBL DHA PH-5 LHR. Avl Bal PKR 38,214.77. Not you? Call 111-111-425", redflags.KindOther, redflags.Low},
		{"Salary 1500/month, duty 8/hr, Dubai. Call 0300-1234567", redflags.KindAd, redflags.Medium},
	})
}

// TestComplaintsAnnouncementsAndCityFirst: a complaint filed or drafted against an agent, a CNIC
// misused for loans after a "company" collected it, and a fake ministry letter paid for are
// victims' accounts; a neighbourhood's announcement, a teacher's warning that quotes the task
// scam's message, a poster that calls a cash payment "khatra" and a friend's "don't fall for this
// one" with a cousin's loss are advice; an agency's name with its city before the number is a
// licence question.
func TestComplaintsAnnouncementsAndCityFirst(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Dear sir, my complaint against agent Tariq Butt (Sheikhupura) was registered on FIA portal 3 months ago. Rs 5.2 lakh for Italy seasonal visa. No progress. Ab agent mere walid ko dhamkiyan de raha hai. Please guide next step", redflags.KindVictim, redflags.High},
		{"Complaint for FIA (draft)\nAccused: Imran, travel agent near GT Road\nAmount: Rs 3,80,000, JazzCash and cash\nPromise: Saudi electrician visa\nWhat happened: no visa after 9 months, office closed\nRequest: register case and recover amount", redflags.KindVictim, redflags.High},
		{"Baji meri baat sunen, mujh se ek 'company' ne Kuwait job ke liye CNIC ka front back aur selfie maangi thi WhatsApp pe. Job ka kuch nahi hua, ab log phone kar rahe hain ke tumne qarza liya hai 47 hazar. Main ne koi loan nahi liya", redflags.KindVictim, redflags.High},
		{"[Loudspeaker elaan] Hazraat ek zaroori elaan suniye... Mohalla mein ek shakhs apne aap ko manpower wala kehta hai aur Oman ke visa ke 1 lakh 20 hazar le raha hai. Is ka koi dafter nahi, koi licence nahi. Kisi ne paise diye hain to Chaudhry sahab ki baithak mein raabta kare.", redflags.KindAdvisory, redflags.Low},
		{"پیارے طلبہ! آج کل واٹس ایپ پر \"گھر بیٹھے روزانہ 3000 سے 5000 کمائیں، صرف ویڈیوز لائک کریں\" جیسے پیغامات آ رہے ہیں۔ پہلے یہ لوگ چند سو روپے دیتے ہیں، پھر \"وی آئی پی ٹاسک\" کے نام پر ہزاروں روپے جمع کرواتے ہیں۔ ایسا کوئی پیغام آئے تو جواب نہ دیں اور 1799 پر رپورٹ کریں۔", redflags.KindAdvisory, redflags.Low},
		{"Bairon-e-mulk naukri? Pehle licence check karen. 15,000 se zyada fees, cash ya personal account mein payment = khatra. Shikayat: FIA 111-247-786.", redflags.KindAdvisory, redflags.Low},
		{"Guys, please don't fall for this one 🙏 \"POLAND WORK PERMITS – 2 WEEKS ONLY! No interview! Pay to Paybill 400222.\" My cousin paid KSh 125,000 in January and the office is now closed. Check agencies before you pay anything.", redflags.KindAdvisory, redflags.Low},
		// A loan app's own borrower is no job's victim.
		{"loan app wale meri family ko gande msgs bhej rahe hain, 8000 liya tha 7 din ka ab 14000 wapas maang rahe hain", redflags.KindOther, redflags.Low},
		// Family asking a victim not to quarrel is still the victim's account.
		{"ammi ne sari committee ke paise, 2 lakh, khala ke damad ko diye the mere Dubai visa ke liye. 1 saal ho gaya. ab wo phone hi nahi uthata aur khala kehti hain rishtedari kharab mat karo", redflags.KindVictim, redflags.High},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{"chenab manpower sialkot 9544 theek hai?", "seaview manpower karachi 9050 ka status kia hai",
		"ابوظہبی ڈریم کیریئرز کا لائسنس چیک کرنا ہے، نمبر ۵۱۰۹ کراچی"} {
		if v := analyze(t, a, nil, text); v.Kind != redflags.KindLicenceQuery || len(v.Licences) == 0 {
			t.Errorf("%q: %s %v, want a licence question", text, v.Kind, v.Licences)
		}
	}
	for _, text := range []string{"Lahore 2025 ka mausam kaisa hoga?", "Service lgane k liye SUB likh kr 7071 par SMS kren", "5000 kar do bhai jaldi"} {
		if v := analyze(t, a, nil, text); len(v.Licences) > 0 {
			t.Errorf("%q: licences %v, want none", text, v.Licences)
		}
	}
}

// TestShortOffersAndPleas: one-line offers and pleas carry their sign in few words: the task
// scam's daily sum "from mobile" or for reviews, a wallet to send money to with its owner's name,
// a famous employer's HR at a free mailbox, a route with its price behind a hook question; and the
// victim's "sab ke 1.5 lakh gaye", "پیسے نہیں ملے", "کمپنی میں بند کر دیا", "lost 2.2 lakh to a
// so called OEP". A question that asks what is true is not a hook.
func TestShortOffersAndPleas(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Part time job, earn 5000 daily from mobile, DM now", redflags.KindAd, redflags.High},
		{"ٹیلیگرام پر ریویو دو اور روزانہ ۸ ہزار کماؤ", redflags.KindAd, redflags.High},
		{"Bahrain visa lagwayen, paise JazzCash 0346-1187230 (Ali Raza) pe bhejein", redflags.KindAd, redflags.High},
		{"HR Dept Qatar Airways hiring, send CV to qatarairways.hr.jobs@gmail.com", redflags.KindAd, redflags.High},
		{"Greece jana hai? Iran Turkey raste se, guarantee ke sath, 14 lakh", redflags.KindAd, redflags.High},
		{"Office pe gaye to taala laga tha, sab ke 1.5 lakh gaye", redflags.KindVictim, redflags.High},
		{"Lost 2.2 lakh to a so called OEP in Rawalpindi, no receipt given", redflags.KindVictim, redflags.High},
		{"ملائیشیا کا ورک ویزا کہہ کر ٹورسٹ ویزا دیا، واپس آ گئے، پیسے نہیں ملے", redflags.KindVictim, redflags.High},
		{"میرے بیٹے کو تھائی لینڈ بھیج کر کمپنی میں بند کر دیا، کیا کریں", redflags.KindVictim, redflags.High},
		// Money that reaches the reader's own wallet is no payment asked.
		{"Barwaqt: Mubarak! Aap ki qarz limit ab Rs 25,000 hogayi hai. Abhi app khol kar apply karein aur paise seedha JazzCash mein paayein.", redflags.KindOther, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "یو کے کیئر ویزا کے لیے کیا سچ میں CoS کے پیسے لگتے ہیں؟ ہر کوئی 15، 20 لاکھ بتا رہا ہے"); v.Risk == redflags.High {
		t.Errorf("a question about what a CoS costs: %s %s %v, want not high", v.Kind, v.Risk, v.Flags)
	}
}

// TestGulfOffersAndLawfulTerms: visas and iqamas sold apart from any employer ("work anywhere, we
// only sponsor you", "bina kafeel ke"), a visit turned into a work permit for a fixed rate, and a
// passport kept "until the whole sum is paid" are offers' signs; a hotel's "+ service charge" on
// the pay, a food allowance, an agency's own account title and a street called "Road" before an
// e-mail address are not.
func TestGulfOffersAndLawfulTerms(t *testing.T) {
	checkKinds(t, []kindCase{
		{"UAE 2-year employment visa (mainland) available on our trading company. You can work anywhere, we only sponsor you. AED 6,500 all-in. DM now.", redflags.KindAd, redflags.High},
		{"Qatar – \"Visit to Work\" service. Bring your brother/cousin on visit, we convert into work RP in 2 weeks. Fixed rate 6,000 QR, job also arranged. Call +974 3318 6402.", redflags.KindAd, redflags.High},
		{"سعودیہ میں ٹائل فکسر اور رنگ ساز۔ تنخواہ 2000 ریال۔ پاسپورٹ ہمارے پاس رہے گا جب تک ساری رقم ادا نہ ہو۔ ٹوٹل ساڑھے چار لاکھ، قسطوں میں۔", redflags.KindAd, redflags.High},
		{"Company wants me to sign a new contract with less salary, 2200 se 1800 kar rahe hain. Mera visa abhi 1 saal baqi hai. Kya MOHRE mein complaint ho sakti hai?", redflags.KindQuestion, redflags.Low},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Dubai hotel staff. Steward — AED 1,200. Room Attendant — AED 1,300 + service charge. Waiter — AED 1,500 + service charge. Interviews in Karachi by the hotel's HR. Call 021-35870000",
		"قطر کے لیے ڈرائیور، تنخواہ 1800 قطری ریال، رہائش اور ٹرانسپورٹ کمپنی کی جانب سے، کھانے کا الاؤنس 300 ریال، دو سالہ معاہدہ، ہر دو سال بعد واپسی ٹکٹ",
		"Selected candidates pay only Rs 15,000 service charges after the visa, into the company's bank account (Meezan Bank, account title: Sea Link OEP), against a receipt. Jobs in Dubai hotels.",
		"Vacancies in Romania. Apply in person at: Crescent Star OEP, 18-Davis Road, Lahore, or email: europe@crescentstaroep.com.pk",
	} {
		v := analyze(t, a, nil, text)
		for _, c := range []redflags.Code{redflags.UpfrontFee, redflags.PersonalPayment, redflags.IrregularRoute} {
			if v.Has(c) {
				t.Errorf("%q: %v, want no %s", text, v.Flags, c)
			}
		}
	}
}

// TestBrandsPassportsAndRemindersInOtherWords: a famous employer's name on a free mailbox, a chat
// app with "no calls", a passport "and ID" kept by the agent, an approved application with
// insurance to pay, "27 men paid one agent", a cousin forced into the compound's fraud and a fee
// asked with "I want to know" are read as they are; a bank's notice of a salary deposited asks for
// nothing; an authority "reminds" and says what a visa "does not allow".
func TestBrandsPassportsAndRemindersInOtherWords(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Qatar Energy LNG — Hiring Instrument Technicians, Mechanical Fitters. Email updated CV & passport copy to qatarenergy.careers.hr@gmail.com", redflags.KindAd, redflags.High},
		{"Kuwait Oil Company Project — 120 vacancies: Scaffolders, Welders, Helpers. Free food, free accommodation. WhatsApp your CV to +965 6671 2049 only. No calls.", redflags.KindAd, redflags.High},
		{"Domestic workers for Lebanon & Jordan. Salary $300 monthly. Worker's passport and ID will be kept by the agent and sponsor for safety during the 2-year contract. Contact +251 911 47 2209", redflags.KindAd, redflags.High},
		{"UNICEF Recruitment Unit — Field Assistants. Monthly $4,200 tax free. Your application has been approved. Pay $180 for mandatory travel insurance to our accredited insurer before your contract is sent.", redflags.KindAd, redflags.High},
		{"Sir 27 men from our village paid one agent total around 80 lakh for Dubai security guard jobs. Now office empty. We made application to police but they say go to FIA. Where is FIA office?", redflags.KindVictim, redflags.High},
		{"My cousin is in Myanmar, he went for 'customer service job in Thailand'. now he is in a compound with guards, they make him cheat people online. Please who in Pakistan government deals with this?", redflags.KindVictim, redflags.High},
		{"Is the insurance and OPF fee at protector office compulsory? how much is it? Agent asking 30k for 'govt fees' I want to know the real amount", redflags.KindQuestion, redflags.Low},
		{"میزان بینک: آپ کے اکاؤنٹ نمبر ****0917 میں تنخواہ PKR 62,300 جمع کر دی گئی ہے۔ دستیاب بیلنس PKR 71,905.22", redflags.KindOther, redflags.Low},
		{"Reminder from the UAE authorities: A visit visa does not allow its holder to work. Offers like \"go on 3-month visit visa, we'll change status after you get a job\" expose jobseekers to abuse.", redflags.KindAdvisory, redflags.Low},
		{"The Ministry reminds citizens that travel for domestic work must be through licensed agencies. Brokers promising \"no fee, employer pays ticket, passport kept by agent for safety\" are trafficking people. Report brokers to the nearest police station.", redflags.KindAdvisory, redflags.Low},
		{"پاک فوج میں سویلین ملازمتیں: نائب قاصد، چوکیدار، ڈرائیور۔ درخواست فارم کی فیس 1,800 روپے ایزی پیسہ 0331-7845512 پر جمع کروائیں", redflags.KindAd, redflags.High},
		{"متحدہ عرب امارات کے لیے اسٹیل فکسر درکار ہیں۔ تنخواہ 1,600 درہم۔ سروس چارجز 15,000 روپے ایجنٹ کے ذاتی میزان بینک اکاؤنٹ میں جمع کروائیں۔ رابطہ 0301-5550123", redflags.KindAd, redflags.High},
	})
}

// TestOffersPastedAfterAColon: a warning that pastes the offer after a colon, with no quotation
// marks, its number and its price in it ("Ye msg aya hai: … Fraud hai, ignore karo"), is advice,
// the warning before or after the offer; the same offer forwarded after "ye msg aya hai:" with no
// warning, and an offer that introduces itself ("Our message: …", "Beware of fake agents. Our
// offer: …"), are ads.
func TestOffersPastedAfterAColon(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Kuch trainees ko ye SMS aya hai: SAUDI SKILL VERIFICATION (Takamol) — Your trade test is booked. Pay Rs 22,000 test + visa endorsement fee to JazzCash 0301-5550123 within 24 hours. Ye fraud hai, koi paisa na bhejein.", redflags.KindAdvisory, redflags.Low},
		{"Parents ko guzarish: ye msg kuch bachon k mobile pe aya hai:\nOnline earning 💸 Telegram task job. Har din 2000-5000 kamayein. Bas reviews likho. Joining fee sirf 1500 JazzCash 0322-9183340.\nYe dhoka hai, bachon ko samjhayen.", redflags.KindAdvisory, redflags.Low},
		{"Ye msg aya hai: Malaysia factory job, salary 1 lakh 60 hazar, visa pakka, bas 50k advance bhejo 0322-9183340 pe", redflags.KindAd, redflags.High},
		{"Beware of fake agents. Our message: Saudi visa 100% guaranteed, fee 50,000 on JazzCash 0300-1234567, no fraud.", redflags.KindAd, redflags.High},
	})
}

// TestPricesReportedAndPayPackages: a fare that rose to a sum, a Gulf employer's pay package in
// its currency, the writer's own "Meri 4,000 riyal", and the official visa fee paid to the state
// on GOV.UK ask no one for money; an OEC notice with a fee into "A/C … (Title: a person)", a paid
// training made a condition of the job, a visa lottery's entry fee, an e-visa with the permit
// "after arrival", a level unlocked by a recharge and pay "for every TikTok you like" are scams'.
func TestPricesReportedAndPayPackages(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Airfares on Gulf routes have nearly doubled ahead of Eid, with a one-way Lahore-Dubai ticket crossing Rs 90,000. Workers' families say travel has become unaffordable.", redflags.KindOther, redflags.Low},
		{"Saudi me family visa ke liye kam az kam kitni salary honi chahiye? Meri 4,000 riyal hai, profession electrician likha hai iqama pe", redflags.KindQuestion, redflags.Low},
		{"OEC NOTICE: Japan Nursing Care Program. Nurses with diploma can apply. Deposit Rs 7,500 test fee in Bank Alfalah A/C 0056-1002233445 (Title: Nadeem Akhtar) and send slip to 0309-4412785.", redflags.KindAd, redflags.High},
		{"Turkish Airlines Cabin Crew Recruitment in Pakistan. Shortlisted candidates must complete a paid safety training certificate (Rs 85,000) before the final interview.", redflags.KindAd, redflags.High},
		{"Greece Seasonal Visa Lottery 2024 - fruit picking & olive farms. Winners get 9 month work visa. Entry fee Rs 3,000. Results announced on our Facebook page.", redflags.KindAd, redflags.High},
		{"Baku Azerbaijan work visa, hotel & construction, salary $700. E-visa in 3 days, work permit after arrival.", redflags.KindAd, redflags.High},
		{"Welcome to the Merchant Optimization Team. Complete 40 product ratings per day. Commission 0.5% per order. To unlock Level 2 tasks you need to recharge minimum USDT 100.", redflags.KindAd, redflags.High},
		{"Earn Rs 250 for every TikTok you like ❤️ Daily 50 tasks = Rs 12,500. Join our Telegram group and start today!", redflags.KindAd, redflags.High},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Job opening – Senior Accountant (Doha, Qatar). ACCA with 5+ years' experience. Package: QAR 9,000 – 11,000 all-inclusive, family status, employer-paid visa and tickets. Apply on our careers page.",
		"Senior Care Workers – England. We are a licensed UK visa sponsor; the Certificate of Sponsorship is issued free. After you receive your CoS you pay only the official UK visa application fee and Immigration Health Surcharge, directly to UKVI on the GOV.UK website.",
	} {
		if v := analyze(t, a, nil, text); v.Risk == redflags.High {
			t.Errorf("%q: %s %s %v, want not high", text, v.Kind, v.Risk, v.Flags)
		}
	}
}

// TestShortVerdictsOnAPastedOffer: a short verdict on the offer pasted beside it ("Fraud hai 100%
// ignore karo", "❌ SCAM POST ❌ … Is post ko delete kar diya gaya") passes it on to warn; the
// same words negated ("no scam post", "koi fraud hai?") are an offer's reassurance or a question,
// and a victim whose visa the FIA called fake is still a victim.
func TestShortVerdictsOnAPastedOffer(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Bhai ye dekho kia bakwas aya hai 😂\nMalaysia factory job, salary 1 lakh 60 hazar, bas 50k advance bhejo 0322-9183340 pe\nFraud hai 100% ignore karo", redflags.KindAdvisory, redflags.Low},
		{"❌ SCAM POST ❌\nHungary work visa 2024, warehouse & packing, 900 euro, 7 lakh total, 2 lakh advance, WhatsApp 0308-7730215\nIs post ko delete kar diya gaya. Member ko remove kar diya.", redflags.KindAdvisory, redflags.Low},
		{"Hungary work visa 2024, warehouse & packing, 900 euro, 7 lakh total, 2 lakh advance, WhatsApp 0308-7730215. No scam post, 100% genuine.", redflags.KindAd, redflags.High},
		{"Yaar meri khala ke bete ne Kuwait ka visa liya tha 4 lakh ka. Airport pe FIA ne bola visa fake hai, wahan se wapas bhej diya. Agent ka phone band hai. Kya karein?", redflags.KindVictim, redflags.High},
	})
}

// TestAgencyNamesInEveryScriptAndVictimsPlainly: an agency asked about in Urdu letters or
// misspelled ("انارکلی اوورسیز ایمپلائمنٹ پروموٹرز", "margala overseas") is found on the register;
// a number with its city's name after it in a question is a licence; a place to ask about agencies
// names none; and plain victims' words ("they took my CNIC", "ticket hi fake hai", "FIA ne mera
// bayan liya", "ہر ایک سے سوا لاکھ لیا تھا") are victims' accounts.
func TestAgencyNamesInEveryScriptAndVictimsPlainly(t *testing.T) {
	a, reg := mustAnalyzer(t), sampleRegister(t)
	for _, text := range []string{
		"انارکلی اوورسیز ایمپلائمنٹ پروموٹرز لاہور والوں نے بلایا ہے، کیا یہ رجسٹرڈ ہیں؟",
		"margala overseas ka number 9768 hai rwp, kia ye sahi hai? mera chota bhai wahan se jana chah raha hai dubai",
		"سیالکوٹ اسکلز اوورسیز ۹۳۳۳ سیالکوٹ، کیا یہ بیورو کے پاس رجسٹر ہے؟",
	} {
		if v := analyze(t, a, reg, text); v.Kind != redflags.KindLicenceQuery || v.Risk != redflags.Low || len(v.Licences) == 0 {
			t.Errorf("%q: %s %s %+v, want a licence question about a registered agency, low", text, v.Kind, v.Risk, v.Licences)
		}
	}
	if v := analyze(t, a, reg, "کیا بیورو آف امیگریشن کی کوئی ہیلپ لائن ہے جہاں ایجنسی کے بارے میں پوچھ سکیں؟"); v.Kind == redflags.KindLicenceQuery {
		t.Errorf("a question about where to ask: a licence question %+v", v.Licences)
	}
	checkKinds(t, []kindCase{
		{"they took my CNIC and passport pictures and 10k. now they are using my name to call other people. help", redflags.KindVictim, redflags.High},
		{"Flight se ek din pehle pata chala ticket hi fake hai. Agent ne PNR diya tha, airline office gaye to bola is PNR pe koi booking nahi. 1,95,000 diye hain.", redflags.KindVictim, redflags.High},
		{"میں اور میری دو سہیلیاں ملائیشیا میں ریسٹورنٹ کی نوکری کے لیے جا رہی تھیں۔ لاہور ائیرپورٹ پر ہمیں آف لوڈ کر دیا۔ ایجنٹ نے ہر ایک سے سوا لاکھ لیا تھا۔", redflags.KindVictim, redflags.High},
		{"Got a message: 'Earn 3000 daily by rating products, deposit 2000 to activate'. Is this a real job? I haven't deposited anything.", redflags.KindQuestion, redflags.Low},
	})
}

// TestOffersPastedOnTheirOwnLines: an offer pasted on lines of its own between a line that points
// at it and one that judges it ("👇 … ☝️ یہ جعلی ہے", "> … Ye banda fraud hai") is passed on to
// warn; the same offer under a scammer's own "⚠️ Beware of fake agents ⚠️" line, or
// forwarded with "plz ye msg aage share karein", is an ad.
func TestOffersPastedOnTheirOwnLines(t *testing.T) {
	checkKinds(t, []kindCase{
		{"*فارورڈ کریں*\n⛔ دھوکہ ⛔\n👇👇👇\nآسٹریلیا میں پھل چننے کی نوکری\n۲۸ ڈالر فی گھنٹہ\nکل ۱۲ لاکھ\n۲ لاکھ ایڈوانس\n📞 ۰۳۲۳-۵۵۰۱۹۴۸\n👆👆👆\nیہ جعلی ہے، کوئی پیسے نہ بھیجے۔", redflags.KindAdvisory, redflags.Low},
		{"⚠️ Fraud alert from Ahmed ⚠️\n> Hungary work visa, factory jobs 1000-1200 EUR\n> No IELTS No interview\n> 8.5 lakh total, pehli qist 2 lakh\n> 0308-2215094\nYe banda fraud hai, asli OEP cash nahi leta. Please share.", redflags.KindAdvisory, redflags.Low},
		{"⚠️ Beware of fake agents ⚠️\nSaudi visa 100% guaranteed, driver jobs, salary 2000 riyal\nFee 50,000 on JazzCash 0300-1234567", redflags.KindAd, redflags.High},
		{"Asalam o alaikum bhaiyon plz ye msg aage share karein 🙏\nSaudi Arab Jeddah mein bari company ko 100 labour chahiye. Visa fees 3 lakh 80 hazar, pehli qist 80 hazar. Number 0302-6610748", redflags.KindAd, redflags.High},
	})
}

// TestKoreaDrawsAndTheLandRouteFirst: a "Korea EPS Lucky Draw" with a fee to a wallet sells a job,
// not a prize; the land route named before where it ends ("Iran Turkey ke raste Greece phir
// Italy") with a sum "shuru mein" is an offer of it; victims of a fake EPS registration page are
// victims.
func TestKoreaDrawsAndTheLandRouteFirst(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Bureau of Emigration Govt of Pakistan\nKorea EPS Lucky Draw 2025\nMubarak ho! Aap ka naam select ho gaya hai.\nMedical aur registration ke liye Rs 8,500 Easypaisa 0341-2286519 par foran bhejein.", redflags.KindAd, redflags.High},
		{"Italy direct 🇮🇹 Iran Turkey ke raste Greece phir Italy. Pehle bhi 200 banday pohncha chuke hain. 3 lakh shuru mein, baqi 12 lakh wahan pohanch ke ghar wale denge. Guarantee ke sath.", redflags.KindAd, redflags.High},
		{"Facebook page 'Korea EPS Pakistan Official' ko registration aur book ke 18,000 bheje. Unhon ne OEC logo wali receipt bhi bheji. Ab OEC website pe check kiya to mera CNIC registered hi nahi, aur page ne mujhe block kar diya.", redflags.KindVictim, redflags.High},
		// A draw with no work in it is still a prize's.
		{"Mubarak ho! Aap ka number Jeeto Pakistan Lucky Draw mein select ho gaya hai. Inaam hasil karne ke liye registration fees Rs 2,500 JazzCash 0301-1234567 pe bhejein.", redflags.KindOther, redflags.Low},
	})
}

// TestCardNetworksAreNotVisas: a bank's receipt names its card's network, Visa, beside an amount
// and a fee; that is no visa sold. A visa priced in an offer still is.
func TestCardNetworksAreNotVisas(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Thank you for using your Visa Debit Card ending 4471 for AED 125.50 at DUBAI MALL on 15-JAN-2025 3:45 PM. Available Balance is AED 3,250.75", redflags.KindOther, redflags.Low},
		{"International ATM Withdrawal\nAmount: TRY 219.98 (SAR 17.71)\nCard: *4321 - VISA\nFee: 0.00\nCountry: Turkey", redflags.KindOther, redflags.Low},
		{"Meezan Bank: PKR 8,450.00 spent at ALFATAH LHR on your Visa Platinum card xx0912. Avl limit PKR 141,550.", redflags.KindOther, redflags.Low},
		{"Saudi visa card ready, driver job, price Rs 4 lakh. WhatsApp 0300-5550123", redflags.KindAd, redflags.High},
		{"Dubai visa 2 saal, fee AED 4,500 pehle. Visa ke baad kaam milega. Rabta 0321-5550987", redflags.KindAd, redflags.High},
	})
}

// TestMinistriesRequestAndWarn: a ministry's request to the public as the press words it ("it has
// been requested not to make any financial transaction", "brokers should be avoided") is advice,
// also when it names the documents a victim would lose.
func TestMinistriesRequestAndWarn(t *testing.T) {
	checkKinds(t, []kindCase{
		{"The Ministry of Overseas Pakistanis has issued a warning for those planning to go to Poland for work. It has been requested not to make any payment to any person or agent before the official announcement. Do not hand over your passport to middlemen; they should be avoided.", redflags.KindAdvisory, redflags.Low},
		{"The labour department has issued an emergency warning: jobseekers should not fall into the trap of agents who take passports and money for Malaysia visas.", redflags.KindAdvisory, redflags.Low},
		// A warning word in an offer does not make it advice.
		{"Poland work permit 100% guaranteed, emergency warning: only 5 seats left! Pay Rs 2 lakh advance on JazzCash 0300-5550123 today.", redflags.KindAd, redflags.High},
	})
}

// TestSumsLostAreNotAsked: news of what rejected applicants lose names a sum beside a visa; a
// loss is reported, asked of no one.
func TestSumsLostAreNotAsked(t *testing.T) {
	checkKinds(t, []kindCase{
		{"لاہور سے دبئی جانے والے پاکستانیوں کے ویزے مسترد ہونے کی شرح 99 فیصد تک پہنچ گئی۔ ویزہ مسترد ہونے پر درخواست دہندہ کو 1500 سے 2000 درہم تک کا نقصان ہو رہا ہے۔", redflags.KindOther, redflags.Low},
		{"Dubai visa 2 saal, fee AED 4,500 pehle warna seat ka nuqsan. Rabta 0321-5550987", redflags.KindAd, redflags.High},
	})
}

// TestOfferLettersThatAskToPay: a fake offer letter tells the selected candidate to pay a third
// party ("please pay GBP 450 to our insurance partner", "send EUR 1,500 to the account of our
// consultant", "the sum of CAD 1,450 must be paid to our lawyer"); a real one after an interview
// the reader attended, or a client's answer to the reader's own bid, asks for nothing.
func TestOfferLettersThatAskToPay(t *testing.T) {
	checkKinds(t, []kindCase{
		{"OFFER OF EMPLOYMENT (OFFSHORE)\nDear Candidate,\nManagement has approved your employment as Rigger on our North Sea platform. Salary GBP 4,900 monthly.\nPlease pay GBP 450 to our insurance partner \"Northwave Assurance Brokers\" and forward the receipt to hr.offshore.jobs@outlook.com.", redflags.KindAd, redflags.High},
		{"Dear Applicant,\nYour job offer as Care Assistant in Munich has been approved. Gross salary EUR 2,700/month.\nFor your work visa our partner will open a blocked account for you: send EUR 1,500 to the account of our consultant, Mr. Werner.", redflags.KindAd, redflags.High},
		{"Re: Offer of Employment – Warehouse Associate, Ontario. CAD 29.50 per hour, 40 hrs/week.\nTo finalize the LMIA and issue your work permit, the sum of CAD 1,450 must be paid to our retained immigration lawyer by Western Union.", redflags.KindAd, redflags.High},
		{"Dear Mr. Raza,\nThank you for attending the interview with our client, a cruise line, on 5 September. We are pleased to inform you that you have been selected for the position of Assistant Cook. The pre-employment medical is arranged and paid by the employer; no recruitment fees are charged to seafarers.\nCrew Manning Department, crew@bluewatermanning.pk", redflags.KindAd, redflags.Medium},
		{"Dear Usama,\nThank you for your proposal on our project \"Inventory dashboard in React\". We'd like to hire you through Upwork at USD 25/hour, 20 hours a week for 6 weeks. All payments go through Upwork; you don't need to pay or buy anything.", redflags.KindOther, redflags.Low},
		{"Dear Mr. Singh,\nWe are pleased to offer you the position of Industrial Electrician at CAD 36.00/hour. Under Canadian law the employer pays the LMIA processing fee and no part of it can be recovered from you.\nJanet Koh, HR Manager, janet.koh@prairiesteelfab.ca", redflags.KindAd, redflags.Medium},
		// The pay to be paid is the worker's.
		{"Dubai warehouse helpers needed. Salary AED 1,800 to be paid at the end of each month, company accommodation. Interview at our Lahore office.", redflags.KindAd, redflags.Medium},
	})
}

// TestTheApplicationsOwnCorrespondence: an application acknowledged, an interview moved, the
// payroll's notice offer no post; an invitation to an interview is an offer's next step, and an
// acknowledgement that asks for a fee is judged by it.
func TestTheApplicationsOwnCorrespondence(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Subject: Application received – Site Engineer (Ref 2025-SE-09)\nDear Applicant,\nThank you for applying. We have received your application and our team will review it over the next two weeks. Shortlisted candidates will be contacted by email.\nRecruitment Team, Indus Builders", redflags.KindOther, redflags.Low},
		{"Hi Sana, apologies, our hiring manager is travelling on Wednesday. Could we move your interview to Friday at 11 AM? The Teams link stays the same.\nThanks, Talent Team", redflags.KindOther, redflags.Low},
		{"Dear Employee,\nYour salary slip for May is available on the HR portal. Please contact the Payroll team if any correction is required.\nFinance Department", redflags.KindOther, redflags.Low},
		{"Protectorate of Emigrants Lahore: Your appointment is on 14-Jul-2025, 9:00 AM. Bring original passport, visa, employment contract and bank receipts of emigration fee. Ref E-2025-118204.", redflags.KindOther, redflags.Low},
		{"airblue: Fly LHE-DXB from PKR 49,999 all-inclusive one way! Book by 30 Sep for travel till 15 Dec. Limited seats. T&Cs apply. airblue.com", redflags.KindOther, redflags.Low},
		{"Hi Noman,\nThanks for applying to Arbor Health. We'd like to invite you for an on-site interview for the Biomedical Engineer position at our Lahore hospital on 12 June at 10 AM. Salary PKR 180,000 per month. Please bring your CNIC and degree originals. Reply to confirm.", redflags.KindAd, redflags.Medium},
		{"Dear Applicant, thank you for applying. Your application has been received and shortlisted for Dubai. Pay the registration fee of Rs 15,000 on JazzCash 0300-5550123 within 24 hours to confirm your interview slot.", redflags.KindAd, redflags.High},
	})
}

// TestFamiliesLoansAndCharges: a wedding abroad wants visit visas and passport copies, a brother
// borrows for a bill and promises it back, a court charges a recruiter, a permit is scrapped, an
// employer pays the visa's fee; none is an offer. An agent's refund promise on a visa still is.
func TestFamiliesLoansAndCharges(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Mamoo ki beti ki shaadi Dubai mein hai 12 March ko. Visit visa ke liye sab apne passport ki scan bhej dein, Faisal bhai wahan se apply karwa denge.", redflags.KindOther, redflags.Low},
		{"بھائی 5000 روپے جاز کیش کر دو، گیس کا بل جمع کروانا ہے، تنخواہ آتے ہی واپس کر دوں گا۔", redflags.KindOther, redflags.Low},
		{"Police in Makati filed charges against a 39-year-old woman for large-scale illegal recruitment and estafa after entrapment. Authorities said she used several Facebook accounts and collected fees in cash.", redflags.KindOther, redflags.Low},
		{"Bahrain to scrap flexi permit, replace it with licensed labour registration centres — LMRA", redflags.KindOther, redflags.Low},
		{"برطانیہ کے ہسپتال ٹرسٹ کو پاکستانی نرسیں درکار\nانٹرویو آن لائن، ٹرسٹ کی ٹیم لے گی\nویزا فیس اور ہیلتھ سرچارج آجر ادا کرے گا\nبھرتی کا کوئی خرچہ امیدوار سے نہیں لیا جائے گا", redflags.KindAd, redflags.Medium},
		{"Saudi visa 4 lakh, 1 lakh advance JazzCash 0300-5550123 pe. Visa na laga to paise wapas kar dunga, guarantee.", redflags.KindAd, redflags.High},
		{"BAHRAIN FLEXI VISA AVAILABLE AGAIN, 2 years validity, self sponsor, work anywhere. 0333-5550456", redflags.KindAd, redflags.High},
	})
}

// TestQuestionsAboutAnothersDemand: a short question about a fee someone asked of the writer,
// with no way to pay or reach anyone, asks before paying; an offer that opens on a question to
// its reader still offers. An ad pasted and called fake is passed on to warn; a document called
// fake is a victim's loss.
func TestQuestionsAboutAnothersDemand(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Is it legal for an agent to take his service charges before the visa is issued? Mine wants Rs 50,000 upfront.", redflags.KindQuestion, redflags.Low},
		{"Does OEC charge anything to register for the Korea EPS test? Someone on WhatsApp asked me for Rs 15,000 'file charges'.", redflags.KindQuestion, redflags.Low},
		{"Recruiter ne kaha medical aur interview nahi hoga, bas 80 hazar JazzCash kar do, visa 10 din mein. Kuch diya nahi abhi tak. Kaisa lag raha hai?", redflags.KindQuestion, redflags.Low},
		{"Asalam o alaikum. Aap Shahid bhai ke reference se ho na? Romania wala kaam hai, 2 bande chahiye. Paisay cash me hon ge, 4 lakh abhi, 6 lakh wahan pohanch kar.", redflags.KindAd, redflags.High},
		{"FAKE ALERT 🚨\n\nUK SENIOR CARE JOBS - CoS ready - 16 lakh - no interview - WhatsApp 0321-5550863\n\nCoS bechna illegal hai. Report to FIA.", redflags.KindAdvisory, redflags.Low},
		{"Airport pe FIA walon ne offload kar diya, keh rahe protector stamp fake hai. Agent ne 35 hazar alag se protector ke liye liye the, ab phone nahi utha raha.", redflags.KindVictim, redflags.High},
	})
}

// TestTheEmigrantsOwnFile: the Bureau's, the OEC's and the insurer's notices on the emigrant's own
// file are no offers; an OEP's service charge within the cap after the visa is lawful; a police
// notice to whoever was cheated advises.
func TestTheEmigrantsOwnFile(t *testing.T) {
	checkKinds(t, []kindCase{
		{"BE&OE: Dear applicant, your online request for registration (Saudi Arabia, Direct Employment) has been received. Ref: LHR-DE-2025-118452. Visit Protectorate of Emigrants, Lahore on 14-08-2025 at 09:00 with original documents.", redflags.KindOther, redflags.Low},
		{"OEC: You have passed EPS-TOPIK with a score of 142/200. The skills test schedule will be announced on oec.gov.pk.", redflags.KindOther, redflags.Low},
		{"Govt-to-Govt hiring: OEC is registering security guards for Qatar. Salary QAR 1,800 + food and accommodation. OEC service charges Rs 15,000 are payable only after visa issuance, against an official receipt.", redflags.KindAd, redflags.Medium},
		{"Police Station Saddar ki taraf se ittla: jali overseas agents ke khilaf karwai jari hai. Agar kisi ne aap se naukri ke naam pe paise liye hain to thane ya FIA se rabta karein.", redflags.KindAdvisory, redflags.Low},
		{"Saudi visa lagne ke baad service charges 3 lakh cash, pehle 50 hazar advance. Rabta 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestGulfPostingsAndTypedTaskScams: a UAE employer hiring visit-visa holders already there and
// sponsoring their permit, a profession's Gulf pay, recruitment events "being held" are lawful;
// reviews on Google Maps with a deposit to start, money doubled in a day and orders booked with
// one's own money are the task scam, however they are typed.
func TestGulfPostingsAndTypedTaskScams(t *testing.T) {
	checkKinds(t, []kindCase{
		{"RECEPTIONIST (Arabic & English) – Business Bay, Dubai\nSalary: AED 3,500 – 4,000\nVisit visa holders can apply — the company will process your employment visa.\nSend CV to careers@gulfbridge.ae", redflags.KindAd, redflags.Medium},
		{"General Practitioner – Primary Health Centres, Doha\nQAR 30,000 – 38,000 per month (tax-free)\nFamily visa | Annual tickets\nRecruitment events are being held online. Apply through careers.alwaahealth.qa", redflags.KindAd, redflags.Medium},
		{"Assalamualaikum 🌹\nmje apki profile achi lgi\nhmari company me online job hy\nroz 1 ghnta, slry 30k-60k\nbs google maps pe reviews dene hain\nstart krne k liye 2000 deposit\nwtsp pe rply kren", redflags.KindAd, redflags.High},
		{"assalam o alaikum\ntelegram group join kro\n1000 lagao 3000 lo 24 ghnte me\nbht log kama rhy", redflags.KindAd, redflags.High},
		{"amazon product rating job\nper order commission 15%\nphly apne pese se order book kro wapis mil jaty\nstart 5000 se\nwtsp 0311-5550732", redflags.KindAd, redflags.High},
		// Sold from Pakistan, the visit visa is still the sign.
		{"Dubai visit visa pe aayen, kaam hum dilwayenge, visa change baad mein. Total 2.5 lakh. 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestLicencesCountedAreNotAsked: news that counts licences cancelled or suspended names no
// licence to look up; a licence asked about by its four digits still is.
func TestLicencesCountedAreNotAsked(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بیورو آف امیگریشن نے شکایات ثابت ہونے پر 12 اوورسیز ایمپلائمنٹ پروموٹرز کے لائسنس منسوخ جبکہ 20 کے لائسنس معطل کر دیے ہیں۔", redflags.KindOther, redflags.Low},
		{"بریفنگ کے مطابق اسی عرصے میں 180 پروموٹرز کے لائسنس منسوخ اور 400 سے زائد معطل کیے گئے۔", redflags.KindOther, redflags.Low},
		{"9848 ka licence cancel ho gaya kya?", redflags.KindLicenceQuery, redflags.Medium},
	})
}

// TestCounsellorsCheckNumbers: a counsellor's list of numbers to check, a number asked about in
// passing ("ek number check karna tha"), and one to be looked at ("یہ نمبر دیکھ لیں") are licence
// questions; a flight and its route ("SV 739 ISB–RUH") is none.
func TestCounsellorsCheckNumbers(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Checking the following OEPs for our walk-in register today: 2211/LHR, 3190/RWP, 4076/KHI, 1502/PSH. Please flag any that are expired or cancelled.", redflags.KindLicenceQuery, redflags.Medium},
		{"Assalam o alaikum, ek number check karna tha: 2605/FSD. Faisalabad office. Shukriya", redflags.KindLicenceQuery, redflags.Medium},
		{"بھائی یہ نمبر دیکھ لیں ۳۶۱۴/راولپنڈی، ایجنٹ کہتا ہے حکومت سے منظور شدہ ہے", redflags.KindLicenceQuery, redflags.Medium},
		{"Saudia: Online check-in is now open for your flight SV 739 ISB–RUH on 22 Oct. Check in at saudia.com or the app and save time at the airport.", redflags.KindOther, redflags.Low},
		{"Emirates: Your booking EK5RT9 is confirmed. EK 615 KHI-DXB, 21 Jan 2025, 04:35. Check-in closes 60 minutes before departure.", redflags.KindOther, redflags.Low},
	})
}

// TestLuresOfWomenAndEmployersWhoPay: a spa, lounge or modelling job for young women abroad at a
// wage no such work pays, with everything free, is the traffickers' lure; a passport "handed to
// the manager on arrival" is kept. An NHS trust that pays the visa fee asks for none.
func TestLuresOfWomenAndEmployersWhoPay(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Turkey Istanbul mein model aur showroom sales girl ki job. Age 18-24, height 5'4. Salary 2500 dollar. Sab kuch free — visa, ticket, flat. Tasveerein bhejein 0316-5550123", redflags.KindAd, redflags.High},
		{"دبئی میں ایونٹ ہوسٹس اور لاؤنج اسٹاف کی ضرورت۔ صرف لڑکیاں، عمر ۱۹ سے ۲۶۔ تنخواہ ۶ لاکھ روپے اور ٹپس۔ ویزا ٹکٹ رہائش مفت۔ ۰۳۴۶-۵۵۵۰۱۲۳", redflags.KindAd, redflags.High},
		{"Hostesses for Bahrain events & lounges. Girls 18-26. 800 BHD per month + commission. Ticket & visa free, passport to be handed to the manager on arrival. WhatsApp +973 3555 0123", redflags.KindAd, redflags.High},
		{"NHS Trust recruiting International Nurses (Band 5) from Pakistan. The Trust assigns your Certificate of Sponsorship, pays your visa fee and OSCE, plus flights and 4 weeks' free accommodation. No fee is charged to candidates at any stage. Apply only via NHS Jobs.", redflags.KindAd, redflags.Medium},
		// A ladies' salon at home that pays a salon's wage is ordinary.
		{"Ladies salon in Lahore needs female beauticians, salary Rs 45,000, send CV with photo", redflags.KindAd, redflags.Medium},
	})
}

// TestTheWritersOwnSendingAndRejections: a son who will send money home from his first salary and
// a friend told "experience kam hai" ask for nothing and lost nothing; the same "pehle" with an
// order to send is a fee.
func TestTheWritersOwnSendingAndRejections(t *testing.T) {
	checkKinds(t, []kindCase{
		{"امی جان، آج دبئی میں میری پہلی تنخواہ آئی ہے۔ سب سے پہلے آپ کے لیے پیسے بھیجوں گا۔ ابو کو میرا سلام دیجیے گا۔", redflags.KindOther, redflags.Low},
		{"Bhai wo job nahi mili. Unho ne kaha experience kam hai. Koi baat nahi, aur jagah apply karunga.", redflags.KindOther, redflags.Low},
		{"سعودی عرب میں ڈرائیور کی نوکری، تنخواہ ۲۰۰۰ ریال۔ پہلے ۵۰ ہزار روپے جاز کیش پر بھیجیں ۰۳۰۰-۵۵۵۰۱۲۳", redflags.KindAd, redflags.High},
	})
}

// TestLockedInBySponsorsAndVisasSoldInTheFirstPerson: a worker locked in by the kafeel, the
// passport with him, is a victim in any script; a seller's "2 lakh mein de raha hun" is his own
// offer, not one he reports; a question about remittances pays no recruiter.
func TestLockedInBySponsorsAndVisasSoldInTheFirstPerson(t *testing.T) {
	checkKinds(t, []kindCase{
		{"مدد کریں۔ کفیل نے کمرے میں بند کر رکھا ہے۔ پاسپورٹ بھی اس کے پاس ہے۔ ریاض۔", redflags.KindVictim, redflags.High},
		{"sir please help me. i am in saudi jeddah. 3 month no salary. kafeel lock door at night. my passport with him. i want go home", redflags.KindVictim, redflags.High},
		{"Mere paas Qatar ki security company ke visa bache hain, 2 lakh mein de raha hun urgent. Medical aur protector mera zimma. 0333-5550318", redflags.KindAd, redflags.High},
		{"What's the cheapest way to send money from Saudi Arabia to a JazzCash wallet?", redflags.KindOther, redflags.Low},
		// Reported, the seller is someone else.
		{"Ek banda Qatar ka visa 2 lakh mein de raha hai, kya ye theek hai? Abhi kuch nahi diya.", redflags.KindQuestion, redflags.Low},
	})
}

// TestVisasAndJobsForSaleAndVIPLevels: a visa or a job "برائے فروخت" / "baraye farokht" is sold,
// however a classified words it; tasks by the day with a VIP level to buy are the task scam.
func TestVisasAndJobsForSaleAndVIPLevels(t *testing.T) {
	checkKinds(t, []kindCase{
		{"کویت کا ویزا برائے فروخت — مزدور، دو سال۔ قیمت ساڑھے تین لاکھ۔ آدھی رقم ابھی۔ مقام: ملتان۔", redflags.KindAd, redflags.High},
		{"Naukri baraye farokht: Dubai Metro mein cleaner ki job, offer letter ready. Qeemat 2 lakh. Pehle aao pehle pao.", redflags.KindAd, redflags.High},
		{"📣 Naya earning group! Har roz 10 task karo aur 1500 kamao. Pehle VIP membership leni hogi: VIP-1 Rs 2,000, VIP-2 Rs 5,000. Join: t.me/earnpk555", redflags.KindAd, redflags.High},
		// A plot for sale is goods.
		{"5 marla plot barae farokht, DHA Lahore, qeemat 1.2 crore, rabta 0300-5550123", redflags.KindOther, redflags.Low},
	})
}

// TestFragmentsAndShortPleas: the shortest offers ("Qatar visa ready, pay first", "half payment
// now, half after visa", "Greece boat wala route") and pleas ("paid 80k, number off", "۴ لاکھ دیے،
// اب دفتر بند ہے") are read as what they are; a sum paid for a match, told at length, is not this
// bot's.
func TestFragmentsAndShortPleas(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Qatar visa ready, pay first", redflags.KindAd, redflags.High},
		{"Serbia work visa, half payment now, half after visa", redflags.KindAd, redflags.High},
		{"Greece boat wala route, 100% pohnchayenge", redflags.KindAd, redflags.High},
		{"paid 80k, number off", redflags.KindVictim, redflags.High},
		{"۴ لاکھ دیے، اب دفتر بند ہے", redflags.KindVictim, redflags.High},
		{"I paid 12,500 for a rishta through an online marriage bureau, they never arranged any meeting and now number off.", redflags.KindOther, redflags.Low},
	})
}

// TestLawfulCostsListed: a licensed ad that lists what the worker pays lawfully (the medical at a
// GAMCA centre, the Protector's challan, a service charge within the cap after the visa), the pay
// with its room and allowances, and overtime by the day asks no unlawful fee and offers no bait;
// the same layout with lakhs before the visa does.
func TestLawfulCostsListed(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Oman construction — Shuttering Carpenter. OMR 160 + OT.\nKharcha list:\n1) Medical GAMCA centre pe (taqreeban Rs 23,000)\n2) Protector fees bank challan (Rs 8,000–10,000)\n3) Service charge Rs 15,000 visa ke baad, bank raseed ke sath.\nRabta 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Riyadh construction job. Salary SAR 1,800 + 2 hrs OT daily + food allowance SAR 300. Visa and ticket paid by employer. Call 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Saudi house driver ki job. SAR 1,500 + rehaish. Musaned visa sponsor khud pay karta hai. Aap se sirf medical aur protector fee. Rabta 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Hotel staff for Muscat: Waiters, Room Attendants. OMR 120–180 + service-charge share + meals + accommodation. Interviews at our Lahore office, call 042-5550187.", redflags.KindAd, redflags.Medium},
		{"Oman construction — Shuttering Carpenter. OMR 160 + OT. Service charge Rs 2,50,000, aadha visa se pehle. Medical hamare bande ko Rs 30,000 cash.", redflags.KindAd, redflags.High},
	})
}

// TestPastedOffersAskedAbout: an offer quoted word for word or pasted under "is it safe?" gets the
// verdict its signs call for, before any money is paid; a demand told in the asker's own words
// asks about the law, and gets the question's answer.
func TestPastedOffersAskedAbout(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Forwarding a voice note from a man in our village: \"Turkey ka rasta hai. Taftan se Iran, Iran se Van. 7 lakh poora package, Turkey pohanch ke kaam ready hai.\" Is it safe?", redflags.KindAd, redflags.High},
		{"ماموں کو ایجنٹ نے یہ لکھ کر بھیجا ہے: \"اٹلی کا ورک پرمٹ، انٹرویو کی ضرورت نہیں، ۸ لاکھ لگیں گے، آدھے ابھی جمع کروائیں۔\" ابھی کچھ نہیں دیا۔ کیا کریں؟", redflags.KindAd, redflags.High},
		{"My aunt got this, should she apply?\n\nSTAFF NURSES FOR KUWAIT\n100% GUARANTEED VISA, NO INTERVIEW\nSalary KWD 600\nProcessing charges Rs 7 lakh (3 lakh now)", redflags.KindAd, redflags.High},
		{"Agent keh raha hai Umrah visa pe chalo wahan kaam mil jayega, 1.5 lakh lega. Sahi hai?", redflags.KindQuestion, redflags.Low},
	})
}

// TestLossesToldAndRulesStated: money run off with, paid into a task group, or a deposit gone
// with the recruiter tells a victim's account in any script; "No fee is charged" and "is the fee
// paid in dollars?" tell of no payment.
func TestLossesToldAndRulesStated(t *testing.T) {
	checkKinds(t, []kindCase{
		{"ایجنٹ پیسے لے کے بھاگ گیا اب کیا کروں", redflags.KindVictim, redflags.High},
		{"mere dost ne telegram pe task wala kaam kia tha, pehle 500 mile phir 15 hazar dalwaye, ab group se nikal dia. paise wapis ho sakte hain?", redflags.KindVictim, redflags.High},
		{"Is the Takamol test fee paid in dollars? Can I pay with my debit card or do I need someone in Saudi?", redflags.KindQuestion, redflags.Low},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"Japan caregiver programme: free language training with a monthly stipend. Apply online on the portal. No fee is charged for admission.",
	} {
		if v := analyze(t, a, nil, text); v.Kind == redflags.KindVictim || v.Risk == redflags.High {
			t.Errorf("%q: %s %s %v, want no victim and no high risk", text, v.Kind, v.Risk, v.Flags)
		}
	}
}

// TestCitedLicenceAndWhatsApp: an ad that cites its licence number has said who it is, and the
// register holds its office: WhatsApp for the CVs is not WHATSAPP_ONLY. Without the number it is.
func TestCitedLicenceAndWhatsApp(t *testing.T) {
	checkNotFlagged(t, redflags.WhatsAppOnly,
		"Qatar hotel staff, QAR 1,200 + food. Service charges after visa by bank challan. OEP Licence No. 9123/LHR. CV on WhatsApp 0300-5550123",
		"دبئی کے لیے ویلڈر، تنخواہ ۱۵۰۰ درہم۔ سروس چارجز ویزا کے بعد بینک سے۔ او ای پی لائسنس نمبر ۹۱۲۳/لاہور۔ سی وی واٹس ایپ کریں ۰۳۲۱-۵۵۵۰۱۲۸")
	checkFlagged(t, redflags.WhatsAppOnly, "Qatar hotel staff, QAR 1,200 + food. CV on WhatsApp 0300-5550123")
}

// TestSmallSumsSentAndTheWorkersOwnCosts: a sum within the service charge told to be sent at once
// for a job or a scheme is asked before any visa; the worker's own visa fee, a pay range in the
// destination's money, a long-haul driver's euros and a UAE employer's welcome to visit-visa
// holders already there are no scam's signs.
func TestSmallSumsSentAndTheWorkersOwnCosts(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Korea EPS mein naam likhwana hai to 18 hazar bhejo, OEC mein apna banda hai", redflags.KindAd, redflags.High},
		{"Japan caregiver programme ki list mein naam dalwane ke liye 12000 jama karwao aaj hi", redflags.KindAd, redflags.High},
		// Named as the service charge once the visa has come, the lawful charge: the application's
		// own correspondence.
		{"Mubarak ho, aap ka visa lag gaya hai. Service charge 15,000 company ke bank account mein jama karwayen aur raseed lein. Rabta 0300-5550123", redflags.KindOther, redflags.Low},
		{"UK seasonal farm work through the approved scheme operator, no recruitment fee. Aap ko apni visa fee (£298) aur ticket khud deni hogi. Call 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Sharjah bakery – bakers and packers\n1800-2400 AED\nEmployment visa by company\nCall 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Lithuania – international truck drivers (C+E), code 95 training by employer, approx. €2,600 net a month. Call 0300-5550123", redflags.KindAd, redflags.Medium},
		{"Bhai Dubai mein labour ki 15 seat hain, visit pe jana hai, 1.2 lakh, kal tak confirm karo", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.VisitVisaWork,
		"Walk-in interview for cashiers, Al Qusais, Dubai. Candidates on visit visa welcome. Employment visa by the company.",
		"Deira restaurant mein waiters chahiye, walk-in kal, visit visa wale bhi aa sakte hain, koi fees nahi.",
		"دبئی کی کمپنی کو کیشیئر چاہئیں، صرف وہ لوگ اپلائی کریں جو اس وقت یو اے ای میں وزٹ ویزا پر موجود ہیں، ویزا کمپنی دے گی")
}

// TestPayToStartAndSelectionPromised: a deposit "returned with your first salary", a kit bought to
// start, a balance put in a wallet to book orders, money put in a task to get more back and a
// selection promised "100%" are the task scam's and the fake scheme's signs.
func TestPayToStartAndSelectionPromised(t *testing.T) {
	checkFlagged(t, redflags.TaskScam,
		"Remote community assistant, earn $900 monthly. Make a test deposit of 40 USDT to verify you are real; it will be returned with your first salary.",
		"Earn Rs 20,000 monthly sending SMS from your phone. Just buy our SIM kit (Rs 1,800) and start.",
		"Daraz order booking job, 1 order = 60 rupay commission. Order book karne ke liye pehle apne wallet mein balance dalna hoga jo refund ho jata hai.",
		"Telegram tasks: like karo, follow karo. Phir merchant task mein 4000 lagao 6000 wapis lo.")
	checkFlagged(t, redflags.Guaranteed, "Korea EPS mein naam dalwa lo, 100% select ho jaoge")
}

// TestPaidBeforeAndAskedAgain: money handed over in the past perfect ("advance de diya tha"), a
// sponsorship bought and found fake, savings put in a trading "job", a deposit made and the
// receiver gone, and "Scammed by ..." with a sum paid are victims' accounts; a yes-or-no question
// of what an agent may do, with its "kya" first or last, asks the law.
func TestPaidBeforeAndAskedAgain(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Ghalti ho gayi, Oman ke liye 80 hazar advance de diya tha ek bande ko. Ab wo kehta hai 1.5 lakh aur do warna visa cancel. Dena chahiye?", redflags.KindVictim, redflags.High},
		{"mere bhai ne UK care visa ka CoS 12 lakh mein liya, ab visa refuse hua to pata chala CoS hi fake tha. Hum kya karein?", redflags.KindVictim, redflags.High},
		{"Bhai ne crypto trading ki job ke liye 2 lakh laga diye, withdraw pe fee mangi, ab app hi band ho gaya. Kya karein?", redflags.KindVictim, redflags.High},
		{"40 hazar easypaisa kiye the registration k liye. ab block kar diya", redflags.KindVictim, redflags.High},
		{"Scammed by a fake Emirates offer, paid 35,000 to a personal account. How to complain to FIA?", redflags.KindVictim, redflags.High},
		{"ملائیشیا میں میرے بھائی کو فیکٹری کا کہا تھا، وہاں جا کے پتا چلا ٹورسٹ ویزا ہے، اب ایجنٹ فون نہیں اٹھاتا", redflags.KindVictim, redflags.High},
		{"Amma ka operation agle hafte hai. Doctor ne kaha 1.2 lakh lagenge. Riyadh se kuch arrange kar sakte ho?", redflags.KindOther, redflags.Low},
	})
	a := mustAnalyzer(t)
	for _, text := range []string{
		"kya agent passport apne paas rakh sakta hai visa lagne tak?",
		"Agent passport apne paas rakh sakta hai kya?",
		"کیا ایجنٹ ویزا لگنے تک پاسپورٹ اپنے پاس رکھ سکتا ہے؟",
	} {
		if v := analyze(t, a, nil, text); v.Risk == redflags.High || v.Has(redflags.PassportRetention) {
			t.Errorf("%q: %s %s %v, want a question with no verdict", text, v.Kind, v.Risk, v.Flags)
		}
	}
	checkFlagged(t, redflags.PassportRetention, "Passport aap ko hamare paas jama karwana hoga visa lagne tak. Rabta 0300-5550123")
}

// TestAccountsThatRetellTheOfferAndLawfulLookalikes: a victim who retells the offer, asks for
// advice and what legal action to take, or lost a code and the money with it, is a victim; a
// levy on dependents in the news, a UAE employer hiring those already there on visit visas, a
// pay package "+ incentives" and a government test's fee paid by voucher at a bank are not scams.
func TestAccountsThatRetellTheOfferAndLawfulLookalikes(t *testing.T) {
	checkKinds(t, []kindCase{
		{"I am a nurse from Lahore. A recruitment company contacted me on WhatsApp for a Riyadh hospital job, salary SAR 8000. They took Rs 1,50,000 for Prometric and visa, and I paid. The receipt was fake. What legal action can we take?", redflags.KindVictim, redflags.High},
		{"Hey, need advice. Applied to a ministry nursing job through a site that looked official, then they asked PKR 50,000 for dataflow to a personal bank account. I paid. Now the website is down. Can the bank reverse it?", redflags.KindVictim, redflags.High},
		{"Got a call saying my name is selected for a Korea job, tell the code for verification. I told the code and Rs 60,000 gone from my Easypaisa account. What should I do now?", redflags.KindVictim, redflags.High},
		{"The monthly levy on dependents of expatriates in Saudi Arabia remains SAR 400 per person, payable in advance when renewing the iqama.", redflags.KindOther, redflags.Low},
	})
	checkNotFlagged(t, redflags.VisitVisaWork,
		"Facility management company, Al Quoz. Candidates on visit visa inside UAE can apply; the company will change status and provide the employment visa. Walk-in Monday to Thursday.",
		"Sharjah me jo bhai visit visa pe hain aur kaam dhoond rahe hain: hamari company ko 10 labour chahiye, visa change company karegi. Call 050-5550123",
		"Reach stacker operators, Jebel Ali. Candidates currently in the UAE can apply, including on visit visa; the company will process the employment visa.")
	checkNotFlagged(t, redflags.UpfrontFee,
		"OMAN – light drivers for a delivery company. OMR 200 basic + incentives. Visa by employer. Interview 15 Sept, Sialkot. Call 0300-5550123",
		"این ٹی ایس — پاکستان پوسٹ میں پوسٹ مین کی آسامیاں۔ ٹیسٹ فیس: ۵۰۰ روپے، واؤچر کے ذریعے بینک میں جمع کروائیں۔")
	checkNotFlagged(t, redflags.FreeEmail,
		"Malaysia glove factory, production operators, RM 1,700 + OT. Service charges after visa by bank. OEP Lic. No. 9456/ISB. Send CV: glovejobs.isb@gmail.com")
}

// TestWarningsThatTellWhatOthersSell: a warning that tells what some people sell, and for how
// much, with no way to reach them ("kuch log ... 15 lakh mein bech rahe hain ... mat phansna"),
// or that says not to buy or invest, is advice; the same price with a number to call is an offer.
func TestWarningsThatTellWhatOthersSell(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Australia farm work ka 'guaranteed visa' bech rahe hain kuch log Multan mein, 12 lakh mein. Australia ka koi aisa visa nahi jo agent guarantee kar sake. Sab apply khud hota hai. Mat phansna bhai log.", redflags.KindAdvisory, redflags.Low},
		{"kisi ne bola Japan ka SSW visa 6 lakh mein confirm karwa deta hun. bhai Japan mein SSW ke liye skill test aur language test pass karna parta hai, koi shortcut nahi. aise logon se bacho", redflags.KindAdvisory, redflags.Low},
		{"SECP cautions the public against 'earn from home' apps that promise daily profit on deposits for watching ads. Several have vanished with public money. Do not invest or refer others.", redflags.KindAdvisory, redflags.Low},
		{"Australia farm work, guaranteed visa, 12 lakh. Rabta 0300-5550123", redflags.KindAd, redflags.High},
	})
}

// TestSumsTakenAndPermitsThatWereNot: "4 lakh 20 hazar liye" and "pata chala work permit nahi,
// sirf tourist visa tha" tell a victim's loss; "ابھی دیے نہیں" says nothing is lost yet.
func TestSumsTakenAndPermitsThatWereNot(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Mujhe Saudi mein heavy driver ka visa diya gaya tha, 3 lakh 80 hazar liye. Wahan company ne labour ka kaam de diya. Kya main agent pe case kar sakta hoon?", redflags.KindVictim, redflags.High},
		{"Bhai Turkey mein hoon. Agent ne kaha tha factory mein kaam, legal residence. Yahan aa ke pata chala work permit nahi, sirf tourist visa tha. Consulate madad karta hai?", redflags.KindVictim, redflags.High},
		{"کیا کوئی او ای پی ویزا آنے سے پہلے فیس لے سکتا ہے؟ مجھ سے ۱۲ ہزار فائل چارجز مانگ رہے ہیں، ابھی دیے نہیں", redflags.KindQuestion, redflags.Low},
	})
}

// TestChecklistsEmbassyWarningsAndQuestionsAnsweredNo: a checklist of what not to do, marked ❌,
// an embassy's warning of the scam compounds, a sum "being taken" from many and a question
// answered "NAHI" are advice; a licence number given "e.g." is no licence asked about.
func TestChecklistsEmbassyWarningsAndQuestionsAnsweredNo(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Read before you pay anyone 👇\n✅ Licensed OEP (e.g. licence 3456/ISB) – check on BEOE site\n✅ Visa pehle, service charges baad mein\n❌ Personal JazzCash / Easypaisa\n❌ 'Half payment advance'\n❌ Passport agent ke paas rakhna", redflags.KindAdvisory, redflags.Low},
		{"From the Pakistan Embassy: Pakistani youth are being lured to Cambodia with offers of customer service jobs at high salaries. On arrival, passports are taken and they are forced to work in scam compounds. Do NOT accept job offers in Cambodia, Laos or Myanmar without verification from the Embassy.", redflags.KindAdvisory, redflags.Low},
		{"Guys, UK care worker CoS ke naam pe 15-20 lakh liye ja rahe hain. Home Office ne clear bola hai ke CoS bechna illegal hai aur aise visa cancel ho jaate hain. Real employer sponsorship ka paisa nahi leta.", redflags.KindAdvisory, redflags.Low},
	})
	a := mustAnalyzer(t)
	if v := analyze(t, a, nil, "JazzCash pe visa fees? NAHI. Easypaisa pe file charges? NAHI. Personal account mein advance? NAHI."); v.Risk == redflags.High {
		t.Errorf("questions answered no: %s %s %v, want no verdict", v.Kind, v.Risk, v.Flags)
	}
}

// TestLossesTypedShortAndMoneyThatIsNoLoss: "2 lakh kha gaya", "agent ne mere do lakh kha liye ...
// fone bhi band hai" and "mera sab paisa gaya" are losses; money sent home for a wedding or the
// house, a loan asked back from a friend and an appeal for a child's operation are not; "to dena
// chahiye ya nahi" asks.
func TestLossesTypedShortAndMoneyThatIsNoLoss(t *testing.T) {
	checkKinds(t, []kindCase{
		{"2 lakh kha gaya", redflags.KindVictim, redflags.High},
		{"agent ne mere teen lakh kha liye qatar ka visa bola tha 5 mahine ho gaye ab fone bhi band hai kia karun", redflags.KindVictim, redflags.High},
		{"agar agent kehta hai pehle paise do phir visa aye ga to dena chahiye ya nahi", redflags.KindQuestion, redflags.Low},
		{"Mamu ka msg: Riyadh se hoon. Bhai ko bol dena ke 40 hazar maine bheje hain uski beti ki shadi ke liye, gift hai.", redflags.KindOther, redflags.Low},
		{"Yaar Bilal, maine tumhe 12 hazar bheje the last month, woh wapis kar sakte ho is hafte? Bike ki qist deni hai.", redflags.KindOther, redflags.Low},
		{"اپیل برائے امداد: ایک غریب خاندان کے بچے کا دل کا آپریشن ہے، خرچ ۵ لاکھ روپے۔ جو مدد کرنا چاہیں رقم بھیجیں: ایزی پیسہ 0345-5550123", redflags.KindOther, redflags.Low},
	})
}

// TestPayPeriodsWalkInsAndReceiptsToTheReader: a package by the month, a range's lower end before
// "/month", a walk-in interview and "no interview or training fee" are no scam's signs; "we do not
// charge any registration or training fee" denies the fee; a wallet receipt of money the reader
// received is no victim's account.
func TestPayPeriodsWalkInsAndReceiptsToTheReader(t *testing.T) {
	checkNotFlagged(t, redflags.UpfrontFee,
		"Graduate software engineer, Kuala Lumpur. Package: MYR 5,500/month, Employment Pass sponsored by the company. Apply on our careers page.",
		"Teachers for Malé. Package: USD 1,400–1,800/month, furnished accommodation, return airfare. Email CV to jobs@school.edu.mv",
		"Online English tutor, part-time. Joining is free; we do not charge tutors any registration or training fee. Apply on our website.")
	checkNotFlagged(t, redflags.NoInterview,
		"Customer service agents, Gulberg Lahore. Walk-in interviews daily 11am–4pm. No interview or training fee.")
	checkKinds(t, []kindCase{
		{"ایزی پیسہ: آپ نے 3,000 روپے وصول کیے 0300-5550123 سے۔ آپ کا نیا بیلنس 4,112.50 روپے ہے۔ ٹرانزیکشن آئی ڈی 31245678901", redflags.KindOther, redflags.Low},
	})
}

// TestRegistrationSumsAndVisitVisaHoldersThere: a registration named beside a sum within the
// service charge, asked before any visa, is an upfront fee, unless the text is the state's own
// schedule; visit-visa holders already in the UAE welcome in Roman Urdu ("walay bhi apply kar
// sakte hain") or in Urdu ("یو اے ای میں وزٹ ویزا پر ہیں") are lawful in-country hiring.
func TestRegistrationSumsAndVisitVisaHoldersThere(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Etihad airport pe cleaner aur porter ki 40 seats. Abu Dhabi 2 saal ka visa. Salary 1600 dirham. Sirf registration 9,000 aur passport jama karwana hai. Call 0306-5550123", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.UpfrontFee,
		"Protectorate of Emigrants, Rawalpindi - fee schedule: 1. Registration fee: Rs 2,500 2. OPF Welfare Fund: Rs 2,000 3. State Life insurance premium: Rs 2,500. Deposit by challan.")
	checkNotFlagged(t, redflags.VisitVisaWork,
		"Dubai mein hain aur job dhoond rahe hain? Hotel ko housekeeping attendants chahiye. Visit visa walay bhi apply kar sakte hain, company employment visa khud process karegi.",
		"دبئی کی کیٹرنگ کمپنی کو کچن ہیلپر درکار ہیں۔ جو امیدوار اس وقت یو اے ای میں وزٹ ویزا پر ہیں وہ بھی اپلائی کر سکتے ہیں۔")
}

// TestFakeChequesMulesAndPaidPlugins: an e-check to buy equipment from a partnered supplier, gift
// cards bought for the boss and reimbursed, a plugin sold through the employer's affiliate link,
// packages shipped on to an overseas warehouse and "working capital" deposited to start are the
// remote-job scams the FTC lists.
func TestFakeChequesMulesAndPaidPlugins(t *testing.T) {
	checkFlagged(t, redflags.TaskScam,
		"Remote graphic designer, $36/hr. After selection you'll get an e-check to buy a laptop and licences from our partnered supplier.",
		"Remote executive assistant, $600 weekly. Handle purchases on the CEO's behalf, such as gift cards for clients, to be reimbursed the same week.",
		"Freelance proofreader, $20/hr. You must use our plugin, which can only be purchased through our affiliate link ($149/year).",
		"Returns associate, home-based, $2,000 a month. Accept return packages delivered to your home and ship items onwards to our overseas warehouse.",
		"Remote arbitrage team, weekly salary $300. To start, each member deposits 500 USDT as working capital.")
}

// TestWalletsReadOffPostersAndFarFromTheOrder: a wallet's name read by OCR with an "l" for the "i",
// and a wallet number given a dozen words after the order to send, are still a payment to a person.
func TestWalletsReadOffPostersAndFarFromTheOrder(t *testing.T) {
	checkFlagged(t, redflags.PersonalPayment,
		"URGENT REQUIRED F0R DUBAI\nLABOUR / HELPER\nSALARY 1800-2500 AED\nVISA READY\nSEND RS 10,000 REG FEE TO\nEASYPAlSA 03I5-4477281",
		"We need 25 Pakistani workers urgently. Each candidate must send 18,000 PKR to our Pakistan coordinator for Saudi embassy attestation. Coordinator JazzCash 0306-5550123.")
}

// TestTimeTakenIsNoTaking: "the process took about 3 weeks" takes no money; "took my money" does.
func TestTimeTakenIsNoTaking(t *testing.T) {
	checkKinds(t, []kindCase{
		{"FYI for those who asked, I got my 10-year golden visa as an engineer. Process via ICP took about 3 weeks, govt fees around AED 4,000 incl. medical and EID. Didn't use any agent.", redflags.KindOther, redflags.Low},
		{"The agent took my money 3 months ago for a Dubai visa, Rs 2 lakh, and now his phone is off. What should I do?", redflags.KindVictim, redflags.High},
	})
}

// TestSpansOfTimeAndGoingPrices: "My OEP says 2 weeks" names no licence number, and a ticket's going
// price in the news ("آج کل ... کی مل رہی ہے") is asked of no one.
func TestSpansOfTimeAndGoingPrices(t *testing.T) {
	checkKinds(t, []kindCase{
		{"How long does the Protector process take after the visa comes? My OEP says 2 weeks, is that normal?", redflags.KindQuestion, redflags.Low},
		{"لاہور سے جدہ کی ٹکٹ آج کل ایک لاکھ 15 ہزار روپے کی مل رہی ہے۔ رمضان میں اور مہنگی ہو جائے گی۔", redflags.KindOther, redflags.Low},
	})
}

// TestAskedInWordsAtLength: a last sentence of up to twenty words that asks in words, without a
// question mark, still asks: "agent 3 lakh maang raha hai saudia ke liye kya itne paise lagte hain
// ya zyada hai".
func TestAskedInWordsAtLength(t *testing.T) {
	checkKinds(t, []kindCase{
		{"agent 3 lakh maang raha hai saudia ke liye kya itne paise lagte hain ya zyada hai", redflags.KindQuestion, redflags.Low},
	})
}

// TestTradesWantedCiteTheirLicence: a short ad that names a trade as wanted and its licence
// ("mason chahiye ... OEP Lic 1192/PWR") is an ad citing its own licence, not a licence question;
// "verify please" beside it still asks. (Without a register the licence is not looked up: medium.)
func TestTradesWantedCiteTheirLicence(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Qatar k liye steel fixer chahiye. OEP Lic 9312/LHR. Koi advance nahi, trade test Lahore office mein. 042-35550123", redflags.KindAd, redflags.Medium},
		{"Muscat hospital needs 20 staff nurses via Crescent OEP 9421/RWP. Interview in Islamabad on 4 March.", redflags.KindAd, redflags.Medium},
		{"Indus Manpower Karachi - 9544/KAR. Dammam project ke liye welders chahiye. Verify please", redflags.KindLicenceQuery, redflags.Medium},
	})
}

// TestCodesInTwoHalvesAreCodes: a six-digit code printed in two halves ("614-029", "902 144") is a
// one-time code, and its "do not share" no warning; a helpline's 111-111-425 is no code.
func TestCodesInTwoHalvesAreCodes(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Your verification code for WhatsApp is 418-027. Don't share this code with others.", redflags.KindOther, redflags.Low},
		{"Your Careem code: 5521. Do not share it with anyone.", redflags.KindOther, redflags.Low},
		{"HBL will never ask for your PIN, OTP or password. If anyone asks, it's a fraud. Report at 111-111-425.", redflags.KindAdvisory, redflags.Low},
	})
}

// TestLossesToldInTheNews: the agent who "disappeared after taking" the money, or "collected" it
// and "never returned", is a victim's story as the news tells it.
func TestLossesToldInTheNews(t *testing.T) {
	checkKinds(t, []kindCase{
		{"OKARA: A labourer says he sold his motorcycle and his wife's jewellery to pay a man who promised him a job in Oman, only for the agent to disappear after taking Rs 450,000. The family has approached the police.", redflags.KindVictim, redflags.High},
		{"Some 20 young men from Hafizabad say a man claiming to recruit for a Qatar hotel collected Rs 30,000 each from them as a medical fee and never returned.", redflags.KindVictim, redflags.High},
	})
}

// TestMoneyToTheAgentInPerson: the Protector's fees and the medical are paid at the office and the
// centre; an agent who wants that money handed to him ("mujhe de do", "pay to me only") is paid
// in person.
func TestMoneyToTheAgentInPerson(t *testing.T) {
	checkFlagged(t, redflags.PersonalPayment,
		"Kuwait visa ready hai. Medical aur protector ka kharcha 30 hazar mujhe de do, line mein lagne ki zaroorat nahi.",
		"کویت کا ویزا آ گیا ہے۔ میڈیکل کا خرچہ 30 ہزار مجھے دے دیں، باقی کام میں خود کروا دوں گا۔",
		"Your name is on the Qatar list. The GAMCA centre is our partner, so the medical fee is to be paid to me only.")
}

// TestSelectionStillToCome: "after you are selected" is a step of the process, not the scammer's
// "you have been selected"; the rest of the price due "when the permit comes" is an instalment plan.
func TestSelectionStillToCome(t *testing.T) {
	checkNotFlagged(t, redflags.NoInterview,
		"Saudi contractor requires linemen. Rs 15,000 service charge to our company bank account after you are selected at the trade test.")
	checkFlagged(t, redflags.UpfrontFee,
		"Latvia work permit, warehouse jobs 1400 euro. Shuru mein 70 hazar, baaki permit aane par. 0309-5550123")
	checkNotFlagged(t, redflags.UpfrontFee,
		"Poland warehouse workers, OEP 9312/RWP. Visa fee candidate khud VFS pe ada karega. Service charges bank ke zariye.")
	checkFlagged(t, redflags.CashPayment,
		"Oman bakery helper, salary 180 OMR. Payment: 2,50,000 cash office mein. 0321-5550123")
}

// TestOthersTakingAndFamilyFees: what some bodies "are taking" from people is a warning's report,
// and a college's fee said to be paid is the family's.
func TestOthersTakingAndFamilyFees(t *testing.T) {
	checkKinds(t, []kindCase{
		{"نرسوں کے لیے اطلاع: کچھ ادارے برطانیہ کی نوکری کے نام پر 4 لاکھ روپے پیشگی لے رہے ہیں۔ ایسے لوگوں سے دور رہیں۔", redflags.KindAdvisory, redflags.Low},
	})
	checkNotFlagged(t, redflags.UpfrontFee,
		"ابو جان، سارہ کی کالج فیس ۳۲ ہزار جمع کروا دی ہے، رسید بھیج رہا ہوں۔ باقی پیسے تنخواہ آنے پر۔")
}

// TestOfferAskedAboutWithAWarningWord: "sahi hai ya fraud? 👇" above a pasted offer asks for its
// verdict; it does not pass the offer on as a warning.
func TestOfferAskedAboutWithAWarningWord(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Bhai ye offer aya hai WhatsApp pe, sahi hai ya fraud? 👇\n\nAL NOOR CONTRACTING – JEDDAH\nOFFER OF EMPLOYMENT\nPosition: Electrician, SAR 2,200\nYou have been selected on the basis of your CV. No interview is required.\nKindly deposit Rs 55,000 for visa processing within 48 hours to our coordinator (Title: Kamran Ali, A/C 0123-5550123456).", redflags.KindAd, redflags.High},
	})
}

// TestListsOfNoes: "no IELTS no interview" offers both: a negation that opens a match is one of a
// list, not negated by the one before it.
func TestListsOfNoes(t *testing.T) {
	checkFlagged(t, redflags.NoInterview,
		"Portugal work permit in 5 months, no IELTS no interview, salary 950 euro, DM karo")
}

// TestSumsNamedAsPaymentBeforeAWallet: "pehle 15,000 'stamping booking' Easypaisa 0347-…" names the
// sum as a payment and the wallet to pay it to.
func TestSumsNamedAsPaymentBeforeAWallet(t *testing.T) {
	checkFlagged(t, redflags.PersonalPayment,
		"Riyadh drivers, salary 2000. Courier se pehle 15,000 'stamping booking' Easypaisa 0347-5550123",
		"Online typing work, 100 page = 8000 rupay. Account banane ki security 1500 JazzCash 0301-5550123. Kaam submit karte hi payment + security wapas.")
}

// TestCareVisasAndBorderCrossings: a CoS sold with the care visa is a job's price, not a travel
// agent's; a job over the Thai border into Myanmar is the scam compounds' lure, whatever the work.
func TestCareVisasAndBorderCrossings(t *testing.T) {
	checkKinds(t, []kindCase{
		{"UK Care Assistant + Dependants. CoS price 16 lakh, whole family visa 24 lakh. Pay 30% now, balance after CoS number. WhatsApp +44 7700 900123", redflags.KindAd, redflags.High},
	})
	checkFlagged(t, redflags.HighRiskDestination,
		"Need Urdu speakers for office work in Myanmar, $1700/month, fly to Bangkok, company car will take you across the border. Contact +95 9 555 0123")
}

// TestRangesLawfulCostsAndChecks: a salary range in the destination's money is pay, not a price; a
// short "Verify: …, OEP 3877/LHR" asks about the
// licence; a CNIC sent to the state's 8171 is the state's service.
func TestRangesLawfulCostsAndChecks(t *testing.T) {
	checkNotFlagged(t, redflags.UpfrontFee,
		"QA/QC inspectors for Kuwait projects. KWD 600–900 depending on grade. Hiring is direct by the company. Email hr@example.com")
	checkKinds(t, []kindCase{
		{"Verify: Emirates Link Overseas Employment Promoters, OEP 9877/LHR, Johar Town. Thanks", redflags.KindLicenceQuery, redflags.Medium},
		{"احساس پروگرام: آپ کی درخواست موصول ہو گئی ہے۔ مزید معلومات کے لیے اپنا شناختی کارڈ نمبر 8171 پر بھیجیں۔", redflags.KindOther, redflags.Low},
	})
}

// TestNumbersDisownedByTheBodyTheyName: an OEC notice that the scammers' numbers are not its own
// passes their offer on as a warning.
func TestNumbersDisownedByTheBodyTheyName(t *testing.T) {
	checkKinds(t, []kindCase{
		{"OVERSEAS EMPLOYMENT CORPORATION\nWARNING: FAKE JAPAN ADS\nPages on Facebook ask candidates to pay Rs 35,000 for test registration through wallet numbers such as 0312-5550123. OEC has no connection with these pages or numbers. Report fraud: NCCIA 1799", redflags.KindAdvisory, redflags.Low},
	})
}

// TestNoticesAddressVictimsAsAClass: "those who have been defrauded" and "جو لوگ ... دے چکے ہیں"
// are the class a notice addresses, no one's account; fair recruitment's rules told to workers
// are advice.
func TestNoticesAddressVictimsAsAClass(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Punjab Overseas Pakistanis Commission: those who have been defrauded by fake overseas employment agents can register their complaints with the Commission. Bring a copy of your CNIC and proof of payment. Do not wait.", redflags.KindAdvisory, redflags.Low},
		{"ILO | Fair Recruitment. Did you know? No recruitment fees should be charged to workers. Workers should check the recruiter's BEOE licence and refuse any demand for 'advance' or 'file charges'.", redflags.KindAdvisory, redflags.Low},
	})
}

// TestVisitingCardsAndBankNotices: an agency's visiting card (its licence, its proprietor's title,
// its numbers) sent to the bot asks about the licence; a bank's notice of a transfer to an agency,
// or of a cash deposit or a salary credited, is a receipt; a licence line in Urdu script is Urdu.
func TestVisitingCardsAndBankNotices(t *testing.T) {
	checkKinds(t, []kindCase{
		{"AL-NOOR MANPOWER\nOverseas Employment Promoters\nLic # 9096/RWP\nMuhammad Tariq\nProprietor\nOff: 051-5550123  Cell: 0333-5550123\nMurree Road Rawalpindi", redflags.KindLicenceQuery, redflags.Medium},
		{"Bank Alfalah: PKR 95,000.00 debited from A/C ****6630 via IBFT to AL-KARAM OVERSEAS EMPLOYMENT PROMOTERS on 11-Apr-24. Txn Ref 4402117. If not done by you, call 111-225-111.", redflags.KindOther, redflags.Low},
		{"UBL Omni: Cash deposit of Rs 20,000 into Account ****1094 (ALI RAZA) at agent Bhatti Mobile Shop successful. Trx ID 7712098. Fee Rs 100.", redflags.KindOther, redflags.Low},
		{"او ای پی لائسنس نمبر 9849 پشاور", redflags.KindLicenceQuery, redflags.Medium},
	})
}

// TestTaskScamsInTheirOwnWords: the combination order, ratings and ads paid for in Roman Urdu, a
// minimum balance to start, activation and membership bought, the courier of the work laptop and
// its "security" paid first.
func TestTaskScamsInTheirOwnWords(t *testing.T) {
	checkFlagged(t, redflags.TaskScam,
		"Hotel Star app join karo, har hotel ko rating do, commission milega. Level 1 account ke liye 5,000 top up. WhatsApp 0300-5550123",
		"Movie ticket boosting job. Minimum account balance Rs 10,000 required to start. Our staff earn Rs 12k per day. WhatsApp +1 347 555 0123",
		"Dear, aaj aap ki task pe combination order aa gaya hai, 5 guna commission. Balance clear karne ke liye 18,450 top up karein.")
	checkFlagged(t, redflags.UpfrontFee,
		"AdCash app, mobile pe ads dekho har ad ke 50 rupay, roz 40 ads. Activation sirf 1200 ka. Inbox karo",
		"Congratulations! You have been selected as Remote Support Executive, Rs 95,000/month. The company will send you a laptop. You only need to pay the courier and customs clearance of Rs 12,400 to our logistics partner.",
		"Online data entry staff chahiye, salary 2000 riyal. Company laptop degi, uski security 7,500 rs pehle jama karwani hogi. Rabta 0301-5550123")
}

// TestTaskScamLossesTypedInAHurry: "froud hogya ... jazzcash number bnd hai" and the withdrawal's
// fees paid and the account deleted are a victim's loss.
func TestTaskScamLossesTypedInAHurry(t *testing.T) {
	checkKinds(t, []kindCase{
		{"bhai froud hogya 18000 ka online job wale ne kia, jazzcash number bnd hai ab, koi madad", redflags.KindVictim, redflags.High},
	})
}

// TestPostersReadLetterByLetter: OCR that splits an Urdu poster's words into letters, one space
// inside a word and a run between words, is read as the poster: its advance and its guarantee.
func TestPostersReadLetterByLetter(t *testing.T) {
	poster := "سنگا پو ر   شپ   یا ر ڈ\nو یلڈ ر   ،   فٹر   ،   ہیلپر\nتنخو ا ہ   ۲۵۰۰   ڈا لر\nو یز ہ   ۱۰۰ %\nا یڈ و ا نس   ۱   لا کھ\n0 3 3 1 - 5 5 5 0 1 2 3"
	checkKinds(t, []kindCase{{poster, redflags.KindAd, redflags.High}})
	// (How such a poster normalises, and typed Urdu beside it: TestNormalize.)
}

// TestFeesRaisedInTheNews: a visa fee raised, told as news ("شینگن ویزا فیس میں اضافہ ... 80 یورو
// سے بڑھا کر 90 یورو"), is asked of no reader.
func TestFeesRaisedInTheNews(t *testing.T) {
	checkKinds(t, []kindCase{
		{"شینگن ویزا فیس میں اضافہ، پاکستانی درخواست گزاروں کو 90 یورو ادا کرنا ہوں گے۔ یورپی یونین نے فیس 80 یورو سے بڑھا کر 90 یورو کر دی ہے۔", redflags.KindOther, redflags.Low},
	})
}

// TestUrduAsLittleSchoolingSpellsIt: "پاسپوٹ", "کوئ", "بیجے", "سودیہ" and "ساڑھے سات لاک" are the
// usual words misspelt: normalised (TestNormalize), the rules read them.
func TestUrduAsLittleSchoolingSpellsIt(t *testing.T) {
	checkKinds(t, []kindCase{
		{"بھائ جان جاز کیش پر 25000 بیجے تھے سودیہ کے ویزے کیلیے اب نمبر بند ہے کیا واپس ہو سکتے ہیں", redflags.KindVictim, redflags.High},
	})
}

// TestGroupMembersWarnings: a group member's warning tells, in the present, what the page asks
// when contacted ("they ask Rs 4,500 ... Please don't send anything"): a warning passed on, its
// wallet number and all; a study visa's intake sold with its fee is a sale, no job.
func TestGroupMembersWarnings(t *testing.T) {
	checkKinds(t, []kindCase{
		{"⚠️ BEWARE GROUP MEMBERS ⚠️ There is a FB page called \"Gulf Jobs Official\" running ads for Dubai helpers, salary 3500 AED. When you message them they ask Rs 4,500 \"registration fee\" on Easypaisa 0345-5550123. No licence number anywhere. Please don't send anything and report the page.", redflags.KindAdvisory, redflags.Low},
		{"UK Masters, January intake. Deposit from £3,000, CAS guidance included in our fee of PKR 1,00,000. EduBridge Consultants, Rawalpindi 0315-5550123", redflags.KindOther, redflags.Low},
	})
}

// TestChatsWithTheAgentPastedWhole: a chat with the agent pasted whole, its lines opening on times,
// that names the job and shows a strong sign, asked about, gets the offer's verdict.
func TestChatsWithTheAgentPastedWhole(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Russia factory job ka offer\n\n[11:45] Agent Shahzad: Russia mein meat factory, 90,000 ruble salary. Student visa pe jana hai, admission sirf kaagzon mein, kaam full time\n[11:47] Me: Ye legal hai?\n[11:48] Agent Shahzad: Sab aise hi jate hain. Invitation letter ke 1 lakh 30 hazar abhi, baqi 4 lakh visa par\n\nKya ye theek hai?", redflags.KindAd, redflags.High},
	})
}

// TestCostsPutOnTheReaderAndVanityMail: "the expense of your work permit (USD 890) is to be paid by
// you to our company lawyer", from a mail.com vanity address, is the fake offer letter's fee.
func TestCostsPutOnTheReaderAndVanityMail(t *testing.T) {
	offer := "From: Chevron Saudi Arabia <chevron.ksa.hr@consultant.com>\nDear Engr. Qasim, we are pleased to offer you employment as Petroleum Engineer, USD 14,800 monthly. Kindly note that the expense of your work permit (USD 890) is to be paid by you to our company lawyer. Once payment is confirmed your visa will be sent."
	checkFlagged(t, redflags.UpfrontFee, offer)
	checkFlagged(t, redflags.FreeEmail, offer)
}

// TestRemittancesForTheFamily: money sent home from the Gulf that paid a family's hospital bill is
// a remittance, not a loss.
func TestRemittancesForTheFamily(t *testing.T) {
	checkKinds(t, []kindCase{
		{"السلام علیکم بھائی جان۔ ماموں کا آپریشن کامیاب ہو گیا۔ آپ نے جو دبئی سے پیسے بھیجے تھے ان سے ہسپتال کا سارا بل ادا ہو گیا۔", redflags.KindOther, redflags.Low},
	})
}

// TestAdvisoriesThatNameThemselves: an embassy's "ایڈوائزری" tells of the kidnapped and the ransomed
// as its reason to warn; it is advice, not a victim's account.
func TestAdvisoriesThatNameThemselves(t *testing.T) {
	checkKinds(t, []kindCase{
		{"سفارت خانہ پاکستان، طرابلس\n\nپاکستانی شہریوں کے لیے ایڈوائزری\n\nلیبیا کے راستے غیر قانونی طور پر یورپ جانے کی کوشش کرنے والے پاکستانیوں کی بڑی تعداد مسلح گروہوں کے ہاتھوں اغوا، تشدد اور تاوان کا شکار ہو رہی ہے۔ براہِ کرم اپنے بچوں کو اس راستے پر جانے سے روکیں۔", redflags.KindAdvisory, redflags.Low},
	})
}

// TestStoriesForwardedToWarn: a story forwarded to warn, that asks to be shared and tells its
// readers what not to do, with no help asked, is advice; the same plea beside a family's call for
// help stays a victim's.
func TestStoriesForwardedToWarn(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Friends please beware. A boy from Kharian got a 'job offer' for Thailand, customer service in a call centre, salary 1200 USD, free ticket. When he reached Bangkok they took him by car to the Myanmar border and now he is stuck in a scam compound. Agar koi Thailand ki job offer kare to bilkul mat jana. Share kar dein.", redflags.KindAdvisory, redflags.Low},
		{"Plz share karo, mera bhai Sajid Libya ke raste Italy ja raha tha, 2 mahine se rabta nahi, agent ka number band hai. Koi madad karein", redflags.KindVictim, redflags.High},
	})
}

// TestFeesPaidToTheSendersMan: a fee "payable to our attorney" or "paid to consultant" is asked of
// the reader before any job.
func TestFeesPaidToTheSendersMan(t *testing.T) {
	checkFlagged(t, redflags.UpfrontFee,
		"USA H-2B seasonal jobs, $17-$22 per hour. Employer pays visa, but the processing and petition handling fee of $2,500 is payable to our attorney. DM 'USA' to +1 347 555 0123")
}

// TestPayingToWorkIsATaskScam: money the worker must put in before the work pays (a joining fee,
// a deposit, a top-up, a VIP level, a kit) is the task scam's demand in every language; a job that
// pays and asks nothing, or an "immediate joining", is not.
func TestPayingToWorkIsATaskScam(t *testing.T) {
	checkKinds(t, []kindCase{
		{"Online job, 2500 daily. Joining 700 only. Inbox now", redflags.KindAd, redflags.High},
		{"گھر بیٹھے ڈیٹا انٹری، ماہانہ ۲۵ ہزار۔ کام لینے سے پہلے سیکیورٹی ڈپازٹ ۱۵۰۰ روپے", redflags.KindAd, redflags.High},
		{"App pe tasks karo, roz 2000 kamao. Withdraw ke liye VIP2 (3000) lena zaroori hai", redflags.KindAd, redflags.High},
		{"Hotel rating ka kaam, har task pe commission. Account me kam az kam 5000 ka top up karna hai", redflags.KindAd, redflags.High},
	})
	checkNotFlagged(t, redflags.TaskScam,
		"Accountant required, salary 60,000, immediate joining. Send CV to hr@textilemills.pk",
		"Security guards for a Dubai VIP family, salary 2500 AED, interview at our Lahore office")
}

// TestWarningsAboutOtherThingsAreOther: a warning about the weather, dengue, a bill or a phone's
// tax is the news of the day; a warning about recruiters, smugglers or fraud is advice.
func TestWarningsAboutOtherThingsAreOther(t *testing.T) {
	checkKinds(t, []kindCase{
		{"محکمہ موسمیات: آئندہ دو دن شدید بارش کا امکان، شہری غیر ضروری سفر سے گریز کریں", redflags.KindOther, redflags.Low},
		{"Alert: your electricity bill is due on the 12th, pay on time to avoid disconnection", redflags.KindOther, redflags.Low},
		{"ایف آئی اے: انسانی اسمگلروں سے ہوشیار رہیں، کسی کو پیسے نہ دیں", redflags.KindAdvisory, redflags.Low},
	})
}

// TestGroupWarningsQuotingAnOffer: a family's or a group's warning that pastes a whole offer,
// its price and the scammer's number, and asks nothing outside the quote, is advice, also with
// Urdu's quotation marks typed right to left; the same offer forwarded bare is the offer.
func TestGroupWarningsQuotingAnOffer(t *testing.T) {
	checkKinds(t, []kindCase{
		{"سب بھائیو توجہ کریں\n”قطر میں ڈرائیور کی نوکری، تنخواہ 2000 ریال، ویزا فیس 2 لاکھ، ایک لاکھ ابھی جاز کیش 0300-1112223“\nیہ فراڈ ہے، کوئی پیسے نہ بھیجے", redflags.KindAdvisory, redflags.Low},
		{"Sab bhaiyon ko ittila:\n\"Saudi driver visa 4 lakh, 1 lakh advance JazzCash 0301-4445556\"\nYe banda paise le ke ghaib ho jata hai", redflags.KindAdvisory, redflags.Low},
		{"Saudi driver visa 4 lakh, 1 lakh advance JazzCash 0301-4445556", redflags.KindAd, redflags.High},
	})
}

// TestLicenceNumbersTypedShort: a number and its city's code typed in lower case in a short
// message asks about the licence; a car's model year before its city of registration does not.
func TestLicenceNumbersTypedShort(t *testing.T) {
	checkKinds(t, []kindCase{
		{"2718 rwp check", redflags.KindLicenceQuery, redflags.Medium},
		{"lisence 1550 lhr asli hai?", redflags.KindLicenceQuery, redflags.Medium},
		{"Suzuki Cultus 2019 LHR registered, 21 lac, 0300-1234567", redflags.KindOther, redflags.Low},
	})
}
