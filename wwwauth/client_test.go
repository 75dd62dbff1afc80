package wwwauth_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// clientResponse builds a response with the given status and header lines.
func clientResponse(status int, kv ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return &http.Response{StatusCode: status, Header: h}
}

// TestParseResponse checks what a client reads from a response.
func TestParseResponse(t *testing.T) {
	const rm = "https://mcp.example.com/.well-known/oauth-protected-resource"
	tests := []struct {
		name       string
		comment    string
		resp       *http.Response
		wantRM     string
		wantRMErr  error // errors.Is target of ResourceMetadata
		wantScope  []string
		wantCode   wwwauth.ErrorCode
		wantNonce  string
		recoveries int
		challenges int
	}{
		{name: "mcp-401", comment: "the MCP first contact",
			resp:   clientResponse(401, "WWW-Authenticate", `Bearer resource_metadata="`+rm+`", scope="files:read"`),
			wantRM: rm, wantScope: []string{"files:read"}, challenges: 1},
		{name: "mcp-403", comment: "the MCP step-up",
			resp: clientResponse(403, "WWW-Authenticate",
				`Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="`+rm+`", error_description="Additional file write permission required"`),
			wantRM: rm, wantScope: []string{"files:read", "files:write"}, wantCode: wwwauth.CodeInsufficientScope, challenges: 1},
		{name: "no-rm", comment: "a plain RFC 6750 challenge: fall back to the well-known URL",
			resp:      clientResponse(401, "WWW-Authenticate", `Bearer realm="example"`),
			wantRMErr: wwwauth.ErrNoResourceMetadata, challenges: 1},
		{name: "no-field", comment: "a 401 without the field: no challenges, no error",
			resp:      clientResponse(401),
			wantRMErr: wwwauth.ErrNoResourceMetadata},
		{name: "basic-first", comment: "Bearer after Basic, on two lines; Basic's parameters do not count",
			resp: clientResponse(401, "WWW-Authenticate", `Basic realm="r", scope="basic-scope"`,
				"WWW-Authenticate", `Bearer scope="a", resource_metadata="`+rm+`"`),
			wantRM: rm, wantScope: []string{"a"}, challenges: 2},
		{name: "dpop-only", comment: "resource_metadata and the error from a DPoP challenge, with its nonce",
			resp: clientResponse(401, "WWW-Authenticate", `DPoP error="use_dpop_nonce", algs="ES256", resource_metadata="`+rm+`"`,
				"DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"),
			wantRM: rm, wantCode: wwwauth.CodeUseDPoPNonce, wantNonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v", challenges: 1},
		{name: "bearer-then-dpop", comment: "the first Bearer or DPoP challenge with the parameter wins",
			resp: clientResponse(401, "WWW-Authenticate",
				`Bearer realm="r", DPoP error="invalid_dpop_proof", algs="ES256", resource_metadata="`+rm+`"`),
			wantRM: rm, wantCode: wwwauth.CodeInvalidDPoPProof, challenges: 2},
		{name: "lenient", comment: "a sloppy header: comma after the scheme, unquoted URL, no commas between params",
			resp:   clientResponse(401, "WWW-Authenticate", `Bearer, resource_metadata=`+rm+` scope="a b"`),
			wantRM: rm, wantScope: []string{"a", "b"}, recoveries: 3, challenges: 1},
		{name: "insecure-rm", comment: "an http URL to a public host is refused",
			resp:      clientResponse(401, "WWW-Authenticate", `Bearer resource_metadata="http://mcp.example.com/m"`),
			wantRMErr: errParam, challenges: 1},
		{name: "proxy", comment: "a 407 reads Proxy-Authenticate, and ignores DPoP there",
			resp: clientResponse(407, "WWW-Authenticate", `Bearer scope="wrong"`,
				"Proxy-Authenticate", `DPoP resource_metadata="`+rm+`", Bearer scope="p"`),
			wantRMErr: wwwauth.ErrNoResourceMetadata, wantScope: []string{"p"}, challenges: 2},
		{name: "bad-nonce", comment: "a DPoP-Nonce with a space is not a nonce",
			resp:      clientResponse(401, "WWW-Authenticate", `DPoP algs="ES256"`, "DPoP-Nonce", "a b"),
			wantRMErr: wwwauth.ErrNoResourceMetadata, challenges: 1},
		{name: "two-nonces", comment: "nor are two",
			resp:      clientResponse(401, "WWW-Authenticate", `DPoP algs="ES256"`, "DPoP-Nonce", "a", "DPoP-Nonce", "b"),
			wantRMErr: wwwauth.ErrNoResourceMetadata, challenges: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := wwwauth.ParseResponse(tc.resp)
			if err != nil {
				t.Fatalf("%s: ParseResponse() error: %v", tc.comment, err)
			}
			if r.StatusCode != tc.resp.StatusCode || r.Proxy != (tc.resp.StatusCode == 407) {
				t.Errorf("%s: StatusCode, Proxy = %d, %v", tc.comment, r.StatusCode, r.Proxy)
			}
			if len(r.Challenges) != tc.challenges {
				t.Errorf("%s: %d challenges, want %d", tc.comment, len(r.Challenges), tc.challenges)
			}
			if len(r.Recoveries) != tc.recoveries {
				t.Errorf("%s: %d recoveries, want %d: %v", tc.comment, len(r.Recoveries), tc.recoveries, r.Recoveries)
			}
			rmURL, err := r.ResourceMetadata()
			if tc.wantRMErr != nil {
				if !errors.Is(err, tc.wantRMErr) && !(tc.wantRMErr == errParam && isParamError(err)) {
					t.Errorf("%s: ResourceMetadata() = %q, %v; want error %v", tc.comment, rmURL, err, tc.wantRMErr)
				}
			} else if err != nil || rmURL != tc.wantRM {
				t.Errorf("%s: ResourceMetadata() = %q, %v; want %q", tc.comment, rmURL, err, tc.wantRM)
			}
			scope, err := r.Scope()
			if err != nil {
				t.Errorf("%s: Scope() error: %v", tc.comment, err)
			}
			if diff := cmp.Diff(tc.wantScope, scope, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: Scope() mismatch (-want +got):\n%s", tc.comment, diff)
			}
			code, err := r.ErrorCode()
			if err != nil || code != tc.wantCode {
				t.Errorf("%s: ErrorCode() = %q, %v; want %q", tc.comment, code, err, tc.wantCode)
			}
			if r.DPoPNonce != tc.wantNonce {
				t.Errorf("%s: DPoPNonce = %q, want %q", tc.comment, r.DPoPNonce, tc.wantNonce)
			}
		})
	}
}

