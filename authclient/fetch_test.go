package authclient

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// A dialRecord is one connection attempt a test client made: the address
// and the verdict of the address rules (nil: allowed).
type dialRecord struct {
	address string
	refused error
}

// testNet is the network of a test client. Host names resolve only
// through names (fakeResolver), so a test sends no DNS query; every
// connection attempt is recorded; and no connection leaves loopback,
// whatever the rules under test decide: an attempt the rules allow to a
// non-loopback address fails the test and is refused. An address in
// public stands for a public host: the test servers listen on loopback,
// and a test that checks the rules of a client that does not allow
// loopback needs a server that client may reach.
type testNet struct {
	t      testing.TB
	names  map[string][]netip.Addr
	public map[string]bool

	mu    sync.Mutex
	dials []dialRecord
}

func newTestNet(t testing.TB) *testNet {
	return &testNet{t: t, names: map[string][]netip.Addr{}, public: map[string]bool{}}
}

// client returns a client with opts on n. If tlsServer is not nil, the
// client trusts its certificate, which is valid for example.com,
// 127.0.0.1 and ::1.
func (n *testNet) client(opts ClientOptions, tlsServer *httptest.Server) *http.Client {
	hooks := clientHooks{resolver: fakeResolver(n.names), dial: n.dial}
	if tlsServer != nil {
		hooks.tlsConfig = tlsServer.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	}
	c := newClient(opts, hooks)
	n.t.Cleanup(c.CloseIdleConnections)
	return c
}

// publicServer starts a TLS server that n's clients reach as
// https://example.com:port, and treat as a public host.
func (n *testNet) publicServer(h http.Handler) (srv *httptest.Server, base string) {
	srv = httptest.NewTLSServer(h)
	n.t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()
	n.public[addr] = true
	n.names["example.com"] = append(n.names["example.com"], netip.MustParseAddrPort(addr).Addr())
	return srv, "https://example.com:" + srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
}

func (n *testNet) dial(address string, refused error) error {
	n.mu.Lock()
	n.dials = append(n.dials, dialRecord{address, refused})
	n.mu.Unlock()
	if n.public[address] {
		return nil
	}
	if refused != nil {
		return refused
	}
	if ap, err := netip.ParseAddrPort(address); err != nil || !ap.Addr().Unmap().IsLoopback() {
		n.t.Errorf("the client would connect to %s, which is not loopback", address)
		return errors.New("test: no connection leaves loopback")
	}
	return nil
}

func (n *testNet) records() []dialRecord {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]dialRecord(nil), n.dials...)
}

// discardLog silences a test server's log of failed handshakes.
var discardLog = log.New(io.Discard, "", 0)

// TestNewClientDefaults checks the settings of the zero options: the
// default timeout is at most 30 s, as the issue asks, no proxy, no cookie
// jar, and the redirect and URL checks installed.
func TestNewClientDefaults(t *testing.T) {
	c := NewClient(ClientOptions{})
	if c.Timeout <= 0 || c.Timeout > 30*time.Second {
		t.Errorf("NewClient(zero).Timeout = %v, want in (0, 30s]", c.Timeout)
	}
	if c.Jar != nil {
		t.Error("NewClient(zero).Jar is set, want nil: a server's cookies must not be sent back")
	}
	if c.CheckRedirect == nil {
		t.Error("NewClient(zero).CheckRedirect is nil")
	}
	tr, ok := c.Transport.(*checkedTransport)
	if !ok {
		t.Fatalf("NewClient(zero).Transport is a %T, want *checkedTransport", c.Transport)
	}
	if tr.base.Proxy != nil {
		t.Error("the transport has a Proxy function: it must not follow HTTP_PROXY")
	}
	if tr.allowLoopback {
		t.Error("loopback allowed by default")
	}
	if got := NewClient(ClientOptions{Timeout: 2 * time.Second}).Timeout; got != 2*time.Second {
		t.Errorf("NewClient(Timeout: 2s).Timeout = %v", got)
	}
	if got := NewClient(ClientOptions{Timeout: -time.Second}).Timeout; got != 30*time.Second {
		t.Errorf("NewClient(Timeout: -1s).Timeout = %v, want 30s", got)
	}
}

