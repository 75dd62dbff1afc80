// Package grammar is the lexer shared by the httpauth packages: the character
// classes, tokens, quoted-strings, token68 and auth-params of
// RFC 9110, Sections 5.6 and 11, the list parser over them, and the quoting
// rules for output.
//
// It is stateless apart from the [Lexer], returns plain errors and byte
// offsets, and never allocates except to unescape a quoted-string. The public
// packages wrap its errors with line numbers and their own prefix.
package grammar

//go:generate go run gen_tables.go

// Character classes, as bits of the classes table (tables.go).
const (
	// cTchar: RFC 9110, Section 5.6.2.
	//
	//	tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
	//	        "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
	//
	// Unlike package mime's token set, it does not admit "{" and "}".
	cTchar = 1 << iota

	// cToken68: RFC 9110, Section 11.2.
	//
	//	token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
	//
	// The same set is RFC 6750's b64token.
	cToken68

	// cQdtext: RFC 9110, Section 5.6.4.
	//
	//	qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
	cQdtext

	// cQuotedPair: the byte after a backslash (RFC 9110, Section 5.6.4).
	//
	//	quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
	cQuotedPair

	// cOWS: RFC 9110, Section 5.6.3.
	//
	//	OWS = *( SP / HTAB )
	cOWS

	// cAttrChar: RFC 8187, Section 3.2.1.
	//
	//	attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
	//	            "^" / "_" / "`" / "|" / "~"
	cAttrChar

	// cCharset: RFC 8187, Section 3.2.1 (from RFC 2978).
	//
	//	mime-charsetc = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" /
	//	                "+" / "-" / "^" / "_" / "`" / "{" / "}" / "~"
	cCharset

	// cLoose: the bytes a lenient parse lets an unquoted value run over:
	// VCHAR except ",", and obs-text. This is not an RFC class: it exists
	// to recover values such as URLs that servers send unquoted.
	cLoose
)

// IsTchar reports whether b is an RFC 9110 tchar.
func IsTchar(b byte) bool { return classes[b]&cTchar != 0 }

// IsToken reports whether s is an RFC 9110 token: one or more tchar.
func IsToken(s string) bool {
	return s != "" && scanToken(s, 0) == len(s)
}

// IsToken68 reports whether s matches RFC 9110's token68 (and RFC 6750's
// b64token, the same production).
func IsToken68(s string) bool {
	i := scanClass(s, 0, cToken68)
	if i == 0 {
		return false
	}
	for i < len(s) && s[i] == '=' {
		i++
	}
	return i == len(s)
}

// scanClass returns the index of the first byte at or after i that is not in
// class c, or len(s).
func scanClass(s string, i int, c uint8) int {
	for i < len(s) && classes[s[i]]&c != 0 {
		i++
	}
	return i
}

// scanToken returns the end of the token starting at s[i] (i itself if
// there is none).
func scanToken(s string, i int) int {
	for i < len(s) && classes[s[i]]&cTchar != 0 {
		i++
	}
	return i
}

// skipOWS returns the index of the first byte at or after i that is not SP
// or HTAB.
func skipOWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// TrimOWS returns the start and end of s without its leading and trailing
// SP and HTAB: RFC 9110, Section 5.5 excludes them from a field value.
func TrimOWS(s string) (start, end int) {
	end = len(s)
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return skipOWS(s[:end], 0), end
}

// EqualFold reports whether s and t are equal under ASCII case folding, the
// comparison RFC 9110 prescribes for schemes and parameter names.
func EqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lower(s[i]) != lower(t[i]) {
			return false
		}
	}
	return true
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}
