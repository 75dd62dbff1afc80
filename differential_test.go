package httpauth_test

// Differential tests: the strict parsers against the oracle of
// oracle_test.go, an RE2 recognizer transcribed from the ABNF that shares
// no code with them. For WWW-Authenticate (#challenge), Authorization
// (credentials) and Authentication-Info (#auth-param), strict parsing must
// accept exactly what the oracle accepts. Three fuzz targets
// (FuzzDifferentialChallenges, FuzzDifferentialCredentials,
// FuzzDifferentialInfo) and three gopter properties (TestDifferential*, on
// inputs from a grammar-aware generator that also mutates them) check it.
//
// Limits are no part of the grammar: the parsers here have none
// (unlimitedChallenges, unlimitedCredentials in fuzz_test.go).
//
// Two divergences are deliberate, and each is checked rather than merely
// excused:
//
//   - Duplicate parameter names. RFC 9110, Section 11.2 says that each
//     parameter name MUST only occur once per challenge (and credentials),
//     but the ABNF cannot say it, so the oracle accepts a repeated name and
//     the parser rejects it with ErrDuplicateParam (ParseInfo applies the
//     rule to Authentication-Info too; see its documentation). When the
//     parser rejects with ErrDuplicateParam what the oracle accepts, a
//     lenient parse of the same input must recover from duplicates and
//     from nothing else.
//
//   - A quoted-string across field lines. The oracle combines the field
//     lines as RFC 9110, Section 5.3 describes (each trimmed, joined with
//     ", ") and matches the combined value, so `Basic realm="a` and `b"`
//     combine to the valid `Basic realm="a, b"`. The parser lexes line by
//     line and reports ErrUnterminatedQuote on the first line: a sender
//     cannot mean a quoted-string to span two field lines (that would
//     need a proxy to know where to split it), and a recipient that
//     combines lines itself gets the oracle's answer from ParseString.
//     When the parser rejects with ErrUnterminatedQuote, on a line that is
//     not the last, what the oracle accepts, ParseString of the combined
//     value must agree with the oracle.
//
// Besides, whenever ParseLines accepts several lines, ParseString of the
// combined value must return the same result (RFC 9110, Section 5.3: the
// combined value means the same as the lines); and Lookup, which parses a
// field without building it, must fail exactly where ParseLines fails and
// otherwise find what ParseLines, Find and Param find.

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// diffVerdict is what one differential check found.
type diffVerdict int

const (
	diffBothAccept diffVerdict = iota
	diffBothReject
	diffDuplicate     // oracle accepts, parser rejects a duplicate name: expected
	diffQuoteAcross   // oracle accepts, a quoted-string spans lines: expected
	diffLimitExceeded // the parser hit a limit (only with limited parsers)
)

func (v diffVerdict) String() string {
	return [...]string{"both accept", "both reject", "duplicate name", "quoted-string across lines", "limit"}[v]
}

// diffChallenges compares strict ParseLines with oracleChallenges on lines.
// It returns an error describing a disagreement, or the verdict.
func diffChallenges(lines []string) (diffVerdict, error) {
	oracle := oracleChallenges(lines)
	cs, err := unlimitedChallenges.ParseLines(lines)
	se, err := diffSyntaxError(err, len(lines), func(i int) int { return len(lines[i]) })
	if err != nil {
		return 0, err
	}
	if err := diffLookup(lines, cs, se); err != nil {
		return 0, err
	}
	if se == nil && len(lines) > 1 {
		joined := oracleCombine(lines)
		back, jerr := unlimitedChallenges.ParseString(joined)
		if jerr != nil {
			return 0, fmt.Errorf("ParseLines(%q) succeeds but ParseString of the combined value %q fails: %v", lines, joined, jerr)
		}
		if d := cmp.Diff(cs, back, cmpopts.EquateEmpty()); d != "" {
			return 0, fmt.Errorf("ParseLines(%q) and ParseString(%q) differ (-lines +combined):\n%s", lines, joined, d)
		}
	}
	return diffJudge(lines, oracle, se, func() ([]error, error) {
		var rec testkit.Recorded
		_, lerr := (&wwwauth.Parser{Lenient: true, MaxLength: -1, MaxChallenges: -1, MaxParams: -1, Recovered: rec.Func()}).ParseLines(lines)
		return diffRecoveryCauses(lerr, &rec)
	}, func(joined string) (diffVerdict, error) { return diffChallenges([]string{joined}) })
}

