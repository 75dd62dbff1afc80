package authclient

import (
	"errors"
	"net/netip"
	"testing"
)

// addressCases are addresses of every class the client refuses, and some
// it accepts, with the class it must name. They are only parsed and
// classified: no test connects to any of them.
var addressCases = []struct {
	name  string
	addr  string
	class string // "" for an address the client may connect to
}{
	// Loopback: refused unless the client allows it.
	{"loopback-v4", "127.0.0.1", "loopback address"},
	{"loopback-v4-block", "127.255.0.9", "loopback address"},
	{"loopback-v6", "::1", "loopback address"},
	{"loopback-v4-mapped", "::ffff:127.0.0.1", "loopback address"},

	// Unspecified and "this network".
	{"unspecified-v4", "0.0.0.0", "unspecified address"},
	{"unspecified-v6", "::", "unspecified address"},
	{"this-network", "0.1.2.3", "\"this network\" address (RFC 791)"},
	{"unspecified-v4-mapped", "::ffff:0.0.0.0", "unspecified address"},

	// RFC 1918 and RFC 4193.
	{"private-10", "10.0.0.1", "private address (RFC 1918, RFC 4193)"},
	{"private-172.16", "172.16.0.1", "private address (RFC 1918, RFC 4193)"},
	{"private-172.31", "172.31.255.254", "private address (RFC 1918, RFC 4193)"},
	{"private-192.168", "192.168.1.1", "private address (RFC 1918, RFC 4193)"},
	{"private-v4-mapped", "::ffff:10.0.0.1", "private address (RFC 1918, RFC 4193)"},
	{"private-v4-mapped-hex", "::ffff:a00:1", "private address (RFC 1918, RFC 4193)"},
	{"ula-fc", "fc00::1", "private address (RFC 1918, RFC 4193)"},
	{"ula-fd", "fd12:3456:789a::1", "private address (RFC 1918, RFC 4193)"},

	// Link-local, the cloud metadata services' block among them.
	{"link-local-metadata", "169.254.169.254", "link-local address"},
	{"link-local-v4", "169.254.0.1", "link-local address"},
	{"link-local-v4-mapped", "::ffff:169.254.169.254", "link-local address"},
	{"link-local-v6", "fe80::1", "link-local address"},
	{"link-local-v6-zone", "fe80::1%eth0", "link-local address"},
	{"link-local-v6-top", "febf::1", "link-local address"},
	{"aws-metadata-v6", "fd00:ec2::254", "private address (RFC 1918, RFC 4193)"},

	// Shared address space (carrier-grade NAT).
	{"cgnat-low", "100.64.0.1", "shared address space (CGNAT, RFC 6598)"},
	{"cgnat-high", "100.127.255.254", "shared address space (CGNAT, RFC 6598)"},
	{"cgnat-v4-mapped", "::ffff:100.100.100.200", "shared address space (CGNAT, RFC 6598)"},

	// Multicast and broadcast.
	{"multicast-v4", "224.0.0.1", "multicast address"},
	{"multicast-v4-high", "239.255.255.250", "multicast address"},
	{"multicast-v6", "ff02::1", "multicast address"},
	{"multicast-v6-global", "ff0e::1", "multicast address"},
	{"broadcast", "255.255.255.255", "reserved or broadcast address (RFC 1112, RFC 919)"},
	{"broadcast-v4-mapped", "::ffff:255.255.255.255", "reserved or broadcast address (RFC 1112, RFC 919)"},
	{"reserved-240", "240.0.0.1", "reserved or broadcast address (RFC 1112, RFC 919)"},

	// Other special-purpose blocks.
	{"ietf-192.0.0", "192.0.0.8", "IETF protocol assignment (RFC 6890)"},
	{"test-net-1", "192.0.2.1", "documentation address (RFC 5737)"},
	{"test-net-2", "198.51.100.7", "documentation address (RFC 5737)"},
	{"test-net-3", "203.0.113.9", "documentation address (RFC 5737)"},
	{"benchmarking", "198.19.0.1", "benchmarking address (RFC 2544)"},
	{"6to4-relay", "192.88.99.1", "6to4 relay anycast address (RFC 7526)"},
	{"v4-compatible", "::10.0.0.1", "IPv4-compatible IPv6 address (deprecated, RFC 4291)"},
	{"v4-compatible-public", "::8.8.8.8", "IPv4-compatible IPv6 address (deprecated, RFC 4291)"},
	{"discard-only", "100::1", "discard-only address (RFC 6666)"},
	{"teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "IETF protocol assignment, Teredo included (RFC 2928, RFC 4380)"},
	{"documentation-v6", "2001:db8::1", "documentation address (RFC 3849)"},
	{"documentation-v6-3fff", "3fff::1", "documentation address (RFC 9637)"},
	{"6to4-private", "2002:a00:1::1", "6to4 address (RFC 3056)"},
	{"6to4-public", "2002:808:808::1", "6to4 address (RFC 3056)"},
	{"site-local", "fec0::1", "site-local address (deprecated, RFC 3879)"},
	{"srv6", "5f00::1", "segment routing address (RFC 9602)"},
	{"nat64-local-use", "64:ff9b:1::a00:1", "local-use NAT64 address (RFC 8215)"},

	// The well-known NAT64 prefix is judged by the IPv4 address it
	// carries: DNS64 gives it to every IPv4-only host on an IPv6-only
	// network.
	{"nat64-private", "64:ff9b::10.0.0.1", "NAT64 address of a private address (RFC 1918, RFC 4193)"},
	{"nat64-link-local", "64:ff9b::169.254.169.254", "NAT64 address of a link-local address"},
	{"nat64-loopback", "64:ff9b::127.0.0.1", "NAT64 address of a loopback address"},
	{"nat64-cgnat", "64:ff9b::100.64.0.1", "NAT64 address of a shared address space (CGNAT, RFC 6598)"},
	{"nat64-public", "64:ff9b::8.8.8.8", ""},

	// Public addresses.
	{"public-v4", "8.8.8.8", ""},
	{"public-v4-edge-of-cgnat", "100.128.0.1", ""},
	{"public-v4-edge-of-172", "172.32.0.1", ""},
	{"public-v4-mapped", "::ffff:8.8.8.8", ""},
	{"public-v6", "2606:4700:4700::1111", ""},
	{"public-v6-edge-of-2001", "2001:200::1", ""},
}

// TestClassify checks the class of every address of addressCases: the
// predicate the dialer's check applies to the resolved address.
func TestClassify(t *testing.T) {
	for _, tc := range addressCases {
		t.Run(tc.name, func(t *testing.T) {
			addr, err := netip.ParseAddr(tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := classify(addr); got != tc.class {
				t.Errorf("classify(%s) = %q, want %q", tc.addr, got, tc.class)
			}
		})
	}
}

// TestCheckAddrLoopback checks that loopback, and only loopback, is
// allowed when the client opts in; and that the refusal wraps ErrRefused.
func TestCheckAddrLoopback(t *testing.T) {
	for _, tc := range addressCases {
		t.Run(tc.name, func(t *testing.T) {
			addr := netip.MustParseAddr(tc.addr)
			strict, loose := checkAddr(addr, false), checkAddr(addr, true)
			switch tc.class {
			case "":
				if strict != nil || loose != nil {
					t.Errorf("checkAddr(%s) = %v, %v; want nil, nil", tc.addr, strict, loose)
				}
			case "loopback address":
				if !errors.Is(strict, ErrRefused) || loose != nil {
					t.Errorf("checkAddr(%s) = %v, %v; want ErrRefused, nil", tc.addr, strict, loose)
				}
			default:
				if !errors.Is(strict, ErrRefused) || !errors.Is(loose, ErrRefused) {
					t.Errorf("checkAddr(%s) = %v, %v; want ErrRefused both times", tc.addr, strict, loose)
				}
			}
		})
	}
}

// TestCheckDialAddress checks the form the dialer's Control hook gets:
// "ip:port", with brackets and zones for IPv6.
func TestCheckDialAddress(t *testing.T) {
	tests := []struct {
		name    string
		address string
		refused bool
	}{
		{"public-v4", "8.8.8.8:443", false},
		{"public-v6", "[2606:4700:4700::1111]:443", false},
		{"private-v4", "10.0.0.1:443", true},
		{"mapped-v6", "[::ffff:169.254.169.254]:80", true},
		{"zoned-link-local", "[fe80::1%eth0]:443", true},
		{"loopback", "127.0.0.1:8080", true},
		{"no-port", "8.8.8.8", true},
		{"name", "example.com:443", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkDialAddress(tc.address, false)
			if got := errors.Is(err, ErrRefused); got != tc.refused {
				t.Errorf("checkDialAddress(%q) = %v; refused = %v, want %v", tc.address, err, got, tc.refused)
			}
		})
	}
}
