package wwwauth_test

// Property-based tests (gopter) of the challenge serializer and parser:
//
//   - round trip: ParseString(String(c)) == c, for single challenges, lists
//     (Format), several field lines (SetLines) and one line (Set);
//   - String and Format are fixed points of parse-then-serialize;
//   - on field values generated straight from the ABNF of RFC 9110 (not by
//     our serializer) strict parsing returns the intended challenges, and
//     lenient parsing returns the same with no error;
//   - AppendText, AppendList, Set and SetLines refuse hostile challenges with
//     the right *FormatError, leave their output untouched, and String never
//     echoes the hostile bytes;
//   - AppendText accepts exactly what an independent oracle accepts.
//
// Set GOPTER_SEED to the seed a failing run logs to reproduce it. Every
// identifier here starts with "prop" so that it cannot collide with other
// test files of the package.

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// propPlain is Challenge without its methods, so that cmp and gopter print
// the fields rather than the wire form.
type propPlain struct {
	Scheme  string
	Token68 string
	Params  []wwwauth.Param
}

func propPlainOf(cs []wwwauth.Challenge) []propPlain {
	if cs == nil {
		return nil
	}
	out := make([]propPlain, len(cs))
	for i, c := range cs {
		out[i] = propPlain(c)
	}
	return out
}

// ---------------------------------------------------------------------------
// The grammar, transcribed independently of the library.

// propDefects lists what the serializer must refuse in a challenge or
// credentials, per the documentation of AppendText.
func propDefects(scheme, token68 string, params []wwwauth.Param) []error {
	var errs []error
	if !testkit.IsToken(scheme) {
		errs = append(errs, grammar.ErrInvalidScheme)
	}
	if token68 != "" && len(params) > 0 {
		errs = append(errs, grammar.ErrToken68WithParams)
	}
	if token68 != "" && !testkit.IsToken68(token68) {
		errs = append(errs, grammar.ErrInvalidToken68)
	}
	seen := map[string]bool{}
	for _, p := range params {
		if !testkit.IsToken(p.Name) {
			errs = append(errs, grammar.ErrInvalidName)
		}
		if !testkit.ValueOK(p.Value) {
			errs = append(errs, grammar.ErrInvalidValue)
		}
		if k := strings.ToLower(p.Name); seen[k] {
			errs = append(errs, httpauth.ErrDuplicateParam)
		} else {
			seen[k] = true
		}
	}
	return errs
}

// ---------------------------------------------------------------------------
// Generators of valid pieces.

// propUniqueParams returns up to n parameters whose names differ
// case-insensitively.
func propUniqueParams(r *rand.Rand, n int) []wwwauth.Param {
	var ps []wwwauth.Param
	seen := map[string]bool{}
	for tries := 0; len(ps) < n && tries < 10*n; tries++ {
		name := testkit.Name(r)
		if k := strings.ToLower(name); !seen[k] {
			seen[k] = true
			ps = append(ps, wwwauth.Param{Name: name, Value: testkit.Value(r)})
		}
	}
	return ps
}

func propChallenge(r *rand.Rand) wwwauth.Challenge {
	c := wwwauth.Challenge{Scheme: testkit.Scheme(r)}
	switch r.Intn(4) {
	case 0: // a bare scheme
		if r.Intn(2) == 0 {
			c.Params = []wwwauth.Param{}
		}
	case 1:
		c.Token68 = testkit.Token68(r)
	default:
		c.Params = propUniqueParams(r, testkit.ParamCount(r, 1))
	}
	return c
}

// propList is a list of valid challenges.
type propList []wwwauth.Challenge

func (l propList) String() string { return fmt.Sprintf("%#v", propPlainOf(l)) }

func propGenList(min, max int) gopter.Gen {
	return testkit.Gen(func(r *rand.Rand) propList {
		n := min + r.Intn(max-min+1)
		l := make(propList, n)
		for i := range l {
			l[i] = propChallenge(r)
		}
		return l
	}, propShrinkList(min))
}

func propValid(c wwwauth.Challenge) bool { return len(propDefects(c.Scheme, c.Token68, c.Params)) == 0 }

