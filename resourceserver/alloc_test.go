package resourceserver_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// allocWriter is a ResponseWriter that allocates nothing itself: its
// header map is cleared, not remade, between requests.
type allocWriter struct {
	h      http.Header
	status int
}

func (w *allocWriter) Header() http.Header               { return w.h }
func (w *allocWriter) WriteHeader(code int)              { w.status = code }
func (w *allocWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (w *allocWriter) WriteString(s string) (int, error) { return len(s), nil }

// TestAllocs pins the allocations of the middleware per request: the
// challenges are built at construction, so a refusal allocates only the
// header values (one block for the three fields), and a request let
// through only its context and the request copy of Request.WithContext.
func TestAllocs(t *testing.T) {
	info := resourceserver.TokenInfo{Subject: "alice", Scopes: []string{"mcp:tools"}, Expiry: time.Now().Add(time.Hour)}
	verify := func(_ *http.Request, token string) (resourceserver.TokenInfo, error) {
		if token == "good" {
			return info, nil
		}
		return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
	}
	h := resourceserver.RequireBearer(verify, resourceserver.Options{ResourceMetadata: mwRM, Scopes: []string{"mcp:tools"}})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	tests := []struct {
		name          string
		comment       string
		authorization string
		status        int
		allocs        float64
	}{
		{name: "authorized", comment: "the context and Request.WithContext's copy", authorization: "Bearer good", status: 204, allocs: 2},
		{name: "no-credentials", comment: "the header values", status: 401, allocs: 1},
		{name: "rejected-token", comment: "the header values", authorization: "Bearer forged", status: 401, allocs: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest("POST", "https://mcp.example.com/mcp", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.authorization != "" {
				req.Header.Set("Authorization", tc.authorization)
			}
			w := &allocWriter{h: http.Header{}}
			n := testing.AllocsPerRun(100, func() {
				clear(w.h)
				h.ServeHTTP(w, req)
			})
			if w.status != tc.status {
				t.Fatalf("%s: status %d, want %d", tc.comment, w.status, tc.status)
			}
			if n > tc.allocs {
				t.Errorf("%s: %v allocations per request, want at most %v", tc.comment, n, tc.allocs)
			}
		})
	}
}
