package wwwauth_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// ch builds a challenge for the tables: ch("Basic", "realm", "x", ...).
func ch(scheme string, nv ...string) wwwauth.Challenge {
	c := wwwauth.Challenge{Scheme: scheme}
	for i := 0; i < len(nv); i += 2 {
		c.Params = append(c.Params, wwwauth.Param{Name: nv[i], Value: nv[i+1]})
	}
	return c
}

func t68(scheme, token string) wwwauth.Challenge {
	return wwwauth.Challenge{Scheme: scheme, Token68: token}
}

var equateEmpty = cmpopts.EquateEmpty()

// validTests are field values RFC 9110 accepts, with what they hold.
var validTests = []struct {
	name  string
	lines []string
	want  []wwwauth.Challenge
}{
	// RFC 9110, Section 11.6.1: the example, with a comma inside a
	// quoted-string and escaped DQUOTEs.
	{"rfc9110 newauth", []string{`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`},
		[]wwwauth.Challenge{ch("Newauth", "realm", "apps", "type", "1", "title", `Login to "apps"`), ch("Basic", "realm", "simple")}},
	// Docker Hub: no space after the commas.
	{"docker hub", []string{`Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"`},
		[]wwwauth.Challenge{ch("Bearer", "realm", "https://auth.docker.io/token", "service", "registry.docker.io", "scope", "repository:library/ubuntu:pull")}},
	// A bare scheme: no parameters at all.
	{"bare scheme", []string{"Negotiate"}, []wwwauth.Challenge{ch("Negotiate")}},
	// Bare schemes in a list.
	{"bare list", []string{"Negotiate, NTLM"}, []wwwauth.Challenge{ch("Negotiate"), ch("NTLM")}},
	// token68 with padding is not an auth-param: two challenges.
	{"token68 padding then challenge", []string{`NTLM TlRMTVNTUAACAAAA==, Basic realm="x"`},
		[]wwwauth.Challenge{t68("NTLM", "TlRMTVNTUAACAAAA=="), ch("Basic", "realm", "x")}},
	// token68 uses "/" and "+", which are not tchar.
	{"token68 slash plus", []string{"Negotiate a/b+c~d.e_f-g=="}, []wwwauth.Challenge{t68("Negotiate", "a/b+c~d.e_f-g==")}},
	// "a=" can only be a token68: an auth-param needs a value.
	{"token68 one pad", []string{"X a="}, []wwwauth.Challenge{t68("X", "a=")}},
	// A token that is also a token68: token68, since there is no "=".
	{"token68 plain", []string{"Bearer abc"}, []wwwauth.Challenge{t68("Bearer", "abc")}},
	// BWS around "=" (RFC 9110, Section 11.2).
	{"bws around equals", []string{"X a = b ,c\t=\t\"d\""}, []wwwauth.Challenge{ch("X", "a", "b", "c", "d")}},
	// Several SP after the scheme.
	{"several SP", []string{"Basic   realm=x"}, []wwwauth.Challenge{ch("Basic", "realm", "x")}},
	// Empty list elements everywhere (Section 5.6.1).
	{"empty elements", []string{` , ,Basic realm="a" ,, , Bearer realm="b",, `},
		[]wwwauth.Challenge{ch("Basic", "realm", "a"), ch("Bearer", "realm", "b")}},
	// "Basic ," is scheme SP and an #auth-param list of empty elements,
	// so a parameter may follow the comma.
	{"sp comma param", []string{`Basic , realm="x"`}, []wwwauth.Challenge{ch("Basic", "realm", "x")}},
	// "Basic \t," likewise: the SP opens the list, the HTAB is OWS.
	{"sp htab comma param", []string{"Basic \t, realm=x"}, []wwwauth.Challenge{ch("Basic", "realm", "x")}},
	// "Basic\t," is a bare challenge then a list comma; what follows must be a challenge.
	{"htab comma challenge", []string{"Basic\t, Bearer"}, []wwwauth.Challenge{ch("Basic"), ch("Bearer")}},
	// An empty value and an entirely empty field are empty lists.
	{"empty", []string{""}, nil},
	{"only commas", []string{" , ,, "}, nil},
	{"no lines", nil, nil},
	// The token and quoted-string forms are equivalent; quoted-pairs
	// unescape, including of ordinary characters.
	{"escapes", []string{`X a="\a\\\"b", b=""`}, []wwwauth.Challenge{ch("X", "a", `a\"b`, "b", "")}},
	// Commas and "=" inside a quoted-string do not split.
	{"comma in quotes", []string{`X a="b, c=d", e=f`}, []wwwauth.Challenge{ch("X", "a", "b, c=d", "e", "f")}},
	// HTAB, SP and obs-text inside a quoted-string.
	{"qdtext", []string{"X a=\"\t \xe2\x82\xac\xff\""}, []wwwauth.Challenge{ch("X", "a", "\t \xe2\x82\xac\xff")}},
	// quoted-pair may escape HTAB, SP and obs-text.
	{"quoted-pair classes", []string{"X a=\"\\\t\\ \\\xff\""}, []wwwauth.Challenge{ch("X", "a", "\t \xff")}},
	// Names and schemes keep their case; tchar includes !#$%&'*+-.^_`|~.
	{"tchar names", []string{"!#$%&'*+-.^_`|~ Realm=x, A!b=c'd"}, []wwwauth.Challenge{ch("!#$%&'*+-.^_`|~", "Realm", "x", "A!b", "c'd")}},
	// Names compare case-insensitively only for duplicates: "a" and "b" are distinct.
	{"distinct names", []string{"X a=1, b=2, ab=3"}, []wwwauth.Challenge{ch("X", "a", "1", "b", "2", "ab", "3")}},
	// Several lines form one list (Section 5.3).
	{"two lines", []string{`Basic realm="a"`, `Bearer realm="b"`}, []wwwauth.Challenge{ch("Basic", "realm", "a"), ch("Bearer", "realm", "b")}},
	// A line may continue the previous line's parameters: the combined
	// value is `Basic realm="a", charset=UTF-8`.
	{"params across lines", []string{`Basic realm="a"`, `charset=UTF-8`}, []wwwauth.Challenge{ch("Basic", "realm", "a", "charset", "UTF-8")}},
	// Empty lines are empty list elements.
	{"empty lines", []string{"", "Basic", "  ", ""}, []wwwauth.Challenge{ch("Basic")}},
	// Leading and trailing OWS are not part of the field value (Section 5.5).
	{"trimmed", []string{" \tBasic realm=x \t"}, []wwwauth.Challenge{ch("Basic", "realm", "x")}},
	// RFC 8187 ext-values stay as received in Params.
	{"ext-value kept", []string{`X title*=UTF-8''%e2%82%ac%20rates, title="EUR rates"`},
		[]wwwauth.Challenge{ch("X", "title*", "UTF-8''%e2%82%ac%20rates", "title", "EUR rates")}},
}

