package main

// The server half of the demo: an OAuth 2.0 protected resource made of
// package resourceserver's pieces, a stand-in for its authorization server,
// and a page behind Digest checked with authz.CheckDigest. They share one
// listener on 127.0.0.1 and the demo's clock.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// The paths of the demo server, and who is who.
const (
	demoResourcePath = "/mcp"
	demoIssuerPath   = "/as"
	demoTokenPath    = "/as/token"
	demoDigestPath   = "/admin/status"

	demoClientID     = "demo-client"
	demoClientSecret = "demo-client-s3cret" // the client's password at the token endpoint
	demoTokenPrefix  = "demo-at-"           // every token starts with it, so that a test can look for one in the transcript
	demoTokenLife    = time.Hour

	demoDigestRealm    = "httpauth demo admin"
	demoDigestUser     = "operator"
	demoDigestPassword = "correct horse battery staple"
	demoNonceLife      = 5 * time.Minute
)

var (
	// demoScopes are the scopes every request to the resource needs.
	demoScopes = []string{"mcp:read"}
	// demoToolScope is the scope the tool save_note needs as well.
	demoToolScope = "mcp:write"
	// demoScopesSupported are the scopes the resource and its
	// authorization server know.
	demoScopesSupported = []string{"mcp:read", "mcp:write"}
	// demoDigestAlgorithms are the algorithms of the Digest challenges, in
	// the server's order of preference: MD5 only for old clients (RFC
	// 7616, Section 3.7).
	demoDigestAlgorithms = []string{"SHA-256", "MD5"}
)

// demoVerifier returns the resource's VerifyFunc; a test replaces it to
// see the demo fail.
var demoVerifier = func(as *demoAuthServer) resourceserver.VerifyFunc { return as.verify }

// demoCheckDigest checks Digest credentials for the Digest page; a test
// replaces it to see the demo fail.
var demoCheckDigest = authz.CheckDigest

// demoClock is the demo's time: it starts at a fixed instant and moves only
// when the demo says, so that "an hour later" takes no time and the
// transcript is the same on every run.
type demoClock struct {
	mu sync.Mutex
	t  time.Time
}

func newDemoClock() *demoClock {
	return &demoClock{t: time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *demoClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *demoClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// demoServer is the server half of the demo.
type demoServer struct {
	srv         *http.Server
	served      chan error // Serve's result
	origin      string     // http://127.0.0.1:PORT
	resource    string     // the resource identifier, http://127.0.0.1:PORT/mcp
	metadataURL string     // the resource's RFC 9728 metadata
	clock       *demoClock
	as          *demoAuthServer
	digest      *demoDigestPage
}

// startDemoServer starts the demo server on a random port of 127.0.0.1.
// The caller must call stop.
func startDemoServer(errorLog io.Writer) (*demoServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s, err := newDemoServer("http://" + ln.Addr().String())
	if err != nil {
		ln.Close()
		return nil, err
	}
	mux, err := s.routes(errorLog)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(errorLog, "demo server: ", 0),
	}
	go func() { s.served <- s.srv.Serve(ln) }()
	return s, nil
}

func newDemoServer(origin string) (*demoServer, error) {
	clock := newDemoClock()
	s := &demoServer{
		served:   make(chan error, 1),
		origin:   origin,
		resource: origin + demoResourcePath,
		clock:    clock,
		as: &demoAuthServer{
			issuer:        origin + demoIssuerPath,
			tokenEndpoint: origin + demoTokenPath,
			resource:      origin + demoResourcePath,
			clock:         clock,
			issued:        map[[sha256.Size]byte]issuedToken{},
		},
		digest: &demoDigestPage{
			realm: demoDigestRealm,
			users: map[string]string{demoDigestUser: demoDigestPassword},
			clock: clock,
			seen:  map[string]nonceUse{},
		},
	}
	if _, err := rand.Read(s.digest.key[:]); err != nil {
		return nil, err
	}
	// Loopback http is the one exception RFC 9728 and the library make to
	// https, for tests and demos like this one.
	var err error
	if s.metadataURL, err = resourceserver.MetadataURL(s.resource); err != nil {
		return nil, err
	}
	return s, nil
}

// routes returns the handler of every path of the demo server.
func (s *demoServer) routes(errorLog io.Writer) (*http.ServeMux, error) {
	metadataPath, err := resourceserver.MetadataPath(s.resource)
	if err != nil {
		return nil, err
	}
	metadata, err := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:               s.resource,
		AuthorizationServers:   []string{s.as.issuer},
		ScopesSupported:        demoScopesSupported,
		BearerMethodsSupported: []string{"header"},
		ResourceName:           "httpauth demo",
	})
	if err != nil {
		return nil, err
	}
	require := resourceserver.RequireBearer(demoVerifier(s.as), resourceserver.Options{
		ResourceMetadata: s.metadataURL,
		Scopes:           demoScopes,
		ErrorLog:         slog.New(slog.NewTextHandler(errorLog, nil)),
		Now:              s.clock.now,
	})
	// The well-known path of an issuer with a path is the path inserted
	// after /.well-known/oauth-authorization-server (RFC 8414, Section 3.1).
	asMetadataPath := "/.well-known/oauth-authorization-server" + demoIssuerPath

	mux := http.NewServeMux()
	mux.Handle(metadataPath, metadata) // no method in the pattern: the handler answers CORS preflights (OPTIONS) too
	mux.Handle("GET "+demoResourcePath, require(http.HandlerFunc(serveHello)))
	mux.Handle("POST "+demoResourcePath, require(http.HandlerFunc(serveToolCall)))
	mux.HandleFunc("GET "+asMetadataPath, s.as.serveMetadata)
	mux.HandleFunc("POST "+demoTokenPath, s.as.serveToken)
	mux.Handle("GET "+demoDigestPath, s.digest)
	return mux, nil
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

