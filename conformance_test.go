package httpauth_test

// The conformance corpus: testdata/conformance/*.json, whose format
// testdata/conformance/README.md documents. TestConformance parses every
// case strictly and leniently and compares with the expected results;
// it also checks each case against the oracle (differential_test.go), so
// that an expected strict result the ABNF does not support cannot creep in.
//
// The expected results were written and reviewed by hand against the RFCs.
// After a deliberate change of the parser's output,
//
//	go test -run TestConformance -update-conformance .
//
// rewrites the "strict" and "lenient" members from the parser's results
// (keeping every case's name, source, note, field and lines): review the
// diff case by case before committing it.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

var updateConformance = flag.Bool("update-conformance", false,
	"rewrite the expected results of testdata/conformance/*.json from the parser (review the diff!)")

// conformanceFile is one testdata/conformance/*.json file.
type conformanceFile struct {
	Description []string          `json:"description"`
	Cases       []conformanceCase `json:"cases"`
}

// conformanceCase is one case: a field's lines and what parsing them gives.
type conformanceCase struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Note   string `json:"note,omitempty"`
	Field  string `json:"field"` // WWW-Authenticate, Authorization or Authentication-Info
	// Lines are octets: each rune of a JSON string stands for the octet
	// of the same value (U+0000 to U+00FF), so "\u00e9" is the octet
	// 0xE9, not UTF-8 (see README.md). Names and values in results too.
	Lines   []string           `json:"lines"`
	Strict  *conformanceResult `json:"strict"`
	Lenient *conformanceResult `json:"lenient,omitempty"`
}

// conformanceResult is a parse result: exactly one of Challenges,
// Credentials, Params (for the field) or Error; Recoveries only for a
// lenient result.
type conformanceResult struct {
	Challenges  *[]conformanceAuth    `json:"challenges,omitempty"`
	Credentials *conformanceAuth      `json:"credentials,omitempty"`
	Params      *[][2]string          `json:"params,omitempty"`
	Error       *conformancePosition  `json:"error,omitempty"`
	Recoveries  []conformancePosition `json:"recoveries,omitempty"`
}

// conformanceAuth is a challenge or credentials.
type conformanceAuth struct {
	Scheme  string      `json:"scheme"`
	Token68 string      `json:"token68,omitempty"`
	Params  [][2]string `json:"params,omitempty"`
}

// conformancePosition is where an error or a recovery happened, and why.
type conformancePosition struct {
	Line   int    `json:"line"`
	Offset int    `json:"offset"`
	Cause  string `json:"cause"`
}

// conformanceDecode returns the octets of a line as the JSON file holds
// it: each rune is one octet (see README.md).
func conformanceDecode(s string) (string, error) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return "", fmt.Errorf("rune %U is not an octet", r)
		}
		b = append(b, byte(r))
	}
	return string(b), nil
}