// TestParseResponseStrict checks that a strict Parser reports what the
// lenient default recovers from, and that a nil response is an error.
func TestParseResponseStrict(t *testing.T) {
	resp := clientResponse(401, "WWW-Authenticate", `Bearer, error="invalid_token"`)
	var p wwwauth.Parser
	if _, err := p.ParseResponse(resp); !errors.Is(err, grammar.ErrStrayParam) {
		t.Errorf("strict ParseResponse() error = %v, want ErrStrayParam", err)
	}
	r, err := wwwauth.ParseResponse(resp)
	if err != nil || len(r.Recoveries) != 1 || !errors.Is(r.Recoveries[0].Err, grammar.ErrStrayParam) {
		t.Errorf("lenient ParseResponse() = %+v, %v; want one ErrStrayParam recovery", r, err)
	}
	if _, err := wwwauth.ParseResponse(nil); err == nil {
		t.Error("ParseResponse(nil) succeeded")
	}
}

// TestResponseTyped checks the typed accessors of a Response.
func TestResponseTyped(t *testing.T) {
	r, err := wwwauth.ParseResponse(clientResponse(401, "WWW-Authenticate",
		`Basic realm="r", Bearer realm="b1", Bearer realm="b2", DPoP algs="ES256 EdDSA"`))
	if err != nil {
		t.Fatal(err)
	}
	b, ok, err := r.Bearer()
	if !ok || err != nil {
		t.Fatalf("Bearer() = %v, %v, %v", b, ok, err)
	}
	if diff := cmp.Diff(wwwauth.Bearer{Realm: "b1"}, b); diff != "" {
		t.Errorf("Bearer() mismatch (-want +got):\n%s", diff)
	}
	if n := len(wwwauth.Find(r.Challenges, "bearer")); n != 2 {
		t.Errorf("Find(bearer) found %d, want 2", n)
	}
	d, ok, err := r.DPoP()
	if !ok || err != nil {
		t.Fatalf("DPoP() = %v, %v, %v", d, ok, err)
	}
	if diff := cmp.Diff(wwwauth.DPoP{Algs: []string{"ES256", "EdDSA"}}, d); diff != "" {
		t.Errorf("DPoP() mismatch (-want +got):\n%s", diff)
	}

	r, _ = wwwauth.ParseResponse(clientResponse(401, "WWW-Authenticate", `Bearer scope="a\\b", error="x\\y"`))
	if _, _, err := r.Bearer(); !isParamError(err) {
		t.Errorf("Bearer() of a bad scope: error %v, want a *httpauth.ParamError", err)
	}
	if _, err := r.Scope(); !isParamError(err) {
		t.Errorf("Scope() of a bad scope: error %v, want a *httpauth.ParamError", err)
	}
	if _, err := r.ErrorCode(); !isParamError(err) {
		t.Errorf("ErrorCode() of a bad error: error %v, want a *httpauth.ParamError", err)
	}
	if _, ok, _ := r.DPoP(); ok {
		t.Error("DPoP() found a challenge in a list without one")
	}
}

