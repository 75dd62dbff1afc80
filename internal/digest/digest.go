// Package digest computes the hashes of HTTP Digest Access Authentication
// ([RFC 7616, Section 3.4]): H(A1), H(A2), the response and the hashed user
// name, for the algorithms MD5, SHA-256 and SHA-512-256 and their -sess
// variants. It is pure computation, shared by the client (authclient, which
// answers challenges) and the server-side check (authz.CheckDigest), so
// that both compute the same bytes from the same inputs.
//
// It does not parse or format header fields, issue nonces, or count them.
//
// [RFC 7616, Section 3.4]: https://www.rfc-editor.org/rfc/rfc7616#section-3.4
package digest

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// An Algorithm is one of the hash algorithms of [RFC 7616, Section 3.2]
// and the IANA "HTTP Digest Hash Algorithms" registry, with or without the
// -sess variant. The zero Algorithm is not valid: get one from Lookup.
//
// [RFC 7616, Section 3.2]: https://www.rfc-editor.org/rfc/rfc7616#section-3.2
type Algorithm struct {
	hash byte // hashMD5, hashSHA256, hashSHA512_256; 0 for the zero Algorithm
	sess bool
}

const (
	hashMD5 = 1 + iota
	hashSHA256
	hashSHA512_256
)

// Lookup returns the Algorithm named name, the value of a challenge's
// algorithm parameter: "MD5", "SHA-256", "SHA-512-256" or one of them with
// "-sess", matched ASCII-case-insensitively (RFC 7616 registers the names in
// one case; servers are seen to send "md5"). An empty name is MD5, the default
// (RFC 7616, Section 3.3). It reports false for any other name.
func Lookup(name string) (Algorithm, bool) {
	base, sess := name, false
	if n := len(name) - len("-sess"); n > 0 && grammar.EqualFold(name[n:], "-sess") {
		base, sess = name[:n], true
	}
	switch {
	case name == "", grammar.EqualFold(base, "MD5"):
		return Algorithm{hashMD5, sess}, true
	case grammar.EqualFold(base, "SHA-256"):
		return Algorithm{hashSHA256, sess}, true
	case grammar.EqualFold(base, "SHA-512-256"):
		return Algorithm{hashSHA512_256, sess}, true
	}
	return Algorithm{}, false
}

// Valid reports whether a was returned by Lookup.
func (a Algorithm) Valid() bool { return a.hash != 0 }

// Sess reports whether a is a -sess variant, whose H(A1) mixes in the
// nonce and the cnonce (RFC 7616, Section 3.4.2).
func (a Algorithm) Sess() bool { return a.sess }

// Strength orders the algorithms by the strength of their hash:
// SHA-512-256 (3) over SHA-256 (2) over MD5 (1). A -sess variant has the
// strength of its hash. The zero Algorithm has strength 0.
func (a Algorithm) Strength() int { return int(a.hash) }

// Size returns the length of a's digests in hexadecimal: 32 for MD5, 64
// for the others.
func (a Algorithm) Size() int {
	if a.hash == hashMD5 {
		return 2 * md5.Size
	}
	return 2 * sha256.Size
}

func (a Algorithm) new() hash.Hash {
	switch a.hash {
	case hashSHA256:
		return sha256.New()
	case hashSHA512_256:
		// SHA-512/256 of FIPS 180-4, Section 6.7 (its own initial hash
		// value), which is what RFC 7616, Section 3.2 names. The
		// published example of RFC 7616, Section 3.9.2 was computed with
		// a truncated SHA-512 instead: see erratum 4897.
		return sha512.New512_256()
	default:
		return md5.New()
	}
}

// H returns the hash of the parts joined with ":" in lowercase
// hexadecimal: H(p0 ":" p1 ":" ...), the H and KD functions of RFC 7616,
// Section 3.4.1 (KD(secret, data) is H(secret, data)).
func (a Algorithm) H(parts ...string) string {
	h := a.new()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{':'})
		}
		h.Write([]byte(p))
	}
	var sum [64]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// HashBody returns H(entity-body) in lowercase hexadecimal, the last part
// of A2 for qop=auth-int (RFC 7616, Section 3.4.3).
func (a Algorithm) HashBody(body []byte) string {
	h := a.new()
	h.Write(body)
	var sum [64]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// UserHA1 returns H(username ":" realm ":" password): H(A1) for the
// algorithms without -sess, and what a server may store instead of the
// password (as an htdigest file does for MD5).
func (a Algorithm) UserHA1(username, realm, password string) string {
	return a.H(username, realm, password)
}

// HA1 returns H(A1) from userHA1, the value UserHA1 returns (RFC 7616,
// Section 3.4.2): userHA1 itself, or for a -sess variant
// H(userHA1 ":" nonce ":" cnonce).
func (a Algorithm) HA1(userHA1, nonce, cnonce string) string {
	if a.sess {
		return a.H(userHA1, nonce, cnonce)
	}
	return userHA1
}

// HA2 returns H(A2) (RFC 7616, Section 3.4.3): H(method ":" uri) for
// qop=auth, and H(method ":" uri ":" H(body)) for qop=auth-int.
func (a Algorithm) HA2(method, uri, qop string, body []byte) string {
	if grammar.EqualFold(qop, "auth-int") {
		return a.H(method, uri, a.HashBody(body))
	}
	return a.H(method, uri)
}

// Response returns the request digest of RFC 7616, Section 3.4.1:
//
//	KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2))
//
// nc is the nonce count as sent: 8 hexadecimal digits.
func (a Algorithm) Response(ha1, nonce, nc, cnonce, qop, ha2 string) string {
	return a.H(ha1, nonce, nc, cnonce, qop, ha2)
}

// Userhash returns H(username ":" realm), the hashed user name a client
// sends with userhash=true (RFC 7616, Section 3.4.4).
func (a Algorithm) Userhash(username, realm string) string {
	return a.H(username, realm)
}
