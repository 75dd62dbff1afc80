package resourceserver_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// flowAS is a stand-in authorization server: it issues opaque tokens with
// the scopes asked for, and the resource's verifier looks them up.
type flowAS struct {
	mu     sync.Mutex
	tokens map[string][]string
}

func (as *flowAS) issue(scopes []string) string {
	as.mu.Lock()
	defer as.mu.Unlock()
	if as.tokens == nil {
		as.tokens = map[string][]string{}
	}
	tok := "at-" + strings.Join(scopes, "-")
	tok = strings.NewReplacer(":", ".").Replace(tok)
	as.tokens[tok] = slices.Clone(scopes)
	return tok
}

func (as *flowAS) verify(r *http.Request, token string) (resourceserver.TokenInfo, error) {
	as.mu.Lock()
	defer as.mu.Unlock()
	scopes, ok := as.tokens[token]
	if !ok {
		return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
	}
	return resourceserver.TokenInfo{Scopes: scopes, Subject: "user-1"}, nil
}

// flowServer starts an MCP-like server: /mcp behind RequireBearer, its
// metadata at the RFC 9728 well-known path. It returns the server and the
// resource identifier.
func flowServer(t *testing.T, as *flowAS) (*httptest.Server, string) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	resource := srv.URL + "/mcp"

	metadataURL, err := resourceserver.MetadataURL(resource)
	if err != nil {
		t.Fatal(err)
	}
	path, err := resourceserver.MetadataPath(resource)
	if err != nil {
		t.Fatal(err)
	}
	md, err := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:               resource,
		AuthorizationServers:   []string{"https://as.example.com"},
		ScopesSupported:        []string{"mcp:tools", "mcp:admin"},
		BearerMethodsSupported: []string{"header"},
	})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(path, md)

	require := resourceserver.RequireBearer(as.verify, resourceserver.Options{
		ResourceMetadata: metadataURL,
		Scopes:           []string{"mcp:tools"},
	})
	mux.Handle("/mcp", require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("tool") == "admin" && !resourceserver.RequireScopes(w, r, "mcp:admin") {
			return
		}
		info, _ := resourceserver.TokenInfoFrom(r.Context())
		io.WriteString(w, "ok "+info.Subject)
	})))
	return srv, resource
}

// flowGet requests url with the token, if any, and returns the response
// with its body read.
func flowGet(t *testing.T, c *http.Client, url, token string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		cred, err := authz.BearerCredentials(token)
		if err != nil {
			t.Fatal(err)
		}
		if err := authz.Set(req.Header, cred); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestFlow runs the MCP flow end to end: /mcp without credentials, 401,
// the challenge parsed, the metadata fetched and checked, a token, 200;
// then a tool that needs more, 403, step-up, 200.
func TestFlow(t *testing.T) {
	as := &flowAS{}
	srv, resource := flowServer(t, as)
	client := srv.Client()

	// 1. No credentials: 401 and a challenge.
	resp, _ := flowGet(t, client, resource, "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET /mcp without credentials: %d, want 401", resp.StatusCode)
	}
	ch, err := wwwauth.ParseResponse(resp)
	if err != nil || len(ch.Recoveries) != 0 {
		t.Fatalf("ParseResponse: %+v, %v", ch, err)
	}
	if code, _ := ch.ErrorCode(); code != "" {
		t.Errorf("401 without credentials carries error=%q", code)
	}

	// 2. The metadata URL from the challenge, and the scopes to ask for.
	metadataURL, err := ch.ResourceMetadata()
	if err != nil {
		t.Fatalf("ResourceMetadata: %v", err)
	}
	if want, _ := resourceserver.MetadataURL(resource); metadataURL != want {
		t.Errorf("resource_metadata = %q, want %q", metadataURL, want)
	}
	scopes, err := ch.Scope()
	if err != nil || !slices.Equal(scopes, []string{"mcp:tools"}) {
		t.Errorf("Scope() = %q, %v; want [mcp:tools]", scopes, err)
	}

	// 3. The metadata, checked against the URL the client requested
	// (RFC 9728, Section 3.3).
	fetcher := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	md, err := authclient.FetchResourceMetadata(context.Background(), fetcher, metadataURL, resource)
	if err != nil {
		t.Fatalf("FetchResourceMetadata: %v", err)
	}
	if diff := cmp.Diff([]string{"https://as.example.com"}, md.AuthorizationServers); diff != "" {
		t.Errorf("authorization_servers mismatch (-want +got):\n%s", diff)
	}

	// 4. A token from the authorization server; the retry succeeds.
	token := as.issue(scopes)
	resp, body := flowGet(t, client, resource, token)
	if resp.StatusCode != http.StatusOK || body != "ok user-1" {
		t.Fatalf("GET /mcp with a token: %d %q, want 200 %q", resp.StatusCode, body, "ok user-1")
	}

	// 5. A tool that needs more: 403 insufficient_scope, step-up.
	resp, _ = flowGet(t, client, resource+"?tool=admin", token)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("GET admin tool: %d, want 403", resp.StatusCode)
	}
	ch, err = wwwauth.ParseResponse(resp)
	if err != nil {
		t.Fatal(err)
	}
	wantChallenge := `Bearer scope="mcp:tools mcp:admin", error="insufficient_scope", resource_metadata="` + metadataURL + `"`
	if got := resp.Header.Get("WWW-Authenticate"); got != wantChallenge {
		t.Errorf("403 WWW-Authenticate = %q, want %q", got, wantChallenge)
	}
	if code, _ := ch.ErrorCode(); code != wwwauth.CodeInsufficientScope || code.Status() != resp.StatusCode {
		t.Errorf("ErrorCode() = %q", code)
	}
	scopes, _ = ch.Scope()
	token = as.issue(scopes)
	resp, body = flowGet(t, client, resource+"?tool=admin", token)
	if resp.StatusCode != http.StatusOK || body != "ok user-1" {
		t.Errorf("GET admin tool after step-up: %d %q, want 200", resp.StatusCode, body)
	}

	// 6. A token the server does not know: 401 invalid_token.
	resp, _ = flowGet(t, client, resource, "at-forged")
	ch, _ = wwwauth.ParseResponse(resp)
	if code, _ := ch.ErrorCode(); resp.StatusCode != 401 || code != wwwauth.CodeInvalidToken {
		t.Errorf("forged token: %d %q, want 401 invalid_token", resp.StatusCode, code)
	}
}

// TestFlowWellKnownFallback checks the other discovery path: a client that
// gets no resource_metadata tries the well-known URL of the resource, which
// is where resourceserver.MetadataPath mounts the document, and the
// document's resource matches the identifier it derived it from.
func TestFlowWellKnownFallback(t *testing.T) {
	srv, resource := flowServer(t, &flowAS{})
	fetcher := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	if _, err := authclient.FetchResourceMetadata(context.Background(), fetcher, "", resource); err != nil {
		t.Errorf("FetchResourceMetadata(%q): %v", resource, err)
	}
	// Another resource identifier on the same server must not accept this
	// document.
	u, err := resourceserver.MetadataURL(resource)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := authclient.FetchResourceMetadata(context.Background(), fetcher, u, srv.URL+"/other"); err == nil {
		t.Error("the document of another resource was accepted")
	}
}
