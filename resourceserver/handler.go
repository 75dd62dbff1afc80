package resourceserver

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// NewHandler returns an [http.Handler] that serves m as JSON, as
// [RFC 9728, Section 3.2] describes: a GET or HEAD gets 200 with
// Content-Type application/json. It returns the [Metadata.Validate] error
// if m is invalid.
//
// The document is public, and browser-based clients fetch it from other
// origins, so the handler allows any origin (Access-Control-Allow-Origin:
// *) and answers CORS preflight OPTIONS requests with 204. Other methods
// get 405. The handler does not look at the path: mount it at
// [MetadataPath], with a pattern that names no method (mux.Handle(path,
// h), not "GET "+path, which would send the preflight a 405 from the
// mux, without CORS headers).
//
// [RFC 9728, Section 3.2]: https://www.rfc-editor.org/rfc/rfc9728#section-3.2
func NewHandler(m Metadata) (http.Handler, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	body, err := json.Marshal(m)
	if err != nil {
		return nil, err // unreachable: Metadata holds strings, slices and bools
	}
	return &handler{body: append(body, '\n')}, nil
}

type handler struct {
	body []byte
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", "*")
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		hd.Set("Content-Type", "application/json")
		hd.Set("Content-Length", strconv.Itoa(len(h.body)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			w.Write(h.body)
		}
	case http.MethodOptions:
		hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		hd.Set("Access-Control-Allow-Headers", "*")
		hd.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
	default:
		hd.Set("Allow", "GET, HEAD, OPTIONS")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	}
}