func propShrinkChallenge(c wwwauth.Challenge) []wwwauth.Challenge {
	var out []wwwauth.Challenge
	add := func(d wwwauth.Challenge) {
		if propValid(d) {
			out = append(out, d)
		}
	}
	withParams := func(f func(ps []wwwauth.Param) []wwwauth.Param) wwwauth.Challenge {
		d := c
		d.Params = f(append([]wwwauth.Param(nil), c.Params...))
		return d
	}
	if c.Token68 != "" || len(c.Params) > 0 {
		add(wwwauth.Challenge{Scheme: c.Scheme})
	}
	for _, s := range testkit.ShrinkString(c.Scheme) {
		add(wwwauth.Challenge{Scheme: s, Token68: c.Token68, Params: c.Params})
	}
	for _, s := range testkit.ShrinkString(c.Token68) {
		if s != "" {
			add(wwwauth.Challenge{Scheme: c.Scheme, Token68: s})
		}
	}
	for i := range c.Params {
		add(withParams(func(ps []wwwauth.Param) []wwwauth.Param { return append(ps[:i], ps[i+1:]...) }))
	}
	for i, p := range c.Params {
		for _, v := range testkit.ShrinkString(p.Value) {
			add(withParams(func(ps []wwwauth.Param) []wwwauth.Param { ps[i].Value = v; return ps }))
		}
		for _, n := range testkit.ShrinkString(p.Name) {
			add(withParams(func(ps []wwwauth.Param) []wwwauth.Param { ps[i].Name = n; return ps }))
		}
	}
	return out
}

func propShrinkList(min int) func(propList) []propList {
	return func(l propList) []propList {
		var out []propList
		if len(l) > min {
			for i := range l {
				out = append(out, append(append(propList{}, l[:i]...), l[i+1:]...))
			}
		}
		for i, c := range l {
			for _, d := range propShrinkChallenge(c) {
				m := append(propList{}, l...)
				m[i] = d
				out = append(out, m)
			}
		}
		return out
	}
}

// ---------------------------------------------------------------------------
// Round trip and fixed point.

func TestPropertiesWWWAuthRoundTrip(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("ParseString(String(c)) == c", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep testkit.Report
			c := l[0]
			s := c.String()
			if strings.HasPrefix(s, "!invalid") {
				rep.Failf("String refused a valid challenge: %s", s)
				return rep.Result()
			}
			for i := 0; i < len(s); i++ {
				if b := s[i]; b < 0x20 && b != '\t' || b == 0x7F {
					rep.Failf("String wrote the control byte %#x: %q", b, s)
				}
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("ParseString(%q)", s), propPlainOf([]wwwauth.Challenge{c}), propPlainOf(got))

			prefix := []byte("WWW-Authenticate: ")
			b, err := c.AppendText(prefix[:len(prefix):len(prefix)])
			if err != nil || string(b) != string(prefix)+s {
				rep.Failf("AppendText(prefix) = %q, %v; want prefix + %q", b, err, s)
			}
			m, err := c.MarshalText()
			if err != nil || string(m) != s {
				rep.Failf("MarshalText = %q, %v; want %q", m, err, s)
			}
			var u wwwauth.Challenge
			if err := u.UnmarshalText(m); err != nil {
				rep.Failf("UnmarshalText(%q): %v", m, err)
			}
			rep.Diff("UnmarshalText(MarshalText(c))", propPlain(c), propPlain(u))
			return rep.Result()
		},
		propGenList(1, 1),
	))

	properties.Property("ParseString(Format(cs...)) == cs, 1 to 5 challenges", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep testkit.Report
			s, err := wwwauth.Format(l...)
			if err != nil {
				rep.Failf("Format refused valid challenges: %v", err)
				return rep.Result()
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("ParseString(%q)", s), propPlainOf(l), propPlainOf(got))
			return rep.Result()
		},
		propGenList(1, 5),
	))

	properties.Property("Parse(h) after Set(h, cs...) == cs, and ParseString(Format(cs...)) == cs", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep testkit.Report
			h := http.Header{}
			if err := wwwauth.Set(h, l...); err != nil {
				rep.Failf("Set refused valid challenges: %v", err)
				return rep.Result()
			}
			if n := len(h.Values("WWW-Authenticate")); n != len(l) {
				rep.Failf("Set wrote %d lines for %d challenges", n, len(l))
			}
			got, err := wwwauth.Parse(h)
			if err != nil {
				rep.Failf("Parse(%q): %v", h.Values("WWW-Authenticate"), err)
			}
			rep.Diff(fmt.Sprintf("Parse(Set) of %q", h.Values("WWW-Authenticate")), propPlainOf(l), propPlainOf(got))

			s, err := wwwauth.Format(l...)
			if err != nil {
				rep.Failf("Format refused valid challenges: %v", err)
				return rep.Result()
			}
			got, err = wwwauth.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("ParseString(Format) of %q", s), propPlainOf(l), propPlainOf(got))
			return rep.Result()
		},
		propGenList(1, 5),
	))

	properties.Property("String and Format are fixed points: String(Parse(String(c))) == String(c)", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep testkit.Report
			for _, c := range l {
				s := c.String()
				got, err := wwwauth.ParseString(s)
				if err != nil || len(got) != 1 {
					rep.Failf("ParseString(%q) = %d challenges, %v", s, len(got), err)
					continue
				}
				if s2 := got[0].String(); s2 != s {
					rep.Failf("String(Parse(String(c))) = %q; String(c) = %q", s2, s)
				}
			}
			s, err := wwwauth.Format(l...)
			if err != nil {
				rep.Failf("Format: %v", err)
				return rep.Result()
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
				return rep.Result()
			}
			if s2, err := wwwauth.Format(got...); err != nil || s2 != s {
				rep.Failf("Format(Parse(Format(cs))) = %q, %v; Format(cs) = %q", s2, err, s)
			}
			return rep.Result()
		},
		propGenList(1, 5),
	))

	properties.TestingRun(t)
}

