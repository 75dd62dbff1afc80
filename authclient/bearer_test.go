package authclient_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// tokenAsked is what a TokenSource was asked.
type tokenAsked struct {
	Scopes []string
	Error  wwwauth.ErrorCode
	Status int
	URL    string // the resource, from the response's request
	RM     string // resource_metadata
}

// recordingTokenSource hands out the tokens in order, recording what it was asked.
type recordingTokenSource struct {
	mu         sync.Mutex
	tokens     []string
	tokenAsked []tokenAsked
}

func (s *recordingTokenSource) Token(_ context.Context, r *authclient.TokenRequest) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenAsked = append(s.tokenAsked, tokenAsked{
		Scopes: r.Scopes, Error: r.Challenge.Error, Status: r.Response.StatusCode,
		URL: r.Response.Request.URL.Path, RM: r.Challenge.ResourceMetadata,
	})
	if len(s.tokens) == 0 {
		return "", errors.New("no more tokens")
	}
	t := s.tokens[0]
	s.tokens = s.tokens[1:]
	return t, nil
}

// bearerResource is an OAuth-protected resource on 127.0.0.1: tokens maps each
// token it accepts to its scopes; a path needs the scopes of need (none if
// absent). It answers as RFC 6750 and the MCP spec say: 401 with
// resource_metadata for no token, 401 invalid_token for an unknown one,
// 403 insufficient_scope with the scopes needed. It records the
// Authorization of each request and its status.
type bearerResource struct {
	tokens map[string][]string
	need   map[string][]string
	// invalidScope is the scope of the 401 invalid_token challenge, as a
	// resource that names the scopes it always needs sends it.
	invalidScope []string
	log          transportLog
	srv          *httptest.Server
}

