package authz_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
)

// digestRFC is the response of RFC 7616, Section 3.9.1 (SHA-256).
var digestRFC = authz.Digest{
	Username:  "Mufasa",
	Realm:     "http-auth@example.org",
	URI:       "/dir/index.html",
	Algorithm: "SHA-256",
	Nonce:     "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
	NC:        1,
	CNonce:    "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
	QOP:       "auth",
	Response:  "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
	Opaque:    "FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU",
}

// TestDigestCredentials checks the wire form of Digest credentials, that
// they parse back, and what Credentials refuses.
func TestDigestCredentials(t *testing.T) {
	mod := func(f func(d *authz.Digest)) authz.Digest {
		d := digestRFC
		f(&d)
		return d
	}
	tests := []struct {
		name    string
		comment string
		in      authz.Digest
		want    string
		badName string
	}{
		{name: "rfc7616-3.9.1", comment: "RFC 7616, Section 3.9.1: the order and quoting of the RFC",
			in:   digestRFC,
			want: `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU"`},
		{name: "rfc7616-username-star", comment: "RFC 7616, Section 3.9.2: a non-ASCII user name goes in username*",
			in: authz.Digest{Username: "J\u00e4s\u00f8n Doe", Realm: "api@example.org", URI: "/doe.json", Algorithm: "SHA-512-256",
				Nonce: "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", NC: 1, CNonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
				QOP: "auth", Response: "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd",
				Opaque: "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", Userhash: false},
			want: `Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, response="ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS"`},
		{name: "userhash", comment: "a hashed user name is hexadecimal and sent as username, with userhash=true",
			in: authz.Digest{Username: "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec", URI: "/", Nonce: "n",
				Response: "ab", Userhash: true},
			want: `Digest username="488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec", realm="", uri="/", nonce="n", response="ab", userhash=true`},
		{name: "minimal", comment: "no qop: nc and cnonce may go (RFC 2069 style); realm is always sent",
			in:   authz.Digest{Username: "u", URI: "/", Nonce: "n", Response: "0"},
			want: `Digest username="u", realm="", uri="/", nonce="n", response="0"`},
		{name: "nc-max", comment: "nc is 8 lower-case hex digits",
			in:   mod(func(d *authz.Digest) { d.NC = 0xFFFFFFFF; d.Other = []authz.Param{{Name: "x", Value: "y"}} }),
			want: `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=ffffffff, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU", x=y`},
		{name: "quote-in-username", comment: "an ASCII user name with DQUOTE is escaped, not sent as username*",
			in:   authz.Digest{Username: `a"b`, URI: "/", Nonce: "n", Response: "0"},
			want: `Digest username="a\"b", realm="", uri="/", nonce="n", response="0"`},
		{name: "bad-no-username", comment: "username is required",
			in: mod(func(d *authz.Digest) { d.Username = "" }), badName: "username"},
		{name: "bad-username-ctl", comment: "no control character",
			in: mod(func(d *authz.Digest) { d.Username = "a\nb" }), badName: "username"},
		{name: "bad-username-utf8", comment: "username* needs valid UTF-8",
			in: mod(func(d *authz.Digest) { d.Username = "\xff" }), badName: "username*"},
		{name: "bad-userhash", comment: "a hashed user name is hexadecimal",
			in: mod(func(d *authz.Digest) { d.Userhash = true }), badName: "username"},
		{name: "bad-uri", comment: "uri is required",
			in: mod(func(d *authz.Digest) { d.URI = "" }), badName: "uri"},
		{name: "bad-nonce", comment: "nonce is required",
			in: mod(func(d *authz.Digest) { d.Nonce = "" }), badName: "nonce"},
		{name: "bad-response", comment: "response is hexadecimal",
			in: mod(func(d *authz.Digest) { d.Response = "xyz" }), badName: "response"},
		{name: "bad-nc", comment: "qop needs nc",
			in: mod(func(d *authz.Digest) { d.NC = 0 }), badName: "nc"},
		{name: "bad-cnonce", comment: "and cnonce",
			in: mod(func(d *authz.Digest) { d.CNonce = "" }), badName: "cnonce"},
		{name: "bad-qop", comment: "qop is a token",
			in: mod(func(d *authz.Digest) { d.QOP = "auth auth-int" }), badName: "qop"},
		{name: "bad-algorithm", comment: "algorithm is a token",
			in: mod(func(d *authz.Digest) { d.Algorithm = "SHA 256" }), badName: "algorithm"},
		{name: "bad-other-star", comment: "username* through Other would send both",
			in: mod(func(d *authz.Digest) { d.Other = []authz.Param{{Name: "Username*", Value: "UTF-8''x"}} }), badName: "Username*"},
		{name: "bad-other-dup", comment: "Other names are unique",
			in: mod(func(d *authz.Digest) { d.Other = []authz.Param{{Name: "x", Value: "1"}, {Name: "X", Value: "2"}} }), badName: "X"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.in.Credentials()
			if tc.badName != "" {
				var pe *httpauth.ParamError
				var fe *httpauth.FormatError
				if !errors.As(err, &pe) || !errors.As(err, &fe) {
					t.Fatalf("%s: Credentials() = %v; want a *FormatError wrapping a *ParamError", tc.comment, err)
				}
				if pe.Name != tc.badName {
					t.Errorf("%s: ParamError.Name = %q, want %q", tc.comment, pe.Name, tc.badName)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: Credentials() error: %v", tc.comment, err)
			}
			if got := wire(c); got != tc.want {
				t.Errorf("%s:\nCredentials().String() = %s\nwant                   %s", tc.comment, got, tc.want)
			}
			parsed, err := authz.ParseString(tc.want)
			if err != nil {
				t.Fatalf("%s: ParseString: %v", tc.comment, err)
			}
			back, err := authz.ParseDigest(parsed)
			if err != nil {
				t.Fatalf("%s: ParseDigest: %v", tc.comment, err)
			}
			if diff := cmp.Diff(tc.in, back); diff != "" {
				t.Errorf("%s: ParseDigest(Credentials()) mismatch (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
}

// TestParseDigest checks what ParseDigest tolerates and refuses.
func TestParseDigest(t *testing.T) {
	const base = `uri="/", nonce="n", response="0a"`
	tests := []struct {
		name    string
		comment string
		in      string
		want    authz.Digest
		wantErr error
		badName string
	}{
		{name: "tokens", comment: "values may be tokens or quoted-strings; names any case",
			in:   `digest USERNAME=u, Realm=r, uri="/", nonce=n, NC=0000000A, cnonce=c, qop="auth", response=0A, userhash=FALSE`,
			want: authz.Digest{Username: "u", Realm: "r", URI: "/", Nonce: "n", NC: 10, CNonce: "c", QOP: "auth", Response: "0A"}},
		{name: "latin1-star", comment: "username* in ISO-8859-1 decodes too",
			in:   `Digest username*=ISO-8859-1''J%E4s, ` + base,
			want: authz.Digest{Username: "Jäs", URI: "/", Nonce: "n", Response: "0a"}},
		{name: "other", comment: "unknown parameters are kept in order",
			in:   `Digest username="u", ` + base + `, b=2, a=1`,
			want: authz.Digest{Username: "u", URI: "/", Nonce: "n", Response: "0a", Other: []authz.Param{{Name: "b", Value: "2"}, {Name: "a", Value: "1"}}}},
		{name: "both", comment: "RFC 7616, Section 3.4: username and username* together are an error",
			in: `Digest username="u", username*=UTF-8''u, ` + base, badName: "username*"},
		{name: "neither", comment: "no user name",
			in: `Digest ` + base, badName: "username"},
		{name: "star-bad", comment: "an undecodable username*",
			in: `Digest username*=KOI8-R''x, ` + base, badName: "username*"},
		{name: "star-userhash", comment: "username* cannot carry a hash",
			in: `Digest username*=UTF-8''ab, userhash=true, ` + base, badName: "username*"},
		{name: "nc-short", comment: "nc is exactly 8 hex digits",
			in: `Digest username=u, nc=1, ` + base, badName: "nc"},
		{name: "nc-zero", comment: "and not zero",
			in: `Digest username=u, nc=00000000, ` + base, badName: "nc"},
		{name: "qop-no-nc", comment: "qop without nc",
			in: `Digest username=u, qop=auth, cnonce=c, ` + base, badName: "nc"},
		{name: "no-response", comment: "response is required",
			in: `Digest username=u, uri="/", nonce=n`, badName: "response"},
		{name: "bad-userhash", comment: "userhash is true or false",
			in: `Digest username=u, userhash=1, ` + base, badName: "userhash"},
		{name: "token68", comment: "Digest credentials are auth-params",
			in: `Digest abc==`, badName: "token68"},
		{name: "basic", comment: "another scheme",
			in: `Basic dTpw`, wantErr: authz.ErrScheme},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := authz.ParseString(tc.in)
			if err != nil {
				t.Fatalf("%s: ParseString: %v", tc.comment, err)
			}
			got, err := authz.ParseDigest(c)
			switch {
			case tc.wantErr != nil:
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("%s: error = %v, want %v", tc.comment, err, tc.wantErr)
				}
			case tc.badName != "":
				var pe *httpauth.ParamError
				if !errors.As(err, &pe) || pe.Name != tc.badName {
					t.Errorf("%s: error = %v, want a *ParamError for %s", tc.comment, err, tc.badName)
				}
			default:
				if err != nil {
					t.Fatalf("%s: error: %v", tc.comment, err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s: ParseDigest() mismatch (-want +got):\n%s", tc.comment, diff)
				}
			}
			if err != nil && strings.Contains(err.Error(), "0a") {
				t.Errorf("%s: error %q holds a credential value", tc.comment, err)
			}
		})
	}
}
