package authclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// Transport is an [http.RoundTripper] that answers authentication
// challenges ([RFC 9110, Section 11]): when a server answers 401
// (Unauthorized) with WWW-Authenticate, or a proxy 407 (Proxy
// Authentication Required) with Proxy-Authenticate, it parses the
// challenges leniently, picks the first of Handlers whose scheme the
// server offered (and that answers), and sends the request again with
// Authorization, or Proxy-Authorization. It remembers what each protection
// space (the origin, or the proxy, with the realm: [RFC 9110, Section
// 11.5]) asked for, and authenticates the next requests to it
// pre-emptively, without waiting for a challenge.
//
// It retries a request at most once for each cause: the first challenge
// (from the origin, and from a proxy), a second challenge that says the
// credentials were right but need renewing (Digest's stale=true, Bearer's
// error="invalid_token"), and a 403 that asks for more scope (Bearer
// step-up). A request whose body cannot be replayed (Body set and GetBody
// nil) is not retried: the caller gets the 401 as it came. The body of a
// response it retries past is drained (up to 2 KiB, as [http.Client] does
// for redirects) and closed.
//
// What Transport never does:
//
//   - It never sends credentials to an origin other than the one whose
//     challenge asked for them. When [http.Client] follows a redirect to
//     another origin (scheme, host and port), the new request carries no
//     credentials of the Transport's, and none is answered for it; an
//     Authorization field the caller set is removed too (the client
//     itself keeps it for a redirect to the same host on another scheme
//     or port, or to a subdomain).
//   - It never sends Basic or Bearer credentials, which carry the secret
//     itself, over plain http to a host other than localhost or a
//     loopback address, unless AllowHTTP is set: TLS is what protects them
//     ([RFC 7617, Section 4]; [RFC 6750, Section 5.3]). Digest does not
//     send the password, so it is answered over http too.
//   - It never modifies the caller's request (it clones it), and never
//     touches an Authorization or Proxy-Authorization field the caller
//     set: the caller's own field wins, and a refusal of it is returned
//     as it came.
//   - It answers a 407 only when it knows that the request went through a
//     proxy: when Base is an [*http.Transport] whose Proxy names one for
//     the request. Otherwise an origin could answer 407 to collect
//     Proxy-Authorization. For https through a proxy, the proxy's 407
//     answers the CONNECT that [http.Transport] sends, which RoundTrip
//     never sees: use the http.Transport's ProxyConnectHeader for that.
//
// A Transport must not be copied after first use. It is safe for
// concurrent use by multiple goroutines.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
// [RFC 9110, Section 11.5]: https://www.rfc-editor.org/rfc/rfc9110#section-11.5
// [RFC 7617, Section 4]: https://www.rfc-editor.org/rfc/rfc7617#section-4
// [RFC 6750, Section 5.3]: https://www.rfc-editor.org/rfc/rfc6750#section-5.3
type Transport struct {
	// Base sends the requests; nil means [http.DefaultTransport].
	Base http.RoundTripper

	// Handlers answer the challenges, in order of preference: for each
	// response, the first handler whose scheme the server offered is
	// asked, then the next one if it declines. It must not change after
	// the first request.
	Handlers []Handler

	// AllowHTTP lets Basic and Bearer credentials go over plain http to
	// a host that is not loopback. Leave it off outside a closed test
	// network: anyone on the path reads the password or the token.
	AllowHTTP bool

	mu     sync.Mutex
	spaces []*space // least recently used first; at most maxSpaces
}

// maxSpaces bounds the protection spaces a Transport remembers. A server
// chooses realms, and redirects can reach many origins, so the table must
// not grow with what servers send; the least recently used space is
// forgotten first.
const maxSpaces = 256

// drainLimit is how much of a refused response's body is read before it
// is closed, so that the connection can be reused: the 2 KiB that
// http.Client reads of a redirect's body.
const drainLimit = 2 << 10

// A space is a protection space the Transport answered: the credentials
// of its session go pre-emptively to every request it covers.
type space struct {
	key     string // "https://host:443" for an origin, "proxy http://host:3128" for a proxy
	prefix  string // the escaped paths it covers start with this
	realm   string
	scheme  string // the handler's
	handler int    // index into Handlers
	session Session
}

