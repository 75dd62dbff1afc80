package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/wwwauth"
)

const buildUsage = `Usage: httpauth build bearer|dpop|basic|digest [flags]

build prints a WWW-Authenticate value: one challenge of the scheme, made from
the flags as the typed models of package wwwauth make it, with the parameters
in their fixed order. It prints the value alone, with a newline.

The value is for a server to send, in the WWW-Authenticate field of a 401
response (or Proxy-Authenticate of a 407, from a proxy); a client never sends
it. Put it in the server's configuration or code, for instance with nginx:

  add_header WWW-Authenticate 'Bearer scope="files:read"' always;

and read it back, as a client will, with parse:

  httpauth build bearer --scope files:read | httpauth parse

Run "httpauth build SCHEME --help" (or "httpauth help build SCHEME") for the
flags of a scheme.

A flag whose value the scheme's RFC does not allow (CR or LF, a scope that is
not a scope-token, a relative resource_metadata URL...) is an error: build
names the flag and exits 2.

Exit status: 0 success; 2 a usage error or invalid input.
`

const buildBearerUsage = `Usage: httpauth build bearer [flags]

build bearer prints a Bearer challenge (RFC 6750, Section 3), with the
resource_metadata parameter of RFC 9728 and the step-up parameters of RFC 9470.

  httpauth build bearer --resource-metadata https://api.example.com/.well-known/oauth-protected-resource/mcp \
      --scope "files:read" --error insufficient_scope

Flags (a LIST flag may be repeated, and each value is split on spaces):
  --realm STRING               the protection space
  --scope LIST                 the scopes the request needs
  --error CODE                 invalid_request, invalid_token,
                               insufficient_scope, insufficient_user_authentication...
  --error-description TEXT     printable ASCII without '"' and '\'
  --error-uri URI              a page about the error
  --resource-metadata URL      the RFC 9728 metadata document: https, or http on
                               a loopback host
  --max-age SECONDS            RFC 9470 max_age, 0 to 999999999
  --acr-values LIST            RFC 9470 authentication context classes
  --param NAME=VALUE           another parameter (repeatable)

Exit status: 0 success; 2 a usage error or invalid input.
`

const buildDPoPUsage = `Usage: httpauth build dpop [flags]

build dpop prints a DPoP challenge (RFC 9449, Section 7.1).

  httpauth build dpop --algs "ES256 EdDSA" --error invalid_dpop_proof

Flags (a LIST flag may be repeated, and each value is split on spaces):
  --realm STRING               the protection space
  --scope LIST                 the scopes the request needs
  --error CODE                 invalid_token, invalid_dpop_proof, use_dpop_nonce...
  --error-description TEXT     printable ASCII without '"' and '\'
  --error-uri URI              a page about the error
  --algs LIST                  the JWS algorithms accepted for proofs
  --resource-metadata URL      the RFC 9728 metadata document: https, or http on
                               a loopback host
  --param NAME=VALUE           another parameter (repeatable)

Exit status: 0 success; 2 a usage error or invalid input.
`

const buildBasicUsage = `Usage: httpauth build basic --realm STRING [flags]

build basic prints a Basic challenge (RFC 7617, Section 2).

  httpauth build basic --realm "Staging server" --charset UTF-8

Flags:
  --realm STRING               the protection space (required)
  --charset UTF-8              ask the client to encode the user-id and password
                               as UTF-8
  --param NAME=VALUE           another parameter (repeatable)

Exit status: 0 success; 2 a usage error or invalid input.
`

const buildDigestUsage = `Usage: httpauth build digest --nonce STRING [flags]

build digest prints a Digest challenge (RFC 7616, Section 3.3). The nonce is
required, and build does not make one up: a server derives it from a secret
and a time, and a random one here would only look like it works.

  httpauth build digest --realm http-auth@example.org --qop auth,auth-int \
      --algorithm SHA-256 --nonce 7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v

Flags (a LIST flag may be repeated, and each value is split on spaces; --qop
also on commas):
  --realm STRING               the protection space (sent even if empty)
  --domain LIST                the URIs of the protection space
  --nonce STRING               the server's nonce (required)
  --opaque STRING              returned unchanged by the client
  --stale                      the client's nonce was stale, not its credentials
  --algorithm TOKEN            SHA-256, SHA-512-256, MD5, or a -sess variant;
                               absent means MD5
  --qop LIST                   auth, auth-int
  --charset UTF-8              the user name and password are UTF-8
  --userhash                   the server supports hashed user names
  --param NAME=VALUE           another parameter (repeatable)

Exit status: 0 success; 2 a usage error or invalid input.
`

// listFlag is a repeatable flag whose values are split on spaces (and on
// the bytes of extra), dropping empty elements.
type listFlag struct {
	values []string
	extra  string
}

