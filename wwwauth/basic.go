package wwwauth

import (
	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// Basic is a Basic challenge ([RFC 7617, Section 2]).
//
// [RFC 7617, Section 2]: https://www.rfc-editor.org/rfc/rfc7617#section-2
type Basic struct {
	// Realm is the protection space. RFC 7617 requires it.
	Realm string

	// Charset is "" or "UTF-8", matched case-insensitively: the only
	// value RFC 7617, Section 2.1 allows. It tells the client to encode
	// the user-id and password as UTF-8.
	Charset string

	// Other holds the parameters Basic does not type, in order.
	Other []Param
}

var basicNames = []string{"realm", "charset"}

// Challenge returns b as a challenge with the parameters realm, charset (if
// set) and Other, in that order. It refuses, with a [*httpauth.FormatError] wrapping
// a [*httpauth.ParamError], an empty realm (RFC 7617 requires one), a realm or Other
// value with a control character, a charset other than UTF-8, and an Other
// parameter whose name is not a token, repeats or is a typed name.
func (b Basic) Challenge() (Challenge, error) {
	w := newBuilder("Basic", len(basicNames)+len(b.Other))
	if b.Realm == "" {
		w.fail("realm", reasonMissing)
	}
	w.addText("realm", b.Realm)
	if b.Charset != "" {
		if !grammar.EqualFold(b.Charset, "UTF-8") {
			w.fail("charset", reasonCharset)
		}
		w.add("charset", b.Charset)
	}
	w.addOther(b.Other, basicNames)
	return w.challenge()
}

// ParseBasic returns the Basic challenge c as a [Basic]. It returns an error
// for another scheme or a token68, and a [*httpauth.ParamError] for a
// missing or empty realm (RFC 7617, Section 2 requires one, and
// [Basic.Challenge] could not write the value back), a repeated parameter,
// or a charset other than UTF-8: a client could not know how to encode the
// password. A client that answers a realm-less Basic challenge anyway
// finds it with [Find] in the plain challenges. On error it returns the
// zero Basic.
func ParseBasic(c Challenge) (Basic, error) {
	f, err := collect(c, "Basic", basicNames)
	if err != nil {
		return Basic{}, err
	}
	b := Basic{Realm: f.values[0], Charset: f.values[1], Other: f.other}
	if b.Realm == "" {
		return Basic{}, &httpauth.ParamError{Scheme: "Basic", Name: "realm", Reason: reasonMissing}
	}
	if f.present[1] && !grammar.EqualFold(b.Charset, "UTF-8") {
		return Basic{}, &httpauth.ParamError{Scheme: "Basic", Name: "charset", Reason: reasonCharset}
	}
	return b, nil
}
