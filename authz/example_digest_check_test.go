package authz_test

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/httpauth-go/httpauth/authz"
)

// A server checks Digest credentials: those of RFC 7616, Section 3.9.1.
// Checking the nonce, the nonce count, the realm and the uri is the
// server's own part (see CheckDigest).
func ExampleCheckDigest() {
	h := http.Header{}
	h.Set("Authorization", `Digest username="Mufasa", realm="http-auth@example.org", `+
		`uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", `+
		`nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, `+
		`response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", `+
		`opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`)
	c, err := authz.Parse(h)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := authz.ParseDigest(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(authz.CheckDigest(d, "GET", "Mufasa", "Circle of Life", nil))
	fmt.Println(authz.CheckDigest(d, "GET", "Mufasa", "Circle Of Life", nil))
	// Output:
	// true
	// false
}

// A server that stores H(username ":" realm ":" password), as an htdigest
// file does, checks the MD5 credentials of RFC 7616, Section 3.9.1.
func ExampleCheckDigestHA1() {
	c, err := authz.ParseString(`Digest username="Mufasa", realm="http-auth@example.org", ` +
		`uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ` +
		`nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, ` +
		`response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := authz.ParseDigest(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	sum := md5.Sum([]byte("Mufasa:http-auth@example.org:Circle of Life"))
	fmt.Println(authz.CheckDigestHA1(d, "GET", "Mufasa", hex.EncodeToString(sum[:]), nil))
	// Output: true
}
