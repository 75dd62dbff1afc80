package wwwauth

import (
	"errors"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// ErrNoResourceMetadata is returned by [Response.ResourceMetadata] when no
// Bearer or DPoP challenge has a resource_metadata parameter. An MCP client
// then falls back to the well-known URL of the resource (RFC 9728,
// Section 3.1).
var ErrNoResourceMetadata = errors.New("wwwauth: no resource_metadata parameter")

var (
	errScheme            = errors.New("wwwauth: challenge of another auth-scheme")
	errUnexpectedToken68 = errors.New("wwwauth: token68 in a challenge whose scheme takes auth-params")
	errNotOne            = errors.New("want exactly one challenge")
	errNoParams          = errors.New("no parameters")
	errNoChallenges      = errors.New("no challenges: a 401 response must carry at least one (RFC 9110, Section 11.6.1)")
	errNilResponse       = errors.New("wwwauth: nil *http.Response")
	errBearerNoParams    = errors.New("wwwauth: Bearer challenge without parameters (RFC 6750, Section 3 requires one)")
)

// syntaxError returns the lexer's error as the module's.
func syntaxError(e *grammar.Error) error {
	return &httpauth.SyntaxError{Line: e.Line, Offset: e.Offset, Err: e.Err}
}

func formatError(index int, e *grammar.FormatError) error {
	return &httpauth.FormatError{Index: index, Param: e.Param, Err: e.Err}
}

// report hands the recoveries of lx to recovered, if both are there.
func report(recovered func([]httpauth.Recovery, int), lx *grammar.Lexer) {
	if recovered != nil && len(lx.Recoveries) > 0 {
		recovered(grammar.Recoveries[httpauth.Recovery](lx), lx.Omitted)
	}
}
