package main

// The client half of the demo: package authclient drives it. This file
// holds what the demo adds around authclient to show and check what
// happens: a RoundTripper that writes each request and response to the
// transcript and records them, and the token source that the Bearer
// handler asks for tokens.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// An exchange is one request that went on the wire and its response, as a
// recorder saw them.
type exchange struct {
	method, url string
	scheme      string       // of the Authorization field sent; "" if none
	token       int          // Bearer: the number of the token, 0 if the authorization server did not issue it
	digest      authz.Digest // Digest: the credentials
	status      int          // 0 if the request failed
	challenges  []wwwauth.Challenge
	recovered   bool  // the WWW-Authenticate field broke RFC 9110, and a lenient parse recovered
	parseErr    error // the WWW-Authenticate field could not be parsed at all
}

// demoLog is the transcript, and the exchanges recorded since the last
// take.
type demoLog struct {
	w  io.Writer
	as *demoAuthServer // names the tokens, which the transcript never shows

	mu        sync.Mutex
	exchanges []exchange
}

// printf writes a line of the transcript, indented by indent.
func (l *demoLog) printf(indent, format string, args ...any) {
	fmt.Fprintf(l.w, indent+format+"\n", args...)
}

func (l *demoLog) add(ex exchange) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.exchanges = append(l.exchanges, ex)
}

// take returns the exchanges recorded since the last call.
func (l *demoLog) take() []exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	exs := l.exchanges
	l.exchanges = nil
	return exs
}

// A recorder is a RoundTripper that writes each request and response to
// the transcript, credentials redacted and random values masked, records
// them in the log, and hands the response on unchanged.
type recorder struct {
	next   http.RoundTripper
	log    *demoLog
	indent string
}

// maxShownBody bounds the bodies the transcript shows.
const maxShownBody = 4 << 10

// maxNoteLine is how long credentials and their note can be to share a
// line of the transcript.
const maxNoteLine = 100

func (rec *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	p := func(format string, args ...any) { rec.log.printf(rec.indent, format, args...) }
	ex := exchange{method: req.Method, url: req.URL.String()}
	p("> %s %s", req.Method, esc(ex.url))
	if v := req.Header.Values("Authorization"); len(v) > 0 {
		shown, note := "[malformed]", ""
		if c, err := authz.ParseLines(v); err == nil {
			shown, note = c.Redacted(), rec.note(c, &ex)
		}
		switch {
		case note == "":
			p("> Authorization: %s", shown)
		case len(shown)+len(note) <= maxNoteLine:
			p("> Authorization: %s   (%s)", shown, note)
		default:
			p("> Authorization: %s", shown)
			p(">   (%s)", note)
		}
	}
	if body := requestBody(req); body != "" {
		p("> %s", body)
	}
	resp, err := rec.next.RoundTrip(req)
	if err != nil {
		rec.log.add(ex)
		return nil, err
	}
	ex.status = resp.StatusCode
	p("< %s", esc(resp.Status))
	if parsed, err := wwwauth.ParseResponse(resp); err != nil {
		ex.parseErr = err
	} else {
		ex.challenges = parsed.Challenges
		ex.recovered = len(parsed.Recoveries) > 0
	}
	random := digestNonces(ex.challenges)
	for _, v := range resp.Header.Values("WWW-Authenticate") {
		for _, n := range random {
			v = strings.ReplaceAll(v, n, "[random]")
		}
		p("< WWW-Authenticate: %s", esc(v))
	}
	rec.log.add(ex)
	if resp.StatusCode/100 != 2 {
		return resp, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		p("< Content-Type: %s", esc(ct))
	}
	// Show the body, and give it back to the caller whole.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxShownBody+1))
	if err != nil {
		resp.Body.Close()
		return nil, err
	}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(body), resp.Body), resp.Body}
	if len(body) > maxShownBody {
		p("< (a body of more than %d bytes)", maxShownBody)
		return resp, nil
	}
	for _, line := range showBody(resp.Header.Get("Content-Type"), body) {
		p("< %s", line)
	}
	return resp, nil
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the
// transport under the recorder.
func (rec *recorder) CloseIdleConnections() {
	if c, ok := rec.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// note returns what the transcript says of credentials c besides their
// redacted form, and records what the checks need of them in ex.
func (rec *recorder) note(c authz.Credentials, ex *exchange) string {
	ex.scheme = c.Scheme
	switch {
	case c.Is("Bearer"):
		token, err := authz.ParseBearer(c)
		if err != nil {
			return ""
		}
		var name string
		ex.token, name = rec.log.as.describe(token)
		return name
	case c.Is("Digest"):
		d, err := authz.ParseDigest(c)
		if err != nil {
			return ""
		}
		ex.digest = d
		// nonce, cnonce and response are random: not shown.
		return fmt.Sprintf("computed: nc=%08x, uri=%q", d.NC, esc(d.URI))
	case c.Is("Basic"):
		return "the client id and secret: RFC 6749, Section 2.3.1"
	}
	return ""
}

// requestBody returns the body of req for the transcript, read through
// GetBody so that req's own body stays unread: a form decoded, with its
// fields in order, anything else escaped. A body that cannot be read again
// is said to be there.
func requestBody(req *http.Request) string {
	if req.Body == nil || req.Body == http.NoBody {
		return ""
	}
	if req.GetBody == nil {
		return "(a body the transcript cannot read without consuming it)"
	}
	rc, err := req.GetBody()
	if err != nil {
		return "(a body that cannot be read again)"
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxShownBody+1))
	switch {
	case err != nil:
		return "(a body that cannot be read again)"
	case len(b) > maxShownBody:
		return fmt.Sprintf("(a body of more than %d bytes)", maxShownBody)
	}
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		var fields []string
		for f := range strings.SplitSeq(string(b), "&") {
			name, value, _ := strings.Cut(f, "=")
			n, err1 := url.QueryUnescape(name)
			v, err2 := url.QueryUnescape(value)
			if err1 != nil || err2 != nil {
				return esc(string(b))
			}
			fields = append(fields, n+"="+strconv.Quote(v))
		}
		return strings.Join(fields, " ") + "   (a form, decoded)"
	}
	return esc(string(b))
}

