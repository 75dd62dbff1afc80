package main

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

const demoUsage = `Usage: httpauth demo

demo runs the flow of an OAuth 2.0 protected resource, such as an MCP server,
with no setup, and prints the transcript. It starts a server on 127.0.0.1, on a
random port, with the library's own pieces:

  - GET /mcp behind resourceserver.RequireBearer, which needs the scopes
    mcp:read mcp:write;
  - its RFC 9728 metadata at /.well-known/oauth-protected-resource/mcp,
    served by resourceserver.NewHandler.

There is no authorization server: the server's verifier knows two fixed tokens,
one with mcp:read mcp:write and one with mcp:read only. Then demo acts as the
client, with wwwauth.ParseResponse and resourceserver.Fetch, and checks each step:

  1. a request without credentials gets 401 and a Bearer challenge with
     resource_metadata and no error code (RFC 6750, Section 3.1; RFC 9728,
     Section 5.1);
  2. the metadata document at that URL is about the resource requested
     (RFC 9728, Section 3.3);
  3. the token with mcp:read mcp:write gets 200;
  4. an unknown token gets 401 with error="invalid_token";
  5. the token with mcp:read only gets 403 with error="insufficient_scope".

The transcript shows tokens as "Bearer [redacted]", as logs should. demo stops
its server before it exits.

Exit status: 0 if every step behaved as the RFCs say; 1 if one did not;
2 a usage error.
`

// demoScopes are the scopes the demo resource needs.
var demoScopes = []string{"mcp:read", "mcp:write"}

// A demoToken is a token the demo's verifier knows, or, with no scopes,
// one it does not.
type demoToken struct {
	name   string // for the transcript, which never shows the token
	value  string
	scopes []string
}

var (
	tokenReadWrite = demoToken{"the token with mcp:read mcp:write", "demo-token-read-write", []string{"mcp:read", "mcp:write"}}
	tokenReadOnly  = demoToken{"the token with mcp:read only", "demo-token-read-only", []string{"mcp:read"}}
	tokenUnknown   = demoToken{"a token the server does not know", "demo-token-unknown", nil}
)

// verifyDemoToken is the resource's VerifyFunc: it accepts the two known
// tokens. A real one checks a JWT's signature, expiry and audience, or asks
// the authorization server (RFC 7662).
func verifyDemoToken(_ *http.Request, token string) (resourceserver.TokenInfo, error) {
	for _, t := range []demoToken{tokenReadWrite, tokenReadOnly} {
		if subtle.ConstantTimeCompare([]byte(token), []byte(t.value)) == 1 {
			return resourceserver.TokenInfo{Scopes: t.scopes, Subject: "demo-user"}, nil
		}
	}
	return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: "the token is not one this server issued"}
}

// demoVerify is the verifier of the demo server; a test replaces it to
// see the demo fail.
var demoVerify resourceserver.VerifyFunc = verifyDemoToken

// demoServer is the protected resource.
type demoServer struct {
	srv         *http.Server
	served      chan error // Serve's result
	resource    string     // the resource identifier, http://127.0.0.1:PORT/mcp
	metadataURL string
}

