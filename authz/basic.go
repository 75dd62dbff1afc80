package authz

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// BasicCredentials returns the Basic credentials of userID and password
// (RFC 7617, Section 2): the token68 base64(userID ":" password), with both
// encoded as UTF-8, the charset RFC 7617, Section 2.1 defines.
//
// It refuses, with a [*httpauth.FormatError], a userID holding a colon, a
// control character in either, and invalid UTF-8. It does not apply the Unicode normalization of
// RFC 7613 that RFC 7617 recommends: normalize first if your user-ids need
// it.
func BasicCredentials(userID, password string) (Credentials, error) {
	if strings.IndexByte(userID, ':') >= 0 {
		return Credentials{}, formatError(-1, errBasicUserID)
	}
	if err := checkBasic(userID); err != nil {
		return Credentials{}, formatError(-1, err)
	}
	if err := checkBasic(password); err != nil {
		return Credentials{}, formatError(-1, err)
	}
	raw := make([]byte, 0, len(userID)+1+len(password))
	raw = append(append(append(raw, userID...), ':'), password...)
	return Credentials{Scheme: "Basic", Token68: base64.StdEncoding.EncodeToString(raw)}, nil
}

// ParseBasic returns the user-id and password of Basic credentials
// (RFC 7617, Section 2), decoded as UTF-8. It returns an error (a fixed
// message, with no byte of the credentials) for another scheme, a token68
// that is not padded base64 of "user-id:password", and a user-id or
// password that RFC 7617 does not allow. The password is the secret: check
// a static one with [CheckBasic], a stored hash with the hash's own
// comparison, never with ==.
func ParseBasic(c Credentials) (userID, password string, err error) {
	if !c.Is("Basic") {
		return "", "", errScheme
	}
	if c.Token68 == "" {
		return "", "", errBasicMalformed
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(c.Token68)
	if err != nil {
		// The base64 error holds an offset into the secret; drop it.
		return "", "", errBasicMalformed
	}
	s := string(raw)
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return "", "", errBasicMalformed
	}
	userID, password = s[:i], s[i+1:]
	if err := checkBasic(s); err != nil {
		return "", "", err
	}
	return userID, password, nil
}

// checkBasic refuses what RFC 7617, Section 2 does not allow in a user-id
// or password with the UTF-8 charset.
func checkBasic(s string) error {
	if !utf8.ValidString(s) {
		return errBasicUTF8
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7F {
			return errBasicControl
		}
	}
	return nil
}