// ---------------------------------------------------------------------------
// Field values generated from the ABNF, with their own quoting.
//
//	WWW-Authenticate = #challenge                                  ; 11.6.1
//	challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]    ; 11.3
//	auth-param  = token BWS "=" BWS ( token / quoted-string )       ; 11.2
//	#element    => [ element ] *( OWS "," OWS [ element ] )         ; 5.6.1.2
//	quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE         ; 5.6.4

type propWireChallenge struct {
	Prefix  string // the first challenge's: (OWS ",")* OWS; the others': (OWS ",")+ OWS
	Scheme  string
	Form    int    // 0 bare, 1 token68, 2 #auth-param
	SP      string // 1*SP, for forms 1 and 2
	Token68 string
	Params  []testkit.WireParam
}

type propWire struct {
	Lead, Trail string // OWS; (OWS ",")* OWS
	Cs          []propWireChallenge
	Splits      uint64 // where new field lines start; see lines
}

func (w propWire) String() string {
	return fmt.Sprintf("%q (lines %q)", strings.Join(w.lines(), "\n"), w.lines())
}

func (c propWireChallenge) want() propPlain {
	w := propPlain{Scheme: c.Scheme}
	switch c.Form {
	case 1:
		w.Token68 = c.Token68
	case 2:
		for _, p := range c.Params {
			w.Params = append(w.Params, wwwauth.Param{Name: p.Name, Value: p.Value})
		}
	}
	return w
}

// lines renders w as field lines. Bit e of Splits starts a new line at the
// e-th point (mod 64) where the list has a comma after a non-empty element:
// before a challenge other than the first, or before an auth-param other
// than the first of its challenge. The lines of a field are one list, as if
// joined by ", " (RFC 9110, Section 5.3), so this keeps the meaning. (A line
// may not end with "Basic" SP before its first auth-param: trimmed, it
// would be a bare challenge, and the auth-param a stray one.)
func (w propWire) lines() []string {
	var (
		b     strings.Builder
		lines []string
		point uint
	)
	split := func(prefix string) string {
		point++
		if w.Splits&(1<<((point-1)%64)) == 0 {
			return prefix
		}
		lines = append(lines, b.String())
		b.Reset()
		return prefix[strings.IndexByte(prefix, ',')+1:]
	}
	b.WriteString(w.Lead)
	for k, c := range w.Cs {
		prefix := c.Prefix
		if k > 0 {
			prefix = split(prefix)
		}
		b.WriteString(prefix + c.Scheme)
		switch c.Form {
		case 1:
			b.WriteString(c.SP + c.Token68)
		case 2:
			b.WriteString(c.SP)
			for i, p := range c.Params {
				if i > 0 {
					p.Prefix = split(p.Prefix)
				}
				b.WriteString(p.Render())
			}
		}
	}
	b.WriteString(w.Trail)
	return append(lines, b.String())
}