// side is the state of one round trip for one kind of credentials: the
// origin's (Authorization) or the proxy's (Proxy-Authorization).
type side struct {
	field   string
	key     string // space key; "" if this side may not be answered
	target  *url.URL
	handler int // index of the handler whose session the request carries; -1 if none
	session Session
	used    *space // the space whose session went pre-emptively
	// answered: a challenge was answered in this round trip; renewed: a
	// second one was; pending: the session is new and not yet stored.
	answered, renewed, pending bool
	prefix, realm              string
}

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}

var errNilURL = errors.New("authclient: nil Request.URL")

// RoundTrip implements [http.RoundTripper]: it sends req through Base,
// answers the challenges of the response as the [Transport] doc says, and
// returns the last response. The returned response's Request is req. An
// error from a [Handler] or a [Session] is returned wrapped (its message
// starts with "authclient: " and the scheme), with the response closed; a
// caller's handler must keep credentials out of its errors, as this
// package's handlers do.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL == nil {
		closeRequestBody(req)
		return nil, errNilURL
	}
	ctx := req.Context()
	origin := spaceOrigin(req.URL)
	sameOrigin := origin != "" && redirectChainOrigin(req) == origin

	o := side{field: "Authorization", handler: -1, target: req.URL}
	if sameOrigin && len(req.Header.Values("Authorization")) == 0 {
		o.key = origin
	}
	p := side{field: "Proxy-Authorization", handler: -1}
	if len(req.Header.Values("Proxy-Authorization")) == 0 {
		p.target = t.proxyURL(req)
		if p.target != nil {
			p.key = "proxy " + spaceOrigin(p.target)
		}
	}

	out := req.Clone(ctx)
	if !sameOrigin {
		// The client copies a caller's Authorization to a redirect on
		// the same host (any scheme or port) and to subdomains: a
		// Transport's promise is the origin.
		out.Header.Del("Authorization")
	}
	t.preempt(&o, out)
	t.preempt(&p, out)

	base := t.base()
	resp, err := base.RoundTrip(out)
	stepped := false
	for {
		if err != nil {
			return nil, err
		}
		resp.Request = req
		var next bool
		switch {
		case resp.StatusCode == http.StatusUnauthorized && o.key != "":
			next, err = t.answer(ctx, req, resp, &o)
		case resp.StatusCode == http.StatusProxyAuthRequired && p.key != "":
			next, err = t.answer(ctx, req, resp, &p)
		case resp.StatusCode == http.StatusForbidden && o.session != nil && !stepped:
			stepped = true
			next, err = t.stepUp(ctx, req, resp, &o)
		}
		if err != nil {
			resp.Body.Close()
			return nil, err
		}
		if !next {
			t.settle(&o, resp.StatusCode != http.StatusUnauthorized)
			t.settle(&p, resp.StatusCode != http.StatusProxyAuthRequired)
			return resp, nil
		}
		var retry *http.Request
		retry, err = t.retryRequest(req, sameOrigin, &o, &p)
		if err != nil {
			resp.Body.Close()
			return nil, err
		}
		io.CopyN(io.Discard, resp.Body, drainLimit)
		resp.Body.Close()
		resp, err = base.RoundTrip(retry)
	}
}

// preempt adds to out the credentials of the space of s that covers it, if
// any.
func (t *Transport) preempt(s *side, out *http.Request) {
	if s.key == "" {
		return
	}
	sp := t.lookup(s.key, spacePath(out.URL))
	if sp == nil || t.cleartextRefused(sp.scheme, s.target) {
		return
	}
	c, err := sp.session.Authorize(out)
	if err != nil || t.cleartextRefused(c.Scheme, s.target) {
		// No pre-emptive credentials then: the server's challenge
		// will say what it wants.
		return
	}
	if setCredentials(out.Header, s.field, c) != nil {
		return
	}
	s.handler, s.session, s.used = sp.handler, sp.session, sp
}

// retryRequest returns a new clone of req, with its body replayed and the
// credentials of the sessions of o and p.
func (t *Transport) retryRequest(req *http.Request, sameOrigin bool, o, p *side) (*http.Request, error) {
	r := req.Clone(req.Context())
	if !sameOrigin {
		r.Header.Del("Authorization")
	}
	if req.Body != nil && req.Body != http.NoBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	for _, s := range []*side{o, p} {
		if s.session == nil {
			continue
		}
		c, err := s.session.Authorize(r)
		if err == nil && t.cleartextRefused(c.Scheme, s.target) {
			err = errCleartext
		}
		if err == nil {
			err = setCredentials(r.Header, s.field, c)
		}
		if err != nil {
			closeRequestBody(r)
			return nil, handlerError(t.Handlers[s.handler].Scheme(), err)
		}
	}
	return r, nil
}

