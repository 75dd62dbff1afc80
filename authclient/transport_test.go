package authclient_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/digesttest"
)

// transportSeen is what a test server saw of one request.
type transportSeen struct {
	Path          string
	Authorization string
	Body          string
	Status        int
}

// transportLog records the requests of a test server.
type transportLog struct {
	mu   sync.Mutex
	reqs []transportSeen
}

func (l *transportLog) add(s transportSeen) {
	l.mu.Lock()
	l.reqs = append(l.reqs, s)
	l.mu.Unlock()
}

func (l *transportLog) all() []transportSeen {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]transportSeen(nil), l.reqs...)
}

// basicServer starts a server on 127.0.0.1 that requires Basic
// credentials for Aladdin, "open sesame", on the paths under protect
// (every path if protect is ""), and otherwise answers 200 with the body
// it received. It records every request.
func basicServer(t *testing.T, protect string) (*transportLog, *httptest.Server) {
	t.Helper()
	log := &transportLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s := transportSeen{Path: r.URL.RequestURI(), Authorization: r.Header.Get("Authorization"), Body: string(body), Status: 200}
		c, err := authz.Parse(r.Header)
		if strings.HasPrefix(r.URL.Path, protect) && (err != nil || !authz.CheckBasic(c, "Aladdin", "open sesame")) {
			s.Status = 401
			w.Header().Set("WWW-Authenticate", `Basic realm="WallyWorld"`)
			w.WriteHeader(401)
			io.WriteString(w, "who are you?")
			log.add(s)
			return
		}
		log.add(s)
		io.WriteString(w, "welcome; you sent "+string(body))
	}))
	t.Cleanup(srv.Close)
	return log, srv
}

func basicClient() *http.Client {
	return &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Basic("Aladdin", "open sesame")}}}
}

const aladdinCredentials = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" // RFC 7617, Section 2