func TestParseValid(t *testing.T) {
	for _, tt := range validTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wwwauth.ParseLines(tt.lines)
			if err != nil {
				t.Fatalf("ParseLines(%q) error: %v", tt.lines, err)
			}
			if diff := cmp.Diff(tt.want, got, equateEmpty); diff != "" {
				t.Errorf("ParseLines(%q) mismatch (-want +got):\n%s", tt.lines, diff)
			}
			lenient, err := (&wwwauth.Parser{Lenient: true}).ParseLines(tt.lines)
			if err != nil {
				t.Errorf("lenient ParseLines(%q) error on valid input: %v", tt.lines, err)
			}
			if diff := cmp.Diff(got, lenient); diff != "" {
				t.Errorf("lenient ParseLines(%q) differs from strict (-strict +lenient):\n%s", tt.lines, diff)
			}
		})
	}
}

// invalidTests are field values RFC 9110 rejects, with where and why.
var invalidTests = []struct {
	name   string
	lines  []string
	line   int // 1-based
	offset int
	cause  error
}{
	// The example of the issue: the quoted-string opens at offset 13.
	{"unterminated", []string{`Bearer realm="abc`}, 1, 13, grammar.ErrUnterminatedQuote},
	// A backslash at the very end escapes nothing.
	{"unterminated by backslash", []string{`X a="b\`}, 1, 4, grammar.ErrUnterminatedQuote},
	// No SP after the scheme: the parameter would have to be a challenge.
	{"comma after scheme", []string{`Bearer, error="invalid_token"`}, 1, 8, grammar.ErrStrayParam},
	// A parameter alone is not a challenge.
	{"param alone", []string{`realm="x"`}, 1, 0, grammar.ErrStrayParam},
	// A token68 challenge takes no parameters.
	{"param after token68", []string{`Negotiate abc, realm="x"`}, 1, 15, grammar.ErrStrayParam},
	// A line cannot continue a bare challenge of the previous line.
	{"param after bare line", []string{"Basic", "realm=x"}, 2, 0, grammar.ErrStrayParam},
	// Parameters separated by whitespace only.
	{"missing comma", []string{`Bearer realm="a" error="b"`}, 1, 17, grammar.ErrExpectedComma},
	// Two token68s.
	{"two token68", []string{"Bearer a b"}, 1, 9, grammar.ErrExpectedComma},
	// token68 followed by a non-token68 byte.
	{"token68 junk", []string{"Bearer a/b=c"}, 1, 11, grammar.ErrExpectedComma},
	// "=" then nothing, after BWS: neither token68 nor auth-param.
	{"no value", []string{"Bearer a ="}, 1, 10, grammar.ErrExpectedValue},
	// "=" then a comma.
	{"empty value", []string{"Bearer a=b, c=, d=e"}, 1, 14, grammar.ErrExpectedValue},
	// An unquoted URL: ":" is not a tchar.
	{"unquoted url", []string{"Bearer authorization_uri=https://x"}, 1, 30, grammar.ErrExpectedComma},
	// Only SP may follow the scheme.
	{"htab after scheme", []string{"Bearer\trealm=x"}, 1, 6, grammar.ErrExpectedSP},
	{"sp htab after scheme", []string{"Bearer \trealm=x"}, 1, 7, grammar.ErrExpectedSP},
	{"quote after scheme", []string{`Bearer"x"`}, 1, 6, grammar.ErrExpectedSP},
	// A quoted-string is not a token68 or an auth-param.
	{"quoted after scheme", []string{`Bearer "x"`}, 1, 7, grammar.ErrExpectedAuthParam},
	// "{" is not a tchar (package mime would accept it).
	{"brace in scheme", []string{"Bea{rer"}, 1, 3, grammar.ErrExpectedSP},
	{"brace element", []string{"{Bearer}"}, 1, 0, grammar.ErrExpectedScheme},
	// Garbage between commas.
	{"garbage element", []string{`Basic realm="x", @@@, Bearer`}, 1, 17, grammar.ErrExpectedScheme},
	// Control characters: never valid, in or out of a quoted-string.
	{"nul in quotes", []string{"X a=\"b\x00c\""}, 1, 6, grammar.ErrQuotedByte},
	{"cr in quotes", []string{"X a=\"b\rc\""}, 1, 6, grammar.ErrQuotedByte},
	{"lf in token", []string{"X a=b\nc=d"}, 1, 5, grammar.ErrExpectedComma},
	{"del in quotes", []string{"X a=\"\x7f\""}, 1, 5, grammar.ErrQuotedByte},
	{"escaped lf", []string{"X a=\"\\\n\""}, 1, 6, grammar.ErrQuotedByte},
	{"obs-text in token", []string{"X a=\xff"}, 1, 4, grammar.ErrExpectedValue},
	// Duplicates compare case-insensitively (Section 11.2).
	{"duplicate", []string{`Bearer realm="a", Realm="b"`}, 1, 18, httpauth.ErrDuplicateParam},
	{"duplicate across lines", []string{`Bearer realm="a"`, `REALM=b`}, 2, 0, httpauth.ErrDuplicateParam},
	// The error names the line at fault.
	{"second line", []string{"Basic", `Bearer realm="x`}, 2, 13, grammar.ErrUnterminatedQuote},
}

func TestParseInvalid(t *testing.T) {
	for _, tt := range invalidTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := wwwauth.ParseLines(tt.lines)
			if got != nil {
				t.Errorf("ParseLines(%q) = %v, want no result", tt.lines, got)
			}
			var se *httpauth.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseLines(%q) error = %v, want a *SyntaxError", tt.lines, err)
			}
			if se.Line != tt.line || se.Offset != tt.offset || se.Err != tt.cause {
				t.Errorf("ParseLines(%q) error = line %d, offset %d, %v; want line %d, offset %d, %v",
					tt.lines, se.Line, se.Offset, se.Err, tt.line, tt.offset, tt.cause)
			}
			if !errors.Is(err, tt.cause) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.cause)
			}
		})
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := wwwauth.ParseString(`Bearer realm="abc`)
	const want = "httpauth: line 1, offset 13: unterminated quoted-string"
	if err == nil || err.Error() != want {
		t.Errorf("ParseString error = %v, want %q", err, want)
	}
}