// TestWithDefaultTimeout checks the deadline the fetching functions put
// on a context without one, and that they keep a caller's.
func TestWithDefaultTimeout(t *testing.T) {
	before := time.Now()
	ctx, cancel := withDefaultTimeout(context.Background())
	defer cancel()
	d, ok := ctx.Deadline()
	if !ok || d.After(before.Add(30*time.Second).Add(time.Second)) || d.Before(before) {
		t.Errorf("deadline = %v, %v; want within 30 s of %v", d, ok, before)
	}
	want := before.Add(time.Hour)
	parent, cancelParent := context.WithDeadline(context.Background(), want)
	defer cancelParent()
	ctx, cancel = withDefaultTimeout(parent)
	defer cancel()
	if d, _ := ctx.Deadline(); !d.Equal(want) {
		t.Errorf("deadline = %v, want the caller's %v", d, want)
	}
}

// TestCheckRequestURL checks the URL rule, applied to every request and
// every redirect before anything is sent.
func TestCheckRequestURL(t *testing.T) {
	tests := []struct {
		name          string
		url           string
		allowLoopback bool
		refused       bool
	}{
		// An empty host with a port dials the local system (found by FuzzDiscover).
		{"https-empty-host-port", "https://:443/", false, true},
		{"https-empty-host-port-allowed-loopback", "https://:0/", true, true},
		{"https-name", "https://api.example.com/x", false, false},
		{"https-public-ip", "https://8.8.8.8/", false, false},
		{"https-upper-scheme", "HTTPS://api.example.com/", false, false},
		{"http-public", "http://api.example.com/", false, true},
		{"http-public-allowed-loopback", "http://api.example.com/", true, true},
		{"http-loopback-not-allowed", "http://127.0.0.1:8080/", false, true},
		{"http-loopback-allowed", "http://127.0.0.1:8080/", true, false},
		{"http-localhost-allowed", "http://localhost:8080/", true, false},
		{"http-localhost-not-allowed", "http://localhost:8080/", false, true},
		{"http-v6-loopback-allowed", "http://[::1]:8080/", true, false},
		{"https-localhost-not-allowed", "https://localhost/", false, true},
		{"https-loopback-ip-not-allowed", "https://127.0.0.1/", false, true},
		{"https-loopback-ip-allowed", "https://127.0.0.1/", true, false},
		{"https-private", "https://10.0.0.1/", true, true},
		{"https-metadata", "https://169.254.169.254/latest/meta-data/", true, true},
		{"http-metadata", "http://169.254.169.254/latest/meta-data/", true, true},
		{"https-mapped-private", "https://[::ffff:10.0.0.1]/", false, true},
		{"https-mapped-loopback", "https://[::ffff:127.0.0.1]/", false, true},
		{"https-ula", "https://[fd00::1]/", false, true},
		{"https-zoned-link-local", "https://[fe80::1%25eth0]/", false, true},
		{"https-unspecified", "https://0.0.0.0/", true, true},
		{"ftp", "ftp://api.example.com/", true, true},
		{"file", "file:///etc/passwd", true, true},
		{"gopher", "gopher://127.0.0.1:6379/_INFO", true, true},
		{"userinfo", "https://user:pass@api.example.com/", false, true},
		{"opaque", "https:api.example.com", false, true},
		{"no-host", "https:///path", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			err = checkRequestURL(u, tc.allowLoopback)
			if got := errors.Is(err, ErrRefused); got != tc.refused || (err != nil && !got) {
				t.Errorf("checkRequestURL(%q, %v) = %v; want refused %v", tc.url, tc.allowLoopback, err, tc.refused)
			}
		})
	}
}