// TestTransportBodyReplay checks that the retry sends the body again,
// through GetBody, for each kind of body http.NewRequest knows.
func TestTransportBodyReplay(t *testing.T) {
	tests := []struct {
		name string
		body func() io.Reader
	}{
		{name: "strings.Reader", body: func() io.Reader { return strings.NewReader("the body") }},
		{name: "bytes.Reader", body: func() io.Reader { return bytes.NewReader([]byte("the body")) }},
		{name: "bytes.Buffer", body: func() io.Reader { return bytes.NewBufferString("the body") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, srv := basicServer(t, "")
			status, body := transportGet(t, basicClient(), transportRequest(t, "POST", srv.URL+"/upload", tt.body()))
			if status != 200 || body != "welcome; you sent the body" {
				t.Fatalf("got %d %q", status, body)
			}
			want := []transportSeen{
				{Path: "/upload", Body: "the body", Status: 401},
				{Path: "/upload", Authorization: aladdinCredentials, Body: "the body", Status: 200},
			}
			if diff := cmp.Diff(want, log.all()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTransportNonReplayableBody checks that a request whose body cannot
// be sent again gets the 401 as it came, body included, and that the
// Digest handler was not even asked.
func TestTransportNonReplayableBody(t *testing.T) {
	log, srv := basicServer(t, "")
	req := transportRequest(t, "POST", srv.URL+"/upload", io.NopCloser(strings.NewReader("once only")))
	if req.GetBody != nil {
		t.Fatal("test setup: GetBody is set")
	}
	status, body := transportGet(t, basicClient(), req)
	if status != 401 || body != "who are you?" {
		t.Errorf("got %d %q, want 401 %q", status, body, "who are you?")
	}
	want := []transportSeen{{Path: "/upload", Body: "once only", Status: 401}}
	if diff := cmp.Diff(want, log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestTransportBasicPreemptive checks the protection space of Basic: the
// paths at or below the directory of the challenged request (RFC 7617,
// Section 2.2).
func TestTransportBasicPreemptive(t *testing.T) {
	log, srv := basicServer(t, "/docs/")
	c := basicClient()
	for _, path := range []string{"/docs/a.html", "/docs/b.html", "/docs/sub/c.html", "/public", "/docsx"} {
		if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+path, nil)); status != 200 {
			t.Fatalf("GET %s: %d", path, status)
		}
	}
	want := []transportSeen{
		{Path: "/docs/a.html", Status: 401},
		{Path: "/docs/a.html", Authorization: aladdinCredentials, Status: 200},
		{Path: "/docs/b.html", Authorization: aladdinCredentials, Status: 200},
		{Path: "/docs/sub/c.html", Authorization: aladdinCredentials, Status: 200},
		{Path: "/public", Status: 200},
		{Path: "/docsx", Status: 200},
	}
	if diff := cmp.Diff(want, log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestTransportRefusedPreemptive checks that credentials a server stops
// accepting are not sent again and again: after the refusal, the next
// request goes without them.
func TestTransportRefusedPreemptive(t *testing.T) {
	var mu sync.Mutex
	password := "open sesame"
	log := &transportLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		p := password
		mu.Unlock()
		c, err := authz.Parse(r.Header)
		s := transportSeen{Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), Status: 200}
		if err != nil || !authz.CheckBasic(c, "Aladdin", p) {
			s.Status = 401
			w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
			w.WriteHeader(401)
		}
		log.add(s)
	}))
	defer srv.Close()
	c := basicClient()
	transportGet(t, c, transportRequest(t, "GET", srv.URL+"/a", nil))
	mu.Lock()
	password = "changed"
	mu.Unlock()
	transportGet(t, c, transportRequest(t, "GET", srv.URL+"/a", nil))
	transportGet(t, c, transportRequest(t, "GET", srv.URL+"/a", nil))
	want := []transportSeen{
		{Path: "/a", Status: 401},
		{Path: "/a", Authorization: aladdinCredentials, Status: 200},
		{Path: "/a", Authorization: aladdinCredentials, Status: 401}, // pre-emptive, refused
		{Path: "/a", Authorization: aladdinCredentials, Status: 401}, // the answer to the new challenge, refused
		{Path: "/a", Status: 401},                                    // forgotten: no credentials
		{Path: "/a", Authorization: aladdinCredentials, Status: 401},
	}
	if diff := cmp.Diff(want, log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestTransportRedirect checks that credentials never follow a redirect to
// another origin: neither the Transport's (pre-emptive or answered) nor
// one the caller set. Both servers listen on 127.0.0.1, on two ports: two
// origins on one host, to which http.Client itself would forward the
// caller's Authorization.
func TestTransportRedirect(t *testing.T) {
	otherLog, other := basicServer(t, "")
	log, srv := basicServer(t, "/private/")
	mux := http.NewServeMux()
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/landing", http.StatusFound)
	})
	mux.HandleFunc("/near", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/private/x", http.StatusFound)
	})
	redirector := httptest.NewServer(mux)
	defer redirector.Close()

	c := basicClient()

	// A session with the other origin exists, from a direct request.
	if status, _ := transportGet(t, c, transportRequest(t, "GET", other.URL+"/landing", nil)); status != 200 {
		t.Fatalf("direct request: %d", status)
	}
	// Redirected there from another origin: no credentials, and its
	// challenge is not answered.
	status, body := transportGet(t, c, transportRequest(t, "GET", redirector.URL+"/away", nil))
	if status != 401 || body != "who are you?" {
		t.Errorf("redirected: got %d %q, want the other origin's 401", status, body)
	}
	// The caller's own Authorization does not follow either.
	req := transportRequest(t, "GET", redirector.URL+"/away", nil)
	req.Header.Set("Authorization", "Bearer caller-token")
	if status, _ := transportGet(t, c, req); status != 401 {
		t.Errorf("redirected with the caller's field: %d, want 401", status)
	}
	if req.Header.Get("Authorization") != "Bearer caller-token" {
		t.Errorf("the caller's request was modified")
	}
	want := []transportSeen{
		{Path: "/landing", Status: 401},
		{Path: "/landing", Authorization: aladdinCredentials, Status: 200},
		{Path: "/landing", Status: 401},
		{Path: "/landing", Status: 401},
	}
	if diff := cmp.Diff(want, otherLog.all()); diff != "" {
		t.Errorf("other origin's requests mismatch (-want +got):\n%s", diff)
	}

	// A session with srv exists, from a direct request.
	if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+"/private/y", nil)); status != 200 {
		t.Fatalf("direct: %d", status)
	}
	if len(log.all()) != 2 {
		t.Fatalf("setup: %v", log.all())
	}
	// And a redirect into srv from the redirector (another origin) gets
	// none of srv's credentials.
	if status, _ := transportGet(t, c, transportRequest(t, "GET", redirector.URL+"/near", nil)); status != 401 {
		t.Errorf("redirected into srv: %d, want 401", status)
	}
	if got := log.all(); len(got) != 3 || got[2].Authorization != "" {
		t.Errorf("srv saw %v, want a third request without credentials", got)
	}
}

