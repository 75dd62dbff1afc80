package grammar

// ValueError returns the index of the first byte of v that no field value may
// hold, or -1: a control character other than HTAB, or DEL. CR and LF in
// particular would end the header field (RFC 9110, Section 5.5), so refusing
// them is what keeps a serialized value from injecting a header.
func ValueError(v string) int {
	// qdtext is every allowed byte but DQUOTE and backslash, which a
	// quoted-string escapes: skip runs of it, eight bytes at a time.
	for i := qdtextRun(v, 0); i < len(v); i = qdtextRun(v, i+1) {
		if v[i] != '"' && v[i] != '\\' {
			return i
		}
	}
	return -1
}

// AppendValue appends v as a parameter value: as a token if it is one and
// quote is false, else as a quoted-string. v must have passed ValueError.
//
//	auth-param = token BWS "=" BWS ( token / quoted-string )   ; RFC 9110, Section 11.2
func AppendValue(b []byte, v string, quote bool) []byte {
	if !quote && IsToken(v) {
		return append(b, v...)
	}
	return AppendQuoted(b, v)
}

// AppendQuoted appends v as a quoted-string, escaping only DQUOTE and
// backslash, as RFC 9110, Section 5.6.4 asks of senders. v must have passed
// ValueError.
func AppendQuoted(b []byte, v string) []byte {
	b = append(b, '"')
	for {
		// v has passed ValueError: the run of qdtext ends at a DQUOTE,
		// a backslash, or the end.
		i := qdtextRun(v, 0)
		b = append(b, v[:i]...)
		if i == len(v) {
			return append(b, '"')
		}
		b = append(b, '\\', v[i])
		v = v[i+1:]
	}
}
