package wwwauth

import "github.com/httpauth-go/httpauth"

// DPoP is a DPoP challenge ([RFC 9449, Section 7.1]): the challenge of a
// resource server that accepts access tokens bound to a key the client
// proves it holds. It takes the parameters of a Bearer challenge, less the
// step-up ones, plus algs. The zero DPoP is the bare challenge "DPoP".
//
// RFC 9449, Section 7.1 forbids the DPoP scheme in Proxy-Authenticate.
//
// [RFC 9449, Section 7.1]: https://www.rfc-editor.org/rfc/rfc9449#section-7.1
type DPoP struct {
	Realm            string    // as in [Bearer]
	Scope            []string  // as in [Bearer]
	Error            ErrorCode // as in [Bearer]; RFC 9449 adds invalid_dpop_proof and use_dpop_nonce
	ErrorDescription string    // as in [Bearer]
	ErrorURI         string    // as in [Bearer]

	// Algs lists the JWS algorithms (RFC 7515, Section 4.1.1) the server
	// accepts for DPoP proofs, such as "ES256", sent as one
	// space-separated algs parameter.
	Algs []string

	// ResourceMetadata is the URL of the resource's RFC 9728 metadata, as
	// in [Bearer]. RFC 9728, Section 5.1 defines it for any scheme.
	ResourceMetadata string

	// Other holds the parameters DPoP does not type, in order.
	Other []Param
}

var dpopNames = []string{"realm", "scope", "error", "error_description", "error_uri", "algs", "resource_metadata"}

// Challenge returns d as a challenge whose parameters come in a fixed
// order: realm, scope, error, error_description, error_uri, algs,
// resource_metadata, then Other. It refuses what [Bearer.Challenge]
// refuses (but for the rule that Bearer needs a parameter: RFC 9449 makes
// every DPoP parameter optional), an algs element that is empty or holds a
// character outside %x21 / %x23-5B / %x5D-7E, and an algs element that is
// "none" or a symmetric algorithm (HS256, HS384, HS512, any "HS" prefix, in
// any case), with a [*httpauth.FormatError] wrapping a
// [*httpauth.ParamError]: a proof is signed with a key pair, and a server
// that offers "none" or HS256 invites the confusions RFC 9449, Section 4.3
// checks for.
func (d DPoP) Challenge() (Challenge, error) {
	w := newBuilder("DPoP", len(dpopNames)+len(d.Other))
	if d.Realm != "" {
		w.addText("realm", d.Realm)
	}
	w.addList("scope", d.Scope)
	w.addNQS("error", string(d.Error))
	w.addNQS("error_description", d.ErrorDescription)
	w.addURI("error_uri", d.ErrorURI)
	for _, a := range d.Algs {
		if weakAlg(a) {
			w.fail("algs", reasonAlgs)
		}
	}
	w.addList("algs", d.Algs)
	w.addFetchURL("resource_metadata", d.ResourceMetadata)
	w.addOther(d.Other, dpopNames)
	return w.challenge()
}

// ParseDPoP returns the DPoP challenge c as a [DPoP]. It returns
// an error for another scheme or a token68,
// and a [*httpauth.ParamError] for a parameter that breaks its RFC's rules, with
// the tolerances of [ParseBearer] (algs is a list like scope; one that
// lists none or a symmetric algorithm is refused, as [DPoP.Challenge]
// refuses it). On error it
// returns the zero DPoP.
func ParseDPoP(c Challenge) (DPoP, error) {
	f, err := collect(c, "DPoP", dpopNames)
	if err != nil {
		return DPoP{}, err
	}
	var d DPoP
	v := f.values
	d.Realm = v[0]
	if d.Scope, err = parseList("DPoP", "scope", v[1]); err != nil {
		return DPoP{}, err
	}
	e, err := parseNQS("DPoP", "error", v[2])
	if err != nil {
		return DPoP{}, err
	}
	d.Error = ErrorCode(e)
	if d.ErrorDescription, err = parseNQS("DPoP", "error_description", v[3]); err != nil {
		return DPoP{}, err
	}
	if d.ErrorURI, err = parseURI("DPoP", "error_uri", v[4]); err != nil {
		return DPoP{}, err
	}
	if d.Algs, err = parseList("DPoP", "algs", v[5]); err != nil {
		return DPoP{}, err
	}
	for _, a := range d.Algs {
		if weakAlg(a) {
			return DPoP{}, &httpauth.ParamError{Scheme: "DPoP", Name: "algs", Reason: reasonAlgs}
		}
	}
	if d.ResourceMetadata, err = parseFetchURL("DPoP", "resource_metadata", v[6]); err != nil {
		return DPoP{}, err
	}
	d.Other = f.other
	return d, nil
}
