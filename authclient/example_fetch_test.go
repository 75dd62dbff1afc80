package authclient_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/httpauth-go/httpauth/authclient"
)

// A client for URLs a server named refuses, before sending anything, what
// would reach the network behind the client: here the cloud metadata
// service, a private address, loopback in disguise, and a scheme other
// than https. A host name is checked on the address it resolves to, when
// connecting.
func ExampleNewClient() {
	client := authclient.NewClient(authclient.ClientOptions{})
	for _, u := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"https://10.0.0.1/.well-known/oauth-protected-resource",
		"https://[::ffff:127.0.0.1]/admin",
		"ftp://files.example.com/",
	} {
		resp, err := client.Get(u)
		if err == nil {
			resp.Body.Close()
		}
		fmt.Println(errors.Is(err, authclient.ErrRefused), err)
	}

	// In development, a server on this machine, over plain http.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	dev := authclient.NewClient(authclient.ClientOptions{AllowLoopback: true})
	resp, err := dev.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
	// Output:
	// true Get "http://169.254.169.254/latest/meta-data/": authclient: refused: scheme is neither https nor http on a loopback host
	// true Get "https://10.0.0.1/.well-known/oauth-protected-resource": authclient: refused: private address (RFC 1918, RFC 4193)
	// true Get "https://[::ffff:127.0.0.1]/admin": authclient: refused: loopback address, and loopback is not allowed
	// true Get "ftp://files.example.com/": authclient: refused: scheme is neither https nor http on a loopback host
	// 200 OK
}
