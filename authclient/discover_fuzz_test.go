package authclient

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fuzzMarker is planted in seeds; an error message must never hold it.
const fuzzMarker = "MARKER-f00d"

// FuzzDiscover runs Discover on a hostile 401: any WWW-Authenticate field
// and any document, which a loopback server gives for every metadata
// request. "{{srv}}" in either stands for the server's URL, and a
// document that starts with "Location: " is sent as a 302 to the rest of
// its first line, so that the fuzzer can aim the client at its own
// server, at names that resolve to internal addresses, and at redirects.
//
// It checks that Discover does not panic, that every connection attempt
// to an address of a refused class (by a predicate written here with the
// net package, not the one under test) was refused by the client's rules,
// that no error message holds the marker the seeds plant, and that a
// successful discovery is about the resource and issuer asked for.
//
// No fuzzed input can make the test send traffic off this machine: host
// names resolve in memory (fakeResolver), and the dial hook lets through
// only the test server's address, which stands for a public host.
func FuzzDiscover(f *testing.F) {
	var doc atomic.Pointer[[]byte]
	empty := []byte{}
	doc.Store(&empty)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := *doc.Load()
		if loc, ok := bytes.CutPrefix(d, []byte("Location: ")); ok {
			loc, _, _ = bytes.Cut(loc, []byte("\n"))
			w.Header().Set("Location", string(loc))
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(d)
	}))
	srv.Config.ErrorLog = discardLog
	srv.StartTLS()
	f.Cleanup(srv.Close)
	serverAddr := srv.Listener.Addr().String()
	base := "https://example.com:" + serverAddr[strings.LastIndexByte(serverAddr, ':')+1:]

	var mu sync.Mutex
	var dials []dialRecord // the verdicts of the rules
	hooks := clientHooks{
		resolver: fakeResolver(map[string][]netip.Addr{
			"example.com": {netip.MustParseAddr("127.0.0.1")},
			"rebind.test": {netip.MustParseAddr("10.0.0.1")},
			"meta.test":   {netip.MustParseAddr("169.254.169.254"), netip.MustParseAddr("fd00:ec2::254")},
			"cgnat.test":  {netip.MustParseAddr("100.64.0.1")},
			"mapped.test": {netip.MustParseAddr("::ffff:192.168.0.1")},
			"nat64.test":  {netip.MustParseAddr("64:ff9b::a9fe:a9fe")},
			"mixed.test":  {netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("127.0.0.1")},
		}),
		tlsConfig: srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone(),
		dial: func(address string, refused error) error {
			mu.Lock()
			dials = append(dials, dialRecord{address, refused})
			mu.Unlock()
			if address == serverAddr {
				return nil // the test server stands for a public host
			}
			if refused != nil {
				return refused
			}
			// Allowed by the rules (a public address), but no traffic
			// leaves this machine.
			return errFuzzNoTraffic
		},
	}
	client := newClient(ClientOptions{Timeout: 5 * time.Second}, hooks)
	f.Cleanup(client.CloseIdleConnections)

	const (
		prm = `{"resource":"{{srv}}/mcp","authorization_servers":["{{srv}}/tenant1"],"issuer":"{{srv}}/tenant1","code_challenge_methods_supported":["S256"]}`
	)
	seeds := []struct{ header, doc string }{
		{`Bearer resource_metadata="{{srv}}/meta", scope="files:read"`, prm},
		{`Bearer realm="mcp"`, prm},
		{``, prm},
		{`Bearer, resource_metadata={{srv}}/meta`, prm},
		{`DPoP algs="ES256", resource_metadata="{{srv}}/meta"`, prm},
		{`Bearer resource_metadata="https://rebind.test/meta"`, prm},
		{`Bearer resource_metadata="https://meta.test/latest/meta-data/"`, prm},
		{`Bearer resource_metadata="http://169.254.169.254/latest/meta-data/"`, prm},
		{`Bearer resource_metadata="https://[::ffff:10.0.0.1]/` + fuzzMarker + `"`, prm},
		{`Bearer resource_metadata="https://nat64.test/"`, prm},
		{`Bearer resource_metadata="https://mixed.test/"`, prm},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":"{{srv}}/mcp","authorization_servers":["https://cgnat.test/"]}`},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":"{{srv}}/mcp","authorization_servers":["https://mapped.test/` + fuzzMarker + `"]}`},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":"{{srv}}/mcp","authorization_servers":["https://0.0.0.0/"]}`},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":"{{srv}}/mcp","authorization_servers":["https://8.8.8.8/"]}`},
		{`Bearer resource_metadata="{{srv}}/meta"`, "Location: http://meta.test/latest/meta-data/"},
		{`Bearer resource_metadata="{{srv}}/meta"`, "Location: https://rebind.test/" + fuzzMarker},
		{`Bearer resource_metadata="{{srv}}/meta"`, "Location: {{srv}}/elsewhere"},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":"https://` + fuzzMarker + `/"}`},
		{`Bearer resource_metadata="{{srv}}/meta"`, `{"resource":` + fuzzMarker + `}`},
		{`Bearer scope="` + fuzzMarker + `\"", resource_metadata="{{srv}}/meta"`, prm},
		{`Basic realm="x", Bearer error="invalid_token"`, `{"resource":"{{srv}}"}`},
	}
	for _, s := range seeds {
		f.Add(s.header, []byte(s.doc))
	}

	f.Fuzz(func(t *testing.T, header string, d []byte) {
		header = strings.ReplaceAll(header, "{{srv}}", base)
		d = bytes.ReplaceAll(d, []byte("{{srv}}"), []byte(base))
		doc.Store(&d)
		mu.Lock()
		dials = dials[:0]
		mu.Unlock()

		req, err := http.NewRequest(http.MethodGet, base+"/mcp", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp := &http.Response{
			StatusCode: http.StatusUnauthorized,
			Header:     http.Header{"Www-Authenticate": {header}},
			Request:    req,
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		disc, err := Discover(ctx, client, resp)

		mu.Lock()
		seen := slices.Clone(dials)
		mu.Unlock()
		for _, r := range seen {
			host, _, _ := net.SplitHostPort(r.address)
			if ip := net.ParseIP(host); (ip == nil || mustRefuse(ip)) && r.refused == nil {
				t.Errorf("the rules allowed a connection to %s", r.address)
			}
		}
		if err != nil {
			if strings.Contains(err.Error(), fuzzMarker) {
				t.Errorf("the error quotes the input: %v", err)
			}
			return
		}
		rm, as := disc.ResourceMetadata, disc.AuthorizationServer
		if r := rm.Resource; r != base+"/mcp" && r != base && r != base+"/" {
			t.Errorf("discovered the metadata of %q, not of %s/mcp", r, base)
		}
		if len(rm.AuthorizationServers) == 0 || as.Issuer != rm.AuthorizationServers[0] {
			t.Errorf("issuer %q is not the first authorization server of %q", as.Issuer, rm.AuthorizationServers)
		}
		if disc.PKCE != slices.Contains(as.CodeChallengeMethodsSupported, "S256") {
			t.Errorf("PKCE = %v with methods %q", disc.PKCE, as.CodeChallengeMethodsSupported)
		}
	})
}

var errFuzzNoTraffic = &refusedError{"test: no traffic leaves this machine"}

// refusedNets are the blocks the issue requires the client to refuse,
// written again here, with the net package, as the oracle of the fuzz
// target: loopback (not allowed in the fuzzed client), private (RFC 1918,
// RFC 4193), link-local, CGNAT, unspecified and "this network",
// multicast, and broadcast with the rest of 240.0.0.0/4.
var refusedNets = func() []*net.IPNet {
	var nets []*net.IPNet
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			panic(err)
		}
		nets = append(nets, n)
	}
	return nets
}()

// mustRefuse reports whether ip is in refusedNets, as itself, as the IPv4
// address of an IPv4-mapped IPv6 address (To4 decodes those), or as the
// IPv4 address of a well-known NAT64 address.
func mustRefuse(ip net.IP) bool {
	if v4 := ip.To4(); v4 != nil {
		ip = v4
	} else if len(ip) == net.IPv6len && bytes.Equal(ip[:12], []byte{0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}) {
		if mustRefuse(ip[12:]) {
			return true
		}
	}
	for _, n := range refusedNets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}
