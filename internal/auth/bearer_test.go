package auth_test

import (
	"testing"

	"github.com/tasdeeq/tasdeeq/internal/auth"
)

func TestMatches(t *testing.T) {
	tok := auth.NewToken("s3cret-token")
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"Bearer s3cret-token", true},
		{"bearer s3cret-token", true},
		{"BEARER   s3cret-token  ", true},
		{"  Bearer s3cret-token", true},
		{"Bearer s3cret-tokenx", false},
		{"Bearer s3cret", false},
		{"Basic s3cret-token", false},
		{"s3cret-token", false},
		{"Bearer", false},
		{"", false},
	} {
		if got := tok.Matches(tt.header); got != tt.want {
			t.Errorf("Matches(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
	if auth.NewToken("").Matches("Bearer ") {
		t.Error("an empty token matched")
	}
}
