package authz_test

import (
	"testing"

	"github.com/httpauth-go/httpauth/authz"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocations")
	}
	const bearer = "Bearer mF_9.B5f-4.1JqM"
	if n := testing.AllocsPerRun(100, func() { authz.ParseString(bearer) }); n != 0 {
		t.Errorf("ParseString(Bearer): %v allocations, want 0", n)
	}
	buf := make([]byte, 0, 512)
	for _, in := range []string{bearer, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", `Digest username="Mufasa", realm="r", uri="/", response="abc", nc=00000001`} {
		c, err := authz.ParseString(in)
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { buf, _ = authz.AppendWire(c, buf[:0]) }); n != 0 {
			t.Errorf("AppendText(%s): %v allocations, want 0", c.Redacted(), n)
		}
	}
}
