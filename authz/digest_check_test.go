package authz_test

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

// The Authorization fields of RFC 7616's worked examples, as the RFC
// prints them (folded onto one line). Section 3.9.1 answers for user
// "Mufasa", password "Circle of Life" (erratum 4495), a GET of
// /dir/index.html. Section 3.9.2 answers for "Jäsøn Doe", password
// "Secret, or not?", a GET of /doe.json, with SHA-512-256: its published
// username and response were computed with a truncated SHA-512, so these
// are the values of erratum 4897, which uses SHA-512/256 as FIPS 180-4
// defines it (see internal/digest's TestRFC7616Example392).
const (
	rfc391MD5 = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, ` +
		`nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ` +
		`qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
	rfc391SHA256 = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, ` +
		`nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ` +
		`qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
	rfc392Userhash = `Digest username="793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", realm="api@example.org", ` +
		`uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, ` +
		`cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, ` +
		`response="3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", userhash=true`
	rfc392Star = `Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="api@example.org", ` +
		`uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, ` +
		`cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, ` +
		`response="3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", userhash=false`

	jason = "J\u00e4s\u00f8n Doe"
)

func parseDigestString(t *testing.T, s string) authz.Digest {
	t.Helper()
	c, err := authz.ParseString(s)
	if err != nil {
		t.Fatalf("ParseString: %v", err)
	}
	d, err := authz.ParseDigest(c)
	if err != nil {
		t.Fatalf("ParseDigest: %v", err)
	}
	return d
}

