package httpauth_test

import (
	"errors"
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// update is accepted, and unused, so that "go test ./... -update" (which
// rewrites the golden files of other packages) works here too.
var _ = flag.Bool("update", false, "rewrite golden files (unused in this package)")

// The fuzz targets split their input into field lines at "\n", a byte no
// field line can hold, so that one input exercises several lines.

// seedLines returns the field values of the golden inputs in
// testdata/<dir>/*.txt.
func seedLines(tb testing.TB, dir string) []string {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var seeds []string
	for _, name := range files {
		for _, l := range testkit.ReadInputs(tb, name) {
			if l.IsInput {
				seeds = append(seeds, l.Value)
			}
		}
	}
	return seeds
}

var (
	strictChallenges  = wwwauth.Parser{}
	lenientChallenges = wwwauth.Parser{Lenient: true}
	// unlimited parsers let the differential targets compare grammar
	// alone, without the limits the oracle knows nothing of.
	unlimitedChallenges  = wwwauth.Parser{MaxLength: -1, MaxChallenges: -1, MaxParams: -1}
	unlimitedCredentials = authz.Parser{MaxLength: -1, MaxParams: -1}
)

// FuzzWWWAuthenticate checks that parsing never panics; that every strict
// error is a *SyntaxError inside the input; that every strict success
// reformats to a value that parses back to the same challenges; that lenient
// parsing returns the strict result on strictly valid input; and that what
// lenient parsing recovers is itself well formed.
func FuzzWWWAuthenticate(f *testing.F) {
	for _, s := range seedLines(f, "wwwauth") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		checkOneLine(t, data)
		lines := strings.Split(data, "\n")
		cs, err := strictChallenges.ParseLines(lines)
		var rec testkit.Recorded
		lp := lenientChallenges
		lp.Recovered = rec.Func()
		lcs, lerr := lp.ParseLines(lines)
		if err != nil {
			var se *httpauth.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("strict error %v (%T) is not a *SyntaxError", err, err)
			}
			if se.Line < 1 || se.Line > len(lines) || se.Offset < 0 || se.Offset > len(lines[se.Line-1]) {
				t.Fatalf("strict error %v is outside the input", err)
			}
			if cs != nil {
				t.Fatalf("strict parse returned %v with an error", cs)
			}
			checkLenient(t, lines, lcs, lerr, &rec)
			return
		}
		if lerr != nil || rec.Calls != 0 {
			t.Fatalf("lenient parse of strictly valid input: %v, %d recoveries", lerr, len(rec.Recoveries))
		}
		if diff := cmp.Diff(cs, lcs); diff != "" {
			t.Fatalf("lenient result differs from strict (-strict +lenient):\n%s", diff)
		}
		if len(cs) > 0 {
			roundTrip(t, cs)
		}
	})
}

// checkOneLine parses data as one field line when it holds an LF, which
// the split into lines would take away: an LF followed by SP or HTAB is an
// obs-fold, which strict parsing rejects and lenient parsing replaces with
// SP. Either way no CR or LF may reach a value (roundTrip checks that the
// result serializes, which it would not with one).
func checkOneLine(t *testing.T, data string) {
	if !strings.Contains(data, "\n") {
		return
	}
	one := []string{data}
	if cs, err := strictChallenges.ParseLines(one); err == nil {
		t.Fatalf("strict parse of a line with an LF returned %v", cs)
	}
	var rec testkit.Recorded
	lp := lenientChallenges
	lp.Recovered = rec.Func()
	lcs, lerr := lp.ParseLines(one)
	checkLenient(t, one, lcs, lerr, &rec)
}

// roundTrip checks that cs reformats, as one line and one challenge per
// line, to values that parse back to cs.
func roundTrip(t *testing.T, cs []wwwauth.Challenge) {
	t.Helper()
	s, err := wwwauth.Format(cs...)
	if err != nil {
		t.Fatalf("Format of parsed challenges: %v", err)
	}
	back, err := strictChallenges.ParseString(s)
	if err != nil {
		t.Fatalf("reparse of %q: %v", s, err)
	}
	if diff := cmp.Diff(cs, back, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("reparse of %q mismatch (-parsed +reparsed):\n%s", s, diff)
	}
	if s2, _ := wwwauth.Format(back...); s2 != s {
		t.Fatalf("Format is not a fixed point: %q then %q", s, s2)
	}
	for _, c := range cs {
		one, err := strictChallenges.ParseString(c.String())
		if err != nil || len(one) != 1 || !cmp.Equal(c, one[0], cmpopts.EquateEmpty()) {
			t.Fatalf("String %q reparses to %v, %v", c.String(), one, err)
		}
	}
}

// checkLenient checks a lenient result: no panic (we got here), an error
// that is a *RecoveryError or a limit, recoveries inside the input, and
// challenges that serialize and reparse strictly to themselves.
func checkLenient(t *testing.T, lines []string, cs []wwwauth.Challenge, err error, rec *testkit.Recorded) {
	t.Helper()
	switch {
	case errors.Is(err, httpauth.ErrTooLarge):
		return
	case err != nil:
		t.Fatalf("lenient error %v (%T) is not a limit", err, err)
	case rec.Calls != 1 || len(rec.Recoveries) == 0:
		t.Fatalf("lenient parse recovered nothing from input strict parsing rejects")
	}
	for _, r := range rec.Recoveries {
		if r.Line < 1 || r.Line > len(lines) || r.Offset < 0 || r.Offset > len(lines[r.Line-1]) || r.Assumed == "" || r.Err == nil {
			t.Fatalf("recovery %v is outside the input or says nothing", r)
		}
	}
	if len(cs) > 0 {
		roundTrip(t, cs)
	}
}