func (l *listFlag) String() string { return strings.Join(l.values, " ") }

func (l *listFlag) Set(s string) error {
	l.values = append(l.values, strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || strings.ContainsRune(l.extra, r)
	})...)
	return nil
}

// The flags below do not return errors from Set, which the flag package
// would print with its own spelling ("-max-age"); they record them in
// problems, for runBuild to print as it prints the others.
type problems []string

// paramFlag is the repeatable --param NAME=VALUE.
type paramFlag struct {
	params   []wwwauth.Param
	problems *problems
}

func (p *paramFlag) String() string { return "" }

func (p *paramFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		*p.problems = append(*p.problems, fmt.Sprintf("invalid --param %q: want NAME=VALUE", s))
		return nil
	}
	p.params = append(p.params, wwwauth.Param{Name: name, Value: value})
	return nil
}

// maxAgeFlag is --max-age: an integer, if it was given.
type maxAgeFlag struct {
	v        *int
	problems *problems
}

func (m *maxAgeFlag) String() string {
	if m.v == nil {
		return ""
	}
	return strconv.Itoa(*m.v)
}

func (m *maxAgeFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		*m.problems = append(*m.problems, fmt.Sprintf("invalid --max-age %q: not a decimal integer", s))
		return nil
	}
	m.v = &n
	return nil
}

// A buildCommand is "httpauth build SCHEME": its flags, and how it makes
// the challenge from them.
type buildCommand struct {
	name   string // "httpauth build bearer"
	fs     *flag.FlagSet
	usage  string
	params *paramFlag
	bad    *problems

	// build makes the challenge once the flags are parsed.
	build func() (wwwauth.Challenge, error)
}

// newBuildCommand returns the command for scheme, in lower case, or false
// if there is none.
func newBuildCommand(scheme string, stderr io.Writer) (*buildCommand, bool) {
	c := &buildCommand{name: "httpauth build " + scheme, bad: new(problems)}
	c.fs = newFlagSet(c.name, stderr)
	c.params = &paramFlag{problems: c.bad}
	fs := c.fs
	fs.Var(c.params, "param", "")
	switch scheme {
	case "bearer":
		var b wwwauth.Bearer
		var errorCode string
		var scope, acr listFlag
		maxAge := maxAgeFlag{problems: c.bad}
		fs.StringVar(&b.Realm, "realm", "", "")
		fs.Var(&scope, "scope", "")
		fs.StringVar(&errorCode, "error", "", "")
		fs.StringVar(&b.ErrorDescription, "error-description", "", "")
		fs.StringVar(&b.ErrorURI, "error-uri", "", "")
		fs.StringVar(&b.ResourceMetadata, "resource-metadata", "", "")
		fs.Var(&maxAge, "max-age", "")
		fs.Var(&acr, "acr-values", "")
		c.usage = buildBearerUsage
		c.build = func() (wwwauth.Challenge, error) {
			b.Scope, b.ACRValues, b.MaxAge, b.Other = scope.values, acr.values, maxAge.v, c.params.params
			b.Error = wwwauth.ErrorCode(errorCode)
			if fs.NFlag() == 0 {
				// RFC 6750, Section 3: "Bearer" MUST be followed by one
				// or more auth-param values; say which flags give one.
				return wwwauth.Challenge{}, errors.New("a Bearer challenge needs at least one parameter (RFC 6750, Section 3): give --resource-metadata, --realm, --scope, --error or --param")
			}
			warnErrorCode(stderr, c.name, b.Error)
			return b.Challenge()
		}
	case "dpop":
		var d wwwauth.DPoP
		var errorCode string
		var scope, algs listFlag
		fs.StringVar(&d.Realm, "realm", "", "")
		fs.Var(&scope, "scope", "")
		fs.StringVar(&errorCode, "error", "", "")
		fs.StringVar(&d.ErrorDescription, "error-description", "", "")
		fs.StringVar(&d.ErrorURI, "error-uri", "", "")
		fs.Var(&algs, "algs", "")
		fs.StringVar(&d.ResourceMetadata, "resource-metadata", "", "")
		c.usage = buildDPoPUsage
		c.build = func() (wwwauth.Challenge, error) {
			d.Scope, d.Algs, d.Other = scope.values, algs.values, c.params.params
			d.Error = wwwauth.ErrorCode(errorCode)
			warnErrorCode(stderr, c.name, d.Error)
			return d.Challenge()
		}
	case "basic":
		var b wwwauth.Basic
		fs.StringVar(&b.Realm, "realm", "", "")
		fs.StringVar(&b.Charset, "charset", "", "")
		c.usage = buildBasicUsage
		c.build = func() (wwwauth.Challenge, error) {
			b.Other = c.params.params
			return b.Challenge()
		}
	case "digest":
		var d wwwauth.Digest
		domain := listFlag{}
		qop := listFlag{extra: ","}
		fs.StringVar(&d.Realm, "realm", "", "")
		fs.Var(&domain, "domain", "")
		fs.StringVar(&d.Nonce, "nonce", "", "")
		fs.StringVar(&d.Opaque, "opaque", "", "")
		fs.BoolVar(&d.Stale, "stale", false, "")
		fs.StringVar(&d.Algorithm, "algorithm", "", "")
		fs.Var(&qop, "qop", "")
		fs.StringVar(&d.Charset, "charset", "", "")
		fs.BoolVar(&d.Userhash, "userhash", false, "")
		c.usage = buildDigestUsage
		c.build = func() (wwwauth.Challenge, error) {
			d.Domain, d.QOP, d.Other = domain.values, qop.values, c.params.params
			return d.Challenge()
		}
	default:
		return nil, false
	}
	return c, true
}

