package authz_test

// No secret leaks: with random credentials, nothing but the wire form
// (String, AppendText, MarshalText) shows the token, the password, the
// Basic blob or a secret parameter value. Checked here, beyond the
// properties of property_test.go:
//
//   - errors of every function that takes credentials or builds them
//     (parsers strict and lenient, ParseBasic, ParseBearer, ParseDPoP,
//     ParseDigest, DPoPProof, UnmarshalText, the builders), in every form
//     a program may print them: Error, fmt's verbs (%v %+v %#v %s %q),
//     wrapped by fmt.Errorf, log/slog text and JSON, each recovery;
//   - what RequireBearer writes (status line, body, every header) and logs,
//     when the verifiers fail with errors that quote the token or the
//     proof, and with the token in the query string;
//   - the method set of Credentials: a new method that returns text must
//     be classified here, and only String, AppendText and MarshalText may
//     give the wire form; their documentation says so.
//
// Every identifier here starts with "leak".

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"log/slog"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

// leakRenderErr returns every way a program may print err.
func leakRenderErr(err error) map[string]string {
	out := map[string]string{"Error": err.Error()}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out[verb] = fmt.Sprintf(verb, err)
	}
	out["wrapped"] = fmt.Errorf("request failed: %w", err).Error()
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Error("x", "err", err, slog.Any("any", err))
	slog.New(slog.NewJSONHandler(&buf, nil)).Error("x", "err", err, slog.Any("any", err))
	out["slog"] = buf.String()
	for i, e := 0, errors.Unwrap(err); e != nil; i, e = i+1, errors.Unwrap(e) {
		out[fmt.Sprintf("unwrap %d", i)] = e.Error()
	}
	return out
}

// leakCase is a malformed or valid field holding secrets, or credentials
// to build.
type leakCase struct {
	Kind    string
	Lines   []string
	Secrets []string
	// For the builders.
	User, Password, Token string
}

func (c leakCase) String() string { return fmt.Sprintf("%#v", c) }

// leakShapes make Authorization fields around secrets; each shape takes two
// secrets, s and t.
var leakShapes = []struct {
	kind string
	f    func(s, t string) []string
}{
	{"bearer", func(s, t string) []string { return []string{"Bearer " + s} }},
	{"bearer then junk", func(s, t string) []string { return []string{"Bearer " + s + " " + t} }},
	{"bearer then comma", func(s, t string) []string { return []string{"Bearer " + s + ", " + t} }},
	{"bearer bad byte", func(s, t string) []string { return []string{"Bearer " + s + "!" + t} }},
	{"bearer CRLF", func(s, t string) []string { return []string{"Bearer " + s + "\r\nX: " + t} }},
	{"bearer HTAB", func(s, t string) []string { return []string{"Bearer\t" + s} }},
	{"bearer quoted", func(s, t string) []string { return []string{`Bearer "` + s + `"`} }},
	{"bearer as param", func(s, t string) []string { return []string{"Bearer " + s + "x=" + t} }},
	{"token68 then =", func(s, t string) []string { return []string{"Bearer " + s + "==" + t} }},
	{"two lines", func(s, t string) []string { return []string{"Bearer " + s, "Bearer " + t} }},
	{"dpop", func(s, t string) []string { return []string{"DPoP " + s} }},
	{"dpop params", func(s, t string) []string { return []string{"DPoP token=" + s} }},
	{"digest", func(s, t string) []string {
		return []string{`Digest username="` + s + `", realm="r", uri="/", nonce="n", response="` + t + `"`}
	}},
	{"digest bad response", func(s, t string) []string {
		return []string{`Digest username="u", realm="r", uri="/", nonce="n", response="` + s + `!` + t + `"`}
	}},
	{"digest unterminated", func(s, t string) []string { return []string{`Digest username="u", response="` + s + t} }},
	{"digest CTL", func(s, t string) []string { return []string{`Digest response="` + s + "\x01" + t + `"`} }},
	{"digest duplicate", func(s, t string) []string { return []string{`Digest response="` + s + `", Response="` + t + `"`} }},
	{"digest no comma", func(s, t string) []string { return []string{`Digest response="` + s + `" cnonce="` + t + `"`} }},
	{"digest token68", func(s, t string) []string { return []string{"Digest " + s} }},
	{"digest bad nc", func(s, t string) []string {
		return []string{`Digest username="u", uri="/", nonce="n", response="abc", nc=` + strings.Trim(s, "=") + `, cnonce="` + t + `"`}
	}},
	{"digest username*", func(s, t string) []string {
		return []string{`Digest username*=UTF-8''` + strings.Trim(s, "=+/~") + `%ZZ, uri="/", nonce="n", response="` + t + `"`}
	}},
	{"unknown scheme", func(s, t string) []string { return []string{"Xyz " + s + " " + t} }},
	{"stray param", func(s, t string) []string { return []string{strings.Trim(s, "=+/") + "=" + t} }},
}

