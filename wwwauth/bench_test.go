package wwwauth_test

import (
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// corpus is the shared input table of the benchmarks: the challenges of the
// performance issue.
var corpus = []struct{ name, in string }{
	{"DockerHub", `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"`},
	{"MCP", `Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write"`},
	{"RFC6750", `Bearer realm="example", error="invalid_token", error_description="The access token expired"`},
	{"RFC7616", `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`},
	{"RFC9110", `Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"`},
}

func BenchmarkParseString(b *testing.B) {
	for _, tt := range corpus {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			for b.Loop() {
				if _, err := wwwauth.ParseString(tt.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseStringLenient(b *testing.B) {
	p := wwwauth.Parser{Lenient: true}
	for _, tt := range corpus {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			for b.Loop() {
				if _, err := p.ParseString(tt.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// tcharTable is the baseline's class table: one lookup per byte.
var tcharTable = func() (t [256]bool) {
	for _, c := range "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" {
		t[c] = true
	}
	return t
}()

var sink int

// BenchmarkBaselineScan is the reference for the physical limit: one pass
// over the same bytes, one table lookup per byte, nothing built.
func BenchmarkBaselineScan(b *testing.B) {
	for _, tt := range corpus {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			s := tt.in
			for b.Loop() {
				n := 0
				for i := 0; i < len(s); i++ {
					if tcharTable[s[i]] {
						n++
					}
				}
				sink = n
			}
		})
	}
}

func BenchmarkAppendText(b *testing.B) {
	for _, tt := range corpus {
		cs, err := wwwauth.ParseString(tt.in)
		if err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 0, 1024)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			for b.Loop() {
				var err error
				if buf, err = wwwauth.AppendList(buf[:0], cs...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var _ = strings.Repeat
