package grammar

import (
	"errors"
	"strconv"
	"strings"
)

// The causes of syntax errors. The public packages export them under the
// same names, so errors.Is works whichever package a caller imports. The
// messages are fixed: golden files pin them, and none of them quotes input.
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
// what the lenient parse took the input to mean. The public packages'
// Recovery types have the same fields, so that they convert to and from it.
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

// PositionMessage returns the message of package pkg's syntax error at
// offset of line: "pkg: line L, offset O: cause".
func PositionMessage(pkg string, line, offset int, cause error) string {
	return pkg + ": line " + strconv.Itoa(line) + ", offset " + strconv.Itoa(offset) + ": " + cause.Error()
}

// recoveryShape is the shape of the Recovery types.
type recoveryShape = struct {
	Line    int
	Offset  int
	Err     error
	Assumed string
}

// maxListed is how many recoveries RecoveryMessage spells out.
const maxListed = 8

// RecoveryMessage returns the message of package pkg's RecoveryError:
// the number of recoveries, the first few, and how many more there were.
func RecoveryMessage[R ~recoveryShape](pkg string, rs []R, omitted int) string {
	var b strings.Builder
	n := len(rs) + omitted
	b.WriteString(pkg)
	b.WriteString(": recovered from ")
	b.WriteString(strconv.Itoa(n))
	if n == 1 {
		b.WriteString(" syntax error: ")
	} else {
		b.WriteString(" syntax errors: ")
	}
	for i, r := range rs[:min(len(rs), maxListed)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(Recovery(r).String())
	}
	if more := n - min(len(rs), maxListed); more > 0 {
		b.WriteString("; and ")
		b.WriteString(strconv.Itoa(more))
		b.WriteString(" more")
	}
	return b.String()
}

// Causes returns the cause of each recovery.
func Causes[R ~recoveryShape](rs []R) []error {
	errs := make([]error, len(rs))
	for i, r := range rs {
		errs[i] = Recovery(r).Err
	}
	return errs
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
