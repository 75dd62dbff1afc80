package authclient

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// ErrRefused is the cause of the errors of a client made by [NewClient]
// when it will not fetch a URL or connect to an address: a scheme other
// than https (or http on a loopback host, when allowed), a URL with
// userinfo, or an address of a refused class (see [NewClient]). Test for
// it with [errors.Is]; the message says which rule refused, without the
// address.
var ErrRefused = errors.New("authclient: refused")

// refusedError says which rule refused a URL or an address. Its text is
// fixed: it names the rule, never the URL or the address, which came
// from a server.
type refusedError struct{ reason string }

func (e *refusedError) Error() string { return ErrRefused.Error() + ": " + e.reason }
func (e *refusedError) Unwrap() error { return ErrRefused }

// ClientOptions are the options of [NewClient]. The zero value is the
// safe default: https only, public addresses only, a 30-second timeout.
type ClientOptions struct {
	// AllowLoopback lets the client reach loopback addresses (127.0.0.0/8
	// and ::1) over https, and over plain http when the URL's host is
	// "localhost" or a loopback IP address. It is for development and
	// tests, where the server runs on the same machine; leave it false
	// for URLs that a remote server named. The name "localhost" is
	// trusted to resolve to loopback, as RFC 6761 requires; the address
	// it resolves to is checked all the same.
	AllowLoopback bool

	// Timeout bounds each request, from dialing to the end of the body,
	// redirects included (it becomes [http.Client.Timeout]). Zero means
	// 30 seconds; a negative value is treated as zero.
	Timeout time.Duration
}

// defaultTimeout is the Timeout of a client when ClientOptions has none,
// and the deadline this package's fetching functions put on a context
// that has none. The MCP security best practices ask for timeouts on
// outbound requests; 30 s is ample for a document of a few hundred bytes.
const defaultTimeout = 30 * time.Second

// maxRedirects is the number of redirects a client follows for one
// request, each checked as the first request was.
const maxRedirects = 5

// NewClient returns an [*http.Client] for fetching URLs that a server
// named — a resource_metadata parameter, the authorization servers of a
// metadata document, a token or JWKS endpoint found in one — without
// letting that server aim the client at the network behind it
// (server-side request forgery, [RFC 9728, Section 7.7]). It is the
// client that [Discover], [FetchResourceMetadata] and
// [FetchAuthorizationServerMetadata] use when given nil, and the one to
// use for the next requests of the flow. Its rules:
//
//   - URLs: https only; plain http only when AllowLoopback is set and
//     the host is "localhost" or a loopback IP address. A URL with
//     userinfo is refused. The rule is checked on every request the
//     client sends, so on every redirect too.
//   - Addresses: checked when connecting, on the address the host name
//     resolved to, so that a name that resolves to an internal address
//     (DNS rebinding included) gains nothing. Refused: loopback (unless
//     AllowLoopback), private (RFC 1918, and RFC 4193 fc00::/7),
//     link-local (169.254.0.0/16, fe80::/10), shared CGNAT space
//     (100.64.0.0/10), unspecified and "this network" (0.0.0.0/8, ::),
//     multicast, broadcast and the reserved 240.0.0.0/4, the IETF,
//     documentation and benchmarking blocks, IPv4-compatible (::/96) and
//     site-local (fec0::/10) IPv6 addresses, Teredo (2001::/32), 6to4
//     (2002::/16) and local-use NAT64 (64:ff9b:1::/48). An IPv4-mapped
//     address (::ffff:a.b.c.d) and one of the well-known NAT64 prefix
//     (64:ff9b::/96, which an IPv6-only network's DNS64 returns for every
//     IPv4 host) are judged by the IPv4 address they carry. A refused
//     address is never connected to: the check runs before the
//     connection is opened.
//   - Redirects: followed, at most 5, each one checked by the rules above
//     on its URL and on the address it connects to. Refusing them would
//     be simpler, and RFC 9728 does not need them, but the client is
//     also meant for the next hops (JWKS, token endpoints) where servers
//     do redirect, and a redirect obeying the same rules gives a server
//     nothing it could not name directly. The Authorization, Cookie and
//     Proxy-Authorization fields of the request are dropped as soon as a
//     redirect leaves the origin (scheme, host and port) of the first
//     request, and not restored if a later one comes back; the standard
//     library alone would keep them for a subdomain or another port.
//   - Proxies: none. The client ignores HTTP_PROXY and HTTPS_PROXY,
//     because it can only check the address of a connection it opens
//     itself: through a proxy, the proxy would resolve and connect. A
//     program that must go through a proxy should build its own client
//     and make the proxy refuse internal addresses.
//   - No cookie jar: a cookie a server sets is not sent back.
//   - Time: each request is bounded by Timeout (30 seconds unless set),
//     whatever its context says; a shorter context deadline wins.
//     Response headers are bounded to 64 KiB.
//
// Errors of refused URLs and addresses wrap [ErrRefused]. A client whose
// Transport or CheckRedirect is replaced loses these guarantees.
//
// [RFC 9728, Section 7.7]: https://www.rfc-editor.org/rfc/rfc9728#section-7.7
func NewClient(opts ClientOptions) *http.Client {
	return newClient(opts, clientHooks{})
}

