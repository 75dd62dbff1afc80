package authz_test

// Property-based tests (gopter) of the credentials serializer and parser,
// and of the Basic and Bearer helpers:
//
//   - round trip: ParseString(String(c)) == c, and Parse(h) of the header;
//   - String is a fixed point of parse-then-serialize;
//   - on field values generated straight from the ABNF of RFC 9110 (not by
//     our serializer) strict parsing returns the intended credentials, and
//     lenient parsing returns the same with no error;
//   - AppendText refuses hostile credentials with the right *FormatError and
//     b unchanged, String never echoes the hostile bytes, and AppendText
//     accepts exactly what an independent oracle accepts;
//   - BasicCredentials/ParseBasic and BearerCredentials/ParseBearer round
//     trip, and refuse what RFC 7617 and RFC 6750 forbid;
//   - secrets never reach Redacted, fmt, log/slog or an error message.
//
// Set GOPTER_SEED to the seed a failing run logs to reproduce it. Every
// identifier here starts with "prop" so that it cannot collide with other
// test files of the package. The generators duplicate those of
// wwwauth/property_test.go on purpose: test files share no package.

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/rand"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

// propPlain is Credentials without its methods, so that cmp and gopter
// print the fields (Credentials print redacted, which would hide the
// counterexample).
type propPlain struct {
	Scheme  string
	Token68 string
	Params  []authz.Param
}

// ---------------------------------------------------------------------------
// The grammar, transcribed independently of the library.

