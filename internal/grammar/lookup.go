package grammar

import "strings"

// LookupParam returns the value of the parameter name of params, matched
// case-insensitively, preferring the decoded RFC 8187 ext-value of name*
// when there is one that decodes; it returns the ext-value's decoding error
// with the plain value otherwise. A name ending in "*" is looked up as is.
func LookupParam[P ~struct{ Name, Value string }](params []P, name string) (string, bool, error) {
	var plain, ext nameValue
	var hasPlain, hasExt bool
	decode := !strings.HasSuffix(name, "*")
	for _, q := range params {
		p := nameValue(q)
		switch {
		case !hasPlain && EqualFold(p.Name, name):
			plain, hasPlain = p, true
		case decode && !hasExt && len(p.Name) == len(name)+1 && p.Name[len(name)] == '*' &&
			EqualFold(p.Name[:len(name)], name):
			ext, hasExt = p, true
		}
	}
	if hasExt {
		v, err := DecodeExtValue(ext.Value)
		if err == nil {
			return v, true, nil
		}
		return plain.Value, hasPlain, err
	}
	return plain.Value, hasPlain, nil
}
