package httpauth_test

// Injection, proven: a gopter property over every builder of the module
// that writes a header field value, generic and typed, in wwwauth and
// authz, and over the challenges (and DPoP-Nonce) that resourceserver.RequireBearer
// writes. For arbitrary field values (any byte, CR, LF, NUL, other controls
// and DEL included, as well as values that are valid) each builder either
// refuses, or writes a value that holds no CR, LF, NUL, other control
// character (HTAB aside) or DEL, and that parses back to what it was given.
// A refusal never writes anything: String-like methods describe the problem
// without any byte of the value.
//
// Every identifier here starts with "inj".

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/testkit"
	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// injBad reports the first byte of s that no field value may hold: a
// control character other than HTAB, or DEL (RFC 9110, Section 5.5).
func injBad(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7F {
			return i
		}
	}
	return -1
}

// injBytes are the bytes a generated value is made of, weighted towards
// what breaks headers and grammars.
const (
	injTchar  = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"
	injDelims = " \t\"\\,;=:/?@()<>[]{}"
	injCTL    = "\x00\r\n\x01\x08\x0b\x0c\x1b\x1f\x7f"
)

// injValue returns an arbitrary value: valid ones (tokens, text), and ones
// with delimiters, controls, DEL and obs-text, of any length up to 24.
func injValue(r *rand.Rand) string {
	switch r.Intn(6) {
	case 0:
		return ""
	case 1:
		return injString(r, injTchar, 1, 12)
	case 2:
		return injString(r, injTchar+injDelims, 1, 16)
	case 3:
		// Valid, but for one injected control, line break or DEL.
		s := []byte(injString(r, injTchar+" ", 2, 16))
		s[r.Intn(len(s))] = injCTL[r.Intn(len(injCTL))]
		return string(s)
	case 4:
		return "x\r\nSet-Cookie: a=b"
	}
	b := make([]byte, r.Intn(24))
	for i := range b {
		switch r.Intn(5) {
		case 0:
			b[i] = injCTL[r.Intn(len(injCTL))]
		case 1:
			b[i] = byte(0x80 + r.Intn(0x80)) // obs-text
		case 2:
			b[i] = injDelims[r.Intn(len(injDelims))]
		default:
			b[i] = injTchar[r.Intn(len(injTchar))]
		}
	}
	return string(b)
}

func injString(r *rand.Rand, alphabet string, min, max int) string {
	b := make([]byte, min+r.Intn(max-min+1))
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// injList returns zero to three values.
func injList(r *rand.Rand, value func(*rand.Rand) string) []string {
	n := r.Intn(4)
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = value(r)
	}
	return l
}

// injScopeToken is a scope-token (%x21 / %x23-5B / %x5D-7E) most of the
// time, and an arbitrary value otherwise.
func injScopeToken(r *rand.Rand) string {
	if r.Intn(4) == 0 {
		return injValue(r)
	}
	return injString(r, injTchar+":/?@[]{}()<>;,=", 1, 12)
}

// injURL is a URL a client may fetch most of the time, and an arbitrary
// value otherwise.
func injURL(r *rand.Rand) string {
	if r.Intn(4) == 0 {
		return injValue(r)
	}
	u := []string{"https://mcp.example.com", "http://localhost:8080", "https://[::1]"}[r.Intn(3)] + "/" + injString(r, "abc/._~-", 0, 12)
	if r.Intn(3) == 0 {
		u += injValue(r) // whatever follows
	}
	return u
}

// injParams returns zero to three parameters with arbitrary names (tokens
// most of the time) and values.
func injParams(r *rand.Rand) []wwwauth.Param {
	n := r.Intn(4)
	if n == 0 {
		return nil
	}
	ps := make([]wwwauth.Param, n)
	for i := range ps {
		name := injString(r, injTchar, 1, 8)
		if r.Intn(5) == 0 {
			name = injValue(r)
		}
		ps[i] = wwwauth.Param{Name: name, Value: injValue(r)}
	}
	return ps
}

// injCase is the input of every builder: arbitrary strings in every field.
type injCase struct {
	Scheme, Token68 string
	Params          []wwwauth.Param
	Strings         []string // for the typed models' fields, in order
	Lists           [][]string
	Flag            bool
	Number          int
	// Mask says which fields of the typed models take their arbitrary
	// value from Strings or Lists (bit i for index i); the others keep a
	// valid one, so that the models are accepted often enough.
	Mask uint32
}

