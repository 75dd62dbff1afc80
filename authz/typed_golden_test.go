package authz_test

// The golden test of the typed credentials: every line of
// ../testdata/typed/credentials-<scheme>.txt is a value as JSON, and the
// matching .golden file holds the input followed by the credentials it
// serializes to and their redacted form, or the error it gets. Each
// serialization must parse back, strictly, to the same value. Run
//
//	go test ./authz -run TypedGolden -update
//
// to rewrite the golden files (UPDATE_TYPED_GOLDEN=1 works too), and review
// the diff against the RFCs. Blank lines and lines starting with "#" are
// comments, echoed. The credentials in these files are made up.

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

	"github.com/httpauth-go/httpauth/authz"
)

func typedGoldenUpdate() bool {
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		return true
	}
	return os.Getenv("UPDATE_TYPED_GOLDEN") != ""
}

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

func typedGoldenDecode(line string, v any) error {
	d := json.NewDecoder(strings.NewReader(line))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// typedGoldenCase builds credentials from one input, and parses them back
// into the value the input stands for.
type typedGoldenCase struct {
	file  string
	build func(line string) (in any, c authz.Credentials, err error)
	parse func(c authz.Credentials) (any, error)
}

func TestTypedGolden(t *testing.T) {
	type basic struct{ UserID, Password string }
	type token struct{ Token string }
	cases := []typedGoldenCase{
		{
			file: "credentials-digest.txt",
			build: func(line string) (any, authz.Credentials, error) {
				var d authz.Digest
				if err := typedGoldenDecode(line, &d); err != nil {
					panic(err)
				}
				c, err := d.Credentials()
				return d, c, err
			},
			parse: func(c authz.Credentials) (any, error) { return authz.ParseDigest(c) },
		},
		{
			file: "credentials-basic.txt",
			build: func(line string) (any, authz.Credentials, error) {
				var b basic
				if err := typedGoldenDecode(line, &b); err != nil {
					panic(err)
				}
				c, err := authz.BasicCredentials(b.UserID, b.Password)
				return b, c, err
			},
			parse: func(c authz.Credentials) (any, error) {
				u, p, err := authz.ParseBasic(c)
				return basic{u, p}, err
			},
		},
		{
			file: "credentials-dpop.txt",
			build: func(line string) (any, authz.Credentials, error) {
				var tk token
				if err := typedGoldenDecode(line, &tk); err != nil {
					panic(err)
				}
				c, err := authz.DPoPCredentials(tk.Token)
				return tk, c, err
			},
			parse: func(c authz.Credentials) (any, error) {
				tk, err := authz.ParseDPoP(c)
				return token{tk}, err
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			typedGoldenRun(t, filepath.Join("..", "testdata", "typed", tc.file), func(t *testing.T, n int, line string) string {
				in, c, err := tc.build(line)
				if err != nil {
					return "\terror: " + err.Error() + "\n"
				}
				s := wire(c)
				parsed, err := authz.ParseString(s)
				if err != nil {
					t.Errorf("%s:%d: %s does not parse back: %v", tc.file, n, s, err)
				} else if back, err := tc.parse(parsed); err != nil {
					t.Errorf("%s:%d: typed parse of %s: %v", tc.file, n, s, err)
				} else if diff := cmp.Diff(in, back); diff != "" {
					t.Errorf("%s:%d: round trip mismatch (-want +got):\n%s", tc.file, n, diff)
				}
				return "\t" + s + "\n\tredacted: " + c.Redacted() + "\n"
			})
		})
	}
}
