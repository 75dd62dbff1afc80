package authclient

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/digest"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// maxAuthIntBody bounds the request body Digest hashes for qop=auth-int: 1
// MiB. The body is read whole (through GetBody) to be hashed before the
// request is sent, so a larger one is refused rather than buffered.
const maxAuthIntBody = 1 << 20

// Digest returns a [Handler] that answers Digest challenges ([RFC 7616])
// with the user name and password.
//
// Of the Digest challenges of a response, it answers the one with the
// strongest algorithm it knows: SHA-512-256, then SHA-256, then MD5
// (absent or "MD5"), each with or without -sess; in a tie, the first one.
// It ignores challenges it cannot answer: another algorithm, no nonce, or
// a qop list without auth or auth-int (a challenge without qop, the form of
// RFC 2069, which RFC 7616 no longer defines, is not answered). It
// chooses qop=auth when offered, and auth-int only when it is the only
// qop: auth-int hashes the body, which it then reads through GetBody, up to
// 1 MiB (a larger body makes RoundTrip fail).
//
// Each request gets a fresh cnonce from crypto/rand (with -sess, one
// cnonce per nonce, since H(A1) is computed with the first one) and the
// next nonce count for its nonce; opaque is returned as received. When the
// server offers userhash=true, the user name is sent hashed; otherwise a
// user name that is not ASCII is sent as username*, an RFC 8187 ext-value
// in UTF-8 (RFC 7616, Section 4), and the password and name are always
// hashed in UTF-8.
//
// A challenge with stale=true, after credentials it computed, is answered
// again with the new nonce, once; any other refusal of its credentials is
// returned to the caller.
//
// The handler does not show the password when printed.
//
// [RFC 7616]: https://www.rfc-editor.org/rfc/rfc7616
func Digest(username, password string) Handler {
	return &digestHandler{username: username, password: password}
}

type digestHandler struct {
	username, password string
}

func (h *digestHandler) Scheme() string { return "Digest" }

// Format writes the handler without its secrets, for every verb.
func (h *digestHandler) Format(f fmt.State, _ rune) {
	io.WriteString(f, "authclient.Digest([redacted])")
}

// digestChoice is the challenge a Digest handler answers.
type digestChoice struct {
	c   wwwauth.Digest
	alg digest.Algorithm
	qop string
}

// chooseDigest returns the challenge of cs with the strongest algorithm
// that can be answered.
func chooseDigest(cs []wwwauth.Challenge) (digestChoice, bool) {
	var best digestChoice
	for _, c := range cs {
		d, err := wwwauth.ParseDigest(c)
		if err != nil {
			continue
		}
		alg, ok := digest.Lookup(d.Algorithm)
		if !ok {
			continue
		}
		qop := ""
		for _, q := range d.QOP {
			switch {
			case grammar.EqualFold(q, "auth"):
				qop = "auth"
			case grammar.EqualFold(q, "auth-int") && qop == "":
				qop = "auth-int"
			}
		}
		if qop == "" {
			continue
		}
		if alg.Strength() > best.alg.Strength() {
			best = digestChoice{c: d, alg: alg, qop: qop}
		}
	}
	return best, best.alg.Valid()
}

func (h *digestHandler) Answer(_ context.Context, r *Refusal) (Session, error) {
	if r.Response.StatusCode == http.StatusForbidden {
		return nil, nil
	}
	ch, ok := chooseDigest(r.Challenges)
	if !ok {
		return nil, nil
	}
	if r.Again {
		// Our own credentials were refused: only a stale nonce is worth
		// another try, and only once.
		prev, _ := r.Previous.(*digestSession)
		if !ch.c.Stale || prev == nil || prev.renewal {
			return nil, nil
		}
	}
	s := &digestSession{
		alg:      ch.alg,
		algName:  ch.c.Algorithm,
		realm:    ch.c.Realm,
		nonce:    ch.c.Nonce,
		opaque:   ch.c.Opaque,
		qop:      ch.qop,
		proxy:    r.Response.StatusCode == http.StatusProxyAuthRequired,
		renewal:  r.Again,
		username: h.username,
		userHA1:  ch.alg.UserHA1(h.username, ch.c.Realm, h.password),
	}
	if ch.c.Userhash {
		s.username, s.userhash = ch.alg.Userhash(h.username, ch.c.Realm), true
	}
	if ch.alg.Sess() {
		s.cnonce = rand.Text()
	}
	return s, nil
}

// A digestSession answers one nonce. Its fields do not change after
// Answer, except nc.
type digestSession struct {
	alg                       digest.Algorithm
	algName                   string // as the challenge spelled it; "" if absent
	realm, nonce, opaque, qop string
	proxy, userhash, renewal  bool
	username                  string // the name sent: the user's, or its hash
	userHA1                   string // H(username:realm:password): a password equivalent
	cnonce                    string // for -sess only: the cnonce of every request
	nc                        atomic.Uint32
}

var (
	errNonceCount = errors.New("nonce count exhausted")
	errBodyLength = errors.New("qop=auth-int: request body longer than " + strconv.Itoa(maxAuthIntBody) + " bytes")
	errNoGetBody  = errors.New("qop=auth-int: request body cannot be read again (GetBody is nil)")
)

func (s *digestSession) Authorize(req *http.Request) (authz.Credentials, error) {
	n := s.nc.Add(1)
	if n == 0 {
		s.nc.Store(^uint32(0))
		return authz.Credentials{}, errNonceCount
	}
	cnonce := s.cnonce
	if cnonce == "" {
		cnonce = rand.Text()
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	uri := digestURI(req, s.proxy)
	var body []byte
	if s.qop == "auth-int" {
		var err error
		if body, err = authIntBody(req); err != nil {
			return authz.Credentials{}, err
		}
	}
	nc := fmt.Sprintf("%08x", n)
	ha1 := s.alg.HA1(s.userHA1, s.nonce, cnonce)
	ha2 := s.alg.HA2(method, uri, s.qop, body)
	d := authz.Digest{
		Username:  s.username,
		Realm:     s.realm,
		URI:       uri,
		Algorithm: s.algName,
		Nonce:     s.nonce,
		NC:        n,
		CNonce:    cnonce,
		QOP:       s.qop,
		Response:  s.alg.Response(ha1, s.nonce, nc, cnonce, s.qop, ha2),
		Opaque:    s.opaque,
		Userhash:  s.userhash,
	}
	return d.Credentials()
}

// Format writes the session without its secrets, for every verb.
func (s *digestSession) Format(f fmt.State, _ rune) {
	io.WriteString(f, "Digest session [redacted]")
}

// digestURI returns the request-target the request is sent with (RFC
// 9112, Section 3.2), which is what the uri parameter must be (RFC 7616,
// Section 3.4): the origin-form, or through a proxy the absolute-form, as
// net/http writes them.
func digestURI(req *http.Request, proxy bool) string {
	ruri := req.URL.RequestURI()
	if proxy && req.URL.Scheme != "" && req.URL.Opaque == "" {
		host := req.Host
		if host == "" {
			host = req.URL.Host
		}
		ruri = req.URL.Scheme + "://" + host + ruri
	}
	return ruri
}

// authIntBody returns the body of req, read through GetBody, for auth-int.
func authIntBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if req.GetBody == nil {
		return nil, errNoGetBody
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxAuthIntBody+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxAuthIntBody {
		return nil, errBodyLength
	}
	return b, nil
}
