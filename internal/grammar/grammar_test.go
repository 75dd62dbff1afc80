package grammar

import (
	"flag"
	"strings"
	"testing"
)

// update is accepted, and unused, so that "go test ./... -update" (which
// rewrites the golden files of other packages) works here too.
var _ = flag.Bool("update", false, "rewrite golden files (unused in this package)")

func isAlpha(b int) bool { return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' }
func isDigit(b int) bool { return '0' <= b && b <= '9' }
func isVCHAR(b int) bool { return 0x21 <= b && b <= 0x7E }

// TestClasses checks the generated table against each class's ABNF,
// written here a second time, byte by byte.
func TestClasses(t *testing.T) {
	classDefs := []struct {
		name string
		bit  uint8
		in   func(b int) bool
	}{
		// RFC 9110, Section 5.6.2.
		{"tchar", cTchar, func(b int) bool {
			return isAlpha(b) || isDigit(b) || strings.IndexByte("!#$%&'*+-.^_`|~", byte(b)) >= 0
		}},
		// RFC 9110, Section 11.2.
		{"token68", cToken68, func(b int) bool { return isAlpha(b) || isDigit(b) || strings.IndexByte("-._~+/", byte(b)) >= 0 }},
		// RFC 9110, Section 5.6.4.
		{"qdtext", cQdtext, func(b int) bool {
			return b == '\t' || b == ' ' || b == 0x21 || 0x23 <= b && b <= 0x5B || 0x5D <= b && b <= 0x7E || b >= 0x80
		}},
		{"quoted-pair", cQuotedPair, func(b int) bool { return b == '\t' || b == ' ' || isVCHAR(b) || b >= 0x80 }},
		{"OWS", cOWS, func(b int) bool { return b == ' ' || b == '\t' }},
		// RFC 8187, Section 3.2.1.
		{"attr-char", cAttrChar, func(b int) bool { return isAlpha(b) || isDigit(b) || strings.IndexByte("!#$&+-.^_`|~", byte(b)) >= 0 }},
		{"mime-charsetc", cCharset, func(b int) bool { return isAlpha(b) || isDigit(b) || strings.IndexByte("!#$%&+-^_`{}~", byte(b)) >= 0 }},
		{"loose", cLoose, func(b int) bool { return isVCHAR(b) && b != ',' || b >= 0x80 }},
	}
	for _, c := range classDefs {
		for b := 0; b < 256; b++ {
			if got, want := classes[b]&c.bit != 0, c.in(b); got != want {
				t.Errorf("%s: byte %#02x in class = %v, want %v", c.name, b, got, want)
			}
		}
	}
	// The trap the style guide warns of: package mime's token admits braces.
	if IsTchar('{') || IsTchar('}') {
		t.Errorf("braces are tchar")
	}
}

func TestIsToken68(t *testing.T) {
	for s, want := range map[string]bool{
		"abc": true, "a/b+c": true, "a==": true, "a=": true, "~._-": true,
		"": false, "=": false, "=a": false, "a=b": false, "a b": false, "a!": false, "a,": false,
	} {
		if got := IsToken68(s); got != want {
			t.Errorf("IsToken68(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		"":           "",
		"abc":        "abc",
		`a\"b`:       `a"b`,
		`\\`:         `\`,
		`\a\b`:       "ab",
		`x\`:         `x\`, // a lenient parse's unterminated tail keeps its backslash
		"\\\t\\\xff": "\t\xff",
	} {
		if got := Unquote(in); got != want {
			t.Errorf("Unquote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppendQuoted(t *testing.T) {
	for in, want := range map[string]string{
		"":       `""`,
		"a b":    `"a b"`,
		`a"b\c`:  `"a\"b\\c"`,
		"\t\xff": "\"\t\xff\"",
		`""\\`:   `"\"\"\\\\"`,
	} {
		if got := string(AppendQuoted(nil, in)); got != want {
			t.Errorf("AppendQuoted(%q) = %s, want %s", in, got, want)
		}
		if got := Unquote(want[1 : len(want)-1]); got != in {
			t.Errorf("Unquote(AppendQuoted(%q)) = %q", in, got)
		}
	}
}

func TestSkipElement(t *testing.T) {
	tests := []struct {
		s        string
		from, to int
	}{
		{"abc, d", 0, 3},
		{`a="b,c", d`, 0, 7},
		{`a="b\",c", d`, 0, 9},
		{`a="b,c`, 0, 6},
		{`a="b\`, 0, 5},
		{"", 0, 0},
	}
	for _, tt := range tests {
		if got := skipElement(tt.s, tt.from); got != tt.to {
			t.Errorf("skipElement(%q, %d) = %d, want %d", tt.s, tt.from, got, tt.to)
		}
	}
}

func TestNameSet(t *testing.T) {
	var s NameSet
	// Beyond the 16 names compared pairwise, the set moves to a map; the
	// answers must not change there.
	for i := 0; i < 40; i++ {
		name := "Name" + strings.Repeat("x", i)
		if s.Add(name) {
			t.Fatalf("Add(%q) reported a duplicate", name)
		}
		if !s.Add(strings.ToUpper(name)) {
			t.Fatalf("Add(%q) after %q reported no duplicate", strings.ToUpper(name), name)
		}
	}
	s.Reset()
	if s.Add("NAME") {
		t.Errorf("Add after Reset reported a duplicate")
	}
}

func TestValueError(t *testing.T) {
	for s, want := range map[string]int{
		"": -1, "abc": -1, "a\tb": -1, `"\`: -1, "\x80\xff": -1,
		"a\rb": 1, "\n": 0, "ab\x00": 2, "\x7f": 0, "\x1f": 0,
	} {
		if got := ValueError(s); got != want {
			t.Errorf("ValueError(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestQdtextRun checks the eight-bytes-at-a-time scan against the byte
// table on every byte in every position of a block, and at every length.
func TestQdtextRun(t *testing.T) {
	naive := func(s string, i int) int {
		for i < len(s) && classes[s[i]]&cQdtext != 0 {
			i++
		}
		return i
	}
	base := []byte("abcdefghijklmnopqrstuvwxyz0123456789")
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 20; pos++ {
			buf := append([]byte(nil), base...)
			buf[pos] = byte(b)
			s := string(buf)
			for start := 0; start < 10; start++ {
				for n := start; n <= len(s); n += 3 {
					if got, want := qdtextRun(s[:n], start), naive(s[:n], start); got != want {
						t.Fatalf("qdtextRun(%q, %d) = %d, want %d", s[:n], start, got, want)
					}
				}
			}
		}
	}
	// Obs-text and HTAB next to special bytes.
	for _, s := range []string{"\xff\xfe\x80\x81\"", "\t\t\t\t\t\t\t\t\x00", "\x80\x7f", "aaaaaaa\xa2\xdcaaaaaaaa\\"} {
		if got, want := qdtextRun(s, 0), naive(s, 0); got != want {
			t.Errorf("qdtextRun(%q) = %d, want %d", s, got, want)
		}
	}
}
