package wwwauth_test

// The golden test of the typed challenge models: every line of
// ../testdata/typed/challenge-<model>.txt is a model as JSON (its Go field
// names, unknown members refused), and the matching .golden file holds the
// input followed by the challenge it serializes to, or the error it gets.
// Each serialization must parse back, strictly, to the same model. Run
//
//	go test ./wwwauth -run TypedGolden -update
//
// to rewrite the golden files (UPDATE_TYPED_GOLDEN=1 works too, for a
// package without the -update flag), and review the diff against the RFCs.
// Blank lines and lines starting with "#" are comments, echoed.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// typedGoldenUpdate reports whether golden files are to be rewritten: by
// the package's -update flag, wherever it is defined, or the environment.
func typedGoldenUpdate() bool {
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		return true
	}
	return os.Getenv("UPDATE_TYPED_GOLDEN") != ""
}

// typedGoldenRun renders every input line of file with render, and
// compares the result with the golden file.
func typedGoldenRun(t *testing.T, file string, render func(t *testing.T, n int, line string) string) {
	t.Helper()
	in, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(in))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		out.WriteString(line)
		out.WriteByte('\n')
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out.WriteString(render(t, n, line))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	golden := strings.TrimSuffix(file, ".txt") + ".golden"
	if typedGoldenUpdate() {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), out.String()); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
	}
}

// typedGoldenDecode decodes one JSON line into v, refusing unknown members.
func typedGoldenDecode(line string, v any) error {
	d := json.NewDecoder(strings.NewReader(line))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func TestTypedGolden(t *testing.T) {
	models := []struct {
		file string
		new  func() any // a pointer to a zero model
	}{
		{"challenge-bearer.txt", func() any { return new(wwwauth.Bearer) }},
		{"challenge-dpop.txt", func() any { return new(wwwauth.DPoP) }},
		{"challenge-basic.txt", func() any { return new(wwwauth.Basic) }},
		{"challenge-digest.txt", func() any { return new(wwwauth.Digest) }},
	}
	for _, m := range models {
		t.Run(m.file, func(t *testing.T) {
			typedGoldenRun(t, filepath.Join("..", "testdata", "typed", m.file), func(t *testing.T, n int, line string) string {
				p := m.new()
				if err := typedGoldenDecode(line, p); err != nil {
					t.Fatalf("%s:%d: %v", m.file, n, err)
				}
				model := typedGoldenElem(p)
				c, err := model.Challenge()
				if err != nil {
					return "\terror: " + err.Error() + "\n"
				}
				s := c.String()
				cs, err := wwwauth.ParseString(s)
				if err != nil || len(cs) != 1 {
					t.Errorf("%s:%d: %s does not parse back: %v", m.file, n, s, err)
					return "\t" + s + "\n"
				}
				back, err := typedParse(model, cs[0])
				if err != nil {
					t.Errorf("%s:%d: typed parse of %s: %v", m.file, n, s, err)
				} else if diff := cmp.Diff(model, back); diff != "" {
					t.Errorf("%s:%d: Parse(Challenge()) mismatch (-want +got):\n%s", m.file, n, diff)
				}
				return "\t" + s + "\n"
			})
		})
	}
}

// typedGoldenElem returns the model p points to.
func typedGoldenElem(p any) typedPropModel {
	switch p := p.(type) {
	case *wwwauth.Bearer:
		return *p
	case *wwwauth.DPoP:
		return *p
	case *wwwauth.Basic:
		return *p
	case *wwwauth.Digest:
		return *p
	}
	panic("unknown model")
}
