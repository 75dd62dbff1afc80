package wwwauth_test

import (
	"errors"
	"testing"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name                string
		lines               []string
		scheme, param, want string
		found               bool
		err                 error
	}{
		{"mcp", []string{`Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read"`},
			"bearer", "resource_metadata", "https://mcp.example.com/.well-known/oauth-protected-resource/mcp", true, nil},
		// The first challenge of the scheme counts, even if a later one has the parameter.
		{"first of scheme", []string{`Bearer realm="a"`, `Bearer scope="s"`}, "Bearer", "scope", "", false, nil},
		{"later scheme", []string{`Basic realm="a", Bearer scope="s"`}, "Bearer", "scope", "s", true, nil},
		{"case", []string{`BEARER SCOPE=s`}, "bearer", "scope", "s", true, nil},
		{"escaped", []string{`Newauth title="Login to \"apps\""`}, "Newauth", "title", `Login to "apps"`, true, nil},
		{"ext preferred", []string{`Newauth title="plain", title*=UTF-8''%e2%82%ac`}, "Newauth", "title", "€", true, nil},
		{"absent", []string{`Basic realm="a"`}, "Bearer", "realm", "", false, nil},
		// The parameters of a challenge may go on in the next line.
		{"across lines", []string{`Bearer realm="a"`, `scope="s"`}, "Bearer", "scope", "s", true, nil},
		// The whole field is checked, even after the value was found.
		{"error after", []string{`Bearer scope="s", Basic realm="x`}, "Bearer", "scope", "", false, grammar.ErrUnterminatedQuote},
		{"duplicate elsewhere", []string{`Bearer scope="s", Basic realm=a, realm=b`}, "Bearer", "scope", "", false, httpauth.ErrDuplicateParam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok, err := wwwauth.Lookup(tt.lines, tt.scheme, tt.param)
			if v != tt.want || ok != tt.found || !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Errorf("Lookup = %q, %v, %v; want %q, %v, %v", v, ok, err, tt.want, tt.found, tt.err)
			}
			// Lookup agrees with ParseLines, Find and Param.
			cs, perr := wwwauth.ParseLines(tt.lines)
			if (perr == nil) != (err == nil) {
				t.Fatalf("ParseLines error %v, Lookup error %v", perr, err)
			}
			if perr == nil {
				var pv string
				var pok bool
				if found := wwwauth.Find(cs, tt.scheme); len(found) > 0 {
					pv, pok = found[0].Param(tt.param)
				}
				if pv != v || pok != ok {
					t.Errorf("ParseLines+Find+Param = %q, %v; Lookup = %q, %v", pv, pok, v, ok)
				}
			}
		})
	}
	var rec testkit.Recorded
	p := wwwauth.Parser{Lenient: true, Recovered: rec.Func()}
	v, ok, err := p.Lookup([]string{`Bearer, resource_metadata=https://x/y`}, "Bearer", "resource_metadata")
	if v != "https://x/y" || !ok || err != nil || len(rec.Recoveries) != 2 {
		t.Errorf("lenient Lookup = %q, %v, %v, with %d recoveries; want 2", v, ok, err, len(rec.Recoveries))
	}
	if _, _, err := (&wwwauth.Parser{MaxChallenges: 1}).Lookup([]string{"A, B"}, "A", "x"); !errors.Is(err, httpauth.ErrTooLarge) {
		t.Errorf("Lookup past MaxChallenges: %v", err)
	}
}
