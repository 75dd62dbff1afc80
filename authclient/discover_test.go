package authclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// unauthorized builds the 401 a resource at resource answers with the
// WWW-Authenticate fields challenges.
func unauthorized(t testing.TB, resource string, challenges ...string) *http.Response {
	req, err := http.NewRequest(http.MethodGet, resource, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Response{
		StatusCode: http.StatusUnauthorized,
		Header:     http.Header{"Www-Authenticate": challenges},
		Request:    req,
	}
}

// TestDiscover checks the whole discovery on a loopback server: which
// URLs are asked for, in which order, and what is found.
func TestDiscover(t *testing.T) {
	const (
		inserted = "/.well-known/oauth-protected-resource/mcp"
		root     = "/.well-known/oauth-protected-resource"
		oauth    = "/.well-known/oauth-authorization-server/tenant1"
		oidc     = "/.well-known/openid-configuration/tenant1"
		appended = "/tenant1/.well-known/openid-configuration"
	)
	prmNoScopes := `{"resource":"{{base}}/mcp","authorization_servers":["{{base}}/tenant1"]}`
	asNoPKCE := `{"issuer":"{{base}}/tenant1","authorization_endpoint":"{{base}}/authorize","token_endpoint":"{{base}}/token","code_challenge_methods_supported":["plain"]}`
	tests := []struct {
		name       string
		challenges []string // "{{base}}" stands for the server's URL
		docs       map[string]canned
		wantPaths  []string
		want       *Discovery // its URLs with "{{base}}"; nil when an error is expected
		wantErr    error
	}{
		{name: "resource-metadata-and-scope",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta", scope="files:read"`},
			docs:       map[string]canned{"/meta": {body: prmMCP}, oauth: {body: asTenant1}},
			wantPaths:  []string{"/meta", oauth},
			want: &Discovery{
				ResourceMetadataURL: "{{base}}/meta",
				ResourceMetadata:    ResourceMetadata{Resource: "{{base}}/mcp", AuthorizationServers: []string{"{{base}}/tenant1"}, ScopesSupported: []string{"files:read", "files:write"}},
				AuthorizationServer: AuthorizationServerMetadata{Issuer: "{{base}}/tenant1", AuthorizationEndpoint: "{{base}}/authorize", TokenEndpoint: "{{base}}/token", ResponseTypesSupported: []string{"code"}, CodeChallengeMethodsSupported: []string{"S256"}},
				Scopes:              []string{"files:read"},
				PKCE:                true,
			}},
		{name: "well-known-fallback-and-scopes-supported",
			challenges: []string{`Bearer realm="mcp"`},
			docs:       map[string]canned{root: {body: prmMCP}, appended: {body: asTenant1}},
			wantPaths:  []string{inserted, root, oauth, oidc, appended},
			want: &Discovery{
				ResourceMetadataURL: "{{base}}" + root,
				ResourceMetadata:    ResourceMetadata{Resource: "{{base}}/mcp", AuthorizationServers: []string{"{{base}}/tenant1"}, ScopesSupported: []string{"files:read", "files:write"}},
				AuthorizationServer: AuthorizationServerMetadata{Issuer: "{{base}}/tenant1", AuthorizationEndpoint: "{{base}}/authorize", TokenEndpoint: "{{base}}/token", ResponseTypesSupported: []string{"code"}, CodeChallengeMethodsSupported: []string{"S256"}},
				Scopes:              []string{"files:read", "files:write"},
				PKCE:                true,
			}},
		{name: "no-challenge-no-scopes-no-pkce",
			docs:      map[string]canned{inserted: {body: prmNoScopes}, oidc: {body: asNoPKCE}},
			wantPaths: []string{inserted, oauth, oidc},
			want: &Discovery{
				ResourceMetadataURL: "{{base}}" + inserted,
				ResourceMetadata:    ResourceMetadata{Resource: "{{base}}/mcp", AuthorizationServers: []string{"{{base}}/tenant1"}},
				AuthorizationServer: AuthorizationServerMetadata{Issuer: "{{base}}/tenant1", AuthorizationEndpoint: "{{base}}/authorize", TokenEndpoint: "{{base}}/token", CodeChallengeMethodsSupported: []string{"plain"}},
			}},
		{name: "dpop-challenge",
			challenges: []string{`DPoP algs="ES256", resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{"/meta": {body: prmNoScopes}, oauth: {body: asTenant1}},
			wantPaths:  []string{"/meta", oauth},
			want: &Discovery{
				ResourceMetadataURL: "{{base}}/meta",
				ResourceMetadata:    ResourceMetadata{Resource: "{{base}}/mcp", AuthorizationServers: []string{"{{base}}/tenant1"}},
				AuthorizationServer: AuthorizationServerMetadata{Issuer: "{{base}}/tenant1", AuthorizationEndpoint: "{{base}}/authorize", TokenEndpoint: "{{base}}/token", ResponseTypesSupported: []string{"code"}, CodeChallengeMethodsSupported: []string{"S256"}},
				PKCE:                true,
			}},
		{name: "lenient-challenge", // unquoted URL, comma after the scheme
			challenges: []string{`Bearer, resource_metadata={{base}}/meta`},
			docs:       map[string]canned{"/meta": {body: prmNoScopes}, oauth: {body: asTenant1}},
			wantPaths:  []string{"/meta", oauth},
			want: &Discovery{
				ResourceMetadataURL: "{{base}}/meta",
				ResourceMetadata:    ResourceMetadata{Resource: "{{base}}/mcp", AuthorizationServers: []string{"{{base}}/tenant1"}},
				AuthorizationServer: AuthorizationServerMetadata{Issuer: "{{base}}/tenant1", AuthorizationEndpoint: "{{base}}/authorize", TokenEndpoint: "{{base}}/token", ResponseTypesSupported: []string{"code"}, CodeChallengeMethodsSupported: []string{"S256"}},
				PKCE:                true,
			}},
		{name: "no-fallback-when-resource-metadata-fails",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{inserted: {body: prmMCP}, root: {body: prmMCP}},
			wantPaths:  []string{"/meta"}, wantErr: ErrNotFound},
		{name: "resource-mismatch",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{"/meta": {body: `{"resource":"{{base}}/other","authorization_servers":["{{base}}/tenant1"]}`}, oauth: {body: asTenant1}},
			wantPaths:  []string{"/meta"}, wantErr: ErrMismatch},
		{name: "issuer-mismatch",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{"/meta": {body: prmMCP}, oauth: {body: `{"issuer":"{{base}}/evil"}`}},
			wantPaths:  []string{"/meta", oauth}, wantErr: ErrMismatch},
		{name: "no-authorization-server",
			docs:      map[string]canned{inserted: {body: `{"resource":"{{base}}/mcp"}`}},
			wantPaths: []string{inserted}, wantErr: ErrInvalidMetadata},
		{name: "resource-metadata-http-public",
			challenges: []string{`Bearer resource_metadata="http://169.254.169.254/latest/meta-data/"`},
			wantErr:    ErrRefused},
		{name: "resource-metadata-https-private",
			challenges: []string{`Bearer resource_metadata="https://10.0.0.1/.well-known/oauth-protected-resource"`},
			wantErr:    ErrRefused},
		{name: "authorization-server-private",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{"/meta": {body: `{"resource":"{{base}}/mcp","authorization_servers":["https://192.168.1.1/"]}`}},
			wantPaths:  []string{"/meta"}, wantErr: ErrRefused},
		{name: "resource-metadata-redirects-to-metadata-service",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta"`},
			docs:       map[string]canned{"/meta": {status: http.StatusFound, location: "http://169.254.169.254/latest/meta-data/"}},
			wantPaths:  []string{"/meta"}, wantErr: ErrRefused},
		{name: "bad-scope",
			challenges: []string{`Bearer resource_metadata="{{base}}/meta", scope="a\"b"`},
			docs:       map[string]canned{"/meta": {body: prmMCP}, oauth: {body: asTenant1}},
			wantErr:    errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newDocServer(t, tc.docs)
			n := newTestNet(t)
			c := n.client(ClientOptions{AllowLoopback: true}, nil)
			var challenges []string
			for _, ch := range tc.challenges {
				challenges = append(challenges, strings.ReplaceAll(ch, "{{base}}", s.URL))
			}
			d, err := Discover(context.Background(), c, unauthorized(t, s.URL+"/mcp", challenges...))
			if diff := cmp.Diff(tc.wantPaths, s.seen()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			for _, r := range n.records() {
				if !strings.HasPrefix(r.address, "127.0.0.1:") && r.refused == nil {
					t.Errorf("the rules allowed a connection to %s", r.address)
				}
			}
			if tc.want == nil {
				if err == nil || tc.wantErr != errAny && !errors.Is(err, tc.wantErr) {
					t.Errorf("Discover() = %+v, %v; want an error wrapping %v", d, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Discover(): %v", err)
			}
			want := expand(*tc.want, s.URL)
			if diff := cmp.Diff(&want, d); diff != "" {
				t.Errorf("Discover() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// errAny in a test case stands for any error.
var errAny = errors.New("any error")

// expand replaces "{{base}}" with base in the URLs of d.
func expand(d Discovery, base string) Discovery {
	r := strings.NewReplacer("{{base}}", base).Replace
	list := func(l []string) []string {
		if l == nil {
			return nil
		}
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = r(s)
		}
		return out
	}
	d.ResourceMetadataURL = r(d.ResourceMetadataURL)
	d.ResourceMetadata.Resource = r(d.ResourceMetadata.Resource)
	d.ResourceMetadata.AuthorizationServers = list(d.ResourceMetadata.AuthorizationServers)
	as := &d.AuthorizationServer
	as.Issuer, as.AuthorizationEndpoint, as.TokenEndpoint = r(as.Issuer), r(as.AuthorizationEndpoint), r(as.TokenEndpoint)
	return d
}

// TestDiscoverRealResponse runs the flow as a client does: a request that
// draws a 401, then discovery from that response.
func TestDiscoverRealResponse(t *testing.T) {
	s := newDocServer(t, map[string]canned{
		"/mcp":  {status: http.StatusUnauthorized, contentType: "text/plain", wwwAuthenticate: `Bearer resource_metadata="{{base}}/meta", scope="files:read"`},
		"/meta": {body: prmMCP},
		"/.well-known/oauth-authorization-server/tenant1": {body: asTenant1},
	})
	c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
	resp, err := c.Get(s.URL + "/mcp#section")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	d, err := Discover(context.Background(), c, resp)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	if d.ResourceMetadata.Resource != s.URL+"/mcp" || d.AuthorizationServer.TokenEndpoint != s.URL+"/token" || !d.PKCE {
		t.Errorf("Discover() = %+v", d)
	}
}

// TestDiscoverArguments checks the responses Discover refuses outright.
func TestDiscoverArguments(t *testing.T) {
	proxy := unauthorized(t, "https://api.example.com/mcp")
	proxy.StatusCode = http.StatusProxyAuthRequired
	for name, resp := range map[string]*http.Response{
		"nil":        nil,
		"no-request": {StatusCode: 401, Header: http.Header{}},
		"407":        proxy,
	} {
		t.Run(name, func(t *testing.T) {
			n := newTestNet(t)
			if _, err := Discover(context.Background(), n.client(ClientOptions{}, nil), resp); err == nil {
				t.Error("no error")
			}
			if r := n.records(); len(r) != 0 {
				t.Errorf("connection attempts: %v", r)
			}
		})
	}
}

// TestErrorsDoNotQuoteResponses plants a marker in every part of hostile
// responses that a careless error could quote (a document's members, its
// body, its content type, a redirect's target, a URL a document names, a
// challenge's parameters) and checks that no error message holds it.
func TestErrorsDoNotQuoteResponses(t *testing.T) {
	const marker = "MARKER-c0ffee"
	tests := []struct {
		name       string
		challenges []string
		docs       map[string]canned
	}{
		{"resource-mismatch", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"https://` + marker + `.example/"}`}}},
		{"issuer-mismatch", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp":       {body: prmMCP},
			"/.well-known/oauth-authorization-server/tenant1": {body: `{"issuer":"https://` + marker + `.example"}`}}},
		{"not-json", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource": ` + marker + `}`}}},
		{"wrong-type", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource": ["` + marker + `"]}`}}},
		{"invalid-member", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"{{base}}/mcp","jwks_uri":"http://` + marker + `.example/"}`}}},
		{"invalid-scope", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"{{base}}/mcp","scopes_supported":["` + marker + ` x"]}`}}},
		{"content-type", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {contentType: "text/" + marker, body: marker},
			"/.well-known/oauth-protected-resource":     {contentType: "application/" + marker, body: marker}}},
		{"server-error-body", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {status: 500, body: marker}}},
		{"too-large", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"` + strings.Repeat(marker, 1<<20/len(marker)+1) + `"}`}}},
		{"redirect-to-refused", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {status: http.StatusFound, location: "http://169.254.169.254/" + marker}}},
		{"authorization-server-refused", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"{{base}}/mcp","authorization_servers":["https://10.0.0.1/` + marker + `"]}`}}},
		{"authorization-server-unresolved", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp": {body: `{"resource":"{{base}}/mcp","authorization_servers":["https://` + marker + `.test/"]}`}}},
		{"authorization-server-invalid", nil, map[string]canned{
			"/.well-known/oauth-protected-resource/mcp":       {body: prmMCP},
			"/.well-known/oauth-authorization-server/tenant1": {body: `{"issuer":"{{base}}/tenant1","token_endpoint":"ftp://` + marker + `/"}`}}},
		{"challenge-resource-metadata", []string{`Bearer resource_metadata="http://` + marker + `.example/"`}, nil},
		{"challenge-scope", []string{`Bearer scope="` + marker + `\"x"`}, nil},
		{"challenge-resource-metadata-refused", []string{`Bearer resource_metadata="https://[::ffff:10.0.0.1]/` + marker + `"`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newDocServer(t, tc.docs)
			c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
			_, err := Discover(context.Background(), c, unauthorized(t, s.URL+"/mcp", tc.challenges...))
			if err == nil {
				t.Fatal("no error")
			}
			for _, verb := range []string{"%v", "%+v", "%s", "%q"} {
				if msg := fmt.Sprintf(verb, err); strings.Contains(msg, marker) {
					t.Errorf("the error quotes the response (%s): %s", verb, msg)
				}
			}
		})
	}
}