func (w propWire) want() []propPlain {
	var out []propPlain
	for _, c := range w.Cs {
		out = append(out, c.want())
	}
	return out
}

func propGenWireParams(r *rand.Rand, n int) []testkit.WireParam {
	var ps []testkit.WireParam
	for i, p := range propUniqueParams(r, n) {
		wp := testkit.WireParam{Name: p.Name, Value: p.Value, BWS1: testkit.OWS(r), BWS2: testkit.OWS(r), Quoted: r.Intn(2) == 0}
		if r.Intn(2) == 0 {
			wp.EscSeed = 1 + r.Int63n(1<<40)
		}
		if i > 0 || r.Intn(4) == 0 {
			wp.Prefix = testkit.Sep(r)
		}
		ps = append(ps, wp)
	}
	return ps
}

func propGenWireChallenge(r *rand.Rand, first bool) propWireChallenge {
	c := propWireChallenge{Scheme: testkit.Scheme(r), Form: r.Intn(3), SP: strings.Repeat(" ", 1+r.Intn(3))}
	switch {
	case !first:
		c.Prefix = testkit.Sep(r)
	case r.Intn(3) == 0:
		c.Prefix = testkit.Sep(r)
	}
	switch c.Form {
	case 1:
		c.Token68 = testkit.Token68(r)
	case 2:
		c.Params = propGenWireParams(r, testkit.ParamCount(r, 0))
	}
	return c
}

func propGenWire(r *rand.Rand) propWire {
	w := propWire{Lead: testkit.OWS(r)}
	if r.Intn(3) == 0 {
		w.Splits = r.Uint64() & r.Uint64()
	}
	n := 1 + r.Intn(5)
	if r.Intn(20) == 0 {
		n = 0 // only empty elements
	}
	for k := 0; k < n; k++ {
		w.Cs = append(w.Cs, propGenWireChallenge(r, k == 0))
	}
	w.Trail = testkit.OWS(r)
	if r.Intn(3) == 0 {
		w.Trail = testkit.Sep(r)
	}
	return w
}

func propWireNamesUnique(w propWire) bool {
	for _, c := range w.Cs {
		if !propValid(wwwauth.Challenge(c.want())) {
			return false
		}
	}
	return true
}

func propShrinkWire(w propWire) []propWire {
	var out []propWire
	add := func(v propWire) {
		if propWireNamesUnique(v) {
			out = append(out, v)
		}
	}
	clone := func() propWire {
		v := w
		v.Cs = make([]propWireChallenge, len(w.Cs))
		for k, c := range w.Cs {
			c.Params = append([]testkit.WireParam(nil), c.Params...)
			v.Cs[k] = c
		}
		return v
	}
	if w.Splits != 0 {
		v := clone()
		v.Splits = 0
		add(v)
	}
	if w.Lead != "" || w.Trail != "" {
		v := clone()
		v.Lead, v.Trail = "", ""
		add(v)
	}
	for k := range w.Cs {
		v := clone()
		v.Cs = append(v.Cs[:k], v.Cs[k+1:]...)
		add(v)
	}
	for k, c := range w.Cs {
		minPrefix := ", "
		if k == 0 {
			minPrefix = ""
		}
		if c.Prefix != minPrefix {
			v := clone()
			v.Cs[k].Prefix = minPrefix
			add(v)
		}
		if c.SP != " " {
			v := clone()
			v.Cs[k].SP = " "
			add(v)
		}
		if c.Form != 0 {
			v := clone()
			v.Cs[k].Form = 0
			add(v)
		}
		for _, s := range testkit.ShrinkString(c.Scheme) {
			if s != "" {
				v := clone()
				v.Cs[k].Scheme = s
				add(v)
			}
		}
		for _, s := range testkit.ShrinkString(c.Token68) {
			if c.Form == 1 && testkit.IsToken68(s) {
				v := clone()
				v.Cs[k].Token68 = s
				add(v)
			}
		}
		if c.Form != 2 {
			continue
		}
		for i := range c.Params {
			v := clone()
			v.Cs[k].Params = append(v.Cs[k].Params[:i], v.Cs[k].Params[i+1:]...)
			add(v)
		}
		for i, p := range c.Params {
			minPrefix := ""
			if i > 0 {
				minPrefix = ", "
			}
			if p.Prefix != minPrefix {
				v := clone()
				v.Cs[k].Params[i].Prefix = minPrefix
				add(v)
			}
			if p.BWS1 != "" || p.BWS2 != "" {
				v := clone()
				v.Cs[k].Params[i].BWS1, v.Cs[k].Params[i].BWS2 = "", ""
				add(v)
			}
			if p.Quoted || p.EscSeed != 0 {
				v := clone()
				v.Cs[k].Params[i].Quoted, v.Cs[k].Params[i].EscSeed = false, 0
				add(v)
			}
			for _, s := range testkit.ShrinkString(p.Value) {
				v := clone()
				v.Cs[k].Params[i].Value = s
				add(v)
			}
			for _, s := range testkit.ShrinkString(p.Name) {
				if s != "" {
					v := clone()
					v.Cs[k].Params[i].Name = s
					add(v)
				}
			}
		}
	}
	return out
}

