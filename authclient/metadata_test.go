package authclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// A canned is a response a docServer gives for a request URI.
type canned struct {
	status      int    // 0: 200
	contentType string // "": application/json; "-": no Content-Type field
	body        string // "{{base}}" stands for the server's URL

	wwwAuthenticate string // a WWW-Authenticate field, "{{base}}" as in body
	location        string // a Location field, "{{base}}" as in body
}

// docServer is a loopback server that answers from a table of request
// URIs and records the URIs it is asked for, in order. Any other URI gets
// a 404.
type docServer struct {
	*httptest.Server
	mu    sync.Mutex
	docs  map[string]canned
	paths []string
}

func newDocServer(t testing.TB, docs map[string]canned) *docServer {
	s := &docServer{docs: docs}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.RequestURI())
		c, ok := s.docs[r.URL.RequestURI()]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch c.contentType {
		case "":
			w.Header().Set("Content-Type", "application/json")
		case "-":
			w.Header()["Content-Type"] = nil // and no sniffing
		default:
			w.Header().Set("Content-Type", c.contentType)
		}
		if c.wwwAuthenticate != "" {
			w.Header().Set("WWW-Authenticate", strings.ReplaceAll(c.wwwAuthenticate, "{{base}}", s.URL))
		}
		if c.location != "" {
			w.Header().Set("Location", strings.ReplaceAll(c.location, "{{base}}", s.URL))
		}
		if c.status != 0 {
			w.WriteHeader(c.status)
		}
		w.Write([]byte(strings.ReplaceAll(c.body, "{{base}}", s.URL)))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *docServer) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// TestResourceMetadataCandidates checks the URLs where the metadata of a
