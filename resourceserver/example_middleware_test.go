package resourceserver_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// An MCP server protects /mcp with bearer tokens and serves its RFC 9728
// metadata. The verifier is a stand-in for JWT validation or token
// introspection. The code between the markers is the README's, verbatim.
func ExampleRequireBearer() {
	// README: server
	const resource = "https://api.example.com/mcp"
	metadataURL, err := resourceserver.MetadataURL(resource) // .../.well-known/oauth-protected-resource/mcp
	if err != nil {
		log.Fatal(err)
	}
	metadataPath, err := resourceserver.MetadataPath(resource)
	if err != nil {
		log.Fatal(err)
	}
	metadata, err := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:             resource,
		AuthorizationServers: []string{"https://auth.example.com"},
		ScopesSupported:      []string{"files:read"},
	})
	if err != nil {
		log.Fatal(err)
	}
	verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		// A stand-in: check the token's signature (or introspect it), its
		// expiry, and that it was issued for this resource.
		switch token {
		case "token-for-files-read":
			return resourceserver.TokenInfo{Subject: "alice", Scopes: []string{"files:read"}}, nil
		case "token-without-scopes":
			return resourceserver.TokenInfo{Subject: "bob"}, nil
		}
		return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
	}
	protect := resourceserver.RequireBearer(verify, resourceserver.Options{
		ResourceMetadata: metadataURL,
		Scopes:           []string{"files:read"},
	})
	mcpHandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, _ := resourceserver.TokenInfoFrom(r.Context())
		fmt.Fprintln(w, "hello", info.Subject)
	})
	mux := http.NewServeMux()
	mux.Handle(metadataPath, metadata) // no method in the pattern: the handler answers CORS preflights too
	mux.Handle("/mcp", protect(mcpHandler))
	// README: end

	for _, auth := range []string{"", "Bearer", "Bearer forged-token", "Bearer token-without-scopes", "Bearer token-for-files-read"} {
		req := httptest.NewRequest("GET", resource, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if challenge := rec.Header().Get("WWW-Authenticate"); challenge != "" {
			fmt.Println(rec.Code, challenge)
		} else {
			fmt.Print(rec.Code, " ", rec.Body.String())
		}
	}
	// Output:
	// 401 Bearer scope="files:read", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp"
	// 400 Bearer scope="files:read", error="invalid_request", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp"
	// 401 Bearer scope="files:read", error="invalid_token", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp"
	// 403 Bearer scope="files:read", error="insufficient_scope", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp"
	// 200 hello alice
}

// A browser-based MCP client calls from another origin: a CORS layer
// outside RequireBearer answers the preflight and allows the origin, and
// RequireBearer lists WWW-Authenticate among the exposed headers of its
// 401, so that the client's script can read the challenge. The code
// between the markers is the README's, verbatim.
func ExampleRequireBearer_cors() {
	const resource = "https://api.example.com/mcp"
	metadataURL, err := resourceserver.MetadataURL(resource)
	if err != nil {
		log.Fatal(err)
	}
	metadataPath, err := resourceserver.MetadataPath(resource)
	if err != nil {
		log.Fatal(err)
	}
	metadata, err := resourceserver.NewHandler(resourceserver.Metadata{Resource: resource, AuthorizationServers: []string{"https://auth.example.com"}})
	if err != nil {
		log.Fatal(err)
	}
	verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
	}
	protect := resourceserver.RequireBearer(verify, resourceserver.Options{ResourceMetadata: metadataURL})
	mcpHandler := http.NotFoundHandler()

	// README: cors
	// A minimal CORS layer for one trusted origin; a CORS package does
	// the same with more options.
	cors := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Add("Vary", "Origin")
			if r.Header.Get("Origin") == "https://app.example.com" {
				h.Set("Access-Control-Allow-Origin", "https://app.example.com")
				h.Set("Access-Control-Expose-Headers", "Mcp-Session-Id")
				if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
					h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
					h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, DPoP, Mcp-Session-Id, Mcp-Protocol-Version")
					w.WriteHeader(http.StatusNoContent)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	mux := http.NewServeMux()
	mux.Handle(metadataPath, metadata)
	mux.Handle("/mcp", cors(protect(mcpHandler)))
	// README: end

	for _, method := range []string{"OPTIONS", "POST"} {
		req := httptest.NewRequest(method, resource, nil)
		req.Header.Set("Origin", "https://app.example.com")
		if method == "OPTIONS" {
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		fmt.Println(method, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
		fmt.Println("  expose:", rec.Header().Values("Access-Control-Expose-Headers"))
		fmt.Printf("  challenge: %q\n", rec.Header().Get("WWW-Authenticate"))
	}
	// Output:
	// OPTIONS 204 https://app.example.com
	//   expose: [Mcp-Session-Id]
	//   challenge: ""
	// POST 401 https://app.example.com
	//   expose: [Mcp-Session-Id, WWW-Authenticate]
	//   challenge: "Bearer resource_metadata=\"https://api.example.com/.well-known/oauth-protected-resource/mcp\""
}