// TestTransportSameOriginRedirect checks that a redirect within the
// origin is answered as any request is.
func TestTransportSameOriginRedirect(t *testing.T) {
	log, srv := basicServer(t, "/private/")
	// Put a redirect on srv's own origin, before its first request.
	inner := srv.Config.Handler
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/go" {
			http.Redirect(w, r, "/private/x", http.StatusFound)
			return
		}
		inner.ServeHTTP(w, r)
	})
	if status, _ := transportGet(t, basicClient(), transportRequest(t, "GET", srv.URL+"/go", nil)); status != 200 {
		t.Fatalf("status %d, want 200: %v", status, log.all())
	}
	want := []transportSeen{
		{Path: "/private/x", Status: 401},
		{Path: "/private/x", Authorization: aladdinCredentials, Status: 200},
	}
	if diff := cmp.Diff(want, log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestTransportCallerAuthorization checks that the caller's own field is
// left alone: not replaced pre-emptively, and its refusal returned.
func TestTransportCallerAuthorization(t *testing.T) {
	log, srv := basicServer(t, "")
	c := basicClient()
	transportGet(t, c, transportRequest(t, "GET", srv.URL+"/a", nil)) // a session exists
	req := transportRequest(t, "GET", srv.URL+"/a", nil)
	req.Header.Set("Authorization", "Basic d3Jvbmc6d3Jvbmc=")
	if status, _ := transportGet(t, c, req); status != 401 {
		t.Errorf("status %d, want the caller's 401", status)
	}
	want := []transportSeen{
		{Path: "/a", Status: 401},
		{Path: "/a", Authorization: aladdinCredentials, Status: 200},
		{Path: "/a", Authorization: "Basic d3Jvbmc6d3Jvbmc=", Status: 401},
	}
	if diff := cmp.Diff(want, log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestTransportDoesNotModifyRequest checks that RoundTrip leaves the
// caller's request as it was, and returns it as the response's Request.
func TestTransportDoesNotModifyRequest(t *testing.T) {
	_, srv := basicServer(t, "")
	tr := &authclient.Transport{Handlers: []authclient.Handler{authclient.Basic("Aladdin", "open sesame")}}
	for i := range 2 { // the answered request, then a pre-emptive one
		req := transportRequest(t, "POST", srv.URL+"/a", strings.NewReader("x"))
		req.Header.Set("X-Mine", "1")
		before := req.Header.Clone()
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("request %d: status %d", i, resp.StatusCode)
		}
		if diff := cmp.Diff(before, req.Header); diff != "" {
			t.Errorf("request %d: header changed (-want +got):\n%s", i, diff)
		}
		if resp.Request != req {
			t.Errorf("request %d: resp.Request is not the caller's request", i)
		}
	}
}

// TestTransportPreference checks that the first listed handler whose
// scheme the server offered answers, and the next if it declines.
func TestTransportPreference(t *testing.T) {
	const both = `Basic realm="r", Digest realm="r", qop="auth", nonce="abc"`
	tests := []struct {
		name      string
		challenge string
		handlers  []authclient.Handler
		want      string // the scheme of the retry's Authorization
	}{
		{name: "Digest listed first", challenge: both, handlers: []authclient.Handler{authclient.Digest("u", "p"), authclient.Basic("u", "p")}, want: "Digest"},
		{name: "Basic listed first", challenge: both, handlers: []authclient.Handler{authclient.Basic("u", "p"), authclient.Digest("u", "p")}, want: "Basic"},
		{name: "only the offered scheme", challenge: `Basic realm="r"`, handlers: []authclient.Handler{authclient.Digest("u", "p"), authclient.Basic("u", "p")}, want: "Basic"},
		{name: "Digest declines SHA-1, Basic answers", challenge: `Digest realm="r", qop="auth", nonce="n", algorithm=SHA-1, Basic realm="r"`, handlers: []authclient.Handler{authclient.Digest("u", "p"), authclient.Basic("u", "p")}, want: "Basic"},
		{name: "scheme matched case-insensitively", challenge: `basic realm="r"`, handlers: []authclient.Handler{authclient.Basic("u", "p")}, want: "Basic"},
		{name: "no handler for the scheme", challenge: `Digest realm="r", qop="auth", nonce="n"`, handlers: []authclient.Handler{authclient.Basic("u", "p")}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = append(got, r.Header.Get("Authorization"))
				w.Header().Set("WWW-Authenticate", tt.challenge)
				w.WriteHeader(401)
			}))
			defer srv.Close()
			c := &http.Client{Transport: &authclient.Transport{Handlers: tt.handlers}}
			transportGet(t, c, transportRequest(t, "GET", srv.URL+"/", nil))
			if tt.want == "" {
				if len(got) != 1 {
					t.Errorf("%d requests, want 1", len(got))
				}
				return
			}
			if len(got) != 2 || !strings.HasPrefix(got[1], tt.want+" ") {
				t.Errorf("requests carried %q, want a retry with %s", got, tt.want)
			}
		})
	}
}