// str returns c.Strings[i] if bit i of c.Mask is set, and valid otherwise.
func (c injCase) str(i int, valid string) string {
	if c.Mask&(1<<i) != 0 {
		return c.Strings[i]
	}
	return valid
}

// list returns c.Lists[i] if bit 16+i of c.Mask is set, and valid
// otherwise.
func (c injCase) list(i int, valid []string) []string {
	if c.Mask&(1<<(16+i)) != 0 {
		return c.Lists[i]
	}
	return valid
}

func (c injCase) String() string { return fmt.Sprintf("%#v", c) }

func injGen(gp *gopter.GenParameters) *gopter.GenResult {
	r := gp.Rng
	c := injCase{
		Scheme: []string{"Basic", "Bearer", "Digest", "DPoP", "Newauth", "OAuth"}[r.Intn(6)],
		Params: injParams(r),
		Flag:   r.Intn(2) == 0,
		Number: r.Intn(1 << 20),
	}
	if r.Intn(5) == 0 {
		c.Scheme = injValue(r)
	}
	if r.Intn(3) == 0 {
		c.Token68 = injString(r, "abcXYZ019-._~+/", 1, 16) + strings.Repeat("=", r.Intn(3))
		if r.Intn(3) == 0 {
			c.Token68 = injValue(r)
		}
	}
	for i := 0; i < 12; i++ {
		c.Strings = append(c.Strings, injValue(r))
	}
	// error_uri and resource_metadata: URLs, valid or not.
	c.Strings[3], c.Strings[4] = injURL(r), injURL(r)
	for i := 0; i < 4; i++ {
		c.Lists = append(c.Lists, injList(r, injScopeToken))
	}
	for i := 0; i < 32; i++ {
		if r.Intn(8) == 0 {
			c.Mask |= 1 << i
		}
	}
	return gopter.NewGenResult(c, gopter.NoShrinker)
}

// injReport collects failures and counts refusals and acceptances per
// builder, so that the test can check that both happen.
type injReport struct {
	fails []string
	seen  map[string][2]int // builder -> [refused, accepted]
}

func (r *injReport) failf(format string, args ...any) {
	r.fails = append(r.fails, fmt.Sprintf(format, args...))
}

func (r *injReport) count(builder string, err error) {
	n := r.seen[builder]
	if err != nil {
		n[0]++
	} else {
		n[1]++
	}
	r.seen[builder] = n
}

// wire checks an accepted output: no byte a field value may not hold.
func (r *injReport) wire(builder, out string) {
	if i := injBad(out); i >= 0 {
		r.failf("%s wrote %q, with byte %#x at %d", builder, out, out[i], i)
	}
}

// refused checks what a String-like method returned for a refused value:
// a description that starts with prefix and holds no bad byte.
func (r *injReport) refused(builder, s, prefix string) {
	if !strings.HasPrefix(s, prefix) || injBad(s) >= 0 {
		r.failf("%s of a refused value = %q, want a description starting with %q and no control byte", builder, s, prefix)
	}
}

func (r *injReport) same(builder string, want, got any) {
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		r.failf("%s does not parse back (-given +parsed):\n%s", builder, d)
	}
}

func (r *injReport) result() *gopter.PropResult {
	return gopter.NewPropResult(len(r.fails) == 0, strings.Join(r.fails, "\n"))
}

