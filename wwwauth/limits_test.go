package wwwauth_test

// Every limit of wwwauth.Parser at its value and one past it, at the
// default and with no limit, strictly and leniently, through every entry
// point that applies it (ParseLines, Lookup, ParseInfo).

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// limitsList returns "A, A, …" with n bare challenges.
func limitsList(n int) string {
	return strings.TrimSuffix(strings.Repeat("A, ", n), ", ")
}

// limitsParams returns "p1=1, p2=2, …" with n parameters.
func limitsParams(n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "p" + strconv.Itoa(i+1) + "=" + strconv.Itoa(i+1)
	}
	return strings.Join(ps, ", ")
}

// limitsTest is one input and what a parser with the given limits says.
type limitsTest struct {
	name  string
	p     wwwauth.Parser // limits only; each test runs strict and lenient
	lines []string
	ok    bool
	// line and offset of the ErrTooLarge error when !ok.
	line, offset int
}

// limitsCheck runs tt strictly and leniently through parse, which returns
// the error of one entry point.
func limitsCheck(t *testing.T, tt limitsTest, parse func(p *wwwauth.Parser, lines []string) (any, error)) {
	t.Helper()
	for _, lenient := range []bool{false, true} {
		p := tt.p
		p.Lenient = lenient
		got, err := parse(&p, tt.lines)
		if tt.ok {
			if err != nil {
				t.Errorf("lenient=%v: error %v, want none", lenient, err)
			}
			continue
		}
		var se *httpauth.SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, httpauth.ErrTooLarge) {
			t.Errorf("lenient=%v: error %v, want a *SyntaxError wrapping ErrTooLarge", lenient, err)
			continue
		}
		if se.Line != tt.line || se.Offset != tt.offset {
			t.Errorf("lenient=%v: error at line %d, offset %d; want line %d, offset %d", lenient, se.Line, se.Offset, tt.line, tt.offset)
		}
		if got != nil {
			t.Errorf("lenient=%v: result %v together with a limit error", lenient, got)
		}
	}
}

func TestLimitsChallenges(t *testing.T) {
	def64 := grammar.DefaultMaxChallenges
	tests := []limitsTest{
		// MaxLength counts the bytes of all lines, whitespace included
		// (trimming comes after the limit); the error is on the line
		// that crosses it, at the offset of its first byte too many.
		{"length at limit", wwwauth.Parser{MaxLength: 11}, []string{"Basic", "Digest"}, true, 0, 0},
		{"length one past", wwwauth.Parser{MaxLength: 10}, []string{"Basic", "Digest"}, false, 2, 5},
		{"length one past on line 1", wwwauth.Parser{MaxLength: 4}, []string{"Basic"}, false, 1, 4},
		{"length counts OWS", wwwauth.Parser{MaxLength: 7}, []string{" Basic  "}, false, 1, 7},
		{"length counts empty lines as nothing", wwwauth.Parser{MaxLength: 5}, []string{"", "Basic", ""}, true, 0, 0},
		{"length default", wwwauth.Parser{}, []string{"Negotiate " + strings.Repeat("A", grammar.DefaultMaxLength-10)}, true, 0, 0},
		{"length default one past", wwwauth.Parser{}, []string{"Negotiate " + strings.Repeat("A", grammar.DefaultMaxLength-9)},
			false, 1, grammar.DefaultMaxLength},
		{"length no limit", wwwauth.Parser{MaxLength: -1}, []string{"Negotiate " + strings.Repeat("A", 4*grammar.DefaultMaxLength)}, true, 0, 0},

		// MaxChallenges counts challenges over all lines; the error is
		// at the scheme of the first one too many.
		{"challenges at limit", wwwauth.Parser{MaxChallenges: 2}, []string{"A, B"}, true, 0, 0},
		{"challenges one past", wwwauth.Parser{MaxChallenges: 2}, []string{"A, B, C"}, false, 1, 6},
		{"challenges one past on line 2", wwwauth.Parser{MaxChallenges: 2}, []string{"A", "B, C"}, false, 2, 3},
		{"challenges: empty elements do not count", wwwauth.Parser{MaxChallenges: 1}, []string{", , A, ,"}, true, 0, 0},
		{"challenges: one", wwwauth.Parser{MaxChallenges: 1}, []string{"A b=c, D"}, false, 1, 7},
		{"challenges default", wwwauth.Parser{}, []string{limitsList(def64)}, true, 0, 0},
		{"challenges default one past", wwwauth.Parser{}, []string{limitsList(def64 + 1)}, false, 1, 3 * def64},
		{"challenges no limit", wwwauth.Parser{MaxChallenges: -1}, []string{limitsList(100 * def64)}, true, 0, 0},

		// MaxParams counts the parameters of each challenge apart,
		// over lines; the error is at the name of the first one too
		// many.
		{"params at limit", wwwauth.Parser{MaxParams: 2}, []string{"A a=1, b=2, B c=3, d=4"}, true, 0, 0},
		{"params one past", wwwauth.Parser{MaxParams: 2}, []string{"A a=1, b=2, c=3"}, false, 1, 12},
		{"params one past in the second challenge", wwwauth.Parser{MaxParams: 2}, []string{"A a=1, b=2, B c=3, d=4, e=5"}, false, 1, 24},
		{"params one past on line 2", wwwauth.Parser{MaxParams: 2}, []string{"A a=1", "b=2, c=3"}, false, 2, 5},
		{"params: a token68 is no parameter", wwwauth.Parser{MaxParams: 1}, []string{"A abc==, B a=1"}, true, 0, 0},
		{"params default", wwwauth.Parser{}, []string{"A " + limitsParams(grammar.DefaultMaxParams)}, true, 0, 0},
		{"params default one past", wwwauth.Parser{}, []string{"A " + limitsParams(grammar.DefaultMaxParams+1)},
			false, 1, len("A " + limitsParams(grammar.DefaultMaxParams) + ", ")},
		{"params no limit", wwwauth.Parser{MaxParams: -1}, []string{"A " + limitsParams(100*grammar.DefaultMaxParams)}, true, 0, 0},

		// Limits apply together; the first one crossed is reported.
		{"all at limit", wwwauth.Parser{MaxLength: 20, MaxChallenges: 2, MaxParams: 2}, []string{"A a=1, b=2, B c=3"}, true, 0, 0},
		{"length fits, challenges do not", wwwauth.Parser{MaxLength: 10, MaxChallenges: 1}, []string{"A, B, C, D"}, false, 1, 3},
		{"length is checked first", wwwauth.Parser{MaxLength: 9, MaxChallenges: 1}, []string{"A, B, C, D"}, false, 1, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limitsCheck(t, tt, func(p *wwwauth.Parser, lines []string) (any, error) {
				cs, err := p.ParseLines(lines)
				if cs == nil {
					return nil, err
				}
				return cs, err
			})
			// Lookup checks the whole field with the same limits and
			// returns the same errors.
			limitsCheck(t, tt, func(p *wwwauth.Parser, lines []string) (any, error) {
				_, _, err := p.Lookup(lines, "A", "a")
				return nil, err
			})
		})
	}
}