var errCleartext = errors.New("credentials that carry the secret are not sent over plain http to a host that is not loopback")

// answer asks the handlers about a 401 or 407, and reports whether a
// session now has credentials to retry with.
func (t *Transport) answer(ctx context.Context, req *http.Request, resp *http.Response, s *side) (bool, error) {
	if !bodyReplayable(req) || s.renewed {
		return false, nil
	}
	parsed, err := wwwauth.ParseResponse(resp)
	if err != nil {
		return false, nil // a field past the parser's limits: nothing to answer
	}
	again := s.answered
	for i, h := range t.Handlers {
		if again && i != s.handler {
			continue // only the refused handler may try again
		}
		cs := challengesOf(parsed.Challenges, h.Scheme())
		if len(cs) == 0 || t.cleartextRefused(h.Scheme(), s.target) {
			continue
		}
		var prev Session
		if i == s.handler {
			prev = s.session
		}
		sess, err := h.Answer(ctx, &Refusal{Response: resp, Challenges: cs, Previous: prev, Again: again})
		if err != nil {
			return false, handlerError(h.Scheme(), err)
		}
		if sess == nil {
			continue
		}
		realm, _ := cs[0].Param("realm")
		s.handler, s.session, s.pending = i, sess, true
		s.realm, s.prefix = realm, scopePrefix(h.Scheme(), s)
		if again {
			s.renewed = true
		} else {
			s.answered = true
		}
		return true, nil
	}
	return false, nil
}

// stepUp asks the handler whose credentials a 403 refused whether it can
// do better (Bearer: a token with more scope).
func (t *Transport) stepUp(ctx context.Context, req *http.Request, resp *http.Response, s *side) (bool, error) {
	if !bodyReplayable(req) || s.key == "" {
		return false, nil
	}
	parsed, err := wwwauth.ParseResponse(resp)
	if err != nil {
		return false, nil
	}
	h := t.Handlers[s.handler]
	cs := challengesOf(parsed.Challenges, h.Scheme())
	if len(cs) == 0 {
		return false, nil
	}
	sess, err := h.Answer(ctx, &Refusal{Response: resp, Challenges: cs, Previous: s.session})
	if err != nil {
		return false, handlerError(h.Scheme(), err)
	}
	if sess == nil {
		return false, nil
	}
	if s.used != nil {
		s.realm, s.prefix = s.used.realm, s.used.prefix
	} else if s.prefix == "" {
		s.prefix = scopePrefix(h.Scheme(), s)
	}
	s.session, s.pending = sess, true
	return true, nil
}

// settle stores the new session of s if the last response accepted it,
// and forgets the pre-emptive one if the server refused it.
func (t *Transport) settle(s *side, accepted bool) {
	if s.key == "" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !accepted && s.used != nil {
		t.remove(s.used)
	}
	if !accepted || !s.pending {
		return
	}
	if s.used != nil {
		t.remove(s.used)
	}
	sp := &space{key: s.key, prefix: s.prefix, realm: s.realm, scheme: t.Handlers[s.handler].Scheme(), handler: s.handler, session: s.session}
	for i, old := range t.spaces {
		if old.key == sp.key && old.prefix == sp.prefix && old.realm == sp.realm && grammar.EqualFold(old.scheme, sp.scheme) {
			t.spaces = append(t.spaces[:i], t.spaces[i+1:]...)
			break
		}
	}
	if len(t.spaces) >= maxSpaces {
		t.spaces = append(t.spaces[:0], t.spaces[1:]...)
	}
	t.spaces = append(t.spaces, sp)
}

// remove forgets sp; t.mu is held.
func (t *Transport) remove(sp *space) {
	for i, old := range t.spaces {
		if old == sp {
			t.spaces = append(t.spaces[:i], t.spaces[i+1:]...)
			return
		}
	}
}

