package wwwauth

import (
	"net/http"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// ParseInfo returns the parameters of the Authentication-Info or
// Proxy-Authentication-Info field lines of one response (such as
// h.Values("Authentication-Info")), in order:
//
//	Authentication-Info = #auth-param   ; RFC 9110, Section 11.6.3
//
// A parameter name that occurs twice is an error ([httpauth.ErrDuplicateParam]):
// RFC 9110, Section 11.2 states that rule for challenges and credentials,
// and we apply it here too because a repeated nextnonce or rspauth (RFC
// 7616, Section 3.5) would leave the client guessing which one counts.
func ParseInfo(lines []string) ([]Param, error) { return strict.ParseInfo(lines) }

// ParseInfo is like the package-level [ParseInfo], with p's mode and
// limits; MaxChallenges does not apply, and MaxParams bounds the whole
// field.
func (p *Parser) ParseInfo(lines []string) ([]Param, error) {
	maxParams := limit(p.MaxParams, grammar.DefaultMaxParams)
	if err := checkLength(lines, limit(p.MaxLength, grammar.DefaultMaxLength)); err != nil {
		return nil, err
	}
	var (
		lx     grammar.Lexer
		params []Param
		names  grammar.NameSet
	)
	lx.Init(grammar.Params, p.Lenient)
	for _, line := range lines {
		lx.Line(line)
		for {
			// In Params mode the lexer returns only Param and End items.
			it, err := lx.Next()
			if err != nil {
				return nil, syntaxError(err)
			}
			if it.Kind == grammar.End {
				break
			}
			switch {
			case names.Add(it.Name):
				if err := lx.Duplicate(it); err != nil {
					return nil, syntaxError(err)
				}
			case len(params) == maxParams:
				return nil, tooLarge(it, "more than %d parameters", maxParams)
			default:
				params = append(params, Param{Name: it.Name, Value: it.ValueText()})
			}
		}
	}
	report(p.Recovered, &lx)
	return params, nil
}

// infoQuote quotes, besides realm, the values RFC 7616, Section 3.5 writes
// as quoted-strings in Authentication-Info: nextnonce, rspauth and cnonce.
func infoQuote(_, name string) bool {
	for _, q := range [...]string{"realm", "nextnonce", "rspauth", "cnonce"} {
		if grammar.EqualFold(name, q) {
			return true
		}
	}
	return false
}

// SetInfo replaces the Authentication-Info field of h (RFC 9110,
// Section 11.6.3) with params: "name=value" joined by ", ", each value a
// token when it can be and a quoted-string otherwise or when RFC 7616,
// Section 3.5 quotes it (nextnonce, rspauth, cnonce; and realm). It
// refuses an empty list and what [Challenge.AppendText] refuses of
// parameters, and then leaves h unchanged. For a trailer, pass the
// response's trailer header.
func SetInfo(h http.Header, params ...Param) error { return setInfo(h, "Authentication-Info", params) }

// SetProxyInfo replaces the Proxy-Authentication-Info field of h (RFC 9110,
// Section 11.7.3) with params. On error it leaves h unchanged.
func SetProxyInfo(h http.Header, params ...Param) error {
	return setInfo(h, "Proxy-Authentication-Info", params)
}

func setInfo(h http.Header, field string, params []Param) error {
	if len(params) == 0 {
		return &httpauth.FormatError{Param: -1, Err: errNoParams}
	}
	b, err := grammar.AppendParams(nil, params, infoQuote)
	if err != nil {
		return formatError(0, err)
	}
	h[field] = []string{string(b)}
	return nil
}
