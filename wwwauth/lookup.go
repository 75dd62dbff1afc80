package wwwauth

import "github.com/httpauth-go/httpauth/internal/grammar"

// Lookup returns the value of the parameter name of the first challenge in
// lines whose scheme is scheme, both compared case-insensitively, as
//
//	cs, err := ParseLines(lines)
//	... Find(cs, scheme)[0].Param(name)
//
// would, but without building the challenges: it allocates nothing unless
// the value has quoted-pairs to unescape or comes from an RFC 8187 name*
// parameter. It checks the whole field as [ParseLines] does and returns the
// same errors, so a malformed field is never half-read. found is false if
// no challenge of scheme has the parameter.
//
// A client that needs one value, such as the resource_metadata URL of a
// Bearer challenge (RFC 9728, Section 5.1), uses it as
//
//	u, ok, err := wwwauth.Lookup(resp.Header.Values("WWW-Authenticate"), "Bearer", "resource_metadata")
func Lookup(lines []string, scheme, name string) (value string, found bool, err error) {
	return strict.Lookup(lines, scheme, name)
}

// Lookup is like the package-level [Lookup], with p's mode and limits. In
// lenient mode it returns what [Parser.ParseLines] would have let it find,
// and reports the recoveries to p.Recovered.
func (p *Parser) Lookup(lines []string, scheme, name string) (value string, found bool, err error) {
	maxParams := limit(p.MaxParams, grammar.DefaultMaxParams)
	maxChallenges := limit(p.MaxChallenges, grammar.DefaultMaxChallenges)
	if err := checkLength(lines, limit(p.MaxLength, grammar.DefaultMaxLength)); err != nil {
		return "", false, err
	}
	var (
		lx       grammar.Lexer
		names    grammar.NameSet
		nc, np   int  // challenges so far, parameters of the latest
		matching bool // the latest challenge is the first of scheme
		done     bool // a challenge of scheme has ended
		plain    Param
		ext      Param
		hasPlain bool
		hasExt   bool
	)
	lx.Init(grammar.Challenges, p.Lenient)
	for _, line := range lines {
		lx.Line(line)
		for {
			it, err := lx.Next()
			if err != nil {
				return "", false, syntaxError(err)
			}
			if it.Kind == grammar.End {
				break
			}
			switch it.Kind {
			case grammar.Scheme:
				if nc == maxChallenges {
					return "", false, tooLarge(it, "more than %d challenges", maxChallenges)
				}
				nc++
				done = done || matching
				matching = !done && grammar.EqualFold(it.Name, scheme)
				np = 0
				names.Reset()
			case grammar.Param:
				switch {
				case names.Add(it.Name):
					if err := lx.Duplicate(it); err != nil {
						return "", false, syntaxError(err)
					}
					continue
				case np == maxParams:
					return "", false, tooLarge(it, "more than %d parameters in a challenge", maxParams)
				}
				np++
				switch {
				case !matching:
				case grammar.EqualFold(it.Name, name):
					plain, hasPlain = Param{Name: it.Name, Value: it.ValueText()}, true
				case len(it.Name) == len(name)+1 && it.Name[len(name)] == '*' && grammar.EqualFold(it.Name[:len(name)], name):
					ext, hasExt = Param{Name: it.Name, Value: it.ValueText()}, true
				}
			}
		}
	}
	var params [2]Param
	ps := params[:0]
	if hasPlain {
		ps = append(ps, plain)
	}
	if hasExt {
		ps = append(ps, ext)
	}
	value, found, _ = grammar.LookupParam(ps, name)
	report(p.Recovered, &lx)
	return value, found, nil
}
