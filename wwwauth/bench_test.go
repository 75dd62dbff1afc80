package wwwauth_test

import (
	"strconv"
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
				buf = buf[:0]
				for i, c := range cs {
					if i > 0 {
						buf = append(buf, ", "...)
					}
					var err error
					if buf, err = c.AppendText(buf); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	lines := []string{corpus[1].in}
	b.ReportAllocs()
	b.SetBytes(int64(len(lines[0])))
	for b.Loop() {
		if _, ok, err := wwwauth.Lookup(lines, "Bearer", "resource_metadata"); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkAdversarial is the linear-scaling family: its ns/op divided by
// the input size (the MB/s column, inverted) must stay flat from 1 KiB to
// 256 KiB, in both modes. The limits are off so that every input is parsed
// to its end.
func BenchmarkAdversarial(b *testing.B) {
	for _, k := range adversarialKinds {
		for _, size := range adversarialSizes {
			in := []string{adversarial(k.kind, size)}
			for _, mode := range []struct {
				name string
				p    wwwauth.Parser
			}{
				{"strict", wwwauth.Parser{MaxLength: -1, MaxChallenges: -1, MaxParams: -1}},
				{"lenient", wwwauth.Parser{Lenient: true, MaxLength: -1, MaxChallenges: -1, MaxParams: -1}},
			} {
				if adversarialInvalid(k.kind) && !mode.p.Lenient {
					continue // invalid strictly: it stops at the first space
				}
				b.Run(k.kind+"/"+strconv.Itoa(size>>10)+"KiB/"+mode.name, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(in[0])))
					for b.Loop() {
						mode.p.ParseLines(in)
					}
				})
			}
		}
	}
}
