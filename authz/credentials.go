package authz

import (
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A Param is an auth-param (RFC 9110, Section 11.2). It is the same type as
// [wwwauth.Param], so parameters move between the packages unchanged.
type Param = wwwauth.Param

// Credentials are the value of an Authorization or Proxy-Authorization
// field (RFC 9110, Section 11.4):
//
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//
// Credentials have a token68 or parameters, never both.
//
// Credentials are secret. The fmt package, encoding/json and log/slog print
// them redacted (see [Credentials.Redacted]); only [Credentials.String],
// [Credentials.AppendText] and [Credentials.MarshalText] give the wire form.
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
// preferring a decodable RFC 8187 name* parameter as
// [wwwauth.Challenge.Param] does.
func (c Credentials) Param(name string) (string, bool) {
	return wwwauth.Challenge{Params: c.Params}.Param(name)
}

// LookupParam is [Credentials.Param] with the error of a malformed name*
// ext-value, as [wwwauth.Challenge.LookupParam].
func (c Credentials) LookupParam(name string) (value string, ok bool, err error) {
	return wwwauth.Challenge{Params: c.Params}.LookupParam(name)
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

// MarshalJSON encodes [Credentials.Redacted] as a JSON string, so that
// encoding/json, and log/slog's JSON handler, never write the secret of
// Credentials nested in a slice, a map or a struct (they would otherwise
// use MarshalText). Decoding JSON uses [Credentials.UnmarshalText], which
// cannot read the redacted form back: marshal the wire form yourself if you
// must store credentials.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.Redacted())
}

// LogValue implements [slog.LogValuer]: it logs [Credentials.Redacted].
func (c Credentials) LogValue() slog.Value {
	return slog.StringValue(c.Redacted())
}

// Format implements [fmt.Formatter] so that every verb, %v, %s, %q and %#v
// included, prints [Credentials.Redacted] and never the secret.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.Redacted())
		return
	}
	f.Write(c.appendRedacted(nil))
}
