package grammar

// SchemeToken68 reads the shape nearly every credentials value has, an
// auth-scheme, one or more SP and a token68, with OWS around:
//
//	credentials = auth-scheme 1*SP token68   ; RFC 9110, Section 11.4
//
// and returns the scheme and the token68. It reports false for any other
// value, which the lexer then reads; a value it accepts, the lexer reads
// to the same scheme and token68 in both modes (a test and the
// differential fuzz targets check that). It is the parsers' fast path, so
// that a "Bearer <token>" costs a scan and no state machine.
func SchemeToken68(s string) (scheme, token68 string, ok bool) {
	start, end := TrimOWS(s)
	s = s[start:end]
	i := scanToken(s, 0)
	if i == 0 || i == len(s) || s[i] != ' ' {
		return "", "", false
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if !IsToken68(s[j:]) {
		return "", "", false
	}
	return s[:i], s[j:], true
}
