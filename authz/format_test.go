package authz_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

func TestAppendText(t *testing.T) {
	tests := []struct {
		name string
		c    authz.Credentials
		want string
	}{
		{"bearer", authz.Credentials{Scheme: "Bearer", Token68: "mF_9.B5f-4.1JqM"}, "Bearer mF_9.B5f-4.1JqM"},
		{"bare", authz.Credentials{Scheme: "Negotiate"}, "Negotiate"},
		// RFC 7616, Section 3.4: username, realm, uri, nonce, cnonce,
		// response and opaque quoted; algorithm, qop and nc not.
		{"digest", cred("Digest", "username", "Mufasa", "realm", "r", "uri", "/", "algorithm", "SHA-256", "nonce", "n", "nc", "00000001",
			"cnonce", "c", "qop", "auth", "response", "abc", "opaque", "o", "userhash", "false"),
			`Digest username="Mufasa", realm="r", uri="/", algorithm=SHA-256, nonce="n", nc=00000001, cnonce="c", qop=auth, response="abc", opaque="o", userhash=false`},
		// RFC 5849, Section 3.5.1: every value quoted.
		{"oauth", cred("OAuth", "realm", "Example", "oauth_consumer_key", "0685bd9184jfhq22", "oauth_version", "1.0"),
			`OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", oauth_version="1.0"`},
		{"aws", cred("AWS4-HMAC-SHA256", "Credential", "AKIA/20260101/us-east-1/s3/aws4_request", "Signature", "fe5f"),
			`AWS4-HMAC-SHA256 Credential="AKIA/20260101/us-east-1/s3/aws4_request", Signature=fe5f`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := authz.AppendWire(tt.c, nil)
			if err != nil || string(b) != tt.want {
				t.Fatalf("AppendText = %q, %v; want %q", b, err, tt.want)
			}
			if s := wire(tt.c); s != tt.want {
				t.Errorf("String = %q, want %q", s, tt.want)
			}
			back, err := authz.ParseString(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.c, back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseString(WireForm) mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppendTextRefuses(t *testing.T) {
	tests := []struct {
		name  string
		c     authz.Credentials
		cause error
	}{
		{"empty scheme", authz.Credentials{Token68: "abc"}, grammar.ErrInvalidScheme},
		{"bad token68", authz.Credentials{Scheme: "Bearer", Token68: "a b"}, grammar.ErrInvalidToken68},
		{"both", authz.Credentials{Scheme: "X", Token68: "a", Params: []authz.Param{{Name: "b", Value: "c"}}}, grammar.ErrToken68WithParams},
		{"crlf", cred("Digest", "username", "a\r\nX: y"), grammar.ErrInvalidValue},
		{"duplicate", cred("Digest", "nc", "1", "NC", "2"), httpauth.ErrDuplicateParam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := authz.AppendWire(tt.c, []byte("keep"))
			var fe *httpauth.FormatError
			if string(b) != "keep" || !errors.As(err, &fe) || !errors.Is(err, tt.cause) {
				t.Errorf("AppendText = %q, %v; want the input unchanged and %v", b, err, tt.cause)
			}
			if s, err := tt.c.WireForm(); err == nil || s != "" {
				t.Errorf("WireForm = %q, %v; want an error", s, err)
			}
		})
	}
}

func TestBasic(t *testing.T) {
	// RFC 7617, Section 2 and 2.1.
	c, err := authz.BasicCredentials("Aladdin", "open sesame")
	if err != nil || wire(c) != "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" {
		t.Errorf("BasicCredentials = %s, %v", wire(c), err)
	}
	c, err = authz.BasicCredentials("test", "123\u00a3")
	if err != nil || wire(c) != "Basic dGVzdDoxMjPCow==" {
		t.Errorf("BasicCredentials(UTF-8) = %s, %v", wire(c), err)
	}
	u, p, err := authz.ParseBasic(c)
	if u != "test" || p != "123\u00a3" || err != nil {
		t.Errorf("ParseBasic = %q, %q, %v", u, p, err)
	}
	// The password may hold colons; the user-id may not.
	c, _ = authz.BasicCredentials("u", "a:b:c")
	if u, p, _ := authz.ParseBasic(c); u != "u" || p != "a:b:c" {
		t.Errorf("ParseBasic(password with colons) = %q, %q", u, p)
	}
	for _, tt := range []struct {
		name, user, pass string
		cause            error
	}{
		{"colon in user", "a:b", "p", authz.ErrBasicUserID},
		{"cr in user", "a\r", "p", authz.ErrBasicControl},
		{"nul in password", "a", "p\x00", authz.ErrBasicControl},
		{"del in password", "a", "\x7f", authz.ErrBasicControl},
		{"invalid utf-8", "\xff", "p", authz.ErrBasicUTF8},
	} {
		if _, err := authz.BasicCredentials(tt.user, tt.pass); !errors.Is(err, tt.cause) {
			t.Errorf("%s: BasicCredentials error = %v, want %v", tt.name, err, tt.cause)
		}
	}
	for _, tt := range []struct {
		name  string
		c     authz.Credentials
		cause error
	}{
		{"other scheme", authz.Credentials{Scheme: "Bearer", Token68: "abc"}, authz.ErrScheme},
		{"no token", authz.Credentials{Scheme: "Basic"}, authz.ErrBasicMalformed},
		{"not base64", authz.Credentials{Scheme: "Basic", Token68: "a/b="}, authz.ErrBasicMalformed},
		{"no padding", authz.Credentials{Scheme: "Basic", Token68: "YTpi"[:3]}, authz.ErrBasicMalformed},
		{"no colon", authz.Credentials{Scheme: "basic", Token68: "YWJj"}, authz.ErrBasicMalformed},
		{"control", authz.Credentials{Scheme: "Basic", Token68: "YTpiDQ=="}, authz.ErrBasicControl},
		{"latin-1", authz.Credentials{Scheme: "Basic", Token68: "YTqj"}, authz.ErrBasicUTF8},
	} {
		if _, _, err := authz.ParseBasic(tt.c); err != tt.cause {
			t.Errorf("%s: ParseBasic error = %v, want %v", tt.name, err, tt.cause)
		}
	}
}

func TestBearer(t *testing.T) {
	c, err := authz.BearerCredentials("mF_9.B5f-4.1JqM")
	if err != nil || wire(c) != "Bearer mF_9.B5f-4.1JqM" {
		t.Errorf("BearerCredentials = %s, %v", wire(c), err)
	}
	if tok, err := authz.ParseBearer(c); tok != "mF_9.B5f-4.1JqM" || err != nil {
		t.Errorf("ParseBearer = %q, %v", tok, err)
	}
	for _, bad := range []string{"", "a b", "=abc", "a\r\n", "a,b", "ab=c"} {
		if _, err := authz.BearerCredentials(bad); !errors.Is(err, authz.ErrBearerToken) {
			t.Errorf("BearerCredentials(%q) error = %v, want ErrBearerToken", bad, err)
		}
	}
	if _, err := authz.ParseBearer(authz.Credentials{Scheme: "Basic", Token68: "x"}); err != authz.ErrScheme {
		t.Errorf("ParseBearer(Basic) error = %v", err)
	}
	if _, err := authz.ParseBearer(cred("bearer", "a", "b")); err != authz.ErrBearerToken {
		t.Errorf("ParseBearer(params) error = %v", err)
	}
}
