package httpauth

import "github.com/httpauth-go/httpauth/internal/grammar"

// A Param is an auth-param ([RFC 9110, Section 11.2]): a name and its
// value. Parsing keeps the name as received and the value unescaped; the
// token and quoted-string forms of a value are equivalent, so a Param does
// not say which one was used. Challenges and credentials share it:
// wwwauth.Param and authz.Param are this type.
//
// [RFC 9110, Section 11.2]: https://www.rfc-editor.org/rfc/rfc9110#section-11.2
type Param struct {
	Name, Value string
}

// DecodeExtValue decodes an [RFC 8187] ext-value, the value of a parameter
// whose name ends in "*", such as title*=UTF-8”%e2%82%ac%20rates:
//
//	ext-value   = charset "'" [ language ] "'" value-chars   ; RFC 8187, Section 3.2.1
//	charset     = "UTF-8" / mime-charset
//	value-chars = *( pct-encoded / attr-char )
//
// It decodes UTF-8, which RFC 8187, Section 3.2.1 requires recipients to
// support, and ISO-8859-1, which its predecessor RFC 5987 required and
// senders still use; it refuses any other charset rather than guess. It
// also refuses a value that decodes to a control character other than
// HTAB: RFC 8187 allows one, but a recipient that copies the value into a
// header or a terminal could be fooled by a CR or LF. The error is a fixed
// message.
//
// The typed models and Challenge.Param decode name* for you and prefer it
// to name (RFC 8187, Section 3.2); call DecodeExtValue for a parameter you
// read yourself.
//
// [RFC 8187]: https://www.rfc-editor.org/rfc/rfc8187
func DecodeExtValue(v string) (string, error) { return grammar.DecodeExtValue(v) }

// EncodeExtValue encodes s, which must be valid UTF-8 without control
// characters other than HTAB, as an [RFC 8187] ext-value: the charset
// UTF-8, no language, and the percent-encoded bytes of s. Send it as the
// value of a parameter named name*, next to a plain name parameter for
// recipients that do not decode ext-values.
func EncodeExtValue(s string) (string, error) { return grammar.EncodeExtValue(s) }