// FuzzAuthorization checks credentials the same way, and that no error
// holds any byte of the input: each message is the fixed text of its cause.
func FuzzAuthorization(f *testing.F) {
	for _, s := range seedLines(f, "authz") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, err := authz.ParseString(data)
		var rec testkit.Recorded
		lc, lerr := (&authz.Parser{Lenient: true, Recovered: rec.Func()}).ParseString(data)
		if err != nil {
			var se *httpauth.SyntaxError
			if !errors.As(err, &se) || se.Line != 1 || se.Offset < 0 || se.Offset > len(data) {
				t.Fatalf("strict error %v (%T) is not a *SyntaxError inside the input", err, err)
			}
			want := "httpauth: line 1, offset " + strconv.Itoa(se.Offset) + ": " + se.Err.Error()
			if err.Error() != want || !cmp.Equal(c, authz.Credentials{}) {
				t.Fatalf("strict error %q is not its cause's fixed text %q, or came with a result", err, want)
			}
			switch {
			case lerr == nil && rec.Calls == 1:
				for _, r := range rec.Recoveries {
					if r.Offset < 0 || r.Offset > len(data) {
						t.Fatalf("recovery %v is outside the input", r)
					}
				}
				checkCredentials(t, lc)
			case lerr == nil:
				t.Fatalf("lenient parse recovered nothing from input strict parsing rejects")
			default:
				var lse *httpauth.SyntaxError
				if !errors.As(lerr, &lse) || !cmp.Equal(lc, authz.Credentials{}) {
					t.Fatalf("lenient error %v (%T) is not a *SyntaxError", lerr, lerr)
				}
			}
			return
		}
		if lerr != nil || rec.Calls != 0 || !cmp.Equal(c, lc) {
			t.Fatalf("lenient parse of strictly valid input = %v, %v", lc.Redacted(), lerr)
		}
		checkCredentials(t, c)
	})
}

// checkCredentials checks that c reformats to a value that parses back to
// c, and that its redacted form holds no secret value.
func checkCredentials(t *testing.T, c authz.Credentials) {
	t.Helper()
	s, err := c.WireForm()
	if err != nil {
		t.Fatalf("WireForm of parsed credentials: %v", err)
	}
	back, err := authz.ParseString(string(s))
	if err != nil || !cmp.Equal(c, back, cmpopts.EquateEmpty()) {
		t.Fatalf("reparse of %q = %v, %v", s, back.Redacted(), err)
	}
	red := c.Redacted()
	if c.Token68 != "" && strings.Contains(red, c.Token68) && !strings.Contains(c.Scheme+" [redacted]", c.Token68) {
		t.Fatalf("Redacted() = %q holds the token68", red)
	}
}

// FuzzFormat checks the serializers against injection: for any scheme,
// token68 and parameter, AppendText either refuses, or writes a value with no
// CR, LF, NUL, other CTL (but HTAB) or DEL that parses back to the input.
func FuzzFormat(f *testing.F) {
	f.Add("Bearer", "", "error", "invalid_token")
	f.Add("Basic", "", "realm", "a\"b\\c")
	f.Add("NTLM", "abc==", "", "")
	f.Add("X", "", "a", "line\r\nSet-Cookie: x=y")
	f.Add("X\x00", "", "a\n", "\x7f")
	f.Fuzz(func(t *testing.T, scheme, token68, name, value string) {
		c := wwwauth.Challenge{Scheme: scheme, Token68: token68}
		if name != "" || value != "" {
			c.Params = []wwwauth.Param{{Name: name, Value: value}, {Name: "realm", Value: value}}
		}
		b, err := c.AppendText(nil)
		if err != nil {
			var fe *httpauth.FormatError
			if !errors.As(err, &fe) || len(b) != 0 {
				t.Fatalf("AppendText error %v (%T) with output %q", err, err, b)
			}
			if s := c.String(); strings.ContainsFunc(s, isCTL) {
				t.Fatalf("String of an invalid challenge holds a control character: %q", s)
			}
		} else {
			if strings.ContainsFunc(string(b), isCTL) {
				t.Fatalf("AppendText wrote a control character: %q", b)
			}
			cs, err := wwwauth.ParseString(string(b))
			if err != nil || len(cs) != 1 || !cmp.Equal(c, cs[0], cmpopts.EquateEmpty()) {
				t.Fatalf("ParseString(%q) = %v, %v; want %v", b, cs, err, c)
			}
		}
		cr := authz.Credentials(c)
		w, err := cr.WireForm()
		b = []byte(w)
		if err == nil {
			if strings.ContainsFunc(string(b), isCTL) {
				t.Fatalf("Credentials.WireForm wrote a control character: %q", b)
			}
			back, err := authz.ParseString(string(b))
			if err != nil || !cmp.Equal(cr, back, cmpopts.EquateEmpty()) {
				t.Fatalf("authz.ParseString(%q) = %v, %v", b, back.Redacted(), err)
			}
		}
	})
}

func isCTL(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }
