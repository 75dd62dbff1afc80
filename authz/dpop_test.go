package authz_test

import (
	"errors"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

// TestDPoPCredentials checks building and reading DPoP credentials.
func TestDPoPCredentials(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		token   string
		want    string
		wantErr error
	}{
		{name: "rfc9449", comment: "RFC 9449, Figure 12's token",
			token: "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", want: "DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"},
		{name: "padding", comment: "b64token padding",
			token: "abc==", want: "DPoP abc=="},
		{name: "empty", comment: "no token", token: "", wantErr: authz.ErrDPoPToken},
		{name: "space", comment: "a token with a space", token: "a b", wantErr: authz.ErrDPoPToken},
		{name: "inner-equals", comment: "= only at the end", token: "a=b", wantErr: authz.ErrDPoPToken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := authz.DPoPCredentials(tc.token)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("%s: DPoPCredentials() error = %v, want %v", tc.comment, err, tc.wantErr)
				}
				return
			}
			if err != nil || wire(c) != tc.want {
				t.Fatalf("%s: DPoPCredentials() = %q, %v; want %q", tc.comment, wire(c), err, tc.want)
			}
			parsed, err := authz.ParseString(tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := authz.ParseDPoP(parsed); err != nil || got != tc.token {
				t.Errorf("%s: ParseDPoP() = %q, %v; want %q", tc.comment, got, err, tc.token)
			}
		})
	}
}

// TestParseDPoP checks the errors of ParseDPoP.
func TestParseDPoP(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		in      string
		wantErr error
	}{
		{name: "bearer", comment: "a Bearer token is not a DPoP one", in: "Bearer abc", wantErr: authz.ErrScheme},
		{name: "bare", comment: "DPoP alone", in: "DPoP", wantErr: authz.ErrDPoPToken},
		{name: "params", comment: "DPoP with parameters", in: "DPoP a=b", wantErr: authz.ErrDPoPToken},
		{name: "case", comment: "the scheme is case-insensitive", in: "dpop abc", wantErr: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := authz.ParseString(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := authz.ParseDPoP(c); !errors.Is(err, tc.wantErr) {
				t.Errorf("%s: ParseDPoP() error = %v, want %v", tc.comment, err, tc.wantErr)
			}
		})
	}
}
