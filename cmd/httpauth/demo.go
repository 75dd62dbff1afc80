package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/wwwauth"
)

const demoUsage = `Usage: httpauth demo

demo runs both halves of HTTP authentication with no setup, and prints the
transcript. It starts a server on 127.0.0.1, on a random port, made of the
library's server half:

  - /mcp behind resourceserver.RequireBearer, which needs the scope
    mcp:read; its tool save_note (a POST) needs mcp:write too, asked with
    resourceserver.RequireScopes;
  - its RFC 9728 metadata at /.well-known/oauth-protected-resource/mcp,
    served by resourceserver.NewHandler;
  - a stand-in authorization server at /as: its RFC 8414 metadata, and a
    token endpoint for the client_credentials grant;
  - /admin/status behind Digest (RFC 7616): SHA-256 and MD5 challenges,
    HMAC-stamped nonces that expire after 5 minutes, authz.CheckDigest.

Then demo acts as the clients, with the library's client half: each is an
http.Client whose Transport is an authclient.Transport. The first has
authclient.Bearer with a token source that runs authclient.Discover and asks
the token endpoint; the others have authclient.Digest. demo checks each step:

  1. GET /mcp without a token gets 401 and a Bearer challenge; the token
     source runs authclient.Discover (the resource metadata, then the
     authorization server's, each checked to be about what was asked: RFC
     9728, Section 3.3; RFC 8414, Section 3.3) and gets a token; the retry
     gets 200;
  2. calling save_note gets 403 insufficient_scope; the token source is
     asked for the union of the scopes (step-up), and the retry, with its
     body replayed, gets 200;
  3. an hour later the token has expired: 401 invalid_token; the token
     source is asked once for a fresh token with the scopes the expired
     one held, and the retry gets 200;
  4. GET /admin/status gets 401 and two Digest challenges; authclient.Digest
     answers the SHA-256 one with a computed response, and gets 200;
  5. the next request carries Digest credentials at once, with the nonce
     count 2, and gets 200 without a challenge;
  6. ten minutes later the nonce has expired: 401 with stale=true; the
     transport answers with the new nonce, and gets 200;
  7. a wrong password gets 401, is answered once, and the 401 comes back.

The transcript shows tokens and credentials as "[redacted]" and the Digest
nonces, which are random, as "[random]". The demo has its own clock, on
which an hour passes at once. demo stops its server before it exits.

Exit status: 0 if every step behaved as the RFCs say; 1 if one did not;
2 a usage error.
`

// demoRFCs are the RFCs whose behaviour the demo checks.
const demoRFCs = "RFC 6750, RFC 9728, RFC 8414 and RFC 7616"

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

// check fails s with the message if ok is false.
func (s *demoStep) check(ok bool, format string, args ...any) bool {
	if !ok {
		s.fail(format, args...)
	}
	return ok
}

// demoClient is the client side of the demo.
type demoClient struct {
	server   *demoServer
	log      *demoLog
	tokens   *demoTokenSource
	wire     *recorder    // the transport under every authclient.Transport
	bearer   *http.Client // with authclient.Bearer(tokens)
	steps    int
	failures int
	out      io.Writer
}

// transportClient returns a client whose Transport is an
// authclient.Transport with the handlers.
func (c *demoClient) transportClient(handlers ...authclient.Handler) *http.Client {
	return &http.Client{
		Transport: &authclient.Transport{Base: c.wire, Handlers: handlers},
		Timeout:   10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is not a step of the demo
		},
	}
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

// do sends a request to the demo server's path through client, and returns
// the final status and body, and the exchanges that went on the wire.
func (c *demoClient) do(s *demoStep, client *http.Client, method, path, body string) (int, string, []exchange) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body) // NewRequest sets GetBody: the Transport can replay it
	}
	req, err := http.NewRequestWithContext(ctx, method, c.server.origin+path, r)
	if err != nil {
		s.fail("%v", err)
		return 0, "", c.log.take()
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		s.fail("%s %s: %s", method, path, esc(err.Error()))
		return 0, "", c.log.take()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		s.fail("reading the body: %s", esc(err.Error()))
	}
	return resp.StatusCode, string(b), c.log.take()
}

// A wantExchange is a request the step should make, and the status of its
// response.
type wantExchange struct {
	method, path string
	scheme       string // of the credentials; "" for none
	token        int    // for Bearer: which token
	status       int
}

