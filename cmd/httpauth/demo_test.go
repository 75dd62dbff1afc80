package main

import (
	"bytes"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// demoSteps splits a demo transcript into its preamble, its numbered steps
// ("1. ..." up to the next one) and what follows the last step.
func demoSteps(t *testing.T, out string) (steps []string, end string) {
	t.Helper()
	heading := regexp.MustCompile(`(?m)^\d+\. `)
	idx := heading.FindAllStringIndex(out, -1)
	for i, at := range idx {
		stop := len(out)
		if i+1 < len(idx) {
			stop = idx[i+1][0]
		}
		steps = append(steps, out[at[0]:stop])
	}
	if len(steps) > 0 {
		last := steps[len(steps)-1]
		if i := strings.Index(last, "\nThe server is stopped."); i >= 0 {
			steps[len(steps)-1], end = last[:i+1], last[i+1:]
		}
	}
	return steps, end
}

// containsInOrder reports the first of patterns that does not match a line
// of text after the line the previous one matched. A pattern is a
// regular expression matched against a whole line, with its leading spaces
// trimmed, in which PORT stands for the server's port.
func containsInOrder(text string, patterns []string) (missing string, ok bool) {
	lines := strings.Split(text, "\n")
	i := 0
	for _, p := range patterns {
		re := regexp.MustCompile("^" + strings.ReplaceAll(p, "PORT", `[0-9]+`) + "$")
		for i < len(lines) && !re.MatchString(strings.TrimLeft(lines[i], " ")) {
			i++
		}
		if i == len(lines) {
			return p, false
		}
		i++
	}
	return "", true
}

const (
	demoResource = `http://127\.0\.0\.1:PORT/mcp`
	demoMetadata = `http://127\.0\.0\.1:PORT/\.well-known/oauth-protected-resource/mcp`
)

// TestDemo runs the demo and checks each step of its transcript: the
// requests, the statuses, the challenges and what the client made of them.
func TestDemo(t *testing.T) {
	var stdout, stderr bytes.Buffer
	status := run([]string{"demo"}, strings.NewReader(""), &stdout, &stderr)
	out := stdout.String()
	if status != exitOK {
		t.Fatalf("demo: exit %d\n%s\nstderr:\n%s", status, out, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("demo wrote to stderr:\n%s", stderr.String())
	}
	steps, end := demoSteps(t, out)
	want := [][]string{
		{ // 1: no credentials: 401, a Bearer challenge with resource_metadata and no error
			`1\. A request without credentials: 401 .*`,
			`> GET ` + demoResource,
			`< 401 Unauthorized`,
			`< WWW-Authenticate: Bearer scope="mcp:read mcp:write", resource_metadata="` + demoMetadata + `"`,
			`parsed by wwwauth\.ParseResponse: a Bearer challenge`,
			`scope: \["mcp:read" "mcp:write"\]`,
			`resource_metadata: "` + demoMetadata + `"`,
			`no error code, as RFC 6750, Section 3\.1 asks .*`,
			`ok`,
		},
		{ // 2: the metadata, about the resource requested
			`2\. The client fetches the resource metadata .*`,
			`> GET ` + demoMetadata,
			`< 200 OK`,
			`< Content-Type: application/json`,
			`<   "resource": "` + demoResource + `",`,
			`<   "authorization_servers": \[`,
			`resourceserver\.Fetch: its resource is the URL the client requested \(RFC 9728, Section 3\.3\)`,
			`ok`,
		},
		{ // 3: the token with every scope: 200, and the token not shown
			`3\. The client retries with the token with mcp:read mcp:write: 200`,
			`> GET ` + demoResource,
			`> Authorization: Bearer \[redacted\]   \(the token with mcp:read mcp:write\)`,
			`< 200 OK`,
			`< hello demo-user, your token grants mcp:read mcp:write`,
			`ok`,
		},
		{ // 4: an unknown token: 401 invalid_token
			`4\. A request with a token the server does not know: 401 invalid_token .*`,
			`> Authorization: Bearer \[redacted\]   \(a token the server does not know\)`,
			`< 401 Unauthorized`,
			`< WWW-Authenticate: Bearer scope="mcp:read mcp:write", error="invalid_token", error_description="[^"]*", resource_metadata="` + demoMetadata + `"`,
			`error: "invalid_token" \(status 401\)`,
			`ok`,
		},
		{ // 5: a token lacking a scope: 403 insufficient_scope, with the scopes to ask for
			`5\. A request with the token with mcp:read only: 403 insufficient_scope .*`,
			`> Authorization: Bearer \[redacted\]   \(the token with mcp:read only\)`,
			`< 403 Forbidden`,
			`< WWW-Authenticate: Bearer scope="mcp:read mcp:write", error="insufficient_scope", resource_metadata="` + demoMetadata + `"`,
			`error: "insufficient_scope" \(status 403\)`,
			`the client would ask the authorization server for a token with mcp:read mcp:write \(step-up\)`,
			`ok`,
		},
	}
	if len(steps) != len(want) {
		t.Fatalf("the transcript has %d steps, want %d:\n%s", len(steps), len(want), out)
	}
	for i, patterns := range want {
		if p, ok := containsInOrder(steps[i], patterns); !ok {
			t.Errorf("step %d: no line matches %q after the previous ones:\n%s", i+1, p, steps[i])
		}
	}
	if p, ok := containsInOrder(end, []string{`The server is stopped\.`, `PASS: all 5 steps behaved as RFC 6750 and RFC 9728 say`}); !ok {
		t.Errorf("the end of the transcript lacks %q:\n%s", p, end)
	}
	if strings.Contains(out, "FAIL") {
		t.Errorf("the transcript holds FAIL:\n%s", out)
	}

	// The tokens never appear: the transcript shows them redacted.
	for _, tok := range []demoToken{tokenReadWrite, tokenReadOnly, tokenUnknown} {
		if strings.Contains(out, tok.value) {
			t.Errorf("the transcript shows %s", tok.name)
		}
	}

	// The server is stopped: its port takes no connection.
	addr := regexp.MustCompile(`127\.0\.0\.1:[0-9]+`).FindString(out)
	if addr == "" {
		t.Fatal("no server address in the transcript")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("the demo server at %s still accepts connections", addr)
	}
}

// TestDemoFails checks that the demo exits 1 and says which step failed
// when the server does not behave as the RFCs say: here its verifier
// accepts any token, so the unknown one gets 200, not 401.
func TestDemoFails(t *testing.T) {
	saved := demoVerify
	t.Cleanup(func() { demoVerify = saved })
	demoVerify = func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
		return resourceserver.TokenInfo{Scopes: demoScopes, Subject: "demo-user"}, nil
	}
	var stdout, stderr bytes.Buffer
	if status := run([]string{"demo"}, strings.NewReader(""), &stdout, &stderr); status != exitFailed {
		t.Errorf("demo with a verifier that accepts any token: exit %d, want %d", status, exitFailed)
	}
	out := stdout.String()
	steps, end := demoSteps(t, out)
	if len(steps) != 5 {
		t.Fatalf("the transcript has %d steps, want 5:\n%s", len(steps), out)
	}
	for i, s := range steps {
		failed := strings.Contains(s, "FAIL:")
		if wantFail := i == 3 || i == 4; failed != wantFail {
			t.Errorf("step %d: FAIL is %v, want %v:\n%s", i+1, failed, wantFail, s)
		}
	}
	if p, ok := containsInOrder(steps[3], []string{`< 200 OK`, `FAIL: status 200, want 401`}); !ok {
		t.Errorf("step 4 lacks %q:\n%s", p, steps[3])
	}
	if p, ok := containsInOrder(end, []string{`The server is stopped\.`, `FAIL: 2 of 5 steps did not behave as RFC 6750 and RFC 9728 say`}); !ok {
		t.Errorf("the end of the transcript lacks %q:\n%s", p, end)
	}
}
