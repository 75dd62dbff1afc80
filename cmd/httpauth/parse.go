package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

const parseUsage = `Usage: httpauth parse [--lenient] [--json] [--header NAME] [--show-secrets] [VALUE...]

parse prints the auth-schemes and parameters of a header field, and the typed
view of the schemes the library models: Bearer (RFC 6750, RFC 9728, RFC 9470),
DPoP (RFC 9449), Basic (RFC 7617) and Digest (RFC 7616).

Each VALUE is one line of the field. With no VALUE, parse reads stdin, which
may hold:
  - a header section, as "curl -sI URL" prints it: an optional status or
    request line, then "Name: value" lines, with CRLF or LF, up to the first
    empty line (a body after it is not read);
  - several, as "curl -sIL URL" prints a redirect and the response it led
    to, or a "100 Continue" and the final response: parse reads the last
    response;
  - what "curl -v URL 2>&1" prints: parse reads the response ("< " lines),
    or the request ("> " lines) for Authorization and Proxy-Authorization,
    and skips curl's notes ("* ") and the body;
  - a field value alone: echo 'Bearer realm="api"' | httpauth parse
Without --header, the input says which field to read: Proxy-Authenticate in a
407 response, Authorization in a request, WWW-Authenticate otherwise. parse
takes every line of the field, whatever the case of its name, in order; it
joins an obs-fold (a line that starts with whitespace) to the line above with
SP, with a warning.

  curl -sIL https://api.example.com/mcp | httpauth parse
  curl -sv https://api.example.com/mcp 2>&1 | httpauth parse --json
  httpauth parse 'Bearer realm="api", error="invalid_token"'
  httpauth parse --header Authorization 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='

Flags:
  --header NAME    the field to parse: WWW-Authenticate (the default for
                   VALUEs), Proxy-Authenticate, Authorization,
                   Proxy-Authorization, Authentication-Info or
                   Proxy-Authentication-Info
  --lenient        recover from malformed values as a client must, and print
                   each recovery as a warning on stderr
  --json           print JSON, in the shape below, instead of text
  --show-secrets   print credentials in full, and their wire form; without it
                   secrets are "[redacted]": tokens, passwords, Digest
                   responses, and the parameters package authz redacts
                   (the typed view of Basic and Digest shows the user name)

Values are printed Go-quoted, so that control characters are visible and never
reach the terminal. A syntax error prints the field line, a caret under the
byte where parsing stopped and the message, and exits 1. A typed view that
does not hold (a resource_metadata that is not https, say) is printed with the
reason, and does not change the exit status.

JSON (token68 is "" when absent; line is the 1-based field line, offset the
0-based byte in it; a redacted value, or the name of a parameter no known
scheme defines, is "[redacted]"):
  WWW-Authenticate, Proxy-Authenticate:
    {"field": NAME,
     "challenges": [{"scheme": S, "token68": T,
                     "params": [{"name": N, "value": V}, ...],
                     "typed": TYPED}, ...],
     "recoveries": [{"line": L, "offset": O, "error": E, "assumed": A}, ...]}
  Authorization, Proxy-Authorization:
    {"field": NAME, "redacted": BOOL,
     "credentials": {"scheme": S, "token68": T, "params": [...],
                     "typed": TYPED},
     "recoveries": [...]}
  Authentication-Info, Proxy-Authentication-Info:
    {"field": NAME, "params": [...], "recoveries": [...]}
  on a syntax error, instead:
    {"field": NAME, "error": {"line": L, "offset": O, "message": M}}

TYPED is null for a scheme with no model, and otherwise the typed view:
    {"model": "Bearer" | "DPoP" | "Basic" | "Digest", "valid": BOOL,
     "reason": WHY (if not valid), and the parameters the model reads,
     each left out when absent, "" only when sent empty (realm="")}
  of a challenge: "realm", "scope": [...],
     "error": {"code": C, "status": 400 | 401 | 403 | null (no RFC defines C)},
     "error_description", "error_uri", "resource_metadata": {"url": U,
     "fetchable": BOOL (https, or http on a loopback host), "reason": WHY},
     "max_age": N, "acr_values": [...], "algs": [...], "domain": [...],
     "nonce", "opaque", "stale": true, "algorithm" (absent: MD5),
     "qop": [...], "charset", "userhash": true,
     "other": [{"name": N, "value": V}, ...], "note";
  of credentials: "token", "user_id", "password", "username", "userhash",
     "realm", "uri", "algorithm", "nonce", "qop", "nc", "cnonce",
     "response", "opaque", "other_params": N, "note"; secrets as in the text.
  A Bearer or DPoP challenge has its resource_metadata even when the model
  does not hold, so that whether it is fetchable is always there.

Exit status: 0 success; 1 a syntax error, or no such field in the input;
2 a usage error, or stdin empty or larger than 1 MiB.
`

