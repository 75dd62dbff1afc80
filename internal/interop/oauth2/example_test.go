package oauth2interop_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"github.com/httpauth-go/httpauth/authclient"
)

// The whole flow: a request draws a 401; authclient.Discover learns from
// it the authorization server's endpoints, the scopes and the resource
// identifier; golang.org/x/oauth2 runs the authorization code flow with
// PKCE S256 and the resource parameter (RFC 8707); the request is retried
// with the token.
func Example() {
	w := newWorld()
	defer w.Close()
	ctx := context.Background()
	// Loopback is allowed for the example's servers; leave it out for
	// real ones.
	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})

	resp, err := client.Get(w.URL + "/mcp")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println("GET /mcp:", resp.Status)

	d, err := authclient.Discover(ctx, client, resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	if !d.PKCE {
		fmt.Println("the authorization server does not support PKCE S256")
		return
	}
	conf := &oauth2.Config{
		ClientID: "example-mcp-client",
		Endpoint: oauth2.Endpoint{
			AuthURL:   d.AuthorizationServer.AuthorizationEndpoint,
			TokenURL:  d.AuthorizationServer.TokenEndpoint,
			AuthStyle: oauth2.AuthStyleInParams, // a public client
		},
		RedirectURL: "http://127.0.0.1:8085/callback",
		Scopes:      d.Scopes,
	}
	resource := oauth2.SetAuthURLParam("resource", d.ResourceMetadata.Resource)
	verifier := oauth2.GenerateVerifier()
	authURL := conf.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier), resource)

	code, state, err := authorize(authURL) // the user's browser
	if err != nil || state != "state-1" {
		fmt.Println("authorization failed:", err)
		return
	}
	// The token request goes through authclient's client too.
	ctx = context.WithValue(ctx, oauth2.HTTPClient, client)
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier), resource)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err = conf.Client(ctx, tok).Get(w.URL + "/mcp")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println("GET /mcp with the token:", resp.Status)

	u, _ := url.Parse(authURL)
	fmt.Println("scope requested:", u.Query().Get("scope"))
	fmt.Println("code_challenge_method:", u.Query().Get("code_challenge_method"))
	fmt.Println(strings.Join(w.log, "\n"))
	// Output:
	// GET /mcp: 401 Unauthorized
	// GET /mcp with the token: 200 OK
	// scope requested: files:read
	// code_challenge_method: S256
	// authorize: resource /mcp, scope files:read
	// token: PKCE verified, resource /mcp
}
