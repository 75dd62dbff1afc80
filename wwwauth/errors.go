package wwwauth

import (
	"errors"
	"strconv"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// The causes of a [*SyntaxError], for use with [errors.Is]. Package authz
// exports the same values under the same names.
var (
	// ErrExpectedScheme: a list element does not start with a token.
	ErrExpectedScheme = grammar.ErrExpectedScheme
	// ErrExpectedSP: the auth-scheme is followed by something other than
	// SP, a comma or the end (HTAB included: RFC 9110 asks for 1*SP).
	ErrExpectedSP = grammar.ErrExpectedSP
	// ErrExpectedAuthParam: after "auth-scheme SP" comes neither a token68
	// nor an auth-param.
	ErrExpectedAuthParam = grammar.ErrExpectedAuthParam
	// ErrExpectedParam: an auth-param was expected (Authentication-Info).
	ErrExpectedParam = grammar.ErrExpectedParam
	// ErrExpectedEquals: a parameter name is not followed by "=".
	ErrExpectedEquals = grammar.ErrExpectedEquals
	// ErrExpectedValue: "=" is not followed by a token or a quoted-string.
	ErrExpectedValue = grammar.ErrExpectedValue
	// ErrExpectedComma: an element is followed by something other than a
	// comma or the end of the field.
	ErrExpectedComma = grammar.ErrExpectedComma
	// ErrStrayParam: an auth-param where only a new challenge may start,
	// as in `Bearer, error="invalid_token"` (no SP after the scheme) or
	// after a token68.
	ErrStrayParam = grammar.ErrStrayParam
	// ErrUnterminatedQuote: a quoted-string has no closing DQUOTE.
	ErrUnterminatedQuote = grammar.ErrUnterminatedQuote
	// ErrQuotedByte: a quoted-string holds a control character or DEL, or
	// a backslash escapes one.
	ErrQuotedByte = grammar.ErrQuotedByte
	// ErrDuplicateParam: a parameter name occurs twice in one challenge,
	// compared case-insensitively (RFC 9110, Section 11.2).
	ErrDuplicateParam = grammar.ErrDuplicateParam
	// ErrTooLarge: the input exceeds a limit of the [Parser].
	ErrTooLarge = grammar.ErrTooLarge
	// ErrExtValue: an RFC 8187 ext-value cannot be decoded.
	ErrExtValue = grammar.ErrExtValue
)

// The causes of serialization errors, for use with [errors.Is].
var (
	ErrInvalidScheme     = grammar.ErrInvalidScheme     // the scheme is empty or not a token
	ErrInvalidName       = grammar.ErrInvalidName       // a parameter name is empty or not a token
	ErrInvalidValue      = grammar.ErrInvalidValue      // a value holds CR, LF, NUL, another CTL or DEL
	ErrInvalidToken68    = grammar.ErrInvalidToken68    // the token68 does not match its grammar
	ErrToken68WithParams = grammar.ErrToken68WithParams // a challenge has both a token68 and parameters
)

// A SyntaxError reports where a field value breaks the grammar of
// RFC 9110, Section 11, or exceeds a [Parser] limit.
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
	return grammar.PositionMessage("wwwauth", e.Line, e.Offset, e.Err)
}

// Unwrap returns the cause.
func (e *SyntaxError) Unwrap() error { return e.Err }

// A Recovery is a place where a lenient [Parser] accepted input that strict
// parsing rejects.
type Recovery struct {
	Line, Offset int    // as in [SyntaxError]
	Err          error  // what strict parsing would have reported there
	Assumed      string // what the input was taken to mean
}

// String returns "line L, offset O: cause (assumed)".
func (r Recovery) String() string { return grammar.Recovery(r).String() }

// A RecoveryError is returned by a lenient [Parser] together with the
// challenges it recovered. It lists the recoveries in input order: the
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
	return grammar.RecoveryMessage("wwwauth", e.Recoveries, e.Omitted)
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

// A FormatError says why a value cannot be serialized. It never quotes the
// value.
type FormatError struct {
	// Challenge is the index of the offending challenge in a list (0 for a
	// single challenge); Param the index of the offending parameter, or -1
	// when the scheme or the token68 is at fault. For a typed model
	// (Bearer, DPoP, Basic, Digest) Param is the index the bad parameter
	// would have had in the challenge.
	Challenge, Param int
	// Err is one of ErrInvalidScheme, ErrInvalidName, ErrInvalidValue,
	// ErrInvalidToken68, ErrToken68WithParams, ErrDuplicateParam, or an
	// error from a typed model's validation.
	Err error
}

func (e *FormatError) Error() string {
	s := "wwwauth: cannot serialize challenge " + strconv.Itoa(e.Challenge)
	if e.Param >= 0 {
		s += ", parameter " + strconv.Itoa(e.Param)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FormatError) Unwrap() error { return e.Err }

func formatError(challenge int, e *grammar.FormatError) error {
	return &FormatError{Challenge: challenge, Param: e.Param, Err: e.Err}
}

var (
	errNotOne       = errors.New("want exactly one challenge")
	errNoParams     = errors.New("no parameters")
	errNoChallenges = errors.New("no challenges: a 401 response must carry at least one (RFC 9110, Section 11.6.1)")
)