// maxCompactJSON is the longest JSON body the transcript shows on one line.
const maxCompactJSON = 100

// showBody returns the lines of a response body for the transcript: a JSON
// body with the values of its token members (access_token, refresh_token,
// id_token) replaced by "[redacted]", indented if it is long.
func showBody(contentType string, body []byte) []string {
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "application/json" {
		if redacted, ok := redactTokens(body); ok {
			body = redacted
			if len(body) > maxCompactJSON {
				var indented bytes.Buffer
				if json.Indent(&indented, body, "", "  ") == nil {
					body = indented.Bytes()
				}
			}
		}
	}
	var lines []string
	for line := range strings.Lines(string(body)) {
		lines = append(lines, esc(strings.TrimSuffix(line, "\n")))
	}
	return lines
}

// redactTokens returns the JSON object body, compact, with the values of
// its top-level token members replaced by "[redacted]", and its members in
// their order. It reports false if body is not one JSON object.
func redactTokens(body []byte) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		name, _ := t.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, false
		}
		switch name {
		case "access_token", "refresh_token", "id_token":
			value = json.RawMessage(`"[redacted]"`)
		}
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		key, _ := json.Marshal(name)
		out.Write(key)
		out.WriteByte(':')
		if err := json.Compact(&out, value); err != nil {
			return nil, false
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	out.WriteByte('}')
	return out.Bytes(), true
}

// digestNonces returns the nonces of the Digest challenges of cs: random
// values, which the transcript masks.
func digestNonces(cs []wwwauth.Challenge) []string {
	var nonces []string
	for _, c := range cs {
		if n, ok := c.Param("nonce"); ok && c.Is("Digest") && n != "" {
			nonces = append(nonces, n)
		}
	}
	return nonces
}

// esc returns s with whatever a terminal would act on escaped (see escape):
// what the transcript prints came from a server.
func esc(s string) string {
	e, _ := escape(s)
	return e
}

// A tokenAsk is what the Bearer handler asked the token source.
type tokenAsk struct {
	status int // of the response that made it ask
	code   wwwauth.ErrorCode
	scopes []string
}

func (a tokenAsk) String() string {
	code := "without error code"
	if a.code != "" {
		code = string(a.code)
	}
	return fmt.Sprintf("for %q after a %d %s", a.scopes, a.status, code)
}

// demoTokenSource is the token source of the demo's Bearer handler: the
// first time, it runs authclient.Discover on the 401; then, each time it is
// asked, it gets a token from the token endpoint it found, for the scopes
// asked, with the client_credentials grant (RFC 6749, Section 4.4). It
// keeps no token: the Transport holds the one it gave last, and asks again
// only when the resource refuses it.
type demoTokenSource struct {
	client *http.Client // authclient.NewClient's, recording
	log    *demoLog

	mu    sync.Mutex
	found *authclient.Discovery
	asks  []tokenAsk
}

