// Package oauthsyntax holds the value rules of the OAuth 2.0 auth-params
// that packages wwwauth and authz check: the character sets of RFC 6749,
// Appendix A and RFC 6750, Section 3, space-separated lists, and the rule
// for URLs that a client will fetch (RFC 9728).
//
// Like package grammar, it returns plain errors with fixed messages that
// never quote the value; the public packages wrap them.
package oauthsyntax

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// IsNQSChar reports whether b is an RFC 6749 NQSCHAR, the set RFC 6750,
// Section 3 allows in error and error_description:
//
//	NQSCHAR = %x20-21 / %x23-5B / %x5D-7E   ; RFC 6749, Appendix A
func IsNQSChar(b byte) bool {
	return b == 0x20 || IsNQChar(b)
}

// IsNQChar reports whether b is an RFC 6749 NQCHAR, the set of a
// scope-token and of the URI-reference in error_uri:
//
//	NQCHAR      = %x21 / %x23-5B / %x5D-7E   ; RFC 6749, Appendix A
//	scope-token = 1*NQCHAR                   ; RFC 6749, Section 3.3
func IsNQChar(b byte) bool {
	return b == 0x21 || 0x23 <= b && b <= 0x5B || 0x5D <= b && b <= 0x7E
}

// IsNQSChars reports whether s is one or more NQSCHAR.
func IsNQSChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsNQSChar(s[i]) {
			return false
		}
	}
	return true
}

// IsNQChars reports whether s is one or more NQCHAR: a scope-token, an
// acr value, a JWS alg name.
func IsNQChars(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsNQChar(s[i]) {
			return false
		}
	}
	return true
}

// SplitSP splits a space-separated list such as a scope value:
//
//	scope = scope-token *( SP scope-token )   ; RFC 6749, Section 3.3
//
// It drops empty elements, so that runs of SP and leading or trailing SP
// (which some servers send) cost nothing; it returns nil for no elements.
// Only SP separates: HTAB and other bytes stay in the elements, for the
// caller to refuse.
func SplitSP(s string) []string {
	n := 0
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		n++
		for i < len(s) && s[i] != ' ' {
			i++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// JoinSP returns the elements of list joined by single spaces, after
// checking that each is one or more NQCHAR (which excludes SP). It returns
// false, and "", if one is not.
func JoinSP(list []string) (string, bool) {
	n := 0
	for _, s := range list {
		if !IsNQChars(s) {
			return "", false
		}
		n += len(s) + 1
	}
	if n == 0 {
		return "", true
	}
	var b strings.Builder
	b.Grow(n - 1)
	for i, s := range list {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// The reasons CheckURIReference and CheckFetchURL refuse a value.
var (
	ErrURIChars    = errors.New("holds a character a URI cannot hold")
	ErrURISyntax   = errors.New("is not a URI-reference")
	ErrNotAbsolute = errors.New("is not an absolute URL with a host")
	ErrScheme      = errors.New("is neither https nor http on a loopback host")
	ErrFragment    = errors.New("has a fragment")
	ErrUserinfo    = errors.New("has userinfo")
)

// CheckURIReference checks that s is a URI-reference as RFC 6750,
// Section 3 asks of error_uri: one or more NQCHAR that net/url parses.
// net/url is more lenient than RFC 3986 in places (it admits, for example,
// a "[" in a path), so this is a sanity check, not a full validation.
func CheckURIReference(s string) error {
	if !IsNQChars(s) {
		return ErrURIChars
	}
	if _, err := url.Parse(s); err != nil {
		return ErrURISyntax
	}
	return nil
}

// CheckFetchURL checks that s is a URL a client may fetch OAuth metadata
// from: the resource_metadata parameter of RFC 9728, Section 5.1 and the
// resource identifier of RFC 9728, Section 1.2.
//
//   - an absolute URL with a host, made of NQCHAR;
//   - with the https scheme, or http when the host is a loopback host:
//     "localhost" (in any case), an IPv4 address in 127.0.0.0/8, or ::1.
//     RFC 9728 asks for https; the loopback exception lets a server and a
//     client on one machine (an MCP server in development, a test) work
//     without certificates, and an attacker who can answer on the
//     loopback interface has already won;
//   - with no fragment (RFC 9728, Section 1.2) and no userinfo, which has
//     no place in a public metadata URL and would leak a password to logs.
//
// It returns the parsed URL.
func CheckFetchURL(s string) (*url.URL, error) {
	if !IsNQChars(s) {
		return nil, ErrURIChars
	}
	if strings.IndexByte(s, '#') >= 0 {
		return nil, ErrFragment
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, ErrURISyntax
	}
	if !u.IsAbs() || u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return nil, ErrNotAbsolute
	}
	if u.User != nil {
		return nil, ErrUserinfo
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, ErrScheme
		}
	default:
		return nil, ErrScheme
	}
	return u, nil
}

// IsLoopbackHost reports whether host (without port or brackets) is
// "localhost", compared case-insensitively, or a loopback IP address.
// Names under .localhost are not included: they are loopback only where the
// resolver follows RFC 6761, and an attacker's DNS may not.
func IsLoopbackHost(host string) bool {
	if grammar.EqualFold(host, "localhost") { // ASCII only: not "localhoſt"
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// errPageChar is the reason CheckPageURL refuses a value that is not
// NQCHAR; its other reasons are those of CheckFetchURL.
var errPageChar = errors.New("holds a character a URL cannot hold")

// CheckPageURL checks the URL of a human-readable page, as
// resource_documentation, resource_policy_uri and resource_tos_uri are
// (RFC 9728, Section 2), and the documentation links of RFC 8414. A client
// shows such a URL to its user or opens it, so RFC 9728, Section 7 on
// phishing applies, to the server that publishes it and to the client
// that reads it alike: it must be an absolute https URL, or http on a
// loopback host (for a server in development), with a host, made of
// NQCHAR, and without userinfo, which makes
// "https://bank.example@evil.example/" look like another site.
// javascript:, data:, file: and the other schemes are refused. Unlike a URL
// a client fetches metadata from, a page URL may have a fragment. The
// error is a fixed message that does not quote s.
func CheckPageURL(s string) error {
	if !IsNQChars(s) {
		return errPageChar
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Opaque != "" || u.Hostname() == "" {
		return ErrNotAbsolute
	}
	if u.User != nil {
		return ErrUserinfo
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && IsLoopbackHost(u.Hostname())) {
		return ErrScheme
	}
	return nil
}