// TestClientRefusesBeforeConnecting checks that the client applies the
// URL rule itself: a refused URL causes no connection attempt at all.
func TestClientRefusesBeforeConnecting(t *testing.T) {
	for _, target := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"https://10.0.0.1/",
		"https://[::ffff:192.168.0.1]/",
		"http://127.0.0.1:1/",
		"ftp://127.0.0.1/",
	} {
		t.Run(target, func(t *testing.T) {
			n := newTestNet(t)
			c := n.client(ClientOptions{}, nil)
			resp, err := c.Get(target)
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("Get(%q) error = %v, want ErrRefused", target, err)
			}
			if r := n.records(); len(r) != 0 {
				t.Errorf("connection attempts = %v, want none", r)
			}
		})
	}
}

// TestDialChecksResolvedAddress checks the rule on the address a name
// resolves to (DNS rebinding): for every refused class, a name that
// resolves to an address of that class is refused by the dialer's hook,
// before connecting.
func TestDialChecksResolvedAddress(t *testing.T) {
	for _, tc := range addressCases {
		if tc.class == "" || strings.Contains(tc.addr, "%") {
			continue // an address with a zone cannot come from DNS
		}
		t.Run(tc.name, func(t *testing.T) {
			n := newTestNet(t)
			addr := netip.MustParseAddr(tc.addr)
			n.names["rebind.test"] = []netip.Addr{addr}
			c := n.client(ClientOptions{}, nil)
			resp, err := c.Get("https://rebind.test/.well-known/oauth-protected-resource")
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("Get error = %v, want ErrRefused", err)
			}
			var r *refusedError
			if !errors.As(err, &r) || !strings.Contains(r.reason, tc.class) {
				t.Errorf("refusal = %v, want one naming %q", err, tc.class)
			}
			// The resolver turns an IPv4-mapped AAAA record into the
			// IPv4 address, and the dialer tries 0.0.0.0 after ::, so
			// the attempts are compared unmapped, and all are refused.
			recs := n.records()
			if len(recs) == 0 {
				t.Errorf("no connection attempt: the dialer's hook was not reached")
			}
			for _, r := range recs {
				got := netip.MustParseAddrPort(r.address).Addr().Unmap()
				if r.refused == nil || got != addr.Unmap() && !got.IsUnspecified() {
					t.Errorf("connection attempt to %s, refused: %v; want %s, refused", got, r.refused, addr)
				}
			}
		})
	}
}

// TestDialPicksAllowedAddress checks that the rule applies to each
// address of a name: a name that resolves to a private address and to an
// allowed one reaches the allowed one, and never connects to the other;
// and that the loopback opt-in lets a name that resolves to loopback
// through.
func TestDialPicksAllowedAddress(t *testing.T) {
	n := newTestNet(t)
	srv, base := n.publicServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	n.names["example.com"] = append([]netip.Addr{netip.MustParseAddr("10.0.0.1")}, n.names["example.com"]...)
	c := n.client(ClientOptions{}, srv)
	resp, err := c.Get(base + "/")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	resp.Body.Close()
	for _, r := range n.records() {
		if strings.HasPrefix(r.address, "10.0.0.1:") && r.refused == nil {
			t.Errorf("the rules allowed %s", r.address)
		}
	}

	// A name resolving to loopback, with and without the opt-in.
	n2 := newTestNet(t)
	n2.names["dev.test"] = []netip.Addr{netip.MustParseAddr("127.0.0.1")}
	local := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	local.Config.ErrorLog = discardLog // the failed handshake below
	local.StartTLS()
	defer local.Close()
	port := local.URL[strings.LastIndexByte(local.URL, ':')+1:]
	_, err = n2.client(ClientOptions{}, local).Get("https://dev.test:" + port + "/")
	if !errors.Is(err, ErrRefused) {
		t.Errorf("without AllowLoopback: Get error = %v, want ErrRefused", err)
	}
	// The certificate is not valid for dev.test, so the request fails
	// after connecting: what matters is that the rules let it connect.
	n2.client(ClientOptions{AllowLoopback: true}, local).Get("https://dev.test:" + port + "/")
	recs := n2.records()
	if len(recs) != 2 || recs[1].refused != nil {
		t.Errorf("with AllowLoopback: connection attempts = %v, want the second allowed", recs)
	}
}

