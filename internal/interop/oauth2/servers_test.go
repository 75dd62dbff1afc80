package oauth2interop_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
)

// world is a protected resource at /mcp and its authorization server at
// /auth, both on one loopback server. The authorization server approves
// every authorization request at once (there is no user to ask) and
// checks, at the token endpoint, the PKCE verifier (RFC 7636, S256) and
// the resource parameter (RFC 8707). The resource accepts the tokens it
// issued for /mcp with the scope files:read.
type world struct {
	*httptest.Server

	mu     sync.Mutex
	codes  map[string]grant // authorization code → what was asked for
	tokens map[string]grant // access token → what it grants
	next   int
	log    []string // what the authorization server checked, in order
}

type grant struct {
	challenge, resource, scope, redirectURI string
}

// newWorld starts a world; the caller closes it.
func newWorld() *world {
	w := &world{codes: map[string]grant{}, tokens: map[string]grant{}}
	mux := http.NewServeMux()
	w.Server = httptest.NewServer(mux)
	base := w.URL

	mux.HandleFunc("/mcp", func(rw http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		w.mu.Lock()
		g, known := w.tokens[token]
		w.mu.Unlock()
		if !ok || !known || g.resource != base+"/mcp" {
			rw.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+base+`/.well-known/oauth-protected-resource/mcp", scope="files:read"`)
			rw.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(rw, "hello")
	})
	mux.HandleFunc("GET /.well-known/oauth-protected-resource/mcp", func(rw http.ResponseWriter, r *http.Request) {
		writeJSON(rw, map[string]any{
			"resource":              base + "/mcp",
			"authorization_servers": []string{base + "/auth"},
			"scopes_supported":      []string{"files:read", "files:write"},
		})
	})
	mux.HandleFunc("GET /.well-known/oauth-authorization-server/auth", func(rw http.ResponseWriter, r *http.Request) {
		writeJSON(rw, map[string]any{
			"issuer":                           base + "/auth",
			"authorization_endpoint":           base + "/auth/authorize",
			"token_endpoint":                   base + "/auth/token",
			"response_types_supported":         []string{"code"},
			"grant_types_supported":            []string{"authorization_code"},
			"code_challenge_methods_supported": []string{"S256"},
		})
	})
	mux.HandleFunc("GET /auth/authorize", func(rw http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
			http.Error(rw, "unsupported request", http.StatusBadRequest)
			return
		}
		w.mu.Lock()
		w.next++
		code := fmt.Sprintf("code-%d", w.next)
		w.codes[code] = grant{q.Get("code_challenge"), q.Get("resource"), q.Get("scope"), q.Get("redirect_uri")}
		w.log = append(w.log, "authorize: resource "+strings.TrimPrefix(q.Get("resource"), base)+", scope "+q.Get("scope"))
		w.mu.Unlock()
		http.Redirect(rw, r, q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
	})
	mux.HandleFunc("POST /auth/token", func(rw http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(rw, "bad form", http.StatusBadRequest)
			return
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		g, ok := w.codes[r.PostForm.Get("code")]
		delete(w.codes, r.PostForm.Get("code"))
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		switch {
		case !ok || r.PostForm.Get("grant_type") != "authorization_code":
			tokenError(rw, "invalid_grant")
		case base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
			w.log = append(w.log, "token: PKCE verifier does not match")
			tokenError(rw, "invalid_grant")
		case r.PostForm.Get("resource") != g.resource || r.PostForm.Get("redirect_uri") != g.redirectURI:
			tokenError(rw, "invalid_target")
		default:
			w.next++
			token := fmt.Sprintf("token-%d", w.next)
			w.tokens[token] = g
			w.log = append(w.log, "token: PKCE verified, resource "+strings.TrimPrefix(g.resource, base))
			writeJSON(rw, map[string]any{"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": g.scope})
		}
	})
	return w
}

func writeJSON(rw http.ResponseWriter, v any) {
	rw.Header().Set("Content-Type", "application/json")
	json.NewEncoder(rw).Encode(v)
}

func tokenError(rw http.ResponseWriter, code string) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(rw).Encode(map[string]string{"error": code})
}

// authorize plays the user's browser: it follows the authorization URL to
// the redirect to the client's redirect URI and returns the code and the
// state. A browser is not the client's fetcher: it uses a plain client
// that stops at the redirect.
func authorize(authURL string) (code, state string, err error) {
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(authURL)
	if err != nil {
		return "", "", err
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		return "", "", fmt.Errorf("authorization: status %d, no redirect", resp.StatusCode)
	}
	return loc.Query().Get("code"), loc.Query().Get("state"), nil
}
