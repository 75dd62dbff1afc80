package grammar

// A FormatError says why a challenge, credentials or parameter list cannot
// be serialized. Param is the index of the offending parameter, or -1 when
// the scheme or the token68 is at fault.
type FormatError struct {
	Param int
	Err   error
}

// nameValue is the shape shared by wwwauth.Param and authz.Param.
type nameValue = struct{ Name, Value string }

// QuotePolicy reports whether the value of parameter name must be sent as a
// quoted-string even when it is a token. It sees the auth-scheme, as given,
// so that rules such as RFC 7616's can depend on it.
type QuotePolicy func(scheme, name string) bool

// AppendAuth appends a challenge or credentials:
//
//	challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]   ; RFC 9110, Section 11.3
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]   ; RFC 9110, Section 11.4
//
// with one SP after the scheme and ", " between parameters. Values are
// tokens when they can be and quote does not ask otherwise. On error it
// returns b unchanged and says what is wrong; it never writes CR, LF, NUL,
// another CTL or DEL.
func AppendAuth[P ~struct{ Name, Value string }](b []byte, scheme, token68 string, params []P, quote QuotePolicy) ([]byte, *FormatError) {
	n := len(b)
	if !IsToken(scheme) {
		return b, &FormatError{Param: -1, Err: ErrInvalidScheme}
	}
	b = append(b, scheme...)
	if token68 != "" {
		if len(params) > 0 {
			return b[:n], &FormatError{Param: -1, Err: ErrToken68WithParams}
		}
		if !IsToken68(token68) {
			return b[:n], &FormatError{Param: -1, Err: ErrInvalidToken68}
		}
		return append(append(b, ' '), token68...), nil
	}
	if len(params) == 0 {
		return b, nil
	}
	b, err := appendParams(append(b, ' '), scheme, params, quote)
	if err != nil {
		return b[:n], err
	}
	return b, nil
}

// AppendParams appends an auth-param list, as Authentication-Info holds
// (RFC 9110, Section 11.6.3): "name=value" joined by ", ". On error it
// returns b unchanged.
func AppendParams[P ~struct{ Name, Value string }](b []byte, params []P, quote QuotePolicy) ([]byte, *FormatError) {
	n := len(b)
	b, err := appendParams(b, "", params, quote)
	if err != nil {
		return b[:n], err
	}
	return b, nil
}

func appendParams[P ~struct{ Name, Value string }](b []byte, scheme string, params []P, quote QuotePolicy) ([]byte, *FormatError) {
	var names NameSet
	for i, p := range params {
		p := nameValue(p)
		switch {
		case !IsToken(p.Name):
			return b, &FormatError{Param: i, Err: ErrInvalidName}
		case ValueError(p.Value) >= 0:
			return b, &FormatError{Param: i, Err: ErrInvalidValue}
		case names.Add(p.Name):
			return b, &FormatError{Param: i, Err: ErrDuplicateParam}
		}
		if i > 0 {
			b = append(b, ',', ' ')
		}
		b = append(b, p.Name...)
		b = append(b, '=')
		b = AppendValue(b, p.Value, quote != nil && quote(scheme, p.Name))
	}
	return b, nil
}