// transportFakeBase is a RoundTripper that never touches the network: it answers
// from respond and records the requests. It lets the tests name hosts
// that are not loopback, which this machine must never dial.
type transportFakeBase struct {
	mu      sync.Mutex
	reqs    []*http.Request
	respond func(req *http.Request) *http.Response
}

func (f *transportFakeBase) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	resp := f.respond(req)
	resp.Request = req
	return resp, nil
}

func (f *transportFakeBase) authorizations() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.reqs {
		out = append(out, r.Header.Get("Authorization"))
	}
	return out
}

// transportChallengeOnce answers 401 with the challenge to a request without
// Authorization, and 200 to one with.
func transportChallengeOnce(challenge string) func(req *http.Request) *http.Response {
	return func(req *http.Request) *http.Response {
		if req.Header.Get("Authorization") != "" {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("ok"))}
		}
		h := http.Header{}
		h.Set("WWW-Authenticate", challenge)
		return &http.Response{StatusCode: 401, Header: h, Body: io.NopCloser(strings.NewReader("no"))}
	}
}

// TestTransportCleartext checks that Basic and Bearer credentials never go
// over plain http to a host that is not loopback, unless AllowHTTP is set,
// while Digest does. No request leaves the process (transportFakeBase).
func TestTransportCleartext(t *testing.T) {
	token := authclient.TokenSourceFunc(func(ctx context.Context, r *authclient.TokenRequest) (string, error) { return "tok", nil })
	tests := []struct {
		name      string
		url       string
		challenge string
		handler   authclient.Handler
		allowHTTP bool
		answered  bool
	}{
		{name: "Basic over http to a public name", url: "http://example.com/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p")},
		{name: "Basic over http to a private address", url: "http://192.0.2.1/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p")},
		{name: "Basic over http to a name that starts like loopback", url: "http://127.0.0.1.example.com/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p")},
		{name: "Basic over http, AllowHTTP", url: "http://example.com/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p"), allowHTTP: true, answered: true},
		{name: "Basic over https", url: "https://example.com/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p"), answered: true},
		{name: "Basic over http to 127.0.0.1", url: "http://127.0.0.1:1/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p"), answered: true},
		{name: "Basic over http to localhost", url: "http://localhost:1/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p"), answered: true},
		{name: "Basic over http to ::1", url: "http://[::1]:1/", challenge: `Basic realm="r"`, handler: authclient.Basic("u", "p"), answered: true},
		{name: "Bearer over http to a public name", url: "http://example.com/", challenge: `Bearer`, handler: authclient.Bearer(token)},
		{name: "Bearer over https", url: "https://example.com/", challenge: `Bearer`, handler: authclient.Bearer(token), answered: true},
		{name: "Digest over http to a public name", url: "http://example.com/", challenge: `Digest realm="r", qop="auth", nonce="n"`, handler: authclient.Digest("u", "p"), answered: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := &transportFakeBase{respond: transportChallengeOnce(tt.challenge)}
			c := &http.Client{Transport: &authclient.Transport{Base: base, Handlers: []authclient.Handler{tt.handler}, AllowHTTP: tt.allowHTTP}}
			status, _ := transportGet(t, c, transportRequest(t, "GET", tt.url, nil))
			auths := base.authorizations()
			if tt.answered {
				if status != 200 || len(auths) != 2 || auths[1] == "" {
					t.Errorf("got %d with %q, want an answered challenge", status, auths)
				}
				return
			}
			if status != 401 || len(auths) != 1 || auths[0] != "" {
				t.Errorf("got %d with %q, want the 401 and no credentials", status, auths)
			}
		})
	}
}

