package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/authz"
)

// readFieldOf reads input as parse reads stdin, and returns the lines of
// the field it reads (header, or the one the input calls for if header is
// ""), the field, and the warnings.
func readFieldOf(t *testing.T, input, header string) ([]fieldLine, string, []string) {
	t.Helper()
	var warns []string
	warn := func(s string) { warns = append(warns, s) }
	in, err := readInput(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case in.empty():
		return nil, "", nil
	case in.bare:
		return in.blocks[0].bareLines(warn), header, warns
	}
	b, name := in.choose(header)
	return b.field(name, warn), name, warns
}

func TestReadField(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		field     string
		want      []fieldLine
		wantWarns int
	}{
		{
			name:  "status line, CRLF, every line of the field in order, any case",
			input: "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"a\"\r\nX: y\r\nwww-authenticate:Bearer  \r\n\r\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{`Basic realm="a"`, "input line 2"}, {"Bearer", "input line 4"}},
		},
		{
			name:  "no status line, LF, no final line end",
			input: "WWW-Authenticate: Bearer",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"Bearer", "input line 1"}},
		},
		{
			name:  "request line",
			input: "GET /mcp HTTP/1.1\nAuthorization: Bearer x\n",
			field: "Authorization",
			want:  []fieldLine{{"Bearer x", "input line 2"}},
		},
		{
			name:  "reading stops at the empty line",
			input: "HTTP/1.1 401 Unauthorized\n\nWWW-Authenticate: Bearer\n",
			field: "WWW-Authenticate",
		},
		{
			name:  "leading empty lines are skipped",
			input: "\r\n\nWWW-Authenticate: Bearer\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"Bearer", "input line 3"}},
		},
		{
			name:      "obs-fold replaced with SP, one warning per field line",
			input:     "WWW-Authenticate: Basic\n  realm=\"a\",\n\tcharset=UTF-8\nWWW-Authenticate: Bearer\n",
			field:     "WWW-Authenticate",
			want:      []fieldLine{{`Basic realm="a", charset=UTF-8`, "input lines 1-3"}, {"Bearer", "input line 4"}},
			wantWarns: 1,
		},
		{
			name:  "obs-fold of another field is joined silently",
			input: "Link: <a>;\n rel=x\nWWW-Authenticate: Bearer\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"Bearer", "input line 3"}},
		},
		{
			name:      "whitespace before the first field line",
			input:     "HTTP/1.1 401 Unauthorized\n x\nWWW-Authenticate: Bearer\n",
			field:     "WWW-Authenticate",
			want:      []fieldLine{{"Bearer", "input line 3"}},
			wantWarns: 1,
		},
		{
			name:      "whitespace before the colon: not a field line",
			input:     "WWW-Authenticate : Basic\nWWW-Authenticate: Bearer\n",
			field:     "WWW-Authenticate",
			want:      []fieldLine{{"Bearer", "input line 2"}},
			wantWarns: 1,
		},
		{
			name:  "a line without a colon that does not name the field is ignored silently",
			input: "garbage\nWWW-Authenticate: Bearer\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"Bearer", "input line 2"}},
		},
		{
			name:  "an empty value",
			input: "WWW-Authenticate:\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"", "input line 1"}},
		},
		{
			name:  "a bare CR inside a line is kept for the parser to refuse",
			input: "WWW-Authenticate: Basic\rrealm=x\n",
			field: "WWW-Authenticate",
			want:  []fieldLine{{"Basic\rrealm=x", "input line 1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, warns := readFieldOf(t, tt.input, tt.field)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(fieldLine{})); diff != "" {
				t.Errorf("field lines mismatch (-want +got):\n%s", diff)
			}
			if len(warns) != tt.wantWarns {
				t.Errorf("warnings %q, want %d", warns, tt.wantWarns)
			}
		})
	}
}

