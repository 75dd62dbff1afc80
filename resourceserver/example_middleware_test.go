package resourceserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
)

// An MCP server protects /mcp with bearer tokens and serves its RFC 9728
// metadata. The verifier here is a stand-in for JWT validation or token
// introspection.
func ExampleRequireBearer() {
	const resource = "https://mcp.example.com/mcp"
	metadataURL, _ := resourceserver.MetadataURL(resource)
	metadataPath, _ := resourceserver.MetadataPath(resource)

	verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		switch token {
		case "read-only-token":
			return resourceserver.TokenInfo{Subject: "alice", Scopes: []string{"mcp:read"}}, nil
		case "full-token":
			return resourceserver.TokenInfo{Subject: "alice", Scopes: []string{"mcp:read", "mcp:write"}}, nil
		}
		return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: "The access token is not valid for this resource"}
	}
	require := resourceserver.RequireBearer(verify, resourceserver.Options{
		ResourceMetadata: metadataURL,
		Scopes:           []string{"mcp:read", "mcp:write"},
	})

	mux := http.NewServeMux()
	metadata, err := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:             resource,
		AuthorizationServers: []string{"https://auth.example.com"},
		ScopesSupported:      []string{"mcp:read", "mcp:write"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux.Handle("GET "+metadataPath, metadata)
	mux.Handle("/mcp", require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, _ := resourceserver.TokenInfoFrom(r.Context())
		fmt.Fprintf(w, "hello %s", info.Subject)
	})))

	for _, auth := range []string{"", "Bearer", "Bearer forged-token", "Bearer read-only-token", "Bearer full-token"} {
		req := httptest.NewRequest("GET", resource, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		fmt.Println(rec.Code, rec.Header().Get("WWW-Authenticate"))
	}
	// Output:
	// 401 Bearer scope="mcp:read mcp:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	// 400 Bearer scope="mcp:read mcp:write", error="invalid_request", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	// 401 Bearer scope="mcp:read mcp:write", error="invalid_token", error_description="The access token is not valid for this resource", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	// 403 Bearer scope="mcp:read mcp:write", error="insufficient_scope", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	// 200
}

// A Digest response with a user name that is not ASCII goes in username*.
func ExampleDigest_Credentials() {
	d := authz.Digest{
		Username:  "Jäsøn Doe",
		Realm:     "api@example.org",
		URI:       "/doe.json",
		Algorithm: "SHA-512-256",
		Nonce:     "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
		NC:        1,
		CNonce:    "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
		QOP:       "auth",
		Response:  "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd",
	}
	c, err := d.Credentials()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.String()) // the secret: for the header, not for logs
	fmt.Println(c)          // fmt prints it redacted
	// Output:
	// Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="api@example.org", uri="/doe.json", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", nc=00000001, cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", qop=auth, response="ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd"
	// Digest username*=[redacted], realm="api@example.org", uri=[redacted], algorithm=SHA-512-256, nonce=[redacted], nc=[redacted], cnonce=[redacted], qop=auth, response=[redacted]
}

// A server that checks a static Basic password compares in constant time.
func ExampleCheckBasic() {
	req := httptest.NewRequest("GET", "/", nil)
	req.SetBasicAuth("admin", "correct horse battery staple")
	c, err := authz.Parse(req.Header)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(authz.CheckBasic(c, "admin", "correct horse battery staple"))
	fmt.Println(authz.CheckBasic(c, "admin", "correct horse battery stapl"))
	// Output:
	// true
	// false
}
