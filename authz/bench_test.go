package authz_test

import (
	"strconv"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

var credentialCorpus = []struct{ name, in string }{
	{"Bearer", "Bearer mF_9.B5f-4.1JqM"},
	{"Basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
	{"Digest", `Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`},
}

func BenchmarkParseString(b *testing.B) {
	for _, tt := range credentialCorpus {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			for b.Loop() {
				if _, err := authz.ParseString(tt.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAppendText(b *testing.B) {
	for _, tt := range credentialCorpus {
		c, err := authz.ParseString(tt.in)
		if err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 0, 1024)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tt.in)))
			for b.Loop() {
				buf, _ = authz.AppendWire(c, buf[:0])
			}
		})
	}
}

// BenchmarkParseBasic is the whole server side of Basic: parse, decode.
func BenchmarkParseBasic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, _ := authz.ParseString(credentialCorpus[1].in)
		if _, _, err := authz.ParseBasic(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdversarial: ns per byte must stay flat from 1 KiB to 256 KiB.
func BenchmarkAdversarial(b *testing.B) {
	for _, k := range adversarialKinds {
		for _, size := range []int{1 << 10, 16 << 10, 256 << 10} {
			in := adversarial(k.kind, size)
			for _, mode := range []struct {
				name string
				p    authz.Parser
			}{
				{"strict", authz.Parser{MaxLength: -1, MaxParams: -1}},
				{"lenient", authz.Parser{Lenient: true, MaxLength: -1, MaxParams: -1}},
			} {
				if adversarialInvalid(k.kind) && !mode.p.Lenient {
					continue
				}
				b.Run(k.kind+"/"+strconv.Itoa(size>>10)+"KiB/"+mode.name, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(in)))
					for b.Loop() {
						mode.p.ParseString(in)
					}
				})
			}
		}
	}
}