func TestPropertiesWWWAuthABNF(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	lenient := &wwwauth.Parser{Lenient: true}

	properties.Property("strict parsing accepts ABNF-generated fields and returns the intended challenges", prop.ForAll(
		func(w propWire) *gopter.PropResult {
			var rep testkit.Report
			lines := w.lines()
			got, err := wwwauth.ParseLines(lines)
			if err != nil {
				rep.Failf("ParseLines(%q): %v", lines, err)
			}
			rep.Diff(fmt.Sprintf("ParseLines(%q)", lines), w.want(), propPlainOf(got))
			h := http.Header{"Www-Authenticate": lines}
			got, err = wwwauth.Parse(h)
			if err != nil {
				rep.Failf("Parse(%q): %v", lines, err)
			}
			rep.Diff(fmt.Sprintf("Parse(%q)", lines), w.want(), propPlainOf(got))
			return rep.Result()
		},
		testkit.Gen(propGenWire, propShrinkWire),
	))

	properties.Property("lenient parsing equals strict parsing, with a nil error, on ABNF-generated fields", prop.ForAll(
		func(w propWire) *gopter.PropResult {
			var rep testkit.Report
			lines := w.lines()
			strict, serr := wwwauth.ParseLines(lines)
			got, err := lenient.ParseLines(lines)
			if serr != nil {
				rep.Failf("strict ParseLines(%q): %v", lines, serr)
			}
			if err != nil {
				rep.Failf("lenient ParseLines(%q): %v", lines, err)
			}
			rep.Diff(fmt.Sprintf("lenient vs strict ParseLines(%q)", lines), propPlainOf(strict), propPlainOf(got))
			if len(lines) == 1 {
				got, err := lenient.ParseString(lines[0])
				if err != nil {
					rep.Failf("lenient ParseString(%q): %v", lines[0], err)
				}
				rep.Diff(fmt.Sprintf("lenient ParseString vs strict (%q)", lines[0]), propPlainOf(strict), propPlainOf(got))
			}
			return rep.Result()
		},
		testkit.Gen(propGenWire, propShrinkWire),
	))

	properties.TestingRun(t)
}

// ---------------------------------------------------------------------------
// Hostile challenges.

// propHostile is a challenge with exactly one defect, the error and
// parameter index AppendText must report, and a marker placed in the
// hostile bytes that no error text may echo.
type propHostile struct {
	Kind   string
	C      wwwauth.Challenge
	Want   error
	Param  int
	Marker string
}

func (h propHostile) String() string {
	return fmt.Sprintf("{Kind:%s C:%#v Want:%q Param:%d}", h.Kind, propPlain(h.C), h.Want, h.Param)
}

func propWithParams(r *rand.Rand, c wwwauth.Challenge, min int) wwwauth.Challenge {
	c.Token68 = ""
	if len(c.Params) < min {
		c.Params = propUniqueParams(r, testkit.ParamCount(r, min))
	}
	c.Params = append([]wwwauth.Param(nil), c.Params...)
	return c
}