// startDemoServer starts the protected resource on a random port of
// 127.0.0.1. The caller must call stop.
func startDemoServer(errorLog io.Writer) (*demoServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &demoServer{resource: "http://" + ln.Addr().String() + "/mcp", served: make(chan error, 1)}
	// Loopback http is the one exception RFC 9728 and the library make to
	// https, for tests and demos like this one.
	if s.metadataURL, err = resourceserver.MetadataURL(s.resource); err != nil {
		ln.Close()
		return nil, err
	}
	path, err := resourceserver.MetadataPath(s.resource)
	if err != nil {
		ln.Close()
		return nil, err
	}
	metadata, err := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:               s.resource,
		AuthorizationServers:   []string{"https://as.example.com"},
		ScopesSupported:        demoScopes,
		BearerMethodsSupported: []string{"header"},
		ResourceName:           "httpauth demo",
	})
	if err != nil {
		ln.Close()
		return nil, err
	}
	require := resourceserver.RequireBearer(demoVerify, resourceserver.Options{
		ResourceMetadata: s.metadataURL,
		Scopes:           demoScopes,
		ErrorLog:         slog.New(slog.NewTextHandler(errorLog, nil)),
	})
	mux := http.NewServeMux()
	mux.Handle(path, metadata) // no method in the pattern: the handler answers CORS preflights (OPTIONS) too
	mux.Handle("GET /mcp", require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, _ := resourceserver.TokenInfoFrom(r.Context())
		fmt.Fprintf(w, "hello %s, your token grants %s\n", info.Subject, strings.Join(info.Scopes, " "))
	})))
	s.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(errorLog, "demo server: ", 0),
	}
	go func() { s.served <- s.srv.Serve(ln) }()
	return s, nil
}

// stop shuts the server down, waiting up to five seconds for requests in
// flight.
func (s *demoServer) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if served := <-s.served; !errors.Is(served, http.ErrServerClosed) {
		err = errors.Join(err, served)
	}
	return err
}

// recorder is the client's transport: it writes each request and response
// to the transcript, with the credentials redacted.
type recorder struct {
	next  http.RoundTripper
	w     io.Writer
	token string // the name of the token the request carries
}

// maxShownBody bounds the bodies the transcript shows.
const maxShownBody = 4 << 10

func (rec *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	fmt.Fprintf(rec.w, "   > %s %s\n", req.Method, req.URL)
	if v := req.Header.Get("Authorization"); v != "" {
		redacted := "[malformed]"
		if c, err := authz.ParseString(v); err == nil {
			redacted = c.Redacted()
		}
		fmt.Fprintf(rec.w, "   > Authorization: %s   (%s)\n", redacted, rec.token)
	}
	resp, err := rec.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(rec.w, "   < %s\n", resp.Status)
	for _, v := range resp.Header.Values("WWW-Authenticate") {
		e, _ := escape(v)
		fmt.Fprintf(rec.w, "   < WWW-Authenticate: %s\n", e)
	}
	if resp.StatusCode != http.StatusOK {
		return resp, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		e, _ := escape(ct)
		fmt.Fprintf(rec.w, "   < Content-Type: %s\n", e)
	}
	// Show the body, and give it back to the caller.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxShownBody+1))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if len(body) > maxShownBody {
		fmt.Fprintf(rec.w, "   < (a body of more than %d bytes)\n", maxShownBody)
		return resp, nil
	}
	var indented bytes.Buffer
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" && json.Indent(&indented, body, "", "  ") == nil {
		body = indented.Bytes()
	}
	for line := range strings.Lines(string(body)) {
		e, _ := escape(strings.TrimSuffix(line, "\n"))
		fmt.Fprintf(rec.w, "   < %s\n", e)
	}
	return resp, nil
}

// A demoStep is one step of the transcript: what it shows, and the checks
// that failed.
type demoStep struct {
	w        io.Writer
	failures []string
}

func (s *demoStep) printf(format string, args ...any) {
	fmt.Fprintf(s.w, "   "+format+"\n", args...)
}

func (s *demoStep) fail(format string, args ...any) {
	s.failures = append(s.failures, fmt.Sprintf(format, args...))
}

// demoClient is the client side of the demo.
type demoClient struct {
	http     *http.Client
	rec      *recorder
	server   *demoServer
	steps    int
	failures int
	out      io.Writer
}

// run runs one step and prints its verdict.
func (c *demoClient) run(title string, f func(s *demoStep)) {
	c.steps++
	fmt.Fprintf(c.out, "\n%d. %s\n", c.steps, title)
	s := &demoStep{w: c.out}
	f(s)
	if len(s.failures) == 0 {
		fmt.Fprintln(c.out, "   ok")
		return
	}
	c.failures++
	for _, f := range s.failures {
		fmt.Fprintf(c.out, "   FAIL: %s\n", f)
	}
}