// rec is a recovery as the lenient tables expect it.
type rec struct {
	Line, Offset int
	Err          error
}

// lenientTests are malformed values a lenient parser recovers.
var lenientTests = []struct {
	name  string
	lines []string
	want  []wwwauth.Challenge
	recs  []rec
}{
	// A comma right after the scheme.
	{"comma after scheme", []string{`Bearer, error="invalid_token"`},
		[]wwwauth.Challenge{ch("Bearer", "error", "invalid_token")}, []rec{{1, 8, grammar.ErrStrayParam}}},
	// Parameters separated by whitespace.
	{"whitespace separated", []string{`Bearer realm="a" error="b"`},
		[]wwwauth.Challenge{ch("Bearer", "realm", "a", "error", "b")}, []rec{{1, 17, grammar.ErrExpectedComma}}},
	// Unquoted values with non-tchar bytes, as Azure and NTLM-ish servers send.
	{"unquoted url", []string{`Bearer authorization_uri=https://login.example/authorize, error=x`},
		[]wwwauth.Challenge{ch("Bearer", "authorization_uri", "https://login.example/authorize", "error", "x")},
		[]rec{{1, 30, grammar.ErrExpectedComma}}},
	{"unquoted padding", []string{`X realm=r, challenge=AAIA==`},
		[]wwwauth.Challenge{ch("X", "realm", "r", "challenge", "AAIA==")}, []rec{{1, 25, grammar.ErrExpectedComma}}},
	// An unterminated quoted-string is closed at the end of the line.
	{"unterminated", []string{`Bearer realm="abc, error=x`},
		[]wwwauth.Challenge{ch("Bearer", "realm", "abc, error=x")}, []rec{{1, 13, grammar.ErrUnterminatedQuote}}},
	// HTAB instead of SP after the scheme.
	{"htab after scheme", []string{"Bearer\trealm=x"},
		[]wwwauth.Challenge{ch("Bearer", "realm", "x")}, []rec{{1, 6, grammar.ErrExpectedSP}}},
	// A duplicate: the first one wins.
	{"duplicate", []string{`Bearer realm="a", REALM="b", error=e`},
		[]wwwauth.Challenge{ch("Bearer", "realm", "a", "error", "e")}, []rec{{1, 18, httpauth.ErrDuplicateParam}}},
	// A garbage element is skipped; the challenges around it are kept,
	// and so is the parameter after it.
	{"garbage skipped", []string{`Basic realm="x", @@@ "a,b", charset=UTF-8, Bearer`},
		[]wwwauth.Challenge{ch("Basic", "realm", "x", "charset", "UTF-8"), ch("Bearer")}, []rec{{1, 17, grammar.ErrExpectedScheme}}},
	// A control byte in a quoted-string makes the element garbage.
	{"control in quotes", []string{"Basic realm=\"a\x00b\", Bearer"},
		[]wwwauth.Challenge{ch("Basic"), ch("Bearer")}, []rec{{1, 14, grammar.ErrQuotedByte}}},
	// A parameter with no challenge before it is dropped.
	{"param alone", []string{`realm="x", Basic`}, []wwwauth.Challenge{ch("Basic")}, []rec{{1, 0, grammar.ErrStrayParam}}},
	// A parameter after a token68 is dropped.
	{"param after token68", []string{`NTLM abc, realm="x"`}, []wwwauth.Challenge{t68("NTLM", "abc")}, []rec{{1, 10, grammar.ErrStrayParam}}},
	// "=" then nothing: an empty value.
	{"empty value", []string{"X b=c, a=, d=e"}, []wwwauth.Challenge{ch("X", "b", "c", "a", "", "d", "e")}, []rec{{1, 9, grammar.ErrExpectedValue}}},
	// "a=" right after the scheme is a token68, as strict parsing reads
	// it; the parameter after it is dropped.
	{"token68 then param", []string{"X a=, b=c"}, []wwwauth.Challenge{t68("X", "a=")}, []rec{{1, 6, grammar.ErrStrayParam}}},
	// A malformed token68 is skipped whole, not truncated.
	{"malformed token68", []string{"Bearer abc!def, Basic"}, []wwwauth.Challenge{ch("Bearer"), ch("Basic")}, []rec{{1, 10, grammar.ErrExpectedComma}}},
	// An unquoted value of several words runs to the next comma...
	{"unquoted words", []string{`Basic realm=Restricted Area, charset=UTF-8`},
		[]wwwauth.Challenge{ch("Basic", "realm", "Restricted Area", "charset", "UTF-8")}, []rec{{1, 23, grammar.ErrExpectedComma}}},
	// ...unless a word starts a parameter: then the comma was missing.
	{"words then param", []string{`Basic realm=Restricted Area charset=UTF-8`},
		[]wwwauth.Challenge{ch("Basic", "realm", "Restricted"), ch("Area", "charset", "UTF-8")}, []rec{{1, 23, grammar.ErrExpectedComma}}},
	// Recoveries carry their line.
	{"second line", []string{"Basic", "Bearer\trealm=x"},
		[]wwwauth.Challenge{ch("Basic"), ch("Bearer", "realm", "x")}, []rec{{2, 6, grammar.ErrExpectedSP}}},
	// Several recoveries in one value, in order.
	{"several", []string{"Bearer, realm=a error=https://x"},
		[]wwwauth.Challenge{ch("Bearer", "realm", "a", "error", "https://x")},
		[]rec{{1, 8, grammar.ErrStrayParam}, {1, 16, grammar.ErrExpectedComma}, {1, 27, grammar.ErrExpectedComma}}},
}

