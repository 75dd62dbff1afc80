package resourceserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
)

// MaxDocumentSize bounds the metadata documents [Fetch] reads: real ones
// are a few hundred bytes.
const MaxDocumentSize = 1 << 20

// ErrFetch is the cause of the errors [Fetch] returns when the response
// is not a metadata document: a status other than 200, a content type
// other than application/json, a body larger than [MaxDocumentSize], or a
// body that is not a JSON object of metadata.
var ErrFetch = errors.New("resourceserver: cannot fetch protected resource metadata")

// Fetch gets the metadata document at metadataURL with client
// ([http.DefaultClient] if nil), as [RFC 9728, Section 3.1] describes, and
// returns it once it has checked that:
//
//   - metadataURL is an absolute https URL, or http on a loopback host,
//     without fragment and userinfo (an error wrapping
//     [ErrInvalidResource]);
//   - the response is a 200 with Content-Type application/json and a JSON
//     object of at most [MaxDocumentSize] bytes (an error wrapping
//     [ErrFetch]);
//   - its resource is resource, the identifier the client used
//     ([CheckResource], an error wrapping [ErrResourceMismatch]);
//   - the document is valid ([Metadata.Validate], a [*FieldError]).
//
// The resource check is what RFC 9728, Section 3.3 requires before a
// client uses anything in the document: it stops a resource from sending
// clients to another resource's authorization servers. Network errors are
// returned as the client returns them.
//
// [RFC 9728, Section 3.1]: https://www.rfc-editor.org/rfc/rfc9728#section-3.1
func Fetch(ctx context.Context, client *http.Client, metadataURL, resource string) (*Metadata, error) {
	if _, _, _, err := split(metadataURL); err != nil {
		return nil, err
	}
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, metadataURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// Drain a little so that the connection can be reused.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil, fmt.Errorf("%w: status %d", ErrFetch, resp.StatusCode)
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, fmt.Errorf("%w: content type is not application/json", ErrFetch)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxDocumentSize+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: document larger than %d bytes", ErrFetch, MaxDocumentSize)
	}
	var m Metadata
	if err := json.Unmarshal(body, &m); err != nil {
		// The json error may quote the document; keep only its kind.
		return nil, fmt.Errorf("%w: body is not a JSON object of metadata", ErrFetch)
	}
	if err := CheckResource(m.Resource, resource); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}
