package benchcmp

// Everything that references our own packages lives in this one file, so the
// peers' side builds and runs alone when it is moved aside.

import (
	"net/http"
	"testing"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
	"github.com/httpauth-go/httpauth/wwwauth"
)

var (
	sinkOurs      []wwwauth.Challenge
	sinkOursCreds authz.Credentials
)

func init() {
	register(oursImpl)
	registerMiddleware(oursMiddleware)
}

// Our parser: wwwauth.ParseString for WWW-Authenticate values,
// authz.ParseString for Authorization values. Params come back in order, with
// names as received and values unescaped.
var oursImpl = &impl{
	name:    "ours",
	call:    "`wwwauth.ParseString(s)` (WWW-Authenticate) or `authz.ParseString(s)` (Authorization), straight on the string; no base64 decoding of a Basic token68.",
	applies: always,
	parse: func(in *input) (result, error) {
		if in.field == authorization {
			c, err := authz.ParseString(in.value)
			if err != nil {
				return result{}, err
			}
			ch := chal{Scheme: c.Scheme, Token68: c.Token68}
			for _, p := range c.Params {
				ch.Params = append(ch.Params, param{p.Name, p.Value})
			}
			return result{chals: []chal{ch}}, nil
		}
		cs, err := wwwauth.ParseString(in.value)
		if err != nil {
			return result{}, err
		}
		var res result
		for _, c := range cs {
			ch := chal{Scheme: c.Scheme, Token68: c.Token68}
			for _, p := range c.Params {
				ch.Params = append(ch.Params, param{p.Name, p.Value})
			}
			res.chals = append(res.chals, ch)
		}
		return res, nil
	},
	bench: func(b *testing.B, in *input) {
		s := in.value
		if in.field == authorization {
			for b.Loop() {
				sinkOursCreds, sinkErr = authz.ParseString(s)
			}
			return
		}
		for b.Loop() {
			sinkOurs, sinkErr = wwwauth.ParseString(s)
		}
	},
}

// Our middleware, resourceserver.RequireBearer, configured as the SDK's is
// in middleware_test.go.
var oursMiddleware = &mwImpl{
	name: "ours",
	call: "`resourceserver.RequireBearer(verify, resourceserver.Options{ResourceMetadata: rm, Scopes: scopes})(next).ServeHTTP(w, r)`",
	handler: func() http.Handler {
		info := resourceserver.TokenInfo{Scopes: mwScopes, Expiry: mwExpiry, Subject: mwSubject}
		verify := func(_ *http.Request, token string) (resourceserver.TokenInfo, error) {
			if token == mwGoodToken {
				return info, nil
			}
			return resourceserver.TokenInfo{}, resourceserver.ErrInvalidToken
		}
		next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if ti, ok := resourceserver.TokenInfoFrom(r.Context()); !ok || ti.Subject != mwSubject {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		return resourceserver.RequireBearer(verify, resourceserver.Options{ResourceMetadata: mwResourceMetadata, Scopes: mwScopes})(next)
	},
}
