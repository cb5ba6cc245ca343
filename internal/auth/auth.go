// Package auth authenticates the one admin surface of tasdeeq serve: the JSON admin API under
// /admin/ with a bearer token, and the counsellors' web console under /console/ with a session
// cookie. Both groups of the Echo router take their middleware from here, so the header is parsed
// once, secrets are compared in constant time everywhere, and a refusal looks the same on every
// route of a group.
package auth
