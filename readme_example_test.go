package httpauth_test

// The Go blocks of README.md, verbatim, inside functions that give them what
// they use; TestREADMECompiled checks that each block stands here (or in
// another test file), and the Examples run them.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// readmeChallenge is the README's "a server writes a challenge".
func readmeChallenge(w http.ResponseWriter, metadataURL string) error {
	c, err := wwwauth.Bearer{Error: wwwauth.CodeInvalidToken, ResourceMetadata: metadataURL}.Challenge()
	if err != nil {
		return err // a value the RFCs forbid, or one that could inject a header
	}
	w.Header().Set("Cache-Control", "no-store")
	return wwwauth.Set(w.Header(), c)
}

func Example_readmeChallenge() {
	w := httptest.NewRecorder()
	err := readmeChallenge(w, "https://api.example.com/.well-known/oauth-protected-resource/mcp")
	fmt.Println(w.Header().Get("WWW-Authenticate"), err)
	err = readmeChallenge(w, "http://attacker.example/\r\nSet-Cookie: x=y")
	fmt.Println(err)
	// Output:
	// Bearer error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp" <nil>
	// httpauth: cannot serialize element 0, parameter 1: httpauth: Bearer parameter resource_metadata: holds a character a URI cannot hold
}

// readmeParse is the README's strict parse of any challenge list.
func readmeParse(resp *http.Response) error {
	cs, err := wwwauth.Parse(resp.Header) // strict: a *httpauth.SyntaxError names the line and byte offset
	if err != nil {
		return err
	}
	for _, c := range cs {
		realm, _ := c.Param("realm")
		fmt.Println(c.Scheme, realm)
	}
	return nil
}

// readmeLenient is the README's lenient parse.
func readmeLenient(resp *http.Response) ([]wwwauth.Challenge, error) {
	p := wwwauth.Parser{
		Lenient: true,
		Recovered: func(rs []httpauth.Recovery, omitted int) {
			for _, r := range rs {
				log.Printf("WWW-Authenticate: repaired %v", r)
			}
		},
	}
	return p.Parse(resp.Header) // an error only when a limit is exceeded
}

// readmeResponse is the README's client reading a 401 itself, with the
// fallback to the well-known URLs when the challenge has no
// resource_metadata.
func readmeResponse(ctx context.Context, resp *http.Response) error {
	r, err := wwwauth.ParseResponse(resp)
	if err != nil {
		return err // the field exceeds the parser's limits
	}
	code, _ := r.ErrorCode() // wwwauth.CodeInsufficientScope: ask for more scopes
	scopes, _ := r.Scope()
	metadataURL, err := r.ResourceMetadata()
	if err != nil && !errors.Is(err, wwwauth.ErrNoResourceMetadata) {
		return err // a URL no client may fetch: http to a public host, userinfo…
	}
	// With metadataURL "", the resource's well-known URLs, path-inserted then
	// root (RFC 9728, Section 3.1); either way the document must be about the
	// resource the client asked for (Section 3.3).
	m, err := authclient.FetchResourceMetadata(ctx, nil, metadataURL, resp.Request.URL.String())
	if err != nil {
		return err
	}
	fmt.Println(code, scopes, m.AuthorizationServers)
	return nil
}

func Example_readmeResponse() {
	// The challenge names no resource_metadata, and the resource is on
	// 127.0.0.1, which the default client refuses: the fallback is tried,
	// and refused before any connection.
	req := httptest.NewRequest("GET", "http://127.0.0.1:1/mcp", nil)
	resp := &http.Response{StatusCode: 403, Request: req, Header: http.Header{
		"Www-Authenticate": {`Bearer error="insufficient_scope", scope="files:write"`},
	}}
	err := readmeResponse(context.Background(), resp)
	fmt.Println(errors.Is(err, authclient.ErrRefused))

	// A resource_metadata over plain http to a public host is refused
	// before anything is fetched.
	resp.Header.Set("WWW-Authenticate", `Bearer resource_metadata="http://attacker.example/m"`)
	err = readmeResponse(context.Background(), resp)
	var pe *httpauth.ParamError
	fmt.Println(errors.As(err, &pe), pe.Name)
	// Output:
	// true
	// true resource_metadata
}

