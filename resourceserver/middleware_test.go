package resourceserver_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

const mwRM = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"

// The tokens of the test verifier. Each is distinctive, so that a test can
// look for it in every byte the middleware writes.
const (
	mwGood      = "tok-good-7f1c9e"
	mwNarrow    = "tok-narrow-2b8d"
	mwExpired   = "tok-expired-5e0a"
	mwRevoked   = "tok-revoked-c41d"
	mwDescribed = "tok-described-99aa"
	mwLeaky     = "tok-leaky-3f3f"
	mwOutage    = "tok-outage-d00d"
	mwBound     = "tok-bound-6a6a"
)

// mwVerify is the test VerifyFunc.
func mwVerify(r *http.Request, token string) (resourceserver.TokenInfo, error) {
	all := []string{"mcp:read", "mcp:write"}
	switch token {
	case mwGood:
		return resourceserver.TokenInfo{Scopes: append(all, "other"), Subject: "alice", Expiry: time.Now().Add(time.Hour)}, nil
	case mwNarrow:
		return resourceserver.TokenInfo{Scopes: []string{"mcp:read"}, Subject: "bob"}, nil
	case mwExpired:
		return resourceserver.TokenInfo{Scopes: all, Expiry: time.Now().Add(-time.Second)}, nil
	case mwDescribed:
		return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: "The access token expired"}
	case mwLeaky:
		return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: "token " + token + " is unknown"}
	case mwOutage:
		return resourceserver.TokenInfo{}, fmt.Errorf("introspection of %s: connection refused", token)
	case mwBound:
		return resourceserver.TokenInfo{Scopes: all, Subject: "carol", DPoPThumbprint: "jkt-1"}, nil
	}
	return resourceserver.TokenInfo{}, fmt.Errorf("unknown token: %w", resourceserver.ErrInvalidToken)
}

// mwProof returns a DPoP proof whose JOSE header is header and whose
// signature part is sig; the test proof verifier acts on sig.
func mwProof(header, sig string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(`{"htm":"GET"}`)) + "." + sig
}

const mwJOSE = `{"typ":"dpop+jwt","alg":"ES256","jwk":` + mwJWK + `}`

// mwJWK is the jwk of mwJOSE, as sent.
const mwJWK = `{"kty":"EC","crv":"P-256","x":"x","y":"y"}`

// mwVerifyProof is the test proof verifier. It fails the test's request
// with a 500 if the middleware did not hand it the header it checked.
func mwVerifyProof(r *http.Request, proof string, header resourceserver.JOSEHeader, token string, info resourceserver.TokenInfo) error {
	if header.Alg != "ES256" || string(header.JWK) != mwJWK {
		return fmt.Errorf("the middleware handed over alg %q and jwk %s", header.Alg, header.JWK)
	}
	if info.DPoPThumbprint != "jkt-1" {
		return fmt.Errorf("binding: %w", resourceserver.ErrInvalidToken)
	}
	switch sig := proof[strings.LastIndexByte(proof, '.')+1:]; sig {
	case "bad":
		return fmt.Errorf("signature: %w", resourceserver.ErrInvalidDPoPProof)
	case "nonce":
		return &resourceserver.DPoPNonceError{Nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v"}
	case "badnonce":
		return &resourceserver.DPoPNonceError{Nonce: "a b"}
	case "boom":
		return errors.New("replay cache down while checking " + proof)
	case "revoked":
		return &resourceserver.TokenError{Description: "Invalid DPoP key binding"}
	}
	return nil
}

// mwHandler reports the TokenInfo it was given.
var mwHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	info, ok := resourceserver.TokenInfoFrom(r.Context())
	if !ok {
		http.Error(w, "no TokenInfo", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "hello %s %v", info.Subject, info.Scopes)
})

func mwOptions(dpop bool, log *slog.Logger) resourceserver.Options {
	o := resourceserver.Options{ResourceMetadata: mwRM, Scopes: []string{"mcp:read", "mcp:write"}, ErrorLog: log}
	if dpop {
		o.DPoP = &resourceserver.DPoPOptions{Algs: []string{"ES256", "EdDSA"}, VerifyProof: mwVerifyProof}
	}
	return o
}

