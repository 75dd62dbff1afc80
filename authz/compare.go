package authz

import (
	"crypto/sha256"
	"crypto/subtle"
)

// EqualSecret reports whether secret and want are equal, in time that does
// not depend on where they differ or on whether their lengths match.
//
// Use it, not ==, to compare a password or a static token a client sent
// with the one you expect. == stops at the first differing byte, so the
// time it takes tells an attacker who can measure it how many leading
// bytes were right, and lets them find the secret byte by byte.
// [subtle.ConstantTimeCompare] alone returns at once for different lengths
// and so reveals the length; EqualSecret compares SHA-256 digests of the
// two instead, which always have the same length. Hashing takes time in
// proportion to the lengths, which reveals no more than the length of the
// input the attacker chose and, in 64-byte steps, of want.
//
// EqualSecret is for secrets kept in plain text. Store passwords as slow
// salted hashes (such as argon2 or bcrypt) and use their own comparison.
func EqualSecret(secret, want string) bool {
	a := sha256.Sum256([]byte(secret))
	b := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// CheckBasic reports whether c are Basic credentials (RFC 7617) with the
// given user-id and password. It compares both with [EqualSecret] and
// evaluates both comparisons whatever the first one's result, so that the
// time taken does not say whether the user-id was right. It returns false
// for credentials of another scheme and for malformed ones.
func CheckBasic(c Credentials, userID, password string) bool {
	u, p, err := ParseBasic(c)
	if err != nil {
		return false
	}
	okUser := EqualSecret(u, userID)
	okPassword := EqualSecret(p, password)
	return okUser && okPassword
}
