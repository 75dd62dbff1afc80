package resourceserver

import (
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// TestFastCredentials checks the fast path of the middleware against the
// full parser: on field lines built from the pieces that matter (schemes
// in any case, SP, HTAB, token68 characters, "=", ",", quotes, controls),
// whenever fastCredentials accepts, authz.ParseLines reads the same scheme
// and token68 and nothing else; and it accepts the common shapes.
func TestFastCredentials(t *testing.T) {
	g := &guard{dpop: nil}
	gd := &guard{dpop: new(wwwauth.DPoP)}
	pieces := []string{"Bearer", "bearer", "BEARER", "DPoP", "dpop", "Basic", " ", " ", "  ", "\t", "=", "==", ",", `"`, "\x00", "\r\n",
		"mF_9.B5f-4.1JqM", "a", "+/", "~", "x=y", "é"}
	properties := gopter.NewProperties(testkit.Parameters(t, 20000))
	properties.Property("fastCredentials agrees with authz.ParseLines", prop.ForAll(
		func(lines []string) *gopter.PropResult {
			var fails []string
			for _, gg := range []*guard{g, gd} {
				scheme, token, ok := gg.fastCredentials(lines)
				if !ok {
					continue
				}
				c, err := authz.ParseLines(lines)
				wantScheme := map[int]string{schemeBearer: "Bearer", schemeDPoP: "DPoP"}[scheme]
				if err != nil || !grammar.EqualFold(c.Scheme, wantScheme) || c.Token68 != token || len(c.Params) != 0 {
					fails = append(fails, fmt.Sprintf("fastCredentials(%q) = %s %q; ParseLines = %+v, %v", lines, wantScheme, token, c, err))
				}
				if scheme == schemeDPoP && gg.dpop == nil {
					fails = append(fails, fmt.Sprintf("fastCredentials(%q) read DPoP, not configured", lines))
				}
			}
			return gopter.NewPropResult(len(fails) == 0, strings.Join(fails, "\n"))
		},
		testkit.Gen(func(r *rand.Rand) []string {
			lines := make([]string, 1+r.Intn(3)/2)
			for i := range lines {
				var b strings.Builder
				for n := r.Intn(6); n >= 0; n-- {
					b.WriteString(pieces[r.Intn(len(pieces))])
				}
				lines[i] = b.String()
			}
			return lines
		}, nil),
	))
	properties.TestingRun(t)

	// The common shapes take the fast path.
	for _, line := range []string{"Bearer mF_9.B5f-4.1JqM", "bearer  abc==", " Bearer a\t", "DPoP tok"} {
		if _, _, ok := gd.fastCredentials(http.Header{"Authorization": {line}}["Authorization"]); !ok {
			t.Errorf("fastCredentials(%q) took the slow path", line)
		}
	}
}

// asTokenErrorType is an error whose As method presents a TokenError.
type asTokenErrorType struct{ te *TokenError }

func (e asTokenErrorType) Error() string { return "as" }
func (e asTokenErrorType) As(target any) bool {
	if p, ok := target.(**TokenError); ok {
		*p = e.te
		return true
	}
	return false
}

// TestTokenError checks tokenError against errors.As, and that a bare
// ErrInvalidToken costs no allocation.
func TestTokenError(t *testing.T) {
	a, b := &TokenError{Description: "a"}, &TokenError{Description: "b"}
	tests := []struct {
		name string
		err  error
	}{
		{"nil", nil},
		{"bare", ErrInvalidToken},
		{"token-error", a},
		{"wrapped", fmt.Errorf("x: %w", a)},
		{"wrapped-twice", fmt.Errorf("y: %w", fmt.Errorf("x: %w", a))},
		{"joined", errors.Join(ErrInvalidToken, fmt.Errorf("x: %w", b), a)},
		{"multi-wrap", fmt.Errorf("%w and %w", fmt.Errorf("%w", ErrInvalidToken), b)},
		{"as-method", fmt.Errorf("x: %w", asTokenErrorType{b})},
		{"as-method-before", errors.Join(asTokenErrorType{b}, a)},
		{"none", fmt.Errorf("x: %w", ErrInvalidToken)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want *TokenError
			errors.As(tc.err, &want)
			if got := tokenError(tc.err); got != want {
				t.Errorf("tokenError(%v) = %v, want %v (errors.As)", tc.err, got, want)
			}
		})
	}
	if n := testing.AllocsPerRun(100, func() { tokenError(ErrInvalidToken) }); n != 0 {
		t.Errorf("tokenError(ErrInvalidToken) allocates %v times", n)
	}
}