// diffLookup checks that Lookup, which parses the whole field without
// building it, fails exactly where ParseLines does (se, or nil), and
// otherwise finds what the challenges cs hold, for the first scheme and
// parameter name of the field and for one it does not have.
func diffLookup(lines []string, cs []wwwauth.Challenge, se *httpauth.SyntaxError) error {
	scheme, name := "Basic", "realm"
	if len(cs) > 0 {
		scheme = cs[0].Scheme
		if len(cs[0].Params) > 0 {
			name = cs[0].Params[0].Name
		}
	}
	for _, q := range [][2]string{{scheme, name}, {"NoSuchScheme", "realm"}} {
		v, found, err := unlimitedChallenges.Lookup(lines, q[0], q[1])
		var le *httpauth.SyntaxError
		switch {
		case se == nil && err != nil:
			return fmt.Errorf("Lookup(%q, %q, %q): %v; ParseLines succeeds", lines, q[0], q[1], err)
		case se != nil && (!errors.As(err, &le) || *le != *se):
			return fmt.Errorf("Lookup(%q, %q, %q) error %v; ParseLines says %v", lines, q[0], q[1], err, se)
		case se != nil:
			continue
		}
		var want string
		var wantFound bool
		if found := wwwauth.Find(cs, q[0]); len(found) > 0 {
			want, wantFound = found[0].Param(q[1])
		}
		if v != want || found != wantFound {
			return fmt.Errorf("Lookup(%q, %q, %q) = %q, %v; ParseLines then Param give %q, %v", lines, q[0], q[1], v, found, want, wantFound)
		}
	}
	return nil
}

// diffInfo compares strict ParseInfo with oracleParams on lines.
func diffInfo(lines []string) (diffVerdict, error) {
	oracle := oracleParams(lines)
	ps, err := unlimitedChallenges.ParseInfo(lines)
	se, err := diffSyntaxError(err, len(lines), func(i int) int { return len(lines[i]) })
	if err != nil {
		return 0, err
	}
	if se == nil && len(lines) > 1 {
		joined := oracleCombine(lines)
		back, jerr := unlimitedChallenges.ParseInfo([]string{joined})
		if jerr != nil {
			return 0, fmt.Errorf("ParseInfo(%q) succeeds but ParseInfo of the combined value %q fails: %v", lines, joined, jerr)
		}
		if d := cmp.Diff(ps, back, cmpopts.EquateEmpty()); d != "" {
			return 0, fmt.Errorf("ParseInfo(%q) and ParseInfo(%q) differ (-lines +combined):\n%s", lines, joined, d)
		}
	}
	return diffJudge(lines, oracle, se, func() ([]error, error) {
		var rec testkit.Recorded
		_, lerr := (&wwwauth.Parser{Lenient: true, MaxLength: -1, MaxParams: -1, Recovered: rec.Func()}).ParseInfo(lines)
		return diffRecoveryCauses(lerr, &rec)
	}, func(joined string) (diffVerdict, error) { return diffInfo([]string{joined}) })
}

