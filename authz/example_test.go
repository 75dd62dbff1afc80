package authz_test

import (
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
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
