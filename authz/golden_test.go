package authz_test

// The golden test: every line of ../testdata/authz/*.txt is an
// Authorization field value, and the matching .golden file holds what
// strict and lenient parsing make of it. Run
//
//	go test ./authz -run Golden -update
//
// to rewrite the golden files, and review the diff by hand against the RFCs:
// a golden file is only worth what its review was.
//
// Input format: one field value per line. Blank lines and lines starting
// with "#" are comments (they are echoed into the golden file). A line
// starting with "q:" holds a Go-quoted string (strconv.Unquote of the rest),
// for values with control bytes, trailing whitespace, obs-text and so on.
//
// The credentials in these files are fake. The golden files show the wire
// form of each so that a reviewer can check it; the test checks that no
// error text, recovery and Redacted output holds a token68 or a secret
// parameter value.

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCauses are the causes a SyntaxError or a Recovery may carry.
var goldenCauses = []error{
	grammar.ErrExpectedScheme,
	grammar.ErrExpectedSP,
	grammar.ErrExpectedAuthParam,
	grammar.ErrExpectedParam,
	grammar.ErrExpectedValue,
	grammar.ErrExpectedComma,
	grammar.ErrExpectedEnd,
	grammar.ErrStrayParam,
	grammar.ErrUnterminatedQuote,
	grammar.ErrQuotedByte,
	httpauth.ErrDuplicateParam,
	grammar.ErrMultipleCredentials,
	httpauth.ErrTooLarge,
	grammar.ErrObsFold, // a recovery only: strict parsing rejects the CR or LF where it is
}

// goldenKnownCause reports whether err is one of goldenCauses, or wraps
// ErrTooLarge (the limit errors add the limit to the message).
func goldenKnownCause(err error) bool {
	for _, c := range goldenCauses {
		if err == c {
			return true
		}
	}
	return errors.Is(err, httpauth.ErrTooLarge)
}

// goldenVisible are the parameters whose values Redacted shows.
var goldenVisible = []string{"realm", "algorithm", "qop", "charset", "userhash", "oauth_signature_method", "oauth_version"}

// goldenSecrets returns the secrets of c that no error or Redacted output
// may hold: the token68 and the value of every parameter Redacted hides.
// Values shorter than 4 bytes, and values that also occur in what may be
// shown (the scheme, the parameter names, the shown values, the fixed
// texts of errors), are left out: finding them proves nothing.
func goldenSecrets(c authz.Credentials) []string {
	shown := []string{c.Scheme, "httpauth: line, offset [redacted] [invalid]"}
	for _, e := range goldenCauses {
		shown = append(shown, e.Error())
	}
	for _, p := range c.Params {
		shown = append(shown, p.Name)
		for _, v := range goldenVisible {
			if strings.EqualFold(p.Name, v) {
				shown = append(shown, p.Value)
			}
		}
	}
	all := strings.Join(shown, "\x00")
	var secrets []string
	add := func(s string) {
		if len(s) >= 4 && !strings.Contains(all, s) {
			secrets = append(secrets, s)
		}
	}
	add(c.Token68)
	for _, p := range c.Params {
		hidden := true
		for _, v := range goldenVisible {
			if strings.EqualFold(p.Name, v) {
				hidden = false
			}
		}
		if hidden {
			add(p.Value)
		}
	}
	return secrets
}

// goldenNoLeak fails the test if text holds one of secrets.
func goldenNoLeak(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s %q holds the secret %q", what, text, s)
		}
	}
}

// goldenWire writes a serialized value: as is when it is printable ASCII,
// Go-quoted otherwise (obs-text would make the golden file non-UTF-8).
func goldenWire(b *strings.Builder, label, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			fmt.Fprintf(b, "  %s (quoted): %q\n", label, s)
			return
		}
	}
	fmt.Fprintf(b, "  %s: %s\n", label, s)
}

