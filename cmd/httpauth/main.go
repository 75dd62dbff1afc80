// Command httpauth parses and builds HTTP authentication headers (RFC 9110,
// Section 11) from a shell, and runs a demo of both halves of HTTP
// authentication: an OAuth 2.0 protected resource (401, discovery, token,
// 200, step-up) and a Digest-protected page, answered by package authclient.
//
//	httpauth parse [--lenient] [--json] [--header NAME] [--show-secrets] [VALUE...]
//	httpauth build bearer|dpop|basic|digest [flags]
//	httpauth demo
//
// parse reads the field values given as arguments or, with none, the raw
// header section of a response or request on standard input:
//
//	curl -sI https://api.example.com/mcp | httpauth parse
//
// build prints a WWW-Authenticate value built from flags, checked as the
// typed models of package wwwauth check it. demo starts a server on
// 127.0.0.1, drives it with package authclient, and prints what it sees.
//
// Exit status: 0 on success; 1 for a syntax error, a field missing from the
// input or a demo step that failed; 2 for a usage error or invalid input.
// "httpauth help COMMAND" or "httpauth COMMAND --help" describes each
// command.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// The exit statuses of the command.
const (
	exitOK     = 0 // success
	exitFailed = 1 // a syntax error, a field missing from the input, a demo step that failed
	exitUsage  = 2 // a usage error or invalid input
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const mainUsage = `httpauth parses and builds HTTP authentication headers (RFC 9110, Section 11),
and runs a demo of both halves of HTTP authentication: an OAuth 2.0 protected
resource (RFC 6750, RFC 9728) and a Digest-protected page (RFC 7616), answered
by package authclient.

Usage:
  httpauth parse [--lenient] [--json] [--header NAME] [--show-secrets] [VALUE...]
  httpauth build bearer|dpop|basic|digest [flags]
  httpauth demo
  httpauth help [parse | build [SCHEME] | demo]

Commands:
  parse   print the challenges, credentials or parameters of a header field,
          given as arguments or read from stdin: what "curl -sI", "curl -sIL"
          or "curl -v" prints, or a field value alone
  build   print a WWW-Authenticate value built from flags
  demo    start a protected resource, a stand-in authorization server and a
          Digest-protected page on 127.0.0.1, act as their clients with
          package authclient, and print the transcript

Flags of each command, which "httpauth help parse", "httpauth help build
bearer" (dpop, basic, digest) and "httpauth help demo" describe:
  parse          --header NAME  --lenient  --json  --show-secrets
  build bearer   --realm  --scope  --error  --error-description  --error-uri
                 --resource-metadata  --max-age  --acr-values  --param
  build dpop     --realm  --scope  --error  --error-description  --error-uri
                 --algs  --resource-metadata  --param
  build basic    --realm  --charset  --param
  build digest   --realm  --domain  --nonce  --opaque  --stale  --algorithm
                 --qop  --charset  --userhash  --param
  demo           (none)
A flag may come before, between or after the other arguments; "--" ends them.

Exit status:
  0  success
  1  a syntax error, a field missing from the input, or a demo step that failed
  2  a usage error or invalid input
`

// run runs the command with the arguments args (without the program name)
// and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "parse":
		return runParse(rest, stdin, stdout, stderr)
	case "build":
		return runBuild(rest, stdout, stderr)
	case "demo":
		return runDemo(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		if cmd == "help" && len(rest) > 0 {
			// "httpauth help parse" is "httpauth parse --help", and
			// "httpauth help build bearer" "httpauth build bearer --help".
			return run(append(rest[:len(rest):len(rest)], "--help"), stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "httpauth: unknown command %q\n\n", cmd)
		fmt.Fprint(stderr, mainUsage)
		return exitUsage
	}
}

// newFlagSet returns a flag set that reports errors but leaves the usage
// text to parseFlags. The flag package prints the argument at fault as it
// is ("flag provided but not defined: -\x1b[2J"), so its output goes
// through terminalSafe.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(terminalSafe{stderr})
	fs.Usage = func() {}
	return fs
}

// terminalSafe writes to w what it is given with every byte a terminal
// would act on, but LF, written as a Go escape (see escape).
type terminalSafe struct{ w io.Writer }

func (t terminalSafe) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	for i, l := range lines {
		lines[i], _ = escape(l)
	}
	if _, err := io.WriteString(t.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// parseFlags parses args with fs, taking flags wherever they are among the
// other arguments ("parse VALUE --json" works) unless a "--" ends them. It
// returns the other arguments and, if parsing is over, the exit status:
// exitOK after printing usage to stdout for --help, exitUsage after
// printing the error to stderr.
func parseFlags(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) (rest []string, status int, done bool) {
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return nil, exitOK, true
		}
		if err != nil {
			// The flag package has printed the error.
			fmt.Fprintf(stderr, "Run \"%s --help\" for usage.\n", fs.Name())
			return nil, exitUsage, true
		}
		left := fs.Args()
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), exitOK, false
		}
		if len(left) == 0 {
			return rest, exitOK, false
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// usageError prints msg and a pointer to the usage text, and returns
// exitUsage.
func usageError(stderr io.Writer, cmd, msg string) int {
	fmt.Fprintf(stderr, "%s: %s\nRun \"%s --help\" for usage.\n", cmd, msg, cmd)
	return exitUsage
}