// takeAsks returns what the source was asked since the last call.
func (ts *demoTokenSource) takeAsks() []tokenAsk {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	asks := ts.asks
	ts.asks = nil
	return asks
}

// Token implements authclient.TokenSource.
func (ts *demoTokenSource) Token(ctx context.Context, r *authclient.TokenRequest) (string, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ask := tokenAsk{status: r.Response.StatusCode, code: r.Challenge.Error, scopes: slices.Clone(r.Scopes)}
	ts.asks = append(ts.asks, ask)
	why := "a request without a token (RFC 6750, Section 3.1: no error code)"
	switch ask.code {
	case wwwauth.CodeInsufficientScope:
		why = "insufficient_scope: the scopes of the token held and those the challenge names (step-up)"
	case wwwauth.CodeInvalidToken:
		why = "invalid_token: the token held was refused, so a fresh one"
	}
	ts.log.printf("   ", "authclient.Bearer asks the token source for %q, after a %d for %s", r.Scopes, ask.status, why)
	p := func(format string, args ...any) { ts.log.printf("      ", format, args...) }

	d := ts.found
	if d == nil {
		p("the token source runs authclient.Discover on the %d, with authclient.NewClient(ClientOptions{AllowLoopback: true}):", ask.status)
		var err error
		if d, err = authclient.Discover(ctx, ts.client, r.Response); err != nil {
			p("authclient.Discover: %s", esc(err.Error()))
			return "", err
		}
		p("the resource metadata is about %s, the resource requested (RFC 9728, Section 3.3)", esc(d.ResourceMetadata.Resource))
		p("the authorization server's metadata is about %s, the issuer it lists (RFC 8414, Section 3.3)", esc(d.AuthorizationServer.Issuer))
		pkce := "not offered (the stand-in has no authorization code flow)"
		if d.PKCE {
			pkce = "offered"
		}
		p("scopes to request: %q; token endpoint: %s; PKCE S256: %s", d.Scopes, esc(d.AuthorizationServer.TokenEndpoint), pkce)
		ts.found = d
	} else {
		p("the token source uses what authclient.Discover found: token endpoint %s", esc(d.AuthorizationServer.TokenEndpoint))
	}
	if !slices.Contains(d.AuthorizationServer.GrantTypesSupported, "client_credentials") {
		p("the authorization server does not list the client_credentials grant")
		return "", errors.New("the authorization server does not list the client_credentials grant")
	}
	scopes := r.Scopes
	if len(scopes) == 0 {
		scopes = d.Scopes
	}
	token, err := ts.requestToken(ctx, d, scopes)
	if err != nil {
		p("the token endpoint: %s", esc(err.Error()))
		return "", err
	}
	_, name := ts.log.as.describe(token)
	p("the token source returns %s", name)
	return token, nil
}

// requestToken asks the token endpoint of d for a token for scopes and the
// resource of d (RFC 8707), authenticating the client with Basic (RFC
// 6749, Section 2.3.1). Its errors never hold the token.
func (ts *demoTokenSource) requestToken(ctx context.Context, d *authclient.Discovery, scopes []string) (string, error) {
	form := url.Values{
		"grant_type": {"client_credentials"},
		"scope":      {strings.Join(scopes, " ")},
		"resource":   {d.ResourceMetadata.Resource},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.AuthorizationServer.TokenEndpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749, Section 2.3.1: the id and the secret are form-encoded
	// before they go into Basic.
	c, err := authz.BasicCredentials(url.QueryEscape(demoClientID), url.QueryEscape(demoClientSecret))
	if err != nil {
		return "", err
	}
	if err := authz.Set(req.Header, c); err != nil {
		return "", err
	}
	resp, err := ts.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" {
		return "", errors.New("the content type is not application/json")
	}
	var tr tokenResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&tr); err != nil {
		return "", errors.New("the body is not a token response")
	}
	// token_type is case-insensitive (RFC 6749, Section 5.1).
	if tr.AccessToken == "" || !strings.EqualFold(tr.TokenType, "Bearer") {
		return "", errors.New("the response has no Bearer access_token")
	}
	return tr.AccessToken, nil
}
