// Package digesttest is a Digest-protected HTTP handler for tests: it
// challenges with the algorithms and qop values it is given, checks the
// credentials with [authz.CheckDigest], and does what CheckDigest leaves to
// a server: it issues HMAC-stamped nonces, refuses replayed nonce counts,
// checks the realm, the uri and the opaque value, and answers an expired
// nonce with stale=true. It records every request it sees.
//
// It is the server half of the module's Digest tests (authclient's
// transport tests, the curl interoperability test) and shows how a server
// uses CheckDigest. It is internal: no library package imports it.
package digesttest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"io"
	"net/http"
	"sync"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/digest"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A Server is an http.Handler that requires Digest credentials. Set its
// fields before its first request; they are not changed by it.
type Server struct {
	Realm string
	Users map[string]string // user name → password

	// Algorithms are those of the challenges, one challenge each, in
	// order; nil means {"SHA-256"}.
	Algorithms []string
	// QOP is the qop list of every challenge; nil means {"auth"}.
	QOP      []string
	Userhash bool   // challenge with userhash=true
	Charset  bool   // challenge with charset=UTF-8
	Opaque   string // sent in every challenge, checked in every response

	// Proxy makes the server act as a proxy: 407 with Proxy-Authenticate,
	// credentials from Proxy-Authorization.
	Proxy bool

	// MaxBody bounds the body read for auth-int; 0 means 1 MiB.
	MaxBody int64

	// OK serves the authenticated requests; nil writes "hello <user>".
	OK http.Handler

	once sync.Once
	key  []byte
	mu   sync.Mutex
	seen map[string]uint32 // nonce → highest nc accepted
	gen  uint64            // nonces of an earlier generation are stale
	log  []Request
}

// A Request is what the server saw of one request.
type Request struct {
	Method, URI string
	Header      string       // the Authorization (or Proxy-Authorization) field, "" if absent
	Digest      authz.Digest // parsed from Header; zero if absent or malformed
	Status      int          // what the server answered
	Stale       bool         // the answer was a challenge with stale=true
}

func (s *Server) init() {
	s.once.Do(func() {
		s.key = make([]byte, 32)
		rand.Read(s.key)
		s.seen = map[string]uint32{}
	})
}

// Requests returns a copy of the requests seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ExpireNonces makes every nonce issued so far stale: a request that
// carries one, with credentials otherwise right, gets a new challenge with
// stale=true.
func (s *Server) ExpireNonces() {
	s.init()
	s.mu.Lock()
	s.gen++
	s.mu.Unlock()
}

// nonceLen is the length of a nonce before base64: a generation (what a
// real server would make a timestamp), 8 random bytes, and the HMAC.
const nonceLen = 8 + 8 + sha256.Size

