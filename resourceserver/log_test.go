package resourceserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// TestErrorLog checks the line a verifier failure logs: by default what
// can be said without the error's text (its types and the causes whose
// text is fixed), and with LogErrorText the text with the token's forms
// replaced.
func TestErrorLog(t *testing.T) {
	const token = "mF_9.B5f-4.1JqM+Tx/Zz9w=="
	introspection := &url.Error{Op: "Get", URL: "https://as.example.com/tokeninfo?access_token=" + url.QueryEscape(token),
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	timeout := &url.Error{Op: "Post", URL: "https://as.example.com/introspect", Err: &net.DNSError{Err: "i/o timeout", Name: "as.example.com", IsTimeout: true}}
	tests := []struct {
		name    string
		comment string
		err     error
		text    bool // LogErrorText
		want    map[string]string
	}{
		{name: "introspection", comment: "the issue's case: the token percent-encoded in a URL",
			err: fmt.Errorf("introspect: %w", introspection),
			want: map[string]string{"error_types": "*fmt.wrapError > *url.Error > *net.OpError > *os.SyscallError > syscall.Errno",
				"causes": "connection refused"}},
		{name: "introspection-text", comment: "opted in: the text, with the percent-encoded token replaced",
			err: fmt.Errorf("introspect: %w", introspection), text: true,
			want: map[string]string{"error_types": "*fmt.wrapError > *url.Error > *net.OpError > *os.SyscallError > syscall.Errno",
				"causes": "connection refused",
				"error":  `introspect: Get "https://as.example.com/tokeninfo?access_token=[redacted]": dial tcp: connect: connection refused`}},
		{name: "timeout", comment: "an error that reports a timeout",
			err:  timeout,
			want: map[string]string{"error_types": "*url.Error > *net.DNSError", "causes": "timeout"}},
		{name: "deadline", comment: "a context error",
			err:  fmt.Errorf("%s: %w", token, context.DeadlineExceeded),
			want: map[string]string{"error_types": "*fmt.wrapError > context.deadlineExceededError", "causes": "context deadline exceeded"}},
		{name: "joined", comment: "every branch of a joined error, each type once",
			err:  errors.Join(errors.New(token), errors.New(token), context.Canceled),
			want: map[string]string{"error_types": "*errors.joinError > *errors.errorString", "causes": "context canceled"}},
		{name: "plain", comment: "no known cause: the type alone",
			err:  errors.New("lookup of " + token + " failed"),
			want: map[string]string{"error_types": "*errors.errorString"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			verify := func(*http.Request, string) (resourceserver.TokenInfo, error) {
				return resourceserver.TokenInfo{}, tc.err
			}
			h := resourceserver.RequireBearer(verify, resourceserver.Options{Realm: "api",
				ErrorLog: slog.New(slog.NewJSONHandler(&logs, nil)), LogErrorText: tc.text})(http.NotFoundHandler())
			req := httptest.NewRequest("GET", "/mcp", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusInternalServerError {
				t.Errorf("%s: status %d, want 500", tc.comment, rec.Code)
			}
			var got map[string]string
			if err := json.Unmarshal(logs.Bytes(), &got); err != nil {
				t.Fatalf("%s: log %q: %v", tc.comment, logs.String(), err)
			}
			delete(got, "time")
			want := map[string]string{"level": "ERROR", "msg": "resourceserver: cannot check the request's credentials", "method": "GET", "path": "/mcp"}
			for k, v := range tc.want {
				want[k] = v
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: log line mismatch (-want +got):\n%s", tc.comment, diff)
			}
		})
	}
}
