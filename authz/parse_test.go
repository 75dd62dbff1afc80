package authz_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

func cred(scheme string, nv ...string) authz.Credentials {
	c := authz.Credentials{Scheme: scheme}
	for i := 0; i < len(nv); i += 2 {
		c.Params = append(c.Params, authz.Param{Name: nv[i], Value: nv[i+1]})
	}
	return c
}

var validTests = []struct {
	name string
	in   string
	want authz.Credentials
}{
	// RFC 6750, Section 2.1.
	{"bearer", "Bearer mF_9.B5f-4.1JqM", authz.Credentials{Scheme: "Bearer", Token68: "mF_9.B5f-4.1JqM"}},
	// RFC 7617, Section 2.
	{"basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", authz.Credentials{Scheme: "Basic", Token68: "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}},
	// RFC 7616, Section 3.9.1 (folded onto one line).
	{"digest", `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
		cred("Digest", "username", "Mufasa", "realm", "http-auth@example.org", "uri", "/dir/index.html", "algorithm", "SHA-256",
			"nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "nc", "00000001", "cnonce", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
			"qop", "auth", "response", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", "opaque", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")},
	// A bare scheme.
	{"bare", "Negotiate", authz.Credentials{Scheme: "Negotiate"}},
	// "Basic ," is a scheme with an empty #auth-param list.
	{"empty param list", "Basic ,", authz.Credentials{Scheme: "Basic"}},
	// Empty elements inside the parameter list.
	{"empty params", "X a=1,, b=2 ,", cred("X", "a", "1", "b", "2")},
	// Leading and trailing OWS are not part of the value.
	{"trimmed", " \tBearer abc \t", authz.Credentials{Scheme: "Bearer", Token68: "abc"}},
}

func TestParseValid(t *testing.T) {
	for _, tt := range validTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := authz.ParseString(tt.in)
			if err != nil {
				t.Fatalf("ParseString error: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseString mismatch (-want +got):\n%s", diff)
			}
			lenient, err := (&authz.Parser{Lenient: true}).ParseString(tt.in)
			if err != nil || !cmp.Equal(got, lenient) {
				t.Errorf("lenient ParseString = %v, %v; want the strict result", lenient, err)
			}
		})
	}
}

var invalidTests = []struct {
	name   string
	in     string
	offset int
	cause  error
}{
	{"empty", "", 0, grammar.ErrExpectedScheme},
	// All whitespace is an empty field value (RFC 9110, Section 5.5).
	{"blank", "  ", 0, grammar.ErrExpectedScheme},
	// Authorization is not a list.
	{"leading comma", ", Basic abc", 0, grammar.ErrExpectedScheme},
	{"two credentials", "Basic abc, Bearer def", 9, grammar.ErrExpectedEnd},
	{"trailing comma", "Bearer abc,", 10, grammar.ErrExpectedEnd},
	{"comma after bare", "Negotiate,", 9, grammar.ErrExpectedEnd},
	{"scheme after params", "Digest a=b, Bearer", 12, grammar.ErrMultipleCredentials},
	{"two token68", "Bearer a b", 9, grammar.ErrExpectedEnd},
	{"bad token", "Bearer a!b", 8, grammar.ErrExpectedEnd},
	{"duplicate", `Digest username="a", USERNAME="b"`, 21, httpauth.ErrDuplicateParam},
	{"unterminated", `Digest username="a`, 16, grammar.ErrUnterminatedQuote},
	{"cr", "Bearer abc\r\nX: y", 10, grammar.ErrExpectedEnd},
	{"htab", "Bearer\tabc", 6, grammar.ErrExpectedSP},
	{"garbage param", "Digest a=1, @", 12, grammar.ErrExpectedParam},
}

func TestParseInvalid(t *testing.T) {
	for _, tt := range invalidTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := authz.ParseString(tt.in)
			if !cmp.Equal(got, authz.Credentials{}) {
				t.Errorf("ParseString = %v, want zero credentials", got)
			}
			var se *httpauth.SyntaxError
			if !errors.As(err, &se) || se.Line != 1 || se.Offset != tt.offset || se.Err != tt.cause {
				t.Fatalf("ParseString error = %#v; want line 1, offset %d, %v", err, tt.offset, tt.cause)
			}
			if !strings.HasPrefix(err.Error(), "httpauth: line 1, offset ") {
				t.Errorf("message %q lacks the prefix", err)
			}
		})
	}
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want authz.Credentials
		n    int // recoveries
	}{
		{"list keeps first", "Basic abc, Bearer def", authz.Credentials{Scheme: "Basic", Token68: "abc"}, 2},
		{"htab", "Bearer\tabc", authz.Credentials{Scheme: "Bearer", Token68: "abc"}, 1},
		{"duplicate", "Digest a=1, A=2", cred("Digest", "a", "1"), 1},
		{"unquoted uri", "Digest uri=/a/b, nc=1", cred("Digest", "uri", "/a/b", "nc", "1"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec testkit.Recorded
			got, err := (&authz.Parser{Lenient: true, Recovered: rec.Func()}).ParseString(tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("lenient ParseString mismatch (-want +got):\n%s", diff)
			}
			if err != nil || len(rec.Recoveries) != tt.n {
				t.Errorf("lenient ParseString error = %v with %d recoveries, want none and %d", err, len(rec.Recoveries), tt.n)
			}
		})
	}
	if _, err := (&authz.Parser{Lenient: true}).ParseString("@@@"); err == nil {
		t.Errorf("lenient ParseString(garbage) succeeded")
	}
}