// nonce returns base64url(gen || random || HMAC-SHA256(key, gen || random || realm)).
func (s *Server) nonce() string {
	var b [nonceLen]byte
	s.mu.Lock()
	binary.BigEndian.PutUint64(b[:8], s.gen)
	s.mu.Unlock()
	rand.Read(b[8:16])
	m := hmac.New(sha256.New, s.key)
	m.Write(b[:16])
	m.Write([]byte(s.Realm))
	m.Sum(b[16:16])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// checkNonce reports whether n is a nonce this server issued, and
// whether it is stale.
func (s *Server) checkNonce(n string) (ok, stale bool) {
	b, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil || len(b) != nonceLen {
		return false, false
	}
	m := hmac.New(sha256.New, s.key)
	m.Write(b[:16])
	m.Write([]byte(s.Realm))
	if !hmac.Equal(m.Sum(nil), b[16:]) {
		return false, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return true, binary.BigEndian.Uint64(b[:8]) < s.gen
}

func (s *Server) fields() (challenge, credentials string, status int) {
	if s.Proxy {
		return "Proxy-Authenticate", "Proxy-Authorization", http.StatusProxyAuthRequired
	}
	return "Www-Authenticate", "Authorization", http.StatusUnauthorized
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	_, field, _ := s.fields()
	rec := Request{Method: r.Method, URI: r.RequestURI, Header: r.Header.Get(field)}
	user, stale := s.authenticate(r, &rec)
	if user == "" {
		rec.Status, rec.Stale = s.challenge(w, stale)
		s.record(rec)
		return
	}
	rec.Status = http.StatusOK
	s.record(rec)
	if s.OK != nil {
		s.OK.ServeHTTP(w, r)
		return
	}
	io.WriteString(w, "hello "+user)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	s.log = append(s.log, r)
	s.mu.Unlock()
}

// authenticate returns the user the request's credentials prove, or "";
// stale reports right credentials with a stale nonce.
func (s *Server) authenticate(r *http.Request, rec *Request) (user string, stale bool) {
	_, field, _ := s.fields()
	c, err := authz.ParseLines(r.Header.Values(field))
	if err != nil {
		return "", false
	}
	d, err := authz.ParseDigest(c)
	if err != nil {
		return "", false
	}
	rec.Digest = d
	if d.Realm != s.Realm || d.URI != r.RequestURI || d.Opaque != s.Opaque || !s.offered(d) {
		return "", false
	}
	ok, stale := s.checkNonce(d.Nonce)
	if !ok {
		return "", false
	}
	name, password, found := s.user(d)
	if !found {
		return "", false
	}
	var body []byte
	if grammar.EqualFold(d.QOP, "auth-int") {
		max := s.MaxBody
		if max == 0 {
			max = 1 << 20
		}
		body, err = io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil || int64(len(body)) > max {
			return "", false
		}
	}
	if !authz.CheckDigest(d, r.Method, name, password, body) {
		return "", false
	}
	if stale {
		return "", true
	}
	// Replay protection: the nonce count must grow.
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.NC <= s.seen[d.Nonce] {
		return "", false
	}
	s.seen[d.Nonce] = d.NC
	return name, false
}

// offered reports whether d uses an algorithm and a qop the server
// challenged with.
func (s *Server) offered(d authz.Digest) bool {
	okAlg := false
	for _, a := range s.algorithms() {
		if a == d.Algorithm {
			okAlg = true
		}
	}
	okQOP := false
	for _, q := range s.qop() {
		if q == d.QOP {
			okQOP = true
		}
	}
	return okAlg && okQOP && (!d.Userhash || s.Userhash)
}

// user finds the user d names, by name or by hash.
func (s *Server) user(d authz.Digest) (name, password string, ok bool) {
	if !d.Userhash {
		p, ok := s.Users[d.Username]
		return d.Username, p, ok
	}
	alg, _ := digest.Lookup(d.Algorithm)
	for n, p := range s.Users {
		if alg.Userhash(n, s.Realm) == d.Username {
			return n, p, true
		}
	}
	return "", "", false
}

func (s *Server) algorithms() []string {
	if s.Algorithms == nil {
		return []string{"SHA-256"}
	}
	return s.Algorithms
}

func (s *Server) qop() []string {
	if s.QOP == nil {
		return []string{"auth"}
	}
	return s.QOP
}

// challenge writes a 401 (or 407) with one challenge per algorithm.
func (s *Server) challenge(w http.ResponseWriter, stale bool) (int, bool) {
	field, _, status := s.fields()
	nonce := s.nonce()
	var cs []wwwauth.Challenge
	for _, a := range s.algorithms() {
		d := wwwauth.Digest{Realm: s.Realm, Nonce: nonce, Opaque: s.Opaque, Stale: stale, Algorithm: a, QOP: s.qop(), Userhash: s.Userhash}
		if s.Charset {
			d.Charset = "UTF-8"
		}
		c, err := d.Challenge()
		if err != nil {
			http.Error(w, "digesttest: bad challenge configuration", http.StatusInternalServerError)
			return http.StatusInternalServerError, false
		}
		cs = append(cs, c)
	}
	var err error
	if field == "Proxy-Authenticate" {
		err = wwwauth.SetProxy(w.Header(), cs...)
	} else {
		err = wwwauth.Set(w.Header(), cs...)
	}
	if err != nil {
		http.Error(w, "digesttest: bad challenge", http.StatusInternalServerError)
		return http.StatusInternalServerError, false
	}
	w.WriteHeader(status)
	io.WriteString(w, "unauthorized")
	return status, stale
}
