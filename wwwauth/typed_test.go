package wwwauth_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/wwwauth"
)

func typedIntPtr(n int) *int { return &n }

// typedCase is a typed model, the wire form its Challenge gives, or the
// parameter its Challenge refuses.
type typedCase struct {
	name    string
	comment string
	in      interface {
		Challenge() (wwwauth.Challenge, error)
	}
	want    string // wire form; "" if an error is expected
	badName string // ParamError.Name expected; "" for an error without one
}

var typedCases = []typedCase{
	// Bearer: RFC 6750, RFC 9728, RFC 9470.
	{name: "bearer/zero", comment: "RFC 6750, Section 3: the scheme MUST be followed by one or more auth-param values",
		in: wwwauth.Bearer{}},
	{name: "bearer/only-empty", comment: "empty fields are not sent, so they do not count",
		in: wwwauth.Bearer{Scope: []string{}, Other: []wwwauth.Param{}}},
	{name: "bearer/rfc6750-realm", comment: "RFC 6750, Section 3: a request without credentials",
		in: wwwauth.Bearer{Realm: "example"}, want: `Bearer realm="example"`},
	{name: "bearer/rfc6750-expired", comment: "RFC 6750, Section 3: an expired token",
		in:   wwwauth.Bearer{Realm: "example", Error: wwwauth.CodeInvalidToken, ErrorDescription: "The access token expired"},
		want: `Bearer realm="example", error="invalid_token", error_description="The access token expired"`},
	{name: "bearer/mcp-401", comment: "MCP: the first 401 points to the metadata and hints at scopes",
		in:   wwwauth.Bearer{Scope: []string{"files:read"}, ResourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource"},
		want: `Bearer scope="files:read", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"`},
	{name: "bearer/mcp-step-up", comment: "MCP 2025-11-25: 403 insufficient_scope asks for more scopes",
		in: wwwauth.Bearer{Scope: []string{"files:read", "files:write", "user:profile"}, Error: wwwauth.CodeInsufficientScope,
			ErrorDescription: "Additional file write permission required", ResourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource"},
		want: `Bearer scope="files:read files:write user:profile", error="insufficient_scope", error_description="Additional file write permission required", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"`},
	{name: "bearer/rfc9470-acr", comment: "RFC 9470, Section 3: a different authentication level",
		in:   wwwauth.Bearer{Error: wwwauth.CodeInsufficientUserAuthentication, ErrorDescription: "A different authentication level is required", ACRValues: []string{"myACR"}},
		want: `Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"`},
	{name: "bearer/rfc9470-max-age", comment: "RFC 9470, Section 3: a more recent authentication; every Bearer value is quoted",
		in:   wwwauth.Bearer{Error: wwwauth.CodeInsufficientUserAuthentication, MaxAge: typedIntPtr(5)},
		want: `Bearer error="insufficient_user_authentication", max_age="5"`},
	{name: "bearer/max-age-zero", comment: "max_age=0 asks for a fresh authentication and must survive",
		in: wwwauth.Bearer{MaxAge: typedIntPtr(0)}, want: `Bearer max_age="0"`},
	{name: "bearer/order", comment: "every field, in the documented order, then Other",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "x", Value: "1"}}, ACRValues: []string{"a", "b"}, MaxAge: typedIntPtr(60),
			ResourceMetadata: "http://127.0.0.1:8080/.well-known/oauth-protected-resource", ErrorURI: "https://e.example/err",
			ErrorDescription: "d", Error: "e", Scope: []string{"s"}, Realm: "r"},
		want: `Bearer realm="r", scope="s", error="e", error_description="d", error_uri="https://e.example/err", resource_metadata="http://127.0.0.1:8080/.well-known/oauth-protected-resource", max_age="60", acr_values="a b", x="1"`},
	{name: "bearer/realm-escaped", comment: "realm is free text; quoted-pairs escape DQUOTE and backslash",
		in: wwwauth.Bearer{Realm: `a "b" \c`}, want: `Bearer realm="a \"b\" \\c"`},
	{name: "bearer/localhost-http", comment: "http is allowed on localhost, in any case",
		in: wwwauth.Bearer{ResourceMetadata: "http://LocalHost:3000/m"}, want: `Bearer resource_metadata="http://LocalHost:3000/m"`},
	{name: "bearer/ipv6-loopback", comment: "and on ::1",
		in: wwwauth.Bearer{ResourceMetadata: "http://[::1]:3000/m"}, want: `Bearer resource_metadata="http://[::1]:3000/m"`},
	{name: "bearer/bad-scope-space", comment: "a scope-token holds no SP",
		in: wwwauth.Bearer{Scope: []string{"a b"}}, badName: "scope"},
	{name: "bearer/bad-scope-empty", comment: "nor is it empty",
		in: wwwauth.Bearer{Scope: []string{"a", ""}}, badName: "scope"},
	{name: "bearer/bad-scope-dquote", comment: `%x22 is outside the scope-token set`,
		in: wwwauth.Bearer{Scope: []string{`a"b`}}, badName: "scope"},
	{name: "bearer/bad-scope-utf8", comment: "so is any non-ASCII byte",
		in: wwwauth.Bearer{Scope: []string{"é"}}, badName: "scope"},
	{name: "bearer/bad-error-backslash", comment: "error is NQSCHAR: no backslash",
		in: wwwauth.Bearer{Error: `a\b`}, badName: "error"},
	{name: "bearer/bad-description-utf8", comment: "error_description is ASCII",
		in: wwwauth.Bearer{ErrorDescription: "expiré"}, badName: "error_description"},
	{name: "bearer/bad-description-crlf", comment: "and above all holds no CR LF",
		in: wwwauth.Bearer{ErrorDescription: "a\r\nSet-Cookie: x=y"}, badName: "error_description"},
	{name: "bearer/bad-error-uri-space", comment: "a URI-reference holds no SP",
		in: wwwauth.Bearer{ErrorURI: "https://e.example/a b"}, badName: "error_uri"},
	{name: "bearer/bad-rm-http", comment: "resource_metadata over plain http to a public host",
		in: wwwauth.Bearer{ResourceMetadata: "http://mcp.example.com/m"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-localhost-suffix", comment: "names under .localhost are not loopback for us",
		in: wwwauth.Bearer{ResourceMetadata: "http://a.localhost/m"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-relative", comment: "resource_metadata is absolute",
		in: wwwauth.Bearer{ResourceMetadata: "/.well-known/oauth-protected-resource"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-fragment", comment: "no fragment (RFC 9728, Section 3), even an empty one",
		in: wwwauth.Bearer{ResourceMetadata: "https://mcp.example.com/m#"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-userinfo", comment: "no userinfo",
		in: wwwauth.Bearer{ResourceMetadata: "https://u:p@mcp.example.com/m"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-ftp", comment: "no other scheme",
		in: wwwauth.Bearer{ResourceMetadata: "ftp://mcp.example.com/m"}, badName: "resource_metadata"},
	{name: "bearer/bad-rm-opaque", comment: "https: without // has no host",
		in: wwwauth.Bearer{ResourceMetadata: "https:mcp.example.com"}, badName: "resource_metadata"},
	{name: "bearer/bad-max-age-negative", comment: "max_age is non-negative",
		in: wwwauth.Bearer{MaxAge: typedIntPtr(-1)}, badName: "max_age"},
	{name: "bearer/bad-max-age-large", comment: "and at most nine digits",
		in: wwwauth.Bearer{MaxAge: typedIntPtr(1000000000)}, badName: "max_age"},
	{name: "bearer/bad-acr", comment: "acr_values elements are NQCHAR",
		in: wwwauth.Bearer{ACRValues: []string{"a b"}}, badName: "acr_values"},
	{name: "bearer/bad-realm-ctl", comment: "realm holds no control character",
		in: wwwauth.Bearer{Realm: "a\nb"}, badName: "realm"},
	{name: "bearer/bad-other-realm", comment: "a second realm through Other: realm occurs at most once",
		in: wwwauth.Bearer{Realm: "a", Other: []wwwauth.Param{{Name: "REALM", Value: "b"}}}, badName: "REALM"},
	{name: "bearer/bad-other-typed-absent", comment: "a typed name in Other, even with the field empty",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "scope", Value: "b"}}}, badName: "scope"},
	{name: "bearer/bad-other-star", comment: "scope* would shadow scope for Challenge.Param",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "scope*", Value: "UTF-8''b"}}}, badName: "scope*"},
	{name: "bearer/bad-other-dup", comment: "Other names are unique, case-insensitively",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "x", Value: "1"}, {Name: "X", Value: "2"}}}, badName: "X"},
	{name: "bearer/bad-other-name", comment: "an Other name that is not a token is named by index, not echoed",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "a\r\nb", Value: "1"}}}, badName: "Other[0]"},
	{name: "bearer/bad-other-value", comment: "an Other value with a control character",
		in: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "x", Value: "\x00"}}}, badName: "x"},

	// DPoP: RFC 9449, Section 7.1.
	{name: "dpop/rfc9449-figure15", comment: "RFC 9449, Figure 15",
		in: wwwauth.DPoP{Algs: []string{"ES256", "PS256"}}, want: `DPoP algs="ES256 PS256"`},
	{name: "dpop/rfc9449-figure16", comment: "RFC 9449, Figure 16",
		in:   wwwauth.DPoP{Error: wwwauth.CodeInvalidToken, ErrorDescription: "Invalid DPoP key binding", Algs: []string{"ES256"}},
		want: `DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256"`},
	{name: "dpop/order", comment: "every field in the documented order",
		in: wwwauth.DPoP{ResourceMetadata: "https://r.example/m", Algs: []string{"EdDSA"}, ErrorURI: "u", ErrorDescription: "d",
			Error: wwwauth.CodeUseDPoPNonce, Scope: []string{"s"}, Realm: "r", Other: []wwwauth.Param{{Name: "y", Value: "2"}}},
		want: `DPoP realm="r", scope="s", error="use_dpop_nonce", error_description="d", error_uri="u", algs="EdDSA", resource_metadata="https://r.example/m", y="2"`},
	{name: "dpop/bad-algs", comment: "an alg holds no SP",
		in: wwwauth.DPoP{Algs: []string{"ES 256"}}, badName: "algs"},
	{name: "dpop/bad-other-algs", comment: "algs through Other",
		in: wwwauth.DPoP{Other: []wwwauth.Param{{Name: "Algs", Value: "x"}}}, badName: "Algs"},

	// Basic: RFC 7617, Section 2.
	{name: "basic/rfc7617", comment: "RFC 7617, Section 2.1 (charset is a token when it can be)",
		in: wwwauth.Basic{Realm: "foo", Charset: "UTF-8"}, want: `Basic realm="foo", charset=UTF-8`},
	{name: "basic/charset-case", comment: "charset is matched case-insensitively and sent as given",
		in: wwwauth.Basic{Realm: "foo", Charset: "utf-8"}, want: `Basic realm="foo", charset=utf-8`},
	{name: "basic/bad-no-realm", comment: "RFC 7617 requires realm",
		in: wwwauth.Basic{}, badName: "realm"},
	{name: "basic/bad-charset", comment: "only UTF-8",
		in: wwwauth.Basic{Realm: "foo", Charset: "ISO-8859-1"}, badName: "charset"},

	// Digest: RFC 7616, Section 3.3.
	{name: "digest/rfc7616-3.9.1", comment: "RFC 7616, Section 3.9.1, in our order; qop quoted, algorithm not",
		in: wwwauth.Digest{Realm: "http-auth@example.org", QOP: []string{"auth", "auth-int"}, Algorithm: "SHA-256",
			Nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", Opaque: "FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU"},
		want: `Digest realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU", algorithm=SHA-256, qop="auth, auth-int"`},
	{name: "digest/all", comment: "every field: domain, nonce, opaque and qop quoted even as tokens; stale, algorithm, charset, userhash never",
		in: wwwauth.Digest{Realm: "r", Domain: []string{"/a", "https://b.example/"}, Nonce: "n", Opaque: "o", Stale: true,
			Algorithm: "SHA-512-256-sess", QOP: []string{"auth"}, Charset: "UTF-8", Userhash: true, Other: []wwwauth.Param{{Name: "z", Value: "1"}}},
		want: `Digest realm="r", domain="/a https://b.example/", nonce="n", opaque="o", stale=true, algorithm=SHA-512-256-sess, qop="auth", charset=UTF-8, userhash=true, z=1`},
	{name: "digest/empty-realm", comment: "Digest always sends realm, an input of the hash",
		in: wwwauth.Digest{Nonce: "n"}, want: `Digest realm="", nonce="n"`},
	{name: "digest/bad-nonce", comment: "nonce is required",
		in: wwwauth.Digest{Realm: "r"}, badName: "nonce"},
	{name: "digest/bad-algorithm", comment: "algorithm is a token",
		in: wwwauth.Digest{Nonce: "n", Algorithm: "SHA 256"}, badName: "algorithm"},
	{name: "digest/bad-qop", comment: "qop elements are tokens",
		in: wwwauth.Digest{Nonce: "n", QOP: []string{"auth,int"}}, badName: "qop"},
	{name: "digest/bad-domain", comment: "domain elements hold no SP",
		in: wwwauth.Digest{Nonce: "n", Domain: []string{"/a /b"}}, badName: "domain"},
	{name: "digest/bad-charset", comment: "only UTF-8",
		in: wwwauth.Digest{Nonce: "n", Charset: "latin1"}, badName: "charset"},
	{name: "digest/bad-other-stale", comment: "stale through Other",
		in: wwwauth.Digest{Nonce: "n", Other: []wwwauth.Param{{Name: "stale", Value: "TRUE"}}}, badName: "stale"},
}