// injGeneric checks the builders of generic challenges, lists, parameter
// lists and credentials.
func injGeneric(rep *injReport, c injCase) {
	ch := wwwauth.Challenge{Scheme: c.Scheme, Token68: c.Token68, Params: c.Params}
	b, err := ch.AppendText([]byte("prefix"))
	rep.count("Challenge.AppendText", err)
	if err != nil {
		if string(b) != "prefix" {
			rep.failf("Challenge.AppendText refused %v but wrote %q", ch, b)
		}
		rep.refused("Challenge.String", ch.String(), "!invalid challenge: ")
		if m, err := ch.MarshalText(); err == nil || len(m) != 0 {
			rep.failf("Challenge.MarshalText = %q, %v after AppendText refused", m, err)
		}
	} else {
		out := string(b[len("prefix"):])
		rep.wire("Challenge.AppendText", out)
		if s := ch.String(); s != out {
			rep.failf("Challenge.String = %q, AppendText wrote %q", s, out)
		}
		if m, err := ch.MarshalText(); err != nil || string(m) != out {
			rep.failf("Challenge.MarshalText = %q, %v; AppendText wrote %q", m, err, out)
		}
		cs, err := wwwauth.ParseString(out)
		if err != nil {
			rep.failf("ParseString(%q): %v", out, err)
		} else {
			rep.same("Challenge.AppendText", []wwwauth.Challenge{ch}, cs)
		}
	}

	// A list of two, in one line and in one line per challenge.
	list := []wwwauth.Challenge{ch, {Scheme: "Basic", Params: []wwwauth.Param{{Name: "realm", Value: c.Strings[0]}}}}
	s, err := wwwauth.Format(list...)
	rep.count("Format", err)
	if err == nil {
		rep.wire("Format", s)
		cs, perr := wwwauth.ParseString(s)
		if perr != nil {
			rep.failf("ParseString(Format) %q: %v", s, perr)
		} else {
			rep.same("Format", list, cs)
		}
	} else if s != "" {
		rep.failf("Format refused but returned %q", s)
	}
	for _, set := range []struct {
		name  string
		f     func(http.Header, ...wwwauth.Challenge) error
		field string
	}{{"Set", wwwauth.Set, "Www-Authenticate"}, {"SetProxy", wwwauth.SetProxy, "Proxy-Authenticate"}} {
		h := http.Header{set.field: {"old"}}
		err := set.f(h, list...)
		rep.count(set.name, err)
		if err != nil {
			if len(h) != 1 || h.Get(set.field) != "old" {
				rep.failf("%s refused but changed the header: %q", set.name, h)
			}
			continue
		}
		for _, v := range h.Values(set.field) {
			rep.wire(set.name, v)
		}
		cs, perr := wwwauth.ParseLines(h.Values(set.field))
		if perr != nil {
			rep.failf("Parse after %s %q: %v", set.name, h, perr)
		} else {
			rep.same(set.name, list, cs)
		}
	}

	// Authentication-Info.
	h := http.Header{"Authentication-Info": {"old"}}
	err = wwwauth.SetInfo(h, c.Params...)
	rep.count("SetInfo", err)
	if err != nil {
		if len(h) != 1 || h.Get("Authentication-Info") != "old" {
			rep.failf("SetInfo refused but changed the header: %q", h)
		}
	} else {
		out := h.Get("Authentication-Info")
		rep.wire("SetInfo", out)
		ps, perr := wwwauth.ParseInfo([]string{out})
		if perr != nil {
			rep.failf("ParseInfo(%q): %v", out, perr)
		} else {
			rep.same("SetInfo", c.Params, ps)
		}
		if err := wwwauth.SetProxyInfo(h, c.Params...); err != nil || h.Get("Proxy-Authentication-Info") != out {
			rep.failf("SetProxyInfo = %q, %v; SetInfo wrote %q", h.Get("Proxy-Authentication-Info"), err, out)
		}
	}

	// Credentials: the same value as credentials.
	cr := authz.Credentials{Scheme: c.Scheme, Token68: c.Token68, Params: c.Params}
	out, err := cr.WireForm()
	rep.count("Credentials.WireForm", err)
	if err != nil {
		if out != "" {
			rep.failf("Credentials.WireForm refused but returned %q", out)
		}
		ah := http.Header{"Authorization": {"old"}}
		if authz.Set(ah, cr) == nil || ah.Get("Authorization") != "old" {
			rep.failf("authz.Set wrote credentials WireForm refuses, or changed the header: %q", ah)
		}
	} else {
		rep.wire("Credentials.WireForm", out)
		ah := http.Header{}
		if err := authz.Set(ah, cr); err != nil || ah.Get("Authorization") != out {
			rep.failf("authz.Set wrote %q, %v; WireForm gave %q", ah.Get("Authorization"), err, out)
		}
		if err := authz.SetProxy(ah, cr); err != nil || ah.Get("Proxy-Authorization") != out {
			rep.failf("authz.SetProxy wrote %q, %v; WireForm gave %q", ah.Get("Proxy-Authorization"), err, out)
		}
		back, perr := authz.ParseString(out)
		if perr != nil {
			rep.failf("authz.ParseString(%q): %v", out, perr)
		} else {
			rep.same("Credentials.WireForm", injPlain(cr), injPlain(back))
		}
	}

	// RFC 8187 ext-values.
	ev, err := httpauth.EncodeExtValue(c.Strings[1])
	rep.count("EncodeExtValue", err)
	if err == nil {
		rep.wire("EncodeExtValue", ev)
		if dec, derr := httpauth.DecodeExtValue(ev); derr != nil || dec != c.Strings[1] {
			rep.failf("DecodeExtValue(EncodeExtValue(%q)) = %q, %v", c.Strings[1], dec, derr)
		}
	}
}

