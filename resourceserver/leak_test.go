package resourceserver_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/resourceserver"
)

// TestLeakMiddleware: whatever the verifiers return, the token and the
// proof appear in no byte of the response and no log line.
func TestLeakMiddleware(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	proofOf := func(sig string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"}}`)) + "." + enc([]byte(`{"jti":"`+sig+`"}`)) + "." + sig
	}
	type mwCase struct {
		Token, Sig string
		Verify     int // which failure the token verifier returns
		Proof      int // which failure the proof verifier returns
		DPoP       bool
		InQuery    bool
	}
	gen := func(gp *gopter.GenParameters) *gopter.GenResult {
		r := gp.Rng
		return gopter.NewGenResult(mwCase{Token: testkit.Secret(r), Sig: testkit.RandString(r, "abcdefghijklmnopqrstuvwxyz0123456789-_", 30, 30),
			Verify: r.Intn(9), Proof: r.Intn(7), DPoP: r.Intn(2) == 0, InQuery: r.Intn(3) == 0}, gopter.NoShrinker)
	}
	properties.Property("RequireBearer writes and logs neither the token nor the proof", prop.ForAll(
		func(c mwCase) *gopter.PropResult {
			proof := proofOf(c.Sig)
			secrets := []string{c.Token, proof, c.Sig}
			verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
				info := resourceserver.TokenInfo{Scopes: []string{"read"}}
				if c.DPoP {
					info.DPoPThumbprint = "jkt"
				}
				switch c.Verify {
				case 0:
					return info, nil
				case 1:
					return info, fmt.Errorf("introspection of %s: %w", token, io.ErrUnexpectedEOF)
				case 2:
					return info, fmt.Errorf("introspection of %q failed", token)
				case 3:
					return info, fmt.Errorf("token %s: %w", token, resourceserver.ErrInvalidToken)
				case 4:
					return info, &resourceserver.TokenError{Description: "token " + token + " expired"}
				case 5:
					return info, &resourceserver.TokenError{Description: "expired", Err: fmt.Errorf("jwt %s", token)}
				case 6:
					return resourceserver.TokenInfo{Scopes: []string{"other"}}, nil // insufficient scope
				case 7:
					return info, errors.Join(errors.New(token), errors.New(token+token))
				}
				return info, fmt.Errorf("%s%s", token[:len(token)/2], token[len(token)/2:]) // the token in two pieces
			}
			verifyProof := func(r *http.Request, p string, _ resourceserver.JOSEHeader, token string, info resourceserver.TokenInfo) error {
				switch c.Proof {
				case 0:
					return nil
				case 1:
					return fmt.Errorf("proof %s for %s: %w", p, token, resourceserver.ErrInvalidDPoPProof)
				case 2:
					return fmt.Errorf("proof %s: %w", p, io.EOF)
				case 3:
					return &resourceserver.DPoPNonceError{Nonce: "server-nonce-1"}
				case 4:
					return &resourceserver.DPoPNonceError{Nonce: token} // a nonce must not be the token, but if it is...
				case 5:
					return fmt.Errorf("proof for %s: %w", token, resourceserver.ErrInvalidToken)
				}
				return fmt.Errorf("replayed jti in %s", p)
			}
			var logs bytes.Buffer
			mw := resourceserver.RequireBearer(verify, resourceserver.Options{
				ResourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource",
				Scopes:           []string{"read"},
				DPoP:             &resourceserver.DPoPOptions{Algs: []string{"ES256"}, VerifyProof: verifyProof},
				ErrorLog:         slog.New(slog.NewJSONHandler(&logs, nil)),
			})
			h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				resourceserver.RequireScopes(w, r, "write")
			}))
			target := "/mcp"
			if c.InQuery {
				target += "?access_token=" + c.Token
			}
			req := httptest.NewRequest("POST", target, nil)
			if c.DPoP {
				req.Header.Set("Authorization", "DPoP "+c.Token)
				req.Header.Set("DPoP", proof)
			} else {
				req.Header.Set("Authorization", "Bearer "+c.Token)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			var fails []string
			out := map[string]string{"body": w.Body.String(), "status": fmt.Sprint(w.Code), "log": logs.String()}
			for name, vs := range w.Header() {
				out["header "+name] = strings.Join(vs, "\n")
			}
			// A DPoP-Nonce is the verifier's to choose: one that is the
			// token is its own leak, not the middleware's.
			if c.Proof == 4 {
				delete(out, "header Dpop-Nonce")
			}
			for how, s := range out {
				for _, secret := range secrets {
					if strings.Contains(s, secret) {
						fails = append(fails, fmt.Sprintf("%s shows %q: %q", how, secret, s))
					}
				}
			}
			return gopter.NewPropResult(len(fails) == 0, strings.Join(fails, "\n"))
		},
		gen,
	))
	properties.TestingRun(t)
}

