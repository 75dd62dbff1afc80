package main

// The golden test: each ../../testdata/cli/*.txt file is a script of
// invocations of the command, and the matching .golden file holds what
// each printed and its exit status. The command runs in-process, through
// run. Run
//
//	go test ./cmd/httpauth -run Golden -update
//
// to rewrite the golden files, and review the diff by hand: a golden file is
// only worth what its review was. testdata/cli/README.md describes the
// format.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/wwwauth"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/cli")

const cliDir = "../../testdata/cli"

// A script is one invocation of a .txt file.
type script struct {
	line     int // where its "$" line is in the .txt file
	comments []string
	cmdline  string   // the "$" line without "$ "
	args     []string // cmdline split into words, without "httpauth"
	stdin    string
	input    []string // the lines of the script that make stdin, as written
}

// readScripts reads the invocations of a .txt file.
func readScripts(t testing.TB, path string) []script {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var (
		out      []script
		comments []string
		crlf     bool
	)
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		n := i + 1
		switch {
		case l == "":
		case strings.HasPrefix(l, "#"):
			comments = append(comments, l)
		case strings.HasPrefix(l, "$ "):
			words, err := splitWords(l[2:])
			if err != nil {
				t.Fatalf("%s:%d: %v", path, n, err)
			}
			if len(words) == 0 || words[0] != "httpauth" {
				t.Fatalf("%s:%d: a command line must start with httpauth", path, n)
			}
			out = append(out, script{line: n, comments: comments, cmdline: l[2:], args: words[1:]})
			comments, crlf = nil, false
		case len(out) == 0:
			t.Fatalf("%s:%d: a line before the first command", path, n)
		case l == "stdin-line-end: CRLF":
			crlf = true
			out[len(out)-1].input = append(out[len(out)-1].input, l)
		case l == "<" || strings.HasPrefix(l, "< "):
			line := strings.TrimPrefix(strings.TrimPrefix(l, "<"), " ")
			if crlf {
				line += "\r\n"
			} else {
				line += "\n"
			}
			out[len(out)-1].stdin += line
			out[len(out)-1].input = append(out[len(out)-1].input, l)
		case strings.HasPrefix(l, "q< "):
			v, err := strconv.Unquote(l[3:])
			if err != nil {
				t.Fatalf("%s:%d: bad q< line: %v", path, n, err)
			}
			out[len(out)-1].stdin += v
			out[len(out)-1].input = append(out[len(out)-1].input, l)
		default:
			t.Fatalf("%s:%d: unknown line %q", path, n, l)
		}
	}
	return out
}

// splitWords splits a command line into words as a shell would, for the
// forms the scripts use: words separated by spaces; '...' taken literally;
// "..." a Go string literal, so that "\r\n" and "\x1b" are CR LF and ESC;
// adjacent parts make one word (--realm="a b").
func splitWords(s string) ([]string, error) {
	var (
		words []string
		word  strings.Builder
		in    bool // a word is being built
	)
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case ' ':
			if in {
				words = append(words, word.String())
				word.Reset()
				in = false
			}
			i++
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' at byte %d", i)
			}
			word.WriteString(s[i+1 : i+1+j])
			i += j + 2
			in = true
		case '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated \" at byte %d", i)
			}
			v, err := strconv.Unquote(s[i : j+1])
			if err != nil {
				return nil, fmt.Errorf("bad \"...\" at byte %d: %v", i, err)
			}
			word.WriteString(v)
			i = j + 1
			in = true
		default:
			word.WriteByte(c)
			i++
			in = true
		}
	}
	if in {
		words = append(words, word.String())
	}
	return words, nil
}

// A result is what one invocation did.
type result struct {
	stdout, stderr string
	status         int
}

// demoAddress is the address of the demo server, whose port changes.
var demoAddress = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)

func runScript(s script) result {
	var stdout, stderr bytes.Buffer
	status := run(s.args, strings.NewReader(s.stdin), &stdout, &stderr)
	r := result{stdout.String(), stderr.String(), status}
	if len(s.args) > 0 && s.args[0] == "demo" {
		r.stdout = demoAddress.ReplaceAllString(r.stdout, "127.0.0.1:PORT")
		r.stderr = demoAddress.ReplaceAllString(r.stderr, "127.0.0.1:PORT")
	}
	return r
}