// The challenges the middleware sends, Bearer only and with DPoP.
const (
	mwBearer     = `Bearer scope="mcp:read mcp:write", resource_metadata="` + mwRM + `"`
	mwBearerErr  = `Bearer scope="mcp:read mcp:write", error="%s", resource_metadata="` + mwRM + `"`
	mwDPoP       = `DPoP scope="mcp:read mcp:write", algs="ES256 EdDSA", resource_metadata="` + mwRM + `"`
	mwDPoPErr    = `DPoP scope="mcp:read mcp:write", error="%s", algs="ES256 EdDSA", resource_metadata="` + mwRM + `"`
	mwDPoPErrDsc = `DPoP scope="mcp:read mcp:write", error="%s", error_description="%s", algs="ES256 EdDSA", resource_metadata="` + mwRM + `"`
)

// TestRequireBearer drives every branch of the middleware through
// httptest and checks the status, the exact WWW-Authenticate value (which
// must also parse strictly), that the handler ran only when it should, and
// that no token or proof leaks into the response or the log.
func TestRequireBearer(t *testing.T) {
	goodProof := mwProof(mwJOSE, "sig")
	tests := []struct {
		name      string
		comment   string
		dpop      bool     // configure DPoP
		authz     []string // Authorization lines
		proofs    []string // DPoP lines
		status    int
		challenge string // the exact WWW-Authenticate value; "" for none
		nonce     string // DPoP-Nonce
		body      string // the body, for 200
		logged    bool   // an error is logged
		errTypes  string // the error_types of the log line
	}{
		// No credentials, or not ours: RFC 6750, Section 3.1, no error.
		{name: "none", comment: "no Authorization: 401 and the bare challenge with resource_metadata",
			status: 401, challenge: mwBearer},
		{name: "basic", comment: "another scheme is no credentials for us",
			authz: []string{"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}, status: 401, challenge: mwBearer},
		{name: "dpop-unconfigured", comment: "DPoP without DPoP configured is another scheme",
			authz: []string{"DPoP " + mwBound}, proofs: []string{goodProof}, status: 401, challenge: mwBearer},
		{name: "empty-field", comment: "an empty Authorization field",
			authz: []string{""}, status: 401, challenge: mwBearer},
		{name: "broken-basic", comment: "a malformed field of another scheme",
			authz: []string{"Basic a b"}, status: 401, challenge: mwBearer},

		// Malformed Bearer credentials: 400 invalid_request.
		{name: "bearer-alone", comment: `"Bearer" with no token`,
			authz: []string{"Bearer"}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "bearer-two-tokens", comment: `"Bearer a b"`,
			authz: []string{"Bearer " + mwGood + " b"}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "bearer-not-b64token", comment: "a token outside b64token",
			authz: []string{"Bearer " + mwGood + "!"}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "bearer-params", comment: "Bearer with auth-params",
			authz: []string{"Bearer token=" + mwGood}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "bearer-case", comment: "the scheme is case-insensitive, malformed or not",
			authz: []string{"bEaReR"}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "two-fields", comment: "two Authorization fields, one Bearer: more than one method",
			authz: []string{"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Bearer " + mwGood}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},
		{name: "list", comment: "a list of credentials",
			authz: []string{"Bearer " + mwGood + ", Basic x"}, status: 400, challenge: fmt.Sprintf(mwBearerErr, "invalid_request")},

		// Tokens the verifier rejects: 401 invalid_token.
		{name: "unknown", comment: "a token the verifier rejects",
			authz: []string{"Bearer " + mwRevoked}, status: 401, challenge: fmt.Sprintf(mwBearerErr, "invalid_token")},
		{name: "described", comment: "a safe description from a TokenError is sent",
			authz: []string{"Bearer " + mwDescribed}, status: 401,
			challenge: `Bearer scope="mcp:read mcp:write", error="invalid_token", error_description="The access token expired", resource_metadata="` + mwRM + `"`},
		{name: "leaky-description", comment: "a description holding the token is dropped",
			authz: []string{"Bearer " + mwLeaky}, status: 401, challenge: fmt.Sprintf(mwBearerErr, "invalid_token")},
		{name: "expired", comment: "the middleware refuses an expired TokenInfo",
			authz: []string{"Bearer " + mwExpired}, status: 401, challenge: fmt.Sprintf(mwBearerErr, "invalid_token")},
		{name: "bound-as-bearer", comment: "RFC 9449, Section 7.2: a DPoP-bound token sent as Bearer",
			authz: []string{"Bearer " + mwBound}, status: 401, challenge: fmt.Sprintf(mwBearerErr, "invalid_token")},

		// Scopes: 403 insufficient_scope.
		{name: "narrow", comment: "a valid token lacking a scope: the MCP step-up challenge",
			authz: []string{"Bearer " + mwNarrow}, status: 403, challenge: fmt.Sprintf(mwBearerErr, "insufficient_scope")},

		// Verifier failure: 500, no challenge, logged without the token.
		{name: "outage", comment: "a verifier error that is not a rejection",
			authz: []string{"Bearer " + mwOutage}, status: 500, logged: true, errTypes: "*errors.errorString"},

		// Success.
		{name: "good", comment: "a valid token reaches the handler with its TokenInfo",
			authz: []string{"Bearer " + mwGood}, status: 200, body: "hello alice [mcp:read mcp:write other]"},
		{name: "good-ows", comment: "several SP after the scheme, trailing OWS",
			authz: []string{"bearer   " + mwGood + " \t"}, status: 200, body: "hello alice [mcp:read mcp:write other]"},

		// DPoP configured.
		{name: "dpop/none", comment: "with DPoP, the Bearer challenge and a DPoP one (RFC 9449, Section 7.2)",
			dpop: true, status: 401, challenge: mwBearer + ", " + mwDPoP},
		{name: "dpop/good", comment: "a DPoP-bound token with a good proof",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{goodProof}, status: 200, body: "hello carol [mcp:read mcp:write]"},
		{name: "dpop/bearer-good", comment: "plain Bearer still works",
			dpop: true, authz: []string{"Bearer " + mwGood}, status: 200, body: "hello alice [mcp:read mcp:write other]"},
		{name: "dpop/bearer-narrow", comment: "the error goes on the scheme used",
			dpop: true, authz: []string{"Bearer " + mwNarrow}, status: 403, challenge: fmt.Sprintf(mwBearerErr, "insufficient_scope") + ", " + mwDPoP},
		{name: "dpop/malformed", comment: "DPoP with two tokens",
			dpop: true, authz: []string{"DPoP a b"}, proofs: []string{goodProof}, status: 400, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_request")},
		{name: "dpop/no-proof", comment: "a DPoP token without a proof",
			dpop: true, authz: []string{"DPoP " + mwBound}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/two-proofs", comment: "two DPoP headers",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{goodProof, goodProof}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/not-jws", comment: "a proof that is not a compact JWS",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{"not-a-jwt"}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/typ", comment: "a JWS whose typ is not dpop+jwt",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"JWT","alg":"ES256","jwk":{}}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/alg", comment: "an alg the server did not list",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"RS256","jwk":{}}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/none-alg", comment: "alg none",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"none","jwk":{}}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/Alg-bypass", comment: "issue 10: HS256 to a case-sensitive JOSE library, ES256 to encoding/json",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"HS256","Alg":"ES256","jwk":`+mwJWK+`}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/ALG-none-bypass", comment: "issue 10: none reaching the proof verifier",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"none","ALG":"ES256","jwk":`+mwJWK+`}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/private-jwk", comment: "RFC 9449, Section 4.3, check 7: a jwk with a private key",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","d":"x"}}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/no-jwk", comment: "no jwk in the JOSE header",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(`{"typ":"dpop+jwt","alg":"ES256"}`, "sig")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/bad-signature", comment: "the proof verifier rejects the proof",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(mwJOSE, "bad")}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_dpop_proof")},
		{name: "dpop/nonce", comment: "RFC 9449, Section 9: the resource server asks for a nonce",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(mwJOSE, "nonce")}, status: 401,
			challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "use_dpop_nonce"), nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v"},
		{name: "dpop/bad-nonce", comment: "a nonce that cannot be sent is a verifier bug: 500",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(mwJOSE, "badnonce")}, status: 500, logged: true, errTypes: "*resourceserver.DPoPNonceError"},
		{name: "dpop/proof-outage", comment: "a proof verifier failure: 500, logged without the proof",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(mwJOSE, "boom")}, status: 500, logged: true, errTypes: "*errors.errorString"},
		{name: "dpop/binding", comment: "the proof verifier rejects the binding as a token error with a description",
			dpop: true, authz: []string{"DPoP " + mwBound}, proofs: []string{mwProof(mwJOSE, "revoked")}, status: 401,
			challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErrDsc, "invalid_token", "Invalid DPoP key binding")},
		{name: "dpop/unbound", comment: "an unbound token sent with the DPoP scheme",
			dpop: true, authz: []string{"DPoP " + mwGood}, proofs: []string{goodProof}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_token")},
		{name: "dpop/rejected", comment: "the token verifier rejects a DPoP token",
			dpop: true, authz: []string{"DPoP " + mwRevoked}, proofs: []string{goodProof}, status: 401, challenge: mwBearer + ", " + fmt.Sprintf(mwDPoPErr, "invalid_token")},
		{name: "dpop/basic", comment: "another scheme, DPoP configured",
			dpop: true, authz: []string{"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}, status: 401, challenge: mwBearer + ", " + mwDPoP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logBuf bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logBuf, nil))
			h := resourceserver.RequireBearer(mwVerify, mwOptions(tc.dpop, log))(mwHandler)
			req := httptest.NewRequest("GET", "https://mcp.example.com/mcp", nil)
			for _, a := range tc.authz {
				req.Header.Add("Authorization", a)
			}
			for _, p := range tc.proofs {
				req.Header.Add("DPoP", p)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)

			if res.StatusCode != tc.status {
				t.Errorf("%s: status %d, want %d", tc.comment, res.StatusCode, tc.status)
			}
			got := res.Header.Values("Www-Authenticate")
			switch {
			case tc.challenge == "" && len(got) != 0:
				t.Errorf("%s: WWW-Authenticate = %q, want none", tc.comment, got)
			case tc.challenge != "" && (len(got) != 1 || got[0] != tc.challenge):
				t.Errorf("%s:\nWWW-Authenticate = %q\nwant               %q", tc.comment, got, tc.challenge)
			}
			if tc.challenge != "" {
				// Our own strict parser reads it back, and the client
				// view agrees with what we meant.
				r, err := (&wwwauth.Parser{}).ParseResponse(res)
				if err != nil {
					t.Fatalf("%s: strict ParseResponse: %v", tc.comment, err)
				}
				if u, err := r.ResourceMetadata(); err != nil || u != mwRM {
					t.Errorf("%s: ResourceMetadata() = %q, %v", tc.comment, u, err)
				}
				code, _ := r.ErrorCode()
				if code.Status() != 0 && code.Status() != tc.status {
					t.Errorf("%s: error %q with status %d", tc.comment, code, tc.status)
				}
				if r.DPoPNonce != tc.nonce {
					t.Errorf("%s: DPoP-Nonce = %q, want %q", tc.comment, r.DPoPNonce, tc.nonce)
				}
			}
			if tc.body != "" && string(body) != tc.body {
				t.Errorf("%s: body %q, want %q", tc.comment, body, tc.body)
			}
			if tc.status != 200 && string(body) != http.StatusText(tc.status)+"\n" {
				t.Errorf("%s: body %q, want the status text", tc.comment, body)
			}
			if logged := logBuf.Len() > 0; logged != tc.logged {
				t.Errorf("%s: logged %v, want %v: %s", tc.comment, logged, tc.logged, logBuf.String())
			}
			if tc.logged && !strings.Contains(logBuf.String(), " error_types="+tc.errTypes+"\n") {
				t.Errorf("%s: log line does not end with error_types=%s: %s", tc.comment, tc.errTypes, logBuf.String())
			}
			// No token or proof in any header, the body or the log.
			secrets := []string{mwGood, mwNarrow, mwExpired, mwRevoked, mwDescribed, mwLeaky, mwOutage, mwBound}
			secrets = append(secrets, tc.proofs...)
			var all bytes.Buffer
			res.Header.Write(&all)
			all.Write(body)
			all.Write(logBuf.Bytes())
			for _, s := range secrets {
				if tc.status == 200 {
					break // the handler's own output is not the middleware's
				}
				if bytes.Contains(all.Bytes(), []byte(s)) {
					t.Errorf("%s: the response or log holds the secret %q:\n%s", tc.comment, s, all.String())
				}
			}
		})
	}
}