// conformanceEncode is the inverse of conformanceDecode.
func conformanceEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func conformanceFiles(tb testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "conformance", "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

func readConformance(tb testing.TB, path string) conformanceFile {
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f conformanceFile
	if err := dec.Decode(&f); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return f
}

// conformanceLines returns the octets of c's lines.
func conformanceLines(tb testing.TB, c conformanceCase) []string {
	lines := make([]string, len(c.Lines))
	for i, l := range c.Lines {
		v, err := conformanceDecode(l)
		if err != nil {
			tb.Fatalf("%s: line %d: %v", c.Name, i+1, err)
		}
		lines[i] = v
	}
	return lines
}

// conformanceSeeds returns the lines of every case of field, for the fuzz
// targets' seed corpus.
func conformanceSeeds(tb testing.TB, field string) [][]string {
	var out [][]string
	for _, path := range conformanceFiles(tb) {
		for _, c := range readConformance(tb, path).Cases {
			if c.Field == field {
				out = append(out, conformanceLines(tb, c))
			}
		}
	}
	return out
}

// conformancePositionOf turns a parse error, a *SyntaxError of either
// package, into its position.
func conformancePositionOf(err error) (*conformancePosition, bool) {
	var (
		we *httpauth.SyntaxError
		ae *httpauth.SyntaxError
	)
	switch {
	case errors.As(err, &we):
		return &conformancePosition{Line: we.Line, Offset: we.Offset, Cause: we.Err.Error()}, true
	case errors.As(err, &ae):
		return &conformancePosition{Line: ae.Line, Offset: ae.Offset, Cause: ae.Err.Error()}, true
	}
	return nil, false
}

func conformanceParams(ps []wwwauth.Param) [][2]string {
	if len(ps) == 0 {
		return nil
	}
	out := make([][2]string, len(ps))
	for i, p := range ps {
		out[i] = [2]string{conformanceEncode(p.Name), conformanceEncode(p.Value)}
	}
	return out
}

func conformanceAuthOf(scheme, token68 string, params []wwwauth.Param) conformanceAuth {
	return conformanceAuth{Scheme: conformanceEncode(scheme), Token68: conformanceEncode(token68), Params: conformanceParams(params)}
}

// conformanceParse parses lines as field, strictly or leniently, and
// returns the result in the corpus's form.
func conformanceParse(tb testing.TB, field string, lines []string, lenient bool) *conformanceResult {
	var (
		res conformanceResult
		err error
		rec testkit.Recorded
	)
	switch field {
	case "WWW-Authenticate":
		var cs []wwwauth.Challenge
		cs, err = (&wwwauth.Parser{Lenient: lenient, Recovered: rec.Func()}).ParseLines(lines)
		list := make([]conformanceAuth, len(cs))
		for i, c := range cs {
			list[i] = conformanceAuthOf(c.Scheme, c.Token68, c.Params)
		}
		res.Challenges = &list
	case "Authorization":
		var c authz.Credentials
		c, err = (&authz.Parser{Lenient: lenient, Recovered: rec.Func()}).ParseLines(lines)
		a := conformanceAuthOf(c.Scheme, c.Token68, c.Params)
		res.Credentials = &a
	case "Authentication-Info":
		var ps []wwwauth.Param
		ps, err = (&wwwauth.Parser{Lenient: lenient, Recovered: rec.Func()}).ParseInfo(lines)
		list := conformanceParams(ps)
		if list == nil {
			list = [][2]string{}
		}
		res.Params = &list
	default:
		tb.Fatalf("unknown field %q", field)
	}
	switch {
	case err == nil:
		for _, r := range rec.Recoveries {
			res.Recoveries = append(res.Recoveries, conformancePosition{Line: r.Line, Offset: r.Offset, Cause: r.Err.Error()})
		}
	default:
		pos, ok := conformancePositionOf(err)
		if !ok {
			tb.Fatalf("%q: error %v (%T) is not a *SyntaxError", lines, err, err)
		}
		return &conformanceResult{Error: pos}
	}
	return &res
}

// conformanceCauses are the causes a case may name: the fixed messages of
// the parsers' sentinel errors.
var conformanceCauses = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range []error{
		grammar.ErrExpectedScheme, grammar.ErrExpectedSP, grammar.ErrExpectedAuthParam,
		grammar.ErrExpectedParam, grammar.ErrExpectedEquals, grammar.ErrExpectedValue,
		grammar.ErrExpectedComma, grammar.ErrStrayParam, grammar.ErrUnterminatedQuote,
		grammar.ErrQuotedByte, httpauth.ErrDuplicateParam, grammar.ErrExpectedEnd,
		grammar.ErrMultipleCredentials, grammar.ErrObsFold,
	} {
		m[e.Error()] = true
	}
	return m
}()

