package mcpsdk_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/resourceserver/mcpsdk"
)

// The users of the test server, by token.
var users = map[string]resourceserver.TokenInfo{
	"alice-token-5f1c": {Subject: "alice", ClientID: "client-a", Scopes: []string{"mcp:tools"}},
	"bob-token-9e2d":   {Subject: "bob", ClientID: "client-b", Scopes: []string{"mcp:tools"}},
	"nobody-token-77":  {Scopes: []string{"mcp:tools"}}, // a verifier bug: no Subject
}

func verify(r *http.Request, token string) (resourceserver.TokenInfo, error) {
	info, ok := users[token]
	if !ok {
		return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
	}
	info.Expiry = time.Now().Add(time.Hour)
	return info, nil
}

// whoami is the tool's result: what its handler saw in the request.
type whoami struct {
	UserID   string   `json:"user_id"`
	Scopes   []string `json:"scopes"`
	ClientID string   `json:"client_id"`
}

// testServer starts an MCP server, built on the SDK's
// StreamableHTTPHandler, on 127.0.0.1: /mcp behind protect, and the RFC
// 9728 metadata. It returns the server and the resource identifier.
func testServer(t *testing.T, protect func(resourceserver.VerifyFunc, resourceserver.Options) func(http.Handler) http.Handler, log *slog.Logger) (*httptest.Server, string) {
	t.Helper()
	server := mcp.NewServer(&mcp.Implementation{Name: "httpauth-test", Version: "v0.0.1"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "whoami", Description: "Reports the token info the tool handler sees"},
		func(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, whoami, error) {
			ti := req.Extra.TokenInfo
			if ti == nil {
				return nil, whoami{}, fmt.Errorf("no token info")
			}
			info, _ := ti.Extra[mcpsdk.ExtraKey].(resourceserver.TokenInfo)
			return nil, whoami{UserID: ti.UserID, Scopes: ti.Scopes, ClientID: info.ClientID}, nil
		})
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	resource := srv.URL + "/mcp"
	metadataURL, err := resourceserver.MetadataURL(resource)
	if err != nil {
		t.Fatal(err)
	}
	path, err := resourceserver.MetadataPath(resource)
	if err != nil {
		t.Fatal(err)
	}
	md, err := resourceserver.NewHandler(resourceserver.Metadata{Resource: resource, AuthorizationServers: []string{"https://as.example.com"}, ScopesSupported: []string{"mcp:tools"}})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(path, md)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	mux.Handle("/mcp", protect(verify, resourceserver.Options{ResourceMetadata: metadataURL, Scopes: []string{"mcp:tools"}, ErrorLog: log})(handler))
	return srv, resource
}

// recorder is the SDK client's transport: it adds the token, if any, and
// keeps the responses' statuses and challenges.
type recorder struct {
	token string
	mu    sync.Mutex
	seen  []string // "STATUS WWW-Authenticate"
}

func (rt *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	if rt.token != "" {
		req.Header.Set("Authorization", "Bearer "+rt.token)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		rt.mu.Lock()
		rt.seen = append(rt.seen, fmt.Sprint(req.Method, " ", resp.StatusCode, " ", resp.Header.Get("WWW-Authenticate")))
		rt.mu.Unlock()
	}
	return resp, err
}

// connect opens an MCP session with the SDK's client, with token.
func connect(ctx context.Context, resource, token string) (*mcp.ClientSession, *recorder, error) {
	rt := &recorder{token: token}
	client := mcp.NewClient(&mcp.Implementation{Name: "httpauth-test-client", Version: "v0.0.1"}, nil)
	cs, err := client.Connect(ctx, &mcp.StreamableClientTransport{Endpoint: resource, HTTPClient: &http.Client{Transport: rt},
		MaxRetries: -1, DisableStandaloneSSE: true}, nil)
	return cs, rt, err
}

// callWhoami calls the tool and returns what its handler saw.
func callWhoami(ctx context.Context, t *testing.T, cs *mcp.ClientSession) whoami {
	t.Helper()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "whoami"})
	if err != nil {
		t.Fatalf("CallTool: %v", err)
	}
	if res.IsError {
		t.Fatalf("CallTool: tool error %+v", res.Content)
	}
	var got whoami
	if err := remarshal(res.StructuredContent, &got); err != nil {
		t.Fatalf("StructuredContent %v: %v", res.StructuredContent, err)
	}
	return got
}

// TestNoToken: the SDK's client, without a token, gets our 401 and
// challenge, and no session.
func TestNoToken(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, resource := testServer(t, mcpsdk.RequireBearer, nil)
	cs, rt, err := connect(ctx, resource, "")
	if err == nil {
		cs.Close()
		t.Fatal("Connect without a token succeeded")
	}
	metadataURL, _ := resourceserver.MetadataURL(resource)
	allAre(t, "the responses to the client without a token", rt.seen, `POST 401 Bearer scope="mcp:tools", resource_metadata="`+metadataURL+`"`)

	// A forged token: 401 invalid_token, the error code the SDK's own
	// middleware does not send.
	cs, rt, err = connect(ctx, resource, "forged-token")
	if err == nil {
		cs.Close()
		t.Fatal("Connect with a forged token succeeded")
	}
	allAre(t, "the responses to the client with a forged token", rt.seen, `POST 401 Bearer scope="mcp:tools", error="invalid_token", resource_metadata="`+metadataURL+`"`)
}

