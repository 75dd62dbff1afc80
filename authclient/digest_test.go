package authclient_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/internal/digesttest"
)

// digestServer starts a digesttest.Server on 127.0.0.1 with the user
// "Mufasa", password "Circle of Life", unless s sets users.
func digestServer(t *testing.T, s *digesttest.Server) (*digesttest.Server, *httptest.Server) {
	t.Helper()
	if s.Realm == "" {
		s.Realm = "http-auth@example.org"
	}
	if s.Users == nil {
		s.Users = map[string]string{"Mufasa": "Circle of Life"}
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func digestClient(user, password string) *http.Client {
	return &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Digest(user, password)}}}
}

// transportGet sends a request and returns the status and body of the response.
func transportGet(t *testing.T, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return resp.StatusCode, string(b)
}

func transportRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// digestStatuses returns what the server answered, in order.
func digestStatuses(s *digesttest.Server) []int {
	var out []int
	for _, r := range s.Requests() {
		out = append(out, r.Status)
	}
	return out
}

// TestDigestAlgorithms answers a challenge of each algorithm and qop, and
// the server (authz.CheckDigest behind digesttest) accepts the answer.
func TestDigestAlgorithms(t *testing.T) {
	tests := []struct {
		name     string
		server   *digesttest.Server
		user     string
		method   string
		body     string
		wantAlg  string // the algorithm parameter the client sent
		wantQOP  string
		wantStar bool // the user name went as username*
		wantHash bool // the user name went hashed
	}{
		{name: "MD5", server: &digesttest.Server{Algorithms: []string{"MD5"}}, wantAlg: "MD5", wantQOP: "auth"},
		{name: "no algorithm parameter is MD5", server: &digesttest.Server{Algorithms: []string{""}}, wantAlg: "", wantQOP: "auth"},
		{name: "lowercase md5 echoed as sent", server: &digesttest.Server{Algorithms: []string{"md5"}}, wantAlg: "md5", wantQOP: "auth"},
		{name: "SHA-256", server: &digesttest.Server{Algorithms: []string{"SHA-256"}}, wantAlg: "SHA-256", wantQOP: "auth"},
		{name: "SHA-512-256", server: &digesttest.Server{Algorithms: []string{"SHA-512-256"}}, wantAlg: "SHA-512-256", wantQOP: "auth"},
		{name: "MD5-sess", server: &digesttest.Server{Algorithms: []string{"MD5-sess"}}, wantAlg: "MD5-sess", wantQOP: "auth"},
		{name: "SHA-256-sess", server: &digesttest.Server{Algorithms: []string{"SHA-256-sess"}}, wantAlg: "SHA-256-sess", wantQOP: "auth"},
		{name: "SHA-512-256-sess", server: &digesttest.Server{Algorithms: []string{"SHA-512-256-sess"}}, wantAlg: "SHA-512-256-sess", wantQOP: "auth"},
		{name: "auth preferred to auth-int", server: &digesttest.Server{QOP: []string{"auth-int", "auth"}}, wantAlg: "SHA-256", wantQOP: "auth"},
		{
			name:   "auth-int hashes the body",
			server: &digesttest.Server{QOP: []string{"auth-int"}}, method: "POST", body: `{"x":1}`,
			wantAlg: "SHA-256", wantQOP: "auth-int",
		},
		{
			name:    "auth-int with no body",
			server:  &digesttest.Server{QOP: []string{"auth-int"}, Algorithms: []string{"SHA-512-256-sess"}},
			wantAlg: "SHA-512-256-sess", wantQOP: "auth-int",
		},
		{name: "opaque echoed", server: &digesttest.Server{Opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}, wantAlg: "SHA-256", wantQOP: "auth"},
		{name: "userhash", server: &digesttest.Server{Userhash: true, Algorithms: []string{"SHA-512-256"}}, wantAlg: "SHA-512-256", wantQOP: "auth", wantHash: true},
		{
			name:   "UTF-8 user name as username*",
			server: &digesttest.Server{Charset: true, Users: map[string]string{"J\u00e4s\u00f8n Doe": "Secret, or not?"}},
			user:   "J\u00e4s\u00f8n Doe", wantAlg: "SHA-256", wantQOP: "auth", wantStar: true,
		},
		{
			name:   "UTF-8 user name hashed",
			server: &digesttest.Server{Charset: true, Userhash: true, Users: map[string]string{"J\u00e4s\u00f8n Doe": "Secret, or not?"}},
			user:   "J\u00e4s\u00f8n Doe", wantAlg: "SHA-256", wantQOP: "auth", wantHash: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := digestServer(t, tt.server)
			user, password := "Mufasa", "Circle of Life"
			if tt.user != "" {
				user, password = tt.user, s.Users[tt.user]
			}
			method := tt.method
			if method == "" {
				method = "GET"
			}
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			status, text := transportGet(t, digestClient(user, password), transportRequest(t, method, srv.URL+"/dir/index.html", body))
			if status != http.StatusOK || text != "hello "+user {
				t.Fatalf("got %d %q, want 200 %q; server saw %v", status, text, "hello "+user, digestStatuses(s))
			}
			reqs := s.Requests()
			if diff := cmp.Diff([]int{401, 200}, digestStatuses(s)); diff != "" {
				t.Errorf("statuses mismatch (-want +got):\n%s", diff)
			}
			d := reqs[len(reqs)-1].Digest
			if d.Algorithm != tt.wantAlg || d.QOP != tt.wantQOP || d.Opaque != tt.server.Opaque || d.NC != 1 {
				t.Errorf("sent algorithm=%q qop=%q opaque=%q nc=%d; want %q %q %q 1", d.Algorithm, d.QOP, d.Opaque, d.NC, tt.wantAlg, tt.wantQOP, tt.server.Opaque)
			}
			header := reqs[len(reqs)-1].Header
			if got := strings.Contains(header, "username*="); got != tt.wantStar {
				t.Errorf("username* sent = %v, want %v: %s", got, tt.wantStar, header)
			}
			if d.Userhash != tt.wantHash || (tt.wantHash && strings.Contains(header, user)) {
				t.Errorf("userhash = %v, want %v: %s", d.Userhash, tt.wantHash, header)
			}
		})
	}
}