// diffCredentials compares strict authz ParseString with oracleCredentials
// on one field value. Authorization is not a list, so there is no
// combining of lines to compare.
func diffCredentials(line string) (diffVerdict, error) {
	oracle := oracleCredentials(line)
	_, err := unlimitedCredentials.ParseString(line)
	var se *httpauth.SyntaxError
	switch {
	case err == nil:
	case !errors.As(err, &se):
		return 0, fmt.Errorf("strict error %v (%T) is not a *httpauth.SyntaxError", err, err)
	case errors.Is(err, httpauth.ErrTooLarge):
		return 0, fmt.Errorf("unlimited parser reports a limit: %v", err)
	case se.Line != 1 || se.Offset < 0 || se.Offset > len(line):
		return 0, fmt.Errorf("strict error %v is outside the input", err)
	}
	switch {
	case oracle && err == nil:
		return diffBothAccept, nil
	case !oracle && err != nil:
		return diffBothReject, nil
	case !oracle:
		return 0, fmt.Errorf("strict parsing accepts %q, the oracle rejects it", line)
	case errors.Is(err, httpauth.ErrDuplicateParam):
		var rec testkit.Recorded
		_, lerr := (&authz.Parser{Lenient: true, MaxLength: -1, MaxParams: -1, Recovered: rec.Func()}).ParseString(line)
		if lerr != nil || rec.Calls != 1 {
			return 0, fmt.Errorf("%q: strict ErrDuplicateParam, but lenient parsing returns %v and %d reports", line, lerr, rec.Calls)
		}
		for _, r := range rec.Recoveries {
			if r.Err != httpauth.ErrDuplicateParam {
				return 0, fmt.Errorf("%q: the oracle accepts, strict says %v, but lenient parsing also recovers from %v", line, err, r)
			}
		}
		return diffDuplicate, nil
	}
	return 0, fmt.Errorf("the oracle accepts %q, strict parsing rejects it: %v", line, err)
}

// diffSyntaxError checks the shape of a strict wwwauth error: nil, or a
// *httpauth.SyntaxError inside the input that is not a limit.
func diffSyntaxError(err error, nlines int, lineLen func(int) int) (*httpauth.SyntaxError, error) {
	if err == nil {
		return nil, nil
	}
	var se *httpauth.SyntaxError
	switch {
	case !errors.As(err, &se):
		return nil, fmt.Errorf("strict error %v (%T) is not a *httpauth.SyntaxError", err, err)
	case errors.Is(err, httpauth.ErrTooLarge):
		return nil, fmt.Errorf("unlimited parser reports a limit: %v", err)
	case se.Line < 1 || se.Line > nlines || se.Offset < 0 || se.Offset > lineLen(se.Line-1):
		return nil, fmt.Errorf("strict error %v is outside the input", err)
	}
	return se, nil
}

// diffRecoveryCauses returns the causes of the recoveries a lenient parse
// reported to rec; err is the parse's error, which must be nil.
func diffRecoveryCauses(err error, rec *testkit.Recorded) ([]error, error) {
	if err != nil || rec.Calls != 1 {
		return nil, fmt.Errorf("lenient parse returns %v and reported %d times, want nil and recoveries", err, rec.Calls)
	}
	return rec.Causes(), nil
}

// diffJudge turns the oracle's answer and the strict error se into a
// verdict, checking the two deliberate divergences as the file comment
// says.
func diffJudge(lines []string, oracle bool, se *httpauth.SyntaxError,
	lenientCauses func() ([]error, error), joined func(string) (diffVerdict, error)) (diffVerdict, error) {
	switch {
	case oracle && se == nil:
		return diffBothAccept, nil
	case !oracle && se != nil:
		return diffBothReject, nil
	case !oracle:
		return 0, fmt.Errorf("strict parsing accepts %q, the oracle rejects it", lines)
	case se.Err == grammar.ErrUnterminatedQuote && se.Line < len(lines):
		v, err := joined(oracleCombine(lines))
		if err != nil {
			return 0, fmt.Errorf("lines %q: strict says %v (a quoted-string across lines?), but the combined value: %w", lines, se, err)
		}
		if v != diffBothAccept && v != diffDuplicate {
			return 0, fmt.Errorf("lines %q: the oracle accepts, but the combined value gives %v", lines, v)
		}
		return diffQuoteAcross, nil
	case se.Err == httpauth.ErrDuplicateParam:
		causes, err := lenientCauses()
		if err != nil {
			return 0, fmt.Errorf("lines %q: strict says %v: %w", lines, se, err)
		}
		for _, c := range causes {
			if c == httpauth.ErrDuplicateParam {
				continue
			}
			if len(lines) > 1 {
				// A quoted-string across lines after the duplicate:
				// judge the combined value, which has none.
				return joined(oracleCombine(lines))
			}
			return 0, fmt.Errorf("%q: the oracle accepts, strict says %v, but lenient parsing also recovers from %v", lines, se, c)
		}
		return diffDuplicate, nil
	}
	return 0, fmt.Errorf("the oracle accepts %q, strict parsing rejects it: %v", lines, se)
}