func goldenCredentials(t *testing.T, b *strings.Builder, c authz.Credentials) {
	fmt.Fprintf(b, "  scheme %q\n", c.Scheme)
	if c.Token68 != "" {
		fmt.Fprintf(b, "  token68 %q\n", c.Token68)
	}
	for _, p := range c.Params {
		fmt.Fprintf(b, "  %q = %q\n", p.Name, p.Value)
	}
	secrets := goldenSecrets(c)
	red := c.Redacted()
	goldenNoLeak(t, "Redacted()", red, secrets)
	goldenNoLeak(t, "fmt %v", fmt.Sprintf("%v", c), secrets)
	goldenNoLeak(t, "fmt %#v", fmt.Sprintf("%#v", c), secrets)
	goldenWire(b, "redacted", red)
	goldenWire(b, "wire", wire(c))
	switch {
	case c.Is("Basic"):
		user, pass, err := authz.ParseBasic(c)
		if err != nil {
			goldenNoLeak(t, "ParseBasic error", err.Error(), secrets)
			fmt.Fprintf(b, "  basic: error: %v\n", err)
		} else {
			fmt.Fprintf(b, "  basic: user-id %q, password %q\n", user, pass)
		}
	case c.Is("Bearer"):
		tok, err := authz.ParseBearer(c)
		if err != nil {
			goldenNoLeak(t, "ParseBearer error", err.Error(), secrets)
			fmt.Fprintf(b, "  bearer: error: %v\n", err)
		} else {
			fmt.Fprintf(b, "  bearer: token %q\n", tok)
		}
	}
}

// goldenRoundTrip checks that c serializes and parses back, strictly, to
// the same credentials.
func goldenRoundTrip(t *testing.T, what string, c authz.Credentials) {
	t.Helper()
	b, err := authz.AppendWire(c, []byte("x"))
	if err != nil {
		t.Errorf("%s: AppendText: %v", what, err)
		return
	}
	w := string(b[1:])
	if s := wire(c); s != w {
		t.Errorf("%s: WireForm() = %q, AppendWire wrote %q", what, s, w)
	}
	back, err := authz.ParseString(w)
	if err != nil {
		t.Errorf("%s: %q does not reparse: %v", what, w, err)
		return
	}
	if diff := cmp.Diff(c, back, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s: %q reparses differently (-want +got):\n%s", what, w, diff)
	}
	if again := wire(back); again != w {
		t.Errorf("%s: WireForm is not stable: %q, then %q", what, w, again)
	}
}

// goldenCheckSyntaxError checks the shape of a parse error of line: a
// *SyntaxError in range, with a known cause and a text made of fixed parts.
func goldenCheckSyntaxError(t *testing.T, line string, err error, secrets []string) {
	t.Helper()
	goldenNoLeak(t, "error", err.Error(), secrets)
	se, ok := err.(*httpauth.SyntaxError)
	if !ok {
		t.Errorf("error %v is a %T, want *httpauth.SyntaxError", err, err)
		return
	}
	if se.Line != 1 {
		t.Errorf("SyntaxError.Line = %d, want 1", se.Line)
	}
	if se.Offset < 0 || se.Offset > len(line) {
		t.Errorf("SyntaxError.Offset = %d, out of [0, %d]", se.Offset, len(line))
	}
	if !goldenKnownCause(se.Err) {
		t.Errorf("SyntaxError.Err = %v, not one of the package's causes", se.Err)
	}
	if !errors.Is(err, se.Err) {
		t.Errorf("errors.Is(err, %v) = false", se.Err)
	}
	if want := fmt.Sprintf("httpauth: line %d, offset %d: %v", se.Line, se.Offset, se.Err); err.Error() != want {
		t.Errorf("error text %q, want %q", err.Error(), want)
	}
}

