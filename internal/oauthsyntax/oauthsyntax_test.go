package oauthsyntax

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestClasses checks the character classes against RFC 6749, Appendix A
// byte by byte.
func TestClasses(t *testing.T) {
	for b := 0; b < 256; b++ {
		nq := b == 0x21 || 0x23 <= b && b <= 0x5B || 0x5D <= b && b <= 0x7E
		if got := IsNQChar(byte(b)); got != nq {
			t.Errorf("IsNQChar(%#x) = %v, want %v", b, got, nq)
		}
		if got := IsNQSChar(byte(b)); got != (nq || b == 0x20) {
			t.Errorf("IsNQSChar(%#x) = %v, want %v", b, got, nq || b == 0x20)
		}
	}
}

// TestSplitJoin checks space-separated lists.
func TestSplitJoin(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		in      string
		want    []string
	}{
		{name: "empty", comment: "no elements is nil", in: "", want: nil},
		{name: "spaces", comment: "only spaces is nil", in: "   ", want: nil},
		{name: "one", comment: "one element", in: "a", want: []string{"a"}},
		{name: "runs", comment: "runs, leading and trailing SP", in: "  a  b c ", want: []string{"a", "b", "c"}},
		{name: "htab", comment: "HTAB does not separate", in: "a\tb", want: []string{"a\tb"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, SplitSP(tc.in)); diff != "" {
				t.Errorf("%s: SplitSP() mismatch (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
	if s, ok := JoinSP([]string{"a", "b"}); !ok || s != "a b" {
		t.Errorf("JoinSP(a, b) = %q, %v", s, ok)
	}
	if s, ok := JoinSP(nil); !ok || s != "" {
		t.Errorf("JoinSP(nil) = %q, %v", s, ok)
	}
	for _, bad := range [][]string{{""}, {"a b"}, {`a"`}, {"a\\"}, {"é"}} {
		if _, ok := JoinSP(bad); ok {
			t.Errorf("JoinSP(%q) accepted", bad)
		}
	}
}

// TestCheckFetchURL checks the rule for URLs a client fetches.
func TestCheckFetchURL(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		in      string
		wantErr error
	}{
		{name: "https", comment: "https anywhere", in: "https://a.example/m"},
		{name: "https-upper", comment: "the scheme is case-insensitive", in: "HTTPS://a.example/m"},
		{name: "localhost", comment: "http on localhost", in: "http://localhost:8080/m"},
		{name: "localhost-case", comment: "in any case", in: "http://LocalHost/m"},
		{name: "v4-loopback", comment: "http on 127.0.0.0/8", in: "http://127.1.2.3/m"},
		{name: "v6-loopback", comment: "http on ::1", in: "http://[::1]:1/m"},
		{name: "v4-mapped", comment: "http on ::ffff:127.0.0.1", in: "http://[::ffff:127.0.0.1]/m"},
		{name: "http-public", comment: "http elsewhere", in: "http://a.example/m", wantErr: ErrScheme},
		{name: "http-localhost-suffix", comment: "not a name under localhost", in: "http://x.localhost/m", wantErr: ErrScheme},
		{name: "http-localhost-prefix", comment: "nor a name that starts like it", in: "http://localhost.evil.example/m", wantErr: ErrScheme},
		{name: "http-long-s", comment: "Unicode case folding is not ASCII's", in: "http://localho%C5%BFt/m", wantErr: ErrScheme},
		{name: "ws", comment: "other schemes", in: "wss://a.example/m", wantErr: ErrScheme},
		{name: "fragment", comment: "a fragment", in: "https://a.example/m#", wantErr: ErrFragment},
		{name: "userinfo", comment: "userinfo", in: "https://u@a.example/m", wantErr: ErrUserinfo},
		{name: "relative", comment: "relative", in: "//a.example/m", wantErr: ErrNotAbsolute},
		{name: "opaque", comment: "no authority", in: "https:a.example", wantErr: ErrNotAbsolute},
		{name: "empty-host", comment: "an empty host", in: "https://:443/m", wantErr: ErrNotAbsolute},
		{name: "space", comment: "a space", in: "https://a.example/a b", wantErr: ErrURIChars},
		{name: "bad-escape", comment: "a bad percent-escape", in: "https://a.example/%zz", wantErr: ErrURISyntax},
		{name: "empty", comment: "nothing", in: "", wantErr: ErrURIChars},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CheckFetchURL(tc.in)
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("%s: CheckFetchURL(%q) = %v, want %v", tc.comment, tc.in, err, tc.wantErr)
			}
		})
	}
}
