package grammar

import (
	"errors"
	"strconv"
)

// The causes of syntax errors. The root package exports ErrDuplicateParam
// and ErrTooLarge, which callers act on; the others are fixed messages that
// name what was expected, which golden files pin. None quotes input.
var (
	ErrExpectedScheme      = errors.New("expected auth-scheme")
	ErrExpectedSP          = errors.New("expected SP after auth-scheme")
	ErrExpectedAuthParam   = errors.New("expected token68 or auth-param")
	ErrExpectedParam       = errors.New("expected auth-param")
	ErrExpectedEquals      = errors.New("expected '=' after parameter name")
	ErrExpectedValue       = errors.New("expected token or quoted-string after '='")
	ErrExpectedComma       = errors.New("expected ',' or end of field")
	ErrExpectedEnd         = errors.New("expected end of field")
	ErrStrayParam          = errors.New("expected auth-scheme, found auth-param")
	ErrUnterminatedQuote   = errors.New("unterminated quoted-string")
	ErrQuotedByte          = errors.New("invalid byte in quoted-string")
	ErrDuplicateParam      = errors.New("duplicate parameter")
	ErrMultipleCredentials = errors.New("more than one credentials")
	ErrTooLarge            = errors.New("field too large")

	// ErrObsFold is the cause of the recovery a lenient Lexer reports
	// where it replaced an obs-fold with SP. Strict parsing never returns
	// it: it rejects the CR or LF with the error of the place it is in.
	ErrObsFold = errors.New("obs-fold in field value")
)

// An Error is a syntax error at a byte offset of one field line.
type Error struct {
	Line   int // 1-based
	Offset int
	Err    error
}

func (e *Error) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// A Recovery is a place where a lenient parse accepted input that a strict
// parse rejects: Err is what the strict parse would have said, and Assumed
// what the lenient parse took the input to mean. httpauth.Recovery has the
// same fields, so that the two convert to each other.
type Recovery struct {
	Line    int // 1-based
	Offset  int
	Err     error
	Assumed string
}

// String returns "line L, offset O: cause (assumed)".
func (r Recovery) String() string {
	return "line " + strconv.Itoa(r.Line) + ", offset " + strconv.Itoa(r.Offset) + ": " + r.Err.Error() + " (" + r.Assumed + ")"
}

// recoveryShape is the shape of httpauth.Recovery, which Recoveries
// converts to.
type recoveryShape = struct {
	Line    int
	Offset  int
	Err     error
	Assumed string
}

// Recoveries returns the recoveries lx recorded as a package's type, or nil.
func Recoveries[R ~recoveryShape](lx *Lexer) []R {
	if len(lx.Recoveries) == 0 {
		return nil
	}
	rs := make([]R, len(lx.Recoveries))
	for i, r := range lx.Recoveries {
		rs[i] = R(r)
	}
	return rs
}

// The causes of serialization errors.
var (
	ErrInvalidScheme     = errors.New("auth-scheme is not a token")
	ErrInvalidName       = errors.New("parameter name is not a token")
	ErrInvalidValue      = errors.New("parameter value holds a control character")
	ErrInvalidToken68    = errors.New("invalid token68")
	ErrToken68WithParams = errors.New("token68 together with parameters")
)
