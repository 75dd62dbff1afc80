package wwwauth_test

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// A protected resource asks for more scopes: the 403 of MCP's step-up
// authorization.
func ExampleBearer_Challenge() {
	b := wwwauth.Bearer{
		Scope:            []string{"files:read", "files:write"},
		Error:            wwwauth.CodeInsufficientScope,
		ResourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
	}
	c, err := b.Challenge()
	if err != nil {
		fmt.Println(err)
		return
	}
	h := http.Header{}
	if err := wwwauth.Set(h, c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Error.Status())
	fmt.Println(h.Get("WWW-Authenticate"))

	// A value RFC 6750 does not allow is refused, not sent.
	b.Scope = []string{"files read"}
	_, err = b.Challenge()
	fmt.Println(err)
	// Output:
	// 403
	// Bearer scope="files:read files:write", error="insufficient_scope", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
	// httpauth: cannot serialize element 0, parameter 0: httpauth: Bearer parameter scope: is not a space-separated list of values made of %x21 / %x23-5B / %x5D-7E
}

// A client reads what a 401 asks of it.
func ExampleParseResponse() {
	resp := &http.Response{
		StatusCode: http.StatusUnauthorized,
		Header: http.Header{"Www-Authenticate": {
			// Real servers are sloppy: no comma between the parameters.
			`Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp" scope="files:read"`,
		}},
	}
	r, err := wwwauth.ParseResponse(resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rec := range r.Recoveries {
		fmt.Println("recovered:", rec)
	}
	u, err := r.ResourceMetadata()
	if errors.Is(err, wwwauth.ErrNoResourceMetadata) {
		// Derive the well-known URL with resourceserver.MetadataURL instead.
		fmt.Println("no resource_metadata")
	} else if err != nil {
		fmt.Println(err)
		return
	}
	scope, _ := r.Scope()
	code, _ := r.ErrorCode()
	fmt.Println(u)
	fmt.Println(scope)
	fmt.Printf("error %q\n", code)
	// Output:
	// recovered: line 1, offset 92: expected ',' or end of field (assumed a ',' before it)
	// https://mcp.example.com/.well-known/oauth-protected-resource/mcp
	// [files:read]
	// error ""
}

// A client that supports DPoP picks the algorithm from the challenge.
func ExampleParseDPoP() {
	cs, err := wwwauth.ParseString(`Bearer realm="api", DPoP realm="api", algs="ES256 PS256"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range wwwauth.Find(cs, "DPoP") {
		d, err := wwwauth.ParseDPoP(c)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d.Realm, d.Algs)
	}
	// Output:
	// api [ES256 PS256]
}

// A Digest challenge with RFC 7616's quoting: realm, nonce, opaque and qop
// quoted, algorithm and stale never.
func ExampleDigest_Challenge() {
	d := wwwauth.Digest{
		Realm:     "http-auth@example.org",
		Nonce:     "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
		Opaque:    "FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU",
		Stale:     true,
		Algorithm: "SHA-256",
		QOP:       []string{"auth", "auth-int"},
	}
	c, err := d.Challenge()
	if err != nil {
		panic(err)
	}
	fmt.Println(c)
	// Output:
	// Digest realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU", stale=true, algorithm=SHA-256, qop="auth, auth-int"
}