func TestParseLenient(t *testing.T) {
	for _, tt := range lenientTests {
		t.Run(tt.name, func(t *testing.T) {
			var recorded testkit.Recorded
			p := wwwauth.Parser{Lenient: true, Recovered: recorded.Func()}
			got, err := p.ParseLines(tt.lines)
			if diff := cmp.Diff(tt.want, got, equateEmpty); diff != "" {
				t.Errorf("lenient ParseLines(%q) mismatch (-want +got):\n%s", tt.lines, diff)
			}
			if err != nil || recorded.Calls != 1 {
				t.Fatalf("lenient ParseLines(%q) error = %v and %d calls of Recovered, want nil and one", tt.lines, err, recorded.Calls)
			}
			var recs []rec
			for _, r := range recorded.Recoveries {
				recs = append(recs, rec{r.Line, r.Offset, r.Err})
				if r.Assumed == "" {
					t.Errorf("recovery %v says nothing of what was assumed", r)
				}
			}
			if diff := cmp.Diff(tt.recs, recs, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("recoveries mismatch (-want +got):\n%s", diff)
			}
			if _, err := wwwauth.ParseLines(tt.lines); err == nil {
				t.Errorf("strict ParseLines(%q) accepted input that needed recovery", tt.lines)
			}
		})
	}
}