// TestTypedChallenge checks the wire form of each typed model, that it
// parses back to the model, and what each refuses.
func TestTypedChallenge(t *testing.T) {
	for _, tc := range typedCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.in.Challenge()
			if tc.want == "" {
				var pe *httpauth.ParamError
				var fe *httpauth.FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("%s: Challenge() = %v, %v; want a *FormatError", tc.comment, c, err)
				}
				if tc.badName == "" {
					return
				}
				if !errors.As(err, &pe) {
					t.Fatalf("%s: Challenge() error = %v; want a *FormatError wrapping a *ParamError", tc.comment, err)
				}
				if pe.Name != tc.badName {
					t.Errorf("%s: ParamError.Name = %q, want %q", tc.comment, pe.Name, tc.badName)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: Challenge() error: %v", tc.comment, err)
			}
			if got := c.String(); got != tc.want {
				t.Errorf("%s:\nChallenge().String() = %s\nwant                 %s", tc.comment, got, tc.want)
			}
			cs, err := wwwauth.ParseString(tc.want)
			if err != nil || len(cs) != 1 {
				t.Fatalf("%s: ParseString(%s) = %v, %v", tc.comment, tc.want, cs, err)
			}
			back, err := typedParse(tc.in, cs[0])
			if err != nil {
				t.Fatalf("%s: parse back: %v", tc.comment, err)
			}
			if diff := cmp.Diff(tc.in, back); diff != "" {
				t.Errorf("%s: Parse(Challenge()) mismatch (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
}

// typedParse parses c with the Parse function of model's type.
func typedParse(model any, c wwwauth.Challenge) (any, error) {
	switch model.(type) {
	case wwwauth.Bearer:
		return wwwauth.ParseBearer(c)
	case wwwauth.DPoP:
		return wwwauth.ParseDPoP(c)
	case wwwauth.Basic:
		return wwwauth.ParseBasic(c)
	case wwwauth.Digest:
		return wwwauth.ParseDigest(c)
	}
	panic("unknown model")
}

// TestParseTyped checks the typed parsers on challenges servers send,
// tolerances and refusals included.
func TestParseTyped(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		in      string // one challenge, parsed leniently
		want    any    // the typed model; nil if an error is expected
		wantErr error  // errors.Is target
		badName string // ParamError.Name, if a ParamError is expected
		model   any    // the zero model, to pick the parser
	}{
		{name: "bearer/case", comment: "scheme and names are case-insensitive",
			in: `bEARER REALM="r", Scope="a b", ERROR="invalid_token"`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Realm: "r", Scope: []string{"a", "b"}, Error: wwwauth.CodeInvalidToken}},
		{name: "bearer/tokens", comment: "unquoted values are the same values",
			in: `Bearer error=invalid_token, max_age=05`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Error: wwwauth.CodeInvalidToken, MaxAge: typedIntPtr(5)}},
		{name: "bearer/scope-spaces", comment: "runs of SP in scope are tolerated",
			in: `Bearer scope="  a   b "`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Scope: []string{"a", "b"}}},
		{name: "bearer/empty-values", comment: "empty values read as absent",
			in: `Bearer realm="", scope="", error="", error_uri="/e"`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{ErrorURI: "/e"}},
		{name: "bearer/empty-values-only", comment: "RFC 6750, Section 3: nothing left is no Bearer challenge Challenge() could write",
			in: `Bearer realm="", scope=""`, model: wwwauth.Bearer{}, wantErr: wwwauth.ErrBearerNoParams},
		{name: "bearer/bare", comment: "RFC 6750, Section 3: the scheme MUST be followed by one or more auth-param values",
			in: `Bearer`, model: wwwauth.Bearer{}, wantErr: wwwauth.ErrBearerNoParams},
		{name: "bearer/description-utf8", comment: "RFC 6750, Section 3: error_description is %x20-21 / %x23-5B / %x5D-7E",
			in: "Bearer error=\"invalid_token\", error_description=\"jeton expiré\"", model: wwwauth.Bearer{}, badName: "error_description"},
		{name: "bearer/description-quote", comment: "not even an escaped DQUOTE",
			in: `Bearer error="invalid_token", error_description="a \"b\""`, model: wwwauth.Bearer{}, badName: "error_description"},
		{name: "bearer/other", comment: "unknown parameters go to Other in order",
			in: `Bearer b=2, x*=UTF-8''x, a=1`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Other: []wwwauth.Param{{Name: "b", Value: "2"}, {Name: "x*", Value: "UTF-8''x"}, {Name: "a", Value: "1"}}}},
		{name: "bearer/ext-value", comment: "RFC 8187: the decoded scope* wins over scope, as Challenge.Param reads it",
			in: `Bearer scope="old", scope*=UTF-8''files%3Aread%20b`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Scope: []string{"files:read", "b"}}},
		{name: "bearer/ext-value-undecodable", comment: "an undecodable scope* falls back to scope, and is dropped",
			in: `Bearer scope="old", scope*=Shift_JIS''x`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{Scope: []string{"old"}}},
		{name: "bearer/ext-value-checked", comment: "the decoded value follows the field's rules",
			in: `Bearer scope*=UTF-8''caf%C3%A9`, model: wwwauth.Bearer{}, badName: "scope"},
		{name: "dpop/algs-none", comment: "RFC 9449, Section 4.3: none is no proof algorithm",
			in: `DPoP algs="ES256 none"`, model: wwwauth.DPoP{}, badName: "algs"},
		{name: "dpop/algs-hs", comment: "nor a symmetric one, in any case",
			in: `DPoP algs="hs256"`, model: wwwauth.DPoP{}, badName: "algs"},
		{name: "bearer/lenient-unquoted-url", comment: "a lenient parse recovers an unquoted URL, which then passes the https rule",
			in: `Bearer resource_metadata=https://r.example/.well-known/oauth-protected-resource`, model: wwwauth.Bearer{},
			want: wwwauth.Bearer{ResourceMetadata: "https://r.example/.well-known/oauth-protected-resource"}},
		{name: "bearer/other-scheme", comment: "another scheme",
			in: `Basic realm="r"`, model: wwwauth.Bearer{}, wantErr: wwwauth.ErrScheme},
		{name: "bearer/token68", comment: "Bearer challenges take auth-params",
			in: `Bearer abc==`, model: wwwauth.Bearer{}, wantErr: wwwauth.ErrUnexpectedToken68},
		{name: "bearer/rm-http", comment: "a client must not fetch metadata over http from a public host",
			in: `Bearer resource_metadata="http://evil.example/m"`, model: wwwauth.Bearer{}, badName: "resource_metadata"},
		{name: "bearer/bad-scope", comment: "a scope-token with a backslash (quoted-pair) is refused",
			in: `Bearer scope="a\\b"`, model: wwwauth.Bearer{}, badName: "scope"},
		{name: "bearer/bad-error", comment: "an error code with non-ASCII is garbage",
			in: "Bearer error=\"invalid_t\u00f6ken\"", model: wwwauth.Bearer{}, badName: "error"},
		{name: "bearer/bad-max-age", comment: "max_age is digits",
			in: `Bearer max_age="5s"`, model: wwwauth.Bearer{}, badName: "max_age"},
		{name: "bearer/bad-max-age-long", comment: "of at most nine significant digits",
			in: `Bearer max_age="0001000000000"`, model: wwwauth.Bearer{}, badName: "max_age"},
		{name: "bearer/bad-error-uri", comment: "error_uri must parse",
			in: `Bearer error_uri="%zz"`, model: wwwauth.Bearer{}, badName: "error_uri"},
		{name: "dpop/figure16", comment: "RFC 9449, Figure 16",
			in: `DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256"`, model: wwwauth.DPoP{},
			want: wwwauth.DPoP{Error: wwwauth.CodeInvalidToken, ErrorDescription: "Invalid DPoP key binding", Algs: []string{"ES256"}}},
		{name: "dpop/bearer", comment: "a Bearer challenge is not DPoP",
			in: `Bearer algs="ES256"`, model: wwwauth.DPoP{}, wantErr: wwwauth.ErrScheme},
		{name: "basic/no-realm", comment: "RFC 7617, Section 2: the realm is required",
			in: `Basic`, model: wwwauth.Basic{}, badName: "realm"},
		{name: "basic/charset", comment: "charset quoted or not, any case",
			in: `Basic realm="r", charset="utf-8"`, model: wwwauth.Basic{}, want: wwwauth.Basic{Realm: "r", Charset: "utf-8"}},
		{name: "basic/bad-charset", comment: "a charset a client cannot honour",
			in: `Basic realm="r", charset="ISO-8859-1"`, model: wwwauth.Basic{}, badName: "charset"},
		{name: "digest/rfc7616", comment: "RFC 7616, Section 3.9.1, as written there",
			in:    `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU"`,
			model: wwwauth.Digest{},
			want: wwwauth.Digest{Realm: "http-auth@example.org", QOP: []string{"auth", "auth-int"}, Algorithm: "SHA-256",
				Nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", Opaque: "FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU"}},
		{name: "digest/stale-case", comment: "stale and userhash are case-insensitive; qop tolerates empty elements",
			in: `Digest nonce="n", stale=TRUE, userhash="True", qop=",auth ,, auth-int,"`, model: wwwauth.Digest{},
			want: wwwauth.Digest{Nonce: "n", Stale: true, Userhash: true, QOP: []string{"auth", "auth-int"}}},
		{name: "digest/stale-other", comment: "stale other than true means false (RFC 7616, Section 3.3)",
			in: `Digest nonce="n", stale=maybe`, model: wwwauth.Digest{}, want: wwwauth.Digest{Nonce: "n"}},
		{name: "digest/no-nonce", comment: "without a nonce a client cannot answer",
			in: `Digest realm="r"`, model: wwwauth.Digest{}, badName: "nonce"},
		{name: "digest/bad-userhash", comment: "userhash is true or false",
			in: `Digest nonce="n", userhash=yes`, model: wwwauth.Digest{}, badName: "userhash"},
		{name: "digest/bad-qop", comment: "qop elements are tokens",
			in: `Digest nonce="n", qop="auth int"`, model: wwwauth.Digest{}, badName: "qop"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := wwwauth.Parser{Lenient: true}
			cs, _ := p.ParseString(tc.in)
			if len(cs) != 1 {
				t.Fatalf("%s: lenient ParseString(%q) gave %d challenges", tc.comment, tc.in, len(cs))
			}
			got, err := typedParse(tc.model, cs[0])
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
					t.Errorf("%s: Parse() mismatch (-want +got):\n%s", tc.comment, diff)
				}
			}
			if err != nil {
				if diff := cmp.Diff(tc.model, got); diff != "" {
					t.Errorf("%s: on error, Parse() returned a non-zero model (-want +got):\n%s", tc.comment, diff)
				}
			}
		})
	}
}

