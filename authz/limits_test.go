package authz_test

// Every limit of authz.Parser at its value and one past it, at the default
// and with no limit, strictly and leniently.

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

// limitsParams returns "p1=1, p2=2, …" with n parameters.
func limitsParams(n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "p" + strconv.Itoa(i+1) + "=" + strconv.Itoa(i+1)
	}
	return strings.Join(ps, ", ")
}

func TestLimitsCredentials(t *testing.T) {
	long := func(n int) string { return "Negotiate " + strings.Repeat("A", n-len("Negotiate ")) }
	tests := []struct {
		name  string
		p     authz.Parser // limits only; each test runs strict and lenient
		lines []string
		ok    bool
		// offset of the ErrTooLarge error (always on line 1) when !ok.
		offset int
	}{
		// MaxLength counts the bytes of the value, whitespace included
		// (trimming comes after the limit); the error is at the first
		// byte too many.
		{"length at limit", authz.Parser{MaxLength: 9}, []string{"Bearer ab"}, true, 0},
		{"length one past", authz.Parser{MaxLength: 9}, []string{"Bearer abc"}, false, 9},
		{"length counts OWS", authz.Parser{MaxLength: 9}, []string{" Bearer a "}, false, 9},
		{"length default", authz.Parser{}, []string{long(grammar.DefaultMaxLength)}, true, 0},
		{"length default one past", authz.Parser{}, []string{long(grammar.DefaultMaxLength + 1)}, false, grammar.DefaultMaxLength},
		{"length no limit", authz.Parser{MaxLength: -1}, []string{long(4 * grammar.DefaultMaxLength)}, true, 0},

		// MaxParams counts the parameters; the error is at the name of
		// the first one too many.
		{"params at limit", authz.Parser{MaxParams: 2}, []string{"X a=1, b=2"}, true, 0},
		{"params one past", authz.Parser{MaxParams: 2}, []string{"X a=1, b=2, c=3"}, false, 12},
		{"params: empty elements do not count", authz.Parser{MaxParams: 1}, []string{"X , a=1, ,"}, true, 0},
		{"params: a token68 is no parameter", authz.Parser{MaxParams: 1}, []string{"X abc=="}, true, 0},
		{"params default", authz.Parser{}, []string{"X " + limitsParams(grammar.DefaultMaxParams)}, true, 0},
		{"params default one past", authz.Parser{}, []string{"X " + limitsParams(grammar.DefaultMaxParams+1)},
			false, len("X " + limitsParams(grammar.DefaultMaxParams) + ", ")},
		{"params no limit", authz.Parser{MaxParams: -1}, []string{"X " + limitsParams(100*grammar.DefaultMaxParams)}, true, 0},

		// Both at once: the length is checked first.
		{"both at limit", authz.Parser{MaxLength: 10, MaxParams: 2}, []string{"X a=1, b=2"}, true, 0},
		{"length fits, params do not", authz.Parser{MaxLength: 10, MaxParams: 1}, []string{"X a=1, b=2"}, false, 7},
		{"length is checked first", authz.Parser{MaxLength: 9, MaxParams: 1}, []string{"X a=1, b=2"}, false, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lenient := range []bool{false, true} {
				p := tt.p
				p.Lenient = lenient
				for _, parse := range []struct {
					name string
					f    func() (authz.Credentials, error)
				}{
					{"ParseString", func() (authz.Credentials, error) { return p.ParseString(tt.lines[0]) }},
					{"ParseLines", func() (authz.Credentials, error) { return p.ParseLines(tt.lines) }},
				} {
					c, err := parse.f()
					if tt.ok {
						if err != nil {
							t.Errorf("%s lenient=%v: error %v, want none", parse.name, lenient, err)
						}
						continue
					}
					var se *httpauth.SyntaxError
					if !errors.As(err, &se) || !errors.Is(err, httpauth.ErrTooLarge) {
						t.Errorf("%s lenient=%v: error %v, want a *SyntaxError wrapping ErrTooLarge", parse.name, lenient, err)
						continue
					}
					if se.Line != 1 || se.Offset != tt.offset {
						t.Errorf("%s lenient=%v: error at line %d, offset %d; want line 1, offset %d", parse.name, lenient, se.Line, se.Offset, tt.offset)
					}
					if c.Scheme != "" || c.Token68 != "" || c.Params != nil {
						t.Errorf("%s lenient=%v: credentials %v together with a limit error", parse.name, lenient, c.Redacted())
					}
				}
			}
		})
	}
}