// get requests the resource with t, if it is not nil, and returns the
// response with its body read and closed.
func (c *demoClient) get(s *demoStep, t *demoToken) (*http.Response, string, bool) {
	req, err := http.NewRequest(http.MethodGet, c.server.resource, nil)
	if err != nil {
		s.fail("%v", err)
		return nil, "", false
	}
	c.rec.token = ""
	if t != nil {
		cred, err := authz.BearerCredentials(t.value)
		if err != nil {
			s.fail("%v", err)
			return nil, "", false
		}
		if err := authz.Set(req.Header, cred); err != nil {
			s.fail("%v", err)
			return nil, "", false
		}
		c.rec.token = t.name
	}
	resp, err := c.http.Do(req)
	if err != nil {
		s.fail("%v", err)
		return nil, "", false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.fail("reading the body: %v", err)
		return nil, "", false
	}
	return resp, string(body), true
}

// challenge parses the challenges of resp, prints the Bearer one, and checks
// that the status and error code are want's, and that the challenge names
// the metadata document. It returns the parsed response.
func (c *demoClient) challenge(s *demoStep, resp *http.Response, want wwwauth.ErrorCode, status int) *wwwauth.Response {
	if resp.StatusCode != status {
		s.fail("status %d, want %d", resp.StatusCode, status)
	}
	r, err := wwwauth.ParseResponse(resp)
	if err != nil {
		s.fail("wwwauth.ParseResponse: %v", err)
		return nil
	}
	for _, rec := range r.Recoveries {
		s.fail("the WWW-Authenticate field breaks RFC 9110: %v", rec)
	}
	b, ok, err := r.Bearer()
	switch {
	case err != nil:
		s.fail("the Bearer challenge: %v", err)
		return r
	case !ok:
		s.fail("no Bearer challenge")
		return r
	}
	s.printf("parsed by wwwauth.ParseResponse: a Bearer challenge")
	for _, l := range bearerView(b, b.Realm != "").lines {
		s.printf("  %s", l)
	}
	code, err := r.ErrorCode()
	switch {
	case err != nil:
		s.fail("error code: %v", err)
	case code != want:
		s.fail("error %q, want %q", code, want)
	case code == "":
		s.printf("no error code, as RFC 6750, Section 3.1 asks of a request without credentials")
	case want != "" && code.Status() != resp.StatusCode:
		s.fail("error %q calls for status %d, not %d", code, code.Status(), resp.StatusCode)
	}
	if got, err := r.ResourceMetadata(); err != nil || got != c.server.metadataURL {
		s.fail("resource_metadata %q (%v), want %q", got, err, c.server.metadataURL)
	}
	return r
}