// diffMaxInput bounds the inputs of the differential fuzz targets. No
// construct of the grammar needs more bytes to show, and the oracle (an NFA
// simulation, about a microsecond per byte) would spend the fuzzer's time
// on long inputs, and its minimizer even more. Long inputs are the business
// of TestOracleLargeInput and of the adversarial tests of each package.
const diffMaxInput = 1 << 10

// diffSeeds returns fuzz seeds: the golden inputs of testdata/<dir>, the
// oracle's table, and the conformance corpus's cases of field; none longer
// than diffMaxInput.
func diffSeeds(f *testing.F, dir string, kind oracleKind, field string) {
	add := func(s string) {
		if len(s) <= diffMaxInput {
			f.Add(s)
		}
	}
	for _, s := range seedLines(f, dir) {
		add(s)
	}
	for _, c := range oracleCases {
		if c.kind == kind {
			add(strings.Join(c.lines, "\n"))
		}
	}
	for _, c := range conformanceSeeds(f, field) {
		add(strings.Join(c, "\n"))
	}
}

// FuzzDifferentialChallenges checks that strict wwwauth.ParseLines accepts
// exactly what oracleChallenges accepts. The input is split into field
// lines at "\n".
func FuzzDifferentialChallenges(f *testing.F) {
	diffSeeds(f, "wwwauth", oracleKindChallenges, "WWW-Authenticate")
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > diffMaxInput {
			return
		}
		if _, err := diffChallenges(strings.Split(data, "\n")); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDifferentialCredentials checks that strict authz.ParseString accepts
// exactly what oracleCredentials accepts.
func FuzzDifferentialCredentials(f *testing.F) {
	diffSeeds(f, "authz", oracleKindCredentials, "Authorization")
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > diffMaxInput {
			return
		}
		if _, err := diffCredentials(data); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDifferentialInfo checks that strict wwwauth.ParseInfo accepts
// exactly what oracleParams accepts. The input is split into field lines
// at "\n".
func FuzzDifferentialInfo(f *testing.F) {
	diffSeeds(f, "wwwauth", oracleKindParams, "Authentication-Info")
	f.Add(`qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001`)
	f.Add("nextnonce=\"a\"\nnextnonce=\"b\"")
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > diffMaxInput {
			return
		}
		if _, err := diffInfo(strings.Split(data, "\n")); err != nil {
			t.Fatal(err)
		}
	})
}

