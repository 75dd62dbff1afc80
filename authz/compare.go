package authz

import (
	"crypto/sha256"
	"crypto/subtle"
)

// equalSecret reports whether secret and want are equal, in time that does
// not depend on where they differ or on whether their lengths match.
//
// Use it, not ==, to compare a password or a static token a client sent
// with the one you expect. == stops at the first differing byte, so the
// time it takes tells an attacker who can measure it how many leading
// bytes were right, and lets them find the secret byte by byte.
// [subtle.ConstantTimeCompare] alone returns at once for different lengths
// and so reveals the length; equalSecret compares SHA-256 digests of the
// two instead, which always have the same length. Hashing takes time in
// proportion to the lengths, which reveals no more than the length of the
// input the attacker chose and, in 64-byte steps, of want.
//
// equalSecret is for secrets kept in plain text. Store passwords as slow
// salted hashes (such as argon2 or bcrypt) and use their own comparison.
func equalSecret(secret, want string) bool {
	a := sha256.Sum256([]byte(secret))
	b := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// CheckBasic reports whether c are Basic credentials (RFC 7617) with the
// given user-id and password, in time that says nothing about which of the
// two was wrong, where they differ, or how long the stored ones are.
//
// That is what it does that [subtle.ConstantTimeCompare] on the decoded
// pair does not: ConstantTimeCompare returns at once when the lengths
// differ, so its time reveals the length of the stored password; and
// "userOK && passwordOK" skips the second comparison when the first fails,
// so its time reveals whether the user-id exists. CheckBasic compares
// SHA-256 digests of each, which always have the same length, and always
// evaluates both. It returns false for credentials of another scheme and
// for malformed ones.
//
// CheckBasic is for passwords kept in plain text (a static service
// credential, say). Store user passwords as slow salted hashes (argon2,
// bcrypt) and check them with ParseBasic and the hash's own comparison.
func CheckBasic(c Credentials, userID, password string) bool {
	u, p, err := ParseBasic(c)
	if err != nil {
		return false
	}
	okUser := equalSecret(u, userID)
	okPassword := equalSecret(p, password)
	return okUser && okPassword
}
