package wwwauth_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

var formatTests = []struct {
	name string
	c    wwwauth.Challenge
	want string
}{
	// A bare scheme is written alone, with no trailing SP.
	{"bare", ch("Negotiate"), "Negotiate"},
	{"token68", t68("NTLM", "TlRMTVNTUAACAAAA=="), "NTLM TlRMTVNTUAACAAAA=="},
	// realm is always a quoted-string (RFC 9110, Section 11.5), even
	// when it is a token and whatever its case.
	{"realm quoted", ch("Basic", "REALM", "simple"), `Basic REALM="simple"`},
	// Other values are tokens when they can be.
	{"token value", ch("Newauth", "realm", "apps", "type", "1"), `Newauth realm="apps", type=1`},
	// ...and quoted-strings otherwise, escaping only DQUOTE and backslash.
	{"escapes", ch("X", "title", `Login to "apps" \o/`), `X title="Login to \"apps\" \\o/"`},
	{"empty value", ch("X", "a", ""), `X a=""`},
	{"space and comma", ch("X", "a", "b, c"), `X a="b, c"`},
	// HTAB and obs-text need no escaping inside a quoted-string.
	{"htab obs-text", ch("X", "a", "\t\xff"), "X a=\"\t\xff\""},
	// Bearer and DPoP quote every value (RFC 6750, Section 3; RFC 9449, Section 7.1).
	{"bearer", ch("Bearer", "error", "invalid_token"), `Bearer error="invalid_token"`},
	{"dpop", ch("dpop", "algs", "ES256"), `dpop algs="ES256"`},
	// Digest quotes domain, nonce, opaque and qop, but not stale and algorithm (RFC 7616, Section 3.3).
	{"digest", ch("Digest", "realm", "r", "qop", "auth", "nonce", "n", "opaque", "o", "domain", "d", "stale", "true", "algorithm", "SHA-256"),
		`Digest realm="r", qop="auth", nonce="n", opaque="o", domain="d", stale=true, algorithm=SHA-256`},
	// An ext-value is a token.
	{"ext-value", ch("X", "title*", "UTF-8''%e2%82%ac"), `X title*=UTF-8''%e2%82%ac`},
}

func TestAppendText(t *testing.T) {
	for _, tt := range formatTests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.c.AppendText([]byte("prefix:"))
			if err != nil {
				t.Fatalf("AppendText error: %v", err)
			}
			if got := string(b); got != "prefix:"+tt.want {
				t.Errorf("AppendText = %q, want %q", got, "prefix:"+tt.want)
			}
			if got := tt.c.String(); got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
			m, err := tt.c.MarshalText()
			if err != nil || string(m) != tt.want {
				t.Errorf("MarshalText = %q, %v; want %q", m, err, tt.want)
			}
			var back wwwauth.Challenge
			if err := back.UnmarshalText([]byte(tt.want)); err != nil {
				t.Fatalf("UnmarshalText(%q) error: %v", tt.want, err)
			}
			if diff := cmp.Diff(tt.c, back, equateEmpty); diff != "" {
				t.Errorf("UnmarshalText(%q) mismatch (-want +got):\n%s", tt.want, diff)
			}
		})
	}
}

