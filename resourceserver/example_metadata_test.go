package resourceserver_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

func ExampleMetadataURL() {
	for _, resource := range []string{
		"https://api.example.com/mcp",
		"https://api.example.com",
		"http://api.example.com/mcp",
	} {
		u, err := resourceserver.MetadataURL(resource)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(u)
	}
	// Output:
	// https://api.example.com/.well-known/oauth-protected-resource/mcp
	// https://api.example.com/.well-known/oauth-protected-resource
	// resourceserver: invalid resource identifier: it is neither https nor http on a loopback host
}

// An MCP client's discovery: request the resource, read the challenge,
// fetch the metadata it points to (or the well-known URL), and check that
// the metadata is about the resource requested.
func ExampleFetch() {
	// A server for the example; on loopback, so http is allowed.
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resource := srv.URL + "/mcp"
	metadataURL, _ := resourceserver.MetadataURL(resource)
	path, _ := resourceserver.MetadataPath(resource)
	h, _ := resourceserver.NewHandler(resourceserver.Metadata{
		Resource:             resource,
		AuthorizationServers: []string{"https://auth.example.com"},
		ScopesSupported:      []string{"mcp:tools"},
	})
	mux.Handle(path, h)
	mux.HandleFunc("/mcp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+metadataURL+`"`)
		w.WriteHeader(http.StatusUnauthorized)
	})

	// The client.
	resp, err := http.Get(resource)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	ch, err := wwwauth.ParseResponse(resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	u, err := ch.ResourceMetadata()
	if errors.Is(err, wwwauth.ErrNoResourceMetadata) {
		u, err = resourceserver.MetadataURL(resource)
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	md, err := resourceserver.Fetch(context.Background(), nil, u, resource)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, md.AuthorizationServers, md.ScopesSupported)

	// A document about another resource is refused.
	_, err = resourceserver.Fetch(context.Background(), nil, u, srv.URL+"/other")
	fmt.Println(errors.Is(err, resourceserver.ErrResourceMismatch))
	// Output:
	// 401 [https://auth.example.com] [mcp:tools]
	// true
}
