package authz_test

// The allocation bound of credentials: one parse of n bytes allocates at
// most allocBytesPerByte*n + allocSlack bytes, strictly and leniently, on
// every kind of the adversarial family at 1 KiB, 16 KiB and 256 KiB (with no
// limits), and at most one allocation per 8 input bytes.
//
// Where allocBytesPerByte = 48 comes from. A parse allocates its result
// and nothing else that grows with the input: the lexer hands out
// substrings, and a lenient parse lists the first MaxRecoveries recoveries
// and only counts the others. The densest result is parameters: at least 4
// bytes each ("a=b,"), 5 to 6 once their names must differ, for a 32-byte
// Param, about 6.4 bytes per byte. That slice grows by append: by 2x, then
// about 1.25x, so that all its blocks add up to at most 5 times its final
// capacity, itself at most 1.25 times its length: 6.4 x 6.25 = 40.
// Unescaped values are copies no longer than their input. A lenient parse
// of a value with obs-folds also allocates the unfolded copy and a 24-byte
// record per fold of at least 3 bytes: 9 bytes per byte. Measured (go test
// -v -run AllocBound ./authz): 29 bytes per byte for lenient "spaces" at
// 1 KiB, 19 at 256 KiB; 19 for "params"; 20 for lenient "folds" at 1 KiB,
// 9 at 256 KiB; 1 for "escapes"; nothing for "commas" and "token68", and
// under 1 for input that is all recoveries (TestAllocBoundRecoveries).

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

const (
	allocBytesPerByte = 48
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
				var rec testkit.Recorded
				p := m.p
				p.Recovered = rec.Func()
				_, err := p.ParseString(in)
				switch {
				case adversarialInvalid(k.kind) && !m.p.Lenient:
					if err == nil {
						t.Fatalf("%s: strict parsing accepts it", k.kind)
					}
				case adversarialInvalid(k.kind):
					if err != nil || rec.Calls != 1 {
						t.Fatalf("%s: lenient parsing returns %v and reported %d times, want nil and recoveries", k.kind, err, rec.Calls)
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
// recoveries: after a token68 every byte of ",,,…" is one ("expected end of
// field"). A recovery costs some 90 bytes; a parse lists the first
// MaxRecoveries of them and counts the rest, so that a 128 KiB field value
// costs a few KiB and not the 63 MB it once did.
func TestAllocBoundRecoveries(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocations")
	}
	p := authz.Parser{Lenient: true}
	for _, in := range []string{
		"Negotiate abc" + strings.Repeat(",", grammar.DefaultMaxLength-13),
		"Digest " + strings.Repeat("a=1 ", (grammar.DefaultMaxLength-7)/4),
		"Digest " + strings.Repeat("=,", (grammar.DefaultMaxLength-7)/2),
	} {
		allocCheck(t, "lenient "+in[:10], len(in), func() { p.ParseString(in) })
	}
}

// BenchmarkAllocBound parses the adversarial family, so that B/op (divided
// by the input size) can be compared with allocBytesPerByte, and MB/s
// across the sizes shows that the time per byte does not grow with the
// input. Neither is asserted here: compare runs with benchstat.
func BenchmarkAllocBound(b *testing.B) {
	for _, k := range adversarialKinds {
		for _, size := range adversarialSizes {
			in := adversarial(k.kind, size)
			for _, m := range allocUnlimited {
				b.Run(k.kind+"/"+strconv.Itoa(size>>10)+"KiB/"+m.name, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(in)))
					for b.Loop() {
						m.p.ParseString(in)
					}
				})
			}
		}
	}
}
