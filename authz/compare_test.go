package authz_test

import (
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

// TestEqualSecret checks the comparison's results (its timing is a
// property of crypto/subtle and SHA-256, not something a unit test can
// measure reliably).
func TestEqualSecret(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		a, b    string
		want    bool
	}{
		{name: "equal", comment: "the same secret", a: "s3cret", b: "s3cret", want: true},
		{name: "empty", comment: "two empty strings are equal", a: "", b: "", want: true},
		{name: "last-byte", comment: "differ in the last byte", a: "s3cret", b: "s3creT", want: false},
		{name: "prefix", comment: "a prefix is not equal", a: "s3cre", b: "s3cret", want: false},
		{name: "empty-vs-some", comment: "an empty secret is not any secret", a: "", b: "x", want: false},
		{name: "nul", comment: "NUL bytes count", a: "a\x00", b: "a", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authz.EqualSecret(tc.a, tc.b); got != tc.want {
				t.Errorf("%s: EqualSecret(%q, %q) = %v, want %v", tc.comment, tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// TestCheckBasic checks Basic credentials against a user-id and password.
func TestCheckBasic(t *testing.T) {
	good, err := authz.BasicCredentials("Aladdin", "open sesame")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		comment  string
		c        authz.Credentials
		user, pw string
		want     bool
	}{
		{name: "ok", comment: "RFC 7617's example", c: good, user: "Aladdin", pw: "open sesame", want: true},
		{name: "wrong-password", comment: "one byte off", c: good, user: "Aladdin", pw: "open sesamE", want: false},
		{name: "wrong-user", comment: "the user-id is compared too", c: good, user: "aladdin", pw: "open sesame", want: false},
		{name: "bearer", comment: "another scheme", c: authz.Credentials{Scheme: "Bearer", Token68: good.Token68}, user: "Aladdin", pw: "open sesame", want: false},
		{name: "malformed", comment: "not base64", c: authz.Credentials{Scheme: "Basic", Token68: "!!"}, user: "", pw: "", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authz.CheckBasic(tc.c, tc.user, tc.pw); got != tc.want {
				t.Errorf("%s: CheckBasic() = %v, want %v", tc.comment, got, tc.want)
			}
		})
	}
}
