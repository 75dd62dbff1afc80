package authz

import (
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// A Parser parses credentials with the given mode and limits. The zero
// Parser is strict and uses the default limits; the package-level functions
// use it. A Parser is a value that parsing never changes: one Parser may
// serve many goroutines at once (if its Recovered function can).
type Parser struct {
	// Lenient makes the parser recover from malformed credentials: a
	// lenient parse returns what it recovered and a nil error, and fails
	// only when a limit is exceeded or nothing could be recovered.
	Lenient bool

	// Recovered, if not nil, is called once by a lenient parse that
	// succeeded after recovering from anything, before the parse returns,
	// as wwwauth.Parser.Recovered is: with the first 64 recoveries in
	// input order and the number of the others. A recovery holds no byte
	// of the credentials. See wwwauth.Parser for why this is a function.
	Recovered func(recoveries []httpauth.Recovery, omitted int)

	// MaxLength bounds the length of the field value in bytes, and
	// MaxParams the number of parameters. Zero means the default: 128 KiB,
	// which admits the largest Negotiate credentials Windows sends, and
	// 64 parameters; a negative value means no limit. Exceeding a limit
	// is a [*httpauth.SyntaxError] wrapping [httpauth.ErrTooLarge], in
	// both modes.
	MaxLength, MaxParams int
}

func limit(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return int(^uint(0) >> 1)
	}
	return v
}

var strict Parser

// Parse returns the credentials of the Authorization field of h. It returns
// [ErrNoCredentials] if h has none, and a [*httpauth.SyntaxError] if the
// value breaks the grammar or h has more than one Authorization line:
// Authorization is not a list (RFC 9110, Section 11.6.2).
func Parse(h http.Header) (Credentials, error) { return strict.Parse(h) }

// ParseLines returns the credentials of the field lines of one field, such
// as h.Values("Proxy-Authorization"). It returns [ErrNoCredentials] for no
// lines, and an error for more than one.
func ParseLines(lines []string) (Credentials, error) { return strict.ParseLines(lines) }

// ParseString returns the one credentials of a field value. A list, as in
// "Basic x, Bearer y", is a [*httpauth.SyntaxError]. Errors never hold any
// byte of s.
func ParseString(s string) (Credentials, error) { return strict.ParseString(s) }

// Parse is like the package-level [Parse], with p's mode and limits.
func (p *Parser) Parse(h http.Header) (Credentials, error) {
	return p.ParseLines(h["Authorization"])
}

// ParseLines is like the package-level [ParseLines], with p's mode and
// limits. A lenient Parser takes the first of several lines and reports
// the others.
func (p *Parser) ParseLines(lines []string) (Credentials, error) {
	switch {
	case len(lines) == 0:
		return Credentials{}, ErrNoCredentials
	case len(lines) > 1 && !p.Lenient:
		return Credentials{}, syntaxError(2, 0, grammar.ErrMultipleCredentials)
	}
	c, rs, omitted, err := p.parse(lines[0])
	if err != nil {
		return Credentials{}, err
	}
	if len(lines) > 1 {
		// Credentials are not a list: keep the first line, as a
		// server that reads h.Get("Authorization") does.
		if len(rs) < grammar.MaxRecoveries {
			rs = append(rs, httpauth.Recovery{Line: 2, Offset: 0, Err: grammar.ErrMultipleCredentials,
				Assumed: "kept the first line and ignored the others"})
		} else {
			omitted++
		}
	}
	p.report(rs, omitted)
	return c, nil
}

// ParseString is like the package-level [ParseString], with p's mode and
// limits.
//
//	Authorization = credentials   ; RFC 9110, Section 11.6.2
func (p *Parser) ParseString(s string) (Credentials, error) {
	c, rs, omitted, err := p.parse(s)
	if err != nil {
		return Credentials{}, err
	}
	p.report(rs, omitted)
	return c, nil
}

func (p *Parser) report(rs []httpauth.Recovery, omitted int) {
	if p.Recovered != nil && len(rs) > 0 {
		p.Recovered(rs, omitted)
	}
}

// parse returns the credentials of s and, in lenient mode, what it
// recovered from; or an error and nothing.
func (p *Parser) parse(s string) (c Credentials, rs []httpauth.Recovery, omitted int, err error) {
	if max := limit(p.MaxLength, grammar.DefaultMaxLength); len(s) > max {
		return Credentials{}, nil, 0, tooLarge(max, "field longer than %d bytes", max)
	}
	if scheme, token68, ok := grammar.SchemeToken68(s); ok {
		// The common shape, read without the lexer, to the same result.
		return Credentials{Scheme: scheme, Token68: token68}, nil, 0, nil
	}
	maxParams := limit(p.MaxParams, grammar.DefaultMaxParams)
	var (
		lx    grammar.Lexer
		names grammar.NameSet
		found bool
	)
	lx.Init(grammar.Credentials, p.Lenient)
	lx.Line(s)
	for {
		it, err := lx.Next()
		if err != nil {
			return Credentials{}, nil, 0, syntaxError(1, err.Offset, err.Err)
		}
		if it.Kind == grammar.End {
			break
		}
		switch it.Kind {
		case grammar.Scheme:
			c.Scheme, found = it.Name, true
		case grammar.Token68:
			c.Token68 = it.Value
		case grammar.Param:
			switch {
			case names.Add(it.Name):
				if err := lx.Duplicate(it); err != nil {
					return Credentials{}, nil, 0, syntaxError(1, err.Offset, err.Err)
				}
				continue
			case len(c.Params) == maxParams:
				return Credentials{}, nil, 0, tooLarge(it.Offset, "more than %d parameters", maxParams)
			}
			if c.Params == nil {
				// Room for every parameter s can hold: the count of
				// "=" bounds them, and so do the limit and the 4
				// bytes each takes at least ("a=b,").
				c.Params = make([]Param, 0, min(strings.Count(s, "="), (len(s)+1)/4, maxParams))
			}
			c.Params = append(c.Params, Param{Name: it.Name, Value: it.ValueText()})
		}
	}
	if !found {
		// Only an empty value, or a lenient parse that dropped
		// everything, gets here: the lexer reports anything else. For
		// the latter, the first thing dropped is what strict parsing
		// would have reported. An obs-fold replaced with SP dropped
		// nothing: a value of only folds and whitespace is empty.
		for _, r := range lx.Recoveries {
			if r.Err != grammar.ErrObsFold {
				return Credentials{}, nil, 0, syntaxError(1, r.Offset, r.Err)
			}
		}
		start, _ := grammar.TrimOWS(s)
		return Credentials{}, nil, 0, syntaxError(1, start, grammar.ErrExpectedScheme)
	}
	if p.Recovered == nil {
		return c, nil, 0, nil // nobody to tell: no copy of the recoveries
	}
	return c, recoveries(&lx), lx.Omitted, nil
}