// The kinds of field parse knows.
type fieldKind int

const (
	kindChallenges  fieldKind = iota // WWW-Authenticate = #challenge
	kindCredentials                  // Authorization = credentials
	kindInfo                         // Authentication-Info = #auth-param
)

var fields = [...]struct {
	name string
	kind fieldKind
}{
	{"WWW-Authenticate", kindChallenges},
	{"Proxy-Authenticate", kindChallenges},
	{"Authorization", kindCredentials},
	{"Proxy-Authorization", kindCredentials},
	{"Authentication-Info", kindInfo},
	{"Proxy-Authentication-Info", kindInfo},
}

type parseOptions struct {
	field       string // canonical name
	kind        fieldKind
	lenient     bool
	json        bool
	showSecrets bool
}

// A problem is a syntax error or a recovery, from either package.
type problem struct {
	line, offset int    // as in httpauth.SyntaxError
	msg          string // the fixed message of the cause
	assumed      string // for a recovery: what the parser took the input to mean
}

// A parseResult is what parsing one field gave.
type parseResult struct {
	challenges []wwwauth.Challenge // kindChallenges
	creds      authz.Credentials   // kindCredentials
	params     []wwwauth.Param     // kindInfo
	recoveries []problem
	syntax     *problem // the syntax error that stopped a strict parse
}