// readmeLookup is the README's allocation-free lookup of one value.
func readmeLookup(resp *http.Response) (string, bool, error) {
	u, ok, err := wwwauth.Lookup(resp.Header.Values("WWW-Authenticate"), "Bearer", "resource_metadata")
	return u, ok, err
}

func Example_readmeParse() {
	resp := &http.Response{Header: http.Header{"Www-Authenticate": {
		`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
	}}}
	if err := readmeParse(resp); err != nil {
		fmt.Println(err)
	}

	resp.Header.Set("WWW-Authenticate", `Bearer realm=api resource_metadata=https://api.example.com/.well-known/oauth-protected-resource`)
	err := readmeParse(resp)
	var se *httpauth.SyntaxError
	fmt.Println(errors.As(err, &se), se.Offset)

	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	cs, err := readmeLenient(resp)
	fmt.Println(cs, err)
	fmt.Println(readmeLookup(resp))
	// Output:
	// Newauth apps
	// Basic simple
	// true 17
	// WWW-Authenticate: repaired line 1, offset 17: expected ',' or end of field (assumed a ',' before it)
	// WWW-Authenticate: repaired line 1, offset 40: expected ',' or end of field (took the unquoted value up to the next ',' or whitespace)
	// [Bearer realm="api", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource"] <nil>
	//  false httpauth: line 1, offset 17: expected ',' or end of field
}

// readmeCredentials is the README's server reading credentials.
func readmeCredentials(r *http.Request) (string, error) {
	c, err := authz.Parse(r.Header) // authz.ErrNoCredentials if there are none
	if err != nil {
		return "", err
	}
	slog.Info("request", "authorization", c) // logs "Bearer [redacted]"
	token, err := authz.ParseBearer(c)
	if err != nil {
		return "", err // the message never holds a byte of the header
	}
	return token, nil
}

// readmeBasic is the README's static Basic check.
func readmeBasic(r *http.Request, storedPassword string) bool {
	c, err := authz.Parse(r.Header)
	return err == nil && authz.CheckBasic(c, "admin", storedPassword) // in constant time
}

// readmeClientCredentials is the README's client writing credentials.
func readmeClientCredentials(req *http.Request, token string) error {
	c, err := authz.BearerCredentials(token)
	if err != nil {
		return err
	}
	return authz.Set(req.Header, c) // the one place the secret is written
}

func Example_readmeCredentials() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})))
	defer slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))

	req := httptest.NewRequest("GET", "/mcp", nil)
	if err := readmeClientCredentials(req, "mF_9.B5f-4.1JqM"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(readmeCredentials(req))

	req = httptest.NewRequest("GET", "/admin", nil)
	req.SetBasicAuth("admin", "correct horse battery staple")
	fmt.Println(readmeBasic(req, "correct horse battery staple"), readmeBasic(req, "wrong"))
	// Output:
	// level=INFO msg=request authorization="Bearer [redacted]"
	// mF_9.B5f-4.1JqM <nil>
	// true false
}

// readmeDigest is the README's server checking Digest credentials.
func readmeDigest(r *http.Request, c authz.Credentials, storedPassword string) bool {
	d, err := authz.ParseDigest(c)
	ok := err == nil && authz.CheckDigest(d, r.Method, "Mufasa", storedPassword, nil)
	return ok
}

func Example_readmeDigest() {
	// RFC 7616, Section 3.9.1, SHA-256.
	r := httptest.NewRequest("GET", "/dir/index.html", nil)
	r.Header.Set("Authorization", `Digest username="Mufasa", realm="http-auth@example.org", `+
		`uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", `+
		`nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, `+
		`response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", `+
		`opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`)
	c, err := authz.Parse(r.Header)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(readmeDigest(r, c, "Circle of Life"), readmeDigest(r, c, "circle of life"))
	// Output: true false
}
