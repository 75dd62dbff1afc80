package authclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/httpauth-go/httpauth/authclient"
)

// A client that knows the resource it wants, and no challenge told it
// where the metadata is, looks at the resource's well-known URLs.
func ExampleFetchResourceMetadata() {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resource := srv.URL + "/mcp"
	metadata := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"resource":%q,"authorization_servers":["https://auth.example.com"],"scopes_supported":["mcp:tools"]}`, resource)
	}
	mux.HandleFunc("GET /.well-known/oauth-protected-resource/mcp", metadata)
	mux.HandleFunc("GET /.well-known/oauth-protected-resource", metadata)

	// Loopback is allowed for the example's server; leave it out for a
	// real one.
	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	md, err := authclient.FetchResourceMetadata(context.Background(), client, "", resource)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(md.Resource == resource, md.AuthorizationServers, md.ScopesSupported)

	// For another resource of the host, the root document is found, but
	// it is about /mcp, so it is refused (RFC 9728, Section 3.3).
	_, err = authclient.FetchResourceMetadata(context.Background(), client, "", srv.URL+"/other")
	fmt.Println(errors.Is(err, authclient.ErrMismatch), err)
	// Output:
	// true [https://auth.example.com] [mcp:tools]
	// true authclient: protected resource metadata (root well-known URL): its resource is not the resource identifier requested (RFC 9728, Section 3.3)
}

// An authorization server that only publishes OpenID Connect discovery,
// at the path-appended URL, is found on the third try.
func ExampleFetchAuthorizationServerMetadata() {
	var requested []string
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	issuer := srv.URL + "/realms/demo"
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		requested = append(requested, r.URL.Path)
		if r.URL.Path != "/realms/demo/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"issuer":%q,"authorization_endpoint":"%[1]s/auth","token_endpoint":"%[1]s/token","code_challenge_methods_supported":["S256"]}`, issuer)
	})

	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	md, err := authclient.FetchAuthorizationServerMetadata(context.Background(), client, issuer)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(requested, "\n"))
	fmt.Println(strings.TrimPrefix(md.TokenEndpoint, srv.URL), md.CodeChallengeMethodsSupported)
	// Output:
	// /.well-known/oauth-authorization-server/realms/demo
	// /.well-known/openid-configuration/realms/demo
	// /realms/demo/.well-known/openid-configuration
	// /realms/demo/token [S256]
}