// newParseFlags returns the flags of parse, which set opts and the name of
// the field.
func newParseFlags(stderr io.Writer, opts *parseOptions, header *string) *flag.FlagSet {
	fs := newFlagSet("httpauth parse", stderr)
	fs.StringVar(header, "header", "WWW-Authenticate", "")
	fs.BoolVar(&opts.lenient, "lenient", false, "")
	fs.BoolVar(&opts.json, "json", false, "")
	fs.BoolVar(&opts.showSecrets, "show-secrets", false, "")
	return fs
}

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const cmd = "httpauth parse"
	var (
		opts   parseOptions
		header string
	)
	fs := newParseFlags(stderr, &opts, &header)
	values, status, done := parseFlags(fs, parseUsage, args, stdout, stderr)
	if done {
		return status
	}
	headerGiven := false
	fs.Visit(func(f *flag.Flag) { headerGiven = headerGiven || f.Name == "header" })
	if !opts.setField(header) {
		return usageError(stderr, cmd, fmt.Sprintf("--header %q: not a field this command parses", header))
	}

	warn := func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) }
	var (
		lines []fieldLine
		bare  bool // stdin held a field value alone
	)
	if len(values) > 0 {
		for i, v := range values {
			lines = append(lines, fieldLine{value: v, where: "argument " + strconv.Itoa(i+1)})
		}
	} else {
		if f, ok := stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				fmt.Fprintln(stderr, "httpauth parse: reading a header section or a field value from the terminal; end it with an empty line")
			}
		}
		in, err := readInput(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "%s: reading stdin: %v\n", cmd, err)
			return exitUsage
		}
		switch {
		case in.empty() && in.verbose:
			fmt.Fprintf(stderr, "%s: the curl -v output on stdin has no request or response header line (\"> \" or \"< \"): check that the request was sent\n", cmd)
			return exitFailed
		case in.empty():
			fmt.Fprintf(stderr, "%s: stdin is empty: pipe a header section (curl -sI URL | httpauth parse) or a field value (echo 'Bearer realm=\"api\"' | httpauth parse), or give the value as an argument\n", cmd)
			return exitUsage
		case in.bare:
			bare = true
			lines = in.blocks[0].bareLines(warn)
		default:
			given := ""
			if headerGiven {
				given = opts.field
			}
			b, name := in.choose(given)
			opts.setField(name)
			if lines = b.field(opts.field, warn); len(lines) == 0 {
				missingField(stderr, cmd, &in, b, opts.field)
				return exitFailed
			}
		}
	}
	raw := make([]string, len(lines))
	for i, l := range lines {
		raw[i] = l.value
	}

	res, err := parseField(opts.kind, raw, opts.lenient)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFailed
	}
	// display returns field line n (1-based) as it may be printed.
	display := func(n int) (where, line string) {
		if n < 1 || n > len(lines) {
			return "", ""
		}
		l := lines[n-1]
		if opts.kind == kindCredentials && !opts.showSecrets {
			return l.where, maskCredentials(l.value)
		}
		return l.where, l.value
	}
	// notValue: stdin held a value alone, in which not even a lenient
	// parse finds anything.
	notValue := false
	if bare {
		lenient := res
		if !opts.lenient {
			lenient, _ = parseField(opts.kind, raw, true)
		}
		notValue = lenient.syntax != nil || len(lenient.recoveries) > 0 && lenient.empty()
	}
	const notValueMessage = "%s: stdin has no status or request line and no \"Name: value\" line, and it is not a %s value either: pipe a header section as \"curl -sI URL\" prints it, or use --header NAME if the value is of another field\n"
	for _, r := range res.recoveries {
		where, line := display(r.line)
		fmt.Fprintf(stderr, "warning: %s (%s), offset %d: %s; %s\n", opts.field, where, r.offset, r.msg, r.assumed)
		writeCaret(stderr, line, r.offset)
	}
	if s := res.syntax; s != nil {
		where, line := display(s.line)
		fmt.Fprintf(stderr, "%s: %s (%s), offset %d: %s\n", cmd, opts.field, where, s.offset, s.msg)
		writeCaret(stderr, line, s.offset)
		if opts.kind == kindCredentials && !opts.showSecrets {
			fmt.Fprintln(stderr, "  (letters, digits and other characters after the auth-scheme are masked as '*'; --show-secrets shows them)")
		}
		if notValue {
			fmt.Fprintf(stderr, notValueMessage, cmd, opts.field)
		} else if lenient, err := parseField(opts.kind, raw, true); err == nil && lenient.syntax == nil && !opts.lenient {
			fmt.Fprintf(stderr, "hint: --lenient recovers from this, with %d %s\n", len(lenient.recoveries), plural(len(lenient.recoveries), "recovery", "recoveries"))
		}
		if opts.json {
			if err := writeJSON(stdout, jsonFailure{Field: opts.field, Error: jsonError{Line: s.line, Offset: s.offset, Message: s.msg}}); err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
			}
		}
		return exitFailed
	}
	if notValue {
		fmt.Fprintf(stderr, notValueMessage, cmd, opts.field)
		return exitFailed
	}

	if opts.json {
		if err := writeJSON(stdout, res.toJSON(opts)); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
			return exitFailed
		}
		return exitOK
	}
	switch opts.kind {
	case kindChallenges:
		writeChallenges(stdout, opts, res.challenges)
	case kindCredentials:
		writeCredentials(stdout, opts, res.creds)
	case kindInfo:
		fmt.Fprintf(stdout, "%s: %d %s\n", opts.field, len(res.params), plural(len(res.params), "parameter", "parameters"))
		writeParams(stdout, "  ", res.params)
	}
	return exitOK
}

// setField sets the field of opts to name, matched case-insensitively, and
// reports whether parse knows it.
func (opts *parseOptions) setField(name string) bool {
	for _, f := range fields {
		if strings.EqualFold(f.name, name) {
			opts.field, opts.kind = f.name, f.kind
			return true
		}
	}
	return false
}

// missingField says that block b of in has no field name, and what to do.
func missingField(stderr io.Writer, cmd string, in *input, b *block, name string) {
	fmt.Fprintf(stderr, "%s: %s has no %s field\n", cmd, b.describe(), name)
	var others []string
	for _, f := range fields {
		if f.name != name {
			others = append(others, f.name)
		}
	}
	if other := b.has(others...); other != "" {
		fmt.Fprintf(stderr, "hint: it has %s: run \"httpauth parse --header %s\"\n", other, other)
		return
	}
	for i := range in.blocks {
		if o := &in.blocks[i]; o != b && o.kind == b.kind && o.has(name) != "" {
			fmt.Fprintf(stderr, "hint: %s has one, but parse reads the last %s on stdin: pipe that one alone, or give its value as an argument\n",
				o.describe(), map[blockKind]string{blockResponse: "response", blockRequest: "request"}[b.kind])
			return
		}
	}
	if b.kind == blockResponse && b.status/100 == 2 {
		fmt.Fprintf(stderr, "hint: a %d response asks for no credentials; a 401 carries WWW-Authenticate, a 407 Proxy-Authenticate\n", b.status)
	}
}

