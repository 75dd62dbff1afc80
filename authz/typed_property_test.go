package authz_test

// Property-based tests (gopter) of the typed credentials:
//
//   - identity: for every valid Digest, ParseDigest(ParseString(
//     Credentials().String())) gives it back, and so do DPoP tokens;
//   - refusal: a valid Digest with one field made invalid is refused with a
//     *FormatError wrapping a *ParamError that names the field, and neither
//     the error nor the redacted form holds the bad value.
//
// Set GOPTER_SEED to the seed a failing run logs to reproduce it.
// Identifiers start with "typedProp".

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
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

const (
	typedPropTchar   = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	typedPropHex     = "0123456789abcdefABCDEF"
	typedPropToken68 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/"
	typedPropCTL     = "\x00\x01\x08\x0a\x0d\x1f\x7f"
)

// typedPropText is what a quoted-string can hold: HTAB, SP, VCHAR, obs-text.
var typedPropText = func() string {
	b := []byte{'\t'}
	for c := 0x20; c <= 0xFF; c++ {
		if c != 0x7F {
			b = append(b, byte(c))
		}
	}
	return string(b)
}()

func typedPropString(r *rand.Rand, alphabet string, min, max int) string {
	n := min + r.Intn(max-min+1)
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// typedPropUsername returns a user name: ASCII text, or UTF-8 text, which
// goes in username*.
func typedPropUsername(r *rand.Rand) string {
	if r.Intn(2) == 0 {
		return typedPropString(r, typedPropText[:0x5F], 1, 12) // HTAB, SP and VCHAR
	}
	runes := []rune("aé€😀 \"\\:ßЖ中")
	var b strings.Builder
	for n := 1 + r.Intn(8); n > 0; n-- {
		b.WriteRune(runes[r.Intn(len(runes))])
	}
	return b.String()
}

func typedPropDigest(r *rand.Rand) authz.Digest {
	d := authz.Digest{
		Username: typedPropUsername(r),
		Realm:    typedPropString(r, typedPropText, 0, 12),
		URI:      typedPropString(r, typedPropText, 1, 20),
		Nonce:    typedPropString(r, typedPropText, 1, 20),
		Response: typedPropString(r, typedPropHex, 1, 64),
	}
	if r.Intn(2) == 0 {
		d.Algorithm = typedPropString(r, typedPropTchar, 1, 12)
	}
	if r.Intn(3) > 0 {
		d.QOP = []string{"auth", "auth-int", typedPropString(r, typedPropTchar, 1, 6)}[r.Intn(3)]
		d.NC = 1 + uint32(r.Int63n(1<<32-1))
		d.CNonce = typedPropString(r, typedPropText, 1, 20)
	}
	if r.Intn(2) == 0 {
		d.Opaque = typedPropString(r, typedPropText, 1, 20)
	}
	if r.Intn(4) == 0 {
		d.Userhash = true
		d.Username = typedPropString(r, typedPropHex, 1, 64)
	}
	for i := r.Intn(3); i > 0; i-- {
		d.Other = append(d.Other, authz.Param{Name: "x" + strconv.Itoa(i) + "-" + typedPropString(r, typedPropTchar, 0, 4),
			Value: typedPropString(r, typedPropText, 0, 10)})
	}
	return d
}

func TestTypedPropertiesRoundTrip(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	properties.Property("ParseDigest(ParseString(Digest.Credentials().String())) == Digest", prop.ForAll(
		func(d authz.Digest) string {
			c, err := d.Credentials()
			if err != nil {
				return "Credentials() refused a valid Digest: " + err.Error()
			}
			s := wire(c)
			if strings.ContainsAny(s, "\r\n\x00") {
				return "String() wrote a control character: " + strconv.Quote(s)
			}
			hasUser, hasStar := false, false
			for _, p := range c.Params {
				hasUser = hasUser || p.Name == "username"
				hasStar = hasStar || p.Name == "username*"
			}
			if hasUser == hasStar {
				return "not exactly one of username and username*: " + strconv.Quote(s)
			}
			parsed, err := authz.ParseString(s)
			if err != nil {
				return "ParseString(" + strconv.Quote(s) + "): " + err.Error()
			}
			back, err := authz.ParseDigest(parsed)
			if err != nil {
				return "ParseDigest(" + strconv.Quote(s) + "): " + err.Error()
			}
			if diff := cmp.Diff(d, back); diff != "" {
				return "ParseDigest(Credentials()) mismatch (-want +got):\n" + diff
			}
			return ""
		}, testkit.Gen(typedPropDigest, nil)))
	properties.Property("ParseDPoP(ParseString(DPoPCredentials(t).String())) == t", prop.ForAll(
		func(token string) string {
			c, err := authz.DPoPCredentials(token)
			if err != nil {
				return "DPoPCredentials refused a b64token: " + err.Error()
			}
			parsed, err := authz.ParseString(wire(c))
			if err != nil {
				return "ParseString: " + err.Error()
			}
			back, err := authz.ParseDPoP(parsed)
			if err != nil || back != token {
				return "ParseDPoP gave " + strconv.Quote(back)
			}
			return ""
		}, testkit.Gen(func(r *rand.Rand) string {
			return typedPropString(r, typedPropToken68, 1, 40) + strings.Repeat("=", r.Intn(3))
		}, nil)))
	properties.TestingRun(t)
}

const typedPropMarker = "MARKER"

type typedPropBad struct {
	d    authz.Digest
	name string
}

func typedPropCorrupt(r *rand.Rand, s, bad string) string {
	i := r.Intn(len(s) + 1)
	return s[:i] + typedPropMarker + string(bad[r.Intn(len(bad))]) + s[i:]
}

func typedPropBadDigest(r *rand.Rand) typedPropBad {
	d := typedPropDigest(r)
	d.Userhash = false
	d.Username = "u"
	switch r.Intn(10) {
	case 0:
		d.Username = ""
		return typedPropBad{d, "username"}
	case 1:
		d.Username = typedPropCorrupt(r, "user", typedPropCTL)
		return typedPropBad{d, "username"}
	case 2:
		d.Userhash = true
		d.Username = typedPropCorrupt(r, "ab", "gz: ")
		return typedPropBad{d, "username"}
	case 3:
		d.URI = ""
		return typedPropBad{d, "uri"}
	case 4:
		d.Nonce = typedPropCorrupt(r, d.Nonce, typedPropCTL)
		return typedPropBad{d, "nonce"}
	case 5:
		d.Response = typedPropCorrupt(r, d.Response, "gxyz ")
		return typedPropBad{d, "response"}
	case 6:
		d.Algorithm = typedPropCorrupt(r, "SHA-256", " \",;=")
		return typedPropBad{d, "algorithm"}
	case 7:
		d.QOP, d.CNonce, d.NC = "auth", "c", 0
		return typedPropBad{d, "nc"}
	case 8:
		d.QOP, d.CNonce, d.NC = "auth", "", 1
		return typedPropBad{d, "cnonce"}
	default:
		n := []string{"username", "USERNAME*", "nc", "Response", "opaque"}[r.Intn(5)]
		d.Other = append(d.Other, authz.Param{Name: n, Value: typedPropMarker})
		return typedPropBad{d, n}
	}
}

func TestTypedPropertiesRefusal(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	properties.Property("Digest.Credentials refuses one invalid field, names it, and echoes nothing", prop.ForAll(
		func(b typedPropBad) string {
			c, err := b.d.Credentials()
			var pe *httpauth.ParamError
			var fe *httpauth.FormatError
			switch {
			case err == nil:
				return "Credentials() accepted an invalid " + b.name + ": " + strconv.Quote(wire(c))
			case !errors.As(err, &fe) || !errors.As(err, &pe):
				return "error is not a *FormatError wrapping a *ParamError: " + err.Error()
			case pe.Name != b.name:
				return "ParamError.Name = " + strconv.Quote(pe.Name) + ", want " + strconv.Quote(b.name)
			case strings.Contains(err.Error(), typedPropMarker):
				return "the error holds the value: " + err.Error()
			}
			return ""
		}, testkit.Gen(typedPropBadDigest, nil)))
	properties.TestingRun(t)
}
