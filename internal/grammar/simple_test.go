package grammar

import (
	"math/rand"
	"testing"
)

// TestSchemeToken68 checks the fast path against the lexer: on every value
// it accepts, the lexer (strict and lenient) reads the same scheme and
// token68 and nothing else; and it accepts the common shapes.
func TestSchemeToken68(t *testing.T) {
	for _, tc := range []struct {
		in              string
		ok              bool
		scheme, token68 string
	}{
		{"Bearer mF_9.B5f-4.1JqM", true, "Bearer", "mF_9.B5f-4.1JqM"},
		{" Basic  QWxhZGRpbjpvcGVuIHNlc2FtZQ==\t", true, "Basic", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
		{"Bearer", false, "", ""},
		{"Bearer ", false, "", ""},
		{"Bearer\tabc", false, "", ""},
		{"Bearer a=b", false, "", ""},
		{"Bearer abc def", false, "", ""},
		{"Bearer abc,", false, "", ""},
		{"Be@rer abc", false, "", ""},
	} {
		scheme, token68, ok := SchemeToken68(tc.in)
		if ok != tc.ok || scheme != tc.scheme || token68 != tc.token68 {
			t.Errorf("SchemeToken68(%q) = %q, %q, %v; want %q, %q, %v", tc.in, scheme, token68, ok, tc.scheme, tc.token68, tc.ok)
		}
	}
	r := rand.New(rand.NewSource(1))
	const alphabet = "Bb eEaArR=-._~+/0aZ\t,\"=;"
	accepted := 0
	for range 200000 {
		n := r.Intn(16)
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		s := string(b)
		scheme, token68, ok := SchemeToken68(s)
		if !ok {
			continue
		}
		accepted++
		for _, lenient := range []bool{false, true} {
			var lx Lexer
			lx.Init(Credentials, lenient)
			lx.Line(s)
			var got []string
			for {
				it, err := lx.Next()
				if err != nil {
					t.Fatalf("SchemeToken68(%q) accepts, the lexer (lenient %v) fails: %v", s, lenient, err)
				}
				if it.Kind == End {
					break
				}
				switch it.Kind {
				case Scheme:
					got = append(got, "scheme "+it.Name)
				case Token68:
					got = append(got, "token68 "+it.Value)
				default:
					got = append(got, "other")
				}
			}
			want := []string{"scheme " + scheme, "token68 " + token68}
			if len(got) != 2 || got[0] != want[0] || got[1] != want[1] || len(lx.Recoveries) != 0 {
				t.Fatalf("SchemeToken68(%q) = %q, %q; the lexer (lenient %v) reads %q with %d recoveries", s, scheme, token68, lenient, got, len(lx.Recoveries))
			}
		}
	}
	if accepted < 1000 {
		t.Errorf("only %d random values accepted: the generator misses the shape", accepted)
	}
}
