// Package testkit holds what the test packages of this module share:
// gopter parameters and generators of the pieces of RFC 9110's grammar
// (tokens, token68, values, whitespace, hostile bytes), and the report that
// gives a property's failures as its label.
//
// It is imported only by tests. It is an ordinary package rather than a
// _test.go file because wwwauth_test, authz_test and the root tests are
// different packages, which cannot share test files; being internal, it is
// no part of the library, and no library package imports it, so the
// library's builds do not depend on gopter or go-cmp.
package testkit

import (
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"

	"github.com/httpauth-go/httpauth"
)

// Parameters returns the gopter parameters of one test: runs successful
// runs per property, a tenth of them with -short, seeded from the
// environment variable GOPTER_SEED if it is set. It logs the seed, so
// that a failure can be reproduced.
func Parameters(t testing.TB, runs int) *gopter.TestParameters {
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
	p.MinSuccessfulTests = runs
	if testing.Short() {
		p.MinSuccessfulTests = max(runs/10, 1)
	}
	return p
}

// Gen makes a gopter generator of f, shrinking with the candidates
// shrink returns (nil: no shrinking).
func Gen[T any](f func(r *rand.Rand) T, shrink func(T) []T) gopter.Gen {
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

// Report collects the failures of one check; its result carries them
// (cmp.Diff output included) as the gopter label.
type Report struct{ fails []string }

// Failf records a failure.
func (p *Report) Failf(format string, args ...any) {
	p.fails = append(p.fails, fmt.Sprintf(format, args...))
}

// Diff records a failure if want and got differ (nil and empty slices are
// equal), with the cmp.Diff output.
func (p *Report) Diff(what string, want, got any) {
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		p.Failf("%s (-want +got):\n%s", what, d)
	}
}

// Result is the property's result: true with no failures, else false
// labelled with all of them.
func (p *Report) Result() *gopter.PropResult {
	return gopter.NewPropResult(len(p.fails) == 0, strings.Join(p.fails, "\n"))
}

// Alphabets of the generators, from the ABNF of RFC 9110; Specials are
// the bytes that make a value need quoting.
const (
	Alpha    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	Digit    = "0123456789"
	Tchar    = Alpha + Digit + "!#$%&'*+-.^_`|~" // RFC 9110, 5.6.2
	T68Char  = Alpha + Digit + "-._~+/"          // RFC 9110, 11.2
	Specials = "\"\\ \t,=;:/?@{}()<>[]'"
)

// TokenRE and Token68RE recognize a token and a token68, written again
// from RFC 9110, Sections 5.6.2 and 11.2, independently of the library.
var (
	TokenRE   = regexp.MustCompile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$")
	Token68RE = regexp.MustCompile(`^[A-Za-z0-9\-._~+/]+=*$`)
)

// IsToken reports whether s is a token (TokenRE).
func IsToken(s string) bool { return TokenRE.MatchString(s) }

// IsToken68 reports whether s is a token68 (Token68RE).
func IsToken68(s string) bool { return Token68RE.MatchString(s) }

// ValueOK: a value may hold HTAB, SP, VCHAR and obs-text (qdtext plus
// what a quoted-pair escapes), and no other control character or DEL.
func ValueOK(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7F {
			return false
		}
	}
	return true
}

