package benchcmp

// Everything that references our own packages lives in this one file, so the
// peers' side builds and runs alone when it is moved aside.

import (
	"testing"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

var (
	sinkOurs      []wwwauth.Challenge
	sinkOursCreds authz.Credentials
)

func init() { register(oursImpl) }

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