// TestTransportProxy checks the 407 path: Proxy-Authenticate answered
// with Proxy-Authorization, pre-emptively afterwards, through an
// http.Transport whose Proxy is a Digest-protected test proxy on
// 127.0.0.1 (which answers itself, without forwarding).
func TestTransportProxy(t *testing.T) {
	s, proxy := digestServer(t, &digesttest.Server{Proxy: true})
	proxyURL, _ := url.Parse(proxy.URL)
	c := &http.Client{Transport: &authclient.Transport{
		Base:     &http.Transport{Proxy: http.ProxyURL(proxyURL)},
		Handlers: []authclient.Handler{authclient.Digest("Mufasa", "Circle of Life")},
	}}
	// The target is never dialed: the proxy answers for it.
	for range 2 {
		if status, body := transportGet(t, c, transportRequest(t, "GET", "http://127.0.0.1:9/resource", nil)); status != 200 || body != "hello Mufasa" {
			t.Fatalf("got %d %q; proxy saw %v", status, body, digestStatuses(s))
		}
	}
	reqs := s.Requests()
	if diff := cmp.Diff([]int{407, 200, 200}, digestStatuses(s)); diff != "" {
		t.Fatalf("statuses mismatch (-want +got):\n%s", diff)
	}
	if got := reqs[1].Digest.URI; got != "http://127.0.0.1:9/resource" {
		t.Errorf("uri = %q, want the absolute-form request-target", got)
	}
	if reqs[2].Digest.NC != 2 {
		t.Errorf("second request nc = %d, want 2 (pre-emptive)", reqs[2].Digest.NC)
	}
}

