package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// What this file writes to a terminal never holds a byte of the input that
// a terminal would act on: a header value comes from a server, and an
// escape sequence in it could rewrite the screen. Values are printed
// Go-quoted (%q), and field lines through escape.

// escape returns s with every rune that strconv.IsPrint rejects (control
// characters, C1 controls, bidirectional overrides...) and every byte of
// invalid UTF-8 written as a Go escape (\t, \x1b, \u202e), and the number of
// columns it takes: one per rune, since escapes are ASCII. Wide characters,
// which take two columns in most terminals, count as one.
func escape(s string) (string, int) {
	var b strings.Builder
	cols := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
			cols += 4
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+size])
			cols++
		default:
			q := strconv.QuoteRune(r) // '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
			cols += len(q) - 2
		}
		i += size
	}
	return b.String(), cols
}

// A field line longer than maxWholeLine bytes is cut to caretWindow bytes
// on each side of the caret.
const (
	maxWholeLine = 160
	caretWindow  = 60
)

// writeCaret writes line on its own line, indented by two spaces, and a
// caret under the byte at offset (after the last byte if offset is
// len(line)). A long line is cut around the offset, with "..." where it
// was cut.
func writeCaret(w io.Writer, line string, offset int) {
	offset = min(max(offset, 0), len(line))
	start, end := 0, len(line)
	prefix, suffix := "", ""
	if len(line) > maxWholeLine && offset > caretWindow {
		start = offset - caretWindow
		for start < offset && !utf8.RuneStart(line[start]) {
			start++
		}
		prefix = "..."
	}
	if len(line) > maxWholeLine && len(line)-offset > caretWindow {
		end = offset + caretWindow
		for end > offset && !utf8.RuneStart(line[end]) {
			end--
		}
		suffix = "..."
	}
	before, col := escape(line[start:offset])
	after, _ := escape(line[offset:end])
	fmt.Fprintf(w, "  %s%s%s%s\n", prefix, before, after, suffix)
	fmt.Fprintf(w, "  %s^\n", strings.Repeat(" ", len(prefix)+col))
}

// maskCredentials returns a credentials field line fit to print next to a
// caret: the auth-scheme as is, and after it every byte replaced by '*'
// except the ones that make the syntax (SP, HTAB, ',', '=', '"', '\') and
// the control characters that may be the error (escape shows them). The
// result has the length of s, so offsets into s point at the same place.
func maskCredentials(s string) string {
	b := []byte(s)
	i := 0
	for i < len(b) && isTokenChar(b[i]) {
		i++
	}
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == ' ', c == '\t', c == ',', c == '=', c == '"', c == '\\':
		case c < 0x20, c == 0x7f:
		default:
			b[i] = '*'
		}
	}
	return string(b)
}

// isTokenChar reports whether c is a tchar (RFC 9110, Section 5.6.2):
//
//	tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
//	        "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isToken reports whether s is a non-empty token.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return false
		}
	}
	return s != ""
}