// TestDifferentialRegressions replays, without -fuzz, inputs where the two
// recognizers are most likely to part: each deliberate divergence, and the
// corners of the grammar the oracle's table names.
func TestDifferentialRegressions(t *testing.T) {
	tests := []struct {
		name  string
		kind  oracleKind
		lines []string
		want  diffVerdict
	}{
		{"duplicate name", oracleKindChallenges, []string{`Basic realm="a", REALM="b"`}, diffDuplicate},
		{"duplicate name in the second challenge", oracleKindChallenges, []string{`Basic a=1, Bearer a=1, A=2`}, diffDuplicate},
		{"same name in two challenges", oracleKindChallenges, []string{`Basic a=1, Bearer a=1`}, diffBothAccept},
		{"duplicate name across lines", oracleKindChallenges, []string{`Basic a=1`, `A=2`}, diffDuplicate},
		{"quoted-string across lines", oracleKindChallenges, []string{`Basic realm="a`, `b"`}, diffQuoteAcross},
		{"quoted-string across lines, then a duplicate", oracleKindChallenges, []string{`Basic realm="a`, `b", realm=c`}, diffQuoteAcross},
		{"duplicate, then a quoted-string across lines", oracleKindChallenges, []string{`Basic a=1, A=2, realm="a`, `b"`}, diffDuplicate},
		{"escape at the end of a line", oracleKindChallenges, []string{`Basic realm="a\`, `b"`}, diffQuoteAcross},
		{"unterminated in the last line", oracleKindChallenges, []string{`Basic realm=x`, `Bearer realm="y`}, diffBothReject},
		{"credentials duplicate", oracleKindCredentials, []string{`Digest username="a", Username="b"`}, diffDuplicate},
		{"credentials list", oracleKindCredentials, []string{`Basic a, Bearer b`}, diffBothReject},
		{"info duplicate", oracleKindParams, []string{`nextnonce="a", NextNonce="b"`}, diffDuplicate},
		{"info duplicate across lines", oracleKindParams, []string{`nextnonce="a"`, `nextnonce="b"`}, diffDuplicate},
		{"info quoted-string across lines", oracleKindParams, []string{`a="x`, `y"`}, diffQuoteAcross},
		{"scheme SP comma", oracleKindChallenges, []string{"Basic ,"}, diffBothAccept},
		{"scheme HTAB comma", oracleKindChallenges, []string{"Basic\t,"}, diffBothAccept},
		{"scheme SP HTAB comma param", oracleKindChallenges, []string{"Basic \t, realm=x"}, diffBothAccept},
		{"scheme SP HTAB param", oracleKindChallenges, []string{"Basic \trealm=x"}, diffBothReject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				got diffVerdict
				err error
			)
			switch tt.kind {
			case oracleKindChallenges:
				got, err = diffChallenges(tt.lines)
			case oracleKindCredentials:
				got, err = diffCredentials(tt.lines[0])
			case oracleKindParams:
				got, err = diffInfo(tt.lines)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%q: verdict %v, want %v", tt.lines, got, tt.want)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// A grammar-aware generator: field values built from the ABNF (with the
// choices that matter: empty list elements, OWS and BWS, 1*SP, token68
// padding, quoted-pairs, obs-text, repeated names in any case), then, half
// of the time, mutated with bytes the grammar cares about, and at times
// split into field lines at a comma (inside a quoted-string too). It does
// not know which of its outputs are valid: the oracle says.

// diffInput is one generated field: its lines, and how it was made.
type diffInput struct {
	Lines   []string
	Mutated bool
}

func (d diffInput) String() string { return fmt.Sprintf("%q (mutated: %v)", d.Lines, d.Mutated) }

const (
	diffAlpha   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	diffDigit   = "0123456789"
	diffTchar   = diffAlpha + diffDigit + "!#$%&'*+-.^_`|~"
	diffT68Char = diffAlpha + diffDigit + "-._~+/"
	// diffMutation holds the bytes mutations insert: the grammar's
	// punctuation, characters on either side of the tchar and token68
	// sets, and bytes no field may hold.
	diffMutation = ",= \t\"\\/+~{};:()@[]?aZ09\x00\x01\r\n\x0b\x7f\x80\xa0\xff"
)

func diffPick(r *rand.Rand, xs ...string) string { return xs[r.Intn(len(xs))] }

func diffRun(r *rand.Rand, alphabet string, min, max int) string {
	b := make([]byte, min+r.Intn(max-min+1))
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// diffOWS is OWS: mostly nothing or one SP.
func diffOWS(r *rand.Rand) string {
	return diffPick(r, "", "", "", " ", " ", "\t", "  ", " \t ")
}

// diffName is a parameter name: from a small set, in any case, so that
// names repeat; or a random token.
func diffName(r *rand.Rand) string {
	if r.Intn(3) == 0 {
		return diffRun(r, diffTchar, 1, 8)
	}
	b := []byte(diffPick(r, "realm", "charset", "error", "scope", "nonce", "qop", "a", "title", "title*"))
	for i, c := range b {
		if 'a' <= c && c <= 'z' && r.Intn(4) == 0 {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// diffQuoted is a quoted-string: qdtext and quoted-pairs.
func diffQuoted(r *rand.Rand) string {
	var b strings.Builder
	b.WriteByte('"')
	for n := r.Intn(12); n > 0; n-- {
		switch r.Intn(8) {
		case 0: // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
			b.WriteByte('\\')
			b.WriteByte(diffPick(r, "\t", " ", "\"", "\\", "a", ",", "\x80", "\xff")[0])
		case 1: // obs-text
			b.WriteByte(byte(0x80 + r.Intn(0x80)))
		case 2:
			b.WriteByte(diffPick(r, ",", "=", " ", "\t", "'")[0])
		default: // qdtext: %x21 / %x23-5B / %x5D-7E
			c := byte(0x21 + r.Intn(0x7E-0x21+1))
			if c == '"' || c == '\\' {
				c = 'x'
			}
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// diffParam is auth-param = token BWS "=" BWS ( token / quoted-string ).
func diffParam(r *rand.Rand) string {
	v := diffRun(r, diffTchar, 1, 8)
	if r.Intn(2) == 0 {
		v = diffQuoted(r)
	}
	bws := func() string {
		if r.Intn(6) == 0 {
			return diffOWS(r)
		}
		return ""
	}
	return diffName(r) + bws() + "=" + bws() + v
}

// diffList is #element with n elements, some of them empty.
func diffList(r *rand.Rand, n int, elem func(*rand.Rand) string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(diffOWS(r) + "," + diffOWS(r))
		}
		if r.Intn(8) != 0 {
			b.WriteString(elem(r))
		}
	}
	return b.String()
}

// diffChallenge is challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ].
func diffChallenge(r *rand.Rand) string {
	scheme := diffPick(r, "Basic", "Bearer", "Digest", "NTLM", "Negotiate", "DPoP", "Newauth", "bEARER")
	if r.Intn(3) == 0 {
		scheme = diffRun(r, diffTchar, 1, 10)
	}
	sp := diffPick(r, " ", " ", " ", "  ")
	switch r.Intn(5) {
	case 0:
		return scheme
	case 1:
		return scheme + sp + diffRun(r, diffT68Char, 1, 16) + strings.Repeat("=", r.Intn(3))
	}
	return scheme + sp + diffList(r, 1+r.Intn(4), diffParam)
}

// diffMutate applies one to three random edits to s.
func diffMutate(r *rand.Rand, s string) string {
	b := []byte(s)
	for n := 1 + r.Intn(3); n > 0; n-- {
		i := 0
		if len(b) > 0 {
			i = r.Intn(len(b) + 1)
		}
		c := diffMutation[r.Intn(len(diffMutation))]
		switch op := r.Intn(5); {
		case op == 0 || len(b) == 0 || i == len(b): // insert
			b = append(b[:i], append([]byte{c}, b[i:]...)...)
		case op == 1: // delete
			b = append(b[:i], b[i+1:]...)
		case op == 2: // replace
			b[i] = c
		case op == 3: // duplicate a slice
			j := i + r.Intn(len(b)-i+1)
			b = append(b[:j], append(append([]byte{}, b[i:j]...), b[j:]...)...)
		default: // cut a slice
			j := i + r.Intn(len(b)-i+1)
			b = append(b[:i], b[j:]...)
		}
	}
	return string(b)
}

// diffSplit splits s into field lines at some of its commas (dropping the
// comma, which the combination of lines puts back) and at times adds an
// empty or blank line.
func diffSplit(r *rand.Rand, s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && r.Intn(3) == 0 {
			lines = append(lines, s[start:i])
			start = i + 1
		}
	}
	lines = append(lines, s[start:])
	if r.Intn(8) == 0 {
		i := r.Intn(len(lines) + 1)
		lines = append(lines[:i], append([]string{diffPick(r, "", " ", "\t")}, lines[i:]...)...)
	}
	return lines
}

// diffGenerate returns a generator of field values: value makes a valid
// one, and multiline says whether the field may have several lines.
func diffGenerate(value func(*rand.Rand) string, multiline bool) gopter.Gen {
	return func(gp *gopter.GenParameters) *gopter.GenResult {
		r := gp.Rng
		s := diffOWS(r) + value(r) + diffOWS(r)
		in := diffInput{Lines: []string{s}}
		if r.Intn(2) == 0 {
			in.Lines[0], in.Mutated = diffMutate(r, s), true
		}
		if multiline && r.Intn(3) == 0 {
			in.Lines = diffSplit(r, in.Lines[0])
		}
		return gopter.NewGenResult(in, diffShrink)
	}
}

// diffShrink tries shorter inputs: without a line, without a byte (of the
// first 64 of each line), joined into one line.
func diffShrink(v any) gopter.Shrink {
	in := v.(diffInput)
	var cands []diffInput
	if len(in.Lines) > 1 {
		for i := range in.Lines {
			lines := append(append([]string{}, in.Lines[:i]...), in.Lines[i+1:]...)
			cands = append(cands, diffInput{Lines: lines, Mutated: in.Mutated})
		}
	}
	for i, l := range in.Lines {
		for j := 0; j < len(l) && j < 64; j++ {
			lines := append([]string{}, in.Lines...)
			lines[i] = l[:j] + l[j+1:]
			cands = append(cands, diffInput{Lines: lines, Mutated: in.Mutated})
		}
	}
	k := 0
	return func() (any, bool) {
		if k == len(cands) {
			return nil, false
		}
		k++
		return cands[k-1], true
	}
}

// diffProperty runs check on generated inputs, and then checks that both
// sides were exercised: at least a tenth of the inputs accepted by both,
// and a tenth rejected by both.
func diffProperty(t *testing.T, name string, gen gopter.Gen, check func(diffInput) (diffVerdict, error)) {
	counts := map[diffVerdict]int{}
	properties := gopter.NewProperties(testkit.Parameters(t, 20000))
	properties.Property(name, prop.ForAll(func(in diffInput) *gopter.PropResult {
		v, err := check(in)
		if err != nil {
			return gopter.NewPropResult(false, err.Error())
		}
		counts[v]++
		return gopter.NewPropResult(true, "")
	}, gen))
	properties.TestingRun(t)
	total := 0
	for _, n := range counts {
		total += n
	}
	t.Logf("%d inputs: %v", total, counts)
	if counts[diffBothAccept] < total/10 || counts[diffBothReject] < total/10 {
		t.Errorf("the generator does not exercise both sides: %v", counts)
	}
}

func TestDifferentialChallenges(t *testing.T) {
	list := func(r *rand.Rand) string { return diffList(r, r.Intn(4), diffChallenge) }
	diffProperty(t, "strict ParseLines accepts exactly what the oracle accepts (WWW-Authenticate)",
		diffGenerate(list, true), func(in diffInput) (diffVerdict, error) { return diffChallenges(in.Lines) })
}

func TestDifferentialCredentials(t *testing.T) {
	diffProperty(t, "strict ParseString accepts exactly what the oracle accepts (Authorization)",
		diffGenerate(diffChallenge, false), func(in diffInput) (diffVerdict, error) { return diffCredentials(in.Lines[0]) })
}

func TestDifferentialInfo(t *testing.T) {
	list := func(r *rand.Rand) string { return diffList(r, r.Intn(5), diffParam) }
	diffProperty(t, "strict ParseInfo accepts exactly what the oracle accepts (Authentication-Info)",
		diffGenerate(list, true), func(in diffInput) (diffVerdict, error) { return diffInfo(in.Lines) })
}
