package authz

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// The default limits of a [Parser].
const (
	// DefaultMaxLength is the default limit on the length of the field
	// value. The longest real credentials are Negotiate ones carrying a
	// Kerberos ticket: Windows caps the token at 65535 bytes
	// (MaxTokenSize), 87380 in base64, which 128 KiB admits.
	DefaultMaxLength = 128 << 10

	// DefaultMaxParams is the default limit on the number of parameters.
	// Digest responses, the richest, have about a dozen.
	DefaultMaxParams = 64
)

// A Parser parses credentials with the given mode and limits. The zero
// Parser is strict and uses the default limits; the package-level functions
// use it.
type Parser struct {
	// Lenient makes the parser recover from malformed credentials and
	// report each recovery in a [*RecoveryError] that comes with the
	// result.
	Lenient bool

	// MaxLength bounds the length of the field value in bytes, and
	// MaxParams the number of parameters. Zero means the default
	// (DefaultMaxLength, DefaultMaxParams); a negative value means no
	// limit. Exceeding a limit is a [*SyntaxError] wrapping
	// [ErrTooLarge], in both modes.
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
// [ErrNoCredentials] if h has none, and a [*SyntaxError] wrapping
// [ErrMultipleCredentials] if h has more than one Authorization line:
// Authorization is not a list (RFC 9110, Section 11.6.2).
func Parse(h http.Header) (Credentials, error) { return strict.Parse(h) }

// ParseLines returns the credentials of the field lines of one field, such
// as h.Values("Proxy-Authorization"). It returns [ErrNoCredentials] for no
// lines, and an error for more than one.
func ParseLines(lines []string) (Credentials, error) { return strict.ParseLines(lines) }

// ParseString returns the one credentials of a field value. A list, as in
// "Basic x, Bearer y", is a [*SyntaxError] wrapping
// [ErrMultipleCredentials]. Errors never hold any byte of s.
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
		return Credentials{}, &SyntaxError{Line: 2, Offset: 0, Err: ErrMultipleCredentials}
	}
	c, recovered, err := p.parse(lines[0])
	if err != nil {
		return Credentials{}, err
	}
	if len(lines) > 1 {
		re, _ := recovered.(*RecoveryError)
		if re == nil {
			re = &RecoveryError{}
		}
		if len(re.Recoveries) < MaxRecoveries {
			re.Recoveries = append(re.Recoveries, Recovery{Line: 2, Offset: 0, Err: ErrMultipleCredentials,
				Assumed: "kept the first line and ignored the others"})
		} else {
			re.Omitted++
		}
		recovered = re
	}
	return c, recovered
}

// ParseString is like the package-level [ParseString], with p's mode and
// limits.
//
//	Authorization = credentials   ; RFC 9110, Section 11.6.2
func (p *Parser) ParseString(s string) (Credentials, error) {
	c, recovered, err := p.parse(s)
	if err != nil {
		return Credentials{}, err
	}
	return c, recovered
}

// parse returns the credentials of s and, in lenient mode, a
// *RecoveryError if it recovered from anything; or an error and nothing.
func (p *Parser) parse(s string) (c Credentials, recovered, err error) {
	if max := limit(p.MaxLength, DefaultMaxLength); len(s) > max {
		return Credentials{}, nil, tooLarge(max, "field longer than %d bytes", max)
	}
	maxParams := limit(p.MaxParams, DefaultMaxParams)
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
			return Credentials{}, nil, &SyntaxError{Line: 1, Offset: err.Offset, Err: err.Err}
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
					return Credentials{}, nil, &SyntaxError{Line: 1, Offset: err.Offset, Err: err.Err}
				}
				continue
			case len(c.Params) == maxParams:
				return Credentials{}, nil, tooLarge(it.Offset, "more than %d parameters", maxParams)
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
				return Credentials{}, nil, &SyntaxError{Line: 1, Offset: r.Offset, Err: r.Err}
			}
		}
		start, _ := grammar.TrimOWS(s)
		return Credentials{}, nil, &SyntaxError{Line: 1, Offset: start, Err: ErrExpectedScheme}
	}
	return c, recoveryError(&lx), nil
}

func tooLarge(offset int, format string, limit int) error {
	return &SyntaxError{Line: 1, Offset: offset, Err: fmt.Errorf("%w: "+format, ErrTooLarge, limit)}
}
