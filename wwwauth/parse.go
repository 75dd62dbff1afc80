package wwwauth

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// A Parser parses challenge fields with the given mode and limits. The zero
// Parser is strict and uses the default limits; the package-level functions
// use it. A Parser is a value that parsing never changes: one Parser may
// serve many goroutines at once (if its Recovered function can).
type Parser struct {
	// Lenient makes the parser recover from the malformed challenges real
	// servers send (see the package documentation): a lenient parse
	// returns what it recovered and a nil error, and fails only when a
	// limit is exceeded.
	Lenient bool

	// Recovered, if not nil, is called once by a lenient parse that
	// succeeded after recovering from anything, before the parse returns.
	// It gets each recovery, in input order, with what strict parsing
	// would have reported there and what was assumed: the first 64 in
	// full, so that hostile input (which can hold one every two bytes)
	// cannot make them cost more memory than the input, and the number
	// of the others in omitted. The slice is the callee's to keep.
	//
	// Recoveries come through a function, not with the result or as an
	// error, so that the usual "if err != nil { return err }" keeps a
	// lenient result, the methods keep the signatures strict parsing
	// has, and a Parser stays a plain value, safe to share.
	Recovered func(recoveries []httpauth.Recovery, omitted int)

	// MaxLength bounds the total length of the field lines in bytes,
	// MaxChallenges the number of challenges, and MaxParams the number of
	// parameters of one challenge. Zero means the default: 128 KiB,
	// which admits the largest Negotiate challenges Windows sends, 64
	// challenges and 64 parameters; a negative value means no limit.
	// Exceeding a limit is a [*httpauth.SyntaxError] wrapping
	// [httpauth.ErrTooLarge], in both modes.
	MaxLength, MaxChallenges, MaxParams int
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

// Parse returns the challenges of every WWW-Authenticate line of h, in
// order. It returns nil and no error when there is none. On a syntax error
// it returns no challenges and a [*httpauth.SyntaxError].
func Parse(h http.Header) ([]Challenge, error) { return strict.Parse(h) }

// ParseLines returns the challenges of the field lines of one field, such
// as h.Values("Proxy-Authenticate"), in order. The lines form one list
// (RFC 9110, Section 5.3), and a [*httpauth.SyntaxError] names the line at fault.
func ParseLines(lines []string) ([]Challenge, error) { return strict.ParseLines(lines) }

// ParseString returns the challenges of one field value.
func ParseString(s string) ([]Challenge, error) { return strict.ParseString(s) }

// Parse is like the package-level [Parse], with p's mode and limits.
func (p *Parser) Parse(h http.Header) ([]Challenge, error) {
	return p.ParseLines(h["Www-Authenticate"])
}

// ParseString is like the package-level [ParseString], with p's mode and
// limits.
func (p *Parser) ParseString(s string) ([]Challenge, error) {
	return p.ParseLines([]string{s})
}

// ParseLines is like the package-level [ParseLines], with p's mode and
// limits.
//
//	WWW-Authenticate = #challenge   ; RFC 9110, Section 11.6.1
//
// In lenient mode, it returns the challenges it recovered and a nil error,
// and reports the recoveries to p.Recovered; it returns an error only when
// a limit is exceeded.
func (p *Parser) ParseLines(lines []string) ([]Challenge, error) {
	maxParams := limit(p.MaxParams, grammar.DefaultMaxParams)
	maxChallenges := limit(p.MaxChallenges, grammar.DefaultMaxChallenges)
	if err := checkLength(lines, limit(p.MaxLength, grammar.DefaultMaxLength)); err != nil {
		return nil, err
	}
	var (
		lx     grammar.Lexer
		cs     []Challenge
		params []Param
		names  grammar.NameSet
		first  int // index in params of the latest challenge's first
	)
	lx.Init(grammar.Challenges, p.Lenient)
	for _, line := range lines {
		lx.Line(line)
		for {
			it, err := lx.Next()
			if err != nil {
				return nil, syntaxError(err)
			}
			if it.Kind == grammar.End {
				break
			}
			switch it.Kind {
			case grammar.Scheme:
				if cs == nil {
					cs, params = allocate(lines, maxChallenges, maxParams)
				} else {
					cs[len(cs)-1].Params = clip(params[first:])
				}
				if len(cs) == maxChallenges {
					return nil, tooLarge(it, "more than %d challenges", maxChallenges)
				}
				if len(cs) == cap(cs) {
					cs = grow(cs, lines, maxChallenges)
				}
				cs = append(cs, Challenge{Scheme: it.Name})
				first = len(params)
				names.Reset()
			case grammar.Token68:
				cs[len(cs)-1].Token68 = it.Value
			case grammar.Param:
				// A duplicate is the error to report, and the limit
				// counts the parameters kept.
				switch {
				case names.Add(it.Name):
					if err := lx.Duplicate(it); err != nil {
						return nil, syntaxError(err)
					}
				case len(params)-first == maxParams:
					return nil, tooLarge(it, "more than %d parameters in a challenge", maxParams)
				default:
					params = append(params, Param{Name: it.Name, Value: it.ValueText()})
				}
			}
		}
	}
	if len(cs) > 0 {
		cs[len(cs)-1].Params = clip(params[first:])
	}
	report(p.Recovered, &lx)
	return cs, nil
}

// allocate returns the slices of the result, with room for what lines can
// hold, so that append never has to grow them step by step: the number of
// "=" bounds the number of parameters.
// A field of up to two challenges and sixteen parameters, which is nearly
// every real one, gets both slices from one allocation (a third challenge
// moves the challenges out, see grow).
//
// Larger fields get one allocation per slice: the parameters sized by the
// count of "=", the limits, and what n bytes can hold at most (a parameter
// takes at least 4 bytes, "a=b,"); the challenges grow once, by grow, past
// two. Hostile input thus buys at most 32/4 + 56/2 = 36 bytes of result per
// input byte (two for "A,"), and only with the limits off.
func allocate(lines []string, maxChallenges, maxParams int) ([]Challenge, []Param) {
	np := 0
	for _, l := range lines {
		np += strings.Count(l, "=")
	}
	switch {
	case np <= 4:
		b := new(struct {
			cs [2]Challenge
			ps [4]Param
		})
		return b.cs[:0], b.ps[:0]
	case np <= 8:
		b := new(struct {
			cs [2]Challenge
			ps [8]Param
		})
		return b.cs[:0], b.ps[:0]
	case np <= 16:
		b := new(struct {
			cs [2]Challenge
			ps [16]Param
		})
		return b.cs[:0], b.ps[:0]
	}
	n := 0
	for _, l := range lines {
		n += len(l) + 2 // as if joined by ", "
	}
	np = min(np, (n+1)/4)
	if maxParams < np/maxChallenges {
		np = maxChallenges * maxParams
	}
	// The challenges start with room for two, and grow once if need be.
	return make([]Challenge, 0, 2), make([]Param, 0, np)
}

// grow returns cs, full, moved to an array with room for every challenge
// lines can hold (the number of commas bounds it, and so do the limit and
// what the bytes can hold at most: "A,"), so that a field of many
// challenges costs one more allocation, not one per doubling.
func grow(cs []Challenge, lines []string, maxChallenges int) []Challenge {
	nc, n := len(lines), 0 // lines join with a comma
	for _, l := range lines {
		nc += strings.Count(l, ",")
		n += len(l) + 2 // as if joined by ", "
	}
	nc = min(nc, (n+1)/2, maxChallenges)
	if nc <= cap(cs) {
		// Lenient parsing finds challenges with no comma between
		// them ("Basic realm=a Bearer"): double, as append would.
		nc = 2 * cap(cs)
	}
	return append(make([]Challenge, 0, nc), cs...)
}

// clip returns ps with its capacity cut to its length, so that appending to
// one challenge's parameters cannot overwrite the next one's; and nil for no
// parameters.
func clip(ps []Param) []Param {
	if len(ps) == 0 {
		return nil
	}
	return ps[:len(ps):len(ps)]
}

// checkLength returns a [*httpauth.SyntaxError] if lines are longer than max in all.
func checkLength(lines []string, max int) error {
	total := 0
	for n, l := range lines {
		if len(l) > max-total {
			return &httpauth.SyntaxError{Line: n + 1, Offset: max - total, Err: fmt.Errorf("%w: field longer than %d bytes", httpauth.ErrTooLarge, max)}
		}
		total += len(l)
	}
	return nil
}

// tooLarge returns the [*httpauth.SyntaxError] of a limit exceeded at item it.
func tooLarge(it *grammar.Item, format string, limit int) error {
	return &httpauth.SyntaxError{Line: it.Line, Offset: it.Offset, Err: fmt.Errorf("%w: "+format, httpauth.ErrTooLarge, limit)}
}
