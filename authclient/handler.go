package authclient

import (
	"context"
	"net/http"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A Handler answers the challenges of one auth-scheme for a [Transport]:
// told what a server refused and why, it returns a [Session] that
// authorizes requests to that protection space, or declines.
//
// The package provides [Basic], [Digest] and [Bearer]; a caller adds
// another scheme (Negotiate, say) by implementing Handler. A Transport may
// call a Handler from several goroutines at once.
type Handler interface {
	// Scheme returns the auth-scheme the handler answers, such as
	// "Digest". The Transport compares it case-insensitively with the
	// schemes of the challenges (RFC 9110, Section 11.1).
	Scheme() string

	// Answer answers the challenges of r. It returns a nil Session and
	// a nil error to decline: the Transport then asks the next handler
	// whose scheme the server offered or, if none answers, returns the
	// response as it came. An error ends the round trip: RoundTrip
	// returns it, wrapped, and closes the response.
	Answer(ctx context.Context, r *Refusal) (Session, error)
}

// A Session authorizes requests to the protection space its [Handler]
// answered: the one whose challenge it answered, and later ones to the
// same space, which the [Transport] authenticates pre-emptively. It holds
// what the scheme needs from one request to the next, such as Digest's
// nonce and nonce count. A Transport may call a Session from several
// goroutines at once.
type Session interface {
	// Authorize returns the credentials for req. It must not modify
	// req, and may read its body only through req.GetBody. The
	// Transport writes the credentials into Authorization, or into
	// Proxy-Authorization for a proxy.
	Authorize(req *http.Request) (authz.Credentials, error)
}

// A Refusal is what a [Transport] tells a [Handler] about a response that
// asks for authentication: a 401 (Unauthorized), a 407 (Proxy
// Authentication Required) or a 403 (Forbidden) with a challenge.
type Refusal struct {
	// Response is the response. Its Request is the caller's request
	// (the one given to RoundTrip, without the credentials the
	// Transport added), and its body must not be read: the Transport
	// returns the response untouched if no handler answers.
	Response *http.Response

	// Challenges are the challenges of the handler's scheme, in the order
	// the response sent them: those of Proxy-Authenticate for a 407, of
	// WWW-Authenticate otherwise. They were parsed leniently
	// ([wwwauth.ParseResponse]): check their parameters.
	Challenges []wwwauth.Challenge

	// Previous is this handler's Session whose credentials the refused
	// request carried, or nil if it carried none of this handler's.
	Previous Session

	// Again reports that Previous answered a challenge earlier in this
	// same round trip, and the server refused its credentials anyway. A
	// handler answers again only if the challenge says why credentials
	// from the same secret would now pass, such as Digest's stale=true
	// (a new nonce) or Bearer's error="invalid_token" (a new token), and
	// only once for that cause. Otherwise it declines, and the caller
	// gets the refusal.
	Again bool
}