// TestReadInputBlocks checks which block and which field parse reads when
// stdin holds several responses, curl -v output or a value alone.
func TestReadInputBlocks(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		header    string // as given with --header, or ""
		wantField string
		want      []fieldLine
		bare      bool
	}{
		{
			name:      "curl -sIL: a redirect, then the 401",
			input:     "HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\nWWW-Authenticate: Basic realm=\"old\"\r\n\r\nHTTP/2 401\r\nwww-authenticate: Bearer realm=\"new\"\r\n\r\n",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{`Bearer realm="new"`, "input line 6"}},
		},
		{
			name:      "100 Continue before the final response",
			input:     "HTTP/1.1 100 Continue\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{"Bearer", "input line 4"}},
		},
		{
			name:      "a body after a redirect is not read",
			input:     "HTTP/1.1 302 Found\nLocation: /b\n\n<html>HTTP/1.1 401\nWWW-Authenticate: Basic\n",
			wantField: "WWW-Authenticate",
		},
		{
			name:      "a response after a final response is a body, not read",
			input:     "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic\n\nHTTP/1.1 200 OK\n",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{"Basic", "input line 2"}},
		},
		{
			name:      "407: Proxy-Authenticate",
			input:     "HTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=\"proxy\"\nWWW-Authenticate: Basic realm=\"origin\"\n",
			wantField: "Proxy-Authenticate",
			want:      []fieldLine{{`Basic realm="proxy"`, "input line 2"}},
		},
		{
			name:      "--header wins over the status",
			input:     "HTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic realm=\"proxy\"\nWWW-Authenticate: Basic realm=\"origin\"\n",
			header:    "WWW-Authenticate",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{`Basic realm="origin"`, "input line 3"}},
		},
		{
			name:      "a request: Authorization",
			input:     "GET /mcp HTTP/1.1\nHost: x\nAuthorization: Bearer abc\n",
			wantField: "Authorization",
			want:      []fieldLine{{"Bearer abc", "input line 3"}},
		},
		{
			name:      "curl -v: the response by default",
			input:     "* Trying 127.0.0.1:80...\n> GET / HTTP/1.1\r\n> Authorization: Basic dTpw\r\n> \r\n< HTTP/1.1 401 Unauthorized\r\n< WWW-Authenticate: Basic realm=\"x\"\r\n< \r\n* Connection #0 left intact\n<html>body</html>\n",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{`Basic realm="x"`, "input line 6"}},
		},
		{
			name:      "curl -v: --header Authorization reads the request",
			input:     "* Trying 127.0.0.1:80...\n> GET / HTTP/1.1\r\n> Authorization: Basic dTpw\r\n> \r\n< HTTP/1.1 401 Unauthorized\r\n< WWW-Authenticate: Basic realm=\"x\"\r\n< \r\n",
			header:    "Authorization",
			wantField: "Authorization",
			want:      []fieldLine{{"Basic dTpw", "input line 3"}},
		},
		{
			name:      "curl -v: 100 Continue, then the final response, with no empty line between",
			input:     "> POST / HTTP/1.1\n> Expect: 100-continue\n>\n< HTTP/1.1 100 Continue\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer\n<\n",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{"Bearer", "input line 6"}},
		},
		{
			name:      "a value alone",
			input:     "Bearer realm=\"x\", error_uri=\"https://x/\"\n",
			header:    "WWW-Authenticate",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{`Bearer realm="x", error_uri="https://x/"`, "input line 1"}},
			bare:      true,
		},
		{
			name:      "a value alone, folded, and a second line",
			input:     "Digest realm=\"x\",\n  nonce=\"n\"\nBasic\n",
			header:    "WWW-Authenticate",
			wantField: "WWW-Authenticate",
			want:      []fieldLine{{`Digest realm="x", nonce="n"`, "input lines 1-2"}, {"Basic", "input line 3"}},
			bare:      true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := readInput(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if in.bare != tt.bare {
				t.Fatalf("bare = %v, want %v", in.bare, tt.bare)
			}
			got, field, _ := readFieldOf(t, tt.input, tt.header)
			if field != tt.wantField {
				t.Errorf("field %q, want %q", field, tt.wantField)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(fieldLine{})); diff != "" {
				t.Errorf("field lines mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadFieldTooLarge(t *testing.T) {
	tests := []struct {
		name  string
		input string
	}{
		{"one long line", "WWW-Authenticate: Basic realm=\"" + strings.Repeat("a", maxHeaderSection) + "\"\n"},
		{"many lines", strings.Repeat("X: "+strings.Repeat("a", 1000)+"\n", maxHeaderSection/1000)},
		{"many lines of curl -v", strings.Repeat("* "+strings.Repeat("a", 1000)+"\n", maxHeaderSection/1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := readInput(strings.NewReader(tt.input)); err != errHeaderTooLarge {
				t.Errorf("readInput: %v, want %v", err, errHeaderTooLarge)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		name     string
		in, want string
		cols     int
	}{
		{"printable ASCII", `Bearer realm="a\"b"`, `Bearer realm="a\"b"`, 19},
		{"HTAB and CR LF", "a\tb\r\n", `a\tb\r\n`, 8},
		{"ESC and BEL", "\x1b[31m\x07", `\x1b[31m\a`, 10},
		{"DEL", "\x7f", `\x7f`, 4},
		{"printable UTF-8, one column per rune", "café €", "café €", 6},
		{"C1 control (CSI)", "\u009b", `\u009b`, 6},
		{"bidirectional override", "\u202e", `\u202e`, 6},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cols := escape(tt.in)
			if got != tt.want || cols != tt.cols {
				t.Errorf("escape(%q) = %q, %d; want %q, %d", tt.in, got, cols, tt.want, tt.cols)
			}
		})
	}
}

func TestWriteCaret(t *testing.T) {
	long := strings.Repeat("a", 100) + "!" + strings.Repeat("b", 100)
	tests := []struct {
		name   string
		line   string
		offset int
		want   string
	}{
		{"at the start", "Bearer x", 0, "  Bearer x\n  ^\n"},
		{"in the middle", "Bearer, x", 6, "  Bearer, x\n        ^\n"},
		{"past the end", "Bearer a=", 9, "  Bearer a=\n           ^\n"},
		{"after an escape", "a\x1bb c", 4, "  a\\x1bb c\n         ^\n"},
		{"after UTF-8", "é x", 3, "  é x\n    ^\n"},
		{"offset out of range is clamped", "ab", 7, "  ab\n    ^\n"},
		{"a long line is cut on both sides", long, 100,
			"  ..." + strings.Repeat("a", 60) + "!" + strings.Repeat("b", 59) + "...\n  " + strings.Repeat(" ", 63) + "^\n"},
		{"a long line is cut after the caret only", long, 10,
			"  " + long[:70] + "...\n  " + strings.Repeat(" ", 10) + "^\n"},
		{"a line of maxWholeLine bytes is not cut", long[:maxWholeLine], 150,
			"  " + long[:maxWholeLine] + "\n  " + strings.Repeat(" ", 150) + "^\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			writeCaret(&b, tt.line, tt.offset)
			if got := b.String(); got != tt.want {
				t.Errorf("writeCaret(%q, %d) =\n%s\nwant\n%s", tt.line, tt.offset, got, tt.want)
			}
		})
	}
}

func TestMaskCredentials(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"token68", "Bearer mF_9.B5f-4.1JqM", "Bearer ***************"},
		{"padding and structure kept", `Digest username="Mufasa", nc=00000001`, `Digest ********="******", **=********`},
		{"controls kept for escape", "Basic ab\r\ncd", "Basic **\r\n**"},
		{"UTF-8 masked byte by byte", "Basic é", "Basic **"},
		{"scheme only", "Negotiate", "Negotiate"},
		{"no scheme", " x", " *"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := maskCredentials(tt.in)
			if got != tt.want || len(got) != len(tt.in) {
				t.Errorf("maskCredentials(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactParam(t *testing.T) {
	tests := []struct {
		name            string
		scheme          string
		p               authz.Param
		wantName, wantV string
	}{
		{"a visible value", "Digest", authz.Param{Name: "realm", Value: "r"}, "realm", `"r"`},
		{"a visible value that reads [redacted]", "Digest", authz.Param{Name: "realm", Value: "[redacted]"}, "realm", `"[redacted]"`},
		{"a secret value", "Digest", authz.Param{Name: "response", Value: "0a"}, "response", "[redacted]"},
		{"a name no scheme defines", "Digest", authz.Param{Name: "x_secret", Value: "s"}, "[redacted]", "[redacted]"},
		{"a visible name with a control character", "Digest", authz.Param{Name: "realm", Value: "a\nb"}, "realm", "[redacted]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, value := redactParam(tt.scheme, tt.p)
			if name != tt.wantName || value != tt.wantV {
				t.Errorf("redactParam(%q, %q) = %q, %q; want %q, %q", tt.scheme, tt.p, name, value, tt.wantName, tt.wantV)
			}
		})
	}
}

// TestNoSecretLeak checks that without --show-secrets no output of parse,
// text or JSON, holds the secret of credentials: valid ones, malformed
// ones in the caret display, recovered ones in the warnings; and that with
// --show-secrets the secret is shown.
func TestNoSecretLeak(t *testing.T) {
	const secret = "s3cr3tT0k3n"
	tests := []struct {
		name  string
		args  []string // after parse --header Authorization
		stdin string
	}{
		{"Bearer", []string{"Bearer " + secret}, ""},
		{"DPoP", []string{"DPoP " + secret}, ""},
		{"Basic password", []string{"Basic dXNlcjpzM2NyM3RUMGszbg=="}, ""}, // user:s3cr3tT0k3n
		{"Digest response", []string{`Digest username="u", realm="r", uri="/", nonce="n", response="` + secret + `"`}, ""},
		{"unknown scheme", []string{`Custom key="` + secret + `"`}, ""},
		{"unknown parameter name", []string{`Custom ` + secret + `=x`}, ""},
		{"syntax error after the secret", []string{"Bearer " + secret + "$"}, ""},
		{"syntax error before the secret", []string{"Bearer $" + secret}, ""},
		{"lenient recovery", []string{"--lenient", `Bearer, token="` + secret}, ""},
		{"second line", []string{"Bearer a", "Bearer " + secret}, ""},
		{"second line, lenient", []string{"--lenient", "Bearer a", "Bearer " + secret}, ""},
		{"from stdin", nil, "GET / HTTP/1.1\nAuthorization : Bearer " + secret + "\nAuthorization: Bearer " + secret + "\n"},
	}
	for _, tt := range tests {
		for _, json := range []bool{false, true} {
			name := tt.name
			args := append([]string{"parse", "--header", "Authorization"}, tt.args...)
			if json {
				name += " JSON"
				args = append(args, "--json")
			}
			t.Run(name, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				run(args, strings.NewReader(tt.stdin), &stdout, &stderr)
				if out := stdout.String() + stderr.String(); strings.Contains(out, secret) {
					t.Errorf("the output shows the secret:\n%s", out)
				}
				stdout.Reset()
				stderr.Reset()
				run(append(args, "--show-secrets"), strings.NewReader(tt.stdin), &stdout, &stderr)
				if out := stdout.String() + stderr.String(); !strings.Contains(out, secret) && !strings.Contains(tt.name, "Basic") {
					t.Errorf("with --show-secrets, the output does not show the secret:\n%s", out)
				}
			})
		}
	}
}