// resource is looked for: RFC 9728, Section 3.1 path insertion, then the
// root, as the MCP authorization specification orders them.
func TestResourceMetadataCandidates(t *testing.T) {
	tests := []struct {
		name     string
		resource string
		want     []string
	}{
		{"mcp", "https://api.example.com/mcp", []string{
			"https://api.example.com/.well-known/oauth-protected-resource/mcp",
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"rfc-root", "https://resource.example.com", []string{
			"https://resource.example.com/.well-known/oauth-protected-resource"}},
		{"root-slash", "https://api.example.com/", []string{
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"path-slash", "https://api.example.com/mcp/", []string{
			"https://api.example.com/.well-known/oauth-protected-resource/mcp",
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"deep", "https://gw.example.com/servers/abc-123/mcp", []string{
			"https://gw.example.com/.well-known/oauth-protected-resource/servers/abc-123/mcp",
			"https://gw.example.com/.well-known/oauth-protected-resource"}},
		{"query", "https://api.example.com/mcp?tenant=a", []string{
			"https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=a",
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"query-only", "https://api.example.com?tenant=a", []string{
			"https://api.example.com/.well-known/oauth-protected-resource?tenant=a",
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"port", "https://api.example.com:8443/mcp", []string{
			"https://api.example.com:8443/.well-known/oauth-protected-resource/mcp",
			"https://api.example.com:8443/.well-known/oauth-protected-resource"}},
		{"escaped", "https://api.example.com/a%2Fb", []string{
			"https://api.example.com/.well-known/oauth-protected-resource/a%2Fb",
			"https://api.example.com/.well-known/oauth-protected-resource"}},
		{"loopback", "http://127.0.0.1:8080/mcp", []string{
			"http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp",
			"http://127.0.0.1:8080/.well-known/oauth-protected-resource"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, _, err := resourceMetadataCandidates("", tc.resource)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.url)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("candidates of %s (-want +got):\n%s", tc.resource, diff)
			}
		})
	}
	for _, bad := range []string{"http://api.example.com/mcp", "https://api.example.com/mcp#x", "/mcp", "https://u:p@api.example.com/mcp"} {
		if _, _, err := resourceMetadataCandidates("", bad); !errors.Is(err, ErrRefused) {
			t.Errorf("resourceMetadataCandidates(%q) error = %v, want ErrRefused", bad, err)
		}
	}
}

// TestAuthorizationServerCandidates checks the order of the MCP
// authorization specification for issuers with and without a path.
func TestAuthorizationServerCandidates(t *testing.T) {
	tests := []struct {
		name   string
		issuer string
		want   []string
	}{
		{"no-path", "https://auth.example.com", []string{
			"https://auth.example.com/.well-known/oauth-authorization-server",
			"https://auth.example.com/.well-known/openid-configuration"}},
		{"slash", "https://auth.example.com/", []string{
			"https://auth.example.com/.well-known/oauth-authorization-server",
			"https://auth.example.com/.well-known/openid-configuration"}},
		{"path", "https://auth.example.com/tenant1", []string{
			"https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
			"https://auth.example.com/.well-known/openid-configuration/tenant1",
			"https://auth.example.com/tenant1/.well-known/openid-configuration"}},
		{"path-slash", "https://auth.example.com/realms/x/", []string{
			"https://auth.example.com/.well-known/oauth-authorization-server/realms/x",
			"https://auth.example.com/.well-known/openid-configuration/realms/x",
			"https://auth.example.com/realms/x/.well-known/openid-configuration"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := authorizationServerCandidates(tc.issuer)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.url)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("candidates of %s (-want +got):\n%s", tc.issuer, diff)
			}
		})
	}
	for _, bad := range []string{"https://auth.example.com?x=1", "https://auth.example.com/?", "http://auth.example.com", "https://auth.example.com#f"} {
		if _, err := authorizationServerCandidates(bad); !errors.Is(err, ErrRefused) {
			t.Errorf("authorizationServerCandidates(%q) error = %v, want ErrRefused", bad, err)
		}
	}
}

// TestFetchJSON checks what a fetch accepts as a document: the status,
// the content type and the size, and the cause and reason of each
// refusal.
func TestFetchJSON(t *testing.T) {
	const mib = 1 << 20
	exactly := `{"a":"` + strings.Repeat("x", mib-8) + `"}`
	tests := []struct {
		name       string
		resp       canned
		wantCause  error
		wantReason string
	}{
		{"ok", canned{body: `{"a":1}`}, nil, ""},
		{"charset", canned{contentType: "application/json; charset=utf-8", body: `{}`}, nil, ""},
		{"case", canned{contentType: "Application/JSON", body: `{}`}, nil, ""},
		{"leading-space", canned{body: " \n{}"}, nil, ""},
		{"exactly-1MiB", canned{body: exactly}, nil, ""},
		{"over-1MiB", canned{body: exactly + " "}, ErrInvalidMetadata, "document larger than 1048576 bytes"},
		{"html", canned{contentType: "text/html", body: "<html>"}, ErrNotFound, "content type is not application/json"},
		{"no-content-type", canned{contentType: "-", body: `{}`}, ErrNotFound, "content type is not application/json"},
		{"problem-json", canned{contentType: "application/problem+json", body: `{}`}, ErrNotFound, "content type is not application/json"},
		{"bad-content-type", canned{contentType: "application/json;;", body: `{}`}, ErrNotFound, "content type is not application/json"},
		{"status-404", canned{status: 404, body: `{}`}, ErrNotFound, "status 404"},
		{"status-401", canned{status: 401, body: `{}`}, ErrNotFound, "status 401"},
		{"status-500", canned{status: 500, body: `{}`}, ErrInvalidMetadata, "status 500"},
		{"status-204", canned{status: 204}, ErrInvalidMetadata, "status 204"},
		{"status-201", canned{status: 201, body: `{}`}, ErrInvalidMetadata, "status 201"},
		{"array", canned{body: `[{}]`}, ErrInvalidMetadata, "body is not a JSON object"},
		{"null", canned{body: `null`}, ErrInvalidMetadata, "body is not a JSON object"},
		{"empty", canned{body: ``}, ErrInvalidMetadata, "body is not a JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newDocServer(t, map[string]canned{"/doc": tc.resp})
			c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
			body, reason, cause := fetchJSON(context.Background(), c, s.URL+"/doc")
			if cause != tc.wantCause || reason != tc.wantReason {
				t.Errorf("fetchJSON() = %q, %v; want %q, %v", reason, cause, tc.wantReason, tc.wantCause)
			}
			if cause == nil && len(body) == 0 {
				t.Error("no body")
			}
		})
	}
}

