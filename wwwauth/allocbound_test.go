package wwwauth_test

// The allocation bound: one parse of n bytes allocates at most
// allocBytesPerByte*n + allocSlack bytes, strictly and leniently, on every
// kind of the adversarial family at 1 KiB, 16 KiB and 256 KiB (with no
// limits, so that each input is parsed to its end); and it makes at most one
// allocation per 8 input bytes. Hostile input cannot buy memory out of
// proportion to its size.
//
// Where allocBytesPerByte = 48 comes from. A parse allocates its result,
// and nothing else that grows with the input: the lexer hands out
// substrings of the input, and a lenient parse lists the first
// MaxRecoveries recoveries and only counts the others. The densest result
// is "A,A,A,…": a 56-byte Challenge for every 2 input bytes, 28 bytes per
// byte, allocated once. Parameters need at least 4 bytes each ("a=b,"), 5
// to 6 once their names must differ, for a 32-byte Param: about 6.4 bytes
// per byte; where that slice still grows by append (by 2x, then about
// 1.25x, so that all its blocks add up to at most 5 times its final
// capacity, itself at most 1.25 times its length), 6.4 x 6.25 = 40.
// Unescaped values are copies no longer than their input. A lenient parse
// of a line with obs-folds also allocates the unfolded copy (no longer than
// the line) and a 24-byte record per fold, which takes at least 3 bytes
// ("a\n "): 9 bytes per byte. Measured (go test -v -run AllocBound
// ./wwwauth): 32 bytes per byte for "challenges" at 1 KiB, 28 at 256 KiB;
// 9 for "params"; 19 for ParseInfo's "params"; 9 for lenient "spaces"; 20
// for lenient "folds" at 1 KiB, 9 at 256 KiB; 1 for "escapes"; under 1 for
// the rest, and for input that is all recoveries
// (TestAllocBoundRecoveries).

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// allocBytesPerByte and allocSlack are the bound: bytes allocated by one
// parse of n bytes <= allocBytesPerByte*n + allocSlack.
const (
	allocBytesPerByte = 48
	allocSlack        = 1 << 10
)

// allocUnlimited parses without limits, so that the 256 KiB inputs are
// parsed to the end.
var allocUnlimited = []struct {
	name string
	p    wwwauth.Parser
}{
	{"strict", wwwauth.Parser{MaxLength: -1, MaxChallenges: -1, MaxParams: -1}},
	{"lenient", wwwauth.Parser{Lenient: true, MaxLength: -1, MaxChallenges: -1, MaxParams: -1}},
}

// allocBytes returns the bytes allocated by one call of f, averaged over
// runs calls, from the heap statistics of the runtime. The test must not
// run in parallel with others for the figure to be exact.
func allocBytes(runs int, f func()) uint64 {
	f() // warm up: lazily built tables, pools
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(runs)
}

// allocCheck measures one parse of in (n bytes) and checks the bound.
func allocCheck(t *testing.T, what string, n int, parse func()) float64 {
	t.Helper()
	runs := 1 + (1<<20)/n
	got := allocBytes(runs, parse)
	allocs := testing.AllocsPerRun(runs, parse)
	perByte := float64(got) / float64(n)
	t.Logf("%-28s %6d B: %8d B allocated (%6.2f B/byte), %4.0f allocations", what, n, got, perByte, allocs)
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
	note := func(perByte float64, what string) {
		if perByte > worst {
			worst, worstWhat = perByte, what
		}
	}
	for _, k := range adversarialKinds {
		for _, size := range adversarialSizes {
			lines := []string{adversarial(k.kind, size)}
			for _, m := range allocUnlimited {
				var rec testkit.Recorded
				p := m.p
				p.Recovered = rec.Func()
				_, err := p.ParseLines(lines)
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
				what := "ParseLines " + k.kind + " " + m.name
				note(allocCheck(t, what, len(lines[0]), func() { m.p.ParseLines(lines) }), what)
			}
		}
	}
	// Authentication-Info: #auth-param, the same lexer in Params mode.
	for _, k := range []string{"params", "escapes"} {
		for _, size := range adversarialSizes {
			_, v, _ := strings.Cut(adversarial(k, size), " ") // drop the scheme
			lines := []string{v}
			for _, m := range allocUnlimited {
				if _, err := m.p.ParseInfo(lines); err != nil {
					t.Fatalf("ParseInfo %s, %d bytes, %s: %v", k, size, m.name, err)
				}
				what := "ParseInfo " + k + " " + m.name
				note(allocCheck(t, what, len(v), func() { m.p.ParseInfo(lines) }), what)
			}
		}
	}
	t.Logf("worst: %.2f bytes allocated per input byte (%s); bound %d", worst, worstWhat, allocBytesPerByte)
}

// TestAllocBoundRecoveries is the bound on lenient input that is all
// recoveries, one every 2 input bytes ("=,=,…", "a=1 a=1 …": a missing
// comma and a duplicate). A recovery costs some 90 bytes; a parse lists the
// first MaxRecoveries of them and counts the rest, so that a 128 KiB field
// value, which ParseResponse parses leniently, costs a few KiB and not the
// 31 MB it once did.
func TestAllocBoundRecoveries(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocations")
	}
	p := wwwauth.Parser{Lenient: true}
	for _, unit := range []string{"=,", "a=1 "} {
		in := strings.Repeat(unit, grammar.DefaultMaxLength/len(unit))
		lines := []string{in}
		allocCheck(t, "lenient "+unit, len(in), func() { p.ParseLines(lines) })
	}
}

// BenchmarkAllocBound parses the adversarial family, so that B/op (divided
// by the input size) can be compared with allocBytesPerByte, and MB/s
// across the sizes shows that the time per byte does not grow with the
// input. Neither is asserted here: compare runs with benchstat.
func BenchmarkAllocBound(b *testing.B) {
	for _, k := range adversarialKinds {
		for _, size := range adversarialSizes {
			lines := []string{adversarial(k.kind, size)}
			for _, m := range allocUnlimited {
				b.Run(k.kind+"/"+strconv.Itoa(size>>10)+"KiB/"+m.name, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(lines[0])))
					for b.Loop() {
						m.p.ParseLines(lines)
					}
				})
			}
		}
	}
}
