package authz_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/digesttest"
)

// curlPath returns the path of curl, or skips the test.
func curlPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not found in PATH: install it (Debian: apt-get install curl) to check CheckDigest against a real client; .ci/run does")
	}
	return p
}

// runCurl runs curl with args against 127.0.0.1 only (no proxy, no
// .curlrc), and returns what it printed.
func runCurl(t *testing.T, curl string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	args = append([]string{"-q", "--silent", "--show-error", "--noproxy", "*", "--max-time", "10"}, args...)
	out, err := exec.CommandContext(ctx, curl, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("curl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestCurlDigest runs curl --digest, a Digest client this module did not
// write, against digesttest's server, which checks its credentials with
// CheckDigest: the server's verification agrees with curl on every
// algorithm curl and the server share, with a body, with userhash, and
// and for several URLs.
func TestCurlDigest(t *testing.T) {
	curl := curlPath(t)
	tests := []struct {
		name   string
		server *digesttest.Server
		user   string
		args   []string
		paths  []string
		want   string
		// statuses the server answered: a 401 and a 200 per path, or
		// fewer if curl authenticates the next path pre-emptively.
		statuses []int
		// check, if set, inspects the credentials curl sent.
		check func(d authz.Digest) bool
	}{
		{name: "MD5", server: &digesttest.Server{Algorithms: []string{"MD5"}}, paths: []string{"/dir/index.html"}, statuses: []int{401, 200}},
		{name: "SHA-256", server: &digesttest.Server{Algorithms: []string{"SHA-256"}}, paths: []string{"/dir/index.html"}, statuses: []int{401, 200}},
		{name: "MD5-sess", server: &digesttest.Server{Algorithms: []string{"MD5-sess"}}, paths: []string{"/a"}, statuses: []int{401, 200}},
		{name: "SHA-256-sess", server: &digesttest.Server{Algorithms: []string{"SHA-256-sess"}}, paths: []string{"/a"}, statuses: []int{401, 200}},
		{name: "no algorithm parameter", server: &digesttest.Server{Algorithms: []string{""}}, paths: []string{"/a"}, statuses: []int{401, 200}},
		{name: "opaque", server: &digesttest.Server{Opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}, paths: []string{"/a"}, statuses: []int{401, 200}},
		{name: "query string in the uri", server: &digesttest.Server{}, paths: []string{"/search?q=a%20b&x=1"}, statuses: []int{401, 200}},
		{
			name: "userhash", server: &digesttest.Server{Algorithms: []string{"SHA-256"}, Userhash: true}, paths: []string{"/a"}, statuses: []int{401, 200},
			check: func(d authz.Digest) bool { return d.Userhash && d.Username != "Mufasa" },
		},
		{
			// curl 7.88 hashes the empty body for auth-int whatever it
			// sends, so only a request without a body can pass.
			name: "auth-int without a body", server: &digesttest.Server{QOP: []string{"auth-int"}}, paths: []string{"/a"}, statuses: []int{401, 200},
			check: func(d authz.Digest) bool { return d.QOP == "auth-int" },
		},
		{
			name: "POST with a body", server: &digesttest.Server{}, paths: []string{"/upload"},
			args: []string{"--data-binary", "the body"}, statuses: []int{401, 200},
		},
		{
			// curl does not authenticate the second URL pre-emptively:
			// each is challenged, and answered with a fresh nonce.
			name: "two URLs", server: &digesttest.Server{}, paths: []string{"/a", "/b"},
			statuses: []int{401, 200, 401, 200},
		},
		{
			name:   "UTF-8 user name with charset=UTF-8",
			server: &digesttest.Server{Charset: true, Users: map[string]string{"J\u00e4s\u00f8n Doe": "Secret, or not?"}},
			user:   "J\u00e4s\u00f8n Doe", paths: []string{"/doe.json"}, statuses: []int{401, 200},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.server
			s.Realm = "http-auth@example.org"
			user, password := "Mufasa", "Circle of Life"
			if tt.user != "" {
				user = tt.user
			} else {
				s.Users = map[string]string{user: password}
			}
			password = s.Users[user]
			srv := httptest.NewServer(s)
			defer srv.Close()
			args := append([]string{"--digest", "-u", user + ":" + password}, tt.args...)
			for _, p := range tt.paths {
				args = append(args, srv.URL+p)
			}
			out := runCurl(t, curl, args...)
			want := strings.Repeat("hello "+user, len(tt.paths))
			if out != want {
				t.Errorf("curl printed %q, want %q", out, want)
			}
			var got []int
			for _, r := range s.Requests() {
				got = append(got, r.Status)
			}
			if diff := cmp.Diff(tt.statuses, got); diff != "" {
				t.Errorf("statuses mismatch (-want +got):\n%s\nrequests: %+v", diff, s.Requests())
			}
			if reqs := s.Requests(); tt.check != nil && !tt.check(reqs[len(reqs)-1].Digest) {
				t.Errorf("curl sent %+v", reqs[len(reqs)-1].Digest)
			}
		})
	}
}

// TestCurlDigestSHA512256 checks SHA-512-256 with curl. curl before 8.8
// hashes SHA-512-256 with SHA-256 (curl gained SHA-512/256 in 2024, curl
// pull request 13070): CheckDigest, which uses SHA-512/256 as FIPS 180-4
// defines it, must refuse such a curl, and accept a later one.
func TestCurlDigestSHA512256(t *testing.T) {
	curl := curlPath(t)
	major, minor := curlVersion(t, curl)
	fixed := major > 8 || major == 8 && minor >= 8
	s := &digesttest.Server{Realm: "r", Users: map[string]string{"Mufasa": "Circle of Life"}, Algorithms: []string{"SHA-512-256"}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	out := runCurl(t, curl, "--digest", "-u", "Mufasa:Circle of Life", "-o", "/dev/null", "-w", "%{http_code}", srv.URL+"/")
	want := "401"
	if fixed {
		want = "200"
	}
	if out != want {
		t.Errorf("curl %d.%d got %q, want %s", major, minor, out, want)
	}
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[1].Digest.Algorithm != "SHA-512-256" {
		t.Fatalf("curl did not answer with SHA-512-256: %+v", reqs)
	}
	if !fixed {
		// Show that the refusal is curl's hash and nothing else: the
		// same fields hashed with SHA-256 give curl's response.
		d := reqs[1].Digest
		d.Algorithm = "SHA-256"
		if !authz.CheckDigest(d, "GET", "Mufasa", "Circle of Life", nil) {
			t.Errorf("curl's SHA-512-256 response is not SHA-256 either: %+v", reqs[1].Digest)
		}
	}
}

// curlVersion returns the major and minor version of curl.
func curlVersion(t *testing.T, curl string) (major, minor int) {
	t.Helper()
	out := runCurl(t, curl, "--version")
	var patch int
	if _, err := fmt.Sscanf(out, "curl %d.%d.%d", &major, &minor, &patch); err != nil {
		t.Fatalf("cannot read curl's version from %q: %v", out, err)
	}
	return major, minor
}

// TestCurlDigestWrongPassword checks the other direction: curl with a
// wrong password is refused.
func TestCurlDigestWrongPassword(t *testing.T) {
	curl := curlPath(t)
	s := &digesttest.Server{Realm: "r", Users: map[string]string{"Mufasa": "Circle of Life"}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	out := runCurl(t, curl, "--digest", "-u", "Mufasa:Circle Of Life", "-o", "/dev/null", "-w", "%{http_code}", srv.URL+"/")
	if out != "401" {
		t.Errorf("curl got %q, want 401", out)
	}
}