// TestCheckDigestRFC checks the RFC's own Authorization fields against the
// RFC's passwords, and that a change to any input the hash covers makes the
// check fail.
func TestCheckDigestRFC(t *testing.T) {
	type check struct {
		method, username, password string
		body                       []byte
	}
	mufasa := check{"GET", "Mufasa", "Circle of Life", nil}
	jasonCheck := check{"GET", jason, "Secret, or not?", nil}
	edit := func(s string, f func(d *authz.Digest)) func(t *testing.T) authz.Digest {
		return func(t *testing.T) authz.Digest {
			d := parseDigestString(t, s)
			if f != nil {
				f(&d)
			}
			return d
		}
	}
	tests := []struct {
		name  string
		creds func(t *testing.T) authz.Digest
		check check
		want  bool
	}{
		{name: "3.9.1 MD5", creds: edit(rfc391MD5, nil), check: mufasa, want: true},
		{name: "3.9.1 SHA-256", creds: edit(rfc391SHA256, nil), check: mufasa, want: true},
		{name: "3.9.2 userhash", creds: edit(rfc392Userhash, nil), check: jasonCheck, want: true},
		{name: "3.9.2 username*", creds: edit(rfc392Star, nil), check: jasonCheck, want: true},

		// The RFC 2617 spelling "Circle Of Life" is not the password of
		// RFC 7616's example (erratum 4495).
		{name: "RFC 2617 password", creds: edit(rfc391SHA256, nil), check: check{"GET", "Mufasa", "Circle Of Life", nil}},
		{name: "wrong method", creds: edit(rfc391SHA256, nil), check: check{"POST", "Mufasa", "Circle of Life", nil}},
		{name: "wrong user", creds: edit(rfc391SHA256, nil), check: check{"GET", "mufasa", "Circle of Life", nil}},
		{name: "empty user", creds: edit(rfc391SHA256, nil), check: check{"GET", "", "Circle of Life", nil}},
		{name: "other uri", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.URI = "/dir/other.html" }), check: mufasa},
		{name: "other realm", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Realm = "other" }), check: mufasa},
		{name: "other nonce", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Nonce += "x" }), check: mufasa},
		{name: "other nc", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.NC = 2 }), check: mufasa},
		{name: "other cnonce", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.CNonce += "x" }), check: mufasa},
		{name: "algorithm swapped", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Algorithm = "MD5" }), check: mufasa},
		{name: "sess variant", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Algorithm = "SHA-256-sess" }), check: mufasa},
		{name: "unknown algorithm", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Algorithm = "SHA-1" }), check: mufasa},
		{name: "auth-int claimed", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.QOP = "auth-int" }), check: mufasa},
		{name: "no qop (RFC 2069 form)", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.QOP = "" }), check: mufasa},
		{name: "unknown qop", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.QOP = "auth-conf" }), check: mufasa},
		{name: "nc zero", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.NC = 0 }), check: mufasa},
		{name: "no cnonce", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.CNonce = "" }), check: mufasa},
		{name: "response truncated", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Response = d.Response[:32] }), check: mufasa},
		{name: "response uppercase", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Response = strings.ToUpper(d.Response) }), check: mufasa, want: true},
		{name: "userhash of another user", creds: edit(rfc392Userhash, nil), check: check{"GET", "Jason Doe", "Secret, or not?", nil}},
		{name: "userhash flag dropped", creds: edit(rfc392Userhash, func(d *authz.Digest) { d.Userhash = false }), check: jasonCheck},
		{name: "plain name sent as if hashed", creds: edit(rfc392Star, func(d *authz.Digest) { d.Userhash = true }), check: jasonCheck},
		{name: "opaque is not hashed", creds: edit(rfc391SHA256, func(d *authz.Digest) { d.Opaque = "changed" }), check: mufasa, want: true},
		{name: "zero Digest", creds: func(*testing.T) authz.Digest { return authz.Digest{} }, check: mufasa},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.creds(t)
			if got := authz.CheckDigest(d, tt.check.method, tt.check.username, tt.check.password, tt.check.body); got != tt.want {
				t.Errorf("CheckDigest = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCheckDigestHA1 checks the stored-H(A1) form, with H(A1) computed
// here with crypto/md5 and crypto/sha256 directly.
func TestCheckDigestHA1(t *testing.T) {
	md5HA1 := md5.Sum([]byte("Mufasa:http-auth@example.org:Circle of Life"))
	sha256HA1 := sha256.Sum256([]byte("Mufasa:http-auth@example.org:Circle of Life"))
	tests := []struct {
		name  string
		creds string
		ha1   string
		want  bool
	}{
		{name: "MD5", creds: rfc391MD5, ha1: hex.EncodeToString(md5HA1[:]), want: true},
		{name: "MD5 uppercase HA1", creds: rfc391MD5, ha1: strings.ToUpper(hex.EncodeToString(md5HA1[:])), want: true},
		{name: "SHA-256", creds: rfc391SHA256, ha1: hex.EncodeToString(sha256HA1[:]), want: true},
		{name: "MD5 HA1 for SHA-256 credentials", creds: rfc391SHA256, ha1: hex.EncodeToString(md5HA1[:])},
		{name: "SHA-256 HA1 for MD5 credentials", creds: rfc391MD5, ha1: hex.EncodeToString(sha256HA1[:])},
		{name: "not hexadecimal", creds: rfc391MD5, ha1: strings.Repeat("g", 32)},
		{name: "empty", creds: rfc391MD5, ha1: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseDigestString(t, tt.creds)
			if got := authz.CheckDigestHA1(d, "GET", "Mufasa", tt.ha1, nil); got != tt.want {
				t.Errorf("CheckDigestHA1 = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCheckDigestAuthInt checks auth-int: the body is part of the hash.
// The expected response is written out from RFC 7616, Sections 3.4.1 to
// 3.4.3 with crypto/sha256, not with the code under test.
func TestCheckDigestAuthInt(t *testing.T) {
	h := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }
	body := `{"a":1}`
	ha1 := h("u:r:p")
	ha2 := h("POST:/x:" + h(body))
	d := authz.Digest{
		Username: "u", Realm: "r", URI: "/x", Algorithm: "SHA-256", Nonce: "n", NC: 3, CNonce: "c", QOP: "auth-int",
		Response: h(ha1 + ":n:00000003:c:auth-int:" + ha2),
	}
	tests := []struct {
		name string
		body []byte
		want bool
	}{
		{name: "the body", body: []byte(body), want: true},
		{name: "another body", body: []byte(`{"a":2}`)},
		{name: "no body", body: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := authz.CheckDigest(d, "POST", "u", "p", tt.body); got != tt.want {
				t.Errorf("CheckDigest = %v, want %v", got, tt.want)
			}
		})
	}
}