// serveHello answers GET /mcp, behind RequireBearer.
func serveHello(w http.ResponseWriter, r *http.Request) {
	info, _ := resourceserver.TokenInfoFrom(r.Context())
	fmt.Fprintf(w, "hello %s, your token grants %s\n", info.Subject, strings.Join(info.Scopes, " "))
}

// toolCall is the JSON-RPC request of an MCP tools/call, as far as the demo
// reads it.
type toolCall struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  struct {
		Name string `json:"name"`
	} `json:"params"`
}

// serveToolCall answers POST /mcp, behind RequireBearer: a tools/call of
// the tool save_note, which needs demoToolScope on top of the scopes of
// every request. A request whose body did not come (as when a client
// retries without replaying it) gets 400.
func serveToolCall(w http.ResponseWriter, r *http.Request) {
	var call toolCall
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&call); err != nil ||
		call.JSONRPC != "2.0" || call.Method != "tools/call" || len(call.ID) == 0 {
		http.Error(w, "the body is not a JSON-RPC tools/call", http.StatusBadRequest)
		return
	}
	if call.Params.Name != "save_note" {
		http.Error(w, "no such tool", http.StatusNotFound)
		return
	}
	// The tool's own scope: 403 insufficient_scope if the token lacks it,
	// with the scopes to ask for (MCP's step-up authorization).
	if !resourceserver.RequireScopes(w, r, demoToolScope) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%s,"result":{"content":[{"type":"text","text":"note saved"}]}}`+"\n", call.ID)
}

// demoAuthServer is a stand-in for the resource's authorization server: it
// serves its RFC 8414 metadata and a token endpoint that issues opaque
// tokens for the client_credentials grant (RFC 6749, Section 4.4), the
// grant that needs no user at a browser. A real MCP client runs the
// authorization code flow with PKCE instead, with an OAuth library.
type demoAuthServer struct {
	issuer, tokenEndpoint, resource string
	clock                           *demoClock

	mu     sync.Mutex
	issued map[[sha256.Size]byte]issuedToken // by the token's SHA-256: a lookup's time does not depend on the token
	count  int
}

// An issuedToken is what the authorization server knows of a token.
type issuedToken struct {
	n      int // 1 for the first token issued
	scopes []string
	expiry time.Time
}

// asMetadata is the authorization server's metadata document (RFC 8414,
// Section 2). There is no authorization_endpoint: RFC 8414 requires one
// only of a server that supports a grant type that uses it.
type asMetadata struct {
	Issuer                            string   `json:"issuer"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	ScopesSupported                   []string `json:"scopes_supported"`
}

