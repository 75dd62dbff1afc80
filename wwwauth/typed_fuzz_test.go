package wwwauth_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// FuzzTypedChallenges parses any field value leniently and reads each
// challenge with the typed parsers. None may panic; a parse that succeeds
// returns a model whose Challenge, if it accepts the model (parsing
// tolerates what Challenge refuses), serializes to a challenge that parses
// back to the same model. Seeds: the serializations in
// ../testdata/typed/challenge-*.golden.
func FuzzTypedChallenges(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "typed", "challenge-*.golden"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if s, ok := strings.CutPrefix(line, "\t"); ok && !strings.HasPrefix(s, "error: ") {
				f.Add(s)
			}
		}
	}
	f.Add(`Bearer, resource_metadata=https://r.example/m scope="a  b" max_age=007`)
	f.Add(`Digest nonce="n", qop=",auth,", stale=TRUE, Basic, DPoP algs=" ES256 "`)

	lenient := wwwauth.Parser{Lenient: true}
	f.Fuzz(func(t *testing.T, s string) {
		cs, _ := lenient.ParseString(s)
		for _, c := range cs {
			for _, m := range []any{wwwauth.Bearer{}, wwwauth.DPoP{}, wwwauth.Basic{}, wwwauth.Digest{}} {
				got, err := typedParse(m, c)
				if err != nil {
					if diff := cmp.Diff(m, got); diff != "" {
						t.Fatalf("on error, a non-zero model (-want +got):\n%s", diff)
					}
					continue
				}
				model := got.(typedPropModel)
				out, err := model.Challenge()
				if err != nil {
					continue
				}
				again, err := wwwauth.ParseString(out.String())
				if err != nil || len(again) != 1 {
					t.Fatalf("%q does not parse back: %v", out.String(), err)
				}
				back, err := typedParse(m, again[0])
				if err != nil {
					t.Fatalf("typed parse of %q: %v", out.String(), err)
				}
				if diff := cmp.Diff(got, back); diff != "" {
					t.Fatalf("round trip of %q mismatch (-want +got):\n%s", out.String(), diff)
				}
			}
		}
	})
}
