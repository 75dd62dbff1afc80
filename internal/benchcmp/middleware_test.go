package benchcmp

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/auth"
)

// BenchmarkMiddleware compares, per request, the bearer-token middleware of
// an OAuth 2.0 protected resource: ours (resourceserver.RequireBearer) and
// the Go MCP SDK's auth.RequireBearerToken, configured alike (the same
// resource_metadata URL and required scope) around the same trivial
// verifier and next handler, on three paths (mwPaths); and, on the
// authorized path, the floor both pay (floorMiddleware).
//
// What is timed, for both: one ServeHTTP of the middleware on a request
// built once, into a ResponseWriter whose header map is cleared (not
// reallocated) before each call, as net/http gives each request a fresh
// header map. The writer has WriteString, as net/http's does. The trivial
// verifier compares the token with a constant and returns a TokenInfo
// built once (for the SDK, a pointer to one), so it allocates nothing on
// either side; the next handler reads the TokenInfo from the context and
// answers 204.

// The requests' constants.
const (
	mwResourceMetadata = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	mwGoodToken        = "mF_9.B5f-4.1JqM" // RFC 6750, Section 2.1's example
	mwForgedToken      = "mF_9.B5f-4.forged"
	mwSubject          = "alice"
)

var (
	mwScopes = []string{"mcp:tools"}
	// mwExpiry is a day after the process started: valid throughout.
	mwExpiry = time.Now().Add(24 * time.Hour)
)

// mwPath is one request shape.
type mwPath struct {
	name          string
	comment       string
	authorization string // "" for no Authorization field
	status        int    // what every middleware must answer
}

var mwPaths = []mwPath{
	{"authorized", "`Authorization: Bearer mF_9.B5f-4.1JqM`, a token the verifier accepts with the required scope: the next handler runs and answers 204", "Bearer " + mwGoodToken, http.StatusNoContent},
	{"no-credentials", "no Authorization field: 401 and a challenge", "", http.StatusUnauthorized},
	{"rejected-token", "`Authorization: Bearer mF_9.B5f-4.forged`, a token the verifier rejects (with its package's ErrInvalidToken): 401", "Bearer " + mwForgedToken, http.StatusUnauthorized},
}

// mwImpl is one middleware under comparison.
type mwImpl struct {
	name string
	call string
	// only, if set, is the one path the implementation is measured on.
	only string
	// handler returns the middleware, configured as the comment of
	// BenchmarkMiddleware says, around the next handler.
	handler func() http.Handler
}

var mwRegistry []*mwImpl

func registerMiddleware(im *mwImpl) { mwRegistry = append(mwRegistry, im) }

// mwOrder fixes the row order of the report.
var mwOrder = []string{"ours", "mcp-sdk", "floor"}

// mwImpls returns the registered middlewares in mwOrder.
func mwImpls() []*mwImpl {
	out := slices.Clone(mwRegistry)
	sort.SliceStable(out, func(i, j int) bool {
		return slices.Index(mwOrder, out[i].name) < slices.Index(mwOrder, out[j].name)
	})
	return out
}

func (im *mwImpl) applies(p mwPath) bool { return im.only == "" || im.only == p.name }

func init() {
	registerMiddleware(mcpMiddleware)
	registerMiddleware(floorMiddleware)
}

// github.com/modelcontextprotocol/go-sdk v1.8.0, auth.RequireBearerToken.
var mcpMiddleware = &mwImpl{
	name: "mcp-sdk",
	call: "`auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{ResourceMetadataURL: rm, Scopes: scopes})(next).ServeHTTP(w, r)`",
	handler: func() http.Handler {
		info := &auth.TokenInfo{Scopes: mwScopes, Expiration: mwExpiry, UserID: mwSubject}
		verify := func(_ context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
			if token == mwGoodToken {
				return info, nil
			}
			return nil, auth.ErrInvalidToken
		}
		next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ti := auth.TokenInfoFromContext(r.Context()); ti == nil || ti.UserID != mwSubject {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		return auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{ResourceMetadataURL: mwResourceMetadata, Scopes: mwScopes})(next)
	},
}

