package httpauth

import (
	"strconv"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// The causes callers act on, for use with [errors.Is]. Every other cause of
// a [*SyntaxError] is a fixed message that names what was expected, as
// encoding/json/jsontext does: a program has nothing to do with it but show
// it.
var (
	// ErrTooLarge: the input exceeds a limit of a Parser (its length, or
	// its number of challenges or parameters). It is the one error a
	// lenient parse returns.
	ErrTooLarge = grammar.ErrTooLarge

	// ErrDuplicateParam: a parameter name occurs twice in one challenge or
	// credentials, compared case-insensitively. RFC 9110, Section 11.2
	// says each name must occur once; a lenient parse keeps the first.
	// Serializing refuses a duplicate too.
	ErrDuplicateParam = grammar.ErrDuplicateParam
)

// A SyntaxError reports where a field value breaks the grammar of
// [RFC 9110, Section 11], or exceeds a Parser limit. Every parser of the
// module returns it: one errors.As finds it whichever package parsed. It
// never holds a byte of the input, so it is safe to log even for
// credentials.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
type SyntaxError struct {
	// Line is the 1-based index of the field line, Offset the 0-based
	// byte offset in that line where parsing stopped (0 <= Offset <=
	// len(line)).
	Line, Offset int
	// Err is the cause: a fixed message naming what was expected there,
	// [ErrDuplicateParam], or an error wrapping [ErrTooLarge].
	Err error
}

// Error returns "httpauth: line L, offset O: cause".
func (e *SyntaxError) Error() string {
	return "httpauth: line " + strconv.Itoa(e.Line) + ", offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *SyntaxError) Unwrap() error { return e.Err }

// A Recovery is a place where a lenient Parser accepted input that strict
// parsing rejects. It holds no byte of the input.
type Recovery struct {
	Line, Offset int    // as in [SyntaxError]
	Err          error  // what strict parsing would have reported there
	Assumed      string // what the input was taken to mean, a fixed text
}

// String returns "line L, offset O: cause (assumed)".
func (r Recovery) String() string { return grammar.Recovery(r).String() }

// A FormatError says why a value cannot be serialized. It never holds a
// byte of the value.
type FormatError struct {
	// Index is the index of the offending element in a list of
	// challenges (0 for a single challenge, credentials or parameter
	// list); Param the index of the offending parameter, or -1 when the
	// scheme, the token68 or the list as a whole is at fault. For a typed
	// model (wwwauth.Bearer, authz.Digest…) Param is the index the bad
	// parameter would have had.
	Index, Param int
	// Err is the cause: a fixed message, [ErrDuplicateParam], or a
	// [*ParamError] from a typed model.
	Err error
}

// Error returns "httpauth: cannot serialize element I[, parameter P]: cause".
func (e *FormatError) Error() string {
	s := "httpauth: cannot serialize element " + strconv.Itoa(e.Index)
	if e.Param >= 0 {
		s += ", parameter " + strconv.Itoa(e.Param)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FormatError) Unwrap() error { return e.Err }

// A ParamError says which parameter of a typed challenge or credentials
// (wwwauth.Bearer, wwwauth.Digest, authz.Digest…) breaks the rules of its
// scheme, and why. It names the parameter but never holds its value.
//
// A typed model's builder returns it wrapped in a [*FormatError]; the
// typed parsers return it as is.
type ParamError struct {
	Scheme string // the model's scheme: "Bearer", "DPoP", "Basic" or "Digest"
	// Name is the parameter, in lower case as its RFC spells it; or
	// "Other[i]" (or "Params[i]") for the i-th parameter of a model
	// whose name is itself invalid or unknown: such a name may be
	// anything, so it is not echoed.
	Name   string
	Reason string // a fixed description of what is wrong
}

// Error returns "httpauth: Scheme parameter Name: Reason".
func (e *ParamError) Error() string {
	return "httpauth: " + e.Scheme + " parameter " + e.Name + ": " + e.Reason
}
