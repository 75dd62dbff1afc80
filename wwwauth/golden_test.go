package wwwauth_test

// The golden test: every line of ../testdata/wwwauth/*.txt is a
// WWW-Authenticate field value, and the matching .golden file holds what
// strict and lenient parsing make of it. Run
//
//	go test ./wwwauth -run Golden -update
//
// to rewrite the golden files, and review the diff by hand against the RFCs:
// a golden file is only worth what its review was.
//
// Input format: one field value per line. Blank lines and lines starting
// with "#" are comments (they are echoed into the golden file). A line
// starting with "q:" holds a Go-quoted string (strconv.Unquote of the rest),
// for values with control bytes, trailing whitespace, obs-text and so on.

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
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCauses are the causes a SyntaxError or a Recovery may carry.
var goldenCauses = []error{
	grammar.ErrExpectedScheme,
	grammar.ErrExpectedSP,
	grammar.ErrExpectedAuthParam,
	grammar.ErrExpectedParam,
	grammar.ErrExpectedEquals,
	grammar.ErrExpectedValue,
	grammar.ErrExpectedComma,
	grammar.ErrStrayParam,
	grammar.ErrUnterminatedQuote,
	grammar.ErrQuotedByte,
	httpauth.ErrDuplicateParam,
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

func goldenChallenges(b *strings.Builder, cs []wwwauth.Challenge) {
	if len(cs) == 0 {
		b.WriteString("  no challenges\n")
		return
	}
	for i, c := range cs {
		fmt.Fprintf(b, "  [%d] scheme %q\n", i, c.Scheme)
		if c.Token68 != "" {
			fmt.Fprintf(b, "      token68 %q\n", c.Token68)
		}
		for _, p := range c.Params {
			fmt.Fprintf(b, "      %q = %q\n", p.Name, p.Value)
		}
	}
	s, err := wwwauth.Format(cs...)
	if err != nil {
		fmt.Fprintf(b, "  format error: %v\n", err)
		return
	}
	goldenWire(b, "format", s)
}

// goldenRoundTrip checks that cs serializes and parses back, strictly, to
// the same challenges, one at a time and as a list.
func goldenRoundTrip(t *testing.T, what string, cs []wwwauth.Challenge) {
	t.Helper()
	for i, c := range cs {
		b, err := c.AppendText([]byte("x"))
		if err != nil {
			t.Errorf("%s: challenge %d: AppendText: %v", what, i, err)
			continue
		}
		wire := string(b[1:])
		if s := c.String(); s != wire {
			t.Errorf("%s: challenge %d: String() = %q, AppendText wrote %q", what, i, s, wire)
		}
		back, err := wwwauth.ParseString(wire)
		if err != nil {
			t.Errorf("%s: challenge %d: %q does not reparse: %v", what, i, wire, err)
			continue
		}
		if diff := cmp.Diff([]wwwauth.Challenge{c}, back, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: challenge %d: %q reparses differently (-want +got):\n%s", what, i, wire, diff)
		}
	}
	if len(cs) == 0 {
		return
	}
	wire, err := wwwauth.Format(cs...)
	if err != nil {
		t.Errorf("%s: Format: %v", what, err)
		return
	}
	back, err := wwwauth.ParseString(wire)
	if err != nil {
		t.Errorf("%s: %q does not reparse: %v", what, wire, err)
		return
	}
	if diff := cmp.Diff(cs, back, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s: %q reparses differently (-want +got):\n%s", what, wire, diff)
	}
	if again, _ := wwwauth.Format(back...); again != wire {
		t.Errorf("%s: Format is not stable: %q, then %q", what, wire, again)
	}
}

// goldenCheckSyntaxError checks the shape of a strict parse error of line.
func goldenCheckSyntaxError(t *testing.T, line string, err error) {
	t.Helper()
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
}

// goldenEntry parses value strictly and leniently, checks the invariants,
// and writes the golden text of one input.
func goldenEntry(t *testing.T, b *strings.Builder, value string) {
	fmt.Fprintf(b, "input: %q\n", value)

	strictCS, strictErr := wwwauth.ParseString(value)
	if strictErr != nil {
		if strictCS != nil {
			t.Errorf("strict: got challenges %v together with error %v", strictCS, strictErr)
		}
		goldenCheckSyntaxError(t, value, strictErr)
		fmt.Fprintf(b, "strict: error: %v\n", strictErr)
		if se, ok := strictErr.(*httpauth.SyntaxError); ok {
			fmt.Fprintf(b, "  at: %s\n", testkit.Caret(value, se.Offset))
		}
	} else {
		b.WriteString("strict:\n")
		goldenChallenges(b, strictCS)
		goldenRoundTrip(t, "strict", strictCS)
	}

	var rec testkit.Recorded
	lenient := wwwauth.Parser{Lenient: true, Recovered: rec.Func()}
	lenientCS, lenientErr := lenient.ParseString(value)
	if strictErr == nil {
		if lenientErr != nil {
			t.Errorf("lenient: error %v on strictly valid input", lenientErr)
		}
		if diff := cmp.Diff(strictCS, lenientCS, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("lenient differs from strict on strictly valid input (-strict +lenient):\n%s", diff)
		}
		if lenientErr == nil && rec.Calls == 0 && cmp.Equal(strictCS, lenientCS, cmpopts.EquateEmpty()) {
			b.WriteString("lenient: same as strict\n")
			return
		}
	}
	switch {
	case lenientErr == nil:
		b.WriteString("lenient:\n")
	default:
		if lenientCS != nil {
			t.Errorf("lenient: got challenges %v together with error %v", lenientCS, lenientErr)
		}
		goldenCheckSyntaxError(t, value, lenientErr)
		fmt.Fprintf(b, "lenient: error: %v\n", lenientErr)
		return
	}
	goldenChallenges(b, lenientCS)
	goldenRoundTrip(t, "lenient", lenientCS)
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
		fmt.Fprintf(b, "  recovery: %s\n", r)
		fmt.Fprintf(b, "    at: %s\n", testkit.Caret(value, r.Offset))
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "wwwauth", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no ../testdata/wwwauth/*.txt files")
	}
	for _, path := range files {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "# Generated by TestGolden in wwwauth/golden_test.go from %s; do not edit.\n", base)
			b.WriteString("# Rewrite with: go test ./wwwauth -run Golden -update\n\n")
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
				t.Fatalf("%v (run go test ./wwwauth -run Golden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}