// TestRedirectsRechecked checks that a redirect is checked as the first
// request was, on its URL and on the address it connects to, and that a
// redirect obeying the rules is followed.
func TestRedirectsRechecked(t *testing.T) {
	var otherHits sync.Map
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Store(r.URL.Path, true)
	}))
	defer other.Close()
	otherPort := other.URL[strings.LastIndexByte(other.URL, ':')+1:]

	n := newTestNet(t)
	n.names["internal.test"] = []netip.Addr{netip.MustParseAddr("10.1.2.3")}
	n.names["meta.test"] = []netip.Addr{netip.MustParseAddr("169.254.169.254")}
	srv, base := n.publicServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			io.WriteString(w, "ok")
			return
		}
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	c := n.client(ClientOptions{}, srv)

	tests := []struct {
		name    string
		to      string
		refused bool
	}{
		{"http-loopback", "http://127.0.0.1:" + otherPort + "/a", true},
		{"https-loopback", "https://127.0.0.1:" + otherPort + "/b", true},
		{"https-localhost", "https://localhost:" + otherPort + "/c", true},
		{"http-metadata", "http://169.254.169.254/latest/meta-data/", true},
		{"https-private-ip", "https://10.0.0.1/", true},
		{"https-mapped", "https://[::ffff:169.254.169.254]/", true},
		{"rebinding-private", "https://internal.test/", true},
		{"rebinding-metadata", "https://meta.test/latest/meta-data/", true},
		{"downgrade-to-http", strings.Replace(base, "https:", "http:", 1) + "/ok", true},
		{"ftp", "ftp://example.com/", true},
		{"file", "file:///etc/passwd", true},
		{"gopher", "gopher://127.0.0.1:6379/_INFO", true},
		{"userinfo", "https://user:pass@example.com/", true},
		{"same-host", base + "/ok", false},
		{"relative", "/ok", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Get(base + "/redirect?to=" + url.QueryEscape(tc.to))
			if err == nil {
				defer resp.Body.Close()
			}
			if tc.refused {
				if !errors.Is(err, ErrRefused) {
					t.Errorf("redirect to %s: error = %v, want ErrRefused", tc.to, err)
				}
				return
			}
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("redirect to %s: %v, %v; want 200", tc.to, resp, err)
			}
		})
	}
	otherHits.Range(func(k, _ any) bool {
		t.Errorf("a refused redirect reached the loopback server: %v", k)
		return true
	})
	for _, r := range n.records() {
		if a := netip.MustParseAddrPort(r.address).Addr(); !a.IsLoopback() && r.refused == nil {
			t.Errorf("the rules allowed a connection to %s", a)
		}
	}
}

// TestRedirectsFollowedWithLoopback checks that with AllowLoopback a
// redirect between two loopback servers is followed, and that redirects
// are bounded.
func TestRedirectsFollowedWithLoopback(t *testing.T) {
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "b") }))
	defer b.Close()
	var loops int
	var mu sync.Mutex
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/loop" {
			mu.Lock()
			loops++
			mu.Unlock()
			http.Redirect(w, r, "/loop", http.StatusFound)
			return
		}
		http.Redirect(w, r, b.URL+"/", http.StatusFound)
	}))
	defer a.Close()
	n := newTestNet(t)
	c := n.client(ClientOptions{AllowLoopback: true}, nil)

	resp, err := c.Get(a.URL + "/")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "b" {
		t.Errorf("body = %q, want the redirect target's", body)
	}

	resp, err = c.Get(a.URL + "/loop")
	if err == nil {
		resp.Body.Close()
		t.Fatal("a redirect loop ended without error")
	}
	if !errors.Is(err, errTooManyRedirects) {
		t.Errorf("error = %v, want errTooManyRedirects", err)
	}
	if loops != 6 {
		t.Errorf("requests in the loop = %d, want 6 (the first and 5 redirects)", loops)
	}
}

