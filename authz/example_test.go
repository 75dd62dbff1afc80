package authz_test

import (
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/httpauth-go/httpauth/authz"
)

// A server reads a Bearer token.
func ExampleParseBearer() {
	h := http.Header{}
	h.Set("Authorization", "Bearer mF_9.B5f-4.1JqM")
	c, err := authz.Parse(h)
	if err != nil {
		fmt.Println(err)
		return
	}
	token, err := authz.ParseBearer(c)
	fmt.Println(token, err)
	// Output: mF_9.B5f-4.1JqM <nil>
}

// A server checks a Basic password, in constant time.
func ExampleParseBasic() {
	c, err := authz.ParseString("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
	if err != nil {
		fmt.Println(err)
		return
	}
	user, password, err := authz.ParseBasic(c)
	ok := subtle.ConstantTimeCompare([]byte(password), []byte("open sesame")) == 1
	fmt.Println(user, ok, err)
	// Output: Aladdin true <nil>
}

// A client builds credentials and writes them with Set: the one call that
// puts the secret on the wire. Printed, they are redacted.
func ExampleBasicCredentials() {
	c, err := authz.BasicCredentials("Aladdin", "open sesame")
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest("GET", "https://example.com/", nil)
	if err := authz.Set(req.Header, c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("Authorization"))
	fmt.Println(c)
	// Output:
	// Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
	// Basic [redacted]
}

// Credentials print redacted, with fmt and with log/slog.
func ExampleCredentials_Redacted() {
	c, _ := authz.ParseString(`Digest username="Mufasa", realm="http-auth@example.org", response="753927fa0e85d155564e2e272a28d180"`)
	fmt.Println(c)
	fmt.Printf("%v\n", c)

	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	b, _ := authz.BearerCredentials("mF_9.B5f-4.1JqM")
	logger.Info("request", "authorization", b)
	// Output:
	// Digest username=[redacted], realm="http-auth@example.org", response=[redacted]
	// Digest username=[redacted], realm="http-auth@example.org", response=[redacted]
	// level=INFO msg=request authorization="Bearer [redacted]"
}

// Errors never hold the credentials.
func ExampleParseString_error() {
	_, err := authz.ParseString("Bearer mF_9.B5f-4.1JqM, Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
	fmt.Println(err)
	// Output: httpauth: line 1, offset 22: expected end of field
}

// A Digest response with a user name that is not ASCII goes in username*.
func ExampleDigest_Credentials() {
	d := authz.Digest{
		Username:  "Jäsøn Doe",
		Realm:     "api@example.org",
		URI:       "/doe.json",
		Algorithm: "SHA-512-256",
		Nonce:     "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
		NC:        1,
		CNonce:    "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
		QOP:       "auth",
		Response:  "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd",
	}
	c, err := d.Credentials()
	if err != nil {
		fmt.Println(err)
		return
	}
	wire, err := c.WireForm() // the secret: for the header, not for logs
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(wire)
	fmt.Println(c) // fmt prints it redacted
	// Output:
	// Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, response="ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd"
	// Digest username*=[redacted], realm="api@example.org", uri=[redacted], algorithm=SHA-512-256, nonce=[redacted], nc=[redacted], cnonce=[redacted], qop=auth, response=[redacted]
}

// A server that checks a static Basic password compares in constant time.
func ExampleCheckBasic() {
	req := httptest.NewRequest("GET", "/", nil)
	req.SetBasicAuth("admin", "correct horse battery staple")
	c, err := authz.Parse(req.Header)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(authz.CheckBasic(c, "admin", "correct horse battery staple"))
	fmt.Println(authz.CheckBasic(c, "admin", "correct horse battery stapl"))
	// Output:
	// true
	// false
}