func leakGen(gp *gopter.GenParameters) *gopter.GenResult {
	r := gp.Rng
	s, t := testkit.Secret(r), testkit.Secret(r)
	shape := leakShapes[r.Intn(len(leakShapes))]
	c := leakCase{Kind: shape.kind, Lines: shape.f(s, t), Secrets: []string{s, t}}
	// Basic: the blob and the password are secrets; the blob is valid
	// or not, and the password may be one RFC 7617 refuses.
	user := testkit.RandString(r, "abcdefghij", 1, 8)
	c.User = user
	c.Password = testkit.Secret(r) + []string{"", "\x01", "\xff", "\r\n", ":"}[r.Intn(5)]
	c.Token = testkit.Secret(r) + []string{"", " ", "!", "\r\n", "\x00"}[r.Intn(5)]
	blob := base64.StdEncoding.EncodeToString([]byte(user + ":" + c.Password))
	switch r.Intn(4) {
	case 0:
		blob = strings.TrimRight(blob, "=") // unpadded
	case 1:
		blob = base64.StdEncoding.EncodeToString([]byte(c.Password)) // no colon
	}
	c.Secrets = append(c.Secrets, c.Password, blob, c.Token)
	if r.Intn(3) == 0 {
		c.Kind, c.Lines = "basic", []string{"Basic " + blob}
	}
	return gopter.NewGenResult(c, gopter.NoShrinker)
}

// leakCheck fails if any rendering holds any secret.
func leakCheck(fails *[]string, what string, renderings map[string]string, secrets []string) {
	for how, s := range renderings {
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				*fails = append(*fails, fmt.Sprintf("%s, printed as %s, shows the secret %q: %q", what, how, secret, s))
			}
		}
	}
}

func TestLeakErrors(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	properties.Property("no error, recovery, Redacted, fmt or slog output holds a secret", prop.ForAll(
		func(c leakCase) *gopter.PropResult {
			var fails []string
			checkErr := func(what string, err error) {
				if err != nil {
					leakCheck(&fails, what, leakRenderErr(err), c.Secrets)
				}
			}
			checkCreds := func(what string, cr authz.Credentials) {
				leakCheck(&fails, what, leakRenderings(cr), c.Secrets)
			}
			for _, lenient := range []bool{false, true} {
				p := &authz.Parser{Lenient: lenient}
				if lenient {
					p.Recovered = func(rs []httpauth.Recovery, _ int) {
						for i, r := range rs {
							leakCheck(&fails, fmt.Sprintf("recovery %d", i), map[string]string{
								"String": r.String(), "Assumed": r.Assumed, "Err": r.Err.Error(), "%+v": fmt.Sprintf("%+v", r),
							}, c.Secrets)
						}
					}
				}
				mode := map[bool]string{false: "strict", true: "lenient"}[lenient]
				cr, err := p.ParseLines(c.Lines)
				checkErr(mode+" ParseLines", err)
				checkCreds(mode+" ParseLines result", cr)
				_, err = p.Parse(http.Header{"Authorization": c.Lines})
				checkErr(mode+" Parse", err)
				_, err = p.ParseString(c.Lines[0])
				checkErr(mode+" ParseString", err)
				_, _, err = authz.ParseBasic(cr)
				checkErr(mode+" ParseBasic", err)
				_, err = authz.ParseBearer(cr)
				checkErr(mode+" ParseBearer", err)
				_, err = authz.ParseDPoP(cr)
				checkErr(mode+" ParseDPoP", err)
				d, err := authz.ParseDigest(cr)
				checkErr(mode+" ParseDigest", err)
				if err == nil {
					// A Digest read back has the secret; building
					// credentials from it again must not print it.
					back, err := d.Credentials()
					checkErr(mode+" Digest.Credentials", err)
					checkCreds(mode+" Digest.Credentials result", back)
				}
			}

			// The builders, given secrets they refuse.
			bc, err := authz.BasicCredentials(c.User, c.Password)
			checkErr("BasicCredentials", err)
			if err == nil {
				checkCreds("BasicCredentials result", bc)
			}
			_, err = authz.BasicCredentials(c.Password+":x", c.Password)
			checkErr("BasicCredentials with a colon in the user-id", err)
			_, err = authz.BearerCredentials(c.Token)
			checkErr("BearerCredentials", err)
			_, err = authz.DPoPCredentials(c.Token)
			checkErr("DPoPCredentials", err)
			_, err = authz.Digest{Username: "u", URI: "/", Nonce: "n", Response: c.Token}.Credentials()
			checkErr("Digest.Credentials", err)
			_, err = authz.Digest{Username: c.Token, URI: "/", Nonce: "n", Response: "abc"}.Credentials()
			checkErr("Digest.Credentials username", err)
			bad := authz.Credentials{Scheme: "Bearer", Token68: c.Token}
			_, err = authz.AppendWire(bad, nil)
			checkErr("Credentials.AppendText", err)
			_, err = bad.MarshalText()
			checkErr("Credentials.MarshalText", err)
			if err != nil {
				leakCheck(&fails, "String of refused credentials", map[string]string{"String": bad.String()}, c.Secrets)
			}
			checkCreds("refused credentials", bad)
			return gopter.NewPropResult(len(fails) == 0, strings.Join(fails, "\n"))
		},
		leakGen,
	))
	properties.TestingRun(t)
}

