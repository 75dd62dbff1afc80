package resourceserver

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// secretForms returns the forms of secret that a verifier's error may
// carry and that the middleware keeps out of what it writes: as written,
// percent-encoded for a query and for a path (with upper- and lower-case
// hex digits), in standard and URL base64 with and without padding, and
// in lower- and upper-case hex. Forms that equal an earlier one are left
// out; an empty secret has none.
func secretForms(secret string) []string {
	if secret == "" {
		return nil
	}
	b := []byte(secret)
	h := hex.EncodeToString(b)
	forms := []string{
		secret,
		url.QueryEscape(secret),
		url.PathEscape(secret),
		base64.StdEncoding.EncodeToString(b),
		base64.RawStdEncoding.EncodeToString(b),
		base64.URLEncoding.EncodeToString(b),
		base64.RawURLEncoding.EncodeToString(b),
		h,
		strings.ToUpper(h),
	}
	forms = append(forms, lowerHexEscapes(forms[1]), lowerHexEscapes(forms[2]))
	out := forms[:0]
	for _, f := range forms {
		if !containsString(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// lowerHexEscapes returns s with the hex digits of its percent-escapes in
// lower case, as some encoders write them.
func lowerHexEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if 'A' <= b[j] && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// leaks reports whether text holds a form of one of secrets (see
// secretForms).
func leaks(text string, secrets ...string) bool {
	for _, s := range secrets {
		for _, f := range secretForms(s) {
			if strings.Contains(text, f) {
				return true
			}
		}
	}
	return false
}

// scrub returns text with every form of secrets replaced by "[redacted]",
// the longest forms first so that a form containing another goes whole.
func scrub(text string, secrets ...string) string {
	var forms []string
	for _, s := range secrets {
		forms = append(forms, secretForms(s)...)
	}
	// Insertion sort by decreasing length: a handful of forms.
	for i := 1; i < len(forms); i++ {
		for j := i; j > 0 && len(forms[j]) > len(forms[j-1]); j-- {
			forms[j], forms[j-1] = forms[j-1], forms[j]
		}
	}
	for _, f := range forms {
		text = strings.ReplaceAll(text, f, "[redacted]")
	}
	return text
}

// maxErrorNodes bounds the errors of a chain that errorSummary visits.
const maxErrorNodes = 32

// errorSummary returns what the log line may say of err without its
// text: the Go types of the errors in its tree, joined by " > " in the
// order errors.Is visits them, and the fixed texts of the causes known to
// hold no secret, joined by "; ".
func errorSummary(err error) (types, causes string) {
	var ts, cs []string
	n := 0
	var walk func(error)
	walk = func(e error) {
		if e == nil || n >= maxErrorNodes {
			return
		}
		n++
		if t := fmt.Sprintf("%T", e); !containsString(ts, t) {
			ts = append(ts, t)
		}
		if c := safeCause(e); c != "" && !containsString(cs, c) {
			cs = append(cs, c)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return strings.Join(ts, " > "), strings.Join(cs, "; ")
}

// safeCause returns the text of e if it is an error whose text is fixed
// by the Go library or the operating system (so it holds nothing the
// verifier got from the request), "timeout" if e reports a timeout, and ""
// otherwise.
func safeCause(e error) string {
	switch e {
	case context.Canceled, context.DeadlineExceeded, io.EOF, io.ErrUnexpectedEOF:
		return e.Error()
	}
	if errno, ok := e.(syscall.Errno); ok {
		return errno.Error()
	}
	if t, ok := e.(interface{ Timeout() bool }); ok && t.Timeout() {
		return "timeout"
	}
	return ""
}

// logFailure logs the failure err of a verifier for r, as Options.ErrorLog
// describes, keeping every form of secrets out of the line.
func (g *guard) logFailure(r *http.Request, err error, secrets ...string) {
	types, causes := errorSummary(err)
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", scrub(r.URL.Path, secrets...)),
		slog.String("error_types", types),
	}
	if causes != "" {
		attrs = append(attrs, slog.String("causes", causes))
	}
	if g.logText {
		attrs = append(attrs, slog.String("error", scrub(err.Error(), secrets...)))
	}
	log := g.log
	if log == nil {
		log = slog.Default()
	}
	log.LogAttrs(r.Context(), slog.LevelError, "resourceserver: cannot check the request's credentials", attrs...)
}
