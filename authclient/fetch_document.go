package authclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
)

// maxDocumentSize bounds the metadata documents this package reads: real
// ones are a few hundred bytes.
const maxDocumentSize = 1 << 20

// A fetchError is the error of a fetch: which document and which URL
// (named by its role, such as "root well-known URL", never by its text),
// a fixed reason, and the cause, which is one of the package's sentinels
// or, for a request that failed, the client's error. The cause is there
// for [errors.Is] and [errors.As]; Error leaves its text out, because a
// network error quotes the URL, and the URL may have come from a
// document.
type fetchError struct {
	what   string
	reason string
	err    error
}

func (e *fetchError) Error() string { return "authclient: " + e.what + ": " + e.reason }
func (e *fetchError) Unwrap() error { return e.err }

// fetchJSON gets rawURL with client, asking for JSON, and returns the
// body of the response if it is a 200 with the media type
// application/json and at most maxDocumentSize bytes that start a JSON
// object. Otherwise it returns a fixed reason and a cause:
//
//   - ErrNotFound for a 4xx status, or a 200 whose content type is not
//     application/json (a server that answers every path with an HTML
//     page): the document is not at this URL, and a caller may try the
//     next one;
//   - ErrInvalidMetadata for any other status, a larger body, or a body
//     that is not a JSON object;
//   - the client's error for a request that failed, with a reason that
//     says how (refused, timed out, ...) without quoting it.
//
// No reason quotes the response: not its body, not its content type.
func fetchJSON(ctx context.Context, client *http.Client, rawURL string) (body []byte, reason string, cause error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, "not a URL a request can be made to", ErrInvalidMetadata
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, describeRequestError(err), err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// Drain a little so that the connection can be reused.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		reason := "status " + strconv.Itoa(resp.StatusCode)
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return nil, reason, ErrNotFound
		}
		return nil, reason, ErrInvalidMetadata
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, "content type is not application/json", ErrNotFound
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxDocumentSize+1))
	if err != nil {
		return nil, "reading the body: " + describeRequestError(err), err
	}
	if len(body) > maxDocumentSize {
		return nil, "document larger than " + strconv.Itoa(maxDocumentSize) + " bytes", ErrInvalidMetadata
	}
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, "body is not a JSON object", ErrInvalidMetadata
	}
	return body, "", nil
}

// describeRequestError says how a request failed, in a fixed phrase:
// the reason of a refusal, or the kind of failure. It never quotes err,
// whose text holds the URL and what the resolver or the server said.
func describeRequestError(err error) string {
	var refused *refusedError
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var netErr net.Error
	switch {
	case errors.As(err, &refused):
		return "refused: " + refused.reason
	case errors.Is(err, errTooManyRedirects):
		return "too many redirects"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &dnsErr):
		return "host name not resolved"
	case errors.As(err, &certErr), errors.As(err, &unknownAuthority), errors.As(err, &hostnameErr):
		return "TLS certificate not valid for the host"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed before the end of the response"
	}
	return "request failed"
}