// TestCredentialsNotForwarded checks that Authorization, Cookie and
// Proxy-Authorization follow a redirect within the origin and are dropped
// once a redirect leaves it, even to the same host on another port (which
// the standard library alone allows) and even if a later redirect comes
// back.
func TestCredentialsNotForwarded(t *testing.T) {
	type seen struct{ Authorization, Cookie, ProxyAuthorization, Other string }
	var mu sync.Mutex
	got := map[string]seen{}
	echo := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			got[name] = seen{r.Header.Get("Authorization"), r.Header.Get("Cookie"), r.Header.Get("Proxy-Authorization"), r.Header.Get("X-Other")}
		}
	}
	var aURL string
	muxB := http.NewServeMux()
	muxB.HandleFunc("/echo", echo("b"))
	muxB.HandleFunc("/back", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, aURL+"/echo-back", http.StatusFound)
	})
	b := httptest.NewServer(muxB)
	defer b.Close()
	muxA := http.NewServeMux()
	muxA.HandleFunc("/echo", echo("a"))
	muxA.HandleFunc("/echo-back", echo("a-back"))
	muxA.HandleFunc("/same", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/echo", http.StatusFound) })
	muxA.HandleFunc("/other", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.URL+"/echo", http.StatusFound) })
	muxA.HandleFunc("/round", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.URL+"/back", http.StatusFound) })
	a := httptest.NewServer(muxA)
	defer a.Close()
	aURL = a.URL

	get := func(c *http.Client, path string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, a.URL+path, nil)
		req.Header.Set("Authorization", "Bearer secret-token")
		req.Header.Set("Cookie", "session=secret-cookie")
		req.Header.Set("Proxy-Authorization", "Basic c2VjcmV0")
		req.Header.Set("X-Other", "kept")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		resp.Body.Close()
	}
	all := seen{"Bearer secret-token", "session=secret-cookie", "Basic c2VjcmV0", "kept"}
	none := seen{Other: "kept"}

	// The control: the standard library alone forwards them to another
	// port of the same host, so the check below can fail.
	get(&http.Client{}, "/other")
	if got["b"] != all {
		t.Fatalf("control: http.Client forwarded %+v; this test assumes it forwards all", got["b"])
	}

	c := newTestNet(t).client(ClientOptions{AllowLoopback: true}, nil)
	get(c, "/same")
	get(c, "/other")
	get(c, "/round")
	want := map[string]seen{"a": all, "b": none, "a-back": none}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headers seen after redirects (-want +got):\n%s", diff)
	}
}

// TestOrigin checks the origins the credentials rule compares.
func TestOrigin(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"default-port-https", "https://a.example/x", "https://a.example:443/y"},
		{"default-port-http", "http://a.example/", "http://a.example:80/"},
		{"case", "HTTPS://A.Example/", "https://a.example/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := url.Parse(tc.a)
			b, _ := url.Parse(tc.b)
			if origin(a) != origin(b) {
				t.Errorf("origin(%s) = %s, origin(%s) = %s; want equal", tc.a, origin(a), tc.b, origin(b))
			}
		})
	}
	differ := []struct{ name, a, b string }{
		{"port", "https://a.example/", "https://a.example:8443/"},
		{"scheme", "http://a.example/", "https://a.example/"},
		{"subdomain", "https://a.example/", "https://sub.a.example/"},
	}
	for _, tc := range differ {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := url.Parse(tc.a)
			b, _ := url.Parse(tc.b)
			if origin(a) == origin(b) {
				t.Errorf("origin(%s) = origin(%s) = %s; want different", tc.a, tc.b, origin(a))
			}
		})
	}
}
