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
	"errors"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
)

const leakB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/"

func leakRand(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// leakSecret is a secret long and random enough that finding it anywhere
// means it leaked: a b64token of 24 to 40 characters.
func leakSecret(r *rand.Rand) string {
	return "S3" + leakRand(r, leakB64, 22+r.Intn(17))
}

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
	var re *authz.RecoveryError
	if errors.As(err, &re) {
		for i, r := range re.Recoveries {
			out[fmt.Sprintf("recovery %d", i)] = r.String() + " " + r.Assumed + " " + r.Err.Error()
		}
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
	s, t := leakSecret(r), leakSecret(r)
	shape := leakShapes[r.Intn(len(leakShapes))]
	c := leakCase{Kind: shape.kind, Lines: shape.f(s, t), Secrets: []string{s, t}}
	// Basic: the blob and the password are secrets; the blob is valid
	// or not, and the password may be one RFC 7617 refuses.
	user := leakRand(r, "abcdefghij", 1+r.Intn(8))
	c.User = user
	c.Password = leakSecret(r) + []string{"", "\x01", "\xff", "\r\n", ":"}[r.Intn(5)]
	c.Token = leakSecret(r) + []string{"", " ", "!", "\r\n", "\x00"}[r.Intn(5)]
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
				leakCheck(&fails, what, map[string]string{
					"Redacted": cr.Redacted(), "RedactedParams": fmt.Sprint(cr.RedactedParams()),
					"%v": fmt.Sprintf("%v", cr), "%+v": fmt.Sprintf("%+v", cr),
					"%#v": fmt.Sprintf("%#v", cr), "%s": fmt.Sprintf("%s", cr), "%q": fmt.Sprintf("%q", cr),
					"slog": leakSlog(cr),
				}, c.Secrets)
			}
			for _, lenient := range []bool{false, true} {
				p := &authz.Parser{Lenient: lenient}
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
			var u authz.Credentials
			checkErr("UnmarshalText", u.UnmarshalText([]byte(c.Lines[0])))
			checkErr("DPoPProof", leakDPoPProof(c.Lines[0]))

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
			_, err = bad.AppendText(nil)
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

// leakDPoPProof returns the error of DPoPProof for a DPoP header of v.
func leakDPoPProof(v string) error {
	_, err := authz.DPoPProof(http.Header{"Dpop": {v}})
	return err
}

// TestLeakMiddleware: whatever the verifiers return, the token and the
// proof appear in no byte of the response and no log line.
func TestLeakMiddleware(t *testing.T) {
	properties := gopter.NewProperties(testkit.Parameters(t, 1000))
	proofOf := func(sig string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"}}`)) + "." + enc([]byte(`{"jti":"`+sig+`"}`)) + "." + sig
	}
	type mwCase struct {
		Token, Sig string
		Verify     int // which failure the token verifier returns
		Proof      int // which failure the proof verifier returns
		DPoP       bool
		InQuery    bool
	}
	gen := func(gp *gopter.GenParameters) *gopter.GenResult {
		r := gp.Rng
		return gopter.NewGenResult(mwCase{Token: leakSecret(r), Sig: leakRand(r, "abcdefghijklmnopqrstuvwxyz0123456789-_", 30),
			Verify: r.Intn(9), Proof: r.Intn(7), DPoP: r.Intn(2) == 0, InQuery: r.Intn(3) == 0}, gopter.NoShrinker)
	}
	properties.Property("RequireBearer writes and logs neither the token nor the proof", prop.ForAll(
		func(c mwCase) *gopter.PropResult {
			proof := proofOf(c.Sig)
			secrets := []string{c.Token, proof, c.Sig}
			verify := func(r *http.Request, token string) (authz.TokenInfo, error) {
				info := authz.TokenInfo{Scopes: []string{"read"}}
				if c.DPoP {
					info.DPoPThumbprint = "jkt"
				}
				switch c.Verify {
				case 0:
					return info, nil
				case 1:
					return info, fmt.Errorf("introspection of %s: %w", token, io.ErrUnexpectedEOF)
				case 2:
					return info, fmt.Errorf("introspection of %q failed", token)
				case 3:
					return info, fmt.Errorf("token %s: %w", token, authz.ErrInvalidToken)
				case 4:
					return info, &authz.TokenError{Description: "token " + token + " expired"}
				case 5:
					return info, &authz.TokenError{Description: "expired", Err: fmt.Errorf("jwt %s", token)}
				case 6:
					return authz.TokenInfo{Scopes: []string{"other"}}, nil // insufficient scope
				case 7:
					return info, errors.Join(errors.New(token), errors.New(token+token))
				}
				return info, fmt.Errorf("%s%s", token[:len(token)/2], token[len(token)/2:]) // the token in two pieces
			}
			verifyProof := func(r *http.Request, p, token string, info authz.TokenInfo) error {
				switch c.Proof {
				case 0:
					return nil
				case 1:
					return fmt.Errorf("proof %s for %s: %w", p, token, authz.ErrInvalidDPoPProof)
				case 2:
					return fmt.Errorf("proof %s: %w", p, io.EOF)
				case 3:
					return &authz.DPoPNonceError{Nonce: "server-nonce-1"}
				case 4:
					return &authz.DPoPNonceError{Nonce: token} // a nonce must not be the token, but if it is...
				case 5:
					return fmt.Errorf("proof for %s: %w", token, authz.ErrInvalidToken)
				}
				return fmt.Errorf("replayed jti in %s", p)
			}
			var logs bytes.Buffer
			mw := authz.RequireBearer(verify, authz.BearerOptions{
				ResourceMetadata: "https://mcp.example.com/.well-known/oauth-protected-resource",
				Scopes:           []string{"read"},
				DPoP:             &authz.DPoPOptions{Algs: []string{"ES256"}, VerifyProof: verifyProof},
				ErrorLog:         slog.New(slog.NewJSONHandler(&logs, nil)),
			})
			h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				authz.RequireScopes(w, r, "write")
			}))
			target := "/mcp"
			if c.InQuery {
				target += "?access_token=" + c.Token
			}
			req := httptest.NewRequest("POST", target, nil)
			if c.DPoP {
				req.Header.Set("Authorization", "DPoP "+c.Token)
				req.Header.Set("DPoP", proof)
			} else {
				req.Header.Set("Authorization", "Bearer "+c.Token)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			var fails []string
			out := map[string]string{"body": w.Body.String(), "status": fmt.Sprint(w.Code), "log": logs.String()}
			for name, vs := range w.Header() {
				out["header "+name] = strings.Join(vs, "\n")
			}
			// A DPoP-Nonce is the verifier's to choose: one that is the
			// token is its own leak, not the middleware's.
			if c.Proof == 4 {
				delete(out, "header Dpop-Nonce")
			}
			for how, s := range out {
				for _, secret := range secrets {
					if strings.Contains(s, secret) {
						fails = append(fails, fmt.Sprintf("%s shows %q: %q", how, secret, s))
					}
				}
			}
			return gopter.NewPropResult(len(fails) == 0, strings.Join(fails, "\n"))
		},
		gen,
	))
	properties.TestingRun(t)
}

