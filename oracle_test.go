package httpauth_test

// This file holds an independent recognizer ("oracle") for the strict grammar
// of the HTTP authentication fields, for differential tests against the real
// parser (a fuzz target, a gopter property). It shares no code with the
// parser: every rule below is transcribed from the ABNF by hand, one Go
// constant per ABNF rule, and the rules are glued into RE2 expressions that
// Go's regexp package matches in time linear in the input.
//
// Go's regexp works on UTF-8 runes, while HTTP field values are octets. The
// oracle therefore decodes its input as Latin-1 first (octet b becomes rune
// U+00b), so that every character class below can be written as the octet
// ranges of the ABNF, e.g. obs-text = %x80-FF is the rune range
// \x{80}-\x{FF}. Every terminal is written as a \x{..} escape so that no
// regexp metacharacter ever needs quoting.
//
// Every expression is anchored at both ends (\A ... \z), so a match means the
// whole value derives from the rule: RE2 answers language membership, not "the
// first parse that happens to work", so the ambiguity of the grammar (a comma
// may close a parameter list or separate challenges) does not matter.

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"
)

// ---------------------------------------------------------------------------
// RFC 5234, Appendix B.1: core rules (as character-class bodies).

// ALPHA = %x41-5A / %x61-7A ; A-Z / a-z
const oracleClassALPHA = `\x{41}-\x{5A}\x{61}-\x{7A}`

// DIGIT = %x30-39 ; 0-9
const oracleClassDIGIT = `\x{30}-\x{39}`

// SP = %x20
const oracleClassSP = `\x{20}`

// HTAB = %x09
const oracleClassHTAB = `\x{09}`

// VCHAR = %x21-7E ; visible (printing) characters
const oracleClassVCHAR = `\x{21}-\x{7E}`

// DQUOTE = %x22
const oracleDQUOTE = `\x{22}`

// RFC 9110, Section 5.6.4:
//
//	obs-text = %x80-FF
const oracleClassObsText = `\x{80}-\x{FF}`

// ---------------------------------------------------------------------------
// RFC 9110, Section 5.6.3: whitespace.

// RFC 9110, Section 5.6.3:
//
//	OWS = *( SP / HTAB )
//	    ; optional whitespace
const oracleOWS = `(?:[` + oracleClassSP + oracleClassHTAB + `]*)`

// RFC 9110, Section 5.6.3:
//
//	BWS = OWS
//	    ; "bad" whitespace
const oracleBWS = oracleOWS

// ---------------------------------------------------------------------------
// RFC 9110, Section 5.6.2: tokens.

// RFC 9110, Section 5.6.2:
//
//	tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*"
//	      / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
//	      / DIGIT / ALPHA
//	      ; any VCHAR, except delimiters
const oracleTchar = `[` +
	`\x{21}` + // "!"
	`\x{23}` + // "#"
	`\x{24}` + // "$"
	`\x{25}` + // "%"
	`\x{26}` + // "&"
	`\x{27}` + // "'"
	`\x{2A}` + // "*"
	`\x{2B}` + // "+"
	`\x{2D}` + // "-"
	`\x{2E}` + // "."
	`\x{5E}` + // "^"
	`\x{5F}` + // "_"
	`\x{60}` + // "`"
	`\x{7C}` + // "|"
	`\x{7E}` + // "~"
	oracleClassDIGIT +
	oracleClassALPHA +
	`]`

// RFC 9110, Section 5.6.2:
//
//	token = 1*tchar
const oracleToken = `(?:` + oracleTchar + `+)`

// ---------------------------------------------------------------------------
// RFC 9110, Section 5.6.4: quoted strings.

// RFC 9110, Section 5.6.4:
//
//	qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
const oracleQdtext = `[` +
	oracleClassHTAB +
	oracleClassSP +
	`\x{21}` +
	`\x{23}-\x{5B}` +
	`\x{5D}-\x{7E}` +
	oracleClassObsText +
	`]`

// RFC 9110, Section 5.6.4:
//
//	quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
const oracleQuotedPair = `(?:\x{5C}[` +
	oracleClassHTAB +
	oracleClassSP +
	oracleClassVCHAR +
	oracleClassObsText +
	`])`

// RFC 9110, Section 5.6.4:
//
//	quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
const oracleQuotedString = `(?:` + oracleDQUOTE +
	`(?:` + oracleQdtext + `|` + oracleQuotedPair + `)*` +
	oracleDQUOTE + `)`

// ---------------------------------------------------------------------------
// RFC 9110, Section 5.6.1.2: the list rule, as a recipient must accept it.

// oracleList expands the ABNF list extension #element for a recipient.
//
// RFC 9110, Section 5.6.1.2:
//
//	#element => [ element ] *( OWS "," OWS [ element ] )
//
// It is a function rather than a constant because "#" is a meta-rule applied
// to another rule.
func oracleList(element string) string {
	return `(?:` +
		`(?:` + element + `)?` +
		`(?:` + oracleOWS + `\x{2C}` + oracleOWS + `(?:` + element + `)?)*` +
		`)`
}

// ---------------------------------------------------------------------------
// RFC 9110, Section 11: HTTP authentication.

// RFC 9110, Section 11.1:
//
//	auth-scheme = token
const oracleAuthScheme = oracleToken

// RFC 9110, Section 11.2:
//
//	token68 = 1*( ALPHA / DIGIT /
//	              "-" / "." / "_" / "~" / "+" / "/" ) *"="
const oracleToken68 = `(?:[` +
	oracleClassALPHA +
	oracleClassDIGIT +
	`\x{2D}` + // "-"
	`\x{2E}` + // "."
	`\x{5F}` + // "_"
	`\x{7E}` + // "~"
	`\x{2B}` + // "+"
	`\x{2F}` + // "/"
	`]+\x{3D}*)` // *"="