// KnownSchemes, KnownNames and TrickyValues are what the generators pick
// from, besides random strings: real schemes and parameter names, and
// values that stress quoting.
var (
	KnownSchemes = []string{"Basic", "Bearer", "Digest", "Negotiate", "NTLM", "DPoP", "HOBA",
		"Mutual", "SCRAM-SHA-256", "vapid", "PrivateToken", "AWS4-HMAC-SHA256", "Concealed"}
	KnownNames = []string{"realm", "charset", "error", "error_description", "error_uri", "scope",
		"nonce", "opaque", "qop", "algorithm", "domain", "stale", "userhash", "title", "title*",
		"resource_metadata", "max-age", "challenge", "token-key", "algs"}
	TrickyValues = []string{`"`, `\`, `\"`, `""`, `\\`, "\t", " ", ",", "=", "==", "a,b=c", `a="b"`,
		"\x80", "\xff", "\xc3\xa9t\xc3\xa9", " lead", "trail ", "\t\t", `realm="x"`, "Basic realm=x, Bearer",
		`a\`, `\a`, "x, y=\"z\\\"\", w", "\"\t,\t\"", "~!#$%&'*+-.^_`|", "\x80\xff\x80", "a b"}
)

// PickString returns a random element of xs.
func PickString(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

// RandString returns a random string of min to max bytes of alphabet.
func RandString(r *rand.Rand, alphabet string, min, max int) string {
	n := min + r.Intn(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// CaseVariant flips the case of some ASCII letters: bEaReR, Realm.
func CaseVariant(r *rand.Rand, s string) string {
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

// Token returns a random token of at most max bytes.
func Token(r *rand.Rand, max int) string { return RandString(r, Tchar, 1, max) }

// Scheme returns an auth-scheme: a known one, in any case, or a random token.
func Scheme(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return PickString(r, KnownSchemes)
	case 1:
		return CaseVariant(r, PickString(r, KnownSchemes))
	}
	return Token(r, 12)
}

// Name returns a parameter name: a known one, in any case, or a random token.
func Name(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return PickString(r, KnownNames)
	case 1:
		return CaseVariant(r, PickString(r, KnownNames))
	}
	return Token(r, 10)
}

// Token68 returns a random token68, sometimes with "=" padding.
func Token68(r *rand.Rand) string {
	alphabet := T68Char + "///+++~~~"
	return RandString(r, alphabet, 1, 24) + strings.Repeat("=", r.Intn(4))
}

// ValueByte returns a byte a parameter value may hold, special ones often.
func ValueByte(r *rand.Rand) byte {
	switch r.Intn(8) {
	case 0, 1:
		return Specials[r.Intn(len(Specials))]
	case 2:
		return byte(0x80 + r.Intn(0x80)) // obs-text
	}
	return byte(0x20 + r.Intn(0x7F-0x20)) // SP and VCHAR
}

// URL returns a random URL-like string.
func URL(r *rand.Rand) string {
	return PickString(r, []string{"https", "http", "urn"}) + "://" +
		RandString(r, Alpha+Digit+"-.", 1, 12) + ".example" +
		PickString(r, []string{"", ":8443", ":80"}) + "/" +
		RandString(r, Alpha+Digit+"/-._~%", 0, 16) +
		PickString(r, []string{"", "?a=b&c=d", "?q=%20x#frag", "#x", "?x=\"y\""})
}

// Value generates any valid value: empty, tokens, URLs, quotes,
// backslashes, HTAB, SP, commas, "=", obs-text and UTF-8.
func Value(r *rand.Rand) string {
	switch r.Intn(12) {
	case 0:
		return ""
	case 1, 2:
		return Token(r, 16)
	case 3:
		return URL(r)
	case 4:
		return PickString(r, TrickyValues)
	case 5:
		return PickString(r, []string{"héllo wörld", "日本語", "€ rates", "😀"}) + Token(r, 3)
	}
	n := r.Intn(24)
	b := make([]byte, n)
	for i := range b {
		b[i] = ValueByte(r)
	}
	return string(b)
}

// ParamCount is how many parameters to generate: a few, and at times
// more than 16, where the library's name set switches to a map.
func ParamCount(r *rand.Rand, min int) int {
	if r.Intn(8) == 0 {
		return 17 + r.Intn(30)
	}
	return min + r.Intn(6)
}

// ShrinkString returns shorter versions of s, each once: empty, halves,
// and s without one byte (for the first 32 bytes).
func ShrinkString(s string) []string {
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

// A WireParam is an auth-param as it is written on the wire, with the
// optional whitespace and quoting a generator chose.
type WireParam struct {
	Prefix     string // the first param's: "" or (OWS ",")+ OWS; the others': (OWS ",")+ OWS
	Name       string
	BWS1, BWS2 string
	Value      string
	Quoted     bool  // a quoted-string even when Value is a token
	EscSeed    int64 // nonzero: escape some ordinary bytes as quoted-pairs too
}

// OWS returns random optional whitespace: SP and HTAB.
func OWS(r *rand.Rand) string {
	return PickString(r, []string{"", "", " ", "\t", "  ", " \t", "\t \t"})
}

// Sep is (OWS ",")+ OWS: a list separator with, at times, empty
// elements.
func Sep(r *rand.Rand) string {
	s := OWS(r) + ","
	for r.Intn(4) == 0 {
		s += OWS(r) + ","
	}
	return s + OWS(r)
}

// RenderValue writes v as a token (if it is one and quoted is false) or a
// quoted-string; a nonzero seed also escapes some ordinary bytes, which
// quoted-pairs allow.
func RenderValue(v string, quoted bool, seed int64) string {
	if !quoted && IsToken(v) {
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

// Render writes p as it is on the wire.
func (p WireParam) Render() string {
	return p.Prefix + p.Name + p.BWS1 + "=" + p.BWS2 + RenderValue(p.Value, p.Quoted, p.EscSeed)
}

// CTLs are the bytes no value may hold: CTLs but HTAB, and DEL.
var CTLs = func() string {
	var b []byte
	for c := 0; c < 0x20; c++ {
		if c != '\t' {
			b = append(b, byte(c))
		}
	}
	return string(append(b, 0x7F))
}()

// NonTchar are the bytes a token may not hold.
var NonTchar = func() string {
	var b []byte
	for c := 0; c < 256; c++ {
		if !strings.ContainsRune(Tchar, rune(c)) {
			b = append(b, byte(c))
		}
	}
	return string(b)
}()

// Marker returns a random string that no fixed text holds, to look for
// echoes of a hostile value.
func Marker(r *rand.Rand) string { return "MRK" + RandString(r, Alpha+Digit, 16, 16) }

// Beside puts bad before or after marker, which stays whole so that an
// echo of it can be found.
func Beside(r *rand.Rand, marker, bad string) string {
	if r.Intn(2) == 0 {
		return bad + marker
	}
	return marker + bad
}

// BadToken is empty or holds a byte that is not a tchar: CR, LF, NUL,
// another CTL, DEL, "{", "}", DQUOTE, ",", SP, "/", obs-text...
func BadToken(r *rand.Rand, marker string) string {
	if r.Intn(6) == 0 {
		return ""
	}
	s := marker
	for n := 1 + r.Intn(2); n > 0; n-- {
		bad := PickString(r, []string{"\r", "\n", "\x00", "\x7f", "{", "}", "\"", ",", " ", "/", "\t", "=", ":", "@", "\x80", "\xff"})[0]
		if r.Intn(2) == 0 {
			bad = NonTchar[r.Intn(len(NonTchar))]
		}
		s = Beside(r, s, string([]byte{bad}))
	}
	return s
}

// BadValue holds CR, LF, NUL, another CTL but HTAB, or DEL.
func BadValue(r *rand.Rand, marker string) string {
	s := Value(r)
	for n := 1 + r.Intn(2); n > 0; n-- {
		bad := PickString(r, []string{"\r", "\n", "\x00", "\r\n"})
		if r.Intn(2) == 0 {
			bad = string(CTLs[r.Intn(len(CTLs))])
		}
		i := r.Intn(len(s) + 1)
		s = s[:i] + bad + s[i:]
	}
	return Beside(r, marker, s)
}

// BadToken68 is a non-empty string that is not a token68.
func BadToken68(r *rand.Rand, marker string) string {
	for {
		var s string
		switch r.Intn(4) {
		case 0:
			s = PickString(r, []string{"=abc", "a=b", "a b", "=", "==", "a==b", "a,b", "a\tb", "a\r\nb", "ab=c=", " a", "a "})
		case 1:
			s = "=" + marker
		case 2:
			s = marker + "=" + RandString(r, T68Char, 1, 4)
		default:
			s = Beside(r, marker, PickString(r, []string{"\r", "\n", "\x00", " ", ",", "\"", "!", "#", "*", ":", "@", "\\", "\x7f", "\x80", "\xff"}))
		}
		if s != "" && !IsToken68(s) {
			return s
		}
	}
}

// CheckSafeText checks that a text shown for a refused value has no
// control byte or DEL and does not echo the hostile bytes.
func CheckSafeText(rep *Report, what, s, marker string) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7F {
			rep.Failf("%s holds the byte %#x: %q", what, s[i], s)
			break
		}
	}
	if strings.Contains(s, marker) {
		rep.Failf("%s echoes the hostile value: %q", what, s)
	}
}

// Recorded collects what a lenient parser reports through its Recovered
// function: use r.Func() as the Parser's Recovered field.
type Recorded struct {
	Calls      int // how many times the function was called: 0 or 1 per parse
	Recoveries []httpauth.Recovery
	Omitted    int
}

// Func returns a Recovered function that records into r.
func (r *Recorded) Func() func([]httpauth.Recovery, int) {
	return func(rs []httpauth.Recovery, omitted int) {
		r.Calls++
		r.Recoveries, r.Omitted = rs, omitted
	}
}

// Causes returns the cause of each recorded recovery.
func (r *Recorded) Causes() []error {
	errs := make([]error, len(r.Recoveries))
	for i, rec := range r.Recoveries {
		errs[i] = rec.Err
	}
	return errs
}

// B64 is the b64token alphabet (RFC 6750, Section 2.1).
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/"

// Secret returns a secret long and random enough that finding it anywhere
// means it leaked: a b64token of 24 to 40 characters.
func Secret(r *rand.Rand) string { return "S3" + RandString(r, B64, 22, 38) }