// injPlain is Credentials without their methods, so that cmp shows them.
type injPlainCredentials struct {
	Scheme, Token68 string
	Params          []wwwauth.Param
}

func injPlain(c authz.Credentials) injPlainCredentials {
	return injPlainCredentials{c.Scheme, c.Token68, c.Params}
}

// injTyped checks the typed challenge models of wwwauth: each refuses, or
// writes a challenge that its Parse function reads back to the model.
func injTyped(rep *injReport, c injCase) {
	maxAge := &c.Number
	if !c.Flag {
		maxAge = nil
	}
	other := c.Params
	if c.Mask&(1<<31) == 0 {
		other = nil
	}
	rm := "https://mcp.example.com/.well-known/oauth-protected-resource"
	models := []struct {
		name  string
		model interface {
			Challenge() (wwwauth.Challenge, error)
		}
		parse func(wwwauth.Challenge) (any, error)
	}{
		{"Bearer", wwwauth.Bearer{Realm: c.str(0, "api"), Scope: c.list(0, []string{"mcp:read"}), Error: wwwauth.ErrorCode(c.str(1, "invalid_token")),
			ErrorDescription: c.str(2, "expired"), ErrorURI: c.str(3, ""), ResourceMetadata: c.str(4, rm), MaxAge: maxAge,
			ACRValues: c.list(1, nil), Other: other},
			func(ch wwwauth.Challenge) (any, error) { return wwwauth.ParseBearer(ch) }},
		{"DPoP", wwwauth.DPoP{Realm: c.str(0, ""), Scope: c.list(0, nil), Error: wwwauth.ErrorCode(c.str(1, "")), ErrorDescription: c.str(2, ""),
			ErrorURI: c.str(3, "https://example.com/e"), Algs: c.list(2, []string{"ES256"}), ResourceMetadata: c.str(4, ""), Other: other},
			func(ch wwwauth.Challenge) (any, error) { return wwwauth.ParseDPoP(ch) }},
		{"Basic", wwwauth.Basic{Realm: c.str(5, "Restricted"), Charset: c.str(6, []string{"", "UTF-8", "utf-8"}[c.Number%3]), Other: other},
			func(ch wwwauth.Challenge) (any, error) { return wwwauth.ParseBasic(ch) }},
		{"Digest", wwwauth.Digest{Realm: c.str(5, "api@example.org"), Domain: c.list(3, []string{"/api"}), Nonce: c.str(7, "n0nce"),
			Opaque: c.str(8, ""), Stale: c.Flag, Algorithm: c.str(9, "SHA-256"), QOP: c.list(2, []string{"auth"}),
			Charset: c.str(6, ""), Userhash: c.Number%2 == 0, Other: other},
			func(ch wwwauth.Challenge) (any, error) { return wwwauth.ParseDigest(ch) }},
	}
	for _, m := range models {
		ch, err := m.model.Challenge()
		rep.count(m.name+".Challenge", err)
		if err != nil {
			var fe *httpauth.FormatError
			if !errors.As(err, &fe) {
				rep.failf("%s.Challenge error %v (%T) is not a *FormatError", m.name, err, err)
			}
			continue
		}
		out := ch.String()
		rep.wire(m.name+".Challenge().String", out)
		cs, perr := wwwauth.ParseString(out)
		if perr != nil || len(cs) != 1 {
			rep.failf("ParseString(%s.Challenge().String() = %q) = %v, %v", m.name, out, cs, perr)
			continue
		}
		rep.same(m.name+".Challenge", ch, cs[0])
		back, perr := m.parse(cs[0])
		if perr != nil {
			rep.failf("Parse%s(%q): %v", m.name, out, perr)
			continue
		}
		rep.same(m.name, m.model, back)
	}
}

