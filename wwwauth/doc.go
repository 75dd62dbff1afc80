// Package wwwauth parses and serializes HTTP authentication challenges: the
// WWW-Authenticate and Proxy-Authenticate header fields of
// [RFC 9110, Section 11], and the Authentication-Info field.
//
// A client reads the challenges of a 401 response with [Parse] (or
// [ParseLines] for Proxy-Authenticate) and looks up what it needs with
// [Challenge.Param], or [Lookup] for one value without building the rest.
// [ParseResponse] does the whole client side of an OAuth 2.0 protected
// resource (RFC 6750, RFC 9728, MCP): the challenges of a 401, 403 or 407
// response, parsed leniently, with the resource_metadata URL, the scopes
// asked for and the error code.
//
// A server builds a [Challenge], or a typed model ([Bearer], [DPoP],
// [Basic], [Digest]) that checks what its RFC requires, and writes it with
// [Set] or [SetProxy]; whatever a typed parser accepts, the typed model
// writes back.
//
// # Strict and lenient parsing
//
// The package-level parsing functions, except [ParseResponse], are strict:
// they accept exactly the grammar of
// RFC 9110 and return a [*httpauth.SyntaxError] naming the line, the byte offset and
// what was expected on anything else, with no partial result. A [Parser]
// with Lenient set recovers the obvious meaning of the malformed headers real
// servers send (a comma right after the scheme, parameters separated by
// spaces or not at all after a quoted-string, unquoted URLs, an
// unterminated quoted-string, a padded token68 followed by junk, an
// obs-fold line break, which RFC 9110, Section 5.5 lets a recipient
// replace with SP, and so on) and
// returns the challenges and a nil error; its Recovered function, if set,
// is told of every recovery. On input that strict parsing accepts, lenient parsing returns
// exactly the same result and no error.
//
// # Limits
//
// Parsing takes time linear in the input and memory bounded by a small
// multiple of it. A [Parser] also bounds the field length, the number of
// challenges and the number of parameters per challenge; see [Parser] for
// the defaults.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
package wwwauth