// parseField parses lines as a field of kind. It returns an error only for
// one that is not a syntax error, which the packages do not return.
func parseField(kind fieldKind, lines []string, lenient bool) (parseResult, error) {
	var (
		res parseResult
		err error
	)
	recovered := func(rs []httpauth.Recovery, _ int) {
		for _, r := range rs {
			res.recoveries = append(res.recoveries, problem{r.Line, r.Offset, r.Err.Error(), r.Assumed})
		}
	}
	switch kind {
	case kindChallenges:
		p := wwwauth.Parser{Lenient: lenient, Recovered: recovered}
		res.challenges, err = p.ParseLines(lines)
	case kindCredentials:
		p := authz.Parser{Lenient: lenient, Recovered: recovered}
		res.creds, err = p.ParseLines(lines)
	case kindInfo:
		p := wwwauth.Parser{Lenient: lenient, Recovered: recovered}
		res.params, err = p.ParseInfo(lines)
	}
	var syntax *httpauth.SyntaxError
	switch {
	case err == nil:
	case errors.As(err, &syntax):
		res.syntax = &problem{line: syntax.Line, offset: syntax.Offset, msg: syntax.Err.Error()}
	default:
		return parseResult{}, err
	}
	return res, nil
}

// empty reports whether res holds no challenge, credentials or parameter.
func (res parseResult) empty() bool {
	return len(res.challenges) == 0 && res.creds.Scheme == "" && len(res.params) == 0
}

// writeParams writes one line per parameter: name = "value", and the
// decoded value of an RFC 8187 ext-value (a name ending in "*").
func writeParams(w io.Writer, indent string, params []wwwauth.Param) {
	for _, p := range params {
		fmt.Fprintf(w, "%s%s = %q", indent, p.Name, p.Value)
		if strings.HasSuffix(p.Name, "*") {
			if v, err := httpauth.DecodeExtValue(p.Value); err == nil {
				fmt.Fprintf(w, " (RFC 8187: %q)", v)
			} else {
				fmt.Fprint(w, " (not an RFC 8187 ext-value)")
			}
		}
		fmt.Fprintln(w)
	}
}

func writeChallenges(w io.Writer, opts parseOptions, cs []wwwauth.Challenge) {
	if len(cs) == 0 {
		fmt.Fprintf(w, "%s: no challenges (an empty list)\n", opts.field)
		return
	}
	fmt.Fprintf(w, "%s: %d %s\n", opts.field, len(cs), plural(len(cs), "challenge", "challenges"))
	for i, c := range cs {
		fmt.Fprintf(w, "challenge %d: %s\n", i+1, c.Scheme)
		if c.Token68 != "" {
			fmt.Fprintf(w, "  token68 = %q\n", c.Token68)
		}
		writeParams(w, "  ", c.Params)
		writeTypedChallenge(w, opts, c)
	}
}