// TestDigestStrongest checks that among several Digest challenges the
// strongest algorithm the handler knows wins, whatever their order.
func TestDigestStrongest(t *testing.T) {
	tests := []struct {
		name       string
		algorithms []string
		want       string
	}{
		{name: "SHA-512-256 over SHA-256 over MD5", algorithms: []string{"MD5", "SHA-256", "SHA-512-256"}, want: "SHA-512-256"},
		{name: "order does not matter", algorithms: []string{"SHA-512-256", "MD5", "SHA-256"}, want: "SHA-512-256"},
		{name: "SHA-256 over MD5 (RFC 7616 3.9.1's pair)", algorithms: []string{"SHA-256", "MD5"}, want: "SHA-256"},
		{name: "unknown algorithm skipped", algorithms: []string{"SHA3-256", "MD5"}, want: "MD5"},
		{name: "sess counts as its hash; first of a tie", algorithms: []string{"SHA-256-sess", "SHA-256", "MD5"}, want: "SHA-256-sess"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := digestServer(t, &digesttest.Server{Algorithms: tt.algorithms})
			if status, _ := transportGet(t, digestClient("Mufasa", "Circle of Life"), transportRequest(t, "GET", srv.URL+"/", nil)); status != 200 {
				t.Fatalf("status %d, want 200; server saw %v", status, digestStatuses(s))
			}
			reqs := s.Requests()
			if got := reqs[len(reqs)-1].Digest.Algorithm; got != tt.want {
				t.Errorf("answered %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDigestPreemptive checks that the next requests to the protection
// space carry credentials without waiting for a challenge, with the nonce
// count growing by one for each, and fresh cnonces.
func TestDigestPreemptive(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{})
	c := digestClient("Mufasa", "Circle of Life")
	for _, path := range []string{"/dir/index.html", "/dir/index.html", "/other/place?q=1"} {
		if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+path, nil)); status != 200 {
			t.Fatalf("GET %s: %d; server saw %v", path, status, digestStatuses(s))
		}
	}
	reqs := s.Requests()
	if diff := cmp.Diff([]int{401, 200, 200, 200}, digestStatuses(s)); diff != "" {
		t.Fatalf("statuses mismatch (-want +got):\n%s", diff)
	}
	var ncs []uint32
	cnonces := map[string]bool{}
	for _, r := range reqs[1:] {
		ncs = append(ncs, r.Digest.NC)
		cnonces[r.Digest.CNonce] = true
		if r.Digest.Nonce != reqs[1].Digest.Nonce {
			t.Errorf("nonce changed without a challenge")
		}
	}
	if diff := cmp.Diff([]uint32{1, 2, 3}, ncs); diff != "" {
		t.Errorf("nc mismatch (-want +got):\n%s", diff)
	}
	if len(cnonces) != 3 {
		t.Errorf("%d distinct cnonces in 3 requests, want 3", len(cnonces))
	}
	if got := reqs[3].Digest.URI; got != "/other/place?q=1" {
		t.Errorf("uri = %q, want the request-target /other/place?q=1", got)
	}
}

// TestDigestSessKeepsCnonce checks that with -sess every request of a
// nonce has the cnonce H(A1) was computed with.
func TestDigestSessKeepsCnonce(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{Algorithms: []string{"SHA-256-sess"}})
	c := digestClient("Mufasa", "Circle of Life")
	for range 3 {
		if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+"/", nil)); status != 200 {
			t.Fatalf("status %d; server saw %v", status, digestStatuses(s))
		}
	}
	reqs := s.Requests()
	for _, r := range reqs[2:] {
		if r.Digest.CNonce != reqs[1].Digest.CNonce {
			t.Errorf("cnonce %q, want %q", r.Digest.CNonce, reqs[1].Digest.CNonce)
		}
	}
}