var refuseTests = []struct {
	name  string
	c     wwwauth.Challenge
	param int
	cause error
}{
	{"empty scheme", ch(""), -1, grammar.ErrInvalidScheme},
	{"space in scheme", ch("Basic realm"), -1, grammar.ErrInvalidScheme},
	{"brace in scheme", ch("{x}"), -1, grammar.ErrInvalidScheme},
	{"crlf in scheme", ch("Basic\r\nSet-Cookie: x"), -1, grammar.ErrInvalidScheme},
	{"bad token68", t68("X", "a=b"), -1, grammar.ErrInvalidToken68},
	{"token68 leading pad", t68("X", "=a"), -1, grammar.ErrInvalidToken68},
	{"token68 and params", wwwauth.Challenge{Scheme: "X", Token68: "a", Params: []wwwauth.Param{{Name: "b", Value: "c"}}}, -1, grammar.ErrToken68WithParams},
	{"empty name", ch("X", "", "v"), 0, grammar.ErrInvalidName},
	{"name with =", ch("X", "a", "1", "b=", "v"), 1, grammar.ErrInvalidName},
	{"cr in value", ch("X", "a", "x\ry"), 0, grammar.ErrInvalidValue},
	{"lf in value", ch("Bearer", "error_description", "x\nSet-Cookie: a=b"), 0, grammar.ErrInvalidValue},
	{"nul in value", ch("X", "a", "\x00"), 0, grammar.ErrInvalidValue},
	{"del in value", ch("X", "a", "\x7f"), 0, grammar.ErrInvalidValue},
	{"vt in value", ch("X", "a", "\v"), 0, grammar.ErrInvalidValue},
	{"duplicate", ch("X", "realm", "a", "Realm", "b"), 1, httpauth.ErrDuplicateParam},
}

func TestAppendTextRefuses(t *testing.T) {
	for _, tt := range refuseTests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte("keep")
			b, err := tt.c.AppendText(in)
			if string(b) != "keep" {
				t.Errorf("AppendText returned %q, want the input unchanged", b)
			}
			var fe *httpauth.FormatError
			if !errors.As(err, &fe) || !errors.Is(err, tt.cause) || fe.Param != tt.param {
				t.Fatalf("AppendText error = %#v, want a *FormatError for parameter %d wrapping %v", err, tt.param, tt.cause)
			}
			s := tt.c.String()
			if !strings.HasPrefix(s, "!invalid challenge: ") || strings.ContainsAny(s, "\r\n\x00\x7f") {
				t.Errorf("String = %q, want a clean description", s)
			}
			if _, err := tt.c.MarshalText(); err == nil {
				t.Errorf("MarshalText succeeded")
			}
		})
	}
}

func TestFormatList(t *testing.T) {
	cs := []wwwauth.Challenge{ch("Newauth", "realm", "apps"), t68("NTLM", "abc="), ch("Basic")}
	got, err := wwwauth.Format(cs...)
	const want = `Newauth realm="apps", NTLM abc=, Basic`
	if err != nil || got != want {
		t.Fatalf("Format = %q, %v; want %q", got, err, want)
	}
	back, err := wwwauth.ParseString(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs, back, equateEmpty); diff != "" {
		t.Errorf("ParseString(Format(cs)) mismatch (-want +got):\n%s", diff)
	}

	s, err := wwwauth.Format(ch("A"), ch("B", "a", "\n"))
	var fe *httpauth.FormatError
	if s != "" || !errors.As(err, &fe) || fe.Index != 1 || fe.Param != 0 {
		t.Errorf("Format(bad second) = %q, %v; want nothing and a FormatError for element 1, parameter 0", s, err)
	}
	if _, err := wwwauth.Format(); err == nil {
		t.Errorf("Format() of no challenges succeeded")
	}
}

func TestSet(t *testing.T) {
	cs := []wwwauth.Challenge{ch("Basic", "realm", "a"), ch("Bearer", "realm", "b")}
	for _, tc := range []struct {
		field string
		set   func(http.Header, ...wwwauth.Challenge) error
	}{
		{"Www-Authenticate", wwwauth.Set},
		{"Proxy-Authenticate", wwwauth.SetProxy},
	} {
		h := http.Header{tc.field: {"old"}}
		if err := tc.set(h, cs...); err != nil {
			t.Fatal(err)
		}
		// One challenge per line.
		if diff := cmp.Diff([]string{`Basic realm="a"`, `Bearer realm="b"`}, h.Values(tc.field)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", tc.field, diff)
		}
		back, err := wwwauth.ParseLines(h.Values(tc.field))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(cs, back); diff != "" {
			t.Errorf("%s: ParseLines(Set(cs)) mismatch (-want +got):\n%s", tc.field, diff)
		}
		// On error, h is left alone.
		err = tc.set(h, ch("A"), ch("B", "a", "\r"))
		var fe *httpauth.FormatError
		if !errors.As(err, &fe) || fe.Index != 1 {
			t.Errorf("%s: Set(bad second) error = %v, want a FormatError for element 1", tc.field, err)
		}
		if err := tc.set(h); err == nil {
			t.Errorf("%s: Set() of no challenges succeeded", tc.field)
		}
		if diff := cmp.Diff([]string{`Basic realm="a"`, `Bearer realm="b"`}, h.Values(tc.field)); diff != "" {
			t.Errorf("%s: failed Set changed the header (-want +got):\n%s", tc.field, diff)
		}
	}
}