// writeTypedChallenge writes the typed view of c, if its scheme has one.
// Only the fields that are set are written.
func writeTypedChallenge(w io.Writer, opts parseOptions, c wwwauth.Challenge) {
	var (
		t   typedView
		err error
	)
	_, realmSent := c.Param("realm") // realm="" is an empty realm, not an absent one
	switch {
	case c.Is("Bearer"):
		var b wwwauth.Bearer
		if b, err = wwwauth.ParseBearer(c); err == nil {
			t = bearerView(b, realmSent)
		}
	case c.Is("DPoP"):
		var d wwwauth.DPoP
		if d, err = wwwauth.ParseDPoP(c); err == nil {
			t.realm(d.Realm, realmSent, "")
			t.list("scope", d.Scope)
			t.errorCode(d.Error)
			t.str("error_description", d.ErrorDescription)
			t.str("error_uri", d.ErrorURI)
			t.list("algs", d.Algs)
			t.str("resource_metadata", d.ResourceMetadata)
			t.other(d.Other)
			if opts.field == "Proxy-Authenticate" {
				t.add("note", "RFC 9449, Section 7.1 forbids DPoP in Proxy-Authenticate")
			}
		}
	case c.Is("Basic"):
		var b wwwauth.Basic
		if b, err = wwwauth.ParseBasic(c); err == nil {
			t.realm(b.Realm, realmSent, "RFC 7617")
			t.str("charset", b.Charset)
			t.other(b.Other)
		}
	case c.Is("Digest"):
		var d wwwauth.Digest
		if d, err = wwwauth.ParseDigest(c); err == nil {
			t.realm(d.Realm, realmSent, "RFC 7616")
			t.list("domain", d.Domain)
			t.str("nonce", d.Nonce)
			t.str("opaque", d.Opaque)
			if d.Stale {
				t.add("stale", "true (retry with the new nonce, without asking the user)")
			}
			if d.Algorithm == "" {
				t.add("algorithm", "absent (MD5)")
			} else {
				t.str("algorithm", d.Algorithm)
			}
			t.list("qop", d.QOP)
			t.str("charset", d.Charset)
			if d.Userhash {
				t.add("userhash", "true")
			}
			t.other(d.Other)
		}
	default:
		return
	}
	scheme := typedScheme(c)
	if err != nil {
		fmt.Fprintf(w, "  as %s: not valid: %s\n", scheme, typedError(err))
		return
	}
	if len(t.lines) == 0 {
		fmt.Fprintf(w, "  as %s: no parameters\n", scheme)
		return
	}
	fmt.Fprintf(w, "  as %s:\n", scheme)
	for _, l := range t.lines {
		fmt.Fprintf(w, "    %s\n", l)
	}
}

// bearerView returns the typed view of a Bearer challenge, which has a
// realm parameter if realmSent.
func bearerView(b wwwauth.Bearer, realmSent bool) typedView {
	var t typedView
	t.realm(b.Realm, realmSent, "")
	t.list("scope", b.Scope)
	t.errorCode(b.Error)
	t.str("error_description", b.ErrorDescription)
	t.str("error_uri", b.ErrorURI)
	t.str("resource_metadata", b.ResourceMetadata)
	if b.MaxAge != nil {
		t.add("max_age", strconv.Itoa(*b.MaxAge)+" seconds")
	}
	t.list("acr_values", b.ACRValues)
	t.other(b.Other)
	return t
}

// typedScheme returns the canonical spelling of c's scheme.
func typedScheme(c wwwauth.Challenge) string {
	for _, s := range [...]string{"Bearer", "DPoP", "Basic", "Digest"} {
		if c.Is(s) {
			return s
		}
	}
	return c.Scheme
}

// typedError returns why a typed parse failed, without the package prefix.
// The library's messages are fixed texts that hold no input byte.
func typedError(err error) string {
	var pe *httpauth.ParamError
	if errors.As(err, &pe) {
		return pe.Name + " " + pe.Reason
	}
	msg := err.Error()
	for _, pkg := range []string{"httpauth: ", "wwwauth: ", "authz: "} {
		msg = strings.TrimPrefix(msg, pkg)
	}
	return msg
}

// A typedView collects the "name: value" lines of a typed view.
type typedView struct{ lines []string }

func (t *typedView) add(name, value string) { t.lines = append(t.lines, name+": "+value) }

func (t *typedView) str(name, value string) {
	if value != "" {
		t.add(name, strconv.Quote(value))
	}
}

// realm adds the realm: quoted, or `"" (empty)` for realm=""; if it was
// not sent, nothing, or that requiredBy (an RFC) requires one.
func (t *typedView) realm(value string, sent bool, requiredBy string) {
	switch {
	case sent && value == "":
		t.add("realm", `"" (empty)`)
	case sent:
		t.add("realm", strconv.Quote(value))
	case requiredBy != "":
		t.add("realm", "absent ("+requiredBy+" requires one)")
	}
}

func (t *typedView) list(name string, values []string) {
	if len(values) > 0 {
		t.add(name, fmt.Sprintf("%q", values))
	}
}

