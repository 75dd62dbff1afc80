package benchcmp

// The shared corpus. Every expected result below was written by hand from
// RFC 9110, Section 11 (and the RFCs each example comes from), not produced by
// running any parser:
//
//	challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//	credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//	auth-param  = token BWS "=" BWS ( token / quoted-string )
//	quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
//
// A field value holds a comma-separated list of challenges (Section 11.6.1);
// a quoted-string's value is its content with each quoted-pair replaced by
// the octet it escapes (Section 5.6.4).

// field says which header field an input is the value of.
type field int

const (
	wwwAuthenticate field = iota // a list of challenges
	authorization                // exactly one set of credentials
)

// param is one auth-param: its name as sent, its value unescaped.
type param struct{ Name, Value string }

// chal is one challenge (or the credentials), normalized: every
// implementation's result is converted into this shape before it is judged.
type chal struct {
	Scheme  string
	Token68 string
	Params  []param
}

type input struct {
	name  string
	field field
	value string
	want  []chal
	// bench: part of BenchmarkParse. The others are correctness-only.
	bench bool
}

func p(name, value string) param { return param{name, value} }

var corpus = []input{
	// The seven benchmarked inputs.
	{
		name:  "dockerhub",
		field: wwwAuthenticate,
		value: `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"`,
		want: []chal{{Scheme: "Bearer", Params: []param{
			p("realm", "https://auth.docker.io/token"),
			p("service", "registry.docker.io"),
			p("scope", "repository:library/ubuntu:pull"),
		}}},
		bench: true,
	},
	{
		name:  "mcp",
		field: wwwAuthenticate,
		value: `Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write"`,
		want: []chal{{Scheme: "Bearer", Params: []param{
			p("resource_metadata", "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"),
			p("scope", "files:read files:write"),
		}}},
		bench: true,
	},
	{
		name:  "rfc6750",
		field: wwwAuthenticate,
		value: `Bearer realm="example", error="invalid_token", error_description="The access token expired"`,
		want: []chal{{Scheme: "Bearer", Params: []param{
			p("realm", "example"),
			p("error", "invalid_token"),
			p("error_description", "The access token expired"),
		}}},
		bench: true,
	},
	{
		// RFC 7616, Section 3.9.1 (the SHA-256 challenge).
		name:  "rfc7616-digest",
		field: wwwAuthenticate,
		value: `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
		want: []chal{{Scheme: "Digest", Params: []param{
			p("realm", "http-auth@example.org"),
			p("qop", "auth, auth-int"),
			p("algorithm", "SHA-256"),
			p("nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"),
			p("opaque", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"),
		}}},
		bench: true,
	},
	{
		// RFC 9110, Section 11.6.1: two challenges in one field value.
		name:  "rfc9110-newauth",
		field: wwwAuthenticate,
		value: `Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`,
		want: []chal{
			{Scheme: "Newauth", Params: []param{
				p("realm", "apps"),
				p("type", "1"),
				p("title", `Login to "apps"`),
			}},
			{Scheme: "Basic", Params: []param{p("realm", "simple")}},
		},
		bench: true,
	},
	{
		// RFC 6750, Section 2.1.
		name:  "authz-bearer",
		field: authorization,
		value: `Bearer mF_9.B5f-4.1JqM`,
		want:  []chal{{Scheme: "Bearer", Token68: "mF_9.B5f-4.1JqM"}},
		bench: true,
	},
	{
		// RFC 7617, Section 2: user "Aladdin", password "open sesame".
		name:  "authz-basic",
		field: authorization,
		value: `Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`,
		want:  []chal{{Scheme: "Basic", Token68: "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}},
		bench: true,
	},

	// Correctness-only inputs: list handling and quoted-string edge cases.
	{
		name:  "two-challenges",
		field: wwwAuthenticate,
		value: `Basic realm="a", Bearer realm="b"`,
		want: []chal{
			{Scheme: "Basic", Params: []param{p("realm", "a")}},
			{Scheme: "Bearer", Params: []param{p("realm", "b")}},
		},
	},
	{
		// The comma inside the quoted string splits nothing.
		name:  "comma-in-quotes",
		field: wwwAuthenticate,
		value: `Basic realm="Hello, World", Bearer realm="b"`,
		want: []chal{
			{Scheme: "Basic", Params: []param{p("realm", "Hello, World")}},
			{Scheme: "Bearer", Params: []param{p("realm", "b")}},
		},
	},
	{
		// A token68 (ending in "=" padding) followed by a second challenge.
		name:  "token68-then-challenge",
		field: wwwAuthenticate,
		value: `NTLM TlRMTVNTUAACAAAA==, Basic realm="x"`,
		want: []chal{
			{Scheme: "NTLM", Token68: "TlRMTVNTUAACAAAA=="},
			{Scheme: "Basic", Params: []param{p("realm", "x")}},
		},
	},
	{
		// A scheme with neither token68 nor params, then another challenge.
		name:  "bare-scheme-then-challenge",
		field: wwwAuthenticate,
		value: `Negotiate, Basic realm="x"`,
		want: []chal{
			{Scheme: "Negotiate"},
			{Scheme: "Basic", Params: []param{p("realm", "x")}},
		},
	},
	{
		// "a\\" is the quoted-string for a\ : the quote after \\ closes it.
		name:  "escaped-backslash",
		field: wwwAuthenticate,
		value: `Basic realm="a\\", Bearer realm="b"`,
		want: []chal{
			{Scheme: "Basic", Params: []param{p("realm", `a\`)}},
			{Scheme: "Bearer", Params: []param{p("realm", "b")}},
		},
	},
	{
		// quoted-pair may escape any VCHAR: \s is just s (not a Go escape).
		name:  "quoted-pair-any-char",
		field: wwwAuthenticate,
		value: `Basic realm="back\slash"`,
		want:  []chal{{Scheme: "Basic", Params: []param{p("realm", "backslash")}}},
	},
	{
		// Empty list elements must be accepted (RFC 9110, Section 5.6.1.2).
		name:  "empty-list-element",
		field: wwwAuthenticate,
		value: `Basic realm="a", , Bearer realm="b"`,
		want: []chal{
			{Scheme: "Basic", Params: []param{p("realm", "a")}},
			{Scheme: "Bearer", Params: []param{p("realm", "b")}},
		},
	},
	{
		// auth-param = token BWS "=" BWS ( token / quoted-string )
		name:  "bws-around-equals",
		field: wwwAuthenticate,
		value: `Bearer realm = "x", scope = "a b"`,
		want: []chal{{Scheme: "Bearer", Params: []param{
			p("realm", "x"),
			p("scope", "a b"),
		}}},
	},
}