func (as *demoAuthServer) serveMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(asMetadata{
		Issuer:                            as.issuer,
		TokenEndpoint:                     as.tokenEndpoint,
		GrantTypesSupported:               []string{"client_credentials"},
		TokenEndpointAuthMethodsSupported: []string{"client_secret_basic"},
		ScopesSupported:                   demoScopesSupported,
	})
}

// tokenResponse is a successful response of the token endpoint (RFC 6749,
// Section 5.1).
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// serveToken is the token endpoint: it authenticates the client with Basic
// (RFC 6749, Section 2.3.1), and issues a token for the client_credentials
// grant, the scopes asked (scope-tokens it knows) and the resource of the
// demo (RFC 8707, Section 2).
func (as *demoAuthServer) serveToken(w http.ResponseWriter, r *http.Request) {
	c, err := authz.Parse(r.Header)
	if err != nil || !authz.CheckBasic(c, demoClientID, demoClientSecret) {
		// RFC 6749, Section 5.2: invalid_client, with a challenge of the
		// scheme the client tried.
		challenge, err := wwwauth.Basic{Realm: "httpauth demo authorization server"}.Challenge()
		if err == nil {
			err = wwwauth.Set(w.Header(), challenge)
		}
		if err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		tokenError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	if r.PostForm.Get("resource") != as.resource {
		tokenError(w, http.StatusBadRequest, "invalid_target")
		return
	}
	// scope = scope-token *( SP scope-token ) (RFC 6749, Section 3.3).
	scopes := strings.Split(r.PostForm.Get("scope"), " ")
	for _, sc := range scopes {
		if !slices.Contains(demoScopesSupported, sc) {
			tokenError(w, http.StatusBadRequest, "invalid_scope")
			return
		}
	}
	token := demoTokenPrefix + rand.Text()
	as.mu.Lock()
	as.count++
	as.issued[sha256.Sum256([]byte(token))] = issuedToken{n: as.count, scopes: scopes, expiry: as.clock.now().Add(demoTokenLife)}
	as.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(tokenResponse{
		AccessToken: token,
		TokenType:   "Bearer",
		ExpiresIn:   int(demoTokenLife / time.Second),
		Scope:       strings.Join(scopes, " "),
	})
}

// tokenError writes an error response of the token endpoint (RFC 6749,
// Section 5.2).
func tokenError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":%q}`+"\n", code)
}

// lookup returns what the authorization server knows of token.
func (as *demoAuthServer) lookup(token string) (issuedToken, bool) {
	as.mu.Lock()
	defer as.mu.Unlock()
	t, ok := as.issued[sha256.Sum256([]byte(token))]
	return t, ok
}

// verify is the resource's VerifyFunc: it accepts the tokens the
// authorization server issued, with their scopes and expiry, which
// RequireBearer checks. A real one checks a JWT's signature and audience,
// or asks the authorization server (RFC 7662).
func (as *demoAuthServer) verify(_ *http.Request, token string) (resourceserver.TokenInfo, error) {
	t, ok := as.lookup(token)
	if !ok {
		return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: "the token is not one this server issued"}
	}
	return resourceserver.TokenInfo{Scopes: t.scopes, Subject: demoClientID, ClientID: demoClientID, Expiry: t.expiry}, nil
}

// describe names token for the transcript, which never shows it: "token 2
// (mcp:read mcp:write)". It returns 0 for a token it did not issue.
func (as *demoAuthServer) describe(token string) (int, string) {
	t, ok := as.lookup(token)
	if !ok {
		return 0, "a token the authorization server did not issue"
	}
	return t.n, "token " + strconv.Itoa(t.n) + ": " + strings.Join(t.scopes, " ")
}

// demoDigestPage is a page behind Digest (RFC 7616). authz.CheckDigest
// checks the response hash; the page does what CheckDigest leaves to a
// server: it checks the realm, the uri, the algorithm and the qop, issues
// nonces it can recognize without remembering them, answers right
// credentials with an expired nonce with stale=true, and refuses a nonce
// count it has seen.
type demoDigestPage struct {
	realm string
	users map[string]string // user name → password
	clock *demoClock
	key   [32]byte // for the nonces' HMAC; random, chosen at start-up

	mu   sync.Mutex
	seen map[string]nonceUse // nonce → what was accepted with it
}

