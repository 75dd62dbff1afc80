package wwwauth

import (
	"strings"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// Digest is a Digest challenge ([RFC 7616, Section 3.3]).
//
// [RFC 7616, Section 3.3]: https://www.rfc-editor.org/rfc/rfc7616#section-3.3
type Digest struct {
	// Realm is the protection space; Digest always sends it, even empty,
	// because it is an input of the response hash.
	Realm string

	// Domain lists the URIs of the protection space, sent as one
	// space-separated, quoted domain parameter.
	Domain []string

	// Nonce is the server's nonce. It is required.
	Nonce string

	// Opaque is returned unchanged by the client.
	Opaque string

	// Stale says that the client's credentials were right but its nonce
	// was stale: it may retry with the new one without asking the user.
	// It is sent as stale=true, or not at all.
	Stale bool

	// Algorithm names the hash, such as "SHA-256" or "SHA-512-256-sess";
	// "" means the default, MD5. It is a token, never quoted.
	Algorithm string

	// QOP lists the qualities of protection the server supports, "auth"
	// and "auth-int", sent as one quoted, comma-separated qop parameter.
	QOP []string

	// Charset is "" or "UTF-8", matched case-insensitively (RFC 7616,
	// Section 4).
	Charset string

	// Userhash says that the server supports hashed user names. It is
	// sent as userhash=true, or not at all.
	Userhash bool

	// Other holds the parameters Digest does not type, in order.
	Other []Param
}

var digestNames = []string{"realm", "domain", "nonce", "opaque", "stale", "algorithm", "qop", "charset", "userhash"}

// Challenge returns d as a challenge whose parameters come in a fixed
// order: realm, domain, nonce, opaque, stale, algorithm, qop, charset,
// userhash, then Other; absent fields give no parameter, except realm.
// Serialized, realm, domain, nonce, opaque and qop are quoted-strings and
// stale, algorithm, charset and userhash tokens, as RFC 7616, Section 3.3
// writes them.
//
// It refuses, with a [*httpauth.FormatError] wrapping a [*httpauth.ParamError], an empty
// nonce; a realm, nonce, opaque or Other value holding a control character;
// a domain element that is empty or holds a character outside %x21 /
// %x23-5B / %x5D-7E; an algorithm or qop element that is not a token; a
// charset other than UTF-8; and an Other parameter whose name is not a
// token, repeats or is a typed name.
func (d Digest) Challenge() (Challenge, error) {
	w := newBuilder("Digest", len(digestNames)+len(d.Other))
	w.addText("realm", d.Realm)
	w.addList("domain", d.Domain)
	if d.Nonce == "" {
		w.fail("nonce", reasonMissing)
	}
	w.addText("nonce", d.Nonce)
	if d.Opaque != "" {
		w.addText("opaque", d.Opaque)
	}
	if d.Stale {
		w.add("stale", "true")
	}
	if d.Algorithm != "" {
		if !grammar.IsToken(d.Algorithm) {
			w.fail("algorithm", reasonToken)
		}
		w.add("algorithm", d.Algorithm)
	}
	if len(d.QOP) > 0 {
		var b strings.Builder
		for i, q := range d.QOP {
			if !grammar.IsToken(q) {
				w.fail("qop", reasonTokenList)
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q)
		}
		w.add("qop", b.String())
	}
	if d.Charset != "" {
		if !grammar.EqualFold(d.Charset, "UTF-8") {
			w.fail("charset", reasonCharset)
		}
		w.add("charset", d.Charset)
	}
	if d.Userhash {
		w.add("userhash", "true")
	}
	w.addOther(d.Other, digestNames)
	return w.challenge()
}

// ParseDigest returns the Digest challenge c as a [Digest]. It returns
// an error for another scheme or a token68,
// and a [*httpauth.ParamError] for a missing or empty nonce (without one a client
// cannot answer), a domain element outside %x21 / %x23-5B / %x5D-7E, an
// algorithm or qop element that is not a token, a charset other than
// UTF-8, or a userhash other than true or false (in any case).
//
// A missing realm reads as "". Stale is true only for the value true, in
// any case, as RFC 7616, Section 3.3 prescribes; any other value means
// false. The qop list may hold empty elements and OWS around its commas,
// as any #list may (RFC 9110, Section 5.6.1). On error ParseDigest returns
// the zero Digest.
func ParseDigest(c Challenge) (Digest, error) {
	f, err := collect(c, "Digest", digestNames)
	if err != nil {
		return Digest{}, err
	}
	v := f.values
	d := Digest{Realm: v[0], Nonce: v[2], Opaque: v[3], Algorithm: v[5], Charset: v[7], Other: f.other}
	fail := func(name, reason string) (Digest, error) {
		return Digest{}, &httpauth.ParamError{Scheme: "Digest", Name: name, Reason: reason}
	}
	if d.Domain, err = parseList("Digest", "domain", v[1]); err != nil {
		return Digest{}, err
	}
	if d.Nonce == "" {
		return fail("nonce", reasonMissing)
	}
	d.Stale = grammar.EqualFold(v[4], "true")
	if f.present[5] && !grammar.IsToken(d.Algorithm) {
		return fail("algorithm", reasonToken)
	}
	if d.QOP, err = parseQOP(v[6]); err != nil {
		return Digest{}, err
	}
	if f.present[7] && !grammar.EqualFold(d.Charset, "UTF-8") {
		return fail("charset", reasonCharset)
	}
	switch {
	case !f.present[8], grammar.EqualFold(v[8], "false"):
	case grammar.EqualFold(v[8], "true"):
		d.Userhash = true
	default:
		return fail("userhash", reasonBool)
	}
	return d, nil
}

// parseQOP splits a qop value: 1#token, with OWS around the commas. The
// value is the content of a quoted-string, already unescaped, and its
// elements are tokens, so a comma always separates.
func parseQOP(v string) ([]string, error) {
	var list []string
	for v != "" {
		elem, rest, _ := strings.Cut(v, ",")
		v = rest
		start, end := grammar.TrimOWS(elem)
		elem = elem[start:end]
		if elem == "" {
			continue
		}
		if !grammar.IsToken(elem) {
			return nil, &httpauth.ParamError{Scheme: "Digest", Name: "qop", Reason: reasonTokenList}
		}
		list = append(list, elem)
	}
	return list, nil
}