// lookup returns the space of key whose prefix is the longest that path
// starts with, the most recently used of equals, and marks it used.
func (t *Transport) lookup(key, path string) *space {
	t.mu.Lock()
	defer t.mu.Unlock()
	best := -1
	for i, sp := range t.spaces {
		if sp.key == key && strings.HasPrefix(path, sp.prefix) &&
			sp.handler < len(t.Handlers) && (best < 0 || len(sp.prefix) >= len(t.spaces[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	sp := t.spaces[best]
	t.spaces = append(append(t.spaces[:best], t.spaces[best+1:]...), sp)
	return sp
}

// scopePrefix returns the paths a new session of scheme covers. Basic
// covers the paths at or below the directory of the challenged request
// ([RFC 7617, Section 2.2]); Bearer is given the same conservative scope,
// since RFC 6750 defines none. Other schemes, Digest among them, cover
// the whole origin (RFC 7616, Section 3.3: a Digest challenge without a
// domain parameter protects all the URIs of the server), as does a proxy.
//
// [RFC 7617, Section 2.2]: https://www.rfc-editor.org/rfc/rfc7617#section-2.2
func scopePrefix(scheme string, s *side) string {
	if s.field == "Proxy-Authorization" || !(grammar.EqualFold(scheme, "Basic") || grammar.EqualFold(scheme, "Bearer")) {
		return "/"
	}
	p := spacePath(s.target)
	return p[:strings.LastIndexByte(p, '/')+1]
}

func spacePath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" || p[0] != '/' {
		return "/"
	}
	return p
}

// proxyURL returns the proxy the request goes through, if Base is an
// *http.Transport that says so.
func (t *Transport) proxyURL(req *http.Request) *url.URL {
	tr, ok := t.base().(*http.Transport)
	if !ok || tr.Proxy == nil {
		return nil
	}
	u, err := tr.Proxy(req)
	if err != nil || u == nil || spaceOrigin(u) == "" {
		return nil
	}
	return u
}

// cleartextRefused reports whether credentials of scheme must not be sent
// to u: Basic and Bearer carry the secret itself, so they go only over
// https, or to a loopback host, unless AllowHTTP is set.
func (t *Transport) cleartextRefused(scheme string, u *url.URL) bool {
	return !t.AllowHTTP && carriesSecret(scheme) && !cleartextSafe(u)
}

func carriesSecret(scheme string) bool {
	return grammar.EqualFold(scheme, "Basic") || grammar.EqualFold(scheme, "Bearer")
}

// cleartextSafe reports whether what is sent to u is safe from the
// network: u is https, or its host is localhost or a loopback address.
func cleartextSafe(u *url.URL) bool {
	if u == nil {
		return false
	}
	if grammar.EqualFold(u.Scheme, "https") {
		return true
	}
	return oauthsyntax.IsLoopbackHost(u.Hostname())
}

// spaceOrigin returns u's origin as "scheme://host:port", lowercase, with
// the default port filled in; "" if u has no http(s) scheme or no host.
func spaceOrigin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	switch scheme {
	case "http":
		if port == "" {
			port = "80"
		}
	case "https":
		if port == "" {
			port = "443"
		}
	default:
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return ""
	}
	if strings.IndexByte(host, ':') >= 0 {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + ":" + port
}

// maxRedirectChain bounds the walk back through a redirect chain; http.Client
// stops at 10 redirects by default.
const maxRedirectChain = 64

// redirectChainOrigin returns the origin of the first request of req's redirect
// chain: the one the caller made. http.Client sets Request.Response on the
// requests it makes to follow a redirect, and that response's Request is
// the previous hop.
func redirectChainOrigin(req *http.Request) string {
	first := req
	for i := 0; i < maxRedirectChain && first.Response != nil && first.Response.Request != nil; i++ {
		first = first.Response.Request
	}
	if first.Response != nil || first.URL == nil {
		return "" // too long a chain, or a broken one: trust none of it
	}
	return spaceOrigin(first.URL)
}

// challengesOf returns the challenges of cs whose scheme is scheme,
// compared case-insensitively.
func challengesOf(cs []wwwauth.Challenge, scheme string) []wwwauth.Challenge {
	var out []wwwauth.Challenge
	for _, c := range cs {
		if c.Is(scheme) {
			out = append(out, c)
		}
	}
	return out
}

func bodyReplayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// handlerError wraps the error of a handler or a session of scheme.
func handlerError(scheme string, err error) error {
	return fmt.Errorf("authclient: %s: %w", scheme, err)
}

func setCredentials(h http.Header, field string, c authz.Credentials) error {
	if field == "Proxy-Authorization" {
		return authz.SetProxy(h, c)
	}
	return authz.Set(h, c)
}