// checkScope checks that the challenges of r ask for demoScopes, the scopes
// a client should request (RFC 6750, Section 3; MCP asks clients to prefer
// them to the metadata's scopes_supported).
func (c *demoClient) checkScope(s *demoStep, r *wwwauth.Response) bool {
	scope, err := r.Scope()
	switch {
	case err != nil:
		s.fail("scope: %v", err)
	case !slices.Equal(scope, demoScopes):
		s.fail("scope %q, want %q", scope, demoScopes)
	default:
		return true
	}
	return false
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	const cmd = "httpauth demo"
	fs := newFlagSet(cmd, stderr)
	rest, status, done := parseFlags(fs, demoUsage, args, stdout, stderr)
	if done {
		return status
	}
	if len(rest) > 0 {
		return usageError(stderr, cmd, fmt.Sprintf("unexpected argument %q", rest[0]))
	}

	server, err := startDemoServer(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: starting the server: %v\n", cmd, err)
		return exitFailed
	}
	fmt.Fprintf(stdout, `httpauth demo: an OAuth 2.0 protected resource and its client, on 127.0.0.1

The server:
  %s  GET, behind resourceserver.RequireBearer (needs %s)
  %s  its RFC 9728 metadata, from resourceserver.NewHandler
It knows two tokens: one with %s, one with %s only.
The client uses wwwauth.ParseResponse and resourceserver.Fetch.
`, server.resource, strings.Join(demoScopes, " "), server.metadataURL,
		strings.Join(tokenReadWrite.scopes, " "), strings.Join(tokenReadOnly.scopes, " "))

	transport := &http.Transport{Proxy: nil} // never send loopback requests to a proxy
	rec := &recorder{next: transport, w: stdout}
	c := &demoClient{
		http: &http.Client{
			Transport: rec,
			Timeout:   10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // a redirect is not a step of the flow
			},
		},
		rec:    rec,
		server: server,
		out:    stdout,
	}

	metadataURL := server.metadataURL
	c.run("A request without credentials: 401 and a challenge (RFC 6750, Section 3)", func(s *demoStep) {
		resp, _, ok := c.get(s, nil)
		if !ok {
			return
		}
		r := c.challenge(s, resp, "", http.StatusUnauthorized)
		if r == nil {
			return
		}
		if got, err := r.ResourceMetadata(); err == nil {
			metadataURL = got
		}
		c.checkScope(s, r)
	})

	c.run("The client fetches the resource metadata the challenge names (RFC 9728, Section 3)", func(s *demoStep) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		md, err := resourceserver.Fetch(ctx, c.http, metadataURL, server.resource)
		if err != nil {
			s.fail("resourceserver.Fetch: %v", err)
			return
		}
		s.printf("resourceserver.Fetch: its resource is the URL the client requested (RFC 9728, Section 3.3)")
		if len(md.AuthorizationServers) == 0 {
			s.fail("no authorization_servers")
			return
		}
		s.printf("the client would now get a token for %q from %s", strings.Join(md.ScopesSupported, " "), md.AuthorizationServers[0])
	})

	c.run("The client retries with "+tokenReadWrite.name+": 200", func(s *demoStep) {
		resp, body, ok := c.get(s, &tokenReadWrite)
		if !ok {
			return
		}
		if resp.StatusCode != http.StatusOK {
			s.fail("status %d, want 200", resp.StatusCode)
		}
		if want := "hello demo-user, your token grants mcp:read mcp:write\n"; body != want {
			s.fail("body %q, want %q", body, want)
		}
		if len(resp.Header.Values("WWW-Authenticate")) > 0 {
			s.fail("a 200 with a WWW-Authenticate field")
		}
	})

	c.run("A request with "+tokenUnknown.name+": 401 invalid_token (RFC 6750, Section 3.1)", func(s *demoStep) {
		resp, _, ok := c.get(s, &tokenUnknown)
		if !ok {
			return
		}
		c.challenge(s, resp, wwwauth.CodeInvalidToken, http.StatusUnauthorized)
	})

	c.run("A request with "+tokenReadOnly.name+": 403 insufficient_scope (RFC 6750, Section 3.1)", func(s *demoStep) {
		resp, _, ok := c.get(s, &tokenReadOnly)
		if !ok {
			return
		}
		r := c.challenge(s, resp, wwwauth.CodeInsufficientScope, http.StatusForbidden)
		if r == nil {
			return
		}
		if c.checkScope(s, r) {
			s.printf("the client would ask the authorization server for a token with %s (step-up)", strings.Join(demoScopes, " "))
		}
	})

	transport.CloseIdleConnections()
	if err := server.stop(); err != nil {
		fmt.Fprintf(stdout, "\nFAIL: stopping the server: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, "\nThe server is stopped.")
	if c.failures > 0 {
		fmt.Fprintf(stdout, "FAIL: %d of %d steps did not behave as RFC 6750 and RFC 9728 say\n", c.failures, c.steps)
		return exitFailed
	}
	fmt.Fprintf(stdout, "PASS: all %d steps behaved as RFC 6750 and RFC 9728 say\n", c.steps)
	return exitOK
}
