package benchcmp

import (
	"encoding/base64"
	"errors"
	"net/http"
	"testing"

	containerdauth "github.com/containerd/containerd/v2/core/remotes/docker/auth"
	dockerchallenge "github.com/docker/distribution/registry/client/auth/challenge"
	httpauthchallenge "github.com/josegomezr/go-http-auth-challenge"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
)

// Sinks keep each measured call's result alive.
var (
	sinkDocker     []dockerchallenge.Challenge
	sinkContainerd []containerdauth.Challenge
	sinkMCP        []oauthex.Challenge
	sinkJose       []httpauthchallenge.Challenge
	sinkJoseAuthz  httpauthchallenge.Authorization
	sinkErr        error
	sinkUser       string
	sinkPass       string
	sinkOK         bool
)

func init() {
	register(dockerImpl)
	register(containerdImpl)
	register(mcpImpl)
	register(joseImpl)
	register(nethttpImpl)
}

// github.com/docker/distribution v2.8.3+incompatible,
// registry/client/auth/challenge. Its only exported parser is
// ResponseChallenges(*http.Response) (Manager.AddResponse wraps it). It reads
// one challenge per WWW-Authenticate field line, lower-cases the scheme and
// the param names, and keeps params in a map.
var dockerImpl = &impl{
	name:    "docker",
	call:    "`challenge.ResponseChallenges(resp)`; the `*http.Response` (StatusCode 401, Header{\"Www-Authenticate\": {s}}) is built outside the loop. Includes the status check, the header map lookup and its CanonicalHeaderKey call.",
	applies: challengesOnly,
	parse: func(in *input) (result, error) {
		cs := dockerchallenge.ResponseChallenges(dockerResponse(in.value))
		res := result{unordered: true}
		for _, c := range cs {
			res.chals = append(res.chals, chal{Scheme: c.Scheme, Params: mapParams(c.Parameters, "")})
		}
		return res, nil
	},
	bench: func(b *testing.B, in *input) {
		resp := dockerResponse(in.value)
		for b.Loop() {
			sinkDocker = dockerchallenge.ResponseChallenges(resp)
		}
	},
}

func dockerResponse(s string) *http.Response {
	return &http.Response{
		StatusCode: http.StatusUnauthorized,
		Header:     http.Header{"Www-Authenticate": {s}},
	}
}

// github.com/containerd/containerd/v2 v2.4.2, core/remotes/docker/auth.
// ParseAuthHeader(http.Header) is a copy of docker's parser that also drops
// every scheme other than basic, digest and bearer, returns the scheme as an
// enum, and sorts the challenges bearer > digest > basic.
var containerdImpl = &impl{
	name:    "containerd",
	call:    "`auth.ParseAuthHeader(h)`; the `http.Header{\"Www-Authenticate\": {s}}` is built outside the loop. Includes the header map lookup and its CanonicalHeaderKey call, and the final sort.Stable.",
	applies: challengesOnly,
	parse: func(in *input) (result, error) {
		cs := containerdauth.ParseAuthHeader(http.Header{"Www-Authenticate": {in.value}})
		res := result{unordered: true}
		for _, c := range cs {
			var scheme string
			switch c.Scheme {
			case containerdauth.BasicAuth:
				scheme = "basic"
			case containerdauth.DigestAuth:
				scheme = "digest"
			case containerdauth.BearerAuth:
				scheme = "bearer"
			default:
				scheme = "?"
			}
			res.chals = append(res.chals, chal{Scheme: scheme, Params: mapParams(c.Parameters, "")})
		}
		return res, nil
	},
	bench: func(b *testing.B, in *input) {
		h := http.Header{"Www-Authenticate": {in.value}}
		for b.Loop() {
			sinkContainerd = containerdauth.ParseAuthHeader(h)
		}
	},
}