func TestParseHeader(t *testing.T) {
	if _, err := authz.Parse(http.Header{}); err != authz.ErrNoCredentials {
		t.Errorf("Parse(no header) error = %v, want ErrNoCredentials", err)
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer abc")
	c, err := authz.Parse(h)
	if err != nil || c.Token68 != "abc" {
		t.Errorf("Parse = %v, %v", c, err)
	}
	h.Add("Authorization", "Bearer def")
	_, err = authz.Parse(h)
	var se *httpauth.SyntaxError
	if !errors.As(err, &se) || se.Line != 2 || !errors.Is(err, grammar.ErrMultipleCredentials) {
		t.Errorf("Parse(two lines) error = %v, want line 2, ErrMultipleCredentials", err)
	}
	var rec testkit.Recorded
	c, err = (&authz.Parser{Lenient: true, Recovered: rec.Func()}).Parse(h)
	if c.Token68 != "abc" || err != nil || len(rec.Recoveries) != 1 || rec.Recoveries[0].Line != 2 ||
		!errors.Is(rec.Recoveries[0].Err, grammar.ErrMultipleCredentials) {
		t.Errorf("lenient Parse(two lines) = %v, %v, recoveries %v; want the first and a recovery on line 2", c, err, rec.Recoveries)
	}
	c, err = authz.ParseLines([]string{"Basic xyz"})
	if err != nil || c.Token68 != "xyz" {
		t.Errorf("ParseLines = %v, %v", c, err)
	}
}

func TestLimits(t *testing.T) {
	if _, err := (&authz.Parser{MaxLength: 9}).ParseString("Bearer ab"); err != nil {
		t.Errorf("at MaxLength: %v", err)
	}
	if _, err := (&authz.Parser{MaxLength: 9}).ParseString("Bearer abc"); !errors.Is(err, httpauth.ErrTooLarge) {
		t.Errorf("past MaxLength: %v, want ErrTooLarge", err)
	}
	if _, err := (&authz.Parser{MaxParams: 2}).ParseString("X a=1, b=2"); err != nil {
		t.Errorf("at MaxParams: %v", err)
	}
	var se *httpauth.SyntaxError
	if _, err := (&authz.Parser{MaxParams: 2}).ParseString("X a=1, b=2, c=3"); !errors.As(err, &se) || se.Offset != 12 || !errors.Is(err, httpauth.ErrTooLarge) {
		t.Errorf("past MaxParams: %v, want ErrTooLarge at offset 12", err)
	}
	if _, err := (&authz.Parser{MaxLength: -1}).ParseString("Negotiate " + strings.Repeat("A", 200<<10)); err != nil {
		t.Errorf("no limit: %v", err)
	}
	if _, err := authz.ParseString("Negotiate " + strings.Repeat("A", grammar.DefaultMaxLength)); !errors.Is(err, httpauth.ErrTooLarge) {
		t.Errorf("past default MaxLength: %v", err)
	}
}

// secret is a credential the redaction tests look for.
const secret = "c2VjcmV0LXRva2VuLTQyNDI0Mg"

func TestRedacted(t *testing.T) {
	tests := []struct {
		name string
		c    authz.Credentials
		want string
	}{
		{"token68", authz.Credentials{Scheme: "Bearer", Token68: secret}, "Bearer [redacted]"},
		{"digest", cred("Digest", "username", secret, "realm", "r", "response", secret, "qop", "auth", "algorithm", "SHA-256"),
			`Digest username=[redacted], realm="r", response=[redacted], qop=auth, algorithm=SHA-256`},
		// A realm that would inject a line is redacted, not printed.
		{"bad visible value", cred("Digest", "realm", "a\nb"), "Digest realm=[redacted]"},
		{"bad scheme", authz.Credentials{Scheme: secret + " x", Token68: secret}, "[invalid]"},
		{"bad name", cred("X", secret+"=", "v"), "X [redacted]=[redacted]"},
		// A name no known scheme defines may be part of a secret.
		{"unknown name", cred("Bearer", secret+"ab", secret+"cd"), "Bearer [redacted]=[redacted]"},
		{"oauth", cred("OAuth", "realm", "Example", "oauth_signature_method", "HMAC-SHA1", "oauth_signature", secret),
			`OAuth realm="Example", oauth_signature_method="HMAC-SHA1", oauth_signature=[redacted]`},
		{"zero", authz.Credentials{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Redacted(); got != tt.want {
				t.Errorf("Redacted = %q, want %q", got, tt.want)
			}
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("request", "auth", tt.c)
			slog.New(slog.NewTextHandler(&buf, nil)).Info("request", "auth", tt.c)
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				fmt.Fprintf(&buf, verb, tt.c)
			}
			fmt.Fprint(&buf, tt.c, []authz.Credentials{tt.c}, &tt.c)
			// encoding/json would use MarshalText, the wire form, for
			// credentials nested in other values.
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("request", "all", []authz.Credentials{tt.c},
				"nested", struct{ C authz.Credentials }{tt.c}, "map", map[string]*authz.Credentials{"a": &tt.c})
			fmt.Fprintln(&buf, tt.c)
			if strings.Contains(buf.String(), secret) {
				t.Errorf("the secret leaked into:\n%s", buf.String())
			}
		})
	}
}

