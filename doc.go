// Package httpauth is the root of a module that parses and serializes HTTP
// authentication header fields as RFC 9110, Section 11 defines them.
//
// The work is done by two packages:
//
//   - [github.com/httpauth-go/httpauth/wwwauth] reads and writes challenges:
//     the WWW-Authenticate and Proxy-Authenticate fields a server sends with
//     a 401 or 407 response, and the Authentication-Info field.
//   - [github.com/httpauth-go/httpauth/authz] reads and writes credentials:
//     the Authorization and Proxy-Authorization fields a client sends; and
//     its RequireBearer middleware answers for an OAuth 2.0 protected
//     resource (an MCP server, say) with the right 401 or 403.
//   - [github.com/httpauth-go/httpauth/prm] serves and fetches the OAuth 2.0
//     protected resource metadata of RFC 9728, where a Bearer challenge's
//     resource_metadata parameter points.
//
// This package holds no code of its own; it exists for this overview and for
// the module's fuzz targets.
package httpauth
