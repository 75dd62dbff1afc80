package wwwauth_test

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A client reads the challenges of a 401 response and picks the one it can
// answer.
func ExampleParse() {
	h := http.Header{}
	h.Add("WWW-Authenticate", `Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`)

	cs, err := wwwauth.Parse(h)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		realm, _ := c.Param("realm")
		fmt.Printf("%s realm=%q\n", c.Scheme, realm)
	}
	title, _ := cs[0].Param("title")
	fmt.Println(title)
	// Output:
	// Newauth realm="apps"
	// Basic realm="simple"
	// Login to "apps"
}

// Strict parsing names the line, the byte offset and what was expected.
func ExampleParseString_error() {
	_, err := wwwauth.ParseString(`Bearer realm="example`)
	fmt.Println(err)
	fmt.Println(errors.Is(err, grammar.ErrUnterminatedQuote))
	// Output:
	// httpauth: line 1, offset 13: unterminated quoted-string
	// true
}

// A lenient Parser reads what real servers send, and says what it had to
// assume.
func ExampleParser_lenient() {
	p := wwwauth.Parser{
		Lenient: true,
		Recovered: func(rs []httpauth.Recovery, omitted int) {
			for _, r := range rs {
				fmt.Println("recovered:", r)
			}
		},
	}
	cs, err := p.ParseString(`Bearer, error="invalid_token" authorization_uri=https://login.example/authorize`)
	if err != nil {
		fmt.Println(err) // only a limit exceeded gets here
		return
	}
	for _, c := range cs {
		fmt.Println(c)
	}
	// Output:
	// recovered: line 1, offset 8: expected auth-scheme, found auth-param (took the auth-param as one of the preceding auth-scheme's)
	// recovered: line 1, offset 30: expected ',' or end of field (assumed a ',' before it)
	// recovered: line 1, offset 53: expected ',' or end of field (took the unquoted value up to the next ',' or whitespace)
	// Bearer error="invalid_token", authorization_uri="https://login.example/authorize"
}

// A server writes a challenge. Values are quoted and escaped as needed, and
// anything that could inject a header is refused.
func ExampleSet() {
	h := http.Header{}
	err := wwwauth.Set(h, wwwauth.Challenge{
		Scheme: "Bearer",
		Params: []wwwauth.Param{
			{Name: "resource_metadata", Value: "https://api.example.com/.well-known/oauth-protected-resource/mcp"},
		},
	})
	fmt.Println(h.Get("WWW-Authenticate"), err)

	err = wwwauth.Set(h, wwwauth.Challenge{
		Scheme: "Bearer",
		Params: []wwwauth.Param{{Name: "error_description", Value: "bad\r\nSet-Cookie: x=y"}},
	})
	fmt.Println(err)
	// Output:
	// Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp" <nil>
	// httpauth: cannot serialize element 0, parameter 0: parameter value holds a control character
}

// Set writes one challenge per field line, which every client reads.
func ExampleSet_lines() {
	h := http.Header{}
	_ = wwwauth.Set(h,
		wwwauth.Challenge{Scheme: "Negotiate"},
		wwwauth.Challenge{Scheme: "Basic", Params: []wwwauth.Param{{Name: "realm", Value: "intranet"}, {Name: "charset", Value: "UTF-8"}}},
	)
	for _, v := range h.Values("WWW-Authenticate") {
		fmt.Println(v)
	}
	// Output:
	// Negotiate
	// Basic realm="intranet", charset=UTF-8
}

// Param prefers an RFC 8187 ext-value to the plain parameter.
func ExampleChallenge_Param() {
	cs, _ := wwwauth.ParseString(`Newauth title*=UTF-8''%e2%82%ac%20rates, title="EUR rates"`)
	title, _ := cs[0].Param("title")
	fmt.Println(title)
	// Output: € rates
}

func ExampleParseInfo() {
	params, err := wwwauth.ParseInfo([]string{`nextnonce="7ypf/xlj9XXwfDPEoM4URrv", qop=auth, rspauth="d3b0"`})
	fmt.Println(params, err)
	// Output: [{nextnonce 7ypf/xlj9XXwfDPEoM4URrv} {qop auth} {rspauth d3b0}] <nil>
}
