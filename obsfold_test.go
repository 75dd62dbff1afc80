package httpauth_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// foldAt returns v with a line break inserted before each SP that has no
// SP or HTAB on either side, and the offsets of the inserted breaks in the
// result. Unfolded (the break and the one SP after it replaced with one
// SP), the result reads as v again, even inside a quoted-string: that is
// what makes it a test of unfolding that does not need a second parser.
func foldAt(v, lineBreak string) (string, []int) {
	var (
		b    strings.Builder
		offs []int
	)
	for i := 0; i < len(v); i++ {
		if v[i] == ' ' && i > 0 && i+1 < len(v) && !isOWS(v[i-1]) && !isOWS(v[i+1]) {
			offs = append(offs, b.Len())
			b.WriteString(lineBreak)
		}
		b.WriteByte(v[i])
	}
	return b.String(), offs
}

func isOWS(c byte) bool { return c == ' ' || c == '\t' }

// checkFoldRecoveries checks that the recoveries of a lenient parse of a
// value folded at offs are one obs-fold at each, in order.
func checkFoldRecoveries[R interface {
	~struct {
		Line, Offset int
		Err          error
		Assumed      string
	}
}](t *testing.T, what string, rs []R, omitted int, offs []int) {
	t.Helper()
	if len(rs)+omitted != len(offs) {
		t.Errorf("%s: %d recoveries, want one per fold: %d", what, len(rs)+omitted, len(offs))
		return
	}
	for i, r := range rs {
		r := struct {
			Line, Offset int
			Err          error
			Assumed      string
		}(r)
		if r.Err != grammar.ErrObsFold || r.Offset != offs[i] || r.Line != 1 {
			t.Errorf("%s: recovery %d is %v at line %d, offset %d; want an obs-fold at line 1, offset %d", what, i, r.Err, r.Line, r.Offset, offs[i])
		}
	}
}

// TestObsFoldReadsAsUnfolded: every strictly valid value of the golden
// inputs and the conformance corpus, folded before each lone SP (with
// CR LF, and with a bare LF), parses leniently to what the value parses to
// strictly, with one obs-fold recovery per fold at the line break.
func TestObsFoldReadsAsUnfolded(t *testing.T) {
	var rec testkit.Recorded
	lenientC := wwwauth.Parser{Lenient: true, Recovered: rec.Func()}
	lenientA := authz.Parser{Lenient: true, Recovered: rec.Func()}
	folded := 0
	for _, lb := range []string{"\r\n", "\n"} {
		challenges := seedLines(t, "wwwauth")
		for _, lines := range conformanceSeeds(t, "WWW-Authenticate") {
			challenges = append(challenges, lines...)
		}
		for _, v := range challenges {
			want, err := wwwauth.ParseString(v)
			if err != nil {
				continue
			}
			f, offs := foldAt(v, lb)
			if len(offs) == 0 {
				continue
			}
			folded++
			rec = testkit.Recorded{}
			got, err := lenientC.ParseString(f)
			if err != nil || rec.Calls != 1 {
				t.Errorf("lenient %q: %v, want nil and recoveries", f, err)
				continue
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("lenient %q mismatch with strict %q (-want +got):\n%s", f, v, diff)
			}
			checkFoldRecoveries(t, f, rec.Recoveries, rec.Omitted, offs)
		}
		credentials := seedLines(t, "authz")
		for _, lines := range conformanceSeeds(t, "Authorization") {
			credentials = append(credentials, lines...)
		}
		for _, v := range credentials {
			want, err := authz.ParseString(v)
			if err != nil {
				continue
			}
			f, offs := foldAt(v, lb)
			if len(offs) == 0 {
				continue
			}
			folded++
			rec = testkit.Recorded{}
			got, err := lenientA.ParseString(f)
			if err != nil || rec.Calls != 1 {
				t.Errorf("lenient %q: %v, want nil and recoveries", want.Redacted(), err)
				continue
			}
			if !cmp.Equal(want, got, cmpopts.EquateEmpty()) {
				t.Errorf("lenient parse of a folded value differs from the strict parse of %q: %s, want %s", want.Redacted(), got.Redacted(), want.Redacted())
			}
			checkFoldRecoveries(t, want.Redacted(), rec.Recoveries, rec.Omitted, offs)
		}
	}
	if folded < 200 {
		t.Errorf("only %d values folded: the seeds are missing", folded)
	}
	t.Logf("%d folded values", folded)
}
