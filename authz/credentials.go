package authz

import (
	"fmt"
	"log/slog"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// A Param is an auth-param (RFC 9110, Section 11.2). It is
// [httpauth.Param], which challenges and credentials share.
type Param = httpauth.Param

// Credentials are the value of an Authorization or Proxy-Authorization
// field (RFC 9110, Section 11.4):
//
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//
// Credentials have a token68 or parameters, never both.
//
// Credentials are secret. Every way a program renders a value without
// asking for its wire form by name shows them redacted (see
// [Credentials.Redacted]): String, every fmt verb (%v %+v %#v %s %q %x…),
// encoding/json, encoding/xml and any other encoder that uses
// encoding.TextMarshaler, and log/slog. Only [Credentials.WireForm], [Set]
// and [SetProxy] give the wire form.
//
// One thing no library can prevent: fmt prints a struct's unexported
// fields through reflection, without calling their methods, so a
// Credentials held in an unexported field of your own struct is printed in
// full by %v. Give such a struct a String or Format method, or keep the
// Credentials in an exported field.
type Credentials struct {
	Scheme  string  // the auth-scheme, as received; compare it with [Credentials.Is]
	Token68 string  // set only for the token68 form
	Params  []Param // in order; names as received, values unescaped
}

// Is reports whether c's scheme is scheme, compared case-insensitively as
// RFC 9110, Section 11.1 requires.
func (c Credentials) Is(scheme string) bool {
	return grammar.EqualFold(c.Scheme, scheme)
}

// Param returns the value of the parameter name, matched case-insensitively,
// preferring a decodable RFC 8187 name* parameter (username* of Digest,
// say), as wwwauth.Challenge.Param does.
func (c Credentials) Param(name string) (string, bool) {
	v, ok, _ := grammar.LookupParam(c.Params, name)
	return v, ok
}

// known lists the parameter names Redacted shows: those of Digest
// (RFC 7616, Section 3.4), OAuth 1.0 (RFC 5849, Section 3.5.1), Hawk,
// Signature and AWS Signature Version 4. Any other name is redacted too,
// since a malformed token can look like a parameter (`Bearer SECRET=x`).
var known = [...]string{
	"username", "username*", "realm", "uri", "nonce", "cnonce", "nc", "qop", "response", "opaque", "algorithm", "userhash", "charset",
	"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce",
	"oauth_version", "oauth_callback", "oauth_verifier",
	"id", "ts", "hash", "ext", "mac", "app", "dlg",
	"keyId", "headers", "signature", "created", "expires",
	"Credential", "SignedHeaders",
}

// visible lists the parameters whose values Redacted shows: they name how
// the client authenticated, not who it is or what proves it.
var visible = [...]string{"realm", "algorithm", "qop", "charset", "userhash", "oauth_signature_method", "oauth_version"}

// Redacted returns c for a log line: the scheme, "[redacted]" for a token68,
// and the parameters with their values replaced by "[redacted]", except
// realm, algorithm, qop, charset, userhash, oauth_signature_method and
// oauth_version, whose values are shown. A parameter name is shown only if it
// is one that Digest, OAuth 1.0, Hawk, Signature or AWS defines; others are
// "[redacted]" too. It returns "[invalid]" if c's scheme is not a token, and ""
// for zero Credentials.
func (c Credentials) Redacted() string {
	return string(c.appendRedacted(nil))
}

func (c Credentials) appendRedacted(b []byte) []byte {
	if c.Scheme == "" && c.Token68 == "" && c.Params == nil {
		return b
	}
	if !grammar.IsToken(c.Scheme) {
		return append(b, "[invalid]"...)
	}
	b = append(b, c.Scheme...)
	if c.Token68 != "" {
		b = append(b, " "+redacted...)
	}
	for i, p := range c.Params {
		if i == 0 {
			b = append(b, ' ')
		} else {
			b = append(b, ", "...)
		}
		nameShown, valueShown := redact(p)
		if !nameShown {
			b = append(b, redacted+"="+redacted...)
			continue
		}
		b = append(b, p.Name...)
		b = append(b, '=')
		if valueShown {
			b = grammar.AppendValue(b, p.Value, quote(c.Scheme, p.Name))
		} else {
			b = append(b, redacted...)
		}
	}
	return b
}

// redacted stands for what Redacted hides.
const redacted = "[redacted]"

// redact says whether Redacted shows the name and the value of p.
func redact(p Param) (nameShown, valueShown bool) {
	if !in(known[:], p.Name) {
		return false, false
	}
	return true, in(visible[:], p.Name) && grammar.ValueError(p.Value) < 0
}

// RedactedParams returns c's parameters as [Credentials.Redacted] shows
// them, for a caller that lays them out itself (as JSON, say): each name
// that Redacted hides, and each value, is replaced by "[redacted]". It
// returns nil for credentials without parameters.
func (c Credentials) RedactedParams() []Param {
	if len(c.Params) == 0 {
		return nil
	}
	ps := make([]Param, len(c.Params))
	for i, p := range c.Params {
		nameShown, valueShown := redact(p)
		ps[i] = Param{Name: redacted, Value: redacted}
		if nameShown {
			ps[i].Name = p.Name
		}
		if valueShown {
			ps[i].Value = p.Value
		}
	}
	return ps
}

func in(names []string, name string) bool {
	for _, n := range names {
		if grammar.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// String returns [Credentials.Redacted], never the secret: loggers and
// encoders call String implicitly. The wire form is [Credentials.WireForm].
func (c Credentials) String() string { return c.Redacted() }

// MarshalText returns [Credentials.Redacted], never the secret, so that
// encoding/json, encoding/xml and the YAML and TOML encoders that use
// [encoding.TextMarshaler] write the redacted form. There is no
// UnmarshalText: the redacted form does not parse back, and a text round
// trip of secrets is not something to make easy.
func (c Credentials) MarshalText() ([]byte, error) { return c.appendRedacted(nil), nil }

// LogValue implements [slog.LogValuer]: it logs [Credentials.Redacted].
func (c Credentials) LogValue() slog.Value {
	return slog.StringValue(c.Redacted())
}

// Format implements [fmt.Formatter] so that every verb, %v, %+v, %#v, %s,
// %q and %x included, prints [Credentials.Redacted] (quoted for %q, in
// hexadecimal for %x and %X) and never the secret.
func (c Credentials) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.Redacted()) }

// formatRedacted prints the redacted form r of a value for verb.
func formatRedacted(f fmt.State, verb rune, r string) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", r)
	case 'x':
		fmt.Fprintf(f, "%x", r)
	case 'X':
		fmt.Fprintf(f, "%X", r)
	default:
		f.Write([]byte(r))
	}
}