func TestConformance(t *testing.T) {
	files := conformanceFiles(t)
	if len(files) == 0 {
		t.Fatal("no testdata/conformance/*.json files")
	}
	total := 0
	for _, path := range files {
		f := readConformance(t, path)
		total += len(f.Cases)
		t.Run(filepath.Base(path), func(t *testing.T) {
			names := map[string]bool{} // unique in a file
			for i := range f.Cases {
				c := &f.Cases[i]
				if names[c.Name] {
					t.Errorf("duplicate case name %q", c.Name)
				}
				names[c.Name] = true
				t.Run(c.Name, func(t *testing.T) { conformanceRun(t, c) })
			}
		})
		if *updateConformance {
			data, err := conformanceFormat(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d conformance cases in %d files", total, len(files))
}

// conformanceRun checks one case, or with -update-conformance rewrites its
// expected results.
func conformanceRun(t *testing.T, c *conformanceCase) {
	if c.Name == "" || c.Source == "" {
		t.Error("a case needs a name and a source")
	}
	lines := conformanceLines(t, *c)
	strict := conformanceParse(t, c.Field, lines, false)
	lenient := conformanceParse(t, c.Field, lines, true)
	if strict.Error == nil && lenient.Recoveries == nil && cmp.Equal(strict, lenient) {
		lenient = nil // the same as strict: omitted
	}
	if *updateConformance {
		c.Strict, c.Lenient = strict, lenient
		return
	}
	if diff := cmp.Diff(c.Strict, strict); diff != "" {
		t.Errorf("strict %q mismatch (-want +got):\n%s", lines, diff)
	}
	if diff := cmp.Diff(c.Lenient, lenient); diff != "" {
		t.Errorf("lenient %q mismatch (-want +got):\n%s", lines, diff)
	}
	for _, p := range append([]conformancePosition{}, c.Strict.Recoveries...) {
		t.Errorf("a strict result has recoveries: %v", p)
	}
	if c.Strict.Error != nil && c.Lenient == nil {
		t.Errorf("a strict error needs an explicit lenient result")
	}
	for _, r := range []*conformanceResult{c.Strict, c.Lenient} {
		if r == nil {
			continue
		}
		for _, p := range append(r.Recoveries, conformancePositionOrZero(r.Error)...) {
			if !conformanceCauses[p.Cause] {
				t.Errorf("cause %q is not one of the fixed messages", p.Cause)
			}
			if p.Line < 1 || p.Line > len(lines) || p.Offset < 0 || p.Offset > len(lines[p.Line-1]) {
				t.Errorf("position %+v is outside the input", p)
			}
		}
	}
	// The oracle must agree with the strict verdict (modulo the
	// deliberate divergences, which the diff functions check).
	var err error
	switch c.Field {
	case "WWW-Authenticate":
		_, err = diffChallenges(lines)
	case "Authorization":
		if len(lines) == 1 {
			_, err = diffCredentials(lines[0])
		}
	case "Authentication-Info":
		_, err = diffInfo(lines)
	}
	if err != nil {
		t.Errorf("oracle: %v", err)
	}
}

func conformancePositionOrZero(p *conformancePosition) []conformancePosition {
	if p == nil {
		return nil
	}
	return []conformancePosition{*p}
}

// conformanceFormat writes f as the corpus files are written: one member
// of a case per line, each value compact, and only ASCII (see
// conformanceASCII).
func conformanceFormat(f conformanceFile) ([]byte, error) {
	compact := func(v any) (string, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return "", err
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	}
	var b strings.Builder
	b.WriteString("{\n  \"description\": [\n")
	for i, d := range f.Description {
		s, err := compact(d)
		if err != nil {
			return nil, err
		}
		b.WriteString("    " + s)
		if i < len(f.Description)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  ],\n  \"cases\": [\n")
	for i, c := range f.Cases {
		members := []struct {
			key   string
			value any
			omit  bool
		}{
			{"name", c.Name, false},
			{"source", c.Source, false},
			{"note", c.Note, c.Note == ""},
			{"field", c.Field, false},
			{"lines", c.Lines, false},
			{"strict", c.Strict, false},
			{"lenient", c.Lenient, c.Lenient == nil},
		}
		b.WriteString("    {\n")
		first := true
		for _, m := range members {
			if m.omit {
				continue
			}
			s, err := compact(m.value)
			if err != nil {
				return nil, err
			}
			if !first {
				b.WriteString(",\n")
			}
			first = false
			b.WriteString("      \"" + m.key + "\": " + s)
		}
		b.WriteString("\n    }")
		if i < len(f.Cases)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  ]\n}\n")
	return conformanceASCII([]byte(b.String())), nil
}

// conformanceASCII rewrites every rune of encoded JSON above U+007E as a
// \uXXXX escape, so that the files are printable ASCII and no reader takes
// the octet 0xE9, written U+00E9, for UTF-8. Such runes occur only inside
// strings, where the escape means the same.
func conformanceASCII(data []byte) []byte {
	var b bytes.Buffer
	for _, r := range string(data) {
		switch {
		case r < 0x7F:
			b.WriteByte(byte(r))
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\u%04x\\u%04x", r1, r2)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.Bytes()
}
