package redflags

// Code is a stable red-flag code from design.md §3, in upper snake case.
type Code string

// The flag codes. They are a public contract: tools read them from `tasdeeq check --json`.
const (
	UpfrontFee          Code = "UPFRONT_FEE"
	PersonalPayment     Code = "PERSONAL_PAYMENT"
	CashPayment         Code = "CASH_PAYMENT"
	Guaranteed          Code = "GUARANTEED"
	NoInterview         Code = "NO_INTERVIEW"
	VisitVisaWork       Code = "VISIT_VISA_WORK"
	AzadVisa            Code = "AZAD_VISA"
	NoLicence           Code = "NO_LICENCE"
	LicenceNotValid     Code = "LICENCE_NOT_VALID"
	LicenceUnknown      Code = "LICENCE_UNKNOWN"
	LicenceNameMismatch Code = "LICENCE_NAME_MISMATCH"
	WhatsAppOnly        Code = "WHATSAPP_ONLY"
	PersonalData        Code = "PERSONAL_DATA"
	UnrealisticPay      Code = "UNREALISTIC_PAY"
	Urgency             Code = "URGENCY"
	NoContract          Code = "NO_CONTRACT"
	PassportRetention   Code = "PASSPORT_RETENTION"
	Impersonation       Code = "IMPERSONATION"
	FreeEmail           Code = "FREE_EMAIL"
	EmbassyContact      Code = "EMBASSY_CONTACT"
	IrregularRoute      Code = "IRREGULAR_ROUTE"
	HighRiskDestination Code = "HIGH_RISK_DESTINATION"
	TaskScam            Code = "TASK_SCAM"
	SuspiciousLink      Code = "SUSPICIOUS_LINK"
)

// Weights are the documented score of each flag. A strong sign (40) makes an ad high risk on its
// own: these are the signs that BEOE, FIA and the Migrant Resource Centres say mean "do not pay".
// Medium signs (25-35) are common in scams but also in careless lawful ads; weak signs (10-15)
// only add up. The score is the sum, capped at 100; HighScore or more is high risk. A missing
// licence number is a medium sign: an ad that recruits in Pakistan for work abroad must print it
// (Emigration Ordinance 1979), so beside any other medium sign but documents asked for (see
// score) the ad is not to be trusted; alone it leaves the ad unverified.
var Weights = map[Code]int{
	UpfrontFee:          40,
	PersonalPayment:     40,
	CashPayment:         40,
	Guaranteed:          40,
	AzadVisa:            40,
	VisitVisaWork:       40,
	IrregularRoute:      40,
	PassportRetention:   40,
	Impersonation:       40,
	EmbassyContact:      40,
	HighRiskDestination: 40,
	TaskScam:            40,
	LicenceNotValid:     40,
	LicenceUnknown:      40,
	LicenceNameMismatch: 35,
	NoInterview:         25,
	WhatsAppOnly:        25,
	PersonalData:        25,
	UnrealisticPay:      25,
	NoContract:          25,
	FreeEmail:           25,
	SuspiciousLink:      25,
	NoLicence:           25,
	Urgency:             10,
}

// unlicensedDocsWeight is what a missing licence number adds beside documents asked for and no
// other sign (see score).
const unlicensedDocsWeight = 15

// StrongWeight is the weight from which one flag alone makes an ad high risk.
const StrongWeight = 40

// HighScore is the total from which weaker signs together make an ad high risk.
const HighScore = 50

// AllCodes lists every code in the order of design.md §3.
var AllCodes = []Code{
	UpfrontFee, PersonalPayment, CashPayment, Guaranteed, NoInterview, VisitVisaWork, AzadVisa,
	NoLicence, LicenceNotValid, LicenceUnknown, LicenceNameMismatch, WhatsAppOnly, PersonalData,
	UnrealisticPay, Urgency, NoContract, PassportRetention, Impersonation, FreeEmail,
	EmbassyContact, IrregularRoute, HighRiskDestination, TaskScam, SuspiciousLink,
}

// Valid reports whether c is one of the contract's codes.
func (c Code) Valid() bool { _, ok := Weights[c]; return ok }

// licence reports whether the flag is about the licence (cited or missing) rather than a sign in
// the ad's words.
func (c Code) licence() bool {
	switch c {
	case LicenceUnknown, LicenceNotValid, LicenceNameMismatch, NoLicence:
		return true
	}
	return false
}

// Strong reports whether the flag alone makes an ad high risk.
func (c Code) Strong() bool { return Weights[c] >= StrongWeight }