func (w wantExchange) String() string {
	cred := ""
	switch w.scheme {
	case "":
	case "Bearer":
		cred = fmt.Sprintf(" with Bearer (token %d)", w.token)
	default:
		cred = " with " + w.scheme
	}
	return fmt.Sprintf("%s %s%s → %d", w.method, w.path, cred, w.status)
}

// summary returns ex in the terms of a wantExchange.
func (c *demoClient) summary(ex exchange) wantExchange {
	return wantExchange{
		method: ex.method,
		path:   strings.TrimPrefix(ex.url, c.server.origin),
		scheme: ex.scheme,
		token:  ex.token,
		status: ex.status,
	}
}

// expect checks that the requests that went on the wire are want, in
// order.
func (c *demoClient) expect(s *demoStep, got []exchange, want []wantExchange) bool {
	var have []wantExchange
	for _, ex := range got {
		have = append(have, c.summary(ex))
	}
	if slices.Equal(have, want) {
		return true
	}
	s.fail("the requests were %s; want %s", joinExchanges(have), joinExchanges(want))
	return false
}

func joinExchanges(exs []wantExchange) string {
	if len(exs) == 0 {
		return "none"
	}
	var b []string
	for _, ex := range exs {
		b = append(b, ex.String())
	}
	return strings.Join(b, "; ")
}

// expectAsks checks what the Bearer handler asked the token source in the
// step.
func (c *demoClient) expectAsks(s *demoStep, want ...tokenAsk) {
	got := c.tokens.takeAsks()
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = got[i].status == want[i].status && got[i].code == want[i].code && slices.Equal(got[i].scopes, want[i].scopes)
	}
	s.check(same, "the token source was asked %v; want %v", got, want)
}

// bearerChallenge returns the Bearer challenge of ex, typed, and fails s unless it
// is the only challenge, follows RFC 9110 and RFC 6750, and names the
// resource's metadata.
func (c *demoClient) bearerChallenge(s *demoStep, ex exchange) (wwwauth.Bearer, bool) {
	if !c.wellFormed(s, ex) || !s.check(len(ex.challenges) == 1 && ex.challenges[0].Is("Bearer"), "%d challenges, want one Bearer challenge", len(ex.challenges)) {
		return wwwauth.Bearer{}, false
	}
	b, err := wwwauth.ParseBearer(ex.challenges[0])
	if err != nil {
		s.fail("the Bearer challenge: %s", esc(typedError(err)))
		return b, false
	}
	ok := s.check(b.ResourceMetadata == c.server.metadataURL, "resource_metadata %q, want %q (RFC 9728, Section 5.1)", b.ResourceMetadata, c.server.metadataURL)
	return b, ok
}

// digests returns the Digest challenges of ex, typed, and fails s unless
// there is one per algorithm of the page, in its order, all with the same
// nonce, with qop=auth, and stale as wanted.
func (c *demoClient) digests(s *demoStep, ex exchange, stale bool) ([]wwwauth.Digest, bool) {
	if !c.wellFormed(s, ex) {
		return nil, false
	}
	var ds []wwwauth.Digest
	var algs []string
	for _, ch := range ex.challenges {
		d, err := wwwauth.ParseDigest(ch)
		if err != nil {
			s.fail("a Digest challenge: %s", esc(typedError(err)))
			return nil, false
		}
		ds = append(ds, d)
		algs = append(algs, d.Algorithm)
	}
	if !s.check(slices.Equal(algs, demoDigestAlgorithms), "challenges for the algorithms %q, want %q", algs, demoDigestAlgorithms) {
		return nil, false
	}
	ok := true
	for _, d := range ds {
		ok = s.check(d.Realm == demoDigestRealm, "realm %q, want %q", d.Realm, demoDigestRealm) && ok
		ok = s.check(slices.Equal(d.QOP, []string{"auth"}), "qop %q, want [\"auth\"]", d.QOP) && ok
		ok = s.check(d.Nonce == ds[0].Nonce, "the challenges have different nonces") && ok
		ok = s.check(d.Stale == stale, "stale=%v, want %v", d.Stale, stale) && ok
	}
	return ds, ok
}

// wellFormed fails s if the WWW-Authenticate field of ex broke RFC 9110.
func (c *demoClient) wellFormed(s *demoStep, ex exchange) bool {
	switch {
	case ex.parseErr != nil:
		s.fail("the WWW-Authenticate field: %s", esc(ex.parseErr.Error()))
	case ex.recovered:
		s.fail("the WWW-Authenticate field breaks RFC 9110: a lenient parse had to recover")
	default:
		return true
	}
	return false
}

