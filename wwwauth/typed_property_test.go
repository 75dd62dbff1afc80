package wwwauth_test

// Property-based tests (gopter) of the typed challenge models:
//
//   - identity: for every valid Bearer, DPoP, Basic and Digest,
//     ParseX(ParseString(Challenge().String())) gives the model back;
//   - refusal: a valid model with one field made invalid is refused by
//     Challenge with a *FormatError wrapping a *ParamError that names the
//     field, and String does not echo the bad value.
//
// Set GOPTER_SEED to the seed a failing run logs to reproduce it. Every
// identifier here starts with "typedProp" so that it cannot collide with
// other test files of the package.

import (
	"errors"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// Alphabets.
var (
	typedPropNQChar = func() string { // %x21 / %x23-5B / %x5D-7E
		var b []byte
		for c := byte(0x21); c <= 0x7E; c++ {
			if c != '"' && c != '\\' {
				b = append(b, c)
			}
		}
		return string(b)
	}()
	typedPropNQSChar = " " + typedPropNQChar
	typedPropText    = func() string { // what a quoted-string can hold
		b := []byte{'\t'}
		for c := 0x20; c <= 0xFF; c++ {
			if c != 0x7F {
				b = append(b, byte(c))
			}
		}
		return string(b)
	}()
	typedPropTchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	typedPropPath  = "abcdefghijklmnopqrstuvwxyz0123456789-._~/"
	// Bytes no field value may hold.
	typedPropCTL = "\x00\x01\x08\x0a\x0d\x1f\x7f"
)

func typedPropString(r *rand.Rand, alphabet string, min, max int) string {
	n := min + r.Intn(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// typedPropMaybe returns s with probability 1/2, else "".
func typedPropMaybe(r *rand.Rand, s string) string {
	if r.Intn(2) == 0 {
		return ""
	}
	return s
}

func typedPropList(r *rand.Rand, alphabet string, max int) []string {
	n := r.Intn(max + 1)
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = typedPropString(r, alphabet, 1, 12)
	}
	return l
}

// typedPropURL returns a URL a client may fetch.
func typedPropURL(r *rand.Rand) string {
	hosts := []string{"https://mcp.example.com", "https://r.example:8443", "https://127.0.0.1", "https://[2001:db8::1]",
		"http://localhost", "http://LOCALHOST:3000", "http://127.0.0.9:8080", "http://[::1]:80"}
	u := hosts[r.Intn(len(hosts))]
	if r.Intn(3) > 0 {
		u += "/" + typedPropString(r, typedPropPath, 0, 20)
	}
	if r.Intn(4) == 0 {
		u += "?" + typedPropString(r, "abc=&", 0, 8)
	}
	return u
}

func typedPropErrorCode(r *rand.Rand) wwwauth.ErrorCode {
	codes := []wwwauth.ErrorCode{wwwauth.CodeInvalidRequest, wwwauth.CodeInvalidToken, wwwauth.CodeInsufficientScope,
		wwwauth.CodeInvalidDPoPProof, wwwauth.CodeUseDPoPNonce, wwwauth.CodeInsufficientUserAuthentication}
	if r.Intn(4) == 0 {
		return wwwauth.ErrorCode(typedPropString(r, typedPropNQSChar, 1, 20))
	}
	return codes[r.Intn(len(codes))]
}

// typedPropOther returns up to three parameters with unique names that no
// model types (they all start with "x-").
func typedPropOther(r *rand.Rand) []wwwauth.Param {
	n := r.Intn(4)
	if n == 0 {
		return nil
	}
	var ps []wwwauth.Param
	seen := map[string]bool{}
	for len(ps) < n {
		name := "x-" + typedPropString(r, typedPropTchar, 0, 6)
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		ps = append(ps, wwwauth.Param{Name: name, Value: typedPropString(r, typedPropText, 0, 12)})
	}
	return ps
}

func typedPropBearer(r *rand.Rand) wwwauth.Bearer {
	b := wwwauth.Bearer{
		Realm:            typedPropMaybe(r, typedPropString(r, typedPropText, 1, 16)),
		Scope:            typedPropList(r, typedPropNQChar, 4),
		ErrorDescription: typedPropMaybe(r, typedPropString(r, typedPropNQSChar, 1, 30)),
		ErrorURI:         typedPropMaybe(r, typedPropURL(r)),
		ResourceMetadata: typedPropMaybe(r, typedPropURL(r)),
		ACRValues:        typedPropList(r, typedPropNQChar, 3),
		Other:            typedPropOther(r),
	}
	if r.Intn(2) == 0 {
		b.Error = typedPropErrorCode(r)
	}
	if r.Intn(3) == 0 {
		n := r.Intn(1000000000)
		if r.Intn(4) == 0 {
			n = 0
		}
		b.MaxAge = &n
	}
	if b.Realm == "" && len(b.Scope) == 0 && b.Error == "" && b.ErrorDescription == "" && b.ErrorURI == "" &&
		b.ResourceMetadata == "" && b.MaxAge == nil && len(b.ACRValues) == 0 && len(b.Other) == 0 {
		// RFC 6750, Section 3: a Bearer challenge has a parameter; the
		// MCP one, resource_metadata.
		b.ResourceMetadata = typedPropURL(r)
	}
	return b
}

func typedPropDPoP(r *rand.Rand) wwwauth.DPoP {
	b := typedPropBearer(r)
	return wwwauth.DPoP{Realm: b.Realm, Scope: b.Scope, Error: b.Error, ErrorDescription: b.ErrorDescription,
		ErrorURI: b.ErrorURI, Algs: typedPropAlgs(r), ResourceMetadata: b.ResourceMetadata, Other: b.Other}
}

// typedPropAlgs returns up to three JWS algorithm names a DPoP challenge may
// list: NQCHAR runs that are neither "none" nor symmetric ("HS*", any
// case), which RFC 9449, Section 4.3 rules out and DPoP.Challenge refuses.
func typedPropAlgs(r *rand.Rand) []string {
	algs := typedPropList(r, typedPropNQChar, 3)
	for i, a := range algs {
		if strings.EqualFold(a, "none") || len(a) >= 2 && strings.EqualFold(a[:2], "hs") {
			algs[i] = "ES" + a
		}
	}
	return algs
}

func typedPropBasic(r *rand.Rand) wwwauth.Basic {
	return wwwauth.Basic{Realm: typedPropString(r, typedPropText, 1, 16),
		Charset: []string{"", "UTF-8", "utf-8", "Utf-8"}[r.Intn(4)], Other: typedPropOther(r)}
}

func typedPropDigest(r *rand.Rand) wwwauth.Digest {
	d := wwwauth.Digest{
		Realm:     typedPropString(r, typedPropText, 0, 16),
		Domain:    typedPropList(r, typedPropNQChar, 3),
		Nonce:     typedPropString(r, typedPropText, 1, 24),
		Opaque:    typedPropMaybe(r, typedPropString(r, typedPropText, 1, 16)),
		Stale:     r.Intn(2) == 0,
		Algorithm: typedPropMaybe(r, []string{"MD5", "SHA-256", "SHA-512-256", "SHA-256-sess", "x" + typedPropString(r, typedPropTchar, 0, 5)}[r.Intn(5)]),
		QOP:       typedPropList(r, typedPropTchar, 3),
		Charset:   []string{"", "UTF-8", "utf-8"}[r.Intn(3)],
		Userhash:  r.Intn(2) == 0,
		Other:     typedPropOther(r),
	}
	return d
}

// typedPropModel is what the properties need of a model.
type typedPropModel interface {
	Challenge() (wwwauth.Challenge, error)
}

// typedPropRoundTrip checks the identity property for one model.
func typedPropRoundTrip(m typedPropModel) string {
	c, err := m.Challenge()
	if err != nil {
		return "Challenge() refused a valid model: " + err.Error()
	}
	s := c.String()
	cs, err := wwwauth.ParseString(s)
	if err != nil || len(cs) != 1 {
		return "ParseString(" + strconv.Quote(s) + ") failed: " + strconv.Quote(errString(err))
	}
	back, err := typedParse(m, cs[0])
	if err != nil {
		return "typed parse of " + strconv.Quote(s) + ": " + err.Error()
	}
	if diff := cmp.Diff(m, back); diff != "" {
		return "Parse(Challenge()) mismatch (-want +got):\n" + diff
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestTypedPropertiesRoundTrip(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	properties.Property("ParseBearer(Parse(Bearer.Challenge().String())) == Bearer", prop.ForAll(
		func(b wwwauth.Bearer) string { return typedPropRoundTrip(b) }, testkit.Gen(typedPropBearer, nil)))
	properties.Property("ParseDPoP(Parse(DPoP.Challenge().String())) == DPoP", prop.ForAll(
		func(d wwwauth.DPoP) string { return typedPropRoundTrip(d) }, testkit.Gen(typedPropDPoP, nil)))
	properties.Property("ParseBasic(Parse(Basic.Challenge().String())) == Basic", prop.ForAll(
		func(b wwwauth.Basic) string { return typedPropRoundTrip(b) }, testkit.Gen(typedPropBasic, nil)))
	properties.Property("ParseDigest(Parse(Digest.Challenge().String())) == Digest", prop.ForAll(
		func(d wwwauth.Digest) string { return typedPropRoundTrip(d) }, testkit.Gen(typedPropDigest, nil)))
	properties.TestingRun(t)
}

// typedPropBad is a valid model with one field made invalid, and the name
// the ParamError must carry.
type typedPropBad struct {
	model typedPropModel
	name  string
}

const typedPropMarker = "MARKER"

// typedPropCorrupt returns s with a byte of bad inserted at a random place,
// next to the marker.
func typedPropCorrupt(r *rand.Rand, s, bad string) string {
	i := r.Intn(len(s) + 1)
	return s[:i] + typedPropMarker + string(bad[r.Intn(len(bad))]) + s[i:]
}

// typedPropBadURL returns a URL a client must not fetch.
func typedPropBadURL(r *rand.Rand) string {
	bad := []string{"http://mcp.example.com/m", "http://127.0.0.1.nip.io/m", "https://u@mcp.example.com/", "https://mcp.example.com/m#f",
		"https://mcp.example.com/#", "/relative", "ftp://mcp.example.com/", "https:opaque", "https://", "mcp.example.com/m",
		"https://mcp.example.com/a b", `https://mcp.example.com/"`, "https://mcp.example.com/\x00", "https://mcp.exämple.com/",
		"http://a.localhost/", "http://[::2]/", "http://128.0.0.1/"}
	return bad[r.Intn(len(bad))]
}

func typedPropBadBearer(r *rand.Rand) typedPropBad {
	b := typedPropBearer(r)
	badNQ := " \"\\\x80\xff" + typedPropCTL
	badNQS := "\"\\\x80\xff" + typedPropCTL
	switch r.Intn(9) {
	case 0:
		b.Realm = typedPropCorrupt(r, b.Realm, typedPropCTL)
		return typedPropBad{b, "realm"}
	case 1:
		b.Scope = append(b.Scope, typedPropCorrupt(r, typedPropString(r, typedPropNQChar, 0, 5), badNQ))
		return typedPropBad{b, "scope"}
	case 2:
		b.Scope = append(b.Scope, "")
		return typedPropBad{b, "scope"}
	case 3:
		b.Error = wwwauth.ErrorCode(typedPropCorrupt(r, string(b.Error), badNQS))
		return typedPropBad{b, "error"}
	case 4:
		b.ErrorDescription = typedPropCorrupt(r, b.ErrorDescription, badNQS)
		return typedPropBad{b, "error_description"}
	case 5:
		b.ErrorURI = typedPropCorrupt(r, "https://e.example/", " \"\x00\x7f")
		return typedPropBad{b, "error_uri"}
	case 6:
		b.ResourceMetadata = typedPropBadURL(r)
		return typedPropBad{b, "resource_metadata"}
	case 7:
		n := -1 - r.Intn(100)
		if r.Intn(2) == 0 {
			n = 1000000000 + r.Intn(1000)
		}
		b.MaxAge = &n
		return typedPropBad{b, "max_age"}
	default:
		names := []string{"realm", "Scope", "ERROR", "error_description", "error_uri", "resource_metadata", "max_age", "acr_values", "scope*", "Realm*"}
		n := names[r.Intn(len(names))]
		b.Other = append(b.Other, wwwauth.Param{Name: n, Value: "v"})
		return typedPropBad{b, n}
	}
}

func typedPropBadDPoP(r *rand.Rand) typedPropBad {
	d := typedPropDPoP(r)
	switch r.Intn(3) {
	case 0:
		d.Algs = append(d.Algs, typedPropCorrupt(r, "ES256", " \"\\\x80"+typedPropCTL))
		return typedPropBad{d, "algs"}
	case 1:
		d.ResourceMetadata = typedPropBadURL(r)
		return typedPropBad{d, "resource_metadata"}
	default:
		d.Other = append(d.Other, wwwauth.Param{Name: "ALGS", Value: "ES256"})
		return typedPropBad{d, "ALGS"}
	}
}

func typedPropBadBasic(r *rand.Rand) typedPropBad {
	b := typedPropBasic(r)
	switch r.Intn(3) {
	case 0:
		b.Realm = ""
		return typedPropBad{b, "realm"}
	case 1:
		b.Charset = []string{"ISO-8859-1", "UTF8", "UTF-8 ", "us-ascii"}[r.Intn(4)]
		return typedPropBad{b, "charset"}
	default:
		b.Realm = typedPropCorrupt(r, b.Realm, typedPropCTL)
		return typedPropBad{b, "realm"}
	}
}

func typedPropBadDigest(r *rand.Rand) typedPropBad {
	d := typedPropDigest(r)
	switch r.Intn(6) {
	case 0:
		d.Nonce = ""
		return typedPropBad{d, "nonce"}
	case 1:
		d.Nonce = typedPropCorrupt(r, d.Nonce, typedPropCTL)
		return typedPropBad{d, "nonce"}
	case 2:
		d.Algorithm = typedPropCorrupt(r, "SHA-256", " \",;=\x00")
		return typedPropBad{d, "algorithm"}
	case 3:
		d.QOP = append(d.QOP, typedPropCorrupt(r, "auth", " \",;=\x00"))
		return typedPropBad{d, "qop"}
	case 4:
		d.Domain = append(d.Domain, typedPropCorrupt(r, "/a", " \"\\\x00"))
		return typedPropBad{d, "domain"}
	default:
		d.Charset = "latin1"
		return typedPropBad{d, "charset"}
	}
}

// typedPropRefused checks the refusal property.
func typedPropRefused(b typedPropBad) string {
	c, err := b.model.Challenge()
	var pe *httpauth.ParamError
	var fe *httpauth.FormatError
	switch {
	case err == nil:
		return "Challenge() accepted an invalid " + b.name + ": " + strconv.Quote(c.String())
	case !errors.As(err, &fe) || !errors.As(err, &pe):
		return "Challenge() error is not a *FormatError wrapping a *ParamError: " + err.Error()
	case pe.Name != b.name:
		return "ParamError.Name = " + strconv.Quote(pe.Name) + ", want " + strconv.Quote(b.name)
	}
	if strings.Contains(err.Error(), typedPropMarker) {
		return "the error of an invalid model quotes it: " + strconv.Quote(err.Error())
	}
	return ""
}

func TestTypedPropertiesRefusal(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	models := []struct {
		name string
		gen  func(*rand.Rand) typedPropBad
	}{
		{"Bearer", typedPropBadBearer}, {"DPoP", typedPropBadDPoP}, {"Basic", typedPropBadBasic}, {"Digest", typedPropBadDigest},
	}
	for _, m := range models {
		properties.Property(m.name+".Challenge refuses one invalid field and names it", prop.ForAll(
			typedPropRefused, testkit.Gen(m.gen, nil)))
	}
	properties.TestingRun(t)
}