func (t *typedView) other(params []wwwauth.Param) {
	for _, p := range params {
		t.add("other "+p.Name, strconv.Quote(p.Value))
	}
}

func (t *typedView) errorCode(code wwwauth.ErrorCode) {
	switch {
	case code == "":
	case code.Status() == 0:
		t.add("error", strconv.Quote(string(code))+" (an error code no RFC defines)")
	default:
		t.add("error", fmt.Sprintf("%q (status %d)", code, code.Status()))
	}
}

func writeCredentials(w io.Writer, opts parseOptions, c authz.Credentials) {
	if opts.showSecrets {
		// Parsed credentials always serialize; the error names no secret.
		v, err := c.WireForm()
		if err != nil {
			v = "(no wire form: " + err.Error() + ")"
		}
		wire, _ := escape(v)
		fmt.Fprintf(w, "%s: %s\n", opts.field, wire)
	} else {
		redacted, _ := escape(c.Redacted())
		fmt.Fprintf(w, "%s: %s\n", opts.field, redacted)
	}
	fmt.Fprintf(w, "credentials: %s\n", c.Scheme)
	if c.Token68 != "" {
		fmt.Fprintf(w, "  token68 = %s\n", secret(opts, c.Token68))
	}
	for _, p := range c.Params {
		name, value := p.Name, strconv.Quote(p.Value)
		if !opts.showSecrets {
			name, value = redactParam(c.Scheme, p)
		}
		fmt.Fprintf(w, "  %s = %s\n", name, value)
	}

	var (
		t    typedView
		err  error
		kind string
	)
	switch {
	case c.Is("Bearer"), c.Is("DPoP"):
		var token string
		kind = "Bearer"
		if c.Is("DPoP") {
			kind = "DPoP"
			token, err = authz.ParseDPoP(c)
		} else {
			token, err = authz.ParseBearer(c)
		}
		if err == nil {
			t.add("token", secret(opts, token))
			if kind == "DPoP" {
				t.add("note", "the proof of possession travels in the DPoP header field")
			}
		}
	case c.Is("Basic"):
		kind = "Basic"
		var user, password string
		if user, password, err = authz.ParseBasic(c); err == nil {
			t.add("user-id", strconv.Quote(user))
			t.add("password", secret(opts, password))
		}
	case c.Is("Digest"):
		kind = "Digest"
		var d authz.Digest
		if d, err = authz.ParseDigest(c); err == nil {
			t.add("username", strconv.Quote(d.Username))
			if d.Userhash {
				t.add("userhash", "true (username is a hash)")
			}
			t.add("realm", strconv.Quote(d.Realm))
			t.add("uri", secret(opts, d.URI)) // a query may hold a secret
			if d.Algorithm == "" {
				t.add("algorithm", "absent (MD5)")
			} else {
				t.str("algorithm", d.Algorithm)
			}
			t.add("nonce", secret(opts, d.Nonce))
			if d.QOP != "" {
				t.str("qop", d.QOP)
				t.add("nc", fmt.Sprintf("%08x", d.NC))
				t.add("cnonce", secret(opts, d.CNonce))
			}
			t.add("response", secret(opts, d.Response))
			if d.Opaque != "" {
				t.add("opaque", secret(opts, d.Opaque))
			}
			if len(d.Other) > 0 {
				t.add("other parameters", strconv.Itoa(len(d.Other)))
			}
		}
	default:
		return
	}
	if err != nil {
		fmt.Fprintf(w, "  as %s: not valid: %s\n", kind, typedError(err))
		return
	}
	fmt.Fprintf(w, "  as %s:\n", kind)
	for _, l := range t.lines {
		fmt.Fprintf(w, "    %s\n", l)
	}
}

// secret returns v quoted, or "[redacted]" unless --show-secrets.
func secret(opts parseOptions, v string) string {
	if opts.showSecrets {
		return strconv.Quote(v)
	}
	return "[redacted]"
}