// github.com/modelcontextprotocol/go-sdk v1.8.0, oauthex.
// ParseWWWAuthenticate(headers []string) ([]Challenge, error): splits each
// field value into challenges, lower-cases scheme and param names, keeps
// params in a map. It has no token68 form.
var mcpImpl = &impl{
	name:    "mcp-sdk",
	call:    "`oauthex.ParseWWWAuthenticate(hs)`; the `[]string{s}` is built outside the loop.",
	applies: challengesOnly,
	parse: func(in *input) (result, error) {
		cs, err := oauthex.ParseWWWAuthenticate([]string{in.value})
		if err != nil {
			return result{}, err
		}
		res := result{unordered: true}
		for _, c := range cs {
			res.chals = append(res.chals, chal{Scheme: c.Scheme, Params: mapParams(c.Params, "")})
		}
		return res, nil
	},
	bench: func(b *testing.B, in *input) {
		hs := []string{in.value}
		for b.Loop() {
			sinkMCP, sinkErr = oauthex.ParseWWWAuthenticate(hs)
		}
	},
}

// github.com/josegomezr/go-http-auth-challenge v0.3.0 (package http_auth).
// ParseChallenges(string) for challenges, ParseAuthorization(string) for
// credentials. Params go in a map under their names as sent; a token68 is
// stored as the param named TokenParameterName (":TOKEN68:"); quoted values
// are unescaped with strconv.Unquote (Go syntax), left quoted when that fails.
var joseImpl = &impl{
	name:    "josegomezr",
	call:    "`http_auth.ParseChallenges(s)` (WWW-Authenticate) or `http_auth.ParseAuthorization(s)` (Authorization), straight on the string.",
	applies: always,
	parse: func(in *input) (result, error) {
		var cs []httpauthchallenge.Challenge
		if in.field == authorization {
			c, err := httpauthchallenge.ParseAuthorization(in.value)
			if err != nil {
				return result{}, err
			}
			cs = []httpauthchallenge.Challenge{c}
		} else {
			var err error
			cs, err = httpauthchallenge.ParseChallenges(in.value)
			if err != nil {
				return result{}, err
			}
		}
		res := result{unordered: true}
		for _, c := range cs {
			tok := c.Params[httpauthchallenge.TokenParameterName]
			res.chals = append(res.chals, chal{
				Scheme:  c.Scheme,
				Token68: tok,
				Params:  mapParams(c.Params, httpauthchallenge.TokenParameterName),
			})
		}
		return res, nil
	},
	bench: func(b *testing.B, in *input) {
		s := in.value
		if in.field == authorization {
			for b.Loop() {
				sinkJoseAuthz, sinkErr = httpauthchallenge.ParseAuthorization(s)
			}
			return
		}
		for b.Loop() {
			sinkJose, sinkErr = httpauthchallenge.ParseChallenges(s)
		}
	},
}

// net/http's (*Request).BasicAuth: Basic credentials only. It decodes the
// token68 (base64) and splits user:password, which our parser does not do;
// for the judgment its result is re-encoded into a Basic token68.
var nethttpImpl = &impl{
	name: "nethttp",
	call: "`req.BasicAuth()`; the `*http.Request` with Header{\"Authorization\": {s}} is built outside the loop. Includes the header lookup, the base64 decoding and the split at ':' (more work than a parse).",
	applies: func(in *input) bool {
		return in.field == authorization && len(in.want) == 1 && in.want[0].Scheme == "Basic"
	},
	parse: func(in *input) (result, error) {
		user, pass, ok := basicRequest(in.value).BasicAuth()
		if !ok {
			return result{}, errors.New("BasicAuth: ok == false")
		}
		tok := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
		return result{
			chals: []chal{{Scheme: "Basic", Token68: tok}},
			note:  "user=" + user + " password=" + pass,
		}, nil
	},
	bench: func(b *testing.B, in *input) {
		req := basicRequest(in.value)
		for b.Loop() {
			sinkUser, sinkPass, sinkOK = req.BasicAuth()
		}
	},
}

func basicRequest(s string) *http.Request {
	return &http.Request{Header: http.Header{"Authorization": {s}}}
}
