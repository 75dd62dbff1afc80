package resourceserver_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// TestCORS checks what RequireBearer does for browsers: preflights go
// through unauthenticated (unless AuthenticatePreflight), and a refusal
// to a request with Origin exposes WWW-Authenticate, added to what an
// outer CORS layer set.
func TestCORS(t *testing.T) {
	const origin = "https://app.example.com"
	tests := []struct {
		name          string
		comment       string
		method        string
		header        map[string]string
		authPreflight bool
		expose        []string // Access-Control-Expose-Headers an outer layer set
		status        int
		wantExpose    []string // Access-Control-Expose-Headers of the response
		handled       bool     // the next handler ran
	}{
		{name: "preflight", comment: "a preflight reaches the next handler without a token",
			method: "OPTIONS", header: map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"},
			status: http.StatusNoContent, handled: true},
		{name: "preflight-authenticated", comment: "AuthenticatePreflight: a preflight needs a token like the rest",
			method: "OPTIONS", header: map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"}, authPreflight: true,
			status: http.StatusUnauthorized, wantExpose: []string{"WWW-Authenticate"}},
		{name: "options-not-preflight", comment: "OPTIONS without Access-Control-Request-Method is no preflight",
			method: "OPTIONS", header: map[string]string{"Origin": origin}, status: http.StatusUnauthorized, wantExpose: []string{"WWW-Authenticate"}},
		{name: "options-no-origin", comment: "OPTIONS without Origin is no preflight, and gets no CORS header",
			method: "OPTIONS", header: map[string]string{"Access-Control-Request-Method": "POST"}, status: http.StatusUnauthorized},
		{name: "get-like-preflight", comment: "only OPTIONS can be a preflight",
			method: "GET", header: map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"}, status: http.StatusUnauthorized, wantExpose: []string{"WWW-Authenticate"}},
		{name: "401-origin", comment: "a 401 to a cross-origin request exposes the challenge",
			method: "POST", header: map[string]string{"Origin": origin}, status: http.StatusUnauthorized, wantExpose: []string{"WWW-Authenticate"}},
		{name: "401-no-origin", comment: "a same-origin or non-browser request gets no CORS header",
			method: "POST", status: http.StatusUnauthorized},
		{name: "401-added", comment: "added to the names an outer CORS layer exposes, not replacing them",
			method: "POST", header: map[string]string{"Origin": origin}, expose: []string{"Mcp-Session-Id"},
			status: http.StatusUnauthorized, wantExpose: []string{"Mcp-Session-Id, WWW-Authenticate"}},
		{name: "401-added-last-line", comment: "to the last of several lines",
			method: "POST", header: map[string]string{"Origin": origin}, expose: []string{"A", "B, C"},
			status: http.StatusUnauthorized, wantExpose: []string{"A", "B, C, WWW-Authenticate"}},
		{name: "401-already", comment: "already exposed, in any case: left as it is",
			method: "POST", header: map[string]string{"Origin": origin}, expose: []string{"Mcp-Session-Id, www-authenticate"},
			status: http.StatusUnauthorized, wantExpose: []string{"Mcp-Session-Id, www-authenticate"}},
		{name: "400-origin", comment: "a 400 carries a challenge too",
			method: "POST", header: map[string]string{"Origin": origin, "Authorization": "Bearer a b"}, status: http.StatusBadRequest, wantExpose: []string{"WWW-Authenticate"}},
		{name: "403-origin", comment: "a 403 insufficient_scope",
			method: "POST", header: map[string]string{"Origin": origin, "Authorization": "Bearer " + mwNarrow}, status: http.StatusForbidden, wantExpose: []string{"WWW-Authenticate"}},
		{name: "403-requirescopes", comment: "a 403 from RequireScopes",
			method: "PUT", header: map[string]string{"Origin": origin, "Authorization": "Bearer " + mwGood}, status: http.StatusForbidden, wantExpose: []string{"WWW-Authenticate"}},
		{name: "200-origin", comment: "a request let through gets nothing from the middleware",
			method: "POST", header: map[string]string{"Origin": origin, "Authorization": "Bearer " + mwGood}, expose: []string{"Mcp-Session-Id"},
			status: http.StatusNoContent, wantExpose: []string{"Mcp-Session-Id"}, handled: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := mwOptions(false, nil)
			opts.AuthenticatePreflight = tc.authPreflight
			handled := false
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == "PUT" && !resourceserver.RequireScopes(w, r, "files:write") {
					return
				}
				_, hasInfo := resourceserver.TokenInfoFrom(r.Context())
				if hasInfo == (r.Method == "OPTIONS") {
					t.Errorf("%s: TokenInfoFrom reports %v for %s", tc.comment, hasInfo, r.Method)
				}
				handled = true
				w.WriteHeader(http.StatusNoContent)
			})
			// The outer CORS layer shares one slice between responses,
			// as a layer configured once may.
			shared := append([]string(nil), tc.expose...)
			outer := func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if len(shared) > 0 {
						w.Header()["Access-Control-Expose-Headers"] = shared
					}
					h.ServeHTTP(w, r)
				})
			}
			h := outer(resourceserver.RequireBearer(mwVerify, opts)(next))
			req := httptest.NewRequest(tc.method, "https://mcp.example.com/mcp", nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status || handled != tc.handled {
				t.Errorf("%s: status %d, handler ran %v; want %d, %v", tc.comment, rec.Code, handled, tc.status, tc.handled)
			}
			if diff := cmp.Diff(tc.wantExpose, rec.Header().Values("Access-Control-Expose-Headers")); diff != "" {
				t.Errorf("%s: Access-Control-Expose-Headers mismatch (-want +got):\n%s", tc.comment, diff)
			}
			if diff := cmp.Diff(tc.expose, shared, cmpEmpty); diff != "" {
				t.Errorf("%s: the outer layer's slice was written to (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
}

// cmpEmpty makes nil and empty slices equal.
var cmpEmpty = cmp.FilterValues(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

// TestMetadataPreflight checks that the metadata handler, mounted at the
// pattern MetadataPath documents, answers the CORS preflight of a
// browser-based client, and the GET that follows.
func TestMetadataPreflight(t *testing.T) {
	const resource = "https://mcp.example.com/mcp"
	path, err := resourceserver.MetadataPath(resource)
	if err != nil {
		t.Fatal(err)
	}
	h, err := resourceserver.NewHandler(resourceserver.Metadata{Resource: resource, AuthorizationServers: []string{"https://as.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(path, h)
	tests := []struct {
		name    string
		comment string
		method  string
		status  int
		header  map[string]string
	}{
		{name: "preflight", comment: "the preflight of a cross-origin GET", method: "OPTIONS", status: http.StatusNoContent,
			header: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"}},
		{name: "get", comment: "the GET", method: "GET", status: http.StatusOK,
			header: map[string]string{"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"}},
		{name: "post", comment: "another method: 405 with Allow, and still readable cross-origin", method: "POST", status: http.StatusMethodNotAllowed,
			header: map[string]string{"Access-Control-Allow-Origin": "*", "Allow": "GET, HEAD, OPTIONS"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "https://mcp.example.com"+path, nil)
			req.Header.Set("Origin", "https://app.example.com")
			req.Header.Set("Access-Control-Request-Method", "GET")
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Errorf("%s: status %d, want %d", tc.comment, rec.Code, tc.status)
			}
			for k, v := range tc.header {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s: %s = %q, want %q", tc.comment, k, got, v)
				}
			}
		})
	}
}
