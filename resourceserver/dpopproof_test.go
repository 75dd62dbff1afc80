package resourceserver

import (
	"errors"
	"net/http"
	"testing"
)

// TestDPoPProof checks the shape check of the DPoP header.
func TestDPoPProof(t *testing.T) {
	const jws = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln"
	tests := []struct {
		name    string
		comment string
		values  []string
		want    string
		wantErr bool
	}{
		{name: "ok", comment: "a compact JWS", values: []string{jws}, want: jws},
		{name: "ows", comment: "surrounding OWS is not part of the field value", values: []string{" " + jws + "\t"}, want: jws},
		{name: "none", comment: "no DPoP header", values: nil, wantErr: true},
		{name: "two", comment: "RFC 9449, Section 4.3: not more than one DPoP header", values: []string{jws, jws}, wantErr: true},
		{name: "two-parts", comment: "a JWS has three parts", values: []string{"a.b"}, wantErr: true},
		{name: "empty-sig", comment: "an unsecured JWS has an empty signature", values: []string{"a.b."}, wantErr: true},
		{name: "padding", comment: "base64url without padding", values: []string{"a=.b.c"}, wantErr: true},
		{name: "std-alphabet", comment: "not the standard alphabet", values: []string{"a+.b.c"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tc.values {
				h.Add("DPoP", v)
			}
			got, err := dpopProof(h)
			if tc.wantErr {
				if !errors.Is(err, errDPoPProof) {
					t.Errorf("%s: dpopProof() = %q, %v; want errDPoPProof", tc.comment, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("%s: dpopProof() = %q, %v; want %q", tc.comment, got, err, tc.want)
			}
		})
	}
}
