package authz_test

// The adversarial family of Authorization field values: inputs shaped to
// make the parser do the most work, or allocate the most, per input byte.
// The limit tests, the allocation bound (allocbound_test.go) and the
// benchmarks share them.

import (
	"strconv"
	"strings"
)

// adversarialKinds lists the kinds adversarial knows, each with what it
// stresses. All but "spaces" and "folds" are valid (strictly, with no
// limits): see adversarialInvalid.
var adversarialKinds = []struct{ kind, why string }{
	{"escapes", "one quoted-string made of quoted-pairs: unescaping copies the value"},
	{"commas", "empty elements of the parameter list: the list loop with nothing to build"},
	{"params", "distinct parameters: a Param each, and the duplicate check over all names"},
	{"token68", "one token68: the longest scan of one item"},
	{"spaces", "parameters separated by SP alone: a lenient recovery each (invalid strictly)"},
	{"folds", "a quoted-string folded every 3 bytes: an obs-fold replaced and reported each (invalid strictly)"},
}

// adversarialInvalid reports whether strict parsing rejects the inputs of
// kind, which only a lenient parse reads to the end.
func adversarialInvalid(kind string) bool { return kind == "spaces" || kind == "folds" }

// adversarial returns a field value of the given kind, one of
// adversarialKinds, at least size bytes long and at most a few bytes longer.
// It panics on an unknown kind.
func adversarial(kind string, size int) string {
	var b strings.Builder
	b.Grow(size + 32)
	switch kind {
	case "escapes":
		// Digest response="\"\\\"\\…"
		b.WriteString(`Digest response="`)
		for b.Len() < size-1 {
			b.WriteString(`\"\\`)
		}
		b.WriteByte('"')
	case "commas":
		// Digest ,,,…,a=b: "Digest SP" opens a parameter list whose
		// elements may be empty (RFC 9110, Section 5.6.1.2).
		b.WriteString("Digest ")
		for b.Len() < size-4 {
			b.WriteByte(',')
		}
		b.WriteString("a=b")
	case "params":
		// Digest p0=0, p1=1, …
		b.WriteString("Digest ")
		for i := 0; b.Len() < size; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			n := strconv.Itoa(i)
			b.WriteString("p" + n + "=" + n)
		}
	case "token68":
		// Negotiate YIIB…==
		b.WriteString("Negotiate ")
		for b.Len() < size-2 {
			b.WriteString("YIIB")
		}
		b.WriteString("==")
	case "spaces":
		// Digest a0="0" a1="1" …
		b.WriteString("Digest")
		for i := 0; b.Len() < size; i++ {
			n := strconv.Itoa(i)
			b.WriteString(" a" + n + `="` + n + `"`)
		}
	case "folds":
		// Digest response="a\n a\n a…": the most obs-folds the bytes can hold
		// without two in a row, which make one.
		b.WriteString(`Digest response="`)
		for b.Len() < size-1 {
			b.WriteString("a\n ")
		}
		b.WriteByte('"')
	default:
		panic("adversarial: unknown kind " + kind)
	}
	return b.String()
}

// adversarialSizes are the sizes of the allocation bound and the
// benchmarks: 1 KiB, 16 KiB, 256 KiB.
var adversarialSizes = []int{1 << 10, 16 << 10, 256 << 10}