func propGenHostile(r *rand.Rand) propHostile {
	for {
		h := propHostile{Marker: testkit.Marker(r), Param: -1}
		c := propChallenge(r)
		switch r.Intn(6) {
		case 0:
			h.Kind, h.Want = "scheme", grammar.ErrInvalidScheme
			c.Scheme = testkit.BadToken(r, h.Marker)
		case 1:
			h.Kind, h.Want = "name", grammar.ErrInvalidName
			c = propWithParams(r, c, 1)
			h.Param = r.Intn(len(c.Params))
			c.Params[h.Param].Name = testkit.BadToken(r, h.Marker)
		case 2:
			h.Kind, h.Want = "value", grammar.ErrInvalidValue
			c = propWithParams(r, c, 1)
			h.Param = r.Intn(len(c.Params))
			c.Params[h.Param].Value = testkit.BadValue(r, h.Marker)
		case 3:
			h.Kind, h.Want = "token68", grammar.ErrInvalidToken68
			c.Params = nil
			c.Token68 = testkit.BadToken68(r, h.Marker)
		case 4:
			h.Kind, h.Want = "token68 with params", grammar.ErrToken68WithParams
			c = propWithParams(r, c, 1)
			c.Token68 = testkit.Token68(r)
			c.Params[r.Intn(len(c.Params))].Value = h.Marker
		case 5:
			h.Kind, h.Want = "duplicate", httpauth.ErrDuplicateParam
			c = propWithParams(r, c, 2)
			i := r.Intn(len(c.Params) - 1)
			h.Param = i + 1 + r.Intn(len(c.Params)-i-1)
			c.Params[h.Param] = wwwauth.Param{Name: testkit.CaseVariant(r, c.Params[i].Name), Value: h.Marker}
		}
		h.C = c
		// Exactly one defect, as the independent oracle sees it.
		if d := propDefects(c.Scheme, c.Token68, c.Params); len(d) == 1 && d[0] == h.Want {
			return h
		}
	}
}

// propCheckRefusal checks the error of a refused serialization.
func propCheckRefusal(rep *testkit.Report, what string, err error, want error, param int) {
	var fe *httpauth.FormatError
	switch {
	case err == nil:
		rep.Failf("%s: no error, want %q", what, want)
	case !errors.As(err, &fe):
		rep.Failf("%s: error %T %q is not a *httpauth.FormatError", what, err, err)
	case !errors.Is(err, want):
		rep.Failf("%s: error %q does not wrap %q", what, err, want)
	case fe.Param != param:
		rep.Failf("%s: FormatError.Param = %d, want %d (%q)", what, fe.Param, param, err)
	}
}