// TestLimitsInfo: ParseInfo bounds the length and the number of parameters
// of the whole field (there is no challenge); MaxChallenges does not apply.
func TestLimitsInfo(t *testing.T) {
	tests := []limitsTest{
		{"length at limit", wwwauth.Parser{MaxLength: 7}, []string{"a=1", "b=2"}, true, 0, 0},
		{"length one past", wwwauth.Parser{MaxLength: 5}, []string{"a=1", "b=2"}, false, 2, 2},
		{"length default", wwwauth.Parser{}, []string{"a=" + strings.Repeat("x", grammar.DefaultMaxLength-2)}, true, 0, 0},
		{"length default one past", wwwauth.Parser{}, []string{"a=" + strings.Repeat("x", grammar.DefaultMaxLength-1)}, false, 1, grammar.DefaultMaxLength},
		{"length no limit", wwwauth.Parser{MaxLength: -1}, []string{"a=" + strings.Repeat("x", 4*grammar.DefaultMaxLength)}, true, 0, 0},

		{"params at limit", wwwauth.Parser{MaxParams: 2}, []string{"a=1, b=2"}, true, 0, 0},
		{"params one past", wwwauth.Parser{MaxParams: 2}, []string{"a=1, b=2, c=3"}, false, 1, 10},
		{"params one past on line 2", wwwauth.Parser{MaxParams: 2}, []string{"a=1", "b=2, c=3"}, false, 2, 5},
		{"params default", wwwauth.Parser{}, []string{limitsParams(grammar.DefaultMaxParams)}, true, 0, 0},
		{"params default one past", wwwauth.Parser{}, []string{limitsParams(grammar.DefaultMaxParams + 1)},
			false, 1, len(limitsParams(grammar.DefaultMaxParams) + ", ")},
		{"params no limit", wwwauth.Parser{MaxParams: -1}, []string{limitsParams(100 * grammar.DefaultMaxParams)}, true, 0, 0},

		{"challenges do not apply", wwwauth.Parser{MaxChallenges: 1}, []string{limitsParams(10)}, true, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limitsCheck(t, tt, func(p *wwwauth.Parser, lines []string) (any, error) {
				ps, err := p.ParseInfo(lines)
				if ps == nil {
					return nil, err
				}
				return ps, err
			})
		})
	}
}

