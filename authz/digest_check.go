package authz

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/httpauth-go/httpauth/internal/digest"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// CheckDigest reports whether d, Digest credentials a request carried (as
// [ParseDigest] returns them), answer the challenge for the user username
// with the given password: whether d.Response is the request digest of
// [RFC 7616, Section 3.4.1] for the request method and, for qop=auth-int,
// its body. It is a pure function: it keeps no state, and checks neither
// the nonce nor the nonce count (see below).
//
// The algorithms are MD5, SHA-256 and SHA-512-256, with or without -sess,
// named as in the challenge (ASCII case-insensitively; "" is MD5). For a
// -sess algorithm H(A1) is computed with the nonce and cnonce of d itself.
// d.QOP must be auth or auth-int: credentials without qop (the form of RFC
// 2069, which RFC 7616 no longer defines) are refused, as are an unknown
// algorithm, an NC of 0 and an empty CNonce. The nonce count enters the
// hash as 8 lowercase hexadecimal digits, as RFC 7616 writes it (8LHEX).
// With d.Userhash, d.Username must be H(username ":" realm) (RFC 7616,
// Section 3.4.4); otherwise it must be username. body is the request's
// content for auth-int and is ignored for auth; nil is the empty body.
//
// The response and the user name are compared in constant time, and both
// comparisons are made whatever the first one's result. CheckDigest
// returns false, never panics, for malformed credentials.
//
// What CheckDigest leaves to the caller, which only the server can know:
//
//   - The realm: check that d.Realm is the realm you challenged with.
//   - The request target: check that d.URI is the request's target (RFC
//     7616, Section 3.4.6), or credentials for one resource could be
//     replayed on another.
//   - The nonce: check that you issued d.Nonce and that it is fresh. A
//     server that keeps no state can issue nonces such as
//     base64(time || HMAC-SHA256(key, time || realm)), check the HMAC and
//     the age on receipt, and answer a well-formed but expired nonce with
//     a new challenge that says stale=true, so that the client retries
//     without asking the user again (RFC 7616, Section 3.3).
//   - Replays: remember, per nonce, the nonce counts already accepted, and
//     refuse one seen before (RFC 7616, Section 3.4: nc lets the server
//     detect replays). Since a client may send requests in parallel, the
//     counts can arrive out of order; keeping the highest one and refusing
//     any count at or below it is simpler and refuses, at worst, a
//     request the client then retries.
//   - d.Opaque, if you sent one: that it is the value you sent.
//
// [RFC 7616, Section 3.4.1]: https://www.rfc-editor.org/rfc/rfc7616#section-3.4.1
func CheckDigest(d Digest, method string, username, password string, body []byte) bool {
	alg, ok := digest.Lookup(d.Algorithm)
	if !ok {
		return false
	}
	return checkDigest(d, alg, method, username, alg.UserHA1(username, d.Realm, password), body)
}

// CheckDigestHA1 is [CheckDigest] for a server that stores, rather than
// the password, ha1 = H(username ":" realm ":" password) in hexadecimal
// (as an htdigest file does for MD5). ha1 must be computed with the hash
// of d's algorithm (MD5 for MD5 and MD5-sess, and so on, never with
// -sess): CheckDigestHA1 returns false when its length is not that of the
// algorithm's digests, and for all that CheckDigest refuses.
func CheckDigestHA1(d Digest, method string, username, ha1 string, body []byte) bool {
	alg, ok := digest.Lookup(d.Algorithm)
	if !ok || len(ha1) != alg.Size() || !isHex(ha1) {
		return false
	}
	return checkDigest(d, alg, method, username, strings.ToLower(ha1), body)
}

func checkDigest(d Digest, alg digest.Algorithm, method, username, userHA1 string, body []byte) bool {
	// qop is required: RFC 7616, Section 3.3 makes it mandatory, and
	// without it there is no cnonce, so a server's chosen nonce alone
	// determines what the client hashes.
	qop := d.QOP
	if !grammar.EqualFold(qop, "auth") && !grammar.EqualFold(qop, "auth-int") {
		return false
	}
	if d.NC == 0 || d.CNonce == "" || username == "" {
		return false
	}
	var okUser bool
	if d.Userhash {
		okUser = equalHex(alg.Userhash(username, d.Realm), d.Username)
	} else {
		okUser = equalName(d.Username, username)
	}
	ha1 := alg.HA1(userHA1, d.Nonce, d.CNonce)
	ha2 := alg.HA2(method, d.URI, qop, body)
	want := alg.Response(ha1, d.Nonce, formatNC(d.NC), d.CNonce, qop, ha2)
	okResponse := equalHex(want, d.Response)
	return okUser && okResponse
}

// equalName compares two user names in time that depends only on their
// lengths: it compares their SHA-256 digests.
func equalName(a, b string) bool {
	x, y := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(x[:], y[:]) == 1
}

// equalHex compares want, lowercase hexadecimal, with got, hexadecimal in
// either case, in time that depends only on their lengths (which the
// algorithm fixes, so reveal nothing).
func equalHex(want, got string) bool {
	if len(got) != len(want) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(got))) == 1
}