func TestRecoveryMessage(t *testing.T) {
	var rec testkit.Recorded
	cs, err := (&wwwauth.Parser{Lenient: true, Recovered: rec.Func()}).ParseString(`Bearer, error="invalid_token"`)
	if err != nil || len(cs) != 1 || len(rec.Recoveries) != 1 {
		t.Fatalf("lenient parse = %v, %v, with %d recoveries; want one challenge, no error and one recovery", cs, err, len(rec.Recoveries))
	}
	const want = "line 1, offset 8: expected auth-scheme, found auth-param (took the auth-param as one of the preceding auth-scheme's)"
	if got := rec.Recoveries[0].String(); got != want {
		t.Errorf("Recovery.String() = %q, want %q", got, want)
	}
}

// TestRecoveriesBounded checks that hostile input cannot make the list of
// recoveries grow with it: the first MaxRecoveries are listed, the rest
// counted.
func TestRecoveriesBounded(t *testing.T) {
	in := strings.Repeat("@,", grammar.MaxRecoveries+36) + "Basic"
	var rec testkit.Recorded
	cs, err := (&wwwauth.Parser{Lenient: true, Recovered: rec.Func()}).ParseString(in)
	if err != nil || len(rec.Recoveries) != grammar.MaxRecoveries || rec.Omitted != 36 {
		t.Fatalf("error = %v, %d recoveries listed and %d omitted; want none, %d and 36", err, len(rec.Recoveries), rec.Omitted, grammar.MaxRecoveries)
	}
	if last := rec.Recoveries[len(rec.Recoveries)-1]; last.Offset != 2*(grammar.MaxRecoveries-1) {
		t.Errorf("last listed recovery at offset %d, want %d: the first ones are kept", last.Offset, 2*(grammar.MaxRecoveries-1))
	}
	if diff := cmp.Diff([]wwwauth.Challenge{ch("Basic")}, cs, equateEmpty); diff != "" {
		t.Errorf("challenges mismatch (-want +got):\n%s", diff)
	}
}