func newBearerResource(t *testing.T, tokens, need map[string][]string) *bearerResource {
	t.Helper()
	r := &bearerResource{tokens: tokens, need: need}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (res *bearerResource) serve(w http.ResponseWriter, r *http.Request) {
	s := transportSeen{Path: r.URL.Path, Authorization: r.Header.Get("Authorization")}
	defer func() { res.log.add(s) }()
	challenge := func(status int, b wwwauth.Bearer) {
		b.ResourceMetadata = res.srv.URL + "/.well-known/oauth-protected-resource"
		c, _ := b.Challenge()
		wwwauth.Set(w.Header(), c)
		w.WriteHeader(status)
		s.Status = status
	}
	c, err := authz.Parse(r.Header)
	if err != nil {
		challenge(401, wwwauth.Bearer{Scope: []string{"read"}})
		return
	}
	token, err := authz.ParseBearer(c)
	have, ok := res.tokens[token]
	if err != nil || !ok {
		challenge(401, wwwauth.Bearer{Error: wwwauth.CodeInvalidToken, Scope: res.invalidScope})
		return
	}
	for _, n := range res.need[r.URL.Path] {
		found := false
		for _, h := range have {
			found = found || h == n
		}
		if !found {
			challenge(403, wwwauth.Bearer{Error: wwwauth.CodeInsufficientScope, Scope: res.need[r.URL.Path]})
			return
		}
	}
	s.Status = 200
	io.WriteString(w, "ok")
}

func bearerClient(src authclient.TokenSource) *http.Client {
	return &http.Client{Transport: &authclient.Transport{Handlers: []authclient.Handler{authclient.Bearer(src)}}}
}

// TestBearerFlow checks the MCP flow: 401 → token for the challenge's
// scope → 200; then 403 insufficient_scope → a token for the union of the
// scopes → 200; then the stepped-up token goes pre-emptively.
func TestBearerFlow(t *testing.T) {
	res := newBearerResource(t, map[string][]string{"t-read": {"read"}, "t-both": {"read", "write"}}, map[string][]string{"/write": {"write"}})
	src := &recordingTokenSource{tokens: []string{"t-read", "t-both"}}
	c := bearerClient(src)
	for _, path := range []string{"/read", "/write", "/write", "/read"} {
		if status, _ := transportGet(t, c, transportRequest(t, "GET", res.srv.URL+path, nil)); status != 200 {
			t.Fatalf("GET %s: %d; %v", path, status, res.log.all())
		}
	}
	rm := res.srv.URL + "/.well-known/oauth-protected-resource"
	wantAsked := []tokenAsked{
		{Scopes: []string{"read"}, Status: 401, URL: "/read", RM: rm},
		{Scopes: []string{"read", "write"}, Error: wwwauth.CodeInsufficientScope, Status: 403, URL: "/write", RM: rm},
	}
	if diff := cmp.Diff(wantAsked, src.tokenAsked); diff != "" {
		t.Errorf("token requests mismatch (-want +got):\n%s", diff)
	}
	want := []transportSeen{
		{Path: "/read", Status: 401},
		{Path: "/read", Authorization: "Bearer t-read", Status: 200},
		{Path: "/write", Authorization: "Bearer t-read", Status: 403},
		{Path: "/write", Authorization: "Bearer t-both", Status: 200},
		{Path: "/write", Authorization: "Bearer t-both", Status: 200},
		{Path: "/read", Authorization: "Bearer t-both", Status: 200},
	}
	if diff := cmp.Diff(want, res.log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

// TestBearerStepUpOnce checks that a step-up that does not satisfy the
// resource is not repeated: the caller gets the second 403.
func TestBearerStepUpOnce(t *testing.T) {
	res := newBearerResource(t, map[string][]string{"t1": {"read"}, "t2": {"read"}}, map[string][]string{"/admin": {"admin"}})
	src := &recordingTokenSource{tokens: []string{"t1", "t2", "t3"}}
	status, _ := transportGet(t, bearerClient(src), transportRequest(t, "GET", res.srv.URL+"/admin", nil))
	if status != 403 {
		t.Errorf("status %d, want 403", status)
	}
	want := []transportSeen{
		{Path: "/admin", Status: 401},
		{Path: "/admin", Authorization: "Bearer t1", Status: 403},
		{Path: "/admin", Authorization: "Bearer t2", Status: 403},
	}
	if diff := cmp.Diff(want, res.log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
	if len(src.tokenAsked) != 2 {
		t.Errorf("token source asked %d times, want 2", len(src.tokenAsked))
	}
}

// TestBearerInvalidToken checks that a refused token is renewed once:
// after the source's token is refused as invalid_token, the source is
// asked once more, and a second refusal goes to the caller.
func TestBearerInvalidToken(t *testing.T) {
	tests := []struct {
		name       string
		tokens     []string
		want       []transportSeen
		tokenAsked int
		status     int
	}{
		{
			name:   "fresh token accepted",
			tokens: []string{"expired", "good"},
			want: []transportSeen{
				{Path: "/", Status: 401},
				{Path: "/", Authorization: "Bearer expired", Status: 401},
				{Path: "/", Authorization: "Bearer good", Status: 200},
			},
			tokenAsked: 2, status: 200,
		},
		{
			name:   "fresh token refused too",
			tokens: []string{"expired", "revoked", "never-asked"},
			want: []transportSeen{
				{Path: "/", Status: 401},
				{Path: "/", Authorization: "Bearer expired", Status: 401},
				{Path: "/", Authorization: "Bearer revoked", Status: 401},
			},
			tokenAsked: 2, status: 401,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := newBearerResource(t, map[string][]string{"good": nil}, nil)
			src := &recordingTokenSource{tokens: tt.tokens}
			status, _ := transportGet(t, bearerClient(src), transportRequest(t, "GET", res.srv.URL+"/", nil))
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			if diff := cmp.Diff(tt.want, res.log.all()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			if len(src.tokenAsked) != tt.tokenAsked {
				t.Errorf("token source asked %d times, want %d", len(src.tokenAsked), tt.tokenAsked)
			}
			if len(src.tokenAsked) > 1 && src.tokenAsked[1].Error != wwwauth.CodeInvalidToken {
				t.Errorf("second ask has error %q, want invalid_token", src.tokenAsked[1].Error)
			}
		})
	}
}

// TestBearerPreemptiveExpired checks a token held from an earlier request
// that the resource now refuses: one fresh token, once.
func TestBearerPreemptiveExpired(t *testing.T) {
	res := newBearerResource(t, map[string][]string{"t1": nil}, nil)
	src := &recordingTokenSource{tokens: []string{"t1", "t2", "t3"}}
	c := bearerClient(src)
	transportGet(t, c, transportRequest(t, "GET", res.srv.URL+"/", nil))
	delete(res.tokens, "t1") // t1 expires; t2 is not valid either
	status, _ := transportGet(t, c, transportRequest(t, "GET", res.srv.URL+"/", nil))
	if status != 401 {
		t.Errorf("status %d, want 401", status)
	}
	want := []transportSeen{
		{Path: "/", Status: 401},
		{Path: "/", Authorization: "Bearer t1", Status: 200},
		{Path: "/", Authorization: "Bearer t1", Status: 401},
		{Path: "/", Authorization: "Bearer t2", Status: 401},
	}
	if diff := cmp.Diff(want, res.log.all()); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
	if len(src.tokenAsked) != 2 || src.tokenAsked[1].Error != wwwauth.CodeInvalidToken {
		t.Errorf("token source asked %v, want twice, the second for invalid_token", src.tokenAsked)
	}
}

// TestBearerSourceError checks that the source's error ends the round
// trip, wrapped.
func TestBearerSourceError(t *testing.T) {
	res := newBearerResource(t, nil, nil)
	errDenied := errors.New("the user said no")
	src := authclient.TokenSourceFunc(func(context.Context, *authclient.TokenRequest) (string, error) { return "", errDenied })
	_, err := bearerClient(src).Do(transportRequest(t, "GET", res.srv.URL+"/", nil))
	if !errors.Is(err, errDenied) || !strings.Contains(err.Error(), "authclient: Bearer: the user said no") {
		t.Errorf("err = %v, want the source's error, wrapped", err)
	}
}

// TestBearerDeclines checks what Bearer leaves to the caller: an empty
// token, a token that is not a b64token (an error), and a 403 without
// insufficient_scope.
func TestBearerDeclines(t *testing.T) {
	res := newBearerResource(t, map[string][]string{"t": nil}, nil)
	empty := authclient.TokenSourceFunc(func(context.Context, *authclient.TokenRequest) (string, error) { return "", nil })
	if status, _ := transportGet(t, bearerClient(empty), transportRequest(t, "GET", res.srv.URL+"/", nil)); status != 401 {
		t.Errorf("empty token: status %d, want 401", status)
	}
	bad := authclient.TokenSourceFunc(func(context.Context, *authclient.TokenRequest) (string, error) { return "not a token", nil })
	_, err := bearerClient(bad).Do(transportRequest(t, "GET", res.srv.URL+"/", nil))
	var fe *httpauth.FormatError
	if !errors.As(err, &fe) || strings.Contains(err.Error(), "not a token") {
		t.Errorf("err = %v, want the *httpauth.FormatError of authz.BearerCredentials, without the token", err)
	}

	forbidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer`)
			w.WriteHeader(401)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_request"`)
		w.WriteHeader(403)
	}))
	defer forbidden.Close()
	src := &recordingTokenSource{tokens: []string{"t", "u"}}
	if status, _ := transportGet(t, bearerClient(src), transportRequest(t, "GET", forbidden.URL+"/", nil)); status != 403 {
		t.Errorf("403 invalid_request: status %d, want 403", status)
	}
	if len(src.tokenAsked) != 1 {
		t.Errorf("token source asked %d times, want 1", len(src.tokenAsked))
	}
}