// checkDigestCredentials fails s unless ex carried Digest credentials for
// the SHA-256 challenge with nonce, the nonce count nc, and the request's
// target as uri.
func checkDigestCredentials(s *demoStep, ex exchange, nonce string, nc uint32) bool {
	d := ex.digest
	ok := s.check(d.Algorithm == "SHA-256", "the client answered the %q challenge, want SHA-256, the strongest (RFC 7616, Section 3.7)", d.Algorithm)
	ok = s.check(d.QOP == "auth", "qop=%q, want auth", d.QOP) && ok
	ok = s.check(d.Nonce == nonce, "the client used another nonce than the challenge's") && ok
	ok = s.check(d.NC == nc, "nc=%08x, want %08x (RFC 7616, Section 3.4)", d.NC, nc) && ok
	ok = s.check(d.URI == demoDigestPath, "uri=%q, want %q (RFC 7616, Section 3.4.6)", d.URI, demoDigestPath) && ok
	ok = s.check(d.CNonce != "", "no cnonce") && ok
	return ok
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
	fmt.Fprintf(stdout, `httpauth demo: both halves of HTTP authentication, on 127.0.0.1

The server, made of the library's server half:
  %s  behind resourceserver.RequireBearer (needs %s; the tool save_note, %s too)
  %s  its RFC 9728 metadata, from resourceserver.NewHandler
  %s  a stand-in authorization server: RFC 8414 metadata, a token endpoint (client_credentials)
  %s  behind Digest (RFC 7616): HMAC-stamped nonces, authz.CheckDigest
The clients, made of the library's client half: http.Clients whose Transport is an
authclient.Transport, with authclient.Bearer and a token source that runs authclient.Discover,
or with authclient.Digest. Tokens and credentials show as [redacted], Digest nonces as [random].
`, server.resource, strings.Join(demoScopes, " "), demoToolScope, server.metadataURL, server.as.issuer, server.origin+demoDigestPath)

	log := &demoLog{w: stdout, as: server.as}
	base := &http.Transport{Proxy: nil} // never send loopback requests to a proxy
	c := &demoClient{server: server, log: log, wire: &recorder{next: base, log: log, indent: "   "}, out: stdout}
	// The client for the URLs the 401 names. Wrapping its transport keeps
	// its checks, which run in the transport under the recorder.
	safe := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true, Timeout: 10 * time.Second})
	safe.Transport = &recorder{next: safe.Transport, log: log, indent: "      "}
	c.tokens = &demoTokenSource{client: safe, log: log}
	c.bearer = c.transportClient(authclient.Bearer(c.tokens))

	c.runBearerSteps()
	c.runDigestSteps()

	safe.CloseIdleConnections()
	base.CloseIdleConnections()
	if err := server.stop(); err != nil {
		fmt.Fprintf(stdout, "\nFAIL: stopping the server: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, "\nThe server is stopped.")
	if c.failures > 0 {
		fmt.Fprintf(stdout, "FAIL: %d of %d steps did not behave as %s say\n", c.failures, c.steps, demoRFCs)
		return exitFailed
	}
	fmt.Fprintf(stdout, "PASS: all %d steps behaved as %s say\n", c.steps, demoRFCs)
	return exitOK
}

// The requests of the Bearer steps, and the statuses they should get.
var (
	helloAnonymous = wantExchange{"GET", demoResourcePath, "", 0, http.StatusUnauthorized}
	fetchPRM       = wantExchange{"GET", "/.well-known/oauth-protected-resource" + demoResourcePath, "", 0, http.StatusOK}
	fetchASM       = wantExchange{"GET", "/.well-known/oauth-authorization-server" + demoIssuerPath, "", 0, http.StatusOK}
	getToken       = wantExchange{"POST", demoTokenPath, "Basic", 0, http.StatusOK}
)

// hello is a GET of the resource with token n, answered status.
func hello(n, status int) wantExchange {
	return wantExchange{"GET", demoResourcePath, "Bearer", n, status}
}

// saveNote is a tools/call of save_note with token n, answered status.
func saveNote(n, status int) wantExchange {
	return wantExchange{"POST", demoResourcePath, "Bearer", n, status}
}

const saveNoteCall = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"save_note"}}`

func (c *demoClient) runBearerSteps() {
	c.run("GET /mcp without a token: 401, discovery, a token, 200 (RFC 6750, Section 3; RFC 9728; RFC 8414)", func(s *demoStep) {
		status, body, got := c.do(s, c.bearer, http.MethodGet, demoResourcePath, "")
		if !c.expect(s, got, []wantExchange{helloAnonymous, fetchPRM, fetchASM, getToken, hello(1, http.StatusOK)}) {
			return
		}
		if b, ok := c.bearerChallenge(s, got[0]); ok {
			s.check(b.Error == "", "error %q, want none: RFC 6750, Section 3.1 sends no error code to a request without a token", b.Error)
			s.check(slices.Equal(b.Scope, demoScopes), "scope %q, want %q", b.Scope, demoScopes)
		}
		c.expectAsks(s, tokenAsk{http.StatusUnauthorized, "", demoScopes})
		if d := c.tokens.found; s.check(d != nil, "no discovery") {
			s.check(d.ResourceMetadataURL == c.server.metadataURL, "the metadata came from %q, want %q, the challenge's resource_metadata", d.ResourceMetadataURL, c.server.metadataURL)
			s.check(d.ResourceMetadata.Resource == c.server.resource, "resource %q, want %q", d.ResourceMetadata.Resource, c.server.resource)
			s.check(d.AuthorizationServer.Issuer == c.server.as.issuer, "issuer %q, want %q", d.AuthorizationServer.Issuer, c.server.as.issuer)
			s.check(d.AuthorizationServer.TokenEndpoint == c.server.as.tokenEndpoint, "token endpoint %q, want %q", d.AuthorizationServer.TokenEndpoint, c.server.as.tokenEndpoint)
			s.check(slices.Equal(d.Scopes, demoScopes), "scopes to request %q, want %q, the challenge's", d.Scopes, demoScopes)
		}
		want := "hello demo-client, your token grants mcp:read\n"
		if s.check(status == http.StatusOK && body == want, "%d %q, want 200 %q", status, body, want) {
			s.printf("authclient.Transport retried with token 1, and holds it for the next requests to the resource")
		}
	})

	c.run("The tool save_note needs mcp:write: 403 insufficient_scope, step-up, 200 (RFC 6750, Section 3.1)", func(s *demoStep) {
		status, body, got := c.do(s, c.bearer, http.MethodPost, demoResourcePath, saveNoteCall)
		if !c.expect(s, got, []wantExchange{saveNote(1, http.StatusForbidden), getToken, saveNote(2, http.StatusOK)}) {
			return
		}
		want := append(slices.Clone(demoScopes), demoToolScope)
		if b, ok := c.bearerChallenge(s, got[0]); ok {
			s.check(b.Error == wwwauth.CodeInsufficientScope, "error %q, want insufficient_scope", b.Error)
			s.check(slices.Equal(b.Scope, want), "scope %q, want %q: every scope the request needs", b.Scope, want)
		}
		c.expectAsks(s, tokenAsk{http.StatusForbidden, wwwauth.CodeInsufficientScope, want})
		wantBody := `{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"note saved"}]}}` + "\n"
		if s.check(status == http.StatusOK && body == wantBody, "%d %q, want 200 %q", status, body, wantBody) {
			s.printf("authclient.Transport sent the request once more, its body replayed through GetBody, with token 2")
		}
	})

	c.run("An hour later the token has expired: 401 invalid_token, a fresh token, 200 (RFC 6750, Section 3.1)", func(s *demoStep) {
		c.server.clock.advance(demoTokenLife)
		s.printf("the demo's clock moves on an hour: token 2 was issued for %d seconds", int(demoTokenLife/time.Second))
		status, body, got := c.do(s, c.bearer, http.MethodGet, demoResourcePath, "")
		if !c.expect(s, got, []wantExchange{hello(2, http.StatusUnauthorized), getToken, hello(3, http.StatusOK)}) {
			return
		}
		if b, ok := c.bearerChallenge(s, got[0]); ok {
			s.check(b.Error == wwwauth.CodeInvalidToken, "error %q, want invalid_token", b.Error)
		}
		// The fresh token is asked for what the refused one held: the
		// step-up of step 2 is not given back.
		held := append(slices.Clone(demoScopes), demoToolScope)
		c.expectAsks(s, tokenAsk{http.StatusUnauthorized, wwwauth.CodeInvalidToken, held})
		want := "hello demo-client, your token grants " + strings.Join(held, " ") + "\n"
		if s.check(status == http.StatusOK && body == want, "%d %q, want 200 %q", status, body, want) {
			s.printf("authclient.Transport asked once for a fresh token with the scopes the expired one held, and retried once with it")
		}
	})
}

// adminAnonymous is a GET of the Digest page without credentials.
var adminAnonymous = wantExchange{"GET", demoDigestPath, "", 0, http.StatusUnauthorized}

// adminDigest is a GET of the Digest page with Digest credentials, answered
// status.
func adminDigest(status int) wantExchange {
	return wantExchange{"GET", demoDigestPath, "Digest", 0, status}
}

func (c *demoClient) runDigestSteps() {
	digest := c.transportClient(authclient.Digest(demoDigestUser, demoDigestPassword))
	wantBody := "hello " + demoDigestUser + ": the device is up\n"
	var nonce string // the nonce the client holds

	c.run("GET /admin/status: 401 and Digest challenges, a computed response, 200 (RFC 7616, Section 3)", func(s *demoStep) {
		status, body, got := c.do(s, digest, http.MethodGet, demoDigestPath, "")
		if !c.expect(s, got, []wantExchange{adminAnonymous, adminDigest(http.StatusOK)}) {
			return
		}
		ds, ok := c.digests(s, got[0], false)
		if !ok {
			return
		}
		nonce = ds[0].Nonce
		checkDigestCredentials(s, got[1], nonce, 1)
		if s.check(status == http.StatusOK && body == wantBody, "%d %q, want 200 %q", status, body, wantBody) {
			s.printf("authclient.Digest answered the SHA-256 challenge, the strongest offered (RFC 7616, Section 3.7),")
			s.printf("with a fresh cnonce and nc=00000001; authz.CheckDigest found the response right")
		}
	})

	c.run("GET /admin/status again: credentials at once, the nonce count grows (RFC 7616, Section 3.4)", func(s *demoStep) {
		status, body, got := c.do(s, digest, http.MethodGet, demoDigestPath, "")
		if !c.expect(s, got, []wantExchange{adminDigest(http.StatusOK)}) {
			return
		}
		checkDigestCredentials(s, got[0], nonce, 2)
		if s.check(status == http.StatusOK && body == wantBody, "%d %q, want 200 %q", status, body, wantBody) {
			s.printf("authclient.Transport remembered the protection space (RFC 9110, Section 11.5): no 401,")
			s.printf("the same nonce with nc=00000002, which the page had not seen")
		}
	})

	c.run("Ten minutes later the nonce has expired: 401 stale=true, the new nonce, 200 (RFC 7616, Section 3.3)", func(s *demoStep) {
		c.server.clock.advance(10 * time.Minute)
		s.printf("the demo's clock moves on ten minutes: the page's nonces last %d minutes", int(demoNonceLife/time.Minute))
		status, body, got := c.do(s, digest, http.MethodGet, demoDigestPath, "")
		if !c.expect(s, got, []wantExchange{adminDigest(http.StatusUnauthorized), adminDigest(http.StatusOK)}) {
			return
		}
		checkDigestCredentials(s, got[0], nonce, 3)
		ds, ok := c.digests(s, got[0], true)
		if !ok {
			return
		}
		if !s.check(ds[0].Nonce != nonce, "the stale=true challenge has the old nonce") {
			return
		}
		nonce = ds[0].Nonce
		checkDigestCredentials(s, got[1], nonce, 1)
		if s.check(status == http.StatusOK && body == wantBody, "%d %q, want 200 %q", status, body, wantBody) {
			s.printf("stale=true says the credentials were right and only the nonce old: authclient.Digest")
			s.printf("answered the new nonce with nc=00000001, with no other retry")
		}
	})

	c.run("A wrong password: 401, one answer, the 401 given back (RFC 9110, Section 15.5.2)", func(s *demoStep) {
		wrong := c.transportClient(authclient.Digest(demoDigestUser, "not the password"))
		status, _, got := c.do(s, wrong, http.MethodGet, demoDigestPath, "")
		if !c.expect(s, got, []wantExchange{adminAnonymous, adminDigest(http.StatusUnauthorized)}) {
			return
		}
		ds, ok := c.digests(s, got[0], false)
		if !ok {
			return
		}
		checkDigestCredentials(s, got[1], ds[0].Nonce, 1)
		if _, ok := c.digests(s, got[1], false); !ok {
			return
		}
		if s.check(status == http.StatusUnauthorized, "status %d, want 401", status) {
			s.printf("the page refused the response without stale=true: authclient.Transport gave the 401")
			s.printf("back after one answer, with no loop")
		}
	})
}
