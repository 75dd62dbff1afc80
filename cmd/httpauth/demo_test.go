package main

import (
	"bytes"
	"encoding/base64"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/resourceserver"
)

// demoSteps splits a demo transcript into its numbered steps ("1. ..." up
// to the next one) and what follows the last step.
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

// runDemoTranscript runs the demo and returns its exit status, its
// transcript and what it wrote to stderr.
func runDemoTranscript() (int, string, string) {
	var stdout, stderr bytes.Buffer
	status := run([]string{"demo"}, strings.NewReader(""), &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

const (
	demoOrigin   = `http://127\.0\.0\.1:PORT`
	demoResource = demoOrigin + `/mcp`
	demoMetadata = demoOrigin + `/\.well-known/oauth-protected-resource/mcp`
	demoASMeta   = demoOrigin + `/\.well-known/oauth-authorization-server/as`
	demoTokenURL = demoOrigin + `/as/token`
	demoAdmin    = demoOrigin + `/admin/status`
	// What the transcript shows of Digest credentials and challenges.
	digestSent      = `> Authorization: Digest username=\[redacted\], realm="httpauth demo admin", uri=\[redacted\], algorithm=SHA-256, nonce=\[redacted\], nc=\[redacted\], cnonce=\[redacted\], qop=auth, response=\[redacted\]`
	digestSHA256    = `< WWW-Authenticate: Digest realm="httpauth demo admin", nonce="\[random\]", algorithm=SHA-256, qop="auth"`
	digestMD5       = `< WWW-Authenticate: Digest realm="httpauth demo admin", nonce="\[random\]", algorithm=MD5, qop="auth"`
	basicToTokenURL = `> Authorization: Basic \[redacted\]   \(the client id and secret: RFC 6749, Section 2\.3\.1\)`
)

// TestDemo runs the demo and checks each step of its transcript: the
// requests, the statuses, the challenges and what the client made of them.
func TestDemo(t *testing.T) {
	status, out, stderr := runDemoTranscript()
	if status != exitOK {
		t.Fatalf("demo: exit %d\n%s\nstderr:\n%s", status, out, stderr)
	}
	if stderr != "" {
		t.Errorf("demo wrote to stderr:\n%s", stderr)
	}
	steps, end := demoSteps(t, out)
	want := [][]string{
		{ // 1: 401 without error code, discovery through both metadata documents, a token, 200
			`1\. GET /mcp without a token: 401, discovery, a token, 200 .*`,
			`> GET ` + demoResource,
			`< 401 Unauthorized`,
			`< WWW-Authenticate: Bearer scope="mcp:read", resource_metadata="` + demoMetadata + `"`,
			`authclient\.Bearer asks the token source for \["mcp:read"\], after a 401 for a request without a token .*`,
			`the token source runs authclient\.Discover on the 401, .*`,
			`> GET ` + demoMetadata,
			`< 200 OK`,
			`<   "resource": "` + demoResource + `",`,
			`> GET ` + demoASMeta,
			`< 200 OK`,
			`<   "issuer": "` + demoOrigin + `/as",`,
			`the resource metadata is about ` + demoResource + `, the resource requested \(RFC 9728, Section 3\.3\)`,
			`the authorization server's metadata is about ` + demoOrigin + `/as, the issuer it lists \(RFC 8414, Section 3\.3\)`,
			`scopes to request: \["mcp:read"\]; token endpoint: ` + demoTokenURL + `; PKCE S256: .*`,
			`> POST ` + demoTokenURL,
			basicToTokenURL,
			`> grant_type="client_credentials" resource="` + demoResource + `" scope="mcp:read"   \(a form, decoded\)`,
			`< 200 OK`,
			`< {"access_token":"\[redacted\]","token_type":"Bearer","expires_in":3600,"scope":"mcp:read"}`,
			`the token source returns token 1: mcp:read`,
			`> GET ` + demoResource,
			`> Authorization: Bearer \[redacted\]   \(token 1: mcp:read\)`,
			`< 200 OK`,
			`< hello demo-client, your token grants mcp:read`,
			`ok`,
		},
		{ // 2: 403 insufficient_scope, the union of the scopes asked, the body replayed
			`2\. The tool save_note needs mcp:write: 403 insufficient_scope, step-up, 200 .*`,
			`> POST ` + demoResource,
			`> Authorization: Bearer \[redacted\]   \(token 1: mcp:read\)`,
			`> {"jsonrpc":"2\.0","id":1,"method":"tools/call","params":{"name":"save_note"}}`,
			`< 403 Forbidden`,
			`< WWW-Authenticate: Bearer scope="mcp:read mcp:write", error="insufficient_scope", resource_metadata="` + demoMetadata + `"`,
			`authclient\.Bearer asks the token source for \["mcp:read" "mcp:write"\], after a 403 for insufficient_scope: .*\(step-up\)`,
			`the token source uses what authclient\.Discover found: .*`,
			`> POST ` + demoTokenURL,
			`> grant_type="client_credentials" resource="` + demoResource + `" scope="mcp:read mcp:write"   \(a form, decoded\)`,
			`the token source returns token 2: mcp:read mcp:write`,
			`> POST ` + demoResource,
			`> Authorization: Bearer \[redacted\]   \(token 2: mcp:read mcp:write\)`,
			`> {"jsonrpc":"2\.0","id":1,"method":"tools/call","params":{"name":"save_note"}}`,
			`< 200 OK`,
			`< {"jsonrpc":"2\.0","id":1,"result":{"content":\[{"type":"text","text":"note saved"}\]}}`,
			`ok`,
		},
		{ // 3: the expired token refused with invalid_token, a fresh one asked for once
			`3\. An hour later the token has expired: 401 invalid_token, a fresh token, 200 .*`,
			`the demo's clock moves on an hour: .*`,
			`> Authorization: Bearer \[redacted\]   \(token 2: mcp:read mcp:write\)`,
			`< 401 Unauthorized`,
			`< WWW-Authenticate: Bearer scope="mcp:read", error="invalid_token", resource_metadata="` + demoMetadata + `"`,
			`authclient\.Bearer asks the token source for \["mcp:read" "mcp:write"\], after a 401 for invalid_token: .*`,
			`the token source returns token 3: mcp:read mcp:write`,
			`> Authorization: Bearer \[redacted\]   \(token 3: mcp:read mcp:write\)`,
			`< 200 OK`,
			`ok`,
		},
		{ // 4: two Digest challenges, the SHA-256 one answered
			`4\. GET /admin/status: 401 and Digest challenges, a computed response, 200 .*`,
			`> GET ` + demoAdmin,
			`< 401 Unauthorized`,
			digestSHA256,
			digestMD5,
			`> GET ` + demoAdmin,
			digestSent,
			`>   \(computed: nc=00000001, uri="/admin/status"\)`,
			`< 200 OK`,
			`< hello operator: the device is up`,
			`authclient\.Digest answered the SHA-256 challenge, the strongest offered .*`,
			`ok`,
		},
		{ // 5: pre-emptive, the nonce count grows
			`5\. GET /admin/status again: credentials at once, the nonce count grows .*`,
			`> GET ` + demoAdmin,
			digestSent,
			`>   \(computed: nc=00000002, uri="/admin/status"\)`,
			`< 200 OK`,
			`ok`,
		},
		{ // 6: stale=true, answered with the new nonce
			`6\. Ten minutes later the nonce has expired: 401 stale=true, the new nonce, 200 .*`,
			`>   \(computed: nc=00000003, uri="/admin/status"\)`,
			`< 401 Unauthorized`,
			`< WWW-Authenticate: Digest realm="httpauth demo admin", nonce="\[random\]", stale=true, algorithm=SHA-256, qop="auth"`,
			`< WWW-Authenticate: Digest realm="httpauth demo admin", nonce="\[random\]", stale=true, algorithm=MD5, qop="auth"`,
			`>   \(computed: nc=00000001, uri="/admin/status"\)`,
			`< 200 OK`,
			`ok`,
		},
		{ // 7: a wrong password: one answer, then the 401 back
			`7\. A wrong password: 401, one answer, the 401 given back .*`,
			`< 401 Unauthorized`,
			digestSHA256,
			`>   \(computed: nc=00000001, uri="/admin/status"\)`,
			`< 401 Unauthorized`,
			digestSHA256,
			digestMD5,
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
	// Step 7 ends after the second 401: no third request.
	if n := strings.Count(steps[6], "> GET "); n != 2 {
		t.Errorf("step 7 made %d requests, want 2:\n%s", n, steps[6])
	}
	if p, ok := containsInOrder(end, []string{`The server is stopped\.`, `PASS: all 7 steps behaved as RFC 6750, RFC 9728, RFC 8414 and RFC 7616 say`}); !ok {
		t.Errorf("the end of the transcript lacks %q:\n%s", p, end)
	}
	if strings.Contains(out, "FAIL") {
		t.Errorf("the transcript holds FAIL:\n%s", out)
	}

	// No secret appears: not a token, not the client's secret (alone or in
	// Basic credentials), not the password, not a Digest value other than
	// masked.
	basic := base64.StdEncoding.EncodeToString([]byte(demoClientID + ":" + demoClientSecret))
	for _, secret := range []string{demoTokenPrefix, demoClientSecret, basic, demoDigestPassword} {
		if strings.Contains(out, secret) {
			t.Errorf("the transcript shows the secret %q", secret)
		}
	}
	if m := regexp.MustCompile(`\b(nonce|cnonce|response)="?[^"\[]`).FindString(out); m != "" {
		t.Errorf("the transcript shows a Digest value: %q", m)
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

// TestDemoFails checks that the demo exits 1 and says which steps failed
// when the server does not behave as the RFCs say: each case breaks one
// piece of the server, and the steps that depend on it, and only those,
// must fail.
func TestDemoFails(t *testing.T) {
	tests := []struct {
		name     string
		sabotage func()
		failed   []int // the steps that fail, from 1
		lines    map[int][]string
	}{
		{
			name: "verifier that ignores expiry",
			sabotage: func() {
				demoVerifier = func(as *demoAuthServer) resourceserver.VerifyFunc {
					return func(r *http.Request, token string) (resourceserver.TokenInfo, error) {
						info, err := as.verify(r, token)
						info.Expiry = time.Time{}
						return info, err
					}
				}
			},
			failed: []int{3},
			lines: map[int][]string{3: {
				`> Authorization: Bearer \[redacted\]   \(token 2: mcp:read mcp:write\)`,
				`< 200 OK`,
				`FAIL: the requests were GET /mcp with Bearer \(token 2\) → 200; want GET /mcp with Bearer \(token 2\) → 401; POST /as/token with Basic → 200; GET /mcp with Bearer \(token 3\) → 200`,
			}},
		},
		{
			name: "verifier that accepts any token, with every scope",
			sabotage: func() {
				demoVerifier = func(*demoAuthServer) resourceserver.VerifyFunc {
					return func(*http.Request, string) (resourceserver.TokenInfo, error) {
						return resourceserver.TokenInfo{Scopes: demoScopesSupported, Subject: demoClientID}, nil
					}
				}
			},
			failed: []int{1, 2, 3},
			lines: map[int][]string{
				1: {`FAIL: 200 "hello demo-client, your token grants mcp:read mcp:write\\n", want 200 "hello demo-client, your token grants mcp:read\\n"`},
				2: {`FAIL: the requests were POST /mcp with Bearer \(token 1\) → 200; want POST /mcp with Bearer \(token 1\) → 403; .*`},
				3: {`FAIL: the requests were GET /mcp with Bearer \(token 1\) → 200; want .*`},
			},
		},
		{
			name: "Digest check that accepts any response",
			sabotage: func() {
				demoCheckDigest = func(authz.Digest, string, string, string, []byte) bool { return true }
			},
			failed: []int{7},
			lines: map[int][]string{7: {
				`>   \(computed: nc=00000001, uri="/admin/status"\)`,
				`< 200 OK`,
				`FAIL: the requests were GET /admin/status → 401; GET /admin/status with Digest → 200; want GET /admin/status → 401; GET /admin/status with Digest → 401`,
			}},
		},
		{
			name: "Digest check that refuses every response",
			sabotage: func() {
				demoCheckDigest = func(authz.Digest, string, string, string, []byte) bool { return false }
			},
			failed: []int{4, 5, 6},
			lines: map[int][]string{4: {
				`FAIL: the requests were GET /admin/status → 401; GET /admin/status with Digest → 401; want GET /admin/status → 401; GET /admin/status with Digest → 200`,
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			savedVerifier, savedCheck := demoVerifier, demoCheckDigest
			t.Cleanup(func() { demoVerifier, demoCheckDigest = savedVerifier, savedCheck })
			tt.sabotage()

			status, out, stderr := runDemoTranscript()
			if status != exitFailed {
				t.Errorf("exit %d, want %d", status, exitFailed)
			}
			if stderr != "" {
				t.Errorf("demo wrote to stderr:\n%s", stderr)
			}
			steps, end := demoSteps(t, out)
			if len(steps) != 7 {
				t.Fatalf("the transcript has %d steps, want 7:\n%s", len(steps), out)
			}
			for i, s := range steps {
				n := i + 1
				failed := strings.Contains(s, "FAIL:")
				wantFail := false
				for _, f := range tt.failed {
					wantFail = wantFail || f == n
				}
				if failed != wantFail {
					t.Errorf("step %d: FAIL is %v, want %v:\n%s", n, failed, wantFail, s)
				}
				if p, ok := containsInOrder(s, tt.lines[n]); !ok {
					t.Errorf("step %d lacks %q:\n%s", n, p, s)
				}
			}
			summary := `FAIL: ` + strconv.Itoa(len(tt.failed)) + ` of 7 steps did not behave as RFC 6750, RFC 9728, RFC 8414 and RFC 7616 say`
			if p, ok := containsInOrder(end, []string{`The server is stopped\.`, summary}); !ok {
				t.Errorf("the end of the transcript lacks %q:\n%s", p, end)
			}
		})
	}
}