// RFC 9110, Section 11.2:
//
//	auth-param = token BWS "=" BWS ( token / quoted-string )
const oracleAuthParam = `(?:` + oracleToken + oracleBWS + `\x{3D}` + oracleBWS +
	`(?:` + oracleToken + `|` + oracleQuotedString + `))`

// RFC 9110, Section 11.3:
//
//	challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//
// 1*SP is SP only: unlike OWS it does not admit HTAB.
var oracleChallenge = `(?:` + oracleAuthScheme +
	`(?:[` + oracleClassSP + `]+` +
	`(?:` + oracleToken68 + `|` + oracleList(oracleAuthParam) + `))?)`

// RFC 9110, Section 11.4:
//
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
var oracleCredentialsRule = `(?:` + oracleAuthScheme +
	`(?:[` + oracleClassSP + `]+` +
	`(?:` + oracleToken68 + `|` + oracleList(oracleAuthParam) + `))?)`

// RFC 9110, Section 11.6.1 (and Section 11.7.1 for Proxy-Authenticate):
//
//	WWW-Authenticate = #challenge
//	Proxy-Authenticate = #challenge
var oracleWWWAuthenticate = oracleList(oracleChallenge)

// RFC 9110, Section 11.6.2 (and Section 11.7.2 for Proxy-Authorization):
//
//	Authorization = credentials
//	Proxy-Authorization = credentials
var oracleAuthorization = oracleCredentialsRule

// RFC 9110, Section 11.6.3 (and Section 11.7.3 for
// Proxy-Authentication-Info):
//
//	Authentication-Info = #auth-param
//	Proxy-Authentication-Info = #auth-param
var oracleAuthenticationInfo = oracleList(oracleAuthParam)

// The compiled, anchored recognizers.
var (
	oracleChallengesRE  = regexp.MustCompile(`\A` + oracleWWWAuthenticate + `\z`)
	oracleCredentialsRE = regexp.MustCompile(`\A` + oracleAuthorization + `\z`)
	oracleParamsRE      = regexp.MustCompile(`\A` + oracleAuthenticationInfo + `\z`)
)

// ---------------------------------------------------------------------------
// From field lines to one field value.

// oracleTrim removes the whitespace a field value does not include.
//
// RFC 9110, Section 5.5: "A field value does not include leading or trailing
// whitespace." The whitespace meant is that of OWS (SP / HTAB), nothing else:
// CR, LF, NUL and the like stay and make the value invalid.
func oracleTrim(line string) string {
	return strings.Trim(line, " \t")
}

// oracleCombine joins the field lines of one field into one field value.
//
// RFC 9110, Section 5.3: a recipient may combine the field lines of a field
// "by appending each subsequent field line value to the initial field line
// value in order, separated by a comma (",") and optional whitespace (OWS)
// [...]. For consistency, use comma SP." Each line is trimmed first
// (Section 5.5). An empty line thereby becomes an empty list element; no
// lines at all combine to the empty value (an empty list).
func oracleCombine(lines []string) string {
	trimmed := make([]string, len(lines))
	for i, l := range lines {
		trimmed[i] = oracleTrim(l)
	}
	return strings.Join(trimmed, ", ")
}

