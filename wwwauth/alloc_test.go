package wwwauth_test

import (
	"testing"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// The allocation budgets of the hot paths (the performance issue's targets).
func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocations")
	}
	for _, tt := range corpus {
		cs, err := wwwauth.ParseString(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(tt.name, func(t *testing.T) {
			// One challenge: the result slice and one array for all the
			// parameters. An escaped value costs one more.
			if len(cs) == 1 {
				if n := testing.AllocsPerRun(100, func() { wwwauth.ParseString(tt.in) }); n > 2 {
					t.Errorf("ParseString: %v allocations, want at most 2", n)
				}
			}
			buf := make([]byte, 0, 1024)
			if n := testing.AllocsPerRun(100, func() { buf, _ = cs[0].AppendText(buf[:0]) }); n != 0 {
				t.Errorf("Challenge.AppendText: %v allocations, want 0", n)
			}
			lines := []string{tt.in}
			if n := testing.AllocsPerRun(100, func() { wwwauth.Lookup(lines, cs[0].Scheme, cs[0].Params[0].Name) }); n != 0 {
				t.Errorf("Lookup: %v allocations, want 0", n)
			}
		})
	}
	// Values that need no unescaping are substrings of the input.
	in := corpus[0].in
	cs, _ := wwwauth.ParseString(in)
	for _, p := range cs[0].Params {
		if !isSubstring(in, p.Name) || !isSubstring(in, p.Value) {
			t.Errorf("parameter %q=%q is a copy, not a substring of the input", p.Name, p.Value)
		}
	}
}
