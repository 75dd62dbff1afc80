package authz

import (
	"errors"
	"strconv"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// The causes of a [*SyntaxError], for use with [errors.Is]. They are the
// same values as package wwwauth's errors of the same names.
var (
	ErrExpectedScheme      = wwwauth.ErrExpectedScheme
	ErrExpectedSP          = wwwauth.ErrExpectedSP
	ErrExpectedAuthParam   = wwwauth.ErrExpectedAuthParam
	ErrExpectedParam       = wwwauth.ErrExpectedParam
	ErrExpectedValue       = wwwauth.ErrExpectedValue
	ErrExpectedComma       = wwwauth.ErrExpectedComma
	ErrStrayParam          = wwwauth.ErrStrayParam
	ErrUnterminatedQuote   = wwwauth.ErrUnterminatedQuote
	ErrQuotedByte          = wwwauth.ErrQuotedByte
	ErrDuplicateParam      = wwwauth.ErrDuplicateParam
	ErrTooLarge            = wwwauth.ErrTooLarge
	ErrExtValue            = wwwauth.ErrExtValue
	ErrInvalidScheme       = wwwauth.ErrInvalidScheme
	ErrInvalidName         = wwwauth.ErrInvalidName
	ErrInvalidValue        = wwwauth.ErrInvalidValue
	ErrInvalidToken68      = wwwauth.ErrInvalidToken68
	ErrToken68WithParams   = wwwauth.ErrToken68WithParams
	ErrExpectedEnd         = grammar.ErrExpectedEnd         // something follows a token68 or a bare auth-scheme
	ErrMultipleCredentials = grammar.ErrMultipleCredentials // a second credentials, in the value or on a second line
)

// ErrNoCredentials is returned by [Parse] when the request has no
// Authorization field.
var ErrNoCredentials = errors.New("authz: no Authorization field")

// A SyntaxError reports where a field value breaks the grammar of
// RFC 9110, Section 11.4, or exceeds a [Parser] limit. It never holds any
// byte of the value.
type SyntaxError struct {
	// Line is the 1-based index of the field line, Offset the 0-based
	// byte offset in that line where parsing stopped (0 <= Offset <=
	// len(line)).
	Line, Offset int
	// Err is the cause: one of the Err variables of this package, or an
	// error wrapping ErrTooLarge.
	Err error
}

func (e *SyntaxError) Error() string {
	return grammar.PositionMessage("authz", e.Line, e.Offset, e.Err)
}

// Unwrap returns the cause.
func (e *SyntaxError) Unwrap() error { return e.Err }

// A Recovery is a place where a lenient [Parser] accepted input that strict
// parsing rejects. It holds no byte of the value.
type Recovery struct {
	Line, Offset int    // as in [SyntaxError]
	Err          error  // what strict parsing would have reported there
	Assumed      string // what the input was taken to mean
}

// String returns "line L, offset O: cause (assumed)".
func (r Recovery) String() string { return grammar.Recovery(r).String() }

// A RecoveryError is returned by a lenient [Parser] together with the
// credentials it recovered. It lists the recoveries in input order: the
// first MaxRecoveries in full, and how many more there were, so that hostile
// input (which can hold one every two bytes) cannot make the list cost more
// memory than the input itself.
type RecoveryError struct {
	Recoveries []Recovery
	Omitted    int // recoveries after the first MaxRecoveries, not listed
}

// MaxRecoveries is how many recoveries a [RecoveryError] lists.
const MaxRecoveries = grammar.MaxRecoveries

func (e *RecoveryError) Error() string {
	return grammar.RecoveryMessage("authz", e.Recoveries, e.Omitted)
}

// recoveryError returns the recoveries of lx as a *RecoveryError, or nil if
// there were none.
func recoveryError(lx *grammar.Lexer) error {
	if len(lx.Recoveries) == 0 {
		return nil
	}
	return &RecoveryError{Recoveries: grammar.Recoveries[Recovery](lx), Omitted: lx.Omitted}
}

// Unwrap returns the cause of each listed recovery, so that errors.Is can
// ask whether a given recovery happened.
func (e *RecoveryError) Unwrap() []error { return grammar.Causes(e.Recoveries) }

// A FormatError says why credentials cannot be serialized or built. It
// never holds any byte of them.
type FormatError struct {
	// Param is the index of the offending parameter, or -1 when the
	// scheme, the token68 or a typed model's field is at fault.
	Param int
	// Err is the cause: ErrInvalidScheme, ErrInvalidName, ErrInvalidValue,
	// ErrInvalidToken68, ErrToken68WithParams, ErrDuplicateParam, or one
	// of the errors of the typed models.
	Err error
}

func (e *FormatError) Error() string {
	s := "authz: cannot serialize credentials"
	if e.Param >= 0 {
		s += ", parameter " + strconv.Itoa(e.Param)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FormatError) Unwrap() error { return e.Err }
