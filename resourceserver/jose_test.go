package resourceserver

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// TestProofHeader checks the JOSE header checks of a DPoP proof, and
// each way around them that a parser reading member names
// case-insensitively, or keeping the last duplicate, would open.
func TestProofHeader(t *testing.T) {
	const jwk = `{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
	algs := []string{"ES256", "EdDSA"}
	tests := []struct {
		name    string
		comment string
		header  string // the JOSE header, JSON
		raw     []byte // or its bytes, when not valid UTF-8
		want    JOSEHeader
		wantErr bool
	}{
		{name: "ok", comment: "RFC 9449, Section 4.2's shape",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":` + jwk + `}`,
			want:   JOSEHeader{Alg: "ES256", JWK: []byte(jwk)}},
		{name: "ok-spaces", comment: "the jwk is handed over as sent, whitespace included",
			header: "{ \"jwk\" : { \"kty\" : \"OKP\" ,\n\"crv\":\"Ed25519\",\"x\":\"x\" } , \"alg\":\"EdDSA\", \"typ\":\"dpop+jwt\" }",
			want:   JOSEHeader{Alg: "EdDSA", JWK: []byte("{ \"kty\" : \"OKP\" ,\n\"crv\":\"Ed25519\",\"x\":\"x\" }")}},
		{name: "typ-case", comment: "typ is a media type, compared case-insensitively",
			header: `{"typ":"DPoP+JWT","alg":"ES256","jwk":{}}`, want: JOSEHeader{Alg: "ES256", JWK: []byte(`{}`)}},
		{name: "other-members", comment: "other members, a huge number and nesting are skipped",
			header: `{"typ":"dpop+jwt","kid":"1","n":1e999,"x5c":["a",{"b":[null,true]}],"alg":"ES256","jwk":{}}`,
			want:   JOSEHeader{Alg: "ES256", JWK: []byte(`{}`)}},

		// The bypasses: the checked alg must be the one every JOSE
		// library reads.
		{name: "Alg-after-alg", comment: "the issue's case: encoding/json reads ES256, a case-sensitive parser HS256",
			header: `{"typ":"dpop+jwt","alg":"HS256","Alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "ALG-after-none", comment: "the issue's case: none reaches the verifier",
			header: `{"typ":"dpop+jwt","alg":"none","ALG":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "alg-after-Alg", comment: "the other order",
			header: `{"typ":"dpop+jwt","Alg":"HS256","alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "alg-twice", comment: "RFC 7515, Section 4: a duplicate name; a parser keeping the first reads HS256",
			header: `{"typ":"dpop+jwt","alg":"HS256","alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "alg-escaped-twice", comment: "a duplicate spelled with an escape is still a duplicate",
			header: `{"typ":"dpop+jwt","\u0061lg":"HS256","alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "Alg-only", comment: "a case variant alone: encoding/json reads it as alg",
			header: `{"typ":"dpop+jwt","Alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "typ-twice", comment: "a duplicate typ",
			header: `{"typ":"JWT","typ":"dpop+jwt","alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "TYP", comment: "a case variant of typ",
			header: `{"typ":"dpop+jwt","TYP":"JWT","alg":"ES256","jwk":` + jwk + `}`, wantErr: true},
		{name: "jwk-twice", comment: "two keys: which one is checked and which one binds?",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"},"jwk":` + jwk + `}`, wantErr: true},
		{name: "JWK", comment: "a case variant of jwk",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":` + jwk + `,"JWK":{"kty":"RSA"}}`, wantErr: true},
		{name: "jwk-kelvin", comment: "jw + KELVIN SIGN (U+212A), which encoding/json folds to jwk",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":` + jwk + `,"jw\u212a":{"kty":"RSA"}}`, wantErr: true},
		{name: "jwk-x-twice", comment: "a key member in two spellings: the key checked and the thumbprint may differ",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b","X":"c"}}`, wantErr: true},
		{name: "nested-twice", comment: "a duplicate in any object of the header",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{},"ext":[{"a":1,"a":2}]}`, wantErr: true},

		// RFC 9449, Section 4.3, checks 4, 5 and 7.
		{name: "typ-jwt", comment: "typ is not dpop+jwt", header: `{"typ":"JWT","alg":"ES256","jwk":{}}`, wantErr: true},
		{name: "no-typ", comment: "no typ", header: `{"alg":"ES256","jwk":{}}`, wantErr: true},
		{name: "typ-number", comment: "typ is not a string", header: `{"typ":1,"alg":"ES256","jwk":{}}`, wantErr: true},
		{name: "alg-hs256", comment: "a symmetric alg", header: `{"typ":"dpop+jwt","alg":"HS256","jwk":{}}`, wantErr: true},
		{name: "alg-none", comment: "alg none", header: `{"typ":"dpop+jwt","alg":"none","jwk":{}}`, wantErr: true},
		{name: "alg-case", comment: "RFC 7515, Section 4.1.1: alg values are case-sensitive", header: `{"typ":"dpop+jwt","alg":"es256","jwk":{}}`, wantErr: true},
		{name: "no-alg", comment: "no alg", header: `{"typ":"dpop+jwt","jwk":{}}`, wantErr: true},
		{name: "alg-array", comment: "alg is not a string", header: `{"typ":"dpop+jwt","alg":["ES256"],"jwk":{}}`, wantErr: true},
		{name: "no-jwk", comment: "no jwk", header: `{"typ":"dpop+jwt","alg":"ES256"}`, wantErr: true},
		{name: "jwk-string", comment: "jwk is not an object", header: `{"typ":"dpop+jwt","alg":"ES256","jwk":"{}"}`, wantErr: true},
		{name: "jwk-d", comment: "check 7: a private EC or OKP key",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","d":"secret"}}`, wantErr: true},
		{name: "jwk-D", comment: "check 7, a case variant that encoding/json reads as d",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","D":"secret"}}`, wantErr: true},
		{name: "jwk-rsa-p", comment: "check 7: a private RSA key",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"RSA","p":"secret"}}`, wantErr: true},
		{name: "jwk-k", comment: "a symmetric key",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"oct","k":"secret"}}`, wantErr: true},

		// JSON.
		{name: "array", comment: "not an object", header: `["typ","dpop+jwt"]`, wantErr: true},
		{name: "trailing-object", comment: "a second value after the header",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{}}{"alg":"HS256"}`, wantErr: true},
		{name: "trailing-garbage", comment: "bytes after the header",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{}} x`, wantErr: true},
		{name: "unterminated", comment: "no closing brace", header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{}`, wantErr: true},
		{name: "deep", comment: "nesting beyond the bound",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{},"x":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`, wantErr: true},
		{name: "invalid-utf8", comment: "RFC 7515 headers are UTF-8; encoding/json would turn the byte into U+FFFD",
			raw: []byte("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{},\"k\xff\":1}"), wantErr: true},
		{name: "big", comment: "a header over 8 KiB",
			header: `{"typ":"dpop+jwt","alg":"ES256","jwk":{},"pad":"` + strings.Repeat("a", 8<<10) + `"}`, wantErr: true},
		{name: "not-base64url", comment: "the header part does not decode", raw: nil, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.raw
			if raw == nil {
				raw = []byte(tc.header)
			}
			seg := base64.RawURLEncoding.EncodeToString(raw)
			if tc.name == "not-base64url" {
				seg = "e31" // "{}" with a last character whose spare bits are not zero, which a strict decoder refuses
			}
			got, err := proofHeader(seg+".e30.c2ln", algs)
			if tc.wantErr {
				if !errors.Is(err, errJOSE) {
					t.Errorf("%s: proofHeader() = %+v, %v; want errJOSE", tc.comment, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: proofHeader() error: %v", tc.comment, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s: proofHeader() mismatch (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
}

// TestFoldKey checks that names equal under Unicode simple case folding,
// as encoding/json matches them, get one key, and others do not.
func TestFoldKey(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		a, b    string
		same    bool
	}{
		{name: "ascii", comment: "ASCII case", a: "alg", b: "ALG", same: true},
		{name: "mixed", comment: "mixed case", a: "Jwk", b: "jWK", same: true},
		{name: "kelvin", comment: "KELVIN SIGN folds to k", a: "jw\u212a", b: "JWK", same: true},
		{name: "long-s", comment: "LATIN SMALL LETTER LONG S folds to s", a: "\u017fig", b: "SIG", same: true},
		{name: "greek", comment: "Greek sigma's three forms", a: "\u03a3", b: "\u03c2", same: true},
		{name: "different", comment: "different names", a: "alg", b: "alh"},
		{name: "digits", comment: "digits and symbols are themselves", a: "x5c", b: "x5C", same: true},
		{name: "length", comment: "a prefix", a: "al", b: "alg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := foldKey(tc.a) == foldKey(tc.b); got != tc.same {
				t.Errorf("%s: foldKey(%q) == foldKey(%q) is %v, want %v", tc.comment, tc.a, tc.b, got, tc.same)
			}
			if strings.EqualFold(tc.a, tc.b) != tc.same {
				t.Errorf("%s: the table disagrees with strings.EqualFold", tc.comment)
			}
		})
	}
}