func TestParseHeader(t *testing.T) {
	h := http.Header{}
	h.Add("WWW-Authenticate", `Basic realm="a"`)
	h.Add("Www-Authenticate", `Bearer realm="b"`)
	h.Add("Proxy-Authenticate", `Digest realm="p"`)
	got, err := wwwauth.Parse(h)
	if err != nil {
		t.Fatal(err)
	}
	want := []wwwauth.Challenge{ch("Basic", "realm", "a"), ch("Bearer", "realm", "b")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse mismatch (-want +got):\n%s", diff)
	}
	got, err = wwwauth.ParseLines(h.Values("Proxy-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]wwwauth.Challenge{ch("Digest", "realm", "p")}, got); diff != "" {
		t.Errorf("ParseLines(Proxy-Authenticate) mismatch (-want +got):\n%s", diff)
	}
	if got, err := wwwauth.Parse(http.Header{}); got != nil || err != nil {
		t.Errorf("Parse(empty header) = %v, %v; want nil, nil", got, err)
	}
}

// TestParamsDoNotAlias checks that appending to one challenge's Params
// cannot overwrite the next challenge's, though they share one array.
func TestParamsDoNotAlias(t *testing.T) {
	cs, err := wwwauth.ParseString(`A a=1, B b=2`)
	if err != nil {
		t.Fatal(err)
	}
	_ = append(cs[0].Params, wwwauth.Param{Name: "x", Value: "y"})
	if diff := cmp.Diff(ch("B", "b", "2"), cs[1]); diff != "" {
		t.Errorf("second challenge changed (-want +got):\n%s", diff)
	}
}

// TestDuplicateBeforeLimit: past MaxParams, a repeated name is reported as
// the duplicate it is.
func TestDuplicateBeforeLimit(t *testing.T) {
	_, err := (&wwwauth.Parser{MaxParams: 2}).ParseString("A a=1, b=2, a=3")
	if !errors.Is(err, httpauth.ErrDuplicateParam) {
		t.Errorf("error = %v, want ErrDuplicateParam", err)
	}
	var rec testkit.Recorded
	cs, err := (&wwwauth.Parser{Lenient: true, MaxParams: 2, Recovered: rec.Func()}).ParseString("A a=1, b=2, a=3")
	if diff := cmp.Diff([]wwwauth.Challenge{ch("A", "a", "1", "b", "2")}, cs); diff != "" || err != nil ||
		len(rec.Recoveries) != 1 || !errors.Is(rec.Recoveries[0].Err, httpauth.ErrDuplicateParam) {
		t.Errorf("lenient: error %v, recoveries %v, mismatch (-want +got):\n%s", err, rec.Recoveries, diff)
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name   string
		p      wwwauth.Parser
		lines  []string
		ok     bool
		line   int
		offset int
	}{
		// MaxLength counts all lines together.
		{"length at limit", wwwauth.Parser{MaxLength: 10}, []string{"Basic", "Digest"}, false, 2, 5},
		{"length fits", wwwauth.Parser{MaxLength: 11}, []string{"Basic", "Digest"}, true, 0, 0},
		{"challenges at limit", wwwauth.Parser{MaxChallenges: 2}, []string{"A, B"}, true, 0, 0},
		{"challenges past limit", wwwauth.Parser{MaxChallenges: 2}, []string{"A, B, C"}, false, 1, 6},
		{"params at limit", wwwauth.Parser{MaxParams: 2}, []string{"A a=1, b=2, B c=3, d=4"}, true, 0, 0},
		{"params past limit", wwwauth.Parser{MaxParams: 2}, []string{"A a=1, b=2, c=3"}, false, 1, 12},
		{"lenient too", wwwauth.Parser{Lenient: true, MaxChallenges: 1}, []string{"A, B"}, false, 1, 3},
		// The limit counts the parameters kept: a duplicate that lenient
		// parsing drops does not count, and strictly it is the error.
		{"duplicate not counted", wwwauth.Parser{Lenient: true, MaxParams: 2}, []string{"A a=1, b=2, a=3"}, true, 0, 0},
		{"no limit", wwwauth.Parser{MaxChallenges: -1}, []string{strings.Repeat("A, ", 1000)}, true, 0, 0},
		{"default challenges", wwwauth.Parser{}, []string{strings.Repeat("A, ", grammar.DefaultMaxChallenges+1)},
			false, 1, 3 * grammar.DefaultMaxChallenges},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.ParseLines(tt.lines)
			if tt.ok {
				if err != nil {
					t.Errorf("ParseLines error: %v", err)
				}
				return
			}
			var se *httpauth.SyntaxError
			if got != nil || !errors.As(err, &se) || !errors.Is(err, httpauth.ErrTooLarge) {
				t.Fatalf("ParseLines = %v, %v; want nil and a *SyntaxError wrapping ErrTooLarge", got, err)
			}
			if se.Line != tt.line || se.Offset != tt.offset {
				t.Errorf("error at line %d, offset %d; want line %d, offset %d", se.Line, se.Offset, tt.line, tt.offset)
			}
		})
	}
}