func TestUnmarshalTextOne(t *testing.T) {
	var c wwwauth.Challenge
	for _, in := range []string{"", "A, B", `A a="`} {
		if err := c.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("UnmarshalText(%q) succeeded, want an error", in)
		}
	}
}

func TestParam(t *testing.T) {
	c := ch("X", "Title", "plain", "title*", "UTF-8''%e2%82%ac%20rates", "charset*", "Shift_JIS''x", "charset", "fallback", "lang*", "bad")
	tests := []struct {
		name, param string
		want        string
		ok, err     bool
	}{
		// name* is decoded and preferred, whatever the case asked.
		{"ext preferred", "TITLE", "€ rates", true, false},
		// Asking for name* gives the raw value.
		{"raw ext", "title*", "UTF-8''%e2%82%ac%20rates", true, false},
		// An undecodable name* falls back to name, with an error.
		{"unsupported charset", "charset", "fallback", true, true},
		// ...and to nothing if there is no name.
		{"malformed alone", "lang", "", false, true},
		{"absent", "nope", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok, err := grammar.LookupParam(c.Params, tt.param)
			if v != tt.want || ok != tt.ok || (err != nil) != tt.err {
				t.Errorf("LookupParam(%q) = %q, %v, %v; want %q, %v, error %v", tt.param, v, ok, err, tt.want, tt.ok, tt.err)
			}
			if err != nil && !errors.Is(err, grammar.ErrExtValue) {
				t.Errorf("LookupParam(%q) error %v does not wrap ErrExtValue", tt.param, err)
			}
			if v2, ok2 := c.Param(tt.param); v2 != v || ok2 != ok {
				t.Errorf("Param(%q) = %q, %v; LookupParam gave %q, %v", tt.param, v2, ok2, v, ok)
			}
		})
	}
}

func TestFind(t *testing.T) {
	cs := []wwwauth.Challenge{ch("Basic", "realm", "1"), ch("bearer", "realm", "2"), ch("BEARER", "realm", "3")}
	got := wwwauth.Find(cs, "Bearer")
	if diff := cmp.Diff(cs[1:], got); diff != "" {
		t.Errorf("Find mismatch (-want +got):\n%s", diff)
	}
	if got := wwwauth.Find(cs, "Digest"); got != nil {
		t.Errorf("Find(Digest) = %v, want nil", got)
	}
}