// TestFetchTimeout checks that a server that sends its headers and then
// trickles the body does not hold the client beyond its timeout.
func TestFetchTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("{"))
		for i := 0; i < 40; i++ { // at most 2 s, if the client never gives up
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			w.Write([]byte(" "))
		}
	}))
	defer srv.Close()
	c := newTestNet(t).client(ClientOptions{AllowLoopback: true, Timeout: 200 * time.Millisecond}, nil)
	_, err := FetchResourceMetadata(context.Background(), c, srv.URL+"/md", srv.URL+"/mcp")
	if err == nil || !strings.HasSuffix(err.Error(), "timed out") {
		t.Errorf("error = %v, want a timeout", err)
	}

	// A shorter context deadline wins over the client's timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	c = newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
	_, err = FetchAuthorizationServerMetadata(ctx, c, srv.URL)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want one wrapping context.DeadlineExceeded", err)
	}
}

// A resource metadata document for a resource at {{base}}/mcp.
const prmMCP = `{"resource":"{{base}}/mcp","authorization_servers":["{{base}}/tenant1"],"scopes_supported":["files:read","files:write"]}`

// TestFetchResourceMetadata checks the order of the well-known URLs, the
// resource check of RFC 9728, Section 3.3, and the errors.
func TestFetchResourceMetadata(t *testing.T) {
	const (
		inserted = "/.well-known/oauth-protected-resource/mcp"
		root     = "/.well-known/oauth-protected-resource"
	)
	tests := []struct {
		name        string
		docs        map[string]canned
		metadataURL string // "{{base}}" stands for the server's URL
		wantPaths   []string
		wantErr     error
		wantMsg     string
	}{
		{name: "inserted",
			docs:      map[string]canned{inserted: {body: prmMCP}},
			wantPaths: []string{inserted}},
		{name: "root-after-404",
			docs:      map[string]canned{root: {body: prmMCP}},
			wantPaths: []string{inserted, root}},
		{name: "root-after-html",
			docs:      map[string]canned{inserted: {contentType: "text/html", body: "<p>"}, root: {body: prmMCP}},
			wantPaths: []string{inserted, root}},
		{name: "root-names-origin", // what RFC 9728, Section 3.3 asks of the root URL
			docs:      map[string]canned{root: {body: `{"resource":"{{base}}"}`}},
			wantPaths: []string{inserted, root}},
		{name: "root-names-origin-slash",
			docs:      map[string]canned{root: {body: `{"resource":"{{base}}/"}`}},
			wantPaths: []string{inserted, root}},
		{name: "inserted-names-origin", // but the path-inserted URL is the resource's own
			docs:      map[string]canned{inserted: {body: `{"resource":"{{base}}"}`}},
			wantPaths: []string{inserted}, wantErr: ErrMismatch,
			wantMsg: "authclient: protected resource metadata (path-inserted well-known URL): its resource is not the resource identifier requested (RFC 9728, Section 3.3)"},
		{name: "root-names-other",
			docs:      map[string]canned{root: {body: `{"resource":"{{base}}/other"}`}},
			wantPaths: []string{inserted, root}, wantErr: ErrMismatch},
		{name: "none",
			wantPaths: []string{inserted, root}, wantErr: ErrNotFound,
			wantMsg: "authclient: protected resource metadata: not found: path-inserted well-known URL: status 404; root well-known URL: status 404"},
		{name: "server-error-stops", // a 5xx is not "not here": no fallback
			docs:      map[string]canned{inserted: {status: 503}, root: {body: prmMCP}},
			wantPaths: []string{inserted}, wantErr: ErrInvalidMetadata,
			wantMsg: "authclient: protected resource metadata (path-inserted well-known URL): status 503"},
		{name: "invalid-stops",
			docs:      map[string]canned{inserted: {body: `{"resource":"{{base}}/mcp","bearer_methods_supported":["cookie"]}`}, root: {body: prmMCP}},
			wantPaths: []string{inserted}, wantErr: ErrInvalidMetadata,
			wantMsg: "authclient: protected resource metadata (path-inserted well-known URL): bearer_methods_supported element is not header, body or query"},
		{name: "not-metadata",
			docs:      map[string]canned{inserted: {body: `{"resource":5}`}},
			wantPaths: []string{inserted}, wantErr: ErrInvalidMetadata,
			wantMsg: "authclient: protected resource metadata (path-inserted well-known URL): body is not a JSON object of protected resource metadata"},
		{name: "challenge-url", // only the URL given: no well-known URL
			docs:        map[string]canned{"/meta": {body: prmMCP}},
			metadataURL: "{{base}}/meta",
			wantPaths:   []string{"/meta"}},
		{name: "challenge-url-404",
			docs:        map[string]canned{root: {body: prmMCP}},
			metadataURL: "{{base}}/meta",
			wantPaths:   []string{"/meta"}, wantErr: ErrNotFound},
		{name: "challenge-url-names-origin", // the request URL, strictly
			docs:        map[string]canned{"/meta": {body: `{"resource":"{{base}}"}`}},
			metadataURL: "{{base}}/meta",
			wantPaths:   []string{"/meta"}, wantErr: ErrMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newDocServer(t, tc.docs)
			c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
			md, err := FetchResourceMetadata(context.Background(), c, strings.ReplaceAll(tc.metadataURL, "{{base}}", s.URL), s.URL+"/mcp")
			if diff := cmp.Diff(tc.wantPaths, s.seen()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if tc.wantErr == nil {
				if err != nil || md == nil {
					t.Fatalf("FetchResourceMetadata() = %v, %v", md, err)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error = %v, want %v", err, tc.wantErr)
			}
			if tc.wantMsg != "" && (err == nil || err.Error() != tc.wantMsg) {
				t.Errorf("error = %v\nwant    %s", err, tc.wantMsg)
			}
		})
	}
}

// An authorization server metadata document for the issuer {{base}}/tenant1.
const asTenant1 = `{"issuer":"{{base}}/tenant1","authorization_endpoint":"{{base}}/authorize","token_endpoint":"{{base}}/token","response_types_supported":["code"],"code_challenge_methods_supported":["S256"]}`

// TestFetchAuthorizationServerMetadata checks the order of the MCP
// authorization specification and the issuer check of RFC 8414, Section
// 3.3.
func TestFetchAuthorizationServerMetadata(t *testing.T) {
	const (
		oauth    = "/.well-known/oauth-authorization-server/tenant1"
		oidc     = "/.well-known/openid-configuration/tenant1"
		appended = "/tenant1/.well-known/openid-configuration"
	)
	tests := []struct {
		name      string
		issuer    string // the path after {{base}}
		docs      map[string]canned
		wantPaths []string
		wantErr   error
		wantMsg   string
	}{
		{name: "oauth", issuer: "/tenant1",
			docs:      map[string]canned{oauth: {body: asTenant1}, oidc: {body: asTenant1}},
			wantPaths: []string{oauth}},
		{name: "oidc-inserted", issuer: "/tenant1",
			docs:      map[string]canned{oidc: {body: asTenant1}, appended: {body: asTenant1}},
			wantPaths: []string{oauth, oidc}},
		{name: "oidc-appended", issuer: "/tenant1",
			docs:      map[string]canned{appended: {body: asTenant1}},
			wantPaths: []string{oauth, oidc, appended}},
		{name: "no-path-oidc", issuer: "",
			docs:      map[string]canned{"/.well-known/openid-configuration": {body: `{"issuer":"{{base}}"}`}},
			wantPaths: []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}},
		{name: "none", issuer: "/tenant1",
			wantPaths: []string{oauth, oidc, appended}, wantErr: ErrNotFound,
			wantMsg: "authclient: authorization server metadata: not found: OAuth well-known URL: status 404; OpenID Connect well-known URL: status 404; OpenID Connect path-appended URL: status 404"},
		{name: "issuer-mismatch", issuer: "/tenant1",
			docs:      map[string]canned{oauth: {body: `{"issuer":"{{base}}/tenant2"}`}},
			wantPaths: []string{oauth}, wantErr: ErrMismatch,
			wantMsg: "authclient: authorization server metadata (OAuth well-known URL): its issuer is not the issuer identifier requested (RFC 8414, Section 3.3)"},
		{name: "issuer-slash-mismatch", issuer: "/tenant1", // identical means identical
			docs:      map[string]canned{oauth: {body: `{"issuer":"{{base}}/tenant1/"}`}},
			wantPaths: []string{oauth}, wantErr: ErrMismatch},
		{name: "issuer-missing", issuer: "/tenant1",
			docs:      map[string]canned{oauth: {body: `{"token_endpoint":"{{base}}/token"}`}},
			wantPaths: []string{oauth}, wantErr: ErrInvalidMetadata,
			wantMsg: "authclient: authorization server metadata (OAuth well-known URL): issuer is missing"},
		{name: "http-endpoint", issuer: "/tenant1",
			docs:      map[string]canned{oauth: {body: `{"issuer":"{{base}}/tenant1","token_endpoint":"http://auth.example.com/token"}`}},
			wantPaths: []string{oauth}, wantErr: ErrInvalidMetadata,
			wantMsg: "authclient: authorization server metadata (OAuth well-known URL): token_endpoint is neither https nor http on a loopback host"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newDocServer(t, tc.docs)
			c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
			md, err := FetchAuthorizationServerMetadata(context.Background(), c, s.URL+tc.issuer)
			if diff := cmp.Diff(tc.wantPaths, s.seen()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if tc.wantErr == nil {
				if err != nil || md == nil || md.Issuer != s.URL+tc.issuer {
					t.Fatalf("FetchAuthorizationServerMetadata() = %+v, %v", md, err)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error = %v, want %v", err, tc.wantErr)
			}
			if tc.wantMsg != "" && (err == nil || err.Error() != tc.wantMsg) {
				t.Errorf("error = %v\nwant    %s", err, tc.wantMsg)
			}
		})
	}
}

// TestResourceMetadataValidate checks the members a client refuses in a
// protected resource metadata document (RFC 9728, Section 2).
func TestResourceMetadataValidate(t *testing.T) {
	ok := ResourceMetadata{Resource: "https://api.example.com/mcp"}
	tests := []struct {
		name    string
		edit    func(*ResourceMetadata)
		wantErr string
	}{
		{"ok", func(m *ResourceMetadata) {}, ""},
		{"full", func(m *ResourceMetadata) {
			m.AuthorizationServers = []string{"https://auth.example.com", "http://127.0.0.1:9000/t"}
			m.JWKSURI = "https://api.example.com/jwks"
			m.ScopesSupported = []string{"files:read", "mcp"}
			m.BearerMethodsSupported = []string{"header", "body", "query"}
			m.ResourceDocumentation = "https://docs.example.com/"
		}, ""},
		{"no-resource", func(m *ResourceMetadata) { m.Resource = "" }, "resource is missing"},
		{"http-resource", func(m *ResourceMetadata) { m.Resource = "http://api.example.com/mcp" }, "resource is neither https nor http on a loopback host"},
		{"fragment-resource", func(m *ResourceMetadata) { m.Resource = "https://api.example.com/mcp#f" }, "resource has a fragment"},
		{"as-http", func(m *ResourceMetadata) { m.AuthorizationServers = []string{"http://auth.example.com"} }, "authorization_servers element is neither https nor http on a loopback host"},
		{"as-query", func(m *ResourceMetadata) { m.AuthorizationServers = []string{"https://auth.example.com?x"} }, "authorization_servers element has a query"},
		{"as-userinfo", func(m *ResourceMetadata) { m.AuthorizationServers = []string{"https://u@auth.example.com"} }, "authorization_servers element has userinfo"},
		{"jwks-http", func(m *ResourceMetadata) { m.JWKSURI = "http://10.0.0.1/jwks" }, "jwks_uri is neither https nor http on a loopback host"},
		{"scope-space", func(m *ResourceMetadata) { m.ScopesSupported = []string{"a b"} }, "scopes_supported element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E"},
		{"scope-empty", func(m *ResourceMetadata) { m.ScopesSupported = []string{""} }, "scopes_supported element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E"},
		{"bearer-method", func(m *ResourceMetadata) { m.BearerMethodsSupported = []string{"Header"} }, "bearer_methods_supported element is not header, body or query"},
		{"doc-relative", func(m *ResourceMetadata) { m.ResourceTOSURI = "/tos" }, "resource_tos_uri is not an absolute URL with a host"},
		// RFC 9728, Section 7 (phishing): a client shows or opens these
		// links, so it refuses what the server that publishes them must
		// not publish.
		{"doc-javascript", func(m *ResourceMetadata) { m.ResourceDocumentation = "javascript:alert(1)" }, "resource_documentation is not an absolute URL with a host"},
		{"doc-data", func(m *ResourceMetadata) { m.ResourcePolicyURI = "data:text/html,x" }, "resource_policy_uri is not an absolute URL with a host"},
		{"doc-file", func(m *ResourceMetadata) { m.ResourceTOSURI = "file:///etc/passwd" }, "resource_tos_uri is not an absolute URL with a host"},
		{"doc-userinfo", func(m *ResourceMetadata) { m.ResourceDocumentation = "https://bank.example@evil.example/" }, "resource_documentation has userinfo"},
		{"doc-http", func(m *ResourceMetadata) { m.ResourceDocumentation = "http://docs.example.com/" }, "resource_documentation is neither https nor http on a loopback host"},
		{"doc-fragment", func(m *ResourceMetadata) { m.ResourceDocumentation = "https://docs.example.com/#intro" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			err := m.validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Errorf("validate() = %q, want %q", got, tc.wantErr)
			}
		})
	}
}