// goldenEntry parses value strictly and leniently, checks the invariants,
// and writes the golden text of one input.
func goldenEntry(t *testing.T, b *strings.Builder, value string) {
	fmt.Fprintf(b, "input: %q\n", value)

	var rec testkit.Recorded
	lenient := authz.Parser{Lenient: true, Recovered: rec.Func()}
	lenientC, lenientErr := lenient.ParseString(value)
	strictC, strictErr := authz.ParseString(value)
	// The secrets of whichever parse found credentials, for the checks
	// of error texts.
	secrets := append(goldenSecrets(strictC), goldenSecrets(lenientC)...)

	if strictErr != nil {
		if !cmp.Equal(strictC, authz.Credentials{}, cmpopts.EquateEmpty()) {
			t.Errorf("strict: got credentials together with error %v", strictErr)
		}
		goldenCheckSyntaxError(t, value, strictErr, secrets)
		fmt.Fprintf(b, "strict: error: %v\n", strictErr)
		if se, ok := strictErr.(*httpauth.SyntaxError); ok {
			fmt.Fprintf(b, "  at: %s\n", testkit.Caret(value, se.Offset))
		}
	} else {
		b.WriteString("strict:\n")
		goldenCredentials(t, b, strictC)
		goldenRoundTrip(t, "strict", strictC)
	}

	if strictErr == nil {
		if lenientErr != nil {
			t.Errorf("lenient: error %v on strictly valid input", lenientErr)
		}
		if diff := cmp.Diff(strictC, lenientC, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("lenient differs from strict on strictly valid input (-strict +lenient):\n%s", diff)
		}
		if lenientErr == nil && rec.Calls == 0 && cmp.Equal(strictC, lenientC, cmpopts.EquateEmpty()) {
			b.WriteString("lenient: same as strict\n")
			return
		}
	}
	switch {
	case lenientErr == nil:
		b.WriteString("lenient:\n")
	default:
		if !cmp.Equal(lenientC, authz.Credentials{}, cmpopts.EquateEmpty()) {
			t.Errorf("lenient: got credentials together with error %v", lenientErr)
		}
		goldenCheckSyntaxError(t, value, lenientErr, secrets)
		fmt.Fprintf(b, "lenient: error: %v\n", lenientErr)
		return
	}
	goldenCredentials(t, b, lenientC)
	goldenRoundTrip(t, "lenient", lenientC)
	if rec.Calls == 0 {
		return
	}
	if rec.Calls != 1 || len(rec.Recoveries) == 0 {
		t.Errorf("lenient: Recovered called %d times with %d recoveries, want once with some", rec.Calls, len(rec.Recoveries))
	}
	if strictErr == nil {
		t.Errorf("lenient: recoveries on strictly valid input: %v", rec.Recoveries)
	}
	for _, r := range rec.Recoveries {
		if r.Line != 1 || r.Offset < 0 || r.Offset > len(value) {
			t.Errorf("recovery %v: line/offset out of range", r)
		}
		if !goldenKnownCause(r.Err) {
			t.Errorf("recovery %v: cause not one of the package's", r)
		}
		goldenNoLeak(t, "Recovery", r.String(), secrets)
		fmt.Fprintf(b, "  recovery: %s\n", r)
		fmt.Fprintf(b, "    at: %s\n", testkit.Caret(value, r.Offset))
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "authz", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no ../testdata/authz/*.txt files")
	}
	for _, path := range files {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "# Generated by TestGolden in authz/golden_test.go from %s; do not edit.\n", base)
			b.WriteString("# Rewrite with: go test ./authz -run Golden -update\n\n")
			blank := true // whether the text written so far ends with a blank line
			for _, l := range testkit.ReadInputs(t, path) {
				if !l.IsInput {
					if l.Comment == "" {
						if !blank {
							b.WriteString("\n")
						}
						blank = true
						continue
					}
					fmt.Fprintf(&b, "%s\n", l.Comment)
					blank = false
					continue
				}
				fmt.Fprintf(&b, "== %s:%d\n", base, l.N)
				t.Run(fmt.Sprintf("%s:%d", base, l.N), func(t *testing.T) {
					goldenEntry(t, &b, l.Value)
				})
				b.WriteString("\n")
				blank = true
			}
			got := b.String()
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./authz -run Golden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}