// leakEncodings returns the forms of s that issue 10 lists, by name: as
// written, percent-encoded for a query and for a path (also with
// lower-case hex digits), standard and URL base64 with and without
// padding, and lower- and upper-case hex.
func leakEncodings(s string) map[string]string {
	b := []byte(s)
	lowerPct := regexp.MustCompile(`%[0-9A-F]{2}`)
	lower := func(e string) string { return lowerPct.ReplaceAllStringFunc(e, strings.ToLower) }
	return map[string]string{
		"as written":            s,
		"url.QueryEscape":       url.QueryEscape(s),
		"url.PathEscape":        url.PathEscape(s),
		"QueryEscape lower hex": lower(url.QueryEscape(s)),
		"PathEscape lower hex":  lower(url.PathEscape(s)),
		"base64 std":            base64.StdEncoding.EncodeToString(b),
		"base64 std unpadded":   base64.RawStdEncoding.EncodeToString(b),
		"base64url":             base64.URLEncoding.EncodeToString(b),
		"base64url unpadded":    base64.RawURLEncoding.EncodeToString(b),
		"hex":                   hex.EncodeToString(b),
		"HEX":                   strings.ToUpper(hex.EncodeToString(b)),
	}
}

// TestLeakEncodings: a verifier's error may carry the token or the proof
// encoded (an introspection URL's query, a base64 log of the header). The
// property plants each form in each place a verifier's error reaches, with
// and without LogErrorText, and checks that no form of either secret is in
// any byte of the response or the log.
func TestLeakEncodings(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 2000))
	type plant struct {
		Token, Sig   string
		Secret       int    // 0: plant the token, 1: the proof
		Encoding     string // a key of leakEncodings
		Site         int    // where the verifiers put it
		LogErrorText bool
	}
	const sites = 8
	var encNames []string
	for name := range leakEncodings("x") {
		encNames = append(encNames, name)
	}
	sort.Strings(encNames)
	gen := func(gp *gopter.GenParameters) *gopter.GenResult {
		r := gp.Rng
		// A token with the characters that encodings change.
		tok := testkit.Secret(r) + "+/~" + testkit.RandString(r, testkit.B64, 4, 4) + "=="
		return gopter.NewGenResult(plant{Token: tok, Sig: testkit.RandString(r, "abcdefghijklmnopqrstuvwxyz0123456789-_", 30, 30),
			Secret: r.Intn(2), Encoding: encNames[r.Intn(len(encNames))], Site: r.Intn(sites), LogErrorText: r.Intn(2) == 0}, gopter.NoShrinker)
	}
	properties.Property("no form of the token or the proof in a response or a log line", prop.ForAll(
		func(c plant) *gopter.PropResult {
			enc := base64.RawURLEncoding.EncodeToString
			proof := enc([]byte(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"}}`)) + "." + enc([]byte(`{"jti":"`+c.Sig+`"}`)) + "." + c.Sig
			planted := leakEncodings([]string{c.Token, proof}[c.Secret])[c.Encoding]
			verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
				info := resourceserver.TokenInfo{Scopes: []string{"read"}, DPoPThumbprint: "jkt"}
				switch c.Site {
				case 0: // an introspection call that failed
					return info, fmt.Errorf("introspect: %w", &url.Error{Op: "Get", URL: "https://as.example.com/tokeninfo?access_token=" + planted,
						Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}})
				case 1: // a rejection with the form in its text
					return info, fmt.Errorf("token %s: %w", planted, resourceserver.ErrInvalidToken)
				case 2: // a rejection with the form in its description
					return info, &resourceserver.TokenError{Description: "token " + planted + " expired"}
				case 3: // the form in the description's cause
					return info, &resourceserver.TokenError{Description: "expired", Err: errors.New(planted)}
				}
				return info, nil
			}
			verifyProof := func(r *http.Request, p string, _ resourceserver.JOSEHeader, token string, info resourceserver.TokenInfo) error {
				switch c.Site {
				case 4:
					return fmt.Errorf("replay cache: %s: %w", planted, io.ErrUnexpectedEOF)
				case 5:
					return fmt.Errorf("proof %s: %w", planted, resourceserver.ErrInvalidDPoPProof)
				case 6:
					return &resourceserver.TokenError{Description: "binding of " + planted}
				case 7:
					return &resourceserver.DPoPNonceError{Nonce: planted}
				}
				return nil
			}
			var logs bytes.Buffer
			mw := resourceserver.RequireBearer(verify, resourceserver.Options{
				ResourceMetadata:    "https://mcp.example.com/.well-known/oauth-protected-resource",
				Scopes:              []string{"read"},
				DPoP:                &resourceserver.DPoPOptions{Algs: []string{"ES256"}, VerifyProof: verifyProof},
				ErrorLog:            slog.New(slog.NewJSONHandler(&logs, nil)),
				LogErrorText:        c.LogErrorText,
				MaxDescriptionBytes: 1 << 10,
			})
			h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
			req := httptest.NewRequest("POST", "/mcp", nil)
			req.Header.Set("Authorization", "DPoP "+c.Token)
			req.Header.Set("DPoP", proof)
			req.Header.Set("Origin", "https://app.example.com")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			out := map[string]string{"body": w.Body.String(), "log": logs.String()}
			for name, vs := range w.Header() {
				out["header "+name] = strings.Join(vs, "\n")
			}
			var fails []string
			if w.Code == http.StatusNoContent {
				fails = append(fails, "the request went through")
			}
			for where, s := range out {
				for i, secret := range []string{c.Token, proof} {
					for name, form := range leakEncodings(secret) {
						if strings.Contains(s, form) {
							fails = append(fails, fmt.Sprintf("%s shows the %s %s: %q", where, []string{"token", "proof"}[i], name, s))
						}
					}
				}
			}
			return gopter.NewPropResult(len(fails) == 0, strings.Join(fails, "\n"))
		},
		gen,
	))
	properties.TestingRun(t)
}
