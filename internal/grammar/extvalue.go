package grammar

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrExtValue is the cause of every ext-value decoding error.
var ErrExtValue = errors.New("malformed ext-value")

// The reasons an ext-value is refused; each wraps ErrExtValue.
var (
	errExtSyntax  = extError("malformed ext-value")
	errExtCharset = extError("ext-value charset is neither UTF-8 nor ISO-8859-1")
	errExtUTF8    = extError("ext-value is not valid UTF-8")
	errExtControl = extError("ext-value decodes to a control character")
)

type extError string

func (e extError) Error() string        { return string(e) }
func (e extError) Is(target error) bool { return target == ErrExtValue }

// DecodeExtValue decodes an RFC 8187 ext-value:
//
//	ext-value   = charset "'" [ language ] "'" value-chars   ; RFC 8187, Section 3.2.1
//	charset     = "UTF-8" / mime-charset
//	value-chars = *( pct-encoded / attr-char )
//
// UTF-8, which RFC 8187 requires, and ISO-8859-1, which RFC 5987 required
// and senders still use, are decoded; other charsets are refused rather
// than guessed at. The language tag is checked for its
// characters (ALPHA, DIGIT and "-") but not against the RFC 5646 registry.
// A decoded control character (other than HTAB) is refused too: RFC 8187
// allows it, but a recipient that displays or copies the value into a
// header could be fooled by a CR or LF, and no real value needs one.
func DecodeExtValue(v string) (string, error) {
	q1 := strings.IndexByte(v, '\'')
	if q1 < 0 {
		return "", errExtSyntax
	}
	q2 := strings.IndexByte(v[q1+1:], '\'')
	if q2 < 0 {
		return "", errExtSyntax
	}
	q2 += q1 + 1
	charset, lang, chars := v[:q1], v[q1+1:q2], v[q2+1:]
	if charset == "" || scanClass(charset, 0, cCharset) != len(charset) {
		return "", errExtSyntax
	}
	for i := 0; i < len(lang); i++ {
		if c := lang[i]; !(isAlnum(c) || c == '-') {
			return "", errExtSyntax
		}
	}
	latin1 := false
	switch {
	case EqualFold(charset, "UTF-8"):
	case EqualFold(charset, "ISO-8859-1"):
		latin1 = true
	default:
		return "", errExtCharset
	}
	buf := make([]byte, 0, len(chars))
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		switch {
		case classes[c]&cAttrChar != 0:
		case c == '%' && i+2 < len(chars) && isHex(chars[i+1]) && isHex(chars[i+2]):
			c = unhex(chars[i+1])<<4 | unhex(chars[i+2])
			i += 2
		default:
			return "", errExtSyntax
		}
		if latin1 && c >= 0x80 {
			buf = utf8.AppendRune(buf, rune(c))
		} else {
			buf = append(buf, c)
		}
	}
	s := string(buf)
	if !utf8.ValidString(s) {
		return "", errExtUTF8
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' || 0x7F <= r && r <= 0x9F {
			return "", errExtControl
		}
	}
	return s, nil
}

// EncodeExtValue encodes s as an RFC 8187 ext-value in UTF-8 with no
// language tag, the bytes of s that are not attr-char percent-encoded. It refuses what DecodeExtValue refuses, so
// that every value it returns decodes back to s.
func EncodeExtValue(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errExtUTF8
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' || 0x7F <= r && r <= 0x9F {
			return "", errExtControl
		}
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len("UTF-8''")+len(s))
	b = append(b, "UTF-8''"...)
	for i := 0; i < len(s); i++ {
		if c := s[i]; classes[c]&cAttrChar != 0 {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b), nil
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