// clientHooks are what tests change in a client: the resolver, the TLS
// configuration (to trust a test server's certificate), and a function
// called on every connection attempt with the address and the verdict of
// the address rules, whose result is the final verdict.
type clientHooks struct {
	resolver  *net.Resolver
	tlsConfig *tls.Config
	dial      func(address string, refused error) error
}

func newClient(opts ClientOptions, hooks clientHooks) *http.Client {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	allowLoopback := opts.AllowLoopback
	dialer := &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		Resolver:  hooks.resolver,
		Control: func(network, address string, _ syscall.RawConn) error {
			err := checkDialAddress(address, allowLoopback)
			if hooks.dial != nil {
				return hooks.dial(address, err)
			}
			return err
		},
	}
	transport := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        hooks.tlsConfig,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  1 * time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConns:           16,
		MaxResponseHeaderBytes: 64 << 10,
	}
	return &http.Client{
		Transport:     &checkedTransport{base: transport, allowLoopback: allowLoopback},
		CheckRedirect: checkRedirect,
		Timeout:       timeout,
	}
}

// checkedTransport checks the URL of every request, the first and each
// redirect, before handing it to the base transport.
type checkedTransport struct {
	base          *http.Transport
	allowLoopback bool
}

func (t *checkedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := checkRequestURL(req.URL, t.allowLoopback); err != nil {
		if req.Body != nil {
			req.Body.Close() // RoundTrip closes the body, even on errors
		}
		return nil, err
	}
	return t.base.RoundTrip(req)
}

// CloseIdleConnections lets [http.Client.CloseIdleConnections] reach the
// base transport.
func (t *checkedTransport) CloseIdleConnections() { t.base.CloseIdleConnections() }

// checkRequestURL applies the URL rule of NewClient.
func checkRequestURL(u *url.URL, allowLoopback bool) error {
	if u == nil || u.Hostname() == "" || u.Opaque != "" {
		// An empty host with a port ("https://:443/") dials the local
		// system: no URL a server names may do that.
		return &refusedError{"not an absolute URL with a host"}
	}
	if u.User != nil {
		return &refusedError{"URL has userinfo"}
	}
	host := u.Hostname()
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !oauthsyntax.IsLoopbackHost(host) {
			return &refusedError{"scheme is neither https nor http on a loopback host"}
		}
		if !allowLoopback {
			return &refusedError{"http on a loopback host, and loopback is not allowed"}
		}
	default:
		return &refusedError{"scheme is neither https nor http on a loopback host"}
	}
	// A literal address is checked now, for an early and clear error; the
	// check when connecting would refuse it anyway. A name is checked
	// when connecting, on what it resolves to, except "localhost", which
	// needs no resolver to be known as loopback.
	if addr, err := netip.ParseAddr(host); err == nil {
		return checkAddr(addr, allowLoopback)
	}
	if !allowLoopback && oauthsyntax.IsLoopbackHost(host) {
		return &refusedError{"loopback address, and loopback is not allowed"}
	}
	return nil
}

// checkDialAddress applies the address rule to the "ip:port" or
// "[ip%zone]:port" a dialer is about to connect to.
func checkDialAddress(address string, allowLoopback bool) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &refusedError{"not an IP address and port"}
	}
	return checkAddr(ap.Addr(), allowLoopback)
}

var errTooManyRedirects = fmt.Errorf("authclient: stopped after %d redirects", maxRedirects)

// checkRedirect is the CheckRedirect of NewClient's clients: it bounds the
// number of redirects and drops credentials once the chain has left the
// origin of the first request. The URL and address rules are applied by
// the transport, to redirects as to the first request.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return errTooManyRedirects
	}
	first := origin(via[0].URL)
	left := origin(req.URL) != first
	for _, r := range via[1:] {
		left = left || origin(r.URL) != first
	}
	if left {
		req.Header.Del("Authorization")
		req.Header.Del("Cookie")
		req.Header.Del("Proxy-Authorization")
	}
	return nil
}

// origin returns the origin of u (RFC 6454): its scheme and host in lower
// case and its port, the scheme's default one if u has none.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// withDefaultTimeout gives ctx a deadline defaultTimeout from now if it
// has none, so that the fetching functions are bounded whatever client
// they are given.
func withDefaultTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, defaultTimeout)
}
