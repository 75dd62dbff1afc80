package digest_test

import (
	"crypto/sha1"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	auth "github.com/abbot/go-http-auth"
	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
)

// The user the servers know. go-http-auth's Digest server stores, as an
// htdigest file does, H(user ":" realm ":" password) with MD5, computed
// here with its own auth.H.
const (
	user     = "Mufasa"
	password = "Circle of Life"
	realm    = "http-auth@example.org"
)

func htdigest(u, r string) string {
	if u != user || r != realm {
		return ""
	}
	return auth.H(user + ":" + realm + ":" + password)
}

// hit is what a test server saw.
type hit struct {
	Status        int
	Authorization string // the Authorization or Proxy-Authorization field
	Body          string
}

// recorder wraps a handler and records what it answered.
type recorder struct {
	mu    sync.Mutex
	hits  []hit
	field string
	next  http.Handler
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := hit{Authorization: r.Header.Get(rec.field)}
	sw := &statusWriter{ResponseWriter: w, status: 200}
	rec.next.ServeHTTP(sw, r)
	h.Status = sw.status
	rec.mu.Lock()
	rec.hits = append(rec.hits, h)
	rec.mu.Unlock()
}

func (rec *recorder) statuses() []int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []int
	for _, h := range rec.hits {
		out = append(out, h.Status)
	}
	return out
}

func (rec *recorder) last() hit {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.hits[len(rec.hits)-1]
}

// digestServer starts go-http-auth's DigestAuth on 127.0.0.1; the
// protected handler echoes the user and the body.
func digestServer(t *testing.T, headers *auth.Headers) (*auth.DigestAuth, *recorder, *httptest.Server) {
	t.Helper()
	da := auth.NewDigestAuthenticator(realm, htdigest)
	field := "Authorization"
	if headers != nil {
		da.Headers = headers
		field = headers.Authorization
	}
	rec := &recorder{field: field, next: da.Wrap(func(w http.ResponseWriter, r *auth.AuthenticatedRequest) {
		b, _ := io.ReadAll(r.Body)
		io.WriteString(w, "hello "+r.Username+" "+string(b))
	})}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return da, rec, srv
}