// TestDigestStale checks that a stale nonce is answered with the new one,
// without the caller seeing the 401.
func TestDigestStale(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{})
	c := digestClient("Mufasa", "Circle of Life")
	if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+"/", nil)); status != 200 {
		t.Fatalf("first: %d", status)
	}
	s.ExpireNonces()
	if status, _ := transportGet(t, c, transportRequest(t, "GET", srv.URL+"/", nil)); status != 200 {
		t.Fatalf("after expiry: %d; server saw %v", status, digestStatuses(s))
	}
	reqs := s.Requests()
	if diff := cmp.Diff([]int{401, 200, 401, 200}, digestStatuses(s)); diff != "" {
		t.Fatalf("statuses mismatch (-want +got):\n%s", diff)
	}
	if !reqs[2].Stale {
		t.Errorf("the server did not say stale=true")
	}
	if reqs[3].Digest.Nonce == reqs[2].Digest.Nonce || reqs[3].Digest.NC != 1 {
		t.Errorf("retry used nonce %q nc=%d, want the new nonce with nc=1", reqs[3].Digest.Nonce, reqs[3].Digest.NC)
	}
}

// TestDigestRefused checks what the caller gets when the server refuses:
// the last 401 with its body, after at most one answer.
func TestDigestRefused(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{})
	status, body := transportGet(t, digestClient("Mufasa", "Circle Of Life"), transportRequest(t, "GET", srv.URL+"/", nil))
	if status != 401 || body != "unauthorized" {
		t.Errorf("got %d %q, want 401 %q", status, body, "unauthorized")
	}
	if diff := cmp.Diff([]int{401, 401}, digestStatuses(s)); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
}