// leakSlog returns what log/slog writes of c, text and JSON.
func leakSlog(c authz.Credentials) string {
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "c", c, slog.Any("p", &c))
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "c", c, slog.Any("p", &c), "list", []authz.Credentials{c})
	return buf.String()
}

// TestLeakMethodSet: every exported method of Credentials and Digest is
// classified, and only WireForm returns the secret.
func TestLeakMethodSet(t *testing.T) {
	const secret = "S3cr3t-token-4f1e2d3c4b5a"
	c := authz.Credentials{Scheme: "Bearer", Token68: secret}
	d := authz.Digest{Username: secret + "u", Realm: "r", URI: "/" + secret, Nonce: secret + "n", NC: 1,
		CNonce: secret + "c", QOP: "auth", Response: "0123" + secret, Opaque: secret + "o"}
	kinds := map[string]string{
		// The wire form: the secret, by design and by name.
		"WireForm": "wire",
		// Parameter values, by name: by design (a verifier needs the
		// Digest response).
		"Param": "lookup",
		// Safe: every implicit rendering.
		"Is": "safe", "Redacted": "safe", "LogValue": "safe", "Format": "safe", "String": "safe",
		"MarshalText": "safe", "RedactedParams": "safe", "Credentials": "safe",
	}
	for _, recv := range []reflect.Value{reflect.ValueOf(c), reflect.ValueOf(&c), reflect.ValueOf(d), reflect.ValueOf(&d)} {
		typ := recv.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			kind, ok := kinds[m.Name]
			if !ok {
				t.Errorf("method %s of %v is not classified: add it to kinds, and check that it does not show the secret", m.Name, typ)
				continue
			}
			if kind != "safe" || m.Type.NumIn() != 1 {
				continue // the wire form, lookups, and methods that take arguments (checked below)
			}
			for _, res := range m.Func.Call([]reflect.Value{recv}) {
				if s := fmt.Sprint(res.Interface()); strings.Contains(s, secret) {
					t.Errorf("%v.%s returns the secret: %q", typ, m.Name, s)
				}
			}
		}
	}
	for what, v := range map[string]any{"Credentials": c, "Digest": d} {
		if s := fmt.Sprintf("%v %+v %#v %s %q %x %X %d", v, v, v, v, v, v, v, v); strings.Contains(s, secret) {
			t.Errorf("Format of %s shows the secret: %q", what, s)
		}
	}
	if !c.Is("bearer") || c.Is(secret) {
		t.Error("Is")
	}
	if s, err := c.WireForm(); err != nil || s != "Bearer "+secret {
		t.Errorf("WireForm = %q, %v; want the wire form", s, err)
	}
	h := http.Header{}
	if err := authz.Set(h, c); err != nil || h.Get("Authorization") != "Bearer "+secret {
		t.Errorf("Set wrote %q, %v; want the wire form", h.Get("Authorization"), err)
	}
	if err := authz.SetProxy(h, c); err != nil || h.Get("Proxy-Authorization") != "Bearer "+secret {
		t.Errorf("SetProxy wrote %q, %v; want the wire form", h.Get("Proxy-Authorization"), err)
	}
}