// redactParam returns the name and the value of p, a parameter of
// credentials of scheme, as Credentials.Redacted shows them: the name, or
// "[redacted]" if no known scheme defines it; the value Go-quoted, or
// "[redacted]". Which names and values are secret is decided in one place,
// package authz.
func redactParam(scheme string, p authz.Param) (name, value string) {
	r := authz.Credentials{Scheme: scheme, Params: []authz.Param{p}}.RedactedParams()[0]
	const hidden = "[redacted]"
	if r.Value == hidden && p.Value != hidden {
		return r.Name, hidden
	}
	return r.Name, strconv.Quote(r.Value)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// The JSON output of parse; see parseUsage.
type (
	jsonParam struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	jsonChallenge struct {
		Scheme  string      `json:"scheme"`
		Token68 string      `json:"token68"`
		Params  []jsonParam `json:"params"`
		Typed   *jsonTyped  `json:"typed"` // see typedjson.go
	}
	jsonRecovery struct {
		Line    int    `json:"line"`
		Offset  int    `json:"offset"`
		Error   string `json:"error"`
		Assumed string `json:"assumed"`
	}
	jsonChallenges struct {
		Field      string          `json:"field"`
		Challenges []jsonChallenge `json:"challenges"`
		Recoveries []jsonRecovery  `json:"recoveries"`
	}
	jsonCredentialsValue struct {
		Scheme  string                `json:"scheme"`
		Token68 string                `json:"token68"`
		Params  []jsonParam           `json:"params"`
		Typed   *jsonTypedCredentials `json:"typed"` // see typedjson.go
	}
	jsonCredentials struct {
		Field       string               `json:"field"`
		Redacted    bool                 `json:"redacted"`
		Credentials jsonCredentialsValue `json:"credentials"`
		Recoveries  []jsonRecovery       `json:"recoveries"`
	}
	jsonInfo struct {
		Field      string         `json:"field"`
		Params     []jsonParam    `json:"params"`
		Recoveries []jsonRecovery `json:"recoveries"`
	}
	jsonError struct {
		Line    int    `json:"line"`
		Offset  int    `json:"offset"`
		Message string `json:"message"`
	}
	jsonFailure struct {
		Field string    `json:"field"`
		Error jsonError `json:"error"`
	}
)

func (res parseResult) toJSON(opts parseOptions) any {
	recoveries := []jsonRecovery{}
	for _, r := range res.recoveries {
		recoveries = append(recoveries, jsonRecovery{r.line, r.offset, r.msg, r.assumed})
	}
	params := func(ps []wwwauth.Param) []jsonParam {
		out := []jsonParam{}
		for _, p := range ps {
			out = append(out, jsonParam{p.Name, p.Value})
		}
		return out
	}
	switch opts.kind {
	case kindChallenges:
		out := jsonChallenges{Field: opts.field, Challenges: []jsonChallenge{}, Recoveries: recoveries}
		for _, c := range res.challenges {
			out.Challenges = append(out.Challenges, jsonChallenge{c.Scheme, c.Token68, params(c.Params), typedChallengeJSON(opts.field, c)})
		}
		return out
	case kindCredentials:
		c := res.creds
		out := jsonCredentials{Field: opts.field, Redacted: !opts.showSecrets, Recoveries: recoveries,
			Credentials: jsonCredentialsValue{Scheme: c.Scheme, Token68: c.Token68, Params: params(c.Params), Typed: typedCredentialsJSON(opts, c)}}
		if !opts.showSecrets {
			if c.Token68 != "" {
				out.Credentials.Token68 = "[redacted]"
			}
			for i, p := range c.Params {
				name, value := redactParam(c.Scheme, p)
				if value != "[redacted]" {
					value = p.Value
				}
				out.Credentials.Params[i] = jsonParam{name, value}
			}
		}
		return out
	default:
		return jsonInfo{Field: opts.field, Params: params(res.params), Recoveries: recoveries}
	}
}

// writeJSON writes v indented, without escaping <, > and & (the output is
// not HTML), and with the runes strconv.IsPrint rejects escaped: encoding/json
// escapes the ASCII controls but writes C1 controls and bidirectional
// overrides as they are, and they must not reach a terminal.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b := buf.Bytes()
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		// encoding/json writes valid UTF-8, and only inside strings can
		// a rune above ASCII occur, so an escape there is valid JSON.
		if r >= utf8.RuneSelf && !strconv.IsPrint(r) {
			for _, u := range utf16.AppendRune(nil, r) {
				out = fmt.Appendf(out, `\u%04x`, u)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	_, err := w.Write(out)
	return err
}