// TestDefaultLimitsAdmitRealHeaders justifies the defaults: each of these
// real field shapes parses, strictly, with the zero Parser.
func TestDefaultLimitsAdmitRealHeaders(t *testing.T) {
	// The largest Kerberos token Windows sends is MaxTokenSize, 65535
	// bytes; in base64 that is 87380 bytes, which a Negotiate challenge
	// (mutual authentication, in a 200 or 401) carries as its token68.
	kerberos := "Negotiate " + strings.Repeat("YIIB", 87380/4)
	// IIS with every scheme it offers, each on its own line, and an
	// RFC 7616 server offering SHA-256 and MD5 Digest with every parameter
	// of RFC 7616, Section 3.3.
	digest := func(alg string) string {
		return `Digest realm="http-auth@example.org", domain="/ /api", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ` +
			`opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", stale=false, algorithm=` + alg +
			`, qop="auth, auth-int", charset=UTF-8, userhash=true`
	}
	iis := []string{"Negotiate", "NTLM", digest("SHA-256"), digest("MD5"), `Basic realm="intranet.example.com", charset="UTF-8"`}
	// A Bearer challenge with every parameter of RFC 6750, RFC 9728 and
	// RFC 9470, and the Microsoft ones (SharePoint, Graph).
	bearer := `Bearer realm="3e8d1b6a-7c0e-4c2f-9f3e-2a5b8d7c6e10", scope="files:read files:write", error="insufficient_scope", ` +
		`error_description="More scopes are required", error_uri="https://example.com/errors/scope", ` +
		`resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", max_age=300, acr_values="urn:mace:incommon:iap:silver", ` +
		`client_id="00000003-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", ` +
		`authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`
	for _, tt := range []struct {
		name  string
		lines []string
	}{
		{"largest Kerberos token (MaxLength)", []string{kerberos}},
		{"IIS and two Digest algorithms (MaxChallenges)", iis},
		{"every Bearer parameter (MaxParams)", []string{bearer}},
		{"all of them in one field", append(append([]string{kerberos}, iis...), bearer)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			total := 0
			for _, l := range tt.lines {
				total += len(l)
			}
			cs, err := wwwauth.ParseLines(tt.lines)
			if err != nil {
				t.Fatalf("%d bytes: %v", total, err)
			}
			most := 0
			for _, c := range cs {
				most = max(most, len(c.Params))
			}
			t.Logf("%d bytes (default limit %d), %d challenges (%d), at most %d parameters in one (%d)",
				total, grammar.DefaultMaxLength, len(cs), grammar.DefaultMaxChallenges, most, grammar.DefaultMaxParams)
		})
	}
}

// TestLimitsRecoveries: a lenient parse lists the first MaxRecoveries
// recoveries of a field, over all its lines, and counts the others.
func TestLimitsRecoveries(t *testing.T) {
	const max = grammar.MaxRecoveries
	tests := []struct {
		name string
		// junk[i] is the number of recoveries on line i+1: each "@," is
		// one, since "@" starts no list element. A last line holds a
		// valid element.
		junk            []int
		listed, omitted int
		lastLine        int // line of the last listed recovery
	}{
		{"one", []int{1}, 1, 0, 1},
		{"at limit", []int{max}, max, 0, 1},
		{"one past", []int{max + 1}, max, 1, 1},
		{"far past", []int{100 * max}, max, 99 * max, 1},
		{"over lines, at limit", []int{max / 2, max / 2}, max, 0, 2},
		{"over lines, one past", []int{max / 2, max/2 + 1}, max, 1, 2},
		{"over lines, past on the first", []int{max + 1, 3}, max, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec testkit.Recorded
			p := wwwauth.Parser{Lenient: true, Recovered: rec.Func()}
			lines := func(last string) []string {
				var ls []string
				for _, n := range tt.junk {
					ls = append(ls, strings.Repeat("@,", n))
				}
				return append(ls, last)
			}
			check := func(what string, err error) {
				t.Helper()
				if err != nil || rec.Calls != 1 {
					t.Fatalf("%s: error %v and %d calls of Recovered, want nil and one", what, err, rec.Calls)
				}
				rec.Calls = 0
				if len(rec.Recoveries) != tt.listed || rec.Omitted != tt.omitted {
					t.Errorf("%s: %d recoveries listed, %d omitted; want %d and %d", what, len(rec.Recoveries), rec.Omitted, tt.listed, tt.omitted)
				}
				if last := rec.Recoveries[len(rec.Recoveries)-1]; last.Line != tt.lastLine {
					t.Errorf("%s: last listed recovery on line %d, want %d: the first ones are kept", what, last.Line, tt.lastLine)
				}
			}
			cs, err := p.ParseLines(lines("Basic"))
			check("ParseLines", err)
			if len(cs) != 1 || cs[0].Scheme != "Basic" {
				t.Errorf("ParseLines recovered %v, want the Basic challenge", cs)
			}
			_, _, err = p.Lookup(lines("Basic"), "Basic", "realm")
			check("Lookup", err)
			ps, err := p.ParseInfo(lines("a=b"))
			check("ParseInfo", err)
			if len(ps) != 1 {
				t.Errorf("ParseInfo recovered %v, want a=b", ps)
			}
		})
	}
}
