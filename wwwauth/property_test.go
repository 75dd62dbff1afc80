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
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// propParameters returns the gopter parameters of one test: 1000 successful
// runs per property (100 with -short), seeded from GOPTER_SEED if set.
func propParameters(t *testing.T) *gopter.TestParameters {
	t.Helper()
	seed := time.Now().UnixNano()
	if s := os.Getenv("GOPTER_SEED"); s != "" {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("GOPTER_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("GOPTER_SEED=%d (set it to reproduce this run of %s)", seed, t.Name())
	p := gopter.DefaultTestParametersWithSeed(seed)
	p.MinSuccessfulTests = 1000
	if testing.Short() {
		p.MinSuccessfulTests = 100
	}
	return p
}

// propGen makes a gopter generator of f, shrinking with the candidates
// shrink returns (nil: no shrinking).
func propGen[T any](f func(r *rand.Rand) T, shrink func(T) []T) gopter.Gen {
	return func(gp *gopter.GenParameters) *gopter.GenResult {
		shrinker := gopter.NoShrinker
		if shrink != nil {
			shrinker = func(v interface{}) gopter.Shrink {
				cands := shrink(v.(T))
				i := 0
				return func() (interface{}, bool) {
					if i == len(cands) {
						return nil, false
					}
					i++
					return cands[i-1], true
				}
			}
		}
		return gopter.NewGenResult(f(gp.Rng), shrinker)
	}
}

// propReport collects the failures of one check; its result carries them
// (cmp.Diff output included) as the gopter label.
type propReport struct{ fails []string }

func (p *propReport) failf(format string, args ...any) {
	p.fails = append(p.fails, fmt.Sprintf(format, args...))
}

func (p *propReport) diff(what string, want, got any) {
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		p.failf("%s (-want +got):\n%s", what, d)
	}
}

func (p *propReport) result() *gopter.PropResult {
	return gopter.NewPropResult(len(p.fails) == 0, strings.Join(p.fails, "\n"))
}

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

const (
	propAlpha    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	propDigit    = "0123456789"
	propTchar    = propAlpha + propDigit + "!#$%&'*+-.^_`|~" // RFC 9110, 5.6.2
	propT68Char  = propAlpha + propDigit + "-._~+/"          // RFC 9110, 11.2
	propSpecials = "\"\\ \t,=;:/?@{}()<>[]'"
)

var (
	propTokenRE   = regexp.MustCompile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$")
	propToken68RE = regexp.MustCompile(`^[A-Za-z0-9\-._~+/]+=*$`)
)

func propIsToken(s string) bool   { return propTokenRE.MatchString(s) }
func propIsToken68(s string) bool { return propToken68RE.MatchString(s) }

// propValueOK: a value may hold HTAB, SP, VCHAR and obs-text (qdtext plus
// what a quoted-pair escapes), and no other control character or DEL.
func propValueOK(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7F {
			return false
		}
	}
	return true
}

// propDefects lists what the serializer must refuse in a challenge or
// credentials, per the documentation of AppendText.
func propDefects(scheme, token68 string, params []wwwauth.Param) []error {
	var errs []error
	if !propIsToken(scheme) {
		errs = append(errs, wwwauth.ErrInvalidScheme)
	}
	if token68 != "" && len(params) > 0 {
		errs = append(errs, wwwauth.ErrToken68WithParams)
	}
	if token68 != "" && !propIsToken68(token68) {
		errs = append(errs, wwwauth.ErrInvalidToken68)
	}
	seen := map[string]bool{}
	for _, p := range params {
		if !propIsToken(p.Name) {
			errs = append(errs, wwwauth.ErrInvalidName)
		}
		if !propValueOK(p.Value) {
			errs = append(errs, wwwauth.ErrInvalidValue)
		}
		if k := strings.ToLower(p.Name); seen[k] {
			errs = append(errs, wwwauth.ErrDuplicateParam)
		} else {
			seen[k] = true
		}
	}
	return errs
}

// ---------------------------------------------------------------------------
// Generators of valid pieces.