// TestLeakMethodSet: every exported method of Credentials is classified,
// and only the wire-form methods return the secret.
func TestLeakMethodSet(t *testing.T) {
	const secret = "S3cr3t-token-4f1e2d3c4b5a"
	c := authz.Credentials{Scheme: "Bearer", Token68: secret}
	kinds := map[string]string{
		// The wire form: the secret, by design.
		"String": "wire", "AppendText": "wire", "MarshalText": "wire", "WireForm": "wire",
		// Parameter values, by name: by design (a verifier needs the
		// Digest response).
		"Param": "lookup", "LookupParam": "lookup",
		// Safe.
		"Is": "safe", "Redacted": "safe", "MarshalJSON": "safe", "LogValue": "safe", "Format": "safe",
		"UnmarshalText": "safe", "RedactedParams": "safe",
	}
	for _, recv := range []reflect.Value{reflect.ValueOf(c), reflect.ValueOf(&c)} {
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
					t.Errorf("%s returns the secret: %q", m.Name, s)
				}
			}
		}
	}
	if s := fmt.Sprintf("%v %+v %#v %s %q %x %X %d", c, c, c, c, c, c, c, c); strings.Contains(s, secret) {
		t.Errorf("Format shows the secret: %q", s)
	}
	if !c.Is("bearer") || c.Is(secret) {
		t.Error("Is")
	}
	for _, wire := range []func() (string, error){
		func() (string, error) { return c.String(), nil },
		func() (string, error) { b, err := c.AppendText(nil); return string(b), err },
		func() (string, error) { b, err := c.MarshalText(); return string(b), err },
	} {
		if s, err := wire(); err != nil || s != "Bearer "+secret {
			t.Errorf("a wire-form method gives %q, %v; want the wire form", s, err)
		}
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
	for _, want := range []string{"[Credentials.String]", "[Credentials.AppendText]", "[Credentials.MarshalText]", "redacted"} {
		if !strings.Contains(typ.Doc, want) {
			t.Errorf("the doc of Credentials does not say %q:\n%s", want, typ.Doc)
		}
	}
	methods := map[string]string{}
	for _, m := range typ.Methods {
		methods[m.Name] = m.Doc
	}
	for name, words := range map[string][]string{
		"String":      {"wire form", "secret"},
		"AppendText":  {"wire form", "secret"},
		"MarshalText": {"wire form"},
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