// TestBearerMalformedChallenge checks that a challenge that breaks a rule
// still gives the source what passes its own checks, and never a
// resource_metadata URL a client must not fetch.
func TestBearerMalformedChallenge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", `Bearer scope="a b", resource_metadata="http://169.254.169.254/latest/meta-data/", error_uri="not a uri"`)
			w.WriteHeader(401)
		}
	}))
	defer srv.Close()
	src := &recordingTokenSource{tokens: []string{"t"}}
	if status, _ := transportGet(t, bearerClient(src), transportRequest(t, "GET", srv.URL+"/", nil)); status != 200 {
		t.Fatalf("status %d", status)
	}
	want := []tokenAsked{{Scopes: []string{"a", "b"}, Status: 401, URL: "/"}}
	if diff := cmp.Diff(want, src.tokenAsked); diff != "" {
		t.Errorf("token requests mismatch (-want +got):\n%s", diff)
	}
}

// TestBearerRenewalKeepsStepUp checks that a token refused as invalid_token
// (expired) is renewed for the scopes it held, so that a step-up won
// earlier is not lost: the source is asked for the union of the held
// scopes and those the 401 names.
func TestBearerRenewalKeepsStepUp(t *testing.T) {
	res := newBearerResource(t, map[string][]string{"t1": {"read"}, "t2": {"read", "admin"}, "t3": {"read", "admin"}},
		map[string][]string{"/admin": {"admin"}})
	src := &recordingTokenSource{tokens: []string{"t1", "t2", "t3"}}
	c := bearerClient(src)
	if status, _ := transportGet(t, c, transportRequest(t, "GET", res.srv.URL+"/admin", nil)); status != 200 {
		t.Fatalf("step-up: status %d, want 200", status)
	}
	res.invalidScope = []string{"read"}
	delete(res.tokens, "t2") // t2 expires
	if status, _ := transportGet(t, c, transportRequest(t, "GET", res.srv.URL+"/admin", nil)); status != 200 {
		t.Fatalf("renewal: status %d, want 200", status)
	}
	var scopes [][]string
	for _, a := range src.tokenAsked {
		scopes = append(scopes, a.Scopes)
	}
	// The first ask is for the 401's scope; the step-up for the union of
	// what t1 held and admin; the renewal, whose 401 names only read, for
	// the union of what t2 held and read.
	want := [][]string{{"read"}, {"read", "admin"}, {"read", "admin"}}
	if diff := cmp.Diff(want, scopes); diff != "" {
		t.Errorf("scopes asked mismatch (-want +got):\n%s", diff)
	}
}