// A nonceUse is the highest nonce count accepted with a nonce, and when the
// nonce was issued.
type nonceUse struct {
	nc     uint32
	issued time.Time
}

// nonceSize is the size of a nonce before base64: when it was issued (Unix
// seconds), 8 random bytes, and the HMAC-SHA256 of both and the realm.
const nonceSize = 8 + 8 + sha256.Size

// newNonce returns base64url(time || random || HMAC-SHA256(key, time ||
// random || realm)), the stateless nonce that the doc of authz.CheckDigest
// describes.
func (p *demoDigestPage) newNonce() string {
	var b [nonceSize]byte
	binary.BigEndian.PutUint64(b[:8], uint64(p.clock.now().Unix()))
	rand.Read(b[8:16])
	m := hmac.New(sha256.New, p.key[:])
	m.Write(b[:16])
	m.Write([]byte(p.realm))
	m.Sum(b[16:16])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// checkNonce returns when the nonce n was issued, and false if the page
// did not issue it.
func (p *demoDigestPage) checkNonce(n string) (time.Time, bool) {
	b, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil || len(b) != nonceSize {
		return time.Time{}, false
	}
	m := hmac.New(sha256.New, p.key[:])
	m.Write(b[:16])
	m.Write([]byte(p.realm))
	if !hmac.Equal(m.Sum(nil), b[16:]) {
		return time.Time{}, false
	}
	return time.Unix(int64(binary.BigEndian.Uint64(b[:8])), 0), true
}

func (p *demoDigestPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, stale := p.authenticate(r)
	if user == "" {
		p.challenge(w, stale)
		return
	}
	fmt.Fprintf(w, "hello %s: the device is up\n", user)
}

// challenge answers 401 with one Digest challenge per algorithm, all with
// the same fresh nonce, and stale=true if the refused credentials were right
// but their nonce too old (RFC 7616, Section 3.3).
func (p *demoDigestPage) challenge(w http.ResponseWriter, stale bool) {
	nonce := p.newNonce()
	var cs []wwwauth.Challenge
	for _, alg := range demoDigestAlgorithms {
		c, err := wwwauth.Digest{Realm: p.realm, Nonce: nonce, Stale: stale, Algorithm: alg, QOP: []string{"auth"}}.Challenge()
		if err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		cs = append(cs, c)
	}
	if err := wwwauth.Set(w.Header(), cs...); err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
}

// authenticate returns the user whose Digest credentials r carries, or ""
// and, if the credentials were right but the nonce has expired, stale.
func (p *demoDigestPage) authenticate(r *http.Request) (user string, stale bool) {
	c, err := authz.ParseLines(r.Header.Values("Authorization"))
	if err != nil {
		return "", false
	}
	d, err := authz.ParseDigest(c)
	if err != nil {
		return "", false
	}
	// What CheckDigest leaves to the server: the realm, the request
	// target (RFC 7616, Section 3.4.6), and an algorithm and a qop the
	// page offered. The client echoes the algorithm as the challenge
	// spelled it.
	if d.Realm != p.realm || d.URI != r.RequestURI || !slices.Contains(demoDigestAlgorithms, d.Algorithm) ||
		d.QOP != "auth" || d.Userhash {
		return "", false
	}
	issued, ok := p.checkNonce(d.Nonce)
	if !ok {
		return "", false
	}
	password, known := p.users[d.Username]
	if !demoCheckDigest(d, r.Method, d.Username, password, nil) || !known {
		return "", false
	}
	now := p.clock.now()
	if now.Sub(issued) > demoNonceLife {
		return "", true
	}
	// Replays: the nonce count must grow (RFC 7616, Section 3.4). Entries
	// go with their nonce, so that the table stays small.
	p.mu.Lock()
	defer p.mu.Unlock()
	for n, u := range p.seen {
		if now.Sub(u.issued) > demoNonceLife {
			delete(p.seen, n)
		}
	}
	if d.NC <= p.seen[d.Nonce].nc {
		return "", false
	}
	p.seen[d.Nonce] = nonceUse{nc: d.NC, issued: issued}
	return d.Username, false
}