// propDefects lists what the serializer must refuse in a challenge or
// credentials, per the documentation of AppendText.
func propDefects(scheme, token68 string, params []authz.Param) []error {
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
func propUniqueParams(r *rand.Rand, n int) []authz.Param {
	var ps []authz.Param
	seen := map[string]bool{}
	for tries := 0; len(ps) < n && tries < 10*n; tries++ {
		name := testkit.Name(r)
		if k := strings.ToLower(name); !seen[k] {
			seen[k] = true
			ps = append(ps, authz.Param{Name: name, Value: testkit.Value(r)})
		}
	}
	return ps
}

func propCreds(r *rand.Rand) authz.Credentials {
	c := authz.Credentials{Scheme: testkit.Scheme(r)}
	switch r.Intn(4) {
	case 0: // a bare scheme
		if r.Intn(2) == 0 {
			c.Params = []authz.Param{}
		}
	case 1:
		c.Token68 = testkit.Token68(r)
	default:
		c.Params = propUniqueParams(r, testkit.ParamCount(r, 1))
	}
	return c
}

// propCase is valid credentials.
type propCase struct{ C authz.Credentials }

func (c propCase) String() string { return fmt.Sprintf("%#v", propPlain(c.C)) }

func propGenCreds() gopter.Gen {
	return testkit.Gen(func(r *rand.Rand) propCase { return propCase{propCreds(r)} },
		func(c propCase) []propCase {
			var out []propCase
			for _, d := range propShrinkCreds(c.C) {
				out = append(out, propCase{d})
			}
			return out
		})
}

func propValid(c authz.Credentials) bool { return len(propDefects(c.Scheme, c.Token68, c.Params)) == 0 }

func propShrinkCreds(c authz.Credentials) []authz.Credentials {
	var out []authz.Credentials
	add := func(d authz.Credentials) {
		if propValid(d) {
			out = append(out, d)
		}
	}
	withParams := func(f func(ps []authz.Param) []authz.Param) authz.Credentials {
		d := c
		d.Params = f(append([]authz.Param(nil), c.Params...))
		return d
	}
	if c.Token68 != "" || len(c.Params) > 0 {
		add(authz.Credentials{Scheme: c.Scheme})
	}
	for _, s := range testkit.ShrinkString(c.Scheme) {
		add(authz.Credentials{Scheme: s, Token68: c.Token68, Params: c.Params})
	}
	for _, s := range testkit.ShrinkString(c.Token68) {
		if s != "" {
			add(authz.Credentials{Scheme: c.Scheme, Token68: s})
		}
	}
	for i := range c.Params {
		add(withParams(func(ps []authz.Param) []authz.Param { return append(ps[:i], ps[i+1:]...) }))
	}
	for i, p := range c.Params {
		for _, v := range testkit.ShrinkString(p.Value) {
			add(withParams(func(ps []authz.Param) []authz.Param { ps[i].Value = v; return ps }))
		}
		for _, n := range testkit.ShrinkString(p.Name) {
			add(withParams(func(ps []authz.Param) []authz.Param { ps[i].Name = n; return ps }))
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Round trip and fixed point.

func TestPropertiesAuthzRoundTrip(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("ParseString(String(c)) == c, and Parse(h) of the header", prop.ForAll(
		func(pc propCase) *gopter.PropResult {
			var rep testkit.Report
			c := pc.C
			s := wire(c)
			if strings.HasPrefix(s, "!invalid") {
				rep.Failf("String refused valid credentials: %s", s)
				return rep.Result()
			}
			for i := 0; i < len(s); i++ {
				if b := s[i]; b < 0x20 && b != '\t' || b == 0x7F {
					rep.Failf("String wrote the control byte %#x: %q", b, s)
				}
			}
			got, err := authz.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("ParseString(%q)", s), propPlain(c), propPlain(got))

			h := http.Header{}
			h.Set("Authorization", s)
			got, err = authz.Parse(h)
			if err != nil {
				rep.Failf("Parse(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("Parse(%q)", s), propPlain(c), propPlain(got))

			prefix := []byte("Authorization: ")
			b, err := authz.AppendWire(c, prefix[:len(prefix):len(prefix)])
			if err != nil || string(b) != string(prefix)+s {
				rep.Failf("AppendText(prefix) = %q, %v; want prefix + %q", b, err, s)
			}
			if w, err := c.WireForm(); err != nil || w != s {
				rep.Failf("WireForm = %q, %v; want %q", w, err, s)
			}
			return rep.Result()
		},
		propGenCreds(),
	))

	properties.Property("String is a fixed point: String(Parse(String(c))) == String(c)", prop.ForAll(
		func(pc propCase) *gopter.PropResult {
			var rep testkit.Report
			s := wire(pc.C)
			got, err := authz.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			} else if s2 := wire(got); s2 != s {
				rep.Failf("String(Parse(String(c))) = %q; String(c) = %q", s2, s)
			}
			return rep.Result()
		},
		propGenCreds(),
	))

	properties.TestingRun(t)
}

// ---------------------------------------------------------------------------
// Field values generated from the ABNF, with their own quoting.
//
//	Authorization = credentials                                     ; 11.6.2
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]    ; 11.4
//	auth-param  = token BWS "=" BWS ( token / quoted-string )       ; 11.2
//	#element    => [ element ] *( OWS "," OWS [ element ] )         ; 5.6.1.2
//	quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE         ; 5.6.4
//
// Authorization is not a list: commas may only separate (empty) elements
// of the #auth-param list, never precede the scheme or follow a token68.

type propWireCreds struct {
	Lead    string // OWS, outside the field value
	Scheme  string
	Form    int    // 0 bare, 1 token68, 2 #auth-param
	SP      string // 1*SP, for forms 1 and 2
	Token68 string
	Params  []testkit.WireParam
	Trail   string // OWS; with form 2, (OWS ",")* OWS: empty trailing elements
}

func (w propWireCreds) String() string { return fmt.Sprintf("%q", w.render()) }

func (w propWireCreds) render() string {
	s := w.Lead + w.Scheme
	switch w.Form {
	case 1:
		s += w.SP + w.Token68
	case 2:
		s += w.SP
		for _, p := range w.Params {
			s += p.Render()
		}
	}
	return s + w.Trail
}

func (w propWireCreds) want() propPlain {
	c := propPlain{Scheme: w.Scheme}
	switch w.Form {
	case 1:
		c.Token68 = w.Token68
	case 2:
		for _, p := range w.Params {
			c.Params = append(c.Params, authz.Param{Name: p.Name, Value: p.Value})
		}
	}
	return c
}

func propGenWire(r *rand.Rand) propWireCreds {
	w := propWireCreds{Lead: testkit.OWS(r), Scheme: testkit.Scheme(r), Form: r.Intn(3),
		SP: strings.Repeat(" ", 1+r.Intn(3)), Trail: testkit.OWS(r)}
	switch w.Form {
	case 1:
		w.Token68 = testkit.Token68(r)
	case 2:
		for i, p := range propUniqueParams(r, testkit.ParamCount(r, 0)) {
			wp := testkit.WireParam{Name: p.Name, Value: p.Value, BWS1: testkit.OWS(r), BWS2: testkit.OWS(r), Quoted: r.Intn(2) == 0}
			if r.Intn(2) == 0 {
				wp.EscSeed = 1 + r.Int63n(1<<40)
			}
			if i > 0 || r.Intn(4) == 0 {
				wp.Prefix = testkit.Sep(r)
			}
			w.Params = append(w.Params, wp)
		}
		if r.Intn(3) == 0 {
			w.Trail = testkit.Sep(r)
		}
	}
	return w
}

func propShrinkWire(w propWireCreds) []propWireCreds {
	var out []propWireCreds
	add := func(v propWireCreds) {
		if v.Form != 2 || propValid(authz.Credentials(v.want())) {
			out = append(out, v)
		}
	}
	clone := func() propWireCreds {
		v := w
		v.Params = append([]testkit.WireParam(nil), w.Params...)
		return v
	}
	if w.Lead != "" || w.Trail != "" {
		v := clone()
		v.Lead, v.Trail = "", ""
		add(v)
	}
	if w.SP != " " {
		v := clone()
		v.SP = " "
		add(v)
	}
	if w.Form != 0 {
		v := clone()
		v.Form, v.Trail = 0, ""
		add(v)
	}
	for _, s := range testkit.ShrinkString(w.Scheme) {
		if s != "" {
			v := clone()
			v.Scheme = s
			add(v)
		}
	}
	for _, s := range testkit.ShrinkString(w.Token68) {
		if w.Form == 1 && testkit.IsToken68(s) {
			v := clone()
			v.Token68 = s
			add(v)
		}
	}
	if w.Form != 2 {
		return out
	}
	for i := range w.Params {
		v := clone()
		v.Params = append(v.Params[:i], v.Params[i+1:]...)
		add(v)
	}
	for i, p := range w.Params {
		minPrefix := ""
		if i > 0 {
			minPrefix = ", "
		}
		if p.Prefix != minPrefix {
			v := clone()
			v.Params[i].Prefix = minPrefix
			add(v)
		}
		if p.BWS1 != "" || p.BWS2 != "" {
			v := clone()
			v.Params[i].BWS1, v.Params[i].BWS2 = "", ""
			add(v)
		}
		if p.Quoted || p.EscSeed != 0 {
			v := clone()
			v.Params[i].Quoted, v.Params[i].EscSeed = false, 0
			add(v)
		}
		for _, s := range testkit.ShrinkString(p.Value) {
			v := clone()
			v.Params[i].Value = s
			add(v)
		}
		for _, s := range testkit.ShrinkString(p.Name) {
			if s != "" {
				v := clone()
				v.Params[i].Name = s
				add(v)
			}
		}
	}
	return out
}

func TestPropertiesAuthzABNF(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	lenient := &authz.Parser{Lenient: true}

	properties.Property("strict parsing accepts ABNF-generated credentials and returns the intended ones", prop.ForAll(
		func(w propWireCreds) *gopter.PropResult {
			var rep testkit.Report
			s := w.render()
			got, err := authz.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("ParseString(%q)", s), w.want(), propPlain(got))
			got, err = authz.Parse(http.Header{"Authorization": {s}})
			if err != nil {
				rep.Failf("Parse(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("Parse(%q)", s), w.want(), propPlain(got))
			return rep.Result()
		},
		testkit.Gen(propGenWire, propShrinkWire),
	))

	properties.Property("lenient parsing equals strict parsing, with a nil error, on ABNF-generated credentials", prop.ForAll(
		func(w propWireCreds) *gopter.PropResult {
			var rep testkit.Report
			s := w.render()
			strict, serr := authz.ParseString(s)
			got, err := lenient.ParseString(s)
			if serr != nil {
				rep.Failf("strict ParseString(%q): %v", s, serr)
			}
			if err != nil {
				rep.Failf("lenient ParseString(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("lenient vs strict ParseString(%q)", s), propPlain(strict), propPlain(got))
			got, err = lenient.ParseLines([]string{s})
			if err != nil {
				rep.Failf("lenient ParseLines(%q): %v", s, err)
			}
			rep.Diff(fmt.Sprintf("lenient ParseLines vs strict (%q)", s), propPlain(strict), propPlain(got))
			return rep.Result()
		},
		testkit.Gen(propGenWire, propShrinkWire),
	))

	properties.TestingRun(t)
}

// ---------------------------------------------------------------------------
// Hostile credentials.

// propHostile is credentials with exactly one defect, the error and
// parameter index AppendText must report, and a marker placed in the
// hostile bytes that no error text may echo.
type propHostile struct {
	Kind   string
	C      authz.Credentials
	Want   error
	Param  int
	Marker string
}

func (h propHostile) String() string {
	return fmt.Sprintf("{Kind:%s C:%#v Want:%q Param:%d}", h.Kind, propPlain(h.C), h.Want, h.Param)
}

func propWithParams(r *rand.Rand, c authz.Credentials, min int) authz.Credentials {
	c.Token68 = ""
	if len(c.Params) < min {
		c.Params = propUniqueParams(r, testkit.ParamCount(r, min))
	}
	c.Params = append([]authz.Param(nil), c.Params...)
	return c
}

func propGenHostile(r *rand.Rand) propHostile {
	for {
		h := propHostile{Marker: testkit.Marker(r), Param: -1}
		c := propCreds(r)
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
			c.Params[h.Param] = authz.Param{Name: testkit.CaseVariant(r, c.Params[i].Name), Value: h.Marker}
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

// propCheckLogSafe checks that a text meant for logs has no byte that could
// forge a log line: no control byte but HTAB, and no DEL.
func propCheckLogSafe(rep *testkit.Report, what, s string) {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 && b != '\t' || b == 0x7F {
			rep.Failf("%s holds the byte %#x: %q", what, b, s)
			return
		}
	}
}

func TestPropertiesAuthzRefusal(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("AppendText refuses hostile credentials with the right FormatError and b unchanged", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep testkit.Report
			prefix := []byte("Authorization: ")
			b := append(make([]byte, 0, 256), prefix...)
			got, err := authz.AppendWire(h.C, b)
			propCheckRefusal(&rep, "AppendText", err, h.Want, h.Param)
			if !bytes.Equal(got, prefix) || len(got) != len(prefix) || !bytes.Equal(b, prefix) {
				rep.Failf("AppendText returned %q, want b unchanged %q", got, prefix)
			}
			if err != nil {
				testkit.CheckSafeText(&rep, "the error", err.Error(), h.Marker)
			}
			if s, err := h.C.WireForm(); s != "" || err == nil {
				rep.Failf("WireForm = %q, %v; want nothing and an error", s, err)
			}
			propCheckLogSafe(&rep, "String", h.C.String())
			m, err := h.C.MarshalText()
			if err != nil || string(m) != h.C.Redacted() {
				rep.Failf("MarshalText = %q, %v; want the redacted form", m, err)
			}
			propCheckLogSafe(&rep, "Redacted", h.C.Redacted())
			propCheckLogSafe(&rep, "%v", fmt.Sprintf("%v", h.C))
			return rep.Result()
		},
		testkit.Gen(propGenHostile, nil),
	))

	properties.Property("AppendText accepts exactly what the oracle accepts, and names one of the defects", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep testkit.Report
			c := h.C
			defects := propDefects(c.Scheme, c.Token68, c.Params)
			prefix := []byte("p: ")
			got, err := authz.AppendWire(c, prefix[:len(prefix):len(prefix)])
			propCheckLogSafe(&rep, "Redacted", c.Redacted())
			if len(defects) == 0 {
				if err != nil {
					rep.Failf("AppendText refused valid credentials: %v", err)
					return rep.Result()
				}
				back, err := authz.ParseString(string(got[len(prefix):]))
				if err != nil {
					rep.Failf("ParseString(%q): %v", got[len(prefix):], err)
				}
				rep.Diff("ParseString(AppendText(c))", propPlain(c), propPlain(back))
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
			propCheckLogSafe(&rep, "String", c.String())
			return rep.Result()
		},
		testkit.Gen(propGenMixed, nil),
	))

	properties.TestingRun(t)
}

// propGenMixed builds credentials whose parts are each valid or hostile at
// random, so that they may have no defect, one, or several.
func propGenMixed(r *rand.Rand) propHostile {
	h := propHostile{Kind: "mixed", Marker: testkit.Marker(r), Param: -1}
	c := authz.Credentials{Scheme: testkit.Scheme(r)}
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

// ---------------------------------------------------------------------------
// Basic (RFC 7617) and Bearer (RFC 6750).

// propUTF8 returns up to max runes of UTF-8 text without control
// characters (C0, DEL, and C1, which RFC 7613's profiles also exclude), and
// without ':' unless colon is set.
func propUTF8(r *rand.Rand, colon bool, max int) string {
	var b strings.Builder
	for n := r.Intn(max + 1); n > 0; n-- {
		var c rune
		switch r.Intn(8) {
		case 0:
			c = rune(0xA0 + r.Intn(0x60)) // Latin-1 Supplement, past C1
		case 1:
			c = rune(0x4E00 + r.Intn(0x5000)) // CJK
		case 2:
			c = rune(0x1F600 + r.Intn(0x50)) // emoji
		case 3:
			c = rune(0x0300 + r.Intn(0x70)) // combining marks
		case 4:
			c = []rune(" :@!\"\\'%+/=€")[r.Intn(12)]
		default:
			c = rune(0x20 + r.Intn(0x5F)) // printable ASCII
		}
		if c == ':' && !colon {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// propSecret is a random b64token of 20 to 40 characters: long enough that
// finding it in some output by chance is impossible, and made of bytes that
// neither strconv.Quote nor JSON escapes.
func propSecret(r *rand.Rand) string { return testkit.RandString(r, testkit.T68Char, 20, 40) }

// propBasicCase is a user-id and password RFC 7617 allows, and a case
// variant of "Basic" to parse them back with.
type propBasicCase struct{ User, Pass, Scheme string }

func (c propBasicCase) String() string {
	return fmt.Sprintf("{User:%q Pass:%q Scheme:%q}", c.User, c.Pass, c.Scheme)
}

var propBadUTF8 = []string{"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\x80", "\xf4\x90\x80\x80"}

// propBasicBad is a user-id and password that BasicCredentials refuses for
// one reason.
type propBasicBad struct {
	Kind, User, Pass, Secret string
	Want                     error
}

func (c propBasicBad) String() string {
	return fmt.Sprintf("{Kind:%s User:%q Pass:%q Want:%q}", c.Kind, c.User, c.Pass, c.Want)
}

func propGenBasicBad(r *rand.Rand) propBasicBad {
	c := propBasicBad{Secret: propSecret(r)}
	c.User = propUTF8(r, false, 8)
	c.Pass = propUTF8(r, true, 4) + c.Secret + propUTF8(r, true, 4)
	ctl := string(testkit.CTLs[r.Intn(len(testkit.CTLs))])
	if r.Intn(3) == 0 {
		ctl = "\t" // HTAB is a CTL of RFC 5234, which RFC 7617 forbids
	}
	bad := testkit.PickString(r, propBadUTF8)
	switch r.Intn(5) {
	case 0:
		c.Kind, c.Want = "colon in user-id", authz.ErrBasicUserID
		c.User += ":" + propUTF8(r, true, 4)
	case 1:
		c.Kind, c.Want = "control in user-id", authz.ErrBasicControl
		c.User += ctl + propUTF8(r, false, 4)
	case 2:
		c.Kind, c.Want = "bad UTF-8 in user-id", authz.ErrBasicUTF8
		c.User += bad + propUTF8(r, false, 4)
	case 3:
		c.Kind, c.Want = "control in password", authz.ErrBasicControl
		c.Pass += ctl + propUTF8(r, true, 4)
	case 4:
		c.Kind, c.Want = "bad UTF-8 in password", authz.ErrBasicUTF8
		c.Pass = bad + c.Pass
	}
	return c
}

// propParseBasicBad is Basic credentials that ParseBasic refuses.
type propParseBasicBad struct {
	Kind   string
	C      authz.Credentials
	Want   error
	Secret string
}

func (c propParseBasicBad) String() string {
	return fmt.Sprintf("{Kind:%s C:%#v Want:%q}", c.Kind, propPlain(c.C), c.Want)
}

func propGenParseBasicBad(r *rand.Rand) propParseBasicBad {
	c := propParseBasicBad{Secret: propSecret(r), Want: authz.ErrBasicMalformed}
	scheme := testkit.CaseVariant(r, "Basic")
	user := propUTF8(r, false, 6)
	pass := propUTF8(r, true, 3) + c.Secret + propUTF8(r, true, 3)
	enc := base64.StdEncoding.EncodeToString
	switch r.Intn(9) {
	case 0:
		c.Kind = "no colon"
		c.C = authz.Credentials{Scheme: scheme, Token68: enc([]byte(user + c.Secret))}
	case 1:
		c.Kind, c.Want = "control character", authz.ErrBasicControl
		ctl := string(testkit.CTLs[r.Intn(len(testkit.CTLs))])
		if r.Intn(2) == 0 {
			user += ctl
		} else {
			pass += ctl
		}
		c.C = authz.Credentials{Scheme: scheme, Token68: enc([]byte(user + ":" + pass))}
	case 2:
		c.Kind, c.Want = "bad UTF-8", authz.ErrBasicUTF8
		bad := testkit.PickString(r, propBadUTF8)
		if r.Intn(2) == 0 {
			user += bad
		} else {
			pass += bad
		}
		c.C = authz.Credentials{Scheme: scheme, Token68: enc([]byte(user + ":" + pass))}
	case 3:
		c.Kind = "base64 without padding"
		raw := user + ":" + pass
		if len(raw)%3 == 0 {
			raw += "x"
		}
		c.C = authz.Credentials{Scheme: scheme, Token68: base64.RawStdEncoding.EncodeToString([]byte(raw))}
	case 4:
		c.Kind = "not the standard base64 alphabet"
		t := []byte(enc([]byte(user + ":" + pass)))
		t[r.Intn(len(t)-2)] = testkit.PickString(r, []string{"-", "_", ".", "~"})[0]
		c.C = authz.Credentials{Scheme: scheme, Token68: string(t)}
	case 5:
		c.Kind = "nonzero padding bits"
		raw := user + ":" + pass
		for len(raw)%3 != 1 {
			raw += "y"
		}
		t := []byte(enc([]byte(raw))) // ends in "X==", whose low 4 bits must be 0
		t[len(t)-3] = 'B'
		c.C = authz.Credentials{Scheme: scheme, Token68: string(t)}
	case 6:
		c.Kind = "no token68"
		c.C = authz.Credentials{Scheme: scheme}
	case 7:
		c.Kind = "parameters"
		c.C = authz.Credentials{Scheme: scheme, Params: []authz.Param{{Name: "password", Value: c.Secret}}}
	case 8:
		c.Kind, c.Want = "another scheme", authz.ErrScheme
		c.C = authz.Credentials{Scheme: testkit.PickString(r, []string{"Bearer", "Basic2", "Basics", "Digest"}),
			Token68: enc([]byte(user + ":" + pass))}
	}
	return c
}

func TestPropertiesAuthzBasicBearer(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("BasicCredentials then String, ParseString and ParseBasic round trip", prop.ForAll(
		func(bc propBasicCase) *gopter.PropResult {
			var rep testkit.Report
			c, err := authz.BasicCredentials(bc.User, bc.Pass)
			if err != nil {
				rep.Failf("BasicCredentials: %v", err)
				return rep.Result()
			}
			want := propPlain{Scheme: "Basic", Token68: base64.StdEncoding.EncodeToString([]byte(bc.User + ":" + bc.Pass))}
			rep.Diff("BasicCredentials", want, propPlain(c))
			s := wire(c)
			if s != "Basic "+want.Token68 {
				rep.Failf("String = %q, want %q", s, "Basic "+want.Token68)
			}
			parsed, err := authz.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			for _, pc := range []authz.Credentials{parsed, {Scheme: bc.Scheme, Token68: c.Token68}} {
				u, p, err := authz.ParseBasic(pc)
				if err != nil || u != bc.User || p != bc.Pass {
					rep.Failf("ParseBasic(%#v) = %q, %q, %v; want %q, %q", propPlain(pc), u, p, err, bc.User, bc.Pass)
				}
			}
			return rep.Result()
		},
		testkit.Gen(func(r *rand.Rand) propBasicCase {
			return propBasicCase{User: propUTF8(r, false, 12), Pass: propUTF8(r, true, 16), Scheme: testkit.CaseVariant(r, "Basic")}
		}, func(c propBasicCase) []propBasicCase {
			var out []propBasicCase
			for _, u := range testkit.ShrinkString(c.User) {
				if utf8.ValidString(u) {
					out = append(out, propBasicCase{u, c.Pass, c.Scheme})
				}
			}
			for _, p := range testkit.ShrinkString(c.Pass) {
				if utf8.ValidString(p) {
					out = append(out, propBasicCase{c.User, p, c.Scheme})
				}
			}
			return out
		}),
	))

	properties.Property("BasicCredentials refuses a colon in the user-id, control characters and bad UTF-8", prop.ForAll(
		func(bc propBasicBad) *gopter.PropResult {
			var rep testkit.Report
			c, err := authz.BasicCredentials(bc.User, bc.Pass)
			propCheckRefusal(&rep, "BasicCredentials", err, bc.Want, -1)
			rep.Diff("BasicCredentials result", propPlain{}, propPlain(c))
			if err != nil {
				testkit.CheckSafeText(&rep, "the error", err.Error(), bc.Secret)
			}
			return rep.Result()
		},
		testkit.Gen(propGenBasicBad, nil),
	))

	properties.Property("ParseBasic refuses malformed Basic credentials and never echoes them", prop.ForAll(
		func(bc propParseBasicBad) *gopter.PropResult {
			var rep testkit.Report
			u, p, err := authz.ParseBasic(bc.C)
			if !errors.Is(err, bc.Want) {
				rep.Failf("ParseBasic error = %v, want %q", err, bc.Want)
			}
			if u != "" || p != "" {
				rep.Failf("ParseBasic returned %q, %q with its error", u, p)
			}
			if err != nil {
				testkit.CheckSafeText(&rep, "the error", err.Error(), bc.Secret)
			}
			return rep.Result()
		},
		testkit.Gen(propGenParseBasicBad, nil),
	))

	properties.Property("BearerCredentials then String, ParseString and ParseBearer round trip b64tokens", prop.ForAll(
		func(tok string) *gopter.PropResult {
			var rep testkit.Report
			c, err := authz.BearerCredentials(tok)
			if err != nil {
				rep.Failf("BearerCredentials(%q): %v", tok, err)
				return rep.Result()
			}
			rep.Diff("BearerCredentials", propPlain{Scheme: "Bearer", Token68: tok}, propPlain(c))
			s := wire(c)
			if s != "Bearer "+tok {
				rep.Failf("String = %q, want %q", s, "Bearer "+tok)
			}
			parsed, err := authz.ParseString(s)
			if err != nil {
				rep.Failf("ParseString(%q): %v", s, err)
			}
			if got, err := authz.ParseBearer(parsed); err != nil || got != tok {
				rep.Failf("ParseBearer(ParseString(%q)) = %q, %v", s, got, err)
			}
			if got, err := authz.ParseBearer(authz.Credentials{Scheme: "bEARER", Token68: tok}); err != nil || got != tok {
				rep.Failf("ParseBearer of scheme bEARER = %q, %v", got, err)
			}
			return rep.Result()
		},
		testkit.Gen(testkit.Token68, func(s string) []string {
			var out []string
			for _, t := range testkit.ShrinkString(s) {
				if testkit.IsToken68(t) {
					out = append(out, t)
				}
			}
			return out
		}),
	))

	properties.Property("BearerCredentials refuses what is not a b64token; ParseBearer refuses tokenless and other schemes", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep testkit.Report
			tok := h.C.Token68
			c, err := authz.BearerCredentials(tok)
			propCheckRefusal(&rep, fmt.Sprintf("BearerCredentials(%q)", tok), err, authz.ErrBearerToken, -1)
			rep.Diff("BearerCredentials result", propPlain{}, propPlain(c))
			if err != nil {
				testkit.CheckSafeText(&rep, "the error", err.Error(), h.Marker)
			}
			for _, bad := range []struct {
				c    authz.Credentials
				want error
			}{
				{authz.Credentials{Scheme: "Bearer"}, authz.ErrBearerToken},
				{authz.Credentials{Scheme: "bearer", Params: []authz.Param{{Name: "access_token", Value: h.Marker}}}, authz.ErrBearerToken},
				{authz.Credentials{Scheme: h.C.Scheme, Token68: h.Marker}, authz.ErrScheme},
			} {
				got, err := authz.ParseBearer(bad.c)
				if got != "" || !errors.Is(err, bad.want) {
					rep.Failf("ParseBearer(%#v) = %q, %v; want %q", propPlain(bad.c), got, err, bad.want)
				}
				if err != nil {
					testkit.CheckSafeText(&rep, "the ParseBearer error", err.Error(), h.Marker)
				}
			}
			return rep.Result()
		},
		testkit.Gen(func(r *rand.Rand) propHostile {
			h := propHostile{Kind: "bearer", Marker: testkit.Marker(r), Want: authz.ErrBearerToken, Param: -1}
			h.C.Scheme = testkit.PickString(r, []string{"Basic", "DPoP", "Bearers", "MAC", "Digest"})
			if r.Intn(8) != 0 {
				h.C.Token68 = testkit.BadToken68(r, h.Marker)
			}
			return h
		}, nil),
	))

	properties.TestingRun(t)
}

// ---------------------------------------------------------------------------
// Secrets stay out of logs and errors.

// propVisible are the parameters Redacted shows.
var propVisible = []string{"realm", "algorithm", "qop", "charset", "userhash"}

func propIsVisible(name string) bool {
	for _, v := range propVisible {
		if strings.EqualFold(name, v) {
			return true
		}
	}
	return false
}

// propSecretCase is credentials holding secrets: in the token68, a Basic
// password, or the values of parameters that Redacted hides.
type propSecretCase struct {
	Kind    string
	C       authz.Credentials
	Secrets []string
}

func (c propSecretCase) String() string {
	return fmt.Sprintf("{Kind:%s C:%#v Secrets:%q}", c.Kind, propPlain(c.C), c.Secrets)
}

func propGenSecretCase(r *rand.Rand) propSecretCase {
	var c propSecretCase
	secret := func() string {
		s := propSecret(r)
		c.Secrets = append(c.Secrets, s)
		return s
	}
	switch r.Intn(6) {
	case 0:
		c.Kind = "Bearer"
		tok := secret() + strings.Repeat("=", r.Intn(3))
		c.C, _ = authz.BearerCredentials(tok)
	case 1:
		c.Kind = "Basic"
		var err error
		c.C, err = authz.BasicCredentials(propUTF8(r, false, 8), propUTF8(r, true, 4)+secret()+propUTF8(r, true, 4))
		if err != nil {
			panic(err)
		}
		c.Secrets = append(c.Secrets, c.C.Token68)
	case 2:
		c.Kind = "token68"
		c.C = authz.Credentials{Scheme: testkit.Scheme(r), Token68: secret()}
	case 3, 4:
		c.Kind = "params"
		c.C = authz.Credentials{Scheme: testkit.PickString(r, []string{"Digest", "DPoP", "HOBA", "SCRAM-SHA-256"})}
		if r.Intn(2) == 0 {
			c.C.Scheme = testkit.Scheme(r)
		}
		seen := map[string]bool{}
		for n := 1 + r.Intn(6); n > 0; n-- {
			name := testkit.PickString(r, []string{"username", "response", "cnonce", "nonce", "opaque", "uri",
				"nc", "token", "signature", "data", "sid", "proof", "password"})
			if r.Intn(3) == 0 {
				name = testkit.Token(r, 8)
			}
			if r.Intn(4) == 0 {
				name = testkit.PickString(r, propVisible)
			}
			name = testkit.CaseVariant(r, name)
			if seen[strings.ToLower(name)] {
				continue
			}
			seen[strings.ToLower(name)] = true
			value := testkit.Value(r) // shown when visible: no secret there
			if !propIsVisible(name) {
				value = testkit.PickString(r, []string{"", " ", "\"", "\\", "x, y=", "\t"}) + secret() +
					testkit.PickString(r, []string{"", " ", "\"", "\\", ", z=w", "\x80"})
			}
			c.C.Params = append(c.C.Params, authz.Param{Name: name, Value: value})
		}
	case 5:
		// Invalid credentials: Redacted and fmt must still hide the secret.
		c.Kind = "invalid"
		c.C = authz.Credentials{Scheme: testkit.Scheme(r)}
		switch r.Intn(4) {
		case 0:
			c.C.Token68 = secret() + testkit.PickString(r, []string{"\r\nX-Injected: 1", " x", "\x00", "=a"})
		case 1:
			c.C.Params = []authz.Param{{Name: "response", Value: secret() + "\r\n"}}
		case 2:
			c.C.Params = []authz.Param{{Name: "bad name", Value: secret()}}
		case 3:
			c.C.Scheme = "Bad Scheme\n"
			c.C.Token68 = secret()
		}
	}
	return c
}

// propRenderings returns every way the credentials may reach a log.
func propRenderings(c authz.Credentials) map[string]string {
	out := map[string]string{
		"Redacted":             c.Redacted(),
		"Sprint":               fmt.Sprint(c),
		"Sprintln":             fmt.Sprintln(c),
		"Errorf %v":            fmt.Errorf("auth failed for %v", c).Error(),
		"%v of *Credentials":   fmt.Sprintf("%v", &c),
		"%+v of *Credentials":  fmt.Sprintf("%+v", &c),
		"%+v of []Credentials": fmt.Sprintf("%+v", []authz.Credentials{c}),
		"%#v of a struct":      fmt.Sprintf("%#v", struct{ C authz.Credentials }{c}),
		"%v of a map":          fmt.Sprintf("%v", map[string]authz.Credentials{"c": c}),
	}
	for _, verb := range []string{"%v", "%s", "%+v", "%#v", "%q", "%x", "%X", "%d", "%20.5v", "%-30s"} {
		out[verb] = fmt.Sprintf(verb, c)
	}
	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"slog JSON": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	}
	for name, h := range handlers {
		var buf bytes.Buffer
		l := slog.New(h(&buf))
		l.Info("x", "c", c)
		l.Info("x", "c", &c)
		l.Info("x", slog.Any("c", c), slog.Group("g", "c", c))
		l.With("c", c).Info("x")
		l.LogAttrs(context.Background(), slog.LevelInfo, "x", slog.Any("c", c))
		out[name] = buf.String()
	}
	return out
}

// propMalformed is a malformed Authorization field holding a secret.
type propMalformed struct {
	Kind   string
	Lines  []string
	Secret string
}

func (m propMalformed) String() string { return fmt.Sprintf("{Kind:%s Lines:%q}", m.Kind, m.Lines) }

var propMalformedTemplates = []struct {
	kind string
	f    func(s string) []string
}{
	{"token68 then a word", func(s string) []string { return []string{"Bearer " + s + " junk"} }},
	{"token68 then a comma", func(s string) []string { return []string{"Bearer " + s + ","} }},
	{"two credentials", func(s string) []string { return []string{"Basic " + s + ", Bearer " + s} }},
	{"token68 then a tchar", func(s string) []string { return []string{"Basic " + s + "!junk"} }},
	{"NUL after token68", func(s string) []string { return []string{"Basic " + s + "\x00"} }},
	{"CRLF injection", func(s string) []string { return []string{"Bearer " + s + "\r\nX-Injected: 1"} }},
	{"HTAB after scheme", func(s string) []string { return []string{"Bearer\t" + s} }},
	{"leading comma", func(s string) []string { return []string{", Bearer " + s} }},
	{"token68 after =", func(s string) []string { return []string{"Bearer =" + s} }},
	{"unterminated quote", func(s string) []string { return []string{`Digest username="u", response="` + s} }},
	{"CTL in quoted-string", func(s string) []string { return []string{`Digest response="` + s + "\x01\""} }},
	{"bad bytes in token value", func(s string) []string { return []string{"Digest response=" + s + "{x}"} }},
	{"duplicate parameter", func(s string) []string { return []string{`Digest response="` + s + `", RESPONSE="` + s + `"`} }},
	{"missing comma", func(s string) []string { return []string{"Digest response=" + s + " nonce=" + s} }},
	{"token68 then a param", func(s string) []string { return []string{"Basic " + s + " realm=x"} }},
	{"two lines", func(s string) []string { return []string{"Bearer " + s, "Bearer " + s} }},
	{"trailing garbage", func(s string) []string { return []string{`Digest realm="a" response="` + s + `" extra`} }},
}

func TestPropertiesAuthzNoLeak(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))

	properties.Property("Redacted, fmt (every verb) and log/slog never show a token68, password or hidden value", prop.ForAll(
		func(sc propSecretCase) *gopter.PropResult {
			var rep testkit.Report
			for name, out := range propRenderings(sc.C) {
				for _, s := range sc.Secrets {
					if strings.Contains(out, s) {
						rep.Failf("%s shows the secret %q: %q", name, s, out)
					}
				}
			}
			propCheckLogSafe(&rep, "Redacted", sc.C.Redacted())
			return rep.Result()
		},
		testkit.Gen(propGenSecretCase, nil),
	))

	properties.Property("errors of malformed credentials, strict and lenient, never hold the secret", prop.ForAll(
		func(m propMalformed) *gopter.PropResult {
			var rep testkit.Report
			lenient := &authz.Parser{Lenient: true}
			check := func(what string, err error) {
				if err != nil && strings.Contains(err.Error(), m.Secret) {
					rep.Failf("%s error shows the secret: %q", what, err)
				}
			}
			c, err := authz.ParseLines(m.Lines)
			if err == nil {
				rep.Failf("strict ParseLines(%q) accepted malformed credentials: %#v", m.Lines, propPlain(c))
			}
			check("strict ParseLines", err)
			h := http.Header{"Authorization": m.Lines}
			_, err = authz.Parse(h)
			check("strict Parse", err)
			if len(m.Lines) == 1 {
				_, err = authz.ParseString(m.Lines[0])
				check("strict ParseString", err)
				_, err = lenient.ParseString(m.Lines[0])
				check("lenient ParseString", err)
			}
			c, err = lenient.ParseLines(m.Lines)
			check("lenient ParseLines", err)
			_, _, err = authz.ParseBasic(c)
			check("ParseBasic", err)
			_, err = authz.ParseBearer(c)
			check("ParseBearer", err)
			for name, out := range propRenderings(c) {
				if strings.Contains(out, m.Secret) {
					rep.Failf("%s of the lenient result %#v shows the secret: %q", name, propPlain(c), out)
				}
			}
			return rep.Result()
		},
		testkit.Gen(func(r *rand.Rand) propMalformed {
			t := propMalformedTemplates[r.Intn(len(propMalformedTemplates))]
			s := testkit.RandString(r, testkit.Alpha+testkit.Digit+"-._~+/", 20, 40)
			return propMalformed{Kind: t.kind, Lines: t.f(s), Secret: s}
		}, nil),
	))

	properties.TestingRun(t)
}
