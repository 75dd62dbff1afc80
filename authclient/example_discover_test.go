package authclient_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/httpauth-go/httpauth/authclient"
)

// An MCP client's discovery: request the resource, get a 401, and learn
// from it where to get a token, for which scopes, and whether PKCE S256
// can be used.
func ExampleDiscover() {
	// A resource and its authorization server, on loopback for the
	// example.
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	json := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, strings.ReplaceAll(body, "{{base}}", srv.URL))
		}
	}
	mux.HandleFunc("/mcp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+srv.URL+`/.well-known/oauth-protected-resource/mcp", scope="files:read"`)
		w.WriteHeader(http.StatusUnauthorized)
	})
	mux.Handle("/.well-known/oauth-protected-resource/mcp", json(
		`{"resource":"{{base}}/mcp","authorization_servers":["{{base}}/auth"],"scopes_supported":["files:read","files:write"]}`))
	mux.Handle("/.well-known/oauth-authorization-server/auth", json(
		`{"issuer":"{{base}}/auth","authorization_endpoint":"{{base}}/auth/authorize","token_endpoint":"{{base}}/auth/token","code_challenge_methods_supported":["S256"]}`))

	// The client. Loopback is allowed for the example's server.
	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	resp, err := client.Get(srv.URL + "/mcp")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	d, err := authclient.Discover(context.Background(), client, resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	local := func(u string) string { return strings.TrimPrefix(u, srv.URL) }
	fmt.Println("status:", resp.StatusCode)
	fmt.Println("resource:", local(d.ResourceMetadata.Resource))
	fmt.Println("authorize at:", local(d.AuthorizationServer.AuthorizationEndpoint))
	fmt.Println("token from:", local(d.AuthorizationServer.TokenEndpoint))
	fmt.Println("scopes:", d.Scopes)
	fmt.Println("PKCE S256:", d.PKCE)
	// Output:
	// status: 401
	// resource: /mcp
	// authorize at: /auth/authorize
	// token from: /auth/token
	// scopes: [files:read]
	// PKCE S256: true
}

// The snippet of the README's section "Discovering authorization from a
// 401 (authclient)", verbatim, in a function with resp and ctx in scope.
// It is compiled, not run: its default client reaches only public https
// servers, so it needs a real resource.
func Example_readme() {
	var resp *http.Response // the 401 of a protected resource
	ctx := context.Background()

	d, err := authclient.Discover(ctx, nil, resp) // nil: authclient.NewClient's safe default
	if err != nil {
		log.Fatal(err) // never quotes what the servers sent
	}
	if !d.PKCE {
		log.Fatal("the authorization server does not support PKCE S256")
	}
	fmt.Println("authorize at", d.AuthorizationServer.AuthorizationEndpoint)
	fmt.Println("token from", d.AuthorizationServer.TokenEndpoint)
	fmt.Println("scopes", d.Scopes, "for resource", d.ResourceMetadata.Resource)
}
