package authz_test

// Parse then rebuild for typed credentials: whatever ParseDigest accepts,
// Digest.Credentials writes back and ParseDigest reads to the same Digest,
// so that a proxy that parses and re-emits credentials is never refused by
// the builder for what the parser let through. Every identifier here starts
// with "rebuild".

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

var rebuildNames = []string{"username", "realm", "uri", "algorithm", "nonce", "nc", "cnonce", "qop", "response", "opaque", "userhash", "charset", "x-other"}

func rebuildValue(r *rand.Rand) string {
	vals := []string{
		"", "Mufasa", "J\u00e4s\u00f8n Doe", "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec",
		"http-auth@example.org", "/dir/index.html", "/a b", "MD5", "SHA-256", "SHA 256", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
		"00000001", "0000000A", "00000000", "1", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "auth-int", "auth, auth-int",
		"8ca523f5e9506fed4657c9700eebdbec", "XYZ", "FQhe/qaU925kfnw4Cc5CY4F0JW6YJq4X2KkS8k5tkuU", "true", "false", "TRUE", "yes",
		"UTF-8''J%C3%A4s%C3%B8n%20Doe", "UTF-8''", "ISO-8859-1''J%E4s", "bad''x", "a \"quoted\" \\ value", "tab\there",
	}
	return vals[r.Intn(len(vals))]
}

func rebuildCredentials(r *rand.Rand) authz.Credentials {
	c := authz.Credentials{Scheme: []string{"Digest", "digest", "DIGEST"}[r.Intn(3)]}
	if r.Intn(2) == 0 {
		// What a Digest response requires, so that the parser accepts
		// often enough to test what follows.
		c.Params = append(c.Params, authz.Param{Name: "username", Value: "u"}, authz.Param{Name: "uri", Value: "/"},
			authz.Param{Name: "nonce", Value: "n"}, authz.Param{Name: "response", Value: "ab12"})
	}
	for range r.Intn(7) {
		name := rebuildNames[r.Intn(len(rebuildNames))]
		if r.Intn(5) == 0 {
			name += "*"
		}
		if r.Intn(4) == 0 {
			name = strings.ToUpper(name)
		}
		c.Params = append(c.Params, authz.Param{Name: name, Value: rebuildValue(r)})
	}
	return c
}

func TestTypedPropertiesRebuild(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 5000))
	properties.Property("credentials ParseDigest accepts rebuild and reparse to the same Digest", prop.ForAll(
		func(c authz.Credentials) *gopter.PropResult {
			var rep testkit.Report
			d, err := authz.ParseDigest(c)
			if err != nil {
				return rep.Result()
			}
			built, err := d.Credentials()
			if err != nil {
				rep.Failf("ParseDigest accepted %v but Credentials() refuses: %v", c.Params, err)
				return rep.Result()
			}
			w, err := built.WireForm()
			if err != nil {
				rep.Failf("WireForm: %v", err)
				return rep.Result()
			}
			parsed, err := authz.ParseString(w)
			if err != nil {
				rep.Failf("ParseString(%q): %v", w, err)
				return rep.Result()
			}
			back, err := authz.ParseDigest(parsed)
			if err != nil {
				rep.Failf("the rebuilt %q does not parse back: %v", w, err)
				return rep.Result()
			}
			if diff := cmp.Diff(d, back, cmpopts.EquateEmpty()); diff != "" {
				rep.Failf("parse, rebuild %q, parse mismatch (-first +back):\n%s", w, diff)
			}
			return rep.Result()
		},
		testkit.Gen(rebuildCredentials, nil),
	))
	properties.TestingRun(t)
}
