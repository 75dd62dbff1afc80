package wwwauth_test

// Parse then rebuild (issue 9): for every challenge a typed parser accepts,
// the typed value's Challenge succeeds and parses back to an equal typed
// value. The challenges are generated from the parameter names the typed
// models know, their name* forms and others, with values drawn from what
// servers send: NQCHAR runs, free text, UTF-8, URLs of every kind, RFC 8187
// ext-values good and bad, algorithm names, booleans and numbers. A gateway
// that parses a challenge and re-emits it must never be refused by the
// builder for what the parser let through.
//
// Every identifier here starts with "rebuild".

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// rebuildNames are the parameter names of every typed model, and a few
// others.
var rebuildNames = []string{
	"realm", "scope", "error", "error_description", "error_uri", "resource_metadata", "max_age", "acr_values",
	"algs", "charset", "domain", "nonce", "opaque", "stale", "algorithm", "qop", "userhash",
	"x-other", "title",
}

// rebuildValue returns a value of one of the shapes servers send.
func rebuildValue(r *rand.Rand) string {
	switch r.Intn(16) {
	case 0:
		return ""
	case 1:
		return typedPropString(r, typedPropNQChar, 1, 12)
	case 2:
		return typedPropString(r, typedPropNQSChar, 1, 20)
	case 3:
		return typedPropString(r, typedPropText, 0, 20)
	case 4:
		return "caf\u00e9 \u20ac \"quoted\" back\\slash"
	case 5:
		return typedPropURL(r)
	case 6:
		return []string{"http://evil.example/x", "javascript:alert(1)", "https://u:p@h.example/", "https://h.example/#f", "/relative"}[r.Intn(5)]
	case 7:
		return []string{"UTF-8''caf%C3%A9", "UTF-8''files%3Aread%20b", "utf-8'en'x", "ISO-8859-1''%A3", "Shift_JIS''x", "UTF-8''%ZZ", "UTF-8''%0D%0A", "no-quote"}[r.Intn(8)]
	case 8:
		return []string{"none", "HS256", "hs512", "ES256", "ES256 PS256", "ES256  none", "RS256 HS384"}[r.Intn(7)]
	case 9:
		return []string{"true", "TRUE", "false", "False", "yes"}[r.Intn(5)]
	case 10:
		return []string{"0", "007", "300", "-1", "9999999999", "1e3"}[r.Intn(6)]
	case 11:
		return []string{"auth", "auth-int", "auth, auth-int", "auth,,auth-int", " auth ", "auth int"}[r.Intn(6)]
	case 12:
		return []string{"MD5", "SHA-256", "SHA-512-256-sess", "md5", "SHA 256"}[r.Intn(5)]
	case 13:
		return []string{"UTF-8", "utf-8", "latin1"}[r.Intn(3)]
	case 14:
		return string(wwwauth.CodeInsufficientScope)
	default:
		return "  a  b\tc  "
	}
}

// rebuildChallenge returns a challenge of one of the typed schemes (in any
// case) with up to six parameters.
func rebuildChallenge(r *rand.Rand) wwwauth.Challenge {
	schemes := []string{"Bearer", "bearer", "DPoP", "dpop", "Basic", "BASIC", "Digest", "digest"}
	c := wwwauth.Challenge{Scheme: schemes[r.Intn(len(schemes))]}
	if r.Intn(30) == 0 {
		c.Token68 = "abc=="
		return c
	}
	// Half the time, start with what Basic and Digest require, so that
	// their parsers accept often enough to test what follows.
	if r.Intn(2) == 0 {
		c.Params = append(c.Params, wwwauth.Param{Name: "realm", Value: "r"}, wwwauth.Param{Name: "nonce", Value: "n0"})
	}
	n := r.Intn(7)
	for range n {
		name := rebuildNames[r.Intn(len(rebuildNames))]
		if r.Intn(5) == 0 {
			name += "*"
		}
		if r.Intn(4) == 0 {
			name = strings.ToUpper(name)
		}
		c.Params = append(c.Params, wwwauth.Param{Name: name, Value: rebuildValue(r)})
	}
	return c
}

// rebuildCheck parses c with the typed parser of its scheme and, if it
// accepts c, checks that the typed value rebuilds and reparses to itself.
func rebuildCheck(c wwwauth.Challenge) *gopter.PropResult {
	var rep testkit.Report
	first, err := typedParse(rebuildModel(c.Scheme), c)
	if err != nil {
		return rep.Result() // refused: nothing to rebuild
	}
	m := first.(interface {
		Challenge() (wwwauth.Challenge, error)
	})
	built, err := m.Challenge()
	if err != nil {
		rep.Failf("%#v: the parser accepted %q but Challenge() refuses: %v", m, c.String(), err)
		return rep.Result()
	}
	s := built.String()
	cs, err := wwwauth.ParseString(s)
	if err != nil || len(cs) != 1 {
		rep.Failf("ParseString(%q) = %v, %v", s, cs, err)
		return rep.Result()
	}
	back, err := typedParse(first, cs[0])
	if err != nil {
		rep.Failf("the rebuilt %q does not parse back: %v", s, err)
		return rep.Result()
	}
	if diff := cmp.Diff(first, back, cmpopts.EquateEmpty()); diff != "" {
		rep.Failf("parse(%q) then rebuild %q then parse mismatch (-first +back):\n%s", c.String(), s, diff)
	}
	return rep.Result()
}

// rebuildModel returns the zero model of scheme.
func rebuildModel(scheme string) any {
	switch strings.ToLower(scheme) {
	case "bearer":
		return wwwauth.Bearer{}
	case "dpop":
		return wwwauth.DPoP{}
	case "basic":
		return wwwauth.Basic{}
	}
	return wwwauth.Digest{}
}

func TestTypedPropertiesRebuild(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 5000))
	properties.Property("a challenge a typed parser accepts rebuilds and reparses to the same typed value", prop.ForAll(
		rebuildCheck,
		testkit.Gen(rebuildChallenge, nil),
	))
	properties.TestingRun(t)
}