// TestLeakDocs: the documentation says which methods give the wire form,
// and that it is the secret.
func TestLeakDocs(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/httpauth-go/httpauth/authz")
	if err != nil {
		t.Fatal(err)
	}
	var typ *doc.Type
	for _, ty := range p.Types {
		if ty.Name == "Credentials" {
			typ = ty
		}
	}
	if typ == nil {
		t.Fatal("no type Credentials")
	}
	for _, want := range []string{"[Credentials.WireForm]", "[Set]", "[SetProxy]", "redacted", "unexported field"} {
		if !strings.Contains(typ.Doc, want) {
			t.Errorf("the doc of Credentials does not say %q:\n%s", want, typ.Doc)
		}
	}
	methods := map[string]string{}
	for _, m := range typ.Methods {
		methods[m.Name] = m.Doc
	}
	for name, words := range map[string][]string{
		"WireForm":    {"wire form", "secret"},
		"String":      {"[Credentials.Redacted]", "never the secret"},
		"MarshalText": {"[Credentials.Redacted]", "never the secret"},
		"Redacted":    {"[redacted]"},
	} {
		for _, w := range words {
			if !strings.Contains(methods[name], w) {
				t.Errorf("the doc of Credentials.%s does not say %q:\n%s", name, w, methods[name])
			}
		}
	}
}

// TestLeakDigestParamNames: ParseDigest says its errors never hold any byte
// of the credentials, and Redacted hides the names of unknown parameters
// (a malformed token can look like one: `Bearer SECRET=x`). But a repeated
// unknown name in hand-built credentials is named in the error (parsed
// credentials never repeat a name: the parser refuses or drops it).
// ParseDigest names such a parameter by its index instead.
func TestLeakDigestParamNames(t *testing.T) {
	const secret = "S3cr3tLooksLikeAName"
	c := authz.Credentials{Scheme: "Digest", Params: []authz.Param{{Name: secret, Value: "1"}, {Name: strings.ToLower(secret), Value: "2"}}}
	_, err := authz.ParseDigest(c)
	if err == nil {
		t.Fatal("ParseDigest accepts a repeated name")
	}
	for how, s := range leakRenderErr(err) {
		if strings.Contains(strings.ToLower(s), strings.ToLower(secret)) {
			t.Errorf("the error, printed as %s, names the parameter: %q", how, s)
		}
	}
}

// leakRenderings returns every implicit rendering of c a program may
// produce: String, fmt's verbs, encoding/json, encoding/xml (as an element
// and inside a struct), MarshalText, and log/slog.
func leakRenderings(c authz.Credentials) map[string]string {
	js, _ := json.Marshal(struct {
		C    authz.Credentials
		P    *authz.Credentials
		List []authz.Credentials
		Map  map[string]authz.Credentials
	}{c, &c, []authz.Credentials{c}, map[string]authz.Credentials{"k": c}})
	xs, _ := xml.Marshal(struct {
		C    authz.Credentials
		Attr authz.Credentials `xml:"attr,attr"`
	}{c, c})
	mt, _ := c.MarshalText()
	return map[string]string{
		"String": c.String(), "Redacted": c.Redacted(), "RedactedParams": fmt.Sprint(c.RedactedParams()),
		"%v": fmt.Sprintf("%v", c), "%+v": fmt.Sprintf("%+v", c), "%#v": fmt.Sprintf("%#v", c),
		"%s": fmt.Sprintf("%s", c), "%q": fmt.Sprintf("%q", c), "%x": fmt.Sprintf("%x", c), "%X": fmt.Sprintf("%X", c),
		"%v of a pointer": fmt.Sprintf("%v", &c), "%+v of an exported field": fmt.Sprintf("%+v", struct{ C authz.Credentials }{c}),
		"%v of a slice": fmt.Sprintf("%v", []authz.Credentials{c}),
		"json":          string(js), "xml": string(xs), "MarshalText": string(mt),
		"slog": leakSlog(c),
	}
}

// TestLeakUnexportedField pins the one leak the Credentials doc warns of:
// fmt prints an unexported field through reflection, without calling its
// Format method, so the secret shows. If this test fails, Go has changed
// and the doc's warning can go.
func TestLeakUnexportedField(t *testing.T) {
	const secret = "S3cr3t-in-an-unexported-field"
	type holder struct{ c authz.Credentials }
	s := fmt.Sprintf("%v", holder{authz.Credentials{Scheme: "Bearer", Token68: secret}})
	if !strings.Contains(s, secret) {
		t.Errorf("fmt no longer prints unexported fields through reflection: %q; drop the warning from the Credentials doc", s)
	}
	type exported struct{ C authz.Credentials }
	if s := fmt.Sprintf("%v %+v", exported{authz.Credentials{Scheme: "Bearer", Token68: secret}}, exported{authz.Credentials{Scheme: "Bearer", Token68: secret}}); strings.Contains(s, secret) {
		t.Errorf("an exported field shows the secret: %q", s)
	}
}