// allAre checks that there is at least one response and that each is want
// (the SDK's client tries its initialize request more than once).
func allAre(t *testing.T, what string, seen []string, want string) {
	t.Helper()
	if len(seen) == 0 {
		t.Errorf("%s: none", what)
	}
	for _, got := range seen {
		if got != want {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
}

// TestToolSeesTokenInfo: with a token, the tool handler sees the user's
// TokenInfo, from the SDK's RequestExtra.
func TestToolSeesTokenInfo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, resource := testServer(t, mcpsdk.RequireBearer, nil)
	for _, tc := range []struct {
		name, token string
		want        whoami
	}{
		{"alice", "alice-token-5f1c", whoami{UserID: "alice", Scopes: []string{"mcp:tools"}, ClientID: "client-a"}},
		{"bob", "bob-token-9e2d", whoami{UserID: "bob", Scopes: []string{"mcp:tools"}, ClientID: "client-b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, _, err := connect(ctx, resource, tc.token)
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			defer cs.Close()
			if diff := cmp.Diff(tc.want, callWhoami(ctx, t, cs)); diff != "" {
				t.Errorf("what the tool saw mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSessionBinding: a session opened by one user cannot be used with
// another user's token. The control case runs the same requests behind
// resourceserver.RequireBearer alone, which the SDK does not see: its
// session binding is off, and bob gets into alice's session, which is
// why this package exists.
func TestSessionBinding(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		protect func(resourceserver.VerifyFunc, resourceserver.Options) func(http.Handler) http.Handler
		bob     int // the status of bob's request in alice's session
	}{
		{name: "mcpsdk", comment: "the bridge: the SDK refuses bob", protect: mcpsdk.RequireBearer, bob: http.StatusForbidden},
		{name: "resourceserver-alone", comment: "without the bridge: the SDK lets bob in", protect: resourceserver.RequireBearer, bob: http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			srv, resource := testServer(t, tc.protect, nil)
			cs, _, err := connect(ctx, resource, "alice-token-5f1c")
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			defer cs.Close()
			call := func(token string) (int, string) {
				body := `{"jsonrpc":"2.0","id":99,"method":"tools/call","params":{"name":"whoami","arguments":{}}}`
				req, _ := http.NewRequestWithContext(ctx, "POST", resource, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", "application/json, text/event-stream")
				req.Header.Set("Mcp-Session-Id", cs.ID())
				req.Header.Set("Mcp-Protocol-Version", cs.InitializeResult().ProtocolVersion)
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			status, body := call("alice-token-5f1c")
			if status != http.StatusOK || tc.name == "mcpsdk" && !strings.Contains(body, `"structuredContent":{"client_id":"client-a","scopes":["mcp:tools"],"user_id":"alice"}`) {
				t.Errorf("%s: alice in her own session: %d %q, want 200 (and her user ID, through the bridge)", tc.comment, status, body)
			}
			if status, body := call("bob-token-9e2d"); status != tc.bob {
				t.Errorf("%s: bob in alice's session: %d %q, want %d", tc.comment, status, body, tc.bob)
			}
		})
	}
}

// TestNoSubject: a TokenInfo without Subject would open a session bound to
// nobody; the bridge answers 500 and logs why.
func TestNoSubject(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var logs bytes.Buffer
	_, resource := testServer(t, mcpsdk.RequireBearer, slog.New(slog.NewTextHandler(&logs, nil)))
	cs, rt, err := connect(ctx, resource, "nobody-token-77")
	if err == nil {
		cs.Close()
		t.Fatal("Connect with a TokenInfo without Subject succeeded")
	}
	allAre(t, "the responses to a token without Subject", rt.seen, "POST 500 ")
	if !strings.Contains(logs.String(), "without Subject") || strings.Contains(logs.String(), "nobody-token-77") {
		t.Errorf("log: %q", logs.String())
	}
}

// TestPlaceholder checks that the next handler gets the original
// request, Authorization and the other fields included, with the SDK's
// TokenInfo in its context, for the Bearer and the DPoP scheme (which the
// SDK's own middleware does not accept).
func TestPlaceholder(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	proof := enc([]byte(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"}}`)) + "." + enc([]byte(`{}`)) + ".c2ln"
	verifyProof := func(*http.Request, string, resourceserver.JOSEHeader, string, resourceserver.TokenInfo) error {
		return nil
	}
	dpopVerify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		info, err := verify(r, token)
		info.DPoPThumbprint = "jkt"
		return info, err
	}
	tests := []struct {
		name          string
		verify        resourceserver.VerifyFunc
		authorization string
		dpop          string
	}{
		{name: "bearer", verify: verify, authorization: "Bearer alice-token-5f1c"},
		{name: "dpop", verify: dpopVerify, authorization: "DPoP alice-token-5f1c", dpop: proof},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var seen []string
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ti := auth.TokenInfoFromContext(r.Context())
				if ti == nil {
					t.Fatal("no auth.TokenInfo in the context")
				}
				seen = append(seen, r.Header.Get("Authorization"), r.Header.Get("DPoP"), r.Header.Get("X-Other"), ti.UserID)
				w.WriteHeader(http.StatusNoContent)
			})
			h := mcpsdk.RequireBearer(tc.verify, resourceserver.Options{Realm: "mcp",
				DPoP: &resourceserver.DPoPOptions{Algs: []string{"ES256"}, VerifyProof: verifyProof}})(next)
			req := httptest.NewRequest("POST", "/mcp", nil)
			req.Header.Set("Authorization", tc.authorization)
			if tc.dpop != "" {
				req.Header.Set("DPoP", tc.dpop)
			}
			req.Header.Set("X-Other", "kept")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusNoContent {
				t.Errorf("status %d %q, want 204", rec.Code, rec.Body.String())
			}
			if diff := cmp.Diff([]string{tc.authorization, tc.dpop, "kept", "alice"}, seen); diff != "" {
				t.Errorf("the next handler's request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
