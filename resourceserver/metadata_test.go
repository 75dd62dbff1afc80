package resourceserver_test

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// TestMetadataURL checks RFC 9728, Section 3.1 path insertion.
func TestMetadataURL(t *testing.T) {
	tests := []struct {
		name     string
		comment  string
		resource string
		want     string
		wantPath string
		wantErr  bool
	}{
		{name: "mcp", comment: "the issue's example",
			resource: "https://api.example.com/mcp",
			want:     "https://api.example.com/.well-known/oauth-protected-resource/mcp", wantPath: "/.well-known/oauth-protected-resource/mcp"},
		{name: "rfc-root", comment: "RFC 9728, Section 3.1: no path",
			resource: "https://resource.example.com",
			want:     "https://resource.example.com/.well-known/oauth-protected-resource", wantPath: "/.well-known/oauth-protected-resource"},
		{name: "rfc-path", comment: "RFC 9728, Section 3.1: resource1",
			resource: "https://resource.example.com/resource1",
			want:     "https://resource.example.com/.well-known/oauth-protected-resource/resource1", wantPath: "/.well-known/oauth-protected-resource/resource1"},
		{name: "root-slash", comment: "the terminating slash after the host goes",
			resource: "https://api.example.com/",
			want:     "https://api.example.com/.well-known/oauth-protected-resource", wantPath: "/.well-known/oauth-protected-resource"},
		{name: "path-slash", comment: "so does a terminating slash of the path",
			resource: "https://api.example.com/mcp/",
			want:     "https://api.example.com/.well-known/oauth-protected-resource/mcp", wantPath: "/.well-known/oauth-protected-resource/mcp"},
		{name: "deep", comment: "a deep path keeps its segments",
			resource: "https://gw.example.com/servers/abc-123/mcp",
			want:     "https://gw.example.com/.well-known/oauth-protected-resource/servers/abc-123/mcp", wantPath: "/.well-known/oauth-protected-resource/servers/abc-123/mcp"},
		{name: "query", comment: "a query stays after the path",
			resource: "https://api.example.com/mcp?tenant=a",
			want:     "https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=a", wantPath: "/.well-known/oauth-protected-resource/mcp"},
		{name: "query-only", comment: "a query with no path goes after the well-known path, not inside the query",
			resource: "https://api.example.com?tenant=a",
			want:     "https://api.example.com/.well-known/oauth-protected-resource?tenant=a", wantPath: "/.well-known/oauth-protected-resource"},
		{name: "port", comment: "the port stays with the host",
			resource: "https://api.example.com:8443/mcp",
			want:     "https://api.example.com:8443/.well-known/oauth-protected-resource/mcp", wantPath: "/.well-known/oauth-protected-resource/mcp"},
		{name: "escaped", comment: "percent-encoding is kept as spelled",
			resource: "https://api.example.com/a%2Fb",
			want:     "https://api.example.com/.well-known/oauth-protected-resource/a%2Fb", wantPath: "/.well-known/oauth-protected-resource/a%2Fb"},
		{name: "loopback", comment: "http on a loopback host",
			resource: "http://127.0.0.1:8080/mcp",
			want:     "http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp", wantPath: "/.well-known/oauth-protected-resource/mcp"},
		{name: "http", comment: "http to a public host", resource: "http://api.example.com/mcp", wantErr: true},
		{name: "fragment", comment: "RFC 9728, Section 1.2: no fragment", resource: "https://api.example.com/mcp#x", wantErr: true},
		{name: "relative", comment: "not absolute", resource: "/mcp", wantErr: true},
		{name: "userinfo", comment: "no userinfo", resource: "https://u:p@api.example.com/mcp", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resourceserver.MetadataURL(tc.resource)
			path, perr := resourceserver.MetadataPath(tc.resource)
			if tc.wantErr {
				if !errors.Is(err, resourceserver.ErrInvalidResource) || !errors.Is(perr, resourceserver.ErrInvalidResource) {
					t.Errorf("%s: MetadataURL() = %q, %v; MetadataPath() = %q, %v; want ErrInvalidResource", tc.comment, got, err, path, perr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("%s: MetadataURL(%q) = %q, %v; want %q", tc.comment, tc.resource, got, err, tc.want)
			}
			if perr != nil || path != tc.wantPath {
				t.Errorf("%s: MetadataPath(%q) = %q, %v; want %q", tc.comment, tc.resource, path, perr, tc.wantPath)
			}
		})
	}
}

// TestValidate checks the metadata rules.
func TestValidate(t *testing.T) {
	ok := resourceserver.Metadata{Resource: "https://api.example.com/mcp", AuthorizationServers: []string{"https://as.example.com"},
		ScopesSupported: []string{"mcp:read"}, BearerMethodsSupported: []string{"header"}}
	mod := func(f func(m *resourceserver.Metadata)) resourceserver.Metadata {
		m := ok
		f(&m)
		return m
	}
	tests := []struct {
		name    string
		comment string
		m       resourceserver.Metadata
		field   string // "" if valid
	}{
		{name: "ok", comment: "a typical MCP document", m: ok},
		{name: "no-resource", comment: "resource is required", m: mod(func(m *resourceserver.Metadata) { m.Resource = "" }), field: "resource"},
		{name: "http-resource", comment: "resource is https", m: mod(func(m *resourceserver.Metadata) { m.Resource = "http://api.example.com/" }), field: "resource"},
		{name: "as-http", comment: "an authorization server over http", m: mod(func(m *resourceserver.Metadata) { m.AuthorizationServers = []string{"http://as.example.com"} }), field: "authorization_servers"},
		{name: "as-query", comment: "RFC 8414: an issuer has no query", m: mod(func(m *resourceserver.Metadata) { m.AuthorizationServers = []string{"https://as.example.com?x=1"} }), field: "authorization_servers"},
		{name: "scope", comment: "a scope with a space", m: mod(func(m *resourceserver.Metadata) { m.ScopesSupported = []string{"a b"} }), field: "scopes_supported"},
		{name: "method", comment: "an unknown bearer method", m: mod(func(m *resourceserver.Metadata) { m.BearerMethodsSupported = []string{"cookie"} }), field: "bearer_methods_supported"},
		{name: "jwks", comment: "jwks_uri over http", m: mod(func(m *resourceserver.Metadata) { m.JWKSURI = "http://api.example.com/jwks" }), field: "jwks_uri"},
		{name: "doc", comment: "a relative documentation URL", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "/docs" }), field: "resource_documentation"},
		{name: "doc-https", comment: "a documentation page with a fragment", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "https://docs.example.com/mcp#auth" })},
		{name: "doc-loopback", comment: "http on a loopback host, for a server in development", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "http://localhost:8080/docs" })},
		{name: "doc-javascript", comment: "RFC 9728, Section 7: a script, not a page", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "javascript:alert(document.cookie)" }), field: "resource_documentation"},
		{name: "doc-data", comment: "a data: URL can render a fake login page", m: mod(func(m *resourceserver.Metadata) {
			m.ResourceDocumentation = "data:text/html;base64,PGgxPkxvZ2luPC9oMT4="
		}), field: "resource_documentation"},
		{name: "doc-file", comment: "a file on the user's machine", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "file:///etc/passwd" }), field: "resource_documentation"},
		{name: "doc-http", comment: "http to a public host", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "http://docs.example.com/" }), field: "resource_documentation"},
		{name: "doc-userinfo", comment: "userinfo that makes the URL look like another site", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "https://bank.example@evil.example/" }), field: "resource_documentation"},
		{name: "doc-no-host", comment: "https without a host", m: mod(func(m *resourceserver.Metadata) { m.ResourceDocumentation = "https:///docs" }), field: "resource_documentation"},
		{name: "policy-javascript", comment: "resource_policy_uri is checked the same way",
			m: mod(func(m *resourceserver.Metadata) { m.ResourcePolicyURI = "javascript:alert(1)" }), field: "resource_policy_uri"},
		{name: "tos-data", comment: "and resource_tos_uri",
			m: mod(func(m *resourceserver.Metadata) { m.ResourceTOSURI = "data:text/html,<h1>Sign in</h1>" }), field: "resource_tos_uri"},
		{name: "tos-https", comment: "an https terms page",
			m: mod(func(m *resourceserver.Metadata) { m.ResourceTOSURI = "https://api.example.com/tos" })},
		{name: "dpop-alg", comment: "an empty alg", m: mod(func(m *resourceserver.Metadata) { m.DPoPSigningAlgValuesSupported = []string{""} }), field: "dpop_signing_alg_values_supported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.m.Validate()
			var fe *resourceserver.FieldError
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("%s: Validate() = %v", tc.comment, err)
			case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field || !errors.Is(err, resourceserver.ErrInvalidMetadata)):
				t.Errorf("%s: Validate() = %v, want a *FieldError for %s", tc.comment, err, tc.field)
			}
		})
	}
}

