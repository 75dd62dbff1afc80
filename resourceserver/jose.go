package resourceserver

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// JOSEHeader is the JOSE header of a DPoP proof ([RFC 7515, Section 4]),
// as [RequireBearer] checked it before calling DPoPOptions.VerifyProof:
// the checks 4, 5 and 7 of [RFC 9449, Section 4.3], which need no
// cryptography. The header is a JSON object, in valid UTF-8, of at most
// 8 KiB, in which
//
//   - no member name occurs twice, nor in two spellings that differ only
//     in case, in the header or in any object inside it. RFC 7515,
//     Section 4 makes names unique and case-sensitive; a parser that
//     matches names case-insensitively and keeps the last one, as
//     encoding/json does, would read {"alg":"HS256","Alg":"ES256"} as
//     ES256 where a case-sensitive one reads HS256, so the middleware
//     refuses every such header rather than pick one reading;
//   - no member name is another spelling of typ, alg or jwk ("Alg",
//     "ALG", or one with the Kelvin sign that encoding/json folds to k);
//   - typ is "dpop+jwt" (compared case-insensitively, as media types
//     are), alg is one of DPoPOptions.Algs, and jwk is a JSON object
//     without the members of a private or symmetric key (d, p, q, dp,
//     dq, qi, oth, k, in any case).
//
// The middleware answers a proof that fails any of these with
// error="invalid_dpop_proof", without calling VerifyProof.
//
// [RFC 7515, Section 4]: https://www.rfc-editor.org/rfc/rfc7515#section-4
// [RFC 9449, Section 4.3]: https://www.rfc-editor.org/rfc/rfc9449#section-4.3
type JOSEHeader struct {
	// Alg is the header's alg, one of DPoPOptions.Algs (compared
	// case-sensitively, as RFC 7515, Section 4.1.1 says): verify the
	// signature with this algorithm and no other.
	Alg string

	// JWK is the header's jwk member as sent: the JSON object of the
	// public key to verify the signature with and to compute the
	// thumbprint of (RFC 7638).
	JWK json.RawMessage
}

var errDPoPProof = errors.New("resourceserver: missing, repeated or malformed DPoP proof header")

// dpopProof returns the DPoP proof of a request's header ([RFC 9449,
// Section 4.1]): the value of its one DPoP field, which must be a JWS in
// compact serialization, three base64url parts joined by dots. It returns
// errDPoPProof if there is no DPoP field, more than one (RFC 9449,
// Section 4.3 refuses that), or one of another shape. It checks the
// shape only: the signature and the claims are the verifier's to check.
//
// [RFC 9449, Section 4.1]: https://www.rfc-editor.org/rfc/rfc9449#section-4.1
func dpopProof(h http.Header) (string, error) {
	v := h.Values("Dpop")
	if len(v) != 1 {
		return "", errDPoPProof
	}
	start, end := grammar.TrimOWS(v[0])
	p := v[0][start:end]
	if strings.Count(p, ".") != 2 {
		return "", errDPoPProof
	}
	for part := range strings.SplitSeq(p, ".") {
		if part == "" || !isBase64URL(part) {
			return "", errDPoPProof
		}
	}
	return p, nil
}

// isBase64URL reports whether s holds only the base64url alphabet without
// padding (RFC 7515, Section 2).
func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// maxProofHeader bounds the JOSE header of a DPoP proof the middleware
// decodes; real ones, with an RSA key, are under 1 KiB.
const maxProofHeader = 8 << 10

// maxJSONDepth bounds the nesting of objects and arrays in a JOSE header;
// a real one nests two deep (the jwk, and oth or x5c in it).
const maxJSONDepth = 16

var errJOSE = errors.New("resourceserver: DPoP proof's JOSE header is not what RFC 9449 requires")

