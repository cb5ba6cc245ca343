// Package bearer checks "Authorization: Bearer <token>" headers the same way on every admin
// route: the scheme in any case, one or more spaces before the token, surrounding spaces
// ignored, and the token compared in constant time over SHA-256 digests, so that neither its
// bytes nor its length leak through timing. Before it, one admin handler accepted "bearer  x"
// and another refused it, and one compared the raw header (whose length then leaked).
package bearer

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"
)

// Token is an expected bearer token, kept as its digest.
type Token struct {
	sum [sha256.Size]byte
	set bool
}

// New returns the Token for token; an empty token matches nothing.
func New(token string) Token {
	return Token{sum: sha256.Sum256([]byte(token)), set: token != ""}
}

// Matches reports whether the Authorization header value carries the token.
func (t Token) Matches(header string) bool {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(cred)))
	return subtle.ConstantTimeCompare(got[:], t.sum[:]) == 1 && t.set
}
