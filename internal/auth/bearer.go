package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"github.com/tasdeeq/tasdeeq/internal/apijson"
)

// Token is an expected bearer token, kept as its digest.
//
// "Authorization: Bearer <token>" is read the same way on every admin route: the scheme in any
// case, one or more spaces before the token, surrounding spaces ignored, and the token compared
// in constant time over SHA-256 digests, so that neither its bytes nor its length leak through
// timing. Before it, one admin handler accepted "bearer  x" and another refused it, and one
// compared the raw header (whose length then leaked).
type Token struct {
	sum [sha256.Size]byte
	set bool
}

// NewToken returns the Token for token; an empty token matches nothing.
func NewToken(token string) Token {
	return Token{sum: sha256.Sum256([]byte(token)), set: token != ""}
}

// Matches reports whether the Authorization header value carries the token.
func (t Token) Matches(header string) bool {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return equal(strings.TrimSpace(cred), t.sum) && t.set
}

// equal compares s with a digest in constant time.
func equal(s string, sum [sha256.Size]byte) bool {
	got := sha256.Sum256([]byte(s))
	return subtle.ConstantTimeCompare(got[:], sum[:]) == 1
}

// Bearer is the middleware of the /admin group: every request carries the token (401, JSON,
// otherwise). With an empty token the admin API is off and every request is 404, as if the
// routes did not exist.
func Bearer(token string) echo.MiddlewareFunc {
	want := NewToken(token)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			if !want.set {
				apijson.NotFound(c.Response())
				return nil
			}
			if !want.Matches(c.Request().Header.Get("Authorization")) {
				c.Response().Header().Set("WWW-Authenticate", `Bearer realm="tasdeeq-admin"`)
				apijson.WriteError(c.Response(), http.StatusUnauthorized, "missing or wrong bearer token")
				return nil
			}
			return next(c)
		}
	}
}
