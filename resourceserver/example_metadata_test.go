package resourceserver_test

import (
	"fmt"

	"github.com/httpauth-go/httpauth/resourceserver"
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