func TestPropertiesWWWAuthRefusal(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("AppendText refuses a hostile challenge with the right FormatError and b unchanged", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep testkit.Report
			prefix := []byte("WWW-Authenticate: Basic realm=\"x\", ")
			b := append(make([]byte, 0, 256), prefix...)
			got, err := h.C.AppendText(b)
			propCheckRefusal(&rep, "AppendText", err, h.Want, h.Param)
			var fe *httpauth.FormatError
			if errors.As(err, &fe) && fe.Index != 0 {
				rep.Failf("FormatError.Index = %d, want 0", fe.Index)
			}
			if !bytes.Equal(got, prefix) || len(got) != len(prefix) || !bytes.Equal(b, prefix) {
				rep.Failf("AppendText returned %q, want b unchanged %q", got, prefix)
			}
			if err != nil {
				testkit.CheckSafeText(&rep, "the error", err.Error(), h.Marker)
			}
			s := h.C.String()
			if !strings.HasPrefix(s, "!invalid challenge: ") {
				rep.Failf("String = %q, want a \"!invalid challenge: \" description", s)
			}
			testkit.CheckSafeText(&rep, "String", s, h.Marker)
			if m, err := h.C.MarshalText(); err == nil || len(m) != 0 {
				rep.Failf("MarshalText = %q, %v; want nothing and an error", m, err)
			}
			return rep.Result()
		},
		testkit.Gen(propGenHostile, nil),
	))

	properties.Property("Format, Set and SetProxy refuse a list holding a hostile challenge", prop.ForAll(
		func(h propHostile, l propList, pos int) *gopter.PropResult {
			var rep testkit.Report
			k := pos % (len(l) + 1)
			cs := append(append(append([]wwwauth.Challenge{}, l[:k]...), h.C), l[k:]...)
			checkIndex := func(what string, err error) {
				propCheckRefusal(&rep, what, err, h.Want, h.Param)
				var fe *httpauth.FormatError
				if errors.As(err, &fe) && fe.Index != k {
					rep.Failf("%s: FormatError.Index = %d, want %d", what, fe.Index, k)
				}
				if err != nil {
					testkit.CheckSafeText(&rep, what+" error", err.Error(), h.Marker)
				}
			}

			s, err := wwwauth.Format(cs...)
			checkIndex("Format", err)
			if s != "" {
				rep.Failf("Format returned %q with its error", s)
			}

			orig := http.Header{"Www-Authenticate": {`Basic realm="old"`}, "Proxy-Authenticate": {`Basic realm="p"`}, "X-Other": {"1"}}
			for _, set := range []struct {
				name string
				f    func(http.Header, ...wwwauth.Challenge) error
			}{{"Set", wwwauth.Set}, {"SetProxy", wwwauth.SetProxy}} {
				hd := orig.Clone()
				checkIndex(set.name, set.f(hd, cs...))
				rep.Diff(set.name+" changed the header", orig, hd)
			}
			return rep.Result()
		},
		testkit.Gen(propGenHostile, nil),
		propGenList(0, 4),
		testkit.Gen(func(r *rand.Rand) int { return r.Intn(1 << 20) }, nil),
	))

	properties.Property("AppendText accepts exactly what the oracle accepts, and names one of the defects", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep testkit.Report
			c := h.C
			defects := propDefects(c.Scheme, c.Token68, c.Params)
			prefix := []byte("p: ")
			got, err := c.AppendText(prefix[:len(prefix):len(prefix)])
			if len(defects) == 0 {
				if err != nil {
					rep.Failf("AppendText refused a valid challenge: %v", err)
					return rep.Result()
				}
				back, err := wwwauth.ParseString(string(got[len(prefix):]))
				if err != nil {
					rep.Failf("ParseString(%q): %v", got[len(prefix):], err)
				}
				rep.Diff("ParseString(AppendText(c))", propPlainOf([]wwwauth.Challenge{c}), propPlainOf(back))
				return rep.Result()
			}
			var fe *httpauth.FormatError
			if !errors.As(err, &fe) {
				rep.Failf("AppendText = %q, %v; want a *FormatError, one of %q", got, err, defects)
				return rep.Result()
			}
			found := false
			for _, d := range defects {
				found = found || errors.Is(err, d)
			}
			if !found {
				rep.Failf("AppendText error %q is none of the defects %q", err, defects)
			}
			if !bytes.Equal(got, prefix) {
				rep.Failf("AppendText returned %q, want b unchanged", got)
			}
			testkit.CheckSafeText(&rep, "String", c.String(), h.Marker)
			return rep.Result()
		},
		testkit.Gen(propGenMixed, nil),
	))

	properties.TestingRun(t)
}

// propGenMixed builds a challenge whose parts are each valid or hostile at
// random, so that a challenge may have no defect, one, or several.
func propGenMixed(r *rand.Rand) propHostile {
	h := propHostile{Kind: "mixed", Marker: testkit.Marker(r), Param: -1}
	c := wwwauth.Challenge{Scheme: testkit.Scheme(r)}
	if r.Intn(5) == 0 {
		c.Scheme = testkit.BadToken(r, h.Marker)
	}
	if r.Intn(3) == 0 {
		c.Token68 = testkit.Token68(r)
		if r.Intn(4) == 0 {
			c.Token68 = testkit.BadToken68(r, h.Marker)
		}
	}
	if c.Token68 == "" || r.Intn(5) == 0 {
		c.Params = propUniqueParams(r, testkit.ParamCount(r, 0))
		for i := range c.Params {
			switch r.Intn(12) {
			case 0:
				c.Params[i].Name = testkit.BadToken(r, h.Marker)
			case 1:
				c.Params[i].Value = testkit.BadValue(r, h.Marker)
			case 2:
				c.Params[i].Name = testkit.CaseVariant(r, c.Params[r.Intn(i+1)].Name)
			}
		}
	}
	h.C = c
	return h
}