// injCredentials checks the credential builders of authz.
func injCredentials(rep *injReport, c injCase) {
	s := c.Strings
	c1, err := authz.BasicCredentials(s[0], s[1])
	rep.count("BasicCredentials", err)
	if err == nil {
		out, _ := c1.WireForm()
		rep.wire("BasicCredentials", out)
		back, perr := authz.ParseString(out)
		u, p, berr := authz.ParseBasic(back)
		if perr != nil || berr != nil || u != s[0] || p != s[1] {
			rep.failf("ParseBasic(ParseString(%q)) = %q, %q, %v, %v; want %q, %q", out, u, p, perr, berr, s[0], s[1])
		}
	}
	for _, tb := range []struct {
		name  string
		build func(string) (authz.Credentials, error)
		parse func(authz.Credentials) (string, error)
	}{
		{"BearerCredentials", authz.BearerCredentials, authz.ParseBearer},
		{"DPoPCredentials", authz.DPoPCredentials, authz.ParseDPoP},
	} {
		tok := c.Token68
		if tok == "" {
			tok = s[2]
		}
		cr, err := tb.build(tok)
		rep.count(tb.name, err)
		if err != nil {
			continue
		}
		out, _ := cr.WireForm()
		rep.wire(tb.name, out)
		back, perr := authz.ParseString(out)
		got, terr := tb.parse(back)
		if perr != nil || terr != nil || got != tok {
			rep.failf("%s: parse of %q = %q, %v, %v; want %q", tb.name, out, got, perr, terr, tok)
		}
	}
	d := authz.Digest{Username: c.str(3, "Mufasa"), Realm: c.str(4, "api"), URI: c.str(5, "/dir/index.html"), Algorithm: c.str(6, "MD5"),
		Nonce: c.str(7, "n0nce"), NC: uint32(c.Number), CNonce: c.str(8, "c"), QOP: c.str(9, "auth"),
		Response: c.str(10, "8ca523f5e9506fed4657c9700eebdbec"), Opaque: c.str(11, ""), Userhash: c.Flag && c.Number%3 == 0}
	if c.Mask&(1<<31) != 0 {
		d.Other = c.Params
	}
	cr, err := d.Credentials()
	rep.count("Digest.Credentials", err)
	if err != nil {
		return
	}
	out, err := cr.WireForm()
	if err != nil {
		rep.failf("WireForm of Digest.Credentials: %v", err)
		return
	}
	rep.wire("Digest.Credentials", out)
	back, perr := authz.ParseString(out)
	if perr != nil {
		rep.failf("ParseString(Digest.Credentials %q): %v", out, perr)
		return
	}
	got, derr := authz.ParseDigest(back)
	if derr != nil {
		rep.failf("ParseDigest(%q): %v", out, derr)
		return
	}
	rep.same("Digest.Credentials", d, got)
}

// injProof is a DPoP proof whose JOSE header the middleware accepts.
var injProof = func() string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC"}}`)) + "." + enc([]byte(`{}`)) + ".c2ln"
}()

