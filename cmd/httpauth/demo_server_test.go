package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// newTestDemoServer returns the demo server's handler, not listening.
func newTestDemoServer(t *testing.T) (*demoServer, http.Handler) {
	t.Helper()
	s, err := newDemoServer("http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	mux, err := s.routes(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return s, mux
}

// TestDemoTokenEndpointRefuses checks that the stand-in authorization
// server issues tokens only to the demo's client, for the
// client_credentials grant, the demo's resource and scopes it knows (RFC
// 6749, Section 5.2; RFC 8707, Section 2): the demo's steps only show it
// saying yes.
func TestDemoTokenEndpointRefuses(t *testing.T) {
	const resource = "http://127.0.0.1:8080/mcp"
	tests := []struct {
		name         string
		user, secret string // "" user: no Authorization
		form         url.Values
		status       int
		body         string
	}{
		{
			name:   "no client authentication",
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read"}, "resource": {resource}},
			status: http.StatusUnauthorized, body: `{"error":"invalid_client"}`,
		},
		{
			name: "wrong client secret",
			user: demoClientID, secret: "guess",
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read"}, "resource": {resource}},
			status: http.StatusUnauthorized, body: `{"error":"invalid_client"}`,
		},
		{
			name: "another grant",
			user: demoClientID, secret: demoClientSecret,
			form:   url.Values{"grant_type": {"password"}, "scope": {"mcp:read"}, "resource": {resource}},
			status: http.StatusBadRequest, body: `{"error":"unsupported_grant_type"}`,
		},
		{
			name: "another resource",
			user: demoClientID, secret: demoClientSecret,
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read"}, "resource": {"http://127.0.0.1:8080/other"}},
			status: http.StatusBadRequest, body: `{"error":"invalid_target"}`,
		},
		{
			name: "a scope it does not know",
			user: demoClientID, secret: demoClientSecret,
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read admin"}, "resource": {resource}},
			status: http.StatusBadRequest, body: `{"error":"invalid_scope"}`,
		},
		{
			name: "scopes separated by two spaces",
			user: demoClientID, secret: demoClientSecret,
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read  mcp:write"}, "resource": {resource}},
			status: http.StatusBadRequest, body: `{"error":"invalid_scope"}`,
		},
		{
			name: "everything right",
			user: demoClientID, secret: demoClientSecret,
			form:   url.Values{"grant_type": {"client_credentials"}, "scope": {"mcp:read mcp:write"}, "resource": {resource}},
			status: http.StatusOK, body: `"token_type":"Bearer","expires_in":3600,"scope":"mcp:read mcp:write"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, h := newTestDemoServer(t)
			req := httptest.NewRequest(http.MethodPost, s.as.tokenEndpoint, strings.NewReader(tt.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.user != "" {
				c, err := authz.BasicCredentials(tt.user, tt.secret)
				if err != nil {
					t.Fatal(err)
				}
				if err := authz.Set(req.Header, c); err != nil {
					t.Fatal(err)
				}
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			body := strings.TrimSuffix(w.Body.String(), "\n")
			if w.Code != tt.status || !strings.HasSuffix(body, tt.body) {
				t.Errorf("%d %s, want %d ...%s", w.Code, body, tt.status, tt.body)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store (RFC 6749, Section 5.1)", got)
			}
			if tt.status == http.StatusUnauthorized {
				if got, want := w.Header().Get("WWW-Authenticate"), `Basic realm="httpauth demo authorization server"`; got != want {
					t.Errorf("WWW-Authenticate %q, want %q", got, want)
				}
			}
		})
	}
}

// TestDemoDigestPageRefuses checks what the Digest page does beyond
// authz.CheckDigest, which the demo's steps do not show: it refuses a
// replayed nonce count, credentials for another uri, realm, algorithm or
// qop, a nonce it did not issue and a user it does not know.
func TestDemoDigestPageRefuses(t *testing.T) {
	// The cases that change the credentials accept any response hash, so
	// that what refuses them is the page's own check, not CheckDigest.
	acceptAny := func(authz.Digest, string, string, string, []byte) bool { return true }
	tests := []struct {
		name   string
		check  func(d authz.Digest, method, username, password string, body []byte) bool
		change func(d *authz.Digest) // applied to right credentials, which are then sent twice
		first  int                   // the status of the first request
		second int                   // the status of the second one
	}{
		{"right credentials, replayed", authz.CheckDigest, nil, http.StatusOK, http.StatusUnauthorized},
		{"any hash, replayed", acceptAny, nil, http.StatusOK, http.StatusUnauthorized},
		{"another uri", acceptAny, func(d *authz.Digest) { d.URI = "/admin/other" }, http.StatusUnauthorized, http.StatusUnauthorized},
		{"another realm", acceptAny, func(d *authz.Digest) { d.Realm = "elsewhere" }, http.StatusUnauthorized, http.StatusUnauthorized},
		{"an algorithm not offered", acceptAny, func(d *authz.Digest) { d.Algorithm = "SHA-512-256" }, http.StatusUnauthorized, http.StatusUnauthorized},
		{"a nonce the page did not issue", acceptAny, func(d *authz.Digest) { d.Nonce = strings.Repeat("A", len(d.Nonce)) }, http.StatusUnauthorized, http.StatusUnauthorized},
		{"qop=auth-int, not offered", acceptAny, func(d *authz.Digest) { d.QOP = "auth-int" }, http.StatusUnauthorized, http.StatusUnauthorized},
		{"a user the page does not know", acceptAny, func(d *authz.Digest) { d.Username = "root" }, http.StatusUnauthorized, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := demoCheckDigest
			t.Cleanup(func() { demoCheckDigest = saved })
			demoCheckDigest = tt.check
			s, h := newTestDemoServer(t)
			target := s.origin + demoDigestPath

			// The challenge, and credentials computed by authclient.Digest.
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, demoDigestPath, nil))
			resp := w.Result()
			resp.Request = httptest.NewRequest(http.MethodGet, target, nil)
			parsed, err := wwwauth.ParseResponse(resp)
			if err != nil || resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("the challenge: %d, %v", resp.StatusCode, err)
			}
			session, err := authclient.Digest(demoDigestUser, demoDigestPassword).Answer(context.Background(), &authclient.Refusal{Response: resp, Challenges: parsed.Challenges})
			if err != nil || session == nil {
				t.Fatalf("Answer: %v, %v", session, err)
			}
			c, err := session.Authorize(httptest.NewRequest(http.MethodGet, target, nil))
			if err != nil {
				t.Fatal(err)
			}
			if tt.change != nil {
				d, err := authz.ParseDigest(c)
				if err != nil {
					t.Fatal(err)
				}
				tt.change(&d)
				if c, err = d.Credentials(); err != nil {
					t.Fatal(err)
				}
			}
			for i, want := range []int{tt.first, tt.second} {
				// The origin-form, as a server reads the request line
				// (an absolute URL would be its RequestURI).
				req := httptest.NewRequest(http.MethodGet, demoDigestPath, nil)
				if err := authz.Set(req.Header, c); err != nil {
					t.Fatal(err)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != want {
					t.Errorf("request %d: status %d, want %d", i+1, w.Code, want)
				}
				if w.Code == http.StatusUnauthorized && strings.Contains(w.Header().Get("WWW-Authenticate"), "stale") {
					t.Errorf("request %d: stale=true for credentials that are not right", i+1)
				}
			}
		})
	}
}
