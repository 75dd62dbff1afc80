package authclient

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/httpauth-go/httpauth/authz"
)

// Basic returns a [Handler] that answers Basic challenges ([RFC 7617])
// with the user-id and password. It answers a challenge once: if the
// server refuses the credentials, the caller gets the 401.
//
// The credentials are checked when a challenge is answered: a user-id
// with a colon, or either value with a control character or invalid UTF-8,
// makes RoundTrip fail with an error (from [authz.BasicCredentials]) that
// does not hold them. The user-id and password are sent in UTF-8, the
// only charset RFC 7617, Section 2.1 names. A [Transport] sends them only
// over https or to a loopback host, unless its AllowHTTP is set.
//
// The handler does not show the password when printed.
//
// [RFC 7617]: https://www.rfc-editor.org/rfc/rfc7617
func Basic(userID, password string) Handler {
	return &basicHandler{userID: userID, password: password}
}

type basicHandler struct {
	userID, password string
}

func (h *basicHandler) Scheme() string { return "Basic" }

func (h *basicHandler) Answer(_ context.Context, r *Refusal) (Session, error) {
	if r.Again || r.Response.StatusCode == http.StatusForbidden {
		// The same password would be refused again; a 403 is not
		// Basic's to answer.
		return nil, nil
	}
	c, err := authz.BasicCredentials(h.userID, h.password)
	if err != nil {
		return nil, err
	}
	return &basicSession{c: c}, nil
}

// Format writes the handler without its secrets, for every verb.
func (h *basicHandler) Format(f fmt.State, _ rune) { io.WriteString(f, "authclient.Basic([redacted])") }

type basicSession struct {
	c authz.Credentials
}

func (s *basicSession) Authorize(*http.Request) (authz.Credentials, error) { return s.c, nil }

// Format writes the session without its secrets, for every verb.
func (s *basicSession) Format(f fmt.State, _ rune) { io.WriteString(f, "Basic session [redacted]") }