// injMiddleware checks the header fields RequireBearer writes, for options,
// error descriptions, scopes and nonces built from c.
func injMiddleware(rep *injReport, c injCase) {
	s := c.Strings
	opts := resourceserver.Options{Realm: c.str(0, "mcp"), Scopes: c.list(0, []string{"mcp:read"}),
		ResourceMetadata: c.str(4, "https://mcp.example.com/.well-known/oauth-protected-resource")}
	if c.Flag {
		opts.DPoP = &resourceserver.DPoPOptions{Algs: c.list(2, []string{"ES256", "EdDSA"}), VerifyProof: func(r *http.Request, proof string, header resourceserver.JOSEHeader, token string, info resourceserver.TokenInfo) error {
			return &resourceserver.DPoPNonceError{Nonce: s[3]}
		}}
	}
	var logs bytes.Buffer
	opts.ErrorLog = slog.New(slog.NewTextHandler(&logs, nil))
	verify := func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		switch token {
		case "described":
			return resourceserver.TokenInfo{}, &resourceserver.TokenError{Description: s[1]}
		case "dpop":
			return resourceserver.TokenInfo{DPoPThumbprint: "jkt"}, nil
		}
		return resourceserver.TokenInfo{}, nil
	}
	// RequireBearer refuses invalid options by panicking at construction.
	var verr error
	var mw func(http.Handler) http.Handler
	func() {
		defer func() {
			if p := recover(); p != nil {
				verr = fmt.Errorf("RequireBearer panicked: %v", p)
			}
		}()
		mw = resourceserver.RequireBearer(verify, opts)
	}()
	rep.count("resourceserver.Options", verr)
	if verr != nil {
		return
	}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if resourceserver.RequireScopes(w, r, c.list(1, []string{"mcp:write"})...) {
			w.WriteHeader(http.StatusNoContent)
		}
	})
	h := mw(next)
	type request struct {
		name  string
		authz []string
		dpop  bool
		codes []wwwauth.ErrorCode // the error codes the answer may carry
	}
	requests := []request{
		{"no credentials", nil, false, nil},
		{"described", []string{"Bearer described"}, false, []wwwauth.ErrorCode{wwwauth.CodeInvalidToken}},
		{"scopes", []string{"Bearer ok"}, false, []wwwauth.ErrorCode{wwwauth.CodeInsufficientScope}},
		{"malformed", []string{"Bearer a b"}, false, []wwwauth.ErrorCode{wwwauth.CodeInvalidRequest}},
	}
	if c.Flag {
		// The proof's alg may not be among the configured Algs.
		requests = append(requests, request{"nonce", []string{"DPoP dpop"}, true,
			[]wwwauth.ErrorCode{wwwauth.CodeUseDPoPNonce, wwwauth.CodeInvalidDPoPProof}})
	}
	for _, rq := range requests {
		req := httptest.NewRequest("GET", "/mcp", nil)
		req.Header["Authorization"] = rq.authz
		if rq.dpop {
			req.Header.Set("DPoP", injProof)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		for name, vs := range w.Header() {
			for _, v := range vs {
				rep.wire("RequireBearer "+rq.name+" "+name, v)
			}
		}
		if i := injBad(strings.TrimSuffix(w.Body.String(), "\n")); i >= 0 {
			rep.failf("RequireBearer %s: body %q has a control byte", rq.name, w.Body.String())
		}
		lines := w.Header().Values("Www-Authenticate")
		if len(lines) == 0 {
			continue // 204, or 500 for a failure
		}
		cs, err := wwwauth.ParseLines(lines)
		if err != nil {
			rep.failf("RequireBearer %s: WWW-Authenticate %q does not parse: %v", rq.name, lines, err)
			continue
		}
		for _, ch := range cs {
			var realm, rm string
			var code wwwauth.ErrorCode
			var desc string
			switch {
			case ch.Is("Bearer"):
				b, err := wwwauth.ParseBearer(ch)
				if err != nil {
					rep.failf("RequireBearer %s: %q: %v", rq.name, lines, err)
					continue
				}
				realm, rm, code, desc = b.Realm, b.ResourceMetadata, b.Error, b.ErrorDescription
			case ch.Is("DPoP"):
				d, err := wwwauth.ParseDPoP(ch)
				if err != nil {
					rep.failf("RequireBearer %s: %q: %v", rq.name, lines, err)
					continue
				}
				realm, rm, code, desc = d.Realm, d.ResourceMetadata, d.Error, d.ErrorDescription
				rep.same("RequireBearer DPoP algs", opts.DPoP.Algs, d.Algs)
			default:
				rep.failf("RequireBearer %s: unexpected challenge %v", rq.name, ch)
				continue
			}
			if realm != opts.Realm || rm != opts.ResourceMetadata {
				rep.failf("RequireBearer %s: realm %q, resource_metadata %q; configured %q, %q", rq.name, realm, rm, opts.Realm, opts.ResourceMetadata)
			}
			if code != "" && !slices.Contains(rq.codes, code) {
				rep.failf("RequireBearer %s: error=%q, want one of %q", rq.name, code, rq.codes)
			}
			if desc != "" && desc != s[1] {
				rep.failf("RequireBearer %s: error_description=%q, not the verifier's %q", rq.name, desc, s[1])
			}
		}
		if n := w.Header().Get("Dpop-Nonce"); n != "" && n != s[3] {
			rep.failf("RequireBearer %s: DPoP-Nonce %q, not the verifier's %q", rq.name, n, s[3])
		}
	}
	if i := injBad(strings.ReplaceAll(logs.String(), "\n", "")); i >= 0 {
		rep.failf("RequireBearer logged a control byte: %q", logs.String())
	}
}

func TestInjection(t *testing.T) {
	seen := map[string][2]int{}
	params := testkit.Parameters(t, 20000)
	params.MinSuccessfulTests /= 4
	properties := gopter.NewProperties(params)
	properties.Property("every builder refuses, or writes no control byte and parses back", prop.ForAll(
		func(c injCase) *gopter.PropResult {
			rep := injReport{seen: seen}
			injGeneric(&rep, c)
			injTyped(&rep, c)
			injCredentials(&rep, c)
			injMiddleware(&rep, c)
			return rep.result()
		}, injGen))
	properties.TestingRun(t)
	// Both outcomes must happen for every builder, or the property
	// proves less than it says.
	for builder, n := range seen {
		t.Logf("%-24s refused %5d, accepted %5d", builder, n[0], n[1])
		if n[0] == 0 || n[1] == 0 {
			t.Errorf("%s: refused %d and accepted %d values; the generator must reach both", builder, n[0], n[1])
		}
	}
}