// TestHandler checks the metadata endpoint.
func TestHandler(t *testing.T) {
	m := resourceserver.Metadata{
		Resource:               "https://api.example.com/mcp",
		AuthorizationServers:   []string{"https://as.example.com"},
		ScopesSupported:        []string{"mcp:read", "mcp:write"},
		BearerMethodsSupported: []string{"header"},
		ResourceName:           "Example MCP",
	}
	h, err := resourceserver.NewHandler(m)
	if err != nil {
		t.Fatal(err)
	}
	const wantBody = `{"resource":"https://api.example.com/mcp","authorization_servers":["https://as.example.com"],"scopes_supported":["mcp:read","mcp:write"],"bearer_methods_supported":["header"],"resource_name":"Example MCP"}` + "\n"
	tests := []struct {
		name    string
		comment string
		method  string
		status  int
		body    string
		header  map[string]string
	}{
		{name: "get", comment: "RFC 9728, Section 3.2: 200 and application/json; empty members left out",
			method: "GET", status: 200, body: wantBody,
			header: map[string]string{"Content-Type": "application/json", "Access-Control-Allow-Origin": "*"}},
		{name: "head", comment: "HEAD: the headers, no body",
			method: "HEAD", status: 200, body: "", header: map[string]string{"Content-Type": "application/json"}},
		{name: "options", comment: "a CORS preflight",
			method: "OPTIONS", status: 204, body: "", header: map[string]string{"Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"}},
		{name: "post", comment: "other methods are refused",
			method: "POST", status: 405, body: "Method Not Allowed\n", header: map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, "/.well-known/oauth-protected-resource/mcp", nil))
			if rec.Code != tc.status {
				t.Errorf("%s: status %d, want %d", tc.comment, rec.Code, tc.status)
			}
			if diff := cmp.Diff(tc.body, rec.Body.String()); diff != "" {
				t.Errorf("%s: body mismatch (-want +got):\n%s", tc.comment, diff)
			}
			for k, v := range tc.header {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q", tc.comment, k, got, v)
				}
			}
		})
	}
	var back resourceserver.Metadata
	if err := json.Unmarshal([]byte(wantBody), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("json.Unmarshal(body) mismatch (-want +got):\n%s", diff)
	}
	if _, err := resourceserver.NewHandler(resourceserver.Metadata{}); !errors.Is(err, resourceserver.ErrInvalidMetadata) {
		t.Errorf("NewHandler(zero) error = %v, want ErrInvalidMetadata", err)
	}
}