// TestTransportProxyUnknown checks that a 407 from a server the request
// did not go through a proxy to is not answered: it would collect
// Proxy-Authorization.
func TestTransportProxyUnknown(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Proxy-Authorization"))
		w.Header().Set("Proxy-Authenticate", `Basic realm="gimme"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	defer srv.Close()
	for _, base := range []http.RoundTripper{nil, &http.Transport{}, &transportFakeBase{respond: func(*http.Request) *http.Response {
		return &http.Response{StatusCode: 407, Header: http.Header{"Proxy-Authenticate": {`Basic realm="gimme"`}}, Body: http.NoBody}
	}}} {
		got = nil
		c := &http.Client{Transport: &authclient.Transport{Base: base, Handlers: []authclient.Handler{authclient.Basic("u", "p")}}}
		if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+"/", nil)); status != 407 {
			t.Errorf("base %T: status %d, want 407", base, status)
		}
		if f, ok := base.(*transportFakeBase); ok {
			got = nil
			for _, r := range f.reqs {
				got = append(got, r.Header.Get("Proxy-Authorization"))
			}
		}
		if diff := cmp.Diff([]string{""}, got); diff != "" {
			t.Errorf("base %T: Proxy-Authorization mismatch (-want +got):\n%s", base, diff)
		}
	}
}

// transportBody is a body that records whether it was closed, and how
// much of it was read.
type transportBody struct {
	r      io.Reader
	read   int
	closed bool
}

func (c *transportBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	return n, err
}

func (c *transportBody) Close() error { c.closed = true; return nil }

// TestTransportClosesRefusal checks that the body of a 401 the Transport
// retries past is drained, up to 2 KiB, and closed.
func TestTransportClosesRefusal(t *testing.T) {
	var bodies []*transportBody
	base := &transportFakeBase{respond: func(req *http.Request) *http.Response {
		b := &transportBody{r: strings.NewReader(strings.Repeat("x", 10<<10))}
		bodies = append(bodies, b)
		if req.Header.Get("Authorization") != "" {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: b}
		}
		return &http.Response{StatusCode: 401, Header: http.Header{"Www-Authenticate": {`Basic realm="r"`}}, Body: b}
	}}
	tr := &authclient.Transport{Base: base, Handlers: []authclient.Handler{authclient.Basic("u", "p")}}
	resp, err := tr.RoundTrip(transportRequest(t, "GET", "https://example.com/", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if len(bodies) != 2 || !bodies[0].closed || bodies[0].read != 2<<10 || bodies[1].closed {
		t.Errorf("bodies: %d; first closed %v after reading %d; last closed %v; want 2, true after 2048, false",
			len(bodies), bodies[0].closed, bodies[0].read, bodies[1].closed)
	}
}

// TestTransportHandlerError checks that a handler's error ends the round
// trip, wrapped, with the response closed.
func TestTransportHandlerError(t *testing.T) {
	var body *transportBody
	base := &transportFakeBase{respond: func(req *http.Request) *http.Response {
		body = &transportBody{r: strings.NewReader("no")}
		return &http.Response{StatusCode: 401, Header: http.Header{"Www-Authenticate": {`Basic realm="r"`}}, Body: body}
	}}
	tr := &authclient.Transport{Base: base, Handlers: []authclient.Handler{authclient.Basic("user:with:colons", "secret-password")}}
	_, err := tr.RoundTrip(transportRequest(t, "GET", "https://example.com/", nil))
	if fe := (*httpauth.FormatError)(nil); !errors.As(err, &fe) {
		t.Errorf("err = %v, want the *httpauth.FormatError of authz.BasicCredentials", err)
	}
	if err != nil && (strings.Contains(err.Error(), "secret-password") || !strings.HasPrefix(err.Error(), "authclient: Basic: ")) {
		t.Errorf("err = %q: want the scheme, and no secret", err)
	}
	if !body.closed {
		t.Errorf("the 401's body was not closed")
	}
}

// transportErrBase answers 401 to the first request and fails the others, as a
// network error would.
type transportErrBase struct{ n int }

var errTransportNetwork = errors.New("connection reset")

func (b *transportErrBase) RoundTrip(req *http.Request) (*http.Response, error) {
	b.n++
	if b.n > 1 {
		return nil, errTransportNetwork
	}
	return &http.Response{StatusCode: 401, Header: http.Header{"Www-Authenticate": {`Basic realm="r"`}}, Body: http.NoBody, Request: req}, nil
}

// TestTransportRetryError checks that an error of Base on the retry is
// returned, not lost.
func TestTransportRetryError(t *testing.T) {
	tr := &authclient.Transport{Base: &transportErrBase{}, Handlers: []authclient.Handler{authclient.Basic("u", "p")}}
	resp, err := tr.RoundTrip(transportRequest(t, "GET", "https://example.com/", nil))
	if !errors.Is(err, errTransportNetwork) || resp != nil {
		t.Errorf("RoundTrip = %v, %v; want nil, the base's error", resp, err)
	}
}

// transportPipeListener is a net.Listener whose connections are in-memory pipes,
// dialed by its dial method: an http.Transport that dials with it reaches
// an http.Server in the process, whatever host it was told, and sends no
// traffic to any address.
type transportPipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func newTransportPipeListener() *transportPipeListener {
	return &transportPipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *transportPipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *transportPipeListener) Close() error { l.once.Do(func() { close(l.done) }); return nil }

func (l *transportPipeListener) Addr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 3128}
}

func (l *transportPipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// TestTransportProxyCleartext checks that Basic credentials do not go to
// a proxy reached over plain http on a host that is not loopback
// (proxy.example, here an in-process server reached through a pipe),
// unless AllowHTTP is set, while Digest does.
func TestTransportProxyCleartext(t *testing.T) {
	tests := []struct {
		name      string
		challenge string
		handler   authclient.Handler
		allowHTTP bool
		answered  bool
	}{
		{name: "Basic refused", challenge: `Basic realm="proxy"`, handler: authclient.Basic("u", "p")},
		{name: "Basic with AllowHTTP", challenge: `Basic realm="proxy"`, handler: authclient.Basic("u", "p"), allowHTTP: true, answered: true},
		{name: "Digest", challenge: `Digest realm="proxy", qop="auth", nonce="n"`, handler: authclient.Digest("u", "p"), answered: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var mu sync.Mutex
			l := newTransportPipeListener()
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				got = append(got, r.Header.Get("Proxy-Authorization"))
				mu.Unlock()
				if r.Header.Get("Proxy-Authorization") == "" {
					w.Header().Set("Proxy-Authenticate", tt.challenge)
					w.WriteHeader(http.StatusProxyAuthRequired)
				}
			})}
			go srv.Serve(l)
			defer srv.Close()
			proxyURL, _ := url.Parse("http://proxy.example:3128")
			base := &http.Transport{Proxy: http.ProxyURL(proxyURL), DialContext: l.dial}
			defer base.CloseIdleConnections()
			c := &http.Client{Transport: &authclient.Transport{Base: base, Handlers: []authclient.Handler{tt.handler}, AllowHTTP: tt.allowHTTP}}
			status, _ := transportGet(t, c, transportRequest(t, "GET", "http://origin.example/x", nil))
			mu.Lock()
			defer mu.Unlock()
			if tt.answered {
				if status != 200 || len(got) != 2 || got[1] == "" {
					t.Errorf("got %d, proxy saw %q; want an answered 407", status, got)
				}
				return
			}
			if status != 407 || len(got) != 1 || got[0] != "" {
				t.Errorf("got %d, proxy saw %q; want the 407 and no credentials", status, got)
			}
		})
	}
}