func do(t *testing.T, c *http.Client, method, u, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func digestClient(pass string, base http.RoundTripper) *http.Client {
	return &http.Client{Transport: &authclient.Transport{Base: base, Handlers: []authclient.Handler{authclient.Digest(user, pass)}}}
}

// TestGoHTTPAuthDigest drives go-http-auth's Digest server (MD5,
// qop=auth, algorithm sent quoted, nonce counts checked to grow) with
// authclient.Transport: the first request is answered, the next ones go
// pre-emptively with nc 2, 3, which go-http-auth accepts, and a body is
// replayed.
func TestGoHTTPAuthDigest(t *testing.T) {
	_, rec, srv := digestServer(t, nil)
	c := digestClient(password, nil)
	steps := []struct{ method, path, body, want string }{
		{"GET", "/dir/index.html", "", "hello Mufasa "},
		{"GET", "/dir/index.html", "", "hello Mufasa "},
		{"POST", "/other?x=1", "a body", "hello Mufasa a body"},
	}
	for _, s := range steps {
		status, body := do(t, c, s.method, srv.URL+s.path, s.body)
		if status != 200 || body != s.want {
			t.Fatalf("%s %s: %d %q, want 200 %q; server answered %v", s.method, s.path, status, body, s.want, rec.statuses())
		}
	}
	if diff := cmp.Diff([]int{401, 200, 200, 200}, rec.statuses()); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
	c2, err := authz.ParseString(rec.last().Authorization)
	if err != nil {
		t.Fatal(err)
	}
	d, err := authz.ParseDigest(c2)
	if err != nil {
		t.Fatal(err)
	}
	if d.NC != 3 || d.URI != "/other?x=1" || d.Algorithm != "MD5" || d.QOP != "auth" {
		t.Errorf("last credentials: nc=%d uri=%q algorithm=%q qop=%q; want 3, /other?x=1, MD5, auth", d.NC, d.URI, d.Algorithm, d.QOP)
	}

	// A new client: the POST's body is replayed on the answer.
	_, rec2, srv2 := digestServer(t, nil)
	if status, body := do(t, digestClient(password, nil), "PUT", srv2.URL+"/upload", "replayed"); status != 200 || body != "hello Mufasa replayed" {
		t.Errorf("PUT: %d %q", status, body)
	}
	if diff := cmp.Diff([]int{401, 200}, rec2.statuses()); diff != "" {
		t.Errorf("PUT statuses mismatch (-want +got):\n%s", diff)
	}
}

// TestGoHTTPAuthDigestWrongPassword checks that go-http-auth refuses a
// wrong password, and that the caller gets its 401 after one answer.
func TestGoHTTPAuthDigestWrongPassword(t *testing.T) {
	_, rec, srv := digestServer(t, nil)
	if status, _ := do(t, digestClient("Circle Of Life", nil), "GET", srv.URL+"/", ""); status != 401 {
		t.Errorf("status %d, want 401", status)
	}
	if diff := cmp.Diff([]int{401, 401}, rec.statuses()); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
}

// TestGoHTTPAuthDigestForgotten checks what happens when the server
// forgets its nonces (a restart): go-http-auth answers the pre-emptive
// credentials with a fresh challenge, without stale=true, and the
// Transport answers it once.
func TestGoHTTPAuthDigestForgotten(t *testing.T) {
	da, rec, srv := digestServer(t, nil)
	c := digestClient(password, nil)
	if status, _ := do(t, c, "GET", srv.URL+"/", ""); status != 200 {
		t.Fatal(status)
	}
	da.Purge(1) // forget the one nonce it issued
	if status, _ := do(t, c, "GET", srv.URL+"/", ""); status != 200 {
		t.Errorf("after the server forgot its nonces: %d", status)
	}
	if diff := cmp.Diff([]int{401, 200, 401, 200}, rec.statuses()); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
}

// TestGoHTTPAuthDigestProxy puts go-http-auth's Digest server in proxy
// mode (407, Proxy-Authenticate, Proxy-Authorization) and sends requests
// through it with an http.Transport whose Proxy it is: the Transport
// answers with Proxy-Authorization and the absolute-form uri go-http-auth
// compares with the request-target. The target, 127.0.0.1:9, is never
// dialed: the proxy answers itself.
func TestGoHTTPAuthDigestProxy(t *testing.T) {
	_, rec, proxy := digestServer(t, auth.ProxyHeaders)
	proxyURL, err := url.Parse(proxy.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := digestClient(password, &http.Transport{Proxy: http.ProxyURL(proxyURL)})
	for range 2 {
		if status, body := do(t, c, "GET", "http://127.0.0.1:9/resource", ""); status != 200 || body != "hello Mufasa " {
			t.Fatalf("got %d %q; proxy answered %v", status, body, rec.statuses())
		}
	}
	if diff := cmp.Diff([]int{407, 200, 200}, rec.statuses()); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
}

// TestGoHTTPAuthBasic drives go-http-auth's Basic server, with a {SHA}
// htpasswd entry, with authclient.Basic.
func TestGoHTTPAuthBasic(t *testing.T) {
	sum := sha1.Sum([]byte(password))
	entry := "{SHA}" + base64.StdEncoding.EncodeToString(sum[:])
	ba := &auth.BasicAuth{Realm: realm, Secrets: func(u, r string) string {
		if u == user {
			return entry
		}
		return ""
	}}
	rec := &recorder{field: "Authorization", next: ba.Wrap(func(w http.ResponseWriter, r *auth.AuthenticatedRequest) {
		io.WriteString(w, "hello "+r.Username)
	})}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Basic(user, password)}}}
	for range 2 {
		if status, body := do(t, c, "GET", srv.URL+"/dir/a", ""); status != 200 || body != "hello Mufasa" {
			t.Fatalf("got %d %q", status, body)
		}
	}
	if diff := cmp.Diff([]int{401, 200, 200}, rec.statuses()); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
}