// TestParseTypedDuplicate checks that a hand-built challenge with a typed
// parameter twice is refused, and that the error does not echo a name
// that is not a token.
func TestParseTypedDuplicate(t *testing.T) {
	tests := []struct {
		name     string
		comment  string
		params   []wwwauth.Param
		wantName string
	}{
		{name: "typed", comment: "error twice, in different cases",
			params: []wwwauth.Param{{Name: "error", Value: "a"}, {Name: "Error", Value: "b"}}, wantName: "error"},
		{name: "other", comment: "an unknown name twice",
			params: []wwwauth.Param{{Name: "x", Value: "a"}, {Name: "x", Value: "b"}}, wantName: "x"},
		{name: "invalid", comment: "a name with CR LF is not echoed",
			params: []wwwauth.Param{{Name: "a\r\nb", Value: "a"}, {Name: "a\r\nb", Value: "b"}}, wantName: "(invalid name)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := wwwauth.ParseBearer(wwwauth.Challenge{Scheme: "Bearer", Params: tc.params})
			var pe *httpauth.ParamError
			if !errors.As(err, &pe) || pe.Name != tc.wantName {
				t.Errorf("%s: ParseBearer() error = %v, want a *ParamError for %q", tc.comment, err, tc.wantName)
			}
		})
	}
}

