package main

// The typed view in JSON: what the text output prints under "as Bearer:"
// and the like, as the "typed" member of each challenge or credentials.
// parseUsage documents the shape. Secrets are redacted as in the text
// output, unless --show-secrets.

import (
	"fmt"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// jsonTyped is the typed view of a challenge of a scheme the library
// models. A member is left out when the parameter is absent; a string
// member is "" only for a parameter sent empty (realm="").
type jsonTyped struct {
	Model  string `json:"model"` // Bearer, DPoP, Basic or Digest
	Valid  bool   `json:"valid"`
	Reason string `json:"reason,omitempty"` // why the model does not hold

	Realm            *string          `json:"realm,omitempty"`
	Scope            []string         `json:"scope,omitempty"`
	Error            *jsonErrorCode   `json:"error,omitempty"`
	ErrorDescription *string          `json:"error_description,omitempty"`
	ErrorURI         *string          `json:"error_uri,omitempty"`
	ResourceMetadata *jsonMetadataURL `json:"resource_metadata,omitempty"`
	MaxAge           *int             `json:"max_age,omitempty"`
	ACRValues        []string         `json:"acr_values,omitempty"`
	Algs             []string         `json:"algs,omitempty"`
	Domain           []string         `json:"domain,omitempty"`
	Nonce            *string          `json:"nonce,omitempty"`
	Opaque           *string          `json:"opaque,omitempty"`
	Stale            bool             `json:"stale,omitempty"`
	Algorithm        *string          `json:"algorithm,omitempty"` // absent: MD5, for Digest
	QOP              []string         `json:"qop,omitempty"`
	Charset          *string          `json:"charset,omitempty"`
	Userhash         bool             `json:"userhash,omitempty"`
	Other            []jsonParam      `json:"other,omitempty"`
	Note             string           `json:"note,omitempty"`
}

// jsonTypedCredentials is the typed view of credentials of a scheme the
// library models, with secrets "[redacted]" unless --show-secrets.
type jsonTypedCredentials struct {
	Model  string `json:"model"` // Bearer, DPoP, Basic or Digest
	Valid  bool   `json:"valid"`
	Reason string `json:"reason,omitempty"` // why the model does not hold

	Token       *string `json:"token,omitempty"` // Bearer, DPoP
	UserID      *string `json:"user_id,omitempty"`
	Password    *string `json:"password,omitempty"`
	Username    *string `json:"username,omitempty"` // Digest
	Userhash    bool    `json:"userhash,omitempty"`
	Realm       *string `json:"realm,omitempty"`
	URI         *string `json:"uri,omitempty"`
	Algorithm   *string `json:"algorithm,omitempty"` // absent: MD5
	Nonce       *string `json:"nonce,omitempty"`
	QOP         *string `json:"qop,omitempty"`
	NC          *string `json:"nc,omitempty"`
	CNonce      *string `json:"cnonce,omitempty"`
	Response    *string `json:"response,omitempty"`
	Opaque      *string `json:"opaque,omitempty"`
	OtherParams int     `json:"other_params,omitempty"` // how many parameters Digest does not define
	Note        string  `json:"note,omitempty"`
}

// jsonErrorCode is the error parameter of a Bearer or DPoP challenge: the
// code, and the status its RFC prescribes (null for a code no RFC defines).
type jsonErrorCode struct {
	Code   string `json:"code"`
	Status *int   `json:"status"`
}

// jsonMetadataURL is the resource_metadata parameter (RFC 9728, Section
// 5.1) and whether a client may fetch it: an absolute https URL, or http
// on a loopback host, with no fragment and no userinfo.
type jsonMetadataURL struct {
	URL       string `json:"url"`
	Fetchable bool   `json:"fetchable"`
	Reason    string `json:"reason,omitempty"` // why not
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// nonEmpty returns a pointer to s, or nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// realmOf returns the realm of c as a model read it, or nil if c has no
// realm parameter: realm="" is an empty realm, not an absent one.
func realmOf(c wwwauth.Challenge, realm string) *string {
	if _, ok := c.Param("realm"); !ok {
		return nil
	}
	return &realm
}

// errorCodeOf returns the JSON of an error code, or nil for none.
func errorCodeOf(code wwwauth.ErrorCode) *jsonErrorCode {
	if code == "" {
		return nil
	}
	e := &jsonErrorCode{Code: string(code)}
	if s := code.Status(); s != 0 {
		e.Status = &s
	}
	return e
}

// metadataURLOf returns the resource_metadata parameter of c and whether
// it may be fetched, or nil if c has none. A typed view that does not hold
// still shows it: whether a client can fetch it is what it needs to know.
func metadataURLOf(c wwwauth.Challenge) *jsonMetadataURL {
	v, ok := c.Param("resource_metadata")
	if !ok {
		return nil
	}
	m := &jsonMetadataURL{URL: v, Fetchable: true}
	if _, err := oauthsyntax.CheckFetchURL(v); err != nil {
		m.Fetchable, m.Reason = false, "resource_metadata "+err.Error()
	}
	return m
}

// otherOf returns the parameters a model does not define.
func otherOf(ps []wwwauth.Param) []jsonParam {
	var out []jsonParam
	for _, p := range ps {
		out = append(out, jsonParam{p.Name, p.Value})
	}
	return out
}

// typedChallengeJSON returns the typed view of c, a challenge of field, or
// nil if no model covers its scheme.
func typedChallengeJSON(field string, c wwwauth.Challenge) *jsonTyped {
	t := &jsonTyped{Model: typedScheme(c), Valid: true}
	var err error
	switch {
	case c.Is("Bearer"):
		var b wwwauth.Bearer
		if b, err = wwwauth.ParseBearer(c); err != nil {
			break
		}
		t.Realm = realmOf(c, b.Realm)
		t.Scope = b.Scope
		t.Error = errorCodeOf(b.Error)
		t.ErrorDescription = nonEmpty(b.ErrorDescription)
		t.ErrorURI = nonEmpty(b.ErrorURI)
		t.MaxAge = b.MaxAge
		t.ACRValues = b.ACRValues
		t.Other = otherOf(b.Other)
	case c.Is("DPoP"):
		var d wwwauth.DPoP
		if d, err = wwwauth.ParseDPoP(c); err != nil {
			break
		}
		t.Realm = realmOf(c, d.Realm)
		t.Scope = d.Scope
		t.Error = errorCodeOf(d.Error)
		t.ErrorDescription = nonEmpty(d.ErrorDescription)
		t.ErrorURI = nonEmpty(d.ErrorURI)
		t.Algs = d.Algs
		t.Other = otherOf(d.Other)
		if field == "Proxy-Authenticate" {
			t.Note = "RFC 9449, Section 7.1 forbids DPoP in Proxy-Authenticate"
		}
	case c.Is("Basic"):
		var b wwwauth.Basic
		if b, err = wwwauth.ParseBasic(c); err != nil {
			break
		}
		t.Realm = realmOf(c, b.Realm)
		if t.Realm == nil {
			t.Note = "no realm: RFC 7617 requires one"
		}
		t.Charset = nonEmpty(b.Charset)
		t.Other = otherOf(b.Other)
	case c.Is("Digest"):
		var d wwwauth.Digest
		if d, err = wwwauth.ParseDigest(c); err != nil {
			break
		}
		t.Realm = realmOf(c, d.Realm)
		if t.Realm == nil {
			t.Note = "no realm: RFC 7616 requires one"
		}
		t.Domain = d.Domain
		t.Nonce = nonEmpty(d.Nonce)
		t.Opaque = nonEmpty(d.Opaque)
		t.Stale = d.Stale
		t.Algorithm = nonEmpty(d.Algorithm)
		t.QOP = d.QOP
		t.Charset = nonEmpty(d.Charset)
		t.Userhash = d.Userhash
		t.Other = otherOf(d.Other)
	default:
		return nil
	}
	if c.Is("Bearer") || c.Is("DPoP") {
		t.ResourceMetadata = metadataURLOf(c)
	}
	if err != nil {
		*t = jsonTyped{Model: t.Model, Reason: typedError(err), ResourceMetadata: t.ResourceMetadata}
	}
	return t
}

// typedCredentialsJSON returns the typed view of c, or nil if no model
// covers its scheme. Secrets are "[redacted]" unless --show-secrets.
func typedCredentialsJSON(opts parseOptions, c authz.Credentials) *jsonTypedCredentials {
	t := &jsonTypedCredentials{Valid: true}
	secret := func(v string) *string {
		if opts.showSecrets {
			return &v
		}
		return ptr("[redacted]")
	}
	var err error
	switch {
	case c.Is("Bearer"):
		t.Model = "Bearer"
		var token string
		if token, err = authz.ParseBearer(c); err == nil {
			t.Token = secret(token)
		}
	case c.Is("DPoP"):
		t.Model = "DPoP"
		var token string
		if token, err = authz.ParseDPoP(c); err == nil {
			t.Token = secret(token)
			t.Note = "the proof of possession travels in the DPoP header field"
		}
	case c.Is("Basic"):
		t.Model = "Basic"
		var user, password string
		if user, password, err = authz.ParseBasic(c); err == nil {
			t.UserID, t.Password = &user, secret(password)
		}
	case c.Is("Digest"):
		t.Model = "Digest"
		var d authz.Digest
		if d, err = authz.ParseDigest(c); err != nil {
			break
		}
		t.Username, t.Userhash, t.Realm = &d.Username, d.Userhash, &d.Realm
		t.URI = secret(d.URI) // a query may hold a secret
		t.Algorithm = nonEmpty(d.Algorithm)
		t.Nonce = secret(d.Nonce)
		if d.QOP != "" {
			t.QOP = &d.QOP
			t.NC = ptr(fmt.Sprintf("%08x", d.NC))
			t.CNonce = secret(d.CNonce)
		}
		t.Response = secret(d.Response)
		if d.Opaque != "" {
			t.Opaque = secret(d.Opaque)
		}
		t.OtherParams = len(d.Other)
	default:
		return nil
	}
	if err != nil {
		return &jsonTypedCredentials{Model: t.Model, Reason: typedError(err)}
	}
	return t
}