// TestDefaultLimitsAdmitRealCredentials justifies the defaults: each of
// these real field shapes parses, strictly, with the zero Parser.
func TestDefaultLimitsAdmitRealCredentials(t *testing.T) {
	for _, tt := range []struct{ name, value string }{
		// The largest Kerberos token Windows sends is MaxTokenSize,
		// 65535 bytes: 87380 bytes of base64 in a Negotiate token68.
		{"largest Kerberos ticket (MaxLength)", "Negotiate " + strings.Repeat("YIIB", 87380/4)},
		// RFC 7616, Section 3.9.2 with every parameter of Section 3.4,
		// the richest credentials defined by an RFC (12 parameters).
		{"every Digest parameter (MaxParams)", `Digest username="488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec", ` +
			`realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", ` +
			`nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, ` +
			`response="ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", ` +
			`userhash=true, charset=UTF-8`},
		// RFC 5849, Section 3.5.1: OAuth 1.0 with every protocol
		// parameter.
		{"every OAuth 1.0 parameter (MaxParams)", `OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", oauth_token="ad180jjd733klru7", ` +
			`oauth_signature_method="HMAC-SHA1", oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D", oauth_timestamp="137131200", ` +
			`oauth_nonce="4572616e48616d6d65724c61686176", oauth_version="1.0", oauth_callback="https%3A%2F%2Fclient.example.com%2Fcb", oauth_verifier="hfdp7dh39dks9884"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := authz.ParseString(tt.value)
			if err != nil {
				t.Fatalf("%d bytes: %v", len(tt.value), err)
			}
			t.Logf("%d bytes (default limit %d), %d parameters (%d)", len(tt.value), grammar.DefaultMaxLength, len(c.Params), grammar.DefaultMaxParams)
		})
	}
}

// TestLimitsRecoveries: a lenient parse lists the first MaxRecoveries
// recoveries and counts the others, the extra field lines included.
func TestLimitsRecoveries(t *testing.T) {
	const max = grammar.MaxRecoveries
	tests := []struct {
		name string
		// commas after a token68: each is a recovery ("expected end
		// of field").
		commas          int
		lines           int // field lines: each after the first is a recovery
		listed, omitted int
	}{
		{"one", 1, 1, 1, 0},
		{"at limit", max, 1, max, 0},
		{"one past", max + 1, 1, max, 1},
		{"far past", 100 * max, 1, max, 99 * max},
		{"a second line at limit", max - 1, 2, max, 0},
		{"a second line one past", max, 2, max, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec testkit.Recorded
			p := authz.Parser{Lenient: true, Recovered: rec.Func()}
			lines := []string{"Negotiate abc" + strings.Repeat(",", tt.commas)}
			for len(lines) < tt.lines {
				lines = append(lines, "Basic Og==")
			}
			c, err := p.ParseLines(lines)
			if err != nil || rec.Calls != 1 {
				t.Fatalf("error %v and %d calls of Recovered, want nil and one", err, rec.Calls)
			}
			if len(rec.Recoveries) != tt.listed || rec.Omitted != tt.omitted {
				t.Errorf("%d recoveries listed, %d omitted; want %d and %d", len(rec.Recoveries), rec.Omitted, tt.listed, tt.omitted)
			}
			if c.Scheme != "Negotiate" || c.Token68 != "abc" {
				t.Errorf("recovered %v, want Negotiate abc", c.Redacted())
			}
		})
	}
}