func TestExtValue(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
		ok       bool
	}{
		{"utf-8", "UTF-8''%e2%82%ac%20rates", "€ rates", true},
		{"charset case", "utf-8'en'a", "a", true},
		{"latin1", "ISO-8859-1'en'%A3%20rates", "£ rates", true},
		{"language", "UTF-8'de-CH'x", "x", true},
		{"empty value", "UTF-8''", "", true},
		{"no quotes", "UTF-8", "", false},
		{"one quote", "UTF-8'x", "", false},
		{"other charset", "Shift_JIS''x", "", false},
		{"empty charset", "''x", "", false},
		{"bad language", "UTF-8'e n'x", "", false},
		{"bad pct", "UTF-8''%e", "", false},
		{"bad hex", "UTF-8''%zz", "", false},
		{"raw space", "UTF-8''a b", "", false},
		{"invalid utf-8", "UTF-8''%ff", "", false},
		{"control", "UTF-8''a%0d%0ab", "", false},
		{"c1 control", "ISO-8859-1''%85", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := httpauth.DecodeExtValue(tt.in)
			if got != tt.want || (err == nil) != tt.ok {
				t.Errorf("DecodeExtValue(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
			if err != nil && !errors.Is(err, grammar.ErrExtValue) {
				t.Errorf("error %v does not wrap ErrExtValue", err)
			}
		})
	}
	for _, s := range []string{"", "€ rates", "a'b%c\"d", "tab\there"} {
		enc, err := httpauth.EncodeExtValue(s)
		if err != nil {
			t.Fatalf("EncodeExtValue(%q) error: %v", s, err)
		}
		if dec, err := httpauth.DecodeExtValue(enc); dec != s || err != nil {
			t.Errorf("DecodeExtValue(EncodeExtValue(%q)) = %q, %v", s, dec, err)
		}
	}
	for _, s := range []string{"\xff", "a\r\nb", "\u0085"} {
		if _, err := httpauth.EncodeExtValue(s); err == nil {
			t.Errorf("EncodeExtValue(%q) succeeded", s)
		}
	}
}

func TestInfo(t *testing.T) {
	lines := []string{`nextnonce="abc", qop=auth`, `rspauth="d3b0", cnonce="x", nc=00000001`}
	got, err := wwwauth.ParseInfo(lines)
	if err != nil {
		t.Fatal(err)
	}
	want := []wwwauth.Param{{Name: "nextnonce", Value: "abc"}, {Name: "qop", Value: "auth"}, {Name: "rspauth", Value: "d3b0"}, {Name: "cnonce", Value: "x"}, {Name: "nc", Value: "00000001"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseInfo mismatch (-want +got):\n%s", diff)
	}
	const wire = `nextnonce="abc", qop=auth, rspauth="d3b0", cnonce="x", nc=00000001`
	h := http.Header{}
	if err := wwwauth.SetInfo(h, want...); err != nil || h.Get("Authentication-Info") != wire {
		t.Errorf("SetInfo: %v, header %q; want %q", err, h.Get("Authentication-Info"), wire)
	}
	if err := wwwauth.SetProxyInfo(h, want...); err != nil || h.Get("Proxy-Authentication-Info") != wire {
		t.Errorf("SetProxyInfo: %v, header %q; want %q", err, h.Get("Proxy-Authentication-Info"), wire)
	}
	for _, bad := range []struct {
		name  string
		lines []string
		cause error
	}{
		{"scheme", []string{"Digest a=b"}, grammar.ErrExpectedEquals},
		{"duplicate", []string{"a=1", "A=2"}, httpauth.ErrDuplicateParam},
		{"garbage", []string{"a=1, @"}, grammar.ErrExpectedParam},
	} {
		if _, err := wwwauth.ParseInfo(bad.lines); !errors.Is(err, bad.cause) {
			t.Errorf("ParseInfo(%q) error = %v, want %v", bad.lines, err, bad.cause)
		}
	}
	var rec testkit.Recorded
	got, err = (&wwwauth.Parser{Lenient: true, Recovered: rec.Func()}).ParseInfo([]string{"a=1 b=https://x, @, c"})
	if diff := cmp.Diff([]wwwauth.Param{{Name: "a", Value: "1"}, {Name: "b", Value: "https://x"}}, got); diff != "" || err != nil || rec.Calls != 1 || len(rec.Recoveries) == 0 {
		t.Errorf("lenient ParseInfo mismatch (-want +got), error %v, %d calls of Recovered with %d recoveries:\n%s", err, rec.Calls, len(rec.Recoveries), diff)
	}
	if err := wwwauth.SetInfo(h); err == nil {
		t.Errorf("SetInfo() of nothing succeeded")
	}
}
