package authclient

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

// TestCleartextRefused checks the predicate that keeps Basic and Bearer
// off plain http to hosts that are not loopback. It only parses URLs.
func TestCleartextRefused(t *testing.T) {
	tests := []struct {
		name      string
		scheme    string
		url       string
		allowHTTP bool
		refused   bool
	}{
		{name: "Basic, http, public name", scheme: "Basic", url: "http://example.com/", refused: true},
		{name: "basic in lowercase", scheme: "basic", url: "http://example.com/", refused: true},
		{name: "Bearer, http, public name", scheme: "Bearer", url: "http://example.com/", refused: true},
		{name: "Basic, http, RFC 1918 address", scheme: "Basic", url: "http://10.0.0.1/", refused: true},
		{name: "Basic, http, link-local", scheme: "Basic", url: "http://169.254.169.254/", refused: true},
		{name: "Basic, http, unspecified", scheme: "Basic", url: "http://0.0.0.0/", refused: true},
		{name: "Basic, http, loopback-looking name", scheme: "Basic", url: "http://127.0.0.1.nip.io/", refused: true},
		{name: "Basic, http, localhost subdomain", scheme: "Basic", url: "http://a.localhost/", refused: true},
		{name: "Basic, HTTP uppercase scheme", scheme: "Basic", url: "HTTP://example.com/", refused: true},
		{name: "Basic, ws", scheme: "Basic", url: "ws://example.com/", refused: true},
		{name: "Basic, https", scheme: "Basic", url: "https://example.com/"},
		{name: "Basic, HTTPS", scheme: "Basic", url: "HTTPS://example.com/"},
		{name: "Basic, http, 127.0.0.1", scheme: "Basic", url: "http://127.0.0.1:8080/"},
		{name: "Basic, http, 127.1.2.3", scheme: "Basic", url: "http://127.1.2.3/"},
		{name: "Basic, http, ::1", scheme: "Basic", url: "http://[::1]:8080/"},
		{name: "Basic, http, IPv4-mapped loopback", scheme: "Basic", url: "http://[::ffff:127.0.0.1]/"},
		{name: "Basic, http, localhost", scheme: "Basic", url: "http://localhost/"},
		{name: "Basic, http, LOCALHOST", scheme: "Basic", url: "http://LOCALHOST/"},
		{name: "Basic, http, AllowHTTP", scheme: "Basic", url: "http://example.com/", allowHTTP: true},
		{name: "Digest, http", scheme: "Digest", url: "http://example.com/"},
		{name: "Negotiate, http", scheme: "Negotiate", url: "http://example.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			tr := &Transport{AllowHTTP: tt.allowHTTP}
			if got := tr.cleartextRefused(tt.scheme, u); got != tt.refused {
				t.Errorf("cleartextRefused(%q, %s) = %v, want %v", tt.scheme, tt.url, got, tt.refused)
			}
		})
	}
	if !(&Transport{}).cleartextRefused("Basic", nil) {
		t.Errorf("a nil URL is not refused")
	}
}

// TestOriginKey checks the origin comparison: scheme, host and port, with
// default ports and case folded.
func TestOriginKey(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{name: "default http port", url: "http://Example.COM/x", want: "http://example.com:80"},
		{name: "explicit default port", url: "http://example.com:80/", want: "http://example.com:80"},
		{name: "default https port", url: "https://example.com", want: "https://example.com:443"},
		{name: "other port", url: "https://example.com:8443/", want: "https://example.com:8443"},
		{name: "IPv6", url: "http://[::1]:8080/", want: "http://[::1]:8080"},
		{name: "userinfo ignored", url: "https://u:p@example.com/", want: "https://example.com:443"},
		{name: "not http", url: "ftp://example.com/", want: ""},
		{name: "no host", url: "http:///x", want: ""},
		{name: "relative", url: "/x", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := spaceOrigin(u); got != tt.want {
				t.Errorf("originKey(%s) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}

// TestChainOrigin checks the walk back to the request the caller made.
func TestChainOrigin(t *testing.T) {
	mk := func(u string, prev *http.Request) *http.Request {
		r, _ := http.NewRequest("GET", u, nil)
		if prev != nil {
			r.Response = &http.Response{Request: prev}
		}
		return r
	}
	first := mk("https://a.example/", nil)
	hop := mk("https://b.example/", first)
	last := mk("https://a.example/x", hop)
	if got := redirectChainOrigin(last); got != "https://a.example:443" {
		t.Errorf("chainOrigin = %q, want the first request's origin", got)
	}
	// A chain longer than maxChain is trusted for nothing.
	r := first
	for range maxRedirectChain + 1 {
		r = mk("https://a.example/", r)
	}
	if got := redirectChainOrigin(r); got != "" {
		t.Errorf("chainOrigin of a too long chain = %q, want \"\"", got)
	}
}

type transportFixedSession struct{}

func (transportFixedSession) Authorize(*http.Request) (authz.Credentials, error) {
	return authz.Credentials{Scheme: "X"}, nil
}

// TestSpacesBounded checks that the table of protection spaces does not
// grow past maxSpaces, whatever realms and origins servers send, and that
// the oldest space goes first.
func TestSpacesBounded(t *testing.T) {
	tr := &Transport{Handlers: []Handler{Basic("u", "p")}}
	for i := range 3 * maxSpaces {
		s := &side{field: "Authorization", key: fmt.Sprintf("https://h%d.example:443", i), handler: 0,
			session: transportFixedSession{}, pending: true, prefix: "/", realm: "r"}
		tr.settle(s, true)
	}
	if len(tr.spaces) != maxSpaces {
		t.Errorf("%d spaces, want %d", len(tr.spaces), maxSpaces)
	}
	if tr.lookup("https://h0.example:443", "/") != nil {
		t.Errorf("the oldest space was kept")
	}
	if tr.lookup(fmt.Sprintf("https://h%d.example:443", 3*maxSpaces-1), "/") == nil {
		t.Errorf("the newest space was dropped")
	}
}