var (
	propKnownSchemes = []string{"Basic", "Bearer", "Digest", "Negotiate", "NTLM", "DPoP", "HOBA",
		"Mutual", "SCRAM-SHA-256", "vapid", "PrivateToken", "AWS4-HMAC-SHA256", "Concealed"}
	propKnownNames = []string{"realm", "charset", "error", "error_description", "error_uri", "scope",
		"nonce", "opaque", "qop", "algorithm", "domain", "stale", "userhash", "title", "title*",
		"resource_metadata", "max-age", "challenge", "token-key", "algs"}
	propTrickyValues = []string{`"`, `\`, `\"`, `""`, `\\`, "\t", " ", ",", "=", "==", "a,b=c", `a="b"`,
		"\x80", "\xff", "\xc3\xa9t\xc3\xa9", " lead", "trail ", "\t\t", `realm="x"`, "Basic realm=x, Bearer",
		`a\`, `\a`, "x, y=\"z\\\"\", w", "\"\t,\t\"", "~!#$%&'*+-.^_`|", "\x80\xff\x80", "a b"}
)

func propPickString(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

func propRandString(r *rand.Rand, alphabet string, min, max int) string {
	n := min + r.Intn(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// propCaseVariant flips the case of some ASCII letters: bEaReR, Realm.
func propCaseVariant(r *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if r.Intn(2) == 0 {
			switch {
			case 'a' <= c && c <= 'z':
				b[i] = c - 'a' + 'A'
			case 'A' <= c && c <= 'Z':
				b[i] = c - 'A' + 'a'
			}
		}
	}
	return string(b)
}

func propToken(r *rand.Rand, max int) string { return propRandString(r, propTchar, 1, max) }

func propScheme(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return propPickString(r, propKnownSchemes)
	case 1:
		return propCaseVariant(r, propPickString(r, propKnownSchemes))
	}
	return propToken(r, 12)
}

func propName(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return propPickString(r, propKnownNames)
	case 1:
		return propCaseVariant(r, propPickString(r, propKnownNames))
	}
	return propToken(r, 10)
}

func propToken68(r *rand.Rand) string {
	alphabet := propT68Char + "///+++~~~"
	return propRandString(r, alphabet, 1, 24) + strings.Repeat("=", r.Intn(4))
}

func propValueByte(r *rand.Rand) byte {
	switch r.Intn(8) {
	case 0, 1:
		return propSpecials[r.Intn(len(propSpecials))]
	case 2:
		return byte(0x80 + r.Intn(0x80)) // obs-text
	}
	return byte(0x20 + r.Intn(0x7F-0x20)) // SP and VCHAR
}

func propURL(r *rand.Rand) string {
	return propPickString(r, []string{"https", "http", "urn"}) + "://" +
		propRandString(r, propAlpha+propDigit+"-.", 1, 12) + ".example" +
		propPickString(r, []string{"", ":8443", ":80"}) + "/" +
		propRandString(r, propAlpha+propDigit+"/-._~%", 0, 16) +
		propPickString(r, []string{"", "?a=b&c=d", "?q=%20x#frag", "#x", "?x=\"y\""})
}

// propValue generates any valid value: empty, tokens, URLs, quotes,
// backslashes, HTAB, SP, commas, "=", obs-text and UTF-8.
func propValue(r *rand.Rand) string {
	switch r.Intn(12) {
	case 0:
		return ""
	case 1, 2:
		return propToken(r, 16)
	case 3:
		return propURL(r)
	case 4:
		return propPickString(r, propTrickyValues)
	case 5:
		return propPickString(r, []string{"héllo wörld", "日本語", "€ rates", "😀"}) + propToken(r, 3)
	}
	n := r.Intn(24)
	b := make([]byte, n)
	for i := range b {
		b[i] = propValueByte(r)
	}
	return string(b)
}

// propParamCount is how many parameters to generate: a few, and at times
// more than 16, where the library's name set switches to a map.
func propParamCount(r *rand.Rand, min int) int {
	if r.Intn(8) == 0 {
		return 17 + r.Intn(30)
	}
	return min + r.Intn(6)
}

// propUniqueParams returns up to n parameters whose names differ
// case-insensitively.
func propUniqueParams(r *rand.Rand, n int) []wwwauth.Param {
	var ps []wwwauth.Param
	seen := map[string]bool{}
	for tries := 0; len(ps) < n && tries < 10*n; tries++ {
		name := propName(r)
		if k := strings.ToLower(name); !seen[k] {
			seen[k] = true
			ps = append(ps, wwwauth.Param{Name: name, Value: propValue(r)})
		}
	}
	return ps
}

func propChallenge(r *rand.Rand) wwwauth.Challenge {
	c := wwwauth.Challenge{Scheme: propScheme(r)}
	switch r.Intn(4) {
	case 0: // a bare scheme
		if r.Intn(2) == 0 {
			c.Params = []wwwauth.Param{}
		}
	case 1:
		c.Token68 = propToken68(r)
	default:
		c.Params = propUniqueParams(r, propParamCount(r, 1))
	}
	return c
}

// propList is a list of valid challenges.
type propList []wwwauth.Challenge

func (l propList) String() string { return fmt.Sprintf("%#v", propPlainOf(l)) }

func propGenList(min, max int) gopter.Gen {
	return propGen(func(r *rand.Rand) propList {
		n := min + r.Intn(max-min+1)
		l := make(propList, n)
		for i := range l {
			l[i] = propChallenge(r)
		}
		return l
	}, propShrinkList(min))
}

func propValid(c wwwauth.Challenge) bool { return len(propDefects(c.Scheme, c.Token68, c.Params)) == 0 }

// propShrinkString returns shorter versions of s, each once: empty, halves,
// and s without one byte (for the first 32 bytes).
func propShrinkString(s string) []string {
	var out []string
	seen := map[string]bool{s: true}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	add("")
	add(s[:len(s)/2])
	add(s[len(s)/2:])
	for i := 0; i < len(s) && i < 32; i++ {
		add(s[:i] + s[i+1:])
	}
	return out
}

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
	for _, s := range propShrinkString(c.Scheme) {
		add(wwwauth.Challenge{Scheme: s, Token68: c.Token68, Params: c.Params})
	}
	for _, s := range propShrinkString(c.Token68) {
		if s != "" {
			add(wwwauth.Challenge{Scheme: c.Scheme, Token68: s})
		}
	}
	for i := range c.Params {
		add(withParams(func(ps []wwwauth.Param) []wwwauth.Param { return append(ps[:i], ps[i+1:]...) }))
	}
	for i, p := range c.Params {
		for _, v := range propShrinkString(p.Value) {
			add(withParams(func(ps []wwwauth.Param) []wwwauth.Param { ps[i].Value = v; return ps }))
		}
		for _, n := range propShrinkString(p.Name) {
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
	properties := gopter.NewProperties(propParameters(t))

	properties.Property("ParseString(String(c)) == c", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep propReport
			c := l[0]
			s := c.String()
			if strings.HasPrefix(s, "!invalid") {
				rep.failf("String refused a valid challenge: %s", s)
				return rep.result()
			}
			for i := 0; i < len(s); i++ {
				if b := s[i]; b < 0x20 && b != '\t' || b == 0x7F {
					rep.failf("String wrote the control byte %#x: %q", b, s)
				}
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.failf("ParseString(%q): %v", s, err)
			}
			rep.diff(fmt.Sprintf("ParseString(%q)", s), propPlainOf([]wwwauth.Challenge{c}), propPlainOf(got))

			prefix := []byte("WWW-Authenticate: ")
			b, err := c.AppendText(prefix[:len(prefix):len(prefix)])
			if err != nil || string(b) != string(prefix)+s {
				rep.failf("AppendText(prefix) = %q, %v; want prefix + %q", b, err, s)
			}
			m, err := c.MarshalText()
			if err != nil || string(m) != s {
				rep.failf("MarshalText = %q, %v; want %q", m, err, s)
			}
			var u wwwauth.Challenge
			if err := u.UnmarshalText(m); err != nil {
				rep.failf("UnmarshalText(%q): %v", m, err)
			}
			rep.diff("UnmarshalText(MarshalText(c))", propPlain(c), propPlain(u))
			return rep.result()
		},
		propGenList(1, 1),
	))

	properties.Property("ParseString(Format(cs...)) == cs, 1 to 5 challenges", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep propReport
			s, err := wwwauth.Format(l...)
			if err != nil {
				rep.failf("Format refused valid challenges: %v", err)
				return rep.result()
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.failf("ParseString(%q): %v", s, err)
			}
			rep.diff(fmt.Sprintf("ParseString(%q)", s), propPlainOf(l), propPlainOf(got))
			return rep.result()
		},
		propGenList(1, 5),
	))

	properties.Property("Parse(h) after SetLines(h, cs...) and after Set(h, cs...) == cs", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep propReport
			h := http.Header{}
			if err := wwwauth.SetLines(h, l...); err != nil {
				rep.failf("SetLines refused valid challenges: %v", err)
				return rep.result()
			}
			if n := len(h.Values("WWW-Authenticate")); n != len(l) {
				rep.failf("SetLines wrote %d lines for %d challenges", n, len(l))
			}
			got, err := wwwauth.Parse(h)
			if err != nil {
				rep.failf("Parse(%q): %v", h.Values("WWW-Authenticate"), err)
			}
			rep.diff(fmt.Sprintf("Parse(SetLines) of %q", h.Values("WWW-Authenticate")), propPlainOf(l), propPlainOf(got))

			h = http.Header{}
			if err := wwwauth.Set(h, l...); err != nil {
				rep.failf("Set refused valid challenges: %v", err)
				return rep.result()
			}
			got, err = wwwauth.Parse(h)
			if err != nil {
				rep.failf("Parse(%q): %v", h.Values("WWW-Authenticate"), err)
			}
			rep.diff(fmt.Sprintf("Parse(Set) of %q", h.Values("WWW-Authenticate")), propPlainOf(l), propPlainOf(got))
			return rep.result()
		},
		propGenList(1, 5),
	))

	properties.Property("String and Format are fixed points: String(Parse(String(c))) == String(c)", prop.ForAll(
		func(l propList) *gopter.PropResult {
			var rep propReport
			for _, c := range l {
				s := c.String()
				got, err := wwwauth.ParseString(s)
				if err != nil || len(got) != 1 {
					rep.failf("ParseString(%q) = %d challenges, %v", s, len(got), err)
					continue
				}
				if s2 := got[0].String(); s2 != s {
					rep.failf("String(Parse(String(c))) = %q; String(c) = %q", s2, s)
				}
			}
			s, err := wwwauth.Format(l...)
			if err != nil {
				rep.failf("Format: %v", err)
				return rep.result()
			}
			got, err := wwwauth.ParseString(s)
			if err != nil {
				rep.failf("ParseString(%q): %v", s, err)
				return rep.result()
			}
			if s2, err := wwwauth.Format(got...); err != nil || s2 != s {
				rep.failf("Format(Parse(Format(cs))) = %q, %v; Format(cs) = %q", s2, err, s)
			}
			return rep.result()
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

type propWireParam struct {
	Prefix     string // the first param's: "" or (OWS ",")+ OWS; the others': (OWS ",")+ OWS
	Name       string
	BWS1, BWS2 string
	Value      string
	Quoted     bool  // a quoted-string even when Value is a token
	EscSeed    int64 // nonzero: escape some ordinary bytes as quoted-pairs too
}

type propWireChallenge struct {
	Prefix  string // the first challenge's: (OWS ",")* OWS; the others': (OWS ",")+ OWS
	Scheme  string
	Form    int    // 0 bare, 1 token68, 2 #auth-param
	SP      string // 1*SP, for forms 1 and 2
	Token68 string
	Params  []propWireParam
}

type propWire struct {
	Lead, Trail string // OWS; (OWS ",")* OWS
	Cs          []propWireChallenge
	Splits      uint64 // where new field lines start; see lines
}

func (w propWire) String() string {
	return fmt.Sprintf("%q (lines %q)", strings.Join(w.lines(), "\n"), w.lines())
}

func propOWS(r *rand.Rand) string {
	return propPickString(r, []string{"", "", " ", "\t", "  ", " \t", "\t \t"})
}

// propSep is (OWS ",")+ OWS: a list separator with, at times, empty
// elements.
func propSep(r *rand.Rand) string {
	s := propOWS(r) + ","
	for r.Intn(4) == 0 {
		s += propOWS(r) + ","
	}
	return s + propOWS(r)
}

func propRenderValue(v string, quoted bool, seed int64) string {
	if !quoted && propIsToken(v) {
		return v
	}
	var esc *rand.Rand
	if seed != 0 {
		esc = rand.New(rand.NewSource(seed))
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		c := v[i]
		// quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ): any value
		// byte may be escaped, DQUOTE and "\" must be.
		if c == '"' || c == '\\' || esc != nil && esc.Intn(3) == 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte('"')
	return b.String()
}

func (p propWireParam) render() string {
	return p.Prefix + p.Name + p.BWS1 + "=" + p.BWS2 + propRenderValue(p.Value, p.Quoted, p.EscSeed)
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
				b.WriteString(p.render())
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

func propGenWireParams(r *rand.Rand, n int) []propWireParam {
	var ps []propWireParam
	for i, p := range propUniqueParams(r, n) {
		wp := propWireParam{Name: p.Name, Value: p.Value, BWS1: propOWS(r), BWS2: propOWS(r), Quoted: r.Intn(2) == 0}
		if r.Intn(2) == 0 {
			wp.EscSeed = 1 + r.Int63n(1<<40)
		}
		if i > 0 || r.Intn(4) == 0 {
			wp.Prefix = propSep(r)
		}
		ps = append(ps, wp)
	}
	return ps
}

func propGenWireChallenge(r *rand.Rand, first bool) propWireChallenge {
	c := propWireChallenge{Scheme: propScheme(r), Form: r.Intn(3), SP: strings.Repeat(" ", 1+r.Intn(3))}
	switch {
	case !first:
		c.Prefix = propSep(r)
	case r.Intn(3) == 0:
		c.Prefix = propSep(r)
	}
	switch c.Form {
	case 1:
		c.Token68 = propToken68(r)
	case 2:
		c.Params = propGenWireParams(r, propParamCount(r, 0))
	}
	return c
}

func propGenWire(r *rand.Rand) propWire {
	w := propWire{Lead: propOWS(r)}
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
	w.Trail = propOWS(r)
	if r.Intn(3) == 0 {
		w.Trail = propSep(r)
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
			c.Params = append([]propWireParam(nil), c.Params...)
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
		for _, s := range propShrinkString(c.Scheme) {
			if s != "" {
				v := clone()
				v.Cs[k].Scheme = s
				add(v)
			}
		}
		for _, s := range propShrinkString(c.Token68) {
			if c.Form == 1 && propIsToken68(s) {
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
			for _, s := range propShrinkString(p.Value) {
				v := clone()
				v.Cs[k].Params[i].Value = s
				add(v)
			}
			for _, s := range propShrinkString(p.Name) {
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
	properties := gopter.NewProperties(propParameters(t))
	lenient := &wwwauth.Parser{Lenient: true}

	properties.Property("strict parsing accepts ABNF-generated fields and returns the intended challenges", prop.ForAll(
		func(w propWire) *gopter.PropResult {
			var rep propReport
			lines := w.lines()
			got, err := wwwauth.ParseLines(lines)
			if err != nil {
				rep.failf("ParseLines(%q): %v", lines, err)
			}
			rep.diff(fmt.Sprintf("ParseLines(%q)", lines), w.want(), propPlainOf(got))
			h := http.Header{"Www-Authenticate": lines}
			got, err = wwwauth.Parse(h)
			if err != nil {
				rep.failf("Parse(%q): %v", lines, err)
			}
			rep.diff(fmt.Sprintf("Parse(%q)", lines), w.want(), propPlainOf(got))
			return rep.result()
		},
		propGen(propGenWire, propShrinkWire),
	))

	properties.Property("lenient parsing equals strict parsing, with a nil error, on ABNF-generated fields", prop.ForAll(
		func(w propWire) *gopter.PropResult {
			var rep propReport
			lines := w.lines()
			strict, serr := wwwauth.ParseLines(lines)
			got, err := lenient.ParseLines(lines)
			if serr != nil {
				rep.failf("strict ParseLines(%q): %v", lines, serr)
			}
			if err != nil {
				rep.failf("lenient ParseLines(%q): %v", lines, err)
			}
			rep.diff(fmt.Sprintf("lenient vs strict ParseLines(%q)", lines), propPlainOf(strict), propPlainOf(got))
			if len(lines) == 1 {
				got, err := lenient.ParseString(lines[0])
				if err != nil {
					rep.failf("lenient ParseString(%q): %v", lines[0], err)
				}
				rep.diff(fmt.Sprintf("lenient ParseString vs strict (%q)", lines[0]), propPlainOf(strict), propPlainOf(got))
			}
			return rep.result()
		},
		propGen(propGenWire, propShrinkWire),
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

// propCTLs are the bytes no value may hold: CTLs but HTAB, and DEL.
var propCTLs = func() string {
	var b []byte
	for c := 0; c < 0x20; c++ {
		if c != '\t' {
			b = append(b, byte(c))
		}
	}
	return string(append(b, 0x7F))
}()

// propNonTchar are the bytes a token may not hold.
var propNonTchar = func() string {
	var b []byte
	for c := 0; c < 256; c++ {
		if !strings.ContainsRune(propTchar, rune(c)) {
			b = append(b, byte(c))
		}
	}
	return string(b)
}()

func propMarker(r *rand.Rand) string { return "MRK" + propRandString(r, propAlpha+propDigit, 16, 16) }

// propBeside puts bad before or after marker, which stays whole so that an
// echo of it can be found.
func propBeside(r *rand.Rand, marker, bad string) string {
	if r.Intn(2) == 0 {
		return bad + marker
	}
	return marker + bad
}

// propBadToken is empty or holds a byte that is not a tchar: CR, LF, NUL,
// another CTL, DEL, "{", "}", DQUOTE, ",", SP, "/", obs-text...
func propBadToken(r *rand.Rand, marker string) string {
	if r.Intn(6) == 0 {
		return ""
	}
	s := marker
	for n := 1 + r.Intn(2); n > 0; n-- {
		bad := propPickString(r, []string{"\r", "\n", "\x00", "\x7f", "{", "}", "\"", ",", " ", "/", "\t", "=", ":", "@", "\x80", "\xff"})[0]
		if r.Intn(2) == 0 {
			bad = propNonTchar[r.Intn(len(propNonTchar))]
		}
		s = propBeside(r, s, string([]byte{bad}))
	}
	return s
}

// propBadValue holds CR, LF, NUL, another CTL but HTAB, or DEL.
func propBadValue(r *rand.Rand, marker string) string {
	s := propValue(r)
	for n := 1 + r.Intn(2); n > 0; n-- {
		bad := propPickString(r, []string{"\r", "\n", "\x00", "\r\n"})
		if r.Intn(2) == 0 {
			bad = string(propCTLs[r.Intn(len(propCTLs))])
		}
		i := r.Intn(len(s) + 1)
		s = s[:i] + bad + s[i:]
	}
	return propBeside(r, marker, s)
}

// propBadToken68 is a non-empty string that is not a token68.
func propBadToken68(r *rand.Rand, marker string) string {
	for {
		var s string
		switch r.Intn(4) {
		case 0:
			s = propPickString(r, []string{"=abc", "a=b", "a b", "=", "==", "a==b", "a,b", "a\tb", "a\r\nb", "ab=c=", " a", "a "})
		case 1:
			s = "=" + marker
		case 2:
			s = marker + "=" + propRandString(r, propT68Char, 1, 4)
		default:
			s = propBeside(r, marker, propPickString(r, []string{"\r", "\n", "\x00", " ", ",", "\"", "!", "#", "*", ":", "@", "\\", "\x7f", "\x80", "\xff"}))
		}
		if s != "" && !propIsToken68(s) {
			return s
		}
	}
}

func propWithParams(r *rand.Rand, c wwwauth.Challenge, min int) wwwauth.Challenge {
	c.Token68 = ""
	if len(c.Params) < min {
		c.Params = propUniqueParams(r, propParamCount(r, min))
	}
	c.Params = append([]wwwauth.Param(nil), c.Params...)
	return c
}

func propGenHostile(r *rand.Rand) propHostile {
	for {
		h := propHostile{Marker: propMarker(r), Param: -1}
		c := propChallenge(r)
		switch r.Intn(6) {
		case 0:
			h.Kind, h.Want = "scheme", wwwauth.ErrInvalidScheme
			c.Scheme = propBadToken(r, h.Marker)
		case 1:
			h.Kind, h.Want = "name", wwwauth.ErrInvalidName
			c = propWithParams(r, c, 1)
			h.Param = r.Intn(len(c.Params))
			c.Params[h.Param].Name = propBadToken(r, h.Marker)
		case 2:
			h.Kind, h.Want = "value", wwwauth.ErrInvalidValue
			c = propWithParams(r, c, 1)
			h.Param = r.Intn(len(c.Params))
			c.Params[h.Param].Value = propBadValue(r, h.Marker)
		case 3:
			h.Kind, h.Want = "token68", wwwauth.ErrInvalidToken68
			c.Params = nil
			c.Token68 = propBadToken68(r, h.Marker)
		case 4:
			h.Kind, h.Want = "token68 with params", wwwauth.ErrToken68WithParams
			c = propWithParams(r, c, 1)
			c.Token68 = propToken68(r)
			c.Params[r.Intn(len(c.Params))].Value = h.Marker
		case 5:
			h.Kind, h.Want = "duplicate", wwwauth.ErrDuplicateParam
			c = propWithParams(r, c, 2)
			i := r.Intn(len(c.Params) - 1)
			h.Param = i + 1 + r.Intn(len(c.Params)-i-1)
			c.Params[h.Param] = wwwauth.Param{Name: propCaseVariant(r, c.Params[i].Name), Value: h.Marker}
		}
		h.C = c
		// Exactly one defect, as the independent oracle sees it.
		if d := propDefects(c.Scheme, c.Token68, c.Params); len(d) == 1 && d[0] == h.Want {
			return h
		}
	}
}

// propCheckRefusal checks the error of a refused serialization.
func propCheckRefusal(rep *propReport, what string, err error, want error, param int) {
	var fe *wwwauth.FormatError
	switch {
	case err == nil:
		rep.failf("%s: no error, want %q", what, want)
	case !errors.As(err, &fe):
		rep.failf("%s: error %T %q is not a *wwwauth.FormatError", what, err, err)
	case !errors.Is(err, want):
		rep.failf("%s: error %q does not wrap %q", what, err, want)
	case fe.Param != param:
		rep.failf("%s: FormatError.Param = %d, want %d (%q)", what, fe.Param, param, err)
	}
}

// propCheckSafeText checks that a text shown for a refused value has no
// control byte or DEL and does not echo the hostile bytes.
func propCheckSafeText(rep *propReport, what, s, marker string) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7F {
			rep.failf("%s holds the byte %#x: %q", what, s[i], s)
			break
		}
	}
	if strings.Contains(s, marker) {
		rep.failf("%s echoes the hostile value: %q", what, s)
	}
}

func TestPropertiesWWWAuthRefusal(t *testing.T) {
	properties := gopter.NewProperties(propParameters(t))

	properties.Property("AppendText refuses a hostile challenge with the right FormatError and b unchanged", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep propReport
			prefix := []byte("WWW-Authenticate: Basic realm=\"x\", ")
			b := append(make([]byte, 0, 256), prefix...)
			got, err := h.C.AppendText(b)
			propCheckRefusal(&rep, "AppendText", err, h.Want, h.Param)
			var fe *wwwauth.FormatError
			if errors.As(err, &fe) && fe.Challenge != 0 {
				rep.failf("FormatError.Challenge = %d, want 0", fe.Challenge)
			}
			if !bytes.Equal(got, prefix) || len(got) != len(prefix) || !bytes.Equal(b, prefix) {
				rep.failf("AppendText returned %q, want b unchanged %q", got, prefix)
			}
			if err != nil {
				propCheckSafeText(&rep, "the error", err.Error(), h.Marker)
			}
			s := h.C.String()
			if !strings.HasPrefix(s, "!invalid challenge: ") {
				rep.failf("String = %q, want a \"!invalid challenge: \" description", s)
			}
			propCheckSafeText(&rep, "String", s, h.Marker)
			if m, err := h.C.MarshalText(); err == nil || len(m) != 0 {
				rep.failf("MarshalText = %q, %v; want nothing and an error", m, err)
			}
			return rep.result()
		},
		propGen(propGenHostile, nil),
	))

	properties.Property("AppendList, Format, Set and SetLines refuse a list holding a hostile challenge", prop.ForAll(
		func(h propHostile, l propList, pos int) *gopter.PropResult {
			var rep propReport
			k := pos % (len(l) + 1)
			cs := append(append(append([]wwwauth.Challenge{}, l[:k]...), h.C), l[k:]...)
			checkIndex := func(what string, err error) {
				propCheckRefusal(&rep, what, err, h.Want, h.Param)
				var fe *wwwauth.FormatError
				if errors.As(err, &fe) && fe.Challenge != k {
					rep.failf("%s: FormatError.Challenge = %d, want %d", what, fe.Challenge, k)
				}
				if err != nil {
					propCheckSafeText(&rep, what+" error", err.Error(), h.Marker)
				}
			}

			prefix := []byte("x: ")
			b := append(make([]byte, 0, 512), prefix...)
			got, err := wwwauth.AppendList(b, cs...)
			checkIndex("AppendList", err)
			if !bytes.Equal(got, prefix) || !bytes.Equal(b, prefix) {
				rep.failf("AppendList returned %q, want b unchanged %q", got, prefix)
			}
			s, err := wwwauth.Format(cs...)
			checkIndex("Format", err)
			if s != "" {
				rep.failf("Format returned %q with its error", s)
			}

			orig := http.Header{"Www-Authenticate": {`Basic realm="old"`}, "X-Other": {"1"}}
			for _, set := range []struct {
				name string
				f    func(http.Header, ...wwwauth.Challenge) error
			}{{"Set", wwwauth.Set}, {"SetLines", wwwauth.SetLines}} {
				hd := orig.Clone()
				checkIndex(set.name, set.f(hd, cs...))
				rep.diff(set.name+" changed the header", orig, hd)
			}
			return rep.result()
		},
		propGen(propGenHostile, nil),
		propGenList(0, 4),
		propGen(func(r *rand.Rand) int { return r.Intn(1 << 20) }, nil),
	))

	properties.Property("AppendText accepts exactly what the oracle accepts, and names one of the defects", prop.ForAll(
		func(h propHostile) *gopter.PropResult {
			var rep propReport
			c := h.C
			defects := propDefects(c.Scheme, c.Token68, c.Params)
			prefix := []byte("p: ")
			got, err := c.AppendText(prefix[:len(prefix):len(prefix)])
			if len(defects) == 0 {
				if err != nil {
					rep.failf("AppendText refused a valid challenge: %v", err)
					return rep.result()
				}
				back, err := wwwauth.ParseString(string(got[len(prefix):]))
				if err != nil {
					rep.failf("ParseString(%q): %v", got[len(prefix):], err)
				}
				rep.diff("ParseString(AppendText(c))", propPlainOf([]wwwauth.Challenge{c}), propPlainOf(back))
				return rep.result()
			}
			var fe *wwwauth.FormatError
			if !errors.As(err, &fe) {
				rep.failf("AppendText = %q, %v; want a *FormatError, one of %q", got, err, defects)
				return rep.result()
			}
			found := false
			for _, d := range defects {
				found = found || errors.Is(err, d)
			}
			if !found {
				rep.failf("AppendText error %q is none of the defects %q", err, defects)
			}
			if !bytes.Equal(got, prefix) {
				rep.failf("AppendText returned %q, want b unchanged", got)
			}
			propCheckSafeText(&rep, "String", c.String(), h.Marker)
			return rep.result()
		},
		propGen(propGenMixed, nil),
	))

	properties.TestingRun(t)
}

// propGenMixed builds a challenge whose parts are each valid or hostile at
// random, so that a challenge may have no defect, one, or several.
func propGenMixed(r *rand.Rand) propHostile {
	h := propHostile{Kind: "mixed", Marker: propMarker(r), Param: -1}
	c := wwwauth.Challenge{Scheme: propScheme(r)}
	if r.Intn(5) == 0 {
		c.Scheme = propBadToken(r, h.Marker)
	}
	if r.Intn(3) == 0 {
		c.Token68 = propToken68(r)
		if r.Intn(4) == 0 {
			c.Token68 = propBadToken68(r, h.Marker)
		}
	}
	if c.Token68 == "" || r.Intn(5) == 0 {
		c.Params = propUniqueParams(r, propParamCount(r, 0))
		for i := range c.Params {
			switch r.Intn(12) {
			case 0:
				c.Params[i].Name = propBadToken(r, h.Marker)
			case 1:
				c.Params[i].Value = propBadValue(r, h.Marker)
			case 2:
				c.Params[i].Name = propCaseVariant(r, c.Params[r.Intn(i+1)].Name)
			}
		}
	}
	h.C = c
	return h
}
