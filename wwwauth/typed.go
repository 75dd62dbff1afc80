package wwwauth

import (
	"strconv"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

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
	reasonAlgs        = "lists none or a symmetric (HS*) algorithm, which a DPoP proof must not use (RFC 9449, Section 4.3)"
)

// builder builds the parameters of a typed challenge in order, stopping at
// the first invalid one.
type builder struct {
	scheme string
	params []Param
	err    *httpauth.ParamError
}

func newBuilder(scheme string, n int) builder {
	return builder{scheme: scheme, params: make([]Param, 0, n)}
}

// fail records the first error, at the index the parameter would have had.
func (b *builder) fail(name, reason string) {
	if b.err == nil {
		b.err = &httpauth.ParamError{Scheme: b.scheme, Name: name, Reason: reason}
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
// [*httpauth.FormatError] whose Param is the index the parameter would have had.
func (b *builder) challenge() (Challenge, error) {
	if b.err != nil {
		return Challenge{}, &httpauth.FormatError{Param: len(b.params), Err: b.err}
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
// sorts its parameters. Names are matched case-insensitively. A typed name
// followed by "*" ("scope*") is that parameter's RFC 8187 ext-value: it is
// decoded and wins over the plain parameter, as [Challenge.Param] reads it;
// if it cannot be decoded, the plain parameter is used, as a recipient that
// does not understand ext-values would, and the ext-value is dropped. Any
// repeated name is an error (the parsers never produce one).
func collect(c Challenge, scheme string, typed []string) (fields, error) {
	if !c.Is(scheme) {
		return fields{}, errScheme
	}
	if c.Token68 != "" {
		return fields{}, errUnexpectedToken68
	}
	f := fields{values: make([]string, len(typed)), present: make([]bool, len(typed))}
	var (
		names grammar.NameSet
		ext   []string // decoded ext-values, by index in typed
		isExt []bool
	)
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
			return fields{}, &httpauth.ParamError{Scheme: scheme, Name: name, Reason: reasonDuplicate}
		}
		if n := len(p.Name); n > 1 && p.Name[n-1] == '*' {
			if i := index(typed, p.Name[:n-1]); i >= 0 {
				if v, err := grammar.DecodeExtValue(p.Value); err == nil {
					if ext == nil {
						ext, isExt = make([]string, len(typed)), make([]bool, len(typed))
					}
					ext[i], isExt[i] = v, true
					f.present[i] = true
				}
				continue
			}
		}
		i := index(typed, p.Name)
		if i < 0 {
			f.other = append(f.other, p)
			continue
		}
		f.values[i], f.present[i] = p.Value, true
	}
	for i, v := range ext {
		if isExt[i] {
			f.values[i] = v
		}
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
			return nil, &httpauth.ParamError{Scheme: scheme, Name: name, Reason: reasonList}
		}
	}
	return list, nil
}

// parseNQS reads error: empty is absent.
func parseNQS(scheme, name, v string) (string, error) {
	if v != "" && !oauthsyntax.IsNQSChars(v) {
		return "", &httpauth.ParamError{Scheme: scheme, Name: name, Reason: reasonNQSChar}
	}
	return v, nil
}

func parseURI(scheme, name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if err := oauthsyntax.CheckURIReference(v); err != nil {
		return "", &httpauth.ParamError{Scheme: scheme, Name: name, Reason: err.Error()}
	}
	return v, nil
}

func parseFetchURL(scheme, name, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if _, err := oauthsyntax.CheckFetchURL(v); err != nil {
		return "", &httpauth.ParamError{Scheme: scheme, Name: name, Reason: err.Error()}
	}
	return v, nil
}

// weakAlg reports whether alg is one a DPoP proof must not use: "none", or
// a symmetric MAC ("HS256"…), since a proof is verified with the public key
// it carries (RFC 9449, Section 4.3, checks 4 and 5). Matched
// case-insensitively: JOSE names are case-sensitive, but a verifier that
// folds case must not be handed "hs256" either.
func weakAlg(alg string) bool {
	return grammar.EqualFold(alg, "none") || len(alg) >= 2 && grammar.EqualFold(alg[:2], "HS")
}
