package wwwauth

import (
	"errors"
	"strconv"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// The errors of the typed models ([Bearer], [DPoP], [Basic], [Digest]).
var (
	// ErrScheme: ParseBearer, ParseDPoP, ParseBasic or ParseDigest was
	// given a challenge of another scheme.
	ErrScheme = errors.New("wwwauth: challenge of another auth-scheme")

	// ErrUnexpectedToken68: a typed parse was given a challenge with a
	// token68, which none of the typed schemes takes.
	ErrUnexpectedToken68 = errors.New("wwwauth: token68 in a challenge whose scheme takes auth-params")

	// ErrInvalidParam is the cause of every [*ParamError], for use with
	// [errors.Is]. Package authz exports the same value, so its message,
	// like those of the syntax errors both packages share, names neither.
	ErrInvalidParam = errors.New("invalid auth-param value")
)

// A ParamError says which parameter of a typed challenge breaks the rules
// of its scheme, and why. It names the parameter but never holds its value.
//
// A typed model's Challenge method returns it wrapped in a [*FormatError];
// the Parse functions of the typed models return it as is.
type ParamError struct {
	Scheme string // the model's scheme: "Bearer", "DPoP", "Basic" or "Digest"
	// Name is the parameter, in lower case as its RFC spells it; or
	// "Other[i]" when the name of the i-th Other parameter is itself
	// invalid (it may hold anything, so it is not echoed).
	Name   string
	Reason string // a fixed description of what is wrong
}

func (e *ParamError) Error() string {
	return "wwwauth: " + e.Scheme + " parameter " + e.Name + ": " + e.Reason
}

// Unwrap returns [ErrInvalidParam].
func (e *ParamError) Unwrap() error { return ErrInvalidParam }

// The fixed reasons of ParamErrors.
const (
	reasonControl     = "holds a control character"
	reasonNQSChar     = "holds a character outside %x20-21 / %x23-5B / %x5D-7E"
	reasonList        = "is not a space-separated list of values made of %x21 / %x23-5B / %x5D-7E"
	reasonMissing     = "is missing"
	reasonDuplicate   = "occurs more than once"
	reasonTyped       = "is a field of the typed model, not an Other parameter"
	reasonName        = "name is not a token"
	reasonMaxAge      = "is not a non-negative decimal integer of at most 9 digits"
	reasonCharset     = "is not UTF-8"
	reasonBool        = "is neither true nor false"
	reasonTokenList   = "is not a list of tokens"
	reasonToken       = "is not a token"
	reasonEmptyInList = "has an empty element"
)

// builder builds the parameters of a typed challenge in order, stopping at
// the first invalid one.
type builder struct {
	scheme string
	params []Param
	err    *ParamError
}

func newBuilder(scheme string, n int) builder {
	return builder{scheme: scheme, params: make([]Param, 0, n)}
}

// fail records the first error, at the index the parameter would have had.
func (b *builder) fail(name, reason string) {
	if b.err == nil {
		b.err = &ParamError{Scheme: b.scheme, Name: name, Reason: reason}
	}
}

func (b *builder) add(name, value string) {
	if b.err == nil {
		b.params = append(b.params, Param{Name: name, Value: value})
	}
}

// addText adds a free-text parameter such as realm: anything a field value
// can hold.
func (b *builder) addText(name, value string) {
	if grammar.ValueError(value) >= 0 {
		b.fail(name, reasonControl)
		return
	}
	b.add(name, value)
}

// addList adds a space-separated list (scope, acr_values, algs) unless it
// is empty.
func (b *builder) addList(name string, list []string) {
	if len(list) == 0 {
		return
	}
	v, ok := oauthsyntax.JoinSP(list)
	if !ok {
		b.fail(name, reasonList)
		return
	}
	b.add(name, v)
}

// addNQS adds error or error_description unless it is empty.
func (b *builder) addNQS(name, value string) {
	if value == "" {
		return
	}
	if !oauthsyntax.IsNQSChars(value) {
		b.fail(name, reasonNQSChar)
		return
	}
	b.add(name, value)
}

// addURI adds error_uri unless it is empty.
func (b *builder) addURI(name, value string) {
	if value == "" {
		return
	}
	if err := oauthsyntax.CheckURIReference(value); err != nil {
		b.fail(name, err.Error())
		return
	}
	b.add(name, value)
}

// addFetchURL adds resource_metadata unless it is empty.
func (b *builder) addFetchURL(name, value string) {
	if value == "" {
		return
	}
	if _, err := oauthsyntax.CheckFetchURL(value); err != nil {
		b.fail(name, err.Error())
		return
	}
	b.add(name, value)
}

// addOther adds the parameters the model does not type. It refuses a name
// that is not a token, a value with a control character, a name that occurs
// twice, and a name that is one of typed or one of typed followed by "*":
// a client that looks up "scope" with [Challenge.Param] would be given the
// decoded "scope*" instead of the typed field's value.
func (b *builder) addOther(other []Param, typed []string) {
	var names grammar.NameSet
	for _, p := range b.params {
		names.Add(p.Name)
	}
	for i, p := range other {
		if b.err != nil {
			return
		}
		switch {
		case !grammar.IsToken(p.Name):
			// Not p.Name: it could hold anything, CR and LF included.
			b.fail("Other["+strconv.Itoa(i)+"]", reasonName)
		case isTyped(p.Name, typed):
			b.fail(p.Name, reasonTyped)
		case grammar.ValueError(p.Value) >= 0:
			b.fail(p.Name, reasonControl)
		case names.Add(p.Name):
			b.fail(p.Name, reasonDuplicate)
		default:
			b.add(p.Name, p.Value)
		}
	}
}

func isTyped(name string, typed []string) bool {
	base := name
	if n := len(name); n > 1 && name[n-1] == '*' {
		base = name[:n-1]
	}
	for _, t := range typed {
		if grammar.EqualFold(base, t) {
			return true
		}
	}
	return false
}

// challenge returns the built challenge, or the first error wrapped in a
// [*FormatError] whose Param is the index the parameter would have had.
func (b *builder) challenge() (Challenge, error) {
	if b.err != nil {
		return Challenge{}, &FormatError{Challenge: 0, Param: len(b.params), Err: b.err}
	}
	if len(b.params) == 0 {
		return Challenge{Scheme: b.scheme}, nil
	}
	return Challenge{Scheme: b.scheme, Params: b.params}, nil
}

// fields is a challenge's parameters sorted into the typed ones, by their
// index in the model's list of names, and the others.
type fields struct {
	values  []string
	present []bool
	other   []Param
}

// collect checks that c is a challenge of scheme without a token68 and
// sorts its parameters. Names are matched case-insensitively and exactly:
// "scope*" is not "scope" (none of the typed schemes defines ext-values),
// and lands in other. A typed name that occurs twice is an error; so is any
// other repeated name, which the parsers never produce.
func collect(c Challenge, scheme string, typed []string) (fields, error) {
	if !c.Is(scheme) {
		return fields{}, ErrScheme
	}
	if c.Token68 != "" {
		return fields{}, ErrUnexpectedToken68
	}
	f := fields{values: make([]string, len(typed)), present: make([]bool, len(typed))}
	var names grammar.NameSet
	for _, p := range c.Params {
		if names.Add(p.Name) {
			// Name the parameter as its RFC spells it; a hand-built
			// Challenge may hold any name, CR and LF included.
			name := "(invalid name)"
			if i := index(typed, p.Name); i >= 0 {
				name = typed[i]
			} else if grammar.IsToken(p.Name) {
				name = p.Name
			}
			return fields{}, &ParamError{Scheme: scheme, Name: name, Reason: reasonDuplicate}
		}
		i := index(typed, p.Name)
		if i < 0 {
			f.other = append(f.other, p)
			continue
		}
		f.values[i], f.present[i] = p.Value, true
	}
	return f, nil
}

func index(typed []string, name string) int {
	for i, t := range typed {
		if grammar.EqualFold(t, name) {
			return i
		}
	}
	return -1
}

// parseList reads a space-separated list, tolerating runs of SP, and
// refusing an element that is not NQCHAR.
func parseList(scheme, name, v string) ([]string, error) {
	list := oauthsyntax.SplitSP(v)
	for _, s := range list {
		if !oauthsyntax.IsNQChars(s) {
			return nil, &ParamError{Scheme: scheme, Name: name, Reason: reasonList}
		}
	}
	return list, nil
}

// parseNQS reads error: empty is absent.
func parseNQS(scheme, name, v string) (string, error) {
	if v != "" && !oauthsyntax.IsNQSChars(v) {
		return "", &ParamError{Scheme: scheme, Name: name, Reason: reasonNQSChar}
	}
	return v, nil
}

func parseURI(scheme, name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if err := oauthsyntax.CheckURIReference(v); err != nil {
		return "", &ParamError{Scheme: scheme, Name: name, Reason: err.Error()}
	}
	return v, nil
}

func parseFetchURL(scheme, name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if _, err := oauthsyntax.CheckFetchURL(v); err != nil {
		return "", &ParamError{Scheme: scheme, Name: name, Reason: err.Error()}
	}
	return v, nil
}
