package authclient_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/digesttest"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A client answers the challenges of a Digest-protected server (here the
// module's test server, which checks credentials with authz.CheckDigest),
// preferring Digest to Basic. The code after the server is the README's.
func ExampleTransport() {
	server := httptest.NewServer(&digesttest.Server{
		Realm: "http-auth@example.org",
		Users: map[string]string{"Mufasa": "Circle of Life"},
	})
	defer server.Close()

	client := &http.Client{Transport: &authclient.Transport{
		Handlers: []authclient.Handler{
			authclient.Digest("Mufasa", "Circle of Life"),
			authclient.Basic("Mufasa", "Circle of Life"),
		},
	}}
	resp, err := client.Get(server.URL + "/dir/index.html")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Status, string(body))
	// Output: 200 OK hello Mufasa
}

// RoundTrip can be called directly: the response's Request is the
// caller's request, which RoundTrip does not modify.
func ExampleTransport_RoundTrip() {
	server := httptest.NewServer(&digesttest.Server{Realm: "r", Users: map[string]string{"u": "p"}})
	defer server.Close()

	t := &authclient.Transport{Handlers: []authclient.Handler{authclient.Digest("u", "p")}}
	req, err := http.NewRequest("GET", server.URL+"/", nil)
	if err != nil {
		log.Fatal(err)
	}
	resp, err := t.RoundTrip(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Request == req, req.Header.Get("Authorization") == "")
	// Output: 200 true true
}

// Basic credentials are sent after the first challenge, then
// pre-emptively to the paths under the same directory (RFC 7617, Section
// 2.2). Over plain http they go only to a loopback host, as here.
func ExampleBasic() {
	var challenged int
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := authz.Parse(r.Header)
		if err != nil || !authz.CheckBasic(c, "Aladdin", "open sesame") {
			challenged++
			w.Header().Set("WWW-Authenticate", `Basic realm="WallyWorld", charset="UTF-8"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprintln(w, "welcome to", r.URL.Path)
	}))
	defer server.Close()

	client := &http.Client{Transport: &authclient.Transport{
		Handlers: []authclient.Handler{authclient.Basic("Aladdin", "open sesame")},
	}}
	for _, path := range []string{"/docs/a", "/docs/b"} {
		resp, err := client.Get(server.URL + path)
		if err != nil {
			log.Fatal(err)
		}
		io.Copy(os.Stdout, resp.Body)
		resp.Body.Close()
	}
	fmt.Println("challenges:", challenged)
	// Output:
	// welcome to /docs/a
	// welcome to /docs/b
	// challenges: 1
}

// Of several Digest challenges, the one with the strongest algorithm is
// answered (RFC 7616, Section 3.7): here SHA-512-256, though the server
// lists MD5 first.
func ExampleDigest() {
	s := &digesttest.Server{
		Realm:      "api@example.org",
		Users:      map[string]string{"Mufasa": "Circle of Life"},
		Algorithms: []string{"MD5", "SHA-512-256", "SHA-256"},
	}
	server := httptest.NewServer(s)
	defer server.Close()

	client := &http.Client{Transport: &authclient.Transport{
		Handlers: []authclient.Handler{authclient.Digest("Mufasa", "Circle of Life")},
	}}
	for range 2 {
		resp, err := client.Get(server.URL + "/doe.json")
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
	}
	for _, r := range s.Requests() {
		fmt.Println(r.Status, r.Digest.Algorithm, r.Digest.NC)
	}
	// Output:
	// 401  0
	// 200 SHA-512-256 1
	// 200 SHA-512-256 2
}

// Bearer gets its tokens from a TokenSource, here a function. The
// resource answers 401 without a token, and 403 insufficient_scope when
// the token lacks a scope: the source is asked again with the union of the
// scopes (the MCP step-up flow), and the request retried once.
func ExampleBearer() {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		challenge := func(status int, b wwwauth.Bearer) {
			c, _ := b.Challenge()
			wwwauth.Set(w.Header(), c)
			w.WriteHeader(status)
		}
		switch r.Header.Get("Authorization") {
		case "":
			challenge(http.StatusUnauthorized, wwwauth.Bearer{Scope: []string{"files:read"}})
		case "Bearer read-token":
			challenge(http.StatusForbidden, wwwauth.Bearer{Error: wwwauth.CodeInsufficientScope, Scope: []string{"files:write"}})
		case "Bearer write-token":
			fmt.Fprintln(w, "saved")
		}
	}))
	defer server.Close()

	src := authclient.TokenSourceFunc(func(ctx context.Context, r *authclient.TokenRequest) (string, error) {
		fmt.Printf("token for %v (%s)\n", r.Scopes, r.Response.Status)
		if len(r.Scopes) > 1 {
			return "write-token", nil
		}
		return "read-token", nil
	})
	client := &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Bearer(src)}}}
	resp, err := client.Post(server.URL+"/files", "text/plain", strings.NewReader("data"))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
	// Output:
	// token for [files:read] (401 Unauthorized)
	// token for [files:read files:write] (403 Forbidden)
	// saved
}

// A TokenSource learns from the TokenRequest why it is asked: a refused
// token comes back with error="invalid_token", and the source then gets a
// fresh one rather than returning its cache.
func ExampleTokenSourceFunc() {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Header.Get("Authorization") {
		case "Bearer fresh":
			fmt.Fprintln(w, "ok")
		case "":
			w.Header().Set("WWW-Authenticate", `Bearer realm="example"`)
			w.WriteHeader(http.StatusUnauthorized)
		default:
			w.Header().Set("WWW-Authenticate", `Bearer realm="example", error="invalid_token"`)
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer server.Close()

	cached := "expired"
	src := authclient.TokenSourceFunc(func(ctx context.Context, r *authclient.TokenRequest) (string, error) {
		if r.Challenge.Error == wwwauth.CodeInvalidToken {
			fmt.Println("refreshing")
			cached = "fresh"
		}
		return cached, nil
	})
	client := &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Bearer(src)}}}
	resp, err := client.Get(server.URL + "/")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
	// Output:
	// refreshing
	// ok
}

// exampleAPIKey is a Handler for a scheme of a caller's own: "ApiKey", answered
// with a key in token68 form. Its Session is the key.
type exampleAPIKey string

func (k exampleAPIKey) Scheme() string { return "ApiKey" }

func (k exampleAPIKey) Answer(ctx context.Context, r *authclient.Refusal) (authclient.Session, error) {
	if r.Again || r.Response.StatusCode != http.StatusUnauthorized {
		return nil, nil // a refused key stays refused
	}
	return k, nil
}

func (k exampleAPIKey) Authorize(*http.Request) (authz.Credentials, error) {
	return authz.Credentials{Scheme: "ApiKey", Token68: string(k)}, nil
}

// A caller adds a scheme by implementing Handler (and Session).
func ExampleHandler() {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ApiKey s3cr3t" {
			w.Header().Set("WWW-Authenticate", `ApiKey realm="api"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprintln(w, "hello")
	}))
	defer server.Close()

	client := &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{exampleAPIKey("s3cr3t")}}}
	resp, err := client.Get(server.URL + "/")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
	// Output: hello
}
