package authclient

import "net/netip"

// The classes of address that classify names. Each is the reason of a
// refusal, so each is a fixed phrase that names the class, never the
// address.
const (
	classLoopback    = "loopback address"
	classUnspecified = "unspecified address"
	classPrivate     = "private address (RFC 1918, RFC 4193)"
	classLinkLocal   = "link-local address"
	classMulticast   = "multicast address"
	classNotGlobal   = "not a global unicast address"
)

// refusedPrefixes are the blocks, beyond those that [netip.Addr]'s
// methods name, that a client refuses: addresses that are special-purpose
// (RFC 6890 and the IANA registries of special-purpose addresses), not
// routed on the Internet, or a tunnel to an IPv4 address that the client
// could not check. The IPv4-mapped block (::ffff:0:0/96) is not here: a
// mapped address is judged by the IPv4 address it carries, and so is
// the well-known NAT64 block (64:ff9b::/96).
var refusedPrefixes = [...]struct {
	prefix netip.Prefix
	class  string
}{
	// IPv4.
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\" address (RFC 791)"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (CGNAT, RFC 6598)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignment (RFC 6890)"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation address (RFC 5737)"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4 relay anycast address (RFC 7526)"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking address (RFC 2544)"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation address (RFC 5737)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation address (RFC 5737)"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved or broadcast address (RFC 1112, RFC 919)"},

	// IPv6.
	{netip.MustParsePrefix("::/96"), "IPv4-compatible IPv6 address (deprecated, RFC 4291)"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local-use NAT64 address (RFC 8215)"},
	{netip.MustParsePrefix("100::/64"), "discard-only address (RFC 6666)"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol assignment, Teredo included (RFC 2928, RFC 4380)"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation address (RFC 3849)"},
	{netip.MustParsePrefix("2002::/16"), "6to4 address (RFC 3056)"},
	{netip.MustParsePrefix("3fff::/20"), "documentation address (RFC 9637)"},
	{netip.MustParsePrefix("5f00::/16"), "segment routing address (RFC 9602)"},
	{netip.MustParsePrefix("fec0::/10"), "site-local address (deprecated, RFC 3879)"},
}

// nat64 is the well-known prefix of RFC 6052, whose last 32 bits are the
// IPv4 address a NAT64 translator connects to.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// classify returns "" for an address a client may connect to, and
// otherwise the class for which it refuses it. [classLoopback] is
// refused unless the client allows loopback; every other class always.
//
// An IPv4-mapped IPv6 address is judged as the IPv4 address it carries,
// and so is one of the well-known NAT64 prefix, except that its IPv4
// address may not be loopback either: a translator cannot reach this
// machine's loopback interface, so such an address is no development
// setup, only a trick. 6to4 and Teredo addresses also carry IPv4
// addresses, but both mechanisms are obsolete (RFC 7526) or meant for
// clients, not servers, so they are refused whole rather than decoded.
func classify(addr netip.Addr) string {
	addr = addr.WithZone("").Unmap() // a Prefix never contains an address with a zone
	if addr.Is6() && nat64.Contains(addr) {
		b := addr.As16()
		if c := classify(netip.AddrFrom4([4]byte(b[12:]))); c != "" {
			return "NAT64 address of a " + c
		}
		return ""
	}
	switch {
	case !addr.IsValid():
		return classNotGlobal
	case addr.IsLoopback():
		return classLoopback
	case addr.IsUnspecified():
		return classUnspecified
	case addr.IsPrivate():
		return classPrivate
	case addr.IsLinkLocalUnicast():
		return classLinkLocal
	case addr.IsMulticast():
		return classMulticast
	}
	for _, p := range refusedPrefixes {
		if p.prefix.Contains(addr) {
			return p.class
		}
	}
	// What remains that netip does not call global unicast: the IPv4
	// broadcast address (caught above, in 240.0.0.0/4) and the
	// interface-local and link-local multicast blocks (caught as
	// multicast). This catches whatever a future netip adds.
	if !addr.IsGlobalUnicast() {
		return classNotGlobal
	}
	return ""
}

// checkAddr returns nil if a client may connect to addr, and a
// *refusedError naming the class otherwise.
func checkAddr(addr netip.Addr, allowLoopback bool) error {
	switch c := classify(addr); {
	case c == "":
		return nil
	case c == classLoopback && allowLoopback:
		return nil
	case c == classLoopback:
		return &refusedError{"loopback address, and loopback is not allowed"}
	default:
		return &refusedError{c}
	}
}
