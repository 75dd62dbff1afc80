package authclient

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/netip"
	"strings"
)

// fakeResolver returns a resolver that asks no DNS server: every query
// is answered in memory, over a net.Pipe, from names, which maps a host
// name (without the final dot, in lower case) to its addresses. A name
// not in names gets NXDOMAIN. Tests use it so that a host name in a URL
// causes no traffic at all, and to make a name resolve to an address the
// client must refuse (DNS rebinding).
func fakeResolver(names map[string][]netip.Addr) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			client, server := net.Pipe()
			go serveFakeDNS(server, names)
			return client, nil
		},
	}
}

// serveFakeDNS answers the queries the Go resolver sends on c, framed as
// over TCP (RFC 1035, Section 4.2.2: a two-byte length before each
// message), which is what the resolver does on a connection that is not a
// net.PacketConn.
func serveFakeDNS(c net.Conn, names map[string][]netip.Addr) {
	defer c.Close()
	for {
		var n [2]byte
		if _, err := io.ReadFull(c, n[:]); err != nil {
			return
		}
		query := make([]byte, binary.BigEndian.Uint16(n[:]))
		if _, err := io.ReadFull(c, query); err != nil {
			return
		}
		resp := fakeDNSAnswer(query, names)
		if resp == nil {
			return
		}
		out := binary.BigEndian.AppendUint16(nil, uint16(len(resp)))
		if _, err := c.Write(append(out, resp...)); err != nil {
			return
		}
	}
}

// fakeDNSAnswer builds the response to one query: the header with the
// query's ID, its question, and an A or AAAA record for each address of
// the name of the right family. It returns nil for a query it cannot
// read.
func fakeDNSAnswer(query []byte, names map[string][]netip.Addr) []byte {
	if len(query) < 12 {
		return nil
	}
	// The question: labels up to the root label, then QTYPE and QCLASS.
	var labels []string
	i := 12
	for {
		if i >= len(query) {
			return nil
		}
		l := int(query[i])
		i++
		if l == 0 {
			break
		}
		if l > 63 || i+l > len(query) {
			return nil
		}
		labels = append(labels, string(query[i:i+l]))
		i += l
	}
	if i+4 > len(query) {
		return nil
	}
	qtype := binary.BigEndian.Uint16(query[i:])
	question := query[12 : i+4]
	name := strings.ToLower(strings.Join(labels, "."))

	addrs, known := names[name]
	var answers [][]byte
	for _, a := range addrs {
		switch {
		case qtype == 1 && a.Is4(): // A
			b := a.As4()
			answers = append(answers, b[:])
		case qtype == 28 && a.Is6(): // AAAA
			b := a.As16()
			answers = append(answers, b[:])
		}
	}
	resp := make([]byte, 12, 12+len(question)+len(answers)*28)
	copy(resp, query[:2])   // ID
	flags := uint16(0x8180) // QR, RD, RA; NOERROR
	if !known {
		flags |= 3 // NXDOMAIN
	}
	binary.BigEndian.PutUint16(resp[2:], flags)
	binary.BigEndian.PutUint16(resp[4:], 1)                    // QDCOUNT
	binary.BigEndian.PutUint16(resp[6:], uint16(len(answers))) // ANCOUNT
	resp = append(resp, question...)
	for _, rdata := range answers {
		resp = append(resp, 0xC0, 12) // the name: a pointer to the question's
		resp = binary.BigEndian.AppendUint16(resp, qtype)
		resp = binary.BigEndian.AppendUint16(resp, 1)  // IN
		resp = binary.BigEndian.AppendUint32(resp, 60) // TTL
		resp = binary.BigEndian.AppendUint16(resp, uint16(len(rdata)))
		resp = append(resp, rdata...)
	}
	return resp
}