// oracleLatin1 maps each octet b of s to the rune rune(b), so that the
// regexps (which match runes) see the octets of s one for one, whatever they
// are: invalid UTF-8, NUL, CR, LF, DEL, 0x80-0xFF.
func oracleLatin1(s string) string {
	var b strings.Builder
	b.Grow(2 * len(s))
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// oracleChallenges reports whether lines, the field lines of one WWW-Authenticate
// (or Proxy-Authenticate) field, form a valid #challenge list.
func oracleChallenges(lines []string) bool {
	return oracleChallengesRE.MatchString(oracleLatin1(oracleCombine(lines)))
}

// oracleCredentials reports whether line is one valid Authorization (or Proxy-Authorization) field value: exactly one credentials.
func oracleCredentials(line string) bool {
	return oracleCredentialsRE.MatchString(oracleLatin1(oracleTrim(line)))
}

// oracleParams reports whether lines form a valid Authentication-Info field: #auth-param.
func oracleParams(lines []string) bool {
	return oracleParamsRE.MatchString(oracleLatin1(oracleCombine(lines)))
}

// ---------------------------------------------------------------------------
// Tests.

type oracleKind int

const (
	oracleKindChallenges  oracleKind = iota // WWW-Authenticate: #challenge
	oracleKindCredentials                   // Authorization: credentials (lines must hold exactly one line)
	oracleKindParams                        // Authentication-Info: #auth-param
)

func (k oracleKind) String() string {
	switch k {
	case oracleKindChallenges:
		return "challenges"
	case oracleKindCredentials:
		return "credentials"
	case oracleKindParams:
		return "params"
	}
	return "?"
}

type oracleCase struct {
	name  string
	kind  oracleKind
	lines []string
	want  bool
	why   string // the derivation (or why there is none), from the ABNF
}

func (c oracleCase) run() bool {
	switch c.kind {
	case oracleKindChallenges:
		return oracleChallenges(c.lines)
	case oracleKindCredentials:
		return oracleCredentials(c.lines[0])
	case oracleKindParams:
		return oracleParams(c.lines)
	}
	panic("unknown kind")
}

// Shorthands for the table.
func oracleChl(name string, want bool, why string, lines ...string) oracleCase {
	return oracleCase{name: name, kind: oracleKindChallenges, lines: lines, want: want, why: why}
}

func oracleCrd(name string, want bool, why string, line string) oracleCase {
	return oracleCase{name: name, kind: oracleKindCredentials, lines: []string{line}, want: want, why: why}
}

func oraclePrm(name string, want bool, why string, lines ...string) oracleCase {
	return oracleCase{name: name, kind: oracleKindParams, lines: lines, want: want, why: why}
}

// RFC 7616, Section 3.9.1: the two challenges (one per field line, as in the
// RFC, with the obs-fold continuation lines unfolded to SP).
const (
	oracleRFC7616ChallengeSHA256 = `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, ` +
		`nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
	oracleRFC7616ChallengeMD5 = `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, ` +
		`nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
	oracleRFC7616AuthorizationMD5 = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", ` +
		`algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, ` +
		`cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, ` +
		`response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
	oracleRFC7616AuthorizationSHA256 = `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", ` +
		`algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, ` +
		`cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, ` +
		`response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", ` +
		`opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`
)

// oracleCases is written by hand from the ABNF, not from any parser's output.
var oracleCases = []oracleCase{
	// ===================== WWW-Authenticate: #challenge =====================

	// --- RFC examples ---
	oracleChl("rfc9110/11.6.1 Newauth and Basic", true,
		"two challenges; Newauth has three params, the third a quoted-string with quoted-pairs",
		`Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`),
	oracleChl("rfc7617/2 Basic WallyWorld", true, "scheme SP auth-param", `Basic realm="WallyWorld"`),
	oracleChl("rfc7617/2.1 Basic with charset", true, "scheme SP #auth-param of two", `Basic realm="foo", charset="UTF-8"`),
	oracleChl("rfc6750/3 Bearer realm", true, "scheme SP auth-param", `Bearer realm="example"`),
	oracleChl("rfc6750/3 Bearer invalid_token", true, "scheme SP #auth-param of three",
		`Bearer realm="example", error="invalid_token", error_description="The access token expired"`),
	oracleChl("rfc6750/3.1 Bearer insufficient_scope", true, "scheme SP #auth-param",
		`Bearer realm="example", error="insufficient_scope", scope="openid profile"`),
	oracleChl("rfc7616/3.9.1 Digest SHA-256 and MD5 as two field lines", true,
		"one challenge per line; the combined value is two challenges separated by \", \"",
		oracleRFC7616ChallengeSHA256, oracleRFC7616ChallengeMD5),
	oracleChl("rfc7616/3.9.1 Digest SHA-256 and MD5 on one line", true, "same, combined by hand",
		oracleRFC7616ChallengeSHA256+", "+oracleRFC7616ChallengeMD5),

	// --- the empty list and empty elements (RFC 9110 §5.6.1.2) ---
	oracleChl("empty value", true, "#challenge may have no element at all", ""),
	oracleChl("no field lines", true, "no lines combine to the empty value: an empty list"),
	oracleChl("only whitespace", true, "trimmed (§5.5) to the empty value", " \t "),
	oracleChl("lone comma", true, "[ element ] empty, then OWS \",\" OWS [ element ] empty", ","),
	oracleChl("two commas", true, "empty elements", ",,"),
	oracleChl("commas and whitespace", true, "OWS around each comma", ", \t,  ,"),
	oracleChl("leading and trailing commas", true, "empty first and last elements", `, Basic realm="x",`),
	oracleChl("double comma between challenges", true, "an empty element between two challenges", `Basic realm="x",, Bearer`),
	oracleChl("empty element first in the param list", true,
		"scheme, 1*SP, then #auth-param = [empty] OWS \",\" OWS auth-param", `Basic , realm="x"`),
	oracleChl("no SP after scheme before comma", false,
		"the comma ends the challenge Basic, so realm=\"x\" would have to be a challenge: it has no 1*SP after a token",
		`Basic, realm="x"`),
	oracleChl("HTAB after scheme before comma", false,
		"HTAB is not 1*SP, so this is OWS before a list comma, and realm=\"x\" is no challenge", "Basic\t, realm=\"x\""),
	oracleChl("HTAB after scheme then trailing comma", true,
		"challenge Basic, OWS HTAB, comma, empty element", "Basic\t,"),
	oracleChl("SP and HTAB after scheme before the param list comma", true,
		"1*SP, then an empty first auth-param, then OWS = HTAB, comma, OWS, auth-param", "Basic \t, realm=x"),
	oracleChl("SP then HTAB before the first param", false,
		"1*SP takes the SP; the #auth-param list cannot start with OWS, so HTAB has no derivation", "Basic \trealm=x"),
	oracleChl("scheme then spaces then comma then scheme", true,
		"either the list's OWS or 1*SP with an empty param list", "Basic  , Bearer"),
	oracleChl("param list made only of commas", true, "scheme, SP, #auth-param of empty elements", "Basic , ,"),

	// --- scheme alone, several challenges ---
	oracleChl("scheme alone", true, "the [ 1*SP ... ] part is optional", "Basic"),
	oracleChl("param challenge then bare scheme", true, "two challenges", `Basic realm="x", Bearer`),
	oracleChl("two bare schemes", true, "two challenges", "Basic, Bearer"),
	oracleChl("two challenges, no comma", false, "after a quoted-string only OWS \",\" may follow", `Basic realm="x" Bearer`),
	oracleChl("param alone", false, "realm=\"x\" is not a challenge: the token realm is followed by \"=\" not SP", `realm="x"`),

	// --- token68 vs auth-param ---
	oracleChl("token68 with padding then a new challenge", true,
		"NTLM SP token68, then the list comma, then challenge Basic realm=\"x\"",
		`NTLM TlRMTVNTUAACAAAA==, Basic realm="x"`),
	oracleChl("token68 then SP comma SP challenge", true, "OWS around the list comma", "NTLM abc== , Basic"),
	oracleChl("a=b is a param", true, "token \"=\" token; also not a token68 (nothing may follow its \"=\"s)", "Bearer a=b"),
	oracleChl("a= is token68", true, "1*char then *\"=\"; not an auth-param (no value)", "Bearer a="),
	oracleChl("a== is token68", true, "1*char then two \"=\"", "Bearer a=="),
	oracleChl("a = b is a param", true, "BWS on both sides of \"=\"", "Bearer a = b"),
	oracleChl("a = is invalid", false, "token68 cannot hold SP; the auth-param has no value", "Bearer a ="),
	oracleChl("a b is invalid", false, "token68 cannot hold SP; a is no auth-param", "Bearer a b"),
	oracleChl("a/b=c is invalid", false, "token68 a/b= cannot be followed by c; a/b is no token (\"/\" is no tchar)", "Bearer a/b=c"),
	oracleChl("token68 then param", false, "a param cannot follow a token68: realm=x is no challenge", "Negotiate abc, realm=x"),
	oracleChl("token68 then challenge", true, "two challenges", "Negotiate abc, Basic"),
	oracleChl("token68 with all its characters", true, "ALPHA DIGIT - . _ ~ + / then \"=\"", "Basic aZ09-._~+/="),
	oracleChl("token68 starting with =", false, "token68 needs one char before its \"=\"s; an auth-param needs a name", "Basic =abc"),
	oracleChl("token68 only =", false, "token68 needs one char before its \"=\"s", "Basic =="),
	oracleChl("token68 with = in the middle", false, "only \"=\" may follow the first \"=\"; b= is no token value", "Basic a=b="),
	oracleChl("token68 with data after padding", false, "only \"=\" may follow the first \"=\"", "Basic abc==def"),
	oracleChl("token68 then comma then param", false, "a= is token68 or a param without value; b=c is no challenge", "Bearer a=, b=c"),
	oracleChl("quoted-string as token68", false, "token68 has no DQUOTE", `Basic "x"`),

	// --- whitespace ---
	oracleChl("HTAB after scheme", false, "1*SP: HTAB is not SP", "Bearer\trealm=x"),
	oracleChl("two SP after scheme", true, "1*SP", "Bearer  realm=x"),
	oracleChl("BWS around =", true, "BWS = OWS, on both sides", `Basic realm = "x"`),
	oracleChl("HTAB as BWS", true, "BWS admits HTAB", "Basic realm\t=\t\"x\""),
	oracleChl("OWS around a param comma", true, "OWS admits SP", `Basic realm="x" , charset=UTF-8`),
	oracleChl("HTAB as OWS around a param comma", true, "OWS admits HTAB", "Basic realm=\"x\"\t,\tcharset=UTF-8"),
	oracleChl("surrounding whitespace is trimmed", true, "§5.5", " \t Basic realm=x \t "),

	// --- params ---
	oracleChl("two params without comma", false, "#auth-param needs a comma between elements", `Bearer realm="a" error="b"`),
	oracleChl("param glued to quoted-string", false, "no comma between the elements", `Basic realm="x"charset=y`),
	oracleChl("param glued to token value", false, "no SP either: a=b c=d", "Basic a=b c=d"),
	oracleChl("token value then quoted-string", false, "token / quoted-string, not both", `Basic realm=x"y"`),
	oracleChl("param with empty name", false, "token is 1*tchar", "Basic =x,"),
	oracleChl("param then trailing comma", true, "trailing empty element", "Basic realm=x,"),
	oracleChl("value with all tchar", true, "token value", "Basic a=!#$%&'*+-.^_`|~09AZaz"),
	oracleChl("scheme with all tchar", true, "auth-scheme = token", "!#$%&'*+-.^_`|~09AZaz"),
	oracleChl("slash in token value", false, "\"/\" is no tchar", "Basic realm=x/y"),
	oracleChl("slash in quoted value", true, "\"/\" is qdtext", `Basic realm="x/y"`),
	oracleChl("semicolon in token value", false, "\";\" is no tchar", "Basic realm=x;y"),
	oracleChl("brace in scheme", false, "\"{\" is no tchar", "Ba{sic realm=x"),
	oracleChl("brace in param name", false, "\"}\" is no tchar", "Basic re}alm=x"),
	oracleChl("braces in token value", false, "\"{\" \"}\" are no tchar", "Basic realm={x}"),
	oracleChl("quoted then quoted string as new element", false, "\"y\" is no challenge", `Basic realm=x, "y"`),

	// --- quoted-string ---
	oracleChl("escaped DQUOTE", true, "quoted-pair \\\"", `Bearer realm="a\"b"`),
	oracleChl("unterminated quoted-string", false, "no closing DQUOTE", `Bearer realm="a`),
	oracleChl("lone DQUOTE", false, "no closing DQUOTE", `Basic realm="`),
	oracleChl("escaped closing DQUOTE", false, "the last DQUOTE is part of a quoted-pair", `Basic realm="\"`),
	oracleChl("escaped backslash", true, "quoted-pair \\\\", `Basic realm="\\"`),
	oracleChl("empty quoted-string", true, "*( qdtext / quoted-pair ) may be empty", `Basic realm=""`),
	oracleChl("comma inside quoted-string", true, "\",\" is qdtext", `Basic realm="a, Bearer b=c"`),
	oracleChl("HTAB and SP in quoted-string", true, "qdtext", "Basic realm=\"a\t b\""),
	oracleChl("quoted-pair of HTAB", true, "quoted-pair admits HTAB", "Basic realm=\"\\\t\""),
	oracleChl("quoted-pair of obs-text", true, "quoted-pair admits obs-text", "Basic realm=\"\\\xff\""),
	oracleChl("quoted-pair of DEL", false, "DEL is not VCHAR", "Basic realm=\"\\\x7f\""),
	oracleChl("quoted-pair of NUL", false, "NUL is not VCHAR", "Basic realm=\"\\\x00\""),
	oracleChl("obs-text Latin-1 in quoted-string", true, "0xE9 is obs-text", "Basic realm=\"caf\xe9\""),
	oracleChl("obs-text UTF-8 in quoted-string", true, "0xC3 0xA9 are obs-text", "Basic realm=\"café\""),
	oracleChl("invalid UTF-8 in quoted-string", true, "0xFF 0xFE 0x80 are obs-text", "Basic realm=\"\xff\xfe\x80\""),
	oracleChl("DEL in quoted-string", false, "0x7F is not qdtext", "Basic realm=\"a\x7fb\""),
	oracleChl("obs-text in token value", false, "obs-text is no tchar", "Basic realm=caf\xe9"),
	oracleChl("obs-text in scheme", false, "obs-text is no tchar", "B\xe9sic"),
	oracleChl("obs-text in token68", false, "obs-text is no token68 char", "Basic QWxh\x80"),

	// --- hostile bytes ---
	oracleChl("NUL in quoted-string", false, "NUL is not qdtext", "Basic realm=\"a\x00b\""),
	oracleChl("NUL after scheme", false, "NUL is nothing", "Basic\x00"),
	oracleChl("NUL alone", false, "NUL is nothing", "\x00"),
	oracleChl("CR in quoted-string", false, "CR is not qdtext", "Basic realm=\"a\rb\""),
	oracleChl("LF in quoted-string", false, "LF is not qdtext", "Basic realm=\"a\nb\""),
	oracleChl("obs-fold", false, "CRLF SP is not OWS", "Basic\r\n realm=x"),
	oracleChl("trailing CR is not trimmed", false, "§5.5 trims SP / HTAB only", "Basic\r"),
	oracleChl("leading LF is not trimmed", false, "§5.5 trims SP / HTAB only", "\nBasic"),
	oracleChl("vertical tab as whitespace", false, "VT is not OWS", "Basic\vrealm=x"),
	oracleChl("NBSP as whitespace", false, "0xA0 is not SP", "Basic\xa0realm=x"),

	// --- several field lines (RFC 9110 §5.3) ---
	oracleChl("lines: challenge then param", true,
		"combined: Basic realm=\"x\", charset=UTF-8: one challenge, two params",
		`Basic realm="x"`, "charset=UTF-8"),
	oracleChl("lines: two bare schemes", true, "combined: Basic, Bearer", "Basic", "Bearer"),
	oracleChl("lines: trailing empty line", true, "an empty line is an empty element", `Basic realm="x"`, ""),
	oracleChl("lines: two empty lines", true, "combined: \", \": empty elements", "", ""),
	oracleChl("lines: whitespace trimmed per line", true, "combined: Basic, Bearer", "  Basic  ", "\tBearer\t"),
	oracleChl("lines: bare scheme then param", false,
		"combined: Basic, realm=\"x\": realm=\"x\" is no challenge", "Basic", `realm="x"`),
	oracleChl("lines: trailing SP is trimmed before the join", false,
		"line 1 trims to Basic; combined Basic, realm=x has no SP after the scheme", "Basic ", "realm=x"),
	oracleChl("lines: param after token68", false, "combined: Bearer abc, realm=x", "Bearer abc", "realm=x"),
	oracleChl("lines: token68 then scheme", true, "combined: NTLM abc==, Basic", "NTLM abc==", "Basic"),
	oracleChl("lines: only a param", false, "realm=\"x\" is no challenge", `realm="x"`),
	oracleChl("lines: quoted-string across lines", true,
		"combined: Basic realm=\"a, b\" (the join's \", \" lands inside the quoted-string)",
		`Basic realm="a`, `b"`),
	oracleChl("lines: unterminated quoted-string in the last line", false,
		"combined: Basic realm=x, Bearer realm=\"y", "Basic realm=x", `Bearer realm="y`),
	oracleChl("lines: CR at the end of a line", false, "CR is not trimmed", "Basic\r", "Bearer"),

	// ===================== Authorization: credentials =====================

	oracleCrd("rfc7617/2 Basic token68", true, "scheme SP token68 with padding", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
	oracleCrd("rfc6750/2.1 Bearer token68", true, "scheme SP token68", "Bearer mF_9.B5f-4.1JqM"),
	oracleCrd("rfc7616/3.9.1 Digest MD5", true, "scheme SP #auth-param", oracleRFC7616AuthorizationMD5),
	oracleCrd("rfc7616/3.9.1 Digest SHA-256", true, "scheme SP #auth-param", oracleRFC7616AuthorizationSHA256),
	oracleCrd("scheme alone", true, "the [ 1*SP ... ] part is optional", "Basic"),
	oracleCrd("empty", false, "credentials needs an auth-scheme", ""),
	oracleCrd("only whitespace", false, "trims to empty", "  \t "),
	oracleCrd("scheme SP comma", true, "scheme, SP, #auth-param of empty elements", "Basic ,"),
	oracleCrd("param list of empty elements and a param", true, "empty elements around a=b", "Basic , , a=b,,"),
	oracleCrd("params then trailing comma", true, "trailing empty element of #auth-param", `Basic realm="x",`),
	oracleCrd("token68 then comma", false, "nothing may follow a token68", "Basic abc,"),
	oracleCrd("token68 SP comma", false, "nothing may follow a token68", "Basic abc ,"),
	oracleCrd("two credentials", false, "Authorization is not a list", "Basic a, Bearer b"),
	oracleCrd("params then a scheme", false, "Bearer is no auth-param and there is no list of credentials", "Basic a=b, Bearer"),
	oracleCrd("leading comma", false, "Authorization is not a list", ", Basic abc"),
	oracleCrd("comma after the scheme", false, "no 1*SP before the comma", "Basic, a=b"),
	oracleCrd("HTAB after the scheme", false, "1*SP: HTAB is not SP", "Basic\tQWxh"),
	oracleCrd("surrounding whitespace is trimmed", true, "§5.5", "  Basic QWxh\t"),
	oracleCrd("two SP after the scheme", true, "1*SP", "Basic  QWxh"),
	oracleCrd("SP inside token68", false, "token68 cannot hold SP", "Basic QW xh"),
	oracleCrd("trailing CRLF", false, "§5.5 trims SP / HTAB only", "Basic QWxh\r\n"),
	oracleCrd("NUL", false, "NUL is nothing", "Basic QWxh\x00"),
	oracleCrd("param with BWS", true, "BWS around \"=\"", "Bearer a = b"),
	oracleCrd("param without value", false, "auth-param needs a value; token68 holds no SP", "Bearer a ="),
	oracleCrd("obs-text in quoted-string", true, "0xE9 is obs-text", "Digest username=\"J\xe9r\xf4me\""),
	oracleCrd("obs-text in token68", false, "obs-text is no token68 char", "Basic QWxh\xe9"),
	oracleCrd("token68 then param", false, "a param cannot follow a token68", "Negotiate abc, realm=x"),
	oracleCrd("param alone", false, "credentials starts with an auth-scheme followed by SP or nothing", "realm=x"),

	// ===================== Authentication-Info: #auth-param =====================

	oraclePrm("digest style", true, "#auth-param of four",
		`qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001`),
	oraclePrm("nextnonce", true, "one auth-param", `nextnonce="47364c23432d2e131a5fb210812c"`),
	oraclePrm("empty value", true, "#auth-param may have no element", ""),
	oraclePrm("no field lines", true, "no lines combine to the empty value"),
	oraclePrm("lone comma", true, "empty elements", ","),
	oraclePrm("commas and whitespace", true, "empty elements", ", ,\t,"),
	oraclePrm("token value", true, "token \"=\" token", "a=b"),
	oraclePrm("BWS", true, "BWS around \"=\"", "a = b"),
	oraclePrm("token and quoted-string values", true, "two elements", `a=b,c="d"`),
	oraclePrm("empty elements around params", true, "empty elements", ",a=b,,c=d,"),
	oraclePrm("name alone", false, "auth-param needs \"=\" and a value", "a"),
	oraclePrm("name and =", false, "auth-param needs a value", "a="),
	oraclePrm("value alone", false, "auth-param needs a name", "=b"),
	oraclePrm("token68", false, "Authentication-Info holds no token68", "abc=="),
	oraclePrm("challenge", false, "Authentication-Info holds no auth-scheme", `Basic realm="x"`),
	oraclePrm("no comma", false, "elements need a comma between them", "a=b c=d"),
	oraclePrm("NUL in quoted-string", false, "NUL is not qdtext", "a=\"\x00\""),
	oraclePrm("obs-text in quoted-string", true, "obs-text is qdtext", "a=\"\x80\xff\""),
	oraclePrm("obs-text in token value", false, "obs-text is no tchar", "a=\xff"),
	oraclePrm("CR at the end", false, "CR is not trimmed", "a=b\r"),
	oraclePrm("lines: two params", true, "combined: a=b, c=d", "a=b", "c=d"),
	oraclePrm("lines: trailing empty line", true, "an empty line is an empty element", "a=b", ""),
	oraclePrm("lines: value split from its name", false, "combined: a=, b", "a=", "b"),
	oraclePrm("lines: quoted-string across lines", true, "combined: a=\"x, y\"", `a="x`, `y"`),
	oraclePrm("lines: whitespace trimmed per line", true, "combined: a=b, c=d", " a=b\t", "\tc=d "),
}

func TestOracle(t *testing.T) {
	seen := make(map[string]bool)
	for _, c := range oracleCases {
		name := c.kind.String() + "/" + c.name
		if seen[name] {
			t.Fatalf("duplicate case name %q", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			if c.kind == oracleKindCredentials && len(c.lines) != 1 {
				t.Fatalf("a credentials case needs exactly one line, got %d", len(c.lines))
			}
			if got := c.run(); got != c.want {
				t.Errorf("%s(%q) = %v, want %v (%s)", c.kind, c.lines, got, c.want, c.why)
			}
		})
	}
}

// TestOracleConsistency checks, over every input of the table, relations that
// follow from the ABNF itself:
//
//   - credentials and challenge are the same production, and #challenge
//     includes a single challenge, so valid credentials are a valid one-line
//     challenge list;
//   - a valid #auth-param value p, trimmed, makes "Scheme SP p" valid
//     credentials and a valid challenge list.
func TestOracleConsistency(t *testing.T) {
	for _, c := range oracleCases {
		for _, line := range c.lines {
			if oracleCredentials(line) && !oracleChallenges([]string{line}) {
				t.Errorf("credentials %q valid but not as a challenge list", line)
			}
			if oracleParams([]string{line}) {
				v := "Scheme " + oracleTrim(line)
				if !oracleCredentials(v) {
					t.Errorf("#auth-param %q valid but %q is not valid credentials", line, v)
				}
				if !oracleChallenges([]string{v}) {
					t.Errorf("#auth-param %q valid but %q is not a valid challenge list", line, v)
				}
			}
		}
	}
}

// TestOracleProgramSize keeps the compiled programs small enough for the NFA
// to stay fast, and documents their size.
func TestOracleProgramSize(t *testing.T) {
	for _, e := range []struct{ name, expr string }{
		{"WWW-Authenticate", oracleWWWAuthenticate},
		{"Authorization", oracleAuthorization},
		{"Authentication-Info", oracleAuthenticationInfo},
	} {
		re, err := syntax.Parse(`\A`+e.expr+`\z`, syntax.Perl)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		t.Logf("%s: %d instructions, expression %d bytes", e.name, len(prog.Inst), len(e.expr))
		if len(prog.Inst) > 2000 {
			t.Errorf("%s: program has %d instructions, want at most 2000", e.name, len(prog.Inst))
		}
	}
}

// TestOracleLargeInput matches adversarial 256 KiB inputs (16 KiB with
// -short) and checks both the answer and that it comes in reasonable time.
func TestOracleLargeInput(t *testing.T) {
	size := 256 << 10
	if testing.Short() {
		size = 16 << 10
	}
	fill := func(prefix, unit, suffix string) string {
		var b strings.Builder
		b.WriteString(prefix)
		for b.Len() < size {
			b.WriteString(unit)
		}
		b.WriteString(suffix)
		return b.String()
	}
	inputs := []struct {
		name  string
		kind  oracleKind
		value string
		want  bool
	}{
		// A long run that is both a token68 and a param name until the end.
		{"token68 or param name, valid", oracleKindChallenges, fill("Basic ", "a", "="), true},
		{"token68 or param name, invalid", oracleKindChallenges, fill("Basic ", "a", " ="), false},
		// Many params whose commas may close the list or separate challenges.
		{"many params", oracleKindChallenges, fill("Basic ", "a=b, ", "c=d"), true},
		// "c" alone would be a new challenge; "c=" is neither a challenge nor a param.
		{"many params, bad end", oracleKindChallenges, fill("Basic ", "a=b, ", "c="), false},
		{"many challenges", oracleKindChallenges, fill("", "A b=c, D, ", "E"), true},
		// "E F" would be scheme SP token68; "E F G" has no derivation.
		{"many challenges, bad end", oracleKindChallenges, fill("", "A b=c, D, ", "E F G"), false},
		{"many commas", oracleKindChallenges, fill("", ", \t", ""), true},
		{"many commas then garbage", oracleKindChallenges, fill("", ",", "\x00"), false},
		// A long quoted-string full of quoted-pairs and obs-text.
		{"long quoted-string", oracleKindChallenges, fill(`Basic realm="`, "\\\"\xff,", `"`), true},
		{"unterminated quoted-string", oracleKindChallenges, fill(`Basic realm="`, "\\\"\xff,", ``), false},
		{"credentials token68", oracleKindCredentials, fill("Basic ", "QWxh", "=="), true},
		{"credentials params", oracleKindCredentials, fill("Basic ", "a = \"b\",", ""), true},
		{"credentials token68 then comma", oracleKindCredentials, fill("Basic ", "QWxh", ","), false},
		{"params", oracleKindParams, fill("", "a=b,", ""), true},
		{"params ending in a name", oracleKindParams, fill("", "a=b,", "a"), false},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			c := oracleCase{kind: in.kind, lines: []string{in.value}}
			start := time.Now()
			got := c.run()
			d := time.Since(start)
			t.Logf("%d bytes in %v", len(in.value), d)
			if got != in.want {
				t.Errorf("got %v, want %v", got, in.want)
			}
			if d > 20*time.Second {
				t.Errorf("took %v; the match should be linear and fast", d)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// A second, independent transcription of the same ABNF, to check the
// assembly of the regexps (grouping, optionality, anchoring). Each rule is a
// function from a start offset to the set of offsets where a derivation of
// the rule can end: an exhaustive, non-greedy reading of the ABNF, far too
// slow for real use but exact on short inputs.

type oracleSetRule func(s string, i int) []int

func oracleSetChar(ok func(c byte) bool) oracleSetRule {
	return func(s string, i int) []int {
		if i < len(s) && ok(s[i]) {
			return []int{i + 1}
		}
		return nil
	}
}

func oracleSetByte(c byte) oracleSetRule {
	return oracleSetChar(func(b byte) bool { return b == c })
}

func oracleSetSeq(rules ...oracleSetRule) oracleSetRule {
	return func(s string, i int) []int {
		cur := []int{i}
		for _, r := range rules {
			seen := make(map[int]bool)
			var next []int
			for _, p := range cur {
				for _, q := range r(s, p) {
					if !seen[q] {
						seen[q] = true
						next = append(next, q)
					}
				}
			}
			cur = next
		}
		return cur
	}
}

func oracleSetAlt(rules ...oracleSetRule) oracleSetRule {
	return func(s string, i int) []int {
		seen := make(map[int]bool)
		var out []int
		for _, r := range rules {
			for _, q := range r(s, i) {
				if !seen[q] {
					seen[q] = true
					out = append(out, q)
				}
			}
		}
		return out
	}
}

// oracleSetStar is *rule.
func oracleSetStar(r oracleSetRule) oracleSetRule {
	return func(s string, i int) []int {
		seen := map[int]bool{i: true}
		out := []int{i}
		for k := 0; k < len(out); k++ {
			for _, q := range r(s, out[k]) {
				if !seen[q] {
					seen[q] = true
					out = append(out, q)
				}
			}
		}
		return out
	}
}

func oracleSetEmpty(s string, i int) []int { return []int{i} }

// oracleSetOpt is [ rule ].
func oracleSetOpt(r oracleSetRule) oracleSetRule { return oracleSetAlt(oracleSetEmpty, r) }

// oracleSetPlus is 1*rule.
func oracleSetPlus(r oracleSetRule) oracleSetRule { return oracleSetSeq(r, oracleSetStar(r)) }

func oracleSetFull(r oracleSetRule, s string) bool {
	for _, q := range r(s, 0) {
		if q == len(s) {
			return true
		}
	}
	return false
}

var (
	oracleSetSP    = oracleSetByte(' ')
	oracleSetHTAB  = oracleSetByte('\t')
	oracleSetOWS   = oracleSetStar(oracleSetAlt(oracleSetSP, oracleSetHTAB))
	oracleSetAlnum = func(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }
	oracleSetToken = oracleSetPlus(oracleSetChar(func(c byte) bool {
		return oracleSetAlnum(c) || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
	}))
	oracleSetToken68 = oracleSetSeq(
		oracleSetPlus(oracleSetChar(func(c byte) bool { return oracleSetAlnum(c) || strings.IndexByte("-._~+/", c) >= 0 })),
		oracleSetStar(oracleSetByte('=')))
	oracleSetQuotedString = oracleSetSeq(
		oracleSetByte('"'),
		oracleSetStar(oracleSetAlt(
			oracleSetChar(func(c byte) bool {
				return c == '\t' || c == ' ' || c == 0x21 || 0x23 <= c && c <= 0x5B || 0x5D <= c && c <= 0x7E || c >= 0x80
			}),
			oracleSetSeq(oracleSetByte('\\'), oracleSetChar(func(c byte) bool {
				return c == '\t' || c == ' ' || 0x21 <= c && c <= 0x7E || c >= 0x80
			})))),
		oracleSetByte('"'))
	oracleSetAuthParam = oracleSetSeq(oracleSetToken, oracleSetOWS, oracleSetByte('='), oracleSetOWS, oracleSetAlt(oracleSetToken, oracleSetQuotedString))
	oracleSetList      = func(e oracleSetRule) oracleSetRule {
		return oracleSetSeq(oracleSetOpt(e), oracleSetStar(oracleSetSeq(oracleSetOWS, oracleSetByte(','), oracleSetOWS, oracleSetOpt(e))))
	}
	oracleSetChallenge  = oracleSetSeq(oracleSetToken, oracleSetOpt(oracleSetSeq(oracleSetPlus(oracleSetSP), oracleSetAlt(oracleSetToken68, oracleSetList(oracleSetAuthParam)))))
	oracleSetChallenges = oracleSetList(oracleSetChallenge)
	oracleSetParams     = oracleSetList(oracleSetAuthParam)
)

// TestOracleAgainstSetRecognizer compares the regexps with the set-based
// transcription on every short string over a small alphabet of the
// characters that matter, and on random longer strings.
func TestOracleAgainstSetRecognizer(t *testing.T) {
	check := func(s string) {
		v := oracleTrim(s)
		if got, want := oracleChallenges([]string{s}), oracleSetFull(oracleSetChallenges, v); got != want {
			t.Errorf("oracleChallenges(%q) = %v, set recognizer says %v", s, got, want)
		}
		if got, want := oracleCredentials(s), oracleSetFull(oracleSetChallenge, v); got != want {
			t.Errorf("oracleCredentials(%q) = %v, set recognizer says %v", s, got, want)
		}
		if got, want := oracleParams([]string{s}), oracleSetFull(oracleSetParams, v); got != want {
			t.Errorf("oracleParams(%q) = %v, set recognizer says %v", s, got, want)
		}
	}
	// Exhaustive: "a" stands for any char of both tchar and token68, "/" for
	// a token68-only char; the other characters are the grammar's punctuation.
	alphabet := "a= \t,\"\\/"
	maxLen := 6
	if testing.Short() {
		maxLen = 4
	}
	buf := make([]byte, 0, maxLen)
	var walk func()
	walk = func() {
		check(string(buf))
		if len(buf) == maxLen {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			buf = append(buf, alphabet[i])
			walk()
			buf = buf[:len(buf)-1]
		}
	}
	walk()
	if t.Failed() {
		return
	}
	// Random, longer, over a wider alphabet; a fixed seed keeps it repeatable.
	wide := "aB9= \t,\"\\/{\xff\x00\r~.-_+!"
	var state uint64 = 0x9E3779B97F4A7C15
	next := func() uint64 { // xorshift64
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return state
	}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for k := 0; k < n; k++ {
		l := int(next() % 24)
		b := make([]byte, l)
		for i := range b {
			b[i] = wide[next()%uint64(len(wide))]
		}
		// Start most strings with a scheme and SP so that the interesting
		// parts are reached often.
		s := string(b)
		if next()%2 == 0 {
			s = "Sch " + s
		}
		check(s)
	}
}