// TestAuthorizationServerMetadataValidate checks the members a client
// refuses in an authorization server metadata document (RFC 8414,
// Section 2).
func TestAuthorizationServerMetadataValidate(t *testing.T) {
	ok := AuthorizationServerMetadata{Issuer: "https://auth.example.com"}
	tests := []struct {
		name    string
		edit    func(*AuthorizationServerMetadata)
		wantErr string
	}{
		{"ok", func(m *AuthorizationServerMetadata) {}, ""},
		{"full", func(m *AuthorizationServerMetadata) {
			m.AuthorizationEndpoint = "https://auth.example.com/authorize?tenant=a"
			m.TokenEndpoint = "https://auth.example.com/token"
			m.ResponseTypesSupported = []string{"code", "code id_token"}
			m.GrantTypesSupported = []string{"authorization_code", "urn:ietf:params:oauth:grant-type:device_code"}
			m.CodeChallengeMethodsSupported = []string{"S256"}
			m.ServiceDocumentation = "https://docs.example.com"
		}, ""},
		{"no-issuer", func(m *AuthorizationServerMetadata) { m.Issuer = "" }, "issuer is missing"},
		{"issuer-query", func(m *AuthorizationServerMetadata) { m.Issuer = "https://auth.example.com?a" }, "issuer has a query"},
		{"issuer-fragment", func(m *AuthorizationServerMetadata) { m.Issuer = "https://auth.example.com#a" }, "issuer has a fragment"},
		{"authorization-http", func(m *AuthorizationServerMetadata) { m.AuthorizationEndpoint = "http://auth.example.com/a" }, "authorization_endpoint is neither https nor http on a loopback host"},
		{"token-fragment", func(m *AuthorizationServerMetadata) { m.TokenEndpoint = "https://auth.example.com/t#x" }, "token_endpoint has a fragment"},
		{"registration-scheme", func(m *AuthorizationServerMetadata) { m.RegistrationEndpoint = "javascript:alert(1)" }, "registration_endpoint is not an absolute URL with a host"},
		{"scope", func(m *AuthorizationServerMetadata) { m.ScopesSupported = []string{"a\"b"} }, "scopes_supported element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E"},
		{"pkce-empty", func(m *AuthorizationServerMetadata) { m.CodeChallengeMethodsSupported = []string{""} }, "code_challenge_methods_supported element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E"},
		{"response-type-control", func(m *AuthorizationServerMetadata) { m.ResponseTypesSupported = []string{"code\n"} }, "response_types_supported element is empty or holds a character outside %x20-21 / %x23-5B / %x5D-7E"},
		{"policy-relative", func(m *AuthorizationServerMetadata) { m.OpPolicyURI = "policy" }, "op_policy_uri is not an absolute URL with a host"},
		{"policy-javascript", func(m *AuthorizationServerMetadata) { m.OpPolicyURI = "javascript:alert(1)" }, "op_policy_uri is not an absolute URL with a host"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			err := m.validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Errorf("validate() = %q, want %q", got, tc.wantErr)
			}
		})
	}
}