// floorMiddleware is not a middleware: it is what any middleware that hands
// the next handler a value through the request's context pays on the
// authorized path, whatever it checks: a clock read for the expiry, and
// r.WithContext(context.WithValue(ctx, key, p)) with p a pointer built
// once, before the same kind of next handler. It is measured on that path
// only, to show how much of the others' time is this floor.
var floorMiddleware = &mwImpl{
	name: "floor",
	call: "not a middleware: `time.Now().Before(expiry)`, then `next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, p)))` with `p` built once; measured on the authorized path only",
	only: "authorized",
	handler: func() http.Handler {
		type key struct{}
		info := &auth.TokenInfo{Scopes: mwScopes, Expiration: mwExpiry, UserID: mwSubject}
		next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ti, _ := r.Context().Value(key{}).(*auth.TokenInfo); ti == nil || ti.UserID != mwSubject {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		return floorWrap(next, key{}, info)
	},
}

// floorWrap is the floor's handler around next. It is called through a
// variable, as a middleware is, so that the compiler cannot see next and
// keep the request copy on the stack, which it cannot do for a real one.
var floorWrap = func(next http.Handler, key any, info *auth.TokenInfo) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !time.Now().Before(info.Expiration) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key, info)))
	})
}

// mwRequest returns the request of path p.
func mwRequest(p mwPath) *http.Request {
	r, err := http.NewRequest("POST", "https://mcp.example.com/mcp", nil)
	if err != nil {
		panic(err)
	}
	if p.authorization != "" {
		r.Header.Set("Authorization", p.authorization)
	}
	return r
}

// discardWriter is the ResponseWriter of the benchmark: it keeps the status
// and the header map, and counts the body.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header { return w.h }

func (w *discardWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += len(p)
	return len(p), nil
}

func (w *discardWriter) WriteString(s string) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += len(s)
	return len(s), nil
}

func (w *discardWriter) reset() {
	clear(w.h)
	w.status, w.n = 0, 0
}

func BenchmarkMiddleware(b *testing.B) {
	for _, p := range mwPaths {
		b.Run(p.name, func(b *testing.B) {
			for _, im := range mwImpls() {
				if !im.applies(p) {
					continue
				}
				b.Run(im.name, func(b *testing.B) {
					h := im.handler()
					req := mwRequest(p)
					w := &discardWriter{h: http.Header{}}
					b.ReportAllocs()
					for b.Loop() {
						w.reset()
						h.ServeHTTP(w, req)
					}
					if w.status != p.status {
						b.Fatalf("%s on %s: status %d, want %d", im.name, p.name, w.status, p.status)
					}
				})
			}
		})
	}
}

// mwReport is what TestMiddlewarePaths writes to $BENCHCMP_MIDDLEWARE_OUT
// for cmd/table: what each middleware answers on each path.
type mwReport struct {
	Impls   []reportImpl `json:"impls"`
	Paths   []mwRowPath  `json:"paths"`
	Results []mwRow      `json:"results"`
}

type mwRowPath struct {
	Name    string `json:"name"`
	Comment string `json:"comment"`
}

type mwRow struct {
	Path            string `json:"path"`
	Impl            string `json:"impl"`
	Status          int    `json:"status"`
	WWWAuthenticate string `json:"www_authenticate"`
	Body            string `json:"body"`
}

// TestMiddlewarePaths checks that every middleware answers each path with
// the status the benchmark assumes, so that it times the path it names,
// and records the answers for the report.
func TestMiddlewarePaths(t *testing.T) {
	var rep mwReport
	for _, im := range mwImpls() {
		rep.Impls = append(rep.Impls, reportImpl{Name: im.name, Call: im.call})
	}
	for _, p := range mwPaths {
		rep.Paths = append(rep.Paths, mwRowPath{Name: p.name, Comment: p.comment})
		for _, im := range mwImpls() {
			if !im.applies(p) {
				continue
			}
			w := &bodyWriter{discardWriter: discardWriter{h: http.Header{}}}
			im.handler().ServeHTTP(w, mwRequest(p))
			if w.status != p.status {
				t.Errorf("%s on %s: status %d, want %d", im.name, p.name, w.status, p.status)
			}
			rep.Results = append(rep.Results, mwRow{Path: p.name, Impl: im.name, Status: w.status,
				WWWAuthenticate: w.h.Get("WWW-Authenticate"), Body: string(w.body)})
		}
	}
	if out := os.Getenv("BENCHCMP_MIDDLEWARE_OUT"); out != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// bodyWriter is a discardWriter that keeps the body, for the report.
type bodyWriter struct {
	discardWriter
	body []byte
}

func (w *bodyWriter) Write(p []byte) (int, error) {
	w.body = append(w.body, p...)
	return w.discardWriter.Write(p)
}

func (w *bodyWriter) WriteString(s string) (int, error) {
	w.body = append(w.body, s...)
	return w.discardWriter.WriteString(s)
}