// format writes an invocation and its result as the golden file holds them.
func (r result) format(b *strings.Builder, s script) {
	for _, c := range s.comments {
		b.WriteString(c + "\n")
	}
	b.WriteString("$ " + s.cmdline + "\n")
	for _, l := range s.input {
		b.WriteString(l + "\n")
	}
	for _, sec := range []struct{ name, text string }{{"stdout", r.stdout}, {"stderr", r.stderr}} {
		if sec.text == "" {
			continue
		}
		b.WriteString("-- " + sec.name + " --\n")
		b.WriteString(sec.text)
		if !strings.HasSuffix(sec.text, "\n") {
			b.WriteString("\n(no newline at end)\n")
		}
	}
	fmt.Fprintf(b, "-- exit %d --\n", r.status)
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(cliDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scripts in %s", cliDir)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			var b strings.Builder
			for i, s := range readScripts(t, path) {
				if i > 0 {
					b.WriteString("\n")
				}
				r := runScript(s)
				r.format(&b, s)
				checkResult(t, path, s, r)
			}
			got := b.String()
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// checkResult checks what holds for every invocation, whatever the golden
// file says.
func checkResult(t *testing.T, path string, s script, r result) {
	t.Helper()
	where := fmt.Sprintf("%s:%d", path, s.line)
	switch r.status {
	case exitOK, exitFailed, exitUsage:
	default:
		t.Errorf("%s: exit status %d", where, r.status)
	}
	for _, out := range []string{r.stdout, r.stderr} {
		if i := controlByte(out); i >= 0 {
			t.Errorf("%s: output holds the control byte %#x at %d", where, out[i], i)
		}
	}
	isHelp := slices.ContainsFunc(s.args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" })
	if len(s.args) > 1 && s.args[0] == "build" && r.status == exitOK && !isHelp {
		checkBuildReparses(t, where, strings.ToLower(s.args[1]), strings.TrimSuffix(r.stdout, "\n"))
	}
}

// controlByte returns the index of the first byte of s that a terminal could
// act on (a control character other than LF, DEL, or a C1 control), or -1.
func controlByte(s string) int {
	for i, r := range s {
		if r < 0x20 && r != '\n' || 0x7f <= r && r < 0xa0 {
			return i
		}
	}
	return -1
}

// checkBuildReparses checks that what build printed parses strictly, as
// one challenge of the scheme, into a typed model that serializes back to
// the same value, and that "httpauth parse" accepts it.
func checkBuildReparses(t *testing.T, where, scheme, value string) {
	t.Helper()
	cs, err := wwwauth.ParseString(value)
	if err != nil || len(cs) != 1 {
		t.Errorf("%s: build printed %q, which parses to %d challenges, %v", where, value, len(cs), err)
		return
	}
	var again interface {
		Challenge() (wwwauth.Challenge, error)
	}
	switch scheme {
	case "bearer":
		again, err = wwwauth.ParseBearer(cs[0])
	case "dpop":
		again, err = wwwauth.ParseDPoP(cs[0])
	case "basic":
		again, err = wwwauth.ParseBasic(cs[0])
	case "digest":
		again, err = wwwauth.ParseDigest(cs[0])
	default:
		t.Errorf("%s: build %s succeeded", where, scheme)
		return
	}
	if err != nil {
		t.Errorf("%s: the typed parse of %q: %v", where, value, err)
		return
	}
	if c, err := again.Challenge(); err != nil || c.String() != value {
		t.Errorf("%s: %q reparses and serializes to %q, %v", where, value, c.String(), err)
	}
	r := runScript(script{args: []string{"parse", value}})
	if r.status != exitOK || strings.Contains(r.stdout, "not valid") || r.stderr != "" {
		t.Errorf("%s: httpauth parse %q: exit %d\n%s%s", where, value, r.status, r.stdout, r.stderr)
	}
}
