package authz

import (
	"fmt"
	"log/slog"
	"strconv"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

const (
	reasonMissing   = "is missing"
	reasonControl   = "holds a control character"
	reasonToken     = "is not a token"
	reasonHex       = "is not hexadecimal"
	reasonNC        = "is not 8 hexadecimal digits, or is zero"
	reasonBool      = "is neither true nor false"
	reasonBoth      = "is sent together with username"
	reasonExtValue  = "is not a valid UTF-8 ext-value"
	reasonUserhash  = "is not hexadecimal, as a hashed user name must be"
	reasonStar      = "cannot carry a hashed user name"
	reasonName      = "name is not a token"
	reasonTyped     = "is a field of the typed model, not an Other parameter"
	reasonDuplicate = "occurs more than once"
	reasonNeedsQOP  = "is required when qop is sent"
)

// Digest are the credentials of a Digest response ([RFC 7616,
// Section 3.4]): what a client answers a wwwauth.Digest challenge with.
// Computing the response hash is up to the caller.
//
// [RFC 7616, Section 3.4]: https://www.rfc-editor.org/rfc/rfc7616#section-3.4
type Digest struct {
	// Username is the user's name, or its hash when Userhash is set. It
	// is sent as the quoted username parameter when it is ASCII, and as
	// username*, an RFC 8187 ext-value in UTF-8, when it is not; never
	// both (RFC 7616, Section 3.4). It is required.
	Username string

	Realm     string // the challenge's realm; always sent, even empty
	URI       string // the request target; required
	Algorithm string // the challenge's algorithm, a token; "" for the default, MD5
	Nonce     string // the challenge's nonce; required

	// NC is the nonce count: how many requests, this one included, the
	// client has sent with this nonce. It is sent as 8 hexadecimal
	// digits; 0 means absent, and is refused when QOP is set.
	NC uint32

	CNonce string // the client's nonce; required when QOP is set
	QOP    string // the chosen quality of protection, a token: "auth" or "auth-int"

	// Response is the request digest, in hexadecimal. It is required.
	Response string

	Opaque   string // the challenge's opaque, returned unchanged
	Userhash bool   // Username is a hash (RFC 7616, Section 3.4.4); sent as userhash=true or not at all

	// Other holds the parameters Digest does not type, in order.
	Other []Param
}

var digestNames = []string{"username", "realm", "uri", "algorithm", "nonce", "nc", "cnonce", "qop", "response", "opaque", "userhash"}

// Credentials returns d as credentials whose parameters come in a fixed
// order: username (or username*), realm, uri, algorithm, nonce, nc, cnonce,
// qop, response, opaque, userhash, then Other. Serialized, username, realm,
// uri, nonce, cnonce, response and opaque are quoted-strings, and
// username*, algorithm, nc, qop and userhash tokens, as RFC 7616,
// Section 3.4 writes them.
//
// It refuses, with a [*httpauth.FormatError] wrapping a [*httpauth.ParamError], a missing
// Username, URI, Nonce or Response; a value holding a control character;
// a Username that is not valid UTF-8; a hashed Username that is not
// hexadecimal; an Algorithm or QOP that is not a token; a Response that is
// not hexadecimal; a QOP without NC and CNonce; and an Other parameter
// whose name is not a token, repeats or is a typed name (username*
// included).
func (d Digest) Credentials() (Credentials, error) {
	var (
		ps  = make([]Param, 0, len(digestNames)+len(d.Other))
		bad *httpauth.ParamError
	)
	fail := func(name, reason string) {
		if bad == nil {
			bad = &httpauth.ParamError{Scheme: "Digest", Name: name, Reason: reason}
		}
	}
	text := func(name, v string, required bool) {
		switch {
		case required && v == "":
			fail(name, reasonMissing)
		case grammar.ValueError(v) >= 0:
			fail(name, reasonControl)
		default:
			ps = append(ps, Param{Name: name, Value: v})
		}
	}
	token := func(name, v string) {
		if v == "" {
			return
		}
		if !grammar.IsToken(v) {
			fail(name, reasonToken)
			return
		}
		ps = append(ps, Param{Name: name, Value: v})
	}

	switch {
	case d.Username == "":
		fail("username", reasonMissing)
	case d.Userhash && !isHex(d.Username):
		fail("username", reasonUserhash)
	case isASCII(d.Username):
		text("username", d.Username, true)
	default:
		v, err := grammar.EncodeExtValue(d.Username)
		if err != nil {
			fail("username*", reasonExtValue)
		}
		ps = append(ps, Param{Name: "username*", Value: v})
	}
	text("realm", d.Realm, false)
	text("uri", d.URI, true)
	token("algorithm", d.Algorithm)
	text("nonce", d.Nonce, true)
	if d.NC != 0 {
		ps = append(ps, Param{Name: "nc", Value: formatNC(d.NC)})
	} else if d.QOP != "" {
		fail("nc", reasonNeedsQOP)
	}
	if d.CNonce != "" {
		text("cnonce", d.CNonce, false)
	} else if d.QOP != "" {
		fail("cnonce", reasonNeedsQOP)
	}
	token("qop", d.QOP)
	if d.Response == "" {
		fail("response", reasonMissing)
	} else if !isHex(d.Response) {
		fail("response", reasonHex)
	}
	ps = append(ps, Param{Name: "response", Value: d.Response})
	if d.Opaque != "" {
		text("opaque", d.Opaque, false)
	}
	if d.Userhash {
		ps = append(ps, Param{Name: "userhash", Value: "true"})
	}
	var names grammar.NameSet
	for _, p := range ps {
		names.Add(p.Name)
	}
	for i, p := range d.Other {
		switch {
		case !grammar.IsToken(p.Name):
			fail("Other["+strconv.Itoa(i)+"]", reasonName)
		case isTypedName(p.Name):
			fail(p.Name, reasonTyped)
		case grammar.ValueError(p.Value) >= 0:
			fail(p.Name, reasonControl)
		case names.Add(p.Name):
			fail(p.Name, reasonDuplicate)
		default:
			ps = append(ps, p)
		}
	}
	if bad != nil {
		return Credentials{}, formatError(-1, bad)
	}
	return Credentials{Scheme: "Digest", Params: ps}, nil
}

// digestIndex returns the index of name in digestNames, or -1.
func digestIndex(name string) int {
	for j, n := range digestNames {
		if grammar.EqualFold(n, name) {
			return j
		}
	}
	return -1
}

func isTypedName(name string) bool {
	base := name
	if n := len(name); n > 1 && name[n-1] == '*' {
		base = name[:n-1]
	}
	for _, t := range digestNames {
		if grammar.EqualFold(base, t) {
			return true
		}
	}
	return false
}

// ParseDigest returns the Digest credentials c as a [Digest]. It returns
// an error for another scheme, and a [*httpauth.ParamError] for Digest
// credentials with a token68 (named "token68") and for:
//
//   - both username and username* (RFC 7616, Section 3.4 makes that an
//     error), or neither; a username* that is not a decodable ext-value
//     (UTF-8 or ISO-8859-1), or that comes with userhash=true;
//   - a missing uri, nonce or response; a response that is not
//     hexadecimal;
//   - an nc that is not 8 hexadecimal digits (in either case) or is zero;
//   - an algorithm or qop that is not a token; a qop without nc or cnonce;
//   - a userhash other than true or false (in any case), and a hashed
//     username that is not hexadecimal;
//   - a repeated parameter name.
//
// The RFC 8187 ext-value of another typed parameter ("realm*") is read as
// wwwauth.Challenge.Param reads one: decoded, and preferred to the plain
// parameter; dropped if it cannot be decoded. Whatever ParseDigest
// accepts, [Digest.Credentials] writes back and ParseDigest reads to the
// same Digest.
//
// A missing realm reads as "". Errors never hold any byte of c. On error
// ParseDigest returns the zero Digest.
func ParseDigest(c Credentials) (Digest, error) {
	fail := func(name, reason string) (Digest, error) {
		return Digest{}, &httpauth.ParamError{Scheme: "Digest", Name: name, Reason: reason}
	}
	if !c.Is("Digest") {
		return Digest{}, errScheme
	}
	if c.Token68 != "" {
		return fail("token68", "is not allowed: Digest credentials are auth-params")
	}
	var (
		v       = make([]string, len(digestNames))
		present = make([]bool, len(digestNames))
		star    string
		hasStar bool
		names   grammar.NameSet
		d       Digest
		ext     []string // decoded ext-values of the other typed names
		isExt   []bool
	)
	for i, p := range c.Params {
		if names.Add(p.Name) {
			return fail(canonicalName(p.Name, i), reasonDuplicate)
		}
		if grammar.EqualFold(p.Name, "username*") {
			star, hasStar = p.Value, true
			continue
		}
		if n := len(p.Name); n > 1 && p.Name[n-1] == '*' {
			if j := digestIndex(p.Name[:n-1]); j >= 0 {
				if dec, err := grammar.DecodeExtValue(p.Value); err == nil {
					if ext == nil {
						ext, isExt = make([]string, len(digestNames)), make([]bool, len(digestNames))
					}
					ext[j], isExt[j], present[j] = dec, true, true
				}
				continue
			}
		}
		i := digestIndex(p.Name)
		if i < 0 {
			d.Other = append(d.Other, p)
			continue
		}
		v[i], present[i] = p.Value, true
	}
	for j := range ext {
		if isExt[j] {
			v[j] = ext[j]
		}
	}
	switch {
	case !present[10], grammar.EqualFold(v[10], "false"):
	case grammar.EqualFold(v[10], "true"):
		d.Userhash = true
	default:
		return fail("userhash", reasonBool)
	}
	switch {
	case hasStar && present[0]:
		return fail("username*", reasonBoth)
	case hasStar && d.Userhash:
		return fail("username*", reasonStar)
	case hasStar:
		u, err := grammar.DecodeExtValue(star)
		if err != nil || u == "" {
			return fail("username*", reasonExtValue)
		}
		d.Username = u
	case v[0] == "":
		return fail("username", reasonMissing)
	case d.Userhash && !isHex(v[0]):
		return fail("username", reasonUserhash)
	default:
		d.Username = v[0]
	}
	d.Realm = v[1]
	if d.URI = v[2]; d.URI == "" {
		return fail("uri", reasonMissing)
	}
	if d.Algorithm = v[3]; present[3] && !grammar.IsToken(d.Algorithm) {
		return fail("algorithm", reasonToken)
	}
	if d.Nonce = v[4]; d.Nonce == "" {
		return fail("nonce", reasonMissing)
	}
	if present[5] {
		nc, ok := parseNC(v[5])
		if !ok {
			return fail("nc", reasonNC)
		}
		d.NC = nc
	}
	d.CNonce = v[6]
	if d.QOP = v[7]; present[7] {
		switch {
		case !grammar.IsToken(d.QOP):
			return fail("qop", reasonToken)
		case d.NC == 0:
			return fail("nc", reasonNeedsQOP)
		case d.CNonce == "":
			return fail("cnonce", reasonNeedsQOP)
		}
	}
	switch d.Response = v[8]; {
	case d.Response == "":
		return fail("response", reasonMissing)
	case !isHex(d.Response):
		return fail("response", reasonHex)
	}
	d.Opaque = v[9]
	return d, nil
}

// canonicalName returns the name RFC 7616 spells for the Digest parameter
// name, or, for a name RFC 7616 does not define, "Params[i]" with its index
// in the credentials: an unknown name may be anything, a secret included,
// so errors do not echo it.
func canonicalName(name string, i int) string {
	for _, n := range digestNames {
		if grammar.EqualFold(n, name) {
			return n
		}
	}
	if grammar.EqualFold(name, "username*") {
		return "username*"
	}
	return "Params[" + strconv.Itoa(i) + "]"
}

func formatNC(n uint32) string {
	const hex = "0123456789abcdef"
	var b [8]byte
	for i := 7; i >= 0; i-- {
		b[i] = hex[n&15]
		n >>= 4
	}
	return string(b[:])
}

// parseNC reads 8HEXDIG, in either case, that is not zero.
func parseNC(s string) (uint32, bool) {
	if len(s) != 8 {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	return uint32(n), err == nil && n != 0
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Redacted returns d for a log line, as [Credentials.Redacted] shows
// Digest credentials: the names of the fields that are set, with the
// values of realm, algorithm, qop and userhash, and "[redacted]" for the
// others (username, uri, nonce, nc, cnonce, response, opaque and Other),
// which identify the user or prove who they are. It never fails, even for
// a Digest that [Digest.Credentials] refuses.
func (d Digest) Redacted() string {
	ps := make([]Param, 0, len(digestNames)+len(d.Other))
	add := func(name, v string) {
		if v != "" {
			ps = append(ps, Param{Name: name, Value: v})
		}
	}
	add("username", d.Username)
	add("realm", d.Realm)
	add("uri", d.URI)
	add("algorithm", d.Algorithm)
	add("nonce", d.Nonce)
	if d.NC != 0 {
		add("nc", formatNC(d.NC))
	}
	add("cnonce", d.CNonce)
	add("qop", d.QOP)
	add("response", d.Response)
	add("opaque", d.Opaque)
	if d.Userhash {
		add("userhash", "true")
	}
	ps = append(ps, d.Other...)
	return Credentials{Scheme: "Digest", Params: ps}.Redacted()
}

// String returns [Digest.Redacted], never the secret.
func (d Digest) String() string { return d.Redacted() }

// MarshalText returns [Digest.Redacted], as [Credentials.MarshalText] does.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.Redacted()), nil }

// LogValue implements [slog.LogValuer]: it logs [Digest.Redacted].
func (d Digest) LogValue() slog.Value { return slog.StringValue(d.Redacted()) }

// Format implements [fmt.Formatter]: every verb prints [Digest.Redacted],
// as for [Credentials.Format].
func (d Digest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, d.Redacted()) }