func TestRedactedParams(t *testing.T) {
	c := cred("Digest", "username", secret, "realm", "r", secret+"x", "y", "qop", "a\nb")
	want := []authz.Param{{Name: "username", Value: "[redacted]"}, {Name: "realm", Value: "r"},
		{Name: "[redacted]", Value: "[redacted]"}, {Name: "qop", Value: "[redacted]"}}
	if diff := cmp.Diff(want, c.RedactedParams()); diff != "" {
		t.Errorf("RedactedParams mismatch (-want +got):\n%s", diff)
	}
	if got := (authz.Credentials{Scheme: "Bearer", Token68: secret}).RedactedParams(); got != nil {
		t.Errorf("RedactedParams of a token68 = %v, want nil", got)
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	for _, in := range []string{
		"Bearer " + secret + " x",
		"Bearer " + secret + ",",
		"Basic " + secret + "!",
		`Digest response="` + secret,
		`Digest response="` + secret + "\x00\"",
		"Digest response=" + secret + " x=" + secret + "\r",
		secret + "\t" + secret,
		"Digest a=" + secret + ", A=" + secret,
	} {
		for _, p := range []authz.Parser{{}, {Lenient: true}, {MaxLength: 20}, {MaxParams: 1}} {
			_, err := p.ParseString(in)
			if err == nil {
				continue
			}
			if s := fmt.Sprintf("%v %+v %#v", err, err, err); strings.Contains(s, secret) {
				t.Errorf("error of %q holds the secret: %s", in, s)
			}
		}
	}
}
