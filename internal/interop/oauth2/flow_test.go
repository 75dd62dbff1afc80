package oauth2interop_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/httpauth-go/httpauth/authclient"
)

// discoverConfig draws a 401 from w's resource, discovers, and returns an
// oauth2.Config built from the discovery, and the resource parameter.
func discoverConfig(t *testing.T, w *world, client *http.Client) (*oauth2.Config, oauth2.AuthCodeOption, *authclient.Discovery) {
	t.Helper()
	resp, err := client.Get(w.URL + "/mcp")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	d, err := authclient.Discover(context.Background(), client, resp)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	conf := &oauth2.Config{
		ClientID:    "test-client",
		Endpoint:    oauth2.Endpoint{AuthURL: d.AuthorizationServer.AuthorizationEndpoint, TokenURL: d.AuthorizationServer.TokenEndpoint, AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: "http://127.0.0.1:8085/callback",
		Scopes:      d.Scopes,
	}
	return conf, oauth2.SetAuthURLParam("resource", d.ResourceMetadata.Resource), d
}

// TestPKCEChecked checks that the authorization server of these tests
// does check the verifier, so that the Example's success means that
// oauth2 sent the S256 challenge and verifier that match.
func TestPKCEChecked(t *testing.T) {
	w := newWorld()
	defer w.Close()
	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	conf, resource, d := discoverConfig(t, w, client)
	if !d.PKCE {
		t.Fatal("PKCE S256 not discovered")
	}
	code, _, err := authorize(conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()), resource))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, client)
	if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier()), resource); err == nil {
		t.Fatal("a token for another verifier")
	}
	if got := w.log[len(w.log)-1]; got != "token: PKCE verifier does not match" {
		t.Errorf("last check = %q", got)
	}
}

// TestTokenRequestThroughSafeClient checks that oauth2's token request,
// given authclient's client, obeys its rules: a token endpoint that a
// hostile document would point at a private address is refused before
// any connection.
func TestTokenRequestThroughSafeClient(t *testing.T) {
	w := newWorld()
	defer w.Close()
	client := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	conf, resource, _ := discoverConfig(t, w, client)
	conf.Endpoint.TokenURL = "https://10.0.0.1/token"
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, client)
	_, err := conf.Exchange(ctx, "code", oauth2.VerifierOption(oauth2.GenerateVerifier()), resource)
	if err == nil || !errors.Is(err, authclient.ErrRefused) && !strings.Contains(err.Error(), "authclient: refused") {
		t.Errorf("Exchange error = %v, want a refusal by authclient's client", err)
	}
}
