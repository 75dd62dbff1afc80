package authclient_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// FuzzDigestChallenge answers arbitrary WWW-Authenticate fields with the
// Digest handler, for arbitrary user names and passwords. It must never
// panic; whatever credentials it produces must serialize, parse back with
// authz.ParseString and authz.ParseDigest, and pass authz.CheckDigest with
// the same password: whatever the server sent, the client's answer is one
// the server side of this module accepts.
func FuzzDigestChallenge(f *testing.F) {
	seeds := []string{
		// RFC 7616, Section 3.9.1.
		`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
		`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
		// RFC 7616, Section 3.9.2.
		`Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8, userhash=true`,
		// go-http-auth's form: algorithm quoted.
		`Digest realm="r", nonce="abc", opaque="o", algorithm="MD5", qop="auth"`,
		`Digest realm="r", nonce="n", qop="auth-int", algorithm=SHA-256-sess, stale=TRUE`,
		`Basic realm="x", Digest realm="a\"b", nonce=n1, qop="auth", Digest realm="y", nonce="n2", qop=auth-int, algorithm=sha-512-256-SESS`,
		`Digest realm="", nonce="\"", qop=",auth,,"`,
		`Digest nonce="n", qop="auth", realm="r\\"`,
		`Digest realm="r", nonce="n", qop="auth", domain="/a /b http://x/"`,
		`Digest realm="tab	in", nonce="n", qop="auth"`,
		`Digest realm="caf\xc3\xa9", nonce="n\x80", qop="auth"`,
		`Digest realm="r", nonce="n", qop="auth", algorithm=SHA-1`,
		`Digest realm=r nonce=n qop=auth`,
		`Digest abc==`,
	}
	for _, s := range seeds {
		f.Add(s, "Mufasa", "Circle of Life", "GET", "/dir/index.html?q=1")
	}
	f.Add(seeds[2], "J\u00e4s\u00f8n Doe", "Secret, or not?", "POST", "/doe.json")
	f.Add(seeds[4], "a\"b\\c", "", "PUT", "/")
	f.Fuzz(func(t *testing.T, field, user, password, method, path string) {
		if len(field) > 8<<10 {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1/", strings.NewReader("the body"))
		if err != nil {
			return
		}
		req.URL.Path = path
		resp := &http.Response{StatusCode: 401, Header: http.Header{"Www-Authenticate": {field}}, Request: req}
		parsed, err := wwwauth.ParseResponse(resp)
		if err != nil {
			return
		}
		var cs []wwwauth.Challenge
		for _, c := range parsed.Challenges {
			if c.Is("Digest") {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			return
		}
		sess, err := authclient.Digest(user, password).Answer(context.Background(), &authclient.Refusal{Response: resp, Challenges: cs})
		if err != nil {
			t.Fatalf("Answer: %v", err) // Digest's Answer has no error to return
		}
		if sess == nil {
			return
		}
		c, err := sess.Authorize(req)
		if err != nil {
			// A realm, nonce or user name Credentials refuses (a
			// control character, bad UTF-8): no credentials, no panic.
			// A short password may be a substring of any message by
			// chance; a long one must not appear.
			if len(password) >= 16 && strings.Contains(err.Error(), password) {
				t.Fatalf("error shows the password: %v", err)
			}
			return
		}
		wire, err := c.WireForm()
		if err != nil {
			t.Fatalf("WireForm of %s: %v", c.Redacted(), err)
		}
		back, err := authz.ParseString(wire)
		if err != nil {
			t.Fatalf("ParseString(%q): %v", wire, err)
		}
		d, err := authz.ParseDigest(back)
		if err != nil {
			t.Fatalf("ParseDigest(%q): %v", wire, err)
		}
		body := []byte("the body")
		if !authz.CheckDigest(d, req.Method, user, password, body) {
			t.Fatalf("CheckDigest refuses the client's answer %q to %q", wire, field)
		}
	})
}