// TestDigestAlwaysStale checks that a server that calls every nonce stale
// gets the stale answer once in a round trip, not a loop.
func TestDigestAlwaysStale(t *testing.T) {
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("WWW-Authenticate", `Digest realm="r", qop="auth", nonce="n`+strings.Repeat("x", n)+`", stale=true`)
		w.WriteHeader(401)
	}))
	defer srv.Close()
	status, _ := transportGet(t, digestClient("u", "p"), transportRequest(t, "GET", srv.URL+"/", nil))
	if status != 401 || n != 3 {
		t.Errorf("got %d after %d requests, want 401 after 3 (none, the answer, the stale retry)", status, n)
	}
}

// TestDigestDeclines checks the challenges Digest does not answer: the
// caller gets the 401 as it came, after one request.
func TestDigestDeclines(t *testing.T) {
	tests := []struct {
		name      string
		challenge string
	}{
		{name: "no qop (RFC 2069)", challenge: `Digest realm="r", nonce="n"`},
		{name: "unknown qop", challenge: `Digest realm="r", nonce="n", qop="auth-conf"`},
		{name: "unknown algorithm", challenge: `Digest realm="r", nonce="n", qop="auth", algorithm=SHA-1`},
		{name: "no nonce", challenge: `Digest realm="r", qop="auth"`},
		{name: "token68 form", challenge: `Digest abc==`},
		{name: "another scheme", challenge: `Newauth realm="r"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n int
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n++
				w.Header().Set("WWW-Authenticate", tt.challenge)
				w.WriteHeader(401)
				io.WriteString(w, "no")
			}))
			defer srv.Close()
			status, body := transportGet(t, digestClient("u", "p"), transportRequest(t, "GET", srv.URL+"/", nil))
			if status != 401 || body != "no" || n != 1 {
				t.Errorf("got %d %q after %d requests, want 401 %q after 1", status, body, n, "no")
			}
		})
	}
}

// TestDigestAuthIntLimit checks that auth-int refuses to buffer a body
// past 1 MiB: RoundTrip fails, with an error that says why.
func TestDigestAuthIntLimit(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{QOP: []string{"auth-int"}})
	big := strings.Repeat("x", 1<<20+1)
	_, err := digestClient("Mufasa", "Circle of Life").Do(transportRequest(t, "POST", srv.URL+"/", strings.NewReader(big)))
	if err == nil || !strings.Contains(err.Error(), "authclient: Digest: qop=auth-int: request body longer than 1048576 bytes") {
		t.Errorf("err = %v, want the auth-int limit", err)
	}
	if diff := cmp.Diff([]int{401}, digestStatuses(s)); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
	// 1 MiB exactly passes.
	status, _ := transportGet(t, digestClient("Mufasa", "Circle of Life"), transportRequest(t, "POST", srv.URL+"/", strings.NewReader(big[1:])))
	if status != 200 {
		t.Errorf("1 MiB body: status %d, want 200", status)
	}
}

// TestDigestConcurrent sends requests from several goroutines through one
// Transport: the nonce counts of one nonce are unique, so the server's
// replay check refuses none as a replay of another; a count that arrives
// after a higher one is refused and answered afresh, and every request
// ends in a 200.
func TestDigestConcurrent(t *testing.T) {
	s, srv := digestServer(t, &digesttest.Server{})
	c := digestClient("Mufasa", "Circle of Life")
	var wg sync.WaitGroup
	errs := make(chan string, 40)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				resp, err := c.Get(srv.URL + "/")
				if err != nil {
					errs <- err.Error()
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- fmt.Sprintf("goroutine %d request %d: %d", g, i, resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	transportSeen := map[[2]any]bool{}
	for _, r := range s.Requests() {
		if r.Status != 200 {
			continue
		}
		k := [2]any{r.Digest.Nonce, r.Digest.NC}
		if transportSeen[k] {
			t.Errorf("nonce count %d of one nonce accepted twice", r.Digest.NC)
		}
		transportSeen[k] = true
	}
}
