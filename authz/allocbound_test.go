package authz_test

// The allocation bound of credentials: one parse of n bytes allocates at
// most allocBytesPerByte*n + allocSlack bytes, strictly and leniently, on
// every kind of the adversarial family at 1 KiB, 16 KiB and 256 KiB (with no
// limits), and at most one allocation per 8 input bytes.
//
// Where allocBytesPerByte = 112 comes from. A parse allocates its result
// and nothing else that grows with the input: the lexer hands out
// substrings. The densest result of the family is the lenient "spaces": for
// each element ` a0="0"` (7 bytes at least), a 32-byte Param and a recovery,
// which costs a grammar.Recovery (40 bytes) in the lexer and a Recovery (48
// bytes) in the result: 120 bytes per 7 input bytes, 17.2 per byte (plain
// parameters: a 32-byte Param per 4 bytes of "a=b,", 8 per byte). The
// slices grow by append from a capped first capacity (so that input cannot
// buy a large block up front): by 2x, then about 1.25x, so that the blocks
// of one slice add up to at most 5 times its final capacity, itself at most
// 1.25 times its length: 17.2 x 6.25 = 107.5. Measured (go test -v -run
// AllocBound ./authz): 50 bytes per byte for lenient "spaces" at 256 KiB,
// 19 for "params", 1 for "escapes", nothing for "commas" and "token68".

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

const (
	allocBytesPerByte = 112
	allocSlack        = 1 << 10
)

var allocUnlimited = []struct {
	name string
	p    authz.Parser
}{
	{"strict", authz.Parser{MaxLength: -1, MaxParams: -1}},
	{"lenient", authz.Parser{Lenient: true, MaxLength: -1, MaxParams: -1}},
}

// allocBytes returns the bytes allocated by one call of f, averaged over
// runs calls, from the heap statistics of the runtime. The test must not
// run in parallel with others for the figure to be exact.
func allocBytes(runs int, f func()) uint64 {
	f()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(runs)
}

// allocCheck measures one call of parse on n input bytes and checks the
// bound.
func allocCheck(t *testing.T, what string, n int, parse func()) float64 {
	t.Helper()
	runs := 1 + (1<<20)/n
	got := allocBytes(runs, parse)
	allocs := testing.AllocsPerRun(runs, parse)
	perByte := float64(got) / float64(n)
	t.Logf("%-16s %6d B: %8d B allocated (%6.2f B/byte), %4.0f allocations", what, n, got, perByte, allocs)
	if got > allocBytesPerByte*uint64(n)+allocSlack {
		t.Errorf("%s, %d bytes: %d bytes allocated, more than %d per input byte + %d", what, n, got, allocBytesPerByte, allocSlack)
	}
	if allocs > float64(n)/8+16 {
		t.Errorf("%s, %d bytes: %.0f allocations, more than one per 8 input bytes", what, n, allocs)
	}
	return perByte
}

func TestAllocBound(t *testing.T) {
	if testing.Short() {
		t.Skip("measures 256 KiB inputs")
	}
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocations")
	}
	worst, worstWhat := 0.0, ""
	for _, k := range adversarialKinds {
		for _, size := range adversarialSizes {
			in := adversarial(k.kind, size)
			for _, m := range allocUnlimited {
				_, err := m.p.ParseString(in)
				var re *authz.RecoveryError
				switch {
				case k.kind == "spaces" && !m.p.Lenient:
					if err == nil {
						t.Fatalf("%s: strict parsing accepts it", k.kind)
					}
				case k.kind == "spaces":
					if !errors.As(err, &re) {
						t.Fatalf("%s: lenient parsing returns %v, want a *RecoveryError", k.kind, err)
					}
				case err != nil:
					t.Fatalf("%s, %d bytes, %s: %v", k.kind, size, m.name, err)
				}
				what := k.kind + " " + m.name
				if perByte := allocCheck(t, what, len(in), func() { m.p.ParseString(in) }); perByte > worst {
					worst, worstWhat = perByte, what
				}
			}
		}
	}
	t.Logf("worst: %.2f bytes allocated per input byte (%s); bound %d", worst, worstWhat, allocBytesPerByte)
}

// TestAllocBoundRecoveries is the bound on lenient input that is all
// recoveries. Each recovery costs 88 bytes (see above), and after a token68
// every byte of ",,,…" is one ("expected end of field"), so that with
// append's growth a lenient parse allocates about 480 bytes per input byte:
// 63 MB for one 128 KiB field value with the default limits (and then
// returns a *SyntaxError if it found no credentials, dropping them all).
// It is skipped until lenient parsing bounds the recoveries it records (a
// limit, or keeping the first few and a count); then it must pass with the
// bound of the other kinds.
func TestAllocBoundRecoveries(t *testing.T) {
	t.Skip("known issue: lenient parsing records every recovery, about 480 bytes allocated per input byte; see the comment")
	p := authz.Parser{Lenient: true}
	for _, in := range []string{
		"Negotiate abc" + strings.Repeat(",", authz.DefaultMaxLength-13),
		"Digest " + strings.Repeat("a=1 ", (authz.DefaultMaxLength-7)/4),
		"Digest " + strings.Repeat("=,", (authz.DefaultMaxLength-7)/2),
	} {
		allocCheck(t, "lenient "+in[:10], len(in), func() { p.ParseString(in) })
	}
}
