package testkit

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// An InputLine is one line of a golden input file (testdata/*/*.txt): a
// blank line, a "#" comment, or a field value. A value line that starts
// with "q:" holds a Go-quoted string, so that inputs can hold control
// bytes, trailing whitespace and invalid UTF-8.
type InputLine struct {
	N       int    // 1-based line number in the file
	Comment string // the comment, for a comment line
	IsInput bool   // whether the line is a field value
	Value   string // the field value, unquoted
}

// ReadInputs returns the lines of the golden input file at path. It fails
// the test on a file it cannot read and on a "q:" line that does not
// unquote.
func ReadInputs(tb testing.TB, path string) []InputLine {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.TrimSuffix(string(data), "\n")
	var out []InputLine
	for i, l := range strings.Split(text, "\n") {
		n := i + 1
		switch {
		case strings.TrimSpace(l) == "":
			out = append(out, InputLine{N: n})
		case strings.HasPrefix(l, "#"):
			out = append(out, InputLine{N: n, Comment: l})
		case strings.HasPrefix(l, "q:"):
			v, err := strconv.Unquote(strings.TrimSpace(l[2:]))
			if err != nil {
				tb.Fatalf("%s:%d: bad q: line: %v", path, n, err)
			}
			out = append(out, InputLine{N: n, IsInput: true, Value: v})
		default:
			out = append(out, InputLine{N: n, IsInput: true, Value: l})
		}
	}
	return out
}

// Caret shows where offset off falls in line, with a few bytes of context
// on each side, Go-quoted: `"Bearer realm=" ^ "\"abc"`. An offset outside
// the line is said to be so.
func Caret(line string, off int) string {
	if off < 0 || off > len(line) {
		return fmt.Sprintf("offset %d out of range", off)
	}
	const ctx = 24
	before, after := line[:off], line[off:]
	pre, post := "", ""
	if len(before) > ctx {
		before, pre = before[len(before)-ctx:], "…"
	}
	if len(after) > ctx {
		after, post = after[:ctx], "…"
	}
	return fmt.Sprintf("%s%q ^ %q%s", pre, before, after, post)
}
