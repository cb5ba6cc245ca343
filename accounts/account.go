// Package accounts holds the web console's accounts (counsellors of the Migrant Resource Centres
// and operators), their passwords, and the audit log of what each account did.
//
// An account names a person who works with reports, never a reporter: the audit log written here
// names accounts and case ids, never a reporter's chat id, so that /forget has nothing to chase
// in it.
package accounts

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role is what an account may do in the console.
type Role string

// The two roles. A counsellor works on reports and on the outreach of their own centre; an admin
// sees every centre, retries dead-lettered cases, imports the register and reads the audit log.
const (
	Counsellor Role = "counsellor"
	Admin      Role = "admin"
)

// ParseRole reads a role name; the empty string is a counsellor.
func ParseRole(s string) (Role, error) {
	switch Role(strings.ToLower(strings.TrimSpace(s))) {
	case "", Counsellor:
		return Counsellor, nil
	case Admin:
		return Admin, nil
	}
	return "", fmt.Errorf("%w: role %q: counsellor or admin", ErrInvalid, s)
}

// Account is one console account as stored (without its password hash).
type Account struct {
	Username string
	// MRC is the code of the Migrant Resource Centre the account works for ("LHR").
	MRC  string
	Role Role
	// Disabled accounts cannot log in, and their sessions end.
	Disabled bool
	// TelegramID links the account to a Telegram user, who then is a counsellor in the bot too
	// (/review, /link, /stats), so the bot and the console share one identity. 0: not linked.
	TelegramID int64
	CreatedAt  time.Time
}

// IsAdmin says whether the account has the admin role.
func (a Account) IsAdmin() bool { return a.Role == Admin }

// Errors of the store, matched with errors.Is.
var (
	ErrInvalid      = errors.New("accounts: invalid")
	ErrExists       = errors.New("accounts: the account exists")
	ErrNotFound     = errors.New("accounts: no such account")
	ErrBadPassword  = errors.New("accounts: wrong username or password")
	ErrDisabled     = errors.New("accounts: the account is disabled")
	ErrTelegramUsed = errors.New("accounts: the Telegram user is linked to another account")
)

// Limits of the fields.
const (
	minUsername = 3
	maxUsername = 32
	minMRC      = 2
	maxMRC      = 10
	// MinPassword is the shortest password accepted: long enough that the login limits make
	// guessing it hopeless, short enough to type at a desk.
	MinPassword = 10
	maxPassword = 200
)

// NormaliseUsername lower-cases and checks a username: 3-32 of a-z, 0-9, '.', '_' and '-',
// starting with a letter or digit.
func NormaliseUsername(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < minUsername || len(s) > maxUsername {
		return "", fmt.Errorf("%w: a username is %d-%d characters", ErrInvalid, minUsername, maxUsername)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
		if !letter && (i == 0 || (c != '.' && c != '_' && c != '-')) {
			return "", fmt.Errorf("%w: a username is letters a-z, digits, '.', '_' and '-', starting with a letter or digit", ErrInvalid)
		}
	}
	return s, nil
}

// NormaliseMRC upper-cases and checks a centre code: 2-10 ASCII letters or digits, like LHR
// (the same rule as the centres of counsellors' links).
func NormaliseMRC(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	ok := len(s) >= minMRC && len(s) <= maxMRC
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	}
	if !ok {
		return "", fmt.Errorf("%w: a centre code is %d-%d letters or digits, like LHR", ErrInvalid, minMRC, maxMRC)
	}
	return s, nil
}

// checkPassword refuses a password too short or too long to be one a person chose.
func checkPassword(p string) error {
	n := len([]rune(p))
	if n < MinPassword {
		return fmt.Errorf("%w: a password is at least %d characters", ErrInvalid, MinPassword)
	}
	if n > maxPassword {
		return fmt.Errorf("%w: a password is at most %d characters", ErrInvalid, maxPassword)
	}
	return nil
}
