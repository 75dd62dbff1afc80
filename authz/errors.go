package authz

import (
	"errors"
	"fmt"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// ErrNoCredentials is returned by [Parse] and [ParseLines] when the request
// has no Authorization (or Proxy-Authorization) field: a server answers 401
// with a challenge, not 400.
var ErrNoCredentials = errors.New("authz: no Authorization field")

// The fixed messages of the typed readers and builders. None of them holds
// a byte of the credentials.
var (
	errScheme         = errors.New("authz: credentials of another auth-scheme")
	errBasicUserID    = errors.New("authz: Basic user-id holds a colon")
	errBasicControl   = errors.New("authz: Basic user-id or password holds a control character")
	errBasicUTF8      = errors.New("authz: Basic user-id or password is not valid UTF-8")
	errBasicMalformed = errors.New("authz: malformed Basic credentials")
	errBearerToken    = errors.New("authz: Bearer token is not a b64token")
	errDPoPToken      = errors.New("authz: DPoP token is not a b64token")
)

// syntaxError returns the module's error for a cause at offset of line.
func syntaxError(line, offset int, cause error) error {
	return &httpauth.SyntaxError{Line: line, Offset: offset, Err: cause}
}

func tooLarge(offset int, format string, limit int) error {
	return syntaxError(1, offset, fmt.Errorf("%w: "+format, httpauth.ErrTooLarge, limit))
}

// formatError returns the module's error for a serialization error.
func formatError(param int, cause error) error {
	return &httpauth.FormatError{Param: param, Err: cause}
}

// recoveries returns what lx recovered from, as the module's type.
func recoveries(lx *grammar.Lexer) []httpauth.Recovery {
	return grammar.Recoveries[httpauth.Recovery](lx)
}