// proofHeader decodes and checks the JOSE header of proof, a compact JWS
// that dpopProof accepted, as [JOSEHeader] describes. algs are the
// accepted algorithms.
func proofHeader(proof string, algs []string) (JOSEHeader, error) {
	seg, _, _ := strings.Cut(proof, ".")
	if base64.RawURLEncoding.DecodedLen(len(seg)) > maxProofHeader {
		return JOSEHeader{}, errJOSE
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(seg)
	if err != nil || !utf8.Valid(raw) {
		return JOSEHeader{}, errJOSE
	}
	return parseJOSEHeader(raw, algs)
}

// parseJOSEHeader checks raw, the decoded JOSE header, and returns its alg
// and jwk.
//
// It reads raw as a stream of JSON tokens (encoding/json's Decoder.Token)
// rather than unmarshaling it into a struct, because Unmarshal matches
// member names case-insensitively and keeps the last duplicate: the very
// ambiguity the checks are for.
func parseJOSEHeader(raw []byte, algs []string) (JOSEHeader, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // a number is skipped, never converted: 1e999 is valid JSON
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return JOSEHeader{}, errJOSE
	}
	var (
		h           JOSEHeader
		typ         string
		seen        names
		hasTyp, jwk bool
	)
	for dec.More() {
		name, err := memberName(dec, &seen)
		if err != nil {
			return JOSEHeader{}, err
		}
		switch name {
		case "typ":
			if typ, err = stringValue(dec); err != nil {
				return JOSEHeader{}, err
			}
			hasTyp = true
		case "alg":
			if h.Alg, err = stringValue(dec); err != nil {
				return JOSEHeader{}, err
			}
		case "jwk":
			if t, err := dec.Token(); err != nil || t != json.Delim('{') {
				return JOSEHeader{}, errJOSE
			}
			start := dec.InputOffset() - 1
			var members names
			if err := skipObject(dec, 2, &members); err != nil {
				return JOSEHeader{}, err
			}
			for _, private := range []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"} {
				if members.has(private) {
					return JOSEHeader{}, errJOSE
				}
			}
			h.JWK = bytes.Clone(raw[start:dec.InputOffset()])
			jwk = true
		default:
			if k := foldKey(name); k == "TYP" || k == "ALG" || k == "JWK" {
				return JOSEHeader{}, errJOSE // another spelling of one of them
			}
			if err := skipValue(dec, 1); err != nil {
				return JOSEHeader{}, err
			}
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return JOSEHeader{}, errJOSE
	}
	if _, err := dec.Token(); err != io.EOF { // nothing after the object
		return JOSEHeader{}, errJOSE
	}
	if !hasTyp || !grammar.EqualFold(typ, "dpop+jwt") || !slices.Contains(algs, h.Alg) || !jwk {
		return JOSEHeader{}, errJOSE
	}
	return h, nil
}

// names are the member names of one JSON object, by their fold key.
type names map[string]struct{}

// add records name and reports false if the object already has a name
// with the same fold key.
func (n *names) add(name string) bool {
	if *n == nil {
		*n = names{}
	}
	k := foldKey(name)
	if _, dup := (*n)[k]; dup {
		return false
	}
	(*n)[k] = struct{}{}
	return true
}

// has reports whether the object has a member that name is a spelling of.
func (n names) has(name string) bool {
	_, ok := n[foldKey(name)]
	return ok
}

// memberName reads the name of the next member of an object and records
// it in seen; a name seen before, in any case, is errJOSE.
func memberName(dec *json.Decoder, seen *names) (string, error) {
	t, err := dec.Token()
	name, ok := t.(string)
	if err != nil || !ok || !seen.add(name) {
		return "", errJOSE
	}
	return name, nil
}

// stringValue reads a value that must be a JSON string.
func stringValue(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	s, ok := t.(string)
	if err != nil || !ok {
		return "", errJOSE
	}
	return s, nil
}

// skipValue reads one JSON value at nesting depth, checking the member
// names of every object in it.
func skipValue(dec *json.Decoder, depth int) error {
	t, err := dec.Token()
	if err != nil {
		return errJOSE
	}
	switch t {
	case json.Delim('{'):
		var seen names
		return skipObject(dec, depth+1, &seen)
	case json.Delim('['):
		if depth+1 > maxJSONDepth {
			return errJOSE
		}
		for dec.More() {
			if err := skipValue(dec, depth+1); err != nil {
				return err
			}
		}
		if t, err := dec.Token(); err != nil || t != json.Delim(']') {
			return errJOSE
		}
	}
	return nil
}

// skipObject reads the members of an object whose "{" was read, and its
// "}", recording the member names in seen.
func skipObject(dec *json.Decoder, depth int, seen *names) error {
	if depth > maxJSONDepth {
		return errJOSE
	}
	for dec.More() {
		if _, err := memberName(dec, seen); err != nil {
			return err
		}
		if err := skipValue(dec, depth); err != nil {
			return err
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return errJOSE
	}
	return nil
}

// foldKey returns a key that is the same for two names if and only if
// they are equal under Unicode simple case folding, the rule encoding/json
// applies when it matches member names: each rune becomes the smallest
// rune of its folding orbit, so "k", "K" and the Kelvin sign U+212A all
// become "K".
func foldKey(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldRunes(s)
		}
	}
	// ASCII: the smallest rune of a letter's orbit is its upper case
	// (the other members of the orbits of k and s are above U+007F).
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'a' <= b[j] && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// foldRunes is foldKey for a name that is not all ASCII.
func foldRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}