// buildSchemes are the schemes of build, in the order of its usage.
var buildSchemes = [...]string{"bearer", "dpop", "basic", "digest"}

func runBuild(args []string, stdout, stderr io.Writer) int {
	const cmd = "httpauth build"
	if len(args) == 0 {
		fmt.Fprint(stderr, buildUsage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, buildUsage)
		return exitOK
	}
	c, ok := newBuildCommand(strings.ToLower(args[0]), stderr)
	if !ok {
		return usageError(stderr, cmd, fmt.Sprintf("unknown scheme %q: want bearer, dpop, basic or digest", args[0]))
	}

	rest, status, done := parseFlags(c.fs, c.usage, args[1:], stdout, stderr)
	if done {
		return status
	}
	if len(rest) > 0 {
		return usageError(stderr, c.name, fmt.Sprintf("unexpected argument %q", rest[0]))
	}
	if len(*c.bad) > 0 {
		return usageError(stderr, c.name, (*c.bad)[0])
	}
	// An Other parameter must not stand in for a typed one: say which flag
	// to use rather than the model's "is a field of the typed model".
	for _, p := range c.params.params {
		if f := c.fs.Lookup(strings.ReplaceAll(strings.ToLower(p.Name), "_", "-")); f != nil && f.Name != "param" {
			return usageError(stderr, c.name, fmt.Sprintf("--param %q: use --%s", p.Name+"="+p.Value, f.Name))
		}
	}

	ch, err := c.build()
	if err == nil {
		var value string
		if value, err = wwwauth.Format(ch); err == nil {
			fmt.Fprintln(stdout, value)
			return exitOK
		}
	}
	return usageError(stderr, c.name, invalidFlag(c.fs, c.params.params, err))
}

// invalidFlag turns the error of a typed model's Challenge into a message
// that names the flag at fault and quotes its value: the user typed it, so
// it is no secret, and %q shows a CR or LF.
func invalidFlag(fs *flag.FlagSet, params []wwwauth.Param, err error) string {
	var pe *httpauth.ParamError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	if f := fs.Lookup(strings.ReplaceAll(pe.Name, "_", "-")); f != nil {
		if v := f.Value.String(); v != "" {
			return fmt.Sprintf("invalid --%s %q: %s", f.Name, v, pe.Reason)
		}
		return fmt.Sprintf("--%s %s", f.Name, pe.Reason)
	}
	// An Other parameter is named by its name, or, when the name is at
	// fault, by its index: "Other[2]".
	var i int
	if _, err := fmt.Sscanf(pe.Name, "Other[%d]", &i); err == nil && 0 <= i && i < len(params) {
		return fmt.Sprintf("invalid --param %q: the %s", params[i].Name+"="+params[i].Value, pe.Reason)
	}
	// The last one of the name: for a repeated name, the repetition.
	for i := len(params) - 1; i >= 0; i-- {
		if p := params[i]; strings.EqualFold(p.Name, pe.Name) {
			return fmt.Sprintf("invalid --param %q: %s %s", p.Name+"="+p.Value, pe.Name, pe.Reason)
		}
	}
	return fmt.Sprintf("invalid --param: %s %s", pe.Name, pe.Reason)
}

// warnErrorCode warns about an error code that no RFC defines: RFC 6750
// allows others, but a typo here would go unnoticed by clients.
func warnErrorCode(stderr io.Writer, name string, code wwwauth.ErrorCode) {
	if code != "" && code.Status() == 0 {
		fmt.Fprintf(stderr, "%s: warning: error %q is not a code of RFC 6750, RFC 9449 or RFC 9470\n", name, string(code))
	}
}