// TestErrorCodeStatus checks the status code of each error code.
func TestErrorCodeStatus(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		code    wwwauth.ErrorCode
		want    int
	}{
		{name: "invalid_request", comment: "RFC 6750, Section 3.1", code: wwwauth.CodeInvalidRequest, want: 400},
		{name: "invalid_token", comment: "RFC 6750, Section 3.1", code: wwwauth.CodeInvalidToken, want: 401},
		{name: "insufficient_scope", comment: "RFC 6750, Section 3.1", code: wwwauth.CodeInsufficientScope, want: 403},
		{name: "invalid_dpop_proof", comment: "RFC 9449, Section 7.1", code: wwwauth.CodeInvalidDPoPProof, want: 401},
		{name: "use_dpop_nonce", comment: "RFC 9449, Section 9", code: wwwauth.CodeUseDPoPNonce, want: 401},
		{name: "insufficient_user_authentication", comment: "RFC 9470, Section 3", code: wwwauth.CodeInsufficientUserAuthentication, want: 401},
		{name: "unknown", comment: "an unknown code has no status", code: "server_error", want: 0},
		{name: "empty", comment: "nor has no code", code: "", want: 0},
		{name: "case", comment: "codes are case-sensitive", code: "INVALID_TOKEN", want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.code.Status(); got != tc.want {
				t.Errorf("%s: %q.Status() = %d, want %d", tc.comment, tc.code, got, tc.want)
			}
		})
	}
}

// TestParamErrorHoldsNoValue checks that refusing a value never echoes it.
func TestParamErrorHoldsNoValue(t *testing.T) {
	const secret = "s3cr3t-VALUE"
	models := []struct {
		name string
		in   interface {
			Challenge() (wwwauth.Challenge, error)
		}
	}{
		{name: "scope", in: wwwauth.Bearer{Scope: []string{secret + " x"}}},
		{name: "error_description", in: wwwauth.Bearer{ErrorDescription: secret + "\n"}},
		{name: "resource_metadata", in: wwwauth.Bearer{ResourceMetadata: "http://" + secret + ".example/"}},
		{name: "realm", in: wwwauth.Basic{Realm: secret + "\x00"}},
		{name: "other", in: wwwauth.Digest{Nonce: "n", Other: []wwwauth.Param{{Name: "nonce", Value: secret}}}},
	}
	for _, m := range models {
		t.Run(m.name, func(t *testing.T) {
			_, err := m.in.Challenge()
			if err == nil {
				t.Fatal("Challenge() accepted an invalid value")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("Challenge() error %q holds the value", err)
			}
		})
	}
}