// TestRequireBearerRealm checks that a realm goes first in every
// challenge.
func TestRequireBearerRealm(t *testing.T) {
	h := resourceserver.RequireBearer(mwVerify, resourceserver.Options{Realm: "mcp", ResourceMetadata: mwRM})(mwHandler)
	tests := []struct {
		name    string
		comment string
		authz   string
		want    string
	}{
		{name: "none", comment: "no credentials", authz: "",
			want: `Bearer realm="mcp", resource_metadata="` + mwRM + `"`},
		{name: "invalid", comment: "an invalid token", authz: "Bearer " + mwRevoked,
			want: `Bearer realm="mcp", error="invalid_token", resource_metadata="` + mwRM + `"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/mcp", nil)
			if tc.authz != "" {
				req.Header.Set("Authorization", tc.authz)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if got := rec.Header().Get("WWW-Authenticate"); got != tc.want {
				t.Errorf("%s: WWW-Authenticate = %q, want %q", tc.comment, got, tc.want)
			}
		})
	}
}

// TestRequireScopes checks the per-request scope check.
func TestRequireScopes(t *testing.T) {
	h := resourceserver.RequireBearer(mwVerify, mwOptions(false, nil))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !resourceserver.RequireScopes(w, r, "files:write") {
			return
		}
		io.WriteString(w, "written")
	}))
	req := httptest.NewRequest("GET", "/mcp", nil)
	req.Header.Set("Authorization", "Bearer "+mwGood)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	want := `Bearer scope="mcp:read mcp:write files:write", error="insufficient_scope", resource_metadata="` + mwRM + `"`
	if rec.Code != 403 || rec.Header().Get("WWW-Authenticate") != want {
		t.Errorf("RequireScopes: %d %q, want 403 %q", rec.Code, rec.Header().Get("WWW-Authenticate"), want)
	}

	// Outside the middleware: 500, and false.
	rec = httptest.NewRecorder()
	if resourceserver.RequireScopes(rec, httptest.NewRequest("GET", "/", nil), "x") || rec.Code != 500 {
		t.Errorf("RequireScopes without the middleware: %d, want 500", rec.Code)
	}
	if _, ok := resourceserver.TokenInfoFrom(httptest.NewRequest("GET", "/", nil).Context()); ok {
		t.Error("TokenInfoFrom found a TokenInfo in a bare context")
	}
}

// TestRequireBearerOptions checks the options RequireBearer refuses, by
// panicking at construction, not per request.
func TestRequireBearerOptions(t *testing.T) {
	proof := func(*http.Request, string, resourceserver.JOSEHeader, string, resourceserver.TokenInfo) error {
		return nil
	}
	dpop := func(algs ...string) resourceserver.Options {
		return resourceserver.Options{ResourceMetadata: mwRM, DPoP: &resourceserver.DPoPOptions{Algs: algs, VerifyProof: proof}}
	}
	tests := []struct {
		name    string
		comment string
		opts    resourceserver.Options
		ok      bool
	}{
		{name: "mcp", comment: "the usual MCP options", opts: mwOptions(true, nil), ok: true},
		{name: "zero", comment: "RFC 6750, Section 3: no options would make a bare Bearer challenge",
			opts: resourceserver.Options{}},
		{name: "only-log", comment: "options that add no auth-param are still a bare challenge",
			opts: resourceserver.Options{ErrorLog: slog.Default(), MaxDescriptionBytes: 10}},
		{name: "only-rm", comment: "resource_metadata alone is an auth-param", opts: resourceserver.Options{ResourceMetadata: mwRM}, ok: true},
		{name: "only-realm", comment: "realm alone is an auth-param", opts: resourceserver.Options{Realm: "api"}, ok: true},
		{name: "only-scopes", comment: "scope alone is an auth-param", opts: resourceserver.Options{Scopes: []string{"read"}}, ok: true},
		{name: "http-rm", comment: "metadata over http to a public host",
			opts: resourceserver.Options{ResourceMetadata: "http://mcp.example.com/m"}},
		{name: "bad-scope", comment: "a scope with a space",
			opts: resourceserver.Options{Scopes: []string{"a b"}}},
		{name: "bad-realm", comment: "a realm with a newline",
			opts: resourceserver.Options{Realm: "a\nb"}},
		{name: "dpop-no-verifier", comment: "DPoP without VerifyProof would accept any proof",
			opts: resourceserver.Options{ResourceMetadata: mwRM, DPoP: &resourceserver.DPoPOptions{Algs: []string{"ES256"}}}},
		{name: "dpop-no-algs", comment: "DPoP without algorithms", opts: dpop()},
		{name: "dpop-es256", comment: "an asymmetric algorithm", opts: dpop("ES256", "EdDSA", "PS256"), ok: true},
		{name: "dpop-hs256", comment: "a symmetric algorithm", opts: dpop("ES256", "HS256")},
		{name: "dpop-hs512-lower", comment: "HS* is matched case-insensitively", opts: dpop("hs512")},
		{name: "dpop-hs-mixed", comment: "any name that starts with HS, in any case", opts: dpop("Hs384")},
		{name: "dpop-hs-other", comment: "a private symmetric name", opts: dpop("HSfoo")},
		{name: "dpop-none", comment: "alg none", opts: dpop("none")},
		{name: "dpop-none-upper", comment: "none is matched case-insensitively", opts: dpop("ES256", "NONE")},
		{name: "dpop-bad-alg", comment: "an alg that cannot be sent", opts: dpop("E S")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); (r == nil) != tc.ok {
					t.Errorf("%s: RequireBearer panicked: %v, want panic %v", tc.comment, r, !tc.ok)
				}
			}()
			resourceserver.RequireBearer(mwVerify, tc.opts)
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("RequireBearer(nil, ...) did not panic")
		}
	}()
	resourceserver.RequireBearer(nil, resourceserver.Options{Realm: "api"})
}

// TestTokenErrorUnwrap checks that a TokenError is an ErrInvalidToken and
// keeps its cause.
func TestTokenErrorUnwrap(t *testing.T) {
	cause := errors.New("cause")
	err := error(&resourceserver.TokenError{Description: "d", Err: cause})
	if !errors.Is(err, resourceserver.ErrInvalidToken) || !errors.Is(err, cause) {
		t.Errorf("TokenError does not unwrap to ErrInvalidToken and its cause")
	}
	var te *resourceserver.TokenError
	if !errors.As(fmt.Errorf("wrapped: %w", err), &te) || te.Description != "d" {
		t.Errorf("errors.As does not find the TokenError")
	}
	if diff := cmp.Diff("resourceserver: invalid access token: d", err.Error()); diff != "" {
		t.Errorf("Error() mismatch (-want +got):\n%s", diff)
	}
}

// TestRequireBearerClock checks that expiry is judged by Options.Now, so
// that a test need not sleep.
func TestRequireBearerClock(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	expiries := map[string]time.Time{
		"later":  now.Add(time.Second),
		"now":    now,
		"before": now.Add(-time.Second),
		"never":  {},
	}
	verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		return resourceserver.TokenInfo{Scopes: []string{"read"}, Expiry: expiries[token]}, nil
	}
	h := resourceserver.RequireBearer(verify, resourceserver.Options{Realm: "api", Scopes: []string{"read"},
		Now: func() time.Time { return now }})(mwHandler)
	tests := []struct {
		name    string
		comment string
		token   string
		status  int
	}{
		{name: "later", comment: "expires a second after Now", token: "later", status: 200},
		{name: "now", comment: "expires at Now: no longer valid", token: "now", status: 401},
		{name: "before", comment: "expired a second before Now", token: "before", status: 401},
		{name: "never", comment: "no expiry", token: "never", status: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/mcp", nil)
			req.Header.Set("Authorization", "Bearer "+tc.token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Errorf("%s: status %d, want %d", tc.comment, rec.Code, tc.status)
			}
			if want := `Bearer realm="api", scope="read", error="invalid_token"`; tc.status == 401 && rec.Header().Get("WWW-Authenticate") != want {
				t.Errorf("%s: WWW-Authenticate = %q, want %q", tc.comment, rec.Header().Get("WWW-Authenticate"), want)
			}
		})
	}
}

// TestRequireBearerMaxDescription checks the cap on error_description.
func TestRequireBearerMaxDescription(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		max     int
		desc    string
		sent    bool
	}{
		{name: "default-fits", comment: "zero means 256: 256 bytes are sent", desc: strings.Repeat("a", 256), sent: true},
		{name: "default-over", comment: "257 bytes are not", desc: strings.Repeat("a", 257)},
		{name: "mebibyte", comment: "the issue's case: 1 MiB went into a header", desc: strings.Repeat("a", 1<<20)},
		{name: "ten-fits", comment: "a cap of 10", max: 10, desc: "0123456789", sent: true},
		{name: "ten-over", comment: "one byte over the cap", max: 10, desc: "0123456789a"},
		{name: "negative", comment: "a negative cap sends none", max: -1, desc: "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			verify := func(*http.Request, string) (resourceserver.TokenInfo, error) {
				return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: tc.desc}
			}
			h := resourceserver.RequireBearer(verify, resourceserver.Options{Realm: "api", MaxDescriptionBytes: tc.max})(mwHandler)
			req := httptest.NewRequest("GET", "/mcp", nil)
			req.Header.Set("Authorization", "Bearer t")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			want := `Bearer realm="api", error="invalid_token"`
			if tc.sent {
				want = `Bearer realm="api", error="invalid_token", error_description="` + tc.desc + `"`
			}
			if got := rec.Header().Get("WWW-Authenticate"); rec.Code != 401 || got != want {
				t.Errorf("%s: %d %q, want 401 %q", tc.comment, rec.Code, got, want)
			}
		})
	}
}