// errParam stands, in a table, for "a *httpauth.ParamError".
var errParam = errors.New("a *httpauth.ParamError")

// isParamError reports whether err is or wraps a *httpauth.ParamError.
func isParamError(err error) bool {
	var pe *httpauth.ParamError
	return errors.As(err, &pe)
}

// TestOneReadingOfExtValues: every reader of this package takes an RFC 8187
// name* over name, as Challenge.Param does.
func TestOneReadingOfExtValues(t *testing.T) {
	const field = `Bearer resource_metadata="https://a.example/old", ` +
		`resource_metadata*=UTF-8''https%3A%2F%2Fb.example%2Fnew, scope="old", scope*=UTF-8''new%20x`
	const wantRM = "https://b.example/new"
	wantScope := []string{"new", "x"}

	cs, err := wwwauth.ParseString(field)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := cs[0].Param("resource_metadata"); v != wantRM {
		t.Errorf("Challenge.Param = %q, want %q", v, wantRM)
	}
	if v, _, err := wwwauth.Lookup([]string{field}, "Bearer", "resource_metadata"); v != wantRM || err != nil {
		t.Errorf("Lookup = %q, %v; want %q", v, err, wantRM)
	}
	b, err := wwwauth.ParseBearer(cs[0])
	if err != nil || b.ResourceMetadata != wantRM {
		t.Errorf("ParseBearer: ResourceMetadata %q, %v; want %q", b.ResourceMetadata, err, wantRM)
	}
	if diff := cmp.Diff(wantScope, b.Scope); diff != "" {
		t.Errorf("ParseBearer: Scope mismatch (-want +got):\n%s", diff)
	}
	r, err := wwwauth.ParseResponse(clientResponse(401, "WWW-Authenticate", field))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.ResourceMetadata(); v != wantRM || err != nil {
		t.Errorf("Response.ResourceMetadata = %q, %v; want %q", v, err, wantRM)
	}
	scope, err := r.Scope()
	if diff := cmp.Diff(wantScope, scope); diff != "" || err != nil {
		t.Errorf("Response.Scope error %v, mismatch (-want +got):\n%s", err, diff)
	}
}
