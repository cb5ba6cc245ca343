// Package indicators is Tasdeeq's memory of reported scams: the phone numbers, accounts, links,
// e-mail addresses and near-duplicate fingerprints of ads that users referred or counsellors
// confirmed, so that the next person who receives the same scam hears that others reported it.
//
// Extraction and fingerprinting are pure (Extract, Fingerprint); Store keeps what was reported in
// Redis. Phone and account numbers, and every other value, are stored only as keyed hashes
// (HMAC-SHA256 with a server secret): Redis never holds a number, and without the secret a dump
// cannot be turned back into one. There is no way to list what was reported: a check only says
// whether what the user sent matches reports.
package indicators
